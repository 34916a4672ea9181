//! The `netday` command line, over the same core (`data::Data`) as the TUI.

pub mod error;
pub mod progress;
