// A module worker holding its own engine, for loads and assessments too large for the page's
// thread (the card moves there above WORKER_BYTES). Messages: {id, op, args} → {id, result} |
// {id, error} | {id, progress: [done, total]}.
import init, { Engine } from './pkg/riskcard.js';

const ready = init({ module_or_path: new URL('./pkg/riskcard_bg.wasm', import.meta.url) });
let engine = null;

self.onmessage = async ({ data: { id, op, args } }) => {
  try {
    await ready;
    engine ??= new Engine();
    let result;
    if (op === 'load') {
      const [bytes, format, name] = args;
      result = engine.loadBytes(bytes, format ?? undefined, name ?? undefined, (done, total) => self.postMessage({ id, progress: [done, total] }));
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
    self.postMessage({ id, error: String(e?.message ?? e) });
  }
};
