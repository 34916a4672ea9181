//! What each key action does, in the footer (a word or two, or none) and in the F1 help: one
//! pair per `keymap::Action`, which `Action::words` picks.

use super::L;

pub const ACTION_QUIT: (Option<L>, L) = (Some(L("종료", "quit")), L("종료", "Quit"));
pub const ACTION_HELP: (Option<L>, L) = (
    Some(L("도움말", "help")),
    L("도움말 (이 화면의 키)", "Help (keys of this screen)"),
);
pub const ACTION_NEXT_SCREEN: (Option<L>, L) = (None, L("다음 화면", "Next screen"));
pub const ACTION_PREV_SCREEN: (Option<L>, L) = (None, L("이전 화면", "Previous screen"));
pub const ACTION_PICK_EVENT: (Option<L>, L) = (
    Some(L("행사", "event")),
    L("네트워킹데이 선택", "Choose networking day"),
);
pub const ACTION_INPUT: (Option<L>, L) = (None, L("입력", "Type"));
pub const ACTION_PASTE: (Option<L>, L) = (None, L("입력", "Type"));
pub const ACTION_BACKSPACE: (Option<L>, L) = (None, L("한 글자 지우기", "Delete one character"));
pub const ACTION_DELETE_CHAR: (Option<L>, L) = (
    None,
    L(
        "커서 뒤 글자 지우기",
        "Delete the character after the caret",
    ),
);
pub const ACTION_CLEAR_FIELD: (Option<L>, L) = (None, L("칸 비우기", "Clear the field"));
pub const ACTION_DELETE_WORD: (Option<L>, L) = (
    None,
    L("앞 단어 지우기", "Delete the word before the caret"),
);
pub const ACTION_WORD_LEFT: (Option<L>, L) = (None, L("한 단어 왼쪽으로", "One word left"));
pub const ACTION_WORD_RIGHT: (Option<L>, L) = (None, L("한 단어 오른쪽으로", "One word right"));
pub const ACTION_CANCEL: (Option<L>, L) = (None, L("검색 지우기 / 닫기", "Clear search / close"));
pub const ACTION_UP: (Option<L>, L) = (None, L("위로", "Up"));
pub const ACTION_DOWN: (Option<L>, L) = (None, L("아래로", "Down"));
pub const ACTION_PAGE_UP: (Option<L>, L) = (None, L("한 쪽 위로", "Page up"));
pub const ACTION_PAGE_DOWN: (Option<L>, L) = (None, L("한 쪽 아래로", "Page down"));
pub const ACTION_HOME: (Option<L>, L) = (
    None,
    L("맨 위로 / 칸의 맨 앞으로", "First row / start of the field"),
);
pub const ACTION_END: (Option<L>, L) = (
    None,
    L("맨 아래로 / 칸의 맨 끝으로", "Last row / end of the field"),
);
pub const ACTION_SUBMIT: (Option<L>, L) = (None, L("체크인 / 확인", "Check in / confirm"));
pub const ACTION_UNDO: (Option<L>, L) = (
    Some(L("되돌리기", "undo")),
    L("마지막 체크인 되돌리기", "Undo last check-in"),
);
pub const ACTION_WALK_IN: (Option<L>, L) =
    (Some(L("현장 등록", "walk-in")), L("현장 등록", "Walk-in"));
pub const ACTION_TOGGLE_CONTACTS: (Option<L>, L) = (
    Some(L("연락처", "contacts")),
    L("연락처 보이기/가리기", "Show/hide contacts"),
);
pub const ACTION_NEXT_FIELD: (Option<L>, L) = (None, L("다음 칸", "Next field"));
pub const ACTION_PREV_FIELD: (Option<L>, L) = (None, L("이전 칸", "Previous field"));
pub const ACTION_LEFT: (Option<L>, L) = (
    None,
    L("커서 왼쪽 / 이전 선택지", "Caret left / previous choice"),
);
pub const ACTION_RIGHT: (Option<L>, L) = (
    None,
    L("커서 오른쪽 / 다음 선택지", "Caret right / next choice"),
);
pub const ACTION_LOAD_DEMO: (Option<L>, L) = (
    Some(L("데모", "demo")),
    L("데모 데이터 불러오기", "Load demo data"),
);
pub const ACTION_NEW_EVENT: (Option<L>, L) = (
    Some(L("새로", "new")),
    L("새 네트워킹데이 만들기", "Create a networking day"),
);
pub const ACTION_SHOW_MISSING: (Option<L>, L) = (
    Some(L("미도착", "not arrived")),
    L(
        "미도착: 아직 오지 않은 사람 (전화하기)",
        "Not arrived yet: whom to call",
    ),
);
pub const ACTION_RESIZE: (Option<L>, L) = (None, L("화면 크기 변경", "Resize"));
pub const ACTION_EDIT: (Option<L>, L) = (Some(L("수정", "edit")), L("수정", "Edit"));
pub const ACTION_ADD_PERSON: (Option<L>, L) = (Some(L("추가", "add")), L("새로 추가", "Add new"));
pub const ACTION_FILTER_MENU: (Option<L>, L) = (Some(L("필터", "filter")), L("필터", "Filters"));
pub const ACTION_SORT_NEXT: (Option<L>, L) = (
    Some(L("정렬", "sort")),
    L("정렬 열 바꾸기", "Sort by next column"),
);
pub const ACTION_SORT_REVERSE: (Option<L>, L) = (None, L("정렬 방향 바꾸기", "Reverse sort"));
pub const ACTION_TOGGLE_EVERYONE: (Option<L>, L) = (
    Some(L("전체", "everyone")),
    L("이번 행사 / 전체 명단", "This event / everyone"),
);
pub const ACTION_REGISTER: (Option<L>, L) = (
    Some(L("등록", "register")),
    L("참석 등록 / 등록 취소", "Register / unregister"),
);
pub const ACTION_ARCHIVE: (Option<L>, L) = (
    Some(L("보관", "archive")),
    L("보관 (참석 기록 유지)", "Archive (history kept)"),
);
pub const ACTION_RESTORE: (Option<L>, L) = (
    None,
    L(
        "보관된 사람 되살리기 (필터 → 보관)",
        "Restore an archived person (filter → archived)",
    ),
);
pub const ACTION_MERGE: (Option<L>, L) = (
    None,
    L(
        "중복 병합 (두 번: 중복 → 남길 사람)",
        "Merge duplicates (twice: dup → keep)",
    ),
);
pub const ACTION_CLOSE_DAY: (Option<L>, L) = (
    None,
    L(
        "행사 마감 (남은 참석 예정 → 불참)",
        "Close the day (expected → no-show)",
    ),
);
pub const ACTION_TOGGLE_ORGS: (Option<L>, L) = (
    Some(L("기관 / 사람", "orgs / people")),
    L("사람 / 소속 기관 보기", "People / organisations"),
);
pub const ACTION_IMPORT_PEOPLE: (Option<L>, L) =
    (None, L("명단 파일 가져오기", "Import a list file"));
pub const ACTION_EXPORT_PEOPLE: (Option<L>, L) = (
    None,
    L(
        "지금 목록을 명단 파일로 내보내기",
        "Export this view to a list file",
    ),
);
pub const ACTION_UNDO_CLOSE_DAY: (Option<L>, L) =
    (None, L("행사 마감 되돌리기", "Undo closing the day"));
pub const ACTION_TICK: (Option<L>, L) = (None, L("임시 저장", "Save draft"));
pub const ACTION_ADD_ITEM: (Option<L>, L) = (
    Some(L("추가", "add")),
    L("추가 / 새 메모", "Add / new note"),
);
pub const ACTION_DELETE: (Option<L>, L) = (
    Some(L("삭제", "delete")),
    L("삭제 (확인 후)", "Delete (asks first)"),
);
pub const ACTION_MOVE_UP: (Option<L>, L) = (None, L("안건을 위로", "Move item up"));
pub const ACTION_MOVE_DOWN: (Option<L>, L) = (None, L("안건을 아래로", "Move item down"));
pub const ACTION_CYCLE_STATUS: (Option<L>, L) = (
    Some(L("상태", "status")),
    L(
        "상태 바꾸기 (예정→진행 중→완료)",
        "Cycle status (planned→running→done)",
    ),
);
pub const ACTION_TEMPLATE: (Option<L>, L) = (
    Some(L("기본 안건", "template")),
    L(
        "기본 4개 안건으로 시작",
        "Start from the standard four segments",
    ),
);
pub const ACTION_COPY_LAST: (Option<L>, L) = (
    Some(L("지난달 복사", "copy last")),
    L(
        "지난 네트워킹데이 안건 복사",
        "Copy last networking day's agenda",
    ),
);
pub const ACTION_CYCLE_AGENDA_FILTER: (Option<L>, L) = (
    Some(L("안건", "agenda item")),
    L(
        "안건별 보기 / 안건 고르기",
        "Filter by agenda item / choose item",
    ),
);
pub const ACTION_CYCLE_KIND_FILTER: (Option<L>, L) = (
    Some(L("종류", "kind")),
    L(
        "종류별 보기 (메모·결정·실행 과제)",
        "Filter by kind (note, decision, action)",
    ),
);
pub const ACTION_CYCLE_KIND: (Option<L>, L) = (
    Some(L("종류", "kind")),
    L(
        "종류 바꾸기 (메모→결정 사항→실행 과제)",
        "Cycle kind (note→decision→action)",
    ),
);
pub const ACTION_OPEN_ACTIONS: (Option<L>, L) = (
    Some(L("미완료 과제", "open actions")),
    L(
        "모든 미완료 실행 과제 / 돌아가기",
        "All open action items / back",
    ),
);
pub const ACTION_TOGGLE_DONE: (Option<L>, L) = (
    Some(L("완료", "done")),
    L(
        "실행 과제 완료 표시/해제",
        "Mark action item done / not done",
    ),
);
pub const ACTION_OWNER_DUE: (Option<L>, L) = (
    Some(L("담당·기한", "owner/due")),
    L("담당·기한 정하기", "Set owner and due date"),
);
pub const ACTION_EXPORT_MINUTES: (Option<L>, L) = (
    Some(L("회의록", "minutes")),
    L("회의록 파일로 내보내기", "Export minutes to a file"),
);
pub const ACTION_EXPORT_MINUTES_TEXT: (Option<L>, L) = (
    Some(L("단톡용", "for chat")),
    L(
        "회의록을 단톡방에 붙일 글(.txt)로 내보내기",
        "Export minutes as plain text for a chat group (.txt)",
    ),
);
pub const ACTION_EXPORT_PACK: (Option<L>, L) = (
    Some(L("결과보고", "report")),
    L(
        "결과보고 자료 한 번에: 회의록 PDF·.docx, 참석 .xlsx, 출석부·서명부 PDF",
        "The report in one go: minutes PDF and .docx, attendance .xlsx, attendance record and sign-in sheet PDFs",
    ),
);
pub const ACTION_CYCLE_FORMAT: (Option<L>, L) = (
    Some(L("형식", "format")),
    L(
        "파일 형식 바꾸기 (회의록: PDF·.docx·.md·.txt, 결과보고: 폴더·.zip)",
        "Change the file type (minutes: PDF, .docx, .md, .txt; report: folder or .zip)",
    ),
);
pub const ACTION_PRINT: (Option<L>, L) = (
    Some(L("인쇄", "print")),
    L(
        "서명부·이름표·출석부를 PDF로 인쇄",
        "Print the sign-in sheet, badges or attendance record (PDF)",
    ),
);
pub const ACTION_IDEA_FROM_NOTE: (Option<L>, L) = (
    Some(L("아이디어로", "to idea")),
    L(
        "이 메모로 협업 아이디어 만들기",
        "New collaboration idea from this note",
    ),
);
pub const ACTION_SAVE: (Option<L>, L) = (Some(L("저장", "save")), L("저장", "Save"));
pub const ACTION_EDIT_KEY: (Option<L>, L) = (
    None,
    L("커서 이동·줄바꿈·지우기", "Move caret, new line, delete"),
);
pub const ACTION_PREV_COLUMN: (Option<L>, L) =
    (Some(L("열", "column")), L("왼쪽 열", "Column to the left"));
pub const ACTION_NEXT_COLUMN: (Option<L>, L) = (
    Some(L("열", "column")),
    L("오른쪽 열", "Column to the right"),
);
pub const ACTION_MOVE_IDEA_BACK: (Option<L>, L) = (
    Some(L("단계 옮기기", "move")),
    L("이전 단계로 옮기기", "Move back one status"),
);
pub const ACTION_MOVE_IDEA_FORWARD: (Option<L>, L) = (
    Some(L("단계 옮기기", "move")),
    L("다음 단계로 옮기기", "Move on to next status"),
);
pub const ACTION_DROP_IDEA: (Option<L>, L) = (
    Some(L("중단", "drop")),
    L("중단 / 되살리기", "Drop / restore"),
);
pub const ACTION_TOGGLE_DROPPED: (Option<L>, L) = (
    Some(L("중단 보기", "show dropped")),
    L("중단된 아이디어 보이기/가리기", "Show/hide dropped ideas"),
);
pub const ACTION_NEW_IDEA: (Option<L>, L) = (Some(L("새로", "new")), L("새 아이디어", "New idea"));
pub const ACTION_EDIT_IDEA: (Option<L>, L) =
    (Some(L("수정", "edit")), L("아이디어 고치기", "Edit idea"));
pub const ACTION_TOGGLE_STALE: (Option<L>, L) = (
    Some(L("오래됨", "stale")),
    L(
        "60일 넘게 그대로인 것만 (켜기/끄기)",
        "Only stale ideas, 60+ days (on/off)",
    ),
);
pub const ACTION_OPEN_IDEA: (Option<L>, L) = (
    Some(L("자세히", "details")),
    L("자세히 (지나온 단계·회의록)", "Details (history, notes)"),
);
pub const ACTION_CLEAR_FILTER: (Option<L>, L) = (None, L("필터 지우기", "Clear filter"));
pub const ACTION_DETAIL: (Option<L>, L) = (
    Some(L("상세", "detail")),
    L("상세 보기 / 닫기", "Show / hide details"),
);
pub const ACTION_FORGET_IMPORTS: (Option<L>, L) = (
    None,
    L(
        "끝나지 않은 가져오기 안내 지우기 (기록만 지움)",
        "Dismiss the unfinished-import warning (forgets the record)",
    ),
);
pub const ACTION_YES: (Option<L>, L) = (Some(L("예", "yes")), L("예 (진행)", "Yes (go ahead)"));
pub const ACTION_NO: (Option<L>, L) = (
    Some(L("아니요", "no")),
    L("아니요 (그대로 두기)", "No (leave it)"),
);
pub const ACTION_DISCARD: (Option<L>, L) = (
    Some(L("버리기", "discard")),
    L("쓴 글 버리기", "Discard what was written"),
);
pub const ACTION_IDEA_FROM: (Option<L>, L) = (
    None,
    L(
        "이 메모로 협업 아이디어 만들기",
        "New collaboration idea from this note",
    ),
);

pub const ACTION_UNDO_CHANGE: (Option<L>, L) = (
    Some(L("되돌리기", "undo")),
    L(
        "이 변경 되돌리기 (먼저 묻습니다)",
        "Undo this change (asks first)",
    ),
);

// The footer's word for a key where it means something particular in its context.
pub const FOOTER_CHECK_IN: L = L("체크인", "check in");
pub const FOOTER_CHOOSE: L = L("고르기", "choose");
pub const FOOTER_CLOSE: L = L("닫기", "close");
pub const FOOTER_TAKE_OR_SAVE: L = L("고르기·저장", "take / save");
pub const FOOTER_IMPORT: L = L("가져오기", "import");
pub const FOOTER_CHOOSE_COLUMN: L = L("열 고르기", "choose column");
pub const FOOTER_CHANGE_FIELD: L = L("항목 바꾸기", "change field");
pub const FOOTER_REGISTER: L = L("등록 여부", "register?");
pub const FOOTER_BACK: L = L("뒤로", "back");
pub const FOOTER_CANCEL: L = L("취소", "cancel");
pub const FOOTER_CONFIRM: L = L("확인", "confirm");
pub const FOOTER_CLOSE_KEEP_DRAFT: L = L("닫기(임시 저장 유지)", "close (draft kept)");
pub const FOOTER_KEEP_WRITING: L = L("계속 쓰기", "keep writing");
pub const FOOTER_NEXT_FIELD: L = L("다음 칸", "next field");
pub const FOOTER_CLEAR_FIELD: L = L("칸 비우기", "clear field");
pub const FOOTER_MERGE_ROW: L = L("항목", "field");
pub const FOOTER_MERGE_PICK: L = L("남길 값 고르기", "choose the value kept");
pub const FOOTER_MERGE: L = L("병합", "merge");
