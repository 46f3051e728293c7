//! How far an incident lies from an area of interest: the distance to the area and beyond its edge,
//! the point bearings are taken from, a corridor's chainage, and the cheap tests that pass over far
//! incidents first (a box, a cap around the area). `cap_test` and `within_kept` measure a run of
//! incidents in tight loops, one step at a time (a site's distance comes from the chord its cap test
//! computed); the nearest of several arcs is found by squared chord, with trigonometry only for the
//! winner.

use super::aoi::{bulge_km, Aoi, Shape};
use super::sphere::{self as geodesy, Arc, V3};
use crate::store::Bbox;

/// How an incident relates to an area of interest.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Proximity {
    /// Distance to the area, km: to the point (site), to the line (corridor), 0 inside a zone.
    pub distance_km: f64,
    /// Distance beyond the area's edge, km (0 when in the area).
    pub beyond_km: f64,
    /// The point of the area that bearings are measured from (unit vector).
    pub from: V3,
    /// For corridors: km along the corridor of the nearest point.
    pub along_km: Option<f64>,
}

impl Aoi {
    /// A box (min_lat, min_lon, max_lat, max_lon) holding every point within `extra_km` of the area's
    /// edge (reach included). Used to skip incidents cheaply; never excludes one that is within.
    ///
    /// ```
    /// let aoi = riskcard::aoi::site(12.0, -8.0, 10.0, None).unwrap();
    /// let (s, w, n, e) = aoi.search_box(0.0);
    /// assert!(s < 11.91 && n > 12.09 && w < -8.09 && e > -7.91);
    /// ```
    pub fn search_box(&self, extra_km: f64) -> Bbox {
        expand(self.bbox, self.reach_km() + extra_km + self.bulge_km, self.earth_radius_km)
    }

    /// Boxes that together hold every point within `extra_km` of the area's edge: one box for a
    /// site or zone, one per edge for a corridor (so a diagonal road does not pull in the whole
    /// rectangle around it).
    ///
    /// ```
    /// let c = riskcard::aoi::corridor(vec![vec![(12.0, -8.0), (13.0, -7.0), (14.0, -6.0)]], 5.0, None).unwrap();
    /// assert_eq!(c.search_boxes(10.0).len(), 2);
    /// ```
    pub fn search_boxes(&self, extra_km: f64) -> Vec<Bbox> {
        match &self.shape {
            Shape::Corridor { edges, buffer_km, .. } => edges
                .iter()
                .map(|(arc, _, _)| {
                    let (a, b) = (geodesy::lat_lon(arc.a), geodesy::lat_lon(arc.b));
                    let bulge = bulge_km(arc, a.0, b.0);
                    let bbox = (a.0.min(b.0), a.1.min(b.1), a.0.max(b.0), a.1.max(b.1));
                    expand(bbox, buffer_km + extra_km + bulge, self.earth_radius_km)
                })
                .collect(),
            _ => vec![self.search_box(extra_km)],
        }
    }

    /// Distance from an incident at `lat`, `lon` to this area.
    ///
    /// ```
    /// // Morila mine, 25 km radius; an incident at Sanso (11.73 N, 6.96 W).
    /// let aoi = riskcard::aoi::site(11.6895, -6.8413, 25.0, Some("Morila".into())).unwrap();
    /// let p = aoi.proximity(11.73, -6.96);
    /// assert!((p.distance_km - 13.7).abs() < 0.1, "{}", p.distance_km);
    /// assert!(aoi.within(riskcard::geodesy::unit(11.73, -6.96), 0.0).is_some());
    /// assert!(aoi.within(riskcard::geodesy::unit(13.5, -6.96), 100.0).is_none());
    /// assert_eq!(p.beyond_km, 0.0);
    /// ```
    pub fn proximity(&self, lat: f64, lon: f64) -> Proximity {
        self.proximity_unit(geodesy::unit(lat, lon))
    }

    /// As [`Aoi::proximity`], for an incident given as a unit vector.
    pub fn proximity_unit(&self, p: V3) -> Proximity {
        let r = self.earth_radius_km;
        match &self.shape {
            Shape::Site { radius_km, .. } => {
                let (d, b) = self.reach_of_chord2(geodesy::chord2(self.center, p), *radius_km);
                Proximity { distance_km: d, beyond_km: b, from: self.center, along_km: None }
            }
            Shape::Zone { polygons, edges } => {
                let (lat, lon) = geodesy::lat_lon(p);
                if in_polygons(polygons, lat, lon) {
                    return Proximity { distance_km: 0.0, beyond_km: 0.0, from: self.center, along_km: None };
                }
                let (c2, q) = nearest(edges, |e| e, p, &mut 0).map_or((0.0, p), |(c2, q, _)| (c2, q));
                let d = geodesy::angle_of_chord2(c2) * r;
                Proximity { distance_km: d, beyond_km: d, from: q, along_km: None }
            }
            Shape::Corridor { edges, buffer_km, .. } => {
                let (c2, q, chain) = nearest_edge(edges, p, &mut 0).map_or((0.0, p, 0.0), |(c2, q, arc, c0)| (c2, q, chainage(arc, c0, q, r)));
                let (d, b) = self.reach_of_chord2(c2, *buffer_km);
                Proximity { distance_km: d, beyond_km: b, from: q, along_km: Some(chain) }
            }
        }
    }

    /// The proximity of an incident (unit vector) if it is within `km` beyond the area's edge, else
    /// `None`. Far incidents are rejected by chord length against a cap around the area.
    #[inline]
    pub fn within(&self, p: V3, km: f64) -> Option<Proximity> {
        self.within_cap(p, km, self.cap_chord2(km))
    }

    /// The squared chord bound [`Aoi::within_cap`] tests against, for incidents up to `km` beyond
    /// the edge (compute once per query).
    pub fn cap_chord2(&self, km: f64) -> f64 {
        let reach_km = self.cap.1 * self.earth_radius_km + self.reach_km() + km;
        if reach_km >= std::f64::consts::PI * self.earth_radius_km {
            return f64::INFINITY;
        }
        let limit = geodesy::chord_of_km(reach_km, self.earth_radius_km) * (1.0 + 1e-9) + 1e-12;
        limit * limit
    }

    /// Whether every point of the box (south, west, north, east; degrees, a few km across) lies in
    /// the area, with a margin of 1 km; `false` when unsure. Only sites answer `true`: a box is
    /// inside when its farthest corner is (distance from a point along a parallel or a meridian
    /// grows towards the ends, so the farthest point of a small box is a corner).
    ///
    /// ```
    /// let aoi = riskcard::aoi::site(12.0, -8.0, 50.0, None).unwrap();
    /// assert!(aoi.contains_box((11.9, -8.1, 12.1, -7.9)));
    /// assert!(!aoi.contains_box((11.9, -8.1, 12.5, -7.9))); // the corner (12.5, -8.1) is 56 km away
    /// ```
    pub fn contains_box(&self, (s, w, n, e): Bbox) -> bool {
        let Shape::Site { lat, lon, radius_km } = self.shape else { return false };
        // Cheap rejection on degrees: 1° of latitude ≥ 110 km, of longitude ≥ 110 km × cos of the
        // highest latitude the area reaches.
        let reach_deg = (radius_km - 1.0) / 110.0;
        if reach_deg <= 0.0 || s < lat - reach_deg || n > lat + reach_deg {
            return false;
        }
        let reach_lon = reach_deg / libm::cos((lat.abs() + reach_deg).min(89.0).to_radians());
        if w < lon - reach_lon || e > lon + reach_lon {
            return false;
        }
        let limit = geodesy::chord_of_km(radius_km - 1.0, self.earth_radius_km);
        [(s, w), (s, e), (n, w), (n, e)].iter().all(|&(la, lo)| geodesy::chord2(geodesy::unit(la, lo), self.center) <= limit * limit)
    }

    /// As [`Aoi::within`] with the bound from [`Aoi::cap_chord2`].
    #[inline]
    pub fn within_cap(&self, p: V3, km: f64, chord2: f64) -> Option<Proximity> {
        let c2 = self.cap_test(p, chord2)?;
        let prox = match self.shape {
            Shape::Site { radius_km, .. } => {
                let (d, b) = self.reach_of_chord2(c2, radius_km);
                Proximity { distance_km: d, beyond_km: b, from: self.center, along_km: None }
            }
            _ => self.proximity_unit(p),
        };
        (prox.beyond_km <= km).then_some(prox)
    }

    /// The squared chord from `p` to the centre of the cap around the area, if within `chord2`:
    /// incidents outside are too far, found without trigonometry.
    ///
    /// ```
    /// use riskcard::geodesy::unit;
    /// let aoi = riskcard::aoi::site(12.0, -8.0, 50.0, None).unwrap();
    /// let bound = aoi.cap_chord2(100.0);
    /// assert!(aoi.cap_test(unit(12.5, -8.0), bound).is_some()); // 55 km
    /// assert!(aoi.cap_test(unit(13.5, -8.0), bound).is_none()); // 167 km
    /// ```
    #[inline]
    pub fn cap_test(&self, p: V3, chord2: f64) -> Option<f64> {
        let c2 = geodesy::chord2(p, self.cap.0);
        (c2 <= chord2).then_some(c2)
    }

    /// [`Aoi::within_cap`] for many incidents: `kept` holds (row, squared chord) of those that passed
    /// [`Aoi::cap_test`] against `cap_chord2(km)` (a row is any index the caller keeps positions
    /// by), `unit` gives a row's position; the incidents within `km` beyond the edge are appended
    /// to `out`, in order, with a corridor's chainage in `along_km` for the rows `along` asks it
    /// for (else NaN: the chainage costs an arcsine, and a report needs it only in its window). For a
    /// site this is one tight loop (the distance comes from the chord), which a processor runs
    /// several incidents at a time, where a call per incident would wait for each one's square
    /// root and arcsine in turn.
    ///
    /// ```
    /// use riskcard::geodesy::unit;
    /// let aoi = riskcard::aoi::site(12.0, -8.0, 50.0, None).unwrap();
    /// let pts = [unit(12.5, -8.0), unit(12.0, -7.0)];
    /// let kept: Vec<(u32, f64)> = (0..2).filter_map(|i| aoi.cap_test(pts[i], aoi.cap_chord2(100.0)).map(|c| (i as u32, c))).collect();
    /// let mut out = Vec::new();
    /// aoi.within_kept(&kept, |i| pts[i], 100.0, |_| true, &mut out);
    /// assert_eq!(out.len(), 2);
    /// assert!((out[0].distance_km - 55.5).abs() < 0.1 && (out[0].beyond_km - 5.5).abs() < 0.1, "{:?}", out[0]);
    /// assert!(out[1].distance_km > 108.0 && out[1].along_km.is_nan());
    ///
    /// // A road along 12° N from 8° W to 7° W, 0.1° north of its middle: 11.05 km off, 54.3 km
    /// // along (0.489° of arc on the sphere of 6359 km fitted there); chainage only where asked.
    /// let road = riskcard::aoi::corridor(vec![vec![(12.0, -8.0), (12.0, -7.0)]], 5.0, None).unwrap();
    /// let pts = [unit(12.1, -7.5), unit(12.1, -7.9)];
    /// let mut out = Vec::new();
    /// road.within_kept(&[(0, 0.0), (1, 0.0)], |i| pts[i], 100.0, |i| i == 0, &mut out);
    /// assert!((out[0].along_km - 54.3).abs() < 0.05 && (out[0].distance_km - 11.05).abs() < 0.01, "{:?}", out[0]);
    /// // Near the road's start the great circle has bulged less north of the parallel: 11.08 km.
    /// assert!(out[1].along_km.is_nan() && (out[1].distance_km - 11.08).abs() < 0.01, "{:?}", out[1]);
    /// ```
    pub fn within_kept(&self, kept: &[(u32, f64)], unit: impl Fn(usize) -> V3, km: f64, along: impl Fn(usize) -> bool, out: &mut Vec<Reach>) {
        match &self.shape {
            Shape::Site { radius_km, .. } => {
                for &(row, c2) in kept {
                    let (distance_km, beyond_km) = self.reach_of_chord2(c2, *radius_km);
                    if beyond_km <= km {
                        out.push(Reach { row, distance_km, beyond_km, along_km: f64::NAN });
                    }
                }
                return;
            }
            // The nearest arc's squared chord gives the distance; the chainage only where asked.
            Shape::Corridor { edges, buffer_km, .. } => {
                let mut hint = 0;
                for &(row, _) in kept {
                    let near = nearest_edge(edges, unit(row as usize), &mut hint);
                    let (distance_km, beyond_km) = self.reach_of_chord2(near.map_or(0.0, |n| n.0), *buffer_km);
                    if beyond_km <= km {
                        let along_km = if along(row as usize) { near.map_or(0.0, |(_, q, arc, c0)| chainage(arc, c0, q, self.earth_radius_km)) } else { f64::NAN };
                        out.push(Reach { row, distance_km, beyond_km, along_km });
                    }
                }
                return;
            }
            _ => {}
        }
        for &(row, _) in kept {
            let p = self.proximity_unit(unit(row as usize));
            if p.beyond_km <= km {
                out.push(Reach { row, distance_km: p.distance_km, beyond_km: p.beyond_km, along_km: f64::NAN });
            }
        }
    }

    /// Distance and distance beyond the edge, km, from the squared chord to the area's nearest
    /// point (a site's centre, a corridor's line), for an area reaching `reach_km` from it.
    #[inline]
    fn reach_of_chord2(&self, c2: f64, reach_km: f64) -> (f64, f64) {
        let d = geodesy::angle_of_chord2(c2) * self.earth_radius_km;
        (d, beyond(d, reach_km))
    }
}

/// An incident found by [`Aoi::within_kept`]: its row, and its [`Proximity`] without the point
/// bearings are taken from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reach {
    /// Row (in the store, or whatever the caller numbered the incidents by).
    pub row: u32,
    /// Distance to the area, km.
    pub distance_km: f64,
    /// Distance beyond the area's edge, km.
    pub beyond_km: f64,
    /// For corridors, km along the corridor of the nearest point; NaN otherwise.
    pub along_km: f64,
}

/// How far past `reach_km` a distance `d` lies (0 within; 0 for NaN, as `(d - reach_km).max(0.0)`), by
/// comparison: on wasm32 `f64::max` is a call to `fmax`, and this runs once per candidate.
#[inline]
fn beyond(d: f64, reach_km: f64) -> f64 {
    let b = d - reach_km;
    if b > 0.0 {
        b
    } else {
        0.0
    }
}

/// A box grown by `km` on every side (with margin), clamped to the globe.
fn expand((s, w, n, e): Bbox, km: f64, earth_radius_km: f64) -> Bbox {
    let km = km * 1.01 + 1.0;
    let dlat = (km / earth_radius_km).to_degrees();
    let (s, n) = ((s - dlat).max(-90.0), (n + dlat).min(90.0));
    let maxabs = s.abs().max(n.abs());
    if maxabs >= 89.0 {
        return (s, -180.0, n, 180.0);
    }
    let dlon = dlat / libm::cos(maxabs.to_radians());
    (s, (w - dlon).max(-180.0), n, (e + dlon).min(180.0))
}

/// The nearest arc of `arcs` to `p`: the squared chord to it, its nearest point and its index (the
/// first such arc on a tie, as a plain search in order finds). The search starts at the arc at
/// `*hint` and leaves the index found there: incidents met one after another are close together,
/// so the previous one's arc is a good first guess, and then an arc whose plane alone is farther
/// than the best so far is passed over after one dot product ([`Arc::chord2_floor`]). The test
/// below holds it to a plain search, bit for bit.
pub(crate) fn nearest<T>(arcs: &[T], arc: impl Fn(&T) -> &Arc, p: V3, hint: &mut usize) -> Option<(f64, V3, usize)> {
    let h = if *hint < arcs.len() { *hint } else { 0 };
    let (mut best, mut q) = arc(arcs.get(h)?).nearest_chord2(p);
    let mut at = h;
    for (i, t) in arcs.iter().enumerate() {
        let a = arc(t);
        if i == h || a.chord2_floor(p) > best {
            continue;
        }
        let (c2, qi) = a.nearest_chord2(p);
        if c2 < best || (c2 == best && i < at) {
            (best, q, at) = (c2, qi, i);
        }
    }
    *hint = at;
    Some((best, q, at))
}

/// [`nearest`] over a corridor's edges: the squared chord, the nearest point, the arc and the
/// chainage of its start.
fn nearest_edge<'e>(edges: &'e [(Arc, f64, usize)], p: V3, hint: &mut usize) -> Option<(f64, V3, &'e Arc, f64)> {
    let (c2, q, i) = nearest(edges, |e| &e.0, p, hint)?;
    edges.get(i).map(|(arc, c0, _)| (c2, q, arc, *c0))
}

/// Whether (`lat`, `lon`) lies inside `polygons` (x = lon, y = lat): an odd number of ring edges
/// crossed by a ray east from it, outline and holes alike (the even–odd rule), in plane lon/lat as
/// GeoJSON areas are drawn. Own code, not `geo`'s `Contains`, whose exact predicates were 3 KB of
/// the .wasm (gzipped); a point exactly on an edge may fall either way.
///
/// ```
/// let z = riskcard::aoi::zone(vec![vec![
///     vec![(10.0, 0.0), (10.0, 4.0), (14.0, 4.0), (14.0, 0.0), (10.0, 0.0)],
///     vec![(11.0, 1.0), (11.0, 2.0), (12.0, 2.0), (12.0, 1.0), (11.0, 1.0)],
/// ]], None).unwrap();
/// assert_eq!(z.proximity(13.0, 3.0).distance_km, 0.0); // inside
/// assert!(z.proximity(11.5, 1.5).distance_km > 0.0); // in the hole
/// assert!(z.proximity(15.0, 1.0).distance_km > 100.0); // outside
/// ```
fn in_polygons(polygons: &geo::MultiPolygon<f64>, lat: f64, lon: f64) -> bool {
    let crossings = |ring: &geo::LineString<f64>| {
        ring.0.windows(2).filter(|w| (w[0].y > lat) != (w[1].y > lat) && lon < w[0].x + (lat - w[0].y) * (w[1].x - w[0].x) / (w[1].y - w[0].y)).count()
    };
    polygons.0.iter().any(|p| (crossings(p.exterior()) + p.interiors().iter().map(crossings).sum::<usize>()) % 2 == 1)
}

/// The chainage, km, of the point `q` of `arc`, whose start lies `c0` km along the corridor.
fn chainage(arc: &Arc, c0: f64, q: V3, earth_radius_km: f64) -> f64 {
    c0 + geodesy::angle(arc.a, q) * earth_radius_km
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What [`nearest`] must equal: every arc measured, in order, the first minimum kept.
    fn plain(arcs: &[Arc], p: V3) -> Option<(f64, V3, usize)> {
        let mut best: Option<(f64, V3, usize)> = None;
        for (i, a) in arcs.iter().enumerate() {
            let (c2, q) = a.nearest_chord2(p);
            if best.is_none_or(|b| c2 < b.0) {
                best = Some((c2, q, i));
            }
        }
        best
    }

    /// A position as the store keeps it: a unit vector rounded to `f32`.
    fn stored(u: V3) -> V3 {
        u.map(|x| x as f32 as f64)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// From any first guess, the search finds what a plain search finds, to the bit, ties
        /// included (points on vertices, repeated vertices), and the floor is never above the chord.
        #[test]
        fn nearest_from_a_hint_is_the_plain_search(
            verts in prop::collection::vec((10.0f64..16.0, -10.0f64..2.0), 2..12),
            pts in prop::collection::vec((9.0f64..17.0, -11.0f64..3.0), 1..40),
            on_vertex in prop::collection::vec(0usize..12, 0..6),
            hint0 in 0usize..16,
        ) {
            let mut v: Vec<V3> = verts.iter().map(|&(la, lo)| geodesy::unit(la, lo)).collect();
            v.push(v[0]); // a closed ring: the first vertex is met twice
            let arcs: Vec<Arc> = v.windows(2).map(|w| Arc::new(w[0], w[1])).collect();
            let mut ps: Vec<V3> = pts.iter().map(|&(la, lo)| stored(geodesy::unit(la, lo))).collect();
            ps.extend(on_vertex.iter().map(|&i| stored(v[i % v.len()])));
            let mut hint = hint0;
            for p in ps {
                let got = nearest(&arcs, |a| a, p, &mut hint);
                let want = plain(&arcs, p);
                prop_assert_eq!(got.map(|g| (g.0.to_bits(), g.1, g.2)), want.map(|w| (w.0.to_bits(), w.1, w.2)));
                prop_assert_eq!(Some(hint), want.map(|w| w.2));
                for a in &arcs {
                    prop_assert!(a.chord2_floor(p) <= a.nearest_chord2(p).0);
                }
            }
        }
    }
}
