//! How far long work is (an import, a backup, a restore, generated data), told to whoever shows it.

/// Long work reports how far it is; the CLI draws a bar, the TUI a gauge, tests count.
pub trait Progress {
    /// A stage of `total` units (rows, records, bytes) begins; `what` names it for the user.
    fn start(&mut self, what: crate::i18n::L, total: u64);
    /// `done` units of the current stage are finished (absolute, never decreasing).
    fn set(&mut self, done: u64);
}

/// For callers that show nothing.
pub struct Silent;

impl Progress for Silent {
    fn start(&mut self, _: crate::i18n::L, _: u64) {}
    fn set(&mut self, _: u64) {}
}
