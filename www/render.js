// Rendering pieces of the card. Every piece builds DOM nodes; text from data goes in as text nodes
// or attributes, never as HTML, isolated (<bdi>, dir="auto") so that a direction mark in a place
// name cannot reverse the rest of its line, and a long field is clamped with the whole of it behind
// a disclosure. Styles are the card's adopted stylesheet (styles.js: colours by class, from
// palette.js), SVG presentation attributes, and CSSOM properties (`style: {prop: value}`), never
// style attributes. Every chart has a text equivalent beside it: a sentence and a table.
import { fill, plural, compose } from './i18n.js';
import { BAND_COLORS, VERDICT_BAND } from './palette.js';

export { BAND_COLORS };

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
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** An HTML element; string children become text nodes. */
export const el = (tag, attrs, ...children) => build(document.createElement(tag), attrs, children);
/** An SVG element. */
export const svg = (tag, attrs, ...children) => build(document.createElementNS(SVG_NS, tag), attrs, children);

/** Text from data, isolated from the text around it. */
export const bdi = (text) => el('bdi', {}, String(text));
/** A message in the card's language, its text parameters (from data) isolated. */
export const sayNodes = (m, L) => compose(m, L, bdi);

/** Text from data longer than this many characters is clamped to a few lines, the whole behind a disclosure. */
export const LONG_TEXT = 160;

/** A block of text from data (`tag` with `attrs`): isolated (dir="auto"); when long, clamped to a
 * few lines and followed by a disclosure with the whole text in a box that scrolls, so that no
 * field makes the card taller than a screen or two. */
export function dataBlock(tag, attrs, text, L) {
  const s = String(text);
  const long = s.length > LONG_TEXT;
  const cls = [attrs?.class, long ? 'clamp' : null].filter(Boolean).join(' ') || null;
  const main = el(tag, { ...attrs, class: cls, dir: 'auto' }, s);
  if (!long) return main;
  return [main, el('details', { class: 'more' }, el('summary', {}, fill(L.fullText, { n: s.length.toLocaleString('en').replace(/,/g, ' ') })),
    el('div', { class: 'full', tabindex: 0, role: 'region', 'aria-label': L.fullTextLabel, dir: 'auto' }, s))];
}

/** The codes of the report warnings after which its score stands on nothing (the window wholly
 * outside the data, the area far from all of it): the core's NOTHING_TO_SCORE (src/assess/coverage.rs).
 * The card shows no number and no band then, but the warning. */
export const NOTHING_TO_SCORE = ['as_of_after_data', 'as_of_before_data', 'area_outside_data', 'area_outside_data_swapped'];
/** Whether a report's score stands on nothing. */
export const nothingToScore = (report) => (report.warnings ?? []).some((w) => NOTHING_TO_SCORE.includes(w.code));

export const fmt1 = (x) => (Math.round(x * 10) / 10).toFixed(1);
/** Score points: a driver's share rounds to 0.0 when thousands share a saturated score; say "<0.1". */
const fmtPts = (x) => (x < 0.05 ? '<0.1' : fmt1(x));
/** A band's name in the card's language, lower case (inside a sentence). */
const bandWord = (b, L) => (L.bands[b] ?? b).toLowerCase();

/** A table of a chart's data inside a disclosure: caption, column headers, rows. */
export function dataTable(L, caption, head, rows) {
  return el('details', { class: 'data' }, el('summary', {}, L.asTable),
    el('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption },
      el('table', { class: 'data' }, el('caption', {}, caption),
        el('thead', {}, el('tr', {}, head.map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, rows.map((r) => el('tr', {}, r.map((c, i) => (i === 0 ? el('th', { scope: 'row' }, c) : el('td', {}, c)))))))));
}

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
  return el('div', { part: 'score', class: `gauge b-${report.band}` },
    svg('svg', { viewBox: '0 0 100 58', role: 'img', 'aria-label': `${L.score}: ${fmt1(report.score)} / 100` },
      svg('path', { d: 'M10 50 A40 40 0 0 1 90 50', class: 'gauge-track' }),
      report.score > 0 ? svg('path', { d: `M10 50 A40 40 0 0 1 ${x.toFixed(2)} ${y.toFixed(2)}`, class: 'gauge-value' }) : null,
      svg('text', { x: 50, y: 47, 'text-anchor': 'middle', class: 'gauge-number', 'aria-hidden': 'true' }, fmt1(report.score))),
    el('div', { part: 'band', class: `band b-${report.band}` }, L.bands[report.band] ?? report.band));
}

/** A portfolio row's score and band; a dash and "no score" when it stands on nothing. */
export function scoreChip(r, L) {
  if (nothingToScore(r)) return el('span', { class: 'chip none' }, `— ${L.noScoreShort}`);
  return el('span', { class: `chip b-${r.band}` }, `${r.score.toFixed(1)} ${L.bands[r.band]}`);
}

/** What the live region says after an update: "Score 42.8, moderate, Bamako – Fana – Ségou" (the
 * name isolated by `wrap`, and cut to LONG_TEXT characters: a screen reader reads it whole). */
export function announcement(r, L, wrap = (t) => t) {
  const full = r.aoi.name ?? L.kinds[r.aoi.kind];
  const name = full.length > LONG_TEXT ? `${full.slice(0, LONG_TEXT)}…` : full;
  const text = nothingToScore(r) ? L.announceNone : fill(L.announce, { score: fmt1(r.score), band: bandWord(r.band, L), name: '{name}' });
  const [before, after] = text.split('{name}');
  return [before, wrap(name), after].filter((p) => p !== '');
}

/** Every report warning, in the card's language, above the score. */
export function warningsBlock(report, L) {
  const list = report.warnings ?? [];
  if (!list.length) return null;
  return el('section', { part: 'warnings', class: 'warnings', 'aria-label': L.warnings },
    el('ul', {}, list.map((w) => el('li', { class: `warning w-${w.code}`, 'data-code': w.code }, sayNodes(w, L)))));
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

/** Weekly/monthly incident bars with the score history as a line, and the change band; beside it a
 * sentence and the data as a table (for screen readers and keyboards: the bars' tooltips are not). */
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
  const none = nothingToScore(report);
  const pts = t.score_history.map((s, i) => `${(i * bw + bw / 2).toFixed(1)},${(H - (s.score / 100) * (H - 4) - 2).toFixed(1)}`).join(' ');
  const c = t.change;
  const pct = c.pct === null || c.pct === undefined || c.low_baseline ? '' : ` ${c.pct > 0 ? '+' : ''}${Math.round(c.pct)} %`;
  const detail = c.band === 'insufficient_history' ? ''
    : c.low_baseline ? fill(plural(L, c.recent, L.lowBaseline), { recent: c.recent, days: c.recent_days })
    : fill(L.changeDetail, { recent: c.recent_days, weeks: c.baseline_weeks });
  const monthly = t.bin === 'month';
  const h = t.score_history;
  const total = t.bins.reduce((s, b) => s + b.count, 0), killed = t.bins.reduce((s, b) => s + b.fatalities, 0);
  const summary = n ? fill(L.trendSummary, { count: total, killed, n, unit: monthly ? L.unitMonths : L.unitWeeks, from: t.bins[0].start, date: report.as_of })
    + (h.length && !none ? ' ' + fill(L.trendScores, { first: fmt1(h[0].score), last: fmt1(h.at(-1).score), band: bandWord(h.at(-1).band, L) }) : '') : L.trendEmpty;
  return el('section', { part: 'trend', class: 'trend', 'aria-label': L.trend },
    el('h3', {}, L.trend),
    none ? el('div', { class: 'change change-none' }, L.noTrend) : el('div', { class: `change change-${c.band}` }, `${L.change[c.band] ?? c.band}${pct}`,
      detail ? el('span', { class: 'muted' }, ` · ${detail}`) : null),
    svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'spark', 'aria-hidden': 'true', preserveAspectRatio: 'none' },
      bars, pts && !none ? svg('polyline', { points: pts, class: 'history' }) : null),
    el('div', { class: 'legend muted', 'aria-hidden': 'true' },
      el('span', { class: 'key-bar' }), ` ${monthly ? L.monthly : L.weekly}  `,
      el('span', { class: 'key-line' }), ` ${L.scoreHistory} (0–100)`,
      el('span', { class: 'span-dates' }, n ? `${t.bins[0].start} → ${report.as_of}` : '')),
    el('p', { class: 'summary' }, summary),
    n ? dataTable(L, monthly ? L.trendTableMonths : L.trendTable, [monthly ? L.colMonth : L.colWeek, L.colIncidents, L.colKilled, L.colScore],
      t.bins.map((b, i) => [b.start, b.count, b.fatalities, h[i] && !none ? `${fmt1(h[i].score)} (${bandWord(h[i].band, L)})` : '—'])) : null);
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

/** The mini-map's view, width over height. */
const ASPECT = 1.5;

/** SVG mini-map: country outlines, the AOI, incidents by category sized by fatalities, and the
 * nearest incidents as numbered marks, the numbers of the nearest list; for a corridor, a note that
 * the line joins its waypoints. `kit` (optional, loaded by the card when it first draws a map):
 * `{decorate}` from www/map.js with www/places.js — towns and rivers with their names, a
 * scale bar, zoom and pan; `interactiveMap` false for a copy that is not on screen (the brief). */
export function miniMap(report, aoi, basemap, L, kit = null, interactiveMap = true) {
  const [w, s, e, n] = report.aoi.bbox;
  const reach = (report.aoi.radius_km ?? report.aoi.buffer_km ?? 0) + Math.min(report.method.influence_km, 100);
  const lat0 = (s + n) / 2, dLat = reach / 111.2 + 0.05, dLon = dLat / Math.cos((lat0 * Math.PI) / 180);
  const project = projector(lat0);
  const [x0, y0] = project(w - dLon, n + dLat), [x1, y1] = project(e + dLon, s - dLat);
  // The view 3:2, as the map is shown (a card's column, at most 320 px high; the brief's 90 mm).
  const [cw, ch] = [Math.max(x1 - x0, (y1 - y0) * ASPECT), Math.max(y1 - y0, (x1 - x0) / ASPECT)];
  const vb = [(x0 + x1 - cw) / 2, (y0 + y1 - ch) / 2, cw, ch];
  const unit = vb[3];
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
    return svg('circle', { cx: x.toFixed(3), cy: y.toFixed(3), r: (unit * (0.008 + 0.004 * Math.sqrt(f))).toFixed(4), class: `dot c-${cat}` },
      svg('title', {}, `${L.categories[cat] ?? cat} · ${fill(L.killed, { n: f })}`));
  });
  // The nearest incidents, numbered as in the list (the last drawn first, so that 1 is on top).
  const pins = report.nearest.map((q, i) => [q, i + 1]).filter(([q]) => Number.isFinite(q.lat) && Number.isFinite(q.lon)).reverse().map(([q, k]) => {
    const [x, y] = project(q.lon, q.lat);
    return svg('g', { class: 'pin' }, svg('circle', { cx: x.toFixed(3), cy: y.toFixed(3), r: (unit * 0.022).toFixed(4) }),
      svg('text', { x: x.toFixed(3), y: (y + unit * 0.009).toFixed(4), 'text-anchor': 'middle', 'font-size': (unit * 0.026).toFixed(4) }, `${k}`));
  });
  const present = [...new Set(report.map.points.map((p) => cats[p[2]]))];
  const label = fill(pins.length ? L.mapPinned : L.mapLabel, { n: report.map.points.length, k: pins.length });
  const sea = svg('rect', { x: vb[0] - vb[2] * 8, y: vb[1] - vb[3] * 8, width: vb[2] * 17, height: vb[3] * 17, class: 'sea' });
  // Where the kit (www/map.js) puts the rivers, the towns, and the names and scale bar over all.
  const slots = kit ? [0, 1, 2].map(() => svg('g', {})) : [];
  const map = svg('svg', { viewBox: vb.map((v) => v.toFixed(3)).join(' '), role: 'img', 'aria-label': label }, sea, countries, slots[0], shapes, dots, slots[1], pins, slots[2]);
  const more = kit?.decorate({ map, slots, report, project, vb, unit, L, live: interactiveMap }) ?? {};
  return el('section', { part: 'map', class: 'map' }, map, more.tools,
    report.aoi.kind === 'corridor' ? el('p', { class: 'muted route-note' }, L.routeNote) : null, more.credit,
    el('div', { class: 'legend', 'aria-hidden': 'true' }, present.map((c) => el('span', { class: 'cat' }, el('i', { class: `key c-${c}` }), L.categories[c] ?? c))));
}

/** Why the verdict, in the card's language, from the core's code and parameters
 * (`route.verdict_reason_code`, `_params`); in English it is the core's `route.verdict_reason`. */
export function verdictReason(report, L) {
  const r = report.route;
  return compose({ code: r.verdict_reason_code, params: r.verdict_reason_params, message: r.verdict_reason }, L).join('');
}

/** The route strip: stretches coloured by band, km marks, verdict; a sentence and the stretches as a table. */
export function routeStrip(report, L) {
  const r = report.route;
  const none = nothingToScore(report);
  const len = Math.max(r.length_km, 1e-9);
  const rects = r.segments.map((s) => svg('rect', { x: ((s.from_km / len) * 1000).toFixed(2), y: 0, width: Math.max(((s.to_km - s.from_km) / len) * 1000 - 1, 1).toFixed(2), height: 10,
    class: none ? 'seg-none' : `seg b-${s.band}` },
  svg('title', {}, `km ${s.from_km}–${s.to_km}: ${fmt1(s.score)} (${L.bands[s.band]}) · ${s.count}`)));
  const step = [10, 20, 50, 100, 200, 500].find((k) => len / k <= 6) ?? 1000;
  const marks = [];
  for (let k = 0; k <= len + 1e-9; k += step) {
    marks.push(el('span', { class: 'km', style: { left: `${((k / len) * 100).toFixed(2)}%` } }, `${k}`));
  }
  const worst = r.hotspots[0];
  // The stretches' tags (an analysis report): the tagged stretches under the strip, and a column of the table.
  const hasTags = r.segments.some((s) => s.tags);
  const tagged = none ? null : r.segments.filter((s) => s.tags?.length).map((s, i) => [i ? ' · ' : '', `km ${s.from_km}–${s.to_km} `, el('span', { class: 'tag' }, s.tags.map((t) => L.tagNames[t] ?? t).join(', '))]);
  const summary = none ? null : worst
    ? fill(L.routeSummary, { n: r.segments.length, km: r.segment_km, from: worst.from_km, to: worst.to_km, score: fmt1(worst.score), band: bandWord(worst.band, L) })
    : fill(L.routeSummaryClear, { n: r.segments.length, km: r.segment_km });
  return el('section', { part: 'route', class: 'route', 'aria-label': L.route },
    el('h3', {}, `${L.route} · ${fmt1(r.length_km)} ${L.km}`),
    none ? el('div', { class: 'verdict verdict-none' }, L.noVerdict) : el('div', { class: `verdict verdict-${r.verdict} b-${VERDICT_BAND[r.verdict] ?? 'moderate'}` }, L.verdicts[r.verdict] ?? r.verdict),
    none ? null : el('p', { class: 'muted reason' }, verdictReason(report, L)),
    svg('svg', { viewBox: '0 0 1000 10', preserveAspectRatio: 'none', class: 'strip', 'aria-hidden': 'true' }, rects),
    el('div', { class: 'kms', 'aria-hidden': 'true' }, marks),
    summary ? el('p', { class: 'summary' }, summary) : null,
    tagged?.length ? el('p', { class: 'muted route-tags' }, `${L.aimedAt}: `, tagged) : null,
    none ? null : dataTable(L, L.routeTable, [L.colStretch, L.colIncidents, L.colKilled, L.colScore, ...(hasTags ? [L.colTags] : [])],
      r.segments.map((s) => [`${s.from_km}–${s.to_km}`, s.count, s.fatalities, `${fmt1(s.score)} (${bandWord(s.band, L)})`, ...(hasTags ? [(s.tags ?? []).map((t) => L.tagNames[t] ?? t).join(', ') || '—'] : [])])));
}

/** Nearest incidents, numbered as their marks on the map, with distance, compass, date, type,
 * fatalities, place; notes on demand. A public report (the engine's redaction) has no notes,
 * actors, ids, sources or exact places: what it lacks is left out. */
export function nearestList(report, L) {
  const items = report.nearest.map((n, i) => {
    const place = [n.location, n.admin1, n.country].filter(Boolean).join(', ');
    const labels = [n.event_type, n.sub_event_type].filter(Boolean).join(' — ');
    const ids = [n.id, n.source].filter(Boolean).join(' · ');
    const more = [
      labels ? dataBlock('p', { class: 'labels muted' }, labels, L) : null,
      n.actors?.length ? el('p', { class: 'actors' }, `${L.actors}: `, bdi(n.actors.join('; '))) : null,
      n.notes ? el('p', { class: 'notes', dir: 'auto', ...(n.notes.length > 300 ? { tabindex: 0, role: 'region', 'aria-label': L.notes } : {}) }, n.notes) : null,
      ids ? dataBlock('p', { class: 'muted' }, ids, L) : null,
    ].filter(Boolean);
    return el('li', {},
      el('div', { class: 'row' },
        el('span', { class: 'num', 'aria-hidden': 'true' }, `${i + 1}`),
        el('span', { class: 'dist' }, `${fmt1(n.distance_km)} ${L.km} ${L.compass[n.compass] ?? n.compass}`),
        el('span', { class: 'date' }, n.date),
        el('span', { class: 'type' }, el('i', { class: `key c-${n.category}` }), L.categories[n.category] ?? n.category),
        n.fatalities ? el('span', { class: 'fat' }, fill(L.killed, { n: n.fatalities })) : null),
      place ? dataBlock('div', { class: 'place' }, place, L) : null,
      more.length ? el('details', {}, el('summary', {}, L.notes), more) : null);
  });
  return el('section', { part: 'nearest', class: 'nearest', 'aria-label': L.nearest }, el('h3', {}, L.nearest),
    items.length ? el('ol', {}, items) : el('p', { class: 'muted' }, fill(L.none, { km: report.method.influence_km })));
}

/** The top drivers with their points, and the per-category contributions as a stacked bar (the list
 * beside it says the same in words). */
export function driversList(report, L) {
  const parts = Object.entries(report.contributions).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
  const total = Math.max(report.score, 1e-9);
  return el('section', { part: 'drivers', class: 'drivers', 'aria-label': L.drivers }, el('h3', {}, L.drivers),
    parts.length ? el('div', { class: 'stack', 'aria-hidden': 'true' }, parts.map(([c, v]) => el('span', { class: `c-${c}`, style: { flex: v / total }, title: `${L.categories[c] ?? c}: ${fill(L.pts, { n: fmtPts(v) })}` }))) : null,
    parts.length ? el('ul', { class: 'contrib' }, parts.map(([c, v]) => el('li', {}, el('i', { class: `key c-${c}` }), `${L.categories[c] ?? c} `, el('b', {}, fill(L.pts, { n: fmtPts(v) }))))) : null,
    report.drivers.length ? el('ol', { class: 'driver-list' }, report.drivers.map((d) => el('li', {},
      el('b', {}, fill(L.pts, { n: fmtPts(d.points) })), ` · ${L.categories[d.category] ?? d.category} · ${d.date} · ${fmt1(d.distance_km)} ${L.km}`,
      d.fatalities ? ` · ${fill(L.killed, { n: d.fatalities })}` : '', d.location ? [' · ', d.location.length > LONG_TEXT ? bdi(`${d.location.slice(0, LONG_TEXT)}…`) : bdi(d.location)] : null))) : null);
}

/** "N rows skipped — details", with each skipped row's line and reason in the card's language: `d`
 * is what the loads did (the engine's diagnostics, not the report's summary of them). `publicView`
 * leaves the rows out: a reason can quote the row's own text. */
export function diagnosticsLine(d, L, publicView = false) {
  const loaded = fill(L.rowsLoaded, { n: d.rows_loaded - d.rows_replaced });
  if (!d.rows_skipped && !d.warnings.length) return el('div', { part: 'diagnostics', class: 'diagnostics muted' }, loaded);
  const rows = publicView ? [] : d.errors.map((e) => el('li', {}, e.source ? [bdi(e.source), ' '] : null, `${L.line} ${e.line}: `,
    sayNodes({ code: e.code, params: e.params, message: e.reason }, L)));
  return el('div', { part: 'diagnostics', class: 'diagnostics' },
    el('details', {}, el('summary', {}, `${loaded} · ${fill(L.rowsSkipped, { n: d.rows_skipped })} — ${L.details}`),
      el('div', { class: 'diag-rows', tabindex: 0, role: 'region', 'aria-label': L.details }, el('ul', {}, rows,
        !publicView && d.errors_omitted ? el('li', {}, `… +${d.errors_omitted}`) : null,
        d.warnings.map((w) => el('li', { class: 'muted' }, sayNodes(w, L)))))));
}
