//! Every user-facing string, Korean first, English alongside.

use std::sync::atomic::{AtomicU8, Ordering};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Ko,
    En,
}

impl Lang {
    /// `--lang` wins; otherwise Korean unless LANG (or LC_ALL/LC_MESSAGES) names another language.
    pub fn detect(flag: Option<&str>) -> Lang {
        if let Some(f) = flag {
            return if f.to_lowercase().starts_with("en") {
                Lang::En
            } else {
                Lang::Ko
            };
        }
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var)
                && !v.is_empty()
            {
                let v = v.to_lowercase();
                return if v.starts_with("ko") || v == "c" || v == "posix" || v.starts_with("c.") {
                    Lang::Ko
                } else {
                    Lang::En
                };
            }
        }
        Lang::Ko
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// The language of this process (set once at start-up; tests may set it too).
pub fn set_lang(l: Lang) {
    CURRENT.store(l as u8, Ordering::Relaxed);
}
pub fn lang() -> Lang {
    if CURRENT.load(Ordering::Relaxed) == 1 {
        Lang::En
    } else {
        Lang::Ko
    }
}

/// A string in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct L(pub &'static str, pub &'static str);

impl L {
    pub fn get(self) -> &'static str {
        self.in_lang(lang())
    }
    pub fn in_lang(self, l: Lang) -> &'static str {
        match l {
            Lang::Ko => self.0,
            Lang::En => self.1,
        }
    }
}

impl std::fmt::Display for L {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.get())
    }
}

/// Picks the Korean or English text of an already-formatted pair.
pub fn pick(ko: String, en: String) -> String {
    match lang() {
        Lang::Ko => ko,
        Lang::En => en,
    }
}

// --- command line ---
pub const ERROR: L = L("오류", "Error");
pub const NO_SUCH_EVENT: L = L(
    "그 날짜의 네트워킹데이가 없습니다",
    "No networking day on that date",
);
pub const DEMO_LOADED: L = L("데모 데이터를 불러왔습니다", "Demo data loaded");
pub const NO_EVENTS: L = L(
    "네트워킹데이가 없습니다. `netday demo`로 예시를 불러오세요.",
    "No networking days yet. Try `netday demo`.",
);
pub const NO_MATCH: L = L("찾는 사람이 없습니다", "No one matches");
pub const DRY_RUN: L = L(
    "시험 실행: 아무것도 저장하지 않았습니다",
    "Dry run: nothing was saved",
);
pub const RESTORE_NOT_EMPTY: L = L(
    "데이터베이스가 비어 있지 않습니다. 덮어쓰려면 --replace를 쓰세요 (먼저 자동 백업합니다).",
    "The database is not empty. Use --replace to overwrite it (a backup is made first).",
);

pub fn import_summary(added: usize, updated: usize, skipped: usize, errors: usize) -> String {
    pick(
        format!("추가 {added}명, 갱신 {updated}명, 건너뜀 {skipped}명, 오류 {errors}행"),
        format!("added {added}, updated {updated}, skipped {skipped}, errors {errors}"),
    )
}
pub fn registered_for(n: usize, title: &str) -> String {
    pick(
        format!("{title}에 참석 예정으로 {n}명 등록"),
        format!("{n} registered as expected for {title}"),
    )
}
pub fn row_error(line: usize, why: &str) -> String {
    pick(format!("{line}행: {why}"), format!("line {line}: {why}"))
}
pub fn wrote_file(path: &str, rows: usize) -> String {
    pick(
        format!("{path}에 {rows}행을 썼습니다"),
        format!("wrote {rows} rows to {path}"),
    )
}

// --- the shell ---
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

// --- check-in ---
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
pub const ARRIVED: L = L("도착", "arrived");
pub const EXPECTED: L = L("참석 예정", "expected");
pub const WALK_IN: L = L("현장 등록", "walk-in");
pub const CANCELLED: L = L("취소", "cancelled");
pub const NO_SHOW: L = L("불참", "no-show");
pub const CONTACTS_SHOWN: L = L(
    "연락처를 보입니다 (참석자가 볼 수 있어요)",
    "Contacts shown (attendees can see the screen)",
);
pub const CONTACTS_HIDDEN: L = L("연락처를 가렸습니다", "Contacts hidden");
pub const NOBODY_SELECTED: L = L(
    "선택된 사람이 없습니다. F2로 현장 등록하세요.",
    "Nobody selected. Press F2 to register a walk-in.",
);
pub const NOTHING_TO_UNDO: L = L("되돌릴 체크인이 없습니다", "No check-in to undo");
pub const NO_EVENT_SELECTED: L = L(
    "네트워킹데이를 먼저 고르세요 (F5)",
    "Choose a networking day first (F5)",
);
pub const NO_REGISTERED: L = L(
    "아직 등록된 참석자가 없습니다. 이름을 입력해 찾거나 F2로 현장 등록하세요.",
    "No one registered yet. Type a name to search, or F2 for a walk-in.",
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
pub const HINT_CHECKIN: L = L(
    "이름 입력 → Enter 체크인 · F2 현장 등록 · Ctrl-Z 되돌리기 · F3 연락처 · F5 행사 · F1 도움말 · Ctrl-C 종료",
    "type a name → Enter check in · F2 walk-in · Ctrl-Z undo · F3 contacts · F5 event · F1 help · Ctrl-C quit",
);
pub const LIVE_ARRIVED: L = L("도착", "arrived");
pub const LIVE_WALKINS: L = L("현장 등록", "walk-ins");
pub const MATCHES: L = L("명", "found");

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
pub fn confirm_undo(name: &str) -> String {
    pick(
        format!("{name}의 체크인을 되돌릴까요?"),
        format!("Undo the check-in of {name}?"),
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
pub const WALKIN_KEYS: L = L(
    "Tab/↓ 다음 칸 · ↑ 이전 칸 · ←→ 구분 · Enter 저장하고 체크인 · Esc 취소",
    "Tab/↓ next · ↑ previous · ←→ kind · Enter save and check in · Esc cancel",
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

pub fn weekday(d: chrono::NaiveDate) -> &'static str {
    use chrono::Datelike;
    let i = d.weekday().num_days_from_monday() as usize;
    match lang() {
        Lang::Ko => ["월", "화", "수", "목", "금", "토", "일"][i],
        Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][i],
    }
}

/// Short organisation-kind labels for the live count.
pub fn kind_short(k: crate::model::OrgKind) -> &'static str {
    use crate::model::OrgKind::*;
    let (ko, en) = match k {
        CreditUnion => ("신협", "CU"),
        ConsumerCoop => ("생협", "consumer"),
        FrameworkCoop => ("협동조합", "co-op"),
        SocialCoop => ("사협", "social"),
        SupportBody => ("지원기관", "support"),
        Other => ("기타", "other"),
    };
    L(ko, en).get()
}

// --- speed and scale (netday generate) ---

/// Summary line of `netday generate`.
pub fn generated(g: &crate::generate::Generated, millis: u128) -> String {
    pick(
        format!(
            "생성 완료: 사람 {}명, 기관 {}곳, 네트워킹데이 {}회, 참석 기록 {}건, 메모 {}건, 협업 아이디어 {}건 ({} ms)",
            g.people, g.orgs, g.events, g.attendance, g.notes, g.ideas, millis
        ),
        format!(
            "generated: {} people, {} organisations, {} networking days, {} attendance records, {} notes, {} ideas ({} ms)",
            g.people, g.orgs, g.events, g.attendance, g.notes, g.ideas, millis
        ),
    )
}
