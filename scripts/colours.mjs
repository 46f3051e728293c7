// The card's colours, measured: WCAG 2.2 contrast (text on a band's colour 4.5:1; graphics — band
// colours on the card, category dots on land and sea — 3:1, in both themes), and whether the
// category colours stay apart for colour-blind readers (deuteranopia and protanopia simulated with
// the Machado, Oliveira & Fernandes 2009 matrices at severity 1.0, distances in CIEDE2000).
// `node scripts/colours.mjs` prints the figures; tests/e2e/a11y.spec.mjs holds them to the thresholds.
import { BAND_COLORS, BAND_TEXT, CATEGORY_COLORS, THEMES } from '../www/palette.js';

const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16) / 255);
const toLinear = (c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const fromLinear = (c) => (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(h) {
  const [r, g, b] = hex(h).map(toLinear);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two #rrggbb colours. */
export function contrast(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** Machado et al. (2009), severity 1.0, on linear RGB. */
const MACHADO = {
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
};

/** A colour as a reader with this colour-vision deficiency sees it (#rrggbb). */
export function simulate(h, kind) {
  const lin = hex(h).map(toLinear);
  const out = MACHADO[kind].map((row) => Math.min(1, Math.max(0, row.reduce((s, m, i) => s + m * lin[i], 0))));
  return `#${out.map((c) => Math.round(fromLinear(c) * 255).toString(16).padStart(2, '0')).join('')}`;
}

function lab(h) {
  const [r, g, b] = hex(h).map(toLinear);
  const xyz = [(0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883];
  const f = (t) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  const [fx, fy, fz] = xyz.map(f);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** CIEDE2000 colour difference of two #rrggbb colours (about 2.3 is just noticeable; 10+ is clearly apart). */
export function deltaE(h1, h2) {
  const [L1, a1, b1] = lab(h1), [L2, a2, b2] = lab(h2);
  const rad = Math.PI / 180;
  const C1 = Math.hypot(a1, b1), C2 = Math.hypot(a2, b2), Cm = (C1 + C2) / 2;
  const G = 0.5 * (1 - Math.sqrt(Cm ** 7 / (Cm ** 7 + 25 ** 7)));
  const a1p = (1 + G) * a1, a2p = (1 + G) * a2;
  const C1p = Math.hypot(a1p, b1), C2p = Math.hypot(a2p, b2);
  const h = (b, a) => (b === 0 && a === 0 ? 0 : (Math.atan2(b, a) / rad + 360) % 360);
  const h1p = h(b1, a1p), h2p = h(b2, a2p);
  const dL = L2 - L1, dC = C2p - C1p;
  let dh = 0;
  if (C1p * C2p !== 0) dh = Math.abs(h2p - h1p) <= 180 ? h2p - h1p : h2p - h1p > 180 ? h2p - h1p - 360 : h2p - h1p + 360;
  const dH = 2 * Math.sqrt(C1p * C2p) * Math.sin((dh / 2) * rad);
  const Lm = (L1 + L2) / 2, Cmp = (C1p + C2p) / 2;
  let hm = h1p + h2p;
  if (C1p * C2p !== 0) hm = Math.abs(h1p - h2p) <= 180 ? (h1p + h2p) / 2 : h1p + h2p < 360 ? (h1p + h2p + 360) / 2 : (h1p + h2p - 360) / 2;
  const T = 1 - 0.17 * Math.cos((hm - 30) * rad) + 0.24 * Math.cos(2 * hm * rad) + 0.32 * Math.cos((3 * hm + 6) * rad) - 0.2 * Math.cos((4 * hm - 63) * rad);
  const dTheta = 30 * Math.exp(-(((hm - 275) / 25) ** 2));
  const RC = 2 * Math.sqrt(Cmp ** 7 / (Cmp ** 7 + 25 ** 7));
  const SL = 1 + (0.015 * (Lm - 50) ** 2) / Math.sqrt(20 + (Lm - 50) ** 2), SC = 1 + 0.045 * Cmp, SH = 1 + 0.015 * Cmp * T;
  const RT = -Math.sin(2 * dTheta * rad) * RC;
  return Math.sqrt((dL / SL) ** 2 + (dC / SC) ** 2 + (dH / SH) ** 2 + RT * (dC / SC) * (dH / SH));
}

/** The nearest pair of a palette ({key: #rrggbb}) as seen with `kind` (or normal vision): [ΔE, a, b]. */
export function nearestPair(palette, kind) {
  const see = (c) => (kind ? simulate(c, kind) : c);
  let best = [Infinity, null, null];
  const keys = Object.keys(palette);
  for (let i = 0; i < keys.length; i++) {
    for (let j = i + 1; j < keys.length; j++) {
      const d = deltaE(see(palette[keys[i]]), see(palette[keys[j]]));
      if (d < best[0]) best = [d, keys[i], keys[j]];
    }
  }
  return best;
}

/** Every figure the thresholds apply to. */
export function measure() {
  const bands = Object.keys(BAND_COLORS).map((b) => ({
    band: b, colour: BAND_COLORS[b], text: contrast(BAND_COLORS[b], BAND_TEXT[b]),
    ...Object.fromEntries(Object.entries(THEMES).map(([t, th]) => [t, Math.min(contrast(BAND_COLORS[b], th.bg), contrast(BAND_COLORS[b], th.panel))])),
  }));
  const categories = Object.entries(THEMES).flatMap(([t, th]) => Object.entries(CATEGORY_COLORS[t]).map(([c, colour]) => ({
    theme: t, category: c, colour, land: contrast(colour, th.land), sea: contrast(colour, th.sea),
  })));
  const vision = Object.fromEntries(Object.keys(THEMES).map((t) => [t, Object.fromEntries([null, 'deuteranopia', 'protanopia'].map((k) => [k ?? 'normal', nearestPair(CATEGORY_COLORS[t], k)]))]));
  const bandVision = Object.fromEntries([null, 'deuteranopia', 'protanopia'].map((k) => [k ?? 'normal', nearestPair(BAND_COLORS, k)]));
  return { bands, categories, vision, bandVision };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const m = measure();
  const f = (x) => x.toFixed(2);
  console.log('Bands: text on the colour (≥ 4.5), the colour on the card and its panel, light and dark (≥ 3)');
  for (const b of m.bands) console.log(`  ${b.band.padEnd(9)} ${b.colour}  text ${f(b.text)}  light ${f(b.light)}  dark ${f(b.dark)}`);
  console.log('Categories on land and sea (≥ 3)');
  for (const c of m.categories) console.log(`  ${c.theme.padEnd(5)} ${c.category.padEnd(29)} ${c.colour}  land ${f(c.land)}  sea ${f(c.sea)}`);
  console.log('Nearest pair of category colours, CIEDE2000');
  for (const [t, v] of Object.entries(m.vision)) for (const [k, [d, a, b]] of Object.entries(v)) console.log(`  ${t.padEnd(5)} ${k.padEnd(12)} ${f(d)}  ${a} ~ ${b}`);
  console.log('Nearest pair of band colours, CIEDE2000');
  for (const [k, [d, a, b]] of Object.entries(m.bandVision)) console.log(`  ${k.padEnd(12)} ${f(d)}  ${a} ~ ${b}`);
}
