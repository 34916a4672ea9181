//! Two desks over loopback, measured (issue 26's figures in BENCHMARKS.md): how long a
//! check-in at desk A takes to be applied at desk B (median, p99), how many bytes one check-in
//! puts on the wire, and how long B takes to catch up after 500 check-ins made while cut.
//!
//!     cargo run --release --example sync_speed
//!
//! Each desk runs on a thread of its own with its own store, as two laptops would; the bytes
//! are counted by a relay between them. Nothing here is a test: it prints what it measured.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use netday::data::sync::StoreJournal;
use netday::model::*;
use netday::store::Store;
use netday::sync::driver::{Driver, Happened};
use netday::sync::{Config, Keys, Offer};

/// The relay's open connections, shut down by `cut_now`.
type Open = Arc<std::sync::Mutex<Vec<TcpStream>>>;

fn cut_now(open: &Open) {
    for s in open.lock().expect("lock").drain(..) {
        let _ = s.shutdown(std::net::Shutdown::Both);
    }
}

/// Forwards both ways between a client and `to`, counting the bytes; while `cut`, refuses.
fn relay(to: std::net::SocketAddr, bytes: Arc<AtomicU64>, cut: Arc<AtomicBool>, open: Open) -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = l.local_addr().expect("addr").port();
    thread::spawn(move || {
        for c in l.incoming().flatten() {
            if cut.load(Ordering::SeqCst) {
                continue;
            }
            let Ok(s) = TcpStream::connect(to) else {
                continue;
            };
            if let (Ok(x), Ok(y)) = (c.try_clone(), s.try_clone()) {
                open.lock().expect("lock").extend([x, y]);
            }
            for (mut from, mut into) in [
                (c.try_clone().expect("clone"), s.try_clone().expect("clone")),
                (s, c),
            ] {
                let (bytes, cut) = (bytes.clone(), cut.clone());
                thread::spawn(move || {
                    let mut buf = [0u8; 65536];
                    while let Ok(n) = from.read(&mut buf) {
                        if n == 0 || cut.load(Ordering::SeqCst) {
                            break;
                        }
                        bytes.fetch_add(n as u64, Ordering::SeqCst);
                        if into.write_all(&buf[..n]).is_err() {
                            break;
                        }
                    }
                    let _ = into.shutdown(std::net::Shutdown::Both);
                });
            }
        }
    });
    port
}

fn check_in(s: &Store, event: Id, person: Id) {
    let at = Ts::now();
    s.put_attendance(&Attendance {
        event_id: event,
        person_id: person,
        status: AttendanceStatus::CheckedIn {
            at,
            desk: s.desk_name(),
        },
        updated: at,
    })
    .expect("check-in");
}

/// `sync_speed --take-in DB`: how long the app at desk B is busy taking in one batch from
/// desk A over a database the size of DB (`App::reload`, what `pump_link` does after an
/// applied batch), median of 10.
fn take_in(db: &std::path::Path) {
    let store = Store::open(db).expect("open");
    let mut app = netday::state::App::new(store).expect("app");
    let mut took = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        app.reload().expect("reload");
        took.push(t.elapsed());
    }
    took.sort();
    println!(
        "{} people: one batch taken in by the app in {:.1} ms (median of 10, max {:.1} ms)",
        app.data.roster.people.len(),
        took[5].as_secs_f64() * 1e3,
        took[9].as_secs_f64() * 1e3
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, db] = &args[..]
        && flag == "--take-in"
    {
        take_in(std::path::Path::new(db));
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let a = Store::open(&dir.path().join("a")).expect("open a");
    a.set_desk_name("가").expect("name");
    let mut day = Event {
        id: 0,
        title: "측정".into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 12, 7).expect("date"),
        start: None,
        end: None,
        venue: String::new(),
        district: District::East,
        status: EventStatus::Planned,
    };
    a.put_event(&mut day).expect("day");
    let mut ids = Vec::new();
    for i in 0..1200 {
        let mut p = Person::new(format!("사람{i}"), Ts(i));
        p.phone = format!("010-{:04}-{:04}", i / 10000 + 2000, i % 10000);
        a.put_person(&mut p).expect("person");
        ids.push(p.id);
    }
    a.start_set().expect("set");

    let l = TcpListener::bind("127.0.0.1:0").expect("bind");
    let offer = Offer::new(Instant::now()).expect("offer");
    let code = offer.digits();
    let bytes = Arc::new(AtomicU64::new(0));
    let cut = Arc::new(AtomicBool::new(false));
    let open: Open = Arc::default();
    let port = relay(
        l.local_addr().expect("addr"),
        bytes.clone(),
        cut.clone(),
        open.clone(),
    );
    let (bdir, stop) = (dir.path().join("b"), Arc::new(AtomicBool::new(false)));
    // Desk B on its own thread: pumps, and says when each check-in arrived.
    let (arrived_tx, arrived) = mpsc::channel::<(Instant, usize)>();
    let stop_b = stop.clone();
    let b_thread = thread::spawn(move || {
        let b = Store::open(&bdir).expect("open b");
        b.set_desk_name("나").expect("name");
        let mut d = Driver::join(
            format!("127.0.0.1:{port}").parse().expect("addr"),
            Some(code),
            Keys::generate().expect("keys"),
            Vec::new(),
            &Config::default(),
        );
        let mut seen = 0;
        while !stop_b.load(Ordering::SeqCst) {
            for h in d.pump(&mut StoreJournal::new(&b), Duration::from_millis(2)) {
                if let Happened::Heard { heard, .. } = h
                    && (heard.applied > 0 || heard.joined)
                {
                    let n = b
                        .snapshot()
                        .expect("snapshot")
                        .attendance
                        .iter()
                        .filter(|x| x.status.is_arrived())
                        .count();
                    if n != seen {
                        seen = n;
                        let _ = arrived_tx.send((Instant::now(), n));
                    }
                    if heard.joined {
                        let _ = arrived_tx.send((Instant::now(), usize::MAX));
                    }
                }
            }
        }
        d.close();
    });
    let mut host = Driver::host(
        l,
        Keys::generate().expect("keys"),
        Some(offer),
        Vec::new(),
        &Config::default(),
    )
    .expect("host");
    let pump = |host: &mut Driver| {
        host.pump(&mut StoreJournal::new(&a), Duration::from_millis(1));
    };
    // Joined: B has the list.
    loop {
        pump(&mut host);
        if let Ok((_, usize::MAX)) = arrived.try_recv() {
            break;
        }
    }
    let joined_bytes = bytes.load(Ordering::SeqCst);

    // 200 check-ins at A, one at a time, each waited for at B.
    let mut lat = Vec::new();
    let before = bytes.load(Ordering::SeqCst);
    for (n, &id) in ids.iter().take(200).enumerate() {
        let t0 = Instant::now();
        check_in(&a, day.id, id);
        host.local_news(&mut StoreJournal::new(&a));
        loop {
            pump(&mut host);
            if let Ok((t1, seen)) = arrived.try_recv() {
                if seen == n + 1 {
                    lat.push(t1 - t0);
                    break;
                }
                eprintln!("at {n}: B holds {seen}");
            }
            if t0.elapsed() > Duration::from_secs(10) {
                eprintln!("check-in {n} never arrived");
                std::process::exit(1);
            }
        }
    }
    // Let the last acks arrive before counting.
    let settle = Instant::now();
    while settle.elapsed() < Duration::from_millis(300) {
        pump(&mut host);
    }
    let per_checkin = (bytes.load(Ordering::SeqCst) - before) as f64 / 200.0;
    lat.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;

    // Cut; 500 check-ins at A while apart; link again; time until B holds all 700.
    cut.store(true, Ordering::SeqCst);
    cut_now(&open);
    let cut_at = Instant::now();
    while cut_at.elapsed() < Duration::from_millis(300) {
        pump(&mut host);
    }
    for &id in ids.iter().skip(200).take(500) {
        check_in(&a, day.id, id);
    }
    cut.store(false, Ordering::SeqCst);
    let t0 = Instant::now();
    let caught_up = loop {
        pump(&mut host);
        host.local_news(&mut StoreJournal::new(&a));
        if let Ok((t1, 700)) = arrived.try_recv() {
            break t1 - t0;
        }
    };
    stop.store(true, Ordering::SeqCst);
    host.close();
    let _ = b_thread.join();
    println!(
        "join (1,200 people, 1 day): {} bytes on the wire",
        joined_bytes
    );
    println!(
        "check-in at A visible at B: median {:.1} ms, p99 {:.1} ms, max {:.1} ms (200 check-ins)",
        ms(lat[lat.len() / 2]),
        ms(lat[lat.len() * 99 / 100]),
        ms(lat[lat.len() - 1])
    );
    println!("bytes on the wire per check-in (both ways, acks included): {per_checkin:.0}");
    println!(
        "catch-up of 500 check-ins made while cut (incl. reconnect backoff): {:.0} ms",
        ms(caught_up)
    );
}
