//! Honest answers at the edges: odd but real files read as they were meant (US dates, ACLED's
//! pre-2019 taxonomy, blanks written as text, re-coded events across releases, Windows-1252), and a
//! report that says when its window or its area lies outside the data, or the data is stale, rather
//! than showing a calm score. The ACLED fixtures are written by hand in ACLED's layouts.

mod common;

use common::{fixture, MORILA};
use riskcard::aoi::{self, AoiInput};
use riskcard::ingest::{self, Dedupe, Loader};
use riskcard::{assess, assess_input, date, Assessment, Category, Options, Store};

fn load(names: &[&str], dedupe: Dedupe) -> (Store, Vec<riskcard::Diagnostics>) {
    let mut s = Store::new();
    let ds = names
        .iter()
        .map(|n| {
            let mut l = Loader::new(None, n, None).dedupe(dedupe);
            l.push(&mut s, &fixture(n), &mut |_, _| {}).unwrap();
            l.end(&mut s, &mut |_, _| {}).unwrap()
        })
        .collect();
    (s, ds)
}

fn find<'a>(s: &'a Store, id: &str) -> riskcard::store::Incident<'a> {
    s.get(s.find(id).unwrap_or_else(|| panic!("{id} not loaded"))).unwrap()
}

fn codes(w: &[riskcard::ingest::Warning]) -> Vec<&str> {
    w.iter().map(|w| w.code).collect()
}

fn opts(as_of: &str) -> Options {
    Options { as_of: Some(as_of.into()), ..Options::default() }
}

/// An Excel re-save in US English writes 7/31/2020: the file's first date that can only be
/// month first decides, the ambiguous rows before it wait for it, and the whole file reads as its
/// ISO twin. A date typed day first by hand in that file is refused, not read as another day.
#[test]
fn us_dates_are_read_month_first_when_the_file_says_so() {
    let (us, d) = load(&["acled_us_dates.csv"], Dedupe::Id);
    let (iso, _) = load(&["acled_us_dates_iso.csv"], Dedupe::Id);
    assert_eq!((d[0].rows_read, d[0].rows_loaded, d[0].rows_skipped), (13, 12, 1));
    assert_eq!(common::incidents(&us), common::incidents(&iso));
    assert_eq!(date::format(find(&us, "MLI15000").day), "2020-03-04"); // 3/4/2020, before the file decided
    assert_eq!(date::format(find(&us, "MLI15002").day), "2020-06-02");
    let e = &d[0].errors[0];
    assert_eq!((e.line, e.code, e.reason.as_str()), (14, "row_date_not_month_first", "date '31/07/2020' can only be day/month/year, but this file's dates are month/day/year"));
    assert_eq!(
        d[0].warnings,
        ["acled_us_dates.csv: dates such as 7/31/2020 were read month first (month/day/year, as US spreadsheets write them): line 5 can be read no other way"]
    );
    // Mopti, the report as of the file's last day: the same as the ISO twin's.
    let mopti = aoi::site(14.4843, -4.1827, 50.0, Some("Mopti".into())).unwrap();
    let (a, b) = (assess(&us, &mopti, &Options::default()).unwrap(), assess(&iso, &mopti, &Options::default()).unwrap());
    assert_eq!((a.as_of.as_str(), a.score, a.incidents.in_aoi), (b.as_of.as_str(), b.score, b.incidents.in_aoi));
    assert_eq!(a.as_of, "2020-12-07");
    assert!(a.score > 0.0);
}

/// A file whose numeric dates never decide their order is not guessed at: its ambiguous rows are
/// refused with the code of the warning that says how to fix the file.
#[test]
fn a_file_that_never_decides_is_not_guessed() {
    let (s, d) = load(&["acled_ambiguous_dates.csv"], Dedupe::Id);
    let d = &d[0];
    assert_eq!((d.rows_read, d.rows_loaded, d.rows_skipped, s.len()), (7, 2, 5, 2));
    assert!(d.errors.iter().all(|e| e.code == "ambiguous_slash_dates"), "{:?}", d.errors);
    assert_eq!(d.errors[0].reason, "date '3/4/2020' could be day/month or month/day, and no date in the file decides which");
    assert_eq!(date::format(find(&s, "MLI15050").day), "2020-06-06"); // 6/6/2020 is the same either way
    let w: Vec<_> = d.warnings.iter().filter(|w| w.code == "ambiguous_slash_dates").collect();
    assert_eq!(w.len(), 1);
    assert!(w[0].message.starts_with("acled_ambiguous_dates.csv: 5 rows have dates such as 3/4/2020 that could be day/month or month/day"), "{}", w[0].message);
    assert!(w[0].message.contains("write the dates as YYYY-MM-DD"));
    assert!(codes(&d.warnings).contains(&"many_rows_skipped"));
}

/// ACLED's 2016 Africa layout: upper-case columns, ALLY_ACTOR, actor-type codes, day-first dates,
/// CRLF, seven empty header cells, Windows-1252 (a ’ and a no-break space inside a longitude), and
/// the taxonomy before 2019, mapped: battles, remote violence, Riots/Protests split by the actor
/// types on either side, strategic developments; an unknown label is counted in a warning.
#[test]
fn acled_2016_layout_and_taxonomy() {
    let (s, d) = load(&["acled_2016.csv"], Dedupe::Id);
    let d = &d[0];
    assert_eq!((d.formats[0].as_str(), d.rows_read, d.rows_loaded, d.rows_skipped), ("acled", 14, 14, 0), "{:?}", d.errors);
    let cat = |id: &str| find(&s, id).category;
    let want = [
        ("1401RTA", Category::Battle),
        ("1402RTA", Category::Battle),
        ("1403RTA", Category::Battle),
        ("1404RTA", Category::ExplosionIed),
        ("1405RTA", Category::Protest), // protesters alone
        ("1406RTA", Category::Riot),    // rioters against police
        ("1407RTA", Category::Protest), // police against protesters (actor2)
        ("1408RTA", Category::ViolenceAgainstCivilians),
        ("1409RTA", Category::Strategic),
        ("1410RTA", Category::Strategic),
        ("1411RTA", Category::Strategic),
        ("1412RTA", Category::ViolenceAgainstCivilians), // "Violence against civilians " with a trailing space
        ("1413RTA", Category::Other),
        ("1414RTA", Category::Protest), // "RIots/Protests"
    ];
    for (id, c) in want {
        assert_eq!(cat(id), c, "{id}");
    }
    // 02/01/2016 is 2 January: "14/01/2016" decides day first.
    assert_eq!(date::format(find(&s, "1401RTA").day), "2016-01-02");
    assert_eq!(date::format(find(&s, "1414RTA").day), "2016-02-23");
    let tessalit = find(&s, "1411RTA");
    assert!((tessalit.lon - 0.9853).abs() < 1e-4, "{}", tessalit.lon);
    assert_eq!(find(&s, "1412RTA").notes, "A mob attacked a man’s shop.");
    assert_eq!(find(&s, "1401RTA").actors, ["AQIM: Al Qaeda in the Islamic Maghreb", "Military Forces of Mali (2013-)"]);
    assert_eq!(codes(&d.warnings), ["invalid_utf8", "slash_dates_day_first", "unknown_event_type"]);
    assert_eq!(d.warnings[2].message, "acled_2016.csv: the event type 'Cattle raid' (1 rows) is not one riskcard knows, so it weighs as other");
}

/// A current export written by R: NA in every empty field reads as empty, actors included; an
/// unknown fatality count counts as none, and a warning says how many.
#[test]
fn blanks_written_as_text_are_empty() {
    let (s, d) = load(&["acled_r_export.csv"], Dedupe::Id);
    let d = &d[0];
    assert_eq!((d.rows_loaded, d.rows_skipped), (4, 0));
    let e = find(&s, "BEN800");
    assert_eq!(e.actors, ["Unidentified Armed Group (Benin)", "Military Forces of Mali (2012-2021)"]);
    assert_eq!((e.admin1, e.location), ("Alibori", "Karimama"));
    assert_eq!(find(&s, "BEN801").fatalities, 0);
    assert_eq!(find(&s, "BEN802").location, ""); // "None": read as missing too (docs/METHOD.md)
    assert_eq!(d.warnings, ["acled_r_export.csv: 1 rows give no fatality count; they count as no deaths"]);
}

/// Two releases that overlap: ACLED re-coded three events under new ids. With `dedupe: id` (the
/// default) they are counted twice and a warning names them; with `dedupe: content` the earlier
/// versions go. Ménaka, 25 km, as of 2017-11-30 (every event of the fixtures is in the window).
#[test]
fn recoded_events_across_releases() {
    let menaka = aoi::site(15.9182, 2.4022, 25.0, Some("Ménaka".into())).unwrap();
    let (twice, d) = load(&["acled_mali_2019.csv", "acled_mali_2020.csv"], Dedupe::Id);
    assert_eq!(twice.len(), 10);
    assert_eq!(d[1].warnings.iter().map(|w| w.message.as_str()).collect::<Vec<_>>(), [
        "acled_mali_2020.csv: 3 events look like events of an earlier file under other ids (the same day, type and fatalities, within 100 m: MLI1702 ~ MLI1897, MLI1703 ~ MLI1898); both are counted: load with dedupe content to keep one"
    ]);
    let r = assess(&twice, &menaka, &opts("2017-11-30")).unwrap();
    assert_eq!((r.incidents.in_aoi, r.incidents.fatalities), (9, 16));
    assert!(codes(&r.warnings).contains(&"possible_duplicates"));

    let (once, d) = load(&["acled_mali_2019.csv", "acled_mali_2020.csv"], Dedupe::Content);
    assert_eq!(once.len(), 7);
    assert_eq!(d[1].warnings[0].code, "duplicates_removed");
    assert!(once.find("MLI1702").is_none() && once.find("MLI1897").is_some());
    let r = assess(&once, &menaka, &opts("2017-11-30")).unwrap();
    assert_eq!((r.incidents.in_aoi, r.incidents.fatalities), (6, 10));
    // One release loaded twice is one release: the same ids, nothing counted twice.
    let (same, d) = load(&["acled_mali_2019.csv", "acled_mali_2019.csv"], Dedupe::Id);
    assert_eq!((same.len(), d[1].rows_replaced), (5, 5));
    assert!(d[1].warnings.is_empty());
}

/// A window outside the data, or an area far from all of it, is said in words with the data's
/// dates, never left as a calm 0.
#[test]
fn windows_and_areas_outside_the_data_are_said() {
    let s = common::ucdp_store();
    let morila = aoi::site(MORILA.0, MORILA.1, 50.0, Some("Morila".into())).unwrap();
    let r = assess(&s, &morila, &opts("2031-01-01")).unwrap();
    assert_eq!((r.score, codes(&r.warnings)), (0.0, vec!["as_of_after_data"]));
    assert_eq!(r.warnings[0].message, "the window (90 days to 2031-01-01) lies after the data, which runs from 2026-01-01 to 2026-07-31: there is nothing to score");
    assert_eq!((r.data.first_date.as_str(), r.data.last_date.as_str(), r.data.sources.len()), ("2026-01-01", "2026-07-31", 2));
    assert_eq!(
        (r.data.sources[1].name.as_str(), r.data.sources[1].rows, r.data.sources[1].first_date.as_deref()),
        ("ucdp_candidate_v26_0_7_mali_bfa_ner.csv", 191, Some("2026-06-29"))
    );
    assert_eq!(codes(&assess(&s, &morila, &opts("2020-01-01")).unwrap().warnings), ["as_of_before_data"]);
    let partly = assess(&s, &morila, &opts("2026-02-15")).unwrap();
    assert_eq!(partly.warnings[0].message, "the data covers 46 of the 90 days of the window to 2026-02-15 (it runs from 2026-01-01 to 2026-07-31): the score counts only those");
    assert!(assess(&s, &morila, &opts("2026-07-31")).unwrap().warnings.is_empty());
    assert!(riskcard::assess::NOTHING_TO_SCORE.contains(&"as_of_after_data"));

    // Morila typed [lat, lon] where GeoJSON wants [lon, lat]: 1,000 km from every incident.
    let typo = aoi::parse(r#"{"type":"Feature","properties":{"name":"Morila","radius_km":50},"geometry":{"type":"Point","coordinates":[11.673343,-6.850381]}}"#).unwrap();
    let AoiInput::One(typo) = typo else { panic!() };
    let r = assess(&s, &typo, &Options::default()).unwrap();
    assert_eq!((r.score, codes(&r.warnings)), (0.0, vec!["area_outside_data_swapped"]));
    let atlantic = aoi::site(0.0, -30.0, 50.0, None).unwrap();
    assert_eq!(codes(&assess(&s, &atlantic, &Options::default()).unwrap().warnings), ["area_outside_data"]);
}

/// The core reads no clock: given today, it says how old the data is, and warns past a threshold.
#[test]
fn stale_data_is_said() {
    let s = common::ucdp_store();
    let morila = aoi::site(MORILA.0, MORILA.1, 50.0, None).unwrap();
    let today = |t: &str, days: Option<u32>| assess(&s, &morila, &Options { today: Some(t.into()), stale_days: days, ..Options::default() }).unwrap();
    let r = today("2026-12-04", None);
    assert_eq!((r.data.age_days, r.data.today.as_deref()), (Some(126), Some("2026-12-04")));
    assert_eq!(r.warnings[0].message, "the data ends on 2026-07-31, 126 days before today (2026-12-04), more than 30: recent incidents are missing from it");
    assert!(today("2026-08-20", None).warnings.is_empty());
    assert!(today("2026-12-04", Some(200)).warnings.is_empty());
}

/// Large zones saturate the bounded score: the report gives the unbounded intensity and the
/// incidents per 1,000 km², and a portfolio ranks equal scores by intensity.
#[test]
fn large_zones_rank_by_intensity() {
    let mut s = Store::new();
    let csv: String = std::iter::once("id,date,lat,lon,event_type,fatalities\n".to_string())
        .chain((0..400).map(|i| format!("a{i},2026-07-{:02},{},{},Battles,5\n", 1 + i % 28, 14.0 + (i % 20) as f64 * 0.05, -4.0 + (i / 20) as f64 * 0.05)))
        .chain((0..200).map(|i| format!("b{i},2026-07-{:02},{},{},Battles,5\n", 1 + i % 28, 16.0 + (i % 20) as f64 * 0.05, -1.0 + (i / 20) as f64 * 0.05)))
        .collect();
    ingest::load(&mut s, csv.as_bytes(), None, "zones.csv").unwrap();
    let square = |lat: f64, lon: f64, name: &str| {
        format!(
            r#"{{"type":"Feature","properties":{{"name":"{name}"}},"geometry":{{"type":"Polygon","coordinates":[[[{lon},{lat}],[{},{lat}],[{},{}],[{lon},{}],[{lon},{lat}]]]}}}}"#,
            lon + 1.2,
            lon + 1.2,
            lat + 1.2,
            lat + 1.2
        )
    };
    let fc = format!(r#"{{"type":"FeatureCollection","features":[{},{}]}}"#, square(15.8, -1.1, "B"), square(13.9, -4.1, "A"));
    let Assessment::Portfolio(list) = assess_input(&s, &aoi::parse(&fc).unwrap(), &opts("2026-07-31")).unwrap() else { panic!() };
    assert_eq!((list[0].score, list[1].score), (100.0, 100.0));
    assert_eq!((list[0].aoi.name.as_deref(), list[1].aoi.name.as_deref()), (Some("A"), Some("B")));
    assert!(list[0].intensity > 1.9 * list[1].intensity, "{} {}", list[0].intensity, list[1].intensity);
    let a = &list[0];
    assert!((a.aoi.area_km2 - 17_200.0).abs() < 300.0, "{}", a.aoi.area_km2);
    assert!((a.incidents.per_1000_km2 - 400.0 / a.aoi.area_km2 * 1000.0).abs() < 0.01);
}

/// A file with a header and no rows, or with every row skipped, says so when assessed.
#[test]
fn no_rows_is_said_as_no_rows() {
    let site = aoi::site(12.0, -8.0, 10.0, None).unwrap();
    let mut s = Store::new();
    ingest::load(&mut s, b"id,date,lat,lon\n", None, "empty.csv").unwrap();
    assert_eq!(assess(&s, &site, &Options::default()).unwrap_err().to_string(), "unreadable incident data: no incidents are loaded: the data has a header but no rows");
    ingest::load(&mut s, b"id,date,lat,lon\na,2026-01-01,,-8\nb,nope,12,-8\n", None, "bad.csv").unwrap();
    assert_eq!(
        assess(&s, &site, &opts("2026-01-01")).unwrap_err().to_string(),
        "unreadable incident data: no incidents are loaded: all 2 rows were skipped (see the skipped rows)"
    );
}
