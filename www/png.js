// The card as a picture (loaded the first time it is asked for: card.toPNG() or the Picture
// button): its content laid out 1080 px wide in the card's theme and language, drawn from an SVG
// foreignObject onto a canvas (a data: URL image: a page whose CSP refuses img-src data: refuses it,
// and the promise rejects with the code png_refused). Everything is inline (the card has no external image), so the
// canvas is not tainted.

import { shellError } from './messages.js';
import { sheetText } from './styles.js';

export const WIDTH = 1080;

/** A PNG Blob of `body` (the card's content) with the card's `sheet`, `theme` and `lang`. */
export async function cardPNG(body, sheet, theme, lang) {
  // Lay the content out at the picture's width, off screen, with the card's stylesheet.
  const probe = document.createElement('div');
  probe.setAttribute('theme', theme);
  probe.setAttribute('aria-hidden', 'true');
  probe.style.cssText = `position:fixed;left:-20000px;top:0;width:${WIDTH}px`;
  const root = probe.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = [sheet];
  const clone = body.cloneNode(true);
  // The buttons are the screen's, not the picture's.
  clone.querySelector('[part=actions]')?.remove();
  for (const n of clone.querySelectorAll('.map-tools')) n.remove();
  for (const n of clone.querySelectorAll('[part=map] svg[tabindex]')) n.removeAttribute('tabindex');
  root.append(clone);
  document.body.append(probe);
  const height = Math.ceil(clone.getBoundingClientRect().height) + 2;
  probe.remove();
  const html = document.implementation.createHTMLDocument('');
  const wrap = html.createElement('div');
  wrap.setAttribute('xmlns', 'http://www.w3.org/1999/xhtml');
  wrap.setAttribute('class', 'host');
  wrap.setAttribute('theme', theme === 'auto' ? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light') : theme);
  wrap.setAttribute('lang', lang);
  // The stylesheet goes in as text (a <style> element made here would be checked against the
  // page's CSP); it is the card's own, no data in it.
  const css = `${sheetText(sheet)}\n.host { width: ${WIDTH}px; }`.replace(/</g, '\\3c ').replace(/&/g, '\\26 ');
  const mark = html.createElement('i');
  mark.setAttribute('data-rc-style', '');
  wrap.append(mark, html.importNode(clone, true));
  // Open disclosures stay as they are on screen; the live parts of a form are not drawn.
  const xhtml = new XMLSerializer().serializeToString(wrap).replace(/<i data-rc-style=""\s*(\/>|><\/i>)/, () => `<style>${css}</style>`);
  const svgText = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}"><foreignObject x="0" y="0" width="100%" height="100%">${xhtml}</foreignObject></svg>`;
  const img = new Image();
  img.width = WIDTH;
  img.height = height;
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`;
  try {
    await img.decode();
  } catch (e) {
    throw shellError('png_refused', { detail: String(e?.message ?? e) });
  }
  const canvas = document.createElement('canvas');
  [canvas.width, canvas.height] = [WIDTH, height];
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = getComputedStyle(probe).backgroundColor || '#fff';
  ctx.drawImage(img, 0, 0);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob gave nothing'))), 'image/png'));
}
