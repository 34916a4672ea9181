//! Printing from the app (Ctrl-P on the People screen): choose the sheet, then its options
//! (those of `netday print` that apply to it), then where the PDF goes; the same documents as
//! `netday print`. The options chosen are kept for the session, per sheet.

use crate::i18n;
use crate::io::print::{self as paper, MAX_BLANK, Options, Setting};
use crate::model::PrintKind as Kind;
use crate::screens::unit::{Cx, Effect};
use crate::screens::{Action, ExportDialog, Modal, Tone, Writing};

/// What Ctrl-P offers, in menu order.
pub const KINDS: [Kind; 3] = [Kind::Signin, Kind::Badges, Kind::Attendance];

/// Empty rows on the sign-in sheet change by this many per key.
pub const BLANK_STEP: usize = 5;

/// The print menu: the highlighted sheet, and once one is chosen, its options.
#[derive(Debug, PartialEq)]
pub struct PrintMenu {
    pub row: usize,
    pub options: Option<PrintOptions>,
}

/// The options step for the chosen sheet.
#[derive(Debug, PartialEq)]
pub struct PrintOptions {
    pub kind: Kind,
    /// The highlighted line of `paper::settings(kind)`.
    pub row: usize,
    pub chosen: Options,
}

impl PrintOptions {
    pub fn settings(&self) -> &'static [Setting] {
        paper::settings(self.kind)
    }

    /// Changes the highlighted option one step (`forward`: →/Space, else ←).
    fn change(&mut self, forward: bool) {
        let Some(setting) = self.settings().get(self.row) else {
            return;
        };
        let o = &mut self.chosen;
        match setting {
            Setting::Sort => {
                let now = o.sort.unwrap_or(paper::default_sort(self.kind));
                o.sort = Some(now.step(forward));
            }
            Setting::Contact => o.contact = !o.contact,
            // To the next multiple of the step, either way.
            Setting::Blank => {
                o.blank = if forward {
                    (o.blank / BLANK_STEP + 1) * BLANK_STEP
                } else {
                    o.blank.saturating_sub(1) / BLANK_STEP * BLANK_STEP
                }
                .min(MAX_BLANK);
            }
        }
    }
}

/// The print menu, when a day is open, on the sheet printed last.
pub fn open_print_menu(cx: &mut Cx) -> Effect {
    match cx.need_event() {
        Some(_) => {
            let row = cx
                .data
                .last_printed()
                .and_then(|k| KINDS.iter().position(|x| *x == k))
                .unwrap_or(0);
            Effect::open(Modal::PrintMenu(PrintMenu { row, options: None }))
        }
        None => Effect::keep(),
    }
}

/// A key for the print menu.
pub fn on_print_menu(cx: &mut Cx, menu: &mut PrintMenu, action: Action) -> Effect {
    if let Some(step) = &mut menu.options {
        return match on_options(cx, step, action) {
            Some(effect) => effect,
            // Esc: back to the list of sheets.
            None => {
                menu.options = None;
                Effect::keep()
            }
        };
    }
    match action {
        Action::Up => menu.row = menu.row.saturating_sub(1),
        Action::Down => menu.row = (menu.row + 1).min(KINDS.len() - 1),
        Action::Cancel => return Effect::close(),
        Action::Submit => {
            let kind = KINDS[menu.row.min(KINDS.len() - 1)];
            menu.options = Some(PrintOptions {
                kind,
                row: 0,
                chosen: cx.data.print_options(kind),
            });
        }
        _ => {}
    }
    Effect::keep()
}

/// A key for the options step; `None` goes back to the list of sheets.
fn on_options(cx: &mut Cx, step: &mut PrintOptions, action: Action) -> Option<Effect> {
    let last = step.settings().len().saturating_sub(1);
    match action {
        Action::Up => step.row = step.row.saturating_sub(1),
        Action::Down => step.row = (step.row + 1).min(last),
        Action::Left => step.change(false),
        Action::Right => step.change(true),
        Action::Cancel => return None,
        Action::Submit => {
            let (kind, chosen) = (step.kind, step.chosen);
            cx.data.remember_print(kind, chosen);
            let path = cx.event.and_then(|e| {
                let date = e.date.format("%Y-%m-%d").to_string();
                crate::screens::replace::export_path(cx, &i18n::print_file_name(kind, &date))
            });
            let Some(path) = path else {
                cx.say(Tone::Error, i18n::NO_HOME.get());
                return Some(Effect::close());
            };
            let shown = path.display().to_string();
            return Some(Effect::open(ExportDialog::modal(
                &shown,
                Writing::Print(kind, chosen),
            )));
        }
        _ => {}
    }
    Some(Effect::keep())
}

/// The PDF, how many people it lists and whose text printed as "?" (the font lacks
/// some of it); the text says why when it cannot be made.
pub(crate) fn print_bytes(
    cx: &Cx,
    kind: Kind,
    chosen: &Options,
    progress: &mut dyn crate::progress::Progress,
) -> Result<(Vec<u8>, usize, Vec<String>), String> {
    let Some(e) = cx.event else {
        return Err(i18n::NO_EVENT_SELECTED.get().into());
    };
    cx.data
        .print_with(e, kind, chosen, progress)
        .map(|p| (p.bytes, p.people, p.unprintable))
        .map_err(|err| i18n::pick(err.ko(), err.en()))
}
