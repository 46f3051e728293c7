//! The spatial-temporal index changes speed, never results: every report is compared with the one
//! computed by testing every row, on the real UCDP rows and on synthetic data.

mod common;

use proptest::prelude::*;
use riskcard::aoi::{self, Aoi, AoiInput};
use riskcard::assess::{assess_with, Options};
use riskcard::{ingest, synth, Store};

fn both(store: &Store, a: &Aoi, as_of: &str) {
    let mut st = Options { as_of: Some(as_of.into()), ..Options::default() }.resolve(store).unwrap();
    let with = assess_with(store, a, &st);
    st.use_index = false;
    let without = assess_with(store, a, &st);
    assert_eq!(with, without, "{:?} {:?}", a.kind(), a.name);
}

fn presets() -> Vec<Aoi> {
    let text = std::fs::read_to_string(common::root().join("www/data/presets.json")).unwrap();
    let v: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    let mut out = Vec::new();
    for p in v {
        match aoi::parse(&p["aoi"].to_string()).unwrap() {
            AoiInput::One(a) => out.push(a),
            AoiInput::Portfolio(list) => out.extend(list),
        }
    }
    out
}

#[test]
fn real_ucdp_rows_same_reports_with_and_without_index() {
    let store = common::ucdp_store();
    let areas = presets();
    assert!(areas.len() >= 17);
    for a in &areas {
        for as_of in ["2026-07-31", "2026-04-15", "2026-01-20"] {
            both(&store, a, as_of);
        }
    }
}

fn synthetic(rows: usize) -> Store {
    let mut anchors = Vec::new();
    for f in ["ucdp_candidate_v26_01_06_mali_bfa_ner.csv", "ucdp_candidate_v26_0_7_mali_bfa_ner.csv"] {
        anchors.extend(synth::anchors_from_ucdp(&std::fs::read_to_string(common::root().join("www/data").join(f)).unwrap()));
    }
    let mut csv = String::new();
    synth::acled_csv(&mut csv, &anchors, rows, 11, riskcard::date::from_ymd(2026, 7, 31).unwrap(), true);
    let mut store = Store::new();
    let d = ingest::load(&mut store, csv.as_bytes(), None, "synthetic.csv").unwrap();
    assert_eq!((d.formats[0].as_str(), d.rows_loaded, d.rows_skipped), ("acled", rows as u64, 0));
    store
}

#[test]
fn synthetic_acled_same_reports_with_and_without_index() {
    let store = synthetic(40_000);
    assert_eq!(store.len(), 40_000);
    for a in presets() {
        both(&store, &a, "2026-07-31");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn random_areas_same_reports(lat in 10.0f64..17.0, lon in -12.0f64..2.0, r in 1.0f64..120.0,
                                 lat2 in 10.0f64..17.0, lon2 in -12.0f64..2.0, days_back in 0i32..2000) {
        let store = synthetic_cached();
        let as_of = riskcard::date::format(riskcard::date::from_ymd(2026, 7, 31).unwrap() - days_back);
        both(store, &aoi::site(lat, lon, r, None).unwrap(), &as_of);
        both(store, &aoi::corridor(vec![vec![(lat, lon), (lat2, lon2)]], r.min(50.0), None).unwrap(), &as_of);
    }
}

fn synthetic_cached() -> &'static Store {
    static STORE: std::sync::OnceLock<Store> = std::sync::OnceLock::new();
    STORE.get_or_init(|| synthetic(20_000))
}

#[test]
fn reloading_keeps_ids_and_the_index_consistent() {
    let mut store = common::ucdp_store();
    let before = store.len();
    let bytes = std::fs::read(common::root().join("www/data/ucdp_candidate_v26_0_7_mali_bfa_ner.csv")).unwrap();
    ingest::load(&mut store, &bytes, None, "again").unwrap();
    assert_eq!(store.len(), before);
    for id in ["634053", "636749", "620031"] {
        let row = store.find(id).unwrap_or_else(|| panic!("{id}"));
        assert_eq!(store.get(row).unwrap().id, id);
    }
    for a in presets().iter().take(6) {
        both(&store, a, "2026-07-31");
    }
}

#[test]
fn summary_reports_agree_with_full_ones() {
    let store = common::ucdp_store();
    for a in presets() {
        let full = assess_with(&store, &a, &Options::default().resolve(&store).unwrap());
        let sum = assess_with(&store, &a, &Options { detail: Some("summary".into()), ..Options::default() }.resolve(&store).unwrap());
        assert_eq!((full.score, &full.contributions, &full.drivers, &full.incidents), (sum.score, &sum.contributions, &sum.drivers, &sum.incidents));
        assert_eq!(full.trend.change, sum.trend.change);
        assert_eq!(full.route, sum.route);
        assert_eq!(&full.nearest[..full.nearest.len().min(3)], &sum.nearest[..]);
        assert!(sum.trend.bins.is_empty() && sum.trend.score_history.is_empty() && sum.map.points.is_empty());
    }
}

/// The score history is summed per day, not per incident; each point must still be the score an
/// assessment dated that day gives (to within the 0.1 the score is rounded to), and the last point
/// is the score itself.
#[test]
fn score_history_points_are_the_scores_of_their_days() {
    let store = common::ucdp_store();
    let mut checked = 0;
    for a in presets().iter().take(8) {
        let r = riskcard::assess(&store, a, &Options { as_of: Some("2026-07-31".into()), ..Options::default() }).unwrap();
        assert_eq!(r.trend.score_history.last().map(|p| p.score), Some(r.score));
        for p in r.trend.score_history.iter().step_by(5) {
            let then = riskcard::assess(&store, a, &Options { as_of: Some(p.date.clone()), ..Options::default() }).unwrap();
            assert!((then.score - p.score).abs() <= 0.1 + 1e-9, "{:?} {}: {} vs {}", a.name, p.date, p.score, then.score);
            checked += (then.score > 0.0) as usize;
        }
    }
    assert!(checked > 20, "{checked}");
}
