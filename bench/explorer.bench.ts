/**
 * The explorer page in Chromium at a given size (default 100k members, mean degree 40: about 2M
 * connections): time to load a network (generated in the page's worker, a .sg snapshot, a SNAP
 * .txt.gz), the longest main-thread block while loading (PerformanceObserver 'longtask', which
 * reports tasks over 50 ms), time to draw the first viewer, and what decoding the same snapshot on
 * the page itself (graphFromWorker) would block. Also prints the page's JavaScript sizes.
 *
 *   npx tsx bench/explorer.bench.ts [--members 100000] [--degree 40] [--skip-files] [--verbose]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { buildExplorer } from '../scripts/build-explorer.mjs';
import { startExplorerServer } from '../src/cli/commands/explore.js';
import { barabasiAlbert } from '../src/generators/index.js';
import { SocialGraph } from '../src/index.js';
import { launchChromium } from '../test/browser/chromium.js';

const { values } = parseArgs({ options: { members: { type: 'string', default: '100000' }, degree: { type: 'string', default: '40' }, 'skip-files': { type: 'boolean' }, verbose: { type: 'boolean' } } });
const members = Number(values.members);
const degree = Number(values.degree);

const dir = mkdtempSync(join(tmpdir(), 'sg-explorer-bench-'));
const page = join(dir, 'page');
const sizes = await buildExplorer({
  outdir: page,
  extraEntries: {
    harness: fileURLToPath(new URL('../test/browser/harness-page.ts', import.meta.url)),
    'harness-worker': fileURLToPath(new URL('../test/browser/harness-worker.ts', import.meta.url)),
  },
});
writeFileSync(join(page, 'harness.html'), '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="harness.js"></script>');
for (const name of ['explorer', 'worker']) console.log(`${name}.js: ${sizes[name]!.minified} bytes minified, ${sizes[name]!.gzipped} gzipped`);

const OBSERVE = `window.__longtasks = []; new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longtasks.push({ start: Math.round(e.startTime), ms: Math.round(e.duration) }); }).observe({ type: 'longtask', buffered: true });
window.__loafs = []; try { new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__loafs.push({ start: Math.round(e.startTime), ms: Math.round(e.duration), blocking: Math.round(e.blockingDuration), render: Math.round(e.renderStart ? e.startTime + e.duration - e.renderStart : 0), scripts: e.scripts.map((s) => s.invoker + ' ' + Math.round(s.duration) + 'ms').join(', ') }); }).observe({ type: 'long-animation-frame', buffered: true }); } catch {}`;

async function explorerRun(browser: Browser, label: string, url: string): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const tab = await context.newPage();
  const errors: string[] = [];
  tab.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  tab.on('pageerror', (e) => errors.push(e.message));
  await tab.addInitScript(OBSERVE);
  await tab.goto(url);
  await tab.waitForSelector('html[data-loaded="true"]', { timeout: 120_000 });
  const loadedAt = Number(await tab.getAttribute('html', 'data-loaded-at'));
  await tab.waitForSelector('#ego-canvas[data-viewer]', { timeout: 120_000 });
  const drawnAt = await tab.evaluate(() => performance.now());
  await tab.waitForSelector('#ego-canvas[data-settled="true"]', { timeout: 120_000 });
  const settledAt = await tab.evaluate(() => performance.now());
  const stats = await tab.locator('#stats').innerText();
  const tasks = (await tab.evaluate('window.__longtasks')) as { start: number; ms: number }[];
  const whileLoading = tasks.filter((t) => t.start < loadedAt);
  const longest = (list: { ms: number }[]) => (list.length === 0 ? '< 50 (none reported)' : String(Math.max(...list.map((t) => t.ms))));
  console.log(
    `${label}: loaded ${loadedAt} ms after navigation (worker ${(await tab.locator('#message').innerText()).replace(/^.* in /, '')}); ` +
      `longest main-thread block while loading ${longest(whileLoading)} ms (${whileLoading.length} over 50 ms); ` +
      `first viewer answered at ${Math.round(drawnAt)} ms, drawing settled at ${Math.round(settledAt)} ms; longest block overall ${longest(tasks)} ms; ` +
      `${stats.split('\n').slice(2, 6).join(' ')}; console errors ${errors.length}`,
  );
  if (values.verbose === true) {
    console.log(`  long tasks (start ms, duration ms): ${tasks.map((t) => `${t.start}:${t.ms}`).join(' ')}`);
    const loafs = (await tab.evaluate('window.__loafs')) as { start: number; ms: number; blocking: number; render: number; scripts: string }[];
    for (const f of loafs.filter((f) => f.blocking > 0)) console.log(`  long animation frame at ${f.start} ms: ${f.ms} ms, blocking ${f.blocking} ms, rendering ${f.render} ms, scripts: ${f.scripts || 'none'}`);
  }
  await context.close();
}

const server = await startExplorerServer({ pageDir: page, port: 0 });
const browser = await launchChromium();
try {
  await explorerRun(browser, `generated BA ${members}/${degree} in the worker`, `${server.url}?members=${members}&degree=${degree}`);

  // graphFromWorker on a page: what decoding the snapshot on the main thread costs.
  const tab = await browser.newPage();
  await tab.addInitScript(OBSERVE);
  await tab.goto(`${server.url}harness.html`);
  await tab.waitForSelector('html[data-ready="true"]');
  const decode = await tab.evaluate(
    async ({ members, degree }) => {
      const h = (window as any).harness;
      const worker = h.worker();
      const t0 = performance.now();
      const bytes: Uint8Array = await h.bytesFromWorker(worker, { generate: members, degree });
      const t1 = performance.now();
      const graph = h.SocialGraph.fromBytes(bytes);
      const t2 = performance.now();
      worker.terminate();
      await new Promise((r) => setTimeout(r, 100));
      const tasks = (window as any).__longtasks as { start: number; ms: number }[];
      return { bytes: bytes.byteLength, connections: graph.connectionCount, workerMs: Math.round(t1 - t0), fromBytesMs: Math.round(t2 - t1), longest: Math.max(0, ...tasks.filter((t) => t.start >= t1 - 1).map((t) => t.ms)) };
    },
    { members, degree },
  );
  console.log(`graphFromWorker: worker built and sent ${decode.bytes} bytes in ${decode.workerMs} ms (page free); fromBytes on the page ${decode.fromBytesMs} ms for ${decode.connections} connections (longtask ${decode.longest} ms)`);
  await tab.close();
} finally {
  await browser.close();
  await server.close();
}

if (values['skip-files'] !== true) {
  const g = barabasiAlbert({ members, avgDegree: degree, seed: 1 });
  const graph = SocialGraph.fromIndexedEdges({ ids: (i) => `m${i}`, memberCount: g.memberCount, sources: g.sources, targets: g.targets, edges: g.edges });
  const sg = join(dir, 'network.sg');
  writeFileSync(sg, graph.toBytes());
  let text = '';
  const parts: Buffer[] = [];
  for (let e = 0; e < g.edges; e++) {
    text += `m${g.sources[e]}\tm${g.targets[e]}\n`;
    if (text.length > 1 << 20) {
      parts.push(Buffer.from(text));
      text = '';
    }
  }
  parts.push(Buffer.from(text));
  const gz = join(dir, 'network.txt.gz');
  writeFileSync(gz, gzipSync(Buffer.concat(parts), { level: 6 }));
  for (const file of [sg, gz]) {
    const fileServer = await startExplorerServer({ pageDir: page, file, port: 0 });
    const fileBrowser = await launchChromium();
    try {
      await explorerRun(fileBrowser, `served ${file.replace(/^.*\//, '')}`, fileServer.url);
    } finally {
      await fileBrowser.close();
      await fileServer.close();
    }
  }
}
rmSync(dir, { recursive: true, force: true });
