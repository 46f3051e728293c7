//! Property tests: the score's promises (bounded, zero with nothing near, never lower when an incident
//! is added, moved closer, made more recent or more deadly, deterministic) and "no input bytes make a
//! parser panic".

mod common;

use proptest::prelude::*;
use riskcard::store::NewIncident;
use riskcard::{aoi, assess, ingest, Category, Options, Store};

const SITE: (f64, f64) = (12.65, -8.0);
const AS_OF: i32 = 20_665; // 2026-07-31

/// A point `km` from `from` on `bearing` degrees, on the mean sphere (the test only needs the
/// ordering of distances along one bearing, which any sphere preserves).
fn destination(from: (f64, f64), bearing: f64, km: f64) -> (f64, f64) {
    common::destination(from, bearing, km, 6371.0)
}

#[derive(Debug, Clone)]
struct Ev {
    km: f64,
    bearing: f64,
    age: i32,
    fatalities: u32,
    cat: u8,
    geo: u8,
    when: u8,
}

fn ev() -> impl Strategy<Value = Ev> {
    (0.0f64..260.0, 0.0f64..360.0, 0i32..400, 0u32..200, 0u8..9, 0u8..5, 0u8..5).prop_map(|(km, bearing, age, fatalities, cat, geo, when)| Ev {
        km,
        bearing,
        age,
        fatalities,
        cat,
        geo,
        when,
    })
}

fn incident(i: usize, e: &Ev) -> NewIncident<'static> {
    let (lat, lon) = destination(SITE, e.bearing, e.km);
    NewIncident { geo_class: e.geo, date_class: e.when, ..NewIncident::new(format!("e{i}"), AS_OF - e.age, lat, lon, Category::from_code(e.cat), e.fatalities) }
}

fn store(evs: &[Ev]) -> Store {
    let mut s = Store::new();
    for (i, e) in evs.iter().enumerate() {
        s.insert(incident(i, e));
    }
    s
}

fn areas() -> Vec<aoi::Aoi> {
    vec![
        aoi::site(SITE.0, SITE.1, 30.0, None).unwrap(),
        aoi::corridor(vec![vec![(12.65, -8.0), (12.7441, -8.0726), (13.5728, -8.0339)]], 10.0, None).unwrap(),
        match aoi::parse(r#"{"type":"Polygon","coordinates":[[[-8.3,12.4],[-7.7,12.4],[-7.7,12.9],[-8.3,12.9],[-8.3,12.4]]]}"#).unwrap() {
            aoi::AoiInput::One(a) => a,
            _ => unreachable!(),
        },
    ]
}

/// The score, and 0 for an empty store (which has no answer: its assessment is an error).
fn score(s: &Store, a: &aoi::Aoi) -> f64 {
    let o = Options { as_of: Some("2026-07-31".into()), ..Options::default() };
    if s.is_empty() {
        assert_eq!(assess(s, a, &o).unwrap_err().message().code(), "data_none_loaded");
        return 0.0;
    }
    assess(s, a, &o).unwrap().score
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn bounded_and_explained(evs in prop::collection::vec(ev(), 1..40)) {
        let s = store(&evs);
        for a in areas() {
            let o = Options { as_of: Some("2026-07-31".into()), ..Options::default() };
            let r = assess(&s, &a, &o).unwrap();
            prop_assert!((0.0..=100.0).contains(&r.score));
            let sum: f64 = r.contributions.values().sum();
            prop_assert!((sum - r.score).abs() < 1e-6, "contributions {} vs score {}", sum, r.score);
            if r.incidents.within_influence == 0 {
                prop_assert_eq!(r.score, 0.0);
            }
        }
    }

    #[test]
    fn adding_an_incident_never_lowers(evs in prop::collection::vec(ev(), 0..30), extra in ev()) {
        let before = store(&evs);
        let mut more = evs.clone();
        more.push(extra);
        let after = store(&more);
        for a in areas() {
            prop_assert!(score(&after, &a) >= score(&before, &a));
        }
    }

    #[test]
    fn closer_recent_deadlier_never_lowers(evs in prop::collection::vec(ev(), 1..30), pick in any::<prop::sample::Index>(),
                                           t in 0.0f64..0.9, newer in 1i32..60, more in 1u32..50) {
        let i = pick.index(evs.len());
        let base = store(&evs);
        let site = &areas()[0];
        let s0 = score(&base, site);
        let mut closer = evs.clone();
        closer[i].km *= t;
        prop_assert!(score(&store(&closer), site) >= s0);
        let mut recent = evs.clone();
        recent[i].age = (recent[i].age - newer).max(0);
        prop_assert!(score(&store(&recent), site) >= s0);
        let mut deadly = evs.clone();
        deadly[i].fatalities += more;
        prop_assert!(score(&store(&deadly), site) >= s0);
    }

    #[test]
    fn order_of_loading_does_not_matter(evs in prop::collection::vec(ev(), 1..30)) {
        let a = store(&evs);
        let mut rev: Vec<(usize, Ev)> = evs.iter().cloned().enumerate().collect();
        rev.reverse();
        let mut b = Store::new();
        for (i, e) in &rev {
            b.insert(incident(*i, e));
        }
        for area in areas() {
            let o = Options { as_of: Some("2026-07-31".into()), ..Options::default() };
            let (ra, rb) = (assess(&a, &area, &o).unwrap(), assess(&b, &area, &o).unwrap());
            prop_assert_eq!(ra.score, rb.score);
            prop_assert_eq!(ra.contributions, rb.contributions);
            prop_assert_eq!(ra.trend, rb.trend);
            prop_assert_eq!(ra.route, rb.route);
        }
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..3000)) {
        for f in [None, Some(ingest::Format::Acled), Some(ingest::Format::Ucdp), Some(ingest::Format::Csv), Some(ingest::Format::GeoJson), Some(ingest::Format::Json)] {
            let mut s = Store::new();
            let _ = ingest::load(&mut s, &bytes, f, "fuzz");
        }
        let text = String::from_utf8_lossy(&bytes);
        let _ = aoi::parse(&text);
        let _ = riskcard::date::parse(&text);
    }

    #[test]
    fn mutated_real_files_never_panic(seed in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..40),
                                      which in 0usize..7, cut in any::<prop::sample::Index>()) {
        let names = ["acled_current.csv", "acled_old.csv", "acled_hdx.csv", "own.json", "own.geojson", "own.csv"];
        // The seventh: an ACLED API response (members around the rows, read a row at a time).
        let mut bytes = match names.get(which) {
            Some(name) => common::fixture(name),
            None => common::api_json(&common::fixture("acled_current.csv"), r#""status": 200, "count": 11, "#, "data", r#", "filename": "x""#, false),
        };
        for (at, b) in &seed {
            let i = at.index(bytes.len());
            bytes[i] = *b;
        }
        bytes.truncate(cut.index(bytes.len() + 1));
        let mut s = Store::new();
        if ingest::load(&mut s, &bytes, None, "m").is_ok() {
            for a in areas() {
                let _ = assess(&s, &a, &Options::default());
            }
        }
    }

    #[test]
    fn mutated_aois_never_panic(pos in any::<prop::sample::Index>(), b in any::<u8>(), cut in any::<prop::sample::Index>()) {
        let src = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"A","radius_km":25},"geometry":{"type":"Point","coordinates":[-8.0,12.65]}},{"type":"Feature","properties":{"buffer_km":5},"geometry":{"type":"MultiLineString","coordinates":[[[-8,12.6],[-7.9,12.8]],[[-7.8,12.9],[-7.7,13.0]]]}},{"type":"Feature","properties":{},"geometry":{"type":"MultiPolygon","coordinates":[[[[-8.3,12.4],[-7.7,12.4],[-7.7,12.9],[-8.3,12.4]],[[-8.0,12.5],[-7.9,12.5],[-7.9,12.6],[-8.0,12.5]]]]}}]}"#;
        let mut bytes = src.as_bytes().to_vec();
        let i = pos.index(bytes.len());
        bytes[i] = b;
        bytes.truncate(cut.index(bytes.len() + 1).max(bytes.len() / 2));
        let s = store(&[Ev { km: 5.0, bearing: 10.0, age: 3, fatalities: 2, cat: 0, geo: 0, when: 0 }]);
        if let Ok(input) = aoi::parse(&String::from_utf8_lossy(&bytes)) {
            let _ = riskcard::assess_input(&s, &input, &Options::default());
        }
    }
}

/// A plain character-at-a-time RFC 4180 reader, as a reference for the zero-copy one.
fn reference_csv(text: &str) -> Vec<(usize, Vec<String>)> {
    let b: Vec<char> = text.chars().collect();
    let (mut i, mut line, mut out) = (0usize, 1usize, Vec::new());
    while i < b.len() {
        let start = line;
        let mut fields = Vec::new();
        loop {
            let mut f = String::new();
            if b.get(i) == Some(&'"') {
                i += 1;
                loop {
                    match b.get(i) {
                        None => break,
                        Some('"') if b.get(i + 1) == Some(&'"') => {
                            f.push('"');
                            i += 2;
                        }
                        Some('"') => {
                            i += 1;
                            break;
                        }
                        Some(&c) => {
                            if c == '\n' {
                                line += 1;
                            }
                            f.push(c);
                            i += 1;
                        }
                    }
                }
            }
            while let Some(&c) = b.get(i) {
                if c == ',' || c == '\n' || c == '\r' {
                    break;
                }
                f.push(c);
                i += 1;
            }
            fields.push(f);
            match b.get(i) {
                Some(',') => i += 1,
                Some('\r') => {
                    i += 1;
                    if b.get(i) == Some(&'\n') {
                        i += 1;
                    }
                    line += 1;
                    break;
                }
                Some('\n') => {
                    i += 1;
                    line += 1;
                    break;
                }
                _ => break,
            }
        }
        if !(fields.len() == 1 && fields[0].is_empty()) {
            out.push((start, fields));
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn csv_reader_matches_the_reference(chars in prop::collection::vec(prop::sample::select(vec!['a', 'é', ',', '"', '\n', '\r', ' ']), 0..60)) {
        let text: String = chars.into_iter().collect();
        let mut r = riskcard::csv::Reader::new(&text);
        let mut got = Vec::new();
        while let Some(line) = r.next_record() {
            got.push((line, (0..r.len()).map(|i| r.field(i).to_string()).collect::<Vec<_>>()));
        }
        prop_assert_eq!(got, reference_csv(&text), "input {:?}", text);
    }
}

/// A canonical text of a JSON value (objects sorted, a repeated key's last value), to compare the
/// core's reader with serde_json.
fn canon_serde(v: &serde_json::Value) -> String {
    match v {
        // To 12 significant digits: beyond 10^±22 the core's number reader is ulp-close, not exact.
        serde_json::Value::Number(n) => format!("{:.12e}", n.as_f64().unwrap_or(f64::NAN)),
        serde_json::Value::String(s) => format!("{s:?}"),
        serde_json::Value::Array(a) => format!("[{}]", a.iter().map(canon_serde).collect::<Vec<_>>().join(",")),
        serde_json::Value::Object(o) => {
            let mut m: Vec<(String, String)> = o.iter().map(|(k, v)| (k.clone(), canon_serde(v))).collect();
            m.sort();
            format!("{m:?}")
        }
        other => other.to_string(),
    }
}

fn canon_core(v: &riskcard::json::Value) -> String {
    use riskcard::json::Value;
    match v {
        Value::Number(_) => format!("{:.12e}", v.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => format!("{s:?}"),
        Value::Array(a) => format!("[{}]", a.iter().map(canon_core).collect::<Vec<_>>().join(",")),
        Value::Object(o) => {
            let mut last = std::collections::BTreeMap::new();
            for (k, v) in o {
                last.insert(k.clone(), canon_core(v));
            }
            format!("{:?}", last.into_iter().collect::<Vec<_>>())
        }
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    /// The core's JSON reader accepts exactly what serde_json accepts, with the same values.
    #[test]
    fn json_reader_matches_serde_json(parts in prop::collection::vec(prop::sample::select(vec![
        "{", "}", "[", "]", ",", ":", "\"a\"", "\"é\\n\"", "\"\\u00e9\"", "\"\\ud83d\\ude00\"", "\"x", "\\", "0", "1", "-", ".", "5", "e", "E+", "12.5e-3",
        "true", "null", "fals", " ", "\n", "\"k\":", "\u{1}",
    ]), 0..24)) {
        let text: String = parts.concat();
        let ours = riskcard::json::parse(&text);
        let reference = serde_json::from_str::<serde_json::Value>(&text);
        match (&ours, &reference) {
            (Ok(a), Ok(b)) => prop_assert_eq!(canon_core(a), canon_serde(b), "input {:?}", text),
            (Err(_), Err(_)) => {}
            _ => prop_assert!(false, "input {:?}: ours {:?}, serde_json {:?}", text, ours, reference),
        }
    }

    /// A JSON row read in one pass (`object_at`) is read exactly when the two-pass reading (where it
    /// ends by `value_end`, then `parse`) reads an object, with the same end and the same members;
    /// whatever it refuses, the two-pass reading refuses or has not seen the end of.
    #[test]
    fn object_at_is_value_end_then_parse(parts in prop::collection::vec(prop::sample::select(vec![
        "{", "}", "[", "]", ",", ":", "\"a\"", "\"é\\n\"", "\"\\u00e9\"", "\"x", "\\", "0", "01", "-2.5e3", "e", "true", "nul", " ", "\n", "\u{1}",
        "{\"k\": ", "\"k\": \"v\", ", "\"n\": 12, ", "{\"a\": [1, {\"b\": null}]}", "\"}\"", "\"x}\\\"\"",
    ]), 0..24)) {
        use riskcard::json::{object_at, parse, value_end, Value};
        let text: String = parts.concat();
        let mut members = Vec::new();
        for (from, _) in text.match_indices('{') {
            let one = object_at(&text, from, &mut members).map(|end| (end, Value::Object(members.clone())));
            let two = value_end(&text, from).and_then(|end| parse(&text[from..end]).ok().map(|v| (end, v)));
            prop_assert_eq!(&one, &two, "input {:?} at {}", text, from);
        }
    }
}
