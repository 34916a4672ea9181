//! Two desks, seen from the core: the conflicts the exchange left for a coordinator to decide,
//! and the decision, which is a journal entry of its own and travels to the other desk.

use super::{Data, Result};
use crate::model::Event;
use crate::model::sync::{Conflict, ConflictId, DeskCard};

impl Data {
    /// Every open conflict, in the same order at every desk (by record, then field).
    pub fn conflicts(&self) -> Result<Vec<Conflict>> {
        self.store.conflicts()
    }

    /// Decides `conflict` for its candidate `choice`; the roster is read again.
    pub fn resolve_conflict(
        &mut self,
        conflict: &ConflictId,
        choice: usize,
        event: Option<&Event>,
        events: &[Event],
    ) -> Result<()> {
        self.store.resolve(conflict, choice)?;
        self.forget_meeting();
        self.reload(event, events)
    }

    /// This laptop as other desks see it.
    pub fn desk_card(&self) -> Result<DeskCard> {
        self.store.desk_card()
    }
}
