//! Read-only work on a thread of its own that the caller can walk away from (a reader caught in
//! a loop inside a library), relaying its progress. Above `i18n`: the work runs in the caller's
//! language.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use crate::progress::{Progress, Stage};

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
    stages: Mutex<Vec<(Stage, u64, u64)>>,
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

    fn update(&self, f: impl FnOnce(&mut Vec<(Stage, u64, u64)>)) {
        match self.stages.lock() {
            Ok(mut s) => f(&mut s),
            Err(poisoned) => f(&mut poisoned.into_inner()),
        }
    }
}

/// The worker's side of a [`Relay`].
struct Reports(Arc<Relay>);

impl Progress for Reports {
    fn start(&mut self, what: Stage, total: u64) {
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

    use super::*;
    use crate::i18n;
    use crate::progress::{Silent, Stage};

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
        /// The stages' names and totals, after checking that each went up in steps (not once
        /// per record) and ended at its total.
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

    /// Says to stop once it has heard of some progress and been asked `patience` times.
    struct StopAfter {
        patience: usize,
        heard: Vec<u64>,
    }

    impl Progress for StopAfter {
        fn start(&mut self, _: Stage, _: u64) {}
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
                progress.start(Stage::ReadFile, 10);
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
            progress.start(Stage::ReadFile, 1);
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
                progress.start(Stage::ReadFile, 2);
                progress.set(2);
                i18n::lang()
            })
        });
        assert_eq!(out, Ok(i18n::Lang::En), "runs in the caller's language");

        // Stages begun and ended between two looks are still heard, each to its end.
        let mut p = Count::default();
        detached(&mut p, |progress| {
            progress.start(Stage::ReadFile, 2);
            progress.set(2);
            progress.start(Stage::CheckRows, 3);
            progress.set(3);
        })
        .expect("done");
        assert_eq!(p.stages(), [(Stage::ReadFile, 2), (Stage::CheckRows, 3)]);
    }
}
