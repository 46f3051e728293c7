// The print-ready brief (loaded by the card the first time it is asked for: card.brief() or the
// Brief button). One self-contained HTML document, A4 portrait, nothing external: the card's own
// stylesheet inline, the map and charts as inline SVG. Built as DOM in a document of its own (data
// text is only ever text) and serialised; nothing is concatenated from data.
import { labels, fill, say } from './i18n.js';
import { fmt1, nothingToScore, miniMap } from './render.js';
import { sheetText } from './styles.js';

/** The brief's own words (the card's labels hold the rest). */
const WORDS = {
  en: {
    briefTitle: 'Risk brief',
    briefExplain: 'Proximity score {score} ({band}): {n} incidents within {km} km in the {days} days to {date}, {inArea} in the area.',
    briefMethod: ['Each incident within the influence distance weighs by its category, fatalities and location precision, halved every {hl} days and every {hd} km beyond the area\'s edge.', 'The weights add up to an intensity; the score is 100 × (1 − e^(−intensity / {scale})), bounded below 100.', 'Bands: minimal < 10, low < 25, moderate < 50, high < 75, severe ≥ 75. The trend compares the last weeks with a baseline.'],
    method: 'Method',
    provenance: 'Data and provenance',
    source: 'Source',
    accessed: 'Accessed',
    filters: 'Filters',
    asOf: 'Data as of {date}',
    page: 'Area {n} of {total}',
    scoreWord: 'Score',
    bandWord: 'Band',
    history: 'Score history',
    noNotes: 'no notes',
  },
  fr: {
    briefTitle: 'Note de risque',
    briefExplain: 'Score de proximité {score} ({band}) : {n} incidents à moins de {km} km pendant les {days} jours jusqu\'au {date}, dont {inArea} dans la zone.',
    briefMethod: ['Chaque incident à moins de la distance d\'influence pèse selon sa catégorie, ses victimes et la précision du lieu, divisé par deux tous les {hl} jours et tous les {hd} km au-delà du bord de la zone.', 'Les poids s\'additionnent en une intensité ; le score vaut 100 × (1 − e^(−intensité / {scale})), borné sous 100.', 'Niveaux : minimal < 10, faible < 25, modéré < 50, élevé < 75, sévère ≥ 75. La tendance compare les dernières semaines à une base.'],
    method: 'Méthode',
    provenance: 'Données et provenance',
    source: 'Source',
    accessed: 'Consultées le',
    filters: 'Filtres',
    asOf: 'Données au {date}',
    page: 'Zone {n} sur {total}',
    scoreWord: 'Score',
    bandWord: 'Niveau',
    history: 'Historique du score',
    noNotes: 'pas de notes',
  },
};

/** A page holds the route table's rows 25 at a time (one more page per 25 stretches). */
export const STRETCHES_PER_PAGE = 25;

const PRINT_CSS = `@page { size: A4 portrait; margin: 14mm 12mm; }
html, body { margin: 0; background: #fff; color: #111; font: 10.5pt/1.35 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.page { break-after: page; page-break-after: always; }
.page:last-child { break-after: auto; page-break-after: auto; }
h1 { font-size: 17pt; margin: 0 0 2mm; } h2 { font-size: 13pt; margin: 4mm 0 2mm; } h3 { font-size: 11pt; margin: 3mm 0 1mm; }
.muted { color: #555; } .score { font-size: 22pt; font-weight: 700; } .band-word { font-size: 14pt; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; } th, td { border-bottom: 1px solid #ccc; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
.brief-map { width: 100%; max-height: 95mm; } .brief-map svg { width: 100%; height: 90mm; }
.brief-map .legend { font-size: 8pt; } ul { margin: 1mm 0; padding-left: 5mm; }
.notes { font-size: 8.5pt; color: #333; } .provenance { font-size: 8.5pt; border-top: 1px solid #999; margin-top: 4mm; padding-top: 2mm; }
svg.history { width: 100%; height: 28mm; } svg.history polyline { fill: none; stroke: #333; stroke-width: 1.5; }
`;

/**
 * The brief as an HTML document's text.
 * @param {object|object[]} report the card's report (an array for a portfolio)
 * @param {{lang: string, public: boolean, attribution: string, accessed: string, filters: object,
 *          aoi: object, basemap: object[], sheet?: CSSStyleSheet, features?: object[]}} ctx
 */
export function briefHTML(report, ctx) {
  const base = labels(ctx.lang);
  const L = { ...base, ...WORDS[base.lang === 'fr' ? 'fr' : 'en'] };
  const doc = document.implementation.createHTMLDocument(L.briefTitle);
  doc.documentElement.lang = L.lang;
  const make = (tag, attrs = {}, ...children) => {
    const n = doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) n.setAttribute(k, String(v));
    for (const c of children.flat(Infinity)) if (c !== null && c !== undefined && c !== false) n.append(typeof c === 'string' || typeof c === 'number' ? String(c) : doc.importNode(c, true));
    return n;
  };
  const meta = make('meta', { charset: 'utf-8' });
  const csp = make('meta', { 'http-equiv': 'Content-Security-Policy', content: "default-src 'none'; style-src 'unsafe-inline'; img-src data:" });
  // The stylesheet (the card's and the print rules: no data in it) goes in as text after the
  // document is serialised: a <style> element made in a document of this page would be checked
  // against the page's CSP (style-src 'self' refuses it), though never applied here.
  const css = `${ctx.sheet ? sheetText(ctx.sheet) : ''}\n${PRINT_CSS}`.replace(/<\//g, '<\\/');
  doc.head.replaceChildren(meta, csp, doc.head.querySelector('title') ?? make('title', {}, L.briefTitle), make('meta', { name: 'rc-style' }));
  const reports = Array.isArray(report) ? report : [report];
  const pages = [];
  if (Array.isArray(report)) {
    pages.push(make('section', { class: 'page', 'data-page': 'portfolio' },
      make('h1', {}, `${L.briefTitle} — ${L.portfolio}`),
      make('p', { class: 'muted' }, fill(L.asOf, { date: reports[0]?.as_of ?? '' })),
      make('table', {}, make('thead', {}, make('tr', {}, [L.colRank, L.colArea, L.scoreWord, L.bandWord, L.colIncidents].map((h) => make('th', { scope: 'col' }, h)))),
        make('tbody', {}, reports.map((r) => make('tr', {}, make('td', {}, `${r.rank ?? ''}`), make('th', { scope: 'row' }, r.aoi.name ?? ''),
          make('td', {}, nothingToScore(r) ? '—' : fmt1(r.score)), make('td', {}, nothingToScore(r) ? L.noScoreShort : L.bands[r.band]), make('td', {}, `${r.incidents.in_aoi}`))))),
      provenance(make, reports[0], L, ctx)));
  }
  reports.forEach((r, i) => {
    const aoi = Array.isArray(report) ? ctx.features?.find((f) => (f.properties?.name ?? null) === r.aoi.name) ?? null : ctx.aoi;
    pages.push(...areaPages(make, r, aoi, L, ctx, Array.isArray(report) ? fill(L.page, { n: i + 1, total: reports.length }) : null));
  });
  const host = make('div', { class: 'host', theme: 'light' }, pages);
  doc.body.replaceChildren(host);
  const text = new XMLSerializer().serializeToString(doc).replace(/^<!DOCTYPE html>\n?/i, '');
  return '<!doctype html>\n' + text.replace(/<meta name="rc-style"\s*\/?>/, () => `<style>${css}</style>`);
}

/** One area: its first page (the answer, the map, the nearest) and, for a long route, its stretches
 * 25 to a page. */
function areaPages(make, r, aoi, L, ctx, pageNote) {
  const none = nothingToScore(r);
  const name = r.aoi.name ?? L.kinds[r.aoi.kind];
  const bandText = none ? L.noScore : L.bands[r.band];
  const explain = none ? L.noScore : fill(L.briefExplain, { score: fmt1(r.score), band: L.bands[r.band], n: r.incidents.within_influence, km: r.method.influence_km,
    days: r.window_days, date: r.as_of, inArea: r.incidents.in_aoi });
  const first = make('section', { class: 'page', 'data-page': 'area' },
    pageNote ? make('p', { class: 'muted' }, pageNote) : null,
    make('h1', {}, name),
    make('p', { class: 'muted' }, `${L.kinds[r.aoi.kind]} · ${fill(L.asOf, { date: r.as_of })} · ${fill(L.window, { days: r.window_days, date: r.as_of })}`),
    make('p', {}, make('span', { class: 'score' }, none ? '—' : fmt1(r.score)), ' ', make('b', { class: 'band-word' }, bandText)),
    make('p', { class: 'explain' }, explain),
    r.warnings?.length ? [make('h3', {}, L.warnings), make('ul', {}, r.warnings.map((w) => make('li', {}, say(w, L))))] : null,
    trendPart(make, r, L),
    r.approach?.drift ? make('p', {}, say(r.approach.drift, L)) : null,
    r.actors?.length ? [make('h3', {}, L.actors), make('p', {}, r.actors.map((a) => `${L.families?.[a.family] ?? a.family}: ${fill(L.pts, { n: fmt1(a.points) })} (${a.count})`).join(' · '))] : null,
    r.map && (r.map.points.length || aoi) ? make('div', { class: 'brief-map' }, mapPart(r, aoi, ctx, L)) : null,
    nearestPart(make, r, L));
  const pages = [first];
  const segs = r.route?.segments ?? [];
  for (let i = 0; i < segs.length; i += STRETCHES_PER_PAGE) {
    pages.push(make('section', { class: 'page', 'data-page': 'route' },
      make('h2', {}, `${L.route} — ${name}${r.route.verdict ? ` · ${L.verdicts[r.route.verdict] ?? r.route.verdict}` : ''}`),
      make('table', {}, make('thead', {}, make('tr', {}, ['km', L.colIncidents, L.fatalities, L.scoreWord, L.bandWord].map((h) => make('th', { scope: 'col' }, h)))),
        make('tbody', {}, segs.slice(i, i + STRETCHES_PER_PAGE).map((s) => make('tr', {}, make('td', {}, `${fmt1(s.from_km)}–${fmt1(s.to_km)}`), make('td', {}, `${s.count}`),
          make('td', {}, `${s.fatalities}`), make('td', {}, fmt1(s.score)), make('td', {}, L.bands[s.band] ?? s.band)))))));
  }
  const last = pages.at(-1);
  last.append(make('h3', {}, L.method), make('ol', {}, L.briefMethod.map((t) => make('li', {}, fill(t, { hl: r.method.half_life_days, hd: r.method.half_distance_km, scale: r.method.scale })))),
    provenance(make, r, L, ctx));
  return pages;
}

function trendPart(make, r, L) {
  const h = r.trend?.score_history ?? [];
  const change = r.trend?.change_band ? L.change[r.trend.change_band] ?? r.trend.change_band : null;
  if (!h.length && !change) return null;
  const NS = 'http://www.w3.org/2000/svg';
  const doc = make('i').ownerDocument;
  const chart = doc.createElementNS(NS, 'svg');
  chart.setAttribute('class', 'history');
  chart.setAttribute('viewBox', '0 0 400 60');
  chart.setAttribute('preserveAspectRatio', 'none');
  chart.setAttribute('role', 'img');
  const line = doc.createElementNS(NS, 'polyline');
  line.setAttribute('points', h.map((p, i) => `${((i / Math.max(1, h.length - 1)) * 400).toFixed(1)},${(58 - (p.score / 100) * 56).toFixed(1)}`).join(' '));
  chart.append(line);
  const first = h[0], last = h.at(-1);
  chart.setAttribute('aria-label', first ? `${L.history}: ${fmt1(first.score)} → ${fmt1(last.score)}` : L.history);
  return [make('h3', {}, `${L.trend}${change ? ` — ${change}` : ''}`), first ? make('p', { class: 'muted' }, `${L.history}: ${first.date} ${fmt1(first.score)} → ${last.date} ${fmt1(last.score)}`) : null, h.length ? chart : null];
}

function mapPart(r, aoi, ctx, L) {
  try {
    return miniMap(r, aoi, ctx.basemap, L, ctx.kit, false);
  } catch {
    return null;
  }
}

function nearestPart(make, r, L) {
  if (!r.nearest?.length) return make('p', {}, fill(L.none, { km: r.method.influence_km }));
  return [make('h3', {}, L.nearest), make('table', {},
    make('tbody', {}, r.nearest.map((q, i) => make('tr', {},
      make('td', {}, `${i + 1}`),
      make('td', {}, `${fmt1(q.distance_km)} km ${L.compass?.[q.compass] ?? q.compass}`),
      make('td', {}, q.date),
      make('td', {}, L.categories[q.category] ?? q.category, q.fatalities ? ` · ${fill(L.killed, { n: q.fatalities })}` : ''),
      make('td', {}, q.location ? make('b', {}, q.location) : null, q.notes ? make('div', { class: 'notes', dir: 'auto' }, q.notes.length > 400 ? `${q.notes.slice(0, 400)}…` : q.notes) : null)))))];
}

/** Source(s), the data's dates, when it was read, the filters, and the attribution the sources ask for. */
function provenance(make, r, L, ctx) {
  const sources = (r.data?.sources ?? []).map((s) => `${s.name || s.format} (${s.format}, ${s.rows}, ${s.first_date}–${s.last_date})`).join('; ');
  const f = ctx.filters ?? {};
  const filters = [`window ${r.window_days} d to ${r.as_of}`, `profile ${r.profile ?? 'site'}`, f.actors ? `actors ${[].concat(f.actors).join(',')}` : null,
    r.since?.date ? `since ${r.since.date}` : null, ctx.public ? 'public' : null].filter(Boolean).join(', ');
  return make('div', { class: 'provenance' },
    make('h3', {}, L.provenance),
    make('p', { class: 'provenance-line' }, `${L.source}: ${sources || '—'} · ${L.accessed}: ${ctx.accessed} · ${L.filters}: ${filters}`),
    ctx.attribution ? make('p', {}, ctx.attribution) : null,
    ctx.public ? make('p', {}, L.publicView) : null);
}

/** The brief as a Blob (text/html). */
export function briefBlob(report, ctx) {
  return new Blob([briefHTML(report, ctx)], { type: 'text/html' });
}

/** Opens the brief in a new window and its print dialog; when the window is refused (a popup
 * blocker), returns a download link to show instead. */
export function openBrief(blob, name, L) {
  const url = URL.createObjectURL(blob);
  const w = window.open(url, '_blank');
  if (w) {
    w.addEventListener?.('load', () => w.print(), { once: true });
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return null;
  }
  const a = document.createElement('a');
  a.href = url;
  a.download = `${name}.html`;
  a.textContent = L.downloadBrief;
  return a;
}

