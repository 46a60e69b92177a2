import { describe, expect, it } from 'vitest';
import { countSeconds, drainSeconds, scatterSeconds, sortLists } from '../../src/store/bulk-lists.js';
import { CompactAdjacencyStore } from '../../src/store/compact-adjacency-store.js';
import type { HelperTask, HelperThread } from '../../src/store/helper-thread.js';
import { PoolModel, SLAB } from './pool-model.js';

describe('CompactAdjacencyStore details', () => {
  it('grows its member records by a quarter at least, as the model predicts, through 200 members', () => {
    for (const initial of [0, 16, 17, 50]) {
      const store = new CompactAdjacencyStore(8, initial);
      const model = new PoolModel(8, initial);
      for (let i = 0; i < 200; i++) {
        expect(store.allocateMember()).toBe(model.allocateMember());
        if (store.stats().bytes !== model.stats().bytes) expect.fail(`bytes after ${i + 1} members (initial ${initial})`);
        store.insert(i, (i + 1) % 200);
        model.insert(i, (i + 1) % 200);
      }
      expect(store.stats()).toEqual(model.stats());
      for (let v = 0; v < 200; v++) expect(store.has(v, (v + 1) % 200)).toBe(true);
    }
  });

  it('enableTimes twice keeps the times already recorded', () => {
    const store = new CompactAdjacencyStore(8);
    const [a, b] = [store.allocateMember(), store.allocateMember()];
    store.enableTimes();
    store.insert(a, b, 1234);
    store.enableTimes();
    expect(store.timesOf(a)[store.offsetOf(a)]).toBe(1234);
    expect(store.stats().bytes).toBe(new PoolModel(8).stats().bytes + 1024 * 4);
  });

  it('reads lists and times in the right slab once the pool passes 2^22 entries', () => {
    // 130 full blocks of 32,768: 128 fill slab 0, two more start slab 1; a short list of 4 at the
    // end sits in slab 1 too. (Slabs are compared with ===: printing one takes minutes.)
    const members = 135;
    const degrees = new Int32Array(members);
    for (let v = 0; v < 130; v++) degrees[v] = 32_768;
    degrees[130] = 4;
    const flat = new Int32Array(130 * 32_768 + 4);
    let at = 0;
    for (let v = 0; v < 130; v++) for (let i = 0; i < 32_768; i++) flat[at++] = 1000 + 3 * i + (v % 3);
    flat.set([1, 2, 3, 4], at);
    const times = Uint32Array.from(flat, (w, i) => (i % 7) + w);
    const store = new CompactAdjacencyStore(40_000);
    store.loadSortedLists(members, degrees, flat, times);
    expect(store.slabOf(0) === store.slabOf(127)).toBe(true);
    expect(store.slabOf(128) === store.slabOf(0)).toBe(false);
    expect(store.slabOf(130) === store.slabOf(129)).toBe(true);
    expect(store.timesOf(128) === store.timesOf(0)).toBe(false);
    expect(store.offsetOf(127)).toBe(127 * 32_768);
    expect(store.offsetOf(128)).toBe(0);
    expect(store.offsetOf(130)).toBe(2 * 32_768);
    for (const v of [0, 127, 128, 129, 130]) {
      const base = v * 32_768;
      const d = degrees[v]!;
      const o = store.offsetOf(v);
      for (const i of [0, d >> 1, d - 1]) {
        expect(store.slabOf(v)[o + i]).toBe(flat[base + i]);
        expect(store.timesOf(v)[o + i]).toBe(times[base + i]);
        expect(store.has(v, flat[base + i]!)).toBe(true);
      }
      expect(Array.from(store.neighbors(v).subarray(0, 3))).toEqual(Array.from(flat.subarray(base, base + 3)));
    }
    const stats = store.stats();
    expect(stats.reservedSlots).toBe(SLAB + 2 * 32_768 + 4);
    expect(stats.allocatedSlots).toBe(SLAB + 2 * 32_768 + 4);
    // Lists of slab 0 that outgrow their blocks move to the pool's end in slab 1, times along.
    store.insert(0, 5, 77);
    expect(store.slabOf(0) === store.slabOf(128)).toBe(true);
    expect(store.offsetOf(0)).toBe(2 * 32_768 + 4);
    expect(store.timesOf(0)[store.offsetOf(0)]).toBe(77);
    expect(store.timesOf(0)[store.offsetOf(0) + 1]).toBe(times[0]);
    expect(store.has(0, 1000)).toBe(true);
    expect(store.has(0, 5)).toBe(true);
  });

  it('shrinks a list into a smaller block only once it fills less than a quarter of its block', () => {
    const store = new CompactAdjacencyStore(200);
    const model = new PoolModel(200);
    for (let i = 0; i < 3; i++) expect(store.allocateMember()).toBe(model.allocateMember());
    for (let w = 0; w < 100; w++) {
      store.insert(1, w);
      model.insert(1, w);
    }
    for (let w = 99; w >= 0; w--) {
      expect(store.remove(1, w)).toBe(model.remove(1, w));
      if (store.stats().blockSlots !== model.stats().blockSlots) expect.fail(`block after removing ${w}`);
      expect(store.stats()).toEqual(model.stats());
      if (w > 0) expect(store.has(1, w - 1)).toBe(true);
    }
    expect(store.stats().blockSlots).toBe(0);
  });

  it('bulkLoad keeps a helper to its protocol: one wait per task, nothing submitted while it works', () => {
    const tasks: Record<string, (...args: never[]) => unknown> = { countSeconds, scatterSeconds, drainSeconds, sortLists };
    let pending: (() => unknown) | null = null;
    const log: string[] = [];
    const strict: HelperThread = {
      threaded: false,
      submit(task: HelperTask, args: unknown[]) {
        if (pending !== null) throw new Error(`${task} submitted while the helper works`);
        log.push(task);
        pending = () => (tasks[task] as (...a: unknown[]) => unknown)(...args);
      },
      wait() {
        if (pending === null) throw new Error('wait without a task');
        const run = pending;
        pending = null;
        log.push('wait');
        return run();
      },
      close() {},
    };
    const cases: [number, [number, number][]][] = [
      [1100, [[0, 1], [1099, 5], [5, 0], [0, 1], [700, 3]]],
      [3, [[0, 1], [0, 1], [0, 1], [0, 1], [2, 1]]],
    ];
    for (const [members, pairs] of cases) {
      log.length = 0;
      const store = new CompactAdjacencyStore(30_000);
      const sources = Int32Array.from(pairs, (p) => p[0]);
      const targets = Int32Array.from(pairs, (p) => p[1]);
      const want = store.bulkLoad(members, sources, targets, pairs.length, () => { throw new Error('overflow'); }, strict);
      expect(pending).toBeNull();
      expect(log).toEqual(['countSeconds', 'wait', 'scatterSeconds', 'wait', 'drainSeconds', 'wait', 'sortLists', 'wait']);
      const plain = new CompactAdjacencyStore(30_000);
      expect(plain.bulkLoad(members, sources, targets, pairs.length, () => { throw new Error('overflow'); })).toBe(want);
      for (let v = 0; v < members; v++) expect(Array.from(store.neighbors(v))).toEqual(Array.from(plain.neighbors(v)));
      // Neither load records times.
      expect(store.hasTimes).toBe(false);
      expect(plain.hasTimes).toBe(false);
      expect(store.stats()).toEqual(plain.stats());
    }
  });
});
