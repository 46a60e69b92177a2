/**
 * IdInterner with ids whose seeded hashes collide: identity must
 * come from the packed words (short ids) or the strings (other ids), never from the hash alone.
 */
import { describe, expect, it } from 'vitest';
import { IdInterner } from '../../src/store/id-interner.js';
import { internPairs } from '../../src/store/intern-pairs.js';

// Pairs of distinct ids whose hashes collide under seed 11, found once by a birthday search
// over `s${i}`, `member-number-${i}` and `long-member-${i}` (each test checks the collision).
const SEED = 11;
const PAIRS: [string, [string, string]][] = [
  ['short ids', ['s30244', 's104584']],
  ['long ids', ['member-number-268755', 'member-number-1173890']],
  ['a short and a long id', ['s29629', 'long-member-8149']],
];

describe('IdInterner identity under hash collisions', () => {
  for (const [kind, [a, b]] of PAIRS) {
    it(`tells apart two ${kind} with the same hash`, () => {
      const ids = new IdInterner(SEED);
      expect(ids.hashPacked(a)).toBe(ids.hashPacked(b));
      ids.set(a, 0);
      expect(ids.indexOf(b)).toBe(-1);
      ids.set(b, 1);
      expect(ids.indexOf(a)).toBe(0);
      expect(ids.indexOf(b)).toBe(1);
      const out = new Int32Array(2);
      ids.indexOfPair(b, a, out);
      expect(Array.from(out)).toEqual([1, 0]);
      ids.delete(a, 0);
      expect(ids.indexOf(a)).toBe(-1);
      expect(ids.indexOf(b)).toBe(1);
    });
  }

  it('packs only ids of at most 8 characters from U+0001 to U+00FF, at every position', () => {
    const ids = new IdInterner(3);
    const tricky = ['abcd', 'abcd\u0000', 'abcd\u0100', 'abcdefg\u0000', 'abcdefg\u00ff', 'a\u0100', '\u0100bcd', 'abc\u0000', 'abcdefgh', 'abcdefgh\u0001', '\u00ff'];
    for (const id of tricky) {
      ids.hashPacked(id);
      const short = id.length <= 8 && [...id].every((ch) => ch.charCodeAt(0) >= 1 && ch.charCodeAt(0) <= 255);
      expect([id, ids.packedLow !== 0]).toEqual([id, short]);
    }
    tricky.forEach((id, i) => ids.set(id, i));
    tricky.forEach((id, i) => expect(ids.indexOf(id)).toBe(i));
    expect(ids.indexOf('abcd\u0001')).toBe(-1);
    expect(ids.indexOf('abc')).toBe(-1);
  });

  it('internPairs numbers colliding ids apart, in one chunk and across chunks', () => {
    for (const [, [a, b]] of PAIRS) {
      for (const chunkPairs of [1, 16]) {
        const ids = new IdInterner(SEED);
        const got = internPairs([[a, 'x'], [b, a], ['x', b]], ids, (p) => {
          throw new Error(p.kind);
        }, { chunkPairs });
        got.bind();
        expect(got.members).toBe(3);
        expect(Array.from(got.src.subarray(0, 3))).toEqual([0, 2, 1]);
        expect(Array.from(got.dst.subarray(0, 3))).toEqual([1, 0, 2]);
        expect([ids.idOf(0), ids.idOf(1), ids.idOf(2)]).toEqual([a, 'x', b]);
      }
    }
  });
});
