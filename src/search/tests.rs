use std::collections::{BTreeSet, HashMap};

use super::*;

#[test]
fn saved_index_loads_back_and_answers_the_same() {
    let mut ix = SearchIndex::new();
    ix.upsert(1, "김민준", "태릉 신협", "AB23", "");
    ix.upsert(2, "강미영", "햇살생협", "CD45", "");
    ix.upsert(3, "이서준", "태릉신협", "EF67", "");
    ix.upsert(2, "강미라", "마을목공협동조합", "CD45", "");
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
        ix.upsert(id, n, o, c, "");
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
        naive_tier(q, name, "", "", ""),
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
    assert_eq!(tier("ㄱㄱㅅ", "김기성"), Some(Tier::NameConsonantStart));
    assert_eq!(tier("ㄱㅅ", "김기성"), Some(Tier::NameConsonant));
    assert!(finds("ㄱㅅ", "김기성"));
    assert!(finds("ㅌㄹㅅㅎ", "태릉신협"));
    assert!(!finds("ㄱㅅㄱ", "김기성"));
    assert!(!finds("ㄲ", "김기성"));
    assert!(finds("ㄲ", "까치"));
    assert!(!finds("ㄱㄱㅅㅅ", "김기성"));
}

#[test]
fn 혼합_검색() {
    assert_eq!(tier("김ㄱ", "김기성"), Some(Tier::NameConsonantStart));
    assert!(finds("기ㅅ", "김기성"));
    assert!(finds("ㄱ기", "김기성"));
    assert!(!finds("기ㄱ", "김기성"));
    // ㄳ typed by some IMEs for ㄱ+ㅅ
    assert!(finds("ㄱㄳ", "김기성"));
}

#[test]
fn 마지막_글자_받침_없음() {
    assert_eq!(tier("강미", "강민수"), Some(Tier::NameConsonantStart));
    assert_eq!(tier("강미", "강미영"), Some(Tier::NamePrefix));
    assert!(!finds("가민", "강민수"));
    // compound medial still composing: 고 → 과
    assert!(finds("고", "곽철수"));
    assert!(finds("그", "의긔"));
    assert!(!finds("과", "고철"));
}

#[test]
fn 마지막_글자_받침_다음_초성() {
    assert_eq!(tier("김깃", "김기성"), Some(Tier::NameConsonantStart));
    assert!(!finds("감", "강민수"));
    assert!(!finds("김긱", "김기성"));
    // final still composing into a compound final: 달 → 닭
    assert!(finds("달", "닭집"));
    // double-consonant final as next initial
    assert!(finds("갂", "가까"));
}

#[test]
fn 겹받침_분리() {
    assert_eq!(tier("태릉싢", "태릉신협"), Some(Tier::NameConsonantStart));
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
    assert_eq!(
        naive_tier("K7 M3", "홍길동", "", "k7m3", ""),
        Some(Tier::Code)
    );
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
    assert_eq!(naive_tier(" ", "강민수", "", "", ""), None);
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
            Tier::NameConsonantStart,
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
    ix.upsert(1, "강민수", "", "", "");
    ix.upsert(2, "김기성", "", "", "");
    ix.upsert(3, "태릉", "", "", "");
    assert_eq!(ix.len(), 3);
    ix.upsert(1, "홍길동", "", "", "");
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
            ix.upsert(100 + id, &format!("이름{round}{id}"), "조직", "", "");
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
    "김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권", "황",
    "안", "송", "류", "홍",
];
const GIVEN: [&str; 40] = [
    "민", "수", "기", "성", "영", "희", "지", "현", "준", "서", "연", "우", "진", "호", "철", "은",
    "혜", "미", "곽", "광", "닭", "읽", "괜", "값", "없", "앉", "많", "싫", "흙", "얹", "가", "까",
    "각", "갔", "외", "의", "신", "협", "나", "리",
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
        1 => {
            s.push(compose(r.below(19) as u8, r.below(21) as u8, r.below(28) as u8).unwrap_or('가'))
        }
        _ => s.push_str(r.pick(&SURNAMES)),
    }
    for _ in 0..1 + r.below(3) {
        if r.below(6) == 0 {
            s.push(
                compose(r.below(19) as u8, r.below(21) as u8, r.below(28) as u8).unwrap_or('가'),
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
            q[last] =
                compose(r.below(19) as u8, r.below(21) as u8, r.below(28) as u8).unwrap_or('가');
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
            let phone = match r.below(4) {
                0 => String::new(),
                1 => format!("02-{}-{:04}", 200 + r.below(800), r.below(10_000)),
                _ => format!("010-{:04}-{:04}", r.below(10_000), r.below(10_000)),
            };
            ix.upsert(id, &name, &org, &code, &phone);
            entries.push((id, name, org, code, phone));
        }
        let mut out = Vec::new();
        for qn in 0..45 {
            let src = &entries[r.below(entries.len())];
            let q = match qn % 9 {
                0 => src.3.clone(),
                1 if !src.2.is_empty() => random_query(&mut r, &src.2),
                2 if src.4.len() > 4 => {
                    // the whole number, its digits, or its last four
                    let digits: String = src.4.chars().filter(char::is_ascii_digit).collect();
                    let cut = digits.len() - 4;
                    [src.4.clone(), digits.clone(), digits[cut..].to_string()][r.below(3)].clone()
                }
                3 if !src.2.is_empty() => {
                    // name, a space, the start of the organisation
                    let org: String = src.2.chars().take(1 + r.below(3)).collect();
                    format!("{} {org}", src.1)
                }
                4 => {
                    // one syllable changed, dropped or doubled
                    let mut cs: Vec<char> = src.1.chars().collect();
                    let i = r.below(cs.len());
                    match r.below(3) {
                        0 => cs[i] = r.pick(&['눌', '민', '가', '힣']),
                        1 => {
                            cs.remove(i);
                        }
                        _ => cs.insert(i, cs[i]),
                    }
                    cs.into_iter().collect()
                }
                _ => random_query(&mut r, &src.1),
            };
            ix.search(&q, &mut out);
            let fast: HashMap<Id, Tier> = out.iter().map(|h| (h.id, h.tier)).collect();
            assert_eq!(fast.len(), out.len());
            for (id, n, o, c, ph) in &entries {
                let naive = naive_tier(&q, n, o, c, ph);
                assert_eq!(
                    fast.get(id).copied(),
                    naive,
                    "round {round} query {q:?} name {n:?} org {o:?} code {c:?} phone {ph:?}"
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
            assert_eq!(ix.tier_of(&ime, 1), naive_tier(&ime, &name, "", "", ""));
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
        ix.upsert(
            id,
            &name,
            &orgs[r.below(orgs.len())],
            &format!("K{id:05}"),
            &format!("010-{:04}-{:04}", r.below(10_000), r.below(10_000)),
        );
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
        ix.upsert(id, name, "한울신협", "", "");
    }
    let mut out = Vec::new();
    let total = ix.search_top("ㄱ", 2, &mut out);
    assert_eq!(total, 4);
    assert_eq!(total, ix.count("ㄱ"));
    assert_eq!(out.len(), 2);
    assert_eq!(ix.search_top("ㅋ", 2, &mut out), 0);
    assert!(out.is_empty());
}

// Correctness under load: on 20,000 generated people, the index finds exactly what the naive
// reference matcher finds, with the same tier, for every query.

const QUERIES: [&str; 38] = [
    "ㄱ",
    "ㄱㄱ",
    "ㄱㄱㅅ",
    "ㅂㅈㅎ",
    "ㅅㅎ",
    "강미",
    "김깃",
    "김민",
    "김민준",
    "이서",
    "박",
    "최지",
    "정",
    "제갈",
    "남궁민",
    "황보",
    "선우",
    "독고",
    "kim",
    "rkdals",
    "dlwl",
    "qkr",
    "tlsgy",
    "ㅋㅋㅋㅋㅋ",
    "신협",
    "생협",
    "태릉",
    "태릉신협",
    "햇살",
    "지원센터",
    "ㅁㅈ",
    "zzzz",
    "김민쥰",
    "김준",
    "김민민준",
    "김민준 태릉",
    "이서 햇살",
    "010-",
];

#[test]
fn index_matches_naive_reference_on_20000_people() {
    let (orgs, people) = crate::synthetic::people_and_orgs(20_000, 42);
    let org_name: HashMap<u64, &str> = orgs.iter().map(|o| (o.id, o.name.as_str())).collect();
    let mut ix = SearchIndex::new();
    ix.reserve(people.len());
    // Badge codes as the store gives them.
    let rows: Vec<(u64, &str, &str, String, &str)> = people
        .iter()
        .map(|p| {
            let org = p
                .org_id
                .and_then(|o| org_name.get(&o).copied())
                .unwrap_or("");
            (
                p.id,
                p.name.as_str(),
                org,
                format!("C{:05X}", p.id),
                p.phone.as_str(),
            )
        })
        .collect();
    for (id, name, org, code, phone) in &rows {
        ix.upsert(*id, name, org, code, phone);
    }
    // A couple of badge-code queries too.
    let code_q = rows[1234].3.to_lowercase();
    let phone_q = rows[4321].4.to_string();
    let tail_q = phone_q.chars().rev().take(4).collect::<String>();
    let tail_q: String = tail_q.chars().rev().collect();
    let mut queries: Vec<&str> = QUERIES.to_vec();
    queries.extend([code_q.as_str(), phone_q.as_str(), tail_q.as_str()]);
    let mut out = Vec::new();
    let mut total = 0;
    for q in queries {
        ix.search(q, &mut out);
        let fast: BTreeSet<(u64, Tier)> = out.iter().map(|h| (h.id, h.tier)).collect();
        assert_eq!(fast.len(), out.len(), "{q}: duplicate ids");
        let naive: BTreeSet<(u64, Tier)> = rows
            .iter()
            .filter_map(|(id, name, org, code, phone)| {
                naive_tier(q, name, org, code, phone).map(|t| (*id, t))
            })
            .collect();
        assert_eq!(fast, naive, "query {q}");
        // Best first: tiers never get better down the list.
        assert!(out.windows(2).all(|w| w[0].tier <= w[1].tier), "{q}: order");
        // search_top keeps exactly the first hits of the full order.
        let mut top = Vec::new();
        ix.search_top(q, 50, &mut top);
        assert_eq!(top.as_slice(), &out[..out.len().min(50)], "{q}: top 50");
        assert_eq!(ix.count(q), out.len(), "{q}: count");
        total += out.len();
    }
    // The generated names make the queries meaningful: most of them hit something.
    assert!(total > 20_000, "{total}");
    ix.search("ㅋㅋㅋㅋㅋ", &mut out);
    assert!(out.is_empty());
    ix.search("김민", &mut out);
    assert!(out.iter().any(|h| h.tier == Tier::ExactName));
    ix.search("rkdals", &mut out);
    assert!(out.iter().any(|h| h.tier == Tier::KeyboardName));
}

#[test]
fn 한_음절_오타() {
    assert_eq!(tier("정하눌", "정하늘"), Some(Tier::NameTypo));
    assert_eq!(tier("정하누", "정하늘"), Some(Tier::NameTypo));
    assert_eq!(tier("남지혜", "남궁지혜"), Some(Tier::NameTypo));
    assert_eq!(
        tier("정늘", "정하늘"),
        None,
        "two syllables typed: no typo tier"
    );
    assert_eq!(tier("정하하늘", "정하늘"), Some(Tier::NameTypo));
    assert_eq!(tier("하늘", "정하늘"), Some(Tier::NameSubstring));
    // two syllables off, or a two-syllable name with one of two different: not the same person
    assert!(!finds("정하눌", "정화늘"));
    assert!(!finds("정하눌", "장하눌이"));
    assert!(!finds("김밍", "김민"));
    assert!(!finds("ㅈㅎㅁ", "정하눈"), "initials get no typo tier");
    // an exact hit stays first
    let ix = idx(&[
        (1, "정하늘", "", ""),
        (2, "정하눌", "", ""),
        (3, "정하눌림", "", ""),
    ]);
    let ids: Vec<(Id, Tier)> = find(&ix, "정하눌").iter().map(|h| (h.id, h.tier)).collect();
    assert_eq!(
        ids,
        vec![
            (2, Tier::ExactName),
            (3, Tier::NamePrefix),
            (1, Tier::NameTypo)
        ]
    );
}

#[test]
fn 전화번호() {
    let mut ix = SearchIndex::new();
    ix.upsert(1, "김기성", "한울신협", "", "010-2041-1187");
    ix.upsert(2, "노준영", "남산마을신협", "", "010-9342-1178");
    ix.upsert(3, "장은서", "지원센터", "", "02-2133-4401");
    ix.upsert(4, "강민수", "", "", "");
    for q in [
        "1187",
        "2041-1187",
        "010-2041-1187",
        "01020411187",
        "010 2041 1187",
        "+82 10-2041-1187",
    ] {
        let hits = find(&ix, q);
        assert_eq!(
            hits,
            vec![Hit {
                id: 1,
                tier: Tier::Phone
            }],
            "{q}"
        );
        assert_eq!(ix.tier_of(q, 1), Some(Tier::Phone));
        assert_eq!(
            naive_tier(q, "김기성", "한울신협", "", "010-2041-1187"),
            Some(Tier::Phone)
        );
    }
    assert_eq!(find(&ix, "4401")[0].id, 3);
    // the middle of a number, or fewer than four digits, is not a phone search
    assert!(find(&ix, "2041").is_empty());
    assert!(find(&ix, "187").is_empty());
    assert!(find(&ix, "010-").is_empty());
    // a changed number is found by the new one only
    ix.upsert(1, "김기성", "한울신협", "", "010-5555-0001");
    assert!(find(&ix, "1187").is_empty());
    assert_eq!(find(&ix, "0001")[0].id, 1);
    ix.remove(1);
    assert!(find(&ix, "0001").is_empty());
}

#[test]
fn 이름과_소속() {
    let ix = idx(&[
        (1, "김민지", "햇살생협", ""),
        (2, "김민지", "두레밥상생협", ""),
        (3, "정하늘", "다솜협동조합", ""),
        (4, "정하늘", "한울신협", ""),
        (5, "Alex Kim", "지역사회경제네트워크", ""),
    ]);
    let hits = find(&ix, "정하늘 다솜");
    assert_eq!(
        hits,
        vec![Hit {
            id: 3,
            tier: Tier::NameOrg
        }]
    );
    assert_eq!(find(&ix, "김민지 두레")[0].id, 2);
    assert_eq!(find(&ix, "김민지 두레").len(), 1);
    // a space asks for name and organisation: 김민지 + one syllable is no typo of 김민지 then
    assert_eq!(
        find(&ix, "김민지 햇"),
        vec![Hit {
            id: 1,
            tier: Tier::NameOrg
        }]
    );
    assert_eq!(find(&ix, "ㄱㅁㅈ 햇살")[0].id, 1);
    // a name with a space in it: split at the last space
    assert_eq!(find(&ix, "alex kim 지역")[0].id, 5);
    // without a space the whole text is one name or one organisation
    assert!(find(&ix, "정하늘다솜").is_empty());
    assert_eq!(
        naive_tier("정하늘 다솜", "정하늘", "다솜협동조합", "", ""),
        Some(Tier::NameOrg)
    );
    assert_eq!(
        naive_tier("정하늘 다솜", "정하늘", "한울신협", "", ""),
        None
    );
}

#[test]
fn 초성_하나는_첫_글자부터() {
    let ix = idx(&[
        (1, "김하늘", "", ""),
        (2, "한지민", "", ""),
        (3, "강하나", "", ""),
        (4, "허윤", "", ""),
    ]);
    let hits = find(&ix, "ㅎ");
    let ids: Vec<Id> = hits.iter().map(|h| h.id).collect();
    assert_eq!(ids, vec![4, 2, 3, 1]);
    assert_eq!(hits[0].tier, Tier::NameConsonantStart);
    assert_eq!(hits[2].tier, Tier::NameConsonant);
}

#[test]
fn 이미_도착한_사람은_같은_등급에서_뒤로() {
    let ix = idx(&[
        (1, "김기성", "", ""),
        (2, "김기성", "", ""),
        (3, "김기", "", ""),
        (4, "김기성수", "", ""),
    ]);
    let mut out = Vec::new();
    ix.search_top_ranked("김기", 10, [3, 1], &mut out);
    let got: Vec<(Id, Tier)> = out.iter().map(|h| (h.id, h.tier)).collect();
    // the exact name stays first though arrived; among the prefix hits the expected come first
    assert_eq!(
        got,
        vec![
            (3, Tier::ExactName),
            (2, Tier::NamePrefix),
            (4, Tier::NamePrefix),
            (1, Tier::NamePrefix)
        ]
    );
    // ids not in the index are ignored; no ids = the usual order
    ix.search_top_ranked("김기", 10, [99], &mut out);
    let mut plain = Vec::new();
    ix.search_top("김기", 10, &mut plain);
    assert_eq!(out, plain);
    assert_eq!(plain[1].id, 1);
}

#[test]
fn a_cache_in_another_layout_is_not_read() {
    let mut ix = SearchIndex::new();
    ix.upsert(1, "김기성", "한울신협", "AB23", "010-2041-1187");
    let bytes = ix.to_bytes();
    assert!(SearchIndex::from_bytes(&bytes).is_some());
    // The layout before phone numbers were indexed, under its own name.
    let mut old = bytes.clone();
    old[..8].copy_from_slice(b"NDSIDX02");
    assert!(SearchIndex::from_bytes(&old).is_none());
    // And that layout itself (no phone span, no tail per entry) does not load either.
    let mut v2 = b"NDSIDX02".to_vec();
    v2.extend_from_slice(&bytes[8..16]);
    let per_entry = 8 + 8 + 16 + 8 + 4 + 8 + 8 + 8;
    v2.extend_from_slice(&bytes[16..16 + per_entry]);
    v2.extend_from_slice(&bytes[16 + per_entry + 10..]);
    assert!(SearchIndex::from_bytes(&v2).is_none());
    let back = SearchIndex::from_bytes(&bytes).expect("loads");
    let mut out = Vec::new();
    back.search("1187", &mut out);
    assert_eq!(
        out,
        vec![Hit {
            id: 1,
            tier: Tier::Phone
        }]
    );
}

/// Typing keystroke by keystroke (jamo through the IME, Latin keys, digits, spaces,
/// backspaces), each query narrowed to the hits of the ones before it, finds and ranks exactly
/// what a search from scratch finds; so does a change to the index in between.
#[test]
fn narrowing_each_keystroke_gives_what_a_fresh_search_gives() {
    let mut r = Rng(0xDEAD_BEEF_1234_5678);
    let (mut typed, mut fresh) = (SearchIndex::new(), SearchIndex::new());
    let mut entries = Vec::new();
    for id in 0..1500u64 {
        let name = random_name(&mut r);
        let org = if r.below(3) == 0 {
            String::new()
        } else {
            random_name(&mut r) + "협"
        };
        let code = format!("k{}", r.below(400));
        let phone = match r.below(3) {
            0 => String::new(),
            _ => format!("010-{:04}-{:04}", r.below(10_000), r.below(10_000)),
        };
        for ix in [&mut typed, &mut fresh] {
            ix.upsert(id, &name, &org, &code, &phone);
        }
        entries.push((name, org, code, phone));
    }
    let before = NARROWED.with(|n| n.get());
    let (mut a, mut b) = (Vec::new(), Vec::new());
    let mut queries = 0;
    for round in 0..160 {
        let (name, org, code, phone) = entries[r.below(entries.len())].clone();
        let keys: Vec<char> = match round % 8 {
            0..=2 => jamo_keys(&name),
            3 if !org.is_empty() => jamo_keys(&format!("{name} {org}")),
            4 => hangul_to_keyboard(&name).chars().collect(),
            5 => phone
                .chars()
                .rev()
                .take(6)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect(),
            6 => code.chars().collect(),
            _ => {
                // a mistyped name: one syllable changed
                let mut cs: Vec<char> = name.chars().collect();
                let i = r.below(cs.len());
                cs[i] = r.pick(&['눌', '민', '가', '닭', '읽']);
                jamo_keys(&cs.into_iter().collect::<String>())
            }
        };
        let (mut done, mut ime) = (String::new(), Composer::default());
        let mut k = 0;
        while k < keys.len() {
            if r.below(7) == 0 {
                if !ime.pop() {
                    done.pop();
                }
            } else if r.below(12) == 0 && !done.is_empty() {
                // a space put in earlier, the cursor moved back (`김민` → `김 민`)
                let at: Vec<usize> = done.char_indices().map(|(i, _)| i).collect();
                done.insert(at[r.below(at.len())], ' ');
            } else {
                done.push_str(&ime.push(keys[k]));
                k += 1;
            }
            if r.below(60) == 0 {
                let id = r.below(entries.len()) as u64;
                let name = random_name(&mut r);
                for ix in [&mut typed, &mut fresh] {
                    ix.upsert(id, &name, "", "", "");
                }
            }
            let q = format!("{done}{}", ime.composing());
            typed.search(&q, &mut a);
            fresh.forget_recent();
            fresh.search(&q, &mut b);
            assert_eq!(a, b, "round {round}, query {q:?}");
            let n = typed.search_top_ranked(&q, 5, [3, 5, 8], &mut a);
            fresh.forget_recent();
            assert_eq!(n, fresh.search_top_ranked(&q, 5, [3, 5, 8], &mut b));
            assert_eq!(a, b, "top 5 of {q:?}");
            queries += 1;
        }
    }
    // The narrowing really ran, for most keystrokes.
    let narrowed = NARROWED.with(|n| n.get()) - before;
    assert!(narrowed * 2 > queries, "{narrowed} of {queries}");
}

#[test]
fn covers_follows_the_ime() {
    let c = |a: &str, b: &str| covers(&normalize_query(a), &normalize_query(b));
    for (a, b) in [
        ("ㄱ", "기"),
        ("기", "김"),
        ("김", "기미"),
        ("김", "김민"),
        ("고", "과"),
        ("달", "닭"),
        ("닭", "달기"),
        ("앉", "안자"),
        ("김민", "김민"),
        ("ㄱ", "ㄱㄱ"),
        ("ki", "kim"),
    ] {
        assert!(c(a, b), "{a} covers {b}");
    }
    for (a, b) in [
        ("기미", "김민"),
        ("김", "기"),
        ("김", "기ㅁ"),
        ("김민", "김"),
        ("앉", "안"),
        ("과", "고"),
        ("ㄱ", "ㄴ"),
        ("k", "i"),
    ] {
        assert!(!c(a, b), "{a} does not cover {b}");
    }
}

/// A space put in the middle afterwards asks for a name and an organisation, which the query
/// without it did not: its hits are not the earlier ones narrowed.
#[test]
fn a_space_put_in_later_searches_afresh() {
    let ix = idx(&[(1, "김철수", "민들레협", ""), (2, "김민수", "", "")]);
    assert_eq!(find(&ix, "김민").len(), 1);
    let ids: Vec<Id> = find(&ix, "김 민").iter().map(|h| h.id).collect();
    assert_eq!(ids, [2, 1]);
}

/// A badge code shared by two entries finds both; taking it from one, or removing one, leaves
/// the other found; and a saved index finds them the same.
#[test]
fn a_code_twice_and_changed() {
    let code_hits = |ix: &SearchIndex, q: &str| -> Vec<Id> {
        let mut ids: Vec<Id> = find(ix, q)
            .iter()
            .filter(|h| h.tier == Tier::Code)
            .map(|h| h.id)
            .collect();
        ids.sort_unstable();
        ids
    };
    let mut ix = idx(&[
        (1, "가", "", "AB1"),
        (2, "나", "", "ab1"),
        (3, "다", "", "CD2"),
    ]);
    assert_eq!(code_hits(&ix, "ab1"), [1, 2]);
    let back = SearchIndex::from_bytes(&ix.to_bytes()).expect("loads");
    assert_eq!(code_hits(&back, "ab1"), [1, 2]);
    ix.upsert(1, "가", "", "XY9", "");
    assert_eq!(code_hits(&ix, "ab1"), [2]);
    assert_eq!(code_hits(&ix, "xy9"), [1]);
    ix.upsert(1, "가", "", "AB1", "");
    ix.remove(2);
    assert_eq!(code_hits(&ix, "ab1"), [1]);
    ix.remove(1);
    assert!(code_hits(&ix, "ab1").is_empty());
    assert_eq!(code_hits(&ix, "cd2"), [3]);
}

/// A syllable of the jamo a split rule decides about: compound finals and their halves
/// (값 갑 갓, 닭 달 닥), compound medials and theirs (과 고 가), and initials those halves become
/// when a final moves on to the next syllable (값 → 갑서, 닭 → 달기, 앉 → 안자).
fn confusable_syllable(r: &mut Rng) -> char {
    const INI: [char; 9] = ['ㄱ', 'ㄴ', 'ㄷ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅅ', 'ㅇ', 'ㅈ'];
    const MED: [char; 10] = ['ㅏ', 'ㅓ', 'ㅗ', 'ㅘ', 'ㅙ', 'ㅜ', 'ㅝ', 'ㅡ', 'ㅢ', 'ㅣ'];
    const FIN: [char; 15] = [
        '\0', '\0', 'ㄱ', 'ㄴ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅅ', 'ㄳ', 'ㄵ', 'ㄺ', 'ㄻ', 'ㄼ', 'ㄽ', 'ㅄ',
    ];
    let at = |table: &[char], c: char| table.iter().position(|&x| x == c).unwrap() as u8;
    compose(
        at(&INITIALS, r.pick(&INI)),
        at(&MEDIALS, r.pick(&MED)),
        at(&FINALS, r.pick(&FIN)),
    )
    .unwrap()
}

fn confusable_text(r: &mut Rng, syllables: usize) -> String {
    (0..syllables).map(|_| confusable_syllable(r)).collect()
}

/// For every two queries where the later one narrows to the earlier one's hits (a keystroke,
/// a compound final split or moved on: 갑 → 값 → 갑서, 달 → 닭 → 달기, 고 → 과), the narrowed
/// search finds and ranks exactly what a fresh search finds. The names are made of syllables
/// a wrong split rule confuses, so each such rule is seen wrong on some pair.
#[test]
fn every_query_that_narrows_another_finds_what_a_fresh_search_finds() {
    let mut r = Rng(0x0005_EED5_1A7E_C0DE);
    let mut ix = SearchIndex::new();
    let mut names = Vec::new();
    for id in 0..1200u64 {
        let syllables = 2 + r.below(2);
        let name = confusable_text(&mut r, syllables);
        let org = match r.below(3) {
            0 => String::new(),
            _ => confusable_text(&mut r, 2) + "협",
        };
        ix.upsert(id, &name, &org, "", "");
        names.push(name);
    }
    // Every state of typing a name (from its start or from a later syllable) or a text of
    // the same syllables, jamo by jamo through the IME, with a backspace now and then.
    let mut states = BTreeSet::new();
    for _ in 0..160 {
        let text: String = if r.below(3) == 0 {
            let syllables = 1 + r.below(3);
            confusable_text(&mut r, syllables)
        } else {
            let name: Vec<char> = names[r.below(names.len())].chars().collect();
            name[r.below(2)..].iter().collect()
        };
        let (mut done, mut ime) = (String::new(), Composer::default());
        for k in jamo_keys(&text) {
            done.push_str(&ime.push(k));
            states.insert(format!("{done}{}", ime.composing()));
            if r.below(6) == 0 {
                if !ime.pop() {
                    done.pop();
                }
                states.insert(format!("{done}{}", ime.composing()));
            }
        }
    }
    let queries: Vec<(String, Query)> = states
        .into_iter()
        .filter_map(|q| Query::compile(&q).map(|c| (q, c)))
        .collect();
    let before = NARROWED.with(|n| n.get());
    let (mut fresh, mut fresh_top, mut got) = (Vec::new(), Vec::new(), Vec::new());
    let mut pairs = 0;
    for (b, qb) in &queries {
        ix.forget_recent();
        ix.search(b, &mut fresh);
        ix.forget_recent();
        let n = ix.search_top_ranked(b, 5, [3, 5, 8], &mut fresh_top);
        for (a, _) in queries.iter().filter(|(a, qa)| a != b && qb.narrows(qa)) {
            ix.forget_recent();
            ix.search(a, &mut got);
            ix.search(b, &mut got);
            assert_eq!(got, fresh, "{b:?} narrowed to the hits of {a:?}");
            ix.forget_recent();
            ix.search(a, &mut got);
            assert_eq!(
                ix.search_top_ranked(b, 5, [3, 5, 8], &mut got),
                n,
                "{b:?} after {a:?}"
            );
            assert_eq!(got, fresh_top, "top 5 of {b:?} after {a:?}");
            pairs += 1;
        }
    }
    let narrowed = NARROWED.with(|n| n.get()) - before;
    assert!(pairs > 2000, "only {pairs} pairs");
    // The narrowing really ran, for most of them.
    assert!(
        narrowed > pairs,
        "{narrowed} narrowed searches for {pairs} pairs"
    );
}
