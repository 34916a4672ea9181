//! People and organisations: their writes (badge codes, the code and organisation indexes),
//! lookups, the walk-in write of person + organisation + attendance, and merging two people.
//! Touches the people, orgs, people_by_org and people_by_code trees, and (walk-in, merge) the
//! attendance, notes and ideas of the people concerned.

use super::consent::ConsentWrite;
use super::layout::{
    ATTENDANCE, MERGED_INTO, NOTES, ORGS, PEOPLE, PEOPLE_BY_CODE, PEOPLE_BY_ORG, be, from_be, pair,
};
use super::write::{Tx, TxResult};
use super::{Result, Store, StoreError};
use crate::model::{
    Attendance, BADGE_CODE_LEN, ChangeKind, Id, Note, NoteKind, Organization, Owner, Person,
    PersonField, badge_code_from,
};

impl Tx<'_> {
    /// A badge code nobody in this database has (as their code or an alias), drawn at random so that two databases do not
    /// hand out the same codes; a longer one when the short ones grow crowded.
    fn fresh_code(&self) -> TxResult<String> {
        let mut attempt = self.code_step.get() * 16;
        loop {
            let n = getrandom::u64().map_err(|e| {
                StoreError::Invalid(format!(
                    "운영체제에서 난수를 얻지 못했습니다 ({e}) / the system gave no random number ({e})"
                ))
            })?;
            let code = badge_code_from(n, BADGE_CODE_LEN + attempt / 16);
            if self.raw(PEOPLE_BY_CODE, code.as_bytes())?.is_none() {
                self.code_step.set(attempt / 16);
                return Ok(code);
            }
            attempt += 1;
        }
    }

    /// A free badge code drawn from `seed` alone: every desk that makes the same merge gives
    /// the merged-away person the same code (a random one would differ at each desk, and the
    /// same merge made at two desks apart would be listed as a conflict).
    fn code_from_seed(&self, seed: u64) -> TxResult<String> {
        let mut attempt: u64 = 0;
        loop {
            // splitmix64: spreads consecutive seeds over the whole range.
            let mut z = seed.wrapping_add(attempt.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            let code = badge_code_from(z, BADGE_CODE_LEN + (attempt / 16) as usize);
            if self.raw(PEOPLE_BY_CODE, code.as_bytes())?.is_none() {
                return Ok(code);
            }
            attempt += 1;
        }
    }

    pub fn put_person(&self, p: &mut Person) -> TxResult<()> {
        self.is_default(if p.archived {
            ChangeKind::PersonArchived
        } else {
            ChangeKind::PersonSaved
        });
        self.bump_gen()?;
        self.keep_consent_rule(p)?;
        let new = p.id == 0;
        self.assign_id(PEOPLE, &mut p.id)?;
        if p.code.is_empty() {
            p.code = self.fresh_code()?;
        }
        let mut aliases: Vec<String> = Vec::with_capacity(p.aliases.len());
        for a in std::mem::take(&mut p.aliases) {
            if !a.is_empty() && a != p.code && !aliases.contains(&a) {
                aliases.push(a);
            }
        }
        p.aliases = aliases;
        let old: Option<Person> = self.get(PEOPLE, &be(p.id))?;
        let own = |code: &[u8]| -> TxResult<bool> {
            Ok(self.raw(PEOPLE_BY_CODE, code)?.as_deref() == Some(&be(p.id)[..]))
        };
        if let Some(old) = &old {
            if let Some(o) = old.org_id {
                self.del(PEOPLE_BY_ORG, &pair(o, p.id))?;
            }
            for code in old.codes().filter(|c| !p.codes().any(|n| n == *c)) {
                if own(code.as_bytes())? {
                    self.del(PEOPLE_BY_CODE, code.as_bytes())?;
                }
            }
        }
        // Every code of theirs, aliases too, names them alone in the code index. A code they
        // already had that names someone else came from two desks drawing one code: it names
        // the person made first (as `sync.rs` decides), and saving them is not refused for it.
        let mut index = Vec::new();
        for code in p.codes() {
            if let Some(holder) = self.raw(PEOPLE_BY_CODE, code.as_bytes())?
                && holder.as_ref() != be(p.id)
            {
                let holder_p = from_be(&holder)
                    .and_then(|id| self.get::<Person>(PEOPLE, &be(id)).ok().flatten());
                if old.as_ref().is_some_and(|o| o.codes().any(|c| c == code)) {
                    if holder_p.is_none_or(|h| (p.created, p.id) < (h.created, h.id)) {
                        index.push(code);
                    }
                    continue;
                }
                let holder_name = holder_p.map(|h| h.name).unwrap_or_else(|| "?".into());
                return Err(StoreError::CodeTaken {
                    code: code.to_string(),
                    holder_name,
                }
                .into());
            }
            index.push(code);
        }
        if let Some(o) = p.org_id {
            if new {
                self.absent(PEOPLE_BY_ORG, &pair(o, p.id));
            }
            self.mark(PEOPLE_BY_ORG, &pair(o, p.id))?;
        }
        for code in index {
            self.put_raw(PEOPLE_BY_CODE, code.as_bytes(), &be(p.id))?;
        }
        self.put(PEOPLE, &be(p.id), p)
    }

    pub fn put_org(&self, o: &mut Organization) -> TxResult<()> {
        self.is_default(ChangeKind::OrgSaved);
        self.bump_gen()?;
        self.assign_id(ORGS, &mut o.id)?;
        self.put(ORGS, &be(o.id), o)
    }
}

impl Store {
    // --- organisations ---
    pub fn orgs(&self) -> Result<Vec<Organization>> {
        self.all(ORGS)
    }
    pub fn org(&self, id: Id) -> Result<Option<Organization>> {
        self.one(ORGS, &be(id))
    }
    pub fn put_org(&self, o: &mut Organization) -> Result<()> {
        self.save(o, |tx, o| tx.put_org(o))
    }

    // --- people ---
    pub fn people(&self) -> Result<Vec<Person>> {
        self.all(PEOPLE)
    }
    pub fn person(&self, id: Id) -> Result<Option<Person>> {
        self.one(PEOPLE, &be(id))
    }
    pub fn person_by_code(&self, code: &str) -> Result<Option<Person>> {
        let key = code.to_ascii_uppercase();
        match self.raw_get(PEOPLE_BY_CODE, key.as_bytes())? {
            Some(id) => match from_be(&id) {
                Some(id) => self.person(id),
                None => {
                    self.note_damage(PEOPLE_BY_CODE, key.as_bytes());
                    Ok(None)
                }
            },
            None => Ok(None),
        }
    }

    pub fn people_of_org(&self, org: Id) -> Result<Vec<Person>> {
        self.by_index(PEOPLE_BY_ORG, org, PEOPLE, be)
    }
    /// Saves a person (id 0 = new: gets an id and a badge code, written back).
    pub fn put_person(&self, p: &mut Person) -> Result<()> {
        self.save(p, |tx, p| tx.put_person(p))
    }
    /// Saves a new person together with a new organisation (walk-in with a new organisation):
    /// either both land or neither.
    pub fn put_person_with_org(
        &self,
        p: &mut Person,
        org: Option<&mut Organization>,
        attendance: Option<&mut Attendance>,
    ) -> Result<()> {
        self.put_person_with_org_and_consent(p, org, attendance, ConsentWrite::Keep)
            .map(|_| ())
    }

    /// `put_person_with_org`, with the person's consent written in the same step (see
    /// `store::consent`); whether a phone or an e-mail was left out for want of consent.
    pub fn put_person_with_org_and_consent(
        &self,
        p: &mut Person,
        org: Option<&mut Organization>,
        attendance: Option<&mut Attendance>,
        consent: ConsentWrite<'_>,
    ) -> Result<bool> {
        let org_in = org.as_ref().map(|o| (*o).clone());
        let att_in = attendance.as_ref().map(|a| (*a).clone());
        let (sp, so, sa, withheld) = self.write(|tx| {
            if att_in
                .as_ref()
                .is_some_and(|a| matches!(a.status, crate::model::AttendanceStatus::WalkIn { .. }))
            {
                tx.is(ChangeKind::WalkIn);
            } else {
                tx.is(ChangeKind::PersonSaved);
            }
            let mut p = p.clone();
            let mut o = org_in.clone();
            if let Some(o) = o.as_mut() {
                tx.put_org(o)?;
                p.org_id = Some(o.id);
            }
            let withheld = tx.put_person_consenting(&mut p, &consent)?;
            let mut a = att_in.clone();
            if let Some(a) = a.as_mut() {
                a.person_id = p.id;
                tx.put_attendance(a)?;
            }
            Ok((p, o, a, withheld))
        })?;
        *p = sp;
        if let (Some(dst), Some(src)) = (org, so) {
            *dst = src;
        }
        if let (Some(dst), Some(src)) = (attendance, sa) {
            *dst = src;
        }
        Ok(withheld)
    }

    /// Folds `dup` into `keep`: `keep` takes `dup`'s value of each field in `take`, attendance
    /// history moves over (the better status wins where both attended the same day), action
    /// items and ideas owned by `dup` move to `keep`, `dup`'s badge codes become aliases of
    /// `keep` (a badge printed for either scans), `dup` is archived with a note and a new code,
    /// never erased, and `merged_into` says `dup` is now `keep`: all in one durable step.
    pub fn merge_people(&self, keep: Id, dup: Id, take: &[PersonField]) -> Result<()> {
        if keep == dup {
            return Err(StoreError::Invalid(
                "cannot merge a person into themselves".into(),
            ));
        }
        let dup_att = self.attendance_of_person(dup)?;
        let notes = self.all::<Note>(NOTES)?;
        let ideas = self.ideas()?;
        let earlier: Vec<Id> = self
            .merged_into()?
            .into_iter()
            .filter(|&(_, into)| into == dup)
            .map(|(from, _)| from)
            .collect();
        self.write(|tx| {
            tx.is(ChangeKind::MergePeople);
            let person = |id| -> TxResult<Person> {
                Ok(tx
                    .get(PEOPLE, &be(id))?
                    .ok_or_else(|| StoreError::Invalid("no such person".into()))?)
            };
            let mut dup_p = person(dup)?;
            let mut keep_p = person(keep)?;
            for f in take {
                f.copy(&dup_p, &mut keep_p);
            }
            for a in &dup_att {
                let mine: Option<Attendance> = tx.get(ATTENDANCE, &pair(a.event_id, keep))?;
                // Two records of one person who arrived twice (at two desks) came once, at
                // the earlier time.
                let better = match (&mine, a.status.arrived_at()) {
                    (None, _) => true,
                    (Some(m), Some(theirs)) => m.status.arrived_at().is_none_or(|t| theirs < t),
                    (Some(_), None) => false,
                };
                if better {
                    let mut moved = a.clone();
                    moved.person_id = keep;
                    tx.put_attendance(&moved)?;
                }
                tx.remove_attendance(a.event_id, dup)?;
            }
            for n in &notes {
                let mut n = n.clone();
                if let NoteKind::Action { owner, .. } = &mut n.kind
                    && *owner == Owner::Person(dup)
                {
                    *owner = Owner::Person(keep);
                    tx.put_note(&mut n)?;
                }
            }
            for i in &ideas {
                if i.owner == Some(dup) {
                    let mut i = i.clone();
                    i.owner = Some(keep);
                    tx.put_idea(&mut i)?;
                }
            }
            // Into whom is kept by `merged_into` (the 보관 list says it in the user's language);
            // the person's own notes are the coordinator's, not a log.
            dup_p.archived = true;
            let codes: Vec<String> = dup_p.codes().map(str::to_string).collect();
            dup_p.code = tx.code_from_seed(dup)?;
            dup_p.aliases.clear();
            tx.put_person(&mut dup_p)?;
            keep_p.aliases.extend(codes);
            tx.put_person(&mut keep_p)?;
            tx.put_raw(MERGED_INTO, &be(dup), &be(keep))?;
            // Anyone merged into `dup` before now leads straight to `keep`.
            for &earlier in &earlier {
                tx.put_raw(MERGED_INTO, &be(earlier), &be(keep))?;
            }
            Ok(())
        })
    }

    /// Who each merged-away person was merged into (`merge_people`), as stored.
    pub fn merged_into(&self) -> Result<Vec<(Id, Id)>> {
        let mut out = Vec::new();
        for kv in self.tree(MERGED_INTO)?.iter() {
            let (k, v) = kv.map_err(|e| self.sled_err(e))?;
            match (from_be(&k), from_be(&v)) {
                (Some(dup), Some(keep)) => out.push((dup, keep)),
                _ => self.note_damage(MERGED_INTO, &k),
            }
        }
        Ok(out)
    }

    /// Brings an archived person back into the lists, in one durable step: no longer archived,
    /// and no longer merged into anyone (a badge code of their own is drawn if a merge took
    /// theirs). Returns them as saved; `None` if there is nobody by that id.
    pub fn restore_person(&self, id: Id) -> Result<Option<Person>> {
        self.write(|tx| {
            let Some(mut p) = tx.get::<Person>(PEOPLE, &be(id))? else {
                return Ok(None);
            };
            p.archived = false;
            tx.put_person(&mut p)?;
            tx.del(MERGED_INTO, &be(id))?;
            Ok(Some(p))
        })
    }

    /// Deletes organisation `id` when nothing refers to it: no person (archived ones too), no
    /// action item it owns, no idea it takes part in. `Ok(false)`, and nothing changed, when
    /// something does (merge it instead). Read from the records themselves, not an index.
    pub fn delete_org(&self, id: Id) -> Result<bool> {
        let held = self.people()?.iter().any(|p| p.org_id == Some(id))
            || self.all::<Note>(NOTES)?.iter().any(
                |n| matches!(&n.kind, NoteKind::Action { owner, .. } if *owner == Owner::Org(id)),
            )
            || self.ideas()?.iter().any(|i| i.org_ids.contains(&id));
        if held {
            return Ok(false);
        }
        self.write(|tx| {
            tx.is(ChangeKind::OrgDeleted);
            tx.bump_gen()?;
            tx.del(ORGS, &be(id))
        })?;
        Ok(true)
    }

    /// Merges organisation `dup` into `keep` in one durable step: its people, the action items
    /// it owns and the ideas it takes part in move to `keep`, and `dup` is deleted.
    pub fn merge_orgs(&self, keep: Id, dup: Id) -> Result<()> {
        if keep == dup {
            return Err(StoreError::Invalid(
                "cannot merge an organisation into itself".into(),
            ));
        }
        let members = self.people_of_org(dup)?;
        let notes = self.all::<Note>(NOTES)?;
        let ideas = self.ideas()?;
        self.write(|tx| {
            tx.is(ChangeKind::MergeOrgs);
            if tx.get::<Organization>(ORGS, &be(keep))?.is_none() {
                return Err(StoreError::Invalid("no such organisation".into()).into());
            }
            for p in &members {
                let mut p = p.clone();
                p.org_id = Some(keep);
                tx.put_person(&mut p)?;
            }
            for n in &notes {
                let mut n = n.clone();
                if let NoteKind::Action { owner, .. } = &mut n.kind
                    && *owner == Owner::Org(dup)
                {
                    *owner = Owner::Org(keep);
                    tx.put_note(&mut n)?;
                }
            }
            for i in ideas.iter().filter(|i| i.org_ids.contains(&dup)) {
                let mut i = i.clone();
                i.org_ids.retain(|o| *o != dup);
                if !i.org_ids.contains(&keep) {
                    i.org_ids.push(keep);
                }
                tx.put_idea(&mut i)?;
            }
            tx.bump_gen()?;
            tx.del(ORGS, &be(dup))
        })
    }
}
