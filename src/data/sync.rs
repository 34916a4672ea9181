//! Two desks, seen from the core: the conflicts the exchange left for a coordinator to decide,
//! and the decision, which is a journal entry of its own and travels to the other desk.

use std::collections::HashMap;

use super::{Data, Result};
use crate::model::sync::{Conflict, ConflictId, DeskCard, desk_of};
use crate::model::{Event, Id, Person};

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

/// Two people who may be one, registered apart at two desks: `dup` made later than `keep`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SameAtTwoDesks {
    pub keep: Id,
    pub dup: Id,
}

impl Data {
    /// People made at different desks with the same name and the same phone or organisation
    /// (a walk-in registered at both desks while apart), offered for merging: the one made
    /// first is kept. The same pairs, in the same order, at every desk holding the same records.
    pub fn same_at_two_desks(&self) -> Vec<SameAtTwoDesks> {
        use crate::model::contact::{name_key, phone_key};
        let mut by_name: HashMap<String, Vec<&Person>> = HashMap::new();
        for p in self.roster.people.iter().filter(|p| !p.archived) {
            by_name.entry(name_key(&p.name)).or_default().push(p);
        }
        let mut out = Vec::new();
        for group in by_name.values_mut().filter(|g| g.len() > 1) {
            group.sort_by_key(|p| (p.created, p.id));
            for (i, keep) in group.iter().enumerate() {
                for dup in &group[i + 1..] {
                    let phone = phone_key(&keep.phone);
                    let alike = (phone.len() >= 9 && phone == phone_key(&dup.phone))
                        || (keep.org_id.is_some() && keep.org_id == dup.org_id);
                    if alike && desk_of(keep.id) != desk_of(dup.id) {
                        out.push(SameAtTwoDesks {
                            keep: keep.id,
                            dup: dup.id,
                        });
                    }
                }
            }
        }
        out.sort_by_key(|s| (s.keep, s.dup));
        out
    }
}
