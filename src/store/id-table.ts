/**
 * The id table's slot layout, shared by {@link IdInterner} and {@link probePacked}, which looks
 * packed ids up on a helper thread.
 *
 * A slot is three int32: the key in two words, then the index (`EMPTY` when free). A packed id's
 * key is its two packed words (the first never 0); any other id's is `0` and its hash, and only
 * the thread that holds its string can confirm it.
 *
 * @internal
 * @packageDocumentation
 */

/** An index that marks a free slot. */
export const EMPTY = -1;
/** Int32 words per slot: the key in two words, then the index. */
export const SLOT = 3;
/** 2^-24: scales a 24-bit hash times a capacity down to a slot. */
const INV_2_24 = 1 / 16_777_216;

/**
 * Home slot of hash `h` in a table of `capacity` slots: ⌊(h's top 24 bits) · capacity / 2^24⌋,
 * so that any capacity works, not only powers of two (two multiplications, exact below 2^29
 * slots). Above 2^24 slots, homes are every capacity / 2^24 slots apart, which linear probing
 * fills in.
 *
 * @remarks O(1).
 * @example
 * ```ts
 * homeOf(0x80000000, 100); // 50
 * ```
 * @internal
 */
export function homeOf(h: number, capacity: number): number {
  return ((h >>> 8) * capacity * INV_2_24) | 0;
}

/**
 * Looks up ids `[from, to)` of a batch by their hashes and packed words
 * (`hashes[3i, 3i + 3)`: hash, first word, second word) in an id table of `capacity` slots:
 * `out[i]` = the index, -1 when absent, or -2 when id i is not packed (its first word is 0: only
 * the thread that holds the strings can compare it). Reads the table only, so that a helper
 * thread can run it on shared memory while the caller hashes the next ids. Returns how many it
 * left at -2.
 *
 * @remarks O(to - from) expected.
 * @example
 * ```ts
 * const table = Int32Array.of(-1, -1, -1, 7, 9, 4); // slot 1 holds the packed key (7, 9) → 4
 * probePacked(table, 2, Int32Array.of(0x80000000, 7, 9), 0, 1, new Int32Array(1)); // 0: out [4]
 * ```
 * @internal
 */
export function probePacked(table: Int32Array, capacity: number, hashes: Int32Array, from: number, to: number, out: Int32Array): number {
  let unpacked = 0;
  for (let i = from; i < to; i++) {
    const w0 = hashes[3 * i + 1]!;
    if (w0 === 0) {
      out[i] = -2;
      unpacked++;
      continue;
    }
    const w1 = hashes[3 * i + 2]!;
    let slot = homeOf(hashes[3 * i]!, capacity);
    while (true) {
      const at = SLOT * slot;
      const index = table[at + 2]!;
      if (index === EMPTY || (table[at] === w0 && table[at + 1] === w1)) {
        out[i] = index;
        break;
      }
      if (++slot === capacity) slot = 0;
    }
  }
  return unpacked;
}
