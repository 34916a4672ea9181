//! Consent to keep a person's personal data (개인정보 보호법 제15조): whether they agreed, when,
//! and how the answer reached us. Kept beside the person, not in `Person`: a person who said no
//! keeps a name and an organisation for the day, never a phone number or an e-mail address.

use serde::{Deserialize, Serialize};

use super::Ts;

/// The person's answer.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum ConsentState {
    /// Nobody asked yet (or the answer could not be read).
    #[default]
    NotAsked,
    Yes,
    No,
}

impl ConsentState {
    /// The choices as a form offers them: 동의, 미동의, 묻지 않음.
    pub const ALL: [ConsentState; 3] =
        [ConsentState::Yes, ConsentState::No, ConsentState::NotAsked];

    /// An answer as a list or a form tool writes it: 예/아니오, 동의/미동의, 동의함/동의하지 않음,
    /// "동의합니다"/"동의하지 않습니다", O/X, Y/N, yes/no, true/false, 1/0, ✓/v. Empty, or
    /// anything else, is not an answer: `NotAsked`.
    pub fn parse(answer: &str) -> ConsentState {
        let a: String = answer
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '.' | '!' | '(' | ')' | '[' | ']'))
            .collect::<String>()
            .to_lowercase();
        const NO: &[&str] = &[
            "아니오",
            "아니요",
            "아니",
            "미동의",
            "비동의",
            "거부",
            "x",
            "n",
            "no",
            "false",
            "0",
            "✗",
            "✘",
            "×",
            "disagree",
            "declined",
            "refused",
        ];
        const YES: &[&str] = &[
            "예", "네", "동의", "o", "y", "yes", "true", "1", "✓", "✔", "v", "☑", "○", "agree",
            "agreed", "accepted",
        ];
        if NO.contains(&a.as_str()) {
            return ConsentState::No;
        }
        if YES.contains(&a.as_str()) {
            return ConsentState::Yes;
        }
        // Long answers: "동의하지 않습니다", "동의 안 함", "I do not agree".
        let refuses = ["않", "안함", "안합", "미동의", "비동의", "거부", "거절"]
            .iter()
            .any(|w| a.contains(w))
            || a.starts_with("no")
            || a.contains("notagree")
            || a.contains("don'tagree")
            || a.contains("disagree");
        if refuses {
            return ConsentState::No;
        }
        if a.starts_with("동의")
            || a.starts_with("예")
            || a.starts_with("yes")
            || a.starts_with("iagree")
            || a.starts_with("agree")
        {
            return ConsentState::Yes;
        }
        ConsentState::NotAsked
    }
}

/// Headers of the column in which form tools say when an answer was sent (Google Forms'
/// "타임스탬프", Naver Form's "응답일시"), compared without spaces, any case.
pub const ANSWERED_AT_HEADERS: &[&str] = &[
    "타임스탬프",
    "timestamp",
    "응답일시",
    "응답시간",
    "응답시각",
    "제출일시",
    "제출시간",
    "제출시각",
    "작성일시",
    "신청일시",
];

/// When an answer was sent, as form tools write it ("2026. 12. 1 오후 3:04:05",
/// "2026-12-01 15:04:05", "2026.12.01 15:04", "12/1/2026 15:04:05"), read in the local zone.
pub fn parse_answered_at(cell: &str) -> Option<Ts> {
    let lower = cell.to_lowercase();
    let pm = lower.contains("오후") || lower.contains("pm");
    let am = lower.contains("오전") || lower.contains("am");
    let plain = ["오후", "오전", "pm", "am"]
        .iter()
        .fold(lower, |t, w| t.replace(w, " "));
    let plain = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    const FORMATS: &[&str] = &[
        "%Y. %m. %d %H:%M:%S",
        "%Y. %m. %d %H:%M",
        "%Y.%m.%d %H:%M:%S",
        "%Y.%m.%d %H:%M",
        "%Y. %m. %d. %H:%M:%S",
        "%Y. %m. %d. %H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dt%H:%M:%S",
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %H:%M",
        "%m/%d/%Y %H:%M:%S",
        "%m/%d/%Y %H:%M",
    ];
    let mut t = FORMATS
        .iter()
        .find_map(|f| chrono::NaiveDateTime::parse_from_str(&plain, f).ok())?;
    use chrono::Timelike;
    if pm && t.hour() < 12 {
        t += chrono::Duration::hours(12);
    } else if am && t.hour() == 12 {
        t -= chrono::Duration::hours(12);
    }
    super::from_local(t)
}

/// How the answer reached us.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Hash)]
pub enum ConsentHow {
    /// A column of an imported list (an application form's export): the file's name.
    Import { file: String },
    /// Asked at the check-in desk's walk-in form.
    WalkIn,
    /// Entered on the person form (People screen), as the person told the desk.
    PersonForm,
    /// Signed on the printed 서명부.
    SignedSheet,
}

/// A person's consent on record.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Consent {
    pub state: ConsentState,
    /// When the answer was given (the import's time, or the form's timestamp column).
    pub at: Option<Ts>,
    pub how: ConsentHow,
}

impl Consent {
    pub fn new(state: ConsentState, at: Ts, how: ConsentHow) -> Consent {
        Consent {
            state,
            at: Some(at),
            how,
        }
    }

    /// Whether the person's phone and e-mail may be kept.
    pub fn refused(&self) -> bool {
        self.state == ConsentState::No
    }
}

/// Whether contact details may be kept under `consent` (none on record: yes, as before
/// consent was recorded).
pub fn keeps_contact(consent: Option<&Consent>) -> bool {
    !consent.is_some_and(Consent::refused)
}

#[cfg(test)]
mod tests {
    use super::ConsentState::{self, *};

    #[test]
    fn the_time_an_answer_was_sent_as_form_tools_write_it() {
        use super::parse_answered_at;
        crate::model::set_zone(chrono_tz::Asia::Seoul);
        let at = |s: &str| {
            parse_answered_at(s).map(|t| t.local().format("%Y-%m-%d %H:%M:%S").to_string())
        };
        let want = Some("2026-12-01 15:04:05".to_string());
        assert_eq!(at("2026. 12. 1 오후 3:04:05"), want);
        assert_eq!(at("2026-12-01 15:04:05"), want);
        assert_eq!(at("12/1/2026 15:04:05"), want);
        assert_eq!(
            at("2026. 12. 1 오전 12:30:00").unwrap(),
            "2026-12-01 00:30:00"
        );
        assert_eq!(at("2026.12.01 15:04").unwrap(), "2026-12-01 15:04:00");
        assert_eq!(at("어제"), None);
        assert_eq!(at(""), None);
    }

    #[test]
    fn answers_as_lists_and_form_tools_write_them() {
        let cases = [
            ("예", Yes),
            ("아니오", No),
            ("동의", Yes),
            ("미동의", No),
            ("동의함", Yes),
            ("동의하지 않음", No),
            ("동의합니다", Yes),
            ("동의하지 않습니다", No),
            ("동의 안 함", No),
            ("O", Yes),
            ("X", No),
            ("Y", Yes),
            ("N", No),
            ("yes", Yes),
            ("No", No),
            ("TRUE", Yes),
            ("false", No),
            ("1", Yes),
            ("0", No),
            ("✓", Yes),
            ("v", Yes),
            ("", NotAsked),
            ("  ", NotAsked),
            ("모름", NotAsked),
            ("I agree", Yes),
            ("I do not agree", No),
        ];
        for (a, want) in cases {
            assert_eq!(ConsentState::parse(a), want, "{a:?}");
        }
    }
}
