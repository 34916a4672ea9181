//! `netday export`: people, a day's attendance, its minutes or the ideas, to a file or stdout.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

use super::args::{ExportArgs, ExportKind, MinutesFormat};
use super::db::{data_to_read, date_arg, pick_event};
use super::error::CliError;
use super::out::{data_stdout, product_out, say, to_stdout};
use crate::files::{self, Replace};
use crate::i18n;
use crate::io::export;
use crate::model::{self, Id};

pub fn run(db: Option<PathBuf>, args: ExportArgs) -> anyhow::Result<()> {
    let ExportArgs {
        what,
        event,
        output: out,
        force,
        format,
    } = args;
    if matches!(format, Some(MinutesFormat::Text)) && !matches!(what, ExportKind::Minutes) {
        let i18n::L(ko, en) = i18n::MINUTES_FORMAT_ONLY_MINUTES;
        return Err(CliError::Said {
            ko: ko.into(),
            en: en.into(),
        }
        .into());
    }
    let event = date_arg(event)?;
    let out = out.filter(|p| !to_stdout(Some(p)));
    if out.is_none() {
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
            use crate::io::minutes;
            let minutes_data = data.minutes(&e)?;
            // Asked for, else as the file's name says (.txt: chat text).
            let txt = out
                .as_deref()
                .is_some_and(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt")));
            let format = match format {
                Some(MinutesFormat::Text) => crate::model::MinutesFormat::Text,
                Some(MinutesFormat::Markdown) => crate::model::MinutesFormat::Markdown,
                None if txt => crate::model::MinutesFormat::Text,
                None => crate::model::MinutesFormat::Markdown,
            };
            let text = minutes::render_as(&minutes_data, format, i18n::lang());
            bytes = text.into_bytes();
            bytes.iter().filter(|b| **b == b'\n').count()
        }
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
