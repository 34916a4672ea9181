//! `netday person Q [--export [-o FILE]]`: a person's request to see what is held about them
//! (개인정보 보호법 제35조). The query names one person (`Data::person_for_request`), or the
//! command lists whom it found and writes nothing; the report is `Data::person_report` as text
//! (`io::person`), or a PDF when the file's name ends in .pdf.

use std::io::Write;
use std::path::PathBuf;

use super::args::PersonArgs;
use super::db::data_to_read;
use super::error::CliError;
use super::out::{data_stdout, note, product_out, stdout, to_stdout};
use super::progress::Bar;
use crate::data::{Data, Requested};
use crate::files::{self, Replace};
use crate::i18n;
use crate::io::person;
use crate::model::{self, Id, Ts};

/// Most people listed when a query finds several.
pub(super) const LISTED: usize = 20;

pub fn run(
    db: Option<PathBuf>,
    PersonArgs {
        query,
        export,
        output,
        force,
    }: PersonArgs,
) -> anyhow::Result<()> {
    let query = model::clean_line(&query);
    if query.is_empty() {
        return Err(CliError::from(i18n::PERSON_EMPTY).into());
    }
    let out = output.filter(|p| !to_stdout(Some(p)));
    if out.is_none() {
        product_out()?;
    }
    let mut data = data_to_read(db)?;
    let (id, found) = match data.person_for_request(&query, LISTED)? {
        Requested::One { id, found } => (id, found),
        Requested::Nobody => {
            let (ko, en) = i18n::person_nobody(&query);
            return Err(CliError::Said { ko, en }.into());
        }
        Requested::Several(ids) => {
            list(&data, &ids)?;
            let (ko, en) = i18n::person_several(&query, ids.len());
            return Err(CliError::Said { ko, en }.into());
        }
    };
    let Some(report) = data.person_report(id, Ts::now())? else {
        let (ko, en) = i18n::person_nobody(&query);
        return Err(CliError::Said { ko, en }.into());
    };
    if let Some(dup) = found
        && let Some(d) = data.store().person(dup)?
    {
        let p = &report.record.person;
        note(i18n::person_merged_into(&d.name, &d.code, &p.name, &p.code));
    }
    let doc = person::doc(&report);
    let Some(path) = out else {
        let text = person::text(&doc);
        // On screen as any text netday shows; with --export, as a file's contents would be.
        let written = if export {
            let mut w = data_stdout();
            w.write_all(text.as_bytes()).and_then(|()| w.flush())
        } else {
            let mut w = stdout();
            w.write_all(text.as_bytes()).and_then(|()| w.flush())
        };
        written.map_err(CliError::Stdout)?;
        return Ok(());
    };
    let is_pdf = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    let bytes = if is_pdf {
        let mut bar = Bar::new();
        let pdf = person::pdf(&doc, &mut bar).map_err(|e| CliError::Said {
            ko: e.ko(),
            en: e.en(),
        })?;
        bar.clear();
        pdf
    } else {
        person::text(&doc).into_bytes()
    };
    let replace = if force { Replace::Yes } else { Replace::No };
    files::write(&path, &bytes, replace, Some(data.path()))?;
    note(i18n::person_written(&path.display().to_string()));
    Ok(())
}

/// Whom the query found, one a line: badge code, name, organisation.
pub(super) fn list(data: &Data, ids: &[Id]) -> Result<(), CliError> {
    let store = data.store();
    let mut lines = Vec::new();
    for &id in ids {
        let Ok(Some(p)) = store.person(id) else {
            continue;
        };
        let org = match p.org_id {
            Some(o) => store.org(o).ok().flatten().map(|o| o.name),
            None => None,
        }
        .unwrap_or_default();
        lines.push(i18n::person_candidate(&p.code, &p.name, &org, p.archived));
    }
    let mut out = stdout();
    for l in lines {
        writeln!(out, "{l}").map_err(CliError::Stdout)?;
    }
    out.flush().map_err(CliError::Stdout)
}
