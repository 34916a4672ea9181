//! Keys → actions, per context. The help overlay is generated from these tables, so what it
//! lists is what is in force.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::state::{Action, Context};

/// One key binding: the key, how it is written on screen, and the action.
pub struct Binding {
    pub code: KeyCode,
    pub mods: KeyModifiers,
    pub label: &'static str,
    pub action: Action,
}

const fn key(code: KeyCode, label: &'static str, action: Action) -> Binding {
    Binding {
        code,
        mods: KeyModifiers::NONE,
        label,
        action,
    }
}
const fn ctrl(c: char, label: &'static str, action: Action) -> Binding {
    Binding {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
        label,
        action,
    }
}

/// Keys that work on every screen (unless a form has the keyboard).
const GLOBAL: &[Binding] = &[
    key(KeyCode::F(1), "F1", Action::Help),
    key(KeyCode::Tab, "Tab", Action::NextScreen),
    key(KeyCode::BackTab, "Shift-Tab", Action::PrevScreen),
    key(KeyCode::F(5), "F5", Action::PickEvent),
    ctrl('c', "Ctrl-C", Action::Quit),
];

const LIST: &[Binding] = &[
    key(KeyCode::Up, "↑", Action::Up),
    key(KeyCode::Down, "↓", Action::Down),
    key(KeyCode::PageUp, "PgUp", Action::PageUp),
    key(KeyCode::PageDown, "PgDn", Action::PageDown),
    key(KeyCode::Home, "Home", Action::Home),
    key(KeyCode::End, "End", Action::End),
];

const CHECKIN: &[Binding] = &[
    key(KeyCode::Enter, "Enter", Action::Submit),
    key(KeyCode::Esc, "Esc", Action::Cancel),
    key(KeyCode::Backspace, "Backspace", Action::Backspace),
    key(KeyCode::F(2), "F2", Action::WalkIn),
    ctrl('n', "Ctrl-N", Action::WalkIn),
    ctrl('z', "Ctrl-Z", Action::Undo),
    key(KeyCode::F(3), "F3", Action::ToggleContacts),
];

const PEOPLE: &[Binding] = &[
    key(KeyCode::Enter, "Enter", Action::Detail),
    key(KeyCode::Esc, "Esc", Action::Cancel),
    key(KeyCode::Backspace, "Backspace", Action::Backspace),
    key(KeyCode::F(2), "F2", Action::Edit),
    key(KeyCode::F(3), "F3", Action::AddPerson),
    ctrl('n', "Ctrl-N", Action::AddPerson),
    key(KeyCode::F(4), "F4", Action::FilterMenu),
    key(KeyCode::F(6), "F6", Action::SortNext),
    key(KeyCode::F(7), "F7", Action::SortReverse),
    key(KeyCode::F(8), "F8", Action::ToggleOrgs),
    ctrl('a', "Ctrl-A", Action::ToggleEveryone),
    ctrl('r', "Ctrl-R", Action::Register),
    key(KeyCode::Delete, "Del", Action::Archive),
    ctrl('g', "Ctrl-G", Action::Merge),
    ctrl('d', "Ctrl-D", Action::CloseDay),
    ctrl('z', "Ctrl-Z", Action::UndoCloseDay),
    ctrl('o', "Ctrl-O", Action::ImportPeople),
    ctrl('e', "Ctrl-E", Action::ExportPeople),
];

const ORGS: &[Binding] = &[
    key(KeyCode::Enter, "Enter", Action::Edit),
    key(KeyCode::F(2), "F2", Action::Edit),
    key(KeyCode::F(3), "F3", Action::AddPerson),
    key(KeyCode::Esc, "Esc", Action::Cancel),
    key(KeyCode::Backspace, "Backspace", Action::Backspace),
    key(KeyCode::F(8), "F8", Action::ToggleOrgs),
    ctrl('o', "Ctrl-O", Action::ImportPeople),
    ctrl('e', "Ctrl-E", Action::ExportPeople),
];

const FILTER: &[Binding] = &[
    key(KeyCode::Up, "↑", Action::Up),
    key(KeyCode::Down, "↓", Action::Down),
    key(KeyCode::Left, "←", Action::Left),
    key(KeyCode::Right, "→", Action::Right),
    key(KeyCode::Char(' '), "Space", Action::Right),
    key(KeyCode::Backspace, "Backspace", Action::Backspace),
    key(KeyCode::Enter, "Enter", Action::Submit),
    key(KeyCode::Esc, "Esc", Action::Cancel),
    key(KeyCode::F(4), "F4", Action::FilterMenu),
    ctrl('c', "Ctrl-C", Action::Quit),
];

const PATH_INPUT: &[Binding] = &[
    key(KeyCode::Enter, "Enter", Action::Submit),
    key(KeyCode::Esc, "Esc", Action::Cancel),
    key(KeyCode::Backspace, "Backspace", Action::Backspace),
    ctrl('c', "Ctrl-C", Action::Quit),
];

const WALKIN: &[Binding] = &[
    key(KeyCode::Enter, "Enter", Action::Submit),
    key(KeyCode::Esc, "Esc", Action::Cancel),
    key(KeyCode::Tab, "Tab", Action::NextField),
    key(KeyCode::BackTab, "Shift-Tab", Action::PrevField),
    key(KeyCode::Down, "↓", Action::Down),
    key(KeyCode::Up, "↑", Action::Up),
    key(KeyCode::Left, "←", Action::Left),
    key(KeyCode::Right, "→", Action::Right),
    key(KeyCode::Backspace, "Backspace", Action::Backspace),
    ctrl('c', "Ctrl-C", Action::Quit),
];

const CONFIRM: &[Binding] = &[
    key(KeyCode::Enter, "Enter / y", Action::Submit),
    key(KeyCode::Esc, "Esc / n", Action::Cancel),
    ctrl('c', "Ctrl-C", Action::Quit),
];

const PICKER: &[Binding] = &[
    key(KeyCode::Up, "↑", Action::Up),
    key(KeyCode::Down, "↓", Action::Down),
    key(KeyCode::Home, "Home", Action::Home),
    key(KeyCode::End, "End", Action::End),
    key(KeyCode::Enter, "Enter", Action::Submit),
    key(KeyCode::Esc, "Esc", Action::Cancel),
    ctrl('c', "Ctrl-C", Action::Quit),
];

const OFFER_DEMO: &[Binding] = &[
    key(KeyCode::Enter, "Enter", Action::LoadDemo),
    key(KeyCode::Esc, "Esc", Action::Cancel),
    ctrl('c', "Ctrl-C", Action::Quit),
];

/// The binding tables in force in `ctx`, most specific first.
pub fn tables(ctx: Context) -> Vec<&'static [Binding]> {
    match ctx {
        Context::Checkin => vec![CHECKIN, LIST, GLOBAL],
        Context::WalkIn | Context::Form => vec![WALKIN],
        Context::People => vec![PEOPLE, LIST, GLOBAL],
        Context::Orgs => vec![ORGS, LIST, GLOBAL],
        Context::Filter => vec![FILTER],
        Context::PathInput => vec![PATH_INPUT],
        Context::Confirm => vec![CONFIRM],
        Context::EventPicker => vec![PICKER],
        Context::OfferDemo => vec![OFFER_DEMO],
        Context::Help => vec![],
    }
}

/// Whether typed characters go into a text field in `ctx`.
pub fn types_text(ctx: Context) -> bool {
    matches!(
        ctx,
        Context::Checkin
            | Context::WalkIn
            | Context::Confirm
            | Context::People
            | Context::Orgs
            | Context::Form
            | Context::PathInput
    )
}

/// The action for a key press in `ctx`, if any.
pub fn action_for(ctx: Context, k: KeyEvent) -> Option<Action> {
    if ctx == Context::Help {
        // Any key closes help; Ctrl-C still quits.
        if k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL) {
            return Some(Action::Quit);
        }
        return Some(Action::Help);
    }
    let mods = k.modifiers - KeyModifiers::SHIFT;
    for table in tables(ctx) {
        for b in table {
            let code_matches = match (b.code, k.code) {
                (KeyCode::Char(a), KeyCode::Char(c)) => a.eq_ignore_ascii_case(&c),
                (a, c) => a == c,
            };
            if code_matches && b.mods == mods {
                return Some(b.action.clone());
            }
        }
    }
    match k.code {
        KeyCode::Char(c) if types_text(ctx) && (mods.is_empty() || mods == KeyModifiers::ALT) => {
            Some(Action::Input(c))
        }
        KeyCode::Char('?') if !types_text(ctx) => Some(Action::Help),
        _ => None,
    }
}
