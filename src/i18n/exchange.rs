//! The words of `netday sync …` on the command line (the link's own refusals are
//! `sync::LinkError`/`SyncError`'s).

use super::pick;

/// What `sync host` shows the coordinator: where to connect and the code.
pub fn sync_hosting(addr: &str, code: &str, minutes: u64) -> String {
    pick(
        format!(
            "주소 {addr} 코드 {code} ({minutes}분) — 다른 데스크에서 netday sync join {addr} 코드를 입력하세요. 끝내려면 Ctrl-C."
        ),
        format!(
            "address {addr} code {code} ({minutes} min) — at the other desk run netday sync join {addr} CODE. Ctrl-C to stop."
        ),
    )
}

/// After `sync join`: both desks hold the same entries.
pub fn sync_joined(received: u64, sent: u64) -> String {
    pick(
        format!("동기화 완료: 받음 {received}건 · 보냄 {sent}건. 두 데스크의 기록이 같습니다."),
        format!("synced: received {received} · sent {sent}. Both desks hold the same records."),
    )
}

/// A desk linked (by its name).
pub fn sync_linked(desk: &str) -> String {
    pick(
        format!("{desk} 데스크와 연결됨"),
        format!("linked with desk {desk}"),
    )
}

/// A link dropped; the joiner tries again by itself.
pub fn sync_cut(why: &str) -> String {
    pick(
        format!("연결 끊김 ({why}) — 다시 연결을 시도합니다"),
        format!("link cut ({why}) — trying again"),
    )
}

pub fn sync_file_written(path: &str, entries: usize) -> String {
    pick(
        format!(
            "{path}에 변경 {entries}건을 썼습니다. 다른 데스크에서 netday sync read로 읽으세요."
        ),
        format!(
            "wrote {entries} changes to {path}. Read it at the other desk with netday sync read."
        ),
    )
}

pub fn sync_file_read(from: &str, entries: usize, applied: usize) -> String {
    pick(
        format!(
            "{from} 데스크의 파일: 변경 {entries}건 중 {applied}건 새로 반영 (나머지는 이미 있음)"
        ),
        format!(
            "file from desk {from}: {applied} of {entries} changes were new here (the rest were already here)"
        ),
    )
}
