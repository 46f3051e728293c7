// End-to-end: what leaves the card (issue 19), on the real UCDP rows: the incidents used as CSV and
// GeoJSON (as many as the report's within_influence, byte-equal to the CLI's --output), the brief
// printed to PDF by Chromium (name, score, band, as-of, provenance; its pages), the PNG 1080 px
// wide, and the code for each loaded only when first used. Screenshots of the four kinds of area
// in English and French: test-results/screens/brief-*.png (cards, and the PNGs the cards made), and
// map-*.png. The map: towns and rivers named with no two names' boxes intersecting (nor over the
// numbered incident marks), whole, zoomed and dragged; zoom by keys, buttons and wheel; the corridor's
// note; places.js and map.js fetched once, when the card first draws a map.
import { test, expect } from '@playwright/test';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { serve, PORTS } from './serve.mjs';
import { watchErrors } from './helpers.mjs';

const root = new URL('../../', import.meta.url);
const presets = JSON.parse(readFileSync(new URL('www/data/presets.json', root)));
const shots = new URL('test-results/screens/', root).pathname;
mkdirSync(shots, { recursive: true });
const FILES = ['data/ucdp_candidate_v26_01_06_mali_bfa_ner.csv', 'data/ucdp_candidate_v26_0_7_mali_bfa_ner.csv'];
const UCDP = FILES.join(' ');
const LAZY = /\/(brief|png|exports)\.js$/;
const MAP_KIT = /\/(places|map)\.js$/;

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

  // The brief's text (parsed, so an escaped character is read as itself): the full brief has the
  // nearest incidents' notes and places; the public one (below) none of them.
  const briefText = () => page.evaluate(async () => {
    const html = await (await document.querySelector('risk-card').brief()).text();
    return new DOMParser().parseFromString(html, 'text/html').body.textContent;
  });
  const secrets = r.nearest.flatMap((n) => [n.notes, n.location]).filter((t) => t && t.length > 3);
  expect(secrets.length).toBeGreaterThan(10);
  const fullBrief = await briefText();
  expect(secrets.filter((t) => fullBrief.includes(t)).length).toBeGreaterThan(10);

  // Public: the card's export leaves out ids, names, notes and sources, as the public report does.
  const pr = await cardWith(page, morila, 'en', { public: '' });
  const pcsv = await page.evaluate(async () => (await document.querySelector('risk-card').exportIncidents('csv')).text());
  const prow = pcsv.split('\r\n').filter(Boolean);
  expect(prow.length - 1).toBe(pr.incidents.within_influence);
  for (const row of prow.slice(1)) expect(row.startsWith(',')).toBe(true);
  expect(cli([...base, '--output', 'csv', '--public'])).toBe(pcsv);
  // The brief follows the redaction: none of the notes and places the full brief had.
  const publicBrief = await briefText();
  expect(publicBrief).toContain('Morila');
  expect(secrets.filter((t) => publicBrief.includes(t))).toEqual([]);
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
      await page.locator('risk-card').locator('[part=map]').screenshot({ path: `${shots}map-${kind}-${lang}.png` });
      if (kind === 'corridor') await expect(page.locator('risk-card').locator('[part=map] .route-note')).toHaveText(lang === 'fr' ? /ce n'est pas une carte routière/ : /it is not a road map/);
      await expect(page.locator('risk-card').locator('[part=map] .map-tools button').first()).toHaveAccessibleName(lang === 'fr' ? 'Zoomer' : 'Zoom in');
      // The brief's map is named too (not interactive: no buttons, no focus stop).
      expect((html.match(/class="label /g) ?? []).length).toBeGreaterThan(3);
      expect(html).not.toContain('class="map-tools"');
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
        return { rows: csv.split('\r\n').filter(Boolean).length - 1, within: c.report.incidents.within_influence, brief: brief.includes('Morila'), png, v: window.__v,
          labels: c.shadowRoot.querySelectorAll('[part=map] .label').length, briefLabels: (brief.match(/class="label /g) ?? []).length };
      });
      expect(out.rows).toBe(out.within);
      expect(out.brief).toBe(true);
      // The map's towns and rivers: on the card and in the brief (in dist/, inside the one file).
      expect(out.labels).toBeGreaterThan(3);
      expect(out.briefLabels).toBeGreaterThan(3);
      expect(out.png).toBe('png_refused');
      // Refused: the picture's image; and in dist/ the worker's Blob URL (the card then loads on the page, as before this issue).
      violations.push(...out.v.filter((v) => !v.startsWith('img-src data') && !(from === 'dist' && v.startsWith('worker-src blob'))));
      expect(violations).toEqual([]);
    } finally {
      await server.close();
    }
  });
}

test('the map kit (places.js, map.js) loads once, when the card first draws a map', async ({ page }) => {
  const errors = watchErrors(page);
  const kit = [];
  page.on('request', (r) => MAP_KIT.test(new URL(r.url()).pathname) && kit.push(new URL(r.url()).pathname));
  await page.goto(`embed.html?${new URLSearchParams({ src: UCDP, remember: 'off', 'window-days': '365' })}`);
  await page.waitForFunction(() => customElements.get('risk-card'));
  await page.waitForLoadState('networkidle');
  expect(kit).toEqual([]);
  const set = (a) => page.evaluate(async (aoi) => {
    const c = document.querySelector('risk-card');
    const done = new Promise((ok) => c.addEventListener('riskchange', ok, { once: true }));
    c.aoi = aoi;
    await done;
    return c.shadowRoot.querySelectorAll('[part=map] .label').length;
  }, a);
  expect(await set(presets.find((p) => p.id === 'morila').aoi)).toBeGreaterThan(3);
  expect(await set(presets.find((p) => p.id === 'mopti').aoi)).toBeGreaterThan(3);
  expect(kit.sort()).toEqual(['/map.js', '/places.js']);
  expect(errors).toEqual([]);
});

test('the map: towns and rivers labelled with no two labels overlapping, a scale bar, zoom and pan by keys, buttons and wheel', async ({ page }) => {
  const errors = watchErrors(page);
  const counts = {};
  for (const id of ['morila', 'bamako-segou', 'mopti', 'mali-mines']) {
    await cardWith(page, presets.find((p) => p.id === id).aoi);
    const card = page.locator('risk-card');
    const map = card.locator('[part=map] svg');
    await expect(map).toHaveAttribute('role', 'img');
    expect(await map.getAttribute('aria-label')).toMatch(/\+ and − zoom/);
    const tools = card.locator('[part=map] .map-tools button');
    for (const [i, name] of ['Zoom in', 'Zoom out', 'Whole map'].entries()) await expect(tools.nth(i)).toHaveAccessibleName(name);
    const boxes = () => map.evaluate((svgEl) => ({
      vb: svgEl.getAttribute('viewBox').split(' ').map(Number),
      list: [...svgEl.querySelectorAll('.label, .pin, .scale-bar')].map((n) => {
        const b = n.getBBox();
        return { cls: n.getAttribute('class'), text: n.textContent, box: [b.x, b.y, b.x + b.width, b.y + b.height] };
      }),
    }));
    const check = ({ vb, list }, when) => {
      const labels = list.filter((b) => b.cls.startsWith('label'));
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          const [a, b] = [list[i], list[j]];
          if (!a.cls.startsWith('label') && !b.cls.startsWith('label')) continue; // two incident marks may touch, or the scale bar
          const hit = a.box[0] < b.box[2] && b.box[0] < a.box[2] && a.box[1] < b.box[3] && b.box[1] < a.box[3];
          expect(hit, `${id} ${when}: "${a.text}" ${a.box.map((v) => v.toFixed(3))} and "${b.text}" ${b.box.map((v) => v.toFixed(3))} overlap`).toBe(false);
        }
      }
      // Every name on the map, none cut by its edge.
      for (const l of labels) {
        const inside = l.box[0] >= vb[0] && l.box[1] >= vb[1] && l.box[2] <= vb[0] + vb[2] && l.box[3] <= vb[1] + vb[3];
        expect(inside, `${id} ${when}: "${l.text}" off the map`).toBe(true);
      }
      return labels;
    };
    const first = check(await boxes(), 'whole');
    counts[id] = [first.length];
    expect(first.length, `${id}: labels`).toBeGreaterThan(3);
    expect(first.some((l) => l.cls.includes('river-label')), `${id}: a river named`).toBe(true);
    expect(await map.locator('.scale-bar text').textContent()).toMatch(/^\d+ km$/);
    // Zoom in with the keyboard: the view narrows, the labels are placed again, still apart.
    const width = async () => Number((await map.getAttribute('viewBox')).split(' ')[2]);
    const before = await map.getAttribute('viewBox');
    const w0 = Number(before.split(' ')[2]);
    await map.focus();
    await page.keyboard.press('+');
    expect(await width()).toBeCloseTo(w0 / 1.5, 3);
    await page.keyboard.press('ArrowRight');
    counts[id].push(check(await boxes(), 'zoomed by key').length);
    await page.keyboard.press('-');
    expect(await width()).toBeCloseTo(w0, 3);
    // The buttons: in, in, out, then the whole map again.
    await tools.nth(0).click();
    await tools.nth(0).click();
    expect(await width()).toBeCloseTo(w0 / 2.25, 3);
    counts[id].push(check(await boxes(), 'zoomed by button').length);
    await tools.nth(1).click();
    expect(await width()).toBeCloseTo(w0 / 1.5, 3);
    await tools.nth(2).click();
    const back = (await map.getAttribute('viewBox')).split(' ').map(Number);
    before.split(' ').map(Number).forEach((v, i) => expect(back[i]).toBeCloseTo(v, 2));
    // The wheel zooms where the pointer is; a drag moves the view.
    await map.hover();
    await page.mouse.wheel(0, -200);
    await expect.poll(width).toBeLessThan(w0);
    const vb1 = (await map.getAttribute('viewBox')).split(' ').map(Number);
    const r = await map.boundingBox();
    await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2);
    await page.mouse.down();
    await page.mouse.move(r.x + r.width / 2 - 60, r.y + r.height / 2 - 30, { steps: 4 });
    await page.mouse.up();
    const vb2 = (await map.getAttribute('viewBox')).split(' ').map(Number);
    expect(vb2[0]).toBeGreaterThan(vb1[0]);
    expect(vb2[1]).toBeGreaterThan(vb1[1]);
    check(await boxes(), 'dragged');
    const note = card.locator('[part=map] .route-note');
    if (id === 'bamako-segou') await expect(note).toHaveText("The line joins the route's waypoints; it is not a road map.");
    else await expect(note).toHaveCount(0);
    await tools.nth(2).click();
    await card.locator('[part=map]').screenshot({ path: `${shots}map-${id}.png` });
  }
  console.log(`labels (whole, zoomed by key, zoomed by button): ${JSON.stringify(counts)}`);
  // The placement itself, pure: dense candidates, none kept overlapping.
  const placed = await page.evaluate(async () => {
    const { placeLabels } = await import('./map.js');
    const items = Array.from({ length: 200 }, (_, i) => ({ text: `T${i}`, x: (i * 37) % 100, y: (i * 53) % 100, w: 12, h: 4, gap: 1 }));
    return placeLabels(items, [[40, 40, 60, 60]], [0, 0, 100, 100]).map((p) => p.box);
  });
  expect(placed.length).toBeGreaterThan(20);
  for (let i = 0; i < placed.length; i++) {
    const a = placed[i];
    expect(a[0] < 60 && 40 < a[2] && a[1] < 60 && 40 < a[3]).toBe(false);
    for (let j = i + 1; j < placed.length; j++) {
      const b = placed[j];
      expect(a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]).toBe(false);
    }
  }
  expect(errors).toEqual([]);
});
