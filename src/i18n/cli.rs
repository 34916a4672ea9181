//! The command line: imports, exports, backups, restores, compacting, `netday generate`.

use super::{L, pick};
use crate::model::korean::{Particle, josa};

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
pub const NEEDS_TERMINAL: L = L(
    "netday 화면은 터미널 창에서만 열립니다: 터미널(Windows Terminal, macOS 터미널)에서 실행하거나, 명령을 쓰세요 (netday --help)",
    "netday's screen opens only in a terminal window: run it in a terminal (Windows Terminal, macOS Terminal), or use a command (netday --help)",
);
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
/// A command that saves was refused because the database's disk is full; the commands that
/// only read still work, so the data can be copied to another disk.
pub fn full_disk_on_open(path: &str) -> (String, String) {
    (
        format!(
            "디스크가 가득 차서 데이터베이스를 저장용으로 열 수 없습니다 ({path}). 아무것도 바꾸지 않았습니다. 공간을 비운 뒤 다시 하세요. 그 전에도 내보내기와 백업은 됩니다: netday backup -o 다른-디스크/백업.ndbak"
        ),
        format!(
            "The disk is full, so the database cannot be opened to save ({path}). Nothing was changed. Free some space, then try again. Export and backup still work meanwhile: netday backup -o other-disk/backup.ndbak"
        ),
    )
}

pub fn wrote_file(path: &str, rows: usize) -> String {
    pick(
        format!("{path}에 {rows}행을 썼습니다"),
        format!("wrote {rows} rows to {path}"),
    )
}

/// What a backup holds (messages about backups and restores).
pub fn backup_contents(c: &crate::model::counts::RecordCounts) -> String {
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
pub fn backup_written(path: &str, c: &crate::model::counts::RecordCounts) -> String {
    pick(
        format!("백업을 썼습니다: {path} ({})", backup_contents(c)),
        format!("Backup written to {path} ({})", backup_contents(c)),
    )
}
pub fn saved_before_restore(path: &str, c: &crate::model::counts::RecordCounts) -> String {
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
pub fn restored(c: &crate::model::counts::RecordCounts) -> String {
    pick(
        format!("복원했습니다: {}", backup_contents(c)),
        format!("Restored: {}", backup_contents(c)),
    )
}
pub fn backup_unchecked(path: &str) -> String {
    pick(
        format!(
            "{} 검사값이 없는 옛 형식의 백업입니다. 손상 여부를 확인할 수 없어 그대로 읽었습니다.",
            josa(path, Particle::EunNeun)
        ),
        format!(
            "{path} is a backup in the older format, without a checksum: it was read as it is, with no way to check it for damage."
        ),
    )
}
/// A restore cut `n` text fields to their limits (as an import would have refused them).
pub fn restore_cut(n: usize) -> String {
    pick(
        format!(
            "백업의 글 {n}개가 칸의 길이 제한보다 길어 제한에 맞춰 잘랐습니다 (가져오기와 같은 제한)."
        ),
        format!(
            "{n} texts in the backup were longer than their field allows and were cut to the limit (the same limits as an import)."
        ),
    )
}
pub const BACKUP_TO_TERMINAL: L = L(
    "백업을 터미널에 쓸 수는 없습니다. -o 파일이름을 주거나 출력을 파일로 돌리세요.",
    "A backup cannot be written to the terminal. Give -o FILE or redirect the output to a file.",
);
/// A restore that replaced the database could not remove the folder of the data it replaced.
pub fn replaced_left_behind(path: &str) -> String {
    pick(
        format!(
            "바뀌기 전 데이터베이스 폴더를 지우지 못해 남겨 두었습니다: {path}. 필요 없으면 직접 지우세요."
        ),
        format!(
            "The folder of the replaced database could not be removed and was left at {path}. Delete it yourself once you no longer need it."
        ),
    )
}
pub const NOT_RESTORED: L = L(
    "복원하지 않았습니다. 데이터베이스는 그대로입니다",
    "Nothing was restored; the database is as it was",
);

/// A size on disk as people read it: KB below 1 MB, MB below 1 GB, else GB (1024-based, as
/// `du -h` counts).
pub fn disk_size(bytes: u64) -> String {
    const K: f64 = 1024.0;
    let b = bytes as f64;
    if b < K * K {
        format!("{:.0} KB", (b / K).ceil())
    } else if b < K * K * K {
        format!("{:.1} MB", b / (K * K))
    } else {
        format!("{:.2} GB", b / (K * K * K))
    }
}
/// `netday compact` ended: the sizes before and after, and the folder; Korean, then English.
pub fn compacted(folder: &str, before: u64, after: u64) -> (String, String) {
    let (before, after) = (disk_size(before), disk_size(after));
    (
        format!("데이터베이스를 정리했습니다: {before} → {after} ({folder})"),
        format!("Compacted the database: {before} → {after} ({folder})"),
    )
}
/// `netday compact` was stopped (Ctrl-C) before the swap.
pub const COMPACT_STOPPED: L = L(
    "정리를 멈췄습니다. 데이터베이스는 그대로이고, 만들던 사본은 지웠습니다.",
    "Compacting was stopped. The database is as it was; the half-written copy was removed.",
);
/// `netday compact` failed before the swap.
pub const NOT_COMPACTED: L = L(
    "정리하지 않았습니다. 데이터베이스는 그대로입니다",
    "Nothing was compacted; the database is as it was",
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

// --- netday --help ---
/// What `netday --help` says, in the UI language: (subcommand, argument, text); an empty
/// subcommand is `netday` itself, an empty argument the command's own description.
pub const HELP: &[(&str, &str, L)] = &[
    (
        "",
        "",
        L(
            "협동조합 네트워킹데이 체크인·명단·회의록. 인자 없이 실행하면 체크인 화면이 열립니다.",
            "Check-in desk, attendee lists and minutes for cooperative networking days. Without arguments, opens the check-in desk.",
        ),
    ),
    (
        "",
        "db",
        L(
            "데이터베이스 폴더 (기본: 플랫폼 데이터 폴더, NETDAY_DB로도 정함)",
            "Database directory (default: the platform data directory; also NETDAY_DB)",
        ),
    ),
    (
        "",
        "lang",
        L(
            "화면 언어: ko 또는 en (기본: LANG이 다른 언어가 아니면 한국어)",
            "UI language: ko or en (default: Korean unless LANG says otherwise)",
        ),
    ),
    (
        "demo",
        "",
        L(
            "예시 네트워킹데이를 불러옵니다 (여러 번 해도 같음)",
            "Load the sample networking day (idempotent)",
        ),
    ),
    (
        "import",
        "",
        L(
            "CSV(UTF-8, BOM 있는 UTF-8, CP949)나 스프레드시트(.xlsx, .xls, .ods)에서 사람을 가져옵니다",
            "Import people from a CSV (UTF-8, UTF-8 with BOM or CP949) or a spreadsheet (.xlsx, .xls, .ods)",
        ),
    ),
    (
        "import",
        "file",
        L(
            "가져올 CSV 또는 스프레드시트 파일",
            "The CSV or spreadsheet file to import",
        ),
    ),
    (
        "import",
        "event",
        L(
            "이 날짜의 네트워킹데이에 참석 예정으로 등록 (없으면 만듦, 불참 답변은 등록하지 않거나 취소): today, 2026-12-15, 2026.12.15, 12/15, 12월 15일",
            "Register people as expected for the networking day on this date (created if missing; a 불참/no answer registers nobody or cancels): today, 2026-12-15, 2026.12.15, 12/15, 12월 15일",
        ),
    ),
    (
        "import",
        "dry_run",
        L(
            "확인해서 알려 주기만 하고 아무것도 저장하지 않음 (열마다 어느 필드로 읽는지도 보임)",
            "Check and report, write nothing (also shows which field each column is read into)",
        ),
    ),
    (
        "import",
        "map",
        L(
            "열을 직접 지정 (여러 번): '머리글=필드', 필드는 이름 소속 직함 연락처 이메일 구분 지역 코드 태그 메모 상태 또는 무시",
            "Map a column by hand (repeatable): 'header=field', field one of name organization role phone email kind district code tags notes status, or ignore",
        ),
    ),
    (
        "import",
        "forget_unfinished",
        L(
            "끝나지 않은 가져오기의 기록을 지움 (그 파일이 없어졌거나 마저 가져오지 않을 때; 이미 들어간 사람은 그대로)",
            "Forget the record of imports that did not finish (their file is gone, or you will not finish them; people already in stay)",
        ),
    ),
    (
        "import",
        "sheet",
        L(
            "읽을 시트 이름 (명단이 있는 시트가 여럿인 스프레드시트)",
            "The sheet to read (a spreadsheet with several sheets holding a list)",
        ),
    ),
    (
        "export",
        "",
        L(
            "사람, 참석, 회의록, 협업 아이디어 또는 결과보고 자료 묶음을 내보냅니다",
            "Export people, attendance, minutes, ideas or the day's report pack",
        ),
    ),
    (
        "export",
        "what",
        L(
            "people 명단 · attendance 참석 · minutes 회의록 · ideas 협업 아이디어 · pack 결과보고 자료 (회의록 PDF·.docx, 참석 .xlsx, 출석부·서명부 PDF를 -o 폴더에, .zip이면 압축 파일 하나로)",
            "people · attendance · minutes · ideas · pack: the day's report (minutes PDF and .docx, attendance .xlsx, attendance record and sign-in sheet PDFs) into the -o folder, or one .zip",
        ),
    ),
    (
        "export",
        "event",
        L(
            "참석·회의록의 네트워킹데이 날짜 (기본: 오늘 또는 가장 최근): today, 2026-12-15, 12/15, 12월 15일 …",
            "Networking day for attendance and minutes (default: today's or the latest): today, 2026-12-15, 12/15, 12월 15일 …",
        ),
    ),
    (
        "export",
        "output",
        L(
            "내보낼 파일, 본인만 읽게 새로 만듦; .xlsx면 엑셀, 그 밖은 CSV; 회의록은 .pdf·.docx·.txt·.md 이름이 형식을 정함 (기본: 표준 출력; pack은 날짜 이름의 폴더)",
            "Output file, created owner-only; .xlsx is Excel, any other name CSV; for minutes a .pdf, .docx, .txt or .md name picks the format (default: standard output; pack: a folder named by the date)",
        ),
    ),
    (
        "export",
        "force",
        L(
            "파일이 이미 있으면 바꿔 씀",
            "Replace the output file if it already exists",
        ),
    ),
    (
        "export",
        "format",
        L(
            "회의록 형식: pdf 인쇄·발송용 · docx 한글·Word에서 편집 · markdown 파일용 (기본) · text 카카오톡 같은 대화방에 붙일 글",
            "Minutes format: pdf to print and send · docx to edit in Word or Hancom · markdown for files (default) · text to paste into a chat such as KakaoTalk",
        ),
    ),
    (
        "export",
        "author",
        L(
            "회의록의 작성자 (기본: NETDAY_AUTHOR, 없으면 사무국)",
            "Who wrote the minutes (default: NETDAY_AUTHOR, else the secretariat)",
        ),
    ),
    (
        "export",
        "contacts",
        L(
            "회의록 끝의 출석부와 결과보고 자료에 연락처·이메일도 넣음 (기본: 넣지 않음)",
            "Put phone and e-mail in the minutes' attendance record and the report pack (default: left out)",
        ),
    ),
    (
        "search",
        "",
        L(
            "이름이나 소속 기관으로 사람을 찾습니다 (가장 잘 맞는 사람부터)",
            "Find people by name or organisation, best match first",
        ),
    ),
    (
        "search",
        "query",
        L(
            "이름, 소속, 초성 (ㄱㄱㅅ) 또는 배지 코드",
            "Name, organisation, initials (ㄱㄱㅅ) or badge code",
        ),
    ),
    (
        "search",
        "limit",
        L("보여 줄 최대 인원", "Most people to show"),
    ),
    (
        "sync",
        "",
        L(
            "두 데스크(노트북)의 명단을 맞춥니다: host로 열고 다른 데스크에서 join",
            "Keep two desks' (laptops') lists in step: host at one, join from the other",
        ),
    ),
    (
        "sync host",
        "",
        L(
            "이 데스크를 열어 주소와 6자리 코드를 보이고, Ctrl-C까지 다른 데스크와 동기화합니다",
            "Open this desk: shows its address and a 6-digit code, and syncs with other desks until Ctrl-C",
        ),
    ),
    (
        "sync host",
        "port",
        L(
            "받을 포트 (기본 47600; 0이면 아무 빈 포트)",
            "Port to listen on (default 47600; 0 for any free port)",
        ),
    ),
    (
        "sync host",
        "bind",
        L(
            "받을 주소 (기본: 이 노트북의 모든 주소)",
            "Address to listen on (default: every address of this laptop)",
        ),
    ),
    (
        "sync join",
        "",
        L(
            "열린 데스크에 코드로 짝지어 두 데스크가 같아질 때까지 동기화합니다 (빈 데이터베이스면 전체를 먼저 받음)",
            "Pair with an open desk by its code and sync until both are equal (an empty database gets everything first)",
        ),
    ),
    (
        "sync join",
        "addr",
        L(
            "열린 데스크의 주소:포트 (예: 192.168.0.12:47600)",
            "The open desk's address:port (e.g. 192.168.0.12:47600)",
        ),
    ),
    (
        "sync join",
        "code",
        L(
            "열린 데스크 화면의 6자리 코드 (처음 짝지을 때만; 짝지은 적 있는 데스크는 생략)",
            "The 6-digit code on the open desk's screen (the first time only; leave it out for a desk paired before)",
        ),
    ),
    (
        "sync conflicts",
        "",
        L(
            "두 데스크가 서로 모르게 다르게 바꾼 칸(충돌)을 값마다 한 줄로 보입니다: 번호, 기록, 칸, 값, 데스크, 시각, 지금 값",
            "List the fields two desks changed apart (conflicts), a line per value: number, record, field, value, desk, time, shown now",
        ),
    ),
    (
        "sync write",
        "",
        L(
            "네트워크가 없을 때: 짝지은 데스크에 없을 변경을 새 파일에 씁니다 (그 데스크만 열 수 있게 암호화; USB나 공유 폴더로)",
            "No network: write what the paired desks may lack to a new file, sealed so only they can open it (for a USB stick or a shared folder)",
        ),
    ),
    (
        "sync write",
        "file",
        L(
            "쓸 파일 (새 파일; 있는 파일은 바꾸지 않음)",
            "The file to write (a new file; an existing one is never replaced)",
        ),
    ),
    (
        "sync read",
        "",
        L(
            "짝지은 데스크가 쓴 동기화 파일을 반영합니다 (연결과 같은 규칙과 충돌; 두 번 읽어도 그대로)",
            "Apply a sync file a paired desk wrote (the same rules and conflicts as the link; reading it twice changes nothing)",
        ),
    ),
    (
        "sync read",
        "file",
        L("읽을 동기화 파일", "The sync file to read"),
    ),
    (
        "sync desks",
        "",
        L(
            "이 데스크와 짝지은 데스크: 이름, 주소, 확인된 변경 수",
            "The desks paired with this one: name, address, changes confirmed",
        ),
    ),
    (
        "sync forget",
        "",
        L(
            "짝지은 데스크를 잊습니다 (잃어버리거나 넘긴 노트북): 새 코드 없이는 잇거나 이 데스크의 파일을 열 수 없음",
            "Forget a paired desk (a laptop lost or given away): it cannot link or open this desk's files without a new code",
        ),
    ),
    (
        "sync forget",
        "name",
        L(
            "잊을 데스크의 이름 (netday sync desks에 나오는 대로)",
            "The desk's name, as netday sync desks lists it",
        ),
    ),
    (
        "sync join",
        "follow",
        L(
            "같아진 뒤에도 연결을 유지하고 끊기면 다시 연결 (Ctrl-C로 끝냄)",
            "Stay linked after both are equal, and relink after a cut (Ctrl-C to stop)",
        ),
    ),
    (
        "checkin",
        "",
        L(
            "한 사람을 체크인합니다: 배지 코드면 그 주인, 아니면 체크인 화면의 검색으로 딱 한 사람일 때만 (여럿이거나 없으면 목록만 보이고 아무도 체크인하지 않음)",
            "Check one person in: the holder of a badge code, else whom the desk's search finds, only when it finds exactly one (several or none: lists them and checks nobody in)",
        ),
    ),
    (
        "checkin",
        "query",
        L(
            "배지 코드, 이름, 초성 (ㄱㄱㅅ) 또는 전화번호",
            "Badge code, name, initials (ㄱㄱㅅ) or phone number",
        ),
    ),
    (
        "checkin",
        "event",
        L(
            "체크인할 네트워킹데이의 날짜 (없으면 오늘)",
            "Date of the networking day to check in to (default: today)",
        ),
    ),
    (
        "person",
        "",
        L(
            "한 사람에 대해 netday가 가진 모든 기록을 보여 줍니다 (개인정보 보호법 제35조 열람 요청): 기본 정보, 병합된 기록, 참석, 실행 과제, 이름이 나오는 기록, 아이디어, 변경 이력과 그 전후 값. 배지 코드나 정확한 이름이면 그 사람, 검색으로는 딱 한 사람일 때만 (여럿이면 코드와 함께 목록만 보임)",
            "Show everything netday holds about one person (a PIPA Art. 35 request): record, merged records, attendance, action items, notes naming them, ideas, the change journal and the values it keeps. A badge code or an exact name names them; a search only when it finds exactly one (several: lists them with their codes)",
        ),
    ),
    (
        "person",
        "query",
        L(
            "배지 코드, 정확한 이름 또는 검색어",
            "Badge code, exact name or a search",
        ),
    ),
    (
        "person",
        "export",
        L(
            "본인에게 줄 문서로 내보냄: -o 파일에 (.pdf면 PDF, 그 밖은 글), 없으면 표준 출력에 글로 (--export 없이는 같은 글을 화면에 보여 줌)",
            "Export it as a document for the person: to the -o file (.pdf: a PDF, any other name: text), else as text to standard output (without --export the same text is shown on screen)",
        ),
    ),
    (
        "person",
        "output",
        L(
            "내보낼 파일, 본인만 읽게 새로 만듦 (.pdf면 PDF, 그 밖은 글)",
            "Output file, created owner-only (.pdf: a PDF, any other name: text)",
        ),
    ),
    (
        "person",
        "force",
        L(
            "파일이 이미 있으면 바꿔 씀",
            "Replace the output file if it already exists",
        ),
    ),
    (
        "events",
        "",
        L(
            "네트워킹데이 목록과 그날의 인원 (도착·예정·현장·미도착)",
            "List networking days with their numbers (arrived, expected, walk-ins, missing)",
        ),
    ),
    (
        "history",
        "",
        L(
            "변경 이력: 한 줄에 변경 하나, 최근 것부터 (번호, 시각, 데스크, 종류, 대상)",
            "The change history, one change a line, newest first (id, time, desk, kind, what it touched)",
        ),
    ),
    (
        "history",
        "person",
        L(
            "이 이름(의 일부)을 가진 사람을 바꾼 변경만",
            "Only changes to a person whose name holds this",
        ),
    ),
    (
        "history",
        "day",
        L(
            "이 날짜의 네트워킹데이에 대한 변경만: today, 2026-12-15, 12/15, 12월 15일",
            "Only changes to the networking day on this date: today, 2026-12-15, 12/15, 12월 15일",
        ),
    ),
    (
        "history",
        "limit",
        L(
            "최대 몇 줄 (기본 50)",
            "At most this many lines (default 50)",
        ),
    ),
    (
        "history",
        "keep_days",
        L(
            "변경 이력을 이 날수만큼 보관하고 (0: 모두) 더 오래된 것을 지금 정리합니다. 지난 네트워킹데이 이후 것은 늘 남습니다",
            "Keep this many days of changes (0: all) and fold older ones away now; the last networking day's and later always stay",
        ),
    ),
    (
        "undo",
        "",
        L(
            "변경 하나를 되돌립니다 (되돌리기도 기록되어 다시 되돌릴 수 있음)",
            "Undo one change (the undo is recorded and can itself be undone)",
        ),
    ),
    (
        "undo",
        "id",
        L(
            "`netday history`가 보이는 변경 번호 (예: a1b2-17)",
            "The change's id as `netday history` shows it (e.g. a1b2-17)",
        ),
    ),
    (
        "desk",
        "",
        L(
            "이 데스크의 이름을 보이거나 정합니다 (모든 변경에 기록됨)",
            "Show or set this desk's name (every change records it)",
        ),
    ),
    (
        "desk",
        "name",
        L(
            "새 이름 (없으면 지금 이름을 보임)",
            "The new name (without it, shows the current one)",
        ),
    ),
    (
        "generate",
        "",
        L(
            "빈 데이터베이스를 정해진 합성 데이터로 채웁니다 (속도·규모 시험용)",
            "Fill an EMPTY database with deterministic synthetic data (speed and scale tests)",
        ),
    ),
    ("generate", "people", L("사람 수", "Number of people")),
    (
        "generate",
        "events",
        L(
            "매달 열린 네트워킹데이 수 (마지막이 --date)",
            "Number of monthly networking days (the latest on --date)",
        ),
    ),
    ("generate", "seed", L("난수 시드", "Random seed")),
    (
        "generate",
        "date",
        L(
            "마지막 네트워킹데이 날짜 (기본: 오늘)",
            "Date of the latest networking day (default: today)",
        ),
    ),
    (
        "backup",
        "",
        L(
            "전체를 옮길 수 있는 백업 파일로 씁니다 (새 파일 또는 표준 출력)",
            "Write a portable backup of everything (to a new file, or to standard output)",
        ),
    ),
    ("backup", "output", L("백업 파일", "Backup file")),
    (
        "backup",
        "force",
        L(
            "파일이 이미 있으면 바꿔 씀",
            "Replace the output file if it exists",
        ),
    ),
    (
        "backup",
        "encrypt",
        L(
            "암호로 잠급니다 (age 형식): 터미널에서 두 번 묻습니다",
            "Lock the backup with a passphrase (age format), asked twice at the terminal",
        ),
    ),
    (
        "backup",
        "passphrase_file",
        L(
            "암호를 이 파일의 첫 줄에서 읽어 잠급니다 (스크립트용)",
            "Lock with the passphrase on the first line of this file (for scripts)",
        ),
    ),
    (
        "backup",
        "recipient",
        L(
            "암호 대신 이 age 공개 키(age1…)로 암호화합니다",
            "Encrypt to this age public key (age1…) instead of a passphrase",
        ),
    ),
    (
        "restore",
        "",
        L(
            "백업 파일을 데이터베이스로 되살립니다",
            "Restore a portable backup into the database",
        ),
    ),
    ("restore", "file", L("백업 파일", "Backup file")),
    (
        "restore",
        "unchecked",
        L(
            "검사값이 없는 옛 형식(2) 백업도 복원함 (손상을 알아낼 수 없음)",
            "Restore an older-format (2) backup, which has no checksum to detect damage",
        ),
    ),
    (
        "restore",
        "passphrase_file",
        L(
            "암호화된 백업의 암호를 이 파일의 첫 줄에서 읽습니다 (없으면 터미널에서 묻습니다)",
            "Read an encrypted backup's passphrase from this file's first line (else asked at the terminal)",
        ),
    ),
    (
        "restore",
        "identity",
        L(
            "수신자 키로 암호화된 백업을 이 age 비밀 키 파일로 풉니다",
            "Decrypt a backup encrypted to a recipient key with this age secret key file",
        ),
    ),
    (
        "restore",
        "replace",
        L(
            "비어 있지 않은 데이터베이스를 바꿈 (먼저 그 백업을 씀)",
            "Replace a non-empty database (a backup of it is written first)",
        ),
    ),
    (
        "compact",
        "",
        L(
            "데이터베이스를 새로 써서 쌓인 빈 공간을 돌려받습니다 (내용은 그대로, 중간에 멈추거나 꺼져도 안전)",
            "Rewrite the database to give back the space its old writes left behind (same content; safe to stop or kill)",
        ),
    ),
    (
        "shred",
        "",
        L(
            "개인정보를 파기합니다: 고른 사람이나 보관 기간이 지난 사람의 연락처(또는 사람 전체)를 지우고, 먼저 누구의 무엇인지 보여 준 뒤 묻습니다",
            "Shred personal data: the contact data (or the whole person) of the people named or past the retention period; shows who and what first, then asks",
        ),
    ),
    (
        "shred",
        "person",
        L(
            "파기할 사람: 배지 코드나 정확한 이름 (여러 번 쓸 수 있음)",
            "Who to shred: a badge code or the exact name (may be given more than once)",
        ),
    ),
    (
        "shred",
        "due",
        L(
            "보관 기간이 지난 사람 모두",
            "Everyone past the retention period",
        ),
    ),
    (
        "shred",
        "whole",
        L(
            "연락처만이 아니라 사람 전체를 지움 (출석 수는 익명으로 남음)",
            "Remove the whole person, not only the contact data (attendance counts stay, anonymous)",
        ),
    ),
    (
        "shred",
        "yes",
        L(
            "묻지 않고 파기함 (스크립트용)",
            "Shred without asking (for scripts)",
        ),
    ),
    (
        "shred",
        "retention",
        L(
            "보관 기간을 정함: 마지막 참석 뒤 개월 수 (0–600, 기본 24)",
            "Set the retention rule: months after the last attendance (0–600, default 24)",
        ),
    ),
    (
        "print",
        "",
        L(
            "참석자 서명부, 이름표(QR 코드)나 행사 뒤 출석부를 A4 PDF로 만듭니다",
            "Print the sign-in sheet, name badges (with QR codes) or, after the day, the attendance record as an A4 PDF",
        ),
    ),
    (
        "print",
        "what",
        L(
            "signin 참석자 서명부 · badges 이름표 · attendance 출석부 (도착한 사람과 도착 시각)",
            "signin: sign-in sheet · badges: name badges · attendance: who came, with arrival times",
        ),
    ),
    (
        "print",
        "event",
        L(
            "네트워킹데이 날짜 (기본: 오늘 또는 가장 최근): today, 2026-12-15, 12/15, 12월 15일 …",
            "Networking day (default: today's or the latest): today, 2026-12-15, 12/15, 12월 15일 …",
        ),
    ),
    (
        "print",
        "output",
        L(
            "만들 PDF 파일, 본인만 읽게 새로 만듦",
            "The PDF file to write, created owner-only",
        ),
    ),
    (
        "print",
        "force",
        L(
            "파일이 이미 있으면 바꿔 씀",
            "Replace the output file if it already exists",
        ),
    ),
    (
        "print",
        "contact",
        L(
            "서명부에 연락처 열을 넣음 (가운데를 가림: 010-****-5678)",
            "Add a phone column to the sign-in sheet, masked (010-****-5678)",
        ),
    ),
    (
        "print",
        "sort",
        L(
            "정렬: org 소속 가나다순 (서명부·이름표 기본) · name 성명 가나다순 · arrival 도착순 (출석부 기본)",
            "Order: org by organisation (sign-in sheet and badges) · name by name · arrival by arrival time (attendance)",
        ),
    ),
    (
        "print",
        "blank",
        L(
            "서명부 끝에 현장 등록용 빈 줄 수",
            "Empty rows at the end of the sign-in sheet for walk-ins",
        ),
    ),
];
pub const HELP_USAGE: L = L("사용법:", "Usage:");
pub const HELP_COMMANDS: L = L("명령", "Commands");
pub const HELP_OPTIONS: L = L("옵션", "Options");
pub const HELP_ARGUMENTS: L = L("인자", "Arguments");
pub const HELP_HELP: L = L("도움말을 보입니다", "Print help");
pub const HELP_VERSION: L = L("버전을 보입니다", "Print version");
pub const HELP_SUBCOMMAND: L = L(
    "이 도움말이나 주어진 명령의 도움말을 보입니다",
    "Print this message or the help of the given subcommand(s)",
);

/// Sheet names of exported workbooks.
pub const SHEET_PEOPLE: L = L("사람", "People");
pub const SHEET_ATTENDANCE: L = L("참석", "Attendance");
pub const SHEET_IDEAS: L = L("아이디어", "Ideas");

// --- progress of long work (stage names under the bar and in the gauge) ---
pub fn stage_label(stage: crate::progress::Stage) -> L {
    use crate::progress::Stage;
    match stage {
        Stage::CheckRows => L("행 확인 중", "Checking rows"),
        Stage::Import => L("가져오는 중", "Importing"),
        Stage::Backup => L("백업할 기록 읽는 중", "Reading records to back up"),
        Stage::SafetyCopy => L(
            "지금 데이터를 따로 저장하는 중",
            "Saving a copy of the current data",
        ),
        Stage::Restore => L("복원하는 중", "Restoring"),
        Stage::Generate => L("만드는 중", "Generating"),
        Stage::Print => L("쪽 만드는 중", "Making pages"),
        Stage::Shred => L("개인정보 파기 중", "Shredding personal data"),
        Stage::Compact => L(
            "데이터베이스를 새로 쓰고 확인하는 중",
            "Rewriting the database and checking the copy",
        ),
        Stage::ReadFile => L("파일 읽는 중 (KB)", "Reading the file (KB)"),
    }
}
