//! Asking before a file the user already has is replaced (minutes with `m`, people with Ctrl-E).

use std::path::{Path, PathBuf};

use super::{Action, App, Effect, Tone};
use crate::i18n;
use crate::io::files::{self, FileError, Replace};
use crate::store::StoreError;

/// What goes into the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Writing {
    /// The minutes of the current networking day.
    Minutes,
    /// The people list as the People screen shows it.
    People,
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
    ) -> Result<Wrote, StoreError> {
        self.write_file(path, what, Replace::No)
    }

    fn write_file(
        &mut self,
        path: &Path,
        what: Writing,
        replace: Replace,
    ) -> Result<Wrote, StoreError> {
        let (bytes, rows) = match what {
            Writing::Minutes => self.minutes_bytes()?,
            Writing::People => self.people_view_bytes(),
        };
        let shown = path.display().to_string();
        Ok(
            match files::write(path, &bytes, replace, Some(self.data.path())) {
                Ok(()) => {
                    let text = match what {
                        Writing::Minutes => i18n::minutes_written(&shown),
                        Writing::People => i18n::wrote_file(&shown, rows),
                    };
                    self.say(Tone::Good, text);
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
            Some(true) => {
                if let Wrote::Failed(why) = self.write_file(&r.path, r.what, Replace::Yes)? {
                    self.say(Tone::Error, why);
                }
                Ok(Effect::Close)
            }
            Some(false) => {
                self.say(
                    Tone::Info,
                    i18n::not_replaced(&r.path.display().to_string()),
                );
                Ok(Effect::Close)
            }
            None => Ok(Effect::Keep),
        }
    }
}
