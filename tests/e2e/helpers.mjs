// What the end-to-end specs share.

/** The page's uncaught errors and console errors, as they happen. */
export function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return errors;
}

/** The report of the card `selector`, once it has one. */
export async function reportOf(page, selector = 'risk-card') {
  await page.waitForFunction((s) => document.querySelector(s)?.report, selector, { timeout: 30_000 });
  return page.evaluate((s) => document.querySelector(s).report, selector);
}

/** Numbers as numbers: JSON from JS and from Rust differ only in 1 vs 1.0. */
export const norm = (v) => JSON.parse(JSON.stringify(v));
