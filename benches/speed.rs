//! Speed on the reference database (100,000 people, 120 monthly networking days), built once per
//! run into a temporary directory with `netday::generate`. See BENCHMARKS.md for the figures.
//!
//! `cargo bench --bench speed` (all), or e.g. `cargo bench --bench speed -- search/` for one group.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use netday::model::{Attendance, AttendanceStatus, Ts};
use netday::state::App;
use netday::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const PEOPLE: usize = 100_000;
const EVENTS: usize = 120;
const SEED: u64 = 1;

/// Queries as typed at the desk: consonants, partial syllables, whole names, Latin, keyboard
/// mistakes (Korean typed in English mode), a query that finds nobody, a name with one syllable
/// mistyped, and a phone's last four digits.
const QUERIES: [&str; 11] = [
    "ㄱ",
    "ㄱㄱ",
    "ㄱㄱㅅ",
    "강미",
    "김깃",
    "김민",
    "kim",
    "rkdals",
    "ㅋㅋㅋㅋㅋ",
    "정하눌",
    "1187",
];

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default()
}

/// A fixed "now" on the reference database's latest networking day (2026-11-24 14:30 KST).
fn clock() -> Ts {
    Ts(1_795_498_200_000)
}

/// The reference database, generated once per bench run.
fn reference() -> &'static Path {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("ref");
        let store = Store::open(&path).expect("open");
        let t = std::time::Instant::now();
        let g = netday::generate::write(
            &store,
            PEOPLE,
            EVENTS,
            SEED,
            day(),
            &mut netday::progress::Silent,
        )
        .expect("generate");
        eprintln!(
            "reference database: {} people, {} events, {} attendance, generated in {:?}",
            g.people,
            g.events,
            g.attendance,
            t.elapsed()
        );
        drop(store);
        (dir, path)
    })
    .1
}

fn open_app() -> App {
    let store = Store::open(reference()).expect("open");
    App::with_clock(store, clock).expect("app")
}

/// What the search box holds after each keystroke typing `q` on a 2-set IME (`김민`: ㄱ 기 김
/// 김ㅁ 김미 김민).
fn keystrokes(q: &str) -> Vec<String> {
    use netday::search::{Composer, jamo_keys};
    let keys = jamo_keys(q);
    let (mut done, mut ime) = (String::new(), Composer::default());
    keys.into_iter()
        .map(|k| {
            done.push_str(&ime.push(k));
            format!("{done}{}", ime.composing())
        })
        .collect()
}

fn search(c: &mut Criterion) {
    let app = open_app();
    let index = &app.data.roster.index;
    let mut g = c.benchmark_group("search");
    g.measurement_time(Duration::from_secs(2))
        .warm_up_time(Duration::from_millis(500));
    let mut out = Vec::new();
    for q in QUERIES {
        // Exactly what the check-in screen does per keystroke (state/checkin.rs refresh), as
        // the first keystroke: nothing typed before to narrow.
        g.bench_function(q, |b| {
            b.iter_batched(
                || index.forget_recent(),
                |()| index.search_top(std::hint::black_box(q), 1000, &mut out),
                BatchSize::PerIteration,
            )
        });
    }
    for q in QUERIES {
        // The last keystroke of `q` typed one key at a time: narrowed to the earlier hits.
        let typed = keystrokes(q);
        let Some((last, before)) = typed.split_last() else {
            continue;
        };
        if before.is_empty() {
            continue;
        }
        g.bench_function(format!("typed {q}"), |b| {
            b.iter_batched(
                || {
                    index.forget_recent();
                    let mut earlier = Vec::new();
                    for k in before {
                        index.search_top(k, 1000, &mut earlier);
                    }
                },
                |()| index.search_top(std::hint::black_box(last), 1000, &mut out),
                BatchSize::PerIteration,
            )
        });
    }
    // Loading the saved index (every start of the TUI and every `netday search`), and dropping it.
    let bytes = index.to_bytes();
    eprintln!(
        "search index at {PEOPLE}: {} bytes saved, {} bytes of heap",
        bytes.len(),
        index.heap_size()
    );
    g.bench_function("index from_bytes+drop", |b| {
        b.iter(|| netday::search::SearchIndex::from_bytes(std::hint::black_box(&bytes)))
    });
    g.finish();
}

/// One frame of `app`, as the event loop draws it.
fn frame(term: &mut Terminal<TestBackend>, app: &netday::state::App) -> u16 {
    term.draw(|f| netday::view::draw(app, f))
        .expect("draw")
        .area
        .width
}

fn render(c: &mut Criterion) {
    let mut app = open_app();
    // A typed query, so the list is full of search results.
    for ch in "김민".chars() {
        app.update(netday::state::Action::Input(ch));
    }
    let mut g = c.benchmark_group("render");
    g.measurement_time(Duration::from_secs(2))
        .warm_up_time(Duration::from_millis(500));
    let mut term = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    g.bench_function("checkin_200x60", |b| b.iter(|| frame(&mut term, &app)));
    // The people screen, everyone in the database (100,000 rows), sorted by name.
    app.update(netday::state::Action::Cancel);
    app.update(netday::state::Action::NextScreen);
    app.update(netday::state::Action::ToggleEveryone);
    assert_eq!(app.screen, netday::state::Screen::People);
    g.bench_function("people_200x60", |b| b.iter(|| frame(&mut term, &app)));
    // The organisations view (2,500 organisations, each row with its people counted).
    app.update(netday::state::Action::ToggleOrgs);
    g.bench_function("organisations_200x60", |b| {
        b.iter(|| frame(&mut term, &app))
    });
    // The people detail pane: ↓ to the next person loads their history, notes and ideas.
    app.update(netday::state::Action::ToggleOrgs);
    app.update(netday::state::Action::Detail);
    g.bench_function("people_detail_next_row", |b| {
        b.iter(|| {
            app.update(netday::state::Action::Down);
            app.screens
                .people
                .detail
                .as_ref()
                .map_or(0, |d| d.notes.len())
        })
    });
    g.finish();
}

fn checkin(c: &mut Criterion) {
    let mut app = open_app();
    let event = app.event.as_ref().map(|e| e.id).expect("event");
    let people: Vec<u64> = app
        .data
        .roster
        .people
        .iter()
        .take(5000)
        .map(|p| p.id)
        .collect();
    let mut g = c.benchmark_group("checkin");
    g.measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_millis(500));
    let mut i = 0usize;
    // One check-in written and made durable (flush + fdatasync), as Enter at the desk does.
    g.bench_function("put_attendance_durable", |b| {
        b.iter(|| {
            i += 1;
            let a = Attendance {
                event_id: event,
                person_id: people[i % people.len()],
                status: AttendanceStatus::CheckedIn {
                    at: clock(),
                    desk: "bench".into(),
                },
                updated: clock(),
            };
            app.data.set_attendance(a).expect("write");
        })
    });
    g.finish();
}

fn open_load(c: &mut Criterion) {
    let path = reference();
    // Make sure the roster cache is built before timing (as after any normal run).
    drop(open_app());
    let mut g = c.benchmark_group("startup");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    g.bench_function("store_open_and_load", |b| {
        b.iter(|| {
            let store = Store::open(path).expect("open");
            let app = App::with_clock(store, clock).expect("app");
            app.data.roster.people.len()
        })
    });
    // What the desk's first frame waits for: the day's attendance and its people only.
    g.bench_function("store_open_and_desk", |b| {
        b.iter(|| {
            let store = Store::open(path).expect("open");
            let app = App::start(store, clock).expect("app");
            app.screens.checkin.rows.len()
        })
    });
    g.finish();
}

/// A people CSV of `n` rows in memory (name, organisation, kind, district, phone).
fn big_csv(n: usize) -> Vec<u8> {
    let (orgs, people) = netday::synthetic::people_and_orgs(n, SEED);
    let mut s = String::with_capacity(n * 64);
    s.push_str("이름,소속,구분,지역,연락처,직함\n");
    for p in &people {
        let o = p.org_id.and_then(|id| orgs.get(id as usize - 1));
        s.push_str(&format!(
            "{},{},{},{},{},{}\n",
            p.name,
            o.map(|o| o.name.as_str()).unwrap_or(""),
            o.map(|o| o.kind.ko()).unwrap_or(""),
            o.map(|o| o.district.ko()).unwrap_or(""),
            p.phone,
            p.role
        ));
    }
    s.into_bytes()
}

fn import(c: &mut Criterion) {
    let bytes = big_csv(PEOPLE);
    let mut g = c.benchmark_group("import");
    g.sample_size(10).measurement_time(Duration::from_secs(30));
    // Reading the file alone, to tell the parse from the writes.
    g.bench_function("parse_100000_rows", |b| {
        b.iter(|| netday::io::csv::parse_people_csv(&bytes).expect("parse"))
    });
    g.bench_function("csv_100000_rows", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().expect("temp dir");
                let store = Store::open(&dir.path().join("db")).expect("open");
                (dir, store)
            },
            |(dir, store)| {
                let parsed = netday::io::csv::parse_people_csv(&bytes).expect("parse");
                let silent = &mut netday::progress::Silent;
                let plan = netday::io::import::plan(&store, &parsed, None, silent).expect("plan");
                let s = netday::io::import::apply(&store, plan, silent).expect("import");
                // Rows with the same name, organisation or phone as an earlier row merge into it.
                assert!(s.added > PEOPLE * 9 / 10);
                (dir, store)
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, search, render, checkin, open_load, import);
criterion_main!(benches);
