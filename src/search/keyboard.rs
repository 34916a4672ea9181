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

/// The key that types `jamo` on the 2-set layout: the inverse of [`dubeolsik_jamo`]
/// (a shifted jamo gives the uppercase letter).
pub fn dubeolsik_key(jamo: char) -> Option<char> {
    ('a'..='z')
        .chain(['Q', 'W', 'E', 'R', 'T', 'O', 'P'])
        .find(|k| dubeolsik_jamo(*k) == Some(jamo))
}

/// Convert keys typed in English mode into what a dubeolsik IME would have produced
/// (`rkdalstn` → `강민수`).  Non-letter chars are passed through unchanged.
pub fn keyboard_to_hangul(keys: &str) -> String {
    let mut ime = Composer::default();
    let mut out: String = keys
        .chars()
        .map(|k| ime.push(dubeolsik_jamo(k).unwrap_or(k)))
        .collect();
    out.push_str(&ime.take());
    out
}

pub(super) fn is_ascii_letters(q: &[char]) -> bool {
    !q.is_empty() && q.iter().all(|c| c.is_ascii_alphabetic())
}
