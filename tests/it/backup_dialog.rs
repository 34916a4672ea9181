//! The TUI's backup (동기화 · F6): the passphrase typed twice and drawn as dots, "암호 없이"
//! only when chosen with F2, an owner-only file that opens with that passphrase and holds
//! nobody's name in clear, and a status line that says what was written and how.

#![allow(clippy::unwrap_used)]

use crate::common;
use common::screen::{render, row};
use common::{demo_store, fixed_now, type_text};

use netday::i18n::{Lang, set_lang};
use netday::io::encrypted::{self, Key};
use netday::state::{Action, App, Modal, Screen};
use netday::store::Snapshot;

fn app() -> (tempfile::TempDir, App) {
    set_lang(Lang::Ko);
    let (dir, store) = demo_store();
    let mut app = App::with_clock(store, fixed_now).unwrap();
    app.export_dir = Some(dir.path().to_path_buf());
    app.screen = Screen::Sync;
    (dir, app)
}

fn open_dialog(app: &mut App) {
    app.update(Action::WriteBackup);
    let Some(Modal::Export(d)) = &app.modal else {
        panic!("F6 opens the backup dialog: {:?}", app.modal);
    };
    assert!(d.pass.is_some());
}

/// Focus on the path, and `path` typed over what was proposed.
fn set_path(app: &mut App, path: &str) {
    app.update(Action::NextField);
    app.update(Action::NextField);
    app.update(Action::ClearField);
    app.update(Action::Paste(path.to_string()));
    app.update(Action::NextField);
}

fn error(app: &App) -> Option<String> {
    match &app.modal {
        Some(Modal::Export(d)) => d.error.clone(),
        _ => None,
    }
}

fn status(app: &App) -> String {
    app.message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[cfg(unix)]
fn mode(p: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn f6_writes_a_backup_locked_with_the_passphrase_typed_twice() {
    let (dir, mut app) = app();
    let file = dir.path().join("잠긴 백업.ndbak");
    open_dialog(&mut app);
    set_path(&mut app, file.to_str().unwrap());
    type_text(&mut app, "봄비 내리는 날");
    app.update(Action::NextField);
    type_text(&mut app, "봄비 내리는 낟");
    app.update(Action::Submit);
    assert!(!file.exists());
    assert!(error(&app).unwrap().contains("두 번 쓴 암호가 다릅니다"));
    // Both fields were emptied: typed again from the first.
    type_text(&mut app, "봄비 내리는 날");
    app.update(Action::NextField);
    type_text(&mut app, "봄비 내리는 날");
    app.update(Action::Submit);
    assert_eq!(app.modal, None, "{:?}", error(&app));
    let text = status(&app);
    assert!(text.contains("암호로 잠근 백업을 썼습니다"), "{text}");
    assert!(text.contains("잠긴 백업.ndbak"), "{text}");

    let bytes = std::fs::read(&file).unwrap();
    #[cfg(unix)]
    assert_eq!(mode(&file), 0o600);
    assert!(encrypted::is_encrypted(&bytes));
    let live = app.data.store_for_tests().snapshot().unwrap();
    for p in &live.people {
        assert!(
            !bytes.windows(p.name.len()).any(|w| w == p.name.as_bytes()),
            "{} is in the backup in clear",
            p.name
        );
    }
    let plain = encrypted::open(&file, &bytes, |_| {
        Ok(Key::passphrase("봄비 내리는 날".into()))
    })
    .unwrap();
    let (restored, _) = Snapshot::decode(&plain).map_err(|_| "decodes").unwrap();
    assert_eq!(restored, live);
}

#[test]
fn without_a_passphrase_only_when_chosen() {
    let (dir, mut app) = app();
    let file = dir.path().join("plain.ndbak");
    open_dialog(&mut app);
    set_path(&mut app, file.to_str().unwrap());
    app.update(Action::Submit);
    assert!(error(&app).unwrap().contains("F2"), "{:?}", error(&app));
    assert!(!file.exists());
    app.update(Action::NoPassphrase);
    app.update(Action::Submit);
    assert_eq!(app.modal, None, "{:?}", error(&app));
    assert!(
        status(&app).contains("암호 없이 백업을 썼습니다"),
        "{}",
        status(&app)
    );
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"NETDAYBK"));
    #[cfg(unix)]
    assert_eq!(mode(&file), 0o600);
}

/// The dialog's rows, cut to its frame.
fn dialog(app: &App, w: u16, h: u16) -> String {
    let buf = render(app, w, h);
    let rows: Vec<String> = (0..buf.area.height).map(|y| row(&buf, y)).collect();
    let top = rows.iter().position(|r| r.contains("백업 쓰기")).unwrap();
    let bottom = top + rows[top..].iter().position(|r| r.contains('╰')).unwrap();
    rows[top..=bottom]
        .iter()
        .map(|r| {
            let start = r.find(['┌', '│', '└', '╭', '╰']).unwrap_or(0);
            let end = r
                .rfind(['┐', '│', '┘', '╮', '╯'])
                .map_or(r.len(), |i| i + r[i..].chars().next().unwrap().len_utf8());
            r[start..end].to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_dialog_shows_the_passphrase_as_dots() {
    let (_dir, mut app) = app();
    open_dialog(&mut app);
    set_path(&mut app, "~/문서/네트워킹데이 백업.ndbak");
    type_text(&mut app, "비밀번호");
    let shown = dialog(&app, 100, 30);
    assert!(!shown.contains("비밀번호"), "{shown}");
    assert!(shown.contains("••••"), "{shown}");
    insta::assert_snapshot!("backup_dialog_locked_100x30", shown);
    app.update(Action::NoPassphrase);
    insta::assert_snapshot!("backup_dialog_plain_100x30", dialog(&app, 100, 30));
}

#[test]
fn a_backup_over_a_file_that_is_there_is_written_only_after_a_yes() {
    let (dir, mut app) = app();
    let file = dir.path().join("있던 파일.ndbak");
    std::fs::write(&file, "사용자의 파일").unwrap();
    open_dialog(&mut app);
    set_path(&mut app, file.to_str().unwrap());
    type_text(&mut app, "가을");
    app.update(Action::NextField);
    type_text(&mut app, "가을");
    app.update(Action::Submit);
    assert!(
        matches!(common::question(&app), Some(netday::state::unit::Question::Replace(r)) if r.path == file),
        "{:?}",
        app.modal
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "사용자의 파일");
    app.update(Action::Yes);
    let bytes = std::fs::read(&file).unwrap();
    assert!(encrypted::is_encrypted(&bytes));
    assert!(
        status(&app).contains("암호로 잠근 백업을 썼습니다"),
        "{}",
        status(&app)
    );
    #[cfg(unix)]
    assert_eq!(mode(&file), 0o600);
}
