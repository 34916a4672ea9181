//! Printed pages (sign-in sheet, badges, attendance record) and what `netday print` says.

use super::{L, Lang, pick, weekday_in};
use crate::model::Event;
use crate::model::PrintKind;

pub const PRINT_SIGNIN_TITLE: L = L("참석자 서명부", "Attendance sign-in sheet");
pub const PRINT_WHEN: L = L("일시", "Date");
pub const PRINT_VENUE: L = L("장소", "Venue");
pub const PRINT_COL_NO: L = L("연번", "No.");
pub const PRINT_COL_ORG: L = L("소속", "Organisation");
pub const PRINT_COL_ROLE: L = L("직위", "Role");
pub const PRINT_COL_NAME: L = L("성명", "Name");
pub const PRINT_COL_PHONE: L = L("연락처", "Phone");
pub const PRINT_COL_SIGN: L = L("서명", "Signature");

/// "2026년 11월 24일 (화) 14:00 ~ 17:00".
pub fn print_when(e: &Event, l: Lang) -> String {
    let day = match l {
        Lang::Ko => e.date.format("%Y년 %-m월 %-d일").to_string(),
        Lang::En => e.date.format("%Y-%m-%d").to_string(),
    };
    let time = match (e.start, e.end) {
        (Some(s), Some(en)) => format!(" {} ~ {}", s.format("%H:%M"), en.format("%H:%M")),
        (Some(s), None) => format!(" {}", s.format("%H:%M")),
        _ => String::new(),
    };
    format!("{day} ({}){time}", weekday_in(e.date, l))
}

pub fn print_registered(n: usize, l: Lang) -> String {
    match l {
        Lang::Ko => format!("명단 {n}명"),
        Lang::En => format!("{n} on the list"),
    }
}

/// The page number at the foot of every page.
pub fn print_page(page: usize, of: usize, l: Lang) -> String {
    match l {
        Lang::Ko => format!("{page} / {of} 쪽"),
        Lang::En => format!("page {page} / {of}"),
    }
}

/// What `netday print` says after writing the file.
pub fn printed(path: &str, people: usize, pages: usize) -> String {
    pick(
        format!("{path}에 {people}명, {pages}쪽을 썼습니다"),
        format!("wrote {people} people on {pages} pages to {path}"),
    )
}

/// After printing, when characters the bundled font lacks were printed as "?": who, so the
/// pages can be corrected by hand.
pub fn print_unprintable(who: &[String]) -> String {
    const SHOWN: usize = 10;
    let list = who
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    let more = who.len().saturating_sub(SHOWN);
    let (ko_more, en_more) = if more > 0 {
        (format!(" 외 {more}명"), format!(" and {more} more"))
    } else {
        (String::new(), String::new())
    };
    pick(
        format!(
            "경고: 인쇄 글꼴에 없는 글자를 ?로 찍었습니다: {list}{ko_more}. 인쇄한 종이에 손으로 고쳐 써 주세요"
        ),
        format!(
            "WARNING: characters the print font lacks were printed as ?: {list}{en_more}. Correct them by hand on the printed pages"
        ),
    )
}

pub const PRINT_ATTENDANCE_TITLE: L = L("참석자 출석부", "Attendance record");
pub const PRINT_COL_KIND: L = L("구분", "Registered");
pub const PRINT_COL_ARRIVED: L = L("도착 시각", "Arrived");
pub const PRINT_PRE_REGISTERED: L = L("사전", "before");
pub const PRINT_WALK_IN: L = L("현장", "walk-in");

pub const PRINT_MENU_TITLE: L = L("인쇄 (PDF)", "Print (PDF)");

/// What each printed document is, for the print menu and its file name.
pub fn print_kind(kind: PrintKind) -> (L, L) {
    match kind {
        PrintKind::Signin => (
            L("참석자 서명부", "Sign-in sheet"),
            L(
                "행사 전: 소속·직위·성명·서명 칸, 현장 등록용 빈 줄",
                "Before: columns to sign, blank rows for walk-ins",
            ),
        ),
        PrintKind::Badges => (
            L("이름표", "Name badges"),
            L(
                "행사 전: QR 코드로 체크인, 한 장에 8개",
                "Before: QR code to check in, 8 per page",
            ),
        ),
        PrintKind::Attendance => (
            L("출석부", "Attendance record"),
            L("행사 후: 온 사람과 도착 시각", "After: who came and when"),
        ),
    }
}

pub fn print_file_name(kind: PrintKind, date: &str) -> String {
    let (ko, en) = match kind {
        PrintKind::Signin => ("서명부", "signin"),
        PrintKind::Badges => ("이름표", "badges"),
        PrintKind::Attendance => ("출석부", "attendance"),
    };
    pick(format!("{ko}-{date}.pdf"), format!("{en}-{date}.pdf"))
}

/// After printing from the app.
pub fn printed_in_app(path: &str, people: usize) -> String {
    pick(
        format!("PDF를 썼습니다 ({people}명): {path}"),
        format!("PDF written ({people} people): {path}"),
    )
}
pub const PRINT_EXPORT_KEYS: L = L(
    "이 파일에 PDF를 씁니다 · Enter 저장 · Esc 닫기",
    "Writes the PDF to this file · Enter save · Esc close",
);

/// `netday print --blank` above `max`: no sign-in sheet needs that many empty rows.
pub fn too_many_blank_rows(asked: usize, max: usize) -> (String, String) {
    (
        format!(
            "--blank는 {max} 이하여야 합니다 (입력: {asked}). 빈 줄이 더 필요하면 서명부를 한 번 더 인쇄하세요"
        ),
        format!(
            "--blank must be at most {max} (given: {asked}): for more empty rows, print the sign-in sheet again"
        ),
    )
}

// The options step of the print menu.
pub const PRINT_FOOTER_OPTION: L = L("항목", "option");
pub const PRINT_FOOTER_CHANGE: L = L("바꾸기", "change");
pub const PRINT_FOOTER_NEXT: L = L("다음: 저장 위치", "next: where to save");
pub const PRINT_OPTIONS_TITLE: L = L("인쇄 설정", "Print options");
pub const PRINT_SETTING_SORT: L = L("정렬", "Order");
pub const PRINT_SETTING_CONTACT: L = L("연락처 열", "Phone column");
pub const PRINT_SETTING_BLANK: L = L("빈 줄", "Blank rows");
pub const PRINT_SORT_ORG: L = L("소속순", "by organisation");
pub const PRINT_SORT_NAME: L = L("이름순", "by name");
pub const PRINT_SORT_ARRIVAL: L = L("도착순", "by arrival");
pub const PRINT_CONTACT_ON: L = L("넣기 (가운데 가림)", "shown (masked)");
pub const PRINT_CONTACT_OFF: L = L("빼기", "left out");
pub const PRINT_ABOUT_SORT: L = L(
    "명단을 늘어놓는 순서입니다",
    "The order the list is printed in",
);
pub const PRINT_ABOUT_CONTACT: L = L(
    "전화번호를 체크인 화면처럼 가운데를 가려 싣습니다",
    "The phone number, masked as at the desk",
);
pub const PRINT_ABOUT_BLANK: L = L(
    "명단 뒤에 현장 등록자가 쓸 번호 붙은 빈 줄입니다",
    "Numbered empty rows after the list, for walk-ins",
);

/// "빈 줄" as a count.
pub fn print_blank_rows(n: usize) -> String {
    pick(format!("{n}줄"), format!("{n} rows"))
}
