//! `netday person Q --export`: the real binary gives one person's report (개인정보 보호법
//! 제35조) to stdout or to a new owner-only file, refuses to replace one without --force, and
//! names nobody's data when the query names nobody or several.

use std::path::{Path, PathBuf};

use crate::common::{run, seoul};
use netday::data::Data;
use netday::model::{Attendance, AttendanceStatus, Event, EventStatus, Person, Ts};
use netday::store::Store;

struct Fixture {
    _dir: tempfile::TempDir,
    db: PathBuf,
    code: String,
}

fn fixture() -> Fixture {
    seoul();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let mut data = Data::new(Store::open(&db).unwrap());
    let mut day = Event {
        id: 0,
        title: "3월 네트워킹데이".into(),
        date: chrono::NaiveDate::from_ymd_opt(2027, 3, 16).unwrap(),
        start: None,
        end: None,
        venue: String::new(),
        district: Default::default(),
        status: EventStatus::Planned,
    };
    data.save_event(&mut day).unwrap();
    let mut code = String::new();
    for (name, phone) in [
        ("이서연", "010-3318-2290"),
        ("김민준", "010-1234-5678"),
        ("김민준", "010-9876-5432"),
    ] {
        let mut p = Person::new(name, Ts(1));
        p.phone = phone.into();
        let mut att = Attendance {
            event_id: day.id,
            person_id: 0,
            status: AttendanceStatus::Expected,
            updated: Ts(1),
        };
        data.save_person(&mut p, None, Some(&mut att)).unwrap();
        if name == "이서연" {
            code = p.code;
        }
    }
    drop(data);
    Fixture {
        _dir: dir,
        db,
        code,
    }
}

fn person(db: &Path, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["person"];
    all.extend_from_slice(args);
    run(db, &all)
}

#[test]
fn a_code_gives_that_persons_report_on_stdout_and_in_a_new_owner_only_file() {
    let f = fixture();
    let (rc, out, err) = person(&f.db, &[&f.code, "--export"]);
    assert_eq!(rc, 0, "{err}");
    assert!(
        out.starts_with("개인정보 열람 결과 (Personal data held)"),
        "{out}"
    );
    assert!(
        out.contains("이서연") && out.contains("010-3318-2290"),
        "{out}"
    );
    assert!(
        out.contains("2027-03-16") && out.contains("3월 네트워킹데이"),
        "{out}"
    );
    assert!(!out.contains("김민준"), "another person's data: {out}");
    let file = f.db.parent().unwrap().join("seoyeon.txt");
    let file_s = file.to_str().unwrap();
    let (rc, out2, err) = person(&f.db, &[&f.code, "--export", "-o", file_s]);
    assert_eq!(rc, 0, "{err}");
    assert!(out2.is_empty(), "{out2}");
    assert!(err.contains("개인정보 열람 결과를 썼습니다"), "{err}");
    // The same text as on stdout, but for the moment it was made.
    let written = std::fs::read_to_string(&file).unwrap();
    let body = |s: &str| {
        s.lines()
            .filter(|l| !l.starts_with("작성 (Made)"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(body(&written), body(&out));
    // Without --export, the same text on screen; a search that finds only her, too.
    for q in [f.code.as_str(), "이서"] {
        let (rc, shown, err) = person(&f.db, &[q]);
        assert_eq!(rc, 0, "{err}");
        assert_eq!(body(&shown), body(&out), "{q}");
    }
    // -o is an export's.
    let other = f.db.parent().unwrap().join("other.txt");
    let (rc, _, _) = person(&f.db, &[&f.code, "-o", other.to_str().unwrap()]);
    assert_ne!(rc, 0);
    assert!(!other.exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    // Not replaced without --force; replaced with it.
    std::fs::write(&file, "mine").unwrap();
    let (rc, _, err) = person(&f.db, &[&f.code, "--export", "-o", file_s]);
    assert_ne!(rc, 0, "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
    let (rc, _, err) = person(&f.db, &[&f.code, "--export", "-o", file_s, "--force"]);
    assert_eq!(rc, 0, "{err}");
    assert!(std::fs::read_to_string(&file).unwrap().contains("이서연"));
    // A PDF when the name says so.
    let pdf = f.db.parent().unwrap().join("seoyeon.pdf");
    let (rc, _, err) = person(&f.db, &[&f.code, "--export", "-o", pdf.to_str().unwrap()]);
    assert_eq!(rc, 0, "{err}");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
}

#[test]
fn several_are_listed_with_their_codes_and_nobody_is_one_line() {
    let f = fixture();
    let (rc, out, err) = person(&f.db, &["김민준", "--export"]);
    assert_eq!(rc, 1, "{out}{err}");
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(out.lines().all(|l| l.contains("김민준")), "{out}");
    assert!(!out.contains("010-"), "a list is no report: {out}");
    assert!(err.contains("2명") && err.contains("badge code"), "{err}");
    let (rc, out, err) = person(&f.db, &["박지훈", "--export"]);
    assert_eq!(rc, 1, "{out}{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("'박지훈'에 맞는 사람이 없습니다"), "{err}");
    assert!(err.contains("Nobody matches '박지훈'"), "{err}");
}
