//! The change history (변경 이력): its screen, the before/after of a change, the undo, the
//! person detail's recent changes, and `netday history` / `netday undo` / `netday desk`.

use super::{L, pick};
use crate::model::korean::{Particle, particle};

pub const SCREEN_HISTORY: L = L("변경 이력", "History");
pub const NO_CHANGES: L = L("기록된 변경이 없습니다.", "No changes on record.");
pub const NO_CHANGES_MATCH: L = L(
    "필터에 맞는 변경이 없습니다. f로 필터를 바꾸거나 Esc로 지우세요.",
    "No change matches the filter. Change it with f, or clear it with Esc.",
);
pub const COL_WHEN: L = L("시각", "When");
pub const COL_DESK: L = L("데스크", "Desk");
pub const COL_KIND: L = L("종류", "Kind");
pub const COL_TOUCHED: L = L("대상", "Touched");
pub const COL_CHANGE_ID: L = L("번호", "Id");
pub const COL_FIELD: L = L("항목", "Field");
pub const COL_BEFORE: L = L("전", "Before");
pub const COL_AFTER: L = L("후", "After");

pub const HISTORY_FILTER_TITLE: L = L("변경 이력 필터", "History filter");
pub const F_HISTORY_DAY: L = L("네트워킹데이 날짜", "Networking day (date)");
pub const F_HISTORY_PERSON: L = L("사람 이름", "Person's name");
pub const F_HISTORY_ORG: L = L("기관", "Organisation");
pub const F_HISTORY_KIND: L = L("종류", "Kind");
pub const F_HISTORY_DESK: L = L("데스크", "Desk");
pub const HISTORY_NO_DAY: L = L(
    "그 날짜에 네트워킹데이가 없습니다. 2026-12-15, 12/15, 12월 15일처럼 쓰거나 비워 두세요.",
    "No networking day on that date. Write it like 2026-12-15, 12/15 or 12월 15일, or leave it empty.",
);
pub const HISTORY_DETAIL_TITLE: L = L("변경 내용", "What changed");
pub const NO_FIELD_CHANGES: L = L(
    "이 변경은 색인만 바꿨습니다 (보일 항목 없음).",
    "This change touched only indexes (no field to show).",
);
pub const UNDO_CHANGE_TITLE: L = L("변경 되돌리기", "Undo a change");
pub const PERSON_CHANGES: L = L("최근 변경", "Recent changes");

pub const RECORD_ADDED: L = L("추가", "added");
/// A record a shred wrote: the values before it are kept nowhere.
pub const RECORD_SHREDDED: L = L(
    "파기 (이전 값은 남기지 않음)",
    "shredded (no earlier value kept)",
);
pub const RECORD_REMOVED: L = L("삭제", "removed");
pub const RECORD_CHANGED: L = L("변경", "changed");

// The fields a change shows before and after.
pub const FIELD_NAME: L = L("이름", "name");
pub const FIELD_ORG: L = L("소속", "organisation");
pub const FIELD_ROLE: L = L("직함", "role");
pub const FIELD_PHONE: L = L("연락처", "phone");
pub const FIELD_EMAIL: L = L("이메일", "e-mail");
pub const FIELD_CODE: L = L("코드", "code");
pub const FIELD_TAGS: L = L("태그", "tags");
pub const FIELD_NOTES: L = L("메모", "notes");
pub const FIELD_ARCHIVED: L = L("보관", "archived");
pub const FIELD_KIND: L = L("구분", "kind");
pub const FIELD_DISTRICT: L = L("지역", "district");
pub const FIELD_CONTACT: L = L("담당자", "contact");
pub const FIELD_TITLE: L = L("제목", "title");
pub const FIELD_DATE: L = L("날짜", "date");
pub const FIELD_START: L = L("시작", "start");
pub const FIELD_END: L = L("끝", "end");
pub const FIELD_MINUTES: L = L("길이(분)", "minutes");
pub const FIELD_VENUE: L = L("장소", "venue");
pub const FIELD_STATUS: L = L("상태", "status");
pub const FIELD_PRESENTER: L = L("발표자", "presenter");
pub const FIELD_TEXT: L = L("내용", "text");
pub const FIELD_OWNER: L = L("담당", "owner");
pub const FIELD_DUE: L = L("기한", "due");
pub const FIELD_DONE: L = L("완료", "done");
pub const FIELD_CATEGORY: L = L("분류", "category");
pub const FIELD_NEXT_STEP: L = L("다음 단계", "next step");
pub const FIELD_DESCRIPTION: L = L("설명", "description");
pub const FIELD_AGENDA: L = L("안건", "agenda item");
pub const FIELD_AUTHOR: L = L("작성자", "author");
pub const FIELD_ORGS: L = L("기관들", "organisations");
pub const OPEN_CLOSED: L = L("마감", "closed");
pub const OPEN_PLANNED: L = L("예정", "planned");

/// A person in the history: "김기성 (한울신협)".
pub fn touched_person(name: &str, org: &str) -> String {
    if org.is_empty() {
        name.to_string()
    } else {
        format!("{name} ({org})")
    }
}

pub fn touched_org(name: &str) -> String {
    pick(format!("기관 '{name}'"), format!("organisation '{name}'"))
}

pub fn touched_event(date: &str, title: &str) -> String {
    pick(
        format!("네트워킹데이 {date} '{title}'"),
        format!("networking day {date} '{title}'"),
    )
}

pub fn touched_agenda(title: &str) -> String {
    pick(format!("안건 '{title}'"), format!("agenda item '{title}'"))
}

pub fn touched_note(text: &str) -> String {
    pick(format!("기록 '{text}'"), format!("note '{text}'"))
}

pub fn touched_idea(title: &str) -> String {
    pick(format!("아이디어 '{title}'"), format!("idea '{title}'"))
}

/// A person's consent record.
pub fn touched_consent(name: &str) -> String {
    pick(format!("{name} 개인정보 동의"), format!("{name}'s consent"))
}

/// When and how a consent was given (the history's before/after of a consent record).
pub const FIELD_WHEN: L = L("언제", "When");
pub const FIELD_HOW: L = L("어떻게", "How");

/// Many people at once: "3명 · 새길협동조합 외".
pub fn touched_people(n: usize, first: &str) -> String {
    pick(
        format!("{n}명 · {first} 외"),
        format!("{n} people · {first} and others"),
    )
}

/// More records than the line names.
pub fn and_more(n: usize) -> String {
    pick(format!("외 {n}건"), format!("and {n} more"))
}

/// The attendance of a person at a day, as the before/after view labels it.
pub fn attendance_label(person: &str, date: &str) -> String {
    pick(
        format!("{person} · {date} 참석"),
        format!("{person} · attendance on {date}"),
    )
}

pub fn confirm_undo_change(id: &str, kind: &str, touched: &str) -> String {
    pick(
        format!(
            "변경 #{id} ({kind}: {touched}){} 되돌릴까요? 되돌리기도 새 변경으로 기록되어 다시 되돌릴 수 있습니다.",
            particle(id, Particle::EulReul)
        ),
        format!(
            "Undo change #{id} ({kind}: {touched})? The undo is recorded as a change of its own and can itself be undone."
        ),
    )
}

pub fn change_undone(id: &str, kind: &str, touched: &str, new_id: &str) -> String {
    pick(
        format!(
            "변경 #{id} ({kind}: {touched}){} 되돌렸습니다 (기록 #{new_id}).",
            particle(id, Particle::EulReul)
        ),
        format!("Undid change #{id} ({kind}: {touched}); recorded as #{new_id}."),
    )
}

pub fn history_filtered(n: usize, filter: &str) -> String {
    pick(
        format!("{n}건 · 필터: {filter}"),
        format!("{n} change(s) · filter: {filter}"),
    )
}

pub fn history_count(n: usize) -> String {
    pick(format!("{n}건"), format!("{n} change(s)"))
}

pub fn no_such_change(id: &str) -> (String, String) {
    (
        format!(
            "변경 {id}{} 기록에 없습니다. `netday history`로 번호를 확인하세요.",
            particle(id, Particle::IGa)
        ),
        format!("Change {id} is not on record. See `netday history` for the ids."),
    )
}

pub fn desk_is(name: &str) -> String {
    pick(
        format!("이 데스크의 이름: {name}"),
        format!("This desk's name: {name}"),
    )
}

pub fn desk_set(name: &str) -> String {
    pick(
        format!(
            "이 데스크의 이름을 '{name}'{} 정했습니다. 이제부터 모든 변경에 기록됩니다.",
            particle(name, Particle::EuroRo)
        ),
        format!("This desk is now named '{name}'; every change from now on records it."),
    )
}

pub const DESK_EMPTY: L = L(
    "데스크 이름이 비었습니다. 예: netday desk \"입구 1\"",
    "The desk's name is empty. For example: netday desk \"Entrance 1\"",
);

pub const NO_CHANGES_MATCH_CLI: L = L("조건에 맞는 변경이 없습니다.", "No change matches.");

/// `netday history --keep-days`: the setting and how many changes were folded away now.
pub fn history_kept(days: u64, folded: u64) -> String {
    if days == 0 {
        pick(
            "변경 이력을 모두 보관합니다".to_string(),
            "Every change is kept".to_string(),
        )
    } else {
        pick(
            format!(
                "변경 이력은 {days}일 동안 보관합니다 (지난 네트워킹데이 이후는 늘 보관). 지금 {folded}건을 정리했습니다"
            ),
            format!(
                "Changes are kept for {days} days (the last networking day's and later always). {folded} folded away now"
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, event_saved, with_lang};

    #[test]
    fn particles_follow_the_word_not_both_forms() {
        with_lang(Lang::Ko, || {
            // 3 is 삼 (consonant), 2 is 이 (vowel).
            assert!(confirm_undo_change("3", "추가", "x").contains("x)을 되돌릴까요"));
            assert!(change_undone("2", "추가", "x", "9").contains("x)를 되돌렸습니다"));
            assert!(no_such_change("3").0.starts_with("변경 3이 기록에"));
            assert!(no_such_change("2").0.starts_with("변경 2가 기록에"));
            assert!(desk_set("입구").contains("'입구'로 정했습니다"));
            assert!(desk_set("본관 입구 1").contains("'본관 입구 1'로 정했습니다"));
            assert!(desk_set("접수처 동").contains("'접수처 동'으로 정했습니다"));
            // A day title ending in a vowel and one ending in a consonant.
            let vowel = event_saved("2026년 12월 서울 협동조합 네트워킹데이", true);
            assert!(vowel.contains("네트워킹데이를 만들었습니다"), "{vowel}");
            let consonant = event_saved("송년 모임", true);
            assert!(consonant.contains("모임을 만들었습니다"), "{consonant}");
            for s in [
                vowel,
                consonant,
                confirm_undo_change("3", "a", "b"),
                desk_set("입구"),
            ] {
                assert!(!s.contains("(를)") && !s.contains("(으)로"), "{s}");
            }
        });
    }
}
