/**
 * A directed relation between dense member indices with a value per pair, indexed both ways so
 * that everything about one member can be listed, or forgotten when its index is released.
 *
 * @packageDocumentation
 */

/** Pair keys are exact numbers while both indices are below 2^26 (a · 2^26 + b < 2^53). */
const KEY_SHIFT = 2 ** 26;
const NONE = -1;

/**
 * `(a, b) → value` with O(1) lookups, inserts and deletes, and per-member lists both ways.
 *
 * @remarks
 * One `Map` from the pair's key to a slot; slots live in typed arrays (`Int32Array` links of two
 * intrusive doubly linked lists per slot: the pairs of `a`, the pairs of `b`) with list heads per
 * member index in two `Int32Array`s, so a pair costs no per-member `Map` and no allocation once
 * the arrays have grown. {@link PairTable.forget} is O(pairs of the member). Lists run newest
 * first.
 * @example
 * ```ts
 * const table = new PairTable<number>();
 * table.set(1, 2, 42);
 * table.get(1, 2); // 42
 * table.forget(2);
 * table.size; // 0
 * ```
 * @internal
 */
export class PairTable<V> {
  readonly #slots: Map<number | string, number> = new Map();
  #values: (V | undefined)[] = [];
  #first: Int32Array = new Int32Array(16);
  #second: Int32Array = new Int32Array(16);
  /** Links: next/previous slot in the list of the first member, then of the second. */
  #nextOut: Int32Array = new Int32Array(16);
  #prevOut: Int32Array = new Int32Array(16);
  #nextIn: Int32Array = new Int32Array(16);
  #prevIn: Int32Array = new Int32Array(16);
  #headOut: Int32Array = new Int32Array(0);
  #headIn: Int32Array = new Int32Array(0);
  #free: number[] = [];
  #used = 0;

  /** Number of pairs. */
  get size(): number {
    return this.#slots.size;
  }

  /** The value of `(a, b)`, if any. */
  get(a: number, b: number): V | undefined {
    const slot = this.#slots.get(key(a, b));
    return slot === undefined ? undefined : this.#values[slot];
  }

  /** Whether `(a, b)` is set. */
  has(a: number, b: number): boolean {
    return this.#slots.has(key(a, b));
  }

  /** Sets `(a, b)` (a new pair goes first in both members' lists). */
  set(a: number, b: number, value: V): void {
    const k = key(a, b);
    const existing = this.#slots.get(k);
    if (existing !== undefined) {
      this.#values[existing] = value;
      return;
    }
    this.#ensureMember(Math.max(a, b) + 1);
    const slot = this.#free.pop() ?? this.#grow();
    this.#slots.set(k, slot);
    this.#values[slot] = value;
    this.#first[slot] = a;
    this.#second[slot] = b;
    const ho = this.#headOut[a]! - 1;
    this.#nextOut[slot] = ho;
    this.#prevOut[slot] = NONE;
    if (ho !== NONE) this.#prevOut[ho] = slot;
    this.#headOut[a] = slot + 1;
    const hi = this.#headIn[b]! - 1;
    this.#nextIn[slot] = hi;
    this.#prevIn[slot] = NONE;
    if (hi !== NONE) this.#prevIn[hi] = slot;
    this.#headIn[b] = slot + 1;
  }

  /** Removes `(a, b)`; returns whether it was set. */
  delete(a: number, b: number): boolean {
    const k = key(a, b);
    const slot = this.#slots.get(k);
    if (slot === undefined) return false;
    this.#slots.delete(k);
    const no = this.#nextOut[slot]!;
    const po = this.#prevOut[slot]!;
    if (po === NONE) this.#headOut[a] = no + 1;
    else this.#nextOut[po] = no;
    if (no !== NONE) this.#prevOut[no] = po;
    const ni = this.#nextIn[slot]!;
    const pi = this.#prevIn[slot]!;
    if (pi === NONE) this.#headIn[b] = ni + 1;
    else this.#nextIn[pi] = ni;
    if (ni !== NONE) this.#prevIn[ni] = pi;
    this.#values[slot] = undefined;
    this.#free.push(slot);
    return true;
  }

  /** Calls `fn(value, b)` for each pair `(a, b)`, newest first. */
  forEachFrom(a: number, fn: (value: V, b: number) => void): void {
    if (a >= this.#headOut.length) return;
    for (let s = this.#headOut[a]! - 1; s !== NONE; ) {
      const next = this.#nextOut[s]!;
      fn(this.#values[s]!, this.#second[s]!);
      s = next;
    }
  }

  /** Calls `fn(value, a)` for each pair `(a, b)`, newest first. */
  forEachTo(b: number, fn: (value: V, a: number) => void): void {
    if (b >= this.#headIn.length) return;
    for (let s = this.#headIn[b]! - 1; s !== NONE; ) {
      const next = this.#nextIn[s]!;
      fn(this.#values[s]!, this.#first[s]!);
      s = next;
    }
  }

  /** Calls `fn(a, b, value)` for every pair, by first member then newest first. */
  forEach(fn: (a: number, b: number, value: V) => void): void {
    for (let a = 0; a < this.#headOut.length; a++) this.forEachFrom(a, (value, b) => fn(a, b, value));
  }

  /** Removes every pair involving `v` (either side); returns the removed values. */
  forget(v: number): V[] {
    const pairs: [number, number, V][] = [];
    this.forEachFrom(v, (value, b) => pairs.push([v, b, value]));
    this.forEachTo(v, (value, a) => pairs.push([a, v, value]));
    const removed: V[] = [];
    for (const [a, b, value] of pairs) if (this.delete(a, b)) removed.push(value);
    return removed;
  }

  #ensureMember(bound: number): void {
    if (bound <= this.#headOut.length) return;
    const n = Math.max(bound, this.#headOut.length * 2, 64);
    // Heads hold slot + 1, so that 0 (a fresh array) means an empty list.
    const out = new Int32Array(n);
    out.set(this.#headOut);
    this.#headOut = out;
    const inc = new Int32Array(n);
    inc.set(this.#headIn);
    this.#headIn = inc;
  }

  #grow(): number {
    const slot = this.#used++;
    if (slot < this.#first.length) return slot;
    const n = this.#first.length * 2;
    const grow = (a: Int32Array): Int32Array => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.#first = grow(this.#first);
    this.#second = grow(this.#second);
    this.#nextOut = grow(this.#nextOut);
    this.#prevOut = grow(this.#prevOut);
    this.#nextIn = grow(this.#nextIn);
    this.#prevIn = grow(this.#prevIn);
    return slot;
  }
}

/** The key of pair `(a, b)`: an exact number below 2^53, or a string for indices ≥ 2^26. */
function key(a: number, b: number): number | string {
  return a < KEY_SHIFT && b < KEY_SHIFT ? a * KEY_SHIFT + b : `${a},${b}`;
}
