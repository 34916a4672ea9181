//! Terminal setup and restore, crossterm events → actions through the keymap, redraw when
//! something changed.

use std::io::Read;
use std::os::unix::net::UnixStream;
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

/// Runs the TUI until the user quits, the terminal hangs up, or SIGTERM/SIGHUP arrives; the
/// terminal is restored on every way out, panics included. `first_frame_only` (a measurement
/// aid) quits right after the first frame is drawn.
pub fn run(store: Store, first_frame_only: bool) -> anyhow::Result<()> {
    let mut app = App::new(store)?;
    let stop = Arc::new(AtomicBool::new(false));
    let (wake_rx, wake_tx) = UnixStream::pair()?;
    wake_rx.set_nonblocking(true)?;
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
        signal_hook::low_level::pipe::register(sig, wake_tx.try_clone()?)?;
    }
    signal_hook::low_level::pipe::register(signal_hook::consts::SIGWINCH, wake_tx)?;
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
        event_loop(&mut terminal, &mut app, &stop, wake_rx)
    };
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    stop: &AtomicBool,
    mut wake: UnixStream,
) -> anyhow::Result<()> {
    let mut dirty = true;
    let mut minute = app.now().0 / 60_000;
    while !app.quit && !stop.load(Ordering::Relaxed) {
        if dirty {
            terminal.draw(|f| crate::view::draw(app, f))?;
            dirty = false;
            // Lets the end-to-end test prove that a panic restores the terminal.
            if std::env::var_os("NETDAY_TEST_PANIC").is_some() {
                panic!("NETDAY_TEST_PANIC");
            }
        }
        match wait(&wake, Duration::from_millis(1000)) {
            Wait::HangUp => break,
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
            Wait::Signal => {
                let mut sink = [0u8; 64];
                while matches!(wake.read(&mut sink), Ok(n) if n > 0) {}
            }
            Wait::Input => {}
        }
        // Drain everything pending before drawing again (a scanner types a whole code at once).
        while !app.quit && event::poll(Duration::ZERO)? {
            if let Some(action) = to_action(app, event::read()?) {
                dirty |= app.update(action);
            }
        }
    }
    if !app.quit {
        // Hung up or told to stop: leave as Quit does, pending draft written.
        app.update(Action::Quit);
    }
    Ok(())
}

enum Wait {
    Input,
    Signal,
    Timeout,
    HangUp,
}

/// Sleeps until the terminal has input, a signal arrives (resize, SIGTERM, SIGHUP) or `timeout`.
/// crossterm 0.29 spins forever on a terminal that has hung up (read returns 0 and it reads
/// again), so a hang-up is caught here, before crossterm is asked to read.
fn wait(wake: &UnixStream, timeout: Duration) -> Wait {
    use std::os::fd::AsRawFd;
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
            fd: wake.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        },
    ];
    // SAFETY: `fds` is a valid array of two pollfd for the duration of the call.
    let n = unsafe { libc::poll(fds.as_mut_ptr(), 2, timeout.as_millis() as libc::c_int) };
    if n < 0 {
        return Wait::Signal; // EINTR: a signal; the loop looks at the stop flag.
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

fn to_action(app: &App, ev: Event) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind == KeyEventKind::Press => keymap::action_for(app.context(), k),
        Event::Paste(s) => Some(Action::Paste(s)),
        Event::Resize(..) => Some(Action::Resize),
        _ => None,
    }
}
