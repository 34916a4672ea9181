#![allow(clippy::unwrap_used)]
//! Fixtures shared by the integration tests.
#![allow(dead_code)]

// Driving a terminal needs a Unix pty (ConPTY does not run under wine).
#[cfg(unix)]
pub mod pty;
pub mod screen;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use netday::i18n::{Lang, set_lang};
use netday::model::{Person, Ts};
use netday::state::App;
use netday::store::Store;

pub const DEMO_DATE: (i32, u32, u32) = (2026, 11, 24);

pub fn demo_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(DEMO_DATE.0, DEMO_DATE.1, DEMO_DATE.2).unwrap()
}

/// 2026-11-24 14:05 in Seoul.
pub fn fixed_now() -> Ts {
    Ts(demo_date()
        .and_hms_opt(5, 5, 0)
        .unwrap()
        .and_utc()
        .timestamp_millis())
}

/// Times in tests read as in Seoul, whatever zone the machine is in. Every fixture that builds
/// a store or an app calls this; the real binary gets `NETDAY_TZ` (see `run` and `pty`).
pub fn seoul() {
    netday::model::set_zone(chrono_tz::Asia::Seoul);
}

/// The moment `h`:`m` on `date` reads as on a clock in Seoul.
pub fn at_seoul(date: NaiveDate, h: u32, m: u32) -> Ts {
    use chrono::TimeZone;
    let t = date.and_hms_opt(h, m, 0).unwrap();
    Ts(chrono_tz::Asia::Seoul
        .from_local_datetime(&t)
        .unwrap()
        .timestamp_millis())
}

thread_local! {
    /// Each test runs on its own thread, so each has its own clock.
    static NOW: std::cell::Cell<Ts> = std::cell::Cell::new(fixed_now());
}

/// The clock every screen test's app reads: `fixed_now()` unless the test sets another time.
pub fn clock() -> Ts {
    NOW.with(|n| n.get())
}

pub fn set_clock(t: Ts) {
    NOW.with(|n| n.set(t));
}

/// The one fixture of the screen tests: the demo networking day, Korean UI, Seoul time, on
/// `clock()`.
pub fn demo_app() -> (tempfile::TempDir, App) {
    let (dir, store) = demo_store();
    (dir, app_on(store))
}

/// Types `s` into the app one character at a time, as a keyboard does.
pub fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        app.update(netday::state::Action::Input(c));
    }
}

/// The app on `store`, Korean UI, Seoul time, on `clock()`.
pub fn app_on(store: Store) -> App {
    seoul();
    set_lang(Lang::Ko);
    App::with_clock(store, clock).unwrap()
}

pub fn temp_store() -> (tempfile::TempDir, Store) {
    seoul();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db")).unwrap();
    (dir, store)
}

pub fn demo_store() -> (tempfile::TempDir, Store) {
    let (dir, store) = temp_store();
    // The journal records the desk's name (the host's by default): the same on every machine.
    store.set_desk_name("입구 1").unwrap();
    netday::demo::load(&store, demo_date()).unwrap();
    (dir, store)
}

pub fn person(name: &str) -> Person {
    Person::new(name, Ts(1))
}

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_netday"))
}

/// Runs the real binary with `args` on the database at `db`; returns (status, stdout, stderr).
pub fn run(db: &Path, args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(bin())
        .arg("--db")
        .arg(db)
        .args(args)
        .env("LANG", "ko_KR.UTF-8")
        .env("NETDAY_TZ", "Asia/Seoul")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// An .xlsx with two sheets that each hold a list: 1차 신청 (첫사람) and 2차 신청 (둘째사람).
pub fn two_list_workbook() -> Vec<u8> {
    use rust_xlsxwriter::Workbook;
    let mut book = Workbook::new();
    for (sheet, who) in [("1차 신청", "첫사람"), ("2차 신청", "둘째사람")] {
        let s = book.add_worksheet();
        s.set_name(sheet).unwrap();
        s.write_string(0, 0, "이름").unwrap();
        s.write_string(0, 1, "소속").unwrap();
        s.write_string(1, 0, who).unwrap();
        s.write_string(1, 1, "한울신협").unwrap();
    }
    book.save_to_buffer().unwrap()
}

/// The person form open on the screen shown (the walk-in at the desk, or the People screen's).
pub fn person_form(app: &App) -> Option<&netday::screens::PersonForm> {
    use netday::screens::{checkin::CheckinDialog, people::PeopleDialog};
    match (&app.screens.checkin.dialog, &app.screens.people.dialog) {
        (Some(CheckinDialog::WalkIn(f)), _) if app.screen == netday::state::Screen::Checkin => {
            Some(f)
        }
        (_, Some(PeopleDialog::Person(f))) if app.screen == netday::state::Screen::People => {
            Some(f)
        }
        _ => None,
    }
}

/// The question the one confirm asks, if it is open.
pub fn question(app: &App) -> Option<&netday::state::unit::Question> {
    match &app.modal {
        Some(netday::state::Modal::Confirm(ask)) => Some(&ask.question),
        _ => None,
    }
}

/// Every export a coordinator can make: the people list, each day's attendance and minutes,
/// the ideas.
pub fn exports(s: &Store) -> Vec<Vec<u8>> {
    use netday::io::export;
    use netday::model::Person;
    let mut out = Vec::new();
    let mut people = s.people().unwrap();
    people.sort_by_key(|p| p.id);
    let orgs = s.orgs().unwrap().into_iter().map(|o| (o.id, o)).collect();
    let refs: Vec<&Person> = people.iter().collect();
    let mut csv = Vec::new();
    export::write_people(&mut csv, &refs, &orgs).unwrap();
    out.push(csv);
    for e in s.events().unwrap() {
        let t = export::attendance_table(s, e.id).unwrap();
        out.push(t.encode(export::Format::Csv).unwrap());
        let m = netday::io::minutes::MinutesData::load(s, &e).unwrap();
        out.push(netday::io::minutes::render(&m, netday::i18n::Lang::Ko).into_bytes());
    }
    let mut ideas = Vec::new();
    export::write_ideas(&mut ideas, s).unwrap();
    out.push(ideas);
    out
}

/// The standard output of a poppler tool (pdftotext, pdffonts, pdfinfo) run on a PDF; fails,
/// saying what to install, when poppler-utils is missing.
pub fn poppler(tool: &str, args: &[&str]) -> String {
    let out = std::process::Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!("{tool} is needed to read PDFs back ({e}); install poppler-utils (.ci/run does)")
        });
    assert!(
        out.status.success(),
        "{tool} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The seed of a test that kills or stops at random moments: `var` when set (to replay a
/// failure), else the clock; printed with `what` so any failure can be replayed.
pub fn seed_from_env(var: &str, what: &str) -> u64 {
    let seed = std::env::var(var)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    eprintln!("{what} seed: {seed} (replay with {var}={seed})");
    seed
}

/// xorshift64: a kill test's moments follow from its seed alone.
pub fn xorshift(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

/// Runs netday with `args`, SIGKILLed `ms` milliseconds after it starts (if still running);
/// whether it had ended by itself, successfully, before the kill.
#[cfg(unix)]
pub fn killed_after(args: &[&str], ms: u64) -> bool {
    use std::process::{Command, Stdio};
    let mut child = Command::new(bin())
        .args(args)
        .env("NETDAY_TZ", "Asia/Seoul")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(ms));
    let _ = child.kill();
    child.wait().is_ok_and(|s| s.success())
}

/// Copies a folder (a database) file by file.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// What a swap beside `db` (a restore's or a compact's) has got to, as seen from outside.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    Before,
    Building,
    Swapping,
}

pub fn swap_phase(db: &Path) -> Phase {
    let name = db.file_name().unwrap().to_string_lossy().into_owned();
    let mut seen = Phase::Before;
    for e in std::fs::read_dir(db.parent().unwrap()).unwrap().flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        if n.starts_with(&format!("{name}.restore-swap")) {
            return Phase::Swapping;
        }
        if n.starts_with(&format!("{name}.restoring-")) {
            seen = Phase::Building;
        }
    }
    seen
}

/// Every file under `dir`, links not followed.
pub fn files_under(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let t = e.file_type().unwrap();
        if t.is_dir() {
            files_under(&e.path(), out);
        } else if t.is_file() {
            out.push(e.path());
        }
    }
}

/// The forms a value may take in netday's files: as typed, its digits (the search index's
/// phone), lower case (an e-mail compared).
pub fn forms(value: &str) -> Vec<Vec<u8>> {
    let mut v = vec![value.as_bytes().to_vec(), value.to_lowercase().into_bytes()];
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    if digits.len() >= 7 {
        v.push(digits.into_bytes());
    }
    v
}

/// Where any form of `values` is found under `dir`: (file, value).
pub fn found_in(dir: &Path, values: &[String]) -> Vec<(String, String)> {
    let mut files = Vec::new();
    files_under(dir, &mut files);
    assert!(!files.is_empty(), "nothing under {}", dir.display());
    let mut hits = Vec::new();
    for f in files {
        let bytes = std::fs::read(&f).unwrap();
        for v in values {
            if forms(v).iter().any(|form| holds_bytes(&bytes, form)) {
                hits.push((f.display().to_string(), v.clone()));
            }
        }
    }
    hits
}

/// Sends from `a` to `b` every journal entry `b` lacks, in parts of at most `max_bytes`, as
/// the exchange between two desks does; how many entries `b` applied.
pub fn send_entries(a: &Store, b: &Store, max_bytes: usize) -> usize {
    let mut n = 0;
    loop {
        let e = a.entries_since(&b.have().unwrap(), max_bytes).unwrap();
        if e.is_empty() {
            return n;
        }
        n += b.apply_remote(&e).unwrap().applied;
    }
}

/// Both ways, in parts of 1 MiB.
pub fn sync_stores(a: &Store, b: &Store) {
    send_entries(a, b, 1 << 20);
    send_entries(b, a, 1 << 20);
}

/// Whether `needle` stands anywhere in `hay`, byte for byte.
pub fn holds_bytes(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}
