// A worker holding its own engine, for loads and assessments too large for the page's thread (the
// card moves there above WORKER_BYTES). It starts on {op: 'init', module} (the WebAssembly.Module the
// page compiled) and answers {ready: true}, or {ready: false, error}. Then: {id, op, args} →
// {id, result} | {id, error: {message, code, params, kind}} | {id, progress: [done, total]}. A load
// comes whole ('load') or in pieces as the page reads them ('begin', 'chunk'…, then 'end', or
// 'stop' when the input failed); every other operation is a FORWARDED RiskEngine method, called as it is.
import init, { Engine } from './pkg/riskcard.js';
import { FORWARDED, RiskEngine, startLoad } from './engine.js';
import { errorData, shellError } from './messages.js';

let inner = null;
let engine = null;
let loading = null; // a load taking pieces from the page ('begin' … 'end')

/** The load under way. */
function current() {
  if (!loading) throw shellError('load_ended');
  return loading;
}

const ops = {
  load: (bytes, opts, onProgress) => engine.load(bytes, { ...opts, onProgress }),
  begin: (opts) => {
    loading = startLoad(inner, opts);
  },
  chunk: (piece) => current().take(piece),
  end: () => {
    const diagnostics = current().end();
    loading = null;
    return diagnostics;
  },
  // Keeps the rows read so far and records where the input stopped (see Engine.loadEnd).
  stop: (reason) => {
    loading?.stop(reason);
    loading = null;
  },
};
for (const op of FORWARDED) {
  ops[op] = (...args) => (typeof engine[op] === 'function' ? engine[op](...args) : engine[op]);
}

/** Instantiates the page's compiled module here and says whether it could. */
async function start(module) {
  try {
    await init({ module_or_path: module });
    inner = new Engine();
    engine = new RiskEngine(inner);
    self.postMessage({ ready: true });
  } catch (e) {
    self.postMessage({ ready: false, error: errorData(shellError('engine_failed', { detail: String(e?.message ?? e) })) });
  }
}

self.onmessage = ({ data: { id, op, args, module } }) => {
  if (op === 'init') return start(module);
  try {
    if (!engine) throw shellError('engine_failed', { detail: 'the worker was not started' });
    if (!Object.hasOwn(ops, op)) throw shellError('unknown_operation', { op });
    const onProgress = (done, total) => self.postMessage({ id, progress: [done, total] });
    self.postMessage({ id, result: op === 'load' ? ops.load(...args, onProgress) : ops[op](...args) });
  } catch (e) {
    if (op === 'chunk' || op === 'begin') loading = null; // a failed piece ends the load
    self.postMessage({ id, error: errorData(e) });
  }
};
