//! An imported organisation gets the kind its name says, as at the walk-in form, and a later
//! file's explicit 구분 replaces 기타 but never a kind already chosen (issue 25, item 1).

#![allow(clippy::unwrap_used)]

use crate::common;
use common::*;

use netday::io::csv::parse_people_csv;
use netday::io::import;
use netday::model::counts::arrived_by_kind;
use netday::model::{AttendanceStatus, OrgKind};
use netday::progress::Silent;
use netday::store::Store;

fn import_text(store: &Store, csv: &str) -> import::ImportSummary {
    let parsed = parse_people_csv(csv.as_bytes()).unwrap();
    let preview = import::plan(store, &parsed, None, &mut Silent)
        .unwrap()
        .summary;
    let plan = import::plan(store, &parsed, None, &mut Silent).unwrap();
    let done = import::apply(store, plan, &mut Silent).unwrap();
    assert_eq!(preview, done, "the preview says what the import does");
    done
}

fn kind_of(store: &Store, name: &str) -> OrgKind {
    store
        .orgs()
        .unwrap()
        .into_iter()
        .find(|o| o.name == name)
        .unwrap()
        .kind
}

#[test]
fn import_guesses_kinds_and_a_later_kind_replaces_only_other() {
    let (_dir, store) = temp_store();
    let s = import_text(
        &store,
        "이름,소속,연락처\n\
         장도윤,푸른신협,010-1000-0001\n\
         서하린,두레생협,010-1000-0002\n\
         민서준,돌봄나눔사회적협동조합,010-1000-0003\n\
         오지우,마을책방,010-1000-0004\n\
         한예린,햇살나눔,010-1000-0005\n",
    );
    assert_eq!(kind_of(&store, "푸른신협"), OrgKind::CreditUnion);
    assert_eq!(kind_of(&store, "두레생협"), OrgKind::ConsumerCoop);
    assert_eq!(
        kind_of(&store, "돌봄나눔사회적협동조합"),
        OrgKind::SocialCoop
    );
    assert_eq!(kind_of(&store, "마을책방"), OrgKind::Other);
    // The preview names the kind each new organisation gets.
    assert!(
        s.new_orgs
            .contains(&("푸른신협".to_string(), OrgKind::CreditUnion)),
        "{s:?}"
    );
    netday::i18n::set_lang(netday::i18n::Lang::Ko);
    let line = netday::i18n::org_kinds(&s.new_orgs, s.kinds_set);
    assert!(line.contains("푸른신협(신협)"), "{line}");

    // A later file with 구분: 기타 takes the file's kind; 신협 (chosen or guessed) stays.
    let s = import_text(
        &store,
        "이름,소속,구분\n오지우,마을책방,사협\n장도윤,푸른신협,생협\n",
    );
    assert_eq!(s.kinds_set, 1, "{s:?}");
    assert_eq!(kind_of(&store, "마을책방"), OrgKind::SocialCoop);
    assert_eq!(kind_of(&store, "푸른신협"), OrgKind::CreditUnion);
    assert_eq!(kind_of(&store, "햇살나눔"), OrgKind::Other);

    // The desk's 구분별 도착, everyone arrived: 신협 1, 생협 1, 사협 2, 기타 1.
    let orgs = store.orgs().unwrap();
    let arrived = AttendanceStatus::CheckedIn {
        at: fixed_now(),
        desk: String::new(),
    };
    let people = store.people().unwrap();
    let kinds: Vec<OrgKind> = people
        .iter()
        .map(|p| {
            orgs.iter()
                .find(|o| Some(o.id) == p.org_id)
                .map_or(OrgKind::Other, |o| o.kind)
        })
        .collect();
    let by_kind = arrived_by_kind(kinds.iter().map(|k| (&arrived, *k)));
    let at = |k: OrgKind| by_kind[OrgKind::ALL.iter().position(|x| *x == k).unwrap()];
    assert_eq!(
        [
            at(OrgKind::CreditUnion),
            at(OrgKind::ConsumerCoop),
            at(OrgKind::SocialCoop),
            at(OrgKind::Other)
        ],
        [1, 1, 2, 1]
    );
}
