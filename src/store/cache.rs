//! Derived data kept to start fast: the roster (everyone and every organisation in one value)
//! and the saved search index. Never the only copy of anything: not synced, and rebuilt when
//! missing, stale, foreign or unreadable.
//!
//! They live in files of their own beside sled's (`cache.roster`, `cache.search`), not in sled:
//! sled reads every large value of its log's last segment again on each open, so 18 MB of
//! caches in sled cost every start, every `netday search`, ~30 ms before anything was asked.
//!
//! A file is believed only for the `Generation` it was built at: the database's random id
//! (drawn at creation) and the token of the last write to a person or organisation. A token is
//! this process's random nonce and a count, so no other write, in this database, a copy of it
//! or any other, ever makes the same one: a counter alone let two copies of one folder reach the
//! same number with other people behind it, and the desk then checked in the wrong person.
//! A file holds `MAGIC`, the generation, the body's length and CRC-32, then the body; a torn
//! or foreign file fails the check and is rebuilt; anything but a regular file of sane size is
//! never opened. A file is written only after the data it was built from is durable.
//!
//! Touches the two cache files, the retired `cache` tree and `meta`'s database id and token.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use super::layout::{
    DB_ID_KEY, GEN_KEY, META, ORGS, PEOPLE, RETIRED_CACHE_TREE, RETIRED_GEN_KEY, TREE_NAMES,
    from_be,
};
use super::write::{Tx, TxResult};
use super::{Result, Store, codec};
use crate::model::{Organization, Person};

/// What a cache must have been built from: this database and this state of its people and
/// organisations. Unknown (no cache is read or written) for a database without an id yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Generation(Option<[u8; 32]>);

/// 16 bytes no other write makes: this process's random nonce, then a count.
fn fresh_token() -> [u8; 16] {
    static NONCE: OnceLock<u64> = OnceLock::new();
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let nonce = *NONCE.get_or_init(|| {
        getrandom::u64().unwrap_or_else(|_| {
            // No random source: the clock and the process id still tell processes apart.
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos() as u64);
            nanos ^ (u64::from(std::process::id()) << 32)
        })
    });
    let mut t = [0u8; 16];
    t[..8].copy_from_slice(&nonce.to_be_bytes());
    t[8..].copy_from_slice(&COUNT.fetch_add(1, Ordering::Relaxed).to_be_bytes());
    t
}

impl Tx<'_> {
    /// Marks every cache stale (called by every person / organisation write).
    pub(super) fn bump_gen(&self) -> TxResult<()> {
        self.put_raw(META, GEN_KEY, &fresh_token())
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

const MAGIC: &[u8; 8] = b"NDCACHE2";
const HEADER: usize = 8 + 32 + 8 + 4;
/// The largest body believed (the search index of 1,000,000 people is about 120 MB): a header
/// that claims more is not allocated for.
const MAX_BODY: u64 = 1 << 30;

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

/// `path` opened for reading if it is a regular file (never a FIFO, which would block the open,
/// nor a device or a link).
fn open_regular(path: &Path) -> Option<std::fs::File> {
    let before = std::fs::symlink_metadata(path).ok()?;
    if !before.file_type().is_file() {
        return None;
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW);
    }
    let f = options.open(path).ok()?;
    f.metadata().ok()?.file_type().is_file().then_some(f)
}

/// A new file only this user can read.
fn create_new_private(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

impl Store {
    fn cache_path(&self, file: &str) -> PathBuf {
        self.path.join(file)
    }

    /// Cache file `file`'s body, if its header says it was built at `generation`: a stale or
    /// foreign file costs one read of its header.
    fn open_cache(&self, file: &str, generation: Generation) -> Option<Body> {
        use std::io::Read;
        let want = generation.0?;
        let f = open_regular(&self.cache_path(file))?;
        let size = f.metadata().ok()?.len();
        let mut f = std::io::BufReader::with_capacity(1 << 16, f);
        let mut head = [0u8; HEADER];
        f.read_exact(&mut head).ok()?;
        let len = from_be(&head[40..48])?;
        // A torn file, or a length no write made, is known before its body is read.
        if !head.starts_with(MAGIC)
            || head[8..40] != want
            || len > MAX_BODY
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
            crc: head[48..52].try_into().ok()?,
        })
    }

    /// The value in cache file `file` if it was built at `generation` and is whole, decoded as
    /// it is read: the file's 7 MB (at 100,000 people) are never held beside the people.
    fn decode_cache<T: serde::de::DeserializeOwned>(
        &self,
        file: &str,
        generation: Generation,
    ) -> Option<T> {
        let mut body = self.open_cache(file, generation)?;
        let value = codec::decode_large_from(&mut body.reader).ok();
        value.filter(|_| body.whole())
    }

    /// The body of cache file `file` if it was built at `generation` and is whole.
    fn read_cache(&self, file: &str, generation: Generation) -> Option<Vec<u8>> {
        use std::io::Read;
        let mut body = self.open_cache(file, generation)?;
        let mut buf = Vec::with_capacity(usize::try_from(body.len).ok()?);
        body.reader.read_to_end(&mut buf).ok()?;
        body.whole().then_some(buf)
    }

    /// Writes cache file `file` for `generation`: only once the data it was built from is
    /// durable, only with room to spare on the disk, never in a way that could leave a torn
    /// file under the real name, and never over anything but a regular file. A cache that
    /// cannot be written is simply built again next time.
    fn write_cache(&self, file: &str, generation: Generation, body: &[u8]) {
        let Some(built_at) = generation.0 else {
            return;
        };
        let path = self.cache_path(file);
        let ours =
            |p: &Path| std::fs::symlink_metadata(p).map_or(true, |m| m.file_type().is_file());
        if !ours(&path)
            || body.len() as u64 > MAX_BODY
            || self.durable().is_err()
            || self.ensure_room((HEADER + body.len()) as u64).is_err()
        {
            return;
        }
        let mut head = Vec::with_capacity(HEADER);
        head.extend_from_slice(MAGIC);
        head.extend_from_slice(&built_at);
        head.extend_from_slice(&(body.len() as u64).to_be_bytes());
        head.extend_from_slice(&crc32fast::hash(body).to_be_bytes());
        let tmp = self.cache_path(&format!("{file}{TMP_SUFFIX}"));
        if !ours(&tmp) {
            return;
        }
        let _ = std::fs::remove_file(&tmp);
        let written = create_new_private(&tmp).and_then(|mut f| {
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
    pub fn search_cache(&self, generation: Generation) -> Result<Option<Vec<u8>>> {
        Ok(self.read_cache(SEARCH_FILE, generation))
    }

    /// Saves the people search index built at `generation` (a cache: skipped when it cannot be
    /// written).
    pub fn put_search_cache(&self, generation: Generation, bytes: &[u8]) -> Result<()> {
        self.write_cache(SEARCH_FILE, generation, bytes);
        Ok(())
    }

    /// What the caches are checked against: this database's id and the token of the last
    /// person or organisation write.
    pub fn generation(&self) -> Result<Generation> {
        let id = self.raw_get(META, DB_ID_KEY)?;
        let token = self.raw_get(META, GEN_KEY)?;
        let mut g = [0u8; 32];
        Ok(match id {
            Some(id) if id.len() == 16 => {
                g[..16].copy_from_slice(&id);
                if let Some(t) = token.filter(|t| t.len() == 16) {
                    g[16..].copy_from_slice(&t);
                }
                Generation(Some(g))
            }
            _ => Generation(None),
        })
    }

    /// Gives a database without an id (made by an earlier version) one, with a fresh token;
    /// until that write succeeds (a read-only or full disk) no cache is read or written.
    pub(super) fn ensure_identity(&self) {
        let Ok(None) = self.raw_get(META, DB_ID_KEY) else {
            return;
        };
        let mut id = [0u8; 16];
        if getrandom::fill(&mut id).is_err() {
            return;
        }
        let made = self.write(|tx| {
            tx.put_raw(META, DB_ID_KEY, &id)?;
            tx.bump_gen()?;
            tx.del(META, RETIRED_GEN_KEY)
        });
        if made.is_ok() {
            self.forget_caches();
        }
    }

    /// Deletes both cache files: the next load reads the database record by record.
    pub fn forget_caches(&self) {
        for file in [ROSTER_FILE, SEARCH_FILE] {
            let _ = std::fs::remove_file(self.cache_path(file));
        }
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
            // sled's threads let go of its lock a moment after the store is dropped.
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
            let db = loop {
                match sled::open(&path) {
                    Ok(db) => break db,
                    Err(_) if std::time::Instant::now() < deadline => std::thread::yield_now(),
                    Err(e) => panic!("{e}"),
                }
            };
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
