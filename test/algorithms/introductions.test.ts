/**
 * Introductions against a brute-force oracle on random graphs with blocks and private connection
 * lists: the oracle enumerates every shortest path one by one (what the algorithm must not do)
 * and scores them as documented in docs/invitations.md.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SocialGraph, SocialGraphError, type Introduction } from '../../src/index.js';
import { fcParams } from '../support/fc-config.js';
import { growthCase, type GrowthCase } from './network-growth-fixture.js';

const byId = (p: string, q: string): number => (p < q ? -1 : p > q ? 1 : 0);

function oracle(c: GrowthCase, from: string, to: string, limit: number): Introduction[] {
  const { adj, graph } = c;
  if (from === to || c.blocked(from, to) || adj.get(from)!.has(to)) return [];
  const usable = (x: string): boolean => !c.blocked(x, from) && !c.blocked(x, to);
  const A = adj.get(from)!;
  const B = adj.get(to)!;
  const mutual = [...A].filter((x) => B.has(x));
  let out: Introduction[];
  if (mutual.length > 0) {
    if (!graph.can(from, 'viewMutualConnections', to).allowed) return [];
    out = mutual.filter(usable).map((x) => {
      const n = adj.get(x)!;
      const withFrom = [...n].filter((w) => A.has(w)).length;
      const withTo = [...n].filter((w) => B.has(w)).length;
      return { via: [x], paths: [1], score: (1 + withFrom) * (1 + withTo) };
    });
    out.sort((p, q) => q.score - p.score || byId(p.via[0]!, q.via[0]!));
  } else {
    // Every shortest path from → x → y → to, one by one.
    const paths: [string, string][] = [];
    for (const x of A) {
      if (!usable(x) || !graph.can(from, 'viewConnections', x).allowed) continue;
      for (const y of adj.get(x)!) if (B.has(y) && usable(y)) paths.push([x, y]);
    }
    const through = new Map<string, number>();
    for (const [x, y] of paths) {
      through.set(`x${x}`, (through.get(`x${x}`) ?? 0) + 1);
      through.set(`y${y}`, (through.get(`y${y}`) ?? 0) + 1);
    }
    out = paths.map(([x, y]) => {
      const px = through.get(`x${x}`)!;
      const py = through.get(`y${y}`)!;
      return { via: [x, y], paths: [px, py], score: px * py };
    });
    out.sort((p, q) => q.score - p.score || byId(p.via[0]!, q.via[0]!) || byId(p.via[1]!, q.via[1]!));
  }
  return out.slice(0, limit);
}

describe('introductions against a brute-force oracle', () => {
  it('every pair of members, random limits', () => {
    fc.assert(
      fc.property(growthCase, fc.integer({ min: 0, max: 6 }), (c, limit) => {
        for (const from of c.members) {
          for (const to of c.members) expect(c.graph.introductions(from, to, { limit })).toEqual(oracle(c, from, to, limit));
        }
      }),
      fcParams(120),
    );
  });

  it('finds the chain of a 3rd-degree target and the mutuals of a 2nd-degree one', () => {
    const graph = SocialGraph.fromEdges([
      ['ada', 'bob'],
      ['bob', 'cy'],
      ['cy', 'dee'],
      ['ada', 'eve'],
      ['eve', 'cy'],
      ['eve', 'fay'],
      ['fay', 'dee'],
    ]);
    expect(graph.introductions('ada', 'dee')).toEqual([
      { via: ['eve', 'cy'], paths: [2, 2], score: 4 },
      { via: ['bob', 'cy'], paths: [1, 2], score: 2 },
      { via: ['eve', 'fay'], paths: [2, 1], score: 2 },
    ]);
    expect(graph.introductions('ada', 'cy')).toEqual([
      { via: ['bob'], paths: [1], score: 1 },
      { via: ['eve'], paths: [1], score: 1 },
    ]);
    graph.setPrivacy('eve', { connectionsVisibility: 'private' });
    expect(graph.introductions('ada', 'dee').map((i) => i.via)).toEqual([['bob', 'cy']]);
    graph.block('dee', 'cy');
    expect(graph.introductions('ada', 'dee')).toEqual([]);
    expect(graph.introductions('ada', 'bob')).toEqual([]);
  });

  it('rejects bad input with typed errors', () => {
    const graph = SocialGraph.fromEdges([['a', 'b'], ['b', 'c']]);
    const code = (fn: () => unknown): string | undefined => {
      try {
        fn();
      } catch (error) {
        return error instanceof SocialGraphError ? error.code : 'other';
      }
      return undefined;
    };
    expect(code(() => graph.introductions('a', 'zed'))).toBe('MEMBER_NOT_FOUND');
    expect(code(() => graph.introductions('', 'c'))).toBe('INVALID_ID');
    expect(code(() => graph.introductions('a', 'c', { limit: 10_001 }))).toBe('INVALID_OPTION');
    expect(code(() => graph.introductions('a', 'c', 5 as never))).toBe('INVALID_OPTION');
    expect(graph.introductions('a', 'c')).toEqual([{ via: ['b'], paths: [1], score: 1 }]);
  });
});
