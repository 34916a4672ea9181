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

/// What a backup holds (messages about backups and restores).
pub fn backup_contents(c: &crate::store::Counts) -> String {
    pick(
        format!(
            "사람 {}명, 기관 {}곳, 네트워킹데이 {}개, 참석 기록 {}건, 안건 {}개, 메모 {}건, 협업 아이디어 {}건",
            c.people, c.orgs, c.events, c.attendance, c.agenda, c.notes, c.ideas
        ),
        format!(
            "{} people, {} organisations, {} networking days, {} attendance records, {} agenda items, {} notes, {} ideas",
            c.people, c.orgs, c.events, c.attendance, c.agenda, c.notes, c.ideas
        ),
    )
}
pub fn backup_written(path: &str, c: &crate::store::Counts) -> String {
    pick(
        format!("백업을 썼습니다: {path} ({})", backup_contents(c)),
        format!("Backup written to {path} ({})", backup_contents(c)),
    )
}
pub fn saved_before_restore(path: &str, c: &crate::store::Counts) -> String {
    pick(
        format!(
            "복원 전 데이터를 저장했습니다: {path} ({})",
            backup_contents(c)
        ),
        format!(
            "Saved the data from before the restore: {path} ({})",
            backup_contents(c)
        ),
    )
}
pub fn restored(c: &crate::store::Counts) -> String {
    pick(
        format!("복원했습니다: {}", backup_contents(c)),
        format!("Restored: {}", backup_contents(c)),
    )
}
pub fn backup_unchecked(path: &str) -> String {
    pick(
        format!(
            "{path}은(는) 검사값이 없는 옛 형식의 백업입니다. 손상 여부를 확인할 수 없어 그대로 읽었습니다."
        ),
        format!(
            "{path} is a backup in the older format, without a checksum: it was read as it is, with no way to check it for damage."
        ),
    )
}
pub const BACKUP_TO_TERMINAL: L = L(
    "백업을 터미널에 쓸 수는 없습니다. -o 파일이름을 주거나 출력을 파일로 돌리세요.",
    "A backup cannot be written to the terminal. Give -o FILE or redirect the output to a file.",
);
pub const NOT_RESTORED: L = L(
    "복원하지 않았습니다. 데이터베이스는 그대로입니다",
    "Nothing was restored; the database is as it was",
);

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
pub fn paste_cut(kept: usize) -> String {
    pick(
        format!("붙여넣은 글이 너무 길어 {kept}자에서 잘랐습니다"),
        format!("The pasted text was too long: cut at {kept} characters"),
    )
}

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
pub const LIVE_ARRIVED: L = L("도착", "arrived");
pub const LIVE_WALKINS: L = L("현장 등록", "walk-ins");
pub const ARRIVED_BY_KIND: L = L("구분별 도착", "arrived by kind");
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
pub const WALKIN_KEYS: L = L(
    "Tab 다음 칸(제안 선택) · ↑↓ 칸·제안 · ←→ 커서·구분 · Enter 저장하고 체크인 · Esc 취소",
    "Tab next (takes suggestion) · ↑↓ field·suggestion · ←→ caret·kind · Enter save, check in · Esc cancel",
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

// --- People screen (issue #4) ---
pub const SCREEN_PEOPLE: L = L("명단", "People");
pub const P_ABSENT: L = L("불참/취소", "absent");
pub const P_COL_KIND: L = L("구분", "Kind");
pub const P_COL_DISTRICT: L = L("지역", "District");
pub const P_COL_COUNT: L = L("참석", "Times");
pub const P_COL_LAST: L = L("최근 참석", "Last came");
pub const P_COL_PEOPLE: L = L("인원", "People");
pub const P_COL_THIS_EVENT: L = L("도착/등록", "Arrived/reg.");
pub const P_COL_CONTACT: L = L("연락 담당", "Contact");
pub const P_SHOWING_EVERYONE: L = L("전체 명단을 보여 줍니다", "Showing everyone");
pub const P_SHOWING_EVENT: L = L(
    "이번 네트워킹데이 등록자만 보여 줍니다",
    "Showing this networking day's people",
);
pub const P_SCOPE_EVENT: L = L("이번 행사", "this event");
pub const P_SCOPE_ALL: L = L("전체", "everyone");
pub const P_FILTERS: L = L("필터", "Filters");
pub const P_NO_FILTERS: L = L("필터 없음", "no filters");
pub const P_FIRST_TIMERS: L = L("첫 참석", "first-timers");
pub const P_MISSING_CONTACT: L = L("연락처/이메일 없음", "missing phone/e-mail");
pub const P_SORT: L = L("정렬", "Sort");
pub const P_ANY: L = L("전체", "any");
pub const P_ON: L = L("예", "yes");
pub const P_OFF: L = L("아니오", "no");
pub const P_FILTER_TITLE: L = L("필터", "Filters");
pub const P_FILTER_KEYS: L = L(
    "↑↓ 항목 · ←→/Space 값 바꾸기 · Backspace 모두 해제 · Enter/Esc 닫기",
    "↑↓ row · ←→/Space change · Backspace clear all · Enter/Esc close",
);
pub const P_NOBODY: L = L(
    "조건에 맞는 사람이 없습니다 (Esc: 검색·필터 지우기, Ctrl-A: 전체 명단)",
    "Nobody matches (Esc clears search/filters, Ctrl-A: everyone)",
);
pub const P_NO_ORGS: L = L("소속 기관이 없습니다", "No organisations");
pub const P_NO_ORG_SELECTED: L = L("선택된 기관이 없습니다", "No organisation selected");
pub const P_MERGE_CANCELLED: L = L("병합을 취소했습니다", "Merge cancelled");
pub const P_NOBODY_EXPECTED: L = L("남은 참석 예정자가 없습니다", "Nobody is still expected");
pub const P_NOTHING_TO_UNDO: L = L("되돌릴 행사 마감이 없습니다", "No closing to undo");
pub const P_EMAIL_INVALID: L = L(
    "이메일 형식이 아닙니다 (예: name@example.org)",
    "Not an e-mail address (e.g. name@example.org)",
);
pub const P_ORG_NAME_REQUIRED: L = L("기관 이름을 입력하세요", "Organisation name is required");
pub const P_ORG_EXISTS: L = L(
    "같은 이름의 기관이 이미 있습니다",
    "An organisation with this name already exists",
);
pub const P_PATH_REQUIRED: L = L("파일 경로를 입력하세요", "Type a file path");
pub const P_PERSON_NEW: L = L("새 사람 추가", "Add a person");
pub const P_PERSON_EDIT: L = L("사람 정보 수정", "Edit person");
pub const P_ORG_NEW: L = L("새 기관 추가", "Add an organisation");
pub const P_ORG_EDIT: L = L("기관 정보 수정", "Edit organisation");
pub const F_ROLE: L = L("직함", "Role");
pub const F_EMAIL: L = L("이메일", "E-mail");
pub const F_TAGS: L = L("태그 (쉼표)", "Tags (commas)");
pub const F_NOTES: L = L("메모", "Notes");
pub const F_ORG_NAME: L = L("기관 이름*", "Name*");
pub const F_ORG_KIND: L = L("구분", "Kind");
pub const F_DISTRICT: L = L("지역", "District");
pub const F_CONTACT: L = L("연락 담당", "Contact");
pub const FORM_KEYS: L = L(
    "Tab/↓ 다음 칸(추천 기관) · ↑ 이전 칸 · ←→ 선택 · Enter 저장 · Esc 취소",
    "Tab/↓ next (org suggestions) · ↑ previous · ←→ choose · Enter save · Esc cancel",
);
pub const ARCHIVE_TITLE: L = L("보관", "Archive");
pub const MERGE_TITLE: L = L("중복 병합", "Merge duplicates");
pub const CLOSE_DAY_TITLE: L = L("행사 마감", "Close the day");
pub const UNDO_CLOSE_TITLE: L = L("행사 마감 되돌리기", "Undo closing the day");
pub const IMPORT_TITLE: L = L("CSV 가져오기", "Import CSV");
pub const EXPORT_TITLE: L = L("CSV로 내보내기", "Export to CSV");
pub const F_PATH: L = L("파일 경로", "File path");
pub const IMPORT_KEYS_PATH: L = L("Enter 미리 보기 · Esc 닫기", "Enter preview · Esc close");
pub const IMPORT_KEYS_PREVIEW: L = L(
    "Enter 가져오기 · Esc 경로로 돌아가기",
    "Enter import · Esc back to the path",
);
pub const EXPORT_KEYS: L = L(
    "지금 보이는 목록(검색·필터·정렬)을 씁니다 · Enter 저장 · Esc 닫기",
    "Writes the current view (search, filters, sort) · Enter save · Esc close",
);
pub const IMPORT_ENCODING: L = L("인코딩", "Encoding");
pub const IMPORT_COLUMNS: L = L("열", "Columns");
pub const IMPORT_IGNORED: L = L("무시하는 열", "Ignored columns");
pub const IMPORT_FIRST_ROWS: L = L("처음 몇 줄", "First rows");
pub const IMPORT_ROW_ERRORS: L = L("오류가 있는 줄", "Rows with errors");
pub const D_HISTORY: L = L("참석 기록", "Attendance");
pub const D_NOTES: L = L("메모 · 실행 과제", "Notes · action items");
pub const D_IDEAS: L = L("협업 아이디어", "Collaboration ideas");
pub const D_NONE: L = L("없음", "none");
pub const D_CODE: L = L("코드", "Code");
pub const D_DECISION: L = L("결정 사항", "decision");
pub const D_ACTION: L = L("실행 과제", "action item");
pub const D_NOTE: L = L("메모", "note");
pub const D_DONE: L = L("완료", "done");
pub const D_ARCHIVED: L = L("보관됨", "archived");

pub fn merge_marked(name: &str) -> String {
    pick(
        format!(
            "{name}: 중복으로 표시했습니다. 남길 사람을 골라 Ctrl-G를 다시 누르세요 (Esc 취소)"
        ),
        format!(
            "{name} marked as duplicate. Select the person to keep and press Ctrl-G again (Esc cancels)"
        ),
    )
}
pub fn merged(dup: &str, keep: &str) -> String {
    pick(
        format!("{dup} → {keep} 병합했습니다 (참석 기록 합침)"),
        format!("Merged {dup} into {keep} (attendance combined)"),
    )
}
pub fn confirm_merge(dup: &str, keep: &str) -> String {
    pick(
        format!(
            "두 사람을 한 사람으로 합칠까요?\n보관할 중복: {dup}\n남길 사람:   {keep}\n참석 기록은 합쳐지고 중복은 보관됩니다."
        ),
        format!(
            "Merge these two into one person?\nDuplicate (archived): {dup}\nKept:                 {keep}\nAttendance is combined."
        ),
    )
}
pub fn confirm_archive(who: &str) -> String {
    pick(
        format!("이 사람을 보관할까요?\n{who}\n목록에서 숨겨지고 참석 기록은 그대로 남습니다."),
        format!("Archive this person?\n{who}\nHidden from lists; attendance history is kept."),
    )
}
pub fn confirm_close_day(n: usize) -> String {
    pick(
        format!("아직 참석 예정인 {n}명을 불참으로 기록할까요?\n(Ctrl-Z로 되돌릴 수 있습니다)"),
        format!("Record the {n} people still expected as no-shows?\n(Ctrl-Z undoes it)"),
    )
}
pub fn confirm_undo_close(n: usize) -> String {
    pick(
        format!("행사 마감을 되돌려 {n}명을 다시 참석 예정으로 할까요?"),
        format!("Undo closing: make {n} people expected again?"),
    )
}
pub fn archived(name: &str) -> String {
    pick(
        format!("{name}: 보관했습니다 (참석 기록 유지)"),
        format!("{name} archived (history kept)"),
    )
}
pub fn registered(name: &str) -> String {
    pick(
        format!("{name}: 참석 예정으로 등록했습니다"),
        format!("{name} registered as expected"),
    )
}
pub fn unregistered(name: &str) -> String {
    pick(
        format!("{name}: 등록을 취소했습니다"),
        format!("{name} unregistered"),
    )
}
pub fn cannot_unregister(name: &str) -> String {
    pick(
        format!("{name}: 이미 도착해서 등록을 취소할 수 없습니다"),
        format!("{name} has arrived; cannot unregister"),
    )
}
pub fn day_closed(n: usize) -> String {
    pick(
        format!("행사를 마감했습니다: {n}명 불참 (Ctrl-Z 되돌리기)"),
        format!("Day closed: {n} no-shows (Ctrl-Z undoes)"),
    )
}
pub fn day_reopened(n: usize) -> String {
    pick(
        format!("행사 마감을 되돌렸습니다: {n}명 다시 참석 예정"),
        format!("Closing undone: {n} expected again"),
    )
}
pub fn person_saved(name: &str) -> String {
    pick(format!("{name}: 저장했습니다"), format!("{name} saved"))
}
pub fn org_saved(name: &str) -> String {
    pick(format!("{name}: 저장했습니다"), format!("{name} saved"))
}
pub fn cannot_read(path: &str, e: &std::io::Error) -> String {
    pick(
        format!("파일을 읽지 못했습니다: {path} ({e})"),
        format!("Cannot read {path} ({e})"),
    )
}
pub fn people_count(shown: usize) -> String {
    pick(format!("{shown}명"), format!("{shown} people"))
}
pub fn times(n: u32) -> String {
    pick(format!("{n}회"), format!("{n}×"))
}
pub fn import_preview(
    added: usize,
    updated: usize,
    skipped: usize,
    errors: usize,
    total: usize,
) -> String {
    let people = added + updated + skipped;
    pick(
        format!(
            "데이터 {total}줄 중 {people}명 가져옴: 새로 {added} · 갱신 {updated} · 그대로 {skipped} · 오류 {errors}"
        ),
        format!(
            "{people} people from {total} data lines: {added} new · {updated} updated · {skipped} unchanged · {errors} errors"
        ),
    )
}
/// Data lines in the file against the people that came out of them.
pub fn import_lines(lines: usize, people: usize) -> String {
    pick(
        format!("데이터 {lines}줄 중 {people}명 가져옴"),
        format!("{people} people imported from {lines} data lines"),
    )
}
/// An import that began and did not finish, and how to finish it.
pub fn import_unfinished(file: &str, size: u64, started: &str, event: Option<String>) -> String {
    let file = crate::model::clean_line(file);
    let ev = event
        .as_deref()
        .map(|d| format!(" --event {d}"))
        .unwrap_or_default();
    pick(
        format!(
            "가져오기가 끝나지 않았습니다: {file} ({size}바이트, {started} 시작). 같은 파일을 다시 가져오세요 (이미 들어간 사람은 건너뜁니다): netday import \"{file}\"{ev}"
        ),
        format!(
            "An import did not finish: {file} ({size} bytes, started {started}). Import the same file again (people already in are skipped): netday import \"{file}\"{ev}"
        ),
    )
}

// --- agenda and notes (issue #5) ---
pub const SCREEN_AGENDA: L = L("안건", "Agenda");
pub const SCREEN_NOTES: L = L("회의록", "Minutes");
pub const COL_START: L = L("시작", "Start");
pub const COL_LENGTH: L = L("길이", "Length");
pub const COL_ITEM: L = L("안건", "Agenda item");
pub const COL_PRESENTER: L = L("발표", "Presenter");
pub const COL_CLOCK: L = L("시계", "Clock");
pub const AGENDA_PLANNED: L = L("예정", "planned");
pub const AGENDA_RUNNING: L = L("진행 중", "running");
pub const AGENDA_DONE: L = L("완료", "done");
pub const NO_AGENDA: L = L(
    "안건이 없습니다. t: 기본 4개 안건으로 시작 · c: 지난 네트워킹데이 안건 복사 · a: 직접 추가",
    "No agenda yet. t: standard four segments · c: copy the last networking day · a: add",
);
pub const AGENDA_TITLE_REQUIRED: L = L("안건 제목을 입력하세요", "Title is required");
pub const AGENDA_BAD_TIME: L = L(
    "시작 시각은 HH:MM으로 (예: 14:30)",
    "Start as HH:MM (e.g. 14:30)",
);
pub const AGENDA_BAD_MINUTES: L = L("길이는 1~600분", "Length: 1 to 600 minutes");
pub const AGENDA_NOT_EMPTY: L = L(
    "안건이 이미 있습니다. 비어 있을 때만 쓸 수 있어요.",
    "The agenda already has items; this works on an empty agenda.",
);
pub const AGENDA_FROM_TEMPLATE: L = L(
    "기본 4개 안건을 넣었습니다 (저장됨)",
    "Standard four segments added (saved)",
);
pub const NO_EARLIER_AGENDA: L = L("복사할 지난 안건이 없습니다", "No earlier agenda to copy");
pub const AGENDA_FORM_ADD: L = L("안건 추가", "Add agenda item");
pub const AGENDA_FORM_EDIT: L = L("안건 편집", "Edit agenda item");
pub const F_START: L = L("시작 (HH:MM)", "Start (HH:MM)");
pub const F_MINUTES: L = L("길이 (분)", "Length (min)");
pub const F_TITLE: L = L("안건*", "Title*");
pub const F_PRESENTER: L = L("발표", "Presenter");
pub const AGENDA_FORM_KEYS: L = L(
    "Tab/↓ 다음 칸 · ↑ 이전 칸 · Enter 저장 · Esc 취소",
    "Tab/↓ next · ↑ previous · Enter save · Esc cancel",
);
pub const DELETE_TITLE: L = L("삭제", "Delete");
pub const NOTE_KIND_NOTE: L = L("메모", "note");
pub const NOTE_KIND_DECISION: L = L("결정 사항", "decision");
pub const NOTE_KIND_ACTION: L = L("실행 과제", "action item");
pub const ALL: L = L("전체", "all");
pub const KIND: L = L("종류", "kind");
pub const OWNER: L = L("담당", "owner");
pub const DUE: L = L("기한", "due");
pub const NO_AGENDA_ITEM: L = L("안건 없음", "no agenda item");
pub const CARRIED_OVER: L = L(
    "지난 네트워킹데이에서 넘어온 실행 과제",
    "Open action items from earlier networking days",
);
pub const TODAY_NOTES: L = L("이번 네트워킹데이 기록", "This networking day");
pub const OPEN_ACTIONS_TITLE: L = L(
    "모든 네트워킹데이의 미완료 실행 과제 (l: 돌아가기)",
    "Open action items of every networking day (l: back)",
);
pub const NO_NOTES: L = L(
    "기록이 없습니다. n을 눌러 메모를 쓰세요.",
    "Nothing recorded yet. Press n to write a note.",
);
pub const NO_OPEN_ACTIONS: L = L("미완료 실행 과제가 없습니다", "No open action items");
pub const NEW_NOTE: L = L("새 기록", "New note");
pub const EDIT_NOTE: L = L("기록 편집", "Edit note");
pub const NOTE_SAVED: L = L("저장했습니다", "Saved");
pub const NOTE_EMPTY: L = L("내용이 비어 있습니다", "The note is empty");
pub const NOTE_DELETED: L = L("기록을 삭제했습니다", "Note deleted");
pub const NOT_AN_ACTION: L = L(
    "실행 과제가 아닙니다 (편집에서 F2로 종류를 바꾸세요)",
    "Not an action item (change the kind with F2 in the editor)",
);
pub const DRAFT_KEPT: L = L(
    "닫았습니다. 쓴 내용은 임시 저장되어 다음에 이어 쓸 수 있어요.",
    "Closed. What you wrote is kept as a draft for next time.",
);
pub const DRAFT_DISCARDED: L = L("임시 저장 글을 버렸습니다", "Draft discarded");
pub const CONFIRM_CLOSE_EDITOR: L = L(
    "저장하지 않은 글이 있습니다. Enter/y 닫기(임시 저장 유지) · d 버리기 · Esc 계속 쓰기",
    "Unsaved text. Enter/y close (draft kept) · d discard · Esc keep writing",
);
pub const ACTION_FORM_TITLE: L = L("담당·기한", "Owner and due date");
pub const F_OWNER: L = L("담당 (이름·기관)", "Owner (person / org.)");
pub const F_DUE: L = L("기한 (YYYY-MM-DD / MM-DD)", "Due (YYYY-MM-DD / MM-DD)");
pub const BAD_DUE: L = L("기한은 YYYY-MM-DD 또는 MM-DD", "Due as YYYY-MM-DD or MM-DD");
pub const OWNER_UNKNOWN: L = L(
    "그런 사람이나 기관이 없습니다",
    "No such person or organisation",
);
pub const ACTION_FORM_KEYS: L = L(
    "↑↓ 담당 고르기 · Tab 다음 칸 · Enter 저장 · Esc 취소",
    "↑↓ choose owner · Tab next field · Enter save · Esc cancel",
);
pub const NO_HOME: L = L("홈 디렉터리를 찾을 수 없습니다", "No home directory");
pub const DEFAULT_AUTHOR: L = L("사무국", "secretariat");

pub fn agenda_saved(title: &str) -> String {
    pick(
        format!("안건 '{title}' 저장됨"),
        format!("Agenda item '{title}' saved"),
    )
}
pub fn agenda_deleted(title: &str) -> String {
    pick(
        format!("안건 '{title}' 삭제됨 (그 안건의 기록은 남습니다)"),
        format!("Agenda item '{title}' deleted (its notes stay)"),
    )
}
pub fn agenda_copied(date: &str) -> String {
    pick(
        format!("{date} 안건을 복사했습니다 (저장됨)"),
        format!("Copied the agenda of {date} (saved)"),
    )
}
pub fn confirm_delete(what: &str) -> String {
    pick(
        format!("'{what}'을(를) 삭제할까요?"),
        format!("Delete '{what}'?"),
    )
}
pub fn minutes_left(m: i64) -> String {
    pick(format!("▶ 남은 {m}분"), format!("▶ {m} min left"))
}
pub fn overrun(m: i64) -> String {
    pick(format!("{m}분 초과"), format!("{m} min over"))
}
pub fn minutes_len(m: u32) -> String {
    pick(format!("{m}분"), format!("{m} min"))
}
pub fn draft_restored(hhmm: &str) -> String {
    pick(
        format!("{hhmm}에 임시 저장된 글을 되살렸습니다"),
        format!("Restored the draft saved at {hhmm}"),
    )
}
pub fn draft_saved_at(hhmm: &str) -> String {
    pick(format!("임시 저장 {hhmm}"), format!("draft {hhmm}"))
}
pub fn action_toggled(what: &str, done: bool) -> String {
    match (lang(), done) {
        (Lang::Ko, true) => format!("✓ '{what}' 완료 (저장됨)"),
        (Lang::Ko, false) => format!("'{what}' 미완료로 되돌림 (저장됨)"),
        (Lang::En, true) => format!("✓ '{what}' done (saved)"),
        (Lang::En, false) => format!("'{what}' open again (saved)"),
    }
}
pub fn minutes_file_name(date: &str) -> String {
    pick(format!("회의록-{date}.md"), format!("minutes-{date}.md"))
}
pub fn minutes_written(path: &str) -> String {
    pick(
        format!("회의록을 썼습니다: {path}"),
        format!("Minutes written to {path}"),
    )
}
pub fn notes_filter(agenda: &str, kind: &str, n: usize) -> String {
    pick(
        format!("안건: {agenda} · 종류: {kind} · {n}건"),
        format!("agenda item: {agenda} · kind: {kind} · {n}"),
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

// --- collaboration ideas (협업 아이디어) ---
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
pub const IDEA_FORM_KEYS: L = L(
    "Tab/↓ 다음 · ↑ 이전 · ←→ 분야 · Enter 고르기/저장 · ⌫ 빼기 · Esc 취소",
    "Tab/↓ next · ↑ prev · ←→ category · Enter pick/save · ⌫ removes org/owner · Esc cancel",
);
pub const IDEA_FILTER_KEYS: L = L(
    "Tab/↓ 다음 · ←→ 바꾸기 · Enter 고르기/적용 · ⌫ 지우기 · Esc 닫기",
    "Tab/↓ next · ←→ change · Enter pick/apply · ⌫ clear · Esc close",
);
pub const IDEA_DETAIL_KEYS: L = L(
    "↑↓ 넘기기 · Enter/e 고치기 · Esc 닫기",
    "↑↓ scroll · Enter/e edit · Esc close",
);

pub fn status_name(s: crate::model::IdeaStatus) -> &'static str {
    L(s.ko(), s.en()).get()
}
pub fn category_name(c: crate::model::IdeaCategory) -> &'static str {
    L(c.ko(), c.en()).get()
}
/// Short category labels for board cards (about 15 columns wide at 80 columns).
pub fn category_short(c: crate::model::IdeaCategory) -> &'static str {
    use crate::model::IdeaCategory::*;
    let (ko, en) = match c {
        MainBankAccount => ("주거래", "bank"),
        JointOpenCall => ("공모", "open call"),
        MutualMembership => ("인증제", "membership"),
        BuySocial => ("바이소셜", "BuySocial"),
        KNewDeal => ("K뉴딜", "K-New Deal"),
        SpaceSharing => ("공간", "space"),
        ClusterAssets => ("자산화", "assets"),
        FinanceInvestment => ("금융", "finance"),
        RegionalCouncil => ("협의회", "council"),
        Federation => ("연합회", "federation"),
        Other => ("기타", "other"),
    };
    L(ko, en).get()
}
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
