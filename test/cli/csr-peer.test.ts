// The bench's csr peer against a brute-force oracle (adjacency Sets and a plain BFS that never
// calls the peer), through builds with repeated pairs and self-pairs and through churn that
// overflows rows; and the bench's member naming: seeded permutation and id forms.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsrPeer } from '../../src/cli/bench/csr-peer.js';
import { memberIds, memberIndex, shuffleMembers } from '../../src/cli/bench/workload.js';
import { barabasiAlbert } from '../../src/generators/barabasi-albert.js';
import { fcParams } from '../support/fc-config.js';

/** Distances from `a` by a plain BFS over Sets (capped at 3: larger or unreachable is null). */
function oracleDistances(adj: Set<number>[], a: number): (number | null)[] {
  const dist: (number | null)[] = adj.map(() => null);
  dist[a] = 0;
  let frontier = [a];
  for (let d = 1; d <= 3; d++) {
    const next: number[] = [];
    for (const u of frontier) {
      for (const w of adj[u]!) {
        if (dist[w] !== null) continue;
        dist[w] = d;
        next.push(w);
      }
    }
    frontier = next;
  }
  return dist;
}

function check(peer: CsrPeer, adj: Set<number>[], ids: string[], stats: { pairs: number; far: number; three: number; mutual: number }): void {
  const n = adj.length;
  let edges = 0;
  for (const s of adj) edges += s.size;
  expect(peer.connections()).toBe(edges / 2);
  for (let a = 0; a < n; a++) {
    const dist = oracleDistances(adj, a);
    const counts = [0, 0, 0];
    for (const d of dist) if (d !== null && d > 0) counts[d - 1]!++;
    expect(peer.reach(a)).toEqual(counts);
    const everyone = Int32Array.from(adj, (_, i) => i);
    expect(peer.degrees(a, everyone, 0, n)).toEqual(dist);
    for (let b = 0; b < n; b++) {
      stats.pairs++;
      if (dist[b] === null) stats.far++;
      if (dist[b] === 3) stats.three++;
      expect(peer.degree(a, b)).toBe(dist[b]);
      const common = [...adj[a]!].filter((v) => adj[b]!.has(v));
      if (common.length > 0) stats.mutual++;
      expect(peer.mutualCount(a, b)).toBe(common.length);
      expect([...peer.mutualList(a, b)].sort()).toEqual(common.map((v) => ids[v]!).sort());
    }
  }
}

describe('csr peer', () => {
  it('answers degree, mutual count and list, and reach as the oracle does, before and after churn', () => {
    const stats = { pairs: 0, far: 0, three: 0, mutual: 0, repeats: 0, grown: 0, ops: 0 };
    const graph = fc.integer({ min: 2, max: 24 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        pairs: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 60, size: 'max' }),
        ops: fc.array(fc.tuple(fc.boolean(), fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 30, size: 'max' }),
        form: fc.constantFrom('long' as const, 'short' as const),
      }),
    );
    fc.assert(
      fc.property(graph, ({ n, pairs, ops, form }) => {
        const adj = Array.from({ length: n }, () => new Set<number>());
        const seen = new Set<string>();
        for (const [a, b] of pairs) {
          const key = `${Math.min(a, b)},${Math.max(a, b)}`;
          if (a !== b && seen.has(key)) stats.repeats++;
          seen.add(key);
          if (a === b) continue;
          adj[a]!.add(b);
          adj[b]!.add(a);
        }
        const peer = new CsrPeer(form);
        peer.build(n, Int32Array.from(pairs, (p) => p[0]), Int32Array.from(pairs, (p) => p[1]), pairs.length);
        // Queries name members by a separate copy of the ids, as the bench hands them over.
        const ids = memberIds(n, form);
        peer.useQueryIds(ids);
        check(peer, adj, ids, stats);
        for (const [add, a, b] of ops) {
          if (a === b) continue;
          stats.ops++;
          if (add) {
            if (!adj[a]!.has(b)) stats.grown++;
            expect(peer.connect(a, b)).toBe(!adj[a]!.has(b));
            adj[a]!.add(b);
            adj[b]!.add(a);
          } else {
            expect(peer.disconnect(a, b)).toBe(adj[a]!.has(b));
            adj[a]!.delete(b);
            adj[b]!.delete(a);
          }
        }
        check(peer, adj, ids, stats);
      }),
      fcParams(150),
    );
    // Coverage (degree and degrees of every pair): unreachable pairs, pairs at distance 3, shared neighbours, repeated pairs in the build, new connections (rows full: rebuilt with slack).
    expect(stats.far).toBeGreaterThan(100);
    expect(stats.three).toBeGreaterThan(100);
    expect(stats.mutual).toBeGreaterThan(100);
    expect(stats.repeats).toBeGreaterThan(20);
    expect(stats.grown).toBeGreaterThan(100);
  });

  it('refuses sizes its Map and Int32 offsets cannot hold', () => {
    expect(CsrPeer.cannotHold(1000, 5000)).toBeNull();
    expect(CsrPeer.cannotHold(2 ** 24, 10)).toMatch(/2\^24/);
    expect(CsrPeer.cannotHold(1000, 2 ** 30)).toMatch(/Int32/);
  });
});

describe('bench member naming', () => {
  it('long ids are 23 characters, short ids are today’s u<i>; both map back to the index', () => {
    const long = memberIds(70_000, 'long');
    expect(long[42]).toBe('urn:li:member:100000042');
    expect(long.every((id) => id.length === 23)).toBe(true);
    expect(new Set(long).size).toBe(70_000);
    expect(memberIndex(long[69_999]!)).toBe(69_999);
    const short = memberIds(100, 'short');
    expect(short[7]).toBe('u7');
    expect(memberIndex('u7')).toBe(7);
    expect(memberIndex(7)).toBe(7);
  });

  it('the shuffle is a seeded permutation: same degrees, reproducible, independent of generation order', () => {
    const degrees = (g: { memberCount: number; sources: Int32Array; targets: Int32Array }) => {
      const d = new Int32Array(g.memberCount);
      for (let e = 0; e < g.sources.length; e++) (d[g.sources[e]!]!++, d[g.targets[e]!]!++);
      return d;
    };
    const g = barabasiAlbert({ members: 5000, avgDegree: 8, seed: 2 });
    const before = degrees(g);
    const a = barabasiAlbert({ members: 5000, avgDegree: 8, seed: 2 });
    const b = barabasiAlbert({ members: 5000, avgDegree: 8, seed: 2 });
    shuffleMembers(a, 7);
    shuffleMembers(b, 7);
    expect(a.sources).toEqual(b.sources);
    const after = degrees(a);
    expect([...after].sort((x, y) => x - y)).toEqual([...before].sort((x, y) => x - y));
    // Barabási–Albert's hubs are its first members; shuffled, the first 1% hold about 1% of the degree.
    const share = (d: Int32Array) => d.subarray(0, 50).reduce((s, x) => s + x, 0) / d.reduce((s, x) => s + x, 0);
    expect(share(before)).toBeGreaterThan(0.05);
    expect(share(after)).toBeLessThan(0.03);
  });
});
