//! `netday compact`: the database rewritten into a fresh one beside it and swapped in, giving
//! back the space sled's log keeps (see `Store::compact`).

use std::path::PathBuf;

use super::db::open;
use super::error::CliError;
use super::out::print_both;
use super::progress::Bar;
use crate::i18n;
use crate::store::StoreError;

/// Compacts the database; prints the sizes before and after and the folder, in the UI language
/// first and then in the other. Ctrl-C before the swap stops it: the database is as it was and
/// the half-written copy is removed (a second Ctrl-C ends netday at once; the next open cleans
/// up then).
pub fn run(db: Option<PathBuf>) -> anyhow::Result<()> {
    let store = open(db)?;
    let mut bar = Bar::stoppable()?;
    let done = store.compact(&mut bar).map_err(|e| match e {
        StoreError::SwapUnfinished(_) => CliError::Said {
            ko: e.ko(),
            en: e.en(),
        },
        e => CliError::Said {
            ko: format!("{}: {}", i18n::NOT_COMPACTED.0, e.ko()),
            en: format!("{}: {}", i18n::NOT_COMPACTED.1, e.en()),
        },
    })?;
    bar.clear();
    let Some(done) = done else {
        return Err(CliError::from(i18n::COMPACT_STOPPED).into());
    };
    print_both(i18n::compacted(
        &done.folder.display().to_string(),
        done.before,
        done.after,
    ))?;
    if let Some(old) = done.left_behind {
        super::out::note(i18n::replaced_left_behind(&old.display().to_string()));
    }
    Ok(())
}
