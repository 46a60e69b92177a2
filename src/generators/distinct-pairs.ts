/**
 * Sampling a fixed number of distinct unordered pairs, class by class, in typed arrays.
 *
 * @packageDocumentation
 * @internal
 */

import { PairSet } from './pair-set.js';

/**
 * Draws one candidate pair of class `cls` into `out[0]`, `out[1]` (two different members).
 *
 * @internal
 */
export type PairDraw = (cls: number, out: Int32Array) => void;

/** Sorts `a[from, to)` ascending. */
function sortRange(a: Int32Array, from: number, to: number): void {
  if (to - from > 24) {
    a.subarray(from, to).sort();
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= from && a[j]! > x) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = x;
  }
}

/** Whether the sorted range `a[from, to)` holds `x`. */
function sortedHas(a: Int32Array, from: number, to: number, x: number): boolean {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const y = a[mid]!;
    if (y === x) return true;
    if (y < x) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

/**
 * Returns `Σ counts` distinct unordered pairs over members `0 … n − 1`: `counts[c]` of them drawn
 * by `draw(c, …)`.
 *
 * @remarks
 * Draws every pair once, then removes duplicates with a counting sort by smaller endpoint (a CSR)
 * and a sort of each bucket; every duplicate removed is replaced by a fresh draw of the same class
 * (`classOf`) that is checked against the sorted buckets (binary search) and against the other
 * replacements (a small {@link PairSet}). The classes must partition the pairs: a pair belongs to
 * exactly one class, and each class must hold at least `counts[c]` pairs.
 *
 * Output: `sources[e] < targets[e]`; the first pairs sorted by (source, target), the replacements
 * after them. Time O(n + k + k·log(bucket)) plus the replacements, whose expected number is about
 * k²/(2·pairs) when pairs ≫ k. Memory: 12 bytes per pair plus 4·n bytes.
 *
 * @internal
 */
export function sampleDistinctPairs(
  n: number,
  counts: ArrayLike<number>,
  draw: PairDraw,
  classOf: (u: number, v: number) => number,
): { sources: Int32Array; targets: Int32Array } {
  let k = 0;
  for (let c = 0; c < counts.length; c++) k += counts[c]!;
  const sources = new Int32Array(k);
  const targets = new Int32Array(k);
  const out = new Int32Array(2);
  // 1. draw every pair, canonical (smaller endpoint first).
  let e = 0;
  for (let c = 0; c < counts.length; c++) {
    for (let i = counts[c]!; i > 0; i--) {
      draw(c, out);
      const a = out[0]!;
      const b = out[1]!;
      sources[e] = a < b ? a : b;
      targets[e] = a < b ? b : a;
      e++;
    }
  }
  // 2. counting sort by source into a CSR: offsets[u] … offsets[u + 1].
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < k; i++) offsets[sources[i]!]!++;
  for (let u = 1; u < n; u++) offsets[u]! += offsets[u - 1]!; // now the end of each bucket
  offsets[n] = k;
  let bucket: Int32Array | null = new Int32Array(k);
  for (let i = k - 1; i >= 0; i--) bucket[--offsets[sources[i]!]!] = targets[i]!;
  // 3. sort each bucket, keep the first of each run of equal targets; count what each class lost.
  const missing = new Float64Array(counts.length);
  let lost = 0;
  let kept = 0;
  let from = 0;
  for (let u = 0; u < n; u++) {
    const to = offsets[u + 1]!;
    offsets[u] = kept;
    if (to - from > 1) sortRange(bucket, from, to);
    let previous = -1;
    for (let i = from; i < to; i++) {
      const v = bucket[i]!;
      if (v === previous) {
        missing[classOf(u, v)]!++;
        lost++;
        continue;
      }
      previous = v;
      sources[kept] = u;
      targets[kept] = v;
      kept++;
    }
    from = to;
  }
  offsets[n] = kept;
  bucket = null;
  if (lost === 0) return { sources, targets };
  // 4. top up each class with fresh pairs absent from the sorted prefix and from one another.
  const extras = new PairSet(lost);
  let w = kept;
  for (let c = 0; c < missing.length; c++) {
    for (let i = missing[c]!; i > 0; i--) {
      for (;;) {
        draw(c, out);
        const a = out[0]!;
        const b = out[1]!;
        const u = a < b ? a : b;
        const v = a < b ? b : a;
        if (sortedHas(targets, offsets[u]!, offsets[u + 1]!, v)) continue;
        if (!extras.add(u, v)) continue;
        sources[w] = u;
        targets[w] = v;
        w++;
        break;
      }
    }
  }
  return { sources, targets };
}
