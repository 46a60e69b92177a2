/** Lists from this length ... */
const FINE_FROM = 32;
/** ... to this one get eight classes per doubling. */
const FINE_TO = 512;

/**
 * Block size classes of the adjacency pool: 1, 2, 4, 8, 12, 16, then four classes per doubling
 * to 32 (20, 24, 28, 32), eight from 32 to 512 (36, 40, …, 64, 72, …, 512), and four again
 * beyond, so that a list of 32 to 512 wastes at most about 11% of its block and a longer one
 * about 20% (on a Barabási–Albert graph of average degree 40: 0.40 bytes of slack per
 * connection, against 0.64 with four per doubling throughout). A hub's list, which `connect`
 * grows one entry at a time, moves every quarter of its length rather than every eighth. Short
 * lists double instead: a list grows through them on every member's first connections, and each
 * class change moves the list (a new member reaches 20 connections in 6 moves, not 10), at the
 * cost of more slack in lists of 3 to 15 (store bytes per connection +4% on ca-GrQc, average
 * degree 5.5; nothing on graphs whose lists are all longer). A list that grows one entry at a
 * time moves about every eighth of its length past 32.
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
    const steps = base >= FINE_FROM && base < FINE_TO ? 8 : 4;
    for (let k = 1; k <= steps; k++) {
      const c = base + (base * k) / steps;
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
