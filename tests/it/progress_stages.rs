//! Each long piece of work (generate, backup, restore, import) reports its stages, each to its
//! end, in steps rather than once per record. (Moved here from `progress.rs`: the progress
//! module sits below the store and may not build one, even in its tests.)

use std::collections::HashMap;

use netday::progress::{Progress, Stage};
use netday::store::Store;

/// Every stage heard, with the `set`s that followed it.
#[derive(Default)]
struct Count(Vec<(Stage, u64, Vec<u64>)>);

impl Progress for Count {
    fn start(&mut self, what: Stage, total: u64) {
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
    /// The stages and their totals, after checking that each went up in steps (not once per
    /// record) and ended at its total.
    fn stages(&self) -> Vec<(Stage, u64)> {
        for (what, total, sets) in &self.0 {
            assert!(sets.is_sorted(), "{what:?}: went back: {sets:?}");
            assert_eq!(
                sets.last(),
                Some(total),
                "{what:?}: did not end at its total"
            );
            assert!(
                sets.len() as u64 <= total / 500 + 10,
                "{what:?}: too many reports"
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
    let g = netday::generate::write(&a, 2500, 3, 7, day, &mut p).expect("generate");
    let written = (g.orgs + g.people + g.events) as u64;
    assert_eq!(p.stages(), [(Stage::Generate, written)]);

    let mut p = Count::default();
    let snap = a.snapshot_with(&mut p, Stage::Backup).expect("backup");
    let c = snap.counts();
    let records =
        (c.people + c.orgs + c.events + c.attendance + c.agenda + c.notes + c.ideas) as u64;
    assert_eq!(p.stages(), [(Stage::Backup, records)]);

    let mut p = Count::default();
    store(&dir, "b").restore(&snap, &mut p).expect("restore");
    assert_eq!(p.stages(), [(Stage::Restore, records)]);

    let orgs: HashMap<_, _> = snap.orgs.iter().map(|o| (o.id, o.clone())).collect();
    let mut csv = Vec::new();
    let people: Vec<_> = snap.people.iter().collect();
    netday::io::export::write_people(&mut csv, &people, &orgs).expect("export");
    let parsed = netday::io::csv::parse_people_csv(&csv).expect("parse");
    let rows = parsed.rows.len() as u64;
    assert_eq!(rows, 2500);
    let c = store(&dir, "c");
    let mut p = Count::default();
    netday::io::import::plan(&c, &parsed, Some(day), &mut p).expect("dry run");
    assert_eq!(p.stages(), [(Stage::CheckRows, rows)]);
    let mut p = Count::default();
    let plan = netday::io::import::plan(&c, &parsed, Some(day), &mut p).expect("plan");
    let s = netday::io::import::apply(&c, plan, &mut p).expect("import");
    let writes = (c.orgs().expect("orgs").len() + s.added + s.registered) as u64;
    assert_eq!(
        p.stages(),
        [(Stage::CheckRows, rows), (Stage::Import, writes)]
    );
}
