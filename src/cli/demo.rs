//! `netday demo` and `netday generate`: data to try netday on, or to measure it with.

use std::path::PathBuf;

use super::args::GenerateArgs;
use super::db::{data, date_arg};
use super::out::print;
use super::progress::Bar;
use crate::i18n;
use crate::model;

/// `netday demo`: the demo networking days, people and minutes, into an empty database.
pub fn demo(db: Option<PathBuf>) -> anyhow::Result<()> {
    let data = data(db)?;
    // The demo is a fixture, not a use-case: what its people list's import did is said here.
    let s = crate::demo::load(data.store(), model::today())?;
    print(format_args!(
        "{} — {}",
        i18n::DEMO_LOADED,
        i18n::import_summary(s.added, s.updated, s.skipped, s.errors)
    ))?;
    Ok(())
}

/// `netday generate`: as many people and days as asked for, from a seed.
pub fn generate(db: Option<PathBuf>, args: GenerateArgs) -> anyhow::Result<()> {
    let GenerateArgs {
        people,
        events,
        seed,
        date,
    } = args;
    let date = date_arg(date)?;
    let data = data(db)?;
    let t = std::time::Instant::now();
    let mut bar = Bar::new();
    let g = crate::generate::write(
        data.store(),
        people,
        events,
        seed,
        date.unwrap_or_else(model::today),
        &mut bar,
    )?;
    bar.clear();
    print(i18n::generated(
        [g.people, g.orgs, g.events, g.attendance, g.notes, g.ideas],
        t.elapsed().as_millis(),
    ))?;
    Ok(())
}
