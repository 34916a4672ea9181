//! Terminal setup and restore, crossterm events → actions through the keymap, redraw when
//! something changed.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind,
};
use ratatui::crossterm::execute;

use crate::keymap;
use crate::state::{Action, App};
use crate::store::Store;

/// Runs the TUI until the user quits or a SIGTERM/SIGHUP arrives; the terminal is restored on
/// every way out, panics included. `first_frame_only` (a measurement aid) quits right after the
/// first frame is drawn.
pub fn run(store: Store, first_frame_only: bool) -> anyhow::Result<()> {
    let mut app = App::new(store)?;
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    let mut terminal = ratatui::init();
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
        event_loop(&mut terminal, &mut app, &stop)
    };
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    stop: &AtomicBool,
) -> anyhow::Result<()> {
    let mut dirty = true;
    let mut minute = app.now().0 / 60_000;
    while !app.quit && !stop.load(Ordering::Relaxed) {
        if dirty {
            terminal.draw(|f| crate::view::draw(app, f))?;
            dirty = false;
        }
        if !event::poll(Duration::from_millis(500))? {
            let m = app.now().0 / 60_000;
            if m != minute {
                minute = m;
                dirty = true;
            }
            continue;
        }
        // Drain everything pending before drawing again (a scanner types a whole code at once).
        loop {
            if let Some(action) = to_action(app, event::read()?) {
                dirty |= app.update(action);
            }
            if app.quit || !event::poll(Duration::ZERO)? {
                break;
            }
        }
    }
    Ok(())
}

fn to_action(app: &App, ev: Event) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind == KeyEventKind::Press => keymap::action_for(app.context(), k),
        Event::Paste(s) => Some(Action::Paste(s)),
        Event::Resize(..) => Some(Action::Resize),
        _ => None,
    }
}
