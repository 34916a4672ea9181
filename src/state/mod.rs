//! The app: which screen is shown, the one modal over it, the long work a key asked for and the
//! clock. It routes each action to the modal or the screen (`crate::screens`), applies the
//! `Effect` they answer in one place, and tells every screen what changed. It draws nothing and
//! reads no terminal.

pub mod link;

use crate::data::Data;
use crate::i18n;
use crate::model::{Event, Id, TextField as FieldKind, Ts, cut_to};
use crate::screens::unit::{
    Answer, Asker, Cx, Effect, LinkAsk, ModalStep, Question, Show, Unit, What,
};
use crate::screens::{events, print, replace};
use crate::store::{Store, StoreError};
pub use events::default_event;

pub use crate::data::Roster;
pub use crate::keymap::{Action, Context};
pub use crate::screens::unit::Job;
pub use crate::screens::{Message, Modal, Screen, Screens, Tone, unit};

/// What a screen or dialog may use (`unit::Cx`), borrowed from the app's fields one by one so
/// that a screen beside it can be borrowed too.
macro_rules! cx {
    ($app:ident) => {
        Cx {
            data: &mut $app.data,
            events: &$app.events,
            event: $app.event.as_ref(),
            now: ($app.clock)(),
            desk: &$app.desk,
            author: &$app.author,
            export_dir: $app.export_dir.as_deref(),
            home: $app.home.as_deref(),
            message: &mut $app.message,
        }
    };
}

/// The smallest terminal netday draws in; below it the screen says so and keys do nothing.
pub const MIN_W: u16 = 64;
pub const MIN_H: u16 = 14;

pub struct App {
    /// The store and the roster, written together.
    pub data: Data,
    pub screen: Screen,
    /// All events, by date.
    pub events: Vec<Event>,
    pub event: Option<Event>,
    /// Every screen's state (`screens::Screens`, one field per screen).
    pub screens: Screens,
    /// Where the TUI writes files (default: the user's documents).
    pub export_dir: Option<std::path::PathBuf>,
    /// Where the import dialog looks for lists (default: the user's folders).
    pub home: Option<std::path::PathBuf>,
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
    /// What changed while each screen was hidden (by `Screen::index`); told when it is entered.
    pending: [What; Screen::ALL.len()],
    /// The link to another desk, while hosting or joining (`link.rs`).
    pub link: Option<link::Linking>,
    /// Where hosting listens (`None`: every network of this laptop; see `link::listen`).
    pub link_bind: Option<String>,
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
            screens: Screens::default(),
            export_dir: None,
            home: None,
            modal,
            message: None,
            quit: false,
            desk: std::env::var("NETDAY_DESK").unwrap_or_else(|_| "desk".into()),
            author: crate::data::author(),
            lang: i18n::lang(),
            size: (u16::MAX, u16::MAX),
            job: None,
            defer_jobs: false,
            clock,
            pending: [What::ALL; Screen::ALL.len()],
            link: None,
            link_bind: None,
        };
        app.tell(What::NOTHING)?;
        Ok(app)
    }

    /// Gives a started app everyone (`Roster::load` for its event), and everything else each
    /// screen shows. Nothing typed is handled before this.
    pub fn finish_start(&mut self, everyone: Roster) -> Result<(), StoreError> {
        self.data.roster = everyone;
        // The desk comes first; every other screen reads what it shows when it is entered.
        self.pending = [What::ALL; Screen::ALL.len()];
        self.tell(What::NOTHING)?;
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
        // Changes older than the days to keep (a setting, `netday history --keep-days`) are
        // folded away; the previous networking day's never are.
        if let Err(e) = self.data.fold_history(self.now(), &self.events) {
            warnings.push(i18n::pick(e.ko(), e.en()));
        }
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

    /// The key table in force: the open modal's, else the screen's (its own dialogs included).
    pub fn context(&self) -> Context {
        match &self.modal {
            None => self.screen_context(),
            Some(Modal::Help) => Context::Help,
            Some(Modal::OfferDemo) => Context::OfferDemo,
            Some(Modal::EventPicker(_)) => Context::EventPicker,
            Some(Modal::EventForm(_)) => Context::Form,
            Some(Modal::Import(d)) if d.preview.is_some() => Context::ImportPreview,
            Some(Modal::Import(_)) => Context::ImportPath,
            Some(Modal::Export(d)) if d.pass.is_some() => Context::BackupInput,
            Some(Modal::Export(_)) => Context::PathInput,
            Some(Modal::PrintMenu(m)) if m.options.is_some() => Context::PrintOptions,
            Some(Modal::PrintMenu(_)) => Context::PrintMenu,
            Some(Modal::Confirm(a)) => a.context(),
        }
    }

    /// The key table of the screen itself (also what the help overlay lists).
    pub fn screen_context(&self) -> Context {
        self.unit(self.screen).context()
    }

    pub fn say(&mut self, tone: Tone, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            tone,
        });
    }

    pub(crate) fn fail(&mut self, e: StoreError) {
        let text = i18n::pick(e.ko(), e.en());
        self.say(Tone::Error, format!("{}: {text}", i18n::SAVE_FAILED));
    }

    /// What a screen or dialog may use while it handles a key, and every screen.
    fn parts(&mut self) -> (Cx<'_>, [&mut dyn Unit; Screen::ALL.len()]) {
        (cx!(self), self.screens.units_mut())
    }

    /// What the screens and dialogs may read while they draw.
    pub fn show(&self) -> Show<'_> {
        Show {
            data: &self.data,
            events: &self.events,
            event: &self.event,
            clock: self.clock,
            covered: self.modal.is_some(),
            link: self.link_view(),
        }
    }

    /// A screen, to read (and draw).
    pub fn unit(&self, s: Screen) -> &dyn Unit {
        self.screens.unit(s)
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
            if let Err(e) = self.flush() {
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
            // A folder read late shows up in the import dialog's list.
            let listed = match &mut self.modal {
                Some(Modal::Import(d)) => d.picker.poll(),
                _ => false,
            };
            // Redraw only when a draft was written (the editor shows when).
            return listed
                | self.flush().unwrap_or_else(|e| {
                    self.fail(e);
                    true
                });
        }
        let action = match action {
            Action::Paste(s) => Action::Paste(self.fit_paste(s)),
            other => other,
        };
        // A screen made visible by hand (tests) catches up first.
        if let Err(e) = self.tell(What::NOTHING) {
            self.fail(e);
        }
        let before = self.data.roster.version();
        let taken = self.modal.take();
        let result = match taken {
            None => self.on_screen(action),
            Some(mut modal) => {
                let result = self.on_modal(&mut modal, action);
                self.modal = Some(modal);
                result
            }
        };
        self.finish(before, result);
        // A job may ask for another as it ends (`Job::Rewrite` after an import).
        while !self.defer_jobs && self.job.is_some() {
            self.run_job(&mut crate::progress::Silent);
        }
        true
    }

    /// Applies what a handler answered, in one place: the modal stays, closes or gives way
    /// (on an error it stays, with what was typed); what changed is told to every screen; the
    /// day, the screen and the job follow.
    fn finish(&mut self, before: u64, result: Result<Effect, StoreError>) {
        let mut effect = match result {
            Ok(e) => e,
            Err(e) => {
                self.fail(e);
                return;
            }
        };
        match std::mem::take(&mut effect.modal) {
            ModalStep::Keep => {}
            ModalStep::Close => self.modal = None,
            ModalStep::Open(m) => self.modal = Some(m),
        }
        if self.data.roster.version() != before {
            effect.changed |= What::PEOPLE;
        }
        if let Err(e) = self.follow(effect) {
            self.fail(e);
        }
    }

    fn follow(&mut self, effect: Effect) -> Result<(), StoreError> {
        if let Some(job) = effect.job {
            self.job = Some(job);
        }
        if self.job.is_none() && self.data.rewrite_due() {
            // A consent "no" emptied a kept phone or e-mail: the files are rewritten now.
            self.job = Some(Job::Rewrite);
        }
        match effect.link.clone() {
            Some(LinkAsk::Host) => self.start_hosting(),
            Some(LinkAsk::Join { addr, code }) => {
                if let Err(words) = self.start_joining(&addr, &code) {
                    self.say(Tone::Error, words);
                }
            }
            Some(LinkAsk::Stop) if self.link.is_some() => {
                self.unlink();
                self.say(Tone::Info, i18n::SYNC_STOPPED.get());
            }
            Some(LinkAsk::Stop) | None => {}
        }
        let mut what = effect.changed;
        if what.has(What::EVENTS) {
            self.events = self.data.events()?;
            let keep = self.event.as_ref().map(|e| e.id);
            self.event = keep.and_then(|id| self.events.iter().find(|e| e.id == id).cloned());
        }
        if let Some(day) = effect.day {
            self.event = day;
            what |= What::DAY;
        }
        if effect.changed == What::ALL {
            // A change that touched everything (an import, a merge, the demo): the roster is
            // read again.
            self.data.reload(self.event.as_ref(), &self.events)?;
        } else if what.has(What::DAY) {
            self.data.set_event(self.event.as_ref(), &self.events)?;
        }
        self.tell(what)?;
        if what.has(What::DAY) {
            let shown = self.screen.index();
            let (mut cx, units) = self.parts();
            units[shown].on_enter(&mut cx)?;
        }
        if let Some(s) = effect.go {
            self.screen = s;
            self.enter_screen()?;
            if let Some(then) = effect.then {
                let before = self.data.roster.version();
                let result = self.on_screen(then);
                self.finish(before, result);
            }
        }
        Ok(())
    }

    /// Tells the screens that `what` changed: each at once, but a screen whose list is costly
    /// to work out (`Unit::lazy`) only when it is shown, or when it is entered.
    fn tell(&mut self, what: What) -> Result<(), StoreError> {
        let shown = self.screen;
        let mut pending = std::mem::take(&mut self.pending);
        let (mut cx, mut units) = self.parts();
        let mut result = Ok(());
        for s in Screen::ALL {
            let unit = &mut units[s.index()];
            let told = std::mem::take(&mut pending[s.index()]) | what;
            if told.is_empty() {
                continue;
            }
            if (s != shown && unit.lazy()) || result.is_err() {
                pending[s.index()] = told;
            } else {
                result = unit.on_changed(&mut cx, told);
            }
        }
        self.pending = pending;
        result
    }

    /// Runs the long work a key asked for, telling `progress` how far it is.
    pub fn run_job(&mut self, progress: &mut dyn crate::progress::Progress) {
        let Some(job) = self.job.take() else {
            return;
        };
        if job == Job::Rewrite {
            self.rewrite_now(progress);
            return;
        }
        let Some(mut modal) = self.modal.take() else {
            return;
        };
        i18n::with_lang(self.lang, || {
            let before = self.data.roster.version();
            let mut cx = cx!(self);
            let result = match (job, &mut modal) {
                (Job::Preview, Modal::Import(d)) => {
                    d.preview_now(&cx, progress);
                    Ok(Effect::keep())
                }
                (Job::Import, Modal::Import(d)) => d.import_now(&mut cx, progress),
                (Job::Write, Modal::Export(d)) => d.export_now(&mut cx, progress),
                (Job::Replace, Modal::Confirm(ask)) => match &ask.question {
                    Question::Replace(r) => replace::replace_now(&mut cx, r, progress),
                    _ => Ok(Effect::keep()),
                },
                (Job::Shred, Modal::Confirm(ask)) => match &ask.question {
                    Question::Shred { ids, scope } => self
                        .screens
                        .privacy
                        .shred_now(&mut cx, ids, *scope, progress),
                    _ => Ok(Effect::keep()),
                },
                _ => Ok(Effect::keep()),
            };
            self.modal = Some(modal);
            self.finish(before, result);
        });
    }

    /// A key for the open modal (a question's answer goes to the screen that asked it).
    fn on_modal(&mut self, modal: &mut Modal, action: Action) -> Result<Effect, StoreError> {
        let (mut cx, units) = self.parts();
        match modal {
            Modal::Help => Ok(Effect::close()),
            Modal::OfferDemo => match action {
                Action::NewEvent => Ok(Effect::open(events::new_event_form(&cx))),
                Action::LoadDemo => {
                    let today = cx.now.local_date();
                    crate::demo::load(cx.data.store(), today).map(|_| {
                        cx.say(Tone::Good, i18n::DEMO_LOADED.get());
                        let events = cx.data.events().unwrap_or_default();
                        let day = default_event(&events, today).cloned();
                        Effect::close().changed(What::ALL).to_day(day)
                    })
                }
                // A second laptop: the list comes from the first one (동기화 · F3).
                Action::SyncJoin => Ok(Effect::close().go(Screen::Sync, Some(Action::SyncJoin))),
                Action::Cancel => Ok(Effect::close()),
                _ => Ok(Effect::keep()),
            },
            Modal::EventPicker(p) => p.update(&mut cx, action),
            Modal::EventForm(f) => f.update(&mut cx, action),
            Modal::Import(d) => d.update(&mut cx, action),
            Modal::Export(d) => d.update(&mut cx, action),
            Modal::PrintMenu(m) => Ok(print::on_print_menu(&mut cx, m, action)),
            Modal::Confirm(ask) => {
                let answer = match action {
                    Action::Yes | Action::Submit => Answer::Yes,
                    Action::No | Action::Cancel => Answer::No,
                    Action::Discard if ask.discard => Answer::Discard,
                    _ => return Ok(Effect::keep()),
                };
                match ask.owner {
                    Asker::Screen(s) => {
                        let q = ask.question.clone();
                        units[s.index()].answer(&mut cx, q, answer)
                    }
                    Asker::App => match (&ask.question, answer) {
                        (Question::DeleteEvent(id), Answer::Yes) => {
                            events::delete_event(&mut cx, *id)
                        }
                        // Written as a job, with a gauge in the app.
                        (Question::Replace(_), Answer::Yes) => Ok(Effect::keep().job(Job::Replace)),
                        (Question::Replace(r), _) => {
                            cx.say(
                                Tone::Info,
                                i18n::not_replaced(&r.path.display().to_string()),
                            );
                            Ok(Effect::close())
                        }
                        _ => Ok(Effect::close()),
                    },
                }
            }
        }
    }

    /// A paste into the note editor, cut to the room the note has left (text fields cut their
    /// own pastes).
    fn fit_paste(&mut self, s: String) -> String {
        let held = match &self.screens.notes.editor {
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

    /// A key for the screen: the keys every screen shares, else the screen's own.
    fn on_screen(&mut self, action: Action) -> Result<Effect, StoreError> {
        let own = self.unit(self.screen).holds_keys();
        match action {
            Action::Help => {
                self.flush()?;
                return Ok(Effect::open(Modal::Help));
            }
            // A form or the editor open in the screen has every other key.
            _ if own => {}
            Action::PickEvent => {
                let (cx, _) = self.parts();
                return Ok(Effect::open(events::EventPicker::open(&cx)?));
            }
            Action::NextScreen | Action::PrevScreen => {
                let i = self.screen.index();
                let n = Screen::ALL.len();
                let j = if action == Action::NextScreen {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                };
                self.screen = Screen::ALL[j];
                self.enter_screen()?;
                return Ok(Effect::keep());
            }
            _ => {}
        }
        let shown = self.screen.index();
        let (mut cx, units) = self.parts();
        units[shown].update(&mut cx, action)
    }

    /// The screen just switched to: what changed while it was hidden, then its own start.
    fn enter_screen(&mut self) -> Result<(), StoreError> {
        self.tell(What::NOTHING)?;
        let shown = self.screen.index();
        let (mut cx, units) = self.parts();
        units[shown].on_enter(&mut cx)
    }

    /// Writes what a screen holds unsaved (the note editor's draft); whether anything was.
    pub fn flush(&mut self) -> Result<bool, StoreError> {
        let (mut cx, units) = self.parts();
        let mut wrote = false;
        for u in units {
            wrote |= u.flush(&mut cx)?;
        }
        Ok(wrote)
    }

    /// Rewrites the database's files after a consent "no" emptied a kept phone or e-mail
    /// (`Job::Rewrite`: the journal no longer holds them; sled's files do until now).
    fn rewrite_now(&mut self, progress: &mut dyn crate::progress::Progress) {
        i18n::with_lang(self.lang, || {
            match self.data.finish_shred(progress) {
                // After what the save or the import said, which stays first.
                Ok(Some(_)) => match self.message.take() {
                    Some(m) if m.tone != Tone::Error => self.say(
                        m.tone,
                        format!("{} · {}", m.text, i18n::WITHDRAWN_GONE_AFTER.get()),
                    ),
                    _ => self.say(Tone::Good, i18n::WITHDRAWN_GONE.get()),
                },
                Ok(None) if self.data.shred_unfinished().unwrap_or(true) => {
                    self.say(Tone::Warn, i18n::SHRED_REWRITE_LATER.get());
                }
                // Another way already rewrote them (the link, after the other desk's "no").
                Ok(None) => {}
                Err(e) => self.fail(e),
            }
            // The database was closed and opened again for the swap: everything is read again.
            if let Err(e) = self.reload() {
                self.fail(e);
            }
        });
    }

    /// Reads everything again from the store (after a change made elsewhere).
    pub fn reload(&mut self) -> Result<(), StoreError> {
        let before = self.data.roster.version();
        let events = self.data.events()?;
        let keep = self.event.as_ref().map(|e| e.id);
        let day = keep
            .and_then(|id| events.iter().find(|e| e.id == id))
            .or_else(|| default_event(&events, self.now().local_date()))
            .cloned();
        self.events = events;
        let effect = if day.as_ref().map(|e| e.id) == keep {
            // The same day: everything is read again, but no screen starts over (a name half
            // typed at the desk stays while the other desk's check-ins arrive).
            self.event = day;
            self.data.reload(self.event.as_ref(), &self.events)?;
            Effect::keep().changed(What::ALL.without(What::DAY))
        } else {
            Effect::keep().changed(What::ALL).to_day(day)
        };
        self.finish(before, Ok(effect));
        Ok(())
    }

    /// Checks `person` in at the desk, as Enter on their row does.
    pub fn check_in(&mut self, person: Id) -> Result<(), StoreError> {
        let before = self.data.roster.version();
        let mut cx = cx!(self);
        let result = self
            .screens
            .checkin
            .check_in(&mut cx, person)
            .map(|()| Effect::keep());
        self.finish(before, result);
        Ok(())
    }

    /// Opens the idea form on the Ideas screen, prefilled from `note`.
    pub fn start_idea_from_note(&mut self, note: &crate::model::Note) {
        self.screen = Screen::Ideas;
        if let Err(e) = self.enter_screen() {
            self.fail(e);
        }
        let cx = cx!(self);
        self.screens.ideas.start_from_note(&cx, note);
    }

    /// Whether `typed`, arriving in one go and followed by Enter, is a badge scan: at the desk,
    /// the search box with it is a known badge code or alias; elsewhere `typed` alone is.
    pub fn would_scan(&self, typed: &str) -> bool {
        let at_desk = self.context() == Context::Checkin;
        self.screens
            .checkin
            .would_scan(&self.data.roster, typed, at_desk)
    }
}
