// A host page's script using riskcard's types (checked by `tsc --noEmit --strict` in embed.spec.mjs,
// against the packed tarball's dist/riskcard.d.ts). It must compile with no error.
import 'riskcard';
import { loadEngine, WorkerEngine, siteFeature, type Report, type RiskErrorDetail, type AreaCollection } from 'riskcard';

const card = document.createElement('risk-card'); // RiskCard, through HTMLElementTagNameMap
card.setAttribute('site', '11.673343,-6.850381,50');
card.aoi = siteFeature('11.673343,-6.850381,50', 'Morila');
card.incidents = new Blob(['id,date,lat,lon,event_type\n']);
card.addEventListener('riskchange', (e) => {
  const detail = e.detail; // Report | Report[]
  const first: Report = Array.isArray(detail) ? detail[0] : detail;
  const band: 'minimal' | 'low' | 'moderate' | 'high' | 'severe' = first.band;
  const score: number = first.score;
  console.log(band, score.toFixed(1), first.nearest[0]?.compass, first.route?.verdict, first.trend.change.pct ?? 'no baseline');
});
card.addEventListener('riskerror', (e) => {
  const d: RiskErrorDetail = e.detail;
  console.log(d.code, d.kind, d.area, d.message);
});
card.addEventListener('riskprogress', (e) => console.log(e.detail.done, e.detail.total ?? 'unknown'));
const shown = document.querySelector('risk-card')?.report;
if (shown && !Array.isArray(shown)) console.log(shown.incidents.in_aoi, shown.aoi.kind);

const portfolio: AreaCollection = { type: 'FeatureCollection', features: [siteFeature('12,-8,25', 'A'), siteFeature('13,-2,25', 'B')] };
const engine = await loadEngine();
const diag = engine.load('id,date,lat,lon,event_type\n', { format: 'csv', name: 'log.csv' });
const ranked: Report[] = engine.assess(portfolio, { asOf: '2026-07-31', windowDays: 90, detail: 'summary' });
const one: Report = engine.assess(siteFeature('12,-8,25'), { public: true });
console.log(diag.rows_skipped, diag.errors.map((r) => r.line), ranked.map((r) => r.rank), one.map.points.length);

const worker = new WorkerEngine();
await worker.ready;
const size: number = await worker.size;
const remote: Report = await worker.assess({ type: 'Feature', properties: { name: 'Road', buffer_km: 10 }, geometry: { type: 'LineString', coordinates: [[-8, 12.6], [-6.3, 13.4]] } });
console.log(size, remote.route?.segments.length);
worker.free();
console.log(window.riskcard?.loadEngine === loadEngine);

// Issue 18's analysis and issue 19's take-aways.
await engine.prepare(siteFeature('12,-8,25'), { detail: 'analysis', profile: 'convoy', actors: ['jnim'] });
const analysed: Report = engine.assess(siteFeature('12,-8,25'), { detail: 'analysis', weights: { abduction: 3 }, since: '2026-07-01' });
console.log(analysed.approach?.drift_km, analysed.actors?.[0]?.points, analysed.tags?.ied_road, analysed.since?.band_then);
const csvText: string = engine.exportIncidents(siteFeature('12,-8,25'), {}, 'geojson');
card.addEventListener('riskalert', (e) => console.log(e.detail.reason, e.detail.previousBand));
const files: Blob[] = [await card.brief(), await card.toPNG(), await card.exportIncidents('csv')];
console.log(csvText.length, files.length);

// Wrong uses the types must refuse (each line must be an error, or tsc reports the directive unused).
// @ts-expect-error: the report's score is a number
const wrongScore: string = one.score;
// @ts-expect-error: an unknown option
engine.assess(siteFeature('12,-8,25'), { windowDay: 30 });
// @ts-expect-error: a portfolio gives an array, not one report
const notOne: Report = engine.assess(portfolio);
// @ts-expect-error: report is read-only
card.report = null;
// @ts-expect-error: exports are CSV or GeoJSON
void card.exportIncidents('xlsx');
console.log(wrongScore, notOne);
