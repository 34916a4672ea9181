//! `netday search`: who a few letters (or a badge code) find, as the desk would.

use std::io::Write;
use std::path::PathBuf;

use super::args::SearchArgs;
use super::db::data_to_read;
use super::error::CliError;
use super::out::{note, product_out, stdout};
use crate::i18n;

pub fn run(db: Option<PathBuf>, SearchArgs { query, limit }: SearchArgs) -> anyhow::Result<()> {
    product_out()?;
    let data = data_to_read(db)?;
    let hits = data.find_people(&query, limit)?;
    if hits.is_empty() {
        note(i18n::NO_MATCH);
    }
    let mut out = stdout();
    for (name, org) in hits {
        writeln!(out, "{name}\t{org}").map_err(CliError::Stdout)?;
    }
    out.flush().map_err(CliError::Stdout)?;
    Ok(())
}
