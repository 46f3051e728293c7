//! The incident store: columnar arrays in memory (one entry per incident in each), with strings
//! interned or packed so that a million incidents stay compact. Rows are deduplicated by source id:
//! loading the same id again replaces the earlier version (a later release supersedes an earlier one).

use std::borrow::Cow;
use std::hash::Hasher;

use serde::Serialize;

use crate::category::Category;
use crate::date::Day;

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

/// FxHash (as in rustc): a fast, non-cryptographic hash for the store's own index of ids and
/// tuples. Keys come from data, not from an attacker choosing collisions against a server, so DoS
/// resistance is not needed (and a collision costs time, never a wrong answer: see `HashIndex`).
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        for &b in chunks.remainder() {
            self.add(b as u64);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        // The multiply leaves the low bits weak: rotate the strong high bits down (as rustc-hash
        // 2 does), for a caller that takes the low bits.
        self.0.rotate_left(26)
    }
}

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

fn hash_str(s: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(s.as_bytes());
    h.write_u8(0xff);
    h.finish()
}

/// Texts found by their 64-bit hash, each to a `u32` value. The caller keeps the texts; the index
/// only asks whether a stored value is for a given text, so two texts whose hashes collide are
/// never merged. An open-addressing table of 8-byte slots (32 bits of the hash, the value),
/// probed linearly and kept at most half full: a lookup in a large table (a million ids) is one
/// cache line, where a `std` `HashMap<u64, u32>` reads a control byte and a 16-byte bucket in two
/// places (the id lookup was a fifth of a 1M-row load in V8 that way).
#[derive(Debug, Clone)]
struct HashIndex {
    /// `(tag << 32) | value`, or `EMPTY`. A text's slots start at the top `bits` bits of its tag.
    slots: Vec<u64>,
    bits: u32,
    len: usize,
}

const EMPTY: u64 = u64::MAX;

impl Default for HashIndex {
    fn default() -> Self {
        HashIndex { slots: vec![EMPTY; 16], bits: 4, len: 0 }
    }
}

impl HashIndex {
    /// 32 bits of a hash, remixed so that its top bits (where a probe starts) are well spread.
    fn tag(hash: u64) -> u32 {
        ((hash ^ (hash >> 29)).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as u32
    }

    /// The slot a tag's probe starts at.
    fn home(&self, tag: u32) -> usize {
        (tag >> (32 - self.bits)) as usize
    }

    /// The value stored for the text whose hash is `hash` (`is(v)` says whether stored value `v`
    /// is for it), or `None` after storing `new` for it. `new` must be below `u32::MAX`.
    fn find_or_insert(&mut self, hash: u64, new: u32, is: impl Fn(u32) -> bool) -> Option<u32> {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow(self.slots.len() * 2);
        }
        let tag = Self::tag(hash);
        match self.probe(tag, is) {
            Ok(v) => Some(v),
            Err(i) => {
                if let Some(s) = self.slots.get_mut(i) {
                    *s = (tag as u64) << 32 | new as u64;
                    self.len += 1;
                }
                None
            }
        }
    }

    /// The value stored for the text whose hash is `hash`, as [`HashIndex::find_or_insert`]
    /// without storing.
    fn find(&self, hash: u64, is: impl Fn(u32) -> bool) -> Option<u32> {
        self.probe(Self::tag(hash), is).ok()
    }

    /// `Ok(value)` for the first slot from `tag`'s home with that tag and a value `is` accepts,
    /// else `Err` with the empty slot that ends the run (there is one: the table is at most half
    /// full).
    fn probe(&self, tag: u32, is: impl Fn(u32) -> bool) -> Result<u32, usize> {
        let mask = self.slots.len() - 1;
        let mut i = self.home(tag);
        loop {
            let slot = self.slots.get(i).copied().unwrap_or(EMPTY);
            if slot == EMPTY {
                return Err(i);
            }
            if (slot >> 32) as u32 == tag && is(slot as u32) {
                return Ok(slot as u32);
            }
            i = (i + 1) & mask;
        }
    }

    /// Room for `n` texts in all without growing.
    fn reserve(&mut self, n: usize) {
        let want = (n * 2).next_power_of_two();
        if want > self.slots.len() {
            self.grow(want);
        }
    }

    /// Moves every entry to a table of `size` slots (a power of two): each is placed again from
    /// its tag, which holds the top bits its home slot is taken from.
    fn grow(&mut self, size: usize) {
        let old = std::mem::replace(&mut self.slots, vec![EMPTY; size]);
        self.bits = size.trailing_zeros().min(32);
        for slot in old.into_iter().filter(|&s| s != EMPTY) {
            if let Err(i) = self.probe((slot >> 32) as u32, |_| false) {
                if let Some(s) = self.slots.get_mut(i) {
                    *s = slot;
                }
            }
        }
    }

    /// Rewrites every stored value by `f`.
    fn map_values(&mut self, f: impl Fn(u32) -> u32) {
        for s in self.slots.iter_mut().filter(|s| **s != EMPTY) {
            *s = (*s & !0xffff_ffff) | f(*s as u32) as u64;
        }
    }

    fn bytes(&self) -> usize {
        self.slots.len() * 8
    }
}

/// Whether two texts are equal, compared eight bytes at a time.
fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (mut wa, mut wb) = (a.chunks_exact(8), b.chunks_exact(8));
    let word = |c: &[u8]| c.first_chunk::<8>().map_or(0, |w| u64::from_ne_bytes(*w));
    (&mut wa).zip(&mut wb).all(|(x, y)| word(x) == word(y)) && wa.remainder().iter().eq(wb.remainder())
}

/// Whether row `row` of the id column holds `id`.
fn has_id(id_col: &[u32], ids: &TextPool, row: u32, id: &str) -> bool {
    id_col.get(row as usize).is_some_and(|&at| same(ids.get(at).as_bytes(), id.as_bytes()))
}

/// Interns tuples of strings to dense `u32` ids. A tuple is stored as its parts joined by U+001F
/// (the separator dropped from inside a part), with its number of parts. It is found by the parts
/// themselves (their hash, then a comparison with the stored text), so that a tuple met before is
/// neither joined nor copied: only a new tuple, or one with a separator inside a part, is joined
/// first.
#[derive(Debug, Default, Clone)]
struct Interner {
    index: HashIndex,
    strings: Vec<Box<str>>,
    parts: Vec<u32>,
}

impl Interner {
    fn intern<S: AsRef<str>>(&mut self, parts: &[S], scratch: &mut String) -> u32 {
        let n = parts.len();
        let raw = || parts.iter().map(|p| p.as_ref());
        if let Some(i) = self.index.find(hash_parts(raw()), |i| holds(&self.strings, &self.parts, i, raw(), n)) {
            return i;
        }
        // New, or with a separator inside a part: by the joined text, whose parts are then free
        // of separators.
        join_into(scratch, parts);
        let joined = || scratch.split(SEP).take(n);
        let new = self.strings.len() as u32;
        let (strings, counts) = (&self.strings, &self.parts);
        let holds = |i: u32| holds(strings, counts, i, joined(), n);
        if let Some(i) = self.index.find_or_insert(hash_parts(joined()), new, holds) {
            return i;
        }
        self.strings.push(scratch.as_str().into());
        self.parts.push(n as u32);
        new
    }
    fn get(&self, i: u32) -> &str {
        self.strings.get(i as usize).map(|s| &**s).unwrap_or("")
    }
    fn bytes(&self) -> usize {
        self.strings.iter().map(|s| s.len() + std::mem::size_of::<Box<str>>() + 4).sum::<usize>() + self.index.bytes()
    }
}

/// Whether tuple `i` of `strings` (with `counts` parts) is the `n` parts `parts`: as many parts,
/// and the same text joined. A part with a separator inside never matches: its joined text has
/// more separators than a stored tuple of as many parts.
fn holds<'p>(strings: &[Box<str>], counts: &[u32], i: u32, parts: impl Iterator<Item = &'p str>, n: usize) -> bool {
    let (Some(stored), Some(&count)) = (strings.get(i as usize), counts.get(i as usize)) else { return false };
    if count as usize != n {
        return false;
    }
    let mut rest = stored.as_bytes();
    for (k, p) in parts.enumerate() {
        if k > 0 {
            match rest.split_first() {
                Some((&b, r)) if b == SEP as u8 => rest = r,
                _ => return false,
            }
        }
        match rest.split_at_checked(p.len()) {
            Some((head, r)) if same(head, p.as_bytes()) => rest = r,
            _ => return false,
        }
    }
    rest.is_empty()
}

/// The hash of a tuple's parts (each part's length, then its bytes).
fn hash_parts<'p>(parts: impl Iterator<Item = &'p str>) -> u64 {
    let mut h = FxHasher::default();
    for p in parts {
        h.write_usize(p.len());
        h.write(p.as_bytes());
    }
    h.finish()
}

const SEP: char = '\u{1f}';

/// Joins parts with the separator into `out` (cleared first); the separator is dropped from parts.
fn join_into<S: AsRef<str>>(out: &mut String, parts: &[S]) {
    out.clear();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push(SEP);
        }
        let p = p.as_ref();
        // A byte loop: parts are short, and a `str::contains` call costs more than the search.
        if p.bytes().any(|b| b == SEP as u8) {
            out.extend(p.chars().filter(|&c| c != SEP));
        } else {
            out.push_str(p);
        }
    }
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

/// First storable day (1900-01-01); days are stored as `u16` offsets from it (to 2079-06-06).
pub const DAY_BASE: Day = -25_567;
/// Last storable day (2079-06-06).
pub const DAY_LAST: Day = DAY_BASE + u16::MAX as Day;

/// Columnar incident store. Column `i` of every array is incident `i`. Positions are kept as unit
/// vectors (f32 x, y, z), so a distance needs no trigonometry.
#[derive(Debug, Default, Clone)]
pub struct Store {
    xyz: Vec<[f32; 3]>,
    day: Vec<u16>,
    category: Vec<u8>,
    precision: Vec<u8>,
    fatalities: Vec<u32>,
    id: Vec<u32>,
    label: Vec<u32>,
    actors: Vec<u32>,
    place: Vec<u32>,
    notes: Vec<u32>,
    ids: TextPool,
    /// Row of each id (checked against the stored id, so a collision never merges two incidents).
    id_index: HashIndex,
    tuples: Interner,
    text: TextPool,
    scratch: String,
    day_min: Day,
    day_max: Day,
    /// The spatial-temporal index; `None` after an insert until [`Store::finish`].
    index: Option<Grid>,
    diagnostics: Diagnostics,
}

fn unit_f32(lat: f64, lon: f64) -> [f32; 3] {
    let v = crate::geodesy::unit(lat, lon);
    [v[0] as f32, v[1] as f32, v[2] as f32]
}

/// The bucket offsets of a counting sort over `keys` (each below `n_keys`): key `k`'s items go to
/// positions `out[k]..out[k + 1]`.
fn bucket_offsets(keys: impl Iterator<Item = usize>, n_keys: usize) -> Vec<u32> {
    let mut out = vec![0u32; n_keys + 1];
    for k in keys {
        out[k + 1] += 1;
    }
    for i in 1..out.len() {
        out[i] += out[i - 1];
    }
    out
}

/// `items` placed into the buckets of [`bucket_offsets`] by `key`, keeping their order within a
/// bucket (a stable counting sort).
fn place_by_key(items: impl Iterator<Item = u32>, key: impl Fn(u32) -> usize, offsets: &[u32]) -> Vec<u32> {
    let mut next = offsets.to_vec();
    let mut out = vec![0u32; offsets.last().copied().unwrap_or(0) as usize];
    for r in items {
        let k = key(r);
        out[next[k] as usize] = r;
        next[k] += 1;
    }
    out
}

/// A box: (min_lat, min_lon, max_lat, max_lon), degrees.
pub type Bbox = (f64, f64, f64, f64);

/// A static grid index: rows are kept sorted by (cell, day), so the rows of a cell are one
/// contiguous run and a date range within it is two binary searches.
#[derive(Debug, Clone)]
struct Grid {
    lat0: f64,
    lon0: f64,
    cell: f64,
    nlat: usize,
    nlon: usize,
    /// Row range of cell `c` is `offsets[c]..offsets[c + 1]`.
    offsets: Vec<u32>,
}

impl Grid {
    fn cell_of(&self, lat: f64, lon: f64) -> usize {
        let i = (((lat - self.lat0) / self.cell) as usize).min(self.nlat - 1);
        let j = (((lon - self.lon0) / self.cell) as usize).min(self.nlon - 1);
        i * self.nlon + j
    }
    /// Cell index ranges (rows i0..=i1, columns j0..=j1) overlapping a box, or None when disjoint.
    fn cells(&self, b: Bbox) -> Option<(usize, usize, usize, usize)> {
        let top = self.lat0 + self.cell * self.nlat as f64;
        let right = self.lon0 + self.cell * self.nlon as f64;
        if b.2 < self.lat0 || b.0 > top || b.3 < self.lon0 || b.1 > right {
            return None;
        }
        let idx = |v: f64, o: f64, n: usize| (((v - o) / self.cell).max(0.0) as usize).min(n - 1);
        Some((idx(b.0, self.lat0, self.nlat), idx(b.2, self.lat0, self.nlat), idx(b.1, self.lon0, self.nlon), idx(b.3, self.lon0, self.nlon)))
    }
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
        self.xyz.len()
    }

    /// True when nothing is loaded.
    pub fn is_empty(&self) -> bool {
        self.xyz.is_empty()
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
        self.xyz.reserve(rows);
        self.day.reserve(rows);
        self.category.reserve(rows);
        self.precision.reserve(rows);
        self.fatalities.reserve(rows);
        self.id.reserve(rows);
        self.label.reserve(rows);
        self.actors.reserve(rows);
        self.place.reserve(rows);
        self.notes.reserve(rows);
        self.id_index.reserve(self.len() + rows);
        self.text.bytes.reserve(text_bytes);
    }

    pub(crate) fn text_bytes(&self) -> usize {
        self.text.bytes.len() + self.ids.bytes.len()
    }

    /// The row holding `id`, if stored.
    pub fn find(&self, id: &str) -> Option<usize> {
        self.id_index.find(hash_str(id), |row| has_id(&self.id, &self.ids, row, id)).map(|r| r as usize)
    }

    /// Stores an incident; an id already present is replaced in place.
    pub fn insert(&mut self, n: NewIncident<'_>) -> Inserted {
        let label = self.tuple(&[&n.event_type, &n.sub_event_type]);
        let actors = self.tuple(&n.actors);
        let place = self.tuple(&[&n.location, &n.admin1, &n.country, &n.source]);
        let notes = self.text.push(&n.notes);
        let precision = (n.geo_class.min(4)) | (n.date_class.min(4) << 4);
        let xyz = unit_f32(n.lat, n.lon);
        let day = (n.day.clamp(DAY_BASE, DAY_LAST) - DAY_BASE) as u16;
        // One probe of the id table (a cache miss per row on a large load), which stores a new id's row.
        let row = self.len() as u32;
        let (ids, id_col) = (&self.ids, &self.id);
        let existing = self.id_index.find_or_insert(hash_str(&n.id), row, |r| has_id(id_col, ids, r, &n.id));
        if let Some(r) = existing.map(|r| r as usize) {
            self.xyz[r] = xyz;
            self.day[r] = day;
            self.category[r] = n.category as u8;
            self.precision[r] = precision;
            self.fatalities[r] = n.fatalities;
            self.label[r] = label;
            self.actors[r] = actors;
            self.place[r] = place;
            self.notes[r] = notes;
            self.index = None;
            return Inserted::Replaced;
        }
        self.xyz.push(xyz);
        self.day.push(day);
        self.category.push(n.category as u8);
        self.precision.push(precision);
        self.fatalities.push(n.fatalities);
        self.id.push(self.ids.push(&n.id));
        self.label.push(label);
        self.actors.push(actors);
        self.place.push(place);
        self.notes.push(notes);
        self.index = None;
        Inserted::New
    }

    /// Ends a batch of inserts: recomputes the day range and rebuilds the spatial-temporal index,
    /// reordering rows by (grid cell, day). Row numbers change; ids do not.
    pub fn finish(&mut self) {
        let n = self.len();
        self.index = None;
        if n == 0 {
            return;
        }
        (self.day_min, self.day_max) = self.scan_day_range();
        let latlon: Vec<(f64, f64)> = (0..n).map(|r| self.lat_lon(r)).collect();
        let (mut s, mut w, mut no, mut e) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        // Comparisons, not f64::min/max (calls to fmin/fmax in WASM); positions are never NaN.
        for &(la, lo) in &latlon {
            if la < s {
                s = la;
            }
            if la > no {
                no = la;
            }
            if lo < w {
                w = lo;
            }
            if lo > e {
                e = lo;
            }
        }
        // Quarter-degree cells (~28 km), coarser when that would make more cells than half the rows.
        let mut cell = 0.25f64;
        let budget = (n / 2).max(4096);
        let dims = |c: f64| (((no - s) / c) as usize + 1, ((e - w) / c) as usize + 1);
        while {
            let (a, b) = dims(cell);
            a.saturating_mul(b) > budget
        } {
            cell *= 2.0;
        }
        let (nlat, nlon) = dims(cell);
        let mut grid = Grid { lat0: s, lon0: w, cell, nlat, nlon, offsets: Vec::new() };
        let cells: Vec<u32> = latlon.iter().map(|&(la, lo)| grid.cell_of(la, lo) as u32).collect();
        grid.offsets = bucket_offsets(cells.iter().map(|&c| c as usize), nlat * nlon);
        // Rows ordered by (cell, day, row) in two counting passes (a radix sort): by day, then,
        // keeping that order, into each cell's slots.
        let day_offsets = bucket_offsets(self.day.iter().map(|&d| d as usize), u16::MAX as usize + 1);
        let day_order = place_by_key(0..n as u32, |r| self.day[r as usize] as usize, &day_offsets);
        let perm = place_by_key(day_order.into_iter(), |r| cells[r as usize] as usize, &grid.offsets);
        fn apply<T: Copy>(v: &mut Vec<T>, perm: &[u32]) {
            *v = perm.iter().map(|&r| v[r as usize]).collect();
        }
        apply(&mut self.xyz, &perm);
        apply(&mut self.day, &perm);
        apply(&mut self.category, &perm);
        apply(&mut self.precision, &perm);
        apply(&mut self.fatalities, &perm);
        apply(&mut self.id, &perm);
        apply(&mut self.label, &perm);
        apply(&mut self.actors, &perm);
        apply(&mut self.place, &perm);
        apply(&mut self.notes, &perm);
        let mut inv = vec![0u32; n];
        for (new, &old) in perm.iter().enumerate() {
            inv[old as usize] = new as u32;
        }
        self.id_index.map_values(|v| inv.get(v as usize).copied().unwrap_or(v));
        self.index = Some(grid);
    }

    /// Calls `f(rows, inside)` for runs of incidents dated in [from, to] that may lie in one of
    /// `boxes`: all that do, and others nearby (callers test the exact position). With the index
    /// (after [`Store::finish`], unless `use_index` is false) only the grid cells under the boxes
    /// are read, each as one date-sorted run, and `inside` is true for the rows of a cell
    /// `cell_inside` accepts (given the cell's box); without it every row in the date range is
    /// passed, in runs of consecutive rows, with `inside` false.
    pub fn scan(&self, boxes: &[Bbox], from: Day, to: Day, use_index: bool, cell_inside: impl Fn(Bbox) -> bool, mut f: impl FnMut(std::ops::Range<usize>, bool)) {
        let lo_day = (from.clamp(DAY_BASE, DAY_LAST + 1) - DAY_BASE) as u32;
        let hi_day = (to.clamp(DAY_BASE - 1, DAY_LAST) - DAY_BASE) as i64;
        let in_range = |d: u16| (d as u32) >= lo_day && (d as i64) <= hi_day;
        let grid = match (&self.index, use_index) {
            (Some(g), true) => g,
            _ => {
                let mut run: Option<usize> = None;
                for (row, &d) in self.day.iter().enumerate() {
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
                    f(start..self.day.len(), false);
                }
                return;
            }
        };
        let mut seen: Vec<bool> = Vec::new();
        let single = boxes.len() == 1;
        for b in boxes {
            let Some((i0, i1, j0, j1)) = grid.cells(*b) else { continue };
            for i in i0..=i1 {
                for j in j0..=j1 {
                    let c = i * grid.nlon + j;
                    if !single {
                        if seen.is_empty() {
                            seen = vec![false; grid.offsets.len()];
                        }
                        if std::mem::replace(&mut seen[c], true) {
                            continue;
                        }
                    }
                    let (a, z) = (grid.offsets[c] as usize, grid.offsets[c + 1] as usize);
                    let days = &self.day[a..z];
                    let lo = a + days.partition_point(|&d| (d as u32) < lo_day);
                    let hi = a + days.partition_point(|&d| (d as i64) <= hi_day);
                    if lo == hi {
                        continue;
                    }
                    let (s, w) = (grid.lat0 + i as f64 * grid.cell, grid.lon0 + j as f64 * grid.cell);
                    f(lo..hi, cell_inside((s, w, s + grid.cell, w + grid.cell)));
                }
            }
        }
    }

    /// Unit vector of incident `row` (zero when out of range).
    #[inline]
    pub fn unit(&self, row: usize) -> [f64; 3] {
        let v = self.xyz.get(row).copied().unwrap_or([0.0; 3]);
        [v[0] as f64, v[1] as f64, v[2] as f64]
    }

    /// Source id of incident `row` ("" when out of range).
    pub fn id(&self, row: usize) -> &str {
        self.id.get(row).map_or("", |&at| self.ids.get(at))
    }

    /// Latitude and longitude of incident `row`, degrees.
    pub fn lat_lon(&self, row: usize) -> (f64, f64) {
        crate::geodesy::lat_lon(self.unit(row))
    }

    /// Event day of incident `row`.
    #[inline]
    pub fn day(&self, row: usize) -> Day {
        self.day.get(row).map_or(DAY_BASE, |&d| d as Day + DAY_BASE)
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
    /// s.insert(NewIncident { geo_class: 2, date_class: 1, ..NewIncident::new("a", 0, 12.0, -8.0, Category::Battle, 0) });
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
        let (lat, lon) = self.lat_lon(row);
        let place = split(*self.place.get(row)?, 4);
        let actors = self.tuples.get(*self.actors.get(row)?);
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
            notes: self.text.get(*self.notes.get(row)?),
        })
    }

    /// Earliest and latest event day, `None` when empty (kept by [`Store::finish`]; computed by a
    /// scan between an insert and the next `finish`).
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
        let (lo, hi) = self.day.iter().fold((u16::MAX, 0u16), |(lo, hi), &d| (lo.min(d), hi.max(d)));
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
    pub fn memory_bytes(&self) -> (usize, usize) {
        let per_row = 12 + 2 + 1 + 1 + 4 + 4 + 4 + 4 + 4 + 4;
        let tables = self.ids.bytes.len() + self.text.bytes.len() + self.tuples.bytes() + self.id_index.bytes();
        (per_row * self.len(), tables)
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
        assert_eq!(s.insert(incident("A1", 10)), Inserted::New);
        assert_eq!(s.insert(incident("B2", 11)), Inserted::New);
        let mut revised = incident("A1", 12);
        revised.fatalities = 0;
        revised.location = "Tombouctou".into();
        assert_eq!(s.insert(revised), Inserted::Replaced);
        assert_eq!(s.len(), 2);
        // Before finish the range is scanned: A1 moved from day 10 to 12.
        assert_eq!(s.day_range(), Some((11, 12)));
        s.finish();
        let a = s.get(s.find("A1").unwrap()).unwrap();
        assert_eq!((a.id, a.day, a.fatalities, a.location), ("A1", 12, 0, "Tombouctou"));
        assert_eq!(a.actors, vec!["JNIM", "Military Forces of Mali (2021-)"]);
        assert_eq!(a.notes, "On 3 July 2026, JNIM militants \u{1f} attacked a checkpoint. é");
        assert_eq!(a.event_type, "Battles");
        assert_eq!(s.get(s.find("B2").unwrap()).unwrap().id, "B2");
        assert_eq!((s.find("C3"), s.get(2)), (None, None));
        assert_eq!(s.day_range(), Some((11, 12)));
    }

    /// Texts given one hash on purpose: each keeps its own value, found again by its text, also
    /// after the table has grown and its values were renumbered (as a finish does).
    #[test]
    fn hash_collisions_never_merge_texts() {
        let texts = ["BFO100002", "MLI5", "MLI5 ", "NIG77", ""];
        let mut index = HashIndex::default();
        let is = |v: u32, t: &str| texts.get(v as usize).is_some_and(|&s| s == t);
        for (i, t) in texts.iter().enumerate() {
            assert_eq!(index.find_or_insert(42, i as u32, |v| is(v, t)), None, "{t:?} is new");
        }
        for (i, t) in texts.iter().enumerate() {
            assert_eq!(index.find_or_insert(42, 99, |v| is(v, t)), Some(i as u32), "{t:?}");
            assert_eq!(index.find(42, |v| is(v, t)), Some(i as u32));
        }
        assert_eq!((index.find(42, |v| is(v, "MLI6")), index.len), (None, 5));
        index.grow(1024);
        index.map_values(|v| v + 10);
        assert_eq!(index.find(42, |v| v == 13), Some(13));
        assert_eq!(index.find(43, |_| true), None);
    }

    /// Many texts, as a load's ids: every one is found after the table has grown many times, and
    /// it stays at most half full.
    #[test]
    fn hash_index_grows_and_finds_everything() {
        let ids: Vec<String> = (0..20_000).map(|k| format!("MLI{k}")).collect();
        let mut index = HashIndex::default();
        for (i, id) in ids.iter().enumerate() {
            let found = index.find_or_insert(hash_str(id), i as u32, |v| ids.get(v as usize) == Some(id));
            assert_eq!(found, None);
        }
        assert!(index.slots.len() >= 2 * index.len && index.len == 20_000, "{} slots", index.slots.len());
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(index.find(hash_str(id), |v| ids.get(v as usize) == Some(id)), Some(i as u32));
            assert_eq!(index.find_or_insert(hash_str(id), 7, |v| ids.get(v as usize) == Some(id)), Some(i as u32));
        }
        assert_eq!(index.find(hash_str("MLI20000"), |v| ids.get(v as usize).is_some_and(|s| s == "MLI20000")), None);
    }

    #[test]
    fn same_is_string_equality() {
        let words =
            ["", "a", "Mali", "Mali\u{1f}Koulikoro", "Mali\u{1f}Koulikorp", "12345678", "123456789", "12345679", "Ségou", "Segou", "Militants (JNIM)\u{1f}Civilians (Mali)"];
        for a in words {
            for b in words {
                assert_eq!(same(a.as_bytes(), b.as_bytes()), a == b, "{a:?} {b:?}");
            }
        }
    }

    /// Tuples are found by their parts: the same parts give the same id; a different number of
    /// parts, or a separator inside a part (dropped when stored), never matches another tuple's
    /// text by accident; and a tuple stored after a hash collision is still found.
    #[test]
    fn tuples_by_parts() {
        let mut t = Interner::default();
        let mut scratch = String::new();
        let mut id = |parts: &[&str]| t.intern(parts, &mut scratch);
        let abc = id(&["a", "b", "c"]);
        let ab_c = id(&["a\u{1f}b", "c"]); // stored as "ab" + "c": not the tuple above
        let ab_c2 = id(&["ab", "c"]); // the same text as the one above: the same id
        let empty = id(&[]);
        let one_empty = id(&[""]);
        assert_eq!(id(&["a", "b", "c"]), abc);
        assert_eq!(id(&["a\u{1f}b", "c"]), ab_c);
        assert_eq!((ab_c2, id(&["\u{1f}a\u{1f}b\u{1f}", "c"])), (ab_c, ab_c));
        assert_ne!(abc, ab_c);
        assert_ne!(empty, one_empty);
        assert_eq!((t.get(abc), t.get(ab_c), t.get(empty)), ("a\u{1f}b\u{1f}c", "ab\u{1f}c", ""));
        assert_eq!(t.strings.len(), 4);
        // A second tuple under the first one's hash (as if they collided) is kept apart and found.
        let h = hash_parts(["x", "y"].into_iter());
        t.index.find_or_insert(h, abc, |_| false);
        let xy = t.intern(&["x", "y"], &mut scratch);
        assert_ne!(xy, abc);
        assert_eq!((t.intern(&["x", "y"], &mut scratch), t.get(xy)), (xy, "x\u{1f}y"));
        assert_eq!(t.intern(&["a", "b", "c"], &mut scratch), abc);
        // Parts whose hash leads to a tuple with the same joined text but more parts: not it.
        t.index.find_or_insert(hash_parts(["a\u{1f}b", "c"].into_iter()), abc, |_| false);
        assert_eq!(t.intern(&["a\u{1f}b", "c"], &mut scratch), ab_c);
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
    fn finish_orders_rows_by_cell_then_day_then_insertion() {
        let mut s = Store::new();
        // 600 incidents over a 3° × 3° square and 40 days, in a scrambled order, many sharing a day.
        for k in 0..600u32 {
            let h = k.wrapping_mul(2_654_435_761);
            let mut n = incident(&format!("E{k}"), (h % 40) as Day);
            (n.lat, n.lon) = (12.0 + (h >> 8) as f64 % 300.0 / 100.0, -8.0 + (h >> 16) as f64 % 300.0 / 100.0);
            s.insert(n);
        }
        s.finish();
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
