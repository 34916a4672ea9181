//! `netday export`: people, a day's attendance, its minutes or the ideas, to a file or stdout.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

use super::args::{ExportArgs, ExportKind, MinutesFormat};
use super::db::{data_to_read, date_arg, pick_event};
use super::error::CliError;
use super::out::{binary_to_stdout, data_stdout, note, product_out, say, to_stdout};
use super::progress::Bar;
use crate::files::{self, Replace};
use crate::i18n;
use crate::io::export;
use crate::io::minutes::{self, ReportOptions};
use crate::model::MinutesFormat as Format;
use crate::model::{self, Id};

pub fn run(db: Option<PathBuf>, args: ExportArgs) -> anyhow::Result<()> {
    let ExportArgs {
        what,
        event,
        output: out,
        force,
        format,
        author,
        contacts,
    } = args;
    if format.is_some() && !matches!(what, ExportKind::Minutes) {
        let i18n::L(ko, en) = i18n::MINUTES_FORMAT_ONLY_MINUTES;
        return Err(CliError::Said {
            ko: ko.into(),
            en: en.into(),
        }
        .into());
    }
    let event = date_arg(event)?;
    let report = ReportOptions {
        author: author
            .map(|a| model::clean_line(&a))
            .filter(|a| !a.is_empty())
            .unwrap_or_else(crate::data::author),
        contacts,
    };
    let out = out.filter(|p| !to_stdout(Some(p)));
    if out.is_none() && !matches!(what, ExportKind::Pack) {
        product_out()?;
    }
    let data = data_to_read(db)?;
    let store = data.store();
    let bytes;
    let table_format = out
        .as_deref()
        .map_or(export::Format::Csv, export::Format::for_path);
    let said = |e: export::ExportError| CliError::Said {
        ko: e.ko(),
        en: e.en(),
    };
    let n = match what {
        ExportKind::People => {
            let orgs: HashMap<Id, model::Organization> =
                store.orgs()?.into_iter().map(|o| (o.id, o)).collect();
            let mut people = store.people()?;
            people.retain(|p| !p.archived);
            people.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
            let refs: Vec<&model::Person> = people.iter().collect();
            let t = export::people_table(&refs, &orgs);
            bytes = t.encode(table_format).map_err(said)?;
            t.rows.len()
        }
        ExportKind::Attendance => {
            let e = pick_event(&data, event)?;
            let t = export::attendance_table(store, e.id)?;
            bytes = t.encode(table_format).map_err(said)?;
            t.rows.len()
        }
        ExportKind::Minutes => {
            let e = pick_event(&data, event)?;
            let minutes_data = data.minutes(&e)?;
            // Asked for, else as the file's name says (.txt: chat text, .pdf, .docx).
            let format = match format {
                Some(MinutesFormat::Text) => Format::Text,
                Some(MinutesFormat::Markdown) => Format::Markdown,
                Some(MinutesFormat::Pdf) => Format::Pdf,
                Some(MinutesFormat::Docx) => Format::Docx,
                None => out
                    .as_deref()
                    .and_then(Format::for_path)
                    .unwrap_or(Format::Markdown),
            };
            let mut bar = Bar::new();
            bytes = minutes::write(&minutes_data, format, &report, i18n::lang(), &mut bar)
                .map_err(|e| CliError::Said {
                    ko: e.ko(),
                    en: e.en(),
                })?;
            bar.clear();
            if matches!(format, Format::Pdf | Format::Docx) {
                return document_out(out.as_deref(), &bytes, force, &data, format);
            }
            bytes.iter().filter(|b| **b == b'\n').count()
        }
        ExportKind::Pack => return pack(&data, event, out, force, &report),
        ExportKind::Ideas => {
            let t = export::ideas_table(store)?;
            bytes = t.encode(table_format).map_err(said)?;
            t.rows.len()
        }
    };
    match &out {
        Some(p) => {
            let replace = if force { Replace::Yes } else { Replace::No };
            files::write(p, &bytes, replace, Some(data.path()))?;
        }
        None => {
            let mut w = data_stdout();
            w.write_all(&bytes)
                .and_then(|()| w.flush())
                .map_err(CliError::Stdout)?;
        }
    }
    say(&out, n);
    Ok(())
}

/// A PDF or .docx of the minutes: to the file (saying so), or to a pipe, never to a terminal.
fn document_out(
    out: Option<&std::path::Path>,
    bytes: &[u8],
    force: bool,
    data: &crate::data::Data,
    format: Format,
) -> anyhow::Result<()> {
    let Some(p) = out else {
        let what = match format {
            Format::Pdf => files::Binary::Pdf,
            _ => files::Binary::Document,
        };
        return binary_to_stdout(bytes, what);
    };
    let replace = if force { Replace::Yes } else { Replace::No };
    files::write(p, bytes, replace, Some(data.path()))?;
    note(i18n::minutes_written(&p.display().to_string()));
    Ok(())
}

/// `netday export pack`: the day's evidence pack into a folder, or one .zip when the name ends
/// in .zip; without -o, a folder named by the day's date in the current directory.
fn pack(
    data: &crate::data::Data,
    event: Option<chrono::NaiveDate>,
    out: Option<PathBuf>,
    force: bool,
    report: &ReportOptions,
) -> anyhow::Result<()> {
    let e = pick_event(data, event)?;
    let said = |e: crate::io::pack::PackError| CliError::Said {
        ko: e.ko(),
        en: e.en(),
    };
    let mut bar = Bar::new();
    let parts = data.pack(&e, report, &mut bar).map_err(said)?;
    bar.clear();
    let out = out
        .unwrap_or_else(|| PathBuf::from(i18n::pack_name(&e.date.format("%Y-%m-%d").to_string())));
    let replace = if force { Replace::Yes } else { Replace::No };
    match crate::io::pack::write_to(&out, &parts, replace, data.path()) {
        Ok(()) => {}
        // Worded and given its exit status as every other file the command line writes.
        Err(crate::io::pack::PackError::File(e)) => return Err(e.into()),
        Err(e) => return Err(said(e).into()),
    }
    note(i18n::pack_written(&out.display().to_string(), parts.len()));
    for p in &parts {
        note(format!("  {}", p.name));
    }
    Ok(())
}
