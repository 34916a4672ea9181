//! Imports and pastes cannot hide, swallow, overwrite or bloat data (issue 10).

#![allow(clippy::unwrap_used)]

mod common;
use common::*;

use netday::i18n::{Lang, set_lang};
use netday::io::csv_in::{RowProblem, parse_people_csv};
use netday::io::import;
use netday::state::{Action, App};

fn empty_app() -> (tempfile::TempDir, App) {
    set_lang(Lang::Ko);
    let (dir, store) = temp_store();
    let mut app = App::with_clock(store, fixed_now).unwrap();
    app.update(Action::Cancel); // the demo offer
    (dir, app)
}

fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        app.update(Action::Input(c));
    }
}

fn desk_names(app: &App) -> Vec<String> {
    app.checkin
        .rows
        .iter()
        .map(|id| app.roster.person(*id).unwrap().name.clone())
        .collect()
}

#[test]
fn invisible_characters_do_not_hide_a_name_from_the_desk() {
    let (_d, mut app) = empty_app();
    let csv = "이름,소속\n\
        김\u{3164}하\u{00AD}늘\u{FE0F},한빛\u{2060}신협\n\
        \u{115F}\u{1160}\u{FFA0}\u{E0041},한빛신협\n\
        이\u{061C}영희\u{E007F},푸른생협\n";
    let parsed = parse_people_csv(csv.as_bytes()).unwrap();
    // A name of fillers alone is no name.
    assert_eq!(parsed.errors.len(), 1);
    assert_eq!(parsed.errors[0].line, 3);
    assert_eq!(parsed.errors[0].reason, RowProblem::MissingName);
    import::apply(&app.store, &parsed, Some(demo_date()), false).unwrap();
    app.reload().unwrap();
    type_text(&mut app, "김하늘");
    assert_eq!(desk_names(&app), ["김하늘"]);
    app.update(Action::Cancel);
    type_text(&mut app, "이영희");
    assert_eq!(desk_names(&app), ["이영희"]);
    let mut orgs: Vec<String> = app.roster.orgs.values().map(|o| o.name.clone()).collect();
    orgs.sort();
    assert_eq!(orgs, ["푸른생협", "한빛신협"]);
}
