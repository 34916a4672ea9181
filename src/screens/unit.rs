//! What a screen is to the app: a unit with its own key context, an `update` that answers with an
//! [`Effect`], and `on_changed` when something it shows was changed elsewhere. The app routes keys
//! to the screen (or the open modal), applies the effect in one place, and tells the screens what
//! changed; no screen writes another screen's state.

use std::path::Path;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::data::Data;
use crate::i18n;
use crate::model::{Event, Id, Ts};
use crate::screens::{Action, Context, Message, Modal, Screen, Tone};
use crate::store::StoreError;

/// What a screen or dialog may use while it handles a key: the core (store and roster
/// together), the day being worked on, the clock and the desk, and the status line.
pub struct Cx<'a> {
    pub data: &'a mut Data,
    /// Every networking day, by date.
    pub events: &'a [Event],
    /// The day the desk, the lists and the minutes work on.
    pub event: Option<&'a Event>,
    pub now: Ts,
    /// This desk's name (recorded with each check-in).
    pub desk: &'a str,
    /// Written as the author of notes.
    pub author: &'a str,
    /// Where files are proposed (None: the user's documents).
    pub export_dir: Option<&'a Path>,
    /// The home folder the import dialog looks in (None: the user's, with the system's
    /// Downloads, Documents, Desktop and the current folder).
    pub home: Option<&'a Path>,
    pub(crate) message: &'a mut Option<Message>,
}

impl Cx<'_> {
    /// Puts a line in the status bar (the last one said wins).
    pub fn say(&mut self, tone: Tone, text: impl Into<String>) {
        *self.message = Some(Message {
            text: text.into(),
            tone,
        });
    }

    /// Clears the status bar.
    pub fn hush(&mut self) {
        *self.message = None;
    }

    /// Says that a write failed, in the store error's own words.
    pub fn fail(&mut self, e: StoreError) {
        let text = i18n::pick(e.ko(), e.en());
        self.say(Tone::Error, format!("{}: {text}", i18n::SAVE_FAILED));
    }

    /// Says what a text edit needs said (a paste that did not fit); returns whether the text
    /// changed, so the form can clear its error or refresh what depends on the text.
    pub(crate) fn edited(&mut self, e: Option<crate::screens::Edited>) -> bool {
        if let Some(crate::screens::Edited::Cut { room }) = e {
            self.say(Tone::Warn, i18n::paste_cut(room));
        }
        e.is_some_and(crate::screens::Edited::changed)
    }

    pub fn event_id(&self) -> Option<Id> {
        self.event.map(|e| e.id)
    }

    /// The current day, or says that none is chosen.
    pub fn need_event(&mut self) -> Option<Event> {
        let e = self.event.cloned();
        if e.is_none() {
            self.say(Tone::Warn, i18n::NO_EVENT_SELECTED.get());
        }
        e
    }
}

/// What a screen or dialog may read while it draws.
pub struct Show<'a> {
    pub data: &'a Data,
    pub events: &'a [Event],
    pub event: &'a Option<Event>,
    pub clock: fn() -> Ts,
    /// One of the app's modals is over the screen: the screen shows no caret of its own.
    pub covered: bool,
    /// The link to another desk, when there is one.
    pub link: Option<LinkView>,
}

impl Show<'_> {
    pub fn now(&self) -> Ts {
        (self.clock)()
    }
}

/// Which kinds of stored things a change touched, so each screen reloads only what it shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct What(u8);

impl What {
    pub const NOTHING: What = What(0);
    /// People, organisations or the day's attendance (the roster).
    pub const PEOPLE: What = What(1);
    pub const AGENDA: What = What(2);
    /// Notes, decisions and action items.
    pub const NOTES: What = What(4);
    pub const IDEAS: What = What(8);
    /// The list of networking days.
    pub const EVENTS: What = What(16);
    /// Another networking day is the one worked on.
    pub const DAY: What = What(32);
    pub const ALL: What = What(63);

    pub fn has(self, other: What) -> bool {
        self.0 & other.0 != 0
    }
    pub fn without(self, other: What) -> What {
        What(self.0 & !other.0)
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl std::ops::BitOr for What {
    type Output = What;
    fn bitor(self, o: What) -> What {
        What(self.0 | o.0)
    }
}

impl std::ops::BitOrAssign for What {
    fn bitor_assign(&mut self, o: What) {
        self.0 |= o.0;
    }
}

/// What happens to the open modal after a key.
#[derive(Debug, Default)]
pub enum ModalStep {
    /// It stays open (or, from a screen, nothing opens).
    #[default]
    Keep,
    Close,
    /// Another modal takes its place (or, from a screen, opens).
    Open(Modal),
}

/// Long work a key asked for; the event loop runs it with a gauge on the open modal (a
/// `Rewrite` over the screen: it has none).
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
    /// Shred the people the open confirm names, then rewrite the database's files (the long
    /// part, which Esc stops: the shred stands and the next start rewrites them).
    Shred,
    /// Rewrite the database's files after a consent "no" emptied a kept phone or e-mail (no
    /// modal: the save already said what it did). Esc stops it; the next start rewrites them.
    Rewrite,
}

/// What a key did, as the app applies it in one place (`App::apply_effect`): the modal step,
/// what was changed (every screen showing it is told), a networking day to work on, a screen to
/// go to (with an action handed to it), long work to run.
#[derive(Debug, Default)]
#[must_use]
pub struct Effect {
    pub modal: ModalStep,
    pub changed: What,
    /// Work on this day from now on (`Some(None)`: on no day).
    pub day: Option<Option<Event>>,
    pub go: Option<Screen>,
    /// Handed to the screen gone to, as if its key had been pressed.
    pub then: Option<Action>,
    pub job: Option<Job>,
    /// Something for the app's link to another desk (the 동기화 screen's keys).
    pub link: Option<LinkAsk>,
}

/// What a screen asks of the app's link to another desk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkAsk {
    /// Offer this desk: listen, show the addresses and a code (a new code when hosting).
    Host,
    /// Link to the desk at `addr` with `code` (empty: a desk paired before).
    Join {
        addr: String,
        code: String,
    },
    Stop,
}

/// The link as a screen shows it (the app's, in plain values).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkView {
    pub hosting: bool,
    /// A host's code is open (not used, not expired).
    pub offering: bool,
    /// Host: this laptop's addresses; joiner: the address typed.
    pub addrs: Vec<String>,
    /// The header's words (linked, cut, the code and its time).
    pub words: String,
}

impl Effect {
    /// Nothing beyond what the handler did itself; an open modal stays.
    pub fn keep() -> Effect {
        Effect::default()
    }
    pub fn close() -> Effect {
        Effect {
            modal: ModalStep::Close,
            ..Effect::default()
        }
    }
    pub fn open(m: Modal) -> Effect {
        Effect {
            modal: ModalStep::Open(m),
            ..Effect::default()
        }
    }
    /// Asks the app's link for something.
    pub fn link(mut self, ask: LinkAsk) -> Effect {
        self.link = Some(ask);
        self
    }
    /// Asks a yes/no question (the one confirm).
    pub fn ask(a: Ask) -> Effect {
        Effect::open(Modal::Confirm(Box::new(a)))
    }
    pub fn changed(mut self, w: What) -> Effect {
        self.changed |= w;
        self
    }
    pub fn to_day(mut self, e: Option<Event>) -> Effect {
        self.day = Some(e);
        self
    }
    pub fn go(mut self, s: Screen, then: Option<Action>) -> Effect {
        self.go = Some(s);
        self.then = then;
        self
    }
    pub fn job(mut self, j: Job) -> Effect {
        self.job = Some(j);
        self
    }
    /// The modal step of `self` with everything `other` says besides.
    pub fn and(mut self, other: Effect) -> Effect {
        if !matches!(other.modal, ModalStep::Keep) {
            self.modal = other.modal;
        }
        self.changed |= other.changed;
        self.day = other.day.or(self.day);
        self.go = other.go.or(self.go);
        self.then = other.then.or(self.then);
        self.job = other.job.or(self.job);
        self
    }
}

/// Who asked a question: the answer goes back to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Asker {
    App,
    Screen(Screen),
}

/// Every question netday asks before it changes something; the owner acts on the answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Question {
    DeleteEvent(Id),
    UndoCheckIn(Id),
    DeleteAgenda(Id),
    DeleteNote(Id),
    /// The note editor has unsaved text: keep it as a draft, discard it, or go back.
    CloseNote,
    Archive(Id),
    Merge {
        keep: Id,
        dup: Id,
    },
    MergeOrgs {
        keep: Id,
        dup: Id,
    },
    DeleteOrg(Id),
    CloseDay {
        expected: usize,
    },
    UndoCloseDay,
    /// Undo the change with this order (its place in the journal).
    Undo(u64),
    /// Replace the file the export was to write.
    Replace(Box<crate::screens::ReplaceFile>),
    /// Shred these people's data (the 파기 screen's marked rows).
    Shred {
        ids: Vec<Id>,
        scope: crate::model::privacy::ShredScope,
    },
}

/// How a question was answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    Yes,
    No,
    /// The third answer some questions offer (discard the draft).
    Discard,
}

/// The one confirm: a title, what will happen, and who acts on the answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Ask {
    pub title: String,
    pub text: String,
    pub owner: Asker,
    pub question: Question,
    /// Offers the third answer (d: discard).
    pub discard: bool,
}

impl Ask {
    pub fn new(owner: Asker, question: Question, title: &str, text: impl Into<String>) -> Ask {
        Ask {
            title: title.to_string(),
            text: text.into(),
            owner,
            question,
            discard: false,
        }
    }

    pub fn context(&self) -> Context {
        if self.discard {
            Context::AskDiscard
        } else {
            Context::Confirm
        }
    }
}

/// A screen: its key table, its update and what it does when something it shows changed.
pub trait Unit {
    /// The key table in force while this screen has the keys (its own dialogs included).
    fn context(&self) -> Context;
    /// Draws the screen into `body`, and its open form, list or detail over `area` (the whole
    /// terminal).
    fn draw(&self, f: &mut Frame, area: Rect, body: Rect, v: &Show);
    /// A key for this screen (or a dialog it holds).
    fn update(&mut self, cx: &mut Cx, action: Action) -> Result<Effect, StoreError>;
    /// The answer to a question this screen asked.
    fn answer(&mut self, cx: &mut Cx, q: Question, a: Answer) -> Result<Effect, StoreError> {
        let _ = (cx, q, a);
        Ok(Effect::keep())
    }
    /// Something this screen may show was changed (by this or another screen, a dialog, an
    /// import or another day being chosen).
    fn on_changed(&mut self, cx: &mut Cx, what: What) -> Result<(), StoreError>;
    /// Whether a form, list or editor open in the screen has every key (the keys every screen
    /// shares — F1 aside — do not act then).
    fn holds_keys(&self) -> bool {
        false
    }
    /// Whether the screen is told of changes only when it is shown (its list is costly).
    fn lazy(&self) -> bool {
        false
    }
    /// The screen comes up (after `on_changed` with what changed while it was hidden).
    fn on_enter(&mut self, cx: &mut Cx) -> Result<(), StoreError> {
        let _ = cx;
        Ok(())
    }
    /// A draft to write before the app quits or a tick passes.
    fn flush(&mut self, cx: &mut Cx) -> Result<bool, StoreError> {
        let _ = cx;
        Ok(false)
    }
}
