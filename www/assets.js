// Where the engine's other files are: the .wasm in pkg/ and worker.js, beside this file (so the
// card's files may be on another origin than the page, a CDN that sends CORS headers). The dist
// build (scripts/dist.mjs) puts a module with both inside in this one's place.
import { shellError } from './messages.js';

/** The engine's WebAssembly module, compiled: fetched from pkg/riskcard_bg.wasm beside this file. */
export function wasmModule() {
  return compileAt(new URL('./pkg/riskcard_bg.wasm', import.meta.url), 'riskcard_bg.wasm');
}

/** The words module (what incidents' texts say), compiled: pkg/words_bg.wasm, fetched the first
 * time a card needs it (an analysis, a convoy or staff profile, an actor filter). */
export function wordsModule() {
  return compileAt(new URL('./pkg/words_bg.wasm', import.meta.url), 'words_bg.wasm');
}

/** The WebAssembly module at `url` (named `file` in errors), compiled. */
async function compileAt(url, file) {
  let res;
  try {
    res = await fetch(url);
  } catch (e) {
    throw shellError('fetch_error', { file, detail: e.message });
  }
  if (!res.ok) throw shellError('fetch_status', { file, status: res.status });
  // Compiled as it downloads when the server says application/wasm; from its bytes otherwise (a
  // server that sends .wasm as application/octet-stream still works).
  if (/^application\/wasm\b/i.test(res.headers.get('content-type') ?? '')) return WebAssembly.compileStreaming(res);
  return WebAssembly.compile(await res.arrayBuffer());
}

/** The scripts a Web Worker engine can start from, in the order to try them: `{url}` or `{source}`
 * (text, started from a Blob URL), and its `type`. */
export function workerScripts() {
  const url = new URL('./worker.js', import.meta.url).href;
  return [
    { url, type: 'module' },
    // A worker cannot start from another origin's URL; a module of the page's origin that imports it can.
    { source: `import ${JSON.stringify(url)};\n`, type: 'module' },
  ];
}
