//! The link between two desks in words: the header's link status (connected, cut, offering a
//! code). Pure functions of plain values, so the words are tested without a link.

use super::pick;
use crate::model::korean::{Particle, particle};

/// How long ago something happened, `secs` seconds back: "방금", "3초 전", "2분 전",
/// "1시간 전" / "just now", "3 seconds ago", "1 minute ago", "2 hours ago". Rounded down.
pub fn ago(secs: u64) -> String {
    let (ko, en) = ago_both(secs);
    pick(ko, en)
}

fn ago_both(secs: u64) -> (String, String) {
    let (n, ko, one, many) = match secs {
        0 => return ("방금".into(), "just now".into()),
        s if s < 60 => (s, "초", "second", "seconds"),
        s if s < 3600 => (s / 60, "분", "minute", "minutes"),
        s => (s / 3600, "시간", "hour", "hours"),
    };
    (
        format!("{n}{ko} 전"),
        format!("{n} {} ago", if n == 1 { one } else { many }),
    )
}

/// Linked to the other desk (`peer`, its name, when known), last synced `since_sync`
/// seconds ago (`None`: nothing exchanged yet): "연결됨 · 마지막 동기화 3초 전",
/// "입구 2와 연결됨 · 마지막 동기화 방금".
pub fn link_up(peer: Option<&str>, since_sync: Option<u64>) -> String {
    let (ko_sync, en_sync) = match since_sync {
        Some(s) => {
            let (ko, en) = ago_both(s);
            (format!("마지막 동기화 {ko}"), format!("last sync {en}"))
        }
        None => ("아직 동기화 전".to_string(), "not synced yet".to_string()),
    };
    match peer.map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => pick(
            format!("{p}{} 연결됨 · {ko_sync}", particle(p, Particle::GwaWa)),
            format!("Linked with {p} · {en_sync}"),
        ),
        None => pick(format!("연결됨 · {ko_sync}"), format!("Linked · {en_sync}")),
    }
}

/// The link to the other desk is cut; `unsent` changes made here (or passed on) have not
/// reached it yet: "끊김 — 5건 보내지 못함", "입구 2와 연결 끊김 — 1건 보내지 못함".
pub fn link_down(peer: Option<&str>, unsent: u64) -> String {
    let (ko_rest, en_rest) = match unsent {
        0 => (
            "보내지 못한 변경 없음".to_string(),
            "nothing left to send".to_string(),
        ),
        1 => (
            "1건 보내지 못함".to_string(),
            "1 change not sent".to_string(),
        ),
        n => (
            format!("{n}건 보내지 못함"),
            format!("{n} changes not sent"),
        ),
    };
    match peer.map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => pick(
            format!("{p}{} 연결 끊김 — {ko_rest}", particle(p, Particle::GwaWa)),
            format!("Cut off from {p} — {en_rest}"),
        ),
        None => pick(format!("끊김 — {ko_rest}"), format!("Cut — {en_rest}")),
    }
}

/// This desk offers pairing with `code` (six digits, shown as "123 456"), good for
/// `left_secs` more seconds: "코드 123 456 · 9:41 남음"; once none are left, that it expired.
pub fn link_offer(code: u32, left_secs: u64) -> String {
    let code = format!("{:03} {:03}", code / 1000, code % 1000);
    if left_secs == 0 {
        return pick(
            format!("코드 {code} · 만료됨, 새 코드를 만드세요"),
            format!("Code {code} · expired, make a new one"),
        );
    }
    let left = match left_secs {
        s if s >= 3600 => format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60),
        s => format!("{}:{:02}", s / 60, s % 60),
    };
    pick(
        format!("코드 {code} · {left} 남음"),
        format!("Code {code} · {left} left"),
    )
}

// --- the 동기화 screen ---

pub const SCREEN_SYNC: super::L = super::L("동기화", "Sync");
pub const COL_CONFLICT: super::L = super::L("충돌", "Conflict");
pub const COL_VALUE: super::L = super::L("값", "Value");
pub const COL_SHOWN_NOW: super::L = super::L("지금", "Now");
pub const SHOWN_NOW: super::L = super::L("지금 값", "shown");
pub const NO_CONFLICTS: super::L = super::L(
    "충돌이 없습니다. 두 노트북이 같은 칸을 서로 모르게 다르게 바꾸면 여기에 나오고, 고른 값이 양쪽에 적용됩니다.",
    "No conflicts. When two laptops change the same field apart, it is listed here and the value you choose goes to both.",
);
pub const FOOTER_DECIDE: super::L = super::L("이 값으로 정하기/합치기", "choose this value/merge");

/// How many conflicts wait, and what to do with them.
pub fn conflicts_count(n: usize) -> String {
    match n {
        0 => pick("충돌 0건".to_string(), "0 conflicts".to_string()),
        n => pick(
            format!("충돌 {n}건 — 맞는 값에서 Enter (두 노트북이 지금 같은 값을 보여 줍니다)"),
            format!(
                "{n} conflict{} — Enter on the right value (both laptops show the same value meanwhile)",
                if n == 1 { "" } else { "s" }
            ),
        ),
    }
}

/// A conflict settled: the record, the field and the value chosen, in words.
pub fn conflict_decided(record: &str, field: &str, value: &str) -> String {
    pick(
        format!(
            "✓ {record} · {field}: ‘{value}’{} 정했습니다 (저장됨, 다른 노트북에도 갑니다)",
            particle(value, Particle::EuroRo)
        ),
        format!("✓ {record} · {field}: set to ‘{value}’ (saved; goes to the other laptop too)"),
    )
}

/// The record a conflict is about: its kind, then its name ("사람 김민준").
pub fn conflict_record(kind: crate::model::sync::RecordKind, name: &str) -> String {
    use crate::model::sync::RecordKind as K;
    let (ko, en) = match kind {
        K::Person => ("사람", "person"),
        K::Org => ("기관", "organisation"),
        K::Event => ("네트워킹데이", "networking day"),
        K::Attendance => ("참석", "attendance"),
        K::Agenda => ("안건", "agenda item"),
        K::Note => ("기록", "note"),
        K::Idea => ("아이디어", "idea"),
        K::Merge => ("병합", "merge of"),
        K::BadgeCode => ("배지 코드", "badge code"),
        K::Other => ("기록", "record"),
    };
    pick(format!("{ko} {name}"), format!("{en} {name}"))
}

/// The field a conflict is about.
pub fn conflict_field(field: crate::model::sync::FieldName) -> &'static str {
    use crate::model::sync::FieldName as F;
    let l = match field {
        F::Exists => super::L("기록 있음", "record kept"),
        F::Id => super::L("번호", "id"),
        F::Code => super::L("배지 코드", "badge code"),
        F::Name => super::L("이름", "name"),
        F::Org => super::L("소속 기관", "organisation"),
        F::Role => super::L("직함", "role"),
        F::Phone => super::L("연락처", "phone"),
        F::Email => super::L("이메일", "e-mail"),
        F::Tags => super::L("태그", "tags"),
        F::Notes => super::L("메모", "notes"),
        F::Archived => super::L("보관", "archived"),
        F::Created => super::L("등록일", "created"),
        F::OtherCodes => super::L("다른 코드", "other codes"),
        F::Kind => super::L("구분", "kind"),
        F::District => super::L("지역", "district"),
        F::Contact => super::L("연락처", "contact"),
        F::Attendance => super::L("참석 상태", "attendance"),
        F::MergedInto => super::L("합쳐진 사람", "merged into"),
        F::Content => super::L("내용", "content"),
        F::Consent => super::L("개인정보 동의", "consent"),
    };
    l.get()
}

/// A conflicting value in words.
pub fn conflict_value(v: &crate::model::sync::Value) -> String {
    use crate::model::AttendanceStatus as S;
    use crate::model::sync::Value as V;
    match v {
        V::Text(t) => t.clone(),
        V::Empty => super::L("(빈 칸)", "(empty)").get().to_string(),
        V::Deleted => super::L("지움", "removed").get().to_string(),
        V::Kept => super::L("남김", "kept").get().to_string(),
        V::Archived(true) => super::L("보관됨", "archived").get().to_string(),
        V::Archived(false) => super::L("목록에 있음", "listed").get().to_string(),
        V::Attendance(s) => {
            let label = s.label().get();
            match s {
                S::CheckedIn { at, desk } | S::WalkIn { at, desk } => {
                    format!("{label} {} ({desk})", at.hhmm())
                }
                _ => label.to_string(),
            }
        }
        V::Unreadable => super::L("(읽을 수 없는 값)", "(unreadable value)")
            .get()
            .to_string(),
        V::Consent(c) => super::consent_line(Some(c)),
    }
}

pub const ACTION_MERGE_PAIR: (Option<super::L>, super::L) = (
    None,
    super::L(
        "두 노트북에서 따로 등록된 같은 사람 합치기",
        "Merge one person registered apart at two laptops",
    ),
);

/// Over the people who may be one, registered apart at two laptops.
pub fn same_at_two_desks_count(n: usize) -> String {
    pick(
        format!(
            "두 노트북에서 따로 등록된 같은 사람일 수 있음 {n}명 — Enter로 합치기 (명단에서 칸마다 고름)"
        ),
        format!(
            "{n} may be one person registered apart at two laptops — Enter to merge (field by field in 명단)"
        ),
    )
}

pub const SAME_PERSON: super::L = super::L("같은 사람?", "Same person?");

/// Hosting could not listen on the network (`why`: the system's words).
pub fn sync_listen_failed(why: &str) -> (String, String) {
    (
        format!(
            "연결을 받을 수 없습니다: {why}. 방화벽이나 다른 프로그램이 막고 있지 않은지 확인하세요."
        ),
        format!(
            "cannot take links: {why}. Check that a firewall or another program is not in the way."
        ),
    )
}

pub fn sync_bad_address(typed: &str) -> String {
    pick(
        format!(
            "‘{typed}’는 주소로 읽을 수 없습니다. 다른 노트북 화면의 주소를 그대로 쓰세요 (예: 192.168.0.12:47600)."
        ),
        format!(
            "‘{typed}’ is not an address. Type the address the other laptop shows (e.g. 192.168.0.12:47600)."
        ),
    )
}

pub const SYNC_BAD_CODE: super::L = super::L(
    "코드는 숫자 6자리입니다 (다른 노트북 화면에 보이는 123 456). 처음 잇는 노트북이 아니면 비워 두세요.",
    "The code is 6 digits (the 123 456 the other laptop shows). Leave it empty for a laptop linked before.",
);
pub const SYNC_CODE_NEEDED: super::L = super::L(
    "처음 잇는 노트북입니다: 다른 노트북 화면의 코드 6자리를 쓰세요.",
    "This laptop was never linked: type the 6-digit code the other laptop shows.",
);

/// The header's word when the link gave up.
pub fn sync_failed_short(why: &str) -> String {
    pick(format!("연결 안 됨 — {why}"), format!("not linked — {why}"))
}

pub const SYNC_STOPPED: super::L = super::L(
    "연결을 끊었습니다. 다시 이으면 그동안의 변경을 서로 주고받습니다.",
    "Link ended. Link again and both laptops catch up on what changed meanwhile.",
);

pub const SYNC_ADDR_NEEDED: super::L = super::L(
    "다른 노트북 화면에 보이는 주소를 쓰세요 (예: 192.168.0.12:47600).",
    "Type the address the other laptop shows (e.g. 192.168.0.12:47600).",
);
pub const F_SYNC_ADDR: super::L = super::L("주소", "Address");
pub const F_SYNC_CODE: super::L = super::L("코드 (6자리)", "Code (6 digits)");
pub const SYNC_JOIN_TITLE: super::L = super::L("다른 노트북에 잇기", "Link to another laptop");

/// The screen's first line when not linked: this laptop, and the keys that link it.
pub fn sync_not_linked(me: &str) -> String {
    pick(
        format!(
            "이 노트북: {me} · 연결 안 됨 — F2 연결 받기(주소와 코드 보이기) · F3 다른 노트북에 잇기"
        ),
        format!(
            "This laptop: {me} · not linked — F2 offer a link (shows address and code) · F3 link to another laptop"
        ),
    )
}

/// The screen's first line when linking: this laptop and the link's words.
pub fn sync_link_line(me: &str, words: &str) -> String {
    pick(
        format!("이 노트북: {me} · {words} · F4 연결 끊기"),
        format!("This laptop: {me} · {words} · F4 end the link"),
    )
}

/// Where the other laptop reaches this one.
pub fn sync_hosting_at(addrs: &[String], offering: bool) -> String {
    if addrs.is_empty() {
        return pick(
            "이 노트북의 네트워크 주소를 찾지 못했습니다: 와이파이에 연결되어 있는지 확인하세요."
                .to_string(),
            "No network address found for this laptop: check that it is on the Wi-Fi.".to_string(),
        );
    }
    let list = addrs.join(" / ");
    if !offering {
        return pick(
            format!(
                "이 노트북의 주소: {list} · 짝지은 노트북은 코드 없이 이어집니다. 새 노트북은 F2로 새 코드를 만드세요."
            ),
            format!(
                "This laptop's address: {list} · paired laptops link without a code; for a new one press F2 for a new code."
            ),
        );
    }
    pick(
        format!("다른 노트북에서 F3을 누르고 이 주소와 위의 코드를 쓰세요 (같은 와이파이): {list}"),
        format!(
            "On the other laptop press F3 and type this address and the code above (same Wi-Fi): {list}"
        ),
    )
}

pub const ACTION_SYNC_HOST: (Option<super::L>, super::L) = (
    None,
    super::L(
        "동기화: 연결 받기 (주소와 새 코드 보이기)",
        "Sync: offer a link (address and a new code)",
    ),
);
pub const ACTION_SYNC_JOIN: (Option<super::L>, super::L) = (
    None,
    super::L(
        "동기화: 다른 노트북에 잇기 (주소와 코드)",
        "Sync: link to another laptop (address and code)",
    ),
);
pub const ACTION_SYNC_STOP: (Option<super::L>, super::L) =
    (None, super::L("동기화: 연결 끊기", "Sync: end the link"));

pub const FOOTER_SYNC_HOST: super::L = super::L("연결 받기", "offer a link");
pub const FOOTER_SYNC_JOIN: super::L = super::L("잇기", "link");
pub const FOOTER_SYNC_STOP: super::L = super::L("끊기", "end link");

pub const FOOTER_JOIN_FROM: super::L = super::L("다른 노트북에서 받기", "from another laptop");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, with_lang};

    fn ko<R>(f: impl FnOnce() -> R) -> R {
        with_lang(Lang::Ko, f)
    }
    fn en<R>(f: impl FnOnce() -> R) -> R {
        with_lang(Lang::En, f)
    }

    #[test]
    fn the_header_says_what_the_issue_shows() {
        assert_eq!(
            ko(|| link_up(None, Some(3))),
            "연결됨 · 마지막 동기화 3초 전"
        );
        assert_eq!(ko(|| link_down(None, 5)), "끊김 — 5건 보내지 못함");
        assert_eq!(ko(|| link_offer(123_456, 581)), "코드 123 456 · 9:41 남음");
        assert_eq!(
            en(|| link_up(None, Some(3))),
            "Linked · last sync 3 seconds ago"
        );
        assert_eq!(en(|| link_down(None, 5)), "Cut — 5 changes not sent");
        assert_eq!(en(|| link_offer(123_456, 581)), "Code 123 456 · 9:41 left");
    }

    #[test]
    fn seconds_minutes_and_hours_round_down_and_count_right() {
        for (secs, k, e) in [
            (0, "방금", "just now"),
            (1, "1초 전", "1 second ago"),
            (59, "59초 전", "59 seconds ago"),
            (60, "1분 전", "1 minute ago"),
            (119, "1분 전", "1 minute ago"),
            (120, "2분 전", "2 minutes ago"),
            (3599, "59분 전", "59 minutes ago"),
            (3600, "1시간 전", "1 hour ago"),
            (7200 + 3599, "2시간 전", "2 hours ago"),
            (30 * 3600, "30시간 전", "30 hours ago"),
        ] {
            assert_eq!(ko(|| ago(secs)), k, "{secs}");
            assert_eq!(en(|| ago(secs)), e, "{secs}");
        }
        assert_eq!(ko(|| link_up(None, Some(0))), "연결됨 · 마지막 동기화 방금");
        assert_eq!(
            en(|| link_up(None, Some(7200))),
            "Linked · last sync 2 hours ago"
        );
        assert_eq!(ko(|| link_up(None, None)), "연결됨 · 아직 동기화 전");
        assert_eq!(en(|| link_up(None, None)), "Linked · not synced yet");
    }

    #[test]
    fn the_other_desks_name_takes_the_particle_its_last_sound_asks_for() {
        // 입구 2 (이) ends in a vowel, 입구 1 (일) in ㄹ, 본부석 in a consonant: 와/과 follows.
        assert_eq!(
            ko(|| link_up(Some("입구 2"), Some(3))),
            "입구 2와 연결됨 · 마지막 동기화 3초 전"
        );
        assert_eq!(
            ko(|| link_up(Some("입구 1"), Some(3))),
            "입구 1과 연결됨 · 마지막 동기화 3초 전"
        );
        assert_eq!(
            ko(|| link_down(Some("본부석"), 2)),
            "본부석과 연결 끊김 — 2건 보내지 못함"
        );
        assert_eq!(
            ko(|| link_down(Some("데스크"), 2)),
            "데스크와 연결 끊김 — 2건 보내지 못함"
        );
        assert_eq!(
            en(|| link_down(Some("Desk B"), 1)),
            "Cut off from Desk B — 1 change not sent"
        );
        // A blank name is no name.
        assert_eq!(ko(|| link_up(Some("  "), None)), "연결됨 · 아직 동기화 전");
    }

    #[test]
    fn nothing_unsent_and_codes_with_leading_zeros_and_an_expired_offer() {
        assert_eq!(ko(|| link_down(None, 0)), "끊김 — 보내지 못한 변경 없음");
        assert_eq!(en(|| link_down(None, 1)), "Cut — 1 change not sent");
        assert_eq!(ko(|| link_offer(7, 600)), "코드 000 007 · 10:00 남음");
        assert_eq!(en(|| link_offer(40_321, 9)), "Code 040 321 · 0:09 left");
        assert_eq!(
            ko(|| link_offer(123_456, 0)),
            "코드 123 456 · 만료됨, 새 코드를 만드세요"
        );
        assert_eq!(
            en(|| link_offer(123_456, 3600)),
            "Code 123 456 · 1:00:00 left"
        );
    }
}
