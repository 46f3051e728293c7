//! The trend: in-area incidents by week or month, the change band (the last 28 days against the
//! year before), and the score history (the score each bin's last day would have had), all read
//! from the per-day sums the scan made ([`Daily`]).

use super::options::Settings;
use super::round1;
use super::scan::Days;
use super::score::{self, TimeTable};
use crate::category::Category;
use crate::date::{self, Day};
use crate::report::{ByKey, Change, ScorePoint, Trend, TrendBin};
use crate::store::Store;

/// Length of the recent period of the change band, days.
pub const RECENT_DAYS: i32 = 28;
/// Longest baseline of the change band, weeks.
pub const BASELINE_WEEKS: i32 = 52;

/// Per-day sums over [start, end]: in-area incidents with their fatalities and categories (for the
/// trend and the change band), and the undecayed weight of every candidate (for the score history).
/// Integer sums, so they do not depend on the order incidents are met in.
pub(super) struct Daily {
    start: Day,
    pub(super) count: Vec<u32>,
    pub(super) fatalities: Vec<u64>,
    pub(super) by_category: Vec<[u32; Category::ALL.len()]>,
    units: Vec<u64>,
}

impl Daily {
    pub(super) fn new(start: Day, end: Day) -> Daily {
        let n = (end - start + 1).max(0) as usize;
        Daily { start, count: vec![0; n], fatalities: vec![0; n], by_category: vec![[0; Category::ALL.len()]; n], units: vec![0; n] }
    }
    fn slot(&self, day: Day) -> Option<usize> {
        usize::try_from(day - self.start).ok().filter(|&i| i < self.count.len())
    }
    pub(super) fn add_in_area(&mut self, store: &Store, row: usize) {
        if let Some(i) = self.slot(store.day(row)) {
            self.count[i] += 1;
            self.fatalities[i] += store.fatalities(row) as u64;
            self.by_category[i][store.category(row) as usize] += 1;
        }
    }
    pub(super) fn add_units(&mut self, day: Day, units: u64) {
        if let Some(i) = self.slot(day) {
            self.units[i] += units;
        }
    }
    /// Indexes of the days in [lo, hi] held.
    pub(super) fn days(&self, lo: Day, hi: Day) -> std::ops::Range<usize> {
        let clamp = |d: Day| (d - self.start).clamp(0, self.count.len() as i32) as usize;
        clamp(lo)..clamp(hi + 1).max(clamp(lo))
    }
    /// In-area incidents dated in [lo, hi].
    pub(super) fn in_area(&self, lo: Day, hi: Day) -> u64 {
        self.count[self.days(lo, hi)].iter().map(|&c| c as u64).sum()
    }
    /// The summed weight of every candidate decayed to `day`, as [`score::to_units`] would sum it
    /// (up to one unit of 10⁻⁹ per day).
    pub(super) fn units_at(&self, day: Day, t: &TimeTable, window_days: i32) -> u64 {
        let r = self.days(day - window_days + 1, day);
        r.clone().map(|i| score::decay_units(self.units[i], t.get(day - self.start - i as i32))).sum()
    }
}

/// The trend of a report whose score is `score`: bins (none for a summary), change band, score history.
pub(super) fn trend(daily: &Daily, days: &Days, st: &Settings, score: f64, times: &TimeTable) -> Trend {
    let (p, as_of) = (&st.params, days.as_of);
    let bin_list = if st.summary { vec![] } else { bins(days.first_bin, as_of, st.monthly) };
    let mut trend_bins: Vec<TrendBin> =
        bin_list.iter().map(|&(s, e)| TrendBin { start: date::format(s), end: date::format(e), count: 0, fatalities: 0, by_category: ByKey::default() }).collect();
    for (b, &(s, e)) in trend_bins.iter_mut().zip(&bin_list) {
        for i in daily.days(s, e - 1) {
            b.count += daily.count[i] as u64;
            b.fatalities += daily.fatalities[i];
            for (c, &n) in Category::ALL.iter().zip(&daily.by_category[i]) {
                if n > 0 {
                    b.by_category.add(c.key(), n as u64);
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
            let s = if d == as_of { score } else { score::score_of(daily.units_at(d, times, p.window_days), p) };
            ScorePoint { date: date::format(d), score: s, band: score::band(s) }
        })
        .collect();
    Trend { bin: if st.monthly { "month" } else { "week" }, bins: trend_bins, change: change(daily, as_of, days.data_min), score_history }
}

pub(super) fn trend_start(as_of: Day, months: u32, data_min: Day, monthly: bool) -> Day {
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

/// The trend's bins, `[start, end)` days, from `first` to as_of.
pub(super) fn bins(first: Day, as_of: Day, monthly: bool) -> Vec<(Day, Day)> {
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
