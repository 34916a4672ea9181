//! The Ctrl-O import preview is one honest screen (issue 25, items 2, 4 and 5's preview): each
//! column's label is what Enter imports, nothing of a cancelled preview survives, junk and the
//! phones of people already known are flagged per row, and a row can be left out by hand.

#![allow(clippy::unwrap_used)]

use crate::common;
use netday::state::{Action, App, Modal, Screen};

/// A form tool's export: three people whose phones belong to people already in the demo.
const FORM: &str = "타임스탬프,성함,소속,연락처,이메일\n\
    2026. 11. 20 오후 3:01:02,새얼굴,새마을협동조합,010-2041-1187,new1@ex.kr\n\
    2026. 11. 20 오후 3:02:02,두얼굴,새마을협동조합,010-3318-2290,new2@ex.kr\n\
    2026. 11. 20 오후 3:03:02,세얼굴,새마을협동조합,010-7730-4412,new3@ex.kr\n";

fn write(dir: &std::path::Path, name: &str, text: &str) -> std::path::PathBuf {
    let file = dir.join(name);
    std::fs::write(&file, text).unwrap();
    file
}

/// Opens the People screen's import (Ctrl-O) on `file` and shows its preview.
fn preview(app: &mut App, file: &std::path::Path) {
    while app.screen != Screen::People {
        app.update(Action::NextScreen);
    }
    app.update(Action::ImportPeople);
    app.update(Action::Paste(file.display().to_string()));
    app.update(Action::Submit);
}

fn shown(app: &App, w: u16, h: u16) -> String {
    common::screen::screen(&common::screen::render(app, w, h))
}

fn person_org(app: &App, name: &str) -> Option<String> {
    app.data
        .roster
        .people
        .iter()
        .find(|p| p.name == name)
        .map(|p| app.data.roster.org_name(p).to_string())
}

/// Issue 25 item 2: ↓ on [성함→이름] leaves no name column. The label says what was chosen,
/// the counts give way to why it cannot be imported, Enter refuses; ↑ restores both.
#[test]
fn a_mapping_that_cannot_import_is_shown_as_chosen_and_enter_refuses_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "응답.csv", FORM);
    let (_d, mut app) = common::demo_app();
    let before = app.data.roster.people.len();
    preview(&mut app, &file);
    app.update(Action::NextField);
    let text = shown(&app, 120, 40);
    assert!(text.contains("[성함→이름]"), "{text}");
    assert!(text.contains("새로 3"), "{text}");
    app.update(Action::Down);
    let text = shown(&app, 120, 40);
    assert!(
        text.contains("[성함→소속 기관]"),
        "the label says the mapping chosen:\n{text}"
    );
    assert!(!text.contains("새로 3"), "no stale counts:\n{text}");
    assert!(text.contains("이름으로 읽을 열이 없"), "{text}");
    app.update(Action::Submit);
    assert_eq!(
        app.data.roster.people.len(),
        before,
        "Enter imported nothing"
    );
    assert!(matches!(app.modal, Some(Modal::Import(_))), "still open");
    app.update(Action::Up);
    let text = shown(&app, 120, 40);
    assert!(text.contains("[성함→이름]"), "{text}");
    assert!(text.contains("새로 3"), "counts are back:\n{text}");
    assert!(
        !text.contains("이름으로 읽을 열이 없"),
        "the error is gone:\n{text}"
    );
    app.update(Action::Submit);
    assert!(app.modal.is_none(), "imported");
    assert_eq!(
        person_org(&app, "새얼굴").as_deref(),
        Some("새마을협동조합")
    );
}

/// Esc from the preview drops what was chosen there: the next preview, and the next Ctrl-O,
/// read the file as it is, and Enter imports name as name.
#[test]
fn nothing_of_a_cancelled_preview_survives() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "응답.csv", FORM);
    let (_d, mut app) = common::demo_app();
    preview(&mut app, &file);
    app.update(Action::NextField);
    app.update(Action::Down);
    app.update(Action::Cancel);
    let Some(Modal::Import(d)) = &app.modal else {
        panic!("back at the path")
    };
    assert!(d.preview.is_none());
    assert!(d.overrides.is_empty(), "{:?}", d.overrides);
    app.update(Action::Submit);
    let text = shown(&app, 120, 40);
    assert!(text.contains("[타임스탬프→무시]"), "{text}");
    assert!(text.contains("성함→이름"), "{text}");
    app.update(Action::Cancel);
    app.update(Action::Cancel);
    assert!(app.modal.is_none());
    preview(&mut app, &file);
    let text = shown(&app, 120, 40);
    assert!(
        text.contains("성함→이름") && text.contains("소속→소속 기관"),
        "{text}"
    );
    app.update(Action::Submit);
    assert!(app.modal.is_none(), "imported");
    assert_eq!(
        person_org(&app, "새얼굴").as_deref(),
        Some("새마을협동조합")
    );
}

/// Issue 25 item 2: three "new" people with the phones of people already known are flagged in
/// the preview, each row by line with whose phone it is, and counted.
#[test]
fn rows_with_the_phone_or_email_of_someone_known_are_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "응답.csv", FORM);
    let (_d, mut app) = common::demo_app();
    preview(&mut app, &file);
    let text = shown(&app, 120, 40);
    assert!(
        text.contains("새로 3") && text.contains("확인할 행 3"),
        "{text}"
    );
    for (line, holder) in [(2, "김기성"), (3, "강민수"), (4, "이서연")] {
        let at = text
            .find(
                &format!("{line:>4} 새얼굴")
                    .replace("새얼굴", ["새얼굴", "두얼굴", "세얼굴"][line - 2]),
            )
            .unwrap_or_else(|| panic!("row {line}:\n{text}"));
        let below = &text[at..];
        assert!(
            below.contains(&format!("연락처: 이미 있는 {holder}의 번호입니다")),
            "row {line}:\n{text}"
        );
    }
    // The same person's own phone and e-mail are not someone else's.
    let same = write(
        dir.path(),
        "같은사람.csv",
        "이름,연락처,이메일\n김기성,010-2041-1187,kiseong.kim@hanul-cu.example\n\
         새사람,,seoyeon@hanul-cu.example\n",
    );
    app.update(Action::Cancel);
    app.update(Action::Cancel);
    preview(&mut app, &same);
    let text = shown(&app, 120, 40);
    assert!(!text.contains("김기성의"), "{text}");
    assert!(
        text.contains("이메일: 이미 있는 이서연의 이메일입니다"),
        "{text}"
    );
    assert!(text.contains("확인할 행 1"), "{text}");
}

/// Two people here share a phone (a couple, an office line): a later list's row for one of
/// them is that person, not "someone else's phone" (seen in the coordinator's morning).
#[test]
fn a_shared_phone_is_not_flagged_on_the_row_of_one_who_holds_it() {
    let dir = tempfile::tempdir().unwrap();
    let (_d, mut app) = common::demo_app();
    let first = write(
        dir.path(),
        "신청.csv",
        "이름,소속,연락처
공유진,공유신협,010-4545-6767
공유미,공유신협,010-4545-6767
",
    );
    preview(&mut app, &first);
    app.update(Action::Submit);
    assert!(person_org(&app, "공유미").is_some());
    let later = write(
        dir.path(),
        "나중.csv",
        "이름,소속,연락처
공유진,공유신협,010-4545-6767
",
    );
    preview(&mut app, &later);
    let text = shown(&app, 120, 40);
    assert!(!text.contains("공유미의"), "{text}");
    assert!(text.contains("그대로 1") && !text.contains("⚠"), "{text}");
}

/// Issue 25 item 4: junk is said per row and column (a stripped escape, a formula, a name that
/// is an organisation or a number); x leaves the row pointed at out, n/p move among the flagged
/// rows, and the import and its message say how many were left out by hand.
const JUNK: &str = "이름,소속,연락처,참석 여부\n\
    김정상,한울신협,010-1111-0001,참석\n\
    \"최\x1b]0;PWNED\x07민호\",햇살생협,010-1111-0002,참석\n\
    박정상,\"=HYPERLINK(\"\"http://x\"\",\"\"x\"\")\",010-1111-0003,불참\n\
    한울신협,한울신협,010-1111-0004,미정\n\
    이정상,새솔신협,010-1111-0005,\n";

#[test]
fn junk_is_flagged_per_row_and_a_row_can_be_left_out_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "명단.csv", JUNK);
    let (_d, mut app) = common::demo_app();
    let before = app.data.roster.people.len();
    preview(&mut app, &file);
    let text = shown(&app, 120, 40);
    for said in [
        "이름: 숨은 제어 문자를 지웠습니다 (‘최]0;PWNED민호’로 가져옴)",
        "소속: 수식처럼 보입니다 ‘=HYPERLINK(\"http://x\",\"x\")’",
        "이름: 사람 이름이 아니라 기관 이름처럼 보입니다 ‘한울신협’",
        "확인할 행 3",
        "답변(‘참석 여부’ 열): 참석 2 · 불참(→취소) 1 · 미정 1 · 답 없음 1",
    ] {
        assert!(text.contains(said), "{said}:\n{text}");
    }
    let Some(Modal::Import(d)) = &app.modal else {
        panic!("previewed")
    };
    let line_of =
        |d: &netday::screens::ImportDialog| d.preview.as_ref().unwrap().parsed.rows[d.row].line;
    assert_eq!(line_of(d), 3, "the first row to check is pointed at");
    app.update(Action::NextFlagged);
    app.update(Action::NextFlagged);
    let Some(Modal::Import(d)) = &app.modal else {
        panic!()
    };
    assert_eq!(line_of(d), 5, "n moves among the rows to check");
    app.update(Action::NextFlagged);
    app.update(Action::PrevFlagged);
    let Some(Modal::Import(d)) = &app.modal else {
        panic!()
    };
    assert_eq!(line_of(d), 5, "and wraps round");
    // The organisation as a name, and the escape payload, are left out.
    app.update(Action::SkipRow);
    app.update(Action::PrevFlagged);
    app.update(Action::PrevFlagged);
    app.update(Action::SkipRow);
    let text = shown(&app, 120, 40);
    assert!(
        text.contains("새로 3") && text.contains("직접 뺀 행 2"),
        "{text}"
    );
    assert!(text.contains("확인할 행 1"), "{text}");
    assert!(text.contains("[뺌]"), "{text}");
    // Taken back and left out again: x toggles.
    app.update(Action::SkipRow);
    assert!(shown(&app, 120, 40).contains("새로 4"));
    app.update(Action::SkipRow);
    app.update(Action::Submit);
    assert!(app.modal.is_none(), "imported");
    let names: Vec<&str> = app
        .data
        .roster
        .people
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(app.data.roster.people.len(), before + 3, "{names:?}");
    assert!(!names.contains(&"한울신협") && !names.contains(&"최]0;PWNED민호"));
    assert!(
        names.contains(&"박정상"),
        "a flagged row not left out is imported"
    );
    let said = &app.message.as_ref().unwrap().text;
    assert!(said.contains("직접 뺀 행 2"), "{said}");
}

/// The preview names the sheet and the header row of a workbook, as the command line does, and
/// uses the terminal's width.
#[test]
fn the_preview_names_sheet_and_header_row_and_uses_the_width() {
    use rust_xlsxwriter::Workbook;
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    s.set_name("12월 참석자").unwrap();
    s.write_string(0, 0, "2026년 12월 네트워킹데이 참석자 명단")
        .unwrap();
    for (c, h) in ["성명", "소속", "참석"].iter().enumerate() {
        s.write_string(2, c as u16, *h).unwrap();
    }
    for (c, v) in ["김새롬", "한울신협", "불참"].iter().enumerate() {
        s.write_string(3, c as u16, *v).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("명단.xlsx");
    std::fs::write(&file, book.save_to_buffer().unwrap()).unwrap();
    let (_d, mut app) = common::demo_app();
    preview(&mut app, &file);
    let text = shown(&app, 200, 40);
    assert!(
        text.contains("시트 ‘12월 참석자’ · 머리글 3행 · Excel (.xlsx)"),
        "{text}"
    );
    assert!(text.contains("참석 0 · 불참(→취소) 1 · 미정 0"), "{text}");
    let border = text.lines().find(|l| l.contains("╭")).unwrap();
    assert!(
        border.chars().filter(|&c| c == '─').count() > 150,
        "as wide as the terminal:\n{border}"
    );
}

/// At 80×24 a preview of long values wraps instead of cutting them with "…".
#[test]
fn nothing_in_the_preview_is_cut_at_80_columns() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "긴명단.csv",
        "참석자 성함,소속 기관 이름,휴대폰 번호,이메일 주소,12월 네트워킹데이에 참석하시나요?\n\
         남궁지혜,돌봄나눔사회적협동조합 마포지부,010-4761-2208,namgung.jihye@carecoop-mapo.example,참석합니다\n\
         \"최\x1b]0;PWNED\x07민호\",서울협동조합지원센터 동북권 협력사무소,010-1111-0002,choi@example.org,참석\n",
    );
    let (_d, mut app) = common::demo_app();
    preview(&mut app, &file);
    let text = shown(&app, 80, 24);
    let popup: String = text
        .lines()
        .filter(|l| l.starts_with('│'))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!popup.contains('…'), "{text}");
    for whole in [
        "namgung.jihye@carecoop-mapo.example",
        "숨은 제어 문자를",
        "12월 네트워킹데이에 참석하시나요?",
    ] {
        let joined: String = popup
            .lines()
            .map(|l| l.trim_matches('│').trim_end())
            .collect();
        assert!(joined.contains(whole), "{whole}:\n{text}");
    }
}

/// The preview of a form export with junk, answers and the phones of people already known, at
/// 80×24 and 120×40; then the same with a mapping that cannot import.
#[test]
fn preview_snapshots() {
    // A path of the same length on every machine: relative, under the package's target/.
    let dir = tempfile::Builder::new()
        .prefix("preview")
        .rand_bytes(6)
        .tempdir_in("target")
        .unwrap();
    let file = write(
        dir.path(),
        "응답.csv",
        "타임스탬프,성함,소속,연락처,이메일,참석 여부\n\
         2026. 11. 20 오후 3:01:02,새얼굴,새마을협동조합,010-2041-1187,new1@ex.kr,참석\n\
         2026. 11. 20 오후 3:02:02,\"최\x1b]0;PWNED\x07민호\",햇살생협,010-1111-0002,,참석합니다\n\
         2026. 11. 20 오후 3:03:02,박정상,\"=HYPERLINK(\"\"http://x\"\",\"\"x\"\")\",010-1111-0003,,불참\n\
         2026. 11. 20 오후 3:04:02,한울신협,한울신협,010-1111-0004,,아직 모르겠어요\n\
         2026. 11. 20 오후 3:05:02,이정상,새솔신협,010-1111-0005,lee@ex.kr,\n",
    );
    let rel = std::path::Path::new("target").join(dir.path().file_name().unwrap());
    assert!(rel.join("응답.csv").is_file(), "{file:?}");
    let (_d, mut app) = common::demo_app();
    preview(&mut app, &rel.join("응답.csv"));
    let snap = |app: &App, name: &str| {
        for (w, h) in [(80, 24), (120, 40)] {
            // The temporary folder, as wide as it is, so the popup's border stays in place.
            let tmp = rel.display().to_string();
            let text: String = shown(app, w, h)
                .replace(&tmp, &format!("{:_<1$}", "<dir>", tmp.len()))
                // The folder's separator on Windows.
                .replace('\\', "/")
                .lines()
                .map(str::trim_end)
                .collect::<Vec<_>>()
                .join("\n");
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), text);
        }
    };
    snap(&app, "import_preview_form");
    app.update(Action::NextField);
    app.update(Action::Down);
    snap(&app, "import_preview_no_name");
}

/// Esc also forgets the sheet taken with PgDn and the rows left out with x.
#[test]
fn esc_forgets_the_sheet_and_the_rows_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("신청.xlsx");
    std::fs::write(&book, common::two_list_workbook()).unwrap();
    let (_d, mut app) = common::demo_app();
    preview(&mut app, &book);
    app.update(Action::PageDown);
    assert!(shown(&app, 120, 40).contains("둘째사람"));
    app.update(Action::Cancel);
    app.update(Action::Submit);
    let text = shown(&app, 120, 40);
    assert!(
        text.contains("첫사람") && !text.contains("둘째사람"),
        "{text}"
    );
    app.update(Action::Cancel);
    app.update(Action::Cancel);

    let file = write(dir.path(), "명단.csv", JUNK);
    preview(&mut app, &file);
    app.update(Action::SkipRow);
    assert!(shown(&app, 120, 40).contains("직접 뺀 행 1"));
    app.update(Action::Cancel);
    app.update(Action::Submit);
    let text = shown(&app, 120, 40);
    assert!(
        !text.contains("직접 뺀") && !text.contains("[뺌]"),
        "{text}"
    );
    assert!(text.contains("새로 5"), "{text}");
}
