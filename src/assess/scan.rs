//! The scan: every incident within reach of the area over the days a report reads, found through
//! the store's grid index a run of rows at a time, kept as the window's [`Candidate`]s and folded
//! into per-day sums ([`Daily`]) for the trend, the change band and the score history. Each run goes
//! through tight loops, one step for all its rows at a time (cap test, geometry, distance factors),
//! which lets the processor work on several incidents at once.

use super::approach::Around;
use super::options::Settings;
use super::score::{self, Params, TimeTable};
use super::trend::{Daily, BASELINE_WEEKS, RECENT_DAYS};
use super::weigh::Weighing;
use crate::date::Day;
use crate::earth::aoi::Aoi;
use crate::earth::proximity::Reach;
use crate::store::Store;

/// The days a report reads, from its settings and the data.
pub(super) struct Days {
    /// The window's last day.
    pub(super) as_of: Day,
    /// The window's first day.
    pub(super) window_from: Day,
    /// The change band's baseline starts here.
    pub(super) baseline_from: Day,
    /// The first trend bin starts here.
    pub(super) first_bin: Day,
    /// The data's first day (the as-of day when the store is empty).
    pub(super) data_min: Day,
}

impl Days {
    pub(super) fn new(store: &Store, st: &Settings) -> Days {
        let as_of = st.as_of;
        let data_min = store.day_range().map(|r| r.0).unwrap_or(as_of);
        Days {
            as_of,
            window_from: as_of - st.params.window_days + 1,
            baseline_from: as_of - RECENT_DAYS - BASELINE_WEEKS * 7 + 1,
            first_bin: super::trend::trend_start(as_of, st.trend_months, data_min, st.monthly),
            data_min,
        }
    }
}

/// What a report's scan found.
pub(super) struct Scanned {
    /// The window's candidates (within reach, in the window).
    pub(super) window: Vec<Candidate>,
    /// The per-day sums.
    pub(super) daily: Daily,
    /// What the approach needs (an analysis report only).
    pub(super) around: Option<Around>,
    /// Incidents in the area, and within reach, dated after the `since` day (a full report only).
    pub(super) new_since: (u64, u64),
}

/// The window's candidates and the per-day sums: one scan for a full report (reaching back as far
/// as the trend, the change band, the drift and `since` need); for a summary, the window and the
/// change band's year in the area.
pub(super) fn collect(store: &Store, aoi: &Aoi, st: &Settings, days: &Days) -> Scanned {
    let (p, w) = (&st.params, &st.weighing);
    let Days { as_of, window_from, baseline_from, .. } = *days;
    let since = st.since.filter(|_| !st.summary);
    let scan_from = first_day(st, days);
    let mut around = st.analysis.then(|| Around::new(scan_from, as_of, st));
    let after = since.unwrap_or(Day::MAX);
    let mut new_since = (0u64, 0u64);
    let mut daily = Daily::new(scan_from, as_of);
    let mut window: Vec<Candidate> = Vec::new();
    if st.summary {
        // The window within influence, and the change band's year in the area only.
        let mut dfs = Vec::new();
        let window_scan = Scan { km: p.influence_km, days: (window_from, as_of), use_index: st.use_index, shortcut: false, along_from: window_from };
        near(store, aoi, window_scan, &mut |found| {
            if let Found::Near(found) = found {
                distance_factors(found, p, &mut dfs);
                window.extend(found.iter().zip(&dfs).filter_map(|(r, &df)| candidate(store, r, df, w)));
            }
        });
        // The window's own in-area incidents are among its candidates; the scan adds the year before.
        for c in window.iter().filter(|c| c.in_aoi()) {
            daily.add_in_area(store, c.row());
        }
        // Only the rows are counted: no chainage.
        let year = Scan { km: 0.0, days: (baseline_from, window_from - 1), use_index: st.use_index, shortcut: true, along_from: Day::MAX };
        near(store, aoi, year, &mut |found| match found {
            Found::Inside(rows) => rows.filter(|&row| w.keeps(store, row)).for_each(|row| daily.add_in_area(store, row)),
            Found::Near(found) => found.iter().map(|r| r.row as usize).filter(|&row| w.keeps(store, row)).for_each(|row| daily.add_in_area(store, row)),
        });
    } else {
        // One scan: the window's candidates, and per-day sums for the trend, change band and history.
        let (mut dfs, mut moved) = (Vec::new(), Vec::new());
        // An analysis needs every incident's distance: no cell is passed whole.
        let all = Scan { km: p.influence_km, days: (scan_from, as_of), use_index: st.use_index, shortcut: !st.analysis, along_from: window_from };
        near(store, aoi, all, &mut |found| {
            let found = match found {
                Found::Near(found) => found,
                Found::Inside(rows) => {
                    // In a cell inside the area: before the window only the weight and the day
                    // count; in the window, the position too (for the nearest and the map).
                    moved.clear();
                    for row in rows {
                        if !w.keeps(store, row) {
                            continue;
                        }
                        let day = store.day(row);
                        if day < window_from {
                            daily.add_units(day, score::to_units(w.severity(store, row)));
                            daily.add_in_area(store, row);
                            if day > after {
                                new_since.0 += 1;
                                new_since.1 += 1;
                            }
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
                let Some(c) = candidate(store, r, df, w) else { continue };
                daily.add_units(c.day, score::to_units(c.base));
                if c.in_aoi() {
                    daily.add_in_area(store, c.row());
                }
                if c.day > after {
                    new_since.0 += c.in_aoi() as u64;
                    new_since.1 += 1;
                }
                if let Some(a) = around.as_mut() {
                    a.add(c.day, r.distance_km, r.beyond_km);
                }
                if c.day >= window_from {
                    window.push(c);
                }
            }
        });
    }
    Scanned { window, daily, around, new_since }
}

/// The first day a report's scan reads: the trend's first bin less a window (for its score
/// history), the change band's baseline, and for an analysis the drift's first day, for `since`
/// that day less a window; a summary reads from the baseline only.
fn first_day(st: &Settings, days: &Days) -> Day {
    let p = &st.params;
    if st.summary {
        return days.baseline_from;
    }
    let mut from = (days.first_bin - p.window_days + 1).min(days.baseline_from);
    if st.analysis {
        from = from.min(super::approach::drift_start(days.as_of, st.drift_months));
    }
    if let Some(d) = st.since {
        from = from.min(d - p.window_days + 1);
    }
    from
}

/// Calls `f` for every incident within the weighing's reach of the area over the days the report
/// reads: the incidents whose texts an assessment may read.
pub(super) fn reach_rows(store: &Store, aoi: &Aoi, st: &Settings, days: &Days, f: &mut dyn FnMut(usize)) {
    let q = Scan { km: st.params.influence_km, days: (first_day(st, days), days.as_of), use_index: st.use_index, shortcut: true, along_from: Day::MAX };
    near(store, aoi, q, &mut |found| match found {
        Found::Inside(rows) => rows.for_each(&mut *f),
        Found::Near(found) => found.iter().for_each(|r| f(r.row as usize)),
    });
}

/// An incident near enough to matter, with what the score needs of it (48 bytes: thousands are
/// kept per assessment; the listed few get their full `Proximity` again in `explain`).
#[derive(Debug, Clone, Copy)]
pub(super) struct Candidate {
    row: u32,
    pub(super) day: Day,
    /// Distance to the area, km.
    pub(super) distance_km: f64,
    /// For corridors: km along the corridor of the nearest point (NaN otherwise).
    along_km: f64,
    /// category × fatality × precision factors.
    pub(super) severity: f64,
    /// severity × distance factor: the weight before time decay.
    pub(super) base: f64,
    in_aoi: bool,
}

impl Candidate {
    pub(super) fn in_aoi(&self) -> bool {
        self.in_aoi
    }
    pub(super) fn row(&self) -> usize {
        self.row as usize
    }
    pub(super) fn along_km(&self) -> Option<f64> {
        Some(self.along_km).filter(|a| !a.is_nan())
    }
    /// Its weight decayed to `as_of`, in [`score::to_units`].
    pub(super) fn units_at(&self, as_of: Day, t: &TimeTable) -> u64 {
        score::to_units(self.base * t.get(as_of - self.day))
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
/// (`f` is a `dyn`: one copy of this function and of what it inlines serves the report's three
/// scans; the call is per run of rows, not per row.)
fn near(store: &Store, aoi: &Aoi, q: Scan, f: &mut dyn FnMut(Found<'_>)) {
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

/// The candidate for an incident found within reach, given its distance factor `df`, if not zero
/// and the weighing counts it (within its category's reach, naming a kept family).
fn candidate(store: &Store, r: &Reach, df: f64, w: &Weighing) -> Option<Candidate> {
    let row = r.row as usize;
    if df <= 0.0 || (w.cuts() && !w.reaches(store.category(row), r.beyond_km)) || !w.keeps(store, row) {
        return None;
    }
    let severity = w.severity(store, row);
    Some(Candidate { row: r.row, day: store.day(row), distance_km: r.distance_km, along_km: r.along_km, severity, base: severity * df, in_aoi: r.beyond_km <= 0.0 })
}

/// The distance factors of `found`, into `out` (a loop of its own: see [`near`]).
pub(super) fn distance_factors(found: &[Reach], p: &Params, out: &mut Vec<f64>) {
    out.clear();
    out.extend(found.iter().map(|r| score::distance_factor(r.beyond_km, p)));
}
