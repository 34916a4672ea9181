//! Consent to keep personal data (개인정보 보호법 제15조): its answers, how it was given, the
//! walk-in notice, and what the import, the forms and the 서명부 say about it.

use super::{L, pick};
use crate::model::{Consent, ConsentHow, ConsentState};

/// The import's column, the person form's field and the detail's line.
pub const CONSENT_COL: L = L("개인정보 동의", "Consent");
/// The detail pane's label (its labels are short).
pub const CONSENT_SHORT: L = L("동의", "Consent");
/// The 서명부's column head.
pub const CONSENT_SIGN_HEAD: L = L("개인정보 수집·이용 동의", "Consent to personal data");
/// Said where a person with consent "no" was saved with a phone or an e-mail typed in.
pub const CONTACT_NOT_KEPT: L = L(
    "동의하지 않아 연락처는 저장하지 않았습니다",
    "No consent: the phone and e-mail were not kept",
);
/// Under the person form's consent choice when "no" would empty a phone or e-mail on record.
pub const WITHDRAW_WARNING: L = L(
    "미동의로 저장하면 이 사람의 전화·이메일을 지난 기록에서도 지웁니다. 되돌릴 수 없습니다.",
    "Saved as no, this person's phone and e-mail are removed from the history too. It cannot be undone.",
);
/// After a consent "no" emptied a kept phone or e-mail, once the files were rewritten.
pub const WITHDRAWN_GONE: L = L(
    "동의하지 않아 전화·이메일을 지난 기록과 데이터베이스 파일에서도 지웠습니다. 이전 백업에는 남아 있을 수 있습니다.",
    "No consent: the phone and e-mail are gone from the history and the database files too. Older backups may still hold them.",
);
/// The same, after what the save or the import said.
pub const WITHDRAWN_GONE_AFTER: L = L(
    "미동의 연락처는 지난 기록과 파일에서도 지웠습니다",
    "the no-consent contact details are gone from the history and the files too",
);
/// The form's hint beside the consent choice.
pub const CONSENT_HINT: L = L(
    "←→ 또는 1·2·3 · 미동의면 연락처를 저장하지 않습니다",
    "←→ or 1·2·3 · with no, the phone and e-mail are not kept",
);

/// 동의 / 미동의 / 묻지 않음.
pub fn consent_state(s: ConsentState) -> &'static str {
    match s {
        ConsentState::Yes => L("동의", "Yes").get(),
        ConsentState::No => L("미동의", "No").get(),
        ConsentState::NotAsked => L("묻지 않음", "Not asked").get(),
    }
}

/// How the answer reached us.
pub fn consent_how(h: &ConsentHow) -> String {
    match h {
        ConsentHow::Import { file } => pick(
            format!("명단 파일 {file}"),
            format!("the imported list {file}"),
        ),
        ConsentHow::WalkIn => L("현장 등록 양식", "the walk-in form").get().to_string(),
        ConsentHow::PersonForm => L("참석자 양식", "the person form").get().to_string(),
        ConsentHow::SignedSheet => L("서명부 서명", "the signed sign-in sheet")
            .get()
            .to_string(),
    }
}

/// One line: the answer, when, how ("미동의 · 2026-12-08 10:31 · 현장 등록 양식").
pub fn consent_line(c: Option<&Consent>) -> String {
    let Some(c) = c else {
        return consent_state(ConsentState::NotAsked).to_string();
    };
    let mut out = consent_state(c.state).to_string();
    if let Some(at) = c.at {
        out.push_str(&format!(" · {}", at.local().format("%Y-%m-%d %H:%M")));
    }
    out.push_str(&format!(" · {}", consent_how(&c.how)));
    out
}

/// The walk-in form's one-line notice: what is collected, why, for how long (the retention
/// rule in force, `months` after the last attendance).
pub fn walk_in_notice(months: u32) -> String {
    let (ko, en) = if months > 0 && months.is_multiple_of(12) {
        (
            format!("{}년", months / 12),
            format!("{} year(s)", months / 12),
        )
    } else {
        (format!("{months}개월"), format!("{months} month(s)"))
    };
    pick(
        format!(
            "연락처는 네트워킹데이 안내에만 쓰며 마지막 참석 후 {ko} 뒤 파기합니다. 동의하지 않아도 참석할 수 있습니다."
        ),
        format!(
            "Phone and e-mail are used only for networking-day notices and destroyed {en} after the last attendance. You may attend without consenting."
        ),
    )
}

/// The import's note: people here whose kept contact details a "no" in the file removes.
pub fn import_withdrawn(people: usize) -> String {
    pick(
        format!(
            "{people}명이 동의하지 않는다고 답해, 보관하던 전화·이메일을 지난 기록에서도 지웁니다"
        ),
        format!(
            "{people} {} said no: the phone and e-mail kept for them are removed, from the history too",
            if people == 1 { "person" } else { "people" }
        ),
    )
}

/// The import's note: rows whose contact details were left out for want of consent.
pub fn import_withheld(rows: usize) -> String {
    pick(
        format!("개인정보 수집에 동의하지 않은 {rows}행의 연락처(전화·이메일)는 저장하지 않습니다"),
        format!(
            "{rows} {} said no to consent: their phone and e-mail are not kept",
            if rows == 1 { "row" } else { "rows" }
        ),
    )
}
