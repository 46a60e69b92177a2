/**
 * grown: the one way the store's and the bulk loads' growable `Int32Array`s grow.
 *
 * @internal
 * @packageDocumentation
 */

/**
 * A copy of `array` at least twice as long (and at least `needed` long), zero-filled beyond the
 * old contents, in an array from `allocate` (a plain `Int32Array` unless given, e.g.
 * `bulkInt32` for bulk loads).
 *
 * @remarks O(new length).
 * @internal
 */
export function grown(array: Int32Array, needed = 0, allocate: (length: number) => Int32Array = (length) => new Int32Array(length)): Int32Array {
  const next = allocate(Math.max(needed, array.length * 2));
  next.set(array);
  return next;
}
