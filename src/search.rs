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
//! Name: fuzzy → `NameConsonant`; else start 0 and whole name consumed → `ExactName`;
//! else start 0 → `NamePrefix`; else `NameSubstring`.  The best start position wins.
//! Org: the same with `OrgPrefix` (also for a whole-org match) / `OrgSubstring` / `OrgConsonant`.
//! `Code`: the whole query (whitespace removed, lowercased) equals the badge code (same normalisation).
//! Keyboard tiers: if the query (whitespace removed) is pure ASCII letters, it is also converted
//! as if typed on a dubeolsik keyboard in English mode (see [`keyboard_to_hangul`]) and matched with
//! the same rules; any match there yields `KeyboardName` / `KeyboardOrg`.  The entry's tier is the
//! best of all of these.
//!
//! # Ordering
//! Tier, then name display length (`chars().count()` of the name as given, trimmed), then the
//! trimmed name (Unicode code point order), then id.

use std::cell::RefCell;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

pub type Id = u64;

/// FxHash-style hasher: the index's maps hold local data (ids, codes, organisation names), so a
/// fast non-keyed hash is fine and makes building a 100,000-entry index markedly cheaper.
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(b));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

impl FastHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// Match quality, better first (lower = better). Ord derives so sort ascending = best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    Code,
    ExactName,
    NamePrefix,
    NameSubstring,
    NameConsonant,
    OrgPrefix,
    OrgSubstring,
    OrgConsonant,
    KeyboardName,
    KeyboardOrg,
}

const ALL_TIERS: [Tier; 10] = [
    Tier::Code,
    Tier::ExactName,
    Tier::NamePrefix,
    Tier::NameSubstring,
    Tier::NameConsonant,
    Tier::OrgPrefix,
    Tier::OrgSubstring,
    Tier::OrgConsonant,
    Tier::KeyboardName,
    Tier::KeyboardOrg,
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub id: Id,
    pub tier: Tier,
}

// ---------------------------------------------------------------------------
// Hangul helpers
// ---------------------------------------------------------------------------

const SYL_BASE: u32 = 0xAC00;
const SYL_COUNT: u32 = 11172;
const N_MED: u32 = 21;
const N_FIN: u32 = 28;

/// Initial consonants (choseong) in Unicode order, as compatibility jamo.
pub const INITIALS: [char; 19] = [
    'ㄱ', 'ㄲ', 'ㄴ', 'ㄷ', 'ㄸ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅃ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅉ', 'ㅊ', 'ㅋ',
    'ㅌ', 'ㅍ', 'ㅎ',
];
/// Medial vowels (jungseong) in Unicode order, as compatibility jamo.
pub const MEDIALS: [char; 21] = [
    'ㅏ', 'ㅐ', 'ㅑ', 'ㅒ', 'ㅓ', 'ㅔ', 'ㅕ', 'ㅖ', 'ㅗ', 'ㅘ', 'ㅙ', 'ㅚ', 'ㅛ', 'ㅜ', 'ㅝ', 'ㅞ',
    'ㅟ', 'ㅠ', 'ㅡ', 'ㅢ', 'ㅣ',
];
/// Final consonants (jongseong) in Unicode order; index 0 = no final.
pub const FINALS: [char; 28] = [
    '\0', 'ㄱ', 'ㄲ', 'ㄳ', 'ㄴ', 'ㄵ', 'ㄶ', 'ㄷ', 'ㄹ', 'ㄺ', 'ㄻ', 'ㄼ', 'ㄽ', 'ㄾ', 'ㄿ', 'ㅀ',
    'ㅁ', 'ㅂ', 'ㅄ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ',
];
const COMPOUND_FINALS: [(char, char, char); 11] = [
    ('ㄳ', 'ㄱ', 'ㅅ'),
    ('ㄵ', 'ㄴ', 'ㅈ'),
    ('ㄶ', 'ㄴ', 'ㅎ'),
    ('ㄺ', 'ㄹ', 'ㄱ'),
    ('ㄻ', 'ㄹ', 'ㅁ'),
    ('ㄼ', 'ㄹ', 'ㅂ'),
    ('ㄽ', 'ㄹ', 'ㅅ'),
    ('ㄾ', 'ㄹ', 'ㅌ'),
    ('ㄿ', 'ㄹ', 'ㅍ'),
    ('ㅀ', 'ㄹ', 'ㅎ'),
    ('ㅄ', 'ㅂ', 'ㅅ'),
];
const COMPOUND_MEDIALS: [(char, char, char); 7] = [
    ('ㅘ', 'ㅗ', 'ㅏ'),
    ('ㅙ', 'ㅗ', 'ㅐ'),
    ('ㅚ', 'ㅗ', 'ㅣ'),
    ('ㅝ', 'ㅜ', 'ㅓ'),
    ('ㅞ', 'ㅜ', 'ㅔ'),
    ('ㅟ', 'ㅜ', 'ㅣ'),
    ('ㅢ', 'ㅡ', 'ㅣ'),
];

/// Is `c` a precomposed Hangul syllable (가..힣)?
pub fn is_syllable(c: char) -> bool {
    (c as u32).wrapping_sub(SYL_BASE) < SYL_COUNT
}
/// Compatibility consonant jamo ㄱ..ㅎ (U+3131..U+314E).
pub fn is_compat_consonant(c: char) -> bool {
    ('\u{3131}'..='\u{314E}').contains(&c)
}
/// Compatibility vowel jamo ㅏ..ㅣ (U+314F..U+3163).
pub fn is_compat_vowel(c: char) -> bool {
    ('\u{314F}'..='\u{3163}').contains(&c)
}
/// Split a syllable into (initial index 0..19, medial index 0..21, final index 0..28).
pub fn decompose(c: char) -> Option<(u8, u8, u8)> {
    if !is_syllable(c) {
        return None;
    }
    let s = c as u32 - SYL_BASE;
    Some((
        (s / (N_MED * N_FIN)) as u8,
        ((s / N_FIN) % N_MED) as u8,
        (s % N_FIN) as u8,
    ))
}
/// Build a syllable from indices; `None` if out of range.
pub fn compose(ini: u8, med: u8, fin: u8) -> Option<char> {
    if ini >= 19 || med >= 21 || fin >= 28 {
        return None;
    }
    char::from_u32(SYL_BASE + (u32::from(ini) * N_MED + u32::from(med)) * N_FIN + u32::from(fin))
}
/// The initial consonant of a syllable, as compatibility jamo (`김` → `ㄱ`).
pub fn initial_of(c: char) -> Option<char> {
    decompose(c).map(|(i, _, _)| INITIALS[i as usize])
}
/// Compatibility consonant → initial index (`ㄱ` → 0); `None` for `ㄳ` etc.
pub fn initial_index(jamo: char) -> Option<u8> {
    INITIALS.iter().position(|&c| c == jamo).map(|i| i as u8)
}
/// Compatibility vowel → medial index.
pub fn medial_index(jamo: char) -> Option<u8> {
    MEDIALS.iter().position(|&c| c == jamo).map(|i| i as u8)
}
/// Compatibility consonant → final index (1..28); `None` for `ㄸ ㅃ ㅉ`.
pub fn final_index(jamo: char) -> Option<u8> {
    if jamo == '\0' {
        return None;
    }
    FINALS.iter().position(|&c| c == jamo).map(|i| i as u8)
}
/// `ㄶ` → (`ㄴ`, `ㅎ`).
pub fn split_compound_final(jamo: char) -> Option<(char, char)> {
    COMPOUND_FINALS
        .iter()
        .find(|t| t.0 == jamo)
        .map(|t| (t.1, t.2))
}
/// `ㅘ` → (`ㅗ`, `ㅏ`).
pub fn split_compound_medial(jamo: char) -> Option<(char, char)> {
    COMPOUND_MEDIALS
        .iter()
        .find(|t| t.0 == jamo)
        .map(|t| (t.1, t.2))
}
fn join_final(a: char, b: char) -> Option<char> {
    COMPOUND_FINALS
        .iter()
        .find(|t| t.1 == a && t.2 == b)
        .map(|t| t.0)
}
fn join_medial(a: char, b: char) -> Option<char> {
    COMPOUND_MEDIALS
        .iter()
        .find(|t| t.1 == a && t.2 == b)
        .map(|t| t.0)
}

/// Whitespace removal, lowercasing and composition of conjoining jamo (U+1100 block).
/// Used for indexed text and (plus compound-consonant splitting) for queries.
pub fn normalize_text(s: &str, out: &mut Vec<char>) {
    out.clear();
    for c in s.chars() {
        if c.is_whitespace() {
            continue;
        }
        let u = c as u32;
        if let Some(&last) = out.last() {
            let l = last as u32;
            // L + V → LV
            if (0x1161..=0x1175).contains(&u)
                && (0x1100..=0x1112).contains(&l)
                && let Some(s) = compose((l - 0x1100) as u8, (u - 0x1161) as u8, 0)
            {
                if let Some(l) = out.last_mut() {
                    *l = s;
                }
                continue;
            }
            // LV + T → LVT
            if (0x11A8..=0x11C2).contains(&u)
                && let Some((i, m, 0)) = decompose(last)
                && let Some(s) = compose(i, m, (u - 0x11A7) as u8)
            {
                if let Some(l) = out.last_mut() {
                    *l = s;
                }
                continue;
            }
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if is_syllable(c) {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// Query normalisation: [`normalize_text`] plus splitting of compound consonant jamo (`ㄳ` → `ㄱㅅ`).
pub fn normalize_query(s: &str) -> Vec<char> {
    let mut tmp = Vec::new();
    normalize_text(s, &mut tmp);
    let mut out = Vec::with_capacity(tmp.len());
    for c in tmp {
        match split_compound_final(c) {
            Some((a, b)) => {
                out.push(a);
                out.push(b);
            }
            None => out.push(c),
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Dubeolsik keyboard conversion
// ---------------------------------------------------------------------------

/// Dubeolsik key → compatibility jamo.  Shifted keys: uppercase `Q W E R T O P` give
/// `ㅃ ㅉ ㄸ ㄲ ㅆ ㅒ ㅖ`; every other uppercase letter gives the same jamo as its lowercase
/// (exactly like a real keyboard with Shift).  Caps-Lock typing of `RKDALSTN` therefore yields
/// `ㄲ`, which is the documented trade-off.
pub fn dubeolsik_jamo(key: char) -> Option<char> {
    let j = match key {
        'Q' => 'ㅃ',
        'W' => 'ㅉ',
        'E' => 'ㄸ',
        'R' => 'ㄲ',
        'T' => 'ㅆ',
        'O' => 'ㅒ',
        'P' => 'ㅖ',
        _ => match key.to_ascii_lowercase() {
            'r' => 'ㄱ',
            's' => 'ㄴ',
            'e' => 'ㄷ',
            'f' => 'ㄹ',
            'a' => 'ㅁ',
            'q' => 'ㅂ',
            't' => 'ㅅ',
            'd' => 'ㅇ',
            'w' => 'ㅈ',
            'c' => 'ㅊ',
            'z' => 'ㅋ',
            'x' => 'ㅌ',
            'v' => 'ㅍ',
            'g' => 'ㅎ',
            'k' => 'ㅏ',
            'o' => 'ㅐ',
            'i' => 'ㅑ',
            'j' => 'ㅓ',
            'p' => 'ㅔ',
            'u' => 'ㅕ',
            'h' => 'ㅗ',
            'y' => 'ㅛ',
            'n' => 'ㅜ',
            'b' => 'ㅠ',
            'm' => 'ㅡ',
            'l' => 'ㅣ',
            _ => return None,
        },
    };
    Some(j)
}

/// Convert keys typed in English mode into what a dubeolsik IME would have produced
/// (`rkdalstn` → `강민수`).  Non-letter chars are passed through unchanged.
pub fn keyboard_to_hangul(keys: &str) -> String {
    #[derive(Default)]
    struct St {
        cho: Option<char>,
        jung: Option<char>,
        jong: Option<char>,
    }
    fn flush(st: &mut St, out: &mut String) {
        match (st.cho, st.jung) {
            (Some(c), Some(v)) => {
                let ini = initial_index(c).unwrap_or(0);
                let med = medial_index(v).unwrap_or(0);
                let fin = st.jong.and_then(final_index).unwrap_or(0);
                if let Some(s) = compose(ini, med, fin) {
                    out.push(s);
                }
            }
            (Some(c), None) => out.push(c),
            (None, Some(v)) => out.push(v),
            (None, None) => {}
        }
        *st = St::default();
    }
    let mut out = String::new();
    let mut st = St::default();
    for k in keys.chars() {
        let Some(j) = dubeolsik_jamo(k) else {
            flush(&mut st, &mut out);
            out.push(k);
            continue;
        };
        if is_compat_vowel(j) {
            if let Some(f) = st.jong {
                // the final moves to the next syllable (a compound final is split)
                let (keep, moved) = match split_compound_final(f) {
                    Some((a, b)) => (Some(a), b),
                    None => (None, f),
                };
                st.jong = keep;
                flush(&mut st, &mut out);
                st.cho = Some(moved);
                st.jung = Some(j);
            } else if let Some(v) = st.jung {
                if let Some(jv) = join_medial(v, j) {
                    st.jung = Some(jv);
                } else {
                    flush(&mut st, &mut out);
                    st.jung = Some(j);
                }
            } else {
                st.jung = Some(j);
            }
        } else {
            match (st.cho, st.jung, st.jong) {
                (Some(_), Some(_), None) if final_index(j).is_some() => st.jong = Some(j),
                (Some(_), Some(_), Some(f)) if join_final(f, j).is_some() => {
                    st.jong = join_final(f, j);
                }
                _ => {
                    flush(&mut st, &mut out);
                    st.cho = Some(j);
                }
            }
        }
    }
    flush(&mut st, &mut out);
    out
}

fn is_ascii_letters(q: &[char]) -> bool {
    !q.is_empty() && q.iter().all(|c| c.is_ascii_alphabetic())
}

// ---------------------------------------------------------------------------
// Naive reference matcher
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Exact,
    Prefix,
    Substring,
    Fuzzy,
}

/// All ways query char `qc` can match at `text[pos..]`: (next position, matched exactly).
fn naive_char_matches(qc: char, is_last: bool, text: &[char], pos: usize) -> Vec<(usize, bool)> {
    let mut res = Vec::new();
    let Some(&tc) = text.get(pos) else {
        return res;
    };
    if tc == qc {
        res.push((pos + 1, true));
    }
    if is_compat_consonant(qc) {
        if initial_of(tc) == Some(qc) {
            res.push((pos + 1, true));
        }
        return res;
    }
    let (Some((qi, qm, qf)), true) = (decompose(qc), is_last) else {
        return res;
    };
    let Some((ti, tm, tf)) = decompose(tc) else {
        return res;
    };
    let next_initial = text.get(pos + 1).and_then(|&c| initial_of(c));
    let qmed = MEDIALS[qm as usize];
    let tmed = MEDIALS[tm as usize];
    if qf == 0 {
        let med_ok = tm == qm || split_compound_medial(tmed).map(|p| p.0) == Some(qmed);
        if ti == qi && med_ok {
            res.push((pos + 1, false));
        }
    } else {
        let qfin = FINALS[qf as usize];
        let tfin = FINALS[tf as usize];
        if ti == qi && tm == qm {
            // a final still being extended into a compound final
            if split_compound_final(tfin).map(|p| p.0) == Some(qfin) {
                res.push((pos + 1, false));
            }
            // the final really is the next syllable's initial
            if tf == 0 && next_initial == Some(qfin) {
                res.push((pos + 2, false));
            }
            // compound final: first part stays, second part is the next initial
            if let Some((a, b)) = split_compound_final(qfin)
                && tfin == a
                && next_initial == Some(b)
            {
                res.push((pos + 2, false));
            }
        }
    }
    res
}

fn naive_kind(q: &[char], text: &[char]) -> Option<Kind> {
    if q.is_empty() {
        return None;
    }
    let has_consonant = q.iter().any(|&c| is_compat_consonant(c));
    let mut best: Option<Kind> = None;
    for start in 0..text.len() {
        // breadth-first over all alternatives: (position, all exact so far)
        let mut states = vec![(start, true)];
        for (k, &qc) in q.iter().enumerate() {
            let is_last = k + 1 == q.len();
            let mut next = Vec::new();
            for &(pos, exact) in &states {
                for (p2, e2) in naive_char_matches(qc, is_last, text, pos) {
                    next.push((p2, exact && e2));
                }
            }
            states = next;
        }
        for (end, exact) in states {
            let kind = if has_consonant || !exact {
                Kind::Fuzzy
            } else if start == 0 && end == text.len() {
                Kind::Exact
            } else if start == 0 {
                Kind::Prefix
            } else {
                Kind::Substring
            };
            best = Some(best.map_or(kind, |b| b.min(kind)));
        }
    }
    best
}

/// Naive reference matcher (slow, obviously correct): the tier this entry would get, or `None`.
pub fn naive_tier(query: &str, name: &str, org: &str, code: &str) -> Option<Tier> {
    let q = normalize_query(query);
    if q.is_empty() {
        return None;
    }
    let mut raw = Vec::new();
    normalize_text(query, &mut raw);
    let mut code_n = Vec::new();
    normalize_text(code, &mut code_n);
    if !code_n.is_empty() && code_n == raw {
        return Some(Tier::Code);
    }
    let mut name_n = Vec::new();
    normalize_text(name, &mut name_n);
    let mut org_n = Vec::new();
    normalize_text(org, &mut org_n);
    if let Some(k) = naive_kind(&q, &name_n) {
        return Some(match k {
            Kind::Exact => Tier::ExactName,
            Kind::Prefix => Tier::NamePrefix,
            Kind::Substring => Tier::NameSubstring,
            Kind::Fuzzy => Tier::NameConsonant,
        });
    }
    if let Some(k) = naive_kind(&q, &org_n) {
        return Some(match k {
            Kind::Exact | Kind::Prefix => Tier::OrgPrefix,
            Kind::Substring => Tier::OrgSubstring,
            Kind::Fuzzy => Tier::OrgConsonant,
        });
    }
    let keys: String = query.chars().filter(|c| !c.is_whitespace()).collect();
    let key_chars: Vec<char> = keys.chars().collect();
    if is_ascii_letters(&key_chars) {
        let kq = normalize_query(&keyboard_to_hangul(&keys));
        if naive_kind(&kq, &name_n).is_some() {
            return Some(Tier::KeyboardName);
        }
        if naive_kind(&kq, &org_n).is_some() {
            return Some(Tier::KeyboardOrg);
        }
    }
    None
}

// ---------------------------------------------------------------------------
// Compiled query (fast path)
// ---------------------------------------------------------------------------

/// Unit encoding: Hangul syllable = FLAG | initial<<16 | medial<<8 | final; else the code point.
const FLAG: u32 = 1 << 31;
const NONE: u32 = u32::MAX;

#[inline]
fn encode(c: char) -> u32 {
    match decompose(c) {
        Some((i, m, f)) => FLAG | u32::from(i) << 16 | u32::from(m) << 8 | u32::from(f),
        None => c as u32,
    }
}
#[inline(always)]
fn u_ini(u: u32) -> u32 {
    (u >> 16) & 0xff
}
#[inline(always)]
fn u_med(u: u32) -> u32 {
    (u >> 8) & 0xff
}
#[inline(always)]
fn u_fin(u: u32) -> u32 {
    u & 0xff
}
/// Prefilter bit of one text char: bits 0..19 = initial consonant of a syllable (or of a literal
/// compatibility consonant), bits 19..64 = hash bucket of any other char.  Every query element
/// requires one bit that every text char it can match also sets, so
/// `text_mask & query_mask != query_mask` proves "no match".
#[inline]
fn char_mask(c: char) -> u64 {
    if let Some((i, _, _)) = decompose(c) {
        1 << i
    } else if let Some(i) = initial_index(c) {
        1 << i
    } else {
        1 << (19 + ((c as u32).wrapping_mul(0x9E37_79B1) >> 16) % 45)
    }
}

/// Second prefilter bit: hash of (initial, medial) of a syllable; 0 for other chars.
#[inline]
fn im_bit(c: char) -> u64 {
    match decompose(c) {
        Some((i, m, _)) => {
            1 << ((u32::from(i) * 21 + u32::from(m)).wrapping_mul(0x9E37_79B1) >> 26)
        }
        None => 0,
    }
}

fn text_im_mask(chars: &[char]) -> u64 {
    chars.iter().fold(0, |m, &c| m | im_bit(c))
}

/// 5-bit "initial code" of a char: the initial index of a syllable or of a literal compatibility
/// consonant, 31 for anything else.  Up to [`PACK_MAX`] of them are packed into a `u64` per text.
#[inline]
fn ini_code(c: char) -> u64 {
    match decompose(c) {
        Some((i, _, _)) => u64::from(i),
        None => initial_index(c).map_or(31, u64::from),
    }
}

/// Texts (and queries) up to this many chars get the packed-initials prefilter.
const PACK_MAX: usize = 12;

fn pack_initials(chars: &[char]) -> u64 {
    chars
        .iter()
        .take(PACK_MAX)
        .enumerate()
        .fold(0, |acc, (k, &c)| acc | ini_code(c) << (5 * k))
}

fn text_mask(chars: &[char]) -> u64 {
    chars.iter().fold(0, |m, &c| m | char_mask(c))
}

/// Inverse of [`encode`].
fn decode(u: u32) -> char {
    if is_syl_unit(u) {
        compose(u_ini(u) as u8, u_med(u) as u8, u_fin(u) as u8).unwrap_or('\u{FFFD}')
    } else {
        char::from_u32(u).unwrap_or('\u{FFFD}')
    }
}
#[inline(always)]
fn is_syl_unit(u: u32) -> bool {
    u & FLAG != 0
}

#[derive(Clone, Copy, Debug)]
enum QElem {
    Exact(u32),
    /// `ini_unit` = FLAG | ini<<16 (compare `u & INI_MASK`), `lit` = literal jamo code point.
    Initial {
        ini_unit: u32,
        lit: u32,
    },
    LastOpen {
        unit: u32,
        ini_unit: u32,
        med_mask: u32,
    },
    LastFinal {
        unit: u32,
        /// FLAG | ini<<16 | med<<8
        im_unit: u32,
        fin_mask: u32,
        next_ini: u32,
        split_fin: u32,
        split_ini: u32,
    },
}
const INI_MASK: u32 = FLAG | 0xff << 16;
const IM_MASK: u32 = FLAG | 0xffff << 8;

#[derive(Debug)]
struct Compiled {
    elems: Vec<QElem>,
    has_consonant: bool,
    /// see [`char_mask`]
    mask: u64,
    /// see [`im_bit`]: (initial, medial) pairs every match needs
    im_mask: u64,
    /// packed initial codes every match must show at its position (see [`ini_code`])
    ini_pat: u64,
    /// `(1 << 5 * len) - 1`, or 0 when the query is longer than [`PACK_MAX`]
    ini_pat_mask: u64,
    /// every element is a bare consonant: the packed-initials check is the whole match
    all_initial: bool,
    /// initial codes of the first (up to 4) elements replicated into every 5-bit lane
    lane_pats: [u64; 4],
    lane_n: usize,
}

const LANES_LO: u64 = 0x07BD_EF7B_DEF7_BDEF; // 0b01111 in each of 12 lanes
const LANES_HI: u64 = 0x0842_1084_2108_4210; // 0b10000 in each of 12 lanes

impl Compiled {
    fn new(q: &[char]) -> Option<Self> {
        if q.is_empty() {
            return None;
        }
        let mut elems = Vec::with_capacity(q.len());
        let mut has_consonant = false;
        for (k, &c) in q.iter().enumerate() {
            let is_last = k + 1 == q.len();
            if is_compat_consonant(c) {
                has_consonant = true;
                let ini_unit = initial_index(c).map_or(NONE, |i| FLAG | u32::from(i) << 16);
                elems.push(QElem::Initial {
                    ini_unit,
                    lit: c as u32,
                });
                continue;
            }
            match (is_last, decompose(c)) {
                (true, Some((i, m, 0))) => {
                    let mut med_mask = 1u32 << m;
                    let med = MEDIALS[m as usize];
                    for (cm, a, _) in COMPOUND_MEDIALS {
                        if a == med {
                            med_mask |= 1 << medial_index(cm).unwrap_or(0);
                        }
                    }
                    elems.push(QElem::LastOpen {
                        unit: encode(c),
                        ini_unit: FLAG | u32::from(i) << 16,
                        med_mask,
                    });
                }
                (true, Some((i, m, f))) => {
                    let fin = FINALS[f as usize];
                    let mut fin_mask = 0u32;
                    for (cf, a, _) in COMPOUND_FINALS {
                        if a == fin {
                            fin_mask |= 1 << final_index(cf).unwrap_or(0);
                        }
                    }
                    let next_ini = initial_index(fin).map_or(NONE, u32::from);
                    let (split_fin, split_ini) = match split_compound_final(fin) {
                        Some((a, b)) => (
                            final_index(a).map_or(NONE, u32::from),
                            initial_index(b).map_or(NONE, u32::from),
                        ),
                        None => (NONE, NONE),
                    };
                    elems.push(QElem::LastFinal {
                        unit: encode(c),
                        im_unit: FLAG | u32::from(i) << 16 | u32::from(m) << 8,
                        fin_mask,
                        next_ini,
                        split_fin,
                        split_ini,
                    });
                }
                _ => elems.push(QElem::Exact(encode(c))),
            }
        }
        let mask = elems.iter().fold(0, |m, e| {
            m | match *e {
                QElem::Exact(u) => char_mask(decode(u)),
                QElem::Initial { ini_unit, .. } | QElem::LastOpen { ini_unit, .. } => {
                    1 << u_ini(ini_unit)
                }
                QElem::LastFinal { im_unit, .. } => 1 << u_ini(im_unit),
            }
        });
        let codes: Vec<char> = elems
            .iter()
            .map(|e| match *e {
                QElem::Exact(u) => decode(u),
                QElem::Initial { ini_unit, .. } | QElem::LastOpen { ini_unit, .. } => {
                    INITIALS[u_ini(ini_unit) as usize]
                }
                QElem::LastFinal { im_unit, .. } => INITIALS[u_ini(im_unit) as usize],
            })
            .collect();
        let (ini_pat, ini_pat_mask) = if elems.len() <= PACK_MAX {
            (pack_initials(&codes), (1u64 << (5 * elems.len())) - 1)
        } else {
            (0, 0)
        };
        let all_initial = elems.iter().all(|e| matches!(e, QElem::Initial { .. }));
        let mut lane_pats = [0u64; 4];
        let lane_n = elems.len().min(4);
        for (j, &c) in codes.iter().take(lane_n).enumerate() {
            lane_pats[j] = (0..PACK_MAX).fold(0, |acc, k| acc | ini_code(c) << (5 * k));
        }
        let im_mask = elems.iter().fold(0, |m, e| {
            m | match *e {
                QElem::Exact(u) => im_bit(decode(u)),
                QElem::LastFinal { im_unit, .. } => im_bit(decode(im_unit)),
                QElem::LastOpen { unit, med_mask, .. } if med_mask.count_ones() == 1 => {
                    im_bit(decode(unit))
                }
                _ => 0,
            }
        });
        Some(Compiled {
            elems,
            has_consonant,
            mask,
            im_mask,
            ini_pat,
            ini_pat_mask,
            all_initial,
            lane_pats,
            lane_n,
        })
    }

    /// Match the elements at `text[i..]`; returns (end, matched exactly).
    #[inline(always)]
    fn match_at(&self, text: &[u32], mut i: usize) -> Option<(usize, bool)> {
        for e in &self.elems {
            let u = *text.get(i)?;
            match *e {
                QElem::Exact(x) => {
                    if u != x {
                        return None;
                    }
                }
                QElem::Initial { ini_unit, lit } => {
                    if u & INI_MASK != ini_unit && u != lit {
                        return None;
                    }
                }
                QElem::LastOpen {
                    unit,
                    ini_unit,
                    med_mask,
                } => {
                    if u == unit {
                        return Some((i + 1, true));
                    }
                    if u & INI_MASK == ini_unit && med_mask & (1 << u_med(u)) != 0 {
                        return Some((i + 1, false));
                    }
                    return None;
                }
                QElem::LastFinal {
                    unit,
                    im_unit,
                    fin_mask,
                    next_ini,
                    split_fin,
                    split_ini,
                } => {
                    if u == unit {
                        return Some((i + 1, true));
                    }
                    if u & IM_MASK != im_unit {
                        return None;
                    }
                    let f = u_fin(u);
                    if fin_mask & (1 << f) != 0 {
                        return Some((i + 1, false));
                    }
                    if let Some(&n) = text.get(i + 1)
                        && is_syl_unit(n)
                    {
                        let ni = u_ini(n);
                        if (f == 0 && ni == next_ini) || (f == split_fin && ni == split_ini) {
                            return Some((i + 2, false));
                        }
                    }
                    return None;
                }
            }
            i += 1;
        }
        Some((i, true))
    }

    #[inline(always)]
    fn best_kind_masked(&self, text: &[u32], masks: [u64; 2], inis: u64) -> Option<Kind> {
        if !self.may_match(masks) {
            return None;
        }
        self.best_kind(text, inis)
    }

    /// Prefilter: `false` proves that a text with these `[char mask, im mask]` cannot match.
    #[inline(always)]
    fn may_match(&self, masks: [u64; 2]) -> bool {
        (masks[0] & self.mask == self.mask) & (masks[1] & self.im_mask == self.im_mask)
    }

    /// Branch-light SWAR prefilter on the packed initials of a text of `len` chars:
    /// `false` proves there is no match.
    #[inline(always)]
    fn lanes_may_match(&self, inis: u64, len: usize) -> bool {
        let n = self.elems.len();
        if len > PACK_MAX {
            return true;
        }
        if len < n {
            return false;
        }
        let mut acc = LANES_HI;
        for j in 0..self.lane_n {
            let x = inis ^ self.lane_pats[j];
            let y = (x & LANES_LO) + LANES_LO;
            acc &= (!(y | x) & LANES_HI) >> (5 * j);
        }
        let valid = LANES_HI & ((1u64 << (5 * (len - n + 1))) - 1);
        acc & valid != 0
    }

    /// Best kind of match in `text`; `inis` = [`pack_initials`] of the text.
    #[inline]
    fn best_kind(&self, text: &[u32], inis: u64) -> Option<Kind> {
        let n = self.elems.len();
        let len = text.len();
        if len < n {
            return None;
        }
        let packed = len <= PACK_MAX && self.ini_pat_mask != 0;
        let mut best = None;
        for p in 0..=len - n {
            if packed {
                if (inis >> (5 * p)) & self.ini_pat_mask != self.ini_pat {
                    continue;
                }
                if self.all_initial {
                    return Some(Kind::Fuzzy);
                }
            }
            if let Some((end, exact)) = self.match_at(text, p) {
                if self.has_consonant {
                    return Some(Kind::Fuzzy);
                }
                if !exact {
                    best = Some(Kind::Fuzzy);
                    continue;
                }
                return Some(if p > 0 {
                    Kind::Substring
                } else if end == len {
                    Kind::Exact
                } else {
                    Kind::Prefix
                });
            }
        }
        best
    }
}

struct Query {
    raw: Vec<u8>,
    direct: Compiled,
    keyboard: Option<Compiled>,
}

impl Query {
    fn compile(query: &str) -> Option<Self> {
        let q = normalize_query(query);
        let direct = Compiled::new(&q)?;
        let mut raw_chars = Vec::new();
        normalize_text(query, &mut raw_chars);
        let raw = raw_chars.iter().collect::<String>().into_bytes();
        let keyboard = if is_ascii_letters(&q) {
            let keys: String = query.chars().filter(|c| !c.is_whitespace()).collect();
            Compiled::new(&normalize_query(&keyboard_to_hangul(&keys)))
        } else {
            None
        };
        Some(Query {
            raw,
            direct,
            keyboard,
        })
    }
}

// ---------------------------------------------------------------------------
// Index
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, Default)]
struct Span {
    off: u32,
    len: u32,
}
impl Span {
    #[inline(always)]
    fn range(self) -> std::ops::Range<usize> {
        self.off as usize..(self.off + self.len) as usize
    }
}

/// Packed sort key: bits 60..64 tier, 54..60 name length (capped), 6..54 first three chars
/// (saturated to 16 bits, weakly order preserving).  Equal keys fall back to a full comparison.
fn name_key(display: &str) -> u64 {
    let len = display.chars().count();
    if len >= 63 {
        return 63 << 54;
    }
    let mut key = (len as u64) << 54;
    for (k, c) in display.chars().take(3).enumerate() {
        key |= u64::from((c as u32).min(0xFFFF)) << (38 - 16 * k);
    }
    key
}

const NO_KIND: u8 = u8::MAX;

fn kind_code(k: Option<Kind>) -> u8 {
    k.map_or(NO_KIND, |k| k as u8)
}

fn name_tier(k: Kind) -> Tier {
    match k {
        Kind::Exact => Tier::ExactName,
        Kind::Prefix => Tier::NamePrefix,
        Kind::Substring => Tier::NameSubstring,
        Kind::Fuzzy => Tier::NameConsonant,
    }
}

fn org_tier(code: u8) -> Tier {
    match code {
        0 | 1 => Tier::OrgPrefix,
        2 => Tier::OrgSubstring,
        _ => Tier::OrgConsonant,
    }
}

#[derive(Default)]
struct Scratch {
    hits: Vec<(u64, u32)>,
    cands: Vec<u32>,
    org_any: Vec<bool>,
    org_direct: Vec<u8>,
    org_keyboard: Vec<u8>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// One distinct (normalised) organisation, shared by all entries that name it.
#[derive(Clone, Copy, Debug, Default)]
struct OrgRec {
    units: Span,
    masks: [u64; 2],
    inis: u64,
    refs: u32,
}

/// Search index over (id, name, org, badge code) entries.
///
/// Layout: per-entry hot data (`name_units`, `org_of`) in parallel vectors, the name and
/// organisation units of all entries in one `units` buffer; organisations are interned, so a
/// query evaluates each distinct organisation once.  Badge codes live in a hash map.
#[derive(Default)]
pub struct SearchIndex {
    slot_of: FastMap<Id, u32>,
    // --- per entry (parallel vectors indexed by slot) ---
    ids: Vec<Id>,
    name_units: Vec<Span>,
    name_masks: Vec<[u64; 2]>,
    name_inis: Vec<u64>,
    org_of: Vec<u32>,
    sort_keys: Vec<u64>,
    /// display name (trimmed) in `bytes`
    display: Vec<Span>,
    /// normalised badge code in `bytes`
    codes: Vec<Span>,
    // --- shared ---
    orgs: Vec<OrgRec>,
    org_slot: FastMap<String, u32>,
    free_orgs: Vec<u32>,
    code_map: FastMap<String, Vec<Id>>,
    units: Vec<u32>,
    bytes: Vec<u8>,
    dead_units: usize,
    dead_bytes: usize,
    tmp: Vec<char>,
    key: String,
}

impl SearchIndex {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Makes room for `n` more entries (building a large index in one go).
    pub fn reserve(&mut self, n: usize) {
        self.slot_of.reserve(n);
        self.ids.reserve(n);
        self.name_units.reserve(n);
        self.name_masks.reserve(n);
        self.name_inis.reserve(n);
        self.org_of.reserve(n);
        self.sort_keys.reserve(n);
        self.display.reserve(n);
        self.codes.reserve(n);
        self.code_map.reserve(n);
        self.units.reserve(n * 4);
        self.bytes.reserve(n * 14);
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    fn push_units(&mut self, chars: &[char]) -> Span {
        let off = self.units.len() as u32;
        self.units.extend(chars.iter().map(|&c| encode(c)));
        Span {
            off,
            len: chars.len() as u32,
        }
    }

    fn push_bytes(&mut self, b: &[u8]) -> Span {
        let off = self.bytes.len() as u32;
        self.bytes.extend_from_slice(b);
        Span {
            off,
            len: b.len() as u32,
        }
    }

    fn intern_org(&mut self, org: &str) -> u32 {
        let mut tmp = std::mem::take(&mut self.tmp);
        normalize_text(org, &mut tmp);
        let mut key = std::mem::take(&mut self.key);
        key.clear();
        key.extend(tmp.iter());
        let slot = if let Some(&slot) = self.org_slot.get(key.as_str()) {
            slot
        } else {
            let rec = OrgRec {
                units: self.push_units(&tmp),
                masks: [text_mask(&tmp), text_im_mask(&tmp)],
                inis: pack_initials(&tmp),
                refs: 0,
            };
            let slot = match self.free_orgs.pop() {
                Some(s) => {
                    self.orgs[s as usize] = rec;
                    s
                }
                None => {
                    self.orgs.push(rec);
                    self.orgs.len() as u32 - 1
                }
            };
            self.org_slot.insert(key.clone(), slot);
            slot
        };
        self.key = key;
        self.tmp = tmp;
        self.orgs[slot as usize].refs += 1;
        slot
    }

    fn release_org(&mut self, slot: u32) {
        let rec = &mut self.orgs[slot as usize];
        rec.refs -= 1;
        if rec.refs == 0 {
            let span = rec.units;
            rec.units = Span::default();
            self.dead_units += span.len as usize;
            let key: String = self.units[span.range()]
                .iter()
                .map(|&u| decode(u))
                .collect();
            self.org_slot.remove(&key);
            self.free_orgs.push(slot);
        }
    }

    /// Drop everything the entry in `slot` references (org ref, code mapping, buffer space).
    fn release_slot(&mut self, slot: usize) {
        self.release_org(self.org_of[slot]);
        let code = self.codes[slot];
        if code.len > 0 {
            let key = String::from_utf8_lossy(&self.bytes[code.range()]).into_owned();
            if let Some(ids) = self.code_map.get_mut(&key) {
                let id = self.ids[slot];
                ids.retain(|&x| x != id);
                if ids.is_empty() {
                    self.code_map.remove(&key);
                }
            }
        }
        self.dead_units += self.name_units[slot].len as usize;
        self.dead_bytes += (code.len + self.display[slot].len) as usize;
    }

    /// Insert or replace the entry with this id.
    pub fn upsert(&mut self, id: Id, name: &str, org: &str, code: &str) {
        let existing = self.slot_of.get(&id).map(|&s| s as usize);
        if let Some(slot) = existing {
            self.release_slot(slot);
        }
        let display_name = name.trim();
        let code_norm: String = code
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        let mut tmp = std::mem::take(&mut self.tmp);
        normalize_text(name, &mut tmp);
        let name_span = self.push_units(&tmp);
        let name_mask = [text_mask(&tmp), text_im_mask(&tmp)];
        let name_inis = pack_initials(&tmp);
        self.tmp = tmp;
        let org_ref = self.intern_org(org);
        let code_span = self.push_bytes(code_norm.as_bytes());
        let display_span = self.push_bytes(display_name.as_bytes());
        let key = name_key(display_name);
        if !code_norm.is_empty() {
            self.code_map.entry(code_norm).or_default().push(id);
        }
        match existing {
            Some(slot) => {
                self.name_units[slot] = name_span;
                self.name_masks[slot] = name_mask;
                self.name_inis[slot] = name_inis;
                self.org_of[slot] = org_ref;
                self.sort_keys[slot] = key;
                self.display[slot] = display_span;
                self.codes[slot] = code_span;
            }
            None => {
                self.slot_of.insert(id, self.ids.len() as u32);
                self.ids.push(id);
                self.name_units.push(name_span);
                self.name_masks.push(name_mask);
                self.name_inis.push(name_inis);
                self.org_of.push(org_ref);
                self.sort_keys.push(key);
                self.display.push(display_span);
                self.codes.push(code_span);
            }
        }
        self.maybe_compact();
    }

    /// Remove the entry with this id (no-op if absent).
    pub fn remove(&mut self, id: Id) {
        let Some(&slot) = self.slot_of.get(&id) else {
            return;
        };
        let slot = slot as usize;
        self.release_slot(slot);
        self.slot_of.remove(&id);
        self.ids.swap_remove(slot);
        self.name_units.swap_remove(slot);
        self.name_masks.swap_remove(slot);
        self.name_inis.swap_remove(slot);
        self.org_of.swap_remove(slot);
        self.sort_keys.swap_remove(slot);
        self.display.swap_remove(slot);
        self.codes.swap_remove(slot);
        if let Some(&moved) = self.ids.get(slot) {
            self.slot_of.insert(moved, slot as u32);
        }
        self.maybe_compact();
    }

    fn maybe_compact(&mut self) {
        let live_units = self.units.len() - self.dead_units;
        let live_bytes = self.bytes.len() - self.dead_bytes;
        if self.dead_units <= live_units.max(4096) && self.dead_bytes <= live_bytes.max(4096) {
            return;
        }
        let mut units = Vec::with_capacity(live_units);
        let mut bytes = Vec::with_capacity(live_bytes);
        for sp in self
            .name_units
            .iter_mut()
            .chain(self.orgs.iter_mut().map(|o| &mut o.units))
        {
            let off = units.len() as u32;
            units.extend_from_slice(&self.units[sp.range()]);
            sp.off = off;
        }
        for sp in self.display.iter_mut().chain(self.codes.iter_mut()) {
            let off = bytes.len() as u32;
            bytes.extend_from_slice(&self.bytes[sp.range()]);
            sp.off = off;
        }
        self.units = units;
        self.bytes = bytes;
        self.dead_units = 0;
        self.dead_bytes = 0;
    }

    /// Per distinct organisation: the kind of match of the direct and keyboard query.
    fn eval_orgs(&self, q: &Query, direct: &mut Vec<u8>, keyboard: &mut Vec<u8>) {
        direct.clear();
        keyboard.clear();
        for o in &self.orgs {
            let text = &self.units[o.units.range()];
            direct.push(kind_code(q.direct.best_kind_masked(text, o.masks, o.inis)));
            if let Some(kb) = &q.keyboard {
                keyboard.push(kind_code(kb.best_kind_masked(text, o.masks, o.inis)));
            }
        }
    }

    /// Tier of the entry in `slot`; `org_direct`/`org_keyboard` are its org's precomputed kinds.
    #[inline(always)]
    fn eval_slot(&self, q: &Query, slot: usize, org_direct: u8, org_keyboard: u8) -> Option<Tier> {
        let mask = self.name_masks[slot];
        let inis = self.name_inis[slot];
        let name = &self.units[self.name_units[slot].range()];
        if let Some(k) = q.direct.best_kind_masked(name, mask, inis) {
            return Some(name_tier(k));
        }
        if org_direct != NO_KIND {
            return Some(org_tier(org_direct));
        }
        if let Some(kb) = &q.keyboard {
            if kb.best_kind_masked(name, mask, inis).is_some() {
                return Some(Tier::KeyboardName);
            }
            if org_keyboard != NO_KIND {
                return Some(Tier::KeyboardOrg);
            }
        }
        None
    }

    fn code_slots(&self, q: &Query) -> Vec<u32> {
        std::str::from_utf8(&q.raw)
            .ok()
            .and_then(|raw| self.code_map.get(raw))
            .map(|ids| {
                ids.iter()
                    .filter_map(|id| self.slot_of.get(id).copied())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Calls `f(slot, tier)` for every matching entry.
    ///
    /// Phase 1 is a branch-free pass over the per-entry prefilter masks collecting candidate
    /// slots; phase 2 runs the real matcher on the candidates only.
    fn scan(&self, q: &Query, scratch: &mut Scratch, mut f: impl FnMut(usize, Tier)) {
        let code_slots = self.code_slots(q);
        for &slot in &code_slots {
            f(slot as usize, Tier::Code);
        }
        let Scratch {
            org_direct,
            org_keyboard,
            cands,
            org_any,
            ..
        } = scratch;
        self.eval_orgs(q, org_direct, org_keyboard);
        org_any.clear();
        org_any.extend((0..org_direct.len()).map(|i| {
            org_direct[i] != NO_KIND || org_keyboard.get(i).is_some_and(|&k| k != NO_KIND)
        }));
        // phase 1
        let n = self.ids.len();
        cands.clear();
        cands.resize(n + 1, 0);
        let mut k = 0usize;
        let direct = &q.direct;
        let kb = q.keyboard.as_ref();
        let entries = self
            .name_masks
            .iter()
            .zip(&self.org_of)
            .zip(&self.name_inis)
            .zip(&self.name_units);
        for (slot, (((&masks, &org), &inis), span)) in entries.enumerate() {
            let len = span.len as usize;
            let d = direct.may_match(masks)
                && (!direct.all_initial || direct.lanes_may_match(inis, len));
            let kbm = kb.is_some_and(|kb| kb.may_match(masks));
            let o = org_any.get(org as usize).copied().unwrap_or(false);
            if let Some(c) = cands.get_mut(k) {
                *c = slot as u32;
            }
            k += usize::from(d | kbm | o);
        }
        cands.truncate(k);
        // phase 2
        for &slot in cands.iter() {
            let slot = slot as usize;
            if !code_slots.is_empty() && code_slots.contains(&(slot as u32)) {
                continue;
            }
            let org = self.org_of[slot] as usize;
            let od = org_direct.get(org).copied().unwrap_or(NO_KIND);
            let ok = org_keyboard.get(org).copied().unwrap_or(NO_KIND);
            if let Some(t) = self.eval_slot(q, slot, od, ok) {
                f(slot, t);
            }
        }
    }

    #[inline]
    fn cmp_hits(&self, a: &(u64, u32), b: &(u64, u32)) -> Ordering {
        a.0.cmp(&b.0).then_with(|| {
            let (sa, sb) = (a.1 as usize, b.1 as usize);
            self.bytes[self.display[sa].range()]
                .cmp(&self.bytes[self.display[sb].range()])
                .then(self.ids[sa].cmp(&self.ids[sb]))
        })
    }

    /// Fills `out` (best first, at most `limit`) and returns how many matched in all.
    fn run(&self, query: &str, limit: Option<usize>, out: &mut Vec<Hit>) -> usize {
        out.clear();
        let Some(q) = Query::compile(query) else {
            return 0;
        };
        SCRATCH.with(|cell| {
            let mut scratch = cell.take();
            let mut hits = std::mem::take(&mut scratch.hits);
            hits.clear();
            self.scan(&q, &mut scratch, |slot, t| {
                hits.push(((t as u64) << 60 | self.sort_keys[slot], slot as u32));
            });
            let total = hits.len();
            if let Some(limit) = limit
                && hits.len() > limit
            {
                if limit == 0 {
                    hits.clear();
                } else {
                    hits.select_nth_unstable_by(limit - 1, |a, b| self.cmp_hits(a, b));
                    hits.truncate(limit);
                }
            }
            hits.sort_unstable_by(|a, b| self.cmp_hits(a, b));
            out.extend(hits.iter().map(|&(key, slot)| Hit {
                id: self.ids[slot as usize],
                tier: ALL_TIERS[(key >> 60) as usize],
            }));
            hits.clear();
            scratch.hits = hits;
            cell.replace(scratch);
            total
        })
    }

    /// All matching hits, best first (tier, name length, name, id).
    /// An empty / whitespace-only query matches nothing.
    pub fn search(&self, query: &str, out: &mut Vec<Hit>) {
        self.run(query, None, out);
    }

    /// Like [`search`](Self::search) but keeps only the best `limit` hits; returns how many
    /// matched in all (one scan serves both the list and its count).
    pub fn search_top(&self, query: &str, limit: usize, out: &mut Vec<Hit>) -> usize {
        self.run(query, Some(limit), out)
    }

    /// Ids of all matching entries, in no particular order (for lists that sort by their own
    /// columns: skips ranking the hits).
    pub fn matching_ids(&self, query: &str, out: &mut Vec<Id>) {
        out.clear();
        let Some(q) = Query::compile(query) else {
            return;
        };
        SCRATCH.with(|cell| {
            let mut scratch = cell.take();
            self.scan(&q, &mut scratch, |slot, _| out.push(self.ids[slot]));
            cell.replace(scratch);
        });
    }

    /// Number of matching entries, without materialising them.
    pub fn count(&self, query: &str) -> usize {
        let Some(q) = Query::compile(query) else {
            return 0;
        };
        SCRATCH.with(|cell| {
            let mut scratch = cell.take();
            let mut n = 0;
            self.scan(&q, &mut scratch, |_, _| n += 1);
            cell.replace(scratch);
            n
        })
    }

    /// The tier the entry with `id` gets for `query` (`None` if absent or not matching).
    pub fn tier_of(&self, query: &str, id: Id) -> Option<Tier> {
        let q = Query::compile(query)?;
        let slot = *self.slot_of.get(&id)? as usize;
        if self.code_slots(&q).contains(&(slot as u32)) {
            return Some(Tier::Code);
        }
        let rec = self.orgs[self.org_of[slot] as usize];
        let org = &self.units[rec.units.range()];
        let od = kind_code(q.direct.best_kind_masked(org, rec.masks, rec.inis));
        let ok = kind_code(
            q.keyboard
                .as_ref()
                .and_then(|kb| kb.best_kind_masked(org, rec.masks, rec.inis)),
        );
        self.eval_slot(&q, slot, od, ok)
    }
}

// ---------------------------------------------------------------------------
// Saving and loading a built index (a plain little-endian layout, no serde)
// ---------------------------------------------------------------------------

const MAGIC: &[u8; 8] = b"NDSIDX02";

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        if self.0.len() < n {
            return None;
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Some(a)
    }
    fn u32(&mut self) -> Option<u32> {
        self.take(4)?.try_into().ok().map(u32::from_le_bytes)
    }
    fn u64(&mut self) -> Option<u64> {
        self.take(8)?.try_into().ok().map(u64::from_le_bytes)
    }
    fn len(&mut self, each: usize) -> Option<usize> {
        let n = usize::try_from(self.u64()?).ok()?;
        (n.checked_mul(each)? <= self.0.len()).then_some(n)
    }
    fn vec<T>(&mut self, each: usize, mut f: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let n = self.len(each)?;
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(f(self)?);
        }
        Some(v)
    }
    fn span(&mut self) -> Option<Span> {
        Some(Span {
            off: self.u32()?,
            len: self.u32()?,
        })
    }
}

fn put_len(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&(n as u64).to_le_bytes());
}

fn put_span(out: &mut Vec<u8>, s: Span) {
    out.extend_from_slice(&s.off.to_le_bytes());
    out.extend_from_slice(&s.len.to_le_bytes());
}

impl SearchIndex {
    /// The built index as bytes, so a later run can load it instead of building it again
    /// (`netday search` on a large roster). Read back with [`from_bytes`](Self::from_bytes).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(
            64 + self.ids.len() * 64
                + self.units.len() * 4
                + self.bytes.len()
                + self.orgs.len() * 36,
        );
        out.extend_from_slice(MAGIC);
        put_len(&mut out, self.ids.len());
        for i in 0..self.ids.len() {
            out.extend_from_slice(&self.ids[i].to_le_bytes());
            put_span(&mut out, self.name_units[i]);
            for m in self.name_masks[i] {
                out.extend_from_slice(&m.to_le_bytes());
            }
            out.extend_from_slice(&self.name_inis[i].to_le_bytes());
            out.extend_from_slice(&self.org_of[i].to_le_bytes());
            out.extend_from_slice(&self.sort_keys[i].to_le_bytes());
            put_span(&mut out, self.display[i]);
            put_span(&mut out, self.codes[i]);
        }
        put_len(&mut out, self.orgs.len());
        for o in &self.orgs {
            put_span(&mut out, o.units);
            for m in o.masks {
                out.extend_from_slice(&m.to_le_bytes());
            }
            out.extend_from_slice(&o.inis.to_le_bytes());
            out.extend_from_slice(&o.refs.to_le_bytes());
        }
        put_len(&mut out, self.free_orgs.len());
        for f in &self.free_orgs {
            out.extend_from_slice(&f.to_le_bytes());
        }
        put_len(&mut out, self.units.len());
        for u in &self.units {
            out.extend_from_slice(&u.to_le_bytes());
        }
        put_len(&mut out, self.bytes.len());
        out.extend_from_slice(&self.bytes);
        put_len(&mut out, self.dead_units);
        put_len(&mut out, self.dead_bytes);
        out
    }

    /// Loads what [`to_bytes`](Self::to_bytes) wrote; `None` if the bytes are not a whole,
    /// consistent index (the caller then builds one from the people).
    pub fn from_bytes(b: &[u8]) -> Option<SearchIndex> {
        let mut r = Reader(b);
        if r.take(8)? != MAGIC {
            return None;
        }
        let n = r.len(64)?;
        let mut ix = SearchIndex::new();
        ix.reserve(n);
        for _ in 0..n {
            ix.ids.push(r.u64()?);
            ix.name_units.push(r.span()?);
            ix.name_masks.push([r.u64()?, r.u64()?]);
            ix.name_inis.push(r.u64()?);
            ix.org_of.push(r.u32()?);
            ix.sort_keys.push(r.u64()?);
            ix.display.push(r.span()?);
            ix.codes.push(r.span()?);
        }
        ix.orgs = r.vec(36, |r| {
            Some(OrgRec {
                units: r.span()?,
                masks: [r.u64()?, r.u64()?],
                inis: r.u64()?,
                refs: r.u32()?,
            })
        })?;
        ix.free_orgs = r.vec(4, Reader::u32)?;
        ix.units = r.vec(4, Reader::u32)?;
        let nb = r.len(1)?;
        ix.bytes = r.take(nb)?.to_vec();
        ix.dead_units = usize::try_from(r.u64()?).ok()?;
        ix.dead_bytes = usize::try_from(r.u64()?).ok()?;
        if !r.0.is_empty() {
            return None;
        }
        // Every span inside its buffer, every org reference valid.
        let in_units = |s: &Span| {
            (s.off as usize)
                .checked_add(s.len as usize)
                .is_some_and(|e| e <= ix.units.len())
        };
        let in_bytes = |s: &Span| {
            (s.off as usize)
                .checked_add(s.len as usize)
                .is_some_and(|e| e <= ix.bytes.len())
        };
        let ok = ix.name_units.iter().all(in_units)
            && ix.orgs.iter().all(|o| in_units(&o.units))
            && ix.display.iter().all(in_bytes)
            && ix.codes.iter().all(in_bytes)
            && ix.org_of.iter().all(|&o| (o as usize) < ix.orgs.len())
            && ix.free_orgs.iter().all(|&o| (o as usize) < ix.orgs.len());
        if !ok {
            return None;
        }
        for (slot, &id) in ix.ids.iter().enumerate() {
            ix.slot_of.insert(id, slot as u32);
        }
        for (slot, o) in ix.orgs.iter().enumerate() {
            if o.refs > 0 {
                let key: String = ix.units[o.units.range()]
                    .iter()
                    .map(|&u| decode(u))
                    .collect();
                ix.org_slot.insert(key, slot as u32);
            }
        }
        for (slot, c) in ix.codes.iter().enumerate() {
            if c.len > 0 {
                let key = String::from_utf8_lossy(&ix.bytes[c.range()]).into_owned();
                ix.code_map.entry(key).or_default().push(ix.ids[slot]);
            }
        }
        (ix.slot_of.len() == ix.ids.len()).then_some(ix)
    }

    /// The trimmed display name of the entry with this id.
    pub fn display_name(&self, id: Id) -> Option<&str> {
        let slot = *self.slot_of.get(&id)? as usize;
        std::str::from_utf8(&self.bytes[self.display[slot].range()]).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_index_loads_back_and_answers_the_same() {
        let mut ix = SearchIndex::new();
        ix.upsert(1, "김민준", "태릉 신협", "AB23");
        ix.upsert(2, "강미영", "햇살생협", "CD45");
        ix.upsert(3, "이서준", "태릉신협", "EF67");
        ix.upsert(2, "강미라", "마을목공협동조합", "CD45");
        ix.remove(3);
        let back = SearchIndex::from_bytes(&ix.to_bytes()).expect("loads");
        for q in [
            "김민", "ㄱㅁ", "강미", "태릉", "목공", "rkdal", "cd45", "이서",
        ] {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            ix.search(q, &mut a);
            back.search(q, &mut b);
            assert_eq!(a, b, "{q}");
        }
        assert_eq!(back.display_name(2), Some("강미라"));
        assert_eq!(back.len(), 2);
        let bytes = ix.to_bytes();
        assert!(SearchIndex::from_bytes(&bytes[..bytes.len() - 1]).is_none());
        assert!(SearchIndex::from_bytes(b"garbage").is_none());
    }

    fn idx(entries: &[(Id, &str, &str, &str)]) -> SearchIndex {
        let mut ix = SearchIndex::new();
        for &(id, n, o, c) in entries {
            ix.upsert(id, n, o, c);
        }
        ix
    }

    fn find(ix: &SearchIndex, q: &str) -> Vec<Hit> {
        let mut out = Vec::new();
        ix.search(q, &mut out);
        out
    }

    fn tier(q: &str, name: &str) -> Option<Tier> {
        let ix = idx(&[(1, name, "", "")]);
        let fast = find(&ix, q).first().map(|h| h.tier);
        assert_eq!(
            fast,
            naive_tier(q, name, "", ""),
            "fast vs naive for {q:?} / {name:?}"
        );
        fast
    }

    fn finds(q: &str, name: &str) -> bool {
        tier(q, name).is_some()
    }

    /// Test helper: the keys one would type on a dubeolsik keyboard for a Hangul string.
    fn hangul_to_keyboard(s: &str) -> String {
        fn key(j: char) -> char {
            for k in "QWERTOP"
                .chars()
                .chain("rsefaqtdwczxvgkoijpuhynbml".chars())
            {
                if dubeolsik_jamo(k) == Some(j) {
                    return k;
                }
            }
            panic!("no key for {j}")
        }
        let mut out = String::new();
        for c in s.chars() {
            let Some((i, m, f)) = decompose(c) else {
                out.push(c);
                continue;
            };
            out.push(key(INITIALS[i as usize]));
            let med = MEDIALS[m as usize];
            match split_compound_medial(med) {
                Some((a, b)) => {
                    out.push(key(a));
                    out.push(key(b));
                }
                None => out.push(key(med)),
            }
            if f > 0 {
                let fin = FINALS[f as usize];
                match split_compound_final(fin) {
                    Some((a, b)) => {
                        out.push(key(a));
                        out.push(key(b));
                    }
                    None => out.push(key(fin)),
                }
            }
        }
        out
    }

    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
        fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
            xs[self.below(xs.len())]
        }
    }

    #[test]
    fn 한글_분해_조합() {
        assert_eq!(decompose('김'), Some((0, 20, 16)));
        assert_eq!(compose(0, 20, 16), Some('김'));
        assert_eq!(initial_of('성'), Some('ㅅ'));
        assert_eq!(initial_of('a'), None);
        assert_eq!(decompose('싢').map(|d| FINALS[d.2 as usize]), Some('ㄶ'));
        assert_eq!(split_compound_final('ㄶ'), Some(('ㄴ', 'ㅎ')));
        assert_eq!(final_index('ㄸ'), None);
        assert_eq!(initial_index('ㄳ'), None);
        // NFD (conjoining jamo) input is composed
        let mut v = Vec::new();
        normalize_text("\u{1100}\u{1175}\u{11B7} A", &mut v);
        assert_eq!(v, vec!['김', 'a']);
    }

    #[test]
    fn 초성_검색() {
        assert_eq!(tier("ㄱㄱㅅ", "김기성"), Some(Tier::NameConsonant));
        assert!(finds("ㄱㅅ", "김기성"));
        assert!(finds("ㅌㄹㅅㅎ", "태릉신협"));
        assert!(!finds("ㄱㅅㄱ", "김기성"));
        assert!(!finds("ㄲ", "김기성"));
        assert!(finds("ㄲ", "까치"));
        assert!(!finds("ㄱㄱㅅㅅ", "김기성"));
    }

    #[test]
    fn 혼합_검색() {
        assert_eq!(tier("김ㄱ", "김기성"), Some(Tier::NameConsonant));
        assert!(finds("기ㅅ", "김기성"));
        assert!(finds("ㄱ기", "김기성"));
        assert!(!finds("기ㄱ", "김기성"));
        // ㄳ typed by some IMEs for ㄱ+ㅅ
        assert!(finds("ㄱㄳ", "김기성"));
    }

    #[test]
    fn 마지막_글자_받침_없음() {
        assert_eq!(tier("강미", "강민수"), Some(Tier::NameConsonant));
        assert_eq!(tier("강미", "강미영"), Some(Tier::NamePrefix));
        assert!(!finds("가민", "강민수"));
        // compound medial still composing: 고 → 과
        assert!(finds("고", "곽철수"));
        assert!(finds("그", "의긔"));
        assert!(!finds("과", "고철"));
    }

    #[test]
    fn 마지막_글자_받침_다음_초성() {
        assert_eq!(tier("김깃", "김기성"), Some(Tier::NameConsonant));
        assert!(!finds("감", "강민수"));
        assert!(!finds("김긱", "김기성"));
        // final still composing into a compound final: 달 → 닭
        assert!(finds("달", "닭집"));
        // double-consonant final as next initial
        assert!(finds("갂", "가까"));
    }

    #[test]
    fn 겹받침_분리() {
        assert_eq!(tier("태릉싢", "태릉신협"), Some(Tier::NameConsonant));
        assert!(finds("닭", "닭집"));
        assert!(finds("닭", "달기"));
        assert!(!finds("닭", "다리"));
        assert!(!finds("싢", "시협"));
    }

    #[test]
    fn 앞자리_음절은_정확히() {
        assert!(!finds("가민", "강민수"));
        assert!(!finds("깃성", "김기성"));
        assert!(finds("기성", "김기성"));
    }

    #[test]
    fn 이름_등급() {
        assert_eq!(tier("김기성", "김기성"), Some(Tier::ExactName));
        assert_eq!(tier("김기", "김기성"), Some(Tier::NamePrefix));
        assert_eq!(tier("기성", "김기성"), Some(Tier::NameSubstring));
        assert_eq!(tier("김 기 성", "김기성"), Some(Tier::ExactName));
        assert_eq!(tier("강 민", "강민수"), Some(Tier::NamePrefix));
        assert_eq!(tier("강민수", "강 민수"), Some(Tier::ExactName));
        // partial at start, exact later: substring wins over fuzzy
        assert_eq!(tier("미", "민미"), Some(Tier::NameSubstring));
    }

    #[test]
    fn 라틴_대소문자() {
        assert_eq!(tier("KIM", "Kim Minsu"), Some(Tier::NamePrefix));
        assert_eq!(tier("kimminsu", "Kim Minsu"), Some(Tier::ExactName));
        assert_eq!(tier("minsu", "Kim Minsu"), Some(Tier::NameSubstring));
        let ix = idx(&[(1, "홍길동", "COOP 서울", "")]);
        assert_eq!(find(&ix, "coop")[0].tier, Tier::OrgPrefix);
        assert_eq!(find(&ix, "op서")[0].tier, Tier::OrgSubstring);
    }

    #[test]
    fn 조직_검색() {
        let ix = idx(&[
            (1, "홍길동", "태릉 신협", ""),
            (2, "이몽룡", "서울 태릉신협", ""),
        ]);
        let hits = find(&ix, "태릉신협");
        assert_eq!(
            hits,
            vec![
                Hit {
                    id: 1,
                    tier: Tier::OrgPrefix
                },
                Hit {
                    id: 2,
                    tier: Tier::OrgSubstring
                }
            ]
        );
        assert_eq!(find(&ix, "ㅌㄹ")[0].tier, Tier::OrgConsonant);
        assert_eq!(find(&ix, "ㅌㄹ").len(), 2);
        assert_eq!(find(&ix, "태릉싢").len(), 2);
    }

    #[test]
    fn 배지_코드() {
        let ix = idx(&[(1, "홍길동", "", "K7M3"), (2, "K7M3 김", "", "")]);
        let hits = find(&ix, "k7m3");
        assert_eq!(
            hits[0],
            Hit {
                id: 1,
                tier: Tier::Code
            }
        );
        assert_eq!(
            hits[1],
            Hit {
                id: 2,
                tier: Tier::NamePrefix
            }
        );
        assert_eq!(find(&ix, "k7m").len(), 1);
        assert_eq!(naive_tier("K7 M3", "홍길동", "", "k7m3"), Some(Tier::Code));
    }

    #[test]
    fn 키보드_변환() {
        assert_eq!(keyboard_to_hangul("rkdalstn"), "강민수");
        assert_eq!(keyboard_to_hangul("xofmdtlsguq"), "태릉신협");
        assert_eq!(keyboard_to_hangul("tlsg"), "싢");
        assert_eq!(keyboard_to_hangul("rhkr"), "곽");
        assert_eq!(keyboard_to_hangul("Rkcl"), "까치");
        assert_eq!(keyboard_to_hangul("rr"), "ㄱㄱ");
        assert_eq!(keyboard_to_hangul("ekfrdl"), "닭이");
        assert_eq!(keyboard_to_hangul("ekfrl"), "달기");
        let ix = idx(&[(1, "강민수", "", ""), (2, "홍길동", "강남농협", "")]);
        assert_eq!(
            find(&ix, "rkdalstn"),
            vec![Hit {
                id: 1,
                tier: Tier::KeyboardName
            }]
        );
        assert_eq!(
            find(&ix, "rkd"),
            vec![
                Hit {
                    id: 1,
                    tier: Tier::KeyboardName
                },
                Hit {
                    id: 2,
                    tier: Tier::KeyboardOrg
                }
            ]
        );
        assert!(find(&ix, "rkd1").is_empty());
    }

    #[test]
    fn 빈_질의() {
        let ix = idx(&[(1, "강민수", "", "")]);
        assert!(find(&ix, "").is_empty());
        assert!(find(&ix, "  \t ").is_empty());
        assert_eq!(ix.count(" "), 0);
        assert_eq!(naive_tier(" ", "강민수", "", ""), None);
    }

    #[test]
    fn 순위_정렬() {
        let ix = idx(&[
            (10, "이김민", "", ""),       // substring
            (11, "김미나", "", ""),       // fuzzy (민 = 미 + next initial ㄴ)
            (12, "김민수", "", ""),       // prefix, len 3
            (13, "김민", "", ""),         // exact
            (14, "박철", "김민협동", ""), // org prefix
            (15, "최영", "새김민", ""),   // org substring
            (16, "김민아", "", ""),       // prefix, len 3, after 김민수
            (17, "김민서준", "", ""),     // prefix, len 4
            (18, "김민수", "", ""),       // same name as 12 → id order
            (19, "무관", "무관", ""),     // no match
        ]);
        let hits = find(&ix, "김민");
        let ids: Vec<Id> = hits.iter().map(|h| h.id).collect();
        assert_eq!(ids, vec![13, 12, 18, 16, 17, 10, 11, 14, 15]);
        let tiers: Vec<Tier> = hits.iter().map(|h| h.tier).collect();
        assert_eq!(
            tiers,
            vec![
                Tier::ExactName,
                Tier::NamePrefix,
                Tier::NamePrefix,
                Tier::NamePrefix,
                Tier::NamePrefix,
                Tier::NameSubstring,
                Tier::NameConsonant,
                Tier::OrgPrefix,
                Tier::OrgSubstring
            ]
        );
        assert_eq!(ix.count("김민"), 9);
        let mut top = Vec::new();
        for limit in 0..12 {
            ix.search_top("김민", limit, &mut top);
            assert_eq!(top[..], hits[..limit.min(hits.len())]);
        }
    }

    #[test]
    fn 갱신_삭제() {
        let mut ix = SearchIndex::new();
        ix.upsert(1, "강민수", "", "");
        ix.upsert(2, "김기성", "", "");
        ix.upsert(3, "태릉", "", "");
        assert_eq!(ix.len(), 3);
        ix.upsert(1, "홍길동", "", "");
        assert_eq!(ix.len(), 3);
        assert!(find(&ix, "강민").is_empty());
        assert_eq!(find(&ix, "홍")[0].id, 1);
        ix.remove(1);
        ix.remove(1);
        assert_eq!(ix.len(), 2);
        assert!(find(&ix, "홍").is_empty());
        assert_eq!(find(&ix, "태릉")[0].id, 3);
        // heavy churn triggers compaction; results must stay right
        for round in 0..20u64 {
            for id in 0..500u64 {
                ix.upsert(100 + id, &format!("이름{round}{id}"), "조직", "");
            }
        }
        assert_eq!(ix.len(), 502);
        assert_eq!(find(&ix, "이름19499")[0].id, 599);
        assert_eq!(find(&ix, "태릉")[0].id, 3);
        for id in 0..500u64 {
            ix.remove(100 + id);
        }
        assert_eq!(ix.len(), 2);
        assert_eq!(ix.count("조직"), 0);
        assert_eq!(
            find(&ix, "김기성")[0],
            Hit {
                id: 2,
                tier: Tier::ExactName
            }
        );
        assert!(ix.units.len() < 1000);
    }

    const SURNAMES: [&str; 20] = [
        "김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권",
        "황", "안", "송", "류", "홍",
    ];
    const GIVEN: [&str; 40] = [
        "민", "수", "기", "성", "영", "희", "지", "현", "준", "서", "연", "우", "진", "호", "철",
        "은", "혜", "미", "곽", "광", "닭", "읽", "괜", "값", "없", "앉", "많", "싫", "흙", "얹",
        "가", "까", "각", "갔", "외", "의", "신", "협", "나", "리",
    ];

    fn random_name(r: &mut Rng) -> String {
        let mut s = String::new();
        match r.below(10) {
            0 => {
                return format!(
                    "{} {}",
                    r.pick(&["Kim", "Lee", "PARK"]),
                    r.pick(&["Minsu", "ji"])
                );
            }
            1 => s.push(
                compose(r.below(19) as u8, r.below(21) as u8, r.below(28) as u8).unwrap_or('가'),
            ),
            _ => s.push_str(r.pick(&SURNAMES)),
        }
        for _ in 0..1 + r.below(3) {
            if r.below(6) == 0 {
                s.push(
                    compose(r.below(19) as u8, r.below(21) as u8, r.below(28) as u8)
                        .unwrap_or('가'),
                );
            } else {
                s.push_str(r.pick(&GIVEN));
            }
        }
        s
    }

    fn random_query(r: &mut Rng, name: &str) -> String {
        let cs: Vec<char> = name.chars().filter(|c| !c.is_whitespace()).collect();
        let a = r.below(cs.len());
        let b = a + 1 + r.below(cs.len() - a);
        let mut q: Vec<char> = cs[a..b].to_vec();
        let last = q.len() - 1;
        match r.below(12) {
            0 => {}
            1 => {
                // strip final of last
                if let Some((i, m, _)) = decompose(q[last]) {
                    q[last] = compose(i, m, 0).unwrap_or('가');
                }
            }
            2 => {
                // last → its initial
                if let Some(c) = initial_of(q[last]) {
                    q[last] = c;
                }
            }
            3 => {
                for c in q.iter_mut() {
                    if let Some(i) = initial_of(*c) {
                        *c = i;
                    }
                }
            }
            4 => {
                // borrow next syllable's initial as final (IME state)
                if let (Some((i, m, f)), Some(&n)) = (decompose(q[last]), cs.get(b))
                    && let Some(ni) = initial_of(n)
                {
                    let fin = if f == 0 {
                        final_index(ni)
                    } else {
                        join_final(FINALS[f as usize], ni).and_then(final_index)
                    };
                    if let Some(fin) = fin {
                        q[last] = compose(i, m, fin).unwrap_or('가');
                    }
                }
            }
            5 => {
                // keyboard typing, possibly cut short
                let k = hangul_to_keyboard(&q.iter().collect::<String>());
                let n = k.chars().count();
                let cut = n - r.below(n.min(3));
                return k.chars().take(cut.max(1)).collect();
            }
            6 => {
                return (0..1 + r.below(4))
                    .map(|_| r.pick(&['r', 'k', 'd', 'a', 'l', 's', 't', 'n', 'R', 'h', 'f', 'g']))
                    .collect();
            }
            7 => {
                return (0..1 + r.below(3)).map(|_| r.pick(&INITIALS)).collect();
            }
            8 => {
                // medial reduced to the compound's first part
                if let Some((i, m, _)) = decompose(q[last])
                    && let Some((a, _)) = split_compound_medial(MEDIALS[m as usize])
                {
                    q[last] = compose(i, medial_index(a).unwrap_or(0), 0).unwrap_or('가');
                }
            }
            9 => {
                // random last syllable
                q[last] = compose(r.below(19) as u8, r.below(21) as u8, r.below(28) as u8)
                    .unwrap_or('가');
            }
            10 => {
                q.insert(r.below(q.len() + 1), ' ');
            }
            _ => {
                let s: String = q.iter().collect();
                return s.to_uppercase();
            }
        }
        q.into_iter().collect()
    }

    #[test]
    fn 빠른_경로와_단순_구현_일치() {
        let mut r = Rng(0x9E37_79B9_7F4A_7C15);
        for round in 0..3 {
            let mut ix = SearchIndex::new();
            let mut entries = Vec::new();
            for id in 0..2000u64 {
                let name = random_name(&mut r);
                let org = if r.below(3) == 0 {
                    String::new()
                } else {
                    random_name(&mut r) + "협"
                };
                let code = format!("K{}", r.below(300));
                ix.upsert(id, &name, &org, &code);
                entries.push((id, name, org, code));
            }
            let mut out = Vec::new();
            for qn in 0..45 {
                let src = &entries[r.below(entries.len())];
                let q = match qn % 9 {
                    0 => src.3.clone(),
                    1 if !src.2.is_empty() => random_query(&mut r, &src.2),
                    _ => random_query(&mut r, &src.1),
                };
                ix.search(&q, &mut out);
                let fast: HashMap<Id, Tier> = out.iter().map(|h| (h.id, h.tier)).collect();
                assert_eq!(fast.len(), out.len());
                for (id, n, o, c) in &entries {
                    let naive = naive_tier(&q, n, o, c);
                    assert_eq!(
                        fast.get(id).copied(),
                        naive,
                        "round {round} query {q:?} name {n:?} org {o:?} code {c:?}"
                    );
                }
                assert_eq!(ix.count(&q), out.len());
                // ordering invariant
                for w in out.windows(2) {
                    let (a, b) = (&entries[w[0].id as usize], &entries[w[1].id as usize]);
                    let ka = (w[0].tier, a.1.trim().chars().count(), a.1.trim(), a.0);
                    let kb = (w[1].tier, b.1.trim().chars().count(), b.1.trim(), b.0);
                    assert!(ka < kb, "order {ka:?} {kb:?}");
                }
                let mut top = Vec::new();
                ix.search_top(&q, 7, &mut top);
                assert_eq!(top[..], out[..out.len().min(7)]);
            }
        }
    }

    #[test]
    fn 키보드_왕복과_입력중_상태() {
        let mut r = Rng(12345);
        for _ in 0..500 {
            let name = random_name(&mut r);
            if !name.chars().all(is_syllable) {
                continue;
            }
            let keys = hangul_to_keyboard(&name);
            assert_eq!(keyboard_to_hangul(&keys), name, "keys {keys}");
            let ix = idx(&[(1, &name, "", "")]);
            // every intermediate IME state finds the name, both typed in Korean and English mode
            for n in 1..=keys.len() {
                let prefix = &keys[..n];
                let ime = keyboard_to_hangul(prefix);
                assert!(
                    ix.tier_of(&ime, 1).is_some(),
                    "IME state {ime:?} for {name}"
                );
                assert!(
                    ix.tier_of(prefix, 1).is_some(),
                    "keys {prefix:?} for {name}"
                );
                assert_eq!(ix.tier_of(&ime, 1), naive_tier(&ime, &name, "", ""));
            }
        }
    }

    /// Release-mode timing: `cargo test --release -- --ignored --nocapture bench`.
    #[test]
    #[ignore]
    fn bench_100k() {
        let ix = bench_index();
        let only = std::env::var("BENCH_Q").ok();
        let reps = if only.is_some() { 2001 } else { 301 };
        for q in ["ㄱㄱ", "김", "강미", "ㅌㄹㅅ", "rkd", "zzzz", "ㄱ"] {
            if only.as_deref().is_some_and(|o| o != q) {
                continue;
            }
            let mut out = Vec::new();
            let mut times = Vec::new();
            for _ in 0..reps {
                let t = std::time::Instant::now();
                ix.search_top(q, 50, &mut out);
                times.push(t.elapsed().as_micros());
            }
            let mut full = Vec::new();
            let mut all = Vec::new();
            for _ in 0..reps.min(101) {
                let t = std::time::Instant::now();
                ix.search(q, &mut all);
                full.push(t.elapsed().as_micros());
            }
            full.sort_unstable();
            println!("{q}: search() median {} µs", full[full.len() / 2]);
            times.sort_unstable();
            println!(
                "{q}: median {} µs, min {} µs ({} shown of {})",
                times[reps / 2],
                times[0],
                out.len(),
                ix.count(q)
            );
        }
    }

    fn bench_index() -> SearchIndex {
        let mut r = Rng(777);
        let regions = [
            "태릉", "서울", "강남", "부산", "대구", "광주", "수원", "성남", "청주", "전주",
        ];
        let kinds = ["신협", "농협", "새마을금고", "생협", "수협"];
        let orgs: Vec<String> = (0..12_000)
            .map(|i| {
                format!(
                    "{}{} {}{}",
                    r.pick(&regions),
                    r.pick(&GIVEN),
                    r.pick(&kinds),
                    i % 97
                )
            })
            .collect();
        let mut ix = SearchIndex::new();
        for id in 0..100_000u64 {
            let name = format!("{}{}{}", r.pick(&SURNAMES), r.pick(&GIVEN), r.pick(&GIVEN));
            ix.upsert(id, &name, &orgs[r.below(orgs.len())], &format!("K{id:05}"));
        }
        ix
    }

    #[test]
    fn search_top_counts_every_match_while_keeping_the_best() {
        let mut ix = SearchIndex::new();
        for (id, name) in [
            (1, "김기성"),
            (2, "김민수"),
            (3, "강민수"),
            (4, "고은지"),
            (5, "박정호"),
        ] {
            ix.upsert(id, name, "한울신협", "");
        }
        let mut out = Vec::new();
        let total = ix.search_top("ㄱ", 2, &mut out);
        assert_eq!(total, 4);
        assert_eq!(total, ix.count("ㄱ"));
        assert_eq!(out.len(), 2);
        assert_eq!(ix.search_top("ㅋ", 2, &mut out), 0);
        assert!(out.is_empty());
    }
}
