//! What two desks exchange, as plain values: the version vector that says which entries of each
//! desk's journal a database holds, and an entry as it travels (the change and what its desk had
//! seen when it was made). The rules that apply an entry live in the store; the link that moves
//! it lives in `sync`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::change::Change;

/// For each desk (by id), the highest of its journal's counts (`Change.seq`) held here. A desk
/// applies the entries of another in their count order, so holding `n` means holding 1..=n.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vv(pub BTreeMap<u64, u64>);

impl Vv {
    /// The highest count of `desk` held (0: none).
    pub fn get(&self, desk: u64) -> u64 {
        self.0.get(&desk).copied().unwrap_or(0)
    }

    /// Whether the entry `seq` of `desk` is held.
    pub fn covers(&self, desk: u64, seq: u64) -> bool {
        seq <= self.get(desk)
    }

    /// Records that `desk`'s entries up to `seq` are held (never lowers).
    pub fn note(&mut self, desk: u64, seq: u64) {
        let at = self.0.entry(desk).or_insert(0);
        *at = (*at).max(seq);
    }

    /// Takes in everything `other` holds.
    pub fn merge(&mut self, other: &Vv) {
        for (&desk, &seq) in &other.0 {
            self.note(desk, seq);
        }
    }

    /// Whether `other` holds an entry this does not.
    pub fn lacks_from(&self, other: &Vv) -> bool {
        other.0.iter().any(|(&desk, &seq)| !self.covers(desk, seq))
    }
}

/// A journal entry on its way to another desk: the change as its desk recorded it, and the
/// version vector that desk held just before it (what the change had seen).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireEntry {
    pub change: Change,
    pub deps: Vv,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_vector_covers_what_it_noted_and_merges_upwards() {
        let mut a = Vv::default();
        a.note(7, 3);
        a.note(7, 2);
        assert!(a.covers(7, 3) && !a.covers(7, 4) && !a.covers(9, 1) && a.covers(9, 0));
        let mut b = Vv::default();
        b.note(9, 1);
        assert!(a.lacks_from(&b) && b.lacks_from(&a));
        a.merge(&b);
        assert!(!a.lacks_from(&b) && a.get(9) == 1 && a.get(7) == 3);
    }
}
