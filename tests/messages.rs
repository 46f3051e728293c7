//! Every message a user can see is a code with parameters: the engine's (src/message.rs) and the
//! shell's (www/messages.js). docs/MESSAGES.md lists them all and www/messages.en.js gives the card
//! the engine's English templates; both are written from those two tables, and this test fails when
//! they are not (`RISKCARD_WRITE_DOCS=1 cargo test --test messages` rewrites them). The card's French
//! (www/messages.fr.js, by hand) must have every code, each with exactly its parameters.

mod common;

use std::collections::BTreeSet;

use riskcard::message::Message;

const PREAMBLE: &str = "# Messages

Every error and warning that can reach a user is a **code** with **parameters**; its English text is
made from them in one place (the engine's in `src/message.rs`, the shell's in `www/messages.js`), and
a card in another language makes its own text from the same code and parameters: the card takes the
engine's English from `www/messages.en.js` (written from `src/message.rs`) and the French of every
code, the engine's and its own, from `www/messages.fr.js`. This file and `www/messages.en.js` are
written from the two tables by `tests/messages.rs`, which fails when they differ, and when a code has
no French or its French names other parameters than the code has.

Where they appear:

- **Errors** thrown by the engine and the card are JS `Error`s with `message` (English), `code`,
  `params` and `kind`. The kind says what was wrong and what the English message starts with:
  `aoi` — \"invalid area of interest: \", `data` — \"unreadable incident data: \", `options` —
  \"invalid option: \", `usage`, `fetch` and `engine` (the engine or its Web Worker could not
  start) — nothing. The CLI prints the message on stderr.
- **Skipped rows** in a load's diagnostics: `{source, line, reason, code, params}` (`reason` English).
- **Warnings** in a load's diagnostics and in a report: `{code, message, params}`.
- **The route verdict's reason**: `route.verdict_reason` (English), `route.verdict_reason_code`,
  `route.verdict_reason_params`.

Parameters are numbers, texts (from the data, or names: a column, an option, a file), or messages of
their own (`problem`, `detail`, `cause`: `{code, message, params}`), which a card renders the same way.
Parameters named `band` or ending in `_band` hold a band key (`minimal`, `low`, `moderate`, `high`,
`severe`). A `detail` from the browser (a fetch's or `JSON.parse`'s error) is the browser's own text.
";

/// The shell's messages from www/messages.js: (code, kind, English text).
fn shell_messages() -> Vec<(String, String, String)> {
    let js = std::fs::read_to_string(common::root().join("www/messages.js")).expect("www/messages.js");
    let table = js.split("export const SHELL_MESSAGES = {").nth(1).and_then(|t| t.split("\n};").next()).expect("SHELL_MESSAGES");
    table
        .lines()
        .filter_map(|l| {
            let (code, rest) = l.trim().split_once(": ['")?;
            let (kind, rest) = rest.split_once("', '")?;
            let text = rest.strip_suffix("'],")?;
            Some((code.to_string(), kind.to_string(), text.to_string()))
        })
        .collect()
}

/// The `{name}` placeholders of a template.
fn placeholders(template: &str) -> BTreeSet<String> {
    template.split('{').skip(1).filter_map(|p| p.split_once('}')).map(|(name, _)| name.to_string()).collect()
}

fn markdown() -> String {
    let mut out = String::from(PREAMBLE);
    let mut section = "";
    for &(sec, code, text, params) in Message::CATALOGUE {
        if sec != section {
            section = sec;
            out.push_str(&format!("\n## {sec}\n\n| code | parameters | English text |\n| --- | --- | --- |\n"));
        }
        out.push_str(&format!("| `{code}` | {} | {} |\n", params.join(", "), text.replace('|', "\\|")));
    }
    out.push_str("\n## The card's own (www/messages.js)\n\n| code | kind | English text |\n| --- | --- | --- |\n");
    for (code, kind, text) in shell_messages() {
        out.push_str(&format!("| `{code}` | {kind} | {} |\n", text.replace('|', "\\|")));
    }
    out
}

#[test]
fn docs_messages_md_lists_every_message() {
    let path = common::root().join("docs/MESSAGES.md");
    let want = markdown();
    if std::env::var_os("RISKCARD_WRITE_DOCS").is_some() {
        std::fs::write(&path, &want).expect("write docs/MESSAGES.md");
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(have == want, "docs/MESSAGES.md differs from the message tables: run RISKCARD_WRITE_DOCS=1 cargo test --test messages");
}

#[test]
fn codes_are_unique_snake_case_and_templates_use_exactly_their_parameters() {
    // A code names one message, or a warning and the skipped rows it counts (their parameters tell
    // them apart: a card picks the text whose parameters it was given).
    let mut seen = BTreeSet::new();
    let mut shapes = BTreeSet::new();
    for &(_, code, text, params) in Message::CATALOGUE {
        let mut names: Vec<&str> = params.to_vec();
        names.sort_unstable();
        assert!(shapes.insert((code, names)), "{code} twice with the same parameters");
        seen.insert(code.to_string());
        assert!(code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'), "{code}");
        let declared: BTreeSet<String> = params.iter().map(|p| p.to_string()).collect();
        assert_eq!(placeholders(text), declared, "{code}: {text}");
    }
    let shell = shell_messages();
    assert!(shell.len() >= 10, "{} shell messages read", shell.len());
    for (code, kind, _) in &shell {
        assert!(seen.insert(code.clone()), "{code} is both the engine's and the shell's");
        assert!(["aoi", "data", "options", "usage", "fetch", "engine"].contains(&kind.as_str()), "{code}: {kind}");
    }
}

const EN_JS_HEAD: &str = "// The engine's messages, for the card to make them in its language from their code and parameters:
// code → [[parameter names], English template], one entry per shape (a code shared by a warning and
// the skipped rows it counts has two: the parameters tell them apart). Written from src/message.rs by
// tests/messages.rs (RISKCARD_WRITE_DOCS=1 cargo test --release --test messages): do not edit.
export const ENGINE_MESSAGES = {
";

/// www/messages.en.js: the engine's catalogue as a JS table.
fn english_js() -> String {
    let mut codes: Vec<&str> = Vec::new();
    for &(_, code, _, _) in Message::CATALOGUE {
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    let mut out = String::from(EN_JS_HEAD);
    for code in codes {
        let shapes: Vec<String> = Message::CATALOGUE
            .iter()
            .filter(|row| row.1 == code)
            .map(|&(_, _, text, params)| format!("[{}, {}]", serde_json::to_string(params).unwrap(), serde_json::to_string(text).unwrap()))
            .collect();
        out.push_str(&format!("  {code}: [{}],\n", shapes.join(", ")));
    }
    out.push_str("};\n");
    out
}

#[test]
fn www_messages_en_js_is_the_engine_catalogue() {
    let path = common::root().join("www/messages.en.js");
    let want = english_js();
    if std::env::var_os("RISKCARD_WRITE_DOCS").is_some() {
        std::fs::write(&path, &want).expect("write www/messages.en.js");
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(have == want, "www/messages.en.js differs from src/message.rs: run RISKCARD_WRITE_DOCS=1 cargo test --test messages");
}

/// The French table of www/messages.fr.js (`FR_MESSAGES`): code → its template(s), one line each,
/// `code: "text",` or `code: ["text", "text"],` (one per shape, in the catalogue's order).
fn french() -> Vec<(String, Vec<String>)> {
    let js = std::fs::read_to_string(common::root().join("www/messages.fr.js")).expect("www/messages.fr.js");
    let table = js.split("export const FR_MESSAGES = {").nth(1).and_then(|t| t.split("\n};").next()).expect("FR_MESSAGES");
    table
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
        .map(|l| {
            let (code, rest) = l.split_once(": ").unwrap_or_else(|| panic!("messages.fr.js: not `code: text,`: {l}"));
            let value: serde_json::Value = serde_json::from_str(rest.strip_suffix(',').unwrap_or(rest)).unwrap_or_else(|e| panic!("messages.fr.js, {code}: {e}"));
            let texts = match value {
                serde_json::Value::String(t) => vec![t],
                serde_json::Value::Array(a) => a.into_iter().map(|t| t.as_str().expect("a text").to_string()).collect(),
                other => panic!("messages.fr.js, {code}: {other}"),
            };
            (code.to_string(), texts)
        })
        .collect()
}

/// Every code, the engine's and the shell's, has its French, each shape with exactly the parameters
/// of the English (none missing, none the code lacks), and the table has no code that no longer is.
#[test]
fn every_message_has_its_french_with_its_parameters() {
    let fr = french();
    let mut seen = BTreeSet::new();
    for (code, _) in &fr {
        assert!(seen.insert(code.clone()), "{code} twice in messages.fr.js");
    }
    let mut want: Vec<(String, Vec<BTreeSet<String>>)> = Vec::new();
    for &(_, code, _, params) in Message::CATALOGUE {
        let set: BTreeSet<String> = params.iter().map(|p| p.to_string()).collect();
        match want.iter_mut().find(|(c, _)| c == code) {
            Some((_, shapes)) => shapes.push(set),
            None => want.push((code.to_string(), vec![set])),
        }
    }
    for (code, _, text) in shell_messages() {
        want.push((code, vec![placeholders(&text)]));
    }
    let mut missing = Vec::new();
    for (code, shapes) in &want {
        let Some((_, texts)) = fr.iter().find(|(c, _)| c == code) else {
            missing.push(code.clone());
            continue;
        };
        assert_eq!(texts.len(), shapes.len(), "{code}: {} French texts for {} shapes", texts.len(), shapes.len());
        for (text, params) in texts.iter().zip(shapes) {
            assert_eq!(&placeholders(text), params, "{code}: the French names other parameters than the code has: {text}");
            assert!(!text.trim().is_empty(), "{code}: empty");
        }
    }
    assert!(missing.is_empty(), "no French for {} codes: {missing:?}", missing.len());
    let extra: Vec<&String> = fr.iter().map(|(c, _)| c).filter(|c| !want.iter().any(|(w, _)| w == *c)).collect();
    assert!(extra.is_empty(), "French for codes that do not exist: {extra:?}");
    assert_eq!(fr.len(), want.len(), "French messages read");
}

/// A message's text is its template with its parameters, a nested message's text included.
#[test]
fn text_fills_parameters_and_nested_messages() {
    let inner = Message::reach_not_positive("radius_km".into(), -5.0);
    let m = Message::in_named_feature(2, "Morila {x}".into(), inner);
    assert_eq!(m.text(), "feature 2 (Morila {x}): radius_km must be a number > 0 (got -5)");
    let json = serde_json::to_value(&m).unwrap();
    assert_eq!(json["code"], "in_named_feature");
    assert_eq!(json["params"]["detail"]["code"], "reach_not_positive");
    assert_eq!(json["params"]["detail"]["params"]["got"], -5.0);
    assert_eq!(json["message"], m.text());
}
