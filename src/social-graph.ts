/**
 * SocialGraph: the facade. String ids in, answers out; everything inside runs on dense integers
 * and typed arrays.
 *
 * @packageDocumentation
 */
import { batchDistances } from './algorithms/batch-distances.js';
import { bidirectionalDistance, MAX_SEARCH_DEPTH } from './algorithms/bidirectional-distance.js';
import { intersectInto, intersectionSize } from './algorithms/intersection.js';
import { levelCounts } from './algorithms/level-counts.js';
import { Scratch } from './algorithms/scratch.js';
import { runSearch } from './algorithms/search.js';
import { describeValue, SocialGraphError } from './errors.js';
import { Emitter, type SocialGraphEvents, type SocialGraphListener } from './events.js';
import { CompactAdjacencyStore, type StoreStats } from './store/compact-adjacency-store.js';
import { IdInterner } from './store/id-interner.js';
import { readSnapshot, writeSnapshot } from './io/snapshot.js';

/** LinkedIn's cap on connections per member. */
export const DEFAULT_MAX_CONNECTIONS = 30_000;
/** Largest accepted `maxConnectionsPerMember` (one slab of the pool). */
export const MAX_CONNECTIONS_LIMIT = 1 << 22;

/**
 * Options of {@link SocialGraph}.
 * @public
 */
export interface SocialGraphOptions {
  /**
   * Most connections a member may hold; `connect` beyond it throws `CONNECTION_LIMIT`.
   * @defaultValue 30000 (LinkedIn's cap)
   */
  maxConnectionsPerMember?: number;
}

/**
 * Options of {@link SocialGraph.degree} and {@link SocialGraph.degrees}.
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
 * Members at distance exactly 1, 2 and 3 of a member.
 * @public
 */
export interface Reach {
  first: number;
  second: number;
  third: number;
}

/**
 * What {@link SocialGraph.loadEdges} did with its input.
 * @public
 */
export interface EdgeLoadReport {
  /** Pairs read. */
  pairs: number;
  /** Distinct connections in the graph. */
  connections: number;
  /** Pairs that repeated a connection (either direction). */
  duplicates: number;
  /** Pairs `a a`, skipped (their member still exists). */
  selfPairs: number;
  /** Members created. */
  members: number;
}

/**
 * Dense-index edge list, as emitted by the generators.
 * @public
 */
export interface IndexedEdges {
  /** Id of member `i` (a function or an array). */
  ids: readonly string[] | ((index: number) => string);
  /** Number of members (indices 0..members-1). */
  members: number;
  sources: Int32Array;
  targets: Int32Array;
  /** Pairs to read (defaults to `sources.length`). */
  edges?: number;
}

/**
 * What the features built on the graph (policy, invitations, profiles, snapshots, remote stores)
 * reach inside it for. Not exported from the package.
 * @internal
 */
export interface GraphInternals {
  readonly store: CompactAdjacencyStore;
  readonly ids: IdInterner;
  readonly scratch: Scratch;
  readonly emitter: Emitter;
  /** Index of a live member, or a thrown `INVALID_ID` / `MEMBER_NOT_FOUND` naming `method`. */
  index(method: string, id: string): number;
  /** Called with a member's index just before it is removed (its connections still in place). */
  readonly beforeRemoveMember: ((index: number) => void)[];
  /** Called after a connection was added / removed, with both indices. */
  readonly afterConnect: ((a: number, b: number) => void)[];
  readonly afterDisconnect: ((a: number, b: number) => void)[];
  /** Feature state attached to this graph, by feature name (created lazily by each feature). */
  readonly features: Map<string, unknown>;
}

/** Internals of a graph (for the library's own modules). @internal */
export function graphInternals(graph: SocialGraph): GraphInternals {
  return internalsOf(graph);
}
let internalsOf: (graph: SocialGraph) => GraphInternals;

/**
 * An undirected social graph of string member ids, answering connection degree (1st, 2nd, 3rd),
 * mutual connections and reach.
 *
 * @remarks
 * Storage is a {@link CompactAdjacencyStore}: ids are interned to dense integers at the boundary
 * and neighbour lists are sorted `Int32Array` windows in a pooled slab allocator, about 12 bytes
 * per connection at a million members. Queries allocate nothing but their result.
 *
 * Every method validates its arguments before it changes anything: a call that throws a
 * {@link SocialGraphError} leaves the graph exactly as it was. Results are copies, never live views.
 *
 * @example
 * ```ts
 * const graph = new SocialGraph();
 * for (const id of ['ada', 'bob', 'cy', 'dee']) graph.addMember(id);
 * graph.connect('ada', 'bob');
 * graph.connect('bob', 'cy');
 * graph.connect('cy', 'dee');
 * graph.degree('ada', 'cy'); // 2
 * graph.degree('ada', 'dee'); // 3
 * graph.mutualConnections('ada', 'cy'); // ['bob']
 * graph.reach('ada'); // { first: 1, second: 1, third: 1 }
 * ```
 * @public
 */
export class SocialGraph {
  /** The cap on connections per member. */
  readonly maxConnectionsPerMember: number;
  readonly #store: CompactAdjacencyStore;
  readonly #ids: IdInterner = new IdInterner();
  readonly #scratch: Scratch = new Scratch();
  readonly #emitter: Emitter = new Emitter();
  #internals: GraphInternals | null = null;

  static {
    internalsOf = (graph) =>
      (graph.#internals ??= {
        store: graph.#store,
        ids: graph.#ids,
        scratch: graph.#scratch,
        emitter: graph.#emitter,
        index: (method, id) => graph.#index(method, id),
        beforeRemoveMember: [],
        afterConnect: [],
        afterDisconnect: [],
        features: new Map(),
      });
  }

  constructor(options?: SocialGraphOptions) {
    const cap = readCap('SocialGraph.constructor', options);
    this.maxConnectionsPerMember = cap;
    this.#store = new CompactAdjacencyStore(cap);
  }

  // ------------------------------------------------------------------ bulk load

  /**
   * Builds a graph from an iterable of id pairs, creating members as they appear. Duplicate and
   * reciprocal pairs collapse; self-pairs are skipped (their member is still created).
   *
   * @remarks O(m log d): ids are interned in one pass into typed arrays, then the store is built
   * in one counting pass and one sort per list (no per-connection insertion).
   * Use {@link SocialGraph.loadEdges} to also get the counts of what was skipped.
   * @example
   * ```ts
   * const graph = SocialGraph.fromEdges([['ada', 'bob'], ['bob', 'cy'], ['bob', 'ada']]);
   * graph.connectionCount; // 2
   * ```
   */
  static fromEdges(pairs: Iterable<readonly [string, string]>, options?: SocialGraphOptions): SocialGraph {
    return SocialGraph.#load('SocialGraph.fromEdges', pairs, options).graph;
  }

  /**
   * {@link SocialGraph.fromEdges}, also reporting pairs, duplicates and self-pairs.
   *
   * @remarks O(m log d).
   * @example
   * ```ts
   * const { graph, report } = SocialGraph.loadEdges([['a', 'b'], ['b', 'a'], ['c', 'c']]);
   * report; // { pairs: 3, connections: 1, duplicates: 1, selfPairs: 1, members: 3 }
   * ```
   */
  static loadEdges(
    pairs: Iterable<readonly [string, string]>,
    options?: SocialGraphOptions,
  ): { graph: SocialGraph; report: EdgeLoadReport } {
    return SocialGraph.#load('SocialGraph.loadEdges', pairs, options);
  }

  static #load(
    method: string,
    pairs: Iterable<readonly [string, string]>,
    options: SocialGraphOptions | undefined,
  ): { graph: SocialGraph; report: EdgeLoadReport } {
    readCap(method, options);
    const graph = new SocialGraph(options);
    if (pairs == null || typeof (pairs as Iterable<unknown>)[Symbol.iterator] !== 'function') {
      throw new SocialGraphError('INVALID_OPTION', `${method}: pairs must be an iterable of [id, id], got ${describeValue(pairs)}`);
    }
    const ids = graph.#ids;
    let next = 0;
    // Size the buffers once when the input knows its length (an array): growing big typed arrays
    // makes V8 collect garbage, which rescans the caller's whole pair list each time.
    const hint = Array.isArray(pairs) ? Math.max(16, pairs.length) : 1024;
    let src = new Int32Array(hint);
    let dst = new Int32Array(hint);
    let m = 0;
    let count = 0;
    let selfPairs = 0;
    const intern = (id: unknown, at: number): number => {
      if (typeof id !== 'string' || id.length === 0) {
        throw new SocialGraphError('INVALID_ID', `${method}: pair ${at} holds an invalid id ${describeValue(id)} (ids are non-empty strings)`);
      }
      let v = ids.indexOf(id);
      if (v < 0) {
        v = next++;
        ids.set(id, v);
      }
      return v;
    };
    // Ids are looked up a batch at a time (see IdInterner.indexOfBatch); new ids are numbered in
    // order of first appearance.
    const BATCH = 512;
    const batch: string[] = new Array(2 * BATCH);
    const found = new Int32Array(2 * BATCH);
    const hashes = new Int32Array(2 * BATCH);
    let filled = 0;
    const flush = (): void => {
      ids.indexOfBatch(batch, filled * 2, found, hashes);
      for (let i = 0; i < filled; i++) {
        let a = found[2 * i]!;
        if (a < 0) a = intern(batch[2 * i], count - filled + i);
        let b = found[2 * i + 1]!;
        if (b < 0) b = intern(batch[2 * i + 1], count - filled + i);
        if (a === b) {
          selfPairs++;
          continue;
        }
        if (m === src.length) {
          src = grow(src);
          dst = grow(dst);
        }
        src[m] = a;
        dst[m++] = b;
      }
      filled = 0;
    };
    for (const pair of pairs) {
      if (!Array.isArray(pair) || pair.length < 2) {
        throw new SocialGraphError('INVALID_OPTION', `${method}: pair ${count} is not a [id, id] pair, got ${describeValue(pair)}`);
      }
      const first: unknown = pair[0];
      const second: unknown = pair[1];
      if (typeof first !== 'string' || first.length === 0) intern(first, count);
      if (typeof second !== 'string' || second.length === 0) intern(second, count);
      batch[2 * filled] = first as string;
      batch[2 * filled + 1] = second as string;
      count++;
      if (++filled === BATCH) flush();
    }
    flush();
    const connections = graph.#bulk(method, next, src, dst, m, (i) => ids.idOf(i));
    return {
      graph,
      report: { pairs: count, connections, duplicates: m - connections, selfPairs, members: next },
    };
  }

  /**
   * Builds a graph from a dense-index edge list (what the generators emit): member `i` gets id
   * `ids(i)`. Pairs may repeat; self-pairs are skipped.
   *
   * @remarks O(n + m log d), the fastest way in: no per-pair string lookup.
   * @example
   * ```ts
   * const graph = SocialGraph.fromIndexedEdges({
   *   members: 3, ids: (i) => `u${i}`, sources: Int32Array.of(0, 1), targets: Int32Array.of(1, 2),
   * });
   * graph.degree('u0', 'u2'); // 2
   * ```
   */
  static fromIndexedEdges(edges: IndexedEdges, options?: SocialGraphOptions): SocialGraph {
    const method = 'SocialGraph.fromIndexedEdges';
    readCap(method, options);
    if (edges === null || typeof edges !== 'object') {
      throw new SocialGraphError('INVALID_OPTION', `${method}: edges must be an object { ids, members, sources, targets }, got ${describeValue(edges)}`);
    }
    const graph = new SocialGraph(options);
    const { members, sources, targets } = edges;
    const m = edges.edges ?? sources.length;
    if (!Number.isInteger(members) || members < 0) {
      throw new SocialGraphError('INVALID_OPTION', `${method}: members must be a non-negative integer, got ${describeValue(members)}`);
    }
    if (!(sources instanceof Int32Array) || !(targets instanceof Int32Array) || !Number.isInteger(m) || m < 0 || m > sources.length || m > targets.length) {
      throw new SocialGraphError('INVALID_OPTION', `${method}: sources and targets must be Int32Arrays holding at least ${describeValue(m)} pairs`);
    }
    const idOf = typeof edges.ids === 'function' ? edges.ids : (i: number) => (edges.ids as readonly string[])[i]!;
    let src: Int32Array = sources;
    let dst: Int32Array = targets;
    let k = 0;
    // Validate indices, drop self-pairs (copying only if there are any).
    for (let i = 0; i < m; i++) {
      const a = sources[i]!;
      const b = targets[i]!;
      if (a < 0 || a >= members || b < 0 || b >= members) {
        throw new SocialGraphError('INVALID_OPTION', `${method}: pair ${i} (${a}, ${b}) is outside 0..${members - 1}`);
      }
      if (a === b) {
        if (src === sources) {
          src = sources.slice(0, m);
          dst = targets.slice(0, m);
        }
        continue;
      }
      if (src !== sources) {
        src[k] = a;
        dst[k] = b;
      }
      k++;
    }
    const ids = graph.#ids;
    for (let i = 0; i < members; i++) {
      const id = idOf(i);
      if (typeof id !== 'string' || id.length === 0) {
        throw new SocialGraphError('INVALID_ID', `${method}: member ${i} has an invalid id ${describeValue(id)}`);
      }
      if (ids.indexOf(id) >= 0) {
        throw new SocialGraphError('DUPLICATE_MEMBER', `${method}: id ${describeValue(id)} is given to two members`);
      }
      ids.set(id, i);
    }
    graph.#bulk(method, members, src, dst, k, idOf);
    return graph;
  }

  /**
   * Rebuilds a graph from {@link SocialGraph.toBytes} output (the format is specified in
   * docs/snapshots.md). Throws `SNAPSHOT_CORRUPT` for bytes that are not exactly a snapshot (every
   * section carries a CRC32 and everything decoded is validated), `SNAPSHOT_VERSION` for a newer
   * format or a required section this build does not know; it never returns a different graph.
   *
   * @remarks O(bytes + n + m), no sort and no per-connection insertion: about 1 s for 1M members
   * and 20M connections. Emits no events.
   * @example
   * ```ts
   * const copy = SocialGraph.fromBytes(graph.toBytes());
   * copy.degree('ada', 'dee'); // as in graph
   * ```
   */
  static fromBytes(bytes: Uint8Array): SocialGraph {
    return readSnapshot(
      bytes,
      (cap) => {
        const graph = new SocialGraph({ maxConnectionsPerMember: cap });
        return { graph, internals: internalsOf(graph) };
      },
      MAX_CONNECTIONS_LIMIT,
    );
  }

  /**
   * A binary snapshot of the graph: ids, connections, `maxConnectionsPerMember` and the state of
   * every feature that registered a snapshot section (see docs/snapshots.md). Members are
   * renumbered densely, so the snapshot of a graph with removed members is as small as a fresh one.
   *
   * @remarks O(n + m); about 2 to 4 bytes per connection (neighbour lists delta-encoded as varints,
   * one direction only) plus the UTF-8 ids. Use `save` from `social-graph/node` to write a file
   * atomically.
   * @example
   * ```ts
   * const bytes = graph.toBytes();
   * ```
   */
  toBytes(): Uint8Array {
    return writeSnapshot(this, internalsOf(this));
  }

  #bulk(method: string, members: number, src: Int32Array, dst: Int32Array, m: number, idOf: (i: number) => string): number {
    return this.#store.bulkLoad(members, src, dst, m, (member, degree) => {
      throw new SocialGraphError(
        'CONNECTION_LIMIT',
        `${method}: member ${describeValue(idOf(member))} would have ${degree} connections, above maxConnectionsPerMember ${this.maxConnectionsPerMember}`,
      );
    });
  }

  // ------------------------------------------------------------------ members

  /** Number of members. O(1). */
  get memberCount(): number {
    return this.#store.memberCount;
  }

  /** Number of undirected connections. O(1). */
  get connectionCount(): number {
    return this.#store.connectionCount;
  }

  /**
   * Adds a member. Throws `DUPLICATE_MEMBER` if present (use {@link SocialGraph.mergeMember} to
   * add only if absent), `INVALID_ID` unless `id` is a non-empty string.
   *
   * @remarks O(1) amortised; reuses the index of a removed member.
   * @example
   * ```ts
   * graph.addMember('ada');
   * ```
   */
  addMember(id: string): void {
    const method = 'SocialGraph.addMember';
    checkId(method, id);
    if (this.#ids.indexOf(id) >= 0) {
      throw new SocialGraphError('DUPLICATE_MEMBER', `${method}: member ${describeValue(id)} already exists (use mergeMember to add only if absent)`);
    }
    this.#ids.set(id, this.#store.allocateMember());
    if (this.#emitter.has('memberAdded')) this.#emitter.emit({ type: 'memberAdded', id });
  }

  /**
   * Adds a member if absent. Returns `true` if it was added, `false` if it was there.
   *
   * @remarks O(1) amortised.
   * @example
   * ```ts
   * graph.mergeMember('ada'); // true
   * graph.mergeMember('ada'); // false
   * ```
   */
  mergeMember(id: string): boolean {
    checkId('SocialGraph.mergeMember', id);
    if (this.#ids.indexOf(id) >= 0) return false;
    this.#ids.set(id, this.#store.allocateMember());
    if (this.#emitter.has('memberAdded')) this.#emitter.emit({ type: 'memberAdded', id });
    return true;
  }

  /**
   * Whether `id` is a member. Any value is accepted (non-strings are simply not members).
   *
   * @remarks O(1).
   * @example
   * ```ts
   * graph.hasMember('ada'); // true
   * ```
   */
  hasMember(id: string): boolean {
    return typeof id === 'string' && this.#ids.indexOf(id) >= 0;
  }

  /**
   * Removes a member and all its connections. Its storage (index and list block) is reused.
   * Throws `MEMBER_NOT_FOUND` if absent.
   *
   * @remarks O(d · log d') for d connections (each is removed from the other end's list).
   * @example
   * ```ts
   * graph.removeMember('ada');
   * ```
   */
  removeMember(id: string): void {
    const v = this.#index('SocialGraph.removeMember', id);
    const hooks = this.#internals?.beforeRemoveMember;
    if (hooks !== undefined) for (const hook of hooks) hook(v);
    const store = this.#store;
    const neighbors = store.clear(v);
    for (let i = 0; i < neighbors.length; i++) store.remove(neighbors[i]!, v);
    store.releaseMember(v);
    this.#ids.delete(id, v);
    if (this.#emitter.has('memberRemoved')) this.#emitter.emit({ type: 'memberRemoved', id });
  }

  /**
   * Every member id, in index order (a fresh array).
   *
   * @remarks O(n).
   * @example
   * ```ts
   * graph.members(); // ['ada', 'bob']
   * ```
   */
  members(): string[] {
    const out: string[] = [];
    this.#ids.forEach((id) => out.push(id));
    return out;
  }

  /**
   * Calls `callback` for each member id (no array built: the fastest way to walk members).
   *
   * @remarks O(n).
   * @example
   * ```ts
   * graph.forEachMember((id) => console.log(id));
   * ```
   */
  forEachMember(callback: (id: string) => void): void {
    checkCallback('SocialGraph.forEachMember', callback);
    this.#ids.forEach((id) => callback(id));
  }

  // ------------------------------------------------------------------ connections

  /**
   * Connects two members. Returns `false` if they were already connected.
   * Throws `MEMBER_NOT_FOUND`, `SELF_CONNECTION`, `INVALID_ID` or `CONNECTION_LIMIT` (when either
   * member already holds `maxConnectionsPerMember` connections), changing nothing.
   *
   * @remarks O(log d + d): a binary search and a shift in each sorted list.
   * @example
   * ```ts
   * graph.connect('ada', 'bob'); // true
   * graph.connect('bob', 'ada'); // false
   * ```
   */
  connect(a: string, b: string): boolean {
    const method = 'SocialGraph.connect';
    const u = this.#index(method, a);
    const v = this.#index(method, b);
    if (u === v) throw new SocialGraphError('SELF_CONNECTION', `${method}: cannot connect member ${describeValue(a)} to itself`);
    const store = this.#store;
    const at = store.indexOfNeighbor(u, v);
    if (at >= 0) return false;
    const du = store.degreeOf(u);
    const dv = store.degreeOf(v);
    const cap = this.maxConnectionsPerMember;
    if (du >= cap || dv >= cap) {
      const full = du >= cap ? a : b;
      throw new SocialGraphError(
        'CONNECTION_LIMIT',
        `${method}: member ${describeValue(full)} already has ${cap} connections (maxConnectionsPerMember)`,
      );
    }
    store.insertAt(u, v, -at - 1);
    store.insert(v, u);
    const hooks = this.#internals?.afterConnect;
    if (hooks !== undefined) for (const hook of hooks) hook(u, v);
    if (this.#emitter.has('connected')) this.#emitter.emit({ type: 'connected', a, b });
    return true;
  }

  /**
   * Removes a connection. Returns whether it existed.
   * Throws `MEMBER_NOT_FOUND` or `INVALID_ID`; a self pair simply returns `false`.
   *
   * @remarks O(log d + d).
   * @example
   * ```ts
   * graph.disconnect('ada', 'bob'); // true
   * ```
   */
  disconnect(a: string, b: string): boolean {
    const method = 'SocialGraph.disconnect';
    const u = this.#index(method, a);
    const v = this.#index(method, b);
    if (u === v) return false;
    if (!this.#store.remove(u, v)) return false;
    this.#store.remove(v, u);
    const hooks = this.#internals?.afterDisconnect;
    if (hooks !== undefined) for (const hook of hooks) hook(u, v);
    if (this.#emitter.has('disconnected')) this.#emitter.emit({ type: 'disconnected', a, b });
    return true;
  }

  /**
   * Whether two members are connected (1st degree).
   *
   * @remarks O(log min(d_a, d_b)).
   * @example
   * ```ts
   * graph.areConnected('ada', 'bob'); // true
   * ```
   */
  areConnected(a: string, b: string): boolean {
    const method = 'SocialGraph.areConnected';
    const u = this.#index(method, a);
    const v = this.#index(method, b);
    const store = this.#store;
    return store.degreeOf(u) <= store.degreeOf(v) ? store.has(u, v) : store.has(v, u);
  }

  /**
   * The member's connections (a fresh array, in internal index order).
   *
   * @remarks O(d).
   * @example
   * ```ts
   * graph.connections('bob'); // ['ada', 'cy']
   * ```
   */
  connections(id: string): string[] {
    const v = this.#index('SocialGraph.connections', id);
    return this.#idsOf(this.#store.slabOf(v), this.#store.offsetOf(v), this.#store.degreeOf(v));
  }

  /**
   * Calls `callback` for each connection of the member, without building an array.
   * The graph must not be changed from inside the callback.
   *
   * @remarks O(d).
   * @example
   * ```ts
   * graph.forEachConnection('bob', (id) => console.log(id));
   * ```
   */
  forEachConnection(id: string, callback: (connection: string) => void): void {
    const v = this.#index('SocialGraph.forEachConnection', id);
    checkCallback('SocialGraph.forEachConnection', callback);
    const store = this.#store;
    const slab = store.slabOf(v);
    const start = store.offsetOf(v);
    const end = start + store.degreeOf(v);
    for (let i = start; i < end; i++) callback(this.#ids.idOf(slab[i]!));
  }

  /**
   * How many connections the member has.
   *
   * @remarks O(1).
   * @example
   * ```ts
   * graph.connectionCountOf('bob'); // 2
   * ```
   */
  connectionCountOf(id: string): number {
    return this.#store.degreeOf(this.#index('SocialGraph.connectionCountOf', id));
  }

  // ------------------------------------------------------------------ queries

  /**
   * Connection degree between two members: `0` for the same member, `1`..`maxDepth` for the
   * exact distance, `null` when further or not connected at all.
   *
   * @remarks
   * Bidirectional BFS that always expands the cheaper side (smaller degree sum of its frontier);
   * degree 1 is a binary search. For degree ≤ 3 the cost is bounded by the cheaper end's
   * 1st-degree degree sum. Allocates nothing.
   * @example
   * ```ts
   * graph.degree('ada', 'dee'); // 3
   * graph.degree('ada', 'dee', { maxDepth: 2 }); // null
   * ```
   */
  degree(a: string, b: string, options?: DegreeOptions): number | null {
    const method = 'SocialGraph.degree';
    const u = this.#index(method, a);
    const v = this.#index(method, b);
    const maxDepth = readMaxDepth(method, options);
    const scratch = this.#scratch;
    scratch.ensure(this.#store.indexBound);
    return runSearch(bidirectionalDistance(scratch, u, v, maxDepth), this.#store);
  }

  /**
   * Degrees from one viewer to many members at once (a page of degree badges), in the order
   * asked: each entry as {@link SocialGraph.degree} would answer it.
   *
   * @remarks
   * The viewer's side is expanded once (to depth 2 unless the viewer's 2nd-degree network costs
   * more than the page), then each member costs its own degree. Throws `MEMBER_NOT_FOUND` for
   * the first unknown id, changing nothing.
   * @example
   * ```ts
   * graph.degrees('ada', ['bob', 'cy', 'dee', 'zed']); // [1, 2, 3, null]
   * ```
   */
  degrees(viewer: string, ids: readonly string[], options?: DegreeOptions): (number | null)[] {
    const method = 'SocialGraph.degrees';
    const u = this.#index(method, viewer);
    if (!Array.isArray(ids)) {
      throw new SocialGraphError('INVALID_OPTION', `${method}: ids must be an array of member ids, got ${describeValue(ids)}`);
    }
    const targets = new Int32Array(ids.length);
    for (let i = 0; i < ids.length; i++) targets[i] = this.#index(method, ids[i]!);
    const maxDepth = readMaxDepth(method, options);
    const scratch = this.#scratch;
    scratch.ensure(this.#store.indexBound);
    const out = new Int32Array(ids.length);
    runSearch(batchDistances(scratch, u, targets, maxDepth, out), this.#store);
    const result: (number | null)[] = new Array(ids.length);
    for (let i = 0; i < out.length; i++) result[i] = out[i]! < 0 ? null : out[i]!;
    return result;
  }

  /**
   * The connections two members share (a fresh array, in internal index order).
   *
   * @remarks O(min(d_a, d_b) · log(max/min)) by galloping when the sizes differ by more than 24×,
   * else O(d_a + d_b) by merging.
   * @example
   * ```ts
   * graph.mutualConnections('ada', 'cy'); // ['bob']
   * ```
   */
  mutualConnections(a: string, b: string): string[] {
    const method = 'SocialGraph.mutualConnections';
    const u = this.#index(method, a);
    const v = this.#index(method, b);
    const store = this.#store;
    const du = store.degreeOf(u);
    const dv = store.degreeOf(v);
    const out = new Int32Array(Math.min(du, dv));
    const k = intersectInto(store.slabOf(u), store.offsetOf(u), du, store.slabOf(v), store.offsetOf(v), dv, out);
    return this.#idsOf(out, 0, k);
  }

  /**
   * How many connections two members share.
   *
   * @remarks Same cost as {@link SocialGraph.mutualConnections}, with no allocation.
   * @example
   * ```ts
   * graph.mutualCount('ada', 'cy'); // 1
   * ```
   */
  mutualCount(a: string, b: string): number {
    const method = 'SocialGraph.mutualCount';
    const u = this.#index(method, a);
    const v = this.#index(method, b);
    const store = this.#store;
    return intersectionSize(store.slabOf(u), store.offsetOf(u), store.degreeOf(u), store.slabOf(v), store.offsetOf(v), store.degreeOf(v));
  }

  /**
   * Exact number of members at distance exactly 1, 2 and 3.
   *
   * @remarks
   * Direction-optimizing BFS: levels whose frontier holds most of the graph's edges are
   * computed bottom-up (each unvisited member stops at its first neighbour in the frontier).
   * Worst case O(n + m).
   * @example
   * ```ts
   * graph.reach('ada'); // { first: 1, second: 1, third: 1 }
   * ```
   */
  reach(id: string): Reach {
    const v = this.#index('SocialGraph.reach', id);
    const scratch = this.#scratch;
    const store = this.#store;
    scratch.ensure(store.indexBound);
    const counts = runSearch(levelCounts(scratch, v, 3, store.connectionCount * 2), store);
    return { first: counts[0]!, second: counts[1]!, third: counts[2]! };
  }

  // ------------------------------------------------------------------ events

  /**
   * Listens to a change event; returns a function that stops listening. Listeners run
   * synchronously after the change, and must not change the graph.
   *
   * @remarks O(1). With no listener registered, a mutation pays one null check.
   * @example
   * ```ts
   * const stop = graph.on('connected', ({ a, b }) => log.push(`+${a} ${b}`));
   * graph.connect('ada', 'bob');
   * stop();
   * ```
   */
  on<K extends keyof SocialGraphEvents>(type: K, listener: SocialGraphListener<K>): () => void {
    const method = 'SocialGraph.on';
    if (typeof type !== 'string') throw new SocialGraphError('INVALID_OPTION', `${method}: event type must be a string, got ${describeValue(type)}`);
    checkCallback(method, listener);
    return this.#emitter.on(type, listener);
  }

  /**
   * Stops a listener registered with {@link SocialGraph.on}. Returns whether it was registered.
   *
   * @remarks O(1).
   * @example
   * ```ts
   * graph.off('connected', listener);
   * ```
   */
  off<K extends keyof SocialGraphEvents>(type: K, listener: SocialGraphListener<K>): boolean {
    return this.#emitter.off(type, listener);
  }

  // ------------------------------------------------------------------ introspection

  /**
   * Memory accounting of the adjacency store (slots are 4 bytes).
   *
   * @remarks O(slabs).
   * @example
   * ```ts
   * graph.storeStats().freeSlots;
   * ```
   */
  storeStats(): StoreStats {
    return this.#store.stats();
  }

  // ------------------------------------------------------------------ internals

  #index(method: string, id: string): number {
    checkId(method, id);
    const v = this.#ids.indexOf(id);
    if (v < 0) throw new SocialGraphError('MEMBER_NOT_FOUND', `${method}: member ${describeValue(id)} not found`);
    return v;
  }

  #idsOf(array: Int32Array, start: number, count: number): string[] {
    const out: string[] = new Array(count);
    const ids = this.#ids;
    for (let i = 0; i < count; i++) out[i] = ids.idOf(array[start + i]!);
    return out;
  }
}

function checkId(method: string, id: unknown): asserts id is string {
  if (typeof id !== 'string' || id.length === 0) {
    throw new SocialGraphError('INVALID_ID', `${method}: member ids are non-empty strings, got ${describeValue(id)}`);
  }
}

function checkOptionsObject(method: string, options: unknown): void {
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: options must be an object, got ${describeValue(options)}`);
  }
}

function checkCallback(method: string, callback: unknown): void {
  if (typeof callback !== 'function') {
    throw new SocialGraphError('INVALID_OPTION', `${method}: callback must be a function, got ${describeValue(callback)}`);
  }
}

function readCap(method: string, options: SocialGraphOptions | undefined): number {
  checkOptionsObject(method, options);
  const cap = options?.maxConnectionsPerMember ?? DEFAULT_MAX_CONNECTIONS;
  if (!Number.isInteger(cap) || cap < 1 || cap > MAX_CONNECTIONS_LIMIT) {
    throw new SocialGraphError(
      'INVALID_OPTION',
      `${method}: maxConnectionsPerMember must be an integer from 1 to ${MAX_CONNECTIONS_LIMIT}, got ${describeValue(cap)}`,
    );
  }
  return cap;
}

function readMaxDepth(method: string, options: DegreeOptions | undefined): number {
  checkOptionsObject(method, options);
  const d = options?.maxDepth ?? 3;
  if (!Number.isInteger(d) || d < 0 || d > MAX_SEARCH_DEPTH) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: maxDepth must be an integer from 0 to ${MAX_SEARCH_DEPTH}, got ${describeValue(d)}`);
  }
  return d;
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
