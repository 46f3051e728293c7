// End-to-end: the card where its users put it — a strict-CSP intranet page, Trusted Types, a worker
// that cannot start, the card's files on another origin, many cards on one src, failures a host
// must see. Pages are served by the tests' own servers (serve.mjs), with the headers each case needs.
import { test, expect } from '@playwright/test';
import { readFileSync, mkdirSync } from 'node:fs';
import { serve, PORTS } from './serve.mjs';

const root = new URL('../../', import.meta.url);
const www = new URL('www/', root).pathname;
const native = JSON.parse(readFileSync(new URL('target/wasm-test/native-reports.json', root)));
const shots = new URL('test-results/screens/', root).pathname;
mkdirSync(shots, { recursive: true });
const FILES = ['data/ucdp_candidate_v26_01_06_mali_bfa_ner.csv', 'data/ucdp_candidate_v26_0_7_mali_bfa_ner.csv'];
const MORILA = 'site="11.673343,-6.850381,50" name="Morila" as-of="2026-07-31"';

/** The CSP of a corporate intranet, as the issue gives it. */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const TRUSTED = `${STRICT_CSP}; require-trusted-types-for 'script'; trusted-types riskcard`;
const BAND_COLORS = { minimal: '#2e7d32', low: '#8a9a1b', moderate: '#f2a900', high: '#e65100', severe: '#c62828' };
const rgb = (hex) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
const norm = (v) => JSON.parse(JSON.stringify(v));

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
const pageWith = (body, head = '') => ['text/html; charset=utf-8', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>riskcard test</title>${head}</head><body>${body}</body></html>`];

async function reportOf(page, selector = 'risk-card') {
  await page.waitForFunction((s) => document.querySelector(s)?.report, selector, { timeout: 30_000 });
  return page.evaluate((s) => document.querySelector(s).report, selector);
}

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
      expect(c.bandText).toBe('rgb(255, 255, 255)');
      expect([c.gaugeFill, c.track]).toEqual(['none', 'none']);
      expect(c.gaugeStroke).toBe(rgb(BAND_COLORS[c.band]));
      expect([c.styleElements, c.adopted]).toEqual([0, 1]);
    }
    expect([light.card, light.number, light.sea, light.land]).toEqual(['rgb(255, 255, 255)', 'rgb(29, 35, 39)', 'rgb(219, 232, 239)', 'rgb(233, 236, 230)']);
    expect([dark.card, dark.number, dark.sea, dark.land]).toEqual(['rgb(22, 27, 31)', 'rgb(232, 236, 238)', 'rgb(24, 35, 43)', 'rgb(42, 49, 54)']);
    expect(light.legend).toBe('rgb(216, 67, 21)'); // battle
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
    expect(norm(r)).toEqual(norm(native.morila));
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
      expect(files.requests.filter((r) => r.endsWith('.wasm'))).toHaveLength(1); // the worker is handed the page's compiled module
      expect(server.requests.filter((r) => r.startsWith('/data/'))).toHaveLength(2); // data from the page's origin
      // A small src on the page's thread, from the same files.
      const small = await cardOn(p, server.origin, FILES.join(' '));
      expect(norm(small.report)).toEqual(norm(native.morila));
    } finally {
      await files.close();
    }
  });

  test('where the engine cannot start at all: an error naming the area, and riskerror, within seconds', async ({ page: p }) => {
    server = await serve({ port: PORTS.page, root: www, missing: ['/pkg/riskcard_bg.wasm'], pages: page() });
    await p.goto(`${server.origin}/test.html`);
    const out = await p.evaluate(async (src) => {
      const card = document.createElement('risk-card');
      const t0 = performance.now();
      const failed = new Promise((ok) => card.addEventListener('riskerror', (e) => ok(e.detail), { once: true }));
      for (const [k, v] of Object.entries({ src, site: '11.673343,-6.850381,50', name: 'Morila' })) card.setAttribute(k, v);
      document.body.append(card);
      const detail = await failed;
      return { detail, ms: performance.now() - t0, shown: card.shadowRoot.querySelector('.state.error').innerText };
    }, FILES[0]);
    expect(out.detail).toEqual({ message: 'the engine could not start: could not fetch riskcard_bg.wasm: HTTP 404', code: 'engine_failed', kind: 'engine',
      params: { detail: 'could not fetch riskcard_bg.wasm: HTTP 404' }, area: 'Morila' });
    expect(out.shown).toBe('Cannot show the risk card for Morila\nthe engine could not start: could not fetch riskcard_bg.wasm: HTTP 404');
    expect(out.ms).toBeLessThan(3000);
    await p.screenshot({ path: `${shots}engine-missing.png`, fullPage: true });
  });
});

test.describe('many cards, failures a host sees', () => {
  let server;
  test.afterEach(async () => server?.close());

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
    expect(server.requests.filter((p) => p.endsWith('.wasm'))).toHaveLength(1);
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
    expect(out[2].shown).toMatch(/^Impossible d'afficher la fiche de risque pour Sadiola\nunreadable incident data: unrecognised CSV header/);
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
    expect(norm(await reportOf(page))).toEqual(norm(native.morila));
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
  });
});
