//! The naive reference matcher: slow and obvious, compiled for tests only, so the fast path
//! can be checked against it.

use super::*;

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
            let kind = if (has_consonant || !exact) && start == 0 {
                Kind::FuzzyStart
            } else if has_consonant || !exact {
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

/// A query of 3..=11 syllables with one syllable substituted, missing or extra.
fn naive_one_syllable_away(q: &[char], name: &[char]) -> bool {
    if q.len() < 3 || q.len() >= 12 || !q.iter().all(|&c| is_syllable(c)) {
        return false;
    }
    if q.len() == name.len() {
        return (0..q.len()).filter(|&i| q[i] != name[i]).count() == 1;
    }
    let drop_one = |long: &[char], short: &[char]| {
        (0..long.len()).any(|i| {
            let mut l = long.to_vec();
            l.remove(i);
            l == short
        })
    };
    drop_one(name, q) || drop_one(q, name)
}

/// Naive reference matcher (slow, obviously correct): the tier this entry would get, or `None`.
pub fn naive_tier(query: &str, name: &str, org: &str, code: &str, phone: &str) -> Option<Tier> {
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
    let q_trim = query.trim();
    if q_trim
        .chars()
        .all(|c| c.is_ascii_digit() || "-.()+".contains(c) || c.is_whitespace())
    {
        let mut digits: String = q_trim.chars().filter(char::is_ascii_digit).collect();
        if q_trim.starts_with('+') && digits.starts_with("82") {
            let rest = &digits[2..];
            digits = format!("0{}", rest.strip_prefix('0').unwrap_or(rest));
        }
        let phone_d: String = phone.chars().filter(char::is_ascii_digit).collect();
        if digits.len() >= 4 && phone_d.ends_with(&digits) {
            return Some(Tier::Phone);
        }
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
            Kind::FuzzyStart => Tier::NameConsonantStart,
            Kind::Fuzzy => Tier::NameConsonant,
        });
    }
    let mut cuts: Vec<usize> = q_trim
        .char_indices()
        .filter(|(_, c)| c.is_whitespace())
        .map(|(i, _)| i)
        .collect();
    if cuts.len() > 2 {
        cuts.drain(1..cuts.len() - 1);
    }
    for at in cuts {
        let (head, tail) = (
            normalize_query(&q_trim[..at]),
            normalize_query(&q_trim[at..]),
        );
        if !head.is_empty()
            && !tail.is_empty()
            && naive_kind(&head, &name_n).is_some()
            && naive_kind(&tail, &org_n).is_some()
        {
            return Some(Tier::NameOrg);
        }
    }
    if let Some(k) = naive_kind(&q, &org_n) {
        return Some(match k {
            Kind::Exact | Kind::Prefix => Tier::OrgPrefix,
            Kind::Substring => Tier::OrgSubstring,
            Kind::FuzzyStart | Kind::Fuzzy => Tier::OrgConsonant,
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
    (!q_trim.contains(char::is_whitespace) && naive_one_syllable_away(&q, &name_n))
        .then_some(Tier::NameTypo)
}
