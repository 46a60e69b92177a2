/**
 * IdInterner with ids whose seeded hashes collide: identity must come from the packed words
 * (short and numbered ids) or the strings (other ids), never from the hash alone.
 */
import { describe, expect, it } from 'vitest';
import { IdInterner } from '../../src/store/id-interner.js';
import { internPairs } from '../../src/store/intern-pairs.js';

// Pairs of distinct ids whose hashes collide under seed 11, found once by a birthday search
// over families such as `s${i}`, `member-number-${i}` and `long-member-${i}x` (each test checks
// the collision). A numbered id's words hold its prefix's code, which is 1 for the first
// prefix an interner binds: both ids of a numbered pair are hashed by a fresh interner. Two
// numbered ids under one prefix collide only if they differ in both words (the hash is a
// bijection of either word when the other is fixed): their numbers differ in the first digits
// of twelve and in the last eight.
const SEED = 11;
const PAIRS: [string, [string, string]][] = [
  ['short ids', ['s30244', 's104584']],
  ['long ids', ['long-member-192876x', 'x12833-other-member']],
  ['a short and a long id', ['s166234', 'long-member-4525x']],
  ['numbered ids', ['member-number-306244281802', 'member-number-783701291687']],
  ['a short and a numbered id', ['s189793', 'member-number-10628']],
  ['a long and a numbered id', ['long-member-77416x', 'member-number-25190']],
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

  it('packs only ids of at most 8 characters from U+0001 to U+00FF, at every position, and numbered ids', () => {
    const ids = new IdInterner(3);
    const tricky = ['abcd', 'abcd\u0000', 'abcd\u0100', 'abcdefg\u0000', 'abcdefg\u00ff', 'a\u0100', '\u0100bcd', 'abc\u0000', 'abcdefgh', 'abcdefgh\u0001', '\u00ff'];
    const numbered = ['abcdefgh9', 'abcdefgh0', 'abcdefgh09', 'abc\u0000\ud8009', 'u/123456789012', '123456789', '\u0100' + '0', 'x'.repeat(64) + '7'];
    const notNumbered = ['u/1234567890123', 'x'.repeat(65) + '7', 'abcdefgh9x', 'abcdefghi'];
    for (const id of tricky) {
      ids.hashPacked(id);
      const short = id.length <= 8 && [...id].every((ch) => ch.charCodeAt(0) >= 1 && ch.charCodeAt(0) <= 255);
      const number = /^[\s\S]{0,64}?\d{1,12}$/.test(id) && !/\d{13}$/.test(id);
      expect([id, ids.packedLow !== 0]).toEqual([id, short || number]);
    }
    for (const id of numbered) {
      ids.hashPacked(id);
      expect([id, ids.packedLow !== 0, ids.packedLow & 0xff]).toEqual([id, true, 0]);
    }
    for (const id of notNumbered) {
      ids.hashPacked(id);
      expect([id, ids.packedLow]).toEqual([id, 0]);
    }
    tricky.push(...numbered, ...notNumbered);
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
