//! Incremental people search for the check-in desk.
//!
//! The index keeps, per entry, the person's name and organisation as compact
//! arrays of `u32` "units" (a Hangul syllable is pre-split into
//! initial/medial/final; every other char is stored as its code point), all
//! entries sharing one big buffer (struct-of-arrays style).  A query is
//! compiled once per keystroke into a short list of match elements and then
//! every entry is scanned without allocating.
//!
//! # Normalisation (both query and indexed text)
//! * whitespace is removed everywhere (`태릉 신협` == `태릉신협`);
//! * everything is lowercased (`char::to_lowercase`), so Latin is case-insensitive;
//! * conjoining jamo (U+1100.., NFD input from some platforms) are composed into syllables;
//! * in the *query only*, a compound-consonant compatibility jamo (`ㄳ ㄵ ㄶ ㄺ ㄻ ㄼ ㄽ ㄾ ㄿ ㅀ ㅄ`)
//!   is split into its two consonants (some IMEs produce `ㄳ` when `ㄱ`,`ㅅ` is typed).
//!
//! # Query elements
//! * a Hangul syllable that is not the last query char must equal a text syllable exactly;
//! * a compatibility consonant (`ㄱ`..`ㅎ`, at any position) matches a syllable whose
//!   initial is that consonant (or the identical literal jamo); `ㄲ` != `ㄱ`;
//! * any other char (Latin, digits, compatibility vowels, punctuation) matches itself
//!   literally (case-insensitively).  A bare compatibility vowel therefore only matches a
//!   literal vowel jamo in the text (practically never) — decision: vowels are *not*
//!   treated as medial wildcards;
//! * the LAST query char, when it is a syllable, may be still composing in the IME:
//!   * no final (`미`): matches any syllable with the same initial and the same medial,
//!     or a compound medial that starts with it (`고` matches `과`/`괴`/`곽`, `그` matches `긔`),
//!     with any final;
//!   * simple final F (`깃`): matches the identical syllable; or the same initial+medial with a
//!     compound final starting with F (`달` matches `닭`); or the same initial+medial with NO final
//!     followed by a syllable whose initial is F (`깃` matches `기성`);
//!   * compound final F = (A, B) (`싢` = ㅅ+ㅣ+ㄶ): matches the identical syllable, or the same
//!     initial+medial with final A followed by a syllable with initial B (`싢` matches `신협`).
//!     (The "no final followed by initial A" variant is NOT supported: an IME never produces it.)
//!
//! Elements are matched as one contiguous run of text chars (substring semantics), so order matters.
//!
//! # Tiers
//! For each start position a match is *fuzzy* when the query contains any bare consonant jamo
//! or when the last element only matched through one of the partial (IME) rules above.
//! Name: fuzzy → `NameConsonantStart` when the best fuzzy match starts at the name's first char,
//! else `NameConsonant`; exact, start 0 and whole name consumed → `ExactName`; else start 0 →
//! `NamePrefix`; else `NameSubstring`.  The best start position wins.
//! Org: the same with `OrgPrefix` (also for a whole-org match) / `OrgSubstring` / `OrgConsonant`.
//! `Code`: the whole query (whitespace removed, lowercased) equals the badge code (same normalisation).
//! `Phone`: the query is a phone number or its end (digits with `-`, `.`, `(`, `)`, a leading `+`
//! and whitespace; at least 4 digits) and the person's phone digits end with its digits
//! (`+82` is read as the trunk `0`).
//! `NameOrg`: the query has whitespace inside; for its first and its last whitespace, the part
//! before matches the name and the part after matches the organisation (each by the rules above).
//! Keyboard tiers: if the query (whitespace removed) is pure ASCII letters, it is also converted
//! as if typed on a dubeolsik keyboard in English mode (see [`keyboard_to_hangul`]) and matched with
//! the same rules; any match there yields `KeyboardName` / `KeyboardOrg`.
//! `NameTypo`, last: the query (no whitespace inside) is 3..=11 Hangul syllables and the whole name
//! is one syllable away from it: one syllable different, missing or extra.  (Two-syllable
//! queries are mostly a longer name half typed, and one syllable of two is not a name.)
//! The entry's tier is the best of all of these.
//!
//! # Ordering
//! Tier, then (only through [`SearchIndex::search_top_ranked`]) the ids ranked later — the
//! desk passes those who have already arrived — then name display length (`chars().count()` of
//! the name as given, trimmed), then the trimmed name (Unicode code point order), then id.

mod compose;
mod hangul;
mod index;
mod keyboard;
mod matcher;
#[cfg(test)]
mod oracle;
mod persist;
#[cfg(test)]
mod ranking_tests;
#[cfg(test)]
mod tests;

pub use compose::*;
pub use hangul::*;
pub use index::*;
pub use keyboard::*;
use matcher::*;
#[cfg(test)]
use oracle::*;

use std::cell::RefCell;
use std::cmp::Ordering;

use rustc_hash::FxHashMap as FastMap;

pub type Id = u64;

/// Match quality, better first (lower = better). Ord derives so sort ascending = best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    Code,
    Phone,
    ExactName,
    NamePrefix,
    NameSubstring,
    NameConsonantStart,
    NameConsonant,
    NameOrg,
    OrgPrefix,
    OrgSubstring,
    OrgConsonant,
    KeyboardName,
    KeyboardOrg,
    NameTypo,
}

const ALL_TIERS: [Tier; 14] = [
    Tier::Code,
    Tier::Phone,
    Tier::ExactName,
    Tier::NamePrefix,
    Tier::NameSubstring,
    Tier::NameConsonantStart,
    Tier::NameConsonant,
    Tier::NameOrg,
    Tier::OrgPrefix,
    Tier::OrgSubstring,
    Tier::OrgConsonant,
    Tier::KeyboardName,
    Tier::KeyboardOrg,
    Tier::NameTypo,
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub id: Id,
    pub tier: Tier,
}
