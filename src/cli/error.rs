//! Errors of the command line and how they are said: one Korean and one English line that
//! name the file and what to do (`user_message`), and a closed pipe that is not an error.
//! Part of the `netday` binary (main.rs), not of the library.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::files::{self, FileError};
use crate::i18n;
use crate::io::csv::CsvError;
use crate::store::{BackupError, StoreError};

/// Errors of the command line itself, each naming the file it is about.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("cannot read {}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {source}", path.display())]
    Csv { path: PathBuf, source: CsvError },
    #[error("cannot write to standard output")]
    Stdout(#[source] std::io::Error),
    #[error("cannot create {}", path.display())]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no networking day")]
    NoEvent(Option<NaiveDate>),
    #[error("not a date: {0}")]
    BadDate(String),
    #[error("no home directory")]
    NoHome,
    /// `--db ''`, or NETDAY_DB set to nothing (`env`).
    #[error("empty database path")]
    EmptyDb { env: bool },
    /// A message already written in both languages.
    #[error("{en}")]
    Said { ko: String, en: String },
}

impl From<i18n::L> for CliError {
    fn from(l: i18n::L) -> CliError {
        CliError::Said {
            ko: l.0.into(),
            en: l.1.into(),
        }
    }
}

impl CliError {
    fn ko(&self) -> String {
        match self {
            CliError::Read { path, source } => {
                format!(
                    "{} 파일을 읽을 수 없습니다: {}",
                    path.display(),
                    read_reason(source).0
                )
            }
            CliError::Csv { path, source } => format!("{}: {}", path.display(), source.ko()),
            CliError::Stdout(e) => {
                format!("표준 출력에 쓰지 못했습니다: {}", files::write_reason(e).0)
            }
            CliError::CreateDir { path, source } => format!(
                "{} 폴더를 만들지 못했습니다: {}",
                path.display(),
                files::write_reason(source).0
            ),
            CliError::NoEvent(Some(d)) => format!(
                "{d}에 네트워킹데이가 없습니다. `netday events`로 있는 날짜를 확인하세요."
            ),
            CliError::NoEvent(None) => "네트워킹데이가 아직 없습니다. `netday import 파일 --event 날짜`로 만들거나 `netday demo`로 예시를 불러오세요.".to_string(),
            CliError::BadDate(given) => format!(
                "'{given}'{} 날짜로 읽을 수 없습니다. today, 2026-12-15, 2026.12.15, 12/15, 12월 15일처럼 쓰세요.",
                crate::model::korean::particle(given, crate::model::korean::Particle::EulReul)
            ),
            CliError::NoHome => "홈 디렉터리를 찾을 수 없습니다. --db 경로나 NETDAY_DB로 데이터베이스 위치를 정하세요.".to_string(),
            CliError::EmptyDb { env: true } => "NETDAY_DB가 빈 값입니다. 빈 경로는 데이터베이스가 아니므로 아무것도 열지 않았습니다. NETDAY_DB에 데이터베이스 폴더를 적거나, 기본 위치를 쓰려면 NETDAY_DB를 지우세요 (unset NETDAY_DB).".to_string(),
            CliError::EmptyDb { env: false } => "--db 경로가 비어 있습니다. 빈 경로는 데이터베이스가 아니므로 아무것도 열지 않았습니다. --db 뒤에 데이터베이스 폴더를 적거나, 기본 위치를 쓰려면 --db를 빼세요.".to_string(),
            CliError::Said { ko, .. } => ko.clone(),
        }
    }

    fn en(&self) -> String {
        match self {
            CliError::Read { path, source } => {
                format!("Cannot read {}: {}", path.display(), read_reason(source).1)
            }
            CliError::Csv { path, source } => format!("{}: {}", path.display(), source.en()),
            CliError::Stdout(e) => format!(
                "Could not write to standard output: {}",
                files::write_reason(e).1
            ),
            CliError::CreateDir { path, source } => format!(
                "Could not create the folder {}: {}",
                path.display(),
                files::write_reason(source).1
            ),
            CliError::NoEvent(Some(d)) => {
                format!("No networking day on {d}. See `netday events` for the dates there are.")
            }
            CliError::NoEvent(None) => "There is no networking day yet. Create one with `netday import FILE --event DATE`, or load the example with `netday demo`.".to_string(),
            CliError::BadDate(given) => format!(
                "Cannot read '{given}' as a date. Write it like today, 2026-12-15, 2026.12.15, 12/15 or 12월 15일."
            ),
            CliError::NoHome => "No home directory found. Give the database location with --db PATH or NETDAY_DB.".to_string(),
            CliError::EmptyDb { env: true } => "NETDAY_DB is set but empty. An empty path is not a database, so nothing was opened. Set NETDAY_DB to the database folder, or unset it (unset NETDAY_DB) to use the default location.".to_string(),
            CliError::EmptyDb { env: false } => "--db was given an empty path. An empty path is not a database, so nothing was opened. Give --db the database folder, or leave --db out to use the default location.".to_string(),
            CliError::Said { en, .. } => en.clone(),
        }
    }
}

pub fn read_reason(e: &std::io::Error) -> (String, String) {
    use std::io::ErrorKind::*;
    let (ko, en) = match e.kind() {
        NotFound => (
            "파일이 없습니다. 경로와 이름을 확인하세요.",
            "the file does not exist. Check the path and the name.",
        ),
        PermissionDenied => (
            "읽을 권한이 없습니다. 파일 권한을 확인하거나 읽을 수 있는 곳으로 복사하세요.",
            "permission denied. Check the file's permissions, or copy it somewhere you can read.",
        ),
        IsADirectory => (
            "폴더입니다. 폴더 안의 파일 이름을 주세요.",
            "it is a folder. Give the name of a file inside it.",
        ),
        kind => {
            return (
                format!("입출력 오류입니다 ({kind}). 파일과 디스크를 확인하세요."),
                format!("input/output error ({kind}). Check the file and the disk."),
            );
        }
    };
    (ko.to_string(), en.to_string())
}

/// What to tell the user about `e`, in Korean and in English.
pub fn user_message(e: &anyhow::Error) -> (String, String) {
    if let Some(e) = e.downcast_ref::<CliError>() {
        (e.ko(), e.en())
    } else if let Some(e) = e.downcast_ref::<crate::sync::SyncError>() {
        (e.ko(), e.en())
    } else if let Some(e) = e.downcast_ref::<crate::sync::LinkError>() {
        (e.ko(), e.en())
    } else if let Some(e) = e.downcast_ref::<FileError>() {
        (e.ko(), e.en())
    } else if let Some(e) = e.downcast_ref::<StoreError>() {
        (e.ko(), e.en())
    } else if let Some(e) = e.downcast_ref::<CsvError>() {
        (e.ko(), e.en())
    } else if let Some(e) = e.downcast_ref::<BackupError>() {
        (e.ko(), e.en())
    } else if let Some(e) = e.downcast_ref::<std::io::Error>() {
        let (ko, en) = files::write_reason(e);
        (
            format!("입출력 오류: {ko}"),
            format!("Input/output error: {en}"),
        )
    } else {
        // Made with `anyhow!` from a text already in the user's language.
        let text = e.to_string();
        (text.clone(), text)
    }
}

/// Whether `e` comes from writing to a pipe whose reader has gone (`netday events | head -1`).
pub fn closed_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// The exit status of a process killed by SIGPIPE as shells report it (128 + 13), which is
/// what `cat` or `grep` give in the same place: `set -o pipefail` still sees that the output
/// was cut short.
pub const CLOSED_PIPE: u8 = 141;

/// The exit status for an error: `sync join`'s own (3 wrong code, 4 offer closed, 5 another
/// database, 2 network), 1 for everything else.
pub fn exit_code(e: &anyhow::Error) -> u8 {
    match e.downcast_ref::<crate::sync::SyncError>() {
        Some(e) => u8::try_from(super::sync::exit_code(e)).unwrap_or(1),
        None => 1,
    }
}
