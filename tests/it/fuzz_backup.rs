//! The backup reader (`Snapshot::decode`) never panics or aborts: seeded mutations of the demo
//! database's backup, most with the checksum made right again so that the body decoder, not the
//! CRC, is what meets them; some as an unchecked format-2 file, which has no CRC at all.

use netday::model::Ts;
use netday::store::Snapshot;

use super::fuzz_mutate::{Rng, mutate, survive};

const WORDS: &[&[u8]] = &[
    b"\xff\xff\xff\xff\xff\xff\xff\xff\xff",
    b"\xfc\xff\xff\xff\xff",
    b"\xfd\xff\xff\xff\xff\xff\xff\xff\x7f",
    b"\xfb\xff\xff",
    b"\x00",
    b"\x01",
    b"\xed\x95\x9c",
    b"\xc0\x80",
];

/// `bytes` with its trailing CRC-32 (format 3) made right for what precedes it.
fn signed(mut bytes: Vec<u8>) -> Vec<u8> {
    let body = bytes.len().saturating_sub(4);
    if body > 9 {
        let sum = crc32fast::hash(&bytes[..body]);
        bytes[body..].copy_from_slice(&sum.to_le_bytes());
    }
    bytes
}

#[test]
fn fuzz_backup() {
    let (_dir, store) = crate::common::demo_store();
    let mut snapshot = store.snapshot().unwrap();
    // Badge codes are random and times are the clock's: made fixed, so that every run
    // mutates the same bytes.
    for p in &mut snapshot.people {
        p.code = format!("K{:03}", p.id);
        p.created = Ts(1_796_600_000_000 + p.id as i64);
    }
    for a in &mut snapshot.attendance {
        a.updated = Ts(1_796_600_000_000);
    }
    let seed = snapshot.to_bytes().unwrap();
    assert!(Snapshot::decode(&seed).is_ok());
    let runs = std::env::var("NETDAY_FUZZ_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3000);
    let mut rng = Rng::new(21);
    let mut decoded = 0usize;
    for n in 0..runs {
        let mut input = seed.clone();
        match rng.below(6) {
            // The body mutated, the checksum made right.
            0..=3 => {
                let mut body = input.split_off(9);
                let sum = body.split_off(body.len() - 4);
                mutate(&mut rng, &mut body, WORDS);
                input.extend(body);
                input.extend(sum);
                input = signed(input);
            }
            // An unchecked round-1 backup: no CRC to stop anything.
            4 => {
                input.truncate(input.len() - 4);
                input[8] = 2;
                let mut body = input.split_off(9);
                mutate(&mut rng, &mut body, WORDS);
                input.extend(body);
            }
            _ => mutate(&mut rng, &mut input, WORDS),
        }
        let got = survive("backup", n, &input, |b| Snapshot::decode(b).is_ok());
        decoded += usize::from(got);
    }
    println!("backup: {runs} inputs, {decoded} decoded");
}
