//! An in-memory journal for the exchange's tests: a log of entries in this desk's order, a
//! version vector, and one value per key decided by the last writer (time, then desk id) —
//! enough to show that the exchange delivers every entry, in causal order, once.

use std::collections::BTreeMap;

use netday::model::Ts;
use netday::model::change::{Change, ChangeKind, Write};
use netday::model::sync::{Vv, WireEntry};
use netday::store::codec;
use netday::sync::{DeskCard, Journal, SyncError};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    pub set: Option<[u8; 16]>,
    pub have: Vv,
    /// key → (time, desk, value)
    pub values: BTreeMap<String, (i64, u64, String)>,
}

#[derive(Clone, Debug)]
pub struct Fake {
    pub id: u64,
    pub name: String,
    pub st: State,
    pub log: Vec<WireEntry>,
    /// Entries of (desk, up to seq) folded away here: asking for them is a gap.
    pub folded: Option<(u64, u64)>,
    pub applied_calls: usize,
    /// When set, `apply` fails after this many calls (a desk killed mid-exchange).
    pub fail_apply_after: Option<usize>,
}

impl Fake {
    pub fn new(id: u64, name: &str, set: Option<[u8; 16]>) -> Fake {
        Fake {
            id,
            name: name.into(),
            st: State {
                set,
                ..State::default()
            },
            log: Vec::new(),
            folded: None,
            applied_calls: 0,
            fail_apply_after: None,
        }
    }

    /// A local write of `key` at time `at`.
    pub fn write(&mut self, key: &str, value: &str, at: i64) {
        let seq = self.st.have.get(self.id) + 1;
        let before = self.st.values.get(key).map(|v| v.2.as_bytes().to_vec());
        let change = Change {
            order: self.log.len() as u64 + 1,
            desk_id: self.id,
            seq,
            at: Ts(at),
            desk: self.name.clone(),
            kind: ChangeKind::Other,
            group: None,
            writes: vec![Write {
                tree: "t".into(),
                key: key.as_bytes().to_vec(),
                before,
                after: Some(value.as_bytes().to_vec()),
            }],
        };
        let deps = self.st.have.clone();
        self.take(&WireEntry { change, deps });
    }

    fn take(&mut self, e: &WireEntry) {
        let c = &e.change;
        for w in &c.writes {
            let key = String::from_utf8_lossy(&w.key).into_owned();
            let value =
                String::from_utf8_lossy(w.after.as_deref().unwrap_or_default()).into_owned();
            let newer = match self.st.values.get(&key) {
                Some(&(at, desk, _)) => (c.at.0, c.desk_id) > (at, desk),
                None => true,
            };
            if newer {
                self.st.values.insert(key, (c.at.0, c.desk_id, value));
            }
        }
        self.st.have.note(c.desk_id, c.seq);
        let mut kept = e.clone();
        kept.change.order = self.log.len() as u64 + 1;
        self.log.push(kept);
    }
}

fn garbled(what: &str) -> SyncError {
    SyncError::Journal {
        ko: what.into(),
        en: what.into(),
    }
}

#[derive(Serialize, Deserialize)]
struct Snap {
    st: State,
    log: Vec<WireEntry>,
}

impl Journal for Fake {
    fn card(&mut self) -> Result<DeskCard, SyncError> {
        Ok(DeskCard {
            id: self.id,
            name: self.name.clone(),
        })
    }

    fn set(&mut self) -> Result<Option<[u8; 16]>, SyncError> {
        Ok(self.st.set)
    }

    fn have(&mut self) -> Result<Vv, SyncError> {
        Ok(self.st.have.clone())
    }

    fn entries_since(
        &mut self,
        theirs: &Vv,
        max_bytes: usize,
    ) -> Result<Vec<WireEntry>, SyncError> {
        if let Some((desk, upto)) = self.folded
            && theirs.get(desk) < upto
        {
            return Err(SyncError::Gap {
                desk,
                from_seq: theirs.get(desk) + 1,
            });
        }
        let mut out = Vec::new();
        let mut bytes = 0;
        for e in &self.log {
            if theirs.covers(e.change.desk_id, e.change.seq) {
                continue;
            }
            let len = codec::to_wire(e, usize::MAX).map(|b| b.len()).unwrap_or(0);
            if !out.is_empty() && bytes + len > max_bytes {
                break;
            }
            bytes += len;
            out.push(e.clone());
        }
        Ok(out)
    }

    fn apply(&mut self, entries: &[WireEntry]) -> Result<usize, SyncError> {
        self.applied_calls += 1;
        if self
            .fail_apply_after
            .is_some_and(|n| self.applied_calls > n)
        {
            return Err(garbled("killed"));
        }
        let mut n = 0;
        for e in entries {
            let c = &e.change;
            if self.st.have.covers(c.desk_id, c.seq) {
                continue;
            }
            // Causal delivery: the next of its desk, after everything it had seen.
            if c.seq != self.st.have.get(c.desk_id) + 1 || self.st.have.lacks_from(&e.deps) {
                return Err(garbled("an entry out of causal order"));
            }
            self.take(e);
            n += 1;
        }
        Ok(n)
    }

    fn snapshot(&mut self) -> Result<Vec<u8>, SyncError> {
        let snap = Snap {
            st: self.st.clone(),
            log: self.log.clone(),
        };
        codec::to_wire(&snap, usize::MAX).map_err(|_| garbled("snapshot"))
    }

    fn join(&mut self, snapshot: &[u8]) -> Result<(), SyncError> {
        if self.st.set.is_some() || !self.log.is_empty() {
            return Err(garbled("not a fresh database"));
        }
        let snap: Snap =
            codec::from_wire(snapshot, usize::MAX).map_err(|_| garbled("a garbled snapshot"))?;
        self.st = snap.st;
        self.log = snap.log;
        Ok(())
    }
}
