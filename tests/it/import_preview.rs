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
