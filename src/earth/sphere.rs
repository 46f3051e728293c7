//! Distances on a sphere fitted to WGS84 where the area of interest is.
//!
//! Every distance is a great-circle distance on a sphere whose radius is the Gaussian mean radius of
//! curvature of the WGS84 ellipsoid, √(MN), at the latitude of the area of interest. Against true
//! WGS84 geodesics this errs by at most ±(M−N)/2√(MN) ≈ ±0.34 % at the equator (less elsewhere) for
//! distances up to a few hundred km, where the single mean radius 6371.0088 km errs by up to 0.56 %
//! north–south near the equator (Mali and Burkina Faso lie at 10–25° N). The test `tests/geodesy.rs`
//! measures the error against Karney's geodesics. All transcendental functions come from `libm`, so
//! native and WebAssembly builds give bit-identical numbers.

/// WGS84 semi-major axis, km.
pub const WGS84_A_KM: f64 = 6378.137;
/// WGS84 flattening.
pub const WGS84_F: f64 = 1.0 / 298.257_223_563;

/// A unit vector on the sphere (n-vector).
pub type V3 = [f64; 3];

/// Gaussian mean radius of curvature √(MN) of WGS84 at latitude `lat_deg`, km.
///
/// ```
/// let r = riskcard::geodesy::local_radius_km(15.0);
/// assert!((r - 6359.6).abs() < 0.1, "{r}");
/// ```
pub fn local_radius_km(lat_deg: f64) -> f64 {
    let e2 = WGS84_F * (2.0 - WGS84_F);
    let s = libm::sin(lat_deg.to_radians());
    WGS84_A_KM * (1.0 - e2).sqrt() / (1.0 - e2 * s * s)
}

/// Unit vector of a latitude/longitude in degrees.
pub fn unit(lat_deg: f64, lon_deg: f64) -> V3 {
    // sincos: one argument reduction for both (the same values as sin and cos, tested); this runs
    // once per incident loaded.
    let ((sla, cla), (slo, clo)) = (libm::sincos(lat_deg.to_radians()), libm::sincos(lon_deg.to_radians()));
    [cla * clo, cla * slo, sla]
}

/// Chord length (on the unit sphere) of a great-circle distance of `km` on a sphere of `r_km`.
///
/// ```
/// let c = riskcard::geodesy::chord_of_km(100.0, 6371.0);
/// assert!((riskcard::geodesy::angle([1.0, 0.0, 0.0], [1.0 - c * c / 2.0, c * (1.0 - c * c / 4.0).sqrt(), 0.0]) * 6371.0 - 100.0).abs() < 1e-9);
/// ```
pub fn chord_of_km(km: f64, r_km: f64) -> f64 {
    2.0 * libm::sin((km / r_km).min(std::f64::consts::PI) / 2.0)
}

/// Latitude and longitude (degrees) of a unit vector.
pub fn lat_lon(v: V3) -> (f64, f64) {
    let lat = libm::atan2(v[2], (v[0] * v[0] + v[1] * v[1]).sqrt()).to_degrees();
    let lon = libm::atan2(v[1], v[0]).to_degrees();
    (lat, lon)
}

fn sub(a: V3, b: V3) -> V3 {
    [a[0] - b[0], a[1] - b[1], a[2] - b[2]]
}
fn dot(a: V3, b: V3) -> f64 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}
fn cross(a: V3, b: V3) -> V3 {
    [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]
}
fn norm(a: V3) -> f64 {
    dot(a, a).sqrt()
}
fn scale(a: V3, k: f64) -> V3 {
    [a[0] * k, a[1] * k, a[2] * k]
}

/// Central angle between two unit vectors, radians (the haversine formula in chord form).
///
/// ```
/// use riskcard::geodesy::{angle, unit};
/// // 1° of longitude on the equator; and the antipode.
/// assert!((angle(unit(0.0, 0.0), unit(0.0, 1.0)) - 1f64.to_radians()).abs() < 1e-15);
/// assert!((angle(unit(0.0, 0.0), unit(0.0, 180.0)) - std::f64::consts::PI).abs() < 1e-15);
/// ```
pub fn angle(a: V3, b: V3) -> f64 {
    angle_of_chord2(chord2(a, b))
}

/// Squared chord between two unit vectors: what cap tests compare, without trigonometry.
///
/// ```
/// use riskcard::geodesy::{chord2, unit};
/// assert!((chord2(unit(0.0, 0.0), unit(0.0, 90.0)) - 2.0).abs() < 1e-15);
/// ```
pub fn chord2(a: V3, b: V3) -> f64 {
    let d = sub(a, b);
    dot(d, d)
}

/// Central angle, radians, of a squared chord between unit vectors.
///
/// ```
/// // A chord of √2 is a quarter circle.
/// assert!((riskcard::geodesy::angle_of_chord2(2.0) - std::f64::consts::FRAC_PI_2).abs() < 1e-15);
/// ```
pub fn angle_of_chord2(c2: f64) -> f64 {
    // Comparisons, not f64::min: on wasm32 `min` is a call to `fmin` (NaN rules differ).
    let x = c2.sqrt() / 2.0;
    2.0 * asin(if x < 1.0 { x } else { 1.0 })
}

/// arcsin: its Taylor series for |x| ≤ 0.02 (angles up to ~250 km, where nearly every distance
/// the scoring takes lies; the first left-out term is below 10⁻¹⁷ of x), `libm::asin` beyond.
fn asin(x: f64) -> f64 {
    if x.abs() > 0.02 {
        return libm::asin(x);
    }
    // Estrin's scheme, not Horner's: the same terms, about half the chain of dependent
    // multiply-adds (this runs once per candidate).
    let x2 = x * x;
    let x4 = x2 * x2;
    let q = (1.0 / 6.0 + x2 * (3.0 / 40.0)) + x4 * ((5.0 / 112.0 + x2 * (35.0 / 1152.0)) + x4 * (63.0 / 2816.0));
    x + x * (x2 * q)
}

/// Great-circle distance in km between two points given in degrees, on a sphere of radius `r_km`.
///
/// ```
/// use riskcard::geodesy::{distance_km, local_radius_km};
/// // Bamako (12.65 N, 8.0 W) to Kati (12.7441 N, 8.0726 W): 13.1 km.
/// let d = distance_km(12.65, -8.0, 12.7441, -8.0726, local_radius_km(12.7));
/// assert!((d - 13.09).abs() < 0.02, "{d}");
/// ```
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64, r_km: f64) -> f64 {
    angle(unit(lat1, lon1), unit(lat2, lon2)) * r_km
}

/// Initial bearing in degrees clockwise from north (0–360) from point 1 to point 2.
///
/// ```
/// let b = riskcard::geodesy::bearing_deg(12.0, -8.0, 13.0, -8.0);
/// assert!(b.abs() < 1e-9);
/// let e = riskcard::geodesy::bearing_deg(12.0, -8.0, 12.0, -7.0);
/// assert!((e - 89.9).abs() < 0.1, "{e}");
/// ```
pub fn bearing_deg(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dl = (lon2 - lon1).to_radians();
    let y = libm::sin(dl) * libm::cos(p2);
    let x = libm::cos(p1) * libm::sin(p2) - libm::sin(p1) * libm::cos(p2) * libm::cos(dl);
    let b = libm::atan2(y, x).to_degrees();
    if b < 0.0 {
        b + 360.0
    } else {
        b
    }
}

/// The 16-point compass name of a bearing.
///
/// ```
/// assert_eq!(riskcard::geodesy::compass(350.0), "N");
/// assert_eq!(riskcard::geodesy::compass(200.0), "SSW");
/// ```
pub fn compass(bearing: f64) -> &'static str {
    const P: [&str; 16] = ["N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW"];
    let i = ((bearing.rem_euclid(360.0) / 22.5) + 0.5) as usize % 16;
    P[i]
}

/// A great-circle arc between two vertices, with its pole precomputed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Arc {
    /// Start.
    pub a: V3,
    /// End.
    pub b: V3,
    /// Unit normal of the arc's plane (zero for a degenerate arc).
    pub n: V3,
    /// Central angle a→b, radians.
    pub len: f64,
}

impl Arc {
    /// The arc between two unit vectors.
    pub fn new(a: V3, b: V3) -> Arc {
        let c = cross(a, b);
        let l = norm(c);
        let n = if l > 1e-15 { scale(c, 1.0 / l) } else { [0.0; 3] };
        Arc { a, b, n, len: angle(a, b) }
    }

    /// Angle (radians) from `p` to the nearest point of the arc, and that point.
    ///
    /// ```
    /// use riskcard::geodesy::{Arc, unit, lat_lon};
    /// // An arc along the equator from 0° to 10° E; a point at 1° N, 5° E is 1° from it.
    /// let arc = Arc::new(unit(0.0, 0.0), unit(0.0, 10.0));
    /// let (ang, q) = arc.nearest(unit(1.0, 5.0));
    /// assert!((ang.to_degrees() - 1.0).abs() < 1e-9);
    /// let (lat, lon) = lat_lon(q);
    /// assert!(lat.abs() < 1e-9 && (lon - 5.0).abs() < 1e-9);
    /// ```
    pub fn nearest(&self, p: V3) -> (f64, V3) {
        let (c2, q) = self.nearest_chord2(p);
        (angle_of_chord2(c2), q)
    }

    /// As [`Arc::nearest`], with the squared chord instead of the angle (no trigonometry: what a
    /// search for the nearest of several arcs compares).
    ///
    /// ```
    /// use riskcard::geodesy::{Arc, angle_of_chord2, unit};
    /// let arc = Arc::new(unit(0.0, 0.0), unit(0.0, 10.0));
    /// // 1° north of the middle, and 1° east past the end (there the end is nearest).
    /// assert!((angle_of_chord2(arc.nearest_chord2(unit(1.0, 5.0)).0).to_degrees() - 1.0).abs() < 1e-9);
    /// assert!((angle_of_chord2(arc.nearest_chord2(unit(0.0, 11.0)).0).to_degrees() - 1.0).abs() < 1e-9);
    /// ```
    pub fn nearest_chord2(&self, p: V3) -> (f64, V3) {
        if self.n != [0.0; 3] {
            let s = dot(p, self.n);
            let q = sub(p, scale(self.n, s));
            let ql = norm(q);
            if ql > 1e-12 {
                let q = scale(q, 1.0 / ql);
                if dot(cross(self.a, q), self.n) >= 0.0 && dot(cross(q, self.b), self.n) >= 0.0 {
                    // p = ql·q + s·n with q, n orthogonal unit vectors: |p − q|² = 2 − 2·ql,
                    // written without the cancellation (1 − ql = s² / (1 + ql)).
                    return (2.0 * s * s / (1.0 + ql), q);
                }
            }
        }
        let (ca, cb) = (chord2(p, self.a), chord2(p, self.b));
        if ca <= cb {
            (ca, self.a)
        } else {
            (cb, self.b)
        }
    }

    /// A floor under [`Arc::nearest_chord2`] from one dot product: every point of the arc lies in
    /// its plane, so no chord from `p` to it is shorter than `p`'s distance to that plane. Set a
    /// little lower (`p` may be a unit vector only to `f32` precision, as the store keeps them)
    /// so that it is never above what `nearest_chord2` computes.
    ///
    /// ```
    /// use riskcard::geodesy::{Arc, unit};
    /// let arc = Arc::new(unit(0.0, 0.0), unit(0.0, 10.0));
    /// // 1° north of the equator, but 20° east of the arc's end: the floor is the 1°'s chord².
    /// let p = unit(1.0, 30.0);
    /// let floor = arc.chord2_floor(p);
    /// assert!((floor - 1f64.to_radians().sin().powi(2)).abs() < 1e-9 && floor < arc.nearest_chord2(p).0);
    /// ```
    pub fn chord2_floor(&self, p: V3) -> f64 {
        let s = dot(p, self.n).abs() - 1e-15;
        if s > 0.0 {
            s * s * (1.0 - 1e-6) - 1e-20
        } else {
            0.0
        }
    }

    /// The point a fraction `t` (0–1) of the way along the arc.
    pub fn point_at(&self, t: f64) -> V3 {
        if self.len < 1e-15 {
            return self.a;
        }
        let s = libm::sin(self.len);
        let (ka, kb) = (libm::sin((1.0 - t) * self.len) / s, libm::sin(t * self.len) / s);
        let v = [ka * self.a[0] + kb * self.b[0], ka * self.a[1] + kb * self.b[1], ka * self.a[2] + kb * self.b[2]];
        let l = norm(v);
        scale(v, 1.0 / l)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn series_asin_agrees_with_libm() {
        for i in 0..=20_000 {
            let x = i as f64 * 1e-6;
            let (a, b) = (super::asin(x), libm::asin(x));
            assert!((a - b).abs() <= 2.0 * f64::EPSILON * b, "{x}: {a} vs {b}");
            assert_eq!(super::asin(-x), -a);
        }
        assert_eq!(super::asin(0.5), libm::asin(0.5));
    }

    use super::*;

    #[test]
    fn unit_is_the_cosines_and_sines() {
        for i in 0..=36_000 {
            let (lat, lon) = (-90.0 + i as f64 * 0.005, -180.0 + i as f64 * 0.01);
            let (la, lo) = (lat.to_radians(), lon.to_radians());
            let c = libm::cos(la);
            assert_eq!(unit(lat, lon), [c * libm::cos(lo), c * libm::sin(lo), libm::sin(la)], "{lat} {lon}");
        }
    }

    #[test]
    fn arc_endpoints_and_interpolation() {
        let arc = Arc::new(unit(12.0, -8.0), unit(13.0, -6.0));
        let (d, q) = arc.nearest(unit(14.0, -5.0));
        assert!((d - angle(unit(14.0, -5.0), arc.b)).abs() < 1e-12);
        assert_eq!(q, arc.b);
        let mid = arc.point_at(0.5);
        assert!((angle(arc.a, mid) - angle(mid, arc.b)).abs() < 1e-12);
        assert!(arc.nearest(mid).0 < 1e-9);
    }

    #[test]
    fn degenerate_arc_is_a_point() {
        let a = unit(12.0, -8.0);
        let arc = Arc::new(a, a);
        let p = unit(12.5, -8.0);
        assert!((arc.nearest(p).0 - angle(a, p)).abs() < 1e-15);
    }
}
