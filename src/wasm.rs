//! The one door between the core and JavaScript. Thin wrappers only: convert bytes, options, AOIs and
//! reports, and turn core errors into `JsError`s. No logic lives here.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{aoi, assess_input, ingest, json, Assessment, Options, Report, Store};

type WasmResult<T> = Result<T, JsError>;

fn to_js<T: Serialize>(v: &T) -> WasmResult<JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsError::new(&e.to_string()))
}

/// A small JS object (an AOI, options) as a core JSON value: through `JSON.stringify` and the
/// core's reader, which keeps the WASM free of a second, generic deserializer.
fn from_js(v: &JsValue, what: &str) -> WasmResult<json::Value> {
    let text = js_sys::JSON::stringify(v).ok().and_then(|s| s.as_string());
    let text = text.ok_or_else(|| JsError::new(&format!("{what}: expected a JSON object")))?;
    json::parse(&text).map_err(|e| JsError::new(&format!("{what}: {e}")))
}

/// Sets `map.points` of each report in `value` (one report or an array of them) from `flat`
/// (`[lat, lon, category, fatalities]` after one another) and `counts` (points per report).
#[wasm_bindgen(inline_js = "export function setPoints(value, flat, counts) {
  const reports = Array.isArray(value) ? value : [value];
  let k = 0;
  reports.forEach((r, i) => {
    const p = new Array(counts[i]);
    for (let j = 0; j < p.length; j++, k += 4) p[j] = [flat[k], flat[k + 1], flat[k + 2], flat[k + 3]];
    r.map.points = p;
  });
}")]
extern "C" {
    #[wasm_bindgen(js_name = setPoints)]
    fn set_points(value: &JsValue, flat: &[f64], counts: &[u32]);
}

/// An assessment as a JS value. The map points (up to 500 per report) cross as one `Float64Array`
/// and become arrays on the JS side: through `serde-wasm-bindgen` each would be an array built
/// with four calls across the boundary.
fn assessment_to_js(mut a: Assessment) -> WasmResult<JsValue> {
    let reports: &mut [Report] = match &mut a {
        Assessment::One(r) => std::slice::from_mut(&mut **r),
        Assessment::Portfolio(list) => list,
    };
    let mut flat = Vec::new();
    let mut counts = Vec::with_capacity(reports.len());
    for r in reports.iter_mut() {
        counts.push(r.map.points.len() as u32);
        flat.extend(std::mem::take(&mut r.map.points).into_iter().flatten());
    }
    let value = to_js(&a)?;
    set_points(&value, &flat, &counts);
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
        let input = aoi::from_value(&from_js(&aoi, "invalid area of interest")?).map_err(core_err)?;
        let options = if options.is_undefined() || options.is_null() {
            Options::default()
        } else {
            Options::from_json(&from_js(&options, "invalid option")?).map_err(core_err)?
        };
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
