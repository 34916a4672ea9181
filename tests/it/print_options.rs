//! The app's print menu has `netday print`'s options (issue 25 item 8): after the sheet, an
//! options step with those that apply to it (order for every sheet; phone column and empty
//! rows for the sign-in sheet), changed with ←→/Space, kept for the session, and printed.

use crate::common;
use common::screen::{mask_changes, render, row, screen};
use common::{demo_store, fixed_now};

use netday::i18n::{Lang, set_lang};
use netday::io::print::{Options, Sort};
use netday::model::PrintKind;
use netday::screens::Writing;
use netday::state::{Action, App, Modal, Screen};

/// The demo day on the People screen; files go to the temporary directory.
fn app() -> (tempfile::TempDir, App) {
    set_lang(Lang::Ko);
    let (dir, store) = demo_store();
    let mut app = App::with_clock(store, fixed_now).unwrap();
    app.export_dir = Some(dir.path().to_path_buf());
    app.screen = Screen::People;
    (dir, app)
}

fn keys(app: &mut App, actions: &[Action]) {
    for a in actions {
        app.update(a.clone());
    }
}

/// The screen at 80×24 as text (the People screen shows no badge codes at this width).
fn at_80x24(app: &App) -> String {
    let buf = render(app, 80, 24);
    (0..buf.area.height)
        .map(|y| mask_changes(row(&buf, y).trim_end()))
        .collect::<Vec<_>>()
        .join("\n")
}

fn chosen(app: &App) -> (PrintKind, Options) {
    match &app.modal {
        Some(Modal::Export(d)) => match &d.what {
            Writing::Print(kind, o) => (*kind, *o),
            other => panic!("{other:?}"),
        },
        other => panic!("asks where: {other:?}"),
    }
}

#[test]
fn the_sign_in_sheet_offers_order_phone_column_and_empty_rows() {
    let (_dir, mut app) = app();
    keys(&mut app, &[Action::Print, Action::Submit]);
    insta::assert_snapshot!("print_options_signin_80x24", at_80x24(&app));
    // The order by name, the phone column in, 20 empty rows.
    keys(
        &mut app,
        &[
            Action::Right,
            Action::Down,
            Action::Right,
            Action::Down,
            Action::Right,
            Action::Right,
        ],
    );
    insta::assert_snapshot!("print_options_signin_changed_80x24", at_80x24(&app));
    app.update(Action::Submit);
    assert_eq!(
        chosen(&app),
        (
            PrintKind::Signin,
            Options {
                sort: Some(Sort::Name),
                contact: true,
                blank: 20,
            }
        )
    );
}

#[test]
fn badges_and_the_attendance_record_offer_only_their_order() {
    let (_dir, mut app) = app();
    keys(&mut app, &[Action::Print, Action::Down, Action::Submit]);
    insta::assert_snapshot!("print_options_badges_80x24", at_80x24(&app));
    let shown = screen(&render(&app, 80, 24));
    assert!(
        !shown.contains("빈 줄") && !shown.contains("연락처"),
        "{shown}"
    );
    // ↓ past the one option, then ←: the order before 소속순, round.
    keys(
        &mut app,
        &[Action::Down, Action::Down, Action::Left, Action::Submit],
    );
    assert_eq!(
        chosen(&app),
        (
            PrintKind::Badges,
            Options {
                sort: Some(Sort::Arrival),
                ..Options::default()
            }
        )
    );
    app.update(Action::Cancel);
    keys(&mut app, &[Action::Print, Action::Down, Action::Submit]);
    let shown = screen(&render(&app, 80, 24));
    assert!(
        shown.contains("출석부") && shown.contains("◀ 도착순 ▶"),
        "{shown}"
    );
    assert!(
        !shown.contains("빈 줄") && !shown.contains("연락처"),
        "{shown}"
    );
}

#[test]
fn esc_goes_back_to_the_sheets_and_the_last_choice_is_kept_for_the_session() {
    let (_dir, mut app) = app();
    keys(&mut app, &[Action::Print, Action::Submit, Action::Cancel]);
    assert!(
        matches!(&app.modal, Some(Modal::PrintMenu(m)) if m.options.is_none()),
        "Esc goes back to the sheets: {:?}",
        app.modal
    );
    // Empty rows down to none, the phone column in.
    keys(
        &mut app,
        &[
            Action::Submit,
            Action::Down,
            Action::Right,
            Action::Down,
            Action::Left,
            Action::Left,
            Action::Left,
            Action::Submit,
            Action::Cancel,
        ],
    );
    assert_eq!(app.modal, None);
    // Ctrl-P again: the sheet and its options as last chosen.
    keys(&mut app, &[Action::Print, Action::Submit]);
    let shown = screen(&render(&app, 80, 24));
    for want in ["◀ 넣기 (가운데 가림) ▶", "◀ 0줄 ▶", "◀ 소속순 ▶"] {
        assert!(shown.contains(want), "{want}:\n{shown}");
    }
    app.update(Action::Submit);
    let wanted = Options {
        sort: None,
        contact: true,
        blank: 0,
    };
    assert_eq!(chosen(&app), (PrintKind::Signin, wanted));
}

/// The PDF written from the app has what was chosen: the 연락처 column and the empty rows
/// (read back with pdftotext).
#[cfg(unix)] // reads the PDF back with poppler's pdftotext, a Unix program
#[test]
fn the_pdf_written_from_the_app_has_the_chosen_columns_and_rows() {
    let (dir, mut app) = app();
    let people = app
        .data
        .print_with(
            app.event.as_ref().unwrap(),
            PrintKind::Signin,
            &Options::default(),
            &mut netday::progress::Silent,
        )
        .unwrap()
        .people;
    // Phone column in, 5 empty rows instead of 10.
    keys(
        &mut app,
        &[
            Action::Print,
            Action::Submit,
            Action::Down,
            Action::Right,
            Action::Down,
            Action::Left,
            Action::Submit,
            Action::Submit,
        ],
    );
    assert_eq!(app.modal, None);
    let pdf = dir.path().join("서명부-2026-11-24.pdf");
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .unwrap_or_else(|e| panic!("pdftotext is needed ({e}); install poppler-utils"));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("연락처"), "{text}");
    assert!(text.contains("010-"), "{text}");
    let last = text
        .lines()
        .filter_map(|l| l.split_whitespace().next()?.parse::<usize>().ok())
        .max()
        .unwrap();
    assert_eq!(last, people + 5, "{text}");
}
