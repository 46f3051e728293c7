// End-to-end: accessible to WCAG 2.2 AA and bilingual to the last message (issue 17). axe-core (npm,
// pinned) inside the card's shadow DOM and on the page for every kind of area × theme × language;
// the colours measured (scripts/colours.mjs); keyboard walks; the live region; every message in
// English and French; text from data isolated and clamped. Screenshots: test-results/screens/a11y-*.png.
import { test, expect } from '@playwright/test';
import { readFileSync, mkdirSync } from 'node:fs';
import { measure } from '../../scripts/colours.mjs';
import { CATEGORY_COLORS, BAND_COLORS, BAND_TEXT } from '../../www/palette.js';
import { reportOf } from './helpers.mjs';

const root = new URL('../../', import.meta.url);
const presets = JSON.parse(readFileSync(new URL('www/data/presets.json', root)));
const shots = new URL('test-results/screens/', root).pathname;
mkdirSync(shots, { recursive: true });
const AXE = new URL('node_modules/axe-core/axe.min.js', root).pathname;
const UCDP = 'data/ucdp_candidate_v26_01_06_mali_bfa_ner.csv data/ucdp_candidate_v26_0_7_mali_bfa_ner.csv';
const aoiOf = (id) => JSON.stringify(presets.find((p) => p.id === id).aoi);
const KINDS = { site: aoiOf('morila'), corridor: aoiOf('bamako-segou'), zone: aoiOf('mopti'), portfolio: aoiOf('mali-mines') };
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const rgb = (h) => `rgb(${[1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)).join(', ')})`;

// Today two weeks after the data's last day, unless a test says otherwise.
test.beforeEach(async ({ page }) => page.clock.setFixedTime(new Date('2026-08-14T09:00:00')));

/** axe-core on the page and inside the card's shadow root (axe reads open shadow roots), WCAG 2.2 A
 * and AA rules, with every disclosure of the card open so that what they hold is checked too. */
async function axe(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async (tags) => {
    for (const c of document.querySelectorAll('risk-card')) for (const d of c.shadowRoot.querySelectorAll('details')) d.open = true;
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return { violations: r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0].target.join(' ')} — ${v.nodes[0].failureSummary.split('\n')[1]?.trim()}`),
      rules: r.passes.length + r.incomplete.length + r.inapplicable.length + r.violations.length };
  }, WCAG);
}

for (const [kind, aoi] of Object.entries(KINDS)) {
  for (const theme of ['light', 'dark']) {
    for (const lang of ['en', 'fr']) {
      test(`axe-core: no WCAG 2.2 A/AA violation — ${kind}, ${theme}, ${lang}`, async ({ page }) => {
        await page.goto(`embed.html?${new URLSearchParams({ src: UCDP, aoi, 'as-of': '2026-07-31', theme, lang })}`);
        await reportOf(page);
        const out = await axe(page);
        expect(out.violations).toEqual([]);
        expect(out.rules).toBeGreaterThan(50); // the rules ran
        if (kind === 'site' && theme === 'light' && lang === 'en') {
          // Axe reaches into the shadow root: grey on white text put there is found.
          await page.evaluate(() => {
            const s = document.querySelector('risk-card').shadowRoot.querySelector('footer');
            const bad = s.appendChild(document.createElement('span'));
            bad.textContent = 'low contrast';
            bad.style.setProperty('color', '#bbbbbb');
          });
          expect((await axe(page)).violations.map((v) => v.split(' ')[0])).toEqual(['color-contrast']);
        }
        if (kind === 'corridor' || kind === 'portfolio') await page.locator('risk-card').screenshot({ path: `${shots}a11y-${kind}-${theme}-${lang}.png` });
      });
    }
  }
}

test('axe-core: the demo page and a card with warnings and a stale data line', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-12-04T09:00:00'));
  await page.goto('index.html#morila');
  await reportOf(page, '#card');
  expect((await axe(page)).violations).toEqual([]);
  for (const theme of ['light', 'dark']) {
    await page.goto(`embed.html?${new URLSearchParams({ src: UCDP, site: '-6.850381,11.673343,50', name: 'Morila (swapped)', theme, lang: 'fr' })}`);
    await reportOf(page);
    await expect(page.locator('risk-card [part=warnings] li')).toHaveCount(2); // swapped, and stale
    expect((await axe(page)).violations).toEqual([]);
    await page.locator('risk-card').screenshot({ path: `${shots}a11y-warnings-${theme}-fr.png` });
  }
});

test('colours: text on a band 4.5:1, bands and category dots 3:1 in both themes, categories apart under deuteranopia and protanopia', async ({ page }) => {
  const m = measure();
  for (const b of m.bands) {
    expect(b.text, `${b.band} text`).toBeGreaterThanOrEqual(4.5);
    expect(b.light, `${b.band} on light`).toBeGreaterThanOrEqual(3);
    expect(b.dark, `${b.band} on dark`).toBeGreaterThanOrEqual(3);
  }
  for (const c of m.categories) {
    expect(c.land, `${c.theme} ${c.category} on land`).toBeGreaterThanOrEqual(3);
    expect(c.sea, `${c.theme} ${c.category} on sea`).toBeGreaterThanOrEqual(3);
  }
  for (const [theme, v] of Object.entries(m.vision)) {
    for (const kind of ['deuteranopia', 'protanopia']) expect(v[kind][0], `${theme} ${kind}: ${v[kind].slice(1).join(' ~ ')}`).toBeGreaterThanOrEqual(10);
    expect(v.normal[0], `${theme} normal vision`).toBeGreaterThanOrEqual(15);
  }
  // The card draws with these colours: dark dots in the light theme, light dots in the dark.
  for (const theme of ['light', 'dark']) {
    await page.goto(`embed.html?${new URLSearchParams({ src: UCDP, aoi: KINDS.corridor, 'as-of': '2026-07-31', theme })}`);
    const r = await reportOf(page);
    const seen = await page.evaluate(() => {
      const s = document.querySelector('risk-card').shadowRoot;
      const css = (el) => getComputedStyle(el);
      return { dot: css(s.querySelector('.dot.c-battle')).fill, key: css(s.querySelector('.legend i.c-battle')).backgroundColor,
        band: css(s.querySelector('[part=band]')).backgroundColor, bandText: css(s.querySelector('[part=band]')).color };
    });
    expect(seen.dot).toBe(rgb(CATEGORY_COLORS[theme].battle));
    expect(seen.key).toBe(rgb(CATEGORY_COLORS[theme].battle));
    expect([seen.band, seen.bandText]).toEqual([rgb(BAND_COLORS[r.band]), rgb(BAND_TEXT[r.band])]);
  }
});

/** The focused element, through shadow roots: what it is and how its focus shows. */
const focused = (page) => page.evaluate(() => {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  const s = getComputedStyle(a);
  return { tag: a.tagName.toLowerCase(), text: a.textContent.trim().slice(0, 50), row: a.dataset.row ?? null, current: a.getAttribute('aria-current'),
    open: a.parentElement?.open ?? null, outline: `${s.outlineStyle} ${s.outlineWidth}`, inCard: a.getRootNode() !== document };
});

test('keyboard: every control reachable with a visible focus; a portfolio row keeps the focus when chosen; Escape closes a disclosure', async ({ page }) => {
  await page.goto(`embed.html?${new URLSearchParams({ src: UCDP, aoi: KINDS.portfolio, 'as-of': '2026-07-31' })}`);
  const r = await reportOf(page);
  const walk = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (!f.inCard) break;
    walk.push(f);
  }
  // Every stop shows its focus: a 3 px outline.
  for (const f of walk) expect(f.outline, `${f.tag} ${f.text}`).toBe('solid 3px');
  // The portfolio's rows first, in rank order; then the data tables, the notes, the diagnostics.
  const rows = walk.filter((f) => f.row !== null);
  expect(rows.map((f) => f.text)).toEqual(r.map((x) => x.aoi.name));
  expect(walk.indexOf(rows[0])).toBe(0);
  expect(walk.some((f) => f.tag === 'summary' && /table/.test(f.text))).toBe(true);
  expect(walk.some((f) => f.tag === 'summary' && f.text === 'Notes')).toBe(true);

  // Enter on the third row: that area opens below, and the focus stays on its row, marked current.
  await page.keyboard.press('Shift+Tab'); // back into the card
  const third = page.locator('risk-card [part=portfolio] button[data-row="2"]');
  await third.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('risk-card h2')).toHaveText(r[2].aoi.name);
  const after = await focused(page);
  expect([after.tag, after.row, after.current, after.text]).toEqual(['button', '2', 'true', r[2].aoi.name]);
  expect(after.outline).toBe('solid 3px');
  await expect(page.locator('risk-card [part=portfolio] [aria-current=true]')).toHaveCount(1);
  await page.locator('risk-card').screenshot({ path: `${shots}a11y-keyboard-row.png` });

  // A disclosure: Enter opens, Escape closes and leaves the focus on its summary (from inside it too).
  const notes = page.locator('risk-card [part=nearest] summary').first();
  await notes.focus();
  await page.keyboard.press('Enter');
  expect((await focused(page)).open).toBe(true);
  await page.keyboard.press('Escape');
  let f = await focused(page);
  expect([f.tag, f.text, f.open]).toEqual(['summary', 'Notes', false]);
  const table = page.locator('risk-card [part=trend] details.data > summary');
  await table.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab'); // into the table's scrolling region
  f = await focused(page);
  expect([f.tag, f.outline]).toEqual(['div', 'solid 3px']);
  await page.keyboard.press('Escape');
  f = await focused(page);
  expect([f.tag, f.text, f.open]).toEqual(['summary', 'The data as a table', false]);
});

test('keyboard: the demo page\'s drop zone is a button that opens the file chooser', async ({ page }) => {
  // Listening before the page loads: the browser then hands file choosers to the test from the start.
  const choosers = [];
  page.on('filechooser', (c) => choosers.push(c));
  await page.goto('index.html#morila');
  await reportOf(page, '#card');
  await page.locator('#data-text').focus();
  await page.keyboard.press('Shift+Tab');
  const f = await focused(page);
  expect([f.tag, f.text.startsWith('Choose an incident file'), f.outline]).toEqual(['button', true, 'solid 3px']);
  await page.keyboard.press('Enter');
  await expect.poll(() => choosers.length).toBe(1);
  const [chooser] = choosers;
  const changed = page.evaluate(() => new Promise((ok) => document.querySelector('#card').addEventListener('riskchange', (e) => ok(e.detail), { once: true })));
  await chooser.setFiles(new URL('tests/fixtures/acled_current.csv', root).pathname);
  expect((await changed).diagnostics.rows_loaded).toBe(5);
  await expect(page.locator('#data-msg')).toHaveText('Using acled_current.csv.');
});

test('the live region says the new score after each update, in the card\'s language', async ({ page }) => {
  await page.goto(`embed.html?${new URLSearchParams({ src: UCDP, aoi: KINDS.corridor, 'as-of': '2026-07-31' })}`);
  await reportOf(page);
  const live = page.locator('risk-card [aria-live=polite]');
  await expect(live).toHaveText('Score 42.8, moderate, Bamako – Fana – Ségou');
  await expect(live).toHaveAttribute('role', 'status');
  await page.evaluate(() => document.querySelector('risk-card').setAttribute('lang', 'fr'));
  await expect(live).toHaveText('Score 42.8, modéré, Bamako – Fana – Ségou');
  await expect(live).toHaveAttribute('lang', 'fr');
  await page.evaluate(() => document.querySelector('risk-card').setAttribute('as-of', '2031-01-01'));
  await expect(live).toHaveText('Pas de score : rien à évaluer, Bamako – Fana – Ségou');
  await page.evaluate(() => document.querySelector('risk-card').setAttribute('window-days', '30'));
  await page.evaluate(() => document.querySelector('risk-card').setAttribute('as-of', '2026-07-31'));
  await expect(live).toHaveText(/^Score \d+\.\d, [a-zé]+, Bamako – Fana – Ségou$/);
});

test('a French card says its errors in French; riskerror keeps the English message', async ({ page }) => {
  const cases = [
    [{ site: '11.67,-6.85,-5', name: 'Morila' }, "Impossible d'afficher la fiche de risque pour Morila", "zone d'intérêt invalide : radius_km doit être un nombre > 0 (reçu -5)",
      'invalid area of interest: radius_km must be a number > 0 (got -5)'],
    [{ aoi: '{"type":"Polygon","coordinates":[[[0,10],[1,10],[1,11],[0,10.5]]]}' }, "Impossible d'afficher la fiche de risque",
      "zone d'intérêt invalide : l'anneau 1 n'est pas fermé : la première position [0, 10] diffère de la dernière [0, 10.5]",
      'invalid area of interest: ring 1 is not closed: first position [0, 10] differs from last [0, 10.5]'],
    [{ site: '11.67,-6.85,50', name: 'Morila', 'window-days': 'abc' }, "Impossible d'afficher la fiche de risque pour Morila",
      "option invalide : l'attribut window-days doit être un nombre entier, reçu « abc »", 'invalid option: the window-days attribute must be a whole number, got "abc"'],
    [{ site: '11.67,-6.85,50', name: 'Morila', src: 'data/missing.csv' }, "Impossible d'afficher la fiche de risque pour Morila",
      'impossible de télécharger missing.csv : HTTP 404', 'could not fetch missing.csv: HTTP 404'],
  ];
  for (const [attrs, title, french, english] of cases) {
    await page.goto(`embed.html?${new URLSearchParams({ src: UCDP, lang: 'fr', ...attrs })}`);
    const detail = page.evaluate(() => new Promise((ok) => {
      const c = document.querySelector('risk-card');
      if (c.shadowRoot.querySelector('.state.error')) ok(null);
      c.addEventListener('riskerror', (e) => ok(e.detail), { once: true });
    }));
    await expect(page.locator('risk-card .state.error')).toHaveText(title + french);
    await expect(page.locator('risk-card .card')).toHaveAttribute('lang', 'fr');
    const d = await detail;
    if (d) expect(d.message).toBe(english);
  }
  await page.locator('risk-card').screenshot({ path: `${shots}a11y-error-fr.png` });
});

test('lang="de": the card is in English and says so (lang="en"), with one console warning', async ({ page }) => {
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await page.goto('embed.html');
  await page.evaluate((src) => {
    for (const id of ['a', 'b']) {
      const c = document.createElement('risk-card');
      Object.assign(c, { id });
      for (const [k, v] of Object.entries({ src, site: '11.673343,-6.850381,50', name: 'Morila', lang: 'de', 'as-of': '2026-07-31' })) c.setAttribute(k, v);
      document.body.append(c);
    }
  }, UCDP);
  await reportOf(page, '#a');
  await reportOf(page, '#b');
  for (const id of ['a', 'b']) {
    await expect(page.locator(`#${id} .card`)).toHaveAttribute('lang', 'en');
    await expect(page.locator(`#${id} [part=band]`)).toHaveText(/^(Minimal|Low|Moderate|High|Severe)$/);
  }
  expect(warnings).toEqual(['riskcard: lang="de" is not a language riskcard is written in (en, fr): the card is in English']);
  // A supported language with a region: French, marked fr.
  await page.evaluate(() => document.querySelector('#a').setAttribute('lang', 'fr-BF'));
  await expect(page.locator('#a .card')).toHaveAttribute('lang', 'fr');
  await expect(page.locator('#a [part=nearest] h3')).toHaveText('Incidents les plus proches');
});

test('every message, the engine\'s and the card\'s, in English and in French from its code; the English equal to the engine\'s own', async ({ page }) => {
  await page.route('**/__fixtures/*', (route) => route.fulfill({ status: 200, contentType: 'text/csv',
    body: readFileSync(new URL(`tests/fixtures/${route.request().url().split('/').pop()}`, root)) }));
  await page.goto('embed.html');
  const out = await page.evaluate(async (files) => {
    const { say, errorText, labels, knows } = await import('./i18n.js');
    const { ENGINE_MESSAGES } = await import('./messages.en.js');
    const { SHELL_MESSAGES } = await import('./messages.js');
    const { FR_MESSAGES } = await import('./messages.fr.js');
    const { loadEngine } = await import('./riskcard.js');
    const [en, fr] = [labels('en'), labels('fr')];
    const inner = { code: 'json_expected_value', params: {}, message: 'expected a value' };
    // Every code and shape, with a value for each parameter (a nested message where the engine nests one).
    const all = [];
    for (const [code, shapes] of Object.entries(ENGINE_MESSAGES)) {
      for (const [names] of shapes) all.push({ code, params: Object.fromEntries(names.map((n, i) => [n, ['problem', 'detail', 'cause'].includes(n) ? inner : n.endsWith('band') || n === 'band' ? 'moderate' : i % 2 ? 7.5 : `«${n}»`])) });
    }
    for (const [code, [, text]] of Object.entries(SHELL_MESSAGES)) all.push({ code, params: Object.fromEntries([...text.matchAll(/\{(\w+)\}/g)].map(([, n]) => [n, `«${n}»`])) });
    const rendered = all.map((m) => ({ code: m.code, known: knows(m), hasFr: m.code in FR_MESSAGES, en: say(m, en), fr: say(m, fr), params: Object.keys(m.params) }));
    // Real messages from the engine: errors, skipped rows, load and report warnings, route reasons.
    const engine = await loadEngine();
    const real = [];
    const site = (r) => ({ type: 'Feature', properties: { name: 'X', radius_km: r }, geometry: { type: 'Point', coordinates: [-6.85, 11.67] } });
    const bad = [
      () => engine.assess(site(-5)), () => engine.assess(site(5000)), () => engine.assess({ type: 'Polygon', coordinates: [[[0, 10], [1, 10], [1, 11], [0, 10.5]]] }),
      () => engine.assess({ type: 'FeatureCollection', features: [site(1), { type: 'Feature', properties: { name: 'Bad' }, geometry: { type: 'Point', coordinates: [1, 2] } }] }),
      () => engine.assess({ type: 'LineString', coordinates: [[1, 2]] }), () => engine.assess({ type: 'Point', coordinates: [500, 2] }),
      () => engine.assess('{"type": "Point", "coordinates": [1, }'), () => engine.assess(site(5), { windowDays: 0 }), () => engine.assess(site(5), { windowDays: 7.5 }),
      () => engine.assess(site(5), { asOf: '2026-02-30' }), () => engine.assess(site(5), { trendBin: 'day' }), () => engine.assess(site(5), { windowDayz: 3 }),
      () => engine.load('name,age\nbob,3\n'), () => engine.load(''), () => engine.load('{"x": 1}', { format: 'geojson' }),
    ];
    for (const f of bad) {
      try { f(); } catch (e) { real.push({ kind: 'error', m: e, en: errorText(e, en), fr: errorText(e, fr), want: e.message }); }
    }
    for (const name of ['acled_current.csv', 'acled_us_dates.csv', 'acled_ambiguous_dates.csv', 'acled_2016.csv', 'acled_r_export.csv', 'acled_hdx.csv']) {
      const text = await (await fetch(`/__fixtures/${name}`)).text();
      const d = engine.load(text, { name });
      for (const e of d.errors) real.push({ kind: 'row', m: e, en: say({ ...e, message: e.reason }, en), fr: say({ ...e, message: e.reason }, fr), want: e.reason });
      for (const w of d.warnings) real.push({ kind: 'warning', m: w, en: say(w, en), fr: say(w, fr), want: w.message });
    }
    const ucdp = await loadEngine();
    for (const f of files) ucdp.load(new Uint8Array(await (await fetch(f)).arrayBuffer()), { name: f.split('/').pop() });
    for (const [aoi, asOf, today] of [[site(50), '2031-01-01'], [site(50), '2026-02-01'], [{ ...site(50), geometry: { type: 'Point', coordinates: [11.67, -6.85] } }], [site(50), undefined, '2026-12-04']]) {
      for (const w of ucdp.assess(aoi, { asOf, today }).warnings) real.push({ kind: 'report', m: w, en: say(w, en), fr: say(w, fr), want: w.message });
    }
    const pre = await (await fetch('data/presets.json')).json();
    for (const p of pre.filter((x) => x.aoi.geometry?.type === 'LineString')) {
      for (const asOf of ['2026-07-31', '2026-03-01']) {
        const r = ucdp.assess(p.aoi, { asOf }).route;
        const m = { code: r.verdict_reason_code, params: r.verdict_reason_params, message: r.verdict_reason };
        real.push({ kind: 'route', m, en: say(m, en), fr: say(m, fr), want: r.verdict_reason });
      }
    }
    return { rendered, real };
  }, UCDP.split(' '));
  const codes = new Set(out.rendered.map((r) => r.code));
  expect(codes.size).toBeGreaterThan(140);
  for (const r of out.rendered) {
    expect(r.known, r.code).toBe(true);
    expect(r.hasFr, `no French for ${r.code}`).toBe(true);
    for (const text of [r.en, r.fr]) {
      expect(text, r.code).not.toMatch(/\{\w+\}|\bundefined\b|\bnull\b|\bNaN\b/);
      for (const p of r.params.filter((n) => !['problem', 'detail', 'cause'].includes(n) && !n.endsWith('band'))) {
        if (!/^«/.test(p)) expect(text.includes(`«${p}»`) || text.includes('7.5'), `${r.code}: ${p}`).toBe(true);
      }
    }
    expect(r.fr, `${r.code}: the French is the English`).not.toBe(r.en);
  }
  // The English the card makes from codes is the engine's own, to the character; the French is not English.
  const kinds = new Set(out.real.map((r) => r.kind));
  expect([...kinds].sort()).toEqual(['error', 'report', 'route', 'row', 'warning']);
  expect(out.real.length).toBeGreaterThan(30);
  for (const r of out.real) {
    expect(r.en, `${r.kind} ${r.m.code}`).toBe(r.want);
    expect(r.fr, `${r.kind} ${r.m.code}`).not.toBe(r.want);
    expect(r.fr).not.toMatch(/\{\w+\}|undefined/);
  }
});

test('text from data is isolated and clamped: a 100 kB place name and a right-to-left override cannot take over the card', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 900 });
  await page.goto(`embed.html?${new URLSearchParams({ site: '11.673343,-6.850381,50', lang: 'fr' })}`);
  const huge = 'Kalana '.repeat(15000); // 105 kB
  const rlo = 'Sanso \u202Eabc (mine) 12';
  const rows = [
    { id: 'a', date: '2026-07-30', lat: 11.70, lon: -6.86, event_type: 'battle', location: huge, notes: huge, actors: [rlo], fatalities: 1 },
    { id: 'b', date: '2026-07-29', lat: 11.60, lon: -6.80, event_type: 'battle', location: rlo, fatalities: 2 },
  ];
  await page.evaluate((data) => {
    const card = document.querySelector('risk-card');
    card.setAttribute('name', `Morila ${'Ouagadougou '.repeat(8500)}`); // 102 kB
    card.incidents = JSON.stringify(data);
  }, rows);
  await reportOf(page);
  const size = () => page.evaluate(() => {
    const c = document.querySelector('risk-card');
    return { height: c.getBoundingClientRect().height, overflow: c.shadowRoot.querySelector('.card').scrollWidth - c.shadowRoot.querySelector('.card').clientWidth };
  });
  let s = await size();
  expect(s.height).toBeLessThan(2 * 900);
  expect(s.overflow).toBeLessThanOrEqual(0);
  // Every piece of text from the data sits in an isolate (<bdi> or an element with dir).
  const isolated = await page.evaluate((marks) => {
    const root = document.querySelector('risk-card').shadowRoot;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const out = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (marks.some((m) => n.data.includes(m))) out.push(n.parentElement.closest('bdi, [dir]') ? true : `${n.parentElement.tagName}.${n.parentElement.className}: ${n.data.slice(0, 30)}`);
    }
    return out;
  }, ['\u202E', 'Kalana Kalana', 'Ouagadougou Ouagadougou']);
  expect(isolated.length).toBeGreaterThanOrEqual(4);
  expect(isolated.filter((x) => x !== true)).toEqual([]);
  await page.screenshot({ path: `${shots}a11y-long-text.png`, fullPage: true });
  // The whole name is reachable: its disclosure shows it in a box that scrolls; the card stays bounded.
  const more = page.locator('risk-card header details.more');
  await more.locator('summary').click();
  await expect(more.locator('.full')).toHaveText(/^Morila (Ouagadougou ){8000,}/);
  for (const d of await page.locator('risk-card details').all()) await d.evaluate((x) => { x.open = true; });
  s = await size();
  expect(s.height).toBeLessThan(2 * 900 + 1200); // every disclosure open: each long field in a box of ~12 lines
  expect((await axe(page)).violations).toEqual([]);
});

test('prefers-reduced-motion and forced colours: no motion; still readable, the band and warnings outlined', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce', forcedColors: 'active' });
  await page.goto(`embed.html?${new URLSearchParams({ src: UCDP, aoi: KINDS.corridor, 'as-of': '2026-07-31' })}`);
  await reportOf(page);
  const look = await page.evaluate(() => {
    const s = document.querySelector('risk-card').shadowRoot;
    const css = (sel) => getComputedStyle(s.querySelector(sel));
    const sheet = s.adoptedStyleSheets[0];
    const motion = [...sheet.cssRules].find((r) => r.conditionText === '(prefers-reduced-motion: reduce)');
    return { band: css('[part=band]').borderTopColor, verdict: css('.verdict').borderTopColor, motionApplies: window.matchMedia(motion.conditionText).matches,
      rule: motion.cssRules[0].style.getPropertyValue('animation'), transition: css('details summary').transitionDuration };
  });
  expect(look.motionApplies).toBe(true);
  expect(look.rule).toMatch(/none/);
  expect(look.transition).toBe('0s');
  expect(look.band).not.toBe('rgba(0, 0, 0, 0)');
  expect(look.verdict).not.toBe('rgba(0, 0, 0, 0)');
  await page.locator('risk-card').screenshot({ path: `${shots}a11y-forced-colors.png` });
});

test('the labels in English and French have the same keys', async ({ page }) => {
  await page.goto('embed.html');
  const [en, fr] = await page.evaluate(async () => {
    const { labels } = await import('./i18n.js');
    const keys = (o, p = '') => Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${p}${k}.`) : [`${p}${k}`]));
    return [keys(labels('en')).filter((k) => !k.startsWith('compass.')).sort(), keys(labels('fr')).filter((k) => !k.startsWith('compass.')).sort()];
  });
  expect(fr).toEqual(en);
});
