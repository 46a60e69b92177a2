/**
 * CompactAdjacencyStore: mutable, sorted adjacency sets of dense integer members, held in pooled
 * typed arrays.
 *
 * Layout (in the spirit of Cassovary's `ArrayBasedDynamicDirectedGraph` and a slab allocator):
 * - per member, one 16-byte record in one `Int32Array`: block address, list length, block size
 *   class and the list's last (largest) entry, so that appending (the common case) and the
 *   duplicate check before it read no list; no JS object per member;
 * - neighbour lists live in blocks carved out of `Int32Array` slabs of up to 2^22 entries (16 MiB);
 *   a block's address is `slab << 22 | offset`, and a block never straddles two slabs;
 * - block capacities come in size classes (1, 2, 4, 8, 12, 16, then four per doubling, eight from
 *   32 to 512), so a list of 32 to 512 wastes at most ~11% of its block and any other of 16 or
 *   more ~20% (size-classes.ts); freed blocks go to a stack of addresses
 *   per class and are reused before the pool grows (a stack rather than a list threaded through
 *   the free blocks: taking a block then reads nothing from it);
 * - when free blocks exceed a third of the pool, the pool is compacted into fresh slabs, which
 *   keeps memory bounded under any sequence of connects and disconnects.
 *
 * The store knows nothing of ids, errors or algorithms: callers validate first, then mutate.
 *
 * @packageDocumentation
 */
import type { AdjacencyView } from './adjacency-view.js';
import { bulkBuffer, bulkInt32, isShared } from './bulk-buffer.js';
import { countSeconds, drainSeconds, scatterSeconds, sortKeys, sortLists, sortUnique } from './bulk-lists.js';
import { grown } from './grown.js';
import type { HelperThread } from './helper-thread.js';
import { filterGroup, mergeGroups, mergeGroupsShared, mergeInPlace, mergeMoving, SLAB_BITS, SLAB_MASK, searchFrom } from './merge-groups.js';
import { readLinesAhead } from './read-lines-ahead.js';
import { buildSizeClasses, classFor } from './size-classes.js';

/** Entries per slab (2^22 = 4,194,304, 16 MiB). */
export const SLAB_ENTRIES = 1 << SLAB_BITS;
const NO_CLASS = 255;
/** Lists put in order in one pass over the oldest of those with an unsorted tail. */
const SETTLE_BATCH = 256;
/** First length of the queue of lists with a tail and of `link`'s buffer. */
const START_BUFFER = 64;

/**
 * Limits of the work a store leaves for later (see {@link CompactAdjacencyStore.link}); tests
 * shrink them to reach every path.
 * @internal
 */
export interface StoreTuning {
  /** Entries at most in a list's unsorted tail: the append that would pass it puts the list in order first. */
  readonly tailMax: number;
  /** Most lists queued with an unsorted tail (a power of two, at least 2): the oldest are put in order, 256 at a time, to make room. */
  readonly queueMax: number;
  /** Appends at most waiting in `link`'s buffer: the one that fills it applies them all. */
  readonly pendingMax: number;
  /**
   * Longest sorted list that an append puts its entry into in place (0 or more) instead of
   * starting an unsorted tail: the flush reads such a list whole first, with the other lists of
   * the flush, so that the shift costs no miss, where a tail makes the list wait in the queue
   * and be read cold again when it is put in order.
   */
  readonly directMax: number;
}

/**
 * The defaults, measured on a 1M-member BA graph built by `connect` on shuffled ids: with tails of
 * 32 and a queue of 2^18 lists, a list is put in order about once per 2.5 appends instead of once
 * per append (as with a queue of 256 lists), and read once for all of them; past 2^18 nothing
 * changed. A buffer of 1,024 appends gained as much as 4,096 or 16,384. Appends in place to
 * sorted lists of up to 128 entries (8 cache lines): that build ran at 1.37 against 1.18-1.22M/s
 * with none (alternating processes), and a 10k graph, in cache, took 233 against 286 ns per
 * `connect`; 256 and more entries gained less (1.17-1.27M/s).
 * @internal
 */
export const DEFAULT_TUNING: StoreTuning = { tailMax: 32, queueMax: 1 << 18, pendingMax: 1024, directMax: 128 };
const FIRST_SLAB_ENTRIES = 1024;
/**
 * Factor by which the member records and the last slab grow: a quarter, so that a graph that
 * grew by `connect` carries at most a fifth of each as unused room (a doubling would leave up to
 * half), for about four copies of each entry over its life instead of two.
 */
const GROWTH = 1.25;
const MAX_SLABS = 512; // 2^31 entries in all: addresses stay non-negative int32
const COMPACT_MIN_FREE = 1 << 16;
/** Bits of a pair's position in {@link CompactAdjacencyStore.mergePairs}' sort keys. */
const MERGE_PAIR_BITS = 24;
/** Most pairs one {@link CompactAdjacencyStore.mergePairs} takes (2^24). */
export const MAX_MERGE_PAIRS = 2 ** MERGE_PAIR_BITS;
/**
 * Most groups (members) a thread takes at once in a merge shared with a helper: small enough
 * that the faster thread takes more of a batch's chunks, big enough that the chunks stay
 * contiguous runs of lists and the counter is touched a few hundred times a batch.
 */
const MERGE_CHUNK = 4096;
/** Buckets of the bulk load's second-member pass. */
const BUCKETS = 1024;
/**
 * Longest list {@link CompactAdjacencyStore.readAhead} reads (64 cache lines): past it a binary
 * search reads a small part of the list, so reading all of it buys little (in a trial on
 * `connect`, limits of 1,024, 4,096 and none gained alike).
 */
const READ_AHEAD_MAX_ENTRIES = 1024;

/** Member records of `n` members, every size class NO_CLASS. */
// Stryker disable next-line BooleanLiteral: shared or plain memory holds the same records
function newMeta(n: number, bulk = false): Int32Array {
  const meta = bulk ? bulkInt32(4 * n) : new Int32Array(4 * n);
  for (let v = 0; v < n; v++) {
    meta[4 * v + 2] = NO_CLASS;
    // Stryker disable next-line UnaryOperator: an empty list answers -1 whatever its largest entry says (the shortcut and a search of no entry agree)
    meta[4 * v + 3] = -1;
  }
  return meta;
}

/**
 * Accounting of the pool, in 4-byte slots.
 * @public
 */
export interface StoreStats {
  /** Members with a live index. */
  memberCount: number;
  /** Undirected connections. */
  connectionCount: number;
  /** Slots holding neighbour ids (2 per connection). */
  usedSlots: number;
  /** Slots inside live blocks (used + the slack of each block). */
  blockSlots: number;
  /** Slots sitting in free blocks, waiting for reuse. */
  freeSlots: number;
  /** Slots handed out by the pool so far (live + free blocks + slab tails skipped). */
  reservedSlots: number;
  /** Slots allocated in slabs (the pool's real footprint). */
  allocatedSlots: number;
  /** Bytes of every typed array the store holds. */
  bytes: number;
  /** Times the pool was compacted. */
  compactions: number;
}

/**
 * Mutable adjacency-set store over dense member indices, with sorted neighbour lists in pooled
 * typed arrays. Every list is complete and sorted when read through the store, though writes
 * leave two kinds of work for later:
 * - {@link CompactAdjacencyStore.link} may leave its append to the second member's list waiting
 *   in a buffer: every other method applies the buffer first;
 * - that append, when applied, may leave a list longer than 128 entries with an unsorted tail
 *   of up to 32 entries (`#append`): every read of that list ({@link CompactAdjacencyStore.slabOf},
 *   {@link CompactAdjacencyStore.neighbors}, {@link CompactAdjacencyStore.indexOfNeighbor}) and
 *   every merge sorts it in first.
 *
 * @remarks
 * Memory: about 4.4 bytes per stored neighbour (8.8 per undirected connection) plus 17 bytes per
 * member index. `has` is O(log d); `insert`/`remove` are O(log d + d) (a binary search and a shift
 * inside the block); `allocate`/`release` of a member index are O(1) amortised.
 *
 * Indices are handed out densely and reused after {@link CompactAdjacencyStore.releaseMember}.
 * The store never validates: the facade checks everything before it calls a mutator.
 *
 * @example
 * ```ts
 * const store = new CompactAdjacencyStore(30_000);
 * const a = store.allocateMember();
 * const b = store.allocateMember();
 * store.insert(a, b);
 * store.insert(b, a);
 * store.has(a, b); // true
 * ```
 * @public
 */
export class CompactAdjacencyStore implements AdjacencyView {
  /** Largest neighbour list a member may hold. */
  readonly maxDegree: number;
  /** Exclusive bound on member indices ever handed out. */
  indexBound = 0;

  #caps: Int32Array;
  /**
   * Per member `v`, four int32 in one 16-byte record (one cache line holds four members):
   * `[4v]` block address, `[4v + 1]` list length, `[4v + 2]` size class (NO_CLASS: no block),
   * `[4v + 3]` last (largest) entry of the list, -1 when empty, or -1 - k when the list's last k
   * entries are an unsorted tail (see `#append`).
   */
  #meta: Int32Array;
  #alive: Uint8Array;
  #slabs: Int32Array[] = [new Int32Array(FIRST_SLAB_ENTRIES)];
  /** Connection times (seconds), slot for slot beside `#slabs`; null until enabled. */
  #times: Uint32Array[] | null = null;
  /** Next never-used global address. */
  #bump = 0;
  /** Per size class, a stack of free block addresses (`#freeCounts[c]` of them in use). */
  #freeStacks: Int32Array[];
  #freeCounts: Int32Array;
  #freeMembers: Int32Array = new Int32Array(16);
  #freeMemberCount = 0;
  #memberCount = 0;
  #usedSlots = 0;
  #blockSlots = 0;
  #freeSlots = 0;
  #compactions = 0;
  /** {@link CompactAdjacencyStore.mergePairs}' per-member scratch: all zero between calls. */
  #mergeScratch: Int32Array = new Int32Array(16);
  readonly #tuning: StoreTuning;
  /**
   * A ring of members whose list got an unsorted tail, oldest first, `#queued` of them from
   * `#queueHead` (a member put in order since stays in it, and is skipped when reached).
   */
  #queue: Int32Array;
  #queueHead = 0;
  #queued = 0;
  /** Scratch for a tail being sorted. */
  #tail: Int32Array;
  /** `link`'s waiting appends: `#pendingTo[i]` goes to the end of `#pendingList[i]`'s list. */
  #pendingList: Int32Array;
  #pendingTo: Int32Array;
  #pending = 0;
  /** One bit per member: set when it may have an append waiting (cleared when they are applied). */
  #pendingBits: Int32Array;
  /** At least the longest list's length (it only grows): `link` leaves an append waiting only while this plus the waiting appends stays under the cap. */
  #degreeHigh = 0;
  /** The member whose list the last search read (-1: none): likely still in cache. */
  #searched = -1;
  /** Sum of what the passes over many lists read ahead, kept so that the reads are not dropped. */
  #touched = 0;

  constructor(maxDegree: number, initialMembers = 16, tuning: StoreTuning = DEFAULT_TUNING) {
    const { tailMax, queueMax, pendingMax, directMax } = tuning;
    if (!(tailMax >= 1 && pendingMax >= 1 && queueMax >= 2 && (queueMax & (queueMax - 1)) === 0 && directMax >= 0)) {
      throw new RangeError(`CompactAdjacencyStore: bad tuning ${JSON.stringify(tuning)}`);
    }
    this.#tuning = tuning;
    // The queue and the buffer start small and grow as they fill.
    this.#queue = new Int32Array(Math.min(START_BUFFER, queueMax));
    this.#tail = new Int32Array(tailMax);
    this.#pendingList = new Int32Array(Math.min(START_BUFFER, pendingMax));
    this.#pendingTo = new Int32Array(this.#pendingList.length);
    this.maxDegree = maxDegree;
    this.#caps = buildSizeClasses(maxDegree);
    this.#freeStacks = Array.from(this.#caps, () => new Int32Array(16));
    this.#freeCounts = new Int32Array(this.#caps.length);
    const n = Math.max(16, initialMembers);
    this.#meta = newMeta(n);
    this.#alive = new Uint8Array(n);
    this.#pendingBits = new Int32Array((n + 31) >>> 5);
  }

  // ---------------------------------------------------------------- members

  /** Number of live member indices. */
  get memberCount(): number {
    return this.#memberCount;
  }

  /** Number of undirected connections (half the stored neighbour ids). */
  get connectionCount(): number {
    return this.#usedSlots / 2;
  }

  /** Whether `v` is a live member index. O(1). */
  isAlive(v: number): boolean {
    return v >= 0 && v < this.indexBound && this.#alive[v] === 1;
  }

  /** Hands out a member index: a freed one if any, else the next new one. O(1) amortised. */
  allocateMember(): number {
    let v: number;
    if (this.#freeMemberCount > 0) {
      v = this.#freeMembers[--this.#freeMemberCount]!;
    } else {
      v = this.indexBound;
      // Stryker disable next-line ArithmeticOperator: growing by half always gives more than v + 1 records, so v - 1 grows alike
      if (v === this.#meta.length >> 2) this.#growMembers(v + 1);
      this.indexBound = v + 1;
    }
    this.#alive[v] = 1;
    this.#memberCount++;
    return v;
  }

  /**
   * Frees member index `v`, which must hold no connection (remove them first). The index will be
   * handed out again. O(1) amortised.
   */
  releaseMember(v: number): void {
    if (this.#pending !== 0) this.#flush();
    if (this.#meta[4 * v + 1] !== 0) throw new Error(`CompactAdjacencyStore.releaseMember: ${v} still has connections`);
    this.#freeBlock(v);
    this.#alive[v] = 0;
    this.#memberCount--;
    if (this.#freeMemberCount === this.#freeMembers.length) this.#freeMembers = grown(this.#freeMembers);
    this.#freeMembers[this.#freeMemberCount++] = v;
  }

  #growMembers(needed: number): void {
    const n = Math.max(needed, Math.ceil((this.#meta.length >> 2) * GROWTH));
    // Shared memory once big, as after a bulk load: a helper thread can then merge connectAll's
    // batches (see #mergeGroupsAll).
    const meta = newMeta(n, n >= 1 << 16);
    meta.set(this.#meta);
    const alive = new Uint8Array(n);
    alive.set(this.#alive);
    this.#meta = meta;
    this.#alive = alive;
    const bits = new Int32Array((n + 31) >>> 5);
    bits.set(this.#pendingBits);
    this.#pendingBits = bits;
  }

  // ---------------------------------------------------------------- reading

  /** Number of connections of `v`. O(1), after any appends waiting ({@link CompactAdjacencyStore.link}). */
  degreeOf(v: number): number {
    if (this.#pending !== 0) this.#flush();
    return this.#meta[4 * v + 1]!;
  }

  /**
   * The slab that holds `v`'s neighbour list, sorted: appends waiting are applied
   * ({@link CompactAdjacencyStore.link}) and an unsorted tail is sorted in first. O(1), or O(d)
   * for that list.
   */
  slabOf(v: number): Int32Array {
    if (this.#pending !== 0) this.#flush();
    if (this.#meta[4 * v + 3]! < -1) this.#settle(v);
    return this.#slabs[this.#meta[4 * v]! >>> SLAB_BITS]!;
  }

  /**
   * {@link CompactAdjacencyStore.slabOf} without sorting an unsorted tail in (appends waiting are
   * applied): for readers that need the list only as a set. O(1).
   *
   * @remarks Right after a 1M-member build by `connect`, about 2^18 lists have a tail; BFS reads
   * that sorted each of them cost `degree` on random pairs 1.3× the time (10.1 against 7.7 µs
   * p50) until most were sorted.
   */
  unorderedSlabOf(v: number): Int32Array {
    if (this.#pending !== 0) this.#flush();
    return this.#slabs[this.#meta[4 * v]! >>> SLAB_BITS]!;
  }

  /** Offset of `v`'s neighbour list inside {@link CompactAdjacencyStore.slabOf}. O(1). */
  offsetOf(v: number): number {
    if (this.#pending !== 0) this.#flush();
    return this.#meta[4 * v]! & SLAB_MASK;
  }

  /** Whether connection times are recorded. */
  get hasTimes(): boolean {
    return this.#times !== null;
  }

  /**
   * Starts recording a time (uint32 seconds) beside every stored neighbour; existing connections
   * get time 0 ("unknown"). Costs 4 bytes per stored neighbour (8 per connection). O(pool).
   */
  enableTimes(): void {
    if (this.#times !== null) return;
    this.#settleAll(); // a time goes with its entry: no entry moves after this
    this.#times = this.#slabs.map((slab) => new Uint32Array(slab.length));
  }

  /**
   * The array holding the times of `v`'s connections, aligned with {@link CompactAdjacencyStore.slabOf}:
   * the time of the neighbour at `slabOf(v)[offsetOf(v) + i]` is at `timesOf(v)[offsetOf(v) + i]`.
   * Requires {@link CompactAdjacencyStore.enableTimes}. O(1).
   */
  timesOf(v: number): Uint32Array {
    if (this.#pending !== 0) this.#flush();
    return this.#times![this.#meta[4 * v]! >>> SLAB_BITS]!;
  }

  /** Position of `w` in `v`'s sorted list, or `-(insertion point) - 1`. O(log d). */
  indexOfNeighbor(v: number, w: number): number {
    if (this.#pending !== 0) this.#flush();
    return this.#indexOf(v, w);
  }

  /** {@link CompactAdjacencyStore.indexOfNeighbor} when no append to `v` is waiting. */
  #indexOf(v: number, w: number): number {
    this.#searched = v;
    if (this.#meta[4 * v + 3]! < -1) this.#settle(v);
    const n = this.#meta[4 * v + 1]!;
    const slab = this.#slabs[this.#meta[4 * v]! >>> SLAB_BITS]!;
    const start = this.#meta[4 * v]! & SLAB_MASK;
    // Appending is the common case (ids handed out in order, edge lists sorted by source); the
    // record keeps the list's last (largest) entry, so this costs no read of the list itself.
    if (this.#meta[4 * v + 3]! < w) return -n - 1;
    let lo = start;
    let hi = start + n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const x = slab[mid]!;
      if (x < w) lo = mid + 1;
      else if (x > w) hi = mid - 1;
      else return mid - start;
    }
    return -(lo - start) - 1;
  }

  /**
   * Reads one entry in 16 (a cache line) of `v`'s list, if it holds at most
   * {@link READ_AHEAD_MAX_ENTRIES}, and returns their sum: a caller about to search and change
   * two cold lists reads both first, so that their cache misses overlap instead of each binary
   * search step waiting on the last. O(d / 16).
   *
   * @remarks `disconnect` reads ahead (disconnect then connect again of random existing
   * connections: 0.88–0.95× the time on 100k and 1M BA graphs, shuffled or in generation order);
   * `connect` reads ahead through {@link CompactAdjacencyStore.readAheadFor}, which skips a list
   * the search will not read. A hint only: it reads the list as it stands, appends waiting or not.
   */
  readAhead(v: number): number {
    const n = this.#meta[4 * v + 1]!;
    // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement: reading ahead changes only the speed
    if (n > READ_AHEAD_MAX_ENTRIES) return 0;
    const start = this.#meta[4 * v]! & SLAB_MASK;
    return readLinesAhead(this.#slabs[this.#meta[4 * v]! >>> SLAB_BITS]!, start, start + n);
  }

  /**
   * {@link CompactAdjacencyStore.readAhead} for a search of `w` in `v`'s list, skipped when the
   * search will not read the list (`w` goes after the last entry, which the record holds).
   *
   * @remarks `connect` calls it for both ends before either search. Building the bench's 1M BA
   * graph by `connect` with shuffled ids took 0.95–0.97× the time (five runs, both ways round);
   * in generation order, where nearly every call appends to the newer member's list and skips
   * it, 0.98–1.0×. Reading every list first, appends included, cost 1.2–1.3× in generation
   * order. On lists already in cache (a `disconnect` then `connect` of the same pair) it costs
   * up to 3%.
   */
  readAheadFor(v: number, w: number): number {
    const last = this.#meta[4 * v + 3]!; // below -1: an unsorted tail, which the search sorts in
    // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator,BlockStatement: reading ahead changes only the speed
    if (last >= -1 && last < w) return 0;
    return this.readAhead(v);
  }

  /** Whether `w` is in `v`'s list. O(log d). */
  has(v: number, w: number): boolean {
    return this.indexOfNeighbor(v, w) >= 0;
  }

  /** A copy of `v`'s sorted neighbour list. O(d). */
  neighbors(v: number): Int32Array {
    if (this.#pending !== 0) this.#flush();
    if (this.#meta[4 * v + 3]! < -1) this.#settle(v);
    const start = this.#meta[4 * v]! & SLAB_MASK;
    return this.#slabs[this.#meta[4 * v]! >>> SLAB_BITS]!.slice(start, start + this.#meta[4 * v + 1]!);
  }

  // ---------------------------------------------------------------- mutation

  /**
   * Inserts `w` into `v`'s sorted list. Returns `false` if it was there already.
   * The caller checks the degree cap first. O(log d + d).
   */
  insert(v: number, w: number, time = 0): boolean {
    const pos = this.indexOfNeighbor(v, w);
    if (pos >= 0) return false;
    this.insertAt(v, w, -pos - 1, time);
    return true;
  }

  /**
   * Inserts `w` at position `at` of `v`'s list, where {@link CompactAdjacencyStore.indexOfNeighbor}
   * said it belongs (`-(result) - 1`). O(d).
   */
  insertAt(v: number, w: number, at: number, time = 0): void {
    if (this.#pending !== 0) this.#flush();
    this.#insertAt(v, w, at, time);
  }

  /** {@link CompactAdjacencyStore.insertAt} when no append to `v` is waiting. */
  #insertAt(v: number, w: number, at: number, time: number): void {
    const n = this.#meta[4 * v + 1]!;
    const cls = this.#meta[4 * v + 2]!;
    if (cls === NO_CLASS || n === this.#caps[cls]!) this.#moveBlock(v, classFor(this.#caps, n + 1));
    const slab = this.#slabs[this.#meta[4 * v]! >>> SLAB_BITS]!;
    const start = this.#meta[4 * v]! & SLAB_MASK;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: the short loop and copyWithin move the same entries; the length only chooses between them
    if (n - at > 32) slab.copyWithin(start + at + 1, start + at, start + n);
    else for (let i = start + n; i > start + at; i--) slab[i] = slab[i - 1]!; // short shift: no builtin call
    slab[start + at] = w;
    if (this.#times !== null) {
      const times = this.#times[this.#meta[4 * v]! >>> SLAB_BITS]!;
      if (at < n) times.copyWithin(start + at + 1, start + at, start + n);
      times[start + at] = time;
    }
    this.#meta[4 * v + 1] = n + 1;
    if (n + 1 > this.#degreeHigh) this.#degreeHigh = n + 1;
    if (at === n) this.#meta[4 * v + 3] = w;
    this.#usedSlots++;
  }

  /**
   * `connect` without times: connects `u` and `v` (two live members) unless they are connected
   * (returns -1) or one of them already has `maxDegree` neighbours (returns 1 for `u`, 2 for `v`),
   * and returns 0; nothing changes unless it returns 0. `v` is inserted in `u`'s list, which says
   * whether the pair is new. `u` is appended to `v`'s list later: the append waits in a buffer,
   * without reading `v`'s record, while the longest list plus the waiting appends stays under the
   * cap (so `v` cannot pass it). Every other method applies the waiting appends first, and the
   * one that fills the buffer (1,024) applies them all: their records and lists are read in
   * passes whose cache misses overlap, instead of one chain per call.
   *
   * @remarks O(log d + d) for `u`'s list; amortised O(1) plus
   * the append for `v`'s (`#append`). On a 1M-member BA graph built by
   * `connect` on shuffled long ids, the waiting appends and the tails together took the build from
   * 0.90–1.01 to 1.12–1.20M connections/s (alternating runs), 0.87–0.90× the time in one process
   * (`bench/ab-build.bench.ts`, both ways round); generation order unchanged. A flush of 1,024
   * appends on that graph takes 0.3–0.4 ms.
   */
  link(u: number, v: number): number {
    const searched = this.#searched;
    if (this.#pending !== 0 && (this.#pendingBits[u >>> 5]! & (1 << (u & 31))) !== 0) this.#flush();
    const at = this.#indexOf(u, v);
    if (at >= 0) return -1;
    const cap = this.maxDegree;
    if (this.#meta[4 * u + 1]! >= cap) return 1;
    if (v === searched || this.#degreeHigh + this.#pending >= cap) {
      // v's list was just read (as by a disconnect before a connect of the same pair): it is
      // in cache, so the entry goes in its place now. Or v may be near the cap: its exact
      // length decides, and the append does not wait.
      if (this.#pending !== 0) this.#flush();
      if (this.#meta[4 * v + 1]! >= cap) return 2;
      this.#insertAt(u, v, -at - 1, 0);
      if (v === searched) this.#insertAt(v, u, -this.#indexOf(v, u) - 1, 0);
      else this.#append(v, u);
      return 0;
    }
    this.#insertAt(u, v, -at - 1, 0);
    this.#pendingBits[v >>> 5]! |= 1 << (v & 31);
    const c = this.#pending;
    this.#pendingList[c] = v;
    this.#pendingTo[c] = u;
    this.#pending = c + 1;
    this.#usedSlots++;
    if (c + 1 === this.#tuning.pendingMax) this.#flush();
    else if (c + 1 === this.#pendingList.length) {
      this.#pendingList = grown(this.#pendingList);
      this.#pendingTo = grown(this.#pendingTo);
    }
    return 0;
  }

  /**
   * Applies `link`'s waiting appends: reads their records, then their lists' ends (the whole list
   * when the append will move it or sort in its full tail, which read all of it), then appends.
   * Reading the moving lists whole in the second pass: a build by `connect` of the 1M bench graph
   * (shuffled long ids, in a slow hour) ran at a mean 0.80 against 0.76M/s in seven alternating
   * processes (pairs from -3% to +16%); in generation order with short ids 1.38 / 1.74 against
   * 1.26 / 1.58M/s.
   */
  #flush(): void {
    const count = this.#pending;
    this.#pending = 0;
    const lists = this.#pendingList;
    const to = this.#pendingTo;
    const bits = this.#pendingBits;
    const touched = this.#readPendingAhead(count);
    this.#usedSlots -= count; // counted when they were linked; #append counts them again
    for (let i = 0; i < count; i++) {
      const v = lists[i]!;
      bits[v >>> 5]! &= ~(1 << (v & 31));
      this.#append(v, to[i]!);
    }
    this.#touched = (this.#touched + touched) | 0;
  }

  /**
   * {@link CompactAdjacencyStore.#flush}'s first two passes over the `count` waiting appends: each
   * member's record, then its list's end, or the whole list (a line in 16 entries) when the
   * append will move it, sort its full tail in, or shift it (an entry below the last of a sorted
   * list of at most `directMax`), which reads all of it. Returns the sum of what
   * it read (kept so that the reads are not dropped). O(count + the lists read whole / 16).
   */
  #readPendingAhead(count: number): number {
    const lists = this.#pendingList;
    const to = this.#pendingTo;
    const meta = this.#meta;
    let touched = 0;
    // Stryker disable next-line ArithmeticOperator,AssignmentOperator,ConditionalExpression,EqualityOperator: reading ahead changes only the speed
    for (let i = 0; i < count; i++) touched += meta[4 * lists[i]! + 1]!;
    const caps = this.#caps;
    const tailFull = -1 - this.#tail.length;
    const directMax = this.#tuning.directMax;
    for (let i = 0; i < count; i++) {
      const v = lists[i]!;
      const n = meta[4 * v + 1]!;
      // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement: reading ahead changes only the speed
      if (n === 0) continue;
      const address = meta[4 * v]!;
      const slab = this.#slabs[address >>> SLAB_BITS]!;
      const start = address & SLAB_MASK;
      // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator: reading ahead changes only the speed
      const last = meta[4 * v + 3]!;
      if (n === caps[meta[4 * v + 2]!]! || last === tailFull || (n <= directMax && to[i]! < last)) touched += readLinesAhead(slab, start, start + n);
      else touched += slab[start + n - 1]!;
    }
    return touched;
  }

  /**
   * Appends `w`, which is not in `v`'s list, at the list's end without reading the list (`link`
   * knows the pair is new from the other member's list, and checked the cap; no times are
   * recorded; no append to `v` waits). When `w` is below the last entry, a sorted list of at
   * most `directMax` entries (128) takes it in place (a shift; the flush read the list whole),
   * and any other list gets an unsorted tail: its last entries, in any order, after a sorted
   * rest. Any read of the list
   * through this store sorts the tail in first (see {@link CompactAdjacencyStore.slabOf}); so
   * does the append that would make the tail longer than 32 entries, a block move, or the queue
   * of lists with a tail when it is full (2^18 lists, or a quarter of the members when fewer: the
   * oldest 256 are then put in order in one pass, their cache misses overlapping). A list's tail
   * is thus read once for many appends. O(1) amortised, plus a block move when the list is full.
   */
  #append(v: number, w: number): void {
    let last = this.#meta[4 * v + 3]!;
    const n = this.#meta[4 * v + 1]!;
    const cls = this.#meta[4 * v + 2]!;
    if (cls === NO_CLASS || n === this.#caps[cls]!) {
      // The move reads the whole list: sorting the tail in first costs no other cache miss.
      if (last < -1) last = this.#settle(v);
      this.#moveBlock(v, classFor(this.#caps, n + 1));
    } else if (last === -1 - this.#tail.length) last = this.#settle(v);
    const address = this.#meta[4 * v]!;
    const slab = this.#slabs[address >>> SLAB_BITS]!;
    const start = address & SLAB_MASK;
    this.#meta[4 * v + 1] = n + 1;
    if (n + 1 > this.#degreeHigh) this.#degreeHigh = n + 1;
    this.#usedSlots++;
    if (w < last && n <= this.#tuning.directMax) {
      // A short sorted list (w < last: last is its largest entry, not a tail's mark) takes w in
      // place; the flush read it whole. One loop finds the place from the end and shifts: through
      // #insertAt (a binary search, then the shift) the 10k build took 278-282 against 243-245 ns
      // per connect, the 1M one ran at 1.17-1.26 against 1.28-1.39M/s.
      let i = start + n;
      for (; i > start && slab[i - 1]! > w; i--) slab[i] = slab[i - 1]!;
      slab[i] = w;
      return;
    }
    slab[start + n] = w;
    if (last < -1) this.#meta[4 * v + 3] = last - 1;
    else if (w > last) this.#meta[4 * v + 3] = w;
    else {
      this.#meta[4 * v + 3] = -2;
      if (this.#queued === this.#queue.length) this.#makeRoom();
      this.#queue[(this.#queueHead + this.#queued++) & (this.#queue.length - 1)] = v;
    }
  }

  /** Sorts the unsorted tail of `v`'s list into the rest; returns the list's last entry. O(k² + k log d + d) for a tail of k. */
  #settle(v: number): number {
    const n = this.#meta[4 * v + 1]!;
    const k = -this.#meta[4 * v + 3]! - 1;
    const address = this.#meta[4 * v]!;
    const list = this.#slabs[address >>> SLAB_BITS]!;
    const base = address & SLAB_MASK;
    const tail = this.#tail;
    const sorted = n - k;
    // Insertion sort: at most 32 entries, usually a few.
    for (let i = 0; i < k; i++) {
      const x = list[base + sorted + i]!;
      let j = i;
      for (; j > 0 && tail[j - 1]! > x; j--) tail[j] = tail[j - 1]!;
      tail[j] = x;
    }
    mergeInPlace(list, base, sorted, tail, 0, k);
    const last = list[base + n - 1]!;
    this.#meta[4 * v + 3] = last;
    return last;
  }

  /** Makes room in the full queue: grows it while it holds fewer than a quarter of the members (up to `queueMax`), else puts the oldest lists in order. */
  #makeRoom(): void {
    const queue = this.#queue;
    const size = queue.length;
    if (size < this.#tuning.queueMax && size * 4 < this.indexBound) {
      const larger = new Int32Array(size * 2);
      for (let i = 0; i < size; i++) larger[i] = queue[(this.#queueHead + i) & (size - 1)]!;
      this.#queue = larger;
      this.#queueHead = 0;
    } else this.#settleOldest(Math.min(SETTLE_BATCH, size >>> 1));
  }

  /**
   * Puts the `count` oldest queued lists in order, in three passes so that their cache misses
   * overlap: each member's record, then each list (one entry in 16, see
   * {@link CompactAdjacencyStore.readAhead}), then the sorting. O(their lengths).
   */
  #settleOldest(count: number): void {
    const queue = this.#queue;
    const mask = queue.length - 1;
    const head = this.#queueHead;
    let touched = 0;
    // Stryker disable next-line ArithmeticOperator,AssignmentOperator,ConditionalExpression,EqualityOperator: reading ahead changes only the speed
    for (let i = 0; i < count; i++) touched += this.#meta[4 * queue[(head + i) & mask]! + 1]!;
    for (let i = 0; i < count; i++) {
      const v = queue[(head + i) & mask]!;
      // Stryker disable next-line ArithmeticOperator,AssignmentOperator,ConditionalExpression,EqualityOperator: reading ahead changes only the speed
      if (this.#meta[4 * v + 3]! < -1) touched += this.readAhead(v);
    }
    for (let i = 0; i < count; i++) {
      const v = queue[(head + i) & mask]!;
      if (this.#meta[4 * v + 3]! < -1) this.#settle(v);
    }
    this.#queueHead = (head + count) & mask;
    this.#queued -= count;
    this.#touched = (this.#touched + touched) | 0;
  }

  /** Applies the waiting appends and puts every list in order: before anything reads the slabs directly. */
  #settleAll(): void {
    if (this.#pending !== 0) this.#flush();
    while (this.#queued > 0) this.#settleOldest(Math.min(SETTLE_BATCH, this.#queued));
  }

  /**
   * The work left for later, for tests: appends waiting in `link`'s buffer (`waiting`), whether
   * one of them goes to `v`'s list (`waitsFor`), the lists queued with a tail (`queued`, some of
   * them maybe put in order since), and the length of `v`'s unsorted tail. Changes nothing.
   * @internal
   */
  deferredWork(v: number): { waiting: number; waitsFor: boolean; queued: number; tail: number } {
    const field = this.#meta[4 * v + 3]!;
    return { waiting: this.#pending, waitsFor: (this.#pendingBits[v >>> 5]! & (1 << (v & 31))) !== 0, queued: this.#queued, tail: field < -1 ? -field - 1 : 0 };
  }

  /** Removes `w` from `v`'s list. Returns whether it was there. O(log d + d). */
  remove(v: number, w: number): boolean {
    if (this.#pending !== 0) this.#flush();
    const at = this.#indexOf(v, w);
    if (at < 0) return false;
    const n = this.#meta[4 * v + 1]!;
    const slab = this.#slabs[this.#meta[4 * v]! >>> SLAB_BITS]!;
    const start = this.#meta[4 * v]! & SLAB_MASK;
    if (at < n - 1) {
      // Stryker disable next-line ConditionalExpression,EqualityOperator: the short loop and copyWithin move the same entries; the length only chooses between them
      if (n - at > 32) slab.copyWithin(start + at, start + at + 1, start + n);
      else for (let i = start + at; i < start + n - 1; i++) slab[i] = slab[i + 1]!;
      if (this.#times !== null) this.#times[this.#meta[4 * v]! >>> SLAB_BITS]!.copyWithin(start + at, start + at + 1, start + n);
    }
    this.#meta[4 * v + 1] = n - 1;
    if (at === n - 1) this.#meta[4 * v + 3] = at === 0 ? -1 : slab[start + at - 1]!;
    this.#usedSlots--;
    if (n - 1 === 0) this.#freeBlock(v);
    else {
      const cls = this.#meta[4 * v + 2]!;
      // Shrink with hysteresis: only when the list fills less than a quarter of its block.
      if (cls > 3 && (n - 1) * 4 < this.#caps[cls]!) this.#moveBlock(v, classFor(this.#caps, (n - 1) * 2));
    }
    this.#maybeCompact();
    return true;
  }

  /**
   * Removes every neighbour of `v` from `v`'s own list and returns the removed ids (the caller
   * removes `v` from each of their lists). O(d).
   */
  clear(v: number): Int32Array {
    if (this.#pending !== 0) this.#flush();
    const removed = this.neighbors(v);
    this.#usedSlots -= removed.length;
    this.#meta[4 * v + 1] = 0;
    // Stryker disable next-line UnaryOperator: an empty list answers -1 whatever its largest entry says (the shortcut and a search of no entry agree)
    this.#meta[4 * v + 3] = -1;
    this.#freeBlock(v);
    this.#maybeCompact();
    return removed;
  }

  /**
   * Adds the pairs `(us[i], vs[i])`, `i < count`, to the live store as one operation: each pair
   * once or more, in any order and direction, between live members, never a member with itself
   * (the caller checked). Pairs already connected, and repeats within the batch, change nothing.
   * New entries get `time` when times are recorded (`startTimes`: start recording them, once the
   * batch is known to fit). Returns the number of new connections and,
   * when `fresh` is given, sets `fresh[i]` to 1 exactly for the pairs that made one (the first
   * occurrence of a pair not connected before) and to 0 for the others, so that the caller can
   * report them in input order.
   *
   * Validates before it changes anything: when a member would exceed `maxDegree`, calls
   * `onOverflow` (which throws) with the store untouched.
   *
   * @remarks O(k log k + Σ d) for k pairs touching lists of total length Σ d: the pairs' entries
   * are grouped by member (a counting sort over the members touched: no pass over all members),
   * each group sorted on (neighbour, pair) keys, deduplicated and filtered against the member's
   * list in one merge walk; then each list grows once, to the size class of its new length, and
   * takes its new entries in one merge from the back. Where one `insert` per pair pays a binary
   * search, a shift and often a block move for every entry, this pays them once per member.
   * Temporary memory: 17 bytes per pair (8 when `fresh` is not asked for) plus 16 per member
   * touched; a scratch array of 4 bytes per member index is kept for later batches. Without
   * `fresh`, `onNew` hears of each new connection, in member order, once the lists are merged.
   */
  mergePairs(
    us: Int32Array,
    vs: Int32Array,
    count: number,
    time: number,
    startTimes: boolean,
    onOverflow: (member: number, degree: number) => never,
    fresh: Uint8Array | null = null,
    onNew: ((u: number, v: number) => void) | null = null,
    helper: HelperThread | null = null,
  ): number {
    const bound = this.indexBound;
    if (count > MAX_MERGE_PAIRS || bound > 2 ** (53 - MERGE_PAIR_BITS)) throw new RangeError('CompactAdjacencyStore.mergePairs: batch too large');
    fresh?.fill(0, 0, count);
    if (count === 0) return 0;
    this.#settleAll(); // the merge reads the lists directly, here and on a helper
    // 1. Entries per member: a counting sort over the members touched only.
    let fill = this.#mergeScratch;
    if (fill.length < bound) fill = this.#mergeScratch = new Int32Array(Math.max(bound, Math.ceil(fill.length * 1.5)));
    const touched = bulkInt32(Math.min(2 * count, bound));
    let t = 0;
    for (let i = 0; i < count; i++) {
      const u = us[i]!;
      const v = vs[i]!;
      if (fill[u]!++ === 0) touched[t++] = u;
      if (fill[v]!++ === 0) touched[t++] = v;
    }
    // Members in index order: their records, their lists (laid out in member order by a bulk
    // load) and their groups of entries are then read front to back instead of at random, which
    // on a big graph is most of the cost. Many members: one scan; few: a sort.
    if (t * 8 > bound) {
      t = 0;
      for (let m = 0; m < bound; m++) if (fill[m] !== 0) touched[t++] = m;
    } else touched.subarray(0, t).sort();
    const groups = bulkInt32(t + 1); // group g holds entries [groups[g], groups[g + 1])
    let at = 0;
    for (let g = 0; g < t; g++) {
      const m = touched[g]!;
      groups[g] = at;
      at += fill[m]!;
      fill[m] = groups[g]!;
    }
    groups[t] = at;
    // 2. Per member: sort, drop repeats and neighbours it has, and check the cap; the new
    // neighbours of group g are left at added[stride · groups[g], + newCounts[g]).
    // 3. Grow each list once and merge its new neighbours in ({@link #mergeInto}). Without
    // `fresh`, steps 2 and 3 run member by member, after a cap check ({@link #mergeByMember}).
    const newCounts = bulkInt32(t);
    let added: Int32Array;
    let stride: number;
    let total: number;
    if (fresh !== null) {
      ({ added, stride, total } = this.#newByPair(us, vs, count, fill, touched, t, groups, newCounts, fresh, onOverflow));
      if (startTimes && total > 0) this.enableTimes();
      for (let g = 0; g < t; g++) if (newCounts[g]! > 0) this.#mergeInto(touched[g]!, added, stride * groups[g]!, newCounts[g]!, time);
    } else {
      ({ added, stride, total } = this.#mergeByMember(us, vs, count, fill, touched, t, groups, newCounts, time, startTimes, onOverflow, helper));
    }
    this.#usedSlots += total;
    for (let g = 0; g < t; g++) {
      const d = this.#meta[4 * touched[g]! + 1]!;
      if (d > this.#degreeHigh) this.#degreeHigh = d;
    }
    if (onNew !== null) {
      for (let g = 0; g < t; g++) {
        const m = touched[g]!;
        const from = stride * groups[g]!;
        for (let j = 0; j < newCounts[g]!; j++) if (m < added[from + j]!) onNew(m, added[from + j]!);
      }
    }
    return total / 2;
  }

  /**
   * Merges `k` new neighbours of `m` (sorted, none in its list: `added[from, from + k)`) into its
   * list, growing it once to the size class of its new length: in place from the back
   * ({@link mergeInPlace}) when its block has room, else front to back straight into the new
   * block ({@link mergeMoving}: each entry written once, instead of copied there and then
   * shifted). New entries get `time` when times are recorded. O(k log d + d).
   */
  #mergeInto(m: number, added: Int32Array, from: number, k: number, time: number): void {
    const n = this.#meta[4 * m + 1]!;
    const cls = this.#meta[4 * m + 2]!;
    if (cls === NO_CLASS || n + k > this.#caps[cls]!) {
      if (this.#times === null) {
        const c = classFor(this.#caps, n + k);
        const to = this.#allocate(c); // may replace a slab: read the slabs after it
        const address = this.#meta[4 * m]!;
        const end = mergeMoving(this.#slabs[address >>> SLAB_BITS]!, address & SLAB_MASK, n, added, from, k, this.#slabs[to >>> SLAB_BITS]!, to & SLAB_MASK);
        this.#meta[4 * m + 3] = this.#slabs[to >>> SLAB_BITS]![end - 1]!;
        this.#meta[4 * m + 1] = n + k;
        this.#commitMove(m, to, c);
        return;
      }
      this.#moveBlock(m, classFor(this.#caps, n + k));
    }
    const address = this.#meta[4 * m]!;
    const list = this.#slabs[address >>> SLAB_BITS]!;
    const base = address & SLAB_MASK;
    mergeInPlace(list, base, n, added, from, k, this.#times === null ? null : this.#times[address >>> SLAB_BITS]!, time);
    this.#meta[4 * m + 1] = n + k;
    this.#meta[4 * m + 3] = list[base + n + k - 1]!;
  }

  /**
   * Makes the block at `address` (class `cls`), which holds `m`'s merged list (its record's
   * length and last entry already say so), `m`'s block, and frees the old one. When the list
   * turns out to fit a smaller class (its group held repeats or neighbours it had, and the block
   * was sized for the whole group), it goes back into its old block if that has room, else into
   * a block of its own class, and the oversized block is freed: the store ends as exactly sized
   * as after one merge per member. O(d) when it moves the list again, else O(1).
   */
  #commitMove(m: number, address: number, cls: number): void {
    const caps = this.#caps;
    const n = this.#meta[4 * m + 1]!;
    const old = this.#meta[4 * m + 2]!;
    if (old !== NO_CLASS && n <= caps[old]!) {
      const from = this.#slabs[address >>> SLAB_BITS]!;
      const o = this.#meta[4 * m]!;
      copyList(from, address & SLAB_MASK, n, this.#slabs[o >>> SLAB_BITS]!, o & SLAB_MASK);
      this.#freeAddress(address, cls);
      return;
    }
    const exact = classFor(caps, n);
    if (exact < cls) {
      const to = this.#allocate(exact); // may replace a slab: read the slabs after it
      copyList(this.#slabs[address >>> SLAB_BITS]!, address & SLAB_MASK, n, this.#slabs[to >>> SLAB_BITS]!, to & SLAB_MASK);
      this.#freeAddress(address, cls);
      address = to;
      cls = exact;
    }
    this.#freeBlock(m);
    this.#meta[4 * m] = address;
    this.#meta[4 * m + 2] = cls;
    this.#blockSlots += caps[cls]!;
  }

  /**
   * {@link CompactAdjacencyStore.mergePairs}' steps 2 and 3 when nobody asks which pair made
   * which connection: int32 keys (the neighbour alone), half the memory and sorting of
   * {@link CompactAdjacencyStore.#newByPair}; the new neighbours are compacted in place (stride 1).
   *
   * Each member's group is filtered against its list and merged into it in one visit, so that
   * the list is read from memory once, not twice (about a tenth of a 1M-pair batch on a 1M graph,
   * bench/connect-all.bench.ts). The
   * cap is checked first, before anything changes: a member whose list and whole group fit under
   * it cannot overflow; any other member's group is filtered then, exactly (and not again).
   */
  #mergeByMember(
    us: Int32Array,
    vs: Int32Array,
    count: number,
    fill: Int32Array,
    touched: Int32Array,
    t: number,
    groups: Int32Array,
    newCounts: Int32Array,
    time: number,
    startTimes: boolean,
    onOverflow: (member: number, degree: number) => never,
    helper: HelperThread | null,
  ): { added: Int32Array; stride: number; total: number } {
    const keys = bulkInt32(2 * count);
    for (let i = 0; i < count; i++) {
      const u = us[i]!;
      const v = vs[i]!;
      keys[fill[u]!++] = v;
      keys[fill[v]!++] = u;
    }
    for (let g = 0; g < t; g++) fill[touched[g]!] = 0; // the scratch is all zero between calls
    const meta = this.#meta;
    const cap = this.maxDegree;
    for (let g = 0; g < t; g++) {
      const m = touched[g]!;
      const n = meta[4 * m + 1]!;
      if (n + groups[g + 1]! - groups[g]! <= cap) {
        newCounts[g] = -1; // filtered below
        continue;
      }
      const k = filterGroup(meta, this.#slabs, keys, groups[g]!, groups[g + 1]!, m);
      newCounts[g] = k;
      if (n + k > cap) onOverflow(m, n + k);
    }
    let total = 0;
    if (this.#times === null && !startTimes) {
      total = this.#mergeGroupsAll(keys, touched, t, groups, newCounts, helper);
      return { added: keys, stride: 1, total };
    }
    for (let g = 0; g < t; g++) {
      const m = touched[g]!;
      let k = newCounts[g]!;
      if (k < 0) newCounts[g] = k = filterGroup(meta, this.#slabs, keys, groups[g]!, groups[g + 1]!, m);
      if (k === 0) continue;
      if (startTimes) this.enableTimes(); // O(1) once on
      this.#mergeInto(m, keys, groups[g]!, k, time);
      total += k;
    }
    return { added: keys, stride: 1, total };
  }

  /**
   * {@link CompactAdjacencyStore.#mergeByMember}'s merge when no times are recorded, in three
   * passes: (1) a block for every list that its whole group could outgrow, sized for the whole
   * group (the group is not filtered yet: this pass reads records only); (2) {@link mergeGroups},
   * which filters each group and merges it in one visit to the list, here or, for a big batch
   * with a `helper` thread, the second half of the groups there at the same time (the two halves
   * touch disjoint members and blocks, and nothing is allocated meanwhile); (3) each moved list's
   * new block committed ({@link CompactAdjacencyStore.#commitMove}). Returns the new entries.
   */
  #mergeGroupsAll(keys: Int32Array, touched: Int32Array, t: number, groups: Int32Array, newCounts: Int32Array, helper: HelperThread | null): number {
    const meta = this.#meta;
    const caps = this.#caps;
    const newAddr = bulkInt32(t);
    const newCls = new Uint8Array(t);
    const free = this.#freeCounts.slice(); // what the free stacks will still give
    let fresh = 0; // entries the bump pointer will hand out
    for (let g = 0; g < t; g++) {
      const m = touched[g]!;
      const k = newCounts[g]!;
      const need = meta[4 * m + 1]! + (k >= 0 ? k : groups[g + 1]! - groups[g]!);
      const cls = meta[4 * m + 2]!;
      if (k === 0 || (cls !== NO_CLASS && need <= caps[cls]!)) {
        newAddr[g] = -1;
        continue;
      }
      const c = classFor(caps, need);
      newCls[g] = c;
      newAddr[g] = 0; // allocated below
      if (free[c]! > 0) free[c]!--;
      else fresh += caps[c]!;
    }
    this.#reserve(fresh);
    for (let g = 0; g < t; g++) if (newAddr[g]! >= 0) newAddr[g] = this.#allocate(newCls[g]!);
    const slabs = this.#slabs; // final: nothing is allocated until the merge is done
    let total: number;
    if (helper !== null && t >= 2 && isShared(keys) && isShared(meta) && slabs.every(isShared)) {
      // Both threads take chunks of groups from one counter until none are left.
      const next = bulkInt32(1);
      const chunk = Math.max(16, Math.min(MERGE_CHUNK, Math.ceil(t / 64)));
      helper.submit('mergeGroupsShared', [meta, slabs, keys, groups, touched, newCounts, newAddr, next, t, chunk]);
      total = mergeGroupsShared(meta, slabs, keys, groups, touched, newCounts, newAddr, next, t, chunk);
      total += helper.wait() as number;
    } else total = mergeGroups(meta, slabs, keys, groups, touched, newCounts, newAddr, 0, t);
    for (let g = 0; g < t; g++) if (newAddr[g]! >= 0) this.#commitMove(touched[g]!, newAddr[g]!, newCls[g]!);
    return total;
  }

  /**
   * {@link CompactAdjacencyStore.mergePairs}' step 2 when pairs must be told apart: keys are
   * neighbour · 2^MERGE_PAIR_BITS + pair (exact in a float64), so that a sort puts a member's new
   * neighbours in order and, for each, its earliest pair first, which `fresh` flags. The new
   * neighbours are written as int32 over the keys' own bytes (stride 2): the j-th one of a group
   * lands in bytes 8·start + 4j, never ahead of the key being read.
   */
  #newByPair(
    us: Int32Array,
    vs: Int32Array,
    count: number,
    fill: Int32Array,
    touched: Int32Array,
    t: number,
    groups: Int32Array,
    newCounts: Int32Array,
    fresh: Uint8Array,
    onOverflow: (member: number, degree: number) => never,
  ): { added: Int32Array; stride: number; total: number } {
    const keys = new Float64Array(bulkBuffer(16 * count));
    const scale = 2 ** MERGE_PAIR_BITS;
    for (let i = 0; i < count; i++) {
      const u = us[i]!;
      const v = vs[i]!;
      keys[fill[u]!++] = v * scale + i;
      keys[fill[v]!++] = u * scale + i;
    }
    for (let g = 0; g < t; g++) fill[touched[g]!] = 0; // the scratch is all zero between calls
    const added = new Int32Array(keys.buffer);
    const meta = this.#meta;
    const cap = this.maxDegree;
    let total = 0;
    for (let g = 0; g < t; g++) {
      const m = touched[g]!;
      const start = groups[g]!;
      const end = groups[g + 1]!;
      sortKeys(keys, start, end);
      const n = meta[4 * m + 1]!;
      const list = this.#slabs[meta[4 * m]! >>> SLAB_BITS]!;
      const base = meta[4 * m]! & SLAB_MASK;
      const last = n === 0 ? -1 : meta[4 * m + 3]!;
      let p = 0; // position in m's list
      let previous = -1;
      let k = 0;
      const out = 2 * start;
      for (let e = start; e < end; e++) {
        const key = keys[e]!;
        const w = Math.floor(key / scale);
        if (w === previous) continue;
        previous = w;
        if (w <= last) {
          p = searchFrom(list, base, p, n, w);
          if (p < n && list[base + p] === w) continue;
        }
        added[out + k++] = w;
        // Each new connection is flagged once, from its smaller member's side.
        if (m < w) fresh[key - w * scale] = 1;
      }
      newCounts[g] = k;
      total += k;
      if (n + k > cap) onOverflow(m, n + k);
    }
    return { added, stride: 2, total };
  }

  /**
   * Bulk-loads an empty store from an edge list over member indices `0..members-1` (each pair
   * once or more, in any order, in either direction; self-pairs must be filtered out by the
   * caller). Duplicates collapse. Returns the number of distinct connections.
   *
   * Throws (without changing the store) if a member would exceed `maxDegree`, returning the
   * offending member index through `onOverflow` first.
   *
   * @remarks O(n + m log d): blocks are sized from the raw degrees and laid out as the store
   * keeps them, both directions are scattered into them (the second members' entries through
   * 1,024 buckets by member range, 8 bytes per pair of temporary memory), and each list is sorted and
   * deduplicated in place; only when deduplication shrinks a list into a smaller size class are
   * the lists copied into a tighter layout. A `helper` thread (see helper-thread.ts) runs half of
   * each pass at the same time; the store built is the same. `meanwhile` runs on this thread
   * while the helper counts (before anything can overflow).
   */
  bulkLoad(
    members: number,
    sources: Int32Array,
    targets: Int32Array,
    edges: number,
    onOverflow: (member: number, degree: number) => never,
    helper: HelperThread | null = null,
    meanwhile: (() => void) | null = null,
  ): number {
    if (this.indexBound !== 0) throw new Error('CompactAdjacencyStore.bulkLoad: store is not empty');
    // Every array here comes from bulkBuffer: allocating them must not make V8 rescan the heap
    // (and a helper thread can work on them). With a helper, it counts and scatters the second
    // members' side of the pairs while this thread does the first members', and both threads
    // take buckets to drain and lists to sort from a shared counter.
    // 1. Raw degrees (duplicates included), and how many second members fall in each bucket.
    let shift = 0;
    while (members > BUCKETS * 2 ** shift) shift++;
    helper?.submit('countSeconds', [targets, edges, members, shift, BUCKETS]);
    meanwhile?.();
    const firsts = bulkInt32(members);
    for (let i = 0; i < edges; i++) firsts[sources[i]!]!++;
    const { seconds, perBucket } = helper !== null ? (helper.wait() as ReturnType<typeof countSeconds>) : countSeconds(targets, edges, members, shift, BUCKETS);
    const count = seconds; // raw degree
    for (let v = 0; v < members; v++) count[v]! += firsts[v]!;
    // 2. A block per member for its raw degree, slab by slab; a block never straddles two slabs,
    // so its address is also its index in one buffer that holds them all.
    const caps = this.#caps;
    const maxCap = caps[caps.length - 1]!;
    for (let v = 0; v < members; v++) {
      // Above the cap before deduplication: the member may still fit once duplicates collapse.
      if (count[v]! > maxCap) return this.#bulkLoadFlat(members, sources, targets, edges, onOverflow, count);
    }
    const { addr, cls, bump, blockSlots } = this.#layBlocks(members, count);
    const pool = bulkInt32(Math.max(FIRST_SLAB_ENTRIES, bump));
    // 3. Both directions into the blocks: a pair's first member gets its entry at once (edge
    // lists grouped by source write those in sequence), the second member's after its own
    // entries as a first member, through buckets (see scatterSeconds and drainSeconds).
    if (helper !== null) helper.submit('scatterSeconds', [sources, targets, edges, shift, perBucket]);
    const fill = bulkInt32(members); // where the next first-member entry goes
    fill.set(addr.subarray(0, members));
    for (let i = 0; i < edges; i++) pool[fill[sources[i]!]!++] = targets[i]!;
    const { pending, bounds } = helper !== null ? (helper.wait() as ReturnType<typeof scatterSeconds>) : scatterSeconds(sources, targets, edges, shift, perBucket);
    const drain = [pool, addr, firsts, pending, bounds, shift, members, bulkInt32(1)] as const;
    helper?.submit('drainSeconds', [...drain]);
    drainSeconds(...drain);
    helper?.wait();
    // 4. Sort and deduplicate each list in place (both threads taking blocks of lists).
    const len = fill; // reused: the deduplicated length of each list
    const sort = [pool, addr, count, len, members, bulkInt32(1)] as const;
    helper?.submit('sortLists', [...sort]);
    let used = sortLists(...sort);
    if (helper !== null) used += helper.wait() as number;
    let overflow = -1;
    let shrunk = false;
    for (let v = 0; v < members; v++) {
      const k = len[v]!;
      if (k > this.maxDegree && overflow < 0) overflow = v;
      if (k < count[v]! && classFor(caps, k) !== cls[v]) shrunk = true;
    }
    if (overflow >= 0) onOverflow(overflow, len[overflow]!);
    // 5. Duplicates made some lists smaller than their blocks' class: lay them out again.
    if (shrunk) {
      this.#commitLists(members, len, pool, addr, null);
      return used / 2;
    }
    const slabs: Int32Array[] = [];
    for (let at = 0; at < pool.length; at += SLAB_ENTRIES) slabs.push(pool.subarray(at, Math.min(pool.length, at + SLAB_ENTRIES)));
    this.#install(members, addr, cls, len, slabs, this.#times === null ? null : slabs.map((slab) => new Uint32Array(bulkBuffer(4 * slab.length))), bump, blockSlots, used);
    return used / 2;
  }

  /**
   * {@link CompactAdjacencyStore.bulkLoad} through a temporary CSR of both directions, for loads
   * where some member's raw degree (duplicates included) is above the largest block class.
   */
  #bulkLoadFlat(
    members: number,
    sources: Int32Array,
    targets: Int32Array,
    edges: number,
    onOverflow: (member: number, degree: number) => never,
    count: Int32Array,
  ): number {
    const start = new Float64Array(bulkBuffer(8 * (members + 1)));
    for (let v = 0; v < members; v++) start[v + 1] = start[v]! + count[v]!;
    const total = start[members]!;
    if (total > 2 ** 31 - 1) throw new RangeError('CompactAdjacencyStore.bulkLoad: more than 2^30 connections');
    const flat = bulkInt32(total);
    const fill = bulkInt32(members);
    for (let v = 0; v < members; v++) fill[v] = start[v]!;
    for (let i = 0; i < edges; i++) {
      const a = sources[i]!;
      const b = targets[i]!;
      flat[fill[a]!++] = b;
      flat[fill[b]!++] = a;
    }
    const len = fill; // reused: the deduplicated length of each list
    let used = 0;
    let overflow = -1;
    for (let v = 0; v < members; v++) {
      const s = start[v]!;
      len[v] = sortUnique(flat, s, start[v + 1]!) - s;
      used += len[v]!;
      if (len[v]! > this.maxDegree && overflow < 0) overflow = v;
    }
    if (overflow >= 0) onOverflow(overflow, len[overflow]!);
    this.#commitLists(members, len, flat, start, null);
    return used / 2;
  }

  /**
   * Bulk-loads an empty store from lists that are already sorted, duplicate-free and symmetric
   * (`w` in `v`'s list iff `v` in `w`'s): member `v`'s list is `flat[start_v, start_v + degrees[v])`
   * where `start_v` is the sum of the degrees before it. Used by snapshot loading; the caller has
   * validated everything (degrees within `maxDegree`, indices in range).
   *
   * @remarks O(n + m): the lists are laid out in blocks of their size class, slab by slab,
   * copying sequentially, with no sort.
   */
  loadSortedLists(members: number, degrees: Int32Array, flat: Int32Array, times: Uint32Array | null = null): void {
    if (this.#pending !== 0) this.#flush();
    if (this.indexBound !== 0) throw new Error('CompactAdjacencyStore.loadSortedLists: store is not empty');
    this.#commitLists(members, degrees, flat, null, times);
  }

  /**
   * Lays lists out in blocks of their size class, slab by slab, copying sequentially, and makes
   * them the store's content. `v`'s list is `flat[start[v], start[v] + len[v])` (consecutive
   * when `start` is null); `times`, when given, is aligned with `flat`.
   */
  #commitLists(members: number, len: Int32Array, flat: Int32Array, start: Float64Array | Int32Array | null, times: Uint32Array | null): void {
    // The whole pool is allocated here at once, from bulkBuffer (see bulk-buffer.ts).
    const { addr, cls, bump, blockSlots } = this.#layBlocks(members, len);
    let used = 0;
    for (let v = 0; v < members; v++) used += len[v]!;
    const slabCount = Math.max(1, Math.ceil(bump / SLAB_ENTRIES));
    const slabs: Int32Array[] = [];
    for (let i = 0; i < slabCount; i++) slabs.push(bulkInt32(Math.max(FIRST_SLAB_ENTRIES, Math.min(SLAB_ENTRIES, bump - i * SLAB_ENTRIES))));
    const timeSlabs = this.#times === null && times === null ? null : slabs.map((slab) => new Uint32Array(bulkBuffer(4 * slab.length)));
    let next = 0;
    for (let v = 0; v < members; v++) {
      const d = len[v]!;
      const s = start === null ? next : start[v]!;
      next = s + d;
      if (d === 0) continue;
      slabs[addr[v]! >>> SLAB_BITS]!.set(flat.subarray(s, s + d), addr[v]! & SLAB_MASK);
      if (times !== null) timeSlabs![addr[v]! >>> SLAB_BITS]!.set(times.subarray(s, s + d), addr[v]! & SLAB_MASK);
    }
    this.#install(members, addr, cls, len, slabs, timeSlabs, bump, blockSlots, used);
  }

  /**
   * Block addresses for lists of `len[v]` entries, each in a block of its size class, slab by
   * slab in member order; a block never straddles two slabs. The caller checked every length
   * against the largest class.
   */
  #layBlocks(members: number, len: Int32Array): { addr: Int32Array; cls: Uint8Array; bump: number; blockSlots: number } {
    const caps = this.#caps;
    const n = Math.max(16, members);
    const addr = bulkInt32(n);
    const cls = new Uint8Array(bulkBuffer(n)).fill(NO_CLASS);
    let bump = 0;
    let blockSlots = 0;
    for (let v = 0; v < members; v++) {
      const d = len[v]!;
      if (d === 0) continue;
      const c = classFor(caps, d);
      const size = caps[c]!;
      if ((bump & SLAB_MASK) + size > SLAB_ENTRIES) bump = ((bump >>> SLAB_BITS) + 1) << SLAB_BITS;
      if (bump >>> SLAB_BITS >= MAX_SLABS) throw new RangeError('CompactAdjacencyStore: pool exceeds 2^31 entries');
      addr[v] = bump;
      cls[v] = c;
      bump += size;
      blockSlots += size;
    }
    return { addr, cls, bump, blockSlots };
  }

  /** Makes laid-out blocks the store's content: `v`'s list is `len[v]` entries at `addr[v]`. */
  #install(
    members: number,
    addr: Int32Array,
    cls: Uint8Array,
    len: Int32Array,
    slabs: Int32Array[],
    timeSlabs: Uint32Array[] | null,
    bump: number,
    blockSlots: number,
    used: number,
  ): void {
    const n = Math.max(16, members);
    const meta = newMeta(n, true);
    let high = 0;
    for (let v = 0; v < members; v++) {
      meta[4 * v] = addr[v]!;
      meta[4 * v + 1] = len[v]!;
      if (len[v]! > high) high = len[v]!;
      if (len[v]! > 0) {
        const end = (addr[v]! & SLAB_MASK) + len[v]! - 1;
        meta[4 * v + 3] = slabs[addr[v]! >>> SLAB_BITS]![end]!;
      }
      meta[4 * v + 2] = cls[v]!;
    }
    this.#meta = meta;
    this.#degreeHigh = high;
    this.#pendingBits = new Int32Array((n + 31) >>> 5); // no append waits (the caller applied them)
    this.#queueHead = 0; // every list is sorted
    this.#queued = 0;
    this.#alive = new Uint8Array(n);
    this.#alive.fill(1, 0, members);
    this.#slabs = slabs;
    this.#times = timeSlabs;
    this.#bump = bump;
    this.indexBound = members;
    this.#memberCount = members;
    this.#usedSlots = used;
    this.#blockSlots = blockSlots;
  }

  // ---------------------------------------------------------------- pool

  /** Moves `v`'s list into a fresh block of class `cls`, freeing the old one. */
  #moveBlock(v: number, cls: number): void {
    const newAddr = this.#allocate(cls);
    const n = this.#meta[4 * v + 1]!;
    if (n > 0) {
      const oldAddr = this.#meta[4 * v]!;
      const from = this.#slabs[oldAddr >>> SLAB_BITS]!;
      const to = this.#slabs[newAddr >>> SLAB_BITS]!;
      const s = oldAddr & SLAB_MASK;
      copyList(from, s, n, to, newAddr & SLAB_MASK); // the blocks never overlap
      if (this.#times !== null) {
        this.#times[newAddr >>> SLAB_BITS]!.set(this.#times[oldAddr >>> SLAB_BITS]!.subarray(s, s + n), newAddr & SLAB_MASK);
      }
    }
    this.#freeBlock(v);
    this.#meta[4 * v] = newAddr;
    this.#meta[4 * v + 2] = cls;
    this.#blockSlots += this.#caps[cls]!;
  }

  /** Returns `v`'s block (if any) to its free list. */
  #freeBlock(v: number): void {
    const cls = this.#meta[4 * v + 2]!;
    if (cls === NO_CLASS) return;
    this.#freeAddress(this.#meta[4 * v]!, cls);
    this.#blockSlots -= this.#caps[cls]!;
    this.#meta[4 * v + 2] = NO_CLASS;
    this.#meta[4 * v] = 0;
  }

  /** Puts the block at `address`, of class `cls`, on its class's free stack. */
  #freeAddress(address: number, cls: number): void {
    let stack = this.#freeStacks[cls]!;
    const count = this.#freeCounts[cls]!;
    if (count === stack.length) this.#freeStacks[cls] = stack = grown(stack);
    stack[count] = address;
    this.#freeCounts[cls] = count + 1;
    this.#freeSlots += this.#caps[cls]!;
  }

  #allocate(cls: number): number {
    const size = this.#caps[cls]!;
    const free = this.#freeCounts[cls]!;
    if (free > 0) {
      this.#freeCounts[cls] = free - 1;
      this.#freeSlots -= size;
      return this.#freeStacks[cls]![free - 1]!;
    }
    let bump = this.#bump;
    if ((bump & SLAB_MASK) + size > SLAB_ENTRIES) bump = ((bump >>> SLAB_BITS) + 1) << SLAB_BITS;
    const s = bump >>> SLAB_BITS;
    if (s >= MAX_SLABS) throw new RangeError('CompactAdjacencyStore: pool exceeds 2^31 entries');
    this.#ensureSlab(s, (bump & SLAB_MASK) + size, false);
    this.#bump = bump + size;
    return bump;
  }

  /**
   * Makes slab `s` hold at least `end` entries: creates it, or grows it (a copy) by a quarter
   * or, when `exact`, to `end`. Slabs come from bulkBuffer: a graph growing by millions of
   * connections must not make V8 run a full collection per slab (see bulk-buffer.ts).
   */
  #ensureSlab(s: number, end: number, exact: boolean): void {
    const slab = this.#slabs[s];
    if (slab === undefined) {
      const created = bulkInt32(Math.max(FIRST_SLAB_ENTRIES, end));
      this.#slabs[s] = created;
      if (this.#times !== null) this.#times[s] = new Uint32Array(bulkBuffer(4 * created.length));
    } else if (slab.length < end) {
      const grown = bulkInt32(Math.min(SLAB_ENTRIES, exact ? end : Math.max(end, Math.ceil(slab.length * GROWTH))));
      grown.set(slab);
      this.#slabs[s] = grown;
      if (this.#times !== null) {
        const times = new Uint32Array(bulkBuffer(4 * grown.length));
        times.set(this.#times[s]!);
        this.#times[s] = times;
      }
    }
  }

  /**
   * Grows the slabs once so that the next `entries` entries the bump pointer hands out need no
   * growth: a batch that knows its allocations copies the last slab once, instead of once per
   * quarter of growth (a 1M-pair `connectAll` allocates about 4M fresh entries). The room it
   * makes is what the batch takes, give or take a block skipped at a slab's end.
   */
  #reserve(entries: number): void {
    let bump = this.#bump;
    let left = entries;
    while (left > 0 && bump >>> SLAB_BITS < MAX_SLABS) {
      const s = bump >>> SLAB_BITS;
      const take = Math.min(SLAB_ENTRIES - (bump & SLAB_MASK), left);
      this.#ensureSlab(s, (bump & SLAB_MASK) + take, true);
      left -= take;
      bump = (s + 1) << SLAB_BITS;
    }
  }

  #maybeCompact(): void {
    if (this.#freeSlots > COMPACT_MIN_FREE && this.#freeSlots * 3 > this.#bump) this.compact();
  }

  /**
   * Rewrites every live list into fresh, tightly packed slabs and forgets the free lists.
   * Called automatically when free blocks exceed a third of the pool. O(total slots).
   */
  compact(): void {
    if (this.#pending !== 0) this.#flush();
    const caps = this.#caps;
    const bound = this.indexBound;
    const oldSlabs = this.#slabs;
    const oldTimes = this.#times;
    const meta = this.#meta;
    this.#slabs = [new Int32Array(FIRST_SLAB_ENTRIES)];
    if (oldTimes !== null) this.#times = [new Uint32Array(FIRST_SLAB_ENTRIES)];
    this.#bump = 0;
    this.#freeCounts.fill(0);
    this.#freeStacks = Array.from(caps, () => new Int32Array(16));
    this.#freeSlots = 0;
    this.#blockSlots = 0;
    for (let v = 0; v < bound; v++) {
      const n = this.#meta[4 * v + 1]!;
      if (n === 0) continue;
      let cls = this.#meta[4 * v + 2]!;
      if (cls > 3 && n * 2 <= caps[cls]!) cls = classFor(caps, n);
      const address = this.#allocate(cls);
      const oldAddress = meta[4 * v]!;
      const from = oldSlabs[oldAddress >>> SLAB_BITS]!;
      const s = oldAddress & SLAB_MASK;
      this.#slabs[address >>> SLAB_BITS]!.set(from.subarray(s, s + n), address & SLAB_MASK);
      if (oldTimes !== null) {
        this.#times![address >>> SLAB_BITS]!.set(oldTimes[oldAddress >>> SLAB_BITS]!.subarray(s, s + n), address & SLAB_MASK);
      }
      meta[4 * v] = address;
      this.#meta[4 * v + 2] = cls;
      this.#blockSlots += caps[cls]!;
    }
    this.#compactions++;
  }

  /** Pool accounting, in 4-byte slots. O(slabs). */
  stats(): StoreStats {
    if (this.#pending !== 0) this.#flush();
    let allocated = 0;
    for (const slab of this.#slabs) allocated += slab.length;
    let perMember = (this.#meta.length >> 2) * (16 + 1);
    for (const stack of this.#freeStacks) perMember += stack.byteLength;
    perMember += this.#queue.byteLength + this.#tail.byteLength + this.#pendingList.byteLength + this.#pendingTo.byteLength + this.#pendingBits.byteLength;
    return {
      memberCount: this.#memberCount,
      connectionCount: this.#usedSlots / 2,
      usedSlots: this.#usedSlots,
      blockSlots: this.#blockSlots,
      freeSlots: this.#freeSlots,
      reservedSlots: this.#bump,
      allocatedSlots: allocated,
      bytes: allocated * (this.#times === null ? 4 : 8) + perMember + this.#freeMembers.length * 4,
      compactions: this.#compactions,
    };
  }
}

/** Copies the `n` entries of a list at `from[start]` to `to[at]` (two different blocks). O(n). */
function copyList(from: Int32Array, start: number, n: number, to: Int32Array, at: number): void {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the loop and the bulk copies move the same entries; the length only chooses between them
  if (n <= 64) for (let i = 0; i < n; i++) to[at + i] = from[start + i]!;
  else if (from === to) to.copyWithin(at, start, start + n);
  else to.set(from.subarray(start, start + n), at);
}
