//! What the app knows and how an action changes it. `update` may call the store (every confirmed
//! change is durable before it returns); nothing here draws or reads the terminal.

pub mod agenda;
pub mod checkin;
mod form;
pub mod ideas;
pub mod notes;
pub mod people;
pub mod people_form;
pub mod people_io;
pub mod replace;
pub mod walkin;

use chrono::NaiveDate;

use crate::data::Data;
use crate::i18n::{self, L};
use crate::model::{Event, Id, TextField as FieldKind, Ts, cut_to};
use crate::store::{Store, StoreError};

pub use crate::data::{Count, History, Roster};
pub use agenda::{AgendaForm, AgendaState};
pub use checkin::CheckinState;
pub(crate) use form::{Edited, Step, confirm_answer, cycle, edit_text, form_keys, list_key};
pub use ideas::IdeasState;
pub use notes::{ActionForm, NotesState};
pub use people::{PeopleConfirm, PeopleState};
pub use people_form::{OrgForm, PersonForm};
pub use people_io::{ExportDialog, ImportDialog};
pub use replace::{ReplaceFile, Writing, Wrote};
pub use walkin::WalkInForm;

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
    /// Delete the character after the caret
    DeleteChar,
    /// Clear the text field
    ClearField,
    /// Delete the word before the caret
    DeleteWord,
    /// Move the caret one word left
    WordLeft,
    /// Move the caret one word right
    WordRight,
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
    /// Nothing happened for a while (idle poll): write a pending draft
    Tick,
    /// Add an agenda item / write a new note
    AddItem,
    /// Delete the selected row (asks first)
    Delete,
    /// Move the selected agenda item up
    MoveUp,
    /// Move the selected agenda item down
    MoveDown,
    /// Next status of the agenda item (planned → running → done)
    CycleStatus,
    /// Start the agenda from the standard four segments
    Template,
    /// Copy the agenda of the last networking day
    CopyLast,
    /// Show notes of one agenda item / choose the note's agenda item
    CycleAgendaFilter,
    /// Show notes of one kind
    CycleKindFilter,
    /// Next kind of the note being written (note → decision → action item)
    CycleKind,
    /// Show the open action items of every networking day (and back)
    OpenActions,
    /// Mark the action item done / not done
    ToggleDone,
    /// Set owner and due date of the action item
    OwnerDue,
    /// Write the minutes (회의록) as a Markdown file
    ExportMinutes,
    /// Start a collaboration idea from the selected note (linked to it)
    IdeaFromNote,
    /// Save the note being written
    Save,
    /// A key for the text editor (caret movement, newline, delete…)
    EditKey(ratatui::crossterm::event::KeyEvent),
    /// Select the column to the left
    PrevColumn,
    /// Select the column to the right
    NextColumn,
    /// Move the idea back one status
    MoveIdeaBack,
    /// Move the idea on to the next status
    MoveIdeaForward,
    /// Drop the idea / restore a dropped one
    DropIdea,
    /// Show or hide dropped ideas
    ToggleDropped,
    /// New idea
    NewIdea,
    /// Edit the idea
    EditIdea,
    /// Show only stale ideas (on/off)
    ToggleStale,
    /// Open the idea: details, history, linked notes
    OpenIdea,
    /// Clear the filter
    ClearFilter,
    /// Open or close the detail pane of the selected person
    Detail,
}

impl Action {
    /// What the action does, for the help overlay.
    /// A word or two for the footer line, for the actions worth showing there; `None` keeps an
    /// action out of the footer (it is still in the F1 help).
    pub fn short(&self) -> Option<L> {
        use Action::*;
        Some(match self {
            Quit => L("종료", "quit"),
            Help => L("도움말", "help"),
            PickEvent => L("행사", "event"),
            Undo => L("되돌리기", "undo"),
            WalkIn => L("현장 등록", "walk-in"),
            ToggleContacts => L("연락처", "contacts"),
            Detail => L("상세", "detail"),
            Edit | EditIdea => L("수정", "edit"),
            AddPerson => L("추가", "add"),
            FilterMenu => L("필터", "filter"),
            SortNext => L("정렬", "sort"),
            ToggleOrgs => L("기관 / 사람", "orgs / people"),
            ToggleEveryone => L("전체", "everyone"),
            Register => L("등록", "register"),
            Archive => L("보관", "archive"),
            AddItem => L("추가", "add"),
            Delete => L("삭제", "delete"),
            CycleStatus => L("상태", "status"),
            Template => L("기본 안건", "template"),
            CopyLast => L("지난달 복사", "copy last"),
            CycleKindFilter | CycleKind => L("종류", "kind"),
            CycleAgendaFilter => L("안건", "agenda item"),
            OwnerDue => L("담당·기한", "owner/due"),
            ToggleDone => L("완료", "done"),
            OpenActions => L("미완료 과제", "open actions"),
            IdeaFromNote => L("아이디어로", "to idea"),
            ExportMinutes => L("회의록", "minutes"),
            Save => L("저장", "save"),
            PrevColumn | NextColumn => L("열", "column"),
            MoveIdeaBack | MoveIdeaForward => L("단계 옮기기", "move"),
            OpenIdea => L("자세히", "details"),
            NewIdea => L("새로", "new"),
            DropIdea => L("중단", "drop"),
            ToggleDropped => L("중단 보기", "show dropped"),
            ToggleStale => L("오래됨", "stale"),
            _ => return None,
        })
    }

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
            DeleteChar => L(
                "커서 뒤 글자 지우기",
                "Delete the character after the caret",
            ),
            ClearField => L("칸 비우기", "Clear the field"),
            DeleteWord => L("앞 단어 지우기", "Delete the word before the caret"),
            WordLeft => L("한 단어 왼쪽으로", "One word left"),
            WordRight => L("한 단어 오른쪽으로", "One word right"),
            Cancel => L("검색 지우기 / 닫기", "Clear search / close"),
            Up => L("위로", "Up"),
            Down => L("아래로", "Down"),
            PageUp => L("한 쪽 위로", "Page up"),
            PageDown => L("한 쪽 아래로", "Page down"),
            Home => L("맨 위로 / 칸의 맨 앞으로", "First row / start of the field"),
            End => L("맨 아래로 / 칸의 맨 끝으로", "Last row / end of the field"),
            Submit => L("체크인 / 확인", "Check in / confirm"),
            Undo => L("마지막 체크인 되돌리기", "Undo last check-in"),
            WalkIn => L("현장 등록", "Walk-in"),
            ToggleContacts => L("연락처 보이기/가리기", "Show/hide contacts"),
            NextField => L("다음 칸", "Next field"),
            PrevField => L("이전 칸", "Previous field"),
            Left => L("커서 왼쪽 / 이전 선택지", "Caret left / previous choice"),
            Right => L("커서 오른쪽 / 다음 선택지", "Caret right / next choice"),
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
            Tick => L("임시 저장", "Save draft"),
            AddItem => L("추가 / 새 메모", "Add / new note"),
            Delete => L("삭제 (확인 후)", "Delete (asks first)"),
            MoveUp => L("안건을 위로", "Move item up"),
            MoveDown => L("안건을 아래로", "Move item down"),
            CycleStatus => L(
                "상태 바꾸기 (예정→진행 중→완료)",
                "Cycle status (planned→running→done)",
            ),
            Template => L(
                "기본 4개 안건으로 시작",
                "Start from the standard four segments",
            ),
            CopyLast => L(
                "지난 네트워킹데이 안건 복사",
                "Copy last networking day's agenda",
            ),
            CycleAgendaFilter => L(
                "안건별 보기 / 안건 고르기",
                "Filter by agenda item / choose item",
            ),
            CycleKindFilter => L(
                "종류별 보기 (메모·결정·실행 과제)",
                "Filter by kind (note, decision, action)",
            ),
            CycleKind => L(
                "종류 바꾸기 (메모→결정 사항→실행 과제)",
                "Cycle kind (note→decision→action)",
            ),
            OpenActions => L(
                "모든 미완료 실행 과제 / 돌아가기",
                "All open action items / back",
            ),
            ToggleDone => L(
                "실행 과제 완료 표시/해제",
                "Mark action item done / not done",
            ),
            OwnerDue => L("담당·기한 정하기", "Set owner and due date"),
            IdeaFromNote => L(
                "이 메모로 협업 아이디어 만들기",
                "New collaboration idea from this note",
            ),
            ExportMinutes => L("회의록 파일로 내보내기", "Export minutes to a file"),
            Save => L("저장", "Save"),
            EditKey(_) => L("커서 이동·줄바꿈·지우기", "Move caret, new line, delete"),
            PrevColumn => L("왼쪽 열", "Column to the left"),
            NextColumn => L("오른쪽 열", "Column to the right"),
            MoveIdeaBack => L("이전 단계로 옮기기", "Move back one status"),
            MoveIdeaForward => L("다음 단계로 옮기기", "Move on to next status"),
            DropIdea => L("중단 / 되살리기", "Drop / restore"),
            ToggleDropped => L("중단된 아이디어 보이기/가리기", "Show/hide dropped ideas"),
            NewIdea => L("새 아이디어", "New idea"),
            EditIdea => L("아이디어 고치기", "Edit idea"),
            ToggleStale => L(
                "60일 넘게 그대로인 것만 (켜기/끄기)",
                "Only stale ideas, 60+ days (on/off)",
            ),
            OpenIdea => L("자세히 (지나온 단계·회의록)", "Details (history, notes)"),
            ClearFilter => L("필터 지우기", "Clear filter"),
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

/// What sits on top of the screen and takes the keys first. The app holds at most one
/// (`App::modal`); a key goes to it, and its handler answers with an [`Effect`].
#[derive(Debug, PartialEq)]
pub enum Modal {
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
    AgendaForm(Box<AgendaForm>),
    ConfirmDeleteAgenda { id: Id },
    ConfirmDeleteNote { id: Id },
    ActionForm(Box<ActionForm>),
    ConfirmReplace(Box<ReplaceFile>),
    IdeaForm(Box<ideas::IdeaForm>),
    IdeaFilter(Box<ideas::FilterForm>),
    IdeaDetail(Box<ideas::IdeaDetail>),
}

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

/// Which key table is in force.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Context {
    Checkin,
    Confirm,
    EventPicker,
    Help,
    OfferDemo,
    People,
    Orgs,
    Form,
    Filter,
    PathInput,
    Agenda,
    Notes,
    NoteEditor,
    IdeasBoard,
    IdeaDetail,
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
        let mut data = Data::open(store, None, &[])?;
        let modal = data.is_empty().then_some(Modal::OfferDemo);
        let events = data.events()?;
        let today = clock().local_date();
        let event = default_event(&events, today).cloned();
        data.set_event(event.as_ref(), &events)?;
        let ideas = IdeasState::load(&data)?;
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
            ideas,
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
            clock,
        };
        app.checkin.refresh(&app.data.roster);
        app.people.refresh(&app.data.roster);
        app.load_agenda()?;
        app.load_notes()?;
        // What the last session left for the coordinator to know: damaged records, an
        // import that did not finish.
        let mut warnings: Vec<String> = app
            .data
            .damage_warning()
            .map(|(ko, en)| i18n::pick(ko, en))
            .into_iter()
            .collect();
        warnings.extend(app.data.unfinished_imports()?);
        if !warnings.is_empty() {
            app.say(Tone::Warn, warnings.join(" · "));
        }
        Ok(app)
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
            Modal::EventPicker { .. } => Context::EventPicker,
            Modal::ConfirmUndo { .. } => Context::Confirm,
            Modal::WalkIn(_) => Context::Form,
            Modal::OfferDemo => Context::OfferDemo,
            Modal::PersonForm(_) | Modal::OrgForm(_) => Context::Form,
            Modal::PeopleFilter { .. } => Context::Filter,
            Modal::PeopleConfirm(_) => Context::Confirm,
            Modal::Import(_) | Modal::Export(_) => Context::PathInput,
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
        };
        if let Err(e) = result {
            self.fail(e);
        }
        true
    }

    /// A key for the open modal.
    fn on_modal(&mut self, modal: &mut Modal, action: Action) -> Result<Effect, StoreError> {
        match modal {
            Modal::Help => Ok(Effect::Close),
            Modal::OfferDemo => self.on_offer_demo(action),
            Modal::EventPicker { selected } => self.on_event_picker(selected, action),
            Modal::ConfirmUndo { person } => self.on_confirm_undo(*person, action),
            Modal::WalkIn(form) => self.on_walk_in(form, action),
            Modal::PersonForm(form) => self.on_person_form(form, action),
            Modal::OrgForm(form) => self.on_org_form(form, action),
            Modal::PeopleFilter { row } => self.on_people_filter(row, action),
            Modal::PeopleConfirm(what) => self.on_people_confirm(*what, action),
            Modal::Import(d) => self.on_import(d, action),
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
            Action::PickEvent => {
                let selected = self
                    .event
                    .as_ref()
                    .and_then(|e| self.events.iter().position(|x| x.id == e.id))
                    .unwrap_or(0);
                self.open(Modal::EventPicker { selected });
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
            Action::Submit | Action::LoadDemo => {
                let today = self.now().local_date();
                self.data.load_demo(today)?;
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

    fn on_event_picker(
        &mut self,
        selected: &mut usize,
        action: Action,
    ) -> Result<Effect, StoreError> {
        if let Some(k) = list_key(&action) {
            *selected = crate::widgets::list::step(*selected, k, self.events.len());
            return Ok(Effect::Keep);
        }
        match action {
            Action::Cancel | Action::PickEvent => return Ok(Effect::Close),
            Action::Submit => {
                if let Some(e) = self.events.get(*selected).cloned() {
                    self.data.set_event(Some(&e), &self.events)?;
                    self.event = Some(e);
                    self.checkin = CheckinState::default();
                    self.checkin.refresh(&self.data.roster);
                    self.people.detail = None;
                    self.people.close_undo.clear();
                    self.people.refresh(&self.data.roster);
                    self.agenda = AgendaState::default();
                    self.notes.agenda_filter = None;
                    self.notes.selected = 0;
                    self.enter_screen()?;
                }
                return Ok(Effect::Close);
            }
            _ => {}
        }
        Ok(Effect::Keep)
    }
}
