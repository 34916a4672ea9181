//! Bringing an older database up to `SCHEMA`, after a backup copy of its directory.
//!
//! Schema 1 stored people without badge codes (they came with the check-in desk); schema 2
//! gives every person their code and fills the code index; schema 3 gives every person a list
//! of alias codes (badge codes another database gave them). Each step rewrites only records
//! still at its older version, so a migration cut short is finished by the next open.

use serde::{Deserialize, Serialize};

use super::layout::{
    AGENDA, ATTENDANCE, DRAFTS, EVENTS, IDEAS, META, NOTES, ORGS, PEOPLE, PEOPLE_BY_CODE,
    SCHEMA_KEY, TREE_NAMES, be,
};
use super::snapshot::{FORMAT_SCHEMA2, FORMAT_UNCHECKED, MAGIC};
use super::{DamagedRecord, SCHEMA, Snapshot, Store, StoreError, codec, dir};
use crate::model::{
    AgendaItem, Attendance, Event, Id, Idea, Note, Organization, Person, Ts, badge_code,
};

/// A person as schema 1 wrote them.
#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct PersonV1 {
    pub id: Id,
    pub name: String,
    pub org_id: Option<Id>,
    pub role: String,
    pub phone: String,
    pub email: String,
    pub tags: Vec<String>,
    pub notes: String,
    pub archived: bool,
    pub created: Ts,
}

/// A person as schema 2 wrote them (no aliases).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct PersonV2 {
    pub id: Id,
    pub code: String,
    pub name: String,
    pub org_id: Option<Id>,
    pub role: String,
    pub phone: String,
    pub email: String,
    pub tags: Vec<String>,
    pub notes: String,
    pub archived: bool,
    pub created: Ts,
}

impl From<PersonV2> for Person {
    fn from(old: PersonV2) -> Person {
        Person {
            id: old.id,
            code: old.code,
            name: old.name,
            org_id: old.org_id,
            role: old.role,
            phone: old.phone,
            email: old.email,
            tags: old.tags,
            notes: old.notes,
            archived: old.archived,
            created: old.created,
            aliases: Vec::new(),
        }
    }
}

impl From<Person> for PersonV2 {
    fn from(p: Person) -> PersonV2 {
        PersonV2 {
            id: p.id,
            code: p.code,
            name: p.name,
            org_id: p.org_id,
            role: p.role,
            phone: p.phone,
            email: p.email,
            tags: p.tags,
            notes: p.notes,
            archived: p.archived,
            created: p.created,
        }
    }
}

/// A backup's body as schema 2 wrote it (backup formats 2 and 3).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct SnapshotV2 {
    pub events: Vec<Event>,
    pub orgs: Vec<Organization>,
    pub people: Vec<PersonV2>,
    pub attendance: Vec<Attendance>,
    pub agenda: Vec<AgendaItem>,
    pub notes: Vec<Note>,
    pub ideas: Vec<Idea>,
}

impl From<SnapshotV2> for Snapshot {
    fn from(s: SnapshotV2) -> Snapshot {
        Snapshot {
            events: s.events,
            orgs: s.orgs,
            people: s.people.into_iter().map(Person::from).collect(),
            attendance: s.attendance,
            agenda: s.agenda,
            notes: s.notes,
            ideas: s.ideas,
            consents: Vec::new(),
        }
    }
}

/// The backup file a netday of schema 2 made of `s`: format 3 with its checksum when
/// `checked`, else round 1's format 2. Tests of reading old backups use it; aliases are left
/// out, as that netday had none.
pub fn schema2_backup(s: &Snapshot, checked: bool) -> Result<Vec<u8>, StoreError> {
    let old = SnapshotV2 {
        events: s.events.clone(),
        orgs: s.orgs.clone(),
        people: s.people.iter().cloned().map(PersonV2::from).collect(),
        attendance: s.attendance.clone(),
        agenda: s.agenda.clone(),
        notes: s.notes.clone(),
        ideas: s.ideas.clone(),
    };
    let mut out = MAGIC.to_vec();
    out.push(if checked {
        FORMAT_SCHEMA2
    } else {
        FORMAT_UNCHECKED
    });
    out.extend(codec::encode_body(&old)?);
    if checked {
        let sum = crc32fast::hash(&out);
        out.extend_from_slice(&sum.to_le_bytes());
    }
    Ok(out)
}

/// Builds a schema-2 database at `path` holding `people` (and their code index) and `events`,
/// version file included: tests of the migration to schema 3 use it.
pub fn make_v2_database(
    path: &std::path::Path,
    people: &[PersonV2],
    events: &[Event],
) -> Result<(), StoreError> {
    let err = |e| StoreError::sled(path, e);
    let db = sled::Config::new().path(path).open().map_err(err)?;
    db.open_tree("meta")
        .and_then(|t| t.insert(SCHEMA_KEY, &[2u8][..]))
        .map_err(err)?;
    let tree = db.open_tree("people").map_err(err)?;
    let codes = db.open_tree("people_by_code").map_err(err)?;
    for p in people {
        let mut v = vec![2u8];
        v.extend(codec::encode_body(p)?);
        tree.insert(be(p.id), v).map_err(err)?;
        codes
            .insert(p.code.as_bytes(), &be(p.id)[..])
            .map_err(err)?;
    }
    let tree = db.open_tree("events").map_err(err)?;
    for e in events {
        let mut v = vec![2u8];
        v.extend(codec::encode_body(e)?);
        tree.insert(be(e.id), v).map_err(err)?;
    }
    db.flush().map_err(err)?;
    dir::write_version_file(path, 2)
}

/// Builds a schema-1 database at `path` holding `people`, version file included (tests of the
/// migration use it).
pub fn make_v1_database(path: &std::path::Path, people: &[PersonV1]) -> Result<(), StoreError> {
    let err = |e| StoreError::sled(path, e);
    let db = sled::Config::new().path(path).open().map_err(err)?;
    db.open_tree("meta")
        .and_then(|t| t.insert(SCHEMA_KEY, &[1u8][..]))
        .map_err(err)?;
    let tree = db.open_tree("people").map_err(err)?;
    for p in people {
        let mut v = vec![1u8];
        v.extend(codec::encode_body(p)?);
        tree.insert(be(p.id), v).map_err(err)?;
    }
    db.flush().map_err(err)?;
    dir::write_version_file(path, 1)
}

pub(super) fn run(store: &Store, from: u8) -> Result<(), StoreError> {
    store.durable()?;
    backup_copy(store, from)?;
    if from < 2 {
        let live = store.live()?;
        let people = &live.trees[PEOPLE];
        let codes = &live.trees[PEOPLE_BY_CODE];
        let err = |e| StoreError::sled(&store.path, e);
        for kv in people.iter() {
            let (k, v) = kv.map_err(err)?;
            if v.first() != Some(&1) {
                continue;
            }
            let old: PersonV1 = old_person(&k, &v)?;
            let p = Person {
                aliases: Vec::new(),
                code: badge_code(old.id),
                id: old.id,
                name: old.name,
                org_id: old.org_id,
                role: old.role,
                phone: old.phone,
                email: old.email,
                tags: old.tags,
                notes: old.notes,
                archived: old.archived,
                created: old.created,
            };
            codes
                .insert(p.code.as_bytes(), &be(p.id)[..])
                .map_err(err)?;
            people.insert(k, codec::encode(&p)?).map_err(err)?;
        }
    }
    if from < 3 {
        to_schema_3(store)?;
    }
    store.raw_insert(META, SCHEMA_KEY, &[SCHEMA][..])?;
    store.durable()
}

/// The person stored under `key` in an earlier layout (`value` is its version byte and body).
fn old_person<T: serde::de::DeserializeOwned>(key: &[u8], value: &[u8]) -> Result<T, StoreError> {
    codec::decode_body(&value[1..]).map_err(|_| {
        StoreError::DamagedRecord(DamagedRecord {
            tree: TREE_NAMES[PEOPLE],
            key: key.to_vec(),
        })
    })
}

/// Schema 3: people gain an empty list of aliases; every other record keeps its bincode
/// body and only its version byte changes.
fn to_schema_3(store: &Store) -> Result<(), StoreError> {
    let live = store.live()?;
    let err = |e| StoreError::sled(&store.path, e);
    let people = &live.trees[PEOPLE];
    for kv in people.iter() {
        let (k, v) = kv.map_err(err)?;
        if v.first() != Some(&2) {
            continue;
        }
        let old: PersonV2 = old_person(&k, &v)?;
        people
            .insert(k, codec::encode(&Person::from(old))?)
            .map_err(err)?;
    }
    for tree in [EVENTS, ORGS, ATTENDANCE, AGENDA, NOTES, IDEAS, DRAFTS, META] {
        let t = &live.trees[tree];
        for kv in t.iter() {
            let (k, v) = kv.map_err(err)?;
            // In `meta` only the journal's records are encoded; counters and marks are raw.
            if tree == META && !super::journal::is_encoded_key(&k) {
                continue;
            }
            if v.first() == Some(&2) {
                let mut v = v.to_vec();
                v[0] = 3;
                t.insert(k, v).map_err(err)?;
            }
        }
    }
    Ok(())
}

fn backup_copy(store: &Store, from: u8) -> Result<(), StoreError> {
    let stamp = Ts::now().local().format("%Y%m%d-%H%M%S");
    let name = format!(
        "{}.backup-v{from}-{stamp}",
        store
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "netday".into())
    );
    let dst = store.path.with_file_name(name);
    copy_dir(&store.path, &dst).map_err(|e| StoreError::io(&dst, e))
}

fn copy_dir(src: &std::path::Path, dst: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dst)?;
    for entry in std::fs::read_dir(src)? {
        let entry = entry?;
        let to = dst.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &to)?;
        } else {
            std::fs::copy(entry.path(), to)?;
        }
    }
    Ok(())
}

/// Overwrites the schema marker of a closed database (tests of the newer-version refusal).
pub fn set_schema_for_tests(path: &std::path::Path, version: u8) -> Result<(), StoreError> {
    let err = |e| StoreError::sled(path, e);
    let db = sled::Config::new().path(path).open().map_err(err)?;
    db.open_tree("meta")
        .and_then(|t| t.insert(SCHEMA_KEY, &[version][..]))
        .map_err(err)?;
    db.flush().map_err(err)?;
    dir::write_version_file(path, version)
}
