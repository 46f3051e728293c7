// End-to-end: the card where its users put it — a strict-CSP intranet page, Trusted Types, a worker
// that cannot start, the card's files on another origin, many cards on one src, failures a host
// must see. Pages are served by the tests' own servers (serve.mjs), with the headers each case needs.
import { test, expect } from '@playwright/test';
import { readFileSync, mkdirSync, mkdtempSync, writeFileSync, copyFileSync, readdirSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { serve, PORTS } from './serve.mjs';
import { BAND_COLORS, BAND_TEXT, CATEGORY_COLORS } from '../../www/palette.js';
import { reportOf, norm } from './helpers.mjs';

const root = new URL('../../', import.meta.url);
const www = new URL('www/', root).pathname;
const dist = new URL('dist/', root).pathname;
// The CLI's report for each preset, asked as the card asks it (detail analysis for a single area).
const native = JSON.parse(readFileSync(new URL('target/wasm-test/card-reports.json', root)));
const shots = new URL('test-results/screens/', root).pathname;
mkdirSync(shots, { recursive: true });
const FILES = ['data/ucdp_candidate_v26_01_06_mali_bfa_ner.csv', 'data/ucdp_candidate_v26_0_7_mali_bfa_ner.csv'];
const MORILA = 'site="11.673343,-6.850381,50" name="Morila" as-of="2026-07-31"';
// Today, on every page of these tests, two weeks after the data's last day: its age is said and it
// is not stale, so the card's report is the CLI's plus `data.today` and `data.age_days`.
test.beforeEach(async ({ page }) => page.clock.setFixedTime(new Date('2026-08-14T09:00:00')));
/** A report without what the browser's clock adds (the CLI's reports were made without a today). */
const withoutToday = (r) => ({ ...r, data: Object.fromEntries(Object.entries(r.data).filter(([k]) => k !== 'today' && k !== 'age_days')) });

/** The CSP of a corporate intranet, as the issue gives it. */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const TRUSTED = `${STRICT_CSP}; require-trusted-types-for 'script'; trusted-types riskcard`;
const rgb = (hex) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

/** Collects the page's CSP violations (from the first script on) and its errors. */
async function watch(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`), true);
  });
  return { errors, violations: () => page.evaluate(() => window.__violations) };
}

/** A page with `body` (no inline script or style), served at /test.html beside www/'s files. */
const pageWith = (body, head = '') => ['text/html; charset=utf-8', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>riskcard test</title><link rel="icon" href="/favicon.svg">${head}</head><body>${body}</body></html>`];
/** The paths asked of a server but the data's and the favicon. */
const filesAsked = (server) => server.requests.filter((p) => !p.startsWith('/data/') && p !== '/favicon.svg');

/** What the card shows, as computed styles: the colours a blocked stylesheet would lose. */
function colours(page, selector) {
  return page.evaluate((s) => {
    const card = document.querySelector(s);
    const r = card.shadowRoot;
    const css = (sel) => getComputedStyle(r.querySelector(sel));
    return {
      band: card.report.band, bandBackground: css('[part=band]').backgroundColor, bandText: css('[part=band]').color,
      gaugeFill: css('.gauge-value').fill, gaugeStroke: css('.gauge-value').stroke, track: css('.gauge-track').fill, number: css('.gauge-number').fill,
      card: css('.card').backgroundColor, sea: css('.sea').fill, land: css('.country').fill, legend: css('.legend i').backgroundColor,
      styleElements: r.querySelectorAll('style').length, adopted: r.adoptedStyleSheets.length,
    };
  }, selector);
}

test.describe('strict CSP', () => {
  let server;
  test.afterEach(async () => server?.close());

  test('two cards render with their colours under a strict CSP header, with no violation', async ({ page }) => {
    server = await serve({ port: PORTS.page, root: www, headers: { 'content-security-policy': STRICT_CSP } });
    const { errors, violations } = await watch(page);
    await page.goto(`${server.origin}/examples/two-cards.html`);
    const site = await reportOf(page, '#site');
    await reportOf(page, '#route');
    const light = await colours(page, '#site');
    const dark = await colours(page, '#route');
    for (const c of [light, dark]) {
      expect(c.bandBackground).toBe(rgb(BAND_COLORS[c.band]));
      expect(c.bandText).toBe(rgb(BAND_TEXT[c.band]));
      expect([c.gaugeFill, c.track]).toEqual(['none', 'none']);
      expect(c.gaugeStroke).toBe(rgb(BAND_COLORS[c.band]));
      expect([c.styleElements, c.adopted]).toEqual([0, 1]);
    }
    expect([light.card, light.number, light.sea, light.land]).toEqual(['rgb(255, 255, 255)', 'rgb(29, 35, 39)', 'rgb(219, 232, 239)', 'rgb(233, 236, 230)']);
    expect([dark.card, dark.number, dark.sea, dark.land]).toEqual(['rgb(22, 27, 31)', 'rgb(232, 236, 238)', 'rgb(24, 35, 43)', 'rgb(42, 49, 54)']);
    expect(light.legend).toBe(rgb(CATEGORY_COLORS.light.battle));
    expect(dark.legend).toBe(rgb(CATEGORY_COLORS.dark.battle));
    expect(site.score).toBe(native.morila.score);
    // The two cards show the same src: one request per file.
    expect(server.requests.filter((p) => p.startsWith('/data/')).sort()).toEqual(FILES.map((f) => `/${f}`).sort());
    await page.screenshot({ path: `${shots}csp-two-cards.png`, fullPage: true });
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('embed.html under the strict CSP', async ({ page }) => {
    server = await serve({ port: PORTS.page, root: www, headers: { 'content-security-policy': STRICT_CSP } });
    const { errors, violations } = await watch(page);
    const q = new URLSearchParams({ src: FILES.join(' '), site: '11.673343,-6.850381,50', name: 'Morila', 'as-of': '2026-07-31', theme: 'dark' });
    await page.goto(`${server.origin}/embed.html?${q}`);
    const r = await reportOf(page);
    expect(r.data).toMatchObject({ today: '2026-08-14', age_days: 14 });
    expect(norm(withoutToday(r))).toEqual(norm(native.morila));
    const c = await colours(page, 'risk-card');
    expect(c.bandBackground).toBe(rgb(BAND_COLORS[r.band]));
    expect(c.card).toBe('rgb(22, 27, 31)');
    await page.screenshot({ path: `${shots}csp-embed.png`, fullPage: true });
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('Trusted Types enforced: the worker starts through the one policy, riskcard, with no violation', async ({ page }) => {
    server = await serve({ port: PORTS.page, root: www, headers: { 'content-security-policy': TRUSTED } });
    const { errors, violations } = await watch(page);
    // Data without a Content-Length goes to a worker.
    const q = new URLSearchParams({ src: FILES.map((f) => `${f}?chunked`).join(' '), site: '11.673343,-6.850381,50', name: 'Morila', 'as-of': '2026-07-31' });
    await page.goto(`${server.origin}/embed.html?${q}`);
    const r = await reportOf(page);
    expect(r.incidents).toEqual(native.morila.incidents);
    expect(server.requests).toContain('/worker.js');
    const shown = await page.evaluate(() => document.querySelector('risk-card').shadowRoot.querySelector('[part=diagnostics]').textContent);
    expect(shown).not.toContain('main thread');
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
  });
});

test.describe('the worker cannot hang a card', () => {
  let server;
  test.afterEach(async () => server?.close());
  const chunked = FILES.map((f) => `${f}?chunked`).join(' ');

  /** Opens a card on data without a Content-Length (a worker's, by size) and gives its report,
   * the warnings of its load and how long it took. */
  async function cardOn(page, origin, src = chunked) {
    await page.goto(`${origin}/test.html`);
    return page.evaluate(async (src) => {
      const card = document.createElement('risk-card');
      const t0 = performance.now();
      const done = new Promise((ok, no) => {
        card.addEventListener('riskchange', (e) => ok(e.detail), { once: true });
        card.addEventListener('riskerror', (e) => no(new Error(JSON.stringify(e.detail))), { once: true });
      });
      for (const [k, v] of Object.entries({ src, site: '11.673343,-6.850381,50', name: 'Morila', 'as-of': '2026-07-31' })) card.setAttribute(k, v);
      document.body.append(card);
      const report = await done;
      const details = card.shadowRoot.querySelector('[part=diagnostics]');
      return { report, ms: performance.now() - t0, warnings: [...details.querySelectorAll('li.muted')].map((li) => li.textContent) };
    }, src);
  }
  const page = (extra = '') => ({ '/test.html': pageWith('', `<script type="module" src="/riskcard.js"></script>${extra}`) });

  test('worker.js missing: the card loads on the page\'s thread and says why', async ({ page: p }) => {
    server = await serve({ port: PORTS.page, root: www, missing: ['/worker.js'], pages: page() });
    const out = await cardOn(p, server.origin);
    expect(out.report.incidents).toEqual(native.morila.incidents);
    expect(out.warnings).toEqual(['loaded on the main thread instead: the Web Worker could not start: its script did not load or was refused (worker.js)']);
    expect(out.ms).toBeLessThan(5000);
    const diagnostics = p.locator('risk-card [part=diagnostics]');
    await diagnostics.locator('summary').click();
    await expect(diagnostics.locator('li.muted')).toBeVisible();
    await diagnostics.screenshot({ path: `${shots}worker-missing.png` });
  });

  test('worker-src forbids it: the same', async ({ page: p }) => {
    server = await serve({ port: PORTS.page, root: www, headers: { 'content-security-policy': `${STRICT_CSP}; worker-src 'none'` }, pages: page() });
    const out = await cardOn(p, server.origin);
    expect(out.report.incidents).toEqual(native.morila.incidents);
    expect(out.warnings).toEqual(['loaded on the main thread instead: the Web Worker could not start: its script did not load or was refused (worker.js)']);
  });

  test('Trusted Types without the riskcard policy allowed: the same, with the browser\'s reason', async ({ page: p }) => {
    server = await serve({ port: PORTS.page, root: www, headers: { 'content-security-policy': `${STRICT_CSP}; require-trusted-types-for 'script'; trusted-types 'none'` }, pages: page() });
    const out = await cardOn(p, server.origin);
    expect(out.report.incidents).toEqual(native.morila.incidents);
    expect(out.warnings).toHaveLength(1);
    expect(out.warnings[0]).toMatch(/^loaded on the main thread instead: the Web Worker could not start: .*TrustedScriptURL/);
  });

  test('a worker that never starts: the page\'s thread after WORKER_START_MS', async ({ page: p }) => {
    server = await serve({ port: PORTS.page, root: www, hang: ['/worker.js'], pages: page() });
    const out = await cardOn(p, server.origin);
    expect(out.report.incidents).toEqual(native.morila.incidents);
    expect(out.warnings).toEqual(['loaded on the main thread instead: the Web Worker did not start within 8 s']);
    expect(out.ms).toBeGreaterThan(7900);
    expect(out.ms).toBeLessThan(15000);
  });

  test('the card\'s files on another origin (a CDN with CORS): the worker starts there, the card answers', async ({ page: p }) => {
    const files = await serve({ port: PORTS.files, root: www, headers: { 'access-control-allow-origin': '*' } });
    server = await serve({ port: PORTS.page, root: www, pages: { '/test.html': pageWith('', `<script type="module" src="${files.origin}/riskcard.js"></script>`) } });
    try {
      const out = await cardOn(p, server.origin);
      expect(out.report.incidents).toEqual(native.morila.incidents);
      expect(out.warnings).toEqual([]);
      expect(files.requests).toEqual(expect.arrayContaining(['/riskcard.js', '/worker.js', '/pkg/riskcard_bg.wasm']));
      // The worker is handed the page's compiled engine; the words module (the analysis reads texts) is fetched once too.
      expect(files.requests.filter((r) => r.endsWith('.wasm')).sort()).toEqual(['/pkg/riskcard_bg.wasm', '/pkg/words_bg.wasm']);
      expect(server.requests.filter((r) => r.startsWith('/data/'))).toHaveLength(2); // data from the page's origin
      // A small src on the page's thread, from the same files.
      const small = await cardOn(p, server.origin, FILES.join(' '));
      expect(norm(withoutToday(small.report))).toEqual(norm(native.morila));
    } finally {
      await files.close();
    }
  });

  /** A card on `src` in the page at `origin`: the riskerror it raises, how long it took, what it shows. */
  async function failure(p, origin, src = FILES[0]) {
    await p.goto(`${origin}/test.html`);
    return p.evaluate(async (src) => {
      const card = document.createElement('risk-card');
      const t0 = performance.now();
      const failed = new Promise((ok) => card.addEventListener('riskerror', (e) => ok(e.detail), { once: true }));
      for (const [k, v] of Object.entries({ src, site: '11.673343,-6.850381,50', name: 'Morila' })) card.setAttribute(k, v);
      document.body.append(card);
      const detail = await failed;
      return { detail, ms: performance.now() - t0, shown: card.shadowRoot.querySelector('.state.error').innerText };
    }, src);
  }

  test('where the engine cannot start at all: an error naming the area, and riskerror, within seconds', async ({ page: p }) => {
    server = await serve({ port: PORTS.page, root: www, missing: ['/pkg/riskcard_bg.wasm'], pages: page() });
    const out = await failure(p, server.origin);
    expect(out.detail).toEqual({ message: 'the engine could not start: could not fetch riskcard_bg.wasm: HTTP 404', code: 'engine_failed', kind: 'engine',
      params: { detail: 'could not fetch riskcard_bg.wasm: HTTP 404' }, area: 'Morila' });
    expect(out.shown).toBe('Cannot show the risk card for Morila\nthe engine could not start: could not fetch riskcard_bg.wasm: HTTP 404');
    expect(out.ms).toBeLessThan(3000);
    await p.screenshot({ path: `${shots}engine-missing.png`, fullPage: true });
    // A CSP without 'wasm-unsafe-eval': the same, with the browser's reason (a large load too: its worker shares the engine's fate).
    await server.close();
    server = await serve({ port: PORTS.page, root: www, headers: { 'content-security-policy': "default-src 'self'; style-src 'self'" }, pages: page() });
    for (const src of [FILES[0], `${FILES[0]}?chunked`]) {
      const csp = await failure(p, server.origin, src);
      expect(csp.detail).toMatchObject({ code: 'engine_failed', kind: 'engine', area: 'Morila' });
      expect(csp.detail.message).toMatch(/^the engine could not start: .*WebAssembly/);
      expect(csp.ms).toBeLessThan(3000);
    }
  });
});

test.describe('many cards, failures a host sees', () => {
  let server;
  test.afterEach(async () => server?.close());

  test('riskcard.js that never loads: the element stays undefined and its fallback text shows (as the README says)', async ({ page }) => {
    const body = '<risk-card src="/data/x.csv" site="11.67,-6.85,50">Loading the risk card… (if this stays, riskcard.js did not load)</risk-card>';
    server = await serve({ port: PORTS.page, root: www, missing: ['/riskcard.js'], pages: {
      '/broken.html': pageWith(body, '<script type="module" src="/riskcard.js"></script>'),
    } });
    await page.goto(`${server.origin}/broken.html`);
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => customElements.get('risk-card'))).toBeUndefined();
    const shown = () => page.evaluate(() => document.querySelector('risk-card').innerText); // rendered text only
    expect(await shown()).toBe('Loading the risk card… (if this stays, riskcard.js did not load)');
    await page.screenshot({ path: `${shots}not-loaded.png` });
    // The same page with the script there: the card's shadow root has no slot, so the text is not shown.
    await server.close();
    server = await serve({ port: PORTS.page, root: www, pages: { '/working.html': pageWith(body, '<script type="module" src="/riskcard.js"></script>') } });
    await page.goto(`${server.origin}/working.html`);
    await page.waitForFunction(() => customElements.get('risk-card'));
    expect(await shown()).toBe('');
  });

  test('30 cards on one src: one request for the data, one store; a card on another src has its own', async ({ page }) => {
    const cards = [];
    for (let i = 0; i < 30; i++) cards.push(`<risk-card id="c${i}" src="/${FILES[0]}" site="${(11 + i * 0.2).toFixed(2)},-6.85,40" name="Site ${i}" as-of="2026-07-31"></risk-card>`);
    cards.push(`<risk-card id="other" src="/${FILES[1]}" ${MORILA}></risk-card>`);
    server = await serve({ port: PORTS.page, root: www, pages: { '/test.html': pageWith(cards.join('\n'), '<script type="module" src="/riskcard.js"></script>') } });
    const { errors } = await watch(page);
    await page.goto(`${server.origin}/test.html`);
    await page.waitForFunction(() => [...document.querySelectorAll('risk-card')].every((c) => c.report), null, { timeout: 30_000 });
    const out = await page.evaluate(() => [...document.querySelectorAll('risk-card')].map((c) => [c.report.aoi.name, c.report.diagnostics.rows_loaded]));
    expect(out).toHaveLength(31);
    expect(out.slice(0, 30).every(([, n]) => n === 811)).toBe(true);
    expect(out[30][1]).toBe(191);
    expect(server.requests.filter((p) => p.startsWith('/data/')).sort()).toEqual(FILES.map((f) => `/${f}`).sort());
    expect(server.requests.filter((p) => p.endsWith('.wasm')).sort()).toEqual(['/pkg/riskcard_bg.wasm', '/pkg/words_bg.wasm']);
    // A card that leaves and the others stay; the last one to show the data lets the store go, and a
    // card that comes back fetches it again.
    const again = await page.evaluate(async () => {
      const all = [...document.querySelectorAll('risk-card')].slice(0, 30);
      all[0].remove();
      await new Promise((ok) => setTimeout(ok, 50));
      all[1].setAttribute('site', '12,-7,60');
      await new Promise((ok) => all[1].addEventListener('riskchange', ok, { once: true }));
      for (const c of all.slice(1)) c.remove();
      await new Promise((ok) => setTimeout(ok, 50));
      const done = new Promise((ok) => all[0].addEventListener('riskchange', (e) => ok(e.detail.diagnostics.rows_loaded), { once: true }));
      document.body.append(all[0]);
      return done;
    });
    expect(again).toBe(811);
    expect(server.requests.filter((p) => p === `/${FILES[0]}`)).toHaveLength(2);
    await page.screenshot({ path: `${shots}thirty-cards.png` });
    expect(errors).toEqual([]);
  });

  test('a failed fetch, a web page for data, a bad file: the card names the area and raises riskerror', async ({ page }) => {
    server = await serve({ port: PORTS.page, root: www, pages: {
      '/test.html': pageWith('', '<script type="module" src="/riskcard.js"></script>'),
      '/spa/data.csv': ['text/html; charset=utf-8', '<!doctype html><html><body>Welcome to the portal</body></html>'],
      '/bad.csv': ['text/csv', 'name,age\nbob,3\n'],
    } });
    await page.goto(`${server.origin}/test.html`);
    const out = await page.evaluate(async () => {
      const one = (attrs) => new Promise((ok) => {
        const card = document.createElement('risk-card');
        card.addEventListener('riskerror', (e) => ok({ ...e.detail, shown: card.shadowRoot.querySelector('.state.error').innerText }), { once: true });
        card.addEventListener('riskchange', () => ok('no error'), { once: true });
        for (const [k, v] of Object.entries(attrs)) card.setAttribute(k, v);
        document.body.append(card);
      });
      return Promise.all([
        one({ src: '/data/missing.csv', site: '11.67,-6.85,50', name: 'Morila' }),
        one({ src: '/spa/data.csv', aoi: JSON.stringify({ type: 'Feature', properties: { name: 'Fana road', buffer_km: 5 }, geometry: { type: 'LineString', coordinates: [[-7.9, 12.6], [-6.9, 12.8]] } }) }),
        one({ src: '/bad.csv', site: '11.67,-6.85,50', name: 'Sadiola', lang: 'fr' }),
        one({ src: '/data/missing.csv', site: '11.67,-6.85,50' }),
      ]);
    });
    expect(out[0]).toEqual({ message: 'could not fetch missing.csv: HTTP 404', code: 'fetch_status', kind: 'fetch', params: { file: 'missing.csv', status: 404 }, area: 'Morila',
      shown: 'Cannot show the risk card for Morila\ncould not fetch missing.csv: HTTP 404' });
    expect(out[1]).toMatchObject({ code: 'fetch_not_data', kind: 'fetch', area: 'Fana road', message: 'could not load data.csv: the server sent a web page (text/html), not incident data' });
    expect(out[2]).toMatchObject({ code: 'data_unrecognised_header', kind: 'data', area: 'Sadiola' });
    // A French card says it in French (riskerror's message stays the engine's English).
    expect(out[2].message).toMatch(/^unreadable incident data: unrecognised CSV header/);
    expect(out[2].shown).toMatch(/^Impossible d'afficher la fiche de risque pour Sadiola\ndonnées d'incidents illisibles : en-tête CSV non reconnu/);
    expect(out[3]).toMatchObject({ code: 'fetch_status', area: '11.67, -6.85' });
    await page.screenshot({ path: `${shots}failures.png`, fullPage: true });
  });

  test('a .wasm sent as application/octet-stream still works, with nothing on the console', async ({ page }) => {
    server = await serve({ port: PORTS.page, root: www, types: { '.wasm': 'application/octet-stream' } });
    const { errors } = await watch(page);
    const warnings = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    const q = new URLSearchParams({ src: FILES.join(' '), site: '11.673343,-6.850381,50', name: 'Morila', 'as-of': '2026-07-31' });
    await page.goto(`${server.origin}/embed.html?${q}`);
    expect(norm(withoutToday(await reportOf(page)))).toEqual(norm(native.morila));
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
  });
});

test.describe('public: derived figures only', () => {
  /** The CLI's public report for Morila on the UCDP files, as the card must expose it. */
  const cli = () => JSON.parse(execFileSync(new URL('target/release/riskcard', root).pathname, ['assess', ...FILES.flatMap((f) => ['--incidents', `www/${f}`]),
    '--site', '11.673343,-6.850381,50', '--name', 'Morila', '--as-of', '2026-07-31', '--public', '--detail', 'analysis', '--compact'], { cwd: new URL('.', root).pathname, encoding: 'utf8' }));

  test('embed.html?public: the report, its events and the card carry no notes, actors, ids, sources or exact places', async ({ page }) => {
    const q = new URLSearchParams({ src: FILES.join(' '), site: '11.673343,-6.850381,50', name: 'Morila', 'as-of': '2026-07-31', public: '' });
    await page.addInitScript(() => {
      window.__events = [];
      document.addEventListener('riskchange', (e) => window.__events.push(e.detail));
    });
    await page.goto(`embed.html?${q}`);
    const r = await reportOf(page);
    const want = cli();
    expect(norm(withoutToday(r))).toEqual(norm(want));
    expect(norm((await page.evaluate(() => window.__events)).map(withoutToday))).toEqual([norm(want)]);
    expect(r.public).toBe(true);
    // What the full report has and the public one must not show anywhere in the card.
    const full = native.morila;
    expect(full.nearest.length).toBeGreaterThan(3);
    for (const n of r.nearest) expect([n.id, n.notes, n.source, n.location, n.admin1, n.country, n.actors.length]).toEqual(['', '', '', '', '', '', 0]);
    for (const [lat, lon] of r.map.points) expect([Math.round(lat * 10) / 10, Math.round(lon * 10) / 10]).toEqual([lat, lon]);
    expect(r.nearest.map((n) => [n.distance_km, n.compass, n.date, n.category, n.fatalities])).toEqual(full.nearest.map((n) => [n.distance_km, n.compass, n.date, n.category, n.fatalities]));
    const text = await page.evaluate(() => document.querySelector('risk-card').shadowRoot.textContent);
    const secrets = full.nearest.flatMap((n) => [n.id, n.notes, n.location, ...n.actors]).concat(full.drivers.flatMap((d) => [d.id, d.location])).filter((t) => t && t.length > 3);
    expect(secrets.length).toBeGreaterThan(10);
    // Actor families are a derived figure (a fixed list, counted): a public card shows them, even where
    // a family's name is also how the data spells the actor (UCDP's "JNIM"); no other actor's name.
    expect(r.actors.map((a) => a.family)).toEqual(['jnim']);
    expect(text).toContain('JNIM');
    const families = new Set(r.actors.map((a) => a.family));
    expect(secrets.filter((t) => text.includes(t) && !families.has(t.toLowerCase()))).toEqual([]);
    await expect(page.locator('risk-card [part=nearest] details')).toHaveCount(0);
    await expect(page.locator('risk-card .public-view')).toHaveText(/^Derived figures only/);
    await page.screenshot({ path: `${shots}public-embed.png`, fullPage: true });

    // The same card without the attribute shows the notes again; with it again, not.
    await page.evaluate(() => document.querySelector('risk-card').removeAttribute('public'));
    await page.waitForFunction(() => !document.querySelector('risk-card').report?.public && document.querySelector('risk-card').report);
    await expect(page.locator('risk-card [part=nearest] details').first()).toBeAttached();
    await page.evaluate(() => document.querySelector('risk-card').setAttribute('public', ''));
    await page.waitForFunction(() => document.querySelector('risk-card').report?.public);
    await expect(page.locator('risk-card [part=nearest] details')).toHaveCount(0);
  });

  test('a public card lists no skipped row (a reason can quote the row), only the counts and warnings', async ({ page }) => {
    await page.goto('embed.html?site=11.67,-6.85,50&name=Morila&public');
    const bytes = readFileSync(new URL('tests/fixtures/acled_current.csv', root), 'utf8');
    const shown = await page.evaluate(async (text) => {
      const card = document.querySelector('risk-card');
      const done = new Promise((ok) => card.addEventListener('riskchange', ok, { once: true }));
      card.incidents = text;
      await done;
      return [...card.shadowRoot.querySelectorAll('[part=diagnostics] li')].map((li) => li.textContent);
    }, bytes);
    expect(shown).toEqual(['incidents: 6 of 11 rows were skipped, more than one in ten: the answer rests on the others (see the skipped rows)']);
    expect(bytes).toContain('abc'); // the value the first skipped row's reason quotes, not shown
  });
});

test.describe('dist: no server, one file', () => {
  let server;
  test.afterEach(async () => server?.close());
  const texts = FILES.map((f) => readFileSync(new URL(`www/${f}`, root), 'utf8'));

  test('the classic script in a page opened from disk: the card, window.riskcard, and a worker from a Blob', async ({ page }) => {
    const dir = mkdtempSync(join(tmpdir(), 'riskcard-file-'));
    copyFileSync(join(dist, 'riskcard.classic.js'), join(dir, 'riskcard.classic.js'));
    writeFileSync(join(dir, 'host.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>host</title><link rel="icon" href="data:,">
<script src="riskcard.classic.js"></script></head><body><risk-card ${MORILA}></risk-card></body></html>`);
    const { errors } = await watch(page);
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`file://${dir}/host.html`);
    const out = await page.evaluate(async ([texts, names]) => {
      const card = document.querySelector('risk-card');
      const done = new Promise((ok) => card.addEventListener('riskchange', (e) => ok(e.detail), { once: true }));
      card.incidents = texts.map((t, i) => new File([t], names[i])); // as an <input type="file"> gives them
      const report = await done;
      // The engine API on window.riskcard, and a Web Worker engine started from the bundle's own code.
      const w = new window.riskcard.WorkerEngine();
      await w.ready;
      await w.load(texts[0], { name: 'jan.csv' });
      const inWorker = await w.assess(window.riskcard.siteFeature('11.673343,-6.850381,50', 'Morila'), { asOf: '2026-07-31' });
      w.free();
      return { report, api: Object.keys(window.riskcard).sort(), inWorker: inWorker.diagnostics.rows_loaded, defined: !!customElements.get('risk-card') };
    }, [texts, FILES.map((f) => f.split('/').pop())]);
    expect(norm(withoutToday(out.report))).toEqual(norm(native.morila));
    expect(out.api).toEqual(['RiskCard', 'RiskEngine', 'WorkerEngine', 'applyQuery', 'loadEngine', 'siteFeature']);
    expect(out.inWorker).toBe(811);
    expect(out.defined).toBe(true);
    // Nothing fetched but the page and its one script (a worker's Blob is no fetch from anywhere).
    expect(requests.filter((u) => !u.startsWith('blob:'))).toEqual([`file://${dir}/host.html`, `file://${dir}/riskcard.classic.js`]);
    await page.screenshot({ path: `${shots}dist-classic-file.png`, fullPage: true });
    expect(errors).toEqual([]);
    rmSync(dir, { recursive: true });
  });

  test('standalone.html from disk: files chosen, a site typed, an area pasted, the query string', async ({ page }) => {
    const { errors } = await watch(page);
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    const q = new URLSearchParams({ site: '11.673343,-6.850381,50', name: 'Morila', 'as-of': '2026-07-31' });
    await page.goto(`file://${dist}standalone.html?${q}`);
    await expect(page.locator('#hint')).toBeVisible();
    await page.setInputFiles('#file', FILES.map((f) => new URL(`www/${f}`, root).pathname));
    const r = await reportOf(page, '#card');
    expect(r.data).toMatchObject({ today: '2026-08-14', age_days: 14 });
    expect(norm(withoutToday(r))).toEqual(norm(native.morila));
    await expect(page.locator('#data-msg')).toHaveText(`Using ${FILES.map((f) => f.split('/').pop()).join(', ')}.`);
    await page.screenshot({ path: `${shots}standalone-file.png`, fullPage: true });
    // A site typed in the form.
    const changed = () => page.evaluate(() => new Promise((ok) => document.querySelector('#card').addEventListener('riskchange', (e) => ok(e.detail), { once: true })));
    let next = changed();
    await page.fill('#site-name', 'Sadiola');
    await page.fill('#site-lat', '13.8963');
    await page.fill('#site-lon', '-11.7058');
    await page.fill('#site-r', '30');
    await page.click('#site-go');
    expect((await next).aoi).toMatchObject({ kind: 'site', name: 'Sadiola', radius_km: 30 });
    await expect(page.locator('#card h2')).toHaveText('Sadiola');
    // An area pasted: the Bamako – Ségou corridor, as the CLI assessed it.
    const corridor = JSON.parse(readFileSync(new URL('www/data/presets.json', root))).find((p) => p.id === 'bamako-segou').aoi;
    next = changed();
    await page.fill('#aoi-text', JSON.stringify(corridor));
    await page.click('#aoi-go');
    expect(norm(withoutToday(await next))).toEqual(norm(native['bamako-segou']));
    await expect(page.locator('#card [part=route] .verdict')).toHaveText(/Go|Caution|No-go/);
    await page.screenshot({ path: `${shots}standalone-corridor.png`, fullPage: true });
    expect(requests.filter((u) => !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([`file://${dist}standalone.html?${q}`]);
    expect(errors).toEqual([]);
  });

  test('dist/riskcard.js served under the strict CSP: no violation; its Blob worker, refused there, leaves the load to the page', async ({ page }) => {
    const cards = `<risk-card id="a" src="/data/${FILES[0].split('/')[1]}" ${MORILA}></risk-card><risk-card id="b" theme="dark" src="/data/${FILES[1].split('/')[1]}?chunked" ${MORILA}></risk-card>`;
    server = await serve({ port: PORTS.page, root: www, headers: { 'content-security-policy': STRICT_CSP },
      pages: { '/test.html': pageWith(cards, '<script type="module" src="/dist/riskcard.js"></script>'), '/dist/riskcard.js': ['text/javascript', readFileSync(join(dist, 'riskcard.js'))] } });
    const { violations } = await watch(page);
    await page.goto(`${server.origin}/test.html`);
    await reportOf(page, '#a');
    await reportOf(page, '#b');
    const c = await colours(page, '#a');
    expect(c.bandBackground).toBe(rgb(BAND_COLORS[c.band]));
    expect((await colours(page, '#b')).card).toBe('rgb(22, 27, 31)');
    const warning = await page.evaluate(() => document.querySelector('#b').shadowRoot.querySelector('[part=diagnostics] li.muted')?.textContent);
    expect(warning).toBe('loaded on the main thread instead: the Web Worker could not start: its script did not load or was refused (worker)');
    // The one violation is the Blob worker's (worker-src falls back to script-src 'self'); the card's own styles make none.
    expect((await violations()).map((v) => v.split(' ')[0])).toEqual(['worker-src']);
    expect(filesAsked(server)).toEqual(['/test.html', '/dist/riskcard.js']);
    await page.screenshot({ path: `${shots}dist-csp.png`, fullPage: true });
  });
});

test.describe('the npm package', () => {
  let dir;
  test.beforeAll(() => {
    // npm pack, then the tarball installed offline into a host project (no registry asked).
    dir = mkdtempSync(join(tmpdir(), 'riskcard-pack-'));
    const cwd = new URL('.', root).pathname;
    const tgz = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd, encoding: 'utf8' }).trim().split('\n').pop();
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'host', version: '1.0.0', private: true, type: 'module' }));
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', join(dir, tgz)], { cwd: dir, stdio: 'pipe' });
  });
  test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('the tarball holds dist and the licence; esbuild bundles `import \'riskcard\'` with no configuration; the card renders', async ({ page }) => {
    expect(readdirSync(join(dir, 'node_modules/riskcard')).sort()).toEqual(['LICENSE', 'README.md', 'dist', 'package.json']);
    expect(readdirSync(join(dir, 'node_modules/riskcard/dist')).sort()).toEqual(['riskcard.classic.js', 'riskcard.d.ts', 'riskcard.js', 'standalone.html']);
    writeFileSync(join(dir, 'main.js'), "import 'riskcard';\nimport { loadEngine } from 'riskcard';\nwindow.hostEngine = loadEngine;\n");
    const result = await esbuild.build({ entryPoints: [join(dir, 'main.js')], bundle: true, format: 'esm', outdir: join(dir, 'out'), absWorkingDir: dir, logLevel: 'silent' });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(readdirSync(join(dir, 'out'))).toEqual(['main.js']); // nothing beside it to copy or serve
    const body = `<risk-card src="/${FILES[0]} /${FILES[1]}" ${MORILA}></risk-card>`;
    const server = await serve({ port: PORTS.page, root: www, pages: { '/test.html': pageWith(body, '<script type="module" src="/out/main.js"></script>'),
      '/out/main.js': ['text/javascript', readFileSync(join(dir, 'out/main.js'))] } });
    try {
      const { errors } = await watch(page);
      await page.goto(`${server.origin}/test.html`);
      expect(norm(withoutToday(await reportOf(page)))).toEqual(norm(native.morila));
      expect(await page.evaluate(async () => (await window.hostEngine()).size)).toBe(0);
      expect(filesAsked(server)).toEqual(['/test.html', '/out/main.js']);
      await page.screenshot({ path: `${shots}npm-esbuild.png`, fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await server.close();
    }
  });

  test('tsc --noEmit --strict: a host file using the types compiles; a wrong use does not', () => {
    const tsc = new URL('node_modules/.bin/tsc', root).pathname;
    const flags = ['--noEmit', '--strict', '--pretty', 'false', '--target', 'es2022', '--module', 'esnext', '--moduleResolution', 'bundler', '--lib', 'es2022,dom,dom.iterable'];
    for (const f of ['host.ts', 'wrong.ts']) copyFileSync(new URL(`tests/types/${f}`, root), join(dir, f));
    const run = (file) => {
      try {
        return { code: 0, out: execFileSync(tsc, [...flags, file], { cwd: dir, encoding: 'utf8' }) };
      } catch (e) {
        return { code: e.status, out: `${e.stdout}${e.stderr}` };
      }
    };
    expect(run('host.ts')).toEqual({ code: 0, out: '' });
    const wrong = run('wrong.ts');
    expect(wrong.code).not.toBe(0);
    expect(wrong.out.trim()).toBe("wrong.ts(7,9): error TS2322: Type 'number' is not assignable to type 'string'.");
  });
});
