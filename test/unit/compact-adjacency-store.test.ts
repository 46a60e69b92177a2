import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerHelper } from '../../src/node/worker-helper.js';
import { SocialGraph } from '../../src/index.js';
import { CompactAdjacencyStore } from '../../src/store/compact-adjacency-store.js';
import type { HelperThread } from '../../src/store/helper-thread.js';
import { fcParams } from '../support/fc-config.js';

/** Small seeded PRNG for deterministic churn (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('CompactAdjacencyStore', () => {
  // bulkLoad with a helper thread runs half of each pass there: it must build the same store.
  let helper: HelperThread | null = null;
  beforeAll(() => {
    // Mutation testing (test/mutation/vitest.config.ts) runs without the worker: it would run
    // the instrumented copy outside Stryker's reach.
    if (process.env.NO_WORKER_HELPER === '1') return;
    helper = startWorkerHelper();
    expect(helper).not.toBeNull();
  });
  afterAll(() => helper?.close());

  it('keeps lists sorted and duplicate-free under random inserts and removes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.nat(30), fc.nat(30)), { maxLength: 400 }), (ops) => {
        const store = new CompactAdjacencyStore(1000);
        for (let i = 0; i < 31; i++) store.allocateMember();
        const model = Array.from({ length: 31 }, () => new Set<number>());
        for (const [add, a, b] of ops) {
          if (add) expect(store.insert(a, b)).toBe(!model[a]!.has(b));
          else expect(store.remove(a, b)).toBe(model[a]!.has(b));
          if (add) model[a]!.add(b);
          else model[a]!.delete(b);
        }
        for (let v = 0; v < 31; v++) {
          expect(Array.from(store.neighbors(v))).toEqual([...model[v]!].sort((x, y) => x - y));
          expect(store.degreeOf(v)).toBe(model[v]!.size);
        }
        const s = store.stats();
        expect(s.usedSlots).toBe(model.reduce((t, m) => t + m.size, 0));
        expect(s.blockSlots + s.freeSlots).toBeLessThanOrEqual(s.reservedSlots);
      }),
      fcParams(300),
    );
  });

  it('bulkLoad builds the lists one-at-a-time inserts build, duplicates and caps included', () => {
    // Pairs repeat (both directions, many times), so raw degrees exceed the final ones: lists
    // that shrink into a smaller block class, and members whose raw degree is above the cap
    // but whose distinct degree is not, take the load's other layouts.
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.tuple(fc.nat(39), fc.nat(39), fc.integer({ min: 1, max: 6 }), fc.boolean()), { maxLength: 300 }),
        fc.integer({ min: 1, max: 60 }),
        fc.boolean(),
        (members, pairs, maxDegree, parallel) => {
          const sources: number[] = [];
          const targets: number[] = [];
          const model = Array.from({ length: members }, () => new Set<number>());
          for (const [x, y, times, flip] of pairs) {
            const a = x % members;
            const b = y % members;
            if (a === b) continue;
            for (let t = 0; t < times; t++) {
              sources.push(flip && t % 2 === 1 ? b : a);
              targets.push(flip && t % 2 === 1 ? a : b);
            }
            model[a]!.add(b);
            model[b]!.add(a);
          }
          const store = new CompactAdjacencyStore(maxDegree);
          const over = model.findIndex((set) => set.size > maxDegree);
          const load = () =>
            store.bulkLoad(
              members,
              Int32Array.from(sources),
              Int32Array.from(targets),
              sources.length,
              (member, degree) => {
                throw new Error(`overflow ${member} ${degree}`);
              },
              parallel ? helper : null,
            );
          if (over >= 0) {
            expect(load).toThrow(`overflow ${over} ${model[over]!.size}`);
            return;
          }
          expect(load()).toBe(model.reduce((t, set) => t + set.size, 0) / 2);
          for (let v = 0; v < members; v++) {
            expect(Array.from(store.neighbors(v))).toEqual([...model[v]!].sort((p, q) => p - q));
          }
          const s = store.stats();
          expect(s.usedSlots).toBe(model.reduce((t, set) => t + set.size, 0));
          expect(s.blockSlots).toBeLessThanOrEqual(s.reservedSlots);
          // Blocks are of each list's own class: no slack left by the collapsed duplicates.
          const fresh = new CompactAdjacencyStore(maxDegree);
          for (let v = 0; v < members; v++) fresh.allocateMember();
          for (let v = 0; v < members; v++) for (const w of model[v]!) fresh.insert(v, w);
          fresh.compact();
          expect(s.blockSlots).toBe(fresh.stats().blockSlots);
          // And the store goes on working after a bulk load.
          if (members >= 2 && !store.has(0, 1) && store.degreeOf(0) < maxDegree && store.degreeOf(1) < maxDegree) {
            expect(store.insert(0, 1)).toBe(true);
            expect(store.insert(1, 0)).toBe(true);
            expect(store.has(1, 0)).toBe(true);
          }
        },
      ),
      fcParams(300),
    );
  });

  it.each([false, true])('bulkLoad over many members (several per bucket) matches a set model (helper thread: %s)', (parallel) => {
    const members = 20_000;
    const random = rng(7);
    const sources = new Int32Array(100_000);
    const targets = new Int32Array(100_000);
    const model = Array.from({ length: members }, () => new Set<number>());
    let edges = 0;
    while (edges < sources.length) {
      const a = Math.floor(random() * members);
      const b = Math.floor(random() ** 3 * members); // hubs among the low indices
      if (a === b) continue;
      sources[edges] = a;
      targets[edges++] = b;
      model[a]!.add(b);
      model[b]!.add(a);
    }
    const store = new CompactAdjacencyStore(30_000);
    const connections = store.bulkLoad(
      members,
      sources,
      targets,
      edges,
      () => {
        throw new Error('overflow');
      },
      parallel ? helper : null,
    );
    expect(connections).toBe(model.reduce((t, set) => t + set.size, 0) / 2);
    for (let v = 0; v < members; v++) expect(Array.from(store.neighbors(v))).toEqual([...model[v]!].sort((p, q) => p - q));
  });

  it('reuses member indices and blocks after release', () => {
    const store = new CompactAdjacencyStore(100);
    const a = store.allocateMember();
    const b = store.allocateMember();
    store.insert(a, b);
    store.insert(b, a);
    store.remove(a, b);
    store.remove(b, a);
    store.releaseMember(b);
    expect(store.allocateMember()).toBe(b);
    expect(store.indexBound).toBe(2);
  });

  it('bounded reserved slots under churn at a steady size (no unbounded growth)', () => {
    const members = 3000;
    const target = 30_000; // connections kept around this number
    const graph = new SocialGraph();
    for (let i = 0; i < members; i++) graph.addMember(`u${i}`);
    const random = rng(7);
    const live: [string, string][] = [];
    const liveIndex = new Map<string, number>();
    const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
    let peakReserved = 0;
    let peakAllocated = 0;
    for (let op = 0; op < 400_000; op++) {
      if (live.length < target || random() < 0.5) {
        // Skewed endpoints: a few members get large lists that grow and shrink through classes.
        const a = `u${Math.floor(members * random() ** 3)}`;
        const b = `u${Math.floor(members * random())}`;
        if (a === b) continue;
        if (graph.connect(a, b)) {
          liveIndex.set(key(a, b), live.length);
          live.push([a, b]);
        }
      } else {
        const i = Math.floor(random() * live.length);
        const [a, b] = live[i]!;
        const last = live.pop()!;
        liveIndex.delete(key(a, b));
        if (i < live.length) {
          live[i] = last;
          liveIndex.set(key(last[0], last[1]), i);
        }
        expect(graph.disconnect(a, b)).toBe(true);
      }
      if (op % 1000 === 0) {
        const s = graph.storeStats();
        peakReserved = Math.max(peakReserved, s.reservedSlots);
        peakAllocated = Math.max(peakAllocated, s.allocatedSlots);
      }
    }
    const s = graph.storeStats();
    expect(s.connectionCount).toBe(live.length);
    // Free space is compacted away once it exceeds a third of the pool (or 64k slots).
    expect(s.freeSlots).toBeLessThanOrEqual(Math.max(1 << 16, s.reservedSlots / 3));
    // The pool never grew beyond a constant factor of what the live lists need.
    const live2 = 2 * target * 1.1;
    expect(peakReserved).toBeLessThanOrEqual(Math.max(3 * live2, live2 + 3 * (1 << 16)));
    expect(peakAllocated).toBeLessThanOrEqual(2 * Math.max(3 * live2, live2 + 3 * (1 << 16)));
    // Same answers as a fresh bulk build of the final graph.
    const fresh = SocialGraph.fromEdges(live);
    for (let i = 0; i < 200; i++) {
      const a = `u${Math.floor(members * random())}`;
      const b = `u${Math.floor(members * random())}`;
      if (!fresh.hasMember(a) || !fresh.hasMember(b)) continue;
      expect(graph.degree(a, b)).toBe(fresh.degree(a, b));
      expect(graph.mutualCount(a, b)).toBe(fresh.mutualCount(a, b));
    }
  });

  it('compacts and keeps every list intact', () => {
    const graph = new SocialGraph();
    const n = 400;
    for (let i = 0; i < n; i++) graph.addMember(`m${i}`);
    const random = rng(11);
    for (let k = 0; k < 40_000; k++) {
      const a = Math.floor(random() * n);
      const b = Math.floor(random() * n);
      if (a !== b) graph.connect(`m${a}`, `m${b}`);
    }
    // Remove most members: frees many blocks and triggers compaction.
    for (let i = 0; i < n; i += 1) if (i % 5 !== 0) graph.removeMember(`m${i}`);
    expect(graph.storeStats().compactions).toBeGreaterThan(0);
    for (let i = 0; i < n; i += 5) {
      const list = graph.connections(`m${i}`);
      for (const c of list) expect(graph.areConnected(c, `m${i}`)).toBe(true);
      expect(new Set(list).size).toBe(list.length);
    }
  });
});
