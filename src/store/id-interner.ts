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

const EMPTY = -1;
const MIN_CAPACITY = 16; // slots; always a power of two

/**
 * Two-way dictionary between string ids and dense indices chosen by the caller (the store).
 *
 * @remarks
 * `indexOf` hashes the id (O(length)) and probes the table (O(1) expected at load ≤ 1/2);
 * `idOf` is an array read. Memory: 8 bytes per slot at 2 to 4 slots per id (16 to 32 bytes per id)
 * plus one array slot per index, on top of the strings themselves.
 *
 * @example
 * ```ts
 * const ids = new IdInterner();
 * ids.set('alice', 0);
 * ids.indexOf('alice'); // 0
 * ids.idOf(0); // 'alice'
 * ```
 * @public
 */
export class IdInterner {
  /** Pairs (hash, index) per slot; index -1 marks an empty slot. */
  #table: Int32Array;
  #mask: number;
  #size = 0;
  #ids: (string | undefined)[] = [];
  readonly #seed: number;

  constructor(seed: number = (Math.random() * 0x100000000) | 0) {
    this.#seed = seed | 0;
    this.#table = new Int32Array(MIN_CAPACITY * 2).fill(EMPTY);
    this.#mask = MIN_CAPACITY - 1;
  }

  /** Number of ids held. */
  get size(): number {
    return this.#size;
  }

  /**
   * This interner's seeded hash of `id`, for callers that hash ids ahead of binding them
   * ({@link IdInterner.setHashed}). O(length of id).
   * @internal
   */
  hashOf(id: string): number {
    return this.#hash(id);
  }

  /** Seeded 32-bit hash of a string (FNV-1a style over UTF-16 units, murmur3 finaliser). */
  #hash(id: string): number {
    let h = this.#seed ^ 0x811c9dc5;
    for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return h ^ (h >>> 16);
  }

  /** Index of `id`, or -1. O(length of id) expected. */
  indexOf(id: string): number {
    const h = this.#hash(id);
    const table = this.#table;
    const mask = this.#mask;
    const ids = this.#ids;
    let slot = h & mask;
    while (true) {
      const index = table[2 * slot + 1]!;
      if (index === EMPTY) return -1;
      if (table[2 * slot] === h && ids[index] === id) return index;
      slot = (slot + 1) & mask;
    }
  }

  /**
   * Looks up two ids at once (`out[0]`, `out[1]`: index or -1): the two table probes are issued
   * back to back so that their cache misses overlap. Same answers as two {@link IdInterner.indexOf}.
   *
   * @remarks O(length of the ids) expected.
   */
  indexOfPair(a: string, b: string, out: Int32Array): void {
    const ha = this.#hash(a);
    const hb = this.#hash(b);
    const table = this.#table;
    const mask = this.#mask;
    let sa = ha & mask;
    let sb = hb & mask;
    let ia = table[2 * sa + 1]!;
    let ib = table[2 * sb + 1]!;
    const ids = this.#ids;
    while (ia !== EMPTY && (table[2 * sa] !== ha || ids[ia] !== a)) {
      sa = (sa + 1) & mask;
      ia = table[2 * sa + 1]!;
    }
    while (ib !== EMPTY && (table[2 * sb] !== hb || ids[ib] !== b)) {
      sb = (sb + 1) & mask;
      ib = table[2 * sb + 1]!;
    }
    out[0] = ia;
    out[1] = ib;
  }

  /**
   * Looks up `count` ids at once: `out[i]` = index of `batch[i]`, or -1. Same answers as
   * {@link IdInterner.indexOf}, faster on big tables: hashing every id first, then probing every
   * slot, then checking every candidate lets the processor overlap the cache misses of different
   * ids instead of waiting for each in turn.
   *
   * @remarks O(total length of the ids) expected. `hashes` is scratch of at least `count` entries.
   */
  indexOfBatch(batch: readonly string[], count: number, out: Int32Array, hashes: Int32Array): void {
    for (let i = 0; i < count; i++) hashes[i] = this.#hash(batch[i]!);
    const table = this.#table;
    const mask = this.#mask;
    // First probe of each id, independent of the others.
    for (let i = 0; i < count; i++) out[i] = table[2 * (hashes[i]! & mask) + 1]!;
    const ids = this.#ids;
    for (let i = 0; i < count; i++) {
      const h = hashes[i]!;
      const id = batch[i]!;
      let slot = h & mask;
      let index = out[i]!;
      while (index !== EMPTY && (table[2 * slot] !== h || ids[index] !== id)) {
        slot = (slot + 1) & mask;
        index = table[2 * slot + 1]!;
      }
      out[i] = index;
    }
  }

  /** Id at `index`; the caller guarantees the index is live. O(1). */
  idOf(index: number): string {
    return this.#ids[index]!;
  }

  /** Binds `id` (not yet present) to `index`. O(1) amortised. */
  set(id: string, index: number): void {
    this.setHashed(id, index, this.#hash(id));
  }

  /**
   * {@link IdInterner.set} with `hash` = {@link IdInterner.hashOf}(id) computed by the caller.
   * O(1) amortised.
   * @internal
   */
  setHashed(id: string, index: number, hash: number): void {
    if ((this.#size + 1) * 2 > this.#mask + 1) this.#resize((this.#mask + 1) * 2);
    this.#place(hash, index);
    this.#size++;
    const ids = this.#ids;
    while (ids.length < index) ids.push(undefined);
    ids[index] = id;
  }

  #place(h: number, index: number): void {
    const table = this.#table;
    const mask = this.#mask;
    let slot = h & mask;
    while (table[2 * slot + 1] !== EMPTY) slot = (slot + 1) & mask;
    table[2 * slot] = h;
    table[2 * slot + 1] = index;
  }

  /** Grows the table once so that `count` ids fit without further resizing. O(capacity). */
  reserve(count: number): void {
    let capacity = this.#mask + 1;
    while (count * 2 > capacity) capacity *= 2;
    if (capacity > this.#mask + 1) this.#resize(capacity);
  }

  #resize(capacity: number): void {
    const old = this.#table;
    this.#table = new Int32Array(capacity * 2).fill(EMPTY);
    this.#mask = capacity - 1;
    for (let s = 0; s < old.length; s += 2) {
      const index = old[s + 1]!;
      if (index !== EMPTY) this.#place(old[s]!, index);
    }
  }

  /** Unbinds `id` (present) at `index`. O(1) expected (backward-shift deletion). */
  delete(id: string, index: number): void {
    const table = this.#table;
    const mask = this.#mask;
    let slot = this.#hash(id) & mask;
    while (table[2 * slot + 1] !== index) slot = (slot + 1) & mask;
    // Shift later members of the probe run back into the hole.
    let hole = slot;
    let next = (hole + 1) & mask;
    while (table[2 * next + 1] !== EMPTY) {
      const home = table[2 * next]! & mask;
      // Move `next` into the hole if its home is not in (hole, next] cyclically.
      if ((next > hole && (home <= hole || home > next)) || (next < hole && home <= hole && home > next)) {
        table[2 * hole] = table[2 * next]!;
        table[2 * hole + 1] = table[2 * next + 1]!;
        hole = next;
      }
      next = (next + 1) & mask;
    }
    table[2 * hole + 1] = EMPTY;
    this.#size--;
    this.#ids[index] = undefined;
  }

  /** Calls `fn` for each bound id in index order. O(bound). */
  forEach(fn: (id: string, index: number) => void): void {
    const ids = this.#ids;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (id !== undefined) fn(id, i);
    }
  }

  /** Bytes held by the table and the index array (not the strings). */
  get bytes(): number {
    return this.#table.byteLength + this.#ids.length * 8;
  }
}
