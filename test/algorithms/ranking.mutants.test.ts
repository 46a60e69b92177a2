import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CountingScratch } from '../../src/algorithms/counting-scratch.js';
import { GALLOP_RATIO, intersectInto, intersectionSize } from '../../src/algorithms/intersection.js';
import { introductions, type RankedIntroductions } from '../../src/algorithms/introductions.js';
import { Scratch, ScratchPool } from '../../src/algorithms/scratch.js';
import { EXCLUDED, suggestions, type RankedSuggestions } from '../../src/algorithms/suggestions.js';
import { TopK } from '../../src/algorithms/top-k.js';
import { fcParams } from '../support/fc-config.js';
import { testGraph } from './graphs.js';
import { PackedView, runRecorded, runRemote } from './views.js';

/** Runs at least `min` runs even when mutation testing scales runs down. */
function runs(n: number, min: number): fc.Parameters<unknown> {
  const p = fcParams<unknown>(n);
  return { ...p, numRuns: Math.max(min, p.numRuns ?? n) };
}

function expectCountingClean(scratch: CountingScratch): void {
  for (let v = 0; v < scratch.counts.length; v++) {
    if (scratch.counts[v] !== 0 || scratch.marks[v] !== 0) expect.fail(`scratch left at ${v}: count ${scratch.counts[v]}, mark ${scratch.marks[v]}`);
  }
}

/** A member order from a seed: a permutation rank, so ties are broken in an order unlike ids. */
function rankOrder(n: number, seed: number): (a: number, b: number) => number {
  const key = (i: number): number => (Math.imul(i + 1, 0x9e3779b1) ^ seed) >>> 0;
  const byKey = Array.from({ length: n + 1 }, (_, i) => i).sort((p, q) => key(p) - key(q) || p - q);
  const rank = new Array<number>(n + 1);
  byKey.forEach((i, r) => (rank[i] = r));
  return (a, b) => rank[a + 1]! - rank[b + 1]!;
}

/** The introductions, ranked by brute force from the module's definition. */
function introductionsOracle(
  lists: number[][],
  from: number,
  to: number,
  limit: number,
  usable: ((x: number) => boolean) | null,
  sees: ((x: number) => boolean) | null,
  order: (a1: number, b1: number, a2: number, b2: number) => number,
): RankedIntroductions {
  const empty = (degree: number): RankedIntroductions => ({ degree, first: [], second: [], pathsFirst: [], pathsSecond: [], scores: [], totalPaths: 0 });
  if (from === to) return empty(0);
  const A = new Set(lists[from]);
  const B = new Set(lists[to]);
  if (A.has(to)) return empty(1);
  const ok = (x: number): boolean => usable === null || usable(x);
  const common = (x: number, s: Set<number>): number => lists[x]!.filter((w) => s.has(w)).length;
  const mutual = [...A].filter((x) => B.has(x));
  type Entry = { score: number; a: number; b: number; pa: number; pb: number };
  const rank = (entries: Entry[]): Entry[] => entries.sort((p, q) => q.score - p.score || order(p.a, p.b, q.a, q.b)).slice(0, limit);
  if (mutual.length > 0) {
    const usableMutual = mutual.filter(ok);
    const top = rank(usableMutual.map((x) => ({ score: (1 + common(x, A)) * (1 + common(x, B)), a: x, b: -1, pa: 1, pb: 0 })));
    return { degree: 2, first: top.map((e) => e.a), second: top.map((e) => e.b), pathsFirst: top.map((e) => e.pa), pathsSecond: top.map((e) => e.pb), scores: top.map((e) => e.score), totalPaths: usableMutual.length };
  }
  const chains: [number, number][] = [];
  for (const x of A) {
    if (!ok(x) || (sees !== null && !sees(x))) continue;
    for (const y of lists[x]!) if (B.has(y) && ok(y)) chains.push([x, y]);
  }
  const px = new Map<number, number>();
  const py = new Map<number, number>();
  for (const [x, y] of chains) {
    px.set(x, (px.get(x) ?? 0) + 1);
    py.set(y, (py.get(y) ?? 0) + 1);
  }
  const top = rank(chains.map(([x, y]) => ({ score: px.get(x)! * py.get(y)!, a: x, b: y, pa: px.get(x)!, pb: py.get(y)! })));
  return { degree: 3, first: top.map((e) => e.a), second: top.map((e) => e.b), pathsFirst: top.map((e) => e.pa), pathsSecond: top.map((e) => e.pb), scores: top.map((e) => e.score), totalPaths: chains.length };
}

describe('introductions', () => {
  it('ranks intermediaries as a brute-force count of shortest paths does, with filters, limits and tie orders', () => {
    let second = 0;
    let third = 0;
    let fromB = 0;
    fc.assert(
      fc.property(
        testGraph,
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 0, max: 6 }),
        fc.option(fc.array(fc.nat(), { maxLength: 5 }), { nil: null }),
        fc.option(fc.array(fc.nat(), { maxLength: 5 }), { nil: null }),
        fc.nat(1000),
        ({ n, lists }, fp, tp, limit, unusablePicks, hiddenPicks, seed) => {
          const from = fp % n;
          const to = tp % n;
          const unusable = unusablePicks === null ? null : new Set(unusablePicks.map((p) => p % n));
          const hidden = hiddenPicks === null ? null : new Set(hiddenPicks.map((p) => p % n));
          const usable = unusable === null ? null : (x: number): boolean => !unusable.has(x);
          const sees = hidden === null ? null : (x: number): boolean => !hidden.has(x);
          const rank = rankOrder(n, seed);
          const order = (a1: number, b1: number, a2: number, b2: number): number => rank(a1, a2) || rank(b1, b2);
          const want = introductionsOracle(lists, from, to, limit, usable, sees, order);
          const scratch = new CountingScratch();
          scratch.ensure(n);
          const query = { from, to, limit, usable, seesConnectionsOf: sees, order };
          const { result, requests } = runRecorded(introductions(scratch, query), new PackedView(lists));
          expect(result).toEqual(want);
          expectCountingClean(scratch);
          expect(runRemote(introductions(scratch, query), lists).result).toEqual(want);
          expectCountingClean(scratch);
          if (want.degree === 2) second++;
          if (want.degree === 3) {
            third++;
            // The scan runs from the side whose connections' lists are shorter in all: from
            // `to`'s side it needs no request for `from`'s connections' lists.
            const sum = (v: number): number => lists[v]!.reduce((t, x) => t + lists[x]!.length, 0);
            const fromToSide = sum(to) < sum(from);
            if (fromToSide) fromB++;
            expect(requests.length).toBe(fromToSide ? 2 : 3);
          }
        },
      ),
      runs(600, 60),
    );
    expect(second).toBeGreaterThan(0);
    expect(third).toBeGreaterThan(0);
    expect(fromB).toBeGreaterThan(0);
  });

  it('scores chains by the product of the paths through each intermediary', () => {
    // from 0; A = {1, 2}; B = {3, 4, 5}; to 6. Chains: 1-3, 1-4, 2-4, 2-5, 1-5.
    const pairs = [[0, 1], [0, 2], [6, 3], [6, 4], [6, 5], [1, 3], [1, 4], [2, 4], [2, 5], [1, 5]];
    const lists: number[][] = Array.from({ length: 7 }, () => []);
    for (const [a, b] of pairs) {
      lists[a!]!.push(b!);
      lists[b!]!.push(a!);
    }
    for (const l of lists) l.sort((p, q) => p - q);
    const scratch = new CountingScratch();
    scratch.ensure(7);
    const order = (a1: number, b1: number, a2: number, b2: number): number => a1 - a2 || b1 - b2;
    for (const [from, to] of [[0, 6], [6, 0]] as const) {
      const got = runRecorded(introductions(scratch, { from, to, limit: 10, usable: null, seesConnectionsOf: null, order }), new PackedView(lists)).result;
      expect(got.degree).toBe(3);
      expect(got.totalPaths).toBe(5);
      expectCountingClean(scratch);
    }
    const got = runRecorded(introductions(scratch, { from: 0, to: 6, limit: 3, usable: null, seesConnectionsOf: null, order }), new PackedView(lists)).result;
    // p(1) = 3, p(2) = 2; p(3) = 1, p(4) = 2, p(5) = 2.
    expect(got.first).toEqual([1, 1, 2]);
    expect(got.second).toEqual([4, 5, 4]);
    expect(got.scores).toEqual([6, 6, 4]);
    expect(got.pathsFirst).toEqual([3, 3, 2]);
    expect(got.pathsSecond).toEqual([2, 2, 2]);
  });
});

/** Suggestions ranked by brute force. */
function suggestionsOracle(
  lists: number[][],
  v: number,
  limit: number,
  excluded: ReadonlySet<number>,
  skip: ((x: number) => boolean) | null,
  secondary: ((w: number) => number) | null,
  order: (a: number, b: number) => number,
): RankedSuggestions {
  const mine = new Set(lists[v]);
  const entries: { w: number; mutual: number; second: number }[] = [];
  for (let w = 0; w < lists.length; w++) {
    if (w === v || mine.has(w) || excluded.has(w)) continue;
    let mutual = 0;
    for (const x of mine) if ((skip === null || !skip(x)) && lists[x]!.includes(w)) mutual++;
    if (mutual === 0) continue;
    entries.push({ w, mutual, second: secondary === null ? 0 : Math.min(secondary(w), 65535) });
  }
  entries.sort((p, q) => q.mutual - p.mutual || q.second - p.second || order(p.w, q.w));
  const top = entries.slice(0, limit);
  return { members: top.map((e) => e.w), mutualCounts: top.map((e) => e.mutual), secondary: top.map((e) => e.second) };
}

describe('suggestions', () => {
  it('ranks 2nd-degree members by mutual connections, then the secondary key, then the order', () => {
    let withSecondary = 0;
    fc.assert(
      fc.property(
        testGraph,
        fc.nat(),
        fc.integer({ min: 0, max: 8 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.option(fc.array(fc.nat(), { maxLength: 4 }), { nil: null }),
        fc.option(fc.constantFrom(0, 1, 2, 70_000), { nil: null }),
        fc.nat(1000),
        ({ n, lists }, vp, limit, excludedPicks, skipPicks, secondaryKind, seed) => {
          const v = vp % n;
          const excluded = new Set(excludedPicks.map((p) => p % n));
          const skipSet = skipPicks === null ? null : new Set(skipPicks.map((p) => p % n));
          const skip = skipSet === null ? null : (x: number): boolean => skipSet.has(x);
          // Secondary keys: small ones that tie often, and huge ones that must be capped at 65,535.
          const secondary = secondaryKind === null ? null : (w: number): number => (secondaryKind === 70_000 ? 70_000 + (w % 3) * 100_000 : (w * 7 + seed) % (secondaryKind + 2));
          const order = rankOrder(n, seed);
          const want = suggestionsOracle(lists, v, limit, excluded, skip, secondary, order);
          if (secondary !== null && want.members.length > 1) withSecondary++;
          for (const remote of [false, true]) {
            const scratch = new CountingScratch();
            scratch.ensure(n);
            for (const x of excluded) scratch.marks[x] = EXCLUDED;
            const search = suggestions(scratch, { member: v, limit, skipConnection: skip, secondary, order }, [...excluded]);
            const got = remote ? runRemote(search, lists).result : runRecorded(search, new PackedView(lists)).result;
            expect(got).toEqual(want);
            expectCountingClean(scratch);
          }
        },
      ),
      runs(500, 80),
    );
    expect(withSecondary).toBeGreaterThan(0);
    expect(EXCLUDED).toBe(1);
  });
});

describe('TopK', () => {
  it('keeps the k best entries of any stream, best first, ties in the given order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(-2.5, 0, 1, 1, 2, 3, 1e9), fc.integer({ min: -3, max: 20 }), fc.integer({ min: -1, max: 3 })), { maxLength: 60 }),
        fc.integer({ min: 0, max: 12 }),
        fc.boolean(),
        (entries, k, reverse) => {
          const sign = reverse ? -1 : 1;
          const tie = (a1: number, b1: number, a2: number, b2: number): number => sign * (a1 - a2 || b1 - b2);
          const top = new TopK(k, tie);
          expect(top.capacity).toBe(k);
          for (const [s, a, b] of entries) top.offer(s, a, b);
          const sorted = [...entries].sort((p, q) => q[0] - p[0] || tie(p[1], p[2], q[1], q[2])).slice(0, k);
          expect(top.size).toBe(sorted.length);
          const got = top.drain();
          expect(got).toEqual({ scores: sorted.map((e) => e[0]), a: sorted.map((e) => e[1]), b: sorted.map((e) => e[2]) });
          expect(top.size).toBe(0);
          expect(top.drain()).toEqual({ scores: [], a: [], b: [] });
        },
      ),
      runs(500, 60),
    );
  });
});

describe('intersections of sorted windows', () => {
  it('count and list the common values like a Set, merging or galloping, inside larger arrays', () => {
    let gallops = 0;
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: -50, max: 2000 }), { maxLength: 120 }),
        fc.uniqueArray(fc.integer({ min: -50, max: 2000 }), { maxLength: 6 }),
        fc.nat(4),
        fc.nat(4),
        fc.boolean(),
        (long, short, padA, padB, swap) => {
          const a = [...short].sort((p, q) => p - q);
          const b = [...long, ...(long.length > 0 ? [a[0] ?? 0] : [])].filter((x, i, all) => all.indexOf(x) === i).sort((p, q) => p - q);
          const junk = (pad: number, values: number[]): Int32Array => Int32Array.from([...Array(pad).fill(a[0] ?? 7), ...values, b[0] ?? 5, a.at(-1) ?? 3]);
          const A = junk(padA, a);
          const B = junk(padB, b);
          const want = a.filter((x) => b.includes(x));
          if (a.length > 0 && a.length * GALLOP_RATIO < b.length) gallops++;
          const args = swap ? ([B, padB, b.length, A, padA, a.length] as const) : ([A, padA, a.length, B, padB, b.length] as const);
          expect(intersectionSize(...args)).toBe(want.length);
          const out = new Int32Array(Math.min(a.length, b.length) + 2).fill(-77);
          expect(intersectInto(...args, out)).toBe(want.length);
          expect(Array.from(out.subarray(0, want.length))).toEqual(want);
          expect(Array.from(out.subarray(want.length))).toEqual(Array(out.length - want.length).fill(-77));
        },
      ),
      runs(600, 60),
    );
    expect(gallops).toBeGreaterThan(0);
    expect(GALLOP_RATIO).toBe(24);
  });

  it('gallops through runs of any length (probes 1, 2, 4, ... ahead, then a binary search)', () => {
    const big = Int32Array.from({ length: 1000 }, (_, i) => 2 * i);
    for (const x of [0, 1, 2, 3, 62, 63, 64, 126, 127, 128, 1000, 1998, 1999, 2000]) {
      const one = Int32Array.of(x);
      const want = x % 2 === 0 && x < 2000 ? 1 : 0;
      expect(intersectionSize(one, 0, 1, big, 0, 1000)).toBe(want);
      expect(intersectionSize(big, 0, 1000, one, 0, 1)).toBe(want);
      const out = new Int32Array(1);
      expect(intersectInto(one, 0, 1, big, 0, 1000, out)).toBe(want);
      if (want === 1) expect(out[0]).toBe(x);
    }
    const few = Int32Array.of(-1, 0, 500, 998, 1998, 4000);
    expect(intersectionSize(few, 0, 6, big, 0, 1000)).toBe(4);
    expect(intersectionSize(few, 1, 4, big, 250, 750)).toBe(3);
    expect(intersectionSize(few, 0, 0, big, 0, 1000)).toBe(0);
    expect(intersectInto(few, 0, 6, big, 0, 0, new Int32Array(6))).toBe(0);
    // Disjoint ranges: nothing in common, either way round.
    expect(intersectionSize(Int32Array.of(1, 2, 3), 0, 3, Int32Array.of(4, 5, 6), 0, 3)).toBe(0);
    expect(intersectionSize(Int32Array.of(4, 5, 6), 0, 3, Int32Array.of(1, 2, 3), 0, 3)).toBe(0);
    expect(intersectionSize(Int32Array.of(3, 5, 6), 0, 3, Int32Array.of(1, 2, 3), 0, 3)).toBe(1);
    expect(intersectionSize(Int32Array.of(1, 2, 3), 0, 3, Int32Array.of(3, 5, 6), 0, 3)).toBe(1);
  });
});

describe('scratch arrays', () => {
  it('Scratch grows every array together, by half at least and to 64 at least, and keeps them when big enough', () => {
    const s = new Scratch();
    expect(s.markA.length).toBe(0);
    s.ensure(0);
    expect(s.markA.length).toBe(0);
    s.ensure(1);
    const first = [s.markA, s.markB, s.markC, s.queueA, s.queueB, s.queueC];
    // Queues hold one slot more than marks (a branchless queue writes its next slot first).
    const lengths = (n: number): number[] => [n, n, n, n + 1, n + 1, n + 1];
    expect(first.map((a) => a.length)).toEqual(lengths(64));
    s.ensure(64);
    [s.markA, s.markB, s.markC, s.queueA, s.queueB, s.queueC].forEach((array, i) => expect(array).toBe(first[i]));
    s.ensure(65);
    expect([s.markA, s.markB, s.markC, s.queueA, s.queueB, s.queueC].map((a) => a.length)).toEqual(lengths(96));
    s.ensure(500);
    expect([s.markA, s.markB, s.markC, s.queueA, s.queueB, s.queueC].map((a) => a.length)).toEqual(lengths(500));
    expect(s.pair.length).toBe(2);
    expect(s.busy).toBe(false);
  });

  it('ScratchPool hands out sized scratches, marks them busy, and reuses the last released first', () => {
    const pool = new ScratchPool();
    const a = pool.acquire(10);
    const b = pool.acquire(100);
    expect(a).not.toBe(b);
    expect(a.busy && b.busy).toBe(true);
    expect(a.markA.length).toBeGreaterThanOrEqual(10);
    expect(b.queueC.length).toBeGreaterThanOrEqual(100);
    pool.release(a);
    expect(a.busy).toBe(false);
    pool.release(b);
    expect(pool.acquire(1000)).toBe(b);
    expect(b.markB.length).toBe(1000);
    expect(b.busy).toBe(true);
    expect(pool.acquire(5)).toBe(a);
    expect(pool.acquire(5)).not.toBe(a);
  });

  it('CountingScratch grows its arrays together, by half at least and to 64 at least', () => {
    const s = new CountingScratch();
    s.ensure(0);
    expect(s.counts.length).toBe(0);
    s.ensure(3);
    for (const array of [s.counts, s.marks, s.touched]) expect(array.length).toBe(64);
    const kept = s.counts;
    s.ensure(64);
    expect(s.counts).toBe(kept);
    s.ensure(70);
    for (const array of [s.counts, s.marks, s.touched]) expect(array.length).toBe(96);
    s.ensure(1000);
    for (const array of [s.counts, s.marks, s.touched]) expect(array.length).toBe(1000);
  });
});
