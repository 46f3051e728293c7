//! The one door between the core and JavaScript. Thin wrappers only: convert bytes, options, AOIs and
//! reports, and turn core errors into `JsError`s. No logic lives here.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{aoi, assess_input, ingest, json, Assessment, Options, Report, Store};

type WasmResult<T> = Result<T, JsError>;

fn to_js<T: Serialize>(v: &T) -> WasmResult<JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsError::new(&e.to_string()))
}

/// A small JS object (an AOI, options) read by `read` from a core JSON value: through
/// `JSON.stringify` and the core's reader, which keeps the WASM free of a second, generic
/// deserializer.
fn from_js<T>(v: &JsValue, what: &str, read: impl FnOnce(&json::Value<'_>) -> crate::Result<T>) -> WasmResult<T> {
    let text = js_sys::JSON::stringify(v).ok().and_then(|s| s.as_string());
    let text = text.ok_or_else(|| JsError::new(&format!("{what}: expected a JSON object")))?;
    let value = json::parse(&text).map_err(|e| JsError::new(&format!("{what}: {e}")))?;
    read(&value).map_err(core_err)
}

/// Puts back the parts of each report in `value` (one report or an array of them) that crossed
/// the boundary packed: `map.points` from `points` (`[lat, lon, category, fatalities]` after one
/// another; `shape[3i]` points in report i), and `trend.bins` and `trend.score_history` (`shape[3i
/// + 1]` and `shape[3i + 2]` of them) from `words` (the number of categories and their keys in
/// sorted order, then a bin's start and end, a history point's date and band) and `nums` (a bin's
/// count, fatalities and per-category counts; a point's score).
#[wasm_bindgen(inline_js = "export function unpack(value, points, words, nums, shape) {
  const reports = Array.isArray(value) ? value : [value];
  const w = words.split(' ');
  const nk = Number(w[0]), keys = w.slice(1, 1 + nk);
  let k = 0, t = 1 + nk, n = 0;
  reports.forEach((r, i) => {
    const p = new Array(shape[3 * i]);
    for (let j = 0; j < p.length; j++, k += 4) p[j] = [points[k], points[k + 1], points[k + 2], points[k + 3]];
    r.map.points = p;
    const bins = new Array(shape[3 * i + 1]);
    for (let j = 0; j < bins.length; j++, n += 2 + nk) {
      const by = {};
      for (let c = 0; c < nk; c++) if (nums[n + 2 + c] > 0) by[keys[c]] = nums[n + 2 + c];
      bins[j] = { start: w[t], end: w[t + 1], count: nums[n], fatalities: nums[n + 1], by_category: by };
      t += 2;
    }
    const history = new Array(shape[3 * i + 2]);
    for (let j = 0; j < history.length; j++, t += 2) history[j] = { date: w[t], score: nums[n++], band: w[t + 1] };
    r.trend.bins = bins;
    r.trend.score_history = history;
  });
}")]
extern "C" {
    fn unpack(value: &JsValue, points: &[f64], words: &str, nums: &[f64], shape: &[u32]);
}

/// An assessment as a JS value. The parts of a report with the most values (up to 500 map points,
/// ~53 trend bins, ~53 history points) cross packed into one string and two typed arrays, and JS
/// builds them (`unpack`): through `serde-wasm-bindgen` each value would be a call across the
/// boundary, and each date a string decoded on its own. The result is the same report.
fn assessment_to_js(mut a: Assessment) -> WasmResult<JsValue> {
    let reports: &mut [Report] = match &mut a {
        Assessment::One(r) => std::slice::from_mut(&mut **r),
        Assessment::Portfolio(list) => list,
    };
    let mut keys: Vec<&str> = crate::Category::ALL.iter().map(|c| c.key()).collect();
    keys.sort_unstable(); // the order of the `by_category` map (a BTreeMap)
    let mut words = format!("{} {}", keys.len(), keys.join(" "));
    let (mut points, mut nums, mut shape) = (Vec::new(), Vec::new(), Vec::with_capacity(3 * reports.len()));
    for r in reports.iter_mut() {
        let (bins, history) = (std::mem::take(&mut r.trend.bins), std::mem::take(&mut r.trend.score_history));
        shape.extend([r.map.points.len() as u32, bins.len() as u32, history.len() as u32]);
        points.extend(std::mem::take(&mut r.map.points).into_iter().flatten());
        for b in &bins {
            for part in [" ", &b.start, " ", &b.end] {
                words.push_str(part);
            }
            nums.extend([b.count as f64, b.fatalities as f64]);
            nums.extend(keys.iter().map(|k| b.by_category.get(k).copied().unwrap_or(0) as f64));
        }
        for h in &history {
            for part in [" ", &h.date, " ", h.band] {
                words.push_str(part);
            }
            nums.push(h.score);
        }
    }
    let value = to_js(&a)?;
    unpack(&value, &points, &words, &nums, &shape);
    Ok(value)
}

fn core_err(e: crate::Error) -> JsError {
    JsError::new(&e.to_string())
}

/// An incident store in WASM memory with the queries on it. Free it with `free()`.
#[wasm_bindgen]
pub struct Engine {
    store: Store,
    /// A load taking its input in pieces (`loadBegin` … `loadEnd`).
    loading: Option<ingest::Loader>,
}

impl Default for Engine {
    fn default() -> Self {
        Self::new()
    }
}

impl Engine {
    /// An error while a piece-by-piece load is open: the store's index is rebuilt at its end.
    fn idle(&self) -> WasmResult<()> {
        match self.loading {
            Some(_) => Err(JsError::new("a load is in progress: call loadEnd first")),
            None => Ok(()),
        }
    }
}

#[wasm_bindgen]
impl Engine {
    /// An empty store.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Engine {
        Engine { store: Store::new(), loading: None }
    }

    /// Starts a load of incident data, which then comes in pieces (`loadChunk`), cut anywhere, as
    /// they arrive, so the whole input is never in memory at once. `format` is acled, ucdp, csv,
    /// geojson, json or auto (`undefined` = auto); `name` labels row errors; `totalBytes`, if
    /// known, sizes the store. Until `loadEnd`, `assess` and another `loadBegin` are refused.
    #[wasm_bindgen(js_name = loadBegin)]
    pub fn load_begin(&mut self, format: Option<String>, name: Option<String>, total_bytes: Option<f64>) -> WasmResult<()> {
        self.idle()?;
        let format = ingest::Format::parse(format.as_deref().unwrap_or("auto")).map_err(core_err)?;
        let total = total_bytes.filter(|t| t.is_finite() && *t > 0.0).map(|t| t as u64);
        self.loading = Some(ingest::Loader::new(format, name.as_deref().unwrap_or(""), total));
        Ok(())
    }

    /// The next piece of a load begun with `loadBegin`, cut anywhere. An error ends the load.
    #[wasm_bindgen(js_name = loadChunk)]
    pub fn load_chunk(&mut self, chunk: &js_sys::Uint8Array) -> WasmResult<()> {
        let loader = self.loading.as_mut().ok_or_else(|| JsError::new("loadChunk: no load begun"))?;
        let result = loader.push_with(&mut self.store, chunk.length() as usize, |buf| chunk.copy_to(buf), &mut |_, _| {});
        if result.is_err() {
            self.loading = None;
        }
        result.map_err(core_err)
    }

    /// Ends a load begun with `loadBegin`, rebuilds the index and returns the load's diagnostics:
    /// `{rows_read, rows_loaded, rows_skipped, rows_replaced, errors: [{source, line, reason}], …}`.
    /// With `stopped` (a reason, such as a failed download), the unfinished end is dropped: the rows
    /// read so far stay loaded and the diagnostics say where the input stopped.
    #[wasm_bindgen(js_name = loadEnd)]
    pub fn load_end(&mut self, stopped: Option<String>) -> WasmResult<JsValue> {
        let loader = self.loading.take().ok_or_else(|| JsError::new("loadEnd: no load begun"))?;
        let diag = match stopped {
            Some(reason) => loader.stop(&mut self.store, &reason),
            None => loader.finish(&mut self.store, &mut |_, _| {}).map_err(core_err)?,
        };
        to_js(&diag)
    }

    /// Assesses a GeoJSON area of interest (object). `options`: `{asOf, windowDays, trendBin,
    /// trendMonths, segmentKm, nearest, drivers, influenceKm}`; unknown keys are refused.
    pub fn assess(&self, aoi: JsValue, options: JsValue) -> WasmResult<JsValue> {
        self.idle()?;
        let input = from_js(&aoi, "invalid area of interest", aoi::from_value)?;
        let options = if options.is_undefined() || options.is_null() { Options::default() } else { from_js(&options, "invalid option", Options::from_json)? };
        assessment_to_js(assess_input(&self.store, &input, &options).map_err(core_err)?)
    }

    /// Drops every incident (and a load in progress).
    pub fn clear(&mut self) {
        self.loading = None;
        self.store.clear();
    }

    /// Number of distinct incidents held.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> usize {
        self.store.len()
    }

    /// Cumulative diagnostics of every load.
    pub fn diagnostics(&self) -> WasmResult<JsValue> {
        to_js(self.store.diagnostics())
    }

    /// Memory held by the store: `[bytes in per-incident columns, bytes in string tables]`.
    #[wasm_bindgen(js_name = memoryBytes)]
    pub fn memory_bytes(&self) -> Vec<f64> {
        let (cols, tables) = self.store.memory_bytes();
        vec![cols as f64, tables as f64]
    }
}
