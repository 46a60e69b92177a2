/**
 * Intersection of sorted integer lists: linear merge when the lists are of similar size,
 * galloping (exponential + binary search) from the smaller into the larger otherwise, so a hub
 * against a short list costs the short list times a logarithm.
 *
 * The merge steps without a data-dependent branch when the lists are of similar length (at most
 * {@link BRANCH_FREE_RATIO} to 1) and both windows hold only non-negative values (member indices
 * always do): the comparison's outcome is computed as sign bits and added to the positions.
 * Merging two unrelated sorted lists of similar length, a branch on `x < y` goes either way about
 * half the time, and each misprediction costs about 15 cycles; without it a merge of two lists of
 * 28 to 200 entries takes 0.6 to 0.8 times as long, of 10 entries 0.7 to 1.0 times
 * (bench/intersection.bench.ts). Windows holding a negative value take the plain merge, where
 * `x - y` could leave the int32 range.
 *
 * @packageDocumentation
 */

/** Size ratio above which galloping beats the merge. */
export const GALLOP_RATIO = 24;

/**
 * Size ratio up to which the merge steps without branches (values permitting). Between lists
 * of unequal length the plain merge's branch mostly goes one way, so it is predicted, and the
 * branch-free steps, each waiting on the last one's loads, lose: at 10 to 1 they ran 1.04 to
 * 1.27 times the plain merge's time, at 6 to 1 about 0.9 times (bench/intersection.bench.ts).
 */
const BRANCH_FREE_RATIO = 8;

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
 * Whether two windows, `a`'s the shorter (`aLen ≤ bLen`), both non-empty, merge without branches:
 * their lengths are within {@link BRANCH_FREE_RATIO} to 1 and neither holds a negative value
 * (each window's first value is its smallest). O(1).
 */
function branchFree(a: Int32Array, aStart: number, aLen: number, b: Int32Array, bStart: number, bLen: number): boolean {
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,ArithmeticOperator: both merges give the exact answer on windows without negative values; the choice is only their cost (test/property/algorithms.test.ts checks windows with negative values)
  return bLen <= aLen * BRANCH_FREE_RATIO && a[aStart]! >= 0 && b[bStart]! >= 0;
}

/**
 * Values common to `a[i..aEnd)` and `b[j..bEnd)`, sorted, duplicate-free and all in 0..2^31-1,
 * by a merge whose steps do not branch on the data.
 *
 * Invariant: with `x`, `y` ≥ 0, `x - y` and `y - x` lie in the int32 range, so their sign bits
 * (`>>> 31`) are exactly `x < y` and `y < x`; the smaller side advances, both on a tie. `lt` is
 * masked by `gt` so that a step always advances a side even on values outside that range (a
 * caller's window that is not sorted): the loop ends after at most n + m steps whatever it reads.
 * O(n + m).
 */
function mergeCountNonNegative(a: Int32Array, i: number, aEnd: number, b: Int32Array, j: number, bEnd: number): number {
  let count = 0;
  while (i < aEnd && j < bEnd) {
    const x = a[i]!;
    const y = b[j]!;
    const gt = (y - x) >>> 31;
    const lt = ((x - y) >>> 31) & (gt ^ 1);
    i += 1 - gt;
    j += 1 - lt;
    count += 1 - lt - gt;
  }
  return count;
}

/** {@link mergeCountNonNegative}'s merge, stopping at the first common value. O(n + m). */
function mergeMeetsNonNegative(a: Int32Array, i: number, aEnd: number, b: Int32Array, j: number, bEnd: number): boolean {
  while (i < aEnd && j < bEnd) {
    const x = a[i]!;
    const y = b[j]!;
    const gt = (y - x) >>> 31;
    const lt = ((x - y) >>> 31) & (gt ^ 1);
    if (lt === gt) return true; // both 0: x === y (a tie is rare; its branch is predicted)
    i += 1 - gt;
    j += 1 - lt;
  }
  return false;
}

/**
 * {@link mergeCountNonNegative}'s merge, writing the common values to `out` from 0; returns how
 * many. Writes nothing else. O(n + m).
 */
function mergeIntoNonNegative(a: Int32Array, i: number, aEnd: number, b: Int32Array, j: number, bEnd: number, out: Int32Array): number {
  let count = 0;
  while (i < aEnd && j < bEnd) {
    const x = a[i]!;
    const y = b[j]!;
    const gt = (y - x) >>> 31;
    const lt = ((x - y) >>> 31) & (gt ^ 1);
    if (lt === gt) out[count++] = x;
    i += 1 - gt;
    j += 1 - lt;
  }
  return count;
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
  // Quick range rejection, then merge (without branches when no value is negative: each
  // window's first value is its smallest).
  if (a[aEnd - 1]! < b[bStart]! || b[bEnd - 1]! < a[aStart]!) return 0;
  if (branchFree(a, aStart, aLen, b, bStart, bLen)) return mergeCountNonNegative(a, aStart, aEnd, b, bStart, bEnd);
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
  if (branchFree(a, aStart, aLen, b, bStart, bLen)) return mergeMeetsNonNegative(a, aStart, aEnd, b, bStart, bEnd);
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
  if (branchFree(a, aStart, aLen, b, bStart, bLen)) return mergeIntoNonNegative(a, aStart, aEnd, b, bStart, bEnd, out);
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
