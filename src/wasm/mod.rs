//! The one door between the core and JavaScript: thin wrappers that convert bytes, options, AOIs and
//! reports, and turn core errors into JS `Error`s. What is not conversion lives in the core; the one
//! piece of shaping here is the packing of a report's largest arrays (see [`assessment_to_js`]).

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{aoi, assess_input, ingest, json, Assessment, Error, Message, Options, Report, Store};

/// A failure as JavaScript sees it: a core [`Error`] becomes an `Error` whose `message` is the
/// English text and which also carries `code`, `params` and `kind` (`aoi`, `data`, `options`,
/// `usage`), so that a card can say it in its own language. (`JsError` cannot carry properties,
/// hence this type; it converts from the core's `Error` as `JsError` converts from any error, so
/// the bindings are `Ok(core(...)?)`.)
pub struct EngineError(JsValue);

impl From<Error> for EngineError {
    fn from(e: Error) -> EngineError {
        let err = js_sys::Error::new(&e.to_string());
        let m = e.message();
        let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&err, &JsValue::from_str(k), v).is_ok();
        set("code", &JsValue::from_str(m.code()));
        set("kind", &JsValue::from_str(e.kind()));
        if let Ok(params) = to_js(m.params()) {
            set("params", &params);
        }
        EngineError(err.into())
    }
}

impl From<serde_wasm_bindgen::Error> for EngineError {
    fn from(e: serde_wasm_bindgen::Error) -> EngineError {
        EngineError(e.into())
    }
}

impl std::fmt::Debug for EngineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "EngineError({:?})", self.0)
    }
}

impl From<EngineError> for JsValue {
    fn from(e: EngineError) -> JsValue {
        e.0
    }
}

type WasmResult<T> = Result<T, EngineError>;

fn to_js<T: Serialize>(v: &T) -> Result<JsValue, serde_wasm_bindgen::Error> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
}

/// A small JS object (an AOI, options) read by `read` from a core JSON value: through
/// `JSON.stringify` and the core's reader, which keeps the WASM free of a second, generic
/// deserializer. `not_json` is the error for a value `JSON.stringify` cannot write.
fn from_js<T>(v: &JsValue, not_json: Error, read: impl FnOnce(&json::Value<'_>) -> crate::Result<T>) -> WasmResult<T> {
    let text = js_sys::JSON::stringify(v).ok().and_then(|s| s.as_string()).ok_or(not_json)?;
    let value = json::parse(&text).map_err(|e| Error::Aoi(Message::aoi_not_json(e.problem, e.line, e.column)))?;
    Ok(read(&value)?)
}

#[wasm_bindgen(module = "/src/wasm/unpack.js")]
extern "C" {
    fn unpack(value: &JsValue, points: &[f64], words: &str, nums: &[f64], shape: &[u32]);
}

/// An assessment as a JS value. The parts of a report with the most values (up to 500 map points,
/// ~53 trend bins, ~53 history points) cross packed into one string and two typed arrays, and JS
/// builds them (`unpack.js`): through `serde-wasm-bindgen` each value would be a call across the
/// boundary, and each date a string decoded on its own. The result is the same report. Measured
/// at stop 13 in node, the twelve demo presets' full reports: 2.65–2.70 ms with the packing, 3.41 ms
/// without (−22 %), for 2 KB of .wasm (gzipped).
fn assessment_to_js(mut a: Assessment) -> WasmResult<JsValue> {
    let reports: &mut [Report] = match &mut a {
        Assessment::One(r) => std::slice::from_mut(&mut **r),
        Assessment::Portfolio(list) => list,
    };
    // The keys in the order of the `by_category` maps (sorted), through `rank` (the one sort).
    let all = crate::Category::ALL.map(|c| c.key());
    let keys: Vec<&str> = crate::rank::top_k(all.len(), all.len(), |a, b| all[a].cmp(all[b])).into_iter().map(|i| all[i]).collect();
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

/// The area(s) and options of a query.
fn read_query(aoi: &JsValue, options: &JsValue) -> WasmResult<(aoi::AoiInput, Options)> {
    let input = from_js(aoi, Error::Aoi(Message::aoi_not_object()), aoi::from_value)?;
    let options = if options.is_undefined() || options.is_null() {
        Options::default()
    } else {
        from_js(options, Error::Options(Message::options_not_object("a value JSON cannot write".into())), Options::from_json)?
    };
    Ok((input, options))
}

/// What [`Engine::unclassified`] gives: the rows, and their texts in one byte string.
#[wasm_bindgen(getter_with_clone)]
pub struct Unclassified {
    /// The rows.
    pub rows: Vec<u32>,
    /// Their texts, for the words module.
    pub text: Vec<u8>,
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
    fn idle(&self) -> Result<(), Error> {
        match self.loading {
            Some(_) => Err(Error::Usage(Message::load_in_progress())),
            None => Ok(()),
        }
    }
}

/// The error for `call` (`loadChunk`, `loadEnd`) without a load begun.
fn no_load(call: &str) -> Error {
    Error::Usage(Message::no_load_begun(call.into()))
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
    /// known, sizes the store; `dedupe` is `id` (`undefined`) or `content` (an earlier load's
    /// event found again under another id is removed). Until `loadEnd`, `assess` and another
    /// `loadBegin` are refused.
    #[wasm_bindgen(js_name = loadBegin)]
    pub fn load_begin(&mut self, format: Option<String>, name: Option<String>, total_bytes: Option<f64>, dedupe: Option<String>) -> WasmResult<()> {
        self.idle()?;
        let format = ingest::Format::parse(format.as_deref().unwrap_or("auto"))?;
        let dedupe = ingest::Dedupe::parse(dedupe.as_deref().unwrap_or("id"))?;
        let total = total_bytes.filter(|t| t.is_finite() && *t > 0.0).map(|t| t as u64);
        self.loading = Some(ingest::Loader::new(format, name.as_deref().unwrap_or(""), total).dedupe(dedupe));
        Ok(())
    }

    /// The next piece of a load begun with `loadBegin`, cut anywhere. An error ends the load.
    #[wasm_bindgen(js_name = loadChunk)]
    pub fn load_chunk(&mut self, chunk: &js_sys::Uint8Array) -> WasmResult<()> {
        let loader = self.loading.as_mut().ok_or_else(|| no_load("loadChunk"))?;
        let result = loader.push_with(&mut self.store, chunk.length() as usize, |buf| chunk.copy_to(buf), &mut |_, _| {});
        if result.is_err() {
            self.loading = None;
        }
        Ok(result?)
    }

    /// Ends a load begun with `loadBegin`, rebuilds the index and returns the load's diagnostics:
    /// `{rows_read, rows_loaded, rows_skipped, rows_replaced, errors: [{source, line, reason, code,
    /// params}], warnings: [{code, message, params}], …}`. With `stopped` (a reason, such as a failed
    /// download), the unfinished end is dropped: the rows read so far stay loaded and the
    /// diagnostics say where the input stopped.
    #[wasm_bindgen(js_name = loadEnd)]
    pub fn load_end(&mut self, stopped: Option<String>) -> WasmResult<JsValue> {
        let loader = self.loading.take().ok_or_else(|| no_load("loadEnd"))?;
        let diag = match stopped {
            Some(reason) => loader.stop(&mut self.store, &reason),
            None => loader.end(&mut self.store, &mut |_, _| {})?,
        };
        Ok(to_js(&diag)?)
    }

    /// Assesses a GeoJSON area of interest (object). `options`: `{asOf, windowDays, trendBin,
    /// trendMonths, segmentKm, nearest, drivers, influenceKm, detail, public, today, staleDays}`;
    /// unknown keys are refused.
    pub fn assess(&self, aoi: JsValue, options: JsValue) -> WasmResult<JsValue> {
        self.idle()?;
        let (input, options) = read_query(&aoi, &options)?;
        assessment_to_js(assess_input(&self.store, &input, &options)?)
    }

    /// The incidents an assessment of `aoi` with `options` uses (within influence, in the window),
    /// with their distance, bearing and points, as `format` text: `csv` or `geojson`
    /// (`assess::export_incidents`; public mode redacts as the report does).
    #[wasm_bindgen(js_name = exportIncidents)]
    pub fn export_incidents(&self, aoi: JsValue, options: JsValue, format: &str) -> WasmResult<String> {
        self.idle()?;
        let format = crate::assess::ExportFormat::parse(format)?;
        let (input, options) = read_query(&aoi, &options)?;
        Ok(crate::assess::export_incidents(&self.store, &input, &options, format)?)
    }

    /// The incidents an assessment of `aoi` with `options` would read the texts of and whose texts
    /// are not read yet (an analysis, a convoy or staff profile, an actor filter need them): their
    /// rows, and their texts for the words module's `classify`. Empty when none is needed.
    pub fn unclassified(&self, aoi: JsValue, options: JsValue) -> WasmResult<Unclassified> {
        self.idle()?;
        let (input, options) = read_query(&aoi, &options)?;
        let rows = crate::assess::unclassified(&self.store, &input, &options)?;
        let mut text = Vec::new();
        for &r in &rows {
            crate::assess::write_texts(&self.store, r as usize, &mut text);
        }
        Ok(Unclassified { rows, text })
    }

    /// Keeps what the words module's `classify` read from the texts of `rows` (one value each).
    pub fn classified(&mut self, rows: &[u32], bits: &[u32]) {
        for (&r, &b) in rows.iter().zip(bits) {
            self.store.set_derived(r as usize, b);
        }
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
        Ok(to_js(self.store.diagnostics())?)
    }

    /// Memory held by the store: `[bytes in per-incident columns, bytes in string tables]`.
    #[wasm_bindgen(js_name = memoryBytes)]
    pub fn memory_bytes(&self) -> Vec<f64> {
        let (cols, tables) = self.store.memory_bytes();
        vec![cols as f64, tables as f64]
    }
}
