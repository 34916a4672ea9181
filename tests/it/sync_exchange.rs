//! The exchange without a network: two or three in-memory journals, their sessions joined by
//! in-memory pipes (every message through its wire encoding), in random pairs and orders, with
//! cuts. The same sessions run over loopback links in `sync_driver`.

use netday::sync::SyncError;
use netday::sync::session::{Role, Session, WINDOW};
use netday::sync::wire::{Msg, Refusal, SNAPSHOT_PART};

use super::sync_fake::Fake;

pub const SET: [u8; 16] = *b"one list of 2026";

/// A little xorshift for random orders; the seed is printed on failure.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// One side's message through the wire encoding, as the other side receives it.
fn wire(m: Msg) -> Msg {
    Msg::decode(&m.encode().unwrap()).unwrap()
}

/// Runs two sessions until neither has anything to send, or `budget` messages were delivered
/// (a cut). Returns every message delivered, each with the side that sent it (true: a), and
/// the first error of each side.
fn run(
    a: &mut Fake,
    sa: &mut Session,
    b: &mut Fake,
    sb: &mut Session,
    budget: usize,
) -> (Vec<(bool, Msg)>, Option<SyncError>, Option<SyncError>) {
    let mut seen = Vec::new();
    let (mut ea, mut eb) = (None, None);
    loop {
        let mut moved = false;
        while let Some(m) = sa.next_out() {
            if seen.len() == budget {
                return (seen, ea, eb);
            }
            seen.push((true, m.clone()));
            moved = true;
            if let Err(e) = sb.receive(b, wire(m)) {
                eb.get_or_insert(e);
            }
        }
        while let Some(m) = sb.next_out() {
            if seen.len() == budget {
                return (seen, ea, eb);
            }
            seen.push((false, m.clone()));
            moved = true;
            if let Err(e) = sa.receive(a, wire(m)) {
                ea.get_or_insert(e);
            }
        }
        if !moved {
            return (seen, ea, eb);
        }
    }
}

/// A fresh pair of sessions between `a` (host) and `b` (joiner), run to the end or the budget.
fn link(a: &mut Fake, b: &mut Fake, budget: usize) -> (Vec<(bool, Msg)>, Session, Session) {
    let (mut sa, mut sb) = (Session::new(Role::Host), Session::new(Role::Joiner));
    sa.start(a).unwrap();
    sb.start(b).unwrap();
    let (seen, ea, eb) = run(a, &mut sa, b, &mut sb, budget);
    assert!(ea.is_none() && eb.is_none(), "{ea:?} {eb:?}");
    (seen, sa, sb)
}

#[test]
fn two_desks_converge_and_say_they_are_settled() {
    let (mut a, mut b) = (Fake::new(1, "A", Some(SET)), Fake::new(2, "B", Some(SET)));
    for i in 0..300 {
        a.write(&format!("p{}", i % 40), &format!("a{i}"), i);
        b.write(&format!("p{}", i % 55), &format!("b{i}"), i);
    }
    let (seen, sa, sb) = link(&mut a, &mut b, usize::MAX);
    assert_eq!(a.st, b.st);
    assert_eq!(a.st.have.get(1), 300);
    assert_eq!(a.st.have.get(2), 300);
    assert!(sa.settled() && sb.settled());
    assert_eq!((sa.unacked(), sb.unacked()), (0, 0));
    assert_eq!(sa.counts().sent, 300);
    assert_eq!(sb.counts().applied, 300);
    // Every entry crossed once.
    let entries: usize = seen
        .iter()
        .map(|(_, m)| match m {
            Msg::Entries(e) => e.len(),
            _ => 0,
        })
        .sum();
    assert_eq!(entries, 600);
    // Live: a later write at B reaches A through local_news.
    let (mut sa, mut sb) = (sa, sb);
    b.write("p1", "late", 1000);
    sb.local_news(&mut b).unwrap();
    assert!(!sb.settled() && sb.unacked() == 1);
    run(&mut a, &mut sa, &mut b, &mut sb, usize::MAX);
    assert_eq!(a.st.values["p1"].2, "late");
    assert!(sa.settled() && sb.settled() && sb.unacked() == 0);
}

#[test]
fn no_more_than_the_window_of_entries_is_unacknowledged() {
    let (mut a, mut b) = (Fake::new(1, "A", Some(SET)), Fake::new(2, "B", Some(SET)));
    // Big values so that each message holds few entries.
    let big = "x".repeat(300_000);
    for i in 0..40 {
        a.write(&format!("k{i}"), &big, i);
    }
    let (mut sa, mut sb) = (Session::new(Role::Host), Session::new(Role::Joiner));
    sa.start(&mut a).unwrap();
    sb.start(&mut b).unwrap();
    while let Some(m) = sb.next_out() {
        sa.receive(&mut a, m).unwrap();
    }
    let queued = sa.drain();
    let batches = queued
        .iter()
        .filter(|m| matches!(m, Msg::Entries(_)))
        .count();
    assert_eq!(batches as u32, WINDOW, "the rest waits for acks");
    for m in queued {
        sb.receive(&mut b, m).unwrap();
    }
    run(&mut a, &mut sa, &mut b, &mut sb, usize::MAX);
    assert_eq!(a.st, b.st);
}

#[test]
fn a_fresh_joiner_gets_the_snapshot_first_then_the_entries() {
    let mut host = Fake::new(1, "본부", Some(SET));
    // A value over one part, so the snapshot travels in pieces.
    host.write("big", &"가".repeat(SNAPSHOT_PART / 2), 1);
    for i in 0..50 {
        host.write(&format!("p{i}"), &format!("v{i}"), 10 + i);
    }
    let mut fresh = Fake::new(2, "둘째", None);
    let (mut sh, mut sj) = (Session::new(Role::Host), Session::new(Role::Joiner));
    sh.start(&mut host).unwrap();
    sj.start(&mut fresh).unwrap();
    // The joiner's Hello reaches the host; then the host writes more before anything is delivered.
    let hello = sj.next_out().unwrap();
    assert!(matches!(&hello, Msg::Hello(h) if h.fresh && h.set.is_none()));
    sh.receive(&mut host, wire(hello)).unwrap();
    host.write("p0", "after the snapshot", 500);
    sh.local_news(&mut host).unwrap();
    let (seen, eh, ej) = run(&mut host, &mut sh, &mut fresh, &mut sj, usize::MAX);
    assert!(eh.is_none() && ej.is_none(), "{eh:?} {ej:?}");
    let from_host: Vec<&Msg> = seen.iter().filter(|(a, _)| *a).map(|(_, m)| m).collect();
    let kinds: Vec<&str> = from_host
        .iter()
        .map(|m| match m {
            Msg::Hello(_) => "hello",
            Msg::SnapshotPart { .. } => "part",
            Msg::Entries(_) => "entries",
            _ => "other",
        })
        .collect();
    let parts = kinds.iter().filter(|k| **k == "part").count();
    assert!(parts >= 2, "{kinds:?}");
    assert_eq!(kinds[0], "hello");
    assert!(kinds[1..=parts].iter().all(|k| *k == "part"), "{kinds:?}");
    assert_eq!(&kinds[parts + 1..], ["entries"], "{kinds:?}");
    assert!(matches!(from_host[parts + 1], Msg::Entries(e) if e.len() == 1));
    assert_eq!(fresh.st, host.st);
    assert_eq!(fresh.st.set, Some(SET), "the joiner took the host's set");
    assert!(sh.settled() && sj.settled());
    // Once joined, the next link is an ordinary catch-up: no snapshot again.
    fresh.write("p3", "from the new desk", 600);
    let (seen, _, _) = link(&mut host, &mut fresh, usize::MAX);
    assert!(
        !seen
            .iter()
            .any(|(_, m)| matches!(m, Msg::SnapshotPart { .. }))
    );
    assert_eq!(fresh.st, host.st);
}

/// Whatever the two sides send after the Hellos.
fn after_hellos(seen: &[(bool, Msg)]) -> Vec<&Msg> {
    seen.iter()
        .map(|(_, m)| m)
        .filter(|m| !matches!(m, Msg::Hello(_)))
        .collect()
}

#[test]
fn databases_of_different_sets_refuse_each_other_before_any_entry() {
    let mut a = Fake::new(1, "A", Some(SET));
    a.write("p1", "김민지", 1);
    let mut other = Fake::new(2, "B", Some(*b"another list 123"));
    other.write("p1", "이서연", 2);
    let (mut sa, mut sb) = (Session::new(Role::Host), Session::new(Role::Joiner));
    sa.start(&mut a).unwrap();
    sb.start(&mut other).unwrap();
    let (seen, ea, eb) = run(&mut a, &mut sa, &mut other, &mut sb, usize::MAX);
    assert_eq!(ea, Some(SyncError::Refused(Refusal::OtherSet)));
    assert_eq!(eb, Some(SyncError::Refused(Refusal::OtherSet)));
    assert!(
        after_hellos(&seen)
            .iter()
            .all(|m| matches!(m, Msg::Refused(Refusal::OtherSet))),
        "{seen:?}"
    );
    assert!(sa.closed() && sb.closed());
    assert_eq!((a.applied_calls, other.applied_calls), (0, 0));
    assert!(ea.unwrap().ko().contains("다른 명단"));

    // A never-synced database with records of its own is not fresh: joining it is refused
    // by the journal, and nothing of it is lost.
    let mut own = Fake::new(3, "C", None);
    own.write("p9", "박지훈", 3);
    let (mut sa, mut sc) = (Session::new(Role::Host), Session::new(Role::Joiner));
    sa.start(&mut a).unwrap();
    sc.start(&mut own).unwrap();
    let (_, _, ec) = run(&mut a, &mut sa, &mut own, &mut sc, usize::MAX);
    assert!(matches!(ec, Some(SyncError::Journal { .. })), "{ec:?}");
    assert_eq!(own.st.values["p9"].2, "박지훈");

    // A copied folder (the same desk id) and another version are refused in words.
    let mut copy = a.clone();
    let (mut sa, mut sc) = (Session::new(Role::Host), Session::new(Role::Joiner));
    sa.start(&mut a).unwrap();
    sc.start(&mut copy).unwrap();
    let (_, ea, _) = run(&mut a, &mut sa, &mut copy, &mut sc, usize::MAX);
    assert_eq!(ea, Some(SyncError::Refused(Refusal::SameDesk)));
    let mut b = Fake::new(2, "B", Some(SET));
    let mut sb = Session::new(Role::Joiner);
    sb.start(&mut b).unwrap();
    let Some(Msg::Hello(mut h)) = sb.next_out() else {
        panic!("a Hello first")
    };
    h.proto += 1;
    let mut sa = Session::new(Role::Host);
    sa.start(&mut a).unwrap();
    let err = sa.receive(&mut a, Msg::Hello(h)).unwrap_err();
    assert!(err.ko().contains("판이 다릅니다"), "{}", err.ko());
    assert!(matches!(
        sa.drain().last(),
        Some(Msg::Refused(Refusal::Proto { .. }))
    ));
}

#[test]
fn a_message_out_of_place_ends_the_exchange() {
    let (mut a, mut b) = (Fake::new(1, "A", Some(SET)), Fake::new(2, "B", Some(SET)));
    b.write("p1", "x", 1);
    let mut sa = Session::new(Role::Host);
    sa.start(&mut a).unwrap();
    let mut sb = Session::new(Role::Joiner);
    sb.start(&mut b).unwrap();
    let _ = sb.next_out();
    let entries = netday::sync::Journal::entries_since(&mut b, &Default::default(), 1000).unwrap();
    // Entries before the Hello.
    assert!(matches!(
        sa.receive(&mut a, Msg::Entries(entries)),
        Err(SyncError::Garbled(_))
    ));
    assert_eq!(a.applied_calls, 0);
    // A snapshot nobody asked for.
    let mut sa = Session::new(Role::Host);
    sa.start(&mut a).unwrap();
    let mut sb = Session::new(Role::Joiner);
    sb.start(&mut b).unwrap();
    sa.receive(&mut a, sb.next_out().unwrap()).unwrap();
    assert!(matches!(
        sa.receive(
            &mut a,
            Msg::SnapshotPart {
                index: 0,
                total: 1,
                bytes: vec![]
            }
        ),
        Err(SyncError::Garbled(_))
    ));
}

#[test]
fn a_desk_whose_entries_were_folded_away_is_told_to_join_again() {
    let mut a = Fake::new(1, "A", Some(SET));
    for i in 0..10 {
        a.write("p", &i.to_string(), i);
    }
    a.folded = Some((1, 5));
    let mut b = Fake::new(2, "B", Some(SET));
    let (mut sa, mut sb) = (Session::new(Role::Host), Session::new(Role::Joiner));
    sa.start(&mut a).unwrap();
    sb.start(&mut b).unwrap();
    let (_, ea, eb) = run(&mut a, &mut sa, &mut b, &mut sb, usize::MAX);
    assert_eq!(
        ea,
        Some(SyncError::Gap {
            desk: 1,
            from_seq: 1
        })
    );
    assert_eq!(
        eb,
        Some(SyncError::Gap {
            desk: 1,
            from_seq: 1
        })
    );
    assert!(eb.unwrap().ko().contains("다시 참여"));
}

/// The property: random writes at three desks (one host, two joined from nothing), exchanged
/// in random pairs, each exchange cut after a random number of messages (a fresh pair of
/// sessions each time, as after a reconnect), then every pair to the end: all three equal.
#[test]
fn three_desks_exchanging_in_random_pairs_with_cuts_converge() {
    let seeds: u64 = std::env::var("NETDAY_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(150);
    let only: Option<u64> = std::env::var("NETDAY_SEED")
        .ok()
        .and_then(|s| s.parse().ok());
    for seed in only.map_or(0..seeds, |s| s..s + 1) {
        let mut rng = Rng::new(seed);
        let mut desks = vec![
            Fake::new(1, "A", Some(SET)),
            Fake::new(2, "B", None),
            Fake::new(3, "C", None),
        ];
        let mut clock = 0i64;
        desks[0].write("p0", "base", 0);
        // B and C join from nothing (C through B, which then acts as its host).
        for (host, joiner) in [(0, 1), (1, 2)] {
            let (h, j) = pair_mut(&mut desks, host, joiner);
            link(h, j, usize::MAX);
        }
        for _round in 0..40 {
            for _ in 0..rng.below(6) {
                let d = rng.below(3) as usize;
                clock += rng.below(3) as i64; // equal times happen: the desk id breaks them
                let key = format!("p{}", rng.below(8));
                let value = format!("{d}-{clock}");
                desks[d].write(&key, &value, clock);
            }
            let x = rng.below(3) as usize;
            let y = (x + 1 + rng.below(2) as usize) % 3;
            let budget = rng.below(12) as usize;
            let (h, j) = pair_mut(&mut desks, x, y);
            let (mut sh, mut sj) = (Session::new(Role::Host), Session::new(Role::Joiner));
            sh.start(h).unwrap();
            sj.start(j).unwrap();
            let (_, eh, ej) = run(h, &mut sh, j, &mut sj, budget);
            assert!(eh.is_none() && ej.is_none(), "seed {seed}: {eh:?} {ej:?}");
        }
        for (x, y) in [(0, 1), (1, 2), (2, 0), (0, 1)] {
            let (h, j) = pair_mut(&mut desks, x, y);
            let (_, sh, sj) = link(h, j, usize::MAX);
            assert!(sh.settled() && sj.settled(), "seed {seed}");
        }
        assert_eq!(desks[0].st, desks[1].st, "seed {seed}");
        assert_eq!(desks[1].st, desks[2].st, "seed {seed}");
    }
}

fn pair_mut(v: &mut [Fake], a: usize, b: usize) -> (&mut Fake, &mut Fake) {
    assert_ne!(a, b);
    if a < b {
        let (l, r) = v.split_at_mut(b);
        (&mut l[a], &mut r[0])
    } else {
        let (l, r) = v.split_at_mut(a);
        (&mut r[0], &mut l[b])
    }
}
