//! 미도착: the people registered for the day who have not arrived yet, so the coordinator can
//! call them (masked phones, F3 shows them). Enter checks the highlighted person in; they
//! leave the list.

use super::{Action, App, Effect, Modal, Tone};
use crate::i18n;
use crate::model::{AttendanceStatus, Id};
use crate::store::StoreError;
use crate::widgets::list::step;

#[derive(Debug, PartialEq)]
pub struct MissingList {
    /// Expected and not arrived, by name.
    pub rows: Vec<Id>,
    pub selected: usize,
}

impl App {
    /// Who is expected and has not come, by name.
    fn missing_rows(&self) -> Vec<Id> {
        let r = &self.data.roster;
        let mut rows: Vec<Id> = r
            .attendance
            .values()
            .filter(|a| a.status == AttendanceStatus::Expected)
            .map(|a| a.person_id)
            .filter(|id| r.person(*id).is_some_and(|p| !p.archived))
            .collect();
        rows.sort_by(|a, b| {
            let name = |id: &Id| r.person(*id).map(|p| p.name.as_str()).unwrap_or("");
            name(a).cmp(name(b)).then(a.cmp(b))
        });
        rows
    }

    pub(super) fn open_missing(&mut self) {
        if self.event.is_none() {
            self.say(Tone::Warn, i18n::NO_EVENT_SELECTED.get());
            return;
        }
        let rows = self.missing_rows();
        self.open(Modal::Missing(Box::new(MissingList { rows, selected: 0 })));
    }

    pub(super) fn on_missing(
        &mut self,
        m: &mut MissingList,
        action: Action,
    ) -> Result<Effect, StoreError> {
        if let Some(k) = super::list_key(&action) {
            m.selected = step(m.selected, k, m.rows.len());
            return Ok(Effect::Keep);
        }
        match action {
            Action::Cancel | Action::ShowMissing => return Ok(Effect::Close),
            Action::ToggleContacts => {
                self.checkin.show_contacts = !self.checkin.show_contacts;
            }
            Action::Submit => {
                if let Some(id) = m.rows.get(m.selected).copied() {
                    self.check_in(id)?;
                    m.rows = self.missing_rows();
                    m.selected = m.selected.min(m.rows.len().saturating_sub(1));
                }
            }
            _ => {}
        }
        Ok(Effect::Keep)
    }
}
