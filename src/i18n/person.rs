//! A person's request to see what netday holds about them (개인정보 보호법 제35조, 열람): the
//! document's words (Korean with English beside, whatever the UI language), `netday person`'s
//! messages, and the People screen's key.

use super::{L, pick};

pub const PR_TITLE: L = L("개인정보 열람 결과", "Personal data held");
pub const PR_SUBTITLE: L = L(
    "개인정보 보호법 제35조에 따른 열람 요청",
    "a request to see one's personal data, PIPA Art. 35",
);
pub const PR_WHO: L = L("정보주체", "Person");
pub const PR_MADE: L = L("작성", "Made");
pub const PR_DESK: L = L("작성 데스크", "Desk");
pub const PR_SCOPE: L = L(
    "이 문서는 이 데스크의 netday 데이터베이스가 이 사람에 대해 가진 모든 기록입니다.",
    "This document lists everything this desk's netday database holds about this person.",
);

pub const PR_COPIES: L = L(
    "함께 동기화하는 다른 데스크와 백업 파일에도 같은 기록의 사본이 있을 수 있습니다.",
    "Desks synced with this one, and backup files, may hold copies of the same records.",
);

// Sections, in the order the document has them.
pub const PR_RECORD: L = L("기본 정보", "Record");
pub const PR_MERGED: L = L("이 사람에게 병합된 기록", "Records merged into this one");
pub const PR_DAYS: L = L("네트워킹데이 참석", "Networking days");
pub const PR_ACTIONS: L = L("담당 실행 과제", "Action items they own");
pub const PR_MENTIONS: L = L("이름이 나오는 기록", "Notes that mention their name");
pub const PR_IDEAS: L = L("담당 협업 아이디어", "Ideas they own");
pub const PR_CHANGES: L = L("변경 이력", "Change journal");
pub const PR_EARLIER: L = L(
    "변경 이력에 남은 전후 값",
    "Values kept in the journal, before and after each change",
);
pub const PR_NONE: L = L("없음", "none");
pub const PR_CHANGES_NOTE: L = L(
    "※ 변경 이력은 바뀐 항목의 전과 후 값도 가지고 있습니다: 다음 절에 있습니다.",
    "※ The journal also keeps each changed field's values before and after: see the next section.",
);
pub const PR_FOLDED_NOTE: L = L(
    "※ 보관 기간이 지난 변경 이력은 정리되어 남아 있지 않습니다.",
    "※ Changes older than the journal's keeping period were folded away and are not held.",
);

// The record's fields.
pub const PR_F_NAME: L = L("이름", "Name");
pub const PR_F_CODE: L = L("배지 코드", "Badge code");
pub const PR_F_ALIASES: L = L("다른 배지 코드", "Alias codes");
pub const PR_F_ORG: L = L("소속", "Organisation");
pub const PR_F_ORG_KIND: L = L("기관 구분", "Kind of organisation");
pub const PR_F_DISTRICT: L = L("지역", "District");
pub const PR_F_ROLE: L = L("직함", "Role");
pub const PR_F_PHONE: L = L("연락처", "Phone");
pub const PR_F_EMAIL: L = L("이메일", "E-mail");
pub const PR_F_TAGS: L = L("태그", "Tags");
pub const PR_F_NOTES: L = L("메모", "Notes");
pub const PR_F_ARCHIVED: L = L("보관", "Archived");
pub const PR_F_CREATED: L = L("등록", "Created");
pub const PR_YES: L = L("예", "yes");
pub const PR_NO: L = L("아니요", "no");

// Column titles.
pub const PR_COL_FIELD: L = L("항목", "Field");
pub const PR_COL_VALUE: L = L("내용", "Value");
pub const PR_COL_DATE: L = L("날짜", "Date");
pub const PR_COL_DAY: L = L("네트워킹데이", "Networking day");
pub const PR_COL_STATUS: L = L("상태", "Status");
pub const PR_COL_ARRIVED: L = L("도착", "Arrived");
pub const PR_COL_DESK: L = L("데스크", "Desk");
pub const PR_COL_TEXT: L = L("내용", "Text");
pub const PR_COL_KIND: L = L("종류", "Kind");
pub const PR_COL_DUE: L = L("기한", "Due");
pub const PR_COL_DONE: L = L("완료", "Done");
pub const PR_COL_TITLE: L = L("제목", "Title");
pub const PR_COL_CATEGORY: L = L("분야", "Category");
pub const PR_COL_NEXT: L = L("다음 단계", "Next step");
pub const PR_COL_WHEN: L = L("시각", "When");
pub const PR_COL_ID: L = L("번호", "Id");
pub const PR_COL_BEFORE: L = L("전", "Before");
pub const PR_COL_AFTER: L = L("후", "After");
pub const PR_COL_RECORD: L = L("대상", "Record");
pub const PR_REC_PERSON: L = L("사람 기록", "person record");
pub const PR_REC_ATTENDANCE: L = L("참석", "attendance");
pub const PR_REC_NOTE: L = L("실행 과제·기록", "note");
pub const PR_REC_IDEA: L = L("아이디어", "idea");

/// `L` as the document writes it: Korean, then the English in brackets.
pub fn both(l: L) -> String {
    if l.0 == l.1 {
        l.0.to_string()
    } else {
        format!("{} ({})", l.0, l.1)
    }
}

/// The merged record's heading: whose record it was, with its code.
pub fn pr_merged_heading(name: &str, code: &str) -> String {
    format!("{name} [{code}]")
}

/// The file name the People screen proposes (date as YYYYMMDD).
pub fn pr_file_name(code: &str, date: &str) -> String {
    format!("netday-person-{code}-{date}.txt")
}

/// `netday person`: nobody found.
pub fn person_nobody(query: &str) -> (String, String) {
    (
        format!("'{query}'에 맞는 사람이 없습니다."),
        format!("Nobody matches '{query}'."),
    )
}

/// `netday person`: several found (listed above the message).
pub fn person_several(query: &str, n: usize) -> (String, String) {
    (
        format!(
            "'{query}'에 맞는 사람이 {n}명입니다. 위 목록의 배지 코드로 다시 요청하세요 (netday person 코드 --export)."
        ),
        format!(
            "{n} people match '{query}'. Ask again with a badge code from the list above (netday person CODE --export)."
        ),
    )
}

/// One candidate of `netday person`: code, name, organisation, and whether archived.
pub fn person_candidate(code: &str, name: &str, org: &str, archived: bool) -> String {
    let org = if org.trim().is_empty() { "-" } else { org };
    let mark = if archived {
        pick(" (보관)".into(), " (archived)".into())
    } else {
        String::new()
    };
    format!("{code}\t{name}\t{org}{mark}")
}

/// `netday person`: the record found was merged into another; that one's data is given.
pub fn person_merged_into(name: &str, code: &str, into: &str, into_code: &str) -> String {
    pick(
        format!(
            "{name} [{code}] 기록은 {into} [{into_code}] 기록에 병합되었습니다. 병합된 기록의 결과를 씁니다."
        ),
        format!(
            "{name} [{code}] was merged into {into} [{into_code}]; giving the data held for that record."
        ),
    )
}

/// The report was written to `path` (the command line and the People screen).
pub fn person_written(path: &str) -> String {
    pick(
        format!("개인정보 열람 결과를 썼습니다: {path}"),
        format!("Personal data report written to {path}"),
    )
}

pub const PERSON_EMPTY: L = L(
    "누구의 정보인지 적으세요: 배지 코드, 이름, 또는 검색어.",
    "Say whose data: a badge code, a name or a search.",
);
/// The People screen's key: no footer word (the footer is full), a line in F1's help.
pub const ACTION_PERSON_REPORT: (Option<L>, L) = (
    None,
    L(
        "고른 사람의 개인정보 열람 결과를 파일로 (글 또는 PDF, 개인정보 보호법 제35조)",
        "Write the selected person's personal data report to a file (text or PDF, PIPA Art. 35)",
    ),
);
pub const PR_EXPORT_TITLE: L = L("개인정보 열람 결과 저장", "Save the personal data report");
pub const PR_EXPORT_KEYS: L = L(
    "Tab 글/PDF · Enter 저장 · Esc 닫기",
    "Tab text/PDF · Enter save · Esc close",
);
/// The section on consent and the retention rule.
pub const PR_CONSENT: L = L("동의와 보관 기간", "Consent and retention");
