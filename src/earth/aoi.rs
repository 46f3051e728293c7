//! Areas of interest from GeoJSON (RFC 7946, lon/lat order): a site (Point + `radius_km`), a zone
//! (Polygon / MultiPolygon) or a corridor (LineString / MultiLineString + `buffer_km`). A
//! FeatureCollection is a portfolio. Invalid input is refused with a message that says what is wrong.
//! Positions are (lat, lon) in every signature here; GeoJSON's [lon, lat] order stays at the edge,
//! where coordinates are read.

use super::sphere::{self as geodesy, Arc, V3};
use crate::error::{Error, Result};
use crate::message::Message;
use crate::store::Bbox;
use crate::text::json::{self, Value};

/// Largest accepted site radius, km.
pub const MAX_RADIUS_KM: f64 = 1000.0;
/// Largest accepted corridor buffer, km.
pub const MAX_BUFFER_KM: f64 = 200.0;

/// The geometry of an area of interest, prepared for distance queries.
#[derive(Debug, Clone)]
pub enum Shape {
    /// A point with a radius.
    Site {
        /// Latitude, degrees.
        lat: f64,
        /// Longitude, degrees.
        lon: f64,
        /// Radius, km.
        radius_km: f64,
    },
    /// Polygons (holes allowed); distance 0 inside.
    Zone {
        /// The polygons, x = lon, y = lat.
        polygons: geo::MultiPolygon<f64>,
        /// Every ring edge as an arc.
        edges: Vec<Arc>,
    },
    /// Lines with a buffer.
    Corridor {
        /// The line parts as (lat, lon) vertices.
        lines: Vec<Vec<(f64, f64)>>,
        /// Arcs with the chainage (km along the corridor) of their start and their part index.
        edges: Vec<(Arc, f64, usize)>,
        /// Buffer, km.
        buffer_km: f64,
        /// Total length, km.
        length_km: f64,
    },
}

/// An area of interest.
#[derive(Debug, Clone)]
pub struct Aoi {
    /// The `name` property, if any.
    pub name: Option<String>,
    /// Geometry.
    pub shape: Shape,
    /// Sphere radius used for this area (see [`geodesy`]).
    pub earth_radius_km: f64,
    /// Bounding box of the vertices: (min_lat, min_lon, max_lat, max_lon).
    pub bbox: Bbox,
    /// Largest great-circle bulge of an edge beyond its vertices' box, km.
    pub(super) bulge_km: f64,
    /// Where bearings are taken from for a site, and for incidents inside a zone (its centroid).
    pub anchor: (f64, f64),
    /// `anchor` as a unit vector.
    pub(super) center: V3,
    /// A spherical cap holding the whole geometry: centre and angular radius (radians).
    pub(super) cap: (V3, f64),
}

/// One area, or a portfolio of areas (a FeatureCollection).
#[derive(Debug, Clone)]
pub enum AoiInput {
    /// A single Feature or Geometry.
    One(Aoi),
    /// A FeatureCollection: each feature assessed, results ranked.
    Portfolio(Vec<Aoi>),
}

impl AoiInput {
    /// The areas: one, or the portfolio's in the order given.
    ///
    /// ```
    /// use riskcard::aoi::{site, AoiInput};
    /// let two = AoiInput::Portfolio(vec![site(12.0, -8.0, 5.0, Some("A".into())).unwrap(), site(13.0, -2.0, 5.0, None).unwrap()]);
    /// assert_eq!(two.areas().iter().map(|a| a.name.as_deref()).collect::<Vec<_>>(), [Some("A"), None]);
    /// assert_eq!(AoiInput::One(site(12.0, -8.0, 5.0, None).unwrap()).areas().len(), 1);
    /// ```
    pub fn areas(&self) -> &[Aoi] {
        match self {
            AoiInput::One(a) => std::slice::from_ref(a),
            AoiInput::Portfolio(list) => list,
        }
    }
}

impl Aoi {
    /// `site`, `zone` or `corridor`.
    pub fn kind(&self) -> &'static str {
        match self.shape {
            Shape::Site { .. } => "site",
            Shape::Zone { .. } => "zone",
            Shape::Corridor { .. } => "corridor",
        }
    }

    /// Radius (site), buffer (corridor) or 0 (zone), km: how far from the geometry still counts as in.
    pub fn reach_km(&self) -> f64 {
        match self.shape {
            Shape::Site { radius_km, .. } => radius_km,
            Shape::Zone { .. } => 0.0,
            Shape::Corridor { buffer_km, .. } => buffer_km,
        }
    }
}

/// A site AOI from numbers (the `site="lat,lon,radius_km"` shorthand).
///
/// ```
/// assert!(riskcard::aoi::site(12.0, -8.0, 0.0, None).is_err());
/// assert_eq!(riskcard::aoi::site(12.0, -8.0, 30.0, None).unwrap().kind(), "site");
/// ```
pub fn site(lat: f64, lon: f64, radius_km: f64, name: Option<String>) -> Result<Aoi> {
    check_position(lat, lon)?;
    check_reach(radius_km, "radius_km", MAX_RADIUS_KM)?;
    Ok(Aoi::new(name, Shape::Site { lat, lon, radius_km }, vec![(lat, lon)], 0.0))
}

fn check_reach(v: f64, name: &str, max: f64) -> Result<()> {
    if !v.is_finite() || v <= 0.0 {
        return Err(Error::Aoi(Message::reach_not_positive(name.into(), v)));
    }
    if v > max {
        return Err(Error::Aoi(Message::reach_too_large(name.into(), v, max)));
    }
    Ok(())
}

fn check_position(lat: f64, lon: f64) -> Result<()> {
    if !lon.is_finite() || !lat.is_finite() || lon.abs() > 180.0 || lat.abs() > 90.0 {
        return Err(Error::Aoi(Message::aoi_position_out_of_range(lon, lat)));
    }
    Ok(())
}

impl Aoi {
    /// The area of `shape`, with its `vertices` (lat, lon) and the largest bulge of its edges
    /// (km): the box, the sphere fitted at its latitude, the anchor bearings are taken from, and
    /// the cap that holds it.
    fn new(name: Option<String>, shape: Shape, vertices: Vec<(f64, f64)>, bulge_km: f64) -> Aoi {
        let mut bbox = (90.0f64, 180.0f64, -90.0f64, -180.0f64);
        for &(la, lo) in &vertices {
            bbox = (bbox.0.min(la), bbox.1.min(lo), bbox.2.max(la), bbox.3.max(lo));
        }
        let mid_lat = mid_lat(&vertices);
        let anchor = match &shape {
            Shape::Zone { polygons, .. } => centroid(polygons).unwrap_or((mid_lat, (bbox.1 + bbox.3) / 2.0)),
            _ => vertices.first().copied().unwrap_or((0.0, 0.0)),
        };
        let earth_radius_km = geodesy::local_radius_km(mid_lat);
        let units: Vec<V3> = vertices.iter().map(|&(la, lo)| geodesy::unit(la, lo)).collect();
        let sum = units.iter().fold([0.0; 3], |a, v| [a[0] + v[0], a[1] + v[1], a[2] + v[2]]);
        let len = (sum[0] * sum[0] + sum[1] * sum[1] + sum[2] * sum[2]).sqrt();
        let cap = if len > 1e-9 {
            let c = [sum[0] / len, sum[1] / len, sum[2] / len];
            let r = units.iter().map(|v| geodesy::angle(c, *v)).fold(0.0, f64::max) + bulge_km / earth_radius_km;
            (c, r)
        } else {
            ([1.0, 0.0, 0.0], std::f64::consts::PI)
        };
        let center = geodesy::unit(anchor.0, anchor.1);
        // A site's cap is centred exactly on it, so `within_cap` and `within_kept` can take the
        // distance from its chord.
        let cap = if matches!(shape, Shape::Site { .. }) { (center, 0.0) } else { cap };
        Aoi { name, shape, earth_radius_km, bbox, bulge_km, anchor, center, cap }
    }
}

/// The area-weighted centroid (lat, lon) of polygons in plane lon/lat (holes taken off), `None`
/// when they have no area. Own code, not `geo`'s `Centroid` (2 KB of the .wasm).
fn centroid(polygons: &geo::MultiPolygon<f64>) -> Option<(f64, f64)> {
    // A ring's signed area and its first moments (the shoelace formula).
    let ring = |l: &geo::LineString<f64>| {
        l.0.windows(2).fold((0.0, 0.0, 0.0), |(a, mx, my), w| {
            let cross = w[0].x * w[1].y - w[1].x * w[0].y;
            (a + cross / 2.0, mx + (w[0].x + w[1].x) * cross / 6.0, my + (w[0].y + w[1].y) * cross / 6.0)
        })
    };
    let (mut a, mut mx, mut my) = (0.0, 0.0, 0.0);
    for p in &polygons.0 {
        // The outline counts positive whichever way it winds, holes negative.
        let (oa, ox, oy) = ring(p.exterior());
        let sign = if oa < 0.0 { -1.0 } else { 1.0 };
        (a, mx, my) = (a + sign * oa, mx + sign * ox, my + sign * oy);
        for h in p.interiors() {
            let (ha, hx, hy) = ring(h);
            let s = if ha < 0.0 { 1.0 } else { -1.0 };
            (a, mx, my) = (a + s * ha, mx + s * hx, my + s * hy);
        }
    }
    (a.abs() > 1e-12).then(|| (my / a, mx / a))
}

/// Middle of the latitude range of some (lat, lon) vertices: where the sphere is fitted.
fn mid_lat(vertices: &[(f64, f64)]) -> f64 {
    let (lo, hi) = vertices.iter().fold((90.0f64, -90.0f64), |(lo, hi), &(la, _)| (lo.min(la), hi.max(la)));
    if lo > hi {
        0.0
    } else {
        (lo + hi) / 2.0
    }
}

/// Reads an AOI from GeoJSON text: a Feature, a bare Geometry, or a FeatureCollection (portfolio).
///
/// ```
/// use riskcard::aoi::{parse, AoiInput};
/// let a = parse(r#"{"type":"Feature","properties":{"name":"Syama","radius_km":30},
///                   "geometry":{"type":"Point","coordinates":[-6.58,10.80]}}"#).unwrap();
/// let AoiInput::One(aoi) = a else { panic!() };
/// assert_eq!((aoi.kind(), aoi.name.as_deref(), aoi.reach_km()), ("site", Some("Syama"), 30.0));
/// let e = parse(r#"{"type":"Polygon","coordinates":[[[0,10],[1,10],[1,11]]]}"#).unwrap_err();
/// assert!(e.to_string().contains("not closed"), "{e}");
/// ```
pub fn parse(text: &str) -> Result<AoiInput> {
    let v = json::parse(text).map_err(|e| Error::Aoi(Message::aoi_not_json(e.problem, e.line, e.column)))?;
    from_value(&v)
}

/// As [`parse`], from an already parsed JSON value.
pub fn from_value(v: &Value) -> Result<AoiInput> {
    let Value::Object(_) = v else { return Err(Error::Aoi(Message::aoi_not_object())) };
    match v.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => {
            let Some(Value::Array(features)) = v.get("features") else {
                return Err(Error::Aoi(Message::aoi_no_features_array()));
            };
            if features.is_empty() {
                return Err(Error::Aoi(Message::aoi_no_features()));
            }
            let mut out = Vec::with_capacity(features.len());
            for (i, f) in features.iter().enumerate() {
                let aoi = feature(f).map_err(|e| {
                    let name = f.get("properties").and_then(|p| p.get("name")).and_then(Value::as_str);
                    let (feature, detail) = (i as u64 + 1, e.message().clone());
                    Error::Aoi(match name {
                        Some(n) => Message::in_named_feature(feature, n.to_string(), detail),
                        None => Message::in_feature(feature, detail),
                    })
                })?;
                out.push(aoi);
            }
            Ok(AoiInput::Portfolio(out))
        }
        _ => feature(v).map(AoiInput::One),
    }
}

fn feature(v: &Value) -> Result<Aoi> {
    let Value::Object(_) = v else { return Err(Error::Aoi(Message::aoi_feature_not_object())) };
    let empty = Value::Object(Vec::new());
    let (props, geom) = match v.get("type").and_then(Value::as_str) {
        Some("Feature") => {
            let props = match v.get("properties") {
                Some(p @ Value::Object(_)) => p,
                Some(Value::Null) | None => &empty,
                Some(_) => return Err(Error::Aoi(Message::aoi_properties_not_object())),
            };
            match v.get("geometry") {
                Some(g @ Value::Object(_)) => (props, g),
                _ => return Err(Error::Aoi(Message::aoi_no_geometry())),
            }
        }
        Some(_) => (&empty, v),
        None => return Err(Error::Aoi(Message::aoi_no_type())),
    };
    let name = props.get("name").and_then(|n| match n {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(x) => Some(x.to_string()),
        _ => None,
    });
    let ty = geom.get("type").and_then(Value::as_str).unwrap_or("");
    let coords = geom.get("coordinates");
    fn need<'v, 'a>(c: Option<&'v Value<'a>>, ty: &str) -> Result<&'v Value<'a>> {
        c.ok_or_else(|| Error::Aoi(Message::aoi_no_coordinates(ty.to_string())))
    }
    match ty {
        "Point" => {
            let (lat, lon) = position(need(coords, ty)?)?;
            let radius = number_prop(props, "radius_km")?.ok_or(Error::Aoi(Message::aoi_site_needs_radius()))?;
            site(lat, lon, radius, name)
        }
        "Polygon" | "MultiPolygon" => {
            let polys: Vec<&Value> = if ty == "Polygon" { vec![need(coords, ty)?] } else { array(need(coords, ty)?, Message::aoi_multipolygon_not_array())?.iter().collect() };
            let polys = polys.into_iter().map(|p| array(p, Message::aoi_polygon_not_array())?.iter().map(positions).collect::<Result<Vec<_>>>()).collect::<Result<Vec<_>>>()?;
            zone(polys, name)
        }
        "LineString" | "MultiLineString" => {
            let parts: Vec<&Value> =
                if ty == "LineString" { vec![need(coords, ty)?] } else { array(need(coords, ty)?, Message::aoi_multilinestring_not_array())?.iter().collect() };
            if parts.is_empty() {
                return Err(Error::Aoi(Message::aoi_multilinestring_empty()));
            }
            let buffer = number_prop(props, "buffer_km")?.ok_or(Error::Aoi(Message::aoi_corridor_needs_buffer()))?;
            let lines = parts.into_iter().map(positions).collect::<Result<Vec<_>>>()?;
            corridor(lines, buffer, name)
        }
        "" => Err(Error::Aoi(Message::aoi_geometry_no_type())),
        other => Err(Error::Aoi(Message::aoi_geometry_unsupported(other.to_string()))),
    }
}

/// A zone AOI from polygons, each its rings of (lat, lon) vertices (the first ring the outline, the
/// others holes), every ring closed.
///
/// ```
/// // A 1° square around 12° N 8° W: 12,022 km² on the sphere fitted there.
/// let z = riskcard::aoi::zone(vec![vec![vec![(11.5, -8.5), (11.5, -7.5), (12.5, -7.5), (12.5, -8.5), (11.5, -8.5)]]], None).unwrap();
/// assert_eq!((z.kind(), (z.area_km2() / 1000.0).round()), ("zone", 12.0));
/// ```
pub fn zone(polys: Vec<Vec<Vec<(f64, f64)>>>, name: Option<String>) -> Result<Aoi> {
    if polys.is_empty() {
        return Err(Error::Aoi(Message::aoi_multipolygon_empty()));
    }
    let mut polygons = Vec::new();
    let (mut edges, mut vertices) = (Vec::new(), Vec::new());
    let mut bulge: f64 = 0.0;
    for rings in polys {
        if rings.is_empty() {
            return Err(Error::Aoi(Message::aoi_polygon_no_rings()));
        }
        let mut poly_rings = Vec::new();
        for (ri, pts) in rings.iter().enumerate() {
            let (Some(&first), Some(&last)) = (pts.first(), pts.last()) else {
                return Err(Error::Aoi(Message::aoi_ring_empty(ri as u64 + 1)));
            };
            if first != last {
                return Err(Error::Aoi(Message::aoi_ring_not_closed(ri as u64 + 1, first.1, first.0, last.1, last.0)));
            }
            if pts.len() < 4 {
                return Err(Error::Aoi(Message::aoi_ring_too_short(ri as u64 + 1, pts.len() as u64)));
            }
            for &(lat, lon) in pts {
                check_position(lat, lon)?;
            }
            bulge = bulge.max(add_arcs(pts, &mut edges));
            vertices.extend(pts.iter().copied());
            poly_rings.push(geo::LineString::from(pts.iter().map(|&(la, lo)| (lo, la)).collect::<Vec<_>>()));
        }
        let mut it = poly_rings.into_iter();
        let exterior = it.next().unwrap_or_else(|| geo::LineString::new(vec![]));
        polygons.push(geo::Polygon::new(exterior, it.collect()));
    }
    Ok(Aoi::new(name, Shape::Zone { polygons: geo::MultiPolygon(polygons), edges }, vertices, bulge))
}

impl Aoi {
    /// The area, km², on the sphere fitted at the area's latitude: a site's spherical cap; a zone's
    /// polygons (outlines less holes, by the Chamberlain–Duquette formula, exact for great-circle
    /// edges to within a few parts in a thousand at these sizes); a corridor's buffer as
    /// 2 × buffer × length + π × buffer² (the overlap of the buffer at bends is not taken off).
    ///
    /// ```
    /// let site = riskcard::aoi::site(12.0, -8.0, 50.0, None).unwrap();
    /// assert!((site.area_km2() - std::f64::consts::PI * 2500.0).abs() < 2.0, "{}", site.area_km2());
    /// ```
    pub fn area_km2(&self) -> f64 {
        let r = self.earth_radius_km;
        match &self.shape {
            Shape::Site { radius_km, .. } => 2.0 * std::f64::consts::PI * r * r * (1.0 - libm::cos(radius_km / r)),
            Shape::Zone { polygons, .. } => {
                let ring = |l: &geo::LineString<f64>| -> f64 {
                    let sum: f64 = l.0.windows(2).map(|w| (w[1].x - w[0].x).to_radians() * (2.0 + libm::sin(w[0].y.to_radians()) + libm::sin(w[1].y.to_radians()))).sum();
                    (sum * r * r / 2.0).abs()
                };
                polygons.0.iter().map(|p| ring(p.exterior()) - p.interiors().iter().map(ring).sum::<f64>()).sum()
            }
            Shape::Corridor { buffer_km, length_km, .. } => 2.0 * buffer_km * length_km + std::f64::consts::PI * buffer_km * buffer_km,
        }
    }

    /// The same area with latitude and longitude swapped, when that is a valid area (a site typed
    /// `[lat, lon]` where GeoJSON wants `[lon, lat]`).
    ///
    /// ```
    /// let typo = riskcard::aoi::site(-6.85, 11.67, 25.0, None).unwrap(); // [11.67, -6.85] in GeoJSON
    /// let fixed = typo.swapped().unwrap();
    /// assert_eq!(fixed.anchor, (11.67, -6.85));
    /// ```
    pub fn swapped(&self) -> Option<Aoi> {
        let flip = |pts: &[(f64, f64)]| pts.iter().map(|&(la, lo)| (lo, la)).collect::<Vec<_>>();
        match &self.shape {
            Shape::Site { lat, lon, radius_km } => site(*lon, *lat, *radius_km, self.name.clone()).ok(),
            Shape::Zone { polygons, .. } => {
                let rings = |p: &geo::Polygon<f64>| std::iter::once(p.exterior()).chain(p.interiors()).map(|l| l.0.iter().map(|c| (c.x, c.y)).collect()).collect();
                zone(polygons.0.iter().map(rings).collect(), self.name.clone()).ok()
            }
            Shape::Corridor { lines, buffer_km, .. } => corridor(lines.iter().map(|l| flip(l)).collect(), *buffer_km, self.name.clone()).ok(),
        }
    }
}

/// A corridor AOI from line parts of (lat, lon) vertices and a buffer.
///
/// ```
/// // Bamako → Kati → Kolokani (GeoNames coordinates), 10 km buffer: 105.3 km long.
/// let c = riskcard::aoi::corridor(vec![vec![(12.65, -8.0), (12.7441, -8.0726), (13.5728, -8.0339)]], 10.0, None).unwrap();
/// let riskcard::aoi::Shape::Corridor { length_km, .. } = c.shape else { panic!() };
/// assert!((length_km - 105.3).abs() < 0.5, "{length_km}");
/// ```
pub fn corridor(lines: Vec<Vec<(f64, f64)>>, buffer_km: f64, name: Option<String>) -> Result<Aoi> {
    check_reach(buffer_km, "buffer_km", MAX_BUFFER_KM)?;
    if lines.is_empty() {
        return Err(Error::Aoi(Message::aoi_multilinestring_empty()));
    }
    let mut vertices = Vec::new();
    for pts in &lines {
        if pts.len() < 2 {
            return Err(Error::Aoi(Message::aoi_line_too_short(pts.len() as u64)));
        }
        for &(lat, lon) in pts {
            check_position(lat, lon)?;
        }
        vertices.extend(pts.iter().copied());
    }
    let r = geodesy::local_radius_km(mid_lat(&vertices));
    let mut edges = Vec::new();
    let mut chain = 0.0;
    let mut bulge: f64 = 0.0;
    for (part, pts) in lines.iter().enumerate() {
        let mut arcs = Vec::new();
        bulge = bulge.max(add_arcs(pts, &mut arcs));
        for a in arcs {
            let len = a.len * r;
            edges.push((a, chain, part));
            chain += len;
        }
    }
    if chain <= 0.0 {
        return Err(Error::Aoi(Message::aoi_zero_length()));
    }
    Ok(Aoi::new(name, Shape::Corridor { lines, edges, buffer_km, length_km: chain }, vertices, bulge))
}

/// An upper bound on how far (km) a great-circle arc between latitudes `lat_a` and `lat_b` bulges
/// poleward beyond its endpoints' latitudes: L²·tan φ / 8R.
pub(super) fn bulge_km(arc: &Arc, lat_a: f64, lat_b: f64) -> f64 {
    let len_km = arc.len * geodesy::WGS84_A_KM;
    let lat = lat_a.abs().max(lat_b.abs()).min(89.0).to_radians();
    len_km * len_km * libm::tan(lat) / (8.0 * geodesy::WGS84_A_KM)
}

/// Appends the arcs between consecutive points; returns their largest poleward bulge, km.
fn add_arcs(pts: &[(f64, f64)], out: &mut Vec<Arc>) -> f64 {
    let mut bulge: f64 = 0.0;
    for w in pts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let arc = Arc::new(geodesy::unit(a.0, a.1), geodesy::unit(b.0, b.1));
        bulge = bulge.max(bulge_km(&arc, a.0, b.0));
        out.push(arc);
    }
    bulge
}

fn number_prop(props: &Value, key: &str) -> Result<Option<f64>> {
    match props.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(n @ Value::Number(_)) => Ok(n.as_f64()),
        Some(Value::String(s)) => json::parse_f64(s.trim()).map(Some).ok_or_else(|| Error::Aoi(Message::aoi_property_not_number(key.into(), format!("'{s}'")))),
        Some(other) => Err(Error::Aoi(Message::aoi_property_not_number(key.into(), other.describe()))),
    }
}

fn array<'v, 'a>(v: &'v Value<'a>, not_array: Message) -> Result<&'v Vec<Value<'a>>> {
    v.as_array().ok_or(Error::Aoi(not_array))
}

/// A GeoJSON position `[lon, lat, …]` as (lat, lon).
fn position(v: &Value) -> Result<(f64, f64)> {
    let a = array(v, Message::aoi_position_not_array())?;
    let (Some(x), Some(y)) = (a.first(), a.get(1)) else { return Err(Error::Aoi(Message::aoi_position_too_short())) };
    let lon = x.as_f64().ok_or_else(|| Error::Aoi(Message::aoi_longitude_not_number(x.describe())))?;
    let lat = y.as_f64().ok_or_else(|| Error::Aoi(Message::aoi_latitude_not_number(y.describe())))?;
    check_position(lat, lon)?;
    Ok((lat, lon))
}

fn positions(v: &Value) -> Result<Vec<(f64, f64)>> {
    array(v, Message::aoi_coordinates_not_array())?.iter().map(position).collect()
}
