//! Every screen and dialog as a unit: its state, its key handling (`unit::Unit::update`,
//! answering with an `unit::Effect`) and its forms. A screen reads and writes only through the
//! `unit::Cx` it is given (the core, the day, the clock); it never touches another screen.
//! `crate::state::App` routes keys to them and applies what they answer.

pub mod agenda;
pub mod checkin;
pub mod events;
pub mod files;
mod form;
pub mod history;
pub mod ideas;
pub mod notes;
pub mod people;
pub mod privacy;
pub mod sync;
pub mod unit;

use crate::i18n::{self, L};

pub use crate::data::Roster;
pub use crate::keymap::{Action, Context};
pub use files::{ExportDialog, ImportDialog, ReplaceFile, Writing, Wrote};
pub use files::{import_export, print, replace};
pub(crate) use form::{
    Edited, Step, cycle, edit_text, form_keys, list_key, suggest_orgs, suggest_people,
    text_form_keys,
};
pub use notes::ActionForm;
pub use people::PersonForm;

/// Declares the screens, once each, in tab order: the `Screen` names, their titles and the
/// `Screens` every app holds. A new screen is one line here.
macro_rules! screens {
    ($($name:ident => $field:ident: $state:ty, $title:expr;)*) => {
        /// The screens reachable from anywhere, in tab order.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Screen {
            $($name,)*
        }

        impl Screen {
            pub const ALL: [Screen; [$(Screen::$name),*].len()] = [$(Screen::$name),*];

            pub(crate) fn index(self) -> usize {
                self as usize
            }

            pub fn title(self) -> L {
                match self {
                    $(Screen::$name => $title,)*
                }
            }
        }

        /// Every screen's state, held by the app.
        #[derive(Default)]
        pub struct Screens {
            $(pub $field: $state,)*
        }

        impl Screens {
            /// Each screen, by `Screen::index`.
            pub fn units_mut(&mut self) -> [&mut dyn unit::Unit; Screen::ALL.len()] {
                [$(&mut self.$field),*]
            }

            pub fn unit(&self, s: Screen) -> &dyn unit::Unit {
                match s {
                    $(Screen::$name => &self.$field,)*
                }
            }
        }
    };
}

screens! {
    Checkin => checkin: checkin::CheckinState, i18n::SCREEN_CHECKIN;
    People => people: people::PeopleState, i18n::SCREEN_PEOPLE;
    Agenda => agenda: agenda::AgendaState, i18n::SCREEN_AGENDA;
    Notes => notes: notes::NotesState, i18n::SCREEN_NOTES;
    Ideas => ideas: ideas::IdeasState, i18n::SCREEN_IDEAS;
    History => history: history::HistoryState, i18n::SCREEN_HISTORY;
    Privacy => privacy: privacy::PrivacyState, i18n::PRIVACY_TITLE;
    // Last: Shift-Tab from the desk reaches it in one key.
    Sync => sync: sync::SyncState, i18n::SCREEN_SYNC;
}

/// A line in the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub tone: Tone,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Info,
    Good,
    Warn,
    Error,
}

/// What sits on top of the screen and takes the keys first: help, the day's dialogs, import,
/// export and print (which run long work), and the one confirm. A screen's own forms and lists
/// live in the screen. The app holds at most one (`App::modal`).
#[derive(Debug, PartialEq)]
pub enum Modal {
    Help,
    OfferDemo,
    EventPicker(Box<events::EventPicker>),
    EventForm(Box<events::EventForm>),
    Import(Box<ImportDialog>),
    Export(Box<ExportDialog>),
    /// What to print, then with which options.
    PrintMenu(print::PrintMenu),
    /// Every question asked before a change: one handler, one drawing.
    Confirm(Box<Ask>),
}

pub use unit::Ask;
