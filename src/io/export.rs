//! Building export tables (people, attendance, ideas) from the store; `csv::write_csv` writes them.

use std::collections::HashMap;

use super::csv::{people_header, write_csv};
use crate::i18n::{L, Lang, lang};
use crate::model::{AttendanceStatus, Id, Idea, Organization, Person};
use crate::store::{Store, StoreError};

pub fn person_row(p: &Person, org: Option<&Organization>, l: Lang) -> Vec<String> {
    vec![
        p.code.clone(),
        p.name.clone(),
        org.map(|o| o.name.clone()).unwrap_or_default(),
        org.map(|o| o.kind.label().in_lang(l).to_string())
            .unwrap_or_default(),
        org.map(|o| o.district.label().in_lang(l).to_string())
            .unwrap_or_default(),
        p.role.clone(),
        p.phone.clone(),
        p.email.clone(),
        p.tags.join(", "),
        p.notes.clone(),
    ]
}

/// Writes the given people (in order) as a people CSV; returns the row count.
pub fn write_people<W: std::io::Write>(
    w: W,
    people: &[&Person],
    orgs: &HashMap<Id, Organization>,
) -> std::io::Result<usize> {
    let l = lang();
    let rows = people
        .iter()
        .map(|p| person_row(p, p.org_id.and_then(|o| orgs.get(&o)), l));
    write_csv(w, &people_header(l == Lang::Ko), rows)?;
    Ok(people.len())
}

pub fn status_label(s: &AttendanceStatus) -> L {
    s.label()
}

/// Attendance of one event: one row per registered person with status and check-in time.
pub fn write_attendance<W: std::io::Write>(
    w: W,
    store: &Store,
    event: Id,
) -> Result<usize, StoreError> {
    let l = lang();
    let orgs: HashMap<Id, Organization> = store.orgs()?.into_iter().map(|o| (o.id, o)).collect();
    let mut rows = Vec::new();
    for a in store.attendance_of_event(event)? {
        let Some(p) = store.person(a.person_id)? else {
            continue;
        };
        let org = p.org_id.and_then(|o| orgs.get(&o));
        rows.push(vec![
            p.code.clone(),
            p.name.clone(),
            org.map(|o| o.name.clone()).unwrap_or_default(),
            org.map(|o| o.kind.label().in_lang(l).to_string())
                .unwrap_or_default(),
            a.status.label().in_lang(l).to_string(),
            a.status.arrived_at().map(|t| t.hhmm()).unwrap_or_default(),
            p.phone.clone(),
            p.email.clone(),
        ]);
    }
    rows.sort_by(|a, b| (&a[2], &a[1]).cmp(&(&b[2], &b[1])));
    let header: [&str; 8] = if l == Lang::Ko {
        [
            "코드",
            "이름",
            "소속",
            "구분",
            "상태",
            "도착 시각",
            "연락처",
            "이메일",
        ]
    } else {
        [
            "code",
            "name",
            "organization",
            "kind",
            "status",
            "arrived",
            "phone",
            "email",
        ]
    };
    let n = rows.len();
    write_csv(w, &header, rows)?;
    Ok(n)
}

/// Column titles of the ideas export.
pub fn ideas_header(l: Lang) -> [&'static str; 9] {
    if l == Lang::Ko {
        [
            "제목",
            "분야",
            "단계",
            "참여 기관",
            "담당",
            "다음 할 일",
            "기한",
            "바뀐 날",
            "만든 날",
        ]
    } else {
        [
            "title",
            "category",
            "status",
            "organizations",
            "owner",
            "next step",
            "due",
            "updated",
            "created",
        ]
    }
}

/// One idea as an export row; organisations joined with ", ", times in local time.
pub fn idea_row(
    i: &Idea,
    orgs: &HashMap<Id, Organization>,
    people: &HashMap<Id, Person>,
    l: Lang,
) -> Vec<String> {
    vec![
        i.title.clone(),
        i.category.label().in_lang(l).to_string(),
        i.status.label().in_lang(l).to_string(),
        i.org_ids
            .iter()
            .filter_map(|o| orgs.get(o).map(|o| o.name.as_str()))
            .collect::<Vec<_>>()
            .join(", "),
        i.owner
            .and_then(|p| people.get(&p))
            .map(|p| p.name.clone())
            .unwrap_or_default(),
        i.next_step.clone(),
        i.next_due
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        i.updated.local().format("%Y-%m-%d %H:%M").to_string(),
        i.created.local().format("%Y-%m-%d %H:%M").to_string(),
    ]
}

/// Every idea, dropped ones included, in board order (status, then oldest first).
pub fn write_ideas<W: std::io::Write>(w: W, store: &Store) -> Result<usize, StoreError> {
    let l = lang();
    let orgs: HashMap<Id, Organization> = store.orgs()?.into_iter().map(|o| (o.id, o)).collect();
    let people: HashMap<Id, Person> = store.people()?.into_iter().map(|p| (p.id, p)).collect();
    let mut ideas = store.ideas()?;
    ideas.sort_by_key(|i| (i.status, i.created, i.id));
    let rows: Vec<Vec<String>> = ideas
        .iter()
        .map(|i| idea_row(i, &orgs, &people, l))
        .collect();
    let n = rows.len();
    write_csv(w, &ideas_header(l), rows)?;
    Ok(n)
}
