//! Rules about how people are reached and told apart: a Korean phone number's written form,
//! an e-mail address's shape, and the keys under which two spellings of one organisation,
//! name or phone number are the same.

use super::clean_line;

/// Full-width digits and the various dashes people paste, folded to ASCII.
fn fold_phone_char(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '－' => '-',
        '＋' => '+',
        '（' => '(',
        '）' => ')',
        '\u{3000}' | '\u{00A0}' => ' ',
        _ => c,
    }
}

fn group(d: &str, sizes: &[usize]) -> String {
    let mut parts = Vec::with_capacity(sizes.len());
    let mut at = 0;
    for &n in sizes {
        parts.push(&d[at..at + n]);
        at += n;
    }
    parts.join("-")
}

/// Korean phone number in its usual written form, or `None` when `s` is not a plausible one.
/// Empty input gives `Some("")` (no number is allowed). Accepts digits with spaces, dashes,
/// dots and parentheses, full-width forms, and `+82` (with or without the trunk `0`).
///
/// Mobile 010-XXXX-XXXX (and 011/016–019 with 3 or 4 middle digits), Seoul 02-XXX(X)-XXXX,
/// other area codes / 070 / 060 / 080 as 0XX-XXX(X)-XXXX, 050X-XXX(X)-XXXX, and the
/// eight-digit company numbers 15XX/16XX/18XX-XXXX.
pub fn normalize_phone(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() {
        return Some(String::new());
    }
    let mut digits = String::with_capacity(s.len());
    let mut plus = false;
    for (i, c) in s.chars().map(fold_phone_char).enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if i == 0 => plus = true,
            ' ' | '-' | '.' | '(' | ')' => {}
            _ => return None,
        }
    }
    if plus {
        let national = digits.strip_prefix("82")?;
        let national = national.strip_prefix('0').unwrap_or(national);
        digits = format!("0{national}");
    }
    let d = digits.as_str();
    let n = d.len();
    if n == 8 && (d.starts_with("15") || d.starts_with("16") || d.starts_with("18")) {
        return Some(group(d, &[4, 4]));
    }
    if d.starts_with("02") {
        return match n {
            9 => Some(group(d, &[2, 3, 4])),
            10 => Some(group(d, &[2, 4, 4])),
            _ => None,
        };
    }
    if n < 10 {
        return None;
    }
    match &d[..3] {
        "010" if n == 11 => Some(group(d, &[3, 4, 4])),
        "011" | "016" | "017" | "018" | "019" | "031" | "032" | "033" | "041" | "042" | "043"
        | "044" | "051" | "052" | "053" | "054" | "055" | "061" | "062" | "063" | "064" | "060"
        | "070" | "080" => match n {
            10 => Some(group(d, &[3, 3, 4])),
            11 => Some(group(d, &[3, 4, 4])),
            _ => None,
        },
        "050" => match n {
            11 => Some(group(d, &[4, 3, 4])),
            12 => Some(group(d, &[4, 4, 4])),
            _ => None,
        },
        _ => None,
    }
}

/// Whether `s` has the shape of an email address: one `@`, something before it, a domain with
/// a dot between non-empty labels, no spaces. Empty is valid (no address given).
pub fn valid_email(s: &str) -> bool {
    let s = s.trim();
    if s.is_empty() {
        return true;
    }
    if s.chars().any(|c| {
        c.is_whitespace()
            || c.is_control()
            || matches!(
                c,
                ',' | ';' | '<' | '>' | '"' | '(' | ')' | '[' | ']' | '\\'
            )
    }) {
        return false;
    }
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && domain
            .split('.')
            .all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'))
}

/// Key that makes `태릉 신협` and `태릉신협` the same organisation.
pub fn org_key(name: &str) -> String {
    name.split_whitespace().collect::<String>().to_lowercase()
}

/// Key that makes two spellings of one name agree (spaces, case and invisible characters aside).
pub fn name_key(name: &str) -> String {
    org_key(&clean_line(name))
}

/// The digits of a phone number, so two ways of writing one number compare equal.
pub fn phone_key(phone: &str) -> String {
    phone.chars().filter(|c| c.is_ascii_digit()).collect()
}

/// 010-1234-5678 → 010-****-5678: enough to tell two people apart, not enough to call them.
pub fn mask_phone(phone: &str) -> String {
    let parts: Vec<&str> = phone.split('-').collect();
    if parts.len() == 3 {
        return format!("{}-{}-{}", parts[0], "*".repeat(parts[1].len()), parts[2]);
    }
    let n = phone.chars().count();
    phone
        .chars()
        .enumerate()
        .map(|(i, c)| {
            if i + 4 < n && c.is_ascii_digit() && i >= 3 {
                '*'
            } else {
                c
            }
        })
        .collect()
}

/// kim@example.org → k**@example.org
pub fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!(
                "{first}{}@{domain}",
                "*".repeat(local.chars().count().saturating_sub(1).min(4))
            )
        }
        None => email.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_table() {
        let ok = [
            ("", ""),
            ("   ", ""),
            ("01012345678", "010-1234-5678"),
            ("010-1234-5678", "010-1234-5678"),
            ("010 1234 5678", "010-1234-5678"),
            ("010.1234.5678", "010-1234-5678"),
            (" 010-1234-5678 ", "010-1234-5678"),
            ("０１０－１２３４－５６７８", "010-1234-5678"),
            ("+82 10-1234-5678", "010-1234-5678"),
            ("+821012345678", "010-1234-5678"),
            ("+82 (0)10 1234 5678", "010-1234-5678"),
            ("+82-2-123-4567", "02-123-4567"),
            ("0111234567", "011-123-4567"),
            ("016-1234-5678", "016-1234-5678"),
            ("02-123-4567", "02-123-4567"),
            ("021234567", "02-123-4567"),
            ("0212345678", "02-1234-5678"),
            ("(02) 1234-5678", "02-1234-5678"),
            ("031-123-4567", "031-123-4567"),
            ("03112345678", "031-1234-5678"),
            ("064-712-3456", "064-712-3456"),
            ("070-1234-5678", "070-1234-5678"),
            ("080-123-4567", "080-123-4567"),
            ("0505-123-4567", "0505-123-4567"),
            ("1588-1234", "1588-1234"),
            ("16001234", "1600-1234"),
        ];
        for (input, want) in ok {
            assert_eq!(normalize_phone(input).as_deref(), Some(want), "{input:?}");
        }
        let bad = [
            "1234",
            "010-1234-567",
            "010-1234-56789",
            "0101234567",
            "02-12-345",
            "02-12345-67890",
            "+1 415 555 0100",
            "+82",
            "12345678",
            "010-1234-5678 (사무실)",
            "010-1234-5678 ext 2",
            "010+1234",
            "099-123-4567",
            "없음",
            "-",
            "010/1234/5678",
        ];
        for input in bad {
            assert_eq!(normalize_phone(input), None, "{input:?}");
        }
    }

    #[test]
    fn email_table() {
        let ok = [
            "",
            "  ",
            "kim@example.com",
            "kim.cs+net@coop.or.kr",
            "a@b.c",
            "홍길동@협동조합.한국",
            " kim@example.com ",
            "o'brien@ex-ample.org",
        ];
        for e in ok {
            assert!(valid_email(e), "{e:?}");
        }
        let bad = [
            "kim",
            "kim@",
            "@example.com",
            "kim@example",
            "kim@@example.com",
            "kim@a@b.com",
            "kim @example.com",
            "kim@exa mple.com",
            "kim@.com",
            "kim@example.",
            "kim@example..com",
            "kim@-ex.com",
            "a@b.com, c@d.com",
            "a@b.com;c@d.com",
            "<a@b.com>",
            "kim\u{7}@ex.com",
        ];
        for e in bad {
            assert!(!valid_email(e), "{e:?}");
        }
    }

    #[test]
    fn keys_ignore_spacing_case_and_invisible_characters() {
        assert_eq!(org_key("태릉 신협"), org_key("태릉신협"));
        assert_eq!(org_key(" Green  Coop "), "greencoop");
        assert_ne!(org_key("태릉신협"), org_key("태릉생협"));
        assert_eq!(name_key("김\u{200b}철 수"), name_key("김철수"));
        assert_eq!(name_key("Lee  Young-hee"), name_key("lee young-hee"));
        assert_eq!(phone_key("010-1234-5678"), phone_key("01012345678"));
        assert_eq!(phone_key("(02) 123-4567"), "021234567");
    }
}
