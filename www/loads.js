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

  /** Whether the data at this load's URLs has changed since it was fetched: a request to each
   * that revalidates the browser's copy (`cache: 'no-cache'`: a conditional request with the
   * ETag or Last-Modified the server gave, answered 304 when nothing changed, so nothing is
   * downloaded again), then a comparison of the validators. A server that gives neither cannot
   * say: the data counts as changed. One check at a time, shared by the cards holding the load. */
  changed() {
    if (!this.validators) return Promise.resolve(false);
    this.checking ??= Promise.all(this.validators.map(async ({ url, etag, modified }) => {
      const res = await fetch(url, { cache: 'no-cache' });
      res.body?.cancel().catch(() => {});
      const [e, m] = [res.headers.get('etag'), res.headers.get('last-modified')];
      return !res.ok || (!etag && !modified) || e !== etag || m !== modified;
    })).then((any) => any.some(Boolean), () => false).finally(() => (this.checking = null));
    return this.checking;
  }

  /** A newer version of the data exists: the next card to ask for this key starts a new load. */
  supersede() {
    if (shared.get(this.key) === this) shared.delete(this.key);
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
