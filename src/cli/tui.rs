//! `netday` without a command: the TUI, in a terminal only.

use std::path::PathBuf;

use super::db::open;
use super::error::CliError;
use crate::event_loop::{self, Until};
use crate::i18n;

pub fn run(db: Option<PathBuf>, until: Until) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(CliError::from(i18n::NEEDS_TERMINAL).into());
    }
    let store = open(db)?;
    // A shred whose files were not rewritten yet (stopped, killed, or the other desk's, synced
    // by a file): rewritten before the screen shows anything.
    let store = {
        let mut data = crate::data::Data::new(store);
        super::shred::finish_pending(&mut data)?;
        data.close()
    };
    // The TUI alone switches the console to UTF-8, and only while it runs.
    let _console = crate::terminal::utf8_console();
    event_loop::run(store, until)
}
