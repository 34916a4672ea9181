//! The people and organisations screen: lists, forms, merge, close the day, CSV.

use super::{L, pick};
use crate::model::korean::{Particle, josa};

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
pub const ARCHIVE_TITLE: L = L("보관", "Archive");
pub const MERGE_TITLE: L = L("중복 병합", "Merge duplicates");
pub const CLOSE_DAY_TITLE: L = L("행사 마감", "Close the day");
pub const UNDO_CLOSE_TITLE: L = L("행사 마감 되돌리기", "Undo closing the day");
pub const IMPORT_TITLE: L = L("명단 가져오기 (CSV·Excel)", "Import a list (CSV, Excel)");
pub const EXPORT_TITLE: L = L(
    "명단 파일로 내보내기 (Excel·CSV)",
    "Export a list file (Excel, CSV)",
);
pub const F_PATH: L = L("파일 경로", "File path");
pub const IMPORT_KEYS_PATH: L = L("Enter 미리 보기 · Esc 닫기", "Enter preview · Esc close");
pub const EXPORT_KEYS: L = L(
    "보이는 목록(검색·필터·정렬) · Tab .xlsx/.csv · Enter 저장 · Esc 닫기",
    "The current view (search, filters, sort) · Tab .xlsx/.csv · Enter save · Esc close",
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
/// An import that began and did not finish, and how to finish it; when its file is gone
/// (`gone`), how to forget it. `forget` names the way to forget it where the warning is shown.
pub fn import_unfinished(
    file: &str,
    size: u64,
    started: &str,
    event: Option<String>,
    gone: bool,
    forget: (&str, &str),
) -> String {
    let file = crate::model::clean_line(file);
    let ev = event
        .as_deref()
        .map(|d| format!(" --event {d}"))
        .unwrap_or_default();
    if gone {
        return pick(
            format!(
                "가져오기가 끝나지 않았습니다: {file} ({size}바이트, {started} 시작). 그 파일이 이제 없어 마저 가져올 수 없습니다. 이미 들어간 사람은 그대로 있습니다. 이 안내를 지우려면 {}",
                forget.0
            ),
            format!(
                "An import did not finish: {file} ({size} bytes, started {started}). That file is gone, so it cannot be finished; people already in stay. To dismiss this warning: {}",
                forget.1
            ),
        );
    }
    pick(
        format!(
            "가져오기가 끝나지 않았습니다: {file} ({size}바이트, {started} 시작). 같은 파일을 다시 가져오세요 (이미 들어간 사람은 건너뜁니다): netday import \"{file}\"{ev} — 마저 가져오지 않으려면 {}",
            forget.0
        ),
        format!(
            "An import did not finish: {file} ({size} bytes, started {started}). Import the same file again (people already in are skipped): netday import \"{file}\"{ev} — or, to leave it unfinished: {}",
            forget.1
        ),
    )
}
/// One forgotten unfinished import.
pub fn import_forgotten(file: &str) -> String {
    let file = crate::model::clean_line(file);
    pick(
        format!("끝나지 않은 가져오기의 기록을 지웠습니다: {file}"),
        format!("Forgot the unfinished import of {file}"),
    )
}
/// How many unfinished imports were forgotten.
pub fn imports_forgotten(n: usize) -> String {
    pick(
        format!(
            "끝나지 않은 가져오기 기록 {n}건을 지웠습니다. 이미 들어간 사람은 그대로 있습니다."
        ),
        format!("Forgot {n} unfinished import(s). People already imported stay."),
    )
}

// --- merging organisations ---

pub const MERGE_ORGS_TITLE: L = L("기관 병합", "Merge organisations");
pub fn org_merge_marked(name: &str) -> String {
    pick(
        format!(
            "{name}: 중복 기관으로 표시했습니다. 남길 기관을 골라 Ctrl-G를 다시 누르세요 (Esc 취소)"
        ),
        format!(
            "{name} marked as a duplicate. Select the organisation to keep and press Ctrl-G again (Esc cancels)"
        ),
    )
}
pub fn confirm_merge_orgs(dup: &str, keep: &str) -> String {
    pick(
        format!(
            "두 기관을 하나로 합칠까요?\n지울 중복: {dup}\n남길 기관: {keep}\n사람·참석 기록·아이디어·과제는 남길 기관으로 옮겨집니다."
        ),
        format!(
            "Merge two organisations into one?\nDuplicate, deleted: {dup}\nKept: {keep}\nPeople, attendance, ideas and action items move to the one kept."
        ),
    )
}
pub const DELETE_ORG_TITLE: L = L("기관 삭제", "Delete organisation");
pub fn confirm_delete_org(org: &str) -> String {
    pick(
        format!(
            "이 기관을 지울까요?\n{org}\n속한 사람이 없는 기관입니다. 변경 이력에서 되돌릴 수 있습니다."
        ),
        format!(
            "Delete this organisation?\n{org}\nNobody belongs to it. It can be undone in the change history."
        ),
    )
}
pub fn org_still_used(org: &str) -> String {
    pick(
        format!(
            "{} 지우지 않았습니다: 속한 사람(보관된 사람 포함)이나 과제·아이디어가 있습니다. 다른 기관에 합치려면 Ctrl-G를 누르세요",
            josa(org, Particle::EulReul)
        ),
        format!(
            "{org} was not deleted: people (archived ones too), action items or ideas refer to it. To fold it into another, press Ctrl-G"
        ),
    )
}
pub fn org_deleted(org: &str) -> String {
    pick(
        format!("✓ {} 지웠습니다 (저장됨)", josa(org, Particle::EulReul)),
        format!("✓ Deleted {org} (saved)"),
    )
}
pub fn orgs_merged(dup: &str, keep: &str) -> String {
    pick(
        format!(
            "✓ {} {keep}에 합쳤습니다 (저장됨)",
            josa(dup, Particle::EulReul)
        ),
        format!("✓ Merged {dup} into {keep} (saved)"),
    )
}
pub fn people_n(n: usize) -> String {
    pick(format!("{n}명"), format!("{n} people"))
}

pub const IMPORT_UNTITLED_COLUMN: L = L(
    "제목이 없는 열은 바꿀 수 없습니다: 파일의 첫 행에 열 제목을 넣어 주세요",
    "A column without a title cannot be mapped: give it a title in the file's header row",
);

/// The import preview of a workbook with `n` sheets holding a list.
pub fn import_sheet_choice(sheet: &str, n: usize) -> String {
    pick(
        format!("시트 ‘{sheet}’ — 명단이 있는 시트가 {n}개입니다: PgDn/PgUp로 다른 시트"),
        format!("Sheet ‘{sheet}’ — {n} sheets hold a list: PgDn/PgUp for another"),
    )
}

// --- merge made safe: the field-by-field choice, the 보관 filter, restoring ---

pub const P_ARCHIVED_FILTER: L = L("보관", "archived");
pub const P_MERGE_CHOICE_TITLE: L = L("중복 병합: 남길 값 고르기", "Merge: choose what to keep");
pub const P_MERGE_KEPT: L = L("남길 사람", "Kept");
pub const P_MERGE_DUP: L = L("중복 (보관됨)", "Duplicate (archived)");
pub const P_MERGE_CHOOSE_ALL: L = L(
    "다른 항목마다 남길 값을 ← 또는 →로 고르세요",
    "Choose the value to keep for every differing field with ← or →",
);
pub const P_ARCHIVED_NOT_MERGED: L = L(
    "보관된 사람은 병합할 수 없습니다. 먼저 Ctrl-Y로 되살리세요",
    "An archived person cannot be merged. Restore them first with Ctrl-Y",
);

/// How many fields of a merge are still to be chosen.
pub fn merge_fields_open(n: usize) -> String {
    pick(
        format!("두 기록이 {n}개 항목에서 다릅니다. 항목마다 남길 값을 고르세요."),
        format!("The two records differ in {n} field(s). Choose the value to keep for each."),
    )
}
/// The person a merged-away record now is, in the detail pane: their name, then what tells
/// them apart (organisation, the phone's last digits).
pub fn merged_into(keep: &str, details: &str) -> String {
    if details.is_empty() {
        return pick(
            format!("{} 병합됨", josa(keep, Particle::EuroRo)),
            format!("merged into {keep}"),
        );
    }
    pick(
        format!("{} 병합됨 ({details})", josa(keep, Particle::EuroRo)),
        format!("merged into {keep} ({details})"),
    )
}
/// The same in the People list's narrow status column.
pub fn merged_into_short(keep: &str) -> String {
    pick(format!("→ {keep}"), format!("→ {keep}"))
}
pub fn person_restored(name: &str) -> String {
    pick(
        format!("{name}: 보관을 풀고 목록에 되살렸습니다"),
        format!("{name} restored to the lists"),
    )
}
pub fn not_archived(name: &str) -> String {
    pick(
        format!("{name}: 보관된 사람이 아니라 되살릴 것이 없습니다"),
        format!("{name} is not archived; nothing to restore"),
    )
}
pub fn archived_not_registered(name: &str) -> String {
    pick(
        format!("{name}: 보관된 사람은 등록할 수 없습니다. 먼저 Ctrl-Y로 되살리세요"),
        format!("{name} is archived and cannot be registered. Restore them first with Ctrl-Y"),
    )
}
pub fn already_archived(name: &str) -> String {
    pick(
        format!("{name}: 이미 보관되어 있습니다. Ctrl-Y로 되살릴 수 있습니다"),
        format!("{name} is already archived; Ctrl-Y restores them"),
    )
}
