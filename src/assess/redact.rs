//! The public view of a report: derived figures only. ACLED's terms forbid giving third parties
//! direct access to its raw rows, so a card on a public page shows no notes, actors, ids, sources or
//! exact places: the nearest incidents keep their distance, bearing, date, category and fatalities,
//! and the map's points are rounded to 0.1° (about 11 km). Actor families and tags stay: they are
//! counts over a fixed list, not the data's words; the approach stays: distances and bearings.

use crate::report::Report;

/// Positions in the public view are rounded to this many degrees.
pub const PUBLIC_GRID_DEG: f64 = 0.1;

pub(super) fn coarse(x: f64) -> f64 {
    let k = 1.0 / PUBLIC_GRID_DEG;
    (x * k).round() / k
}

/// Strips `r` to its public view (and marks it `public`).
///
/// ```
/// use riskcard::{aoi, assess, ingest, Options, Store};
/// let csv = "id,date,lat,lon,event_type,fatalities,notes,actors,location,source\nk1,2026-07-01,12.6543,-8.0123,Battles,3,Seen at the market,JNIM,Kati,Radio\n";
/// let mut store = Store::new();
/// ingest::load(&mut store, csv.as_bytes(), None, "").unwrap();
/// let site = aoi::site(12.65, -8.0, 10.0, None).unwrap();
/// let r = assess(&store, &site, &Options { public: Some(true), ..Options::default() }).unwrap();
/// let n = &r.nearest[0];
/// assert_eq!((n.id.as_str(), n.notes.as_str(), n.actors.len(), n.location.as_str(), n.source.as_str()), ("", "", 0, "", ""));
/// assert_eq!((n.distance_km, n.category, n.fatalities, n.date.as_str()), (1.4, "battle", 3, "2026-07-01"));
/// assert_eq!((n.lat, n.lon), (12.7, -8.0));
/// assert_eq!((r.map.points[0][0], r.map.points[0][1]), (12.7, -8.0));
/// assert!(r.public && r.drivers[0].id.is_empty());
/// ```
pub fn public_view(r: &mut Report) {
    r.public = true;
    for n in &mut r.nearest {
        for text in [&mut n.id, &mut n.event_type, &mut n.sub_event_type, &mut n.location, &mut n.admin1, &mut n.country, &mut n.notes, &mut n.source] {
            text.clear();
        }
        n.actors.clear();
        (n.lat, n.lon) = (coarse(n.lat), coarse(n.lon));
    }
    for d in &mut r.drivers {
        for text in [&mut d.id, &mut d.event_type, &mut d.location] {
            text.clear();
        }
    }
    for p in &mut r.map.points {
        (p[0], p[1]) = (coarse(p[0]), coarse(p[1]));
    }
}
