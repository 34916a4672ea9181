//! Networking days (events): their writes and lookups. Touches the `events` tree only.

use super::layout::{EVENTS, be};
use super::write::{Tx, TxResult};
use super::{Result, Store};
use crate::model::{Event, Id};

impl Tx<'_> {
    pub fn put_event(&self, e: &mut Event) -> TxResult<()> {
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
}
