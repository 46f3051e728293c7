#!/usr/bin/env node
// `make bench`: one headless Chromium page, 1M synthetic incidents over ten years, a 90-day window;
// medians over repeated runs with the area moved slightly each run; ratios against PapaParse, uDSV
// and turf.js measured in the same page. Writes docs/PERFORMANCE.md.
import { execFileSync, execSync } from 'node:child_process';
import { createServer } from 'node:http';
import { createReadStream, existsSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const ROWS = Number(process.env.BENCH_ROWS || 1_000_000);
const root = new URL('..', import.meta.url).pathname;
const data = join(root, `bench-data/acled_${ROWS}.csv`);
mkdirSync(join(root, 'bench-data'), { recursive: true });
if (!existsSync(data)) {
  console.log(`generating ${ROWS} synthetic ACLED rows…`);
  execFileSync(join(root, 'target/release/riskcard'), ['gen', '--rows', String(ROWS), '--seed', '42', '--out', data], { stdio: 'inherit' });
}
mkdirSync(join(root, 'target/bench'), { recursive: true });
execFileSync(join(root, 'node_modules/.bin/esbuild'), ['benches/browser/peers.js', '--bundle', '--format=esm', '--minify', '--outfile=target/bench/peers.js', '--log-level=warning'], { cwd: root, stdio: 'inherit' });

// A static server on 127.0.0.1 for the page, the widget, the peers and the data; it stops with us.
const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.csv': 'text/csv', '.json': 'application/json' };
const allowed = ['www/', 'benches/browser/', 'target/bench/', 'bench-data/'];
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^\/+/, '');
  if (!allowed.some((a) => path.startsWith(a)) || !existsSync(join(root, path))) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': types[extname(path)] || 'application/octet-stream', 'content-length': statSync(join(root, path)).size });
  createReadStream(join(root, path)).pipe(res);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--js-flags=--max-old-space-size=16000'],
});
const page = await browser.newPage();
page.on('pageerror', (e) => console.error('page error:', e.message));
page.setDefaultTimeout(0);
await page.goto(`${base}benches/browser/bench.html`);
await page.waitForFunction(() => window.bench);
const run = (name, ...args) => page.evaluate(([n, a]) => window.bench[n](...a), [name, args]);

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const ms = (x) => `${x < 10 ? x.toFixed(2) : x.toFixed(0)} ms`;
const ratio = (a, b) => `${(a / b).toFixed(1)}×`;

const size = await run('fetchData', `/bench-data/acled_${ROWS}.csv`);
console.log(`data: ${(size / 1e6).toFixed(0)} MB`);
// Portfolio: 500 sites on distinct UCDP event locations.
const ucdp = readFileSync(join(root, 'www/data/ucdp_candidate_v26_01_06_mali_bfa_ner.csv'), 'utf8').split('\n');
const hdr = ucdp[0].split(',');
const li = hdr.indexOf('latitude'), lo = hdr.indexOf('longitude');
const seen = new Set(), portfolio = [];
for (const l of ucdp.slice(1)) {
  const m = l.match(/POINT \((-?[\d.]+) (-?[\d.]+)\)/);
  if (!m) continue;
  const key = `${m[2]},${m[1]}`;
  if (seen.has(key)) continue;
  seen.add(key);
  portfolio.push([+m[2], +m[1]]);
}
for (let k = 0; portfolio.length < 500; k++) portfolio.push([portfolio[k][0] + 0.05, portfolio[k][1] + 0.05]);
portfolio.length = 500;
const QUICK = process.env.BENCH_QUICK === '1';
// Five loads each for riskcard and the peers, and five positions of each mine: this shared 2-core
// machine's timings spread widely, and medians of five are steadier than of three.
const REPS = 5;
// Ingest: riskcard, PapaParse and uDSV take turns, seven rounds. A peer's parse leaves tens of
// millions of strings for the garbage collector, so runs in a row measure the heap the run before
// left: five PapaParse runs in a row took 3.9-4.2 s with one at 2.6 s, and fifteen in another page
// spread from 2.5 to 5.5 s (median 2.9 s). Taking turns gives every contender the same mix of heaps,
// and seven runs a steadier median.
const INGEST_ROUNDS = QUICK ? 1 : 7;
const decodeMs = QUICK ? 0 : await run('decodeText');
const ingTimes = [], papa = [], udsv = [];
let ing;
for (let k = 0; k < INGEST_ROUNDS; k++) {
  ing = await run('ingestRiskcard', 1);
  ingTimes.push(...ing.times);
  if (QUICK) break;
  papa.push(...(await run('ingestPapa', 1)));
  udsv.push(...(await run('ingestUdsv', 1)));
}
ing.times = ingTimes;
if (QUICK) {
  const mines = [[11.6733, -6.8504], [10.7911, -6.0729], [13.1581, -1.5192], [14.3847, 0.0756], [12.8751, -11.3922], [14.3619, -1.3044]];
  await run('siteRiskcard', mines, 50, '2026-07-31');
  const t = await run('siteRiskcard', mines, 50, '2026-07-31');
  const p = await run('portfolioRiskcard', portfolio, 50, '2026-07-31', Number(process.env.BENCH_REPS || 1), 'summary');
  const streamedQuick = await run('ingestStream', `/bench-data/acled_${ROWS}.csv`, 1);
  const wholeQuick = await run('ingestFetchWhole', `/bench-data/acled_${ROWS}.csv`, 1);
  console.log('quick: ingest', ing.times, 'streamed', streamedQuick, 'fetch whole then load', wholeQuick, 'site', t.map((x) => x.ms.toFixed(2)).join(' '), 'portfolio', p.map((x) => x.ms.toFixed(0)).join(' '), 'B/row', ing.columns / ing.size);
  await browser.close();
  server.close();
  process.exit(0);
}
console.log('ingest', median(ing.times), median(papa), median(udsv));
const n = await run('preparePeers');

// Sites: USGS mines in Mali and Burkina Faso, moved by 0.01° each run.
const mines = [[11.6733, -6.8504], [10.7911, -6.0729], [13.1581, -1.5192], [14.3847, 0.0756], [12.8751, -11.3922], [14.3619, -1.3044]];
const sites = [];
for (let k = 0; k < REPS; k++) for (const [a, b] of mines) sites.push([a + 0.01 * k, b - 0.01 * k]);
const asOf = '2026-07-31';
// Warm-up, the same for every contender: three runs on each mine, so that timed runs measure code the
// engine has already compiled (V8 compiles WebAssembly functions with its optimising tier, and JS
// hot loops, only after they have run).
for (let round = 0; round < 3; round++) for (const warm of ['siteRiskcard', 'siteTurf', 'siteLoop']) await run(warm, mines, 50, asOf);
const siteRc = await run('siteRiskcard', sites, 50, asOf);
// The summary (score, drivers, nearest 3, change band; no trend, history or map): closer to the work
// the peers do, for information.
await run('siteRiskcard', mines, 50, asOf, 'summary');
const siteSum = await run('siteRiskcard', sites, 50, asOf, 'summary');
const siteTurf = await run('siteTurf', sites, 50, asOf);
const siteLoop = await run('siteLoop', sites, 50, asOf);

// Corridor: Kati – Bamako – Fana – Ségou – Bla – San – Mopti (GeoNames towns), 20 km buffer.
const line = [[-8.07257, 12.74409], [-7.97522, 12.60915], [-6.9564, 12.7787], [-6.25947, 13.44032], [-5.75557, 12.95083], [-4.89627, 13.29701], [-4.18296, 14.4843]];
const shifts = [[0, 0], [0.01, 0.01], [-0.01, 0.02], [0.02, -0.01], [-0.02, -0.02]];
// Warm-up, as for the sites: three runs each (with one, turf.js was still being optimised during
// its timed runs: 1.7 s for the first two, 1.15 s after).
for (let round = 0; round < 3; round++) for (const warm of ['corridorRiskcard', 'corridorTurf']) await run(warm, line, 20, asOf, shifts.slice(0, 1));
const corRc = await run('corridorRiskcard', line, 20, asOf, shifts);
const corTurf = await run('corridorTurf', line, 20, asOf, shifts);

const port = await run('portfolioRiskcard', portfolio, 50, asOf, 3, 'summary');
const portFull = await run('portfolioRiskcard', portfolio, 50, asOf, 1, 'full');
// Last, so that the garbage its fetch leaves in the JS heap cannot slow the queries above.
const streamed = await run('ingestStream', `/bench-data/acled_${ROWS}.csv`, 3);
const fetchWhole = await run('ingestFetchWhole', `/bench-data/acled_${ROWS}.csv`, 3);
await browser.close();
server.close();

// Sizes after wasm-opt, raw and gzipped.
const gz = (p) => gzipSync(readFileSync(join(root, p)), { level: 9 }).length;
const raw = (p) => statSync(join(root, p)).size;
// wasm-bindgen's inline JS snippets (www/pkg/snippets/*/*.js) ship with the widget too.
const snippets = readdirSync(join(root, 'www/pkg/snippets'), { recursive: true }).filter((f) => f.endsWith('.js')).map((f) => `www/pkg/snippets/${f}`);
const widget = ['www/riskcard.js', 'www/engine.js', 'www/assets.js', 'www/card.js', 'www/loads.js', 'www/render.js', 'www/analysis.js', 'www/styles.js', 'www/i18n.js', 'www/messages.js', 'www/messages.en.js', 'www/messages.fr.js', 'www/palette.js', 'www/basemap.js', 'www/pkg/riskcard.js', 'www/pkg/riskcard_bg.wasm', ...snippets];
const wasmRaw = raw('www/pkg/riskcard_bg.wasm'), wasmGz = gz('www/pkg/riskcard_bg.wasm');
const widgetRaw = widget.reduce((s, p) => s + raw(p), 0), widgetGz = widget.reduce((s, p) => s + gz(p), 0);
// The words module: loaded when an assessment needs texts read (a single area's card asks the analysis).
const wordsFiles = ['www/pkg/words.js', 'www/pkg/words_bg.wasm'];
const wordsGz = wordsFiles.reduce((s, p) => s + gz(p), 0);
// The map's code and places: loaded the first time a card draws a map (so by every card that shows a report).
const mapGz = ['www/map.js', 'www/places.js'].reduce((s, p) => s + gz(p), 0);

const mRc = median(ing.times), mPapa = median(papa), mUdsv = median(udsv);
const sSum = median(siteSum.map((x) => x.ms));
const sRc = median(siteRc.map((x) => x.ms)), sTurf = median(siteTurf.map((x) => x.ms)), sLoop = median(siteLoop.map((x) => x.ms));
const cRc = median(corRc.map((x) => x.ms)), cTurf = median(corTurf.map((x) => x.ms));
const pRc = median(port.map((x) => x.ms));
const perRow = ing.columns / ing.size, tablesPerRow = ing.tables / ing.size;
const sh = (c) => { try { return execSync(c, { encoding: 'utf8' }).trim(); } catch { return 'unknown'; } };
const machine = `${sh("lscpu | sed -n 's/^Model name: *//p'")}, ${sh('nproc')} cores, ${sh("free -g | awk '/Mem:/{print $2}'")} GiB; ${sh('/usr/bin/chromium --version')}; ${sh('rustc --version')}`;
const check = (a, b) => (Math.abs(a - b) <= Math.max(2, 0.02 * b) ? 'agree' : `differ (${a} vs ${b})`);
const pass = (ok) => (ok ? 'met' : '**missed**');

const md = `# Performance

Measured by \`make bench\` (\`scripts/bench.mjs\`) on ${new Date().toISOString().slice(0, 10)}: ${machine}.
One headless Chromium page; ${n.toLocaleString('en')} synthetic incidents (\`riskcard gen --rows ${ROWS} --seed 42\`: a full
31-column ACLED export, ten years to 2026-07-31, clustered on the UCDP event locations), ${(size / 1e6).toFixed(0)} MB of CSV;
window 90 days to ${asOf}; medians over repeated runs, the area moved by 0.01° each run, after untimed runs of every
contender on each site and on the corridor (three each), so that all are measured compiled and warm; the ingest
contenders take turns, ${INGEST_ROUNDS} rounds, so that none is timed on the heap its own previous run left. Peers ran in the same
page on the same data: their inputs (text, typed arrays, a turf FeatureCollection) were prepared before timing,
as riskcard's store is. Timings are noisy on a shared 2-core machine; the ratios are what to read.

| what | riskcard | peer | ratio (peer / riskcard) | target | |
|---|---|---|---|---|---|
| ingest (load bytes → indexed store) | ${ms(mRc)} (${(size / 1e3 / mRc).toFixed(0)} MB/s) | PapaParse ${ms(mPapa)} | ${ratio(mPapa, mRc)} | ≥ 150 MB/s, ≥ 2× | ${pass(size / 1e3 / mRc >= 150 && mPapa / mRc >= 2)} |
| | | uDSV typedCols ${ms(mUdsv)} | ${ratio(mUdsv, mRc)} | ≥ 1× | ${pass(mUdsv / mRc >= 1)} |
| | | (TextDecoder, needed by both peers: ${ms(decodeMs)}) | | | |
| ingest as the card does it: \`loadStream\` of a fetch from the local bench server, parsed as it arrives | ${ms(median(streamed))} | fetch whole, then \`load\` (the card before) ${ms(median(fetchWhole))} | ${ratio(median(fetchWhole), median(streamed))} | (for information) | |
| site 50 km, full report | ${ms(sRc)} | @turf/distance ${ms(sTurf)} | ${ratio(sTurf, sRc)} | (for information: not like for like, the bar is retired) | |
| | | tuned JS loop ${ms(sLoop)} | ${ratio(sLoop, sRc)} | ≥ 5× | ${pass(sLoop / sRc >= 5)} |
| site 50 km, summary (score, drivers, nearest, change band) | ${ms(sSum)} | @turf/distance ${ms(sTurf)} | ${ratio(sTurf, sSum)} | ≥ 40× | ${pass(sTurf / sSum >= 40)} |
| corridor ${corRc[0].length} km, 20 km buffer, full report | ${ms(cRc)} | @turf/point-to-line-distance ${ms(cTurf)} | ${ratio(cTurf, cRc)} | ≥ 50× | ${pass(cTurf / cRc >= 50)} |
| portfolio, 500 sites in one assess (summaries, as the card asks) | ${ms(pRc)} | | | ≤ 300 ms | ${pass(pRc <= 300)} |
| portfolio, 500 full reports (trend, history, map each) | ${ms(portFull[0].ms)} | | | (for information) | |
| store memory | ${perRow.toFixed(1)} B/incident in columns + ${tablesPerRow.toFixed(1)} B/incident in string tables | | | ≤ 40 B + tables | ${pass(perRow <= 40)} |
| WASM memory after the loads (it never shrinks) | ${(ing.wasmMemory / 1e6).toFixed(0)} MB for ${(size / 1e6).toFixed(0)} MB of CSV | | | (for information) | |
| engine .wasm | ${(wasmRaw / 1024).toFixed(0)} KB raw, ${(wasmGz / 1024).toFixed(1)} KB gzipped | | | ≤ 130 KB gz | ${pass(wasmGz <= 130 * 1024)} |
| whole widget (JS + WASM + CSS) | ${(widgetRaw / 1024).toFixed(0)} KB raw, ${(widgetGz / 1024).toFixed(1)} KB gzipped | | | ≤ 170 KB gz | ${pass(widgetGz <= 170 * 1024)} |
| the words module, loaded by a single area's card (its analysis) | ${(wordsGz / 1024).toFixed(1)} KB gzipped | | | (for information) | |
| the map's towns, rivers and code, loaded when a card first draws a map | ${(mapGz / 1024).toFixed(1)} KB gzipped | | | (for information) | |

Cross-checks (same data, different Earth models, so boundary incidents may differ by a few): site in-area
counts riskcard ${siteRc.map((x) => x.inAoi).join(', ')} vs loop ${siteLoop.map((x) => x.inAoi).join(', ')} — ${check(siteRc[0].inAoi, siteLoop[0].inAoi)};
corridor in-buffer counts riskcard ${corRc.map((x) => x.inAoi).join(', ')} vs turf ${corTurf.map((x) => x.inAoi).join(', ')} — ${check(corRc[0].inAoi, corTurf[0].inAoi)}.

Raw timings (ms): ingest riskcard ${ing.times.map((x) => x.toFixed(0)).join(', ')}; streamed ${streamed.map((x) => x.toFixed(0)).join(', ')}; fetch whole then load ${fetchWhole.map((x) => x.toFixed(0)).join(', ')}; PapaParse ${papa.map((x) => x.toFixed(0)).join(', ')};
uDSV ${udsv.map((x) => x.toFixed(0)).join(', ')}; site riskcard ${siteRc.map((x) => x.ms.toFixed(1)).join(', ')}; summaries ${siteSum.map((x) => x.ms.toFixed(1)).join(', ')}; turf ${siteTurf.map((x) => x.ms.toFixed(0)).join(', ')};
loop ${siteLoop.map((x) => x.ms.toFixed(1)).join(', ')}; corridor riskcard ${corRc.map((x) => x.ms.toFixed(1)).join(', ')}; turf ${corTurf.map((x) => x.ms.toFixed(0)).join(', ')};
portfolio ${port.map((x) => x.ms.toFixed(0)).join(', ')}.
`;
const notes = existsSync(join(root, 'docs/PERFORMANCE.notes.md')) ? readFileSync(join(root, 'docs/PERFORMANCE.notes.md'), 'utf8') : '';
writeFileSync(join(root, 'docs/PERFORMANCE.md'), md + (notes ? `\n${notes}` : ''));
console.log(md);
