//! Dates and times as coordinators type them, and the day's defaults: one place for the
//! networking day's usual hours and one grammar for a due date.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};

use super::{AgendaItem, AgendaStatus, Event, Id, Ts};

/// When a networking day starts and ends unless it says otherwise.
pub const DAY_START: NaiveTime = match NaiveTime::from_hms_opt(14, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};
pub const DAY_END: NaiveTime = match NaiveTime::from_hms_opt(17, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};

/// The place a day's title names when no earlier day names one.
pub const DEFAULT_PLACE: &str = "서울";

/// "2026년 12월 서울 협동조합 네트워킹데이": the title a day gets from its date and place.
pub fn title_for(date: NaiveDate, place: &str) -> String {
    format!(
        "{}년 {}월 {place} 협동조합 네트워킹데이",
        date.year(),
        date.month()
    )
}

/// The place word of a title made by `title_for` ("서울" of "2026년 11월 서울 협동조합 …").
pub fn place_of(title: &str) -> Option<&str> {
    let rest = title.split_once("월 ")?.1;
    rest.strip_suffix(" 협동조합 네트워킹데이")
}

/// The day a month after `d` on the same weekday of its month: the first Monday gives next
/// month's first Monday (2026-12-07 → 2027-01-04); a fifth weekday a month has not gives
/// that month's last one.
pub fn same_weekday_next_month(d: NaiveDate) -> Option<NaiveDate> {
    let first = d.with_day(1)?.checked_add_months(chrono::Months::new(1))?;
    let nth = (d.day() - 1) / 7;
    let ahead =
        (7 + d.weekday().num_days_from_monday() - first.weekday().num_days_from_monday()) % 7;
    let day = first.checked_add_days(chrono::Days::new(u64::from(ahead + 7 * nth)))?;
    if day.month() == first.month() {
        Some(day)
    } else {
        day.checked_sub_days(chrono::Days::new(7))
    }
}

/// The time `e` starts: its own, else `DAY_START`.
pub fn start_of(e: &Event) -> NaiveTime {
    e.start.unwrap_or(DAY_START)
}

/// A date as coordinators type it, for a due date and for `--event`: today (오늘), 2026-12-01,
/// 2026.12.1, 2026/12/1, 20261201, 2026년 12월 1일, or 12-01, 12/1, 12.1, 12월 1일 (in the year
/// of `today`).
pub fn parse_due(s: &str, today: NaiveDate) -> Option<NaiveDate> {
    let s = s.trim();
    if s.eq_ignore_ascii_case("today") || s == "오늘" {
        return Some(today);
    }
    let parts: Vec<&str> = s
        .split(|c: char| matches!(c, '-' | '.' | '/' | '년' | '월' | '일') || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    let num = |p: &str| p.parse::<u32>().ok();
    match parts.as_slice() {
        [y, m, d] => NaiveDate::from_ymd_opt(y.parse().ok()?, num(m)?, num(d)?),
        [m, d] => NaiveDate::from_ymd_opt(today.year(), num(m)?, num(d)?),
        [ymd] if ymd.len() == 8 => NaiveDate::parse_from_str(ymd, "%Y%m%d").ok(),
        _ => None,
    }
}

/// When each item starts and ends: its own start, else where the one before it ended, else the
/// day's start.
pub fn schedule(items: &[AgendaItem], day_start: NaiveTime) -> Vec<(NaiveTime, NaiveTime)> {
    let mut t = day_start;
    items
        .iter()
        .map(|i| {
            let s = i.start.unwrap_or(t);
            let e = s + chrono::Duration::minutes(i64::from(i.minutes));
            t = e;
            (s, e)
        })
        .collect()
}

/// Items whose own start time falls before the end of the item ahead of them (it was made
/// longer) start when it ends instead; the items that follow without a time of their own move
/// with them. Returns which items moved and by how many minutes at most.
pub fn push_back_overlaps(items: &mut [AgendaItem], day_start: NaiveTime) -> (Vec<usize>, i64) {
    let mut moved = Vec::new();
    let mut most = 0;
    let mut t = day_start;
    for (i, item) in items.iter_mut().enumerate() {
        if let Some(s) = item.start
            && s < t
        {
            most = most.max((t - s).num_minutes());
            item.start = Some(t);
            moved.push(i);
        }
        t = item.start.unwrap_or(t) + chrono::Duration::minutes(i64::from(item.minutes));
    }
    (moved, most)
}

/// The four segments of a typical networking day; the agenda template (`t`), the demo and generated data all start from them: title, minutes.
pub const STANDARD_SEGMENTS: [(&str, u32); 4] = [
    ("각 협동조합 현황 공유", 40),
    ("지역의 사회적경제 생태계 이해", 30),
    ("상호 친목도모 및 지속 모임주체 결성", 30),
    ("지역 니즈 발굴 및 협업 사업 계획", 50),
];

/// The standard agenda for an event starting at `start`.
pub fn standard_agenda(event_id: Id, start: NaiveTime) -> Vec<AgendaItem> {
    let mut t = start;
    STANDARD_SEGMENTS
        .iter()
        .enumerate()
        .map(|(i, (title, minutes))| {
            let item = AgendaItem {
                id: 0,
                event_id,
                order: i as u32 + 1,
                start: Some(t),
                minutes: *minutes,
                title: (*title).to_string(),
                presenter: String::new(),
                status: AgendaStatus::Planned,
            };
            t += chrono::Duration::minutes(i64::from(*minutes));
            item
        })
        .collect()
}

/// Where `event`'s day starts (its start time, else the usual one).
pub fn day_start(event: Option<&Event>) -> NaiveTime {
    event.map_or(DAY_START, start_of)
}

/// The item of `items` (an agenda of `event`) running at `now`, with minutes left. An item set
/// running by hand wins over the clock; its minutes left are the clock's when the clock agrees,
/// else none.
pub fn running(items: &[AgendaItem], event: Option<&Event>, now: Ts) -> Option<(usize, i64)> {
    let e = event?;
    let by_clock = current_item(items, e.date, day_start(Some(e)), now.local());
    let by_hand = items.iter().position(|i| i.status == AgendaStatus::Running);
    match (by_hand, by_clock) {
        (Some(h), Some((c, left))) if h == c => Some((c, left)),
        (Some(h), _) => Some((h, 0)),
        (None, clock) => clock,
    }
}

/// Where the clock stands against one item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timing {
    /// Not reached yet, or not today.
    Later,
    /// The clock is inside this item's slot: minutes left (rounded up).
    Now { left: i64 },
    /// The slot is over.
    Over,
}

/// How the clock stands against every item on `date`; and, for items still marked running after
/// their slot ended, by how many minutes they overran.
pub fn timings(
    items: &[AgendaItem],
    date: NaiveDate,
    day_start: NaiveTime,
    now: NaiveDateTime,
) -> Vec<(Timing, Option<i64>)> {
    schedule(items, day_start)
        .into_iter()
        .zip(items)
        .map(|((s, _), item)| {
            let start = date.and_time(s);
            let end = start + chrono::Duration::minutes(i64::from(item.minutes));
            let timing = if now < start {
                Timing::Later
            } else if now < end {
                let secs = (end - now).num_seconds();
                Timing::Now {
                    left: (secs + 59) / 60,
                }
            } else {
                Timing::Over
            };
            let overrun = (item.status == AgendaStatus::Running && now >= end)
                .then(|| (now - end).num_minutes());
            (timing, overrun)
        })
        .collect()
}

/// The item the clock says is running now, with minutes left.
pub fn current_item(
    items: &[AgendaItem],
    date: NaiveDate,
    day_start: NaiveTime,
    now: NaiveDateTime,
) -> Option<(usize, i64)> {
    timings(items, date, day_start, now)
        .into_iter()
        .enumerate()
        .find_map(|(i, (t, _))| match t {
            Timing::Now { left } => Some((i, left)),
            _ => None,
        })
}

/// Reads "HH:MM" (also "H:MM", "HHMM", "HH시 MM분"-free digits).
pub fn parse_hhmm(s: &str) -> Option<NaiveTime> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let (h, m) = match s.split_once(':') {
        Some((h, m)) => (h.trim().parse().ok()?, m.trim().parse().ok()?),
        None if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) => {
            (s[..2].parse().ok()?, s[2..].parse().ok()?)
        }
        None => (s.parse().ok()?, 0),
    };
    NaiveTime::from_hms_opt(h, m, 0)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    #[test]
    fn next_months_day_is_the_same_weekday_of_the_month() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        for (from, to) in [
            // The first Monday of December, then of January (not 2027-01-07, a Thursday).
            ("2026-12-07", "2027-01-04"),
            // The third Thursday.
            ("2026-11-19", "2026-12-17"),
            // The fifth Tuesday of June 2026: July has four, so its last.
            ("2026-06-30", "2026-07-28"),
            // The fifth Monday of March 2026: April has four, so its last.
            ("2026-03-30", "2026-04-27"),
            ("2026-01-31", "2026-02-28"),
        ] {
            assert_eq!(d(from).and_then(same_weekday_next_month), d(to), "{from}");
        }
    }

    use super::*;

    #[test]
    fn every_way_a_due_date_is_typed_reads_the_same() {
        let base = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
        let want = NaiveDate::from_ymd_opt(2026, 12, 1);
        for s in [
            "2026-12-01",
            "2026.12.1",
            "2026/12/01",
            "20261201",
            "12-01",
            "12/1",
            "12.1",
            " 12 - 1 ",
            "12월 1일",
            "12월1일",
            "2026년 12월 1일",
            "2026. 12. 1.",
        ] {
            assert_eq!(parse_due(s, base), want, "{s:?}");
        }
        for today in ["today", "TODAY", "오늘", " 오늘 "] {
            assert_eq!(parse_due(today, base), Some(base), "{today:?}");
        }
        for bad in [
            "",
            "13-45",
            "2026-02-30",
            "내일",
            "1201",
            "12월",
            "15일",
            "12월 15일 3시",
            "todays",
            "2026-12-15x",
        ] {
            assert_eq!(parse_due(bad, base), None, "{bad:?}");
        }
    }

    #[test]
    fn the_usual_day_is_two_to_five() {
        assert_eq!(DAY_START.to_string(), "14:00:00");
        assert_eq!(DAY_END.to_string(), "17:00:00");
    }

    #[test]
    fn a_longer_item_pushes_the_timed_items_after_it() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default();
        let mut items = standard_agenda(1, t(14, 0));
        items[0].minutes = 60; // 14:00–15:00, the next was set for 14:40
        let (moved, most) = push_back_overlaps(&mut items, t(14, 0));
        assert_eq!((moved, most), (vec![1, 2, 3], 20));
        let sched = schedule(&items, t(14, 0));
        assert_eq!(sched[1], (t(15, 0), t(15, 30)));
        assert_eq!(sched[3].1, t(16, 50));
        // Nothing overlaps any more: nothing moves.
        assert_eq!(push_back_overlaps(&mut items, t(14, 0)), (vec![], 0));
    }
}
