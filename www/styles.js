// The card's Shadow DOM stylesheet, one CSSStyleSheet shared by every card on the page and adopted by
// each card's shadow root: no <style> element, which a page's `style-src 'self'` would block. Hosts
// theme it through CSS custom properties and ::part(). The colours come from palette.js.
import { BAND_COLORS, BAND_TEXT, CATEGORY_COLORS, THEMES } from './palette.js';

const kebab = (k) => k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
/** A theme's custom properties: its surfaces (`--rc-bg`, …) and its category colours (`--rc-cat-battle`, …). */
const vars = (theme) => [
  ...Object.entries(THEMES[theme]).map(([k, v]) => `--rc-${kebab(k)}: ${v};`),
  ...Object.entries(CATEGORY_COLORS[theme]).map(([k, v]) => `--rc-cat-${k}: ${v};`),
].join(' ');
const bands = Object.keys(BAND_COLORS).map((b) => `.b-${b} { --rc-band: ${BAND_COLORS[b]}; --rc-band-fg: ${BAND_TEXT[b]}; }`).join('\n');
const cats = Object.keys(CATEGORY_COLORS.light).map((c) => `.c-${c} { --rc-cat: var(--rc-cat-${c}); }`).join('\n');

export const CSS = `
:host { display: block; container-type: inline-size; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; ${vars('light')} }
:host([theme="dark"]) { ${vars('dark')} }
@media (prefers-color-scheme: dark) {
  :host([theme="auto"]) { ${vars('dark')} }
}
${bands}
${cats}
* { box-sizing: border-box; }
.card { background: var(--rc-bg); color: var(--rc-fg); border: 1px solid var(--rc-border); border-radius: 10px; padding: 12px; min-width: 0; }
header { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 4px 12px; align-items: baseline; margin-bottom: 8px; }
h2 { font-size: 1.1em; margin: 0; overflow-wrap: anywhere; min-width: 0; max-width: 100%; }
h2:focus { outline: none; }
h2:focus-visible { outline: 2px solid var(--rc-focus); outline-offset: 2px; }
h3 { font-size: .8em; text-transform: uppercase; letter-spacing: .04em; color: var(--rc-muted); margin: 12px 0 6px; }
.muted { color: var(--rc-muted); }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0; }
.state { padding: 16px 4px; overflow-wrap: anywhere; }
.state.error { color: var(--rc-error); }
.state progress { display: block; width: 100%; margin-top: 6px; }
.top { display: grid; grid-template-columns: 120px 1fr; gap: 12px; align-items: center; }
.gauge svg { width: 120px; display: block; }
.gauge-track { fill: none; stroke: var(--rc-panel); stroke-width: 10; stroke-linecap: round; }
.gauge-value { fill: none; stroke: var(--rc-band); stroke-width: 10; stroke-linecap: round; }
.gauge-number { font-size: 20px; font-weight: 700; fill: var(--rc-fg); }
.band, .chip, .verdict { background: var(--rc-band); color: var(--rc-band-fg); border: 1px solid transparent; font-weight: 700; }
.band { display: block; width: max-content; margin: 2px auto 0; border-radius: 999px; padding: 1px 10px; font-size: .85em; }
.no-score { display: block; width: max-content; max-width: 100%; margin: 2px auto 0; font-weight: 700; font-size: .85em; text-align: center; color: var(--rc-warn-fg); }
.counts { display: grid; gap: 2px; }
.counts b { font-size: 1.25em; }
.warnings { background: var(--rc-warn-bg); color: var(--rc-warn-fg); border: 1px solid var(--rc-warn-border); border-left-width: 5px; border-radius: 6px; padding: 6px 10px; margin: 0 0 10px; font-size: .9em; }
.warnings ul { list-style: none; padding: 0; margin: 0; display: grid; gap: 4px; }
.warnings li::before { content: "⚠ " / ""; font-weight: 700; }
.data-age { display: block; flex-basis: 100%; font-size: .85em; }
.data-age.stale { color: var(--rc-warn-fg); font-weight: 700; }
.trend .spark { width: 100%; height: 70px; display: block; background: var(--rc-panel); border-radius: 4px; }
.bar { fill: var(--rc-accent); opacity: .55; }
.history { fill: none; stroke: var(--rc-history); stroke-width: 1.6; vector-effect: non-scaling-stroke; }
.legend { font-size: .8em; display: flex; flex-wrap: wrap; gap: 2px 10px; margin-top: 4px; align-items: center; }
.key-bar { display: inline-block; width: 10px; height: 10px; background: var(--rc-accent); opacity: .55; }
.key-line { display: inline-block; width: 14px; height: 2px; background: var(--rc-history); vertical-align: middle; }
.span-dates { margin-left: auto; }
.change { font-weight: 600; }
.change-large_increase { color: var(--rc-up); } .change-moderate_increase { color: var(--rc-up-more); } .change-large_decrease { color: var(--rc-down); }
.summary { margin: 4px 0; font-size: .85em; }
.map svg { width: 100%; height: auto; max-height: 320px; display: block; border-radius: 6px; }
.sea { fill: var(--rc-sea); }
.country { fill: var(--rc-land); stroke: var(--rc-muted); stroke-width: .6; vector-effect: non-scaling-stroke; }
.aoi { fill: rgba(11, 83, 148, .12); stroke: var(--rc-accent); stroke-width: 1.5; vector-effect: non-scaling-stroke; }
.influence { fill: none; stroke: var(--rc-muted); stroke-dasharray: 4 3; stroke-width: 1; vector-effect: non-scaling-stroke; }
.site-mark { stroke: var(--rc-fg); stroke-width: 1.5; vector-effect: non-scaling-stroke; }
.buffer { fill: none; stroke: rgba(11, 83, 148, .18); stroke-linecap: round; stroke-linejoin: round; }
.line { fill: none; stroke: var(--rc-accent); stroke-linejoin: round; }
.dot { fill: var(--rc-cat); stroke: var(--rc-bg); stroke-width: .8; vector-effect: non-scaling-stroke; }
.pin circle { fill: var(--rc-bg); stroke: var(--rc-fg); stroke-width: 1.2; vector-effect: non-scaling-stroke; }
.pin text { fill: var(--rc-fg); font-weight: 700; }
i.key { display: inline-block; width: 9px; height: 9px; border-radius: 50%; margin-right: 4px; vertical-align: baseline; background: var(--rc-cat); }
.cat { white-space: nowrap; }
.route .strip { width: 100%; height: 22px; display: block; border-radius: 3px; }
.seg { fill: var(--rc-band); }
.seg-none { fill: var(--rc-border); }
.kms { position: relative; height: 1.4em; font-size: .75em; color: var(--rc-muted); }
.km { position: absolute; transform: translateX(-50%); } .km::before { content: ""; display: block; width: 1px; height: 4px; margin: 0 auto; background: var(--rc-muted); }
.verdict { display: inline-block; border-radius: 4px; padding: 1px 8px; }
.verdict.verdict-none, .chip.none { background: var(--rc-panel); color: var(--rc-fg); border-color: var(--rc-border); }
.reason { margin: 4px 0; font-size: .85em; }
ol, ul { margin: 0; padding-left: 1.2em; }
.nearest ol { list-style: none; padding: 0; }
.nearest li { margin-bottom: 6px; }
.nearest .row { display: flex; flex-wrap: wrap; gap: 0 10px; align-items: baseline; }
.num { display: inline-block; min-width: 1.5em; height: 1.5em; line-height: 1.35em; border: 1px solid var(--rc-fg); border-radius: 50%; text-align: center; font-size: .8em; font-weight: 700; }
.dist { font-weight: 700; min-width: 6.5em; }
.place { font-size: .9em; color: var(--rc-muted); overflow-wrap: anywhere; }
.clamp { display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 3; overflow: hidden; overflow-wrap: anywhere; }
h2.clamp { -webkit-line-clamp: 2; }
.full { max-height: 12em; overflow: auto; overflow-wrap: anywhere; white-space: pre-line; font-size: .85em; border: 1px solid var(--rc-border); border-radius: 4px; padding: 4px 6px; }
details summary { cursor: pointer; color: var(--rc-accent); font-size: .85em; }
details p { margin: 2px 0; font-size: .85em; overflow-wrap: anywhere; white-space: pre-line; }
details .notes { max-height: 12em; overflow: auto; }
details.data { margin-top: 4px; }
table.data { border-collapse: collapse; font-size: .8em; margin-top: 4px; width: 100%; }
table.data th, table.data td { padding: 1px 6px; text-align: right; border-bottom: 1px solid var(--rc-border); white-space: nowrap; }
table.data th:first-child, table.data td:first-child { text-align: left; }
table.data caption { text-align: left; font-size: .95em; color: var(--rc-muted); }
.table-wrap { max-height: 16em; overflow: auto; }
.stack { display: flex; height: 10px; border-radius: 5px; overflow: hidden; margin-bottom: 4px; }
.stack span { background: var(--rc-cat); }
.contrib { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0 12px; font-size: .85em; }
.driver-list { font-size: .85em; margin-top: 4px; }
.portfolio { margin-bottom: 14px; }
.portfolio table { width: 100%; border-collapse: collapse; font-size: .85em; }
.portfolio td, .portfolio th { padding: 2px 4px; text-align: left; border-bottom: 1px solid var(--rc-border); }
.portfolio th { color: var(--rc-muted); font-weight: 600; }
.portfolio tr.selected { background: var(--rc-panel); }
.portfolio tr.selected td:nth-child(2) { font-weight: 700; }
.portfolio button { font: inherit; color: var(--rc-accent); background: none; border: 0; padding: 2px 0; cursor: pointer; text-align: left; text-decoration: underline; overflow-wrap: anywhere; }
.chip { display: inline-block; border-radius: 999px; padding: 0 8px; font-size: .8em; white-space: nowrap; }
footer { margin-top: 10px; font-size: .75em; color: var(--rc-muted); display: grid; gap: 2px; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 10px; align-items: center; }
.actions button { font: inherit; font-size: .85em; padding: 4px 10px; border-radius: 6px; border: 1px solid var(--rc-muted); background: transparent; color: inherit; cursor: pointer; }
.action-status { flex-basis: 100%; font-size: .85em; }
.diagnostics { font-size: .8em; margin-top: 6px; }
.diagnostics .diag-rows { max-height: 16em; overflow: auto; }
.approach .drift { margin: 2px 0 6px; font-size: .85em; }
.approach .drift.closer { color: var(--rc-warn-fg); font-weight: 600; }
.rings { display: grid; grid-template-columns: auto 1fr; gap: 0 6px; align-items: stretch; }
.ring-labels { display: grid; font-size: .7em; color: var(--rc-muted); line-height: 1; text-align: right; }
.ring-labels span { display: flex; align-items: center; justify-content: flex-end; white-space: nowrap; }
.ring-strip { width: 100%; height: 60px; display: block; border-radius: 3px; }
.ring-bg { fill: var(--rc-panel); }
.cell { fill: var(--rc-up); }
.sectors { font-size: .8em; margin: 2px 0; }
.families { list-style: none; padding: 0; display: grid; gap: 1px; font-size: .85em; }
.aimed { font-size: .85em; margin: 4px 0; }
.tag { font-weight: 600; }
.since { font-size: .85em; margin: 0 0 8px; padding: 4px 8px; border-radius: 6px; background: var(--rc-panel); }
.since.news { border-left: 4px solid var(--rc-warn-border); }
.route-tags { font-size: .8em; margin: 2px 0; }
.journeys table { width: 100%; border-collapse: collapse; font-size: .85em; margin-top: 6px; }
.journeys th, .journeys td { padding: 2px 4px; text-align: left; border-bottom: 1px solid var(--rc-border); }
.journeys caption { text-align: left; color: var(--rc-muted); }
:focus-visible { outline: 3px solid var(--rc-focus); outline-offset: 2px; border-radius: 2px; }
@container (min-width: 560px) {
  .grid { display: grid; grid-template-columns: 1fr 1fr; gap: 0 16px; }
  .top { grid-template-columns: 140px 1fr; }
  .gauge svg { width: 140px; }
}
@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after { animation: none !important; transition: none !important; scroll-behavior: auto !important; }
}
@media (forced-colors: active) {
  .warnings, .band, .chip, .verdict, .num { border-color: CanvasText; }
  .gauge-value, .seg { stroke: CanvasText; }
  .dot { fill: CanvasText; stroke: Canvas; }
  .country { fill: Canvas; stroke: CanvasText; }
  i.key, .stack span { forced-color-adjust: none; }
}
`;

let sheet = null;

/** The card's stylesheet, made once per page. */
export function cardSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}

/** A stylesheet's rules as text for a document without a shadow root (`:host` becomes `.host`): the
 * card's styles in the brief and in the picture. */
export function sheetText(s) {
  try {
    return [...s.cssRules].map((r) => r.cssText).join('\n').replace(/:host\(([^)]*)\)/g, '.host$1').replace(/:host/g, '.host');
  } catch {
    return '';
  }
}
