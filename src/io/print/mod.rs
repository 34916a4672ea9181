//! Printed evidence of a networking day as PDF: the sign-in sheet (참석자 서명부), badges and,
//! after the day, the attendance record (출석부). [`document`] is the one way in.

pub mod attendance;
pub mod badges;
pub mod layout;
pub mod report;
pub mod signin;

use std::collections::HashMap;

use crate::i18n::Lang;
use crate::model::counts::DayCount;
use crate::model::{AttendanceStatus, Event, Id, Organization, PrintKind, Ts};
use crate::store::{Store, StoreError};

/// One person on the day's list, as printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub org: String,
    pub role: String,
    pub phone: String,
    pub code: String,
    /// When they checked in, if they have.
    pub arrived: Option<Ts>,
    /// Registered at the door rather than beforehand.
    pub walk_in: bool,
    /// Their consent on record to keep personal data (the 서명부 pre-marks it).
    pub consent: crate::model::ConsentState,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sort {
    /// 가나다 by organisation, then name; people without one last.
    Org,
    /// 가나다 by name, then organisation.
    Name,
    /// By arrival time, then name; people not arrived last.
    Arrival,
}

impl Sort {
    pub const ALL: [Sort; 3] = [Sort::Org, Sort::Name, Sort::Arrival];

    /// The order after this one (`forward`) or before it, round.
    pub fn step(self, forward: bool) -> Sort {
        let i = Sort::ALL.iter().position(|s| *s == self).unwrap_or(0);
        let n = Sort::ALL.len();
        Sort::ALL[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }]
    }
}

/// The most empty rows a sign-in sheet takes: each is laid out and drawn, so a number without
/// a bound was a PDF without a bound.
pub const MAX_BLANK: usize = 1000;

/// One of [`Options`], as the app offers it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setting {
    Sort,
    Contact,
    Blank,
}

/// The options that change what `kind` prints: every kind has an order; only the sign-in
/// sheet has a phone column and empty rows.
pub fn settings(kind: PrintKind) -> &'static [Setting] {
    match kind {
        PrintKind::Signin => &[Setting::Sort, Setting::Contact, Setting::Blank],
        PrintKind::Badges | PrintKind::Attendance => &[Setting::Sort],
    }
}

/// The order `kind` prints in unless told otherwise.
pub fn default_sort(kind: PrintKind) -> Sort {
    match kind {
        PrintKind::Signin | PrintKind::Badges => Sort::Org,
        PrintKind::Attendance => Sort::Arrival,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// `None`: the kind's own order ([`default_sort`]).
    pub sort: Option<Sort>,
    /// Sign-in sheet: show the phone number, masked as on the desk.
    pub contact: bool,
    /// Sign-in sheet: empty numbered rows after the list, for walk-ins.
    pub blank: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            sort: None,
            contact: false,
            blank: 10,
        }
    }
}

/// A finished PDF and what it holds.
#[derive(Clone, Debug)]
pub struct Printed {
    pub bytes: Vec<u8>,
    /// People printed (blank rows not counted).
    pub people: usize,
    pub pages: usize,
    /// Whose name, organisation or role (or the day's title or venue, then that title) holds
    /// characters the bundled font lacks: they print as [`layout::MISSING_GLYPH`].
    pub unprintable: Vec<String>,
}

/// The PDF of `kind` for `event`, with the page texts in `lang`.
pub fn document(
    store: &Store,
    event: &Event,
    kind: PrintKind,
    opt: &Options,
    lang: Lang,
    progress: &mut dyn crate::progress::Progress,
) -> Result<Printed, PrintError> {
    let sort = opt.sort.unwrap_or(default_sort(kind));
    let (mut people, count) = day(store, event.id)?;
    sort_entries(&mut people, sort);
    if kind == PrintKind::Attendance {
        people.retain(|p| p.arrived.is_some());
    }
    let pages = match kind {
        PrintKind::Signin => signin::pages(people.len() + opt.blank),
        PrintKind::Badges => badges::pages(people.len()),
        PrintKind::Attendance => layout::sheet_pages(people.len()),
    };
    progress.start(crate::progress::Stage::Print, pages as u64);
    let bytes = match kind {
        PrintKind::Signin => {
            let o = signin::Options {
                contact: opt.contact,
                blank: opt.blank,
                consent: true,
            };
            signin::render(event, &people, &o, lang, progress)?
        }
        PrintKind::Badges => badges::render(event, &people, lang, progress)?,
        PrintKind::Attendance => attendance::render(event, &people, &count, lang, progress)?,
    };
    let printable = |texts: &[&str]| texts.iter().all(|t| layout::all_printable(t));
    let mut unprintable = Vec::new();
    if !printable(&[&event.title, &event.venue]) {
        unprintable.push(event.title.clone());
    }
    unprintable.extend(
        people
            .iter()
            .filter(|p| !printable(&[&p.name, &p.org, &p.role]))
            .map(|p| p.name.clone()),
    );
    Ok(Printed {
        bytes,
        people: people.len(),
        pages,
        unprintable,
    })
}

#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error("the bundled font cannot be read")]
    Font,
    #[error("the PDF could not be made: {0}")]
    Pdf(String),
    #[error("{0}")]
    Qr(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl PrintError {
    /// What went wrong and what to do, in Korean and in English.
    fn words(&self) -> (String, String) {
        let (ko, en) = match self {
            PrintError::Font => (
                "내장 글꼴을 읽지 못해 PDF를 만들지 않았습니다. netday를 다시 설치하세요."
                    .to_string(),
                "The bundled font could not be read, so no PDF was made. Reinstall netday."
                    .to_string(),
            ),
            PrintError::Pdf(why) => (
                format!("PDF를 만들지 못했습니다 ({why}). 아무 파일도 쓰지 않았습니다."),
                format!("The PDF could not be made ({why}); no file was written."),
            ),
            PrintError::Store(e) => (e.ko(), e.en()),
            PrintError::Qr(why) => (
                format!(
                    "배지 코드를 QR 코드로 만들지 못했습니다 ({why}). 그 사람의 코드를 확인하세요."
                ),
                format!(
                    "A badge code could not be made into a QR code ({why}). Check that person's code."
                ),
            ),
        };
        (ko, en)
    }
    pub fn ko(&self) -> String {
        self.words().0
    }
    pub fn en(&self) -> String {
        self.words().1
    }
}

/// Everyone registered for the day or arrived at it (expected, checked in, walk-in), unsorted,
/// and the day's numbers; archived people are neither printed nor counted, as at the desk.
fn day(store: &Store, event: Id) -> Result<(Vec<Entry>, DayCount), StoreError> {
    let orgs: HashMap<Id, Organization> = store.orgs()?.into_iter().map(|o| (o.id, o)).collect();
    let mut attendance = Vec::new();
    for a in store.attendance_of_event(event)? {
        if let Some(p) = store.person(a.person_id)?
            && !p.archived
        {
            attendance.push((a, p));
        }
    }
    let count = DayCount::of(attendance.iter().map(|(a, _)| &a.status));
    let consents: HashMap<Id, crate::model::ConsentState> = store
        .consents()?
        .into_iter()
        .map(|(id, c)| (id, c.state))
        .collect();
    let mut out = Vec::new();
    for (a, p) in attendance {
        if matches!(
            a.status,
            AttendanceStatus::Cancelled | AttendanceStatus::NoShow
        ) {
            continue;
        }
        out.push(Entry {
            consent: consents.get(&p.id).copied().unwrap_or_default(),
            org: p
                .org_id
                .and_then(|o| orgs.get(&o))
                .map(|o| o.name.clone())
                .unwrap_or_default(),
            name: p.name,
            role: p.role,
            phone: p.phone,
            code: p.code,
            arrived: a.status.arrived_at(),
            walk_in: matches!(a.status, AttendanceStatus::WalkIn { .. }),
        });
    }
    Ok((out, count))
}

/// Hangul syllables sit in 가나다 order in Unicode, so plain string order is 가나다 order.
pub fn sort_entries(list: &mut [Entry], sort: Sort) {
    match sort {
        Sort::Org => list.sort_by(|a, b| {
            (a.org.is_empty(), &a.org, &a.name, &a.code).cmp(&(
                b.org.is_empty(),
                &b.org,
                &b.name,
                &b.code,
            ))
        }),
        Sort::Name => {
            list.sort_by(|a, b| (&a.name, &a.org, &a.code).cmp(&(&b.name, &b.org, &b.code)))
        }
        Sort::Arrival => list.sort_by(|a, b| {
            (a.arrived.is_none(), a.arrived, &a.name, &a.code).cmp(&(
                b.arrived.is_none(),
                b.arrived,
                &b.name,
                &b.code,
            ))
        }),
    }
}

/// Finishes a krilla document into bytes.
fn finish(doc: krilla::Document) -> Result<Vec<u8>, PrintError> {
    doc.finish().map_err(|e| PrintError::Pdf(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(name: &str, org: &str) -> Entry {
        Entry {
            name: name.into(),
            org: org.into(),
            role: String::new(),
            phone: String::new(),
            code: String::new(),
            arrived: None,
            walk_in: false,
            consent: Default::default(),
        }
    }

    #[test]
    fn sorted_ganada_by_organisation_or_by_name() {
        let mut l = vec![
            e("홍길동", "햇살생협"),
            e("김철수", ""),
            e("이영희", "가람신협"),
            e("강민수", "햇살생협"),
        ];
        sort_entries(&mut l, Sort::Org);
        let names: Vec<&str> = l.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, ["이영희", "강민수", "홍길동", "김철수"]);
        sort_entries(&mut l, Sort::Name);
        let names: Vec<&str> = l.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, ["강민수", "김철수", "이영희", "홍길동"]);
        l[0].arrived = Some(Ts(30));
        l[2].arrived = Some(Ts(10));
        l[3].arrived = Some(Ts(30));
        sort_entries(&mut l, Sort::Arrival);
        let names: Vec<&str> = l.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, ["이영희", "강민수", "홍길동", "김철수"]);
    }
}
