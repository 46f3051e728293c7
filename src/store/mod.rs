//! The incident store: columnar arrays in memory (one entry per incident in each), with strings
//! interned or packed so that a million incidents stay compact (40 bytes each in the columns), and a
//! grid index over them. Rows are deduplicated by source id: loading the same id again replaces the
//! earlier version (a later release supersedes an earlier one).
//!
//! * `columns.rs` — the per-incident columns, declared once.
//! * `hash.rs` — the hash table that finds ids and interned tuples.
//! * `strings.rs` — interned tuples (labels, actors, places) and packed texts (ids, notes).
//! * `grid.rs` — the (cell, day) index that a scan reads.

mod columns;
mod grid;
mod hash;
mod strings;

use std::borrow::Cow;

use serde::Serialize;

use crate::category::Category;
use crate::date::Day;
use crate::ingest::Diagnostics;

use columns::columns;
pub use grid::Bbox;
use grid::Grid;
use hash::{hash_str, same, HashIndex};
use strings::{Interner, TextPool, SEP};

/// A parsed, validated incident on its way into the store; text borrows the input where it can.
#[derive(Debug, Clone, PartialEq)]
pub struct NewIncident<'a> {
    /// Source id (ACLED `event_id_cnty`, UCDP `id`, or the host's `id`).
    pub id: Cow<'a, str>,
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
    pub event_type: Cow<'a, str>,
    /// Original sub-event type label.
    pub sub_event_type: Cow<'a, str>,
    /// Actors (non-empty names only).
    pub actors: Vec<Cow<'a, str>>,
    /// Place name.
    pub location: Cow<'a, str>,
    /// First-level administrative unit.
    pub admin1: Cow<'a, str>,
    /// Country.
    pub country: Cow<'a, str>,
    /// Source (publisher) text.
    pub source: Cow<'a, str>,
    /// Free-text notes.
    pub notes: Cow<'a, str>,
}

impl<'a> NewIncident<'a> {
    /// An incident with what scoring reads and no text: an exact position and date (classes 0), no
    /// labels, actors, place or notes. Tests, benches and code that builds a store by hand start
    /// from it and set what they need.
    ///
    /// ```
    /// use riskcard::{Store, store::NewIncident, Category};
    /// let mut s = Store::new();
    /// s.insert(NewIncident { geo_class: 2, date_class: 1, ..NewIncident::new("a", 0, 12.0, -8.0, Category::Battle, 3) });
    /// assert_eq!((s.fatalities(0), s.get(0).unwrap().location), (3, ""));
    /// assert!((s.precision_factor(0) - 0.5 * 0.9).abs() < 1e-12); // near (≤ 25 km), to the week
    /// ```
    pub fn new(id: impl Into<Cow<'a, str>>, day: Day, lat: f64, lon: f64, category: Category, fatalities: u32) -> Self {
        let none = || Cow::Borrowed("");
        NewIncident {
            id: id.into(),
            day,
            lat,
            lon,
            category,
            fatalities,
            geo_class: 0,
            date_class: 0,
            event_type: none(),
            sub_event_type: none(),
            actors: Vec::new(),
            location: none(),
            admin1: none(),
            country: none(),
            source: none(),
            notes: none(),
        }
    }
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

/// The bit of a [`Memo`] entry that says it is known.
const KNOWN: u32 = 1 << 31;

/// First storable day (1900-01-01); days are stored as `u16` offsets from it (to 2079-06-06).
pub const DAY_BASE: Day = -25_567;
/// Last storable day (2079-06-06).
pub const DAY_LAST: Day = DAY_BASE + u16::MAX as Day;

columns! {
    /// The per-incident columns: entry `i` of each is incident `i`.
    Columns, Row {
        /// Position as a unit vector (x, y, z), so a distance needs no trigonometry.
        xyz: [f32; 3],
        /// Day, as an offset from [`DAY_BASE`].
        day: u16,
        /// [`Category`] code.
        category: u8,
        /// Location precision class (low 4 bits) and date precision class (high 4 bits).
        precision: u8,
        /// Fatalities.
        fatalities: u32,
        /// Where the source id starts in `ids`.
        id: u32,
        /// Interned (event type, sub-event type).
        label: u32,
        /// Interned actors.
        actors: u32,
        /// Interned (location, admin1, country, source).
        place: u32,
        /// Where the notes start in `text`.
        notes: u32,
    }
}

/// Columnar incident store. Column `i` of every array is incident `i`.
#[derive(Debug, Default, Clone)]
pub struct Store {
    cols: Columns,
    ids: TextPool,
    /// Row of each id (checked against the stored id, so a collision never merges two incidents).
    id_index: HashIndex,
    tuples: Interner,
    text: TextPool,
    scratch: String,
    day_min: Day,
    day_max: Day,
    /// The spatial-temporal index; `None` after an insert until [`Store::build_index`].
    index: Option<Grid>,
    diagnostics: Diagnostics,
    memo: Memo,
}

/// What [`Store::derived`] keeps per row: what an incident's text says, worked out once (its
/// actors' families and its tags, `assess::classify`), with bit 31 set once known. Emptied whenever
/// rows change.
#[derive(Debug, Default)]
struct Memo(std::sync::Mutex<Vec<u32>>);

impl Clone for Memo {
    /// A copy starts empty: the values are worked out again when asked for.
    fn clone(&self) -> Memo {
        Memo::default()
    }
}

impl Memo {
    fn clear(&mut self) {
        if let Ok(v) = self.0.get_mut() {
            if !v.is_empty() {
                *v = Vec::new();
            }
        }
    }
}

fn unit_f32(lat: f64, lon: f64) -> [f32; 3] {
    let v = crate::geodesy::unit(lat, lon);
    [v[0] as f32, v[1] as f32, v[2] as f32]
}

/// Whether row `row` of the id column holds `id`.
fn has_id(id_col: &[u32], ids: &TextPool, row: u32, id: &str) -> bool {
    id_col.get(row as usize).is_some_and(|&at| same(ids.get(at).as_bytes(), id.as_bytes()))
}

/// What [`Store::insert`] did, and the row it wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inserted {
    /// A new id, in a new row.
    New(usize),
    /// The id was stored already; this version replaced it in its row.
    Replaced(usize),
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
        self.cols.day.len()
    }

    /// True when nothing is loaded.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Drops every incident and all diagnostics.
    pub fn clear(&mut self) {
        *self = Store::default();
    }

    fn tuple<S: AsRef<str>>(&mut self, parts: &[S]) -> u32 {
        self.tuples.intern(parts, &mut self.scratch)
    }

    /// Makes room for about `rows` more incidents whose notes and ids take `text_bytes` in all, so
    /// that a large load does not copy its growing columns over and over.
    pub fn reserve(&mut self, rows: usize, text_bytes: usize) {
        self.cols.reserve(rows);
        self.id_index.reserve(self.len() + rows);
        self.text.bytes.reserve(text_bytes);
    }

    pub(crate) fn text_bytes(&self) -> usize {
        self.text.bytes.len() + self.ids.bytes.len()
    }

    /// The row holding `id`, if stored.
    pub fn find(&self, id: &str) -> Option<usize> {
        self.id_index.find(hash_str(id), |row| has_id(&self.cols.id, &self.ids, row, id)).map(|r| r as usize)
    }

    /// Stores an incident; an id already present is replaced in place.
    pub fn insert(&mut self, n: NewIncident<'_>) -> Inserted {
        let mut row = Row {
            xyz: unit_f32(n.lat, n.lon),
            day: (n.day.clamp(DAY_BASE, DAY_LAST) - DAY_BASE) as u16,
            category: n.category as u8,
            precision: (n.geo_class.min(4)) | (n.date_class.min(4) << 4),
            fatalities: n.fatalities,
            id: 0,
            label: self.tuple(&[&n.event_type, &n.sub_event_type]),
            actors: self.tuple(&n.actors),
            place: self.tuple(&[&n.location, &n.admin1, &n.country, &n.source]),
            notes: self.text.push(&n.notes),
        };
        self.index = None;
        self.memo.clear();
        // One probe of the id table (a cache miss per row on a large load), which stores a new id's row.
        let new = self.len() as u32;
        let (ids, id_col) = (&self.ids, &self.cols.id);
        match self.id_index.find_or_insert(hash_str(&n.id), new, |r| has_id(id_col, ids, r, &n.id)) {
            Some(r) => {
                let r = r as usize;
                row.id = self.cols.id.get(r).copied().unwrap_or(0);
                self.cols.set(r, row);
                Inserted::Replaced(r)
            }
            None => {
                row.id = self.ids.push(&n.id);
                self.cols.push(row);
                Inserted::New(new as usize)
            }
        }
    }

    /// Ends a batch of inserts: recomputes the day range and rebuilds the spatial-temporal index,
    /// reordering rows by (grid cell, day). Row numbers change; ids do not.
    pub fn build_index(&mut self) {
        let n = self.len();
        self.index = None;
        self.memo.clear();
        if n == 0 {
            return;
        }
        (self.day_min, self.day_max) = self.scan_day_range();
        let positions: Vec<(f64, f64)> = (0..n).map(|r| self.lat_lon(r)).collect();
        let (grid, order) = Grid::build(&positions, &self.cols.day);
        self.cols.reorder(&order);
        let mut new_row = vec![0u32; n];
        for (new, &old) in order.iter().enumerate() {
            if let Some(slot) = new_row.get_mut(old as usize) {
                *slot = new as u32;
            }
        }
        self.id_index.map_values(|v| new_row.get(v as usize).copied().unwrap_or(v));
        self.index = Some(grid);
    }

    /// Calls `f(rows, inside)` for runs of incidents dated in [from, to] that may lie in one of
    /// `boxes`: all that do, and others nearby (callers test the exact position). With the index
    /// (after [`Store::build_index`], unless `use_index` is false) only the grid cells under the
    /// boxes are read, each as one date-sorted run, and `inside` is true for the rows of a cell
    /// `cell_inside` accepts (given the cell's box); without it every row in the date range is
    /// passed, in runs of consecutive rows, with `inside` false.
    pub fn scan(&self, boxes: &[Bbox], from: Day, to: Day, use_index: bool, cell_inside: impl Fn(Bbox) -> bool, mut f: impl FnMut(std::ops::Range<usize>, bool)) {
        let lo_day = (from.clamp(DAY_BASE, DAY_LAST + 1) - DAY_BASE) as u32;
        let hi_day = (to.clamp(DAY_BASE - 1, DAY_LAST) - DAY_BASE) as i64;
        if let (Some(grid), true) = (&self.index, use_index) {
            return grid.runs(boxes, &self.cols.day, (lo_day, hi_day), cell_inside, f);
        }
        let in_range = |d: u16| (d as u32) >= lo_day && (d as i64) <= hi_day;
        let mut run: Option<usize> = None;
        for (row, &d) in self.cols.day.iter().enumerate() {
            match (in_range(d), run) {
                (true, None) => run = Some(row),
                (false, Some(start)) => {
                    f(start..row, false);
                    run = None;
                }
                _ => {}
            }
        }
        if let Some(start) = run {
            f(start..self.len(), false);
        }
    }

    /// Whether `test` holds for an incident that may lie in one of `boxes`, at any date (it stops at
    /// the first): with the index only the cells under the boxes are read.
    pub fn any_in(&self, boxes: &[Bbox], test: impl Fn(usize) -> bool) -> bool {
        match &self.index {
            Some(grid) => grid.any(boxes, test),
            None => (0..self.len()).any(test),
        }
    }

    /// Drops the incidents in `rows` (row numbers before the drop); the others keep their order
    /// and the index is rebuilt.
    ///
    /// ```
    /// use riskcard::{Store, store::NewIncident, Category};
    /// let mut s = Store::new();
    /// for id in ["a", "b", "c"] {
    ///     s.insert(NewIncident::new(id, 0, 12.0, -8.0, Category::Battle, 0));
    /// }
    /// s.remove(&[1]);
    /// assert_eq!((s.len(), s.find("b"), s.find("c").is_some()), (2, None, true));
    /// ```
    pub fn remove(&mut self, rows: &[usize]) {
        let mut gone = vec![false; self.len()];
        for &r in rows {
            if let Some(g) = gone.get_mut(r) {
                *g = true;
            }
        }
        let keep: Vec<u32> = (0..self.len() as u32).filter(|&r| !gone[r as usize]).collect();
        self.cols.reorder(&keep);
        self.id_index = HashIndex::default();
        self.id_index.reserve(self.len());
        let (ids, id_col, index) = (&self.ids, &self.cols.id, &mut self.id_index);
        for (row, &at) in id_col.iter().enumerate() {
            let id = ids.get(at);
            index.find_or_insert(hash_str(id), row as u32, |r| has_id(id_col, ids, r, id));
        }
        self.build_index();
    }

    /// What incident `row`'s text says (`assess::classify`'s bits), once worked out: `None` until
    /// [`Store::set_derived`] has kept it, or when out of range.
    ///
    /// ```
    /// use riskcard::{Store, store::NewIncident, Category};
    /// let mut s = Store::new();
    /// s.insert(NewIncident::new("a", 0, 12.0, -8.0, Category::Battle, 0));
    /// assert_eq!(s.derived(0), None);
    /// s.set_derived(0, 0x0003_0001);
    /// assert_eq!((s.derived(0), s.derived(1)), (Some(0x0003_0001), None));
    /// ```
    pub fn derived(&self, row: usize) -> Option<u32> {
        let memo = self.memo.0.lock().ok()?;
        memo.get(row).filter(|&&v| v & KNOWN != 0).map(|&v| v & !KNOWN)
    }

    /// Keeps what incident `row`'s text says (31 bits), until rows change.
    pub fn set_derived(&self, row: usize, bits: u32) {
        let Ok(mut memo) = self.memo.0.lock() else { return };
        if memo.len() != self.len() {
            *memo = vec![0; self.len()];
        }
        if let Some(slot) = memo.get_mut(row) {
            *slot = bits | KNOWN;
        }
    }

    /// Unit vector of incident `row` (zero when out of range).
    #[inline]
    pub fn unit(&self, row: usize) -> [f64; 3] {
        let v = self.cols.xyz.get(row).copied().unwrap_or([0.0; 3]);
        [v[0] as f64, v[1] as f64, v[2] as f64]
    }

    /// Source id of incident `row` ("" when out of range).
    pub fn id(&self, row: usize) -> &str {
        self.cols.id.get(row).map_or("", |&at| self.ids.get(at))
    }

    /// Latitude and longitude of incident `row`, degrees.
    pub fn lat_lon(&self, row: usize) -> (f64, f64) {
        crate::geodesy::lat_lon(self.unit(row))
    }

    /// Event day of incident `row`.
    #[inline]
    pub fn day(&self, row: usize) -> Day {
        self.cols.day.get(row).map_or(DAY_BASE, |&d| d as Day + DAY_BASE)
    }

    /// Category of incident `row` (`Other` if out of range).
    pub fn category(&self, row: usize) -> Category {
        Category::from_code(self.cols.category.get(row).copied().unwrap_or(8))
    }

    /// Fatalities of incident `row`.
    pub fn fatalities(&self, row: usize) -> u32 {
        self.cols.fatalities.get(row).copied().unwrap_or(0)
    }

    /// The product of location and date precision factors of incident `row`.
    ///
    /// ```
    /// # use riskcard::{Store, store::NewIncident, Category};
    /// let mut s = Store::new();
    /// s.insert(NewIncident { geo_class: 2, date_class: 1, ..NewIncident::new("a", 0, 12.0, -8.0, Category::Battle, 0) });
    /// assert!((s.precision_factor(0) - 0.5 * 0.9).abs() < 1e-12);
    /// ```
    pub fn precision_factor(&self, row: usize) -> f64 {
        let p = self.cols.precision.get(row).copied().unwrap_or(0x44);
        GEO_PRECISION_FACTOR[(p & 0x0f).min(4) as usize] * DATE_PRECISION_FACTOR[(p >> 4).min(4) as usize]
    }

    /// The whole incident `row` for display, or `None` when out of range.
    pub fn get(&self, row: usize) -> Option<Incident<'_>> {
        let parts = |i: u32, n: usize| -> Vec<&str> {
            let s = self.tuples.get(i);
            let mut v: Vec<&str> = s.split(SEP).collect();
            v.resize(n.max(v.len()), "");
            v
        };
        let label = parts(*self.cols.label.get(row)?, 2);
        let (lat, lon) = self.lat_lon(row);
        let place = parts(*self.cols.place.get(row)?, 4);
        let actors = self.tuples.get(*self.cols.actors.get(row)?);
        Some(Incident {
            id: self.id(row),
            day: self.day(row),
            lat,
            lon,
            category: self.category(row),
            fatalities: self.fatalities(row),
            event_type: label[0],
            sub_event_type: label[1],
            actors: if actors.is_empty() { vec![] } else { actors.split(SEP).collect() },
            location: place[0],
            admin1: place[1],
            country: place[2],
            source: place[3],
            notes: self.text.get(*self.cols.notes.get(row)?),
        })
    }

    /// Earliest and latest event day, `None` when empty (kept by [`Store::build_index`]; computed
    /// by a scan between an insert and the next `build_index`).
    pub fn day_range(&self) -> Option<(Day, Day)> {
        if self.is_empty() {
            return None;
        }
        if self.index.is_some() {
            return Some((self.day_min, self.day_max));
        }
        Some(self.scan_day_range())
    }

    /// Earliest and latest day by reading every row (callers handle the empty store).
    fn scan_day_range(&self) -> (Day, Day) {
        let (lo, hi) = self.cols.day.iter().fold((u16::MAX, 0u16), |(lo, hi), &d| (lo.min(d), hi.max(d)));
        (lo as Day + DAY_BASE, hi as Day + DAY_BASE)
    }

    /// Cumulative diagnostics of every load into this store.
    pub fn diagnostics(&self) -> &Diagnostics {
        &self.diagnostics
    }

    pub(crate) fn record_load(&mut self, d: &Diagnostics) {
        self.diagnostics.merge(d);
    }

    /// Memory held: `(bytes in per-incident columns, bytes in string tables and indexes)`.
    ///
    /// ```
    /// use riskcard::{Store, store::NewIncident, Category};
    /// let mut s = Store::new();
    /// s.insert(NewIncident::new("a", 0, 12.0, -8.0, Category::Battle, 0));
    /// assert_eq!(s.memory_bytes().0, 40);
    /// ```
    pub fn memory_bytes(&self) -> (usize, usize) {
        let tables = self.ids.bytes.len() + self.text.bytes.len() + self.tuples.bytes() + self.id_index.bytes();
        (Columns::ROW_BYTES * self.len(), tables)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn incident(id: &str, day: Day) -> NewIncident<'static> {
        NewIncident {
            id: id.to_string().into(),
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
        assert_eq!(s.insert(incident("A1", 10)), Inserted::New(0));
        assert_eq!(s.insert(incident("B2", 11)), Inserted::New(1));
        let mut revised = incident("A1", 12);
        revised.fatalities = 0;
        revised.location = "Tombouctou".into();
        assert_eq!(s.insert(revised), Inserted::Replaced(0));
        assert_eq!(s.len(), 2);
        // Before the index is built the range is scanned: A1 moved from day 10 to 12.
        assert_eq!(s.day_range(), Some((11, 12)));
        s.build_index();
        let a = s.get(s.find("A1").unwrap()).unwrap();
        assert_eq!((a.id, a.day, a.fatalities, a.location), ("A1", 12, 0, "Tombouctou"));
        assert_eq!(a.actors, vec!["JNIM", "Military Forces of Mali (2021-)"]);
        assert_eq!(a.notes, "On 3 July 2026, JNIM militants \u{1f} attacked a checkpoint. é");
        assert_eq!(a.event_type, "Battles");
        assert_eq!(s.get(s.find("B2").unwrap()).unwrap().id, "B2");
        assert_eq!((s.find("C3"), s.get(2)), (None, None));
        assert_eq!(s.day_range(), Some((11, 12)));
    }

    #[test]
    fn long_notes_round_trip() {
        let mut s = Store::new();
        let mut n = incident("X", 0);
        n.notes = "ab".repeat(40_000).into();
        n.actors.clear();
        s.insert(n);
        let got = s.get(0).unwrap();
        assert_eq!(got.notes.len(), 80_000);
        assert!(got.actors.is_empty());
    }

    #[test]
    fn index_orders_rows_by_cell_then_day_then_insertion() {
        let mut s = Store::new();
        // 600 incidents over a 3° × 3° square and 40 days, in a scrambled order, many sharing a day.
        for k in 0..600u32 {
            let h = k.wrapping_mul(2_654_435_761);
            let mut n = incident(&format!("E{k}"), (h % 40) as Day);
            (n.lat, n.lon) = (12.0 + (h >> 8) as f64 % 300.0 / 100.0, -8.0 + (h >> 16) as f64 % 300.0 / 100.0);
            s.insert(n);
        }
        s.build_index();
        let g = s.index.clone().unwrap();
        assert!(g.nlat * g.nlon > 100, "{} cells", g.nlat * g.nlon);
        let seq = |row: usize| s.id(row)[1..].parse::<u32>().unwrap();
        for c in 0..g.nlat * g.nlon {
            let rows = g.offsets[c] as usize..g.offsets[c + 1] as usize;
            for r in rows.clone() {
                let (lat, lon) = s.lat_lon(r);
                assert_eq!(g.cell_of(lat, lon), c, "row {r} in cell {c}");
            }
            for r in rows.start + 1..rows.end {
                assert!((s.day(r - 1), seq(r - 1)) < (s.day(r), seq(r)), "cell {c}: rows {} and {r}", r - 1);
            }
        }
        assert_eq!(g.offsets.last().copied(), Some(600));
    }
}
