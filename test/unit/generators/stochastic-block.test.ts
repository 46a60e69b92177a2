import { describe, expect, it } from 'vitest';
import { degreeStats, stochasticBlock, stochasticBlockCommunity } from '../../../src/generators/index.js';
import { expectSimpleGraph, sameArrays } from './helpers.js';

function betweenEdges(g: ReturnType<typeof stochasticBlock>, communities: number): number {
  let between = 0;
  for (let e = 0; e < g.edges; e++) {
    if (
      stochasticBlockCommunity(g.sources[e]!, g.memberCount, communities) !==
      stochasticBlockCommunity(g.targets[e]!, g.memberCount, communities)
    ) {
      between++;
    }
  }
  return between;
}

describe('stochasticBlockCommunity', () => {
  it('splits members into contiguous blocks of nearly equal size', () => {
    const labels = Array.from({ length: 10 }, (_, v) => stochasticBlockCommunity(v, 10, 3));
    expect(labels).toEqual([0, 0, 0, 0, 1, 1, 1, 2, 2, 2]);
    expect(Array.from({ length: 5 }, (_, v) => stochasticBlockCommunity(v, 5, 5))).toEqual([0, 1, 2, 3, 4]);
    expect(stochasticBlockCommunity(2 ** 30 - 1, 2 ** 30, 7)).toBe(6);
    expect(() => stochasticBlockCommunity(10, 10, 3)).toThrow(RangeError);
    expect(() => stochasticBlockCommunity(0, 10, 11)).toThrow(RangeError);
  });
});

describe('stochasticBlock', () => {
  it('has exactly round(members·avgDegree/2) edges, round(edges·mixing) of them between communities', () => {
    const g = stochasticBlock({ members: 2000, avgDegree: 10, communities: 20, mixing: 0.1, seed: 1 });
    expectSimpleGraph(g);
    expect(g.edges).toBe(10_000);
    expect(betweenEdges(g, 20)).toBe(1000);
    expect(g.name).toBe('stochastic-block');
    expect(g.params).toEqual({ members: 2000, avgDegree: 10, communities: 20, mixing: 0.1, seed: 1, between: 1000 });
    for (let e = 0; e < g.edges; e++) expect(g.sources[e]!).toBeLessThan(g.targets[e]!);
  });

  it('keeps most edges inside communities at mixing 0.1, for each member on average', () => {
    const communities = 13; // 1003 members: sizes 78 and 77
    const g = stochasticBlock({ members: 1003, avgDegree: 12, communities, seed: 8 });
    expectSimpleGraph(g);
    expect(g.edges).toBe(Math.round((1003 * 12) / 2));
    expect(betweenEdges(g, communities) / g.edges).toBeCloseTo(0.1, 3);
    const outside = new Float64Array(g.memberCount);
    const degree = new Float64Array(g.memberCount);
    for (let e = 0; e < g.edges; e++) {
      const a = g.sources[e]!;
      const b = g.targets[e]!;
      degree[a]!++;
      degree[b]!++;
      if (stochasticBlockCommunity(a, g.memberCount, communities) !== stochasticBlockCommunity(b, g.memberCount, communities)) {
        outside[a]!++;
        outside[b]!++;
      }
    }
    let fractionSum = 0;
    let counted = 0;
    for (let v = 0; v < g.memberCount; v++) {
      if (degree[v]! === 0) continue;
      fractionSum += outside[v]! / degree[v]!;
      counted++;
    }
    expect(fractionSum / counted).toBeGreaterThan(0.07);
    expect(fractionSum / counted).toBeLessThan(0.13);
  });

  it('fills communities completely when asked to, without duplicates', () => {
    // 4 communities of 10: 45 pairs each; avgDegree 9 with no mixing uses all 180 of them.
    const g = stochasticBlock({ members: 40, avgDegree: 9, communities: 4, mixing: 0, seed: 2 });
    expectSimpleGraph(g);
    expect(g.edges).toBe(180);
    expect(betweenEdges(g, 4)).toBe(0);
    expect(degreeStats(g)).toMatchObject({ min: 9, max: 9 });
  });

  it('is an Erdős–Rényi graph with one community, and all-between at mixing 1', () => {
    const one = stochasticBlock({ members: 500, avgDegree: 6, communities: 1, mixing: 0, seed: 4 });
    expectSimpleGraph(one);
    expect(one.edges).toBe(1500);
    const all = stochasticBlock({ members: 500, avgDegree: 6, communities: 5, mixing: 1, seed: 4 });
    expectSimpleGraph(all);
    expect(betweenEdges(all, 5)).toBe(1500);
  });

  it('is deterministic per seed, and the seed matters', () => {
    const options = { members: 3000, avgDegree: 8, communities: 30 };
    expect(sameArrays(stochasticBlock({ ...options, seed: 5 }), stochasticBlock({ ...options, seed: 5 }))).toBe(true);
    expect(sameArrays(stochasticBlock({ ...options, seed: 5 }), stochasticBlock({ ...options, seed: 6 }))).toBe(false);
  });

  it('rejects bad options, and communities too small for their share of edges', () => {
    expect(() => stochasticBlock({ members: 100, avgDegree: 4, communities: 0 })).toThrow(/stochasticBlock: communities/);
    expect(() => stochasticBlock({ members: 100, avgDegree: 4, communities: 101 })).toThrow(RangeError);
    expect(() => stochasticBlock({ members: 100, avgDegree: 4, communities: 4, mixing: 2 })).toThrow(/stochasticBlock: mixing/);
    expect(() => stochasticBlock({ members: 100, avgDegree: -1, communities: 4 })).toThrow(/stochasticBlock: avgDegree/);
    expect(() => stochasticBlock({ members: 100, avgDegree: 100, communities: 4 })).toThrow(RangeError);
    expect(() => stochasticBlock({ members: 100, avgDegree: 10, communities: 50 })).toThrow(/inside community 0 of 2 members/);
    expect(() => stochasticBlock({ members: 100, avgDegree: 4, communities: 1, mixing: 0.5 })).toThrow(/between communities/);
  });
});
