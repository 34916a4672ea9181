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

/// After `sync write FILE`: how many changes, for which desks, and what to do with the file.
pub fn sync_file_written(file: &str, entries: usize, desks: &[String]) -> String {
    let for_ko = desks.join("·");
    let for_en = desks.join(", ");
    pick(
        format!(
            "동기화 파일 {file}에 변경 {entries}건을 썼습니다 ({for_ko} 데스크용, 암호화됨). 그 데스크에서 netday sync read {file} 명령으로 읽으세요."
        ),
        format!(
            "wrote {entries} changes to the sync file {file} (for desk {for_en}, encrypted). Read it there with netday sync read {file}."
        ),
    )
}

/// After `sync read FILE`: whose changes, how many were new, and the open conflicts.
pub fn sync_file_read(
    file: &str,
    from: &str,
    entries: usize,
    applied: usize,
    conflicts: usize,
) -> String {
    let (ko_c, en_c) = match conflicts {
        0 => (String::new(), String::new()),
        n => (
            format!(" 충돌 {n}건: 동기화 화면이나 netday sync conflicts에서 정하세요."),
            format!(
                " {n} conflicts open: settle them on the 동기화 screen or see netday sync conflicts."
            ),
        ),
    };
    pick(
        format!(
            "동기화 파일 {file}에서 {from} 데스크의 변경 {entries}건 중 새 변경 {applied}건을 반영했습니다.{ko_c}"
        ),
        format!(
            "read the sync file {file} from desk {from}: {applied} of its {entries} changes were new here.{en_c}"
        ),
    )
}

pub const NO_PAIRED_DESKS: super::L = super::L(
    "짝지은 데스크가 없습니다. 동기화 화면의 F2·F3이나 sync host·join으로 6자리 코드로 짝지으세요.",
    "No desk is paired with this one. Pair with the 6-digit code: F2/F3 on the 동기화 screen, or sync host/join.",
);

/// `sync desks`: how many changes a paired desk was last known to hold.
pub fn desk_held(n: u64) -> String {
    pick(
        format!("확인된 변경 {n}건"),
        format!("{n} changes confirmed"),
    )
}

/// `sync forget NAME` found no such desk: (ko, en).
pub fn no_such_desk(name: &str) -> (String, String) {
    (
        format!(
            "짝지은 데스크 중에 '{name}' 데스크가 없습니다. netday sync desks로 이름을 확인하세요."
        ),
        format!("No paired desk is called '{name}'. See the names with netday sync desks."),
    )
}

/// After `sync forget NAME`.
pub fn desk_forgotten(name: &str) -> String {
    pick(
        format!("'{name}' 데스크를 잊었습니다. 다시 이으려면 6자리 코드로 짝지어야 합니다."),
        format!("Forgot desk '{name}': it must pair with a 6-digit code to link again."),
    )
}
