//! Assessment: from the store and an area of interest to a [`Report`]. The steps, one file each:
//!
//! * `options.rs` — the options, checked and completed into [`Settings`];
//! * `scan.rs` — the incidents within reach over the days the report reads (one index scan);
//! * `score.rs` — the kernel: one incident's weight, the bounded score, bands, points;
//! * `explain.rs` — the score, its points per category, the drivers, the nearest, the map;
//! * `trend.rs` — weekly or monthly bins, the change band, the score history;
//! * `route.rs` — a corridor's stretches and verdict;
//! * `rank.rs` — the one sort every ranking goes through (a portfolio's, the drivers', the nearest);
//! * `export.rs` — the incidents a report used, as CSV or GeoJSON;
//! * `redact.rs` — the public view: derived figures only;
//! * `coverage.rs` — what the answer rests on: the data's dates and sources, and the warnings when
//!   the window or the area lies outside the data, or the data is stale.

mod actors;
mod approach;
mod classify;
mod coverage;
mod explain;
mod export;
mod options;
pub mod rank;
mod redact;
mod route;
mod scan;
pub mod score;
mod tags;
mod trend;
mod weigh;

use crate::aoi::{Aoi, AoiInput, Shape};
use crate::category::Category;
use crate::date;
use crate::error::Result;
use crate::report::{AoiInfo, ByKey, MethodInfo, Report, Since};
use crate::store::Store;
use score::TimeTable;

pub use actors::{attributed, families, family, Family};
pub use approach::{DRIFT_MIN, RINGS_PER_INFLUENCE};
pub use classify::{bits, write_texts};
#[cfg(feature = "words")]
pub use classify::{classify, classify_texts};
pub use coverage::{LOAD_WARNINGS_IN_REPORTS, NOTHING_TO_SCORE};
pub use explain::MAP_POINTS;
pub use export::{export_incidents, ExportFormat, COLUMNS as EXPORT_COLUMNS};
pub use options::{Options, Settings};
pub use redact::{public_view, PUBLIC_GRID_DEG};
pub use route::{CAUTION, NO_GO};
pub use tags::{tags, Tag};
pub use trend::{BASELINE_WEEKS, RECENT_DAYS};
pub use weigh::{families_of, family_of, tags_of, Profile, Weighing};

/// A single report, or a ranked portfolio.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum Assessment {
    /// One area.
    One(Box<Report>),
    /// A FeatureCollection, ranked by score (highest first).
    Portfolio(Vec<Report>),
}

/// The incidents within reach of the area(s) over the days an assessment with these options reads
/// whose texts are not worked out yet (see `classify`), when the options need them (an analysis, a
/// profile weighing tags, an actor filter); empty otherwise, and always with the `words` feature.
///
/// ```
/// use riskcard::{Store, Options, ingest, aoi, assess::unclassified};
/// let csv = "id,date,lat,lon,event_type,fatalities\nk1,2026-07-01,12.65,-8.0,Battles,3\n";
/// let mut store = Store::new();
/// ingest::load(&mut store, csv.as_bytes(), None, "").unwrap();
/// let site = aoi::AoiInput::One(aoi::site(12.65, -8.0, 10.0, None).unwrap());
/// let analysis = Options { detail: Some("analysis".into()), ..Options::default() };
/// // Natively the texts are worked out when first read: none is left.
/// assert_eq!(unclassified(&store, &site, &analysis).unwrap(), Vec::<u32>::new());
/// ```
pub fn unclassified(store: &Store, input: &AoiInput, options: &Options) -> Result<Vec<u32>> {
    coverage::loaded(store)?;
    Ok(waiting_rows(store, input, &options.resolve(store)?))
}

/// `unclassified` with the settings resolved.
fn waiting_rows(store: &Store, input: &AoiInput, st: &Settings) -> Vec<u32> {
    let mut rows = Vec::new();
    if cfg!(feature = "words") || !st.needs_words() {
        return rows;
    }
    let days = scan::Days::new(store, st);
    let mut seen = vec![false; store.len()];
    for a in input.areas() {
        scan::reach_rows(store, a, st, &days, &mut |row| {
            if let Some(s) = seen.get_mut(row).filter(|s| !**s) {
                *s = true;
                if store.derived(row).is_none() {
                    rows.push(row as u32);
                }
            }
        });
    }
    rows
}

/// The settings an answer to `input` (a report, an export) uses, once the store holds data and every
/// text the answer reads is worked out. Without the words (the engine's WebAssembly build), an
/// answer that reads the incidents' texts waits (`texts_not_read`) until they are: a family or tag
/// read as none would be a wrong answer.
fn settings_for(store: &Store, input: &AoiInput, options: &Options) -> Result<Settings> {
    coverage::loaded(store)?;
    let settings = options.resolve(store)?;
    let waiting = waiting_rows(store, input, &settings).len();
    if waiting > 0 {
        return Err(crate::Error::Usage(crate::Message::texts_not_read(waiting as u64)));
    }
    Ok(settings)
}

/// Assesses an area or a portfolio.
pub fn assess_input(store: &Store, input: &AoiInput, options: &Options) -> Result<Assessment> {
    let settings = settings_for(store, input, options)?;
    Ok(match input {
        AoiInput::One(a) => Assessment::One(Box::new(assess_with(store, a, &settings))),
        AoiInput::Portfolio(list) => {
            let mut reports: Vec<Option<Report>> = list.iter().map(|a| Some(assess_with(store, a, &settings))).collect();
            // By score, then by intensity (large zones all score ~100), then in the order given.
            let key = |i: usize| reports[i].as_ref().map_or((0.0, 0.0), |r| (r.score, r.intensity));
            let order = rank::top_k(reports.len(), reports.len(), |a, b| key(b).0.total_cmp(&key(a).0).then(key(b).1.total_cmp(&key(a).1)).then(a.cmp(&b)));
            Assessment::Portfolio(
                order
                    .into_iter()
                    .filter_map(|i| reports.get_mut(i).and_then(Option::take))
                    .enumerate()
                    .map(|(i, mut r)| {
                        r.rank = Some(i as u32 + 1);
                        r
                    })
                    .collect(),
            )
        }
    })
}

/// Assesses one area with the given options.
///
/// ```
/// use riskcard::{Store, Options, ingest, aoi, assess};
/// let csv = "id,date,lat,lon,event_type,fatalities\nk1,2026-07-01,12.65,-8.0,Battles,3\n";
/// let mut store = Store::new();
/// ingest::load(&mut store, csv.as_bytes(), None, "").unwrap();
/// let site = aoi::site(12.65, -8.0, 10.0, Some("Bamako".into())).unwrap();
/// let r = assess(&store, &site, &Options::default()).unwrap();
/// // One battle with 3 deaths on as_of inside the area: intensity 1 + ln 4 = 2.386,
/// // score 100 × (1 − e^(−2.386/12)) = 18.0.
/// assert_eq!((r.score, r.band, r.incidents.in_aoi), (18.0, "low", 1));
/// assert_eq!(r.contributions["battle"], 18.0);
/// ```
pub fn assess(store: &Store, aoi: &Aoi, options: &Options) -> Result<Report> {
    coverage::loaded(store)?;
    Ok(assess_with(store, aoi, &options.resolve(store)?))
}

/// Assesses one area with resolved settings.
pub fn assess_with(store: &Store, aoi: &Aoi, st: &Settings) -> Report {
    let p = &st.params;
    let days = scan::Days::new(store, st);
    let scan::Scanned { window, daily, around, new_since } = scan::collect(store, aoi, st, &days);
    let times = TimeTable::new(p);
    let explained = explain::explain(store, &window, st, &times);
    let score = explained.score;
    let (nearest, map) = explain::nearest_and_map(store, aoi, &window, st);
    let trend = trend::trend(&daily, &days, st, score, &times);
    let approach = around.map(|a| a.finish(store, aoi, &window, &trend::bins(days.first_bin, days.as_of, st.monthly), &days, st));
    let since = st.since.filter(|_| !st.summary).map(|day| {
        let then = score::score_of(daily.units_at(day, &times, p.window_days), p);
        Since {
            date: date::format(day),
            new_in_aoi: new_since.0,
            new_within_influence: new_since.1,
            score_then: then,
            band_then: score::band(then),
            new_drivers: explained.drivers.iter().filter(|d| date::parse_iso(&d.date).is_some_and(|dd| dd > day)).cloned().collect(),
        }
    });
    let wg = &st.weighing;
    let by_category = |v: &[f64; 9]| -> ByKey<f64> { Category::ALL.iter().zip(v).map(|(c, &x)| (c.key(), x)).collect() };
    let route = match &aoi.shape {
        Shape::Corridor { length_km, .. } => Some(route::route(store, aoi, *length_km, score, &window, &times, st)),
        _ => None,
    };
    let warnings = coverage::warnings(store, aoi, st, &days, !window.is_empty());
    let (s, w, n, e) = aoi.bbox;
    let area_km2 = aoi.area_km2();
    let mut counts = explained.counts;
    counts.per_1000_km2 = if area_km2 > 0.0 { (counts.in_aoi as f64 / area_km2 * 1e5).round() / 100.0 } else { 0.0 };
    let mut report = Report {
        rank: None,
        public: false,
        score,
        band: score::band(score),
        as_of: date::format(st.as_of),
        window_days: p.window_days as u32,
        intensity: (explained.intensity * 1000.0).round() / 1000.0,
        warnings,
        data: coverage::data_info(store, st),
        aoi: AoiInfo {
            kind: aoi.kind(),
            name: aoi.name.clone(),
            radius_km: matches!(aoi.shape, Shape::Site { .. }).then(|| aoi.reach_km()),
            buffer_km: matches!(aoi.shape, Shape::Corridor { .. }).then(|| aoi.reach_km()),
            length_km: match aoi.shape {
                Shape::Corridor { length_km, .. } => Some(round1(length_km)),
                _ => None,
            },
            bbox: [w, s, e, n],
            area_km2: round1(area_km2),
        },
        incidents: counts,
        contributions: explained.contributions,
        drivers: explained.drivers,
        nearest,
        trend,
        profile: wg.profile.key(),
        approach,
        actors: explained.actors,
        tags: explained.tags,
        since,
        route,
        map,
        method: MethodInfo {
            half_life_days: p.half_life_days,
            half_distance_km: p.half_distance_km,
            influence_km: st.influence_km,
            scale: p.scale,
            earth_radius_km: round1(aoi.earth_radius_km),
            weights: (wg.custom || wg.profile != Profile::Site).then(|| by_category(&wg.weights)),
            reach_km: wg.reach_km.iter().any(|&r| r != st.influence_km).then(|| by_category(&wg.reach_km)),
            actors: wg.actors.map(|bits| Family::ALL.iter().filter(|f| bits & (1 << **f as u8) != 0).map(|f| f.key()).collect()),
        },
        diagnostics: store.diagnostics().summary(),
    };
    if st.public {
        public_view(&mut report);
    }
    report
}

/// To one decimal.
fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// To five decimals (about a metre in latitude).
fn round5(x: f64) -> f64 {
    (x * 1e5).round() / 1e5
}
