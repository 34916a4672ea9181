//! The sync file (`netday sync write FILE` / `sync read FILE`): the entries another desk may
//! lack, for a USB stick or a shared folder when there is no network. Read exactly as the
//! link's `Entries` (the same `Journal::apply`), so reading twice changes nothing.
//!
//! ```text
//! "NETDAYSY" | format 1 | set [16] | from desk u64 | created i64      (the fixed header)
//! | recipients u8 N | N × (desk u64 | nonce [24] | file key sealed for that desk [48])
//! | nonce [24] | XChaCha20-Poly1305(file key, body, aad = every byte above)
//! | CRC-32 of every byte before it
//! ```
//! The body is a `SyncFile` in the store's codec. A random file key seals it; that key is
//! sealed for each paired desk with the key both derived at pairing (`Paired::file_key`). The
//! CRC tells a damaged file before any decryption; the AEAD tells a file for another desk, or
//! altered. Numbers are big-endian.

use std::io::Read;
use std::path::Path;

use chacha20poly1305::aead::{Aead, Payload};
use chacha20poly1305::{Key, KeyInit, XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};

use crate::files::{self, Replace};
use crate::model::Ts;
use crate::model::korean::{Particle, josa};
use crate::model::sync::{Vv, WireEntry};
use crate::store::codec;

use super::session::Journal;
use super::wire::{DeskCard, ENTRIES_BYTES, Refusal};
use super::{LinkError, SyncError};

const MAGIC: &[u8; 8] = b"NETDAYSY";
const FORMAT: u8 = 1;
const FIXED: usize = 8 + 1 + 16 + 8 + 8;
const NONCE: usize = 24;
const SEALED_KEY: usize = 32 + 16;
const SLOT: usize = 8 + NONCE + SEALED_KEY;
const TAG: usize = 16;

/// The largest body a sync file carries, and so the largest file read.
pub const FILE_MAX: usize = 256 * 1024 * 1024;

/// What a sync file carries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncFile {
    pub from: DeskCard,
    /// What the writing desk held.
    pub have: Vv,
    /// In the writer's journal order.
    pub entries: Vec<WireEntry>,
}

/// A desk the file is sealed for, with the key it shares with this one.
#[derive(Clone, PartialEq, Eq)]
pub struct Recipient {
    pub desk: u64,
    pub key: [u8; 32],
}

impl std::fmt::Debug for Recipient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recipient")
            .field("desk", &self.desk)
            .finish_non_exhaustive()
    }
}

/// What a file says in clear: enough to pick the key and refuse another list's file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    pub set: [u8; 16],
    pub from: u64,
    pub created: Ts,
    pub recipients: Vec<u64>,
}

fn random<const N: usize>() -> Result<[u8; N], SyncError> {
    let mut b = [0u8; N];
    getrandom::fill(&mut b).map_err(|_| SyncError::Link(LinkError::Random))?;
    Ok(b)
}

fn seal_with(
    key: &[u8; 32],
    nonce: &[u8; NONCE],
    msg: &[u8],
    aad: &[u8],
) -> Result<Vec<u8>, SyncError> {
    XChaCha20Poly1305::new(Key::from_slice(key))
        .encrypt(XNonce::from_slice(nonce), Payload { msg, aad })
        .map_err(|_| SyncError::TooLarge {
            size: msg.len() as u64,
            limit: FILE_MAX as u64,
        })
}

fn open_with(
    key: &[u8; 32],
    nonce: &[u8],
    sealed: &[u8],
    aad: &[u8],
) -> Result<Vec<u8>, SyncError> {
    XChaCha20Poly1305::new(Key::from_slice(key))
        .decrypt(XNonce::from_slice(nonce), Payload { msg: sealed, aad })
        .map_err(|_| SyncError::FileNotForThisDesk)
}

/// The file's bytes: `body` sealed for each of `recipients`.
pub fn seal(
    set: [u8; 16],
    from: u64,
    created: Ts,
    recipients: &[Recipient],
    body: &SyncFile,
) -> Result<Vec<u8>, SyncError> {
    let recipients_n = u8::try_from(recipients.len()).map_err(|_| SyncError::TooLarge {
        size: recipients.len() as u64,
        limit: u8::MAX as u64,
    })?;
    let plain = codec::to_wire(body, FILE_MAX).map_err(|e| match e {
        codec::Unencodable::TooLarge { bytes, limit } => SyncError::TooLarge { size: bytes, limit },
        codec::Unencodable::Failed => SyncError::Garbled("a sync file that cannot be encoded"),
    })?;
    let mut out =
        Vec::with_capacity(FIXED + 1 + recipients.len() * SLOT + NONCE + plain.len() + TAG + 4);
    out.extend_from_slice(MAGIC);
    out.push(FORMAT);
    out.extend_from_slice(&set);
    out.extend_from_slice(&from.to_be_bytes());
    out.extend_from_slice(&created.0.to_be_bytes());
    let fixed = out.clone();
    out.push(recipients_n);
    let file_key: [u8; 32] = random()?;
    for r in recipients {
        let nonce: [u8; NONCE] = random()?;
        let aad = [&fixed[..], &r.desk.to_be_bytes()].concat();
        let sealed = seal_with(&r.key, &nonce, &file_key, &aad)?;
        out.extend_from_slice(&r.desk.to_be_bytes());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
    }
    let nonce: [u8; NONCE] = random()?;
    out.extend_from_slice(&nonce);
    let sealed = seal_with(&file_key, &nonce, &plain, &out)?;
    out.extend_from_slice(&sealed);
    let crc = crc32fast::hash(&out);
    out.extend_from_slice(&crc.to_be_bytes());
    Ok(out)
}

fn be_u64(b: &[u8]) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[..8]);
    u64::from_be_bytes(a)
}

/// Reads the clear part, after checking the file's CRC: any damage is `FileDamaged`.
pub fn header(bytes: &[u8]) -> Result<Header, SyncError> {
    let Some((body, crc)) = bytes.split_last_chunk::<4>() else {
        return Err(SyncError::FileDamaged);
    };
    if body.len() < FIXED + 1 || &body[..8] != MAGIC {
        return Err(SyncError::FileDamaged);
    }
    if crc32fast::hash(body) != u32::from_be_bytes(*crc) {
        return Err(SyncError::FileDamaged);
    }
    if body[8] != FORMAT {
        return Err(SyncError::Layout { theirs: body[8] });
    }
    let n = usize::from(body[FIXED]);
    if body.len() < FIXED + 1 + n * SLOT + NONCE + TAG {
        return Err(SyncError::FileDamaged);
    }
    let mut set = [0u8; 16];
    set.copy_from_slice(&body[9..25]);
    let recipients = (0..n)
        .map(|i| be_u64(&body[FIXED + 1 + i * SLOT..]))
        .collect();
    Ok(Header {
        set,
        from: be_u64(&body[25..]),
        created: Ts(be_u64(&body[33..]) as i64),
        recipients,
    })
}

/// Opens a file sealed for desk `me` with `key` (the key `me` shares with the writer).
pub fn open(bytes: &[u8], me: u64, key: &[u8; 32]) -> Result<(Header, SyncFile), SyncError> {
    let h = header(bytes)?;
    let body = &bytes[..bytes.len() - 4];
    let fixed = &body[..FIXED];
    let slots = FIXED + 1;
    let i = h
        .recipients
        .iter()
        .position(|&d| d == me)
        .ok_or(SyncError::FileNotForThisDesk)?;
    let slot = &body[slots + i * SLOT..slots + (i + 1) * SLOT];
    let aad = [fixed, &me.to_be_bytes()].concat();
    let file_key = open_with(key, &slot[8..8 + NONCE], &slot[8 + NONCE..], &aad)?;
    let file_key: [u8; 32] = file_key
        .as_slice()
        .try_into()
        .map_err(|_| SyncError::FileNotForThisDesk)?;
    let start = slots + h.recipients.len() * SLOT;
    let (above, rest) = body.split_at(start + NONCE);
    let plain = open_with(&file_key, &above[start..], rest, above)?;
    let file: SyncFile = codec::from_wire(&plain, FILE_MAX).map_err(|_| SyncError::FileDamaged)?;
    if file.from.id != h.from {
        return Err(SyncError::FileNotForThisDesk);
    }
    Ok((h, file))
}

/// Writes to `path` (a new file, owner-only, never in the database folder) every entry held
/// here that `theirs` lacks, sealed for `recipients`. How many entries it holds.
pub fn write(
    j: &mut impl Journal,
    path: &Path,
    db_dir: Option<&Path>,
    recipients: &[Recipient],
    theirs: &Vv,
    created: Ts,
) -> Result<usize, SyncError> {
    let set = j.set()?.ok_or(SyncError::Refused(Refusal::NoSet))?;
    let from = j.card()?;
    let have = j.have()?;
    let mut sent = theirs.clone();
    let mut entries = Vec::new();
    while sent.lacks_from(&have) {
        let batch = j.entries_since(&sent, ENTRIES_BYTES)?;
        if batch.is_empty() {
            break;
        }
        for e in &batch {
            sent.note(e.change.desk_id, e.change.seq);
        }
        entries.extend(batch);
    }
    let n = entries.len();
    let bytes = seal(
        set,
        from.id,
        created,
        recipients,
        &SyncFile {
            from,
            have,
            entries,
        },
    )?;
    files::write(path, &bytes, Replace::No, db_dir).map_err(|e| SyncError::FileIo {
        ko: e.ko(),
        en: e.en(),
    })?;
    Ok(n)
}

/// What reading a sync file did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRead {
    pub from: DeskCard,
    /// What the writing desk held when it wrote the file.
    pub have: Vv,
    pub entries: usize,
    pub applied: usize,
}

/// Reads `path` and applies its entries. `key_for(desk)` gives the key this desk shares with
/// the writer (`None`: never paired).
pub fn read(
    j: &mut impl Journal,
    path: &Path,
    key_for: impl Fn(u64) -> Option<[u8; 32]>,
) -> Result<FileRead, SyncError> {
    let shown = path.display().to_string();
    let unreadable = |e: std::io::Error| SyncError::FileIo {
        ko: format!(
            "동기화 파일 {} 읽지 못했습니다 ({e}). 파일 이름과 위치를 확인하세요.",
            josa(&shown, Particle::EulReul)
        ),
        en: format!("Could not read the sync file {shown} ({e}). Check its name and place."),
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let limit = (FILE_MAX + 64 * 1024) as u64;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > limit {
        return Err(SyncError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    let h = header(&bytes)?;
    if j.set()? != Some(h.set) {
        return Err(SyncError::Refused(Refusal::OtherSet));
    }
    let me = j.card()?.id;
    let key = key_for(h.from).ok_or(SyncError::FileUnknownDesk)?;
    let (_, body) = open(&bytes, me, &key)?;
    let applied = j.apply(&body.entries)?;
    Ok(FileRead {
        have: body.have,
        from: body.from,
        entries: body.entries.len(),
        applied,
    })
}
