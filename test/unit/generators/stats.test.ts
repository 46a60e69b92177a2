import { describe as suite, expect, it } from 'vitest';
import {
  clusteringEstimate,
  degreeStats,
  describe,
  wattsStrogatz,
  type GeneratedGraph,
} from '../../../src/generators/index.js';

function graph(members: number, pairs: [number, number][]): GeneratedGraph {
  return {
    memberCount: members,
    sources: Int32Array.from(pairs, ([a]) => a),
    targets: Int32Array.from(pairs, ([, b]) => b),
    edges: pairs.length,
    name: 'hand-made',
    seed: 1,
    params: {},
  };
}

const star = graph(5, [
  [0, 1],
  [0, 2],
  [0, 3],
  [0, 4],
]);

suite('degreeStats', () => {
  it('summarises a star', () => {
    expect(degreeStats(star)).toEqual({ min: 1, median: 1, p99: 4, max: 4, mean: 1.6 });
  });

  it('averages the two middle degrees for an even member count, and counts isolated members', () => {
    // degrees 1, 2, 1, 0
    expect(degreeStats(graph(4, [[0, 1], [1, 2]]))).toEqual({ min: 0, median: 1, p99: 2, max: 2, mean: 1 });
    // degrees 3, 1, 1, 1, 0, 0
    expect(degreeStats(graph(6, [[0, 1], [0, 2], [0, 3]])).median).toBe(1);
    // degrees 1, 1, 0, 0: median (0 + 1) / 2
    expect(degreeStats(graph(4, [[0, 1]])).median).toBe(0.5);
  });

  it('uses the nearest rank for p99', () => {
    // 200 members: degrees 1 (x198) and 99 twice? Build two stars of 99 leaves each.
    const pairs: [number, number][] = [];
    for (let leaf = 2; leaf < 101; leaf++) pairs.push([0, leaf]);
    for (let leaf = 101; leaf < 200; leaf++) pairs.push([1, leaf]);
    const stats = degreeStats(graph(200, pairs));
    expect(stats.p99).toBe(1); // rank ceil(0.99·200) = 198: still a leaf
    expect(stats.max).toBe(99);
    expect(degreeStats(graph(100, [[0, 1]])).p99).toBe(1); // rank 99 of 100
  });

  it('returns zeros for an empty graph', () => {
    expect(degreeStats(graph(0, []))).toEqual({ min: 0, median: 0, p99: 0, max: 0, mean: 0 });
    expect(degreeStats(graph(3, []))).toEqual({ min: 0, median: 0, p99: 0, max: 0, mean: 0 });
  });
});

suite('clusteringEstimate', () => {
  it('is exact when few members have degree >= 2', () => {
    expect(clusteringEstimate(star)).toBe(0);
    expect(clusteringEstimate(graph(3, [[0, 1], [1, 2], [2, 0]]))).toBe(1);
    const k5: [number, number][] = [];
    for (let a = 0; a < 5; a++) for (let b = a + 1; b < 5; b++) k5.push([a, b]);
    expect(clusteringEstimate(graph(5, k5))).toBe(1);
    // triangle 0-1-2 plus pendant 3 on 0: (1/3 + 1 + 1) / 3; member 3 (degree 1) is left out
    expect(clusteringEstimate(graph(4, [[0, 1], [1, 2], [2, 0], [0, 3]]))).toBeCloseTo(7 / 9, 12);
    expect(clusteringEstimate(graph(4, [[0, 1]]))).toBe(0);
  });

  it('samples close to the exact value, deterministically per seed', () => {
    const g = wattsStrogatz({ members: 20_000, avgDegree: 10, rewire: 0.1, seed: 1 });
    const exact = clusteringEstimate(g, { samples: 20_000 });
    const sampled = clusteringEstimate(g, { samples: 2000, seed: 5 });
    expect(Math.abs(sampled - exact)).toBeLessThan(0.03);
    expect(clusteringEstimate(g, { samples: 2000, seed: 5 })).toBe(sampled);
    expect(clusteringEstimate(g, { samples: 2000 })).toBe(clusteringEstimate(g, { samples: 2000, seed: g.seed }));
  });

  it('rejects bad options', () => {
    expect(() => clusteringEstimate(star, { samples: 0 })).toThrow(RangeError);
    expect(() => clusteringEstimate(star, { samples: 1.5 })).toThrow(/clusteringEstimate: samples/);
    expect(() => clusteringEstimate(star, { seed: 0.5 })).toThrow(/clusteringEstimate: seed/);
  });
});

suite('describe', () => {
  it('returns the degree statistics and the clustering estimate together', () => {
    const g = wattsStrogatz({ members: 1000, avgDegree: 6, rewire: 0, seed: 1 });
    expect(describe(g)).toEqual({
      name: 'watts-strogatz',
      memberCount: 1000,
      edges: 3000,
      degree: degreeStats(g),
      clustering: clusteringEstimate(g),
    });
    expect(describe(g).clustering).toBeCloseTo(0.6, 10); // 3(k-2)/(4(k-1)) at k = 6
  });
});
