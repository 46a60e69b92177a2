// Builds the explorer page (src/explorer) into a folder: index.html, explorer.css, explorer.js (the
// page) and worker.js (the Web Worker, with the library), minified ES modules for browsers.
// `npm run build` writes dist/explorer (shipped in the package; `social-graph explore` serves it);
// the browser test calls buildExplorer() into a temporary folder, so it needs no prior build.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Writes the page into `outdir`. `extraEntries` ({ name: path }) are bundled alongside (tests use
 * it for their harness). Resolves to the size of each JavaScript file, minified and gzipped.
 */
export async function buildExplorer({ outdir = join(root, 'dist/explorer'), extraEntries = {} } = {}) {
  mkdirSync(outdir, { recursive: true });
  const entryPoints = {
    explorer: join(root, 'src/explorer/main.ts'),
    worker: join(root, 'src/explorer/worker.ts'),
    ...extraEntries,
  };
  await build({
    entryPoints,
    outdir,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    legalComments: 'none',
    logLevel: 'warning',
  });
  copyFileSync(join(root, 'src/explorer/index.html'), join(outdir, 'index.html'));
  copyFileSync(join(root, 'src/explorer/explorer.css'), join(outdir, 'explorer.css'));
  const sizes = {};
  for (const name of Object.keys(entryPoints)) {
    const code = readFileSync(join(outdir, `${name}.js`));
    sizes[name] = { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
  }
  return sizes;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const sizes = await buildExplorer();
  const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`build-explorer: dist/explorer ${Object.entries(sizes).map(([name, s]) => `${name}.js ${kb(s.minified)} min, ${kb(s.gzipped)} gz`).join('; ')}`);
}
