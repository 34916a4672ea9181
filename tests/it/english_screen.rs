//! The check-in screen in English, drawn in the same test binary as the Korean screen tests: the
//! UI language belongs to the thread, and each test runs on its own.

#![allow(clippy::unwrap_used)]

use crate::common;
use common::screen::{render, screen};
use common::*;

use netday::i18n::Lang;
use netday::state::App;

/// The language is the app's: this thread stays Korean, the app draws in English.
fn english_app() -> (tempfile::TempDir, App) {
    let (d, store) = demo_store();
    seoul();
    let mut app = App::with_clock(store, clock).unwrap();
    app.lang = Lang::En;
    (d, app)
}

#[test]
fn english_ui() {
    let (_d, mut app) = english_app();
    let text = screen(&render(&app, 120, 30));
    assert!(
        text.contains("arrived 0·expected 39") && text.contains("Enter check in"),
        "{text}"
    );
    app.update(netday::state::Action::Undo);
    assert_eq!(app.message.unwrap().text, "No check-in to undo");
    assert_eq!(
        netday::i18n::lang(),
        Lang::Ko,
        "the thread's language is untouched"
    );
}

#[test]
fn an_english_and_a_korean_screen_draw_at_the_same_time() {
    // Both threads have set their language before either draws.
    let both_ready = std::sync::Barrier::new(2);
    let draw = |app: fn() -> (tempfile::TempDir, App)| {
        let (_d, app) = app();
        both_ready.wait();
        screen(&render(&app, 120, 30))
    };
    let (ko, en) = std::thread::scope(|s| {
        let ko = s.spawn(|| draw(demo_app));
        let en = s.spawn(|| draw(english_app));
        (ko.join().unwrap(), en.join().unwrap())
    });
    assert!(
        ko.contains("도착 0·예정 39") && ko.contains("Enter 체크인"),
        "{ko}"
    );
    assert!(
        en.contains("arrived 0·expected 39") && en.contains("Enter check in"),
        "{en}"
    );
}
