// Rendering pieces of the card. Every piece builds DOM nodes; text from data goes in as text nodes
// or attributes, never as HTML. Styles are the card's adopted stylesheet (styles.js), SVG
// presentation attributes, and CSSOM properties (`style: {prop: value}`), never style attributes.
import { fill, say } from './i18n.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

function build(node, attrs, children) {
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'style') {
      // Through the CSSOM, never as a style attribute: a page's `style-src 'self'` blocks those.
      for (const [prop, value] of Object.entries(v)) node.style.setProperty(prop, String(value));
      continue;
    }
    node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** An HTML element; string children become text nodes. */
export const el = (tag, attrs, ...children) => build(document.createElement(tag), attrs, children);
/** An SVG element. */
export const svg = (tag, attrs, ...children) => build(document.createElementNS(SVG_NS, tag), attrs, children);

export const BAND_COLORS = { minimal: '#2e7d32', low: '#8a9a1b', moderate: '#f2a900', high: '#e65100', severe: '#c62828' };
export const CATEGORY_COLORS = {
  battle: '#d84315', explosion_ied: '#6a1b9a', violence_against_civilians: '#c2185b', abduction: '#283593',
  looting_property_destruction: '#795548', riot: '#f57f17', protest: '#00838f', strategic: '#607d8b', other: '#9e9e9e',
};

/** The codes of the report warnings after which its score stands on nothing (the window wholly
 * outside the data, the area far from all of it): the core's NOTHING_TO_SCORE (src/assess/coverage.rs).
 * The card shows no number and no band then, but the warning. */
export const NOTHING_TO_SCORE = ['as_of_after_data', 'as_of_before_data', 'area_outside_data', 'area_outside_data_swapped'];
/** Whether a report's score stands on nothing. */
export const nothingToScore = (report) => (report.warnings ?? []).some((w) => NOTHING_TO_SCORE.includes(w.code));

const fmt1 = (x) => (Math.round(x * 10) / 10).toFixed(1);
/** Score points: a driver's share rounds to 0.0 when thousands share a saturated score; say "<0.1". */
const fmtPts = (x) => (x < 0.05 ? '<0.1' : fmt1(x));

/** Semicircular gauge with the score and its band; with nothing to score, a dash and no band. */
export function gauge(report, L) {
  if (nothingToScore(report)) {
    return el('div', { part: 'score', class: 'gauge' },
      svg('svg', { viewBox: '0 0 100 58', role: 'img', 'aria-label': `${L.score}: ${L.noScore}` },
        svg('path', { d: 'M10 50 A40 40 0 0 1 90 50', class: 'gauge-track' }),
        svg('text', { x: 50, y: 47, 'text-anchor': 'middle', class: 'gauge-number' }, '—')),
      el('div', { part: 'no-score', class: 'no-score' }, L.noScore));
  }
  const a = Math.PI * (1 - report.score / 100);
  const x = 50 + 40 * Math.cos(a), y = 50 - 40 * Math.sin(a);
  const large = 0;
  const color = BAND_COLORS[report.band];
  return el('div', { part: 'score', class: 'gauge' },
    svg('svg', { viewBox: '0 0 100 58', role: 'img', 'aria-label': `${L.score}: ${fmt1(report.score)} / 100` },
      svg('path', { d: 'M10 50 A40 40 0 0 1 90 50', class: 'gauge-track' }),
      report.score > 0 ? svg('path', { d: `M10 50 A40 40 0 ${large} 1 ${x.toFixed(2)} ${y.toFixed(2)}`, stroke: color, class: 'gauge-value' }) : null,
      svg('text', { x: 50, y: 47, 'text-anchor': 'middle', class: 'gauge-number' }, fmt1(report.score))),
    el('div', { part: 'band', class: 'band', style: { background: color } }, L.bands[report.band] ?? report.band));
}

/** A portfolio row's score and band; a dash and "no score" when it stands on nothing. */
export function scoreChip(r, L) {
  if (nothingToScore(r)) return el('span', { class: 'chip none' }, `— ${L.noScoreShort}`);
  return el('span', { class: 'chip', style: { background: BAND_COLORS[r.band] } }, `${r.score.toFixed(1)} ${L.bands[r.band]}`);
}

/** Every report warning, in the card's language, above the score. */
export function warningsBlock(report, L) {
  const list = report.warnings ?? [];
  if (!list.length) return null;
  return el('section', { part: 'warnings', class: 'warnings', 'aria-label': L.warnings },
    el('ul', {}, list.map((w) => el('li', { class: `warning w-${w.code}`, 'data-code': w.code }, say(w, L)))));
}

/** The data's last date and how long before today that is (today: the browser's clock, given to the engine). */
export function dataLine(report, L) {
  const d = report.data;
  if (!d?.last_date) return null;
  const age = d.age_days;
  const ago = age === undefined || age === null ? '' : age === 0 ? L.todayToo : age === 1 ? L.dayBefore : fill(L.daysBefore, { n: age });
  const stale = (report.warnings ?? []).some((w) => w.code === 'stale_data');
  return el('span', { part: 'data-age', class: stale ? 'data-age stale' : 'data-age muted' }, fill(L.dataTo, { date: d.last_date }) + (ago ? ` · ${ago}` : ''));
}

/** A zone's incidents per 1,000 km² (its score saturates sooner than a site's: this tells large zones apart). */
export function perArea(report, L) {
  if (report.aoi.kind !== 'zone' || report.incidents.per_1000_km2 === undefined) return null;
  return el('div', { class: 'per-area' }, el('b', {}, `${report.incidents.per_1000_km2}`), ` ${L.perArea}`);
}

/** Weekly/monthly incident bars with the score history as a line, and the change band. */
export function trend(report, L) {
  const t = report.trend;
  const n = t.bins.length;
  const W = 300, H = 70, maxCount = Math.max(1, ...t.bins.map((b) => b.count));
  const bw = W / Math.max(n, 1);
  const bars = t.bins.map((b, i) => {
    const h = (b.count / maxCount) * (H - 14);
    return svg('rect', { x: (i * bw + 0.5).toFixed(1), y: (H - h).toFixed(1), width: Math.max(bw - 1, 0.5).toFixed(1), height: h.toFixed(1), class: 'bar' },
      svg('title', {}, `${b.start}: ${b.count} · ${b.fatalities} ${L.fatalities}`));
  });
  const pts = t.score_history.map((s, i) => `${(i * bw + bw / 2).toFixed(1)},${(H - (s.score / 100) * (H - 4) - 2).toFixed(1)}`).join(' ');
  const c = t.change;
  const none = nothingToScore(report);
  const pct = c.pct === null || c.pct === undefined || c.low_baseline ? '' : ` ${c.pct > 0 ? '+' : ''}${Math.round(c.pct)} %`;
  const detail = c.band === 'insufficient_history' ? ''
    : c.low_baseline ? fill(L.lowBaseline, { recent: c.recent, days: c.recent_days })
    : fill(L.changeDetail, { recent: c.recent_days, weeks: c.baseline_weeks });
  return el('section', { part: 'trend', class: 'trend' },
    el('h3', {}, L.trend),
    none ? el('div', { class: 'change change-none' }, L.noTrend) : el('div', { class: `change change-${c.band}` }, `${L.change[c.band] ?? c.band}${pct}`,
      detail ? el('span', { class: 'muted' }, ` · ${detail}`) : null),
    svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'spark', role: 'img', 'aria-label': L.trend, preserveAspectRatio: 'none' },
      bars, pts && !none ? svg('polyline', { points: pts, class: 'history' }) : null),
    el('div', { class: 'legend muted' },
      el('span', { class: 'key-bar' }), ` ${t.bin === 'month' ? L.monthly : L.weekly}  `,
      el('span', { class: 'key-line' }), ` ${L.scoreHistory} (0–100)`,
      el('span', { class: 'span-dates' }, t.bins.length ? `${t.bins[0].start} → ${report.as_of}` : '')));
}

/** Local projection: x = lon·cos(lat0), y = −lat. */
function projector(lat0) {
  const k = Math.cos((lat0 * Math.PI) / 180);
  return (lon, lat) => [lon * k, -lat];
}

function circle(lat, lon, km, n = 72) {
  const out = [], d = km / 6371.0, la = (lat * Math.PI) / 180, lo = (lon * Math.PI) / 180;
  for (let i = 0; i <= n; i++) {
    const b = (2 * Math.PI * i) / n;
    const lat2 = Math.asin(Math.sin(la) * Math.cos(d) + Math.cos(la) * Math.sin(d) * Math.cos(b));
    const lon2 = lo + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(la), Math.cos(d) - Math.sin(la) * Math.sin(lat2));
    out.push([(lon2 * 180) / Math.PI, (lat2 * 180) / Math.PI]);
  }
  return out;
}

function pathOf(rings, project) {
  return rings.map((r) => r.map(([lon, lat], i) => { const [x, y] = project(lon, lat); return `${i ? 'L' : 'M'}${x.toFixed(3)} ${y.toFixed(3)}`; }).join('') + 'Z').join('');
}

/** The geometry of a GeoJSON AOI feature (or bare geometry). */
function geometryOf(aoi) {
  return aoi?.type === 'Feature' ? aoi.geometry : aoi;
}

/** SVG mini-map: country outlines, the AOI, incidents by category sized by fatalities. */
export function miniMap(report, aoi, basemap, L) {
  const [w, s, e, n] = report.aoi.bbox;
  const reach = (report.aoi.radius_km ?? report.aoi.buffer_km ?? 0) + Math.min(report.method.influence_km, 100);
  const lat0 = (s + n) / 2, dLat = reach / 111.2 + 0.05, dLon = dLat / Math.cos((lat0 * Math.PI) / 180);
  const project = projector(lat0);
  const [x0, y0] = project(w - dLon, n + dLat), [x1, y1] = project(e + dLon, s - dLat);
  const vb = [x0, y0, x1 - x0, y1 - y0];
  const unit = Math.max(vb[2], vb[3]);
  const countries = (basemap ?? []).map((c) => svg('path', { d: c.rings.map((r) => {
    let d = '';
    for (let i = 0; i < r.length; i += 2) { const [x, y] = project(r[i], r[i + 1]); d += `${i ? 'L' : 'M'}${x.toFixed(3)} ${y.toFixed(3)}`; }
    return d + 'Z';
  }).join(''), class: 'country' }, svg('title', {}, c.name)));
  const g = geometryOf(aoi);
  const shapes = [];
  if (report.aoi.kind === 'site' && g?.coordinates) {
    const [lon, lat] = g.coordinates;
    shapes.push(svg('path', { d: pathOf([circle(lat, lon, report.aoi.radius_km + report.method.influence_km)], project), class: 'influence' }));
    shapes.push(svg('path', { d: pathOf([circle(lat, lon, report.aoi.radius_km)], project), class: 'aoi' }));
    const [x, y] = project(lon, lat);
    shapes.push(svg('path', { d: `M${x - unit * 0.02} ${y}L${x + unit * 0.02} ${y}M${x} ${y - unit * 0.02}L${x} ${y + unit * 0.02}`, class: 'site-mark' }));
  } else if (report.aoi.kind === 'zone' && g?.coordinates) {
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    shapes.push(svg('path', { d: polys.map((p) => pathOf(p, project)).join(''), class: 'aoi', 'fill-rule': 'evenodd' }));
  } else if (report.aoi.kind === 'corridor' && g?.coordinates) {
    const lines = g.type === 'LineString' ? [g.coordinates] : g.coordinates;
    const d = lines.map((l) => l.map(([lon, lat], i) => { const [x, y] = project(lon, lat); return `${i ? 'L' : 'M'}${x.toFixed(3)} ${y.toFixed(3)}`; }).join('')).join('');
    shapes.push(svg('path', { d, class: 'buffer', 'stroke-width': ((2 * report.aoi.buffer_km) / 111.2).toFixed(3) }));
    shapes.push(svg('path', { d, class: 'line', 'stroke-width': (unit * 0.006).toFixed(4) }));
  }
  const cats = report.map.categories;
  const dots = [...report.map.points].reverse().map(([lat, lon, c, f]) => {
    const [x, y] = project(lon, lat);
    const cat = cats[c] ?? 'other';
    return svg('circle', { cx: x.toFixed(3), cy: y.toFixed(3), r: (unit * (0.008 + 0.004 * Math.sqrt(f))).toFixed(4), fill: CATEGORY_COLORS[cat], class: 'dot' },
      svg('title', {}, `${L.categories[cat] ?? cat} · ${fill(L.killed, { n: f })}`));
  });
  const present = [...new Set(report.map.points.map((p) => cats[p[2]]))];
  return el('section', { part: 'map', class: 'map' },
    svg('svg', { viewBox: vb.map((v) => v.toFixed(3)).join(' '), role: 'img', 'aria-label': L.mapLabel },
      svg('rect', { x: vb[0], y: vb[1], width: vb[2], height: vb[3], class: 'sea' }), countries, shapes, dots),
    el('div', { class: 'legend' }, present.map((c) => el('span', { class: 'cat' }, el('i', { style: { background: CATEGORY_COLORS[c] } }), L.categories[c] ?? c))));
}

/** Why the verdict, in the card's language, from the report's numbers (the threshold is the
 * core's `route.verdict_threshold`): the sentence the core gives in English as
 * `route.verdict_reason` (the e2e tests hold the two equal). */
export function verdictReason(report, L) {
  const worst = report.route.hotspots[0], T = L.reason;
  if (!worst) return T.none;
  const threshold = report.route.verdict_threshold;
  const cmp = report.route.verdict === 'go' ? T.below : T.atOrAbove;
  const band = (b) => (L.bands[b] ?? b).toLowerCase();
  const stretch = fill(T.stretch, { from: worst.from_km, to: worst.to_km, score: worst.score, band: band(worst.band) });
  if (worst.score >= report.score) return fill(T.worst, { stretch, cmp, threshold });
  return fill(T.whole, { score: report.score, band: band(report.band), cmp, threshold, stretch });
}

/** The route strip: stretches coloured by band, km marks, verdict. */
export function routeStrip(report, L) {
  const r = report.route;
  const none = nothingToScore(report);
  const len = Math.max(r.length_km, 1e-9);
  const rects = r.segments.map((s) => svg('rect', { x: ((s.from_km / len) * 1000).toFixed(2), y: 0, width: Math.max(((s.to_km - s.from_km) / len) * 1000 - 1, 1).toFixed(2), height: 10, fill: none ? null : BAND_COLORS[s.band], class: none ? 'seg-none' : null },
    svg('title', {}, `km ${s.from_km}–${s.to_km}: ${fmt1(s.score)} (${L.bands[s.band]}) · ${s.count}`)));
  const step = [10, 20, 50, 100, 200, 500].find((k) => len / k <= 6) ?? 1000;
  const marks = [];
  for (let k = 0; k <= len + 1e-9; k += step) {
    marks.push(el('span', { class: 'km', style: { left: `${((k / len) * 100).toFixed(2)}%` } }, `${k}`));
  }
  return el('section', { part: 'route', class: 'route' },
    el('h3', {}, `${L.route} · ${fmt1(r.length_km)} ${L.km}`),
    none ? el('div', { class: 'verdict verdict-none' }, L.noVerdict) : el('div', { class: `verdict verdict-${r.verdict}` }, L.verdicts[r.verdict] ?? r.verdict),
    none ? null : el('p', { class: 'muted reason' }, verdictReason(report, L)),
    svg('svg', { viewBox: '0 0 1000 10', preserveAspectRatio: 'none', class: 'strip', role: 'img', 'aria-label': L.route }, rects),
    el('div', { class: 'kms' }, marks));
}

/** Nearest incidents with distance, compass, date, type, fatalities, place; notes on demand. A public
 * report (the engine's redaction) has no notes, actors, ids, sources or exact places: what it lacks
 * is left out. */
export function nearestList(report, L) {
  const items = report.nearest.map((n) => {
    const place = [n.location, n.admin1, n.country].filter(Boolean).join(', ');
    const labels = [n.event_type, n.sub_event_type].filter(Boolean).join(' — ');
    const ids = [n.id, n.source].filter(Boolean).join(' · ');
    const more = [
      labels ? el('p', { class: 'labels muted' }, labels) : null,
      n.actors?.length ? el('p', { class: 'actors' }, `${L.actors}: ${n.actors.join('; ')}`) : null,
      n.notes ? el('p', { class: 'notes' }, n.notes) : null,
      ids ? el('p', { class: 'muted' }, ids) : null,
    ].filter(Boolean);
    return el('li', {},
      el('div', { class: 'row' },
        el('span', { class: 'dist' }, `${fmt1(n.distance_km)} ${L.km} ${L.compass[n.compass] ?? n.compass}`),
        el('span', { class: 'date' }, n.date),
        el('span', { class: 'type' }, el('i', { style: { background: CATEGORY_COLORS[n.category] } }), L.categories[n.category] ?? n.category),
        n.fatalities ? el('span', { class: 'fat' }, fill(L.killed, { n: n.fatalities })) : null),
      place ? el('div', { class: 'place' }, place) : null,
      more.length ? el('details', {}, el('summary', {}, L.notes), more) : null);
  });
  return el('section', { part: 'nearest', class: 'nearest' }, el('h3', {}, L.nearest),
    items.length ? el('ol', {}, items) : el('p', { class: 'muted' }, fill(L.none, { km: report.method.influence_km })));
}

/** The top drivers with their points, and the per-category contributions as a stacked bar. */
export function driversList(report, L) {
  const parts = Object.entries(report.contributions).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
  const total = Math.max(report.score, 1e-9);
  return el('section', { part: 'drivers', class: 'drivers' }, el('h3', {}, L.drivers),
    parts.length ? el('div', { class: 'stack' }, parts.map(([c, v]) => el('span', { style: { flex: v / total, background: CATEGORY_COLORS[c] }, title: `${L.categories[c] ?? c}: ${fill(L.pts, { n: fmtPts(v) })}` }))) : null,
    parts.length ? el('ul', { class: 'contrib' }, parts.map(([c, v]) => el('li', {}, el('i', { style: { background: CATEGORY_COLORS[c] } }), `${L.categories[c] ?? c} `, el('b', {}, fill(L.pts, { n: fmtPts(v) }))))) : null,
    report.drivers.length ? el('ol', { class: 'driver-list' }, report.drivers.map((d) => el('li', {},
      el('b', {}, fill(L.pts, { n: fmtPts(d.points) })), ` · ${L.categories[d.category] ?? d.category} · ${d.date} · ${fmt1(d.distance_km)} ${L.km}`,
      d.fatalities ? ` · ${fill(L.killed, { n: d.fatalities })}` : '', d.location ? ` · ${d.location}` : ''))) : null);
}

/** "N rows skipped — details", with each skipped row's line and reason: `d` is what the loads did
 * (the engine's diagnostics, not the report's summary of them). `publicView` leaves the rows out:
 * a reason can quote the row's own text. */
export function diagnosticsLine(d, L, publicView = false) {
  const loaded = fill(L.rowsLoaded, { n: d.rows_loaded - d.rows_replaced });
  if (!d.rows_skipped && !d.warnings.length) return el('div', { part: 'diagnostics', class: 'diagnostics muted' }, loaded);
  const rows = publicView ? [] : d.errors.map((e) => el('li', {}, `${e.source ? e.source + ' ' : ''}${L.line} ${e.line}: ${e.reason}`));
  return el('div', { part: 'diagnostics', class: 'diagnostics' },
    el('details', {}, el('summary', {}, `${loaded} · ${fill(L.rowsSkipped, { n: d.rows_skipped })} — ${L.details}`),
      el('ul', {}, rows,
        !publicView && d.errors_omitted ? el('li', {}, `… +${d.errors_omitted}`) : null,
        d.warnings.map((w) => el('li', { class: 'muted' }, say(w, L))))));
}
