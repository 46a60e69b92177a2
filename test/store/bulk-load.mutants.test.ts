import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countSeconds, drainSeconds, scatterSeconds, sortLists, sortUnique } from '../../src/store/bulk-lists.js';
import { CompactAdjacencyStore } from '../../src/store/compact-adjacency-store.js';
import { setHelperThreadStarter, startHelperThread } from '../../src/store/helper-thread.js';
import { IdInterner } from '../../src/store/id-interner.js';
import { internPairs, type InternProblem } from '../../src/store/intern-pairs.js';
import { fcParams } from '../support/fc-config.js';
import { inThreadHelper } from '../support/in-thread-helper.js';
import { modelCaps } from './pool-model.js';

/** Symmetric sorted lists from pairs (self-pairs dropped). */
function model(members: number, sources: Int32Array, targets: Int32Array, edges: number): number[][] {
  const sets = Array.from({ length: members }, () => new Set<number>());
  for (let i = 0; i < edges; i++) {
    sets[sources[i]!]!.add(targets[i]!);
    sets[targets[i]!]!.add(sources[i]!);
  }
  return sets.map((s) => [...s].sort((a, b) => a - b));
}

const overflow = (member: number, degree: number): never => {
  throw new Error(`overflow ${member} ${degree}`);
};

/** A store loaded one connection at a time, then compacted: the tightest layout of those lists. */
function insertedStats(maxDegree: number, lists: number[][]) {
  const store = new CompactAdjacencyStore(maxDegree);
  for (let v = 0; v < lists.length; v++) store.allocateMember();
  for (let v = 0; v < lists.length; v++) for (const w of lists[v]!) store.insert(v, w);
  store.compact();
  return store.stats();
}

describe('bulk loads with a helper', () => {
  it('bulkLoad builds the same lists and blocks with no helper, an eager one or a lazy one (members across many buckets)', () => {
    let random = 12345;
    const next = (): number => (random = (Math.imul(random, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (const members of [1, 5, 1100]) {
      const edges = 3 * members;
      const sources = new Int32Array(edges);
      const targets = new Int32Array(edges);
      let m = 0;
      while (m < edges && members > 1) {
        const a = Math.floor(next() * members);
        const b = Math.floor(next() ** 3 * members);
        if (a === b) continue;
        sources[m] = a;
        targets[m++] = b;
      }
      const want = model(members, sources, targets, m);
      const connections = want.reduce((t, l) => t + l.length, 0) / 2;
      const stats = insertedStats(30_000, want);
      for (const mode of [null, 'eager', 'lazy'] as const) {
        const helper = mode === null ? null : inThreadHelper(mode);
        const store = new CompactAdjacencyStore(30_000);
        let meanwhile = 0;
        expect(store.bulkLoad(members, sources, targets, m, overflow, helper, () => meanwhile++)).toBe(connections);
        expect(meanwhile).toBe(1);
        for (let v = 0; v < members; v++) if (store.degreeOf(v) !== want[v]!.length) expect.fail(`degree of ${v}`);
        for (let v = 0; v < members; v++) expect(Array.from(store.neighbors(v))).toEqual(want[v]);
        const got = store.stats();
        expect(got.usedSlots).toBe(stats.usedSlots);
        expect(got.blockSlots).toBe(stats.blockSlots);
        expect(got.reservedSlots).toBe(stats.reservedSlots);
        expect(got.memberCount).toBe(members);
        expect(store.indexBound).toBe(members);
        for (let v = 0; v < members; v++) expect(store.isAlive(v)).toBe(true);
        if (helper !== null) expect(helper.tasks).toEqual(['countSeconds', 'scatterSeconds', 'drainSeconds', 'sortLists']);
        // And the store goes on: appends and lookups use each list's largest entry.
        const v = members - 1;
        const last = want[v]!.at(-1) ?? -1;
        for (const w of want[v]!) expect(store.has(v, w)).toBe(true);
        if (members > 1 && last < members - 2) {
          expect(store.insert(v, members - 2)).toBe(true);
          expect(store.has(v, members - 2)).toBe(true);
        }
      }
    }
  });

  it('bulkLoad collapses duplicates, tells the first member over the cap, and refuses a store that is not empty', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 30 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 30 })), { maxLength: 80 }),
        fc.integer({ min: 1, max: 20 }),
        fc.constantFrom(null, 'eager' as const, 'lazy' as const),
        (members, raw, maxDegree, mode) => {
          const s: number[] = [];
          const t: number[] = [];
          for (const [x, y, times] of raw) {
            const a = x % members;
            const b = y % members;
            if (a === b) continue;
            for (let k = 0; k < times; k++) {
              s.push(k % 2 === 0 ? a : b);
              t.push(k % 2 === 0 ? b : a);
            }
          }
          const sources = Int32Array.from(s);
          const targets = Int32Array.from(t);
          const want = model(members, sources, targets, s.length);
          const store = new CompactAdjacencyStore(maxDegree);
          const over = want.findIndex((l) => l.length > maxDegree);
          const load = (): number => store.bulkLoad(members, sources, targets, s.length, overflow, mode === null ? null : inThreadHelper(mode));
          if (over >= 0) {
            expect(load).toThrow(`overflow ${over} ${want[over]!.length}`);
            return;
          }
          expect(load()).toBe(want.reduce((x, l) => x + l.length, 0) / 2);
          for (let v = 0; v < members; v++) expect(Array.from(store.neighbors(v))).toEqual(want[v]);
          const stats = insertedStats(maxDegree, want);
          expect(store.stats().blockSlots).toBe(stats.blockSlots);
          expect(store.stats().usedSlots).toBe(stats.usedSlots);
          expect(() => store.bulkLoad(members, sources, targets, s.length, overflow)).toThrow(/not empty/);
          expect(() => store.loadSortedLists(1, Int32Array.of(0), new Int32Array(0))).toThrow(/not empty/);
        },
      ),
      { ...fcParams(200), numRuns: Math.max(40, fcParams(200).numRuns ?? 0) },
    );
  });

  it('loadSortedLists lays lists out in their size classes, with their times', () => {
    const lists = [[1, 2, 3], [0], [0, 3], [0, 2], []];
    const degrees = Int32Array.from(lists, (l) => l.length);
    const flat = Int32Array.from(lists.flat());
    const times = Uint32Array.from(lists.flat(), (w, i) => 1000 + i * 10 + w);
    const store = new CompactAdjacencyStore(10);
    store.loadSortedLists(lists.length, degrees, flat, times);
    expect(store.hasTimes).toBe(true);
    let at = 0;
    const caps = modelCaps(10);
    let reserved = 0;
    for (let v = 0; v < lists.length; v++) {
      expect(Array.from(store.neighbors(v))).toEqual(lists[v]);
      const o = store.offsetOf(v);
      for (let i = 0; i < lists[v]!.length; i++) expect(store.timesOf(v)[o + i]).toBe(times[at + i]);
      if (lists[v]!.length > 0) {
        expect(o).toBe(reserved);
        reserved += caps.find((c) => c >= lists[v]!.length)!;
      }
      at += lists[v]!.length;
    }
    expect(store.stats().reservedSlots).toBe(reserved);
    // Slabs with times, 16 member records, the free stacks, the free members, then the arrays for
    // work left for later (queue 64, tail 32, buffer 2 × 64 int32) and one bit per member record.
    expect(store.stats().bytes).toBe(1024 * 8 + 16 * 17 + caps.length * 16 * 4 + 16 * 4 + 4 * (64 + 32 + 2 * 64) + 4);
    expect(store.has(0, 3)).toBe(true);
    expect(store.indexOfNeighbor(0, 4)).toBe(-4);
    // Without times, and then times enabled: existing connections read 0.
    const plain = new CompactAdjacencyStore(10);
    plain.loadSortedLists(lists.length, degrees, flat);
    expect(plain.hasTimes).toBe(false);
    plain.enableTimes();
    plain.enableTimes();
    expect(plain.hasTimes).toBe(true);
    expect(plain.timesOf(0)[plain.offsetOf(0)]).toBe(0);
    expect(plain.insert(4, 1, 99)).toBe(true);
    expect(plain.timesOf(4)[plain.offsetOf(4)]).toBe(99);
  });

  it('bulkLoad keeps recording times when they were enabled before it', () => {
    const store = new CompactAdjacencyStore(10);
    store.enableTimes();
    store.bulkLoad(3, Int32Array.of(0, 1), Int32Array.of(1, 2), 2, overflow);
    expect(store.hasTimes).toBe(true);
    expect(store.timesOf(1)[store.offsetOf(1)]).toBe(0);
    expect(store.insert(0, 2, 7)).toBe(true);
    expect(store.timesOf(0)[store.offsetOf(0) + 1]).toBe(7);
    // Lists that shrink by deduplication take the other layout, times included.
    const again = new CompactAdjacencyStore(10);
    again.enableTimes();
    again.bulkLoad(2, Int32Array.of(0, 0, 0, 1, 1), Int32Array.of(1, 1, 1, 0, 0), 5, overflow);
    expect(Array.from(again.neighbors(0))).toEqual([1]);
    expect(again.stats().blockSlots).toBe(2);
    expect(again.insert(0, 0, 5)).toBe(true);
    expect(again.timesOf(0)[again.offsetOf(0)]).toBe(5);
  });

  it('internPairs with a helper numbers ids as one-at-a-time interning does', () => {
    const reject = (p: InternProblem): never => {
      throw new Error(`${p.kind} ${p.at}`);
    };
    const id = fc.oneof(fc.nat(300).map((n) => `u${n}`), fc.constantFrom('a-long-member-id', 'élan-vital-x', 'ü'));
    fc.assert(
      fc.property(fc.array(fc.tuple(id, id), { minLength: 1, maxLength: 120 }), fc.constantFrom(1, 2, 7, 32), fc.boolean(), fc.constantFrom('eager' as const, 'lazy' as const), fc.integer({ min: 0, max: 100 }), (pairs, chunk, asIterable, mode, minPairs) => {
        const index = new Map<string, number>();
        const number = (x: string): number => {
          if (!index.has(x)) index.set(x, index.size);
          return index.get(x)!;
        };
        const src: number[] = [];
        const dst: number[] = [];
        let selfPairs = 0;
        for (const [a, b] of pairs) {
          const u = number(a);
          const v = number(b);
          if (u === v) selfPairs++;
          else {
            src.push(u);
            dst.push(v);
          }
        }
        const ids = new IdInterner(7);
        const helper = inThreadHelper(mode);
        let asked = 0;
        const input = asIterable ? (function* () { yield* pairs; })() : pairs;
        const got = internPairs(input, ids, reject, { chunkPairs: chunk, helperMinPairs: minPairs, helper: () => (asked++, helper) });
        expect(ids.size).toBe(0);
        got.bind();
        expect(asked).toBeLessThanOrEqual(1);
        if (!asIterable && pairs.length > Math.max(1, Math.min(chunk, Math.max(16, pairs.length))) && pairs.length >= minPairs) expect(asked).toBe(1);
        if (asked === 0) expect(helper.tasks).toEqual([]);
        expect(Array.from(got.src.subarray(0, got.edges))).toEqual(src);
        expect(Array.from(got.dst.subarray(0, got.edges))).toEqual(dst);
        expect(got.pairs).toBe(pairs.length);
        expect(got.selfPairs).toBe(selfPairs);
        expect(got.members).toBe(index.size);
        for (const [x, i] of index) {
          expect(ids.idOf(i)).toBe(x);
          expect(ids.indexOf(x)).toBe(i);
        }
      }),
      { ...fcParams(200), numRuns: Math.max(40, fcParams(200).numRuns ?? 0) },
    );
  });

  it('grows the id table as thousands of new ids arrive in one chunk', () => {
    const pairs: [string, string][] = [];
    for (let i = 0; i < 6000; i++) pairs.push([`m${i}`, `m${(i * 7919 + 13) % 6000}`]);
    for (const helper of [undefined, () => inThreadHelper('lazy')]) {
      const ids = new IdInterner(1);
      const got = internPairs(pairs, ids, (p) => {
        throw new Error(p.kind);
      }, { chunkPairs: helper === undefined ? 1 << 20 : 1000, helper });
      got.bind();
      expect(got.members).toBe(6000);
      expect(ids.size).toBe(6000);
      expect(ids.indexOf('m0')).toBe(0);
      expect(ids.indexOf('m13')).toBe(1);
      for (let i = 0; i < 6000; i += 97) expect(got.src[i]).toBe(ids.indexOf(`m${i}`));
      for (let i = 0; i < 6000; i += 89) expect(got.dst[i]).toBe(ids.indexOf(`m${(i * 7919 + 13) % 6000}`));
    }
  });

  it('startHelperThread asks the starter the platform set, or gives none', () => {
    setHelperThreadStarter(null);
    expect(startHelperThread()).toBeNull();
    const helper = inThreadHelper('eager');
    let started = 0;
    setHelperThreadStarter(() => (started++, helper));
    try {
      expect(startHelperThread()).toBe(helper);
      expect(started).toBe(1);
    } finally {
      setHelperThreadStarter(null);
    }
    expect(startHelperThread()).toBeNull();
  });
});

describe('the bulk-list passes', () => {
  it('sortUnique sorts and deduplicates any window in place, long unordered heads included', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 400 }), { maxLength: 300 }), fc.nat(20), fc.boolean(), (values, pad, sortedTail) => {
        const body = sortedTail ? [...values.slice(0, values.length >> 1), ...values.slice(values.length >> 1).sort((a, b) => a - b)] : values;
        const list = Int32Array.from([...Array(pad).fill(-9), ...body, 9999]);
        const end = sortUnique(list, pad, pad + body.length);
        const want = [...new Set(body)].sort((a, b) => a - b);
        expect(Array.from(list.subarray(pad, end))).toEqual(want);
        expect(Array.from(list.subarray(0, pad))).toEqual(Array(pad).fill(-9));
        expect(list[list.length - 1]).toBe(9999);
      }),
      { ...fcParams(300), numRuns: Math.max(60, fcParams(300).numRuns ?? 0) },
    );
    // A sorted tail behind a head of 49 or more unordered entries, and one behind a short head.
    const long = Int32Array.from([...Array.from({ length: 60 }, (_, i) => (i * 37) % 61), ...Array.from({ length: 100 }, (_, i) => 100 + i)]);
    const n = sortUnique(long, 0, long.length);
    expect(Array.from(long.subarray(0, n))).toEqual([...new Set(Array.from(long))].sort((a, b) => a - b));
    expect(sortUnique(Int32Array.of(5), 0, 1)).toBe(1);
    expect(sortUnique(Int32Array.of(5, 5), 0, 2)).toBe(1);
    expect(sortUnique(Int32Array.of(3, 2, 1), 1, 1)).toBe(1);
  });

  it('countSeconds, scatterSeconds, drainSeconds and sortLists build the lists', () => {
    const sources = Int32Array.of(0, 5, 2, 5, 9, 1, 0);
    const targets = Int32Array.of(5, 0, 9, 3, 2, 9, 5);
    const edges = 7;
    const members = 10;
    const shift = 1;
    const buckets = 5;
    const { seconds, perBucket } = countSeconds(targets, edges, members, shift, buckets);
    expect(Array.from(seconds)).toEqual([1, 0, 1, 1, 0, 2, 0, 0, 0, 2]);
    expect(Array.from(perBucket)).toEqual([0, 1, 2, 2, 0, 2]);
    const { pending, bounds } = scatterSeconds(sources, targets, edges, shift, perBucket);
    expect(Array.from(bounds)).toEqual([0, 1, 3, 5, 5, 7]);
    expect(Array.from(pending)).toEqual([0, 5, 3, 5, 2, 9, 5, 0, 5, 0, 9, 2, 9, 1]);
    const firsts = new Int32Array(members);
    for (let i = 0; i < edges; i++) firsts[sources[i]!]!++;
    const count = Int32Array.from(seconds, (s, v) => s + firsts[v]!);
    const addr = new Int32Array(members);
    for (let v = 1; v < members; v++) addr[v] = addr[v - 1]! + count[v - 1]!;
    const pool = new Int32Array(2 * edges);
    const fill = addr.slice();
    for (let i = 0; i < edges; i++) pool[fill[sources[i]!]!++] = targets[i]!;
    drainSeconds(pool, addr, firsts, pending, bounds, shift, members, new Int32Array(1));
    const len = new Int32Array(members);
    expect(sortLists(pool, addr, count, len, members, new Int32Array(1))).toBe(8);
    const lists = Array.from({ length: members }, (_, v) => Array.from(pool.subarray(addr[v]!, addr[v]! + len[v]!)));
    expect(lists).toEqual([[5], [9], [9], [5], [], [0, 3], [], [], [], [1, 2]]);
    // A claim counter past the end leaves the work to the other thread.
    const claimed = Int32Array.of(members);
    expect(sortLists(pool, addr, count, new Int32Array(members), members, claimed)).toBe(0);
  });
});
