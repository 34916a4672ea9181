//! Printed evidence of a networking day as PDF: the sign-in sheet (참석자 서명부) and badges.

pub mod badges;
pub mod layout;
pub mod signin;

use std::collections::HashMap;

use crate::model::{AttendanceStatus, Id, Organization};
use crate::store::{Store, StoreError};

/// One person on the day's list, as printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub org: String,
    pub role: String,
    pub phone: String,
    pub code: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sort {
    /// 가나다 by organisation, then name; people without one last.
    Org,
    /// 가나다 by name, then organisation.
    Name,
}

#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error("the bundled font cannot be read")]
    Font,
    #[error("the PDF could not be made: {0}")]
    Pdf(String),
    #[error("{0}")]
    Qr(String),
}

impl PrintError {
    pub fn ko(&self) -> String {
        crate::i18n::print_error(self, crate::i18n::Lang::Ko)
    }
    pub fn en(&self) -> String {
        crate::i18n::print_error(self, crate::i18n::Lang::En)
    }
}

/// Everyone registered for the day or arrived at it (expected, checked in, walk-in), sorted.
pub fn entries(store: &Store, event: Id, sort: Sort) -> Result<Vec<Entry>, StoreError> {
    let orgs: HashMap<Id, Organization> = store.orgs()?.into_iter().map(|o| (o.id, o)).collect();
    let mut out = Vec::new();
    for a in store.attendance_of_event(event)? {
        if matches!(
            a.status,
            AttendanceStatus::Cancelled | AttendanceStatus::NoShow
        ) {
            continue;
        }
        let Some(p) = store.person(a.person_id)? else {
            continue;
        };
        out.push(Entry {
            org: p
                .org_id
                .and_then(|o| orgs.get(&o))
                .map(|o| o.name.clone())
                .unwrap_or_default(),
            name: p.name,
            role: p.role,
            phone: p.phone,
            code: p.code,
        });
    }
    sort_entries(&mut out, sort);
    Ok(out)
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
    }
}
