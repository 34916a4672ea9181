//! Hangul jamo arithmetic: syllables, initials, medials, finals, and the text and query
//! normalisation every search shares.

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
pub(super) const COMPOUND_FINALS: [(char, char, char); 11] = [
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
pub(super) const COMPOUND_MEDIALS: [(char, char, char); 7] = [
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
pub(super) fn join_final(a: char, b: char) -> Option<char> {
    COMPOUND_FINALS
        .iter()
        .find(|t| t.1 == a && t.2 == b)
        .map(|t| t.0)
}
pub(super) fn join_medial(a: char, b: char) -> Option<char> {
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
