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

/// The APIs' JSON responses load as they come, one row at a time, with the same incidents as the
/// CSV exports: the ACLED API's `{"status": 200, "success": true, …, "data": […]}` (every value a
/// string) and the UCDP API's `{"TotalCount": …, "Result": […], "NextPageUrl": …}` (numbers as
/// numbers), here built from the ACLED fixture (with its bad rows) and the real UCDP file.
#[test]
fn api_responses_load_like_the_csv_exports() {
    let acled = fixture("acled_current.csv");
    let response =
        common::api_json(&acled, r#""status": 200, "success": true, "last_update": 1752537600, "count": 11, "messages": [], "#, "data", r#", "filename": "2026-07-15""#, false);
    let (mut a, mut b) = (Store::new(), Store::new());
    let from_csv = ingest::load(&mut a, &acled, None, "acled.csv").unwrap();
    let d = ingest::load(&mut b, &response, None, "acled.json").unwrap();
    assert_eq!((d.formats[0].as_str(), d.rows_read, d.rows_loaded, d.rows_skipped), ("json", 11, 5, 6));
    assert_eq!(common::incidents(&b), common::incidents(&a));
    // The same reasons, by element instead of line (element 5 is the row on line 7: a quoted field
    // before it spans two lines), but for the last row: short in the CSV, and as an object only
    // without its latitude.
    assert_eq!((d.errors[0].line, d.errors[0].reason.as_str()), (5, "element 5: unparseable latitude 'abc'"));
    let mut reasons: Vec<String> = from_csv.errors.iter().map(|e| e.reason.clone()).collect();
    assert_eq!(reasons.pop().as_deref(), Some("row has 6 fields, the header has 31"));
    reasons.push("missing latitude".into());
    let json_reasons: Vec<&str> = d.errors.iter().map(|e| e.reason.split_once(": ").map_or("", |r| r.1)).collect();
    assert_eq!(json_reasons, reasons);

    let ucdp = std::fs::read(common::root().join("www/data/ucdp_candidate_v26_01_06_mali_bfa_ner.csv")).unwrap();
    let mut response = common::api_json(&ucdp, r#""TotalCount": 1, "TotalPages": 1, "PreviousPageUrl": "", "#, "Result", r#", "NextPageUrl": "", "DownloadUrl": "{\"]\"}""#, true);
    // A first element that is not a row does not decide the rows' schema.
    let at = response.iter().position(|&c| c == b'[').unwrap() + 1;
    response.splice(at..at, b"null, ".iter().copied());
    assert!(std::str::from_utf8(&response).unwrap().contains(r#""best": 0,"#), "numbers are written as JSON numbers");
    let (mut a, mut b) = (Store::new(), Store::new());
    let from_csv = ingest::load(&mut a, &ucdp, None, "ucdp.csv").unwrap();
    let d = ingest::load(&mut b, &response, None, "ucdp.json").unwrap();
    assert_eq!((d.formats[0].as_str(), d.rows_loaded, d.rows_skipped), ("json", from_csv.rows_loaded, 1));
    assert_eq!(d.errors[0].reason, "element 1: not an object");
    assert!(a.len() > 800, "{}", a.len());
    assert_eq!(common::incidents(&b), common::incidents(&a));
}

/// A JSON input is read element by element: a malformed element is a skipped row, text after the
/// document is reported, and an input cut off inside its rows keeps the rows before it.
#[test]
fn json_rows_are_read_one_at_a_time() {
    let row = |id: &str| format!(r#"{{"id": "{id}", "date": "2025-05-20", "lat": 12.7, "lon": -8.0, "event_type": "battle"}}"#);
    let text = format!("[{}, {{\"id\": tru}}, 7, {}] x", row("a"), row("b"));
    let mut s = Store::new();
    let d = ingest::load(&mut s, text.as_bytes(), None, "in.json").unwrap();
    assert_eq!((d.rows_read, d.rows_loaded, s.len()), (4, 2, 2));
    let reasons: Vec<&str> = d.errors.iter().map(|e| e.reason.as_str()).collect();
    assert_eq!(reasons, ["element 2: invalid JSON: expected a value at line 1 column 8", "element 3: not an object"]);
    assert_eq!(
        d.warnings,
        [
            "in.json: text after the end of the JSON document was ignored",
            "in.json: 2 of 4 rows were skipped, more than one in ten: the answer rests on the others (see the skipped rows)"
        ]
    );

    let cut = format!(r#"{{"type": "FeatureCollection", "features": [{{"type": "Feature", "properties": {}, "geometry": null}}, {{"type": "Fea"#, row("c"));
    let mut s = Store::new();
    let d = ingest::load(&mut s, cut.as_bytes(), None, "cut.geojson").unwrap();
    assert_eq!((d.formats[0].as_str(), d.rows_loaded, s.len()), ("geojson", 1, 1));
    assert_eq!(d.warnings, ["cut.geojson: the input ends before its JSON does (after element 1); the rows read were loaded"]);

    // After rows, an error in the document's structure ends the reading; the rows stay.
    let broken = format!(r#"{{"data": [{}], "count" 1, "more": [{}]}}"#, row("d"), row("e"));
    let mut s = Store::new();
    let d = ingest::load(&mut s, broken.as_bytes(), None, "api.json").unwrap();
    assert_eq!((d.formats[0].as_str(), d.rows_loaded, s.len()), ("json", 1, 1));
    assert_eq!(d.warnings, ["api.json: invalid JSON: expected ':' at byte 104 (after element 1); the rows read were loaded, the rest of the input was not read"]);

    // Before any row, a cut or a wrong document is an error and stores nothing.
    for (bad, says) in [
        (r#"{"status": 200, "da"#, "invalid JSON: the input ends before the JSON does at byte 19"),
        (r#"{"count": 0}"#, "an API response with its rows in data or Result"),
        ("[1", ""),
    ] {
        let mut s = Store::new();
        match ingest::load(&mut s, bad.as_bytes(), None, "x") {
            Err(e) => assert!(e.to_string().contains(says) && !says.is_empty(), "{bad}: {e}"),
            Ok(d) => assert!(says.is_empty() && d.rows_loaded == 0 && d.rows_skipped == 0, "{bad}: {d:?}"),
        }
        assert_eq!(s.len(), 0);
    }
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
fn latin1_bytes_are_read_as_windows_1252_and_reported() {
    let mut s = Store::new();
    let mut bytes = b"id,date,lat,lon,event_type,location\nq1,2025-05-01,12.1,-8.2,Battles,S".to_vec();
    bytes.push(0xe9); // é in Latin-1
    bytes.extend_from_slice(b"gou\n");
    let d = ingest::load(&mut s, &bytes, None, "latin1.csv").unwrap();
    assert_eq!(d.rows_loaded, 1);
    assert!(d.warnings[0].message.starts_with("latin1.csv: not valid UTF-8"), "{:?}", d.warnings);
    assert_eq!(s.get(0).unwrap().location, "Ségou");
}
