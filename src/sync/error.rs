use std::time::Duration;

/// Why a link could not be made or was dropped. Every variant ends the link: a Noise session is
/// never resumed after an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// The code typed at the joining desk was not the host's.
    WrongCode,
    /// The host's offer is used, expired or closed after wrong codes.
    OfferClosed,
    /// The other laptop is not one this desk paired with.
    NotPaired,
    /// The other side sent nothing (or not enough) within the time allowed.
    Timeout(Duration),
    /// A message larger than the limit, sent or announced.
    TooLarge { size: u64, limit: u64 },
    /// Bytes that are not netday's link protocol, or that fail authentication.
    Garbled(&'static str),
    /// The other side closed the connection.
    Closed,
    /// The network refused or broke (connect, read or write).
    Network(String),
    /// This laptop's random source failed.
    Random,
}

impl LinkError {
    pub(crate) fn io(e: &std::io::Error) -> LinkError {
        use std::io::ErrorKind::*;
        match e.kind() {
            UnexpectedEof | ConnectionReset | ConnectionAborted | BrokenPipe => LinkError::Closed,
            _ => LinkError::Network(e.to_string()),
        }
    }

    fn words(&self) -> (String, String) {
        match self {
            LinkError::WrongCode => (
                "코드가 맞지 않습니다. 상대 데스크 화면의 6자리 코드를 다시 확인해 입력하세요.".into(),
                "The code is not right. Check the 6-digit code on the other desk's screen and type it again.".into(),
            ),
            LinkError::OfferClosed => (
                "상대 데스크의 연결 코드가 닫혔습니다 (사용됨, 10분 지남, 또는 틀린 코드 3번). 상대 데스크에서 새 코드를 받으세요.".into(),
                "The other desk's code is closed (used, past 10 minutes, or 3 wrong codes). Ask the other desk for a new code.".into(),
            ),
            LinkError::NotPaired => (
                "짝지은 적 없는 노트북이라 연결하지 않았습니다. 처음이면 6자리 코드로 짝지으세요.".into(),
                "That laptop was never paired with this one, so no link was made. Pair with the 6-digit code first.".into(),
            ),
            LinkError::Timeout(d) => (
                format!(
                    "상대 데스크가 {}초 동안 응답하지 않아 연결을 끊었습니다. 네트워크를 확인하고 다시 연결하세요.",
                    d.as_secs().max(1)
                ),
                format!(
                    "The other desk did not answer for {} s, so the link was cut. Check the network and connect again.",
                    d.as_secs().max(1)
                ),
            ),
            LinkError::TooLarge { size, limit } => (
                format!(
                    "메시지가 너무 큽니다 ({size}바이트, 한도 {limit}바이트). 연결을 끊었습니다. 두 데스크의 netday 판을 확인하세요."
                ),
                format!(
                    "A message is too large ({size} bytes, limit {limit}); the link was cut. Check both desks run the same netday."
                ),
            ),
            LinkError::Garbled(what) => (
                format!(
                    "상대가 보낸 데이터가 netday 연결 형식이 아니거나 변조되었습니다 ({what}). 연결을 끊었습니다. 주소를 확인하세요."
                ),
                format!(
                    "The other side's data is not netday's link or was altered ({what}); the link was cut. Check the address."
                ),
            ),
            LinkError::Closed => (
                "상대 데스크가 연결을 닫았습니다. 다시 연결하세요.".into(),
                "The other desk closed the link. Connect again.".into(),
            ),
            LinkError::Network(why) => (
                format!("네트워크 오류로 연결하지 못했습니다 ({why}). 주소와 네트워크를 확인하세요."),
                format!("The network failed ({why}). Check the address and the network."),
            ),
            LinkError::Random => (
                "이 노트북의 난수 생성기가 실패해 암호 키를 만들지 못했습니다. 다시 시도하세요.".into(),
                "This laptop's random source failed, so no key was made. Try again.".into(),
            ),
        }
    }

    pub fn ko(&self) -> String {
        self.words().0
    }

    pub fn en(&self) -> String {
        self.words().1
    }
}

impl std::fmt::Display for LinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en())
    }
}

impl std::error::Error for LinkError {}

/// Why an exchange (over a link or through a file) ended or was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncError {
    Link(LinkError),
    /// One side refused the other after the Hellos (or a file's set is not this one's).
    Refused(super::wire::Refusal),
    /// The exchange's versions differ.
    Proto {
        ours: u16,
        theirs: u16,
    },
    /// The other desk's record layout (its first byte) is not this build's.
    Layout {
        theirs: u8,
    },
    /// The other desk needs entries of `desk` from `from_seq` that are no longer on record: it
    /// must join again from nothing.
    Gap {
        desk: u64,
        from_seq: u64,
    },
    TooLarge {
        size: u64,
        limit: u64,
    },
    /// Not netday's exchange: a message out of place or undecodable.
    Garbled(&'static str),
    /// The database refused (the journal's own words, Korean and English).
    Journal {
        ko: String,
        en: String,
    },
    /// A sync file: unreadable, damaged (its check fails), or sealed for another desk or altered.
    FileIo {
        ko: String,
        en: String,
    },
    FileDamaged,
    FileNotForThisDesk,
    /// A sync file from a desk this one never paired with (no key to open it).
    FileUnknownDesk,
    /// A sync file to write, with no desk paired to seal it for.
    FileNoPairedDesk,
}

impl From<LinkError> for SyncError {
    fn from(e: LinkError) -> SyncError {
        SyncError::Link(e)
    }
}

impl SyncError {
    /// What the other side's refusal means here.
    pub fn from_refusal(why: super::wire::Refusal) -> SyncError {
        match why {
            super::wire::Refusal::Proto { mine } => SyncError::Proto {
                ours: super::wire::PROTO,
                theirs: mine,
            },
            other => SyncError::Refused(other),
        }
    }

    fn words(&self) -> (String, String) {
        use super::wire::Refusal;
        match self {
            SyncError::Link(e) => (e.ko(), e.en()),
            SyncError::Refused(Refusal::OtherSet) => (
                "다른 명단의 데이터베이스라 동기화하지 않았습니다. 새 노트북이면 빈 데이터베이스로 다시 참여하세요.".into(),
                "That is a different list's database, so nothing was synced. To add a new laptop, join with an empty database.".into(),
            ),
            SyncError::Refused(Refusal::SameDesk) => (
                "상대가 이 데이터베이스의 복사본입니다 (같은 데스크 번호). 복사한 폴더 대신 빈 데이터베이스로 참여하세요.".into(),
                "The other side is a copy of this database (the same desk id). Join with an empty database instead of a copied folder.".into(),
            ),
            SyncError::Refused(Refusal::NoSet) => (
                "어느 쪽도 동기화를 시작하지 않았습니다. 한 데스크에서 '동기화 열기'(sync host)를 먼저 하세요.".into(),
                "Neither side has started syncing. Start hosting (sync host) at one desk first.".into(),
            ),
            SyncError::Refused(Refusal::Proto { mine }) | SyncError::Proto { theirs: mine, .. } => (
                format!(
                    "두 노트북의 netday 판이 다릅니다 (이쪽 {}, 상대 {mine}). 두 노트북에 같은 판을 설치하세요.",
                    super::wire::PROTO
                ),
                format!(
                    "The two laptops run different netday versions (here {}, there {mine}). Install the same version on both.",
                    super::wire::PROTO
                ),
            ),
            SyncError::Layout { theirs } => (
                format!(
                    "두 노트북의 netday 판이 다릅니다 (저장 형식 이쪽 {}, 상대 {theirs}). 두 노트북에 같은 판을 설치하세요.",
                    crate::store::codec::SCHEMA
                ),
                format!(
                    "The two laptops run different netday versions (record layout here {}, there {theirs}). Install the same version on both.",
                    crate::store::codec::SCHEMA
                ),
            ),
            SyncError::Gap { .. } => (
                "상대에게 필요한 예전 변경 기록이 이미 정리되어 보낼 수 없습니다. 그 데스크는 빈 데이터베이스로 다시 참여하세요.".into(),
                "The other desk needs older changes that were already folded away here. That desk must join again with an empty database.".into(),
            ),
            SyncError::TooLarge { size, limit } => (
                format!("동기화 데이터가 너무 큽니다 ({size}바이트, 한도 {limit}바이트). 동기화를 멈췄습니다."),
                format!("The sync data is too large ({size} bytes, limit {limit}); syncing stopped."),
            ),
            SyncError::Garbled(what) => (
                format!("상대가 netday 동기화 순서를 지키지 않았습니다 ({what}). 연결을 끊었습니다. 두 노트북의 netday 판을 확인하세요."),
                format!("The other side broke netday's exchange ({what}); the link was cut. Check both laptops run the same netday."),
            ),
            SyncError::Journal { ko, en } | SyncError::FileIo { ko, en } => (ko.clone(), en.clone()),
            SyncError::FileDamaged => (
                "동기화 파일이 손상되었습니다 (검사값이 맞지 않음). 상대 데스크에서 다시 만들어 오세요.".into(),
                "The sync file is damaged (its check does not match). Ask the other desk to write it again.".into(),
            ),
            SyncError::FileNotForThisDesk => (
                "동기화 파일이 이 데스크용이 아니거나 변조되었습니다. 읽지 않았습니다. 이 데스크와 짝지은 데스크에서 만든 파일인지 확인하세요.".into(),
                "The sync file is not for this desk, or was altered; nothing was read. Check it was written by a desk paired with this one.".into(),
            ),
            SyncError::FileUnknownDesk => (
                "짝지은 적 없는 데스크가 만든 동기화 파일이라 열 수 없습니다. 먼저 6자리 코드로 짝지으세요.".into(),
                "The sync file was written by a desk this one never paired with, so it cannot be opened. Pair with the 6-digit code first.".into(),
            ),
            SyncError::FileNoPairedDesk => (
                "짝지은 데스크가 없어 동기화 파일을 만들지 않았습니다. 두 노트북을 한 번 6자리 코드로 짝지으세요 (동기화 화면 F2·F3, 또는 sync host·join; 휴대폰 핫스팟이어도 됩니다). 그 뒤로는 파일로 주고받을 수 있습니다.".into(),
                "No desk is paired with this one, so no sync file was written. Pair the two laptops once with the 6-digit code (동기화 screen F2/F3, or sync host/join; a phone hotspot will do); after that, files work.".into(),
            ),
        }
    }

    pub fn ko(&self) -> String {
        self.words().0
    }

    pub fn en(&self) -> String {
        self.words().1
    }
}

impl std::fmt::Display for SyncError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en())
    }
}

impl std::error::Error for SyncError {}
