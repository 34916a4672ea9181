//! Consent on record through the desk: the person form and the walk-in save a person with
//! the answer they gave, in one durable step (`store::consent` keeps the rule that a "no"
//! keeps no phone or e-mail).

use super::{Data, Result};
use crate::model::{Attendance, AttendanceStatus, Consent, Id, Organization, Person, Ts};
use crate::store::ConsentWrite;

impl Data {
    /// Person `id`'s consent on record.
    pub fn consent(&self, id: Id) -> Result<Option<Consent>> {
        self.store.consent(id)
    }

    /// Records person `id`'s consent (a walk-in who turned out to be known); with "no", their
    /// phone and e-mail are emptied in the same write. Whether any were.
    pub fn record_consent(&mut self, id: Id, c: &Consent) -> Result<bool> {
        let withheld = self.store.put_consent(id, c)?;
        if withheld && let Some(p) = self.store.person(id)? {
            self.roster.upsert_person(p);
        }
        Ok(withheld)
    }

    /// `save_person` with the person's consent written in the same step; whether a phone or
    /// an e-mail was left out for want of consent (the form says so).
    pub fn save_person_consenting(
        &mut self,
        person: &mut Person,
        mut new_org: Option<&mut Organization>,
        mut att: Option<&mut Attendance>,
        consent: ConsentWrite<'_>,
    ) -> Result<bool> {
        let withheld = self.store.put_person_with_org_and_consent(
            person,
            new_org.as_deref_mut(),
            att.as_deref_mut(),
            consent,
        )?;
        if let Some(o) = new_org {
            self.roster.upsert_org(o.clone());
        }
        self.roster.upsert_person(person.clone());
        if let Some(a) = att {
            self.roster.set_attendance(a.clone());
        }
        Ok(withheld)
    }

    /// `walk_in` with the answer the newcomer gave to the notice; whether a phone or an
    /// e-mail was left out for want of consent.
    pub fn walk_in_consenting(
        &mut self,
        event: Id,
        person: &mut Person,
        new_org: Option<&mut Organization>,
        desk: &str,
        now: Ts,
        consent: ConsentWrite<'_>,
    ) -> Result<(Attendance, bool)> {
        let mut a = Attendance {
            event_id: event,
            person_id: person.id,
            status: AttendanceStatus::WalkIn {
                at: now,
                desk: desk.to_string(),
            },
            updated: now,
        };
        let withheld = self.save_person_consenting(person, new_org, Some(&mut a), consent)?;
        Ok((a, withheld))
    }
}
