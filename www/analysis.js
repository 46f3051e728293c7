// The card's answers to "is it coming closer, who is behind it, what is it aimed at, what changed
// since I last looked" (an analysis report: `detail: 'analysis'`), and the comparison of a journey's
// alternative routes. Built as render.js builds: DOM nodes, text from data as text, a sentence and a
// table beside every chart.
import { el, svg, bdi, fmt1, dataTable, sayNodes, nothingToScore } from './render.js';
import { fill } from './i18n.js';

const bandWord = (b, L) => (L.bands[b] ?? b).toLowerCase();

/** Nodes of a sentence, its first letter upper case (the engine's texts start lower case: they also
 * stand inside other sentences). */
function capitalised(nodes) {
  const first = nodes[0];
  if (typeof first === 'string') return [first.charAt(0).toUpperCase() + first.slice(1), ...nodes.slice(1)];
  return nodes;
}

/** "1 incident", "14 incidents". */
const incidents = (n, L) => fill(n === 1 ? L.incidentOne : L.incidentsN, { n });

/** A ring's label: the area itself, or "25–50 km" beyond its edge. */
const ringLabel = (r, L) => (r.to_km === 0 ? L.inTheArea : `${r.from_km}–${r.to_km} ${L.km}`);

/** Is it coming closer: the drift in a sentence; incidents by distance ring (rows, the area at the
 * top) and trend bin (columns) as a strip of cells shaded by count; where they come from (the most
 * frequent compass sectors); the data as a table. */
export function approachBlock(report, L) {
  const a = report.approach;
  if (!a || nothingToScore(report)) return null;
  const bins = report.trend.bins;
  const n = bins.length;
  const max = Math.max(1, ...a.rings.flatMap((r) => r.counts));
  const W = 300, rowH = 8, H = rowH * a.rings.length;
  const cw = W / Math.max(n, 1);
  const cells = a.rings.flatMap((ring, k) => ring.counts.map((c, i) => (c ? svg('rect', {
    x: (i * cw).toFixed(1), y: k * rowH, width: Math.max(cw - 0.5, 0.5).toFixed(1), height: rowH - 1,
    class: 'cell', style: { opacity: (0.25 + (0.75 * c) / max).toFixed(2) },
  }, svg('title', {}, `${ringLabel(ring, L)} · ${bins[i]?.start}: ${c}`)) : null)));
  const sectors = Object.entries(a.sectors).filter(([, c]) => c > 0).sort((x, y) => y[1] - x[1]);
  const from = sectors.slice(0, 3).map(([s, c]) => `${L.compass[s] ?? s} ${c}`).join(' · ');
  return el('section', { part: 'approach', class: 'approach', 'aria-label': L.approach },
    el('h3', {}, L.approach),
    el('p', { class: `drift ${a.drift_km < 0 && a.drift_code === 'drift_closer' ? 'closer' : ''}` },
      capitalised(sayNodes({ code: a.drift_code, params: a.drift_params, message: a.drift_text }, L))),
    el('div', { class: 'rings' },
      el('div', { class: 'ring-labels', 'aria-hidden': 'true' }, a.rings.map((r) => el('span', {}, ringLabel(r, L)))),
      svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'ring-strip', preserveAspectRatio: 'none', 'aria-hidden': 'true' },
        svg('rect', { x: 0, y: 0, width: W, height: H, class: 'ring-bg' }), cells)),
    from ? el('p', { class: 'muted sectors' }, `${L.comesFrom}: ${from}`) : null,
    n ? dataTable(L, L.approachTable, [report.trend.bin === 'month' ? L.colMonth : L.colWeek, ...a.rings.map((r) => ringLabel(r, L)), L.colNearest],
      bins.map((b, i) => [b.start, ...a.rings.map((r) => r.counts[i] ?? 0), a.nearest_km[i] === null || a.nearest_km[i] === undefined ? '—' : `${fmt1(a.nearest_km[i])} ${L.km}`])) : null);
}

/** Who is behind it (the score's points by actor family, and how many incidents each) and what it
 * is aimed at (incidents per tag). */
export function actorsBlock(report, L) {
  const fam = report.actors;
  if (!fam || nothingToScore(report)) return null;
  const tags = Object.entries(report.tags ?? {}).filter(([, c]) => c > 0).sort((x, y) => y[1] - x[1]);
  return el('section', { part: 'actors', class: 'actors-block', 'aria-label': L.whoTitle },
    el('h3', {}, L.whoTitle),
    fam.length ? el('ul', { class: 'families' }, fam.map((f) => el('li', {},
      el('span', {}, L.families[f.family] ?? f.family), ' ', el('b', {}, fill(L.pts, { n: f.points < 0.05 ? '<0.1' : fmt1(f.points) })),
      el('span', { class: 'muted' }, ` · ${incidents(f.count, L)}`)))) : el('p', { class: 'muted' }, fill(L.none, { km: report.method.influence_km })),
    el('p', { class: 'aimed' }, `${L.aimedAt}: `, tags.length ? tags.map(([t, c], i) => [i ? ' · ' : '', el('span', { class: `tag t-${t}` }, L.tagNames[t] ?? t), ` ${c}`]) : L.noTags));
}

/** What changed since the user's last look (or the `since` the host gave). */
export function sinceLine(report, L) {
  const s = report.since;
  if (!s || nothingToScore(report)) return null;
  const then = `${fmt1(s.score_then)} (${bandWord(s.band_then, L)})`;
  const now = `${fmt1(report.score)} (${bandWord(report.band, L)})`;
  return el('p', { part: 'since', class: `since${s.new_within_influence ? ' news' : ''}` },
    fill(L.sinceLook, { date: s.date, n: s.new_within_influence, km: report.method.influence_km, inArea: s.new_in_aoi, then, now }));
}

/** A route stretch's tags in the card's language ("convoy, checkpoint"), or "". */
export const stretchTags = (s, L) => (s.tags ?? []).map((t) => L.tagNames[t] ?? t).join(', ');

/** The alternatives of each journey (corridors of a portfolio with the same `journey` property) side
 * by side, safest first: length, score, worst stretch and its tags, verdict. */
export function journeys(reports, features, L) {
  const byName = new Map((features ?? []).map((f) => [f.properties?.name ?? null, f.properties?.journey]));
  const groups = new Map();
  for (const r of reports) {
    const j = r.route ? byName.get(r.aoi.name ?? null) : undefined;
    if (j === undefined || j === null || j === '') continue;
    if (!groups.has(j)) groups.set(j, []);
    groups.get(j).push(r);
  }
  const tables = [...groups].filter(([, list]) => list.length > 1).map(([journey, list]) => {
    const safest = [...list].sort((a, b) => a.score - b.score || a.route.length_km - b.route.length_km);
    const rows = safest.map((r) => {
      const w = r.route.hotspots[0];
      const worst = w ? `km ${w.from_km}–${w.to_km}: ${fmt1(w.score)} (${bandWord(w.band, L)})${w.tags?.length ? ` · ${stretchTags(w, L)}` : ''}` : '—';
      return el('tr', {}, el('th', { scope: 'row' }, bdi(r.aoi.name ?? '')), el('td', {}, `${fmt1(r.route.length_km)} ${L.km}`),
        el('td', {}, nothingToScore(r) ? `— ${L.noScoreShort}` : `${fmt1(r.score)} ${L.bands[r.band]}`), el('td', {}, worst),
        el('td', {}, nothingToScore(r) ? L.noVerdict : L.verdicts[r.route.verdict] ?? r.route.verdict));
    });
    return el('table', { class: 'journey' }, el('caption', {}, fill(L.journeyCaption, { journey: String(journey) })),
      el('thead', {}, el('tr', {}, [L.colRoute, L.colLength, L.colScoreBand, L.colWorst, L.colVerdict].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows));
  });
  if (!tables.length) return null;
  return el('section', { part: 'journeys', class: 'journeys', 'aria-label': L.journeys }, el('h3', {}, L.journeys), tables);
}
