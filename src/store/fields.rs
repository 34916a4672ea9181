//! A record as fields, for applying another desk's change field by field: each field's codec
//! bytes, and the record put back together from them (bincode writes a struct as its fields
//! one after another, so the record's bytes are the version byte and the fields' bytes).
//! Each noun is destructured without `..`: a field added to a model type fails to compile
//! here until it is listed.

use super::codec;
use super::layout::{AGENDA, ATTENDANCE, CONSENT, EVENTS, IDEAS, MERGED_INTO, NOTES, ORGS, PEOPLE};
use crate::model::sync::FieldName;
use crate::model::{AgendaItem, Event, Idea, Note, Organization, Person};

macro_rules! fields {
    ($split:ident, $t:ident { $($f:ident),* $(,)? }) => {
        fn $split(bytes: &[u8]) -> Option<Vec<Vec<u8>>> {
            let r: $t = codec::decode(bytes).ok()?;
            let $t { $($f),* } = r;
            Some(vec![$(codec::encode_body(&$f).ok()?),*])
        }
    };
}

fields!(
    person,
    Person {
        id,
        code,
        name,
        org_id,
        role,
        phone,
        email,
        tags,
        notes,
        archived,
        created,
        aliases
    }
);
fields!(
    org,
    Organization {
        id,
        name,
        kind,
        district,
        contact
    }
);
fields!(
    event,
    Event {
        id,
        title,
        date,
        start,
        end,
        venue,
        district,
        status
    }
);
fields!(
    agenda,
    AgendaItem {
        id,
        event_id,
        order,
        start,
        minutes,
        title,
        presenter,
        status
    }
);
fields!(
    note,
    Note {
        id,
        event_id,
        agenda_id,
        at,
        author,
        text,
        kind
    }
);
fields!(
    idea,
    Idea {
        id,
        title,
        category,
        org_ids,
        owner,
        status,
        next_step,
        next_due,
        description,
        note_ids,
        history,
        created,
        updated
    }
);

/// Trees whose values are records two desks may both write (the rest are indexes, which
/// follow from the records, and the store's own bookkeeping).
pub(super) fn is_record_tree(tree: usize) -> bool {
    matches!(
        tree,
        EVENTS | ORGS | PEOPLE | ATTENDANCE | AGENDA | NOTES | IDEAS | MERGED_INTO | CONSENT
    )
}

/// The record's fields (attendance — its status and time belong together —, a consent — its
/// answer, time and way belong together — and a merge's link are one field each); `None` when the bytes are not such a record.
pub(super) fn split(tree: usize, bytes: &[u8]) -> Option<Vec<Vec<u8>>> {
    match tree {
        PEOPLE => person(bytes),
        ORGS => org(bytes),
        EVENTS => event(bytes),
        AGENDA => agenda(bytes),
        NOTES => note(bytes),
        IDEAS => idea(bytes),
        ATTENDANCE => {
            codec::decode::<crate::model::Attendance>(bytes).ok()?;
            Some(vec![bytes.get(1..)?.to_vec()])
        }
        CONSENT => {
            codec::decode::<crate::model::Consent>(bytes).ok()?;
            Some(vec![bytes.get(1..)?.to_vec()])
        }
        MERGED_INTO => Some(vec![bytes.to_vec()]),
        _ => None,
    }
}

/// The record's bytes from its fields, checked by decoding them; `None` when they do not
/// make one.
pub(super) fn join(tree: usize, fields: &[&[u8]]) -> Option<Vec<u8>> {
    if tree == MERGED_INTO {
        let v = fields.first()?.to_vec();
        return (v.len() == 8).then_some(v);
    }
    let mut out = vec![codec::SCHEMA];
    for f in fields {
        out.extend_from_slice(f);
    }
    let ok = match tree {
        PEOPLE => codec::decode::<Person>(&out).is_ok(),
        ORGS => codec::decode::<Organization>(&out).is_ok(),
        EVENTS => codec::decode::<Event>(&out).is_ok(),
        AGENDA => codec::decode::<AgendaItem>(&out).is_ok(),
        NOTES => codec::decode::<Note>(&out).is_ok(),
        IDEAS => codec::decode::<Idea>(&out).is_ok(),
        ATTENDANCE => codec::decode::<crate::model::Attendance>(&out).is_ok(),
        CONSENT => codec::decode::<crate::model::Consent>(&out).is_ok(),
        _ => false,
    };
    ok.then_some(out)
}

/// A field whose concurrent writes are never a conflict: the later value is kept (an idea's
/// "last updated").
pub(super) fn is_latest_wins(tree: usize, field: usize) -> bool {
    tree == IDEAS && field == 12
}

/// Which field of a record `field` is.
pub(super) fn field_name(tree: usize, field: u8) -> FieldName {
    use FieldName as F;
    if field == crate::model::sync::EXISTS {
        return F::Exists;
    }
    let person = [
        F::Id,
        F::Code,
        F::Name,
        F::Org,
        F::Role,
        F::Phone,
        F::Email,
        F::Tags,
        F::Notes,
        F::Archived,
        F::Created,
        F::OtherCodes,
    ];
    let org = [F::Id, F::Name, F::Kind, F::District, F::Contact];
    let list: &[FieldName] = match tree {
        PEOPLE => &person,
        ORGS => &org,
        ATTENDANCE => &[F::Attendance],
        MERGED_INTO => &[F::MergedInto],
        CONSENT => &[F::Consent],
        _ => &[],
    };
    list.get(field as usize).copied().unwrap_or(F::Content)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Ts;

    #[test]
    fn a_record_split_into_fields_joins_back_to_the_same_bytes() {
        let mut p = Person::new("김민준", Ts(5));
        p.phone = "010-1234-5678".into();
        p.aliases = vec!["ABCD".into()];
        let bytes = codec::encode(&p).unwrap();
        let f = split(PEOPLE, &bytes).unwrap();
        assert_eq!(f.len(), 12);
        let refs: Vec<&[u8]> = f.iter().map(Vec::as_slice).collect();
        assert_eq!(join(PEOPLE, &refs).unwrap(), bytes);
        let mut other = p.clone();
        other.phone = "010-9999-0000".into();
        let g = split(PEOPLE, &codec::encode(&other).unwrap()).unwrap();
        let differ: Vec<usize> = (0..12).filter(|&i| f[i] != g[i]).collect();
        assert_eq!(differ, vec![5]);
    }
}
