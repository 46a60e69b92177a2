/**
 * Scratch arrays for the counting algorithms (suggestions, introductions): a counter and a mark
 * per member index, reused across queries.
 *
 * Invariant: `counts` and `marks` are all zeros between queries; a query clears exactly what it
 * set, in a `finally` block.
 *
 * @packageDocumentation
 */

/**
 * Counters and marks sized to the member index bound.
 *
 * @remarks Memory: 9 bytes per member index (an `Int32Array` counter, a `Uint8Array` of marks,
 * an `Int32Array` list of touched indices). `ensure` is O(bound) when it grows, O(1) otherwise.
 * Separate from the searches' {@link Scratch}, so that a counting query may run degree lookups
 * (policy decisions) while its own marks are set.
 * @example
 * ```ts
 * const scratch = new CountingScratch();
 * scratch.ensure(store.indexBound);
 * ```
 * @public
 */
export class CountingScratch {
  counts: Int32Array = new Int32Array(0);
  marks: Uint8Array = new Uint8Array(0);
  touched: Int32Array = new Int32Array(0);

  /** Grows every array to hold at least `bound` members. */
  ensure(bound: number): void {
    if (this.counts.length >= bound) return;
    const n = Math.max(bound, Math.ceil(this.counts.length * 1.5), 64);
    this.counts = new Int32Array(n);
    this.marks = new Uint8Array(n);
    this.touched = new Int32Array(n);
  }
}
