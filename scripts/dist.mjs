// make dist: the card in files that need nothing else (no server, no other file to fetch).
//   dist/riskcard.js          one ES module: engine (the .wasm inside), element, worker code
//   dist/riskcard.classic.js  the same as a classic script: defines <risk-card> and window.riskcard
//   dist/riskcard.d.ts        the types (www/riskcard.d.ts)
//   dist/standalone.html      the demo in one file (www/standalone.html with its CSS and script inline)
// Inside, the .wasm is gzipped and base64-encoded (DecompressionStream inflates it), and the worker is
// its own bundle as text, started from a Blob URL and handed the page's compiled module. What the card
// loads when first used (brief.js, png.js, exports.js, and the map's places.js and map.js) is inside
// each file too: esbuild inlines a dynamic import when it does not split. The served files in www/ are
// unchanged: the build only puts its own assets module in place of www/assets.js.
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const www = join(root, 'www');
const out = join(root, 'dist');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const banner = `/*! riskcard ${pkg.version} | ${pkg.license} licence | country outlines, towns, rivers: Made with Natural Earth (public domain); towns: GeoNames (CC BY 4.0) */`;

/** A plugin that puts `contents` in place of www/assets.js, and takes wasm-bindgen's default .wasm
 * URL (`new URL('riskcard_bg.wasm', import.meta.url)`, never used: the module is always given) out
 * of its JS, so that no bundle refers to a file beside it and a host's bundler finds nothing to copy. */
const assets = (contents) => ({
  name: 'riskcard-assets',
  setup(build) {
    build.onResolve({ filter: /\/assets\.js$/ }, () => ({ path: 'riskcard-assets', namespace: 'riskcard' }));
    build.onLoad({ filter: /.*/, namespace: 'riskcard' }, () => ({ contents, loader: 'js', resolveDir: www }));
    build.onLoad({ filter: /pkg[\\/](riskcard|words)\.js$/ }, ({ path }) => {
      const js = readFileSync(path, 'utf8');
      const url = `new URL('${path.match(/(riskcard|words)\.js$/)[1]}_bg.wasm', import.meta.url)`;
      if (!js.includes(url)) throw new Error(`${path}: wasm-bindgen's default URL changed; update scripts/dist.mjs`);
      return { contents: js.replace(url, 'undefined'), loader: 'js' };
    });
  },
});

const common = { bundle: true, minify: true, target: 'es2022', platform: 'browser', write: false, legalComments: 'none', logLevel: 'warning' };

// The worker: worker.js and what it imports, with no .wasm (the page hands it the compiled module).
const worker = await esbuild.build({
  ...common, entryPoints: [join(www, 'worker.js')], format: 'iife',
  plugins: [assets("export function wasmModule() { throw new Error('no module here'); }\nexport const wordsModule = wasmModule;\nexport const workerScripts = () => [];\n")],
});
const workerSource = worker.outputFiles[0].text;

// The engine's and the words module's .wasm after wasm-opt, gzipped, in base64.
const gz64 = (file) => gzipSync(readFileSync(join(www, 'pkg', file)), { level: 9 }).toString('base64');

const bundled = `// The engine's and the words module's .wasm and the worker, inside the bundle (written by scripts/dist.mjs).
import { shellError } from './messages.js';
const WASM = ${JSON.stringify(gz64('riskcard_bg.wasm'))};
const WORDS = ${JSON.stringify(gz64('words_bg.wasm'))};
const WORKER = ${JSON.stringify(workerSource)};
async function compileGz(b64) {
  if (typeof DecompressionStream !== 'function') throw shellError('engine_failed', { detail: 'this browser has no DecompressionStream' });
  const gz = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const bytes = await new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
  return WebAssembly.compile(bytes);
}
export const wasmModule = () => compileGz(WASM);
export const wordsModule = () => compileGz(WORDS);
export const workerScripts = () => [{ source: WORKER, type: 'classic' }];
`;

mkdirSync(out, { recursive: true });
const build = (opts) => esbuild.build({ ...common, plugins: [assets(bundled)], banner: { js: banner }, ...opts }).then((r) => r.outputFiles[0].text);
const esm = await build({ entryPoints: [join(www, 'riskcard.js')], format: 'esm' });
const classic = await build({ entryPoints: [join(www, 'riskcard.js')], format: 'iife', globalName: 'riskcard' });
writeFileSync(join(out, 'riskcard.js'), esm);
writeFileSync(join(out, 'riskcard.classic.js'), classic);
copyFileSync(join(www, 'riskcard.d.ts'), join(out, 'riskcard.d.ts'));

// standalone.html: the page with its stylesheet and script (card included) inline.
const script = await build({ entryPoints: [join(www, 'standalone.js')], format: 'iife' });
if (/<\/script/i.test(script)) throw new Error('the standalone script contains </script');
let html = readFileSync(join(www, 'standalone.html'), 'utf8');
const swap = (from, to) => {
  if (!html.includes(from)) throw new Error(`standalone.html: ${from} not found`);
  html = html.replace(from, () => to);
};
swap('<link rel="stylesheet" href="demo.css">', `<style>\n${readFileSync(join(www, 'demo.css'), 'utf8')}</style>`);
swap('<script type="module" src="standalone.js"></script>', `<script>\n${script}</script>`);
swap('<link rel="icon" href="favicon.svg">', `<link rel="icon" href="data:image/svg+xml,${encodeURIComponent(readFileSync(join(www, 'favicon.svg'), 'utf8').trim())}">`);
writeFileSync(join(out, 'standalone.html'), html);

for (const f of ['riskcard.js', 'riskcard.classic.js', 'riskcard.d.ts', 'standalone.html']) {
  const b = readFileSync(join(out, f));
  console.log(`dist/${f}: ${b.length} bytes, ${gzipSync(b, { level: 9 }).length} gzipped`);
}
