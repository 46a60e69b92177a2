/**
 * Introductions on graphs built to need them: `from` and `to` with mutual connections (2nd
 * degree) or with chains through their connections (3rd degree), heavy on one side or the other,
 * under dense usable / visible filters, against the brute-force ranking of the module's scoring.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CountingScratch } from '../../src/algorithms/counting-scratch.js';
import { introductions, type RankedIntroductions } from '../../src/algorithms/introductions.js';
import { fcParams } from '../support/fc-config.js';
import { PackedView, runRecorded, runRemote } from './views.js';

interface Case {
  lists: number[][];
  from: number;
  to: number;
  A: number[];
  B: number[];
}

/** from = 0, to = 1, A = N(from) \ mutuals, B = N(to) \ mutuals, cross edges A–B, leaves to weigh a side. */
const introCase: fc.Arbitrary<Case> = fc
  .record({
    nA: fc.integer({ min: 1, max: 5 }),
    nB: fc.integer({ min: 1, max: 5 }),
    mutuals: fc.integer({ min: 0, max: 3 }),
    cross: fc.array(fc.tuple(fc.nat(4), fc.nat(4)), { maxLength: 12 }),
    aLeaves: fc.array(fc.nat(4), { maxLength: 8 }),
    bLeaves: fc.array(fc.nat(4), { maxLength: 8 }),
    swap: fc.boolean(),
  })
  .map(({ nA, nB, mutuals, cross, aLeaves, bLeaves, swap }) => {
    let next = 2;
    const A = Array.from({ length: nA }, () => next++);
    const B = Array.from({ length: nB }, () => next++);
    const M = Array.from({ length: mutuals }, () => next++);
    const pairs: [number, number][] = [];
    for (const x of A) pairs.push([0, x]);
    for (const y of B) pairs.push([1, y]);
    for (const m of M) pairs.push([0, m], [1, m], [m, A[m % nA]!]);
    for (const [i, j] of cross) pairs.push([A[i % nA]!, B[j % nB]!]);
    for (const i of aLeaves) pairs.push([A[i % nA]!, next++]);
    for (const j of bLeaves) pairs.push([B[j % nB]!, next++]);
    const sets = Array.from({ length: next }, () => new Set<number>());
    for (const [a, b] of pairs) {
      sets[a]!.add(b);
      sets[b]!.add(a);
    }
    const lists = sets.map((s) => [...s].sort((p, q) => p - q));
    return swap ? { lists, from: 1, to: 0, A: B, B: A } : { lists, from: 0, to: 1, A, B };
  });

function oracle(c: Case, limit: number, usable: (x: number) => boolean, sees: (x: number) => boolean, order: (a1: number, b1: number, a2: number, b2: number) => number): RankedIntroductions {
  const { lists, from, to } = c;
  const NA = new Set(lists[from]);
  const NB = new Set(lists[to]);
  const mutual = [...NA].filter((x) => NB.has(x));
  type E = { s: number; a: number; b: number; pa: number; pb: number };
  const rank = (es: E[]): E[] => es.sort((p, q) => q.s - p.s || order(p.a, p.b, q.a, q.b)).slice(0, limit);
  const pack = (degree: number, top: E[], total: number): RankedIntroductions => ({
    degree,
    first: top.map((e) => e.a),
    second: top.map((e) => e.b),
    pathsFirst: top.map((e) => e.pa),
    pathsSecond: top.map((e) => e.pb),
    scores: top.map((e) => e.s),
    totalPaths: total,
  });
  if (mutual.length > 0) {
    const ok = mutual.filter(usable);
    const common = (x: number, s: Set<number>): number => lists[x]!.filter((w) => s.has(w)).length;
    return pack(2, rank(ok.map((x) => ({ s: (1 + common(x, NA)) * (1 + common(x, NB)), a: x, b: -1, pa: 1, pb: 0 }))), ok.length);
  }
  const chains: [number, number][] = [];
  for (const x of NA) if (usable(x) && sees(x)) for (const y of lists[x]!) if (NB.has(y) && usable(y)) chains.push([x, y]);
  const px = new Map<number, number>();
  const py = new Map<number, number>();
  for (const [x, y] of chains) {
    px.set(x, (px.get(x) ?? 0) + 1);
    py.set(y, (py.get(y) ?? 0) + 1);
  }
  return pack(3, rank(chains.map(([x, y]) => ({ s: px.get(x)! * py.get(y)!, a: x, b: y, pa: px.get(x)!, pb: py.get(y)! }))), chains.length);
}

describe('introductions on built cases', () => {
  it('ranks mutuals and chains like the brute force, scanning from the lighter side, filters dense', () => {
    const seen = { second: 0, thirdFromA: 0, thirdFromB: 0, filteredChain: 0 };
    fc.assert(
      fc.property(introCase, fc.integer({ min: 0, max: 7 }), fc.nat(), fc.nat(), fc.boolean(), (c, limit, unusableBits, hiddenBits, nullFilters) => {
        const n = c.lists.length;
        const unusable = (x: number): boolean => ((unusableBits >>> (x % 31)) & 1) === 1 && (unusableBits & 3) === 0;
        const hidden = (x: number): boolean => ((hiddenBits >>> (x % 31)) & 1) === 1 && (hiddenBits & 3) === 0;
        const usable = nullFilters ? null : (x: number): boolean => !unusable(x);
        const sees = nullFilters ? null : (x: number): boolean => !hidden(x);
        const order = (a1: number, b1: number, a2: number, b2: number): number => b1 - b2 || a2 - a1;
        const want = oracle(c, limit, usable ?? (() => true), sees ?? (() => true), order);
        const scratch = new CountingScratch();
        scratch.ensure(n);
        const query = { from: c.from, to: c.to, limit, usable, seesConnectionsOf: sees, order };
        const { result, requests } = runRecorded(introductions(scratch, query), new PackedView(c.lists));
        expect(result).toEqual(want);
        for (let v = 0; v < scratch.counts.length; v++) if (scratch.counts[v] !== 0 || scratch.marks[v] !== 0) expect.fail(`scratch left at ${v}`);
        expect(runRemote(introductions(scratch, query), c.lists).result).toEqual(want);
        // Requests: both ends; then the usable mutuals (2nd degree) or both ends' connections and,
        // scanning from from's side, from's connections again.
        expect(requests[0]).toEqual([c.from, c.to]);
        if (want.degree === 2) {
          seen.second++;
          expect(requests.length).toBe(2);
          expect(requests[1]).toEqual(c.lists[c.from]!.filter((x) => c.lists[c.to]!.includes(x) && (usable === null || usable(x))));
        } else {
          const sum = (v: number): number => c.lists[v]!.reduce((t, x) => t + c.lists[x]!.length, 0);
          const fromB = sum(c.to) < sum(c.from);
          expect(requests[1]).toEqual([...c.lists[c.from]!, ...c.lists[c.to]!]);
          expect(requests.length).toBe(fromB ? 2 : 3);
          if (!fromB) expect(requests[2]).toEqual(c.lists[c.from]);
          if (want.first.length > 0) {
            if (fromB) seen.thirdFromB++;
            else seen.thirdFromA++;
          }
          if (!nullFilters && want.totalPaths < oracle(c, limit, () => true, () => true, order).totalPaths) seen.filteredChain++;
        }
      }),
      { ...fcParams(600), numRuns: Math.max(80, fcParams(600).numRuns ?? 0) },
    );
    expect(seen.second).toBeGreaterThan(0);
    expect(seen.thirdFromA).toBeGreaterThan(0);
    expect(seen.thirdFromB).toBeGreaterThan(0);
    expect(seen.filteredChain).toBeGreaterThan(0);
  });

  it('scores the chains of a small case, scanned from either side', () => {
    // from's connections 3, 4, 5; to's 1 (3 paths) and 2: from's side is the heavier one.
    const lists = [[1, 2], [0, 3, 4, 5], [0, 4, 5], [1, 6], [1, 2, 6], [1, 2, 6], [3, 4, 5]];
    const order = (a1: number, b1: number, a2: number, b2: number): number => a1 - a2 || b1 - b2;
    const scratch = new CountingScratch();
    scratch.ensure(7);
    const got = runRecorded(introductions(scratch, { from: 6, to: 0, limit: 10, usable: null, seesConnectionsOf: null, order }), new PackedView(lists));
    expect(got.requests.length).toBe(2);
    expect(got.result).toEqual({
      degree: 3,
      first: [4, 5, 4, 5, 3],
      second: [1, 1, 2, 2, 1],
      pathsFirst: [2, 2, 2, 2, 1],
      pathsSecond: [3, 3, 2, 2, 3],
      scores: [6, 6, 4, 4, 3],
      totalPaths: 5,
    });
    // Without 1 as an intermediary, and without seeing 4's connections.
    const filtered = runRecorded(introductions(scratch, { from: 6, to: 0, limit: 10, usable: (x) => x !== 1, seesConnectionsOf: (x) => x !== 4, order }), new PackedView(lists));
    expect(filtered.result).toEqual({ degree: 3, first: [5], second: [2], pathsFirst: [1], pathsSecond: [1], scores: [1], totalPaths: 1 });
    const reverse = runRecorded(introductions(scratch, { from: 0, to: 6, limit: 2, usable: null, seesConnectionsOf: null, order }), new PackedView(lists));
    expect(reverse.requests.length).toBe(3);
    expect(reverse.result).toEqual({ degree: 3, first: [1, 1], second: [4, 5], pathsFirst: [3, 3], pathsSecond: [2, 2], scores: [6, 6], totalPaths: 5 });
  });
});
