//! `netday backup` and `netday restore`: the whole database to one checked file, and back.

use std::path::{Path, PathBuf};

use super::db::{open, open_to_read};
use super::error::CliError;
use super::out::{binary_to_stdout, note, print, product_out, to_stdout};
use super::progress::Bar;
use crate::files::{self, Replace};
use crate::i18n;
use crate::model::Ts;
use crate::store::{BackupError, Fault, Format, Snapshot, Store};

/// `netday backup`: a new file (owner-only; an existing one only with --force), or stdout.
pub fn backup(db: Option<PathBuf>, out: Option<&Path>, force: bool) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    let out = out.filter(|p| !to_stdout(Some(p)));
    if out.is_none() {
        product_out()?;
        if std::io::stdout().is_terminal() {
            return Err(CliError::from(i18n::BACKUP_TO_TERMINAL).into());
        }
    }
    let store = open_to_read(db)?;
    let mut bar = Bar::new();
    let snap = store.snapshot_with(&mut bar, crate::progress::Stage::Backup)?;
    let bytes = snap.to_bytes()?;
    match out {
        Some(p) => {
            let replace = if force { Replace::Yes } else { Replace::No };
            files::write(p, &bytes, replace, Some(store.path()))?;
            bar.clear();
            note(i18n::backup_written(
                &p.display().to_string(),
                &snap.counts(),
            ));
        }
        None => {
            bar.clear();
            binary_to_stdout(&bytes, files::Binary::Backup)?;
        }
    }
    Ok(())
}

/// `netday restore`: the backup is checked whole before anything changes; the database is
/// replaced in one step (see `Store::replace_with`), after a safety copy of what it held.
/// A backup without a checksum is restored only when the user says `--unchecked`.
pub fn restore(
    db: Option<PathBuf>,
    file: &Path,
    replace: bool,
    unchecked: bool,
) -> anyhow::Result<()> {
    let (snap, format) = Snapshot::read(file)?;
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
