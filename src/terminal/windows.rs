//! Windows: console control events (Ctrl-C, Ctrl-Break, closing the window, log-off, shutdown)
//! end netday through the same quit path as the Unix signals; resize arrives as crossterm's
//! `Event::Resize`; the console speaks UTF-8 while netday runs.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ratatui::crossterm::event;
use windows_sys::Win32::System::Console::{
    GetConsoleCP, GetConsoleOutputCP, SetConsoleCP, SetConsoleCtrlHandler, SetConsoleOutputCP,
};
use windows_sys::core::BOOL;

use super::{ConsoleEvent, Got, Wait};

/// Set by the control handler (which Windows runs on a thread of its own), read by the loop.
static END: AtomicBool = AtomicBool::new(false);

/// How often the loop looks at `END` while it waits for input: crossterm's wait cannot be woken
/// from another thread.
const SLICE: Duration = Duration::from_millis(100);

unsafe extern "system" fn on_control(code: u32) -> BOOL {
    let Some(event) = ConsoleEvent::from_code(code) else {
        return 0;
    };
    END.store(true, Ordering::SeqCst);
    if event.ends_process() {
        // Returning lets Windows end the process at once. Hold on instead: the event loop
        // writes the draft and leaves, and the process ends when main returns (or when
        // Windows' own limit, about five seconds for a closing window, runs out).
        std::thread::sleep(Duration::from_secs(20));
    }
    1
}

pub struct Signals(());

impl Signals {
    /// From now on console control events set the end flag instead of ending the process.
    pub fn install() -> std::io::Result<Signals> {
        END.store(false, Ordering::SeqCst);
        // SAFETY: `on_control` is a valid handler for the life of the process.
        if unsafe { SetConsoleCtrlHandler(Some(on_control), 1) } == 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok(Signals(()))
    }

    pub fn take(&mut self) -> Option<Got> {
        END.swap(false, Ordering::SeqCst).then_some(Got::End)
    }

    /// A console that closed ends the process with its control event: nothing to let go of.
    pub fn let_go_if_hung_up(&self) -> bool {
        false
    }

    /// Whether a control event that ends netday has come and is not yet taken (work in
    /// progress asks; `take` still answers it).
    pub fn ending(&self) -> bool {
        END.load(Ordering::SeqCst)
    }

    /// Sleeps until the console has input, a control event arrives or `timeout`.
    pub fn wait(&self, timeout: Duration) -> Wait {
        let deadline = Instant::now() + timeout;
        loop {
            if END.load(Ordering::SeqCst) {
                return Wait::Signal;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Wait::Timeout;
            }
            match event::poll(left.min(SLICE)) {
                Ok(true) => return Wait::Input,
                Ok(false) => {}
                Err(_) => return Wait::HangUp,
            }
        }
    }

    /// Windows has no job-control stop.
    pub fn stop_process(&mut self) {}
}

impl Drop for Signals {
    fn drop(&mut self) {
        // SAFETY: removes the handler `install` added.
        unsafe { SetConsoleCtrlHandler(Some(on_control), 0) };
    }
}

/// The console's code pages as they were, put back when netday ends.
pub struct Utf8Console {
    input: u32,
    output: u32,
}

/// Sets the console to UTF-8 (code page 65001) for input and output. Text written to a console
/// goes through the wide-character API in Rust's standard library anyway; the code page decides
/// how cmd and PowerShell read netday's output through a pipe, and what the console hands in.
/// Without a console (output redirected, a service) nothing changes.
pub fn utf8_console() -> Option<Utf8Console> {
    const UTF8: u32 = 65001;
    // SAFETY: plain calls on the process's console; they fail harmlessly without one.
    unsafe {
        let (input, output) = (GetConsoleCP(), GetConsoleOutputCP());
        if output == 0 {
            return None;
        }
        SetConsoleOutputCP(UTF8);
        SetConsoleCP(UTF8);
        Some(Utf8Console { input, output })
    }
}

impl Drop for Utf8Console {
    fn drop(&mut self) {
        // SAFETY: restores the code pages read in `utf8_console`.
        unsafe {
            SetConsoleOutputCP(self.output);
            SetConsoleCP(self.input);
        }
    }
}
