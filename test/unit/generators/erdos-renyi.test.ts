import { describe, expect, it } from 'vitest';
import { degreeStats, erdosRenyi } from '../../../src/generators/index.js';
import { expectSimpleGraph, sameArrays } from './helpers.js';

describe('erdosRenyi', () => {
  it('has exactly round(members·avgDegree/2) edges and the right metadata', () => {
    const g = erdosRenyi({ members: 2000, avgDegree: 10, seed: 3 });
    expectSimpleGraph(g);
    expect(g.edges).toBe(10_000);
    expect(g.name).toBe('erdos-renyi');
    expect(g.params).toEqual({ members: 2000, avgDegree: 10, seed: 3 });
    expect(erdosRenyi({ members: 101, avgDegree: 3.3, seed: 1 }).edges).toBe(167);
    for (let e = 0; e < g.edges; e++) expect(g.sources[e]!).toBeLessThan(g.targets[e]!);
  });

  it('has a roughly Poisson degree distribution: no hubs', () => {
    const g = erdosRenyi({ members: 10_000, avgDegree: 10, seed: 7 });
    const degree = expectSimpleGraph(g);
    const stats = degreeStats(g);
    expect(stats.mean).toBe(10);
    expect(stats.max).toBeLessThan(3 * stats.mean);
    expect(Math.abs(stats.median - 10)).toBeLessThanOrEqual(1);
    let variance = 0;
    for (const d of degree) variance += (d - 10) ** 2;
    variance /= g.memberCount;
    expect(variance).toBeGreaterThan(8); // Binomial(9999, 10/9999): variance ≈ 10
    expect(variance).toBeLessThan(12);
  });

  it('handles dense graphs (sampling the missing pairs) up to the complete graph', () => {
    const dense = erdosRenyi({ members: 50, avgDegree: 40, seed: 1 });
    expectSimpleGraph(dense);
    expect(dense.edges).toBe(1000);
    const complete = erdosRenyi({ members: 30, avgDegree: 29, seed: 1 });
    expectSimpleGraph(complete);
    expect(complete.edges).toBe(435);
    const half = erdosRenyi({ members: 41, avgDegree: 20, seed: 1 }); // exactly half of the 820 pairs
    expectSimpleGraph(half);
    expect(half.edges).toBe(410);
  });

  it('handles empty graphs', () => {
    expect(erdosRenyi({ members: 1, avgDegree: 0 }).edges).toBe(0);
    expect(erdosRenyi({ members: 10, avgDegree: 0 }).edges).toBe(0);
  });

  it('is deterministic per seed, and the seed matters', () => {
    expect(sameArrays(erdosRenyi({ members: 5000, avgDegree: 6, seed: 9 }), erdosRenyi({ members: 5000, avgDegree: 6, seed: 9 }))).toBe(true);
    expect(sameArrays(erdosRenyi({ members: 5000, avgDegree: 6, seed: 9 }), erdosRenyi({ members: 5000, avgDegree: 6, seed: 10 }))).toBe(false);
  });

  it('rejects bad options', () => {
    expect(() => erdosRenyi({ members: 100, avgDegree: 100 })).toThrow(
      new RangeError('erdosRenyi: avgDegree must be a number in [0, 99], got 100'),
    );
    expect(() => erdosRenyi({ members: 0, avgDegree: 0 })).toThrow(/erdosRenyi: members/);
    expect(() => erdosRenyi({ members: 100, avgDegree: Number.POSITIVE_INFINITY })).toThrow(RangeError);
    expect(() => erdosRenyi({ members: 100, avgDegree: 4, seed: Number.NaN })).toThrow(/erdosRenyi: seed/);
  });
});
