//! The ideas board drawn into a TestBackend: columns stay aligned with wide Hangul titles.
#![allow(clippy::unwrap_used)] // tests may unwrap (BRIEF)

use crate::common;
use common::screen::{render, row, screen};

use netday::model::{Idea, IdeaCategory, IdeaStatus, Ts};
use netday::state::{Action, App, Screen};
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

fn t0() -> Ts {
    common::fixed_now()
}
fn later() -> Ts {
    Ts(t0().0 + 100 * 24 * 60 * 60 * 1000)
}

const LONG_TITLES: [(&str, IdeaStatus); 6] = [
    (
        "아주아주 긴 한글 제목이 들어간 협업 아이디어 카드 정렬 시험 중입니다",
        IdeaStatus::Idea,
    ),
    (
        "a가b나c다d라e마f바g사h아i자j차k카l타m파n하",
        IdeaStatus::Exploring,
    ),
    (
        "공백없는긴제목공백없는긴제목공백없는긴제목공백없는긴제목",
        IdeaStatus::Agreed,
    ),
    (
        "1한2글3섞4인5제6목7입8니9다0한1글2섞3인4제목",
        IdeaStatus::InProgress,
    ),
    (
        "완료된 바이소셜 장터: 생협·신협·사회적협동조합 합동",
        IdeaStatus::Done,
    ),
    (
        "중단된 아주 긴 제목의 아이디어, 다시 볼 수도 있음",
        IdeaStatus::Dropped,
    ),
];

fn app(now: fn() -> Ts) -> (tempfile::TempDir, App) {
    common::set_clock(now());
    let (dir, store) = common::demo_store();
    let orgs: Vec<u64> = store.orgs().unwrap().iter().map(|o| o.id).collect();
    let owner = store.people().unwrap().first().map(|p| p.id);
    for (title, status) in LONG_TITLES {
        let mut i = Idea {
            id: 0,
            title: title.into(),
            category: IdeaCategory::ClusterAssets,
            org_ids: orgs.iter().take(12).copied().collect(),
            owner,
            status,
            next_step: "다음 할 일".into(),
            next_due: None,
            description: String::new(),
            note_ids: vec![],
            history: vec![],
            created: t0(),
            updated: t0(),
        };
        store.put_idea(&mut i).unwrap();
    }
    let mut app = common::app_on(store);
    app.screen = Screen::Ideas;
    (dir, app)
}

/// The x of every column's left and right border, checked on every row of the board.
fn assert_columns_aligned(b: &Buffer, columns: usize) -> (u16, Vec<u16>) {
    let top = (0..b.area.height)
        .find(|&y| b[(0, y)].symbol() == "╭")
        .expect("board top border");
    let bottom = (top + 1..b.area.height)
        .find(|&y| b[(0, y)].symbol() == "╰")
        .expect("board bottom border");
    let lefts: Vec<u16> = (0..b.area.width)
        .filter(|&x| b[(x, top)].symbol() == "╭")
        .collect();
    let rights: Vec<u16> = (0..b.area.width)
        .filter(|&x| b[(x, top)].symbol() == "╮")
        .collect();
    assert_eq!(lefts.len(), columns, "{}", row(b, top));
    assert_eq!(rights.len(), columns);
    assert!(bottom > top + 6, "board too short");
    for y in top + 1..bottom {
        for &x in lefts.iter().chain(rights.iter()) {
            assert_eq!(b[(x, y)].symbol(), "│", "row {y} col {x}: {}", row(b, y));
        }
    }
    for &x in &lefts {
        assert_eq!(b[(x, bottom)].symbol(), "╰");
    }
    for &x in &rights {
        assert_eq!(b[(x, bottom)].symbol(), "╯");
    }
    // Columns share the width: none more than one cell wider than another.
    let widths: Vec<u16> = lefts.iter().zip(&rights).map(|(l, r)| r - l).collect();
    let (min, max) = (widths.iter().min().unwrap(), widths.iter().max().unwrap());
    assert!(max - min <= 1, "{widths:?}");
    (top, lefts)
}

#[test]
fn columns_stay_aligned_with_long_hangul_titles_at_80x24_and_160x48() {
    let (_d, app) = app(t0);
    for (w, h) in [(80, 24), (160, 48)] {
        let b = render(&app, w, h);
        let (top, lefts) = assert_columns_aligned(&b, 5);
        let text = screen(&b);
        assert!(text.contains("협업 아이디어"), "tab title");
        assert!(text.contains("검토 중"), "column title");
        assert!(text.contains("아이디어 3 · 검토 중 3 · 합의 2 · 진행 중 2 · 완료 1 · 중단 1"));
        assert!(text.contains("아주아주 긴"), "{text}");
        assert!(text.contains('…'), "long titles cut with an ellipsis");
        assert!(!text.contains("중단된 아주 긴"), "dropped ideas hidden");
        // The selected card (first of the first column) is drawn reversed.
        let cell = &b[(lefts[0] + 1, top + 1)];
        assert!(cell.modifier.contains(Modifier::REVERSED));
        let other = &b[(lefts[1] + 1, top + 1)];
        assert!(!other.modifier.contains(Modifier::REVERSED));
    }
}

#[test]
fn six_columns_with_dropped_shown_stay_aligned() {
    let (_d, mut app) = app(t0);
    app.update(Action::ToggleDropped);
    for (w, h) in [(80, 24), (160, 48)] {
        let b = render(&app, w, h);
        assert_columns_aligned(&b, 6);
        assert!(screen(&b).contains("중단 1"));
    }
}

#[test]
fn selection_moves_with_the_arrow_keys() {
    let (_d, mut app) = app(t0);
    app.update(Action::NextColumn);
    app.update(Action::Down);
    let b = render(&app, 160, 48);
    let (top, lefts) = assert_columns_aligned(&b, 5);
    // Cards are three rows tall: the second card's title is on row top+4.
    assert!(
        b[(lefts[1] + 1, top + 4)]
            .modifier
            .contains(Modifier::REVERSED)
    );
    assert!(
        !b[(lefts[1] + 1, top + 1)]
            .modifier
            .contains(Modifier::REVERSED)
    );
    assert!(
        !b[(lefts[0] + 1, top + 1)]
            .modifier
            .contains(Modifier::REVERSED)
    );
}

#[test]
fn stale_cards_are_marked_in_yellow() {
    let (_d, app) = app(later);
    let b = render(&app, 160, 48);
    let (top, lefts) = assert_columns_aligned(&b, 5);
    // The meta line of the only card in 완료 (created at t0), under its title.
    assert_eq!(b[(lefts[4] + 1, top + 2)].fg, Color::Yellow);
    let (_d2, fresh) = self::app(t0);
    let b = render(&fresh, 160, 48);
    assert_ne!(b[(lefts[4] + 1, top + 2)].fg, Color::Yellow);
    // Demo ideas were made two months before t0: the never-moved one is stale, a moved one not.
    assert_eq!(b[(lefts[0] + 1, top + 2)].fg, Color::Yellow);
    assert_ne!(b[(lefts[1] + 1, top + 2)].fg, Color::Yellow);
}

#[test]
fn form_filter_and_detail_draw_over_the_board() {
    let (_d, mut app) = app(t0);
    app.update(Action::NewIdea);
    for c in "공유부엌".chars() {
        app.update(Action::Input(c));
    }
    let b = render(&app, 80, 24);
    let text = screen(&b);
    assert!(text.contains("새 협업 아이디어"), "{text}");
    assert!(text.contains("공유부엌"));
    assert!(text.contains("참여 기관"));
    app.update(Action::Cancel);
    app.update(Action::Cancel);

    app.update(Action::FilterMenu);
    app.update(Action::Right);
    let text = screen(&render(&app, 80, 24));
    assert!(text.contains("주거래 통장"), "{text}");
    app.update(Action::Submit);
    let text = screen(&render(&app, 80, 24));
    assert!(text.contains("필터: 주거래"), "{text}");
    let text = screen(&render(&app, 160, 48));
    assert!(text.contains("필터: 주거래 통장"), "{text}");
    // The selection went to the one column with a match.
    assert_eq!(app.screens.ideas.selected_status(), IdeaStatus::Exploring);
    app.update(Action::Cancel);

    app.update(Action::Submit);
    let text = screen(&render(&app, 80, 24));
    assert!(text.contains("지나온 단계"), "{text}");
    assert!(text.contains("연결된 회의록"));
}
