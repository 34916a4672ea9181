//! The sync file: what one desk writes for another round-trips through a file, sealed with the
//! key they derived at pairing; damage, another desk's key, another list and an existing file
//! are refused in words, and no name is in the file in clear.

use netday::model::Ts;
use netday::model::sync::Vv;
use netday::sync::file::{self, Recipient};
use netday::sync::wire::Refusal;
use netday::sync::{Journal, SyncError};

use super::sync_exchange::SET;
use super::sync_fake::Fake;

const KEY_AB: [u8; 32] = [7; 32];

fn desks() -> (Fake, Fake) {
    let mut a = Fake::new(1, "본부", Some(SET));
    let mut b = Fake::new(2, "둘째", Some(SET));
    for i in 0..60 {
        a.write(&format!("p{i}"), &format!("김민지{i} 010-2345-6789"), i);
    }
    b.write("p1", "이서연", 100);
    (a, b)
}

fn for_b() -> Vec<Recipient> {
    vec![Recipient {
        desk: 2,
        key: KEY_AB,
    }]
}

fn key_ab(desk: u64) -> Option<[u8; 32]> {
    (desk == 1).then_some(KEY_AB)
}

#[test]
fn a_sync_file_carries_what_the_other_lacks_and_reading_it_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk-a.ndsync");
    let (mut a, mut b) = desks();
    let n = file::write(&mut a, &path, None, &for_b(), &Vv::default(), Ts(5)).unwrap();
    assert_eq!(n, 60);
    let bytes = std::fs::read(&path).unwrap();
    for clear in ["김민지", "010-2345-6789", "본부"] {
        assert!(
            !crate::common::holds_bytes(&bytes, clear.as_bytes()),
            "{clear} in clear"
        );
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let read = file::read(&mut b, &path, key_ab).unwrap();
    assert_eq!((read.entries, read.applied), (60, 60));
    assert_eq!(read.from.name, "본부");
    assert_eq!(b.st.have.get(1), 60);
    assert_eq!(b.st.values["p5"].2, "김민지5 010-2345-6789");
    // p1: A wrote at 1, B at 100: the later stays.
    assert_eq!(b.st.values["p1"].2, "이서연");
    let before = b.st.clone();
    let again = file::read(&mut b, &path, key_ab).unwrap();
    assert_eq!(again.applied, 0);
    assert_eq!(b.st, before);

    // What B holds already is left out of the next file.
    a.write("p61", "new", 200);
    let path2 = dir.path().join("desk-a-2.ndsync");
    let theirs = b.have().unwrap();
    assert_eq!(
        file::write(&mut a, &path2, None, &for_b(), &theirs, Ts(6)).unwrap(),
        1
    );

    // A file is never written over another.
    let err = file::write(&mut a, &path, None, &for_b(), &Vv::default(), Ts(7)).unwrap_err();
    assert!(matches!(err, SyncError::FileIo { .. }), "{err:?}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes,
        "the first file is untouched"
    );
    // Nor inside the database folder.
    let db = dir.path().join("db");
    std::fs::create_dir(&db).unwrap();
    let inside = file::write(
        &mut a,
        &db.join("x.ndsync"),
        Some(&db),
        &for_b(),
        &Vv::default(),
        Ts(8),
    );
    assert!(matches!(inside, Err(SyncError::FileIo { .. })));
}

#[test]
fn a_damaged_altered_foreign_or_other_list_file_is_refused_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.ndsync");
    let (mut a, mut b) = desks();
    file::write(&mut a, &path, None, &for_b(), &Vv::default(), Ts(5)).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let write_as = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let before = b.st.clone();

    // One flipped byte anywhere: damaged (the CRC), nothing applied.
    for at in [0, 9, 40, bytes.len() / 2, bytes.len() - 20, bytes.len() - 1] {
        let mut bad = bytes.clone();
        bad[at] ^= 0x20;
        let p = write_as(&format!("flip{at}"), &bad);
        let err = file::read(&mut b, &p, key_ab).unwrap_err();
        assert_eq!(err, SyncError::FileDamaged, "byte {at}");
        assert!(err.ko().contains("손상"), "{}", err.ko());
    }
    // Altered with its CRC made to match: the seal refuses it.
    // Byte 40 is in the clear header (its time), the middle in the sealed body.
    for at in [40, bytes.len() / 2] {
        let mut altered = bytes.clone();
        altered[at] ^= 0x20;
        let n = altered.len();
        let crc = crc32fast::hash(&altered[..n - 4]);
        altered[n - 4..].copy_from_slice(&crc.to_be_bytes());
        let p = write_as(&format!("altered{at}"), &altered);
        assert_eq!(
            file::read(&mut b, &p, key_ab).unwrap_err(),
            SyncError::FileNotForThisDesk,
            "byte {at}"
        );
    }

    // A file for B and C with C's slot taken out (the count and the CRC made to match): the
    // body is sealed over the whole list, so B refuses it too.
    let two = dir.path().join("two.ndsync");
    let both = [
        for_b()[0].clone(),
        Recipient {
            desk: 3,
            key: [9; 32],
        },
    ];
    file::write(&mut a, &two, None, &both, &Vv::default(), Ts(5)).unwrap();
    let mut cut = std::fs::read(&two).unwrap();
    let fixed = 8 + 1 + 16 + 8 + 8;
    let slot = 8 + 24 + 48;
    assert_eq!(cut[fixed], 2);
    cut[fixed] = 1;
    cut.drain(fixed + 1 + slot..fixed + 1 + 2 * slot);
    let n = cut.len();
    let crc = crc32fast::hash(&cut[..n - 4]);
    cut[n - 4..].copy_from_slice(&crc.to_be_bytes());
    let p = write_as("stripped", &cut);
    assert_eq!(
        file::read(&mut b, &p, key_ab).unwrap_err(),
        SyncError::FileNotForThisDesk
    );

    // The wrong key, an unpaired writer, a desk it was not written for.
    let err = file::read(&mut b, &path, |_| Some([8; 32])).unwrap_err();
    assert_eq!(err, SyncError::FileNotForThisDesk);
    assert!(err.ko().contains("이 데스크용이 아니거나"), "{}", err.ko());
    assert_eq!(
        file::read(&mut b, &path, |_| None).unwrap_err(),
        SyncError::FileUnknownDesk
    );
    let mut c = Fake::new(3, "셋째", Some(SET));
    assert_eq!(
        file::read(&mut c, &path, key_ab).unwrap_err(),
        SyncError::FileNotForThisDesk
    );
    // Another list's desk.
    let mut other = Fake::new(2, "둘째", Some(*b"another list 123"));
    assert_eq!(
        file::read(&mut other, &path, key_ab).unwrap_err(),
        SyncError::Refused(Refusal::OtherSet)
    );
    // Cut short, empty, not a sync file at all, missing.
    for (name, b2) in [
        ("short", &bytes[..bytes.len() / 3]),
        ("empty", &[][..]),
        ("text", &b"hello"[..]),
    ] {
        let p = write_as(name, b2);
        assert_eq!(
            file::read(&mut b, &p, key_ab).unwrap_err(),
            SyncError::FileDamaged,
            "{name}"
        );
    }
    let err = file::read(&mut b, &dir.path().join("nothing-here"), key_ab).unwrap_err();
    assert!(
        matches!(&err, SyncError::FileIo { ko, .. } if ko.contains("nothing-here")),
        "{err:?}"
    );
    assert_eq!(b.st, before, "nothing refused was applied");
    assert_eq!(b.applied_calls, 0);

    // And the untouched file still reads.
    assert_eq!(file::read(&mut b, &path, key_ab).unwrap().applied, 60);
}
