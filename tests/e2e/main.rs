//! The real binary and the disk: the CLI, backups and restores, SIGKILL at any moment, the store's
//! refusals, a full disk, and the TUI in a pseudo-terminal. One test binary, because linking
//! dominates a cold `cargo test`.

#![allow(clippy::unwrap_used)] // tests may unwrap, helpers included

#[path = "../common/mod.rs"]
mod common;

mod cli;
mod crash;
mod e2e_checkin;
mod e2e_day;
mod e2e_jobs;
mod e2e_meeting;
mod e2e_people;
mod e2e_terminal;
mod file_modes;
mod messages;
mod outputs;
mod print;
mod progress;
mod restore;
mod sheets;
mod store;
