//! The whole ranked answer (hits, their order, the count) of the index against a reference that
//! ranks the naive matcher's tiers by the documented order, over synthetic people.

use std::collections::{HashMap, HashSet};

use super::*;

struct Row {
    id: Id,
    name: String,
    org: String,
    code: String,
    phone: String,
}

/// Synthetic people, plus a few that take the rarer paths: names longer than the packed
/// initials hold, Latin names, a literal jamo, an empty organisation.
fn rows() -> Vec<Row> {
    let (orgs, people) = crate::synthetic::people_and_orgs(3_000, 7);
    let org_name: HashMap<Id, &str> = orgs.iter().map(|o| (o.id, o.name.as_str())).collect();
    let mut rows: Vec<Row> = people
        .iter()
        .map(|p| Row {
            id: p.id,
            name: p.name.clone(),
            org: p
                .org_id
                .and_then(|o| org_name.get(&o).copied())
                .unwrap_or("")
                .to_string(),
            code: format!("C{:04X}", p.id),
            phone: p.phone.clone(),
        })
        .collect();
    let extra = [
        ("김가나다라마바사아자차카타파", "가나협동조합"),
        ("고길동고길동고길동고길동고", ""),
        ("Kim Minjun", "Gangnam Co-op"),
        ("ㄱ민수", "ㄱㄱ모임"),
        ("  강 민  ", "태릉 신협"),
        ("Ann", "1187 협동조합"),
    ];
    for (k, (name, org)) in extra.into_iter().enumerate() {
        rows.push(Row {
            id: 900_000 + k as Id,
            name: name.to_string(),
            org: org.to_string(),
            code: String::new(),
            phone: String::new(),
        });
    }
    rows
}

/// The documented order: tier, then the ids ranked later, then the trimmed name's length in
/// chars, then the trimmed name, then the id.
fn reference(rows: &[Row], q: &str, later: &HashSet<Id>) -> Vec<Hit> {
    let mut found: Vec<(Tier, bool, usize, &str, Id)> = rows
        .iter()
        .filter_map(|r| {
            let tier = naive_tier(q, &r.name, &r.org, &r.code, &r.phone)?;
            let name = r.name.trim();
            Some((
                tier,
                later.contains(&r.id),
                name.chars().count(),
                name,
                r.id,
            ))
        })
        .collect();
    found.sort();
    found
        .into_iter()
        .map(|(tier, _, _, _, id)| Hit { id, tier })
        .collect()
}

fn queries(rows: &[Row]) -> Vec<String> {
    let mut qs: Vec<String> = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
        .chars()
        .map(String::from)
        .collect();
    qs.extend(
        [
            "ㄱㄱ",
            "ㄱㅁ",
            "ㅇㅅ",
            "ㄱㄱㅅ",
            "ㅈㅎㄴ",
            "ㄱㅁㅈㅎ",
            "ㅋㅋㅋㅋㅋ",
            "ㄱ ㅁ",
            "ㄱㅁ ㅌ",
            "김ㅁ",
            "ㄱ민",
            "ㅏ",
            "김",
            "기",
            "김민",
            "김미",
            "강미",
            "김깃",
            "정하눌",
            "태릉",
            "태릉 신협",
            "김민준 태릉",
            "kim",
            "Kim",
            "k",
            "rkdals",
            "rk",
            "Ann",
            "a",
            "1",
            "11",
            "1187",
            "010",
            "010-",
            "  ",
        ]
        .map(String::from),
    );
    for r in rows.iter().step_by(997) {
        qs.push(r.code.to_lowercase());
        qs.push(
            r.phone
                .chars()
                .rev()
                .take(4)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect(),
        );
        let name: Vec<char> = r.name.chars().collect();
        qs.push(name.iter().take(2).collect());
        qs.push(name.iter().filter_map(|&c| initial_of(c)).collect());
    }
    qs
}

#[test]
fn every_ranked_answer_is_the_reference_order() {
    let rows = rows();
    let mut ix = SearchIndex::new();
    for r in &rows {
        ix.upsert(r.id, &r.name, &r.org, &r.code, &r.phone);
    }
    // Who has arrived: every seventh person goes after the others of their tier.
    let later: HashSet<Id> = rows.iter().step_by(7).map(|r| r.id).collect();
    let none = HashSet::new();
    let mut out = Vec::new();
    let mut checked = 0;
    for q in queries(&rows) {
        let want = reference(&rows, &q, &none);
        ix.forget_recent();
        ix.search(&q, &mut out);
        assert_eq!(out, want, "search {q:?}");
        for limit in [1, 20, 1000] {
            ix.forget_recent();
            let total = ix.search_top(&q, limit, &mut out);
            assert_eq!(total, want.len(), "count {q:?}");
            assert_eq!(out, want[..want.len().min(limit)], "top {limit} {q:?}");
        }
        let want_later = reference(&rows, &q, &later);
        ix.forget_recent();
        let total = ix.search_top_ranked(&q, 50, later.iter().copied(), &mut out);
        assert_eq!(total, want_later.len(), "ranked count {q:?}");
        assert_eq!(out, want_later[..want_later.len().min(50)], "ranked {q:?}");
        ix.forget_recent();
        assert_eq!(ix.count(&q), want.len(), "count() {q:?}");
        let mut ids = Vec::new();
        ix.matching_ids(&q, &mut ids);
        ids.sort_unstable();
        let mut want_ids: Vec<Id> = want.iter().map(|h| h.id).collect();
        want_ids.sort_unstable();
        assert_eq!(ids, want_ids, "matching_ids {q:?}");
        checked += want.len();
    }
    // The queries find people: the comparison is not between two empty lists.
    assert!(checked > 20_000, "{checked}");
}

/// The same, typed one key at a time: every keystroke narrowed to the one before it.
#[test]
fn every_keystroke_ranks_as_the_reference() {
    let rows = rows();
    let mut ix = SearchIndex::new();
    for r in &rows {
        ix.upsert(r.id, &r.name, &r.org, &r.code, &r.phone);
    }
    let none = HashSet::new();
    let mut out = Vec::new();
    for q in [
        "김민준",
        "ㄱㄱㅅ",
        "강미",
        "정하늘",
        "ㄱㅁ ㅌ",
        "rkdals",
        "1187",
    ] {
        ix.forget_recent();
        let (mut done, mut ime) = (String::new(), Composer::default());
        for key in jamo_keys(q) {
            done.push_str(&ime.push(key));
            let typed = format!("{done}{}", ime.composing());
            let total = ix.search_top(&typed, 100, &mut out);
            let want = reference(&rows, &typed, &none);
            assert_eq!(total, want.len(), "count {typed:?}");
            assert_eq!(out, want[..want.len().min(100)], "{typed:?}");
        }
    }
}

/// An index read back from its bytes (looked up by its sorted columns until its first change)
/// answers as the one it was saved from: before any change, after changes, and saved again.
#[test]
fn a_loaded_index_answers_as_the_built_one() {
    let rows = rows();
    let mut built = SearchIndex::new();
    for r in &rows {
        built.upsert(r.id, &r.name, &r.org, &r.code, &r.phone);
    }
    // An alias, and a code two people share.
    built.upsert_with_aliases(rows[5].id, &rows[5].name, "", "X1", &["ZZ9".into()], "");
    built.upsert(
        rows[6].id,
        &rows[6].name,
        &rows[6].org,
        "x1",
        &rows[6].phone,
    );
    let mut loaded = SearchIndex::from_bytes(&built.to_bytes()).expect("loads");
    let later: Vec<Id> = rows.iter().step_by(5).map(|r| r.id).collect();
    let mut qs = queries(&rows);
    qs.extend(["x1", "zz9", "X 1"].map(String::from));
    let same = |a: &SearchIndex, b: &SearchIndex, qs: &[String]| {
        let (mut x, mut y) = (Vec::new(), Vec::new());
        for q in qs {
            let n = a.search_top_ranked(q, 200, later.iter().copied(), &mut x);
            let m = b.search_top_ranked(q, 200, later.iter().copied(), &mut y);
            assert_eq!((n, &x), (m, &y), "{q:?}");
        }
    };
    same(&built, &loaded, &qs);
    for r in &rows {
        assert_eq!(loaded.display_name(r.id), built.display_name(r.id));
        assert_eq!(loaded.tier_of("ㄱ", r.id), built.tier_of("ㄱ", r.id));
    }
    assert_eq!(loaded.display_name(123_456_789), None);
    let again = SearchIndex::from_bytes(&loaded.to_bytes()).expect("loads again");
    same(&built, &again, &qs);
    // Changes: a new person with a code already held, one removed, one moved to another org.
    for ix in [&mut built, &mut loaded] {
        ix.upsert(5_000_000, "김새봄", "태릉신협", "X1", "010-1234-1187");
        ix.remove(rows[7].id);
        ix.upsert(
            rows[8].id,
            &rows[8].name,
            "새마을협동조합",
            &rows[8].code,
            "",
        );
        ix.upsert(rows[6].id, &rows[6].name, &rows[6].org, "Y2", "");
    }
    qs.extend(["y2", "새마을", "김새"].map(String::from));
    same(&built, &loaded, &qs);
    assert_eq!(loaded.display_name(rows[7].id), None);
    assert_eq!(loaded.display_name(5_000_000), Some("김새봄"));
}
