//! What a load did: rows read, loaded, skipped and replaced, each skipped row with its line and
//! reason, and the warnings of rows that were read all the same. The diagnostics belong to the load
//! (a store keeps the sum of its loads'); a report carries only their [`LoadSummary`].

use serde::Serialize;

use crate::message::{Message, Params};

/// One skipped row: where and why (`reason` in English, made from `code` and `params`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowError {
    /// Name of the input (file name or the name the host gave), when known.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// 1-based line (CSV: the physical line where the record starts; JSON: the feature/element index + 1).
    pub line: u64,
    /// What is wrong with it, in English.
    pub reason: String,
    /// The reason's message code.
    pub code: &'static str,
    /// The reason's parameters.
    pub params: Params,
}

/// A warning: something worth knowing that did not stop the load or the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    /// The message code (docs/MESSAGES.md).
    pub code: &'static str,
    /// The English text.
    pub message: String,
    /// The parameters the text is made from.
    pub params: Params,
}

impl From<Message> for Warning {
    fn from(m: Message) -> Warning {
        Warning { code: m.code(), message: m.text(), params: m.params().clone() }
    }
}

/// A warning equals its English text (for tests and for finding one).
impl PartialEq<&str> for Warning {
    fn eq(&self, other: &&str) -> bool {
        self.message == *other
    }
}

impl PartialEq<String> for Warning {
    fn eq(&self, other: &String) -> bool {
        self.message == *other
    }
}

/// Most row errors listed per store; the rest are counted in `errors_omitted`.
pub const MAX_LISTED_ERRORS: usize = 1000;

/// What a load did: rows read, loaded, skipped (each skipped row listed with its line and reason).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Diagnostics {
    /// Data rows read (header and HXL tag rows excluded).
    pub rows_read: u64,
    /// Rows stored (new or replacing an earlier version of the same id).
    pub rows_loaded: u64,
    /// Rows skipped; each is in `errors` (up to [`MAX_LISTED_ERRORS`]).
    pub rows_skipped: u64,
    /// Loaded rows whose id was already in the store and that replaced it.
    pub rows_replaced: u64,
    /// Skipped rows with line and reason.
    pub errors: Vec<RowError>,
    /// Skipped rows beyond the listed ones.
    pub errors_omitted: u64,
    /// Things worth knowing that did not skip a row (HXL row, invalid UTF-8 replaced, …).
    pub warnings: Vec<Warning>,
    /// Formats read, in load order.
    pub formats: Vec<String>,
    /// Each load: its name, format, rows stored and their first and last dates.
    pub sources: Vec<Source>,
}

/// One load of a store: what it was, and what it brought.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// The name the load was given (a file name).
    pub name: String,
    /// The format read.
    pub format: String,
    /// Rows stored (new or replacing an earlier version of their id).
    pub rows: u64,
    /// The first day of those rows, `YYYY-MM-DD` (null without rows).
    pub first_date: Option<String>,
    /// The last day.
    pub last_date: Option<String>,
}

impl Diagnostics {
    /// Records a skipped row.
    pub fn skip(&mut self, source: &str, line: u64, reason: Message) {
        self.rows_skipped += 1;
        if self.errors.len() < MAX_LISTED_ERRORS {
            self.errors.push(RowError { source: source.to_string(), line, reason: reason.text(), code: reason.code(), params: reason.params().clone() });
        } else {
            self.errors_omitted += 1;
        }
    }

    /// Records a warning.
    pub fn warn(&mut self, m: Message) {
        self.warnings.push(m.into());
    }

    /// Adds another load's diagnostics to these.
    pub fn merge(&mut self, other: &Diagnostics) {
        self.rows_read += other.rows_read;
        self.rows_loaded += other.rows_loaded;
        self.rows_skipped += other.rows_skipped;
        self.rows_replaced += other.rows_replaced;
        for e in &other.errors {
            if self.errors.len() < MAX_LISTED_ERRORS {
                self.errors.push(e.clone());
            } else {
                self.errors_omitted += 1;
            }
        }
        self.errors_omitted += other.errors_omitted;
        self.warnings.extend(other.warnings.iter().cloned());
        self.formats.extend(other.formats.iter().cloned());
        self.sources.extend(other.sources.iter().cloned());
    }

    /// The counts, the distinct warnings and the distinct formats, without the skipped rows: what a
    /// report carries of the loads.
    ///
    /// ```
    /// use riskcard::{ingest, Store};
    /// let csv = "id,date,lat,lon\nk1,2026-07-01,12.65,-8.0\nk2,2026-07-02,,-8.0\n";
    /// let mut store = Store::new();
    /// ingest::load(&mut store, csv.as_bytes(), None, "a.csv").unwrap();
    /// ingest::load(&mut store, csv.as_bytes(), None, "b.csv").unwrap();
    /// let s = store.diagnostics().summary();
    /// assert_eq!((s.rows_read, s.rows_loaded, s.rows_skipped, s.rows_replaced), (4, 2, 2, 1));
    /// assert_eq!(s.formats, ["csv"]);
    /// ```
    pub fn summary(&self) -> LoadSummary {
        let mut warnings: Vec<Warning> = Vec::new();
        for w in &self.warnings {
            if !warnings.contains(w) {
                warnings.push(w.clone());
            }
        }
        let mut formats: Vec<String> = Vec::new();
        for f in &self.formats {
            if !formats.contains(f) {
                formats.push(f.clone());
            }
        }
        LoadSummary { rows_read: self.rows_read, rows_loaded: self.rows_loaded, rows_skipped: self.rows_skipped, rows_replaced: self.rows_replaced, warnings, formats }
    }
}

/// What a report says of the loads behind it: their counts, their warnings (each once) and the
/// formats read; the skipped rows themselves are in the load's [`Diagnostics`].
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct LoadSummary {
    /// Data rows read.
    pub rows_read: u64,
    /// Rows stored.
    pub rows_loaded: u64,
    /// Rows skipped.
    pub rows_skipped: u64,
    /// Loaded rows that replaced an earlier version of their id.
    pub rows_replaced: u64,
    /// The loads' warnings, each once.
    pub warnings: Vec<Warning>,
    /// The formats read, each once, in load order.
    pub formats: Vec<String>,
}
