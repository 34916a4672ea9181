//! The frame around every screen: title, help, messages, replacing a file.

use super::{L, pick};

pub const APP: L = L("netday 네트워킹데이", "netday networking day");
pub const SCREEN_CHECKIN: L = L("체크인", "Check-in");
pub const SAVE_FAILED: L = L("저장하지 못했습니다", "Not saved");
pub const TOO_SMALL: L = L(
    "창이 너무 작습니다. 창을 키워 주세요.",
    "The window is too small. Please enlarge it.",
);
pub const NO_EVENT: L = L("선택된 네트워킹데이 없음", "No networking day selected");
pub const HELP_TITLE: L = L("도움말 — 이 화면의 키", "Help — keys of this screen");
pub const HELP_CLOSE: L = L("아무 키나 누르면 닫힙니다", "Press any key to close");
pub const TYPE_TO_SEARCH: L = L("글자 입력", "letters");
pub const PICK_EVENT_TITLE: L = L("네트워킹데이 선택", "Choose a networking day");
pub const OFFER_DEMO: L = L(
    "데이터베이스가 비어 있습니다. 예시 네트워킹데이(데모)를 불러올까요?",
    "The database is empty. Load the sample networking day (demo)?",
);
pub const OFFER_DEMO_KEYS: L = L(
    "Enter 불러오기 · Esc 빈 상태로 시작",
    "Enter load · Esc start empty",
);
pub fn paste_cut(kept: usize) -> String {
    pick(
        format!("붙여넣은 글이 너무 길어 {kept}자에서 잘랐습니다"),
        format!("The pasted text was too long: cut at {kept} characters"),
    )
}

pub const REPLACE_TITLE: L = L("파일 바꾸기", "Replace file");
pub fn confirm_replace(path: &str) -> String {
    pick(
        format!("{path} 파일이 이미 있습니다. 새 내용으로 바꿀까요?"),
        format!("{path} already exists. Replace it?"),
    )
}
pub fn not_replaced(path: &str) -> String {
    pick(
        format!("{path} 파일은 그대로 두었습니다. 아무것도 쓰지 않았습니다."),
        format!("{path} was left as it was; nothing was written."),
    )
}
