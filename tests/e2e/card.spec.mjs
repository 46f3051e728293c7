// End-to-end: the real pages in Chromium, as a user and a host page see them.
// Screenshots go to test-results/screens/ (look at them: they are the card as users see it).
import { test, expect } from '@playwright/test';
import { readFileSync, mkdirSync } from 'node:fs';
import { watchErrors, reportOf, norm } from './helpers.mjs';

const root = new URL('../../', import.meta.url);
const presets = JSON.parse(readFileSync(new URL('www/data/presets.json', root)));
// The CLI's report for each preset, asked as the card asks it (detail analysis for a single area).
const native = JSON.parse(readFileSync(new URL('target/wasm-test/card-reports.json', root)));
const shots = new URL('test-results/screens/', root).pathname;
mkdirSync(shots, { recursive: true });
const UCDP = 'data/ucdp_candidate_v26_01_06_mali_bfa_ner.csv data/ucdp_candidate_v26_0_7_mali_bfa_ner.csv';

/** A report without what the browser's clock adds (the card passes today's date; the CLI's reports
 * were made without one): `data.today` and `data.age_days`. */
function withoutToday(report) {
  const one = (r) => {
    const { today, age_days, ...data } = r.data;
    return { ...r, data };
  };
  return Array.isArray(report) ? report.map(one) : one(report);
}

test('every preset renders a score and band, equal to the CLI', async ({ page }) => {
  const errors = watchErrors(page);
  // Today two weeks after the data's last day: its age is said, and it is not stale.
  await page.clock.setFixedTime(new Date('2026-08-14T09:00:00'));
  await page.goto('index.html#morila');
  await page.fill('#as-of', '2026-07-31');
  await page.locator('#as-of').dispatchEvent('change');
  for (const p of presets) {
    const changed = page.evaluate(() => new Promise((ok) => document.querySelector('#card').addEventListener('riskchange', (e) => ok(e.detail), { once: true })));
    await page.selectOption('#preset', p.id);
    const report = await changed;
    const single = Array.isArray(report) ? report[0] : report;
    const card = page.locator('#card');
    await expect(card.locator('[part=score] .gauge-number')).toHaveText(single.score.toFixed(1));
    await expect(card.locator('[part=band]').first()).toHaveText(/Minimal|Low|Moderate|High|Severe/);
    expect(single.data).toMatchObject({ today: '2026-08-14', age_days: 14 });
    expect(norm(withoutToday(report))).toEqual(norm(native[p.id]));
    if (p.aoi.geometry?.type === 'LineString') {
      await expect(card.locator('[part=route] .verdict')).toHaveText(/Go|Caution|No-go/);
      // The card writes the reason from the report's numbers, in its language: in English it is the core's sentence.
      await expect(card.locator('[part=route] .reason')).toHaveText(single.route.verdict_reason);
    }
    await card.screenshot({ path: `${shots}preset-${p.id}.png` });
  }
  expect(errors).toEqual([]);
});

test('the route verdict reason in English is the core\'s sentence, and in French is French', async ({ page }) => {
  await page.goto('embed.html');
  const out = await page.evaluate(async () => {
    const { verdictReason } = await import('./render.js');
    const { labels } = await import('./i18n.js');
    // The cases of the core's unit test (assess.rs, verdict_takes_the_worse_of_route_and_stretch), as
    // the report gives them: route.verdict_reason_code and route.verdict_reason_params.
    const stretch = { from_km: 10, to_km: 20 };
    const cases = [
      ['route_clear', {}],
      ['route_worst_stretch_below', { ...stretch, score: 20.9, band: 'low', threshold: 25 }],
      ['route_whole_at_or_above', { score: 42.8, band: 'moderate', threshold: 25, ...stretch, stretch_score: 20.9, stretch_band: 'low' }],
      ['route_worst_stretch_at_or_above', { ...stretch, score: 80, band: 'severe', threshold: 75 }],
    ].map(([code, params]) => ({ route: { verdict_reason_code: code, verdict_reason_params: params, verdict_reason: 'the English' } }));
    const newer = { route: { verdict_reason_code: 'route_from_a_newer_engine', verdict_reason_params: { x: 1 }, verdict_reason: 'the engine\'s own English' } };
    return { en: cases.map((r) => verdictReason(r, labels('en'))), fr: cases.map((r) => verdictReason(r, labels('fr-ML'))), newer: verdictReason(newer, labels('fr')) };
  });
  expect(out.en).toEqual([
    'no incident within the influence distance of the route in the window',
    'worst stretch: km 10–20 scores 20.9 (low), below 25',
    'the whole route scores 42.8 (moderate), at or above 25; worst stretch: km 10–20 scores 20.9 (low)',
    'worst stretch: km 10–20 scores 80 (severe), at or above 75',
  ]);
  expect(out.fr).toEqual([
    "aucun incident à distance d'influence de l'itinéraire dans la période",
    'pire tronçon : km 10–20, score 20.9 (faible), sous le seuil de 25',
    "l'itinéraire entier : score 42.8 (modéré), au seuil de 25 ou au-dessus ; pire tronçon : km 10–20, score 20.9 (faible)",
    'pire tronçon : km 10–20, score 80 (sévère), au seuil de 75 ou au-dessus',
  ]);
  // A code this card does not know (a newer engine): the engine's English.
  expect(out.newer).toBe('the engine\'s own English');
});

test('switching presets updates the card and fires riskchange', async ({ page }) => {
  await page.goto('index.html#morila');
  await reportOf(page, '#card');
  // Counts agree with their nouns: Morila has 1 incident in the area and 1 in the last 28 days.
  await expect(page.locator('#card .counts')).toContainText('1 incident in the area');
  await expect(page.locator('#card [part=trend]')).toContainText('low baseline: 1 incident in the last 28 days');
  const plurals = await page.evaluate(async () => {
    const { plural, labels } = await import('./i18n.js');
    const [en, fr] = [labels('en'), labels('fr')];
    return [0, 1, 2].flatMap((n) => [plural(en, n, en.inArea), plural(fr, n, fr.inArea)]);
  });
  expect(plurals).toEqual(['incidents in the area', 'incident dans la zone', 'incident in the area', 'incident dans la zone', 'incidents in the area', 'incidents dans la zone']);
  await page.evaluate(() => {
    window.__events = [];
    document.querySelector('#card').addEventListener('riskchange', (e) => window.__events.push(e.detail.aoi?.name ?? e.detail[0]?.aoi?.name));
  });
  await page.selectOption('#preset', 'bamako-kolokani');
  await expect(page.locator('#card h2')).toHaveText('Bamako – Kati – Kolokani');
  await page.selectOption('#preset', 'mopti');
  await expect(page.locator('#card h2')).toHaveText('Mopti cercle');
  expect(await page.evaluate(() => window.__events)).toEqual(['Bamako – Kati – Kolokani', 'Mopti cercle']);
  const r = await page.evaluate(() => document.querySelector('#card').report);
  expect(r.aoi.kind).toBe('zone');
  expect(r.score).toBe(native.mopti.score);
});

test('a file with bad rows shows the diagnostics', async ({ page }) => {
  await page.goto('index.html#morila');
  await reportOf(page, '#card');
  const changed = page.evaluate(() => new Promise((ok) => document.querySelector('#card').addEventListener('riskchange', (e) => ok(e.detail), { once: true })));
  await page.setInputFiles('#file', new URL('tests/fixtures/acled_current.csv', root).pathname);
  const report = await changed;
  expect(report.diagnostics.rows_skipped).toBe(6);
  const diag = page.locator('#card [part=diagnostics]');
  await expect(diag.locator('summary')).toHaveText('5 incidents loaded · 6 rows skipped — details');
  await diag.locator('summary').click();
  await expect(diag.locator('li').first()).toHaveText("acled_current.csv line 7: unparseable latitude 'abc'");
  // Six skipped rows, and the warning that more than one row in ten was skipped.
  await expect(diag.locator('li')).toHaveCount(7);
  await expect(diag.locator('li').last()).toHaveText('acled_current.csv: 6 of 11 rows were skipped, more than one in ten: the answer rests on the others (see the skipped rows)');
  await page.locator('#card').screenshot({ path: `${shots}diagnostics.png` });
});

test('notes with HTML and script render as text and run nothing', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('index.html#morila');
  await reportOf(page, '#card');
  const evil = '<img src=x onerror="window.__xss=1"> <script>window.__xss2=1</script> & "quotes"';
  const rows = [{ id: '<b>id</b>', date: '2026-07-30', lat: 11.70, lon: -6.86, event_type: 'battle', actors: ['<img src=y onerror="window.__xss3=1">'], location: '<i>Morila</i>', notes: evil, fatalities: 1 }];
  await page.fill('#data-text', JSON.stringify(rows));
  await page.click('#data-go');
  await expect(page.locator('#card [part=nearest] li')).toHaveCount(1);
  const item = page.locator('#card [part=nearest] li').first();
  await item.locator('summary').click();
  await expect(item.locator('.notes')).toHaveText(evil);
  await expect(item.locator('.place')).toHaveText('<i>Morila</i>');
  await expect(item.locator('.actors')).toHaveText('Actors: <img src=y onerror="window.__xss3=1">');
  const counts = await page.evaluate(() => {
    const root = document.querySelector('#card').shadowRoot;
    return { img: root.querySelectorAll('img').length, script: root.querySelectorAll('script').length, b: root.querySelectorAll('b i, i b').length };
  });
  expect(counts.img).toBe(0);
  expect(counts.script).toBe(0);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => [window.__xss, window.__xss2, window.__xss3])).toEqual([undefined, undefined, undefined]);
  await page.locator('#card').screenshot({ path: `${shots}xss-as-text.png` });
  expect(errors).toEqual([]);
});

test('two cards on one page work independently; each module loads once', async ({ page }) => {
  const wasmRequests = [];
  page.on('request', (r) => r.url().endsWith('.wasm') && wasmRequests.push(r.url()));
  await page.goto('examples/two-cards.html');
  const site = await reportOf(page, '#site');
  const route = await reportOf(page, '#route');
  expect(site.aoi.kind).toBe('site');
  expect(route.aoi.kind).toBe('corridor');
  await expect(page.locator('#route [part=route] .verdict')).toHaveText(/Praticable|Prudence|Déconseillé/);
  // The data's credit in each card's language.
  await expect(page.locator('#route [part=attribution]')).toContainText('Données d\u2019incidents : UCDP Candidate Events Dataset (CC BY 4.0)');
  await expect(page.locator('#site [part=attribution]')).toContainText('Incident data: UCDP Candidate Events Dataset (CC BY 4.0)');
  // The engine, and the words module the site card's analysis reads texts with: each fetched once.
  expect(wasmRequests.map((u) => u.split('/').pop()).sort()).toEqual(['riskcard_bg.wasm', 'words_bg.wasm']);
  await page.screenshot({ path: `${shots}two-cards.png`, fullPage: true });

  // A bad AOI on one card shows an error there; the other card keeps its report and stays live.
  await page.evaluate(() => {
    window.__routeEvents = 0;
    document.querySelector('#route').addEventListener('riskchange', () => window.__routeEvents++);
    document.querySelector('#site').setAttribute('site', '11.67,-6.85,-5');
  });
  await expect(page.locator('#site .state.error')).toContainText('radius_km must be a number > 0 (got -5)');
  expect((await page.evaluate(() => document.querySelector('#route').report)).score).toBe(route.score);
  await page.evaluate(() => document.querySelector('#route').setAttribute('window-days', '30'));
  await page.waitForFunction(() => window.__routeEvents === 1);
  expect(await page.evaluate(() => document.querySelector('#route').report.window_days)).toBe(30);
  await expect(page.locator('#site .state.error')).toBeVisible();
  await page.evaluate(() => document.querySelector('#site').setAttribute('site', '11.67,-6.85,50'));
  await page.waitForFunction(() => document.querySelector('#site').report?.aoi.radius_km === 50);
  await page.screenshot({ path: `${shots}two-cards-after.png`, fullPage: true });
});

test('a failed fetch shows a message in that card only', async ({ page }) => {
  await page.goto('examples/two-cards.html');
  await reportOf(page, '#route');
  await page.evaluate(() => document.querySelector('#site').setAttribute('src', '../data/missing.csv'));
  await expect(page.locator('#site .state.error')).toContainText('could not fetch missing.csv: HTTP 404');
  expect(await page.evaluate(() => document.querySelector('#route').report.aoi.kind)).toBe('corridor');
});

test('embed.html is configured by its query string', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-08-14T09:00:00')); // the data two weeks old: not stale
  const q = new URLSearchParams({ src: UCDP, site: '11.673343,-6.850381,50', name: 'Morila', 'as-of': '2026-07-31', 'window-days': '90' });
  await page.goto(`embed.html?${q}`);
  const r = await reportOf(page);
  expect(r.score).toBe(native.morila.score);
  expect(r.incidents).toEqual(native.morila.incidents);
  await expect(page.locator('risk-card h2')).toHaveText('Morila');
  await page.screenshot({ path: `${shots}embed-site.png`, fullPage: true });

  const corridor = presets.find((p) => p.id === 'bamako-segou').aoi;
  const q2 = new URLSearchParams({ src: UCDP, aoi: JSON.stringify(corridor), 'as-of': '2026-07-31', lang: 'fr', theme: 'dark' });
  await page.goto(`embed.html?${q2}`);
  const r2 = await reportOf(page);
  expect(norm(withoutToday(r2))).toEqual(norm(native['bamako-segou']));
  await expect(page.locator('risk-card [part=route] .verdict')).toHaveText(/Praticable|Prudence|Déconseillé/);
  await page.screenshot({ path: `${shots}embed-corridor-fr-dark.png`, fullPage: true });
});

test('the engine API: memoised module, load, assess, clear, errors as Error', async ({ page }) => {
  await page.goto('embed.html');
  const out = await page.evaluate(async (files) => {
    const { loadEngine } = await import('./riskcard.js');
    const [a, b] = await Promise.all([loadEngine(), loadEngine()]);
    const bytes = await Promise.all(files.map(async (f) => new Uint8Array(await (await fetch(f)).arrayBuffer())));
    const d1 = a.load(bytes[0], { name: 'jan.csv' });
    const d2 = a.load(new TextDecoder().decode(bytes[1]), { format: 'ucdp' });
    const site = { type: 'Feature', properties: { name: 'Morila', radius_km: 50 }, geometry: { type: 'Point', coordinates: [-6.850381, 11.673343] } };
    const report = a.assess(site, { asOf: '2026-07-31', windowDays: 90 });
    const errs = [];
    for (const f of [() => a.assess({ type: 'Polygon', coordinates: [[[0, 10], [1, 10], [1, 11], [0, 10.5]]] }),
      () => a.assess('{not json'), () => a.assess(site, { windowDays: 0 }), () => b.load('name,age\nbob,3\n')]) {
      try { f(); errs.push(null); } catch (e) { errs.push([e instanceof Error, e.message, e.code, e.kind, e.params]); }
    }
    const sizes = [a.size, b.size];
    b.load([{ id: 'x', date: '2026-07-01', lat: 11.7, lon: -6.85, event_type: 'battle' }]);
    const bSize = b.size;
    // The ACLED API's response, parsed, as a host page fetching it would hand it over.
    const api = b.load({ status: 200, success: true, last_update: 1752537600, count: 1, messages: [], filename: 'x',
      data: [{ event_id_cnty: 'MLI9001', event_date: '2026-07-02', latitude: '11.70', longitude: '-6.85', event_type: 'Battles', fatalities: '2' }] });
    const apiSize = b.size;
    a.clear();
    return { d1, d2, report, errs, sizes, bSize, api, apiSize, after: a.size, wasm: performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.wasm')).length };
  }, UCDP.split(' '));
  expect(out.d1.rows_loaded).toBe(811);
  expect(out.d2.rows_replaced).toBe(3);
  expect(out.sizes).toEqual([999, 0]);
  expect(out.bSize).toBe(1);
  expect([out.api.formats, out.api.rows_loaded, out.apiSize]).toEqual([['json'], 1, 2]);
  expect(out.after).toBe(0);
  expect(out.wasm).toBe(1);
  const m = native.morila;
  expect(norm({ ...out.report, aoi: { ...out.report.aoi, name: m.aoi.name } }).incidents).toEqual(m.incidents);
  expect(out.errs[0]).toEqual([true, 'invalid area of interest: ring 1 is not closed: first position [0, 10] differs from last [0, 10.5]',
    'aoi_ring_not_closed', 'aoi', { ring: 1, first_lon: 0, first_lat: 10, last_lon: 0, last_lat: 10.5 }]);
  expect(out.errs[1][0]).toBe(true);
  expect(out.errs[1][1]).toMatch(/^invalid area of interest: not valid JSON/);
  expect(out.errs[1].slice(2, 4)).toEqual(['aoi_text_not_json', 'aoi']);
  expect(out.errs[2]).toEqual([true, 'invalid option: window_days must be between 1 and 3650, got 0', 'option_out_of_range', 'options',
    { option: 'window_days', min: 1, max: 3650, got: 0 }]);
  expect(out.errs[3][1]).toMatch(/^unreadable incident data: unrecognised CSV header/);
  expect(out.errs[3].slice(2, 4)).toEqual(['data_unrecognised_header', 'data']);
});

test('the worker engine and streamed loads: the same reports as a whole load on the page; a failed or aborted stream keeps the rows before', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('embed.html');
  const out = await page.evaluate(async (file) => {
    const { loadEngine, WorkerEngine } = await import('./riskcard.js');
    const bytes = new Uint8Array(await (await fetch(file)).arrayBuffer());
    const site = { type: 'Feature', properties: { name: 'Morila', radius_km: 50 }, geometry: { type: 'Point', coordinates: [-6.850381, 11.673343] } };
    const opts = { asOf: '2026-07-31', windowDays: 90 };
    // A stream of the file in pieces of 1 000 bytes: cuts fall inside rows and quoted fields.
    const pieces = (n, fail) => {
      let at = 0;
      return new ReadableStream({
        pull(c) {
          if (at < n) c.enqueue(bytes.slice(at, Math.min((at += 1000), n)));
          else if (fail) c.error(new Error('connection reset'));
          else c.close();
        },
      });
    };
    const whole = await loadEngine();
    const dWhole = whole.load(bytes, { name: 'jan.csv' });
    const fromFetch = await loadEngine();
    const dFetch = await fromFetch.loadStream(await fetch(file), { name: 'jan.csv' });
    const fromPieces = await loadEngine();
    const seen = [];
    const dPieces = await fromPieces.loadStream(pieces(bytes.length), { name: 'jan.csv', total: bytes.length, onProgress: (d, t) => seen.push([d, t]) });
    const w = new WorkerEngine();
    const dWorker = await w.loadStream(new Blob([bytes]), { name: 'jan.csv' });
    const w2 = new WorkerEngine(); // the same API as Promises; its bytes are transferred
    const dWorkerBytes = await w2.load(bytes.slice(), { name: 'jan.csv' });
    const workerSize = await w2.size;
    const reports = [w.assess(site, opts), w2.assess(site, opts), whole.assess(site, opts), fromFetch.assess(site, opts), fromPieces.assess(site, opts)];
    const [rw, ...others] = (await Promise.all(reports)).map((r) => JSON.stringify(r));
    const same = others.every((r) => r === rw) && [dFetch, dPieces, dWorker, dWorkerBytes].every((d) => JSON.stringify(d) === JSON.stringify(dWhole));
    const points = JSON.parse(rw).map.points.length;
    w2.free();
    // A stream that fails half-way: the load rejects, the rows before stay, the diagnostics say so.
    const failed = {};
    for (const [name, engine] of [['page', await loadEngine()], ['worker', new WorkerEngine()]]) {
      const err = await engine.loadStream(pieces(bytes.length >> 1, true), { name: 'half.csv' }).catch((e) => e.message);
      const warning = (await engine.diagnostics()).warnings.at(-1);
      failed[name] = { err, size: await engine.size, warning: warning.message, code: warning.code };
    }
    // A bad header in a worker's streamed load rejects with the engine's message; the worker goes on.
    const badHeader = await w.loadStream(new Blob(['name,age\nbob,3\n'])).catch((e) => `${e.code} ${e.message}`);
    const afterBad = (await w.loadStream(new Blob([bytes]), { name: 'jan.csv' })).rows_loaded;
    // An aborted load rejects with an AbortError, and the engine takes the next load.
    const abort = new AbortController();
    const aborted = await loadEngine();
    const slow = new ReadableStream({ pull(c) { c.enqueue(bytes.slice(0, 100)); abort.abort(); } });
    const abortErr = await aborted.loadStream(slow, { signal: abort.signal }).catch((e) => e.name);
    aborted.clear();
    const again = (await aborted.loadStream(new Blob([bytes]))).rows_loaded;
    w.free();
    const afterFree = await Promise.race([w.size.catch((e) => e.message), new Promise((ok) => setTimeout(() => ok('hung'), 2000))]);
    return { afterFree, same, rows: dWhole.rows_loaded, workerSize, points, seen, n: bytes.length, failed, abortErr, again, badHeader, afterBad };
  }, UCDP.split(' ')[0]);
  expect(out.same).toBe(true);
  expect(out.rows).toBe(811);
  expect(out.workerSize).toBe(811);
  expect(out.points).toBeGreaterThan(0);
  expect(out.seen.length).toBe(Math.ceil(out.n / 1000));
  expect(out.seen.at(-1)).toEqual([out.n, out.n]);
  for (const f of Object.values(out.failed)) {
    expect(f.err).toBe('connection reset');
    expect(f.size).toBeGreaterThan(300);
    expect(f.size).toBeLessThan(811);
    expect(f.warning).toMatch(/^half\.csv: the input stopped after \d+ bytes \(connection reset\); the rows before were loaded$/);
    expect(f.code).toBe('input_stopped');
  }
  expect(out.abortErr).toBe('AbortError');
  expect(out.badHeader).toMatch(/^data_unrecognised_header unreadable incident data: unrecognised CSV header/);
  expect(out.afterBad).toBe(811);
  expect(out.afterFree).toBe('engine freed'); // a call on a freed worker engine fails at once
  expect(out.again).toBe(811);
  expect(errors).toEqual([]);
});

test('a large src is read as it downloads, in a worker, with progress', async ({ page }) => {
  const errors = watchErrors(page);
  // ~60 MB of ACLED rows around Bissa-Bouly, served by the test (the repository ships no such file).
  const header = 'event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp\n';
  const rows = [header];
  for (let i = 0; i < 150_000; i++) {
    const d = new Date(Date.UTC(2026, 6, 31) - (i % 900) * 86400000).toISOString().slice(0, 10);
    rows.push(`BFO${i},${d},2026,1,Political violence,Battles,Armed clash,JNIM,,2,Military Forces of Burkina Faso (2022-),,1,12,,854,Western Africa,Burkina Faso,Centre-Nord,Bam,Kongoussi,Place ${i % 97},${(13.1 + (i % 50) * 0.01).toFixed(4)},${(-1.6 + (i % 70) * 0.01).toFixed(4)},1,Local source,Subnational,"On ${d}, militants clashed with soldiers near place ${i % 97}; a convoy was stopped, several wounded, the road closed for the day.",${i % 4},,1700000000\n`);
  }
  const body = Buffer.from(rows.join(''));
  await page.route(/big-feed\.csv/, (route) => route.fulfill({ status: 200, contentType: 'text/csv', body }));
  await page.goto('embed.html');
  const out = await page.evaluate(async () => {
    const card = document.querySelector('risk-card');
    const progress = [];
    card.addEventListener('riskprogress', (e) => progress.push(e.detail));
    const done = new Promise((ok) => card.addEventListener('riskchange', (e) => ok(e.detail), { once: true }));
    card.setAttribute('site', '13.1581,-1.5192,50');
    card.setAttribute('src', 'big-feed.csv');
    const report = await done;
    return { rows: report.diagnostics.rows_loaded, progress, workers: performance.getEntriesByType('resource').filter((r) => r.name.endsWith('worker.js')).length };
  });
  expect(out.rows).toBe(150_000);
  expect(out.workers).toBe(1);
  expect(out.progress.length).toBeGreaterThanOrEqual(2);
  expect(out.progress.at(-1)).toEqual({ phase: 'load', done: body.length, total: body.length });
  expect(out.progress.every((p, i) => i === 0 || p.done >= out.progress[i - 1].done)).toBe(true);

  // Changing src during a load stops that load; the card shows the new data only.
  const next = await page.evaluate(async (src) => {
    const card = document.querySelector('risk-card');
    card.setAttribute('site', '11.673343,-6.850381,50');
    card.setAttribute('src', 'big-feed.csv?again');
    await new Promise((ok) => card.addEventListener('riskprogress', ok, { once: true }));
    const done = new Promise((ok) => card.addEventListener('riskchange', (e) => ok(e.detail), { once: true }));
    card.setAttribute('src', src);
    const report = await done;
    await new Promise((ok) => setTimeout(ok, 300)); // nothing from the stopped load arrives later
    return { size: report.diagnostics.rows_loaded - report.diagnostics.rows_replaced, shown: card.report === report, text: card.shadowRoot.querySelector('h2')?.textContent };
  }, UCDP);
  expect(next.size).toBe(999);
  expect(next.shown).toBe(true);
  expect(errors).toEqual([]);
});

test('a small file on a slow network shows progress once its load passes a second', async ({ page }) => {
  const errors = watchErrors(page);
  const cdp = await page.context().newCDPSession(page);
  await page.goto('embed.html');
  // The engine first, at full speed: the test is of a slow data file (a throttled .wasm would let the
  // whole file arrive while the engine compiles, and then be read at once).
  await page.evaluate(() => import('./engine.js').then((m) => m.loadEngine()));
  // ~200 kB/s: the 520 kB UCDP file takes ~2.5 s to arrive.
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: 200_000, uploadThroughput: 200_000 });
  const file = UCDP.split(' ')[0];
  const out = await page.evaluate(async (src) => {
    const card = document.querySelector('risk-card');
    const progress = [];
    let shown = '';
    card.addEventListener('riskprogress', (e) => {
      progress.push(e.detail);
      shown ||= card.shadowRoot.querySelector('.state.loading')?.textContent ?? '';
    });
    const t0 = performance.now();
    const done = new Promise((ok) => card.addEventListener('riskchange', (e) => ok(e.detail), { once: true }));
    card.setAttribute('site', '11.673343,-6.850381,50');
    card.setAttribute('src', src);
    const report = await done;
    return { rows: report.diagnostics.rows_loaded, progress, shown, elapsed: performance.now() - t0 };
  }, file);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  expect(out.rows).toBe(811);
  expect(out.elapsed).toBeGreaterThan(1500);
  expect(out.progress.length).toBeGreaterThanOrEqual(1);
  const size = readFileSync(new URL(`www/${file}`, root)).length;
  expect(out.progress.at(-1)).toEqual({ phase: 'load', done: size, total: size });
  expect(out.progress.every((p) => p.total === size && p.done > 0)).toBe(true);
  expect(out.shown).toMatch(/^Loading incidents… \d+ %$/);
  expect(errors).toEqual([]);
});

for (const width of [320, 800]) {
  test(`readable at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    for (const preset of ['morila', 'bamako-segou']) {
      const q = new URLSearchParams({ src: UCDP, aoi: JSON.stringify(presets.find((p) => p.id === preset).aoi), 'as-of': '2026-07-31' });
      await page.goto(`embed.html?${q}`);
      await reportOf(page);
      const overflow = await page.evaluate(() => {
        const card = document.querySelector('risk-card').shadowRoot.querySelector('.card');
        return { card: card.scrollWidth - card.clientWidth, page: document.documentElement.scrollWidth - window.innerWidth };
      });
      expect(overflow.card).toBeLessThanOrEqual(0);
      expect(overflow.page).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${shots}width-${width}-${preset}.png`, fullPage: true });
    }
  });
}

test('a large load runs in a Web Worker with progress, and the page stays responsive', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('embed.html?site=13.1581,-1.5192,50&name=Bissa');
  const out = await page.evaluate(async () => {
    // ~130 000 ACLED-layout rows (~50 MB), all valid, around Bissa-Bouly, Burkina Faso.
    const header = 'event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp\n';
    const rows = [header];
    const N = 130_000;
    for (let i = 0; i < N; i++) {
      const d = new Date(Date.UTC(2026, 6, 31) - (i % 900) * 86400000).toISOString().slice(0, 10);
      rows.push(`BFO${i},${d},2026,1,Political violence,Battles,Armed clash,JNIM: Group for Support of Islam and Muslims,,2,Military Forces of Burkina Faso (2022-),,1,12,,854,Western Africa,Burkina Faso,Centre-Nord,Bam,Kongoussi,Place ${i % 97},${(13.1 + (i % 50) * 0.01).toFixed(4)},${(-1.6 + (i % 70) * 0.01).toFixed(4)},1,Local source,Subnational,"On ${d}, JNIM militants clashed with soldiers near place ${i % 97}, a convoy was stopped; several wounded.",${i % 4},,1700000000\n`);
    }
    const file = new File(rows, 'big.csv', { type: 'text/csv' });
    const card = document.querySelector('risk-card');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    const progress = [];
    card.addEventListener('riskprogress', (e) => progress.push(e.detail));
    const t0 = performance.now();
    const done = new Promise((ok) => card.addEventListener('riskchange', (e) => ok(e.detail), { once: true }));
    card.incidents = file;
    const report = await done;
    const elapsed = performance.now() - t0;
    clearInterval(timer);
    return { size: file.size, rows: report.diagnostics.rows_loaded, inAoi: report.incidents.in_aoi, progress: progress.length,
      last: progress.at(-1), elapsed, ticks, workers: performance.getEntriesByType('resource').filter((r) => r.name.endsWith('worker.js')).length };
  });
  expect(out.size).toBeGreaterThan(40 * 1024 * 1024);
  expect(out.rows).toBe(130_000);
  expect(out.inAoi).toBeGreaterThan(0);
  expect(out.workers).toBe(1);
  expect(out.progress).toBeGreaterThanOrEqual(2);
  expect(out.last.phase).toBe('load');
  // The page's own timer kept running while the worker loaded (a blocked thread would not tick).
  expect(out.ticks).toBeGreaterThan((out.elapsed / 20) * 0.3);
  // 9 000 incidents share a saturated score: each driver's points round to 0.0, shown as "<0.1 pts".
  await expect(page.locator('risk-card [part=drivers] ol li').first()).toContainText('<0.1 pts');
  await page.screenshot({ path: `${shots}worker-load.png`, fullPage: true });
  expect(errors).toEqual([]);
});

test('parsed data is read back as JSON a piece at a time: the same text as JSON.stringify, and a large parsed response loads in a worker with progress', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('embed.html?site=13.1581,-1.5192,50&name=Bissa');
  const out = await page.evaluate(async () => {
    const { jsonPieces, CHUNK_BYTES, loadEngine } = await import('./engine.js');
    const { siteFeature } = await import('./card.js');
    const text = (v) => { const d = new TextDecoder(); return [...jsonPieces(v)].map((b) => d.decode(b)).join(''); };
    // Values JSON.stringify writes with care: holes, undefined, functions, toJSON, nested arrays,
    // non-ASCII text, empty containers, members that are not rows.
    const sparse = [1, , 3]; // eslint-disable-line no-sparse-arrays
    const values = [
      [], {}, [{ a: 1 }], sparse, [undefined, () => 1, null, 'é€😀'],
      { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [-1.5, 13.1] }, properties: { id: 'x', notes: 'a "quoted" \\ note\n' } }], bbox: [1, 2, 3, 4] },
      { status: 200, skip: undefined, f: () => 1, when: new Date(Date.UTC(2026, 6, 31)), nested: { data: [1, [2, 3]] }, data: [{ x: [1, 2] }, { y: { z: [] } }], Result: [] },
      { toJSON: () => ({ replaced: true }) },
    ];
    const same = values.map((v) => text(v) === JSON.stringify(v));
    // 120 000 rows of the ACLED API's response, parsed, as a host page that fetched it holds them.
    const N = 120_000;
    const data = [];
    for (let i = 0; i < N; i++) {
      const d = new Date(Date.UTC(2026, 6, 31) - (i % 900) * 86400000).toISOString().slice(0, 10);
      data.push({ event_id_cnty: `BFO${i}`, event_date: d, year: '2026', time_precision: '1', disorder_type: 'Political violence', event_type: 'Battles', sub_event_type: 'Armed clash',
        actor1: 'JNIM: Group for Support of Islam and Muslims', actor2: 'Military Forces of Burkina Faso (2022-)', country: 'Burkina Faso', admin1: 'Centre-Nord', location: `Place ${i % 97}`,
        latitude: (13.1 + (i % 50) * 0.01).toFixed(4), longitude: (-1.6 + (i % 70) * 0.01).toFixed(4), geo_precision: '1', source: 'Local source',
        notes: `On ${d}, JNIM militants clashed with soldiers near place ${i % 97}; several wounded — « blessés ».`, fatalities: String(i % 4) });
    }
    const response = { status: 200, success: true, last_update: 1752537600, count: N, messages: [], data, filename: 'bfa' };
    const pieces = [...jsonPieces(response)].map((b) => b.length);
    const card = document.querySelector('risk-card');
    const progress = [];
    card.addEventListener('riskprogress', (e) => progress.push(e.detail));
    const done = new Promise((ok) => card.addEventListener('riskchange', (e) => ok(e.detail), { once: true }));
    card.incidents = response;
    const report = await done;
    // The same response as one JSON text, loaded on the page: the same report.
    const onPage = await loadEngine();
    onPage.load(JSON.stringify(response), { name: 'incidents' });
    const again = onPage.assess(siteFeature('13.1581,-1.5192,50', 'Bissa'), { asOf: report.as_of });
    return { same, pieces, chunk: CHUNK_BYTES, rows: report.diagnostics.rows_loaded, formats: report.diagnostics.formats, progress: progress.length, last: progress.at(-1),
      workers: performance.getEntriesByType('resource').filter((r) => r.name.endsWith('worker.js')).length,
      equal: JSON.stringify([report.score, report.incidents, report.drivers, report.trend]) === JSON.stringify([again.score, again.incidents, again.drivers, again.trend]) };
  });
  expect(out.same).toEqual(out.same.map(() => true));
  expect(out.pieces.length).toBeGreaterThan(5);
  expect(Math.max(...out.pieces)).toBeLessThanOrEqual(out.chunk + 4096);
  expect([out.rows, out.formats]).toEqual([120_000, ['json']]);
  expect(out.workers).toBe(1);
  expect(out.progress).toBeGreaterThanOrEqual(2);
  expect(out.last.phase).toBe('load');
  expect(out.equal).toBe(true);
  await page.screenshot({ path: `${shots}parsed-api-load.png`, fullPage: true });
  expect(errors).toEqual([]);
});

test('a large portfolio shows a ranked summary and opens a site in full', async ({ page }) => {
  const mines = presets.find((p) => p.id === 'mali-mines').aoi.features;
  const features = [];
  for (let k = 0; k < 5; k++) for (const f of mines) features.push({ ...f, properties: { ...f.properties, name: `${f.properties.name} ${k}` }, geometry: { type: 'Point', coordinates: [f.geometry.coordinates[0] + 0.02 * k, f.geometry.coordinates[1]] } });
  const q = new URLSearchParams({ src: UCDP, aoi: JSON.stringify({ type: 'FeatureCollection', features }), 'as-of': '2026-07-31' });
  await page.goto(`embed.html?${q}`);
  const r = await reportOf(page);
  expect(r.length).toBe(35);
  expect(r[0].trend.bins).toEqual([]);
  await expect(page.locator('risk-card [part=portfolio] tbody tr')).toHaveCount(35);
  await expect(page.locator('risk-card [part=trend] .spark rect').first()).toBeAttached();
  await page.locator('risk-card [part=portfolio] button').nth(3).click();
  await expect(page.locator('risk-card h2')).toHaveText(r[3].aoi.name);
  await page.screenshot({ path: `${shots}portfolio-35.png`, fullPage: true });
});
