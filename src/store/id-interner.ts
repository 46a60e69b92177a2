/**
 * IdInterner: maps string member ids to dense integer indices and back, in one place
 * (Cassovary's `NodeNumberer`).
 *
 * An open-addressing hash table over one `Int32Array` of (hash, index) pairs with linear probing
 * and backward-shift deletion, instead of a `Map`: at a million ids a V8 `Map` lookup costs 100 to
 * 600 ns on this class of machine (its entry chains run through memory in insertion order, so the
 * oldest keys, the hubs of a growing network, are the slowest), while one probe of a flat table
 * costs one cache line. It also has no 2^24-entry limit. The hash is seeded per interner, so ids
 * chosen by an adversary cannot be made to collide without knowing the seed.
 *
 * @packageDocumentation
 */
import { bulkInt32, isShared } from './bulk-buffer.js';
import type { HelperThread } from './helper-thread.js';
import { EMPTY, homeOf, SLOT } from './id-table.js';

const MIN_CAPACITY = 16; // slots
/** Tables of at least this many slots are in shared memory (see {@link IdInterner.indexOfAll}). */
const SHARED_MIN_SLOTS = 1 << 16;
/** Ids per chunk that {@link IdInterner.indexOfAll} hands a helper thread to probe. */
const PROBE_CHUNK = 1 << 16;
/** The table grows when it would be fuller than this, ... */
const MAX_LOAD = 0.75;
/** ... by this factor (so that it is then half full). */
const GROWTH = 1.5;
/** Factor by which the per-index words grow: a quarter, so that at most a fifth of them is unused room. */
const KEYS_GROWTH = 1.25;
/** Slots per id that {@link IdInterner.reserve} sizes for: the table is then two thirds full. */
const RESERVE_SLOTS_PER_ID = 1.5;
/** Most slots: a 24-bit hash times the capacity stays below 2^53, exact in a double. */
const MAX_CAPACITY = 2 ** 29;

/** Most prefixes of numbered ids an interner packs: their codes (1 to 255) fill a byte. */
const MAX_PREFIXES = 255;
/** Longest prefix of a numbered id that is packed. */
const MAX_PREFIX_LENGTH = 64;
/** Most digits of a packed number: 12 digits of 4 bits each, beside a zero byte and a prefix code. */
const MAX_DIGITS = 12;

/** A short id back from its two packed words: its bytes, low byte first, up to the first 0. */
function unpackShort(w0: number, w1: number): string {
  const c0 = w0 & 0xff;
  const c1 = (w0 >>> 8) & 0xff;
  const c2 = (w0 >>> 16) & 0xff;
  const c3 = w0 >>> 24;
  if (w1 === 0) {
    if (c1 === 0) return String.fromCharCode(c0);
    if (c2 === 0) return String.fromCharCode(c0, c1);
    if (c3 === 0) return String.fromCharCode(c0, c1, c2);
    return String.fromCharCode(c0, c1, c2, c3);
  }
  const c4 = w1 & 0xff;
  const c5 = (w1 >>> 8) & 0xff;
  const c6 = (w1 >>> 16) & 0xff;
  const c7 = w1 >>> 24;
  if (c5 === 0) return String.fromCharCode(c0, c1, c2, c3, c4);
  if (c6 === 0) return String.fromCharCode(c0, c1, c2, c3, c4, c5);
  if (c7 === 0) return String.fromCharCode(c0, c1, c2, c3, c4, c5, c6);
  return String.fromCharCode(c0, c1, c2, c3, c4, c5, c6, c7);
}

/**
 * The 8 BCD digits of `x` (4 bits each, the most significant highest) as a number: pairs, then
 * fours, then eight, each step one multiply-add over all lanes at once.
 */
function bcd8(x: number): number {
  x = (x & 0x0f0f0f0f) + ((x >>> 4) & 0x0f0f0f0f) * 10;
  x = (x & 0x00ff00ff) + ((x >>> 8) & 0x00ff00ff) * 100;
  return (x & 0xffff) + (x >>> 16) * 10_000;
}

/**
 * The digits of a numbered id back from its packed words: 12 places of 4 bits (the top 4 in
 * `w0`'s high half, the low 8 in `w1`), the last digit lowest, unused places (above the first
 * digit) all ones. O(1): the places are read as one 12-digit number, padded back with the
 * leading zeros the id had.
 */
function unpackDigits(w0: number, w1: number): string {
  const high = w0 >>> 16;
  // Unused places, as a count of leading all-ones nibbles over the 12.
  let unused: number;
  let value: number;
  if (high === 0xffff) {
    unused = 4 + (Math.clz32(~w1) >>> 2);
    // Clear the unused places (a shift by 32 would clear nothing: 8 unused places cannot be).
    const used = w1 & (0xffffffff >>> (4 * (unused - 4)));
    value = bcd8(used);
  } else {
    unused = Math.clz32(~high << 16) >>> 2;
    const used = high & (0xffff >>> (4 * unused));
    value = bcd8(used) * 100_000_000 + bcd8(w1);
  }
  const digits = 12 - unused;
  const text = String(value);
  return text.length === digits ? text : '0'.repeat(digits - text.length) + text;
}

/** murmur3's finaliser: spreads the FNV state over all 32 bits. */
function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** murmur3_32 of the 8 bytes of two packed words, seeded. */
function hashWords(seed: number, w0: number, w1: number): number {
  let k = Math.imul(w0, 0xcc9e2d51);
  k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
  let h = seed ^ k;
  h = (Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64) | 0;
  k = Math.imul(w1, 0xcc9e2d51);
  k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
  h ^= k;
  h = (Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64) | 0;
  return finish(h ^ 8);
}

/**
 * Two-way dictionary between string ids and dense indices chosen by the caller (the store).
 *
 * @remarks
 * `indexOf` hashes the id (O(length)) and probes the table (O(1) expected at load ≤ 3/4);
 * `idOf` reads one index's entry. Each slot holds the key in two words and the index, so that
 * finding an id reads one cache line of the table and not the id string: a lookup costs one
 * cache miss instead of two or three. Two kinds of id are packed into the two words:
 * - a short id: at most 8 characters, each from U+0001 to U+00FF (numbers, `u123456`, most
 *   handles), one byte each; the first byte is never 0;
 * - a numbered id: a prefix of at most 64 characters that does not end in a digit, then 1 to 12
 *   digits (`urn:li:member:123456789`, `user/0042`), as a zero byte, a prefix code (a byte) and
 *   the digits in 4 bits each (unused places all ones). An interner codes the first 255 prefixes
 *   it binds ids under; an id under any other prefix is not packed. A prefix is coded the first
 *   time an id under it is bound (while codes remain) and keeps its code, so every id under it
 *   is packed, or none.
 *
 * A packed id is not kept as a string: `idOf` builds it again from its two words (an equal
 * string, not the caller's object; 20 to 60 ns). Any other id is kept as given, and its slot
 * holds 0 and its hash in place of the two words.
 *
 * Memory: 12 bytes per slot at 1.33 to 2 slots per id (16 to 24 bytes per id), 8 bytes per index
 * for the packed words, and, once an id that is not packed is bound, 8 bytes per index for the
 * strings plus those strings. A 23-character id held as a string costs V8 40 bytes more.
 *
 * @example
 * ```ts
 * const ids = new IdInterner();
 * ids.set('alice', 0);
 * ids.indexOf('alice'); // 0
 * ids.idOf(0); // 'alice'
 * ids.set('urn:li:member:123456789', 1);
 * ids.idOf(1); // 'urn:li:member:123456789'
 * ```
 * @public
 */
export class IdInterner {
  /** Per slot: the key's two words (0 and the hash for an id that is not packed), then the index (-1: empty). */
  #table: Int32Array;
  /** Slots in the table (any number from {@link MIN_CAPACITY}, not only powers of two). */
  #capacity: number;
  #size = 0;
  /** Per index: the two packed words of its id (both 0 for an id that is not packed, or no id). */
  #keys = new Int32Array(2 * MIN_CAPACITY);
  /** Per index: the id when it is not packed (made at the first such id). */
  #strings: (string | undefined)[] = [];
  /** One past the highest index bound so far (the indices {@link IdInterner.forEach} visits). */
  #bound = 0;
  readonly #seed: number;
  /** The packed words of the id last hashed by {@link IdInterner.#hash} (out-parameters). */
  #w0 = 0;
  #w1 = 0;
  /** Sum of the lengths read ahead by {@link IdInterner.indexOfBatch} (otherwise unused). */
  #touched = 0;
  /**
   * The first id of the last {@link IdInterner.indexOfPair} that was found, and its index ('' and
   * -1: none; no member id is empty). Reset by {@link IdInterner.delete}, the only call that can
   * unbind it; a bound id keeps its index until then.
   */
  #recentId = '';
  #recentIndex = -1;
  /** The prefixes of numbered ids, by code (code 0: none). At most {@link MAX_PREFIXES} + 1 entries. */
  readonly #prefixes: string[] = [''];
  /** Code of the prefix matched last: tried first, as ids mostly share one prefix. */
  #lastCode = 0;
  /** The UTF-16 units of that prefix (compared with an id's faster than a string's). */
  #lastUnits = new Uint16Array(0);

  constructor(seed: number = (Math.random() * 0x100000000) | 0) {
    this.#seed = seed | 0;
    this.#table = new Int32Array(MIN_CAPACITY * SLOT).fill(EMPTY);
    this.#capacity = MIN_CAPACITY;
  }

  /** Number of ids held. */
  get size(): number {
    return this.#size;
  }

  /**
   * This interner's seeded hash of `id`, which also packs a short id: its words are then
   * {@link IdInterner.packedLow} and {@link IdInterner.packedHigh} (both 0 for an id that is not
   * short), for callers that look ids up in tables of their own before binding them
   * ({@link IdInterner.setPacked}). O(length of id).
   * @internal
   */
  hashPacked(id: string): number {
    // The id is about to be bound (or dropped): its prefix, if new, is coded now, as by set().
    return this.#hash(id, true);
  }

  /** First packed word of the id last given to {@link IdInterner.hashPacked} (0: not packed). @internal */
  get packedLow(): number {
    return this.#w0;
  }

  /** Second packed word of the id last given to {@link IdInterner.hashPacked}. @internal */
  get packedHigh(): number {
    return this.#w1;
  }

  /**
   * Seeded 32-bit hash of a string; also packs a short or numbered id into `#w0`/`#w1` (both 0
   * otherwise: a packed id's first word is never 0). A packed id is hashed from its two words
   * (murmur3 over 8 bytes: two multiplications per word instead of one dependent multiplication
   * per character); any other id by FNV-1a over its UTF-16 units. Both end in murmur3's
   * finaliser. With `bind`, a numbered id's prefix not yet coded is coded (while codes remain).
   */
  #hash(id: string, bind = false): number {
    const n = id.length;
    if (n <= 8) {
      let w0 = 0;
      let w1 = 0;
      let bad = 0; // negative once a character is 0 or above U+00FF
      const head = n < 4 ? n : 4;
      for (let i = 0; i < head; i++) {
        const c = id.charCodeAt(i);
        bad |= (c - 1) | (255 - c);
        w0 |= c << (8 * i);
      }
      for (let i = 4; i < n; i++) {
        const c = id.charCodeAt(i);
        bad |= (c - 1) | (255 - c);
        w1 |= c << (8 * (i - 4));
      }
      if (bad >= 0) {
        this.#w0 = w0;
        this.#w1 = w1;
        return hashWords(this.#seed, w0, w1);
      }
    }
    // A numbered id: the digits that end it (1 to 12) after a coded prefix.
    // First the prefix matched last, compared in place (ids mostly share one prefix).
    const last = this.#lastUnits;
    const m = last.length;
    if (this.#lastCode !== 0 && n > m && n - m <= MAX_DIGITS) {
      let k = 0;
      while (k < m && id.charCodeAt(k) === last[k]) k++;
      if (k === m) {
        // All digits after it (the prefix never ends in a digit: they are the whole run)?
        const h = this.#packDigits(this.#lastCode, id, m);
        if (this.#w0 !== 0) return h;
      }
    }
    let i = n - 1;
    while (i >= 0) {
      const c = id.charCodeAt(i);
      if (c < 48 || c > 57) break;
      i--;
    }
    const digits = n - 1 - i;
    if (digits >= 1 && digits <= MAX_DIGITS && i < MAX_PREFIX_LENGTH) {
      const code = this.#prefixCode(id, i + 1, bind);
      if (code !== 0) return this.#packDigits(code, id, i + 1);
    }
    this.#w0 = 0;
    this.#w1 = 0;
    let h = this.#seed ^ 0x811c9dc5;
    for (let i = 0; i < n; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
    return finish(h);
  }

  /**
   * Packs the numbered id `id` (prefix `code`, its digits from `from` to the end, at most
   * {@link MAX_DIGITS}) into `#w0`/`#w1` and hashes it: 48 bits of digits, 4 each, shifted in from
   * the right over places that start all ones. A character that is not a digit leaves both words 0
   * (the id is not numbered under that prefix).
   */
  #packDigits(code: number, id: string, from: number): number {
    let high = 0xffff;
    let low = -1;
    for (let k = from; k < id.length; k++) {
      const d = id.charCodeAt(k) - 48;
      if (d < 0 || d > 9) {
        this.#w0 = 0;
        this.#w1 = 0;
        return 0;
      }
      high = ((high << 4) | (low >>> 28)) & 0xffff;
      low = (low << 4) | d;
    }
    const w0 = (code << 8) | (high << 16);
    this.#w0 = w0;
    this.#w1 = low;
    return hashWords(this.#seed, w0, low);
  }

  /**
   * Code of the prefix `id[0, length)`, or 0 when it has none; with `bind`, a prefix without a
   * code gets the next one while codes remain. O(length) when it is the prefix matched last,
   * else O(length + codes).
   */
  #prefixCode(id: string, length: number, bind: boolean): number {
    const prefixes = this.#prefixes;
    for (let code = 1; code < prefixes.length; code++) {
      const prefix = prefixes[code]!;
      if (prefix.length === length && id.startsWith(prefix)) return this.#remember(code);
    }
    if (!bind || prefixes.length > MAX_PREFIXES) return 0;
    prefixes.push(id.slice(0, length));
    return this.#remember(prefixes.length - 1);
  }

  /** Makes `code` the prefix matched last; returns it. */
  #remember(code: number): number {
    const prefix = this.#prefixes[code]!;
    const units = new Uint16Array(prefix.length);
    for (let k = 0; k < prefix.length; k++) units[k] = prefix.charCodeAt(k);
    this.#lastCode = code;
    this.#lastUnits = units;
    return code;
  }

  /** Index of `id`, or -1. O(length of id) expected. */
  indexOf(id: string): number {
    const h = this.#hash(id);
    return this.#find(id, h, this.#w0, this.#w1);
  }

  /** Probes for `id` (hash `h`, packed words `w0`, `w1`: `w0` is 0 when it is not packed). */
  #find(id: string, h: number, w0: number, w1: number): number {
    const table = this.#table;
    const capacity = this.#capacity;
    let slot = homeOf(h, capacity);
    if (w0 !== 0) {
      while (true) {
        const at = SLOT * slot;
        const index = table[at + 2]!;
        if (index === EMPTY) return -1;
        if (table[at] === w0 && table[at + 1] === w1) return index;
        if (++slot === capacity) slot = 0;
      }
    }
    const strings = this.#strings;
    while (true) {
      const at = SLOT * slot;
      const index = table[at + 2]!;
      if (index === EMPTY) return -1;
      if (table[at] === 0 && table[at + 1] === h && strings[index] === id) return index;
      if (++slot === capacity) slot = 0;
    }
  }

  /**
   * Looks up two ids at once (`out[0]`, `out[1]`: index or -1). Same answers as two
   * {@link IdInterner.indexOf}. When `a` is the first id of the last call (the same string, or
   * an equal one), its index is reused, not looked up again: a run of calls from one member (one
   * member's connections imported one by one, `degree` asked for one viewer again and again) pays
   * one lookup per call; any other `a` pays one string comparison more.
   *
   * @remarks O(length of the ids) expected.
   */
  indexOfPair(a: string, b: string, out: Int32Array): void {
    if (a === this.#recentId) {
      out[0] = this.#recentIndex;
      out[1] = this.indexOf(b);
      return;
    }
    // Both ids hashed before either probe, so that the two probes (a cache miss each on a big
    // table) follow each other closely enough for the processor to overlap them.
    const ha = this.#hash(a);
    const a0 = this.#w0;
    const a1 = this.#w1;
    const hb = this.#hash(b);
    const ia = this.#find(a, ha, a0, a1);
    out[0] = ia;
    out[1] = this.#find(b, hb, this.#w0, this.#w1);
    if (ia >= 0) {
      this.#recentId = a;
      this.#recentIndex = ia;
    }
  }

  /**
   * Looks up `count` ids at once: `out[i]` = index of `batch[i]`, or -1. Same answers as
   * {@link IdInterner.indexOf}, faster on big tables: touching every id string first lets the
   * processor overlap their cache misses instead of waiting for each in turn.
   *
   * @remarks O(total length of the ids) expected.
   */
  indexOfBatch(batch: readonly string[], count: number, out: Int32Array): void {
    let touched = 0;
    // Stryker disable next-line AssignmentOperator: the sum is kept only so that the reads are not optimised away; nothing reads it
    for (let i = 0; i < count; i++) touched += batch[i]!.length;
    // Stryker disable next-line ArithmeticOperator: the sum is kept only so that the reads are not optimised away; nothing reads it
    this.#touched = (this.#touched + touched) | 0; // keeps the touching reads observable
    for (let i = 0; i < count; i++) out[i] = this.indexOf(batch[i]!);
  }

  /**
   * Looks up `ids[0, count)` (`out[i]`: index or -1). Same answers as {@link IdInterner.indexOf},
   * several times faster on a big table: a lookup touches cache lines that are cold when ids
   * come in random order (the id string, its table slot, and for an id that is not packed the
   * stored id it is compared with), and one at a time each costs a full miss. Here ids go in
   * blocks of 256, and each pass over a block makes one kind of access for all of them, with no
   * dependency between them, so that the processor overlaps their misses: first a character of
   * each id, then the hashes (from cache), then each home slot, then each slot's stored id,
   * then the probes.
   *
   * With a `helper` thread, `out` in shared memory and at least 2^17 ids, the helper probes the
   * table for the packed ids of each chunk of 2^16 while this thread hashes the next chunk; ids
   * that are not packed are then looked up here (only this thread holds the strings).
   *
   * @remarks O(total length of the ids) expected; 3 KiB of temporary memory, 12 bytes per id
   * with a helper.
   */
  indexOfAll(ids: readonly string[], count: number, out: Int32Array, helper: HelperThread | null = null): void {
    if (helper !== null && count >= 2 * PROBE_CHUNK && isShared(this.#table) && isShared(out)) {
      this.#indexOfAllHelped(ids, count, out, helper);
      return;
    }
    const BLOCK = 256;
    const hashes = new Int32Array(3 * BLOCK);
    const table = this.#table;
    const capacity = this.#capacity;
    const strings = this.#strings;
    let touched = 0;
    for (let from = 0; from < count; from += BLOCK) {
      const to = Math.min(count, from + BLOCK);
      // Stryker disable next-line ArithmeticOperator,AssignmentOperator: the sum is kept only so that the reads are not optimised away; nothing reads it
      for (let i = from; i < to; i++) touched = (touched + ids[i]!.charCodeAt(0)) | 0;
      for (let i = from; i < to; i++) {
        const k = 3 * (i - from);
        hashes[k] = this.#hash(ids[i]!);
        hashes[k + 1] = this.#w0;
        hashes[k + 2] = this.#w1;
      }
      // Stryker disable next-line ArithmeticOperator,AssignmentOperator: the sum is kept only so that the reads are not optimised away; nothing reads it
      for (let k = 0; k < 3 * (to - from); k += 3) touched = (touched + table[SLOT * homeOf(hashes[k]!, capacity) + 2]!) | 0;
      for (let k = 0; k < 3 * (to - from); k += 3) {
        if (hashes[k + 1] !== 0) continue;
        const index = table[SLOT * homeOf(hashes[k]!, capacity) + 2]!;
        // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator,AssignmentOperator: the sum is kept only so that the reads are not optimised away; nothing reads it
        if (index >= 0 && strings[index] === undefined) touched++;
      }
      for (let i = from; i < to; i++) {
        const k = 3 * (i - from);
        out[i] = this.#find(ids[i]!, hashes[k]!, hashes[k + 1]!, hashes[k + 2]!);
      }
    }
    // Stryker disable next-line ArithmeticOperator: the sum is kept only so that the reads are not optimised away; nothing reads it
    this.#touched = (this.#touched + touched) | 0; // keeps the touching reads observable
  }

  /** {@link IdInterner.indexOfAll} with a helper thread probing packed ids, a chunk behind this thread's hashing. */
  #indexOfAllHelped(ids: readonly string[], count: number, out: Int32Array, helper: HelperThread): void {
    const hashes = bulkInt32(3 * count);
    let touched = 0;
    let submitted = false;
    let unpacked = 0; // ids the helper left to this thread
    for (let from = 0; from < count; from += PROBE_CHUNK) {
      const to = Math.min(count, from + PROBE_CHUNK);
      for (let block = from; block < to; block += 256) {
        const end = Math.min(to, block + 256);
        // Each string touched first, so that their cache misses overlap (as in the loop above).
        // Stryker disable next-line ArithmeticOperator,AssignmentOperator: the sum is kept only so that the reads are not optimised away; nothing reads it
        for (let i = block; i < end; i++) touched = (touched + ids[i]!.charCodeAt(0)) | 0;
        for (let i = block; i < end; i++) {
          hashes[3 * i] = this.#hash(ids[i]!);
          hashes[3 * i + 1] = this.#w0;
          hashes[3 * i + 2] = this.#w1;
        }
      }
      if (submitted) unpacked += helper.wait() as number;
      helper.submit('probePacked', [this.#table, this.#capacity, hashes, from, to, out]);
      submitted = true;
    }
    unpacked += helper.wait() as number;
    for (let i = 0; i < count && unpacked > 0; i++) {
      if (out[i] !== -2) continue;
      out[i] = this.#find(ids[i]!, hashes[3 * i]!, 0, 0);
      unpacked--;
    }
    // Stryker disable next-line ArithmeticOperator: the sum is kept only so that the reads are not optimised away; nothing reads it
    this.#touched = (this.#touched + touched) | 0;
  }

  /**
   * Id at `index`; the caller guarantees the index is live. O(1) for an id that is not packed;
   * a packed one is built again from its words, O(its length).
   */
  idOf(index: number): string {
    const keys = this.#keys;
    const w0 = keys[2 * index]!;
    if (w0 === 0) return this.#strings[index]!;
    const w1 = keys[2 * index + 1]!;
    if ((w0 & 0xff) !== 0) return unpackShort(w0, w1);
    return this.#prefixes[(w0 >>> 8) & 0xff]! + unpackDigits(w0, w1);
  }

  /** Binds `id` (not yet present) to `index`. O(1) amortised. */
  set(id: string, index: number): void {
    const hash = this.#hash(id, true);
    this.setPacked(id, index, hash, this.#w0, this.#w1);
  }

  /**
   * {@link IdInterner.set} with the hash and packed words of {@link IdInterner.hashPacked}
   * computed by the caller. A packed id (`low` not 0) is not read: the caller may pass ''.
   * O(1) amortised.
   * @internal
   */
  setPacked(id: string, index: number, hash: number, low: number, high: number): void {
    if (this.#size + 1 > this.#capacity * MAX_LOAD) {
      // At the largest table the load may pass 3/4 (probes lengthen); a full table takes no more.
      if (this.#capacity < MAX_CAPACITY) this.#resize(Math.ceil(this.#capacity * GROWTH));
      else if (this.#size + 1 >= this.#capacity) throw new RangeError(`IdInterner: more than ${MAX_CAPACITY - 1} ids`);
    }
    if (2 * index + 2 > this.#keys.length) this.#growKeys(index + 1);
    const keys = this.#keys;
    if (low !== 0) {
      this.#place(hash, index, low, high);
      keys[2 * index] = low;
      keys[2 * index + 1] = high;
    } else {
      this.#place(hash, index, 0, hash);
      const strings = this.#strings;
      while (strings.length < index) strings.push(undefined);
      strings[index] = id;
    }
    if (index >= this.#bound) this.#bound = index + 1;
    this.#size++;
  }

  /** Grows the per-index words so that indices below `count` fit. O(count). */
  #growKeys(count: number): void {
    const keys = new Int32Array(2 * Math.max(count, Math.ceil((this.#keys.length / 2) * KEYS_GROWTH)));
    keys.set(this.#keys);
    this.#keys = keys;
  }

  #place(h: number, index: number, w0: number, w1: number): void {
    const table = this.#table;
    const capacity = this.#capacity;
    let slot = homeOf(h, capacity);
    while (table[SLOT * slot + 2] !== EMPTY) if (++slot === capacity) slot = 0;
    const at = SLOT * slot;
    table[at] = w0;
    table[at + 1] = w1;
    table[at + 2] = index;
  }

  /** The hash of the key in a slot's two words (its own hash for an id that is not packed). */
  #hashOfSlot(w0: number, w1: number): number {
    return w0 !== 0 ? hashWords(this.#seed, w0, w1) : w1;
  }

  /** Grows the table once so that `count` ids fit without further resizing. O(capacity + count). */
  reserve(count: number): void {
    if (count > this.#capacity * MAX_LOAD && this.#capacity < MAX_CAPACITY) this.#resize(Math.ceil(count * RESERVE_SLOTS_PER_ID));
    if (2 * count > this.#keys.length) this.#growKeys(count);
  }

  #resize(wanted: number): void {
    const capacity = Math.min(wanted, MAX_CAPACITY);
    const old = this.#table;
    // A big table lives in shared memory, where a helper thread can probe it (indexOfAll).
    this.#table = (capacity >= SHARED_MIN_SLOTS ? bulkInt32(capacity * SLOT) : new Int32Array(capacity * SLOT)).fill(EMPTY);
    this.#capacity = capacity;
    for (let at = 0; at < old.length; at += SLOT) {
      const index = old[at + 2]!;
      if (index === EMPTY) continue;
      const w0 = old[at]!;
      const w1 = old[at + 1]!;
      this.#place(this.#hashOfSlot(w0, w1), index, w0, w1);
    }
  }

  /** Unbinds `id` (present) at `index`. O(1) expected (backward-shift deletion). */
  delete(id: string, index: number): void {
    this.#recentId = '';
    this.#recentIndex = -1;
    const table = this.#table;
    const capacity = this.#capacity;
    let slot = homeOf(this.#hash(id), capacity);
    while (table[SLOT * slot + 2] !== index) if (++slot === capacity) slot = 0;
    // Shift later members of the probe run back into the hole.
    let hole = slot;
    let next = hole + 1 === capacity ? 0 : hole + 1;
    while (table[SLOT * next + 2] !== EMPTY) {
      const home = homeOf(this.#hashOfSlot(table[SLOT * next]!, table[SLOT * next + 1]!), capacity);
      // Move `next` into the hole if its home is not in (hole, next] cyclically.
      if ((next > hole && (home <= hole || home > next)) || (next < hole && home <= hole && home > next)) {
        table.copyWithin(SLOT * hole, SLOT * next, SLOT * next + SLOT);
        hole = next;
      }
      next = next + 1 === capacity ? 0 : next + 1;
    }
    table[SLOT * hole + 2] = EMPTY;
    this.#size--;
    this.#keys[2 * index] = 0;
    this.#keys[2 * index + 1] = 0;
    if (index < this.#strings.length) this.#strings[index] = undefined;
  }

  /** Calls `fn` for each bound id in index order. O(highest index bound). */
  forEach(fn: (id: string, index: number) => void): void {
    // The fields are read again at each index: `fn` may bind or unbind ids.
    for (let i = 0; i < this.#bound; i++) {
      if (this.#keys[2 * i] !== 0) fn(this.idOf(i), i);
      else {
        const id = this.#strings[i];
        if (id !== undefined) fn(id, i);
      }
    }
  }

  /** Bytes held by the table, the per-index words and the index → string array (not the strings). */
  get bytes(): number {
    return this.#table.byteLength + this.#keys.byteLength + this.#strings.length * 8;
  }
}
