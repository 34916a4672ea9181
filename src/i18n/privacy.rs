//! Personal data: the retention rule, the 파기 screen, `netday shred` and what a shred says
//! it did.

use super::{L, pick};
use crate::model::privacy::ShredScope;

/// What a shred with `scope` removes, in a few words.
pub fn shred_scope(scope: ShredScope) -> L {
    match scope {
        ShredScope::Contact => L(
            "연락처 (전화·이메일·메모)",
            "contact data (phone, e-mail, notes)",
        ),
        ShredScope::Whole => L(
            "사람 전체 (이름까지, 출석 수만 익명으로 남음)",
            "the whole person (name too; only anonymous counts stay)",
        ),
    }
}

/// What a shred with `scope` removes, as the object of a sentence (both end without 받침,
/// so 를 follows).
pub fn shred_noun(scope: ShredScope) -> L {
    match scope {
        ShredScope::Contact => L("연락처", "the contact data"),
        ShredScope::Whole => L("개인정보 전체", "all personal data"),
    }
}

/// The retention rule as a sentence.
pub fn retention_rule(months: u32) -> String {
    pick(
        format!("보관 기간: 마지막으로 참석한 네트워킹데이 뒤 {months}개월"),
        format!("Retention: {months} months after the last networking day attended"),
    )
}

/// Who a shred would touch, before it asks: `n` people, `scope`.
pub fn shred_preview(n: usize, scope: ShredScope) -> (String, String) {
    let what = shred_noun(scope);
    (
        format!("{n}명의 {}를 파기합니다:", what.0),
        format!("Shredding {} of {n} people:", what.1),
    )
}

/// One line of who is due: name, organisation, badge code, the day that counts, what they hold.
#[allow(clippy::too_many_arguments)]
pub fn due_line(
    name: &str,
    org: &str,
    code: &str,
    last: &str,
    attended: bool,
    phone: bool,
    email: bool,
    notes: bool,
) -> String {
    let held: Vec<&str> = [
        (phone, L("전화", "phone")),
        (email, L("이메일", "e-mail")),
        (notes, L("메모", "notes")),
    ]
    .into_iter()
    .filter(|(h, _)| *h)
    .map(|(_, l)| l.get())
    .collect();
    let held = if held.is_empty() {
        L("연락처 없음", "no contact data").get().to_string()
    } else {
        held.join(", ")
    };
    let org = if org.is_empty() { "-" } else { org };
    pick(
        format!(
            "  {name} ({org}, {code}) — {} {last} — {held}",
            if attended {
                "마지막 참석"
            } else {
                "등록"
            }
        ),
        format!(
            "  {name} ({org}, {code}) — {} {last} — {held}",
            if attended { "last attended" } else { "added" }
        ),
    )
}

pub const SHRED_ASK: L = L(
    "파기할까요? 되돌릴 수 없습니다. [y/N] ",
    "Shred? This cannot be undone. [y/N] ",
);
pub const SHRED_NOBODY_DUE: L = L(
    "보관 기간이 지난 사람이 없습니다. 파기할 것이 없습니다.",
    "Nobody is past the retention period; nothing to shred.",
);
pub const SHRED_NOT_ASKED: L = L(
    "파기하지 않았습니다: 물어볼 터미널이 없습니다. 확인했다면 --yes를 붙이세요.",
    "Nothing shredded: there is no terminal to ask. Add --yes once you have checked the list.",
);
pub const SHRED_DECLINED: L = L(
    "파기하지 않았습니다. 아무것도 바뀌지 않았습니다.",
    "Nothing shredded; nothing changed.",
);
pub const SHRED_WHAT: L = L(
    "파기할 사람을 --person으로 고르거나 --due로 보관 기간이 지난 사람을 고르세요.",
    "Choose who to shred with --person, or everyone past the retention period with --due.",
);

/// `netday shred --person Q` found nobody.
pub fn shred_no_person(q: &str) -> (String, String) {
    (
        format!(
            "'{q}'에 맞는 사람이 없습니다. 배지 코드나 정확한 이름을 쓰세요 (netday search로 찾기)."
        ),
        format!(
            "Nobody matches '{q}'. Give a badge code or the exact name (find it with netday search)."
        ),
    )
}

/// `netday shred --person Q` found several (listed above the message).
pub fn shred_many(q: &str, n: usize) -> (String, String) {
    (
        format!(
            "'{q}'에 맞는 사람이 {n}명입니다. 위 목록의 배지 코드로 다시 고르세요 (netday shred --person 코드)."
        ),
        format!(
            "{n} people match '{q}'. Choose again with a badge code from the list above (netday shred --person CODE)."
        ),
    )
}

/// A shred finished, its files rewritten: how many people and journal entries, and that older
/// backups still hold the values.
pub fn shredded(people: usize, entries: usize, scope: ShredScope) -> (String, String) {
    let what = shred_noun(scope);
    (
        format!(
            "{people}명의 {}를 파기했습니다. 변경 기록 {entries}건에서도 지웠고, 데이터베이스 파일을 새로 써서 지운 값은 이 폴더 어디에도 남지 않습니다.",
            what.0
        ),
        format!(
            "Shredded {} of {people} people, also from {entries} journal entries; the database files were rewritten, so the values are nowhere in its folder.",
            what.1
        ),
    )
}

/// Said after every shred: what netday cannot reach.
pub const SHRED_BACKUPS: L = L(
    "이전에 만든 백업 파일·내보낸 파일·다른 데스크가 아직 받지 않은 곳에는 남아 있을 수 있습니다. 그 파일도 지우세요.",
    "Backup files and exports made before, and a desk that has not synced yet, may still hold them: delete those files too.",
);

/// netday's own older copies beside the database (restore's safety copies, a migration's).
pub fn shred_older_copies(paths: &[String]) -> (String, String) {
    let list = paths.join(", ");
    (
        format!(
            "netday가 전에 만든 사본 {}개에도 남아 있습니다: {list}",
            paths.len()
        ),
        format!(
            "{} older copies netday made still hold them: {list}",
            paths.len()
        ),
    )
}

/// The files could not be rewritten yet (stopped, or the database was busy).
pub const SHRED_REWRITE_LATER: L = L(
    "파기는 저장됐지만 데이터베이스 파일은 아직 새로 쓰지 않았습니다. 다음에 netday를 열 때 새로 씁니다 (또는 netday compact).",
    "The shred is saved, but the database files are not rewritten yet; netday rewrites them when it next opens (or run netday compact).",
);

/// A shred from the other desk (or an unfinished one) is being made final on open.
pub const SHRED_FINISHING: L = L(
    "지운 개인정보가 파일에 남지 않도록 데이터베이스를 새로 쓰는 중…",
    "Rewriting the database so that removed personal data leaves no trace in its files…",
);

/// The link brought another desk's shred: done here too.
pub const SHRED_FROM_OTHER_DESK: L = L(
    "다른 데스크에서 파기하거나 동의를 거둔 개인정보를 이 노트북에서도 지우고 데이터베이스 파일을 새로 썼습니다.",
    "Personal data removed at the other desk (a shred, or consent withdrawn) was removed here too; the database files were rewritten.",
);

/// The retention setting was changed.
pub fn retention_set(months: u32) -> String {
    pick(
        format!("보관 기간을 마지막 참석 뒤 {months}개월로 정했습니다."),
        format!("Retention set to {months} months after the last attendance."),
    )
}

// --- the 파기 screen ---

pub const PRIVACY_TITLE: L = L("파기", "Shred");
pub const PRIVACY_HEAD_NAME: L = L("이름", "Name");
pub const PRIVACY_HEAD_ORG: L = L("소속", "Organisation");
pub const PRIVACY_HEAD_LAST: L = L("기준일", "Since");
pub const PRIVACY_HEAD_DUE: L = L("파기일", "Due");
pub const PRIVACY_HEAD_HELD: L = L("보관 중", "Held");
pub const PRIVACY_NONE: L = L(
    "보관 기간이 지난 사람이 없습니다.",
    "Nobody is past the retention period.",
);

/// The screen's heading: the rule, how many are due, how many are marked.
pub fn privacy_heading(months: u32, due: usize, marked: usize, scope: ShredScope) -> String {
    let what = shred_scope(scope);
    pick(
        format!(
            "마지막 참석 뒤 {months}개월 보관 · 파기 대상 {due}명 · 고른 사람 {marked}명 · 지울 것: {}",
            what.0
        ),
        format!(
            "Kept {months} months after the last attendance · {due} due · {marked} chosen · removes: {}",
            what.1
        ),
    )
}

/// The confirm before a shred from the screen.
pub fn privacy_confirm(n: usize, scope: ShredScope) -> (String, String) {
    let what = shred_noun(scope);
    (
        format!(
            "{n}명의 {}를 파기할까요? 변경 기록과 파일에서도 지우며 되돌릴 수 없습니다. 출석 수와 회의록은 그대로입니다.",
            what.0
        ),
        format!(
            "Shred {} of {n} people? It is removed from the journal and the files too, and cannot be undone. Attendance counts and minutes stay.",
            what.1
        ),
    )
}

pub const PRIVACY_CONFIRM_TITLE: L = L("개인정보 파기", "Shred personal data");
pub const PRIVACY_RETENTION_TITLE: L = L("보관 기간", "Retention");
pub const PRIVACY_RETENTION_FIELD: L = L(
    "마지막 참석 뒤 보관할 개월 수 (0–600)",
    "Months kept after the last attendance (0–600)",
);
pub const PRIVACY_RETENTION_BAD: L = L(
    "0부터 600까지의 개월 수를 쓰세요.",
    "Give a number of months from 0 to 600.",
);
pub const PRIVACY_NOTHING_CHOSEN: L = L(
    "고른 사람이 없습니다. Space로 고르거나 a로 모두 고르세요.",
    "Nobody chosen. Choose with Space, or everyone with a.",
);

/// 기준일 of someone who never attended: the day they were added.
pub const PRIVACY_ADDED: L = L("등록", "added");
pub const PRIVACY_HELD_PHONE: L = L("전화", "phone");
pub const PRIVACY_HELD_EMAIL: L = L("이메일", "e-mail");
pub const PRIVACY_HELD_NOTES: L = L("메모", "notes");

// The screen's keys (`Action::words`): the footer's word, then F1's line.

pub const ACTION_MARK_ROW: (Option<L>, L) = (
    Some(L("고르기", "mark")),
    L("이 사람 고르기 / 빼기", "Mark / unmark this person"),
);
pub const ACTION_MARK_ALL: (Option<L>, L) = (
    Some(L("모두/없음", "all/none")),
    L("모두 고르기 / 모두 빼기", "Mark everyone listed / no one"),
);
pub const ACTION_SWITCH_SCOPE: (Option<L>, L) = (
    Some(L("지울 것", "what")),
    L(
        "지울 것 바꾸기: 연락처 ↔ 사람 전체",
        "Switch what is removed: contact data ↔ the whole person",
    ),
);
pub const ACTION_SET_RETENTION: (Option<L>, L) = (
    Some(L("보관 기간", "retention")),
    L(
        "보관 기간 정하기 (마지막 참석 뒤 개월 수)",
        "Set the retention (months after the last attendance)",
    ),
);
pub const ACTION_SHRED_MARKED: (Option<L>, L) = (
    Some(L("파기", "shred")),
    L(
        "고른 사람 파기 (먼저 묻습니다)",
        "Shred the people marked (asks first)",
    ),
);

/// r's field, short enough for the form's label column (the longer
/// `PRIVACY_RETENTION_FIELD` is cut there).
pub const PRIVACY_RETENTION_MONTHS: L = L(
    "마지막 참석 뒤 개월 (0–600)",
    "Months after last visit (0–600)",
);
