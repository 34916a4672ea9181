//! Printing from the app (Ctrl-P on the People screen): choose the sheet, then where the PDF
//! goes; the same documents as `netday print`.

use super::{Action, App, Effect, ExportDialog, Modal, Tone, Writing};
use crate::i18n;
use crate::model::PrintKind as Kind;
use crate::store::StoreError;

/// What Ctrl-P offers, in menu order.
pub const KINDS: [Kind; 3] = [Kind::Signin, Kind::Badges, Kind::Attendance];

impl App {
    pub(super) fn open_print_menu(&mut self) {
        if self.event.is_none() {
            self.say(Tone::Warn, i18n::NO_EVENT_SELECTED.get());
            return;
        }
        self.open(Modal::PrintMenu { row: 0 });
    }

    pub(super) fn on_print_menu(
        &mut self,
        row: &mut usize,
        action: Action,
    ) -> Result<Effect, StoreError> {
        match action {
            Action::Up => *row = row.saturating_sub(1),
            Action::Down => *row = (*row + 1).min(KINDS.len() - 1),
            Action::Cancel => return Ok(Effect::Close),
            Action::Submit => {
                let kind = KINDS[(*row).min(KINDS.len() - 1)];
                let path = self.event.as_ref().and_then(|e| {
                    let date = e.date.format("%Y-%m-%d").to_string();
                    self.export_path(&i18n::print_file_name(kind, &date))
                });
                let Some(path) = path else {
                    self.say(Tone::Error, i18n::NO_HOME.get());
                    return Ok(Effect::Close);
                };
                let shown = path.display().to_string();
                return Ok(Effect::Open(ExportDialog::modal(
                    &shown,
                    Writing::Print(kind),
                )));
            }
            _ => {}
        }
        Ok(Effect::Keep)
    }

    /// The PDF, how many people it lists and whose text printed as "?" (the font lacks
    /// some of it); the text says why when it cannot be made.
    pub(super) fn print_bytes(
        &self,
        kind: Kind,
        progress: &mut dyn crate::progress::Progress,
    ) -> Result<(Vec<u8>, usize, Vec<String>), String> {
        let Some(e) = &self.event else {
            return Err(i18n::NO_EVENT_SELECTED.get().into());
        };
        self.data
            .print(e, kind, progress)
            .map(|p| (p.bytes, p.people, p.unprintable))
            .map_err(|err| i18n::pick(err.ko(), err.en()))
    }
}
