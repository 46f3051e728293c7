//! The data behind a report: the incidents it used (within influence, in the window) with their
//! distance, bearing and points, as CSV or GeoJSON. The rows come from the same scan as the report
//! (`scan::collect`), their points from the same kernel as its explanation (each incident's share
//! of the score, to one decimal, as a driver's), their distance and bearing as the nearest list's.
//! Written by hand (no serde, no float formatting from `std`: numbers through `fmt_num`), which
//! keeps the engine's WebAssembly small.
//!
//! Nearest first (then latest, then by id), as the nearest list; a portfolio's areas in the order
//! given, each row with an `area` column first. In the public view (option `public`) the rows
//! follow the report's redaction (`redact.rs`): no id, event or place names, actors, notes or
//! sources (empty in CSV, `null` in GeoJSON) and positions rounded to `PUBLIC_GRID_DEG` (0.1°); the
//! distance, bearing, date, category, fatalities and points stay, as in the public nearest list.
//!
//! **CSV formula injection.** A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a
//! tab or carriage return) as a formula, and the texts are the sources' (notes, actors, places):
//! such a text cell is written with a `'` before it. Numbers are never prefixed (a longitude of
//! −6.85 stays a number).

use super::explain::{bearing_of, nearest_first};
use super::options::Settings;
use super::redact::coarse;
use super::scan::{self, Candidate};
use super::score::{self, TimeTable};
use super::{rank, round1, round5};
use crate::aoi::{Aoi, AoiInput};
use crate::date;
use crate::error::{Error, Result};
use crate::json::fmt_num;
use crate::message::Message;
use crate::store::Store;
use crate::Options;

/// The columns, in order (a portfolio's rows have `area` before them).
pub const COLUMNS: [&str; 16] = [
    "id",
    "date",
    "lat",
    "lon",
    "distance_km",
    "bearing_deg",
    "category",
    "event_type",
    "sub_event_type",
    "actors",
    "fatalities",
    "location",
    "notes",
    "source",
    "points",
    "in_aoi",
];

/// An export's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// RFC 4180 CSV, CRLF line ends, a header row.
    Csv,
    /// A GeoJSON FeatureCollection of Points, one feature a line.
    GeoJson,
}

impl ExportFormat {
    /// `csv` or `geojson`.
    pub fn parse(s: &str) -> Result<ExportFormat> {
        match s {
            "csv" => Ok(ExportFormat::Csv),
            "geojson" => Ok(ExportFormat::GeoJson),
            _ => Err(Error::Options(Message::option_not_one_of("format".into(), s.into(), "csv, geojson".into()))),
        }
    }
}

/// One incident of an export, its texts redacted in the public view.
struct Row<'a> {
    id: &'a str,
    date: String,
    lat: f64,
    lon: f64,
    distance_km: f64,
    bearing_deg: f64,
    category: &'static str,
    event_type: &'a str,
    sub_event_type: &'a str,
    actors: Vec<&'a str>,
    fatalities: u32,
    location: &'a str,
    notes: &'a str,
    source: &'a str,
    points: f64,
    in_aoi: bool,
}

/// The incidents an assessment of `input` with `options` uses, as `format`.
///
/// ```
/// use riskcard::{Store, Options, ingest, aoi, assess::{export_incidents, ExportFormat}};
/// let csv = "id,date,lat,lon,event_type,fatalities,notes\nk1,2026-07-01,12.65,-8.0,Battles,3,\"=1+1, said\"\n";
/// let mut store = Store::new();
/// ingest::load(&mut store, csv.as_bytes(), None, "").unwrap();
/// let site = aoi::AoiInput::One(aoi::site(12.64, -8.0, 10.0, None).unwrap());
/// let out = export_incidents(&store, &site, &Options::default(), ExportFormat::Csv).unwrap();
/// // One battle with 3 deaths on the as-of day 1.1 km north, in the site: all 18.0 points of the score.
/// assert_eq!(out.lines().nth(1), Some("k1,2026-07-01,12.65,-8,1.1,0,battle,Battles,,,3,,\"'=1+1, said\",,18,true"));
/// ```
pub fn export_incidents(store: &Store, input: &AoiInput, options: &Options, format: ExportFormat) -> Result<String> {
    let st = super::settings_for(store, input, options)?;
    let portfolio = matches!(input, AoiInput::Portfolio(_));
    let mut out = String::new();
    let mut first = true;
    match format {
        ExportFormat::Csv => {
            if portfolio {
                out.push_str("area,");
            }
            out.push_str(&COLUMNS.join(","));
            out.push_str("\r\n");
        }
        ExportFormat::GeoJson => out.push_str("{\"type\":\"FeatureCollection\",\"features\":["),
    }
    for aoi in input.areas() {
        let area = aoi.name.as_deref().unwrap_or("");
        for row in rows(store, aoi, &st) {
            match format {
                ExportFormat::Csv => write_csv(&mut out, portfolio.then_some(area), &row),
                ExportFormat::GeoJson => {
                    out.push_str(if first { "\n" } else { ",\n" });
                    write_feature(&mut out, portfolio.then_some(area), &row, st.public);
                }
            }
            first = false;
        }
    }
    if format == ExportFormat::GeoJson {
        out.push_str("\n]}\n");
    }
    Ok(out)
}

/// The rows of one area, nearest first.
fn rows<'s>(store: &'s Store, aoi: &Aoi, st: &Settings) -> Vec<Row<'s>> {
    let days = scan::Days::new(store, st);
    let window: Vec<Candidate> = scan::collect(store, aoi, st, &days).window;
    let times = TimeTable::new(&st.params);
    let units: Vec<u64> = window.iter().map(|c| c.units_at(st.as_of, &times)).collect();
    let total: u64 = units.iter().sum();
    let score = score::score_of(total, &st.params);
    let order = rank::top_k(window.len(), window.len(), nearest_first(store, &window));
    let public = st.public;
    let hide = |s: &'s str| if public { "" } else { s };
    order
        .into_iter()
        .filter_map(|i| {
            let c = window.get(i)?;
            let inc = store.get(c.row())?;
            let bearing = bearing_of(store, aoi, c, inc.lat, inc.lon);
            let (lat, lon) = if public { (coarse(inc.lat), coarse(inc.lon)) } else { (round5(inc.lat), round5(inc.lon)) };
            Some(Row {
                id: hide(inc.id),
                date: date::format(c.day),
                lat,
                lon,
                distance_km: round1(c.distance_km),
                bearing_deg: bearing.round() % 360.0,
                category: inc.category.key(),
                event_type: hide(inc.event_type),
                sub_event_type: hide(inc.sub_event_type),
                actors: if public { Vec::new() } else { inc.actors },
                fatalities: inc.fatalities,
                location: hide(inc.location),
                notes: hide(inc.notes),
                source: hide(inc.source),
                points: round1(score::share(score, units.get(i).copied().unwrap_or(0), total)),
                in_aoi: c.in_aoi(),
            })
        })
        .collect()
}

/// A text cell: quoted when it holds a comma, quote or line break (quotes doubled), and a `'`
/// before a text a spreadsheet would run as a formula.
fn csv_text(out: &mut String, s: &str) {
    let guard = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = s.contains([',', '"', '\n', '\r']);
    if quote {
        out.push('"');
    }
    if guard {
        out.push('\'');
    }
    for ch in s.chars() {
        if ch == '"' {
            out.push('"');
        }
        out.push(ch);
    }
    if quote {
        out.push('"');
    }
}

fn write_csv(out: &mut String, area: Option<&str>, r: &Row<'_>) {
    if let Some(a) = area {
        csv_text(out, a);
        out.push(',');
    }
    let nums = |out: &mut String, xs: &[f64]| {
        for x in xs {
            out.push_str(&fmt_num(*x));
            out.push(',');
        }
    };
    csv_text(out, r.id);
    out.push(',');
    out.push_str(&r.date);
    out.push(',');
    nums(out, &[r.lat, r.lon, r.distance_km, r.bearing_deg]);
    for s in [r.category, r.event_type, r.sub_event_type, &r.actors.join("; ")] {
        csv_text(out, s);
        out.push(',');
    }
    nums(out, &[r.fatalities as f64]);
    for s in [r.location, r.notes, r.source] {
        csv_text(out, s);
        out.push(',');
    }
    nums(out, &[r.points]);
    out.push_str(if r.in_aoi { "true" } else { "false" });
    out.push_str("\r\n");
}

/// A JSON string.
fn json_text(out: &mut String, s: &str) {
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn write_feature(out: &mut String, area: Option<&str>, r: &Row<'_>, public: bool) {
    out.push_str("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[");
    out.push_str(&fmt_num(r.lon));
    out.push(',');
    out.push_str(&fmt_num(r.lat));
    out.push_str("]},\"properties\":{");
    if let Some(a) = area {
        out.push_str("\"area\":");
        json_text(out, a);
        out.push(',');
    }
    // A redacted text is null, not "": it was left out, it is not empty.
    let text = |out: &mut String, key: &str, s: &str, redacted: bool| {
        out.push('"');
        out.push_str(key);
        out.push_str("\":");
        if redacted {
            out.push_str("null");
        } else {
            json_text(out, s);
        }
        out.push(',');
    };
    let num = |out: &mut String, key: &str, x: f64| {
        out.push('"');
        out.push_str(key);
        out.push_str("\":");
        out.push_str(&fmt_num(x));
        out.push(',');
    };
    text(out, "id", r.id, public);
    text(out, "date", &r.date, false);
    num(out, "lat", r.lat);
    num(out, "lon", r.lon);
    num(out, "distance_km", r.distance_km);
    num(out, "bearing_deg", r.bearing_deg);
    text(out, "category", r.category, false);
    text(out, "event_type", r.event_type, public);
    text(out, "sub_event_type", r.sub_event_type, public);
    out.push_str("\"actors\":");
    if public {
        out.push_str("null");
    } else {
        out.push('[');
        for (i, a) in r.actors.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            json_text(out, a);
        }
        out.push(']');
    }
    out.push(',');
    num(out, "fatalities", r.fatalities as f64);
    text(out, "location", r.location, public);
    text(out, "notes", r.notes, public);
    text(out, "source", r.source, public);
    num(out, "points", r.points);
    out.push_str("\"in_aoi\":");
    out.push_str(if r.in_aoi { "true" } else { "false" });
    out.push_str("}}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{aoi, ingest};

    fn store(csv: &str) -> Store {
        let mut s = Store::new();
        ingest::load(&mut s, csv.as_bytes(), None, "").unwrap();
        s
    }

    #[test]
    fn two_incidents_worked_by_hand() {
        // A battle (3 deaths) 0.01° north of the site (1.1 km) on the as-of day, and a riot 0.11°
        // north (12.2 km on the fitted sphere) with no deaths 30 days before.
        let s = store(
            "id,date,lat,lon,event_type,fatalities,actors,location,source,notes\n\
             a,2026-07-31,12.0,-8.0,Battles,3,JNIM; FAMa,Kati,Radio,\"said \"\"x\"\", then\"\n\
             b,2026-07-01,12.1,-8.0,Riots,0,,@Town,,-note\n",
        );
        let site = aoi::AoiInput::One(aoi::site(11.99, -8.0, 5.0, Some("S".into())).unwrap());
        let csv = export_incidents(&s, &site, &Options::default(), ExportFormat::Csv).unwrap();
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], COLUMNS.join(","));
        assert_eq!(lines.len(), 4, "{csv}");
        assert!(lines[1].starts_with("a,2026-07-31,12,-8,1.1,0,battle,Battles,,JNIM; FAMa,3,Kati,\"said \"\"x\"\", then\",Radio,"), "{}", lines[1]);
        // The riot is due north, 12.2 km, outside the 5 km site; a formula-looking place and note
        // are guarded.
        assert!(lines[2].starts_with("b,2026-07-01,12.1,-8,12.2,0,riot,Riots,,,0,'@Town,'-note,,"), "{}", lines[2]);
        assert!(lines[2].ends_with(",false"));
        // The points add up to the report's score, as the explanation's do.
        let r = crate::assess(
            &s,
            match &site {
                aoi::AoiInput::One(a) => a,
                _ => unreachable!(),
            },
            &Options::default(),
        )
        .unwrap();
        let pts: f64 = lines[1..3].iter().map(|l| l.rsplit(',').nth(1).unwrap().parse::<f64>().unwrap()).sum();
        assert!((pts - r.score).abs() <= 0.1, "{pts} vs {}", r.score);
        assert_eq!(r.incidents.within_influence, 2);

        let gj = export_incidents(&s, &site, &Options::default(), ExportFormat::GeoJson).unwrap();
        assert!(gj.contains("\"coordinates\":[-8,12.1]"), "{gj}");
        assert!(gj.contains("\"notes\":\"said \\\"x\\\", then\""));
        assert!(gj.contains("\"actors\":[\"JNIM; FAMa\"]"), "{gj}");

        // Public: no texts, positions to 0.1°.
        let public = Options { public: Some(true), ..Options::default() };
        let p = export_incidents(&s, &site, &public, ExportFormat::Csv).unwrap();
        assert!(p.split("\r\n").nth(1).unwrap().starts_with(",2026-07-31,12,-8,1.1,0,battle,,,,3,,,,"), "{p}");
        let pg = export_incidents(&s, &site, &public, ExportFormat::GeoJson).unwrap();
        assert!(pg.contains("\"id\":null") && pg.contains("\"notes\":null") && !pg.contains("JNIM"));
    }

    #[test]
    fn portfolio_rows_have_their_area_and_a_bad_format_is_refused() {
        let s = store("id,date,lat,lon,event_type,fatalities\na,2026-07-31,12.0,-8.0,Battles,1\n");
        let input = aoi::AoiInput::Portfolio(vec![aoi::site(12.0, -8.0, 5.0, Some("One, A".into())).unwrap(), aoi::site(12.01, -8.0, 5.0, Some("Two".into())).unwrap()]);
        let csv = export_incidents(&s, &input, &Options::default(), ExportFormat::Csv).unwrap();
        let lines: Vec<&str> = csv.lines().collect();
        assert!(lines[0].starts_with("area,id,"));
        assert!(lines[1].starts_with("\"One, A\",a,") && lines[2].starts_with("Two,a,"), "{csv}");
        assert_eq!(ExportFormat::parse("xlsx").unwrap_err().message().code(), "option_not_one_of");
    }
}
