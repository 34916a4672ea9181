//! The minutes as a .docx: the file is a zip whose `word/document.xml` parses fully, holds every
//! text of the `Doc` in order (Hangul intact, `<`, `&`, `"` right, control characters dropped),
//! uses real heading styles, real tables (a header row plus one row per row, widths from the
//! weights, the header bold and shaded), sets a decision apart, and the same `Doc` always gives
//! the same bytes. docx-rs's own reader opens it too.

use std::io::{Cursor, Read};

use netday::i18n::Lang;
use netday::io::docx::{self, DocxError};
use netday::io::report::{Block, Col, Doc, Row, Table};
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

const TRICKY: &str = "태그 <b>&\"x\" 그대로\u{1}끝";
const DECISION: &str = "다음 모임은 3월 14일에 연다\n장소는 사무국이 정한다";
const NOTE: &str = "공동구매 품목을 정리했다\n둘째 줄: 배송\n셋째 줄";

fn sample() -> Doc {
    let people = Table {
        cols: vec![
            Col::new("번호", 1, true),
            Col::new("이름", 2, false),
            Col::new("소속", 4, false),
            Col::new("도착", 1, true),
        ],
        rows: (1..=300)
            .map(|i| {
                let mut r = Row::new(vec![
                    i.to_string(),
                    format!("참가자{i}"),
                    format!("한살림 생협 {}지부", i % 17),
                    format!("{:02}:{:02}", 9 + i % 3, i % 60),
                ]);
                r.marked = i % 50 == 0;
                r
            })
            .collect(),
        note: Some("※ 이월: 지난 모임에서 넘어온 과제".into()),
    };
    let empty = Table {
        cols: vec![Col::new("과제", 3, false), Col::new("담당", 1, true)],
        rows: vec![],
        note: None,
    };
    Doc {
        title: "회의록".into(),
        subtitle: "2026 협동조합 네트워킹 데이".into(),
        fields: vec![
            ("일시".into(), "2026-12-07 (월) 14:00".into()),
            ("장소".into(), "서울 마포구 협동조합 허브".into()),
            ("작성".into(), "사무국".into()),
        ],
        blocks: vec![
            Block::Heading {
                level: 1,
                text: "1. 안건".into(),
            },
            Block::Heading {
                level: 2,
                text: "1.1 공동구매".into(),
            },
            Block::Text(format!("첫 줄\n{TRICKY}\n\t들여쓴 줄")),
            Block::Note {
                kind: "메모".into(),
                text: NOTE.into(),
                meta: "14:05, 사무국".into(),
                decision: false,
            },
            Block::Note {
                kind: "결정".into(),
                text: DECISION.into(),
                meta: "14:20, 의장".into(),
                decision: true,
            },
            Block::Heading {
                level: 2,
                text: "1.2 과제".into(),
            },
            Block::Table(empty),
            Block::Quiet("(없음)".into()),
            Block::PageBreak,
            Block::Heading {
                level: 1,
                text: "2. 출석부".into(),
            },
            Block::Table(people),
        ],
        footer: "2026 협동조합 네트워킹 데이 · 2026-12-07".into(),
        lang: Lang::Ko,
    }
}

// ---- a small DOM over quick-xml, so the whole part must parse ----

#[derive(Debug)]
enum Node {
    El(El),
    Text(String),
}

#[derive(Debug)]
struct El {
    name: String,
    attrs: Vec<(String, String)>,
    kids: Vec<Node>,
}

impl El {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    fn els(&self) -> impl Iterator<Item = &El> {
        self.kids.iter().filter_map(|n| match n {
            Node::El(e) => Some(e),
            Node::Text(_) => None,
        })
    }
    fn child(&self, name: &str) -> Option<&El> {
        self.els().find(|e| e.name == name)
    }
    fn children<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a El> + 'a {
        self.els().filter(move |e| e.name == name)
    }
    /// Every element below this one named `name`, in document order.
    fn all<'a>(&'a self, name: &str, out: &mut Vec<&'a El>) {
        for e in self.els() {
            if e.name == name {
                out.push(e);
            }
            e.all(name, out);
        }
    }
    fn find_all(&self, name: &str) -> Vec<&El> {
        let mut v = Vec::new();
        self.all(name, &mut v);
        v
    }
    fn has(&self, name: &str) -> bool {
        !self.find_all(name).is_empty()
    }
    /// The text a reader sees: w:t, w:br as a new line, w:tab as a tab, a new line after each
    /// paragraph.
    fn text(&self, out: &mut String) {
        for n in &self.kids {
            match n {
                Node::Text(t) if self.name == "w:t" => out.push_str(t),
                Node::Text(_) => {}
                Node::El(e) => match e.name.as_str() {
                    "w:br" => out.push('\n'),
                    "w:tab" if self.name == "w:r" => out.push('\t'),
                    "w:p" => {
                        e.text(out);
                        out.push('\n');
                    }
                    _ => e.text(out),
                },
            }
        }
    }
    fn plain(&self) -> String {
        let mut s = String::new();
        self.text(&mut s);
        s
    }
    fn p_style(&self) -> Option<&str> {
        self.child("w:pPr")?.child("w:pStyle")?.attr("w:val")
    }
}

fn el(e: &BytesStart) -> El {
    El {
        name: e.name().as_ref().to_string(),
        attrs: e
            .attributes()
            .map(|a| {
                let a = a.unwrap();
                (
                    a.key.as_ref().to_string(),
                    a.normalized_value(XmlVersion::Implicit1_0)
                        .unwrap()
                        .into_owned(),
                )
            })
            .collect(),
        kids: vec![],
    }
}

/// Parses a whole XML part; panics on anything that is not well-formed.
fn parse(xml: &str) -> El {
    let mut r = Reader::from_str(xml);
    r.config_mut().check_end_names = true;
    let mut stack = vec![El {
        name: "#root".into(),
        attrs: vec![],
        kids: vec![],
    }];
    loop {
        match r.read_event().expect("well-formed XML") {
            Event::Start(e) => stack.push(el(&e)),
            Event::Empty(e) => {
                let e = el(&e);
                stack.last_mut().unwrap().kids.push(Node::El(e));
            }
            Event::End(_) => {
                let done = stack.pop().unwrap();
                stack
                    .last_mut()
                    .expect("balanced")
                    .kids
                    .push(Node::El(done));
            }
            Event::Text(t) => {
                let t = t.xml10_content().into_owned();
                stack.last_mut().unwrap().kids.push(Node::Text(t));
            }
            Event::GeneralRef(g) => {
                let c = match g.resolve_char_ref().expect("a valid character reference") {
                    Some(c) => c,
                    None => match &*g {
                        "lt" => '<',
                        "gt" => '>',
                        "amp" => '&',
                        "quot" => '"',
                        "apos" => '\'',
                        other => panic!("unknown entity &{other};"),
                    },
                };
                stack
                    .last_mut()
                    .unwrap()
                    .kids
                    .push(Node::Text(c.to_string()));
            }
            Event::CData(_) => panic!("no CDATA expected"),
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements at the end");
    let mut root = stack.pop().unwrap();
    assert_eq!(root.els().count(), 1, "one root element");
    match root.kids.drain(..).find(|n| matches!(n, Node::El(_))) {
        Some(Node::El(e)) => e,
        _ => unreachable!(),
    }
}

struct Package {
    bytes: Vec<u8>,
}

impl Package {
    fn of(doc: &Doc) -> Package {
        Package {
            bytes: docx::write(doc).unwrap(),
        }
    }
    fn part(&self, name: &str) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(&self.bytes)).unwrap();
        let mut s = String::new();
        zip.by_name(name)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .read_to_string(&mut s)
            .unwrap();
        s
    }
    fn names(&self) -> Vec<String> {
        let zip = zip::ZipArchive::new(Cursor::new(&self.bytes)).unwrap();
        zip.file_names().map(|n| n.unwrap().to_string()).collect()
    }
    fn body(&self) -> El {
        let doc = parse(&self.part("word/document.xml"));
        assert_eq!(doc.name, "w:document");
        doc.kids
            .into_iter()
            .find_map(|n| match n {
                Node::El(e) if e.name == "w:body" => Some(e),
                _ => None,
            })
            .expect("w:body")
    }
}

fn no_controls(t: &str) -> String {
    t.chars()
        .filter(|&c| c == '\t' || c == '\n' || !c.is_control())
        .collect()
}

/// Finds each line of each text in `hay` in order, after `from`; returns where it ended.
fn in_order(hay: &str, texts: &[&str]) {
    let mut at = 0;
    for t in texts {
        for line in no_controls(t).split('\n') {
            match hay[at..].find(line) {
                Some(i) => at += i + line.len(),
                None => panic!(
                    "{line:?} (of {t:?}) not found in order; the text after the last match: {:?}",
                    hay[at..].chars().take(200).collect::<String>()
                ),
            }
        }
    }
}

#[test]
fn every_text_in_order_hangul_and_escapes_intact() {
    let doc = sample();
    let pkg = Package::of(&doc);
    let body = pkg.body();
    let text = body.plain();
    in_order(&text, &doc.texts());
    assert!(text.contains("태그 <b>&\"x\" 그대로끝"), "{text}");
    assert!(text.contains("\t들여쓴 줄"));
    assert!(text.contains("한살림 생협 16지부"));
    // The raw part: escaped, and no character XML 1.0 forbids.
    let raw = pkg.part("word/document.xml");
    assert!(raw.contains("&lt;b&gt;&amp;"), "escaped in the XML");
    for name in pkg.names() {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let part = pkg.part(&name);
            assert!(
                !part
                    .chars()
                    .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')),
                "a control character in {name}"
            );
            parse(&part);
        }
    }
}

#[test]
fn title_and_headings_use_real_styles_with_outline_levels() {
    let doc = sample();
    let pkg = Package::of(&doc);
    let body = pkg.body();
    let paras: Vec<&El> = body.children("w:p").collect();
    assert_eq!(paras[0].p_style(), Some("Title"));
    assert_eq!(paras[0].plain(), "회의록");
    assert_eq!(paras[1].p_style(), Some("Subtitle"));
    let headings: Vec<(String, String)> = paras
        .iter()
        .filter_map(|p| {
            let s = p.p_style()?;
            s.starts_with("Heading")
                .then(|| (s.to_string(), p.plain().trim_end().to_string()))
        })
        .collect();
    let want: Vec<(String, String)> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, text } => Some((format!("Heading{level}"), text.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(headings, want);

    let styles = parse(&pkg.part("word/styles.xml"));
    let style = |id: &str| {
        styles
            .children("w:style")
            .find(|s| s.attr("w:styleId") == Some(id))
            .unwrap_or_else(|| panic!("style {id}"))
    };
    for (id, name, level) in [
        ("Heading1", "heading 1", "0"),
        ("Heading2", "heading 2", "1"),
    ] {
        let s = style(id);
        assert_eq!(s.attr("w:type"), Some("paragraph"));
        assert_eq!(s.child("w:name").unwrap().attr("w:val"), Some(name));
        assert_eq!(
            s.find_all("w:outlineLvl")[0].attr("w:val"),
            Some(level),
            "{id}"
        );
    }
    assert_eq!(
        style("Title").child("w:name").unwrap().attr("w:val"),
        Some("Title")
    );
    // Bold by the base they share, and their runs bold as well.
    let base = style("HeadingBase");
    assert!(base.child("w:rPr").unwrap().has("w:b"));
    assert!(base.has("w:keepNext"));
    for id in ["Title", "Heading1", "Heading2"] {
        let based = style(id).child("w:basedOn").and_then(|b| b.attr("w:val"));
        assert_eq!(based, Some("HeadingBase"), "{id}");
    }
    for p in paras.iter().filter(|p| {
        p.p_style()
            .is_some_and(|s| s == "Title" || s.starts_with("Heading"))
    }) {
        assert!(p.find_all("w:r").iter().all(|r| r.has("w:b")), "bold runs");
    }
    let sizes: Vec<&str> = ["Title", "Heading1", "Heading2"]
        .iter()
        .map(|id| style(id).find_all("w:sz")[0].attr("w:val").unwrap())
        .collect();
    assert_eq!(sizes, ["40", "28", "24"]);
    // 맑은 고딕 for Hangul, Malgun Gothic for Latin, in the defaults.
    let fonts = styles.find_all("w:docDefaults")[0].find_all("w:rFonts");
    assert_eq!(fonts[0].attr("w:eastAsia"), Some("맑은 고딕"));
    assert_eq!(fonts[0].attr("w:ascii"), Some("Malgun Gothic"));
    assert_eq!(fonts[0].attr("w:hAnsi"), Some("Malgun Gothic"));
}

/// The schema's order of the children of a run's, a paragraph's and a cell's properties (the
/// ones this writer can produce among them).
const RPR: &[&str] = &[
    "w:rStyle",
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:strike",
    "w:vanish",
    "w:color",
    "w:spacing",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:shd",
];
const PPR: &[&str] = &[
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:widowControl",
    "w:numPr",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:spacing",
    "w:ind",
    "w:jc",
    "w:outlineLvl",
];
const TCPR: &[&str] = &[
    "w:tcW",
    "w:gridSpan",
    "w:vMerge",
    "w:tcBorders",
    "w:shd",
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:vAlign",
];

fn in_schema_order(el: &El, order: &[&str], part: &str) {
    let names: Vec<&str> = el
        .els()
        .map(|e| e.name.as_str())
        // docx-rs opens every w:pPr with an empty w:rPr; nothing can move it.
        .filter(|n| !(el.name == "w:pPr" && *n == "w:rPr"))
        .collect();
    let at: Vec<usize> = names
        .iter()
        .map(|n| {
            order
                .iter()
                .position(|o| o == n)
                .unwrap_or_else(|| panic!("{n} in {} of {part}: not expected", el.name))
        })
        .collect();
    assert!(
        at.windows(2).all(|w| w[0] < w[1]),
        "{} in {part} out of the schema's order: {names:?}",
        el.name
    );
}

/// Word is reported to ignore run properties out of the schema's order (docx-rs writes sz
/// first), so no list of properties the writer sets may be out of order.
#[test]
fn property_lists_are_in_the_schemas_order() {
    let pkg = Package::of(&sample());
    for part in ["word/document.xml", "word/styles.xml", "word/footer1.xml"] {
        let root = parse(&pkg.part(part));
        for (name, order) in [("w:rPr", RPR), ("w:pPr", PPR), ("w:tcPr", TCPR)] {
            for el in root.find_all(name) {
                in_schema_order(el, order, part);
            }
        }
    }
}

#[test]
fn tables_are_real_tables_with_a_bold_shaded_header() {
    let doc = sample();
    let pkg = Package::of(&doc);
    let body = pkg.body();
    let tables: Vec<&El> = body.children("w:tbl").collect();
    let want: Vec<&Table> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    // The fields under the title, then one per Table block.
    assert_eq!(tables.len(), 1 + want.len());

    let fields = tables[0];
    let rows: Vec<&El> = fields.children("w:tr").collect();
    assert_eq!(rows.len(), doc.fields.len());
    for (r, (k, v)) in rows.iter().zip(&doc.fields) {
        let cells: Vec<&El> = r.children("w:tc").collect();
        assert_eq!(cells[0].plain(), format!("{k}\n"));
        assert_eq!(cells[1].plain(), format!("{v}\n"));
        assert!(cells[0].has("w:shd"), "the label is shaded");
        assert!(!cells[1].has("w:shd"));
    }

    for (tbl, t) in tables[1..].iter().zip(want) {
        let rows: Vec<&El> = tbl.children("w:tr").collect();
        assert_eq!(rows.len(), 1 + t.rows.len(), "a header row plus the rows");
        // Grid widths from the weights, over the text width.
        let grid: Vec<usize> = tbl
            .child("w:tblGrid")
            .unwrap()
            .children("w:gridCol")
            .map(|g| g.attr("w:w").unwrap().parse().unwrap())
            .collect();
        assert_eq!(grid.len(), t.cols.len());
        assert_eq!(grid.iter().sum::<usize>(), 11906 - 2 * 1134);
        let weights: u16 = t.cols.iter().map(|c| c.weight).sum();
        for (g, c) in grid.iter().zip(&t.cols) {
            let exact = (11906.0 - 2.0 * 1134.0) * f64::from(c.weight) / f64::from(weights);
            assert!((*g as f64 - exact).abs() <= t.cols.len() as f64, "{grid:?}");
        }
        assert!(tbl.child("w:tblPr").unwrap().has("w:tblBorders"));
        // The header: the titles, bold and shaded.
        let head: Vec<&El> = rows[0].children("w:tc").collect();
        for (cell, col) in head.iter().zip(&t.cols) {
            assert_eq!(cell.plain(), format!("{}\n", col.title));
            let shd = cell.find_all("w:shd");
            assert_eq!(shd.first().and_then(|s| s.attr("w:fill")), Some("D9D9D9"));
            assert!(cell.find_all("w:r").iter().all(|r| r.has("w:b")));
        }
        for (tr, row) in rows[1..].iter().zip(&t.rows) {
            let cells: Vec<&El> = tr.children("w:tc").collect();
            for ((cell, text), col) in cells.iter().zip(&row.cells).zip(&t.cols) {
                assert_eq!(cell.plain(), format!("{text}\n"));
                assert_eq!(cell.has("w:shd"), row.marked, "marked rows are shaded");
                let jc = cell.find_all("w:jc");
                assert_eq!(
                    jc.first().and_then(|j| j.attr("w:val")) == Some("center"),
                    col.centred
                );
                assert!(!cell.find_all("w:r").iter().any(|r| r.has("w:b")));
            }
        }
    }
    // The table's note follows it, in its own small style.
    let kids: Vec<&El> = body.els().collect();
    let last_tbl = kids.iter().rposition(|e| e.name == "w:tbl").unwrap();
    assert_eq!(kids[last_tbl + 1].p_style(), Some("TableNote"));
}

#[test]
fn a_decision_is_shaded_and_bordered_and_notes_keep_their_lines() {
    let pkg = Package::of(&sample());
    let body = pkg.body();
    let para = |needle: &str| {
        *body
            .find_all("w:p")
            .iter()
            .find(|p| p.plain().contains(needle))
            .unwrap()
    };
    let decision = para("다음 모임은");
    assert_eq!(
        decision.plain(),
        format!("결정: {DECISION} (14:20, 의장)"),
        "one paragraph, its lines kept"
    );
    let ppr = decision.child("w:pPr").unwrap();
    assert_eq!(
        ppr.child("w:shd").and_then(|s| s.attr("w:fill")),
        Some("F2F2F2")
    );
    let sides: Vec<&str> = ppr
        .child("w:pBdr")
        .unwrap()
        .els()
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(sides, ["w:left"], "a bar at the left, not a box");
    let first_run = decision.child("w:r").unwrap();
    assert!(first_run.has("w:b"));
    assert_eq!(first_run.plain(), "결정");

    let note = para("공동구매 품목을");
    assert_eq!(note.plain(), format!("메모: {NOTE} (14:05, 사무국)"));
    let ppr = note.child("w:pPr").unwrap();
    assert!(
        !ppr.has("w:shd") && !ppr.has("w:pBdr"),
        "a note is not a decision"
    );
    assert!(
        note.child("w:r").unwrap().has("w:b"),
        "the kind word is bold"
    );
}

#[test]
fn a4_page_footer_with_page_numbers_and_a_page_break() {
    let doc = sample();
    let pkg = Package::of(&doc);
    let body = pkg.body();
    let sect = body.child("w:sectPr").unwrap();
    let size = sect.child("w:pgSz").unwrap();
    assert_eq!(size.attr("w:w"), Some("11906"));
    assert_eq!(size.attr("w:h"), Some("16838"));
    let mar = sect.child("w:pgMar").unwrap();
    for side in ["w:top", "w:bottom", "w:left", "w:right"] {
        assert_eq!(mar.attr(side), Some("1134"), "{side}");
    }
    let fref = sect.child("w:footerReference").unwrap();
    assert_eq!(fref.attr("w:type"), Some("default"));
    let footer = parse(&pkg.part("word/footer1.xml"));
    assert!(footer.plain().contains(&doc.footer));
    let instr: Vec<String> = footer
        .find_all("w:instrText")
        .iter()
        .map(|i| {
            i.kids
                .iter()
                .map(|n| match n {
                    Node::Text(t) => t.trim().to_string(),
                    Node::El(_) => String::new(),
                })
                .collect()
        })
        .collect();
    assert_eq!(instr, ["PAGE", "NUMPAGES"]);
    let breaks = body.find_all("w:br");
    assert_eq!(
        breaks
            .iter()
            .filter(|b| b.attr("w:type") == Some("page"))
            .count(),
        1
    );
}

#[test]
fn the_same_doc_gives_the_same_bytes_on_any_thread() {
    let doc = sample();
    let a = docx::write(&doc).unwrap();
    // Other docx-rs paragraphs made on this thread in between (docx-rs numbers paragraphs from a
    // per-thread counter that only a finished build resets).
    let _others: Vec<docx_rs::Paragraph> = (0..5).map(|_| docx_rs::Paragraph::new()).collect();
    let b = docx::write(&doc).unwrap();
    let other = doc.clone();
    let c = std::thread::spawn(move || docx::write(&other).unwrap())
        .join()
        .unwrap();
    assert!(a == b && b == c, "the output depends on the Doc alone");
    // Not the clock: the zip entries carry the format's default time (it would be the time of
    // writing if the `time` feature of docx-rs's zip crate were ever turned on), the package
    // properties docx-rs's fixed date.
    let mut zip = zip::ZipArchive::new(Cursor::new(&a)).unwrap();
    for i in 0..zip.len() {
        let entry = zip.by_index(i).unwrap();
        let when = entry.last_modified().map(|t| t.year());
        assert_eq!(when, Some(1980), "{:?}", entry.name());
    }
    let core = Package { bytes: a }.part("docProps/core.xml");
    assert!(core.contains("1970-01-01T00:00:00Z"), "{core}");
}

#[test]
fn docx_rs_reads_it_back() {
    let doc = sample();
    let bytes = docx::write(&doc).unwrap();
    let back = docx_rs::read_docx(&bytes).expect("docx-rs reads its own file");
    let tables = back
        .document
        .children
        .iter()
        .filter(|c| matches!(c, docx_rs::DocumentChild::Table(_)))
        .count();
    assert_eq!(tables, 3);
    let headings = back
        .document
        .children
        .iter()
        .filter(|c| match c {
            docx_rs::DocumentChild::Paragraph(p) => p
                .property
                .style
                .as_ref()
                .is_some_and(|s| s.val.starts_with("Heading")),
            _ => false,
        })
        .count();
    assert_eq!(headings, 4);
}

#[test]
fn odd_docs_still_make_a_file() {
    // Nothing at all; a table without columns but with cells; zero weights; control characters
    // everywhere.
    let doc = Doc {
        title: "\u{7}".into(),
        subtitle: String::new(),
        fields: vec![],
        blocks: vec![
            Block::Table(Table {
                cols: vec![],
                rows: vec![Row::new(vec!["가".into(), "나".into()])],
                note: Some("\u{0}주\u{1b}[31m".into()),
            }),
            Block::Table(Table {
                cols: vec![Col::new("영", 0, false), Col::new("일", 0, true)],
                rows: vec![Row::new(vec!["하나".into()])],
                note: None,
            }),
            Block::Text(String::new()),
            Block::Heading {
                level: 7,
                text: "\u{fffe}깊은 제목\r\n".into(),
            },
        ],
        footer: "\u{85}".into(),
        lang: Lang::En,
    };
    let pkg = Package::of(&doc);
    let text = pkg.body().plain();
    in_order(
        &text,
        &["가", "나", "주[31m", "영", "일", "하나", "깊은 제목"],
    );
    let tables = pkg.body().find_all("w:tbl").len();
    assert_eq!(tables, 2);
    let raw = pkg.part("word/document.xml");
    assert!(!raw.contains('\u{fffe}') && !raw.contains('\u{1b}'));
}

#[test]
fn the_error_says_what_happened_in_both_languages() {
    let e = DocxError::Build("zip".into());
    assert!(e.ko().contains("아무 파일도 쓰지 않았습니다"), "{}", e.ko());
    assert!(e.en().contains("No file was written"), "{}", e.en());
}
