//! Korean particles that follow the sound of the word before them: 코드 A1B2는, 코드 7K3L은.
//! Digits and Latin letters are read aloud as Korean does (1 일, 2 이, L 엘, M 엠); a word
//! ending in anything else (a symbol, another script) gets both forms, as "은(는)".

/// A particle whose form depends on whether the word before it ends in a consonant (받침).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Particle {
    /// 은 / 는 (topic)
    EunNeun,
    /// 이 / 가 (subject)
    IGa,
    /// 을 / 를 (object)
    EulReul,
    /// 과 / 와 (and, with)
    GwaWa,
    /// 으로 / 로 (to, as): a word ending in ㄹ takes 로, as 서울로.
    EuroRo,
}

/// How the word's last sound ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ending {
    Vowel,
    /// ㄹ, which takes 로 rather than 으로.
    Rieul,
    Consonant,
}

/// The particle's form after `word`.
pub fn particle(word: &str, p: Particle) -> &'static str {
    let (after_consonant, after_vowel) = match p {
        Particle::EunNeun => ("은", "는"),
        Particle::IGa => ("이", "가"),
        Particle::EulReul => ("을", "를"),
        Particle::GwaWa => ("과", "와"),
        Particle::EuroRo => ("으로", "로"),
    };
    match ending(word) {
        Some(Ending::Consonant) => after_consonant,
        Some(Ending::Rieul) if p == Particle::EuroRo => after_vowel,
        Some(Ending::Rieul) => after_consonant,
        Some(Ending::Vowel) => after_vowel,
        None => match p {
            Particle::EunNeun => "은(는)",
            Particle::IGa => "이(가)",
            Particle::EulReul => "을(를)",
            Particle::GwaWa => "과(와)",
            Particle::EuroRo => "(으)로",
        },
    }
}

/// `word` followed by its particle: `josa("A1B2", EunNeun)` is "A1B2는".
pub fn josa(word: &str, p: Particle) -> String {
    format!("{word}{}", particle(word, p))
}

fn ending(word: &str) -> Option<Ending> {
    let last = word.trim_end().chars().next_back()?;
    match last {
        '가'..='힣' => Some(match (last as u32 - 0xAC00) % 28 {
            0 => Ending::Vowel,
            8 => Ending::Rieul,
            _ => Ending::Consonant,
        }),
        // A consonant alone is read by its name (기역, 리을, …), which ends in that consonant.
        'ㄹ' => Some(Ending::Rieul),
        'ㄱ'..='ㅎ' => Some(Ending::Consonant),
        'ㅏ'..='ㅣ' => Some(Ending::Vowel),
        // 영 일 이 삼 사 오 육 칠 팔 구
        '0' | '3' | '6' => Some(Ending::Consonant),
        '1' | '7' | '8' => Some(Ending::Rieul),
        '2' | '4' | '5' | '9' => Some(Ending::Vowel),
        // 엘 엠 엔 알; every other letter's name ends in a vowel (에이, 비, 에프, 제트 …).
        'l' | 'L' | 'r' | 'R' => Some(Ending::Rieul),
        'm' | 'M' | 'n' | 'N' => Some(Ending::Consonant),
        c if c.is_ascii_alphabetic() => Some(Ending::Vowel),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::Particle::*;
    use super::*;

    #[test]
    fn hangul_words_take_the_form_their_last_syllable_asks_for() {
        assert_eq!(josa("사과", EunNeun), "사과는");
        assert_eq!(josa("책", EunNeun), "책은");
        assert_eq!(josa("신협", IGa), "신협이");
        assert_eq!(josa("생협", EulReul), "생협을");
        assert_eq!(josa("센터", EulReul), "센터를");
        assert_eq!(josa("김민지", GwaWa), "김민지와");
        assert_eq!(josa("조합", GwaWa), "조합과");
        assert_eq!(josa("서울", EuroRo), "서울로");
        assert_eq!(josa("부산", EuroRo), "부산으로");
        assert_eq!(josa("바다", EuroRo), "바다로");
        assert_eq!(josa("서울", EunNeun), "서울은");
        assert_eq!(josa("ㄱㄱㅅ", EunNeun), "ㄱㄱㅅ은");
    }

    #[test]
    fn badge_codes_are_read_aloud() {
        // 이, 삼, 일, 구, 칠, 영, 육, 오, 팔, 사
        assert_eq!(josa("A1B2", EunNeun), "A1B2는");
        assert_eq!(josa("Q7X3", EunNeun), "Q7X3은");
        assert_eq!(josa("C0D1", IGa), "C0D1이");
        assert_eq!(josa("0009", IGa), "0009가");
        assert_eq!(josa("7", EuroRo), "7로");
        assert_eq!(josa("10", EuroRo), "10으로");
        assert_eq!(josa("16", EulReul), "16을");
        assert_eq!(josa("25", EulReul), "25를");
        assert_eq!(josa("48", GwaWa), "48과");
        assert_eq!(josa("4", GwaWa), "4와");
        // 에이, 엘, 엠, 알, 제트, 에프
        assert_eq!(josa("12A", EunNeun), "12A는");
        assert_eq!(josa("XL", EunNeun), "XL은");
        assert_eq!(josa("XL", EuroRo), "XL로");
        assert_eq!(josa("KM", EuroRo), "KM으로");
        assert_eq!(josa("AR", IGa), "AR이");
        assert_eq!(josa("bz", IGa), "bz가");
        assert_eq!(josa("명단.pdf", EunNeun), "명단.pdf는");
    }

    #[test]
    fn anything_else_gets_both_forms() {
        assert_eq!(josa("C-1)", EunNeun), "C-1)은(는)");
        assert_eq!(josa("", IGa), "이(가)");
        assert_eq!(josa("名", EulReul), "名을(를)");
        assert_eq!(particle("?", GwaWa), "과(와)");
        assert_eq!(particle("#", EuroRo), "(으)로");
    }
}
