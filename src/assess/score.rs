//! The scoring kernel: one incident's weight, the bounded 0–100 score, its band, and the split of a
//! score into points. The method and its reasons are in docs/METHOD.md.

use crate::category::Category;

/// Parameters of the score. [`Params::default`] is the documented method.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// Incidents dated in (as_of − window_days, as_of] count.
    pub window_days: i32,
    /// Age at which an incident counts half, days.
    pub half_life_days: f64,
    /// Distance beyond the area's edge at which an incident counts half, km.
    pub half_distance_km: f64,
    /// Beyond the area's edge, incidents further than this do not count, km.
    pub influence_km: f64,
    /// Intensity at which the score reaches 63.2 (1 − 1/e of 100).
    pub scale: f64,
}

impl Default for Params {
    fn default() -> Self {
        Params { window_days: 90, half_life_days: 30.0, half_distance_km: 25.0, influence_km: 100.0, scale: 12.0 }
    }
}

/// Weight of an incident's own attributes: category × fatality factor × precision factor.
///
/// ```
/// use riskcard::{Category, score::severity};
/// // A battle with 3 deaths, exact location and date: 1.0 × (1 + ln 4) = 2.386.
/// assert!((severity(Category::Battle, 3, 1.0) - 2.3863).abs() < 1e-4);
/// ```
pub fn severity(category: Category, fatalities: u32, precision_factor: f64) -> f64 {
    severity_weighted(category.weight(), fatalities, precision_factor)
}

/// [`severity`] with a category weight of the caller's (a profile's or the host's).
///
/// ```
/// // Weight 2 (staff's abductions), 1 death, located to 25 km: 2 × (1 + ln 2) × 0.8 = 2.709.
/// assert!((riskcard::score::severity_weighted(2.0, 1, 0.8) - 2.7090).abs() < 1e-4);
/// ```
#[inline]
pub fn severity_weighted(weight: f64, fatalities: u32, precision_factor: f64) -> f64 {
    weight * fatality_factor(fatalities) * precision_factor
}

/// 1 + ln(1 + fatalities), from a table for the small counts nearly every incident has (the same
/// `libm` value, computed once).
fn fatality_factor(fatalities: u32) -> f64 {
    static SMALL: std::sync::OnceLock<[f64; 256]> = std::sync::OnceLock::new();
    let table = SMALL.get_or_init(|| std::array::from_fn(|f| 1.0 + libm::log1p(f as f64)));
    match table.get(fatalities as usize) {
        Some(&v) => v,
        None => 1.0 + libm::log1p(fatalities as f64),
    }
}

/// Distance factor: 1 in the area, halving every `half_distance_km` beyond its edge, 0 past the
/// influence distance.
///
/// ```
/// use riskcard::score::{distance_factor, Params};
/// let p = Params::default();
/// assert_eq!(distance_factor(0.0, &p), 1.0);
/// assert_eq!(distance_factor(25.0, &p), 0.5);
/// assert_eq!(distance_factor(100.5, &p), 0.0);
/// ```
#[inline]
pub fn distance_factor(beyond_km: f64, p: &Params) -> f64 {
    if beyond_km.is_nan() || beyond_km > p.influence_km {
        return 0.0;
    }
    if beyond_km <= 0.0 {
        return 1.0;
    }
    exp2_neg(beyond_km / p.half_distance_km)
}

/// 2^(−y) for y ≥ 0, as `libm::exp2(−y)` to within 2 units in the last place (tested), without its
/// special cases: y = (k·256 + j + f)/256 with whole k, j < 256 and |f| ≤ ½; 2^(−k) exactly, a
/// 256-entry table of 2^(−j/256) (from `libm`, built once) and a degree-4 Taylor polynomial of e^z,
/// z = −f·ln 2/256, for the rest (the first term left out is below 4·10⁻¹⁷ of the result).
#[inline]
fn exp2_neg(y: f64) -> f64 {
    static STEPS: std::sync::OnceLock<[f64; 256]> = std::sync::OnceLock::new();
    if !(0.0..1000.0).contains(&y) {
        return if y < 0.0 {
            libm::exp2(-y)
        } else if y.is_nan() {
            y
        } else {
            0.0
        };
    }
    let t = y * 256.0; // exact: a power of two
    let n = (t + 0.5) as u32; // nearest: t ≥ 0, so truncation is floor
    let z = (n as f64 - t) * (std::f64::consts::LN_2 / 256.0);
    // Estrin's scheme: fewer dependent steps than Horner's (this runs once per candidate).
    let z2 = z * z;
    let poly = (1.0 + z) + z2 * ((0.5 + z * (1.0 / 6.0)) + z2 * (1.0 / 24.0));
    let steps = STEPS.get_or_init(|| std::array::from_fn(|j| libm::exp2(-(j as f64) / 256.0)));
    let step = steps.get((n & 255) as usize).copied().unwrap_or(1.0);
    let k = n >> 8;
    // 2^(−k) for k < 1000: an exact power of two (subnormal below 2^−1022, where the product is 0 anyway).
    let pow = if k < 1022 { f64::from_bits((1023 - k as u64) << 52) } else { 0.0 };
    step * poly * pow
}

#[cfg(test)]
mod tests {
    #[test]
    fn share_of_the_score() {
        // A quarter of the units of a 16.0 score: 4.0 points; nothing counts: none.
        assert_eq!((super::share(16.0, 25, 100), super::share(0.0, 0, 0)), (4.0, 0.0));
    }

    #[test]
    fn exp2_neg_agrees_with_libm() {
        for i in 0..=400_000 {
            let y = i as f64 * 5e-5; // 0 to 20: up to 500 km beyond the edge at 25 km per halving
            let (a, b) = (super::exp2_neg(y), libm::exp2(-y));
            assert!((a - b).abs() <= 2.0 * f64::EPSILON * b, "{y}: {a} vs {b}");
        }
        assert_eq!((super::exp2_neg(0.0), super::exp2_neg(3.0), super::exp2_neg(2000.0)), (1.0, 0.125, 0.0));
    }
}

/// Time factor: 1 on `as_of`, halving every `half_life_days`, 0 outside the window or in the future.
///
/// ```
/// use riskcard::score::{time_factor, Params};
/// let p = Params::default();
/// assert_eq!(time_factor(0, &p), 1.0);
/// assert_eq!(time_factor(30, &p), 0.5);
/// assert_eq!(time_factor(90, &p), 0.0);
/// assert_eq!(time_factor(-1, &p), 0.0);
/// ```
pub fn time_factor(age_days: i32, p: &Params) -> f64 {
    if age_days < 0 || age_days >= p.window_days {
        return 0.0;
    }
    libm::exp2(-(age_days as f64) / p.half_life_days)
}

/// [`time_factor`] for every age in the window, computed once per query.
///
/// ```
/// use riskcard::score::{TimeTable, time_factor, Params};
/// let p = Params::default();
/// let t = TimeTable::new(&p);
/// assert_eq!((t.get(30), t.get(-1), t.get(90)), (time_factor(30, &p), 0.0, 0.0));
/// ```
#[derive(Debug, Clone)]
pub struct TimeTable(Vec<f64>);

impl TimeTable {
    /// The table for `p`'s window and half-life.
    pub fn new(p: &Params) -> TimeTable {
        TimeTable((0..p.window_days.max(0)).map(|a| time_factor(a, p)).collect())
    }
    /// The time factor at `age_days` (0 outside the window).
    #[inline]
    pub fn get(&self, age_days: i32) -> f64 {
        usize::try_from(age_days).ok().and_then(|a| self.0.get(a)).copied().unwrap_or(0.0)
    }
}

/// Weights are summed as integers in units of 10⁻⁹, so a sum does not depend on the order of
/// incidents and adding one never lowers it.
pub fn to_units(w: f64) -> u64 {
    if w.is_nan() || w <= 0.0 {
        0
    } else {
        let u = w * 1e9;
        // A comparison, not f64::min (a call to `fmin` on wasm32); once per candidate.
        (if u < 1e15 { u } else { 1e15 }) as u64
    }
}

/// `units` (a sum of [`to_units`]) decayed by the time factor `t`, rounded down like [`to_units`].
///
/// ```
/// assert_eq!(riskcard::score::decay_units(3_000_000_000, 0.5), 1_500_000_000);
/// ```
pub fn decay_units(units: u64, t: f64) -> u64 {
    to_units(units as f64 * t / 1e9)
}

/// The 0–100 score of a summed intensity (in units of [`to_units`]), to one decimal.
///
/// ```
/// use riskcard::score::{score_of, to_units, Params};
/// let p = Params::default();
/// assert_eq!(score_of(0, &p), 0.0);
/// // intensity 12 = the scale: 100 × (1 − e⁻¹) = 63.2
/// assert_eq!(score_of(to_units(12.0), &p), 63.2);
/// assert_eq!(score_of(u64::MAX, &p), 100.0);
/// ```
pub fn score_of(units: u64, p: &Params) -> f64 {
    let s = units as f64 / 1e9;
    let raw = 100.0 * -libm::expm1(-s / p.scale);
    (raw * 10.0).round() / 10.0
}

/// An incident's points: its share (`units` of `total`) of `score`; 0 when nothing counts (a
/// worked number in the tests below).
pub(crate) fn share(score: f64, units: u64, total: u64) -> f64 {
    if total == 0 {
        0.0
    } else {
        score * units as f64 / total as f64
    }
}

/// The five bands and their lower bounds.
pub const BANDS: [(f64, &str); 5] = [(0.0, "minimal"), (10.0, "low"), (25.0, "moderate"), (50.0, "high"), (75.0, "severe")];

/// The band of a score.
///
/// ```
/// use riskcard::score::band;
/// assert_eq!(band(0.0), "minimal");
/// assert_eq!(band(24.9), "low");
/// assert_eq!(band(75.0), "severe");
/// ```
pub fn band(score: f64) -> &'static str {
    BANDS.iter().rev().find(|(lo, _)| score >= *lo).map(|(_, n)| *n).unwrap_or("minimal")
}

/// Splits `total` (in tenths) over `weights` in proportion, by largest remainder, so the parts add
/// up to `total` exactly.
///
/// ```
/// assert_eq!(riskcard::score::apportion(100, &[1.0, 1.0, 1.0]), vec![34, 33, 33]);
/// assert_eq!(riskcard::score::apportion(7, &[0.0, 0.0]), vec![0, 0]);
/// ```
pub fn apportion(total: u64, weights: &[f64]) -> Vec<u64> {
    let sum: f64 = weights.iter().filter(|w| w.is_finite() && **w > 0.0).sum();
    if sum <= 0.0 {
        return vec![0; weights.len()];
    }
    let exact: Vec<f64> = weights.iter().map(|w| if w.is_finite() && *w > 0.0 { w / sum * total as f64 } else { 0.0 }).collect();
    let mut parts: Vec<u64> = exact.iter().map(|e| e.floor() as u64).collect();
    let given: u64 = parts.iter().sum();
    let frac = |i: usize| exact[i] - exact[i].floor();
    let order = crate::rank::top_k(weights.len(), weights.len(), |a, b| frac(b).total_cmp(&frac(a)).then(a.cmp(&b)));
    for &i in order.iter().take(total.saturating_sub(given) as usize) {
        parts[i] += 1;
    }
    parts
}
