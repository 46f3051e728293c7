// End-to-end: what leaves the card (issue 19), on the real UCDP rows: the incidents used as CSV and
// GeoJSON (as many as the report's within_influence, byte-equal to the CLI's --output), the brief
// printed to PDF by Chromium (name, score, band, as-of, provenance; its pages), the PNG 1080 px
// wide, and the code for each loaded only when first used. Screenshots of the four kinds of area
// in English and French: test-results/screens/brief-*.png (cards, and the PNGs the cards made).
import { test, expect } from '@playwright/test';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const root = new URL('../../', import.meta.url);
const presets = JSON.parse(readFileSync(new URL('www/data/presets.json', root)));
const shots = new URL('test-results/screens/', root).pathname;
mkdirSync(shots, { recursive: true });
const FILES = ['data/ucdp_candidate_v26_01_06_mali_bfa_ner.csv', 'data/ucdp_candidate_v26_0_7_mali_bfa_ner.csv'];
const UCDP = FILES.join(' ');
const LAZY = /\/(brief|png|exports)\.js$/;

function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return errors;
}

/** The CLI's output for the same data, area and options (target/release/riskcard, built by scripts/native-reports.sh). */
function cli(args) {
  const bin = new URL('target/release/riskcard', root).pathname;
  const inc = FILES.flatMap((f) => ['--incidents', new URL(`www/${f}`, root).pathname]);
  return execFileSync(bin, ['assess', ...inc, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

/** Opens embed.html with a card over the UCDP rows, `aoi` set as a property; resolves to its report. */
async function cardWith(page, aoi, lang = 'en', extra = {}) {
  await page.goto(`embed.html?${new URLSearchParams({ src: UCDP, remember: 'off', lang, 'window-days': '365', ...extra })}`);
  return page.evaluate(async (a) => {
    const c = document.querySelector('risk-card');
    const done = new Promise((ok, ko) => {
      c.addEventListener('riskchange', (e) => ok(e.detail), { once: true });
      c.addEventListener('riskerror', (e) => ko(new Error(e.detail.message)), { once: true });
    });
    c.aoi = a;
    return done;
  }, aoi);
}

const CSV_HEAD = 'id,date,lat,lon,distance_km,bearing_deg,category,event_type,sub_event_type,actors,fatalities,location,notes,source,points,in_aoi';

test('exports: as many rows as within_influence, equal to the CLI output, redacted in public mode; the code loads when first used', async ({ page }) => {
  const errors = watchErrors(page);
  const lazy = [];
  page.on('request', (r) => LAZY.test(new URL(r.url()).pathname) && lazy.push(new URL(r.url()).pathname));
  const morila = presets.find((p) => p.id === 'morila').aoi;
  const r = await cardWith(page, morila);
  expect(r.incidents.within_influence).toBeGreaterThan(10);
  // Nothing of the brief, picture or exports is fetched with the card.
  expect(lazy).toEqual([]);
  const [csv, geojson] = await page.evaluate(async () => {
    const c = document.querySelector('risk-card');
    return Promise.all([(await c.exportIncidents('csv')).text(), (await c.exportIncidents('geojson')).text()]);
  });
  expect(lazy).toEqual(['/exports.js']);
  const lines = csv.split('\r\n').filter(Boolean);
  expect(lines[0]).toBe(CSV_HEAD);
  expect(lines.length - 1).toBe(r.incidents.within_influence);
  const g = JSON.parse(geojson);
  expect(g.features).toHaveLength(r.incidents.within_influence);
  expect(g.features[0].properties.id).toBe(r.nearest[0].id);
  // The CLI, the same area and options (the card's as-of is the data's last day): byte-equal.
  const aoiFile = new URL('test-results/morila.geojson', root).pathname;
  writeFileSync(aoiFile, JSON.stringify(morila));
  const base = ['--aoi', aoiFile, '--window-days', '365', '--as-of', r.as_of];
  expect(cli([...base, '--output', 'csv'])).toBe(csv);
  expect(cli([...base, '--output', 'geojson'])).toBe(geojson);
  // The engine itself (the page's module), also through the worker path's method list.
  const same = await page.evaluate(async ({ aoi, files, asOf }) => {
    const { loadEngine, FORWARDED } = await import('./engine.js');
    const e = await loadEngine();
    for (const f of files) await e.load(new Uint8Array(await (await fetch(f)).arrayBuffer()), { name: f.split('/').pop() });
    return { text: e.exportIncidents(aoi, { asOf, windowDays: 365 }, 'csv'), forwarded: FORWARDED.includes('exportIncidents') };
  }, { aoi: morila, files: FILES, asOf: r.as_of });
  expect(same).toEqual({ text: csv, forwarded: true });

  // Public: the card's export leaves out ids, names, notes and sources, as the public report does.
  const pr = await cardWith(page, morila, 'en', { public: '' });
  const pcsv = await page.evaluate(async () => (await document.querySelector('risk-card').exportIncidents('csv')).text());
  const prow = pcsv.split('\r\n').filter(Boolean);
  expect(prow.length - 1).toBe(pr.incidents.within_influence);
  for (const row of prow.slice(1)) expect(row.startsWith(',')).toBe(true);
  expect(cli([...base, '--output', 'csv', '--public'])).toBe(pcsv);
  expect(errors).toEqual([]);
});

/** The brief's pages: Chromium prints the document to PDF; its page objects are counted. */
async function briefPDF(browser, html) {
  const p = await browser.newPage();
  await p.setContent(html, { waitUntil: 'load' });
  const text = await p.evaluate(() => document.body.innerText);
  const pdf = await p.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  await p.close();
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
  return { text, pages };
}

const KINDS = [
  ['site', 'morila'],
  ['corridor', 'bamako-segou'],
  ['zone', 'mopti'],
  ['portfolio', 'mali-mines'],
];

for (const [kind, id] of KINDS) {
  test(`the brief and the picture of a ${kind}, in English and French`, async ({ page, browser }) => {
    const errors = watchErrors(page);
    const aoi = presets.find((p) => p.id === id).aoi;
    for (const lang of ['en', 'fr']) {
      const r = await cardWith(page, aoi, lang);
      const reports = Array.isArray(r) ? r : [r];
      const { html, type, png } = await page.evaluate(async () => {
        const c = document.querySelector('risk-card');
        const b = await c.brief();
        const p = await c.toPNG();
        const bmp = await createImageBitmap(p);
        const bytes = new Uint8Array(await p.arrayBuffer());
        let s = '';
        for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return { html: await b.text(), type: b.type, png: { type: p.type, width: bmp.width, height: bmp.height, b64: btoa(s) } };
      });
      expect(type).toBe('text/html');
      // Self-contained: no URL to fetch (scripts, links, images from elsewhere).
      expect(html).not.toMatch(/<script|<link|src="http|href="http|url\(http/i);
      const { text, pages } = await briefPDF(browser, html);
      const L = lang === 'fr' ? { band: { minimal: 'Minimal', low: 'Faible', moderate: 'Modéré', high: 'Élevé', severe: 'Sévère' }, asOf: 'Données au', src: 'Source' }
        : { band: { minimal: 'Minimal', low: 'Low', moderate: 'Moderate', high: 'High', severe: 'Severe' }, asOf: 'Data as of', src: 'Source' };
      for (const x of reports) {
        if (x.aoi.name) expect(text).toContain(x.aoi.name);
        expect(text).toContain((Math.round(x.score * 10) / 10).toFixed(1));
        expect(text.toLowerCase()).toContain(L.band[x.band].toLowerCase());
      }
      expect(text).toContain(`${L.asOf} ${r.as_of ?? reports[0].as_of}`);
      expect(text).toMatch(new RegExp(`${L.src}: ucdp_candidate_v26_01_06_mali_bfa_ner\\.csv \\(ucdp`));
      expect(text).toContain('UCDP');
      // Pages: a site or zone one or two; a corridor one more per 25 stretches; a portfolio the table, then each area's.
      const stretches = reports[0].route?.segments?.length ?? 0;
      if (kind === 'portfolio') {
        expect(pages).toBeGreaterThanOrEqual(1 + reports.length);
        expect(pages).toBeLessThanOrEqual(1 + 2 * reports.length);
      } else {
        const extra = Math.ceil(stretches / 25);
        expect(pages).toBeGreaterThanOrEqual(1 + extra);
        expect(pages).toBeLessThanOrEqual(2 + extra);
      }
      if (kind === 'corridor') expect(text).toContain(lang === 'fr' ? "ce n'est pas une carte routière" : 'it is not a road map');
      writeFileSync(`${shots}brief-${kind}-${lang}.html`, html);
      // The picture: a PNG 1080 px wide.
      expect(png.type).toBe('image/png');
      expect(png.width).toBe(1080);
      expect(png.height).toBeGreaterThan(400);
      writeFileSync(`${shots}brief-${kind}-${lang}.picture.png`, Buffer.from(png.b64, 'base64'));
      await page.locator('risk-card').screenshot({ path: `${shots}brief-${kind}-${lang}.png` });
      console.log(`${kind} ${lang}: brief ${pages} pages, ${html.length} bytes; picture ${png.width}×${png.height}`);
    }
    expect(errors).toEqual([]);
  });
}

test('the buttons: named in the card language; CSV downloads a file named from the area and as-of', async ({ page }) => {
  const errors = watchErrors(page);
  const r = await cardWith(page, presets.find((p) => p.id === 'morila').aoi, 'fr');
  const actions = page.locator('risk-card').locator('[part=actions] button');
  await expect(actions).toHaveCount(4);
  await expect(actions.nth(0)).toHaveAccessibleName('Note imprimable (A4)');
  const [download] = await Promise.all([page.waitForEvent('download'), actions.nth(2).click()]);
  expect(download.suggestedFilename()).toBe(`Morila-${r.as_of}.csv`);
  expect(errors).toEqual([]);
});

// Under the strict CSP of a corporate intranet (as embed.spec's), from www/ and from dist/riskcard.js
// (one file: the lazy modules are inside it, run when first used): the exports and the brief work
// with no violation; the picture needs to decode an image of the card's own SVG (a data: URL),
// which `img-src 'self'` refuses: it rejects with the code png_refused and the card says so.
import { serve, PORTS } from './serve.mjs';
const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
for (const from of ['www', 'dist']) {
  test(`strict CSP, ${from}: exports and brief work, the picture is refused with a code`, async ({ page }) => {
    const dir = new URL(`${from}/`, root).pathname;
    const body = `<risk-card src="${FILES.map((f) => `/data/${f.split('/').pop()}`).join(' ')}" site="11.673343,-6.850381,50" name="Morila" remember="off"></risk-card>`;
    const script = from === 'www' ? '/riskcard.js' : '/riskcard.js';
    const server = await serve({ port: PORTS.page, root: dir, headers: { 'content-security-policy': STRICT_CSP },
      pages: {
        '/test.html': ['text/html; charset=utf-8', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title><link rel="icon" href="data:,"><script type="module" src="${script}"></script></head><body>${body}</body></html>`],
        ...Object.fromEntries(FILES.map((f) => [`/data/${f.split('/').pop()}`, ['text/csv', readFileSync(new URL(`www/${f}`, root))]])),
      } });
    try {
      const violations = [];
      await page.addInitScript(() => {
        window.__v = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__v.push(`${e.violatedDirective} ${e.blockedURI}`), true);
      });
      await page.goto(`${server.origin}/test.html`);
      await page.waitForFunction(() => document.querySelector('risk-card')?.report, null, { timeout: 30_000 });
      const out = await page.evaluate(async () => {
        const c = document.querySelector('risk-card');
        const csv = await (await c.exportIncidents('csv')).text();
        const brief = await (await c.brief()).text();
        let png;
        try {
          png = (await c.toPNG()).type;
        } catch (e) {
          png = e.code;
        }
        return { rows: csv.split('\r\n').filter(Boolean).length - 1, within: c.report.incidents.within_influence, brief: brief.includes('Morila'), png, v: window.__v };
      });
      expect(out.rows).toBe(out.within);
      expect(out.brief).toBe(true);
      expect(out.png).toBe('png_refused');
      // Refused: the picture's image; and in dist/ the worker's Blob URL (the card then loads on the page, as before this issue).
      violations.push(...out.v.filter((v) => !v.startsWith('img-src data') && !(from === 'dist' && v.startsWith('worker-src blob'))));
      expect(violations).toEqual([]);
    } finally {
      await server.close();
    }
  });
}
