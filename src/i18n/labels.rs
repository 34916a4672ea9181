//! The words for every domain enum, in one place: organisation kinds, districts, attendance,
//! agenda and note kinds, idea categories and stages, weekdays.

use super::{L, Lang, lang};
use crate::model::{
    AgendaStatus, AttendanceStatus, District, IdeaCategory, IdeaStatus, NoteKind, OrgKind,
};

impl OrgKind {
    pub fn label(self) -> L {
        match self {
            OrgKind::CreditUnion => L("신협", "credit union"),
            OrgKind::ConsumerCoop => L("생협", "consumer co-op"),
            OrgKind::FrameworkCoop => L("기본법 협동조합", "framework co-op"),
            OrgKind::SocialCoop => L("사회적협동조합", "social co-op"),
            OrgKind::SupportBody => L("지원기관", "support body"),
            OrgKind::Other => L("기타", "other"),
        }
    }
    /// For the live count and lists where a column is narrow.
    pub fn short(self) -> L {
        match self {
            OrgKind::CreditUnion => L("신협", "CU"),
            OrgKind::ConsumerCoop => L("생협", "consumer"),
            OrgKind::FrameworkCoop => L("협동조합", "co-op"),
            OrgKind::SocialCoop => L("사협", "social"),
            OrgKind::SupportBody => L("지원기관", "support"),
            OrgKind::Other => L("기타", "other"),
        }
    }
    pub fn ko(self) -> &'static str {
        self.label().0
    }
    pub fn en(self) -> &'static str {
        self.label().1
    }
}

impl District {
    pub fn label(self) -> L {
        match self {
            District::East => L("동부", "east"),
            District::West => L("서부", "west"),
            District::South => L("남부", "south"),
            District::North => L("북부", "north"),
            District::Other => L("기타", "other"),
        }
    }
    pub fn ko(self) -> &'static str {
        self.label().0
    }
    pub fn en(self) -> &'static str {
        self.label().1
    }
}

pub const ARRIVED: L = L("도착", "arrived");
pub const EXPECTED: L = L("참석 예정", "expected");
pub const WALK_IN: L = L("현장 등록", "walk-in");
pub const CANCELLED: L = L("취소", "cancelled");
pub const NO_SHOW: L = L("불참", "no-show");
pub const TENTATIVE: L = L("미정", "tentative");

impl AttendanceStatus {
    pub fn label(&self) -> L {
        match self {
            AttendanceStatus::Expected => EXPECTED,
            AttendanceStatus::CheckedIn { .. } => ARRIVED,
            AttendanceStatus::WalkIn { .. } => WALK_IN,
            AttendanceStatus::Cancelled => CANCELLED,
            AttendanceStatus::NoShow => NO_SHOW,
            AttendanceStatus::Tentative => TENTATIVE,
        }
    }
}

pub const AGENDA_PLANNED: L = L("예정", "planned");
pub const AGENDA_RUNNING: L = L("진행 중", "running");
pub const AGENDA_DONE: L = L("완료", "done");

impl AgendaStatus {
    pub fn label(self) -> L {
        match self {
            AgendaStatus::Planned => AGENDA_PLANNED,
            AgendaStatus::Running => AGENDA_RUNNING,
            AgendaStatus::Done => AGENDA_DONE,
        }
    }
}

pub const NOTE_KIND_NOTE: L = L("메모", "note");
pub const NOTE_KIND_DECISION: L = L("결정 사항", "decision");
pub const NOTE_KIND_ACTION: L = L("실행 과제", "action item");

impl NoteKind {
    pub fn label(&self) -> L {
        match self {
            NoteKind::Note => NOTE_KIND_NOTE,
            NoteKind::Decision => NOTE_KIND_DECISION,
            NoteKind::Action { .. } => NOTE_KIND_ACTION,
        }
    }
    /// At the head of a line (the minutes' bullets).
    pub fn heading(&self) -> L {
        match self {
            NoteKind::Note => L("메모", "Note"),
            NoteKind::Decision => L("결정 사항", "Decision"),
            NoteKind::Action { .. } => L("실행 과제", "Action item"),
        }
    }
}

impl IdeaCategory {
    pub fn label(self) -> L {
        match self {
            IdeaCategory::MainBankAccount => L("주거래 통장", "main bank account"),
            IdeaCategory::JointOpenCall => L("공모사업 공동 운영", "joint open call"),
            IdeaCategory::MutualMembership => L("상호 조합원 인증제", "mutual membership"),
            IdeaCategory::BuySocial => L("바이소셜 연계", "Buy Social"),
            IdeaCategory::KNewDeal => L("K뉴딜 연계", "K-New Deal"),
            IdeaCategory::SpaceSharing => L("공간 공유", "space sharing"),
            IdeaCategory::ClusterAssets => L("클러스터·시민자산화", "cluster / citizen assets"),
            IdeaCategory::FinanceInvestment => L("금융대출·투자 연계", "loans / investment"),
            IdeaCategory::RegionalCouncil => L("지역협의회 구성", "regional council"),
            IdeaCategory::Federation => L("이종협동조합연합회 설립", "federation"),
            IdeaCategory::Other => L("기타", "other"),
        }
    }
    /// For board cards (about 15 columns wide at 80 columns).
    pub fn short(self) -> L {
        match self {
            IdeaCategory::MainBankAccount => L("주거래", "bank"),
            IdeaCategory::JointOpenCall => L("공모", "open call"),
            IdeaCategory::MutualMembership => L("인증제", "membership"),
            IdeaCategory::BuySocial => L("바이소셜", "BuySocial"),
            IdeaCategory::KNewDeal => L("K뉴딜", "K-New Deal"),
            IdeaCategory::SpaceSharing => L("공간", "space"),
            IdeaCategory::ClusterAssets => L("자산화", "assets"),
            IdeaCategory::FinanceInvestment => L("금융", "finance"),
            IdeaCategory::RegionalCouncil => L("협의회", "council"),
            IdeaCategory::Federation => L("연합회", "federation"),
            IdeaCategory::Other => L("기타", "other"),
        }
    }
    pub fn ko(self) -> &'static str {
        self.label().0
    }
    pub fn en(self) -> &'static str {
        self.label().1
    }
}

impl IdeaStatus {
    pub fn label(self) -> L {
        match self {
            IdeaStatus::Idea => L("아이디어", "idea"),
            IdeaStatus::Exploring => L("검토 중", "exploring"),
            IdeaStatus::Agreed => L("합의", "agreed"),
            IdeaStatus::InProgress => L("진행 중", "in progress"),
            IdeaStatus::Done => L("완료", "done"),
            IdeaStatus::Dropped => L("중단", "dropped"),
        }
    }
    pub fn ko(self) -> &'static str {
        self.label().0
    }
    pub fn en(self) -> &'static str {
        self.label().1
    }
}

pub fn kind_short(k: OrgKind) -> &'static str {
    k.short().get()
}
pub fn status_name(s: IdeaStatus) -> &'static str {
    s.label().get()
}
pub fn category_name(c: IdeaCategory) -> &'static str {
    c.label().get()
}
pub fn category_short(c: IdeaCategory) -> &'static str {
    c.short().get()
}

pub fn weekday(d: chrono::NaiveDate) -> &'static str {
    weekday_in(d, lang())
}
pub fn weekday_in(d: chrono::NaiveDate, l: Lang) -> &'static str {
    use chrono::Datelike;
    let i = d.weekday().num_days_from_monday() as usize;
    match l {
        Lang::Ko => ["월", "화", "수", "목", "금", "토", "일"][i],
        Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][i],
    }
}
