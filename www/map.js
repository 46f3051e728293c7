// What makes the mini-map readable: towns and rivers (www/places.js, Natural Earth, public domain)
// labelled by importance with no two labels overlapping, a scale bar in km, and zoom and pan inside
// the card (wheel, drag, the + and − keys and the arrows when the map has the focus, and buttons).
// Offline: no tiles, no network. Positions are projected as render.js projects them: x = lon ×
// cos(lat0), y = −lat (units of a degree of latitude, ≈ 111.2 km).

import { el, svg as s } from './render.js';

/** The map's own words (the card's labels hold the rest; loaded with the map, not with the card). */
export const WORDS = {
  en: { zoomIn: 'Zoom in', zoomOut: 'Zoom out', zoomReset: 'Whole map', mapTools: 'Map zoom',
    mapKeys: 'With the focus on it: + and − zoom, the arrows move, 0 shows it whole.',
    mapCredit: 'Towns and rivers: Natural Earth; towns: GeoNames (CC BY 4.0).' },
  fr: { zoomIn: 'Zoomer', zoomOut: 'Dézoomer', zoomReset: 'Carte entière', mapTools: 'Zoom de la carte',
    mapKeys: 'Quand elle a le focus : + et − zooment, les flèches déplacent, 0 la montre entière.',
    mapCredit: 'Villes et fleuves : Natural Earth ; villes : GeoNames (CC BY 4.0).' },
};

/** The map's styles, added to the card's stylesheet when the map first loads (no style attribute:
 * a page's CSP may refuse them). */
export const CSS = `
.river { fill: none; stroke: var(--rc-accent); stroke-opacity: .55; stroke-width: 1.2; vector-effect: non-scaling-stroke; }
.town { fill: var(--rc-fg); }
.label { fill: var(--rc-fg); paint-order: stroke; stroke: var(--rc-bg); stroke-width: 2.5px; stroke-linejoin: round; vector-effect: non-scaling-stroke; }
.river-label { font-style: italic; fill: var(--rc-accent); }
.label.major { font-weight: 600; }
.scale-bar path { fill: none; stroke: var(--rc-fg); stroke-width: 1.5; vector-effect: non-scaling-stroke; }
.scale-bar text { fill: var(--rc-fg); }
.map svg[tabindex] { touch-action: none; cursor: grab; user-select: none; -webkit-user-select: none; }
.map-tools { display: flex; gap: 4px; margin-top: 4px; }
.map-tools button { font: inherit; min-width: 28px; min-height: 28px; border-radius: 6px; border: 1px solid var(--rc-muted); background: transparent; color: inherit; cursor: pointer; }
.map-credit, .route-note { font-size: .75em; margin: 4px 0 0; }
@media (forced-colors: active) { .label, .scale-bar text { fill: CanvasText; stroke: Canvas; } .river, .scale-bar path { stroke: CanvasText; } .town { fill: CanvasText; } }
`;

/** What the card keeps once loaded: `decorate` over `places` (www/places.js), the styles added to `sheet`. */
export function kit(places, sheet) {
  addStyles(sheet);
  return { decorate: (ctx) => decorate(places, ctx) };
}

const styled = new WeakSet();
/** Adds CSS's rules to `sheet` (the card's), once. */
export function addStyles(sheet) {
  if (!sheet || styled.has(sheet)) return;
  styled.add(sheet);
  for (const rule of CSS.split(/\n(?=[.@])/).map((r) => r.trim()).filter(Boolean)) sheet.insertRule(rule, sheet.cssRules.length);
}
const KM_PER_UNIT = 111.2;

/** A label's candidate positions around its point, best first (right, left, above, below, then the corners). */
const POSITIONS = [
  [1, 0, 'start'], [-1, 0, 'end'], [0, -1, 'middle'], [0, 1, 'middle'],
  [1, -1, 'start'], [-1, -1, 'end'], [1, 1, 'start'], [-1, 1, 'end'],
];

const overlaps = (a, b) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

/**
 * Greedy label placement: `items` most important first, each `{text, x, y, w, h, gap}` (the
 * label's width and height, its distance from the point, and `far` a second distance to try when
 * the point is under an obstacle, past an incident's mark on it) or, for a line's name, `points`
 * [[x, y], …] to try in turn instead of `x, y`; `mark: true` when the point is drawn (a town): its
 * dot then keeps clear of labels placed before it, and labels placed after it keep clear of the dot.
 * A label takes the first of eight positions whose box lies inside `bounds` [x0, y0, x1, y1] and
 * meets neither a label placed before it nor an `obstacles` box; a label with no such position is
 * left out. Pure: returns `[{text, x, y, anchor, box, kind, point}]` (x, y the text's anchor point on
 * its baseline; box [x0, y0, x1, y1]; point the mark's position).
 */
export function placeLabels(items, obstacles, bounds) {
  const placed = [];
  const taken = [...obstacles];
  const labelled = [];
  for (const it of items) {
    const points = it.points ?? [[it.x, it.y]];
    let done = false;
    for (const [px, py] of points) {
      if (done) break;
      const r = it.h * 0.25;
      const dot = [px - r, py - r, px + r, py + r];
      // A dot may lie under an obstacle (an incident's mark), not under a name.
      if (it.mark && labelled.some((o) => overlaps(o, dot))) continue;
      // The farther ring only for a point under an obstacle (a town under an incident's mark).
      const far = it.far && obstacles.some((o) => overlaps(o, dot));
      for (const [dx, dy, anchor, gap] of (far ? [...POSITIONS, ...POSITIONS.map((q) => [...q, it.far])] : POSITIONS)) {
        const g = gap ?? it.gap;
        const cx = px + dx * g;
        const left = anchor === 'start' ? cx : anchor === 'end' ? cx - it.w : cx - it.w / 2;
        const top = dy < 0 ? py - g - it.h : dy > 0 ? py + g : py - it.h / 2;
        const box = [left, top, left + it.w, top + it.h];
        // Collisions are tested with a margin (an estimated width, a font's italic overhang).
        const m = it.h * 0.2;
        const wide = [box[0] - m, box[1] - m, box[2] + m, box[3] + m];
        if (box[0] < bounds[0] || box[1] < bounds[1] || box[2] > bounds[2] || box[3] > bounds[3]) continue;
        if (taken.some((o) => overlaps(o, wide))) continue;
        placed.push({ text: it.text, x: anchor === 'start' ? box[0] : anchor === 'end' ? box[2] : (box[0] + box[2]) / 2, y: box[3] - it.h * 0.24, anchor, box, kind: it.kind, point: [px, py], rank: it.rank });
        taken.push(box);
        labelled.push(box);
        if (it.mark) taken.push(dot);
        done = true;
        break;
      }
    }
  }
  return placed;
}


/** A label's width for `text` at font size `fs`, `bold` or not: an estimate (no text is measured
 * off screen), on the wide side — DejaVu Sans, among the widest, measures up to 0.71 em a letter in
 * these names, 0.75 in bold. */
const widthOf = (text, fs, bold = false) => text.length * fs * (bold ? 0.8 : 0.73) + fs * 0.2;

/** The nice length for a scale bar about a fifth of `km` wide. */
function niceKm(km) {
  const t = km / 5;
  const p = 10 ** Math.floor(Math.log10(t));
  return [1, 2, 5, 10].map((m) => m * p).find((x) => x >= t) ?? 10 * p;
}

/**
 * The map's readable layers for viewBox `vb` [x, y, w, h]: rivers (under everything), town marks,
 * the labels (towns and rivers, placed by `placeLabels` around `obstacles` — the incidents'
 * numbered marks), and a scale bar. `places` is www/places.js's module; `project(lon, lat)`.
 */
export function placeLayers(places, project, vb, obstacles = []) {
  const [x0, y0, w, h] = vb;
  // Sizes from the view's height (render.js makes the view 3:2; the map at most 320 px high: 11 px letters).
  const unit = h;
  const fs = unit * 0.034;
  const inside = (x, y, k = 0) => x >= x0 + w * k && x <= x0 + w * (1 - k) && y >= y0 + h * k && y <= y0 + h * (1 - k);
  const rivers = [], riverItems = [];
  for (const [name, rank, parts] of places.rivers) {
    const along = [];
    const d = parts.map((flat) => {
      let out = '';
      for (let i = 0; i < flat.length; i += 2) {
        const [x, y] = project(flat[i + 1], flat[i]);
        out += `${i ? 'L' : 'M'}${x.toFixed(3)} ${y.toFixed(3)}`;
        if (inside(x, y, 0.08)) along.push([x, y]);
      }
      return out;
    }).join('');
    rivers.push(s('path', { d, class: 'river' }));
    // Where to name it: points along it inside the view, from the middle out.
    if (along.length && name) {
      const mid = (along.length - 1) / 2;
      const points = along.map((p, i) => [p, Math.abs(i - mid)]).sort((p, q) => p[1] - q[1]).map(([p]) => p);
      riverItems.push({ text: name, points, w: widthOf(name, fs * 0.9), h: fs * 1.15, gap: fs * 0.25, kind: 'river', rank });
    }
  }
  // One name per river in view (Natural Earth splits some into several lines).
  const rivs = [...new Map(riverItems.sort((p, q) => q.points.length - p.points.length).map((r) => [r.text, r])).values()].sort((p, q) => p.rank - q.rank);
  const townItems = [];
  for (const [name, lat, lon, rank] of places.towns) {
    const [x, y] = project(lon, lat);
    if (!inside(x, y, 0.015)) continue;
    townItems.push({ text: name, x, y, w: rank <= 4 ? widthOf(name, fs * 1.08, true) : widthOf(name, fs), h: fs * 1.25, gap: unit * 0.009, far: unit * 0.05, kind: 'town', mark: true, rank });
  }
  // Important towns first, then the rivers' names, then the small towns.
  const items = [...townItems.filter((t) => t.rank <= 6), ...rivs, ...townItems.filter((t) => t.rank > 6)];
  // Scale bar, bottom left: its box is an obstacle too.
  const km = niceKm(w * KM_PER_UNIT);
  const len = km / KM_PER_UNIT;
  const bx = x0 + w * 0.04, by = y0 + h * 0.94;
  const scaleText = `${km} km`;
  const scaleBox = [bx - fs * 0.3, by - fs * 1.1, bx + len + fs * 0.3 + widthOf(scaleText, fs * 0.9), by + fs * 0.4];
  // No town under the scale bar.
  const clear = items.filter((t) => !t.mark || !(t.x >= scaleBox[0] && t.x <= scaleBox[2] && t.y >= scaleBox[1] && t.y <= scaleBox[3]));
  const placed = placeLabels(clear, [...obstacles, scaleBox], [x0, y0, x0 + w, y0 + h]);
  const size = (p) => (p.kind === 'river' ? fs * 0.9 : p.rank <= 4 ? fs * 1.08 : fs);
  const labels = placed.map((p) => s('text', { x: p.x.toFixed(3), y: p.y.toFixed(3), 'text-anchor': p.anchor, 'font-size': size(p).toFixed(4),
    class: `label ${p.kind}-label${p.kind === 'town' && p.rank <= 4 ? ' major' : ''}` }, p.text));
  // A town's dot only where its name is: a dot with no name tells nothing.
  const towns = placed.filter((p) => p.kind === 'town').map((p) => s('circle', { cx: p.point[0].toFixed(3), cy: p.point[1].toFixed(3), r: (unit * (p.rank <= 4 ? 0.0075 : 0.0055)).toFixed(4), class: 'town' }));
  const scale = s('g', { class: 'scale-bar', 'data-km': km },
    s('path', { d: `M${bx} ${by - fs * 0.4}V${by}H${bx + len}V${by - fs * 0.4}` }),
    s('text', { x: (bx + len + fs * 0.3).toFixed(3), y: by.toFixed(3), 'font-size': (fs * 0.9).toFixed(4) }, scaleText));
  return { rivers: s('g', { class: 'rivers' }, rivers), towns: s('g', { class: 'towns' }, towns), labels: s('g', { class: 'labels' }, labels), scale, placed };
}

/**
 * Puts the readable layers into the mini-map render.js drew (`map`, its `slots` for the rivers, the
 * towns and what goes over everything), and for a map on screen (`interactive`) zoom and pan with
 * their buttons. Returns `{tools, credit}`, the elements to go under the map.
 */
export function decorate(places, { map, slots: [riverSlot, townSlot, overSlot], report, project, vb, unit, L, live }) {
  const W = WORDS[L.lang === 'fr' ? 'fr' : 'en'];
  // The numbered marks of the nearest incidents: no name over them.
  const pinBoxes = (v) => report.nearest.filter((q) => Number.isFinite(q.lat) && Number.isFinite(q.lon)).map((q) => {
    const [x, y] = project(q.lon, q.lat), r = v[3] * 0.022;
    return [x - r, y - r, x + r, y + r];
  });
  const layers = placeLayers(places, project, vb, pinBoxes(vb));
  riverSlot.append(layers.rivers);
  townSlot.append(layers.towns);
  overSlot.append(layers.labels, layers.scale);
  const credit = el('p', { class: 'muted map-credit' }, W.mapCredit);
  if (!live) return { tools: null, credit };
  map.setAttribute('tabindex', '0');
  map.setAttribute('aria-label', `${map.getAttribute('aria-label')} ${W.mapKeys}`);
  const button = (text, name) => el('button', { type: 'button', 'aria-label': name, title: name }, text);
  const [zoomIn, zoomOut, reset] = [button('+', W.zoomIn), button('−', W.zoomOut), button('⟲', W.zoomReset)];
  const tools = el('div', { class: 'map-tools', role: 'group', 'aria-label': W.mapTools }, zoomIn, zoomOut, reset);
  // The marks keep their size on screen: their sizes in the whole view, scaled with the view.
  const sized = (sel, attr) => [...map.querySelectorAll(sel)].map((n) => [n, Number(n.getAttribute(attr))]);
  const dots = sized('.dot', 'r'), lines = sized('.line', 'stroke-width'), pinCircles = sized('.pin circle', 'r'), pinTexts = sized('.pin text', 'font-size');
  const pinY = [...map.querySelectorAll('.pin')].map((p) => [p.children[1], Number(p.children[0].getAttribute('cy'))]);
  interactive(map, vb, { zoomIn, zoomOut, reset }, (v) => {
    const again = placeLayers(places, project, v, pinBoxes(v));
    townSlot.replaceChildren(again.towns);
    overSlot.replaceChildren(again.labels, again.scale);
    const k = v[3] / unit;
    for (const [group, attr] of [[dots, 'r'], [lines, 'stroke-width'], [pinCircles, 'r'], [pinTexts, 'font-size']]) {
      for (const [n, base] of group) n.setAttribute(attr, (base * k).toFixed(5));
    }
    for (const [t, cy] of pinY) t.setAttribute('y', (cy + unit * 0.009 * k).toFixed(5));
  });
  return { tools, credit };
}

/**
 * Zoom and pan for `svgEl` (its viewBox, from `vb0`): the wheel, a pointer drag, + and − and the
 * arrows (0 resets) while it has the focus, and the buttons `zoomIn`, `zoomOut`, `reset`. After
 * each change `redraw(vb)` puts new labels and scale bar in (they keep their size on screen).
 */
export function interactive(svgEl, vb0, { zoomIn, zoomOut, reset }, redraw) {
  let vb = [...vb0];
  // The view: from the whole map to a sixteenth of it, its centre kept on the whole map.
  const fit = (next) => {
    const min = vb0[2] / 16;
    let cx = next[0] + next[2] / 2, cy = next[1] + next[3] / 2;
    const k = Math.min(Math.max(next[2], min), vb0[2]) / next[2];
    const [nw, nh] = [next[2] * k, next[3] * k];
    cx = Math.min(Math.max(cx, vb0[0]), vb0[0] + vb0[2]);
    cy = Math.min(Math.max(cy, vb0[1]), vb0[1] + vb0[3]);
    return [cx - nw / 2, cy - nh / 2, nw, nh];
  };
  const set = (next) => {
    vb = fit(next);
    svgEl.setAttribute('viewBox', vb.map((v) => v.toFixed(4)).join(' '));
    redraw(vb);
  };
  const zoom = (k, fx = 0.5, fy = 0.5) => {
    const [x, y, w, h] = vb;
    const px = x + w * fx, py = y + h * fy;
    set([px - (px - x) * k, py - (py - y) * k, w * k, h * k]);
  };
  const pan = (dx, dy) => set([vb[0] + dx * vb[2], vb[1] + dy * vb[3], vb[2], vb[3]]);
  zoomIn.addEventListener('click', () => zoom(1 / 1.5));
  zoomOut.addEventListener('click', () => zoom(1.5));
  reset.addEventListener('click', () => set([...vb0]));
  svgEl.addEventListener('wheel', (e) => {
    e.preventDefault();
    const r = svgEl.getBoundingClientRect();
    zoom(e.deltaY < 0 ? 1 / 1.25 : 1.25, (e.clientX - r.left) / r.width, (e.clientY - r.top) / r.height);
  }, { passive: false });
  svgEl.addEventListener('keydown', (e) => {
    const act = { '+': () => zoom(1 / 1.5), '=': () => zoom(1 / 1.5), '-': () => zoom(1.5), '0': () => set([...vb0]),
      ArrowLeft: () => pan(-0.1, 0), ArrowRight: () => pan(0.1, 0), ArrowUp: () => pan(0, -0.1), ArrowDown: () => pan(0, 0.1) }[e.key];
    if (!act) return;
    e.preventDefault();
    act();
  });
  let drag = null;
  svgEl.addEventListener('pointerdown', (e) => {
    drag = { x: e.clientX, y: e.clientY, vb: [...vb] };
    svgEl.setPointerCapture?.(e.pointerId);
  });
  svgEl.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const r = svgEl.getBoundingClientRect();
    const k = Math.max(drag.vb[2] / r.width, drag.vb[3] / r.height);
    vb = fit([drag.vb[0] - (e.clientX - drag.x) * k, drag.vb[1] - (e.clientY - drag.y) * k, drag.vb[2], drag.vb[3]]);
    svgEl.setAttribute('viewBox', vb.map((v) => v.toFixed(4)).join(' '));
  });
  const end = () => {
    if (drag) redraw(vb);
    drag = null;
  };
  svgEl.addEventListener('pointerup', end);
  svgEl.addEventListener('pointercancel', end);
  return { get viewBox() { return vb; }, zoom, pan, set };
}
