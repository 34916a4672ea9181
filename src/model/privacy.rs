//! Personal data's rules (개인정보 보호법 Art. 21): how long it is kept, who is due to be
//! shredded, and what shredding leaves of a person. No I/O: the store shreds, the screens ask.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::Person;

/// What a shred removes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ShredScope {
    /// Phone, e-mail and the notes about the person; name, organisation and attendance stay.
    Contact,
    /// Everything that names the person: what is left is an anonymous record, so that the
    /// days they came to still count them ("익명 3명").
    Whole,
}

/// The name a wholly shredded person is left with, in every language (it is stored).
pub const ANONYMOUS: &str = "익명";

/// Months kept after the last networking day a person attended, when no rule was set: two
/// years, what the walk-in form's notice says.
pub const DEFAULT_RETENTION_MONTHS: u32 = 24;

/// Longest retention rule netday takes (50 years).
pub const MAX_RETENTION_MONTHS: u32 = 600;

/// `p` as a shred with `scope` leaves it. Idempotent.
pub fn scrub(p: &mut Person, scope: ShredScope) {
    p.phone.clear();
    p.email.clear();
    p.notes.clear();
    if scope == ShredScope::Whole {
        p.name = ANONYMOUS.to_string();
        p.role.clear();
        p.tags.clear();
        p.aliases.clear();
        // Not archived for it: the days they came to count them as before (an archived
        // person is counted nowhere). The desk's search leaves them out (`is_anonymous`).
    }
}

/// Whether `p` is what a whole shred left: found by no search, checked in by nobody.
pub fn is_anonymous(p: &Person) -> bool {
    p.name == ANONYMOUS
        && p.phone.is_empty()
        && p.email.is_empty()
        && p.notes.is_empty()
        && p.role.is_empty()
        && p.tags.is_empty()
        && p.aliases.is_empty()
}

/// Whether a contact shred would remove anything of `p`.
pub fn holds_contact(p: &Person) -> bool {
    !(p.phone.is_empty() && p.email.is_empty() && p.notes.is_empty())
}

/// The day `p`'s data is due to be shredded: `months` after `last` (the last networking day
/// they attended, else the day they were added). `None`: never (a date out of range).
pub fn due_on(last: NaiveDate, months: u32) -> Option<NaiveDate> {
    last.checked_add_months(Months::new(months))
}

/// Whether data last used on `last` is due on `today` under a rule of `months`.
pub fn is_due(last: NaiveDate, months: u32, today: NaiveDate) -> bool {
    due_on(last, months).is_some_and(|d| d <= today)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Ts;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn due_counts_whole_months_from_the_last_day() {
        assert!(!is_due(d(2024, 12, 8), 24, d(2026, 12, 7)));
        assert!(is_due(d(2024, 12, 8), 24, d(2026, 12, 8)));
        assert!(is_due(d(2026, 12, 8), 0, d(2026, 12, 8)));
        // The end of a month stays in its month.
        assert_eq!(due_on(d(2024, 1, 31), 1), Some(d(2024, 2, 29)));
    }

    #[test]
    fn a_whole_shred_leaves_nothing_that_names_them() {
        let mut p = Person::new("정하늘", Ts(5));
        p.phone = "010-1234-5678".into();
        p.email = "sky@example.kr".into();
        p.notes = "휠체어 좌석".into();
        p.role = "이사".into();
        p.tags = vec!["강사".into()];
        p.aliases = vec!["AB12".into()];
        p.org_id = Some(3);
        let mut contact = p.clone();
        scrub(&mut contact, ShredScope::Contact);
        assert_eq!(contact.name, "정하늘");
        assert!(!holds_contact(&contact) && !is_anonymous(&contact));
        scrub(&mut p, ShredScope::Whole);
        assert!(is_anonymous(&p));
        assert_eq!(p.org_id, Some(3), "the organisation still counts");
        assert!(p.role.is_empty() && p.tags.is_empty() && p.aliases.is_empty());
    }
}
