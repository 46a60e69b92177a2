/**
 * `mergePairs` with a helper thread: groups merged by {@link mergeGroupsShared} on both threads
 * (here an in-thread stand-in that takes all of them when submitted, none, or the first chunk of 16
 * and leaves the rest to the calling thread) must leave
 * exactly the lists, blocks and pool counters that a merge on one thread leaves, whatever the batch
 * holds: repeats in either direction, pairs already connected (a group sized for the whole batch
 * then shrinks: its list goes back to its old block, or to a block of its own class), members
 * without a block, and hubs. A naive model of sets says what the lists must be.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompactAdjacencyStore } from '../../src/store/compact-adjacency-store.js';
import { fcParams } from '../support/fc-config.js';
import { inThreadHelper } from '../support/in-thread-helper.js';

const overflow = (member: number, degree: number): never => {
  throw new Error(`overflow ${member} ${degree}`);
};

interface Case {
  members: number;
  initial: [number, number][];
  batch: [number, number][];
  mode: 'eager' | 'lazy' | 'split';
}

const caseArb: fc.Arbitrary<Case> = fc.integer({ min: 3, max: 80 }).chain((members) => {
  const pair = fc.tuple(fc.nat(members - 1), fc.nat(members - 1)).filter(([a, b]) => a !== b);
  const hubPair = fc.integer({ min: 1, max: members - 1 }).map((b): [number, number] => (b % 2 === 0 ? [0, b] : [b, 0]));
  return fc.record({
    members: fc.constant(members),
    initial: fc.array(fc.oneof(pair, hubPair), { maxLength: 300, size: 'max' }),
    batch: fc.array(fc.oneof({ weight: 3, arbitrary: pair }, { weight: 1, arbitrary: hubPair }), { minLength: 2, maxLength: 400, size: 'max' }),
    mode: fc.constantFrom('eager' as const, 'lazy' as const, 'split' as const),
  });
});

/** A store over shared memory (a bulk load's), holding `pairs`. */
function loaded(members: number, pairs: [number, number][]): CompactAdjacencyStore {
  const store = new CompactAdjacencyStore(1000);
  store.bulkLoad(members, Int32Array.from(pairs, (p) => p[0]), Int32Array.from(pairs, (p) => p[1]), pairs.length, overflow);
  return store;
}

describe('mergePairs with a helper thread', () => {
  it('leaves the lists, blocks and counters of a merge on one thread, and the lists of a naive model (fast-check)', () => {
    const seen = { repeats: 0, known: 0, shrunk: 0, helped: 0, split: 0 };
    fc.assert(
      fc.property(caseArb, ({ members, initial, batch, mode }) => {
        const sets = Array.from({ length: members }, () => new Set<number>());
        for (const [a, b] of initial) {
          sets[a]!.add(b);
          sets[b]!.add(a);
        }
        const keys = new Set<string>();
        let repeats = false;
        let known = false;
        for (const [a, b] of batch) {
          const key = a < b ? `${a}|${b}` : `${b}|${a}`;
          if (keys.has(key)) repeats = true;
          keys.add(key);
          if (sets[a]!.has(b)) known = true;
        }
        const alone = loaded(members, initial);
        const helped = loaded(members, initial);
        const us = Int32Array.from(batch, (p) => p[0]);
        const vs = Int32Array.from(batch, (p) => p[1]);
        const before = alone.connectionCount;
        const helper = inThreadHelper(mode);
        const added = alone.mergePairs(us, vs, batch.length, 0, false, overflow);
        expect(helped.mergePairs(us, vs, batch.length, 0, false, overflow, null, null, helper)).toBe(added);
        expect(helper.tasks).toEqual(['mergeGroupsShared']);
        // Both threads merged groups: more than one chunk of 16 members touched.
        if (mode === 'split' && new Set(batch.flat()).size > 16) seen.split++;
        for (const [a, b] of batch) {
          sets[a]!.add(b);
          sets[b]!.add(a);
        }
        for (let v = 0; v < members; v++) {
          const want = [...sets[v]!].sort((x, y) => x - y);
          expect(Array.from(helped.neighbors(v))).toEqual(want);
          expect(Array.from(alone.neighbors(v))).toEqual(want);
        }
        expect(helped.connectionCount).toBe(before + added);
        expect(helped.stats()).toEqual(alone.stats());
        // Exactly sized, as the merge member by member (the path taken when times are recorded)
        // leaves each list: in its old block if that has room, else in a block of its class.
        const timed = loaded(members, initial);
        timed.enableTimes();
        expect(timed.mergePairs(us, vs, batch.length, 0, false, overflow)).toBe(added);
        expect(helped.stats().blockSlots).toBe(timed.stats().blockSlots);
        expect(helped.stats().usedSlots).toBe(timed.stats().usedSlots);
        if (repeats) seen.repeats++;
        if (known) seen.known++;
        if (repeats || known) seen.shrunk++;
        seen.helped++;
      }),
      fcParams(300),
    );
    // The cases that matter were reached: batches with repeats and with known pairs, whose groups
    // were sized for more than they kept.
    expect(seen.repeats).toBeGreaterThan(30);
    expect(seen.known).toBeGreaterThan(30);
    expect(seen.helped).toBe(300);
    expect(seen.split).toBeGreaterThan(35);
  });

  it('a group sized for the whole batch that keeps less goes back to its old block, or into a block of its own class', () => {
    for (const mode of ['eager', 'lazy'] as const) {
      // Members 0 and 1 hold 10 each, in blocks of 12. The batch asks each for the same 10 again,
      // and member 0 for 1 new one, member 1 for 4: both groups are sized for 21 or 24 (a block
      // of 24); member 0's list (11) goes back to its block of 12, member 1's (14) into one of 16.
      // Member 2, without a block, takes 10 new ones (a block of 12).
      const initial: [number, number][] = Array.from({ length: 20 }, (_, i): [number, number] => [i % 2, 3 + (i >> 1)]);
      const batch: [number, number][] = [...initial, [0, 40], [1, 41], [1, 42], [1, 43], [1, 44], ...Array.from({ length: 10 }, (_, i): [number, number] => [2, 20 + i])];
      const alone = loaded(50, initial);
      const helped = loaded(50, initial);
      const us = Int32Array.from(batch, (p) => p[0]);
      const vs = Int32Array.from(batch, (p) => p[1]);
      const at0 = helped.offsetOf(0);
      const at1 = helped.offsetOf(1);
      expect(alone.mergePairs(us, vs, batch.length, 0, false, overflow)).toBe(15);
      expect(helped.mergePairs(us, vs, batch.length, 0, false, overflow, null, null, inThreadHelper(mode))).toBe(15);
      expect(Array.from(helped.neighbors(0))).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 40]);
      expect(Array.from(helped.neighbors(1))).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 41, 42, 43, 44]);
      expect(Array.from(helped.neighbors(2))).toEqual([20, 21, 22, 23, 24, 25, 26, 27, 28, 29]);
      expect(helped.offsetOf(0)).toBe(at0); // the same block: nothing copied back and forth
      expect(helped.offsetOf(1)).not.toBe(at1);
      expect(helped.stats()).toEqual(alone.stats());
    }
  });
});
