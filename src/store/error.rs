//! What can go wrong in the store, each as one Korean and one English line that says what
//! happened, where, and what to do.

use std::path::{Path, PathBuf};

use sled::transaction::TransactionError;

use crate::model::korean::{Particle, josa};

/// What can go wrong opening or using the database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}", self.en())]
    Locked(PathBuf),
    /// A file of the database cannot be read as what it should be.
    #[error("{}", self.en())]
    Corrupt(PathBuf),
    /// A file every netday database has is gone.
    #[error("{}", self.en())]
    Missing(PathBuf),
    /// One stored record cannot be read, so the write that needed it was not made.
    #[error("{}", self.en())]
    DamagedRecord(DamagedRecord),
    #[error("{}", self.en())]
    Newer { found: u8, supported: u8 },
    #[error("{}", self.en())]
    Foreign(PathBuf),
    #[error("{}", self.en())]
    DiskFull { path: PathBuf },
    /// The disk filled up during an import of `file`: `done` of `total` records were written
    /// before; `left` is what a dry run found still missing (people, day registrations), when
    /// the database could be read again.
    #[error("{}", self.en())]
    ImportCut {
        path: PathBuf,
        file: String,
        event: Option<chrono::NaiveDate>,
        done: u64,
        total: u64,
        left: Option<(usize, usize)>,
    },
    /// The database's files or its mount may not be written.
    #[error("{}", self.en())]
    ReadOnly(PathBuf),
    /// The database could be read only from a copy, and the temporary folder has no room for one.
    #[error("{}", self.en())]
    NoRoomToRead { path: PathBuf, temp: PathBuf },
    /// sled did not recover from a failed write; only a restart of netday lets go of it.
    #[error("{}", self.en())]
    Stuck(PathBuf),
    /// A restore swapped the new database in but could not finish the last step; the next
    /// open finishes it, and the database then holds the backup's data.
    #[error("{}", self.en())]
    SwapUnfinished(PathBuf),
    #[error("{}", self.en())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A record larger than the store reads back; nothing was written.
    #[error("{}", self.en())]
    TooLarge { bytes: u64, limit: u64 },
    /// A badge code given for a person already names someone else.
    #[error("{}", self.en())]
    CodeTaken { code: String, holder_name: String },
    /// The person under the id the screen used is not the one it showed: the list on screen
    /// was built from derived data that no longer agrees with the database.
    #[error("{}", self.en())]
    NotAsShown { shown: String },
    /// An undo that would undo more than the change, or a change not on record; nothing was
    /// written. Says which later change stands in the way.
    #[error("{}", self.en())]
    UndoRefused { ko: String, en: String },
    /// The other desk needs entries of desk `desk` from count `from` on, which were folded
    /// away here: it must join again from nothing.
    #[error("{}", self.en())]
    SyncGap { desk: u64, from: u64 },
    /// Another desk's entries were refused, nothing of that entry written: out of order, not
    /// readable, or not for this database.
    #[error("{}", self.en())]
    SyncRefused { ko: String, en: String },
    #[error("{0}")]
    Invalid(String),
}

/// An I/O error where no path is known (writing an export to a stream the caller opened).
impl From<std::io::Error> for StoreError {
    fn from(source: std::io::Error) -> Self {
        StoreError::io(Path::new(""), source)
    }
}

/// " (path)", or nothing when no path is known.
fn at(path: &Path) -> String {
    if path.as_os_str().is_empty() {
        String::new()
    } else {
        format!(" ({})", path.display())
    }
}

/// The command that imports `file` again.
fn again(file: &str, event: Option<chrono::NaiveDate>) -> String {
    let ev = event.map(|d| format!(" --event {d}")).unwrap_or_default();
    format!("netday import \"{}\"{ev}", crate::model::clean_line(file))
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

impl StoreError {
    pub fn ko(&self) -> String {
        match self {
            StoreError::Locked(p) => format!(
                "데이터베이스가 다른 netday에서 열려 있습니다 ({}). 그 창을 닫고 다시 실행하세요.",
                p.display()
            ),
            StoreError::Corrupt(file) => format!(
                "데이터베이스 파일이 손상되었습니다: {}. 파일은 그대로 두었습니다. `netday restore`로 백업에서 복구하세요.",
                file.display()
            ),
            StoreError::Missing(file) => format!(
                "데이터베이스 파일이 없습니다: {}. 아무것도 바꾸지 않았습니다. `netday restore`로 백업에서 복구하세요.",
                file.display()
            ),
            StoreError::DamagedRecord(r) => format!(
                "저장된 기록이 손상되어 읽을 수 없습니다: {}. 저장하지 않았습니다. 손상된 기록은 백업에 들어가지 않습니다.",
                r.ko()
            ),
            StoreError::Newer { found, supported } => format!(
                "더 새로운 netday가 만든 데이터베이스입니다 (스키마 {found}, 이 버전은 {supported}까지). netday를 업데이트하세요. 아무것도 바꾸지 않았습니다."
            ),
            StoreError::Foreign(p) => format!(
                "netday 데이터베이스가 아닙니다: {}. 아무것도 바꾸지 않았습니다. 비어 있는 폴더나 없는 경로를 --db로 지정하세요.",
                p.display()
            ),
            StoreError::DiskFull { path } => format!(
                "디스크가 가득 찼습니다{}. 저장하지 못했습니다. 공간을 비운 뒤 다시 저장하세요.",
                at(path)
            ),
            StoreError::ImportCut {
                path,
                file,
                event,
                done,
                total,
                left,
            } => {
                let saved = match (done, left) {
                    (0, _) => "이 파일에서는 아무것도 저장되지 않았습니다.".to_string(),
                    (_, Some((0, 0))) => "파일의 내용은 모두 저장되었습니다.".to_string(),
                    (_, Some((people, 0))) => format!(
                        "멈추기 전까지 쓴 기록은 저장되었고, 아직 {people}명이 들어가지 않았습니다."
                    ),
                    (_, Some((people, day))) => format!(
                        "멈추기 전까지 쓴 기록은 저장되었고, 아직 {people}명과 참석 등록 {day}건이 들어가지 않았습니다."
                    ),
                    (done, None) => {
                        format!("기록 {total}건 중 {done}건까지는 저장되었을 수 있습니다.")
                    }
                };
                format!(
                    "디스크가 가득 차서{} 가져오기가 도중에 멈췄습니다: {}. {saved} 공간을 비운 뒤 같은 파일을 다시 가져오면 마저 들어갑니다 (이미 들어간 사람은 다시 들어가지 않습니다): {}",
                    at(path),
                    crate::model::clean_line(file),
                    again(file, *event)
                )
            }
            StoreError::ReadOnly(p) => format!(
                "데이터베이스에 쓸 수 없습니다 (읽기 전용): {}. 저장하지 않았고 아무것도 바꾸지 않았습니다. 내보내기와 백업(netday export, netday backup)은 됩니다. 저장하려면 데이터베이스 폴더에 쓰기 권한을 주거나 쓸 수 있는 곳으로 복사해 --db로 지정하세요.",
                p.display()
            ),
            StoreError::NoRoomToRead { path, temp } => format!(
                "데이터베이스({})를 바로 열 수 없어(디스크가 가득 찼거나 읽기 전용) 읽기용 사본을 임시 폴더 {}에 만들려 했지만 그곳에도 공간이 없습니다. 아무것도 바꾸지 않았습니다. 공간을 비우거나, TMPDIR(Windows: TMP)을 다른 디스크의 폴더로 정한 뒤 다시 하세요.",
                path.display(),
                temp.display()
            ),
            StoreError::SwapUnfinished(p) => format!(
                "백업의 데이터로 바꿨지만 마지막 단계를 끝내지 못했습니다 ({}). 다음에 netday를 열면 마무리되고, 데이터베이스에는 백업의 데이터가 들어 있습니다.",
                p.display()
            ),
            StoreError::Stuck(p) => format!(
                "디스크 오류 뒤 데이터베이스를 다시 열지 못했습니다 ({}). 저장된 내용은 안전합니다. netday를 종료하고 다시 실행하세요.",
                p.display()
            ),
            StoreError::Io { path, source } => match source.kind() {
                std::io::ErrorKind::PermissionDenied => format!(
                    "권한이 없어 {}에 접근할 수 없습니다. 이 경로의 소유자와 권한을 확인하거나 다른 --db 경로를 쓰세요.",
                    path.display()
                ),
                std::io::ErrorKind::NotFound => format!(
                    "{} 찾을 수 없습니다. 경로를 확인하세요.",
                    josa(&path.display().to_string(), Particle::EulReul)
                ),
                _ if path.as_os_str().is_empty() => format!(
                    "읽거나 쓰지 못했습니다 ({source}). 디스크와 경로를 확인한 뒤 다시 하세요."
                ),
                _ => format!(
                    "{} 읽거나 쓸 수 없습니다 ({source}). 디스크와 경로를 확인한 뒤 다시 하세요.",
                    josa(&path.display().to_string(), Particle::EulReul)
                ),
            },
            StoreError::TooLarge { bytes, limit } => format!(
                "기록이 너무 큽니다 ({}, 최대 {}). 저장하지 않았습니다. 긴 글이나 붙여 넣은 내용을 줄여 주세요.",
                mb(*bytes),
                mb(*limit)
            ),
            StoreError::CodeTaken { code, holder_name } => format!(
                "배지 코드 {} 이미 {holder_name} 님의 코드입니다. 코드를 비우면 새 코드를 받습니다.",
                josa(code, Particle::EunNeun)
            ),
            StoreError::NotAsShown { shown } => format!(
                "화면의 명단이 데이터베이스와 달라 체크인하지 않았습니다: {shown}. 명단을 데이터베이스에서 다시 읽었습니다. 다시 찾아 체크인하세요."
            ),
            StoreError::UndoRefused { ko, .. } => ko.clone(),
            StoreError::SyncGap { desk, from } => format!(
                "상대 데스크에 필요한 변경(데스크 {:04x}의 {from}번부터)이 이 노트북의 기록에서 이미 정리되었습니다. 상대 데스크를 처음부터 다시 연결하세요.",
                desk & 0xffff
            ),
            StoreError::SyncRefused { ko, .. } => ko.clone(),
            StoreError::Invalid(why) => why.clone(),
        }
    }

    pub fn en(&self) -> String {
        match self {
            StoreError::Locked(p) => format!(
                "The database is open in another netday ({}). Close that one and try again.",
                p.display()
            ),
            StoreError::Corrupt(file) => format!(
                "A database file is damaged: {}. The files were left as they are. Use `netday restore` to recover from a backup.",
                file.display()
            ),
            StoreError::Missing(file) => format!(
                "A database file is missing: {}. Nothing was changed. Use `netday restore` to recover from a backup.",
                file.display()
            ),
            StoreError::DamagedRecord(r) => format!(
                "A stored record is damaged and cannot be read: {}. Nothing was saved. Damaged records are left out of backups.",
                r.en()
            ),
            StoreError::Newer { found, supported } => format!(
                "This database was written by a newer netday (schema {found}; this build reads up to {supported}). Update netday. Nothing was changed."
            ),
            StoreError::Foreign(p) => format!(
                "Not a netday database: {}. Nothing was changed. Give --db an empty folder or a path that does not exist yet.",
                p.display()
            ),
            StoreError::DiskFull { path } => format!(
                "The disk is full{}. Nothing was saved. Free some space, then save again.",
                at(path)
            ),
            StoreError::ImportCut {
                path,
                file,
                event,
                done,
                total,
                left,
            } => {
                let saved = match (done, left) {
                    (0, _) => "Nothing from this file was saved.".to_string(),
                    (_, Some((0, 0))) => "Everything in the file was saved.".to_string(),
                    (_, Some((people, 0))) => format!(
                        "What was written before it stopped is saved; {people} people are not in yet."
                    ),
                    (_, Some((people, day))) => format!(
                        "What was written before it stopped is saved; {people} people and {day} registrations for the day are not in yet."
                    ),
                    (done, None) => {
                        format!("Up to {done} of {total} records may have been saved.")
                    }
                };
                format!(
                    "The disk filled up{} and the import stopped part-way: {}. {saved} Free some space, then import the same file again to finish it (people already in are not added twice): {}",
                    at(path),
                    crate::model::clean_line(file),
                    again(file, *event)
                )
            }
            StoreError::ReadOnly(p) => format!(
                "The database cannot be written (read-only): {}. Nothing was saved or changed. Export and backup (netday export, netday backup) still work; to save, make the database folder writable, or copy it somewhere writable and give that to --db.",
                p.display()
            ),
            StoreError::NoRoomToRead { path, temp } => format!(
                "The database ({}) cannot be opened in place (its disk is full or it is read-only), and the temporary folder {} has no room for a copy to read either. Nothing was changed. Free some space, or set TMPDIR (Windows: TMP) to a folder on another disk, then try again.",
                path.display(),
                temp.display()
            ),
            StoreError::SwapUnfinished(p) => format!(
                "The backup's data was swapped in, but the last step could not be finished ({}). The next netday start finishes it; the database then holds the backup's data.",
                p.display()
            ),
            StoreError::Stuck(p) => format!(
                "After a disk error the database could not be opened again ({}). What was saved is safe. Quit netday and start it again.",
                p.display()
            ),
            StoreError::Io { path, source } => match source.kind() {
                std::io::ErrorKind::PermissionDenied => format!(
                    "Permission denied: {}. Check who owns this path and its permissions, or use another --db path.",
                    path.display()
                ),
                std::io::ErrorKind::NotFound => {
                    format!("Not found: {}. Check the path.", path.display())
                }
                _ if path.as_os_str().is_empty() => format!(
                    "Cannot read or write ({source}). Check the disk and the path, then try again."
                ),
                _ => format!(
                    "Cannot read or write {} ({source}). Check the disk and the path, then try again.",
                    path.display()
                ),
            },
            StoreError::TooLarge { bytes, limit } => format!(
                "The record is too large ({}; at most {}). Nothing was saved. Shorten the long text or paste.",
                mb(*bytes),
                mb(*limit)
            ),
            StoreError::CodeTaken { code, holder_name } => format!(
                "Badge code {code} already belongs to {holder_name}. Leave the code empty to get a new one."
            ),
            StoreError::NotAsShown { shown } => format!(
                "Not checked in: the list on screen did not match the database ({shown}). The list was read again from the database; search and check in once more."
            ),
            StoreError::UndoRefused { en, .. } => en.clone(),
            StoreError::SyncGap { desk, from } => format!(
                "The other desk needs changes (desk {:04x} from #{from}) this laptop has already folded away. Join that desk again from nothing.",
                desk & 0xffff
            ),
            StoreError::SyncRefused { en, .. } => en.clone(),
            StoreError::Invalid(why) => why.clone(),
        }
    }

    /// An I/O error at `path`: a full disk is said in words.
    pub(crate) fn io(path: &Path, source: std::io::Error) -> StoreError {
        if is_disk_full(&source) {
            StoreError::DiskFull {
                path: path.to_path_buf(),
            }
        } else {
            StoreError::Io {
                path: path.to_path_buf(),
                source,
            }
        }
    }

    /// A sled error in the database at `dir`.
    pub(super) fn sled(dir: &Path, e: sled::Error) -> StoreError {
        match e {
            sled::Error::Io(io) => StoreError::io(dir, io),
            _ => StoreError::Corrupt(dir.join("db")),
        }
    }

    /// Whether the disk ran out of room (the store reopens sled before the next access then).
    pub fn is_disk_full(&self) -> bool {
        matches!(
            self,
            StoreError::DiskFull { .. } | StoreError::ImportCut { .. }
        )
    }
}

pub(crate) fn is_disk_full(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::StorageFull
        || e.kind() == std::io::ErrorKind::QuotaExceeded
        || e.raw_os_error() == Some(28)
        // sled copies a stored I/O error into a new one whose text is the old one's Debug form.
        || e.to_string().contains("StorageFull")
}

pub(super) fn from_tx(dir: &Path, e: TransactionError<StoreError>) -> StoreError {
    match e {
        TransactionError::Abort(e) => e,
        TransactionError::Storage(e) => StoreError::sled(dir, e),
    }
}

/// One stored record that cannot be read: which kind, which id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DamagedRecord {
    pub tree: &'static str,
    pub key: Vec<u8>,
}

fn id_at(key: &[u8], at: usize) -> Option<u64> {
    key.get(at..at + 8)
        .and_then(|s| s.try_into().ok())
        .map(u64::from_be_bytes)
}

impl DamagedRecord {
    fn key_text(&self) -> String {
        match (self.key.len(), id_at(&self.key, 0)) {
            (8, Some(id)) => format!("#{id}"),
            _ => match std::str::from_utf8(&self.key) {
                Ok(s) if s.chars().all(|c| !c.is_control()) => format!("'{s}'"),
                _ => self.key.iter().map(|b| format!("{b:02x}")).collect(),
            },
        }
    }

    pub fn ko(&self) -> String {
        if self.tree == "attendance"
            && let (Some(e), Some(p)) = (id_at(&self.key, 0), id_at(&self.key, 8))
        {
            return format!("참석 기록 (네트워킹데이 #{e}, 사람 #{p})");
        }
        let kind = match self.tree {
            "events" => "네트워킹데이",
            "orgs" => "소속 기관",
            "people" => "사람",
            "agenda" => "안건",
            "notes" => "메모",
            "ideas" => "협업 아이디어",
            "drafts" => "임시 저장",
            "meta" => "카운터",
            other => other,
        };
        format!("{kind} {}", self.key_text())
    }

    pub fn en(&self) -> String {
        if self.tree == "attendance"
            && let (Some(e), Some(p)) = (id_at(&self.key, 0), id_at(&self.key, 8))
        {
            return format!("attendance (networking day #{e}, person #{p})");
        }
        let kind = match self.tree {
            "events" => "networking day",
            "orgs" => "organisation",
            "people" => "person",
            "agenda" => "agenda item",
            "notes" => "note",
            "ideas" => "collaboration idea",
            "drafts" => "draft",
            "meta" => "counter",
            other => other,
        };
        format!("{kind} {}", self.key_text())
    }
}

/// One warning naming the damaged records (at most a handful, then how many more): Korean and
/// English.
pub fn damage_warning(list: &[DamagedRecord]) -> Option<(String, String)> {
    const SHOWN: usize = 5;
    if list.is_empty() {
        return None;
    }
    let names = |f: fn(&DamagedRecord) -> String| {
        list.iter()
            .take(SHOWN)
            .map(f)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let more = list.len().saturating_sub(SHOWN);
    let (more_ko, more_en) = if more > 0 {
        (format!(" 외 {more}건"), format!(" and {more} more"))
    } else {
        (String::new(), String::new())
    };
    Some((
        format!(
            "경고: 손상된 기록 {}건을 읽지 못해 건너뛰었습니다: {}{more_ko}. 나머지는 그대로 쓸 수 있습니다. `netday backup`으로 백업해 두세요.",
            list.len(),
            names(DamagedRecord::ko)
        ),
        format!(
            "warning: skipped {} damaged record(s) that cannot be read: {}{more_en}. Everything else works; make a backup with `netday backup`.",
            list.len(),
            names(DamagedRecord::en)
        ),
    ))
}
