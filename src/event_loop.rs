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
        Until::Quit => {
            // Linked when it last ran (crashed, killed or quit while linked): link again.
            app.resume_link();
            event_loop(&mut terminal, &mut app, &mut signals)
        }
        Until::FirstFrame => Ok(()),
        Until::Ready => draw(&mut terminal, &app),
    });
    // A terminal that hung up cannot be given back: nothing is written to it any more.
    let gone = signals.let_go_if_hung_up();
    if gone && !app.quit {
        // The window closed during a frame (its write failed first): a quit, as SIGHUP's,
        // pending draft written.
        app.update(Action::Quit);
    }
    release_terminal(&mut terminal);
    // The store is closed (flushed) here; the rest of what the app holds goes with the process.
    drop(app.data.close());
    if gone {
        // Nobody is left to read an error about the terminal that went; every write was synced
        // as it was made.
        return Ok(());
    }
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
            // Lets the end-to-end test prove that a panic restores the terminal. Only with the
            // `test-hooks` feature (what the tests build): the binary people use has no such
            // switch.
            #[cfg(feature = "test-hooks")]
            if std::env::var_os("NETDAY_TEST_PANIC").is_some() {
                panic!("NETDAY_TEST_PANIC");
            }
        }
        // While linked to another desk, look at the link five times a second: a change made
        // there shows here well within a second.
        let wait = if app.link.is_some() {
            Duration::from_millis(200)
        } else {
            Duration::from_millis(1000)
        };
        let waited = signals.wait(wait);
        if app.link.is_some() {
            dirty |= app.pump_link();
        }
        match waited {
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
        'drain: while !app.quit {
            let Some(ev) = next_event(&mut ahead)? else {
                break;
            };
            let judged = if Run::starts(&ev) {
                let (run, after) = Run::collect(ev, || next_event(&mut ahead))?;
                if let Some(after) = after {
                    ahead.push_front(after);
                }
                run.judge(|typed| app.would_scan(typed))
            } else {
                vec![ev]
            };
            let mut judged = judged.into_iter();
            while let Some(ev) = judged.next() {
                if let Some(action) = to_action(app, ev) {
                    dirty |= app.update(action);
                }
                // A job may ask for another when it ends (an import whose "no" answers emptied
                // kept phones: the files are rewritten next).
                while app.job.is_some() && !app.quit {
                    let pending = judged.by_ref().chain(ahead.drain(..)).collect();
                    let (ended, typed) = run_job(terminal, app, signals, pending)?;
                    if ended {
                        // Interrupted, hung up or told to stop during the job: leave as Quit does.
                        app.update(Action::Quit);
                    }
                    ahead.extend(typed);
                    dirty = true;
                }
                if app.quit {
                    break 'drain;
                }
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
    pending: std::collections::VecDeque<Event>,
) -> std::io::Result<(bool, Vec<Event>)> {
    let backdrop = terminal.draw(|f| crate::view::draw(app, f))?.buffer.clone();
    let stoppable = matches!(
        app.job,
        Some(Job::Preview | Job::Import | Job::Shred | Job::Rewrite)
    );
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
        pending,
        ahead: Vec::new(),
    };
    app.run_job(&mut gauge);
    let mut typed = gauge.ahead;
    typed.extend(gauge.pending);
    Ok((gauge.stop == Some(Stop::End), typed))
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
    /// Events read before the job began and not yet handled: looked at first.
    pending: std::collections::VecDeque<Event>,
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
            let next = match self.pending.pop_front() {
                Some(ev) => Ok(Some(ev)),
                None => event::poll(Duration::ZERO)
                    .and_then(|ready| ready.then(event::read).transpose()),
            };
            match next {
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
    fn start(&mut self, what: crate::progress::Stage, total: u64) {
        if self.stop.is_none() {
            self.what = Some(crate::i18n::stage_label(what));
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

/// The next event of this drain: one set aside, else one the terminal has ready now.
fn next_event(ahead: &mut std::collections::VecDeque<Event>) -> std::io::Result<Option<Event>> {
    if let Some(ev) = ahead.pop_front() {
        return Ok(Some(ev));
    }
    if event::poll(Duration::ZERO)? {
        return event::read().map(Some);
    }
    Ok(None)
}

/// Fewest characters before an Enter, in one drain, that make a burst (a scan or a paste)
/// rather than typing: a person types one key per drain, or the last syllable and Enter
/// together when the IME lets the syllable go.
const BURST: usize = 2;

/// Events a run keeps as they came; a longer run is surely pasted and kept as its text.
const RUN_EVENTS: usize = 4096;

/// Characters a run keeps: more than any field holds, so the field cuts it and says so.
const RUN_CHARS: usize = 65_536;

/// Characters and Enters that arrived in one go (one drain of the terminal's events). Both a
/// keyboard-wedge badge scanner and a paste on Windows (whose console has no paste event, so a
/// pasted line break arrives as Enter) look like this; only a scan may act as Enter.
#[derive(Debug, Default)]
pub struct Run {
    /// The events as they came, while there are at most `RUN_EVENTS`.
    events: Vec<Event>,
    /// What the run types, line breaks as '\n', at most `RUN_CHARS` characters.
    text: String,
    chars: usize,
    enters: usize,
    /// The last key pressed was Enter.
    ends_in_enter: bool,
    /// More events came than `events` keeps.
    long: bool,
}

/// A key of a run: a character as typing sends it, or Enter.
enum RunKey {
    Char(char),
    Enter,
}

fn run_key(ev: &Event) -> Option<RunKey> {
    use event::{KeyCode, KeyModifiers};
    let Event::Key(k) = ev else {
        return None;
    };
    if k.kind != KeyEventKind::Press {
        return None;
    }
    let mods = k.modifiers - KeyModifiers::SHIFT;
    match k.code {
        KeyCode::Enter if mods.is_empty() => Some(RunKey::Enter),
        KeyCode::Char(c) if mods.is_empty() || mods == KeyModifiers::ALT => Some(RunKey::Char(c)),
        _ => None,
    }
}

/// A key released (Windows reports those): inside a run, it neither adds to it nor ends it.
fn released(ev: &Event) -> bool {
    matches!(ev, Event::Key(k) if k.kind != KeyEventKind::Press)
}

impl Run {
    /// Whether `ev` begins a run.
    pub fn starts(ev: &Event) -> bool {
        run_key(ev).is_some()
    }

    /// Reads the run that begins with `first` from `next` (the rest of the drain); answers
    /// the run and the event that ended it, if one did.
    pub fn collect(
        first: Event,
        mut next: impl FnMut() -> std::io::Result<Option<Event>>,
    ) -> std::io::Result<(Run, Option<Event>)> {
        let mut run = Run::default();
        let mut ev = Some(first);
        while let Some(e) = ev {
            match run_key(&e) {
                Some(key) => run.add(key),
                None if released(&e) => {}
                None => return Ok((run, Some(e))),
            }
            if run.events.len() < RUN_EVENTS {
                run.events.push(e);
            } else {
                run.long = true;
            }
            ev = next()?;
        }
        Ok((run, None))
    }

    fn add(&mut self, key: RunKey) {
        let c = match key {
            RunKey::Char(c) => {
                self.chars += 1;
                c
            }
            RunKey::Enter => {
                self.enters += 1;
                '\n'
            }
        };
        self.ends_in_enter = c == '\n';
        if self.chars + self.enters <= RUN_CHARS {
            self.text.push(c);
        }
    }

    /// The events to act on. A run stays keys when it has no Enter, or only Enters, or is
    /// typing (fewer than `BURST` characters then one Enter), or is a scan: one line that
    /// `scans` says makes a known badge code, then Enter. Anything else — a pasted name,
    /// several lines, a code with more after it — is pasted text, whose Enters act on nothing.
    pub fn judge(self, scans: impl FnOnce(&str) -> bool) -> Vec<Event> {
        let keys = self.chars == 0
            || !self.long
                && (self.enters == 0
                    || self.enters == 1
                        && self.ends_in_enter
                        && (self.chars < BURST
                            || scans(self.text.strip_suffix('\n').unwrap_or(&self.text))));
        if keys {
            self.events
        } else {
            vec![Event::Paste(self.text)]
        }
    }
}

/// The action an event asks for in the app's context now.
pub fn to_action(app: &mut App, ev: Event) -> Option<Action> {
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
    use std::collections::VecDeque;

    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

    use super::Run;

    /// The events a console gives for `keys` ('\n' is Enter): each key pressed and released,
    /// as Windows reports them.
    fn console(keys: &str) -> Vec<Event> {
        keys.chars()
            .flat_map(|c| {
                let code = if c == '\n' {
                    KeyCode::Enter
                } else {
                    KeyCode::Char(c)
                };
                [KeyEventKind::Press, KeyEventKind::Release]
                    .map(|kind| Event::Key(KeyEvent::new_with_kind(code, KeyModifiers::NONE, kind)))
            })
            .collect()
    }

    /// A check-in desk in miniature, fed drain by drain as the event loop feeds the app: Enter
    /// checks in whoever the box names (the real desk's selected row). Answers who was checked
    /// in and what the box holds at the end.
    fn desk(drains: &[Vec<Event>], codes: &[&str]) -> (Vec<String>, String) {
        let (mut checked, mut typed) = (Vec::new(), String::new());
        for drain in drains {
            let mut q: VecDeque<Event> = drain.iter().cloned().collect();
            while let Some(ev) = q.pop_front() {
                let judged = if Run::starts(&ev) {
                    let (run, after) = Run::collect(ev, || Ok(q.pop_front())).unwrap();
                    if let Some(after) = after {
                        q.push_front(after);
                    }
                    run.judge(|t| codes.contains(&format!("{typed}{t}").as_str()))
                } else {
                    vec![ev]
                };
                for ev in judged {
                    match ev {
                        Event::Key(k) if k.kind == KeyEventKind::Press => match k.code {
                            KeyCode::Char(c) => typed.push(c),
                            KeyCode::Enter if !typed.is_empty() => {
                                checked.push(std::mem::take(&mut typed));
                            }
                            KeyCode::Backspace => drop(typed.pop()),
                            _ => {}
                        },
                        Event::Paste(s) => typed.push_str(&crate::model::clean_line(&s)),
                        _ => {}
                    }
                }
            }
        }
        (checked, typed)
    }

    /// Each string one drain.
    fn drains(d: &[&str]) -> Vec<Vec<Event>> {
        d.iter().map(|s| console(s)).collect()
    }

    const CODES: &[&str] = &["K7Q2M9", "OLD-42"];

    #[test]
    fn a_burst_that_is_a_known_code_then_enter_is_a_scan() {
        assert_eq!(
            desk(&drains(&["K7Q2M9\n"]), CODES),
            (vec!["K7Q2M9".into()], "".into())
        );
        // An alias code scans like the code.
        assert_eq!(
            desk(&drains(&["OLD-42\n"]), CODES),
            (vec!["OLD-42".into()], "".into())
        );
        // The first key of a scan may arrive alone, or the Enter alone: still a scan.
        assert_eq!(
            desk(&drains(&["K", "7Q2M9\n"]), CODES),
            (vec!["K7Q2M9".into()], "".into())
        );
        assert_eq!(
            desk(&drains(&["K7Q2M9", "\n"]), CODES),
            (vec!["K7Q2M9".into()], "".into())
        );
        // Scans one after another, each in its own drain.
        assert_eq!(
            desk(&drains(&["K7Q2M9\n", "OLD-42\n"]), CODES).0,
            ["K7Q2M9", "OLD-42"]
        );
    }

    #[test]
    fn a_pasted_name_then_enter_fills_the_box_and_checks_nobody_in() {
        assert_eq!(
            desk(&drains(&["김철수\n"]), CODES),
            (vec![], "김철수".into())
        );
        assert_eq!(
            desk(&drains(&["Kim Chulsoo\n"]), CODES),
            (vec![], "Kim Chulsoo".into())
        );
        // Something typed before, then a pasted name.
        assert_eq!(desk(&drains(&["a", "bc\n"]), CODES), (vec![], "abc".into()));
    }

    #[test]
    fn several_pasted_lines_check_nobody_in_even_when_each_is_a_code() {
        assert_eq!(
            desk(&drains(&["K7Q2M9\nOLD-42\n"]), CODES),
            (vec![], "K7Q2M9 OLD-42".into())
        );
        assert_eq!(
            desk(&drains(&["김철수\n이영희"]), CODES),
            (vec![], "김철수 이영희".into())
        );
        // A line break first, or a one-letter first line.
        assert_eq!(
            desk(&drains(&["\n김철수\n"]), CODES),
            (vec![], "김철수".into())
        );
        assert_eq!(
            desk(&drains(&["x\nK7Q2M9\n"]), CODES),
            (vec![], "x K7Q2M9".into())
        );
    }

    #[test]
    fn a_code_with_other_characters_is_not_a_scan() {
        for pasted in [
            "K7Q2M9x\n",
            "K7Q2M9 김\n",
            "K7Q2M9\nx",
            "xK7Q2M9\n",
            "K7Q2M\n",
        ] {
            let (checked, _) = desk(&drains(&[pasted]), CODES);
            assert!(checked.is_empty(), "{pasted:?} checked {checked:?} in");
        }
    }

    #[test]
    fn keys_typed_one_per_drain_then_enter_are_typing() {
        assert_eq!(
            desk(&drains(&["김", "철", "수", "\n"]), CODES),
            (vec!["김철수".into()], "".into())
        );
        // The last syllable and Enter together (the IME lets the syllable go with Enter).
        assert_eq!(
            desk(&drains(&["김", "철", "수\n"]), CODES),
            (vec!["김철수".into()], "".into())
        );
        // A run with no Enter is left as keys (single-letter shortcuts keep working).
        let keys = console("uy");
        let (run, after) = Run::collect(keys[0].clone(), {
            let mut rest = keys[1..].iter().cloned();
            move || Ok(rest.next())
        })
        .unwrap();
        assert!(after.is_none());
        assert_eq!(run.judge(|_| false), keys);
    }

    #[test]
    fn a_run_ends_at_any_other_key_and_a_terminal_paste_is_left_alone() {
        let mut drain = console("김철");
        drain.push(Event::Key(KeyEvent::new(
            KeyCode::Backspace,
            KeyModifiers::NONE,
        )));
        drain.extend(console("\n"));
        assert_eq!(desk(&[drain], CODES), (vec!["김".into()], "".into()));
        // Bracketed paste (Linux terminals) is one event and stays one.
        let paste = vec![Event::Paste("김철수\n".into())];
        assert_eq!(desk(&[paste], CODES), (vec![], "김철수".into()));
    }

    #[test]
    fn a_huge_paste_is_kept_as_bounded_text_and_checks_nobody_in() {
        let huge = format!("{}\n", "가".repeat(super::RUN_EVENTS * 2));
        let (checked, typed) = desk(&drains(&[&huge]), CODES);
        assert!(checked.is_empty());
        assert_eq!(typed.chars().count(), super::RUN_EVENTS * 2);
        let endless = "가".repeat(super::RUN_CHARS + 10);
        let (_, typed) = desk(&drains(&[&endless]), CODES);
        assert_eq!(typed.chars().count(), super::RUN_CHARS);
    }

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
