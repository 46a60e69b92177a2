import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdInterner } from '../../src/store/id-interner.js';
import { Coverage } from '../support/coverage.js';
import { fcParams } from '../support/fc-config.js';
import { inThreadHelper } from '../support/in-thread-helper.js';

/** Standard MurmurHash3 x86_32 over `bytes` (written from the reference, for known answers). */
function murmur3(bytes: readonly number[], seed: number): number {
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  const rotl = (x: number, r: number): number => (x << r) | (x >>> (32 - r));
  let h = seed | 0;
  const blocks = bytes.length >> 2;
  for (let i = 0; i < blocks; i++) {
    let k = bytes[4 * i]! | (bytes[4 * i + 1]! << 8) | (bytes[4 * i + 2]! << 16) | (bytes[4 * i + 3]! << 24);
    k = Math.imul(rotl(Math.imul(k, c1), 15), c2);
    h = (Math.imul(rotl(h ^ k, 13), 5) + 0xe6546b64) | 0;
  }
  let k = 0;
  const tail = bytes.length & 3;
  if (tail >= 3) k ^= bytes[4 * blocks + 2]! << 16;
  if (tail >= 2) k ^= bytes[4 * blocks + 1]! << 8;
  if (tail >= 1) {
    k ^= bytes[4 * blocks]!;
    h ^= Math.imul(rotl(Math.imul(k, c1), 15), c2);
  }
  return fmix(h ^ bytes.length);
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** Whether the interner packs `id`: at most 8 characters, each from U+0001 to U+00FF. */
const isShort = (id: string): boolean => id.length <= 8 && [...id].every((ch) => ch.length === 1 && ch.charCodeAt(0) >= 1 && ch.charCodeAt(0) <= 255);

/**
 * A numbered id's prefix and digits: the run of 1 to 12 digits that ends the id, after a prefix of
 * at most 64 UTF-16 units (which, the run being whole, does not end in a digit).
 */
function numbered(id: string): { prefix: string; digits: string } | null {
  const match = /^([\s\S]*?)(\d+)$/.exec(id);
  if (match === null) return null;
  const [, prefix, digits] = match as unknown as [string, string, string];
  if (digits.length > 12 || prefix.length > 64) return null;
  return { prefix, digits };
}

/** The expected hash and packed words of `id` under `seed`, its prefix (if numbered) coded `code`. */
function expected(id: string, seed: number, code = 1): { hash: number; low: number; high: number } {
  const parts = isShort(id) ? null : numbered(id);
  if (isShort(id) || parts !== null) {
    let bytes: number[];
    if (isShort(id)) {
      // A short id: its characters, one byte each.
      bytes = Array.from({ length: 8 }, (_, i) => (i < id.length ? id.charCodeAt(i) : 0));
    } else {
      // A numbered id: 0, the prefix's code, then 12 places of 4 bits holding the digits
      // right-aligned (unused places all ones): their top 16 bits, then their low 32 bits, each
      // least significant byte first.
      const places = BigInt(`0x${'f'.repeat(12 - parts!.digits.length)}${parts!.digits}`);
      const top = Number(places >> 32n);
      const rest = Number(places & 0xffffffffn);
      bytes = [0, code, top & 0xff, top >>> 8, rest & 0xff, (rest >>> 8) & 0xff, (rest >>> 16) & 0xff, rest >>> 24];
    }
    const low = bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16) | (bytes[3]! << 24);
    const high = bytes[4]! | (bytes[5]! << 8) | (bytes[6]! << 16) | (bytes[7]! << 24);
    return { hash: murmur3(bytes, seed), low, high };
  }
  let h = (seed ^ 0x811c9dc5) | 0;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return { hash: fmix(h), low: 0, high: 0 };
}

describe('IdInterner hashing and packing', () => {
  it('the reference murmur3 gives its published answers', () => {
    const bytes = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
    expect(murmur3([], 0) >>> 0).toBe(0);
    expect(murmur3([], 1) >>> 0).toBe(0x514e28b7);
    expect(murmur3(bytes('aaaa'), 0x9747b28c) >>> 0).toBe(0x5a97808a);
    expect(murmur3(bytes('abc'), 0) >>> 0).toBe(0xb3dd93fa);
    expect(murmur3(bytes('Hello, world!'), 1234) >>> 0).toBe(0xfaf6cdb3);
  });

  it('hashes a short or numbered id by murmur3 over its 8 packed bytes and any other by seeded FNV-1a, both finished by fmix32', () => {
    const cov = new Coverage('hashing and packing');
    const id = fc.oneof(
      fc.string({ unit: fc.integer({ min: 0, max: 300 }).map((c) => String.fromCharCode(c)), maxLength: 10 }),
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.constantFrom('', 'a', 'abcd', 'abcdefgh', 'abcdefghi', '\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff', '\u0100', 'a\u0000b', '\ud800'),
      // Numbered ids and near misses: prefixes of every kind and length, 1 to 16 digits, leading zeros.
      fc
        .tuple(
          fc.oneof(fc.constantFrom('urn:li:member:', '', 'u/', 'x\ud800', '\u0000', 'a'.repeat(64), 'a'.repeat(65)), fc.string({ unit: 'binary', maxLength: 6 })),
          fc.stringMatching(/^\d{1,16}$/),
        )
        .map(([prefix, digits]) => prefix + digits),
    );
    fc.assert(
      fc.property(id, fc.integer(), (s, seed) => {
        cov.hit({
          short: isShort(s),
          numbered: !isShort(s) && numbered(s) !== null,
          'digits at the end, not numbered': !isShort(s) && numbered(s) === null && /\d$/.test(s),
        });
        const interner = new IdInterner(seed);
        const want = expected(s, seed);
        expect(interner.hashPacked(s)).toBe(want.hash);
        expect(interner.packedLow).toBe(want.low);
        expect(interner.packedHigh).toBe(want.high);
      }),
      { ...fcParams(500), numRuns: Math.max(60, fcParams(500).numRuns ?? 0) },
    );
    cov.expect({ short: 0.1, numbered: 0.1, 'digits at the end, not numbered': 0.02 });
    // Seeds are taken as int32.
    expect(new IdInterner(2 ** 32 + 5).hashPacked('abc')).toBe(expected('abc', 5).hash);
  });
});

describe('IdInterner lookups', () => {
  it('indexOf, indexOfPair and indexOfBatch agree with a Map through growth, deletes and reuse', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 7 }),
        fc.array(
          fc.tuple(
            fc.nat(3),
            fc.oneof(
              fc.nat(60).map((n) => `m${n}`),
              fc.nat(60).map((n) => `a-longer-member-${n}`),
              fc.nat(60).map((n) => `a-longer-member-0${n}`),
              fc.nat(60).map((n) => `a-longer-member-${n}x`),
              fc.tuple(fc.nat(5), fc.nat(60)).map(([p, n]) => `urn:${p}:${n}`),
            ),
          ),
          { minLength: 50, maxLength: 200 },
        ),
        (seed, ops) => {
          const interner = new IdInterner(seed);
          const model = new Map<string, number>();
          const free: number[] = [];
          let next = 0;
          for (const [kind, id] of ops) {
            if (kind <= 1 && !model.has(id)) {
              const index = free.pop() ?? next++;
              if (kind === 0) interner.set(id, index);
              else {
                const hash = interner.hashPacked(id);
                interner.setPacked(id, index, hash, interner.packedLow, interner.packedHigh);
              }
              model.set(id, index);
            } else if (kind === 2 && model.has(id)) {
              interner.delete(id, model.get(id)!);
              free.push(model.get(id)!);
              model.delete(id);
            } else if (kind === 3) {
              const out = Int32Array.of(9, 9, 9);
              interner.indexOfPair(id, `m${id.length}`, out);
              expect(Array.from(out)).toEqual([model.get(id) ?? -1, model.get(`m${id.length}`) ?? -1, 9]);
              // Again with the same first id (its index then comes from the last call's).
              interner.indexOfPair(id, 'm7', out);
              expect(Array.from(out)).toEqual([model.get(id) ?? -1, model.get('m7') ?? -1, 9]);
            }
            expect(interner.size).toBe(model.size);
          }
          const probes = [...new Set(ops.map(([, id]) => id))];
          const out = new Int32Array(probes.length + 1).fill(9);
          interner.indexOfBatch(probes, probes.length, out);
          expect(Array.from(out)).toEqual([...probes.map((id) => model.get(id) ?? -1), 9]);
          out.fill(9);
          interner.indexOfAll(probes, probes.length, out);
          expect(Array.from(out)).toEqual([...probes.map((id) => model.get(id) ?? -1), 9]);
          for (const [id, index] of model) {
            expect(interner.indexOf(id)).toBe(index);
            expect(interner.idOf(index)).toBe(id);
          }
          const seen: [string, number][] = [];
          interner.forEach((id, index) => seen.push([id, index]));
          expect(seen).toEqual([...model].sort((p, q) => p[1] - q[1]));
        },
      ),
      { ...fcParams(300), numRuns: Math.max(40, fcParams(300).numRuns ?? 0) },
    );
  });

  it('indexOfPair reuses the index of a repeated first id only while that id stays bound to it', () => {
    const interner = new IdInterner(7);
    const a = 'urn:li:member:123456789';
    const other = 'not-a-numbered-id';
    const out = new Int32Array(2);
    interner.indexOfPair(a, other, out);
    expect(Array.from(out)).toEqual([-1, -1]); // not found: nothing to reuse
    interner.set(a, 3);
    interner.set(other, 4);
    interner.indexOfPair(a, other, out);
    expect(Array.from(out)).toEqual([3, 4]);
    // An equal string that is another object, and a pair in the other order.
    const copy = ['urn:li:member:', '123456789'].join('');
    interner.indexOfPair(copy, a, out);
    expect(Array.from(out)).toEqual([3, 3]);
    interner.indexOfPair(other, a, out);
    expect(Array.from(out)).toEqual([4, 3]);
    interner.indexOfPair(a, other, out);
    expect(Array.from(out)).toEqual([3, 4]);
    interner.delete(a, 3);
    interner.indexOfPair(a, other, out);
    expect(Array.from(out)).toEqual([-1, 4]);
    interner.set(a, 9);
    interner.indexOfPair(a, other, out);
    expect(Array.from(out)).toEqual([9, 4]);
    interner.delete(other, 4);
    interner.indexOfPair(a, other, out);
    expect(Array.from(out)).toEqual([9, -1]);
  });

  it('indexOfAll with a helper probing packed ids gives the answers of a lookup on one thread, for every kind of id', () => {
    // 2^17 + 1,000 lookups (the helper's minimum is 2^17): numbered, short and other ids, bound
    // or not.
    const interner = new IdInterner(77);
    const bound = new Map<string, number>();
    const idAt = (i: number): string => (i % 3 === 0 ? `urn:li:member:${100_000_000 + i}` : i % 3 === 1 ? `u${i}` : `member-${i}-x`);
    for (let i = 0; i < 100_000; i++) {
      interner.set(idAt(i), i);
      bound.set(idAt(i), i);
    }
    const probes: string[] = [];
    for (let i = 0; i < (1 << 17) + 1000; i++) probes.push(idAt((i * 7919) % 140_000));
    const want = probes.map((id) => bound.get(id) ?? -1);
    for (const mode of ['eager', 'lazy'] as const) {
      const helper = inThreadHelper(mode);
      const out = new Int32Array(new SharedArrayBuffer(4 * probes.length)).fill(9);
      interner.indexOfAll(probes, probes.length, out, helper);
      expect(Array.from(out)).toEqual(want);
      expect(helper.tasks).toEqual(['probePacked', 'probePacked', 'probePacked']); // chunks of 2^16
      // Below the minimum, or into memory a helper cannot see, it looks up on this thread.
      const few = inThreadHelper(mode);
      const plain = new Int32Array(probes.length);
      interner.indexOfAll(probes, probes.length, plain, few);
      expect(Array.from(plain)).toEqual(want);
      interner.indexOfAll(probes, 1 << 16, new Int32Array(new SharedArrayBuffer(4 << 16)), few);
      expect(few.tasks).toEqual([]);
    }
  });

  it('codes the first 255 prefixes of numbered ids it binds, and keeps ids under any later one as strings', () => {
    const interner = new IdInterner(5);
    const ids: string[] = [];
    // A lookup codes nothing: only binding does.
    expect(interner.indexOf('never-again:1')).toBe(-1);
    for (let p = 0; p < 300; p++) for (let n = 0; n < 3; n++) ids.push(`prefix-${p}x:${n * 1000 + p}`);
    ids.forEach((id, i) => interner.set(id, i));
    const packed = (id: string): boolean => {
      interner.hashPacked(id);
      return interner.packedLow !== 0;
    };
    // (Short ids are packed whatever their shape: these are longer.) 'never-again:' came after
    // the 255 codes were taken: its ids are not packed.
    expect([packed('prefix-0x:5'), packed('prefix-254x:5'), packed('prefix-255x:5'), packed('never-again:1')]).toEqual([true, true, false, false]);
    ids.forEach((id, i) => expect(interner.indexOf(id)).toBe(i));
    // Deleting every id keeps the codes: rebinding packs the same ids, and finds them all.
    ids.forEach((id, i) => interner.delete(id, i));
    expect(interner.size).toBe(0);
    ids.forEach((id) => expect(interner.indexOf(id)).toBe(-1));
    ids.forEach((id, i) => interner.set(id, i));
    ids.forEach((id, i) => expect(interner.indexOf(id)).toBe(i));
    expect(interner.indexOf('prefix-255x:1')).toBe(-1);
    expect(interner.indexOf('prefix-255x:255')).toBe(3 * 255);
  });

  it('tells a numbered id apart from the same number under another prefix, with a leading zero, or as a short id', () => {
    const interner = new IdInterner(9);
    const ids = ['urn:a:123456789', 'urn:b:123456789', 'urn:a:0123456789', '123456789', '12345678', 'urn:a:123456789 ', 'urn:a:99999999999999', 'urn:a:999999999999999'];
    ids.forEach((id, i) => interner.set(id, i));
    ids.forEach((id, i) => expect(interner.indexOf(id)).toBe(i));
    expect(interner.indexOf('urn:c:123456789')).toBe(-1);
    expect(interner.indexOf('urn:a:12345678')).toBe(-1);
    expect(interner.indexOf('urn:a:1234567890')).toBe(-1);
  });

  it('deletes inside probe runs that wrap around the end of the table', () => {
    // Ids whose home slot is one of the last of 16: their runs wrap to slots 0, 1, ... (the home
    // of hash h among 16 slots is ⌊h · 16 / 2^32⌋, its top 4 bits).
    const seed = 3;
    const probe = new IdInterner(seed);
    const homeOf = (id: string): number => probe.hashPacked(id) >>> 28;
    const wrapping: string[] = [];
    const early: string[] = [];
    for (let i = 0; wrapping.length < 4 || early.length < 3; i++) {
      const id = `w${i}`;
      const home = homeOf(id);
      if (home >= 14 && wrapping.length < 4) wrapping.push(id);
      else if (home <= 1 && early.length < 3) early.push(id);
    }
    const ids = [...wrapping, ...early];
    for (let order = 0; order < ids.length; order++) {
      const interner = new IdInterner(seed);
      ids.forEach((id, i) => interner.set(id, i));
      const gone = ids[order]!;
      interner.delete(gone, order);
      expect(interner.indexOf(gone)).toBe(-1);
      ids.forEach((id, i) => {
        if (i !== order) expect(interner.indexOf(id)).toBe(i);
      });
      // And the rest can still be deleted one by one.
      ids.forEach((id, i) => {
        if (i === order) return;
        interner.delete(id, i);
        expect(interner.indexOf(id)).toBe(-1);
      });
      expect(interner.size).toBe(0);
    }
  });

  it('bytes counts 12 bytes per table slot, 8 per index for packed words and 8 per index for strings once one is held', () => {
    const interner = new IdInterner(1);
    // 16 slots of 12 bytes; packed words for 16 indices.
    expect(interner.bytes).toBe(16 * 12 + 16 * 8);
    // Up to 3/4 full: 12 ids fit 16 slots. Short ids are packed: no string array.
    for (let i = 0; i < 12; i++) interner.set(`id${i}`, i);
    expect(interner.bytes).toBe(16 * 12 + 16 * 8);
    // The 13th grows the table by half.
    interner.set('id12', 12);
    expect(interner.bytes).toBe(24 * 12 + 16 * 8);
    // An id that is not packed at index 20: the words grow by a quarter (or to the index), and
    // the string array reaches it.
    interner.set('not packed: far', 20);
    expect(interner.bytes).toBe(24 * 12 + 21 * 8 + 21 * 8);
    expect(interner.indexOf('not packed: far')).toBe(20);
    const seen: number[] = [];
    interner.forEach((_, index) => seen.push(index));
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 20]);
    // reserve sizes the table at 1.5 slots per id when the ids would not fit at 3/4, and the
    // words to the count; not when they already fit.
    interner.reserve(100);
    expect(interner.bytes).toBe(150 * 12 + 100 * 8 + 21 * 8);
    interner.reserve(10);
    expect(interner.bytes).toBe(150 * 12 + 100 * 8 + 21 * 8);
    // 112 ids still fit 150 slots; the words grow by a quarter.
    interner.reserve(112);
    expect(interner.bytes).toBe(150 * 12 + 125 * 8 + 21 * 8);
    interner.reserve(113);
    expect(interner.bytes).toBe(170 * 12 + 125 * 8 + 21 * 8);
    for (let i = 0; i < 13; i++) expect(interner.indexOf(`id${i}`)).toBe(i);
    expect(interner.idOf(20)).toBe('not packed: far');
  });

  it('tells apart a long id from the short ids that share its hash slot words', () => {
    const interner = new IdInterner(0);
    interner.set('abcdefgh', 0);
    interner.set('abcdefghi', 1);
    interner.set('\u0100', 2);
    interner.set('x', 3);
    expect(interner.indexOf('abcdefgh')).toBe(0);
    expect(interner.indexOf('abcdefghi')).toBe(1);
    expect(interner.indexOf('\u0100')).toBe(2);
    expect(interner.indexOf('x')).toBe(3);
    expect(interner.indexOf('abcdefg')).toBe(-1);
    expect(interner.indexOf('\u0101')).toBe(-1);
    expect(interner.indexOf('x\u0000')).toBe(-1);
  });
});

describe('IdInterner ids back', () => {
  /** Ids of every shape: short, numbered (leading zeros, all zeros, 12 and 13 digits), hostile. */
  const anyId = fc.oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 10 }),
    fc.string({ unit: fc.integer({ min: 0, max: 0x1ff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 9 }),
    fc
      .tuple(
        fc.constantFrom('urn:li:member:', 'user/', '', 'x', '__proto__:', 'a\u0000b:', '\ud800:', 'é-', 'p'.repeat(64), 'q'.repeat(65)),
        fc.stringMatching(/^[0-9]{1,14}$/),
      )
      .map(([prefix, digits]) => prefix + digits),
  );

  it('idOf gives back an equal string for every id, packed or not, through deletes and rebinding', () => {
    const cov = new Coverage('idOf');
    fc.assert(
      fc.property(fc.integer(), fc.uniqueArray(anyId, { minLength: 1, maxLength: 120, size: 'max' }), fc.nat(), (seed, ids, drop) => {
        const interner = new IdInterner(seed);
        ids.forEach((id, i) => interner.set(id, i));
        for (const id of ids) {
          interner.hashPacked(id);
          const packed = interner.packedLow !== 0;
          const parts = numbered(id);
          cov.hit({
            'short (packed)': isShort(id),
            'numbered (packed)': packed && !isShort(id),
            'numbered with a leading zero': packed && !isShort(id) && parts !== null && parts.digits.startsWith('0'),
            'not packed': !packed,
            'lone surrogate': /[\ud800-\udfff]/.test(id),
          });
        }
        ids.forEach((id, i) => expect(interner.idOf(i)).toBe(id));
        // Drop one id, bind another id at its index: idOf follows.
        const gone = drop % ids.length;
        interner.delete(ids[gone]!, gone);
        const other = `${ids[gone]}#`;
        if (!ids.includes(other)) {
          interner.set(other, gone);
          expect(interner.idOf(gone)).toBe(other);
          expect(interner.indexOf(other)).toBe(gone);
        }
        expect(interner.indexOf(ids[gone]!)).toBe(-1);
        ids.forEach((id, i) => {
          if (i !== gone) expect(interner.idOf(i)).toBe(id);
        });
      }),
      { ...fcParams(200), numRuns: Math.max(60, fcParams(200).numRuns ?? 0) },
    );
    // Shares of ids (each run counts its ids).
    cov.expect({ 'short (packed)': 0.05, 'numbered (packed)': 0.1, 'numbered with a leading zero': 0.01, 'not packed': 0.1, 'lone surrogate': 0.05 });
  });

  it('keeps no string for a packed id: a graph of numbered ids holds 20 bytes of key per id, not 40 of string', () => {
    const interner = new IdInterner(4);
    interner.reserve(1000);
    const before = interner.bytes;
    for (let i = 0; i < 1000; i++) interner.set(`urn:li:member:${100_000_000 + i * 37}`, i);
    expect(interner.bytes).toBe(before);
    expect(interner.bytes).toBe(1500 * 12 + 1000 * 8);
    expect(interner.idOf(999)).toBe(`urn:li:member:${100_000_000 + 999 * 37}`);
    // The first id that is not packed brings the string array, to its index.
    interner.set('someone else', 1000);
    expect(interner.bytes).toBe(1500 * 12 + 1250 * 8 + 1001 * 8);
    expect(interner.idOf(1000)).toBe('someone else');
  });
});

describe('IdInterner seeds', () => {
  it('seeds each interner at random when not given a seed, so its hashes cannot be predicted', () => {
    const hashes = new Set(Array.from({ length: 8 }, () => new IdInterner().hashPacked('u12345')));
    expect(hashes.size).toBeGreaterThan(1);
    expect(new IdInterner(7).hashPacked('u12345')).toBe(new IdInterner(7).hashPacked('u12345'));
  });
});
