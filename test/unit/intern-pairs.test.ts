import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerHelper } from '../../src/node/worker-helper.js';
import type { HelperThread } from '../../src/store/helper-thread.js';
import { IdInterner } from '../../src/store/id-interner.js';
import { internPairs, type InternProblem } from '../../src/store/intern-pairs.js';
import { fcParams } from '../support/fc-config.js';

/** The oracle: ids numbered one at a time in order of first appearance, self-pairs dropped. */
function naive(pairs: readonly (readonly [string, string])[]) {
  const index = new Map<string, number>();
  const number = (id: string): number => {
    let v = index.get(id);
    if (v === undefined) index.set(id, (v = index.size));
    return v;
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
  return { src, dst, selfPairs, ids: [...index.keys()] };
}

/** internPairs, with the ids bound at once. */
function intern(...args: Parameters<typeof internPairs>) {
  const got = internPairs(...args);
  got.bind();
  return got;
}

const reject = (problem: InternProblem): never => {
  throw new Error(`${problem.kind} ${problem.at}`);
};

// Short ids from a small alphabet repeat a lot; longer and non-Latin ids take other paths.
const id = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'b', 'c'), minLength: 1, maxLength: 3 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
  fc.nat(5000).map((n) => `u${n}`),
);

describe('internPairs', () => {
  it('numbers ids exactly as one-at-a-time interning does, whatever the chunk size and input kind', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(id, id), { maxLength: 300 }),
        fc.constantFrom(1, 2, 3, 7, 64, 1 << 20),
        fc.boolean(),
        fc.integer(),
        (pairs, chunk, asIterable, seed) => {
          const ids = new IdInterner(seed);
          const input = asIterable ? (function* () { yield* pairs; })() : pairs;
          const got = intern(input, ids, reject, { chunkPairs: chunk });
          const want = naive(pairs);
          expect(Array.from(got.src.subarray(0, got.edges))).toEqual(want.src);
          expect(Array.from(got.dst.subarray(0, got.edges))).toEqual(want.dst);
          expect(got.selfPairs).toBe(want.selfPairs);
          expect(got.pairs).toBe(pairs.length);
          expect(got.members).toBe(want.ids.length);
          want.ids.forEach((name, i) => {
            expect(ids.indexOf(name)).toBe(i);
            expect(ids.idOf(i)).toBe(name);
          });
        },
      ),
      fcParams(400),
    );
  });

  it('numbers runs of pairs that share their first id (same string, or an equal copy) correctly', () => {
    // Edge lists grouped by source, as files and generators give them; copies are distinct
    // string objects with equal contents, and long or non-Latin ids are compared as strings.
    const copy = (s: string) => [...s].join('');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(id, fc.array(fc.tuple(id, fc.boolean()), { minLength: 1, maxLength: 6 })), { maxLength: 60 }),
        fc.constantFrom(1, 3, 8, 1 << 20),
        fc.integer(),
        (runs, chunk, seed) => {
          const pairs: [string, string][] = [];
          for (const [first, seconds] of runs) {
            for (const [second, fresh] of seconds) pairs.push([fresh ? copy(first) : first, fresh ? copy(second) : second]);
          }
          const ids = new IdInterner(seed);
          const got = intern(pairs, ids, reject, { chunkPairs: chunk });
          const want = naive(pairs);
          expect(Array.from(got.src.subarray(0, got.edges))).toEqual(want.src);
          expect(Array.from(got.dst.subarray(0, got.edges))).toEqual(want.dst);
          expect(got.selfPairs).toBe(want.selfPairs);
          want.ids.forEach((name, i) => expect(ids.indexOf(name)).toBe(i));
        },
      ),
      fcParams(300),
    );
  });

  it('binds each id as it was validated: a getter that changes its answer is rejected or not read again', () => {
    // Changed between the read ahead and the validating read: rejected, binding nothing.
    const early = ['ada', 'bob'] as unknown as [string, string];
    let earlyReads = 0;
    Object.defineProperty(early, 0, { get: () => (earlyReads++ < 1 ? 'ada' : 42), enumerable: true });
    const none = new IdInterner(5);
    expect(() => intern([early, ['bob', 'cy']], none, reject)).toThrow(/^id 0$/);
    expect(none.size).toBe(0);
    // Changed after validation: the id is bound by the words taken from the validated string
    // (the interner keeps no string for a packed id), never from a later read.
    const late = ['ada', 'bob'] as unknown as [string, string];
    let lateReads = 0;
    Object.defineProperty(late, 0, { get: () => (lateReads++ < 2 ? 'ada' : 42), enumerable: true });
    const ids = new IdInterner(5);
    const got = intern([late, ['bob', 'cy']], ids, reject);
    expect(got.members).toBe(3);
    expect([ids.indexOf('ada'), ids.indexOf('bob'), ids.indexOf('cy')]).toEqual([0, 1, 2]);
    expect(ids.idOf(0)).toBe('ada');
    expect(lateReads).toBe(2);
  });

  it('grows its table when one partition fills up (100k distinct ids in one chunk)', () => {
    const pairs: [string, string][] = [];
    for (let i = 0; i < 100_000; i++) pairs.push([`m${i}`, `m${(i * 7919 + 13) % 100_000}`]);
    const ids = new IdInterner(1);
    const got = intern(pairs, ids, reject);
    expect(got.members).toBe(100_000);
    expect(ids.indexOf('m0')).toBe(0);
    expect(ids.indexOf('m13')).toBe(1);
    expect(got.src[5]).toBe(ids.indexOf('m5'));
  });

  it('rejects a bad pair or id with its position, binding nothing', () => {
    const bad: unknown[][] = [
      [['a', 'b'], ['c']],
      [['a', 'b'], 'ab'],
      [['a', 'b'], ['c', '']],
      [['a', 'b'], ['c', 7]],
    ];
    for (const pairs of bad) {
      const ids = new IdInterner(3);
      expect(() => intern(pairs as [string, string][], ids, reject)).toThrow(/ 1$/);
      expect(ids.size).toBe(0);
    }
  });

  describe('with a helper thread taking chunks of short ids', () => {
    let helper: HelperThread | null = null;
    beforeAll(() => {
      helper = startWorkerHelper();
      expect(helper).not.toBeNull();
    });
    afterAll(() => helper?.close());

    it('numbers ids exactly as one-at-a-time interning does, chunks of short ids and others mixed', () => {
      // A chunk holding an id that is not short (or non-Latin) runs on this thread, the others
      // on the worker: both work on the same table, in input order.
      fc.assert(
        fc.property(fc.array(fc.tuple(id, id), { minLength: 2, maxLength: 200 }), fc.constantFrom(1, 3, 16), fc.boolean(), fc.integer(), (pairs, chunk, asIterable, seed) => {
          const ids = new IdInterner(seed);
          // An iterable takes the helper after its first chunk, and its ids are named from the
          // chunk's strings when the helper hands the chunk back.
          const input = asIterable ? (function* () { yield* pairs; })() : pairs;
          const got = intern(input, ids, reject, { chunkPairs: chunk, helper: () => helper });
          const want = naive(pairs);
          expect(Array.from(got.src.subarray(0, got.edges))).toEqual(want.src);
          expect(Array.from(got.dst.subarray(0, got.edges))).toEqual(want.dst);
          expect(got.selfPairs).toBe(want.selfPairs);
          expect(got.members).toBe(want.ids.length);
          want.ids.forEach((name, i) => expect(ids.idOf(i)).toBe(name));
        }),
        fcParams(40),
      );
    });

    it('gives the one-thread answer on 300k pairs with table growth in the worker', () => {
      const pairs: [string, string][] = [];
      for (let i = 0; i < 300_000; i++) pairs.push([`m${i >> 3}`, `m${(i * 7919 + 13) % 120_000}`]);
      pairs.push(['a-long-member-id-0001', 'm5'], ['m7', 'm7']);
      const one = intern(pairs, new IdInterner(9), reject, { chunkPairs: 40_000 });
      const ids = new IdInterner(9);
      const two = intern(pairs, ids, reject, { chunkPairs: 40_000, helper: () => helper });
      expect(two.edges).toBe(one.edges);
      expect(two.selfPairs).toBe(one.selfPairs);
      expect(two.members).toBe(one.members);
      expect(Buffer.from(two.src.buffer, 0, 4 * two.edges).equals(Buffer.from(one.src.buffer, 0, 4 * one.edges))).toBe(true);
      expect(Buffer.from(two.dst.buffer, 0, 4 * two.edges).equals(Buffer.from(one.dst.buffer, 0, 4 * one.edges))).toBe(true);
      expect(ids.indexOf('a-long-member-id-0001')).toBe(one.members - 1);
    });

    it('rejects a bad pair met while the worker holds the previous chunk, binding nothing', () => {
      const pairs: unknown[] = [];
      for (let i = 0; i < 100; i++) pairs.push([`a${i}`, `b${i}`]);
      pairs[57] = ['a57', null];
      const ids = new IdInterner(3);
      expect(() => intern(pairs as [string, string][], ids, reject, { chunkPairs: 10, helper: () => helper })).toThrow(/^id 57$/);
      expect(ids.size).toBe(0);
      // The helper was waited for and takes work again.
      const again = intern([['a', 'b'], ['b', 'c'], ['c', 'a']], new IdInterner(3), reject, { chunkPairs: 1, helper: () => helper });
      expect(again.edges).toBe(3);
    });
  });
});
