/**
 * The store past one slab (2^22 entries, 16 MiB): blocks never straddle two slabs, lists move
 * between slabs, compaction lays them out again across slabs. About 20 MB of lists.
 */
import { describe, expect, it } from 'vitest';
import { CompactAdjacencyStore } from '../../src/store/compact-adjacency-store.js';
import { PoolModel, SLAB } from './pool-model.js';

/** Cheap comparison of long lists: length, ends, a middle entry and a checksum. */
function expectLists(store: CompactAdjacencyStore, model: PoolModel): void {
  const slabOfIndex = new Map<number, Int32Array>();
  for (let v = 0; v < model.bound; v++) {
    const list = model.lists[v]!;
    const d = list.length;
    if (store.degreeOf(v) !== d) expect.fail(`degree of ${v}: ${store.degreeOf(v)}, want ${d}`);
    if (d === 0) continue;
    const addr = model.addr[v]!;
    if (store.offsetOf(v) !== addr % SLAB) expect.fail(`offset of ${v}: ${store.offsetOf(v)}, want ${addr % SLAB}`);
    const slab = store.slabOf(v);
    const index = Math.floor(addr / SLAB);
    const seen = slabOfIndex.get(index);
    if (seen === undefined) {
      for (const other of slabOfIndex.values()) expect(other).not.toBe(slab);
      slabOfIndex.set(index, slab);
    } else expect(slab).toBe(seen);
    const o = store.offsetOf(v);
    let sum = 0;
    let want = 0;
    for (let i = 0; i < d; i++) {
      sum = (sum * 31 + slab[o + i]!) | 0;
      want = (want * 31 + list[i]!) | 0;
    }
    if (sum !== want || slab[o] !== list[0] || slab[o + d - 1] !== list[d - 1]) expect.fail(`list of ${v} differs`);
    expect(store.has(v, list[d >> 1]!)).toBe(true);
  }
  expect(store.stats()).toEqual(model.stats());
}

describe('CompactAdjacencyStore across slabs', () => {
  it('lays lists out slab by slab, moves them between slabs with their times, and compacts them back', () => {
    const maxDegree = 40_000;
    // Blocks of 4, 32,768 (x127), 28,672, 3,584, 448 and 56: slab 0 full but for its last 4 slots.
    const degrees = [4, ...Array<number>(127).fill(31_000), 28_000, 3_500, 440, 55];
    const lists = degrees.map((d, v) => Array.from({ length: d }, (_, i) => 1000 + 2 * i + (v & 1)));
    for (let v = lists.length; v < 200; v++) lists.push([]);
    const flat = new Int32Array(lists.reduce((t, l) => t + l.length, 0));
    let at = 0;
    for (const l of lists) for (const w of l) flat[at++] = w;
    const store = new CompactAdjacencyStore(maxDegree, 4);
    store.loadSortedLists(lists.length, Int32Array.from(lists, (l) => l.length), flat);
    const model = new PoolModel(maxDegree, 4);
    model.loadSorted(lists);
    expect(model.bump).toBe(SLAB - 4);
    expectLists(store, model);

    // Times from now on: each inserted neighbour w gets time w + 1; loaded ones read 0.
    store.enableTimes();
    model.times = true;
    // Loaded neighbours are 1,000 to 63,000; inserted ones below 1,000 or from 100,000.
    const timeOf = (w: number): number => (w >= 1000 && w < 100_000 ? 0 : w + 1);
    const insert = (v: number, w: number): void => {
      if (store.insert(v, w, w + 1) !== model.insert(v, w)) expect.fail(`insert(${v}, ${w})`);
    };
    // A new list takes the last 4 slots of slab 0 (blocks of 1 and 2), then needs slab 1 (4).
    for (const w of [1, 2, 3, 4, 5]) insert(150, w);
    expect(Math.floor(model.addr[150]! / SLAB)).toBe(1);
    expectLists(store, model);
    // The short list outgrows its block: its 4 entries move to slab 1 one by one.
    for (const w of [1, 2, 3]) insert(0, w);
    expect(Math.floor(model.addr[0]! / SLAB)).toBe(1);
    // A long list outgrows its 32,768 block: it moves to slab 1 too, which grows.
    for (let k = 0; k < 2800; k++) insert(1, 100_000 + k);
    expect(Math.floor(model.addr[1]! / SLAB)).toBe(1);
    expectLists(store, model);
    const expectTimes = (v: number): void => {
      const o = store.offsetOf(v);
      const times = store.timesOf(v);
      const slab = store.slabOf(v);
      for (let i = 0; i < store.degreeOf(v); i++) if (times[o + i] !== timeOf(slab[o + i]!)) expect.fail(`time of ${v}'s ${slab[o + i]}`);
    };
    for (const v of [0, 1, 2, 127, 150]) expectTimes(v);

    // Free most long lists: compaction lays the rest out from a fresh slab 0, times included.
    for (let v = 2; v <= 120; v++) expect(store.clear(v).length).toBe(model.clear(v).length);
    expect(model.compactions).toBeGreaterThan(0);
    expectLists(store, model);
    for (const v of [0, 1, 121, 128, 150]) expectTimes(v);
    store.compact();
    model.compact();
    expectLists(store, model);
    for (const v of [0, 1, 121, 131, 150]) expectTimes(v);
  });
});
