//! The exchange over real links on 127.0.0.1: two in-memory journals pair with the code and
//! converge; a relay in the middle cuts the link mid-exchange and the joiner reconnects with
//! the remembered key and catches up; a fresh joiner takes the snapshot; another list is
//! refused for good; and the relay's bytes hold no name or phone number in clear.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use netday::sync::driver::{Backoff, Config, Driver, Happened};
use netday::sync::wire::Refusal;
use netday::sync::{Keys, Limits, Offer, SyncError};

use super::sync_exchange::SET;
use super::sync_fake::Fake;

pub fn config() -> Config {
    Config {
        limits: Limits {
            // Above the writer's keep-alive (5 s), so an idle link stays up.
            frame_timeout: Duration::from_secs(12),
            handshake_timeout: Duration::from_secs(5),
            ..Limits::default()
        },
        backoff: Backoff {
            first: Duration::from_millis(50),
            max: Duration::from_millis(400),
        },
        wake: None,
    }
}

struct Desk {
    fake: Fake,
    driver: Driver,
    seen: Vec<Happened>,
}

impl Desk {
    fn pump(&mut self) {
        let h = self.driver.pump(&mut self.fake, Duration::from_millis(20));
        self.seen.extend(h);
    }
}

/// Pumps both desks until `done` holds, or fails after 30 s.
fn until(a: &mut Desk, b: &mut Desk, what: &str, done: impl Fn(&Desk, &Desk) -> bool) {
    let end = Instant::now() + Duration::from_secs(30);
    while !done(a, b) {
        assert!(
            Instant::now() < end,
            "never {what}: {:?} / {:?}",
            a.seen,
            b.seen
        );
        a.pump();
        b.pump();
    }
}

fn equal_and_settled(a: &Desk, b: &Desk) -> bool {
    a.driver.settled() && b.driver.settled() && a.fake.st == b.fake.st
}

/// A host serving `host` with a fresh code, and the code.
fn host(fake: Fake, keys: &Keys) -> (Desk, SocketAddr, String) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    let offer = Offer::new(Instant::now()).unwrap();
    let code = offer.shown();
    let driver = Driver::host(l, keys.clone(), Some(offer), Vec::new(), &config()).unwrap();
    (
        Desk {
            fake,
            driver,
            seen: Vec::new(),
        },
        addr,
        code,
    )
}

fn joiner(
    fake: Fake,
    addr: SocketAddr,
    code: Option<String>,
    keys: &Keys,
    known: Vec<[u8; 32]>,
) -> Desk {
    Desk {
        fake,
        driver: Driver::join(addr, code, keys.clone(), known, &config()),
        seen: Vec::new(),
    }
}

/// A loopback relay for any number of connections, one after another, keeping every byte;
/// `cut_after` bytes (host → joiner) into the first connection it shuts both sockets;
/// `cut()` shuts the current one.
pub struct Relay {
    pub addr: SocketAddr,
    bytes: Arc<Mutex<Vec<u8>>>,
    current: Arc<Mutex<Vec<TcpStream>>>,
    connections: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    /// While false, connections after the first are closed at once (the venue's network down).
    open: Arc<AtomicBool>,
}

impl Relay {
    pub fn new(target: SocketAddr, cut_after: Option<usize>) -> Relay {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = l.local_addr().unwrap();
        l.set_nonblocking(true).unwrap();
        let bytes = Arc::new(Mutex::new(Vec::new()));
        let current = Arc::new(Mutex::new(Vec::new()));
        let connections = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let open = Arc::new(AtomicBool::new(true));
        let (b, c, n, s, o) = (
            bytes.clone(),
            current.clone(),
            connections.clone(),
            stop.clone(),
            open.clone(),
        );
        thread::spawn(move || {
            while !s.load(Ordering::SeqCst) {
                let Ok((joiner, _)) = l.accept() else {
                    thread::sleep(Duration::from_millis(10));
                    continue;
                };
                joiner.set_nonblocking(false).unwrap();
                if n.load(Ordering::SeqCst) > 0 && !o.load(Ordering::SeqCst) {
                    let _ = joiner.shutdown(Shutdown::Both);
                    continue;
                }
                let first = n.fetch_add(1, Ordering::SeqCst) == 0;
                let host = TcpStream::connect(target).unwrap();
                {
                    let mut cur = c.lock().unwrap();
                    cur.clear();
                    cur.push(joiner.try_clone().unwrap());
                    cur.push(host.try_clone().unwrap());
                }
                let cut = if first { cut_after } else { None };
                pump(
                    joiner.try_clone().unwrap(),
                    host.try_clone().unwrap(),
                    b.clone(),
                    None,
                );
                pump(host, joiner, b.clone(), cut);
            }
        });
        Relay {
            addr,
            bytes,
            current,
            connections,
            stop,
            open,
        }
    }

    pub fn cut(&self) {
        for s in self.current.lock().unwrap().drain(..) {
            let _ = s.shutdown(Shutdown::Both);
        }
    }

    pub fn bytes(&self) -> Vec<u8> {
        self.bytes.lock().unwrap().clone()
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        self.cut();
    }
}

fn pump(
    mut from: TcpStream,
    mut to: TcpStream,
    seen: Arc<Mutex<Vec<u8>>>,
    cut_after: Option<usize>,
) {
    thread::spawn(move || {
        let mut buf = [0u8; 4096];
        let mut moved = 0;
        loop {
            let n = match from.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            seen.lock().unwrap().extend_from_slice(&buf[..n]);
            if to.write_all(&buf[..n]).is_err() {
                break;
            }
            moved += n;
            if cut_after.is_some_and(|c| moved >= c) {
                break;
            }
        }
        let _ = to.shutdown(Shutdown::Both);
        let _ = from.shutdown(Shutdown::Both);
    });
}

pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn two_desks_pair_with_the_code_and_converge_over_loopback() {
    let (hk, jk) = (Keys::generate().unwrap(), Keys::generate().unwrap());
    let mut a = Fake::new(1, "본부", Some(SET));
    let mut b = Fake::new(2, "둘째", Some(SET));
    for i in 0..200 {
        a.write(&format!("p{}", i % 30), &format!("a{i}"), i);
        b.write(&format!("p{}", i % 45), &format!("b{i}"), i);
    }
    let (mut h, addr, code) = host(a, &hk);
    let mut j = joiner(b, addr, Some(code), &jk, Vec::new());
    until(&mut h, &mut j, "equal", equal_and_settled);
    let paired = |d: &Desk| {
        d.seen.iter().find_map(|e| match e {
            Happened::Paired(p) => Some(p.clone()),
            _ => None,
        })
    };
    let (hp, jp) = (paired(&h).unwrap(), paired(&j).unwrap());
    assert_eq!(hp.remote_static, jk.public());
    assert_eq!(jp.remote_static, hk.public());
    assert!(
        h.seen
            .iter()
            .any(|e| matches!(e, Happened::Met { peer, .. } if peer.name == "둘째"))
    );
    let s = j.driver.status();
    assert!(
        s.linked == 1 && s.unacked == 0 && s.last_sync.is_some(),
        "{s:?}"
    );

    // Live: a write at the host shows at the joiner.
    h.fake.write("p1", "live", 10_000);
    h.driver.local_news(&mut h.fake);
    until(&mut h, &mut j, "live", |_, j| {
        j.fake.st.values.get("p1").is_some_and(|v| v.2 == "live")
    });
    until(&mut h, &mut j, "equal again", equal_and_settled);
    j.driver.close();
    h.driver.close();
}

#[test]
fn a_cut_mid_exchange_is_mended_by_a_reconnect_that_catches_up() {
    let (hk, jk) = (Keys::generate().unwrap(), Keys::generate().unwrap());
    let mut a = Fake::new(1, "본부", Some(SET));
    let mut b = Fake::new(2, "둘째", Some(SET));
    // Big enough that the exchange takes many messages: the relay cuts it after 300 kB.
    let filler = "x".repeat(20_000);
    for i in 0..150 {
        a.write(&format!("p{i}"), &format!("{filler}{i}"), i);
        b.write(&format!("q{i}"), &format!("{filler}{i}"), i);
    }
    let (mut h, host_addr, code) = host(a, &hk);
    let relay = Relay::new(host_addr, Some(300_000));
    relay.open.store(false, Ordering::SeqCst);
    let mut j = joiner(b, relay.addr, Some(code), &jk, Vec::new());
    until(&mut h, &mut j, "cut", |_, j| {
        j.seen.iter().any(|e| matches!(e, Happened::Cut { .. }))
    });
    assert!(
        j.fake.st.have.get(1) < 150,
        "the cut came mid-exchange: {:?}",
        j.fake.st.have
    );
    // Both keep working while apart; the joiner reconnects by itself, without the code.
    h.fake.write("p1", "during the cut", 1000);
    j.fake.write("q1", "during the cut too", 1001);
    j.driver.local_news(&mut j.fake);
    assert!(j.driver.status().unacked > 0, "{:?}", j.driver.status());
    relay.open.store(true, Ordering::SeqCst);
    until(&mut h, &mut j, "equal after the cut", equal_and_settled);
    assert!(relay.connections.load(Ordering::SeqCst) >= 2);
    assert_eq!(h.fake.st.values["q1"].2, "during the cut too");
    assert!(
        !j.seen.iter().any(|e| matches!(e, Happened::Failed(_))),
        "{:?}",
        j.seen
    );

    // And again, cut from outside while linked: the status says so, then it mends.
    relay.cut();
    until(&mut h, &mut j, "cut again", |_, j| {
        j.driver.status().linked == 0
    });
    j.fake.write("q2", "offline", 2000);
    j.driver.local_news(&mut j.fake);
    until(&mut h, &mut j, "mended", |h, j| {
        equal_and_settled(h, j) && h.fake.st.values["q2"].2 == "offline"
    });
    assert!(relay.connections.load(Ordering::SeqCst) >= 3);
}

#[test]
fn a_fresh_desk_joins_with_the_snapshot_and_bytes_on_the_wire_hide_every_name() {
    let (hk, jk) = (Keys::generate().unwrap(), Keys::generate().unwrap());
    let mut a = Fake::new(1, "본부", Some(SET));
    a.write("p1", "김민지 010-2345-6789", 1);
    a.write("p2", "한빛협동조합 01023456789", 2);
    for i in 0..40 {
        a.write(&format!("n{i}"), &format!("김민지{i} 010-2345-6789"), 3 + i);
    }
    let (mut h, host_addr, code) = host(a, &hk);
    let relay = Relay::new(host_addr, None);
    let mut j = joiner(
        Fake::new(2, "둘째", None),
        relay.addr,
        Some(code.clone()),
        &jk,
        Vec::new(),
    );
    until(&mut h, &mut j, "joined", equal_and_settled);
    assert_eq!(j.fake.st.set, Some(SET));
    assert!(
        j.seen
            .iter()
            .any(|e| matches!(e, Happened::Heard { heard, .. } if heard.joined))
    );
    j.fake.write("p3", "이서연 010-9876-5432", 100);
    j.driver.local_news(&mut j.fake);
    until(&mut h, &mut j, "equal", |h, j| {
        equal_and_settled(h, j) && h.fake.st.values.contains_key("p3")
    });
    j.driver.close();
    h.driver.close();
    let bytes = relay.bytes();
    assert!(bytes.len() > 1000, "the relay carried the exchange");
    let digits = code.replace(' ', "");
    for clear in [
        "김민지",
        "한빛",
        "이서연",
        "2345-6789",
        "01023456789",
        "9876",
        "본부",
        "둘째",
        &digits,
    ] {
        assert!(
            !contains(&bytes, clear.as_bytes()),
            "{clear} passed in clear"
        );
    }
}

#[test]
fn another_list_is_refused_for_good_and_nothing_moves() {
    let (hk, jk) = (Keys::generate().unwrap(), Keys::generate().unwrap());
    let mut a = Fake::new(1, "본부", Some(SET));
    a.write("p1", "김민지", 1);
    let mut b = Fake::new(2, "둘째", Some(*b"another list 123"));
    b.write("p1", "이서연", 2);
    let (mut h, addr, code) = host(a, &hk);
    let mut j = joiner(b, addr, Some(code), &jk, Vec::new());
    until(&mut h, &mut j, "refused", |_, j| j.driver.status().failed);
    let failed = j.seen.iter().find_map(|e| match e {
        Happened::Failed(w) => Some(w.clone()),
        _ => None,
    });
    assert_eq!(failed, Some(SyncError::Refused(Refusal::OtherSet)));
    assert_eq!((h.fake.applied_calls, j.fake.applied_calls), (0, 0));
    assert_eq!(h.fake.st.values["p1"].2, "김민지");
    assert_eq!(j.fake.st.values["p1"].2, "이서연");

    // A never-synced database with records of its own: its journal refuses the snapshot, and
    // the joiner stops there instead of fetching it again and again.
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    let offer = Offer::new(Instant::now()).unwrap();
    let code = offer.shown();
    h.driver.close();
    let mut h = Desk {
        fake: h.fake.clone(),
        driver: Driver::host(l, hk.clone(), Some(offer), Vec::new(), &config()).unwrap(),
        seen: Vec::new(),
    };
    let mut own = Fake::new(3, "셋째", None);
    own.write("p7", "박지훈", 3);
    let mut j = joiner(own, addr, Some(code), &jk, Vec::new());
    until(&mut h, &mut j, "refused", |_, j| j.driver.status().failed);
    assert!(
        j.seen
            .iter()
            .any(|e| matches!(e, Happened::Failed(SyncError::Journal { .. })))
    );
    assert_eq!(j.fake.st.values["p7"].2, "박지훈");
    let snapshots_sent = h
        .seen
        .iter()
        .filter(|e| matches!(e, Happened::Linked { .. }))
        .count();
    assert_eq!(snapshots_sent, 1, "one try, not a loop: {:?}", h.seen);
}

#[test]
fn a_wrong_code_fails_once_and_a_stranger_is_not_let_back_in() {
    let (hk, jk) = (Keys::generate().unwrap(), Keys::generate().unwrap());
    let (mut h, addr, code) = host(Fake::new(1, "본부", Some(SET)), &hk);
    let digits: u32 = code.replace(' ', "").parse().unwrap();
    let wrong = format!("{:06}", (digits + 1) % 1_000_000);
    let mut j = joiner(
        Fake::new(2, "둘째", None),
        addr,
        Some(wrong),
        &jk,
        Vec::new(),
    );
    until(&mut h, &mut j, "failed", |_, j| j.driver.status().failed);
    assert!(j.seen.iter().any(|e| matches!(
        e,
        Happened::Failed(SyncError::Link(netday::sync::LinkError::WrongCode))
    )));
    // A reconnect from a desk the host never paired with is closed.
    let mut s = joiner(
        Fake::new(3, "남", None),
        addr,
        None,
        &Keys::generate().unwrap(),
        vec![hk.public()],
    );
    until(&mut h, &mut s, "stranger refused", |_, s| {
        s.driver.status().failed
    });
    assert_eq!(h.fake.applied_calls, 0);
}
