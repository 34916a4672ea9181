//! The backup dialog (동기화 · F6): the whole database to one file, locked with a passphrase
//! typed twice and shown as •, or — chosen in so many words with F2 — without one. It is the
//! export dialog with two more fields: the same path field, the same job, the same question
//! before a file that is there is replaced; the file is written owner-only by `files`.

use std::path::Path;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthChar;

use super::import_export::ExportDialog;
use super::replace::{ReplaceFile, Writing, Wrote};
use crate::files::{self, FileError, Replace};
use crate::i18n;
use crate::io::encrypted::{self, CryptError, Lock};
use crate::keymap::Action;
use crate::model::TextField as FieldKind;
use crate::progress::Progress;
use crate::screens::Modal;
use crate::screens::Tone;
use crate::screens::unit::{Cx, Effect, Job};
use crate::store::StoreError;
use crate::widgets::paint::{Shown, caret, form_field, popup, truncate};
use crate::widgets::{THEME, TextField};

/// A passphrase held in memory until the backup is written; never shown by `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

/// How the backup the dialog writes is locked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackupLock {
    /// The user chose "암호 없이".
    Plain,
    Passphrase(Secret),
}

/// Which field of the backup dialog is typed into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Path,
    First,
    Again,
}

/// The backup dialog's passphrase fields.
#[derive(Clone, PartialEq, Eq)]
pub struct PassFields {
    pub first: TextField,
    pub again: TextField,
    pub focus: Focus,
    /// "암호 없이", chosen with F2.
    pub plain: bool,
}

impl std::fmt::Debug for PassFields {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PassFields")
            .field("focus", &self.focus)
            .field("plain", &self.plain)
            .finish_non_exhaustive()
    }
}

impl PassFields {
    fn new() -> PassFields {
        PassFields {
            first: TextField::new(FieldKind::Short),
            again: TextField::new(FieldKind::Short),
            focus: Focus::First,
            plain: false,
        }
    }
}

/// Opens the backup dialog with a dated file name in the folder files are written to.
pub fn open_backup(cx: &Cx) -> Effect {
    let date = cx.now.local_date().format("%Y%m%d");
    let name = format!("netday-backup-{date}.ndbak");
    let path = crate::screens::replace::export_path(cx, &name)
        .map_or(format!("~/{name}"), |p| p.display().to_string());
    Effect::open(Modal::Export(Box::new(ExportDialog {
        path: TextField::with(FieldKind::Path, &path),
        error: None,
        what: Writing::Backup(BackupLock::Plain),
        pass: Some(PassFields::new()),
    })))
}

impl ExportDialog {
    /// A key in the backup dialog.
    pub(super) fn update_backup(&mut self, cx: &mut Cx, action: Action) -> Effect {
        let Some(p) = self.pass.as_mut() else {
            return Effect::keep();
        };
        match action {
            Action::Cancel => return Effect::close(),
            Action::NextField => {
                p.focus = match (p.focus, p.plain) {
                    (_, true) => Focus::Path,
                    (Focus::Path, false) => Focus::First,
                    (Focus::First, false) => Focus::Again,
                    (Focus::Again, false) => Focus::Path,
                };
            }
            Action::NoPassphrase => {
                p.plain = !p.plain;
                p.focus = if p.plain { Focus::Path } else { Focus::First };
                self.error = None;
            }
            Action::Submit if self.path.trim().is_empty() => {
                self.error = Some(i18n::BACKUP_NEED_PATH.get().into());
            }
            Action::Submit if p.plain => {
                self.what = Writing::Backup(BackupLock::Plain);
                return Effect::keep().job(Job::Write);
            }
            Action::Submit if p.first.is_empty() => {
                self.error = Some(i18n::BACKUP_EMPTY_PASSPHRASE.get().into());
                p.focus = Focus::First;
            }
            Action::Submit if p.first.value() != p.again.value() => {
                self.error = Some(i18n::PASSPHRASE_MISMATCH.get().into());
                p.first.clear();
                p.again.clear();
                p.focus = Focus::First;
            }
            Action::Submit => {
                self.what = Writing::Backup(BackupLock::Passphrase(Secret(p.first.to_string())));
                return Effect::keep().job(Job::Write);
            }
            ref a => {
                let field = match p.focus {
                    Focus::Path => &mut self.path,
                    Focus::First => &mut p.first,
                    Focus::Again => &mut p.again,
                };
                cx.edited(crate::screens::edit_text(field, a));
                self.error = None;
            }
        }
        Effect::keep()
    }
}

/// Writes the backup the dialog asked for; `Wrote::Exists` when a file is there already.
pub(crate) fn write_backup(
    cx: &mut Cx,
    path: &Path,
    lock: &BackupLock,
    replace: Replace,
    progress: &mut dyn Progress,
) -> Result<Wrote, StoreError> {
    let snap = cx
        .data
        .store()
        .snapshot_with(progress, crate::progress::Stage::Backup)?;
    let bytes = snap.to_bytes()?;
    let db = Some(cx.data.path());
    let written = match lock {
        BackupLock::Plain => files::write(path, &bytes, replace, db).map_err(CryptError::File),
        BackupLock::Passphrase(Secret(p)) => Lock::passphrase(p.clone())
            .and_then(|lock| encrypted::write(path, &bytes, &lock, replace, db)),
    };
    let shown = path.display().to_string();
    Ok(match written {
        Ok(()) => {
            let text = match lock {
                BackupLock::Plain => i18n::plain_backup_written(&shown, &snap.counts()),
                BackupLock::Passphrase(_) => {
                    i18n::encrypted_backup_written(&shown, &snap.counts(), false)
                }
            };
            cx.say(Tone::Good, text);
            Wrote::Done
        }
        Err(CryptError::File(FileError::Exists(_))) if replace == Replace::No => {
            Wrote::Exists(ReplaceFile {
                path: path.to_path_buf(),
                what: Writing::Backup(lock.clone()),
            })
        }
        Err(e) => Wrote::Failed(i18n::pick(e.ko(), e.en())),
    })
}

/// A passphrase field as dots, the caret after as many dots as characters stand before it.
fn masked(field: &TextField) -> Shown {
    let mut col = 0;
    let mut before = 0;
    for c in field.value().chars() {
        if col >= field.caret_column() {
            break;
        }
        col += c.width().unwrap_or(0);
        before += 1;
    }
    Shown {
        text: "•".repeat(field.value().chars().count()),
        caret: before,
    }
}

/// The backup dialog: the path, the passphrase twice (or "암호 없이"), what went wrong, the keys.
pub fn draw(d: &ExportDialog, p: &PassFields, f: &mut Frame, area: Rect) {
    let inner = popup(f, area, 90, 9, i18n::BACKUP_TITLE.get());
    let w = inner.width as usize;
    let value_w = w.saturating_sub(15);
    let mut lines = Vec::new();
    let mut at = form_field(
        &mut lines,
        i18n::BACKUP_PATH.get(),
        &d.path,
        14,
        value_w,
        p.focus == Focus::Path,
    );
    if p.plain {
        lines.push(Line::styled(
            truncate(
                &format!(
                    "{} · {}",
                    i18n::BACKUP_NO_PASSPHRASE.get(),
                    i18n::BACKUP_PLAIN_WARNING.get()
                ),
                w,
            ),
            THEME.warn,
        ));
        lines.push(Line::default());
    } else {
        for (label, field, focus) in [
            (i18n::BACKUP_PASSPHRASE, &p.first, Focus::First),
            (i18n::BACKUP_AGAIN, &p.again, Focus::Again),
        ] {
            let here = form_field(
                &mut lines,
                label.get(),
                &masked(field),
                14,
                value_w,
                p.focus == focus,
            );
            at = at.or(here);
        }
    }
    lines.push(Line::default());
    match &d.error {
        Some(e) => lines.push(Line::styled(truncate(e, w), THEME.error)),
        None => lines.push(Line::default()),
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        truncate(i18n::BACKUP_HINT.get(), w),
        THEME.muted,
    ));
    f.render_widget(Paragraph::new(lines), inner);
    if let Some((x, y)) = at {
        caret(f, inner.x + x as u16, inner.y + y as u16, inner);
    }
}
