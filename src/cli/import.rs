//! `netday import`: a people list from CSV or a spreadsheet, previewed with `--dry-run`.

use std::path::PathBuf;

use super::args::ImportArgs;
use super::db::{data, data_to_read, date_arg, read_file};
use super::error::CliError;
use super::out::{note, print};
use super::progress::Bar;
use crate::i18n;
use crate::io::csv;
use crate::io::import;

pub fn run(db: Option<PathBuf>, args: ImportArgs) -> anyhow::Result<()> {
    let ImportArgs {
        file,
        forget_unfinished,
        event,
        dry_run,
        map,
        sheet,
        skip_line,
    } = args;
    if forget_unfinished {
        let data = data(db)?;
        let forgotten = data.forget_imports()?;
        for file in &forgotten {
            note(i18n::import_forgotten(file));
        }
        return print(i18n::imports_forgotten(forgotten.len())).map_err(Into::into);
    }
    // clap requires the file unless --forget-unfinished (above) is given.
    let Some(file) = file else {
        return Ok(());
    };
    let event = date_arg(event)?;
    let overrides = map
        .iter()
        .map(|m| {
            csv::Override::parse(m).ok_or_else(|| {
                let (ko, en) = i18n::bad_map(m);
                CliError::Said { ko, en }
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let bytes = read_file(&file)?;
    let mut reading = Bar::new();
    let parsed = csv::parse_people_sheet_with(&bytes, &overrides, sheet.as_deref(), &mut reading)
        .map_err(|source| CliError::Csv {
        path: file.clone(),
        source,
    })?;
    reading.clear();
    // The rows are all the import needs from here on (91 MB at 1,000,000 rows).
    drop(bytes);
    // A workbook with several lists is read only from the one the user names.
    let shown = file.display().to_string();
    let listed = || {
        parsed
            .sheets
            .iter()
            .map(|s| format!("‘{s}’"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match &sheet {
        Some(want) if parsed.sheet.as_deref() != Some(want.as_str()) => {
            let (ko, en) = i18n::no_such_sheet(&shown, want, &listed());
            return Err(CliError::Said { ko, en }.into());
        }
        None if parsed.sheets.len() > 1 && !dry_run => {
            let (ko, en) = i18n::choose_sheet(&shown, &listed());
            return Err(CliError::Said { ko, en }.into());
        }
        None if parsed.sheets.len() > 1 => note(i18n::several_sheets(&listed())),
        _ => {}
    }
    if let Some(missing) = parsed.columns.unmatched(&overrides).first() {
        let titles: Vec<&str> = parsed
            .columns
            .titles
            .iter()
            .filter(|t| !t.is_empty())
            .map(String::as_str)
            .collect();
        let (ko, en) =
            i18n::map_no_such_header(&file.display().to_string(), missing, &titles.join(", "));
        return Err(CliError::Said { ko, en }.into());
    }
    describe_columns(&parsed, dry_run, event.is_some())?;
    // Rows left out by hand, as x does in the app's preview; a line that holds no row is said.
    let skip: std::collections::BTreeSet<usize> = skip_line.into_iter().collect();
    for line in skip
        .iter()
        .filter(|l| !parsed.rows.iter().any(|r| r.line == **l))
    {
        note(i18n::skip_line_not_a_row(*line));
    }
    let skipped = parsed
        .rows
        .iter()
        .filter(|r| skip.contains(&r.line))
        .count();
    let parsed = if skip.is_empty() {
        parsed
    } else {
        import::without_lines(&parsed, &skip).into_owned()
    };
    let mut data = if dry_run {
        data_to_read(db)?
    } else {
        data(db)?
    };
    for line in data.unfinished_imports(import::FORGET_ON_THE_COMMAND_LINE)? {
        note(line);
    }
    let mut bar = Bar::new();
    let s = if dry_run {
        data.import_plan(&parsed, event, &mut bar)?
    } else {
        data.import_apply(&parsed, &file, event, &mut bar)?
    };
    bar.clear();
    if !dry_run && data.rewrite_due() {
        // A "no" emptied phones or e-mails kept until now: they leave the files too.
        super::shred::finish_pending(&mut data)?;
    }
    for err in import::row_errors(&parsed, &s) {
        note(i18n::row_error(
            err.line,
            &i18n::pick(err.reason.ko(), err.reason.en()),
        ));
    }
    // Imported all the same, but worth a look: junk, a name like an organisation's, a phone
    // that is someone else's here.
    for f in import::row_flags(&parsed, &s) {
        note(i18n::row_flag(f.line, &i18n::pick(f.ko(), f.en())));
    }
    let mut done = format!(
        "{} ({})",
        i18n::import_lines(parsed.data_lines, s.people()),
        i18n::import_summary(s.added, s.updated, s.skipped, s.errors)
    );
    if skipped > 0 {
        done = format!("{done} · {}", i18n::skipped_by_hand(skipped));
    }
    print(done)?;
    if s.withheld > 0 {
        print(i18n::import_withheld(s.withheld))?;
    }
    if s.withdrawn > 0 {
        print(i18n::import_withdrawn(s.withdrawn))?;
    }
    if let (Some(id), Some(_)) = (s.event_id, event)
        && let Some(e) = data.event(id)?
    {
        print(i18n::registered_for(s.registered, &e.title))?;
        if s.tentative > 0 {
            print(i18n::tentative_for(s.tentative, &e.title))?;
        }
        if s.cancelled > 0 {
            print(i18n::cancelled_for(s.cancelled, &e.title))?;
        }
        if s.kept > 0 {
            print(i18n::kept_answers(s.kept, &e.title))?;
        }
    }
    if dry_run {
        print(i18n::DRY_RUN)?;
    }
    if s.errors > 0 && s.added + s.updated + s.skipped == 0 {
        let (ko, en) = i18n::import_nothing_imported(&shown, s.errors);
        return Err(CliError::Said { ko, en }.into());
    }
    Ok(())
}

/// Which sheet and header row were read, every column's field on a dry run, and a loud
/// warning for each column left out that looks like one a person would miss.
fn describe_columns(parsed: &csv::ParsedCsv, dry_run: bool, event: bool) -> Result<(), CliError> {
    let cols = &parsed.columns;
    match &parsed.sheet {
        Some(sheet) => print(i18n::sheet_taken(sheet, parsed.header_line))?,
        None if parsed.header_line > 1 => print(i18n::header_below_top(parsed.header_line))?,
        None => {}
    }
    if dry_run {
        print(i18n::MAPPING_TITLE)?;
        for (i, title) in cols.titles.iter().enumerate() {
            if title.is_empty() && cols.field_of(i).is_none() {
                continue;
            }
            let to = cols.field_of(i).map_or(i18n::IGNORED_COLUMN.get(), |f| {
                i18n::L(f.ko(), f.en()).get()
            });
            print(format_args!("  {title} → {to}"))?;
        }
    }
    for (column, field) in &cols.suspicious {
        note(i18n::unmapped_warning(column, field.ko(), field.en()));
    }
    if !event && let Some(i) = cols.index(crate::model::ImportField::Status) {
        note(i18n::answers_without_event(
            cols.titles.get(i).map_or("", String::as_str),
        ));
    }
    Ok(())
}
