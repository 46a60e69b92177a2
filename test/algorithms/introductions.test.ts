/**
 * Introductions against a brute-force oracle on random graphs with blocks and private connection
 * lists: the oracle reads only the test's own model (test/algorithms/network-growth-fixture.ts),
 * enumerates every shortest path one by one (what the algorithm must not do) and scores them as
 * documented in docs/invitations.md, with the two privacy rules restated from docs/policy.md:
 * `viewMutualConnections` on a 2nd-degree target needs degree ≤ 2 in `from`'s world (a mutual not
 * blocked with `from`), `viewConnections` on a connection x needs x's list not to be private;
 * under the fixture's PRIVATE_MUTUALS policy, also `to`'s list not to be private.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SocialGraph, SocialGraphError, type Introduction } from '../../src/index.js';
import { fcParams, FC_SEED } from '../support/fc-config.js';
import { Coverage } from '../support/coverage.js';
import { buildGrowth, growthRecipe, type GrowthCase } from './network-growth-fixture.js';

const byId = (p: string, q: string): number => (p < q ? -1 : p > q ? 1 : 0);

/** What the oracle met on one pair (coverage). */
interface Seen {
  second: boolean;
  third: boolean;
  mutualDenied: boolean;
  mutualPrivate: boolean;
  privateSkipped: boolean;
  blockedSkipped: boolean;
  cut: boolean;
}

function oracle(c: GrowthCase, from: string, to: string, limit: number, seen: Seen): Introduction[] {
  const { adj } = c;
  if (from === to || c.blocked(from, to) || adj.get(from)!.has(to)) return [];
  const usable = (x: string): boolean => !c.blocked(x, from) && !c.blocked(x, to);
  const A = adj.get(from)!;
  const B = adj.get(to)!;
  const mutual = [...A].filter((x) => B.has(x));
  let out: Introduction[];
  if (mutual.length > 0) {
    // viewMutualConnections: degree 2 in from's world, i.e. a mutual that is not blocked with from
    // (and, under PRIVATE_MUTUALS, to's list not private).
    if (!mutual.some((x) => !c.blocked(x, from))) {
      seen.mutualDenied = true;
      return [];
    }
    if (c.privateMutuals && c.privateLists.has(to)) {
      if (mutual.some(usable)) seen.mutualPrivate = true;
      return [];
    }
    if (mutual.some((x) => !usable(x))) seen.blockedSkipped = true;
    out = mutual.filter(usable).map((x) => {
      const n = adj.get(x)!;
      const withFrom = [...n].filter((w) => A.has(w)).length;
      const withTo = [...n].filter((w) => B.has(w)).length;
      return { via: [x], paths: [1], score: (1 + withFrom) * (1 + withTo) };
    });
    out.sort((p, q) => q.score - p.score || byId(p.via[0]!, q.via[0]!));
    if (out.length > 0) seen.second = true;
  } else {
    // Every shortest path from → x → y → to, one by one; x must let from see its list.
    const paths: [string, string][] = [];
    for (const x of A) {
      const ys = [...adj.get(x)!].filter((y) => B.has(y));
      if (ys.length === 0) continue;
      if (!usable(x) || ys.some((y) => !usable(y))) seen.blockedSkipped = true;
      if (!usable(x)) continue;
      if (c.privateLists.has(x)) {
        seen.privateSkipped = true;
        continue;
      }
      for (const y of ys) if (usable(y)) paths.push([x, y]);
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
    if (out.length > 0) seen.third = true;
  }
  if (out.length > limit) seen.cut = true;
  return out.slice(0, limit);
}

describe('introductions against a brute-force oracle', () => {
  it('every pair of members, random limits', () => {
    const cov = new Coverage(`introductions oracle (seed ${FC_SEED})`);
    fc.assert(
      fc.property(growthRecipe, fc.integer({ min: 0, max: 6 }), (recipe, limit) => {
        const c = buildGrowth(recipe);
        const seen: Seen = { second: false, third: false, mutualDenied: false, mutualPrivate: false, privateSkipped: false, blockedSkipped: false, cut: false };
        let chains = 0;
        for (const from of c.members) {
          for (const to of c.members) {
            const want = oracle(c, from, to, limit, seen);
            chains = Math.max(chains, want.length);
            expect(c.graph.introductions(from, to, { limit })).toEqual(want);
          }
        }
        cov.hit({
          'a 2nd-degree target with introducers': seen.second,
          'a 3rd-degree target with chains': seen.third,
          'mutual connections hidden from from (every mutual blocked with from)': seen.mutualDenied,
          'usable introducers hidden by the policy (PRIVATE_MUTUALS, private target)': seen.mutualPrivate,
          'a chain dropped for a private connection list': seen.privateSkipped,
          'an intermediary dropped for a block': seen.blockedSkipped,
          'the limit cut a list': seen.cut,
          'a crossing invitation accepted while building': c.built.crossingAccepted > 0,
        });
        cov.max('introductions in one answer', chains);
      }),
      fcParams(120),
    );
    console.log(cov.table());
    cov.expect(
      {
        'a 2nd-degree target with introducers': 0.6,
        'a 3rd-degree target with chains': 0.45,
        'mutual connections hidden from from (every mutual blocked with from)': 0.05,
        'usable introducers hidden by the policy (PRIVATE_MUTUALS, private target)': 0.08,
        'a chain dropped for a private connection list': 0.1,
        'an intermediary dropped for a block': 0.2,
        'the limit cut a list': 0.15,
      },
      { 'introductions in one answer': 4 },
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
