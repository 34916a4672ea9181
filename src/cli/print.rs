//! `netday print`: a sign-in sheet, badges or the attendance record of a day, as a PDF.

use std::path::PathBuf;

use super::args::{PrintArgs, PrintKind, PrintSort};
use super::db::{data_to_read, date_arg, pick_event};
use super::error::CliError;
use super::out::{binary_to_stdout, note, product_out, to_stdout};
use super::progress::Bar;
use crate::files::{self, Replace};
use crate::i18n;
use crate::io::print::{self, Sort};
use crate::model::PrintKind as Kind;

pub fn run(db: Option<PathBuf>, args: PrintArgs) -> anyhow::Result<()> {
    let PrintArgs {
        what,
        event,
        output,
        force,
        contact,
        sort,
        blank,
    } = args;
    let kind = match what {
        PrintKind::Signin => Kind::Signin,
        PrintKind::Badges => Kind::Badges,
        PrintKind::Attendance => Kind::Attendance,
    };
    let sort = sort.map(|s| match s {
        PrintSort::Org => Sort::Org,
        PrintSort::Name => Sort::Name,
        PrintSort::Arrival => Sort::Arrival,
    });
    if blank > print::MAX_BLANK {
        let (ko, en) = i18n::too_many_blank_rows(blank, print::MAX_BLANK);
        return Err(CliError::Said { ko, en }.into());
    }
    let event = date_arg(event)?;
    if to_stdout(Some(&output)) {
        product_out()?;
    }
    let data = data_to_read(db)?;
    let e = pick_event(&data, event)?;
    let opt = print::Options {
        sort,
        contact,
        blank,
    };
    let mut bar = Bar::new();
    let printed = data
        .print_with(&e, kind, &opt, &mut bar)
        .map_err(|err| CliError::Said {
            ko: err.ko(),
            en: err.en(),
        })?;
    bar.clear();
    if to_stdout(Some(&output)) {
        return binary_to_stdout(&printed.bytes, files::Binary::Pdf);
    }
    let replace = if force { Replace::Yes } else { Replace::No };
    files::write(&output, &printed.bytes, replace, Some(data.path()))?;
    note(i18n::printed(
        &output.display().to_string(),
        printed.people,
        printed.pages,
    ));
    if !printed.unprintable.is_empty() {
        note(i18n::print_unprintable(&printed.unprintable));
    }
    Ok(())
}
