//! Lower layers never import upper ones. The layers are the table in ARCHITECTURE.md (section
//! "Layers"), read from there, so the document and this test cannot disagree. Every `.rs` file
//! under `src/` is read as Rust tokens (comments and string literals drop out) and every path
//! `crate::x…` — in `use` lines, grouped (`use crate::{a, b::c}`), in code and inside macro
//! calls — names the top-level module `x` it reaches into. (`netday::x` counts the same: the
//! binary's files reach the library that way.) `super::` paths are not followed: none leaves
//! its top-level module today.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use proc_macro2::{Delimiter, TokenStream, TokenTree};

const BEGIN: &str = "<!-- layers:begin -->";
const END: &str = "<!-- layers:end -->";

/// The layer of each top-level module, from ARCHITECTURE.md's table: `| 2 | `store` | … |`.
fn layer_table(doc: &str) -> BTreeMap<String, u32> {
    let start = doc
        .find(BEGIN)
        .expect("ARCHITECTURE.md holds the layer table between <!-- layers:begin/end -->");
    let end = doc[start..].find(END).expect("the table ends") + start;
    let mut table = BTreeMap::new();
    for line in doc[start..end].lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let (Some(layer), Some(modules)) = (cells.get(1), cells.get(2)) else {
            continue;
        };
        let Ok(layer) = layer.parse::<u32>() else {
            continue; // the header and the |---| line
        };
        for m in modules.split(',') {
            let m = m.trim().trim_matches('`').trim();
            if !m.is_empty() {
                let before = table.insert(m.to_string(), layer);
                assert!(before.is_none(), "ARCHITECTURE.md names `{m}` twice");
            }
        }
    }
    table
}

/// Each top-level module a source reaches by `crate::` or `netday::`, with the line.
fn reached(src: &str) -> Result<Vec<(String, usize)>, String> {
    let tokens = TokenStream::from_str(src).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    walk(tokens, &mut out);
    Ok(out)
}

fn walk(tokens: TokenStream, out: &mut Vec<(String, usize)>) {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    for (i, t) in tokens.iter().enumerate() {
        match t {
            TokenTree::Group(g) => walk(g.stream(), out),
            TokenTree::Ident(id) if id == "crate" || id == "netday" => {
                let colons = matches!(
                    (tokens.get(i + 1), tokens.get(i + 2)),
                    (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)))
                        if a.as_char() == ':' && b.as_char() == ':'
                );
                if !colons {
                    continue;
                }
                match tokens.get(i + 3) {
                    Some(TokenTree::Ident(name)) => {
                        out.push((name.to_string(), name.span().start().line));
                    }
                    // `use crate::{a, b::c, d::{e, f}}`: the first name of each item.
                    Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace => {
                        let mut item_start = true;
                        for t in g.stream() {
                            match t {
                                TokenTree::Ident(name) if item_start => {
                                    if name != "self" {
                                        out.push((name.to_string(), name.span().start().line));
                                    }
                                    item_start = false;
                                }
                                TokenTree::Punct(p) if p.as_char() == ',' => item_start = true,
                                _ => item_start = false,
                            }
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("read src/")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// What breaks the layering under `src`, one line each.
fn violations(root: &Path, table: &BTreeMap<String, u32>) -> (Vec<String>, usize) {
    let src = root.join("src");
    let top_layer = table.values().copied().max().unwrap_or(0);
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut wrong = Vec::new();
    let mut seen = 0;
    for file in files {
        let rel = file.strip_prefix(root).unwrap().display().to_string();
        let inside = file.strip_prefix(&src).unwrap();
        let first = inside.components().next().unwrap().as_os_str();
        let module = first.to_string_lossy().trim_end_matches(".rs").to_string();
        if module == "lib" {
            continue; // the crate root only declares the modules
        }
        let Some(&own) = table.get(&module) else {
            wrong.push(format!(
                "{rel}: module `{module}` has no row in ARCHITECTURE.md's layer table: give it a layer there"
            ));
            continue;
        };
        let text = std::fs::read_to_string(&file).unwrap();
        let paths = match reached(&text) {
            Ok(p) => p,
            Err(e) => {
                wrong.push(format!("{rel}: cannot be read as Rust tokens: {e}"));
                continue;
            }
        };
        for (name, line) in paths {
            seen += 1;
            if name == module {
                continue;
            }
            match table.get(&name) {
                Some(&theirs) if theirs > own => wrong.push(format!(
                    "{rel}:{line}: `{module}` (layer {own}) imports `{name}` (layer {theirs}): a module may use only its own layer and those below (ARCHITECTURE.md, Layers)"
                )),
                Some(_) => {}
                // The binary's files may name its own items (`crate::run`); they are on top.
                None if own == top_layer => {}
                None => wrong.push(format!(
                    "{rel}:{line}: `{module}` reaches `crate::{name}`, which is no module in ARCHITECTURE.md's layer table"
                )),
            }
        }
    }
    (wrong, seen)
}

#[test]
fn no_module_imports_a_module_of_a_higher_layer() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let table = layer_table(&doc);
    // The table is read, not empty: the lowest and the highest layers are where they belong.
    assert_eq!(table.get("model"), Some(&0), "{table:?}");
    assert!(table["store"] < table["i18n"] && table["i18n"] < table["io"]);
    assert!(table["data"] < table["widgets"] && table["widgets"] < table["view"]);
    assert!(table["screens"] < table["state"] && table["state"] < table["cli"]);
    let (wrong, seen) = violations(root, &table);
    // A reader that found nothing would pass; the crate has over 400 such paths.
    assert!(
        seen > 300,
        "only {seen} crate:: paths found: the reader is broken"
    );
    assert!(wrong.is_empty(), "\n{}\n", wrong.join("\n"));
}

#[test]
fn paths_are_found_in_groups_code_and_macros_but_not_in_comments_or_strings() {
    let src = r##"
        use crate::{a, b::c, d::{e, f}, self};
        // crate::in_a_comment
        /// crate::in_a_doc_comment
        /* crate::in_a_block */
        fn x() {
            let s = "crate::in_a_string";
            let r = r#"crate::in_a_raw_string"#;
            let c = '"';
            g(crate::h::i());
            assert_eq!(1, crate::j::k(), "{}", netday::l::m);
        }
    "##;
    let names: Vec<String> = reached(src).unwrap().into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["a", "b", "d", "h", "j", "l"]);
    let lines: Vec<usize> = reached(src).unwrap().into_iter().map(|(_, l)| l).collect();
    assert_eq!(lines, [2, 2, 2, 10, 11, 11]);
}

#[test]
fn the_table_gives_each_module_one_layer() {
    let doc = format!(
        "x\n{BEGIN}\n| layer | modules | why |\n| ---: | --- | --- |\n| 1 | `store` | … |\n| 0 | `model`, `x` | … |\n{END}\n| 9 | `outside` |"
    );
    let t = layer_table(&doc);
    assert_eq!(
        t.into_iter().collect::<Vec<_>>(),
        [
            ("model".to_string(), 0),
            ("store".to_string(), 1),
            ("x".to_string(), 0)
        ]
    );
}

/// `sync` reaches `store` only for its codec (the wire encoding), never the database.
#[test]
fn sync_uses_only_the_stores_codec() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src/sync"), &mut files);
    let mut seen = 0;
    let mut wrong = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let tokens: Vec<String> = flat(TokenStream::from_str(&text).unwrap());
        for (i, t) in tokens.iter().enumerate() {
            if t == "store" && tokens.get(i + 1).is_some_and(|c| c == ":") {
                seen += 1;
                let next = tokens.get(i + 3).map(String::as_str);
                if next != Some("codec") {
                    wrong.push(format!("{}: store::{next:?}", file.display()));
                }
            }
        }
    }
    assert!(seen >= 2, "the reader found the codec's uses ({seen})");
    assert!(wrong.is_empty(), "{wrong:?}");
}

/// Every token as text, groups opened (`{`, `}` dropped), in order.
fn flat(tokens: TokenStream) -> Vec<String> {
    let mut out = Vec::new();
    for t in tokens {
        match t {
            TokenTree::Group(g) => out.extend(flat(g.stream())),
            TokenTree::Punct(p) => out.push(p.as_char().to_string()),
            other => out.push(other.to_string()),
        }
    }
    out
}
