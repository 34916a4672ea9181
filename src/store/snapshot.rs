//! Portable backups: every record in one file, independent of sled's on-disk format.

use serde::{Deserialize, Serialize};

use super::{ATTENDANCE, META, SCHEMA, Store, StoreError, TREE_NAMES, codec};
use crate::model::{AgendaItem, Attendance, Event, Idea, Note, Organization, Person};

const MAGIC: &[u8; 8] = b"NETDAYBK";

/// Everything a networking-day database holds (drafts excepted).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct Snapshot {
    pub events: Vec<Event>,
    pub orgs: Vec<Organization>,
    pub people: Vec<Person>,
    pub attendance: Vec<Attendance>,
    pub agenda: Vec<AgendaItem>,
    pub notes: Vec<Note>,
    pub ideas: Vec<Idea>,
}

impl Snapshot {
    pub fn to_bytes(&self) -> Result<Vec<u8>, StoreError> {
        let mut out = MAGIC.to_vec();
        out.push(SCHEMA);
        out.extend(codec::encode_body(self)?);
        Ok(out)
    }
    pub fn from_bytes(bytes: &[u8]) -> Result<Snapshot, StoreError> {
        if bytes.len() < 9 || &bytes[..8] != MAGIC {
            return Err(StoreError::Invalid(
                "백업 파일이 아닙니다 / not a netday backup file".into(),
            ));
        }
        if bytes[8] != SCHEMA {
            return Err(StoreError::Newer {
                found: bytes[8],
                supported: SCHEMA,
            });
        }
        codec::decode_snapshot(&bytes[9..])
    }
}

impl Store {
    pub fn snapshot(&self) -> Result<Snapshot, StoreError> {
        Ok(Snapshot {
            events: self.events()?,
            orgs: self.orgs()?,
            people: self.people()?,
            attendance: self.all(ATTENDANCE)?,
            agenda: self.all(super::AGENDA)?,
            notes: self.notes()?,
            ideas: self.ideas()?,
        })
    }

    /// Replaces the whole content with `snap` in one transaction; ids are kept, counters set
    /// past the highest id so new records never collide.
    pub fn restore(&self, snap: &Snapshot) -> Result<(), StoreError> {
        let max_ids = [
            (super::EVENTS, snap.events.iter().map(|e| e.id).max()),
            (super::ORGS, snap.orgs.iter().map(|e| e.id).max()),
            (super::PEOPLE, snap.people.iter().map(|e| e.id).max()),
            (super::AGENDA, snap.agenda.iter().map(|e| e.id).max()),
            (super::NOTES, snap.notes.iter().map(|e| e.id).max()),
            (super::IDEAS, snap.ideas.iter().map(|e| e.id).max()),
        ];
        for t in self.live()?.trees.iter().skip(1) {
            t.clear().map_err(|e| self.sled_err(e))?;
        }
        for (tree, max) in max_ids {
            let key = format!("seq:{}", TREE_NAMES[tree]);
            self.raw_insert(META, key.as_bytes(), &super::be(max.unwrap_or(0))[..])?;
        }
        for chunk in 0..=(snap.people.len() / 2000) {
            let part = snap
                .people
                .get(chunk * 2000..((chunk + 1) * 2000).min(snap.people.len()))
                .unwrap_or_default();
            self.write_unsynced(|tx| {
                for p in part {
                    tx.put_person(&mut p.clone())?;
                }
                Ok(())
            })?;
        }
        self.write_unsynced(|tx| {
            for e in &snap.events {
                tx.put_event(&mut e.clone())?;
            }
            for o in &snap.orgs {
                tx.put_org(&mut o.clone())?;
            }
            for a in &snap.agenda {
                tx.put_agenda(&mut a.clone())?;
            }
            for n in &snap.notes {
                tx.put_note(&mut n.clone())?;
            }
            for i in &snap.ideas {
                tx.put_idea(&mut i.clone())?;
            }
            Ok(())
        })?;
        for chunk in snap.attendance.chunks(5000) {
            self.write_unsynced(|tx| {
                for a in chunk {
                    tx.put_attendance(a)?;
                }
                Ok(())
            })?;
        }
        self.durable()
    }
}
