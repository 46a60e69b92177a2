import { describe, expect, it } from 'vitest';
import { clusteringEstimate, degreeStats, wattsStrogatz } from '../../../src/generators/index.js';
import { expectSimpleGraph, sameArrays } from './helpers.js';

describe('wattsStrogatz', () => {
  it('has exactly members·avgDegree/2 edges and the right metadata', () => {
    const g = wattsStrogatz({ members: 2000, avgDegree: 10, seed: 5 });
    expect(g.edges).toBe(10_000);
    expect(g.name).toBe('watts-strogatz');
    expect(g.params).toEqual({ members: 2000, avgDegree: 10, rewire: 0.1, seed: 5 });
    expect(degreeStats(g).mean).toBe(10);
    expectSimpleGraph(g);
  });

  it('is the ring lattice at rewire 0', () => {
    const g = wattsStrogatz({ members: 100, avgDegree: 4, rewire: 0, seed: 1 });
    expectSimpleGraph(g);
    for (let e = 0; e < g.edges; e++) {
      const u = Math.floor(e / 2);
      expect(g.sources[e]).toBe(u);
      expect(g.targets[e]).toBe((u + (e % 2) + 1) % 100);
    }
    const stats = degreeStats(g);
    expect(stats.min).toBe(4);
    expect(stats.max).toBe(4);
    expect(clusteringEstimate(g)).toBeCloseTo(0.5, 10); // 3(k-2)/(4(k-1)) at k = 4
  });

  it('rewires about a fraction `rewire` of the edges, each one from its lattice source', () => {
    const members = 5000;
    const g = wattsStrogatz({ members, avgDegree: 10, rewire: 0.2, seed: 11 });
    expectSimpleGraph(g);
    let rewired = 0;
    for (let e = 0; e < g.edges; e++) {
      const u = Math.floor(e / 5);
      expect(g.sources[e]).toBe(u);
      if (g.targets[e] !== (u + (e % 5) + 1) % members) rewired++;
    }
    expect(rewired / g.edges).toBeGreaterThan(0.18);
    expect(rewired / g.edges).toBeLessThan(0.22);
  });

  it('keeps high clustering at rewire 0.1 and loses it at rewire 1', () => {
    const clustered = wattsStrogatz({ members: 2000, avgDegree: 10, rewire: 0.1, seed: 3 });
    expect(clusteringEstimate(clustered)).toBeGreaterThan(0.3);
    const random = wattsStrogatz({ members: 2000, avgDegree: 10, rewire: 1, seed: 3 });
    expectSimpleGraph(random);
    expect(clusteringEstimate(random)).toBeLessThan(0.05);
  });

  it('is deterministic per seed, and the seed matters', () => {
    const a = wattsStrogatz({ members: 3000, avgDegree: 8, seed: 77 });
    const b = wattsStrogatz({ members: 3000, avgDegree: 8, seed: 77 });
    const c = wattsStrogatz({ members: 3000, avgDegree: 8, seed: 78 });
    expect(sameArrays(a, b)).toBe(true);
    expect(sameArrays(a, c)).toBe(false);
  });

  it('terminates on dense rings, where members may already know everyone', () => {
    const complete = wattsStrogatz({ members: 11, avgDegree: 10, rewire: 1, seed: 1 });
    expectSimpleGraph(complete);
    expect(complete.edges).toBe(55);
    for (const members of [12, 13, 20]) {
      const g = wattsStrogatz({ members, avgDegree: members - (members % 2 === 0 ? 2 : 1), rewire: 1, seed: 2 });
      expectSimpleGraph(g);
    }
  });

  it('rejects bad options', () => {
    expect(() => wattsStrogatz({ members: 100, avgDegree: 5 })).toThrow(
      new RangeError('wattsStrogatz: avgDegree must be an even integer >= 2 and < members, got 5'),
    );
    expect(() => wattsStrogatz({ members: 100, avgDegree: 4, rewire: 1.5 })).toThrow(/wattsStrogatz: rewire/);
    expect(() => wattsStrogatz({ members: 100, avgDegree: 4, rewire: -0.1 })).toThrow(RangeError);
    expect(() => wattsStrogatz({ members: 100, avgDegree: 4, rewire: Number.NaN })).toThrow(RangeError);
    expect(() => wattsStrogatz({ members: 2, avgDegree: 2 })).toThrow(/wattsStrogatz: members/);
    expect(() => wattsStrogatz({ members: 10, avgDegree: 10 })).toThrow(RangeError);
  });
});
