//! How far long work is (an import, a backup, a restore, generated data), told to whoever shows it,
//! and whether they want it stopped.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

/// Long work reports how far it is; the CLI draws a bar, the TUI a gauge, tests count.
pub trait Progress {
    /// A stage of `total` units (rows, records, bytes) begins; `what` names it for the user.
    fn start(&mut self, what: crate::i18n::L, total: u64);
    /// `done` units of the current stage are finished (absolute, never decreasing).
    fn set(&mut self, done: u64);
    /// Whether whoever waits for the work wants it stopped (Esc in the app, a signal that ends
    /// netday). Work that writes asks between its durable units and stops cleanly, saying how
    /// far it came; once true it stays true. The command line and tests never stop work.
    fn cancelled(&mut self) -> bool {
        false
    }
    /// Whether the stop is netday ending (a signal, a hang-up): what only the screen would
    /// show after the work (reading everyone again) can be left out.
    fn ending(&mut self) -> bool {
        false
    }
}

/// For callers that show nothing.
pub struct Silent;

impl Progress for Silent {
    fn start(&mut self, _: crate::i18n::L, _: u64) {}
    fn set(&mut self, _: u64) {}
}

/// Why [`detached`] gave no result.
#[derive(Debug, PartialEq, Eq)]
pub enum Abandoned {
    /// `progress` said to stop; the work may run on, its result is dropped when it arrives.
    Cancelled,
    /// No thread could be started for it; nothing was done.
    NoThread,
}

/// How often the caller of [`detached`] relays progress and asks whether to stop.
const RELAY_EVERY: Duration = Duration::from_millis(50);

/// Runs `work` on a thread of its own and waits for it, relaying what it reports to `progress`
/// and asking `progress` every 50 ms whether to stop. On a stop the caller gets
/// `Err(Abandoned::Cancelled)` at once, whatever `work` is doing: a reader caught in a loop
/// inside a library cannot hold the caller, and the thread is left behind (it ends with the
/// process). So `work` must own what it reads and write nothing. It runs in the caller's
/// language; a panic in it is the caller's panic.
pub fn detached<T: Send + 'static>(
    progress: &mut dyn Progress,
    work: impl FnOnce(&mut dyn Progress) -> T + Send + 'static,
) -> Result<T, Abandoned> {
    let relay = Arc::new(Relay::default());
    let (tx, rx) = mpsc::sync_channel(1);
    let lang = crate::i18n::lang();
    let theirs = Arc::clone(&relay);
    let worker = std::thread::Builder::new()
        .name("netday-job".into())
        .spawn(move || {
            let mut reports = Reports(theirs);
            let out = crate::i18n::with_lang(lang, || work(&mut reports));
            // The caller may have stopped waiting; then the result is simply dropped.
            let _ = tx.send(out);
        });
    let Ok(worker) = worker else {
        return Err(Abandoned::NoThread);
    };
    let mut seen = (0, 0);
    loop {
        match rx.recv_timeout(RELAY_EVERY) {
            Ok(out) => {
                relay.forward(progress, &mut seen);
                return Ok(out);
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                relay.forward(progress, &mut seen);
                if progress.cancelled() {
                    relay.cancel.store(true, Ordering::Relaxed);
                    return Err(Abandoned::Cancelled);
                }
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => match worker.join() {
                Err(panic) => std::panic::resume_unwind(panic),
                // Sent and gone between two looks: the result is in the channel.
                Ok(()) => return rx.try_recv().map_err(|_| Abandoned::Cancelled),
            },
        }
    }
}

/// What a detached worker reported, and whether it was told to stop.
#[derive(Default)]
struct Relay {
    /// Each stage begun (name, total) and how far it came; a worker has a handful.
    stages: Mutex<Vec<(crate::i18n::L, u64, u64)>>,
    cancel: AtomicBool,
}

impl Relay {
    /// Tells `progress` what changed since `seen` (stages begun, done in the last one), every
    /// stage begun included, so the caller hears the same stages as if the work ran here.
    fn forward(&self, progress: &mut dyn Progress, seen: &mut (usize, u64)) {
        let stages = match self.stages.lock() {
            Ok(s) => s.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        };
        for (i, &(what, total, done)) in stages.iter().enumerate().skip(seen.0.saturating_sub(1)) {
            if i + 1 > seen.0 {
                progress.start(what, total);
                *seen = (i + 1, 0);
            }
            if done != seen.1 {
                progress.set(done);
                seen.1 = done;
            }
        }
    }

    fn update(&self, f: impl FnOnce(&mut Vec<(crate::i18n::L, u64, u64)>)) {
        match self.stages.lock() {
            Ok(mut s) => f(&mut s),
            Err(poisoned) => f(&mut poisoned.into_inner()),
        }
    }
}

/// The worker's side of a [`Relay`].
struct Reports(Arc<Relay>);

impl Progress for Reports {
    fn start(&mut self, what: crate::i18n::L, total: u64) {
        self.0.update(|s| s.push((what, total, 0)));
    }
    fn set(&mut self, done: u64) {
        self.0.update(|s| {
            if let Some(last) = s.last_mut() {
                last.2 = done;
            }
        });
    }
    fn cancelled(&mut self) -> bool {
        self.0.cancel.load(Ordering::Relaxed)
    }
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

    /// Says to stop once it has heard of some progress and been asked `patience` times.
    struct StopAfter {
        patience: usize,
        heard: Vec<u64>,
    }

    impl Progress for StopAfter {
        fn start(&mut self, _: L, _: u64) {}
        fn set(&mut self, done: u64) {
            self.heard.push(done);
        }
        fn cancelled(&mut self) -> bool {
            if !self.heard.is_empty() {
                self.patience = self.patience.saturating_sub(1);
            }
            self.patience == 0
        }
    }

    #[test]
    fn a_worker_that_never_returns_cannot_hold_the_caller_past_a_stop() {
        let (started_tx, started) = mpsc::channel();
        let (out_tx, out) = mpsc::channel();
        // The caller on a thread of its own, so that a caller held by its worker fails the
        // test instead of hanging it.
        std::thread::spawn(move || {
            let mut p = StopAfter {
                patience: 3,
                heard: Vec::new(),
            };
            let out = detached(&mut p, move |progress| {
                progress.start(i18n::PROGRESS_READ_FILE, 10);
                progress.set(4);
                let _ = started_tx.send(());
                // A reader caught in a loop that never looks at `cancelled`.
                loop {
                    std::thread::park();
                }
            });
            let _ = out_tx.send((out, p.heard));
        });
        // Three looks, 50 ms apart; the bound only guards against waiting for the worker.
        let (out, heard) = out
            .recv_timeout(Duration::from_secs(30))
            .expect("the caller was held by a worker that never returns");
        assert_eq!(out, Err::<(), _>(Abandoned::Cancelled));
        started.recv().expect("the worker ran");
        assert!(heard.contains(&4), "progress was relayed: {heard:?}");
    }

    #[test]
    fn a_worker_that_listens_is_told_to_stop_and_one_that_finishes_gives_its_result() {
        let (stopped_tx, stopped) = mpsc::channel();
        let mut p = StopAfter {
            patience: 2,
            heard: Vec::new(),
        };
        let out = detached(&mut p, move |progress| {
            progress.start(i18n::PROGRESS_READ_FILE, 1);
            progress.set(1);
            while !progress.cancelled() {
                std::thread::yield_now();
            }
            let _ = stopped_tx.send(());
        });
        assert_eq!(out, Err(Abandoned::Cancelled));
        stopped.recv().expect("the worker heard the stop");

        let out = i18n::with_lang(i18n::Lang::En, || {
            detached(&mut Silent, |progress| {
                progress.start(i18n::PROGRESS_READ_FILE, 2);
                progress.set(2);
                i18n::lang()
            })
        });
        assert_eq!(out, Ok(i18n::Lang::En), "runs in the caller's language");

        // Stages begun and ended between two looks are still heard, each to its end.
        let mut p = Count::default();
        detached(&mut p, |progress| {
            progress.start(i18n::PROGRESS_READ_FILE, 2);
            progress.set(2);
            progress.start(i18n::PROGRESS_CHECK_ROWS, 3);
            progress.set(3);
        })
        .expect("done");
        assert_eq!(
            p.stages(),
            [
                (i18n::PROGRESS_READ_FILE, 2),
                (i18n::PROGRESS_CHECK_ROWS, 3)
            ]
        );
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
        crate::io::import::plan(&c, &parsed, Some(day), &mut p).expect("plan");
        assert_eq!(p.stages(), [(i18n::PROGRESS_CHECK_ROWS, rows)]);
        let mut p = Count::default();
        let plan = crate::io::import::plan(&c, &parsed, Some(day), &mut p).expect("plan");
        let s = crate::io::import::apply(&c, plan, &mut p).expect("import");
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
