//! Files the app reads and writes for the user: the import and export dialogs, the print menu,
//! and asking before a file the user already has is replaced.

pub mod backup;
pub mod import_export;
pub mod picker;
pub mod print;
pub mod print_view;
pub mod replace;

pub mod view;

pub use import_export::{ExportDialog, ImportDialog, Preview};
pub use replace::{ReplaceFile, Writing, Wrote};
