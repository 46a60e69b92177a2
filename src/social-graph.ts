/**
 * SocialGraph: the facade. String ids in, answers out; everything inside runs on dense integers
 * and typed arrays.
 *
 * @packageDocumentation
 */
import { batchDistances } from './algorithms/batch-distances.js';
import { bidirectionalDistance } from './algorithms/bidirectional-distance.js';
import { intersectInto, intersectionSize } from './algorithms/intersection.js';
import { levelCounts } from './algorithms/level-counts.js';
import { Scratch } from './algorithms/scratch.js';
import { runSearch } from './algorithms/search.js';
import { describeValue, SocialGraphError } from './errors.js';
import { checkOptionsObject, readMaxDepth } from './options.js';
import { Emitter, type SocialGraphEvents, type SocialGraphListener } from './events.js';
import { CompactAdjacencyStore, type StoreStats } from './store/compact-adjacency-store.js';
import { IdInterner } from './store/id-interner.js';
import { bulkInt32 } from './store/bulk-buffer.js';
import { type HelperThread, startHelperThread } from './store/helper-thread.js';
import { internPairs } from './store/intern-pairs.js';
import { checkAction, decide } from './policy/decide.js';
import { checkPolicy } from './policy/define-policy.js';
import { DEFAULT_POLICY } from './policy/default-policy.js';
import { existingPolicyState, memberPolicyState, type MemberPolicyState } from './policy/member-policy-state.js';
import type { Decision, Policy, PolicyAction } from './policy/policy.js';
import { mergePrivacy, privacyCode, privacyOfCode, type PrivacySettings } from './policy/privacy-settings.js';
import { MAX_QUOTA_LIMIT, SlidingWindowQuota, type QuotaLimit, type QuotaUsage } from './policy/sliding-window-quota.js';
import { STRICT_POLICY } from './policy/strict-policy.js';
import { ViewerWindow } from './policy/viewer-window.js';
import { viewerCache } from './cache/viewer-cache.js';
import {
  changeMemberList,
  createMemberList,
  deleteMemberList,
  markedMembers,
  markMember,
  memberListMembers,
  memberLists,
  renameMemberList,
  tagMember,
  taggedMembers,
  tagsOfMember,
  untagMember,
} from './labels/label-operations.js';
import { profileStore, type ProfileStore } from './profiles/profile-store.js';
import { recentConnectionsOf, type RecentConnection, type RecentConnectionsOptions } from './search/recent-connections.js';
import { initSearchFeatures, readSearchGraphOptions } from './search/search-graph-options.js';
import { readSnapshot, writeSnapshot } from './io/snapshot.js';
import {
  invitationBook,
  type Introduction,
  type IntroductionOptions,
  type Suggestion,
  type SuggestionOptions,
} from './invitations/invitation-book.js';
import type { Invitation, InvitationSettings, InviteOptions } from './invitations/invitation.js';
import { OPERATION_NAMES, type OperationLog, type OperationName, type OperationRecord } from './graph/operation-log.js';

/** LinkedIn's cap on connections per member. */
export const DEFAULT_MAX_CONNECTIONS = 30_000;
/** Largest accepted `maxConnectionsPerMember` (one slab of the pool). */
export const MAX_CONNECTIONS_LIMIT = 1 << 22;
/** Bulk loads of at least this many pairs may use a worker thread (one takes ~30 ms to start). */
const PARALLEL_MIN_PAIRS = 1 << 21;

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
  /**
   * The clock of every time-based feature (outreach quotas, invitations, connection times), in
   * milliseconds. Inject a fake one in tests.
   * @defaultValue `Date.now`
   */
  clock?: () => number;
  /**
   * Record when each connection was made (`connect(a, b, { at })`, default the clock's now), for
   * "recently added". Costs 8 bytes per connection. Recording also starts by itself at the first
   * `connect` given an `at`; connections made before recording started have no time.
   * @defaultValue false
   */
  connectionTimes?: boolean;
  /**
   * Profile attributes that search and facets filter, sort and count by (see docs/search.md):
   * each is dictionary-encoded into a typed column (2 bytes per member, 4 past 65,535 distinct
   * values). Values of these attributes must be strings.
   * @defaultValue none
   */
  indexedAttributes?: readonly string[];
  /**
   * Profile fields a viewer sees when the policy grants a `limited` view (3rd degree under the
   * presets).
   * @defaultValue the indexed attributes
   */
  limitedProfileFields?: readonly string[];
  /**
   * How many viewers' 2nd-degree networks {@link SocialGraph.degrees} keeps cached (an integer
   * from 0 to 65,536; 0 disables the cache).
   * @defaultValue 64
   */
  viewerCache?: number;
}

/**
 * Options of {@link SocialGraph.connect}.
 * @public
 */
export interface ConnectOptions {
  /**
   * When the connection was made, in milliseconds since the epoch (stored at one-second
   * resolution, up to the year 2106). Starts recording connection times if it was off.
   * @defaultValue the graph's clock, when connection times are recorded
   */
  at?: number;
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
 * Options of the bulk loads {@link SocialGraph.fromEdges}, {@link SocialGraph.loadEdges} and
 * {@link SocialGraph.fromIndexedEdges}.
 * @public
 */
export interface EdgeLoadOptions extends SocialGraphOptions {
  /**
   * Let a load of at least 2^21 (about 2.1M) pairs use one worker thread where the platform
   * entry gives one: the package as Node loads it (its `node` export condition). The worker looks
   * up each chunk of ids while this thread reads the next (chunks of ids of at most 8 Latin-1
   * characters; others are looked up here) and takes half of building the lists: 1.4–1.7× as fast
   * on two cores ({@link SocialGraph.fromIndexedEdges}: half of the lists while this thread binds
   * the ids). The call stays synchronous (this thread blocks on `Atomics.wait` while it waits
   * for the worker) and the graph is byte for byte the same either way. `false` keeps the load on
   * this thread; browsers always do.
   * @defaultValue true
   */
  parallel?: boolean;
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
  /** Threads that did the work: 2 when a worker thread took part (see {@link EdgeLoadOptions.parallel}), else 1. */
  threads: number;
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
  /** Called after `a` blocked `b` (a new block; their connection already removed). */
  readonly afterBlock: ((a: number, b: number) => void)[];
  /** Feature state attached to this graph, by feature name (created lazily by each feature). */
  readonly features: Map<string, unknown>;
  /** The graph's clock (the `clock` option), in milliseconds. */
  now(): number;
}

/** Internals of a graph (for the library's own modules). @internal */
export function graphInternals(graph: SocialGraph<object>): GraphInternals {
  return internalsOf(graph);
}
let internalsOf: (graph: SocialGraph<object>) => GraphInternals;
let attachLog: (graph: SocialGraph<object>, log: OperationLog) => () => void;
let replayAt: (graph: SocialGraph<object>, record: OperationRecord) => unknown;

/**
 * Attaches an operation log to a graph: from now on every successful top-level mutating call
 * (the methods named in {@link OPERATION_NAMES}) is appended to it, with the graph time it used.
 * One log per graph; returns a function that detaches it.
 *
 * @remarks O(1) per call, plus the log's own cost. While attached, each mutating call reads the
 * graph's clock at most once.
 * @example
 * ```ts
 * const graph = new SocialGraph();
 * const records: string[] = [];
 * const detach = logOperations(graph, { append: (r) => records.push(r.name) });
 * graph.addMember('ada');
 * detach();
 * records; // ['addMember']
 * ```
 * @public
 */
export function logOperations(graph: SocialGraph<object>, log: OperationLog): () => void {
  if (log === null || typeof log !== 'object' || typeof log.append !== 'function') {
    throw new SocialGraphError('INVALID_OPTION', `logOperations: log must be an object with an append(record) method, got ${describeValue(log)}`);
  }
  return attachLog(graph, log);
}

/**
 * Applies one record of an operation log to a graph: calls the method it names with its
 * arguments, the graph's clock reading the record's time during the call. Replaying a log in
 * order over the state it started from rebuilds the same graph. Returns what the method returned.
 *
 * @remarks The cost of the method replayed.
 * @example
 * ```ts
 * const copy = new SocialGraph();
 * replayOperation(copy, { name: 'addMember', args: ['ada'], time: Number.NaN });
 * copy.hasMember('ada'); // true
 * ```
 * @public
 */
export function replayOperation(graph: SocialGraph<object>, record: OperationRecord): unknown {
  if (record === null || typeof record !== 'object' || !Array.isArray(record.args) || typeof record.time !== 'number') {
    throw new SocialGraphError('INVALID_OPTION', `replayOperation: record must be { name, args, time }, got ${describeValue(record)}`);
  }
  return replayAt(graph, record);
}

/** The brand of {@link SocialGraph.isSocialGraph}: one symbol for every copy of the package. */
const BRAND: unique symbol = Symbol.for('social-graph.SocialGraph') as never;

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
export class SocialGraph<Profile extends object = Record<string, unknown>> {
  /** The cap on connections per member. */
  readonly maxConnectionsPerMember: number;
  readonly #store: CompactAdjacencyStore;
  readonly #ids: IdInterner = new IdInterner();
  readonly #scratch: Scratch = new Scratch();
  readonly #emitter: Emitter = new Emitter();
  readonly #pair: Int32Array = new Int32Array(2);
  #page: Int32Array = new Int32Array(128);
  #pageOut: Int32Array = new Int32Array(128);
  readonly #clock: () => number;
  #internals: GraphInternals | null = null;
  #policyState: MemberPolicyState | null = null;
  /** The attached operation log, if any (see {@link logOperations}). */
  #log: OperationLog | null = null;
  /** Depth of mutating calls in progress while a log is attached (0: none). */
  #depth = 0;
  /** The clock's value for the top-level call in progress (NaN until read). */
  #callTime = Number.NaN;

  static {
    attachLog = (graph, log) => {
      if (graph.#log !== null) {
        throw new SocialGraphError('INVALID_OPTION', 'logOperations: this graph already has an operation log');
      }
      graph.#log = log;
      for (const name of OPERATION_NAMES) {
        const method = SocialGraph.prototype[name] as (...args: unknown[]) => unknown;
        Object.defineProperty(graph, name, {
          configurable: true,
          writable: false,
          enumerable: false,
          value: (...args: unknown[]) => graph.#logged(name, args, method),
        });
      }
      return () => {
        if (graph.#log !== log) return;
        graph.#log = null;
        for (const name of OPERATION_NAMES) delete (graph as unknown as Record<string, unknown>)[name];
      };
    };
    replayAt = (graph, record) => {
      const method = SocialGraph.prototype[record.name] as ((...args: unknown[]) => unknown) | undefined;
      if (typeof method !== 'function' || !OPERATION_NAMES.includes(record.name)) {
        throw new SocialGraphError('INVALID_OPTION', `replayOperation: unknown operation ${describeValue(record.name)}`);
      }
      if (graph.#depth !== 0) throw new SocialGraphError('INVALID_OPTION', 'replayOperation: called from inside a mutating call');
      return graph.#logged(record.name, record.args, method, record.time);
    };
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
        afterBlock: [],
        features: new Map(),
        now: () => graph.now(),
      });
  }

  /**
   * Whether `value` is a SocialGraph of this package, whichever copy of the package made it. The
   * ESM and the CJS builds (or two installed versions) each have their own class, so `instanceof`
   * is false across copies; this reads a brand keyed by the global symbol
   * `Symbol.for('social-graph.SocialGraph')`, which every copy puts on its prototype.
   *
   * @remarks O(1).
   * @example
   * ```ts
   * SocialGraph.isSocialGraph(new SocialGraph()); // true
   * SocialGraph.isSocialGraph({ degree: () => 1 }); // false
   * ```
   */
  static isSocialGraph(value: unknown): value is SocialGraph {
    return typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
  }

  static {
    Object.defineProperty(SocialGraph.prototype, BRAND, { value: true });
  }

  constructor(options?: SocialGraphOptions) {
    const cap = readCap('SocialGraph.constructor', options);
    this.maxConnectionsPerMember = cap;
    this.#clock = options?.clock ?? Date.now;
    this.#store = new CompactAdjacencyStore(cap);
    const times = options?.connectionTimes;
    if (times !== undefined && typeof times !== 'boolean') {
      throw new SocialGraphError('INVALID_OPTION', `SocialGraph.constructor: connectionTimes must be a boolean, got ${describeValue(times)}`);
    }
    if (times === true) this.#store.enableTimes();
    initSearchFeatures(internalsOf(this), readSearchGraphOptions('SocialGraph.constructor', options));
  }

  // ------------------------------------------------------------------ bulk load

  /**
   * Builds a graph from an iterable of id pairs, creating members as they appear. Duplicate and
   * reciprocal pairs collapse; self-pairs are skipped (their member is still created).
   *
   * @remarks O(m log d): ids are hashed in one pass over the input (a run of pairs sharing their
   * first id looks it up once), then looked up partition by partition (by hash) so that the table
   * stays in cache, and numbered in order of first appearance; the lists are then laid out from
   * a counting pass, filled and sorted in place (no per-connection insertion). In Node, a load of
   * 2^21 pairs or more uses one worker thread ({@link EdgeLoadOptions.parallel}): it looks up each
   * chunk of short ids while this thread reads the next, and takes half of the list passes. On
   * the 2-core benchmark machine, 20M pairs of short ids: 5.0–6.8M connections/s with the worker,
   * 3.1–4.6M/s without (the host's speed drifts by a third). Working memory (about 16 bytes per
   * pair) and the graph's lists come from `SharedArrayBuffer`s where available, so that a big
   * load does not make V8 run full collections over the caller's input (see the README's
   * limits).
   * Use {@link SocialGraph.loadEdges} to also get the counts of what was skipped.
   * @example
   * ```ts
   * const graph = SocialGraph.fromEdges([['ada', 'bob'], ['bob', 'cy'], ['bob', 'ada']]);
   * graph.connectionCount; // 2
   * ```
   */
  static fromEdges(pairs: Iterable<readonly [string, string]>, options?: EdgeLoadOptions): SocialGraph {
    return SocialGraph.#load('SocialGraph.fromEdges', pairs, options).graph;
  }

  /**
   * {@link SocialGraph.fromEdges}, also reporting pairs, duplicates and self-pairs.
   *
   * @remarks O(m log d).
   * @example
   * ```ts
   * const { graph, report } = SocialGraph.loadEdges([['a', 'b'], ['b', 'a'], ['c', 'c']]);
   * report; // { pairs: 3, connections: 1, duplicates: 1, selfPairs: 1, members: 3, threads: 1 }
   * ```
   */
  static loadEdges(
    pairs: Iterable<readonly [string, string]>,
    options?: EdgeLoadOptions,
  ): { graph: SocialGraph; report: EdgeLoadReport } {
    return SocialGraph.#load('SocialGraph.loadEdges', pairs, options);
  }

  static #load(
    method: string,
    pairs: Iterable<readonly [string, string]>,
    options: EdgeLoadOptions | undefined,
  ): { graph: SocialGraph; report: EdgeLoadReport } {
    readCap(method, options);
    const parallel = readParallel(method, options);
    const graph = new SocialGraph(options);
    if (pairs == null || typeof (pairs as Iterable<unknown>)[Symbol.iterator] !== 'function') {
      throw new SocialGraphError('INVALID_OPTION', `${method}: pairs must be an iterable of [id, id], got ${describeValue(pairs)}`);
    }
    const ids = graph.#ids;
    // A worker thread for big loads (started once, on first demand): it takes over lookups while
    // this thread reads, and builds half of the lists.
    const lazy: { asked: boolean; helper: HelperThread | null } = { asked: false, helper: null };
    const helper = (): HelperThread | null => {
      if (!lazy.asked) {
        lazy.asked = true;
        lazy.helper = parallel ? startHelperThread() : null;
      }
      return lazy.helper;
    };
    try {
      const { src, dst, edges: m, pairs: count, selfPairs, members: next, bind } = internPairs(
        pairs,
        ids,
        (problem) => {
          if (problem.kind === 'pair') {
            throw new SocialGraphError('INVALID_OPTION', `${method}: pair ${problem.at} is not a [id, id] pair, got ${describeValue(problem.value)}`);
          }
          throw new SocialGraphError('INVALID_ID', `${method}: pair ${problem.at} holds an invalid id ${describeValue(problem.value)} (ids are non-empty strings)`);
        },
        { helper, helperMinPairs: PARALLEL_MIN_PAIRS },
      );
      // The ids are bound while the helper starts on the lists (a helper already running takes
      // part whatever the count; otherwise one is started for enough connections).
      const listHelper = lazy.asked ? lazy.helper : m >= PARALLEL_MIN_PAIRS ? helper() : null;
      const connections = graph.#bulk(method, next, src, dst, m, (i) => ids.idOf(i), listHelper, bind);
      return {
        graph,
        report: { pairs: count, connections, duplicates: m - connections, selfPairs, members: next, threads: lazy.helper?.threaded === true ? 2 : 1 },
      };
    } finally {
      lazy.helper?.close();
    }
  }

  /**
   * Builds a graph from a dense-index edge list (what the generators emit): member `i` gets id
   * `ids(i)`. Pairs may repeat; self-pairs are skipped.
   *
   * @remarks O(n + m log d), the fastest way in: no per-pair string lookup. With a worker thread
   * ({@link EdgeLoadOptions.parallel}, 2^21 pairs or more in Node), the worker builds half of the
   * lists while this thread binds the ids; pairs not in `SharedArrayBuffer`s are copied for it.
   * @example
   * ```ts
   * const graph = SocialGraph.fromIndexedEdges({
   *   members: 3, ids: (i) => `u${i}`, sources: Int32Array.of(0, 1), targets: Int32Array.of(1, 2),
   * });
   * graph.degree('u0', 'u2'); // 2
   * ```
   */
  static fromIndexedEdges(edges: IndexedEdges, options?: EdgeLoadOptions): SocialGraph {
    const method = 'SocialGraph.fromIndexedEdges';
    readCap(method, options);
    const parallel = readParallel(method, options);
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
    const bind = (): void => {
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
    };
    // A helper thread builds half of the lists (on shared copies of the pairs, unless they are
    // shared already) while this thread binds the ids.
    const helper = parallel && k >= PARALLEL_MIN_PAIRS ? startHelperThread() : null;
    try {
      if (helper !== null) {
        if (!isShared(src)) src = shared(src, k);
        if (!isShared(dst)) dst = shared(dst, k);
      }
      graph.#bulk(method, members, src, dst, k, idOf, helper, bind);
    } finally {
      helper?.close();
    }
    return graph;
  }

  /**
   * Rebuilds a graph from {@link SocialGraph.toBytes} output (the format is specified in
   * docs/snapshots.md). Throws `SNAPSHOT_CORRUPT` for bytes that are not exactly a snapshot (every
   * section carries a CRC32 and everything decoded is validated), `SNAPSHOT_VERSION` for a newer
   * format or a required section this build does not know; it never returns a different graph.
   *
   * `options` are the run-time options a snapshot does not hold (the clock, the options of
   * features that do not store their configuration, and `policy`: the custom policy in force when
   * the snapshot was taken, if any, which a snapshot names but cannot hold; loading such a snapshot
   * without it throws `INVALID_OPTION`); `maxConnectionsPerMember` and `connectionTimes` come from
   * the snapshot.
   *
   * @remarks O(bytes + n + m), no sort and no per-connection insertion: about 1.5 s for 1M members
   * and 20M connections. Emits no events.
   * @example
   * ```ts
   * const copy = SocialGraph.fromBytes(graph.toBytes(), { clock: () => Date.now() });
   * copy.degree('ada', 'dee'); // as in graph
   * ```
   */
  static fromBytes(
    bytes: Uint8Array,
    options?: Omit<SocialGraphOptions, 'maxConnectionsPerMember' | 'connectionTimes'> & { policy?: Policy },
  ): SocialGraph {
    const method = 'SocialGraph.fromBytes';
    checkOptionsObject(method, options);
    const { policy, ...graphOptions } = options ?? {};
    return readSnapshot(
      bytes,
      (cap) => {
        let graph: SocialGraph;
        try {
          graph = new SocialGraph({ ...graphOptions, maxConnectionsPerMember: cap, connectionTimes: false });
        } catch (error) {
          if (error instanceof SocialGraphError) throw new SocialGraphError(error.code, error.message.replace('SocialGraph.constructor', method));
          throw error;
        }
        return { graph, internals: internalsOf(graph) };
      },
      MAX_CONNECTIONS_LIMIT,
      { policy },
    );
  }

  /**
   * A binary snapshot of the graph: ids, connections, `maxConnectionsPerMember` and the state of
   * every feature that registered a snapshot section (see docs/snapshots.md). Members are
   * renumbered densely, so the snapshot of a graph with removed members is as small as a fresh one.
   *
   * @remarks O(n + m); about 5 bytes per connection (sorted neighbour lists delta-encoded as
   * varints) plus the UTF-8 ids. Use `save` from `social-graph/node` to write a file
   * atomically.
   * @example
   * ```ts
   * const bytes = graph.toBytes();
   * ```
   */
  toBytes(): Uint8Array {
    return writeSnapshot(this as unknown as SocialGraph, internalsOf(this));
  }

  #bulk(
    method: string,
    members: number,
    src: Int32Array,
    dst: Int32Array,
    m: number,
    idOf: (i: number) => string,
    helper: HelperThread | null = null,
    meanwhile: (() => void) | null = null,
  ): number {
    return this.#store.bulkLoad(
      members,
      src,
      dst,
      m,
      (member, degree) => {
        throw new SocialGraphError(
          'CONNECTION_LIMIT',
          `${method}: member ${describeValue(idOf(member))} would have ${degree} connections, above maxConnectionsPerMember ${this.maxConnectionsPerMember}`,
        );
      },
      helper,
      meanwhile,
    );
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
   * graph.connect('ada', 'cy', { at: Date.parse('2026-11-01') }); // records when
   * ```
   */
  connect(a: string, b: string, options?: ConnectOptions): boolean {
    const method = 'SocialGraph.connect';
    this.#indexPair(method, a, b);
    const u = this.#pair[0]!;
    const v = this.#pair[1]!;
    let seconds = -1;
    if (options !== undefined) {
      checkOptionsObject(method, options);
      const at = options.at;
      if (at !== undefined) {
        if (typeof at !== 'number' || !Number.isFinite(at) || at < 0 || at >= 2 ** 32 * 1000) {
          throw new SocialGraphError('INVALID_OPTION', `${method}: at must be milliseconds since the epoch (0 to 2^32 s), got ${describeValue(at)}`);
        }
        seconds = Math.floor(at / 1000);
      }
    }
    if (u === v) throw new SocialGraphError('SELF_CONNECTION', `${method}: cannot connect member ${describeValue(a)} to itself`);
    const store = this.#store;
    const at = store.indexOfNeighbor(u, v);
    if (at >= 0) return false;
    // Both positions first: the two members' records and list tails are loaded side by side.
    const bt = store.indexOfNeighbor(v, u);
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
    if (seconds >= 0) store.enableTimes();
    else if (store.hasTimes) seconds = Math.max(0, Math.min(2 ** 32 - 1, Math.floor(this.now() / 1000)));
    store.insertAt(u, v, -at - 1, seconds < 0 ? 0 : seconds);
    store.insertAt(v, u, -bt - 1, seconds < 0 ? 0 : seconds); // v's list is untouched by u's insert
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
   * When two members were connected, in milliseconds since the epoch (second resolution), or
   * `null` if they are not connected or the time was not recorded (see
   * {@link SocialGraphOptions.connectionTimes}).
   *
   * @remarks O(log d).
   * @example
   * ```ts
   * graph.connect('ada', 'bob', { at: 1_700_000_000_000 });
   * graph.connectedAt('ada', 'bob'); // 1700000000000
   * ```
   */
  connectedAt(a: string, b: string): number | null {
    const method = 'SocialGraph.connectedAt';
    const u = this.#index(method, a);
    const v = this.#index(method, b);
    const store = this.#store;
    const i = store.indexOfNeighbor(u, v);
    if (i < 0 || !store.hasTimes) return null;
    const seconds = store.timesOf(u)[store.offsetOf(u) + i]!;
    return seconds === 0 ? null : seconds * 1000;
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
    // Page buffers are reused across calls (typed-array allocation dominates a cached page).
    if (this.#page.length < ids.length) this.#page = new Int32Array(Math.max(ids.length, 2 * this.#page.length));
    const buffer = this.#page;
    const targets = buffer.length === ids.length ? buffer : buffer.subarray(0, ids.length);
    // Look the page up in one batch (the cache misses of different ids overlap); the ids up to the
    // first non-id, then each miss in order through #index, which throws the error of the first bad id.
    let valid = 0;
    while (valid < ids.length && typeof ids[valid] === 'string' && ids[valid]!.length > 0) valid++;
    this.#ids.indexOfBatch(ids, valid, targets);
    for (let i = 0; i < ids.length; i++) if (i >= valid || targets[i]! < 0) targets[i] = this.#index(method, ids[i]!);
    const maxDepth = readMaxDepth(method, options);
    const scratch = this.#scratch;
    scratch.ensure(this.#store.indexBound);
    if (this.#pageOut.length < ids.length) this.#pageOut = new Int32Array(Math.max(ids.length, 2 * this.#pageOut.length));
    const out = this.#pageOut;
    // A viewer asking again is answered from its cached 2nd-degree network (src/cache).
    if (!viewerCache(internalsOf(this)).distances(u, targets, maxDepth, out)) {
      runSearch(batchDistances(scratch, u, targets, maxDepth, out), this.#store);
    }
    const result: (number | null)[] = new Array(ids.length);
    for (let i = 0; i < ids.length; i++) result[i] = out[i]! < 0 ? null : out[i]!;
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

  // ------------------------------------------------------------------ policy

  /**
   * The graph's clock (the `clock` option, default `Date.now`), in milliseconds.
   *
   * @remarks O(1).
   * @example
   * ```ts
   * const graph = new SocialGraph({ clock: () => 1_000 });
   * graph.now(); // 1000
   * ```
   */
  now(): number {
    if (this.#depth === 0) return this.#clock();
    if (Number.isNaN(this.#callTime)) this.#callTime = this.#clock();
    return this.#callTime;
  }

  /**
   * `a` blocks `b`: from now on neither can see or reach the other (every decision between them
   * is `blocked`), neither appears in the other's {@link SocialGraph.viewAs | window}, and their
   * connection, if any, is removed. Returns `false` if `a` had already blocked `b` (the
   * connection is still removed, should trusted code have restored it).
   * Throws `MEMBER_NOT_FOUND`, `INVALID_ID`, or `SELF_BLOCK` for `a === b`.
   *
   * @remarks O(1) plus the disconnection (O(log d + d)). Emits `disconnected` then `blocked`.
   * The raw API stays unfiltered: {@link SocialGraph.connect} can still connect a blocked pair
   * (trusted code); the policy keeps denying everything between them.
   * @example
   * ```ts
   * graph.block('ada', 'bob'); // true
   * graph.isBlocked('bob', 'ada'); // true (blocks are symmetric)
   * ```
   */
  block(a: string, b: string): boolean {
    const method = 'SocialGraph.block';
    const u = this.#index(method, a);
    const v = this.#index(method, b);
    if (u === v) throw new SocialGraphError('SELF_BLOCK', `${method}: member ${describeValue(a)} cannot block itself`);
    const fresh = this.#policyStateOf().block(u, v);
    this.disconnect(a, b);
    const blockHooks = fresh ? this.#internals?.afterBlock : undefined;
    if (blockHooks !== undefined) for (const hook of blockHooks) hook(u, v);
    if (fresh && this.#emitter.has('blocked')) this.#emitter.emit({ type: 'blocked', a, b });
    return fresh;
  }

  /**
   * Lifts `a`'s block of `b`. Returns whether `a` had blocked `b`. A block made by `b` stays (each
   * member lifts their own), and the removed connection is not restored.
   *
   * @remarks O(1). Emits `unblocked`.
   * @example
   * ```ts
   * graph.unblock('ada', 'bob'); // true
   * ```
   */
  unblock(a: string, b: string): boolean {
    const method = 'SocialGraph.unblock';
    const u = this.#index(method, a);
    const v = this.#index(method, b);
    const state = existingPolicyState(internalsOf(this));
    if (state === undefined || !state.unblock(u, v)) return false;
    if (this.#emitter.has('unblocked')) this.#emitter.emit({ type: 'unblocked', a, b });
    return true;
  }

  /**
   * Whether either member blocked the other (blocks are symmetric in effect).
   *
   * @remarks O(1).
   * @example
   * ```ts
   * graph.isBlocked('bob', 'ada'); // true after graph.block('ada', 'bob')
   * ```
   */
  isBlocked(a: string, b: string): boolean {
    const method = 'SocialGraph.isBlocked';
    const u = this.#index(method, a);
    const v = this.#index(method, b);
    return existingPolicyState(internalsOf(this))?.blockedPair(u, v) ?? false;
  }

  /**
   * The members `id` blocked (not those who blocked `id`), in the order blocked.
   *
   * @remarks O(b).
   * @example
   * ```ts
   * graph.blockedMembers('ada'); // ['bob']
   * ```
   */
  blockedMembers(id: string): string[] {
    const u = this.#index('SocialGraph.blockedMembers', id);
    const state = existingPolicyState(internalsOf(this));
    return state === undefined ? [] : state.blockedBy(u).map((v) => this.#ids.idOf(v));
  }

  /**
   * Changes some of a member's privacy settings (keys left out keep their value) and returns the
   * settings now in force. Values: `connectionsVisibility` `'connections'` | `'private'`,
   * `profileVisibility` `'network'` | `'public'`, `openProfile` boolean, `invitations`
   * `'network'` | `'anyone'`. Throws `INVALID_OPTION` for an unknown key or value (changing nothing).
   *
   * @remarks O(1). Emits `privacyChanged`.
   * @example
   * ```ts
   * graph.setPrivacy('ada', { connectionsVisibility: 'private', openProfile: true });
   * ```
   */
  setPrivacy(id: string, settings: Partial<PrivacySettings>): PrivacySettings {
    const method = 'SocialGraph.setPrivacy';
    const v = this.#index(method, id);
    const state = this.#policyStateOf();
    const next = mergePrivacy(method, privacyOfCode(state.privacyCode(v)), settings);
    state.setPrivacyCode(v, privacyCode(next));
    if (this.#emitter.has('privacyChanged')) this.#emitter.emit({ type: 'privacyChanged', id, settings: { ...next } });
    return next;
  }

  /**
   * A member's privacy settings (a fresh object; defaults until changed).
   *
   * @remarks O(1).
   * @example
   * ```ts
   * graph.privacy('ada').openProfile; // false
   * ```
   */
  privacy(id: string): PrivacySettings {
    const v = this.#index('SocialGraph.privacy', id);
    return { ...privacyOfCode(existingPolicyState(internalsOf(this))?.privacyCode(v) ?? 0) };
  }

  /**
   * Adds a member to a group (any non-empty string names a group; groups exist while they have
   * members). Returns `false` if the member was in it. Throws `INVALID_OPTION` for a bad name.
   *
   * @remarks O(g) for the member's g groups. Emits `groupJoined`.
   * @example
   * ```ts
   * graph.joinGroup('ada', 'typescript');
   * ```
   */
  joinGroup(id: string, group: string): boolean {
    const method = 'SocialGraph.joinGroup';
    const v = this.#index(method, id);
    checkGroup(method, group);
    if (!this.#policyStateOf().join(v, group)) return false;
    if (this.#emitter.has('groupJoined')) this.#emitter.emit({ type: 'groupJoined', id, group });
    return true;
  }

  /**
   * Removes a member from a group. Returns whether the member was in it.
   *
   * @remarks O(g). Emits `groupLeft`.
   * @example
   * ```ts
   * graph.leaveGroup('ada', 'typescript'); // true
   * ```
   */
  leaveGroup(id: string, group: string): boolean {
    const method = 'SocialGraph.leaveGroup';
    const v = this.#index(method, id);
    checkGroup(method, group);
    const state = existingPolicyState(internalsOf(this));
    if (state === undefined || !state.leave(v, group)) return false;
    if (this.#emitter.has('groupLeft')) this.#emitter.emit({ type: 'groupLeft', id, group });
    return true;
  }

  /**
   * The groups of a member, sorted.
   *
   * @remarks O(g log g).
   * @example
   * ```ts
   * graph.groupsOf('ada'); // ['typescript']
   * ```
   */
  groupsOf(id: string): string[] {
    const v = this.#index('SocialGraph.groupsOf', id);
    return existingPolicyState(internalsOf(this))?.groupsOf(v) ?? [];
  }

  /**
   * The groups two members share, sorted (raw: blocks do not hide them; use a window for that).
   *
   * @remarks O(g_a + g_b).
   * @example
   * ```ts
   * graph.sharedGroups('ada', 'bob'); // ['typescript']
   * ```
   */
  sharedGroups(a: string, b: string): string[] {
    const method = 'SocialGraph.sharedGroups';
    const u = this.#index(method, a);
    const v = this.#index(method, b);
    return existingPolicyState(internalsOf(this))?.sharedGroups(u, v) ?? [];
  }

  /**
   * The rule set in force ({@link DEFAULT_POLICY} until {@link SocialGraph.setPolicy}).
   *
   * @remarks O(1).
   * @example
   * ```ts
   * graph.policy.name; // 'default'
   * ```
   */
  get policy(): Policy {
    return existingPolicyState(internalsOf(this))?.policy ?? DEFAULT_POLICY;
  }

  /**
   * Swaps the rule set in force, at run time: a {@link Policy} (see `definePolicy`) or the name
   * of a preset, `'default'` or `'strict'`. Throws `INVALID_OPTION` for anything else (changing nothing).
   *
   * @remarks O(actions) to validate; decisions made after it use the new rules.
   * @example
   * ```ts
   * graph.setPolicy('strict');
   * graph.setPolicy(definePolicy('mine', DEFAULT_POLICY, { message: degreeRule({ upTo: 1 }) }));
   * ```
   */
  setPolicy(policy: Policy | 'default' | 'strict'): void {
    const method = 'SocialGraph.setPolicy';
    const resolved = policy === 'default' ? DEFAULT_POLICY : policy === 'strict' ? STRICT_POLICY : policy;
    checkPolicy(method, resolved);
    // Later changes to a caller's unfrozen object must not bypass validation: keep a frozen copy.
    const frozen = Object.isFrozen(resolved) && Object.isFrozen(resolved.rules);
    this.#policyStateOf().policy = frozen ? resolved : Object.freeze({ name: resolved.name, rules: Object.freeze({ ...resolved.rules }) });
  }

  /**
   * Sets (or, with `null`, lifts) the quota of an action: each member may do it at most `limit`
   * times in any window of `windowMs` ms of the graph's clock (e.g. `{ limit: 100, windowMs: 7 * 86_400_000 }`
   * for invitations). Uses already counted carry over to the new limit. Throws `INVALID_OPTION`
   * for an unknown action or a bad limit.
   *
   * @remarks O(members that used the action × limit) when replacing a quota, else O(1).
   * Each member that used a limited action keeps `8 × (limit + 2)` bytes of timestamps.
   * @example
   * ```ts
   * graph.setQuota('invite', { limit: 100, windowMs: 7 * 24 * 3600_000 });
   * ```
   */
  setQuota(action: PolicyAction, limit: QuotaLimit | null): void {
    const method = 'SocialGraph.setQuota';
    checkAction(method, action);
    if (limit !== null) checkQuota(method, limit);
    const state = this.#policyStateOf();
    const previous = state.quotas.get(action);
    if (limit === null) {
      state.quotas.delete(action);
      return;
    }
    const quota = new SlidingWindowQuota({ limit: limit.limit, windowMs: limit.windowMs });
    if (previous !== undefined) quota.carryFrom(previous, this.now());
    state.quotas.set(action, quota);
  }

  /**
   * Where a member stands with the quota of an action, or `null` when the action has none.
   *
   * @remarks O(1) amortised.
   * @example
   * ```ts
   * graph.quota('ada', 'invite'); // { limit: 100, windowMs: 604800000, used: 3, remaining: 97, resetAt: ... }
   * ```
   */
  quota(id: string, action: PolicyAction): QuotaUsage | null {
    const method = 'SocialGraph.quota';
    const v = this.#index(method, id);
    checkAction(method, action);
    const quota = existingPolicyState(internalsOf(this))?.quotas.get(action);
    return quota === undefined ? null : quota.usage(v, this.now());
  }

  /**
   * Whether `viewer` may do `action` to `target`, and why: `{ allowed, reason, degree }`, plus
   * `level` for `viewProfile`. Blocks are checked first (reason `blocked`), then self-actions
   * (allowed, reason `self`, except `invite` and `message`), then the rule of the policy in force
   * over one degree lookup, then the action's quota (`quota-exceeded`). Does not use the quota:
   * see {@link SocialGraph.attempt}. Throws `INVALID_OPTION` for an unknown action.
   *
   * @remarks O(1) for blocked and self pairs; otherwise one bidirectional degree search capped
   * at the rule's `maxDegree` (1 to 3 in the presets). Paths through members blocked with the
   * viewer do not count towards the degree.
   * @example
   * ```ts
   * graph.can('ada', 'message', 'cy'); // { allowed: true, reason: 'second-degree', degree: 2 }
   * graph.can('ada', 'viewProfile', 'dee'); // { allowed: true, reason: 'third-degree', degree: 3, level: 'limited' }
   * ```
   */
  can(viewer: string, action: PolicyAction, target: string): Decision {
    const method = 'SocialGraph.can';
    const u = this.#index(method, viewer);
    checkAction(method, action);
    const v = this.#index(method, target);
    return decide(internalsOf(this), this.#policyStateOf(), action, u, v, viewer, target, this.now());
  }

  /**
   * {@link SocialGraph.can}, and when allowed, counts one use against the action's quota (if it
   * has one): call it when the action really happens (a message sent, an invitation made).
   *
   * @remarks As `can`, plus O(1) amortised.
   * @example
   * ```ts
   * if (graph.attempt('ada', 'message', 'cy').allowed) send();
   * ```
   */
  attempt(viewer: string, action: PolicyAction, target: string): Decision {
    const method = 'SocialGraph.attempt';
    const u = this.#index(method, viewer);
    checkAction(method, action);
    const v = this.#index(method, target);
    const state = this.#policyStateOf();
    const now = this.now();
    const decision = decide(internalsOf(this), state, action, u, v, viewer, target, now);
    if (decision.allowed && decision.reason !== 'self') state.quotas.get(action)?.record(u, now);
    return decision;
  }

  /**
   * The graph as `viewer` may see it: a {@link ViewerWindow} whose queries (degree, degrees,
   * mutual connections, connections, reach) apply the policy and hide every member blocked with
   * the viewer. Hand this, not the graph, to code serving a member's requests.
   *
   * @remarks O(1); the window follows later changes.
   * @example
   * ```ts
   * const me = graph.viewAs('ada');
   * me.degree('bob'); // null once either blocked the other
   * ```
   */
  viewAs(viewer: string): ViewerWindow<Profile> {
    this.#index('SocialGraph.viewAs', viewer);
    return new ViewerWindow<Profile>(internalsOf(this), this.#policyStateOf(), viewer);
  }

  // ------------------------------------------------------------------ invitations

  /**
   * `from` invites `to` to connect, and returns the invitation. If `to` already invited `from`,
   * that invitation is accepted instead (and returned, `accepted`). Throws `INVITATION_DENIED`
   * (an {@link InvitationDeniedError} with the policy's reason: `blocked`, `self`, `connected`,
   * `private`, `out-of-network`, `invitation-pending`, `quota-exceeded`, ...),
   * `REINVITE_TOO_SOON` within the cooldown after a withdrawal, `INVALID_OPTION` for a note over
   * 300 characters, `MEMBER_NOT_FOUND` / `INVALID_ID`; a throwing call changes nothing.
   *
   * @remarks One policy decision (a degree lookup capped at 3 under the presets) plus O(1):
   * pending invitations are indexed by pair. Counts one use of the `invite` quota. Emits
   * `invitationSent`.
   * @example
   * ```ts
   * const invitation = graph.invite('ada', 'cy', { note: 'Hi Cy, Bob told me about you' });
   * graph.accept(invitation.id);
   * graph.degree('ada', 'cy'); // 1
   * ```
   */
  invite(from: string, to: string, options?: InviteOptions): Invitation {
    return invitationBook(internalsOf(this)).invite('SocialGraph.invite', from, to, options, (a, b) => this.connect(a, b));
  }

  /**
   * Accepts a pending invitation: the two members are connected. Throws
   * `INVITATION_NOT_FOUND`, `INVITATION_NOT_PENDING`, `CONNECTION_LIMIT`, `INVALID_ID`.
   *
   * @remarks O(log d + d) (the connection). Emits `connected` and `invitationAccepted`.
   * @example
   * ```ts
   * graph.accept('inv-0').status; // 'accepted'
   * ```
   */
  accept(id: string): Invitation {
    return invitationBook(internalsOf(this)).accept('SocialGraph.accept', id, (a, b) => this.connect(a, b));
  }

  /**
   * The recipient ignores a pending invitation (the sender may invite again). Throws
   * `INVITATION_NOT_FOUND`, `INVITATION_NOT_PENDING`, `INVALID_ID`.
   *
   * @remarks O(1). Emits `invitationIgnored`.
   * @example
   * ```ts
   * graph.ignore('inv-0').status; // 'ignored'
   * ```
   */
  ignore(id: string): Invitation {
    return invitationBook(internalsOf(this)).ignore('SocialGraph.ignore', id);
  }

  /**
   * The sender withdraws a pending invitation; the same recipient cannot be invited again by
   * the sender for the cooldown ({@link SocialGraph.configureInvitations}, 3 weeks by default).
   * Throws `INVITATION_NOT_FOUND`, `INVITATION_NOT_PENDING`, `INVALID_ID`.
   *
   * @remarks O(1). Emits `invitationWithdrawn`.
   * @example
   * ```ts
   * graph.withdraw('inv-0').status; // 'withdrawn'
   * ```
   */
  withdraw(id: string): Invitation {
    return invitationBook(internalsOf(this)).withdraw('SocialGraph.withdraw', id);
  }

  /**
   * The invitation `id` as it stands now, or `undefined` if unknown. Throws `INVALID_ID` for a
   * non-string or empty id.
   *
   * @remarks O(1).
   * @example
   * ```ts
   * graph.invitation('inv-0')?.status; // 'pending'
   * ```
   */
  invitation(id: string): Invitation | undefined {
    return invitationBook(internalsOf(this)).get('SocialGraph.invitation', id);
  }

  /**
   * A member's pending sent invitations, newest first.
   *
   * @remarks O(p log p) for p pending.
   * @example
   * ```ts
   * graph.sentInvitations('ada').map((i) => i.to); // ['cy']
   * ```
   */
  sentInvitations(id: string): Invitation[] {
    return invitationBook(internalsOf(this)).list('SocialGraph.sentInvitations', id, true);
  }

  /**
   * A member's pending received invitations, newest first.
   *
   * @remarks O(p log p) for p pending.
   * @example
   * ```ts
   * graph.receivedInvitations('cy').map((i) => i.from); // ['ada']
   * ```
   */
  receivedInvitations(id: string): Invitation[] {
    return invitationBook(internalsOf(this)).list('SocialGraph.receivedInvitations', id, false);
  }

  /**
   * Changes the invitation settings given and returns those in force (call with no argument to
   * read them). Throws `INVALID_OPTION`.
   *
   * @remarks O(1).
   * @example
   * ```ts
   * graph.configureInvitations({ reinviteCooldownMs: 7 * 24 * 3600_000 });
   * ```
   */
  configureInvitations(settings?: Partial<InvitationSettings>): InvitationSettings {
    return invitationBook(internalsOf(this)).configure('SocialGraph.configureInvitations', settings);
  }

  /**
   * Who can introduce `from` to `to`, best first: for a 2nd-degree target the mutual
   * connections (`via: [x]`), for a 3rd-degree target the chains `from → x → y → to`
   * (`via: [x, y]`); empty when connected, further than 3, or blocked. Members blocked with
   * either end never appear; at 3rd degree `x` must let `from` view its connections, at 2nd
   * degree `from` must be allowed `viewMutualConnections` on `to`. Scoring: docs/invitations.md.
   *
   * @remarks O(min(Σ deg x for x in N(from), Σ deg y for y in N(to))) (3rd degree) or
   * O(Σ deg x for the mutual x) (2nd degree), plus O(k log k): shortest paths are counted per
   * intermediary, never enumerated.
   * @example
   * ```ts
   * graph.introductions('ada', 'dee', { limit: 3 }); // [{ via: ['bob', 'cy'], paths: [1, 1], score: 1 }]
   * ```
   */
  introductions(from: string, to: string, options?: IntroductionOptions): Introduction[] {
    return invitationBook(internalsOf(this)).introductions('SocialGraph.introductions', from, to, options);
  }

  /**
   * People `id` may know: 2nd-degree members ranked by mutual connections, then shared groups,
   * then id; never a member with an invitation pending either way, a dismissed suggestion
   * ({@link SocialGraph.dismissSuggestion}), a member blocked either way, a member `id` hid, or
   * one in `exclude`.
   *
   * @remarks O(Σ deg x for x in N(id)) with a typed-array counter, then a bounded heap of
   * `limit`: the 2nd degree is never sorted.
   * @example
   * ```ts
   * graph.suggestions('ada', { limit: 20 }); // [{ id: 'cy', mutual: 1, sharedGroups: 0 }]
   * ```
   */
  suggestions(id: string, options?: SuggestionOptions): Suggestion[] {
    return invitationBook(internalsOf(this)).suggestions('SocialGraph.suggestions', id, options);
  }

  /**
   * `id` dismisses `other` from its suggestions for good. Returns `false` if it already had (or
   * `other` is `id`).
   *
   * @remarks O(1).
   * @example
   * ```ts
   * graph.dismissSuggestion('ada', 'cy'); // true
   * ```
   */
  dismissSuggestion(id: string, other: string): boolean {
    return invitationBook(internalsOf(this)).dismiss('SocialGraph.dismissSuggestion', id, other);
  }

  // ------------------------------------------------------------------ profiles and labels (docs/search.md)

  /**
   * Sets a member's profile (a shallow copy is kept, frozen). Attributes declared in
   * `indexedAttributes` must be strings (or absent); they feed search and facets.
   * Throws `MEMBER_NOT_FOUND`, `INVALID_ID`, or `INVALID_OPTION` for a profile that is not an
   * object or an indexed attribute that is not a string, changing nothing.
   *
   * @remarks O(a) for a indexed attributes.
   * @example
   * ```ts
   * graph.setProfile('ada', { name: 'Ada', company: 'Acme', location: 'Paris' });
   * ```
   */
  setProfile(id: string, profile: Profile): void {
    const method = 'SocialGraph.setProfile';
    const v = this.#index(method, id);
    const store: ProfileStore = profileStore(internalsOf(this));
    const checked: unknown = profile;
    store.check(method, checked);
    store.set(v, checked);
  }

  /**
   * A member's profile as set (frozen), or `undefined` when it has none.
   *
   * @remarks O(1).
   * @example
   * ```ts
   * graph.profile('ada')?.company; // 'Acme'
   * ```
   */
  profile(id: string): Readonly<Profile> | undefined {
    const v = this.#index('SocialGraph.profile', id);
    return profileStore(internalsOf(this)).get(v) as Readonly<Profile> | undefined;
  }

  /**
   * Removes a member's profile. Returns whether it had one.
   *
   * @remarks O(a) for a indexed attributes.
   * @example
   * ```ts
   * graph.removeProfile('ada'); // true
   * ```
   */
  removeProfile(id: string): boolean {
    const v = this.#index('SocialGraph.removeProfile', id);
    return profileStore(internalsOf(this)).forget(v);
  }

  /**
   * The member's connections with a recorded time, newest first: `limit` of them (default 20),
   * none made before `since` (milliseconds). Times are recorded with the `connectionTimes`
   * option or from the first `connect(a, b, { at })`; connections made before have no time and
   * are left out.
   *
   * @remarks O(d + k log k) for d connections, k of them kept.
   * @example
   * ```ts
   * graph.recentConnections('ada', { limit: 5 }); // [{ id: 'cy', at: 1764201600000 }, ...]
   * ```
   */
  recentConnections(id: string, options?: RecentConnectionsOptions): RecentConnection[] {
    const method = 'SocialGraph.recentConnections';
    return recentConnectionsOf(internalsOf(this), method, this.#index(method, id), options);
  }

  /**
   * `viewer` tags `target` (tags are free text, 1 to 200 characters). Returns `false` if the tag
   * was there, or when either member blocked the other. Throws `INVALID_OPTION` for a bad tag or
   * a self-label.
   *
   * @remarks O(1). Labels on a member vanish when it is removed or when either blocks the other.
   * @example
   * ```ts
   * graph.tag('ada', 'bob', 'recruiter'); // true
   * ```
   */
  tag(viewer: string, target: string, tag: string): boolean {
    return tagMember(internalsOf(this), viewer, target, tag);
  }

  /**
   * Removes `viewer`'s tag on `target`. Returns whether it was there.
   *
   * @remarks O(1).
   * @example
   * ```ts
   * graph.untag('ada', 'bob', 'recruiter'); // true
   * ```
   */
  untag(viewer: string, target: string, tag: string): boolean {
    return untagMember(internalsOf(this), viewer, target, tag);
  }

  /**
   * The members `viewer` tagged with `tag`, in tagging order.
   *
   * @remarks O(k) for k members.
   * @example
   * ```ts
   * graph.tagged('ada', 'recruiter'); // ['bob']
   * ```
   */
  tagged(viewer: string, tag: string): string[] {
    return taggedMembers(internalsOf(this), viewer, tag);
  }

  /**
   * The tags `viewer` put on `target`, sorted.
   *
   * @remarks O(t log t) for the viewer's t tags.
   * @example
   * ```ts
   * graph.tagsOf('ada', 'bob'); // ['recruiter']
   * ```
   */
  tagsOf(viewer: string, target: string): string[] {
    return tagsOfMember(internalsOf(this), viewer, target);
  }

  /**
   * Creates an empty named list of `viewer`'s. Throws `DUPLICATE_LIST` if the name is taken,
   * `INVALID_OPTION` for a bad name.
   *
   * @remarks O(1).
   * @example
   * ```ts
   * graph.createList('ada', 'hiring');
   * ```
   */
  createList(viewer: string, name: string): void {
    createMemberList(internalsOf(this), viewer, name);
  }

  /**
   * Renames one of `viewer`'s lists (its members and place are kept). Throws `LIST_NOT_FOUND`,
   * or `DUPLICATE_LIST` when `to` names another list.
   *
   * @remarks O(l) for the viewer's l lists.
   * @example
   * ```ts
   * graph.renameList('ada', 'hiring', 'hiring 2027');
   * ```
   */
  renameList(viewer: string, from: string, to: string): void {
    renameMemberList(internalsOf(this), viewer, from, to);
  }

  /**
   * Deletes one of `viewer`'s lists. Throws `LIST_NOT_FOUND`.
   *
   * @remarks O(1).
   * @example
   * ```ts
   * graph.deleteList('ada', 'hiring');
   * ```
   */
  deleteList(viewer: string, name: string): void {
    deleteMemberList(internalsOf(this), viewer, name);
  }

  /**
   * Adds `target` to one of `viewer`'s lists. Returns `false` if it was in it (or the two are
   * blocked). Throws `LIST_NOT_FOUND`.
   *
   * @remarks O(1).
   * @example
   * ```ts
   * graph.addToList('ada', 'hiring', 'bob'); // true
   * ```
   */
  addToList(viewer: string, name: string, target: string): boolean {
    return changeMemberList(internalsOf(this), viewer, name, target, true);
  }

  /**
   * Removes `target` from one of `viewer`'s lists. Returns whether it was in it. Throws `LIST_NOT_FOUND`.
   *
   * @remarks O(1).
   * @example
   * ```ts
   * graph.removeFromList('ada', 'hiring', 'bob'); // true
   * ```
   */
  removeFromList(viewer: string, name: string, target: string): boolean {
    return changeMemberList(internalsOf(this), viewer, name, target, false);
  }

  /**
   * The members of one of `viewer`'s lists, in insertion order. Throws `LIST_NOT_FOUND`.
   *
   * @remarks O(k).
   * @example
   * ```ts
   * graph.list('ada', 'hiring'); // ['bob']
   * ```
   */
  list(viewer: string, name: string): string[] {
    return memberListMembers(internalsOf(this), viewer, name);
  }

  /**
   * Names of `viewer`'s lists, in creation order.
   *
   * @remarks O(l).
   * @example
   * ```ts
   * graph.lists('ada'); // ['hiring']
   * ```
   */
  lists(viewer: string): string[] {
    return memberLists(internalsOf(this), viewer);
  }

  /**
   * Marks `target` as one of `viewer`'s favorites. Returns `false` if it was (or the two are blocked).
   *
   * @remarks O(1).
   * @example
   * ```ts
   * graph.favorite('ada', 'bob'); // true
   * ```
   */
  favorite(viewer: string, target: string): boolean {
    return markMember(internalsOf(this), 'favorite', viewer, target, true);
  }

  /**
   * Removes a favorite. Returns whether it was one.
   *
   * @remarks O(1).
   * @example
   * ```ts
   * graph.unfavorite('ada', 'bob'); // true
   * ```
   */
  unfavorite(viewer: string, target: string): boolean {
    return markMember(internalsOf(this), 'favorite', viewer, target, false);
  }

  /**
   * `viewer`'s favorites, in the order marked.
   *
   * @remarks O(k).
   * @example
   * ```ts
   * graph.favorites('ada'); // ['bob']
   * ```
   */
  favorites(viewer: string): string[] {
    return markedMembers(internalsOf(this), 'favorite', viewer);
  }

  /**
   * `viewer` hides `target` ("not relevant"): it no longer appears in `viewer`'s searches,
   * facets and suggestions unless asked (`includeHidden`). Degrees are unchanged. Returns `false`
   * if it was hidden (or the two are blocked).
   *
   * @remarks O(1).
   * @example
   * ```ts
   * graph.hide('ada', 'spammer'); // true
   * ```
   */
  hide(viewer: string, target: string): boolean {
    return markMember(internalsOf(this), 'hidden', viewer, target, true);
  }

  /**
   * Shows a hidden member again. Returns whether it was hidden.
   *
   * @remarks O(1).
   * @example
   * ```ts
   * graph.unhide('ada', 'spammer'); // true
   * ```
   */
  unhide(viewer: string, target: string): boolean {
    return markMember(internalsOf(this), 'hidden', viewer, target, false);
  }

  /**
   * The members `viewer` hid, in the order hidden.
   *
   * @remarks O(k).
   * @example
   * ```ts
   * graph.hiddenMembers('ada'); // ['spammer']
   * ```
   */
  hiddenMembers(viewer: string): string[] {
    return markedMembers(internalsOf(this), 'hidden', viewer);
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

  /**
   * Runs a mutating method with the log attached: top-level calls read the clock once (or use
   * `time` when replaying) and are appended to the log once they succeed.
   */
  #logged(name: OperationName, args: readonly unknown[], method: (...args: unknown[]) => unknown, time = Number.NaN): unknown {
    if (this.#depth > 0) return method.apply(this, args as unknown[]);
    this.#depth = 1;
    this.#callTime = time;
    let result: unknown;
    try {
      result = method.apply(this, args as unknown[]);
    } finally {
      this.#depth = 0;
    }
    const record: OperationRecord = { name, args, time: this.#callTime };
    this.#callTime = Number.NaN;
    this.#log?.append(record);
    return result;
  }

  #policyStateOf(): MemberPolicyState {
    return (this.#policyState ??= memberPolicyState(internalsOf(this)));
  }

  #index(method: string, id: string): number {
    checkId(method, id);
    const v = this.#ids.indexOf(id);
    if (v < 0) throw new SocialGraphError('MEMBER_NOT_FOUND', `${method}: member ${describeValue(id)} not found`);
    return v;
  }

  /** Indices of two members into `#pair`, both looked up at once (their cache misses overlap). */
  #indexPair(method: string, a: string, b: string): void {
    checkId(method, a);
    checkId(method, b);
    const pair = this.#pair;
    this.#ids.indexOfPair(a, b, pair);
    if (pair[0]! < 0) throw new SocialGraphError('MEMBER_NOT_FOUND', `${method}: member ${describeValue(a)} not found`);
    if (pair[1]! < 0) throw new SocialGraphError('MEMBER_NOT_FOUND', `${method}: member ${describeValue(b)} not found`);
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


function checkGroup(method: string, group: unknown): asserts group is string {
  if (typeof group !== 'string' || group.length === 0) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: group names are non-empty strings, got ${describeValue(group)}`);
  }
}

function checkQuota(method: string, limit: unknown): void {
  if (limit === null || typeof limit !== 'object') {
    throw new SocialGraphError('INVALID_OPTION', `${method}: quota must be { limit, windowMs } or null, got ${describeValue(limit)}`);
  }
  const { limit: n, windowMs } = limit as { limit?: unknown; windowMs?: unknown };
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_QUOTA_LIMIT) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: limit must be an integer from 1 to ${MAX_QUOTA_LIMIT}, got ${describeValue(n)}`);
  }
  if (typeof windowMs !== 'number' || !Number.isFinite(windowMs) || windowMs <= 0) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: windowMs must be a positive finite number of milliseconds, got ${describeValue(windowMs)}`);
  }
}

function checkCallback(method: string, callback: unknown): void {
  if (typeof callback !== 'function') {
    throw new SocialGraphError('INVALID_OPTION', `${method}: callback must be a function, got ${describeValue(callback)}`);
  }
}

/** The `parallel` option of a bulk load (default true), or `INVALID_OPTION`. */
function readParallel(method: string, options: EdgeLoadOptions | undefined): boolean {
  const parallel: unknown = options?.parallel === undefined ? true : options.parallel;
  if (typeof parallel !== 'boolean') {
    throw new SocialGraphError('INVALID_OPTION', `${method}: parallel must be a boolean, got ${describeValue(parallel)}`);
  }
  return parallel;
}

/** Whether `array` is over shared memory (a helper thread sees it without a copy). */
function isShared(array: Int32Array): boolean {
  return typeof SharedArrayBuffer === 'function' && array.buffer instanceof SharedArrayBuffer;
}

/** The first `length` entries of `array` in a {@link bulkInt32}. */
function shared(array: Int32Array, length: number): Int32Array {
  const copy = bulkInt32(length);
  copy.set(array.subarray(0, length));
  return copy;
}

function readCap(method: string, options: SocialGraphOptions | undefined): number {
  checkOptionsObject(method, options);
  if (options?.clock !== undefined && typeof options.clock !== 'function') {
    throw new SocialGraphError('INVALID_OPTION', `${method}: clock must be a function returning milliseconds, got ${describeValue(options.clock)}`);
  }
  const cap = options?.maxConnectionsPerMember ?? DEFAULT_MAX_CONNECTIONS;
  if (!Number.isInteger(cap) || cap < 1 || cap > MAX_CONNECTIONS_LIMIT) {
    throw new SocialGraphError(
      'INVALID_OPTION',
      `${method}: maxConnectionsPerMember must be an integer from 1 to ${MAX_CONNECTIONS_LIMIT}, got ${describeValue(cap)}`,
    );
  }
  readSearchGraphOptions(method, options);
  return cap;
}

