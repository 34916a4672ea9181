//! Compatibility jamo composed into syllables the way a 2-set (두벌식) IME does: some Windows
//! terminals hand a raw-mode program "한글" as ㅎㅏㄴㄱㅡㄹ. A consonant becomes an initial only
//! when a vowel follows, so initials typed for search (ㄱㄱㅅ) stay as they are.

use super::hangul::*;

/// The syllable being composed, kept as the jamo typed for it, so Backspace takes back the
/// last one (닭 → 달 → 다 → ㄷ).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Composer {
    typed: Vec<char>,
}

fn is_jamo(c: char) -> bool {
    is_compat_consonant(c) || is_compat_vowel(c)
}

impl Composer {
    /// Feeds one character; returns the text it finished, which comes before `composing()`.
    /// Anything but a compatibility jamo finishes the syllable and is returned after it.
    pub fn push(&mut self, c: char) -> String {
        let (cho, jung, jong) = self.parts();
        if !is_jamo(c) {
            let mut done = self.take();
            done.push(c);
            return done;
        }
        if is_compat_vowel(c) {
            if let Some(f) = jong {
                // The last consonant moves to the new syllable (ㄱㅏㄴㅏ → 가나; 닭 + ㅡ → 달그).
                let moved = match split_compound_final(f) {
                    Some((_, b)) => b,
                    None => f,
                };
                // A compound final typed as one jamo (ㄺ) leaves its first half (ㄹ).
                if self.typed.pop() == Some(f)
                    && let Some((a, _)) = split_compound_final(f)
                {
                    self.typed.push(a);
                }
                let done = self.take();
                self.typed = vec![moved, c];
                return done;
            }
            let joins = jung.is_some_and(|v| join_medial(v, c).is_some());
            if joins || (cho.is_some() && jung.is_none()) {
                self.typed.push(c);
                return String::new();
            }
        } else {
            let takes_final = match (cho, jung, jong) {
                (Some(_), Some(_), None) => final_index(c).is_some(),
                (Some(_), Some(_), Some(f)) => join_final(f, c).is_some(),
                _ => false,
            };
            if takes_final {
                self.typed.push(c);
                return String::new();
            }
            if initial_index(c).is_none() {
                // ㄳ and the like begin no syllable: they stand alone.
                let mut done = self.take();
                done.push(c);
                return done;
            }
        }
        let done = self.take();
        self.typed = vec![c];
        done
    }

    /// Takes back the last jamo typed; false when nothing is being composed.
    pub fn pop(&mut self) -> bool {
        self.typed.pop().is_some()
    }

    /// What the syllable being composed looks like now ("" when none is).
    pub fn composing(&self) -> String {
        let (cho, jung, jong) = self.parts();
        let syllable = match (cho, jung) {
            (Some(c), Some(v)) => initial_index(c)
                .zip(medial_index(v))
                .and_then(|(i, m)| compose(i, m, jong.and_then(final_index).unwrap_or(0))),
            _ => None,
        };
        match syllable {
            Some(s) => s.to_string(),
            None => self.typed_parts().collect(),
        }
    }

    /// Finishes the syllable being composed and returns it.
    pub fn take(&mut self) -> String {
        let s = self.composing();
        self.typed.clear();
        s
    }

    pub fn is_empty(&self) -> bool {
        self.typed.is_empty()
    }

    /// Initial, medial and final as typed so far (compound vowels and finals joined).
    fn parts(&self) -> (Option<char>, Option<char>, Option<char>) {
        let (mut cho, mut jung, mut jong) = (None, None, None);
        for &j in &self.typed {
            if is_compat_vowel(j) {
                jung = Some(jung.and_then(|v| join_medial(v, j)).unwrap_or(j));
            } else if jung.is_none() {
                cho = Some(j);
            } else {
                jong = Some(jong.and_then(|f| join_final(f, j)).unwrap_or(j));
            }
        }
        (cho, jung, jong)
    }

    /// The parts as separate jamo, for a unit that is no syllable (a lone ㄱ or ㅘ).
    fn typed_parts(&self) -> impl Iterator<Item = char> {
        let (cho, jung, jong) = self.parts();
        cho.into_iter().chain(jung).chain(jong)
    }
}

/// A whole string composed (`ㅎㅏㄴㄱㅡㄹ` → `한글`); everything but jamo passes unchanged.
pub fn compose_jamo(s: &str) -> String {
    let mut c = Composer::default();
    let mut out: String = s.chars().map(|ch| c.push(ch)).collect();
    out.push_str(&c.take());
    out
}

/// The keys a 2-set IME is sent for `s` (`한글` → ㅎㅏㄴㄱㅡㄹ, `과` → ㄱㅗㅏ): each syllable
/// as its jamo, compound vowels and finals split; anything else as itself. What
/// [`compose_jamo`] turns back into `s`; tests and benches type with it key by key.
pub fn jamo_keys(s: &str) -> Vec<char> {
    let mut keys = Vec::new();
    for c in s.chars() {
        let Some((i, m, f)) = decompose(c) else {
            keys.push(c);
            continue;
        };
        keys.push(INITIALS[i as usize]);
        let med = MEDIALS[m as usize];
        match split_compound_medial(med) {
            Some((a, b)) => keys.extend([a, b]),
            None => keys.push(med),
        }
        if f > 0 {
            let fin = FINALS[f as usize];
            match split_compound_final(fin) {
                Some((a, b)) => keys.extend([a, b]),
                None => keys.push(fin),
            }
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_keys_of_a_text_compose_back_into_it() {
        for s in ["한글", "닭은", "과일", "kim 01", "앉아 ㄱㄱㅅ"] {
            assert_eq!(
                compose_jamo(&jamo_keys(s).into_iter().collect::<String>()),
                s
            );
        }
        assert_eq!(jamo_keys("닭"), ['ㄷ', 'ㅏ', 'ㄹ', 'ㄱ']);
    }

    #[test]
    fn the_issues_sequences_compose_as_a_2_set_ime_does() {
        for (jamo, want) in [
            ("ㅎㅏㄴㄱㅡㄹ", "한글"),
            ("ㄱㅏㄴㅏ", "가나"),
            ("ㄷㅏㄹㄱ", "닭"),
            ("ㄷㅏㄹㄱㅡㄴ", "달근"),
            ("ㄷㅏㄹㄱㅇㅡㄴ", "닭은"),
            ("ㄷㅏㄺㅡㄴ", "달근"),
            ("ㅇㅗㅏ", "와"),
            ("ㅇㅜㅓ", "워"),
            ("ㅇㅡㅣ", "의"),
            ("ㄱㄱㅅ", "ㄱㄱㅅ"),
        ] {
            assert_eq!(compose_jamo(jamo), want, "{jamo}");
        }
    }

    #[test]
    fn names_and_places_compose_and_other_text_passes_through() {
        for (jamo, want) in [
            ("ㄱㅣㅁㅎㅏㄴㅡㄹ", "김하늘"),
            ("ㅌㅐㄹㅡㅇ ㅅㅣㄴㅎㅕㅂ", "태릉 신협"),
            ("ㄲㅏㅊㅣ", "까치"),
            ("ㅇㅣㅆㄷㅏ", "있다"),
            ("ㅇㅏㄴㅈㅇㅏ", "앉아"),
            ("ㄱㅗㅏㄱ", "곽"),
            ("ㅇㅜㅔㄴ", "웬"),
            ("ㄱㅏㅄ", "값"),
            ("ㄱㅏㅂㅅㅣ", "갑시"),
            ("ㄷㄷㅏ", "ㄷ다"),
            ("ㅏㄱ", "ㅏㄱ"),
            ("ㅗㅏ", "ㅘ"),
            ("ㄸㅏㄸ", "따ㄸ"),
            ("ㄳㅏ", "ㄳㅏ"),
            ("김ㄱ", "김ㄱ"),
            ("ㄱ1ㅏ", "ㄱ1ㅏ"),
            ("abcㄱㅏ", "abc가"),
        ] {
            assert_eq!(compose_jamo(jamo), want, "{jamo}");
        }
    }

    #[test]
    fn backspace_takes_back_the_last_jamo_of_the_syllable_being_composed() {
        let mut c = Composer::default();
        let mut done = String::new();
        for j in "ㄷㅏㄹㄱ".chars() {
            done.push_str(&c.push(j));
        }
        assert_eq!((done.as_str(), c.composing().as_str()), ("", "닭"));
        let mut shown = Vec::new();
        while c.pop() {
            shown.push(c.composing());
        }
        assert_eq!(shown, ["달", "다", "ㄷ", ""]);
        // After a final moved on, Backspace works on the new syllable only.
        let mut c = Composer::default();
        let done: String = "ㅎㅏㄴㄱㅡ".chars().map(|j| c.push(j)).collect();
        assert_eq!((done.as_str(), c.composing().as_str()), ("한", "그"));
        assert!(c.pop());
        assert_eq!(c.composing(), "ㄱ");
        assert_eq!(c.push('ㅏ'), "");
        assert_eq!(c.composing(), "가");
    }
}
