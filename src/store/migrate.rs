//! Bringing an older database up to `SCHEMA`, after a backup copy of its directory.
//!
//! Schema 1 stored people without badge codes (they came with the check-in desk); schema 2
//! gives every person their code and fills the code index.

use serde::{Deserialize, Serialize};

use super::layout::{META, PEOPLE, PEOPLE_BY_CODE, SCHEMA_KEY, TREE_NAMES, be};
use super::{DamagedRecord, SCHEMA, Store, StoreError, codec, dir};
use crate::model::{Id, Person, Ts, badge_code};

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
            let old: PersonV1 = codec::decode_body(&v[1..]).map_err(|_| {
                StoreError::DamagedRecord(DamagedRecord {
                    tree: TREE_NAMES[PEOPLE],
                    key: k.to_vec(),
                })
            })?;
            let p = Person {
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
    store.raw_insert(META, SCHEMA_KEY, &[SCHEMA][..])?;
    store.durable()
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
