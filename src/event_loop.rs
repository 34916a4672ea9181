//! Terminal setup and restore, crossterm events → actions through the keymap, redraw when
//! something changed.

use std::time::Duration;

use ratatui::crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};

use crate::keymap;
use crate::state::{Action, App, Job};
use crate::store::Store;
use crate::terminal::{Got, Signals, Wait};

/// How long `run` runs: until the user quits, or (measurement aids) until the first frame is
/// drawn, or until everyone is read and the desk drawn again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Until {
    Quit,
    FirstFrame,
    Ready,
}

/// Runs the TUI until the user quits, the terminal hangs up, or a signal ends it; the terminal
/// is restored on every way out, panics included, and while the process is stopped.
pub fn run(store: Store, until: Until) -> anyhow::Result<()> {
    let mut app = App::start(store, crate::model::Ts::now)?;
    // Long work (an import) runs here, between frames, so a gauge can be drawn while it does.
    app.defer_jobs = true;
    let mut signals = Signals::install()?;
    let mut terminal = ratatui::try_init().map_err(|_| {
        ratatui::restore();
        anyhow::anyhow!("{}", crate::i18n::NEEDS_TERMINAL.get())
    })?;
    if let Ok(s) = terminal.size() {
        app.size = (s.width, s.height);
    }
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableBracketedPaste);
        prev(info);
    }));
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    let result = first_frame(&mut terminal, &mut app, until).and_then(|()| match until {
        Until::Quit => event_loop(&mut terminal, &mut app, &mut signals),
        Until::FirstFrame => Ok(()),
        Until::Ready => draw(&mut terminal, &app),
    });
    release_terminal(&mut terminal);
    // The store is closed (flushed) here; the rest of what the app holds goes with the process.
    drop(app.data.close());
    result
}

/// Draws the desk from the day's attendance alone while everyone is read on other cores, then
/// gives the app everyone before any key is handled (keys typed meanwhile wait in the terminal).
fn first_frame(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    until: Until,
) -> anyhow::Result<()> {
    let (drawn, everyone) = std::thread::scope(|s| {
        let store = app.data.store();
        let (event, events) = (app.event.clone(), app.events.clone());
        let everyone = (until != Until::FirstFrame)
            .then(|| s.spawn(move || crate::data::Roster::load(store, event.as_ref(), &events)));
        let drawn = draw(terminal, app);
        (drawn, everyone.map(|h| h.join()))
    });
    drawn?;
    match everyone {
        None => Ok(()),
        Some(Ok(loaded)) => Ok(app.finish_start(loaded?)?),
        Some(Err(panic)) => std::panic::resume_unwind(panic),
    }
}

fn draw(terminal: &mut ratatui::DefaultTerminal, app: &App) -> anyhow::Result<()> {
    terminal.draw(|f| crate::view::draw(app, f))?;
    Ok(())
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
    signals: &mut Signals,
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
            // Lets the end-to-end test prove that a panic restores the terminal. Only in a
            // debug build (what `cargo test` runs): the release binary people use has no such
            // switch.
            #[cfg(debug_assertions)]
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
        // Keys typed while a job ran come first, in the order typed.
        let mut ahead = std::collections::VecDeque::new();
        while !app.quit {
            let ev = match ahead.pop_front() {
                Some(ev) => ev,
                None if event::poll(Duration::ZERO)? => event::read()?,
                None => break,
            };
            if let Some(action) = to_action(app, ev) {
                dirty |= app.update(action);
            }
            if app.job.is_some() {
                let (ended, typed) = run_job(terminal, app, signals)?;
                if ended {
                    // Interrupted, hung up or told to stop during the job: leave as Quit does.
                    app.update(Action::Quit);
                }
                ahead.extend(typed);
                dirty = true;
            }
        }
    }
    Ok(())
}

/// Runs the job a key asked for over the screen as it was, with a gauge that says how far it
/// is (redrawn at most ten times a second). Whenever the work asks, the gauge looks at the
/// keys and signals: Esc or Ctrl-C stops the job, a signal that ends netday (or a hang-up)
/// stops it too and is answered with `true`, for the caller to leave. Other keys typed
/// meanwhile are given back, to be handled after the job as if typed then.
fn run_job(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    signals: &mut Signals,
) -> std::io::Result<(bool, Vec<Event>)> {
    let backdrop = terminal.draw(|f| crate::view::draw(app, f))?.buffer.clone();
    let stoppable = matches!(app.job, Some(Job::Preview | Job::Import));
    let mut gauge = Gauge {
        terminal,
        backdrop,
        lang: app.lang,
        what: None,
        total: 0,
        done: 0,
        drawn: None,
        stoppable,
        signals,
        stop: None,
        ahead: Vec::new(),
    };
    app.run_job(&mut gauge);
    Ok((gauge.stop == Some(Stop::End), gauge.ahead))
}

/// Why a job was told to stop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stop {
    /// Esc or Ctrl-C.
    Key,
    /// SIGINT, SIGQUIT, SIGTERM, SIGHUP (a console close on Windows) or a hang-up.
    End,
}

struct Gauge<'a> {
    terminal: &'a mut ratatui::DefaultTerminal,
    backdrop: ratatui::buffer::Buffer,
    lang: crate::i18n::Lang,
    what: Option<crate::i18n::L>,
    total: u64,
    done: u64,
    drawn: Option<std::time::Instant>,
    /// The work asks `cancelled` (the gauge offers Esc).
    stoppable: bool,
    signals: &'a mut Signals,
    stop: Option<Stop>,
    /// Keys typed (and resizes) during the job that did not stop it, at most `AHEAD`.
    ahead: Vec<Event>,
}

/// Events kept from one job: far more than anyone types ahead, and bounded.
const AHEAD: usize = 4096;

impl Gauge<'_> {
    fn draw(&mut self, done: u64) {
        let (backdrop, what, total) = (&self.backdrop, self.what, self.total);
        let lang = self.lang;
        let hint = (self.stoppable && self.stop.is_none()).then_some(crate::i18n::GAUGE_CANCEL_KEY);
        // A frame that cannot be drawn only costs the gauge; the work goes on.
        let _ = self.terminal.draw(|f| {
            let buf = f.buffer_mut();
            if buf.area == backdrop.area {
                buf.content.clone_from(&backdrop.content);
            }
            crate::i18n::with_lang(lang, || {
                crate::view::draw_gauge(
                    f,
                    what.map_or("", |w| w.get()),
                    done,
                    total,
                    hint.map(|h| h.get()),
                )
            });
        });
        self.drawn = Some(std::time::Instant::now());
    }

    /// Reads what the terminal and the signals have for the job now, without waiting.
    fn look(&mut self) -> Option<Stop> {
        // A hang-up first: crossterm would spin on a terminal that is gone.
        if let Wait::HangUp = self.signals.wait(Duration::ZERO) {
            return Some(Stop::End);
        }
        let mut stop = None;
        // Keys typed with the one that started the job may already wait in crossterm's queue.
        loop {
            match event::poll(Duration::ZERO).and_then(|ready| ready.then(event::read).transpose())
            {
                Ok(None) => break,
                Ok(Some(Event::Key(k))) if k.kind == KeyEventKind::Press && stops(&k) => {
                    stop = Some(Stop::Key);
                }
                Ok(Some(ev)) => {
                    if self.ahead.len() < AHEAD {
                        self.ahead.push(ev);
                    }
                }
                Err(_) => return Some(Stop::End),
            }
        }
        if self.signals.ending() {
            return Some(Stop::End);
        }
        stop
    }
}

/// Esc or Ctrl-C (a key in raw mode, not a signal).
fn stops(k: &event::KeyEvent) -> bool {
    use event::{KeyCode, KeyModifiers};
    k.code == KeyCode::Esc
        || (k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL))
}

impl crate::progress::Progress for Gauge<'_> {
    fn start(&mut self, what: crate::i18n::L, total: u64) {
        if self.stop.is_none() {
            self.what = Some(what);
        }
        self.total = total;
        self.done = 0;
        self.draw(0);
    }
    fn set(&mut self, done: u64) {
        self.done = done;
        if self
            .drawn
            .is_none_or(|t| t.elapsed() >= Duration::from_millis(100))
        {
            self.draw(done);
        }
    }
    fn cancelled(&mut self) -> bool {
        if self.stop.is_none() {
            self.stop = self.look();
            if self.stop.is_some() {
                // What is written so far is being made safe: say so until the job ends.
                self.what = Some(crate::i18n::CANCELLING);
                self.draw(self.done);
            }
        }
        self.stop.is_some()
    }
    fn ending(&mut self) -> bool {
        self.stop == Some(Stop::End)
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

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    #[test]
    fn esc_and_ctrl_c_stop_a_job_and_other_keys_do_not() {
        let key = |code, m| KeyEvent::new(code, m);
        assert!(super::stops(&key(KeyCode::Esc, KeyModifiers::NONE)));
        assert!(super::stops(&key(
            KeyCode::Char('c'),
            KeyModifiers::CONTROL
        )));
        assert!(!super::stops(&key(KeyCode::Char('c'), KeyModifiers::NONE)));
        assert!(!super::stops(&key(KeyCode::Enter, KeyModifiers::NONE)));
        assert!(!super::stops(&key(KeyCode::Char('ㅊ'), KeyModifiers::NONE)));
    }
}
