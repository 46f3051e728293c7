//! The approach: is the violence coming closer? Incidents within reach counted by distance ring (from
//! the area's edge outward) and trend bin, the nearest incident's distance per bin, the compass
//! sectors the window's incidents lie in, and the drift: how much closer to the area's edge or
//! farther from it the incidents within reach were over the last months than over as many before —
//! the difference of the two periods' median distances, so that a few far-off outliers cannot move
//! it (docs/METHOD.md § Approach). The nearest distance per bin is measured as the nearest list
//! measures (to a site's point, a corridor's line; 0 in a zone); rings and drift from the edge.

use super::options::Settings;
use super::scan::{Candidate, Days};
use super::{rank, round1};
use crate::aoi::Aoi;
use crate::date::{self, Day};
use crate::geodesy;
use crate::message::Message;
use crate::report::{Approach, Ring, Sectors};
use crate::store::Store;

/// Fewest incidents in each period for a drift figure.
pub const DRIFT_MIN: usize = 5;
/// Rings per influence distance (each a quarter of it wide).
pub const RINGS_PER_INFLUENCE: f64 = 4.0;

/// What the scan gathers for the approach, a day at a time from the scan's first day.
pub(super) struct Around {
    start: Day,
    /// Ring width, km.
    width_km: f64,
    /// Rings: the area itself, then one per `width_km` out to the farthest reach.
    rings: usize,
    /// Incidents per (day, ring), day-major.
    counts: Vec<u32>,
    /// The smallest distance per day (infinite when none).
    nearest: Vec<f64>,
    /// Each incident's day and distance beyond the area's edge (0 inside), km, from the drift's
    /// first day on.
    distances: Vec<(Day, f32)>,
    drift_from: Day,
}

impl Around {
    pub(super) fn new(start: Day, as_of: Day, st: &Settings) -> Around {
        let days = (as_of - start + 1).max(0) as usize;
        let width_km = if st.influence_km > 0.0 { st.influence_km / RINGS_PER_INFLUENCE } else { 1.0 };
        let rings = 1 + (st.params.influence_km / width_km).ceil().max(1.0) as usize;
        Around { start, width_km, rings, counts: vec![0; days * rings], nearest: vec![f64::INFINITY; days], distances: Vec::new(), drift_from: drift_start(as_of, st.drift_months) }
    }

    /// Adds an incident of `day`, `distance_km` from the area and `beyond_km` beyond its edge.
    pub(super) fn add(&mut self, day: Day, distance_km: f64, beyond_km: f64) {
        let Some(i) = usize::try_from(day - self.start).ok().filter(|&i| i < self.nearest.len()) else { return };
        let ring = if beyond_km <= 0.0 { 0 } else { ((beyond_km / self.width_km).ceil() as usize).clamp(1, self.rings - 1) };
        if let Some(n) = self.counts.get_mut(i * self.rings + ring) {
            *n += 1;
        }
        if let Some(m) = self.nearest.get_mut(i) {
            if distance_km < *m {
                *m = distance_km;
            }
        }
        if day >= self.drift_from {
            self.distances.push((day, beyond_km.max(0.0) as f32));
        }
    }

    /// The approach over the trend's bins (`[start, end)` days), with the window's candidates for
    /// the sectors.
    pub(super) fn finish(self, store: &Store, aoi: &Aoi, window: &[Candidate], bins: &[(Day, Day)], days: &Days, st: &Settings) -> Approach {
        let slot = |d: Day| (d - self.start).clamp(0, self.nearest.len() as i32) as usize;
        let rings = (0..self.rings)
            .map(|k| Ring {
                from_km: if k == 0 { 0.0 } else { round1((k - 1) as f64 * self.width_km) },
                to_km: if k == 0 { 0.0 } else { round1(k as f64 * self.width_km) },
                counts: bins.iter().map(|&(s, e)| (slot(s)..slot(e)).map(|i| self.counts.get(i * self.rings + k).copied().unwrap_or(0) as u64).sum()).collect(),
            })
            .collect();
        let nearest_km = bins
            .iter()
            .map(|&(s, e)| {
                let m = self.nearest.get(slot(s)..slot(e)).unwrap_or_default().iter().fold(f64::INFINITY, |a, &b| if b < a { b } else { a });
                m.is_finite().then(|| round1(m))
            })
            .collect();
        let mut sectors = [0u64; 8];
        for c in window {
            let u = store.unit(c.row());
            let from = aoi.proximity_unit(u).from;
            if geodesy::angle(from, u) < 1e-9 {
                continue; // at the point bearings are measured from: no direction
            }
            let (flat, flon) = geodesy::lat_lon(from);
            let (lat, lon) = geodesy::lat_lon(u);
            let b = geodesy::bearing_deg(flat, flon, lat, lon);
            if let Some(n) = sectors.get_mut(((b.rem_euclid(360.0) / 45.0) + 0.5) as usize % 8) {
                *n += 1;
            }
        }
        let (drift_km, said) = drift(&self.distances, days.as_of, st);
        Approach {
            rings,
            nearest_km,
            sectors: Sectors(sectors),
            drift_km,
            drift_months: st.drift_months,
            drift_text: said.text(),
            drift_code: said.code(),
            drift_params: said.params().clone(),
        }
    }
}

/// The drift's first day: `2 × months` months before the day after `as_of`.
pub(super) fn drift_start(as_of: Day, months: u32) -> Day {
    months_before(as_of, 2 * months)
}

/// The day after `as_of`, `months` months back (the same day of the month, or the month's last).
fn months_before(as_of: Day, months: u32) -> Day {
    let next = as_of + 1;
    let (y, m, d) = date::to_ymd(next);
    let first = date::add_months(date::from_ymd(y, m, 1).unwrap_or(next), -(months as i32));
    let (by, bm, _) = date::to_ymd(first);
    (1..=d).rev().find_map(|day| date::from_ymd(by, bm, day)).unwrap_or(first)
}

/// The median of `v`; `None` when empty. (Ordered by the one shared sort: `sort_by` would bring its
/// own copy, and its panic messages, into the .wasm.)
fn median(v: &[f64]) -> Option<f64> {
    let order = rank::top_k(v.len(), v.len(), |a, b| v[a].total_cmp(&v[b]));
    let at = |k: usize| order.get(k).and_then(|&i| v.get(i)).copied();
    let n = v.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => at(n / 2),
        _ => Some((at(n / 2 - 1)? + at(n / 2)?) / 2.0),
    }
}

/// The drift, km (negative: closer), and the sentence that says it: the median distance of the
/// incidents in the last `drift_months` months less the median of the months before; none with
/// fewer than [`DRIFT_MIN`] incidents in either period. Within a twentieth of the influence
/// distance of zero it is "about the same distance".
fn drift(distances: &[(Day, f32)], as_of: Day, st: &Settings) -> (Option<f64>, Message) {
    let split = months_before(as_of, st.drift_months);
    let (mut recent, mut before): (Vec<f64>, Vec<f64>) = (Vec::new(), Vec::new());
    for &(day, d) in distances {
        if day > as_of {
            continue;
        }
        if day >= split {
            recent.push(d as f64);
        } else {
            before.push(d as f64);
        }
    }
    let (nr, nb) = (recent.len() as u64, before.len() as u64);
    let (influence, months) = (st.influence_km, st.drift_months as u64);
    let (Some(r), Some(b), true) = (median(&recent), median(&before), recent.len() >= DRIFT_MIN && before.len() >= DRIFT_MIN) else {
        return (None, Message::drift_too_few(influence, months, nr, nb, DRIFT_MIN as u64));
    };
    let (r, b) = (round1(r), round1(b));
    let km = round1(r - b);
    let said = if km.abs() < influence / 20.0 {
        Message::drift_steady(influence, months, r, b, nr, nb)
    } else if km < 0.0 {
        Message::drift_closer(influence, -km, months, r, b, nr, nb)
    } else {
        Message::drift_farther(influence, km, months, r, b, nr, nb)
    };
    (Some(km), said)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_back_keep_the_day_or_the_months_last() {
        let d = |s: &str| date::parse_iso(s).unwrap();
        // The last 3 months to 2026-07-31 start on 2026-05-01 (the day after, 3 months back).
        assert_eq!(date::format(months_before(d("2026-07-31"), 3)), "2026-05-01");
        assert_eq!(date::format(months_before(d("2026-07-15"), 3)), "2026-04-16");
        // To 2026-05-30: the day after is 05-31; February has no 31st, so its last day.
        assert_eq!(date::format(months_before(d("2026-05-30"), 3)), "2026-02-28");
        assert_eq!(date::format(drift_start(d("2026-07-31"), 3)), "2026-02-01");
    }

    #[test]
    fn the_median_resists_outliers() {
        assert_eq!(median(&[3.0, 1.0, 2.0, 100.0, 2.5]), Some(2.5));
        assert_eq!(median(&[1.0, 3.0]), Some(2.0));
        assert_eq!(median(&[]), None);
    }
}
