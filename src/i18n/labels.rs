//! The words for every domain enum: organisation kinds, districts, idea categories and stages,
//! weekdays.

use super::{L, Lang, lang};

pub fn weekday(d: chrono::NaiveDate) -> &'static str {
    use chrono::Datelike;
    let i = d.weekday().num_days_from_monday() as usize;
    match lang() {
        Lang::Ko => ["월", "화", "수", "목", "금", "토", "일"][i],
        Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][i],
    }
}

/// Short organisation-kind labels for the live count.
pub fn kind_short(k: crate::model::OrgKind) -> &'static str {
    use crate::model::OrgKind::*;
    let (ko, en) = match k {
        CreditUnion => ("신협", "CU"),
        ConsumerCoop => ("생협", "consumer"),
        FrameworkCoop => ("협동조합", "co-op"),
        SocialCoop => ("사협", "social"),
        SupportBody => ("지원기관", "support"),
        Other => ("기타", "other"),
    };
    L(ko, en).get()
}

pub fn status_name(s: crate::model::IdeaStatus) -> &'static str {
    L(s.ko(), s.en()).get()
}
pub fn category_name(c: crate::model::IdeaCategory) -> &'static str {
    L(c.ko(), c.en()).get()
}
/// Short category labels for board cards (about 15 columns wide at 80 columns).
pub fn category_short(c: crate::model::IdeaCategory) -> &'static str {
    use crate::model::IdeaCategory::*;
    let (ko, en) = match c {
        MainBankAccount => ("주거래", "bank"),
        JointOpenCall => ("공모", "open call"),
        MutualMembership => ("인증제", "membership"),
        BuySocial => ("바이소셜", "BuySocial"),
        KNewDeal => ("K뉴딜", "K-New Deal"),
        SpaceSharing => ("공간", "space"),
        ClusterAssets => ("자산화", "assets"),
        FinanceInvestment => ("금융", "finance"),
        RegionalCouncil => ("협의회", "council"),
        Federation => ("연합회", "federation"),
        Other => ("기타", "other"),
    };
    L(ko, en).get()
}
