//! Asking before a file the user already has is replaced (minutes with `m`, people with Ctrl-E).

use std::path::{Path, PathBuf};

use crate::files::{self, FileError, Replace};
use crate::i18n;
use crate::io::pack::PackError;
use crate::progress::Progress;
use crate::screens::Tone;
use crate::screens::unit::{Ask, Asker, Cx, Effect, Question};
use crate::store::StoreError;

/// What goes into the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Writing {
    /// The minutes of the current networking day as a PDF, a .docx, Markdown or chat text (a
    /// path ending in .pdf, .docx, .md or .txt decides; otherwise the one asked for).
    Minutes(crate::model::MinutesFormat),
    /// The current networking day's evidence pack (결과보고): a folder, or one .zip when the
    /// path ends in .zip.
    Pack,
    /// The people list as the People screen showed it (these people, in this order).
    People(Vec<crate::model::Id>),
    /// A PDF for the current networking day, with the options chosen for it.
    Print(crate::model::PrintKind, crate::io::print::Options),
    /// Everything held about this person (a PIPA Art. 35 request): a PDF when the path ends in
    /// .pdf, else text.
    Person(crate::model::Id),
    /// The whole database as a backup, locked with a passphrase or, chosen, without one.
    Backup(super::backup::BackupLock),
}

/// A file that exists already: written only after the user says yes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplaceFile {
    pub path: PathBuf,
    pub what: Writing,
}

/// How writing a file for the user went.
#[derive(Debug, PartialEq, Eq)]
pub enum Wrote {
    /// Written (and said so).
    Done,
    /// The file is there already: ask before replacing it.
    Exists(ReplaceFile),
    /// Nothing written; the text says why.
    Failed(String),
}

impl ReplaceFile {
    /// The question asked before the file is replaced.
    pub fn ask(self) -> Ask {
        Ask::new(
            Asker::App,
            Question::Replace(Box::new(self.clone())),
            i18n::REPLACE_TITLE.get(),
            i18n::confirm_replace(&self.path.display().to_string()),
        )
    }
}

/// `name` in the directory the app writes files to: the one it was given, else the user's
/// Documents, else the current directory.
pub fn export_path(cx: &Cx, name: &str) -> Option<PathBuf> {
    let dir = cx
        .export_dir
        .map(Path::to_path_buf)
        .or_else(crate::files::default_dir)?;
    Some(dir.join(name))
}

/// Writes a new file, or answers [`Wrote::Exists`] when one is already there.
pub(crate) fn write_for_user(
    cx: &mut Cx,
    path: &Path,
    what: &Writing,
    progress: &mut dyn Progress,
) -> Result<Wrote, StoreError> {
    write_file(cx, path, what, Replace::No, progress)
}

/// Replaces the file, as the user said yes.
pub(crate) fn replace_now(
    cx: &mut Cx,
    r: &ReplaceFile,
    progress: &mut dyn Progress,
) -> Result<Effect, StoreError> {
    if let Wrote::Failed(why) = write_file(cx, &r.path, &r.what, Replace::Yes, progress)? {
        cx.say(Tone::Error, why);
    }
    Ok(Effect::close())
}

fn write_file(
    cx: &mut Cx,
    path: &Path,
    what: &Writing,
    replace: Replace,
    progress: &mut dyn Progress,
) -> Result<Wrote, StoreError> {
    let shown = path.display().to_string();
    let mut unprintable = Vec::new();
    let (bytes, text) = match what {
        Writing::Minutes(format) => match crate::screens::notes::minutes_bytes(
            cx,
            crate::model::MinutesFormat::for_path(path).unwrap_or(*format),
            progress,
        )? {
            Ok(bytes) => (bytes, i18n::minutes_written(&shown)),
            Err(why) => return Ok(Wrote::Failed(why)),
        },
        Writing::Pack => return write_pack(cx, path, replace, progress),
        Writing::Backup(lock) => {
            return super::backup::write_backup(cx, path, lock, replace, progress);
        }
        Writing::People(ids) => {
            match crate::screens::import_export::people_view_bytes(cx, ids, path) {
                Ok((bytes, rows)) => (bytes, i18n::wrote_file(&shown, rows)),
                Err(why) => return Ok(Wrote::Failed(why)),
            }
        }
        Writing::Person(id) => match person_report_bytes(cx, *id, path, progress)? {
            Ok(bytes) => (bytes, i18n::person_written(&shown)),
            Err(why) => return Ok(Wrote::Failed(why)),
        },
        Writing::Print(kind, chosen) => {
            match crate::screens::print::print_bytes(cx, *kind, chosen, progress) {
                Ok((bytes, rows, who)) => {
                    unprintable = who;
                    (bytes, i18n::printed_in_app(&shown, rows))
                }
                Err(why) => return Ok(Wrote::Failed(why)),
            }
        }
    };
    Ok(
        match files::write(path, &bytes, replace, Some(cx.data.path())) {
            Ok(()) => {
                if unprintable.is_empty() {
                    cx.say(Tone::Good, text);
                } else {
                    let warning = i18n::print_unprintable(&unprintable);
                    cx.say(Tone::Warn, format!("{text} · {warning}"));
                }
                Wrote::Done
            }
            Err(FileError::Exists(_)) if replace == Replace::No => Wrote::Exists(ReplaceFile {
                path: path.to_path_buf(),
                what: what.clone(),
            }),
            Err(e) => Wrote::Failed(i18n::pick(e.ko(), e.en())),
        },
    )
}

/// Writes the day's evidence pack: into the folder `path` (made when it is not there), or as
/// one archive when `path` ends in .zip.
fn write_pack(
    cx: &mut Cx,
    path: &Path,
    replace: Replace,
    progress: &mut dyn Progress,
) -> Result<Wrote, StoreError> {
    let Some(e) = cx.event else {
        return Ok(Wrote::Failed(i18n::NO_EVENT.get().to_string()));
    };
    let o = crate::io::minutes::ReportOptions {
        author: cx.author.to_string(),
        contacts: false,
    };
    let parts = match cx.data.pack(e, &o, progress) {
        Ok(parts) => parts,
        Err(PackError::Store(e)) => return Err(e),
        Err(e) => return Ok(Wrote::Failed(i18n::pick(e.ko(), e.en()))),
    };
    let written = crate::io::pack::write_to(path, &parts, replace, cx.data.path());
    let shown = path.display().to_string();
    Ok(match written {
        Ok(()) => {
            cx.say(
                Tone::Good,
                format!(
                    "{} ({})",
                    i18n::pack_written(&shown, parts.len()),
                    i18n::PACK_EXPORT_WHAT.get()
                ),
            );
            Wrote::Done
        }
        Err(PackError::File(FileError::Exists(_))) if replace == Replace::No => {
            Wrote::Exists(ReplaceFile {
                path: path.to_path_buf(),
                what: Writing::Pack,
            })
        }
        Err(e) => Wrote::Failed(i18n::pick(e.ko(), e.en())),
    })
}

/// The person's report as the file `path` names it: a PDF for .pdf, else text.
fn person_report_bytes(
    cx: &Cx,
    id: crate::model::Id,
    path: &Path,
    progress: &mut dyn Progress,
) -> Result<Result<Vec<u8>, String>, StoreError> {
    let Some(report) = cx.data.person_report(id, cx.now)? else {
        return Ok(Err(i18n::NOBODY_SELECTED.get().to_string()));
    };
    let doc = crate::io::person::doc(&report);
    let pdf = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    Ok(if pdf {
        crate::io::person::pdf(&doc, progress).map_err(|e| i18n::pick(e.ko(), e.en()))
    } else {
        Ok(crate::io::person::text(&doc).into_bytes())
    })
}

/// Asks where the report on person `id` goes: a text file named by their code and today's
/// date, in the folder the app writes to. A record merged into another stands for that one,
/// which holds its days and items now (as `netday person` does).
pub fn open_person_report(cx: &Cx, id: crate::model::Id) -> Effect {
    let merged = &cx.data.roster.merged_into;
    let mut id = id;
    for _ in 0..=merged.len() {
        match merged.get(&id) {
            Some(&into) => id = into,
            None => break,
        }
    }
    let code = cx
        .data
        .roster
        .person(id)
        .map(|p| p.code.clone())
        .unwrap_or_default();
    let name = i18n::pr_file_name(&code, &cx.now.local_date().format("%Y%m%d").to_string());
    let path = export_path(cx, &name).map_or(format!("~/{name}"), |p| p.display().to_string());
    Effect::open(crate::screens::ExportDialog::modal(
        &path,
        Writing::Person(id),
    ))
}
