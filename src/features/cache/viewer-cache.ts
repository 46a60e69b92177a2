/**
 * A bounded LRU cache of viewers' networks to the 3rd degree, for pages of degree badges
 * ({@link SocialGraph.degrees}) asked again and again by the same viewers, as LinkedIn's network
 * cache keeps each active member's 2nd-degree set.
 *
 * A cached entry ({@link ViewerBall}) is the viewer's ball of radius 2 (every member at distance
 * ≤ 2 with its distance, in an open-addressing hash table over typed arrays behind a Bloom filter)
 * plus, when it costs at most {@link MAX_THIRD_DEGREE_WORK} reads to build, a bitset over member
 * indices of the 3rd degree: a badge is then one or two probes, with no read of the target's list.
 * Without the bitset (radius 2), a target outside the ball is at distance 3 exactly when one of
 * its own connections is in the ball (read live from the store), else further.
 *
 * Invalidation (proved by the model-based tests in test/cache): let R be the ball's radius (3
 * with the bitset, else 2) and a, b the distances from cached viewer w to u and v (R + 1 and
 * beyond counted alike).
 * - `connect(u, v)` changes w's ball iff min(a, b) ≤ R − 1 and |a − b| ≥ 2: v (say) gets the
 *   shorter distance a + 1 ≤ R; when v's distance does not change, no path through the new edge
 *   is shorter than an old one, so nothing else changes either.
 * - `disconnect(u, v)` can change it only if the edge lies on a shortest path inside the ball:
 *   min(a, b) ≤ R − 1 and |a − b| = 1.
 * - removing member x (its connections still in place) changes it iff x is in the ball (x's own
 *   distance disappears, and its index may be reused); a member beyond the ball has connections
 *   only at distance ≥ R, whose removal changes nothing within R.
 * Other balls are kept, and stay exact.
 *
 * @packageDocumentation
 */
import type { CompactAdjacencyStore } from '../../store/compact-adjacency-store.js';
import type { Scratch } from '../../algorithms/scratch.js';
import type { GraphCore } from '../../graph/graph-core.js';

/** Default number of viewers kept. */
export const DEFAULT_VIEWER_CACHE_SIZE = 64;
/** Largest accepted viewer cache size. */
export const MAX_VIEWER_CACHE_SIZE = 1 << 16;
/** Most bytes held by all cached entries together (64 MiB). */
export const VIEWER_CACHE_BYTE_BUDGET = 64 << 20;
/** A viewer whose radius-2 ball would cost more neighbour reads than this is never cached. */
export const MAX_BALL_WORK = 1 << 20;
/** The 3rd-degree bitset is built when it costs at most this many neighbour reads. */
export const MAX_THIRD_DEGREE_WORK = 1 << 23;

/** "Beyond the ball" (any radius). */
const FAR = 4;

/**
 * A viewer's members at distance ≤ 2, with their distance, in an open-addressing hash table.
 *
 * @remarks Memory: 5 bytes per slot, 2 to 4 slots per member at distance ≤ 2, a 2-byte-per-member
 * Bloom filter that answers most lookups of outsiders without touching the table, and the
 * 3rd-degree bitset (1 bit per member index of the graph: 125 KiB at a million members).
 * `levelOf` is O(1) expected. Building costs the degree sums of the 1st and 2nd degrees.
 * @example
 * ```ts
 * const ball = ViewerBall.build(store, scratch, viewer, MAX_BALL_WORK);
 * ball?.levelOf(target); // 0, 1, 2 or 3 (beyond)
 * ```
 * @internal
 */
export class ViewerBall {
  readonly viewer: number;
  /** Members at distance ≤ 2 (the viewer included). */
  readonly size: number;
  /** 3 when the ball holds the 3rd degree (as a bitset), else 2. */
  readonly radius: 2 | 3;
  /** Bytes held. */
  readonly bytes: number;
  /** Bitset of the members at distance exactly 3 (by index, bound at build time), or null. */
  readonly #third: Int32Array | null;
  readonly #keys: Int32Array;
  readonly #levels: Uint8Array;
  readonly #shift: number;
  readonly #mask: number;
  /** A one-hash Bloom filter of the members, 16 bits per member (rejects ~94% of outsiders in L1/L2). */
  readonly #filter: Int32Array;
  readonly #filterShift: number;

  private constructor(viewer: number, members: Int32Array, levels: Uint8Array, count: number, third: Int32Array | null) {
    this.viewer = viewer;
    this.size = count;
    this.#third = third;
    this.radius = third === null ? 2 : 3;
    let bits = 4;
    while (1 << bits < count * 2) bits++;
    this.#keys = new Int32Array(1 << bits).fill(-1);
    this.#levels = new Uint8Array(1 << bits);
    this.#shift = 32 - bits;
    this.#mask = (1 << bits) - 1;
    let filterBits = 9;
    while (1 << filterBits < count * 16) filterBits++;
    this.#filter = new Int32Array(1 << (filterBits - 5));
    this.#filterShift = 32 - filterBits;
    for (let i = 0; i < count; i++) {
      const x = members[i]!;
      const f = Math.imul(x, 0x85ebca6b) >>> this.#filterShift;
      this.#filter[f >>> 5]! |= 1 << (f & 31);
      let h = Math.imul(x, 0x9e3779b1) >>> this.#shift;
      while (this.#keys[h] !== -1) h = (h + 1) & this.#mask;
      this.#keys[h] = x;
      this.#levels[h] = levels[i]!;
    }
    this.bytes = this.#keys.byteLength + this.#levels.byteLength + this.#filter.byteLength + (third?.byteLength ?? 0);
  }

  /** Distance from the viewer to `x`: 0 to {@link ViewerBall.radius}, or 4 for "beyond the ball". */
  levelOf(x: number): number {
    const f = Math.imul(x, 0x85ebca6b) >>> this.#filterShift;
    if ((this.#filter[f >>> 5]! & (1 << (f & 31))) !== 0) {
      const keys = this.#keys;
      let h = Math.imul(x, 0x9e3779b1) >>> this.#shift;
      for (;;) {
        const k = keys[h]!;
        if (k === x) return this.#levels[h]!;
        if (k === -1) break;
        h = (h + 1) & this.#mask;
      }
    }
    const third = this.#third;
    if (third !== null && x >>> 5 < third.length && (third[x >>> 5]! & (1 << (x & 31))) !== 0) return 3;
    return FAR;
  }

  /**
   * The ball of `viewer`, or `null` when it would cost more than `maxWork` neighbour reads.
   * Uses `scratch.markC` / `queueC` and leaves the marks clear.
   */
  static build(
    store: CompactAdjacencyStore,
    scratch: Scratch,
    viewer: number,
    maxWork: number,
    maxThirdWork: number = MAX_THIRD_DEGREE_WORK,
  ): ViewerBall | null {
    scratch.ensure(store.indexBound);
    const vs = store.slabOf(viewer);
    const v0 = store.offsetOf(viewer);
    const d = store.degreeOf(viewer);
    let work = d;
    for (let i = v0; i < v0 + d; i++) work += store.degreeOf(vs[i]!);
    if (work > maxWork) return null;
    const mark = scratch.markC;
    const q = scratch.queueC;
    let n = 1;
    q[0] = viewer;
    mark[viewer] = 1;
    try {
      for (let i = v0; i < v0 + d; i++) {
        const w = vs[i]!;
        mark[w] = 2;
        q[n++] = w;
      }
      const first = n;
      for (let i = 1; i < first; i++) {
        const u = q[i]!;
        const slab = store.slabOf(u);
        const s = store.offsetOf(u);
        const e = s + store.degreeOf(u);
        for (let j = s; j < e; j++) {
          const w = slab[j]!;
          if (mark[w] === 0) {
            mark[w] = 3;
            q[n++] = w;
          }
        }
      }
      const levels = new Uint8Array(n);
      for (let i = 0; i < n; i++) levels[i] = mark[q[i]!]! - 1;
      // The 3rd degree: connections of the 2nd degree outside the ball, as a bitset.
      let third: Int32Array | null = null;
      let thirdWork = 0;
      for (let i = first; i < n && thirdWork <= maxThirdWork; i++) thirdWork += store.degreeOf(q[i]!);
      if (thirdWork <= maxThirdWork) {
        third = new Int32Array((store.indexBound + 31) >>> 5);
        for (let i = first; i < n; i++) {
          const u = q[i]!;
          const slab = store.slabOf(u);
          const s = store.offsetOf(u);
          const e = s + store.degreeOf(u);
          for (let j = s; j < e; j++) {
            const w = slab[j]!;
            if (mark[w] === 0) third[w >>> 5]! |= 1 << (w & 31);
          }
        }
      }
      return new ViewerBall(viewer, q, levels, n, third);
    } finally {
      for (let i = 0; i < n; i++) mark[q[i]!] = 0;
    }
  }
}

/**
 * The bounded LRU cache of viewer balls of one graph, hooked to its connection changes.
 *
 * @remarks
 * A viewer is cached on its second request (one page of badges costs no more than without the
 * cache); at most `capacity` viewers and {@link VIEWER_CACHE_BYTE_BUDGET} bytes in all,
 * least recently used first out. Invalidation costs two probes per cached viewer per connection
 * change, one per member removal (see the module notes).
 * @example
 * ```ts
 * const cache = new ViewerCache(core, 64);
 * const out = new Int32Array(targets.length);
 * cache.distances(viewer, targets, 3, out); // true when answered from the cache
 * ```
 * @internal
 */
export class ViewerCache {
  readonly capacity: number;
  readonly #internals: GraphCore;
  /** Cached balls, least recently used first (Map order). */
  readonly #balls: Map<number, ViewerBall> = new Map();
  /** Viewers seen once, not cached yet (bounded like the cache). */
  readonly #seen: Set<number> = new Set();
  #bytes = 0;
  #pending: Int32Array = new Int32Array(128);
  /** Counters (for tests and benchmarks). */
  hits = 0;
  /** Most neighbour reads spent on a 3rd-degree bitset (0: radius-2 balls only). */
  thirdDegreeWork: number = MAX_THIRD_DEGREE_WORK;
  misses = 0;
  evictions = 0;

  constructor(internals: GraphCore, capacity: number) {
    this.#internals = internals;
    this.capacity = capacity;
    internals.observe({
      connected: (u, v) => this.#changed(u, v, true),
      ordered: () => false, // each eviction depends on its pair alone
      disconnected: (u, v) => this.#changed(u, v, false),
      memberRemoving: (x) => this.#removing(x),
    });
  }

  /** Number of cached viewers. */
  get size(): number {
    return this.#balls.size;
  }

  /** Whether `viewer`'s ball is cached (does not touch the LRU order). */
  has(viewer: number): boolean {
    return this.#balls.has(viewer);
  }

  /** The cached ball of `viewer` (does not touch the LRU order). */
  peek(viewer: number): ViewerBall | undefined {
    return this.#balls.get(viewer);
  }

  /** Drops every cached ball. */
  clear(): void {
    this.#balls.clear();
    this.#seen.clear();
    this.#bytes = 0;
  }

  /**
   * Writes into `out[i]` the distance from `viewer` to `targets[i]` (−1 beyond `maxDepth`) when
   * the cache can answer (1 ≤ `maxDepth` ≤ 3 and the viewer is cached or now admitted); returns
   * `false`, writing nothing, when the caller must search.
   */
  distances(viewer: number, targets: Int32Array, maxDepth: number, out: Int32Array): boolean {
    if (this.capacity === 0 || maxDepth < 1 || maxDepth > 3) return false;
    const ball = this.#ball(viewer);
    if (ball === null) return false;
    if (ball.radius === 3) {
      // One or two probes per target, no read of its list.
      for (let i = 0; i < targets.length; i++) {
        const level = ball.levelOf(targets[i]!);
        out[i] = level <= maxDepth ? level : -1;
      }
      return true;
    }
    const store = this.#internals.store;
    // Three passes, so that the cache misses of different targets overlap: the targets' own
    // levels, then where their lists are, then the scans of the lists (3rd degree = a connection
    // in the ball; most targets of a large network are 3rd degree or further).
    const k = targets.length;
    const pending = this.#pending.length >= k ? this.#pending : (this.#pending = new Int32Array(k));
    let p = 0;
    for (let i = 0; i < k; i++) {
      const level = ball.levelOf(targets[i]!);
      if (level < FAR) out[i] = level <= maxDepth ? level : -1;
      else if (maxDepth < 3) out[i] = -1;
      else pending[p++] = i;
    }
    for (let r = 0; r < p; r++) {
      const i = pending[r]!;
      const t = targets[i]!;
      const slab = store.slabOf(t);
      const s = store.offsetOf(t);
      const e = s + store.degreeOf(t);
      let d = -1;
      for (let j = s; j < e; j++) {
        if (ball.levelOf(slab[j]!) < FAR) {
          d = 3;
          break;
        }
      }
      out[i] = d;
    }
    return true;
  }

  #ball(viewer: number): ViewerBall | null {
    const balls = this.#balls;
    const cached = balls.get(viewer);
    if (cached !== undefined) {
      balls.delete(viewer);
      balls.set(viewer, cached);
      this.hits++;
      return cached;
    }
    this.misses++;
    if (!this.#seen.has(viewer)) {
      this.#seen.add(viewer);
      if (this.#seen.size > this.capacity) this.#seen.delete(this.#seen.values().next().value!);
      return null;
    }
    const { store, scratch } = this.#internals;
    const ball = ViewerBall.build(store, scratch, viewer, MAX_BALL_WORK, this.thirdDegreeWork);
    if (ball === null || ball.bytes > VIEWER_CACHE_BYTE_BUDGET) return null;
    this.#seen.delete(viewer);
    while (balls.size >= this.capacity || this.#bytes + ball.bytes > VIEWER_CACHE_BYTE_BUDGET) {
      const oldest = balls.keys().next().value!;
      this.#evict(oldest);
    }
    balls.set(viewer, ball);
    this.#bytes += ball.bytes;
    return ball;
  }

  #evict(viewer: number): void {
    const ball = this.#balls.get(viewer);
    if (ball === undefined) return;
    this.#balls.delete(viewer);
    this.#bytes -= ball.bytes;
    this.evictions++;
  }

  /** Applies the invalidation rule of a connection change to every cached ball (one or two probes each). */
  #changed(u: number, v: number, connected: boolean): void {
    if (this.#balls.size === 0) return;
    for (const [w, ball] of [...this.#balls]) {
      const a = ball.levelOf(u);
      const b = ball.levelOf(v);
      const near = a < b ? a : b;
      const gap = a < b ? b - a : a - b;
      if (near <= ball.radius - 1 && (connected ? gap >= 2 : gap === 1)) this.#evict(w);
    }
  }

  #removing(x: number): void {
    this.#seen.delete(x);
    for (const [w, ball] of [...this.#balls]) if (ball.levelOf(x) < FAR) this.#evict(w);
  }
}
