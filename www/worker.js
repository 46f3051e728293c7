// A module worker holding its own engine, for loads and assessments too large for the page's
// thread (the card moves there above WORKER_BYTES). Messages: {id, op, args} → {id, result} |
// {id, error: {message, code, params, kind}} | {id, progress: [done, total]}. A load comes whole
// ('load') or in pieces as the page reads them ('begin', 'chunk'…, then 'end', or 'stop' when the
// input failed); every other operation is a FORWARDED RiskEngine method, called as it is.
import init, { Engine } from './pkg/riskcard.js';
import { FORWARDED, RiskEngine, startLoad } from './engine.js';
import { errorData, shellError } from './messages.js';

const ready = init({ module_or_path: new URL('./pkg/riskcard_bg.wasm', import.meta.url) });
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

self.onmessage = async ({ data: { id, op, args } }) => {
  try {
    await ready;
    inner ??= new Engine();
    engine ??= new RiskEngine(inner);
    if (!Object.hasOwn(ops, op)) throw shellError('unknown_operation', { op });
    const onProgress = (done, total) => self.postMessage({ id, progress: [done, total] });
    self.postMessage({ id, result: op === 'load' ? ops.load(...args, onProgress) : ops[op](...args) });
  } catch (e) {
    if (op === 'chunk' || op === 'begin') loading = null; // a failed piece ends the load
    self.postMessage({ id, error: errorData(e) });
  }
};
