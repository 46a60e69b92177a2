/**
 * People you may know against a brute-force oracle on random graphs with blocks, groups, hidden
 * members, pending invitations, dismissed suggestions and `exclude` lists; and bad input. The
 * oracle reads only the test's own model (test/algorithms/network-growth-fixture.ts): shared groups
 * are counted from the groups the recipe joined.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runSearch, SocialGraph, SocialGraphError, suggestions, CountingScratch, type Suggestion } from '../../src/index.js';
import { CompactAdjacencyStore } from '../../src/store/compact-adjacency-store.js';
import { fcParams, FC_SEED } from '../support/fc-config.js';
import { Coverage } from '../support/coverage.js';
import { buildGrowth, growthRecipe, type GrowthCase } from './network-growth-fixture.js';

/** Why candidates (members with a mutual connection) were left out, and what ranked them (coverage). */
type Seen = Record<'pending' | 'dismissed' | 'blocked' | 'hidden' | 'excluded' | 'blockedMutual' | 'groupsTie' | 'cut' | 'some', boolean>;

function oracle(c: GrowthCase, v: string, limit: number, exclude: readonly string[], seen: Seen): Suggestion[] {
  const mine = c.adj.get(v)!;
  const out: Suggestion[] = [];
  for (const w of c.members) {
    if (w === v || mine.has(w)) continue;
    let mutual = 0;
    let viaBlocked = false;
    for (const x of mine) {
      if (!c.adj.get(x)!.has(w)) continue;
      if (c.blocked(v, x)) viaBlocked = true;
      else mutual++;
    }
    if (mutual === 0) {
      if (viaBlocked) seen.blockedMutual = true;
      continue;
    }
    if (exclude.includes(w)) {
      seen.excluded = true;
      continue;
    }
    if (c.pending.has(`${v} ${w}`) || c.pending.has(`${w} ${v}`)) {
      seen.pending = true;
      continue;
    }
    if (c.dismissed.has(`${v} ${w}`)) {
      seen.dismissed = true;
      continue;
    }
    if (c.blocked(v, w)) {
      seen.blocked = true;
      continue;
    }
    if (c.hidden.has(`${v} ${w}`)) {
      seen.hidden = true;
      continue;
    }
    const mineGroups = c.groups.get(v)!;
    const sharedGroups = [...c.groups.get(w)!].filter((g) => mineGroups.has(g)).length;
    out.push({ id: w, mutualCount: mutual, sharedGroupCount: sharedGroups });
  }
  out.sort((p, q) => q.mutualCount - p.mutualCount || q.sharedGroupCount - p.sharedGroupCount || (p.id < q.id ? -1 : p.id > q.id ? 1 : 0));
  for (let i = 1; i < out.length; i++) if (out[i]!.mutualCount === out[i - 1]!.mutualCount && out[i]!.sharedGroupCount !== out[i - 1]!.sharedGroupCount) seen.groupsTie = true;
  if (out.length > limit) seen.cut = true;
  if (out.length > 0) seen.some = true;
  return out.slice(0, limit);
}

describe('suggestions against a brute-force oracle', () => {
  it('every member, random limits and exclude lists', () => {
    const cov = new Coverage(`suggestions oracle (seed ${FC_SEED})`);
    fc.assert(
      fc.property(growthRecipe, fc.integer({ min: 0, max: 8 }), fc.array(fc.nat(), { maxLength: 3 }), (recipe, limit, ex) => {
        const c = buildGrowth(recipe);
        const exclude = ex.map((i) => c.members[i % c.members.length]!);
        const seen: Seen = { pending: false, dismissed: false, blocked: false, hidden: false, excluded: false, blockedMutual: false, groupsTie: false, cut: false, some: false };
        for (const v of c.members) {
          expect(c.graph.suggestions(v, { limit, exclude: [...exclude, 'not-a-member'] })).toEqual(oracle(c, v, limit, exclude, seen));
        }
        // Default limit, and exclude as a Set.
        const v = c.members[0]!;
        expect(c.graph.suggestions(v, { exclude: new Set(exclude) })).toEqual(oracle(c, v, 10, exclude, seen));
        const denied = c.built.inviteDenied;
        cov.hit({
          'a member with suggestions': seen.some,
          'a candidate left out: invitation pending': seen.pending,
          'a candidate left out: dismissed': seen.dismissed,
          'a candidate left out: blocked': seen.blocked,
          'a candidate left out: hidden': seen.hidden,
          'a candidate left out: excluded': seen.excluded,
          'a candidate reached only through a blocked connection': seen.blockedMutual,
          'shared groups ordered equal mutual counts': seen.groupsTie,
          'the limit cut a list': seen.cut,
          'fixture: an invitation sent out of network (anyone)': c.built.outOfNetworkInvites > 0,
          'fixture: a crossing invitation accepted': c.built.crossingAccepted > 0,
          'fixture: an invite denied (out-of-network)': (denied.get('out-of-network') ?? 0) > 0,
          'fixture: an invite denied (invitation-pending)': (denied.get('invitation-pending') ?? 0) > 0,
          'fixture: an invite denied (connected)': (denied.get('connected') ?? 0) > 0,
          'fixture: an invite denied (blocked or self)': (denied.get('blocked') ?? 0) + (denied.get('self') ?? 0) > 0,
        });
      }),
      fcParams(150),
    );
    console.log(cov.table());
    cov.expect({
      'a member with suggestions': 0.65,
      'a candidate left out: invitation pending': 0.1,
      'a candidate left out: dismissed': 0.05,
      'a candidate left out: blocked': 0.05,
      'a candidate left out: hidden': 0.05,
      'a candidate left out: excluded': 0.3,
      'a candidate reached only through a blocked connection': 0.1,
      'shared groups ordered equal mutual counts': 0.07,
      'the limit cut a list': 0.25,
      'fixture: an invitation sent out of network (anyone)': 0.05,
      'fixture: a crossing invitation accepted': 0.18,
      'fixture: an invite denied (out-of-network)': 0.2,
      'fixture: an invite denied (connected)': 0.16,
    });
  });

  it('the search alone, on a store, against the oracle without features', () => {
    fc.assert(
      fc.property(growthRecipe, fc.integer({ min: 1, max: 6 }), (recipe, limit) => {
        const c = buildGrowth(recipe);
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
