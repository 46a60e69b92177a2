/**
 * Block size classes of the adjacency pool: 1, 2, 4, 8, 12, 16, then four classes per doubling
 * (x1.25, x1.5, x1.75, x2), so that a list of 16 or more wastes at most about 20% of its block.
 * Short lists double instead: a list grows through them on every member's first connections, and
 * each class change moves the list (a new member reaches 20 connections in 6 moves, not 10), at
 * the cost of more slack in lists of 3 to 15 (store bytes per connection +4% on ca-GrQc, average
 * degree 5.5; nothing on graphs whose lists are all longer).
 *
 * @internal
 */
export function buildSizeClasses(maxCapacity: number): Int32Array {
  const caps: number[] = [];
  for (const c of [1, 2, 4, 8, 12, 16]) {
    if (c >= maxCapacity) break;
    caps.push(c);
  }
  let base = 16;
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
