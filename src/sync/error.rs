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
