//! On Unix the database is its owner's alone: the folder 0700 and every file in it 0600, sled's
//! own included. sled creates its files with the process's umask, at open and later (snapshots,
//! blobs), so the umask is what makes them owner-only.

use std::path::Path;

/// From now on this process creates files 0600 and folders 0700 at most, whatever umask it was
/// started with: the binary calls it first thing, so every file netday writes is its user's.
pub fn owner_only_from_now_on() {
    #[cfg(unix)]
    // SAFETY: umask only swaps the process's file-creation mask; it cannot fail.
    unsafe {
        libc::umask(0o077);
    }
}

/// Closes up what an older netday, or a copy made with other permissions, left open to
/// others in the database at `path`: group and others lose every right. Best effort: a file
/// this user cannot change stays as it is.
pub(super) fn tighten(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let Ok(entries) = std::fs::read_dir(path) else {
            return;
        };
        for e in entries.flatten() {
            let Ok(meta) = e.path().symlink_metadata() else {
                continue;
            };
            if !meta.is_dir() && !meta.is_file() {
                continue;
            }
            let mode = meta.permissions().mode() & 0o777;
            if mode & 0o077 != 0 {
                let _ = std::fs::set_permissions(
                    e.path(),
                    std::fs::Permissions::from_mode(mode & 0o700),
                );
            }
            if meta.is_dir() {
                tighten(&e.path());
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}
