/**
 * Block size classes of the adjacency pool: 1, 2, 3, 4, 6, 8, then four classes per doubling
 * (x1.25, x1.5, x1.75, x2), so that a list wastes at most about 20% of its block.
 *
 * @internal
 */
export function buildSizeClasses(maxCapacity: number): Int32Array {
  const caps: number[] = [];
  for (const c of [1, 2, 3, 4, 6, 8]) {
    if (c >= maxCapacity) break;
    caps.push(c);
  }
  let base = 8;
  outer: while (true) {
    for (const step of [10, 12, 14, 16]) {
      const c = (base * step) / 8;
      if (c >= maxCapacity) break outer;
      caps.push(c);
    }
    base *= 2;
  }
  caps.push(maxCapacity);
  return Int32Array.from(caps);
}

/** Smallest class whose capacity is at least `needed` (binary search). @internal */
export function classFor(caps: Int32Array, needed: number): number {
  let lo = 0;
  let hi = caps.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (caps[mid]! >= needed) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
