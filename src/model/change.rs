//! A change on record: what one write did to the database, kept in the change journal so that
//! it can be listed, explained and undone. The store fills it in the same transaction as the
//! change itself; this module only says what a change is.

use serde::{Deserialize, Serialize};

use super::Ts;

/// What kind of change it was, as the history lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangeKind {
    CheckIn,
    /// A registration for a day, or taking one back.
    Registration,
    /// Any other write of the day's attendance (an undone check-in put back).
    Attendance,
    /// A walk-in: a person (maybe an organisation) and their arrival, in one step.
    WalkIn,
    PersonSaved,
    PersonArchived,
    OrgSaved,
    MergePeople,
    MergeOrgs,
    EventSaved,
    EventDeleted,
    AgendaSaved,
    AgendaDeleted,
    NoteSaved,
    NoteDeleted,
    IdeaSaved,
    /// One chunk of an import of `file` (the chunks of one import share a group).
    Import {
        file: String,
    },
    CloseDay,
    ReopenDay,
    /// The undo of the change with this id.
    Undo {
        of: String,
    },
    /// A write no kind was given for.
    Other,
    /// An organisation nobody and nothing referred to, deleted (a typo, a wrong import).
    OrgDeleted,
    /// A coordinator's choice in a conflict between desks: the record written with the chosen
    /// value of field `field` (counted as written even when the bytes stay the same). Last, so
    /// journals written before it read unchanged.
    Resolved {
        field: u8,
    },
    /// Personal data destroyed (`model::privacy`): `people` people's contact data, or the whole
    /// person when `whole`. The entry carries no destroyed value: each record's before-value is
    /// left out, and every earlier entry's copies were shredded too. Never undone.
    Shred {
        people: u32,
        whole: bool,
    },
}

impl ChangeKind {
    /// The kind as the history and the undo's refusal name it: Korean, English.
    pub fn words(&self) -> (String, String) {
        let (ko, en) = match self {
            ChangeKind::CheckIn => ("체크인", "check-in"),
            ChangeKind::Registration => ("참석 등록", "registration"),
            ChangeKind::Attendance => ("참석 상태", "attendance"),
            ChangeKind::WalkIn => ("현장 등록", "walk-in"),
            ChangeKind::PersonSaved => ("사람 저장", "person saved"),
            ChangeKind::PersonArchived => ("사람 보관", "person archived"),
            ChangeKind::OrgSaved => ("기관 저장", "organisation saved"),
            ChangeKind::MergePeople => ("사람 병합", "people merged"),
            ChangeKind::MergeOrgs => ("기관 병합", "organisations merged"),
            ChangeKind::EventSaved => ("네트워킹데이 저장", "networking day saved"),
            ChangeKind::EventDeleted => ("네트워킹데이 삭제", "networking day deleted"),
            ChangeKind::AgendaSaved => ("안건 저장", "agenda saved"),
            ChangeKind::AgendaDeleted => ("안건 삭제", "agenda item deleted"),
            ChangeKind::NoteSaved => ("기록 저장", "note saved"),
            ChangeKind::NoteDeleted => ("기록 삭제", "note deleted"),
            ChangeKind::IdeaSaved => ("아이디어 저장", "idea saved"),
            ChangeKind::Import { file } => {
                return (format!("가져오기 {file}"), format!("import of {file}"));
            }
            ChangeKind::CloseDay => ("행사 마감", "day closed"),
            ChangeKind::ReopenDay => ("행사 마감 되돌리기", "day reopened"),
            ChangeKind::Undo { of } => {
                return (format!("되돌리기 #{of}"), format!("undo of #{of}"));
            }
            ChangeKind::Other => ("변경", "change"),
            ChangeKind::OrgDeleted => ("기관 삭제", "organisation deleted"),
            ChangeKind::Resolved { .. } => ("충돌 해결", "conflict resolved"),
            ChangeKind::Shred { people, whole } => {
                let (ko, en) = if *whole {
                    ("사람 전체", "whole person")
                } else {
                    ("연락처", "contact data")
                };
                return (
                    format!("개인정보 파기 {people}명 ({ko})"),
                    format!("personal data shredded: {people} ({en})"),
                );
            }
        };
        (ko.to_string(), en.to_string())
    }
}

/// One key a change wrote: the tree, the key, and the stored bytes before and after (`None`:
/// there was none, or it was removed). Enough to invert it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Write {
    pub tree: String,
    pub key: Vec<u8>,
    pub before: Option<Vec<u8>>,
    pub after: Option<Vec<u8>>,
}

/// One change on record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// Its place in this database's journal (1, 2, 3…).
    pub order: u64,
    /// The desk that made it (drawn once per database) and its count there: together an id no
    /// other laptop gives.
    pub desk_id: u64,
    pub seq: u64,
    pub at: Ts,
    /// The desk's name when it was made.
    pub desk: String,
    pub kind: ChangeKind,
    /// The changes of one import share the order of its first.
    pub group: Option<u64>,
    pub writes: Vec<Write>,
}

impl Change {
    /// The id the history and `netday undo` show: the desk, then its count.
    pub fn id(&self) -> String {
        format!("{:04x}-{}", self.desk_id & 0xffff, self.seq)
    }
}
