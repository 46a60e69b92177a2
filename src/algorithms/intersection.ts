/**
 * Intersection of sorted integer lists: linear merge when the lists are of similar size,
 * galloping (exponential + binary search) from the smaller into the larger otherwise, so a hub
 * against a short list costs the short list times a logarithm.
 *
 * @packageDocumentation
 */

/** Size ratio above which galloping beats the merge. */
export const GALLOP_RATIO = 24;

/** First index in `a[lo..hi)` with `a[i] >= x`, probing exponentially from `lo`. */
function gallop(a: Int32Array, lo: number, hi: number, x: number): number {
  let step = 1;
  let prev = lo;
  let i = lo;
  while (i < hi && a[i]! < x) {
    prev = i + 1;
    i += step;
    step <<= 1;
  }
  let end = i < hi ? i : hi;
  let start = prev;
  while (start < end) {
    const mid = (start + end) >>> 1;
    if (a[mid]! < x) start = mid + 1;
    else end = mid;
  }
  return start;
}

/**
 * Number of values common to two sorted, duplicate-free windows `a[aStart..aStart+aLen)` and
 * `b[bStart..bStart+bLen)`.
 *
 * @remarks O(min(n, m) · log(max/min)) by galloping when one list is more than
 * {@link GALLOP_RATIO} times the other, else O(n + m) by merging. No allocation.
 * @example
 * ```ts
 * intersectionSize(Int32Array.of(1, 3, 5), 0, 3, Int32Array.of(3, 4, 5), 0, 3); // 2
 * ```
 * @public
 */
export function intersectionSize(
  a: Int32Array,
  aStart: number,
  aLen: number,
  b: Int32Array,
  bStart: number,
  bLen: number,
): number {
  if (aLen === 0 || bLen === 0) return 0;
  if (aLen > bLen) return intersectionSize(b, bStart, bLen, a, aStart, aLen);
  let count = 0;
  const aEnd = aStart + aLen;
  const bEnd = bStart + bLen;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator,BlockStatement: galloping and merging both give the exact intersection; the choice is only their cost
  if (aLen * GALLOP_RATIO < bLen) {
    let j = bStart;
    for (let i = aStart; i < aEnd && j < bEnd; i++) {
      const x = a[i]!;
      j = gallop(b, j, bEnd, x);
      if (j < bEnd && b[j] === x) {
        count++;
        j++;
      }
    }
    return count;
  }
  // Quick range rejection, then merge.
  if (a[aEnd - 1]! < b[bStart]! || b[bEnd - 1]! < a[aStart]!) return 0;
  let i = aStart;
  let j = bStart;
  while (i < aEnd && j < bEnd) {
    const x = a[i]!;
    const y = b[j]!;
    if (x < y) i++;
    else if (x > y) j++;
    else {
      count++;
      i++;
      j++;
    }
  }
  return count;
}

/**
 * Whether two sorted, duplicate-free windows `a[aStart..aStart+aLen)` and `b[bStart..bStart+bLen)`
 * share a value: {@link intersectionSize} `> 0`, stopping at the first common value.
 *
 * @remarks At most the cost of {@link intersectionSize}; no allocation.
 * @example
 * ```ts
 * intersects(Int32Array.of(1, 3, 5), 0, 3, Int32Array.of(2, 4, 5), 0, 3); // true
 * intersects(Int32Array.of(1, 3), 0, 2, Int32Array.of(2, 4), 0, 2); // false
 * ```
 * @public
 */
export function intersects(a: Int32Array, aStart: number, aLen: number, b: Int32Array, bStart: number, bLen: number): boolean {
  if (aLen === 0 || bLen === 0) return false;
  if (aLen > bLen) return intersects(b, bStart, bLen, a, aStart, aLen);
  const aEnd = aStart + aLen;
  const bEnd = bStart + bLen;
  if (a[aEnd - 1]! < b[bStart]! || b[bEnd - 1]! < a[aStart]!) return false;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator,BlockStatement: galloping and merging both give the exact answer; the choice is only their cost
  if (aLen * GALLOP_RATIO < bLen) {
    let j = bStart;
    for (let i = aStart; i < aEnd && j < bEnd; i++) {
      const x = a[i]!;
      j = gallop(b, j, bEnd, x);
      if (j < bEnd && b[j] === x) return true;
    }
    return false;
  }
  let i = aStart;
  let j = bStart;
  while (i < aEnd && j < bEnd) {
    const x = a[i]!;
    const y = b[j]!;
    if (x < y) i++;
    else if (x > y) j++;
    else return true;
  }
  return false;
}

/**
 * Writes the values common to two sorted windows into `out` (from index 0) and returns how many.
 * `out` must have room for `min(aLen, bLen)` values.
 *
 * @remarks Same cost as {@link intersectionSize}.
 * @example
 * ```ts
 * const out = new Int32Array(3);
 * intersectInto(Int32Array.of(1, 3, 5), 0, 3, Int32Array.of(3, 4, 5), 0, 3, out); // 2, out = [3, 5, 0]
 * ```
 * @public
 */
export function intersectInto(
  a: Int32Array,
  aStart: number,
  aLen: number,
  b: Int32Array,
  bStart: number,
  bLen: number,
  out: Int32Array,
): number {
  if (aLen === 0 || bLen === 0) return 0;
  if (aLen > bLen) return intersectInto(b, bStart, bLen, a, aStart, aLen, out);
  let count = 0;
  const aEnd = aStart + aLen;
  const bEnd = bStart + bLen;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator,BlockStatement: galloping and merging both give the exact intersection; the choice is only their cost
  if (aLen * GALLOP_RATIO < bLen) {
    let j = bStart;
    for (let i = aStart; i < aEnd && j < bEnd; i++) {
      const x = a[i]!;
      j = gallop(b, j, bEnd, x);
      if (j < bEnd && b[j] === x) {
        out[count++] = x;
        j++;
      }
    }
    return count;
  }
  let i = aStart;
  let j = bStart;
  while (i < aEnd && j < bEnd) {
    const x = a[i]!;
    const y = b[j]!;
    if (x < y) i++;
    else if (x > y) j++;
    else {
      out[count++] = x;
      i++;
      j++;
    }
  }
  return count;
}
