// Smoke test of the built package through its `exports` map, as an ESM consumer sees it.
// Run after `npm run build`, from the package root (self-reference: `social-graph` resolves to
// this package's own dist/).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { SocialGraph, SocialGraphError } from 'social-graph';
import { checkBigLoad } from './big-load.cjs';
// The two-thread checks wait for the worker however slow the machine (its start window is 5 s by default).
process.env.SOCIAL_GRAPH_WORKER_STARTUP_MS = '600000';

// Node takes the `node` condition (the core plus a worker thread for big bulk loads); browsers and
// their bundlers take dist/index.js, which must not mention a Node built-in.
assert.match(import.meta.resolve('social-graph'), /\/dist\/index\.node\.js$/, 'the ESM entry in Node is dist/index.node.js');
// dist/index.js and the shared chunks it imports (one core per format: see tsup.config.ts).
const browserFiles = new Set(['index.js']);
for (const file of browserFiles) {
  const code = readFileSync(new URL(`../../dist/${file}`, import.meta.url), 'utf8');
  assert.doesNotMatch(code, /worker_threads|from ['"](node:)?(fs|path|os|crypto|events|stream|zlib|module|url|util|child_process)['"]|require\(/, `dist/${file} (browser build) names no Node built-in`);
  for (const m of code.matchAll(/(?:from|import)\s*['"]\.\/([^'"]+)['"]/g)) browserFiles.add(m[1]);
}
assert.ok(browserFiles.size > 1, 'dist/index.js imports the shared core chunk');

const graph = SocialGraph.fromEdges([
  ['ada', 'bob'],
  ['bob', 'cy'],
  ['cy', 'dee'],
  ['ada', 'eve'],
  ['eve', 'cy'],
]);
graph.addMember('zed');
assert.equal(graph.memberCount, 6);
assert.equal(graph.connectionCount, 5);
assert.equal(graph.degree('ada', 'ada'), 0);
assert.equal(graph.degree('ada', 'bob'), 1);
assert.equal(graph.degree('ada', 'cy'), 2);
assert.equal(graph.degree('ada', 'dee'), 3);
assert.equal(graph.degree('ada', 'dee', { maxDepth: 2 }), null);
assert.equal(graph.degree('ada', 'zed'), null);
assert.deepEqual(graph.degrees('ada', ['bob', 'cy', 'dee', 'zed']), [1, 2, 3, null]);
assert.equal(graph.mutualCount('ada', 'cy'), 2);
assert.deepEqual(graph.mutualConnections('ada', 'cy').sort(), ['bob', 'eve']);
assert.deepEqual(graph.reach('ada'), { first: 2, second: 1, third: 1 });

assert.throws(
  () => graph.connect('ada', 'ada'),
  (error) => error instanceof SocialGraphError && error instanceof Error && error.code === 'SELF_CONNECTION',
);
assert.throws(
  () => graph.degree('ada', 'nobody'),
  (error) => error instanceof SocialGraphError && error.code === 'MEMBER_NOT_FOUND',
);
assert.throws(
  () => new SocialGraph({ maxConnectionsPerMember: 0 }),
  (error) => error instanceof SocialGraphError && error.code === 'INVALID_OPTION',
);

// Subpath entries, from the built package, sharing the core's classes.
const { barabasiAlbert } = await import('social-graph/generators');
const generated = barabasiAlbert({ members: 100, avgDegree: 4, seed: 1 });
assert.equal(generated.sources.length, generated.edges);
const node = await import('social-graph/node');
assert.equal(typeof node.save, 'function');
assert.equal(typeof node.load, 'function');
const { toGraphology, fromGraphology } = await import('social-graph/graphology');
const roundTrip = fromGraphology(toGraphology(graph));
assert.ok(roundTrip instanceof SocialGraph);
assert.equal(roundTrip.connectionCount, graph.connectionCount);
const { RedisSocialGraph } = await import('social-graph/redis');
assert.equal(typeof RedisSocialGraph.open, 'function');
// social-graph/redis loads without ioredis (the client is the caller's); a wrong client says what to install.
for (const file of readdirSync(new URL('../../dist/', import.meta.url)).filter((f) => /\.c?js$/.test(f))) {
  const code = readFileSync(new URL(`../../dist/${file}`, import.meta.url), 'utf8');
  assert.doesNotMatch(code, /from\s*['"]ioredis['"]|require\(['"]ioredis['"]\)/, `dist/${file} does not load ioredis`);
}
await assert.rejects(RedisSocialGraph.open({}), (e) => e instanceof SocialGraphError && e.code === 'INVALID_OPTION' && /npm install ioredis/.test(e.message));
// One core per format: every entry's SocialGraph is the main entry's.
assert.ok(node.loadSync.length >= 1 && SocialGraph.isSocialGraph(graph));
assert.ok(SocialGraph.fromBytes(graph.toBytes()) instanceof SocialGraph);
const stats = await import('social-graph/stats');
assert.match(import.meta.resolve('social-graph/stats'), /\/dist\/stats\.node\.js$/, 'social-graph/stats in Node is dist/stats.node.js');
assert.deepEqual((await stats.distanceDistribution(graph, { exact: true })).orderedPairs, [0, 10, 8, 2]);
assert.equal((await stats.reachEstimates(graph)).of('ada').first, 2);
await assert.rejects(stats.distanceDistribution(graph, { precision: 3 }), SocialGraphError);
{
  // Big enough for the stats entry's worker thread.
  // A ring with chords (connected, small diameter); 5000 × 2^10 register bytes ≥ 4 MiB.
  const ring = [];
  for (let i = 0; i < 5000; i++) ring.push([`r${i}`, `r${(i + 1) % 5000}`], [`r${i}`, `r${(i * 37 + 11) % 5000}`]);
  const distribution = await stats.distanceDistribution(SocialGraph.fromEdges(ring.filter(([a, b]) => a !== b)), { precision: 10 });
  assert.equal(distribution.threads, 2);
  assert.equal(distribution.reachablePairs, 5000 * 4999);
}
assert.doesNotMatch(readFileSync(new URL('../../dist/stats.js', import.meta.url), 'utf8'), /worker_threads|from ['"]node:|require\(['"]node:/, 'dist/stats.js names no Node built-in');

// `social-graph/browser` shares the main entry's classes: in Node (no IndexedDB) it rejects with
// the very SocialGraphError users import; the explorer page ships built in dist/explorer.
const browser = await import('social-graph/browser');
await assert.rejects(browser.saveToIndexedDB(graph, 'k'), (error) => error instanceof SocialGraphError && error.code === 'BACKEND_UNAVAILABLE');
for (const file of ['index.html', 'explorer.js', 'worker.js', 'explorer.css']) readFileSync(new URL(`../../dist/explorer/${file}`, import.meta.url));

// A bulk load big enough for the worker thread gives the graph a one-thread load gives.
checkBigLoad(SocialGraph);

console.log('ok');
