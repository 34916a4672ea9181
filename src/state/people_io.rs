//! Import and export from the People screen: the same code paths as `netday import` and
//! `netday export people`.

use std::path::PathBuf;

use super::{Action, App, Effect, Modal, Tone, Writing, Wrote};
use crate::i18n;
use crate::io::csv::{ParsedCsv, parse_people_csv};
use crate::io::import::{self, ImportSummary};
use crate::model::TextField as FieldKind;
use crate::store::StoreError;
use crate::widgets::TextField;

/// A parsed file and what importing it would do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preview {
    pub parsed: ParsedCsv,
    pub summary: ImportSummary,
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
}

impl ImportDialog {
    pub fn new(register: bool) -> ImportDialog {
        ImportDialog {
            path: TextField::new(FieldKind::Path),
            preview: None,
            error: None,
            register,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportDialog {
    pub path: TextField,
    pub error: Option<String>,
    /// The people view (Ctrl-E) or the minutes (m).
    pub what: Writing,
}

/// `~/x` → `$HOME/x`.
pub fn expand_home(path: &str) -> PathBuf {
    let path = path.trim();
    if let Some(rest) = path.strip_prefix("~/")
        && let Some(home) = std::env::var_os("HOME")
    {
        return PathBuf::from(home).join(rest);
    }
    PathBuf::from(path)
}

/// Typing into the path field; says when a paste was cut.
fn edit_path(app: &mut App, path: &mut TextField, action: &Action) {
    app.edited(super::edit_text(path, action));
}

impl App {
    pub(super) fn open_import(&mut self) {
        let register = self.event.is_some();
        self.open(Modal::Import(Box::new(ImportDialog::new(register))));
    }

    pub(super) fn open_export(&mut self) {
        let date = self.now().local_date().format("%Y%m%d");
        self.open(Modal::Export(Box::new(ExportDialog {
            path: TextField::with(FieldKind::Path, &format!("~/netday-people-{date}.csv")),
            error: None,
            what: Writing::People,
        })));
    }

    pub(super) fn on_import(
        &mut self,
        d: &mut ImportDialog,
        action: Action,
    ) -> Result<Effect, StoreError> {
        match action {
            Action::Cancel => {
                if d.preview.is_some() {
                    d.preview = None;
                } else {
                    return Ok(Effect::Close);
                }
            }
            // In the preview: register everyone for the day open now, or not.
            Action::Left | Action::Right | Action::Input(' ')
                if d.preview.is_some() && self.event.is_some() =>
            {
                d.register = !d.register;
                match self.preview_import(&d.path, d.register) {
                    Ok(p) => d.preview = Some(p),
                    Err(e) => d.error = Some(e),
                }
            }
            Action::Submit => match &d.preview {
                None => match self.preview_import(&d.path, d.register) {
                    Ok(p) => {
                        d.preview = Some(p);
                        d.error = None;
                    }
                    Err(e) => d.error = Some(e),
                },
                Some(p) => {
                    let date = self.event.as_ref().map(|e| e.date).filter(|_| d.register);
                    let file = expand_home(&d.path);
                    let s = self.data.import_apply(
                        &p.parsed,
                        &file,
                        date,
                        &mut crate::progress::Silent,
                    )?;
                    // Imported: the dialog closes whatever the reload says.
                    if let Err(e) = self.reload() {
                        self.fail(e);
                    }
                    self.refresh_people();
                    let mut text = format!(
                        "{} ({})",
                        i18n::import_lines(p.parsed.data_lines, s.people()),
                        i18n::import_summary(s.added, s.updated, s.skipped, s.errors)
                    );
                    if s.registered > 0
                        && let Some(e) = &self.event
                    {
                        text = format!("{text} · {}", i18n::registered_for(s.registered, &e.title));
                    }
                    self.say(Tone::Good, text);
                    return Ok(Effect::Close);
                }
            },
            ref a if d.preview.is_none() => {
                edit_path(self, &mut d.path, a);
                d.error = None;
            }
            _ => {}
        }
        Ok(Effect::Keep)
    }

    /// Reads and parses the file, and works out what importing it would do (nothing written).
    fn preview_import(&self, path: &str, register: bool) -> Result<Preview, String> {
        if path.trim().is_empty() {
            return Err(i18n::P_PATH_REQUIRED.get().into());
        }
        let p = expand_home(path);
        let bytes =
            std::fs::read(&p).map_err(|e| i18n::cannot_read(&p.display().to_string(), &e))?;
        let mut parsed = parse_people_csv(&bytes).map_err(|e| i18n::pick(e.ko(), e.en()))?;
        let date = self.event.as_ref().map(|e| e.date).filter(|_| register);
        let mut summary = self
            .data
            .import_plan(&parsed, date, &mut crate::progress::Silent)
            .map_err(|e| i18n::pick(e.ko(), e.en()))?;
        import::set_aside_conflicts(&mut parsed, &mut summary);
        Ok(Preview { parsed, summary })
    }

    pub(super) fn on_export(
        &mut self,
        d: &mut ExportDialog,
        action: Action,
    ) -> Result<Effect, StoreError> {
        match action {
            Action::Cancel => return Ok(Effect::Close),
            Action::Submit if d.path.trim().is_empty() => {
                d.error = Some(i18n::P_PATH_REQUIRED.get().into());
            }
            Action::Submit => match self.write_for_user(&expand_home(&d.path), d.what)? {
                Wrote::Done => return Ok(Effect::Close),
                Wrote::Exists(r) => return Ok(Effect::Open(Modal::ConfirmReplace(Box::new(r)))),
                Wrote::Failed(why) => d.error = Some(why),
            },
            ref a => {
                edit_path(self, &mut d.path, a);
                d.error = None;
            }
        }
        Ok(Effect::Keep)
    }

    /// The current filtered, sorted view as a people CSV, and its row count.
    pub(super) fn people_view_bytes(&self) -> (Vec<u8>, usize) {
        let people: Vec<&crate::model::Person> = self
            .people
            .rows
            .iter()
            .filter_map(|id| self.data.roster.person(*id))
            .collect();
        let mut bytes = Vec::new();
        // Writing into memory cannot fail.
        let n = crate::io::export::write_people(&mut bytes, &people, &self.data.roster.orgs)
            .unwrap_or_default();
        (bytes, n)
    }
}
