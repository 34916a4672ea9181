//! The real binary and the disk: the CLI, backups and restores, SIGKILL at any moment, the store's
//! refusals, a full disk, and the TUI in a pseudo-terminal. One test binary, because linking
//! dominates a cold `cargo test`.

#![allow(clippy::unwrap_used)] // tests may unwrap, helpers included

#[path = "../common/mod.rs"]
mod common;

mod checkin_cli;
mod cli;
mod compact; // its SIGINT and SIGKILL tests are Unix-only

mod crash;
#[cfg(unix)] // drives the real binary in a Unix pty
mod e2e_checkin;
#[cfg(unix)] // drives the real binary in a Unix pty
mod e2e_day;
#[cfg(unix)] // drives the real binary in a Unix pty
mod e2e_jobs;
#[cfg(unix)] // drives the real binary in a Unix pty
mod e2e_meeting;
#[cfg(unix)] // drives the real binary in a Unix pty
mod e2e_people;
#[cfg(unix)] // drives the real binary in a Unix pty
mod e2e_picker;
#[cfg(unix)] // drives the real binary in a Unix pty
mod e2e_terminal;
mod encrypted_backup;
mod file_modes;
mod import_preview;
mod messages;
mod outputs;
mod person_cli;
mod print;
mod progress;
mod report;
mod restore;
mod sheets;
mod shred;
mod store;
#[cfg(unix)] // stops the host with SIGTERM
mod sync_cli;
#[cfg(unix)] // two real desks in Unix ptys, SIGKILL
mod sync_two_desks;
