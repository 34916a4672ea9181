//! Issue 26, "two desks", as coordinators run it: two real netday apps, each in its own
//! terminal, linked over 127.0.0.1 through a relay the test runs (the venue's Wi-Fi). Desk A
//! holds the day (the demo and a list of 420 more people); desk B starts empty and joins A by
//! address and code. Each desk checks 200 people in (by badge scan, every fifth by name), three
//! of them the same people at both desks while apart; while the link is cut, the same 20
//! people's phone numbers are changed to different values at each desk and 5 walk-ins are
//! registered at both. The link is cut three times, once while both desks are scanning (the
//! desks find each other again by themselves), and desk B is SIGKILLed once in the middle of
//! an exchange (A's batch half-way to it) and started again, linking again by itself. At the
//! end both desks export the same people, attendance, minutes and ideas, every check-in a
//! screen confirmed is on both, both list the same 20 conflicts and offer the same 5 merges.
//! Then the host's side of a kill, and three repros of bugs found on the way (ignored).

use crate::common;
use common::pty::{DEADLINE, Tui};
use common::*;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use netday::data::Data;
use netday::model::Id;
use netday::store::Store;

const F2: &[u8] = b"\x1bOQ";
const TAB: &[u8] = b"\t";
const BACKTAB: &[u8] = b"\x1b[Z";
const CTRL_U: &[u8] = b"\x15";
const CTRL_C: &[u8] = b"\x03";

const COLS: u16 = 120;
const ROWS: u16 = 32;

// ---------------------------------------------------------------------------------------------
// The venue's network: a relay on 127.0.0.1 that B dials and that forwards to A. A cut drops
// every live connection and parks new ones (a Wi-Fi outage: the dial goes nowhere) until the
// link is allowed again; a stall lets only the first bytes of each connection from A to B
// through, and holds the rest (counted), so a desk can be killed in the middle of an exchange.
// ---------------------------------------------------------------------------------------------

#[derive(Default)]
struct RelayState {
    up: bool,
    /// Both sockets of each forwarded connection, shut down at a cut.
    live: Vec<[TcpStream; 2]>,
    /// Dialled during a cut: forwarded when the link is allowed again.
    parked: Vec<TcpStream>,
    /// Where desk A listens.
    to: Option<SocketAddr>,
    /// While set to (direction, n), each new connection passes only n bytes that way (0: from
    /// A to B, 1: from B to A).
    stall: Option<(usize, usize)>,
    /// Bytes A sent that a stall held back.
    held: usize,
    /// Bytes passed A → B and B → A (whole run).
    passed: [usize; 2],
    closed: bool,
}

struct Relay {
    addr: SocketAddr,
    state: Arc<Mutex<RelayState>>,
}

impl Relay {
    fn new(to: SocketAddr) -> Relay {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(Mutex::new(RelayState {
            up: true,
            to: Some(to),
            ..RelayState::default()
        }));
        let s = Arc::clone(&state);
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(conn) = conn else { continue };
                let mut st = lock(&s);
                if st.closed {
                    return;
                }
                if st.up {
                    forward(&s, &mut st, conn);
                } else {
                    st.parked.push(conn);
                }
            }
        });
        Relay { addr, state }
    }

    fn state(&self) -> MutexGuard<'_, RelayState> {
        lock(&self.state)
    }

    /// The network goes: every live connection is dropped, new ones go nowhere.
    fn cut(&self) {
        let mut st = self.state();
        st.up = false;
        for [b, a] in st.live.drain(..) {
            let _ = b.shutdown(Shutdown::Both);
            let _ = a.shutdown(Shutdown::Both);
        }
    }

    /// The network is back: what was dialled meanwhile goes through, and what is dialled next.
    fn heal(&self) {
        let mut st = self.state();
        st.up = true;
        for conn in std::mem::take(&mut st.parked) {
            forward(&self.state, &mut st, conn);
        }
    }

    fn held(&self) -> usize {
        self.state().held
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        self.cut();
        self.state().closed = true;
        let _ = TcpStream::connect(self.addr); // wakes the accepting thread, which ends
    }
}

fn lock(s: &Mutex<RelayState>) -> MutexGuard<'_, RelayState> {
    s.lock().unwrap_or_else(|e| e.into_inner())
}

fn forward(shared: &Arc<Mutex<RelayState>>, st: &mut RelayState, b: TcpStream) {
    let Some(Ok(a)) = st.to.map(TcpStream::connect) else {
        return;
    };
    let _ = (a.set_nodelay(true), b.set_nodelay(true));
    let clone = |s: &TcpStream| s.try_clone().unwrap();
    st.live.push([clone(&b), clone(&a)]);
    let budget = |dir: usize| st.stall.filter(|s| s.0 == dir).map(|s| s.1);
    let (to_b, to_a) = (budget(0), budget(1));
    let (s1, s2) = (Arc::clone(shared), Arc::clone(shared));
    let (b_in, a_out) = (clone(&b), clone(&a));
    std::thread::spawn(move || pipe(b_in, a_out, to_a, 1, &s1));
    std::thread::spawn(move || pipe(a, b, to_b, 0, &s2));
}

/// Copies `from` to `to` (`dir` 0: A → B, 1: B → A), passing at most `budget` bytes; ends both
/// when either side ends.
fn pipe(
    mut from: TcpStream,
    mut to: TcpStream,
    budget: Option<usize>,
    dir: usize,
    st: &Mutex<RelayState>,
) {
    let mut buf = vec![0u8; 64 * 1024];
    let mut sent = 0usize;
    while let Ok(n) = from.read(&mut buf) {
        if n == 0 {
            break;
        }
        let pass = budget.map_or(n, |b| n.min(b.saturating_sub(sent)));
        {
            let mut s = lock(st);
            s.held += n - pass;
            s.passed[dir] += pass;
        }
        if pass > 0 && to.write_all(&buf[..pass]).is_err() {
            break;
        }
        sent += pass;
    }
    let _ = to.shutdown(Shutdown::Both);
    let _ = from.shutdown(Shutdown::Both);
}

// ---------------------------------------------------------------------------------------------
// The day's list, made beforehand at desk A with the real commands.
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Debug)]
struct Guest {
    id: Id,
    code: String,
    name: String,
    phone: String,
}

/// Three-syllable names, any two differing in at least two syllables (so typing one never
/// finds another as "one syllable mistyped"): surname a, then b, then (a + b) mod 21.
fn names() -> Vec<String> {
    let sur: Vec<char> = "김이박최정강조윤장임한오서신권황안송류전홍"
        .chars()
        .collect();
    let mid: Vec<char> = "민서지하도예수주시은현유준채윤다승태소재아"
        .chars()
        .collect();
    let end: Vec<char> = "준연우원희진호빈율린훈경혁솔영나람겸온담별"
        .chars()
        .collect();
    let mut out = Vec::new();
    for a in 0..21 {
        for b in 0..21 {
            out.push(format!("{}{}{}", sur[a], mid[b], end[(a + b) % 21]));
        }
    }
    out
}

/// Walk-ins registered at both desks while apart: rare double surnames, phones nobody has.
const WALK_INS: [(&str, &str); 5] = [
    ("제갈하람", "010-9000-0001"),
    ("독고은솔", "010-9000-0002"),
    ("선우다온", "010-9000-0003"),
    ("남궁보람", "010-9000-0004"),
    ("황보새롬", "010-9000-0005"),
];

/// Desk A's database: named 입구 1, the demo day on today, and 420 more people registered
/// for it (imported from a CSV as a coordinator does the morning's list).
fn prepare_a(dir: &std::path::Path, db: &std::path::Path) -> Vec<Guest> {
    for args in [&["desk", "입구 1"][..], &["demo"][..]] {
        let (code, out, err) = run(db, args);
        assert_eq!(code, 0, "{args:?}: {out}{err}");
    }
    let taken: BTreeSet<String> = {
        let s = Store::open(db).unwrap();
        s.people().unwrap().into_iter().map(|p| p.name).collect()
    };
    let orgs = [
        "한울신협",
        "두레생협",
        "새길협동조합",
        "마을돌봄사회적협동조합",
        "",
    ];
    let mut csv = String::from("이름,소속,연락처\n");
    let mut n = 0;
    for name in names().into_iter().filter(|n| !taken.contains(n)).take(420) {
        n += 1;
        csv.push_str(&format!(
            "{name},{},010-2{:03}-{:04}\n",
            orgs[n % orgs.len()],
            n,
            7000 + n
        ));
    }
    assert_eq!(n, 420);
    let file = dir.join("명단.csv");
    std::fs::write(&file, csv).unwrap();
    let (code, out, err) = run(db, &["import", file.to_str().unwrap(), "--event", "today"]);
    assert_eq!(code, 0, "import: {out}{err}");

    let s = Store::open(db).unwrap();
    let mut guests: Vec<Guest> = s
        .people()
        .unwrap()
        .into_iter()
        .filter(|p| p.phone.starts_with("010-2") && p.phone.len() == 13 && !taken.contains(&p.name))
        .map(|p| Guest {
            id: p.id,
            code: p.code,
            name: p.name,
            phone: p.phone,
        })
        .collect();
    guests.sort_by(|a, b| a.phone.cmp(&b.phone));
    assert_eq!(guests.len(), 420, "the imported people");
    guests
}

// ---------------------------------------------------------------------------------------------
// The desks, driven as coordinators drive them.
// ---------------------------------------------------------------------------------------------

fn header(s: &vt100::Screen) -> String {
    s.contents().lines().next().unwrap_or_default().to_string()
}

fn linked(s: &vt100::Screen) -> bool {
    header(s).contains("연결됨")
}

fn start(db: &std::path::Path, desk: &str) -> Tui {
    Tui::start_with_env(
        db,
        &[],
        COLS,
        ROWS,
        &[("NETDAY_DESK", desk), ("NETDAY_SYNC_BIND", "127.0.0.1:0")],
    )
}

/// The work one desk does in one stretch.
#[derive(Default)]
struct Work {
    /// Badges scanned at the desk.
    scans: Vec<Guest>,
    /// Phone numbers changed on 명단: (person, new phone).
    edits: Vec<(Guest, String)>,
    /// Walk-ins registered at the desk (F2).
    walk_ins: Vec<(&'static str, &'static str)>,
    /// Badges scanned so far.
    scanned: AtomicUsize,
}

/// What a desk's screen confirmed: the people whose check-in it showed as saved, and the
/// walk-ins it showed as registered and arrived.
#[derive(Default, Debug)]
struct Confirmed {
    checked_in: BTreeSet<Id>,
    walked_in: Vec<&'static str>,
}

/// Checks `g` in at the desk: most by badge, the code and Enter in one burst as a scanner
/// types it; every fifth by name, typed, then Enter once the name shows in the search box (the
/// other desk's changes arriving meanwhile must leave it there). The screen's "✓ name …
/// (저장됨)" is the acknowledgement. When the link drops at that moment, its message may take
/// the message line before the check-in's is drawn: the coordinator, who saw no ✓, tries
/// again, and "✓" or "이미 … 도착했습니다" is the acknowledgement.
fn check_in(t: &mut Tui, g: &Guest, by_name: bool) {
    const CUT_MESSAGE: &str = "연결 끊김 (";
    let ok = format!("✓ {} ", g.name);
    let stale_cut = t.screen().contains(CUT_MESSAGE);
    let attempt = |t: &mut Tui| {
        if by_name {
            t.type_text(&g.name);
            t.wait_for(&format!("▸ {}", g.name));
            t.send(b"\r");
        } else {
            t.type_text(&format!("{}\r", g.code));
        }
    };
    attempt(t);
    t.wait_until(&ok, |s| {
        let c = s.contents();
        c.contains(&ok) || (!stale_cut && c.contains(CUT_MESSAGE))
    });
    if t.screen().contains(&ok) {
        return;
    }
    eprintln!("{}: tried again after the link's message", g.name);
    // "정아원 (새길협동조합): 이미 00:28에 도착했습니다"
    let again = |line: &str| {
        line.starts_with(&g.name) && line.contains(": 이미 ") && line.contains("도착했습니다")
    };
    // The first try may still be in the box: it is cleared, and seen empty, before the second.
    t.send(CTRL_U);
    t.wait_for("▸ 이름·소속·초성");
    attempt(t);
    t.wait_until(&format!("{ok} or {}: 이미 …", g.name), |s| {
        let c = s.contents();
        c.contains(&ok) || c.lines().any(again)
    });
    t.send(CTRL_U); // a name found already arrived stays in the box
}

/// Does `w` at the desk `t` (on 체크인; it ends there), as a coordinator does.
fn work(t: &mut Tui, w: &Work, done: &mut Confirmed) {
    for (i, g) in w.scans.iter().enumerate() {
        check_in(t, g, i % 5 == 4);
        done.checked_in.insert(g.id);
        w.scanned.fetch_add(1, Ordering::SeqCst);
    }
    if !w.edits.is_empty() {
        t.send(TAB); // → 명단
        t.wait_for("[이번 행사]");
        for (g, phone) in &w.edits {
            t.type_text(&g.name);
            t.wait_for(&format!("▸ {}", g.name));
            t.send(F2);
            t.wait_for(&g.phone); // the form, on this person
            t.send(TAB);
            t.send(TAB);
            t.send(TAB);
            t.send(CTRL_U);
            t.type_text(phone);
            t.wait_for(phone);
            t.send(b"\r");
            t.wait_for(&format!("{}: 저장했습니다", g.name));
            t.send(CTRL_U); // clears the search (Esc then a letter would read as Alt-letter)
        }
        t.send(BACKTAB); // → 체크인
        t.wait_for("구분별 도착");
    }
    for &(name, phone) in &w.walk_ins {
        t.send(F2);
        t.wait_for("이름*");
        t.type_text(name);
        t.wait_for(name);
        t.send(TAB); // organisation: none
        t.send(TAB); // role: none
        t.send(TAB);
        t.type_text(phone);
        t.wait_for(phone);
        t.send(b"\r");
        t.wait_for(&format!("✓ {name} 현장 등록"));
        done.walked_in.push(name);
    }
}

/// Both desks work at once, each on its own thread, as two coordinators at two doors do;
/// `meanwhile` runs on this thread (the network, which does not wait for them).
fn both(
    a: &mut Tui,
    wa: &Work,
    ca: &mut Confirmed,
    b: &mut Tui,
    wb: &Work,
    cb: &mut Confirmed,
    meanwhile: impl FnOnce(),
) {
    std::thread::scope(|s| {
        let ha = s.spawn(|| work(a, wa, ca));
        let hb = s.spawn(|| work(b, wb, cb));
        meanwhile();
        for h in [ha, hb] {
            if let Err(e) = h.join() {
                std::panic::resume_unwind(e);
            }
        }
    });
}

/// The arrivals every desk must count once it has everything confirmed so far.
fn arrived_total(ca: &Confirmed, cb: &Confirmed) -> usize {
    ca.checked_in.union(&cb.checked_in).count() + ca.walked_in.len() + cb.walked_in.len()
}

fn wait_arrived(t: &Tui, desk: &str, n: usize) {
    let want = format!("도착 {n}·");
    t.wait_until(&format!("{desk}: {want}"), |s| s.contents().contains(&want));
}

fn wait_both_linked(a: &Tui, b: &Tui) {
    a.wait_until("A linked", linked);
    b.wait_until("B linked", linked);
}

fn wait_both_cut(a: &Tui, b: &Tui) {
    a.wait_until("A cut off", |s| header(s).contains("끊김"));
    b.wait_until("B cut off", |s| header(s).contains("끊김"));
}

/// Reads "127.0.0.1:PORT" and the code "123 456" off desk A's 동기화 screen after F2.
fn offered(t: &Tui) -> (String, String) {
    t.wait_until("the address and the code", |s| {
        let c = s.contents();
        c.contains("127.0.0.1:") && header(s).contains("코드 ")
    });
    let text = t.screen();
    let i = text.find("127.0.0.1:").unwrap();
    let port: String = text[i + 10..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let head = text.lines().next().unwrap();
    let j = head.find("코드 ").unwrap();
    let code: String = head[j + "코드 ".len()..]
        .chars()
        .filter(|c| *c != ' ')
        .take_while(char::is_ascii_digit)
        .take(6)
        .collect();
    assert_eq!(code.len(), 6, "{head}");
    (format!("127.0.0.1:{port}"), code)
}

/// Desk A's list: 39 demo people and 420 more registered for today.
const EXPECTED: usize = 39 + 420;

/// Desk A opens the day and offers the link (F2 on 동기화, loopback only); it ends on 체크인.
/// The address it listens on and the code it shows.
fn open_a(db: &std::path::Path) -> (Tui, String, String) {
    let mut a = start(db, "입구 1");
    a.wait_for(&format!("도착 0·예정 {EXPECTED}"));
    a.send(BACKTAB); // 체크인 → 동기화, the last screen
    a.wait_for("연결 안 됨");
    a.send(F2);
    let (addr, code) = offered(&a);
    a.send(TAB); // → 체크인
    a.wait_for("구분별 도착");
    (a, addr, code)
}

/// Desk B starts empty: j (take another laptop's list), the address (the relay's), the code.
fn join_b(db: &std::path::Path, via: &str, code: &str) -> Tui {
    let mut b = start(db, "입구 2");
    b.wait_for("j 다른 노트북에서 받기");
    b.type_text("j");
    b.wait_for("다른 노트북에 잇기");
    b.type_text(via);
    b.wait_for(via);
    b.send(TAB);
    b.type_text(code);
    b.wait_for(code);
    b.send(b"\r");
    b
}

/// Waits until the relay holds back bytes (a stall caught an exchange half-way).
fn wait_held(relay: &Relay, what: &str) {
    let end = Instant::now() + DEADLINE;
    while relay.held() == 0 {
        assert!(Instant::now() < end, "{what}");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

fn event_on(s: &Store, date: chrono::NaiveDate) -> netday::model::Event {
    s.events()
        .unwrap()
        .into_iter()
        .find(|e| e.date == date)
        .expect("the day's networking day")
}

fn is_arrived(s: &Store, event: Id, person: Id) -> bool {
    s.attendance(event, person)
        .unwrap()
        .is_some_and(|a| a.status.is_arrived())
}

#[test]
fn two_desks_check_in_edit_and_register_through_cuts_and_a_kill_and_end_the_same() {
    let started = Instant::now();
    seoul();
    let dir_a = tempfile::tempdir().unwrap();
    let db_a = dir_a.path().join("db");
    let guests = prepare_a(dir_a.path(), &db_a);
    let today = netday::model::today();
    let dir_b = tempfile::tempdir().unwrap();
    let db_b = dir_b.path().join("db");

    // Who does what. Guests 0..20 have their phone changed at both desks; A scans 20..220,
    // B 217..417: 217..220 are scanned at both desks first thing after the first cut (one
    // arrival each, no conflict). Each desk scans 200 badges in seven stretches.
    let edited = &guests[..20];
    let shared = &guests[217..220];
    let scans_a: Vec<Guest> = [&guests[20..60], shared, &guests[60..217]].concat();
    let scans_b: Vec<Guest> = [&guests[220..260], shared, &guests[260..417]].concat();
    assert_eq!((scans_a.len(), scans_b.len()), (200, 200));
    let stretches = [40, 30, 30, 30, 30, 30, 10];
    let split = |all: &[Guest]| -> Vec<Vec<Guest>> {
        let mut at = 0;
        stretches
            .iter()
            .map(|&n| {
                at += n;
                all[at - n..at].to_vec()
            })
            .collect()
    };
    let (sa, sb) = (split(&scans_a), split(&scans_b));
    let ids = |g: &[Guest]| g.iter().map(|g| g.id).collect::<Vec<_>>();
    assert_eq!(
        ids(&sa[1][..3]),
        ids(&sb[1][..3]),
        "the same three first when apart"
    );
    let phone_a = |i: usize| format!("010-5000-{:04}", i + 1);
    let phone_b = |i: usize| format!("010-6000-{:04}", i + 1);
    let edits = |range: std::ops::Range<usize>, phone: &dyn Fn(usize) -> String| {
        range
            .map(|i| (edited[i].clone(), phone(i)))
            .collect::<Vec<_>>()
    };
    let cuts: [(std::ops::Range<usize>, std::ops::Range<usize>); 3] =
        [(0..7, 0..2), (7..14, 2..4), (14..20, 4..5)];

    let (mut a, addr_a, code) = open_a(&db_a);
    let relay = Relay::new(addr_a.parse().unwrap());
    let via = relay.addr.to_string();
    let mut b = join_b(&db_b, &via, &code);
    b.wait_for(&format!("예정 {EXPECTED}"));
    wait_both_linked(&a, &b);
    b.send(TAB); // 동기화 → 체크인
    b.wait_for("구분별 도착");

    let (mut ca, mut cb) = (Confirmed::default(), Confirmed::default());
    let scans = |s: &Vec<Guest>| Work {
        scans: s.clone(),
        ..Work::default()
    };

    // Linked: both desks check people in; each sees the other's.
    both(
        &mut a,
        &scans(&sa[0]),
        &mut ca,
        &mut b,
        &scans(&sb[0]),
        &mut cb,
        || {},
    );
    let n = arrived_total(&ca, &cb);
    wait_arrived(&a, "A", n);
    wait_arrived(&b, "B", n);

    // Three cuts. The first and the third come while both desks are idle, the second in the
    // middle of a linked stretch, while both are scanning.
    let mut cut_already = false;
    for (k, (edit_range, walk_range)) in cuts.iter().enumerate() {
        // Cut: both desks see it and keep working apart.
        if !cut_already {
            relay.cut();
        }
        wait_both_cut(&a, &b);
        let wa = Work {
            scans: sa[1 + 2 * k].clone(),
            edits: edits(edit_range.clone(), &phone_a),
            walk_ins: WALK_INS[walk_range.clone()].to_vec(),
            ..Work::default()
        };
        let wb = Work {
            scans: sb[1 + 2 * k].clone(),
            edits: edits(edit_range.clone(), &phone_b),
            walk_ins: WALK_INS[walk_range.clone()].to_vec(),
            ..Work::default()
        };
        both(&mut a, &wa, &mut ca, &mut b, &wb, &mut cb, || {});

        if k == 2 {
            break; // the last cut ends with desk B killed mid-exchange, below
        }
        // The network is back: the desks link again by themselves and catch up.
        relay.heal();
        wait_both_linked(&a, &b);
        let n = arrived_total(&ca, &cb);
        wait_arrived(&a, "A", n);
        wait_arrived(&b, "B", n);
        let (wa, wb) = (scans(&sa[2 + 2 * k]), scans(&sb[2 + 2 * k]));
        cut_already = k == 0;
        both(&mut a, &wa, &mut ca, &mut b, &wb, &mut cb, || {
            if cut_already {
                let end = Instant::now() + DEADLINE;
                while wa.scanned.load(Ordering::SeqCst) < 10
                    || wb.scanned.load(Ordering::SeqCst) < 10
                {
                    assert!(Instant::now() < end, "the desks never scanned 10 each");
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
                relay.cut();
            }
        });
        if !cut_already {
            let n = arrived_total(&ca, &cb);
            wait_arrived(&a, "A", n);
            wait_arrived(&b, "B", n);
        }
    }

    // The network comes back, but only the first bytes of A's side get through: B's changes
    // reach A, A's batch is half-way to B when B is killed.
    relay.state().stall = Some((0, 1500));
    relay.heal();
    let n = arrived_total(&ca, &cb);
    wait_arrived(&a, "A (B's changes made apart)", n);
    b.wait_until("B linked: its side of the exchange is done", linked);
    wait_held(&relay, "A never had more to send to B");
    let (passed, held) = {
        let st = relay.state();
        (st.passed, st.held)
    };
    eprintln!("relay before the kill: passed {passed:?}, held {held}");
    kill_mid_exchange(b, &relay);

    // B starts again on its own database and links again by itself: the address it joined
    // is remembered, and A knows it without a code.
    let mut b = start(&db_b, "입구 2");
    b.wait_for(&format!("예정 {EXPECTED}"));
    wait_both_linked(&a, &b);
    let n = arrived_total(&ca, &cb);
    wait_arrived(&a, "A", n);
    wait_arrived(&b, "B (after the kill)", n);

    // The last stretch linked, then both desks must show everything.
    both(
        &mut a,
        &scans(&sa[6]),
        &mut ca,
        &mut b,
        &scans(&sb[6]),
        &mut cb,
        || {},
    );
    assert_eq!((ca.checked_in.len(), cb.checked_in.len()), (200, 200));
    let n = arrived_total(&ca, &cb);
    assert_eq!(n, 397 + 10);
    for (t, desk) in [(&a, "A"), (&b, "B")] {
        wait_arrived(t, desk, n);
        t.wait_for("현장 10·");
    }
    for t in [&mut a, &mut b] {
        t.send(BACKTAB); // → 동기화
        t.wait_for("충돌 20건");
        t.wait_for("같은 사람일 수 있음 5명");
    }
    for t in [&mut a, &mut b] {
        t.send(CTRL_C);
        assert!(
            t.wait_exit(),
            "netday exited with an error:\n{}",
            t.screen()
        );
    }
    drop(relay);

    // Both conflict lists, as `netday sync conflicts` prints them: the same 20, each the
    // phone of one of the people changed at both desks, with both values.
    let (ra, la, ea) = run(&db_a, &["sync", "conflicts"]);
    let (rb, lb, eb) = run(&db_b, &["sync", "conflicts"]);
    assert_eq!((ra, rb), (0, 0), "{ea}{eb}");
    assert_eq!(la, lb, "both desks list the same conflicts");
    let mut by_number: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for line in la.lines() {
        let n = line.split('\t').next().unwrap();
        by_number.entry(n).or_default().push(line);
    }
    assert_eq!(by_number.len(), 20, "20 conflicts:\n{la}");
    for (i, g) in edited.iter().enumerate() {
        let lines: Vec<&str> = la.lines().filter(|l| l.contains(&g.name)).collect();
        assert_eq!(lines.len(), 2, "{}: both values listed:\n{la}", g.name);
        assert!(
            lines.iter().any(|l| l.contains(&phone_a(i)))
                && lines.iter().any(|l| l.contains(&phone_b(i))),
            "{lines:?}"
        );
    }

    let (sa_, sb_) = (Store::open(&db_a).unwrap(), Store::open(&db_b).unwrap());
    let (ea_, eb_) = (exports(&sa_), exports(&sb_));
    assert!(ea_ == eb_, "the two desks export differently");

    // Every check-in a screen confirmed is on both desks.
    let day = event_on(&sa_, today);
    assert_eq!(day.id, event_on(&sb_, today).id);
    for id in ca.checked_in.iter().chain(&cb.checked_in) {
        assert!(is_arrived(&sa_, day.id, *id) && is_arrived(&sb_, day.id, *id));
    }
    for s in [&sa_, &sb_] {
        for (name, _) in WALK_INS {
            let two: Vec<_> = s
                .people()
                .unwrap()
                .into_iter()
                .filter(|p| p.name == name)
                .collect();
            assert_eq!(two.len(), 2, "{name}: one record from each desk");
            assert!(two.iter().all(|p| is_arrived(s, day.id, p.id)));
        }
    }

    // The 5 walk-ins registered at both desks are offered for merging, alike at both.
    let offers = |s: Store| {
        let events = s.events().unwrap();
        let day = event_on(&s, today);
        let mut d = Data::new(s);
        d.reload(Some(&day), &events).unwrap();
        d.same_at_two_desks()
            .into_iter()
            .map(|p| (p.keep, p.dup))
            .collect::<Vec<_>>()
    };
    let (oa, ob) = (offers(sa_), offers(sb_));
    assert_eq!(oa.len(), 5, "{oa:?}");
    assert_eq!(oa, ob);
    eprintln!("two desks: {:.1} s", started.elapsed().as_secs_f64());
}

/// Desk A prepared, desk B joined through a relay; both on 체크인.
fn linked_pair(dir_a: &std::path::Path, dir_b: &std::path::Path) -> (Vec<Guest>, Tui, Tui, Relay) {
    let guests = prepare_a(dir_a, &dir_a.join("db"));
    let (a, addr_a, code) = open_a(&dir_a.join("db"));
    let relay = Relay::new(addr_a.parse().unwrap());
    let mut b = join_b(&dir_b.join("db"), &relay.addr.to_string(), &code);
    b.wait_for(&format!("예정 {EXPECTED}"));
    wait_both_linked(&a, &b);
    b.send(TAB); // 동기화 → 체크인
    b.wait_for("구분별 도착");
    (guests, a, b, relay)
}

/// The host's side: desk A is SIGKILLed while B's batch is half-way to it, and started again.
/// It listens again where it listened, without a code (B is paired); B links again by itself,
/// and both end with the same exports and every confirmed check-in.
#[test]
fn the_host_killed_mid_exchange_listens_again_and_both_end_the_same() {
    seoul();
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (db_a, db_b) = (dir_a.path().join("db"), dir_b.path().join("db"));
    let (guests, mut a, mut b, relay) = linked_pair(dir_a.path(), dir_b.path());
    let today = netday::model::today();
    let (mut ca, mut cb) = (Confirmed::default(), Confirmed::default());
    let scans = |s: &[Guest]| Work {
        scans: s.to_vec(),
        ..Work::default()
    };

    relay.cut();
    wait_both_cut(&a, &b);
    let (wa, wb) = (scans(&guests[20..50]), scans(&guests[50..80]));
    both(&mut a, &wa, &mut ca, &mut b, &wb, &mut cb, || {});
    // Back, but only the first bytes of B's side get through: A's changes reach B, B's batch
    // is half-way to A when A is killed.
    relay.state().stall = Some((1, 1500));
    relay.heal();
    let n = arrived_total(&ca, &cb);
    wait_arrived(&b, "B (A's changes made apart)", n);
    wait_held(&relay, "B never had more to send to A");
    kill_mid_exchange(a, &relay);

    let mut a = start(&db_a, "입구 1");
    a.wait_for(&format!("예정 {EXPECTED}"));
    wait_both_linked(&a, &b);
    wait_arrived(&a, "A (after the kill)", n);
    let (wa, wb) = (scans(&guests[80..90]), scans(&guests[90..100]));
    both(&mut a, &wa, &mut ca, &mut b, &wb, &mut cb, || {});
    let n = arrived_total(&ca, &cb);
    wait_arrived(&a, "A", n);
    wait_arrived(&b, "B", n);
    for t in [&mut a, &mut b] {
        t.send(CTRL_C);
        assert!(
            t.wait_exit(),
            "netday exited with an error:\n{}",
            t.screen()
        );
    }
    drop(relay);
    let (sa, sb) = (Store::open(&db_a).unwrap(), Store::open(&db_b).unwrap());
    assert!(
        exports(&sa) == exports(&sb),
        "the two desks export differently"
    );
    let day = event_on(&sa, today);
    for id in ca.checked_in.iter().chain(&cb.checked_in) {
        assert!(is_arrived(&sa, day.id, *id) && is_arrived(&sb, day.id, *id));
    }
}

/// Desk B joins; the relay lets only the start of A's list through. Returns A, B (linked,
/// the list half-way) and the relay.
fn join_stalled(dir_a: &std::path::Path, dir_b: &std::path::Path) -> (Tui, Tui, Relay) {
    prepare_a(dir_a, &dir_a.join("db"));
    let (a, addr_a, code) = open_a(&dir_a.join("db"));
    let relay = Relay::new(addr_a.parse().unwrap());
    relay.state().stall = Some((0, 20_000));
    let b = join_b(&dir_b.join("db"), &relay.addr.to_string(), &code);
    wait_held(&relay, "A never had more of its list to send");
    // B has met A and remembers it (said once remembered; a kill before that forgets the
    // pairing, and the code is used up).
    b.wait_for("입구 1 데스크와 연결됨");
    (a, b, relay)
}

/// SIGKILLs a desk whose exchange the relay holds half-way, then lets the network through
/// whole again (the cut drops the held bytes with the connection).
fn kill_mid_exchange(mut desk: Tui, relay: &Relay) {
    desk.signal(libc::SIGKILL);
    let _ = desk.wait_status();
    drop(desk);
    relay.cut();
    relay.state().stall = None;
    relay.heal();
}

/// While the list is still on its way to a desk that joined empty, its header must not say it
/// synced: it holds nothing yet.
#[test]
fn a_desk_whose_list_is_still_coming_does_not_say_it_synced() {
    seoul();
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (_a, b, _relay) = join_stalled(dir_a.path(), dir_b.path());
    let screen = b.screen();
    assert!(screen.contains("예정 0·"), "{screen}");
    assert!(
        screen.lines().next().unwrap().contains("아직 동기화 전"),
        "an empty desk says it synced:\n{screen}"
    );
}

/// A desk killed during its first join (the list half-way) starts again, links again by itself
/// and takes the list in; the empty database's first question (make a day, load the demo)
/// must not stay over it: its d would load the demo into the shared list.
#[test]
fn a_desk_killed_during_its_first_join_takes_the_list_in_after_a_restart() {
    seoul();
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (a, b, relay) = join_stalled(dir_a.path(), dir_b.path());
    kill_mid_exchange(b, &relay);
    let b = start(&dir_b.path().join("db"), "입구 2");
    b.wait_for(&format!("예정 {EXPECTED}"));
    wait_both_linked(&a, &b);
    b.wait_for("구분별 도착");
    // (A frame can be read half drawn: wait for the question to go, or fail at the deadline.)
    b.wait_until(
        "the empty database's question to close over the list",
        |s| !s.contents().contains("데이터베이스가 비어 있습니다"),
    );
}

/// `netday sync host` at A (loopback), `netday sync join` at B until both are equal (with the
/// code the first time), then the host ends.
fn sync_once(db_a: &std::path::Path, db_b: &std::path::Path, code: bool) {
    use std::io::BufRead;
    let mut host = std::process::Command::new(bin())
        .arg("--db")
        .arg(db_a)
        .args(["sync", "host", "--bind", "127.0.0.1", "--port", "0"])
        .env("LANG", "ko_KR.UTF-8")
        .env("NETDAY_TZ", "Asia/Seoul")
        .env("NETDAY_DESK", "입구 1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(host.stdout.take().unwrap()).lines();
    let _ = lines.next();
    let script = lines.next().unwrap().unwrap();
    let parts: Vec<&str> = script.split(' ').collect();
    let mut args = vec!["sync", "join", parts[1]];
    if code {
        args.push(parts[3]);
    }
    let out = std::process::Command::new(bin())
        .arg("--db")
        .arg(db_b)
        .args(&args)
        .env("LANG", "ko_KR.UTF-8")
        .env("NETDAY_TZ", "Asia/Seoul")
        .env("NETDAY_DESK", "입구 2")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // SAFETY: kill only sends a signal to the host this test started.
    unsafe { libc::kill(host.id() as i32, libc::SIGTERM) };
    host.wait().unwrap();
}

/// The 5 walk-ins registered at both desks are offered for merging at both: two coordinators
/// who each merge the same pair while apart made the same decision, which is no conflict.
#[test]
fn the_same_merge_at_both_desks_while_apart_is_no_conflict() {
    seoul();
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (db_a, db_b) = (dir_a.path().join("db"), dir_b.path().join("db"));
    run(&db_a, &["desk", "입구 1"]);
    run(&db_a, &["demo"]);
    sync_once(&db_a, &db_b, true);
    for (db, desk) in [(&db_a, "입구 1"), (&db_b, "입구 2")] {
        let s = Store::open(db).unwrap();
        s.set_desk_name(desk).unwrap();
        let mut p = netday::model::Person::new("제갈하람", netday::model::Ts::now());
        p.phone = "010-9000-0001".into();
        s.put_person(&mut p).unwrap();
    }
    sync_once(&db_a, &db_b, false);
    let offers = |db: &std::path::Path| {
        let s = Store::open(db).unwrap();
        let events = s.events().unwrap();
        let mut d = Data::new(s);
        d.reload(events.last(), &events).unwrap();
        d.same_at_two_desks()
    };
    let pairs = offers(&db_a);
    assert_eq!(pairs, offers(&db_b));
    assert_eq!(pairs.len(), 1);
    let (keep, dup) = (pairs[0].keep, pairs[0].dup);
    for db in [&db_a, &db_b] {
        Store::open(db)
            .unwrap()
            .merge_people(keep, dup, &[])
            .unwrap();
    }
    sync_once(&db_a, &db_b, false);
    let (_, ca, _) = run(&db_a, &["sync", "conflicts"]);
    let (_, cb, _) = run(&db_b, &["sync", "conflicts"]);
    let (sa, sb) = (Store::open(&db_a).unwrap(), Store::open(&db_b).unwrap());
    assert!(
        exports(&sa) == exports(&sb),
        "the two desks export differently"
    );
    assert_eq!(ca, cb);
    assert!(
        ca.is_empty(),
        "the same merge at both desks listed as a conflict:\n{ca}"
    );
}
