//! The owner and due date of an action item: a lookup over people and organisations (the one
//! taken, or the one whose whole name is typed; never a near match in its place) and a due date
//! in the one grammar `model::dates::parse_due` reads.

use super::NotesState;
use crate::i18n;
use crate::model::{Id, NoteKind, Owner, TextField as FieldKind};
use crate::screens::unit::Cx;
use crate::screens::{Action, Roster, Step, Tone};
use crate::store::StoreError;
use crate::widgets::{Form, Lookup, TextField};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ActionField {
    #[default]
    Owner,
    Due,
}

/// Someone who can own an action item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OwnerPick {
    Person(Id),
    Org(Id),
}

/// Owner and due date of an action item.
#[derive(Clone, Debug, PartialEq)]
pub struct ActionForm {
    pub note_id: Id,
    pub form: Form<ActionField>,
    /// A person or an organisation, taken from the list (never a near match in its place).
    pub owner: Lookup<OwnerPick>,
    pub due: TextField,
    /// Owner and due when the form opened, to tell whether anything changed.
    original: (String, String),
}

impl ActionForm {
    fn new(note_id: Id, owner: &str, chosen: Option<OwnerPick>, due: &str) -> ActionForm {
        ActionForm {
            note_id,
            form: Form::new(ActionField::Owner),
            // Anyone may own an action item: someone not in the database by name as written.
            owner: Lookup::with(FieldKind::Short, true, owner, chosen),
            due: TextField::with(FieldKind::Short, due),
            original: (owner.to_string(), due.to_string()),
        }
    }

    pub fn is_dirty(&self) -> bool {
        self.owner.text.value() != self.original.0 || self.due.value() != self.original.1
    }
}

/// The name of an action item's owner.
pub fn owner_name(roster: &Roster, o: &Owner) -> String {
    match o {
        Owner::Nobody => String::new(),
        Owner::Person(id) => roster
            .person(*id)
            .map(|p| {
                let org = roster.org_name(p);
                if org.is_empty() {
                    p.name.clone()
                } else {
                    format!("{} ({org})", p.name)
                }
            })
            .unwrap_or_default(),
        Owner::Org(id) => roster
            .orgs
            .get(id)
            .map(|o| o.name.clone())
            .unwrap_or_default(),
        Owner::Named(name) => name.clone(),
    }
}

/// The candidate whose whole name is `typed` (spaces and case aside), if any.
fn exact_owner(roster: &Roster, typed: &str, candidates: &[OwnerPick]) -> Option<usize> {
    let key = crate::model::contact::org_key(typed);
    candidates.iter().position(|c| {
        let name = match c {
            OwnerPick::Person(p) => roster.person(*p).map(|p| p.name.as_str()),
            OwnerPick::Org(o) => roster.orgs.get(o).map(|o| o.name.as_str()),
        };
        name.is_some_and(|n| crate::model::contact::org_key(n) == key)
    })
}

/// People, then organisations, matching what was typed as owner.
pub fn owner_candidates(roster: &Roster, q: &str) -> Vec<OwnerPick> {
    if q.trim().is_empty() {
        return Vec::new();
    }
    let mut hits = Vec::new();
    let mut out = Vec::new();
    roster.index.search_top(q, 5, &mut hits);
    out.extend(hits.iter().map(|h| OwnerPick::Person(h.id)));
    roster.org_index.search_top(q, 3, &mut hits);
    // An organisation named exactly goes first (its members also match its name).
    let key = crate::model::contact::org_key(q);
    for h in hits.iter().rev() {
        let exact = roster
            .orgs
            .get(&h.id)
            .is_some_and(|o| crate::model::contact::org_key(&o.name) == key);
        if exact {
            out.insert(0, OwnerPick::Org(h.id));
        } else {
            out.push(OwnerPick::Org(h.id));
        }
    }
    out
}

/// The name an owner pick shows in the owner field.
fn owner_label(roster: &Roster, o: OwnerPick) -> String {
    match o {
        OwnerPick::Person(p) => roster.person_label(p),
        OwnerPick::Org(o) => roster.org_label(o),
    }
}

impl NotesState {
    pub(crate) fn open_action_form(&mut self, cx: &mut Cx, id: Id) {
        let Some(n) = self.all.get(&id) else {
            return;
        };
        let NoteKind::Action { owner, due, .. } = &n.kind else {
            cx.say(Tone::Warn, i18n::NOT_AN_ACTION.get());
            return;
        };
        let roster = &cx.data.roster;
        let owner_text = match owner {
            Owner::Person(p) => roster
                .person(*p)
                .map(|p| p.name.clone())
                .unwrap_or_default(),
            _ => owner_name(roster, owner),
        };
        let due_text = due
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        let chosen = match owner {
            Owner::Person(p) => Some(OwnerPick::Person(*p)),
            Owner::Org(o) => Some(OwnerPick::Org(*o)),
            _ => None,
        };
        let form = ActionForm::new(id, &owner_text, chosen, &due_text);
        self.action_form = Some(Box::new(form));
    }

    /// A key for the owner-and-due form; whether the form is done with (saved or closed).
    pub(crate) fn on_action_form(
        &mut self,
        cx: &mut Cx,
        form: &mut ActionForm,
        action: Action,
    ) -> Result<bool, StoreError> {
        let dirty = form.is_dirty();
        let (text, list) = match form.form.focus {
            ActionField::Owner => (None, Some(&mut form.owner)),
            ActionField::Due => (Some(&mut form.due), None),
        };
        let roster = &cx.data.roster;
        let step = crate::screens::form_keys(
            &mut form.form,
            &[ActionField::Owner, ActionField::Due],
            dirty,
            text,
            list,
            |o| owner_label(roster, o),
            &action,
        );
        match step {
            Step::Typed(e) => {
                if cx.edited(Some(e)) && form.form.focus == ActionField::Owner {
                    let roster = &cx.data.roster;
                    let hits = owner_candidates(roster, &form.owner.text);
                    // What was typed exactly (a person's or an organisation's whole name) is
                    // highlighted, never a near match in its place.
                    let exact = exact_owner(roster, &form.owner.text, &hits);
                    form.owner.suggest(hits, exact);
                }
            }
            Step::Took(_) => form.form.focus = ActionField::Due,
            Step::Close => return Ok(true),
            Step::Pass if action == Action::Submit => return self.save_action_form(cx, form),
            Step::Moved | Step::Pass => {}
        }
        if form.form.focus != ActionField::Owner {
            form.owner.close();
        }
        Ok(false)
    }

    fn save_action_form(&mut self, cx: &mut Cx, form: &mut ActionForm) -> Result<bool, StoreError> {
        let Some(mut n) = self.all.get(&form.note_id).cloned() else {
            return Ok(true);
        };
        let base = self
            .dates
            .get(&n.event_id)
            .copied()
            .unwrap_or_else(|| cx.now.local_date());
        let new_due = if form.due.trim().is_empty() {
            None
        } else {
            match crate::model::dates::parse_due(&form.due, base) {
                Some(d) => Some(d),
                None => {
                    form.form.refuse(ActionField::Due, i18n::BAD_DUE.get());
                    return Ok(false);
                }
            }
        };
        let typed = form.owner.text.trim().to_string();
        let new_owner = if typed.is_empty() {
            Owner::Nobody
        } else {
            // The owner taken from the list, else the one whose whole name was typed, else the
            // name as written (never a near match in its place).
            let roster = &cx.data.roster;
            let exact = || {
                let hits = owner_candidates(roster, &typed);
                exact_owner(roster, &typed, &hits).map(|i| hits[i])
            };
            match form.owner.chosen.or_else(exact) {
                Some(OwnerPick::Person(p)) => Owner::Person(p),
                Some(OwnerPick::Org(o)) => Owner::Org(o),
                // Nobody in the list by that name: the owner as written.
                None => Owner::Named(crate::model::clean_line(&typed)),
            }
        };
        if let NoteKind::Action { owner, due, .. } = &mut n.kind {
            *owner = new_owner;
            *due = new_due;
        }
        cx.data.save_note(&mut n)?;
        self.all.insert(n.id, n);
        cx.say(Tone::Good, i18n::NOTE_SAVED.get());
        Ok(true)
    }
}
