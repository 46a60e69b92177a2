/**
 * HyperBall on two threads (Node's helper thread) gives exactly the one-thread answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SocialGraph } from '../../src/index.js';
import { barabasiAlbert } from '../../src/generators/index.js';
import { distanceDistribution, reachEstimates } from '../../src/stats/node.js';
import { startWorkerHelper } from '../../src/node/worker-helper.js';
import { setHelperThreadStarter } from '../../src/store/helper-thread.js';

// The worker may take longer than the default 5 s to start answering on a loaded machine (it
// boots under tsx here): wait for its answer instead, so that `threads: 2` never depends on speed.
beforeAll(() => setHelperThreadStarter(() => startWorkerHelper({ startupMs: 100_000 })));
afterAll(() => setHelperThreadStarter(startWorkerHelper));

describe('stats: helper thread', () => {
  it('two threads and one thread agree exactly', async () => {
    const edges = barabasiAlbert({ members: 20_000, avgDegree: 6, seed: 7 });
    const graph = SocialGraph.fromIndexedEdges({ ...edges, ids: (i: number) => `u${i}` });
    const told: number[] = [];
    const two = await distanceDistribution(graph, { precision: 8, onProgress: (p) => told.push(p.threads) });
    const one = await distanceDistribution(graph, { precision: 8, parallel: false });
    expect(two.threads).toBe(2);
    expect(told[0]).toBe(2);
    expect(one.threads).toBe(1);
    expect(two.orderedPairs).toEqual(one.orderedPairs);
    // The JavaScript union (no WebAssembly) gives the very same counters.
    const plain = await distanceDistribution(graph, { precision: 8, wasm: false });
    expect(plain.orderedPairs).toEqual(one.orderedPairs);
    const reachTwo = await reachEstimates(graph, { precision: 8 });
    const reachOne = await reachEstimates(graph, { precision: 8, parallel: false });
    expect(reachTwo.threads).toBe(2);
    for (let i = 0; i < 20_000; i += 97) expect(reachTwo.of(`u${i}`)).toEqual(reachOne.of(`u${i}`));
  }, 60_000);

  it('an abort while the helper works rejects with the reason and leaves no thread behind', async () => {
    const edges = barabasiAlbert({ members: 20_000, avgDegree: 6, seed: 8 });
    const graph = SocialGraph.fromIndexedEdges({ ...edges, ids: (i: number) => `u${i}` });
    const controller = new AbortController();
    const run = distanceDistribution(graph, { precision: 10, signal: controller.signal, onProgress: (p) => (p.distance === 2 ? controller.abort(new Error('enough')) : undefined) });
    await expect(run).rejects.toThrow('enough');
  }, 60_000);
});
