//! Portable backups: the `Snapshot` of every record, its file format, and filling an empty
//! database from one (`swap` puts that database in place of the live one). Reads every tree;
//! writes only into a database that holds no records yet.
//!
//! # Backup file
//! `NETDAYBK`, one format byte, the bincode body of a [`Snapshot`], then (formats 3 to 5) a
//! CRC-32 (little-endian) of every byte before it. A flipped bit, a cut, or bytes after the body
//! make the file "damaged". Format 5 holds schema-3 records and the consents on record; format 4
//! the same without consents (`SnapshotV4`); format 3
//! the same body at schema 2 (`migrate::SnapshotV2`). Format 2 (round 1: a schema-2 body, no
//! checksum) is still read, but restored only when the user says `--unchecked`: a flipped bit
//! inside a name still decodes, so nothing can tell a damaged one from a sound one. Format 1 is
//! older than anything this build reads.
//!
//! Whatever the format, a restore is one more way in: every text field is cleaned and cut to its
//! limit (`model::TextField`) as an import would, and the cuts are counted.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::layout::{
    AGENDA, ATTENDANCE, CONSENT, EVENTS, IDEAS, META, NOTES, ORGS, PEOPLE, TREE_NAMES, be,
};
use super::{SCHEMA, Store, StoreError, codec};
use crate::model::counts::RecordCounts;
use crate::model::korean::{Particle, josa};
use crate::model::{
    AgendaItem, Attendance, AttendanceStatus, Consent, ConsentHow, Event, Id, Idea, Note, NoteKind,
    Organization, Owner, Person, TextField, clean_line, clean_multiline, fit,
};
use crate::progress::{Progress, Silent};

pub(super) const MAGIC: &[u8; 8] = b"NETDAYBK";
/// The backup format written: schema-3 records and the consents, with a CRC-32 trailer.
const FORMAT: u8 = 5;
/// Schema-3 records without consents, with a CRC-32 trailer (`SnapshotV4`).
pub(super) const FORMAT_NO_CONSENT: u8 = 4;
/// Schema-2 records with a CRC-32 trailer.
pub(super) const FORMAT_SCHEMA2: u8 = 3;
/// Round 1 wrote schema-2 records with no checksum.
pub(super) const FORMAT_UNCHECKED: u8 = 2;
const _: () = assert!(
    SCHEMA == 3,
    "a new record schema needs a new backup FORMAT (and a way to read the old one)"
);

/// Everything a networking-day database holds (drafts excepted).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct Snapshot {
    pub events: Vec<Event>,
    pub orgs: Vec<Organization>,
    pub people: Vec<Person>,
    pub attendance: Vec<Attendance>,
    pub agenda: Vec<AgendaItem>,
    pub notes: Vec<Note>,
    pub ideas: Vec<Idea>,
    /// Each person's consent on record (`model::Consent`), by their id.
    pub consents: Vec<(Id, Consent)>,
}

/// A format-4 backup's body: `Snapshot` before consents were recorded.
#[derive(Serialize, Deserialize)]
pub struct SnapshotV4 {
    pub events: Vec<Event>,
    pub orgs: Vec<Organization>,
    pub people: Vec<Person>,
    pub attendance: Vec<Attendance>,
    pub agenda: Vec<AgendaItem>,
    pub notes: Vec<Note>,
    pub ideas: Vec<Idea>,
}

impl From<SnapshotV4> for Snapshot {
    fn from(s: SnapshotV4) -> Snapshot {
        Snapshot {
            events: s.events,
            orgs: s.orgs,
            people: s.people,
            attendance: s.attendance,
            agenda: s.agenda,
            notes: s.notes,
            ideas: s.ideas,
            consents: Vec::new(),
        }
    }
}

/// The backup file a netday of format 4 made of `s` (no consents): tests of reading older
/// backups use it.
pub fn format4_backup(s: &Snapshot) -> Result<Vec<u8>, StoreError> {
    let old = SnapshotV4 {
        events: s.events.clone(),
        orgs: s.orgs.clone(),
        people: s.people.clone(),
        attendance: s.attendance.clone(),
        agenda: s.agenda.clone(),
        notes: s.notes.clone(),
        ideas: s.ideas.clone(),
    };
    let mut out = MAGIC.to_vec();
    out.push(FORMAT_NO_CONSENT);
    out.extend(codec::encode_body(&old)?);
    let sum = crc32fast::hash(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    Ok(out)
}

/// Whether a backup carried a checksum that was verified.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Checked,
    /// A round-1 backup: read as it is, nothing could verify it.
    Unchecked,
}

/// Why bytes are not a backup this build can restore.
#[derive(Debug)]
pub enum Fault {
    Unreadable(std::io::Error),
    NotBackup,
    Damaged,
    Older(u8),
    Newer(u8),
    /// A format-2 backup, not restored without `--unchecked`.
    Unchecked,
}

/// A backup file refused; nothing was changed.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.en())]
pub struct BackupError {
    pub path: PathBuf,
    pub fault: Fault,
}

impl BackupError {
    pub fn ko(&self) -> String {
        let p = self.path.display().to_string();
        let (p_eun, p_i, p_eul) = (
            josa(&p, Particle::EunNeun),
            josa(&p, Particle::IGa),
            josa(&p, Particle::EulReul),
        );
        match &self.fault {
            Fault::Unreadable(e) => format!(
                "백업 파일 {p_eul} 읽지 못했습니다 ({}). 아무것도 바꾸지 않았습니다. 경로와 권한을 확인하세요.",
                read_ko(e)
            ),
            Fault::NotBackup => format!(
                "{p_eun} netday 백업 파일이 아닙니다. 아무것도 바꾸지 않았습니다. `netday backup`으로 만든 파일을 고르세요."
            ),
            Fault::Damaged => format!(
                "백업 파일 {p_i} 손상되었습니다 (검사값이 맞지 않거나, 잘렸거나, 뒤에 다른 내용이 붙어 있습니다). 아무것도 바꾸지 않았습니다. 다른 백업 파일로 복원하세요."
            ),
            Fault::Older(n) => format!(
                "백업 파일 {p_eun} 이 netday가 읽지 못하는 옛 형식({n})입니다. 아무것도 바꾸지 않았습니다. 그 파일을 만든 netday로 복원한 뒤 새로 백업하세요."
            ),
            Fault::Newer(n) => format!(
                "백업 파일 {p_eun} 더 새로운 netday가 만든 형식({n})입니다 (이 버전은 {FORMAT}까지). 아무것도 바꾸지 않았습니다. netday를 업데이트하세요."
            ),
            Fault::Unchecked => format!(
                "백업 파일 {p_eun} 검사값이 없는 옛 형식(2)이라 손상 여부를 확인할 수 없습니다. 아무것도 바꾸지 않았습니다. 그래도 복원하려면 --unchecked를 붙이세요."
            ),
        }
    }
    pub fn en(&self) -> String {
        let p = self.path.display();
        match &self.fault {
            Fault::Unreadable(e) => format!(
                "Could not read the backup file {p} ({}). Nothing was changed. Check the path and permissions.",
                read_en(e)
            ),
            Fault::NotBackup => format!(
                "{p} is not a netday backup file. Nothing was changed. Choose a file made by `netday backup`."
            ),
            Fault::Damaged => format!(
                "The backup file {p} is damaged (its checksum does not match, it is cut short, or something follows it). Nothing was changed. Restore from another backup file."
            ),
            Fault::Older(n) => format!(
                "The backup file {p} is in an older format ({n}) that this netday cannot read. Nothing was changed. Restore it with the netday that made it, then make a new backup."
            ),
            Fault::Newer(n) => format!(
                "The backup file {p} was made by a newer netday (format {n}; this build reads up to {FORMAT}). Nothing was changed. Update netday."
            ),
            Fault::Unchecked => format!(
                "The backup file {p} is in the older format (2), without a checksum, so damage in it cannot be detected. Nothing was changed. Add --unchecked to restore it anyway."
            ),
        }
    }
}

fn read_ko(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "파일이 없습니다",
        PermissionDenied => "권한이 없습니다",
        IsADirectory => "폴더입니다",
        _ => "입출력 오류",
    }
}

fn read_en(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file",
        PermissionDenied => "permission denied",
        IsADirectory => "it is a folder",
        _ => "input/output error",
    }
}

impl Snapshot {
    pub fn to_bytes(&self) -> Result<Vec<u8>, StoreError> {
        let mut out = MAGIC.to_vec();
        out.push(FORMAT);
        out.extend(codec::encode_body(self)?);
        let sum = crc32fast::hash(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        Ok(out)
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Snapshot, Fault> {
        Self::decode(bytes).map(|(s, _)| s)
    }

    /// Reads a backup, refusing anything damaged, cut short, or followed by other bytes.
    pub fn decode(bytes: &[u8]) -> Result<(Snapshot, Format), Fault> {
        let (Some(head), Some(&format)) = (bytes.get(..8), bytes.get(8)) else {
            return Err(Fault::NotBackup);
        };
        if head != MAGIC {
            return Err(Fault::NotBackup);
        }
        match format {
            FORMAT | FORMAT_NO_CONSENT | FORMAT_SCHEMA2 => {
                let (signed, sum) = bytes
                    .split_at_checked(bytes.len().saturating_sub(4))
                    .filter(|(signed, _)| signed.len() > 9)
                    .ok_or(Fault::Damaged)?;
                let sum = u32::from_le_bytes(sum.try_into().map_err(|_| Fault::Damaged)?);
                if crc32fast::hash(signed) != sum {
                    return Err(Fault::Damaged);
                }
                let body = &signed[9..];
                let snap = match format {
                    FORMAT => decode_whole(body)?,
                    FORMAT_NO_CONSENT => codec::decode_whole::<SnapshotV4>(body)
                        .map(Snapshot::from)
                        .map_err(|_| Fault::Damaged)?,
                    _ => decode_schema2(body)?,
                };
                Ok((snap, Format::Checked))
            }
            FORMAT_UNCHECKED => Ok((decode_schema2(&bytes[9..])?, Format::Unchecked)),
            f if f < FORMAT_UNCHECKED => Err(Fault::Older(f)),
            f => Err(Fault::Newer(f)),
        }
    }

    /// Reads and decodes the backup file at `path`.
    pub fn read(path: &Path) -> Result<(Snapshot, Format), BackupError> {
        let fail = |fault| BackupError {
            path: path.to_path_buf(),
            fault,
        };
        let bytes = std::fs::read(path).map_err(|e| fail(Fault::Unreadable(e)))?;
        Self::decode(&bytes).map_err(fail)
    }

    pub fn counts(&self) -> RecordCounts {
        RecordCounts {
            people: self.people.len(),
            orgs: self.orgs.len(),
            events: self.events.len(),
            attendance: self.attendance.len(),
            agenda: self.agenda.len(),
            notes: self.notes.len(),
            ideas: self.ideas.len(),
        }
    }

    /// Every text field cleaned as typed or imported text is, and cut to its field's limit: a
    /// backup is one more way in. Also says how many fields were longer than their limit.
    pub fn cleaned(&self) -> (Snapshot, usize) {
        let mut cut = 0;
        let mut s = self.clone();
        {
            let mut l = |s: &mut String, f: TextField| *s = limited(clean_line(s), f, &mut cut);
            for e in &mut s.events {
                l(&mut e.title, TextField::Title);
                l(&mut e.venue, TextField::Short);
            }
            for o in &mut s.orgs {
                l(&mut o.name, TextField::Organization);
                l(&mut o.contact, TextField::Contact);
            }
            for p in &mut s.people {
                l(&mut p.name, TextField::Name);
                l(&mut p.role, TextField::Role);
                l(&mut p.phone, TextField::Phone);
                l(&mut p.email, TextField::Email);
                p.tags.iter_mut().for_each(|t| l(t, TextField::Tag));
            }
            for a in &mut s.attendance {
                if let AttendanceStatus::CheckedIn { desk, .. }
                | AttendanceStatus::WalkIn { desk, .. } = &mut a.status
                {
                    l(desk, TextField::Short);
                }
            }
            for a in &mut s.agenda {
                l(&mut a.title, TextField::Title);
                l(&mut a.presenter, TextField::Short);
            }
            for n in &mut s.notes {
                l(&mut n.author, TextField::Short);
                if let NoteKind::Action {
                    owner: Owner::Named(who),
                    ..
                } = &mut n.kind
                {
                    l(who, TextField::Short);
                }
            }
            for i in &mut s.ideas {
                l(&mut i.title, TextField::Title);
                l(&mut i.next_step, TextField::Short);
            }
        }
        {
            let mut m =
                |s: &mut String, f: TextField| *s = limited(clean_multiline(s), f, &mut cut);
            for p in &mut s.people {
                m(&mut p.notes, TextField::PersonNotes);
            }
            for n in &mut s.notes {
                m(&mut n.text, TextField::NoteText);
            }
            for i in &mut s.ideas {
                m(&mut i.description, TextField::Description);
            }
        }
        for (_, c) in &mut s.consents {
            if let ConsentHow::Import { file } = &mut c.how {
                *file = limited(clean_line(file), TextField::Short, &mut cut);
            }
        }
        for p in &mut s.people {
            // A code cut short could be another person's: it is dropped, and a fresh one is
            // drawn when the person is written.
            p.code = clean_line(&p.code);
            if fit(TextField::BadgeCode, &p.code).is_err() {
                p.code.clear();
                cut += 1;
            }
            // All of one person's tags together: the first ones that fit are kept.
            let mut room = TextField::Tags.limit();
            let before = p.tags.len();
            p.tags.retain(|t| {
                let n = t.chars().count();
                let fits = n <= room;
                room = room.saturating_sub(n);
                fits
            });
            if p.tags.len() < before {
                cut += 1;
            }
            // An alias that is no code is dropped, never cut: cut short it could be someone
            // else's. A person keeps as many as an import gives one.
            let before = p.aliases.len();
            for alias in &mut p.aliases {
                *alias = clean_line(alias);
            }
            p.aliases
                .retain(|a| !a.is_empty() && fit(TextField::BadgeCode, a).is_ok());
            p.aliases.truncate(crate::model::MAX_ALIASES);
            if p.aliases.len() < before {
                cut += 1;
            }
        }
        (s, cut)
    }
}

/// `text` cut to `field`'s limit, counting a cut into `cut`.
fn limited(text: String, field: TextField, cut: &mut usize) -> String {
    match fit(field, &text) {
        Ok(_) => text,
        Err(head) => {
            *cut += 1;
            head.trim_end().to_string()
        }
    }
}

fn decode_whole(body: &[u8]) -> Result<Snapshot, Fault> {
    codec::decode_whole(body).map_err(|_| Fault::Damaged)
}

fn decode_schema2(body: &[u8]) -> Result<Snapshot, Fault> {
    codec::decode_whole::<super::migrate::SnapshotV2>(body)
        .map(Snapshot::from)
        .map_err(|_| Fault::Damaged)
}

/// Records read or written between two reports of progress.
const STEP: u64 = 1000;

impl Store {
    pub fn snapshot(&self) -> Result<Snapshot, StoreError> {
        self.snapshot_with(&mut Silent, crate::progress::Stage::Backup)
    }

    /// `snapshot`, telling `progress` (as stage `what`) how many records it has read.
    pub fn snapshot_with(
        &self,
        progress: &mut dyn Progress,
        what: crate::progress::Stage,
    ) -> Result<Snapshot, StoreError> {
        let trees = [EVENTS, ORGS, PEOPLE, ATTENDANCE, AGENDA, NOTES, IDEAS];
        let live = self.live()?;
        progress.start(
            what,
            trees.iter().map(|&t| live.trees[t].len() as u64).sum(),
        );
        let mut done = 0;
        Ok(Snapshot {
            events: self.read_all(EVENTS, &mut done, progress)?,
            orgs: self.read_all(ORGS, &mut done, progress)?,
            people: self.read_all(PEOPLE, &mut done, progress)?,
            attendance: self.read_all(ATTENDANCE, &mut done, progress)?,
            agenda: self.read_all(AGENDA, &mut done, progress)?,
            notes: self.read_all(NOTES, &mut done, progress)?,
            ideas: self.read_all(IDEAS, &mut done, progress)?,
            consents: self.consents()?,
        })
    }

    /// `all(tree)`, counting every record it passes (damaged ones too) into `done`.
    fn read_all<T: serde::de::DeserializeOwned>(
        &self,
        tree: usize,
        done: &mut u64,
        progress: &mut dyn Progress,
    ) -> Result<Vec<T>, StoreError> {
        let mut out = Vec::new();
        for kv in self.tree(tree)?.iter() {
            let (k, v) = kv.map_err(|e| self.sled_err(e))?;
            out.extend(self.decoded(tree, &k, &v));
            *done += 1;
            if done.is_multiple_of(STEP) {
                progress.set(*done);
            }
        }
        progress.set(*done);
        Ok(out)
    }

    /// Fills a store that holds no records with `snap`, its text cleaned; ids are kept, counters
    /// set past the highest id so new records never collide. Durable when it returns Ok.
    /// `progress` hears one stage: the records written.
    pub fn restore(&self, snap: &Snapshot, progress: &mut dyn Progress) -> Result<(), StoreError> {
        let holds = |live: &super::Live| {
            live.trees[EVENTS..=IDEAS].iter().any(|t| !t.is_empty())
                || !live.trees[CONSENT].is_empty()
        };
        if holds(&*self.live()?) {
            return Err(StoreError::Invalid(
                "restore fills an empty database only; use Store::replace_with".into(),
            ));
        }
        let (snap, _) = snap.cleaned();
        let c = snap.counts();
        let total = c.people + c.orgs + c.events + c.attendance + c.agenda + c.notes + c.ideas;
        progress.start(crate::progress::Stage::Restore, total as u64);
        let mut done = 0;
        let max_ids = [
            (EVENTS, snap.events.iter().map(|e| e.id).max()),
            (ORGS, snap.orgs.iter().map(|e| e.id).max()),
            (PEOPLE, snap.people.iter().map(|e| e.id).max()),
            (AGENDA, snap.agenda.iter().map(|e| e.id).max()),
            (NOTES, snap.notes.iter().map(|e| e.id).max()),
            (IDEAS, snap.ideas.iter().map(|e| e.id).max()),
        ];
        for (tree, max) in max_ids {
            let key = format!("seq:{}", TREE_NAMES[tree]);
            self.raw_insert(META, key.as_bytes(), &be(max.unwrap_or(0))[..])?;
        }
        for part in snap.people.chunks(2000) {
            self.write_unsynced(|tx| {
                tx.off_record();
                for p in part {
                    tx.put_person(&mut p.clone())?;
                }
                Ok(())
            })?;
            done += part.len();
            progress.set(done as u64);
        }
        self.write_unsynced(|tx| {
            tx.off_record();
            for e in &snap.events {
                tx.put_event(&mut e.clone())?;
            }
            for o in &snap.orgs {
                tx.put_org(&mut o.clone())?;
            }
            for a in &snap.agenda {
                tx.put_agenda(&mut a.clone())?;
            }
            for n in &snap.notes {
                tx.put_note(&mut n.clone())?;
            }
            for i in &snap.ideas {
                tx.put_idea(&mut i.clone())?;
            }
            Ok(())
        })?;
        done += c.events + c.orgs + c.agenda + c.notes + c.ideas;
        progress.set(done as u64);
        // After the people: a "no" empties the contact details of a person written before it.
        for chunk in snap.consents.chunks(5000) {
            self.write_unsynced(|tx| {
                tx.off_record();
                for (id, consent) in chunk {
                    tx.put_consent(*id, consent)?;
                }
                Ok(())
            })?;
        }
        for chunk in snap.attendance.chunks(5000) {
            self.write_unsynced(|tx| {
                tx.off_record();
                for a in chunk {
                    tx.put_attendance(a)?;
                }
                Ok(())
            })?;
            done += chunk.len();
            progress.set(done as u64);
        }
        self.durable()
    }
}
