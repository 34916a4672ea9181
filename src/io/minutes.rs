//! The minutes (회의록) of one networking day: header, the day's numbers and the attendees by
//! organisation, agenda, notes and decisions per agenda item, action items, collaboration ideas
//! touched that day. As Markdown for files (`render`) or as plain text for a chat group such as
//! KakaoTalk, which shows Markdown as raw symbols (`render_text`). Both are pure functions of
//! `MinutesData`, so their output can be compared with a golden file.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write;

use chrono::{Datelike, NaiveDate};

use crate::i18n::{self, L, Lang};
use crate::io::report::{Block, Col, Doc, Row, Table};
use crate::model::MinutesFormat;
use crate::model::counts::{DayCount, arrived_by_kind};
use crate::model::dates::schedule;
use crate::model::{
    AgendaItem, Attendance, District, Event, Id, Idea, Note, NoteKind, OrgKind, Organization,
    Owner, Person, Ts,
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
    /// Action items of earlier networking days still open, oldest day first, with that day's
    /// date: what the day carried over.
    pub carried: Vec<(NaiveDate, Note)>,
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
        let mut attendance = store.attendance_of_event(event.id)?;
        let dates: HashMap<Id, NaiveDate> = store
            .events()?
            .into_iter()
            .map(|e| (e.id, e.date))
            .collect();
        let mut carried: Vec<(NaiveDate, Note)> = store
            .notes()?
            .into_iter()
            .filter_map(|n| Some((n.carried_from(event.id, event.date, &dates)?, n)))
            .collect();
        carried.sort_by_key(|(date, n)| (*date, n.at, n.id));
        // Only the people the minutes name (the day's, and the owners of its action items and
        // of those carried over): reading everyone took most of a second at 100,000 people.
        let owners = notes
            .iter()
            .chain(carried.iter().map(|(_, n)| n))
            .filter_map(|n| match &n.kind {
                NoteKind::Action {
                    owner: Owner::Person(id),
                    ..
                } => Some(*id),
                _ => None,
            });
        let mut people: HashMap<Id, Person> = HashMap::new();
        for id in attendance.iter().map(|a| a.person_id).chain(owners) {
            if !people.contains_key(&id)
                && let Some(p) = store.person(id)?
            {
                people.insert(id, p);
            }
        }
        // Archived (and merged-away) people are neither listed nor counted, as at the desk.
        attendance.retain(|a| people.get(&a.person_id).is_some_and(|p| !p.archived));
        Ok(MinutesData {
            event: event.clone(),
            agenda: store.agenda_of_event(event.id)?,
            notes,
            attendance,
            people,
            orgs: store.orgs()?.into_iter().map(|o| (o.id, o)).collect(),
            ideas,
            carried,
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

/// The minutes as a file of `format` holds them.
pub fn write(
    d: &MinutesData,
    format: MinutesFormat,
    o: &ReportOptions,
    l: Lang,
    progress: &mut dyn crate::progress::Progress,
) -> Result<Vec<u8>, MinutesError> {
    Ok(match format {
        MinutesFormat::Markdown => render(d, l).into_bytes(),
        MinutesFormat::Text => render_text(d, l).into_bytes(),
        MinutesFormat::Pdf => crate::io::print::report::render(&report(d, o, l), progress)?.0,
        MinutesFormat::Docx => crate::io::docx::write(&report(d, o, l))?,
    })
}

/// Why the minutes could not be made as a PDF or a .docx (Markdown and text always can).
#[derive(Debug, thiserror::Error)]
pub enum MinutesError {
    #[error(transparent)]
    Print(#[from] crate::io::print::PrintError),
    #[error(transparent)]
    Docx(#[from] crate::io::docx::DocxError),
}

impl MinutesError {
    pub fn ko(&self) -> String {
        match self {
            MinutesError::Print(e) => e.ko(),
            MinutesError::Docx(e) => e.ko(),
        }
    }
    pub fn en(&self) -> String {
        match self {
            MinutesError::Print(e) => e.en(),
            MinutesError::Docx(e) => e.en(),
        }
    }
}

/// The day's arrivals by organisation: organisations 가나다, names 가나다 within each, people
/// without an organisation last (`None`).
fn attendees_by_org(d: &MinutesData) -> Vec<(Option<String>, Vec<String>)> {
    let mut by_org: BTreeMap<(bool, String), Vec<String>> = BTreeMap::new();
    for a in d.attendance.iter().filter(|a| a.status.is_arrived()) {
        let Some(p) = d.people.get(&a.person_id) else {
            continue;
        };
        let org = p
            .org_id
            .and_then(|o| d.orgs.get(&o))
            .map(|o| o.name.clone());
        by_org
            .entry((org.is_none(), org.unwrap_or_default()))
            .or_default()
            .push(p.name.clone());
    }
    by_org
        .into_iter()
        .map(|((none, org), mut names)| {
            names.sort();
            ((!none).then_some(org), names)
        })
        .collect()
}

fn attendee_count(by_org: &[(Option<String>, Vec<String>)]) -> usize {
    by_org.iter().map(|(_, names)| names.len()).sum()
}

fn org_count(by_org: &[(Option<String>, Vec<String>)]) -> usize {
    by_org.iter().filter(|(org, _)| org.is_some()).count()
}

fn org_title(org: Option<&str>, l: Lang) -> &str {
    org.unwrap_or(i18n::MINUTES_NO_ORG.in_lang(l))
}

/// The idea's stage now and its last move, whenever it was.
/// The day's notes by agenda item ("1. title"), every item in order, then those under no
/// item of the day as 기타 / Other when there are any.
fn notes_by_item(d: &MinutesData, l: Lang) -> Vec<(String, Vec<&Note>)> {
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
    groups
}

fn idea_stage(d: &MinutesData, i: &Idea, l: Lang) -> String {
    i18n::minutes_idea_stage(
        i.status,
        i.history.last(),
        i.created.local_date() == d.event.date,
        l,
    )
}

/// "2026-11-24 (화) 14:00–17:00": the day, and the hours from the agenda or the event.
fn when(d: &MinutesData, l: Lang) -> String {
    let e = &d.event;
    let sched = schedule(&d.agenda, crate::model::dates::start_of(e));
    let end = e.end.or_else(|| sched.last().map(|(_, end)| *end));
    let time = match (sched.first().map(|(s, _)| *s).or(e.start), end) {
        (Some(s), Some(en)) => format!(" {}–{}", s.format("%H:%M"), en.format("%H:%M")),
        (Some(s), None) => format!(" {}", s.format("%H:%M")),
        _ => String::new(),
    };
    format!(
        "{} ({}){time}",
        e.date.format("%Y-%m-%d"),
        i18n::weekday_in(e.date, l)
    )
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
    let _ = writeln!(out, "- {}: {}", t(l, "일시", "Date"), when(d, l));
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
    let by_org = attendees_by_org(d);
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "### {}",
        i18n::minutes_attendees(attendee_count(&by_org), org_count(&by_org), l)
    );
    let _ = writeln!(out);
    if by_org.is_empty() {
        let _ = writeln!(out, "{}", i18n::MINUTES_NOBODY_ARRIVED.in_lang(l));
    }
    for (org, names) in &by_org {
        let _ = writeln!(
            out,
            "- {}: {}",
            org_title(org.as_deref(), l),
            names.join(", ")
        );
    }
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
    for (title, notes) in notes_by_item(d, l) {
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
        let cat = i.category.label().in_lang(l);
        let orgs: Vec<&str> = i
            .org_ids
            .iter()
            .filter_map(|o| d.orgs.get(o).map(|o| o.name.as_str()))
            .collect();
        let _ = writeln!(out, "- **{}** ({cat}) — {}", i.title, idea_stage(d, i, l));
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

/// The widest line of the chat minutes, in display columns (a Hangul syllable takes two): about
/// what a phone shows in a KakaoTalk bubble without folding the line itself.
pub const TEXT_WIDTH: usize = 36;

/// Writes `text` as lines of at most `TEXT_WIDTH` columns, the first after `first`, the next ones
/// after `rest`. Lines break after a space, "·" or ","; a word longer than a line is cut; blank
/// lines of `text` are left out.
fn wrap(out: &mut String, first: &str, rest: &str, text: &str) {
    let text: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if text.is_empty() {
        return;
    }
    for line in crate::model::text::wrap_indented(&text.join("\n"), TEXT_WIDTH, first, rest) {
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

/// The minutes as plain text for a chat group, in language `l`: no headings, tables or emphasis,
/// lines of at most `TEXT_WIDTH` columns, sections marked "■" with "-" and "·" bullets.
pub fn render_text(d: &MinutesData, l: Lang) -> String {
    let mut out = String::new();
    let e = &d.event;
    let sched = schedule(&d.agenda, crate::model::dates::start_of(e));
    let section = |out: &mut String, ko: &'static str, en: &'static str| {
        let _ = writeln!(out);
        let _ = writeln!(out, "■ {}", t(l, ko, en));
    };

    wrap(
        &mut out,
        "",
        "",
        &format!("{} {}", i18n::MINUTES_TEXT_TITLE.in_lang(l), e.title),
    );
    wrap(
        &mut out,
        "",
        "  ",
        &format!("{} {}", t(l, "일시", "Date"), when(d, l)),
    );
    if !e.venue.is_empty() {
        wrap(
            &mut out,
            "",
            "  ",
            &format!("{} {}", t(l, "장소", "Venue"), e.venue),
        );
    }
    if e.district != District::Other {
        let district = e.district.label().in_lang(l);
        wrap(
            &mut out,
            "",
            "  ",
            &format!("{} {district}", t(l, "지역", "District")),
        );
    }

    section(&mut out, "참석", "Attendance");
    let count = DayCount::of(d.attendance.iter().map(|a| &a.status));
    wrap(
        &mut out,
        "",
        "",
        &i18n::with_lang(l, || i18n::day_count(&count)),
    );
    let by_org = attendees_by_org(d);
    wrap(
        &mut out,
        "",
        "",
        &i18n::minutes_attendees(attendee_count(&by_org), org_count(&by_org), l),
    );
    if by_org.is_empty() {
        let _ = writeln!(out, "{}", i18n::MINUTES_NOBODY_ARRIVED.in_lang(l));
    }
    for (org, names) in &by_org {
        wrap(&mut out, "- ", "  ", org_title(org.as_deref(), l));
        wrap(&mut out, "  ", "  ", &names.join(", "));
    }

    section(&mut out, "안건", "Agenda");
    if d.agenda.is_empty() {
        let _ = writeln!(out, "{}", t(l, "(안건 없음)", "(no agenda)"));
    }
    for (i, (item, (s, en))) in d.agenda.iter().zip(&sched).enumerate() {
        wrap(&mut out, "", "   ", &format!("{}. {}", i + 1, item.title));
        let mut about = vec![format!("{}–{}", s.format("%H:%M"), en.format("%H:%M"))];
        if !item.presenter.is_empty() {
            about.push(item.presenter.clone());
        }
        about.push(item.status.label().in_lang(l).to_string());
        wrap(&mut out, "   ", "   ", &about.join(" · "));
    }

    section(&mut out, "논의 내용", "Discussion");
    let mut groups = notes_by_item(d, l);
    groups.retain(|(_, notes)| !notes.is_empty());
    if groups.is_empty() {
        let _ = writeln!(out, "{}", t(l, "(기록 없음)", "(nothing recorded)"));
    }
    for (n, (title, notes)) in groups.iter().enumerate() {
        if n > 0 {
            let _ = writeln!(out);
        }
        wrap(&mut out, "", "   ", title);
        let actions = notes
            .iter()
            .filter(|n| matches!(n.kind, NoteKind::Action { .. }))
            .count();
        for n in notes
            .iter()
            .filter(|n| !matches!(n.kind, NoteKind::Action { .. }))
        {
            let author = if n.author.is_empty() {
                String::new()
            } else {
                format!(", {}", n.author)
            };
            wrap(
                &mut out,
                "· ",
                "  ",
                &format!(
                    "{}: {} ({}{author})",
                    n.kind.heading().in_lang(l),
                    n.text,
                    n.at.hhmm()
                ),
            );
        }
        if actions > 0 {
            let line = match l {
                Lang::Ko => format!("실행 과제 {actions}건: 아래 ‘실행 과제’"),
                Lang::En => format!("{actions} action item(s): see “Action items”"),
            };
            wrap(&mut out, "· ", "  ", &line);
        }
    }

    section(&mut out, "실행 과제", "Action items");
    let mut any = false;
    for n in &d.notes {
        let NoteKind::Action { owner, due, done } = &n.kind else {
            continue;
        };
        any = true;
        let text = if *done {
            format!("{} ({})", n.text, i18n::MINUTES_DONE.in_lang(l))
        } else {
            n.text.clone()
        };
        wrap(&mut out, "- ", "  ", &text);
        let owner = owner_name(d, owner);
        if !owner.is_empty() {
            wrap(
                &mut out,
                "  ",
                "  ",
                &format!("{} {owner}", t(l, "담당", "Owner")),
            );
        }
        if let Some(due) = due {
            let due = i18n::minutes_due(*due, e.date.year(), l);
            wrap(
                &mut out,
                "  ",
                "  ",
                &format!("{} {due}", t(l, "기한", "Due")),
            );
        }
    }
    if !any {
        let _ = writeln!(out, "{}", t(l, "(없음)", "(none)"));
    }

    section(&mut out, "협업 아이디어", "Collaboration ideas");
    if d.ideas.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            t(l, "(이날 다룬 아이디어 없음)", "(none touched that day)")
        );
    }
    for i in &d.ideas {
        wrap(&mut out, "- ", "  ", &i.title);
        wrap(&mut out, "  ", "  ", i.category.label().in_lang(l));
        wrap(&mut out, "  ", "  ", &idea_stage(d, i, l));
        let orgs: Vec<&str> = i
            .org_ids
            .iter()
            .filter_map(|o| d.orgs.get(o).map(|o| o.name.as_str()))
            .collect();
        if !orgs.is_empty() {
            wrap(
                &mut out,
                "  ",
                "  ",
                &format!(
                    "{}: {}",
                    t(l, "참여 기관", "Organisations"),
                    orgs.join(", ")
                ),
            );
        }
        if !i.next_step.is_empty() {
            let due = i
                .next_due
                .map(|x| {
                    format!(
                        " ({} {})",
                        t(l, "기한", "due"),
                        i18n::minutes_due(x, e.date.year(), l)
                    )
                })
                .unwrap_or_default();
            wrap(
                &mut out,
                "  ",
                "  ",
                &format!("{}: {}{due}", t(l, "다음 단계", "Next step"), i.next_step),
            );
        }
    }
    out
}

/// What the minutes as a document say beyond the day itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReportOptions {
    /// Who wrote the minutes (작성), as the notes name their author.
    pub author: String,
    /// The 출석부 at the end lists phone and e-mail too.
    pub contacts: bool,
}

/// "2026-11-24": a date as the tables of the document write it.
fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The minutes as a document to print or edit (`report::Doc`, written as a PDF by
/// `print::report` and as a .docx by `docx`): the title block, the day's numbers and arrivals by
/// organisation kind, the agenda, the notes by agenda item with decisions set apart, the
/// decisions once more in one list, the action items (carried-over ones marked), the ideas
/// touched that day and, on a page of its own, the 출석부.
pub fn report(d: &MinutesData, o: &ReportOptions, l: Lang) -> Doc {
    let e = &d.event;
    let sched = schedule(&d.agenda, crate::model::dates::start_of(e));
    let mut fields = vec![(t(l, "일시", "Date").to_string(), when(d, l))];
    if !e.venue.is_empty() {
        fields.push((t(l, "장소", "Venue").to_string(), e.venue.clone()));
    }
    if e.district != District::Other {
        let district = e.district.label().in_lang(l).to_string();
        fields.push((t(l, "지역", "District").to_string(), district));
    }
    if !o.author.is_empty() {
        fields.push((t(l, "작성", "Written by").to_string(), o.author.clone()));
    }
    let mut b: Vec<Block> = Vec::new();
    let h1 = |b: &mut Vec<Block>, ko: &'static str, en: &'static str| {
        b.push(Block::Heading {
            level: 1,
            text: t(l, ko, en).to_string(),
        })
    };
    let quiet = |b: &mut Vec<Block>, ko: &'static str, en: &'static str| {
        b.push(Block::Quiet(t(l, ko, en).to_string()))
    };

    // The day's numbers and arrivals by organisation kind.
    h1(&mut b, "참석 현황", "Attendance");
    let count = DayCount::of(d.attendance.iter().map(|a| &a.status));
    let mut numbers = vec![
        Col::new(t(l, "도착", "Arrived"), 1, true),
        Col::new(t(l, "예정", "Expected"), 1, true),
        Col::new(t(l, "현장", "Walk-ins"), 1, true),
        Col::new(t(l, "미도착", "Missing"), 1, true),
    ];
    let mut row = vec![count.arrived, count.expected, count.walk_ins, count.missing];
    if count.tentative > 0 {
        numbers.push(Col::new(t(l, "미정", "Tentative"), 1, true));
        row.push(count.tentative);
    }
    b.push(Block::Table(Table {
        cols: numbers,
        rows: vec![Row::new(row.iter().map(usize::to_string).collect())],
        note: None,
    }));
    let org_of = |a: &Attendance| {
        d.people
            .get(&a.person_id)
            .and_then(|p| p.org_id)
            .and_then(|o| d.orgs.get(&o))
    };
    let by_kind = arrived_by_kind(
        d.attendance
            .iter()
            .map(|a| (&a.status, org_of(a).map(|o| o.kind).unwrap_or_default())),
    );
    let by_org = attendees_by_org(d);
    b.push(Block::Heading {
        level: 2,
        text: t(l, "기관 구분별 도착", "Arrivals by organisation kind").to_string(),
    });
    let mut rows: Vec<Row> = OrgKind::ALL
        .iter()
        .zip(&by_kind)
        .filter(|(_, n)| **n > 0)
        .map(|(k, n)| Row::new(vec![k.label().in_lang(l).to_string(), n.to_string()]))
        .collect();
    rows.push(Row {
        cells: vec![
            t(l, "합계", "Total").to_string(),
            by_kind.iter().sum::<usize>().to_string(),
        ],
        marked: true,
    });
    b.push(Block::Table(Table {
        cols: vec![
            Col::new(t(l, "구분", "Kind"), 3, false),
            Col::new(t(l, "도착", "Arrived"), 1, true),
        ],
        rows,
        note: None,
    }));
    b.push(Block::Text(i18n::minutes_attendees(
        attendee_count(&by_org),
        org_count(&by_org),
        l,
    )));

    // Agenda.
    h1(&mut b, "안건", "Agenda");
    if d.agenda.is_empty() {
        quiet(&mut b, "(안건 없음)", "(no agenda)");
    } else {
        let rows = d
            .agenda
            .iter()
            .zip(&sched)
            .enumerate()
            .map(|(i, (item, (s, en)))| {
                Row::new(vec![
                    (i + 1).to_string(),
                    format!("{}–{}", s.format("%H:%M"), en.format("%H:%M")),
                    item.title.clone(),
                    item.presenter.clone(),
                    item.status.label().in_lang(l).to_string(),
                ])
            })
            .collect();
        b.push(Block::Table(Table {
            cols: vec![
                Col::new("#", 1, true),
                Col::new(t(l, "시간", "Time"), 3, true),
                Col::new(t(l, "안건", "Item"), 8, false),
                Col::new(t(l, "발표", "Presenter"), 4, false),
                Col::new(t(l, "상태", "Status"), 2, true),
            ],
            rows,
            note: None,
        }));
    }

    // Notes and decisions per agenda item.
    h1(&mut b, "논의 내용", "Discussion");
    let groups = notes_by_item(d, l);
    if groups.is_empty() {
        quiet(&mut b, "(기록 없음)", "(nothing recorded)");
    }
    for (title, notes) in &groups {
        b.push(Block::Heading {
            level: 2,
            text: title.clone(),
        });
        let actions = notes
            .iter()
            .filter(|n| matches!(n.kind, NoteKind::Action { .. }))
            .count();
        if notes.len() == actions && actions == 0 {
            quiet(&mut b, "(기록 없음)", "(nothing recorded)");
        }
        for n in notes
            .iter()
            .filter(|n| !matches!(n.kind, NoteKind::Action { .. }))
        {
            let meta = if n.author.is_empty() {
                n.at.hhmm()
            } else {
                format!("{}, {}", n.at.hhmm(), n.author)
            };
            b.push(Block::Note {
                kind: n.kind.heading().in_lang(l).to_string(),
                text: n.text.clone(),
                meta,
                decision: n.kind == NoteKind::Decision,
            });
        }
        if actions > 0 {
            b.push(Block::Quiet(match l {
                Lang::Ko => format!("실행 과제 {actions}건: 아래 ‘실행 과제’ 표"),
                Lang::En => format!("{actions} action item(s): see “Action items” below"),
            }));
        }
    }

    // The decisions once more, in one list: what the day decided.
    h1(&mut b, "결정 사항", "Decisions");
    let decisions: Vec<Row> = groups
        .iter()
        .flat_map(|(title, notes)| {
            notes
                .iter()
                .filter(|n| n.kind == NoteKind::Decision)
                .map(move |n| (title, n))
        })
        .enumerate()
        .map(|(i, (title, n))| Row::new(vec![(i + 1).to_string(), n.text.clone(), title.clone()]))
        .collect();
    if decisions.is_empty() {
        quiet(&mut b, "(결정 없음)", "(no decisions)");
    } else {
        b.push(Block::Table(Table {
            cols: vec![
                Col::new("#", 1, true),
                Col::new(t(l, "결정", "Decision"), 10, false),
                Col::new(t(l, "안건", "Item"), 5, false),
            ],
            rows: decisions,
            note: None,
        }));
    }

    // Action items: the day's, then those carried over from earlier days.
    h1(&mut b, "실행 과제", "Action items");
    let action_row = |n: &Note, from: Option<NaiveDate>| {
        let NoteKind::Action { owner, due, done } = &n.kind else {
            return None;
        };
        let state = match (from, done) {
            (Some(day), _) => match l {
                Lang::Ko => format!("이월 ({})", day.format("%m/%d")),
                Lang::En => format!("Carried ({})", day.format("%m/%d")),
            },
            (None, true) => t(l, "완료", "Done").to_string(),
            (None, false) => t(l, "진행 중", "Open").to_string(),
        };
        Some(Row {
            cells: vec![
                n.text.clone(),
                owner_name(d, owner),
                due.map(ymd).unwrap_or_default(),
                state,
            ],
            marked: from.is_some(),
        })
    };
    let mut rows: Vec<Row> = d.notes.iter().filter_map(|n| action_row(n, None)).collect();
    rows.extend(
        d.carried
            .iter()
            .filter_map(|(day, n)| action_row(n, Some(*day))),
    );
    if rows.is_empty() {
        quiet(&mut b, "(없음)", "(none)");
    } else {
        b.push(Block::Table(Table {
            cols: vec![
                Col::new(t(l, "과제", "Action"), 8, false),
                Col::new(t(l, "담당", "Owner"), 5, false),
                Col::new(t(l, "기한", "Due"), 3, true),
                Col::new(t(l, "상태", "Status"), 3, true),
            ],
            rows,
            note: (!d.carried.is_empty()).then(|| {
                t(
                    l,
                    "※ 음영: 지난 모임에서 넘어온 미완료 과제 (이월, 괄호 안은 처음 정한 날)",
                    "※ Shaded: open items carried over from earlier days (the day they were set in brackets)",
                )
                .to_string()
            }),
        }));
    }

    // Ideas touched that day.
    h1(&mut b, "협업 아이디어", "Collaboration ideas");
    if d.ideas.is_empty() {
        quiet(
            &mut b,
            "(이날 다룬 아이디어 없음)",
            "(none touched that day)",
        );
    } else {
        let rows = d
            .ideas
            .iter()
            .map(|i| {
                let orgs: Vec<&str> = i
                    .org_ids
                    .iter()
                    .filter_map(|o| d.orgs.get(o).map(|o| o.name.as_str()))
                    .collect();
                let next = match i.next_due {
                    Some(due) if !i.next_step.is_empty() => {
                        format!("{} ({})", i.next_step, ymd(due))
                    }
                    _ => i.next_step.clone(),
                };
                Row::new(vec![
                    i.title.clone(),
                    i.category.label().in_lang(l).to_string(),
                    idea_stage(d, i, l),
                    orgs.join(", "),
                    next,
                ])
            })
            .collect();
        b.push(Block::Table(Table {
            cols: vec![
                Col::new(t(l, "아이디어", "Idea"), 5, false),
                Col::new(t(l, "분야", "Field"), 3, false),
                Col::new(t(l, "단계", "Stage"), 4, false),
                Col::new(t(l, "참여 기관", "Organisations"), 5, false),
                Col::new(t(l, "다음 단계", "Next step"), 5, false),
            ],
            rows,
            note: None,
        }));
    }

    // The 출석부, on a page of its own.
    b.push(Block::PageBreak);
    h1(&mut b, "출석부", "Attendance record");
    b.push(Block::Text(i18n::minutes_attendees(
        attendee_count(&by_org),
        org_count(&by_org),
        l,
    )));
    let mut arrived: Vec<(&Person, Option<&Organization>, Ts, bool)> = d
        .attendance
        .iter()
        .filter_map(|a| {
            let p = d.people.get(&a.person_id)?;
            let at = a.status.arrived_at()?;
            let walk_in = matches!(a.status, crate::model::AttendanceStatus::WalkIn { .. });
            Some((p, p.org_id.and_then(|o| d.orgs.get(&o)), at, walk_in))
        })
        .collect();
    arrived.sort_by(|a, b| {
        let org = |x: &(&Person, Option<&Organization>, Ts, bool)| {
            x.1.map(|o| (false, o.name.clone()))
                .unwrap_or((true, String::new()))
        };
        org(a)
            .cmp(&org(b))
            .then_with(|| a.0.name.cmp(&b.0.name))
            .then(a.0.id.cmp(&b.0.id))
    });
    let mut cols = vec![
        Col::new(t(l, "연번", "No."), 2, true),
        Col::new(t(l, "이름", "Name"), 5, false),
        Col::new(t(l, "기관", "Organisation"), 9, false),
        Col::new(t(l, "도착", "Arrived"), 4, true),
    ];
    if o.contacts {
        cols.push(Col::new(t(l, "연락처", "Phone"), 6, false));
        cols.push(Col::new(t(l, "이메일", "E-mail"), 8, false));
    }
    let walk_in = t(l, "현장", "walk-in");
    let rows = arrived
        .iter()
        .enumerate()
        .map(|(i, (p, org, at, w))| {
            let mut cells = vec![
                (i + 1).to_string(),
                p.name.clone(),
                org.map(|o| o.name.clone()).unwrap_or_default(),
                if *w {
                    format!("{} ({walk_in})", at.hhmm())
                } else {
                    at.hhmm()
                },
            ];
            if o.contacts {
                cells.push(p.phone.clone());
                cells.push(p.email.clone());
            }
            Row::new(cells)
        })
        .collect();
    b.push(Block::Table(Table {
        cols,
        rows,
        note: None,
    }));

    Doc {
        title: t(l, "회의록", "Minutes").to_string(),
        subtitle: e.title.clone(),
        fields,
        blocks: b,
        footer: format!("{} · {}", e.title, ymd(e.date)),
        lang: l,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(first: &str, rest: &str, text: &str) -> Vec<String> {
        let mut out = String::new();
        wrap(&mut out, first, rest, text);
        out.lines().map(str::to_string).collect()
    }

    #[test]
    fn chat_lines_break_at_spaces_and_never_pass_the_width() {
        let lines = wrapped(
            "- ",
            "  ",
            "권역별 실무 모임을 매달 둘째 주 화요일 오후에 서울협동조합지원센터 3층 교육장에서 연다",
        );
        assert_eq!(
            lines,
            [
                "- 권역별 실무 모임을 매달 둘째 주",
                "  화요일 오후에 서울협동조합지원센터",
                "  3층 교육장에서 연다"
            ]
        );
        let long = wrapped("", "", &"가".repeat(40));
        assert_eq!(long.len(), 3);
        assert!(
            long.iter()
                .all(|l| crate::model::text::width(l) <= TEXT_WIDTH),
            "{long:?}"
        );
        let en = wrapped("", "", "arrived 16·expected 39·walk-ins 10·missing 23");
        assert_eq!(en, ["arrived 16·expected 39·walk-ins 10·", "missing 23"]);
    }
}
