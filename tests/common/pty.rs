//! Drives the real binary in a pseudo-terminal and reads its screen through a terminal emulator.
//!
//! Every wait is "until the screen (or the process) shows X", with one generous deadline for a
//! loaded machine; nothing here sleeps for a fixed time and hopes.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, ExitStatus, PtySize, native_pty_system};

/// How long any wait may take before the test fails with the screen it saw.
pub const DEADLINE: Duration = Duration::from_secs(60);

/// The emulator, and a signal that it has taken in more output.
type Shared = Arc<(Mutex<vt100::Parser>, Condvar)>;

pub struct Tui {
    shared: Shared,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    /// `None` once the terminal was hung up (`hang_up`).
    master: Option<Box<dyn portable_pty::MasterPty + Send>>,
    reader: Option<JoinHandle<()>>,
    /// Tells the reader to let go of its side of the terminal (`hang_up`).
    closing: Arc<std::sync::atomic::AtomicBool>,
    status: Option<ExitStatus>,
}

impl Tui {
    /// Starts `netday --db DB ARGS` in a `cols`×`rows` terminal, Korean UI, Seoul time.
    pub fn start(db: &Path, args: &[&str], cols: u16, rows: u16) -> Tui {
        Self::start_with_env(db, args, cols, rows, &[])
    }

    pub fn start_with_env(
        db: &Path,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Tui {
        let pty = native_pty_system().openpty(size(cols, rows)).unwrap();
        let mut cmd = CommandBuilder::new(super::bin());
        cmd.arg("--db");
        cmd.arg(db);
        for a in args {
            cmd.arg(a);
        }
        cmd.env("LANG", "ko_KR.UTF-8");
        cmd.env("TERM", "xterm-256color");
        cmd.env("NETDAY_TZ", "Asia/Seoul");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let shared: Shared = Arc::new((
            Mutex::new(vt100::Parser::new(rows, cols, 0)),
            Condvar::new(),
        ));
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let s = Arc::clone(&shared);
        let closing = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let told = Arc::clone(&closing);
        let fd = pty.master.as_raw_fd().unwrap();
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            // Ends when the last holder of the terminal's other side is gone (EOF or EIO), or
            // when told to let go (`hang_up`): it looks every 20 ms.
            loop {
                let mut p = libc::pollfd {
                    fd,
                    events: libc::POLLIN,
                    revents: 0,
                };
                // SAFETY: one valid pollfd; `fd` stays open until this thread is joined.
                let ready = unsafe { libc::poll(&mut p, 1, 20) };
                if told.load(std::sync::atomic::Ordering::SeqCst) {
                    break;
                }
                if ready == 0 {
                    continue;
                }
                match reader.read(&mut buf) {
                    Ok(n) if n > 0 => {
                        s.0.lock().unwrap().process(&buf[..n]);
                        s.1.notify_all();
                    }
                    _ => break,
                }
            }
            s.1.notify_all();
        });
        let writer = pty.master.take_writer().unwrap();
        Tui {
            shared,
            writer,
            child,
            master: Some(pty.master),
            reader: Some(reader),
            closing,
            status: None,
        }
    }

    fn parser(&self) -> MutexGuard<'_, vt100::Parser> {
        self.shared.0.lock().unwrap()
    }

    pub fn screen(&self) -> String {
        self.parser().screen().contents()
    }

    pub fn alternate_screen(&self) -> bool {
        self.parser().screen().alternate_screen()
    }

    pub fn bracketed_paste(&self) -> bool {
        self.parser().screen().bracketed_paste()
    }

    pub fn pid(&self) -> i32 {
        self.child.process_id().unwrap() as i32
    }

    /// Sends `sig` to netday itself (not through the pty library, which sends SIGHUP first).
    pub fn signal(&self, sig: libc::c_int) {
        // SAFETY: kill only sends a signal to the child this test started.
        assert_eq!(unsafe { libc::kill(self.pid(), sig) }, 0, "kill({sig})");
    }

    /// Closes the terminal as a closed window or a dropped SSH session does: every holder of
    /// its other side lets go, so netday gets SIGHUP and its reads fail from then on. The
    /// screen seen so far stays readable.
    pub fn hang_up(&mut self) {
        self.closing
            .store(true, std::sync::atomic::Ordering::SeqCst);
        if let Some(r) = self.reader.take() {
            r.join().unwrap();
        }
        // The pty library's writer types a newline and the end-of-file character as it is
        // dropped (for a shell's line editor): no key comes from a window that closes.
        if let Some(fd) = self.master.as_ref().and_then(|m| m.as_raw_fd()) {
            // SAFETY: termios is plain data; `fd` is the master this Tui still owns.
            unsafe {
                let mut t: libc::termios = std::mem::zeroed();
                if libc::tcgetattr(fd, &mut t) == 0 {
                    t.c_cc[libc::VEOF] = 0;
                    libc::tcsetattr(fd, libc::TCSANOW, &t);
                }
            }
        }
        self.writer = Box::new(std::io::sink());
        self.master = None;
    }

    /// Whether the terminal is in raw mode (no line editing, no echo), as netday left it.
    pub fn raw_mode(&self) -> bool {
        let fd = self.master.as_ref().unwrap().as_raw_fd().unwrap();
        // SAFETY: termios is plain data that tcgetattr fills in.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        // SAFETY: `fd` is the pty master this Tui owns; `t` is a valid termios.
        assert_eq!(unsafe { libc::tcgetattr(fd, &mut t) }, 0, "tcgetattr");
        t.c_lflag & (libc::ICANON | libc::ECHO) == 0
    }

    /// Waits until `done` holds for the emulator; panics with the screen after the deadline.
    pub fn wait_until(&self, what: &str, done: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + DEADLINE;
        let mut p = self.parser();
        while !done(p.screen()) {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                let seen = p.screen().contents();
                drop(p); // not poisoned for the reader thread
                panic!("the screen never showed {what}:\n{seen}");
            }
            p = self.shared.1.wait_timeout(p, left).unwrap().0;
        }
    }

    /// Waits until the screen shows `text`.
    pub fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?}"), |s| s.contents().contains(text));
    }

    /// Waits until the terminal no longer echoes what is typed (a passphrase prompt has turned
    /// echo off): typing before that would show the passphrase, as it would to a person
    /// typing faster than the prompt.
    pub fn wait_no_echo(&self) {
        let deadline = Instant::now() + DEADLINE;
        loop {
            let echo = self
                .master
                .as_ref()
                .unwrap()
                .get_termios()
                .map(|t| libc::termios::from(t).c_lflag & libc::ECHO != 0);
            if echo == Some(false) {
                return;
            }
            assert!(Instant::now() < deadline, "echo never turned off: {echo:?}");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Waits until netday is back on the terminal's main screen (it left the alternate one).
    pub fn wait_main_screen(&self) {
        self.wait_until("the main screen", |s| !s.alternate_screen());
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    pub fn type_text(&mut self, s: &str) {
        self.send(s.as_bytes());
    }

    /// Pastes `s` as a terminal does with bracketed paste on: one event, not keystrokes.
    pub fn paste(&mut self, s: &str) {
        self.send(format!("\x1b[200~{s}\x1b[201~").as_bytes());
    }

    /// Resizes the terminal. The emulator changes size first, under its lock, so no output
    /// drawn for the new size can reach it at the old one.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        let mut p = self.shared.0.lock().unwrap();
        p.screen_mut().set_size(rows, cols);
        self.master
            .as_ref()
            .unwrap()
            .resize(size(cols, rows))
            .unwrap();
        drop(p);
    }

    /// Waits until the process is stopped (SIGSTOP, SIGTSTP), without reaping it.
    pub fn wait_stopped(&self) {
        let deadline = Instant::now() + DEADLINE;
        loop {
            let mut status = 0;
            // SAFETY: waitpid on our own child; WNOHANG|WUNTRACED reports a stop, reaps nothing.
            let r =
                unsafe { libc::waitpid(self.pid(), &mut status, libc::WNOHANG | libc::WUNTRACED) };
            if r == self.pid() && libc::WIFSTOPPED(status) {
                return;
            }
            assert!(
                r == 0 && Instant::now() < deadline,
                "netday did not stop (waitpid {r}, status {status:#x}):\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Waits for the process to end and for all it wrote to reach the emulator.
    pub fn wait_status(&mut self) -> ExitStatus {
        if let Some(s) = &self.status {
            return s.clone();
        }
        let deadline = Instant::now() + DEADLINE;
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(
                Instant::now() < deadline,
                "netday did not exit:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(10));
        };
        if let Some(r) = self.reader.take() {
            r.join().unwrap();
        }
        self.status = Some(status.clone());
        status
    }

    /// Waits for the process to end; returns whether it exited successfully.
    pub fn wait_exit(&mut self) -> bool {
        self.wait_status().success()
    }
}

impl Drop for Tui {
    /// A test that failed half-way leaves no netday behind holding its database.
    fn drop(&mut self) {
        if self.status.is_none() && matches!(self.child.try_wait(), Ok(None)) {
            // SAFETY: as in `signal`.
            unsafe { libc::kill(self.pid(), libc::SIGKILL) };
            let _ = self.child.wait();
        }
    }
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}
