//! What the app knows and how an action changes it. `update` may call the store (every confirmed
//! change is durable before it returns); nothing here draws or reads the terminal.

mod action;
pub mod action_form;
pub mod agenda;
pub mod checkin;
pub mod events;
mod form;
pub mod ideas;
pub mod missing;
pub mod notes;
pub mod people;
mod people_confirm;
pub mod people_form;
pub mod people_io;
pub mod print;
pub mod replace;

use chrono::NaiveDate;

use crate::data::Data;
use crate::i18n::{self, L};
use crate::model::{Event, Id, TextField as FieldKind, Ts, cut_to};
use crate::store::{Store, StoreError};

pub use crate::data::{Count, History, Roster};
pub use action::{Action, Context};
pub use action_form::ActionForm;
pub use agenda::{AgendaForm, AgendaState};
pub use checkin::CheckinState;
pub(crate) use form::{
    Edited, Step, confirm_answer, cycle, edit_text, form_keys, list_key, text_form_keys,
};
pub use ideas::IdeasState;
pub use notes::NotesState;
pub use people::PeopleState;
pub use people_confirm::PeopleConfirm;
pub use people_form::{OrgForm, PersonForm};
pub use people_io::{ExportDialog, ImportDialog};
pub use replace::{ReplaceFile, Writing, Wrote};

/// The screens reachable from anywhere, in tab order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Screen {
    Checkin,
    People,
    Agenda,
    Notes,
    Ideas,
}

impl Screen {
    pub const ALL: [Screen; 5] = [
        Screen::Checkin,
        Screen::People,
        Screen::Agenda,
        Screen::Notes,
        Screen::Ideas,
    ];
    pub fn title(self) -> L {
        match self {
            Screen::Checkin => i18n::SCREEN_CHECKIN,
            Screen::People => i18n::SCREEN_PEOPLE,
            Screen::Agenda => i18n::SCREEN_AGENDA,
            Screen::Notes => i18n::SCREEN_NOTES,
            Screen::Ideas => i18n::SCREEN_IDEAS,
        }
    }
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

/// What sits on top of the screen and takes the keys first. The app holds at most one
/// (`App::modal`); a key goes to it, and its handler answers with an [`Effect`].
#[derive(Debug, PartialEq)]
pub enum Modal {
    Help,
    EventPicker(Box<events::EventPicker>),
    EventForm(Box<events::EventForm>),
    ConfirmDeleteEvent {
        id: Id,
    },
    Missing(Box<missing::MissingList>),
    ConfirmUndo {
        person: Id,
    },
    OfferDemo,
    PersonForm(Box<PersonForm>),
    OrgForm(Box<OrgForm>),
    PeopleFilter {
        row: usize,
    },
    PeopleConfirm(PeopleConfirm),
    Import(Box<ImportDialog>),
    Export(Box<ExportDialog>),
    /// What to print (the highlighted row of `print::Kind::ALL`).
    PrintMenu {
        row: usize,
    },
    AgendaForm(Box<AgendaForm>),
    ConfirmDeleteAgenda {
        id: Id,
    },
    ConfirmDeleteNote {
        id: Id,
    },
    ActionForm(Box<ActionForm>),
    ConfirmReplace(Box<ReplaceFile>),
    IdeaForm(Box<ideas::IdeaForm>),
    IdeaFilter(Box<ideas::FilterForm>),
    IdeaDetail(Box<ideas::IdeaDetail>),
}

/// The smallest terminal netday draws in; below it the screen says so and keys do nothing.
pub const MIN_W: u16 = 64;
pub const MIN_H: u16 = 14;

/// What a modal's handler asks for after a key. A handler that fails (a store error) keeps
/// its modal open, with whatever it changed in it, so nothing typed is lost.
#[derive(Debug)]
pub enum Effect {
    /// The modal stays open.
    Keep,
    /// The modal closes.
    Close,
    /// Another modal takes its place.
    Open(Modal),
}

pub struct App {
    /// The store and the roster, written together.
    pub data: Data,
    pub screen: Screen,
    /// All events, by date.
    pub events: Vec<Event>,
    pub event: Option<Event>,
    pub checkin: CheckinState,
    pub people: PeopleState,
    pub agenda: AgendaState,
    pub notes: NotesState,
    /// Where the TUI writes minutes (default: the home directory).
    pub export_dir: Option<std::path::PathBuf>,
    pub ideas: IdeasState,
    pub modal: Option<Modal>,
    pub message: Option<Message>,
    pub quit: bool,
    /// Name of this check-in desk (recorded with each check-in).
    pub desk: String,
    /// Written as the author of notes (NETDAY_AUTHOR, default 사무국).
    pub author: String,
    /// The language the app speaks; every update and every frame runs in it.
    pub lang: i18n::Lang,
    /// The terminal's size, as the event loop last saw it.
    pub size: (u16, u16),
    /// Long work a key asked for (an import), left for the event loop to run with a gauge
    /// (`run_job`) when `defer_jobs` is set; otherwise run at once, showing nothing.
    pub job: Option<Job>,
    pub defer_jobs: bool,
    clock: fn() -> Ts,
}

/// Long work that reports its progress; it acts on the open modal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Job {
    /// Read the file the open import dialog names and work out what importing it would do
    /// (a million rows take seconds).
    Preview,
    /// Import the file the open import dialog previews.
    Import,
    /// Write the file the open export dialog names (a PDF of thousands of badges takes a while).
    Write,
    /// Replace the file the open confirm names, as the user said yes.
    Replace,
}

/// The event to open: today's, else the next upcoming, else the latest.
pub fn default_event(events: &[Event], today: NaiveDate) -> Option<&Event> {
    events
        .iter()
        .find(|e| e.date == today)
        .or_else(|| {
            events
                .iter()
                .filter(|e| e.date > today)
                .min_by_key(|e| e.date)
        })
        .or_else(|| events.iter().max_by_key(|e| e.date))
}

impl App {
    pub fn new(store: Store) -> Result<App, StoreError> {
        Self::with_clock(store, Ts::now)
    }

    /// An app whose notion of "now" comes from `clock` (tests inject a fixed time).
    pub fn with_clock(store: Store, clock: fn() -> Ts) -> Result<App, StoreError> {
        let mut app = Self::start(store, clock)?;
        let everyone = Roster::load(app.data.store(), app.event.as_ref(), &app.events)?;
        app.finish_start(everyone)?;
        Ok(app)
    }

    /// An app that can draw the check-in desk's first frame: its roster holds only the day's
    /// attendance and the people in it (`Roster::load_desk`). `finish_start` gives it everyone.
    pub fn start(store: Store, clock: fn() -> Ts) -> Result<App, StoreError> {
        let mut data = Data::new(store);
        let modal = data.is_empty().then_some(Modal::OfferDemo);
        let events = data.events()?;
        let today = clock().local_date();
        let event = default_event(&events, today).cloned();
        data.roster = Roster::load_desk(data.store(), event.as_ref(), &events)?;
        let mut app = App {
            data,
            screen: Screen::Checkin,
            events,
            event,
            checkin: CheckinState::default(),
            people: PeopleState::default(),
            agenda: AgendaState::default(),
            notes: NotesState::default(),
            export_dir: None,
            ideas: IdeasState::default(),
            modal,
            message: None,
            quit: false,
            desk: std::env::var("NETDAY_DESK").unwrap_or_else(|_| "desk".into()),
            author: std::env::var("NETDAY_AUTHOR")
                .map(|a| crate::model::clean_line(&a))
                .ok()
                .filter(|a| !a.is_empty())
                .unwrap_or_else(|| i18n::DEFAULT_AUTHOR.get().to_string()),
            lang: i18n::lang(),
            size: (u16::MAX, u16::MAX),
            job: None,
            defer_jobs: false,
            clock,
        };
        app.checkin.refresh(&app.data.roster);
        Ok(app)
    }

    /// Gives a started app everyone (`Roster::load` for its event), and everything else each
    /// screen shows. Nothing typed is handled before this.
    pub fn finish_start(&mut self, everyone: Roster) -> Result<(), StoreError> {
        self.data.roster = everyone;
        // The desk comes first; the people list is worked out when its screen is entered.
        self.checkin.refresh(&self.data.roster);
        self.ideas = IdeasState::load(&self.data)?;
        self.load_agenda()?;
        self.load_notes()?;
        // What the last session left for the coordinator to know: damaged records, an
        // import that did not finish.
        let mut warnings: Vec<String> = self
            .data
            .damage_warning()
            .map(|(ko, en)| i18n::pick(ko, en))
            .into_iter()
            .collect();
        let key = crate::keymap::key_of(Context::Checkin, &Action::ForgetImports).unwrap_or("F9");
        let forget = (
            format!("체크인 화면에서 {key} 키를 누르세요"),
            format!("press {key} on the check-in desk"),
        );
        warnings.extend(self.data.unfinished_imports((&forget.0, &forget.1))?);
        if !warnings.is_empty() {
            self.say(Tone::Warn, warnings.join(" · "));
        }
        Ok(())
    }

    /// Whether the terminal is too small to show the screen.
    pub fn too_small(&self) -> bool {
        self.size.0 < MIN_W || self.size.1 < MIN_H
    }

    pub fn now(&self) -> Ts {
        (self.clock)()
    }

    pub fn context(&self) -> Context {
        let Some(modal) = &self.modal else {
            return self.screen_context();
        };
        match modal {
            Modal::Help => Context::Help,
            Modal::EventPicker(_) => Context::EventPicker,
            Modal::EventForm(_) => Context::Form,
            Modal::ConfirmDeleteEvent { .. } => Context::Confirm,
            Modal::Missing(_) => Context::Missing,
            Modal::ConfirmUndo { .. } => Context::Confirm,
            Modal::OfferDemo => Context::OfferDemo,
            Modal::PersonForm(_) | Modal::OrgForm(_) => Context::Form,
            Modal::PeopleFilter { .. } => Context::Filter,
            Modal::PeopleConfirm(_) => Context::Confirm,
            Modal::Import(d) if d.preview.is_some() => Context::ImportPreview,
            Modal::Import(_) | Modal::Export(_) => Context::PathInput,
            Modal::PrintMenu { .. } => Context::PrintMenu,
            Modal::AgendaForm(_) => Context::Form,
            Modal::ConfirmDeleteAgenda { .. } | Modal::ConfirmDeleteNote { .. } => Context::Confirm,
            Modal::ActionForm(_) => Context::Form,
            Modal::ConfirmReplace(_) => Context::Confirm,
            Modal::IdeaForm(_) => Context::Form,
            Modal::IdeaFilter(_) => Context::Form,
            Modal::IdeaDetail(_) => Context::IdeaDetail,
        }
    }

    /// The key table of the screen itself (also what the help overlay lists).
    pub fn screen_context(&self) -> Context {
        match self.screen {
            Screen::Checkin => Context::Checkin,
            Screen::People if self.people.orgs_view => Context::Orgs,
            Screen::People => Context::People,
            Screen::Agenda => Context::Agenda,
            Screen::Notes => match &self.notes.editor {
                Some(_) => Context::NoteEditor,
                None => Context::Notes,
            },
            Screen::Ideas => Context::IdeasBoard,
        }
    }

    pub fn say(&mut self, tone: Tone, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            tone,
        });
    }

    /// Says what a text edit needs said (a paste that did not fit); returns whether the text
    /// changed, so the form can clear its error or refresh what depends on the text.
    pub(crate) fn edited(&mut self, e: Option<Edited>) -> bool {
        if let Some(Edited::Cut { room }) = e {
            self.say(Tone::Warn, i18n::paste_cut(room));
        }
        e.is_some_and(Edited::changed)
    }

    pub(crate) fn fail(&mut self, e: StoreError) {
        let text = i18n::pick(e.ko(), e.en());
        self.say(Tone::Error, format!("{}: {text}", i18n::SAVE_FAILED));
    }

    /// Applies one action, in the app's language. Returns whether anything visible may have
    /// changed.
    pub fn update(&mut self, action: Action) -> bool {
        let lang = self.lang;
        i18n::with_lang(lang, || self.apply(action))
    }

    fn apply(&mut self, action: Action) -> bool {
        if action == Action::Quit {
            // Whatever is being written survives the quit.
            if let Err(e) = self.flush_draft() {
                self.fail(e);
            }
            self.quit = true;
            return true;
        }
        if action == Action::Resize {
            return true;
        }
        // Nothing acts unseen: while the screen says it is too small, only quitting works.
        if self.too_small() && action != Action::Tick {
            return false;
        }
        if action == Action::Tick {
            let pending = self
                .notes
                .editor
                .as_ref()
                .is_some_and(|ed| ed.draft_pending);
            if let Err(e) = self.flush_draft() {
                self.fail(e);
            }
            // Redraw only when a draft was written (the editor shows when).
            return pending;
        }
        let action = match action {
            Action::Paste(s) => Action::Paste(self.fit_paste(s)),
            other => other,
        };
        let result = match self.modal.take() {
            None => self.on_screen(action),
            Some(mut modal) => {
                let effect = self.on_modal(&mut modal, action);
                self.settle(modal, effect)
            }
        };
        if let Err(e) = result {
            self.fail(e);
        }
        if !self.defer_jobs {
            self.run_job(&mut crate::progress::Silent);
        }
        true
    }

    /// Applies what a modal's handler answered: the modal stays, closes or gives way; on an
    /// error it stays, with what was typed.
    fn settle(
        &mut self,
        modal: Modal,
        effect: Result<Effect, StoreError>,
    ) -> Result<(), StoreError> {
        debug_assert!(
            self.modal.is_none(),
            "a modal handler opened a modal itself"
        );
        match effect {
            Ok(Effect::Close) => Ok(()),
            Ok(Effect::Open(next)) => {
                self.modal = Some(next);
                Ok(())
            }
            Ok(Effect::Keep) => {
                self.modal = Some(modal);
                Ok(())
            }
            Err(e) => {
                self.modal = Some(modal);
                Err(e)
            }
        }
    }

    /// Runs the long work a key asked for, telling `progress` how far it is.
    pub fn run_job(&mut self, progress: &mut dyn crate::progress::Progress) {
        let Some(job) = self.job.take() else {
            return;
        };
        i18n::with_lang(self.lang, || {
            let result = match (job, self.modal.take()) {
                (Job::Preview, Some(Modal::Import(mut d))) => {
                    self.preview_now(&mut d, progress);
                    self.settle(Modal::Import(d), Ok(Effect::Keep))
                }
                (Job::Import, Some(Modal::Import(mut d))) => {
                    let effect = self.import_now(&mut d, progress);
                    self.settle(Modal::Import(d), effect)
                }
                (Job::Write, Some(Modal::Export(mut d))) => {
                    let effect = self.export_now(&mut d, progress);
                    self.settle(Modal::Export(d), effect)
                }
                (Job::Replace, Some(Modal::ConfirmReplace(r))) => {
                    let effect = self.replace_now(&r, progress);
                    self.settle(Modal::ConfirmReplace(r), effect)
                }
                (_, other) => {
                    self.modal = other;
                    Ok(())
                }
            };
            if let Err(e) = result {
                self.fail(e);
            }
        });
    }

    /// A key for the open modal.
    fn on_modal(&mut self, modal: &mut Modal, action: Action) -> Result<Effect, StoreError> {
        match modal {
            Modal::Help => Ok(Effect::Close),
            Modal::OfferDemo => self.on_offer_demo(action),
            Modal::EventPicker(p) => self.on_event_picker(p, action),
            Modal::EventForm(f) => self.on_event_form(f, action),
            Modal::ConfirmDeleteEvent { id } => self.on_confirm_delete_event(*id, action),
            Modal::Missing(m) => self.on_missing(m, action),
            Modal::ConfirmUndo { person } => self.on_confirm_undo(*person, action),
            Modal::PersonForm(form) => self.on_person_form(form, action),
            Modal::OrgForm(form) => self.on_org_form(form, action),
            Modal::PeopleFilter { row } => self.on_people_filter(row, action),
            Modal::PeopleConfirm(what) => self.on_people_confirm(*what, action),
            Modal::Import(d) => self.on_import(d, action),
            Modal::PrintMenu { row } => self.on_print_menu(row, action),
            Modal::Export(d) => self.on_export(d, action),
            Modal::AgendaForm(form) => self.on_agenda_form(form, action),
            Modal::ConfirmDeleteAgenda { id } => self.on_confirm_delete_agenda(*id, action),
            Modal::ConfirmDeleteNote { id } => self.on_confirm_delete_note(*id, action),
            Modal::ActionForm(form) => self.on_action_form(form, action),
            Modal::ConfirmReplace(r) => self.on_confirm_replace(r, action),
            Modal::IdeaForm(f) => self.on_idea_form(f, action),
            Modal::IdeaFilter(f) => Ok(self.on_idea_filter(f, action)),
            Modal::IdeaDetail(d) => Ok(self.on_idea_detail(d, action)),
        }
    }

    /// Opens `modal` over the screen (from a screen's key handler; a modal's own handler
    /// answers [`Effect::Open`] instead).
    pub(crate) fn open(&mut self, modal: Modal) {
        self.modal = Some(modal);
    }

    /// A paste into the note editor, cut to the room the note has left (text fields cut their
    /// own pastes).
    fn fit_paste(&mut self, s: String) -> String {
        let held = match &self.notes.editor {
            Some(ed) if self.modal.is_none() && self.screen == Screen::Notes => {
                ed.text().chars().count()
            }
            _ => return s,
        };
        let room = FieldKind::NoteText.limit().saturating_sub(held);
        match cut_to(&s, room) {
            Ok(_) => s,
            Err(kept) => {
                let kept = kept.to_string();
                self.say(Tone::Warn, i18n::paste_cut(room));
                kept
            }
        }
    }

    fn on_screen(&mut self, action: Action) -> Result<(), StoreError> {
        match action {
            Action::Help => {
                self.flush_draft()?;
                self.open(Modal::Help);
            }
            other if self.notes.editor.is_some() && self.screen == Screen::Notes => {
                return self.on_notes(other);
            }
            Action::PickEvent => self.open_event_picker()?,
            Action::NextScreen | Action::PrevScreen => {
                let i = Screen::ALL
                    .iter()
                    .position(|s| *s == self.screen)
                    .unwrap_or(0);
                let n = Screen::ALL.len();
                let j = if action == Action::NextScreen {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                };
                self.screen = Screen::ALL[j];
                return self.enter_screen();
            }
            other => match self.screen {
                Screen::Checkin => return self.on_checkin(other),
                Screen::People => return self.on_people(other),
                Screen::Agenda => return self.on_agenda(other),
                Screen::Notes => return self.on_notes(other),
                Screen::Ideas => return self.on_ideas_board(other),
            },
        }
        Ok(())
    }

    fn on_offer_demo(&mut self, action: Action) -> Result<Effect, StoreError> {
        match action {
            Action::NewEvent => Ok(Effect::Open(self.new_event_form())),
            Action::LoadDemo => {
                let today = self.now().local_date();
                crate::demo::load(self.data.store(), today)?;
                self.reload()?;
                self.say(Tone::Good, i18n::DEMO_LOADED.get());
                Ok(Effect::Close)
            }
            Action::Cancel => Ok(Effect::Close),
            _ => Ok(Effect::Keep),
        }
    }

    /// Reads everything again from the store (after a bulk change such as loading the demo).
    pub fn reload(&mut self) -> Result<(), StoreError> {
        let events = self.data.events()?;
        let keep = self.event.as_ref().map(|e| e.id);
        self.event = keep
            .and_then(|id| events.iter().find(|e| e.id == id))
            .or_else(|| default_event(&events, self.now().local_date()))
            .cloned();
        self.events = events;
        self.data.reload(self.event.as_ref(), &self.events)?;
        self.checkin.refresh(&self.data.roster);
        if self.event.as_ref().map(|e| e.id) != keep {
            // Another event: its closing is not this one's to undo.
            self.people.close_undo.clear();
        }
        self.people.detail = None;
        self.people.refresh(&self.data.roster);
        self.load_agenda()?;
        self.load_notes()?;
        let keep = std::mem::take(&mut self.ideas);
        self.ideas = IdeasState::load(&self.data)?;
        self.ideas.filter = keep.filter;
        self.ideas.show_dropped = keep.show_dropped;
        Ok(())
    }

    /// Fresh data for the screen just switched to.
    fn enter_screen(&mut self) -> Result<(), StoreError> {
        match self.screen {
            Screen::Checkin | Screen::Ideas => {}
            // Check-ins made at the desk since the list was last computed.
            Screen::People => self.refresh_people(),
            Screen::Agenda => self.load_agenda()?,
            Screen::Notes => {
                self.load_agenda()?;
                self.enter_notes()?;
            }
        }
        Ok(())
    }
}
