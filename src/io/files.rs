//! Files netday writes for the user (exports, backups, minutes, safety copies).
//!
//! A file is written whole into a temporary file beside its target, synced, and only then given
//! its name: a new name by a hard link (which refuses an existing file, so nothing the user owns
//! is ever replaced by accident), or over an existing file only when the caller says the user
//! agreed (`Replace::Yes`). Files are created owner-only (0600 on Unix) whatever the umask, and
//! never inside the database directory.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Whether an existing file at the target may be replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Replace {
    /// Refuse an existing file (the default everywhere).
    No,
    /// The user said so (`--force`, or a confirm in the TUI).
    Yes,
}

#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{} already exists", .0.display())]
    Exists(PathBuf),
    #[error("{} is inside the database directory", .0.display())]
    InsideDatabase(PathBuf),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl FileError {
    pub fn ko(&self) -> String {
        match self {
            FileError::Exists(p) => format!(
                "{} 파일이 이미 있어 덮어쓰지 않았습니다. 다른 이름을 쓰거나, 바꾸려면 --force를 붙이세요.",
                p.display()
            ),
            FileError::InsideDatabase(p) => format!(
                "{}은(는) 데이터베이스 폴더 안입니다. 데이터베이스를 지키려고 쓰지 않았습니다. 다른 폴더를 고르세요.",
                p.display()
            ),
            FileError::Io { path, source } => format!(
                "{} 파일을 쓰지 못했습니다: {}",
                path.display(),
                write_reason(source).0
            ),
        }
    }
    pub fn en(&self) -> String {
        match self {
            FileError::Exists(p) => format!(
                "{} already exists and was left as it is. Choose another name, or add --force to replace it.",
                p.display()
            ),
            FileError::InsideDatabase(p) => format!(
                "{} is inside the database directory; nothing was written there, to keep the database safe. Choose another folder.",
                p.display()
            ),
            FileError::Io { path, source } => format!(
                "Could not write {}: {}",
                path.display(),
                write_reason(source).1
            ),
        }
    }
}

/// Why a file could not be written and what to do, in Korean and English.
pub fn write_reason(e: &std::io::Error) -> (String, String) {
    use std::io::ErrorKind::*;
    let (ko, en) = match e.kind() {
        NotFound => (
            "폴더가 없습니다. 있는 폴더를 고르거나 먼저 만드세요.",
            "the folder does not exist. Choose an existing folder or create it first.",
        ),
        PermissionDenied => (
            "그 폴더에 쓸 권한이 없습니다. 쓸 수 있는 폴더(예: 홈 폴더)를 고르세요.",
            "permission denied. Choose a folder you may write to, such as your home folder.",
        ),
        StorageFull | QuotaExceeded => (
            "디스크가 가득 찼습니다. 공간을 비운 뒤 다시 하세요.",
            "the disk is full. Free some space, then try again.",
        ),
        ReadOnlyFilesystem => (
            "읽기 전용 디스크입니다. 다른 곳을 고르세요.",
            "the disk is read-only. Choose another place.",
        ),
        IsADirectory => (
            "폴더입니다. 폴더 안의 파일 이름을 주세요 (예: 폴더/명단.csv).",
            "it is a folder. Give a file name inside it (for example folder/people.csv).",
        ),
        NotADirectory => (
            "경로 중간에 폴더가 아닌 파일이 있습니다. 경로를 확인하세요.",
            "a part of the path is a file, not a folder. Check the path.",
        ),
        kind => {
            return (
                format!("입출력 오류입니다 ({kind}). 폴더와 디스크를 확인하세요."),
                format!("input/output error ({kind}). Check the folder and the disk."),
            );
        }
    };
    (ko.to_string(), en.to_string())
}

/// A file being written: bytes go to a temporary file beside the target until `commit`.
/// Dropped without `commit`, it leaves nothing behind.
pub struct PendingFile {
    target: PathBuf,
    tmp: PathBuf,
    file: Option<File>,
    replace: Replace,
}

/// Starts writing `path`. Refuses at once a target inside `db_dir` and, unless `replace` says
/// otherwise, an existing target (checked again when the file is committed).
pub fn create(
    path: &Path,
    replace: Replace,
    db_dir: Option<&Path>,
) -> Result<PendingFile, FileError> {
    let target = absolute(path);
    if let Some(db) = db_dir
        && inside(&target, db)
    {
        return Err(FileError::InsideDatabase(path.to_path_buf()));
    }
    if target.is_dir() {
        return Err(FileError::Io {
            path: path.to_path_buf(),
            source: std::io::Error::from(std::io::ErrorKind::IsADirectory),
        });
    }
    if replace == Replace::No && target.symlink_metadata().is_ok() {
        return Err(FileError::Exists(path.to_path_buf()));
    }
    let dir = target
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let io = |source| FileError::Io {
        path: path.to_path_buf(),
        source,
    };
    for attempt in 0u32.. {
        let tmp = dir.join(format!(
            ".{name}.{}-{attempt}.netday-tmp",
            std::process::id()
        ));
        match owner_only().open(&tmp) {
            Ok(file) => {
                return Ok(PendingFile {
                    target,
                    tmp,
                    file: Some(file),
                    replace,
                });
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {}
            Err(e) => return Err(io(e)),
        }
    }
    unreachable!("the loop returns")
}

impl PendingFile {
    /// Syncs the bytes and gives the file its name; after this returns Ok the file is durable.
    pub fn commit(mut self) -> Result<(), FileError> {
        let io = |path: &Path, source| FileError::Io {
            path: path.to_path_buf(),
            source,
        };
        if let Some(f) = self.file.take() {
            f.sync_all().map_err(|e| io(&self.target, e))?;
        }
        match self.replace {
            Replace::Yes => {
                std::fs::rename(&self.tmp, &self.target).map_err(|e| io(&self.target, e))?;
            }
            Replace::No => match std::fs::hard_link(&self.tmp, &self.target) {
                Ok(()) => {
                    let _ = std::fs::remove_file(&self.tmp);
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    return Err(FileError::Exists(self.target.clone()));
                }
                // File systems without hard links (FAT on a USB stick): rename, having checked.
                Err(_) if self.target.symlink_metadata().is_err() => {
                    std::fs::rename(&self.tmp, &self.target).map_err(|e| io(&self.target, e))?;
                }
                Err(e) => return Err(io(&self.target, e)),
            },
        }
        sync_dir(&self.target);
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.target
    }
}

impl Write for PendingFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.file.as_mut() {
            Some(f) => f.write(buf),
            None => Err(std::io::Error::other("file already committed")),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self.file.as_mut() {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for PendingFile {
    fn drop(&mut self) {
        self.file = None;
        let _ = std::fs::remove_file(&self.tmp);
    }
}

/// Writes `bytes` to `path` whole, durably, owner-only (see `create`).
pub fn write(
    path: &Path,
    bytes: &[u8],
    replace: Replace,
    db_dir: Option<&Path>,
) -> Result<(), FileError> {
    let mut f = create(path, replace, db_dir)?;
    f.write_all(bytes).map_err(|source| FileError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    f.commit()
}

/// Where a file the user asked for goes unless they say otherwise: their Documents folder
/// (Windows and macOS have one; Linux when XDG names one that exists), else the current
/// directory.
pub fn default_dir() -> Option<PathBuf> {
    directories::UserDirs::new()
        .and_then(|u| u.document_dir().map(Path::to_path_buf))
        .filter(|d| d.is_dir())
        .or_else(|| std::env::current_dir().ok())
}

/// `~/x` → the user's home directory joined with `x` (`HOME` on Unix, the profile directory
/// on Windows, where `HOME` is usually not set); any other path as typed.
pub fn expand_home(path: &str) -> PathBuf {
    let path = path.trim();
    if let Some(rest) = path.strip_prefix("~/").or_else(|| path.strip_prefix("~\\"))
        && let Some(home) = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf())
    {
        return home.join(rest);
    }
    PathBuf::from(path)
}

fn owner_only() -> std::fs::OpenOptions {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Whether `target` lies in `dir` or below it, following links in whatever part exists.
fn inside(target: &Path, dir: &Path) -> bool {
    let Ok(dir) = dir.canonicalize() else {
        return false;
    };
    let mut probe = target.to_path_buf();
    let mut tail = Vec::new();
    loop {
        if let Ok(c) = probe.canonicalize() {
            let full = tail.iter().rev().fold(c, |acc: PathBuf, t| acc.join(t));
            return full.starts_with(&dir);
        }
        match (probe.file_name().map(|n| n.to_os_string()), probe.parent()) {
            (Some(n), Some(parent)) => {
                tail.push(n);
                probe = parent.to_path_buf();
            }
            _ => return target.starts_with(&dir),
        }
    }
}

fn sync_dir(target: &Path) {
    #[cfg(unix)]
    if let Some(dir) = target.parent()
        && let Ok(d) = File::open(dir)
    {
        let _ = d.sync_all();
    }
    // Windows offers no way to sync a directory: a name given just before a power loss may be
    // lost there, though the file's bytes were flushed (FlushFileBuffers) before it got one.
    #[cfg(not(unix))]
    let _ = target;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tilde_is_the_home_directory_on_every_platform() {
        let home = directories::BaseDirs::new()
            .expect("a home directory")
            .home_dir()
            .to_path_buf();
        assert_eq!(expand_home("~/문서/명단.xlsx"), home.join("문서/명단.xlsx"));
        assert_eq!(expand_home(" ~\\명단.csv "), home.join("명단.csv"));
        assert_eq!(expand_home("/tmp/명단.csv"), PathBuf::from("/tmp/명단.csv"));
        assert_eq!(expand_home("명단.csv"), PathBuf::from("명단.csv"));
    }

    #[test]
    fn a_new_file_is_written_whole_and_owner_only() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("명단.csv");
        write(&p, b"a,b\n", Replace::No, None).expect("write");
        assert_eq!(std::fs::read(&p).expect("read"), b"a,b\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let left: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn an_existing_file_is_never_replaced_unless_the_user_said_so() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("회의록.md");
        std::fs::write(&p, "손으로 고친 회의록").expect("seed");
        let err = write(&p, b"new", Replace::No, None).expect_err("must refuse");
        assert!(matches!(err, FileError::Exists(_)));
        assert_eq!(
            std::fs::read_to_string(&p).expect("read"),
            "손으로 고친 회의록"
        );
        assert!(err.ko().contains("--force") && err.en().contains("--force"));
        write(&p, b"new", Replace::Yes, None).expect("replace");
        assert_eq!(std::fs::read(&p).expect("read"), b"new");
    }

    #[test]
    fn an_existing_file_appearing_while_writing_is_not_replaced() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("export.csv");
        let mut f = create(&p, Replace::No, None).expect("create");
        f.write_all(b"ours").expect("write");
        std::fs::write(&p, "theirs").expect("someone else");
        assert!(matches!(f.commit(), Err(FileError::Exists(_))));
        assert_eq!(std::fs::read_to_string(&p).expect("read"), "theirs");
    }

    #[test]
    fn nothing_is_written_inside_the_database_directory() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("netday.db");
        std::fs::create_dir(&db).expect("db dir");
        for target in [db.join("db"), db.join("sub").join("x.csv")] {
            let err = write(&target, b"x", Replace::Yes, Some(&db)).expect_err("refused");
            assert!(matches!(err, FileError::InsideDatabase(_)), "{target:?}");
        }
        // The same directory named another way.
        let other = dir.path().join(".").join("netday.db").join("conf");
        assert!(matches!(
            write(&other, b"x", Replace::Yes, Some(&db)),
            Err(FileError::InsideDatabase(_))
        ));
        assert_eq!(std::fs::read_dir(&db).expect("dir").count(), 0);
        write(&dir.path().join("ok.csv"), b"x", Replace::No, Some(&db)).expect("beside is fine");
    }

    #[test]
    fn a_dropped_file_leaves_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("half.csv");
        let mut f = create(&p, Replace::No, None).expect("create");
        f.write_all(b"half").expect("write");
        drop(f);
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
    }
}
