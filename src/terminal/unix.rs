//! Unix: signals through signal-hook and a wake-up pipe, and a wait on the terminal that sees
//! a hang-up before crossterm does.

use std::io::{IsTerminal, Read};
use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use ratatui::crossterm::event;
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGWINCH};

use super::{Got, Wait};

/// The terminal's settings before netday made it raw (when standard input is the terminal).
static BEFORE: OnceLock<libc::termios> = OnceLock::new();

/// What gives the terminal back: bracketed paste off, the cursor shown, the main screen.
const GIVE_BACK: &[u8] = b"\x1b[?2004l\x1b[?25h\x1b[?1049l";

/// An abort (a failed allocation, a panic while panicking) ends the process without unwinding,
/// so no restore runs: SIGABRT's handler gives the terminal back first, with calls that are
/// safe in a signal handler, then ends the process as before (killed by SIGABRT).
fn give_back_on_abort() -> std::io::Result<()> {
    if std::io::stdin().is_terminal() {
        // SAFETY: tcgetattr only reads; `t` is plain data it fills in.
        unsafe {
            let mut t: libc::termios = std::mem::zeroed();
            if libc::tcgetattr(0, &mut t) == 0 {
                let _ = BEFORE.set(t);
            }
        }
    }
    // SAFETY: the handler calls only write and tcsetattr (async-signal-safe) and reads a
    // OnceLock set before it was registered.
    unsafe {
        signal_hook::low_level::register(libc::SIGABRT, || {
            let _ = libc::write(1, GIVE_BACK.as_ptr().cast(), GIVE_BACK.len());
            if let Some(t) = BEFORE.get() {
                let _ = libc::tcsetattr(0, libc::TCSANOW, t);
            }
            // Ends the process as SIGABRT does, also when it came from `kill`.
            let _ = signal_hook::low_level::emulate_default_handler(libc::SIGABRT);
        })?;
    }
    Ok(())
}

pub struct Signals {
    end: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
    cont: Arc<AtomicBool>,
    wake: UnixStream,
    /// Whether standard input was the terminal when netday started. Asked once: a terminal
    /// that hung up is no terminal to `isatty` any more (its ioctl fails), and taking it for a
    /// pipe then handed the wait to crossterm, which spins on it.
    tty: bool,
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
            tty: std::io::stdin().is_terminal(),
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
        give_back_on_abort()?;
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

    /// Whether a signal that ends netday has come and is not yet taken (work in progress asks;
    /// `take` still answers it).
    pub fn ending(&self) -> bool {
        self.end.load(Ordering::Relaxed)
    }

    /// Sleeps until the terminal has input, a signal arrives or `timeout`. crossterm 0.29
    /// spins forever on a terminal that has hung up (read returns 0 and it reads again), so
    /// a hang-up is caught here, before crossterm is asked to read.
    pub fn wait(&self, timeout: Duration) -> Wait {
        if !self.tty {
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

    /// When the terminal has hung up (a closed window, a dropped SSH session): points standard
    /// input, output and error at /dev/null, so that giving the terminal back and anything
    /// printed after cannot fail. (ratatui prints its restore's failure with `eprintln!`, which
    /// panics on a dead terminal, and its panic hook restores again: an abort at every hang-up
    /// during work.) Whether it had hung up.
    pub fn let_go_if_hung_up(&self) -> bool {
        if !self.tty || !matches!(self.wait(Duration::ZERO), Wait::HangUp) {
            return false;
        }
        let Ok(null) = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/null")
        else {
            return true;
        };
        for fd in 0..=2 {
            // SAFETY: dup2 onto the standard descriptors this process owns; `null` stays open
            // for the call.
            unsafe { libc::dup2(null.as_raw_fd(), fd) };
        }
        true
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
