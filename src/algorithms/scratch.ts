/**
 * Scratch space for searches: mark arrays and queues sized to the member index bound, reused
 * across queries so that a query allocates nothing.
 *
 * Invariant: every mark array is all zeros between searches; a search clears the entries it set
 * (walking its own queue), in a `finally` block. A local `levelCounts` that visited much of the
 * index range clears `markA` by one fill of the whole range instead, marks set beforehand by its
 * caller included.
 *
 * @packageDocumentation
 */

/** Words of {@link Scratch.filter}: 2^16 bits, 8 KiB. */
export const FILTER_WORDS = 2048;

/**
 * Typed scratch arrays for one search at a time.
 *
 * @remarks Memory: 3 bytes + 12 bytes per member index (three `Uint8Array` marks and three
 * `Int32Array` queues, each one slot longer), and 8 KiB (the filter). `ensure` is O(bound)
 * when it grows, O(1) otherwise.
 * @example
 * ```ts
 * const scratch = new Scratch();
 * scratch.ensure(store.indexBound);
 * ```
 * @public
 */
export class Scratch {
  markA: Uint8Array = new Uint8Array(0);
  markB: Uint8Array = new Uint8Array(0);
  markC: Uint8Array = new Uint8Array(0);
  queueA: Int32Array = new Int32Array(0);
  queueB: Int32Array = new Int32Array(0);
  queueC: Int32Array = new Int32Array(0);
  /**
   * A bit per value of a member index's low 16 bits, for a membership test that stays in L1
   * before a mark is read (all zero between searches, like the marks).
   */
  readonly filter: Int32Array = new Int32Array(FILTER_WORDS);
  /** Two slots for the ends of a pair search. */
  readonly pair: Int32Array = new Int32Array(2);
  /** Whether a search is using these arrays now (guards re-entrant use). */
  busy = false;
  /**
   * Sum of values read ahead by searches that touch memory before they use it (so that the
   * processor overlaps the cache misses), kept only so that those reads are not optimised away.
   * @internal
   */
  touched = 0;

  /** Grows every array to hold at least `bound` members. */
  ensure(bound: number): void {
    if (this.markA.length >= bound) return;
    const n = Math.max(bound, Math.ceil(this.markA.length * 1.5), 64);
    this.markA = new Uint8Array(n);
    this.markB = new Uint8Array(n);
    this.markC = new Uint8Array(n);
    // One slot more than members: a queue that writes its next slot before it knows whether
    // to count it (see level-counts.ts) writes there once every member is queued.
    this.queueA = new Int32Array(n + 1);
    this.queueB = new Int32Array(n + 1);
    this.queueC = new Int32Array(n + 1);
  }
}

/**
 * Hands out {@link Scratch} objects: one reused for synchronous searches, more for searches that
 * interleave (remote stores answer asynchronously).
 *
 * @remarks `acquire` and `release` are O(1) when a scratch of the right size is free; the pool
 * keeps every scratch released to it (one per concurrent search at the peak).
 * @example
 * ```ts
 * const pool = new ScratchPool();
 * const scratch = pool.acquire(bound);
 * try {
 *   runSearch(bidirectionalDistance(scratch, a, b, 3), store); // 2
 * } finally {
 *   pool.release(scratch);
 * }
 * ```
 * @public
 */
export class ScratchPool {
  #free: Scratch[] = [];

  /** A scratch sized for `bound` members. O(1) when one is free and big enough. */
  acquire(bound: number): Scratch {
    const s = this.#free.pop() ?? new Scratch();
    s.ensure(bound);
    s.busy = true;
    return s;
  }

  /** Returns a scratch (its marks must be clear). */
  release(s: Scratch): void {
    s.busy = false;
    this.#free.push(s);
  }
}
