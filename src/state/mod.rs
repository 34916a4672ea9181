//! What the app knows and how an action changes it. `update` may call the store (every confirmed
//! change is durable before it returns); nothing here draws or reads the terminal.

pub mod checkin;
pub mod people;
pub mod people_form;
pub mod people_io;
pub mod roster;
pub mod walkin;

use chrono::NaiveDate;

use crate::i18n::{self, L};
use crate::model::{Event, Id, Ts};
use crate::store::{Store, StoreError};

pub use checkin::CheckinState;
pub use people::{PeopleConfirm, PeopleState};
pub use people_form::{OrgForm, PersonForm};
pub use people_io::{ExportDialog, ImportDialog};
pub use roster::{Count, History, Roster};
pub use walkin::WalkInForm;

/// The screens reachable from anywhere, in tab order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Screen {
    Checkin,
    People,
}

impl Screen {
    pub const ALL: [Screen; 2] = [Screen::Checkin, Screen::People];
    pub fn title(self) -> L {
        match self {
            Screen::Checkin => i18n::SCREEN_CHECKIN,
            Screen::People => i18n::SCREEN_PEOPLE,
        }
    }
}

/// Everything a key can ask for. The keymap binds keys to these; the help overlay names them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Quit netday
    Quit,
    /// Show or hide the list of keys
    Help,
    /// Go to the next screen
    NextScreen,
    /// Go to the previous screen
    PrevScreen,
    /// Choose another networking day
    PickEvent,
    /// Type a character
    Input(char),
    /// Paste text
    Paste(String),
    /// Delete the character before the caret
    Backspace,
    /// Clear the search box / close the form
    Cancel,
    /// Move up one row
    Up,
    /// Move down one row
    Down,
    /// Move up one page
    PageUp,
    /// Move down one page
    PageDown,
    /// Go to the first row
    Home,
    /// Go to the last row
    End,
    /// Check in / confirm
    Submit,
    /// Undo the last check-in
    Undo,
    /// Register a walk-in
    WalkIn,
    /// Show or hide phone numbers and e-mail
    ToggleContacts,
    /// Next field
    NextField,
    /// Previous field
    PrevField,
    /// Previous choice
    Left,
    /// Next choice
    Right,
    /// Load the demo data
    LoadDemo,
    /// The terminal changed size
    Resize,
    /// Open the detail pane / edit the selected row
    Edit,
    /// Add a person (organisation in the organisations view)
    AddPerson,
    /// Filter menu
    FilterMenu,
    /// Sort by the next column
    SortNext,
    /// Reverse the sort direction
    SortReverse,
    /// Everyone in the database / this event's people
    ToggleEveryone,
    /// Register for / unregister from this event
    Register,
    /// Archive the selected person (history kept)
    Archive,
    /// Merge two duplicate people
    Merge,
    /// Close the day: everyone still expected becomes a no-show
    CloseDay,
    /// People / organisations view
    ToggleOrgs,
    /// Import people from a CSV file
    ImportPeople,
    /// Export the current view to a CSV file
    ExportPeople,
    /// Undo closing the day
    UndoCloseDay,
    /// Open or close the detail pane of the selected person
    Detail,
}

impl Action {
    /// What the action does, for the help overlay.
    pub fn describe(&self) -> L {
        use Action::*;
        match self {
            Quit => L("종료", "Quit"),
            Help => L("도움말 (이 화면의 키)", "Help (keys of this screen)"),
            NextScreen => L("다음 화면", "Next screen"),
            PrevScreen => L("이전 화면", "Previous screen"),
            PickEvent => L("네트워킹데이 선택", "Choose networking day"),
            Input(_) | Paste(_) => L("입력", "Type"),
            Backspace => L("한 글자 지우기", "Delete one character"),
            Cancel => L("검색 지우기 / 닫기", "Clear search / close"),
            Up => L("위로", "Up"),
            Down => L("아래로", "Down"),
            PageUp => L("한 쪽 위로", "Page up"),
            PageDown => L("한 쪽 아래로", "Page down"),
            Home => L("맨 위로", "First row"),
            End => L("맨 아래로", "Last row"),
            Submit => L("체크인 / 확인", "Check in / confirm"),
            Undo => L("마지막 체크인 되돌리기", "Undo last check-in"),
            WalkIn => L("현장 등록", "Walk-in"),
            ToggleContacts => L("연락처 보이기/가리기", "Show/hide contacts"),
            NextField => L("다음 칸", "Next field"),
            PrevField => L("이전 칸", "Previous field"),
            Left => L("이전 선택지", "Previous choice"),
            Right => L("다음 선택지", "Next choice"),
            LoadDemo => L("데모 데이터 불러오기", "Load demo data"),
            Resize => L("화면 크기 변경", "Resize"),
            Edit => L("수정", "Edit"),
            AddPerson => L("새로 추가", "Add new"),
            FilterMenu => L("필터", "Filters"),
            SortNext => L("정렬 열 바꾸기", "Sort by next column"),
            SortReverse => L("정렬 방향 바꾸기", "Reverse sort"),
            ToggleEveryone => L("이번 행사 / 전체 명단", "This event / everyone"),
            Register => L("참석 등록 / 등록 취소", "Register / unregister"),
            Archive => L("보관 (참석 기록 유지)", "Archive (history kept)"),
            Merge => L(
                "중복 병합 (두 번: 중복 → 남길 사람)",
                "Merge duplicates (twice: dup → keep)",
            ),
            CloseDay => L(
                "행사 마감 (남은 참석 예정 → 불참)",
                "Close the day (expected → no-show)",
            ),
            ToggleOrgs => L("사람 / 소속 기관 보기", "People / organisations"),
            ImportPeople => L("CSV 가져오기", "Import CSV"),
            ExportPeople => L("지금 목록을 CSV로 내보내기", "Export this view to CSV"),
            UndoCloseDay => L("행사 마감 되돌리기", "Undo closing the day"),
            Detail => L("상세 보기 / 닫기", "Show / hide details"),
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

/// What sits on top of the screen and takes the keys first.
#[derive(Clone, Debug, PartialEq)]
pub enum Overlay {
    None,
    Help,
    EventPicker { selected: usize },
    ConfirmUndo { person: Id },
    WalkIn(Box<WalkInForm>),
    OfferDemo,
    PersonForm(Box<PersonForm>),
    OrgForm(Box<OrgForm>),
    PeopleFilter { row: usize },
    PeopleConfirm(PeopleConfirm),
    Import(Box<ImportDialog>),
    Export(Box<ExportDialog>),
}

/// Which key table is in force.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Context {
    Checkin,
    WalkIn,
    Confirm,
    EventPicker,
    Help,
    OfferDemo,
    People,
    Orgs,
    Form,
    Filter,
    PathInput,
}

pub struct App {
    pub store: Store,
    pub screen: Screen,
    /// All events, by date.
    pub events: Vec<Event>,
    pub event: Option<Event>,
    pub roster: Roster,
    pub checkin: CheckinState,
    pub people: PeopleState,
    pub overlay: Overlay,
    pub message: Option<Message>,
    pub quit: bool,
    /// Name of this check-in desk (recorded with each check-in).
    pub desk: String,
    clock: fn() -> Ts,
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
        let mut events = store.events()?;
        events.sort_by_key(|e| (e.date, e.id));
        let today = clock().local_date();
        let event = default_event(&events, today).cloned();
        let roster = Roster::load(&store, event.as_ref(), &events)?;
        let overlay = if store.is_empty() {
            Overlay::OfferDemo
        } else {
            Overlay::None
        };
        let mut app = App {
            store,
            screen: Screen::Checkin,
            events,
            event,
            roster,
            checkin: CheckinState::default(),
            people: PeopleState::default(),
            overlay,
            message: None,
            quit: false,
            desk: std::env::var("NETDAY_DESK").unwrap_or_else(|_| "desk".into()),
            clock,
        };
        app.checkin.refresh(&app.roster);
        app.people.refresh(&app.roster);
        Ok(app)
    }

    pub fn now(&self) -> Ts {
        (self.clock)()
    }

    pub fn context(&self) -> Context {
        match &self.overlay {
            Overlay::Help => Context::Help,
            Overlay::EventPicker { .. } => Context::EventPicker,
            Overlay::ConfirmUndo { .. } => Context::Confirm,
            Overlay::WalkIn(_) => Context::WalkIn,
            Overlay::OfferDemo => Context::OfferDemo,
            Overlay::PersonForm(_) | Overlay::OrgForm(_) => Context::Form,
            Overlay::PeopleFilter { .. } => Context::Filter,
            Overlay::PeopleConfirm(_) => Context::Confirm,
            Overlay::Import(_) | Overlay::Export(_) => Context::PathInput,
            Overlay::None => self.screen_context(),
        }
    }

    /// The key table of the screen itself (also what the help overlay lists).
    pub fn screen_context(&self) -> Context {
        match self.screen {
            Screen::Checkin => Context::Checkin,
            Screen::People if self.people.orgs_view => Context::Orgs,
            Screen::People => Context::People,
        }
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

    /// Applies one action. Returns whether anything visible may have changed.
    pub fn update(&mut self, action: Action) -> bool {
        if action == Action::Quit {
            self.quit = true;
            return true;
        }
        if action == Action::Resize {
            return true;
        }
        let result = match self.overlay.clone() {
            Overlay::Help => {
                self.overlay = Overlay::None;
                Ok(())
            }
            Overlay::OfferDemo => self.on_offer_demo(action),
            Overlay::EventPicker { selected } => self.on_event_picker(selected, action),
            Overlay::ConfirmUndo { person } => self.on_confirm_undo(person, action),
            Overlay::WalkIn(form) => self.on_walk_in(*form, action),
            Overlay::PersonForm(form) => self.on_person_form(*form, action),
            Overlay::OrgForm(form) => self.on_org_form(*form, action),
            Overlay::PeopleFilter { row } => self.on_people_filter(row, action),
            Overlay::PeopleConfirm(what) => self.on_people_confirm(what, action),
            Overlay::Import(d) => self.on_import(*d, action),
            Overlay::Export(d) => self.on_export(*d, action),
            Overlay::None => self.on_screen(action),
        };
        if let Err(e) = result {
            self.fail(e);
        }
        true
    }

    fn on_screen(&mut self, action: Action) -> Result<(), StoreError> {
        match action {
            Action::Help => self.overlay = Overlay::Help,
            Action::PickEvent => {
                let selected = self
                    .event
                    .as_ref()
                    .and_then(|e| self.events.iter().position(|x| x.id == e.id))
                    .unwrap_or(0);
                self.overlay = Overlay::EventPicker { selected };
            }
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
                if self.screen == Screen::People {
                    // Check-ins made at the desk since the list was last computed.
                    self.refresh_people();
                }
            }
            other => match self.screen {
                Screen::Checkin => return self.on_checkin(other),
                Screen::People => return self.on_people(other),
            },
        }
        Ok(())
    }

    fn on_offer_demo(&mut self, action: Action) -> Result<(), StoreError> {
        match action {
            Action::Submit | Action::LoadDemo => {
                self.overlay = Overlay::None;
                let today = self.now().local_date();
                crate::demo::load(&self.store, today)?;
                self.reload()?;
                self.say(Tone::Good, i18n::DEMO_LOADED.get());
            }
            Action::Cancel => self.overlay = Overlay::None,
            _ => {}
        }
        Ok(())
    }

    /// Reads everything again from the store (after a bulk change such as loading the demo).
    pub fn reload(&mut self) -> Result<(), StoreError> {
        let mut events = self.store.events()?;
        events.sort_by_key(|e| (e.date, e.id));
        let keep = self.event.as_ref().map(|e| e.id);
        self.event = keep
            .and_then(|id| events.iter().find(|e| e.id == id))
            .or_else(|| default_event(&events, self.now().local_date()))
            .cloned();
        self.events = events;
        self.roster = Roster::load(&self.store, self.event.as_ref(), &self.events)?;
        self.checkin.refresh(&self.roster);
        if self.event.as_ref().map(|e| e.id) != keep {
            // Another event: its closing is not this one's to undo.
            self.people.close_undo.clear();
        }
        self.people.detail = None;
        self.people.refresh(&self.roster);
        Ok(())
    }

    fn on_event_picker(&mut self, selected: usize, action: Action) -> Result<(), StoreError> {
        let n = self.events.len();
        let selected = match action {
            Action::Up => selected.saturating_sub(1),
            Action::Down => (selected + 1).min(n.saturating_sub(1)),
            Action::Home => 0,
            Action::End => n.saturating_sub(1),
            Action::Cancel | Action::PickEvent => {
                self.overlay = Overlay::None;
                return Ok(());
            }
            Action::Submit => {
                self.overlay = Overlay::None;
                if let Some(e) = self.events.get(selected).cloned() {
                    self.roster.set_event(&self.store, Some(&e), &self.events)?;
                    self.event = Some(e);
                    self.checkin = CheckinState::default();
                    self.checkin.refresh(&self.roster);
                    self.people.detail = None;
                    self.people.close_undo.clear();
                    self.people.refresh(&self.roster);
                }
                return Ok(());
            }
            _ => selected,
        };
        self.overlay = Overlay::EventPicker { selected };
        Ok(())
    }
}
