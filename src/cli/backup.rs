//! `netday backup` and `netday restore`: the whole database to one checked file, and back;
//! encrypted (age, `io::encrypted`) when asked, with a passphrase or to a recipient key.

use std::path::{Path, PathBuf};

use super::db::{open, open_to_read};
use super::error::CliError;
use super::out::{binary_to_stdout, note, print, product_out, prompt, to_stdout};
use super::progress::Bar;
use crate::files::{self, Replace};
use crate::i18n;
use crate::io::encrypted::{self, CryptError, Key, Lock, Locked};
use crate::model::Ts;
use crate::store::{BackupError, Fault, Format, Snapshot, Store};

/// How `netday backup` was asked to lock the file.
pub struct Encrypt<'a> {
    /// `--encrypt`: a passphrase, typed twice at the terminal unless a file gives it.
    pub passphrase: bool,
    pub passphrase_file: Option<&'a Path>,
    /// `--recipient age1…`
    pub recipient: Option<&'a str>,
}

impl Encrypt<'_> {
    fn lock(&self) -> Result<Option<Lock>, CryptError> {
        if let Some(r) = self.recipient {
            return Lock::recipient(r).map(Some);
        }
        if let Some(f) = self.passphrase_file {
            return Lock::passphrase(encrypted::passphrase_from_file(f)?).map(Some);
        }
        if self.passphrase {
            return ask_new_passphrase().map(Some);
        }
        Ok(None)
    }
}

/// `netday backup`: a new file (owner-only; an existing one only with --force), or stdout;
/// encrypted when `encrypt` says so (the plain bytes stay in memory).
pub fn backup(
    db: Option<PathBuf>,
    out: Option<&Path>,
    force: bool,
    encrypt: Encrypt,
) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    let out = out.filter(|p| !to_stdout(Some(p)));
    if out.is_none() {
        product_out()?;
        if std::io::stdout().is_terminal() {
            return Err(CliError::from(i18n::BACKUP_TO_TERMINAL).into());
        }
    }
    // Asked before the database is read, so a mistyped passphrase costs nothing.
    let lock = encrypt.lock().map_err(said)?;
    let store = open_to_read(db)?;
    let mut bar = Bar::new();
    let snap = store.snapshot_with(&mut bar, crate::progress::Stage::Backup)?;
    let bytes = snap.to_bytes()?;
    match (out, &lock) {
        (Some(p), None) => {
            let replace = if force { Replace::Yes } else { Replace::No };
            files::write(p, &bytes, replace, Some(store.path()))?;
            bar.clear();
            note(i18n::backup_written(
                &p.display().to_string(),
                &snap.counts(),
            ));
        }
        (Some(p), Some(lock)) => {
            let replace = if force { Replace::Yes } else { Replace::No };
            encrypted::write(p, &bytes, lock, replace, Some(store.path())).map_err(said)?;
            bar.clear();
            note(i18n::encrypted_backup_written(
                &p.display().to_string(),
                &snap.counts(),
                lock.is_recipient(),
            ));
        }
        (None, None) => {
            bar.clear();
            binary_to_stdout(&bytes, files::Binary::Backup)?;
        }
        (None, Some(lock)) => {
            let sealed = encrypted::seal(&bytes, lock, Vec::new()).map_err(|source| {
                said(CryptError::Encrypt {
                    path: PathBuf::from("-"),
                    source,
                })
            })?;
            bar.clear();
            binary_to_stdout(&sealed, files::Binary::Backup)?;
        }
    }
    Ok(())
}

/// An encryption error as the command line says it.
fn said(e: CryptError) -> anyhow::Error {
    match e {
        CryptError::Backup(e) => e.into(),
        CryptError::File(e) => e.into(),
        e => {
            let (ko, en) = e.both();
            CliError::Said { ko, en }.into()
        }
    }
}

/// Reads a passphrase at the terminal without echo (`rpassword`: termios on Unix, the console
/// mode on Windows).
fn read_hidden(ask: &str, file: &Path) -> Result<String, CryptError> {
    prompt(ask);
    rpassword::read_password().map_err(|_| {
        note("");
        CryptError::NoTerminal(file.to_path_buf())
    })
}

/// A new passphrase, typed twice; an empty one or two that differ are asked again (three times).
fn ask_new_passphrase() -> Result<Lock, CryptError> {
    let here = Path::new("-");
    let mut last = CryptError::EmptyPassphrase(None);
    for _ in 0..3 {
        let first = read_hidden(i18n::PASSPHRASE_PROMPT.get(), here)?;
        if first.is_empty() {
            note(i18n::PASSPHRASE_EMPTY.get());
            last = CryptError::EmptyPassphrase(None);
            continue;
        }
        let again = read_hidden(i18n::PASSPHRASE_AGAIN.get(), here)?;
        if first != again {
            note(i18n::PASSPHRASE_MISMATCH.get());
            last = CryptError::Mismatch;
            continue;
        }
        return Lock::passphrase(first);
    }
    Err(last)
}

/// What opens an encrypted backup at restore: the key file, the passphrase file, or the
/// passphrase asked once at the terminal.
pub struct Unlock<'a> {
    pub passphrase_file: Option<&'a Path>,
    pub identity: Option<&'a Path>,
}

impl Unlock<'_> {
    fn key(&self, file: &Path, locked: Locked) -> Result<Key, CryptError> {
        if let Some(id) = self.identity {
            return Key::identity_file(id);
        }
        if let Some(f) = self.passphrase_file {
            return encrypted::passphrase_from_file(f).map(Key::passphrase);
        }
        if locked == Locked::Recipient {
            return Err(CryptError::NeedsIdentity(file.to_path_buf()));
        }
        read_hidden(i18n::PASSPHRASE_RESTORE.get(), file).map(Key::passphrase)
    }
}

/// `netday restore`: the backup is checked whole before anything changes; the database is
/// replaced in one step (see `Store::replace_with`), after a safety copy of what it held.
/// A backup without a checksum is restored only when the user says `--unchecked`.
pub fn restore(
    db: Option<PathBuf>,
    file: &Path,
    replace: bool,
    unchecked: bool,
    unlock: Unlock,
) -> anyhow::Result<()> {
    let (snap, format) =
        encrypted::read_backup(file, |locked| unlock.key(file, locked)).map_err(said)?;
    if format == Format::Unchecked {
        if !unchecked {
            return Err(BackupError {
                path: file.to_path_buf(),
                fault: Fault::Unchecked,
            }
            .into());
        }
        note(i18n::backup_unchecked(&file.display().to_string()));
    }
    let (snap, cut) = snap.cleaned();
    if cut > 0 {
        note(i18n::restore_cut(cut));
    }
    let store = open(db)?;
    let mut bar = Bar::new();
    let old = store.snapshot_with(&mut bar, crate::progress::Stage::SafetyCopy)?;
    if old.counts() != crate::model::counts::RecordCounts::default() {
        if !replace {
            return Err(CliError::from(i18n::RESTORE_NOT_EMPTY).into());
        }
        let copy = safety_copy(&store, &old)?;
        bar.clear();
        note(i18n::saved_before_restore(
            &copy.display().to_string(),
            &old.counts(),
        ));
    }
    let replaced = store.replace_with(&snap, &mut bar).map_err(|e| match e {
        crate::store::StoreError::SwapUnfinished(_) => CliError::Said {
            ko: e.ko(),
            en: e.en(),
        },
        e => CliError::Said {
            ko: format!("{}: {}", i18n::NOT_RESTORED.0, e.ko()),
            en: format!("{}: {}", i18n::NOT_RESTORED.1, e.en()),
        },
    })?;
    bar.clear();
    print(i18n::restored(&snap.counts()))?;
    if let Some(old) = replaced.left_behind {
        note(i18n::replaced_left_behind(&old.display().to_string()));
    }
    Ok(())
}

/// Writes `old` beside the database under a name no earlier copy holds.
fn safety_copy(store: &Store, old: &Snapshot) -> anyhow::Result<PathBuf> {
    let bytes = old.to_bytes()?;
    let stamp = Ts::now().local().format("%Y%m%d-%H%M%S");
    for n in 1u32.. {
        let name = match n {
            1 => format!("{}{stamp}.ndbak", crate::store::SAFETY_COPY),
            n => format!("{}{stamp}-{n}.ndbak", crate::store::SAFETY_COPY),
        };
        let path = store.path().with_file_name(name);
        match files::write(&path, &bytes, Replace::No, Some(store.path())) {
            Err(files::FileError::Exists(_)) if n < 1000 => {}
            Err(e) => return Err(e.into()),
            Ok(()) => return Ok(path),
        }
    }
    unreachable!("the loop returns")
}
