// Smoke test of the built package through its `exports` map, as a CommonJS consumer sees it.
// Run after `npm run build`, from the package root (self-reference: `social-graph` resolves to
// this package's own dist/).
'use strict';
const assert = require('node:assert/strict');
const { SocialGraph, SocialGraphError } = require('social-graph');
// The two-thread checks wait for the worker however slow the machine (its start window is 5 s by default).
process.env.SOCIAL_GRAPH_WORKER_STARTUP_MS = '600000';

assert.match(require.resolve('social-graph'), /[\\/]dist[\\/]index\.node\.cjs$/, 'the CJS entry in Node is dist/index.node.cjs');

const graph = new SocialGraph({ maxConnectionsPerMember: 2 });
for (const id of ['ada', 'bob', 'cy', 'dee', 'eve']) graph.addMember(id);
graph.connect('ada', 'bob');
graph.connect('bob', 'cy');
graph.connect('cy', 'dee');
graph.connect('ada', 'eve');
assert.equal(graph.memberCount, 5);
assert.equal(graph.connectionCount, 4);
assert.equal(graph.degree('eve', 'dee'), null); // 4 steps: beyond the default maxDepth 3
assert.equal(graph.degree('eve', 'dee', { maxDepth: 4 }), 4);
assert.equal(graph.degree('ada', 'dee'), 3);
assert.deepEqual(graph.degrees('ada', ['bob', 'cy', 'dee']), [1, 2, 3]);
assert.equal(graph.mutualCount('ada', 'cy'), 1);
assert.deepEqual(graph.mutualConnections('ada', 'cy'), ['bob']);
assert.deepEqual(graph.reach('ada'), { first: 2, second: 1, third: 1 });

assert.throws(
  () => graph.connect('bob', 'dee'), // bob already holds 2 connections
  (error) => error instanceof SocialGraphError && error instanceof Error && error.code === 'CONNECTION_LIMIT',
);
assert.throws(
  () => graph.addMember('ada'),
  (error) => error instanceof SocialGraphError && error.code === 'DUPLICATE_MEMBER',
);
assert.throws(
  () => graph.mutualCount('ada', 42),
  (error) => error instanceof SocialGraphError && error.code === 'INVALID_ID',
);
assert.equal(graph.connectionCount, 4);

// Subpath entries, from the built package, sharing the core's classes.
const { barabasiAlbert } = require('social-graph/generators');
assert.equal(barabasiAlbert({ members: 100, avgDegree: 4, seed: 1 }).edges, 100 * 2 - 3);
const { save, load } = require('social-graph/node');
assert.equal(typeof save, 'function');
assert.equal(typeof load, 'function');
const stats = require('social-graph/stats');
assert.equal(typeof stats.distanceDistribution, 'function');
assert.equal(typeof stats.reachEstimates, 'function');
const { toGraphology, fromGraphology } = require('social-graph/graphology');
const roundTrip = fromGraphology(toGraphology(graph));
assert.ok(roundTrip instanceof SocialGraph);
assert.equal(roundTrip.connectionCount, graph.connectionCount);
const { RedisSocialGraph } = require('social-graph/redis');
assert.equal(typeof RedisSocialGraph.open, 'function');

// A bulk load big enough for the worker thread gives the graph a one-thread load gives.
require('./big-load.cjs').checkBigLoad(SocialGraph);

// The ESM copy of the package is another copy of the classes (the dual-package hazard, see the
// README): instanceof fails across them, SocialGraph.isSocialGraph does not.
(async () => {
  const esm = await import('social-graph');
  assert.notEqual(esm.SocialGraph, SocialGraph);
  const fromEsm = new esm.SocialGraph();
  assert.equal(fromEsm instanceof SocialGraph, false);
  assert.equal(SocialGraph.isSocialGraph(fromEsm), true);
  assert.equal(esm.SocialGraph.isSocialGraph(new SocialGraph()), true);
  assert.equal(SocialGraph.isSocialGraph({}), false);
  // Subpath entries share the main entry's core (one chunk per format).
  const node = require('social-graph/node');
  assert.ok(node.loadSync !== undefined);
  const { fromGraphology, toGraphology } = require('social-graph/graphology');
  assert.ok(fromGraphology(toGraphology(new SocialGraph())) instanceof SocialGraph);
  console.log('ok');
})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
