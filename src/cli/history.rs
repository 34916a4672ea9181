//! `netday history`, `netday undo ID` and `netday desk [NAME]`: the change journal from the
//! command line, in the same words as the 변경 이력 screen.

use std::io::Write;
use std::path::PathBuf;

use super::args::{DeskArgs, HistoryArgs, UndoArgs};
use super::db::{data, data_to_read, date_arg, pick_event};
use super::error::CliError;
use super::out::{note, print, product_out, stdout};
use crate::data::HistoryFilter;
use crate::i18n;

pub fn history(
    db: Option<PathBuf>,
    HistoryArgs {
        person,
        day,
        limit,
        keep_days,
    }: HistoryArgs,
) -> anyhow::Result<()> {
    product_out()?;
    if let Some(days) = keep_days {
        let data = data(db.clone())?;
        data.set_keep_days((days > 0).then_some(days))?;
        let events = data.events()?;
        let folded = data.fold_history(crate::model::Ts::now(), &events)?;
        print(i18n::history_kept(days, folded))?;
        return Ok(());
    }
    let data = data_to_read(db)?;
    let day = match date_arg(day)? {
        Some(d) => Some(pick_event(&data, Some(d))?),
        None => None,
    };
    let filter = HistoryFilter {
        day,
        person: person
            .map(|p| crate::model::clean_line(&p))
            .unwrap_or_default(),
        ..HistoryFilter::default()
    };
    let lines = data.history_lines(&filter, limit)?;
    if lines.is_empty() {
        note(if filter.is_empty() {
            i18n::NO_CHANGES
        } else {
            i18n::NO_CHANGES_MATCH_CLI
        });
    }
    let mut out = stdout();
    for l in lines {
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}",
            l.id,
            l.at.local().format("%Y-%m-%d %H:%M"),
            l.desk,
            l.kind,
            l.touched
        )
        .map_err(CliError::Stdout)?;
    }
    out.flush().map_err(CliError::Stdout)?;
    Ok(())
}

pub fn undo(db: Option<PathBuf>, UndoArgs { id }: UndoArgs) -> anyhow::Result<()> {
    product_out()?;
    let mut data = data(db)?;
    let Some(change) = data.change(&id)? else {
        let (ko, en) = i18n::no_such_change(id.trim());
        return Err(CliError::Said { ko, en }.into());
    };
    let line = data.change_line(&change)?;
    let events = data.events()?;
    // A refusal (a later change, a person since used) comes back in both languages.
    let done = data.undo(change.order, None, &events)?;
    print(i18n::change_undone(
        &line.id,
        &line.kind,
        &line.touched,
        &done.id(),
    ))?;
    Ok(())
}

pub fn desk(db: Option<PathBuf>, DeskArgs { name }: DeskArgs) -> anyhow::Result<()> {
    product_out()?;
    match name {
        None => {
            let data = data_to_read(db)?;
            print(i18n::desk_is(&data.desk_name()))?;
        }
        Some(name) => {
            let name = crate::model::clean_line(&name);
            if name.is_empty() {
                return Err(CliError::from(i18n::DESK_EMPTY).into());
            }
            let data = data(db)?;
            data.set_desk_name(&name)?;
            print(i18n::desk_set(&data.desk_name()))?;
        }
    }
    Ok(())
}
