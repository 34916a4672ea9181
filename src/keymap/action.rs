//! What a key can ask for (`Action`) and which key table is in force (`Context`). The keymap
//! binds keys to actions per context; F1 help and the footer name them from here.

use crate::i18n::L;

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
    /// Create a networking day
    NewEvent,
    /// Who has not come yet (미도착)
    ShowMissing,
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
    /// Write the minutes as plain text for a chat group
    ExportMinutesText,
    /// Print a sign-in sheet, name badges or the attendance record (PDF)
    Print,
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
    /// Forget the imports that did not finish (dismisses their warning)
    ForgetImports,
    /// Yes, to a question
    Yes,
    /// No, to a question
    No,
    /// Discard what was written, to a question that offers it
    Discard,
    /// Start an idea from this note (handed to the Ideas screen by the Notes screen)
    IdeaFrom(crate::model::Id),
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
            ExportMinutesText => L("단톡용", "for chat"),
            Print => L("인쇄", "print"),
            Save => L("저장", "save"),
            NewEvent => L("새로", "new"),
            ShowMissing => L("미도착", "not arrived"),
            LoadDemo => L("데모", "demo"),
            PrevColumn | NextColumn => L("열", "column"),
            MoveIdeaBack | MoveIdeaForward => L("단계 옮기기", "move"),
            OpenIdea => L("자세히", "details"),
            NewIdea => L("새로", "new"),
            DropIdea => L("중단", "drop"),
            ToggleDropped => L("중단 보기", "show dropped"),
            ToggleStale => L("오래됨", "stale"),
            Yes => L("예", "yes"),
            No => L("아니요", "no"),
            Discard => L("버리기", "discard"),
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
            ForgetImports => L(
                "끝나지 않은 가져오기 안내 지우기 (기록만 지움)",
                "Dismiss the unfinished-import warning (forgets the record)",
            ),
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
            NewEvent => L("새 네트워킹데이 만들기", "Create a networking day"),
            ShowMissing => L(
                "미도착: 아직 오지 않은 사람 (전화하기)",
                "Not arrived yet: whom to call",
            ),
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
            ExportMinutesText => L(
                "회의록을 단톡방에 붙일 글(.txt)로 내보내기",
                "Export minutes as plain text for a chat group (.txt)",
            ),
            Print => L(
                "서명부·이름표·출석부를 PDF로 인쇄",
                "Print the sign-in sheet, badges or attendance record (PDF)",
            ),
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
            Yes => L("예 (진행)", "Yes (go ahead)"),
            No => L("아니요 (그대로 두기)", "No (leave it)"),
            Discard => L("쓴 글 버리기", "Discard what was written"),
            IdeaFrom(_) => L(
                "이 메모로 협업 아이디어 만들기",
                "New collaboration idea from this note",
            ),
        }
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
    PathInput,
    /// An import's preview: choose columns and what they are read into.
    ImportPreview,
    /// Choosing what to print.
    PrintMenu,
    Agenda,
    Notes,
    NoteEditor,
    IdeasBoard,
    IdeaDetail,
}
