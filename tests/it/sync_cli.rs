//! The loops of `sync host` / `sync join` over in-memory journals on 127.0.0.1: a join ends
//! once both are equal, with its counts; a wrong code, another list and an unreachable host end
//! it with their exit codes.

use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use netday::cli::sync::{exit_code, hosting_lines, join, serve};
use netday::sync::driver::Driver;
use netday::sync::{Keys, Offer};

use super::sync_exchange::SET;
use super::sync_fake::Fake;

/// A host serving `fake` on a thread until the flag; gives back the fake at the end.
fn hosted(
    fake: Fake,
) -> (
    std::net::SocketAddr,
    String,
    Arc<AtomicBool>,
    thread::JoinHandle<Fake>,
) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    let offer = Offer::new(Instant::now()).unwrap();
    let lines = hosting_lines(addr, &offer);
    assert_eq!(
        lines[1],
        format!("listening {addr} code {}", offer.digits())
    );
    assert!(lines[0].contains(&offer.shown()) && lines[0].contains(&addr.to_string()));
    let code = offer.digits();
    let stop = Arc::new(AtomicBool::new(false));
    let s = stop.clone();
    let h = thread::spawn(move || {
        let mut fake = fake;
        let mut d = Driver::host(
            l,
            Keys::generate().unwrap(),
            Some(offer),
            Vec::new(),
            &super::sync_driver::config(),
        )
        .unwrap();
        serve(&mut fake, &mut d, &s, &mut |_| {});
        d.close();
        fake
    });
    (addr, code, stop, h)
}

#[test]
fn join_ends_when_both_are_equal_and_says_how_much_moved() {
    let mut a = Fake::new(1, "본부", Some(SET));
    for i in 0..30 {
        a.write(&format!("p{i}"), "a", i);
    }
    let (addr, code, stop, host) = hosted(a);
    let mut b = Fake::new(2, "둘째", Some(SET));
    b.write("q", "b", 1);
    let mut d = Driver::join(
        addr,
        Some(code),
        Keys::generate().unwrap(),
        Vec::new(),
        &super::sync_driver::config(),
    );
    let mut paired = 0;
    // A watchdog: a join that never ends is stopped after 20 s, and the counts below fail.
    let watchdog = Arc::new(AtomicBool::new(false));
    let w = watchdog.clone();
    thread::spawn(move || {
        thread::sleep(Duration::from_secs(20));
        w.store(true, Ordering::SeqCst);
    });
    let counts = join(
        &mut b,
        &mut d,
        false,
        Duration::from_secs(10),
        &watchdog,
        &mut |h| {
            if matches!(h, netday::sync::Happened::Paired(_)) {
                paired += 1;
            }
        },
    )
    .unwrap();
    d.close();
    stop.store(true, Ordering::SeqCst);
    assert!(!watchdog.load(Ordering::SeqCst), "the join ended by itself");
    assert_eq!((counts.received, counts.sent), (30, 1));
    assert_eq!(paired, 1);
    let a = host.join().unwrap();
    assert_eq!(a.st, b.st);
}

#[test]
fn a_failed_join_ends_with_its_exit_code() {
    let (addr, code, stop, host) = hosted(Fake::new(1, "본부", Some(SET)));
    let wrong = format!("{:06}", (code.parse::<u32>().unwrap() + 1) % 1_000_000);
    let never = AtomicBool::new(false);
    let j = |code: &str, fake: &mut Fake| {
        let mut d = Driver::join(
            addr,
            Some(code.into()),
            Keys::generate().unwrap(),
            Vec::new(),
            &super::sync_driver::config(),
        );
        join(
            fake,
            &mut d,
            false,
            Duration::from_secs(10),
            &never,
            &mut |_| {},
        )
        .unwrap_err()
    };
    let e = j(&wrong, &mut Fake::new(2, "둘째", None));
    assert_eq!(exit_code(&e), 3, "{e:?}");
    let e = j(&code, &mut Fake::new(2, "둘째", Some(*b"another list 123")));
    assert_eq!(exit_code(&e), 5, "{e:?}");
    // The code was used by that pairing.
    let e = j(&code, &mut Fake::new(3, "셋째", None));
    assert_eq!(exit_code(&e), 4, "{e:?}");
    stop.store(true, Ordering::SeqCst);
    host.join().unwrap();

    // Nobody listening: the join gives up after its time, as a network failure.
    let gone = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let mut d = Driver::join(
        gone,
        Some(code),
        Keys::generate().unwrap(),
        Vec::new(),
        &super::sync_driver::config(),
    );
    let t = Instant::now();
    let e = join(
        &mut Fake::new(2, "둘째", None),
        &mut d,
        false,
        Duration::from_millis(800),
        &never,
        &mut |_| {},
    )
    .unwrap_err();
    assert_eq!(exit_code(&e), 2, "{e:?}");
    assert!(t.elapsed() < Duration::from_secs(5));
}
