//! The CSV reader never panics: seeded mutations of a Google Forms export (UTF-8 with a BOM, a
//! timestamp column, a quoted cell running over two lines) and of an Excel CP949 save.

use netday::io::csv::parse_people_csv;

use super::fuzz_mutate::{Rng, mutate, survive};

const WORDS: &[&[u8]] = &[
    b"\"",
    b"\"\"",
    b"\r\n",
    b"\n",
    b"\r",
    b",",
    b",,,,,,,,,,,,,,,,,,,,",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xc0\xcc\xb8\xa7",
    "이름".as_bytes(),
    "성함,소속,휴대폰".as_bytes(),
    b"=cmd|' /C calc'!A0",
    b"\x1b[31m",
    b"\t",
    b"\"\n\"",
    b"\x00",
    b"\xed\xa0\x80",
];

fn seeds() -> [Vec<u8>; 2] {
    let form = "\u{feff}타임스탬프,성함을 적어주세요,기관명(소속),연락처(휴대폰),이메일 주소,참석 가능 여부\n        2026. 11. 20 오후 2:11:05,김기성,한울신협,010-2041-1187,kim@hanul.kr,참석합니다\n        2026. 11. 20 오후 3:00:00,\"이서연\n(팀장)\",\"햇살\"\"생협\"\"\",01033182290,,미정\n";
    let cp949 = b"\xc0\xcc\xb8\xa7\x2c\xbc\xd2\xbc\xd3\x2c\xbf\xac\xb6\xf4\xc3\xb3\x2c\xc2\xfc\xbc\xae\x20\xbf\xa9\xba\xce\x0d\x0a\xb1\xe8\xb1\xe2\xbc\xba\x2c\xc7\xd1\xbf\xef\xbd\xc5\xc7\xf9\x2c\x30\x31\x30\x2d\x31\x32\x33\x34\x2d\x35\x36\x37\x38\x2c\xc2\xfc\xbc\xae\x0d\x0a\x22\xc0\xcc\xbc\xad\xbf\xac\x2c\x20\xc6\xc0\xc0\xe5\x22\x2c\x22\xc7\xde\xbb\xec\x22\x22\xbb\xfd\xc7\xf9\x22\x22\x22\x2c\x30\x32\x2d\x31\x32\x33\x2d\x34\x35\x36\x37\x2c\xba\xd2\xc2\xfc\x0d\x0a".to_vec();
    [form.as_bytes().to_vec(), cp949]
}

#[test]
fn fuzz_csv() {
    let seeds = seeds();
    for seed in &seeds {
        assert!(!parse_people_csv(seed).unwrap().rows.is_empty());
    }
    let runs = std::env::var("NETDAY_FUZZ_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5000);
    let mut rng = Rng::new(21);
    let mut read = 0usize;
    for n in 0..runs {
        let mut input = rng.pick(&seeds).clone();
        mutate(&mut rng, &mut input, WORDS);
        let got = survive("csv", n, &input, |b| {
            parse_people_csv(b).is_ok_and(|p| !p.rows.is_empty())
        });
        read += usize::from(got);
    }
    assert!(read * 4 > runs, "{read} of {runs} read");
    println!("csv: {runs} inputs, {read} read with rows");
}
