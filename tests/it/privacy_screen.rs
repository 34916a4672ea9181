//! 파기 (issue 29): the screen lists who the retention rule makes due, Space marks, Enter asks
//! once, yes runs the shred as a job and the store holds no phone of theirs any more; r's form
//! takes 0–600 months only; snapshots at 120×40 and 80×24, in Korean and in English.

#![allow(clippy::unwrap_used)]

use crate::common;
use common::screen::{render, row};
use common::type_text;

use netday::i18n::{self, Lang};
use netday::model::privacy::ShredScope;
use netday::state::unit::Question;
use netday::state::{Action, App, Screen};
use netday::store::Store;
use ratatui::buffer::Buffer;

fn go(app: &mut App, screen: Screen) {
    while app.screen != screen {
        app.update(Action::NextScreen);
    }
}

/// The demo day on the 파기 screen.
fn app() -> (tempfile::TempDir, App) {
    let (dir, mut app) = common::demo_app();
    go(&mut app, Screen::Privacy);
    (dir, app)
}

/// The same, the app speaking English (the thread stays Korean).
fn english_due_now() -> (tempfile::TempDir, App) {
    let (dir, mut app) = common::demo_app();
    app.lang = Lang::En;
    go(&mut app, Screen::Privacy);
    set_months(&mut app, "0");
    (dir, app)
}

/// r, the field cleared, `typed`, Enter.
fn set_months(app: &mut App, typed: &str) {
    app.update(Action::SetRetention);
    assert!(app.screens.privacy.form.is_some());
    app.update(Action::ClearField);
    type_text(app, typed);
    app.update(Action::Submit);
}

/// The demo day with the rule at 0 months: everyone who came to an earlier day is due today.
fn due_now() -> (tempfile::TempDir, App) {
    let (dir, mut app) = app();
    set_months(&mut app, "0");
    assert!(app.screens.privacy.form.is_none(), "{:?}", app.message);
    assert!(!app.screens.privacy.due.is_empty());
    (dir, app)
}

fn status(app: &App) -> String {
    app.message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

fn person(s: &Store, id: netday::model::Id) -> netday::model::Person {
    s.people()
        .unwrap()
        .into_iter()
        .find(|p| p.id == id)
        .unwrap()
}

/// Badge codes are drawn per database: a snapshot shows where a code is, not which.
fn text(buf: &Buffer, codes: &[String]) -> String {
    (0..buf.area.height)
        .map(|y| {
            let mut line = row(buf, y).trim_end().to_string();
            for c in codes {
                line = line.replace(c.as_str(), &"#".repeat(c.len()));
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Asserts the snapshots `{name}_120x40` and `{name}_80x24`.
fn snap(name: &str, app: &App) {
    let codes: Vec<String> = app
        .data
        .store_for_tests()
        .people()
        .unwrap()
        .into_iter()
        .map(|p| p.code)
        .filter(|c| !c.is_empty())
        .collect();
    for (w, h) in [(120, 40), (80, 24)] {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), text(&render(app, w, h), &codes));
    }
}

#[test]
fn nobody_is_due_under_the_default_rule() {
    let (_d, app) = app();
    let s = &app.screens.privacy;
    assert_eq!(s.months, 24);
    assert!(s.due.is_empty());
    snap("privacy_none", &app);
}

#[test]
fn the_list_of_who_is_due() {
    let (_d, mut app) = due_now();
    // Every row's day that counts is a day they came; no value of theirs is on the screen.
    let s = &app.screens.privacy;
    assert!(s.due.iter().all(|d| d.attended && d.due == d.last));
    app.update(Action::MarkRow);
    app.update(Action::MarkRow);
    assert_eq!(app.screens.privacy.marked.len(), 2);
    let shown = common::screen::screen(&render(&app, 120, 40));
    for d in &app.screens.privacy.due {
        let p = person(app.data.store_for_tests(), d.id);
        for value in [&p.phone, &p.email] {
            assert!(
                value.is_empty() || !shown.contains(value.as_str()),
                "{value}"
            );
        }
    }
    snap("privacy_list", &app);
}

#[test]
fn the_list_in_english() {
    let (_d, mut app) = english_due_now();
    assert_eq!(
        status(&app),
        "Retention set to 0 months after the last attendance."
    );
    app.update(Action::MarkRow);
    app.update(Action::MarkRow);
    snap("privacy_list_en", &app);
    app.update(Action::ShredMarked);
    snap("privacy_confirm_en", &app);
}

#[test]
fn the_confirm_and_the_help() {
    let (_d, mut app) = due_now();
    app.update(Action::MarkRow);
    app.update(Action::MarkRow);
    app.update(Action::ShredMarked);
    snap("privacy_confirm", &app);
    app.update(Action::No);
    assert_eq!(app.modal, None);
    app.update(Action::Help);
    snap("privacy_help", &app);
}

#[test]
fn marked_people_are_shredded_as_a_job_and_their_phones_are_gone() {
    let (_d, mut app) = due_now();
    let before = app.screens.privacy.due.clone();
    app.update(Action::MarkRow);
    app.update(Action::MarkRow);
    let ids = app.screens.privacy.marked_ids();
    assert_eq!(ids, vec![before[0].id, before[1].id]);
    assert!(ids.iter().all(|id| {
        let p = person(app.data.store_for_tests(), *id);
        !p.phone.is_empty()
    }));
    let untouched = before[2].id;
    let kept = person(app.data.store_for_tests(), untouched);
    app.update(Action::ShredMarked);
    assert_eq!(
        common::question(&app),
        Some(&Question::Shred {
            ids: ids.clone(),
            scope: ShredScope::Contact
        })
    );
    // No: nothing changes.
    app.update(Action::No);
    assert_eq!(app.modal, None);
    assert!(!person(app.data.store_for_tests(), ids[0]).phone.is_empty());
    // Yes: the job runs (at once in tests) and closes the confirm.
    app.update(Action::ShredMarked);
    app.update(Action::Yes);
    assert_eq!(app.modal, None);
    assert_eq!(app.job, None);
    for id in &ids {
        let p = person(app.data.store_for_tests(), *id);
        assert!(p.phone.is_empty() && p.email.is_empty() && p.notes.is_empty());
        assert!(!p.name.is_empty() && p.name != netday::model::privacy::ANONYMOUS);
        assert!(app.data.roster.person(*id).unwrap().phone.is_empty());
    }
    assert_eq!(person(app.data.store_for_tests(), untouched), kept);
    let said = status(&app);
    assert!(
        said.starts_with("2명의 연락처를 파기했습니다.") && said.ends_with(i18n::SHRED_BACKUPS.0),
        "{said}"
    );
    // They are no longer listed, and nobody is marked.
    let s = &app.screens.privacy;
    assert!(s.marked.is_empty());
    assert!(s.due.iter().all(|d| !ids.contains(&d.id)));
    assert_eq!(s.due.len(), before.len() - 2);
    // The status line is cut to the terminal; the screen says it all, backups included.
    assert_eq!(s.notice.as_deref(), Some(said.as_str()));
    snap("privacy_after_shred", &app);
}

#[test]
fn a_whole_shred_lists_everyone_due_and_leaves_them_anonymous() {
    let (_d, mut app) = due_now();
    let contact = app.screens.privacy.due.len();
    app.update(Action::SwitchScope);
    assert_eq!(app.screens.privacy.scope, ShredScope::Whole);
    assert!(app.screens.privacy.due.len() >= contact);
    app.update(Action::MarkRow);
    let id = app.screens.privacy.marked_ids()[0];
    app.update(Action::ShredMarked);
    app.update(Action::Yes);
    assert_eq!(app.modal, None);
    let p = person(app.data.store_for_tests(), id);
    assert_eq!(p.name, netday::model::privacy::ANONYMOUS);
    assert!(p.phone.is_empty());
    assert!(status(&app).starts_with("1명의 개인정보 전체를 파기했습니다."));
    app.update(Action::SwitchScope);
    assert_eq!(app.screens.privacy.scope, ShredScope::Contact);
}

#[test]
fn enter_with_nobody_marked_says_how_to_mark() {
    let (_d, mut app) = due_now();
    app.update(Action::ShredMarked);
    assert_eq!(app.modal, None);
    assert_eq!(status(&app), i18n::PRIVACY_NOTHING_CHOSEN.0);
    // a marks all, a again none.
    app.update(Action::MarkAll);
    assert_eq!(
        app.screens.privacy.marked.len(),
        app.screens.privacy.due.len()
    );
    app.update(Action::MarkAll);
    assert!(app.screens.privacy.marked.is_empty());
}

#[test]
fn the_retention_form_takes_0_to_600_months_only() {
    let (_d, mut app) = app();
    for bad in ["abc", "601", "-1", ""] {
        set_months(&mut app, bad);
        let form = app.screens.privacy.form.as_ref();
        assert_eq!(
            form.and_then(|f| f.form.error.as_deref()),
            Some(i18n::PRIVACY_RETENTION_BAD.0),
            "{bad:?}"
        );
        assert_eq!(app.data.retention_months().unwrap(), 24, "{bad:?}");
        app.update(Action::Cancel);
        app.update(Action::Cancel);
        assert!(app.screens.privacy.form.is_none());
    }
    set_months(&mut app, "abc");
    snap("privacy_retention_refused", &app);
    app.update(Action::Cancel);
    app.update(Action::Cancel);
    set_months(&mut app, "600");
    assert!(app.screens.privacy.form.is_none());
    assert_eq!(app.data.retention_months().unwrap(), 600);
    assert_eq!(status(&app), i18n::retention_set(600));
    assert_eq!(app.screens.privacy.months, 600);
}

/// The gauge: says which stages it was shown, and stops the work at the first question.
#[derive(Default)]
struct Esc {
    stages: Vec<netday::progress::Stage>,
}

impl netday::progress::Progress for Esc {
    fn start(&mut self, stage: netday::progress::Stage, _: u64) {
        self.stages.push(stage);
    }
    fn set(&mut self, _: u64) {}
    fn cancelled(&mut self) -> bool {
        true
    }
}

#[test]
fn the_shred_waits_for_the_event_loop_and_esc_stops_only_the_rewrite() {
    let (_d, mut app) = due_now();
    app.defer_jobs = true;
    app.update(Action::MarkRow);
    let id = app.screens.privacy.marked_ids()[0];
    app.update(Action::ShredMarked);
    app.update(Action::Yes);
    // Left for the event loop to run under the gauge, the confirm still up.
    assert_eq!(app.job, Some(netday::state::Job::Shred));
    assert!(common::question(&app).is_some());
    assert!(!person(app.data.store_for_tests(), id).phone.is_empty());
    let mut esc = Esc::default();
    app.run_job(&mut esc);
    assert!(
        esc.stages.contains(&netday::progress::Stage::Compact),
        "{:?}",
        esc.stages
    );
    assert_eq!(app.modal, None);
    // The shred stands; the files wait, and the screen says so with the backups.
    assert!(person(app.data.store_for_tests(), id).phone.is_empty());
    assert!(app.data.shred_unfinished().unwrap());
    let said = status(&app);
    assert!(
        said.starts_with(i18n::SHRED_REWRITE_LATER.0) && said.ends_with(i18n::SHRED_BACKUPS.0),
        "{said}"
    );
    assert_eq!(app.screens.privacy.notice.as_deref(), Some(said.as_str()));
}

/// Someone registered for a day still to come is not due (their data is in use for it), even
/// under a rule of 0 months; asked for by name, they are.
#[test]
fn someone_registered_for_a_coming_day_is_not_due_unless_asked_for() {
    use netday::data::Data;
    use netday::model::{Attendance, AttendanceStatus, District, Event, EventStatus, Ts};
    let (_dir, store) = common::demo_store();
    let today = common::demo_date();
    let mut later = Event {
        id: 0,
        title: "다음 달 네트워킹데이".into(),
        date: today + chrono::Days::new(30),
        start: None,
        end: None,
        venue: "센터".into(),
        district: District::East,
        status: EventStatus::Planned,
    };
    store.put_event(&mut later).unwrap();
    let data = Data::new(store);
    data.set_retention_months(0).unwrap();
    let due = data.due_for_shred(today, ShredScope::Contact).unwrap();
    let who = due
        .first()
        .expect("rule 0: people with contact data are due")
        .clone();
    data.store_for_tests()
        .put_attendance(&Attendance {
            event_id: later.id,
            person_id: who.id,
            status: AttendanceStatus::Expected,
            updated: Ts(1),
        })
        .unwrap();
    let due = data.due_for_shred(today, ShredScope::Contact).unwrap();
    assert!(
        !due.iter().any(|d| d.id == who.id),
        "registered for {}",
        later.date
    );
    let person = data.store_for_tests().person(who.id).unwrap().unwrap();
    let asked = data
        .due_among(&[person], today, None, ShredScope::Contact)
        .unwrap();
    assert_eq!(asked.len(), 1, "a request by name is due now");
}
