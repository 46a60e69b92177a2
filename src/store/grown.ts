/**
 * grown: the one way the store's growable `Int32Array`s grow.
 *
 * @internal
 * @packageDocumentation
 */

/**
 * A copy of `array` at least twice as long (and at least `needed` long), zero-filled beyond the
 * old contents.
 *
 * @remarks O(new length).
 * @internal
 */
export function grown(array: Int32Array, needed = 0): Int32Array<ArrayBuffer> {
  const next = new Int32Array(Math.max(needed, array.length * 2));
  next.set(array);
  return next;
}
