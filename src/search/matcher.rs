//! A query compiled once per keystroke into match elements, then run over every entry
//! without allocating.

use super::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Kind {
    Exact,
    Prefix,
    Substring,
    /// fuzzy, from the text's first char
    FuzzyStart,
    Fuzzy,
}

#[inline(always)]
fn fuzzy_at(p: usize) -> Kind {
    if p == 0 {
        Kind::FuzzyStart
    } else {
        Kind::Fuzzy
    }
}

/// Unit encoding: Hangul syllable = FLAG | initial<<16 | medial<<8 | final; else the code point.
const FLAG: u32 = 1 << 31;
const NONE: u32 = u32::MAX;

#[inline]
pub(super) fn encode(c: char) -> u32 {
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

pub(super) fn text_im_mask(chars: &[char]) -> u64 {
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
pub(super) const PACK_MAX: usize = 12;

pub(super) fn pack_initials(chars: &[char]) -> u64 {
    chars
        .iter()
        .take(PACK_MAX)
        .enumerate()
        .fold(0, |acc, (k, &c)| acc | ini_code(c) << (5 * k))
}

pub(super) fn text_mask(chars: &[char]) -> u64 {
    chars.iter().fold(0, |m, &c| m | char_mask(c))
}

/// Inverse of [`encode`].
pub(super) fn decode(u: u32) -> char {
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
pub(super) struct Compiled {
    /// the normalised query chars the elements were compiled from
    chars: Vec<char>,
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
    pub(super) all_initial: bool,
    /// initial codes of the first (up to 4) elements replicated into every 5-bit lane
    lane_pats: [u64; 4],
    lane_n: usize,
}

const LANES_LO: u64 = 0x07BD_EF7B_DEF7_BDEF; // 0b01111 in each of 12 lanes
const LANES_HI: u64 = 0x0842_1084_2108_4210; // 0b10000 in each of 12 lanes

impl Compiled {
    pub(super) fn new(q: &[char]) -> Option<Self> {
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
            chars: q.to_vec(),
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
    pub(super) fn best_kind_masked(
        &self,
        text: &[u32],
        masks: [u64; 2],
        inis: u64,
    ) -> Option<Kind> {
        if !self.may_match(masks) {
            return None;
        }
        self.best_kind(text, inis)
    }

    /// Prefilter: `false` proves that a text with these `[char mask, im mask]` cannot match.
    #[inline(always)]
    pub(super) fn may_match(&self, masks: [u64; 2]) -> bool {
        (masks[0] & self.mask == self.mask) & (masks[1] & self.im_mask == self.im_mask)
    }

    /// Branch-light SWAR prefilter on the packed initials of a text of `len` chars:
    /// `false` proves there is no match.
    #[inline(always)]
    pub(super) fn lanes_may_match(&self, inis: u64, len: usize) -> bool {
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

    /// For a query of at most four bare consonants, the exact [`best_kind`](Self::best_kind) of
    /// a text of `len` chars from its packed initials alone; `None` when that needs the text
    /// (a longer query or text).
    #[inline(always)]
    pub(super) fn initials_kind(&self, inis: u64, len: usize) -> Option<Option<Kind>> {
        let n = self.elems.len();
        if !self.all_initial || self.lane_n != n || len > PACK_MAX {
            return None;
        }
        if len < n {
            return Some(None);
        }
        let mut acc = LANES_HI;
        for j in 0..n {
            let x = inis ^ self.lane_pats[j];
            let y = (x & LANES_LO) + LANES_LO;
            acc &= (!(y | x) & LANES_HI) >> (5 * j);
        }
        acc &= LANES_HI & ((1u64 << (5 * (len - n + 1))) - 1);
        Some(match acc {
            0 => None,
            a if a & 0x10 != 0 => Some(Kind::FuzzyStart),
            _ => Some(Kind::Fuzzy),
        })
    }

    /// How many elements the packed-initials lanes check (at most 4).
    pub(super) fn lanes(&self) -> usize {
        self.lane_n
    }

    /// For the queries [`initials_kind`](Self::initials_kind) settles: per text length
    /// `0..=PACK_MAX`, the high bits of the lanes a match may start at (0 when the text is
    /// shorter than the query).  `None` for any other query.
    pub(super) fn initials_starts(&self) -> Option<[u64; PACK_MAX + 1]> {
        let n = self.elems.len();
        if !self.all_initial || self.lane_n != n {
            return None;
        }
        let mut valid = [0u64; PACK_MAX + 1];
        for (len, v) in valid.iter_mut().enumerate().skip(n) {
            *v = LANES_HI & ((1u64 << (5 * (len - n + 1))) - 1);
        }
        Some(valid)
    }

    /// [`initials_kind`](Self::initials_kind) without branches, for a text of at most
    /// [`PACK_MAX`] chars: the high bits of the lanes a match starts at (0: no match; bit 4:
    /// from the first char).  `starts` is [`initials_starts`](Self::initials_starts).
    /// `N` is the query's length (1..=4, [`lanes`](Self::lanes)): a constant, so the loop over
    /// the lanes unrolls.
    #[inline(always)]
    pub(super) fn initials_at<const N: usize>(&self, inis: u64, starts: u64) -> u64 {
        debug_assert_eq!(N, self.lane_n);
        let mut acc = LANES_HI;
        for j in 0..N {
            let x = inis ^ self.lane_pats[j];
            let y = (x & LANES_LO) + LANES_LO;
            acc &= (!(y | x) & LANES_HI) >> (5 * j);
        }
        acc & starts
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
                    return Some(fuzzy_at(p));
                }
            }
            if let Some((end, exact)) = self.match_at(text, p) {
                if self.has_consonant {
                    return Some(fuzzy_at(p));
                }
                if !exact {
                    best = best.or(Some(fuzzy_at(p)));
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

pub(super) struct Query {
    /// the query as typed
    pub(super) text: String,
    pub(super) raw: Vec<u8>,
    pub(super) direct: Compiled,
    pub(super) keyboard: Option<Compiled>,
    /// digits of a phone number (or its end) the query stands for
    pub(super) phone: Option<Vec<u8>>,
    /// (name part, organisation part) at the first and at the last whitespace inside the query
    pub(super) splits: Vec<(Compiled, Compiled)>,
    pub(super) typo: Option<Typo>,
}

/// Query chars a phone number is written with, besides digits.
fn is_phone_sep(c: char) -> bool {
    matches!(c, '-' | '.' | '(' | ')' | '+') || c.is_whitespace()
}

/// The digits a query stands for when it is a phone number or its end (at least 4 digits).
pub(super) fn phone_query(query: &str) -> Option<Vec<u8>> {
    let q = query.trim();
    if !q.chars().all(|c| c.is_ascii_digit() || is_phone_sep(c)) {
        return None;
    }
    let mut digits: Vec<u8> = q.bytes().filter(u8::is_ascii_digit).collect();
    if q.starts_with('+') && digits.starts_with(b"82") {
        digits.drain(..2);
        if digits.first() != Some(&b'0') {
            digits.insert(0, b'0');
        }
    }
    (digits.len() >= 4).then_some(digits)
}

/// The digits of a stored phone number, and its last four as a number (`NO_TAIL` if shorter).
pub(super) fn phone_digits(phone: &str) -> Vec<u8> {
    phone.bytes().filter(u8::is_ascii_digit).collect()
}
pub(super) const NO_TAIL: u16 = u16::MAX;
pub(super) fn phone_tail(digits: &[u8]) -> u16 {
    match digits.len().checked_sub(4) {
        Some(s) => digits[s..]
            .iter()
            .fold(0, |n, d| n * 10 + u16::from(d - b'0')),
        None => NO_TAIL,
    }
}

/// The high bit of every 5-bit lane of `x` that is not zero.
#[inline(always)]
fn differing_lanes(x: u64) -> u64 {
    (((x & LANES_LO) + LANES_LO) | x) & LANES_HI
}

/// The high bits of the first `m` lanes.
#[inline(always)]
fn lanes(m: usize) -> u64 {
    LANES_HI & ((1u64 << (5 * m)) - 1)
}

/// Whether packed initials `long` (`m + 1` chars) with one char dropped can equal `short`
/// (`m` chars): the lanes before the dropped one agree in place, the ones after it shifted.
#[inline(always)]
fn one_dropped(long: u64, short: u64, m: usize) -> bool {
    let in_place = differing_lanes(long ^ short) & lanes(m);
    let shifted = differing_lanes((long >> 5) ^ short) & lanes(m);
    let first_in_place = if in_place == 0 {
        m
    } else {
        in_place.trailing_zeros() as usize / 5
    };
    let after_last_shifted = if shifted == 0 {
        0
    } else {
        (63 - shifted.leading_zeros() as usize) / 5 + 1
    };
    after_last_shifted <= first_in_place
}

/// The query as whole syllables, for names one syllable away from it.
pub(super) struct Typo {
    units: Vec<u32>,
    /// [`pack_initials`] of the query
    inis: u64,
}

impl Typo {
    fn new(q: &[char]) -> Option<Typo> {
        ((3..PACK_MAX).contains(&q.len()) && q.iter().all(|&c| is_syllable(c))).then(|| Typo {
            units: q.iter().map(|&c| encode(c)).collect(),
            inis: pack_initials(q),
        })
    }

    /// Cheap test on a text's length and packed initials: `false` proves it is not one
    /// syllable away.
    #[inline(always)]
    pub(super) fn may_match(&self, len: usize, inis: u64) -> bool {
        let n = self.units.len();
        if len == n {
            // One substitution changes at most one initial.
            (differing_lanes(inis ^ self.inis) & lanes(n)).count_ones() <= 1
        } else if len == n + 1 {
            one_dropped(inis, self.inis, n)
        } else {
            len + 1 == n && one_dropped(self.inis, inis, len)
        }
    }

    /// Whether `text` is one syllable away from the query (see the module docs).
    #[inline(never)]
    pub(super) fn matches(&self, text: &[u32]) -> bool {
        let q = &self.units[..];
        let (n, m) = (q.len(), text.len());
        if n == m {
            return q.iter().zip(text).filter(|(a, b)| a != b).count() == 1;
        }
        let (long, short) = if m == n + 1 { (text, q) } else { (q, text) };
        if long.len() != short.len() + 1 {
            return false;
        }
        let k = short.iter().zip(long).take_while(|(a, b)| a == b).count();
        short[k..] == long[k + 1..]
    }
}

impl Query {
    pub(super) fn compile(query: &str) -> Option<Self> {
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
        let trimmed = query.trim();
        let mut splits = Vec::new();
        let cuts = [
            trimmed.find(char::is_whitespace),
            trimmed.rfind(char::is_whitespace),
        ];
        for (k, cut) in cuts.into_iter().enumerate() {
            if let Some(at) = cut
                && (k == 0 || cuts[0] != cut)
                && let (Some(name), Some(org)) = (
                    Compiled::new(&normalize_query(&trimmed[..at])),
                    Compiled::new(&normalize_query(&trimmed[at..])),
                )
            {
                splits.push((name, org));
            }
        }
        Some(Query {
            text: query.to_owned(),
            raw,
            direct,
            keyboard,
            phone: phone_query(query),
            // A space asks for a name and an organisation, not for a mistyped name.
            typo: if splits.is_empty() {
                Typo::new(&q)
            } else {
                None
            },
            splits,
        })
    }
}

/// Whether every run of text the query chars `b` match, the query chars `a` match too, from
/// the same start: `a` is `b` typed one or more keystrokes earlier (`ㄱ` → `기` → `김` → `기미`,
/// `김` → `김민`, `달` → `닭` → `달기`), by the element rules in the module docs.  `false` when
/// that cannot be shown this way (then the caller searches everyone).
pub(super) fn covers(a: &[char], b: &[char]) -> bool {
    let n = a.len();
    if n == 0 || b.len() < n || a[..n - 1] != b[..n - 1] {
        return false;
    }
    let (c, d) = (a[n - 1], b[n - 1]);
    if c == d {
        return true;
    }
    if is_compat_consonant(c) {
        // a bare consonant takes any syllable with that initial
        return initial_index(c).is_some() && decompose(d).map(|x| x.0) == initial_index(c);
    }
    let (Some((ci, cm, cf)), Some((di, dm, df))) = (decompose(c), decompose(d)) else {
        return false;
    };
    if ci != di {
        return false;
    }
    if cf == 0 {
        // an open syllable takes its medial and the compound medials that start with it
        let (cmed, dmed) = (MEDIALS[cm as usize], MEDIALS[dm as usize]);
        return dm == cm || split_compound_medial(dmed).map(|p| p.0) == Some(cmed);
    }
    if dm != cm {
        return false;
    }
    let (cfin, dfin) = (FINALS[cf as usize], FINALS[df as usize]);
    if df != 0 && split_compound_final(dfin).map(|p| p.0) == Some(cfin) {
        return true;
    }
    // the final moved on to the next syllable, which `b` has as a syllable (a bare consonant
    // there would also take a literal jamo)
    let next_ini = b
        .get(n)
        .and_then(|&e| decompose(e))
        .map(|x| INITIALS[x.0 as usize]);
    if next_ini.is_none() {
        return false;
    }
    if df == 0 && next_ini == Some(cfin) {
        return true;
    }
    split_compound_final(cfin).is_some_and(|(x, y)| dfin == x && next_ini == Some(y))
}

impl Query {
    /// Whether everything this query matches by name, organisation, keyboard or name and
    /// organisation, `prev` matches too: then this query's hits are among `prev`'s, save
    /// badge codes, phone numbers and mistyped names, which are looked up afresh each time.
    pub(super) fn narrows(&self, prev: &Query) -> bool {
        let pd = &prev.direct.chars;
        covers(pd, &self.direct.chars)
            && match (&self.keyboard, &prev.keyboard) {
                (None, _) => true,
                (Some(k), Some(pk)) => covers(&pk.chars, &k.chars),
                (Some(_), None) => false,
            }
            && self.splits.iter().all(|(h, t)| {
                covers(pd, &h.chars)
                    || covers(pd, &t.chars)
                    || prev
                        .splits
                        .iter()
                        .any(|(ph, pt)| covers(&ph.chars, &h.chars) && covers(&pt.chars, &t.chars))
            })
    }
}
