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
            other => return Err(Error::Options(format!("unknown format '{other}': use acled, ucdp, csv, geojson, json or auto"))),
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

const FIELDS: [F; 16] =
    [F::Id, F::Date, F::Lat, F::Lon, F::Type, F::SubType, F::Actors, F::Fatalities, F::GeoPrec, F::DatePrec, F::Location, F::Admin1, F::Country, F::Source, F::Notes, F::Violence];

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
    /// Every non-empty value of a multi-valued field (an iterator: a row's lists are not
    /// allocated unless kept).
    fn many(&self, f: F) -> impl Iterator<Item = &str>;
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
pub fn load_with_progress(store: &mut Store, data: &[u8], format: Option<Format>, source: &str, progress: &mut dyn FnMut(u64, u64)) -> Result<Diagnostics> {
    let mut loader = Loader::new(format, source, Some(data.len() as u64));
    loader.push(store, data, progress)?;
    loader.finish(store, progress)
}

/// A load that takes its input in pieces as they arrive (a download, a file read in blocks), so
/// the whole input never has to be in memory at once. CSV rows are stored as soon as they are
/// complete; JSON and GeoJSON are kept until [`finish`](Loader::finish) and read then. Pieces may
/// be cut anywhere, inside a quoted field or a UTF-8 character: the result is that of one
/// [`load`] of the whole input, line numbers included.
///
/// ```
/// use riskcard::{ingest::Loader, Store};
/// let csv = "id,date,lat,lon,event_type,fatalities\nk1,2026-07-01,12.65,-8.0,Battles,3\nk2,2026-07-02,,-8.0,Battles,0\n";
/// let mut store = Store::new();
/// let mut loader = Loader::new(None, "log.csv", None);
/// for piece in csv.as_bytes().chunks(7) {
///     loader.push(&mut store, piece, &mut |_, _| {}).unwrap();
/// }
/// let d = loader.finish(&mut store, &mut |_, _| {}).unwrap();
/// assert_eq!((d.rows_read, d.rows_loaded, store.len()), (2, 1, 1));
/// assert_eq!((d.errors[0].line, d.errors[0].reason.as_str()), (3, "missing latitude"));
/// ```
pub struct Loader {
    format: Option<Format>,
    source: String,
    /// The input's length when known (for progress and reserving the store).
    total: Option<u64>,
    diag: Diagnostics,
    /// Text received and not yet read: valid UTF-8 from a record boundary on (for JSON, from
    /// between two values of the document: an element of its rows, or a member of its root object).
    text: Vec<u8>,
    /// The end of the last piece when it stopped inside a UTF-8 character.
    split_char: Vec<u8>,
    /// Bytes received before `text` and `split_char`.
    received: u64,
    /// Bytes of input read before `text[0]` (for progress).
    done: u64,
    /// Whether invalid UTF-8 has been reported.
    bad_utf8: bool,
    csv: Option<CsvLoad>,
    json: JsonLoad,
    /// Do not try to read records before `text` is this long (a record longer than the pieces
    /// would otherwise be scanned again for every piece).
    wait_for: usize,
}

/// A CSV load after its header.
struct CsvLoad {
    header_len: usize,
    cols: Vec<Vec<usize>>,
    /// The line `text[0]` is on.
    line: usize,
    /// Whether the next record is the first after the header (which may be an HXL tag row).
    first: bool,
    /// The store's rows and text bytes when this load began: what its first rows added is
    /// extrapolated to reserve room for the whole input.
    start: (usize, usize),
    reserved: bool,
}

/// What the rows array of a JSON input holds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Items {
    /// Objects with the fields themselves (a JSON array, or an API response's `data` / `Result`).
    Rows,
    /// GeoJSON Features: `properties` and a Point `geometry`.
    Features,
}

/// Where a JSON load has read to. Its input is read one element of the rows array at a time, so
/// neither the input nor a parsed document is ever held whole.
#[derive(Default)]
struct JsonLoad {
    at: JsonAt,
    root_array: bool,
    /// What the rows array holds, once found, and the schema of its rows (from the first).
    items: Option<Items>,
    kind: Option<Kind>,
    /// The root object's `type`.
    geo_type: Option<String>,
    /// Elements of the rows array read.
    n: u64,
    /// Whether text after the document has been reported.
    trailing: bool,
    names: Names,
}

#[derive(Default, Clone, Copy, PartialEq, Eq)]
enum JsonAt {
    /// Before the root value.
    #[default]
    Start,
    /// In the root object, between members.
    Members,
    /// In the rows array, between elements.
    Rows,
    /// After the root value.
    End,
}

/// The members of a root object that hold its rows: GeoJSON's `features`, and the row arrays of
/// the ACLED API's responses (`data`) and the UCDP API's (`Result`).
fn rows_member(key: &str) -> Option<Items> {
    if key == "features" {
        Some(Items::Features)
    } else if key.eq_ignore_ascii_case("data") || key.eq_ignore_ascii_case("result") {
        Some(Items::Rows)
    } else {
        None
    }
}

/// The schema of JSON rows, from the first: UCDP's field names (the UCDP API's rows), ACLED's
/// (the ACLED API's), else ours (which accept ACLED's names too).
fn row_kind(first: &Value, items: Items) -> Kind {
    let obj = if items == Items::Features { first.get("properties") } else { Some(first) };
    let has = |k: &str| obj.and_then(Value::as_object).is_some_and(|m| m.iter().any(|(key, _)| key.eq_ignore_ascii_case(k)));
    if has("type_of_violence") && has("date_start") {
        Kind::Ucdp
    } else if has("event_id_cnty") && has("event_date") {
        Kind::Acled
    } else {
        Kind::Native
    }
}

impl Loader {
    /// A load of `format` (`None`: detect it from the content); `source` names the input in row
    /// errors; `total` is the input's length in bytes, if known.
    pub fn new(format: Option<Format>, source: &str, total: Option<u64>) -> Loader {
        Loader {
            format,
            source: source.to_string(),
            total,
            diag: Diagnostics::default(),
            text: Vec::new(),
            split_char: Vec::new(),
            received: 0,
            done: 0,
            bad_utf8: false,
            csv: None,
            json: JsonLoad::default(),
            wait_for: 0,
        }
    }

    /// Takes the next piece of input and stores the rows it completes. An error (no usable
    /// header, say) ends the load: nothing from it has been stored.
    pub fn push(&mut self, store: &mut Store, piece: &[u8], progress: &mut dyn FnMut(u64, u64)) -> Result<()> {
        if self.text.is_empty() && self.split_char.is_empty() {
            // Nothing held back: read the piece where it is and keep only its unfinished end.
            let (body, cut) = piece.split_at(piece.len() - incomplete_tail(piece));
            if let Ok(text) = std::str::from_utf8(body) {
                self.received += piece.len() as u64;
                let used = self.read_str(store, text, false, progress)?;
                self.text.extend_from_slice(body.get(used..).unwrap_or(&[]));
                self.split_char.extend_from_slice(cut);
                self.wait_for = self.next_wait();
                return Ok(());
            }
        }
        self.push_with(store, piece.len(), |buf| buf.copy_from_slice(piece), progress)
    }

    /// As [`push`](Self::push) for a piece of `len` bytes that `fill` writes in place (from a
    /// JavaScript array, say), saving a copy.
    pub fn push_with(&mut self, store: &mut Store, len: usize, fill: impl FnOnce(&mut [u8]), progress: &mut dyn FnMut(u64, u64)) -> Result<()> {
        let from = self.text.len();
        self.text.append(&mut self.split_char);
        let at = self.text.len();
        self.text.resize(at + len, 0);
        if let Some(buf) = self.text.get_mut(at..) {
            fill(buf);
        }
        self.received += len as u64;
        // Keep back a character cut off at the end of the piece.
        let cut = incomplete_tail(self.text.get(from..).unwrap_or(&[]));
        self.split_char.extend(self.text.drain(self.text.len() - cut..));
        if self.text.len() >= self.wait_for {
            self.read(store, false, progress)?;
        }
        Ok(())
    }

    /// Ends the load: reads what is left, rebuilds the store's index and returns the diagnostics.
    pub fn finish(mut self, store: &mut Store, progress: &mut dyn FnMut(u64, u64)) -> Result<Diagnostics> {
        self.text.append(&mut self.split_char);
        self.read(store, true, progress)?;
        let end = self.done + self.text.len() as u64;
        progress(end, end);
        Ok(self.end(store))
    }

    /// Ends the load early (its input failed): what is held back is dropped, the rows read so far
    /// stay, and a warning says where the input stopped and why.
    ///
    /// ```
    /// use riskcard::{ingest::Loader, Store};
    /// let mut store = Store::new();
    /// let mut loader = Loader::new(None, "feed.csv", None);
    /// loader.push(&mut store, b"id,date,lat,lon\nk1,2026-07-01,12.65,-8.0\nk2,2026-07-0", &mut |_, _| {}).unwrap();
    /// let d = loader.stop(&mut store, "network error");
    /// assert_eq!((d.rows_loaded, store.len()), (1, 1));
    /// assert_eq!(d.warnings, ["feed.csv: the input stopped after 53 bytes (network error); the rows before were loaded"]);
    /// ```
    pub fn stop(mut self, store: &mut Store, reason: &str) -> Diagnostics {
        self.diag.warnings.push(format!("{}: the input stopped after {} bytes ({reason}); the rows before were loaded", display_name(&self.source), self.received));
        self.end(store)
    }

    /// Rebuilds the store's index, adds this load to its diagnostics and returns them.
    fn end(self, store: &mut Store) -> Diagnostics {
        store.finish();
        store.record_load(&self.diag);
        self.diag
    }

    /// Reads what `text` holds; `last` when no more input will come.
    /// Invalid UTF-8 is replaced (and reported once) here.
    fn read(&mut self, store: &mut Store, last: bool, progress: &mut dyn FnMut(u64, u64)) -> Result<()> {
        let mut buf = std::mem::take(&mut self.text);
        let mut fixed = None;
        let text = match std::str::from_utf8(&buf) {
            Ok(t) => t,
            Err(e) => {
                if !self.bad_utf8 {
                    self.bad_utf8 = true;
                    let offset = self.received.saturating_sub((self.split_char.len() + buf.len() - e.valid_up_to()) as u64);
                    self.diag.warnings.push(format!("{}: not valid UTF-8 (first bad byte at offset {offset}); invalid bytes were replaced", display_name(&self.source)));
                }
                fixed.insert(String::from_utf8_lossy(&buf).into_owned()).as_str()
            }
        };
        let result = self.read_str(store, text, last, progress);
        if let Some(f) = fixed {
            buf = f.into_bytes();
        }
        buf.drain(..result.as_ref().map_or(0, |&n| n.min(buf.len())));
        self.text = buf;
        self.wait_for = self.next_wait();
        result.map(|_| ())
    }

    /// A record longer than what has come is not read again until the text held has doubled.
    fn next_wait(&self) -> usize {
        if self.text.len() > 1 << 16 {
            2 * self.text.len()
        } else {
            0
        }
    }

    /// Reads `text` (the input from `done` on), past a BOM at the very start; returns the bytes used.
    fn read_str(&mut self, store: &mut Store, text: &str, last: bool, progress: &mut dyn FnMut(u64, u64)) -> Result<usize> {
        // Only at the very start (a BOM cut in two is held back as an unfinished character).
        let used = if self.done == 0 { text.len() - text.strip_prefix('\u{feff}').unwrap_or(text).len() } else { 0 };
        self.done += used as u64;
        let read = self.read_text(store, text.get(used..).unwrap_or(""), last, progress)?;
        self.done += read as u64;
        Ok(used + read)
    }

    /// Reads from `text`, returning how many bytes were used (what remains starts a record).
    fn read_text(&mut self, store: &mut Store, text: &str, last: bool, progress: &mut dyn FnMut(u64, u64)) -> Result<usize> {
        let format = match self.format {
            Some(f) => f,
            None => match detect_piece(text, last)? {
                Some(f) => f,
                None => return Ok(0),
            },
        };
        if self.diag.formats.is_empty() {
            self.format = Some(format);
            self.diag.formats.push(format.name().to_string());
        }
        match format {
            Format::GeoJson | Format::Json => self.read_json(store, text, format, last, progress),
            Format::Acled => self.read_csv(store, text, Kind::Acled, last, progress),
            Format::Ucdp => self.read_csv(store, text, Kind::Ucdp, last, progress),
            Format::Csv => self.read_csv(store, text, Kind::Native, last, progress),
        }
    }

    /// Reads a JSON input from `text` (the input from `done` on), one element of its rows array at
    /// a time, and returns the bytes used (what remains starts a value not yet whole). The rows are
    /// a root array's elements, a root object's `features` (GeoJSON) or its `data` / `Result` (the
    /// ACLED and UCDP APIs' responses); its other members are passed over. An element that is a
    /// whole, well-formed object is read in one pass ([`json::object_at`]); any other is cut out by
    /// its brackets ([`json::value_end`]) and parsed on its own, so a malformed one is a skipped row
    /// with the parser's reason. An input that ends inside its rows keeps the rows before, with a
    /// warning.
    fn read_json(&mut self, store: &mut Store, text: &str, format: Format, last: bool, progress: &mut dyn FnMut(u64, u64)) -> Result<usize> {
        let source = display_name(&self.source).to_string();
        let done = self.done;
        let invalid = |what: &str, at: usize| format!("{source}: invalid JSON: {what} at byte {}", done + at as u64);
        let not_a_collection = || format!("{source}: GeoJSON must be a FeatureCollection");
        let b = text.as_bytes();
        let j = &mut self.json;
        let mut used = 0;
        let mut members = Vec::new();
        // Ends at a value not yet whole (`None`) or at an error in the input's structure.
        let failed = loop {
            let at = json::skip_ws(b, used);
            let Some(&c) = b.get(at) else { break None };
            match j.at {
                JsonAt::Start => {
                    match c {
                        b'[' if format == Format::GeoJson => break Some(format!("{source}: a JSON array is the json format, not geojson")),
                        b'[' => (j.at, j.root_array, j.items) = (JsonAt::Rows, true, Some(Items::Rows)),
                        b'{' => j.at = JsonAt::Members,
                        _ => break Some(invalid("expected an array or an object", at)),
                    }
                    used = at + 1;
                }
                JsonAt::Members => match c {
                    b',' => used = at + 1,
                    b'}' => (j.at, used) = (JsonAt::End, at + 1),
                    b'"' => {
                        let Some(key_end) = json::value_end(text, at) else { break None };
                        let key = match text.get(at..key_end).map(json::parse) {
                            Some(Ok(Value::String(k))) => k,
                            _ => break Some(invalid("bad member name", at)),
                        };
                        let colon = json::skip_ws(b, key_end);
                        match b.get(colon) {
                            None => break None,
                            Some(b':') => {}
                            Some(_) => break Some(invalid("expected ':'", colon)),
                        }
                        let v = json::skip_ws(b, colon + 1);
                        let Some(&first) = b.get(v) else { break None };
                        if let (Some(items), b'[', None) = (rows_member(&key), first, j.items) {
                            if items == Items::Features && j.geo_type.as_deref().is_some_and(|t| t != "FeatureCollection") {
                                break Some(not_a_collection());
                            }
                            (j.at, j.items, used) = (JsonAt::Rows, Some(items), v + 1);
                            if let Some(name) = self.diag.formats.last_mut() {
                                *name = if items == Items::Features { Format::GeoJson } else { Format::Json }.name().to_string();
                            }
                            continue;
                        }
                        let Some(end) = json::value_end(text, v) else { break None };
                        if key == "type" {
                            j.geo_type = text.get(v..end).and_then(|t| json::parse(t).ok()).and_then(|t| t.as_str().map(String::from));
                        }
                        used = end;
                    }
                    _ => break Some(invalid("expected a member name", at)),
                },
                JsonAt::Rows => match c {
                    b',' => used = at + 1,
                    b']' => (j.at, used) = (if j.root_array { JsonAt::End } else { JsonAt::Members }, at + 1),
                    _ => {
                        // A row is read in one pass when it is a whole, well-formed object; else
                        // its end is found from its brackets, and `parse` says what is wrong.
                        let (end, parsed) = match json::object_at(text, at, &mut members) {
                            Some(end) => (end, Some(Value::Object(std::mem::take(&mut members)))),
                            None => match json::value_end(text, at) {
                                Some(end) => (end, None),
                                None => break None,
                            },
                        };
                        j.n += 1;
                        let (n, items) = (j.n, j.items.unwrap_or(Items::Rows));
                        let what = if items == Items::Features { "feature" } else { "element" };
                        self.diag.rows_read += 1;
                        if n % PROGRESS_ROWS == 0 {
                            let at = done + end as u64;
                            progress(at, self.total.unwrap_or(0).max(at));
                        }
                        let parsed = match (parsed, text.get(at..end)) {
                            (Some(v), _) => Ok(v),
                            (None, Some(t)) => json::parse(t).map_err(|e| format!("invalid JSON: {e}")),
                            // Not reached (values are cut at ASCII bytes), but never a row dropped unsaid.
                            (None, None) => Err("invalid JSON".to_string()),
                        };
                        let row = match &parsed {
                            Ok(v) => {
                                // The schema comes from the first row that is an object.
                                let kind = match j.kind {
                                    Some(k) => k,
                                    None if v.as_object().is_some() => *j.kind.insert(row_kind(v, items)),
                                    None => Kind::Native,
                                };
                                json_item(v, items, kind, &mut j.names).map(|row| (kind, row))
                            }
                            Err(e) => Err(e.clone()),
                        };
                        let result = match &row {
                            Ok((kind, row)) => build(*kind, row),
                            Err(e) => Err(e.clone()),
                        };
                        accept(store, result.map_err(|e| format!("{what} {n}: {e}")), n, &self.source, &mut self.diag);
                        if let Ok(Value::Object(m)) = parsed {
                            members = m; // its room, for the next row
                        }
                        used = end;
                    }
                },
                JsonAt::End => {
                    if !std::mem::replace(&mut j.trailing, true) {
                        self.diag.warnings.push(format!("{source}: text after the end of the JSON document was ignored"));
                    }
                    used = b.len();
                }
            }
        };
        if let Some(e) = failed {
            // Before any row an error ends the load with nothing stored; after rows it ends the
            // reading, and the rows stay.
            if j.n == 0 {
                return Err(Error::Data(e));
            }
            self.diag.warnings.push(format!("{e} (after element {}); the rows read were loaded, the rest of the input was not read", j.n));
            (j.at, j.trailing) = (JsonAt::End, true);
            return Ok(b.len());
        }
        if !last {
            return Ok(used);
        }
        // The end of the input: what is left of `text` is not a whole value.
        let cut = json::skip_ws(b, used) < b.len() || j.at != JsonAt::End;
        if j.items.is_none() {
            return Err(match j.geo_type.as_deref() {
                Some(t) if t != "FeatureCollection" => Error::Data(not_a_collection()),
                _ if cut => Error::Data(invalid("the input ends before the JSON does", b.len())),
                _ => Error::Data(format!("{source}: expected a GeoJSON FeatureCollection, a JSON array of rows, or an API response with its rows in data or Result")),
            });
        }
        if cut {
            self.diag.warnings.push(format!("{source}: the input ends before its JSON does (after element {}); the rows read were loaded", j.n));
        }
        Ok(b.len())
    }

    fn read_csv(&mut self, store: &mut Store, text: &str, kind: Kind, last: bool, progress: &mut dyn FnMut(u64, u64)) -> Result<usize> {
        let source = display_name(&self.source);
        let text = whole_lines(text, last);
        let mut r = match &self.csv {
            Some(c) => csv::Reader::resume(text, c.line),
            None => {
                let mut r = csv::Reader::resume(text, 1);
                if r.next_record().is_none() || (r.unterminated && !last) {
                    return if last { Err(Error::Data(format!("{source}: no header row"))) } else { Ok(0) };
                }
                self.csv = Some(csv_columns(&r, kind, source, (store.len(), store.text_bytes()))?);
                r
            }
        };
        let Some(c) = self.csv.as_mut() else { return Ok(0) };
        // The loop reads locals only (V8 keeps them in registers; fields behind `self` it reloads).
        let (header_len, cols, start, done, total) = (c.header_len, &c.cols[..], c.start, self.done, self.total);
        let (mut first, mut reserve_at) = (c.first, if c.reserved { u64::MAX } else { 4096 });
        let diag = &mut self.diag;
        let (used, next_line) = loop {
            let (at, at_line) = (r.offset(), r.line());
            let Some(line) = r.next_record() else { break (r.offset(), r.line()) };
            if r.unterminated && !last {
                // Its quoted field goes on past this piece: read it again when more has come.
                break (at, at_line);
            }
            if diag.rows_read % PROGRESS_ROWS == PROGRESS_ROWS - 1 {
                let at = done + r.offset() as u64;
                progress(at, total.unwrap_or(0).max(at));
            }
            // After the first 4096 rows, reserve for the whole input by extrapolation.
            if diag.rows_read == reserve_at {
                reserve_at = u64::MAX;
                if let Some(total) = total {
                    let scale = total as f64 / (done + r.offset() as u64) as f64 * 1.02;
                    store.reserve(((store.len() - start.0) as f64 * scale) as usize, ((store.text_bytes() - start.1) as f64 * scale) as usize);
                }
            }
            if first {
                first = false;
                if (0..r.len()).all(|i| r.field(i).trim().is_empty() || r.field(i).trim().starts_with('#')) {
                    diag.warnings.push(format!("{source}: line {line} is an HXL tag row; skipped"));
                    continue;
                }
            }
            diag.rows_read += 1;
            let shape_error = if r.unterminated {
                Some("unterminated quoted field".to_string())
            } else if r.len() < header_len || (r.len() > header_len && (header_len..r.len()).any(|i| !r.field(i).trim().is_empty())) {
                Some(format!("row has {} fields, the header has {}", r.len(), header_len))
            } else {
                None
            };
            let row = CsvRow { r: &r, cols };
            let result = match shape_error {
                Some(e) => Err(e),
                None => build(kind, &row),
            };
            accept(store, result, line as u64, &self.source, diag);
        };
        (c.first, c.reserved, c.line) = (first, reserve_at == u64::MAX, next_line);
        Ok(used)
    }
}

/// The part of `text` that ends on its last line end (all of it when no more input will come): a
/// record is only read once its line end is there. A line end is an LF, or a CR with something
/// after it (a CR at the very end may yet be followed by LF), so a file with CR alone for line ends
/// is read as it comes too.
fn whole_lines(text: &str, last: bool) -> &str {
    if last {
        return text;
    }
    let b = text.as_bytes();
    let lf = memchr::memrchr(b'\n', b).map_or(0, |i| i + 1);
    // A CR line end after the last LF (only the tail after it is searched: most files have LFs).
    let cr = b.get(lf..b.len().saturating_sub(1)).and_then(|tail| memchr::memrchr(b'\r', tail)).map_or(0, |i| lf + i + 1);
    text.get(..lf.max(cr)).unwrap_or("")
}

/// How many bytes at the end of `bytes` begin a UTF-8 character that the bytes do not finish.
fn incomplete_tail(bytes: &[u8]) -> usize {
    for back in 1..=bytes.len().min(3) {
        let Some(&b) = bytes.get(bytes.len() - back) else { break };
        if b & 0xC0 != 0x80 {
            let need = match b {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                0xF0..=0xF7 => 4,
                _ => 1,
            };
            return if need > back { back } else { 0 };
        }
    }
    0
}

/// The format from the start of the input, once enough of it is there (`None`: not yet).
fn detect_piece(text: &str, last: bool) -> Result<Option<Format>> {
    let start = text.trim_start();
    if start.starts_with(['{', '[']) || last {
        return detect(text).map(Some);
    }
    let mut r = csv::Reader::new(whole_lines(text, false));
    if r.next_record().is_none() || r.unterminated {
        return Ok(None);
    }
    detect(text).map(Some)
}

/// The columns of each logical field, from a CSV header; an error when one the load needs is missing.
/// `start` is the store's rows and text bytes before the load.
fn csv_columns(r: &csv::Reader<'_>, kind: Kind, source: &str, start: (usize, usize)) -> Result<CsvLoad> {
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
            return Err(Error::Data(format!("{source}: the header has no {} column", aliases(kind, need).join(" / "))));
        }
    }
    if kind == Kind::Ucdp && cols[F::Violence as usize].is_empty() {
        return Err(Error::Data(format!("{source}: the header has no type_of_violence column")));
    }
    Ok(CsvLoad { header_len: header.len(), cols, line: r.line(), first: true, start, reserved: false })
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
    fn many(&self, f: F) -> impl Iterator<Item = &str> {
        self.cols.get(f as usize).into_iter().flatten().map(|&i| trim(self.r.field(i))).filter(|s| !s.is_empty())
    }
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

/// A JSON row's values by field, borrowed from the input where they can be: one list, each
/// field's values a contiguous span of it (a row allocates one list, not one per field).
struct JsonRow<'a> {
    vals: Vec<Cow<'a, str>>,
    spans: [(u32, u32); FIELDS.len()],
}

impl<'a> JsonRow<'a> {
    fn values(&self, f: F) -> &[Cow<'a, str>] {
        let (a, b) = self.spans.get(f as usize).copied().unwrap_or_default();
        self.vals.get(a as usize..b as usize).unwrap_or_default()
    }
    /// Makes `v` the only value of `f`.
    fn set(&mut self, f: F, v: Cow<'a, str>) {
        let at = self.vals.len() as u32;
        if let Some(span) = self.spans.get_mut(f as usize) {
            self.vals.push(v);
            *span = (at, at + 1);
        }
    }
}

impl Row for JsonRow<'_> {
    fn one(&self, f: F) -> &str {
        self.values(f).first().map(|s| trim(s)).unwrap_or("")
    }
    fn many(&self, f: F) -> impl Iterator<Item = &str> {
        self.values(f).iter().map(|s| trim(s)).filter(|s| !s.is_empty())
    }
}

fn scalar<'a>(v: &Value<'a>) -> Option<Cow<'a, str>> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(Cow::Borrowed(n)),
        Value::Bool(b) => Some(Cow::Owned(b.to_string())),
        _ => None,
    }
}

/// The field a JSON member name is for, with the rank of the name among that field's aliases.
fn field_of(kind: Kind, name: &str) -> Option<(F, u8)> {
    FIELDS.iter().find_map(|&f| aliases(kind, f).iter().position(|a| name.eq_ignore_ascii_case(a)).map(|r| (f, r as u8)))
}

/// The member names met so far, by position, with their [`field_of`]: the rows of one input name
/// their members alike and in the same order, so a row costs a comparison a member, not a search
/// of every field's aliases; and the order its matched members are read in, which is then the
/// same from row to row too.
#[derive(Default)]
struct Names {
    seen: Vec<(String, Option<(F, u8)>)>,
    /// The read order of the matched members of a row of `order_for` members named as `seen`.
    order: Vec<usize>,
    order_for: Option<usize>,
}

/// A row from a JSON object's members: each field's values from its first alias present (every
/// alias, in order, for actors and notes); arrays give their scalars.
fn json_row<'a>(obj: &[(Cow<'a, str>, Value<'a>)], kind: Kind, names: &mut Names) -> JsonRow<'a> {
    let mut hits: Vec<(F, u8, &Value<'a>)> = Vec::with_capacity(obj.len());
    let mut same = true;
    for (i, (name, v)) in obj.iter().enumerate() {
        let hit = match names.seen.get(i) {
            Some((known, hit)) if known.as_str() == name.as_ref() => *hit,
            _ => {
                same = false;
                let hit = field_of(kind, name);
                match names.seen.get_mut(i) {
                    Some(slot) => *slot = (name.to_string(), hit),
                    None => names.seen.push((name.to_string(), hit)),
                }
                hit
            }
        };
        if let Some((f, rank)) = hit {
            hits.push((f, rank, v));
        }
    }
    if !same || names.order_for != Some(obj.len()) {
        // By field, then alias, then member order (through `rank`, the one sort in the .wasm).
        let key = |i: usize| hits.get(i).map(|&(f, rank, _)| (f as usize, rank));
        names.order = crate::rank::top_k(hits.len(), hits.len(), |a, b| key(a).cmp(&key(b)).then(a.cmp(&b)));
        names.order_for = Some(obj.len());
    }
    let mut row = JsonRow { vals: Vec::with_capacity(hits.len()), spans: [(0, 0); FIELDS.len()] };
    let mut first_rank = [0u8; FIELDS.len()];
    for &(f, rank, v) in names.order.iter().filter_map(|&i| hits.get(i)) {
        let (Some(span), Some(first)) = (row.spans.get_mut(f as usize), first_rank.get_mut(f as usize)) else { continue };
        let empty = span.0 == span.1;
        if !is_multi(f) && !empty && *first != rank {
            continue; // a field's first alias with values is the one read
        }
        if empty {
            // A field's members are read one after another, so its values are one span.
            *first = rank;
            let at = row.vals.len() as u32;
            *span = (at, at);
        }
        match v {
            Value::Array(items) => row.vals.extend(items.iter().filter_map(scalar)),
            other => row.vals.extend(scalar(other)),
        }
        span.1 = row.vals.len() as u32;
    }
    row
}

fn json_item<'a>(item: &Value<'a>, items: Items, kind: Kind, names: &mut Names) -> std::result::Result<JsonRow<'a>, String> {
    let Some(members) = item.as_object() else { return Err("not an object".into()) };
    let obj = item;
    if items == Items::Rows {
        return Ok(json_row(members, kind, names));
    }
    let mut row = match obj.get("properties") {
        Some(Value::Object(p)) => json_row(p, kind, names),
        Some(Value::Null) | None => json_row(&[], kind, names),
        Some(_) => return Err("properties is not an object".into()),
    };
    if row.one(F::Id).is_empty() {
        if let Some(id) = obj.get("id").and_then(scalar) {
            row.set(F::Id, id);
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
            let text = |v: &Value<'a>| scalar(v).unwrap_or_default();
            row.set(F::Lon, text(&c[0]));
            row.set(F::Lat, text(&c[1]));
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

/// An incident from a row's fields, or why the row is skipped. Generic, not `&dyn Row`: a copy per
/// format lets each field read be inlined (about 17 per row; 5 % of a CSV load in V8).
fn build<'r, R: Row>(kind: Kind, row: &'r R) -> std::result::Result<NewIncident<'r>, String> {
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
        Kind::Ucdp => (precision(row.one(F::GeoPrec), geo_name, &[0, 1, 2, 3, 2, 4, 4])?, precision(row.one(F::DatePrec), date_name, &[0, 1, 2, 3, 4])?),
        // ACLED geo_precision 1 town, 2 near / part of a region, 3 provincial capital or region;
        // time_precision 1 day, 2 week, 3 month.
        Kind::Acled | Kind::Native => (precision(row.one(F::GeoPrec), geo_name, &[0, 1, 2])?, precision(row.one(F::DatePrec), date_name, &[0, 2, 3])?),
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
    // Notes from several columns (UCDP's source fields) are joined; one is borrowed as it is.
    let mut parts = row.many(F::Notes);
    let notes = match (parts.next(), parts.next()) {
        (None, _) => Cow::Borrowed(""),
        (Some(one), None) => Cow::Borrowed(one),
        (Some(a), Some(b)) => Cow::Owned([a, b].into_iter().chain(parts).collect::<Vec<_>>().join(" — ")),
    };
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
        actors: row.many(F::Actors).map(Cow::Borrowed).collect(),
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
    use super::*;

    /// The matching as it was written first: every field's aliases searched in every row.
    fn json_row_reference<'a>(obj: &[(Cow<'a, str>, Value<'a>)], kind: Kind) -> Vec<Vec<Cow<'a, str>>> {
        FIELDS
            .iter()
            .map(|&f| {
                let mut out = Vec::new();
                for a in aliases(kind, f) {
                    for (_, v) in obj.iter().filter(|(k, _)| k.eq_ignore_ascii_case(a)) {
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
            .collect()
    }

    /// The cached, sorted matching gives what searching every alias in every row gave: aliases
    /// in priority order, repeated names, arrays, names in any case and order, rows that change
    /// their names part-way, rows named as the one before (whose read order is reused), for each
    /// schema.
    #[test]
    fn json_rows_match_their_fields_as_before() {
        let rows = [
            r#"{"id": "a", "date": "2025-05-20", "lat": 12.7, "lon": -8.0, "actors": ["JNIM", "FAMa"], "notes": "x"}"#,
            r#"{"latitude": "1", "lat": "2", "LON": 3, "event_date": "2025-01-01", "date": "", "actor2": "B", "actor1": "A", "actors": "C"}"#,
            r#"{"id": "b", "date": "2025-05-20", "lat": 12.7, "lon": -8.0, "actors": [], "actor1": "A", "fatalities": 3, "fatalities": 4}"#,
            r#"{"Lat": [1, 2], "date": null, "date": "2025-02-02", "notes": ["a", {"b": 1}, true], "where_description": "w", "source_headline": "h"}"#,
            r#"{"event_id_cnty": "MLI1", "event_date": "2025-03-03", "latitude": "12", "longitude": "-8", "assoc_actor_1": "X", "actor1": "Y", "time_precision": "2"}"#,
            r#"{"id": 7, "date_start": "2025-01-01", "latitude": 1, "longitude": 2, "type_of_violence": 1, "side_b": "B", "side_a": "A", "best": 0, "where_prec": 1}"#,
            r#"{}"#,
        ];
        // Forty notes and actors, interleaved: their order must survive the sort.
        let many = (0..40).map(|i| format!(r#""notes": "n{i}", "actor{}": "a{i}", "source_headline": "h{i}""#, 1 + i % 2)).collect::<Vec<_>>().join(", ");
        let many = format!("{{{many}}}");
        for kind in [Kind::Native, Kind::Acled, Kind::Ucdp] {
            let mut names = Names::default();
            for text in rows.iter().flat_map(|r| [r, r]).chain(rows.iter().rev()).chain([&many.as_str()]) {
                let v = json::parse(text).unwrap();
                let obj = v.as_object().unwrap();
                let row = json_row(obj, kind, &mut names);
                assert_eq!(FIELDS.map(|f| row.values(f).to_vec()).to_vec(), json_row_reference(obj, kind), "{text}");
            }
        }
    }

    #[test]
    fn trim_is_str_trim() {
        for s in ["", " ", "a", " a", "a ", "\tMali\r", "\u{a0}x\u{a0}", "x\u{2003}", "\u{b}v", "é", "12.5", "\u{1}x\u{7f}"] {
            assert_eq!(super::trim(s), s.trim(), "{s:?}");
        }
    }
}
