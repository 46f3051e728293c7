// Runs in one Chromium page. Each function returns timings in ms; the driver (scripts/bench.mjs)
// takes medians and ratios. Peers get their inputs prepared outside the timed region, as riskcard
// gets its store: what is timed is the query a card would run.
import { loadEngine } from '/www/riskcard.js';
import init from '/www/pkg/riskcard.js';
import * as peers from '/target/bench/peers.js';

const R = 6371.0088;
const toRad = Math.PI / 180;
const log = (s) => (document.getElementById('log').textContent += `\n${s}`);

let bytes = null, text = null, engine = null;
let cols = null; // Float64Array lat, lon; Int32Array day — for the plain-JS loop
let fc = null;   // turf FeatureCollection of points with a day property

const dayOf = (s) => Math.floor(Date.parse(s) / 86400000);

export async function fetchData(url) {
  bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
  return bytes.length;
}

/** Times `reps` loads, each into a fresh engine, by `loadInto(engine)` (diagnostics, or a Promise of them). */
async function timeLoads(reps, loadInto) {
  const times = [];
  for (let i = 0; i < reps; i++) {
    engine?.free();
    engine = await loadEngine();
    const t = performance.now();
    const d = await loadInto(engine);
    times.push(performance.now() - t);
    if (d.rows_loaded < 1) throw new Error('nothing loaded');
  }
  return times;
}

export async function ingestRiskcard(reps) {
  const times = await timeLoads(reps, (e) => e.load(bytes, { name: 'acled_1m.csv' }));
  const [columns, tables] = engine.memoryBytes();
  // The module is already instantiated: init() returns its exports.
  const wasmMemory = (await init()).memory.buffer.byteLength;
  return { times, size: engine.size, columns, tables, wasmMemory };
}

/** The card's way before loads went in pieces: fetch all, then `load` the bytes. */
export function ingestFetchWhole(url, reps) {
  return timeLoads(reps, async (e) => e.load(new Uint8Array(await (await fetch(url, { cache: 'no-store' })).arrayBuffer()), { name: 'acled_1m.csv' }));
}

/** The card's way: `loadStream` of a fetch from the bench server, rows read as the body arrives. */
export function ingestStream(url, reps) {
  return timeLoads(reps, async (e) => e.loadStream(await fetch(url, { cache: 'no-store' }), { name: 'acled_1m.csv' }));
}

export function decodeText() {
  const t = performance.now();
  text = new TextDecoder().decode(bytes);
  return performance.now() - t;
}

export function ingestPapa(reps) {
  const times = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    const r = peers.Papa.parse(text, { skipEmptyLines: true });
    times.push(performance.now() - t);
    if (r.data.length < 1000) throw new Error('papa parsed nothing');
  }
  return times;
}

export function ingestUdsv(reps) {
  const times = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    const schema = peers.inferSchema(text);
    const parser = peers.initParser(schema);
    const c = parser.typedCols(text);
    times.push(performance.now() - t);
    if (c[0].length < 1000) throw new Error('udsv parsed nothing');
  }
  return times;
}

/** Columns for the peers, built once from the same CSV with uDSV (not timed). */
export function preparePeers() {
  const schema = peers.inferSchema(text);
  const names = schema.cols.map((c) => c.name);
  const li = names.indexOf('latitude'), lo = names.indexOf('longitude'), di = names.indexOf('event_date'), fi = names.indexOf('fatalities');
  schema.cols[li].type = 'n'; schema.cols[lo].type = 'n'; schema.cols[fi].type = 'n'; schema.cols[di].type = 's';
  const c = peers.initParser(schema).typedCols(text);
  const n = c[li].length;
  cols = { lat: new Float64Array(c[li]), lon: new Float64Array(c[lo]), day: new Int32Array(n), fat: new Float64Array(c[fi]) };
  for (let i = 0; i < n; i++) cols.day[i] = dayOf(c[di][i]);
  const feats = new Array(n);
  for (let i = 0; i < n; i++) feats[i] = peers.point([cols.lon[i], cols.lat[i]], { day: cols.day[i], fatalities: cols.fat[i] });
  fc = peers.featureCollection(feats);
  text = null;
  return n;
}

const site = (lat, lon, r) => ({ type: 'Feature', properties: { radius_km: r }, geometry: { type: 'Point', coordinates: [lon, lat] } });

export function siteRiskcard(sites, r, asOf, detail = 'full') {
  return sites.map(([lat, lon]) => {
    const t = performance.now();
    const rep = engine.assess(site(lat, lon, r), { asOf, windowDays: 90, detail });
    const ms = performance.now() - t;
    return { ms, inAoi: rep.incidents.in_aoi, within: rep.incidents.within_influence };
  });
}

/** What a developer would write with turf: date filter, turf.distance, count, decay sum, 10 nearest. */
export function siteTurf(sites, r, asOf) {
  const end = dayOf(asOf), start = end - 89, reach = r + 100;
  return sites.map(([lat, lon]) => {
    const t = performance.now();
    const center = peers.point([lon, lat]);
    let inAoi = 0, within = 0, sum = 0;
    const near = [];
    for (const f of fc.features) {
      const d = f.properties.day;
      if (d < start || d > end) continue;
      const km = peers.distance(center, f, { units: 'kilometers' });
      if (km > reach) continue;
      within++;
      if (km <= r) inAoi++;
      sum += Math.pow(0.5, Math.max(0, km - r) / 25) * Math.pow(0.5, (end - d) / 30) * (1 + Math.log1p(f.properties.fatalities));
      near.push(km);
    }
    near.sort((a, b) => a - b).length = Math.min(near.length, 10);
    return { ms: performance.now() - t, inAoi, within, sum };
  });
}

/** A tuned plain-JS loop: Float64Arrays, date filter, bounding-box reject, inlined haversine. */
export function siteLoop(sites, r, asOf) {
  const end = dayOf(asOf), start = end - 89, reach = r + 100;
  const { lat: LA, lon: LO, day: D, fat: F } = cols;
  return sites.map(([lat, lon]) => {
    const t = performance.now();
    const dLat = reach / 111.0 * 1.01, dLon = dLat / Math.cos((Math.abs(lat) + dLat) * toRad);
    const la1 = lat * toRad, cos1 = Math.cos(la1);
    let inAoi = 0, within = 0, sum = 0;
    const near = [];
    for (let i = 0, n = D.length; i < n; i++) {
      const d = D[i];
      if (d < start || d > end) continue;
      const y = LA[i], x = LO[i];
      if (y < lat - dLat || y > lat + dLat || x < lon - dLon || x > lon + dLon) continue;
      const la2 = y * toRad, s1 = Math.sin((la2 - la1) / 2), s2 = Math.sin((x - lon) * toRad / 2);
      const km = 2 * R * Math.asin(Math.sqrt(s1 * s1 + cos1 * Math.cos(la2) * s2 * s2));
      if (km > reach) continue;
      within++;
      if (km <= r) inAoi++;
      sum += Math.pow(0.5, Math.max(0, km - r) / 25) * Math.pow(0.5, (end - d) / 30) * (1 + Math.log1p(F[i]));
      near.push(km);
    }
    near.sort((a, b) => a - b).length = Math.min(near.length, 10);
    return { ms: performance.now() - t, inAoi, within, sum };
  });
}

const shift = (coords, dLat, dLon) => coords.map(([lon, lat]) => [lon + dLon, lat + dLat]);

export function corridorRiskcard(line, buffer, asOf, shifts) {
  return shifts.map(([a, b]) => {
    const aoi = { type: 'Feature', properties: { buffer_km: buffer }, geometry: { type: 'LineString', coordinates: shift(line, a, b) } };
    const t = performance.now();
    const rep = engine.assess(aoi, { asOf, windowDays: 90 });
    return { ms: performance.now() - t, inAoi: rep.incidents.in_aoi, length: rep.route.length_km, verdict: rep.route.verdict };
  });
}

export function corridorTurf(line, buffer, asOf, shifts) {
  const end = dayOf(asOf), start = end - 89, reach = buffer + 100;
  return shifts.map(([a, b]) => {
    const t = performance.now();
    const ls = peers.lineString(shift(line, a, b));
    let inAoi = 0, within = 0;
    for (const f of fc.features) {
      const d = f.properties.day;
      if (d < start || d > end) continue;
      const km = peers.pointToLineDistance(f, ls, { units: 'kilometers' });
      if (km > reach) continue;
      within++;
      if (km <= buffer) inAoi++;
    }
    return { ms: performance.now() - t, inAoi, within };
  });
}

export function portfolioRiskcard(sites, r, asOf, reps, detail) {
  const fcAoi = { type: 'FeatureCollection', features: sites.map(([lat, lon], i) => ({ type: 'Feature', properties: { name: `site ${i}`, radius_km: r }, geometry: { type: 'Point', coordinates: [lon, lat] } })) };
  const out = [];
  for (let k = 0; k < reps; k++) {
    const jit = fcAoi.features.map((f) => ({ ...f, geometry: { type: 'Point', coordinates: [f.geometry.coordinates[0] + 0.01 * k, f.geometry.coordinates[1] - 0.01 * k] } }));
    const t = performance.now();
    const rep = engine.assess({ type: 'FeatureCollection', features: jit }, { asOf, windowDays: 90, detail });
    out.push({ ms: performance.now() - t, n: rep.length, top: rep[0].score });
  }
  return out;
}

log('ready');
window.bench = { fetchData, ingestRiskcard, ingestStream, ingestFetchWhole, decodeText, ingestPapa, ingestUdsv, preparePeers, siteRiskcard, siteTurf, siteLoop, corridorRiskcard, corridorTurf, portfolioRiskcard };
