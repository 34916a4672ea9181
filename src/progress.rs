//! How far long work is (an import, a backup, a restore, generated data), told to whoever shows it,
//! and whether they want it stopped. Below the store: the store reports stages, it never names
//! them; `i18n::stage_label` gives each stage its words.

/// What long work is doing now. The CLI's bar and the TUI's gauge show
/// `i18n::stage_label(stage)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stage {
    /// Reading a file the user chose (counted in KB).
    ReadFile,
    /// Checking an import's rows before anything is written.
    CheckRows,
    /// Writing an import's people.
    Import,
    /// Reading every record into a backup.
    Backup,
    /// Reading the current data into a safety copy before a restore replaces it.
    SafetyCopy,
    /// Writing a backup's records into a database.
    Restore,
    /// Writing synthetic data (`netday generate`).
    Generate,
    /// Making the pages of a PDF.
    Print,
    /// Copying the database into a fresh one and checking the copy (`netday compact`).
    Compact,
    /// Shredding people's personal data (before the database is rewritten).
    Shred,
}

/// Long work reports how far it is; the CLI draws a bar, the TUI a gauge, tests count.
pub trait Progress {
    /// A stage of `total` units (rows, records, bytes) begins.
    fn start(&mut self, stage: Stage, total: u64);
    /// `done` units of the current stage are finished (absolute, never decreasing).
    fn set(&mut self, done: u64);
    /// Whether whoever waits for the work wants it stopped (Esc in the app, a signal that ends
    /// netday). Work that writes asks between its durable units and stops cleanly, saying how
    /// far it came; once true it stays true. The command line and tests never stop work.
    fn cancelled(&mut self) -> bool {
        false
    }
    /// Whether the stop is netday ending (a signal, a hang-up): what only the screen would
    /// show after the work (reading everyone again) can be left out.
    fn ending(&mut self) -> bool {
        false
    }
}

/// For callers that show nothing.
pub struct Silent;

impl Progress for Silent {
    fn start(&mut self, _: Stage, _: u64) {}
    fn set(&mut self, _: u64) {}
}
