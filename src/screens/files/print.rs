//! Printing from the app (Ctrl-P on the People screen): choose the sheet, then where the PDF
//! goes; the same documents as `netday print`.

use crate::i18n;
use crate::model::PrintKind as Kind;
use crate::screens::unit::{Cx, Effect};
use crate::screens::{Action, ExportDialog, Modal, Tone, Writing};

/// What Ctrl-P offers, in menu order.
pub const KINDS: [Kind; 3] = [Kind::Signin, Kind::Badges, Kind::Attendance];

/// The print menu, when a day is open.
pub fn open_print_menu(cx: &mut Cx) -> Effect {
    match cx.need_event() {
        Some(_) => Effect::open(Modal::PrintMenu { row: 0 }),
        None => Effect::keep(),
    }
}

/// A key for the print menu (`row` is its highlighted line).
pub fn on_print_menu(cx: &mut Cx, row: &mut usize, action: Action) -> Effect {
    match action {
        Action::Up => *row = row.saturating_sub(1),
        Action::Down => *row = (*row + 1).min(KINDS.len() - 1),
        Action::Cancel => return Effect::close(),
        Action::Submit => {
            let kind = KINDS[(*row).min(KINDS.len() - 1)];
            let path = cx.event.and_then(|e| {
                let date = e.date.format("%Y-%m-%d").to_string();
                crate::screens::replace::export_path(cx, &i18n::print_file_name(kind, &date))
            });
            let Some(path) = path else {
                cx.say(Tone::Error, i18n::NO_HOME.get());
                return Effect::close();
            };
            let shown = path.display().to_string();
            return Effect::open(ExportDialog::modal(&shown, Writing::Print(kind)));
        }
        _ => {}
    }
    Effect::keep()
}

/// The PDF, how many people it lists and whose text printed as "?" (the font lacks
/// some of it); the text says why when it cannot be made.
pub(crate) fn print_bytes(
    cx: &Cx,
    kind: Kind,
    progress: &mut dyn crate::progress::Progress,
) -> Result<(Vec<u8>, usize, Vec<String>), String> {
    let Some(e) = cx.event else {
        return Err(i18n::NO_EVENT_SELECTED.get().into());
    };
    cx.data
        .print(e, kind, progress)
        .map(|p| (p.bytes, p.people, p.unprintable))
        .map_err(|err| i18n::pick(err.ko(), err.en()))
}
