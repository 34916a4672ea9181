//! Synthetic people and organisations: realistic Korean names, organisations of every kind and
//! district, the same for the same seed. Pure (model types only), so `netday generate` writes
//! them and the search tests and benchmarks measure against them without a store.

use crate::model::{District, Id, OrgKind, Organization, Person, Ts};

/// splitmix64: small, fast, good enough for test data, and the same everywhere.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    /// True with probability `pct`/100.
    pub fn chance(&mut self, pct: usize) -> bool {
        self.below(100) < pct
    }
    pub fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }
}

/// Surnames with rough relative frequencies (per mille of the population, floor 1).
const SURNAMES: [(&str, u32); 100] = [
    ("김", 215),
    ("이", 147),
    ("박", 84),
    ("최", 47),
    ("정", 43),
    ("강", 23),
    ("조", 21),
    ("윤", 20),
    ("장", 19),
    ("임", 16),
    ("한", 15),
    ("오", 15),
    ("서", 15),
    ("신", 14),
    ("권", 14),
    ("황", 14),
    ("안", 13),
    ("송", 13),
    ("류", 12),
    ("전", 11),
    ("홍", 11),
    ("고", 9),
    ("문", 9),
    ("양", 9),
    ("손", 9),
    ("배", 8),
    ("백", 8),
    ("허", 6),
    ("유", 6),
    ("남", 5),
    ("심", 5),
    ("노", 5),
    ("하", 4),
    ("곽", 4),
    ("성", 4),
    ("차", 4),
    ("주", 4),
    ("우", 4),
    ("구", 4),
    ("민", 3),
    ("진", 3),
    ("지", 3),
    ("엄", 3),
    ("채", 2),
    ("원", 2),
    ("천", 2),
    ("방", 2),
    ("공", 2),
    ("현", 2),
    ("함", 2),
    ("변", 2),
    ("염", 2),
    ("여", 2),
    ("추", 2),
    ("도", 1),
    ("소", 1),
    ("석", 1),
    ("선", 1),
    ("설", 1),
    ("마", 1),
    ("길", 1),
    ("연", 1),
    ("위", 1),
    ("표", 1),
    ("명", 1),
    ("기", 1),
    ("반", 1),
    ("왕", 1),
    ("금", 1),
    ("옥", 1),
    ("육", 1),
    ("인", 1),
    ("맹", 1),
    ("제", 1),
    ("모", 1),
    ("탁", 1),
    ("국", 1),
    ("어", 1),
    ("은", 1),
    ("편", 1),
    ("용", 1),
    ("예", 1),
    ("경", 1),
    ("봉", 1),
    ("사", 1),
    ("부", 1),
    ("가", 1),
    ("복", 1),
    ("태", 1),
    ("목", 1),
    ("형", 1),
    ("피", 1),
    ("두", 1),
    ("감", 1),
    ("호", 1),
    ("제갈", 1),
    ("남궁", 1),
    ("황보", 1),
    ("선우", 1),
    ("독고", 1),
];

/// Syllables of given names (first and second position draw from overlapping sets).
const GIVEN_FIRST: [&str; 48] = [
    "민", "서", "지", "현", "준", "영", "수", "은", "우", "진", "하", "유", "연", "성", "정", "원",
    "재", "동", "호", "혜", "경", "상", "윤", "승", "태", "희", "주", "예", "나", "미", "다", "도",
    "채", "기", "용", "광", "종", "명", "선", "소", "한", "인", "규", "건", "시", "가", "보", "세",
];
const GIVEN_SECOND: [&str; 48] = [
    "민", "서", "준", "현", "우", "영", "수", "은", "진", "희", "연", "윤", "호", "훈", "빈", "원",
    "아", "율", "린", "숙", "자", "순", "철", "석", "혁", "환", "성", "경", "정", "주", "람", "별",
    "솔", "진", "혜", "미", "옥", "남", "길", "식", "규", "건", "욱", "찬", "결", "하", "온", "담",
];

pub(crate) const PLACES: [&str; 48] = [
    "태릉",
    "상계",
    "중계",
    "하계",
    "공릉",
    "월계",
    "망우",
    "면목",
    "중화",
    "묵동",
    "신내",
    "석관",
    "장위",
    "번동",
    "수유",
    "미아",
    "쌍문",
    "창동",
    "도봉",
    "방학",
    "불광",
    "녹번",
    "연희",
    "망원",
    "성산",
    "합정",
    "신촌",
    "아현",
    "공덕",
    "용산",
    "이태원",
    "한남",
    "성수",
    "왕십리",
    "금호",
    "옥수",
    "답십리",
    "전농",
    "회기",
    "이문",
    "청량리",
    "구로",
    "가리봉",
    "신림",
    "봉천",
    "사당",
    "방배",
    "북한산",
];
const THEMES: [&str; 32] = [
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "마을",
    "나눔",
    "두레",
    "햇살",
    "늘푸른",
    "함께",
    "우리",
    "돌봄",
    "책방",
    "목공",
    "청년",
    "카페",
    "밥상",
    "텃밭",
    "살림",
    "공방",
    "배움터",
    "건강",
    "에너지",
    "주거",
    "문화",
    "놀이터",
    "한울",
    "새봄",
];
const ROLES: [&str; 12] = [
    "이사장",
    "대표",
    "사무국장",
    "이사",
    "감사",
    "팀장",
    "실무자",
    "활동가",
    "조합원",
    "조합원",
    "조합원",
    "코디네이터",
];
const TAGS: [&str; 8] = [
    "청년",
    "돌봄",
    "먹거리",
    "주거",
    "금융",
    "교육",
    "문화",
    "에너지",
];

fn pick_surname(rng: &mut Rng) -> &'static str {
    let total: u32 = SURNAMES.iter().map(|s| s.1).sum();
    let mut r = rng.below(total as usize) as u32;
    for (s, w) in SURNAMES {
        if r < w {
            return s;
        }
        r -= w;
    }
    "김"
}

/// A realistic Korean name: surname + two given syllables (a few one-syllable given names).
pub fn korean_name(rng: &mut Rng) -> String {
    let mut n = String::from(pick_surname(rng));
    n.push_str(rng.pick(&GIVEN_FIRST));
    if !rng.chance(4) {
        n.push_str(rng.pick(&GIVEN_SECOND));
    }
    n
}

fn org_name(rng: &mut Rng, kind: OrgKind) -> String {
    let place = rng.pick(&PLACES);
    let theme = rng.pick(&THEMES);
    match kind {
        OrgKind::CreditUnion => format!("{place}{theme}신협"),
        OrgKind::ConsumerCoop => format!("{place}{theme}생협"),
        OrgKind::FrameworkCoop => format!("{place}{theme}협동조합"),
        OrgKind::SocialCoop => format!("{place}{theme}사회적협동조합"),
        OrgKind::SupportBody => format!("{place}{theme}사회적경제지원센터"),
        OrgKind::Other => format!("{place}{theme}모임"),
    }
}

/// `n` people and about one organisation per 40 of them. Ids are positions (1-based): people's
/// `org_id` is the 1-based position of their organisation in the returned list.
pub fn people_and_orgs(n: usize, seed: u64) -> (Vec<Organization>, Vec<Person>) {
    let mut rng = Rng::new(seed);
    let n_orgs = n.div_ceil(40).max(1);
    let mut seen = std::collections::HashSet::new();
    let mut orgs = Vec::with_capacity(n_orgs);
    for i in 0..n_orgs {
        let kind = OrgKind::ALL[i % OrgKind::ALL.len()];
        let district = District::ALL[rng.below(District::ALL.len())];
        let mut name = org_name(&mut rng, kind);
        let mut k = 2;
        while !seen.insert(name.clone()) {
            name = format!("{}{k}", org_name(&mut rng, kind));
            k += 1;
        }
        orgs.push(Organization {
            id: i as Id + 1,
            name,
            kind,
            district,
            contact: String::new(),
        });
    }
    let base = Ts(1_577_836_800_000); // 2020-01-01
    let people = (0..n)
        .map(|i| {
            let name = korean_name(&mut rng);
            let org_id = if rng.chance(93) {
                Some(rng.below(n_orgs) as Id + 1)
            } else {
                None
            };
            let phone = if rng.chance(80) {
                format!("010-{:04}-{:04}", rng.below(10_000), i % 10_000)
            } else {
                String::new()
            };
            let email = if rng.chance(40) {
                format!("member{}@example.org", i + 1)
            } else {
                String::new()
            };
            let tags = if rng.chance(25) {
                vec![rng.pick(&TAGS).to_string()]
            } else {
                vec![]
            };
            Person {
                id: i as Id + 1,
                code: String::new(),
                name,
                org_id,
                role: rng.pick(&ROLES).to_string(),
                phone,
                email,
                tags,
                notes: String::new(),
                archived: false,
                created: Ts(base.0 + (i as i64) * 60_000),
                aliases: Vec::new(),
            }
        })
        .collect();
    (orgs, people)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_people_other_seed_other_people() {
        let (o1, p1) = people_and_orgs(500, 7);
        let (o2, p2) = people_and_orgs(500, 7);
        let (_, p3) = people_and_orgs(500, 8);
        assert_eq!(p1, p2);
        assert_eq!(o1, o2);
        assert_ne!(p1, p3);
        assert_eq!(o1.len(), 13);
        // Every org kind appears; org names are unique.
        for k in OrgKind::ALL {
            assert!(o1.iter().any(|o| o.kind == k));
        }
        let names: std::collections::HashSet<_> = o1.iter().map(|o| &o.name).collect();
        assert_eq!(names.len(), o1.len());
    }

    #[test]
    fn names_look_korean_and_common_surnames_dominate() {
        let (_, p) = people_and_orgs(5000, 1);
        let kims = p.iter().filter(|x| x.name.starts_with('김')).count();
        assert!((700..1500).contains(&kims), "{kims}");
        assert!(p.iter().all(|x| (2..=4).contains(&x.name.chars().count())
            && x.name.chars().all(|c| ('가'..='힣').contains(&c))));
    }
}
