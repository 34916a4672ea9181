//! The command line's progress bar for long work (import, backup, restore, compact, generate): drawn on
//! standard error only when that is a terminal (indicatif hides it otherwise, and when TERM is
//! unset or `dumb`, so pipes and CI logs get no control codes), and only once the work has run
//! longer than a moment. Part of the `netday` binary (main.rs), not of the library.

use std::time::{Duration, Instant};

use crate::i18n::{self, L};
use crate::progress::{Progress, Stage};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long work runs before a bar appears, so quick commands stay quiet.
/// `NETDAY_PROGRESS_AFTER_MS` sets it (the pty test sets 0, so the bar shows however fast the
/// machine is).
const AFTER: Duration = Duration::from_millis(500);

pub struct Bar {
    began: Instant,
    after: Duration,
    what: L,
    total: u64,
    done: u64,
    shown: Option<ProgressBar>,
    /// Set by Ctrl-C (or a polite kill) once `stoppable` asked for it; the work reads it
    /// between its steps.
    stop: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
}

impl Bar {
    /// A bar for work that begins now.
    pub fn new() -> Bar {
        let after = std::env::var("NETDAY_PROGRESS_AFTER_MS")
            .ok()
            .and_then(|ms| ms.parse().ok())
            .map_or(AFTER, Duration::from_millis);
        Bar {
            began: Instant::now(),
            after,
            what: L("", ""),
            total: 0,
            done: 0,
            shown: None,
            stop: None,
        }
    }

    /// A bar for work that Ctrl-C (SIGINT, or SIGTERM) may stop between its steps, as Esc stops
    /// a job in the app; a second Ctrl-C ends netday at once, as usual.
    pub fn stoppable() -> std::io::Result<Bar> {
        use std::sync::Arc;
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        for sig in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
            signal_hook::flag::register_conditional_shutdown(sig, 1, Arc::clone(&stop))?;
            signal_hook::flag::register(sig, Arc::clone(&stop))?;
        }
        let mut bar = Bar::new();
        bar.stop = Some(stop);
        Ok(bar)
    }

    /// Takes the bar off the screen (before a line is printed); the next stage may bring it back.
    pub fn clear(&mut self) {
        if let Some(bar) = self.shown.take() {
            bar.finish_and_clear();
        }
    }

    fn show_if_due(&mut self) {
        if self.began.elapsed() < self.after {
            return;
        }
        let style =
            ProgressStyle::with_template("{msg} [{bar:30}] {human_pos}/{human_len} ({percent}%)")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> ");
        // stderr draws at most 20 times a second, however often `set` is called.
        let bar = ProgressBar::with_draw_target(Some(self.total), ProgressDrawTarget::stderr())
            .with_style(style);
        bar.set_position(self.done);
        bar.set_message(self.what.get());
        self.shown = Some(bar);
    }
}

impl Progress for Bar {
    fn start(&mut self, stage: Stage, total: u64) {
        let what = i18n::stage_label(stage);
        (self.what, self.total, self.done) = (what, total, 0);
        match &self.shown {
            Some(bar) => {
                bar.set_length(total);
                bar.set_position(0);
                bar.set_message(what.get());
            }
            None => self.show_if_due(),
        }
    }

    fn set(&mut self, done: u64) {
        self.done = done;
        match &self.shown {
            Some(bar) => bar.set_position(done),
            None => self.show_if_due(),
        }
    }

    fn cancelled(&mut self) -> bool {
        self.stop
            .as_ref()
            .is_some_and(|s| s.load(std::sync::atomic::Ordering::Relaxed))
    }

    fn ending(&mut self) -> bool {
        self.cancelled()
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.clear();
    }
}
