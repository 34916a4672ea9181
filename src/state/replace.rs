//! Asking before a file the user already has is replaced (minutes with `m`, people with Ctrl-E).

use std::path::{Path, PathBuf};

use super::{Action, App, Overlay, Tone};
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

impl App {
    /// Writes a new file, or asks first when one is already there. `Err(text)` says why
    /// nothing was written.
    pub(super) fn write_for_user(
        &mut self,
        path: &Path,
        what: Writing,
    ) -> Result<Result<(), String>, StoreError> {
        self.write_file(path, what, Replace::No)
    }

    fn write_file(
        &mut self,
        path: &Path,
        what: Writing,
        replace: Replace,
    ) -> Result<Result<(), String>, StoreError> {
        let (bytes, rows) = match what {
            Writing::Minutes => self.minutes_bytes()?,
            Writing::People => self.people_view_bytes(),
        };
        let shown = path.display().to_string();
        Ok(
            match files::write(path, &bytes, replace, Some(self.store.path())) {
                Ok(()) => {
                    let text = match what {
                        Writing::Minutes => i18n::minutes_written(&shown),
                        Writing::People => i18n::wrote_file(&shown, rows),
                    };
                    self.say(Tone::Good, text);
                    Ok(())
                }
                Err(FileError::Exists(_)) if replace == Replace::No => {
                    self.overlay = Overlay::ConfirmReplace(Box::new(ReplaceFile {
                        path: path.to_path_buf(),
                        what,
                    }));
                    Ok(())
                }
                Err(e) => Err(i18n::pick(e.ko(), e.en())),
            },
        )
    }

    pub(super) fn on_confirm_replace(
        &mut self,
        r: ReplaceFile,
        action: Action,
    ) -> Result<(), StoreError> {
        match action {
            _ if super::confirm_answer(&action) == Some(true) => {
                self.overlay = Overlay::None;
                if let Err(why) = self.write_file(&r.path, r.what, Replace::Yes)? {
                    self.say(Tone::Error, why);
                }
            }
            _ if super::confirm_answer(&action) == Some(false) => {
                self.overlay = Overlay::None;
                self.say(
                    Tone::Info,
                    i18n::not_replaced(&r.path.display().to_string()),
                );
            }
            _ => {}
        }
        Ok(())
    }
}
