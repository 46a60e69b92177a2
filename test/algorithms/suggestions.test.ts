/**
 * People you may know against a brute-force oracle on random graphs with blocks, groups, hidden
 * members, pending invitations, dismissed suggestions and `exclude` lists; and bad input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runSearch, SocialGraph, SocialGraphError, suggestions, CountingScratch, type Suggestion } from '../../src/index.js';
import { CompactAdjacencyStore } from '../../src/store/compact-adjacency-store.js';
import { fcParams } from '../support/fc-config.js';
import { growthCase, type GrowthCase } from './network-growth-fixture.js';

function oracle(c: GrowthCase, v: string, limit: number, exclude: readonly string[]): Suggestion[] {
  const mine = c.adj.get(v)!;
  const out: Suggestion[] = [];
  for (const w of c.members) {
    if (w === v || mine.has(w) || exclude.includes(w)) continue;
    if (c.pending.has(`${v} ${w}`) || c.pending.has(`${w} ${v}`) || c.dismissed.has(`${v} ${w}`)) continue;
    if (c.blocked(v, w) || c.hidden.has(`${v} ${w}`)) continue;
    let mutual = 0;
    for (const x of mine) if (!c.blocked(v, x) && c.adj.get(x)!.has(w)) mutual++;
    if (mutual === 0) continue;
    out.push({ id: w, mutualCount: mutual, sharedGroupCount: c.graph.sharedGroups(v, w).length });
  }
  out.sort((p, q) => q.mutualCount - p.mutualCount || q.sharedGroupCount - p.sharedGroupCount || (p.id < q.id ? -1 : p.id > q.id ? 1 : 0));
  return out.slice(0, limit);
}

describe('suggestions against a brute-force oracle', () => {
  it('every member, random limits and exclude lists', () => {
    fc.assert(
      fc.property(growthCase, fc.integer({ min: 0, max: 8 }), fc.array(fc.nat(), { maxLength: 3 }), (c, limit, ex) => {
        const exclude = ex.map((i) => c.members[i % c.members.length]!);
        for (const v of c.members) {
          expect(c.graph.suggestions(v, { limit, exclude: [...exclude, 'not-a-member'] })).toEqual(oracle(c, v, limit, exclude));
        }
        // Default limit, and exclude as a Set.
        const v = c.members[0]!;
        expect(c.graph.suggestions(v, { exclude: new Set(exclude) })).toEqual(oracle(c, v, 10, exclude));
      }),
      fcParams(150),
    );
  });

  it('the search alone, on a store, against the oracle without features', () => {
    fc.assert(
      fc.property(growthCase, fc.integer({ min: 1, max: 6 }), (c, limit) => {
        const store = new CompactAdjacencyStore(1000);
        const index = new Map(c.members.map((m) => [m, store.allocateMember()]));
        for (const [a, set] of c.adj) for (const b of set) if (a < b) {
          store.insert(index.get(a)!, index.get(b)!);
          store.insert(index.get(b)!, index.get(a)!);
        }
        const scratch = new CountingScratch();
        scratch.ensure(store.indexBound);
        for (const v of c.members) {
          const u = index.get(v)!;
          const ranked = runSearch(suggestions(scratch, { member: u, limit, skipConnection: null, secondary: null, order: (a, b) => a - b }, []), store);
          const expected: [number, number][] = [];
          for (const w of c.members) {
            const x = index.get(w)!;
            if (w === v || c.adj.get(v)!.has(w)) continue;
            let mutual = 0;
            for (const f of c.adj.get(v)!) if (c.adj.get(f)!.has(w)) mutual++;
            if (mutual > 0) expected.push([x, mutual]);
          }
          expected.sort((p, q) => q[1] - p[1] || p[0] - q[0]);
          expect(ranked.members).toEqual(expected.slice(0, limit).map(([x]) => x));
          expect(ranked.mutualCounts).toEqual(expected.slice(0, limit).map(([, m]) => m));
          expect(scratch.counts.every((x) => x === 0) && scratch.marks.every((x) => x === 0)).toBe(true);
        }
      }),
      fcParams(100),
    );
  });

  it('rejects bad input with typed errors, leaving the scratch clean', () => {
    const graph = SocialGraph.fromEdges([['a', 'b'], ['b', 'c']]);
    const code = (fn: () => unknown): string | undefined => {
      try {
        fn();
      } catch (error) {
        return error instanceof SocialGraphError ? error.code : 'other';
      }
      return undefined;
    };
    expect(code(() => graph.suggestions('zed'))).toBe('MEMBER_NOT_FOUND');
    expect(code(() => graph.suggestions(42 as never))).toBe('INVALID_ID');
    expect(code(() => graph.suggestions('a', { limit: -1 }))).toBe('INVALID_OPTION');
    expect(code(() => graph.suggestions('a', { limit: 1.5 }))).toBe('INVALID_OPTION');
    expect(code(() => graph.suggestions('a', { exclude: 'c' as never }))).toBe('INVALID_OPTION');
    expect(code(() => graph.suggestions('a', { exclude: ['c', 7 as never] }))).toBe('INVALID_ID');
    expect(code(() => graph.suggestions('a', null as never))).toBe('INVALID_OPTION');
    expect(graph.suggestions('a')).toEqual([{ id: 'c', mutualCount: 1, sharedGroupCount: 0 }]);
  });
});
