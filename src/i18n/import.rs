//! Importing lists: which sheet, which column went where, what was left out, and answers.

use super::{L, pick};
use crate::model::OrgKind;
use crate::model::korean::{Particle, josa};

pub const IGNORED_COLUMN: L = L("무시", "ignored");
pub const MAPPING_TITLE: L = L("열 → 필드:", "Column → field:");

pub fn sheet_taken(sheet: &str, header_line: usize) -> String {
    pick(
        format!("‘{sheet}’ 시트의 {header_line}행을 머리글로 읽었습니다"),
        format!("Read sheet ‘{sheet}’, header on row {header_line}"),
    )
}

pub fn header_below_top(header_line: usize) -> String {
    pick(
        format!("{header_line}행을 머리글로 읽었습니다 (위의 줄은 제목으로 보고 건너뜀)"),
        format!("Header read on line {header_line} (the lines above it taken as titles)"),
    )
}

/// A column left out that looks like it holds `field` (its Korean and English names).
pub fn unmapped_warning(column: &str, field_ko: &str, field_en: &str) -> String {
    pick(
        format!(
            "경고: ‘{column}’ 열은 {field_ko}처럼 보이지만 가져오지 않습니다. 가져오려면 --map '{column}={field_en}'"
        ),
        format!(
            "WARNING: column ‘{column}’ looks like {field_en} but is not imported; to import it use --map '{column}={field_en}'"
        ),
    )
}

pub fn bad_map(arg: &str) -> (String, String) {
    (
        format!(
            "--map ‘{arg}’를 읽을 수 없습니다. ‘머리글=필드’로 적어 주세요 (필드: 이름, 소속, 직함, 연락처, 이메일, 구분, 지역, 코드, 태그, 메모, 상태, 무시)"
        ),
        format!(
            "cannot read --map ‘{arg}’: write it as ‘header=field’ (fields: name, organization, role, phone, email, kind, district, code, tags, notes, status, ignore)"
        ),
    )
}

pub fn map_no_such_header(file: &str, header: &str, titles: &str) -> (String, String) {
    (
        format!("{file}: --map의 ‘{header}’ 열이 머리글에 없습니다. 있는 열: {titles}"),
        format!(
            "{file}: --map names ‘{header}’, which is not a column of the header; columns: {titles}"
        ),
    )
}

pub fn answers_without_event(column: &str) -> String {
    pick(
        format!("‘{column}’ 열의 참석 답변은 --event 날짜를 줄 때만 등록에 쓰입니다"),
        format!("The answers in column ‘{column}’ set registrations only with --event DATE"),
    )
}

pub fn cancelled_for(n: usize, title: &str) -> String {
    pick(
        format!("{title}: 불참 답변으로 {n}명의 참석 예정을 취소"),
        format!("{title}: {n} registrations cancelled (answered no)"),
    )
}

/// The same warning in the app's import preview (no --map there).
pub fn unmapped_in_preview(column: &str, field_ko: &str, field_en: &str) -> String {
    pick(
        format!(
            "경고: ‘{column}’ 열은 {field_ko}처럼 보이지만 가져오지 않습니다 (열 이름을 고쳐 다시 여세요)"
        ),
        format!(
            "WARNING: column ‘{column}’ looks like {field_en} but is not imported (rename the column and open again)"
        ),
    )
}

/// What an import did to the day's registrations, in one line (the app's status line); `kept`
/// is how many kept their 불참/미정 because the list gave no answer for them.
pub fn day_answers(
    registered: usize,
    tentative: usize,
    cancelled: usize,
    kept: usize,
    title: &str,
) -> String {
    let mut ko = vec![format!("참석 예정 {registered}명")];
    let mut en = vec![format!("{registered} expected")];
    if tentative > 0 {
        ko.push(format!("미정 {tentative}명"));
        en.push(format!("{tentative} tentative"));
    }
    if cancelled > 0 {
        ko.push(format!("불참 {cancelled}명 취소"));
        en.push(format!("{cancelled} cancelled"));
    }
    if kept > 0 {
        ko.push(format!("불참·미정 답변 {kept}명 유지"));
        en.push(format!("{kept} kept their no/maybe answer"));
    }
    pick(
        format!("{title}: {}", ko.join(", ")),
        format!("{title}: {}", en.join(", ")),
    )
}

pub fn tentative_for(n: usize, title: &str) -> String {
    pick(
        format!("{title}에 미정으로 {n}명 등록"),
        format!("{n} registered as tentative for {title}"),
    )
}

/// `--sheet NAME` names no sheet holding a list.
pub fn no_such_sheet(file: &str, want: &str, listed: &str) -> (String, String) {
    let (ko_list, en_list) = if listed.is_empty() {
        (
            "명단이 있는 시트가 없습니다".to_string(),
            "no sheet holds a list".to_string(),
        )
    } else {
        (
            format!("명단이 있는 시트: {listed}"),
            format!("sheets holding a list: {listed}"),
        )
    };
    (
        format!(
            "{file}: ‘{want}’ 시트에서 명단을 찾지 못했습니다 ({ko_list}). --sheet에 그 이름을 그대로 적어 주세요"
        ),
        format!(
            "{file}: no list found on sheet ‘{want}’ ({en_list}). Give --sheet one of those names exactly"
        ),
    )
}

/// Several sheets hold a list and none was named: nothing is imported.
pub fn choose_sheet(file: &str, listed: &str) -> (String, String) {
    (
        format!(
            "{file}: 명단이 있는 시트가 여럿입니다 ({listed}). 아무것도 가져오지 않았습니다. --sheet 이름으로 하나를 고르세요"
        ),
        format!(
            "{file}: several sheets hold a list ({listed}). Nothing was imported: choose one with --sheet NAME"
        ),
    )
}

/// The same on a dry run, which goes on with the first.
pub fn several_sheets(listed: &str) -> String {
    pick(
        format!(
            "참고: 명단이 있는 시트가 여럿입니다 ({listed}). 가져올 때는 --sheet 이름으로 고르세요"
        ),
        format!(
            "Note: several sheets hold a list ({listed}). To import, choose one with --sheet NAME"
        ),
    )
}

/// A row refused because its badge code belongs here to a namesake (`holder`: their name and
/// masked phone) whose phone, e-mail or organisation differ from the row's.
pub fn code_of_namesake(code: &str, holder: &str) -> (String, String) {
    (
        format!(
            "배지 코드 {} 이미 이 데이터베이스의 동명이인({holder})의 코드이고, 연락처·이메일·소속이 달라 같은 사람으로 보지 않았습니다. 같은 사람이면 연락처를 맞추고, 다른 사람이면 코드 칸을 비워 다시 가져오세요",
            josa(code, Particle::EunNeun)
        ),
        format!(
            "badge code {code} already belongs here to someone of the same name ({holder}) whose phone, e-mail or organisation differ, so the row was not taken as them: if this is the same person make the phone agree, otherwise clear the code cell and import again"
        ),
    )
}

/// Esc while a list was read or checked, or before anything was written.
pub fn import_cancelled(file: &str) -> String {
    let file = crate::model::clean_line(file);
    pick(
        format!("가져오기를 취소했습니다: {file}. 아무것도 저장하지 않았습니다."),
        format!("Import cancelled: {file}. Nothing was saved."),
    )
}

/// Esc while people were written: what is saved, and how to finish.
pub fn import_stopped(file: &str, saved: usize, of: usize) -> String {
    let file = crate::model::clean_line(file);
    let (saved, of) = (super::grouped(saved as u64), super::grouped(of as u64));
    pick(
        format!(
            "가져오기를 멈췄습니다: {of}명 중 {saved}명까지 저장했습니다. {file} 파일을 다시 가져오면 나머지를 마저 가져옵니다."
        ),
        format!(
            "Import stopped: {saved} of {of} people saved. Import {file} again to bring in the rest."
        ),
    )
}

/// A spreadsheet over the reading budget (`CsvError::TooBig`); the file is named by the caller.
pub const SHEET_TOO_BIG: L = L(
    "스프레드시트가 너무 커서 읽지 않았습니다 (셀 4천만 개, 또는 압축을 푼 크기의 한도를 넘습니다). 명단이 있는 시트의 필요한 열만 남겨 .xlsx나 CSV로 다시 저장해 보세요",
    "the spreadsheet is too large to read (over 40 million cells, or over the limit unzipped): keep only the list's sheet and columns and save it again as .xlsx or CSV",
);

/// Every row of `file` failed: the command ends in failure, saying so.
pub fn import_nothing_imported(file: &str, errors: usize) -> (String, String) {
    (
        format!(
            "{file}에서 한 명도 가져오지 못했습니다 (오류 {errors}행). 위의 행 번호와 이유를 보고 파일을 고친 뒤 다시 가져오세요."
        ),
        format!(
            "Nobody could be imported from {file} ({errors} row(s) with errors). Fix the rows named above and import it again."
        ),
    )
}

/// The kinds new organisations get (the file's, else the one their name says, else 기타), and
/// how many organisations still 기타 here take the kind the file gives them.
pub fn org_kinds(new: &[(String, OrgKind)], kinds_set: usize) -> String {
    let list = |short: fn(OrgKind) -> &'static str| {
        new.iter()
            .map(|(name, k)| format!("{name}({})", short(*k)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut ko = format!("새 기관 {}곳: {}", new.len(), list(|k| k.short().0));
    let mut en = format!("{} new organisations: {}", new.len(), list(|k| k.short().1));
    if kinds_set > 0 {
        ko.push_str(&format!(" · 기타였던 {kinds_set}곳의 구분을 정함"));
        en.push_str(&format!(" · {kinds_set} set from 기타 (other)"));
    }
    pick(ko, en)
}

/// People whose 불참 or 미정 stayed: the list had no answer for them.
pub fn kept_answers(n: usize, title: &str) -> String {
    pick(
        format!("{title}: 답변이 없는 목록이라 불참·미정 답변 {n}명을 그대로 둠"),
        format!("{title}: {n} kept their no/maybe answer (the list has no answer for them)"),
    )
}

/// One flag of a row: the column, then what it looked like.
pub fn row_flag_words(field: &str, what: &str) -> String {
    format!("{field}: {what}")
}

/// A flagged row, one line (the preview and `netday import`).
pub fn row_flag(line: usize, what: &str) -> String {
    pick(
        format!("{line}행 확인: {what}"),
        format!("line {line}, check: {what}"),
    )
}

pub fn flag_controls(left: &str) -> (String, String) {
    (
        format!("숨은 제어 문자를 지웠습니다 (‘{left}’로 가져옴)"),
        format!("hidden control characters removed (imported as ‘{left}’)"),
    )
}

pub fn flag_formula(text: &str) -> (String, String) {
    (
        format!("수식처럼 보입니다 ‘{text}’ (글자 그대로 가져옴)"),
        format!("looks like a spreadsheet formula ‘{text}’ (imported as plain text)"),
    )
}

pub fn flag_name_like_org(name: &str) -> (String, String) {
    (
        format!("사람 이름이 아니라 기관 이름처럼 보입니다 ‘{name}’ (열이 바뀌지 않았나요?)"),
        format!("‘{name}’ looks like an organisation, not a person (columns swapped?)"),
    )
}

pub fn flag_name_like_number(name: &str) -> (String, String) {
    (
        format!("사람 이름이 아니라 번호처럼 보입니다 ‘{name}’"),
        format!("‘{name}’ looks like a phone number or a number, not a name"),
    )
}

pub fn flag_phone_of(holder: &str) -> (String, String) {
    (
        format!("이미 있는 {holder}의 번호입니다 (다른 이름)"),
        format!("belongs to {holder} already (another name)"),
    )
}

pub fn flag_email_of(holder: &str) -> (String, String) {
    (
        format!("이미 있는 {holder}의 이메일입니다 (다른 이름)"),
        format!("belongs to {holder} already (another name)"),
    )
}

pub const ACTION_NEXT_FLAGGED: (Option<L>, L) = (
    None,
    L(
        "가져오기 미리 보기: 다음 확인할 행 (없으면 다음 행)",
        "Import preview: next row to check (or the next row)",
    ),
);
pub const ACTION_PREV_FLAGGED: (Option<L>, L) = (
    None,
    L(
        "가져오기 미리 보기: 이전 확인할 행 (없으면 이전 행)",
        "Import preview: previous row to check (or the previous row)",
    ),
);
pub const ACTION_SKIP_ROW: (Option<L>, L) = (
    None,
    L(
        "가져오기 미리 보기: 고른 행 빼기 / 되살리기",
        "Import preview: leave the row out / take it back",
    ),
);

/// The preview's choices leave no column read as the name.
pub const IMPORT_NO_NAME_CHOSEN: L = L(
    "이름으로 읽을 열이 없습니다. ↑↓로 한 열을 이름으로 바꾸거나 Esc로 처음부터 하세요",
    "No column is read as the name: use ↑↓ to make a column the name, or Esc to start over",
);

/// Rows the user left out in the preview.
pub fn skipped_by_hand(n: usize) -> String {
    pick(format!("직접 뺀 행 {n}"), format!("{n} left out by hand"))
}

/// Where the preview's list comes from: the sheet (of a workbook), the header row, the encoding.
pub fn preview_source(sheet: Option<&str>, header_line: usize, encoding: &str) -> String {
    match sheet {
        Some(sheet) => pick(
            format!("시트 ‘{sheet}’ · 머리글 {header_line}행 · {encoding}"),
            format!("Sheet ‘{sheet}’ · header on row {header_line} · {encoding}"),
        ),
        None => pick(
            format!("머리글 {header_line}행 · 인코딩 {encoding}"),
            format!("Header on line {header_line} · encoding {encoding}"),
        ),
    }
}

/// The preview's answers: the column they are read from and how many of each.
pub fn preview_answers(column: &str, yes: usize, no: usize, maybe: usize, none: usize) -> String {
    pick(
        format!(
            "답변(‘{column}’ 열): 참석 {yes} · 불참(→취소) {no} · 미정 {maybe} · 답 없음 {none}"
        ),
        format!(
            "Answers (column ‘{column}’): yes {yes} · no (→ cancelled) {no} · maybe {maybe} · none {none}"
        ),
    )
}

/// The short word of an answer in a preview row.
pub const ANSWER_YES: L = L("참석", "yes");
pub const ANSWER_NO: L = L("불참", "no");
pub const ANSWER_MAYBE: L = L("미정", "maybe");

/// Rows with something to check, for the preview's count line.
pub fn rows_to_check(n: usize) -> String {
    pick(format!("확인할 행 {n}"), format!("{n} rows to check"))
}

/// The title of the preview's rows, with the keys that act on them.
pub fn preview_rows_title(first: bool, line: usize) -> String {
    if first {
        pick(
            "— 처음 몇 줄 · n/p 확인할 행 · x 빼기/되살리기".to_string(),
            "— First rows · n/p rows to check · x leave out/take back".to_string(),
        )
    } else {
        pick(
            format!("— {line}행부터 · n/p 확인할 행 · x 빼기/되살리기"),
            format!("— From line {line} · n/p rows to check · x leave out/take back"),
        )
    }
}

/// A row left out by hand, as the preview marks it.
pub const ROW_LEFT_OUT: L = L("[뺌]", "[out]");

/// Rows of the preview not shown for lack of room.
pub fn more_rows(n: usize) -> String {
    pick(
        format!("그 밖에 {n}행 (n/p로 옮겨 보기)"),
        format!("{n} more rows (n/p to move)"),
    )
}

/// The preview's choices cannot be imported; `why` says why.
pub fn cannot_import(why: &str) -> String {
    pick(
        format!("이대로는 가져올 수 없습니다 (Enter 안 됨): {why}"),
        format!("This cannot be imported (Enter does nothing): {why}"),
    )
}

pub const PREVIEW_AGAIN: L = L(
    "바뀐 선택으로 미리 보기를 다시 만드는 중… (Enter로 다시 만들기)",
    "Previewing again with the new choice… (Enter to preview)",
);

/// `org_kinds` for the first `new.len()` of `total` new organisations; the rest counted.
pub fn org_kinds_some(new: &[(String, OrgKind)], total: usize, kinds_set: usize) -> String {
    let more = total.saturating_sub(new.len());
    let list = |short: fn(OrgKind) -> &'static str| {
        new.iter()
            .map(|(name, k)| format!("{name}({})", short(*k)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut ko = format!("새 기관 {total}곳: {}", list(|k| k.short().0));
    let mut en = format!("{total} new organisations: {}", list(|k| k.short().1));
    if more > 0 {
        ko.push_str(&format!(" 외 {more}곳"));
        en.push_str(&format!(" and {more} more"));
    }
    if kinds_set > 0 {
        ko.push_str(&format!(" · 기타였던 {kinds_set}곳의 구분을 정함"));
        en.push_str(&format!(" · {kinds_set} set from 기타 (other)"));
    }
    pick(ko, en)
}

/// `--skip-line` names a line that holds no row to import (a header, an error, past the end).
pub fn skip_line_not_a_row(line: usize) -> String {
    pick(
        format!("--skip-line {line}: 가져올 행이 있는 줄이 아니라서 뺄 것이 없습니다"),
        format!("--skip-line {line}: no row to import on that line, nothing left out"),
    )
}

// --- the import dialog's file picker ---

/// Over the list of the usual folders' lists.
pub const PICKER_USUAL: L = L(
    "최근 가져온 폴더·다운로드·문서·바탕화면·현재 폴더의 명단 파일 (새것부터)",
    "Lists in recent folders, Downloads, Documents, Desktop, here (newest first)",
);
pub const PICKER_NONE: L = L(
    "맞는 파일이 없습니다. 경로를 직접 쓰세요 (예: ~/Downloads/명단.xlsx).",
    "No file matches. Type the path yourself (for example ~/Downloads/list.xlsx).",
);
pub const PICKER_FOLDER: L = L("폴더", "folder");
pub const FOOTER_PREVIEW: L = L("미리 보기", "preview");
pub const FOOTER_PICK_FILE: L = L("파일 고르기", "choose a file");
pub const FOOTER_COMPLETE: L = L("경로 채우기", "complete");

/// Over a typed folder's listing.
pub fn picker_in(folder: &str) -> String {
    pick(format!("{folder} 안"), format!("In {folder}"))
}

/// Under a list cut to what fits.
pub fn picker_more(shown: usize, of: usize) -> String {
    pick(
        format!("{of}개 중 {shown}개 — 이름을 더 쓰면 좁혀집니다"),
        format!("{shown} of {of} — type more of the name to narrow"),
    )
}
