//! Derived data kept to start fast: the roster (everyone and every organisation in one value)
//! and the saved search index, valid only for the generation they were built at. Never the
//! only copy of anything: not synced, and rebuilt when missing, stale or unreadable.
//!
//! They live in files of their own beside sled's (`cache.roster`, `cache.search`), not in sled:
//! sled reads every large value of its log's last segment again on each open, so 18 MB of
//! caches in sled cost every start, every `netday search`, ~30 ms before anything was asked.
//! A file holds `MAGIC`, the generation it was built at, the body's length and CRC-32, then
//! the body; a torn or foreign file fails the check and is rebuilt. A file is written only
//! after the data it was built from is durable, so a crash cannot bring back a generation
//! number with other data behind it.
//!
//! Touches the two cache files, the retired `cache` tree and the generation counter in `meta`.

use std::path::PathBuf;

use super::layout::{GEN_KEY, META, ORGS, PEOPLE, RETIRED_CACHE_TREE, TREE_NAMES, be, from_be};
use super::write::{Tx, TxResult};
use super::{Result, Store, codec};
use crate::model::{Organization, Person};

impl Tx<'_> {
    /// Marks the roster cache stale (called by every person / organisation write).
    pub(super) fn bump_gen(&self) -> TxResult<()> {
        let cur = self.counter(GEN_KEY)?.unwrap_or_default();
        self.put_raw(META, GEN_KEY, &be(cur.wrapping_add(1)))
    }
}

/// Everyone and every organisation in one value (see `Store::people_and_orgs`), with the
/// records that could not be read when it was built (so a start from the cache still says so).
#[derive(serde::Serialize, serde::Deserialize)]
struct RosterCache {
    people: Vec<Person>,
    orgs: Vec<Organization>,
    damaged: Vec<(String, Vec<u8>)>,
}

/// The two cache files, by what they hold.
pub(super) const ROSTER_FILE: &str = "cache.roster";
pub(super) const SEARCH_FILE: &str = "cache.search";
/// What a cache file is written as before it is renamed into place.
pub(super) const TMP_SUFFIX: &str = ".tmp";

const MAGIC: &[u8; 8] = b"NDCACHE1";
const HEADER: usize = 8 + 8 + 8 + 4;

/// A reader that sums up (CRC-32) and counts what passes through it.
struct Checked<R> {
    inner: R,
    crc: crc32fast::Hasher,
    read: u64,
}

impl<R: std::io::Read> std::io::Read for Checked<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.crc.update(&buf[..n]);
        self.read += n as u64;
        Ok(n)
    }
}

/// A cache file's body being read: what it must come to, and what it came to so far.
struct Body {
    reader: Checked<std::io::Take<std::io::BufReader<std::fs::File>>>,
    len: u64,
    crc: [u8; 4],
}

impl Body {
    /// Whether the body read was exactly what was written (what the value left unread counts).
    fn whole(mut self) -> bool {
        std::io::copy(&mut self.reader, &mut std::io::sink()).is_ok()
            && self.reader.read == self.len
            && self.reader.crc.finalize().to_be_bytes() == self.crc
    }
}

impl Store {
    fn cache_path(&self, file: &str) -> PathBuf {
        self.path.join(file)
    }

    /// Cache file `file`'s body, if its header says it was built at `generation`: a stale or
    /// foreign file costs one read of its header.
    fn open_cache(&self, file: &str, generation: u64) -> Option<Body> {
        use std::io::Read;
        let f = std::fs::File::open(self.cache_path(file)).ok()?;
        let size = f.metadata().ok()?.len();
        let mut f = std::io::BufReader::with_capacity(1 << 16, f);
        let mut head = [0u8; HEADER];
        f.read_exact(&mut head).ok()?;
        let num = |r: std::ops::Range<usize>| from_be(&head[r]);
        let len = num(16..24)?;
        // A torn file, or a length no write made, is known before its body is read.
        if !head.starts_with(MAGIC)
            || num(8..16) != Some(generation)
            || size.checked_sub(HEADER as u64) != Some(len)
        {
            return None;
        }
        Some(Body {
            reader: Checked {
                inner: f.take(len),
                crc: crc32fast::Hasher::new(),
                read: 0,
            },
            len,
            crc: head[24..28].try_into().ok()?,
        })
    }

    /// The value in cache file `file` if it was built at `generation` and is whole, decoded as
    /// it is read: the file's 7 MB (at 100,000 people) are never held beside the people.
    fn decode_cache<T: serde::de::DeserializeOwned>(
        &self,
        file: &str,
        generation: u64,
    ) -> Option<T> {
        let mut body = self.open_cache(file, generation)?;
        let value = codec::decode_large_from(&mut body.reader).ok();
        value.filter(|_| body.whole())
    }

    /// The body of cache file `file` if it was built at `generation` and is whole.
    fn read_cache(&self, file: &str, generation: u64) -> Option<Vec<u8>> {
        use std::io::Read;
        let mut body = self.open_cache(file, generation)?;
        let mut buf = Vec::with_capacity(usize::try_from(body.len).ok()?);
        body.reader.read_to_end(&mut buf).ok()?;
        body.whole().then_some(buf)
    }

    /// Writes cache file `file` for `generation`: only once the data it was built from is
    /// durable, only with room to spare on the disk, never in a way that could leave a torn
    /// file under the real name. A cache that cannot be written is simply built again next time.
    fn write_cache(&self, file: &str, generation: u64, body: &[u8]) {
        if self.durable().is_err() || self.ensure_room((HEADER + body.len()) as u64).is_err() {
            return;
        }
        let mut head = Vec::with_capacity(HEADER);
        head.extend_from_slice(MAGIC);
        head.extend_from_slice(&be(generation));
        head.extend_from_slice(&be(body.len() as u64));
        head.extend_from_slice(&crc32fast::hash(body).to_be_bytes());
        let path = self.cache_path(file);
        let tmp = self.cache_path(&format!("{file}{TMP_SUFFIX}"));
        let written = std::fs::File::create(&tmp).and_then(|mut f| {
            use std::io::Write;
            f.write_all(&head)?;
            f.write_all(body)
        });
        if written.and_then(|_| std::fs::rename(&tmp, &path)).is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }

    /// Everyone and every organisation, as fast as possible: from the roster cache (one file,
    /// one read) when no person or organisation was written since it was built; otherwise read
    /// record by record and the cache rebuilt for next time.
    pub fn people_and_orgs(&self) -> Result<(Vec<Person>, Vec<Organization>)> {
        let gen_now = self.generation()?;
        if let Some(c) = self.decode_cache::<RosterCache>(ROSTER_FILE, gen_now) {
            for (tree, key) in &c.damaged {
                if let Some(i) = TREE_NAMES.iter().position(|n| n == tree) {
                    self.note_damage(i, key);
                }
            }
            return Ok((c.people, c.orgs));
        }
        let people = self.people()?;
        let orgs = self.orgs()?;
        let damaged = self
            .damaged()
            .into_iter()
            .filter(|d| d.tree == TREE_NAMES[PEOPLE] || d.tree == TREE_NAMES[ORGS])
            .map(|d| (d.tree.to_string(), d.key))
            .collect();
        let c = RosterCache {
            people,
            orgs,
            damaged,
        };
        if let Ok(bytes) = codec::encode_large(&c) {
            self.write_cache(ROSTER_FILE, gen_now, &bytes);
        }
        Ok((c.people, c.orgs))
    }

    /// The saved people search index (opaque bytes), if it was saved at generation `generation`.
    pub fn search_cache(&self, generation: u64) -> Result<Option<Vec<u8>>> {
        Ok(self.read_cache(SEARCH_FILE, generation))
    }

    /// Saves the people search index built at `generation` (a cache: skipped when it cannot be
    /// written).
    pub fn put_search_cache(&self, generation: u64, bytes: &[u8]) -> Result<()> {
        self.write_cache(SEARCH_FILE, generation, bytes);
        Ok(())
    }

    /// Changes whenever a person or organisation is written (what the caches are checked against).
    pub fn generation(&self) -> Result<u64> {
        Ok(self
            .raw_get(META, GEN_KEY)?
            .and_then(|v| from_be(&v))
            .unwrap_or(0))
    }

    /// Drops the `cache` tree earlier versions kept the caches in: sled reads its large values
    /// again on every open for as long as they are part of the database.
    pub(super) fn retire_sled_caches(&self) -> Result<()> {
        let live = self.live()?;
        let found = live
            .db
            .tree_names()
            .iter()
            .any(|n| n == RETIRED_CACHE_TREE.as_bytes());
        if found {
            live.db
                .drop_tree(RETIRED_CACHE_TREE)
                .map_err(|e| self.sled_err(e))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// A database from a version that kept its caches in sled loses that tree on the next open,
    /// and with it the megabytes sled would read again at every start.
    #[test]
    fn the_old_cache_tree_is_dropped_on_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db");
        drop(Store::open(&path).unwrap());
        {
            let db = sled::open(&path).unwrap();
            let old = db.open_tree(RETIRED_CACHE_TREE).unwrap();
            old.insert(b"roster", vec![7u8; 1 << 20]).unwrap();
            db.flush().unwrap();
        }
        let store = Store::open(&path).unwrap();
        let names = store.live().unwrap().db.tree_names();
        assert!(!names.iter().any(|n| n == RETIRED_CACHE_TREE.as_bytes()));
        assert!(store.is_empty());
    }
}
