//! Every input format variant, including malformed rows and their diagnostics. The ACLED fixtures
//! are written by hand in ACLED's published column layouts (current export, an older export with
//! data_id / event_id_no_cnty / iso3 in another column order, and an HDX copy with its HXL row).

mod common;

use common::fixture;
use riskcard::{date, ingest, ingest::Format, Category, Store};

fn load(name: &str, format: Option<Format>) -> (Store, riskcard::Diagnostics) {
    let mut s = Store::new();
    let d = ingest::load(&mut s, &fixture(name), format, name).unwrap();
    (s, d)
}

fn find<'a>(s: &'a Store, id: &str) -> riskcard::store::Incident<'a> {
    (0..s.len()).filter_map(|i| s.get(i)).find(|e| e.id == id).unwrap_or_else(|| panic!("{id} not loaded"))
}

#[test]
fn acled_current_export_with_bom_crlf_and_bad_rows() {
    let (s, d) = load("acled_current.csv", None);
    assert_eq!(d.formats, vec!["acled"]);
    assert_eq!((d.rows_read, d.rows_loaded, d.rows_skipped), (11, 5, 6));
    let errors: Vec<(u64, &str)> = d.errors.iter().map(|e| (e.line, e.reason.as_str())).collect();
    assert_eq!(
        errors,
        vec![
            (7, "unparseable latitude 'abc'"),
            (8, "missing longitude"),
            (9, "unparseable date '2025-02-30'"),
            (10, "latitude 95.2 out of range (-90 to 90)"),
            (11, "negative fatalities '-3'"),
            (12, "row has 6 fields, the header has 31"),
        ]
    );
    assert!(d.errors.iter().all(|e| e.source == "acled_current.csv"));
    // Three spellings of 16 May 2025 and ACLED's "Sept".
    for id in ["MLI30001", "MLI30002", "MLI30003"] {
        assert_eq!(date::format(find(&s, id).day), "2025-05-16", "{id}");
    }
    assert_eq!(date::format(find(&s, "MLI30004").day), "2024-09-30");
    let bus = find(&s, "MLI30002");
    assert_eq!(bus.notes, "Militants stopped a bus, said \"get out\", burned it,\nand killed two passengers.");
    assert_eq!(bus.category, Category::ViolenceAgainstCivilians);
    assert_eq!(bus.actors, vec!["JNIM: Group for Support of Islam and Muslims", "Civilians (Mali)"]);
    assert_eq!((bus.event_type, bus.sub_event_type), ("Violence against civilians", "Attack"));
    assert_eq!(find(&s, "MLI30003").category, Category::ExplosionIed);
    assert_eq!(find(&s, "MLI30004").category, Category::Abduction);
    assert_eq!(find(&s, "MLI30011").category, Category::LootingPropertyDestruction);
    // geo_precision 2 (class 1, ×0.8) and time_precision 2 (a week, ×0.8).
    let row = (0..s.len()).find(|&i| s.get(i).unwrap().id == "MLI30003").unwrap();
    assert!((s.precision_factor(row) - 0.64).abs() < 1e-12);
}

#[test]
fn older_acled_export_in_another_column_order() {
    let (s, d) = load("acled_old.csv", None);
    assert_eq!((d.formats[0].as_str(), d.rows_read, d.rows_loaded, d.rows_skipped), ("acled", 4, 4, 0));
    let e = find(&s, "MLI30001");
    assert!((e.lat - 12.7441).abs() < 1e-5 && (e.lon + 8.0726).abs() < 1e-5 && e.fatalities == 4);
    assert_eq!(e.location, "Kati");
}

#[test]
fn hdx_copy_skips_its_hxl_row_and_says_so() {
    let (s, d) = load("acled_hdx.csv", None);
    assert_eq!((d.rows_read, d.rows_loaded, d.rows_skipped), (2, 2, 0));
    assert_eq!(d.warnings, vec!["acled_hdx.csv: line 2 is an HXL tag row; skipped"]);
    assert_eq!(s.len(), 2);
}

#[test]
fn own_schema_as_json_geojson_and_csv() {
    let (s, d) = load("own.json", None);
    assert_eq!((d.formats[0].as_str(), d.rows_read, d.rows_loaded, d.rows_skipped), ("json", 4, 3, 1));
    assert_eq!((d.errors[0].line, d.errors[0].reason.as_str()), (4, "element 4: missing latitude"));
    let e = find(&s, "camp-001");
    assert_eq!((e.category, e.sub_event_type, e.notes), (Category::ExplosionIed, "IED on convoy route", "Convoy halted, device found <b>not</b> detonated."));
    assert_eq!(find(&s, "camp-002").actors, vec!["JNIM"]);
    assert_eq!(find(&s, "camp-002").fatalities, 3);
    assert_eq!(date::format(find(&s, "camp-003").day), "2025-05-21");

    let (g, d) = load("own.geojson", None);
    assert_eq!((d.formats[0].as_str(), d.rows_loaded, d.rows_skipped), ("geojson", 3, 1));
    assert_eq!(d.errors[0].reason, "feature 4: missing latitude");
    assert!((find(&g, "camp-001").lon + 8.0726).abs() < 1e-5);

    let (c, d) = load("own.csv", None);
    assert_eq!((d.formats[0].as_str(), d.rows_loaded, d.rows_skipped), ("csv", 1, 1));
    assert_eq!((d.errors[0].line, d.errors[0].reason.as_str()), (3, "unparseable fatalities 'two'"));
    assert_eq!(find(&c, "camp-101").notes, "Shots fired, two dead");
}

#[test]
fn format_override_and_refusals() {
    // Forcing UCDP on an ACLED file: the header lacks UCDP's columns.
    let mut s = Store::new();
    let e = ingest::load(&mut s, &fixture("acled_old.csv"), Some(Format::Ucdp), "x.csv").unwrap_err();
    assert_eq!(e.to_string(), "unreadable incident data: x.csv: the header has no date_start column");
    assert!(ingest::load(&mut s, b"", None, "").is_err());
    assert!(ingest::load(&mut s, b"{not json", None, "").unwrap_err().to_string().contains("invalid JSON"));
    assert!(ingest::load(&mut s, b"{\"type\":\"Feature\"}", None, "").unwrap_err().to_string().contains("FeatureCollection"));
    assert_eq!(s.len(), 0);
}

#[test]
fn loading_the_same_file_twice_keeps_one_copy() {
    let mut s = Store::new();
    let bytes = fixture("acled_current.csv");
    ingest::load(&mut s, &bytes, None, "a").unwrap();
    let d = ingest::load(&mut s, &bytes, None, "a").unwrap();
    assert_eq!((s.len(), d.rows_replaced), (5, 5));
    // Rows without ids get a content id, so reloading them does not duplicate either.
    let rows = br#"[{"date":"2025-05-01","lat":12.1,"lon":-8.2,"event_type":"battle"}]"#;
    ingest::load(&mut s, rows, None, "").unwrap();
    ingest::load(&mut s, rows, None, "").unwrap();
    assert_eq!(s.len(), 6);
}

#[test]
fn latin1_bytes_are_replaced_and_reported() {
    let mut s = Store::new();
    let mut bytes = b"id,date,lat,lon,event_type,location\nq1,2025-05-01,12.1,-8.2,Battles,S".to_vec();
    bytes.push(0xe9); // é in Latin-1
    bytes.extend_from_slice(b"gou\n");
    let d = ingest::load(&mut s, &bytes, None, "latin1.csv").unwrap();
    assert_eq!(d.rows_loaded, 1);
    assert!(d.warnings[0].starts_with("latin1.csv: not valid UTF-8"), "{:?}", d.warnings);
    assert_eq!(s.get(0).unwrap().location, "S\u{fffd}gou");
}
