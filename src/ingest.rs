//! Ingest: ACLED CSV (current and older exports, HDX copies with an HXL row), UCDP GED / Candidate
//! CSV, and this project's own schema as CSV, GeoJSON or a JSON array. The format is detected from the
//! content unless given. Every row is validated; a bad row is skipped and reported with its line and
//! reason, never dropped silently, and no input can make this module panic.

use std::borrow::Cow;

use crate::json::{self, Value};

use crate::category::{ucdp_label, Category};
use crate::csv;
use crate::date;
use crate::error::{Error, Result};
use crate::store::{Diagnostics, Inserted, NewIncident, Store};

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// ACLED export (CSV), any column order, with or without the HXL tag row.
    Acled,
    /// UCDP GED or Candidate Events (CSV, 49 columns).
    Ucdp,
    /// This project's schema as CSV (`id,date,lat,lon,event_type,…`).
    Csv,
    /// GeoJSON FeatureCollection of Points, properties in this project's schema.
    GeoJson,
    /// JSON array of objects in this project's schema (ACLED column names are accepted too).
    Json,
}

impl Format {
    /// Parses a format name: `acled`, `ucdp`, `csv`, `geojson`, `json` (or `auto` → `None`).
    ///
    /// ```
    /// use riskcard::ingest::Format;
    /// assert_eq!(Format::parse("UCDP").unwrap(), Some(Format::Ucdp));
    /// assert_eq!(Format::parse("auto").unwrap(), None);
    /// assert!(Format::parse("xlsx").is_err());
    /// ```
    pub fn parse(s: &str) -> Result<Option<Format>> {
        Ok(Some(match s.trim().to_ascii_lowercase().as_str() {
            "" | "auto" => return Ok(None),
            "acled" => Format::Acled,
            "ucdp" | "ged" => Format::Ucdp,
            "csv" => Format::Csv,
            "geojson" => Format::GeoJson,
            "json" => Format::Json,
            other => {
                return Err(Error::Options(format!(
                    "unknown format '{other}': use acled, ucdp, csv, geojson, json or auto"
                )))
            }
        }))
    }

    /// The name used in diagnostics.
    pub fn name(self) -> &'static str {
        match self {
            Format::Acled => "acled",
            Format::Ucdp => "ucdp",
            Format::Csv => "csv",
            Format::GeoJson => "geojson",
            Format::Json => "json",
        }
    }
}

/// Logical fields every format is mapped onto.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum F {
    Id,
    Date,
    Lat,
    Lon,
    Type,
    SubType,
    Actors,
    Fatalities,
    GeoPrec,
    DatePrec,
    Location,
    Admin1,
    Country,
    Source,
    Notes,
    Violence,
}

const FIELDS: [F; 16] = [
    F::Id,
    F::Date,
    F::Lat,
    F::Lon,
    F::Type,
    F::SubType,
    F::Actors,
    F::Fatalities,
    F::GeoPrec,
    F::DatePrec,
    F::Location,
    F::Admin1,
    F::Country,
    F::Source,
    F::Notes,
    F::Violence,
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Acled,
    Ucdp,
    Native,
}

/// Column names per logical field. For `Actors` and `Notes` every present column is used, in order;
/// for the others the first present one.
fn aliases(kind: Kind, f: F) -> &'static [&'static str] {
    match (kind, f) {
        (Kind::Acled, F::Id) => &["event_id_cnty"],
        (Kind::Acled, F::Date) => &["event_date"],
        (Kind::Acled, F::Lat) => &["latitude"],
        (Kind::Acled, F::Lon) => &["longitude"],
        (Kind::Acled, F::Type) => &["event_type"],
        (Kind::Acled, F::SubType) => &["sub_event_type"],
        (Kind::Acled, F::Actors) => &["actor1", "assoc_actor_1", "actor2", "assoc_actor_2"],
        (Kind::Acled, F::Fatalities) => &["fatalities"],
        (Kind::Acled, F::GeoPrec) => &["geo_precision"],
        (Kind::Acled, F::DatePrec) => &["time_precision"],
        (Kind::Acled, F::Location) => &["location"],
        (Kind::Acled, F::Admin1) => &["admin1"],
        (Kind::Acled, F::Country) => &["country"],
        (Kind::Acled, F::Source) => &["source"],
        (Kind::Acled, F::Notes) => &["notes"],
        (Kind::Acled, F::Violence) => &[],
        (Kind::Ucdp, F::Id) => &["id"],
        (Kind::Ucdp, F::Date) => &["date_start"],
        (Kind::Ucdp, F::Lat) => &["latitude"],
        (Kind::Ucdp, F::Lon) => &["longitude"],
        (Kind::Ucdp, F::Type) => &[],
        (Kind::Ucdp, F::SubType) => &["conflict_name"],
        (Kind::Ucdp, F::Actors) => &["side_a", "side_b"],
        (Kind::Ucdp, F::Fatalities) => &["best"],
        (Kind::Ucdp, F::GeoPrec) => &["where_prec"],
        (Kind::Ucdp, F::DatePrec) => &["date_prec"],
        (Kind::Ucdp, F::Location) => &["where_coordinates"],
        (Kind::Ucdp, F::Admin1) => &["adm_1"],
        (Kind::Ucdp, F::Country) => &["country"],
        (Kind::Ucdp, F::Source) => &["source_office"],
        (Kind::Ucdp, F::Notes) => &["where_description", "source_headline"],
        (Kind::Ucdp, F::Violence) => &["type_of_violence"],
        (Kind::Native, F::Id) => &["id", "event_id_cnty"],
        (Kind::Native, F::Date) => &["date", "event_date"],
        (Kind::Native, F::Lat) => &["lat", "latitude"],
        (Kind::Native, F::Lon) => &["lon", "lng", "longitude"],
        (Kind::Native, F::Type) => &["event_type", "category"],
        (Kind::Native, F::SubType) => &["sub_event_type"],
        (Kind::Native, F::Actors) => &["actors", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2"],
        (Kind::Native, F::Fatalities) => &["fatalities"],
        (Kind::Native, F::GeoPrec) => &["geo_precision"],
        (Kind::Native, F::DatePrec) => &["date_precision", "time_precision"],
        (Kind::Native, F::Location) => &["location"],
        (Kind::Native, F::Admin1) => &["admin1"],
        (Kind::Native, F::Country) => &["country"],
        (Kind::Native, F::Source) => &["source"],
        (Kind::Native, F::Notes) => &["notes"],
        (Kind::Native, F::Violence) => &[],
    }
}

fn is_multi(f: F) -> bool {
    matches!(f, F::Actors | F::Notes)
}

/// A row as strings, whatever the format it came from.
trait Row {
    /// The first present value of a single-valued field ("" when absent).
    fn one(&self, f: F) -> &str;
    /// Every non-empty value of a multi-valued field.
    fn many(&self, f: F) -> Vec<&str>;
}

/// Loads `data` into `store` and returns what happened. `source` names the input in row errors.
///
/// ```
/// use riskcard::{Store, ingest};
/// let csv = "id,date,lat,lon,event_type,fatalities\nk1,2026-07-01,12.65,-8.0,Battles,3\nk2,2026-07-02,,-8.0,Battles,0\n";
/// let mut store = Store::new();
/// let d = ingest::load(&mut store, csv.as_bytes(), None, "log.csv").unwrap();
/// assert_eq!((d.rows_read, d.rows_loaded, d.rows_skipped), (2, 1, 1));
/// assert_eq!(d.errors[0].line, 3);
/// assert_eq!(d.errors[0].reason, "missing latitude");
/// ```
pub fn load(store: &mut Store, data: &[u8], format: Option<Format>, source: &str) -> Result<Diagnostics> {
    load_with_progress(store, data, format, source, &mut |_, _| {})
}

/// Progress is reported every this many rows.
pub const PROGRESS_ROWS: u64 = 50_000;

/// As [`load`], calling `progress(bytes_done, bytes_total)` every [`PROGRESS_ROWS`] rows (CSV) or
/// elements (JSON), so a host can show how far a large load has got.
pub fn load_with_progress(
    store: &mut Store,
    data: &[u8],
    format: Option<Format>,
    source: &str,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Diagnostics> {
    let mut diag = Diagnostics::default();
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    let owned;
    let text = match std::str::from_utf8(data) {
        Ok(t) => t,
        Err(e) => {
            diag.warnings.push(format!(
                "{}: not valid UTF-8 (first bad byte at offset {}); invalid bytes were replaced",
                display_name(source),
                e.valid_up_to()
            ));
            owned = String::from_utf8_lossy(data).into_owned();
            owned.as_str()
        }
    };
    let format = match format {
        Some(f) => f,
        None => detect(text)?,
    };
    diag.formats.push(format.name().to_string());
    match format {
        Format::GeoJson | Format::Json => load_json(store, text, format, source, &mut diag, progress)?,
        Format::Acled => load_csv(store, text, Kind::Acled, source, &mut diag, progress)?,
        Format::Ucdp => load_csv(store, text, Kind::Ucdp, source, &mut diag, progress)?,
        Format::Csv => load_csv(store, text, Kind::Native, source, &mut diag, progress)?,
    }
    progress(text.len() as u64, text.len() as u64);
    store.finish();
    store.record_load(&diag);
    Ok(diag)
}

fn display_name(source: &str) -> &str {
    if source.is_empty() {
        "input"
    } else {
        source
    }
}

/// Detects the format from the content: JSON by its first character, CSV by its header.
///
/// ```
/// use riskcard::ingest::{detect, Format};
/// assert_eq!(detect("event_id_cnty,event_date,latitude,longitude\n").unwrap(), Format::Acled);
/// assert_eq!(detect(" {\"type\":\"FeatureCollection\",\"features\":[]}").unwrap(), Format::GeoJson);
/// assert!(detect("name,age\nbob,3\n").is_err());
/// ```
pub fn detect(text: &str) -> Result<Format> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match text.trim_start().chars().next() {
        None => return Err(Error::Data("the input is empty".into())),
        Some('{') => return Ok(Format::GeoJson),
        Some('[') => return Ok(Format::Json),
        _ => {}
    }
    let mut r = csv::Reader::new(text);
    r.next_record();
    let header: Vec<String> = (0..r.len()).map(|i| r.field(i).trim().to_ascii_lowercase()).collect();
    let has = |n: &str| header.iter().any(|h| h == n);
    if has("type_of_violence") && has("date_start") {
        Ok(Format::Ucdp)
    } else if has("event_date") && (has("event_id_cnty") || has("event_type")) && has("latitude") {
        Ok(Format::Acled)
    } else if has("date") && (has("lat") || has("latitude")) {
        Ok(Format::Csv)
    } else {
        let shown: Vec<&str> = header.iter().take(6).map(String::as_str).collect();
        Err(Error::Data(format!(
            "unrecognised CSV header ({}…): expected ACLED (event_id_cnty, event_date, latitude, …), \
             UCDP GED (id, date_start, type_of_violence, …) or riskcard columns (id, date, lat, lon, …)",
            shown.join(", ")
        )))
    }
}

/// `str::trim`, with a fast answer for the usual field that starts and ends with a visible ASCII
/// character (then nothing is trimmed: every other whitespace character starts with a byte ≥ 0x80).
fn trim(s: &str) -> &str {
    let plain = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b < 0x80);
    if plain(s.as_bytes().first()) && plain(s.as_bytes().last()) {
        s
    } else {
        s.trim()
    }
}

struct CsvRow<'r, 'a> {
    r: &'r csv::Reader<'a>,
    cols: &'r [Vec<usize>],
}

impl Row for CsvRow<'_, '_> {
    fn one(&self, f: F) -> &str {
        self.cols.get(f as usize).and_then(|c| c.first()).map(|&i| trim(self.r.field(i))).unwrap_or("")
    }
    fn many(&self, f: F) -> Vec<&str> {
        let Some(c) = self.cols.get(f as usize) else { return vec![] };
        c.iter().map(|&i| trim(self.r.field(i))).filter(|s| !s.is_empty()).collect()
    }
}

fn load_csv(store: &mut Store, text: &str, kind: Kind, source: &str, diag: &mut Diagnostics, progress: &mut dyn FnMut(u64, u64)) -> Result<()> {
    let mut r = csv::Reader::new(text);
    if r.next_record().is_none() {
        return Err(Error::Data(format!("{}: no header row", display_name(source))));
    }
    let header: Vec<String> = (0..r.len()).map(|i| r.field(i).trim().to_ascii_lowercase()).collect();
    let cols: Vec<Vec<usize>> = FIELDS
        .iter()
        .map(|&f| {
            let found = aliases(kind, f).iter().filter_map(|a| header.iter().position(|h| h == a));
            if is_multi(f) {
                found.collect()
            } else {
                found.take(1).collect()
            }
        })
        .collect();
    for need in [F::Date, F::Lat, F::Lon] {
        if cols[need as usize].is_empty() {
            return Err(Error::Data(format!(
                "{}: the header has no {} column",
                display_name(source),
                aliases(kind, need).join(" / ")
            )));
        }
    }
    if kind == Kind::Ucdp && cols[F::Violence as usize].is_empty() {
        return Err(Error::Data(format!("{}: the header has no type_of_violence column", display_name(source))));
    }
    let mut first = true;
    let (start_rows, start_text) = (store.len(), store.text_bytes());
    let mut reserved = false;
    while let Some(line) = r.next_record() {
        if diag.rows_read % PROGRESS_ROWS == PROGRESS_ROWS - 1 {
            progress(r.offset() as u64, text.len() as u64);
        }
        // After the first 4096 rows, reserve for the whole input by extrapolation.
        if !reserved && diag.rows_read == 4096 && r.offset() > 0 {
            let scale = text.len() as f64 / r.offset() as f64;
            let rows = ((store.len() - start_rows) as f64 * scale * 1.02) as usize;
            let bytes = ((store.text_bytes() - start_text) as f64 * scale * 1.02) as usize;
            store.reserve(rows, bytes);
            reserved = true;
        }
        let is_hxl = first && (0..r.len()).all(|i| r.field(i).trim().is_empty() || r.field(i).trim().starts_with('#'));
        first = false;
        if is_hxl {
            diag.warnings.push(format!("{}: line {line} is an HXL tag row; skipped", display_name(source)));
            continue;
        }
        diag.rows_read += 1;
        let shape_error = if r.unterminated {
            Some("unterminated quoted field".to_string())
        } else if r.len() < header.len() || (r.len() > header.len() && (header.len()..r.len()).any(|i| !r.field(i).trim().is_empty())) {
            Some(format!("row has {} fields, the header has {}", r.len(), header.len()))
        } else {
            None
        };
        let row = CsvRow { r: &r, cols: &cols };
        let result = match shape_error {
            Some(e) => Err(e),
            None => build(kind, &row),
        };
        accept(store, result, line as u64, source, diag);
    }
    Ok(())
}

fn accept(store: &mut Store, result: std::result::Result<NewIncident<'_>, String>, line: u64, source: &str, diag: &mut Diagnostics) {
    match result {
        Ok(n) => {
            diag.rows_loaded += 1;
            if store.insert(n) == Inserted::Replaced {
                diag.rows_replaced += 1;
            }
        }
        Err(reason) => diag.skip(source, line, reason),
    }
}

struct JsonRow {
    vals: Vec<Vec<String>>,
}

impl Row for JsonRow {
    fn one(&self, f: F) -> &str {
        self.vals.get(f as usize).and_then(|v| v.first()).map(|s| trim(s)).unwrap_or("")
    }
    fn many(&self, f: F) -> Vec<&str> {
        self.vals.get(f as usize).map(|v| v.iter().map(|s| trim(s)).filter(|s| !s.is_empty()).collect()).unwrap_or_default()
    }
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.clone()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn json_row(obj: &[(String, Value)]) -> JsonRow {
    let lower: Vec<(String, &Value)> = obj.iter().map(|(k, v)| (k.to_ascii_lowercase(), v)).collect();
    let vals = FIELDS
        .iter()
        .map(|&f| {
            let mut out = Vec::new();
            for a in aliases(Kind::Native, f) {
                for (_, v) in lower.iter().filter(|(k, _)| k == a) {
                    match v {
                        Value::Array(items) => out.extend(items.iter().filter_map(scalar)),
                        other => out.extend(scalar(other)),
                    }
                }
                if !is_multi(f) && !out.is_empty() {
                    break;
                }
            }
            out
        })
        .collect();
    JsonRow { vals }
}

fn load_json(store: &mut Store, text: &str, format: Format, source: &str, diag: &mut Diagnostics, progress: &mut dyn FnMut(u64, u64)) -> Result<()> {
    let doc: Value = json::parse(text)
        .map_err(|e| Error::Data(format!("{}: invalid JSON: {e}", display_name(source))))?;
    let (items, what) = match (&doc, format) {
        (o @ Value::Object(_), Format::GeoJson) => {
            if o.get("type").and_then(Value::as_str) != Some("FeatureCollection") {
                return Err(Error::Data(format!("{}: GeoJSON must be a FeatureCollection", display_name(source))));
            }
            match o.get("features") {
                Some(Value::Array(a)) => (a, "feature"),
                _ => return Err(Error::Data(format!("{}: FeatureCollection has no features array", display_name(source)))),
            }
        }
        (Value::Array(a), Format::Json) => (a, "element"),
        (Value::Array(_), _) => return Err(Error::Data(format!("{}: a JSON array is the json format, not geojson", display_name(source)))),
        _ => return Err(Error::Data(format!("{}: expected a GeoJSON FeatureCollection or a JSON array of rows", display_name(source)))),
    };
    for (i, item) in items.iter().enumerate() {
        let n = i as u64 + 1;
        if n.is_multiple_of(PROGRESS_ROWS) {
            progress(n * text.len() as u64 / items.len() as u64, text.len() as u64);
        }
        diag.rows_read += 1;
        match json_item(item, format) {
            Ok(row) => {
                let result = build(Kind::Native, &row).map_err(|e| format!("{what} {n}: {e}"));
                accept(store, result, n, source, diag);
            }
            Err(e) => accept(store, Err(format!("{what} {n}: {e}")), n, source, diag),
        }
    }
    Ok(())
}

fn json_item(item: &Value, format: Format) -> std::result::Result<JsonRow, String> {
    let Some(members) = item.as_object() else { return Err("not an object".into()) };
    let obj = item;
    if format == Format::Json {
        return Ok(json_row(members));
    }
    let mut row = match obj.get("properties") {
        Some(Value::Object(p)) => json_row(p),
        Some(Value::Null) | None => json_row(&[]),
        Some(_) => return Err("properties is not an object".into()),
    };
    if row.one(F::Id).is_empty() {
        if let Some(id) = obj.get("id").and_then(scalar) {
            row.vals[F::Id as usize] = vec![id];
        }
    }
    match obj.get("geometry") {
        Some(g @ Value::Object(_)) => {
            let ty = g.get("type").and_then(Value::as_str).unwrap_or("");
            if ty != "Point" {
                return Err(format!("geometry type '{ty}' is not a Point"));
            }
            let Some(Value::Array(c)) = g.get("coordinates") else { return Err("Point has no coordinates".into()) };
            if c.len() < 2 {
                return Err("Point coordinates need [lon, lat]".into());
            }
            let text = |v: &Value| scalar(v).unwrap_or_default();
            row.vals[F::Lon as usize] = vec![text(&c[0])];
            row.vals[F::Lat as usize] = vec![text(&c[1])];
        }
        Some(Value::Null) | None => {}
        Some(_) => return Err("geometry is not an object".into()),
    }
    Ok(row)
}

fn parse_coord(s: &str, name: &str, limit: u32) -> std::result::Result<f64, String> {
    if s.is_empty() {
        return Err(format!("missing {name}"));
    }
    let v = json::parse_f64(s).ok_or_else(|| format!("unparseable {name} '{}'", clip(s)))?;
    if !v.is_finite() {
        return Err(format!("unparseable {name} '{}'", clip(s)));
    }
    if v.abs() > limit as f64 {
        return Err(format!("{name} {} out of range (-{limit} to {limit})", clip(s)));
    }
    Ok(v)
}

fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

fn parse_count(s: &str, name: &str) -> std::result::Result<u32, String> {
    if s.is_empty() {
        return Ok(0);
    }
    let v = json::parse_f64(s).ok_or_else(|| format!("unparseable {name} '{}'", clip(s)))?;
    if !v.is_finite() || v.fract() != 0.0 {
        return Err(format!("unparseable {name} '{}'", clip(s)));
    }
    if v < 0.0 {
        return Err(format!("negative {name} '{}'", clip(s)));
    }
    if v > 1_000_000.0 {
        return Err(format!("{name} '{}' is implausibly large", clip(s)));
    }
    Ok(v as u32)
}

/// Maps a precision code through `table` (index = code − 1); empty means class 0 (exact).
fn precision(s: &str, name: &str, table: &[u8]) -> std::result::Result<u8, String> {
    if s.is_empty() {
        return Ok(0);
    }
    let code = parse_count(s, name)? as usize;
    match code.checked_sub(1).and_then(|i| table.get(i)) {
        Some(&c) => Ok(c),
        None => Err(format!("{name} '{s}' not in 1–{}", table.len())),
    }
}

fn build<'r>(kind: Kind, row: &'r dyn Row) -> std::result::Result<NewIncident<'r>, String> {
    let date_text = row.one(F::Date);
    if date_text.is_empty() {
        return Err("missing date".into());
    }
    let day = date::parse(date_text).ok_or_else(|| format!("unparseable date '{}'", clip(date_text)))?;
    if !(crate::store::DAY_BASE..=crate::store::DAY_LAST).contains(&day) {
        return Err(format!("date '{}' outside 1900-01-01 to 2079-06-06", clip(date_text)));
    }
    let lat = parse_coord(row.one(F::Lat), "latitude", 90)?;
    let lon = parse_coord(row.one(F::Lon), "longitude", 180)?;
    if lat == 0.0 && lon == 0.0 {
        return Err("coordinates 0,0 (no location)".into());
    }
    let (geo_name, date_name, fat_name) = match kind {
        Kind::Ucdp => ("where_prec", "date_prec", "best"),
        Kind::Acled => ("geo_precision", "time_precision", "fatalities"),
        Kind::Native => ("geo_precision", "date_precision", "fatalities"),
    };
    let fatalities = parse_count(row.one(F::Fatalities), fat_name)?;
    let (geo_class, date_class) = match kind {
        // UCDP where_prec 1 exact, 2 ≤25 km, 3 admin2, 4 admin1, 5 linear, 6 country, 7 water/air;
        // date_prec 1 day, 2 2–6 days, 3 week, 4 month, 5 year.
        Kind::Ucdp => (
            precision(row.one(F::GeoPrec), geo_name, &[0, 1, 2, 3, 2, 4, 4])?,
            precision(row.one(F::DatePrec), date_name, &[0, 1, 2, 3, 4])?,
        ),
        // ACLED geo_precision 1 town, 2 near / part of a region, 3 provincial capital or region;
        // time_precision 1 day, 2 week, 3 month.
        Kind::Acled | Kind::Native => (
            precision(row.one(F::GeoPrec), geo_name, &[0, 1, 2])?,
            precision(row.one(F::DatePrec), date_name, &[0, 2, 3])?,
        ),
    };
    let (category, event_type) = match kind {
        Kind::Ucdp => {
            let v = row.one(F::Violence);
            let code: u32 = v.parse().map_err(|_| format!("type_of_violence '{}' is not 1, 2 or 3", clip(v)))?;
            let c = Category::from_ucdp(code).ok_or_else(|| format!("type_of_violence '{}' is not 1, 2 or 3", clip(v)))?;
            (c, Cow::Borrowed(ucdp_label(code)))
        }
        _ => {
            let t = row.one(F::Type);
            (Category::from_acled(t, row.one(F::SubType)), Cow::Borrowed(t))
        }
    };
    let mut notes_parts = row.many(F::Notes);
    let notes = if notes_parts.len() == 1 { Cow::Borrowed(notes_parts.remove(0)) } else { Cow::Owned(notes_parts.join(" — ")) };
    let mut id = Cow::Borrowed(row.one(F::Id));
    if id.is_empty() {
        id = Cow::Owned(content_id(&[date_text, row.one(F::Lat), row.one(F::Lon), &event_type, row.one(F::Fatalities), &notes]));
    }
    Ok(NewIncident {
        id,
        day,
        lat,
        lon,
        category,
        fatalities,
        geo_class,
        date_class,
        event_type,
        sub_event_type: Cow::Borrowed(row.one(F::SubType)),
        actors: row.many(F::Actors).into_iter().map(Cow::Borrowed).collect(),
        location: Cow::Borrowed(row.one(F::Location)),
        admin1: Cow::Borrowed(row.one(F::Admin1)),
        country: Cow::Borrowed(row.one(F::Country)),
        source: Cow::Borrowed(row.one(F::Source)),
        notes,
    })
}

/// A stable id for a row that has none (FNV-1a over its content), so reloading the same file
/// does not duplicate it.
fn content_id(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0x1f)) {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("h{h:016x}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn trim_is_str_trim() {
        for s in ["", " ", "a", " a", "a ", "\tMali\r", "\u{a0}x\u{a0}", "x\u{2003}", "\u{b}v", "é", "12.5", "\u{1}x\u{7f}"] {
            assert_eq!(super::trim(s), s.trim(), "{s:?}");
        }
    }
}
