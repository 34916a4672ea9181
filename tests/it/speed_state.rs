//! The generator and the roster cache behind fast start-up: generated data lands in the store,
//! and the cached roster always equals what the store holds, across writes.

use chrono::NaiveDate;
use netday::model::Person;
use netday::state::App;
use netday::store::Store;

/// The store at `path` with generated data whose latest networking day is 2026-11-24.
fn generated(path: &std::path::Path, people: usize, events: usize, seed: u64) -> Store {
    let store = Store::open(path).unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    netday::generate::write(
        &store,
        people,
        events,
        seed,
        day,
        &mut netday::progress::Silent,
    )
    .unwrap();
    store
}

fn sorted(mut v: Vec<Person>) -> Vec<Person> {
    v.sort_by_key(|p| p.id);
    v
}

#[test]
fn generate_writes_everything_and_refuses_a_full_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db")).unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let g =
        netday::generate::write(&store, 2000, 6, 9, day, &mut netday::progress::Silent).unwrap();
    assert_eq!(g.people, 2000);
    assert_eq!(g.orgs, 50);
    assert_eq!(g.events, 6);
    assert_eq!(store.people().unwrap().len(), 2000);
    assert_eq!(store.events().unwrap().len(), 6);
    assert_eq!(store.all_attendance().unwrap().len(), g.attendance);
    assert!(g.attendance >= 6 * 30);
    assert_eq!(store.notes().unwrap().len(), g.notes);
    assert_eq!(store.ideas().unwrap().len(), g.ideas);
    // Every person's organisation exists.
    let orgs: std::collections::HashSet<u64> = store.orgs().unwrap().iter().map(|o| o.id).collect();
    assert!(
        store
            .people()
            .unwrap()
            .iter()
            .all(|p| p.org_id.is_none_or(|o| orgs.contains(&o)))
    );
    assert!(netday::generate::write(&store, 10, 1, 9, day, &mut netday::progress::Silent).is_err());
    // The latest networking day is the one the desk opens.
    let app = App::with_clock(store, || netday::model::Ts(1_795_500_000_000)).unwrap();
    assert_eq!(app.event.as_ref().map(|e| e.date), Some(day));
    assert!(!app.screens.checkin.rows.is_empty());
}

#[test]
fn roster_cache_follows_every_person_and_org_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    {
        let store = generated(&path, 500, 2, 1);
        let (a, _) = store.people_and_orgs().unwrap();
        let (b, _) = store.people_and_orgs().unwrap(); // from the cache now
        assert_eq!(sorted(a.clone()), sorted(store.people().unwrap()));
        assert_eq!(a, b);
        let mut p = store.person(7).unwrap().unwrap();
        p.name = "바뀐이름".into();
        store.put_person(&mut p).unwrap();
        let (c, _) = store.people_and_orgs().unwrap();
        assert_eq!(c.iter().find(|x| x.id == 7).unwrap().name, "바뀐이름");
        let mut o = store.org(3).unwrap().unwrap();
        o.name = "새이름협동조합".into();
        store.put_org(&mut o).unwrap();
        let (_, orgs) = store.people_and_orgs().unwrap();
        assert!(orgs.iter().any(|x| x.name == "새이름협동조합"));
    }
    // Reopened: the cache built before closing is still right, and a new person shows up.
    let store = Store::open(&path).unwrap();
    let (d, _) = store.people_and_orgs().unwrap();
    assert_eq!(d.iter().find(|x| x.id == 7).unwrap().name, "바뀐이름");
    let mut p = store.person(8).unwrap().unwrap();
    p.id = 0;
    p.code = String::new();
    p.name = "새사람".into();
    store.put_person(&mut p).unwrap();
    let (e, _) = store.people_and_orgs().unwrap();
    assert_eq!(e.len(), 501);
    assert_eq!(sorted(e), sorted(store.people().unwrap()));
    // The saved search index follows too: the app started now finds the new and renamed people,
    // and so does the next start (from the saved copy).
    let find = |app: &App, q: &str| {
        let mut out = Vec::new();
        app.data.roster.index.search(q, &mut out);
        out.iter().map(|h| h.id).collect::<Vec<_>>()
    };
    let app = App::new(store).unwrap();
    assert_eq!(find(&app, "바뀐이름"), vec![7]);
    assert_eq!(find(&app, "새사람"), vec![p.id]);
    let store = app.data.close();
    let mut q = store.person(7).unwrap().unwrap();
    q.name = "또바뀜".into();
    store.put_person(&mut q).unwrap();
    let app = App::new(store).unwrap();
    assert!(find(&app, "바뀐이름").is_empty());
    assert_eq!(find(&app, "또바뀜"), vec![7]);
    let app = App::new(app.data.close()).unwrap();
    assert_eq!(find(&app, "또바뀜"), vec![7]);
    assert_eq!(app.data.roster.index.len(), 501);
}

/// The roster cache is a file beside sled's: a torn, damaged or foreign one is never believed,
/// and the database directory holding it is still the database.
#[test]
fn a_damaged_roster_cache_file_is_rebuilt_not_believed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    {
        let store = generated(&path, 300, 2, 1);
        store.people_and_orgs().unwrap();
    }
    let file = path.join("cache.roster");
    let good = std::fs::read(&file).unwrap();
    let mut flipped = good.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x40;
    let damaged: [(&str, Vec<u8>); 4] = [
        ("torn", good[..good.len() / 3].to_vec()),
        ("one byte changed", flipped),
        ("empty", Vec::new()),
        ("foreign", b"name,org\n".to_vec()),
    ];
    for (what, bytes) in damaged {
        std::fs::write(&file, &bytes).unwrap();
        let store = Store::open(&path).unwrap();
        let (people, _) = store.people_and_orgs().unwrap();
        assert_eq!(sorted(people), sorted(store.people().unwrap()), "{what}");
        assert!(store.damaged().is_empty(), "{what}");
    }
    // Rebuilt whole by the last open.
    assert_eq!(std::fs::read(&file).unwrap(), good);
}

/// The desk's first frame is drawn from the day's attendance alone, before everyone is read:
/// it must be the very frame the app shows once everyone is there, at any size.
#[test]
fn the_first_frame_from_the_day_alone_is_the_whole_apps() {
    let dir = tempfile::tempdir().unwrap();
    let store = generated(&dir.path().join("db"), 3000, 8, 5);
    let clock = || netday::model::Ts(1_795_500_000_000);
    let mut app = App::start(store, clock).unwrap();
    assert!(
        app.data.roster.people.len() < 200,
        "only the day's people are read"
    );
    let sizes = [(80, 24), (120, 40), (200, 60)];
    let first: Vec<String> = sizes
        .iter()
        .map(|&(w, h)| crate::common::screen::screen(&crate::common::screen::render(&app, w, h)))
        .collect();
    assert!(first[1].contains("첫 참석"), "{}", first[1]);
    let everyone =
        netday::data::Roster::load(app.data.store_for_tests(), app.event.as_ref(), &app.events)
            .unwrap();
    app.finish_start(everyone).unwrap();
    assert_eq!(app.data.roster.people.len(), 3000);
    for (&(w, h), first) in sizes.iter().zip(&first) {
        let whole = crate::common::screen::screen(&crate::common::screen::render(&app, w, h));
        assert_eq!(first, &whole, "{w}×{h}");
    }
}
