//! Whom a query typed for a check-in names, by the rules of the desk's Enter: a badge code (or
//! alias) wins over every name; otherwise the desk's search, ranked as the desk ranks it.

use super::Data;
use crate::model::Id;
use crate::search::Tier;

/// Whom a query finds, for a check-in (`Data::desk_candidates`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidates {
    /// Found by badge code or alias: names do not count then.
    pub by_code: bool,
    /// Best first, at most the number asked for.
    pub ids: Vec<Id>,
    /// How many were found in all.
    pub total: usize,
    /// The best was found only by a likeness (a name one syllable off) or by their
    /// organisation, not by anything of theirs that was typed: a person at the desk looks
    /// before pressing Enter; a command does not, so it checks nobody in on such a find.
    pub guessed: bool,
}

impl Candidates {
    /// The one person the query names, if it names exactly one.
    pub fn only(&self) -> Option<Id> {
        match self.ids.as_slice() {
            [id] if self.total == 1 && !self.guessed => Some(*id),
            _ => None,
        }
    }
}

impl Data {
    /// Whom `query` finds among everyone in the roster (at most `limit` listed), with the
    /// desk's ranking: who is still expected before who has arrived. A badge code or alias
    /// that is typed whole finds its holder and no one else, as at the desk.
    pub fn desk_candidates(&self, query: &str, limit: usize) -> Candidates {
        let arrived = self
            .roster
            .attendance
            .values()
            .filter(|a| a.status.is_arrived())
            .map(|a| a.person_id);
        let mut hits = Vec::new();
        let total = self
            .roster
            .index
            .search_top_ranked(query, limit, arrived, &mut hits);
        let by_code: Vec<Id> = hits
            .iter()
            .filter(|h| h.tier == Tier::Code)
            .map(|h| h.id)
            .collect();
        if !by_code.is_empty() {
            return Candidates {
                by_code: true,
                total: by_code.len(),
                ids: by_code,
                guessed: false,
            };
        }
        Candidates {
            by_code: false,
            ids: hits.iter().map(|h| h.id).collect(),
            total,
            guessed: hits.first().is_some_and(|h| {
                matches!(
                    h.tier,
                    Tier::NameTypo
                        | Tier::OrgPrefix
                        | Tier::OrgSubstring
                        | Tier::OrgConsonant
                        | Tier::KeyboardOrg
                )
            }),
        }
    }
}
