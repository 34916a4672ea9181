//! The day from the first keystroke (issue 12), driven through actions: nothing acts unseen, the
//! networking day made and changed in the app, who has not come yet, shortcuts with the IME on.

#![allow(clippy::unwrap_used)]

use crate::common;
use common::*;

use netday::model::AttendanceStatus;
use netday::state::{Action, App};

fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        app.update(Action::Input(c));
    }
}

fn arrived(app: &App) -> usize {
    app.data
        .roster
        .attendance
        .values()
        .filter(|a| a.status.is_arrived())
        .count()
}

#[test]
fn while_the_screen_is_too_small_no_key_but_quit_acts() {
    let (_d, mut app) = demo_app();
    app.size = (60, 15);
    type_text(&mut app, "ㄴㄱ");
    app.update(Action::Submit);
    app.update(Action::WalkIn);
    assert_eq!(arrived(&app), 0, "nothing checked in unseen");
    assert!(app.modal.is_none(), "nothing opened unseen");
    assert!(app.checkin.query.is_empty(), "nothing typed unseen");
    app.update(Action::Quit);
    assert!(app.quit, "quitting still works");

    let (_d, mut app) = demo_app();
    app.size = (80, 24);
    type_text(&mut app, "ㄴㄱ");
    app.update(Action::Submit);
    assert_eq!(arrived(&app), 1, "the same keys act once the screen shows");
    assert!(
        app.data
            .roster
            .attendance
            .values()
            .any(|a| matches!(a.status, AttendanceStatus::CheckedIn { .. }))
    );
}
