//! The `netday` command line, one file per command group, over the same core (`data::Data`)
//! as the TUI. `main.rs` parses and hands the command to [`run`].

pub mod args;
mod backup;
mod checkin;
mod compact;
mod db;
mod demo;
pub mod error;
mod events;
mod export;
#[cfg(feature = "test-hooks")]
mod harness;
mod history;
mod import;
pub mod out;
mod person;
mod print;
mod progress;
mod search;
mod shred;
pub mod sync;
mod tui;

use args::{Cli, Cmd};

use crate::event_loop::Until;

/// Runs what the command line asked for: the TUI without a command, else the command.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let db = cli.db;
    let Some(cmd) = cli.cmd else {
        let until = if cli.exit_after_first_frame {
            Until::FirstFrame
        } else if cli.exit_when_ready {
            Until::Ready
        } else {
            Until::Quit
        };
        return tui::run(db, until);
    };
    match cmd {
        Cmd::Demo => demo::demo(db),
        Cmd::Import(a) => import::run(db, a),
        Cmd::Export(a) => export::run(db, a),
        Cmd::Print(a) => print::run(db, a),
        Cmd::Search(a) => search::run(db, a),
        Cmd::Checkin(a) => checkin::run(db, a),
        Cmd::Person(a) => person::run(db, a),
        Cmd::Sync(a) => sync::run(db, a),
        Cmd::Generate(a) => demo::generate(db, a),
        Cmd::Events => events::run(db),
        Cmd::History(a) => history::history(db, a),
        Cmd::Undo(a) => history::undo(db, a),
        Cmd::Desk(a) => history::desk(db, a),
        Cmd::Backup(a) => backup::backup(
            db,
            a.output.as_deref(),
            a.force,
            backup::Encrypt {
                passphrase: a.encrypt,
                passphrase_file: a.passphrase_file.as_deref(),
                recipient: a.recipient.as_deref(),
            },
        ),
        Cmd::Restore(a) => backup::restore(
            db,
            &a.file,
            a.replace,
            a.unchecked,
            backup::Unlock {
                passphrase_file: a.passphrase_file.as_deref(),
                identity: a.identity.as_deref(),
            },
        ),
        Cmd::Compact => compact::run(db),
        Cmd::Shred(a) => shred::run(db, a),
        #[cfg(feature = "test-hooks")]
        Cmd::HarnessCheckins(a) => harness::run(db, a),
    }
}
