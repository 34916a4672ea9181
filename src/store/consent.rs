//! A person's consent to keep their personal data, in its own tree keyed by the person's id
//! (`Person` itself is unchanged). The rule lives here and in `Tx::put_person`: with consent
//! "no" on record, the person's phone and e-mail are written empty, in the same transaction,
//! whichever way the write came (a form, a walk-in, an import, a restore, another desk).
//! Touches the consent tree and, for that rule, the people tree.

use super::layout::{CONSENT, PEOPLE, be, from_be};
use super::write::{Tx, TxResult};
use super::{Result, Store};
use crate::model::{Consent, ConsentState, Id, Person};

impl Tx<'_> {
    /// The consent on record for person `id`.
    pub(crate) fn consent(&self, id: Id) -> TxResult<Option<Consent>> {
        self.get(CONSENT, &be(id))
    }

    /// Records person `id`'s consent (`NotAsked` with no time removes the record); with "no",
    /// their phone and e-mail are emptied in the same transaction. Returns whether contact
    /// details were removed.
    pub(crate) fn put_consent(&self, id: Id, c: &Consent) -> TxResult<bool> {
        self.is_default(crate::model::ChangeKind::PersonSaved);
        if c.state == ConsentState::NotAsked && c.at.is_none() {
            self.del(CONSENT, &be(id))?;
            return Ok(false);
        }
        self.put(CONSENT, &be(id), c)?;
        if c.refused() {
            return self.forget_contact(id);
        }
        Ok(false)
    }

    /// Removes person `id`'s consent record (not asked).
    pub(crate) fn clear_consent(&self, id: Id) -> TxResult<()> {
        self.del(CONSENT, &be(id))
    }

    /// Empties person `id`'s phone and e-mail as stored; whether there were any.
    pub(super) fn forget_contact(&self, id: Id) -> TxResult<bool> {
        let Some(mut p) = self.get::<Person>(PEOPLE, &be(id))? else {
            return Ok(false);
        };
        if !withhold_contact(&mut p) {
            return Ok(false);
        }
        self.bump_gen()?;
        self.put(PEOPLE, &be(id), &p)?;
        // What was kept until now is in earlier journal entries too: scrubbed after this write.
        self.mark_withdrawn(id)?;
        Ok(true)
    }

    /// Applies the rule to a person about to be written: empties their phone and e-mail when
    /// their consent on record is "no". A new person (id 0) has none on record yet.
    pub(super) fn keep_consent_rule(&self, p: &mut Person) -> TxResult<bool> {
        if p.id == 0 || p.phone.is_empty() && p.email.is_empty() {
            return Ok(false);
        }
        match self.consent(p.id)? {
            Some(c) if c.refused() => Ok(withhold_contact(p)),
            _ => Ok(false),
        }
    }
}

impl Tx<'_> {
    /// After another desk's write of a person or a consent (`sync.rs`): with consent "no" on
    /// record, the person keeps no phone or e-mail here either.
    pub(super) fn keep_consent_rule_synced(&self, tree: usize, key: &[u8]) -> TxResult<()> {
        let Some(id) = from_be(key).filter(|_| tree == PEOPLE || tree == CONSENT) else {
            return Ok(());
        };
        if self.consent(id)?.is_some_and(|c| c.refused()) {
            // What this desk kept goes from its journal too (`forget_contact` marks it).
            self.forget_contact(id)?;
        }
        Ok(())
    }
}

/// Whether `p` holds a phone or an e-mail (what a "no" empties).
fn keeps_contact(p: &Person) -> bool {
    !p.phone.is_empty() || !p.email.is_empty()
}

/// Empties `p`'s phone and e-mail; whether there were any. Also what the scrub after a
/// withdrawn consent leaves of the person's earlier copies (`shred.rs`).
pub(super) fn withhold_contact(p: &mut Person) -> bool {
    let had = keeps_contact(p);
    p.phone.clear();
    p.email.clear();
    had
}

impl Store {
    /// Person `id`'s consent on record (`None`: never asked).
    pub fn consent(&self, id: Id) -> Result<Option<Consent>> {
        self.one(CONSENT, &be(id))
    }

    /// Every consent on record, by person id.
    pub fn consents(&self) -> Result<Vec<(Id, Consent)>> {
        let mut out = Vec::new();
        for kv in self.tree(CONSENT)?.iter() {
            let (k, v) = kv.map_err(|e| self.sled_err(e))?;
            let Some(id) = from_be(&k) else {
                self.note_damage(CONSENT, &k);
                continue;
            };
            if let Some(c) = self.decoded(CONSENT, &k, &v) {
                out.push((id, c));
            }
        }
        Ok(out)
    }

    /// Records person `id`'s consent in one durable, journalled write (see `Tx::put_consent`);
    /// whether their contact details were removed for it.
    pub fn put_consent(&self, id: Id, c: &Consent) -> Result<bool> {
        self.write(|tx| tx.put_consent(id, c))
    }

    /// Saves a person and their consent together in one durable step (the person form and
    /// the walk-in go through `put_person_with_org_and_consent`); whether contact details were
    /// left out.
    pub fn put_person_and_consent(&self, p: &mut Person, c: ConsentWrite<'_>) -> Result<bool> {
        self.put_person_with_org_and_consent(p, None, None, c)
    }
}

/// What saving a person does to their consent on record.
#[derive(Clone, Copy, Debug)]
pub enum ConsentWrite<'a> {
    /// Leaves it as it is.
    Keep,
    /// Removes it: not asked.
    Clear,
    /// Records this answer.
    Set(&'a Consent),
}

impl Tx<'_> {
    /// Writes `p` (a new one gets its id) and then its consent as `c` says; with "no" (given now
    /// or on record), no phone or e-mail is kept, in `p` as written back either. Whether any
    /// were left out.
    pub(super) fn put_person_consenting(
        &self,
        p: &mut Person,
        c: &ConsentWrite<'_>,
    ) -> TxResult<bool> {
        let mut withheld = false;
        if let ConsentWrite::Set(c) = c
            && c.refused()
        {
            withheld |= withhold_contact(p);
            // A kept phone or e-mail, emptied by this "no", is in earlier entries too.
            if p.id != 0
                && self
                    .get::<Person>(PEOPLE, &be(p.id))?
                    .is_some_and(|kept| keeps_contact(&kept))
            {
                self.mark_withdrawn(p.id)?;
            }
        }
        if let ConsentWrite::Clear | ConsentWrite::Set(_) = c {
            // The answer on record no longer holds: the person is written under the new one.
            self.clear_consent(p.id)?;
        }
        let had = keeps_contact(p);
        self.put_person(p)?;
        withheld |= had && !keeps_contact(p);
        if let ConsentWrite::Set(c) = c {
            withheld |= self.put_consent(p.id, c)?;
        }
        Ok(withheld)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ConsentHow, Ts};

    fn no() -> Consent {
        Consent::new(ConsentState::No, Ts(1), ConsentHow::WalkIn)
    }

    #[test]
    fn consent_no_empties_contact_now_and_on_every_later_save() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db")).unwrap();
        let mut p = Person::new("김민준", Ts(1));
        p.phone = "010-1234-5678".into();
        p.email = "kim@coop.kr".into();
        store.put_person(&mut p).unwrap();
        assert!(store.put_consent(p.id, &no()).unwrap());
        let stored = store.person(p.id).unwrap().unwrap();
        assert_eq!((stored.phone.as_str(), stored.email.as_str()), ("", ""));
        // A later save that carries a phone (a form, an import, a merge) keeps none.
        let mut again = stored.clone();
        again.phone = "010-9999-0000".into();
        store.put_person(&mut again).unwrap();
        assert_eq!(again.phone, "");
        assert_eq!(store.person(p.id).unwrap().unwrap().phone, "");
        assert_eq!(store.consents().unwrap(), vec![(p.id, no())]);
        // Consent given again: contact may be kept from then on.
        store
            .put_consent(
                p.id,
                &Consent::new(ConsentState::Yes, Ts(2), ConsentHow::PersonForm),
            )
            .unwrap();
        again.phone = "010-9999-0000".into();
        store.put_person(&mut again).unwrap();
        assert_eq!(store.person(p.id).unwrap().unwrap().phone, "010-9999-0000");
    }

    /// Every value under every tree (the journal, the sync log, the records) that holds
    /// `needle`, as (tree, key).
    fn holding(store: &Store, needle: &[u8]) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        for (i, name) in super::super::layout::TREE_NAMES.iter().enumerate() {
            for kv in store.tree(i).unwrap().iter() {
                let (k, v) = kv.unwrap();
                if v.windows(needle.len()).any(|w| w == needle) {
                    out.push(((*name).to_string(), k.to_vec()));
                }
            }
        }
        out
    }

    #[test]
    fn consent_no_is_journalled_and_undone_but_the_phone_it_emptied_is_gone_for_good() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db")).unwrap();
        let mut p = Person::new("이서연", Ts(1));
        p.phone = "010-1111-2222".into();
        p.email = "seoyeon@coop.kr".into();
        store.put_person(&mut p).unwrap();
        p.notes = "둘째 주 목요일 가능".into();
        store.put_person(&mut p).unwrap();
        assert!(!holding(&store, b"010-1111-2222").is_empty());
        assert!(store.put_consent(p.id, &no()).unwrap());
        // Withdrawn: no earlier journal entry holds the phone or the e-mail any more (the
        // notes stay: consent is about contact details), and the files are to be rewritten.
        for v in [&b"010-1111-2222"[..], b"seoyeon@coop.kr"] {
            assert_eq!(holding(&store, v), vec![], "{}", String::from_utf8_lossy(v));
        }
        assert!(!holding(&store, "둘째 주 목요일 가능".as_bytes()).is_empty());
        assert!(store.shred_unfinished().unwrap());
        assert!(store.take_rewrite_due());
        assert!(!store.take_rewrite_due());
        store.compact(&mut crate::progress::Silent).unwrap();
        assert!(!store.shred_unfinished().unwrap());
        // Undo gives the answer on record back, not the phone.
        let last = store.changes(1, |_| true).unwrap()[0].order;
        store.undo(last).unwrap();
        assert_eq!(store.consent(p.id).unwrap(), None);
        assert_eq!(store.person(p.id).unwrap().unwrap().phone, "");
        assert_eq!(
            store.person(p.id).unwrap().unwrap().notes,
            "둘째 주 목요일 가능"
        );
        // A "no" for someone with nothing kept marks nobody: no rewrite is asked for.
        let mut q = Person::new("박하늘", Ts(2));
        store.put_person(&mut q).unwrap();
        assert!(!store.put_consent(q.id, &no()).unwrap());
        assert!(!store.shred_unfinished().unwrap());
        assert!(!store.take_rewrite_due());
    }

    #[test]
    fn a_new_person_saved_with_consent_no_keeps_no_contact() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db")).unwrap();
        let mut p = Person::new("박지호", Ts(1));
        p.phone = "010-3333-4444".into();
        assert!(
            store
                .put_person_and_consent(&mut p, ConsentWrite::Set(&no()))
                .unwrap()
        );
        assert_eq!(p.phone, "");
        assert_eq!(store.person(p.id).unwrap().unwrap().phone, "");
        assert_eq!(store.consent(p.id).unwrap(), Some(no()));
    }
}
