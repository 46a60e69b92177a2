// Shared by the ESM and CJS smoke tests: a bulk load big enough for the worker thread (whose
// program is the build's own functions) gives the graph a one-thread load gives.
const assert = require('node:assert/strict');

/** Loads 2.2M pairs with and without the worker through the given build's `SocialGraph`. */
exports.checkBigLoad = function checkBigLoad(SocialGraph) {
  // However slow the machine, the worker is waited for (its start window is 5 s by default).
  process.env.SOCIAL_GRAPH_WORKER_STARTUP_MS = '600000';
  const pairs = [];
  for (let i = 0; i < 2_200_000; i++) pairs.push([`m${i % 150_000}`, `m${(i * 7919 + 1) % 160_000}`]);
  const parallel = SocialGraph.loadEdges(pairs);
  const serial = SocialGraph.loadEdges(pairs, { parallel: false });
  assert.equal(parallel.report.threads, 2, 'the worker thread took part');
  assert.equal(serial.report.threads, 1);
  assert.deepEqual(parallel.report, { ...serial.report, threads: 2 });
  assert.ok(Buffer.from(parallel.graph.toBytes()).equals(Buffer.from(serial.graph.toBytes())));
  for (const [a, b] of [['m0', 'm1'], ['m5', 'm159999'], ['m77', 'm1234']]) {
    assert.equal(parallel.graph.degree(a, b), serial.graph.degree(a, b));
    assert.deepEqual(parallel.graph.connections(a), serial.graph.connections(a));
  }
};
