/**
 * The passes of a bulk load that fill and sort neighbour lists, as plain functions over typed
 * arrays, so that a helper thread (helper-thread.ts) can run one of them on the same memory while
 * the store's thread runs another. Each is self-contained (a worker runs it from its source
 * text): it refers to nothing outside its body but `sortUnique` of this module. Keep it that way.
 *
 * @internal
 * @packageDocumentation
 */

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
  let tail = end - 1;
  while (tail > start && list[tail - 1]! <= list[tail]!) tail--;
  if (tail - start <= INSERTION_SORT_MAX) {
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
 * Sorts and deduplicates the lists of members `from..to-1` (`count[v]` raw entries at `addr[v]`
 * in `pool`), writing each deduplicated length into `len`; returns their sum.
 *
 * @remarks O(entries) for lists that {@link sortUnique} finishes by insertion.
 * @internal
 */
export function sortLists(pool: Int32Array, addr: Int32Array, count: Int32Array, len: Int32Array, from: number, to: number): number {
  let used = 0;
  for (let v = from; v < to; v++) {
    const d = count[v]!;
    const k = d > 1 ? sortUnique(pool, addr[v]!, addr[v]! + d) - addr[v]! : d;
    len[v] = k;
    used += k;
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
  const shared = typeof SharedArrayBuffer === 'function';
  const seconds = new Int32Array(shared ? new SharedArrayBuffer(4 * members) : new ArrayBuffer(4 * members));
  const perBucket = new Int32Array(buckets + 1);
  for (let i = 0; i < edges; i++) {
    const b = targets[i]!;
    seconds[b]!++;
    perBucket[(b >>> shift) + 1]!++;
  }
  return { seconds, perBucket };
}

/**
 * Writes every pair's first member into its second member's block, after that member's own
 * `firsts[v]` entries as a first member (which another pass writes from `addr[v]`). The entries,
 * which land all over the pool, first go to buckets of members in index order
 * (`perBucket` from {@link countSeconds}), then each bucket into its own stretch of the pool (its
 * members' blocks are consecutive), which stays in cache.
 *
 * @remarks O(edges + members); 8 bytes per pair of temporary memory.
 * @internal
 */
export function fillSeconds(
  pool: Int32Array,
  addr: Int32Array,
  firsts: Int32Array,
  sources: Int32Array,
  targets: Int32Array,
  edges: number,
  members: number,
  shift: number,
  perBucket: Int32Array,
): void {
  const shared = typeof SharedArrayBuffer === 'function';
  const cursor = new Int32Array(shared ? new SharedArrayBuffer(4 * members) : new ArrayBuffer(4 * members));
  for (let v = 0; v < members; v++) cursor[v] = addr[v]! + firsts[v]!;
  const start = Int32Array.from(perBucket);
  for (let k = 1; k < start.length; k++) start[k]! += start[k - 1]!;
  const pending = new Int32Array(shared ? new SharedArrayBuffer(8 * edges) : new ArrayBuffer(8 * edges));
  for (let i = 0; i < edges; i++) {
    const b = targets[i]!;
    const at = 2 * start[b >>> shift]!++;
    pending[at] = b;
    pending[at + 1] = sources[i]!;
  }
  for (let at = 0; at < 2 * edges; at += 2) pool[cursor[pending[at]!]!++] = pending[at + 1]!;
}
