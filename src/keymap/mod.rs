//! Keys → actions, per context. The help overlay is generated from these tables, so what it
//! lists is what is in force.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

mod action;

pub use action::{Action, Context};

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
    key(KeyCode::F(4), "F4", Action::ShowMissing),
    key(KeyCode::F(9), "F9", Action::ForgetImports),
    ctrl('o', "Ctrl-O", Action::ImportPeople),
];

/// Who has not come yet: the list over the desk.
const MISSING: &[Binding] = &[
    key(KeyCode::Enter, "Enter", Action::Submit),
    key(KeyCode::F(3), "F3", Action::ToggleContacts),
    key(KeyCode::Esc, "Esc", Action::Cancel),
    key(KeyCode::F(4), "F4", Action::ShowMissing),
    ctrl('c', "Ctrl-C", Action::Quit),
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
    ctrl('y', "Ctrl-Y", Action::Restore),
    ctrl('d', "Ctrl-D", Action::CloseDay),
    ctrl('z', "Ctrl-Z", Action::UndoCloseDay),
    ctrl('o', "Ctrl-O", Action::ImportPeople),
    ctrl('e', "Ctrl-E", Action::ExportPeople),
    ctrl('p', "Ctrl-P", Action::Print),
    key(KeyCode::F(9), "F9", Action::PersonReport),
];

const ORGS: &[Binding] = &[
    key(KeyCode::Enter, "Enter", Action::Edit),
    key(KeyCode::F(2), "F2", Action::Edit),
    key(KeyCode::F(3), "F3", Action::AddPerson),
    key(KeyCode::Esc, "Esc", Action::Cancel),
    key(KeyCode::Backspace, "Backspace", Action::Backspace),
    key(KeyCode::F(8), "F8", Action::ToggleOrgs),
    key(KeyCode::Delete, "Del", Action::Delete),
    ctrl('g', "Ctrl-G", Action::Merge),
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

/// Merging two people field by field: a row per differing field, a side per value.
const MERGE_CHOICE: &[Binding] = &[
    key(KeyCode::Up, "↑", Action::Up),
    key(KeyCode::Down, "↓", Action::Down),
    key(KeyCode::Left, "←", Action::Left),
    key(KeyCode::Right, "→", Action::Right),
    key(KeyCode::Enter, "Enter", Action::Submit),
    key(KeyCode::Esc, "Esc", Action::Cancel),
    ctrl('c', "Ctrl-C", Action::Quit),
];

const PATH_INPUT: &[Binding] = &[
    key(KeyCode::Enter, "Enter", Action::Submit),
    key(KeyCode::Tab, "Tab", Action::CycleFormat),
    key(KeyCode::Esc, "Esc", Action::Cancel),
    key(KeyCode::Backspace, "Backspace", Action::Backspace),
    ctrl('c', "Ctrl-C", Action::Quit),
];

/// The backup dialog: Tab goes from the path to the passphrase and back, F2 chooses to write
/// without a passphrase (or with one again).
const BACKUP_INPUT: &[Binding] = &[
    key(KeyCode::Enter, "Enter", Action::Submit),
    key(KeyCode::Tab, "Tab", Action::NextField),
    key(KeyCode::F(2), "F2", Action::NoPassphrase),
    key(KeyCode::Esc, "Esc", Action::Cancel),
    key(KeyCode::Backspace, "Backspace", Action::Backspace),
    ctrl('c', "Ctrl-C", Action::Quit),
];

/// The import dialog's path: ↑↓ choose a listed file, Tab completes the path or takes the file.
const IMPORT_PATH: &[Binding] = &[
    key(KeyCode::Enter, "Enter", Action::Submit),
    key(KeyCode::Up, "↑", Action::Up),
    key(KeyCode::Down, "↓", Action::Down),
    key(KeyCode::Tab, "Tab", Action::NextField),
    key(KeyCode::PageUp, "PgUp", Action::PageUp),
    key(KeyCode::PageDown, "PgDn", Action::PageDown),
    key(KeyCode::Esc, "Esc", Action::Cancel),
    key(KeyCode::Backspace, "Backspace", Action::Backspace),
    ctrl('c', "Ctrl-C", Action::Quit),
];

/// The import preview: Tab picks a column, ↑↓ change what it is read into.
const IMPORT_PREVIEW: &[Binding] = &[
    key(KeyCode::Enter, "Enter", Action::Submit),
    key(KeyCode::Tab, "Tab", Action::NextField),
    key(KeyCode::BackTab, "Shift-Tab", Action::PrevField),
    key(KeyCode::Up, "↑", Action::Up),
    key(KeyCode::Down, "↓", Action::Down),
    key(KeyCode::Char(' '), "Space", Action::Right),
    key(KeyCode::PageDown, "PgDn", Action::PageDown),
    key(KeyCode::PageUp, "PgUp", Action::PageUp),
    key(KeyCode::Char('n'), "n", Action::NextFlagged),
    key(KeyCode::Char('p'), "p", Action::PrevFlagged),
    key(KeyCode::Char('x'), "x", Action::SkipRow),
    key(KeyCode::Delete, "Del", Action::SkipRow),
    key(KeyCode::Esc, "Esc", Action::Cancel),
    ctrl('c', "Ctrl-C", Action::Quit),
];

const PRINT_MENU: &[Binding] = &[
    key(KeyCode::Up, "↑", Action::Up),
    key(KeyCode::Down, "↓", Action::Down),
    key(KeyCode::Enter, "Enter", Action::Submit),
    key(KeyCode::Esc, "Esc", Action::Cancel),
    ctrl('c', "Ctrl-C", Action::Quit),
];

/// The chosen sheet's options: ↑↓ pick one, ←→ or Space change it, Enter goes on to the file.
const PRINT_OPTIONS: &[Binding] = &[
    key(KeyCode::Up, "↑", Action::Up),
    key(KeyCode::Down, "↓", Action::Down),
    key(KeyCode::Left, "←", Action::Left),
    key(KeyCode::Right, "→", Action::Right),
    key(KeyCode::Char(' '), "Space", Action::Right),
    key(KeyCode::Enter, "Enter", Action::Submit),
    key(KeyCode::Esc, "Esc", Action::Cancel),
    ctrl('c', "Ctrl-C", Action::Quit),
];

/// Editing inside a text field, wherever one has the keyboard.
const TEXT: &[Binding] = &[
    ctrl('u', "Ctrl-U", Action::ClearField),
    ctrl('w', "Ctrl-W", Action::DeleteWord),
    Binding {
        code: KeyCode::Left,
        mods: KeyModifiers::CONTROL,
        label: "Ctrl-←",
        action: Action::WordLeft,
    },
    Binding {
        code: KeyCode::Right,
        mods: KeyModifiers::CONTROL,
        label: "Ctrl-→",
        action: Action::WordRight,
    },
];

/// Del deletes at the caret where it has no other job (on 명단 it archives).
const DEL_CHAR: &[Binding] = &[key(KeyCode::Delete, "Del", Action::DeleteChar)];

/// ← → move the caret of a search box whose screen has no other use for them.
const CARET: &[Binding] = &[
    key(KeyCode::Left, "←", Action::Left),
    key(KeyCode::Right, "→", Action::Right),
];

/// Home and End in a form: the start and end of the field.
const FIELD_ENDS: &[Binding] = &[
    key(KeyCode::Home, "Home", Action::Home),
    key(KeyCode::End, "End", Action::End),
];

/// Every form: the walk-in, a person, an organisation, an agenda item, an action item's
/// owner and due date, an idea, the ideas filter.
const FORM: &[Binding] = &[
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

const fn alt(code: KeyCode, label: &'static str, action: Action) -> Binding {
    Binding {
        code,
        mods: KeyModifiers::ALT,
        label,
        action,
    }
}
const fn ch(c: char, label: &'static str, action: Action) -> Binding {
    key(KeyCode::Char(c), label, action)
}

/// The agenda has no search box: plain letters are commands.
const AGENDA: &[Binding] = &[
    ch('a', "a", Action::AddItem),
    key(KeyCode::Insert, "Ins", Action::AddItem),
    key(KeyCode::Enter, "Enter / e", Action::Edit),
    ch('e', "e", Action::Edit),
    ch('d', "d / Del", Action::Delete),
    key(KeyCode::Delete, "Del", Action::Delete),
    ch('k', "K / Alt-↑", Action::MoveUp),
    alt(KeyCode::Up, "Alt-↑", Action::MoveUp),
    ch('j', "J / Alt-↓", Action::MoveDown),
    alt(KeyCode::Down, "Alt-↓", Action::MoveDown),
    ch('s', "s", Action::CycleStatus),
    ch('t', "t", Action::Template),
    ch('c', "c", Action::CopyLast),
];

/// The notes list has no search box either.
const NOTES: &[Binding] = &[
    ch('n', "n / Ins", Action::AddItem),
    key(KeyCode::Insert, "Ins", Action::AddItem),
    key(KeyCode::Enter, "Enter / e", Action::Edit),
    ch('e', "e", Action::Edit),
    ch('d', "d / Del", Action::Delete),
    key(KeyCode::Delete, "Del", Action::Delete),
    ch('k', "k", Action::CycleKindFilter),
    ch('a', "a", Action::CycleAgendaFilter),
    ch('o', "o", Action::OwnerDue),
    ch('x', "x / Space", Action::ToggleDone),
    ch(' ', "Space", Action::ToggleDone),
    ch('l', "l", Action::OpenActions),
    ch('m', "m", Action::ExportMinutes),
    ch('t', "t", Action::ExportMinutesText),
    ch('p', "p", Action::ExportPack),
    ch('i', "i", Action::IdeaFromNote),
];

/// The note editor takes every key but these (and Ctrl-C / F1).
const EDITOR: &[Binding] = &[
    ctrl('s', "Ctrl-S", Action::Save),
    key(KeyCode::Esc, "Esc", Action::Cancel),
    key(KeyCode::F(2), "F2", Action::CycleKind),
    key(KeyCode::F(3), "F3", Action::CycleAgendaFilter),
    key(KeyCode::Backspace, "Backspace", Action::Backspace),
    key(KeyCode::F(1), "F1", Action::Help),
    ctrl('c', "Ctrl-C", Action::Quit),
];

/// A question: yes or no, also as the jamo the Korean 2-set layout puts on y and n (ㅛ, ㅜ),
/// which reach these bindings as their letters.
const CONFIRM: &[Binding] = &[
    key(KeyCode::Enter, "Enter / y", Action::Yes),
    key(KeyCode::Char('y'), "y", Action::Yes),
    key(KeyCode::Esc, "Esc / n", Action::No),
    key(KeyCode::Char('n'), "n", Action::No),
    ctrl('c', "Ctrl-C", Action::Quit),
];

/// The third answer of a question that offers it.
const DISCARD: &[Binding] = &[key(KeyCode::Char('d'), "d", Action::Discard)];

const PICKER: &[Binding] = &[
    key(KeyCode::Up, "↑", Action::Up),
    key(KeyCode::Down, "↓", Action::Down),
    key(KeyCode::Home, "Home", Action::Home),
    key(KeyCode::End, "End", Action::End),
    key(KeyCode::Enter, "Enter", Action::Submit),
    key(KeyCode::Char('n'), "n", Action::NewEvent),
    key(KeyCode::Char('e'), "e", Action::Edit),
    key(KeyCode::Char('d'), "d", Action::Delete),
    key(KeyCode::Delete, "Del", Action::Delete),
    key(KeyCode::Esc, "Esc", Action::Cancel),
    ctrl('c', "Ctrl-C", Action::Quit),
];

const fn shift(code: KeyCode, label: &'static str, action: Action) -> Binding {
    Binding {
        code,
        mods: KeyModifiers::SHIFT,
        label,
        action,
    }
}

/// The ideas board has no search box, so plain letters are its commands.
const IDEAS_BOARD: &[Binding] = &[
    key(KeyCode::Left, "←", Action::PrevColumn),
    key(KeyCode::Right, "→", Action::NextColumn),
    shift(KeyCode::Left, "Shift-←", Action::MoveIdeaBack),
    shift(KeyCode::Right, "Shift-→", Action::MoveIdeaForward),
    key(KeyCode::Char('<'), "<", Action::MoveIdeaBack),
    key(KeyCode::Char('>'), ">", Action::MoveIdeaForward),
    key(KeyCode::Enter, "Enter", Action::OpenIdea),
    key(KeyCode::Char('e'), "e", Action::EditIdea),
    key(KeyCode::Char('n'), "n", Action::NewIdea),
    key(KeyCode::Char('x'), "x", Action::DropIdea),
    key(KeyCode::Char('d'), "d", Action::ToggleDropped),
    key(KeyCode::Char('f'), "f", Action::FilterMenu),
    key(KeyCode::Char('/'), "/", Action::FilterMenu),
    key(KeyCode::Char('s'), "s", Action::ToggleStale),
    key(KeyCode::Esc, "Esc", Action::ClearFilter),
];

const IDEA_DETAIL: &[Binding] = &[
    key(KeyCode::Up, "↑", Action::Up),
    key(KeyCode::Down, "↓", Action::Down),
    key(KeyCode::PageUp, "PgUp", Action::PageUp),
    key(KeyCode::PageDown, "PgDn", Action::PageDown),
    key(KeyCode::Enter, "Enter", Action::EditIdea),
    key(KeyCode::Char('e'), "e", Action::EditIdea),
    key(KeyCode::Esc, "Esc", Action::Cancel),
    ctrl('c', "Ctrl-C", Action::Quit),
];

/// The change history has no search box: plain letters are commands.
const HISTORY: &[Binding] = &[
    key(KeyCode::Enter, "Enter", Action::Detail),
    ch('u', "u", Action::UndoChange),
    ch('f', "f / F4", Action::FilterMenu),
    key(KeyCode::F(4), "F4", Action::FilterMenu),
    key(KeyCode::Esc, "Esc", Action::ClearFilter),
];

/// 동기화: Enter settles a conflict with the value pointed at.
const SYNC: &[Binding] = &[
    key(KeyCode::Enter, "Enter", Action::Submit),
    key(KeyCode::F(2), "F2", Action::SyncHost),
    key(KeyCode::F(3), "F3", Action::SyncJoin),
    key(KeyCode::F(4), "F4", Action::SyncStop),
    key(KeyCode::F(6), "F6", Action::WriteBackup),
];

/// 파기: no search box, so plain letters are commands; w switches what a shred removes (Tab
/// moves between screens here as everywhere).
const PRIVACY: &[Binding] = &[
    ch(' ', "Space", Action::MarkRow),
    ch('a', "a", Action::MarkAll),
    ch('w', "w", Action::SwitchScope),
    ch('r', "r", Action::SetRetention),
    key(KeyCode::Enter, "Enter", Action::ShredMarked),
    ch('d', "d", Action::ShredMarked),
];

/// One change's before and after.
const HISTORY_DETAIL: &[Binding] = &[
    key(KeyCode::Up, "↑", Action::Up),
    key(KeyCode::Down, "↓", Action::Down),
    key(KeyCode::PageUp, "PgUp", Action::PageUp),
    key(KeyCode::PageDown, "PgDn", Action::PageDown),
    ch('u', "u", Action::UndoChange),
    key(KeyCode::Esc, "Esc / Enter", Action::Cancel),
    key(KeyCode::Enter, "Enter", Action::Cancel),
    ctrl('c', "Ctrl-C", Action::Quit),
];

const OFFER_DEMO: &[Binding] = &[
    key(KeyCode::Enter, "Enter", Action::NewEvent),
    key(KeyCode::Char('d'), "d", Action::LoadDemo),
    key(KeyCode::Char('j'), "j", Action::SyncJoin),
    key(KeyCode::Esc, "Esc", Action::Cancel),
    ctrl('c', "Ctrl-C", Action::Quit),
];

/// The binding tables in force in `ctx`, most specific first.
pub fn tables(ctx: Context) -> Vec<&'static [Binding]> {
    match ctx {
        Context::Checkin => vec![CHECKIN, LIST, CARET, TEXT, DEL_CHAR, GLOBAL],
        Context::Form => vec![FORM, FIELD_ENDS, TEXT, DEL_CHAR],
        Context::People => vec![PEOPLE, LIST, CARET, TEXT, GLOBAL],
        Context::Orgs => vec![ORGS, LIST, CARET, TEXT, GLOBAL],
        Context::Filter => vec![FILTER],
        Context::MergeChoice => vec![MERGE_CHOICE],
        Context::PathInput => vec![PATH_INPUT, CARET, FIELD_ENDS, TEXT, DEL_CHAR],
        Context::BackupInput => vec![BACKUP_INPUT, CARET, FIELD_ENDS, TEXT, DEL_CHAR],
        Context::ImportPath => vec![IMPORT_PATH, CARET, FIELD_ENDS, TEXT, DEL_CHAR],
        Context::ImportPreview => vec![IMPORT_PREVIEW],
        Context::PrintMenu => vec![PRINT_MENU],
        Context::PrintOptions => vec![PRINT_OPTIONS],
        Context::Confirm => vec![CONFIRM],
        Context::AskDiscard => vec![CONFIRM, DISCARD],
        Context::EventPicker => vec![PICKER],
        Context::Missing => vec![MISSING, LIST],
        Context::OfferDemo => vec![OFFER_DEMO],
        Context::Help => vec![],
        Context::Agenda => vec![AGENDA, LIST, GLOBAL],
        Context::Notes => vec![NOTES, LIST, GLOBAL],
        Context::NoteEditor => vec![EDITOR],
        Context::IdeasBoard => vec![IDEAS_BOARD, LIST, GLOBAL],
        Context::IdeaDetail => vec![IDEA_DETAIL],
        Context::History => vec![HISTORY, LIST, GLOBAL],
        Context::HistoryDetail => vec![HISTORY_DETAIL],
        Context::Sync => vec![SYNC, LIST, GLOBAL],
        Context::Privacy => vec![PRIVACY, LIST, GLOBAL],
    }
}

/// How the key bound to `action` in `ctx` is written, if one is.
pub fn key_of(ctx: Context, action: &Action) -> Option<&'static str> {
    tables(ctx)
        .into_iter()
        .flatten()
        .find(|b| b.action == *action)
        .map(|b| b.label)
}

/// Whether typed characters go into a text field in `ctx`.
pub fn types_text(ctx: Context) -> bool {
    matches!(
        ctx,
        Context::Checkin
            | Context::People
            | Context::Orgs
            | Context::Form
            | Context::PathInput
            | Context::BackupInput
            | Context::ImportPath
            | Context::NoteEditor
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
    // A binding for the exact modifiers (Shift-← on the ideas board) wins; otherwise Shift is
    // ignored, as terminals differ in reporting it (BackTab, capital letters, '<').
    let mods = k.modifiers - KeyModifiers::SHIFT;
    for exact in [true, false] {
        for table in tables(ctx) {
            for b in table {
                let code_matches = match (b.code, k.code) {
                    (KeyCode::Char(a), KeyCode::Char(c)) => a.eq_ignore_ascii_case(&c),
                    (a, c) => a == c,
                };
                let mods_match = if exact {
                    b.mods == k.modifiers && b.mods.contains(KeyModifiers::SHIFT)
                } else {
                    b.mods == mods
                };
                if code_matches && mods_match {
                    return Some(b.action.clone());
                }
            }
        }
    }
    if ctx == Context::NoteEditor {
        return match k.code {
            KeyCode::Char(c) if mods.is_empty() || mods == KeyModifiers::ALT => {
                Some(Action::Input(c))
            }
            _ => Some(Action::EditKey(k)),
        };
    }
    match k.code {
        KeyCode::Char(c) if types_text(ctx) && (mods.is_empty() || mods == KeyModifiers::ALT) => {
            Some(Action::Input(c))
        }
        // With the Korean IME on, the terminal delivers the jamo on the key (ㅁ for a): a
        // single-letter shortcut answers to it as to its letter.
        KeyCode::Char(c) if !types_text(ctx) => {
            let key = crate::search::dubeolsik_key(c)?;
            let shift = if key.is_ascii_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            action_for(ctx, KeyEvent::new(KeyCode::Char(key), k.modifiers | shift))
        }
        KeyCode::Char('?') if !types_text(ctx) => Some(Action::Help),
        _ => None,
    }
}

/// The footer word of `a` in `ctx`: Enter and Esc mean different things on different screens.
fn footer_word(ctx: Context, a: &Action) -> Option<crate::i18n::L> {
    match (ctx, a) {
        (Context::Checkin, Action::Submit) => Some(crate::i18n::FOOTER_CHECK_IN),
        (Context::EventPicker, Action::Submit) => Some(crate::i18n::FOOTER_CHOOSE),
        (Context::Missing, Action::Submit) => Some(crate::i18n::FOOTER_CHECK_IN),
        (Context::Missing, Action::Cancel | Action::ShowMissing) => Some(crate::i18n::FOOTER_CLOSE),
        (Context::EventPicker, Action::Cancel) => Some(crate::i18n::FOOTER_CLOSE),
        (Context::HistoryDetail, Action::Cancel) => Some(crate::i18n::FOOTER_CLOSE),
        (Context::Sync, Action::Submit) => Some(crate::i18n::FOOTER_DECIDE),
        (Context::Sync, Action::SyncHost) => Some(crate::i18n::FOOTER_SYNC_HOST),
        (Context::Sync, Action::SyncJoin) => Some(crate::i18n::FOOTER_SYNC_JOIN),
        (Context::OfferDemo, Action::SyncJoin) => Some(crate::i18n::FOOTER_JOIN_FROM),
        (Context::Sync, Action::SyncStop) => Some(crate::i18n::FOOTER_SYNC_STOP),
        // Enter takes a highlighted suggestion, else saves the form.
        (Context::Form, Action::Submit) => Some(crate::i18n::FOOTER_TAKE_OR_SAVE),
        (Context::ImportPreview, Action::Submit) => Some(crate::i18n::FOOTER_IMPORT),
        (Context::PrintMenu, Action::Submit) => Some(crate::i18n::FOOTER_CHOOSE),
        (Context::MergeChoice, Action::Up | Action::Down) => Some(crate::i18n::FOOTER_MERGE_ROW),
        // The dialog's two columns say whose value is left and whose is right.
        (Context::MergeChoice, Action::Left | Action::Right) => {
            Some(crate::i18n::FOOTER_MERGE_PICK)
        }
        (Context::MergeChoice, Action::Submit) => Some(crate::i18n::FOOTER_MERGE),
        (Context::MergeChoice, Action::Cancel) => Some(crate::i18n::FOOTER_CANCEL),
        (Context::MergeChoice, Action::Quit) => None,
        (Context::PrintMenu, Action::Cancel) => Some(crate::i18n::FOOTER_CLOSE),
        (Context::PrintMenu, Action::Quit) => None,
        (Context::PrintOptions, Action::Up | Action::Down) => {
            Some(crate::i18n::PRINT_FOOTER_OPTION)
        }
        (Context::PrintOptions, Action::Left | Action::Right) => {
            Some(crate::i18n::PRINT_FOOTER_CHANGE)
        }
        (Context::PrintOptions, Action::Submit) => Some(crate::i18n::PRINT_FOOTER_NEXT),
        (Context::PrintOptions, Action::Cancel) => Some(crate::i18n::FOOTER_BACK),
        (Context::PrintOptions, Action::Quit) => None,
        (Context::ImportPreview, Action::NextField) => Some(crate::i18n::FOOTER_CHOOSE_COLUMN),
        (Context::ImportPreview, Action::PrevField) => None,
        (Context::ImportPreview, Action::Up | Action::Down) => {
            Some(crate::i18n::FOOTER_CHANGE_FIELD)
        }
        (Context::ImportPreview, Action::Right) => Some(crate::i18n::FOOTER_REGISTER),
        (Context::ImportPreview, Action::Cancel) => Some(crate::i18n::FOOTER_BACK),
        // The preview names PgDn/PgUp itself when the workbook has several lists.
        (Context::ImportPreview, Action::Quit | Action::PageDown | Action::PageUp) => None,
        // The preview's rows say n/p and x where they are listed.
        (Context::ImportPreview, Action::NextFlagged | Action::PrevFlagged | Action::SkipRow) => {
            None
        }
        (Context::ImportPath, Action::Submit) => Some(crate::i18n::FOOTER_PREVIEW),
        (Context::ImportPath, Action::Up | Action::Down) => Some(crate::i18n::FOOTER_PICK_FILE),
        (Context::ImportPath, Action::NextField) => Some(crate::i18n::FOOTER_COMPLETE),
        (
            Context::ImportPath,
            Action::PageUp | Action::PageDown | Action::Quit | Action::ClearField,
        ) => None,
        (Context::ImportPath, Action::Cancel) => Some(crate::i18n::FOOTER_CLOSE),
        (Context::Form | Context::PathInput, Action::Cancel) => Some(crate::i18n::FOOTER_CANCEL),
        (Context::Confirm, Action::Yes) => Some(crate::i18n::FOOTER_CONFIRM),
        (Context::Confirm, Action::No) => Some(crate::i18n::FOOTER_CANCEL),
        // The note editor's question: what its text says each key does.
        (Context::AskDiscard, Action::Yes) => Some(crate::i18n::FOOTER_CLOSE_KEEP_DRAFT),
        (Context::AskDiscard, Action::No) => Some(crate::i18n::FOOTER_KEEP_WRITING),
        (Context::Form, Action::NextField) => Some(crate::i18n::FOOTER_NEXT_FIELD),
        // Shift-Tab is in F1; the form's line has room for the keys used most.
        (Context::Form, Action::PrevField) => None,
        (Context::Form | Context::PathInput, Action::ClearField) => {
            Some(crate::i18n::FOOTER_CLEAR_FIELD)
        }
        (
            Context::Form | Context::PathInput | Context::Confirm | Context::AskDiscard,
            Action::Quit,
        ) => None,
        (_, Action::Submit) => Some(crate::i18n::FOOTER_CONFIRM),
        (Context::NoteEditor, Action::Cancel) => Some(crate::i18n::FOOTER_CLOSE),
        _ => a.short(),
    }
}

/// The footer line of `ctx`, made from its binding tables (the same ones F1 lists): each
/// action with a footer word once, in table order, keys of the same word joined ("←/→ 열").
pub fn footer(ctx: Context) -> String {
    footer_within(ctx, usize::MAX)
}

/// The footer cut to `w` columns: keys are left out from the end, never the F1 help (which
/// lists every key), so a narrow terminal still says where the rest are.
pub fn footer_within(ctx: Context, w: usize) -> String {
    let mut parts: Vec<(String, &'static str, bool)> = Vec::new();
    let mut seen: Vec<&Action> = Vec::new();
    for table in tables(ctx) {
        for b in table {
            let Some(word) = footer_word(ctx, &b.action) else {
                continue;
            };
            if seen.contains(&&b.action) {
                continue;
            }
            seen.push(&b.action);
            let word = word.get();
            match parts.last_mut() {
                Some((keys, w, _)) if *w == word => {
                    keys.push('/');
                    keys.push_str(b.label);
                }
                _ => parts.push((b.label.to_string(), word, b.action == Action::Help)),
            }
        }
    }
    // On a screen, typing searches; in a form or dialog it is obvious where the text goes.
    let lead = (types_text(ctx)
        && !matches!(
            ctx,
            Context::Form | Context::PathInput | Context::ImportPath
        ))
    .then(|| format!("{} → ", crate::i18n::TYPE_TO_SEARCH.get()));
    let line = |parts: &[(String, &'static str, bool)]| {
        let keys = parts
            .iter()
            .map(|(keys, word, _)| format!("{keys} {word}"))
            .collect::<Vec<_>>()
            .join(" · ");
        format!("{}{keys}", lead.as_deref().unwrap_or(""))
    };
    loop {
        let text = line(&parts);
        let cut = parts.iter().rposition(|(_, _, help)| !help);
        match cut {
            Some(i) if crate::model::text::width(&text) > w && parts.len() > 1 => {
                parts.remove(i);
            }
            _ => return crate::model::text::truncate(&text, w),
        }
    }
}

#[cfg(test)]
mod footer_tests {
    use super::*;

    const ALL: [Context; 26] = [
        Context::Checkin,
        Context::Missing,
        Context::Confirm,
        Context::AskDiscard,
        Context::EventPicker,
        Context::Help,
        Context::OfferDemo,
        Context::People,
        Context::Orgs,
        Context::Form,
        Context::Filter,
        Context::MergeChoice,
        Context::PathInput,
        Context::ImportPath,
        Context::ImportPreview,
        Context::PrintMenu,
        Context::PrintOptions,
        Context::Agenda,
        Context::Notes,
        Context::NoteEditor,
        Context::IdeasBoard,
        Context::IdeaDetail,
        Context::History,
        Context::HistoryDetail,
        Context::Sync,
        Context::Privacy,
    ];

    #[test]
    fn the_footer_names_only_keys_bound_in_its_context() {
        for ctx in ALL {
            let line = footer(ctx);
            let line = line
                .split_once(" → ")
                .map_or(line.as_str(), |(_, rest)| rest);
            for part in line.split(" · ").filter(|p| !p.is_empty()) {
                let keys = part.rsplit_once(' ').map_or(part, |(keys, _)| keys);
                let keys = keys.split_once(' ').map_or(keys, |(first, _)| first);
                for key in keys.split('/') {
                    let bound = tables(ctx)
                        .iter()
                        .flat_map(|t| t.iter())
                        .any(|b| b.label.split([' ', '/']).any(|l| l == key));
                    assert!(
                        bound,
                        "{ctx:?}: footer shows {key:?}, which is not bound: {line}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_desk_footer_says_what_enter_does_there() {
        crate::i18n::set_lang(crate::i18n::Lang::Ko);
        assert!(footer(Context::Checkin).contains("Enter 체크인"));
        assert!(footer(Context::Form).starts_with("Enter 고르기·저장 · Esc 취소 · Tab 다음 칸"));
    }

    /// The physical Korean 2-set (dubeolsik) keyboard, written out here rather than taken
    /// from `search::keyboard`, so a wrong entry there is caught.
    const TWO_SET: [(char, char); 26] = [
        ('q', 'ㅂ'),
        ('w', 'ㅈ'),
        ('e', 'ㄷ'),
        ('r', 'ㄱ'),
        ('t', 'ㅅ'),
        ('y', 'ㅛ'),
        ('u', 'ㅕ'),
        ('i', 'ㅑ'),
        ('o', 'ㅐ'),
        ('p', 'ㅔ'),
        ('a', 'ㅁ'),
        ('s', 'ㄴ'),
        ('d', 'ㅇ'),
        ('f', 'ㄹ'),
        ('g', 'ㅎ'),
        ('h', 'ㅗ'),
        ('j', 'ㅓ'),
        ('k', 'ㅏ'),
        ('l', 'ㅣ'),
        ('z', 'ㅋ'),
        ('x', 'ㅌ'),
        ('c', 'ㅊ'),
        ('v', 'ㅍ'),
        ('b', 'ㅠ'),
        ('n', 'ㅜ'),
        ('m', 'ㅡ'),
    ];
    /// With Shift; the other keys give their unshifted jamo.
    const TWO_SET_SHIFTED: [(char, char); 7] = [
        ('q', 'ㅃ'),
        ('w', 'ㅉ'),
        ('e', 'ㄸ'),
        ('r', 'ㄲ'),
        ('t', 'ㅆ'),
        ('o', 'ㅒ'),
        ('p', 'ㅖ'),
    ];

    #[test]
    fn every_letter_shortcut_answers_to_the_jamo_on_its_key() {
        let on_key = |table: &[(char, char)], letter: char| {
            table
                .iter()
                .find(|(k, _)| *k == letter.to_ascii_lowercase())
                .map(|(_, j)| *j)
        };
        let mut checked = 0;
        for ctx in ALL
            .into_iter()
            .filter(|c| !types_text(*c) && *c != Context::Help)
        {
            for b in tables(ctx).into_iter().flatten() {
                let KeyCode::Char(letter) = b.code else {
                    continue;
                };
                if !letter.is_ascii_alphabetic() || !b.mods.is_empty() {
                    continue;
                }
                // The letter itself, and with Shift (a letter answers to its capital).
                let plain = on_key(&TWO_SET, letter).unwrap();
                let shifted = on_key(&TWO_SET_SHIFTED, letter).unwrap_or(plain);
                for (jamo, mods) in [
                    (plain, KeyModifiers::NONE),
                    (shifted, KeyModifiers::SHIFT),
                    // Some terminals send a shifted jamo without saying Shift.
                    (shifted, KeyModifiers::NONE),
                ] {
                    let key = KeyEvent::new(KeyCode::Char(jamo), mods);
                    assert_eq!(
                        action_for(ctx, key),
                        Some(b.action.clone()),
                        "{ctx:?}: {jamo} ({mods:?}) should do what {letter} does"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 60, "only {checked} shortcuts checked");
        // And no jamo does anything its key does not.
        for ctx in ALL
            .into_iter()
            .filter(|c| !types_text(*c) && *c != Context::Help)
        {
            let keys = TWO_SET.iter().map(|&(k, j)| (k, j, KeyModifiers::NONE));
            let shifted = TWO_SET_SHIFTED
                .iter()
                .map(|&(k, j)| (k.to_ascii_uppercase(), j, KeyModifiers::SHIFT));
            for (letter, jamo, mods) in keys.chain(shifted) {
                assert_eq!(
                    action_for(ctx, KeyEvent::new(KeyCode::Char(jamo), mods)),
                    action_for(ctx, KeyEvent::new(KeyCode::Char(letter), mods)),
                    "{ctx:?}: {jamo} and {letter}"
                );
            }
        }
        // Where text is typed, a jamo is text.
        let k = KeyEvent::new(KeyCode::Char('ㅁ'), KeyModifiers::NONE);
        assert_eq!(action_for(Context::Checkin, k), Some(Action::Input('ㅁ')));
    }
}
