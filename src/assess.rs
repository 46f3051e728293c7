//! Assessment: from the store and an area of interest to a [`Report`] — score with its explanation,
//! nearest incidents, trend with change band and score history, and for corridors the route.

use std::collections::BTreeMap;

use crate::aoi::{self, Aoi, AoiInput, Reach, Shape};
use crate::category::Category;
use crate::date::{self, Day};
use crate::error::{Error, Result};
use crate::geodesy;
use crate::json::{self, fmt_num};
use crate::rank;
use crate::report::*;
use crate::score::{self, Params, TimeTable};
use crate::store::Store;

/// Options of an assessment, as the CLI and the JS API give them. Unknown keys are refused.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    /// Last day of the window, `YYYY-MM-DD`; default: the latest incident date in the store.
    pub as_of: Option<String>,
    /// Window length in days (1–3650); default 90.
    pub window_days: Option<u32>,
    /// Trend bins: `week` (ISO weeks, default) or `month`.
    pub trend_bin: Option<String>,
    /// Trend span in months back from as_of (1–120); default 12.
    pub trend_months: Option<u32>,
    /// Route segment length, km (1–500); default 10.
    pub segment_km: Option<f64>,
    /// Number of nearest incidents listed (0–100); default 10.
    pub nearest: Option<u32>,
    /// Number of drivers listed (0–50); default 5.
    pub drivers: Option<u32>,
    /// Influence distance beyond the area's edge, km (0–500); default 100.
    pub influence_km: Option<f64>,
    /// `full` (default) or `summary`: a summary leaves out the trend bins, the score history and
    /// the map points, and lists 3 nearest incidents — for large portfolios, where the card shows a
    /// ranked table and asks for the full report of the site the user opens.
    pub detail: Option<String>,
}

/// Options checked and completed with defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Score parameters.
    pub params: Params,
    /// Last day of the window.
    pub as_of: Day,
    /// Monthly bins instead of weekly.
    pub monthly: bool,
    /// Trend span, months.
    pub trend_months: u32,
    /// Route segment length, km.
    pub segment_km: f64,
    /// Nearest incidents listed.
    pub nearest: usize,
    /// Drivers listed.
    pub drivers: usize,
    /// Use the store's spatial-temporal index (false: test every row; same results, for tests).
    pub use_index: bool,
    /// Summary report (see [`Options::detail`]).
    pub summary: bool,
}

/// Most incidents listed for the mini-map (nearest first).
pub const MAP_POINTS: usize = 500;

/// Length of the recent period of the change band, days.
pub const RECENT_DAYS: i32 = 28;
/// Longest baseline of the change band, weeks.
pub const BASELINE_WEEKS: i32 = 52;

fn range<T: PartialOrd + Into<f64> + Copy>(v: Option<T>, default: T, lo: T, hi: T, name: &str) -> Result<T> {
    match v {
        None => Ok(default),
        Some(x) if x >= lo && x <= hi => Ok(x),
        Some(x) => Err(Error::Options(format!("{name} must be between {} and {}, got {}", fmt_num(lo.into()), fmt_num(hi.into()), fmt_num(x.into())))),
    }
}

/// The option names, each with its JS (camelCase) alias.
const OPTION_KEYS: [(&str, &str); 9] = [
    ("as_of", "asOf"),
    ("window_days", "windowDays"),
    ("trend_bin", "trendBin"),
    ("trend_months", "trendMonths"),
    ("segment_km", "segmentKm"),
    ("nearest", "nearest"),
    ("drivers", "drivers"),
    ("influence_km", "influenceKm"),
    ("detail", "detail"),
];

impl Options {
    /// Options from a JSON object (`null` members are left out); unknown keys and wrong types are
    /// refused.
    ///
    /// ```
    /// use riskcard::{json, Options};
    /// let o = Options::from_json(&json::parse(r#"{"asOf": "2026-07-31", "window_days": 30, "detail": null}"#).unwrap()).unwrap();
    /// assert_eq!((o.as_of.as_deref(), o.window_days, o.detail), (Some("2026-07-31"), Some(30), None));
    /// let e = Options::from_json(&json::parse(r#"{"windowDayz": 30}"#).unwrap()).unwrap_err();
    /// assert!(e.to_string().starts_with("invalid option: unknown field `windowDayz`"), "{e}");
    /// assert!(Options::from_json(&json::parse(r#"{"nearest": 2.5}"#).unwrap()).is_err());
    /// ```
    pub fn from_json(v: &json::Value) -> Result<Options> {
        let Some(members) = v.as_object() else {
            return Err(Error::Options(format!("options must be an object, got {}", v.describe())));
        };
        let mut o = Options::default();
        for (key, value) in members {
            let Some(&(name, _)) = OPTION_KEYS.iter().find(|(a, b)| a == key || b == key) else {
                let known: Vec<&str> = OPTION_KEYS.iter().map(|k| k.1).collect();
                return Err(Error::Options(format!("unknown field `{key}`, expected one of {}", known.join(", "))));
            };
            if *value == json::Value::Null {
                continue;
            }
            let text = || value.as_str().map(str::to_string).ok_or_else(|| Error::Options(format!("{name} must be a string, got {}", value.describe())));
            let number = || value.as_f64().ok_or_else(|| Error::Options(format!("{name} must be a number, got {}", value.describe())));
            let whole = || {
                number().and_then(|x| {
                    if x.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(&x) {
                        Ok(x as u32)
                    } else {
                        Err(Error::Options(format!("{name} must be a whole number, got {}", value.describe())))
                    }
                })
            };
            match name {
                "as_of" => o.as_of = Some(text()?),
                "window_days" => o.window_days = Some(whole()?),
                "trend_bin" => o.trend_bin = Some(text()?),
                "trend_months" => o.trend_months = Some(whole()?),
                "segment_km" => o.segment_km = Some(number()?),
                "nearest" => o.nearest = Some(whole()?),
                "drivers" => o.drivers = Some(whole()?),
                "influence_km" => o.influence_km = Some(number()?),
                _ => o.detail = Some(text()?),
            }
        }
        Ok(o)
    }

    /// Checks the options and fills in defaults; `as_of` defaults to the store's latest incident.
    ///
    /// ```
    /// use riskcard::{Options, Store};
    /// let o = Options { as_of: Some("2026-07-31".into()), ..Options::default() };
    /// let s = o.resolve(&Store::new()).unwrap();
    /// assert_eq!((riskcard::date::format(s.as_of), s.params.window_days), ("2026-07-31".to_string(), 90));
    /// assert!(Options { window_days: Some(0), ..o }.resolve(&Store::new()).is_err());
    /// ```
    pub fn resolve(&self, store: &Store) -> Result<Settings> {
        let as_of = match self.as_of.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => date::parse(s).ok_or_else(|| Error::Options(format!("as_of '{s}' is not a date (YYYY-MM-DD)")))?,
            None => match store.day_range() {
                Some((_, max)) => max,
                None => return Err(Error::Options("no incidents are loaded, so as_of has no default: give as_of".into())),
            },
        };
        let monthly = match self.trend_bin.as_deref() {
            None | Some("week") => false,
            Some("month") => true,
            Some(other) => return Err(Error::Options(format!("trend_bin must be 'week' or 'month', got '{other}'"))),
        };
        let defaults = Params::default();
        let params = Params {
            window_days: range(self.window_days, 90, 1, 3650, "window_days")? as i32,
            influence_km: range(self.influence_km, defaults.influence_km, 0.0, 500.0, "influence_km")?,
            ..defaults
        };
        Ok(Settings {
            params,
            as_of,
            monthly,
            trend_months: range(self.trend_months, 12, 1, 120, "trend_months")?,
            segment_km: range(self.segment_km, 10.0, 1.0, 500.0, "segment_km")?,
            nearest: range(self.nearest, 10, 0, 100, "nearest")? as usize,
            drivers: range(self.drivers, 5, 0, 50, "drivers")? as usize,
            use_index: true,
            summary: match self.detail.as_deref() {
                None | Some("full") => false,
                Some("summary") => true,
                Some(other) => return Err(Error::Options(format!("detail must be 'full' or 'summary', got '{other}'"))),
            },
        })
    }
}

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
    let settings = options.resolve(store)?;
    Ok(match input {
        AoiInput::One(a) => Assessment::One(Box::new(assess_with(store, a, &settings))),
        AoiInput::Portfolio(list) => {
            let mut reports: Vec<Option<Report>> = list.iter().map(|a| Some(assess_with(store, a, &settings))).collect();
            let score = |i: usize| reports[i].as_ref().map_or(0.0, |r| r.score);
            let order = rank::top_k(reports.len(), reports.len(), |a, b| score(b).total_cmp(&score(a)).then(a.cmp(&b)));
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
    Ok(assess_with(store, aoi, &options.resolve(store)?))
}

/// An incident near enough to matter, with what the score needs of it (48 bytes: thousands are
/// kept per assessment; the listed few get their full [`Proximity`] again in [`nearest_entry`]).
#[derive(Debug, Clone, Copy)]
struct Cand {
    row: u32,
    day: Day,
    /// Distance to the area, km.
    distance_km: f64,
    /// For corridors: km along the corridor of the nearest point (NaN otherwise).
    along_km: f64,
    /// category × fatality × precision factors.
    sev: f64,
    /// severity × distance factor: the weight before time decay.
    base: f64,
    in_aoi: bool,
}

impl Cand {
    fn in_aoi(&self) -> bool {
        self.in_aoi
    }
    fn row(&self) -> usize {
        self.row as usize
    }
    fn along_km(&self) -> Option<f64> {
        Some(self.along_km).filter(|a| !a.is_nan())
    }
}

/// What [`near`] finds, a run at a time.
enum Found<'a> {
    /// Rows of an index cell wholly inside the area: their positions were not computed (they are
    /// in the area: distance factor 1).
    Inside(std::ops::Range<usize>),
    /// Incidents within reach, in row order.
    Near(&'a [Reach]),
}

/// What a [`near`] scan looks for.
struct Scan {
    /// Distance beyond the area's edge, km.
    km: f64,
    /// First and last day.
    days: (Day, Day),
    /// Read the grid index (results are the same without it).
    use_index: bool,
    /// Pass rows of index cells wholly inside the area as [`Found::Inside`].
    shortcut: bool,
    /// Give corridor incidents dated from this day on their chainage (a report needs it only in
    /// its window).
    along_from: Day,
}

/// Calls `f` for every incident dated in `q.days` within `q.km` beyond the area's edge, a run of
/// rows at a time. Each run goes through tight loops, each doing one step for all its rows (the
/// cap test, then the geometry of those kept); `f` can do the same for the next steps.
fn near(store: &Store, aoi: &Aoi, q: Scan, mut f: impl FnMut(Found<'_>)) {
    let Scan { km, days: (from, to), use_index, shortcut, along_from } = q;
    let boxes = aoi.search_boxes(km);
    let chord2 = aoi.cap_chord2(km);
    let cell_inside = |b| shortcut && aoi.contains_box(b);
    let (mut kept, mut found) = (Vec::new(), Vec::new());
    store.scan(&boxes, from, to, use_index, cell_inside, |rows, inside| {
        if inside {
            return f(Found::Inside(rows));
        }
        kept.clear();
        kept.extend(rows.filter_map(|row| aoi.cap_test(store.unit(row), chord2).map(|c2| (row as u32, c2))));
        found.clear();
        aoi.within_kept(&kept, |row| store.unit(row), km, |row| store.day(row) >= along_from, &mut found);
        if !found.is_empty() {
            f(Found::Near(&found));
        }
    });
}

/// The candidate for an incident found within reach, given its distance factor `df`, if not zero.
fn candidate(store: &Store, r: &Reach, df: f64) -> Option<Cand> {
    let row = r.row as usize;
    (df > 0.0).then(|| {
        let sev = severity(store, row);
        Cand { row: r.row, day: store.day(row), distance_km: r.distance_km, along_km: r.along_km, sev, base: sev * df, in_aoi: r.beyond_km <= 0.0 }
    })
}

/// The distance factors of `found`, into `out` (a loop of its own: see [`near`]).
fn distance_factors(found: &[Reach], p: &Params, out: &mut Vec<f64>) {
    out.clear();
    out.extend(found.iter().map(|r| score::distance_factor(r.beyond_km, p)));
}

fn severity(store: &Store, row: usize) -> f64 {
    score::severity(store.category(row), store.fatalities(row), store.precision_factor(row))
}

/// Per-day sums over [start, end]: in-area incidents with their fatalities and categories (for the
/// trend and the change band), and the undecayed weight of every candidate (for the score history).
/// Integer sums, so they do not depend on the order incidents are met in.
struct Daily {
    start: Day,
    count: Vec<u32>,
    fatalities: Vec<u64>,
    by_category: Vec<[u32; Category::ALL.len()]>,
    units: Vec<u64>,
}

impl Daily {
    fn new(start: Day, end: Day) -> Daily {
        let n = (end - start + 1).max(0) as usize;
        Daily { start, count: vec![0; n], fatalities: vec![0; n], by_category: vec![[0; Category::ALL.len()]; n], units: vec![0; n] }
    }
    fn slot(&self, day: Day) -> Option<usize> {
        usize::try_from(day - self.start).ok().filter(|&i| i < self.count.len())
    }
    fn add_in_area(&mut self, store: &Store, row: usize) {
        if let Some(i) = self.slot(store.day(row)) {
            self.count[i] += 1;
            self.fatalities[i] += store.fatalities(row) as u64;
            self.by_category[i][store.category(row) as usize] += 1;
        }
    }
    fn add_units(&mut self, day: Day, units: u64) {
        if let Some(i) = self.slot(day) {
            self.units[i] += units;
        }
    }
    /// Indexes of the days in [lo, hi] held.
    fn days(&self, lo: Day, hi: Day) -> std::ops::Range<usize> {
        let clamp = |d: Day| (d - self.start).clamp(0, self.count.len() as i32) as usize;
        clamp(lo)..clamp(hi + 1).max(clamp(lo))
    }
    /// In-area incidents dated in [lo, hi].
    fn in_area(&self, lo: Day, hi: Day) -> u64 {
        self.count[self.days(lo, hi)].iter().map(|&c| c as u64).sum()
    }
    /// The summed weight of every candidate decayed to `day`, as [`score::to_units`] would sum it
    /// (up to one unit of 10⁻⁹ per day).
    fn units_at(&self, day: Day, t: &TimeTable, window_days: i32) -> u64 {
        let r = self.days(day - window_days + 1, day);
        r.clone().map(|i| score::decay_units(self.units[i], t.get(day - self.start - i as i32))).sum()
    }
}

fn units_at(c: &Cand, as_of: Day, t: &TimeTable) -> u64 {
    score::to_units(c.base * t.get(as_of - c.day))
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn trend_start(as_of: Day, months: u32, data_min: Day, monthly: bool) -> Day {
    let (y, m, d) = date::to_ymd(as_of);
    let back = date::add_months(date::from_ymd(y, m, 1).unwrap_or(as_of), -(months as i32));
    let (by, bm, _) = date::to_ymd(back);
    let mut day = d;
    let start = loop {
        if let Some(x) = date::from_ymd(by, bm, day) {
            break x + 1;
        }
        day -= 1;
        if day == 0 {
            break back;
        }
    };
    let start = start.max(data_min).min(as_of);
    if monthly {
        date::month_start(start)
    } else {
        date::week_start(start)
    }
}

fn bins(first: Day, as_of: Day, monthly: bool) -> Vec<(Day, Day)> {
    let mut out = Vec::new();
    let mut s = first;
    while s <= as_of {
        let e = if monthly { date::add_months(s, 1) } else { s + 7 };
        out.push((s, e.min(as_of + 1)));
        s = e;
    }
    out
}

fn change(daily: &Daily, as_of: Day, data_min: Day) -> Change {
    let recent_from = as_of - RECENT_DAYS + 1;
    let in_aoi = |lo: Day, hi: Day| daily.in_area(lo, hi);
    let recent = in_aoi(recent_from, as_of);
    let weeks = ((recent_from - data_min) / 7).clamp(0, BASELINE_WEEKS);
    if weeks < 4 {
        return Change { band: "insufficient_history", pct: None, low_baseline: false, recent, recent_days: RECENT_DAYS as u32, baseline_avg: 0.0, baseline_weeks: weeks as u32 };
    }
    let base = in_aoi(recent_from - weeks * 7, recent_from - 1);
    let avg = base as f64 / (weeks as f64 * 7.0 / RECENT_DAYS as f64);
    let pct = if avg > 0.0 { Some(round1((recent as f64 - avg) / avg * 100.0)) } else { None };
    let low_baseline = avg <= 2.0 && recent <= 5;
    let band = if low_baseline {
        "limited_change"
    } else {
        match pct {
            None => "large_increase",
            Some(p) if p > 25.0 => "large_increase",
            Some(p) if p > 10.0 => "moderate_increase",
            Some(p) if p >= -25.0 => "limited_change",
            Some(_) => "large_decrease",
        }
    };
    Change { band, pct, low_baseline, recent, recent_days: RECENT_DAYS as u32, baseline_avg: (avg * 100.0).round() / 100.0, baseline_weeks: weeks as u32 }
}

/// Assesses one area with resolved settings.
pub fn assess_with(store: &Store, aoi: &Aoi, st: &Settings) -> Report {
    let p = &st.params;
    let as_of = st.as_of;
    let window_from = as_of - p.window_days + 1;
    let data_min = store.day_range().map(|r| r.0).unwrap_or(as_of);
    let first_bin = trend_start(as_of, st.trend_months, data_min, st.monthly);
    let baseline_from = as_of - RECENT_DAYS - BASELINE_WEEKS * 7 + 1;
    let scan_from = if st.summary { baseline_from } else { (first_bin - p.window_days + 1).min(baseline_from) };
    let mut daily = Daily::new(scan_from, as_of);
    let mut window: Vec<Cand> = Vec::new();
    if st.summary {
        // The window within influence, and the change band's year in the area only.
        let mut dfs = Vec::new();
        let window_scan = Scan { km: p.influence_km, days: (window_from, as_of), use_index: st.use_index, shortcut: false, along_from: window_from };
        near(store, aoi, window_scan, |found| {
            if let Found::Near(found) = found {
                distance_factors(found, p, &mut dfs);
                window.extend(found.iter().zip(&dfs).filter_map(|(r, &df)| candidate(store, r, df)));
            }
        });
        // The window's own in-area incidents are among its candidates; the scan adds the year before.
        for c in window.iter().filter(|c| c.in_aoi()) {
            daily.add_in_area(store, c.row());
        }
        // Only the rows are counted: no chainage.
        let year = Scan { km: 0.0, days: (baseline_from, window_from - 1), use_index: st.use_index, shortcut: true, along_from: Day::MAX };
        near(store, aoi, year, |found| match found {
            Found::Inside(rows) => rows.for_each(|row| daily.add_in_area(store, row)),
            Found::Near(found) => found.iter().for_each(|r| daily.add_in_area(store, r.row as usize)),
        });
    } else {
        // One scan: the window's candidates, and per-day sums for the trend, change band and history.
        let (mut dfs, mut moved) = (Vec::new(), Vec::new());
        let all = Scan { km: p.influence_km, days: (scan_from, as_of), use_index: st.use_index, shortcut: true, along_from: window_from };
        near(store, aoi, all, |found| {
            let found = match found {
                Found::Near(found) => found,
                Found::Inside(rows) => {
                    // In a cell inside the area: before the window only the weight and the day
                    // count; in the window, the position too (for the nearest and the map).
                    moved.clear();
                    for row in rows {
                        if store.day(row) < window_from {
                            daily.add_units(store.day(row), score::to_units(severity(store, row)));
                            daily.add_in_area(store, row);
                        } else {
                            let p = aoi.proximity_unit(store.unit(row));
                            moved.push(Reach { row: row as u32, distance_km: p.distance_km, beyond_km: p.beyond_km, along_km: p.along_km.unwrap_or(f64::NAN) });
                        }
                    }
                    &moved[..]
                }
            };
            distance_factors(found, p, &mut dfs);
            for (r, &df) in found.iter().zip(&dfs) {
                let Some(c) = candidate(store, r, df) else { continue };
                daily.add_units(c.day, score::to_units(c.base));
                if c.in_aoi() {
                    daily.add_in_area(store, c.row());
                }
                if c.day >= window_from {
                    window.push(c);
                }
            }
        });
    }
    let times = TimeTable::new(p);

    // Score and its explanation.
    // One pass: each candidate's units, and the sums the score and the counts need.
    let mut units: Vec<u64> = Vec::with_capacity(window.len());
    let mut by_cat_units = [0f64; Category::ALL.len()];
    let mut in_area_by_cat = [0u64; Category::ALL.len()];
    let (mut in_aoi, mut fatalities) = (0u64, 0u64);
    for c in &window {
        let u = units_at(c, as_of, &times);
        units.push(u);
        let cat = store.category(c.row()) as usize;
        if let Some(x) = by_cat_units.get_mut(cat) {
            *x += u as f64;
        }
        if c.in_aoi() {
            in_aoi += 1;
            fatalities += store.fatalities(c.row()) as u64;
            if let Some(n) = in_area_by_cat.get_mut(cat) {
                *n += 1;
            }
        }
    }
    let total: u64 = units.iter().sum();
    let score = score::score_of(total, p);
    let share = |u: u64| if total == 0 { 0.0 } else { score * u as f64 / total as f64 };
    let tenths = score::apportion((score * 10.0).round() as u64, &by_cat_units);
    let contributions = Category::ALL.iter().zip(&tenths).map(|(c, t)| (c.key(), *t as f64 / 10.0)).collect();

    let id = |i: usize| store.id(window[i].row());
    let order = rank::top_k(window.len(), st.drivers, |a, b| units[b].cmp(&units[a]).then(window[b].day.cmp(&window[a].day)).then_with(|| id(a).cmp(id(b))));
    let drivers = order
        .iter()
        .filter(|&&i| units[i] > 0)
        .take(st.drivers)
        .filter_map(|&i| {
            let c = &window[i];
            let inc = store.get(c.row())?;
            Some(Driver {
                id: inc.id.to_string(),
                points: round1(share(units[i])),
                date: date::format(c.day),
                category: inc.category.key(),
                event_type: inc.event_type.to_string(),
                distance_km: round1(c.distance_km),
                fatalities: inc.fatalities,
                location: inc.location.to_string(),
            })
        })
        .collect();

    let by_category: BTreeMap<&'static str, u64> = Category::ALL.iter().zip(in_area_by_cat).map(|(c, n)| (c.key(), n)).collect();

    // Nearest first.
    let listed = if st.summary { st.nearest.min(3) } else { st.nearest };
    let keep = if st.summary { listed } else { listed.max(MAP_POINTS) };
    // Keyed by the distance's bits (distances are ≥ 0, and + 0.0 turns −0 into +0): for
    // non-negative floats their order is the order of the numbers.
    let dist_key = |i: usize| window.get(i).map_or(u64::MAX, |c| (c.distance_km + 0.0).to_bits());
    let by_distance: Vec<&Cand> = rank::top_k_by_key(window.len(), keep, dist_key, |a, b| {
        window[a].distance_km.total_cmp(&window[b].distance_km).then(window[b].day.cmp(&window[a].day)).then_with(|| id(a).cmp(id(b)))
    })
    .into_iter()
    .take(keep)
    .filter_map(|i| window.get(i))
    .collect();
    let nearest = by_distance.iter().take(listed).filter_map(|c| nearest_entry(store, aoi, c)).collect();
    let map = MapData {
        categories: Category::ALL.iter().map(|c| c.key()).collect(),
        points: by_distance
            .iter()
            .take(if st.summary { 0 } else { MAP_POINTS })
            .map(|c| {
                let (lat, lon) = store.lat_lon(c.row());
                [round5(lat), round5(lon), store.category(c.row()) as u8 as f64, store.fatalities(c.row()) as f64]
            })
            .collect(),
    };

    // Trend.
    let bin_list = if st.summary { vec![] } else { bins(first_bin, as_of, st.monthly) };
    let mut trend_bins: Vec<TrendBin> =
        bin_list.iter().map(|&(s, e)| TrendBin { start: date::format(s), end: date::format(e), count: 0, fatalities: 0, by_category: BTreeMap::new() }).collect();
    for (b, &(s, e)) in trend_bins.iter_mut().zip(&bin_list) {
        for i in daily.days(s, e - 1) {
            b.count += daily.count[i] as u64;
            b.fatalities += daily.fatalities[i];
            for (c, &n) in Category::ALL.iter().zip(&daily.by_category[i]) {
                if n > 0 {
                    *b.by_category.entry(c.key()).or_insert(0) += n as u64;
                }
            }
        }
    }
    // Score history: the score at each bin's last day, from the per-day sums; the last point is the
    // score itself.
    let score_history = bin_list
        .iter()
        .map(|&(_, e)| {
            let d = (e - 1).min(as_of);
            let s = if d == as_of { score } else { score::score_of(daily.units_at(d, &times, p.window_days), p) };
            ScorePoint { date: date::format(d), score: s, band: score::band(s) }
        })
        .collect();
    let trend = Trend { bin: if st.monthly { "month" } else { "week" }, bins: trend_bins, change: change(&daily, as_of, data_min), score_history };

    let route = match &aoi.shape {
        Shape::Corridor { length_km, .. } => Some(route(store, aoi, *length_km, score, &window, &times, st)),
        _ => None,
    };

    let (s, w, n, e) = aoi.bbox;
    Report {
        rank: None,
        score,
        band: score::band(score),
        as_of: date::format(as_of),
        window_days: p.window_days as u32,
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
        },
        incidents: Counts { in_aoi, fatalities, by_category, within_influence: window.len() as u64 },
        contributions,
        drivers,
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
        diagnostics: store.diagnostics().clone(),
    }
}

fn round5(x: f64) -> f64 {
    (x * 1e5).round() / 1e5
}

fn nearest_entry(store: &Store, aoi: &Aoi, c: &Cand) -> Option<Nearest> {
    let inc = store.get(c.row())?;
    let from = aoi.proximity_unit(store.unit(c.row())).from;
    let (flat, flon) = geodesy::lat_lon(from);
    let bearing = if geodesy::angle(from, store.unit(c.row())) < 1e-12 { 0.0 } else { geodesy::bearing_deg(flat, flon, inc.lat, inc.lon) };
    Some(Nearest {
        id: inc.id.to_string(),
        date: date::format(c.day),
        distance_km: round1(c.distance_km),
        bearing_deg: bearing.round() % 360.0,
        compass: geodesy::compass(bearing),
        in_aoi: c.in_aoi(),
        along_km: c.along_km().map(round1),
        category: inc.category.key(),
        event_type: inc.event_type.to_string(),
        sub_event_type: inc.sub_event_type.to_string(),
        actors: inc.actors.iter().map(|s| s.to_string()).collect(),
        fatalities: inc.fatalities,
        location: inc.location.to_string(),
        admin1: inc.admin1.to_string(),
        country: inc.country.to_string(),
        notes: inc.notes.to_string(),
        source: inc.source.to_string(),
        lat: round5(inc.lat),
        lon: round5(inc.lon),
    })
}

/// Cuts a corridor into stretches of `segment_km`: each stretch as its own corridor with the same buffer.
fn stretches(aoi: &Aoi, segment_km: f64) -> Vec<(f64, f64, Aoi)> {
    let Shape::Corridor { edges, buffer_km, length_km, .. } = &aoi.shape else { return vec![] };
    let r = aoi.earth_radius_km;
    let n = (length_km / segment_km).ceil().max(1.0) as usize;
    let mut out = Vec::with_capacity(n);
    for k in 0..n {
        let from = k as f64 * segment_km;
        let to = ((k + 1) as f64 * segment_km).min(*length_km);
        let mut lines: Vec<Vec<(f64, f64)>> = Vec::new();
        let mut last_part = usize::MAX;
        for (arc, c0, part) in edges {
            let len = arc.len * r;
            let (lo, hi) = (from.max(*c0), to.min(c0 + len));
            if hi <= lo || len <= 0.0 {
                continue;
            }
            let (t0, t1) = ((lo - c0) / len, (hi - c0) / len);
            let (p0, p1) = (geodesy::lat_lon(arc.point_at(t0)), geodesy::lat_lon(arc.point_at(t1)));
            if *part != last_part || lines.is_empty() {
                lines.push(vec![p0]);
                last_part = *part;
            }
            if let Some(l) = lines.last_mut() {
                l.push(p1);
            }
        }
        if let Ok(mut seg) = aoi::corridor(lines, *buffer_km, None) {
            seg.earth_radius_km = r;
            out.push((from, to, seg));
        }
    }
    out
}

/// The verdict thresholds: the whole route or any stretch scoring at or above `NO_GO` makes the
/// route no-go; at or above `CAUTION`, caution.
pub const NO_GO: f64 = 75.0;
/// See [`NO_GO`].
pub const CAUTION: f64 = 25.0;

fn route(store: &Store, aoi: &Aoi, length_km: f64, whole: f64, window: &[Cand], times: &TimeTable, st: &Settings) -> Route {
    let p = &st.params;
    let mut segments = Vec::new();
    // Each stretch measures the window's candidates (indexes into `window` in `kept` and `found`)
    // in the same tight loops as a scan: the cap test, the geometry of those kept, the distance factors.
    let units: Vec<geodesy::V3> = window.iter().map(|c| store.unit(c.row())).collect();
    let unit = |i: usize| units.get(i).copied().unwrap_or([0.0; 3]);
    let (mut kept, mut found, mut dfs) = (Vec::new(), Vec::new(), Vec::new());
    // The window's in-area incidents by chainage, with running fatality sums: a stretch's count and
    // fatalities are then two binary searches, not a pass over the window per stretch.
    let unsorted: Vec<(f64, u64)> = window.iter().filter(|c| c.in_aoi()).filter_map(|c| c.along_km().map(|a| (a, store.fatalities(c.row()) as u64))).collect();
    let order = rank::top_k(unsorted.len(), unsorted.len(), |a, b| unsorted[a].0.total_cmp(&unsorted[b].0));
    let along: Vec<(f64, u64)> = order.iter().filter_map(|&i| unsorted.get(i).copied()).collect();
    let mut running = Vec::with_capacity(along.len() + 1);
    running.push(0u64);
    for &(_, f) in &along {
        running.push(running.last().copied().unwrap_or(0) + f);
    }
    for (from, to, seg) in stretches(aoi, st.segment_km) {
        let chord2 = seg.cap_chord2(p.influence_km);
        kept.clear();
        kept.extend(units.iter().enumerate().filter_map(|(i, &u)| seg.cap_test(u, chord2).map(|c2| (i as u32, c2))));
        found.clear();
        seg.within_kept(&kept, unit, p.influence_km, |_| false, &mut found);
        distance_factors(&found, p, &mut dfs);
        let mut total = 0u64;
        for (r, &df) in found.iter().zip(&dfs) {
            if let (Some(c), true) = (window.get(r.row as usize), df > 0.0) {
                total += score::to_units(c.sev * df * times.get(st.as_of - c.day));
            }
        }
        // In [from, to); the last stretch includes its end.
        let last = to >= length_km;
        let lo = along.partition_point(|&(a, _)| a < from);
        let hi = along.partition_point(|&(a, _)| a < to || (last && a <= to)).max(lo);
        let count = (hi - lo) as u64;
        let fatalities = running.get(hi).zip(running.get(lo)).map_or(0, |(h, l)| h - l);
        let sc = score::score_of(total, p);
        segments.push(Segment { from_km: round1(from), to_km: round1(to), count, fatalities, score: sc, band: score::band(sc) });
    }
    let hot: Vec<&Segment> = segments.iter().filter(|s| s.score > 0.0).collect();
    let order = rank::top_k(hot.len(), 3, |a, b| hot[b].score.total_cmp(&hot[a].score).then(hot[a].from_km.total_cmp(&hot[b].from_km)));
    let hotspots: Vec<Segment> = order.iter().take(3).filter_map(|&i| hot.get(i).map(|s| (*s).clone())).collect();
    let (verdict, verdict_reason, verdict_threshold) = verdict(whole, hotspots.first());
    Route { length_km: round1(length_km), segment_km: st.segment_km, segments, hotspots, verdict, verdict_reason, verdict_threshold }
}

/// go / caution / no-go from the whole route's score and its worst stretch, with the reason and
/// the threshold compared with.
fn verdict(whole: f64, worst: Option<&Segment>) -> (&'static str, String, f64) {
    let worst_score = worst.map_or(0.0, |w| w.score);
    let level = whole.max(worst_score);
    let verdict = if level >= NO_GO {
        "no-go"
    } else if level >= CAUTION {
        "caution"
    } else {
        "go"
    };
    let threshold = if level >= NO_GO { NO_GO } else { CAUTION };
    let cmp = if level >= CAUTION { "at or above" } else { "below" };
    let stretch = worst.map(|w| format!("km {}–{} scores {} ({})", fmt_num(w.from_km), fmt_num(w.to_km), fmt_num(w.score), w.band));
    let reason = match stretch {
        None => "no incident within the influence distance of the route in the window".to_string(),
        Some(st) if worst_score >= whole => format!("worst stretch: {st}, {cmp} {}", fmt_num(threshold)),
        Some(st) => format!("the whole route scores {} ({}), {cmp} {}; worst stretch: {st}", fmt_num(whole), score::band(whole), fmt_num(threshold)),
    };
    (verdict, reason, threshold)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(score: f64) -> Segment {
        Segment { from_km: 10.0, to_km: 20.0, count: 1, fatalities: 0, score, band: score::band(score) }
    }

    #[test]
    fn verdict_takes_the_worse_of_route_and_stretch() {
        assert_eq!(verdict(0.0, None), ("go", "no incident within the influence distance of the route in the window".into(), 25.0));
        assert_eq!(verdict(12.0, Some(&seg(20.9))), ("go", "worst stretch: km 10–20 scores 20.9 (low), below 25".into(), 25.0));
        assert_eq!(verdict(42.8, Some(&seg(20.9))), ("caution", "the whole route scores 42.8 (moderate), at or above 25; worst stretch: km 10–20 scores 20.9 (low)".into(), 25.0));
        assert_eq!(verdict(60.0, Some(&seg(80.0))), ("no-go", "worst stretch: km 10–20 scores 80 (severe), at or above 75".into(), 75.0));
        let (v, _, threshold) = verdict(75.0, Some(&seg(30.0)));
        assert_eq!((v, threshold), ("no-go", 75.0));
    }
}
