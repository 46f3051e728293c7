// End-to-end: the card at the edges of its data (issue 15). A score from no data is never shown as a
// calm number: the window after the data, an area far from all of it (and the hint when its
// coordinates are swapped), stale data, attributes that cannot be used, a zone's incidents per
// 1,000 km², overlapping releases and `dedupe`. On the real UCDP rows the other tests use.
// Screenshots go to test-results/screens/edge-*.png.
import { test, expect } from '@playwright/test';
import { readFileSync, mkdirSync } from 'node:fs';
import { watchErrors } from './helpers.mjs';

const root = new URL('../../', import.meta.url);
const presets = JSON.parse(readFileSync(new URL('www/data/presets.json', root)));
const shots = new URL('test-results/screens/', root).pathname;
mkdirSync(shots, { recursive: true });
const UCDP = 'data/ucdp_candidate_v26_01_06_mali_bfa_ner.csv data/ucdp_candidate_v26_0_7_mali_bfa_ner.csv';
const MORILA = '11.673343,-6.850381,50';

/** embed.html with these attributes; resolves to the first riskchange or riskerror: {type, detail}. */
async function open(page, attrs) {
  if (!page.__watching) {
    page.__watching = true;
    await page.addInitScript(() => {
      for (const type of ['riskchange', 'riskerror']) document.addEventListener(type, (e) => (window.__first ??= { type, detail: e.detail }));
    });
  }
  await page.goto(`embed.html?${new URLSearchParams(attrs)}`);
  await page.waitForFunction(() => window.__first, null, { timeout: 30_000 });
  return page.evaluate(() => window.__first);
}

const card = (page) => page.locator('risk-card');

test('as-of after the data: the warning above the score, a dash and no band, no verdict for a route', async ({ page }) => {
  const errors = watchErrors(page);
  await page.clock.setFixedTime(new Date('2026-08-10T10:00:00'));
  const { type, detail: r } = await open(page, { src: UCDP, site: MORILA, name: 'Morila', 'as-of': '2031-01-01' });
  expect(type).toBe('riskchange');
  expect(r.score).toBe(0);
  expect(r.warnings.map((w) => w.code)).toEqual(['as_of_after_data']);
  const warnings = card(page).locator('[part=warnings]');
  await expect(warnings).toBeVisible();
  await expect(warnings.locator('li')).toHaveText(['the window (90 days to 2031-01-01) lies after the data, which runs from 2026-01-01 to 2026-07-31: there is nothing to score']);
  // Above the score, and shown as a warning: coloured, not grey text.
  const box = await warnings.boundingBox();
  const gaugeBox = await card(page).locator('[part=score]').boundingBox();
  expect(box.y + box.height).toBeLessThanOrEqual(gaugeBox.y);
  const look = await warnings.evaluate((w) => ({ bg: getComputedStyle(w).backgroundColor, border: getComputedStyle(w).borderLeftWidth }));
  expect(look.bg).not.toBe('rgba(0, 0, 0, 0)');
  expect(parseFloat(look.border)).toBeGreaterThanOrEqual(4);
  await expect(card(page).locator('[part=band]')).toHaveCount(0);
  await expect(card(page).locator('.gauge-number')).toHaveText('—');
  await expect(card(page).locator('[part=no-score]')).toHaveText('No score: nothing to score');
  await expect(card(page).locator('[part=score] svg')).toHaveAttribute('aria-label', 'Proximity score: No score: nothing to score');
  await expect(card(page).getByText('0.0')).toHaveCount(0);
  await card(page).screenshot({ path: `${shots}edge-after-data.png` });

  // A corridor with nothing to score gives no verdict either (a "Go" from no data would be calm).
  const corridor = presets.find((p) => p.id === 'bamako-segou').aoi;
  const r2 = (await open(page, { src: UCDP, aoi: JSON.stringify(corridor), 'as-of': '2020-01-01', lang: 'fr' })).detail;
  expect(r2.warnings.map((w) => w.code)).toContain('as_of_before_data');
  await expect(card(page).locator('[part=route] .verdict')).toHaveText('Pas de verdict');
  await expect(card(page).locator('[part=route] .reason')).toHaveCount(0);
  await expect(card(page).locator('[part=band]')).toHaveCount(0);
  await card(page).screenshot({ path: `${shots}edge-before-data-corridor-fr.png` });
  expect(errors).toEqual([]);
});

test('a site with latitude and longitude swapped: no band, and the warning says to swap them', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-08-10T10:00:00'));
  // Morila typed as lon,lat: lat -6.85, lon 11.67 is in the sea off Congo, 1,000s of km from every incident.
  const { detail: r } = await open(page, { src: UCDP, site: '-6.850381,11.673343,50', name: 'Morila (swapped)' });
  expect(r.warnings.map((w) => w.code)).toEqual(['area_outside_data_swapped']);
  await expect(card(page).locator('[part=warnings] li')).toHaveText([/latitude and longitude swapped: GeoJSON writes \[longitude, latitude\]/]);
  await expect(card(page).locator('[part=band]')).toHaveCount(0);
  await expect(card(page).locator('.gauge-number')).toHaveText('—');
  await card(page).screenshot({ path: `${shots}edge-swapped.png` });
  // Far from the data with nothing to swap to: the plain warning.
  const far = await open(page, { src: UCDP, site: '48.85,2.35,50', name: 'Paris' });
  expect(far.detail.warnings.map((w) => w.code)).toEqual(['area_outside_data']);
  await expect(card(page).locator('[part=warnings] li')).toHaveText([/^no incident in the data, at any date, lies within 100 km of this area/]);
});

test('stale data: the last date and its age from the browser clock; a warning past stale-days', async ({ page }) => {
  const errors = watchErrors(page);
  await page.clock.setFixedTime(new Date('2026-10-15T10:00:00'));
  const { detail: r } = await open(page, { src: UCDP, site: MORILA, name: 'Morila' });
  expect(r.data).toMatchObject({ last_date: '2026-07-31', today: '2026-10-15', age_days: 76 });
  expect(r.warnings.map((w) => w.code)).toEqual(['stale_data']);
  await expect(card(page).locator('[part=data-age]')).toHaveText('Data to 2026-07-31 · 76 days before today');
  await expect(card(page).locator('[part=data-age]')).toHaveClass(/stale/);
  await expect(card(page).locator('[part=warnings] li')).toHaveText(['the data ends on 2026-07-31, 76 days before today (2026-10-15), more than 30: recent incidents are missing from it']);
  // The score still stands (the data is old, not absent): number and band shown.
  await expect(card(page).locator('[part=band]')).toHaveText(/Minimal|Low|Moderate|High|Severe/);
  await card(page).screenshot({ path: `${shots}edge-stale.png` });

  // stale-days raises the threshold: no warning at 100 days.
  const r2 = (await open(page, { src: UCDP, site: MORILA, name: 'Morila', 'stale-days': '100' })).detail;
  expect(r2.warnings).toEqual([]);
  await expect(card(page).locator('[part=warnings]')).toHaveCount(0);
  await expect(card(page).locator('[part=data-age]')).not.toHaveClass(/stale/);

  // Fresh data (today the day after the last incident): "1 day before today", no warning.
  await page.clock.setFixedTime(new Date('2026-08-01T10:00:00'));
  const r3 = (await open(page, { src: UCDP, site: MORILA, name: 'Morila', lang: 'fr' })).detail;
  expect([r3.data.today, r3.data.age_days, r3.warnings.length]).toEqual(['2026-08-01', 1, 0]);
  await expect(card(page).locator('[part=data-age]')).toHaveText("Données jusqu'au 2026-07-31 · 1 jour avant aujourd'hui");
  expect(errors).toEqual([]);
});

test('attributes that cannot be used are errors naming the attribute as written', async ({ page }) => {
  const cases = [
    [{ 'window-days': 'abc' }, 'attribute_not_whole', 'invalid option: the window-days attribute must be a whole number, got "abc"'],
    [{ 'window-days': '7.5' }, 'attribute_not_whole', 'invalid option: the window-days attribute must be a whole number, got "7.5"'],
    [{ 'stale-days': 'x' }, 'attribute_not_whole', 'invalid option: the stale-days attribute must be a whole number, got "x"'],
    [{ dedupe: 'foo' }, 'attribute_not_one_of', 'invalid option: the dedupe attribute must be one of id, content, got "foo"'],
    [{ 'as-of': '12/03/2026' }, 'attribute_not_date', 'invalid option: the as-of attribute must be a date written YYYY-MM-DD, got "12/03/2026"'],
    [{ format: 'xls' }, 'attribute_not_one_of', 'invalid option: the format attribute must be one of auto, acled, ucdp, csv, geojson, json, got "xls"'],
    [{ theme: 'purple' }, 'attribute_not_one_of', 'invalid option: the theme attribute must be one of light, dark, auto, got "purple"'],
    // Checked by the engine, named as the card's attribute.
    [{ 'window-days': '0' }, 'option_out_of_range', 'invalid option: window-days must be between 1 and 3650, got 0'],
    [{ 'as-of': '2026-02-30' }, 'option_not_date', "invalid option: as-of '2026-02-30' is not a date written YYYY-MM-DD"],
    [{ 'stale-days': '99999' }, 'option_out_of_range', 'invalid option: stale-days must be between 1 and 3650, got 99999'],
  ];
  for (const [attrs, code, message] of cases) {
    const out = await open(page, { src: UCDP, site: MORILA, name: 'Morila', ...attrs });
    expect(out.type, JSON.stringify(attrs)).toBe('riskerror');
    expect(out.detail).toMatchObject({ code, kind: 'options', message, area: 'Morila' });
    const attr = Object.keys(attrs)[0];
    expect(out.detail.params.attribute ?? out.detail.params.option).toBe(attr);
    await expect(card(page).locator('.state.error')).toHaveText(`Cannot show the risk card for Morila${message}`);
  }
  await card(page).screenshot({ path: `${shots}edge-bad-attribute.png` });
  // Fixing the attribute brings the card back.
  await page.evaluate(() => document.querySelector('risk-card').setAttribute('stale-days', '30'));
  await page.waitForFunction(() => document.querySelector('risk-card').report);
  await expect(card(page).locator('.state.error')).toHaveCount(0);
  // A theme made good again re-renders without an error; a valid theme change is CSS only.
  await page.evaluate(() => document.querySelector('risk-card').setAttribute('theme', 'nope'));
  await expect(card(page).locator('.state.error')).toContainText('theme');
  await page.evaluate(() => document.querySelector('risk-card').setAttribute('theme', 'dark'));
  await expect(card(page).locator('[part=score]')).toBeVisible();
});

test('a zone shows incidents per 1,000 km² beside the score', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-08-10T10:00:00'));
  const mopti = presets.find((p) => p.id === 'mopti').aoi;
  const { detail: r } = await open(page, { src: UCDP, aoi: JSON.stringify(mopti), 'as-of': '2026-07-31' });
  expect(r.aoi.kind).toBe('zone');
  expect(r.incidents.per_1000_km2).toBeGreaterThan(0);
  const per = card(page).locator('.per-area');
  await expect(per).toHaveText(`${r.incidents.per_1000_km2} incidents per 1,000 km²`);
  // Beside the score: in the counts next to the gauge, on the same row.
  const [g, p] = [await card(page).locator('[part=score]').boundingBox(), await per.boundingBox()];
  expect(p.x).toBeGreaterThan(g.x + g.width - 1);
  expect(p.y).toBeLessThan(g.y + g.height);
  await card(page).screenshot({ path: `${shots}edge-zone-per-area.png` });
  // A site does not show it.
  await open(page, { src: UCDP, site: MORILA, name: 'Morila' });
  await expect(card(page).locator('.per-area')).toHaveCount(0);
});

test('many rows skipped is a warning above the score, not only a grey count', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-08-10T10:00:00'));
  await page.goto(`embed.html?${new URLSearchParams({ site: '14.48,-4.18,50', name: 'Mopti' })}`);
  const file = readFileSync(new URL('tests/fixtures/acled_current.csv', root), 'utf8');
  const r = await page.evaluate((text) => new Promise((ok) => {
    const c = document.querySelector('risk-card');
    c.addEventListener('riskchange', (e) => ok(e.detail), { once: true });
    c.incidents = new File([text], 'acled_current.csv');
  }), file);
  expect(r.warnings.map((w) => w.code)).toContain('many_rows_skipped');
  await expect(card(page).locator('[part=warnings] li[data-code=many_rows_skipped]')).toHaveText(
    'acled_current.csv: 6 of 11 rows were skipped, more than one in ten: the answer rests on the others (see the skipped rows)');
  await card(page).screenshot({ path: `${shots}edge-many-skipped.png` });
});

test('dedupe: overlapping ACLED releases counted twice with a warning, or once with dedupe="content"; each its own load', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-08-10T10:00:00'));
  for (const year of ['2019', '2020']) {
    const body = readFileSync(new URL(`tests/fixtures/acled_mali_${year}.csv`, root));
    await page.route(`**/releases/acled_mali_${year}.csv`, (route) => route.fulfill({ status: 200, contentType: 'text/csv', body }));
  }
  const requests = [];
  page.on('request', (q) => q.url().includes('/releases/') && requests.push(q.url()));
  const base = { src: 'releases/acled_mali_2019.csv releases/acled_mali_2020.csv', site: '15.9182,2.4022,25', name: 'Ménaka', 'as-of': '2017-11-30' };
  const twice = (await open(page, base)).detail;
  expect([twice.incidents.in_aoi, twice.incidents.fatalities]).toEqual([9, 16]);
  await expect(card(page).locator('[part=warnings] li[data-code=possible_duplicates]')).toContainText('load with dedupe content to keep one');
  await card(page).screenshot({ path: `${shots}edge-duplicates.png` });
  // The same card, dedupe="content": a new load (the key has dedupe), the earlier versions removed.
  const once = await page.evaluate(() => new Promise((ok) => {
    const c = document.querySelector('risk-card');
    c.addEventListener('riskchange', (e) => ok(e.detail), { once: true });
    c.setAttribute('dedupe', 'content');
  }));
  expect([once.incidents.in_aoi, once.incidents.fatalities]).toEqual([6, 10]);
  expect(once.warnings.map((w) => w.code)).not.toContain('possible_duplicates');
  await card(page).locator('[part=diagnostics] summary').click();
  await expect(card(page).locator('[part=diagnostics]')).toContainText('the earlier versions were removed (dedupe content)');
  expect(requests.length).toBe(4);
});
