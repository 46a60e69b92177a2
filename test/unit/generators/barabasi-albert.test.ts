import { describe, expect, it } from 'vitest';
import { barabasiAlbert, degreeStats } from '../../../src/generators/index.js';
import { expectSimpleGraph, sameArrays } from './helpers.js';

describe('barabasiAlbert', () => {
  it('has the exact edge count m(m+1)/2 + (members - m - 1)·m and the right metadata', () => {
    const g = barabasiAlbert({ members: 2000, avgDegree: 10, seed: 9 });
    const m = 5;
    expect(g.memberCount).toBe(2000);
    expect(g.edges).toBe((m * (m + 1)) / 2 + (2000 - m - 1) * m);
    expect(g.name).toBe('barabasi-albert');
    expect(g.seed).toBe(9);
    expect(g.params).toEqual({ members: 2000, avgDegree: 10, m: 5, seed: 9 });
    expect(Math.abs(degreeStats(g).mean - 10)).toBeLessThan(0.05);
  });

  it('is a simple graph in which every member has at least m connections', () => {
    const g = barabasiAlbert({ members: 2000, avgDegree: 8, seed: 1 });
    const degree = expectSimpleGraph(g);
    expect(Math.min(...degree)).toBe(4);
  });

  it('joins each newer member to older ones, starting from a clique of m + 1', () => {
    const g = barabasiAlbert({ members: 50, avgDegree: 6, seed: 2 });
    for (let e = 0; e < g.edges; e++) expect(g.sources[e]!).toBeGreaterThan(g.targets[e]!);
    // the first m(m+1)/2 = 6 edges form the clique on 0..3
    const clique = new Set<string>();
    for (let e = 0; e < 6; e++) clique.add(`${g.sources[e]}-${g.targets[e]}`);
    expect(clique).toEqual(new Set(['1-0', '2-0', '2-1', '3-0', '3-1', '3-2']));
    // then m = 3 edges per new member, in order of arrival
    for (let t = 4; t < 50; t++) {
      for (let i = 0; i < 3; i++) expect(g.sources[6 + (t - 4) * 3 + i]).toBe(t);
    }
  });

  it('is deterministic per seed, and the seed matters', () => {
    const a = barabasiAlbert({ members: 3000, avgDegree: 6, seed: 123 });
    const b = barabasiAlbert({ members: 3000, avgDegree: 6, seed: 123 });
    const c = barabasiAlbert({ members: 3000, avgDegree: 6, seed: 124 });
    expect(sameArrays(a, b)).toBe(true);
    expect(Buffer.from(a.sources.buffer).equals(Buffer.from(b.sources.buffer))).toBe(true);
    expect(sameArrays(a, c)).toBe(false);
    expect(sameArrays(barabasiAlbert({ members: 100, avgDegree: 4 }), barabasiAlbert({ members: 100, avgDegree: 4, seed: 1 }))).toBe(true);
  });

  it('has a heavy-tailed degree distribution: hubs far above the median', () => {
    const stats = degreeStats(barabasiAlbert({ members: 20_000, avgDegree: 10, seed: 4 }));
    expect(stats.min).toBe(5);
    expect(stats.median).toBeLessThanOrEqual(9);
    expect(stats.p99 / stats.median).toBeGreaterThan(4);
    expect(stats.max / stats.median).toBeGreaterThan(30);
  });

  it('rejects bad options with a RangeError naming the function and option', () => {
    expect(() => barabasiAlbert({ members: 100, avgDegree: 3, seed: 1 })).toThrow(
      new RangeError('barabasiAlbert: avgDegree must be an even integer >= 2 and < members, got 3'),
    );
    expect(() => barabasiAlbert({ members: 100, avgDegree: 0 })).toThrow(/barabasiAlbert: avgDegree/);
    expect(() => barabasiAlbert({ members: 100, avgDegree: 100 })).toThrow(/barabasiAlbert: avgDegree/);
    expect(() => barabasiAlbert({ members: 100, avgDegree: 4.5 })).toThrow(RangeError);
    expect(() => barabasiAlbert({ members: 2, avgDegree: 2 })).toThrow(/barabasiAlbert: members/);
    expect(() => barabasiAlbert({ members: 10.5, avgDegree: 2 })).toThrow(/barabasiAlbert: members/);
    expect(() => barabasiAlbert({ members: Number.NaN, avgDegree: 2 })).toThrow(RangeError);
    expect(() => barabasiAlbert({ members: 100, avgDegree: 4, seed: 0.5 })).toThrow(/barabasiAlbert: seed/);
    expect(() => barabasiAlbert({ members: 2 ** 30 + 1, avgDegree: 4 })).toThrow(RangeError);
    expect(() => barabasiAlbert({ members: 2 ** 30, avgDegree: 8 })).toThrow(/at most 2147483647 edges/);
    // @ts-expect-error: options are required
    expect(() => barabasiAlbert(undefined)).toThrow(TypeError);
  });

  it('handles the smallest graphs', () => {
    const g = barabasiAlbert({ members: 3, avgDegree: 2, seed: 1 });
    expectSimpleGraph(g);
    expect(g.edges).toBe(2);
  });
});
