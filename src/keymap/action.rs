//! What a key can ask for (`Action`) and which key table is in force (`Context`). The keymap
//! binds keys to actions per context; F1 help and the footer name them from here.

use crate::i18n::{self, L};

/// Everything a key can ask for. The keymap binds keys to these; what each does, in the help
/// overlay and the footer, is said once, in [`Action::words`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Quit,
    Help,
    NextScreen,
    PrevScreen,
    PickEvent,
    Input(char),
    Paste(String),
    Backspace,
    DeleteChar,
    ClearField,
    DeleteWord,
    WordLeft,
    WordRight,
    Cancel,
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    Submit,
    Undo,
    WalkIn,
    ToggleContacts,
    NextField,
    PrevField,
    Left,
    Right,
    LoadDemo,
    NewEvent,
    ShowMissing,
    Resize,
    Edit,
    AddPerson,
    FilterMenu,
    SortNext,
    SortReverse,
    ToggleEveryone,
    Register,
    Archive,
    Merge,
    /// Brings the selected archived person back into the lists.
    Restore,
    CloseDay,
    ToggleOrgs,
    ImportPeople,
    ExportPeople,
    /// Writes everything held about the selected person (a PIPA Art. 35 request) to a file.
    PersonReport,
    UndoCloseDay,
    Tick,
    AddItem,
    Delete,
    MoveUp,
    MoveDown,
    CycleStatus,
    Template,
    CopyLast,
    CycleAgendaFilter,
    CycleKindFilter,
    CycleKind,
    OpenActions,
    ToggleDone,
    OwnerDue,
    ExportMinutes,
    ExportMinutesText,
    ExportPack,
    CycleFormat,
    Print,
    IdeaFromNote,
    Save,
    EditKey(ratatui::crossterm::event::KeyEvent),
    PrevColumn,
    NextColumn,
    MoveIdeaBack,
    MoveIdeaForward,
    DropIdea,
    ToggleDropped,
    NewIdea,
    EditIdea,
    ToggleStale,
    OpenIdea,
    ClearFilter,
    Detail,
    ForgetImports,
    Yes,
    No,
    Discard,
    IdeaFrom(crate::model::Id),
    /// Merge these two people (keep, dup), as offered by the 동기화 screen.
    MergePair(crate::model::Id, crate::model::Id),
    SyncHost,
    SyncJoin,
    SyncStop,
    /// Write a backup of everything (동기화 · F6), with a passphrase or without.
    WriteBackup,
    /// In the backup dialog: write without a passphrase, or with one again.
    NoPassphrase,
    /// Undo the change the history highlights or shows.
    UndoChange,
    /// In an import's preview: the next (or previous) row with something to check.
    NextFlagged,
    PrevFlagged,
    /// In an import's preview: leave the row pointed at out of the import, or take it back.
    SkipRow,
    /// 파기: mark the person pointed at, or unmark them.
    MarkRow,
    /// 파기: mark everyone listed, or no one when all are.
    MarkAll,
    /// 파기: what a shred removes, contact data or the whole person.
    SwitchScope,
    /// 파기: the retention rule's form.
    SetRetention,
    /// 파기: shred the people marked (asks first).
    ShredMarked,
}

impl Action {
    /// What the action does: a word or two for the footer line (`None` keeps it out of the
    /// footer; it is still in the F1 help), and the help overlay's line. The one place an
    /// action is described.
    pub fn words(&self) -> (Option<L>, L) {
        use Action::*;
        match self {
            Quit => i18n::ACTION_QUIT,
            Help => i18n::ACTION_HELP,
            NextScreen => i18n::ACTION_NEXT_SCREEN,
            PrevScreen => i18n::ACTION_PREV_SCREEN,
            PickEvent => i18n::ACTION_PICK_EVENT,
            Input(_) => i18n::ACTION_INPUT,
            Paste(_) => i18n::ACTION_PASTE,
            Backspace => i18n::ACTION_BACKSPACE,
            DeleteChar => i18n::ACTION_DELETE_CHAR,
            ClearField => i18n::ACTION_CLEAR_FIELD,
            DeleteWord => i18n::ACTION_DELETE_WORD,
            WordLeft => i18n::ACTION_WORD_LEFT,
            WordRight => i18n::ACTION_WORD_RIGHT,
            Cancel => i18n::ACTION_CANCEL,
            Up => i18n::ACTION_UP,
            Down => i18n::ACTION_DOWN,
            PageUp => i18n::ACTION_PAGE_UP,
            PageDown => i18n::ACTION_PAGE_DOWN,
            Home => i18n::ACTION_HOME,
            End => i18n::ACTION_END,
            Submit => i18n::ACTION_SUBMIT,
            Undo => i18n::ACTION_UNDO,
            WalkIn => i18n::ACTION_WALK_IN,
            ToggleContacts => i18n::ACTION_TOGGLE_CONTACTS,
            NextField => i18n::ACTION_NEXT_FIELD,
            PrevField => i18n::ACTION_PREV_FIELD,
            Left => i18n::ACTION_LEFT,
            Right => i18n::ACTION_RIGHT,
            LoadDemo => i18n::ACTION_LOAD_DEMO,
            NewEvent => i18n::ACTION_NEW_EVENT,
            ShowMissing => i18n::ACTION_SHOW_MISSING,
            Resize => i18n::ACTION_RESIZE,
            Edit => i18n::ACTION_EDIT,
            AddPerson => i18n::ACTION_ADD_PERSON,
            FilterMenu => i18n::ACTION_FILTER_MENU,
            SortNext => i18n::ACTION_SORT_NEXT,
            SortReverse => i18n::ACTION_SORT_REVERSE,
            ToggleEveryone => i18n::ACTION_TOGGLE_EVERYONE,
            Register => i18n::ACTION_REGISTER,
            Archive => i18n::ACTION_ARCHIVE,
            Merge => i18n::ACTION_MERGE,
            Restore => i18n::ACTION_RESTORE,
            CloseDay => i18n::ACTION_CLOSE_DAY,
            ToggleOrgs => i18n::ACTION_TOGGLE_ORGS,
            ImportPeople => i18n::ACTION_IMPORT_PEOPLE,
            ExportPeople => i18n::ACTION_EXPORT_PEOPLE,
            PersonReport => i18n::ACTION_PERSON_REPORT,
            UndoCloseDay => i18n::ACTION_UNDO_CLOSE_DAY,
            Tick => i18n::ACTION_TICK,
            AddItem => i18n::ACTION_ADD_ITEM,
            Delete => i18n::ACTION_DELETE,
            MoveUp => i18n::ACTION_MOVE_UP,
            MoveDown => i18n::ACTION_MOVE_DOWN,
            CycleStatus => i18n::ACTION_CYCLE_STATUS,
            Template => i18n::ACTION_TEMPLATE,
            CopyLast => i18n::ACTION_COPY_LAST,
            CycleAgendaFilter => i18n::ACTION_CYCLE_AGENDA_FILTER,
            CycleKindFilter => i18n::ACTION_CYCLE_KIND_FILTER,
            CycleKind => i18n::ACTION_CYCLE_KIND,
            OpenActions => i18n::ACTION_OPEN_ACTIONS,
            ToggleDone => i18n::ACTION_TOGGLE_DONE,
            OwnerDue => i18n::ACTION_OWNER_DUE,
            ExportMinutes => i18n::ACTION_EXPORT_MINUTES,
            ExportMinutesText => i18n::ACTION_EXPORT_MINUTES_TEXT,
            ExportPack => i18n::ACTION_EXPORT_PACK,
            CycleFormat => i18n::ACTION_CYCLE_FORMAT,
            Print => i18n::ACTION_PRINT,
            IdeaFromNote => i18n::ACTION_IDEA_FROM_NOTE,
            Save => i18n::ACTION_SAVE,
            EditKey(_) => i18n::ACTION_EDIT_KEY,
            PrevColumn => i18n::ACTION_PREV_COLUMN,
            NextColumn => i18n::ACTION_NEXT_COLUMN,
            MoveIdeaBack => i18n::ACTION_MOVE_IDEA_BACK,
            MoveIdeaForward => i18n::ACTION_MOVE_IDEA_FORWARD,
            DropIdea => i18n::ACTION_DROP_IDEA,
            ToggleDropped => i18n::ACTION_TOGGLE_DROPPED,
            NewIdea => i18n::ACTION_NEW_IDEA,
            EditIdea => i18n::ACTION_EDIT_IDEA,
            ToggleStale => i18n::ACTION_TOGGLE_STALE,
            OpenIdea => i18n::ACTION_OPEN_IDEA,
            ClearFilter => i18n::ACTION_CLEAR_FILTER,
            Detail => i18n::ACTION_DETAIL,
            ForgetImports => i18n::ACTION_FORGET_IMPORTS,
            Yes => i18n::ACTION_YES,
            No => i18n::ACTION_NO,
            Discard => i18n::ACTION_DISCARD,
            IdeaFrom(_) => i18n::ACTION_IDEA_FROM,
            MergePair(..) => i18n::ACTION_MERGE_PAIR,
            SyncHost => i18n::ACTION_SYNC_HOST,
            SyncJoin => i18n::ACTION_SYNC_JOIN,
            SyncStop => i18n::ACTION_SYNC_STOP,
            WriteBackup => i18n::ACTION_WRITE_BACKUP,
            NoPassphrase => i18n::ACTION_NO_PASSPHRASE,
            UndoChange => i18n::ACTION_UNDO_CHANGE,
            NextFlagged => i18n::ACTION_NEXT_FLAGGED,
            PrevFlagged => i18n::ACTION_PREV_FLAGGED,
            SkipRow => i18n::ACTION_SKIP_ROW,
            MarkRow => i18n::ACTION_MARK_ROW,
            MarkAll => i18n::ACTION_MARK_ALL,
            SwitchScope => i18n::ACTION_SWITCH_SCOPE,
            SetRetention => i18n::ACTION_SET_RETENTION,
            ShredMarked => i18n::ACTION_SHRED_MARKED,
        }
    }

    /// The footer's word or two, if the action is worth showing there.
    pub fn short(&self) -> Option<L> {
        self.words().0
    }

    /// What the action does, for the help overlay.
    pub fn describe(&self) -> L {
        self.words().1
    }
}

/// Which key table is in force.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Context {
    Checkin,
    /// A yes/no question.
    Confirm,
    /// A question that also offers to discard (unsaved text).
    AskDiscard,
    EventPicker,
    /// The 미도착 list over the desk.
    Missing,
    Help,
    OfferDemo,
    People,
    Orgs,
    Form,
    Filter,
    /// Merging two people: which value of each differing field to keep.
    MergeChoice,
    PathInput,
    /// The backup dialog: its path and the passphrase twice.
    BackupInput,
    /// The import dialog's path field and the files under it to choose from.
    ImportPath,
    /// An import's preview: choose columns and what they are read into.
    ImportPreview,
    /// Choosing what to print.
    PrintMenu,
    /// The chosen sheet's options (order, phone column, empty rows).
    PrintOptions,
    Agenda,
    Notes,
    NoteEditor,
    IdeasBoard,
    IdeaDetail,
    /// The change history.
    History,
    /// One change's before and after, over the history.
    HistoryDetail,
    /// 동기화: the conflicts left by the exchange.
    Sync,
    /// 파기: who the retention rule makes due.
    Privacy,
}
