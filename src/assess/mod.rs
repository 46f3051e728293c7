//! Assessment: from the store and an area of interest to a [`Report`]. The steps, one file each:
//!
//! * `options.rs` — the options, checked and completed into [`Settings`];
//! * `scan.rs` — the incidents within reach over the days the report reads (one index scan);
//! * `score.rs` — the kernel: one incident's weight, the bounded score, bands, points;
//! * `explain.rs` — the score, its points per category, the drivers, the nearest, the map;
//! * `trend.rs` — weekly or monthly bins, the change band, the score history;
//! * `route.rs` — a corridor's stretches and verdict;
//! * `rank.rs` — the one sort every ranking goes through (a portfolio's, the drivers', the nearest);
//! * `redact.rs` — the public view: derived figures only;
//! * `coverage.rs` — what the answer rests on: the data's dates and sources, and the warnings when
//!   the window or the area lies outside the data, or the data is stale.

mod coverage;
mod explain;
mod options;
pub mod rank;
mod redact;
mod route;
mod scan;
pub mod score;
mod trend;

use crate::aoi::{Aoi, AoiInput, Shape};
use crate::date;
use crate::error::Result;
use crate::report::{AoiInfo, MethodInfo, Report};
use crate::store::Store;
use score::TimeTable;

pub use coverage::{LOAD_WARNINGS_IN_REPORTS, NOTHING_TO_SCORE};
pub use explain::MAP_POINTS;
pub use options::{Options, Settings};
pub use redact::{public_view, PUBLIC_GRID_DEG};
pub use route::{CAUTION, NO_GO};
pub use trend::{BASELINE_WEEKS, RECENT_DAYS};

/// A single report, or a ranked portfolio.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum Assessment {
    /// One area.
    One(Box<Report>),
    /// A FeatureCollection, ranked by score (highest first).
    Portfolio(Vec<Report>),
}

/// Assesses an area or a portfolio.
pub fn assess_input(store: &Store, input: &AoiInput, options: &Options) -> Result<Assessment> {
    coverage::loaded(store)?;
    let settings = options.resolve(store)?;
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
    let (window, daily) = scan::collect(store, aoi, st, &days);
    let times = TimeTable::new(p);
    let explained = explain::explain(store, &window, st, &times);
    let score = explained.score;
    let (nearest, map) = explain::nearest_and_map(store, aoi, &window, st);
    let trend = trend::trend(&daily, &days, st, score, &times);
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
        route,
        map,
        method: MethodInfo {
            half_life_days: p.half_life_days,
            half_distance_km: p.half_distance_km,
            influence_km: p.influence_km,
            scale: p.scale,
            earth_radius_km: round1(aoi.earth_radius_km),
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
