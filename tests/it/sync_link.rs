//! The link between two desks, on 127.0.0.1 only: pairing with the code, refusing wrong,
//! exhausted and expired codes, reconnecting with remembered keys only, the limits and the
//! deadlines, and that a loopback relay sees no plaintext.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use netday::sync::pair::{Mode, OFFER_LIFE, pair_as_joiner, reconnect_as_joiner};
use netday::sync::{Incoming, Keys, Limits, Link, LinkError, Offer, OfferState, Paired};

fn listener() -> (TcpListener, SocketAddr) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let a = l.local_addr().unwrap();
    (l, a)
}

fn quick() -> Limits {
    Limits {
        frame_timeout: Duration::from_secs(5),
        handshake_timeout: Duration::from_secs(5),
        ..Limits::default()
    }
}

type Pairing = Result<(Link, Paired), LinkError>;

/// The host answers `tries` pairing attempts with one offer, at `now`.
fn host_pairs(
    l: TcpListener,
    mut offer: Offer,
    keys: Keys,
    now: Instant,
    tries: usize,
) -> JoinHandle<(Offer, Vec<Pairing>)> {
    thread::spawn(move || {
        let mut out = Vec::new();
        for _ in 0..tries {
            let (s, _) = l.accept().unwrap();
            let r = Incoming::read(s, quick()).and_then(|i| {
                assert_eq!(i.mode(), Mode::Pair);
                i.pair(&mut offer, &keys, now)
            });
            out.push(r);
        }
        (offer, out)
    })
}

fn host_reconnects(
    l: TcpListener,
    keys: Keys,
    known: Vec<[u8; 32]>,
    limits: Limits,
) -> JoinHandle<Result<Link, LinkError>> {
    thread::spawn(move || {
        let (s, _) = l.accept().unwrap();
        let i = Incoming::read(s, limits)?;
        assert_eq!(i.mode(), Mode::Reconnect);
        i.reconnect(&keys, &known)
    })
}

/// A loopback relay for one connection that keeps every byte each way (and can flip one
/// byte going from the host to the joiner).
struct Relay {
    addr: SocketAddr,
    up: Arc<Mutex<Vec<u8>>>,
    down: Arc<Mutex<Vec<u8>>>,
    thread: JoinHandle<()>,
}

fn pump(
    mut from: TcpStream,
    mut to: TcpStream,
    seen: Arc<Mutex<Vec<u8>>>,
    flip_at: Option<usize>,
) -> JoinHandle<()> {
    thread::spawn(move || {
        let mut buf = [0u8; 4096];
        loop {
            let n = match from.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            let chunk = &mut buf[..n];
            {
                let mut seen = seen.lock().unwrap();
                if let Some(at) = flip_at
                    && at >= seen.len()
                    && at < seen.len() + n
                {
                    chunk[at - seen.len()] ^= 0x01;
                }
                seen.extend_from_slice(chunk);
            }
            if to.write_all(chunk).is_err() {
                break;
            }
        }
        let _ = to.shutdown(Shutdown::Write);
        let _ = from.shutdown(Shutdown::Read);
    })
}

fn relay(target: SocketAddr, flip_down_at: Option<usize>) -> Relay {
    let (l, addr) = listener();
    let up = Arc::new(Mutex::new(Vec::new()));
    let down = Arc::new(Mutex::new(Vec::new()));
    let (u, d) = (up.clone(), down.clone());
    let thread = thread::spawn(move || {
        let (joiner, _) = l.accept().unwrap();
        let host = TcpStream::connect(target).unwrap();
        let a = pump(
            joiner.try_clone().unwrap(),
            host.try_clone().unwrap(),
            u,
            None,
        );
        let b = pump(host, joiner, d, flip_down_at);
        a.join().unwrap();
        b.join().unwrap();
    });
    Relay {
        addr,
        up,
        down,
        thread,
    }
}

impl Relay {
    /// Every byte joiner → host and host → joiner, once both ends have closed.
    fn done(self) -> (Vec<u8>, Vec<u8>) {
        self.thread.join().unwrap();
        let up = self.up.lock().unwrap().clone();
        let down = self.down.lock().unwrap().clone();
        (up, down)
    }
}

fn other_code(offer: &Offer) -> String {
    let c: u32 = offer.digits().parse().unwrap();
    format!("{:06}", (c + 1) % 1_000_000)
}

#[test]
fn the_right_code_pairs_and_each_side_gets_the_others_static_key() {
    let (l, addr) = listener();
    let (host, joiner) = (Keys::generate().unwrap(), Keys::generate().unwrap());
    let now = Instant::now();
    let offer = Offer::new(now).unwrap();
    let shown = offer.shown();
    assert!(
        shown.len() == 7 && shown.as_bytes()[3] == b' ',
        "shown as '123 456': {shown}"
    );
    let h = host_pairs(l, offer, host.clone(), now, 2);
    let (mut j_link, j_paired) = pair_as_joiner(addr, &shown, &joiner, quick()).unwrap();
    // A second pairing with the same code is refused: one pairing uses the offer up.
    assert_eq!(
        pair_as_joiner(addr, &shown, &Keys::generate().unwrap(), quick()).unwrap_err(),
        LinkError::OfferClosed
    );
    let (offer, mut results) = h.join().unwrap();
    assert_eq!(results.pop().unwrap().unwrap_err(), LinkError::OfferClosed);
    let (mut h_link, h_paired) = results.pop().unwrap().unwrap();
    assert_eq!(offer.state(now), OfferState::Used);

    assert_eq!(j_paired.remote_static, host.public());
    assert_eq!(h_paired.remote_static, joiner.public());
    assert_eq!(j_link.remote_static(), host.public());
    assert_eq!(h_link.remote_static(), joiner.public());
    assert_eq!(
        j_paired.file_key, h_paired.file_key,
        "both hold one file key"
    );
    assert_ne!(j_paired.file_key, [0u8; 32]);

    j_link.send(b"hello from the joiner").unwrap();
    assert_eq!(h_link.recv().unwrap(), b"hello from the joiner");
    h_link.send(b"").unwrap();
    assert_eq!(j_link.recv().unwrap(), b"");
    // A stored private key gives back the same public key.
    assert_eq!(Keys::from_private(host.private()).public(), host.public());
}

#[test]
fn a_wrong_code_is_refused_with_one_byte_and_three_close_the_offer() {
    let (l, host_addr) = listener();
    let host = Keys::generate().unwrap();
    let now = Instant::now();
    let offer = Offer::new(now).unwrap();
    let (right, wrong) = (offer.digits(), other_code(&offer));
    let h = host_pairs(l, offer, host, now, 4);
    for _ in 0..3 {
        let r = relay(host_addr, None);
        let err = pair_as_joiner(r.addr, &wrong, &Keys::generate().unwrap(), quick()).unwrap_err();
        assert_eq!(err, LinkError::WrongCode);
        let (_, down) = r.done();
        // The host sent its SPAKE2 message (a 33-byte frame) and the refusal byte, nothing else.
        assert_eq!(down.len(), 2 + 33 + 2 + 1, "{down:?}");
        assert_eq!(&down[35..], &[0, 1, 1]);
    }
    let err = pair_as_joiner(host_addr, &right, &Keys::generate().unwrap(), quick()).unwrap_err();
    assert_eq!(
        err,
        LinkError::OfferClosed,
        "the right code after three wrong ones"
    );
    let (offer, results) = h.join().unwrap();
    let errs: Vec<LinkError> = results.into_iter().map(|r| r.unwrap_err()).collect();
    assert_eq!(
        errs,
        [
            LinkError::WrongCode,
            LinkError::WrongCode,
            LinkError::WrongCode,
            LinkError::OfferClosed
        ]
    );
    assert_eq!(offer.failures(), 3);
    assert_eq!(offer.state(now), OfferState::Closed);
}

#[test]
fn an_expired_code_is_refused() {
    let (l, addr) = listener();
    let start = Instant::now();
    let offer = Offer::new(start).unwrap();
    assert_eq!(
        offer.state(start + OFFER_LIFE - Duration::from_secs(1)),
        OfferState::Open
    );
    assert_eq!(offer.state(start + OFFER_LIFE), OfferState::Expired);
    assert_eq!(
        offer.remaining(start + Duration::from_secs(60)),
        Duration::from_secs(540)
    );
    let code = offer.digits();
    let h = host_pairs(l, offer, Keys::generate().unwrap(), start + OFFER_LIFE, 1);
    let err = pair_as_joiner(addr, &code, &Keys::generate().unwrap(), quick()).unwrap_err();
    assert_eq!(err, LinkError::OfferClosed);
    let (offer, results) = h.join().unwrap();
    assert_eq!(results[0].as_ref().unwrap_err(), &LinkError::OfferClosed);
    assert_eq!(offer.failures(), 0, "an expired offer is not a wrong guess");
}

#[test]
fn typed_codes_are_six_digits_with_spaces_or_a_hyphen() {
    use netday::sync::pair::parse_code;
    assert_eq!(parse_code("123 456"), Some(123_456));
    assert_eq!(parse_code("012-345"), Some(12_345));
    assert_eq!(parse_code("12345"), None);
    assert_eq!(parse_code("1234567"), None);
    assert_eq!(parse_code("12345a"), None);
    assert_eq!(
        parse_code("１２３４５６"),
        None,
        "full-width digits are not taken as digits"
    );
}

#[test]
fn nothing_readable_passes_in_clear() {
    let (l, host_addr) = listener();
    let (host, joiner) = (Keys::generate().unwrap(), Keys::generate().unwrap());
    let now = Instant::now();
    let offer = Offer::new(now).unwrap();
    let code = offer.digits();
    let h = host_pairs(l, offer, host, now, 1);
    let r = relay(host_addr, None);
    let (mut j, _) = pair_as_joiner(r.addr, &code, &joiner, quick()).unwrap();
    let (_, mut results) = h.join().unwrap();
    let (mut hl, _) = results.pop().unwrap().unwrap();
    let secret = "김민지 010-2345-6789 한빛협동조합 01023456789".repeat(50);
    j.send(secret.as_bytes()).unwrap();
    assert_eq!(hl.recv().unwrap(), secret.as_bytes());
    hl.send(secret.as_bytes()).unwrap();
    assert_eq!(j.recv().unwrap(), secret.as_bytes());
    drop((j, hl));
    let (up, down) = r.done();
    assert!(
        up.len() > secret.len() && down.len() > secret.len(),
        "the relay carried the messages"
    );
    for bytes in [&up, &down] {
        for clear in ["김민지", "한빛", "2345-6789", "01023456789", &code] {
            assert!(
                !crate::common::holds_bytes(bytes, clear.as_bytes()),
                "{clear} passed in clear"
            );
        }
    }
}

#[test]
fn a_flipped_byte_drops_the_link() {
    let (l, host_addr) = listener();
    let (host, joiner) = (Keys::generate().unwrap(), Keys::generate().unwrap());
    let h = host_reconnects(l, host.clone(), vec![joiner.public()], quick());
    // Host → joiner: Noise message 2 (96 bytes), the acceptance (16), then the first message.
    let r = relay(host_addr, Some(2 + 96 + 2 + 16 + 2 + 5));
    let mut j = reconnect_as_joiner(r.addr, &joiner, &[host.public()], quick()).unwrap();
    let mut hl = h.join().unwrap().unwrap();
    hl.send(b"checked in at 09:12").unwrap();
    assert!(matches!(j.recv().unwrap_err(), LinkError::Garbled(_)));
    assert_eq!(
        j.recv().unwrap_err(),
        LinkError::Closed,
        "the link stays down"
    );
    assert_eq!(j.send(b"x").unwrap_err(), LinkError::Closed);
}

#[test]
fn reconnecting_works_with_a_remembered_key_only() {
    let (host, joiner, stranger) = (
        Keys::generate().unwrap(),
        Keys::generate().unwrap(),
        Keys::generate().unwrap(),
    );

    // Both remember each other.
    let (l, addr) = listener();
    let h = host_reconnects(
        l,
        host.clone(),
        vec![stranger.public(), joiner.public()],
        quick(),
    );
    let mut j = reconnect_as_joiner(addr, &joiner, &[host.public()], quick()).unwrap();
    let mut hl = h.join().unwrap().unwrap();
    assert_eq!(hl.remote_static(), joiner.public());
    j.send("출석 확인".as_bytes()).unwrap();
    assert_eq!(hl.recv().unwrap(), "출석 확인".as_bytes());

    // The host does not know this joiner: it closes after the handshake, sending nothing more.
    let (l, host_addr) = listener();
    let h = host_reconnects(l, host.clone(), vec![stranger.public()], quick());
    let r = relay(host_addr, None);
    let err = reconnect_as_joiner(r.addr, &joiner, &[host.public()], quick()).unwrap_err();
    assert_eq!(err, LinkError::NotPaired);
    assert_eq!(h.join().unwrap().unwrap_err(), LinkError::NotPaired);
    let (_, down) = r.done();
    assert_eq!(down.len(), 2 + 96, "only Noise message 2 left the host");

    // The joiner does not know this host: it closes before its own static leaves.
    let (l, host_addr) = listener();
    let h = host_reconnects(l, host.clone(), vec![joiner.public()], quick());
    let r = relay(host_addr, None);
    let err = reconnect_as_joiner(r.addr, &joiner, &[stranger.public()], quick()).unwrap_err();
    assert_eq!(err, LinkError::NotPaired);
    assert!(h.join().unwrap().is_err());
    let (up, _) = r.done();
    assert_eq!(
        up.len(),
        8 + 2 + 32,
        "only the intro and Noise message 1 left the joiner"
    );
}

/// A linked pair (joiner, host), the host with its own limits.
fn linked(host_limits: Limits) -> (Link, Link) {
    let (host, joiner) = (Keys::generate().unwrap(), Keys::generate().unwrap());
    let (l, addr) = listener();
    let h = host_reconnects(l, host.clone(), vec![joiner.public()], host_limits);
    let j = reconnect_as_joiner(addr, &joiner, &[host.public()], quick()).unwrap();
    (j, h.join().unwrap().unwrap())
}

#[test]
fn messages_up_to_four_mib_cross_in_pieces_and_larger_ones_are_refused() {
    let (mut j, mut h) = linked(quick());
    let big: Vec<u8> = (0..4 * 1024 * 1024).map(|i| (i % 251) as u8).collect();
    let sender = thread::spawn(move || {
        j.send(&big[..200_000]).unwrap();
        j.send(&big).unwrap();
        j
    });
    assert_eq!(h.recv().unwrap().len(), 200_000);
    let got = h.recv().unwrap();
    assert_eq!(got.len(), 4 * 1024 * 1024);
    assert!(got.iter().enumerate().all(|(i, &b)| b == (i % 251) as u8));
    let mut j = sender.join().unwrap();
    assert_eq!(
        j.send(&vec![0u8; 4 * 1024 * 1024 + 1]).unwrap_err(),
        LinkError::TooLarge {
            size: 4 * 1024 * 1024 + 1,
            limit: 4 * 1024 * 1024
        },
        "the sender refuses before a byte leaves"
    );

    // The receiver enforces its own limit: refused, and the link dropped.
    let (mut j, mut h) = linked(Limits {
        max_message: 1024,
        ..quick()
    });
    j.send(&[7u8; 1024]).unwrap();
    assert_eq!(h.recv().unwrap().len(), 1024);
    j.send(&[7u8; 1025]).unwrap();
    assert_eq!(
        h.recv().unwrap_err(),
        LinkError::TooLarge {
            size: 1025,
            limit: 1024
        }
    );
    assert_eq!(h.recv().unwrap_err(), LinkError::Closed);
    assert_eq!(
        j.recv().unwrap_err(),
        LinkError::Closed,
        "the other side sees the link drop"
    );
}

fn short() -> Limits {
    Limits {
        frame_timeout: Duration::from_millis(300),
        handshake_timeout: Duration::from_millis(300),
        ..Limits::default()
    }
}

#[test]
fn a_peer_that_says_nothing_does_not_hold_the_other_side() {
    // A joiner that connects and is silent.
    let (l, addr) = listener();
    let silent = TcpStream::connect(addr).unwrap();
    let (s, _) = l.accept().unwrap();
    let t = Instant::now();
    assert!(matches!(
        Incoming::read(s, short()).unwrap_err(),
        LinkError::Timeout(_)
    ));
    assert!(t.elapsed() < Duration::from_secs(3), "{:?}", t.elapsed());

    // A host that accepts and is silent.
    let (l, addr) = listener();
    let t = Instant::now();
    let err = pair_as_joiner(addr, "123456", &Keys::generate().unwrap(), short()).unwrap_err();
    assert!(matches!(err, LinkError::Timeout(_)), "{err:?}");
    assert!(t.elapsed() < Duration::from_secs(3), "{:?}", t.elapsed());
    drop((l, silent));

    // A linked peer that goes quiet (and keeps its socket open).
    let (_quiet, mut h) = linked(short());
    let t = Instant::now();
    assert!(matches!(h.recv().unwrap_err(), LinkError::Timeout(_)));
    assert!(t.elapsed() < Duration::from_secs(3), "{:?}", t.elapsed());
}

#[test]
fn a_peer_that_trickles_bytes_is_cut_at_the_deadline() {
    // The intro, then a frame announcing 65 535 bytes, fed one byte per 50 ms for 5 s: each
    // read gets a byte well within 300 ms, but the handshake as a whole is due in 300 ms.
    let (l, addr) = listener();
    let feeder = thread::spawn(move || {
        let mut s = TcpStream::connect(addr).unwrap();
        let mut bytes = b"NDSYNC\x01P\xff\xff".to_vec();
        bytes.resize(100, 0);
        for b in bytes {
            if s.write_all(&[b]).is_err() {
                break;
            }
            thread::sleep(Duration::from_millis(50));
        }
    });
    let (s, _) = l.accept().unwrap();
    let t = Instant::now();
    let err = Incoming::read(s, short())
        .and_then(|i| {
            i.pair(
                &mut Offer::new(Instant::now()).unwrap(),
                &Keys::generate().unwrap(),
                Instant::now(),
            )
        })
        .unwrap_err();
    assert!(matches!(err, LinkError::Timeout(_)), "{err:?}");
    assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
    feeder.join().unwrap();
}

#[test]
fn keep_alives_hold_an_idle_link_and_a_dropped_writer_closes_it() {
    // The host cuts after 600 ms of silence; the joiner's writer pings after 100 ms idle.
    let limits = Limits {
        frame_timeout: Duration::from_millis(600),
        ..quick()
    };
    let (j, mut h) = linked(limits);
    let (to_send, outbound) = std::sync::mpsc::channel::<Vec<u8>>();
    let (j_send, _j_recv) = j.split().unwrap();
    let writer = thread::spawn(move || j_send.pump(&outbound, Duration::from_millis(100)));
    let feeder = thread::spawn(move || {
        // Idle for three of the host's timeouts, then one message, then the writer is let go.
        thread::sleep(Duration::from_millis(1800));
        to_send.send("늦은 체크인".as_bytes().to_vec()).unwrap();
    });
    let t = Instant::now();
    assert_eq!(
        h.recv().unwrap(),
        "늦은 체크인".as_bytes(),
        "pings are not messages"
    );
    assert!(t.elapsed() >= Duration::from_millis(1800));
    feeder.join().unwrap();
    assert_eq!(writer.join().unwrap(), Ok(()));
    assert_eq!(h.recv().unwrap_err(), LinkError::Closed);
}

#[test]
fn a_split_link_sends_and_receives_at_once() {
    let (j, h) = linked(quick());
    let (mut js, mut jr) = j.split().unwrap();
    let (mut hs, mut hr) = h.split().unwrap();
    let echo = thread::spawn(move || {
        for _ in 0..20 {
            let m = hr.recv().unwrap();
            hs.send(&m).unwrap();
        }
    });
    let reader = thread::spawn(move || (0..20).map(|_| jr.recv().unwrap()).collect::<Vec<_>>());
    for i in 0..20u8 {
        js.send(&vec![i; 70_000]).unwrap();
    }
    let got = reader.join().unwrap();
    echo.join().unwrap();
    assert!(
        got.iter()
            .enumerate()
            .all(|(i, m)| *m == vec![i as u8; 70_000])
    );
}
