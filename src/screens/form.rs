//! The keys every form, dialog and question shares, mapped from actions onto the widgets
//! (`widgets::{TextField, Form, Lookup}`): one place decides what Tab, Enter, Esc, ↑↓ and the
//! editing keys do in any form.

use crate::i18n;
use crate::screens::Action;
use crate::widgets::list::ListKey;
use crate::widgets::{Edit, Form, FormAnswer, FormKey, Lookup, Pasted, Pick, TextField};

/// What a key did to a text field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Edited {
    /// Only the caret moved.
    Moved,
    Changed,
    /// A paste was cut to the `room` the field had left.
    Cut {
        room: usize,
    },
}

impl Edited {
    pub(crate) fn changed(self) -> bool {
        self != Edited::Moved
    }
}

/// Applies a typing, paste, caret or deletion key to `field`; `None` when `action` is none of
/// these, so the form can handle it. Every text field in every form goes through here.
pub(crate) fn edit_text(field: &mut TextField, action: &Action) -> Option<Edited> {
    let edit = match action {
        Action::Input(c) => {
            return Some(if field.insert(*c) {
                Edited::Changed
            } else {
                Edited::Moved
            });
        }
        Action::Paste(s) => {
            return Some(match field.paste(s) {
                Pasted::Whole => Edited::Changed,
                Pasted::Cut { room } => Edited::Cut { room },
            });
        }
        Action::Backspace => Edit::Backspace,
        Action::DeleteChar => Edit::Delete,
        Action::ClearField => Edit::Clear,
        Action::DeleteWord => Edit::DeleteWord,
        Action::Left => Edit::Left,
        Action::Right => Edit::Right,
        Action::WordLeft => Edit::WordLeft,
        Action::WordRight => Edit::WordRight,
        Action::Home => Edit::Home,
        Action::End => Edit::End,
        _ => return None,
    };
    Some(if field.edit(edit) {
        Edited::Changed
    } else {
        Edited::Moved
    })
}

/// The list movement an action asks for, if any (the same keys in every list).
pub(crate) fn list_key(action: &Action) -> Option<ListKey> {
    Some(match action {
        Action::Up => ListKey::Up,
        Action::Down => ListKey::Down,
        Action::PageUp => ListKey::PageUp,
        Action::PageDown => ListKey::PageDown,
        Action::Home => ListKey::Home,
        Action::End => ListKey::End,
        _ => return None,
    })
}

/// What a key did in a form, after the rules every form shares.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Step<T> {
    /// An editing key in the focused field: what it did (the form refreshes what depends on
    /// the text, such as a lookup's suggestions, when it changed).
    Typed(Edited),
    /// Enter or Tab took the highlighted row of the focused lookup.
    Took(Pick<T>),
    /// The focus or a highlight moved, or the first Esc on a changed form armed the second.
    Moved,
    /// Esc on an unchanged form, or the second Esc: close without saving.
    Close,
    /// Not a shared key: Enter to save, a choice field's keys.
    Pass,
}

/// The shared keys of a form, in their order: first the focused lookup's list (↑↓ move in it,
/// Esc drops the highlight, Enter and Tab take the highlighted row), then the focused text
/// field's editing keys, then Tab/Shift-Tab/↑↓ between the `fields` shown and Esc (which asks
/// once when the form is `dirty`). `name` gives the text a taken record shows.
pub(crate) fn form_keys<F: Copy + PartialEq, T: Copy + PartialEq>(
    form: &mut Form<F>,
    fields: &[F],
    dirty: bool,
    text: Option<&mut TextField>,
    list: Option<&mut Lookup<T>>,
    name: impl Fn(T) -> String,
    action: &Action,
) -> Step<T> {
    let mut text = text;
    if let Some(l) = list {
        let moved = match action {
            Action::Down => l.down(),
            Action::Up => l.up(),
            Action::Cancel => l.unpick(),
            Action::NextField | Action::Submit => match l.take(&name) {
                Some(p) => {
                    form.key(FormKey::Other, fields, dirty, "");
                    form.error = None;
                    return Step::Took(p);
                }
                None => false,
            },
            _ => false,
        };
        if moved {
            form.key(FormKey::Other, fields, dirty, "");
            return Step::Moved;
        }
        text = Some(&mut l.text);
    }
    if let Some(e) = text.and_then(|t| edit_text(t, action)) {
        form.key(FormKey::Other, fields, dirty, "");
        if e.changed() {
            form.error = None;
        }
        return Step::Typed(e);
    }
    let key = match action {
        Action::NextField | Action::Down => FormKey::Next,
        Action::PrevField | Action::Up => FormKey::Prev,
        Action::Cancel => FormKey::Escape,
        _ => FormKey::Other,
    };
    match form.key(key, fields, dirty, i18n::ESC_AGAIN_TO_DISCARD.get()) {
        FormAnswer::Stay => Step::Moved,
        FormAnswer::Discard => Step::Close,
        FormAnswer::Pass => Step::Pass,
    }
}

/// [`form_keys`] for a form with no lookup (plain text and choice fields).
pub(crate) fn text_form_keys<F: Copy + PartialEq>(
    form: &mut Form<F>,
    fields: &[F],
    dirty: bool,
    text: Option<&mut TextField>,
    action: &Action,
) -> Step<()> {
    form_keys::<F, ()>(form, fields, dirty, text, None, |()| String::new(), action)
}

/// The next (or previous) of `all` after `current`, round the end: a choice field's ←/→.
pub(crate) fn cycle<T: Copy + PartialEq>(all: &[T], current: T, forward: bool) -> T {
    let i = all.iter().position(|x| *x == current).unwrap_or(0);
    let n = all.len();
    all[if forward {
        (i + 1) % n
    } else {
        (i + n - 1) % n
    }]
}

/// Offers, in an organisation lookup, the organisations whose names are like what is typed
/// (the very name highlighted).
pub(crate) fn suggest_orgs(roster: &crate::data::Roster, lookup: &mut Lookup<crate::model::Id>) {
    let (hits, exact) = roster.orgs_like(&lookup.text);
    lookup.suggest(hits, exact);
}

/// Offers, in a person lookup, the people whose names are like what is typed (the very name
/// highlighted).
pub(crate) fn suggest_people(roster: &crate::data::Roster, lookup: &mut Lookup<crate::model::Id>) {
    let (hits, exact) = roster.people_like(&lookup.text);
    lookup.suggest(hits, exact);
}
