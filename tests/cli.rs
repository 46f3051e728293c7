//! The `riskcard` command line: JSON on stdout, one-line errors with exit status 2.

use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_riskcard")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn tmp(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("riskcard-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().into_owned()
}

const JAN: &str = "www/data/ucdp_candidate_v26_01_06_mali_bfa_ner.csv";
const JUL: &str = "www/data/ucdp_candidate_v26_0_7_mali_bfa_ner.csv";

#[test]
fn help_and_argument_errors() {
    let (code, out, _) = run(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("riskcard assess --incidents FILE"));
    for (args, msg) in [
        (vec!["assess", "--aoi", "x.geojson"], "riskcard: give at least one --incidents FILE\n"),
        (vec!["assess", "--incidents", JUL], "riskcard: give --aoi AOI.geojson or --site LAT,LON,KM\n"),
        (vec!["assess", "--incidents", JUL, "--window-days", "ninety"], "riskcard: --window-days needs a whole number, got 'ninety'\n"),
        (vec!["frobnicate"], "riskcard: unknown command 'frobnicate' (try riskcard --help)\n"),
        (vec!["assess", "--incidents", "nope.csv", "--aoi", "nope.geojson"], ""),
    ] {
        let (code, out, err) = run(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty());
        assert_eq!(err.lines().count(), 1, "{err}");
        if !msg.is_empty() {
            assert_eq!(err, msg);
        }
    }
}

#[test]
fn unusable_aoi_exits_2_with_the_reason() {
    let aoi = tmp("bad.geojson", r#"{"type":"Feature","properties":{"radius_km":-5},"geometry":{"type":"Point","coordinates":[-6.85,11.67]}}"#);
    let (code, _, err) = run(&["assess", "--incidents", JUL, "--aoi", &aoi]);
    assert_eq!(code, 2);
    assert!(err.ends_with("invalid area of interest: radius_km must be a number > 0 (got -5)\n"), "{err}");
}

#[test]
fn site_report_and_ranked_portfolio() {
    let site = tmp("morila.geojson", r#"{"type":"Feature","properties":{"name":"Morila","radius_km":50},"geometry":{"type":"Point","coordinates":[-6.850381,11.673343]}}"#);
    let (code, out, err) = run(&["assess", "--incidents", JAN, "--incidents", JUL, "--aoi", &site, "--as-of", "2026-07-31", "--window-days", "90"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    for key in ["score", "band", "as_of", "window_days", "aoi", "incidents", "contributions", "drivers", "nearest", "trend", "diagnostics"] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["aoi"]["name"], "Morila");
    assert_eq!(v["incidents"]["in_aoi"], 1); // geographiclib count, see tests/ucdp_real.rs
    assert_eq!(v["diagnostics"]["rows_read"], 1002);
    assert!(v.get("route").is_none());

    let fc = tmp(
        "two.geojson",
        r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"name":"Loulo-Gounkoto","radius_km":50},"geometry":{"type":"Point","coordinates":[-11.392215,12.87505]}},
      {"type":"Feature","properties":{"name":"Essakane","radius_km":50},"geometry":{"type":"Point","coordinates":[0.07563,14.384728]}}]}"#,
    );
    let (code, out, _) = run(&["assess", "--incidents", JAN, "--incidents", JUL, "--aoi", &fc, "--compact"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let names: Vec<&str> = v.as_array().unwrap().iter().map(|r| r["aoi"]["name"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["Essakane", "Loulo-Gounkoto"]);
    assert_eq!(v[0]["rank"], 1);
}

/// A report carries a summary of the loads, not their skipped rows: a 300-site portfolio over a file
/// with 1,200 bad rows stays small (each report carried all 1,200 rows' reasons before: 20 MB in
/// all), and `--diagnostics FILE` has the rows.
#[test]
fn reports_carry_a_summary_of_the_loads_and_diagnostics_go_to_a_file() {
    let mut csv = String::from("id,date,lat,lon,event_type,fatalities\n");
    for i in 0..200 {
        csv.push_str(&format!("g{i},2026-07-{:02},{},{},Battles,{}\n", 1 + i % 28, 11.0 + (i % 50) as f64 * 0.12, -11.0 + (i / 50) as f64 * 2.2, i % 4));
    }
    for i in 0..1200 {
        csv.push_str(&format!("b{i},2026-07-01,,-8.0,Battles,0\n"));
    }
    let data = tmp("bad_rows.csv", &csv);
    let sites: Vec<String> = (0..300)
        .map(|i| {
            format!(
                r#"{{"type":"Feature","properties":{{"name":"S{i}","radius_km":25}},"geometry":{{"type":"Point","coordinates":[{},{}]}}}}"#,
                -11.0 + (i % 20) as f64 * 0.45,
                11.0 + (i / 20) as f64 * 0.4
            )
        })
        .collect();
    let aoi = tmp("p300.geojson", &format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, sites.join(",")));
    let diag = std::env::temp_dir().join(format!("riskcard-cli-{}/diag.json", std::process::id()));
    let (code, out, err) = run(&["assess", "--incidents", &data, "--aoi", &aoi, "--compact", "--diagnostics", diag.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let reports = v.as_array().unwrap();
    assert_eq!(reports.len(), 300);
    assert!(out.len() < 3_000_000, "{} bytes for 300 reports", out.len());
    for r in reports {
        let d = &r["diagnostics"];
        assert_eq!((d["rows_read"].as_u64(), d["rows_loaded"].as_u64(), d["rows_skipped"].as_u64()), (Some(1400), Some(200), Some(1200)));
        assert!(d.get("errors").is_none() && serde_json::to_string(d).unwrap().len() < 1000, "{d}");
        assert_eq!(d["warnings"][0]["code"], "many_rows_skipped");
        let skipped = r["warnings"].as_array().unwrap().iter().find(|w| w["code"] == "many_rows_skipped").unwrap();
        assert_eq!(skipped["message"], "bad_rows.csv: 1200 of 1400 rows were skipped, more than one in ten: the answer rests on the others (see the skipped rows)");
    }
    let full: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&diag).unwrap()).unwrap();
    assert_eq!((full["rows_skipped"].as_u64(), full["errors"].as_array().map(Vec::len), full["errors_omitted"].as_u64()), (Some(1200), Some(1000), Some(200)));
    assert_eq!(
        (full["errors"][0]["line"].as_u64(), full["errors"][0]["reason"].as_str(), full["errors"][0]["code"].as_str()),
        (Some(202), Some("missing latitude"), Some("row_missing"))
    );
}

/// Every option that cannot be used is an error naming the flag as the user wrote it; --site is
/// the card's site=; --dedupe and --today reach the core.
#[test]
fn options_are_used_or_refused_by_their_flag() {
    let us = "tests/fixtures/acled_us_dates.csv";
    for (args, msg) in [
        (
            vec!["assess", "--incidents", JUL, "--site", "11.67,-6.85,50", "--format", "ucdp"],
            "riskcard: --format ucdp applies to the --incidents files after it, and none follows it\n",
        ),
        (vec!["assess", "--incidents", JUL, "--site", "11.67,-6.85,50", "--as-of", "2026-07-01", "--as-of", "2026-07-31"], "riskcard: --as-of is given twice\n"),
        (vec!["assess", "--incidents", JUL, "--site", "11.67,-6.85,50", "--as-of", "1/8/2020"], "riskcard: invalid option: --as-of '1/8/2020' is not a date written YYYY-MM-DD\n"),
        (vec!["assess", "--incidents", JUL, "--site", "11.67,-6.85,50", "--window-days", "0"], "riskcard: invalid option: --window-days must be between 1 and 3650, got 0\n"),
        (vec!["assess", "--incidents", JUL, "--site", "11.67,-6.85"], "riskcard: --site needs LAT,LON,KM, got '11.67,-6.85'\n"),
        (vec!["assess", "--incidents", JUL, "--name", "Morila", "--aoi", "x.geojson"], "riskcard: --name names a --site; give --site LAT,LON,KM\n"),
        (vec!["assess", "--incidents", us, "--site", "14.48,-4.18,50", "--dedupe", "fuzzy"], "riskcard: invalid option: unknown dedupe 'fuzzy': use id or content\n"),
    ] {
        let (code, out, err) = run(&args);
        assert_eq!((code, out.as_str(), err.as_str()), (2, "", msg), "{args:?}");
    }
    let site = tmp("morila2.geojson", r#"{"type":"Feature","properties":{"name":"Morila","radius_km":50},"geometry":{"type":"Point","coordinates":[-6.850381,11.673343]}}"#);
    let (_, by_aoi, _) = run(&["assess", "--incidents", JAN, "--incidents", JUL, "--aoi", &site, "--compact"]);
    let (code, by_site, err) = run(&["assess", "--incidents", JAN, "--incidents", JUL, "--site", "11.673343,-6.850381,50", "--name", "Morila", "--compact"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(by_site, by_aoi);
    let (_, out, _) = run(&["assess", "--incidents", JAN, "--incidents", JUL, "--site", "11.673343,-6.850381,50", "--today", "2026-12-04", "--compact"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!((v["warnings"][0]["code"].as_str(), v["data"]["age_days"].as_u64()), (Some("stale_data"), Some(126)));
    let releases = [
        "--incidents",
        "tests/fixtures/acled_mali_2019.csv",
        "--incidents",
        "tests/fixtures/acled_mali_2020.csv",
        "--site",
        "15.9182,2.4022,25",
        "--as-of",
        "2017-11-30",
        "--compact",
    ];
    let in_aoi = |extra: &[&str]| {
        let (code, out, err) = run(&[&["assess"][..], &releases[..], extra].concat());
        assert_eq!(code, 0, "{err}");
        serde_json::from_str::<serde_json::Value>(&out).unwrap()["incidents"]["in_aoi"].as_u64()
    };
    assert_eq!((in_aoi(&[]), in_aoi(&["--dedupe", "content"])), (Some(9), Some(6)));
}

/// Issue 18's flags on the real UCDP rows around Morila (as of 2026-07-31, 90 days: 15 incidents
/// within influence, all battles with JNIM as the most threatening party, score 16.1).
#[test]
fn profiles_actors_weights_since_and_the_analysis() {
    let morila = ["assess", "--incidents", JAN, "--incidents", JUL, "--site", "11.673343,-6.850381,50", "--name", "Morila", "--as-of", "2026-07-31", "--compact"];
    let report = |extra: &[&str]| {
        let (code, out, err) = run(&[&morila[..], extra].concat());
        assert_eq!(code, 0, "{extra:?}: {err}");
        serde_json::from_str::<serde_json::Value>(&out).unwrap()
    };
    let plain = report(&[]);
    assert_eq!((plain["score"].as_f64(), plain["profile"].as_str()), (Some(16.1), Some("site")));
    assert!(plain.get("approach").is_none() && plain.get("actors").is_none() && plain.get("tags").is_none());
    // The analysis: the same score, explained by family; the approach's drift.
    let a = report(&["--detail", "analysis"]);
    assert_eq!(a["score"], plain["score"]);
    assert_eq!(a["actors"], serde_json::json!([{"family": "jnim", "points": 16.1, "count": 15}]));
    assert_eq!((a["approach"]["drift_code"].as_str(), a["approach"]["drift_months"].as_u64()), (Some("drift_steady"), Some(3)));
    assert_eq!(a["tags"]["ied_road"], 0);
    // A convoy profile weighs IEDs more; the method says with what.
    let convoy = report(&["--profile", "convoy"]);
    assert_eq!((convoy["profile"].as_str(), convoy["method"]["weights"]["explosion_ied"].as_f64()), (Some("convoy"), Some(1.5)));
    // Battles weighed 0: nothing else happened near Morila, so nothing to score.
    let no_battles = report(&["--weights", r#"{"battle": 0}"#]);
    assert_eq!((no_battles["score"].as_f64(), no_battles["band"].as_str()), (Some(0.0), Some("minimal")));
    // Only incidents with Mali's forces among their parties: fewer, a lower score.
    let mali = report(&["--actors", "state_mali"]);
    assert_eq!((mali["score"].as_f64(), &mali["method"]["actors"]), (Some(15.7), &serde_json::json!(["state_mali"])));
    // Since 1 July: one new incident in the area; the score then.
    let since = report(&["--since", "2026-07-01"]);
    assert_eq!((since["since"]["new_in_aoi"].as_u64(), since["since"]["score_then"].as_f64()), (Some(1), Some(7.6)));
    for (extra, msg) in [
        (vec!["--profile", "lorry"], "riskcard: invalid option: --profile must be one of site, convoy, staff, got 'lorry'\n"),
        (vec!["--weights", r#"{"bogus": 1}"#], "riskcard: invalid option: --weights must be one of battle, explosion_ied, violence_against_civilians, abduction, looting_property_destruction, riot, protest, strategic, other, got 'bogus'\n"),
        (vec!["--since", "2026-08-30"], "riskcard: invalid option: since (2026-08-30) is after as_of (2026-07-31): give a date on or before it\n"),
    ] {
        let (code, out, err) = run(&[&morila[..], &extra[..]].concat());
        assert_eq!((code, out.as_str(), err.as_str()), (2, "", msg), "{extra:?}");
    }
}

/// `--output csv|geojson`: the incidents the report used, as many as its `within_influence`;
/// `--output json` is the report as without it; another value is refused.
#[test]
fn output_csv_and_geojson_have_the_reports_rows() {
    let base = ["assess", "--incidents", JAN, "--incidents", JUL, "--site", "11.673343,-6.850381,50", "--name", "Morila", "--window-days", "365"];
    let (code, json_out, err) = run(&base);
    assert_eq!(code, 0, "{err}");
    let (_, explicit, _) = run(&[&base[..], &["--output", "json"]].concat());
    assert_eq!(explicit, json_out);
    let v: serde_json::Value = serde_json::from_str(&json_out).unwrap();
    let within = v["incidents"]["within_influence"].as_u64().unwrap();
    assert!(within > 10, "{within}");
    let (code, csv, err) = run(&[&base[..], &["--output", "csv"]].concat());
    assert_eq!(code, 0, "{err}");
    assert!(csv.starts_with("id,date,lat,lon,distance_km,bearing_deg,category,event_type,sub_event_type,actors,fatalities,location,notes,source,points,in_aoi\r\n"));
    assert!(csv.ends_with("\r\n"));
    let (_, gj, _) = run(&[&base[..], &["--output", "geojson"]].concat());
    let g: serde_json::Value = serde_json::from_str(&gj).unwrap();
    assert_eq!(g["features"].as_array().unwrap().len() as u64, within);
    let first_id = v["nearest"][0]["id"].as_str().unwrap();
    assert_eq!(g["features"][0]["properties"]["id"], first_id);
    let (code, _, err) = run(&[&base[..], &["--output", "xlsx"]].concat());
    assert_eq!((code, err.as_str()), (2, "riskcard: --output must be json, csv or geojson, got 'xlsx'\n"));
}
