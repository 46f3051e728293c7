// The engine API: loadEngine() → Promise<RiskEngine>. The WASM module is fetched and compiled once
// per page (memoised), and instantiated once on the page and once in each Web Worker engine, which
// is handed the compiled module; each engine is its own incident store.
import init, { Engine } from './pkg/riskcard.js';
import { wasmModule, wordsModule, workerScripts } from './assets.js';
import { shellError, errorFrom } from './messages.js';

let compiled = null;
let ready = null;

/** The engine's WebAssembly module, compiled once per page; a failure is not kept (the next call tries again). */
function compile() {
  compiled ??= wasmModule().catch((e) => {
    compiled = null;
    throw shellError('engine_failed', { detail: String(e?.message ?? e) });
  });
  return compiled;
}

/** Instantiates the WASM module once on the page; every later call reuses the same promise. */
function instantiate() {
  ready ??= compile()
    .then((module) => init({ module_or_path: module }))
    .catch((e) => {
      ready = null;
      throw e.code === 'engine_failed' ? e : shellError('engine_failed', { detail: String(e?.message ?? e) });
    });
  return ready;
}

const encoder = new TextEncoder();

/** Bytes handed to the engine per call: the input never has to be in WASM memory whole. */
export const CHUNK_BYTES = 8 * 1024 * 1024;

/** Whether incident data is parsed JSON: an array or a plain object (not bytes, text or a Blob). */
const isParsed = (data) => Array.isArray(data) || (!!data && typeof data === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(data)));

/** Bytes of incident data given as Uint8Array, ArrayBuffer or string. */
function toBytes(data) {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (typeof data === 'string') return encoder.encode(data);
  throw shellError('data_not_bytes');
}

/** The text `JSON.stringify(value)` writes, in parts: an array, at the root or as a member of the
 * root object (GeoJSON `features`, the ACLED API's `data`, the UCDP API's `Result`), an element at
 * a time. (An element's `toJSON`, if it has one, is called without its index.) */
function* jsonParts(value) {
  const elements = function* (a) {
    yield '[';
    for (let i = 0; i < a.length; i++) yield (i ? ',' : '') + (JSON.stringify(a[i]) ?? 'null');
    yield ']';
  };
  const listed = (v) => Array.isArray(v) && typeof v.toJSON !== 'function';
  if (listed(value)) return yield* elements(value);
  if (!value || typeof value !== 'object' || typeof value.toJSON === 'function') return yield JSON.stringify(value);
  let sep = '{';
  for (const [key, v] of Object.entries(value)) {
    const whole = listed(v) ? null : JSON.stringify(v);
    if (whole === undefined) continue; // left out, as JSON.stringify leaves out undefined, functions and symbols
    yield `${sep}${JSON.stringify(key)}:`;
    sep = ',';
    if (whole === null) yield* elements(v);
    else yield whole;
  }
  yield sep === '{' ? '{}' : '}';
}

/** Parsed incident data as JSON text in bytes, a piece of at most about CHUNK_BYTES at a time,
 * each made when asked for: a parsed million-row response never becomes one string. */
export function* jsonPieces(value) {
  let parts = [];
  let units = 0;
  for (const part of jsonParts(value)) {
    parts.push(part);
    units += part.length;
    // A UTF-16 unit is at most 3 bytes of UTF-8.
    if (units >= CHUNK_BYTES / 3) {
      yield encoder.encode(parts.join(''));
      [parts, units] = [[], 0];
    }
  }
  if (parts.length) yield encoder.encode(parts.join(''));
}

/** A ReadableStream of what `iterator` gives, each value taken when the reader asks for it. */
function streamOf(iterator) {
  return new ReadableStream({
    pull(c) {
      const { done, value } = iterator.next();
      if (done) c.close();
      else c.enqueue(value);
    },
  });
}

/** A ReadableStream of bytes, and the total if known, from a stream, a `Response` or a `Blob`. */
function toStream(source, total) {
  if (source instanceof Response) {
    if (!source.body) return { stream: new Blob([]).stream(), total: 0 };
    return { stream: source.body, total: total ?? (Number(source.headers.get('content-length')) || undefined) };
  }
  if (source instanceof Blob) return { stream: source.stream(), total: total ?? source.size };
  if (source instanceof ReadableStream) return { stream: source, total };
  throw shellError('stream_source');
}

/** Pieces of at most CHUNK_BYTES of `bytes` (views, not copies). */
function* slices(bytes) {
  const n = bytes.length; // (a slice handed to a worker detaches the buffer)
  for (let at = 0; at < n; at += CHUNK_BYTES) yield bytes.subarray(at, at + CHUNK_BYTES);
  if (!n) yield bytes;
}

/** Reads `stream`, giving each chunk (a Uint8Array, cut to CHUNK_BYTES) to `take`, which may
 * return a Promise to wait on; stops with an AbortError when `signal` aborts. */
async function eachChunk(stream, signal, take) {
  const reader = stream.getReader();
  const abort = () => reader.cancel().catch(() => {});
  signal?.addEventListener('abort', abort);
  try {
    for (;;) {
      signal?.throwIfAborted();
      const { done, value } = await reader.read();
      signal?.throwIfAborted();
      if (done) return;
      for (const piece of slices(value instanceof Uint8Array ? value : new Uint8Array(value))) await take(piece);
    }
  } finally {
    signal?.removeEventListener('abort', abort);
    reader.releaseLock();
  }
}

/** Begins a load into `inner` (a WASM Engine) that takes its input in pieces: `take(piece)` for
 * each, then `end()` for the diagnostics; `stop(reason)` ends it early (the rows read so far
 * stay), and `fail(error)` stops it and throws `error`. */
export function startLoad(inner, { format, name, total, onProgress, dedupe } = {}) {
  inner.loadBegin(format || undefined, name || undefined, total || undefined, dedupe || undefined);
  let done = 0;
  return {
    take(piece) {
      inner.loadChunk(piece);
      done += piece.length;
      onProgress?.(done, Math.max(total || 0, done));
    },
    end: () => inner.loadEnd(undefined),
    stop(reason) {
      try {
        inner.loadEnd(reason);
      } catch {
        // the engine ended it already (a bad header ends a load)
      }
    },
    fail(e) {
      this.stop(String(e?.message ?? e));
      throw e;
    },
  };
}

/** Gives `load` (from `startLoad`) its pieces through `feed(take)`, then ends it: the diagnostics,
 * or a Promise of them when `feed` returns one. What `feed` throws or rejects with stops the load
 * (the rows read so far stay) and is thrown again. */
function feedLoad(load, feed) {
  let fed;
  try {
    fed = feed(load.take);
  } catch (e) {
    load.fail(e);
  }
  return fed instanceof Promise ? fed.then(() => load.end(), (e) => load.fail(e)) : load.end();
}

/** Loads `pieces` (byte arrays, each made when its turn comes) into `inner` through `startLoad`. */
function loadPieces(inner, pieces, opts) {
  return feedLoad(startLoad(inner, opts), (take) => {
    for (const piece of pieces) take(piece);
  });
}

/** Loads all of `bytes` into `inner` through `startLoad`, a CHUNK_BYTES piece at a time. */
export function loadAll(inner, bytes, opts) {
  return loadPieces(inner, slices(bytes), { ...opts, total: bytes.length });
}

/** `bytes` over a buffer of its own, so that the buffer can be transferred. */
function own(bytes) {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

/** The AOI as an object and the options without empty values, as both engines pass them on. */
function assessArgs(aoi, options) {
  let geo = aoi;
  if (typeof aoi === 'string') {
    try {
      geo = JSON.parse(aoi);
    } catch (e) {
      throw shellError('aoi_text_not_json', { detail: e.message });
    }
  }
  const clean = Object.fromEntries(Object.entries(options ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  return [geo, clean];
}

let words = null;

/** The words module's `classify`, instantiated once per page the first time it is needed (a
 * failure is not kept: the next call tries again). */
function loadWords() {
  words ??= Promise.all([import('./pkg/words.js'), wordsModule()])
    .then(async ([glue, module]) => {
      await glue.default({ module_or_path: module });
      return glue.classify;
    })
    .catch((e) => {
      words = null;
      throw e.code ? e : shellError('engine_failed', { detail: String(e?.message ?? e) });
    });
  return words;
}

/** Reads, once, the texts of the incidents an assessment of `aoi` with `options` needs (see
 * RiskEngine.prepare), for either engine: their texts from the engine, what they say from the
 * words module (here, on the page), back to the engine. */
async function prepareWith(engine, aoi, options) {
  const { rows, text } = await engine.unclassified(aoi, options);
  if (rows.length) await engine.classified(rows, (await loadWords())(text));
}

/** An incident store with the queries on it. */
export class RiskEngine {
  #inner;
  constructor(inner) {
    this.#inner = inner;
  }

  /**
   * Adds incidents to the store (an id already held is replaced) and returns this load's
   * diagnostics: {rows_read, rows_loaded, rows_skipped, rows_replaced, errors: [{line, reason}], …}.
   * Parsed data (GeoJSON, an array of rows, an API's response) is read back as JSON text, a piece
   * at a time, never as one string.
   * @param {Uint8Array|ArrayBuffer|string|object} data
   * `dedupe`: `id` (the default: an id loaded again replaces the earlier version) or `content`
   * (also an earlier load's event found again under another id: overlapping ACLED releases).
   * @param {{format?: 'auto'|'acled'|'ucdp'|'csv'|'geojson'|'json', name?: string, dedupe?: 'id'|'content',
   *          onProgress?: (bytesDone: number, bytesTotal: number) => void}} [opts]
   */
  load(data, { format, name, dedupe, onProgress } = {}) {
    if (isParsed(data)) return loadPieces(this.#inner, jsonPieces(data), { format, name, dedupe, onProgress });
    return loadAll(this.#inner, toBytes(data), { format, name, dedupe, onProgress });
  }

  /**
   * As `load`, for data that arrives over time (a download, a file): rows are read as each piece
   * comes, so the whole input is never held in memory. Resolves to the diagnostics. If `signal`
   * aborts or the stream fails, it rejects; the rows read until then stay loaded.
   * @param {ReadableStream<Uint8Array>|Response|Blob} source
   * @param {{format?: string, name?: string, dedupe?: 'id'|'content', total?: number, signal?: AbortSignal,
   *          onProgress?: (bytesDone: number, bytesTotal: number) => void}} [opts]
   */
  async loadStream(source, { format, name, dedupe, total, signal, onProgress } = {}) {
    const { stream, total: size } = toStream(source, total);
    return feedLoad(startLoad(this.#inner, { format, name, dedupe, total: size, onProgress }), (take) => eachChunk(stream, signal, take));
  }

  /**
   * Assesses a GeoJSON area of interest (object or text); a FeatureCollection gives a ranked array.
   * @param {object|string} aoi
   * @param {{asOf?: string, windowDays?: number, trendBin?: 'week'|'month', trendMonths?: number,
   *          segmentKm?: number, nearest?: number, drivers?: number, influenceKm?: number,
   *          detail?: 'full'|'summary'|'analysis', public?: boolean, today?: string, staleDays?: number,
   *          profile?: 'site'|'convoy'|'staff', weights?: object, reachKm?: object, actors?: string[],
   *          since?: string, driftMonths?: number}} [options]
   */
  assess(aoi, options = {}) {
    return this.#inner.assess(...assessArgs(aoi, options));
  }

  /**
   * The incidents an assessment of `aoi` with `options` uses (within influence, in the window),
   * nearest first, with their distance, bearing and points, as text: `'csv'` (RFC 4180, a `'`
   * before a text cell a spreadsheet would run as a formula) or `'geojson'` (a FeatureCollection).
   * Columns: id, date, lat, lon, distance_km, bearing_deg, category, event_type, sub_event_type,
   * actors, fatalities, location, notes, source, points, in_aoi (a portfolio's: area first). With
   * `public: true`, redacted as the report is. The same text as the CLI's `--output csv|geojson`.
   * @param {object|string} aoi
   * @param {object} [options]
   * @param {'csv'|'geojson'} [format]
   * @returns {string}
   */
  exportIncidents(aoi, options = {}, format = 'csv') {
    return this.#inner.exportIncidents(...assessArgs(aoi, options), format);
  }

  /**
   * Makes ready what an assessment with `options` reads besides positions and dates: the actors'
   * families and the tags of the incidents near the area, for an analysis (`detail: 'analysis'`),
   * a `convoy` or `staff` profile or an `actors` filter. The words that tell them are a module of
   * their own, fetched the first time (`pkg/words_bg.wasm`); each incident is read once. Without
   * it, such an `assess` throws an Error with code `texts_not_read`. Resolves when done.
   * @param {object|string} aoi
   * @param {object} [options]
   * @returns {Promise<void>}
   */
  prepare(aoi, options = {}) {
    return prepareWith(this, aoi, options);
  }

  /** The rows and texts `prepare` hands the words module: `{rows: Uint32Array, text: Uint8Array}`
   * (none when the options read no text, or every text near the area has been read). */
  unclassified(aoi, options = {}) {
    const u = this.#inner.unclassified(...assessArgs(aoi, options));
    const out = { rows: u.rows, text: u.text };
    u.free();
    return out;
  }

  /** Keeps what the words module read for `rows` (one value each). */
  classified(rows, bits) {
    this.#inner.classified(rows, bits);
  }

  /** Drops every incident. */
  clear() {
    this.#inner.clear();
  }

  /** Distinct incidents held. */
  get size() {
    return this.#inner.size;
  }

  /** Cumulative diagnostics of every load. */
  diagnostics() {
    return this.#inner.diagnostics();
  }

  /** [bytes in per-incident columns, bytes in string tables]. */
  memoryBytes() {
    return Array.from(this.#inner.memoryBytes());
  }

  /** Releases the store's WASM memory. */
  free() {
    this.#inner.free();
  }
}

/** A new engine (its own store); the module itself loads once per page. */
export async function loadEngine() {
  await instantiate();
  return new RiskEngine(new Engine());
}

/** The RiskEngine methods (and getters) a WorkerEngine hands to its worker's RiskEngine as they are,
 * resolving to what they return there: a new engine method is added here, and nowhere else. */
export const FORWARDED = ['assess', 'exportIncidents', 'unclassified', 'classified', 'clear', 'diagnostics', 'memoryBytes', 'size'];

/** How long a Web Worker engine may take to start (its script loaded, the module instantiated in
 * it) before it counts as failed. Refusals (CSP, Trusted Types, a missing script) come sooner. */
export const WORKER_START_MS = 8000;

/** Script URLs riskcard made or named for its workers; the only ones its Trusted Types policy passes. */
const scriptURLs = new Set();
const blobURLs = new Map();
let policy;

/** A worker script's URL as `new Worker` takes it: a TrustedScriptURL from the one policy riskcard
 * makes, named `riskcard`, where the page has Trusted Types (a host that enforces them adds
 * `trusted-types riskcard` to its CSP); the URL itself where it has none or the policy is refused. */
function workerURL({ url, source }) {
  if (source !== undefined) {
    url = blobURLs.get(source);
    if (!url) blobURLs.set(source, (url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }))));
  }
  scriptURLs.add(url);
  if (policy === undefined) {
    policy = null;
    try {
      policy = globalThis.trustedTypes?.createPolicy('riskcard', {
        createScriptURL: (u) => {
          if (scriptURLs.has(u)) return u;
          throw new TypeError(`riskcard's policy only passes its own worker scripts, not ${u}`);
        },
      }) ?? null;
    } catch {
      // The page's CSP does not allow the name: without Trusted Types enforced, the URL works as it is.
    }
  }
  return policy ? policy.createScriptURL(url) : url;
}

/** The same API in a Web Worker, every method returning a Promise: for data above ~100k rows, so
 * the page stays responsive while it loads and assesses. Bytes are transferred, not copied. Besides
 * `load` and `loadStream`, its methods are the FORWARDED ones (`size` a getter: `await engine.size`).
 * `ready` resolves once the worker has started, and rejects (an Error with `code`) when it cannot:
 * the calls made until then wait for it, and reject with the same error. */
export class WorkerEngine {
  static {
    for (const op of FORWARDED) {
      const call = function (...args) {
        return this.#call(op, args);
      };
      const getter = !!Object.getOwnPropertyDescriptor(RiskEngine.prototype, op)?.get;
      Object.defineProperty(this.prototype, op, getter ? { get: call, configurable: true } : { value: call, writable: true, configurable: true });
    }
  }
  #worker = null;
  #failed = null;
  #started = false;
  #ready;
  #refuse;
  #next = 0;
  #pending = new Map();
  constructor() {
    let started;
    this.#ready = new Promise((ok, no) => ([started, this.#refuse] = [ok, no]));
    this.#ready.catch(() => {}); // (seen by whoever awaits `ready` or a call)
    // A script that cannot start here throws at once (another origin, Trusted Types): try the next.
    const scripts = workerScripts();
    let cause;
    for (const script of scripts) {
      try {
        this.#worker = new Worker(workerURL(script), { type: script.type, name: 'riskcard' });
        break;
      } catch (e) {
        cause ??= e;
      }
    }
    if (!this.#worker) {
      this.#fail(shellError('worker_failed', { detail: String(cause?.message ?? cause) }));
      return;
    }
    const timer = setTimeout(() => this.#fail(shellError('worker_no_start', { seconds: WORKER_START_MS / 1000 })), WORKER_START_MS);
    this.#ready.then(() => clearTimeout(timer), () => clearTimeout(timer));
    this.#worker.onmessage = ({ data }) => {
      if ('ready' in data) {
        if (!data.ready) return this.#fail(errorFrom(data.error));
        this.#started = true;
        return started();
      }
      const p = this.#pending.get(data.id);
      if (!p) return;
      if (data.progress) return p.onProgress?.(...data.progress);
      this.#pending.delete(data.id);
      if ('error' in data) p.reject(errorFrom(data.error));
      else p.resolve(data.result);
    };
    // Before it started: its script did not load or was refused (a 404, the CSP's worker-src). After: it died.
    this.#worker.onerror = (e) => {
      e.preventDefault();
      const file = (scripts[0].url ?? '').split('/').pop() || 'worker';
      this.#fail(this.#started ? shellError('worker_stopped', { detail: e.message || 'error' }) : shellError('worker_refused', { file }));
    };
    compile().then((module) => this.#worker?.postMessage({ op: 'init', module }), (e) => this.#fail(e));
  }
  /** As `RiskEngine.prepare`: the worker's engine hands out the texts, the page's words module reads them. */
  prepare(aoi, options = {}) {
    return prepareWith(this, aoi, options);
  }
  /** Resolves once the worker has started; rejects with why it could not. */
  get ready() {
    return this.#ready;
  }
  /** Ends the worker and rejects every call waiting with `error`. */
  #stop(error) {
    this.#worker?.terminate();
    this.#worker = null;
    for (const p of this.#pending.values()) p.reject(error);
    this.#pending.clear();
  }
  /** The worker failed: `ready`, the calls waiting and every later call reject with `error`. */
  #fail(error) {
    if (this.#failed) return;
    this.#failed = error;
    this.#refuse(error);
    this.#stop(error);
  }
  #call(op, args, transfer = [], onProgress) {
    if (!this.#worker) return Promise.reject(this.#failed ?? shellError('engine_freed'));
    const id = ++this.#next;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onProgress });
      this.#ready.then(() => this.#worker?.postMessage({ id, op, args }, transfer), () => {});
    });
  }
  /** As `RiskEngine.load`. Bytes and text go to the worker whole (transferred); parsed data as
   * JSON text, a piece at a time (`loadStream`). */
  load(data, { format, name, dedupe, signal, onProgress } = {}) {
    if (isParsed(data)) return this.loadStream(streamOf(jsonPieces(data)), { format, name, dedupe, signal, onProgress });
    const bytes = own(toBytes(data));
    return this.#call('load', [bytes, { format, name, dedupe }], [bytes.buffer], onProgress);
  }
  /** As `RiskEngine.loadStream`: the page reads the stream and hands each piece to the worker
   * (transferred, with at most four pieces waiting), so parsing keeps pace with the download. */
  async loadStream(source, { format, name, dedupe, total, signal, onProgress } = {}) {
    const { stream, total: size } = toStream(source, total);
    await this.#call('begin', [{ format, name, dedupe, total: size }]);
    const waiting = [];
    let done = 0;
    try {
      await eachChunk(stream, signal, async (piece) => {
        const bytes = own(piece);
        const n = bytes.length;
        const taken = this.#call('chunk', [bytes], [bytes.buffer]).then(() => {
          done += n;
          onProgress?.(done, Math.max(size || 0, done));
        });
        taken.catch(() => {}); // handled where it is awaited, in order
        waiting.push(taken);
        if (waiting.length >= 4) await waiting.shift();
      });
      await Promise.all(waiting);
    } catch (e) {
      await Promise.allSettled(waiting);
      await this.#call('stop', [String(e?.message ?? e)]).catch(() => {}); // (a freed engine has nothing to stop)
      throw e;
    }
    return this.#call('end', []);
  }
  /** Ends the worker; calls after this reject with 'engine freed'. */
  free() {
    const freed = shellError('engine_freed');
    this.#refuse(freed);
    this.#stop(freed);
  }
}
