//! The day's numbers (the README's check-in section says them for users), defined once: the desk, the People
//! screen, `netday events` and the minutes all show what `DayCount::of` says.

use super::{AttendanceStatus, OrgKind};

/// Who stands where on one networking day. Always `arrived + missing == expected + walk_ins`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DayCount {
    /// 도착: everyone checked in, pre-registered arrivals plus walk-ins.
    pub arrived: usize,
    /// 예정: registered before the day and not cancelled, arrived or not (no-shows included).
    pub expected: usize,
    /// 현장: registered at the door.
    pub walk_ins: usize,
    /// 미도착: pre-registered and not arrived; once the day is closed, the no-shows.
    pub missing: usize,
    /// 미정: answered "maybe"; in none of the numbers above.
    pub tentative: usize,
}

impl DayCount {
    pub fn of<'a>(statuses: impl IntoIterator<Item = &'a AttendanceStatus>) -> DayCount {
        let mut c = DayCount::default();
        for s in statuses {
            match s {
                AttendanceStatus::Expected | AttendanceStatus::NoShow => {
                    c.expected += 1;
                    c.missing += 1;
                }
                AttendanceStatus::CheckedIn { .. } => {
                    c.expected += 1;
                    c.arrived += 1;
                }
                AttendanceStatus::WalkIn { .. } => {
                    c.walk_ins += 1;
                    c.arrived += 1;
                }
                AttendanceStatus::Tentative => c.tentative += 1,
                AttendanceStatus::Cancelled => {}
            }
        }
        c
    }
}

/// Arrivals by the kind of their organisation, in `OrgKind::ALL` order.
pub fn arrived_by_kind<'a>(
    people: impl IntoIterator<Item = (&'a AttendanceStatus, OrgKind)>,
) -> [usize; 6] {
    let mut by_kind = [0; 6];
    for (s, kind) in people {
        if s.is_arrived()
            && let Some(k) = OrgKind::ALL.iter().position(|x| *x == kind)
        {
            by_kind[k] += 1;
        }
    }
    by_kind
}

/// How many of each thing a snapshot holds (what messages about backups and restores say).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RecordCounts {
    pub people: usize,
    pub orgs: usize,
    pub events: usize,
    pub attendance: usize,
    pub agenda: usize,
    pub notes: usize,
    pub ideas: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Ts;

    fn checked_in() -> AttendanceStatus {
        AttendanceStatus::CheckedIn {
            at: Ts(1),
            desk: String::new(),
        }
    }
    fn walk_in() -> AttendanceStatus {
        AttendanceStatus::WalkIn {
            at: Ts(1),
            desk: String::new(),
        }
    }
    fn count(n: usize, s: AttendanceStatus) -> Vec<AttendanceStatus> {
        vec![s; n]
    }

    #[test]
    fn walk_ins_arrive_without_being_expected() {
        // The day of the issue: 14 pre-registered, 11 of them in, 3 walk-ins.
        let mut day = count(11, checked_in());
        day.extend(count(3, AttendanceStatus::Expected));
        day.extend(count(3, walk_in()));
        let c = DayCount::of(&day);
        assert_eq!(
            c,
            DayCount {
                arrived: 14,
                expected: 14,
                walk_ins: 3,
                missing: 3,
                tentative: 0,
            }
        );
        // Everyone pre-registered arrives: more arrived than expected, nobody missing.
        let day: Vec<_> = day
            .into_iter()
            .map(|s| match s {
                AttendanceStatus::Expected => checked_in(),
                s => s,
            })
            .collect();
        let c = DayCount::of(&day);
        assert_eq!(
            (c.arrived, c.expected, c.walk_ins, c.missing),
            (17, 14, 3, 0)
        );
    }

    #[test]
    fn no_shows_stay_expected_and_missing_cancelled_count_nowhere() {
        let mut day = count(2, AttendanceStatus::NoShow);
        day.extend(count(4, AttendanceStatus::Cancelled));
        day.push(checked_in());
        let c = DayCount::of(&day);
        assert_eq!((c.arrived, c.expected, c.walk_ins, c.missing), (1, 3, 0, 2));
        assert_eq!(DayCount::of(&[]), DayCount::default());
    }

    #[test]
    fn every_mix_balances() {
        let kinds = [
            AttendanceStatus::Expected,
            checked_in(),
            walk_in(),
            AttendanceStatus::Cancelled,
            AttendanceStatus::NoShow,
        ];
        for mask in 0..5usize.pow(4) {
            let day: Vec<_> = (0..4)
                .map(|i| kinds[mask / 5usize.pow(i) % 5].clone())
                .collect();
            let c = DayCount::of(&day);
            assert_eq!(c.arrived + c.missing, c.expected + c.walk_ins, "{day:?}");
            let cancelled = day
                .iter()
                .filter(|s| **s == AttendanceStatus::Cancelled)
                .count();
            assert_eq!(c.expected + c.walk_ins + cancelled, day.len(), "{day:?}");
        }
    }

    #[test]
    fn arrivals_by_kind_count_only_the_arrived() {
        let day = [
            (checked_in(), OrgKind::CreditUnion),
            (walk_in(), OrgKind::CreditUnion),
            (AttendanceStatus::Expected, OrgKind::ConsumerCoop),
            (AttendanceStatus::NoShow, OrgKind::Other),
            (walk_in(), OrgKind::Other),
        ];
        assert_eq!(
            arrived_by_kind(day.iter().map(|(s, k)| (s, *k))),
            [2, 0, 0, 0, 0, 1]
        );
    }

    #[test]
    fn tentative_people_are_counted_apart() {
        let mut day = count(2, AttendanceStatus::Tentative);
        day.extend(count(3, AttendanceStatus::Expected));
        let c = DayCount::of(&day);
        assert_eq!((c.tentative, c.expected, c.missing), (2, 3, 3));
        assert_eq!(c.arrived + c.missing, c.expected + c.walk_ins);
    }
}
