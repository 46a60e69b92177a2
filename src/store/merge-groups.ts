/**
 * mergeGroups: the per-member pass of `CompactAdjacencyStore.mergePairs` as functions over typed
 * arrays, so that a helper thread can run part of it on the same shared memory.
 *
 * A block address is `slab << SLAB_BITS | offset` (see compact-adjacency-store.ts); a member's
 * record is `meta[4m, 4m + 4)`: address, length, size class, last entry.
 *
 * @internal
 * @packageDocumentation
 */
import { sortUnique } from './bulk-lists.js';

/** Bits of a block address that give its offset inside its slab. */
export const SLAB_BITS = 22;
/** The offset part of a block address. */
export const SLAB_MASK = (1 << SLAB_BITS) - 1;

/**
 * The first position `p ≥ from` of `list[base, base + n)` (sorted) whose entry is at least `w`,
 * by binary search (a hub gains a few entries per batch: a walk over its list would cost O(d)).
 *
 * @remarks O(log(n - from)).
 * @example
 * ```ts
 * searchFrom(Int32Array.of(9, 2, 4, 8), 1, 0, 3, 5); // 2: list [2, 4, 8], 8 is the first ≥ 5
 * ```
 * @internal
 */
export function searchFrom(list: Int32Array, base: number, from: number, n: number, w: number): number {
  let lo = from;
  let hi = n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const x = list[base + mid]!;
    if (x < w) lo = mid + 1;
    else if (x > w) hi = mid - 1;
    else return mid;
  }
  return lo;
}

/**
 * Copies `from[start, end)` to `to` at `at` (the two never overlap) and returns the end of the
 * copy in `to`: a loop for a short run, a bulk copy for a long one (a call into the runtime costs
 * about 100 ns).
 *
 * @remarks O(end - start).
 * @example
 * ```ts
 * copyRun(Int32Array.of(1, 2, 3), 1, 3, new Int32Array(4), 1); // 3: [0, 2, 3, 0]
 * ```
 * @internal
 */
export function copyRun(from: Int32Array, start: number, end: number, to: Int32Array, at: number): number {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the loop and the bulk copies move the same entries; the length only chooses between them
  if (end - start <= 64) {
    for (let i = start; i < end; i++) to[at++] = from[i]!;
    return at;
  }
  if (from === to) to.copyWithin(at, start, end);
  else to.set(from.subarray(start, end), at);
  return at + (end - start);
}

/**
 * Sorts `keys[start, end)` (new neighbours asked for member `m`), drops repeats and the
 * neighbours `m` has, and leaves the rest at `keys[start, start + k)`; returns k.
 *
 * @remarks O(g log g + g log d) for a group of g entries and a list of d.
 * @example
 * ```ts
 * // member 0 holds [5] at address 0; it is asked for 7, 5 and 7
 * filterGroup(Int32Array.of(0, 1, 0, 5), [Int32Array.of(5)], Int32Array.of(7, 5, 7), 0, 3, 0); // 1: keys [7, …]
 * ```
 * @internal
 */
export function filterGroup(meta: Int32Array, slabs: readonly Int32Array[], keys: Int32Array, start: number, end: number, m: number): number {
  const stop = sortUnique(keys, start, end);
  const n = meta[4 * m + 1]!;
  const list = slabs[meta[4 * m]! >>> SLAB_BITS]!;
  const base = meta[4 * m]! & SLAB_MASK;
  const last = n === 0 ? -1 : meta[4 * m + 3]!;
  let p = 0;
  let k = 0;
  for (let e = start; e < stop; e++) {
    const w = keys[e]!;
    if (w <= last) {
      p = searchFrom(list, base, p, n, w);
      if (p < n && list[base + p] === w) continue;
    }
    keys[start + k++] = w;
  }
  return k;
}

/**
 * Merges `added[from, from + k)` (sorted, none of them in the list) into the list
 * `list[base, base + n)`, whose block has room for `n + k`: from the back, each new entry finds by
 * binary search how many old entries are below it; the old entries above it move up by the new
 * entries still to place, and it goes right below them. With `times` (aligned with `list`), the
 * times move alongside and each new entry gets `time`.
 *
 * @remarks O(k log n + n).
 * @example
 * ```ts
 * const list = Int32Array.of(2, 8, 0, 0);
 * mergeInPlace(list, 0, 2, Int32Array.of(1, 5), 0, 2); // list [1, 2, 5, 8]
 * ```
 * @internal
 */
export function mergeInPlace(list: Int32Array, base: number, n: number, added: Int32Array, from: number, k: number, times: Uint32Array | null = null, time = 0): void {
  let end = n; // old entries [0, end) are not yet moved
  for (let j = k - 1; j >= 0; j--) {
    const w = added[from + j]!;
    // Appending (w above every old entry left) needs no search.
    const lo = end > 0 && list[base + end - 1]! < w ? end : searchFrom(list, base, 0, end, w);
    if (lo < end) {
      // A short run moves in a loop (a copyWithin is a call into the runtime, about 100 ns): up
      // by j + 1 over itself, so from its top down.
      // Stryker disable next-line ConditionalExpression,EqualityOperator: the loop and copyWithin move the same entries; the length only chooses between them
      if (end - lo <= 32) for (let i = base + end - 1; i >= base + lo; i--) list[i + j + 1] = list[i]!;
      else list.copyWithin(base + lo + j + 1, base + lo, base + end);
      if (times !== null) times.copyWithin(base + lo + j + 1, base + lo, base + end);
    }
    list[base + lo + j] = w;
    if (times !== null) times[base + lo + j] = time;
    end = lo;
  }
}

/**
 * Merges the list `list[base, base + n)` and `added[from, from + k)` (sorted, none of them in the
 * list) front to back into `to` at `at`, each entry written once; returns the end in `to`.
 *
 * @remarks O(k log n + n).
 * @example
 * ```ts
 * const to = new Int32Array(4);
 * mergeMoving(Int32Array.of(2, 8), 0, 2, Int32Array.of(1, 5), 0, 2, to, 0); // 4: to [1, 2, 5, 8]
 * ```
 * @internal
 */
export function mergeMoving(list: Int32Array, base: number, n: number, added: Int32Array, from: number, k: number, to: Int32Array, at: number): number {
  let o = at;
  let i = 0; // old entries [0, i) are written
  const last = n === 0 ? -1 : list[base + n - 1]!;
  for (let j = 0; j < k; j++) {
    const w = added[from + j]!;
    const p = last < w ? n : searchFrom(list, base, i, n, w);
    o = copyRun(list, base + i, base + p, to, o);
    i = p;
    to[o++] = w;
  }
  return copyRun(list, base + i, base + n, to, o);
}

/**
 * Groups `[gFrom, gTo)` of a batch: for group g (member `touched[g]`, new neighbours asked at
 * `keys[groups[g], groups[g + 1])`), filters the group unless `newCounts[g]` already holds its
 * count (≥ 0), stores the count in `newCounts[g]`, and merges the new neighbours into the member's
 * list: in its block, or, when `newAddr[g] ≥ 0`, into the block at that address, which the
 * caller allocated big enough for the whole group (the old block is left as it was, and the
 * member's record keeps its address and class: the caller commits the move). Updates the
 * record's length and last entry. Returns the sum of the counts. Touches no member outside its
 * groups and no block but theirs, so two threads can run disjoint ranges at once.
 *
 * @remarks O(Σ (g log g + g log d + d)) over the groups' sizes g and list lengths d.
 * @example
 * ```ts
 * // member 0 holds [5] in a block of 4 at address 0; it is asked for 7 and 3
 * const meta = Int32Array.of(0, 1, 2, 5);
 * const slab = Int32Array.of(5, 0, 0, 0);
 * mergeGroups(meta, [slab], Int32Array.of(7, 3), Int32Array.of(0, 2), Int32Array.of(0), Int32Array.of(-1), Int32Array.of(-1), 0, 1); // 2: slab [3, 5, 7, 0]
 * ```
 * @internal
 */
export function mergeGroups(
  meta: Int32Array,
  slabs: readonly Int32Array[],
  keys: Int32Array,
  groups: Int32Array,
  touched: Int32Array,
  newCounts: Int32Array,
  newAddr: Int32Array,
  gFrom: number,
  gTo: number,
): number {
  let total = 0;
  for (let g = gFrom; g < gTo; g++) {
    const m = touched[g]!;
    const start = groups[g]!;
    let k = newCounts[g]!;
    if (k < 0) newCounts[g] = k = filterGroup(meta, slabs, keys, start, groups[g + 1]!, m);
    const target = newAddr[g]!;
    if (k === 0 && target < 0) continue;
    const n = meta[4 * m + 1]!;
    const address = meta[4 * m]!;
    const list = slabs[address >>> SLAB_BITS]!;
    const base = address & SLAB_MASK;
    let end: number;
    if (target >= 0) {
      const to = slabs[target >>> SLAB_BITS]!;
      end = mergeMoving(list, base, n, keys, start, k, to, target & SLAB_MASK);
      if (end > (target & SLAB_MASK)) meta[4 * m + 3] = to[end - 1]!;
    } else {
      mergeInPlace(list, base, n, keys, start, k);
      meta[4 * m + 3] = list[base + n + k - 1]!;
    }
    meta[4 * m + 1] = n + k;
    total += k;
  }
  return total;
}

/**
 * {@link mergeGroups} over groups `[0, t)` shared with another thread running the same call:
 * each takes the next `chunk` groups from the counter `next[0]` (an `Int32Array` over shared
 * memory, 0 at the start) until none are left. Returns the sum of the counts of the groups it
 * took. A thread that runs slower (a busier core, colder caches) takes fewer chunks, where a
 * fixed split waits for the slower half (a 1M-pair batch on a 1M-member graph: one half took
 * 120 ms on the calling thread and about 65 ms on the helper).
 *
 * @remarks Same cost as {@link mergeGroups} over the groups taken, plus one atomic add per chunk.
 * @example
 * ```ts
 * // member 0 holds [5] in a block of 4 at address 0; it is asked for 7 and 3
 * const meta = Int32Array.of(0, 1, 2, 5);
 * const slab = Int32Array.of(5, 0, 0, 0);
 * const next = new Int32Array(1);
 * mergeGroupsShared(meta, [slab], Int32Array.of(7, 3), Int32Array.of(0, 2), Int32Array.of(0), Int32Array.of(-1), Int32Array.of(-1), next, 1, 64); // 2: slab [3, 5, 7, 0]
 * ```
 * @internal
 */
export function mergeGroupsShared(
  meta: Int32Array,
  slabs: readonly Int32Array[],
  keys: Int32Array,
  groups: Int32Array,
  touched: Int32Array,
  newCounts: Int32Array,
  newAddr: Int32Array,
  next: Int32Array,
  t: number,
  chunk: number,
): number {
  let total = 0;
  while (true) {
    const from = Atomics.add(next, 0, chunk);
    if (from >= t) return total;
    total += mergeGroups(meta, slabs, keys, groups, touched, newCounts, newAddr, from, Math.min(t, from + chunk));
  }
}
