//! Domain types of a networking day. No I/O here: the store encodes these, the views draw them.

use chrono::{DateTime, Local, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

pub mod change;
pub mod consent;
pub mod contact;
pub mod counts;
pub mod dates;
pub mod korean;
mod output;
pub mod privacy;
pub mod sync;
pub mod text;
pub use change::{Change, ChangeKind};
pub use consent::{Consent, ConsentHow, ConsentState};
pub use output::{ImportField, MinutesFormat, PrintKind};
pub use text::{TextField, clean_line, clean_multiline, cut_to, fit};

/// Record id: a per-noun sequence number, stored big-endian as the sled key.
pub type Id = u64;

/// A moment, as milliseconds since the Unix epoch in UTC. Shown in local time.
#[derive(
    Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default,
)]
pub struct Ts(pub i64);

impl Ts {
    pub fn now() -> Ts {
        Ts(Utc::now().timestamp_millis())
    }
    pub fn utc(self) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(self.0).unwrap_or_default()
    }
    /// Local wall-clock time; Asia/Seoul when the system zone cannot be read.
    pub fn local(self) -> chrono::NaiveDateTime {
        local_naive(self.utc())
    }
    pub fn hhmm(self) -> String {
        self.local().format("%H:%M").to_string()
    }
    pub fn local_date(self) -> NaiveDate {
        self.local().date()
    }
}

/// The zone times are shown in: `NETDAY_TZ` (an IANA name) or one set with `set_zone`, else
/// the system's, else Asia/Seoul when the system zone is unknown.
static ZONE: std::sync::RwLock<Option<chrono_tz::Tz>> = std::sync::RwLock::new(None);

/// Shows times in `zone` from now on (tests pin Asia/Seoul with it).
pub fn set_zone(zone: chrono_tz::Tz) {
    if let Ok(mut z) = ZONE.write() {
        *z = Some(zone);
    }
}

/// Where local times come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Zone {
    Named(chrono_tz::Tz),
    /// The system's own rule, as chrono reads it (a POSIX `TZ` rule, a copied
    /// /etc/localtime, Windows' zone information) when it has no IANA name.
    System,
    /// Nothing is known: the networking days are in Seoul.
    Seoul,
}

/// What is known about the zone, in the order it counts.
#[derive(Clone, Copy, Debug, Default)]
pub struct ZoneFacts<'a> {
    /// `NETDAY_TZ`.
    pub netday_tz: Option<&'a str>,
    /// `TZ` (an IANA name, `:`-prefixed or not, or a POSIX rule).
    pub tz: Option<&'a str>,
    /// The IANA name the system gives (iana-time-zone: /etc/localtime's link on Linux,
    /// the time-zone settings on Windows).
    pub system_name: Option<&'a str>,
    /// The system has a zone rule without a name chrono can still use (Windows always does;
    /// Unix when /etc/localtime exists).
    pub system_rule: bool,
}

/// The zone the facts choose: `NETDAY_TZ` wins, then the system's, Seoul only when nothing
/// is known.
pub fn choose_zone(f: ZoneFacts<'_>) -> Zone {
    let named = |s: &str| {
        s.trim()
            .trim_start_matches(':')
            .parse::<chrono_tz::Tz>()
            .ok()
    };
    if let Some(z) = f.netday_tz.and_then(named) {
        return Zone::Named(z);
    }
    if let Some(tz) = f.tz.filter(|t| !t.trim().is_empty()) {
        return named(tz).map_or(Zone::System, Zone::Named);
    }
    if let Some(z) = f.system_name.and_then(named) {
        return Zone::Named(z);
    }
    if f.system_rule {
        Zone::System
    } else {
        Zone::Seoul
    }
}

fn zone() -> Zone {
    static FOUND: std::sync::OnceLock<Zone> = std::sync::OnceLock::new();
    if let Some(z) = ZONE.read().ok().and_then(|z| *z) {
        return Zone::Named(z);
    }
    *FOUND.get_or_init(|| {
        let (netday_tz, tz) = (std::env::var("NETDAY_TZ").ok(), std::env::var("TZ").ok());
        let system_name = iana_time_zone::get_timezone().ok();
        choose_zone(ZoneFacts {
            netday_tz: netday_tz.as_deref(),
            tz: tz.as_deref(),
            system_name: system_name.as_deref(),
            system_rule: cfg!(windows) || std::path::Path::new("/etc/localtime").exists(),
        })
    })
}

/// Converts a UTC instant to local wall-clock time.
pub fn local_naive(t: DateTime<Utc>) -> chrono::NaiveDateTime {
    match zone() {
        Zone::Named(z) => t.with_timezone(&z).naive_local(),
        Zone::System => Local.from_utc_datetime(&t.naive_utc()).naive_local(),
        Zone::Seoul => t.with_timezone(&chrono_tz::Asia::Seoul).naive_local(),
    }
}

/// The instant a local wall-clock time names (the earlier one when a clock was set back);
/// `None` for a time skipped when the clock went forward.
pub fn from_local(t: chrono::NaiveDateTime) -> Option<Ts> {
    let utc = match zone() {
        Zone::Named(z) => z.from_local_datetime(&t).earliest()?.with_timezone(&Utc),
        Zone::System => Local
            .from_local_datetime(&t)
            .earliest()?
            .with_timezone(&Utc),
        Zone::Seoul => chrono_tz::Asia::Seoul
            .from_local_datetime(&t)
            .earliest()?
            .with_timezone(&Utc),
    };
    Some(Ts(utc.timestamp_millis()))
}

/// Today's local date.
pub fn today() -> NaiveDate {
    Ts::now().local_date()
}

/// Kind of organisation (구분).
#[derive(
    Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default,
)]
pub enum OrgKind {
    /// 신협
    CreditUnion,
    /// 생협
    ConsumerCoop,
    /// 기본법 협동조합
    FrameworkCoop,
    /// 사회적협동조합
    SocialCoop,
    /// 지원기관
    SupportBody,
    /// 기타
    #[default]
    Other,
}

impl OrgKind {
    pub const ALL: [OrgKind; 6] = [
        OrgKind::CreditUnion,
        OrgKind::ConsumerCoop,
        OrgKind::FrameworkCoop,
        OrgKind::SocialCoop,
        OrgKind::SupportBody,
        OrgKind::Other,
    ];
    /// The kind a digit key picks in forms: 1 = 신협 … 6 = 기타, in `ALL` order.
    pub fn from_digit(c: char) -> Option<OrgKind> {
        let d = c.to_digit(10)? as usize;
        OrgKind::ALL.get(d.checked_sub(1)?).copied()
    }

    /// The kind an organisation's name says: …신협 / …신용협동조합, …생협, …사회적협동조합,
    /// …협동조합, …센터 / …지원기관; otherwise none.
    pub fn guess(name: &str) -> Option<OrgKind> {
        let n: String = name.split_whitespace().collect();
        let ends = |s: &[&str]| s.iter().any(|x| n.ends_with(x));
        Some(if ends(&["신협", "신용협동조합"]) {
            OrgKind::CreditUnion
        } else if ends(&["생협", "생활협동조합", "소비자협동조합"]) {
            OrgKind::ConsumerCoop
        } else if ends(&["사회적협동조합", "사협"]) {
            OrgKind::SocialCoop
        } else if ends(&["협동조합"]) {
            OrgKind::FrameworkCoop
        } else if ends(&["지원센터", "지원기관", "센터"]) {
            OrgKind::SupportBody
        } else {
            return None;
        })
    }

    /// Reads a kind written in Korean or English, as people type it in spreadsheets.
    pub fn parse(s: &str) -> Option<OrgKind> {
        let k: String = s.split_whitespace().collect::<String>().to_lowercase();
        Some(match k.as_str() {
            "신협" | "신용협동조합" | "creditunion" | "cu" => OrgKind::CreditUnion,
            "생협" | "소비자생활협동조합" | "소비자협동조합" | "consumercoop" | "consumerco-op" => {
                OrgKind::ConsumerCoop
            }
            "기본법협동조합"
            | "협동조합"
            | "일반협동조합"
            | "frameworkcoop"
            | "frameworkco-op"
            | "coop"
            | "co-op" => OrgKind::FrameworkCoop,
            "사회적협동조합" | "사협" | "socialcoop" | "socialco-op" => {
                OrgKind::SocialCoop
            }
            "지원기관" | "공공기관" | "지원센터" | "supportbody" | "support" | "agency" => {
                OrgKind::SupportBody
            }
            "기타" | "other" | "" => OrgKind::Other,
            _ => return None,
        })
    }
}

/// District council (지역).
#[derive(
    Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default,
)]
pub enum District {
    East,
    West,
    South,
    North,
    #[default]
    Other,
}

impl District {
    pub const ALL: [District; 5] = [
        District::East,
        District::West,
        District::South,
        District::North,
        District::Other,
    ];
    pub fn parse(s: &str) -> Option<District> {
        let k: String = s.split_whitespace().collect::<String>().to_lowercase();
        Some(match k.as_str() {
            "동부" | "동" | "east" => District::East,
            "서부" | "서" | "west" => District::West,
            "남부" | "남" | "south" => District::South,
            "북부" | "북" | "north" => District::North,
            "기타" | "other" | "" => District::Other,
            _ => return None,
        })
    }
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum EventStatus {
    #[default]
    Planned,
    Closed,
}

/// One networking day.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Event {
    pub id: Id,
    pub title: String,
    pub date: NaiveDate,
    pub start: Option<NaiveTime>,
    pub end: Option<NaiveTime>,
    pub venue: String,
    pub district: District,
    pub status: EventStatus,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Organization {
    pub id: Id,
    pub name: String,
    pub kind: OrgKind,
    pub district: District,
    pub contact: String,
}

/// Someone who comes (or may come) to networking days; the same person across months.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub id: Id,
    /// Short badge / scanner code, unique, drawn at random at creation (see `badge_code_from`).
    pub code: String,
    pub name: String,
    pub org_id: Option<Id>,
    pub role: String,
    pub phone: String,
    pub email: String,
    pub tags: Vec<String>,
    pub notes: String,
    /// Archived people are hidden from lists but keep their attendance history.
    pub archived: bool,
    pub created: Ts,
    /// Badge codes another database gave this person, kept when its list was imported so
    /// that office's badges scan here too; each is unique in the database like `code`.
    pub aliases: Vec<String>,
}

/// Alias codes one person keeps at most (an import, a restore): one per office whose list they
/// are on.
pub const MAX_ALIASES: usize = 32;

impl Person {
    /// A new person with only a name; the store gives id and badge code on first save.
    pub fn new(name: impl Into<String>, created: Ts) -> Person {
        Person {
            id: 0,
            code: String::new(),
            name: name.into(),
            org_id: None,
            role: String::new(),
            phone: String::new(),
            email: String::new(),
            tags: Vec::new(),
            notes: String::new(),
            archived: false,
            created,
            aliases: Vec::new(),
        }
    }

    /// The badge codes that name this person: their own, then their aliases.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.code.as_str())
            .chain(self.aliases.iter().map(String::as_str))
            .filter(|c| !c.is_empty())
    }
}

/// A field two records of one person may disagree on, chosen one by one when they are merged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PersonField {
    Name,
    Org,
    Role,
    Phone,
    Email,
}

impl PersonField {
    /// The fields a merge asks about, in the order the question lists them.
    pub const MERGED: [PersonField; 5] = [
        PersonField::Name,
        PersonField::Phone,
        PersonField::Email,
        PersonField::Org,
        PersonField::Role,
    ];

    /// Whether `a` and `b` hold different values in this field.
    pub fn differs(self, a: &Person, b: &Person) -> bool {
        match self {
            PersonField::Org => a.org_id != b.org_id,
            f => f.text(a) != f.text(b),
        }
    }

    /// The field's text (empty for the organisation, which is an id).
    pub fn text(self, p: &Person) -> &str {
        match self {
            PersonField::Name => &p.name,
            PersonField::Role => &p.role,
            PersonField::Phone => &p.phone,
            PersonField::Email => &p.email,
            PersonField::Org => "",
        }
    }

    /// Gives `to` the value `from` holds in this field.
    pub fn copy(self, from: &Person, to: &mut Person) {
        match self {
            PersonField::Name => to.name.clone_from(&from.name),
            PersonField::Org => to.org_id = from.org_id,
            PersonField::Role => to.role.clone_from(&from.role),
            PersonField::Phone => to.phone.clone_from(&from.phone),
            PersonField::Email => to.email.clone_from(&from.email),
        }
    }
}

/// Alphabet for badge codes: no 0/O, 1/I/L, so a code read aloud or scanned is unambiguous.
const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// Length of a badge code netday draws: 923,521 codes of four characters.
pub const BADGE_CODE_LEN: usize = 4;

/// The badge code `len` characters long (at least four) that the number `n` picks: the store
/// draws `n` at random, so two databases do not hand out the same codes.
pub fn badge_code_from(n: u64, len: usize) -> String {
    let radix = CODE_ALPHABET.len() as u64;
    let mut n = n;
    let mut out: Vec<u8> = (0..len.max(BADGE_CODE_LEN))
        .map(|_| {
            let c = CODE_ALPHABET[(n % radix) as usize];
            n /= radix;
            c
        })
        .collect();
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The code schema-1 databases gave the person with this id when they were migrated: at least
/// four characters, unique per id. A multiplicative scramble keeps neighbours (people
/// registered together) from having near-identical codes.
pub fn badge_code(id: Id) -> String {
    let radix = CODE_ALPHABET.len() as u64;
    let space = radix.pow(4); // 923,521 codes of four characters
    let mut n = if id < space {
        id.wrapping_mul(387_433) % space // 387433 is coprime to 31^4
    } else {
        id
    };
    let mut out = Vec::with_capacity(6);
    while n > 0 || out.len() < 4 {
        out.push(CODE_ALPHABET[(n % radix) as usize]);
        n /= radix;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Whether a typed string has the shape of a badge code (so the desk can try it as one).
pub fn looks_like_code(s: &str) -> bool {
    (4..=8).contains(&s.len())
        && s.bytes()
            .all(|b| CODE_ALPHABET.contains(&b.to_ascii_uppercase()))
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub enum AttendanceStatus {
    /// 참석 예정
    Expected,
    /// 도착 (registered beforehand)
    CheckedIn { at: Ts, desk: String },
    /// 현장 등록 (not registered beforehand, checked in at the door)
    WalkIn { at: Ts, desk: String },
    /// 취소
    Cancelled,
    /// 불참
    NoShow,
    /// 미정: answered "maybe". Shown apart and not counted as expected (`counts::DayCount`);
    /// checking in makes them an arrival like anyone registered. Last, so databases written
    /// before it read unchanged (bincode stores the variant's index).
    Tentative,
}

impl AttendanceStatus {
    pub fn arrived_at(&self) -> Option<Ts> {
        match self {
            AttendanceStatus::CheckedIn { at, .. } | AttendanceStatus::WalkIn { at, .. } => {
                Some(*at)
            }
            _ => None,
        }
    }
    pub fn is_arrived(&self) -> bool {
        self.arrived_at().is_some()
    }
}

/// (event, person): whether this person is expected at / came to this networking day.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Attendance {
    pub event_id: Id,
    pub person_id: Id,
    pub status: AttendanceStatus,
    pub updated: Ts,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum AgendaStatus {
    #[default]
    Planned,
    Running,
    Done,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct AgendaItem {
    pub id: Id,
    pub event_id: Id,
    pub order: u32,
    pub start: Option<NaiveTime>,
    pub minutes: u32,
    pub title: String,
    pub presenter: String,
    pub status: AgendaStatus,
}

/// Who is to do an action item.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
pub enum Owner {
    #[default]
    Nobody,
    Person(Id),
    Org(Id),
    /// Someone not in the database, as written ("구청 담당 주무관"). Last, so records written
    /// before it existed read the same.
    Named(String),
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub enum NoteKind {
    /// 메모
    Note,
    /// 결정 사항
    Decision,
    /// 실행 과제
    Action {
        owner: Owner,
        due: Option<NaiveDate>,
        done: bool,
    },
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub id: Id,
    pub event_id: Id,
    pub agenda_id: Option<Id>,
    pub at: Ts,
    pub author: String,
    pub text: String,
    pub kind: NoteKind,
}

impl Note {
    pub fn is_open_action(&self) -> bool {
        matches!(self.kind, NoteKind::Action { done: false, .. })
    }

    /// The day this note was written on, when it is an action item still open from a day before
    /// `date` that the day `event` carries over (`dates`: each day's date by its id).
    pub fn carried_from(
        &self,
        event: Id,
        date: chrono::NaiveDate,
        dates: &std::collections::HashMap<Id, chrono::NaiveDate>,
    ) -> Option<chrono::NaiveDate> {
        let from = *dates.get(&self.event_id)?;
        (self.is_open_action() && self.event_id != event && from < date).then_some(from)
    }
}

/// The recurring kinds of joint project the cooperatives of a region take up together.
#[derive(
    Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default,
)]
pub enum IdeaCategory {
    MainBankAccount,
    JointOpenCall,
    MutualMembership,
    BuySocial,
    KNewDeal,
    SpaceSharing,
    ClusterAssets,
    FinanceInvestment,
    RegionalCouncil,
    Federation,
    #[default]
    Other,
}

impl IdeaCategory {
    pub const ALL: [IdeaCategory; 11] = [
        IdeaCategory::MainBankAccount,
        IdeaCategory::JointOpenCall,
        IdeaCategory::MutualMembership,
        IdeaCategory::BuySocial,
        IdeaCategory::KNewDeal,
        IdeaCategory::SpaceSharing,
        IdeaCategory::ClusterAssets,
        IdeaCategory::FinanceInvestment,
        IdeaCategory::RegionalCouncil,
        IdeaCategory::Federation,
        IdeaCategory::Other,
    ];
}

#[derive(
    Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default,
)]
pub enum IdeaStatus {
    #[default]
    Idea,
    Exploring,
    Agreed,
    InProgress,
    Done,
    Dropped,
}

impl IdeaStatus {
    /// The pipeline in board order; `Dropped` sits outside it.
    pub const PIPELINE: [IdeaStatus; 5] = [
        IdeaStatus::Idea,
        IdeaStatus::Exploring,
        IdeaStatus::Agreed,
        IdeaStatus::InProgress,
        IdeaStatus::Done,
    ];
}

/// One step of an idea through the pipeline.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct IdeaMove {
    pub at: Ts,
    pub from: IdeaStatus,
    pub to: IdeaStatus,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Idea {
    pub id: Id,
    pub title: String,
    pub category: IdeaCategory,
    pub org_ids: Vec<Id>,
    pub owner: Option<Id>,
    pub status: IdeaStatus,
    pub next_step: String,
    pub next_due: Option<NaiveDate>,
    pub description: String,
    pub note_ids: Vec<Id>,
    pub history: Vec<IdeaMove>,
    pub created: Ts,
    pub updated: Ts,
}

/// Half-typed text kept safe between keystrokes; restored after a crash.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    pub key: String,
    pub text: String,
    pub saved: Ts,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn netday_tz_wins_then_the_systems_zone_and_seoul_only_when_nothing_is_known() {
        use chrono_tz::{America::New_York, Asia::Seoul, Europe::Berlin};
        let facts = |netday_tz, tz, system_name, system_rule| ZoneFacts {
            netday_tz,
            tz,
            system_name,
            system_rule,
        };
        // Windows: no TZ, no /etc/localtime; the system names its zone.
        let windows = facts(None, None, Some("Europe/Berlin"), true);
        assert_eq!(choose_zone(windows), Zone::Named(Berlin));
        assert_eq!(
            choose_zone(ZoneFacts {
                netday_tz: Some("America/New_York"),
                ..windows
            }),
            Zone::Named(New_York)
        );
        // A NETDAY_TZ that names no zone is passed over, not believed.
        assert_eq!(
            choose_zone(ZoneFacts {
                netday_tz: Some("Mars/Olympus"),
                ..windows
            }),
            Zone::Named(Berlin)
        );
        // Windows without a name from the system: its own zone rule, not Seoul.
        assert_eq!(choose_zone(facts(None, None, None, true)), Zone::System);
        // Unix: TZ first, by name or as a POSIX rule chrono reads itself.
        assert_eq!(
            choose_zone(facts(
                None,
                Some(":America/New_York"),
                Some("Europe/Berlin"),
                true
            )),
            Zone::Named(New_York)
        );
        assert_eq!(
            choose_zone(facts(None, Some("KST-9"), Some("Europe/Berlin"), true)),
            Zone::System
        );
        assert_eq!(
            choose_zone(facts(None, None, Some("Asia/Seoul"), true)),
            Zone::Named(Seoul)
        );
        // Nothing known at all.
        assert_eq!(choose_zone(facts(None, None, None, false)), Zone::Seoul);
        assert_eq!(
            choose_zone(facts(None, Some(" "), None, false)),
            Zone::Seoul
        );
    }

    #[test]
    fn an_organisation_kind_is_guessed_from_its_name() {
        assert_eq!(OrgKind::guess("푸른신협"), Some(OrgKind::CreditUnion));
        assert_eq!(OrgKind::guess("두레 생협"), Some(OrgKind::ConsumerCoop));
        assert_eq!(
            OrgKind::guess("돌봄나눔사회적협동조합"),
            Some(OrgKind::SocialCoop)
        );
        assert_eq!(
            OrgKind::guess("마을목공협동조합"),
            Some(OrgKind::FrameworkCoop)
        );
        assert_eq!(
            OrgKind::guess("서울협동조합지원센터"),
            Some(OrgKind::SupportBody)
        );
        assert_eq!(OrgKind::guess("푸른"), None);
    }
}
