// The engine API: loadEngine() → Promise<RiskEngine>. The WASM module is fetched and instantiated
// once per page (memoised); each engine is its own incident store in that module's memory.
import init, { Engine } from './pkg/riskcard.js';

let ready = null;

/** Instantiates the WASM module once; every later call reuses the same promise. */
function instantiate() {
  ready ??= init({ module_or_path: new URL('./pkg/riskcard_bg.wasm', import.meta.url) });
  return ready;
}

const encoder = new TextEncoder();

/** Bytes of incident data given as Uint8Array, ArrayBuffer, string or parsed GeoJSON/array. */
function toBytes(data) {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (typeof data === 'string') return encoder.encode(data);
  if (data && typeof data === 'object') return encoder.encode(JSON.stringify(data));
  throw new Error('unreadable incident data: give a Uint8Array, a string, or a parsed GeoJSON/array');
}

/** The AOI as an object and the options without empty values, as both engines pass them on. */
function assessArgs(aoi, options) {
  let geo = aoi;
  if (typeof aoi === 'string') {
    try {
      geo = JSON.parse(aoi);
    } catch (e) {
      throw new Error(`invalid area of interest: not valid JSON: ${e.message}`);
    }
  }
  const clean = Object.fromEntries(Object.entries(options ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  return [geo, clean];
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
   * @param {Uint8Array|ArrayBuffer|string|object} data
   * @param {{format?: 'auto'|'acled'|'ucdp'|'csv'|'geojson'|'json', name?: string,
   *          onProgress?: (bytesDone: number, bytesTotal: number) => void}} [opts]
   */
  load(data, { format, name, onProgress } = {}) {
    return this.#inner.loadBytes(toBytes(data), format ?? undefined, name ?? undefined, onProgress ?? undefined);
  }

  /**
   * Assesses a GeoJSON area of interest (object or text); a FeatureCollection gives a ranked array.
   * @param {object|string} aoi
   * @param {{asOf?: string, windowDays?: number, trendBin?: 'week'|'month', trendMonths?: number,
   *          segmentKm?: number, nearest?: number, drivers?: number, influenceKm?: number,
   *          detail?: 'full'|'summary'}} [options]
   */
  assess(aoi, options = {}) {
    return this.#inner.assess(...assessArgs(aoi, options));
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

/** The same API in a Web Worker, every method returning a Promise: for data above ~100k rows, so
 * the page stays responsive while it loads and assesses. Bytes are transferred, not copied. */
export class WorkerEngine {
  #worker;
  #next = 0;
  #pending = new Map();
  constructor() {
    this.#worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    this.#worker.onmessage = ({ data }) => {
      const p = this.#pending.get(data.id);
      if (!p) return;
      if (data.progress) return p.onProgress?.(...data.progress);
      this.#pending.delete(data.id);
      if ('error' in data) p.reject(new Error(data.error));
      else p.resolve(data.result);
    };
  }
  #call(op, args, transfer = [], onProgress) {
    const id = ++this.#next;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onProgress });
      this.#worker.postMessage({ id, op, args }, transfer);
    });
  }
  load(data, { format, name, onProgress } = {}) {
    let bytes = toBytes(data);
    if (bytes.byteOffset !== 0 || bytes.byteLength !== bytes.buffer.byteLength) bytes = bytes.slice();
    return this.#call('load', [bytes, format, name], [bytes.buffer], onProgress);
  }
  assess(aoi, options = {}) {
    try {
      return this.#call('assess', assessArgs(aoi, options));
    } catch (e) {
      return Promise.reject(e);
    }
  }
  clear() {
    return this.#call('clear', []);
  }
  /** Distinct incidents held (a Promise, like everything here: `await engine.size`). */
  get size() {
    return this.#call('size', []);
  }
  diagnostics() {
    return this.#call('diagnostics', []);
  }
  memoryBytes() {
    return this.#call('memoryBytes', []);
  }
  free() {
    this.#worker.terminate();
    for (const p of this.#pending.values()) p.reject(new Error('engine freed'));
    this.#pending.clear();
  }
}
