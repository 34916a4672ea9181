//! Every screen in its main states, at 80×24 and 160×48, as text snapshots (insta) of the demo
//! networking day: Hangul data, Korean UI, Seoul time, `common::fixed_now()`.
//!
//! A changed screen fails here until its snapshot is reviewed and accepted
//! (`cargo insta review`, or `INSTA_UPDATE=always` and a look at the diff). The snapshots show
//! what the eye reads: a wide character once, trailing blanks cut.

#![allow(clippy::unwrap_used)]

use crate::common;
use common::screen::{mask_changes, render, row};
use common::type_text;

use netday::model::looks_like_code;
use netday::state::{Action, App, Screen};
use ratatui::buffer::Buffer;

fn text(buf: &Buffer) -> String {
    (0..buf.area.height)
        .map(|y| mask_code(&mask_changes(row(buf, y).trim_end())))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Badge codes are random per database: a snapshot shows where a code is, not which.
fn mask_code(line: &str) -> String {
    const LABEL: &str = "코드 ";
    let Some(start) = line.find(LABEL).map(|i| i + LABEL.len()) else {
        return line.to_string();
    };
    let end = line[start..].find(' ').map_or(line.len(), |e| start + e);
    if !looks_like_code(&line[start..end]) {
        return line.to_string();
    }
    format!(
        "{}{}{}",
        &line[..start],
        "#".repeat(end - start),
        &line[end..]
    )
}

/// Asserts the snapshots `{name}_80x24` and `{name}_160x48`.
fn snap(name: &str, app: &App) {
    for (w, h) in [(80, 24), (160, 48)] {
        let shown = text(&render(app, w, h));
        // A proposed file name is joined to the folder with the platform's separator.
        #[cfg(windows)]
        let shown = shown.replace("문서\\", "문서/");
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), shown);
    }
}

fn on(screen: Screen) -> (tempfile::TempDir, App) {
    let (dir, mut app) = common::demo_app();
    // Where files are proposed, the same on every machine (it is only shown, never written).
    app.export_dir = Some(std::path::PathBuf::from("/home/coordinator/문서"));
    while app.screen != screen {
        app.update(Action::NextScreen);
    }
    (dir, app)
}

// --- desk ---

#[test]
fn desk_empty_search() {
    let (_d, app) = on(Screen::Checkin);
    snap("desk_empty_search", &app);
}

#[test]
fn desk_missing_list() {
    let (_d, mut app) = on(Screen::Checkin);
    app.update(Action::ShowMissing);
    app.update(Action::Down);
    snap("desk_missing_list", &app);
}

#[test]
fn desk_search_with_hits() {
    let (_d, mut app) = on(Screen::Checkin);
    type_text(&mut app, "김");
    snap("desk_search_with_hits", &app);
}

#[test]
fn desk_walk_in_form() {
    let (_d, mut app) = on(Screen::Checkin);
    app.update(Action::WalkIn);
    type_text(&mut app, "박새롬");
    snap("desk_walk_in_form", &app);
}

#[test]
fn desk_undo_confirm() {
    let (_d, mut app) = on(Screen::Checkin);
    type_text(&mut app, "ㄱㄱㅅ");
    app.update(Action::Submit);
    app.update(Action::Undo);
    snap("desk_undo_confirm", &app);
}

#[test]
fn desk_help() {
    let (_d, mut app) = on(Screen::Checkin);
    app.update(Action::Help);
    snap("desk_help", &app);
}

// --- people ---

#[test]
fn people_list() {
    let (_d, app) = on(Screen::People);
    snap("people_list", &app);
}

#[test]
fn people_detail_pane() {
    let (_d, mut app) = on(Screen::People);
    type_text(&mut app, "김기성");
    app.update(Action::Submit);
    snap("people_detail_pane", &app);
}

#[test]
fn people_filter_menu() {
    let (_d, mut app) = on(Screen::People);
    app.update(Action::FilterMenu);
    app.update(Action::Right);
    snap("people_filter_menu", &app);
}

#[test]
fn people_person_form() {
    let (_d, mut app) = on(Screen::People);
    app.update(Action::Edit);
    snap("people_person_form", &app);
}

#[test]
fn people_walk_in_lookup_with_a_new_organisation_row() {
    // The person form's organisation lookup: hits, the highlighted best one, and the explicit
    // "new organisation" row for what was typed.
    let (_d, mut app) = on(Screen::People);
    app.update(Action::AddPerson);
    type_text(&mut app, "김새싹");
    app.update(Action::NextField);
    type_text(&mut app, "한울");
    snap("people_person_form_org_lookup", &app);
}

#[test]
fn people_merge_confirm_names_both_people() {
    // Two records alike in every field a merge asks about: the one yes/no.
    let (_d, mut app) = on(Screen::People);
    let first = app.screens.people.rows[0];
    let mut twin = app.data.roster.person(first).unwrap().clone();
    twin.id = 0;
    twin.code.clear();
    twin.aliases.clear();
    let event = app.event.clone().unwrap();
    let mut expected = netday::model::Attendance {
        event_id: event.id,
        person_id: 0,
        status: netday::model::AttendanceStatus::Expected,
        updated: common::clock(),
    };
    app.data
        .save_person(&mut twin, None, Some(&mut expected))
        .unwrap();
    app.screens.people.refresh(&app.data.roster);
    app.update(Action::Merge);
    app.update(Action::Down);
    app.update(Action::Merge);
    snap("people_merge_confirm", &app);
}

#[test]
fn people_merge_field_choice() {
    // Two people who differ: a row per field, the kept record's value left, the duplicate's
    // right; the name is chosen (the duplicate's), the rest still open.
    let (_d, mut app) = on(Screen::People);
    app.update(Action::Merge);
    app.update(Action::Down);
    app.update(Action::Merge);
    app.update(Action::Right);
    app.update(Action::Submit);
    snap("people_merge_field_choice", &app);
}

#[test]
fn people_org_form() {
    let (_d, mut app) = on(Screen::People);
    app.update(Action::ToggleOrgs);
    app.update(Action::Edit);
    snap("people_org_form", &app);
}

#[test]
fn people_export_path() {
    let (_d, mut app) = on(Screen::People);
    app.update(Action::ExportPeople);
    snap("people_export_path", &app);
}

#[test]
fn people_print_menu() {
    let (_d, mut app) = on(Screen::People);
    app.update(Action::Print);
    app.update(Action::Down);
    snap("people_print_menu", &app);
}

#[test]
fn people_organisations() {
    let (_d, mut app) = on(Screen::People);
    app.update(Action::ToggleOrgs);
    snap("people_organisations", &app);
}

#[test]
fn people_import_dialog() {
    let (_d, mut app) = on(Screen::People);
    // No file of the machine's in the picker's list.
    let home = tempfile::tempdir().unwrap();
    app.home = Some(home.path().to_path_buf());
    app.update(Action::ImportPeople);
    // A path relative to the package root, where cargo runs tests, so the snapshot is stable.
    app.update(Action::Paste("assets/demo/people.csv".into()));
    snap("people_import_path", &app);
    app.update(Action::Submit);
    snap("people_import_preview", &app);
}

// --- agenda ---

#[test]
fn agenda_list() {
    let (_d, app) = on(Screen::Agenda);
    snap("agenda_list", &app);
}

#[test]
fn agenda_form() {
    let (_d, mut app) = on(Screen::Agenda);
    app.update(Action::AddItem);
    type_text(&mut app, "폐회");
    snap("agenda_form", &app);
}

// --- notes ---

#[test]
fn notes_list() {
    let (_d, app) = on(Screen::Notes);
    snap("notes_list", &app);
}

#[test]
fn notes_editor() {
    let (_d, mut app) = on(Screen::Notes);
    app.update(Action::AddItem);
    type_text(&mut app, "한울신협: 청년 조합원 늘어남");
    snap("notes_editor", &app);
}

#[test]
fn notes_action_form() {
    let (_d, mut app) = on(Screen::Notes);
    app.update(Action::AddItem);
    type_text(&mut app, "장터 장소 답사");
    app.update(Action::CycleKind);
    app.update(Action::CycleKind);
    app.update(Action::Save);
    type_text(&mut app, "서민준");
    snap("notes_action_form", &app);
}

// --- ideas ---

#[test]
fn ideas_board() {
    let (_d, app) = on(Screen::Ideas);
    snap("ideas_board", &app);
}

#[test]
fn ideas_detail() {
    let (_d, mut app) = on(Screen::Ideas);
    app.update(Action::Submit);
    snap("ideas_detail", &app);
}

#[test]
fn ideas_form() {
    let (_d, mut app) = on(Screen::Ideas);
    app.update(Action::NewIdea);
    type_text(&mut app, "공유부엌");
    snap("ideas_form", &app);
}

#[test]
fn ideas_filter() {
    let (_d, mut app) = on(Screen::Ideas);
    app.update(Action::FilterMenu);
    app.update(Action::NextField);
    type_text(&mut app, "햇살");
    snap("ideas_filter", &app);
}

// --- everywhere ---

#[test]
fn event_picker() {
    let (_d, mut app) = on(Screen::Checkin);
    app.update(Action::PickEvent);
    snap("event_picker", &app);
}

#[test]
fn demo_offer() {
    let (_d, store) = common::temp_store();
    let app = common::app_on(store);
    snap("demo_offer", &app);
}

#[test]
fn too_small() {
    let (_d, app) = on(Screen::Checkin);
    insta::assert_snapshot!("too_small_63x24", text(&render(&app, 63, 24)));
    insta::assert_snapshot!("too_small_80x13", text(&render(&app, 80, 13)));
}
