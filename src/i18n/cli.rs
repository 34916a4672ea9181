//! The command line: imports, exports, backups, restores, `netday generate`.

use super::{L, pick};

pub const ERROR: L = L("오류", "Error");
pub const NO_SUCH_EVENT: L = L(
    "그 날짜의 네트워킹데이가 없습니다",
    "No networking day on that date",
);
pub const DEMO_LOADED: L = L("데모 데이터를 불러왔습니다", "Demo data loaded");
pub const NO_EVENTS: L = L(
    "네트워킹데이가 없습니다. `netday demo`로 예시를 불러오세요.",
    "No networking days yet. Try `netday demo`.",
);
pub const NO_MATCH: L = L("찾는 사람이 없습니다", "No one matches");
pub const DRY_RUN: L = L(
    "시험 실행: 아무것도 저장하지 않았습니다",
    "Dry run: nothing was saved",
);
pub const RESTORE_NOT_EMPTY: L = L(
    "데이터베이스가 비어 있지 않습니다. 덮어쓰려면 --replace를 쓰세요 (먼저 자동 백업합니다).",
    "The database is not empty. Use --replace to overwrite it (a backup is made first).",
);

pub fn import_summary(added: usize, updated: usize, skipped: usize, errors: usize) -> String {
    pick(
        format!("추가 {added}명, 갱신 {updated}명, 건너뜀 {skipped}명, 오류 {errors}행"),
        format!("added {added}, updated {updated}, skipped {skipped}, errors {errors}"),
    )
}
pub fn registered_for(n: usize, title: &str) -> String {
    pick(
        format!("{title}에 참석 예정으로 {n}명 등록"),
        format!("{n} registered as expected for {title}"),
    )
}
pub fn row_error(line: usize, why: &str) -> String {
    pick(format!("{line}행: {why}"), format!("line {line}: {why}"))
}
pub fn wrote_file(path: &str, rows: usize) -> String {
    pick(
        format!("{path}에 {rows}행을 썼습니다"),
        format!("wrote {rows} rows to {path}"),
    )
}

/// What a backup holds (messages about backups and restores).
pub fn backup_contents(c: &crate::store::Counts) -> String {
    pick(
        format!(
            "사람 {}명, 기관 {}곳, 네트워킹데이 {}개, 참석 기록 {}건, 안건 {}개, 메모 {}건, 협업 아이디어 {}건",
            c.people, c.orgs, c.events, c.attendance, c.agenda, c.notes, c.ideas
        ),
        format!(
            "{} people, {} organisations, {} networking days, {} attendance records, {} agenda items, {} notes, {} ideas",
            c.people, c.orgs, c.events, c.attendance, c.agenda, c.notes, c.ideas
        ),
    )
}
pub fn backup_written(path: &str, c: &crate::store::Counts) -> String {
    pick(
        format!("백업을 썼습니다: {path} ({})", backup_contents(c)),
        format!("Backup written to {path} ({})", backup_contents(c)),
    )
}
pub fn saved_before_restore(path: &str, c: &crate::store::Counts) -> String {
    pick(
        format!(
            "복원 전 데이터를 저장했습니다: {path} ({})",
            backup_contents(c)
        ),
        format!(
            "Saved the data from before the restore: {path} ({})",
            backup_contents(c)
        ),
    )
}
pub fn restored(c: &crate::store::Counts) -> String {
    pick(
        format!("복원했습니다: {}", backup_contents(c)),
        format!("Restored: {}", backup_contents(c)),
    )
}
pub fn backup_unchecked(path: &str) -> String {
    pick(
        format!(
            "{path}은(는) 검사값이 없는 옛 형식의 백업입니다. 손상 여부를 확인할 수 없어 그대로 읽었습니다."
        ),
        format!(
            "{path} is a backup in the older format, without a checksum: it was read as it is, with no way to check it for damage."
        ),
    )
}
pub const BACKUP_TO_TERMINAL: L = L(
    "백업을 터미널에 쓸 수는 없습니다. -o 파일이름을 주거나 출력을 파일로 돌리세요.",
    "A backup cannot be written to the terminal. Give -o FILE or redirect the output to a file.",
);
pub const NOT_RESTORED: L = L(
    "복원하지 않았습니다. 데이터베이스는 그대로입니다",
    "Nothing was restored; the database is as it was",
);

/// Summary line of `netday generate`: people, organisations, networking days, attendance
/// records, notes and ideas written.
pub fn generated(counts: [usize; 6], millis: u128) -> String {
    let [people, orgs, events, attendance, notes, ideas] = counts;
    pick(
        format!(
            "생성 완료: 사람 {}명, 기관 {}곳, 네트워킹데이 {}회, 참석 기록 {}건, 메모 {}건, 협업 아이디어 {}건 ({} ms)",
            people, orgs, events, attendance, notes, ideas, millis
        ),
        format!(
            "generated: {} people, {} organisations, {} networking days, {} attendance records, {} notes, {} ideas ({} ms)",
            people, orgs, events, attendance, notes, ideas, millis
        ),
    )
}
