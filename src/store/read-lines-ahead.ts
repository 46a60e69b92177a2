/**
 * readLinesAhead: reading a stretch of a list one cache line at a time, ahead of its use.
 *
 * @packageDocumentation
 */

/**
 * Reads `slab[start]`, every 16th entry after it and `slab[end - 1]` (one entry of each 64-byte
 * cache line of `slab[start, end)`), and returns their sum, which the caller keeps somewhere
 * observable so that the reads are not dropped. Reading a list this way before it is searched or
 * scanned lets the processor overlap the list's cache misses with each other and with those of
 * other lists, where a binary search or a scan would wait for each line in turn. Nothing is read
 * when `end <= start`.
 *
 * @remarks O((end - start) / 16).
 * @example
 * ```ts
 * readLinesAhead(Int32Array.from({ length: 40 }, (_, i) => i), 0, 40); // 87: entries 0, 16, 32 and the last, 39
 * ```
 * @internal
 */
export function readLinesAhead(slab: Int32Array, start: number, end: number): number {
  if (end <= start) return 0;
  let sum = slab[end - 1]!;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,AssignmentOperator,ArithmeticOperator: reading ahead changes only the speed
  for (let j = start; j < end; j += 16) sum += slab[j]!;
  return sum;
}
