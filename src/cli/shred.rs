//! `netday shred`: the retention rule, and shredding the people it names (or the people asked
//! for) — who and what is shown first, and asked unless `--yes` — then the database's files
//! rewritten so that nothing of it is left in them (`data::privacy`).

use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;

use super::args::ShredArgs;
use super::db::open;
use super::error::CliError;
use super::out::{note, print, print_both};
use super::progress::Bar;
use crate::data::{Data, Due, Requested};
use crate::i18n;
use crate::model::privacy::ShredScope;
use crate::model::{Person, Ts};

pub fn run(db: Option<PathBuf>, a: ShredArgs) -> anyhow::Result<()> {
    let store = open(db)?;
    let mut data = Data::new(store);
    if let Some(m) = a.retention {
        data.set_retention_months(m)?;
        note(i18n::retention_set(data.retention_months()?));
        if a.person.is_empty() && !a.due {
            return Ok(());
        }
    }
    let scope = if a.whole {
        ShredScope::Whole
    } else {
        ShredScope::Contact
    };
    let today = Ts::now().local().date();
    let due: Vec<Due> = if a.due {
        note(i18n::retention_rule(data.retention_months()?));
        data.due_for_shred(today, scope)?
    } else if !a.person.is_empty() {
        let mut chosen: Vec<Person> = Vec::new();
        for q in &a.person {
            let p = find(&mut data, q)?;
            if !chosen.iter().any(|c| c.id == p.id) {
                chosen.push(p);
            }
        }
        data.due_among(&chosen, today, None, ShredScope::Whole)?
    } else {
        return Err(CliError::from(i18n::SHRED_WHAT).into());
    };
    if due.is_empty() {
        note(i18n::SHRED_NOBODY_DUE);
        return Ok(());
    }
    print_both(i18n::shred_preview(due.len(), scope))?;
    for d in &due {
        print(i18n::due_line(
            &d.name,
            &d.org,
            &d.code,
            &d.last.format("%Y-%m-%d").to_string(),
            d.attended,
            d.phone,
            d.email,
            d.notes,
        ))?;
    }
    if !a.yes && !confirmed()? {
        note(i18n::SHRED_DECLINED);
        return Ok(());
    }
    let ids: Vec<_> = due.iter().map(|d| d.id).collect();
    let mut bar = Bar::stoppable()?;
    let done = data.shred(&ids, scope, &mut bar, None, &[])?;
    bar.clear();
    print_both(i18n::shredded(
        done.shredded.people,
        done.shredded.entries,
        scope,
    ))?;
    if done.compacted.is_none() {
        note(i18n::SHRED_REWRITE_LATER);
    }
    note(i18n::SHRED_BACKUPS);
    let copies: Vec<String> = data
        .older_copies()
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    if !copies.is_empty() {
        let (ko, en) = i18n::shred_older_copies(&copies);
        note(i18n::pick(ko, en));
    }
    Ok(())
}

/// After an exchange with another desk: a shred it made (or one left unfinished here) is made
/// final by rewriting the database's files, before netday says it is done.
pub fn finish_pending(data: &mut Data) -> anyhow::Result<()> {
    if !data.shred_unfinished()? {
        return Ok(());
    }
    note(i18n::SHRED_FINISHING);
    let mut bar = Bar::stoppable()?;
    let done = data.finish_shred(&mut bar)?;
    bar.clear();
    if done.is_none() {
        note(i18n::SHRED_REWRITE_LATER);
    }
    Ok(())
}

/// The person `q` names, as a request names them (`Data::person_for_request`: a badge code
/// or alias, an exact name, else a search that finds one; a record merged away stands for the
/// one it went into). Nobody, or several (listed), is refused in words.
fn find(data: &mut Data, q: &str) -> anyhow::Result<Person> {
    let q = crate::model::clean_line(q);
    let found = match data.person_for_request(&q, super::person::LISTED)? {
        Requested::One { id, .. } => data.store().person(id)?,
        Requested::Several(ids) => {
            super::person::list(data, &ids)?;
            let (ko, en) = i18n::shred_many(&q, ids.len());
            return Err(CliError::Said { ko, en }.into());
        }
        Requested::Nobody => None,
    };
    found.ok_or_else(|| {
        let (ko, en) = i18n::shred_no_person(&q);
        CliError::Said { ko, en }.into()
    })
}

/// Asks on the terminal; no terminal to ask is a refusal in words.
fn confirmed() -> anyhow::Result<bool> {
    if !std::io::stdin().is_terminal() {
        return Err(CliError::from(i18n::SHRED_NOT_ASKED).into());
    }
    super::out::prompt(i18n::SHRED_ASK.get());
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let a = line.trim().to_lowercase();
    Ok(matches!(a.as_str(), "y" | "yes" | "ㅛ" | "예" | "네"))
}
