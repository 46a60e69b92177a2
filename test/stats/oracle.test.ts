/**
 * social-graph/stats against a brute-force oracle: exact mode equals pair-by-pair BFS distances on
 * random graphs with several components, hubs, isolated and removed members; HyperBall estimates
 * of the same graphs stay within the error the theory states.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SocialGraph, SocialGraphError } from '../../src/index.js';
import { distanceDistribution, reachEstimates } from '../../src/stats/index.js';
import { fcParams } from '../support/fc-config.js';
import { naiveDistance, naiveFromEdges, naiveLevels } from '../support/oracle.js';

interface Case {
  members: string[];
  edges: [string, string][];
  removed: string[];
}

/** Graphs of 1..60 members split into 1..4 components (edges stay inside a component), some members removed. */
const graphs: fc.Arbitrary<Case> = fc
  .record(
    {
      n: fc.integer({ min: 1, max: 60 }),
      components: fc.integer({ min: 1, max: 4 }),
      raw: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 150, size: 'max' }),
      chain: fc.boolean(),
      removed: fc.array(fc.nat(), { maxLength: 4, size: 'max' }),
    },
    { requiredKeys: ['n', 'components', 'raw', 'chain', 'removed'] },
  )
  .map(({ n, components, raw, chain, removed }) => {
    const members = Array.from({ length: n }, (_, i) => (i === 1 ? '__proto__' : `m${i}`));
    const edges: [string, string][] = [];
    const push = (x: number, y: number): void => {
      const a = x % n;
      const b = y % n;
      if (a !== b && a % components === b % components) edges.push([members[a]!, members[b]!]);
    };
    for (const [x, y] of raw) push(x, y);
    // A long path inside component 0 now and then, for distances beyond 3.
    if (chain) for (let i = 0; i + components < n; i += components) push(i, i + components);
    return { members, edges, removed: [...new Set(removed.map((r) => members[r % n]!))] };
  });

function build(c: Case): { graph: SocialGraph; live: string[] } {
  const graph = new SocialGraph();
  for (const m of c.members) graph.addMember(m);
  for (const [a, b] of c.edges) if (!graph.areConnected(a, b)) graph.connect(a, b);
  for (const r of c.removed) if (c.members.length > 1) graph.removeMember(r);
  return { graph, live: graph.members() };
}

/** The oracle: ordered pairs at each distance, by BFS distance pair by pair. */
function naivePairs(graph: SocialGraph, live: string[]): number[] {
  const g = naiveFromEdges(live, live.flatMap((a) => graph.connections(a).map((b) => [a, b] as [string, string])));
  const counts = [0];
  for (const a of live) {
    for (const b of live) {
      if (a === b) continue;
      const d = naiveDistance(g, a, b, live.length);
      if (d === null) continue;
      while (counts.length <= d) counts.push(0);
      counts[d]!++;
    }
  }
  return counts;
}

describe('stats: exact mode against the oracle', () => {
  it('orderedPairs, averageDistance, effectiveDiameter, shareWithin and reach equal brute force', async () => {
    const seen = { components: 0, beyond3: 0, removed: 0, empty: 0 };
    await fc.assert(
      fc.asyncProperty(graphs, async (c) => {
        const { graph, live } = build(c);
        const expected = naivePairs(graph, live);
        const stats = await distanceDistribution(graph, { exact: true });
        expect(stats.orderedPairs).toEqual(expected);
        const reachable = expected.reduce((a, b) => a + b, 0);
        expect(stats.reachablePairs).toBe(reachable);
        expect(stats.memberCount).toBe(live.length);
        const weighted = expected.reduce((a, b, t) => a + t * b, 0);
        expect(stats.averageDistance).toBeCloseTo(reachable > 0 ? weighted / reachable : 0, 12);
        let cumulative = 0;
        let effective = 0;
        for (let t = 1; t < expected.length && reachable > 0; t++) {
          cumulative += expected[t]!;
          expect(stats.shareWithin(t)).toBeCloseTo(cumulative / reachable, 12);
          if (effective === 0 && cumulative >= 0.9 * reachable) effective = t;
        }
        expect(stats.effectiveDiameter).toBe(effective);
        expect(stats.relativeStandardError).toBe(0);
        const reach = await reachEstimates(graph, { exact: true });
        const g = naiveFromEdges(live, live.flatMap((a) => graph.connections(a).map((b) => [a, b] as [string, string])));
        for (const id of live) {
          const [first, second, third] = naiveLevels(g, id, 3);
          expect(reach.of(id)).toEqual({ first, second, third });
        }
        if (expected.length === 1) seen.empty++;
        if (expected.length > 4) seen.beyond3++;
        if (c.removed.length > 0) seen.removed++;
        if (reachable < live.length * (live.length - 1)) seen.components++;
      }),
      fcParams(150),
    );
    // Coverage: graphs with several components, distances beyond 3, removed members, no pairs at all.
    expect(seen.components).toBeGreaterThan(50);
    expect(seen.beyond3).toBeGreaterThan(20);
    expect(seen.removed).toBeGreaterThan(50);
    expect(seen.empty).toBeGreaterThan(0);
  });

  it('maxDistance stops the count', async () => {
    const graph = new SocialGraph();
    for (let i = 0; i < 6; i++) graph.addMember(`p${i}`);
    for (let i = 0; i < 5; i++) graph.connect(`p${i}`, `p${i + 1}`);
    const full = await distanceDistribution(graph, { exact: true });
    expect(full.orderedPairs).toEqual([0, 10, 8, 6, 4, 2]);
    const cut = await distanceDistribution(graph, { exact: true, maxDistance: 2 });
    expect(cut.orderedPairs).toEqual([0, 10, 8]);
    const estimated = await distanceDistribution(graph, { maxDistance: 2 });
    expect(estimated.orderedPairs.length).toBe(3);
  });
});

describe('stats: HyperBall estimates against exact', () => {
  it('random graphs: pairs within each distance within 4 relative standard errors, reach within 2 and 3 likewise', async () => {
    // Counters of one component end equal (the same hash everywhere), so the error of a sum is at
    // worst that of one counter: 1.04/√(2^p). 4σ with fixed seeds: never flaky, still a real bound.
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(graphs, fc.integer({ min: 6, max: 12 }), async (c, precision) => {
        const { graph, live } = build(c);
        const exact = await distanceDistribution(graph, { exact: true });
        const estimate = await distanceDistribution(graph, { precision, seed: 42 });
        const bound = 4 * estimate.relativeStandardError;
        // Calibrated on exact component sizes: the reachable pairs are exact.
        expect(estimate.reachablePairs).toBe(exact.reachablePairs);
        expect(estimate.relativeStandardError).toBeCloseTo(1.04 / Math.sqrt(2 ** precision), 12);
        let within = live.length;
        let estimatedWithin = live.length;
        for (let t = 1; t < exact.orderedPairs.length; t++) {
          within += exact.orderedPairs[t]!;
          estimatedWithin += estimate.orderedPairs[t] ?? 0;
          // Per member ball sums: a sum of counters, each within its error.
          expect(Math.abs(estimatedWithin - within)).toBeLessThanOrEqual(bound * within + 1);
        }
        const exactReach = await reachEstimates(graph, { exact: true });
        const reach = await reachEstimates(graph, { precision, seed: 42 });
        for (const id of live) {
          const a = exactReach.of(id);
          const b = reach.of(id);
          expect(b.first).toBe(a.first);
          const ball2 = 1 + a.first + a.second;
          const ball3 = ball2 + a.third;
          expect(Math.abs(1 + b.first + b.second - ball2)).toBeLessThanOrEqual(bound * ball2 + 1);
          expect(Math.abs(1 + b.first + b.second + b.third - ball3)).toBeLessThanOrEqual(bound * ball3 + 1);
        }
        checked++;
      }),
      fcParams(60),
    );
    expect(checked).toBe(60);
  });
});

describe('stats: inputs', () => {
  const graph = new SocialGraph();
  graph.addMember('a');
  graph.addMember('b');
  graph.connect('a', 'b');

  it('rejects bad options with INVALID_OPTION, unknown members with MEMBER_NOT_FOUND', async () => {
    const bad: unknown[] = [
      { precision: 3 },
      { precision: 17 },
      { precision: 7.5 },
      { precision: NaN },
      { precision: '7' },
      { maxDistance: 0 },
      { maxDistance: Infinity },
      { seed: -1 },
      { seed: 2 ** 32 },
      { exact: 'yes' },
      { parallel: 1 },
      { wasm: 'no' },
      { onProgress: 5 },
      { signal: {} },
      { memoryLimit: 0 },
      5,
      null,
    ];
    for (const options of bad) {
      await expect(distanceDistribution(graph, options as never)).rejects.toMatchObject({ code: 'INVALID_OPTION' });
      await expect(reachEstimates(graph, options as never)).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    }
    await expect(distanceDistribution({} as never)).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    const reach = await reachEstimates(graph);
    expect(() => reach.of('nobody')).toThrow(SocialGraphError);
    expect(() => reach.of('__proto__')).toThrow(expect.objectContaining({ code: 'MEMBER_NOT_FOUND' }));
    expect(() => reach.of(7 as never)).toThrow(expect.objectContaining({ code: 'INVALID_ID' }));
    const stats = await distanceDistribution(graph);
    expect(() => stats.shareWithin(NaN)).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() => stats.shareWithin(-1)).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(stats.shareWithin(Infinity)).toBe(1);
  });

  it('states the memory first, refuses a run over memoryLimit, and stops on abort or a throwing callback', async () => {
    const told: number[] = [];
    await distanceDistribution(graph, { onProgress: (p) => told.push(p.memoryBytes) });
    expect(told[0]).toBeGreaterThan(0);
    await expect(distanceDistribution(graph, { memoryLimit: 100 })).rejects.toMatchObject({ code: 'CAPACITY_EXCEEDED' });
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(distanceDistribution(graph, { signal: controller.signal })).rejects.toThrow('stop');
    await expect(
      distanceDistribution(graph, {
        onProgress: () => {
          throw new Error('callback');
        },
      }),
    ).rejects.toThrow('callback');
  });

  it('reach answers for members of the run that are still members, never for another', async () => {
    const g = new SocialGraph();
    for (const id of ['a', 'b', 'c']) g.addMember(id);
    g.connect('a', 'b');
    g.connect('b', 'c');
    const reach = await reachEstimates(g, { exact: true });
    g.removeMember('c');
    g.addMember('d'); // may take c's old index
    expect(reach.of('a')).toEqual({ first: 1, second: 1, third: 0 });
    expect(() => reach.of('c')).toThrow(expect.objectContaining({ code: 'MEMBER_NOT_FOUND' }));
    expect(() => reach.of('d')).toThrow(expect.objectContaining({ code: 'MEMBER_NOT_FOUND' }));
  });

  it('an empty graph has no pairs', async () => {
    const stats = await distanceDistribution(new SocialGraph());
    expect(stats.orderedPairs).toEqual([0]);
    expect(stats.reachablePairs).toBe(0);
    expect(stats.averageDistance).toBe(0);
    expect(stats.effectiveDiameter).toBe(0);
    expect(stats.shareWithin(3)).toBe(0);
  });
});
