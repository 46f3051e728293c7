//! Helpers shared by the integration tests.
#![allow(dead_code)]

use riskcard::{ingest, Store};

/// The repository root.
pub fn root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The two UCDP Candidate files shipped in www/data, loaded in release order.
pub fn ucdp_store() -> Store {
    let mut store = Store::new();
    for f in ["ucdp_candidate_v26_01_06_mali_bfa_ner.csv", "ucdp_candidate_v26_0_7_mali_bfa_ner.csv"] {
        let bytes = std::fs::read(root().join("www/data").join(f)).expect("shipped data file");
        ingest::load(&mut store, &bytes, None, f).expect("loads");
    }
    store
}

/// Every incident of a store in store order, in full (for comparing two loads).
pub fn incidents(s: &Store) -> Vec<String> {
    (0..s.len()).filter_map(|i| s.get(i)).map(|e| format!("{e:?}")).collect()
}

/// A fixture file's bytes.
pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(root().join("tests/fixtures").join(name)).expect("fixture")
}

/// A CSV file's rows as an API's JSON response: `{head, "<key>": [the rows as objects], tail}`
/// (`head` and `tail` are members, each ending or starting with its comma). With `numbers`, a
/// value written like a JSON number is one (as the UCDP API gives them); else every value is a
/// string (as the ACLED API gives them).
pub fn api_json(csv: &[u8], head: &str, key: &str, tail: &str, numbers: bool) -> Vec<u8> {
    let text = std::str::from_utf8(csv).expect("UTF-8").trim_start_matches('\u{feff}');
    let mut r = riskcard::csv::Reader::new(text);
    r.next_record();
    let names: Vec<String> = (0..r.len()).map(|i| r.field(i).to_string()).collect();
    let mut rows = Vec::new();
    while r.next_record().is_some() {
        let fields = names.iter().enumerate().map(|(i, n)| {
            let v = r.field(i);
            let value = if numbers && serde_json::from_str::<serde_json::Number>(v).is_ok() { v.to_string() } else { serde_json::to_string(v).unwrap() };
            format!("{}: {value}", serde_json::to_string(n).unwrap())
        });
        rows.push(format!("{{{}}}", fields.collect::<Vec<_>>().join(", ")));
    }
    format!("{{{head}{}: [\n{}\n]{tail}}}", serde_json::to_string(key).unwrap(), rows.join(",\n")).into_bytes()
}

/// USGS mine coordinates (lat, lon) as published in the Mineral Facilities of Africa layer.
pub const MORILA: (f64, f64) = (11.673343000202237, -6.850381000507355);
pub const SYAMA: (f64, f64) = (10.791121000119347, -6.072904999771538);
pub const LOULO: (f64, f64) = (12.875050000193085, -11.392215000096257);

/// A point `km` from `from` (lat, lon) on `bearing` degrees, on a sphere of radius `r` km (the
/// direct problem on the sphere: the tests place incidents at known distances and bearings).
pub fn destination(from: (f64, f64), bearing: f64, km: f64, r: f64) -> (f64, f64) {
    let d = km / r;
    let (la, lo, b) = (from.0.to_radians(), from.1.to_radians(), bearing.to_radians());
    let lat = (la.sin() * d.cos() + la.cos() * d.sin() * b.cos()).asin();
    let lon = lo + (b.sin() * d.sin() * la.cos()).atan2(d.cos() - la.sin() * lat.sin());
    (lat.to_degrees(), lon.to_degrees())
}
