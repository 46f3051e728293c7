//! The score and why: each candidate's points at the as-of day, the score, the points per category
//! (adding up to the score), the drivers, the in-area counts; then the nearest incidents and the
//! map's points.

use super::actors::Family;
use super::options::Settings;
use super::scan::Candidate;
use super::score::{self, TimeTable};
use super::tags::Tag;
use super::weigh;
use super::{rank, round1, round5};
use crate::aoi::Aoi;
use crate::category::Category;
use crate::date;
use crate::geodesy;
use crate::report::{ActorShare, ByKey, Counts, Driver, MapData, Nearest};
use crate::store::Store;

/// Most incidents listed for the mini-map (nearest first).
pub const MAP_POINTS: usize = 500;

/// The score and what it is made of.
pub(super) struct Explanation {
    pub(super) score: f64,
    /// Σw, unbounded.
    pub(super) intensity: f64,
    pub(super) contributions: ByKey<f64>,
    pub(super) drivers: Vec<Driver>,
    pub(super) counts: Counts,
    /// Points and counts per actor family (an analysis only).
    pub(super) actors: Option<Vec<ActorShare>>,
    /// Counts per tag (an analysis only).
    pub(super) tags: Option<ByKey<u64>>,
}

/// The score of the window's candidates at `st.as_of`, its points per category, its drivers and
/// the in-area counts.
pub(super) fn explain(store: &Store, window: &[Candidate], st: &Settings, times: &TimeTable) -> Explanation {
    let (p, as_of) = (&st.params, st.as_of);
    // One pass: each candidate's units, and the sums the score and the counts need.
    let mut units: Vec<u64> = Vec::with_capacity(window.len());
    let mut by_cat_units = [0f64; Category::ALL.len()];
    let mut in_area_by_cat = [0u64; Category::ALL.len()];
    let (mut in_aoi, mut fatalities) = (0u64, 0u64);
    for c in window {
        let u = c.units_at(as_of, times);
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
                points: round1(score::share(score, units[i], total)),
                date: date::format(c.day),
                category: inc.category.key(),
                event_type: inc.event_type.to_string(),
                distance_km: round1(c.distance_km),
                fatalities: inc.fatalities,
                location: inc.location.to_string(),
            })
        })
        .collect();

    let by_category: ByKey<u64> = Category::ALL.iter().zip(in_area_by_cat).map(|(c, n)| (c.key(), n)).collect();
    let counts = Counts { in_aoi, fatalities, by_category, within_influence: window.len() as u64, per_1000_km2: 0.0 };
    let (actors, tags) = if st.analysis { (Some(by_family(store, window, &units, score)), Some(by_tag(store, window))) } else { (None, None) };
    Explanation { score, intensity: total as f64 / 1e9, contributions, drivers, counts, actors, tags }
}

/// The score's points per actor family (each incident's go to its most threatening party, and add
/// up to the score as the categories' do) and the incidents attributed to each; most points first,
/// then most incidents; families with neither left out.
fn by_family(store: &Store, window: &[Candidate], units: &[u64], score: f64) -> Vec<ActorShare> {
    let mut family_units = [0f64; Family::ALL.len()];
    let mut count = [0u64; Family::ALL.len()];
    for (c, &u) in window.iter().zip(units) {
        let f = weigh::family_of(store, c.row()) as usize;
        if let (Some(x), Some(n)) = (family_units.get_mut(f), count.get_mut(f)) {
            *x += u as f64;
            *n += 1;
        }
    }
    let tenths = score::apportion((score * 10.0).round() as u64, &family_units);
    let shares: Vec<ActorShare> = Family::ALL
        .iter()
        .zip(tenths.iter().zip(count))
        .filter(|(_, (&t, n))| t > 0 || *n > 0)
        .map(|(f, (&t, n))| ActorShare { family: f.key(), points: t as f64 / 10.0, count: n })
        .collect();
    let order = rank::top_k(shares.len(), shares.len(), |a, b| shares[b].points.total_cmp(&shares[a].points).then(shares[b].count.cmp(&shares[a].count)).then(a.cmp(&b)));
    order.into_iter().filter_map(|i| shares.get(i).cloned()).collect()
}

/// Incidents per tag (every tag present, zeros included).
fn by_tag(store: &Store, window: &[Candidate]) -> ByKey<u64> {
    let mut n = [0u64; Tag::ALL.len()];
    for c in window {
        let bits = weigh::tags_of(store, c.row());
        for (t, k) in Tag::ALL.iter().zip(n.iter_mut()) {
            *k += (bits & t.bit() != 0) as u64;
        }
    }
    Tag::ALL.iter().zip(n).map(|(t, k)| (t.key(), k)).collect()
}

/// The nearest candidates, listed in full (3 for a summary), and the map's points (none for a
/// summary).
pub(super) fn nearest_and_map(store: &Store, aoi: &Aoi, window: &[Candidate], st: &Settings) -> (Vec<Nearest>, MapData) {
    let listed = if st.summary { st.nearest.min(3) } else { st.nearest };
    let keep = if st.summary { listed } else { listed.max(MAP_POINTS) };
    // Keyed by the distance's bits (distances are ≥ 0, and + 0.0 turns −0 into +0): for
    // non-negative floats their order is the order of the numbers.
    let dist_key = |i: usize| window.get(i).map_or(u64::MAX, |c| (c.distance_km + 0.0).to_bits());
    let by_distance: Vec<&Candidate> =
        rank::top_k_by_key(window.len(), keep, dist_key, nearest_first(store, window)).into_iter().take(keep).filter_map(|i| window.get(i)).collect();
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

    (nearest, map)
}

/// Nearest first, then the latest, then by id: the order of the nearest list, the map's points and
/// the exports.
pub(super) fn nearest_first<'a>(store: &'a Store, window: &'a [Candidate]) -> impl Fn(usize, usize) -> std::cmp::Ordering + 'a {
    let id = move |i: usize| window.get(i).map_or("", |c| store.id(c.row()));
    move |a, b| window[a].distance_km.total_cmp(&window[b].distance_km).then(window[b].day.cmp(&window[a].day)).then_with(|| id(a).cmp(id(b)))
}

/// The bearing of a candidate at (`lat`, `lon`) seen from where the area measures it from (a site's
/// centre, a corridor's nearest point, a zone's edge or centroid), degrees; 0 at that point itself.
pub(super) fn bearing_of(store: &Store, aoi: &Aoi, c: &Candidate, lat: f64, lon: f64) -> f64 {
    let from = aoi.proximity_unit(store.unit(c.row())).from;
    let (flat, flon) = geodesy::lat_lon(from);
    if geodesy::angle(from, store.unit(c.row())) < 1e-12 {
        0.0
    } else {
        geodesy::bearing_deg(flat, flon, lat, lon)
    }
}

fn nearest_entry(store: &Store, aoi: &Aoi, c: &Candidate) -> Option<Nearest> {
    let inc = store.get(c.row())?;
    let bearing = bearing_of(store, aoi, c, inc.lat, inc.lon);
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
