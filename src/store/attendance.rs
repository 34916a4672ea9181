//! Attendance (who is expected, arrived, walked in, cancelled at which day): its writes, kept
//! in step with the by-person index, and lookups by day or by person. Touches the
//! `attendance` and `attendance_by_person` trees, and reads the person an arrival is for.

use super::layout::{ATTENDANCE, ATTENDANCE_BY_PERSON, PEOPLE, be, pair};
use super::write::{Tx, TxResult};
use super::{Result, Store, StoreError};
use crate::model::{Attendance, AttendanceStatus, ChangeKind, Id, Person};

impl Tx<'_> {
    pub fn put_attendance(&self, a: &Attendance) -> TxResult<()> {
        self.is_default(match a.status {
            AttendanceStatus::CheckedIn { .. } => ChangeKind::CheckIn,
            AttendanceStatus::WalkIn { .. } => ChangeKind::WalkIn,
            AttendanceStatus::Expected
            | AttendanceStatus::Tentative
            | AttendanceStatus::Cancelled => ChangeKind::Registration,
            _ => ChangeKind::Attendance,
        });
        self.put(ATTENDANCE, &pair(a.event_id, a.person_id), a)?;
        self.mark(ATTENDANCE_BY_PERSON, &pair(a.person_id, a.event_id))
    }

    pub(super) fn remove_attendance(&self, event: Id, person: Id) -> TxResult<()> {
        self.is_default(ChangeKind::Attendance);
        self.del(ATTENDANCE, &pair(event, person))?;
        self.del(ATTENDANCE_BY_PERSON, &pair(person, event))
    }
}

impl Store {
    pub fn attendance_of_event(&self, event: Id) -> Result<Vec<Attendance>> {
        self.scan(ATTENDANCE, &be(event))
    }
    pub fn attendance(&self, event: Id, person: Id) -> Result<Option<Attendance>> {
        self.one(ATTENDANCE, &pair(event, person))
    }
    pub fn attendance_of_person(&self, person: Id) -> Result<Vec<Attendance>> {
        self.by_index(ATTENDANCE_BY_PERSON, person, ATTENDANCE, |event| {
            pair(event, person)
        })
    }
    pub fn all_attendance(&self) -> Result<Vec<Attendance>> {
        self.all(ATTENDANCE)
    }
    pub fn put_attendance(&self, a: &Attendance) -> Result<()> {
        self.write(|tx| tx.put_attendance(a))
    }
    /// Writes an arrival only if the person stored under its id is named `shown`, as the screen
    /// showed them: the list on screen is derived data, which never decides who arrived.
    pub fn put_arrival(&self, a: &Attendance, shown: &str) -> Result<()> {
        self.write(|tx| {
            let stored: Option<Person> = tx.get(PEOPLE, &be(a.person_id))?;
            if stored.is_none_or(|p| p.name != shown) {
                return Err(StoreError::NotAsShown {
                    shown: shown.to_string(),
                }
                .into());
            }
            tx.put_attendance(a)
        })
    }
    /// Writes several attendance records in one transaction (closing the day, undoing it).
    pub fn put_attendances(&self, list: &[Attendance]) -> Result<()> {
        self.write(|tx| {
            for a in list {
                tx.put_attendance(a)?;
            }
            Ok(())
        })
    }
    pub fn remove_attendance(&self, event: Id, person: Id) -> Result<()> {
        self.write(|tx| tx.remove_attendance(event, person))
    }
}
