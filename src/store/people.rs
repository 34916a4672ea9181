//! People and organisations: their writes (badge codes, the code and organisation indexes),
//! lookups, the walk-in write of person + organisation + attendance, and merging two people.

use sled::transaction::ConflictableTransactionError;

use super::layout::{ATTENDANCE, NOTES, ORGS, PEOPLE, PEOPLE_BY_CODE, PEOPLE_BY_ORG, be, pair};
use super::write::{Tx, TxResult, tx_err};
use super::{Result, Store, StoreError};
use crate::model::{Attendance, BADGE_CODE_LEN, Id, Note, Organization, Person, badge_code_from};

impl Tx<'_> {
    /// A badge code nobody in this database has, drawn at random so that two databases do not
    /// hand out the same codes; a longer one when the short ones grow crowded.
    fn fresh_code(&self) -> TxResult<String> {
        let mut attempt = 0;
        loop {
            let n = getrandom::u64().map_err(|e| {
                ConflictableTransactionError::Abort(StoreError::Invalid(format!(
                    "운영체제에서 난수를 얻지 못했습니다 ({e}) / the system gave no random number ({e})"
                )))
            })?;
            let code = badge_code_from(n, BADGE_CODE_LEN + attempt / 16);
            if self.t[PEOPLE_BY_CODE]
                .get(code.as_bytes())
                .map_err(tx_err)?
                .is_none()
            {
                return Ok(code);
            }
            attempt += 1;
        }
    }

    pub fn put_person(&self, p: &mut Person) -> TxResult<()> {
        self.bump_gen()?;
        if p.id == 0 {
            p.id = self.next_id(PEOPLE)?;
        }
        if p.code.is_empty() {
            p.code = self.fresh_code()?;
        }
        let old: Option<Person> = self.get(PEOPLE, &be(p.id))?;
        if let Some(old) = &old {
            if let Some(o) = old.org_id {
                self.del(PEOPLE_BY_ORG, &pair(o, p.id))?;
            }
            if old.code != p.code {
                self.del(PEOPLE_BY_CODE, old.code.as_bytes())?;
            }
        }
        if let Some(holder) = self.t[PEOPLE_BY_CODE]
            .get(p.code.as_bytes())
            .map_err(tx_err)?
            && holder.as_ref() != be(p.id)
        {
            let holder_name = holder
                .as_ref()
                .try_into()
                .ok()
                .map(u64::from_be_bytes)
                .and_then(|id| self.get::<Person>(PEOPLE, &be(id)).ok().flatten())
                .map(|h| h.name)
                .unwrap_or_else(|| "?".into());
            return Err(ConflictableTransactionError::Abort(StoreError::CodeTaken {
                code: p.code.clone(),
                holder_name,
            }));
        }
        if let Some(o) = p.org_id {
            self.mark(PEOPLE_BY_ORG, &pair(o, p.id))?;
        }
        self.t[PEOPLE_BY_CODE]
            .insert(p.code.as_bytes(), &be(p.id)[..])
            .map_err(tx_err)?;
        self.put(PEOPLE, &be(p.id), p)
    }

    pub fn put_org(&self, o: &mut Organization) -> TxResult<()> {
        self.bump_gen()?;
        if o.id == 0 {
            o.id = self.next_id(ORGS)?;
        }
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
        let saved = self.write(|tx| {
            let mut o = o.clone();
            tx.put_org(&mut o)?;
            Ok(o)
        })?;
        *o = saved;
        Ok(())
    }

    // --- people ---
    pub fn people(&self) -> Result<Vec<Person>> {
        self.all(PEOPLE)
    }
    pub fn person(&self, id: Id) -> Result<Option<Person>> {
        self.one(PEOPLE, &be(id))
    }
    pub fn person_by_code(&self, code: &str) -> Result<Option<Person>> {
        match self.raw_get(PEOPLE_BY_CODE, code.to_ascii_uppercase().as_bytes())? {
            Some(id) => match id.as_ref().try_into().map(u64::from_be_bytes) {
                Ok(id) => self.person(id),
                Err(_) => {
                    self.note_damage(PEOPLE_BY_CODE, code.to_ascii_uppercase().as_bytes());
                    Ok(None)
                }
            },
            None => Ok(None),
        }
    }

    pub fn people_of_org(&self, org: Id) -> Result<Vec<Person>> {
        self.by_index(PEOPLE_BY_ORG, org, PEOPLE)
    }
    /// Saves a person (id 0 = new: gets an id and a badge code, written back).
    pub fn put_person(&self, p: &mut Person) -> Result<()> {
        let saved = self.write(|tx| {
            let mut p = p.clone();
            tx.put_person(&mut p)?;
            Ok(p)
        })?;
        *p = saved;
        Ok(())
    }
    /// Saves a new person together with a new organisation (walk-in with a new organisation):
    /// either both land or neither.
    pub fn put_person_with_org(
        &self,
        p: &mut Person,
        org: Option<&mut Organization>,
        attendance: Option<&mut Attendance>,
    ) -> Result<()> {
        let org_in = org.as_ref().map(|o| (*o).clone());
        let att_in = attendance.as_ref().map(|a| (*a).clone());
        let (sp, so, sa) = self.write(|tx| {
            let mut p = p.clone();
            let mut o = org_in.clone();
            if let Some(o) = o.as_mut() {
                tx.put_org(o)?;
                p.org_id = Some(o.id);
            }
            tx.put_person(&mut p)?;
            let mut a = att_in.clone();
            if let Some(a) = a.as_mut() {
                a.person_id = p.id;
                tx.put_attendance(a)?;
            }
            Ok((p, o, a))
        })?;
        *p = sp;
        if let (Some(dst), Some(src)) = (org, so) {
            *dst = src;
        }
        if let (Some(dst), Some(src)) = (attendance, sa) {
            *dst = src;
        }
        Ok(())
    }

    /// Folds `dup` into `keep`: attendance history moves over (the better status wins where both
    /// attended the same day), action items and ideas owned by `dup` move to `keep`, and `dup` is
    /// archived with a note, never erased.
    pub fn merge_people(&self, keep: Id, dup: Id) -> Result<()> {
        if keep == dup {
            return Err(StoreError::Invalid(
                "cannot merge a person into themselves".into(),
            ));
        }
        let dup_att = self.attendance_of_person(dup)?;
        let notes = self.all::<Note>(NOTES)?;
        let ideas = self.ideas()?;
        self.write(|tx| {
            let mut dup_p: Person = tx.get(PEOPLE, &be(dup))?.ok_or_else(|| {
                ConflictableTransactionError::Abort(StoreError::Invalid("no such person".into()))
            })?;
            let keep_p: Person = tx.get(PEOPLE, &be(keep))?.ok_or_else(|| {
                ConflictableTransactionError::Abort(StoreError::Invalid("no such person".into()))
            })?;
            for a in &dup_att {
                let mine: Option<Attendance> = tx.get(ATTENDANCE, &pair(a.event_id, keep))?;
                let better = match &mine {
                    None => true,
                    Some(m) => !m.status.is_arrived() && a.status.is_arrived(),
                };
                if better {
                    let mut moved = a.clone();
                    moved.person_id = keep;
                    tx.put_attendance(&moved)?;
                }
                tx.remove_attendance(a.event_id, dup)?;
            }
            for n in &notes {
                if let crate::model::NoteKind::Action {
                    owner: crate::model::Owner::Person(o),
                    due,
                    done,
                } = &n.kind
                    && *o == dup
                {
                    let mut n = n.clone();
                    n.kind = crate::model::NoteKind::Action {
                        owner: crate::model::Owner::Person(keep),
                        due: *due,
                        done: *done,
                    };
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
            dup_p.archived = true;
            if !dup_p.notes.is_empty() {
                dup_p.notes.push('\n');
            }
            dup_p
                .notes
                .push_str(&format!("merged into {} ({})", keep_p.name, keep_p.code));
            tx.put_person(&mut dup_p)?;
            Ok(())
        })
    }
}
