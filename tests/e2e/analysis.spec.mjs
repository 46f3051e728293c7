// End-to-end: is it coming closer, who, at what, since when (issue 18), on the real UCDP rows: the
// approach and actors in English and French; the words module fetched only when a card needs it;
// profiles; what changed since the last look (remembered in the browser); `refresh` with conditional
// requests and `riskalert`; a journey's alternative routes. Screenshots: test-results/screens/analysis-*.png.
import { test, expect } from '@playwright/test';
import { readFileSync, mkdirSync } from 'node:fs';
import { watchErrors } from './helpers.mjs';

const root = new URL('../../', import.meta.url);
const presets = JSON.parse(readFileSync(new URL('www/data/presets.json', root)));
const shots = new URL('test-results/screens/', root).pathname;
mkdirSync(shots, { recursive: true });
const UCDP = 'data/ucdp_candidate_v26_01_06_mali_bfa_ner.csv data/ucdp_candidate_v26_0_7_mali_bfa_ner.csv';
const BAMAKO = '12.60915,-7.97522,15';

/** Every riskchange, riskalert and riskerror the page's cards raise, in window.__events. */
async function listen(page) {
  await page.addInitScript(() => {
    window.__events = [];
    for (const type of ['riskchange', 'riskerror', 'riskalert']) {
      document.addEventListener(type, (e) => window.__events.push({ type, detail: type === 'riskchange' ? { band: e.detail.band, score: e.detail.score, since: e.detail.since, previousBand: e.previousBand } : type === 'riskalert' ? { reason: e.detail.reason, band: e.detail.band, previousBand: e.detail.previousBand, newInArea: e.detail.newInArea } : e.detail }));
    }
  });
}
const events = (page, n = 1) => page.waitForFunction((k) => window.__events.length >= k && window.__events, n, { timeout: 30_000 }).then((h) => h.jsonValue());
const card = (page) => page.locator('risk-card');
/** CSV text's records (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
function csvRecords(text) {
  const out = [];
  let rec = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { rec.push(field); field = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      rec.push(field); out.push(rec); rec = []; field = '';
    } else field += c;
  }
  if (field || rec.length) { rec.push(field); out.push(rec); }
  return out;
}
/** As `events`, under a fake clock (page.clock.install): its timers run as the clock is advanced. */
async function eventsFaked(page, n) {
  for (let i = 0; i < 300; i++) {
    const got = await page.evaluate(() => window.__events);
    if (got.length >= n) return got;
    await page.clock.runFor(50);
    await page.waitForTimeout(20);
  }
  throw new Error(`fewer than ${n} events: ${JSON.stringify(await page.evaluate(() => window.__events))}`);
}

test('a site: the drift in a sentence, the ring × time strip and its table, who and what at; in French too', async ({ page }) => {
  const errors = watchErrors(page);
  await listen(page);
  const words = [];
  page.on('request', (r) => r.url().includes('words_bg.wasm') && words.push(r.url()));
  await page.goto(`embed.html?${new URLSearchParams({ src: UCDP, site: BAMAKO, name: 'Bamako', remember: 'off' })}`);
  await events(page);
  const r = await page.evaluate(() => document.querySelector('risk-card').report);
  // The analysis (the card asks for it), as the engine computed it.
  expect(r.approach.drift_code).toBe('drift_farther');
  expect(r.approach.rings.map((x) => [x.from_km, x.to_km])).toEqual([[0, 0], [0, 25], [25, 50], [50, 75], [75, 100]]);
  expect(r.actors[0]).toMatchObject({ family: 'jnim' });
  expect(r.actors.reduce((s, a) => s + a.points, 0)).toBeCloseTo(r.score, 6);
  expect(words).toHaveLength(1);
  const approach = card(page).locator('[part=approach]');
  await expect(approach.locator('.drift')).toHaveText(r.approach.drift_text.charAt(0).toUpperCase() + r.approach.drift_text.slice(1));
  await expect(approach.locator('.ring-strip')).toBeVisible();
  await expect(approach.locator('.ring-labels span')).toHaveText(['in the area', '0–25 km', '25–50 km', '50–75 km', '75–100 km']);
  // The strip's data as a table: a row per week, a column per ring, and the nearest.
  await approach.locator('details.data summary').click();
  const rows = approach.locator('table.data tbody tr');
  await expect(rows).toHaveCount(r.trend.bins.length);
  const total = r.approach.rings.reduce((s, ring) => s + ring.counts.reduce((a, b) => a + b, 0), 0);
  const cells = await rows.evaluateAll((trs) => trs.flatMap((tr) => [...tr.querySelectorAll('td')].slice(0, -1).map((td) => Number(td.textContent))));
  expect(cells.reduce((a, b) => a + b, 0)).toBe(total);
  const actors = card(page).locator('[part=actors]');
  await expect(actors.locator('.families li').first()).toContainText('JNIM');
  await expect(actors.locator('.families li').first()).toContainText(`${r.actors[0].points.toFixed(1)} pts`);
  await card(page).screenshot({ path: `${shots}analysis-bamako-en.png` });

  // French: the same numbers, the sentence from its code and parameters.
  await card(page).evaluate((c) => c.setAttribute('lang', 'fr'));
  await expect(approach.locator('.drift')).toContainText("Les incidents à moins de 100 km se sont éloignés d'environ");
  await expect(approach.locator('.drift')).toContainText(`${r.approach.drift_params.km} km`);
  await expect(actors.locator('h3')).toHaveText('Qui est derrière, ce qui est visé');
  await card(page).screenshot({ path: `${shots}analysis-bamako-fr.png` });
  expect(errors).toEqual([]);
});

test('the words module is fetched only when an assessment needs it; a convoy profile weighs vehicles and IEDs on roads more', async ({ page }) => {
  const errors = watchErrors(page);
  const words = [];
  page.on('request', (r) => r.url().includes('words_bg.wasm') && words.push(r.url()));
  await page.goto('embed.html');
  const corridor = presets.find((p) => p.id === 'bamako-segou').aoi;
  const out = await page.evaluate(async ({ aoi, src }) => {
    const { loadEngine } = await import('./engine.js');
    const e = await loadEngine();
    for (const f of src.split(' ')) await e.load(new Uint8Array(await (await fetch(f)).arrayBuffer()), { name: f });
    const site = e.assess(aoi, {});
    const fetchedBefore = performance.getEntriesByType('resource').filter((x) => x.name.includes('words_bg.wasm')).length;
    // Without the texts read, a convoy assessment says so (the engine leaves the words out).
    let refused = null;
    try {
      e.assess(aoi, { profile: 'convoy' });
    } catch (err) {
      refused = err.code;
    }
    await e.prepare(aoi, { profile: 'convoy', detail: 'analysis' });
    const convoy = e.assess(aoi, { profile: 'convoy', detail: 'analysis' });
    // Read once: a second prepare of the same area hands nothing to the words module.
    const again = e.unclassified(aoi, { profile: 'convoy', detail: 'analysis' }).rows.length;
    return { fetchedBefore, refused, site: site.score, convoy: convoy.score, profile: convoy.profile, tags: convoy.tags, again, weights: convoy.method.weights };
  }, { aoi: corridor, src: UCDP });
  expect(out.fetchedBefore).toBe(0);
  expect(words).toHaveLength(1);
  expect(out.refused).toBe('texts_not_read');
  expect(out.again).toBe(0);
  expect(out.profile).toBe('convoy');
  expect(out.weights.explosion_ied).toBe(1.5);
  expect(out.convoy).not.toBe(out.site);
  expect(Object.keys(out.tags).sort()).toEqual(['blockade', 'checkpoint', 'convoy', 'ied_road', 'kidnap_foreigners', 'mine']);
  expect(errors).toEqual([]);
});

test('since the last look: remembered per area in this browser, and said on the next visit', async ({ page }) => {
  const errors = watchErrors(page);
  await listen(page);
  const q = new URLSearchParams({ src: UCDP, site: BAMAKO, name: 'Bamako' });
  await page.goto(`embed.html?${q}`);
  await events(page);
  // The first visit shows no "since" and remembers the as-of it showed.
  await expect(card(page).locator('[part=since]')).toHaveCount(0);
  const stored = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('riskcard:last-look:')));
  expect(stored).toHaveLength(1);
  expect(stored[0][1]).toBe('2026-07-31');
  // As if the last look had been on 2026-06-30: the next visit tells what changed since.
  await page.evaluate((k) => localStorage.setItem(k, '2026-06-30'), stored[0][0]);
  await page.reload();
  const [ev] = await events(page);
  const s = ev.detail.since;
  expect(s.date).toBe('2026-06-30');
  expect(s.new_within_influence).toBeGreaterThan(0);
  await expect(card(page).locator('[part=since]')).toHaveText(
    `Since your last look (2026-06-30): ${s.new_within_influence} new incidents within 100 km, ${s.new_in_aoi} in the area; score ${s.score_then.toFixed(1)} (${s.band_then}) → ${ev.detail.score.toFixed(1)} (${ev.detail.band})`);
  await card(page).screenshot({ path: `${shots}analysis-since.png` });
  // remember="off": nothing is read or written.
  await page.evaluate(() => localStorage.clear());
  await page.goto(`embed.html?${new URLSearchParams({ src: UCDP, site: BAMAKO, remember: 'off' })}`);
  await events(page);
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
  expect(errors).toEqual([]);
});

test('refresh: a conditional request each period; unchanged data is not loaded again; newer data with an incident in the area raises riskalert', async ({ page }) => {
  const errors = watchErrors(page);
  await listen(page);
  const file = UCDP.split(' ')[1];
  const text = readFileSync(new URL(`www/${file}`, root), 'utf8');
  // A new event in Bamako dated after the data: a copy of the file's first row, moved.
  const records = csvRecords(text);
  const cols = records[0];
  const at = (n) => cols.indexOf(n);
  const row = [...records[1]];
  row[at('id')] = '999999001';
  for (const c of ['date_start', 'date_end']) row[at(c)] = '2026-08-05 00:00:00.000';
  row[at('latitude')] = '12.61';
  row[at('longitude')] = '-7.98';
  const newer = `${text.trimEnd()}\n${row.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',')}\n`;
  let version = 'v1';
  const served = [];
  await page.route(`**/${file}`, (route) => {
    served.push(version);
    const body = version === 'v1' ? text : newer;
    return route.fulfill({ status: 200, body, headers: { 'content-type': 'text/csv', etag: `"${version}"`, 'cache-control': 'no-cache' } });
  });
  await page.clock.install();
  await page.goto(`embed.html?${new URLSearchParams({ src: file, site: BAMAKO, name: 'Bamako', refresh: '5', remember: 'off' })}`);
  await eventsFaked(page, 1);
  expect(served).toEqual(['v1']);
  // Five minutes: the data has not changed; nothing is loaded or assessed again.
  await page.clock.runFor(5 * 60_000);
  await expect.poll(() => served.length).toBe(2);
  await page.clock.runFor(1000);
  await page.waitForTimeout(300);
  expect((await page.evaluate(() => window.__events)).length).toBe(1);
  // Newer data: loaded again, assessed again, and the incident in the area alerts.
  version = 'v2';
  await page.clock.runFor(5 * 60_000);
  const all = await eventsFaked(page, 3);
  expect(all[1].type).toBe('riskchange');
  expect(all[1].detail.previousBand).toBe(all[0].detail.band);
  expect(all[2]).toMatchObject({ type: 'riskalert', detail: { reason: 'new_in_area', newInArea: 1 } });
  expect(errors).toEqual([]);
});

test('a journey: its alternative routes side by side, safest first', async ({ page }) => {
  const errors = watchErrors(page);
  await listen(page);
  const routes = ['bamako-segou', 'bamako-kolokani'].map((id) => {
    const f = structuredClone(presets.find((p) => p.id === id).aoi);
    f.properties.journey = 'Bamako north-east';
    return f;
  });
  await page.goto(`embed.html?${new URLSearchParams({ src: UCDP, aoi: JSON.stringify({ type: 'FeatureCollection', features: routes }), remember: 'off' })}`);
  await events(page);
  const reports = await page.evaluate(() => document.querySelector('risk-card').report);
  const table = card(page).locator('[part=journeys] table');
  await expect(table.locator('caption')).toHaveText('Journey Bamako north-east, safest first');
  const names = [...reports].sort((a, b) => a.score - b.score).map((r) => r.aoi.name);
  await expect(table.locator('tbody th')).toHaveText(names);
  await card(page).screenshot({ path: `${shots}analysis-journey.png` });
  expect(errors).toEqual([]);
});

test('the new attributes are checked, naming themselves', async ({ page }) => {
  await listen(page);
  for (const [attrs, text] of [
    [{ profile: 'truck' }, 'the profile attribute must be one of site, convoy, staff, got "truck"'],
    [{ weights: '{oops' }, 'the weights attribute must be a JSON object such as {"abduction": 2}, got "{oops"'],
    [{ actors: 'jnim,wagner' }, "invalid option: actors must be one of jnim, is_sahel"],
    [{ refresh: 'hourly' }, 'the refresh attribute must be a whole number, got "hourly"'],
  ]) {
    await page.goto(`embed.html?${new URLSearchParams({ src: UCDP, site: BAMAKO, remember: 'off', ...attrs })}`);
    const [ev] = await events(page);
    expect(ev.type).toBe('riskerror');
    expect(ev.detail.message).toContain(text);
  }
});
