/**
 * The passes of a bulk load that fill and sort neighbour lists, as plain functions over typed
 * arrays, so that a helper thread (helper-thread.ts) can run one of them on the same memory while
 * the store's thread runs another (Node's worker program, src/node/helper-worker.ts, imports
 * them). They work on numbers and typed arrays only.
 *
 * @internal
 * @packageDocumentation
 */

/**
 * A zeroed `Int32Array` of `length` entries over a `SharedArrayBuffer` where available, else an
 * `ArrayBuffer` (as bulkInt32 of bulk-buffer.ts).
 *
 * @remarks O(length).
 * @internal
 */
export function listInt32(length: number): Int32Array {
  return new Int32Array(typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(4 * length) : new ArrayBuffer(4 * length));
}

/**
 * Sorts `list[start, end)` ascending and removes repeats in place; returns the new end.
 * Insertion sort for short lists (most lists of a social network) and for lists whose unordered
 * head is short, the built-in sort beyond.
 *
 * @remarks O(k²) for a list of k ≤ 48 or a sorted list behind a head of ≤ 48, O(k log k) beyond.
 * @internal
 */
export function sortUnique(list: Int32Array, start: number, end: number): number {
  const INSERTION_SORT_MAX = 48;
  if (end - start < 2) return end;
  // Where the ascending run that ends the list starts: a bulk load appends a member's later
  // connections in order, so most long lists are a short unordered head and a sorted tail, which
  // insertion sort finishes in about one comparison per tail entry (each tail entry moves past
  // at most the head's entries).
  // Stryker disable next-line ArithmeticOperator: insertion sort and the built-in sort give the same list; where the unordered head ends only chooses between them
  let tail = end - 1;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator,ArithmeticOperator,UpdateOperator: insertion sort and the built-in sort give the same list; where the unordered head ends only chooses between them
  while (tail > start && list[tail - 1]! <= list[tail]!) tail--;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: insertion sort and the built-in sort give the same list; where the unordered head ends only chooses between them
  if (tail - start <= INSERTION_SORT_MAX) {
    // Stryker disable next-line ArithmeticOperator: starting at start - 1 moves list[start - 1] onto itself, then sorts as before
    for (let i = start + 1; i < end; i++) {
      const x = list[i]!;
      let j = i - 1;
      while (j >= start && list[j]! > x) {
        list[j + 1] = list[j]!;
        j--;
      }
      list[j + 1] = x;
    }
  } else {
    list.subarray(start, end).sort();
  }
  let k = start + 1;
  for (let i = start + 1; i < end; i++) {
    const x = list[i]!;
    if (x !== list[k - 1]) list[k++] = x;
  }
  return k;
}

/**
 * Sorts and deduplicates lists (`count[v]` raw entries at `addr[v]` in `pool`), writing each
 * deduplicated length into `len`; returns the sum of the lengths it wrote. Members are taken in
 * blocks of 1,024 from the shared counter `claim[0]` (`Atomics.add`), so two threads running
 * this at once split the work whatever their speeds.
 *
 * @remarks O(entries) for lists that {@link sortUnique} finishes by insertion.
 * @internal
 */
export function sortLists(pool: Int32Array, addr: Int32Array, count: Int32Array, len: Int32Array, members: number, claim: Int32Array): number {
  const BLOCK = 1024;
  let used = 0;
  for (let from = Atomics.add(claim, 0, BLOCK); from < members; from = Atomics.add(claim, 0, BLOCK)) {
    const to = Math.min(members, from + BLOCK);
    for (let v = from; v < to; v++) {
      const d = count[v]!;
      const k = d > 1 ? sortUnique(pool, addr[v]!, addr[v]! + d) - addr[v]! : d;
      len[v] = k;
      used += k;
    }
  }
  return used;
}

/**
 * The raw degree of every member as the second member of a pair, and how many second members fall
 * in each of `buckets` buckets of `2^shift` members (at `bucket + 1`, ready for a prefix sum).
 *
 * @remarks O(edges + members).
 * @internal
 */
export function countSeconds(
  targets: Int32Array,
  edges: number,
  members: number,
  shift: number,
  buckets: number,
): { seconds: Int32Array; perBucket: Int32Array } {
  const seconds = listInt32(members);
  const perBucket = new Int32Array(buckets + 1);
  for (let i = 0; i < edges; i++) {
    const b = targets[i]!;
    seconds[b]!++;
    perBucket[(b >>> shift) + 1]!++;
  }
  return { seconds, perBucket };
}

/**
 * Every pair as (second member, first member), grouped in buckets of `2^shift` second members
 * in index order (input order within a bucket): bucket k is pairs `bounds[k]..bounds[k+1]-1` of
 * `pending`. `perBucket` comes from {@link countSeconds}.
 *
 * @remarks O(edges + buckets); 8 bytes per pair.
 * @internal
 */
export function scatterSeconds(
  sources: Int32Array,
  targets: Int32Array,
  edges: number,
  shift: number,
  perBucket: Int32Array,
): { pending: Int32Array; bounds: Int32Array } {
  const bounds = listInt32(perBucket.length);
  for (let k = 1; k < bounds.length; k++) bounds[k] = bounds[k - 1]! + perBucket[k]!;
  const cursor = bounds.slice();
  const pending = listInt32(2 * edges);
  for (let i = 0; i < edges; i++) {
    const b = targets[i]!;
    const at = 2 * cursor[b >>> shift]!++;
    pending[at] = b;
    pending[at + 1] = sources[i]!;
  }
  return { pending, bounds };
}

/**
 * Writes the pairs of {@link scatterSeconds} into the second members' blocks, after each member's
 * `firsts[v]` entries as a first member (which another pass writes from `addr[v]`, possibly at
 * the same time). A bucket's members' blocks are consecutive, so each bucket writes a stretch of
 * the pool that stays in cache. Buckets are taken one at a time from the shared counter
 * `claim[0]`, so two threads running this at once split the work whatever their speeds.
 *
 * @remarks O(pairs + members).
 * @internal
 */
export function drainSeconds(
  pool: Int32Array,
  addr: Int32Array,
  firsts: Int32Array,
  pending: Int32Array,
  bounds: Int32Array,
  shift: number,
  members: number,
  claim: Int32Array,
): void {
  const buckets = bounds.length - 1;
  const cursor = new Int32Array(1 << shift);
  for (let k = Atomics.add(claim, 0, 1); k < buckets; k = Atomics.add(claim, 0, 1)) {
    const low = k << shift;
    const high = Math.min(members, low + (1 << shift));
    for (let v = low; v < high; v++) cursor[v - low] = addr[v]! + firsts[v]!;
    const end = 2 * bounds[k + 1]!;
    for (let at = 2 * bounds[k]!; at < end; at += 2) pool[cursor[pending[at]! - low]!++] = pending[at + 1]!;
  }
}

/**
 * Sorts `keys[start, end)` ascending (float64 keys: neighbour and pair, see
 * `CompactAdjacencyStore.mergePairs`).
 *
 * @remarks O(k²) by insertion up to 32 keys (most groups: a member gains a few connections per
 * batch), O(k log k) by the built-in sort beyond.
 * @internal
 */
export function sortKeys(keys: Float64Array, start: number, end: number): void {
  if (end - start > 32) {
    keys.subarray(start, end).sort();
    return;
  }
  for (let i = start + 1; i < end; i++) {
    const x = keys[i]!;
    let j = i - 1;
    while (j >= start && keys[j]! > x) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = x;
  }
}
