//! The check-in desk: type to find, Enter to check in, one key to undo or register a walk-in.

use super::{Action, App, Effect, Modal, PersonForm, Roster, Tone};
use crate::data::CheckIn;
use crate::i18n;
use crate::model::{Attendance, Id, TextField as FieldKind};
use crate::search::{Hit, Tier};
use crate::store::StoreError;
use crate::widgets::TextField;

/// Most search results kept for the list; nobody scrolls further at a door.
pub const MAX_ROWS: usize = 1000;

#[derive(Clone, Debug)]
pub struct CheckinState {
    pub query: TextField,
    /// People shown, best first.
    pub rows: Vec<Id>,
    /// How many matched in all (rows may be cut at MAX_ROWS).
    pub total: usize,
    pub selected: usize,
    pub show_contacts: bool,
    /// This session's check-ins, newest last, with what each replaced.
    pub undo: Vec<(Id, Option<Attendance>)>,
    /// The query found its person by badge code.
    pub code_hit: bool,
    hits: Vec<Hit>,
}

impl Default for CheckinState {
    fn default() -> Self {
        CheckinState {
            query: TextField::new(FieldKind::Search),
            rows: Vec::new(),
            total: 0,
            selected: 0,
            show_contacts: false,
            undo: Vec::new(),
            code_hit: false,
            hits: Vec::new(),
        }
    }
}

impl CheckinState {
    /// Recomputes the rows for the current query.
    pub fn refresh(&mut self, roster: &Roster) {
        self.selected = 0;
        self.code_hit = false;
        if self.query.trim().is_empty() {
            // No query: the people registered for this event, still-expected first.
            let mut rows: Vec<(&str, bool, i64, Id)> = roster
                .attendance
                .values()
                .filter_map(|a| {
                    let p = roster.person(a.person_id)?;
                    let arrived = a.status.arrived_at();
                    Some((
                        p.name.as_str(),
                        arrived.is_some(),
                        -arrived.map_or(0, |t| t.0),
                        p.id,
                    ))
                })
                .collect();
            rows.sort_by(|a, b| (a.1, a.2, a.0, a.3).cmp(&(b.1, b.2, b.0, b.3)));
            self.rows = rows.into_iter().map(|r| r.3).collect();
            self.total = self.rows.len();
            return;
        }
        // At equal match quality, who is still expected comes before who has arrived.
        let arrived = roster
            .attendance
            .values()
            .filter(|a| a.status.is_arrived())
            .map(|a| a.person_id);
        self.total = roster
            .index
            .search_top_ranked(&self.query, MAX_ROWS, arrived, &mut self.hits);
        self.code_hit = self.hits.first().is_some_and(|h| h.tier == Tier::Code);
        self.rows.clear();
        self.rows.extend(self.hits.iter().map(|h| h.id));
    }

    pub fn selected_person(&self) -> Option<Id> {
        self.rows.get(self.selected).copied()
    }
}

impl App {
    pub(super) fn on_checkin(&mut self, action: Action) -> Result<(), StoreError> {
        let c = &mut self.checkin;
        // Pasted text never acts as Enter: its line breaks only end up in the box.
        let pasted_lines = matches!(&action, Action::Paste(s) if s.contains(['\n', '\r']));
        // The list keeps ↑↓ PgUp PgDn Home End; every other editing key goes to the search box.
        if !matches!(action, Action::Home | Action::End)
            && let Some(e) = super::edit_text(&mut c.query, &action)
        {
            if self.edited(Some(e)) {
                self.checkin.refresh(&self.data.roster);
            }
            if pasted_lines {
                self.say(Tone::Warn, i18n::PASTED_NOT_CHECKED_IN.get());
            }
            return Ok(());
        }
        match action {
            Action::Cancel => {
                c.query.clear();
                c.refresh(&self.data.roster);
                self.message = None;
            }
            a if super::list_key(&a).is_some() => {
                if let Some(k) = super::list_key(&a) {
                    c.selected = crate::widgets::list::step(c.selected, k, c.rows.len());
                }
            }
            Action::ToggleContacts => {
                c.show_contacts = !c.show_contacts;
                let text = if c.show_contacts {
                    i18n::CONTACTS_SHOWN
                } else {
                    i18n::CONTACTS_HIDDEN
                };
                self.say(Tone::Info, text.get());
            }
            Action::Submit => {
                let target = if c.code_hit {
                    c.rows.first()
                } else {
                    c.rows.get(c.selected)
                };
                match target.copied() {
                    Some(id) => return self.check_in(id),
                    None => self.say(Tone::Warn, i18n::NOBODY_SELECTED.get()),
                }
            }
            Action::Undo => match c.undo.last() {
                Some(&(person, _)) => self.modal = Some(Modal::ConfirmUndo { person }),
                None => self.say(Tone::Warn, i18n::NOTHING_TO_UNDO.get()),
            },
            Action::ShowMissing => self.open_missing(),
            Action::ForgetImports => {
                let n = self.data.forget_imports()?.len();
                self.say(Tone::Info, i18n::imports_forgotten(n));
            }
            Action::WalkIn if self.event.is_none() => {
                // Say it now, not after the whole form is filled.
                self.say(Tone::Warn, i18n::NO_EVENT_SELECTED.get());
            }
            Action::WalkIn => {
                // What was typed is most likely the newcomer's name.
                let q = c.query.trim();
                let name = if q.is_ascii() { "" } else { q };
                let form = PersonForm::walk_in(name);
                self.modal = Some(Modal::PersonForm(Box::new(form)));
            }
            _ => {}
        }
        Ok(())
    }

    /// Whether `typed`, arriving in one go and followed by Enter, is a badge scan: at the desk,
    /// the search box with it is a known badge code or alias; elsewhere `typed` alone is.
    pub fn would_scan(&self, typed: &str) -> bool {
        let mut query = self.checkin.query.clone();
        if self.context() != super::Context::Checkin {
            query.clear();
        }
        query.paste(typed);
        let mut hits = Vec::new();
        self.data.roster.index.search_top(&query, 1, &mut hits);
        hits.first().is_some_and(|h| h.tier == Tier::Code)
    }

    /// Checks `person` in to the current event (`Data::check_in`); durable before the row
    /// shows it.
    pub fn check_in(&mut self, person: Id) -> Result<(), StoreError> {
        let Some(event) = self.event.as_ref().map(|e| e.id) else {
            self.say(Tone::Warn, i18n::NO_EVENT_SELECTED.get());
            return Ok(());
        };
        let now = self.now();
        let done = self.data.check_in(event, person, &self.desk, now)?;
        let Some(text) = done.message() else {
            return Ok(());
        };
        let tone = match done {
            CheckIn::Arrived { previous, .. } => {
                self.checkin.undo.push((person, previous));
                self.checkin.query.clear();
                self.checkin.refresh(&self.data.roster);
                Tone::Good
            }
            CheckIn::AlreadyArrived { .. } => Tone::Warn,
            CheckIn::NotAsShown { .. } => {
                self.checkin.query.clear();
                self.reload()?;
                Tone::Error
            }
            CheckIn::Unknown => return Ok(()),
        };
        self.say(tone, text);
        Ok(())
    }

    pub(super) fn on_confirm_undo(
        &mut self,
        person: Id,
        action: Action,
    ) -> Result<Effect, StoreError> {
        match super::confirm_answer(&action) {
            Some(true) => {
                let Some(pos) = self.checkin.undo.iter().rposition(|(p, _)| *p == person) else {
                    return Ok(Effect::Close);
                };
                let (_, previous) = self.checkin.undo[pos].clone();
                let event = self.event.as_ref().map(|e| e.id).unwrap_or_default();
                match &previous {
                    Some(a) => self.data.set_attendance(a.clone())?,
                    None => self.data.remove_attendance(event, person)?,
                }
                self.checkin.undo.remove(pos);
                let name = self
                    .data
                    .roster
                    .person(person)
                    .map(|p| p.name.clone())
                    .unwrap_or_default();
                self.say(Tone::Info, i18n::undone(&name));
                self.checkin.refresh(&self.data.roster);
                Ok(Effect::Close)
            }
            Some(false) => Ok(Effect::Close),
            None => Ok(Effect::Keep),
        }
    }
}
