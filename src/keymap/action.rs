//! What a key can ask for (`Action`) and which key table is in force (`Context`). The keymap
//! binds keys to actions per context; F1 help and the footer name them from here.

use crate::i18n::L;

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
    CloseDay,
    ToggleOrgs,
    ImportPeople,
    ExportPeople,
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
}

impl Action {
    /// What the action does: a word or two for the footer line (`None` keeps it out of the
    /// footer; it is still in the F1 help), and the help overlay's line. The one place an
    /// action is described.
    pub fn words(&self) -> (Option<L>, L) {
        use Action::*;
        match self {
            Quit => (Some(L("종료", "quit")), L("종료", "Quit")),
            Help => (
                Some(L("도움말", "help")),
                L("도움말 (이 화면의 키)", "Help (keys of this screen)"),
            ),
            NextScreen => (None, L("다음 화면", "Next screen")),
            PrevScreen => (None, L("이전 화면", "Previous screen")),
            PickEvent => (
                Some(L("행사", "event")),
                L("네트워킹데이 선택", "Choose networking day"),
            ),
            Input(_) => (None, L("입력", "Type")),
            Paste(_) => (None, L("입력", "Type")),
            Backspace => (None, L("한 글자 지우기", "Delete one character")),
            DeleteChar => (
                None,
                L(
                    "커서 뒤 글자 지우기",
                    "Delete the character after the caret",
                ),
            ),
            ClearField => (None, L("칸 비우기", "Clear the field")),
            DeleteWord => (
                None,
                L("앞 단어 지우기", "Delete the word before the caret"),
            ),
            WordLeft => (None, L("한 단어 왼쪽으로", "One word left")),
            WordRight => (None, L("한 단어 오른쪽으로", "One word right")),
            Cancel => (None, L("검색 지우기 / 닫기", "Clear search / close")),
            Up => (None, L("위로", "Up")),
            Down => (None, L("아래로", "Down")),
            PageUp => (None, L("한 쪽 위로", "Page up")),
            PageDown => (None, L("한 쪽 아래로", "Page down")),
            Home => (
                None,
                L("맨 위로 / 칸의 맨 앞으로", "First row / start of the field"),
            ),
            End => (
                None,
                L("맨 아래로 / 칸의 맨 끝으로", "Last row / end of the field"),
            ),
            Submit => (None, L("체크인 / 확인", "Check in / confirm")),
            Undo => (
                Some(L("되돌리기", "undo")),
                L("마지막 체크인 되돌리기", "Undo last check-in"),
            ),
            WalkIn => (Some(L("현장 등록", "walk-in")), L("현장 등록", "Walk-in")),
            ToggleContacts => (
                Some(L("연락처", "contacts")),
                L("연락처 보이기/가리기", "Show/hide contacts"),
            ),
            NextField => (None, L("다음 칸", "Next field")),
            PrevField => (None, L("이전 칸", "Previous field")),
            Left => (
                None,
                L("커서 왼쪽 / 이전 선택지", "Caret left / previous choice"),
            ),
            Right => (
                None,
                L("커서 오른쪽 / 다음 선택지", "Caret right / next choice"),
            ),
            LoadDemo => (
                Some(L("데모", "demo")),
                L("데모 데이터 불러오기", "Load demo data"),
            ),
            NewEvent => (
                Some(L("새로", "new")),
                L("새 네트워킹데이 만들기", "Create a networking day"),
            ),
            ShowMissing => (
                Some(L("미도착", "not arrived")),
                L(
                    "미도착: 아직 오지 않은 사람 (전화하기)",
                    "Not arrived yet: whom to call",
                ),
            ),
            Resize => (None, L("화면 크기 변경", "Resize")),
            Edit => (Some(L("수정", "edit")), L("수정", "Edit")),
            AddPerson => (Some(L("추가", "add")), L("새로 추가", "Add new")),
            FilterMenu => (Some(L("필터", "filter")), L("필터", "Filters")),
            SortNext => (
                Some(L("정렬", "sort")),
                L("정렬 열 바꾸기", "Sort by next column"),
            ),
            SortReverse => (None, L("정렬 방향 바꾸기", "Reverse sort")),
            ToggleEveryone => (
                Some(L("전체", "everyone")),
                L("이번 행사 / 전체 명단", "This event / everyone"),
            ),
            Register => (
                Some(L("등록", "register")),
                L("참석 등록 / 등록 취소", "Register / unregister"),
            ),
            Archive => (
                Some(L("보관", "archive")),
                L("보관 (참석 기록 유지)", "Archive (history kept)"),
            ),
            Merge => (
                None,
                L(
                    "중복 병합 (두 번: 중복 → 남길 사람)",
                    "Merge duplicates (twice: dup → keep)",
                ),
            ),
            CloseDay => (
                None,
                L(
                    "행사 마감 (남은 참석 예정 → 불참)",
                    "Close the day (expected → no-show)",
                ),
            ),
            ToggleOrgs => (
                Some(L("기관 / 사람", "orgs / people")),
                L("사람 / 소속 기관 보기", "People / organisations"),
            ),
            ImportPeople => (None, L("CSV 가져오기", "Import CSV")),
            ExportPeople => (
                None,
                L("지금 목록을 CSV로 내보내기", "Export this view to CSV"),
            ),
            UndoCloseDay => (None, L("행사 마감 되돌리기", "Undo closing the day")),
            Tick => (None, L("임시 저장", "Save draft")),
            AddItem => (
                Some(L("추가", "add")),
                L("추가 / 새 메모", "Add / new note"),
            ),
            Delete => (
                Some(L("삭제", "delete")),
                L("삭제 (확인 후)", "Delete (asks first)"),
            ),
            MoveUp => (None, L("안건을 위로", "Move item up")),
            MoveDown => (None, L("안건을 아래로", "Move item down")),
            CycleStatus => (
                Some(L("상태", "status")),
                L(
                    "상태 바꾸기 (예정→진행 중→완료)",
                    "Cycle status (planned→running→done)",
                ),
            ),
            Template => (
                Some(L("기본 안건", "template")),
                L(
                    "기본 4개 안건으로 시작",
                    "Start from the standard four segments",
                ),
            ),
            CopyLast => (
                Some(L("지난달 복사", "copy last")),
                L(
                    "지난 네트워킹데이 안건 복사",
                    "Copy last networking day's agenda",
                ),
            ),
            CycleAgendaFilter => (
                Some(L("안건", "agenda item")),
                L(
                    "안건별 보기 / 안건 고르기",
                    "Filter by agenda item / choose item",
                ),
            ),
            CycleKindFilter => (
                Some(L("종류", "kind")),
                L(
                    "종류별 보기 (메모·결정·실행 과제)",
                    "Filter by kind (note, decision, action)",
                ),
            ),
            CycleKind => (
                Some(L("종류", "kind")),
                L(
                    "종류 바꾸기 (메모→결정 사항→실행 과제)",
                    "Cycle kind (note→decision→action)",
                ),
            ),
            OpenActions => (
                Some(L("미완료 과제", "open actions")),
                L(
                    "모든 미완료 실행 과제 / 돌아가기",
                    "All open action items / back",
                ),
            ),
            ToggleDone => (
                Some(L("완료", "done")),
                L(
                    "실행 과제 완료 표시/해제",
                    "Mark action item done / not done",
                ),
            ),
            OwnerDue => (
                Some(L("담당·기한", "owner/due")),
                L("담당·기한 정하기", "Set owner and due date"),
            ),
            ExportMinutes => (
                Some(L("회의록", "minutes")),
                L("회의록 파일로 내보내기", "Export minutes to a file"),
            ),
            ExportMinutesText => (
                Some(L("단톡용", "for chat")),
                L(
                    "회의록을 단톡방에 붙일 글(.txt)로 내보내기",
                    "Export minutes as plain text for a chat group (.txt)",
                ),
            ),
            Print => (
                Some(L("인쇄", "print")),
                L(
                    "서명부·이름표·출석부를 PDF로 인쇄",
                    "Print the sign-in sheet, badges or attendance record (PDF)",
                ),
            ),
            IdeaFromNote => (
                Some(L("아이디어로", "to idea")),
                L(
                    "이 메모로 협업 아이디어 만들기",
                    "New collaboration idea from this note",
                ),
            ),
            Save => (Some(L("저장", "save")), L("저장", "Save")),
            EditKey(_) => (
                None,
                L("커서 이동·줄바꿈·지우기", "Move caret, new line, delete"),
            ),
            PrevColumn => (Some(L("열", "column")), L("왼쪽 열", "Column to the left")),
            NextColumn => (
                Some(L("열", "column")),
                L("오른쪽 열", "Column to the right"),
            ),
            MoveIdeaBack => (
                Some(L("단계 옮기기", "move")),
                L("이전 단계로 옮기기", "Move back one status"),
            ),
            MoveIdeaForward => (
                Some(L("단계 옮기기", "move")),
                L("다음 단계로 옮기기", "Move on to next status"),
            ),
            DropIdea => (
                Some(L("중단", "drop")),
                L("중단 / 되살리기", "Drop / restore"),
            ),
            ToggleDropped => (
                Some(L("중단 보기", "show dropped")),
                L("중단된 아이디어 보이기/가리기", "Show/hide dropped ideas"),
            ),
            NewIdea => (Some(L("새로", "new")), L("새 아이디어", "New idea")),
            EditIdea => (Some(L("수정", "edit")), L("아이디어 고치기", "Edit idea")),
            ToggleStale => (
                Some(L("오래됨", "stale")),
                L(
                    "60일 넘게 그대로인 것만 (켜기/끄기)",
                    "Only stale ideas, 60+ days (on/off)",
                ),
            ),
            OpenIdea => (
                Some(L("자세히", "details")),
                L("자세히 (지나온 단계·회의록)", "Details (history, notes)"),
            ),
            ClearFilter => (None, L("필터 지우기", "Clear filter")),
            Detail => (
                Some(L("상세", "detail")),
                L("상세 보기 / 닫기", "Show / hide details"),
            ),
            ForgetImports => (
                None,
                L(
                    "끝나지 않은 가져오기 안내 지우기 (기록만 지움)",
                    "Dismiss the unfinished-import warning (forgets the record)",
                ),
            ),
            Yes => (Some(L("예", "yes")), L("예 (진행)", "Yes (go ahead)")),
            No => (
                Some(L("아니요", "no")),
                L("아니요 (그대로 두기)", "No (leave it)"),
            ),
            Discard => (
                Some(L("버리기", "discard")),
                L("쓴 글 버리기", "Discard what was written"),
            ),
            IdeaFrom(_) => (
                None,
                L(
                    "이 메모로 협업 아이디어 만들기",
                    "New collaboration idea from this note",
                ),
            ),
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
