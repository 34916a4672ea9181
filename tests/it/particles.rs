//! A badge code is followed by the particle its sound asks for: 7K3L은 (엘), A1B2는 (이).

use netday::io::csv::RowProblem;
use netday::store::StoreError;

#[test]
fn a_taken_badge_code_takes_the_particle_of_its_last_sound() {
    for (code, topic) in [("7K3L", "7K3L은"), ("A1B2", "A1B2는"), ("B2C6", "B2C6은")] {
        let store = StoreError::CodeTaken {
            code: code.into(),
            holder_name: "김민지".into(),
        };
        assert!(
            store
                .ko()
                .starts_with(&format!("배지 코드 {topic} 이미 김민지 님의")),
            "{}",
            store.ko()
        );
        let row = RowProblem::CodeTaken {
            code: code.into(),
            holder: "김철수".into(),
        };
        assert!(
            row.ko()
                .starts_with(&format!("배지 코드 {topic} 이미 다른 사람(김철수)")),
            "{}",
            row.ko()
        );
        let (ko, _) = netday::i18n::code_of_namesake(code, "김민지, 010-****-2222");
        assert!(
            ko.starts_with(&format!(
                "배지 코드 {topic} 이미 이 데이터베이스의 동명이인"
            )),
            "{ko}"
        );
    }
}
