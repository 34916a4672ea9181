//! Import and export from the People screen: the same code paths as `netday import` and
//! `netday export people`.

use std::borrow::Cow;
use std::collections::BTreeSet;

use crate::i18n;
use crate::io::csv::{ColumnMap, Override, ParsedCsv, parse_people_sheet_with};
use crate::io::import::{self, ImportSummary, Stopped};
use crate::job::Abandoned;
use crate::model::ImportField as Field;
use crate::model::TextField as FieldKind;
use crate::screens::unit::{Cx, Effect, Job, What};
use crate::screens::{Action, Modal, Tone, Writing, Wrote};
use crate::store::StoreError;
use crate::widgets::TextField;

/// Why there is no preview.
enum NoPreview {
    /// Said in the user's words.
    Failed(String),
    /// Esc (or a signal that ends netday) while the file was read or checked.
    Cancelled,
}

/// A parsed file and what importing it would do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preview {
    /// Every good row of the file, the ones left out by hand included (to show them).
    pub parsed: ParsedCsv,
    /// What importing the rows not left out does.
    pub summary: ImportSummary,
    /// What the user had chosen when this preview was made: Enter imports it only while the
    /// dialog's choices are still these.
    pub basis: Basis,
}

/// Everything chosen in the preview that changes what Enter imports.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Basis {
    pub overrides: Vec<Override>,
    pub sheet: Option<String>,
    pub register: bool,
    /// Lines of the rows left out by hand.
    pub skipped: BTreeSet<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportDialog {
    pub path: TextField,
    /// Shown after the path is confirmed; a second Enter imports.
    pub preview: Option<Preview>,
    pub error: Option<String>,
    /// Register everyone in the file for the networking day open now (asked in the preview;
    /// yes when a day is open).
    pub register: bool,
    /// The column chosen in the preview (Tab), whose field ↑↓ change.
    pub column: usize,
    /// What the user said a column holds, as `netday import --map` takes it.
    pub overrides: Vec<Override>,
    /// The workbook sheet chosen (PgDn/PgUp) when several hold a list; `None`: the first.
    pub sheet: Option<String>,
    /// Lines of the rows left out by hand (x in the preview).
    pub skipped: BTreeSet<usize>,
    /// The row the preview points at (n/p), an index into its rows.
    pub row: usize,
    /// Whether registering was asked for when the dialog opened (what Esc goes back to).
    register_at_first: bool,
    /// At the path stage: the files to choose from.
    pub picker: super::picker::Picker,
}

impl ImportDialog {
    pub fn new(register: bool) -> ImportDialog {
        ImportDialog {
            path: TextField::new(FieldKind::Path),
            preview: None,
            error: None,
            register,
            column: 0,
            overrides: Vec::new(),
            sheet: None,
            skipped: BTreeSet::new(),
            row: 0,
            register_at_first: register,
            picker: Default::default(),
        }
    }

    /// What the dialog's choices are now.
    fn basis(&self) -> Basis {
        Basis {
            overrides: self.overrides.clone(),
            sheet: self.sheet.clone(),
            register: self.register,
            skipped: self.skipped.clone(),
        }
    }

    /// The preview, while it is the one of the choices made: what Enter imports.
    pub fn current(&self) -> Option<&Preview> {
        self.preview.as_ref().filter(|p| p.basis == self.basis())
    }

    /// What each column is read into as chosen now: the preview's reading, or, while a new
    /// choice is not (or cannot be) previewed, the header row read with the choices made.
    pub fn columns(&self) -> Option<Cow<'_, ColumnMap>> {
        if let Some(p) = self.current() {
            return Some(Cow::Borrowed(&p.parsed.columns));
        }
        let p = self.preview.as_ref()?;
        Some(Cow::Owned(ColumnMap::chosen(
            &p.parsed.columns.titles,
            &self.overrides,
        )))
    }

    /// Indexes into the preview's rows of those with something to check, in file order.
    pub fn flagged_rows(&self) -> Vec<usize> {
        let Some(p) = &self.preview else {
            return Vec::new();
        };
        let lines: BTreeSet<usize> = import::row_flags(&p.parsed, &p.summary)
            .iter()
            .map(|f| f.line)
            .collect();
        p.parsed
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| lines.contains(&r.line))
            .map(|(i, _)| i)
            .collect()
    }

    /// Points at the next (`step` 1) or previous (-1) row with something to check, or at the
    /// next or previous row when none has.
    fn step_row(&mut self, step: isize) {
        let n = self.preview.as_ref().map_or(0, |p| p.parsed.rows.len());
        if n == 0 {
            return;
        }
        let flagged = self.flagged_rows();
        let among: Vec<usize> = if flagged.is_empty() {
            (0..n).collect()
        } else {
            flagged
        };
        let at = self.row;
        let next = if step > 0 {
            among.iter().find(|&&i| i > at).or(among.first())
        } else {
            among.iter().rev().find(|&&i| i < at).or(among.last())
        };
        self.row = next.copied().unwrap_or(0);
    }

    /// Back to the file's name with nothing chosen in a preview kept.
    fn forget_preview(&mut self) {
        self.preview = None;
        self.overrides.clear();
        self.sheet = None;
        self.column = 0;
        self.skipped.clear();
        self.row = 0;
        self.register = self.register_at_first;
    }

    /// Chooses the next (`step` 1) or previous (-1) sheet holding a list; `false` with one.
    fn step_sheet(&mut self, step: isize) -> bool {
        let Some(p) = &self.preview else {
            return false;
        };
        let sheets = &p.parsed.sheets;
        if sheets.len() < 2 {
            return false;
        }
        let now = sheets
            .iter()
            .position(|s| Some(s) == p.parsed.sheet.as_ref())
            .unwrap_or(0);
        let next = (now as isize + step).rem_euclid(sheets.len() as isize) as usize;
        self.sheet = Some(sheets[next].clone());
        // Another sheet has other columns and rows: what was chosen was for this one.
        self.overrides.clear();
        self.skipped.clear();
        self.column = 0;
        self.row = 0;
        true
    }

    /// Gives the chosen column the field before (`step` -1) or after (+1) the one it has now
    /// (as chosen, previewed or not), "ignored" included; `false` when the column has no title
    /// to name it by.
    fn step_field(&mut self, step: isize) -> bool {
        let Some(map) = self.columns().map(Cow::into_owned) else {
            return false;
        };
        let Some(title) = map.titles.get(self.column).filter(|t| !t.is_empty()) else {
            return false;
        };
        let choices: Vec<Option<Field>> = std::iter::once(None)
            .chain(Field::ALL.into_iter().map(Some))
            .collect();
        let now = choices
            .iter()
            .position(|f| *f == map.field_of(self.column))
            .unwrap_or(0);
        let next = (now as isize + step).rem_euclid(choices.len() as isize) as usize;
        let header = title.clone();
        self.overrides.retain(|o| o.header != header);
        self.overrides.push(Override {
            header,
            field: choices[next],
        });
        true
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportDialog {
    pub path: TextField,
    pub error: Option<String>,
    /// The people view (Ctrl-E) or the minutes (m).
    pub what: Writing,
    /// A backup's passphrase fields (동기화 · F6); none for any other file.
    pub pass: Option<super::backup::PassFields>,
}

impl ExportDialog {
    /// The dialog asking where `what` goes, with `path` proposed.
    pub fn modal(path: &str, what: Writing) -> Modal {
        Modal::Export(Box::new(ExportDialog {
            path: TextField::with(FieldKind::Path, path),
            error: None,
            what,
            pass: None,
        }))
    }
}

pub use crate::files::expand_home;

/// Typing into the path field; says when a paste was cut.
fn edit_path(cx: &mut Cx, path: &mut TextField, action: &Action) {
    cx.edited(crate::screens::edit_text(path, action));
}

/// The import dialog, registering for the day open now when there is one.
pub fn open_import(cx: &Cx) -> Effect {
    let mut dialog = ImportDialog::new(cx.event.is_some());
    dialog.picker = super::picker::Picker::for_user(cx);
    Effect::open(Modal::Import(Box::new(dialog)))
}

/// Asks where the people list (`rows`, as the People screen shows them) goes.
pub fn open_export(cx: &Cx, rows: Vec<crate::model::Id>) -> Effect {
    let date = cx.now.local_date().format("%Y%m%d");
    // In Documents (or the current directory), where a Windows or Mac user looks.
    let name = format!("netday-people-{date}.xlsx");
    let path = crate::screens::replace::export_path(cx, &name)
        .map_or(format!("~/{name}"), |p| p.display().to_string());
    Effect::open(ExportDialog::modal(&path, Writing::People(rows)))
}

impl ImportDialog {
    pub fn update(&mut self, cx: &mut Cx, action: Action) -> Result<Effect, StoreError> {
        let d = self;
        let mut effect = Effect::keep();
        if d.preview.is_none() {
            use super::picker::Picked;
            match d.picker.update(cx, &mut d.path, &action) {
                Picked::NotMine => {}
                Picked::Kept => {
                    d.error = None;
                    return Ok(effect);
                }
                Picked::Take => return Ok(effect.job(Job::Preview)),
            }
        }
        match action {
            Action::Cancel => {
                if d.preview.is_some() {
                    // Nothing chosen in a preview left behind outlives it.
                    d.forget_preview();
                    d.error = None;
                } else {
                    return Ok(Effect::close());
                }
            }
            // In the preview: register everyone for the day open now, or not.
            Action::Left | Action::Right | Action::Input(' ')
                if d.preview.is_some() && cx.event.is_some() =>
            {
                d.register = !d.register;
                effect = effect.job(Job::Preview);
            }
            // In the preview: choose a column, and what it is read into.
            Action::NextField | Action::PrevField if d.preview.is_some() => {
                let n = d
                    .preview
                    .as_ref()
                    .map_or(1, |p| p.parsed.columns.titles.len().max(1));
                d.column = match action {
                    Action::NextField => (d.column + 1) % n,
                    _ => (d.column + n - 1) % n,
                };
            }
            Action::PageDown | Action::PageUp if d.preview.is_some() => {
                let step = if action == Action::PageUp { -1 } else { 1 };
                if d.step_sheet(step) {
                    effect = effect.job(Job::Preview);
                }
            }
            Action::NextFlagged | Action::PrevFlagged if d.preview.is_some() => {
                d.step_row(if action == Action::NextFlagged { 1 } else { -1 });
            }
            Action::SkipRow if d.preview.is_some() => {
                let line = d
                    .preview
                    .as_ref()
                    .and_then(|p| p.parsed.rows.get(d.row))
                    .map(|r| r.line);
                if let Some(line) = line {
                    if !d.skipped.remove(&line) {
                        d.skipped.insert(line);
                    }
                    effect = effect.job(Job::Preview);
                }
            }
            Action::Up | Action::Down if d.preview.is_some() => {
                let step = if action == Action::Up { -1 } else { 1 };
                if d.step_field(step) {
                    effect = effect.job(Job::Preview);
                } else {
                    d.error = Some(i18n::IMPORT_UNTITLED_COLUMN.get().into());
                }
            }
            Action::Submit => {
                if d.preview.is_none() {
                    // Reading the file runs as a job too: a gauge while a large file is read.
                    effect = effect.job(Job::Preview);
                } else if d.current().is_some() {
                    // The import itself runs as a job, with a gauge in the app.
                    effect = effect.job(Job::Import);
                } else if d.error.is_none() {
                    // Chosen but not yet previewed: previewed now, imported by the next Enter.
                    effect = effect.job(Job::Preview);
                }
                // Else the choices cannot be imported (the preview says why): nothing happens.
            }

            ref a if d.preview.is_none() => {
                edit_path(cx, &mut d.path, a);
                d.error = None;
            }
            _ => {}
        }
        Ok(effect)
    }

    /// Imports the file the dialog previews, telling `progress` how far it is.
    pub(crate) fn import_now(
        &mut self,
        cx: &mut Cx,
        progress: &mut dyn crate::progress::Progress,
    ) -> Result<Effect, StoreError> {
        let d = self;
        // Only ever what the preview shows for the choices made now.
        let Some(p) = d.current() else {
            return Ok(Effect::keep());
        };
        let date = cx.event.map(|e| e.date).filter(|_| d.register);
        let file = expand_home(&d.path);
        let rows = import::without_lines(&p.parsed, &p.basis.skipped);
        let s = cx.data.import_apply(&rows, &file, date, progress)?;
        let shown = file.display().to_string();
        if s.stopped == Some(Stopped::BeforeWriting) {
            // Nothing written: the preview stays, for Enter to import after all.
            cx.say(Tone::Warn, i18n::import_cancelled(&shown));
            return Ok(Effect::keep());
        }
        if s.stopped.is_some() && progress.ending() {
            // What was written is synced; netday is leaving, so nobody is shown anything.
            return Ok(Effect::close());
        }
        // Imported, whole or in part: everything is read again.
        let done = Effect::close().changed(What::ALL);
        if let Some(Stopped::Writing { people, of }) = s.stopped {
            cx.say(Tone::Warn, i18n::import_stopped(&shown, people, of));
            return Ok(done);
        }
        let mut text = format!(
            "{} ({})",
            i18n::import_lines(p.parsed.data_lines, s.people()),
            i18n::import_summary(s.added, s.updated, s.skipped, s.errors)
        );
        if !p.basis.skipped.is_empty() {
            text = format!("{text} · {}", i18n::skipped_by_hand(p.basis.skipped.len()));
        }
        if s.registered + s.tentative + s.cancelled + s.kept > 0
            && let Some(e) = cx.event
        {
            let day = i18n::day_answers(s.registered, s.tentative, s.cancelled, s.kept, &e.title);
            text = format!("{text} · {day}");
        }
        cx.say(Tone::Good, text);
        Ok(done)
    }

    /// The preview, first or again after the user changed what it depends on (the column
    /// chosen stays, unless this is the first).
    pub(crate) fn preview_now(&mut self, cx: &Cx, progress: &mut dyn crate::progress::Progress) {
        let d = self;
        match d.preview_import(cx, progress) {
            Ok(p) => {
                let first = d.preview.is_none();
                d.preview = Some(p);
                if first {
                    d.column = 0;
                    // Pointing at the first row to check, if any.
                    d.row = d.flagged_rows().first().copied().unwrap_or(0);
                }
                let n = d.preview.as_ref().map_or(0, |p| p.parsed.rows.len());
                d.row = d.row.min(n.saturating_sub(1));
                d.error = None;
            }
            // A preview already shown stays, but no longer current: it shows the choices and
            // why they cannot be imported, and Enter refuses (`current`).
            Err(NoPreview::Failed(e)) => d.error = Some(e),
            // Back to the file's name, as before it was read; nothing was written.
            Err(NoPreview::Cancelled) => {
                d.forget_preview();
                d.error = Some(i18n::import_cancelled(
                    &expand_home(&d.path).display().to_string(),
                ));
            }
        }
    }

    /// Reads and parses the file, and works out what importing it would do (nothing written).
    /// The file is read on a thread of its own: whatever a damaged spreadsheet makes the reader
    /// do, Esc (`progress.cancelled`) gets the app back within a fraction of a second.
    fn preview_import(
        &self,
        cx: &Cx,
        progress: &mut dyn crate::progress::Progress,
    ) -> Result<Preview, NoPreview> {
        let d = self;
        let (path, register) = (d.path.value(), d.register);
        if path.trim().is_empty() {
            return Err(NoPreview::Failed(i18n::P_PATH_REQUIRED.get().into()));
        }
        // A column chosen away from the name leaves none: said so, not read as another row.
        if d.columns().is_some_and(|m| !m.has(Field::Name)) {
            return Err(NoPreview::Failed(i18n::IMPORT_NO_NAME_CHOSEN.get().into()));
        }
        let basis = d.basis();
        let p = expand_home(path);
        let (overrides, sheet) = (d.overrides.clone(), d.sheet.clone());
        let read = crate::job::detached(progress, move |progress| {
            let bytes =
                std::fs::read(&p).map_err(|e| i18n::cannot_read(&p.display().to_string(), &e))?;
            parse_people_sheet_with(&bytes, &overrides, sheet.as_deref(), progress)
                .map_err(|e| i18n::pick(e.ko(), e.en()))
        });
        let mut parsed = match read {
            Ok(parsed) => parsed.map_err(NoPreview::Failed)?,
            Err(Abandoned::Cancelled) => return Err(NoPreview::Cancelled),
            Err(Abandoned::NoThread) => {
                return Err(NoPreview::Failed(i18n::NO_WORKER.get().into()));
            }
        };
        let date = cx.event.map(|e| e.date).filter(|_| register);
        let failed = |e: StoreError| NoPreview::Failed(i18n::pick(e.ko(), e.en()));
        let rows = import::without_lines(&parsed, &basis.skipped);
        let mut summary = cx.data.import_plan(&rows, date, progress).map_err(failed)?;
        drop(rows);
        if !basis.skipped.is_empty() {
            // A row left out still says why it was: the flags are of every row.
            let all = cx
                .data
                .import_plan(&parsed, date, progress)
                .map_err(failed)?;
            summary.flags = all.flags;
        }
        if summary.stopped.is_some() {
            return Err(NoPreview::Cancelled);
        }
        import::set_aside_conflicts(&mut parsed, &mut summary);
        Ok(Preview {
            parsed,
            summary,
            basis,
        })
    }
}

impl ExportDialog {
    pub fn update(&mut self, cx: &mut Cx, action: Action) -> Result<Effect, StoreError> {
        if self.pass.is_some() {
            return Ok(self.update_backup(cx, action));
        }
        let d = self;
        match action {
            Action::Cancel => return Ok(Effect::close()),
            Action::Submit if d.path.trim().is_empty() => {
                d.error = Some(i18n::P_PATH_REQUIRED.get().into());
            }
            // Written as a job, with a gauge in the app.
            Action::Submit => return Ok(Effect::keep().job(Job::Write)),
            Action::CycleFormat => {
                d.cycle_format();
                d.error = None;
            }
            ref a => {
                edit_path(cx, &mut d.path, a);
                d.error = None;
            }
        }
        Ok(Effect::keep())
    }

    /// Tab: the next file type for what is written, the path's extension following it — the
    /// minutes PDF → .docx → .md → .txt, the report a folder ↔ one .zip, a list .xlsx ↔ .csv.
    fn cycle_format(&mut self) {
        use crate::model::MinutesFormat as F;
        let path = std::path::PathBuf::from(self.path.trim());
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        let next = match &mut self.what {
            Writing::Minutes(f) => {
                let at = F::ALL.iter().position(|x| x == f).unwrap_or(0);
                *f = F::ALL[(at + 1) % F::ALL.len()];
                f.extension()
            }
            Writing::Pack if ext == "zip" => "",
            Writing::Pack => "zip",
            Writing::People(_) if ext == "csv" => "xlsx",
            Writing::People(_) => "csv",
            Writing::Person(_) if ext == "pdf" => "txt",
            Writing::Person(_) => "pdf",
            Writing::Print(..) | Writing::Backup(_) => return,
        };
        let path = path.with_extension(next).display().to_string();
        self.path = TextField::with(FieldKind::Path, &path);
    }

    /// Writes the file the export dialog names; asks before replacing one that is there.
    pub(crate) fn export_now(
        &mut self,
        cx: &mut Cx,
        progress: &mut dyn crate::progress::Progress,
    ) -> Result<Effect, StoreError> {
        let d = self;
        match crate::screens::replace::write_for_user(cx, &expand_home(&d.path), &d.what, progress)?
        {
            Wrote::Done => Ok(Effect::close()),
            Wrote::Exists(r) => Ok(Effect::ask(r.ask())),
            Wrote::Failed(why) => {
                d.error = Some(why);
                Ok(Effect::keep())
            }
        }
    }
}

/// The people `rows` as a people list (an Excel workbook when `path` ends in .xlsx, else
/// CSV), and its row count; the text says why when it cannot be made.
pub(crate) fn people_view_bytes(
    cx: &Cx,
    rows: &[crate::model::Id],
    path: &std::path::Path,
) -> Result<(Vec<u8>, usize), String> {
    let people: Vec<&crate::model::Person> = rows
        .iter()
        .filter_map(|id| cx.data.roster.person(*id))
        .collect();
    use crate::io::export::{Format, people_bytes};
    people_bytes(&people, &cx.data.roster.orgs, Format::for_path(path))
        .map_err(|e| i18n::pick(e.ko(), e.en()))
}
