//! The check-in screen in English. In the e2e binary: the UI language is process-wide.

#![allow(clippy::unwrap_used)]

use crate::common;
use common::*;

use netday::i18n::{Lang, set_lang};
use netday::state::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[test]
fn english_ui() {
    let (_d, store) = demo_store();
    set_lang(Lang::En);
    let app = App::with_clock(store, fixed_now).unwrap();
    let mut t = Terminal::new(TestBackend::new(120, 30)).unwrap();
    t.draw(|f| netday::view::draw(&app, f)).unwrap();
    let buf = t.backend().buffer();
    let text: String = buf.content().iter().map(|c| c.symbol()).collect();
    assert!(
        text.contains("arrived 0/39") && text.contains("Enter check in"),
        "{text}"
    );
}
