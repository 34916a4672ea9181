//! The minutes (회의록) of one networking day as Markdown: header, attendance summary, agenda,
//! notes and decisions per agenda item, action items, collaboration ideas touched that day.
//! `render` is a pure function of `MinutesData`, so its output can be compared with a golden file.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write;

use chrono::NaiveDate;

use crate::i18n::{L, Lang};
use crate::model::counts::{DayCount, arrived_by_kind};
use crate::model::dates::schedule;
use crate::model::{
    AgendaItem, Attendance, District, Event, Id, Idea, Note, NoteKind, OrgKind, Organization,
    Owner, Person,
};
use crate::store::{Store, StoreError};

/// Everything the minutes say, loaded from the store.
#[derive(Clone, Debug)]
pub struct MinutesData {
    pub event: Event,
    pub agenda: Vec<AgendaItem>,
    /// This event's notes, oldest first.
    pub notes: Vec<Note>,
    pub attendance: Vec<Attendance>,
    pub people: HashMap<Id, Person>,
    pub orgs: HashMap<Id, Organization>,
    /// Ideas touched that day.
    pub ideas: Vec<Idea>,
}

impl MinutesData {
    pub fn load(store: &Store, event: &Event) -> Result<MinutesData, StoreError> {
        let notes = store.notes_of_event(event.id)?;
        let note_ids: HashSet<Id> = notes.iter().map(|n| n.id).collect();
        let mut ideas: Vec<Idea> = store
            .ideas()?
            .into_iter()
            .filter(|i| idea_touched(i, event.date, &note_ids))
            .collect();
        ideas.sort_by_key(|i| (i.created, i.id));
        Ok(MinutesData {
            event: event.clone(),
            agenda: store.agenda_of_event(event.id)?,
            notes,
            attendance: store.attendance_of_event(event.id)?,
            people: store.people()?.into_iter().map(|p| (p.id, p)).collect(),
            orgs: store.orgs()?.into_iter().map(|o| (o.id, o)).collect(),
            ideas,
        })
    }
}

/// An idea was touched on `date` if it moved in the pipeline that day, was created that day, or
/// links to one of that day's notes.
pub fn idea_touched(idea: &Idea, date: NaiveDate, note_ids: &HashSet<Id>) -> bool {
    idea.created.local_date() == date
        || idea.history.iter().any(|m| m.at.local_date() == date)
        || idea.note_ids.iter().any(|n| note_ids.contains(n))
}

fn t(l: Lang, ko: &'static str, en: &'static str) -> &'static str {
    L(ko, en).in_lang(l)
}

/// Text safe inside a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// A note's text as a list item body: continuation lines indented under the bullet.
fn body(s: &str) -> String {
    s.lines().collect::<Vec<_>>().join("\n  ")
}

fn owner_name(d: &MinutesData, o: &Owner) -> String {
    match o {
        Owner::Nobody => String::new(),
        Owner::Person(id) => d
            .people
            .get(id)
            .map(|p| match p.org_id.and_then(|o| d.orgs.get(&o)) {
                Some(org) => format!("{} ({})", p.name, org.name),
                None => p.name.clone(),
            })
            .unwrap_or_default(),
        Owner::Org(id) => d.orgs.get(id).map(|o| o.name.clone()).unwrap_or_default(),
        Owner::Named(name) => name.clone(),
    }
}

/// The minutes as Markdown, in language `l`.
pub fn render(d: &MinutesData, l: Lang) -> String {
    let mut out = String::new();
    let e = &d.event;
    let day_start = crate::model::dates::start_of(e);
    let sched = schedule(&d.agenda, day_start);

    // Header.
    let _ = writeln!(out, "# {} — {}", t(l, "회의록", "Minutes"), e.title);
    let _ = writeln!(out);
    let end = e.end.or_else(|| sched.last().map(|(_, end)| *end));
    let time = match (sched.first().map(|(s, _)| *s).or(e.start), end) {
        (Some(s), Some(en)) => format!(" {}–{}", s.format("%H:%M"), en.format("%H:%M")),
        (Some(s), None) => format!(" {}", s.format("%H:%M")),
        _ => String::new(),
    };
    let _ = writeln!(
        out,
        "- {}: {} ({}){time}",
        t(l, "일시", "Date"),
        e.date.format("%Y-%m-%d"),
        crate::i18n::weekday_in(e.date, l)
    );
    if !e.venue.is_empty() {
        let _ = writeln!(out, "- {}: {}", t(l, "장소", "Venue"), e.venue);
    }
    if e.district != District::Other {
        let district = e.district.label().in_lang(l);
        let _ = writeln!(out, "- {}: {district}", t(l, "지역", "District"));
    }
    let _ = writeln!(out);

    // Attendance.
    let _ = writeln!(out, "## {}", t(l, "참석", "Attendance"));
    let _ = writeln!(out);
    let org_of = |a: &Attendance| {
        d.people
            .get(&a.person_id)
            .and_then(|p| p.org_id)
            .and_then(|o| d.orgs.get(&o))
    };
    let count = DayCount::of(d.attendance.iter().map(|a| &a.status));
    let _ = writeln!(
        out,
        "- {}",
        crate::i18n::with_lang(l, || crate::i18n::day_count(&count))
    );
    let by_kind = arrived_by_kind(
        d.attendance
            .iter()
            .map(|a| (&a.status, org_of(a).map(|o| o.kind).unwrap_or_default())),
    );
    let kinds: Vec<String> = OrgKind::ALL
        .iter()
        .zip(by_kind)
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| format!("{} {n}", k.label().in_lang(l)))
        .collect();
    if !kinds.is_empty() {
        let _ = writeln!(
            out,
            "- {}: {}",
            t(l, "구분별 도착", "Arrived by kind"),
            kinds.join(" · ")
        );
    }
    let mut present: BTreeMap<String, usize> = BTreeMap::new();
    for a in d.attendance.iter().filter(|a| a.status.is_arrived()) {
        if let Some(o) = org_of(a) {
            *present.entry(o.name.clone()).or_default() += 1;
        }
    }
    let names: Vec<String> = present
        .iter()
        .map(|(name, n)| format!("{name} ({n})"))
        .collect();
    let _ = writeln!(
        out,
        "- {} ({}): {}",
        t(l, "참석 기관", "Organisations present"),
        present.len(),
        if names.is_empty() {
            t(l, "없음", "none").to_string()
        } else {
            names.join(", ")
        }
    );
    let _ = writeln!(out);

    // Agenda.
    let _ = writeln!(out, "## {}", t(l, "안건", "Agenda"));
    let _ = writeln!(out);
    if d.agenda.is_empty() {
        let _ = writeln!(out, "{}", t(l, "(안건 없음)", "(no agenda)"));
    } else {
        let _ = writeln!(
            out,
            "| # | {} | {} | {} | {} | {} |",
            t(l, "시간", "Time"),
            t(l, "길이", "Length"),
            t(l, "안건", "Item"),
            t(l, "발표", "Presenter"),
            t(l, "상태", "Status")
        );
        let _ = writeln!(out, "|---|---|---|---|---|---|");
        for (i, (item, (s, en))) in d.agenda.iter().zip(&sched).enumerate() {
            let _ = writeln!(
                out,
                "| {} | {}–{} | {}{} | {} | {} | {} |",
                i + 1,
                s.format("%H:%M"),
                en.format("%H:%M"),
                item.minutes,
                t(l, "분", " min"),
                cell(&item.title),
                cell(&item.presenter),
                item.status.label().in_lang(l)
            );
        }
    }
    let _ = writeln!(out);

    // Notes and decisions per agenda item.
    let _ = writeln!(out, "## {}", t(l, "논의 내용", "Discussion"));
    let _ = writeln!(out);
    let mut groups: Vec<(String, Vec<&Note>)> = d
        .agenda
        .iter()
        .enumerate()
        .map(|(i, item)| {
            (
                format!("{}. {}", i + 1, item.title),
                d.notes
                    .iter()
                    .filter(|n| n.agenda_id == Some(item.id))
                    .collect(),
            )
        })
        .collect();
    let loose: Vec<&Note> = d
        .notes
        .iter()
        .filter(|n| {
            !n.agenda_id
                .is_some_and(|a| d.agenda.iter().any(|i| i.id == a))
        })
        .collect();
    if !loose.is_empty() {
        groups.push((t(l, "기타", "Other").to_string(), loose));
    }
    for (title, notes) in groups {
        let _ = writeln!(out, "### {title}");
        let _ = writeln!(out);
        // Each action item once: in the table below, not here as well.
        let actions = notes
            .iter()
            .filter(|n| matches!(n.kind, NoteKind::Action { .. }))
            .count();
        let notes: Vec<&Note> = notes
            .into_iter()
            .filter(|n| !matches!(n.kind, NoteKind::Action { .. }))
            .collect();
        if notes.is_empty() && actions == 0 {
            let _ = writeln!(out, "{}", t(l, "(기록 없음)", "(nothing recorded)"));
        }
        for n in notes {
            let mark = match n.kind {
                NoteKind::Decision => format!("**{}**", n.kind.heading().in_lang(l)),
                _ => n.kind.heading().in_lang(l).to_string(),
            };
            let author = if n.author.is_empty() {
                String::new()
            } else {
                format!(", {}", n.author)
            };
            let _ = writeln!(out, "- {mark}: {} ({}{author})", body(&n.text), n.at.hhmm());
        }
        if actions > 0 {
            let _ = writeln!(
                out,
                "- {}",
                match l {
                    Lang::Ko => format!("실행 과제 {actions}건: 아래 ‘실행 과제’ 표"),
                    Lang::En => format!("{actions} action item(s): see “Action items” below"),
                }
            );
        }
        let _ = writeln!(out);
    }

    // Action items.
    let _ = writeln!(out, "## {}", t(l, "실행 과제", "Action items"));
    let _ = writeln!(out);
    let actions: Vec<&Note> = d
        .notes
        .iter()
        .filter(|n| matches!(n.kind, NoteKind::Action { .. }))
        .collect();
    if actions.is_empty() {
        let _ = writeln!(out, "{}", t(l, "(없음)", "(none)"));
    } else {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            t(l, "과제", "Action"),
            t(l, "담당", "Owner"),
            t(l, "기한", "Due"),
            t(l, "완료", "Done")
        );
        let _ = writeln!(out, "|---|---|---|---|");
        for n in actions {
            if let NoteKind::Action { owner, due, done } = &n.kind {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    cell(&n.text),
                    cell(&owner_name(d, owner)),
                    due.map(|x| x.format("%Y-%m-%d").to_string())
                        .unwrap_or_default(),
                    if *done { "✓" } else { "" }
                );
            }
        }
    }
    let _ = writeln!(out);

    // Ideas.
    let _ = writeln!(out, "## {}", t(l, "협업 아이디어", "Collaboration ideas"));
    let _ = writeln!(out);
    if d.ideas.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            t(l, "(이날 다룬 아이디어 없음)", "(none touched that day)")
        );
    }
    for i in &d.ideas {
        let (cat, status) = (i.category.label().in_lang(l), i.status.label().in_lang(l));
        let orgs: Vec<&str> = i
            .org_ids
            .iter()
            .filter_map(|o| d.orgs.get(o).map(|o| o.name.as_str()))
            .collect();
        let moves: Vec<String> = i
            .history
            .iter()
            .filter(|m| m.at.local_date() == d.event.date)
            .map(|m| {
                format!(
                    "{} → {}",
                    m.from.label().in_lang(l),
                    m.to.label().in_lang(l)
                )
            })
            .collect();
        let created = i.created.local_date() == d.event.date;
        let _ = write!(out, "- **{}** ({cat}) — {status}", i.title);
        if created {
            let _ = write!(out, " · {}", t(l, "새 아이디어", "new"));
        }
        if !moves.is_empty() {
            let _ = write!(out, " · {}", moves.join(", "));
        }
        let _ = writeln!(out);
        if !orgs.is_empty() {
            let _ = writeln!(
                out,
                "  - {}: {}",
                t(l, "참여 기관", "Organisations"),
                orgs.join(", ")
            );
        }
        if !i.next_step.is_empty() {
            let due = i
                .next_due
                .map(|x| format!(" ({} {})", t(l, "기한", "due"), x.format("%Y-%m-%d")))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  - {}: {}{due}",
                t(l, "다음 단계", "Next step"),
                i.next_step
            );
        }
    }
    out
}
