//! Correctness under load: on 20,000 generated people, the index finds exactly what the naive
//! reference matcher finds, with the same tier, for every query.

use std::collections::{BTreeSet, HashMap};

use netday::generate::people_and_orgs;
use netday::search::{SearchIndex, Tier, naive_tier};

const QUERIES: [&str; 32] = [
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
];

#[test]
fn index_matches_naive_reference_on_20000_people() {
    let (orgs, people) = people_and_orgs(20_000, 42);
    let org_name: HashMap<u64, &str> = orgs.iter().map(|o| (o.id, o.name.as_str())).collect();
    let mut ix = SearchIndex::new();
    ix.reserve(people.len());
    // Badge codes as the store gives them.
    let rows: Vec<(u64, &str, &str, String)> = people
        .iter()
        .map(|p| {
            let org = p
                .org_id
                .and_then(|o| org_name.get(&o).copied())
                .unwrap_or("");
            (p.id, p.name.as_str(), org, netday::model::badge_code(p.id))
        })
        .collect();
    for (id, name, org, code) in &rows {
        ix.upsert(*id, name, org, code);
    }
    // A couple of badge-code queries too.
    let code_q = rows[1234].3.to_lowercase();
    let mut queries: Vec<&str> = QUERIES.to_vec();
    queries.push(&code_q);
    let mut out = Vec::new();
    let mut total = 0;
    for q in queries {
        ix.search(q, &mut out);
        let fast: BTreeSet<(u64, Tier)> = out.iter().map(|h| (h.id, h.tier)).collect();
        assert_eq!(fast.len(), out.len(), "{q}: duplicate ids");
        let naive: BTreeSet<(u64, Tier)> = rows
            .iter()
            .filter_map(|(id, name, org, code)| naive_tier(q, name, org, code).map(|t| (*id, t)))
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
