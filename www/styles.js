// The card's Shadow DOM stylesheet, one CSSStyleSheet shared by every card on the page and adopted by
// each card's shadow root: no <style> element, which a page's `style-src 'self'` would block. Hosts
// theme it through CSS custom properties and ::part().
export const CSS = `
:host { display: block; container-type: inline-size; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  --rc-bg: #ffffff; --rc-fg: #1d2327; --rc-muted: #5f6b73; --rc-border: #d8dee2; --rc-panel: #f4f6f7; --rc-land: #e9ece6; --rc-sea: #dbe8ef; --rc-accent: #0b5394;
  --rc-warn-bg: #fff4e0; --rc-warn-fg: #6b3d00; --rc-warn-border: #c77700; }
:host([theme="dark"]) { --rc-bg: #161b1f; --rc-fg: #e8ecee; --rc-muted: #9aa7ae; --rc-border: #333d44; --rc-panel: #1f262b; --rc-land: #2a3136; --rc-sea: #18232b; --rc-accent: #8ab4f8;
  --rc-warn-bg: #33260f; --rc-warn-fg: #ffd58a; --rc-warn-border: #c77700; }
@media (prefers-color-scheme: dark) {
  :host([theme="auto"]) { --rc-bg: #161b1f; --rc-fg: #e8ecee; --rc-muted: #9aa7ae; --rc-border: #333d44; --rc-panel: #1f262b; --rc-land: #2a3136; --rc-sea: #18232b; --rc-accent: #8ab4f8;
    --rc-warn-bg: #33260f; --rc-warn-fg: #ffd58a; --rc-warn-border: #c77700; }
}
* { box-sizing: border-box; }
.card { background: var(--rc-bg); color: var(--rc-fg); border: 1px solid var(--rc-border); border-radius: 10px; padding: 12px; min-width: 0; }
header { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 4px 12px; align-items: baseline; margin-bottom: 8px; }
h2 { font-size: 1.1em; margin: 0; overflow-wrap: anywhere; }
h3 { font-size: .8em; text-transform: uppercase; letter-spacing: .04em; color: var(--rc-muted); margin: 12px 0 6px; }
.muted { color: var(--rc-muted); }
.state { padding: 16px 4px; }
.state.error { color: #b71c1c; }
.state progress { display: block; width: 100%; margin-top: 6px; }
:host([theme="dark"]) .state.error { color: #ff8a80; }
.top { display: grid; grid-template-columns: 120px 1fr; gap: 12px; align-items: center; }
.gauge svg { width: 120px; display: block; }
.gauge-track { fill: none; stroke: var(--rc-panel); stroke-width: 10; stroke-linecap: round; }
.gauge-value { fill: none; stroke-width: 10; stroke-linecap: round; }
.gauge-number { font-size: 20px; font-weight: 700; fill: var(--rc-fg); }
.band { display: block; width: max-content; margin: 2px auto 0; color: #fff; font-weight: 700; border-radius: 999px; padding: 1px 10px; font-size: .85em; }
.counts { display: grid; gap: 2px; }
.no-score { display: block; width: max-content; max-width: 100%; margin: 2px auto 0; font-weight: 700; font-size: .85em; text-align: center; color: var(--rc-warn-fg); }
.warnings { background: var(--rc-warn-bg); color: var(--rc-warn-fg); border: 1px solid var(--rc-warn-border); border-left-width: 5px; border-radius: 6px; padding: 6px 10px; margin: 0 0 10px; font-size: .9em; }
.warnings ul { list-style: none; padding: 0; margin: 0; display: grid; gap: 4px; }
.warnings li::before { content: "⚠ "; font-weight: 700; }
.data-age { display: block; flex-basis: 100%; font-size: .85em; }
.data-age.stale { color: var(--rc-warn-fg); font-weight: 700; }
.seg-none { fill: var(--rc-border); }
.verdict.verdict-none { background: var(--rc-panel); color: var(--rc-fg); border: 1px solid var(--rc-border); }
.chip.none { background: var(--rc-panel); color: var(--rc-fg); border: 1px solid var(--rc-border); }
.counts b { font-size: 1.25em; }
.trend .spark { width: 100%; height: 70px; display: block; background: var(--rc-panel); border-radius: 4px; }
.bar { fill: var(--rc-accent); opacity: .55; }
.history { fill: none; stroke: #c62828; stroke-width: 1.6; vector-effect: non-scaling-stroke; }
.legend { font-size: .8em; display: flex; flex-wrap: wrap; gap: 2px 10px; margin-top: 4px; align-items: center; }
.key-bar { display: inline-block; width: 10px; height: 10px; background: var(--rc-accent); opacity: .55; }
.key-line { display: inline-block; width: 14px; height: 2px; background: #c62828; vertical-align: middle; }
.span-dates { margin-left: auto; }
.change { font-weight: 600; }
.change-large_increase { color: #c62828; } .change-moderate_increase { color: #e65100; } .change-large_decrease { color: #2e7d32; }
:host([theme="dark"]) .change-large_increase { color: #ff8a80; }
.map svg { width: 100%; height: auto; max-height: 320px; display: block; border-radius: 6px; }
.sea { fill: var(--rc-sea); }
.country { fill: var(--rc-land); stroke: var(--rc-muted); stroke-width: .6; vector-effect: non-scaling-stroke; }
.aoi { fill: rgba(11, 83, 148, .12); stroke: var(--rc-accent); stroke-width: 1.5; vector-effect: non-scaling-stroke; }
.influence { fill: none; stroke: var(--rc-muted); stroke-dasharray: 4 3; stroke-width: 1; vector-effect: non-scaling-stroke; }
.site-mark { stroke: var(--rc-fg); stroke-width: 1.5; vector-effect: non-scaling-stroke; }
.buffer { fill: none; stroke: rgba(11, 83, 148, .18); stroke-linecap: round; stroke-linejoin: round; }
.line { fill: none; stroke: var(--rc-accent); stroke-linejoin: round; }
.dot { stroke: var(--rc-bg); stroke-width: .8; vector-effect: non-scaling-stroke; fill-opacity: .85; }
i { display: inline-block; width: 9px; height: 9px; border-radius: 50%; margin-right: 4px; vertical-align: baseline; }
.cat { white-space: nowrap; }
.route .strip { width: 100%; height: 22px; display: block; border-radius: 3px; }
.kms { position: relative; height: 1.4em; font-size: .75em; color: var(--rc-muted); }
.km { position: absolute; transform: translateX(-50%); } .km::before { content: ""; display: block; width: 1px; height: 4px; margin: 0 auto; background: var(--rc-muted); }
.verdict { display: inline-block; font-weight: 700; border-radius: 4px; padding: 1px 8px; color: #fff; }
.verdict-go { background: #2e7d32; } .verdict-caution { background: #e65100; } .verdict-no-go { background: #c62828; }
.reason { margin: 4px 0; font-size: .85em; }
ol, ul { margin: 0; padding-left: 1.2em; }
.nearest li { margin-bottom: 6px; }
.nearest .row { display: flex; flex-wrap: wrap; gap: 0 10px; }
.dist { font-weight: 700; min-width: 6.5em; }
.place { font-size: .9em; color: var(--rc-muted); overflow-wrap: anywhere; }
details summary { cursor: pointer; color: var(--rc-accent); font-size: .85em; }
details p { margin: 2px 0; font-size: .85em; overflow-wrap: anywhere; white-space: pre-line; }
.stack { display: flex; height: 10px; border-radius: 5px; overflow: hidden; margin-bottom: 4px; }
.contrib { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0 12px; font-size: .85em; }
.driver-list { font-size: .85em; margin-top: 4px; }
.portfolio { margin-bottom: 14px; }
.portfolio table { width: 100%; border-collapse: collapse; font-size: .85em; }
.portfolio td, .portfolio th { padding: 2px 4px; text-align: left; border-bottom: 1px solid var(--rc-border); }
.portfolio tr.selected { background: var(--rc-panel); }
.portfolio button { all: unset; cursor: pointer; color: var(--rc-accent); }
.chip { display: inline-block; color: #fff; border-radius: 999px; padding: 0 8px; font-size: .8em; font-weight: 700; }
footer { margin-top: 10px; font-size: .75em; color: var(--rc-muted); display: grid; gap: 2px; }
.diagnostics { font-size: .8em; margin-top: 6px; }
@container (min-width: 560px) {
  .grid { display: grid; grid-template-columns: 1fr 1fr; gap: 0 16px; }
  .top { grid-template-columns: 140px 1fr; }
  .gauge svg { width: 140px; }
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
