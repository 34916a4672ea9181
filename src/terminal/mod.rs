//! The platform under the event loop: signals or console control events, and waiting for input.
//! Unix code lives in `unix.rs`, Windows code in `windows.rs`; what they share is here.

pub mod code_page;
#[cfg(unix)]
mod unix;
#[cfg(unix)]
pub use unix::Signals;

#[cfg(windows)]
mod windows;
#[cfg(windows)]
pub use windows::{Signals, Utf8Console, utf8_console};

/// Nothing to prepare: Unix terminals take UTF-8 as written.
#[cfg(not(windows))]
pub struct Utf8Console;

#[cfg(not(windows))]
pub fn utf8_console() -> Option<Utf8Console> {
    None
}

/// A signal the loop must act on.
#[cfg_attr(not(unix), allow(dead_code))]
pub enum Got {
    /// SIGINT, SIGQUIT, SIGTERM or SIGHUP, or on Windows Ctrl-C, Ctrl-Break, closing the console
    /// window, log-off or shutdown: leave as Quit does.
    End,
    /// SIGTSTP (`kill -TSTP`, or Ctrl-Z where the terminal sends it): give the terminal back,
    /// then stop.
    Stop,
    /// SIGCONT after someone else stopped netday: take the terminal back.
    Continue,
}

pub enum Wait {
    Input,
    Signal,
    Timeout,
    HangUp,
}

/// A Windows console control event (the `CTRL_*_EVENT` codes of `SetConsoleCtrlHandler`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConsoleEvent {
    CtrlC,
    CtrlBreak,
    Close,
    LogOff,
    Shutdown,
}

impl ConsoleEvent {
    /// The event a control code stands for (the codes are Win32's, fixed since NT).
    pub fn from_code(code: u32) -> Option<ConsoleEvent> {
        Some(match code {
            0 => ConsoleEvent::CtrlC,
            1 => ConsoleEvent::CtrlBreak,
            2 => ConsoleEvent::Close,
            5 => ConsoleEvent::LogOff,
            6 => ConsoleEvent::Shutdown,
            _ => return None,
        })
    }

    /// Whether Windows ends the process as soon as the handler returns: then the handler must
    /// hold on until the event loop has written the draft and left (Windows allows about five
    /// seconds for a closing window).
    pub fn ends_process(self) -> bool {
        !matches!(self, ConsoleEvent::CtrlC | ConsoleEvent::CtrlBreak)
    }
}

#[cfg(test)]
mod tests {
    use super::ConsoleEvent;

    #[test]
    fn every_console_event_that_ends_netday_is_known_and_only_keys_let_it_run_on() {
        assert_eq!(ConsoleEvent::from_code(0), Some(ConsoleEvent::CtrlC));
        assert_eq!(ConsoleEvent::from_code(1), Some(ConsoleEvent::CtrlBreak));
        assert_eq!(ConsoleEvent::from_code(2), Some(ConsoleEvent::Close));
        assert_eq!(ConsoleEvent::from_code(5), Some(ConsoleEvent::LogOff));
        assert_eq!(ConsoleEvent::from_code(6), Some(ConsoleEvent::Shutdown));
        assert_eq!(ConsoleEvent::from_code(3), None);
        assert!(!ConsoleEvent::CtrlC.ends_process());
        assert!(!ConsoleEvent::CtrlBreak.ends_process());
        assert!(ConsoleEvent::Close.ends_process());
        assert!(ConsoleEvent::LogOff.ends_process());
        assert!(ConsoleEvent::Shutdown.ends_process());
    }
}
