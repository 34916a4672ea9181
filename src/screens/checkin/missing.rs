//! 미도착: the people registered for the day who have not arrived yet, so the coordinator can
//! call them (masked phones, F3 shows them). Enter checks the highlighted person in; they
//! leave the list.

use super::CheckinState;
use crate::screens::checkin::CheckinDialog;
use crate::screens::unit::Cx;
use crate::screens::{Action, Roster};

use crate::model::{AttendanceStatus, Id};
use crate::store::StoreError;
use crate::widgets::list::step;

#[derive(Clone, Debug, PartialEq)]
pub struct MissingList {
    /// Expected and not arrived, by name.
    pub rows: Vec<Id>,
    pub selected: usize,
}

/// Who is expected and has not come, by name.
fn missing_rows(roster: &Roster) -> Vec<Id> {
    let r = roster;
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

impl CheckinState {
    pub(crate) fn open_missing(&mut self, cx: &mut Cx) {
        if cx.need_event().is_none() {
            return;
        }
        let rows = missing_rows(&cx.data.roster);
        self.dialog = Some(CheckinDialog::Missing(Box::new(MissingList {
            rows,
            selected: 0,
        })));
    }

    /// A key for the list; whether it stays open.
    pub(crate) fn on_missing(
        &mut self,
        cx: &mut Cx,
        m: &mut MissingList,
        action: Action,
    ) -> Result<bool, StoreError> {
        if let Some(k) = crate::screens::list_key(&action) {
            m.selected = step(m.selected, k, m.rows.len());
            return Ok(true);
        }
        match action {
            Action::Cancel | Action::ShowMissing => return Ok(false),
            Action::ToggleContacts => {
                self.show_contacts = !self.show_contacts;
            }
            Action::Submit => {
                if let Some(id) = m.rows.get(m.selected).copied() {
                    self.check_in(cx, id)?;
                    m.rows = missing_rows(&cx.data.roster);
                    m.selected = m.selected.min(m.rows.len().saturating_sub(1));
                }
            }
            _ => {}
        }
        Ok(true)
    }
}
