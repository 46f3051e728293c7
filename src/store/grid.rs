//! The grid index: rows sorted by (cell, day), so that a query reads only the cells under its boxes
//! and, in each, only the days it asks for.

/// A box: (min_lat, min_lon, max_lat, max_lon), degrees.
pub type Bbox = (f64, f64, f64, f64);

/// A static grid index over the store's rows, which are kept sorted by (cell, day): the rows of a
/// cell are one contiguous run, and a date range within it is two binary searches.
#[derive(Debug, Clone)]
pub(super) struct Grid {
    lat0: f64,
    lon0: f64,
    cell: f64,
    pub(super) nlat: usize,
    pub(super) nlon: usize,
    /// Row range of cell `c` is `offsets[c]..offsets[c + 1]`.
    pub(super) offsets: Vec<u32>,
}

impl Grid {
    /// The grid for incidents at `positions` (lat, lon) on `days`, and the order that sorts them by
    /// (cell, day, position): new row `k` is old row `order[k]`.
    pub(super) fn build(positions: &[(f64, f64)], days: &[u16]) -> (Grid, Vec<u32>) {
        let n = positions.len();
        let (mut s, mut w, mut no, mut e) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        // Comparisons, not f64::min/max (calls to fmin/fmax in WASM); positions are never NaN.
        for &(la, lo) in positions {
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
        let cells: Vec<u32> = positions.iter().map(|&(la, lo)| grid.cell_of(la, lo) as u32).collect();
        grid.offsets = bucket_offsets(cells.iter().map(|&c| c as usize), nlat * nlon);
        // Rows ordered by (cell, day, row) in two counting passes (a radix sort): by day, then,
        // keeping that order, into each cell's slots.
        let day_of = |r: u32| days.get(r as usize).copied().unwrap_or(0) as usize;
        let day_offsets = bucket_offsets((0..n as u32).map(day_of), u16::MAX as usize + 1);
        let day_order = place_by_key(0..n as u32, day_of, &day_offsets);
        let order = place_by_key(day_order.into_iter(), |r| cells.get(r as usize).copied().unwrap_or(0) as usize, &grid.offsets);
        (grid, order)
    }

    /// The cell holding a position.
    pub(super) fn cell_of(&self, lat: f64, lon: f64) -> usize {
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

    /// Calls `f(rows, cell box)` for each cell under `boxes`, each once, until it returns false;
    /// returns whether it was stopped.
    fn each_cell(&self, boxes: &[Bbox], mut f: impl FnMut(std::ops::Range<usize>, Bbox) -> bool) -> bool {
        let mut seen: Vec<bool> = Vec::new();
        let single = boxes.len() == 1;
        for b in boxes {
            let Some((i0, i1, j0, j1)) = self.cells(*b) else { continue };
            for i in i0..=i1 {
                for j in j0..=j1 {
                    let c = i * self.nlon + j;
                    if !single {
                        if seen.is_empty() {
                            seen = vec![false; self.offsets.len()];
                        }
                        if seen.get_mut(c).is_some_and(|s| std::mem::replace(s, true)) {
                            continue;
                        }
                    }
                    let (Some(&a), Some(&z)) = (self.offsets.get(c), self.offsets.get(c + 1)) else { continue };
                    let (s, w) = (self.lat0 + i as f64 * self.cell, self.lon0 + j as f64 * self.cell);
                    if !f(a as usize..z as usize, (s, w, s + self.cell, w + self.cell)) {
                        return true;
                    }
                }
            }
        }
        false
    }

    /// Calls `f(rows, inside)` for the rows of each cell under `boxes` (each cell once) whose day
    /// (of `days`, the store's day column) is in `in_days`; `inside` is what `cell_inside` says of
    /// the cell's box.
    pub(super) fn runs(&self, boxes: &[Bbox], days: &[u16], in_days: (u32, i64), cell_inside: impl Fn(Bbox) -> bool, mut f: impl FnMut(std::ops::Range<usize>, bool)) {
        let (lo_day, hi_day) = in_days;
        self.each_cell(boxes, |rows, cell| {
            let cell_days = days.get(rows.clone()).unwrap_or_default();
            let lo = rows.start + cell_days.partition_point(|&d| (d as u32) < lo_day);
            let hi = rows.start + cell_days.partition_point(|&d| (d as i64) <= hi_day);
            if lo < hi {
                f(lo..hi, cell_inside(cell));
            }
            true
        });
    }

    /// Whether `test` holds for a row of a cell under `boxes`, at any date (stops at the first).
    pub(super) fn any(&self, boxes: &[Bbox], test: impl Fn(usize) -> bool) -> bool {
        self.each_cell(boxes, |mut rows, _| !rows.any(&test))
    }
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
