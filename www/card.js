// <risk-card>: a thin custom element over a controller that loads data, assesses and renders.
import { loadEngine, WorkerEngine } from './engine.js';
import { labels, fill, plural, errorText, errorParts, localToday, supported } from './i18n.js';
import { shellError, shellWarning } from './messages.js';
import { sharedLoad, ownLoad } from './loads.js';
import { el, bdi, dataBlock, gauge, trend, miniMap, routeStrip, nearestList, driversList, diagnosticsLine, warningsBlock, dataLine, perArea, scoreChip, announcement, nothingToScore } from './render.js';
import { approachBlock, actorsBlock, sinceLine, journeys } from './analysis.js';
import basemap from './basemap.js';
import { cardSheet } from './styles.js';

const ATTRIBUTION = {
  ucdp: 'UCDP Candidate Events Dataset (CC BY 4.0)',
  acled: 'ACLED, acleddata.com',
};

/** Data above this many bytes (~100k ACLED rows) is loaded and assessed in a Web Worker. */
export const WORKER_BYTES = 40 * 1024 * 1024;
/** Whether data of this many bytes (NaN: unknown) is large: loaded in a worker, with progress. */
const large = (bytes) => !(bytes <= WORKER_BYTES);

/** About how many bytes of JSON text parsed data makes (its first row's text times its rows: the
 * root array, GeoJSON `features`, the ACLED API's `data` or the UCDP API's `Result`), so that a
 * large parsed response goes to a worker, with progress, like a large file; 0 without rows. */
function parsedBytes(value) {
  const rows = Array.isArray(value) ? value : ['features', 'data', 'Result'].map((k) => value?.[k]).find(Array.isArray);
  return rows?.length ? (JSON.stringify(rows[0])?.length ?? 0) * rows.length : 0;
}
/** A load that has taken this long shows its progress, whatever its size. */
const PROGRESS_AFTER_MS = 1000;
/** Portfolios above this many areas are assessed as summaries; the opened one in full. */
const FULL_PORTFOLIO = 25;

/** A body that fails on its first bytes if they are a web page (a server answering a missing file
 * with its HTML page, status 200) rather than data. */
function notAPage(body, file) {
  let first = true;
  return body.pipeThrough(new TransformStream({
    transform(chunk, out) {
      if (first && chunk.length) {
        first = false;
        const head = new TextDecoder().decode(chunk.subarray(0, 256)).replace(/^\uFEFF?\s*/, '').toLowerCase();
        if (head.startsWith('<!doctype') || head.startsWith('<html') || head.startsWith('<head') || head.startsWith('<!--')) {
          throw shellError('fetch_not_data', { file });
        }
      }
      out.enqueue(chunk);
    },
  }));
}

/** Fetches a URL's response (headers; the body is read as it is loaded); `load` keeps the
 * validators the server gave (ETag, Last-Modified) for a later `refresh`. */
async function request(url, signal, load) {
  const file = decodeURIComponent(url.pathname.split('/').pop() || '') || String(url);
  let res;
  try {
    res = await fetch(url, { signal });
  } catch (e) {
    if (e?.name === 'AbortError') throw e;
    throw shellError('fetch_error', { file, detail: e.message });
  }
  if (!res.ok) throw shellError('fetch_status', { file, status: res.status });
  (load.validators ??= []).push({ url: String(url), etag: res.headers.get('etag'), modified: res.headers.get('last-modified') });
  const length = Number(res.headers.get('content-length'));
  const size = length > 0 ? length : NaN;
  const page = /^text\/html\b/i.test(res.headers.get('content-type') ?? '') && res.body;
  return { name: file || 'data', source: page ? new Response(notAPage(res.body, file)) : res, size };
}

/** The data's parts from the `incidents` property: bytes and text go in as Blobs, read in pieces (a
 * worker engine is never handed, and so never detaches, the host's own array). */
function partsOf(value) {
  const list = Array.isArray(value) && value.length && value.every((d) => d instanceof Uint8Array || d instanceof Blob || typeof d === 'string') ? value : [value];
  return list.map((d) => {
    const source = d instanceof Uint8Array || d instanceof ArrayBuffer || typeof d === 'string' ? new Blob([d]) : d;
    return { name: (d instanceof Blob && d.name) || 'incidents', source, size: source instanceof Blob ? source.size : parsedBytes(source) };
  });
}

/** Gives `load` an engine for this many bytes of data (NaN: unknown): on the page for small data,
 * in a Web Worker for large. A worker that cannot start leaves the data to the page's thread, and
 * the warning returned says why. */
async function openEngine(load, bytes) {
  let warning = null;
  if (large(bytes)) {
    const worker = (load.engine = new WorkerEngine());
    try {
      await worker.ready;
      return null;
    } catch (e) {
      worker.free();
      warning = shellWarning('worker_fallback', { detail: String(e?.message ?? e) });
    }
  }
  load.engine = await loadEngine();
  return warning;
}

/** Loads the parts `parts(signal)` gives ({name, source, size}: a Response or Blob is read as it
 * arrives) into a new store, telling the load's cards of the progress when the data is large (or
 * of unknown size), or once the load has taken more than a second (a slow network). Resolves to
 * the engine and what the loads did. */
async function runLoad(load, parts, format, dedupe) {
  const { signal } = load.abort;
  const list = await parts(signal);
  const total = list.reduce((n, p) => n + p.size, 0);
  const warning = await openEngine(load, total);
  signal.throwIfAborted();
  const { engine } = load;
  const started = performance.now();
  const always = large(total);
  let before = 0;
  for (const p of list) {
    let got = 0;
    const onProgress = (done) => {
      got = done;
      if (always || performance.now() - started > PROGRESS_AFTER_MS) load.progress(before + done, total);
    };
    const opts = { name: p.name, format, dedupe, onProgress, signal, total: p.size > 0 ? p.size : undefined };
    if (p.source instanceof Response || p.source instanceof Blob) await engine.loadStream(p.source, opts);
    else await engine.load(p.source, opts);
    before += got;
  }
  const diagnostics = await engine.diagnostics();
  if (warning) diagnostics.warnings.push(warning);
  return { engine, diagnostics };
}

/** Parses the `site="lat,lon,radius_km"` shorthand into a GeoJSON Feature. */
export function siteFeature(text, name) {
  const parts = String(text).split(',').map((s) => s.trim());
  const [lat, lon, r] = parts.map(Number);
  if (parts.length !== 3 || ![lat, lon, r].every(Number.isFinite)) {
    throw shellError('site_attribute', { got: text });
  }
  return { type: 'Feature', properties: { name: name || `${lat}, ${lon}`, radius_km: r }, geometry: { type: 'Point', coordinates: [lon, lat] } };
}

/** embed.html's (and standalone.html's) query keys → the card's attributes. */
export const QUERY = { src: 'src', site: 'site', aoi: 'aoi', name: 'name', 'as-of': 'as-of', asOf: 'as-of', 'window-days': 'window-days',
  windowDays: 'window-days', 'stale-days': 'stale-days', staleDays: 'stale-days', lang: 'lang', theme: 'theme', format: 'format',
  dedupe: 'dedupe', attribution: 'attribution', public: 'public', profile: 'profile', actors: 'actors', weights: 'weights',
  'reach-km': 'reach-km', reachKm: 'reach-km', since: 'since', refresh: 'refresh', remember: 'remember' };

/** The unsupported language tags already warned about (one console warning each per page). */
const warnedLangs = new Set();

/** The engine's option names → the card's attributes: an engine error about an option names the
 * attribute the host wrote. */
const OPTION_ATTRIBUTE = { as_of: 'as-of', window_days: 'window-days', stale_days: 'stale-days', since: 'since', actors: 'actors', weights: 'weights', reach_km: 'reach-km' };
/** The attributes that take one of a few words. */
const WORDS = { format: ['auto', 'acled', 'ucdp', 'csv', 'geojson', 'json'], dedupe: ['id', 'content'], theme: ['light', 'dark', 'auto'],
  profile: ['site', 'convoy', 'staff'], remember: ['on', 'off'] };

/** The card's attributes that the engine reads, checked: each that cannot be used is an error
 * naming it as the host wrote it (`window-days="abc"` never quietly becomes 90). Empty is absent. */
export function checkedAttributes(host) {
  const get = (a) => {
    const v = host.getAttribute(a);
    return v === null || v.trim() === '' ? undefined : v;
  };
  const whole = (a) => {
    const v = get(a);
    if (v !== undefined && !/^\s*\d+\s*$/.test(v)) throw shellError('attribute_not_whole', { attribute: a, got: v });
    return v === undefined ? undefined : Number(v);
  };
  const date = (a) => {
    const v = get(a);
    if (v !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(v.trim())) throw shellError('attribute_not_date', { attribute: a, got: v });
    return v?.trim();
  };
  const object = (a, example) => {
    const v = get(a);
    if (v === undefined) return undefined;
    let o;
    try {
      o = JSON.parse(v);
    } catch {
      o = null;
    }
    if (!o || typeof o !== 'object' || Array.isArray(o)) throw shellError('attribute_not_json', { attribute: a, got: v, example });
    return o;
  };
  // refresh="0": no refresh.
  const refresh = whole('refresh') || undefined;
  const out = { asOf: date('as-of'), windowDays: whole('window-days'), staleDays: whole('stale-days'), since: date('since'), refresh,
    actors: get('actors')?.split(',').map((a) => a.trim()).filter(Boolean), weights: object('weights', '{"abduction": 2}'), reachKm: object('reach-km', '{"protest": 10}') };
  for (const [a, allowed] of Object.entries(WORDS)) {
    const v = get(a);
    if (v !== undefined && !allowed.includes(v.trim())) throw shellError('attribute_not_one_of', { attribute: a, got: v, allowed: allowed.join(', ') });
    out[a] = v?.trim();
  }
  return out;
}

/** An engine error about an option the card took from an attribute, naming the attribute. */
function namingAttribute(e) {
  const attr = e?.kind === 'options' && OPTION_ATTRIBUTE[e.params?.option];
  if (!attr) return e;
  const params = { ...e.params, option: attr };
  return Object.assign(new Error(errorText({ code: e.code, params, kind: e.kind }, labels('en'))), { code: e.code, params, kind: e.kind });
}

/** Sets `card`'s attributes from a query string (`?site=…&name=…`, `?aoi=…`, `as-of`, …). */
export function applyQuery(card, search) {
  const q = new URLSearchParams(search);
  for (const [key, attr] of Object.entries(QUERY)) if (q.has(key)) card.setAttribute(attr, q.get(key));
  return q;
}

/** Whether an assessment with these options reads incidents' texts (actors' families, tags): the
 * engine's `prepare` must have read them first (see RiskEngine.prepare). */
const needsWords = (q) => q.detail === 'analysis' || (q.profile && q.profile !== 'site') || q.actors?.length > 0;

/** The band's rank, 0 (minimal) to 4 (severe), and the scores they start at (src/assess/score.rs). */
const BAND_ORDER = ['minimal', 'low', 'moderate', 'high', 'severe'];
const BAND_FROM = [0, 10, 25, 50, 75];
/** Hysteresis of `riskalert`, score points: a band counts as reached for an alert at this much above
 * its lower bound, and as left at this much below it (a score wobbling at a band's edge, 24.8 ↔ 25.3,
 * raises one alert, not one per refresh). */
export const ALERT_MARGIN = 2;

/** The band level after `score`, from the level before (`level`): up when the score is ALERT_MARGIN
 * into a higher band, down when it is ALERT_MARGIN below the level's band. */
export function alertLevel(level, score) {
  let now = BAND_FROM.findLastIndex((b) => score >= b);
  if (now > level && score < BAND_FROM[now] + ALERT_MARGIN) now -= 1;
  if (now > level) return now;
  if (now < level && score < BAND_FROM[level] - ALERT_MARGIN) return now;
  return level;
}

/** The key under which the card remembers, in this browser only, the as-of date last shown for an
 * area (its GeoJSON): a hash of it, so no place or name is stored. */
function lookKey(aoi) {
  let h = 0x811c9dc5;
  for (const c of JSON.stringify(aoi)) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193);
  return `riskcard:last-look:${(h >>> 0).toString(36)}`;
}
/** localStorage, where the page allows it (a sandboxed frame or a privacy mode may not). */
function storage() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

class CardController {
  constructor(host, root) {
    this.host = host;
    this.root = root;
    this.load = null; // the load of the data shown (shared with the page's other cards for a src)
    this.loadKey = null;
    this.active = null;
    this.incidents = undefined;
    this.aoiValue = undefined;
    this.report = null;
    this.selected = 0;
    this.seq = 0;
    this.scheduled = false;
    this.onProgress = (done, total) => this.progress(done, total);
    root.adoptedStyleSheets = [cardSheet()];
    this.body = el('div', { class: 'card', part: 'card' });
    // Says the new score after each update (a polite live region, outside what each render replaces).
    this.live = el('div', { class: 'sr-only', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    root.append(this.body, this.live);
    // Escape closes the disclosure the focus is in (the notes, the full text, a table) and puts the focus back on its summary.
    root.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape') return;
      const open = e.composedPath().find((n) => n instanceof HTMLDetailsElement && n.open && root.contains(n));
      if (!open) return;
      open.open = false;
      open.querySelector(':scope > summary')?.focus();
      e.stopPropagation();
    });
  }

  /** The labels in the card's language: its `lang`, else the page's; English when riskcard is not
   * written in that language (with one console warning per tag). The card's content carries
   * `lang` of the language it is written in, so a screen reader reads it with the right voice. */
  get L() {
    const tag = this.host.getAttribute('lang') || document.documentElement.lang;
    const L = labels(tag);
    if (!supported(tag) && !warnedLangs.has(tag)) {
      warnedLangs.add(tag);
      console.warn(`riskcard: ${fill(L.langFallback, { lang: tag })}`);
    }
    this.body.lang = L.lang;
    this.live.lang = L.lang;
    return L;
  }

  connect() {
    this.schedule();
  }

  /** Re-fetches `src` every `refresh` minutes (a conditional request: nothing is downloaded when it
   * has not changed) and assesses again when it has. */
  setTimer(minutes) {
    if (this.timerMinutes === minutes) return;
    clearInterval(this.timer);
    this.timerMinutes = minutes;
    this.timer = minutes ? setInterval(() => this.revalidate(), minutes * 60_000) : null;
  }

  async revalidate() {
    const load = this.load;
    if (!load || !load.settled || load.failed || this.incidents !== undefined || !this.host.isConnected) return;
    if (!(await load.changed())) return;
    load.supersede();
    this.forget();
    this.schedule();
  }

  /** Lets the data go once the card has stayed out of the page for a task (a card moved in the page keeps it). */
  disconnect() {
    this.seq++;
    this.setTimer(undefined);
    setTimeout(() => this.host.isConnected || this.forget());
  }

  /** Coalesces attribute and property changes into one update per microtask. */
  schedule() {
    if (this.scheduled || !this.host.isConnected) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.update();
    });
  }

  state(kind, text) {
    this.L; // (marks the content's language)
    this.body.replaceChildren(el('div', { class: `state ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text));
  }

  aoi() {
    if (this.aoiValue !== undefined && this.aoiValue !== null) {
      if (typeof this.aoiValue !== 'string') return this.aoiValue;
      try {
        return JSON.parse(this.aoiValue);
      } catch (e) {
        throw shellError('aoi_text_not_json', { detail: e.message });
      }
    }
    const attr = this.host.getAttribute('aoi');
    if (attr) {
      try {
        return JSON.parse(attr);
      } catch (e) {
        throw shellError('aoi_attribute_not_json', { detail: e.message });
      }
    }
    const site = this.host.getAttribute('site');
    if (site) return siteFeature(site, this.host.getAttribute('name'));
    return null;
  }

  /** The name of the area the card shows, for its messages: the area's `name`, or the `name`
   * attribute; null when it has none (or no area can be read). */
  areaName() {
    let area = null;
    try {
      area = this.aoi();
    } catch {
      // the error says what is wrong with it
    }
    if (area?.type === 'FeatureCollection') return fill(this.L.areas, { n: area.features?.length ?? 0 });
    const name = area?.properties?.name ?? this.host.getAttribute('name');
    return name ? String(name) : null;
  }

  /** Shows a progress bar (bytes read of `total`, NaN when unknown); also raised as a
   * `riskprogress` event ({phase: 'load', done, total}, total null when unknown). */
  progress(done, total) {
    const known = total > 0;
    if (known) total = Math.max(total, done); // a compressed response's length is below its bytes
    const pct = known ? Math.round((100 * done) / total) : 0;
    const bar = el('progress', { max: 100, part: 'progress' });
    if (known) bar.value = pct; // without a value the bar shows activity, not an amount
    this.body.replaceChildren(el('div', { class: 'state loading', role: 'status' }, `${this.L.loading} ${known ? `${pct} %` : `${(done / 1e6).toFixed(0)} MB`}`, bar));
    this.host.dispatchEvent(new CustomEvent('riskprogress', { detail: { phase: 'load', done, total: known ? total : null }, bubbles: true, composed: true }));
  }

  /** Lets go of the data shown (a load under way that no other card holds stops). */
  forget() {
    this.load?.release(this.onProgress);
    this.load = this.loadKey = this.active = null;
  }

  /** The load of the data named by `src` (shared by the page's cards with the same `src` and
   * `format`) or by the `incidents` property (the card's own); a new one when the data changes.
   * Resolves to {engine, diagnostics}; null (with the card saying so) when there is no data. */
  data() {
    const { format, dedupe } = checkedAttributes(this.host);
    const src = (this.host.getAttribute('src') || '').trim();
    const own = this.incidents !== undefined;
    if (!own && src === '') {
      this.forget();
      this.state('empty', this.L.noData);
      return null;
    }
    const urls = own ? null : src.split(/\s+/).map((u) => new URL(u, document.baseURI));
    const key = own ? [this.incidents, format, dedupe] : JSON.stringify([format ?? '', dedupe ?? '', ...urls.map(String)]);
    const same = own ? Array.isArray(this.loadKey) && key.every((k, i) => this.loadKey[i] === k) : this.loadKey === key;
    if (!this.load || !same || this.load.failed) {
      this.forget();
      const value = this.incidents;
      this.load = own
        ? ownLoad((load) => runLoad(load, async () => partsOf(value), format, dedupe))
        : sharedLoad(key, (load) => runLoad(load, (signal) => Promise.all(urls.map((url) => request(url, signal, load))), format, dedupe));
      this.loadKey = key;
      this.load.listeners.add(this.onProgress);
      if (!this.load.settled) this.state('loading', this.L.loading);
    }
    return this.load.promise;
  }

  async update() {
    const seq = ++this.seq;
    try {
      const attrs = checkedAttributes(this.host);
      this.setTimer(attrs.refresh);
      const data = await this.data();
      if (!data || seq !== this.seq) return;
      [this.active, this.diagnostics] = [data.engine, data.diagnostics];
      const aoi = this.aoi();
      if (!aoi) {
        this.state('empty', this.L.noAoi);
        return;
      }
      const portfolio = aoi?.type === 'FeatureCollection';
      const big = portfolio && (aoi.features?.length ?? 0) > FULL_PORTFOLIO;
      // One area: an analysis (the approach, who, what at) and what changed since the last look.
      const query = { ...this.options(), detail: big ? 'summary' : portfolio ? undefined : 'analysis', since: portfolio ? undefined : this.sinceFor(aoi) };
      // The map's towns, rivers, zoom and pan: loaded the first time a card draws a map (beside the assessment).
      mapKit ??= Promise.all([import('./places.js'), import('./map.js')]).then(([places, m]) => m.kit(places, cardSheet())).catch(() => null);
      const report = await this.assess(aoi, query);
      this.kit = await mapKit;
      if (seq !== this.seq) return;
      this.query = query;
      this.accessed ??= new Date().toISOString().slice(0, 10);
      const before = this.shown;
      this.report = report;
      this.aoiShown = aoi;
      this.selected = 0;
      this.full = null;
      await this.render();
      if (seq !== this.seq) return;
      const ev = new CustomEvent('riskchange', { detail: report, bubbles: true, composed: true });
      ev.previousBand = before?.key === lookKey(aoi) ? before.band : null;
      this.host.dispatchEvent(ev);
      if (!portfolio) await this.alerts(aoi, query, report, before);
    } catch (e) {
      if (seq !== this.seq) return;
      this.report = null;
      const area = this.areaName();
      e = namingAttribute(e);
      const message = String(e?.message ?? e);
      const L = this.L;
      const [before, after] = L.errorFor.split('{area}');
      this.body.replaceChildren(el('div', { class: 'state error', role: 'alert' }, el('b', {}, area ? [before, bdi(area), after] : L.error), el('br'), errorParts(e, L, bdi)));
      this.live.textContent = '';
      this.host.dispatchEvent(new CustomEvent('riskerror', { detail: { message, code: e?.code, params: e?.params, kind: e?.kind, area }, bubbles: true, composed: true }));
    }
  }

  /** Assesses with `query`, having the engine read the incidents' texts first when the query needs them. */
  async assess(aoi, query) {
    await this.prepared(aoi, query);
    return this.active.assess(aoi, query);
  }

  /** Reads first, with the words module, the texts an answer with `query` needs (an analysis, a
   * convoy or staff profile, an actor filter); nothing otherwise. */
  async prepared(aoi, query) {
    if (needsWords(query)) await this.active.prepare(aoi, query);
  }

  /** `riskalert` after a report of one area that follows another of the same area: when its band
   * rose (with ALERT_MARGIN of hysteresis), or when newer data (a refresh) brought incidents inside
   * the area dated after the data shown before. */
  async alerts(aoi, query, report, before) {
    const key = lookKey(aoi);
    const scored = !nothingToScore(report);
    const level = before?.key === key ? before.level : BAND_ORDER.indexOf(report.band);
    const next = scored ? alertLevel(level, report.score) : level;
    this.shown = { key, band: scored ? report.band : null, level: next, lastDate: report.data?.last_date };
    if (before?.key !== key || !scored) return;
    const alert = (reason, extra) => this.host.dispatchEvent(new CustomEvent('riskalert', {
      detail: { reason, report, previousBand: before.band, band: report.band, ...extra }, bubbles: true, composed: true }));
    if (next > level) alert('band_rose', {});
    if (before.lastDate && report.data?.last_date > before.lastDate) {
      const since = await this.assess(aoi, { ...query, detail: undefined, since: before.lastDate });
      if (since.since?.new_in_aoi > 0) alert('new_in_area', { newInArea: since.since.new_in_aoi, since: before.lastDate });
    }
  }

  /** The date to tell what changed since: the `since` attribute, or the as-of the user last saw for
   * this area in this browser (unless `remember="off"`), when the data now goes beyond it. */
  sinceFor(aoi) {
    const attrs = checkedAttributes(this.host);
    if (attrs.since) return attrs.since;
    if (this.host.getAttribute('remember') === 'off') return undefined;
    const key = lookKey(aoi);
    this.looks ??= new Map();
    // Read once per area per card: the date the user saw before this page, not the one this card just wrote.
    if (!this.looks.has(key)) this.looks.set(key, storage()?.getItem(key) ?? null);
    const seen = this.looks.get(key);
    const last = attrs.asOf ?? (this.diagnostics?.sources ?? []).map((x) => x.last_date).filter(Boolean).sort().at(-1);
    return seen && last && seen < last && /^\d{4}-\d{2}-\d{2}$/.test(seen) ? seen : undefined;
  }

  /** Remembers the as-of shown for an area (in this browser, unless `remember="off"` or the host gives `since`). */
  remember(aoi, report) {
    if (this.host.getAttribute('remember') === 'off' || this.host.hasAttribute('since') || nothingToScore(report)) return;
    try {
      storage()?.setItem(lookKey(aoi), report.as_of);
    } catch {
      // full or refused: the card only forgets
    }
  }

  /** The engine's options from the attributes (checked), with today's date from the browser's
   * clock (the core reads none): the report says how old the data is, and warns past `stale-days`. */
  options() {
    const { asOf, windowDays, staleDays, profile, actors, weights, reachKm } = checkedAttributes(this.host);
    // `public`: the engine redacts the report (derived figures only: no notes, actors, ids, sources
    // or exact places), and the card shows and exposes that report.
    return { asOf, windowDays, staleDays, today: localToday(), public: this.host.hasAttribute('public') || undefined, profile, actors, weights, reachKm };
  }

  /** Renders the report; `focusRow` (a portfolio row's index) keeps the focus on that row's button. */
  async render(focusRow) {
    const r = this.report;
    const L = this.L;
    if (Array.isArray(r)) {
      const one = r[this.selected] ?? r[0];
      const feature = this.aoiShown.features?.find((f) => (f.properties?.name ?? null) === one.aoi.name) ?? null;
      // A portfolio's reports lack the analysis (a summary, also the trend and map): assess the
      // opened area alone, with its analysis.
      let full = one;
      if (!one.approach && feature && this.active) {
        full = await this.assess(feature, { ...this.options(), detail: 'analysis', since: this.sinceFor(feature) });
        full.rank = one.rank;
        this.remember(feature, full);
      }
      this.body.replaceChildren(this.portfolio(r), ...this.single(full, feature));
      if (focusRow !== undefined) this.body.querySelector(`[part=portfolio] button[data-row="${focusRow}"]`)?.focus();
      this.announce(full, L);
    } else {
      this.body.replaceChildren(...this.single(r, this.aoiShown));
      this.remember(this.aoiShown, r);
      this.announce(r, L);
    }
  }

  /** Tells the live region the new score ("Score 42.8, moderate, Bamako – Fana – Ségou"). */
  announce(r, L) {
    this.live.replaceChildren(...announcement(r, L, bdi));
  }

  /** The ranked table: each area a button that opens it below; the open one is marked
   * (aria-current) and keeps the focus when chosen. */
  portfolio(reports) {
    const L = this.L;
    return el('section', { class: 'portfolio', part: 'portfolio', 'aria-labelledby': 'rc-portfolio-title' }, el('h3', { id: 'rc-portfolio-title' }, L.portfolio),
      el('table', {},
        el('thead', {}, el('tr', {}, [L.colRank, L.colArea, L.colScoreBand, L.colIncidents].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, reports.map((r, i) => el('tr', { class: i === this.selected ? 'selected' : null },
          el('td', {}, `${r.rank}`),
          el('th', { scope: 'row' }, (() => {
            const b = el('button', { type: 'button', 'data-row': i, 'aria-current': i === this.selected ? 'true' : null }, r.aoi.name ? dataBlock('span', {}, r.aoi.name.length > 160 ? `${r.aoi.name.slice(0, 160)}…` : r.aoi.name, L) : `#${r.rank}`);
            b.addEventListener('click', () => {
              this.selected = i;
              this.render(i).catch((e) => this.state('error', String(e.message ?? e)));
            });
            return b;
          })()),
          el('td', {}, scoreChip(r, L)),
          el('td', { class: 'muted' }, `${r.incidents.in_aoi}`))))),
      journeys(reports, this.aoiShown?.features, L));
  }

  /** The data's credit: the `attribution` attribute, or the sources' own, in the card's language. */
  attribution(r) {
    const sources = [...new Set(r.diagnostics.formats)].map((f) => ATTRIBUTION[f]).filter(Boolean);
    return this.host.getAttribute('attribution') || (sources.length ? fill(this.L.incidentData, { sources: sources.join(' · ') }) : '');
  }

  single(r, aoi) {
    const L = this.L;
    const attribution = this.attribution(r);
    const name = r.aoi.name ?? L.kinds[r.aoi.kind];
    return [
      el('header', {}, dataBlock('h2', { tabindex: -1 }, name, L), el('span', { class: 'muted' }, `${L.kinds[r.aoi.kind]} · ${fill(L.window, { days: r.window_days, date: r.as_of })}`),
        dataLine(r, L)),
      warningsBlock(r, L),
      sinceLine(r, L),
      el('div', { class: 'top' }, gauge(r, L),
        el('div', { class: 'counts' },
          el('div', {}, el('b', {}, `${r.incidents.in_aoi}`), ` ${plural(L, r.incidents.in_aoi, L.inArea)}`),
          perArea(r, L),
          el('div', {}, el('b', {}, `${r.incidents.fatalities}`), ` ${plural(L, r.incidents.fatalities, L.fatalitiesN)}`),
          el('div', { class: 'muted' }, `${r.incidents.within_influence} ${fill(L.withinInfluence, { km: r.method.influence_km })}`))),
      r.route ? routeStrip(r, L) : null,
      el('div', { class: 'grid' },
        el('div', {}, trend(r, L), approachBlock(r, L), miniMap(r, aoi, basemap, L, this.kit)),
        el('div', {}, driversList(r, L), actorsBlock(r, L), nearestList(r, L))),
      el('footer', { part: 'attribution' }, el('span', {}, r.as_of, attribution ? [' · ', bdi(attribution)] : null), el('span', {}, L.madeWith),
        this.host.hasAttribute('public') ? el('span', { class: 'public-view' }, L.publicView) : null),
      diagnosticsLine(this.diagnostics, L, this.host.hasAttribute('public')),
      this.actions(L),
    ].filter(Boolean);
  }

  /** The buttons that take the card away (brief, picture, the incidents as CSV / GeoJSON); the code
   * behind each loads the first time it is used. A failure shows in the card's warnings part. */
  actions(L) {
    const button = (key, text, name, act) => {
      const b = el('button', { type: 'button', 'aria-label': name, title: name, 'data-action': key }, text);
      b.addEventListener('click', () => act().catch((e) => this.actionFailed(e)));
      return b;
    };
    this.actionStatus = el('div', { class: 'action-status', role: 'status' });
    return el('div', { part: 'actions', class: 'actions', role: 'group', 'aria-label': L.actions },
      button('brief', L.briefBtn, L.briefName, async () => {
        const blob = await this.brief();
        const { openBrief } = await import('./brief.js');
        const link = openBrief(blob, this.fileBase(), this.L);
        this.actionStatus.replaceChildren(...(link ? [this.L.popupBlocked, link] : []));
      }),
      button('picture', L.pictureBtn, L.pictureName, async () => this.saveAs(await this.toPNG(), 'png')),
      button('csv', L.csvBtn, L.csvName, async () => this.saveAs(await this.exportIncidents('csv'), 'csv')),
      button('geojson', L.geojsonBtn, L.geojsonName, async () => this.saveAs(await this.exportIncidents('geojson'), 'geojson')),
      this.actionStatus);
  }

  actionFailed(e) {
    const L = this.L;
    this.actionStatus?.replaceChildren(el('span', { class: 'warning', role: 'alert', 'data-code': e?.code ?? null }, errorParts(e, L, bdi)));
  }

  /** The shown report, or the no_report error. */
  shownReport() {
    if (!this.report || !this.active) throw shellError('no_report');
    return this.report;
  }

  fileBase() {
    const r = this.shownReport();
    const one = Array.isArray(r) ? r[0] : r;
    return { name: Array.isArray(r) ? 'portfolio' : one.aoi.name ?? one.aoi.kind, asOf: one.as_of };
  }

  async saveAs(blob, ext) {
    const { fileName, save } = await import('./exports.js');
    const { name, asOf } = this.fileBase();
    save(blob, fileName(name, asOf, ext));
  }

  /** The incidents the shown report used, as a CSV or GeoJSON Blob (public mode redacts them). */
  async exportIncidents(format = 'csv') {
    this.shownReport();
    const { exportBlob } = await import('./exports.js');
    const query = { ...this.query, detail: undefined, since: undefined };
    await this.prepared(this.aoiShown, query);
    return exportBlob(await this.active.exportIncidents(this.aoiShown, query, format), format);
  }

  /** The print-ready brief: one HTML document (A4 portrait) as a Blob. */
  async brief() {
    const r = this.shownReport();
    const { briefBlob } = await import('./brief.js');
    const attribution = this.attribution(Array.isArray(r) ? r[0] : r);
    return briefBlob(r, { lang: this.L.lang, public: this.host.hasAttribute('public'), attribution, accessed: this.accessed ?? new Date().toISOString().slice(0, 10),
      filters: this.query ?? {}, aoi: this.aoiShown, features: this.aoiShown?.features, basemap, kit: this.kit, sheet: cardSheet() });
  }

  /** The card as a PNG Blob, 1080 px wide. */
  async toPNG() {
    this.shownReport();
    const { cardPNG } = await import('./png.js');
    return cardPNG(this.body, cardSheet(), this.host.getAttribute('theme') || 'light', this.L.lang);
  }
}

/** The map's kit (www/places.js and www/map.js), loaded once per page when a card first draws a map. */
let mapKit = null;

/** The `<risk-card>` element. (Defined over a plain class where there is no DOM, so that importing
 * riskcard in a server-side render does not throw.) */
export class RiskCard extends (globalThis.HTMLElement ?? class {}) {
  static observedAttributes = ['src', 'aoi', 'site', 'name', 'as-of', 'window-days', 'stale-days', 'lang', 'theme', 'format', 'dedupe', 'attribution', 'public',
    'profile', 'actors', 'weights', 'reach-km', 'since', 'refresh', 'remember'];
  #ctl;

  constructor() {
    super();
    this.#ctl = new CardController(this, this.attachShadow({ mode: 'open' }));
  }

  connectedCallback() {
    if (!this.hasAttribute('theme')) this.setAttribute('theme', 'light');
    this.#ctl.connect();
  }

  disconnectedCallback() {
    this.#ctl.disconnect();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue) return;
    // A theme is CSS only, unless it cannot be used (or could not be): then the card says so, or stops saying so.
    if (name === 'theme' && [oldValue, newValue].every((v) => v === null || WORDS.theme.includes(v.trim()))) return;
    if (name === 'lang' && this.#ctl.report) {
      this.#ctl.render();
      return;
    }
    this.#ctl.schedule();
  }

  /** Incident data set directly: a File/Blob, Uint8Array, string, parsed GeoJSON / array, or an array of files, byte arrays or strings. */
  get incidents() {
    return this.#ctl.incidents;
  }
  set incidents(value) {
    this.#ctl.incidents = value;
    this.#ctl.forget();
    this.#ctl.schedule();
  }

  /** The area of interest as a GeoJSON object (takes precedence over the aoi and site attributes). */
  get aoi() {
    return this.#ctl.aoiValue ?? null;
  }
  set aoi(value) {
    this.#ctl.aoiValue = value;
    this.#ctl.schedule();
  }

  /** The last report (read-only); null before the first assessment or after an error. */
  get report() {
    return this.#ctl.report;
  }

  /** The print-ready brief of what the card shows: a Blob of one self-contained HTML document
   * (text/html, A4 portrait) in the card's language, redacted in public mode. */
  brief() {
    return this.#ctl.brief();
  }

  /** The card as a PNG Blob, 1080 px wide, in its theme and language. */
  toPNG() {
    return this.#ctl.toPNG();
  }

  /** The incidents the report used (within influence, in the window) as a Blob: `'csv'` or
   * `'geojson'` (engine.exportIncidents; public mode redacts them). */
  exportIncidents(format = 'csv') {
    return this.#ctl.exportIncidents(format);
  }
}
