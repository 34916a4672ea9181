//! `netday events`: every networking day with its numbers, as the TUI's header counts them.

use std::io::Write;
use std::path::PathBuf;

use super::db::data_to_read;
use super::error::CliError;
use super::out::{print, product_out, stdout};
use crate::i18n;

pub fn run(db: Option<PathBuf>) -> anyhow::Result<()> {
    product_out()?;
    let data = data_to_read(db)?;
    let events = data.events()?;
    if events.is_empty() {
        print(i18n::NO_EVENTS)?;
    }
    let mut out = stdout();
    for e in events {
        let count = data.day_count(e.id)?;
        writeln!(out, "{}\t{}\t{}", e.date, e.title, i18n::day_count(&count))
            .map_err(CliError::Stdout)?;
    }
    out.flush().map_err(CliError::Stdout)?;
    Ok(())
}
