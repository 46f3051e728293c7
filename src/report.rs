//! The report: a stable JSON contract (field names are part of the product's API; add, never rename).

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::ingest::{LoadSummary, Source, Warning};
use crate::message::Params;

/// One assessment of one area of interest.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Report {
    /// Rank in a portfolio (1 = highest score); absent for a single area.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rank: Option<u32>,
    /// The public view: derived figures only (see `assess::public_view`); absent otherwise.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub public: bool,
    /// Proximity score 0–100, one decimal.
    pub score: f64,
    /// Band of the score: minimal, low, moderate, high, severe.
    pub band: &'static str,
    /// Last day of the window, YYYY-MM-DD.
    pub as_of: String,
    /// Window length, days.
    pub window_days: u32,
    /// The unbounded intensity Σw the score is made from (`score = 100 × (1 − e^(−intensity/12))`):
    /// it goes on rising where the score has reached 100, so it ranks large zones.
    pub intensity: f64,
    /// What the answer rests on, and what it does not (empty when all is well): the window or the
    /// area outside the data, stale data, and the loads' warnings that change what the numbers
    /// mean. Each `{code, message, params}` (docs/MESSAGES.md).
    pub warnings: Vec<Warning>,
    /// The data the store holds: its first and last dates, and each load.
    pub data: DataInfo,
    /// The area assessed.
    pub aoi: AoiInfo,
    /// Counts in the window.
    pub incidents: Counts,
    /// Score points per category; they add up to `score`.
    pub contributions: ByKey<f64>,
    /// The incidents that contribute most, with their points.
    pub drivers: Vec<Driver>,
    /// The closest incidents within the influence distance in the window.
    pub nearest: Vec<Nearest>,
    /// Trend over the span.
    pub trend: Trend,
    /// The threat profile the score weighs by: site, convoy or staff.
    pub profile: &'static str,
    /// Is it coming closer (an analysis report only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approach: Option<Approach>,
    /// Who is behind it: the score's points and the incidents within influence per actor family,
    /// most points first (an analysis report only; the points add up to the score).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actors: Option<Vec<ActorShare>>,
    /// What it is aimed at: incidents within influence in the window per tag (an analysis report
    /// only; an incident can have several tags, or none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<ByKey<u64>>,
    /// What changed since the `since` option's date (a full or analysis report given `since`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<Since>,
    /// For corridors: segments and verdict.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub route: Option<Route>,
    /// Incidents for the mini-map: `[lat, lon, category, fatalities]`, within influence in the window.
    pub map: MapData,
    /// The parameters the score was computed with.
    pub method: MethodInfo,
    /// What the loads into the store did: counts and warnings (the skipped rows are in the
    /// loads' own diagnostics).
    pub diagnostics: LoadSummary,
}

/// The data behind a report.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DataInfo {
    /// The first incident's date, YYYY-MM-DD.
    pub first_date: String,
    /// The last incident's date.
    pub last_date: String,
    /// Each load: `{name, format, rows, first_date, last_date}`.
    pub sources: Vec<Source>,
    /// Today, as the host gave it (the core reads no clock).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub today: Option<String>,
    /// Days from the last incident to today.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age_days: Option<u64>,
}

/// The area as reported.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AoiInfo {
    /// site, zone or corridor.
    pub kind: &'static str,
    /// The `name` property.
    pub name: Option<String>,
    /// Site radius, km.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub radius_km: Option<f64>,
    /// Corridor buffer, km.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub buffer_km: Option<f64>,
    /// Corridor length, km.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub length_km: Option<f64>,
    /// Bounding box of the geometry: [min_lon, min_lat, max_lon, max_lat] (GeoJSON order).
    pub bbox: [f64; 4],
    /// Its area, km² (a corridor's: its buffer).
    pub area_km2: f64,
}

/// Incident counts in the window.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Counts {
    /// Incidents in the area.
    pub in_aoi: u64,
    /// Their fatalities.
    pub fatalities: u64,
    /// In-area incidents per category (every category present, zeros included).
    pub by_category: ByKey<u64>,
    /// Incidents within the influence distance (in the area or around it).
    pub within_influence: u64,
    /// Incidents in the area per 1,000 km² of it: what tells large zones apart where the score
    /// has reached its ceiling.
    pub per_1000_km2: f64,
}

/// An incident that drives the score.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Driver {
    /// Source id.
    pub id: String,
    /// Score points this incident accounts for.
    pub points: f64,
    /// Date.
    pub date: String,
    /// Category key.
    pub category: &'static str,
    /// Original event type.
    pub event_type: String,
    /// Distance to the area, km.
    pub distance_km: f64,
    /// Fatalities.
    pub fatalities: u32,
    /// Place.
    pub location: String,
}

/// A nearby incident.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Nearest {
    /// Source id.
    pub id: String,
    /// Date.
    pub date: String,
    /// Distance to the area, km (0 inside a zone).
    pub distance_km: f64,
    /// Bearing from the area (its nearest point; a zone's centroid when inside), degrees.
    pub bearing_deg: f64,
    /// 16-point compass of the bearing.
    pub compass: &'static str,
    /// Within the area.
    pub in_aoi: bool,
    /// For corridors: km along the corridor.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub along_km: Option<f64>,
    /// Category key.
    pub category: &'static str,
    /// Original event type.
    pub event_type: String,
    /// Original sub-event type.
    pub sub_event_type: String,
    /// Actors.
    pub actors: Vec<String>,
    /// Fatalities.
    pub fatalities: u32,
    /// Place.
    pub location: String,
    /// Admin 1.
    pub admin1: String,
    /// Country.
    pub country: String,
    /// Notes.
    pub notes: String,
    /// Source.
    pub source: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
}

/// Trend bins, change band and score history.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Trend {
    /// week or month.
    pub bin: &'static str,
    /// Bins, oldest first.
    pub bins: Vec<TrendBin>,
    /// Recent period against a baseline.
    pub change: Change,
    /// The score at each bin's last day (or as_of for the last bin).
    pub score_history: Vec<ScorePoint>,
}

/// One trend bin: incidents in the area dated in [start, end).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TrendBin {
    /// First day.
    pub start: String,
    /// Day after the last (exclusive); the last bin ends the day after as_of.
    pub end: String,
    /// Incidents in the area.
    pub count: u64,
    /// Their fatalities.
    pub fatalities: u64,
    /// Per category (only non-zero).
    pub by_category: ByKey<u64>,
}

/// Change between the recent weeks and the baseline before them.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Change {
    /// large_increase, moderate_increase, limited_change, large_decrease, or insufficient_history.
    pub band: &'static str,
    /// Percentage change of the recent count against the baseline average; null without a baseline.
    pub pct: Option<f64>,
    /// The low-baseline rule applied: too few events for the percentage to mean much.
    pub low_baseline: bool,
    /// Incidents in the area in the recent period.
    pub recent: u64,
    /// Length of the recent period, days.
    pub recent_days: u32,
    /// Average count per recent-period length over the baseline.
    pub baseline_avg: f64,
    /// Baseline length, weeks.
    pub baseline_weeks: u32,
}

/// The score on one day.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ScorePoint {
    /// Day.
    pub date: String,
    /// Score.
    pub score: f64,
    /// Band.
    pub band: &'static str,
}

/// Is the violence coming closer.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Approach {
    /// Incidents within reach by distance beyond the area's edge: the area itself (from 0 to 0 km),
    /// then rings a quarter of the influence distance wide; each with a count per trend bin.
    pub rings: Vec<Ring>,
    /// The nearest incident's distance to the area per trend bin, km; null for a bin with none.
    pub nearest_km: Vec<Option<f64>>,
    /// The window's incidents within reach by the compass sector they lie in, seen from the area
    /// (its centre, a corridor's nearest point).
    pub sectors: Sectors,
    /// The median distance of the incidents within reach in the last `drift_months` months less
    /// that of the months before, km: negative when they came closer; null with too few incidents.
    pub drift_km: Option<f64>,
    /// The drift's period, months.
    pub drift_months: u32,
    /// The drift in a sentence, in English.
    pub drift_text: String,
    /// The sentence as a message code (`drift_closer`, `drift_farther`, `drift_steady`,
    /// `drift_too_few`; docs/MESSAGES.md).
    pub drift_code: &'static str,
    /// The parameters of `drift_code`.
    pub drift_params: Params,
}

/// A distance ring of the approach.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Ring {
    /// Inner edge, km beyond the area's edge (0 and 0: the area itself).
    pub from_km: f64,
    /// Outer edge, km.
    pub to_km: f64,
    /// Incidents per trend bin.
    pub counts: Vec<u64>,
}

/// Counts by the eight compass sectors, serialized as an object `{N, NE, E, SE, S, SW, W, NW}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Sectors(pub [u64; 8]);

/// The eight sectors, clockwise from north.
pub const SECTORS: [&str; 8] = ["N", "NE", "E", "SE", "S", "SW", "W", "NW"];

impl Serialize for Sectors {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(8))?;
        for (k, v) in SECTORS.iter().zip(&self.0) {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// An actor family's share.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ActorShare {
    /// Family key (`jnim`, `is_sahel`, `state_mali`, …).
    pub family: &'static str,
    /// Score points of the incidents attributed to it (their most threatening party).
    pub points: f64,
    /// Incidents within influence in the window attributed to it.
    pub count: u64,
}

/// What changed since a date.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Since {
    /// The date, YYYY-MM-DD.
    pub date: String,
    /// Incidents in the area dated after it, to as_of.
    pub new_in_aoi: u64,
    /// Incidents within influence dated after it, to as_of.
    pub new_within_influence: u64,
    /// The score as of the date (the same window length, ending then).
    pub score_then: f64,
    /// Its band.
    pub band_then: &'static str,
    /// The drivers (of the score now) dated after it.
    pub new_drivers: Vec<Driver>,
}

/// Route risk for a corridor.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Route {
    /// Length, km.
    pub length_km: f64,
    /// Nominal segment length, km.
    pub segment_km: f64,
    /// Segments in order along the line.
    pub segments: Vec<Segment>,
    /// The worst segments (score > 0), worst first, at most 3.
    pub hotspots: Vec<Segment>,
    /// go, caution or no-go.
    pub verdict: &'static str,
    /// Why, in English.
    pub verdict_reason: String,
    /// Why, as a message code (`route_clear`, `route_worst_stretch_below`, …; docs/MESSAGES.md).
    pub verdict_reason_code: &'static str,
    /// The parameters of `verdict_reason_code`.
    pub verdict_reason_params: Params,
    /// The threshold the verdict compared the worse of the route's and its worst stretch's
    /// scores with: 75 for no-go, 25 otherwise (at or above: caution; below: go). With the scores,
    /// what a card needs to write the reason in its own language.
    pub verdict_threshold: f64,
}

/// A stretch of a corridor.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Segment {
    /// Start, km along the corridor.
    pub from_km: f64,
    /// End, km.
    pub to_km: f64,
    /// Incidents in the buffer whose nearest corridor point is in this stretch.
    pub count: u64,
    /// Their fatalities.
    pub fatalities: u64,
    /// The score of this stretch alone (as a corridor with the same buffer).
    pub score: f64,
    /// Its band.
    pub band: &'static str,
    /// The tags of its incidents (as `count` counts them), most frequent first (an analysis
    /// report only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<&'static str>>,
}

/// Incidents for the map.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MapData {
    /// Category keys; `points[i][2]` indexes this list.
    pub categories: Vec<&'static str>,
    /// `[lat, lon, category index, fatalities]`, nearest first, at most 500.
    pub points: Vec<[f64; 4]>,
}

/// Parameters used.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MethodInfo {
    /// Time half-life, days.
    pub half_life_days: f64,
    /// Distance half-length beyond the area's edge, km.
    pub half_distance_km: f64,
    /// Influence distance beyond the area's edge, km.
    pub influence_km: f64,
    /// Intensity scale of the score.
    pub scale: f64,
    /// Radius of the sphere distances were computed on, km.
    pub earth_radius_km: f64,
    /// The weight per category, when a profile other than `site` or custom weights set them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weights: Option<ByKey<f64>>,
    /// The influence distance per category, km, when `reach_km` set one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reach_km: Option<ByKey<f64>>,
    /// The actor families kept, when the `actors` option chose some.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actors: Option<Vec<&'static str>>,
}

/// Values by category key, in key order (a JSON object): a sorted list of at most nine pairs, not a
/// `BTreeMap`, whose node code was a few KB of the .wasm for nine keys.
///
/// ```
/// use riskcard::report::ByKey;
/// let mut m: ByKey<u64> = [("riot", 1), ("battle", 2)].into_iter().collect();
/// m.add("abduction", 3);
/// m.add("riot", 1);
/// assert_eq!((m["battle"], m.get("riot"), m.get("protest")), (2, Some(&2), None));
/// assert_eq!(m.iter().map(|(k, _)| *k).collect::<Vec<_>>(), ["abduction", "battle", "riot"]);
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ByKey<T>(Vec<(&'static str, T)>);

impl<T> ByKey<T> {
    /// The value for `key`.
    pub fn get(&self, key: &str) -> Option<&T> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }
    /// The values, in key order.
    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.0.iter().map(|(_, v)| v)
    }
    /// The pairs, in key order.
    pub fn iter(&self) -> impl Iterator<Item = &(&'static str, T)> {
        self.0.iter()
    }
    /// Whether there is no pair.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<T: Copy + std::ops::AddAssign> ByKey<T> {
    /// Adds `n` to the value of `key` (a new key starts at `n`).
    pub fn add(&mut self, key: &'static str, n: T) {
        match self.0.binary_search_by(|(k, _)| k.cmp(&key)) {
            Ok(i) => {
                if let Some(v) = self.0.get_mut(i) {
                    v.1 += n;
                }
            }
            Err(i) => self.0.insert(i, (key, n)),
        }
    }
}

impl<T: Copy + std::ops::AddAssign> FromIterator<(&'static str, T)> for ByKey<T> {
    fn from_iter<I: IntoIterator<Item = (&'static str, T)>>(it: I) -> Self {
        let mut m = ByKey(Vec::new());
        for (k, v) in it {
            m.add(k, v);
        }
        m
    }
}

impl<T> std::ops::Index<&str> for ByKey<T> {
    type Output = T;
    /// The value for `key`; panics when there is none (for tests and fixed keys).
    fn index(&self, key: &str) -> &T {
        self.get(key).unwrap_or_else(|| panic!("no key {key}"))
    }
}

impl<T: Serialize> Serialize for ByKey<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}
