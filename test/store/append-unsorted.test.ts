/**
 * `CompactAdjacencyStore.appendUnsorted` leaves a list's last entry out of order until the list
 * is read: every way of reading or changing a list must see it sorted, whether the list was put
 * in order by the read itself, by the batch of 256 that the 256th such list sets off, by a merge,
 * by `enableTimes` or not at all (compaction copies it as it is). A naive model of sets says what
 * each list must hold; fast-check drives random sequences of every operation, with statistics
 * proving that the runs reach lists out of order at each kind of read and the batch settling.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompactAdjacencyStore } from '../../src/store/compact-adjacency-store.js';
import { fcParams } from '../support/fc-config.js';

type Op =
  | { kind: 'connect'; a: number; b: number }
  | { kind: 'disconnect'; a: number; b: number }
  | { kind: 'read'; a: number; recent: boolean; how: 'slabOf' | 'neighbors' | 'has' | 'indexOfNeighbor' }
  | { kind: 'merge'; pairs: [number, number][] }
  | { kind: 'compact' }
  | { kind: 'times' }
  | { kind: 'burst'; a: number; count: number };

const MEMBERS = 600;

const opArb = (members: number): fc.Arbitrary<Op> => {
  const member = fc.nat(members - 1);
  const pair = fc.tuple(member, member).filter(([a, b]) => a !== b);
  return fc.oneof(
    { weight: 12, arbitrary: pair.map(([a, b]): Op => ({ kind: 'connect', a, b })) },
    { weight: 3, arbitrary: pair.map(([a, b]): Op => ({ kind: 'disconnect', a, b })) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('read' as const), a: member, recent: fc.boolean(), how: fc.constantFrom('slabOf' as const, 'neighbors' as const, 'has' as const, 'indexOfNeighbor' as const) }) },
    { weight: 1, arbitrary: fc.array(pair, { maxLength: 20 }).map((pairs): Op => ({ kind: 'merge', pairs })) },
    { weight: 1, arbitrary: fc.constant<Op>({ kind: 'compact' }) },
    { weight: 1, arbitrary: fc.constant<Op>({ kind: 'times' }) },
    // One member gains many connections from others, out of order: enough lists out of order to
    // fill the queue of 256.
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('burst' as const), a: member, count: fc.integer({ min: 100, max: 400 }) }) },
  );
};

/** The list of `v` as the store holds it, read the way `how` says; checked sorted by the caller. */
function read(store: CompactAdjacencyStore, v: number, how: 'slabOf' | 'neighbors'): number[] {
  if (how === 'neighbors') return Array.from(store.neighbors(v));
  const slab = store.slabOf(v);
  const start = store.offsetOf(v);
  return Array.from(slab.subarray(start, start + store.degreeOf(v)));
}

describe('CompactAdjacencyStore.appendUnsorted', () => {
  it('every read sees each list sorted and equal to the model, after any sequence of operations (fast-check)', () => {
    const seen = { outOfOrderReads: 0, batches: 0, merges: 0, times: 0, compactions: 0 };
    fc.assert(
      fc.property(fc.array(opArb(MEMBERS), { minLength: 50, maxLength: 400, size: 'max' }), fc.boolean(), (ops, appendSecond) => {
        const store = new CompactAdjacencyStore(1000);
        for (let i = 0; i < MEMBERS; i++) store.allocateMember();
        const model = Array.from({ length: MEMBERS }, () => new Set<number>());
        let outOfOrder = new Set<number>(); // lists whose last append went below their largest entry
        let sinceSettle = 0;
        let lastAppended = 0;
        const connect = (a: number, b: number): void => {
          const at = store.indexOfNeighbor(a, b);
          if (at >= 0) return;
          store.insertAt(a, b, -at - 1);
          if (store.hasTimes) store.insert(b, a);
          else {
            const largest = model[b]!.size === 0 ? -1 : Math.max(...model[b]!);
            if (a < largest && !outOfOrder.has(b)) sinceSettle++;
            store.appendUnsorted(b, a);
            lastAppended = b;
            if (a < largest) outOfOrder.add(b);
            if (sinceSettle > 256) {
              seen.batches++;
              sinceSettle = 1;
              outOfOrder = new Set([b]);
            }
          }
          model[a]!.add(b);
          model[b]!.add(a);
        };
        for (const op of ops) {
          if (op.kind === 'connect') {
            if (appendSecond) connect(op.a, op.b);
            else connect(op.b, op.a);
          } else if (op.kind === 'burst') {
            // Each list gets the top member first, then a lower one: its last entry out of order.
            for (let k = 0; k < op.count; k++) {
              const b = (op.a + k) % (MEMBERS - 1);
              connect(MEMBERS - 1, b);
              connect((b + 1) % (MEMBERS - 1), b);
            }
          } else if (op.kind === 'disconnect') {
            const removed = store.remove(op.a, op.b);
            expect(removed).toBe(model[op.a]!.has(op.b));
            if (removed) {
              expect(store.remove(op.b, op.a)).toBe(true);
              model[op.a]!.delete(op.b);
              model[op.b]!.delete(op.a);
            }
            outOfOrder.delete(op.a);
            outOfOrder.delete(op.b);
          } else if (op.kind === 'read') {
            // Half the reads go to the list appended to last, which is likely out of order.
            const a = op.recent ? lastAppended : op.a;
            if (outOfOrder.has(a)) seen.outOfOrderReads++;
            outOfOrder.delete(a);
            const want = [...model[a]!].sort((x, y) => x - y);
            if (op.how === 'slabOf' || op.how === 'neighbors') expect(read(store, a, op.how)).toEqual(want);
            else {
              for (const w of want) {
                if (op.how === 'has') expect(store.has(a, w)).toBe(true);
                else expect(store.indexOfNeighbor(a, w)).toBe(want.indexOf(w));
              }
              expect(store.has(a, MEMBERS + 1)).toBe(false);
            }
          } else if (op.kind === 'merge') {
            const us = Int32Array.from(op.pairs, (p) => p[0]);
            const vs = Int32Array.from(op.pairs, (p) => p[1]);
            const before = store.connectionCount;
            const added = store.mergePairs(us, vs, op.pairs.length, 0, false, () => {
              throw new Error('cap');
            });
            for (const [a, b] of op.pairs) {
              model[a]!.add(b);
              model[b]!.add(a);
            }
            expect(store.connectionCount).toBe(before + added);
            if (outOfOrder.size > 0 && op.pairs.length > 0) seen.merges++;
            if (op.pairs.length > 0) {
              outOfOrder = new Set();
              sinceSettle = 0;
            }
          } else if (op.kind === 'compact') {
            if (outOfOrder.size > 0) seen.compactions++;
            store.compact();
          } else {
            if (outOfOrder.size > 0 && !store.hasTimes) seen.times++;
            store.enableTimes();
            outOfOrder = new Set();
            sinceSettle = 0;
          }
        }
        // At the end, every list read every way: sorted, the model's, and the last entry known.
        for (let v = 0; v < MEMBERS; v++) {
          const want = [...model[v]!].sort((x, y) => x - y);
          expect(read(store, v, v % 2 === 0 ? 'slabOf' : 'neighbors')).toEqual(want);
          expect(store.degreeOf(v)).toBe(want.length);
          // A value above every entry appends: the record's last entry is right.
          if (want.length > 0) expect(store.indexOfNeighbor(v, want.at(-1)! + 1)).toBe(-want.length - 1);
        }
        expect(store.connectionCount).toBe(model.reduce((t, s) => t + s.size, 0) / 2);
      }),
      fcParams(150),
    );
    // The runs reached each way a list out of order gets put in order.
    expect(seen.outOfOrderReads).toBeGreaterThan(20);
    expect(seen.batches).toBeGreaterThan(5);
    expect(seen.merges).toBeGreaterThan(5);
    expect(seen.times).toBeGreaterThan(5);
    expect(seen.compactions).toBeGreaterThan(5);
  });
});
