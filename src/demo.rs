//! The sample networking day (`netday demo`). People come from assets/demo/people.csv through the
//! same import code as a user's file; past attendance from assets/demo/history.csv.
//! Loading twice adds nothing.

use std::collections::HashMap;

use chrono::{Months, NaiveDate};

use crate::io::csv;
use crate::io::import::{self, ImportSummary};
use crate::model::contact::org_key;
use crate::model::dates::standard_agenda;
use crate::model::{
    AgendaStatus, Attendance, AttendanceStatus, District, EventStatus, Id, IdeaCategory,
    IdeaStatus, Note, NoteKind, Owner, Ts,
};
use crate::store::{Store, StoreError};

const PEOPLE: &str = include_str!("../assets/demo/people.csv");
const HISTORY: &str = include_str!("../assets/demo/history.csv");

fn err(e: csv::CsvError) -> StoreError {
    StoreError::Invalid(e.en())
}

fn at(date: NaiveDate, h: u32, m: u32) -> Ts {
    let naive = date.and_hms_opt(h, m, 0).unwrap_or_default();
    // Demo times are Seoul wall-clock times.
    Ts((naive - chrono::Duration::hours(9))
        .and_utc()
        .timestamp_millis())
}

/// Loads the demo into `store` around `today`.
pub fn load(store: &Store, today: NaiveDate) -> Result<ImportSummary, StoreError> {
    let parsed = csv::parse_people_csv(PEOPLE.as_bytes()).map_err(err)?;
    let plan = import::plan(store, &parsed, Some(today), &mut crate::progress::Silent)?;
    let summary = import::apply(store, plan, &mut crate::progress::Silent)?;
    let start = crate::model::dates::DAY_START;

    // Today's event: a proper title and venue.
    let mut today_event =
        import::event_on(store, today, true)?.ok_or_else(|| StoreError::Invalid("event".into()))?;
    if today_event.venue.is_empty() {
        today_event.title = format!("{} 서울 협동조합 네트워킹데이", today.format("%Y년 %-m월"));
        today_event.venue = "서울협동조합지원센터 3층 교육장".into();
        today_event.district = District::Other;
        store.put_event(&mut today_event)?;
    }

    // Earlier months: events, attendance history, agenda, notes.
    let people = store.people()?;
    let orgs = store.orgs()?;
    let org_by_key: HashMap<String, Id> = orgs.iter().map(|o| (org_key(&o.name), o.id)).collect();
    let find = |name: &str, org: &str| -> Option<Id> {
        let oid = org_by_key.get(&org_key(org)).copied();
        people
            .iter()
            .find(|p| p.name == name && p.org_id == oid)
            .map(|p| p.id)
    };
    let mut past_events = Vec::new();
    for months_ago in 1..=3u32 {
        let Some(date) = today.checked_sub_months(Months::new(months_ago)) else {
            continue;
        };
        let mut e = import::event_on(store, date, true)?
            .ok_or_else(|| StoreError::Invalid("event".into()))?;
        if e.status != EventStatus::Closed {
            e.title = format!("{} 서울 협동조합 네트워킹데이", date.format("%Y년 %-m월"));
            e.venue = "서울협동조합지원센터 3층 교육장".into();
            e.status = EventStatus::Closed;
            store.put_event(&mut e)?;
        }
        past_events.push((months_ago, e));
    }
    let mut records = Vec::new();
    for line in HISTORY.lines().skip(1) {
        let cols: Vec<&str> = line.split(',').collect();
        let [name, org, months] = cols.as_slice() else {
            continue;
        };
        let Some(pid) = find(name, org) else { continue };
        for m in months
            .split_whitespace()
            .filter_map(|m| m.parse::<u32>().ok())
        {
            if let Some((_, e)) = past_events.iter().find(|(ago, _)| *ago == m) {
                let arrive = at(e.date, 13, 40 + (pid % 19) as u32);
                records.push(Attendance {
                    event_id: e.id,
                    person_id: pid,
                    status: AttendanceStatus::CheckedIn {
                        at: arrive,
                        desk: "demo".into(),
                    },
                    updated: arrive,
                });
            }
        }
    }
    store.put_attendances(&records)?;

    for (months_ago, e) in &past_events {
        if store.agenda_of_event(e.id)?.is_empty() {
            let mut items = standard_agenda(e.id, start);
            for i in items.iter_mut() {
                i.status = AgendaStatus::Done;
            }
            store.put_agenda_items(&mut items)?;
        }
        let agenda = store.agenda_of_event(e.id)?;
        if store.notes_of_event(e.id)?.is_empty() {
            let last = agenda.last().map(|a| a.id);
            let first = agenda.first().map(|a| a.id);
            let owner_org = |name: &str| org_by_key.get(&org_key(name)).copied();
            let mut notes: Vec<Note> = match months_ago {
                1 => vec![
                    note(
                        e.id,
                        first,
                        at(e.date, 14, 20),
                        "한울신협: 청년 조합원 가입이 늘고 있음. 주거래 통장 전환 문의 다수.",
                        NoteKind::Note,
                    ),
                    note(
                        e.id,
                        last,
                        at(e.date, 16, 10),
                        "생협·신협 공동 바이소셜 장터를 봄에 열기로 함",
                        NoteKind::Decision,
                    ),
                    note(
                        e.id,
                        last,
                        at(e.date, 16, 25),
                        "공동 장터 장소 후보 조사 (공간 공유 가능한 곳)",
                        NoteKind::Action {
                            owner: find("서민준", "햇살생협")
                                .map(Owner::Person)
                                .unwrap_or_default(),
                            due: today.checked_add_days(chrono::Days::new(10)),
                            done: false,
                        },
                    ),
                    note(
                        e.id,
                        last,
                        at(e.date, 16, 30),
                        "공모사업 공동 신청서 초안 공유",
                        NoteKind::Action {
                            owner: owner_org("서울협동조합지원센터")
                                .map(Owner::Org)
                                .unwrap_or_default(),
                            due: today.checked_sub_days(chrono::Days::new(3)),
                            done: false,
                        },
                    ),
                ],
                2 => vec![
                    note(
                        e.id,
                        first,
                        at(e.date, 14, 15),
                        "북한산신협: 교육장 평일 오후 비어 있음, 다른 조합에 대여 가능",
                        NoteKind::Note,
                    ),
                    note(
                        e.id,
                        last,
                        at(e.date, 16, 5),
                        "상호 조합원 인증제 실무 모임을 만든다",
                        NoteKind::Decision,
                    ),
                    note(
                        e.id,
                        last,
                        at(e.date, 16, 20),
                        "인증제 참여 조합 명단 정리",
                        NoteKind::Action {
                            owner: find("한지민", "북한산신협")
                                .map(Owner::Person)
                                .unwrap_or_default(),
                            due: today.checked_sub_months(Months::new(1)),
                            done: true,
                        },
                    ),
                ],
                _ => vec![
                    note(
                        e.id,
                        first,
                        at(e.date, 14, 30),
                        "돌봄나눔사회적협동조합: 돌봄 인력 교육 공간이 부족함",
                        NoteKind::Note,
                    ),
                    note(
                        e.id,
                        last,
                        at(e.date, 16, 40),
                        "지역협의회 구성 논의를 다음 분기에 이어가기로 함",
                        NoteKind::Decision,
                    ),
                ],
            };
            for n in notes.iter_mut() {
                store.put_note(n)?;
            }
        }
    }

    // Today's agenda: the standard four segments.
    if store.agenda_of_event(today_event.id)?.is_empty() {
        let mut items = standard_agenda(today_event.id, start);
        let presenters = ["장은서", "권도윤", "", "김기성"];
        for (i, p) in items.iter_mut().zip(presenters) {
            i.presenter = p.into();
        }
        store.put_agenda_items(&mut items)?;
    }

    // Ideas in the recurring categories.
    let existing: Vec<String> = store.ideas()?.into_iter().map(|i| i.title).collect();
    let oid = |name: &str| org_by_key.get(&org_key(name)).copied();
    let ideas: [DemoIdea; 6] = [
        (
            "신협 주거래 통장으로 조합 운영자금 일원화",
            IdeaCategory::MainBankAccount,
            IdeaStatus::Exploring,
            &["한울신협", "마을목공협동조합", "청년책방협동조합"],
            Some(("김기성", "한울신협")),
            "조합별 현재 거래 은행과 수수료 조사",
        ),
        (
            "생협·신협 공동 바이소셜 장터",
            IdeaCategory::BuySocial,
            IdeaStatus::Agreed,
            &["햇살생협", "두레밥상생협", "새솔신협"],
            Some(("서민준", "햇살생협")),
            "장소 후보 3곳 답사",
        ),
        (
            "교육장·회의실 공유 달력",
            IdeaCategory::SpaceSharing,
            IdeaStatus::InProgress,
            &["북한산신협", "청년책방협동조합", "돌봄나눔사회적협동조합"],
            Some(("한지민", "북한산신협")),
            "공유 달력 시범 운영 결과 정리",
        ),
        (
            "상호 조합원 인증제",
            IdeaCategory::MutualMembership,
            IdeaStatus::Idea,
            &["새솔신협", "햇살생협"],
            None,
            "인증 혜택 범위 초안",
        ),
        (
            "돌봄 분야 공모사업 공동 운영",
            IdeaCategory::JointOpenCall,
            IdeaStatus::Exploring,
            &[
                "돌봄나눔사회적협동조합",
                "다함께일터사회적협동조합",
                "서울협동조합지원센터",
            ],
            Some(("류태윤", "돌봄나눔사회적협동조합")),
            "공모 일정 확인",
        ),
        (
            "권역별 지역협의회 구성",
            IdeaCategory::RegionalCouncil,
            IdeaStatus::Idea,
            &["한울신협", "남산마을신협", "북한산신협", "새솔신협"],
            None,
            "",
        ),
    ];
    for (title, category, status, org_names, owner, next) in ideas {
        if existing.iter().any(|t| t == title) {
            continue;
        }
        let created = at(
            today.checked_sub_months(Months::new(2)).unwrap_or(today),
            16,
            0,
        );
        let mut history = Vec::new();
        let mut from = IdeaStatus::Idea;
        // Each step ten days after the previous one, so moved ideas are not stale yet.
        let mut moved = created;
        for step in IdeaStatus::PIPELINE.iter().skip(1) {
            if *step > status {
                break;
            }
            moved = Ts(moved.0 + 10 * 24 * 60 * 60 * 1000);
            history.push(crate::model::IdeaMove {
                at: moved,
                from,
                to: *step,
            });
            from = *step;
        }
        let mut idea = crate::model::Idea {
            id: 0,
            title: title.into(),
            category,
            org_ids: org_names.iter().filter_map(|n| oid(n)).collect(),
            owner: owner.and_then(|(n, o)| find(n, o)),
            status,
            next_step: next.into(),
            next_due: if next.is_empty() {
                None
            } else {
                today.checked_add_days(chrono::Days::new(14))
            },
            description: String::new(),
            note_ids: vec![],
            history,
            created,
            updated: moved,
        };
        store.put_idea(&mut idea)?;
    }
    Ok(summary)
}

/// title, category, status, organisations, owner (name, organisation), next step
type DemoIdea<'a> = (
    &'a str,
    IdeaCategory,
    IdeaStatus,
    &'a [&'a str],
    Option<(&'a str, &'a str)>,
    &'a str,
);

fn note(event_id: Id, agenda_id: Option<Id>, at: Ts, text: &str, kind: NoteKind) -> Note {
    Note {
        id: 0,
        event_id,
        agenda_id,
        at,
        author: "사무국".into(),
        text: text.into(),
        kind,
    }
}
