//! Networking days (events): their writes and lookups. Touches the `events` tree only.

use super::layout::{EVENTS, be};
use super::write::{Tx, TxResult};
use super::{Result, Store};
use crate::model::{ChangeKind, Event, Id};

impl Tx<'_> {
    pub fn put_event(&self, e: &mut Event) -> TxResult<()> {
        self.is_default(ChangeKind::EventSaved);
        self.assign_id(EVENTS, &mut e.id)?;
        self.put(EVENTS, &be(e.id), e)
    }
}

impl Store {
    pub fn events(&self) -> Result<Vec<Event>> {
        self.all(EVENTS)
    }
    pub fn event(&self, id: Id) -> Result<Option<Event>> {
        self.one(EVENTS, &be(id))
    }
    /// Saves an event (id 0 = new; the new id is written back).
    pub fn put_event(&self, e: &mut Event) -> Result<()> {
        self.save(e, |tx, e| tx.put_event(e))
    }

    /// Whether anything hangs on event `id`: attendance, agenda items or notes.
    pub fn event_holds_anything(&self, id: Id) -> Result<bool> {
        Ok(!self.attendance_of_event(id)?.is_empty()
            || !self.agenda_of_event(id)?.is_empty()
            || !self.notes_of_event(id)?.is_empty())
    }

    /// Deletes event `id` if nothing hangs on it; `Ok(false)` (and nothing changed) otherwise.
    pub fn delete_empty_event(&self, id: Id) -> Result<bool> {
        if self.event_holds_anything(id)? {
            return Ok(false);
        }
        self.write(|tx| {
            tx.is(ChangeKind::EventDeleted);
            tx.del(EVENTS, &be(id))
        })?;
        Ok(true)
    }
}
