//! Assessments on small hand-built stores, with every expected number worked by hand
//! (K = 12, half-life 30 days, half-distance 25 km; see docs/METHOD.md).

use riskcard::aoi::{self, AoiInput};
use riskcard::geodesy::{self, Arc};
use riskcard::store::NewIncident;
use riskcard::{assess, assess_input, date, Assessment, Category, Options, Store};

fn ev(id: &str, day: i32, (lat, lon): (f64, f64), category: Category, fatalities: u32) -> NewIncident<'static> {
    NewIncident {
        event_type: "Battles".into(),
        actors: vec!["JNIM".into()],
        location: format!("place {id}").into(),
        country: "Mali".into(),
        ..NewIncident::new(id.to_string(), day, lat, lon, category, fatalities)
    }
}

fn day(s: &str) -> i32 {
    date::parse(s).unwrap()
}

fn opts(as_of: &str) -> Options {
    Options { as_of: Some(as_of.into()), ..Options::default() }
}

#[test]
fn site_score_contributions_drivers_and_nearest() {
    let r12 = geodesy::local_radius_km(12.0);
    let north_35km = (12.0 + (35.0 / r12).to_degrees(), -8.0);
    let mut s = Store::new();
    s.insert(ev("a", day("2026-07-31"), (12.0, -8.0), Category::Battle, 0));
    s.insert(ev("b", day("2026-07-01"), north_35km, Category::Battle, 0));
    s.insert(ev("old", day("2026-04-01"), (12.0, -8.0), Category::Battle, 50)); // outside the 90-day window
    s.insert(ev("far", day("2026-07-31"), (14.0, -8.0), Category::Battle, 50)); // 221 km: beyond influence
    let site = aoi::site(12.0, -8.0, 10.0, Some("Camp".into())).unwrap();
    let r = assess(&s, &site, &opts("2026-07-31")).unwrap();
    // a: 1 × 1 × 1 = 1; b: 25 km beyond the edge (×0.5) and 30 days old (×0.5) = 0.25.
    // 100 × (1 − e^(−1.25/12)) = 9.89 → 9.9.
    assert_eq!((r.score, r.band), (9.9, "minimal"));
    assert_eq!(r.contributions["battle"], 9.9);
    assert_eq!(r.contributions.values().sum::<f64>(), 9.9);
    let d: Vec<(&str, f64)> = r.drivers.iter().map(|d| (d.id.as_str(), d.points)).collect();
    assert_eq!(d, vec![("a", 7.9), ("b", 2.0)]); // 9.9 × 1/1.25 and 9.9 × 0.25/1.25
    assert_eq!((r.incidents.in_aoi, r.incidents.within_influence), (1, 2));
    let n = &r.nearest[1];
    assert_eq!((n.id.as_str(), n.distance_km, n.bearing_deg, n.compass, n.in_aoi), ("b", 35.0, 0.0, "N", false));
    assert_eq!(r.as_of, "2026-07-31");
}

#[test]
fn weekly_trend_bins_and_score_history() {
    let mut s = Store::new();
    for (i, d) in ["2026-07-06", "2026-07-07", "2026-07-20", "2026-07-31"].iter().enumerate() {
        s.insert(ev(&format!("t{i}"), day(d), (12.0, -8.0), Category::ExplosionIed, 1));
    }
    s.insert(ev("first", day("2026-06-30"), (12.0, -8.0), Category::Battle, 0));
    let site = aoi::site(12.0, -8.0, 5.0, None).unwrap();
    let r = assess(&s, &site, &opts("2026-07-31")).unwrap();
    // Trimmed to the data: the first incident is on Tuesday 2026-06-30, so bins start Monday 06-29.
    let bins: Vec<(&str, &str, u64, u64)> = r.trend.bins.iter().map(|b| (b.start.as_str(), b.end.as_str(), b.count, b.fatalities)).collect();
    assert_eq!(
        bins,
        vec![
            ("2026-06-29", "2026-07-06", 1, 0),
            ("2026-07-06", "2026-07-13", 2, 2),
            ("2026-07-13", "2026-07-20", 0, 0),
            ("2026-07-20", "2026-07-27", 1, 1),
            ("2026-07-27", "2026-08-01", 1, 1),
        ]
    );
    assert_eq!(r.trend.bins[1].by_category.get("explosion_ied"), Some(&2));
    // Score history: each bin's last day. On 07-05 only "first" (5 days old): 2^(−5/30) = 0.8909,
    // 100 × (1 − e^(−0.8909/12)) = 7.2.
    assert_eq!(r.trend.score_history[0].date, "2026-07-05");
    assert_eq!(r.trend.score_history[0].score, 7.2);
    assert_eq!(r.trend.score_history.last().unwrap().score, r.score);
    let m = assess(&s, &site, &Options { trend_bin: Some("month".into()), ..opts("2026-07-31") }).unwrap();
    let counts: Vec<(&str, u64)> = m.trend.bins.iter().map(|b| (b.start.as_str(), b.count)).collect();
    assert_eq!(counts, vec![("2026-06-01", 1), ("2026-07-01", 4)]);
}

fn change_band(baseline_per_year: usize, recent: usize) -> (String, Option<f64>) {
    let c = change(baseline_per_year, recent);
    (c.band.to_string(), c.pct)
}

fn change(baseline_per_year: usize, recent: usize) -> riskcard::report::Change {
    let mut s = Store::new();
    let as_of = day("2026-07-31");
    // A year of history starts 400 days back, so the baseline is the full 52 weeks before the recent 28 days.
    s.insert(ev("start", as_of - 400, (12.0, -8.0), Category::Battle, 0));
    for i in 0..baseline_per_year {
        s.insert(ev(&format!("b{i}"), as_of - 28 - (i as i32 * 7) % 364, (12.0, -8.0), Category::Battle, 0));
    }
    for i in 0..recent {
        s.insert(ev(&format!("r{i}"), as_of - (i as i32 % 28), (12.0, -8.0), Category::Battle, 0));
    }
    let site = aoi::site(12.0, -8.0, 5.0, None).unwrap();
    let c = assess(&s, &site, &opts("2026-07-31")).unwrap().trend.change;
    assert_eq!(c.baseline_weeks, 52);
    c
}

#[test]
fn change_bands_follow_trendfinder_thresholds() {
    // 52 baseline events in 52 weeks = 4.0 per 28 days.
    assert_eq!(change_band(52, 6), ("large_increase".into(), Some(50.0)));
    assert_eq!(change_band(52, 5), ("moderate_increase".into(), Some(25.0)));
    assert_eq!(change_band(52, 4), ("limited_change".into(), Some(0.0)));
    assert_eq!(change_band(52, 3), ("limited_change".into(), Some(-25.0)));
    assert_eq!(change_band(52, 2), ("large_decrease".into(), Some(-50.0)));
    // Low baseline: 2.0 per 28 days and 5 or fewer recent events → limited change, whatever the %.
    assert_eq!(change_band(26, 5), ("limited_change".into(), Some(150.0)));
    assert!(change(26, 5).low_baseline && !change(26, 6).low_baseline && !change(52, 5).low_baseline);
    assert_eq!(change_band(26, 6).0, "large_increase");
    assert_eq!(change_band(0, 9), ("large_increase".into(), None));
}

#[test]
fn corridor_segments_verdict_and_hotspots() {
    let line = vec![vec![(12.0, -8.0), (12.0, -7.5)]];
    let c = aoi::corridor(line, 5.0, Some("test road".into())).unwrap();
    let r = c.earth_radius_km;
    let arc = Arc::new(geodesy::unit(12.0, -8.0), geodesy::unit(12.0, -7.5));
    let at_14km = geodesy::lat_lon(arc.point_at(14.0 / (arc.len * r)));
    let mut s = Store::new();
    s.insert(ev("ied", day("2026-07-31"), at_14km, Category::ViolenceAgainstCivilians, 10));
    let rep = assess(&s, &c, &opts("2026-07-31")).unwrap();
    let route = rep.route.unwrap();
    assert_eq!((route.length_km, route.segments.len()), (54.3, 6));
    // 0.5° of longitude at 12° N: 54.27 km on the local sphere (WGS84: 54.45 km, −0.33 %).
    // severity 1.2 × (1 + ln 11) = 4.078; km 0–10 and 10–20 hold it within the 5 km buffer (28.8);
    // km 20–30 is 6 km away, 1 beyond the buffer: ×2^(−1/25) → 28.1; then 16, 26, 36 km away.
    let got: Vec<(f64, f64, u64, f64)> = route.segments.iter().map(|s| (s.from_km, s.to_km, s.count, s.score)).collect();
    assert_eq!(got, vec![(0.0, 10.0, 0, 28.8), (10.0, 20.0, 1, 28.8), (20.0, 30.0, 0, 28.1), (30.0, 40.0, 0, 22.2), (40.0, 50.0, 0, 17.3), (50.0, 54.3, 0, 13.4)]);
    assert_eq!(route.verdict, "caution");
    let hot: Vec<f64> = route.hotspots.iter().map(|h| h.from_km).collect();
    assert_eq!(hot, vec![0.0, 10.0, 20.0]);
    assert_eq!(rep.nearest[0].along_km, Some(14.0));
    assert_eq!(rep.score, 28.8);
}

#[test]
fn zone_inside_and_outside() {
    let zone = r#"{"type":"Feature","properties":{"name":"Square"},"geometry":{"type":"Polygon",
        "coordinates":[[[-8.5,12.0],[-7.5,12.0],[-7.5,13.0],[-8.5,13.0],[-8.5,12.0]]]}}"#;
    let AoiInput::One(z) = aoi::parse(zone).unwrap() else { panic!() };
    let r12 = geodesy::local_radius_km(12.5);
    let mut s = Store::new();
    s.insert(ev("in", day("2026-07-31"), (12.5, -8.0), Category::Battle, 0));
    // 10 km west of the west edge at 12.5° N.
    let west = (12.5, -8.5 - (10.0 / (r12 * 12.5f64.to_radians().cos())).to_degrees());
    s.insert(ev("out", day("2026-07-31"), west, Category::Battle, 0));
    let r = assess(&s, &z, &opts("2026-07-31")).unwrap();
    assert_eq!((r.aoi.kind, r.incidents.in_aoi), ("zone", 1));
    let inside = r.nearest.iter().find(|n| n.id == "in").unwrap();
    assert_eq!((inside.distance_km, inside.in_aoi), (0.0, true));
    let out = r.nearest.iter().find(|n| n.id == "out").unwrap();
    assert_eq!((out.distance_km, out.compass, out.in_aoi), (10.0, "W", false));
    // 1 + 2^(−10/25) = 1.7579 → 100 × (1 − e^(−1.7579/12)) = 13.6
    assert_eq!(r.score, 13.6);
}

#[test]
fn portfolio_is_ranked() {
    let mut s = Store::new();
    s.insert(ev("x", day("2026-07-31"), (12.0, -8.0), Category::Battle, 3));
    let fc = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"name":"Quiet","radius_km":10},"geometry":{"type":"Point","coordinates":[-4.0,12.0]}},
      {"type":"Feature","properties":{"name":"Hot","radius_km":10},"geometry":{"type":"Point","coordinates":[-8.0,12.0]}}]}"#;
    let Assessment::Portfolio(list) = assess_input(&s, &aoi::parse(fc).unwrap(), &Options::default()).unwrap() else { panic!() };
    let got: Vec<(Option<u32>, Option<&str>, f64)> = list.iter().map(|r| (r.rank, r.aoi.name.as_deref(), r.score)).collect();
    // Hot: 1 + ln 4 = 2.386 → 18.0
    assert_eq!(got, vec![(Some(1), Some("Hot"), 18.0), (Some(2), Some("Quiet"), 0.0)]);
}

#[test]
fn invalid_aois_are_refused_with_reasons() {
    let cases = [
        (r#"{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[-8,12]}}"#, "a site (Point) needs a radius_km property"),
        (r#"{"type":"Feature","properties":{"radius_km":0},"geometry":{"type":"Point","coordinates":[-8,12]}}"#, "radius_km must be a number > 0 (got 0)"),
        (r#"{"type":"Feature","properties":{"radius_km":50000},"geometry":{"type":"Point","coordinates":[-8,12]}}"#, "radius_km 50000 is absurd (at most 1000 km)"),
        (r#"{"type":"Feature","properties":{"radius_km":5},"geometry":{"type":"Point","coordinates":[12,-800]}}"#, "coordinate [12, -800] is out of range"),
        (r#"{"type":"Polygon","coordinates":[[[0,10],[1,10],[1,11],[0,10.5]]]}"#, "ring 1 is not closed"),
        (r#"{"type":"Polygon","coordinates":[]}"#, "a polygon has no rings"),
        (r#"{"type":"LineString","coordinates":[[0,10],[1,10]]}"#, "a corridor (LineString) needs a buffer_km property"),
        (r#"{"type":"Feature","properties":{"buffer_km":5},"geometry":{"type":"LineString","coordinates":[[0,10]]}}"#, "a line needs at least 2 positions"),
        (r#"{"type":"GeometryCollection","geometries":[]}"#, "geometry type 'GeometryCollection' is not supported"),
        (r#"{"type":"FeatureCollection","features":[]}"#, "the FeatureCollection has no features"),
        (
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Kalana"},"geometry":{"type":"Point","coordinates":[-8.2,10.8]}}]}"#,
            "feature 1 (Kalana): a site (Point) needs a radius_km property",
        ),
        ("[1,2", "not valid JSON"),
    ];
    for (text, want) in cases {
        let e = aoi::parse(text).unwrap_err().to_string();
        assert!(e.starts_with("invalid area of interest: "), "{e}");
        assert!(e.contains(want), "{text}\n→ {e}\nwanted: {want}");
    }
}

#[test]
fn options_are_checked() {
    let mut s = Store::new();
    let site = aoi::site(12.0, -8.0, 5.0, None).unwrap();
    // An empty store has no answer, whatever the options: it says why (nothing loaded; or a header
    // and no rows, or every row skipped, in tests/formats.rs).
    let e = |s: &Store, o: Options| assess(s, &site, &o).unwrap_err().to_string();
    assert_eq!(e(&s, Options::default()), "unreadable incident data: no incidents are loaded");
    assert_eq!(e(&s, opts("2026-07-31")), "unreadable incident data: no incidents are loaded");
    s.insert(ev("a", day("2026-07-01"), (12.0, -8.0), Category::Battle, 0));
    assert_eq!(e(&s, Options { as_of: Some("31/31/2026".into()), ..Options::default() }), "invalid option: as_of '31/31/2026' is not a date written YYYY-MM-DD");
    // Dates in options are ISO only: 1/8/2020 is neither 1 August nor 8 January.
    assert_eq!(e(&s, Options { as_of: Some("1/8/2020".into()), ..Options::default() }), "invalid option: as_of '1/8/2020' is not a date written YYYY-MM-DD");
    assert_eq!(e(&s, Options { window_days: Some(5000), ..opts("2026-07-31") }), "invalid option: window_days must be between 1 and 3650, got 5000");
    assert_eq!(e(&s, Options { trend_bin: Some("day".into()), ..opts("2026-07-31") }), "invalid option: trend_bin must be 'week' or 'month', got 'day'");
    assert_eq!(e(&s, Options { today: Some("yesterday".into()), ..opts("2026-07-31") }), "invalid option: today 'yesterday' is not a date written YYYY-MM-DD");
    let r = assess(&s, &site, &opts("2026-07-31")).unwrap();
    assert_eq!((r.trend.bins.len(), r.data.first_date.as_str(), r.data.last_date.as_str()), (5, "2026-07-01", "2026-07-01"));
}
