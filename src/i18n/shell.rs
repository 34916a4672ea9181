//! The frame around every screen: title, help, messages, replacing a file.

use super::{L, pick};
use crate::model::korean::{Particle, josa};

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
    "데이터베이스가 비어 있습니다. 오늘 네트워킹데이를 만들까요, 예시(데모)를 불러올까요? 다른 노트북의 명단을 받을 수도 있습니다.",
    "The database is empty. Create today's networking day, or load the sample (demo)? Or take the list of another laptop.",
);
pub const OFFER_DEMO_KEYS: L = L(
    "Enter 오늘 네트워킹데이 만들기 · d 데모 불러오기 · j 다른 노트북에서 받기 · Esc 빈 상태로 시작",
    "Enter create today's day · d load the demo · j take another laptop's list · Esc start empty",
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

// --- networking days (F5) ---

pub const EVENT_NEW_TITLE: L = L("새 네트워킹데이", "New networking day");
pub const EVENT_EDIT_TITLE: L = L("네트워킹데이 수정", "Edit networking day");
pub const F_EVENT_TITLE: L = L("제목*", "Title*");
pub const F_EVENT_DATE: L = L("날짜*", "Date*");
pub const F_EVENT_START: L = L("시작 (HH:MM)", "Starts (HH:MM)");
pub const F_EVENT_END: L = L("끝 (HH:MM)", "Ends (HH:MM)");
pub const F_EVENT_VENUE: L = L("장소", "Venue");
pub const EVENT_TITLE_REQUIRED: L = L("제목을 적어 주세요", "Give the day a title");
pub const EVENT_BAD_DATE: L = L(
    "날짜 형식이 아닙니다 (예: 2026-12-15, 12-15, 12/15)",
    "Not a date (e.g. 2026-12-15, 12-15, 12/15)",
);
pub const EVENT_END_BEFORE_START: L = L(
    "끝나는 시각이 시작보다 늦어야 합니다",
    "The end must be after the start",
);
pub const DELETE_EVENT_TITLE: L = L("네트워킹데이 삭제", "Delete networking day");
pub const NO_EVENTS_YET: L = L(
    "아직 네트워킹데이가 없습니다. n으로 만드세요.",
    "No networking day yet. Press n to create one.",
);
pub fn event_saved(title: &str, created: bool) -> String {
    if created {
        pick(
            format!("✓ {} 만들었습니다 (저장됨)", josa(title, Particle::EulReul)),
            format!("✓ Created {title} (saved)"),
        )
    } else {
        pick(
            format!("✓ {} 고쳤습니다 (저장됨)", josa(title, Particle::EulReul)),
            format!("✓ Updated {title} (saved)"),
        )
    }
}
pub fn event_deleted(title: &str) -> String {
    pick(
        format!("{} 지웠습니다", josa(title, Particle::EulReul)),
        format!("Deleted {title}"),
    )
}
pub fn event_not_empty(title: &str) -> String {
    pick(
        format!("{title} 에는 참석·안건·회의록 기록이 있어 지우지 않았습니다"),
        format!("{title} holds attendance, agenda or notes: not deleted"),
    )
}
pub fn confirm_delete_event(label: &str) -> String {
    pick(
        format!(
            "{} 지울까요? (기록이 없는 날만 지웁니다)",
            josa(label, Particle::EulReul)
        ),
        format!("Delete {label}? (only a day with no records)"),
    )
}

pub const YES: L = L("예", "yes");
pub const NO: L = L("아니오", "no");
/// The import preview's question, with the answer chosen now.
pub fn import_register_question(day: &str, answer: &str) -> String {
    pick(
        format!("{day}에 모두 참석 예정으로 등록: {answer} (Space로 바꾸기)"),
        format!("Register everyone for {day}: {answer} (Space to change)"),
    )
}

// --- 미도착 ---

pub fn missing_title(n: usize) -> String {
    pick(format!("미도착 {n}명"), format!("Not arrived: {n}"))
}
pub const NOBODY_MISSING: L = L(
    "예정된 사람이 모두 왔습니다",
    "Everyone expected has arrived",
);

// --- the walk-in that never duplicates ---

pub const NEW_PERSON: L = L("새 사람으로 등록", "register as a new person");
pub fn same_phone_found(who: &str) -> String {
    pick(
        format!("이미 있는 번호입니다: {who} — Enter로 이 사람을 체크인"),
        format!("This number is known: {who} — Enter checks this person in"),
    )
}

pub const WORKING_TITLE: L = L("작업 중 — 잠시 기다려 주세요", "Working — please wait");
/// "가져오는 중 1,000 / 3,000".
pub fn working_on(what: &str, done: u64, total: u64) -> String {
    format!("{what} {} / {}", grouped(done), grouped(total))
}

/// 1234567 → "1,234,567", as both languages write counts.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Under the gauge of work that can be stopped.
pub const GAUGE_CANCEL_KEY: L = L("Esc 취소", "Esc cancel");
/// The gauge once Esc (or a signal) stopped the work: what was written is being made safe.
pub const CANCELLING: L = L("취소하는 중…", "Cancelling…");
pub const NO_WORKER: L = L(
    "작업을 시작할 수 없습니다 (메모리 부족). 다른 프로그램을 닫고 다시 해 보세요.",
    "Could not start the work (out of memory). Close other programs and try again.",
);
