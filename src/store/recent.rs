//! The folders files were imported from, newest first: where the import dialog looks first.
//! Kept in `meta` (a hint, not a record: no journal entry, never part of an undo).

use super::layout::META;
use super::{Result, Store};

/// `meta`: the folders of the latest successful imports, one per line, newest first.
pub(super) const IMPORT_FOLDERS_KEY: &[u8] = b"import:folders";

/// How many folders are remembered.
pub const RECENT_FOLDERS: usize = 5;

impl Store {
    /// The folders of the latest imports, newest first (none when never imported or unreadable).
    pub fn recent_import_folders(&self) -> Vec<String> {
        let Ok(Some(v)) = self.raw_get(META, IMPORT_FOLDERS_KEY) else {
            return Vec::new();
        };
        String::from_utf8_lossy(&v)
            .lines()
            .filter(|l| !l.is_empty())
            .take(RECENT_FOLDERS)
            .map(str::to_string)
            .collect()
    }

    /// Puts `folder` first among the folders of the latest imports.
    pub fn remember_import_folder(&self, folder: &str) -> Result<()> {
        // One line per folder: a name holding a line break is not kept.
        if folder.is_empty() || folder.contains(['\n', '\r']) {
            return Ok(());
        }
        let mut folders = vec![folder.to_string()];
        folders.extend(
            self.recent_import_folders()
                .into_iter()
                .filter(|f| f != folder)
                .take(RECENT_FOLDERS - 1),
        );
        self.raw_insert(META, IMPORT_FOLDERS_KEY, folders.join("\n").as_bytes())?;
        self.durable()
    }
}
