//! The incident store: columnar arrays in memory (one entry per incident in each), with strings
//! interned or packed so that a million incidents stay compact. Rows are deduplicated by source id:
//! loading the same id again replaces the earlier version (a later release supersedes an earlier one).

use std::collections::HashMap;

use serde::Serialize;

use crate::category::Category;
use crate::date::Day;

/// A parsed, validated incident on its way into the store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewIncident {
    /// Source id (ACLED `event_id_cnty`, UCDP `id`, or the host's `id`).
    pub id: String,
    /// Event day.
    pub day: Day,
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
    /// Common category.
    pub category: Category,
    /// Reported fatalities (UCDP `best`).
    pub fatalities: u32,
    /// Location precision class, 0 (exact) … 4 (country); see [`GEO_PRECISION_FACTOR`].
    pub geo_class: u8,
    /// Date precision class, 0 (day) … 4 (year); see [`DATE_PRECISION_FACTOR`].
    pub date_class: u8,
    /// Original event type label.
    pub event_type: String,
    /// Original sub-event type label.
    pub sub_event_type: String,
    /// Actors (non-empty names only).
    pub actors: Vec<String>,
    /// Place name.
    pub location: String,
    /// First-level administrative unit.
    pub admin1: String,
    /// Country.
    pub country: String,
    /// Source (publisher) text.
    pub source: String,
    /// Free-text notes.
    pub notes: String,
}

/// Score multiplier by location precision class: exact, near (≤ 25 km), second-order admin
/// centroid or linear feature, first-order admin centroid, country only.
pub const GEO_PRECISION_FACTOR: [f64; 5] = [1.0, 0.8, 0.5, 0.3, 0.1];
/// Score multiplier by date precision class: day, 2–6 days, week, month, year.
pub const DATE_PRECISION_FACTOR: [f64; 5] = [1.0, 0.9, 0.8, 0.6, 0.3];

/// A stored incident, borrowed from the store for display.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Incident<'a> {
    /// Source id.
    pub id: &'a str,
    /// Event day.
    #[serde(skip)]
    pub day: Day,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Category.
    #[serde(skip)]
    pub category: Category,
    /// Fatalities.
    pub fatalities: u32,
    /// Original event type.
    pub event_type: &'a str,
    /// Original sub-event type.
    pub sub_event_type: &'a str,
    /// Actors.
    pub actors: Vec<&'a str>,
    /// Place.
    pub location: &'a str,
    /// Admin 1.
    pub admin1: &'a str,
    /// Country.
    pub country: &'a str,
    /// Source.
    pub source: &'a str,
    /// Notes.
    pub notes: &'a str,
}

/// One skipped row: where and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowError {
    /// Name of the input (file name or the name the host gave), when known.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// 1-based line (CSV: the physical line where the record starts; JSON: the feature/element index + 1).
    pub line: u64,
    /// What is wrong with it.
    pub reason: String,
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
    pub warnings: Vec<String>,
    /// Formats read, in load order.
    pub formats: Vec<String>,
}

impl Diagnostics {
    /// Records a skipped row.
    pub fn skip(&mut self, source: &str, line: u64, reason: String) {
        self.rows_skipped += 1;
        if self.errors.len() < MAX_LISTED_ERRORS {
            self.errors.push(RowError { source: source.to_string(), line, reason });
        } else {
            self.errors_omitted += 1;
        }
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
    }
}

/// Interns strings (and tuples of strings joined by U+001F) to dense `u32` ids.
#[derive(Debug, Default, Clone)]
struct Interner {
    map: HashMap<Box<str>, u32>,
    strings: Vec<Box<str>>,
}

impl Interner {
    fn intern(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.map.get(s) {
            return i;
        }
        let i = self.strings.len() as u32;
        self.strings.push(s.into());
        self.map.insert(s.into(), i);
        i
    }
    fn get(&self, i: u32) -> &str {
        self.strings.get(i as usize).map(|s| &**s).unwrap_or("")
    }
    fn bytes(&self) -> usize {
        self.strings.iter().map(|s| 2 * s.len() + 2 * std::mem::size_of::<Box<str>>() + 4).sum()
    }
}

const SEP: char = '\u{1f}';

fn join(parts: &[&str]) -> String {
    let mut s = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            s.push(SEP);
        }
        // The separator cannot occur inside a part.
        s.extend(p.chars().filter(|&c| c != SEP));
    }
    s
}

/// Long texts packed end to end, each prefixed by its LEB128 length; a row holds one `u32` offset.
#[derive(Debug, Default, Clone)]
struct TextPool {
    bytes: Vec<u8>,
}

impl TextPool {
    fn push(&mut self, s: &str) -> u32 {
        let at = self.bytes.len() as u32;
        let mut n = s.len();
        loop {
            let b = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.bytes.push(b);
                break;
            }
            self.bytes.push(b | 0x80);
        }
        self.bytes.extend_from_slice(s.as_bytes());
        at
    }
    fn get(&self, at: u32) -> &str {
        let mut i = at as usize;
        let (mut n, mut shift) = (0usize, 0u32);
        while let Some(&b) = self.bytes.get(i) {
            i += 1;
            n |= ((b & 0x7f) as usize) << shift;
            shift += 7;
            if b & 0x80 == 0 || shift > 28 {
                break;
            }
        }
        self.bytes.get(i..i + n).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("")
    }
}

/// Columnar incident store. Column `i` of every array is incident `i`.
#[derive(Debug, Default, Clone)]
pub struct Store {
    lat: Vec<f32>,
    lon: Vec<f32>,
    day: Vec<Day>,
    category: Vec<u8>,
    precision: Vec<u8>,
    fatalities: Vec<u32>,
    id: Vec<u32>,
    label: Vec<u32>,
    actors: Vec<u32>,
    place: Vec<u32>,
    notes: Vec<u32>,
    ids: TextPool,
    id_index: HashMap<Box<str>, u32>,
    tuples: Interner,
    text: TextPool,
    diagnostics: Diagnostics,
}

/// What [`Store::insert`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inserted {
    /// A new id.
    New,
    /// The id was stored already; this version replaced it.
    Replaced,
}

impl Store {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of distinct incidents.
    ///
    /// ```
    /// assert_eq!(riskcard::Store::new().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.lat.len()
    }

    /// True when nothing is loaded.
    pub fn is_empty(&self) -> bool {
        self.lat.is_empty()
    }

    /// Drops every incident and all diagnostics.
    pub fn clear(&mut self) {
        *self = Store::default();
    }

    /// Stores an incident; an id already present is replaced in place.
    pub fn insert(&mut self, n: NewIncident) -> Inserted {
        let label = self.tuples.intern(&join(&[&n.event_type, &n.sub_event_type]));
        let actor_refs: Vec<&str> = n.actors.iter().map(String::as_str).collect();
        let actors = self.tuples.intern(&join(&actor_refs));
        let place = self.tuples.intern(&join(&[&n.location, &n.admin1, &n.country, &n.source]));
        let notes = self.text.push(&n.notes);
        let precision = (n.geo_class.min(4)) | (n.date_class.min(4) << 4);
        if let Some(&row) = self.id_index.get(n.id.as_str()) {
            let r = row as usize;
            if r < self.len() {
                self.lat[r] = n.lat as f32;
                self.lon[r] = n.lon as f32;
                self.day[r] = n.day;
                self.category[r] = n.category as u8;
                self.precision[r] = precision;
                self.fatalities[r] = n.fatalities;
                self.label[r] = label;
                self.actors[r] = actors;
                self.place[r] = place;
                self.notes[r] = notes;
                return Inserted::Replaced;
            }
        }
        let row = self.len() as u32;
        self.lat.push(n.lat as f32);
        self.lon.push(n.lon as f32);
        self.day.push(n.day);
        self.category.push(n.category as u8);
        self.precision.push(precision);
        self.fatalities.push(n.fatalities);
        self.id.push(self.ids.push(&n.id));
        self.label.push(label);
        self.actors.push(actors);
        self.place.push(place);
        self.notes.push(notes);
        self.id_index.insert(n.id.into_boxed_str(), row);
        Inserted::New
    }

    /// Latitudes (degrees), one per incident.
    pub fn lats(&self) -> &[f32] {
        &self.lat
    }
    /// Longitudes (degrees), one per incident.
    pub fn lons(&self) -> &[f32] {
        &self.lon
    }
    /// Event days, one per incident.
    pub fn days(&self) -> &[Day] {
        &self.day
    }

    /// Category of incident `row` (`Other` if out of range).
    pub fn category(&self, row: usize) -> Category {
        Category::from_code(self.category.get(row).copied().unwrap_or(8))
    }

    /// Fatalities of incident `row`.
    pub fn fatalities(&self, row: usize) -> u32 {
        self.fatalities.get(row).copied().unwrap_or(0)
    }

    /// The product of location and date precision factors of incident `row`.
    ///
    /// ```
    /// # use riskcard::{Store, store::NewIncident, Category};
    /// let mut s = Store::new();
    /// s.insert(NewIncident { id: "a".into(), day: 0, lat: 12.0, lon: -8.0, category: Category::Battle,
    ///     fatalities: 0, geo_class: 2, date_class: 1, event_type: String::new(), sub_event_type: String::new(),
    ///     actors: vec![], location: String::new(), admin1: String::new(), country: String::new(),
    ///     source: String::new(), notes: String::new() });
    /// assert!((s.precision_factor(0) - 0.5 * 0.9).abs() < 1e-12);
    /// ```
    pub fn precision_factor(&self, row: usize) -> f64 {
        let p = self.precision.get(row).copied().unwrap_or(0x44);
        GEO_PRECISION_FACTOR[(p & 0x0f).min(4) as usize] * DATE_PRECISION_FACTOR[(p >> 4).min(4) as usize]
    }

    /// The whole incident `row` for display, or `None` when out of range.
    pub fn get(&self, row: usize) -> Option<Incident<'_>> {
        let split = |i: u32, n: usize| -> Vec<&str> {
            let s = self.tuples.get(i);
            let mut v: Vec<&str> = s.split(SEP).collect();
            v.resize(n.max(v.len()), "");
            v
        };
        let label = split(*self.label.get(row)?, 2);
        let place = split(*self.place.get(row)?, 4);
        let actors = self.tuples.get(*self.actors.get(row)?);
        Some(Incident {
            id: self.ids.get(*self.id.get(row)?),
            day: *self.day.get(row)?,
            lat: *self.lat.get(row)? as f64,
            lon: *self.lon.get(row)? as f64,
            category: self.category(row),
            fatalities: self.fatalities(row),
            event_type: label[0],
            sub_event_type: label[1],
            actors: if actors.is_empty() { vec![] } else { actors.split(SEP).collect() },
            location: place[0],
            admin1: place[1],
            country: place[2],
            source: place[3],
            notes: self.text.get(*self.notes.get(row)?),
        })
    }

    /// Earliest and latest event day, `None` when empty.
    pub fn day_range(&self) -> Option<(Day, Day)> {
        let min = *self.day.iter().min()?;
        let max = *self.day.iter().max()?;
        Some((min, max))
    }

    /// Cumulative diagnostics of every load into this store.
    pub fn diagnostics(&self) -> &Diagnostics {
        &self.diagnostics
    }

    pub(crate) fn record_load(&mut self, d: &Diagnostics) {
        self.diagnostics.merge(d);
    }

    /// Memory held: `(bytes in per-incident columns, bytes in string tables and indexes)`.
    pub fn memory_bytes(&self) -> (usize, usize) {
        let per_row = 4 + 4 + 4 + 1 + 1 + 4 + 4 + 4 + 4 + 4 + 4;
        let tables = self.ids.bytes.len()
            + self.text.bytes.len()
            + self.tuples.bytes()
            + self.id_index.keys().map(|k| k.len() + std::mem::size_of::<(Box<str>, u32)>() + 1).sum::<usize>();
        (per_row * self.len(), tables)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn incident(id: &str, day: Day) -> NewIncident {
        NewIncident {
            id: id.into(),
            day,
            lat: 12.65,
            lon: -8.0,
            category: Category::Battle,
            fatalities: 2,
            geo_class: 0,
            date_class: 0,
            event_type: "Battles".into(),
            sub_event_type: "Armed clash".into(),
            actors: vec!["JNIM".into(), "Military Forces of Mali (2021-)".into()],
            location: "Kati".into(),
            admin1: "Koulikoro".into(),
            country: "Mali".into(),
            source: "Studio Tamani".into(),
            notes: "On 3 July 2026, JNIM militants \u{1f} attacked a checkpoint. é".into(),
        }
    }

    #[test]
    fn same_id_replaces_and_keeps_one_row() {
        let mut s = Store::new();
        assert_eq!(s.insert(incident("A1", 10)), Inserted::New);
        assert_eq!(s.insert(incident("B2", 11)), Inserted::New);
        let mut revised = incident("A1", 12);
        revised.fatalities = 0;
        revised.location = "Tombouctou".into();
        assert_eq!(s.insert(revised), Inserted::Replaced);
        assert_eq!(s.len(), 2);
        let a = s.get(0).unwrap();
        assert_eq!((a.id, a.day, a.fatalities, a.location), ("A1", 12, 0, "Tombouctou"));
        assert_eq!(a.actors, vec!["JNIM", "Military Forces of Mali (2021-)"]);
        assert_eq!(a.notes, "On 3 July 2026, JNIM militants \u{1f} attacked a checkpoint. é");
        assert_eq!(a.event_type, "Battles");
        assert_eq!(s.get(1).unwrap().id, "B2");
        assert_eq!(s.get(2), None);
        assert_eq!(s.day_range(), Some((11, 12)));
    }

    #[test]
    fn long_notes_round_trip() {
        let mut s = Store::new();
        let mut n = incident("X", 0);
        n.notes = "ab".repeat(40_000);
        n.actors.clear();
        s.insert(n);
        let got = s.get(0).unwrap();
        assert_eq!(got.notes.len(), 80_000);
        assert!(got.actors.is_empty());
    }
}
