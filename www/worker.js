// A module worker holding its own engine, for loads and assessments too large for the page's
// thread (the card moves there above WORKER_BYTES). Messages: {id, op, args} → {id, result} |
// {id, error} | {id, progress: [done, total]}. A load comes whole ('load') or in pieces as the page
// reads them ('begin', 'chunk'…, then 'end', or 'stop' when the input failed).
import init, { Engine } from './pkg/riskcard.js';
import { startLoad, loadAll } from './engine.js';

const ready = init({ module_or_path: new URL('./pkg/riskcard_bg.wasm', import.meta.url) });
let engine = null;
let loading = null; // a load taking pieces from the page ('begin' … 'end')

self.onmessage = async ({ data: { id, op, args } }) => {
  try {
    await ready;
    engine ??= new Engine();
    let result;
    const onProgress = (done, total) => self.postMessage({ id, progress: [done, total] });
    if (op === 'load') {
      result = loadAll(engine, args[0], { ...args[1], onProgress });
    } else if (op === 'begin') {
      loading = startLoad(engine, args[0]);
    } else if (op === 'chunk' || op === 'end') {
      if (!loading) throw new Error('the load has ended');
      if (op === 'chunk') loading.take(args[0]);
      else [result, loading] = [loading.end(), null];
    } else if (op === 'stop') {
      // Keeps the rows read so far and records where the input stopped (see Engine.loadEnd).
      loading?.stop(args[0]);
      loading = null;
    } else if (op === 'assess') {
      result = engine.assess(args[0], args[1]);
    } else if (op === 'clear') {
      engine.clear();
    } else if (op === 'size') {
      result = engine.size;
    } else if (op === 'diagnostics') {
      result = engine.diagnostics();
    } else if (op === 'memoryBytes') {
      result = Array.from(engine.memoryBytes());
    } else {
      throw new Error(`unknown operation ${op}`);
    }
    self.postMessage({ id, result });
  } catch (e) {
    if (op === 'chunk' || op === 'begin') loading = null; // a failed piece ends the load
    self.postMessage({ id, error: String(e?.message ?? e) });
  }
};
