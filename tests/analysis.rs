//! The analysis (issue 18): threat profiles, custom weights and per-category reach, actor families,
//! tags, the approach and what changed since a date. Hand-checked numbers on stores built here,
//! properties over random stores, and the real UCDP rows.

mod common;

use proptest::prelude::*;
use riskcard::store::NewIncident;
use riskcard::{aoi, assess, date, Category, Options, Report, Store};

const SITE: (f64, f64) = (12.65, -8.0);

use common::destination;

fn day(s: &str) -> i32 {
    date::parse_iso(s).unwrap()
}

/// A site of `radius` km at SITE.
fn site(radius: f64) -> aoi::Aoi {
    aoi::site(SITE.0, SITE.1, radius, Some("Site".into())).unwrap()
}

/// An incident `beyond` km beyond the edge of `area` (a site) on `bearing`, dated `date`.
fn at(area: &aoi::Aoi, id: &str, date: &str, beyond: f64, bearing: f64, cat: Category) -> NewIncident<'static> {
    let (lat, lon) = destination(SITE, bearing, area.reach_km() + beyond, area.earth_radius_km);
    NewIncident::new(id.to_string(), day(date), lat, lon, cat, 0)
}

fn opts(extra: &[(&str, &str)]) -> Options {
    let mut text = String::from(r#"{"as_of": "2026-07-31""#);
    for (k, v) in extra {
        text.push_str(&format!(r#", "{k}": {v}"#));
    }
    text.push('}');
    Options::from_json(&riskcard::json::parse(&text).unwrap()).unwrap()
}

fn report(s: &Store, a: &aoi::Aoi, extra: &[(&str, &str)]) -> Report {
    assess(s, a, &opts(extra)).unwrap()
}

/// Five incidents 60–95 km out in March, five 20–99 km out from May: the median distance went from
/// 80 km to 40 km.
fn approaching() -> (Store, aoi::Aoi) {
    let a = site(10.0);
    let mut s = Store::new();
    for (i, (date, beyond)) in [("2026-03-02", 60.0), ("2026-03-09", 70.0), ("2026-03-16", 80.0), ("2026-03-23", 90.0), ("2026-03-30", 95.0)].iter().enumerate() {
        s.insert(at(&a, &format!("b{i}"), date, *beyond, 200.0, Category::Battle));
    }
    let recent = [("2026-05-10", 20.0, 0.0), ("2026-06-01", 30.0, 90.0), ("2026-06-20", 40.0, 180.0), ("2026-07-05", 49.0, 270.0), ("2026-07-30", 99.0, 315.0)];
    for (i, (date, beyond, bearing)) in recent.iter().enumerate() {
        s.insert(at(&a, &format!("r{i}"), date, *beyond, *bearing, Category::Battle));
    }
    s.build_index();
    (s, a)
}

#[test]
fn the_approach_by_hand() {
    let (s, a) = approaching();
    let r = report(&s, &a, &[("detail", r#""analysis""#)]);
    let ap = r.approach.expect("an analysis has the approach");
    // Medians: recent 40 km (20, 30, 40, 49, 99), before 80 km (60, 70, 80, 90, 95).
    assert_eq!(ap.drift_km, Some(-40.0));
    assert_eq!(ap.drift_code, "drift_closer");
    assert_eq!(
        ap.drift_text,
        "incidents within 100 km were typically 40 km closer in the last 3 months than in the 3 before (median distance from the area 40 km against 80 km; 5 and 5 incidents)"
    );
    // Rings: the area, 0–25, 25–50, 50–75, 75–100 km beyond its edge.
    let edges: Vec<(f64, f64)> = ap.rings.iter().map(|r| (r.from_km, r.to_km)).collect();
    assert_eq!(edges, [(0.0, 0.0), (0.0, 25.0), (25.0, 50.0), (50.0, 75.0), (75.0, 100.0)]);
    let totals: Vec<u64> = ap.rings.iter().map(|r| r.counts.iter().sum()).collect();
    assert_eq!(totals, [0, 1, 3, 2, 4]); // 20 | 30 40 49 | 60 70 | 80 90 95 99
    assert_eq!(ap.rings[0].counts.len(), r.trend.bins.len());
    assert_eq!(ap.nearest_km.len(), r.trend.bins.len());
    // The nearest per bin is the nearest list's distance (to the site's point: 10 km + beyond).
    let nearest: Vec<f64> = ap.nearest_km.iter().flatten().copied().collect();
    assert_eq!(nearest, [70.0, 80.0, 90.0, 100.0, 105.0, 30.0, 40.0, 50.0, 59.0, 109.0]);
    assert!(ap.nearest_km.iter().any(Option::is_none));
    // Sectors: the window (90 days to 2026-07-31) holds the five recent incidents, one per bearing.
    let sec = serde_json::to_value(&ap.sectors).unwrap();
    assert_eq!(sec, serde_json::json!({"N": 1, "NE": 0, "E": 1, "SE": 0, "S": 1, "SW": 0, "W": 1, "NW": 1}));
    // Fewer than five in a period: no drift, and the sentence says why.
    let r2 = report(&s, &a, &[("detail", r#""analysis""#), ("drift_months", "1")]);
    let ap2 = r2.approach.unwrap();
    assert_eq!((ap2.drift_km, ap2.drift_code), (None, "drift_too_few"));
    assert!(ap2.drift_text.contains("2 in the last 1 months and 2 in the 1 before"), "{}", ap2.drift_text);
    // A full report has none of the analysis.
    let full = report(&s, &a, &[]);
    assert!(full.approach.is_none() && full.actors.is_none() && full.tags.is_none());
    assert_eq!(full.profile, "site");
}

#[test]
fn profiles_weigh_by_hand() {
    let a = site(10.0);
    let mut s = Store::new();
    // In the area on as_of, no deaths, exact: weight = category weight × tag factor.
    s.insert(NewIncident {
        notes: "JNIM militants set fire to a fuel tanker and two trucks on the Kayes road".into(),
        ..at(&a, "t", "2026-07-31", -5.0, 0.0, Category::LootingPropertyDestruction)
    });
    s.insert(NewIncident { notes: "Unknown gunmen abducted two Chinese workers at a gold mining site".into(), ..at(&a, "k", "2026-07-31", -5.0, 90.0, Category::Abduction) });
    s.build_index();
    let intensity = |extra: &[(&str, &str)]| report(&s, &a, extra).intensity;
    // site: 0.6 + 1.2 = 1.8.
    assert_eq!(intensity(&[]), 1.8);
    // convoy: looting 1.0 × 1.5 (convoy) + abduction 1.2 × 1 = 2.7.
    assert_eq!(intensity(&[("profile", r#""convoy""#)]), 2.7);
    // staff: looting 0.6 × 1 + abduction 2.0 × 1.5 (kidnap_foreigners; mine 1.25 is smaller) = 3.6.
    assert_eq!(intensity(&[("profile", r#""staff""#)]), 3.6);
    // Custom weights over a profile.
    assert_eq!(intensity(&[("profile", r#""staff""#), ("weights", r#"{"abduction": 0}"#)]), 0.6);
    let r = report(&s, &a, &[("profile", r#""convoy""#), ("detail", r#""analysis""#)]);
    assert_eq!(r.profile, "convoy");
    assert_eq!(r.method.weights.as_ref().unwrap()["explosion_ied"], 1.5);
    let tags = r.tags.unwrap();
    assert_eq!((tags["convoy"], tags["kidnap_foreigners"], tags["mine"], tags["blockade"]), (1, 1, 1, 0));
    // score = 100 (1 − e^(−2.7/12)) = 20.1
    assert_eq!(r.score, 20.1);
}

#[test]
fn options_are_checked_naming_themselves() {
    let (s, a) = approaching();
    let err = |json: &str| {
        let o = Options::from_json(&riskcard::json::parse(json).unwrap());
        o.and_then(|o| assess(&s, &a, &o)).unwrap_err().to_string()
    };
    assert_eq!(err(r#"{"profile": "truck"}"#), "invalid option: profile must be one of site, convoy, staff, got 'truck'");
    assert!(err(r#"{"weights": {"ambush": 2}}"#).starts_with("invalid option: weights must be one of battle, explosion_ied,"));
    assert_eq!(err(r#"{"weights": {"battle": -1}}"#), "invalid option: weights.battle must be between 0 and 10, got -1");
    assert_eq!(err(r#"{"reach_km": {"protest": 900}}"#), "invalid option: reach_km.protest must be between 0 and 500, got 900");
    assert_eq!(err(r#"{"weights": [1, 2]}"#), r#"invalid option: weights must be an object such as {"abduction": 2}, got an array"#);
    assert!(err(r#"{"actors": ["jnim", "wagner"]}"#).starts_with("invalid option: actors must be one of jnim, is_sahel,"));
    assert_eq!(err(r#"{"since": "2026-08-01", "as_of": "2026-07-31"}"#), "invalid option: since (2026-08-01) is after as_of (2026-07-31): give a date on or before it");
    assert!(err(r#"{"detail": "deep"}"#).contains("detail must be one of full, summary, analysis, got 'deep'"));
}

#[test]
fn since_by_hand() {
    let (s, a) = approaching();
    let r = report(&s, &a, &[("since", r#""2026-06-15""#)]);
    let since = r.since.expect("since given");
    // After 2026-06-15: 40 km (06-20), 49 km (07-05), 99 km (07-30); none in the area.
    assert_eq!((since.date.as_str(), since.new_in_aoi, since.new_within_influence), ("2026-06-15", 0, 3));
    // The score then is the score of a report as of then.
    let then = report(&s, &a, &[]);
    let as_of_then = assess(&s, &a, &Options { as_of: Some("2026-06-15".into()), ..Options::default() }).unwrap();
    assert_eq!((since.score_then, since.band_then), (as_of_then.score, as_of_then.band));
    assert!(then.score > 0.0);
    let new: Vec<&str> = since.new_drivers.iter().map(|d| d.date.as_str()).collect();
    assert!(new.iter().all(|d| *d > "2026-06-15") && !new.is_empty(), "{new:?}");
}

#[test]
fn reach_per_category_cuts_at_its_distance() {
    let a = site(10.0);
    let mut s = Store::new();
    // Protests 9.99 and 10.01 km beyond the edge; a battle 60 km out.
    s.insert(at(&a, "in", "2026-07-30", 9.99, 45.0, Category::Protest));
    s.insert(at(&a, "out", "2026-07-30", 10.01, 135.0, Category::Protest));
    s.insert(at(&a, "battle", "2026-07-30", 60.0, 225.0, Category::Battle));
    s.build_index();
    let r = report(&s, &a, &[("reach_km", r#"{"protest": 10}"#), ("detail", r#""analysis""#)]);
    assert_eq!(r.incidents.within_influence, 2);
    let ids: Vec<&str> = r.nearest.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["in", "battle"]);
    assert_eq!(r.method.reach_km.as_ref().unwrap()["protest"], 10.0);
    assert_eq!(r.method.influence_km, 100.0);
    // A reach beyond the influence distance reads farther.
    let far = report(&s, &a, &[("influence_km", "50"), ("reach_km", r#"{"battle": 70}"#)]);
    assert_eq!(far.incidents.within_influence, 3);
}

#[test]
fn actor_families_split_the_score_and_filter() {
    let a = site(10.0);
    let mut s = Store::new();
    let with = |id: &str, beyond: f64, actors: &[&'static str], cat| NewIncident {
        actors: actors.iter().map(|x| (*x).into()).collect(),
        country: "Mali".into(),
        ..at(&a, id, "2026-07-20", beyond, 10.0, cat)
    };
    s.insert(with("1", 0.0, &["JNIM: Group for Support of Islam and Muslims", "Military Forces of Mali (2021-)"], Category::Battle));
    s.insert(with("2", 20.0, &["Islamic State (Sahel)", "Civilians (Mali)"], Category::ViolenceAgainstCivilians));
    s.insert(with("3", 30.0, &["Wagner Group", "Civilians (Mali)"], Category::ViolenceAgainstCivilians));
    s.insert(with("4", 40.0, &["Protesters (Mali)"], Category::Protest));
    s.build_index();
    let r = report(&s, &a, &[("detail", r#""analysis""#)]);
    let actors = r.actors.unwrap();
    let sum: f64 = actors.iter().map(|x| x.points).sum();
    assert!((sum - r.score).abs() < 1e-9, "{sum} vs {}", r.score);
    let fams: Vec<(&str, u64)> = actors.iter().map(|x| (x.family, x.count)).collect();
    assert_eq!(fams, [("jnim", 1), ("is_sahel", 1), ("foreign_forces", 1), ("other", 1)]);
    // Keeping JNIM and state forces: incident 1 only.
    let kept = report(&s, &a, &[("actors", r#"["jnim", "state_mali"]"#)]);
    assert_eq!(kept.incidents.within_influence, 1);
    assert_eq!(kept.method.actors.as_deref(), Some(&["jnim", "state_mali"][..]));
    // The same as a comma-separated string.
    assert_eq!(report(&s, &a, &[("actors", r#""jnim, state_mali""#)]).score, kept.score);
}

#[derive(Debug, Clone)]
struct Ev {
    km: f64,
    bearing: f64,
    age: i32,
    fatalities: u32,
    cat: u8,
    note: usize,
    actor: usize,
}

const NOTES: [&str; 5] = [
    "",
    "an IED hit a truck between Kayes and Diéma",
    "gunmen abducted two Chinese workers at a gold mining site",
    "JNIM fighters set up a checkpoint and extorted drivers on the road",
    "JNIM declared a blockade and burned fuel tankers",
];
const ACTORS: [&str; 5] = ["JNIM", "Islamic State (Sahel)", "Military Forces of Mali (2021-)", "Dozo Militia", "Unidentified Armed Group (Mali)"];

fn ev() -> impl Strategy<Value = Ev> {
    (0.0f64..180.0, 0.0f64..360.0, 0i32..400, 0u32..40, 0u8..9, 0usize..5, 0usize..5).prop_map(|(km, bearing, age, fatalities, cat, note, actor)| Ev {
        km,
        bearing,
        age,
        fatalities,
        cat,
        note,
        actor,
    })
}

fn store(evs: &[Ev]) -> Store {
    let mut s = Store::new();
    for (i, e) in evs.iter().enumerate() {
        let (lat, lon) = destination(SITE, e.bearing, e.km, 6371.0);
        s.insert(NewIncident {
            notes: NOTES[e.note].into(),
            actors: vec![ACTORS[e.actor].into()],
            country: "Mali".into(),
            ..NewIncident::new(format!("e{i}"), day("2026-07-31") - e.age, lat, lon, Category::from_code(e.cat), e.fatalities)
        });
    }
    s.build_index();
    s
}

/// The weighings the properties hold for: each profile, and custom weights and reaches.
fn weighings(w: &[f64; 9], reach: &[f64; 9]) -> Vec<Vec<(&'static str, String)>> {
    let keys = Category::ALL.map(|c| c.key());
    let obj = |v: &[f64; 9]| format!("{{{}}}", keys.iter().zip(v).map(|(k, x)| format!(r#""{k}": {x}"#)).collect::<Vec<_>>().join(", "));
    vec![
        vec![],
        vec![("profile", r#""convoy""#.into())],
        vec![("profile", r#""staff""#.into())],
        vec![("profile", r#""convoy""#.into()), ("weights", obj(w)), ("reach_km", obj(reach))],
    ]
}

fn analysed(s: &Store, a: &aoi::Aoi, w: &[(&'static str, String)]) -> Report {
    let mut extra: Vec<(&str, &str)> = w.iter().map(|(k, v)| (*k, v.as_str())).collect();
    extra.push(("detail", r#""analysis""#));
    report(s, a, &extra)
}

fn weights() -> impl Strategy<Value = ([f64; 9], [f64; 9])> {
    (prop::array::uniform9(0.0f64..10.0), prop::array::uniform9(0.0f64..300.0))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Every profile and custom weighing: bounded, explained by category and by actor family (both
    /// adding up to the score), and an incident moved closer, made more recent or deadlier, or added,
    /// never lowers the score.
    #[test]
    fn every_weighing_is_bounded_explained_and_monotone(evs in prop::collection::vec(ev(), 1..25), (w, reach) in weights(),
            pick in any::<prop::sample::Index>(), t in 0.0f64..0.9, newer in 1i32..60, more in 1u32..30, extra in ev()) {
        let a = site(15.0);
        let base = store(&evs);
        let i = pick.index(evs.len());
        for wg in weighings(&w, &reach) {
            let r = analysed(&base, &a, &wg);
            prop_assert!((0.0..=100.0).contains(&r.score));
            let by_cat: f64 = r.contributions.values().sum();
            let by_family: f64 = r.actors.as_ref().unwrap().iter().map(|x| x.points).sum();
            prop_assert!((by_cat - r.score).abs() < 1e-6 && (by_family - r.score).abs() < 1e-6, "{} {} {}", by_cat, by_family, r.score);
            let count: u64 = r.actors.as_ref().unwrap().iter().map(|x| x.count).sum();
            prop_assert_eq!(count, r.incidents.within_influence);
            let mut closer = evs.clone();
            closer[i].km *= t;
            prop_assert!(analysed(&store(&closer), &a, &wg).score >= r.score);
            let mut recent = evs.clone();
            recent[i].age = (recent[i].age - newer).max(0);
            prop_assert!(analysed(&store(&recent), &a, &wg).score >= r.score);
            let mut deadly = evs.clone();
            deadly[i].fatalities += more;
            prop_assert!(analysed(&store(&deadly), &a, &wg).score >= r.score);
            let mut added = evs.clone();
            added.push(extra.clone());
            prop_assert!(analysed(&store(&added), &a, &wg).score >= r.score);
        }
    }

    /// Incidents moved closer over time: every incident of the last three months brought a fraction
    /// `t` of its distance nearer than an incident of the three before (one each, paired) gives a
    /// drift of at most zero, and "closer" whenever it says more than "about the same".
    #[test]
    fn incidents_moved_closer_over_time_drift_closer(kms in prop::collection::vec(1.0f64..95.0, 5..15), t in 0.0f64..0.95) {
        let a = site(10.0);
        let mut s = Store::new();
        for (i, km) in kms.iter().enumerate() {
            let before = format!("2026-03-{:02}", 1 + i);
            let recent = format!("2026-06-{:02}", 1 + i);
            s.insert(at(&a, &format!("b{i}"), &before, *km, 30.0 * i as f64, Category::Battle));
            s.insert(at(&a, &format!("r{i}"), &recent, km * t, 30.0 * i as f64, Category::Battle));
        }
        s.build_index();
        let ap = report(&s, &a, &[("detail", r#""analysis""#)]).approach.unwrap();
        let drift = ap.drift_km.unwrap();
        prop_assert!(drift <= 0.05, "{}", drift);
        prop_assert!(ap.drift_code == "drift_closer" || (ap.drift_code == "drift_steady" && drift > -5.0), "{} {}", ap.drift_code, drift);
        // And the other way round: moved away.
        let mut away = Store::new();
        for (i, km) in kms.iter().enumerate() {
            away.insert(at(&a, &format!("b{i}"), &format!("2026-03-{:02}", 1 + i), km * t, 30.0 * i as f64, Category::Battle));
            away.insert(at(&a, &format!("r{i}"), &format!("2026-06-{:02}", 1 + i), *km, 30.0 * i as f64, Category::Battle));
        }
        away.build_index();
        prop_assert!(report(&away, &a, &[("detail", r#""analysis""#)]).approach.unwrap().drift_km.unwrap() >= -0.05);
    }
}

/// The real UCDP rows: the analysis is consistent with the full report it extends, and its numbers
/// agree with tests/independent/approach.py (Python's csv and haversine, not riskcard's).
#[test]
fn real_rows_morila_bamako_narena() {
    let s = common::ucdp_store();
    // tests/independent/approach.py: incidents in the last 3 months and the 3 before, and the drift.
    let sites = [
        ("Morila", 11.673343, -6.850381, 10.0, (6, 6, 18.71)),
        ("Bamako", 12.60915, -7.97522, 15.0, (15, 11, 22.30)),
        ("Kangaba (Narena's cercle)", 11.93333, -8.41667, 50.0, (14, 13, 4.18)),
    ];
    for (name, lat, lon, km, (recent, before, drift)) in sites {
        let a = aoi::site(lat, lon, km, Some(name.into())).unwrap();
        let full = assess(&s, &a, &Options::default()).unwrap();
        let r = assess(&s, &a, &Options { detail: Some("analysis".into()), ..Options::default() }).unwrap();
        // The analysis adds to the full report; it changes nothing in it.
        assert_eq!((r.score, &r.contributions, &r.nearest, &r.trend), (full.score, &full.contributions, &full.nearest, &full.trend), "{name}");
        let ap = r.approach.as_ref().unwrap();
        let n = |k: &str| match ap.drift_params.get(k) {
            Some(riskcard::message::Param::Num(x)) => *x as u64,
            other => panic!("{k}: {other:?}"),
        };
        assert_eq!((n("recent"), n("before")), (recent, before), "{name}");
        assert!((ap.drift_km.unwrap() - drift).abs() < 0.3, "{name}: {:?} vs {drift}", ap.drift_km);
        // Every incident in the area in a bin is in the area's ring.
        let in_area: Vec<u64> = r.trend.bins.iter().map(|b| b.count).collect();
        assert_eq!(ap.rings[0].counts, in_area, "{name}");
        let sectors: u64 = ap.sectors.0.iter().sum();
        assert!(sectors <= r.incidents.within_influence && sectors + 1 >= r.incidents.within_influence, "{name}");
        let points: f64 = r.actors.as_ref().unwrap().iter().map(|x| x.points).sum();
        assert!((points - r.score).abs() < 1e-9, "{name}");
    }
}
