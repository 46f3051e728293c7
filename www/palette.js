// The card's colours, in one place: the bands (a chip's background and its text), the categories
// (map dots, legend keys, the drivers' bar), one set per theme, and the themes' surfaces. styles.js
// makes the CSS from them; scripts/colours.mjs measures them and tests/e2e/a11y.spec.mjs holds them
// to WCAG 2.2 AA: text on a band's colour 4.5:1; a band's colour on the card and its panel, and a
// category's on land and sea, 3:1 in both themes; category colours apart (CIEDE2000 ≥ 10) under
// simulated deuteranopia and protanopia. (Chosen by searching near the earlier hues under those bounds.)

/** A band's colour (gauge arc, chip, route stretch) — the same in both themes. */
export const BAND_COLORS = { minimal: '#2f8236', low: '#7f8f12', moderate: '#b88200', high: '#e65100', severe: '#d32f2f' };
/** The text on a band's colour. */
export const BAND_TEXT = { minimal: '#ffffff', low: '#111111', moderate: '#111111', high: '#111111', severe: '#ffffff' };
/** The route verdicts, shown in their band's colours. */
export const VERDICT_BAND = { go: 'minimal', caution: 'high', 'no-go': 'severe' };

/** Category colours per theme: dark dots on light land, light dots on dark land. */
export const CATEGORY_COLORS = {
  light: { battle: '#bf6a58', explosion_ied: '#440040', violence_against_civilians: '#b40054', abduction: '#133aa1',
    looting_property_destruction: '#582f21', riot: '#7d6200', protest: '#006154', strategic: '#0b7bae', other: '#797680' },
  dark: { battle: '#ff563d', explosion_ied: '#e2acfa', violence_against_civilians: '#dc5186', abduction: '#488dff',
    looting_property_destruction: '#c59e83', riot: '#ffc233', protest: '#5ed5bd', strategic: '#d0f1ff', other: '#9394a3' },
};

/** The themes' surfaces and text; `up`, `upMore`, `down`: the trend's change words (text, 4.5:1 on bg). */
export const THEMES = {
  light: { bg: '#ffffff', fg: '#1d2327', muted: '#5f6b73', border: '#d8dee2', panel: '#f4f6f7', land: '#e9ece6', sea: '#dbe8ef', accent: '#0b5394',
    warnBg: '#fff4e0', warnFg: '#6b3d00', warnBorder: '#b36b00', error: '#b71c1c', up: '#c62828', upMore: '#b33c00', down: '#2e7d32', history: '#c62828', focus: '#0b5394' },
  dark: { bg: '#161b1f', fg: '#e8ecee', muted: '#9aa7ae', border: '#333d44', panel: '#1f262b', land: '#2a3136', sea: '#18232b', accent: '#8ab4f8',
    warnBg: '#33260f', warnFg: '#ffd58a', warnBorder: '#c77700', error: '#ff8a80', up: '#ff8a80', upMore: '#ffab70', down: '#81c784', history: '#ff8a80', focus: '#8ab4f8' },
};
