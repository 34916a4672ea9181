//! Encrypted backups: the age format (age-encryption.org/v1) around a backup's bytes, locked
//! with a passphrase (scrypt) or to an age recipient key (age1…, X25519).
//!
//! Writing encrypts as it streams into the file writer (`files::create`: a temporary file
//! beside the target, owner-only, only a regular file replaced), so the backup's plain bytes
//! exist only in memory. Reading recognises an age file by its first line and needs the key
//! before anything else happens; what comes out is checked as a plain backup is
//! (`Snapshot::decode`: magic, format, checksum). A hostile header cannot make the passphrase's
//! key derivation cost more than [`MAX_WORK_FACTOR`] allows.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use age::secrecy::SecretString;

use crate::files::{self, FileError, Replace};
use crate::i18n;
use crate::store::{BackupError, Fault, Format, Snapshot};

/// The first bytes of every age file.
pub const AGE_MAGIC: &[u8] = b"age-encryption.org/v1";
/// scrypt's work factor when netday encrypts: N = 2^18, 256 MiB and about a second on a laptop.
pub const WORK_FACTOR: u8 = 18;
/// The most a backup's header may ask of the passphrase's key derivation: N = 2^19, 512 MiB.
pub const MAX_WORK_FACTOR: u8 = 19;
/// A key file is a few lines; anything much longer is not one.
const KEY_FILE_LIMIT: u64 = 64 * 1024;

/// How a backup is locked when it is written.
pub enum Lock {
    Passphrase(SecretString),
    Recipient(Box<age::x25519::Recipient>),
}

impl Lock {
    /// A passphrase typed or read from a file; an empty one is refused.
    pub fn passphrase(p: String) -> Result<Lock, CryptError> {
        if p.is_empty() {
            return Err(CryptError::EmptyPassphrase(None));
        }
        Ok(Lock::Passphrase(SecretString::from(p)))
    }

    /// An age public key, `age1…`.
    pub fn recipient(key: &str) -> Result<Lock, CryptError> {
        key.trim()
            .parse::<age::x25519::Recipient>()
            .map(|r| Lock::Recipient(Box::new(r)))
            .map_err(|_| CryptError::BadRecipient(key.to_string()))
    }

    pub fn is_recipient(&self) -> bool {
        matches!(self, Lock::Recipient(_))
    }

    fn encryptor(&self) -> Result<age::Encryptor, age::EncryptError> {
        match self {
            Lock::Passphrase(p) => {
                let mut r = age::scrypt::Recipient::new(p.clone());
                r.set_work_factor(WORK_FACTOR);
                age::Encryptor::with_recipients(std::iter::once(&r as &dyn age::Recipient))
            }
            Lock::Recipient(r) => {
                age::Encryptor::with_recipients(std::iter::once(r.as_ref() as &dyn age::Recipient))
            }
        }
    }
}

/// How an encrypted backup on disk is locked, read from its header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Locked {
    Passphrase,
    Recipient,
}

/// What opens an encrypted backup.
pub enum Key {
    Passphrase(SecretString),
    /// The secret keys read from `file` (an age-keygen key file).
    Identities {
        file: PathBuf,
        keys: Vec<age::x25519::Identity>,
    },
}

impl Key {
    pub fn passphrase(p: String) -> Key {
        Key::Passphrase(SecretString::from(p))
    }

    /// Reads an age key file: `AGE-SECRET-KEY-1…` lines, `#` comments and blank lines.
    pub fn identity_file(path: &Path) -> Result<Key, CryptError> {
        let text = read_small(path).map_err(|source| CryptError::KeyFile {
            path: path.to_path_buf(),
            source,
        })?;
        let keys: Vec<age::x25519::Identity> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.parse().ok())
            .collect();
        if keys.is_empty() {
            return Err(CryptError::BadIdentityFile(path.to_path_buf()));
        }
        Ok(Key::Identities {
            file: path.to_path_buf(),
            keys,
        })
    }
}

/// The first line of a passphrase file, its line ending taken off. An empty one is refused.
pub fn passphrase_from_file(path: &Path) -> Result<String, CryptError> {
    let text = read_small(path).map_err(|source| CryptError::KeyFile {
        path: path.to_path_buf(),
        source,
    })?;
    let first = text.split('\n').next().unwrap_or_default();
    let first = first.strip_suffix('\r').unwrap_or(first);
    if first.is_empty() {
        return Err(CryptError::EmptyPassphrase(Some(path.to_path_buf())));
    }
    Ok(first.to_string())
}

fn read_small(path: &Path) -> std::io::Result<String> {
    let mut text = String::new();
    std::fs::File::open(path)?
        .take(KEY_FILE_LIMIT)
        .read_to_string(&mut text)?;
    Ok(text)
}

/// Encrypts `plain` into `out` as it goes; returns `out` once age's last chunk is written.
pub fn seal<W: Write>(plain: &[u8], lock: &Lock, out: W) -> std::io::Result<W> {
    let enc = lock.encryptor().map_err(std::io::Error::other)?;
    let mut w = enc.wrap_output(out)?;
    w.write_all(plain)?;
    w.finish()
}

/// Writes `plain` (a backup's bytes) to `path` encrypted, as `files::write` writes a file.
pub fn write(
    path: &Path,
    plain: &[u8],
    lock: &Lock,
    replace: Replace,
    db_dir: Option<&Path>,
) -> Result<(), CryptError> {
    let pending = files::create(path, replace, db_dir)?;
    let pending = seal(plain, lock, pending).map_err(|source| CryptError::Encrypt {
        path: path.to_path_buf(),
        source,
    })?;
    pending.commit()?;
    Ok(())
}

/// Whether these are the first bytes of an age file.
pub fn is_encrypted(bytes: &[u8]) -> bool {
    bytes.starts_with(AGE_MAGIC)
}

/// Reads the backup at `path`, plain or encrypted; for an encrypted one `key` is asked for the
/// key that opens it (and only then: a plain backup asks nothing). Whatever the file, the bytes
/// that come out are checked as a plain backup's are.
pub fn read_backup(
    path: &Path,
    key: impl FnOnce(Locked) -> Result<Key, CryptError>,
) -> Result<(Snapshot, Format), CryptError> {
    let fail = |fault| {
        CryptError::Backup(BackupError {
            path: path.to_path_buf(),
            fault,
        })
    };
    let bytes = std::fs::read(path).map_err(|e| fail(Fault::Unreadable(e)))?;
    if !is_encrypted(&bytes) {
        return Snapshot::decode(&bytes).map_err(fail);
    }
    let plain = open(path, &bytes, key)?;
    Snapshot::decode(&plain).map_err(fail)
}

/// Decrypts the age file `bytes` (read from `path`).
pub fn open(
    path: &Path,
    bytes: &[u8],
    key: impl FnOnce(Locked) -> Result<Key, CryptError>,
) -> Result<Vec<u8>, CryptError> {
    let damaged = || CryptError::Damaged(path.to_path_buf());
    let decryptor = age::Decryptor::new_buffered(bytes).map_err(|_| damaged())?;
    let locked = if decryptor.is_scrypt() {
        Locked::Passphrase
    } else {
        Locked::Recipient
    };
    let key = key(locked)?;
    let result = match (&key, locked) {
        (Key::Passphrase(p), Locked::Passphrase) => {
            let mut id = age::scrypt::Identity::new(p.clone());
            id.set_max_work_factor(MAX_WORK_FACTOR);
            decryptor.decrypt(std::iter::once(&id as &dyn age::Identity))
        }
        (Key::Identities { keys, .. }, Locked::Recipient) => {
            decryptor.decrypt(keys.iter().map(|k| k as &dyn age::Identity))
        }
        (Key::Passphrase(_), Locked::Recipient) => {
            return Err(CryptError::NeedsIdentity(path.to_path_buf()));
        }
        (Key::Identities { .. }, Locked::Passphrase) => {
            return Err(CryptError::NeedsPassphrase(path.to_path_buf()));
        }
    };
    let mut reader = result.map_err(|e| match (e, &key) {
        (age::DecryptError::ExcessiveWork { required, .. }, _) => CryptError::TooMuchWork {
            path: path.to_path_buf(),
            log_n: required,
        },
        (
            age::DecryptError::DecryptionFailed | age::DecryptError::KeyDecryptionFailed,
            Key::Passphrase(_),
        ) => CryptError::WrongPassphrase(path.to_path_buf()),
        (age::DecryptError::NoMatchingKeys, Key::Identities { file, .. }) => {
            CryptError::WrongIdentity {
                path: path.to_path_buf(),
                identity: file.clone(),
            }
        }
        _ => damaged(),
    })?;
    // age adds to what it encrypts, so the plain bytes are never more than the file.
    let mut plain = Vec::new();
    (&mut reader)
        .take(bytes.len() as u64 + 1)
        .read_to_end(&mut plain)
        .map_err(|_| damaged())?;
    if plain.len() > bytes.len() {
        return Err(damaged());
    }
    Ok(plain)
}

/// Why an encrypted backup was not written or not read; nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum CryptError {
    #[error("{0}")]
    Backup(BackupError),
    #[error("{0}")]
    File(#[from] FileError),
    #[error("wrong passphrase for {}", .0.display())]
    WrongPassphrase(PathBuf),
    #[error("no key in {} opens {}", identity.display(), path.display())]
    WrongIdentity { path: PathBuf, identity: PathBuf },
    #[error("{} is encrypted to a recipient key", .0.display())]
    NeedsIdentity(PathBuf),
    #[error("{} is encrypted with a passphrase", .0.display())]
    NeedsPassphrase(PathBuf),
    #[error("{} is damaged", .0.display())]
    Damaged(PathBuf),
    #[error("{} asks for too much work (2^{log_n})", path.display())]
    TooMuchWork { path: PathBuf, log_n: u8 },
    #[error("not a recipient key: {0}")]
    BadRecipient(String),
    #[error("no age secret key in {}", .0.display())]
    BadIdentityFile(PathBuf),
    #[error("empty passphrase")]
    EmptyPassphrase(Option<PathBuf>),
    #[error("the passphrases differ")]
    Mismatch,
    #[error("cannot read {}", path.display())]
    KeyFile {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no terminal to ask the passphrase for {}", .0.display())]
    NoTerminal(PathBuf),
    #[error("cannot write {} encrypted", path.display())]
    Encrypt {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl CryptError {
    /// What to tell the user, in Korean and in English.
    pub fn both(&self) -> (String, String) {
        let d = |p: &Path| p.display().to_string();
        match self {
            CryptError::Backup(e) => (e.ko(), e.en()),
            CryptError::File(e) => (e.ko(), e.en()),
            CryptError::WrongPassphrase(p) => i18n::wrong_passphrase(&d(p)),
            CryptError::WrongIdentity { path, identity } => {
                i18n::wrong_identity(&d(path), &d(identity))
            }
            CryptError::NeedsIdentity(p) => i18n::needs_identity(&d(p)),
            CryptError::NeedsPassphrase(p) => i18n::needs_passphrase(&d(p)),
            CryptError::Damaged(p) => i18n::encrypted_damaged(&d(p)),
            CryptError::TooMuchWork { path, log_n } => {
                i18n::too_much_work(&d(path), *log_n, MAX_WORK_FACTOR)
            }
            CryptError::BadRecipient(k) => i18n::bad_recipient(k),
            CryptError::BadIdentityFile(p) => i18n::bad_identity_file(&d(p)),
            CryptError::EmptyPassphrase(None) => (
                i18n::PASSPHRASE_EMPTY.0.to_string(),
                i18n::PASSPHRASE_EMPTY.1.to_string(),
            ),
            CryptError::Mismatch => (
                i18n::PASSPHRASE_MISMATCH.0.to_string(),
                i18n::PASSPHRASE_MISMATCH.1.to_string(),
            ),
            CryptError::EmptyPassphrase(Some(p)) => i18n::passphrase_empty_in(&d(p)),
            CryptError::KeyFile { path, source } => {
                let (ko, en) = files::write_reason(source);
                i18n::passphrase_file_unreadable(&d(path), &ko, &en)
            }
            CryptError::NoTerminal(p) => i18n::no_terminal_for_passphrase(&d(p)),
            CryptError::Encrypt { path, source } => {
                let (ko, en) = files::write_reason(source);
                i18n::encrypt_failed(&d(path), &ko, &en)
            }
        }
    }
    pub fn ko(&self) -> String {
        self.both().0
    }
    pub fn en(&self) -> String {
        self.both().1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealed(plain: &[u8], pass: &str) -> Vec<u8> {
        let lock = Lock::passphrase(pass.into()).expect("a passphrase");
        seal(plain, &lock, Vec::new()).expect("sealed")
    }

    #[test]
    fn a_sealed_backup_opens_with_its_passphrase_only() {
        let plain = "NETDAYBK 홍길동 010-1234-5678".as_bytes();
        let bytes = sealed(plain, "맞는 암호");
        assert!(is_encrypted(&bytes));
        assert!(!bytes.windows(plain.len()).any(|w| w == plain));
        let p = Path::new("b.ndbak");
        let opened = open(p, &bytes, |l| {
            assert_eq!(l, Locked::Passphrase);
            Ok(Key::passphrase("맞는 암호".into()))
        })
        .expect("opens");
        assert_eq!(opened, plain);
        let wrong = open(p, &bytes, |_| Ok(Key::passphrase("틀린 암호".into())));
        assert!(matches!(wrong, Err(CryptError::WrongPassphrase(_))));
    }

    #[test]
    fn a_header_asking_too_much_work_is_refused_before_the_work() {
        let bytes = sealed(b"x", "pw");
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let Some(at) = text.find(&format!(" {WORK_FACTOR}\n")) else {
            panic!("the scrypt stanza names its work factor");
        };
        let mut hostile = bytes.clone();
        hostile.splice(at + 1..at + 3, b"40".iter().copied());
        let r = open(Path::new("h"), &hostile, |_| {
            Ok(Key::passphrase("pw".into()))
        });
        assert!(
            matches!(r, Err(CryptError::TooMuchWork { log_n: 40, .. })),
            "{r:?}"
        );
    }

    /// Garbage shaped like an age file (every cut, and seeded flips of one to four bytes) is
    /// refused in words and never yields bytes the key did not seal. An X25519 key keeps each
    /// try cheap; the passphrase's header and its work cap are tested above.
    #[test]
    fn cut_or_flipped_age_files_are_refused_as_damaged() {
        let id = age::x25519::Identity::generate();
        let lock = Lock::recipient(&id.to_public().to_string()).expect("a key");
        let plain: Vec<u8> = (0..70_000u32).map(|i| (i % 251) as u8).collect();
        let bytes = seal(&plain, &lock, Vec::new()).expect("sealed");
        let key = |_: Locked| {
            Ok(Key::Identities {
                file: PathBuf::from("k"),
                keys: vec![id.clone()],
            })
        };
        let p = Path::new("f");
        assert_eq!(open(p, &bytes, key).expect("opens"), plain);
        let refused = |b: &[u8]| match open(p, b, key) {
            Ok(out) => panic!("opened to {} bytes", out.len()),
            Err(CryptError::Damaged(_) | CryptError::WrongIdentity { .. }) => {}
            Err(e) => panic!("{e:?}"),
        };
        for len in (0..bytes.len()).step_by(97).chain([bytes.len() - 1]) {
            refused(&bytes[..len]);
        }
        let mut state = 0x5eed_u64;
        let mut next = || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize
        };
        for _ in 0..300 {
            let mut b = bytes.clone();
            for _ in 0..1 + next() % 4 {
                let at = next() % b.len();
                b[at] ^= 1 << (next() % 8);
            }
            refused(&b);
        }
    }

    #[test]
    fn an_empty_passphrase_is_refused() {
        assert!(matches!(
            Lock::passphrase(String::new()),
            Err(CryptError::EmptyPassphrase(None))
        ));
    }

    #[test]
    fn a_recipient_backup_opens_with_its_identity() {
        let id = age::x25519::Identity::generate();
        let public = id.to_public().to_string();
        let lock = Lock::recipient(&public).expect("a key");
        let bytes = seal(b"plain", &lock, Vec::new()).expect("sealed");
        let p = Path::new("r");
        let key = || Key::Identities {
            file: PathBuf::from("k"),
            keys: vec![id.clone()],
        };
        assert_eq!(open(p, &bytes, |_| Ok(key())).expect("opens"), b"plain");
        let other = Key::Identities {
            file: PathBuf::from("k2"),
            keys: vec![age::x25519::Identity::generate()],
        };
        assert!(matches!(
            open(p, &bytes, |_| Ok(other)),
            Err(CryptError::WrongIdentity { .. })
        ));
        assert!(matches!(
            open(p, &bytes, |_| Ok(Key::passphrase("x".into()))),
            Err(CryptError::NeedsIdentity(_))
        ));
        assert!(matches!(
            Lock::recipient("age1nope"),
            Err(CryptError::BadRecipient(_))
        ));
    }
}
