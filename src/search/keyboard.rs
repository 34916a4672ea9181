//! The 2-set (dubeolsik) keyboard: which jamo sits on which Latin key, and Korean typed in
//! English mode turned back into Hangul.

use super::*;

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
/// The key that types `jamo` on the 2-set layout: the inverse of [`dubeolsik_jamo`]
/// (a shifted jamo gives the uppercase letter).
pub fn dubeolsik_key(jamo: char) -> Option<char> {
    ('a'..='z')
        .chain(['Q', 'W', 'E', 'R', 'T', 'O', 'P'])
        .find(|k| dubeolsik_jamo(*k) == Some(jamo))
}

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

pub(super) fn is_ascii_letters(q: &[char]) -> bool {
    !q.is_empty() && q.iter().all(|c| c.is_ascii_alphabetic())
}
