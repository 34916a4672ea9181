//! Asking before a file the user already has is replaced (minutes with `m`, people with Ctrl-E).

use std::path::{Path, PathBuf};

use super::{Action, App, Effect, Tone};
use crate::files::{self, FileError, Replace};
use crate::i18n;
use crate::progress::Progress;
use crate::store::StoreError;

/// What goes into the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Writing {
    /// The minutes of the current networking day, Markdown or chat text (a path ending in
    /// .md or .txt decides; otherwise the one asked for).
    Minutes(crate::model::MinutesFormat),
    /// The people list as the People screen shows it.
    People,
    /// A PDF for the current networking day.
    Print(crate::model::PrintKind),
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

impl App {
    /// Writes a new file, or answers [`Wrote::Exists`] when one is already there.
    pub(super) fn write_for_user(
        &mut self,
        path: &Path,
        what: Writing,
        progress: &mut dyn Progress,
    ) -> Result<Wrote, StoreError> {
        self.write_file(path, what, Replace::No, progress)
    }

    fn write_file(
        &mut self,
        path: &Path,
        what: Writing,
        replace: Replace,
        progress: &mut dyn Progress,
    ) -> Result<Wrote, StoreError> {
        let mut unprintable = Vec::new();
        let (bytes, rows) = match what {
            Writing::Minutes(format) => self.minutes_bytes(minutes_format(path, format))?,
            Writing::People => match self.people_view_bytes(path) {
                Ok(b) => b,
                Err(why) => return Ok(Wrote::Failed(why)),
            },
            Writing::Print(kind) => match self.print_bytes(kind, progress) {
                Ok((bytes, rows, who)) => {
                    unprintable = who;
                    (bytes, rows)
                }
                Err(why) => return Ok(Wrote::Failed(why)),
            },
        };
        let shown = path.display().to_string();
        Ok(
            match files::write(path, &bytes, replace, Some(self.data.path())) {
                Ok(()) => {
                    let text = match what {
                        Writing::Minutes(_) => i18n::minutes_written(&shown),
                        Writing::People => i18n::wrote_file(&shown, rows),
                        Writing::Print(_) => i18n::printed_in_app(&shown, rows),
                    };
                    if unprintable.is_empty() {
                        self.say(Tone::Good, text);
                    } else {
                        let warning = i18n::print_unprintable(&unprintable);
                        self.say(Tone::Warn, format!("{text} · {warning}"));
                    }
                    Wrote::Done
                }
                Err(FileError::Exists(_)) if replace == Replace::No => Wrote::Exists(ReplaceFile {
                    path: path.to_path_buf(),
                    what,
                }),
                Err(e) => Wrote::Failed(i18n::pick(e.ko(), e.en())),
            },
        )
    }

    pub(super) fn on_confirm_replace(
        &mut self,
        r: &ReplaceFile,
        action: Action,
    ) -> Result<Effect, StoreError> {
        match super::confirm_answer(&action) {
            // Written as a job, with a gauge in the app.
            Some(true) => self.job = Some(super::Job::Replace),
            Some(false) => {
                self.say(
                    Tone::Info,
                    i18n::not_replaced(&r.path.display().to_string()),
                );
                return Ok(Effect::Close);
            }
            None => {}
        }
        Ok(Effect::Keep)
    }

    /// Replaces the file, as the user said yes.
    pub(super) fn replace_now(
        &mut self,
        r: &ReplaceFile,
        progress: &mut dyn Progress,
    ) -> Result<Effect, StoreError> {
        if let Wrote::Failed(why) = self.write_file(&r.path, r.what, Replace::Yes, progress)? {
            self.say(Tone::Error, why);
        }
        Ok(Effect::Close)
    }
}

/// The minutes' shape for `path`: its extension when it says, else `asked`.
fn minutes_format(path: &Path, asked: crate::model::MinutesFormat) -> crate::model::MinutesFormat {
    use crate::model::MinutesFormat as Format;
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase)
    {
        Some(e) if e == "txt" => Format::Text,
        Some(e) if e == "md" => Format::Markdown,
        _ => asked,
    }
}
