// One load per data: the cards of a page that show the same `src` (and `format`) share one fetch and
// one store; data given through a card's `incidents` property is that card's own. A load ends (its
// download stopped, its store freed) when the last card holding it lets it go.

/** The shared loads under way or done, by key; a failed one is dropped, so that the next asks again. */
const shared = new Map();

/** A load: `promise` resolves to what `run(load)` gives ({engine, diagnostics}); `engine` is set by
 * `run` as soon as it has one, so that a load let go of part-way still frees it. */
class Load {
  constructor(key, run) {
    this.key = key;
    this.holders = 0;
    this.engine = null;
    this.settled = false;
    this.failed = false;
    this.listeners = new Set();
    this.abort = new AbortController();
    this.promise = Promise.resolve().then(() => run(this));
    this.promise.then(
      () => (this.settled = true),
      () => {
        [this.settled, this.failed] = [true, true];
        if (shared.get(key) === this) shared.delete(key);
      },
    );
  }

  /** Tells every card holding this load how far it is (bytes; total NaN when unknown). */
  progress(done, total) {
    for (const f of this.listeners) f(done, total);
  }

  /** One holder fewer: the last one stops the load and frees its store (once it has settled). */
  release(listener) {
    this.listeners.delete(listener);
    if (--this.holders > 0) return;
    if (shared.get(this.key) === this) shared.delete(this.key);
    this.abort.abort();
    const free = () => this.engine?.free();
    this.promise.then(free, free);
  }
}

/** The load of `key` the page's cards share, started with `run` if none holds it. */
export function sharedLoad(key, run) {
  let load = shared.get(key);
  if (!load) shared.set(key, (load = new Load(key, run)));
  load.holders++;
  return load;
}

/** A load of one card's own. */
export function ownLoad(run) {
  const load = new Load(null, run);
  load.holders++;
  return load;
}
