//! Files netday writes for the user (exports, backups, minutes, safety copies).
//!
//! A file is written whole into a temporary file beside its target, synced, and only then given
//! its name: a new name by a hard link (which refuses an existing file, so nothing the user owns
//! is ever replaced by accident), or over an existing file only when the caller says the user
//! agreed (`Replace::Yes`). Files are created owner-only (0600 on Unix) whatever the umask, and
//! never inside the database directory nor under a name netday uses beside it.
//!
//! Only a regular file is ever replaced. A character device or a pipe (`/dev/null`, a terminal,
//! a FIFO, the `/dev/fd/63` of a shell's `>(…)`) is written into, as a shell's `>` would; a
//! folder, a socket, a block device and a link to anything else are refused in words.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::model::korean::{Particle, josa};

pub mod listing;

/// Whether an existing file at the target may be replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Replace {
    /// Refuse an existing file (the default everywhere).
    No,
    /// The user said so (`--force`, or a confirm in the TUI).
    Yes,
}

/// Bytes that are no text for a terminal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Binary {
    Pdf,
    Backup,
    /// A .docx or a .zip.
    Document,
}

#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{} already exists", .0.display())]
    Exists(PathBuf),
    #[error("{} is inside the database directory", .0.display())]
    InsideDatabase(PathBuf),
    #[error("{} is a name netday uses for its own work", .0.display())]
    Reserved(PathBuf),
    #[error("{} is a link", .0.display())]
    Link(PathBuf),
    #[error("{} is not a file", .0.display())]
    NotAFile(PathBuf),
    #[error("nobody reads from the pipe {}", .0.display())]
    NoReader(PathBuf),
    #[error("standard output is closed")]
    StdoutClosed,
    #[error("{0:?} to a terminal")]
    BinaryToTerminal(Binary),
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
                "{} 데이터베이스 폴더 안입니다. 데이터베이스를 지키려고 쓰지 않았습니다. 다른 폴더를 고르세요.",
                josa(&p.display().to_string(), Particle::EunNeun)
            ),
            FileError::Reserved(p) => format!(
                "{} netday가 스스로 작업할 때 쓰는 이름입니다 (복원이나 임시 파일). 데이터베이스를 지키려고 쓰지 않았습니다. 다른 이름을 고르세요.",
                josa(&p.display().to_string(), Particle::EunNeun)
            ),
            FileError::Link(p) => format!(
                "{} 다른 파일을 가리키는 링크입니다. 링크를 바꾸거나 따라가 쓰지 않았습니다. 실제 파일의 경로를 주세요.",
                josa(&p.display().to_string(), Particle::EunNeun)
            ),
            FileError::NotAFile(p) => format!(
                "{} 보통 파일이 아닙니다 (소켓이나 장치). 아무것도 쓰지 않았습니다. 파일 이름을 주세요.",
                josa(&p.display().to_string(), Particle::EunNeun)
            ),
            FileError::NoReader(p) => format!(
                "{} 파이프(FIFO)에서 읽는 프로그램이 없어 아무것도 쓰지 않았습니다. 읽는 쪽을 먼저 실행하세요.",
                p.display()
            ),
            FileError::StdoutClosed => "표준 출력이 닫혀 있어 아무것도 쓰지 못했습니다. -o 파일이름을 주거나 출력을 파일로 돌리세요.".to_string(),
            FileError::BinaryToTerminal(what) => format!(
                "{} 터미널에 쓸 수는 없습니다. -o 파일이름을 주거나 출력을 파일이나 파이프로 돌리세요.",
                match what {
                    Binary::Pdf => "PDF를",
                    Binary::Backup => "백업을",
                    Binary::Document => "문서 파일을",
                }
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
            FileError::Reserved(p) => format!(
                "{} is a name netday uses for its own work (a restore or a temporary file); nothing was written there, to keep the database safe. Choose another name.",
                p.display()
            ),
            FileError::Link(p) => format!(
                "{} is a link to another file; it was neither replaced nor followed. Give the path of the file itself.",
                p.display()
            ),
            FileError::NotAFile(p) => format!(
                "{} is not a regular file (a socket or a device); nothing was written. Give a file name.",
                p.display()
            ),
            FileError::NoReader(p) => format!(
                "Nothing reads from the pipe (FIFO) {}, so nothing was written. Start the reader first.",
                p.display()
            ),
            FileError::StdoutClosed => "Standard output is closed; nothing was written. Give -o FILE or redirect the output to a file.".to_string(),
            FileError::BinaryToTerminal(what) => format!(
                "A {} cannot be written to the terminal. Give -o FILE or redirect the output to a file or a pipe.",
                match what {
                    Binary::Pdf => "PDF",
                    Binary::Backup => "backup",
                    Binary::Document => "document file",
                }
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

/// A file being written: bytes go to a temporary file beside the target until `commit` (or,
/// for a device or a pipe, straight into it). Dropped without `commit`, it leaves nothing behind.
pub struct PendingFile {
    target: PathBuf,
    sink: Sink,
}

enum Sink {
    /// A temporary file beside the target, locked while it is written, so that a cleaner can
    /// tell one a killed process left (`remove_abandoned`) from one being written.
    Temp {
        tmp: PathBuf,
        file: Option<File>,
        replace: Replace,
    },
    /// A character device or a pipe, written into.
    Into(File),
}

/// What is at a path the user named, links followed only to a device or a pipe.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Found {
    Nothing,
    Regular,
    Folder,
    /// A character device or a FIFO (directly or through a link): written into.
    Stream {
        fifo: bool,
    },
    /// A link to anything but a device or a pipe, or to nothing.
    Link,
    /// A socket, a block device (Unix: Windows tells none of them apart from a file).
    #[cfg_attr(not(unix), allow(dead_code))]
    Other,
}

fn found(target: &Path) -> Found {
    let Ok(meta) = target.symlink_metadata() else {
        return Found::Nothing;
    };
    let kind = |t: std::fs::FileType| {
        if t.is_file() {
            Found::Regular
        } else if t.is_dir() {
            Found::Folder
        } else {
            stream_or_other(t)
        }
    };
    if meta.file_type().is_symlink() {
        return match std::fs::metadata(target).map(|m| kind(m.file_type())) {
            Ok(s @ Found::Stream { .. }) => s,
            _ => Found::Link,
        };
    }
    kind(meta.file_type())
}

#[cfg(unix)]
fn stream_or_other(t: std::fs::FileType) -> Found {
    use std::os::unix::fs::FileTypeExt;
    if t.is_char_device() || t.is_fifo() {
        Found::Stream { fifo: t.is_fifo() }
    } else {
        Found::Other
    }
}

/// Windows: what is neither a file, a folder nor a link is a device (`NUL`, `CON`) or a pipe.
#[cfg(not(unix))]
fn stream_or_other(_: std::fs::FileType) -> Found {
    Found::Stream { fifo: false }
}

/// Starts writing `path`. Refuses at once a target inside `db_dir` or named like a file netday
/// keeps beside it, a folder, a link, a socket or a block device, and, unless `replace` says
/// otherwise, an existing file (checked again when the file is committed). A device or a pipe
/// is opened to be written into.
pub fn create(
    path: &Path,
    replace: Replace,
    db_dir: Option<&Path>,
) -> Result<PendingFile, FileError> {
    let target = absolute(path);
    // A temporary name: the next open of a database beside it could take it for one a killed
    // process left.
    if target
        .file_name()
        .is_some_and(|n| n.to_string_lossy().ends_with(TMP_SUFFIX))
    {
        return Err(FileError::Reserved(path.to_path_buf()));
    }
    if let Some(db) = db_dir {
        if inside(&target, db) {
            return Err(FileError::InsideDatabase(path.to_path_buf()));
        }
        if beside_as_its_own(&target, db) {
            return Err(FileError::Reserved(path.to_path_buf()));
        }
    }
    let io = |source| FileError::Io {
        path: path.to_path_buf(),
        source,
    };
    match found(&target) {
        Found::Folder => return Err(io(std::io::ErrorKind::IsADirectory.into())),
        Found::Link => return Err(FileError::Link(path.to_path_buf())),
        Found::Other => return Err(FileError::NotAFile(path.to_path_buf())),
        Found::Stream { fifo } => {
            return Ok(PendingFile {
                sink: Sink::Into(open_stream(path, &target, fifo)?),
                target,
            });
        }
        Found::Regular if replace == Replace::No => {
            return Err(FileError::Exists(path.to_path_buf()));
        }
        Found::Regular | Found::Nothing => {}
    }
    let dir = target
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    for attempt in 0u32.. {
        let tmp = dir.join(format!(
            ".{name}.{}-{attempt}{TMP_SUFFIX}",
            std::process::id()
        ));
        match owner_only().open(&tmp) {
            Ok(file) => {
                // Held until the file is committed or dropped; a lock that cannot be taken
                // (a file system without locks) only means a cleaner leaves the file alone.
                let _ = file.try_lock();
                return Ok(PendingFile {
                    target,
                    sink: Sink::Temp {
                        tmp,
                        file: Some(file),
                        replace,
                    },
                });
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {}
            Err(e) => return Err(io(e)),
        }
    }
    unreachable!("the loop returns")
}

/// The end of the names of temporary files (`.<name>.<pid>-<n>.netday-tmp`).
pub const TMP_SUFFIX: &str = ".netday-tmp";

/// Opens a device or a pipe to write into it. A pipe nobody reads from is waited for a few
/// seconds, then refused in words (opening it plainly would wait for ever).
fn open_stream(path: &Path, target: &Path, fifo: bool) -> Result<File, FileError> {
    let io = |source| FileError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut o = std::fs::OpenOptions::new();
    o.write(true);
    #[cfg(unix)]
    if fifo {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NONBLOCK);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        loop {
            match o.open(target) {
                Ok(f) => {
                    blocking(&f).map_err(io)?;
                    return Ok(f);
                }
                Err(e) if e.raw_os_error() == Some(libc::ENXIO) => {
                    if std::time::Instant::now() > deadline {
                        return Err(FileError::NoReader(path.to_path_buf()));
                    }
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                Err(e) => return Err(io(e)),
            }
        }
    }
    let _ = fifo;
    o.open(target).map_err(io)
}

/// Clears the O_NONBLOCK a pipe was opened with, so that writes wait for the reader.
#[cfg(unix)]
fn blocking(f: &File) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    let fd = f.as_raw_fd();
    // SAFETY: fcntl on a descriptor owned by `f`, which outlives both calls.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    if flags == -1
        // SAFETY: as above.
        || unsafe { libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK) } == -1
    {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

impl PendingFile {
    /// Syncs the bytes and gives the file its name; after this returns Ok the file is durable.
    /// A device or a pipe has no name to give and nothing to sync: its bytes are already out.
    pub fn commit(mut self) -> Result<(), FileError> {
        let io = |path: &Path, source| FileError::Io {
            path: path.to_path_buf(),
            source,
        };
        let Sink::Temp { tmp, file, replace } = &mut self.sink else {
            return Ok(());
        };
        if let Some(f) = file.take() {
            f.sync_all().map_err(|e| io(&self.target, e))?;
        }
        match (*replace, found(&self.target)) {
            // Something else took the name while the bytes were written.
            (_, Found::Folder) => {
                return Err(io(&self.target, std::io::ErrorKind::IsADirectory.into()));
            }
            (_, Found::Link) => return Err(FileError::Link(self.target.clone())),
            (_, Found::Stream { .. } | Found::Other) => {
                return Err(FileError::NotAFile(self.target.clone()));
            }
            (Replace::Yes, _) => {
                std::fs::rename(&*tmp, &self.target).map_err(|e| io(&self.target, e))?;
            }
            (Replace::No, _) => match std::fs::hard_link(&*tmp, &self.target) {
                Ok(()) => {
                    let _ = std::fs::remove_file(&*tmp);
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    return Err(FileError::Exists(self.target.clone()));
                }
                // File systems without hard links (FAT on a USB stick): rename, having checked.
                Err(_) if self.target.symlink_metadata().is_err() => {
                    std::fs::rename(&*tmp, &self.target).map_err(|e| io(&self.target, e))?;
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
        match &mut self.sink {
            Sink::Temp { file: Some(f), .. } | Sink::Into(f) => f.write(buf),
            Sink::Temp { file: None, .. } => Err(std::io::Error::other("file already committed")),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.sink {
            Sink::Temp { file: Some(f), .. } | Sink::Into(f) => f.flush(),
            Sink::Temp { file: None, .. } => Ok(()),
        }
    }
}

impl Drop for PendingFile {
    fn drop(&mut self) {
        if let Sink::Temp { tmp, file, .. } = &mut self.sink {
            *file = None;
            let _ = std::fs::remove_file(&*tmp);
        }
    }
}

/// Removes from `dir` the temporary files (`.<prefix>….netday-tmp`) whose writer is gone: a
/// process killed while writing leaves its temporary file unlocked. One still locked is being
/// written and is left alone.
pub fn remove_abandoned(dir: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let start = format!(".{prefix}");
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(&start) && name.ends_with(TMP_SUFFIX)) {
            continue;
        }
        let path = entry.path();
        let is_file = path
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_file());
        if is_file
            && let Ok(f) = std::fs::OpenOptions::new().write(true).open(&path)
            && f.try_lock().is_ok()
        {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// Whether standard output was closed when netday started (`netday events >&-`). The Rust
/// runtime puts `/dev/null` (opened read-write) in place of a closed descriptor, so writing
/// would seem to work while nothing is written; a `>/dev/null` the user typed is opened
/// write-only and is not mistaken for it.
pub fn stdout_closed() -> bool {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        // SAFETY: F_GETFL only reads the flags of descriptor 1.
        let flags = unsafe { libc::fcntl(1, libc::F_GETFL) };
        if flags == -1 {
            return true;
        }
        if flags & libc::O_ACCMODE != libc::O_RDWR {
            return false;
        }
        let Ok(ours) = std::io::stdout().as_fd().try_clone_to_owned() else {
            return true;
        };
        let (Ok(out), Ok(null)) = (File::from(ours).metadata(), std::fs::metadata("/dev/null"))
        else {
            return false;
        };
        use std::os::unix::fs::MetadataExt;
        null.rdev() == out.rdev() && out.file_type() == null.file_type()
    }
    #[cfg(not(unix))]
    false
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

/// Writes several files into the folder `dir`, made owner-only when it is not there (its
/// missing parents too). Every file is checked before any is written: an existing one (unless
/// `replace` says otherwise), a link or a folder in the way stops the whole set with nothing
/// written. Each file is then written as [`write`] writes one.
pub fn write_folder(
    dir: &Path,
    files: &[(&str, &[u8])],
    replace: Replace,
    db_dir: Option<&Path>,
) -> Result<(), FileError> {
    let target = absolute(dir);
    if let Some(db) = db_dir
        && (inside(&target, db) || absolute(db) == target)
    {
        return Err(FileError::InsideDatabase(dir.to_path_buf()));
    }
    let io = |source| FileError::Io {
        path: dir.to_path_buf(),
        source,
    };
    match found(&target) {
        Found::Folder => {
            for (name, _) in files {
                let path = dir.join(name);
                match found(&absolute(&path)) {
                    Found::Nothing => {}
                    Found::Regular if replace == Replace::Yes => {}
                    Found::Regular => return Err(FileError::Exists(path)),
                    Found::Link => return Err(FileError::Link(path)),
                    _ => return Err(FileError::NotAFile(path)),
                }
            }
        }
        Found::Nothing => {
            let mut b = std::fs::DirBuilder::new();
            b.recursive(true);
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
            b.create(&target).map_err(io)?;
        }
        Found::Link => return Err(FileError::Link(dir.to_path_buf())),
        _ => return Err(io(std::io::ErrorKind::NotADirectory.into())),
    }
    for (name, bytes) in files {
        write(&dir.join(name), bytes, replace, db_dir)?;
    }
    Ok(())
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

/// The names a restore works with beside the database `<db>`: the new database built beside it
/// (`<db>.restoring-…`), the old one set aside (`<db>.replaced-…`), the swap's journal and, where
/// folders cannot be locked (Windows), its lock file. The file writer refuses them all, so they
/// live here, below the store that uses them.
pub(crate) mod restore_names {
    pub const BESIDE: &str = ".restoring-";
    pub const ASIDE: &str = ".replaced-";
    pub const JOURNAL: &str = ".restore-swap";
    pub const LOCK: &str = ".restore-lock";

    /// Whether `name`, beside the database called `db_name`, is one a restore works with (so no
    /// file the user asks for may take it).
    pub fn is_restore_name(db_name: &std::ffi::OsStr, name: &std::ffi::OsStr) -> bool {
        let db = db_name.as_encoded_bytes();
        let Some(tail) = name.as_encoded_bytes().strip_prefix(db).or_else(|| {
            name.as_encoded_bytes()
                .strip_prefix(b".")
                .and_then(|n| n.strip_prefix(db))
                .filter(|t| t.starts_with(JOURNAL.as_bytes()))
        }) else {
            return false;
        };
        tail == JOURNAL.as_bytes()
            || tail == LOCK.as_bytes()
            || [BESIDE, ASIDE, JOURNAL]
                .iter()
                .any(|w| tail.starts_with(w.as_bytes()))
    }
}

/// Whether `target` sits beside the database `db` (or beside the folder a link `db` points to)
/// under a name a restore works with there.
fn beside_as_its_own(target: &Path, db: &Path) -> bool {
    let Some(name) = target.file_name() else {
        return false;
    };
    let parent_of = |p: &Path| p.parent().and_then(|d| d.canonicalize().ok());
    let Some(dir) = parent_of(target) else {
        return false;
    };
    [Some(db.to_path_buf()), db.canonicalize().ok()]
        .into_iter()
        .flatten()
        .any(|db| {
            db.file_name()
                .is_some_and(|own| restore_names::is_restore_name(own, name))
                && parent_of(&db).as_ref() == Some(&dir)
        })
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
    fn the_names_a_restore_works_with_are_known_and_no_others() {
        let db = std::ffi::OsStr::new("netday.db");
        for ours in [
            "netday.db.restore-swap",
            "netday.db.restoring-1-2-0",
            "netday.db.replaced-1-2-0",
            ".netday.db.restore-swap.77-0.netday-tmp",
        ] {
            assert!(restore_names::is_restore_name(db, ours.as_ref()), "{ours}");
        }
        for theirs in [
            "netday.db",
            "netday.db.csv",
            "netday.dbx.restore-swap",
            "other.db.restore-swap",
            ".netday.db.csv.77-0.netday-tmp",
            "before-restore-20261207-010101.ndbak",
        ] {
            assert!(
                !restore_names::is_restore_name(db, theirs.as_ref()),
                "{theirs}"
            );
        }
    }

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
