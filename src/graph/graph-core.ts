/**
 * GraphCore: the graph without any feature. The store of sorted neighbour lists, the id
 * interner, the query scratch, the clock, the mutations, and the fixed list of parts that observe
 * them. Features are built on it (src/features); it knows none of them.
 *
 * Invariants:
 * - ids ↔ indices is a bijection over live members; every index of a list is a live member and
 *   lists are symmetric (`v ∈ N(u)` iff `u ∈ N(v)`), sorted, without duplicates.
 * - Every mutation validates everything before it changes anything: a call that throws leaves
 *   the core exactly as it was.
 * - Observers are internal parts registered while the graph is built, called in registration
 *   order, synchronously, inside the mutation: they keep feature state consistent. User
 *   listeners never run here: the core queues events and the facade delivers them once the
 *   whole operation is complete (see {@link GraphCore.finish}).
 *
 * @packageDocumentation
 */
import { batchDistances } from '../algorithms/batch-distances.js';
import { badgeDistanceAt, bidirectionalDistance } from '../algorithms/bidirectional-distance.js';
import { intersectInto, intersectionSize } from '../algorithms/intersection.js';
import { levelCountsAt } from '../algorithms/level-counts.js';
import { Scratch } from '../algorithms/scratch.js';
import { runSearch } from '../algorithms/search.js';
import { describeValue, SocialGraphError } from '../errors.js';
import { bulkBuffer, bulkInt32 } from '../store/bulk-buffer.js';
import { CompactAdjacencyStore, MAX_MERGE_PAIRS } from '../store/compact-adjacency-store.js';
import { type HelperThread, startHelperThread } from '../store/helper-thread.js';
import { IdInterner } from '../store/id-interner.js';
import { readIndexedEdges, type IndexedEdges } from '../store/read-indexed-edges.js';
import { checkId, checkOptionsObject, readMaxDepth } from './checks.js';
import { checkedClock } from './clock.js';
import { EventQueue, type QueuedEvent } from './event-queue.js';
import type { OperationLog, OperationName } from './operation-log.js';

/** LinkedIn's cap on connections per member. */
export const DEFAULT_MAX_CONNECTIONS = 30_000;
/** Most pairs one `SocialGraph.connectAll` call takes (2^24). */
export const MAX_CONNECT_ALL = MAX_MERGE_PAIRS;
/**
 * `connectAll` batches of at least this many pairs share their id lookups and merge half of their
 * lists with a helper thread where the platform gives one (Node; kept by the graph once started).
 */
export const CONNECT_ALL_PARALLEL_MIN_PAIRS = 1 << 19;

/** Closes the helper thread of a graph that is collected (see GraphCore.#mergeHelper). */
const closeHelpers = new FinalizationRegistry<HelperThread>((helper) => helper.close());
/** Largest accepted `maxConnectionsPerMember` (one slab of the pool). */
export const MAX_CONNECTIONS_LIMIT = 1 << 22;

/**
 * Members at distance exactly 1, 2 and 3 of a member.
 * @public
 */
export interface Reach {
  first: number;
  second: number;
  third: number;
}

/**
 * Options of `SocialGraph.connect`.
 * @public
 */
export interface ConnectOptions {
  /**
   * When the connection was made, in milliseconds since the epoch (stored at one-second
   * resolution, from 1 s after the epoch to the year 2106; a clock reading before that is
   * recorded as 1 s). Starts recording connection times if it was off.
   * @defaultValue the graph's clock, when connection times are recorded
   */
  at?: number;
}

/**
 * Options of `SocialGraph.degree` and `SocialGraph.degrees`.
 * @public
 */
export interface DegreeOptions {
  /**
   * Furthest degree reported; members further away (or unconnected) give `null`.
   * An integer from 0 to 250.
   * @defaultValue 3
   */
  maxDepth?: number;
}

/**
 * A part that keeps state per member or per connection and must hear of changes. Every method is
 * optional; each runs inside the mutation, after validation, and must not throw.
 * @internal
 */
export interface GraphObserver {
  /** Member `v` is about to be removed (its connections are still in place). */
  memberRemoving?(v: number): void;
  /** `u` and `v` were just connected. */
  connected?(u: number, v: number): void;
  /**
   * Whether, right now, this part must hear of a batch's new connections in the order of the
   * batch's pairs (`connectAll`); when no part must and no listener listens, the batch is merged
   * without telling pairs apart, and `connected` hears of each new connection in member order.
   * Default: true.
   */
  ordered?(): boolean;
  /** `u` and `v` were just disconnected. */
  disconnected?(u: number, v: number): void;
}

/**
 * A cache of viewers' distances (the viewer cache feature) that {@link GraphCore.degrees} asks
 * first.
 * @internal
 */
export interface DistanceCache {
  /** Fills `out` with the distances from `viewer` to `targets` and returns true, or returns false. */
  distances(viewer: number, targets: Int32Array, maxDepth: number, out: Int32Array): boolean;
}

/**
 * The graph core (see the module notes).
 *
 * @remarks Memory: the store (about 12 bytes per connection at 1M members), the interner (about
 * 20 bytes per member plus the id strings), the scratch (8 bytes per member once a query ran).
 * @example
 * ```ts
 * const core = new GraphCore(30_000, Date.now);
 * core.addMember('m', 'ada');
 * ```
 * @internal
 */
export class GraphCore {
  readonly cap: number;
  readonly store: CompactAdjacencyStore;
  readonly ids: IdInterner = new IdInterner();
  /** Query scratch: [0] for calls from outside, [k] for calls made while k scans lend theirs out. */
  readonly #scratches: Scratch[] = [new Scratch()];
  /** Scans in progress that call back into user code (a search predicate) with their scratch in use. */
  #lent = 0;
  /** Events of the operation in progress, delivered by the facade when it completes. */
  readonly events: EventQueue;
  readonly #clock: () => number;
  readonly #pair: Int32Array = new Int32Array(2);
  #page: Int32Array = new Int32Array(128);
  #pageOut: Int32Array = new Int32Array(128);
  readonly #onRemoving: ((v: number) => void)[] = [];
  readonly #onConnected: ((u: number, v: number) => void)[] = [];
  readonly #onDisconnected: ((u: number, v: number) => void)[] = [];
  /** Per `connected` observer, whether it needs a batch's pairs in order now. */
  readonly #ordered: (() => boolean)[] = [];
  /** See {@link GraphCore.#mergeHelper}; undefined until first asked for. */
  #helper: HelperThread | null | undefined = undefined;
  /** Sum of the entries read ahead by `connect` and `disconnect` (see CompactAdjacencyStore.readAhead). */
  #readAhead = 0;
  /** Depth of public operations in progress (0: none). */
  #depth = 0;
  /** The clock's value for the operation in progress (NaN until read). */
  #callTime = Number.NaN;
  #log: OperationLog | null = null;
  /** Events queued before the operation in progress began (those after it are its own). */
  #eventMark = 0;

  constructor(cap: number, clock: () => number, onListenerError?: (error: unknown, event: QueuedEvent) => void) {
    this.cap = cap;
    this.#clock = checkedClock(clock);
    this.store = new CompactAdjacencyStore(cap);
    this.events = new EventQueue(onListenerError);
  }

  /**
   * The query scratch free for the call in progress (marks all zero). A scan that calls user code
   * while its marks are set lends its scratch out ({@link GraphCore.lendScratch}): a query made
   * from that code, re-entrantly, gets a scratch of its own and answers exactly.
   */
  get scratch(): Scratch {
    return (this.#scratches[this.#lent] ??= new Scratch());
  }

  /** Takes the free scratch for a scan that calls user code; give it back with {@link GraphCore.returnScratch}. */
  lendScratch(): Scratch {
    const scratch = this.scratch;
    this.#lent++;
    return scratch;
  }

  returnScratch(): void {
    this.#lent--;
  }

  /** How many scans have lent their scratch out (0 outside any). */
  get lentScratches(): number {
    return this.#lent;
  }

  /** Registers an internal observer (while the graph is built; order is call order). */
  observe(observer: GraphObserver): void {
    if (observer.memberRemoving !== undefined) this.#onRemoving.push(observer.memberRemoving.bind(observer));
    if (observer.connected !== undefined) {
      this.#onConnected.push(observer.connected.bind(observer));
      this.#ordered.push(observer.ordered === undefined ? () => true : observer.ordered.bind(observer));
    }
    if (observer.disconnected !== undefined) this.#onDisconnected.push(observer.disconnected.bind(observer));
  }

  // ------------------------------------------------------------------ operations and time

  /**
   * The graph's time in milliseconds. Inside an operation the clock is read once and the same
   * value is returned for the rest of it (so a replayed operation sees the time it saw).
   */
  now(): number {
    if (this.#depth === 0) return this.#clock();
    if (Number.isNaN(this.#callTime)) this.#callTime = this.#clock();
    return this.#callTime;
  }

  /** Starts a public operation (`time`: the clock value to use, NaN to read the clock). */
  begin(time = Number.NaN): void {
    if (this.#depth++ === 0) {
      this.#callTime = time;
      this.#eventMark = this.events.size;
    }
  }

  /**
   * Ends a successful outermost operation that nobody logs and nobody listens to: the common case
   * of the hot mutations, in a few field reads. Returns false when {@link GraphCore.finish} must
   * do the work instead (and then does nothing).
   */
  finishQuietly(): boolean {
    if (this.#depth !== 1 || this.#log !== null || this.events.size !== 0) return false;
    this.#depth = 0;
    this.#callTime = Number.NaN;
    return true;
  }

  /**
   * Ends the operation begun last. When it is the outermost one and `name` is given (it
   * succeeded), appends it to the operation log with its first `count` arguments `a0`, `a1`, `a2`
   * (an array is built only when a log is attached), then delivers its events; when it failed
   * (`name` undefined), drops its events.
   */
  finish(name: OperationName | undefined, count = 0, a0?: unknown, a1?: unknown, a2?: unknown): void {
    if (--this.#depth > 0) return;
    const time = this.#callTime;
    this.#callTime = Number.NaN;
    if (name === undefined) {
      this.events.truncate(this.#eventMark);
      return;
    }
    if (this.#log !== null) {
      const args = count === 0 ? [] : count === 1 ? [a0] : count === 2 ? [a0, a1] : [a0, a1, a2];
      try {
        this.#log.append({ name, args, time });
      } catch (error) {
        this.events.truncate(this.#eventMark);
        throw error;
      }
    }
    this.events.deliver();
  }

  /** Whether an operation is in progress. */
  get busy(): boolean {
    return this.#depth > 0;
  }

  /** Attaches the operation log (one at a time); returns a function that detaches it. */
  attachLog(log: OperationLog): () => void {
    if (this.#log !== null) throw new SocialGraphError('INVALID_OPTION', 'logOperations: this graph already has an operation log');
    this.#log = log;
    return () => {
      if (this.#log === log) this.#log = null;
    };
  }

  // ------------------------------------------------------------------ ids

  /** Index of a live member, or a thrown `INVALID_ID` / `MEMBER_NOT_FOUND` naming `method`. */
  index(method: string, id: string): number {
    checkId(method, id);
    const v = this.ids.indexOf(id);
    if (v < 0) throw new SocialGraphError('MEMBER_NOT_FOUND', `${method}: member ${describeValue(id)} not found`);
    return v;
  }

  /** Indices of two members into the returned pair, both looked up at once (their misses overlap). */
  indexPair(method: string, a: string, b: string): Int32Array {
    checkId(method, a);
    checkId(method, b);
    const pair = this.#pair;
    this.ids.indexOfPair(a, b, pair);
    if (pair[0]! < 0) throw new SocialGraphError('MEMBER_NOT_FOUND', `${method}: member ${describeValue(a)} not found`);
    if (pair[1]! < 0) throw new SocialGraphError('MEMBER_NOT_FOUND', `${method}: member ${describeValue(b)} not found`);
    return pair;
  }

  /** The ids of `count` indices of `array` from `start` (a fresh array). */
  idsOf(array: Int32Array, start: number, count: number): string[] {
    const out: string[] = new Array(count);
    const ids = this.ids;
    for (let i = 0; i < count; i++) out[i] = ids.idOf(array[start + i]!);
    return out;
  }

  // ------------------------------------------------------------------ members

  get memberCount(): number {
    return this.store.memberCount;
  }

  get connectionCount(): number {
    return this.store.connectionCount;
  }

  /** Adds a member; `false` if present (with `strict`, `DUPLICATE_MEMBER` instead). */
  addMember(method: string, id: string, strict: boolean): boolean {
    checkId(method, id);
    if (this.ids.indexOf(id) >= 0) {
      if (!strict) return false;
      throw new SocialGraphError('DUPLICATE_MEMBER', `${method}: member ${describeValue(id)} already exists (use mergeMember to add only if absent)`);
    }
    this.ids.set(id, this.store.allocateMember());
    if (this.events.has('memberAdded')) this.events.push({ type: 'memberAdded', id });
    return true;
  }

  hasMember(id: string): boolean {
    return typeof id === 'string' && this.ids.indexOf(id) >= 0;
  }

  /** Removes a member with its connections (observers hear of it first). */
  removeMember(method: string, id: string): void {
    const v = this.index(method, id);
    for (const hook of this.#onRemoving) hook(v);
    const store = this.store;
    const neighbors = store.clear(v);
    for (let i = 0; i < neighbors.length; i++) store.remove(neighbors[i]!, v);
    store.releaseMember(v);
    this.ids.delete(id, v);
    if (this.events.has('memberRemoved')) this.events.push({ type: 'memberRemoved', id });
  }

  members(): string[] {
    const out: string[] = [];
    this.ids.forEach((id) => out.push(id));
    return out;
  }

  forEachMember(method: string, callback: (id: string) => void): void {
    checkCallback(method, callback);
    this.ids.forEach((id) => callback(id));
  }

  // ------------------------------------------------------------------ connections

  /** Throws CONNECTION_LIMIT for member `id`, which has `cap` connections. */
  #overCap(method: string, id: string): never {
    throw new SocialGraphError('CONNECTION_LIMIT', `${method}: member ${describeValue(id)} already has ${this.cap} connections (maxConnectionsPerMember)`);
  }

  /**
   * Connects two members (see `SocialGraph.connect`). Returns `false` if they were connected.
   * O(log d + d).
   */
  connect(method: string, a: string, b: string, options?: ConnectOptions): boolean {
    const pair = this.indexPair(method, a, b);
    const u = pair[0]!;
    const v = pair[1]!;
    let seconds = readAtSeconds(method, options);
    if (u === v) throw new SocialGraphError('SELF_CONNECTION', `${method}: cannot connect member ${describeValue(a)} to itself`);
    const store = this.store;
    if (seconds < 0 && !store.hasTimes) {
      // Reading u's list ahead unless v goes at its end; u's list says whether the pair is new,
      // and v's is not read here (CompactAdjacencyStore.link).
      // Stryker disable next-line ArithmeticOperator,AssignmentOperator: reading ahead changes only the speed
      this.#readAhead = (this.#readAhead + store.readAheadFor(u, v)) | 0;
      const linked = store.link(u, v);
      if (linked < 0) return false;
      if (linked > 0) this.#overCap(method, linked === 1 ? a : b);
    } else {
      // Both lists are searched, each read ahead first (unless appended to) so that their
      // misses overlap, as in disconnect.
      // Stryker disable next-line ArithmeticOperator,AssignmentOperator: reading ahead changes only the speed
      this.#readAhead = (this.#readAhead + store.readAheadFor(u, v) + store.readAheadFor(v, u)) | 0;
      const at = store.indexOfNeighbor(u, v);
      if (at >= 0) return false;
      if (store.degreeOf(u) >= this.cap) this.#overCap(method, a);
      if (store.degreeOf(v) >= this.cap) this.#overCap(method, b);
      const bt = store.indexOfNeighbor(v, u);
      if (seconds >= 0) store.enableTimes();
      else seconds = Math.max(1, Math.min(2 ** 32 - 1, Math.floor(this.now() / 1000))); // 0 is "unknown"
      store.insertAt(u, v, -at - 1, seconds);
      store.insertAt(v, u, -bt - 1, seconds); // v's list is untouched by u's insert
    }
    const hooks = this.#onConnected;
    for (let i = 0; i < hooks.length; i++) hooks[i]!(u, v);
    if (this.events.has('connected')) this.events.push({ type: 'connected', a, b });
    return true;
  }

  /**
   * Connects many pairs as one operation (see `SocialGraph.connectAll`); returns the number of
   * new connections and, when a log is attached, the pairs as applied (a fresh array) for it.
   * Observers and events hear of each new connection in input order, as from `connect` calls.
   *
   * @remarks O(k log k + Σ d) for k pairs (see {@link CompactAdjacencyStore.mergePairs}).
   */
  connectAll(method: string, pairs: Iterable<readonly [string, string]> | IndexedEdges, options: ConnectOptions | undefined): { added: number; applied: [string, string][] | null } {
    if (pairs == null || typeof pairs !== 'object') {
      throw new SocialGraphError('INVALID_OPTION', `${method}: pairs must be an iterable of [id, id] or { ids, memberCount, sources, targets }, got ${describeValue(pairs)}`);
    }
    let seconds = readAtSeconds(method, options);
    // Pair i joins names[pa[i]] and names[pb[i]]; every id is read once, into arrays of our own:
    // what is validated is what is applied.
    let names: string[];
    let pa: Int32Array;
    let pb: Int32Array;
    let count: number;
    if (typeof (pairs as Iterable<unknown>)[Symbol.iterator] === 'function') {
      names = [];
      const take = (pair: unknown, at: number): void => {
        if (at >= MAX_CONNECT_ALL) {
          throw new SocialGraphError('CAPACITY_EXCEEDED', `${method}: at most ${MAX_CONNECT_ALL} pairs per call (split the batch)`);
        }
        if (!Array.isArray(pair) || pair.length < 2) throw new SocialGraphError('INVALID_OPTION', `${method}: pair ${at} is not a [id, id] pair, got ${describeValue(pair)}`);
        const a: unknown = pair[0];
        const b: unknown = pair[1];
        checkId(method, a);
        checkId(method, b);
        names.push(a, b);
      };
      if (Array.isArray(pairs)) {
        const array = pairs as readonly unknown[];
        for (let i = 0; i < array.length; i++) take(array[i], i);
      } else {
        let i = 0;
        for (const pair of pairs as Iterable<unknown>) take(pair, i++);
      }
      count = names.length >> 1;
      pa = bulkInt32(count);
      pb = bulkInt32(count);
      for (let i = 0; i < count; i++) {
        pa[i] = 2 * i;
        pb[i] = 2 * i + 1;
      }
    } else {
      // Positions in an id list: each id is looked up once, however many pairs name it.
      const { members, sources, targets, m, idOf } = readIndexedEdges(method, pairs);
      if (m > MAX_CONNECT_ALL) throw new SocialGraphError('CAPACITY_EXCEEDED', `${method}: at most ${MAX_CONNECT_ALL} pairs per call (split the batch), got ${m}`);
      names = new Array<string>(members);
      for (let i = 0; i < members; i++) {
        const id = idOf(i);
        checkId(method, id);
        names[i] = id;
      }
      count = m;
      pa = bulkInt32(count);
      pb = bulkInt32(count);
      for (let i = 0; i < count; i++) {
        const a = sources[i]!;
        const b = targets[i]!;
        if (!(a >= 0 && a < members && b >= 0 && b < members)) {
          throw new SocialGraphError('INVALID_OPTION', `${method}: pair ${i} (${a}, ${b}) is outside 0..${members - 1}`);
        }
        pa[i] = a;
        pb[i] = b;
      }
    }
    const store = this.store;
    const timed = seconds >= 0;
    const hooks = this.#onConnected;
    const events = this.events.has('connected');
    let ordered = events;
    for (let h = 0; h < hooks.length && !ordered; h++) ordered = this.#ordered[h]!();
    // A big batch shares its id lookups and its merge with a helper thread where the platform
    // gives one; only the merge without times or pair order can split.
    const helper = count >= CONNECT_ALL_PARALLEL_MIN_PAIRS && !ordered && !timed && !store.hasTimes ? this.#mergeHelper() : null;
    const indices = bulkInt32(names.length);
    this.ids.indexOfAll(names, names.length, indices, helper);
    const us = bulkInt32(count);
    const vs = bulkInt32(count);
    for (let i = 0; i < count; i++) {
      const u = indices[pa[i]!]!;
      const v = indices[pb[i]!]!;
      if (u < 0) throw new SocialGraphError('MEMBER_NOT_FOUND', `${method}: member ${describeValue(names[pa[i]!])} not found (pair ${i})`);
      if (v < 0) throw new SocialGraphError('MEMBER_NOT_FOUND', `${method}: member ${describeValue(names[pb[i]!])} not found (pair ${i})`);
      if (u === v) throw new SocialGraphError('SELF_CONNECTION', `${method}: cannot connect member ${describeValue(names[pa[i]!])} to itself (pair ${i})`);
      us[i] = u;
      vs[i] = v;
    }
    if (!timed && store.hasTimes && count > 0) seconds = Math.max(1, Math.min(2 ** 32 - 1, Math.floor(this.now() / 1000))); // 0 is "unknown"
    const fresh = ordered ? new Uint8Array(bulkBuffer(count)) : null;
    const cap = this.cap;
    const added = store.mergePairs(
      us,
      vs,
      count,
      seconds < 0 ? 0 : seconds,
      timed,
      (member, degree) => {
        throw new SocialGraphError('CONNECTION_LIMIT', `${method}: member ${describeValue(this.ids.idOf(member))} would have ${degree} connections, over ${cap} (maxConnectionsPerMember)`);
      },
      fresh,
      ordered || hooks.length === 0
        ? null
        : (u, v) => {
            for (let h = 0; h < hooks.length; h++) hooks[h]!(u, v);
          },
      helper,
    );
    if (fresh !== null) {
      for (let i = 0; i < count; i++) {
        if (fresh[i] === 0) continue;
        for (let h = 0; h < hooks.length; h++) hooks[h]!(us[i]!, vs[i]!);
        if (events) this.events.push({ type: 'connected', a: names[pa[i]!]!, b: names[pb[i]!]! });
      }
    }
    let applied: [string, string][] | null = null;
    if (this.#log !== null) {
      applied = new Array(count);
      for (let i = 0; i < count; i++) applied[i] = [names[pa[i]!]!, names[pb[i]!]!];
    }
    return { added, applied };
  }

  /**
   * The helper thread of big `connectAll` batches, or null where the platform gives none: started
   * for the first one and kept for the next (its code is then compiled: a fresh worker ran its
   * half 20–30 ms behind this thread's on a 1M-pair batch), closed when the graph is collected.
   * An idle helper never keeps the process alive.
   */
  #mergeHelper(): HelperThread | null {
    if (this.#helper === undefined) {
      this.#helper = startHelperThread();
      if (this.#helper !== null) closeHelpers.register(this, this.#helper);
    }
    return this.#helper;
  }

  /** Removes a connection by index; returns whether it existed. O(log d + d). */
  disconnectIndices(u: number, v: number, a: string, b: string): boolean {
    if (u === v) return false;
    // Both lists are read ahead, so that their misses overlap the searches' (the sum is kept in
    // a field so that the reads are not dropped).
    this.#readAhead = (this.#readAhead + this.store.readAhead(u) + this.store.readAhead(v)) | 0;
    if (!this.store.remove(u, v)) return false;
    this.store.remove(v, u);
    for (const hook of this.#onDisconnected) hook(u, v);
    if (this.events.has('disconnected')) this.events.push({ type: 'disconnected', a, b });
    return true;
  }

  disconnect(method: string, a: string, b: string): boolean {
    const u = this.index(method, a);
    const v = this.index(method, b);
    return this.disconnectIndices(u, v, a, b);
  }

  areConnected(method: string, a: string, b: string): boolean {
    const u = this.index(method, a);
    const v = this.index(method, b);
    const store = this.store;
    return store.degreeOf(u) <= store.degreeOf(v) ? store.has(u, v) : store.has(v, u);
  }

  connectedAt(method: string, a: string, b: string): number | null {
    const u = this.index(method, a);
    const v = this.index(method, b);
    const store = this.store;
    const i = store.indexOfNeighbor(u, v);
    if (i < 0 || !store.hasTimes) return null;
    const seconds = store.timesOf(u)[store.offsetOf(u) + i]!;
    return seconds === 0 ? null : seconds * 1000;
  }

  connections(method: string, id: string): string[] {
    const v = this.index(method, id);
    return this.idsOf(this.store.slabOf(v), this.store.offsetOf(v), this.store.degreeOf(v));
  }

  forEachConnection(method: string, id: string, callback: (connection: string) => void): void {
    const v = this.index(method, id);
    checkCallback(method, callback);
    const store = this.store;
    const slab = store.slabOf(v);
    const start = store.offsetOf(v);
    const end = start + store.degreeOf(v);
    for (let i = start; i < end; i++) callback(this.ids.idOf(slab[i]!));
  }

  connectionCountOf(method: string, id: string): number {
    return this.store.degreeOf(this.index(method, id));
  }

  // ------------------------------------------------------------------ queries

  degree(method: string, a: string, b: string, options: DegreeOptions | undefined): number | null {
    const pair = this.indexPair(method, a, b);
    const u = pair[0]!;
    const v = pair[1]!;
    const maxDepth = readMaxDepth(method, options);
    const scratch = this.scratch;
    scratch.ensure(this.store.indexBound);
    if (maxDepth === 3) return badgeDistanceAt(scratch, this.store, u, v);
    return runSearch(bidirectionalDistance(scratch, u, v, maxDepth), this.store);
  }

  /**
   * Degrees from one viewer to a page of members, in the order asked; `cache` is asked first.
   * The page's buffers are reused across calls (typed-array allocation dominates a cached page).
   */
  degrees(method: string, viewer: string, ids: readonly string[], options: DegreeOptions | undefined, cache: DistanceCache | null): (number | null)[] {
    const u = this.index(method, viewer);
    if (!Array.isArray(ids)) {
      throw new SocialGraphError('INVALID_OPTION', `${method}: ids must be an array of member ids, got ${describeValue(ids)}`);
    }
    if (this.#page.length < ids.length) this.#page = new Int32Array(Math.max(ids.length, 2 * this.#page.length));
    const buffer = this.#page;
    const targets = buffer.length === ids.length ? buffer : buffer.subarray(0, ids.length);
    // Look the page up in one batch (the cache misses of different ids overlap); the ids up to the
    // first non-id, then each miss in order through index(), which throws the error of the first bad id.
    let valid = 0;
    while (valid < ids.length && typeof ids[valid] === 'string' && ids[valid]!.length > 0) valid++;
    this.ids.indexOfBatch(ids, valid, targets);
    for (let i = 0; i < ids.length; i++) if (i >= valid || targets[i]! < 0) targets[i] = this.index(method, ids[i]!);
    const maxDepth = readMaxDepth(method, options);
    const scratch = this.scratch;
    scratch.ensure(this.store.indexBound);
    if (this.#pageOut.length < ids.length) this.#pageOut = new Int32Array(Math.max(ids.length, 2 * this.#pageOut.length));
    const out = this.#pageOut;
    if (cache === null || !cache.distances(u, targets, maxDepth, out)) {
      runSearch(batchDistances(scratch, u, targets, maxDepth, out), this.store);
    }
    const result: (number | null)[] = new Array(ids.length);
    for (let i = 0; i < ids.length; i++) result[i] = out[i]! < 0 ? null : out[i]!;
    return result;
  }

  /** The connections `u` and `v` share, as indices: `out` holds `count` of them. */
  mutualIndices(u: number, v: number): { out: Int32Array; count: number } {
    const store = this.store;
    const du = store.degreeOf(u);
    const dv = store.degreeOf(v);
    const out = new Int32Array(Math.min(du, dv));
    const count = intersectInto(store.slabOf(u), store.offsetOf(u), du, store.slabOf(v), store.offsetOf(v), dv, out);
    return { out, count };
  }

  mutualConnections(method: string, a: string, b: string): string[] {
    const pair = this.indexPair(method, a, b);
    const { out, count } = this.mutualIndices(pair[0]!, pair[1]!);
    return this.idsOf(out, 0, count);
  }

  mutualCount(method: string, a: string, b: string): number {
    const pair = this.indexPair(method, a, b);
    const u = pair[0]!;
    const v = pair[1]!;
    const store = this.store;
    return intersectionSize(store.slabOf(u), store.offsetOf(u), store.degreeOf(u), store.slabOf(v), store.offsetOf(v), store.degreeOf(v));
  }

  reach(method: string, id: string): Reach {
    const v = this.index(method, id);
    const scratch = this.scratch;
    const store = this.store;
    scratch.ensure(store.indexBound);
    const counts = levelCountsAt(scratch, store, v, 3, store.connectionCount * 2);
    return { first: counts[0]!, second: counts[1]!, third: counts[2]! };
  }
}

/**
 * Throws `INVALID_OPTION` naming `method` unless `callback` is a function.
 *
 * @remarks O(1).
 * @example
 * ```ts
 * checkCallback('SocialGraph.forEachMember', (id: string) => id);
 * ```
 * @internal
 */
export function checkCallback(method: string, callback: unknown): void {
  if (typeof callback !== 'function') {
    throw new SocialGraphError('INVALID_OPTION', `${method}: callback must be a function, got ${describeValue(callback)}`);
  }
}

/** The seconds of a connect option bag's `at` (-1 when absent), or `INVALID_OPTION`. */
function readAtSeconds(method: string, options: ConnectOptions | undefined): number {
  if (options === undefined) return -1;
  checkOptionsObject(method, options);
  const at = options.at;
  if (at === undefined) return -1;
  if (typeof at !== 'number' || !Number.isFinite(at) || at < 1000 || at >= 2 ** 32 * 1000) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: at must be milliseconds since the epoch (1 s to 2^32 s: second 0 means "unknown"), got ${describeValue(at)}`);
  }
  return Math.floor(at / 1000);
}
