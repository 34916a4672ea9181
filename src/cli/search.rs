//! `netday search`: who a few letters (or a badge code) find, as the desk would.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

use super::args::SearchArgs;
use super::db::data_to_read;
use super::error::CliError;
use super::out::{note, product_out, stdout};
use crate::data::roster;
use crate::i18n;
use crate::model::{self, Id};

pub fn run(db: Option<PathBuf>, SearchArgs { query, limit }: SearchArgs) -> anyhow::Result<()> {
    product_out()?;
    let data = data_to_read(db)?;
    let store = data.store();
    // The saved index when nobody changed since it was saved: one read, no rebuild.
    let generation = store.generation()?;
    let index = match roster::saved_index(store, generation)? {
        Some(ix) => ix,
        None => {
            let (people, orgs) = store.people_and_orgs()?;
            let orgs: HashMap<Id, model::Organization> =
                orgs.into_iter().map(|o| (o.id, o)).collect();
            roster::build_index(store, generation, &people, &orgs)?
        }
    };
    let mut hits = Vec::new();
    index.search_top(&query, limit, &mut hits);
    if hits.is_empty() {
        note(i18n::NO_MATCH);
    }
    let mut out = stdout();
    for h in hits {
        let name = index.display_name(h.id).unwrap_or("");
        let org = match store.person(h.id)?.and_then(|p| p.org_id) {
            Some(o) => store.org(o)?.map(|o| o.name).unwrap_or_default(),
            None => String::new(),
        };
        writeln!(out, "{name}\t{org}").map_err(CliError::Stdout)?;
    }
    out.flush().map_err(CliError::Stdout)?;
    // 100,000 entries freed one by one would cost more than the search did.
    std::mem::forget(index);
    Ok(())
}
