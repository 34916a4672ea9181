//! The collaboration ideas board.

use super::{L, pick};

pub const SCREEN_IDEAS: L = L("협업 아이디어", "Ideas");
pub const DROPPED_SHOWN: L = L("중단된 아이디어를 보입니다", "Dropped ideas shown");
pub const DROPPED_HIDDEN: L = L("중단된 아이디어를 가렸습니다", "Dropped ideas hidden");
pub const NO_IDEA_SELECTED: L = L(
    "선택된 아이디어가 없습니다. n으로 새로 만드세요.",
    "No idea selected. Press n to add one.",
);
pub const RESTORE_FIRST: L = L(
    "중단된 아이디어입니다. x로 먼저 되살리세요.",
    "This idea is dropped. Press x to restore it first.",
);
pub const FILTER_CLEARED: L = L("필터를 지웠습니다", "Filter cleared");
pub const IDEA_TITLE_REQUIRED: L = L("제목을 입력하세요", "A title is required");
pub const DUE_INVALID: L = L(
    "기한 형식이 아닙니다 (예: 2026-12-01 또는 12-01)",
    "Not a date (e.g. 2026-12-01 or 12-01)",
);
pub const PICK_OR_CLEAR: L = L(
    "목록에서 Enter로 고르거나 입력을 지우세요",
    "Pick from the list with Enter, or clear the text",
);
pub const IDEA_NEW_TITLE: L = L("새 협업 아이디어", "New idea");
pub const IDEA_EDIT_TITLE: L = L("협업 아이디어 고치기", "Edit idea");
pub const IDEA_FILTER_TITLE: L = L("필터", "Filter");
pub const IDEA_F_TITLE: L = L("제목*", "Title*");
pub const F_CATEGORY: L = L("분야", "Category");
pub const F_ORGS: L = L("참여 기관", "Organisations");
pub const IDEA_F_OWNER: L = L("담당", "Owner");
pub const F_NEXT_STEP: L = L("다음 할 일", "Next step");
pub const IDEA_F_DUE: L = L("기한", "Due");
pub const F_DESCRIPTION: L = L("설명", "Description");
pub const F_STALE: L = L("오래됨 (60일+)", "Stale (60+ days)");
pub const F_TEXT: L = L("글자", "Text");
pub const F_STATUS: L = L("단계", "Status");
pub const F_CREATED: L = L("만든 날", "Created");
pub const F_UPDATED: L = L("바뀐 날", "Updated");
pub const ON: L = L("켬", "on");
pub const OFF: L = L("끔", "off");
pub const TYPE_TO_PICK: L = L("입력해서 찾기", "type to find");
pub const LINKED_NOTES: L = L("연결된 회의록", "Linked notes");
pub const HISTORY: L = L("지나온 단계", "History");
pub const NO_HISTORY: L = L("아직 옮긴 적 없음", "Not moved yet");
pub const IDEA_NO_NOTES: L = L("연결된 회의록 없음", "No linked notes");
pub const NO_IDEAS_HERE: L = L("(없음)", "(none)");
pub const FILTERED: L = L("필터", "filter");
pub const STALE: L = L("오래됨", "stale");
pub const IDEA_DETAIL_KEYS: L = L(
    "↑↓ 넘기기 · Enter/e 고치기 · Esc 닫기",
    "↑↓ scroll · Enter/e edit · Esc close",
);
pub fn org_count(n: usize) -> String {
    pick(format!("{n}곳"), format!("{n} orgs"))
}
pub fn idea_moved(title: &str, to: crate::model::IdeaStatus, hidden: bool) -> String {
    let tail = if hidden {
        pick(" (d로 보기)".into(), " (d shows it)".into())
    } else {
        String::new()
    };
    pick(
        format!("“{title}” → {} (저장됨){tail}", to.ko()),
        format!("“{title}” → {} (saved){tail}", to.en()),
    )
}
pub fn idea_created(title: &str) -> String {
    pick(
        format!("✓ 새 아이디어 “{title}” (저장됨)"),
        format!("✓ New idea “{title}” (saved)"),
    )
}
pub fn idea_saved(title: &str) -> String {
    pick(format!("✓ “{title}” 저장됨"), format!("✓ “{title}” saved"))
}
pub fn linked_count(n: usize) -> String {
    pick(format!("회의록 {n}건 연결"), format!("{n} linked notes"))
}
