//! Deterministic synthetic data for speed and scale tests (`netday generate`): realistic Korean
//! names, organisations of every kind and district, monthly networking days with repeat
//! attendance, notes and ideas. Same seed (and date) → same database.
//!
//! The data is built by pure functions ([`people_and_orgs`], [`plan_events`]); [`write`] puts it
//! into a store in chunks with one sync at the end.

use chrono::{Months, NaiveDate};

use crate::model::{
    AgendaStatus, Attendance, AttendanceStatus, District, Event, EventStatus, Id, Idea,
    IdeaCategory, IdeaMove, IdeaStatus, Note, NoteKind, Owner, Ts,
};
use crate::progress::Progress;
use crate::store::{Store, StoreError};
use crate::synthetic::{PLACES, Rng, people_and_orgs};

/// One planned networking day: the event, who was registered/came (person positions, 0-based),
/// and its notes.
pub struct PlannedEvent {
    pub event: Event,
    pub attendance: Vec<(usize, AttendanceStatus)>,
    pub notes: Vec<Note>,
}

/// Seoul wall-clock time on `date` as a Ts.
fn seoul(date: NaiveDate, h: u32, m: u32) -> Ts {
    let naive = date.and_hms_opt(h, m, 0).unwrap_or_default();
    Ts((naive - chrono::Duration::hours(9))
        .and_utc()
        .timestamp_millis())
}

const NOTE_TEXTS: [(&str, u8); 10] = [
    ("조합별 현황 공유: 조합원 수 증가, 청년 참여 늘어남", 0),
    ("공간 공유 가능한 교육장 목록을 모으기로 함", 1),
    ("공동 장터 장소 후보 조사", 2),
    ("주거래 통장 전환 조건 정리", 2),
    ("지역 돌봄 수요 조사 결과 공유", 0),
    ("공모사업 공동 신청을 추진한다", 1),
    ("다음 달 발표 조합 섭외", 2),
    ("바이소셜 연계 상품 목록 공유", 0),
    ("상호 조합원 인증제 시범 운영에 합의", 1),
    ("회의록을 참여 조합에 보내기", 2),
];

/// `m` monthly networking days ending on `last` (the latest is on `last` itself, still open,
/// with registrations and a few arrivals), 30–120 people each; about half of each day's people
/// come from a pool of regulars, so attendance repeats the way it does in life.
pub fn plan_events(m: usize, n_people: usize, seed: u64, last: NaiveDate) -> Vec<PlannedEvent> {
    let mut rng = Rng::new(seed.wrapping_add(0xE7E7));
    if n_people == 0 {
        return vec![];
    }
    let regulars: Vec<usize> = (0..(n_people / 50).clamp(20, 400).min(n_people))
        .map(|_| rng.below(n_people))
        .collect();
    let districts = District::ALL;
    (0..m)
        .map(|k| {
            let ago = (m - 1 - k) as u32;
            let date = last.checked_sub_months(Months::new(ago)).unwrap_or(last);
            let open = ago == 0;
            let event = Event {
                id: 0,
                title: format!("{} 협동조합 네트워킹데이", date.format("%Y년 %-m월")),
                date,
                start: Some(crate::model::dates::DAY_START),
                end: Some(crate::model::dates::DAY_END),
                venue: format!("{} 마을활동센터", rng.pick(&PLACES)),
                district: districts[k % districts.len()],
                status: if open {
                    EventStatus::Planned
                } else {
                    EventStatus::Closed
                },
            };
            let size = rng.range(30, 120).min(n_people);
            let mut chosen = std::collections::BTreeSet::new();
            let mut guard = 0;
            while chosen.len() < size && guard < size * 20 {
                guard += 1;
                let p = if rng.chance(50) {
                    rng.pick(&regulars)
                } else {
                    rng.below(n_people)
                };
                chosen.insert(p);
            }
            let attendance = chosen
                .into_iter()
                .map(|p| {
                    let arrive = seoul(date, 13, 30 + rng.below(45) as u32);
                    let status = if open {
                        if rng.chance(20) {
                            AttendanceStatus::CheckedIn {
                                at: arrive,
                                desk: "desk".into(),
                            }
                        } else {
                            AttendanceStatus::Expected
                        }
                    } else {
                        match rng.below(100) {
                            0..=79 => AttendanceStatus::CheckedIn {
                                at: arrive,
                                desk: "desk".into(),
                            },
                            80..=87 => AttendanceStatus::WalkIn {
                                at: arrive,
                                desk: "desk".into(),
                            },
                            88..=93 => AttendanceStatus::NoShow,
                            _ => AttendanceStatus::Cancelled,
                        }
                    };
                    (p, status)
                })
                .collect();
            let notes = if open {
                vec![]
            } else {
                (0..rng.range(2, 5))
                    .map(|j| {
                        let (text, kind) = rng.pick(&NOTE_TEXTS);
                        Note {
                            id: 0,
                            event_id: 0,
                            agenda_id: None,
                            at: seoul(date, 14, 10 + 20 * j as u32),
                            author: "사무국".into(),
                            text: text.into(),
                            kind: match kind {
                                0 => NoteKind::Note,
                                1 => NoteKind::Decision,
                                _ => NoteKind::Action {
                                    owner: Owner::Nobody,
                                    due: date.checked_add_days(chrono::Days::new(14)),
                                    done: ago > 1,
                                },
                            },
                        }
                    })
                    .collect()
            };
            PlannedEvent {
                event,
                attendance,
                notes,
            }
        })
        .collect()
}

/// What `write` put into the store.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Generated {
    pub people: usize,
    pub orgs: usize,
    pub events: usize,
    pub attendance: usize,
    pub notes: usize,
    pub ideas: usize,
}

/// People written per transaction.
const CHUNK: usize = 2000;

/// Generates and writes a whole synthetic database into an EMPTY store (refuses otherwise), with
/// one sync at the end. The latest networking day falls on `last`. `progress` hears one stage:
/// organisations, people and networking days written.
pub fn write(
    store: &Store,
    people: usize,
    events: usize,
    seed: u64,
    last: NaiveDate,
    progress: &mut dyn Progress,
) -> Result<Generated, StoreError> {
    if !store.is_empty() || !store.orgs()?.is_empty() {
        return Err(StoreError::Invalid(
            "generate needs an empty database / 빈 데이터베이스에만 만들 수 있습니다".into(),
        ));
    }
    let (orgs, list) = people_and_orgs(people, seed);
    let plan = plan_events(events, list.len(), seed, last);
    progress.start(
        crate::progress::Stage::Generate,
        (orgs.len() + list.len() + plan.len()) as u64,
    );
    let mut done = 0;
    let mut out = Generated {
        orgs: orgs.len(),
        ..Default::default()
    };
    // Organisations: positions → store ids.
    let mut org_ids: Vec<Id> = Vec::with_capacity(orgs.len());
    for chunk in orgs.chunks(CHUNK) {
        let ids = store.write_unsynced(|tx| {
            let mut ids = Vec::with_capacity(chunk.len());
            for o in chunk {
                let mut o = o.clone();
                o.id = 0;
                tx.put_org(&mut o)?;
                ids.push(o.id);
            }
            Ok(ids)
        })?;
        org_ids.extend(ids);
        done += chunk.len();
        progress.set(done as u64);
    }
    let mut person_ids: Vec<Id> = Vec::with_capacity(list.len());
    for chunk in list.chunks(CHUNK) {
        let ids = store.write_unsynced(|tx| {
            let mut ids = Vec::with_capacity(chunk.len());
            for p in chunk {
                let mut p = p.clone();
                p.id = 0;
                p.org_id = p
                    .org_id
                    .and_then(|pos| org_ids.get(pos as usize - 1).copied());
                tx.put_person(&mut p)?;
                ids.push(p.id);
            }
            Ok(ids)
        })?;
        person_ids.extend(ids);
        done += chunk.len();
        progress.set(done as u64);
    }
    out.people = person_ids.len();

    let start = crate::model::dates::DAY_START;
    let mut event_ids = Vec::with_capacity(plan.len());
    for pe in &plan {
        let (id, n_att, n_notes) = store.write_unsynced(|tx| {
            let mut e = pe.event.clone();
            tx.put_event(&mut e)?;
            for (pos, status) in &pe.attendance {
                tx.put_attendance(&Attendance {
                    event_id: e.id,
                    person_id: person_ids[*pos],
                    status: status.clone(),
                    updated: status.arrived_at().unwrap_or(Ts(0)),
                })?;
            }
            let mut agenda = crate::model::dates::standard_agenda(e.id, start);
            for a in agenda.iter_mut() {
                if e.status == EventStatus::Closed {
                    a.status = AgendaStatus::Done;
                }
                tx.put_agenda(a)?;
            }
            let last_item = agenda.last().map(|a| a.id);
            for n in &pe.notes {
                let mut n = n.clone();
                n.event_id = e.id;
                n.agenda_id = last_item;
                if let NoteKind::Action { due, done, .. } = n.kind {
                    // Someone who was there owns it.
                    let owner = pe
                        .attendance
                        .first()
                        .map(|(pos, _)| Owner::Person(person_ids[*pos]))
                        .unwrap_or_default();
                    n.kind = NoteKind::Action { owner, due, done };
                }
                tx.put_note(&mut n)?;
            }
            Ok((e.id, pe.attendance.len(), pe.notes.len()))
        })?;
        event_ids.push((id, pe.event.date));
        out.attendance += n_att;
        out.notes += n_notes;
        done += 1;
        progress.set(done as u64);
    }
    out.events = event_ids.len();

    // Ideas: about one per four networking days, spread over the pipeline.
    let mut rng = Rng::new(seed.wrapping_add(0x1DEA));
    let n_ideas = if org_ids.is_empty() {
        0
    } else {
        (events / 4).max(5)
    };
    let ideas: Vec<Idea> = (0..n_ideas)
        .map(|i| {
            let category = IdeaCategory::ALL[i % IdeaCategory::ALL.len()];
            let status = rng.pick(&[
                IdeaStatus::Idea,
                IdeaStatus::Exploring,
                IdeaStatus::Agreed,
                IdeaStatus::InProgress,
                IdeaStatus::Done,
                IdeaStatus::Dropped,
            ]);
            let created = event_ids
                .get(rng.below(event_ids.len().max(1)))
                .map(|(_, d)| seoul(*d, 16, 0))
                .unwrap_or(Ts(0));
            let org_list: Vec<Id> = (0..rng.range(2, 4)).map(|_| rng.pick(&org_ids)).collect();
            let owner = person_ids.get(rng.below(person_ids.len().max(1))).copied();
            let history = if status == IdeaStatus::Idea {
                vec![]
            } else {
                vec![IdeaMove {
                    at: Ts(created.0 + 86_400_000),
                    from: IdeaStatus::Idea,
                    to: status,
                }]
            };
            Idea {
                id: 0,
                title: format!("{} 추진 ({}번째 제안)", category.ko(), i + 1),
                category,
                org_ids: org_list,
                owner,
                status,
                next_step: "참여 조합 의견 모으기".into(),
                next_due: last.checked_add_days(chrono::Days::new(14)),
                description: String::new(),
                note_ids: vec![],
                history,
                created,
                updated: created,
            }
        })
        .collect();
    store.write_unsynced(|tx| {
        for i in &ideas {
            let mut i = i.clone();
            tx.put_idea(&mut i)?;
        }
        Ok(())
    })?;
    out.ideas = ideas.len();
    store.durable()?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_have_repeat_attendance_within_bounds() {
        let last = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let plan = plan_events(24, 10_000, 3, last);
        assert_eq!(plan.len(), 24);
        assert_eq!(plan[23].event.date, last);
        assert_eq!(plan[23].event.status, EventStatus::Planned);
        assert_eq!(plan[0].event.status, EventStatus::Closed);
        let mut seen = std::collections::HashMap::new();
        for pe in &plan {
            assert!((30..=120).contains(&pe.attendance.len()));
            for (p, _) in &pe.attendance {
                *seen.entry(*p).or_insert(0) += 1;
            }
        }
        assert!(seen.values().any(|&c| c >= 3), "some people come again");
    }
}
