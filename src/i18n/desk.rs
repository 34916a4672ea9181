//! The check-in desk and its walk-in form.

use super::{L, pick};

pub const SEARCH: L = L("검색", "Search");
pub const SEARCH_HINT: L = L(
    "이름·소속·초성(ㄱㄱㅅ)·배지 코드",
    "name, organisation, initials (ㄱㄱㅅ), badge code",
);
pub const COL_NAME: L = L("이름", "Name");
pub const COL_ORG: L = L("소속 기관", "Organisation");
pub const COL_ROLE: L = L("직함", "Role");
pub const COL_CONTACT: L = L("연락처", "Contact");
pub const COL_STATUS: L = L("상태", "Status");
pub const COL_CODE: L = L("코드", "Code");
pub const FIRST_TIME: L = L("첫 참석", "first time");
pub const NOT_REGISTERED: L = L("미등록", "not registered");
pub const CONTACTS_SHOWN: L = L(
    "연락처를 보입니다 (참석자가 볼 수 있어요)",
    "Contacts shown (attendees can see the screen)",
);
pub const CONTACTS_HIDDEN: L = L("연락처를 가렸습니다", "Contacts hidden");
pub const PASTED_NOT_CHECKED_IN: L = L(
    "붙여 넣은 글이라 아무도 체크인하지 않았습니다. 맞는 분이면 Enter를 누르세요.",
    "Pasted text: nobody was checked in. Press Enter if this is the right person.",
);
pub const NOBODY_SELECTED: L = L(
    "선택된 사람이 없습니다. F2로 현장 등록하세요.",
    "Nobody selected. Press F2 to register a walk-in.",
);
pub const NOTHING_TO_UNDO: L = L("되돌릴 체크인이 없습니다", "No check-in to undo");
pub const NO_EVENT_SELECTED: L = L(
    "열린 네트워킹데이가 없습니다: F5에서 고르거나 n으로 새로 만드세요",
    "No networking day is open: choose one with F5, or press n there to create one",
);
pub const NO_REGISTERED: L = L(
    "아직 등록된 참석자가 없습니다. Ctrl-O로 명단 파일(엑셀·CSV)을 불러오거나, 이름을 입력해 찾거나, F2로 현장 등록하세요.",
    "No one registered yet. Ctrl-O imports a list (Excel or CSV); or type a name to search, or F2 for a walk-in.",
);
/// After a day's label once the day is closed (Ctrl-D on the 명단 screen).
pub const DAY_CLOSED_MARK: L = L("마감", "closed");
pub const TYPE_OR_PICK_FIRST: L = L(
    "빈 검색창의 Enter로는 아무도 체크인하지 않습니다: 이름·초성·배지 코드를 입력하거나 ↑↓로 고른 뒤 Enter를 누르세요",
    "Enter in an empty search box checks no one in: type a name, initials or badge code, or pick with ↑↓, then Enter",
);
pub const NO_RESULTS: L = L(
    "찾는 사람이 없습니다. F2로 현장 등록하세요.",
    "No one matches. Press F2 to register a walk-in.",
);
pub const CONFIRM_KEYS: L = L(
    "Enter/y 확인 · Esc/n 취소",
    "Enter/y confirm · Esc/n cancel",
);
pub const UNDO_TITLE: L = L("체크인 되돌리기", "Undo check-in");
pub const ARRIVED_BY_KIND: L = L("구분별 도착", "arrived by kind");
pub const MATCHES: L = L("명", "found");

/// A person as the desk names them: "구본준 (한빛협동조합)", or just "구본준" without an
/// organisation.
pub fn name_and_org(name: &str, org: &str) -> String {
    if org.trim().is_empty() {
        name.to_string()
    } else {
        format!("{name} ({org})")
    }
}

pub fn already_arrived(who: &str, hhmm: &str) -> String {
    pick(
        format!("{who}: 이미 {hhmm}에 도착했습니다"),
        format!("{who} already arrived at {hhmm}"),
    )
}
pub fn checked_in(who: &str, hhmm: &str) -> String {
    pick(
        format!("✓ {who} {hhmm} 도착 (저장됨)"),
        format!("✓ {who} arrived {hhmm} (saved)"),
    )
}
pub fn walked_in(who: &str, hhmm: &str) -> String {
    pick(
        format!("✓ {who} 현장 등록, {hhmm} 도착 (저장됨)"),
        format!("✓ {who} registered as walk-in, arrived {hhmm} (saved)"),
    )
}
pub fn undone(name: &str) -> String {
    pick(
        format!("{name}의 체크인을 되돌렸습니다"),
        format!("Check-in of {name} undone"),
    )
}
pub fn walk_in_undone(name: &str) -> String {
    pick(
        format!("{name}의 현장 등록을 되돌렸습니다 (명단에서도 뺐습니다)"),
        format!("Walk-in of {name} undone (taken off the list too)"),
    )
}
pub fn confirm_undo(who: &str) -> String {
    pick(
        format!("이 사람의 체크인을 되돌릴까요?\n{who}"),
        format!("Undo the check-in of this person?\n{who}"),
    )
}
pub fn arrived_at(hhmm: &str) -> String {
    pick(format!("도착 {hhmm}"), format!("arrived {hhmm}"))
}
pub fn walk_in_at(hhmm: &str) -> String {
    pick(format!("현장 {hhmm}"), format!("walk-in {hhmm}"))
}
pub fn too_small(w: u16, h: u16, need_w: u16, need_h: u16) -> String {
    pick(
        format!("지금 {w}×{h}, 최소 {need_w}×{need_h}"),
        format!("now {w}×{h}, needs {need_w}×{need_h}"),
    )
}

// --- walk-in form ---
pub const WALKIN_TITLE: L = L("현장 등록", "Walk-in");
pub const F_NAME: L = L("이름*", "Name*");
pub const F_ORG: L = L("소속 기관", "Organisation");
pub const F_KIND: L = L("구분 (새 기관)", "Kind (new org.)");
pub const F_PHONE: L = L("연락처", "Phone");
pub const NEW_ORG: L = L(
    "새 기관으로 등록됩니다",
    "will be added as a new organisation",
);
pub const NAME_REQUIRED: L = L("이름을 입력하세요", "Name is required");
pub const PHONE_INVALID: L = L(
    "전화번호 형식이 아닙니다 (예: 010-1234-5678)",
    "Not a phone number (e.g. 010-1234-5678)",
);
pub const ESC_AGAIN_TO_DISCARD: L = L(
    "입력한 내용이 있습니다. Esc를 한 번 더 누르면 버립니다.",
    "There is unsaved input. Press Esc again to discard it.",
);

// --- the day's numbers ---
/// The day's numbers as every place shows them (desk header, 명단, `netday events`, minutes).
/// No "a/b": arrivals may pass the expected count once walk-ins come.
pub fn day_count(c: &crate::model::counts::DayCount) -> String {
    let crate::model::counts::DayCount {
        arrived,
        expected,
        walk_ins,
        missing,
        tentative,
    } = c;
    let line = pick(
        format!("도착 {arrived}·예정 {expected}·현장 {walk_ins}·미도착 {missing}"),
        format!("arrived {arrived}·expected {expected}·walk-ins {walk_ins}·missing {missing}"),
    );
    match tentative {
        0 => line,
        t => pick(format!("{line}·미정 {t}"), format!("{line}·tentative {t}")),
    }
}

// --- netday checkin ---
pub const CHECKIN_EMPTY: L = L(
    "체크인할 사람의 배지 코드나 이름을 적으세요. 아무도 체크인하지 않았습니다.",
    "Give the badge code or the name of the person to check in. Nobody was checked in.",
);

/// `netday checkin` without `--event` and no networking day today.
pub fn checkin_no_day_today(today: &str) -> (String, String) {
    (
        format!(
            "오늘({today})은 네트워킹데이가 없어 아무도 체크인하지 않았습니다. 다른 날이면 --event 날짜를 붙이세요 (`netday events`로 날짜 확인)."
        ),
        format!(
            "There is no networking day today ({today}), so nobody was checked in. For another day add --event DATE (`netday events` lists the dates)."
        ),
    )
}

/// `netday checkin` on a day that was closed (Ctrl-D on the 명단 screen).
pub fn checkin_day_closed(title: &str, date: &str) -> (String, String) {
    use crate::model::korean::{Particle, particle};
    (
        format!(
            "{date} {title}{} 마감되어 아무도 체크인하지 않았습니다. 늦게 온 분을 받으려면 앱의 명단 화면에서 Ctrl-Z로 마감을 되돌린 뒤 다시 하세요.",
            particle(title, Particle::EunNeun)
        ),
        format!(
            "{title} on {date} is closed, so nobody was checked in. To admit a late arrival, undo the closing first (Ctrl-Z on the People screen of the app), then try again."
        ),
    )
}

/// `netday checkin QUERY` found nobody.
pub fn checkin_nobody(query: &str) -> (String, String) {
    (
        format!(
            "'{query}'에 맞는 사람이 없어 아무도 체크인하지 않았습니다. 철자를 확인하거나, 처음 온 분이면 앱의 체크인 화면에서 F2로 현장 등록하세요."
        ),
        format!(
            "No one matches '{query}', so nobody was checked in. Check the spelling; for a newcomer, register a walk-in with F2 on the app's check-in screen."
        ),
    )
}

/// `netday checkin QUERY` found one person, but only by a likeness of the name or by their
/// organisation (listed above).
pub fn checkin_only_alike(query: &str) -> (String, String) {
    (
        format!(
            "'{query}'{} 이름이 꼭 맞는 사람이 없습니다. 이름이 비슷하거나 소속이 맞는 사람만 있어 아무도 체크인하지 않았습니다. 위의 분이 맞으면 그분의 배지 코드로 다시 하세요: netday checkin 코드",
            crate::model::korean::particle(query, crate::model::korean::Particle::GwaWa)
        ),
        format!(
            "No one's name matches '{query}'; the one listed only has a similar name or that organisation, so nobody was checked in. If it is them, run it again with their badge code: netday checkin CODE"
        ),
    )
}

/// `netday checkin QUERY` found `total` people; the first `shown` are listed above.
pub fn checkin_several(query: &str, total: usize, shown: usize) -> (String, String) {
    let (more_ko, more_en) = if shown < total {
        (
            format!(" (앞의 {shown}명만 보임)"),
            format!(" (the first {shown} shown)"),
        )
    } else {
        (String::new(), String::new())
    };
    (
        format!(
            "'{query}'에 맞는 사람이 {total}명이라{more_ko} 아무도 체크인하지 않았습니다. 목록에서 그분의 배지 코드로 다시 하세요: netday checkin 코드"
        ),
        format!(
            "{total} people match '{query}'{more_en}, so nobody was checked in. Run it again with that person's badge code from the list: netday checkin CODE"
        ),
    )
}

/// One candidate of a refused `netday checkin`, as the desk shows them: name · organisation ·
/// masked phone · badge code, and the arrival time when they have arrived.
pub fn checkin_candidate(
    name: &str,
    org: &str,
    masked_phone: &str,
    code: &str,
    arrived: Option<&str>,
) -> String {
    let or_dash = |s: &str| {
        if s.trim().is_empty() {
            "-".to_string()
        } else {
            s.to_string()
        }
    };
    let line = format!(
        "{name} · {} · {} · {}",
        or_dash(org),
        or_dash(masked_phone),
        or_dash(code)
    );
    match arrived {
        Some(hhmm) => pick(
            format!("{line} · {hhmm} 도착"),
            format!("{line} · arrived {hhmm}"),
        ),
        None => line,
    }
}
