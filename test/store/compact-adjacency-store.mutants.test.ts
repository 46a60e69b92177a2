import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompactAdjacencyStore } from '../../src/store/compact-adjacency-store.js';
import { fcParams } from '../support/fc-config.js';
import { modelCaps, PoolModel } from './pool-model.js';

/** Every observable of `store` against `model`: lists, positions, addresses, probes, stats. */
function expectSame(store: CompactAdjacencyStore, model: PoolModel, probes: readonly number[]): void {
  expect(store.indexBound).toBe(model.bound);
  expect(store.memberCount).toBe(model.alive.filter(Boolean).length);
  expect(store.connectionCount).toBe(model.used / 2);
  for (let v = 0; v < model.bound; v++) {
    const list = model.lists[v]!;
    expect(store.isAlive(v)).toBe(model.alive[v]);
    expect(store.degreeOf(v)).toBe(list.length);
    expect(Array.from(store.neighbors(v))).toEqual(list);
    if (list.length > 0) {
      expect(store.offsetOf(v)).toBe(model.addr[v]);
      const slab = store.slabOf(v);
      expect(Array.from(slab.subarray(store.offsetOf(v), store.offsetOf(v) + list.length))).toEqual(list);
    }
    for (const w of probes) {
      expect(store.indexOfNeighbor(v, w)).toBe(model.indexOf(v, w));
      expect(store.has(v, w)).toBe(list.includes(w));
    }
  }
  expect(store.stats()).toEqual(model.stats());
}

type Op =
  | { kind: 'allocate' }
  | { kind: 'release'; pick: number }
  | { kind: 'insert'; pick: number; w: number; count: number }
  | { kind: 'remove'; pick: number; w: number; count: number }
  | { kind: 'clear'; pick: number }
  | { kind: 'compact' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ kind: 'allocate' as const }) },
  { weight: 1, arbitrary: fc.nat().map((pick) => ({ kind: 'release' as const, pick })) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('insert' as const), pick: fc.nat(), w: fc.nat(70), count: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat(), w: fc.nat(70), count: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 1, arbitrary: fc.nat().map((pick) => ({ kind: 'clear' as const, pick })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'compact' as const }) },
);

describe('CompactAdjacencyStore against a model of its pool', () => {
  it('size classes are 1, 2, 4, 8, 12, 16, then four per doubling to 32, eight to 512 and four beyond, capped at the maximum degree', () => {
    expect(modelCaps(1000)).toEqual([
      1, 2, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60, 64, 72, 80, 88, 96, 104, 112, 120, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320, 352, 384,
      416, 448, 480, 512, 640, 768, 896, 1000,
    ]);
    expect(modelCaps(3)).toEqual([1, 2, 3]);
    expect(modelCaps(16)).toEqual([1, 2, 4, 8, 12, 16]);
    // Each list sits in the smallest block that holds it: one member per length shows the class.
    for (const maxDegree of [1, 2, 3, 7, 8, 9, 16, 17, 33, 100]) {
      const caps = modelCaps(maxDegree);
      const store = new CompactAdjacencyStore(maxDegree);
      const v = store.allocateMember();
      let blockSlots = 0;
      for (let n = 1; n <= maxDegree; n++) {
        store.insert(v, n);
        const cap = caps.find((c) => c >= n)!;
        expect(store.stats().blockSlots).toBe(cap);
        if (cap !== blockSlots) expect(store.stats().freeSlots).toBe(caps.filter((c) => c < cap).reduce((t, c) => t + c, 0));
        blockSlots = cap;
      }
    }
  });

  it('random member, insert, remove, clear and compact sequences keep every address and count the model predicts', () => {
    let moves = 0;
    let shrinks = 0;
    fc.assert(
      fc.property(fc.constantFrom(5, 12, 40, 64), fc.integer({ min: 0, max: 40 }), fc.array(op, { minLength: 1, maxLength: 60 }), (maxDegree, initial, ops) => {
        const store = new CompactAdjacencyStore(maxDegree, initial);
        const model = new PoolModel(maxDegree, initial);
        const live = (pick: number): number => {
          const alive = model.alive.flatMap((a, v) => (a ? [v] : []));
          return alive.length === 0 ? -1 : alive[pick % alive.length]!;
        };
        for (const o of ops) {
          if (o.kind === 'allocate') expect(store.allocateMember()).toBe(model.allocateMember());
          else if (o.kind === 'compact') {
            store.compact();
            model.compact();
          } else {
            const v = live(o.pick);
            if (v < 0) continue;
            if (o.kind === 'release') {
              if (model.lists[v]!.length > 0) {
                expect(() => store.releaseMember(v)).toThrow();
                continue;
              }
              store.releaseMember(v);
              model.releaseMember(v);
            } else if (o.kind === 'clear') {
              expect(Array.from(store.clear(v))).toEqual(model.clear(v));
            } else if (o.kind === 'insert') {
              for (let k = 0; k < o.count; k++) {
                const w = (o.w + 7 * k) % 71;
                if (model.lists[v]!.length >= maxDegree && !model.lists[v]!.includes(w)) break;
                const before = model.blockSlots;
                expect(store.insert(v, w)).toBe(model.insert(v, w));
                if (model.blockSlots !== before) moves++;
              }
            } else {
              for (let k = 0; k < o.count; k++) {
                const w = (o.w + 3 * k) % 71;
                const before = model.cls[v]!;
                expect(store.remove(v, w)).toBe(model.remove(v, w));
                if (model.cls[v]! >= 0 && model.cls[v]! < before) shrinks++;
              }
            }
          }
          expectSame(store, model, [-1, 0, 35, 70, 71]);
        }
      }),
      { ...fcParams(150), numRuns: Math.max(15, fcParams(150).numRuns ?? 0) },
    );
    // The sequences moved lists between blocks and shrank some past the hysteresis.
    expect(moves).toBeGreaterThan(0);
    expect(shrinks).toBeGreaterThan(0);
  });

  it('compacts by itself once free blocks pass 65,536 slots and a third of the pool', () => {
    const maxDegree = 2000;
    const store = new CompactAdjacencyStore(maxDegree);
    const model = new PoolModel(maxDegree);
    const members = 100;
    for (let i = 0; i < members; i++) expect(store.allocateMember()).toBe(model.allocateMember());
    for (let v = 0; v < members; v++) {
      // Appends (the common case), then a few entries inside the list.
      for (let w = 0; w < 1400; w += 1) {
        const x = 2 * w + 1;
        store.insert(v, x);
        model.insert(v, x);
      }
      for (const x of [0, 2, 1000, 2798]) {
        store.insert(v, x);
        model.insert(v, x);
      }
    }
    expectSame(store, model, [0, 1, 3, 1001, 2799, 2800]);
    let cleared = 0;
    for (let v = 0; v < members && model.compactions === 0; v++) {
      expect(Array.from(store.clear(v))).toEqual(model.clear(v));
      cleared++;
      expect(store.stats()).toEqual(model.stats());
    }
    expect(model.compactions).toBe(1);
    expect(cleared).toBeGreaterThan(10);
    expectSame(store, model, [0, 1, 2, 3, 1001, 2799]);
    // Removals alone compact too.
    for (let v = members - 1; v >= 0 && model.compactions === 1; v--) {
      for (let x = 1; x < 2799; x += 2) if (store.remove(v, x) !== model.remove(v, x)) expect.fail(`remove(${v}, ${x})`);
      expect(store.stats()).toEqual(model.stats());
    }
    expect(model.compactions).toBe(2);
    expectSame(store, model, [0, 1, 2, 3, 1000, 2798, 2799]);
  });

  it('a removal keeps the largest entry known, so appends and lookups after it stay right', () => {
    const store = new CompactAdjacencyStore(100);
    const v = store.allocateMember();
    for (const w of [5, 9, 12]) store.insert(v, w);
    expect(store.remove(v, 12)).toBe(true);
    expect(store.has(v, 9)).toBe(true);
    expect(store.indexOfNeighbor(v, 10)).toBe(-3);
    expect(store.insert(v, 9)).toBe(false);
    expect(store.insert(v, 10)).toBe(true);
    expect(Array.from(store.neighbors(v))).toEqual([5, 9, 10]);
    expect(store.remove(v, 10)).toBe(true);
    expect(store.remove(v, 9)).toBe(true);
    expect(store.remove(v, 5)).toBe(true);
    expect(store.indexOfNeighbor(v, 0)).toBe(-1);
    expect(store.insert(v, 0)).toBe(true);
    expect(store.has(v, 0)).toBe(true);
    // clear forgets the largest entry too.
    store.insert(v, 50);
    store.clear(v);
    expect(store.insert(v, 3)).toBe(true);
    expect(store.has(v, 3)).toBe(true);
    expect(store.indexOfNeighbor(v, 50)).toBe(-2);
  });

  it('long shifts (more than 32 entries) insert and remove in the middle of a list', () => {
    const store = new CompactAdjacencyStore(500);
    const model = new PoolModel(500);
    const v = store.allocateMember();
    model.allocateMember();
    for (let w = 0; w < 400; w += 2) {
      store.insert(v, w);
      model.insert(v, w);
    }
    for (const w of [1, 3, 201, 397, 399]) expect(store.insert(v, w)).toBe(model.insert(v, w));
    for (const w of [0, 2, 100, 201, 398, 399]) expect(store.remove(v, w)).toBe(model.remove(v, w));
    expectSame(store, model, [0, 1, 2, 3, 4, 200, 201, 202, 396, 397, 398, 399, 400]);
  });

  it('refuses to release a member that still has connections, and reuses released indices last-out first', () => {
    const store = new CompactAdjacencyStore(10);
    const [a, b, c] = [store.allocateMember(), store.allocateMember(), store.allocateMember()];
    store.insert(a, b);
    expect(() => store.releaseMember(a)).toThrow(/still has connections/);
    expect(store.isAlive(a)).toBe(true);
    expect(store.memberCount).toBe(3);
    store.releaseMember(b);
    store.releaseMember(c);
    expect(store.isAlive(b)).toBe(false);
    expect(store.isAlive(-1)).toBe(false);
    expect(store.isAlive(3)).toBe(false);
    expect(store.memberCount).toBe(1);
    expect(store.allocateMember()).toBe(c);
    expect(store.allocateMember()).toBe(b);
    expect(store.allocateMember()).toBe(3);
    expect(store.indexBound).toBe(4);
    // More than 16 released members: the stack of free indices grows.
    const many = new CompactAdjacencyStore(10, 40);
    for (let i = 0; i < 40; i++) many.allocateMember();
    for (let i = 0; i < 40; i++) many.releaseMember(i);
    expect(many.memberCount).toBe(0);
    for (let i = 39; i >= 0; i--) expect(many.allocateMember()).toBe(i);
    expect(many.indexBound).toBe(40);
  });
});
