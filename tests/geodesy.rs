//! The sphere model against WGS84 geodesics (Karney's algorithm, via geo's `Geodesic`), across the
//! region the product serves and beyond.

use geo::{Distance, Geodesic, Haversine, Point};
use proptest::prelude::*;
use riskcard::geodesy::{distance_km, local_radius_km};

/// Relative error of our distance against the WGS84 geodesic for a pair of points.
fn errors(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> (f64, f64) {
    let wgs: f64 = Geodesic.distance(Point::new(lon1, lat1), Point::new(lon2, lat2)) / 1000.0;
    let ours = distance_km(lat1, lon1, lat2, lon2, local_radius_km((lat1 + lat2) / 2.0));
    let mean: f64 = Haversine.distance(Point::new(lon1, lat1), Point::new(lon2, lat2)) / 1000.0;
    ((ours - wgs) / wgs, (mean - wgs) / wgs)
}

#[test]
fn north_south_at_ten_degrees_is_where_the_mean_radius_fails() {
    // 100 km due north from 10° N (southern Burkina Faso / Mali): the mean-radius sphere is 0.53 %
    // long; the local sphere is within 0.35 %.
    let (ours, mean) = errors(10.0, -5.0, 10.9, -5.0);
    assert!(mean > 0.005, "mean-radius error {mean}");
    assert!(ours.abs() < 0.0035, "local-sphere error {ours}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Anywhere between 5° S and 35° N (the Sahel and West Africa with margin), up to 1000 km.
    #[test]
    fn error_under_half_a_percent(lat in -5.0f64..35.0, lon in -20.0f64..20.0, bearing in 0.0f64..360.0, km in 1.0f64..1000.0) {
        let d = km / 6371.0;
        let (la, b) = (lat.to_radians(), bearing.to_radians());
        let lat2 = (la.sin() * d.cos() + la.cos() * d.sin() * b.cos()).asin();
        let lon2 = lon.to_radians() + (b.sin() * d.sin() * la.cos()).atan2(d.cos() - la.sin() * lat2.sin());
        let (ours, _) = errors(lat, lon, lat2.to_degrees(), lon2.to_degrees());
        prop_assert!(ours.abs() < 0.0036, "error {} at {lat},{lon} bearing {bearing} {km} km", ours);
    }
}
