//! Opening the database the command names, and reading what the coordinator typed.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::error::CliError;
use crate::data::Data;
use crate::i18n;
use crate::model;
use crate::store::Store;

/// The database directory: --db, NETDAY_DB, or the platform data directory. An empty one is
/// refused: it names no database, and taking the default instead would open another one.
pub fn db_path(flag: Option<PathBuf>) -> Result<PathBuf, CliError> {
    let named = match flag {
        Some(p) if p.as_os_str().is_empty() => return Err(CliError::EmptyDb { env: false }),
        Some(p) => Some(p),
        None => match std::env::var_os("NETDAY_DB") {
            Some(v) if v.is_empty() => return Err(CliError::EmptyDb { env: true }),
            v => v.map(PathBuf::from),
        },
    };
    if let Some(p) = named {
        return Ok(std::path::absolute(&p).unwrap_or(p));
    }
    let dirs = directories::ProjectDirs::from("", "", "netday").ok_or(CliError::NoHome)?;
    Ok(dirs.data_dir().join("netday.db"))
}

pub fn open(flag: Option<PathBuf>) -> anyhow::Result<Store> {
    open_with(flag, |path| {
        Store::open(path).map_err(|e| match e {
            crate::store::StoreError::DiskFull { .. } => {
                let (ko, en) = i18n::full_disk_on_open(&path.display().to_string());
                anyhow::Error::new(CliError::Said { ko, en })
            }
            e => e.into(),
        })
    })
}

/// For commands that only read: a database on a full disk or a read-only one is read from a
/// copy, so its data can still be exported or backed up elsewhere.
pub fn open_to_read(flag: Option<PathBuf>) -> anyhow::Result<Store> {
    open_with(flag, |path| Ok(Store::open_to_read(path)?))
}

fn open_with(
    flag: Option<PathBuf>,
    open: fn(&Path) -> anyhow::Result<Store>,
) -> anyhow::Result<Store> {
    let path = db_path(flag)?;
    if let Some(parent) = path.parent()
        && !parent.exists()
    {
        let failed = |source| CliError::CreateDir {
            path: parent.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(parent).map_err(failed)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(parent, std::fs::Permissions::from_mode(0o700))
                .map_err(failed)?;
        }
    }
    let store = open(&path)?;
    store.warn_damaged_on_close();
    Ok(store)
}

/// A date as the coordinator typed it (`model::dates::parse_due`), or why not.
pub fn date_arg(given: Option<String>) -> Result<Option<NaiveDate>, CliError> {
    given
        .map(|s| model::dates::parse_due(&s, model::today()).ok_or(CliError::BadDate(s)))
        .transpose()
}

pub fn pick_event(data: &Data, date: Option<NaiveDate>) -> anyhow::Result<model::Event> {
    let events = data.events()?;
    let found = match date {
        Some(d) => events.into_iter().find(|e| e.date == d),
        None => crate::state::default_event(&events, model::today()).cloned(),
    };
    Ok(found.ok_or(CliError::NoEvent(date))?)
}

pub fn read_file(path: &Path) -> anyhow::Result<Vec<u8>> {
    Ok(std::fs::read(path).map_err(|source| CliError::Read {
        path: path.to_path_buf(),
        source,
    })?)
}

/// The core over the database `flag` names, for a command that writes.
pub fn data(flag: Option<PathBuf>) -> anyhow::Result<Data> {
    Ok(Data::new(open(flag)?))
}

/// The core over the database `flag` names, for a command that only reads (`open_to_read`).
pub fn data_to_read(flag: Option<PathBuf>) -> anyhow::Result<Data> {
    Ok(Data::new(open_to_read(flag)?))
}
