//! The incidents a report used, exported as CSV and GeoJSON, on the real UCDP rows for the demo's
//! presets (a site, a corridor, a zone, a portfolio): as many rows as the report's
//! `within_influence`, the same rows in both formats, the drivers' points, and public redaction.

mod common;

use riskcard::assess::{export_incidents, ExportFormat, EXPORT_COLUMNS};
use riskcard::{aoi, assess_input, Assessment, Options, Report};

fn preset(id: &str) -> aoi::AoiInput {
    let text = std::fs::read_to_string(common::root().join("www/data/presets.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let p = v.as_array().unwrap().iter().find(|p| p["id"] == id).unwrap();
    aoi::parse(&p["aoi"].to_string()).unwrap()
}

/// The records of a CSV export (RFC 4180: quoted fields may hold commas, quotes and line breaks).
fn records(csv: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let (mut rec, mut field, mut quoted, mut chars) = (Vec::new(), String::new(), false, csv.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => rec.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                rec.push(std::mem::take(&mut field));
                out.push(std::mem::take(&mut rec));
            }
            (false, c) => field.push(c),
        }
    }
    out
}

fn reports(a: &Assessment) -> Vec<&Report> {
    match a {
        Assessment::One(r) => vec![r],
        Assessment::Portfolio(l) => l.iter().collect(),
    }
}

#[test]
fn exports_have_the_reports_rows_on_the_real_data() {
    let store = common::ucdp_store();
    let options = Options { as_of: Some("2026-07-31".into()), window_days: Some(365), ..Options::default() };
    for (id, expect_rows) in [("morila", true), ("bamako-segou", true), ("mopti", true), ("mali-mines", true)] {
        let input = preset(id);
        let a = assess_input(&store, &input, &options).unwrap();
        let within: u64 = reports(&a).iter().map(|r| r.incidents.within_influence).sum();
        assert_eq!(within > 0, expect_rows, "{id}");
        let csv = export_incidents(&store, &input, &options, ExportFormat::Csv).unwrap();
        let recs = records(&csv);
        let portfolio = matches!(input, aoi::AoiInput::Portfolio(_));
        let header: Vec<&str> = portfolio.then_some("area").into_iter().chain(EXPORT_COLUMNS).collect();
        assert_eq!(recs[0], header, "{id}");
        assert_eq!(recs.len() as u64 - 1, within, "{id}: CSV rows");
        assert!(recs.iter().all(|r| r.len() == header.len()), "{id}: ragged CSV");
        let gj: serde_json::Value = serde_json::from_str(&export_incidents(&store, &input, &options, ExportFormat::GeoJson).unwrap()).unwrap();
        let features = gj["features"].as_array().unwrap();
        assert_eq!(features.len() as u64, within, "{id}: GeoJSON features");
        let off = portfolio as usize;
        for (rec, f) in recs[1..].iter().zip(features) {
            let p = &f["properties"];
            assert_eq!(rec[off], p["id"].as_str().unwrap());
            assert_eq!(rec[off + 4].parse::<f64>().unwrap(), p["distance_km"].as_f64().unwrap());
            assert_eq!(f["geometry"]["coordinates"][0].as_f64(), p["lon"].as_f64());
        }
        // Every area's rows are nearest first, and each report's drivers are among them with the
        // same points; its nearest list is its first rows.
        for r in reports(&a) {
            let name = r.aoi.name.clone().unwrap_or_default();
            let mine: Vec<&Vec<String>> = recs[1..].iter().filter(|rec| !portfolio || rec[0] == name).collect();
            assert_eq!(mine.len() as u64, r.incidents.within_influence, "{id} {name}");
            let d: Vec<f64> = mine.iter().map(|rec| rec[off + 4].parse().unwrap()).collect();
            assert!(d.windows(2).all(|w| w[0] <= w[1]), "{id}: not nearest first");
            for (n, rec) in r.nearest.iter().zip(&mine) {
                assert_eq!((n.id.as_str(), n.bearing_deg, n.in_aoi.to_string()), (rec[off].as_str(), rec[off + 5].parse::<f64>().unwrap(), rec[off + 15].clone()));
            }
            for drv in &r.drivers {
                let rec = mine.iter().find(|rec| rec[off] == drv.id).unwrap();
                assert_eq!(rec[off + 14].parse::<f64>().unwrap(), drv.points, "{id}: driver {}", drv.id);
            }
            let pts: f64 = mine.iter().map(|rec| rec[off + 14].parse::<f64>().unwrap()).sum();
            assert!((pts - r.score).abs() <= 0.05 * mine.len() as f64 + 0.1, "{id}: points {pts} vs score {}", r.score);
        }
    }
}

#[test]
fn public_exports_follow_the_redaction() {
    let store = common::ucdp_store();
    let input = preset("bamako-segou");
    let options = Options { as_of: Some("2026-07-31".into()), window_days: Some(365), public: Some(true), ..Options::default() };
    let a = assess_input(&store, &input, &options).unwrap();
    let r = reports(&a)[0];
    let csv = export_incidents(&store, &input, &options, ExportFormat::Csv).unwrap();
    let recs = records(&csv);
    assert_eq!(recs.len() as u64 - 1, r.incidents.within_influence);
    for rec in &recs[1..] {
        for col in [0, 7, 8, 9, 11, 12, 13] {
            assert_eq!(rec[col], "", "column {} not redacted: {rec:?}", EXPORT_COLUMNS[col]);
        }
        for col in [2, 3] {
            let x: f64 = rec[col].parse().unwrap();
            assert!(((x * 10.0).round() - x * 10.0).abs() < 1e-9, "{x} is finer than 0.1°");
        }
    }
    // The public nearest list's positions are the export's first rows'.
    for (n, rec) in r.nearest.iter().zip(&recs[1..]) {
        assert_eq!((n.lat, n.lon, n.distance_km), (rec[2].parse().unwrap(), rec[3].parse().unwrap(), rec[4].parse().unwrap()));
    }
    let gj = export_incidents(&store, &input, &options, ExportFormat::GeoJson).unwrap();
    assert!(!gj.contains("\"notes\":\"") && !gj.contains("\"source\":\""));
}
