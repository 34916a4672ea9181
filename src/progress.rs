//! How far long work is (an import, a backup, a restore, generated data), told to whoever shows it.

/// Long work reports how far it is; the CLI draws a bar, the TUI a gauge, tests count.
pub trait Progress {
    /// A stage of `total` units (rows, records, bytes) begins; `what` names it for the user.
    fn start(&mut self, what: crate::i18n::L, total: u64);
    /// `done` units of the current stage are finished (absolute, never decreasing).
    fn set(&mut self, done: u64);
}

/// For callers that show nothing.
pub struct Silent;

impl Progress for Silent {
    fn start(&mut self, _: crate::i18n::L, _: u64) {}
    fn set(&mut self, _: u64) {}
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::i18n::{self, L};
    use crate::store::Store;

    /// Every stage heard, with the `set`s that followed it.
    #[derive(Default)]
    struct Count(Vec<(L, u64, Vec<u64>)>);

    impl Progress for Count {
        fn start(&mut self, what: L, total: u64) {
            self.0.push((what, total, Vec::new()));
        }
        fn set(&mut self, done: u64) {
            self.0
                .last_mut()
                .expect("set before any start")
                .2
                .push(done);
        }
    }

    impl Count {
        /// The stages' names and totals, after checking that each went up in steps (not once
        /// per record) and ended at its total.
        fn stages(&self) -> Vec<(L, u64)> {
            for (what, total, sets) in &self.0 {
                let what = what.1;
                assert!(sets.is_sorted(), "{what}: went back: {sets:?}");
                assert_eq!(sets.last(), Some(total), "{what}: did not end at its total");
                assert!(
                    sets.len() as u64 <= total / 500 + 10,
                    "{what}: too many reports"
                );
            }
            self.0.iter().map(|(w, t, _)| (*w, *t)).collect()
        }
    }

    fn store(dir: &tempfile::TempDir, name: &str) -> Store {
        Store::open(&dir.path().join(name)).expect("open")
    }

    #[test]
    fn generate_backup_restore_and_import_report_each_stage_to_its_end() {
        let dir = tempfile::tempdir().expect("tempdir");
        let day = chrono::NaiveDate::from_ymd_opt(2026, 5, 20).expect("date");
        let a = store(&dir, "a");
        let mut p = Count::default();
        let g = crate::generate::write(&a, 2500, 3, 7, day, &mut p).expect("generate");
        let written = (g.orgs + g.people + g.events) as u64;
        assert_eq!(p.stages(), [(i18n::PROGRESS_GENERATE, written)]);

        let mut p = Count::default();
        let snap = a
            .snapshot_with(&mut p, i18n::PROGRESS_BACKUP)
            .expect("backup");
        let c = snap.counts();
        let records =
            (c.people + c.orgs + c.events + c.attendance + c.agenda + c.notes + c.ideas) as u64;
        assert_eq!(p.stages(), [(i18n::PROGRESS_BACKUP, records)]);

        let mut p = Count::default();
        store(&dir, "b").restore(&snap, &mut p).expect("restore");
        assert_eq!(p.stages(), [(i18n::PROGRESS_RESTORE, records)]);

        let orgs: HashMap<_, _> = snap.orgs.iter().map(|o| (o.id, o.clone())).collect();
        let mut csv = Vec::new();
        let people: Vec<_> = snap.people.iter().collect();
        crate::io::export::write_people(&mut csv, &people, &orgs).expect("export");
        let parsed = crate::io::csv::parse_people_csv(&csv).expect("parse");
        let rows = parsed.rows.len() as u64;
        assert_eq!(rows, 2500);
        let c = store(&dir, "c");
        let mut p = Count::default();
        crate::io::import::apply(&c, &parsed, Some(day), true, &mut p).expect("dry run");
        assert_eq!(p.stages(), [(i18n::PROGRESS_CHECK_ROWS, rows)]);
        let mut p = Count::default();
        let s = crate::io::import::apply(&c, &parsed, Some(day), false, &mut p).expect("import");
        let writes = (c.orgs().expect("orgs").len() + s.added + s.registered) as u64;
        assert_eq!(
            p.stages(),
            [
                (i18n::PROGRESS_CHECK_ROWS, rows),
                (i18n::PROGRESS_IMPORT, writes)
            ]
        );
    }
}
