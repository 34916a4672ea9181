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
use crate::terminal::{Got, Signals, Wait};

/// Runs the TUI until the user quits, the terminal hangs up, or a signal ends it; the terminal
/// is restored on every way out, panics included, and while the process is stopped.
/// `first_frame_only` (a measurement aid) quits right after the first frame is drawn.
pub fn run(store: Store, first_frame_only: bool) -> anyhow::Result<()> {
    let mut app = App::new(store)?;
    let mut signals = Signals::install()?;
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
        }
    }
    Ok(())
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
