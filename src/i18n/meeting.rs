//! The agenda and the minutes (notes, decisions, action items, drafts).

use super::{L, Lang, lang, pick};
use crate::model::korean::{Particle, particle};

pub const SCREEN_AGENDA: L = L("안건", "Agenda");
pub const SCREEN_NOTES: L = L("회의록", "Minutes");
pub const COL_START: L = L("시작", "Start");
pub const COL_LENGTH: L = L("길이", "Length");
pub const COL_ITEM: L = L("안건", "Agenda item");
pub const COL_PRESENTER: L = L("발표", "Presenter");
pub const COL_CLOCK: L = L("시계", "Clock");
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
pub const DELETE_TITLE: L = L("삭제", "Delete");
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
pub const UNSAVED_NOTE_TITLE: L = L("저장하지 않은 글", "Unsaved text");
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
        format!("'{what}'{} 삭제할까요?", particle(what, Particle::EulReul)),
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
/// The attendance workbook of the evidence pack.
pub fn pack_attendance_name(date: &str) -> String {
    pick(
        format!("참석현황-{date}.xlsx"),
        format!("attendance-list-{date}.xlsx"),
    )
}
/// The evidence pack's folder (or, with .zip, its archive).
pub fn pack_name(date: &str) -> String {
    pick(format!("결과보고-{date}"), format!("report-{date}"))
}
/// What the pack holds and where, after it was written.
pub fn pack_written(path: &str, files: usize) -> String {
    pick(
        format!("결과보고 자료 {files}개를 썼습니다: {path}"),
        format!("Wrote the {files} files of the report: {path}"),
    )
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

pub const MINUTES_EXPORT_TITLE: L = L("회의록 저장 (Markdown)", "Save the minutes (Markdown)");
pub const MINUTES_EXPORT_KEYS: L = L(
    "Tab 형식 (PDF·.docx·.md·.txt) · Enter 저장 · Esc 닫기",
    "Tab type (PDF, .docx, .md, .txt) · Enter save · Esc close",
);
pub const MINUTES_PDF_EXPORT_TITLE: L = L("회의록 저장 (PDF)", "Save the minutes (PDF)");
pub const MINUTES_DOCX_EXPORT_TITLE: L = L(
    "회의록 저장 (.docx: 한글·Word에서 편집)",
    "Save the minutes (.docx for Word or Hancom)",
);
pub const PACK_EXPORT_TITLE: L = L("결과보고 자료 저장", "Save the report files");
pub const PACK_EXPORT_KEYS: L = L(
    "Tab 폴더/.zip · Enter 저장 · Esc 닫기",
    "Tab folder/.zip · Enter save · Esc close",
);
pub const PACK_EXPORT_WHAT: L = L(
    "회의록 PDF·.docx, 참석현황 .xlsx, 출석부·서명부 PDF",
    "Minutes PDF and .docx, attendance .xlsx, record and sign-in PDFs",
);
pub const OWNER_AS_WRITTEN: L = L(
    "이대로 적기 (명단에 없는 사람)",
    "as written (someone not in the list)",
);
pub fn agenda_pushed(n: usize, minutes: i64) -> String {
    pick(
        format!("겹치지 않게 다음 안건 {n}개를 최대 {minutes}분 뒤로 옮겼습니다"),
        format!("{n} following items moved up to {minutes} min later so nothing overlaps"),
    )
}

pub const MINUTES_NO_ORG: L = L("소속 없음", "No organisation");
pub const MINUTES_NOBODY_ARRIVED: L = L("(도착한 사람 없음)", "(nobody arrived)");
pub const MINUTES_NEW_IDEA: L = L("새 아이디어", "new");
pub const MINUTES_TEXT_TITLE: L = L("[회의록]", "[Minutes]");
pub const MINUTES_DONE: L = L("완료", "done");
pub const MINUTES_FORMAT_ONLY_MINUTES: L = L(
    "--format은 회의록에만 쓸 수 있습니다. 다른 내보내기는 --format 없이 실행하세요.",
    "--format is for the minutes only. Run other exports without --format.",
);

/// "참석자 6명 (기관 5곳)".
pub fn minutes_attendees(people: usize, orgs: usize, l: Lang) -> String {
    match l {
        Lang::Ko => format!("참석자 {people}명 (기관 {orgs}곳)"),
        Lang::En => format!("Attendees: {people} from {orgs} organisation(s)"),
    }
}

/// An idea's stage and only its last move: "합의 (검토 중 → 합의, 11월 20일)".
pub fn minutes_idea_stage(
    status: crate::model::IdeaStatus,
    last: Option<&crate::model::IdeaMove>,
    new_that_day: bool,
    l: Lang,
) -> String {
    let now = status.label().in_lang(l);
    match last {
        Some(m) => {
            let date = m.at.local_date();
            let date = match l {
                Lang::Ko => date.format("%-m월 %-d일").to_string(),
                Lang::En => date.format("%-d %b").to_string(),
            };
            format!(
                "{now} ({} → {}, {date})",
                m.from.label().in_lang(l),
                m.to.label().in_lang(l)
            )
        }
        None if new_that_day => format!("{now} ({})", MINUTES_NEW_IDEA.in_lang(l)),
        None => now.to_string(),
    }
}

/// A due date in the chat minutes: "12월 8일" / "8 Dec", with the year when it is not `year`.
pub fn minutes_due(due: chrono::NaiveDate, year: i32, l: Lang) -> String {
    use chrono::Datelike;
    let f = match (l, due.year() == year) {
        (Lang::Ko, true) => "%-m월 %-d일",
        (Lang::Ko, false) => "%Y년 %-m월 %-d일",
        (Lang::En, true) => "%-d %b",
        (Lang::En, false) => "%-d %b %Y",
    };
    due.format(f).to_string()
}

pub const MINUTES_TEXT_EXPORT_TITLE: L = L(
    "단톡방용 회의록 저장 (텍스트)",
    "Save the minutes as chat text",
);
