//! Terminal setup and restore, crossterm events → actions through the keymap, redraw when
//! something changed.

use std::time::Duration;

use ratatui::crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};

use crate::keymap;
use crate::state::{Action, App};
use crate::store::Store;

/// Runs the TUI until the user quits, the terminal hangs up, or a signal ends it; the terminal
/// is restored on every way out, panics included, and while the process is stopped.
/// `first_frame_only` (a measurement aid) quits right after the first frame is drawn.
pub fn run(store: Store, first_frame_only: bool) -> anyhow::Result<()> {
    let mut app = App::new(store)?;
    // Long work (an import) runs here, between frames, so a gauge can be drawn while it does.
    app.defer_jobs = true;
    let mut signals = signals::Signals::install()?;
    let mut terminal = ratatui::init();
    if let Ok(s) = terminal.size() {
        app.size = (s.width, s.height);
    }
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableBracketedPaste);
        prev(info);
    }));
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    let result = if first_frame_only {
        terminal
            .draw(|f| crate::view::draw(&app, f))
            .map(|_| ())
            .map_err(anyhow::Error::from)
    } else {
        event_loop(&mut terminal, &mut app, &mut signals)
    };
    release_terminal(&mut terminal);
    result
}

/// Gives the terminal back as it was before netday started.
fn release_terminal(terminal: &mut ratatui::DefaultTerminal) {
    let _ = terminal.show_cursor();
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
}

/// Takes the terminal again after a stop: what `ratatui::init` and `run` set, then a full redraw
/// at whatever size the terminal has now. (`Terminal::clear` would ask the terminal where its
/// cursor is, and wait for an answer some terminals never give.)
fn take_terminal(terminal: &mut ratatui::DefaultTerminal) -> std::io::Result<()> {
    enable_raw_mode()?;
    execute!(
        std::io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste
    )?;
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    signals: &mut signals::Signals,
) -> anyhow::Result<()> {
    let mut dirty = true;
    let mut minute = app.now().0 / 60_000;
    loop {
        match signals.take() {
            Some(Got::End) => {
                // Interrupted, hung up or told to stop: leave as Quit does, pending draft written.
                app.update(Action::Quit);
            }
            Some(Got::Stop) => {
                release_terminal(terminal);
                signals.stop_process();
                take_terminal(terminal)?;
                dirty = true;
            }
            Some(Got::Continue) => {
                take_terminal(terminal)?;
                dirty = true;
            }
            None => {}
        }
        if app.quit {
            break;
        }
        if dirty {
            terminal.draw(|f| crate::view::draw(app, f))?;
            dirty = false;
            // Lets the end-to-end test prove that a panic restores the terminal.
            if std::env::var_os("NETDAY_TEST_PANIC").is_some() {
                panic!("NETDAY_TEST_PANIC");
            }
        }
        match signals.wait(Duration::from_millis(1000)) {
            Wait::HangUp => {
                app.update(Action::Quit);
                break;
            }
            Wait::Timeout => {
                // A pause in typing: write the editor's pending draft.
                dirty |= app.update(Action::Tick);
                let m = app.now().0 / 60_000;
                if m != minute {
                    minute = m;
                    dirty = true;
                }
                continue;
            }
            // A resize reaches crossterm's queue through its own SIGWINCH handler.
            Wait::Signal | Wait::Input => {}
        }
        // Drain everything pending before drawing again (a scanner types a whole code at once).
        while !app.quit && event::poll(Duration::ZERO)? {
            if let Some(action) = to_action(app, event::read()?) {
                dirty |= app.update(action);
            }
            if app.job.is_some() {
                run_job(terminal, app)?;
                dirty = true;
            }
        }
    }
    Ok(())
}

/// Runs the job a key asked for over the screen as it was, with a gauge that says how far it
/// is (redrawn at most ten times a second).
fn run_job(terminal: &mut ratatui::DefaultTerminal, app: &mut App) -> std::io::Result<()> {
    let backdrop = terminal.draw(|f| crate::view::draw(app, f))?.buffer.clone();
    let mut gauge = Gauge {
        terminal,
        backdrop,
        lang: app.lang,
        what: None,
        total: 0,
        drawn: None,
    };
    app.run_job(&mut gauge);
    Ok(())
}

struct Gauge<'a> {
    terminal: &'a mut ratatui::DefaultTerminal,
    backdrop: ratatui::buffer::Buffer,
    lang: crate::i18n::Lang,
    what: Option<crate::i18n::L>,
    total: u64,
    drawn: Option<std::time::Instant>,
}

impl Gauge<'_> {
    fn draw(&mut self, done: u64) {
        let (backdrop, what, total) = (&self.backdrop, self.what, self.total);
        let lang = self.lang;
        // A frame that cannot be drawn only costs the gauge; the work goes on.
        let _ = self.terminal.draw(|f| {
            let buf = f.buffer_mut();
            if buf.area == backdrop.area {
                buf.content.clone_from(&backdrop.content);
            }
            crate::i18n::with_lang(lang, || {
                crate::view::draw_gauge(f, what.map_or("", |w| w.get()), done, total)
            });
        });
        self.drawn = Some(std::time::Instant::now());
    }
}

impl crate::progress::Progress for Gauge<'_> {
    fn start(&mut self, what: crate::i18n::L, total: u64) {
        self.what = Some(what);
        self.total = total;
        self.draw(0);
    }
    fn set(&mut self, done: u64) {
        if self
            .drawn
            .is_none_or(|t| t.elapsed() >= Duration::from_millis(100))
        {
            self.draw(done);
        }
    }
}

fn to_action(app: &mut App, ev: Event) -> Option<Action> {
    if let Event::Resize(w, h) = ev {
        app.size = (w, h);
    }
    match ev {
        Event::Key(k) if k.kind == KeyEventKind::Press => keymap::action_for(app.context(), k),
        Event::Paste(s) => Some(Action::Paste(s)),
        Event::Resize(..) => Some(Action::Resize),
        _ => None,
    }
}

/// A signal the loop must act on.
#[cfg_attr(not(unix), allow(dead_code))]
enum Got {
    /// SIGINT, SIGQUIT, SIGTERM or SIGHUP: leave as Quit does.
    End,
    /// SIGTSTP (`kill -TSTP`, or Ctrl-Z where the terminal sends it): give the terminal back,
    /// then stop.
    Stop,
    /// SIGCONT after someone else stopped netday: take the terminal back.
    Continue,
}

#[cfg_attr(not(unix), allow(dead_code))]
enum Wait {
    Input,
    Signal,
    Timeout,
    HangUp,
}

/// Signals and waiting for input: the only platform-specific part of the event loop.
#[cfg(unix)]
mod signals {
    use std::io::Read;
    use std::os::fd::AsRawFd;
    use std::os::unix::net::UnixStream;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    use ratatui::crossterm::event;
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGWINCH};

    use super::{Got, Wait};

    pub struct Signals {
        end: Arc<AtomicBool>,
        stop: Arc<AtomicBool>,
        cont: Arc<AtomicBool>,
        wake: UnixStream,
    }

    impl Signals {
        /// From now on these signals set a flag and wake `wait` instead of their default action.
        pub fn install() -> std::io::Result<Signals> {
            let (wake, wake_tx) = UnixStream::pair()?;
            wake.set_nonblocking(true)?;
            let s = Signals {
                end: Arc::default(),
                stop: Arc::default(),
                cont: Arc::default(),
                wake,
            };
            for (sig, flag) in [
                (SIGINT, &s.end),
                (SIGQUIT, &s.end),
                (SIGTERM, &s.end),
                (SIGHUP, &s.end),
                (SIGTSTP, &s.stop),
                (SIGCONT, &s.cont),
            ] {
                signal_hook::flag::register(sig, Arc::clone(flag))?;
                signal_hook::low_level::pipe::register(sig, wake_tx.try_clone()?)?;
            }
            signal_hook::low_level::pipe::register(SIGWINCH, wake_tx)?;
            Ok(s)
        }

        /// The signal to act on now, most final first.
        pub fn take(&mut self) -> Option<Got> {
            let mut sink = [0u8; 64];
            while matches!(self.wake.read(&mut sink), Ok(n) if n > 0) {}
            if self.end.swap(false, Ordering::Relaxed) {
                Some(Got::End)
            } else if self.stop.swap(false, Ordering::Relaxed) {
                Some(Got::Stop)
            } else if self.cont.swap(false, Ordering::Relaxed) {
                Some(Got::Continue)
            } else {
                None
            }
        }

        /// Sleeps until the terminal has input, a signal arrives or `timeout`. crossterm 0.29
        /// spins forever on a terminal that has hung up (read returns 0 and it reads again), so
        /// a hang-up is caught here, before crossterm is asked to read.
        pub fn wait(&self, timeout: Duration) -> Wait {
            // SAFETY: isatty only inspects the descriptor.
            if unsafe { libc::isatty(0) } != 1 {
                // crossterm reads /dev/tty then; let it wait.
                return match event::poll(timeout) {
                    Ok(true) => Wait::Input,
                    Ok(false) => Wait::Timeout,
                    Err(_) => Wait::HangUp,
                };
            }
            let mut fds = [
                libc::pollfd {
                    fd: 0,
                    events: libc::POLLIN,
                    revents: 0,
                },
                libc::pollfd {
                    fd: self.wake.as_raw_fd(),
                    events: libc::POLLIN,
                    revents: 0,
                },
            ];
            // SAFETY: `fds` is a valid array of two pollfd for the duration of the call.
            let n = unsafe { libc::poll(fds.as_mut_ptr(), 2, timeout.as_millis() as libc::c_int) };
            if n < 0 {
                return Wait::Signal; // EINTR
            }
            if fds[0].revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
                return Wait::HangUp;
            }
            if fds[0].revents & libc::POLLIN != 0 {
                let mut pending: libc::c_int = 0;
                // SAFETY: FIONREAD writes one c_int.
                let r = unsafe { libc::ioctl(0, libc::FIONREAD, &mut pending) };
                return if r == 0 && pending == 0 {
                    Wait::HangUp
                } else {
                    Wait::Input
                };
            }
            if fds[1].revents & libc::POLLIN != 0 {
                return Wait::Signal;
            }
            Wait::Timeout
        }

        /// Stops the process here until SIGCONT, as SIGTSTP's default action would have.
        pub fn stop_process(&mut self) {
            // SAFETY: raise only sends a signal to this process.
            unsafe { libc::raise(libc::SIGSTOP) };
            // The SIGCONT that ended this stop is answered already: the caller takes the
            // terminal back.
            self.cont.store(false, Ordering::Relaxed);
        }
    }
}

/// Without Unix signals: wait for input only (a console closing ends the process itself).
#[cfg(not(unix))]
mod signals {
    use std::time::Duration;

    use ratatui::crossterm::event;

    use super::{Got, Wait};

    pub struct Signals;

    impl Signals {
        pub fn install() -> std::io::Result<Signals> {
            Ok(Signals)
        }

        pub fn take(&mut self) -> Option<Got> {
            None
        }

        pub fn wait(&self, timeout: Duration) -> Wait {
            match event::poll(timeout) {
                Ok(true) => Wait::Input,
                Ok(false) => Wait::Timeout,
                Err(_) => Wait::HangUp,
            }
        }

        pub fn stop_process(&mut self) {}
    }
}
