//! Ingest: ACLED CSV (current and older exports, HDX copies with an HXL row), UCDP GED / Candidate
//! CSV, and this project's own schema as CSV, GeoJSON or a JSON array. The format is detected from the
//! content unless given. Every row is validated; a bad row is skipped and reported with its line and
//! reason, never dropped silently, and no input can make this module panic.

mod csv_rows;
mod dates;
mod dedupe;
mod detect;
pub mod diagnostics;
mod json_rows;
mod loader;
mod schema;
mod sink;
pub(crate) mod validate;

use crate::error::{Error, Result};
use crate::message::Message;
use crate::store::Store;

pub use dedupe::{Dedupe, TWIN_METRES};
pub use detect::detect;
pub use diagnostics::{Diagnostics, LoadSummary, RowError, Source, Warning, MAX_LISTED_ERRORS};
pub use loader::Loader;
pub use schema::ucdp_label;
pub use sink::MAX_WAITING;

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
            other => return Err(Error::Options(Message::format_unknown(other.to_string()))),
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

/// Loads `data` into `store` and returns what happened. `source` names the input in row errors.
///
/// ```
/// use riskcard::{Store, ingest};
/// let csv = "id,date,lat,lon,event_type,fatalities\nk1,2026-07-01,12.65,-8.0,Battles,3\nk2,2026-07-02,,-8.0,Battles,0\n";
/// let mut store = Store::new();
/// let d = ingest::load(&mut store, csv.as_bytes(), None, "log.csv").unwrap();
/// assert_eq!((d.rows_read, d.rows_loaded, d.rows_skipped), (2, 1, 1));
/// assert_eq!(d.errors[0].line, 3);
/// assert_eq!((d.errors[0].reason.as_str(), d.errors[0].code), ("missing latitude", "row_missing"));
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
    loader.end(store, progress)
}
