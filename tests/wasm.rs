//! The JS boundary in headless Chromium (wasm-bindgen-test): the report through `Engine` equals the
//! native CLI's, errors arrive as JS `Error`s with the core's message, and a multi-MB load in pieces works.
//! Run by `make test-wasm`, which first writes the native reports with the CLI.
#![cfg(target_arch = "wasm32")]

use riskcard::wasm::Engine;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const JAN: &[u8] = include_bytes!("../www/data/ucdp_candidate_v26_01_06_mali_bfa_ner.csv");
const JUL: &[u8] = include_bytes!("../www/data/ucdp_candidate_v26_0_7_mali_bfa_ner.csv");
const PRESETS: &str = include_str!("../www/data/presets.json");
const NATIVE: &str = include_str!("../target/wasm-test/native-reports.json");

/// Numbers compared as f64: JS writes 1.0 as 1, Rust as 1.0.
fn normalize(v: Value) -> Value {
    match v {
        Value::Number(n) => serde_json::json!(n.as_f64().unwrap_or(f64::NAN)),
        Value::Array(a) => Value::Array(a.into_iter().map(normalize).collect()),
        Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, normalize(v))).collect()),
        other => other,
    }
}

fn to_json(v: &JsValue) -> Value {
    let text: String = js_sys::JSON::stringify(v).unwrap().into();
    normalize(serde_json::from_str(&text).unwrap())
}

/// Loads `bytes` through loadBegin / loadChunk (pieces of `piece` bytes) / loadEnd.
fn load(e: &mut Engine, bytes: &[u8], format: Option<&str>, name: &str, piece: usize) -> Result<JsValue, JsValue> {
    e.load_begin(format.map(String::from), Some(name.into()), Some(bytes.len() as f64), None)?;
    for p in bytes.chunks(piece) {
        e.load_chunk(&js_sys::Uint8Array::from(p))?;
    }
    Ok(e.load_end(None)?)
}

fn engine() -> Engine {
    let mut e = Engine::new();
    load(&mut e, JAN, None, "ucdp_candidate_v26_01_06_mali_bfa_ner.csv", 1 << 20).unwrap();
    load(&mut e, JUL, Some("ucdp"), "ucdp_candidate_v26_0_7_mali_bfa_ner.csv", 4099).unwrap();
    e
}

/// A JSON value as the plain JS object a host page would pass.
fn js(v: &Value) -> JsValue {
    js_sys::JSON::parse(&v.to_string()).unwrap()
}

#[wasm_bindgen_test]
fn reports_equal_the_native_cli_for_every_preset() {
    let e = engine();
    assert_eq!(e.size(), 999);
    let presets: Vec<Value> = serde_json::from_str(PRESETS).unwrap();
    let native: serde_json::Map<String, Value> = serde_json::from_str(NATIVE).unwrap();
    assert_eq!(native.len(), presets.len());
    for p in &presets {
        let id = p["id"].as_str().unwrap();
        let aoi = js(&p["aoi"]);
        let opts = js_sys::Object::new();
        js_sys::Reflect::set(&opts, &"asOf".into(), &"2026-07-31".into()).unwrap();
        js_sys::Reflect::set(&opts, &"windowDays".into(), &JsValue::from(90)).unwrap();
        let got = to_json(&e.assess(aoi, opts.into()).unwrap_or_else(|_| panic!("{id} failed")));
        assert_eq!(got, normalize(native[id].clone()), "preset {id}");
    }
}

#[wasm_bindgen_test]
fn errors_are_js_errors_with_the_core_message() {
    let e = engine();
    let bad: Value = serde_json::json!({"type": "Feature", "properties": {"radius_km": -5}, "geometry": {"type": "Point", "coordinates": [-6.85, 11.67]}});
    let err: JsValue = e.assess(js(&bad), JsValue::UNDEFINED).err().unwrap().into();
    let prop = |e: &JsValue, k: &str| js_sys::Reflect::get(e, &k.into()).unwrap();
    // Besides the English message, the code, the kind and the parameters it is made from.
    assert_eq!(prop(&err, "code").as_string().as_deref(), Some("reach_not_positive"));
    assert_eq!(prop(&err, "kind").as_string().as_deref(), Some("aoi"));
    assert_eq!(to_json(&prop(&err, "params")), normalize(serde_json::json!({"property": "radius_km", "got": -5.0})));
    let err: js_sys::Error = err.dyn_into().expect("a JS Error");
    assert_eq!(String::from(err.message()), "invalid area of interest: radius_km must be a number > 0 (got -5)");

    let opts = js_sys::Object::new();
    js_sys::Reflect::set(&opts, &"windowDayz".into(), &JsValue::from(9)).unwrap();
    let good = serde_json::json!({"type": "Feature", "properties": {"radius_km": 5}, "geometry": {"type": "Point", "coordinates": [-6.85, 11.67]}});
    let err: JsValue = e.assess(js(&good), opts.into()).err().unwrap().into();
    let msg = String::from(err.dyn_into::<js_sys::Error>().unwrap().message());
    assert!(msg.starts_with("invalid option: unknown field `windowDayz`"), "{msg}");

    let mut fresh = Engine::new();
    let err = load(&mut fresh, b"name,age\nbob,3\n", None, "", 5).err().unwrap();
    let msg = String::from(err.dyn_into::<js_sys::Error>().unwrap().message());
    assert!(msg.starts_with("unreadable incident data: unrecognised CSV header"), "{msg}");
    // The engine survives errors: the failed load has ended, and another can begin.
    assert!(load(&mut fresh, b"id,date,lat,lon\na,2026-01-01,12,-8\n", None, "", 5).is_ok());
    assert_eq!(fresh.size(), 1);
    // While a load is open, assessments wait for its end; a stopped load keeps its complete rows.
    fresh.load_begin(None, Some("feed.csv".into()), None, None).unwrap();
    fresh.load_chunk(&js_sys::Uint8Array::from(&b"id,date,lat,lon\nb,2026-01-02,12,-8\nc,2026-0"[..])).unwrap();
    let err: JsValue = fresh.assess(js(&good), JsValue::UNDEFINED).err().unwrap().into();
    assert_eq!(String::from(err.dyn_into::<js_sys::Error>().unwrap().message()), "a load is in progress: call loadEnd first");
    let d = to_json(&fresh.load_end(Some("network error".into())).unwrap());
    assert_eq!(d["warnings"][0]["message"], "feed.csv: the input stopped after 43 bytes (network error); the rows before were loaded");
    assert_eq!(d["warnings"][0]["code"], "input_stopped");
    assert_eq!(fresh.size(), 2);
    assert!(fresh.assess(js(&good), JsValue::UNDEFINED).is_ok());
}

#[wasm_bindgen_test]
fn a_multi_megabyte_load_in_pieces() {
    // 80 000 rows (~7 MB): odd rows at Kati, even rows 1000 km east; every 1000th row has a bad date.
    let mut csv = String::from("id,date,lat,lon,event_type,fatalities,location,notes\n");
    let note = "A convoy was stopped on the road and the drivers were questioned at length, then released.";
    for i in 0..80_000u32 {
        let date = if i % 1000 == 999 { "2026-02-30".to_string() } else { format!("2026-07-{:02}", 1 + i % 28) };
        let (lat, lon) = if i % 2 == 1 { (12.7441, -8.0726) } else { (12.7441, 1.2) };
        csv.push_str(&format!("g{i},{date},{lat},{lon},Battles,{},Place {i},\"{note} ({i})\"\n", i % 5));
    }
    assert!(csv.len() > 7_000_000, "{}", csv.len());
    let mut e = Engine::new();
    // Pieces of 1 MB + 1 byte: the cuts fall inside rows and quoted notes.
    let d = to_json(&load(&mut e, csv.as_bytes(), None, "big.csv", (1 << 20) + 1).unwrap());
    assert_eq!(d["rows_read"], serde_json::json!(80_000.0));
    assert_eq!(d["rows_skipped"], serde_json::json!(80.0));
    assert_eq!(d["errors"][0]["line"], serde_json::json!(1001.0));
    assert_eq!(e.size(), 79_920);
    let site = serde_json::json!({"type": "Feature", "properties": {"radius_km": 10}, "geometry": {"type": "Point", "coordinates": [-8.0726, 12.7441]}});
    let opts = js_sys::Object::new();
    js_sys::Reflect::set(&opts, &"windowDays".into(), &JsValue::from(3650)).unwrap();
    let r = to_json(&e.assess(js(&site), opts.into()).unwrap());
    // Odd rows are at the site: 40 000, less the 80 bad-date rows (i % 1000 == 999 is always odd).
    assert_eq!(r["incidents"]["in_aoi"], serde_json::json!(39_920.0));
    assert_eq!(r["score"], serde_json::json!(100.0));
}
