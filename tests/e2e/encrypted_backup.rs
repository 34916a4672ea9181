//! Encrypted backups through the real binary: nobody's name, phone or email is in the file in
//! clear; the right passphrase (or key) gives back the same records; a wrong one, or a damaged
//! file, is one message, a failure, and nothing changed — not the database, not a safety copy.

#![allow(clippy::unwrap_used)]

use crate::common;
use common::*;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use netday::model::Person;
use netday::store::{Snapshot, Store};

/// Names and numbers found nowhere else, so finding them in a file means they leaked.
const PEOPLE: [(&str, &str, &str); 3] = [
    ("엄설화준", "010-9731-2468", "seolhwa.crypt@example.kr"),
    ("탁휘영롱", "010-5820-1397", "hwiyeong.crypt@example.kr"),
    (
        "Quillon Brevik",
        "010-4471-8852",
        "quillon.crypt@example.kr",
    ),
];

fn db_with_people(db: &Path) -> Snapshot {
    let store = Store::open(db).unwrap();
    for (name, phone, email) in PEOPLE {
        let mut p = Person::new(name, netday::model::Ts(1));
        p.phone = phone.into();
        p.email = email.into();
        store.put_person(&mut p).unwrap();
    }
    store.snapshot().unwrap()
}

fn content(db: &Path) -> Snapshot {
    Store::open(db).unwrap().snapshot().unwrap()
}

fn write(path: &Path, text: &str) -> PathBuf {
    std::fs::write(path, text).unwrap();
    path.to_path_buf()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Every file under `dir` (the database folder, the folder beside it) with a hash of its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, u64> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                use std::hash::{Hash, Hasher};
                let mut h = std::collections::hash_map::DefaultHasher::new();
                std::fs::read(&p).unwrap().hash(&mut h);
                out.insert(p.clone(), h.finish());
            }
        }
    }
    out
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The lines of an error message: the Korean one, then the English one.
fn message_lines(err: &str) -> Vec<&str> {
    err.lines().filter(|l| !l.trim().is_empty()).collect()
}

struct Fixture {
    _dir: tempfile::TempDir,
    root: PathBuf,
    db: PathBuf,
    before: Snapshot,
    backup: PathBuf,
    pass: PathBuf,
}

/// A database with the people above and its backup locked with a Hangul passphrase.
fn encrypted_fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    let db = root.join("netday.db");
    let before = db_with_people(&db);
    let pass = write(&root.join("pass.txt"), "봄날의 회의 2026\n");
    let backup = root.join("locked.ndbak");
    let (code, _, err) = run(
        &db,
        &["backup", "-o", s(&backup), "--passphrase-file", s(&pass)],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("암호로 잠근 백업을 썼습니다"), "{err}");
    Fixture {
        _dir: dir,
        root,
        db,
        before,
        backup,
        pass,
    }
}

#[test]
fn an_encrypted_backup_holds_no_name_phone_or_email_in_clear() {
    let f = encrypted_fixture();
    let bytes = std::fs::read(&f.backup).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1\n"));
    // The plain backup of the same database does hold them: the check below can see a leak.
    let plain = f.root.join("plain.ndbak");
    let (code, _, err) = run(&f.db, &["backup", "-o", s(&plain)]);
    assert_eq!(code, 0, "{err}");
    let plain = std::fs::read(&plain).unwrap();
    let mut seen = 0;
    for (name, phone, email) in PEOPLE {
        for needle in [name, phone, email] {
            assert!(contains(&plain, needle.as_bytes()), "control: {needle}");
            assert!(
                !contains(&bytes, needle.as_bytes()),
                "{needle} is in the encrypted backup in clear"
            );
            seen += 1;
        }
    }
    assert_eq!(seen, 9);
    assert!(!contains(&bytes, b"NETDAYBK"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&f.backup).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn the_right_passphrase_restores_the_same_records() {
    let f = encrypted_fixture();
    let other = f.root.join("other.db");
    let (code, out, err) = run(
        &other,
        &["restore", s(&f.backup), "--passphrase-file", s(&f.pass)],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("복원했습니다"), "{out}");
    let after = content(&other);
    assert_eq!(after, f.before);
    assert_eq!(after.people.len(), 3);
    // Windows' notepad ends the line with \r\n; the passphrase is the same.
    let crlf = write(&f.root.join("crlf.txt"), "봄날의 회의 2026\r\n");
    let third = f.root.join("third.db");
    let (code, _, err) = run(
        &third,
        &["restore", s(&f.backup), "--passphrase-file", s(&crlf)],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(content(&third), f.before);
}

#[test]
fn a_wrong_passphrase_is_one_message_and_changes_nothing() {
    let f = encrypted_fixture();
    // The database to be replaced holds other data; a wrong passphrase must leave it as it is.
    let live = f.root.join("live").join("netday.db");
    std::fs::create_dir_all(live.parent().unwrap()).unwrap();
    {
        let store = Store::open(&live).unwrap();
        store.put_person(&mut person("남궁다른")).unwrap();
    }
    let files_before = tree(live.parent().unwrap());
    let wrong = write(&f.root.join("wrong.txt"), "봄날의 회의 2025\n");
    let (code, out, err) = run(
        &live,
        &[
            "restore",
            "--replace",
            s(&f.backup),
            "--passphrase-file",
            s(&wrong),
        ],
    );
    assert_ne!(code, 0);
    assert_eq!(out, "");
    let lines = message_lines(&err);
    assert_eq!(lines.len(), 2, "one message, Korean then English: {err}");
    let name = s(&f.backup);
    assert!(
        lines[0].contains("암호가 맞지 않습니다") && lines[0].contains(name),
        "{err}"
    );
    assert!(
        lines[1].contains("Wrong passphrase for") && lines[1].contains(name),
        "{err}"
    );
    assert!(
        lines[0].contains("백업할 때 쓴 암호로 다시 해 보세요"),
        "{err}"
    );
    assert_eq!(
        tree(live.parent().unwrap()),
        files_before,
        "the database folder changed, or a safety copy was left"
    );
    let people = content(&live).people;
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].name, "남궁다른");
}

#[test]
fn a_damaged_encrypted_backup_is_one_message_and_changes_nothing() {
    let f = encrypted_fixture();
    let bytes = std::fs::read(&f.backup).unwrap();
    let cut = f.root.join("cut.ndbak");
    std::fs::write(&cut, &bytes[..bytes.len() - 40]).unwrap();
    let garbled = f.root.join("garbled.ndbak");
    let mut g = bytes.clone();
    let at = g.len() - 100;
    g[at] ^= 0x5a;
    std::fs::write(&garbled, &g).unwrap();
    let header_only = f.root.join("header.ndbak");
    std::fs::write(&header_only, b"age-encryption.org/v1\n-> scrypt").unwrap();
    let files_before = tree(f.db.parent().unwrap());
    for bad in [&cut, &garbled, &header_only] {
        let (code, _, err) = run(
            &f.db,
            &[
                "restore",
                "--replace",
                s(bad),
                "--passphrase-file",
                s(&f.pass),
            ],
        );
        assert_ne!(code, 0, "{}", bad.display());
        let lines = message_lines(&err);
        assert_eq!(lines.len(), 2, "{err}");
        assert!(
            lines[0].contains("손상되었거나 잘렸습니다") && lines[0].contains(s(bad)),
            "{err}"
        );
        assert!(lines[1].contains("damaged or cut short"), "{err}");
    }
    assert_eq!(
        tree(f.db.parent().unwrap()),
        files_before,
        "the database changed, or a safety copy was left"
    );
    assert_eq!(content(&f.db), f.before);
}

#[test]
fn a_backup_for_a_recipient_key_opens_with_its_key_file_only() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("netday.db");
    let before = db_with_people(&db);
    let id = age::x25519::Identity::generate();
    let key_file = write(
        &dir.path().join("key.txt"),
        &format!(
            "# created: today\n# public key: {}\n{}\n",
            id.to_public(),
            age::secrecy::ExposeSecret::expose_secret(&id.to_string())
        ),
    );
    let backup = dir.path().join("to-key.ndbak");
    let public = id.to_public().to_string();
    let (code, _, err) = run(&db, &["backup", "-o", s(&backup), "--recipient", &public]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("수신자 키로 암호화한 백업을 썼습니다"),
        "{err}"
    );
    let bytes = std::fs::read(&backup).unwrap();
    assert!(!contains(&bytes, PEOPLE[0].0.as_bytes()));
    let pass = write(&dir.path().join("pass.txt"), "아무 암호\n");
    let (code, _, err) = run(
        &dir.path().join("a.db"),
        &["restore", s(&backup), "--passphrase-file", s(&pass)],
    );
    assert_ne!(code, 0);
    assert!(err.contains("--identity"), "{err}");
    let (code, _, err) = run(
        &dir.path().join("b.db"),
        &["restore", s(&backup), "--identity", s(&key_file)],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(content(&dir.path().join("b.db")), before);
    let (code, _, err) = run(&db, &["backup", "-o", "x.ndbak", "--recipient", "age1nope"]);
    assert_ne!(code, 0);
    assert!(err.contains("수신자 키가 아닙니다: age1nope"), "{err}");
}

#[test]
fn an_empty_passphrase_file_is_refused_in_words_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("netday.db");
    db_with_people(&db);
    let empty = write(&dir.path().join("empty.txt"), "\n");
    let out = dir.path().join("never.ndbak");
    let (code, _, err) = run(
        &db,
        &["backup", "-o", s(&out), "--passphrase-file", s(&empty)],
    );
    assert_ne!(code, 0);
    assert!(
        err.contains("비어 있습니다") && err.contains("is empty"),
        "{err}"
    );
    assert!(!out.exists());
}

/// The passphrase typed at the terminal: not echoed, asked twice, asked again when the two differ.
#[cfg(unix)]
#[test]
fn the_passphrase_is_typed_twice_without_echo() {
    use common::pty::Tui;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("netday.db");
    let before = db_with_people(&db);
    let backup = dir.path().join("typed.ndbak");
    let mut tui = Tui::start(&db, &["backup", "--encrypt", "-o", s(&backup)], 100, 20);
    tui.wait_for("백업 암호:");
    tui.wait_no_echo();
    tui.send("secret-one\r".as_bytes());
    tui.wait_for("한 번 더:");
    tui.wait_no_echo();
    tui.send("secret-two\r".as_bytes());
    tui.wait_for("두 번 쓴 암호가 다릅니다");
    tui.wait_until("asked again", |s| {
        s.contents().matches("백업 암호:").count() == 2
    });
    tui.wait_no_echo();
    tui.send("secret-one\r".as_bytes());
    tui.wait_until("asked once more", |s| {
        s.contents().matches("한 번 더:").count() == 2
    });
    tui.wait_no_echo();
    tui.send("secret-one\r".as_bytes());
    assert!(tui.wait_exit(), "{}", tui.screen());
    let screen = tui.screen();
    assert!(screen.contains("암호로 잠근 백업을 썼습니다"), "{screen}");
    assert!(
        !screen.contains("secret"),
        "the passphrase was echoed:\n{screen}"
    );
    // A restore asks once, without echo.
    let other = dir.path().join("other.db");
    let mut tui = Tui::start(&other, &["restore", s(&backup)], 100, 20);
    tui.wait_for("백업 암호:");
    tui.wait_no_echo();
    tui.send("secret-one\r".as_bytes());
    assert!(tui.wait_exit(), "{}", tui.screen());
    let screen = tui.screen();
    assert!(screen.contains("복원했습니다"), "{screen}");
    assert!(
        !screen.contains("secret"),
        "the passphrase was echoed:\n{screen}"
    );
    assert_eq!(screen.matches("백업 암호:").count(), 1, "{screen}");
    assert_eq!(content(&other), before);
}
