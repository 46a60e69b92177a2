/**
 * SocialGraph: the facade, and the composition root. It builds the graph core and the features
 * (each handed its collaborators), then delegates every method in one line. String ids in,
 * answers out; everything inside runs on dense integers and typed arrays.
 *
 * Every mutating method runs as one operation (see {@link SocialGraph}): the clock is read at most
 * once, the operation log (if any) hears of it once it succeeded, and events go out after it is
 * complete.
 *
 * @packageDocumentation
 */
import type { ByteReader } from './encoding/byte-reader.js';
import type { ByteWriter } from './encoding/byte-writer.js';
import { describeValue, SocialGraphError } from './errors.js';
import { loadIndexed, loadPairs, type EdgeLoadReport, type IndexedEdges } from './graph/bulk-load.js';
import { checkOptionsObject } from './graph/checks.js';
import { checkCallback, GraphCore, MAX_CONNECTIONS_LIMIT, type ConnectOptions, type DegreeOptions, type Reach } from './graph/graph-core.js';
import { OPERATION_NAMES, type OperationLog, type OperationName, type OperationRecord } from './graph/operation-log.js';
import { readSnapshot, writeSnapshot } from './graph/snapshot-format.js';
import { FEATURE_SECTIONS, type BoundSection } from './graph/snapshot-section.js';
import type { StoreStats } from './store/compact-adjacency-store.js';
import { ViewerCache } from './features/cache/viewer-cache.js';
import { checkEventType, type SocialGraphEvent, type SocialGraphEvents, type SocialGraphListener } from './features/events.js';
import type { Introduction, IntroductionOptions, Suggestion, SuggestionOptions } from './features/invitations/invitation-book.js';
import { InvitationBook } from './features/invitations/invitation-book.js';
import type { Invitation, InvitationSettings, InviteOptions } from './features/invitations/invitation.js';
import { Labels } from './features/labels/labels.js';
import { Permissions } from './features/policy/permissions.js';
import type { Decision, Policy, PolicyAction } from './features/policy/policy.js';
import type { PrivacySettings } from './features/policy/privacy-settings.js';
import type { QuotaLimit, QuotaUsage } from './features/policy/sliding-window-quota.js';
import { Profiles } from './features/profiles/profiles.js';
import { recentConnectionsOf, type RecentConnection, type RecentConnectionsOptions } from './features/search/recent-connections.js';
import { SearchParts } from './features/search/search-parts.js';
import { ViewerWindow } from './window/viewer-window.js';
import { capOf, readGraphOptions, type ResolvedGraphOptions } from './graph-options.js';

export { DEFAULT_MAX_CONNECTIONS, MAX_CONNECT_ALL, MAX_CONNECTIONS_LIMIT } from './graph/graph-core.js';
export type { ConnectOptions, DegreeOptions, Reach } from './graph/graph-core.js';
export type { EdgeLoadReport, IndexedEdges } from './graph/bulk-load.js';

/**
 * Options of every way to get a graph (see {@link SocialGraph}).
 * @public
 */
export interface SocialGraphOptions<Profile extends object = Record<string, unknown>> {
  /**
   * Most connections a member may hold; `connect` beyond it throws `CONNECTION_LIMIT`. A snapshot
   * records its graph's cap, used when this is left out.
   * @defaultValue 30000 (LinkedIn's cap)
   */
  maxConnectionsPerMember?: number;
  /**
   * The clock of every time-based feature (outreach quotas, invitations, connection times), in
   * milliseconds. Inject a fake one in tests. Each operation reads it at most once.
   * @defaultValue `Date.now`
   */
  clock?: () => number;
  /**
   * Record when each connection was made (`connect(a, b, { at })`, default the clock's now), for
   * "recently added". Costs 8 bytes per connection. Recording also starts by itself at the first
   * `connect` given an `at`, and a snapshot that holds times keeps recording them.
   * @defaultValue false
   */
  connectionTimes?: boolean;
  /**
   * Profile attributes that search and facets filter, sort and count by (see docs/search.md):
   * each is dictionary-encoded into a typed column (2 bytes per member, 4 past 65,535 distinct
   * values). Values of these attributes must be strings. A snapshot records them, used when
   * this and {@link SocialGraphOptions.limitedProfileFields} are left out.
   * @defaultValue none
   */
  indexedAttributes?: readonly (keyof Profile & string)[];
  /**
   * Profile fields a viewer sees when the policy grants a `limited` view (3rd degree under the
   * presets).
   * @defaultValue the indexed attributes
   */
  limitedProfileFields?: readonly (keyof Profile & string)[];
  /**
   * How many viewers' 2nd-degree networks `degrees` keeps cached (an integer from 0 to 65,536;
   * 0 disables the cache).
   * @defaultValue 64
   */
  viewerCache?: number;
  /**
   * The rule set in force: a preset name or a {@link Policy} (see `definePolicy`). A snapshot
   * records the policy in force; a custom policy's code cannot be stored, so a snapshot taken
   * under one names it and must be loaded with it here. When given, it is the policy in force.
   * @defaultValue the snapshot's, else `'default'`
   */
  policy?: Policy | 'default' | 'strict';
  /** The application's own snapshot sections (see docs/snapshots.md), written after the features'. */
  snapshotSections?: readonly SnapshotSection<Profile>[];
  /**
   * Receives what an event listener threw. Listeners run after their operation is complete; one
   * that throws neither undoes the operation nor stops the other listeners.
   * @defaultValue rethrown in a microtask (an uncaught error, as a DOM `EventTarget` reports it)
   */
  onListenerError?: (error: unknown, event: SocialGraphEvent) => void;
}

/**
 * Options of the bulk loads {@link SocialGraph.fromEdges}, {@link SocialGraph.loadEdges} and
 * {@link SocialGraph.fromIndexedEdges}.
 * @public
 */
export interface EdgeLoadOptions<Profile extends object = Record<string, unknown>> extends SocialGraphOptions<Profile> {
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
 * What a section writer knows of the snapshot being written.
 * @public
 */
export interface SnapshotWriteContext {
  /** Members written: live members, numbered densely `0..memberCount-1`. */
  readonly memberCount: number;
  /** The dense number of member `id` in this snapshot (`-1` if not a member). */
  indexOf(id: string): number;
}

/**
 * What a section reader knows of the snapshot being read. The graph it reads into already holds
 * every member and every connection (and every feature's state).
 * @public
 */
export interface SnapshotReadContext {
  /** Number of members. */
  readonly memberCount: number;
  /** Minor version of the format of the file (the major is always the reader's own). */
  readonly minorVersion: number;
  /** The id of the member numbered `index` in this snapshot. */
  idAt(index: number): string;
}

/**
 * An application's own section of a graph's snapshots, given in the `snapshotSections` option of
 * every way to get a graph (the constructor and `fromBytes` alike). Keep its state keyed by graph
 * (a `WeakMap<SocialGraph, State>`) and by member id.
 *
 * @remarks
 * `write` appends the state of `graph` to `out` and returns `true`, or returns `false` when it
 * has none (the section is then left out). `read` restores it from exactly the bytes written,
 * validating everything: problems throw through `input.fail(...)` (`SNAPSHOT_CORRUPT`); any
 * other error is reported as `SNAPSHOT_CORRUPT` too, and bytes left unread are corruption.
 * `required`: a reader that does not know a required section refuses the file
 * (`SNAPSHOT_VERSION`); an unknown optional one is skipped. See docs/snapshots.md.
 * @example
 * ```ts
 * const notes = new WeakMap<SocialGraph, Map<string, string>>();
 * const notesSection: SnapshotSection = {
 *   name: 'notes',
 *   required: false,
 *   write(graph, out) {
 *     const map = notes.get(graph);
 *     if (map === undefined || map.size === 0) return false;
 *     out.varint(map.size);
 *     for (const [id, text] of map) (out.string(id), out.string(text));
 *     return true;
 *   },
 *   read(graph, input) {
 *     const map = new Map<string, string>();
 *     for (let i = 0, n = input.varint(); i < n; i++) map.set(input.string(), input.string());
 *     notes.set(graph, map);
 *   },
 * };
 * const graph = new SocialGraph({ snapshotSections: [notesSection] });
 * ```
 * @public
 */
export interface SnapshotSection<Profile extends object = Record<string, unknown>> {
  /** 1 to 64 characters of `[a-z0-9._-]`, unique, none of the built-in sections' names. */
  readonly name: string;
  /** Whether readers that do not know this section must refuse the file. */
  readonly required: boolean;
  write(graph: SocialGraph<Profile>, out: ByteWriter, context: SnapshotWriteContext): boolean;
  read(graph: SocialGraph<Profile>, input: ByteReader, context: SnapshotReadContext): void;
}

/** The parts a graph is built from (for the library's own entry points and tests). @internal */
export interface GraphParts {
  readonly core: GraphCore;
  readonly cache: ViewerCache;
  readonly permissions: Permissions;
  readonly labels: Labels;
  readonly profiles: Profiles;
  readonly invitations: InvitationBook;
}

/** Options resolved by a factory for the graph it is building (read by the constructor). */
let building: ResolvedGraphOptions | null = null;
let partsOf: (graph: SocialGraph<object>) => GraphParts;
let replayAt: (graph: SocialGraph<object>, record: OperationRecord) => unknown;
let fromIndexed: <P extends object>(method: string, edges: IndexedEdges, options: EdgeLoadOptions<P> | undefined) => SocialGraph<P>;

/**
 * The parts of a graph (its core and features), for the library's own io and entry points.
 *
 * @remarks O(1).
 * @example
 * ```ts
 * graphParts(graph).core.store.stats();
 * ```
 * @internal
 */
export function graphParts(graph: SocialGraph<object>): GraphParts {
  return partsOf(graph);
}

/**
 * Attaches an operation log to a graph: from now on every successful top-level mutating call
 * (the methods named in `OPERATION_NAMES`) is appended to it, once complete and before its events
 * go out, with the graph time it used. One log per graph; returns a function that detaches it.
 *
 * @remarks O(1) per call, plus the log's own cost. Each mutating call reads the graph's clock at
 * most once.
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
  return partsOf(graph).core.attachLog(log);
}

/**
 * Applies one record of an operation log to a graph: calls the method it names with its
 * arguments, the graph's clock reading the record's time during the call. Replaying a log in
 * order over the state it started from rebuilds the same graph (replay before attaching a log).
 * Returns what the method returned.
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
  if (!(OPERATION_NAMES as readonly unknown[]).includes(record.name)) {
    throw new SocialGraphError('INVALID_OPTION', `replayOperation: unknown operation ${describeValue(record.name)}`);
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
  /** The cap on connections per member (fixed when the graph is made). */
  readonly #cap: number;
  readonly #core: GraphCore;
  readonly #cache: ViewerCache;
  readonly #permissions: Permissions;
  readonly #labels: Labels;
  readonly #profiles: Profiles;
  readonly #invitations: InvitationBook;
  readonly #search: SearchParts;
  /** The snapshot sections, in the order they are written: the features', then the application's. */
  readonly #sections: readonly BoundSection[];

  static {
    partsOf = (graph) => ({
      core: graph.#core,
      cache: graph.#cache,
      permissions: graph.#permissions,
      labels: graph.#labels,
      profiles: graph.#profiles,
      invitations: graph.#invitations,
    });
    fromIndexed = (method, edges, options) => SocialGraph.#fromIndexed(method, edges, options);
    replayAt = (graph, record) => {
      const method = SocialGraph.prototype[record.name] as unknown as (...args: unknown[]) => unknown;
      const core = graph.#core;
      if (core.busy) throw new SocialGraphError('INVALID_OPTION', 'replayOperation: called from inside an operation');
      core.begin(record.time);
      let ok = false;
      try {
        const result = method.apply(graph, record.args as unknown[]);
        ok = true;
        return result;
      } finally {
        core.finish(ok ? record.name : undefined, record.args.length, record.args[0], record.args[1], record.args[2]);
      }
    };
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

  constructor(options?: SocialGraphOptions<NoInfer<Profile>>) {
    const resolved = building ?? readGraphOptions('SocialGraph.constructor', options);
    building = null;
    const cap = capOf(resolved);
    this.#cap = cap;
    const onListenerError = resolved.onListenerError;
    const core = new GraphCore(cap, resolved.clock, onListenerError === undefined ? undefined : (error, event) => onListenerError(error, event as SocialGraphEvent));
    if (resolved.connectionTimes === true) core.store.enableTimes();
    // The features, each handed its collaborators; the order here is the order in which they
    // hear of changes, and the order of their snapshot sections.
    const cache = new ViewerCache(core, resolved.viewerCache);
    const permissions = new Permissions(core, resolved.policy);
    if (resolved.policy !== undefined) permissions.state.policy = resolved.policy;
    const labels = new Labels(core, permissions);
    const profiles = new Profiles(core, resolved.profiles);
    const invitations = new InvitationBook(core, permissions, labels);
    this.#core = core;
    this.#cache = cache;
    this.#permissions = permissions;
    this.#labels = labels;
    this.#profiles = profiles;
    this.#invitations = invitations;
    this.#search = new SearchParts(core, permissions, profiles, labels);
    this.#sections = [permissions.section, permissions.quotaSection, labels.section, profiles.section, invitations.section, ...resolved.sections.map((s) => this.#bindSection(s as SnapshotSection<Profile>))];
  }

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
  static fromEdges<P extends object = Record<string, unknown>>(pairs: Iterable<readonly [string, string]>, options?: EdgeLoadOptions<NoInfer<P>>): SocialGraph<P> {
    return SocialGraph.#loadPairs<P>('SocialGraph.fromEdges', pairs, options).graph;
  }

  /**
   * {@link SocialGraph.fromEdges}, also reporting pairs, duplicates and self-pairs.
   *
   * @remarks O(m log d).
   * @example
   * ```ts
   * const { graph, report } = SocialGraph.loadEdges([['a', 'b'], ['b', 'a'], ['c', 'c']]);
   * report; // { pairs: 3, connectionCount: 1, duplicates: 1, selfPairs: 1, memberCount: 3, threads: 1 }
   * ```
   */
  static loadEdges<P extends object = Record<string, unknown>>(
    pairs: Iterable<readonly [string, string]>,
    options?: EdgeLoadOptions<NoInfer<P>>,
  ): { graph: SocialGraph<P>; report: EdgeLoadReport } {
    return SocialGraph.#loadPairs<P>('SocialGraph.loadEdges', pairs, options);
  }

  static #loadPairs<P extends object>(method: string, pairs: Iterable<readonly [string, string]>, options: EdgeLoadOptions<P> | undefined): { graph: SocialGraph<P>; report: EdgeLoadReport } {
    const resolved = readGraphOptions(method, options, ['parallel']);
    const parallel = readParallel(method, options);
    const graph = SocialGraph.#create<P>(resolved);
    const report = loadPairs(graph.#core, method, pairs, parallel);
    return { graph, report };
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
   *   memberCount: 3, ids: (i) => `u${i}`, sources: Int32Array.of(0, 1), targets: Int32Array.of(1, 2),
   * });
   * graph.degree('u0', 'u2'); // 2
   * ```
   */
  static fromIndexedEdges<P extends object = Record<string, unknown>>(edges: IndexedEdges, options?: EdgeLoadOptions<NoInfer<P>>): SocialGraph<P> {
    return SocialGraph.#fromIndexed<P>('SocialGraph.fromIndexedEdges', edges, options);
  }

  static #fromIndexed<P extends object>(method: string, edges: IndexedEdges, options: EdgeLoadOptions<P> | undefined): SocialGraph<P> {
    const resolved = readGraphOptions(method, options, ['parallel']);
    const parallel = readParallel(method, options);
    const graph = SocialGraph.#create<P>(resolved);
    loadIndexed(graph.#core, method, edges, parallel);
    return graph;
  }

  /**
   * Rebuilds a graph from {@link SocialGraph.toBytes} output (the format is specified in
   * docs/snapshots.md). Throws `SNAPSHOT_CORRUPT` for bytes that are not exactly a snapshot (every
   * section carries a CRC32 and everything decoded is validated), `SNAPSHOT_VERSION` for a newer
   * format or a required section this build does not know; it never returns a different graph.
   *
   * `options` are the graph options, applied as by the constructor. What a snapshot records
   * (`maxConnectionsPerMember`, connection times, indexed attributes and limited fields, the
   * policy in force) is used where the option is left out; an option given wins. A custom policy
   * in force when the snapshot was taken must be given (`policy`): a snapshot names it but cannot
   * hold its code; loading without it throws `INVALID_OPTION`. A `maxConnectionsPerMember` below
   * a member's connection count throws `CONNECTION_LIMIT`.
   *
   * @remarks O(bytes + n + m), no sort and no per-connection insertion: about 1.5 s for 1M members
   * and 20M connections. Emits no events.
   * @example
   * ```ts
   * const graph = SocialGraph.fromEdges([['ada', 'bob'], ['bob', 'cy']]);
   * const copy = SocialGraph.fromBytes(graph.toBytes(), { clock: () => Date.now() });
   * copy.degree('ada', 'cy'); // 2
   * ```
   */
  static fromBytes<P extends object = Record<string, unknown>>(bytes: Uint8Array, options?: SocialGraphOptions<NoInfer<P>>): SocialGraph<P> {
    const method = 'SocialGraph.fromBytes';
    const resolved = readGraphOptions(method, options);
    const known = new Set(resolved.sections.map((s) => s.name));
    const graph = readSnapshot(
      bytes,
      (cap) => {
        const created = SocialGraph.#create<P>({ ...resolved, cap: resolved.cap ?? cap, connectionTimes: undefined });
        return { graph: created, core: created.#core, sections: created.#sections };
      },
      MAX_CONNECTIONS_LIMIT,
      (name) => FEATURE_SECTIONS.includes(name) || known.has(name),
    );
    const core = graph.#core;
    // Each section checked its own bytes; what holds between sections is checked here.
    const problem = graph.#invitations.invariantProblem() ?? graph.#labels.invariantProblem();
    if (problem !== null) throw new SocialGraphError('SNAPSHOT_CORRUPT', `${method}: the sections contradict each other: ${problem}`);
    if (resolved.cap !== undefined) {
      const store = core.store;
      for (let v = 0; v < store.indexBound; v++) {
        if (store.degreeOf(v) > resolved.cap) {
          throw new SocialGraphError(
            'CONNECTION_LIMIT',
            `${method}: member ${describeValue(core.ids.idOf(v))} has ${store.degreeOf(v)} connections, above maxConnectionsPerMember ${resolved.cap}`,
          );
        }
      }
    }
    if (resolved.connectionTimes === true) core.store.enableTimes();
    if (resolved.policy !== undefined) graph.#permissions.state.policy = resolved.policy;
    return graph;
  }

  /** A graph built from options already read (by a factory). */
  static #create<P extends object>(resolved: ResolvedGraphOptions): SocialGraph<P> {
    building = resolved;
    try {
      return new SocialGraph<P>();
    } finally {
      building = null;
    }
  }

  /** An application's section bound to this graph. */
  #bindSection(section: SnapshotSection<Profile>): BoundSection {
    const ids = this.#core.ids;
    return {
      name: section.name,
      required: section.required,
      write: (out, context) => section.write(this, out, { memberCount: context.memberCount, indexOf: (id) => (typeof id === 'string' && ids.indexOf(id) >= 0 ? context.denseIndex[ids.indexOf(id)]! : -1) }),
      read: (input, context) =>
        section.read(this, input, {
          memberCount: context.memberCount,
          minorVersion: context.minorVersion,
          idAt: (index) => {
            if (!Number.isInteger(index) || index < 0 || index >= context.memberCount) return input.fail(`member ${index} outside 0..${context.memberCount - 1}`);
            return ids.idOf(index);
          },
        }),
    };
  }

  /**
   * Runs a mutating method as one operation: the clock is read at most once; when it succeeds,
   * the operation log hears of it, then its events go out; when it throws, its events are dropped.
   */
  #run<T>(name: OperationName, args: IArguments, body: () => T): T {
    const core = this.#core;
    core.begin();
    let ok = false;
    try {
      const result = body();
      ok = true;
      return result;
    } finally {
      core.finish(ok ? name : undefined, args.length, args[0], args[1], args[2]);
    }
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
    return writeSnapshot(this.#core, this.#sections);
  }

  /** Number of members. O(1). */
  get memberCount(): number {
    return this.#core.memberCount;
  }

  /**
   * The cap on connections per member: the `maxConnectionsPerMember` option, else the
   * snapshot's, else 30,000. Fixed when the graph is made (there is no setter).
   *
   * @remarks O(1).
   * @example
   * ```ts
   * new SocialGraph({ maxConnectionsPerMember: 500 }).maxConnectionsPerMember(); // 500
   * ```
   */
  maxConnectionsPerMember(): number {
    return this.#cap;
  }

  /** Number of undirected connections. O(1). */
  get connectionCount(): number {
    return this.#core.connectionCount;
  }

  /**
   * Adds a member. Throws `DUPLICATE_MEMBER` if present (use {@link SocialGraph.mergeMember} to
   * add only if absent), `INVALID_ID` unless `id` is a non-empty string.
   *
   * @remarks O(1) amortised; reuses the index of a removed member.
   * @example
   * ```ts
   * graph.addMember('eve');
   * graph.hasMember('eve'); // true
   * ```
   */
  addMember(id: string): void {
    // The hot mutations are written out (no closure, no arguments object): see #run.
    const core = this.#core;
    core.begin();
    let ok = false;
    try {
      core.addMember('SocialGraph.addMember', id, true);
      ok = true;
    } finally {
      if (!ok || !core.finishQuietly()) core.finish(ok ? 'addMember' : undefined, 1, id);
    }
  }

  /**
   * Adds a member if absent. Returns `true` if it was added, `false` if it was there.
   *
   * @remarks O(1) amortised.
   * @example
   * ```ts
   * graph.mergeMember('eve'); // true
   * graph.mergeMember('eve'); // false
   * ```
   */
  mergeMember(id: string): boolean {
    const core = this.#core;
    core.begin();
    let ok = false;
    try {
      const added = core.addMember('SocialGraph.mergeMember', id, false);
      ok = true;
      return added;
    } finally {
      if (!ok || !core.finishQuietly()) core.finish(ok ? 'mergeMember' : undefined, 1, id);
    }
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
    return this.#core.hasMember(id);
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
    this.#run('removeMember', arguments, () => this.#core.removeMember('SocialGraph.removeMember', id));
  }

  /**
   * Every member id, in index order (a fresh array).
   *
   * @remarks O(n).
   * @example
   * ```ts
   * SocialGraph.fromEdges([['ada', 'bob']]).members(); // ['ada', 'bob']
   * ```
   */
  members(): string[] {
    return this.#core.members();
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
    this.#core.forEachMember('SocialGraph.forEachMember', callback);
  }

  /**
   * Connects two members. Returns `false` if they were already connected.
   * Throws `MEMBER_NOT_FOUND`, `SELF_CONNECTION`, `INVALID_ID` or `CONNECTION_LIMIT` (when either
   * member already holds `maxConnectionsPerMember` connections), changing nothing.
   *
   * @remarks O(log d + d) for the first member's sorted list (a binary search and a shift);
   * amortised O(1) for the second's, whose entry may wait for the next read of the graph (up to
   * 1,024 of them, applied together: that read, or the connect that fills the buffer, pays for
   * them, 0.3–0.4 ms on a 1M-member graph with cold lists). See the README's costs.
   * @example
   * ```ts
   * graph.connect('ada', 'cy'); // true
   * graph.connect('cy', 'ada'); // false: already connected
   * graph.connect('ada', 'dee', { at: Date.parse('2026-11-01') }); // records when
   * ```
   */
  connect(a: string, b: string, options?: ConnectOptions): boolean {
    const core = this.#core;
    core.begin();
    let ok = false;
    try {
      const connected = core.connect('SocialGraph.connect', a, b, options);
      ok = true;
      return connected;
    } finally {
      if (!ok || !core.finishQuietly()) core.finish(ok ? 'connect' : undefined, options === undefined ? 2 : 3, a, b, options);
    }
  }

  /**
   * Connects many pairs of members as one operation: all of them, or, when it throws, none.
   * Returns the number of new connections. Pairs already connected, and pairs repeated in the
   * batch (in either direction), are skipped as `connect` would return `false` for them; listeners
   * hear one `connected` event per new connection, in input order, once the whole batch is in.
   * `options.at` applies to every new connection. At most 2^24 pairs per call. Pairs may also
   * come as positions in an id list, `{ ids, memberCount, sources, targets, edges? }` (the shape
   * of {@link SocialGraph.fromIndexedEdges}; every id must be a member): each id is then looked
   * up once however many pairs name it, the fastest way to add many connections to a live graph.
   * Throws `INVALID_OPTION` (not an iterable of pairs, a bad `at`), `INVALID_ID`,
   * `MEMBER_NOT_FOUND`, `SELF_CONNECTION`, `CONNECTION_LIMIT` (a member would go over
   * `maxConnectionsPerMember`) or `CAPACITY_EXCEEDED` (too many pairs), changing nothing.
   *
   * @remarks O(k log k + Σ d) for k pairs touching members whose lists hold Σ d entries: the ids
   * are looked up together (their cache misses overlap), the pairs grouped by member, and each
   * member's list grows once and takes its new connections in one merge, where `connect` pays a
   * binary search, a shift and often a block move per connection. In Node, a batch of 2^19 pairs
   * or more shares its id lookups and merges half of the lists on a worker thread (started by the
   * graph's first such batch, kept for its next ones, never keeping the process alive), unless
   * connection times are recorded or listeners need the connections in input order; the graph is
   * the same either way. The bigger the batch, the better: adding 10M connections in random order
   * to a live graph of 1M members / 10M connections (23-character ids) on a 2-core machine,
   * positions in an id list ran at 3.1–3.2M/s in batches of 1M pairs, 4.3–4.8M/s of 2M and
   * 8.0–8.6M/s of 5M; `[id, id]` pairs at 1.75M/s and a loop of `connect` at 0.9M/s in batches of
   * 1M (`bench/connect-all.bench.ts`).
   * Temporary memory: about 60 bytes per pair, and 12 per id looked up with the worker.
   * @example
   * ```ts
   * graph.connectAll([['ada', 'cy'], ['bob', 'dee'], ['cy', 'ada']]); // 2
   * graph.areConnected('dee', 'bob'); // true
   * ```
   */
  connectAll(pairs: Iterable<readonly [string, string]> | IndexedEdges, options?: ConnectOptions): number {
    const core = this.#core;
    core.begin();
    let ok = false;
    let applied: [string, string][] | null = null;
    try {
      const result = core.connectAll('SocialGraph.connectAll', pairs, options);
      applied = result.applied;
      ok = true;
      return result.added;
    } finally {
      if (!ok || !core.finishQuietly()) core.finish(ok ? 'connectAll' : undefined, options === undefined ? 1 : 2, applied, options);
    }
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
    const core = this.#core;
    core.begin();
    let ok = false;
    try {
      const removed = core.disconnect('SocialGraph.disconnect', a, b);
      ok = true;
      return removed;
    } finally {
      if (!ok || !core.finishQuietly()) core.finish(ok ? 'disconnect' : undefined, 2, a, b);
    }
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
    return this.#core.areConnected('SocialGraph.areConnected', a, b);
  }

  /**
   * When two members were connected, in milliseconds since the epoch (second resolution), or
   * `null` if they are not connected or the time was not recorded (see
   * {@link SocialGraphOptions.connectionTimes}).
   *
   * @remarks O(log d).
   * @example
   * ```ts
   * graph.connect('ada', 'cy', { at: 1_700_000_000_000 });
   * graph.connectedAt('ada', 'cy'); // 1700000000000
   * ```
   */
  connectedAt(a: string, b: string): number | null {
    return this.#core.connectedAt('SocialGraph.connectedAt', a, b);
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
    return this.#core.connections('SocialGraph.connections', id);
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
    this.#core.forEachConnection('SocialGraph.forEachConnection', id, callback);
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
    return this.#core.connectionCountOf('SocialGraph.connectionCountOf', id);
  }

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
    return this.#core.degree('SocialGraph.degree', a, b, options);
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
   * graph.degrees('ada', ['bob', 'cy', 'dee']); // [1, 2, 3]
   * graph.degrees('ada', ['bob', 'cy', 'dee'], { maxDepth: 2 }); // [1, 2, null]
   * ```
   */
  degrees(viewer: string, ids: readonly string[], options?: DegreeOptions): (number | null)[] {
    return this.#core.degrees('SocialGraph.degrees', viewer, ids, options, this.#cache);
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
    return this.#core.mutualConnections('SocialGraph.mutualConnections', a, b);
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
    return this.#core.mutualCount('SocialGraph.mutualCount', a, b);
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
    return this.#core.reach('SocialGraph.reach', id);
  }

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
    return this.#core.now();
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
    return this.#run('block', arguments, () => this.#permissions.block('SocialGraph.block', a, b));
  }

  /**
   * Lifts `a`'s block of `b`. Returns whether `a` had blocked `b`. A block made by `b` stays (each
   * member lifts their own), and the removed connection is not restored.
   *
   * @remarks O(1). Emits `unblocked`.
   * @example
   * ```ts
   * graph.block('ada', 'bob');
   * graph.unblock('ada', 'bob'); // true
   * ```
   */
  unblock(a: string, b: string): boolean {
    return this.#run('unblock', arguments, () => this.#permissions.unblock('SocialGraph.unblock', a, b));
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
    return this.#permissions.isBlocked('SocialGraph.isBlocked', a, b);
  }

  /**
   * The members `id` blocked (not those who blocked `id`), in the order blocked.
   *
   * @remarks O(b).
   * @example
   * ```ts
   * graph.block('ada', 'bob');
   * graph.blockedMembers('ada'); // ['bob']
   * ```
   */
  blockedMembers(id: string): string[] {
    return this.#permissions.blockedMembers('SocialGraph.blockedMembers', id);
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
    return this.#run('setPrivacy', arguments, () => this.#permissions.setPrivacy('SocialGraph.setPrivacy', id, settings));
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
    return this.#permissions.privacy('SocialGraph.privacy', id);
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
    return this.#run('joinGroup', arguments, () => this.#permissions.joinGroup('SocialGraph.joinGroup', id, group));
  }

  /**
   * Removes a member from a group. Returns whether the member was in it.
   *
   * @remarks O(g). Emits `groupLeft`.
   * @example
   * ```ts
   * graph.joinGroup('ada', 'typescript');
   * graph.leaveGroup('ada', 'typescript'); // true
   * ```
   */
  leaveGroup(id: string, group: string): boolean {
    return this.#run('leaveGroup', arguments, () => this.#permissions.leaveGroup('SocialGraph.leaveGroup', id, group));
  }

  /**
   * The groups of a member, sorted.
   *
   * @remarks O(g log g).
   * @example
   * ```ts
   * graph.joinGroup('ada', 'typescript');
   * graph.groupsOf('ada'); // ['typescript']
   * ```
   */
  groupsOf(id: string): string[] {
    return this.#permissions.groupsOf('SocialGraph.groupsOf', id);
  }

  /**
   * The groups two members share, sorted (raw: blocks do not hide them; use a window for that).
   *
   * @remarks O(g_a + g_b).
   * @example
   * ```ts
   * graph.joinGroup('ada', 'typescript');
   * graph.joinGroup('bob', 'typescript');
   * graph.sharedGroups('ada', 'bob'); // ['typescript']
   * ```
   */
  sharedGroups(a: string, b: string): string[] {
    return this.#permissions.sharedGroups('SocialGraph.sharedGroups', a, b);
  }

  /**
   * The rule set in force ({@link DEFAULT_POLICY} until {@link SocialGraph.setPolicy}).
   *
   * @remarks O(1).
   * @example
   * ```ts
   * graph.policy().name; // 'default'
   * ```
   */
  policy(): Policy {
    return this.#permissions.policy;
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
    this.#run('setPolicy', arguments, () => this.#permissions.setPolicy('SocialGraph.setPolicy', policy));
  }

  /**
   * Sets (or, with `null`, lifts) the quota of an action: each member may do it at most `limit`
   * times in any window of `windowMs` ms of the graph's clock (e.g. `{ limit: 100, windowMs: 7 * 86_400_000 }`
   * for invitations). Uses already counted carry over to the new limit. Throws `INVALID_OPTION`
   * for an unknown action or a bad limit.
   *
   * @remarks O(members that used the action × limit) when replacing a quota, else O(1).
   * Each member that used a limited action keeps 8 bytes per use, `limit` uses at most.
   * @example
   * ```ts
   * graph.setQuota('invite', { limit: 100, windowMs: 7 * 24 * 3600_000 });
   * ```
   */
  setQuota(action: PolicyAction, limit: QuotaLimit | null): void {
    this.#run('setQuota', arguments, () => this.#permissions.setQuota('SocialGraph.setQuota', action, limit));
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
    return this.#permissions.quota('SocialGraph.quota', id, action);
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
    return this.#permissions.can('SocialGraph.can', viewer, action, target);
  }

  /**
   * {@link SocialGraph.can}, and when allowed, counts one use against the action's quota (if it
   * has one): call it when the action really happens (a message sent, an invitation made).
   *
   * @remarks As `can`, plus O(1) amortised.
   * @example
   * ```ts
   * graph.attempt('ada', 'message', 'cy').allowed; // true: one unit of ada's message quota used
   * ```
   */
  attempt(viewer: string, action: PolicyAction, target: string): Decision {
    return this.#run('attempt', arguments, () => this.#permissions.attempt('SocialGraph.attempt', viewer, action, target));
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
    this.#core.index('SocialGraph.viewAs', viewer);
    return new ViewerWindow<Profile>(this.#search, viewer);
  }

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
    return this.#run('invite', arguments, () => this.#invitations.invite('SocialGraph.invite', from, to, options));
  }

  /**
   * Accepts a pending invitation: the two members are connected. Throws
   * `INVITATION_NOT_FOUND`, `INVITATION_NOT_PENDING`, `CONNECTION_LIMIT`, `INVALID_ID`.
   *
   * @remarks O(log d + d) (the connection). Emits `connected` and `invitationAccepted`.
   * @example
   * ```ts
   * const { id } = graph.invite('ada', 'cy');
   * graph.accept(id).status; // 'accepted'
   * ```
   */
  accept(id: string): Invitation {
    return this.#run('accept', arguments, () => this.#invitations.accept('SocialGraph.accept', id));
  }

  /**
   * The recipient ignores a pending invitation (the sender may invite again). Throws
   * `INVITATION_NOT_FOUND`, `INVITATION_NOT_PENDING`, `INVALID_ID`.
   *
   * @remarks O(1). Emits `invitationIgnored`.
   * @example
   * ```ts
   * const { id } = graph.invite('ada', 'cy');
   * graph.ignore(id).status; // 'ignored'
   * ```
   */
  ignore(id: string): Invitation {
    return this.#run('ignore', arguments, () => this.#invitations.ignore('SocialGraph.ignore', id));
  }

  /**
   * The sender withdraws a pending invitation; the same recipient cannot be invited again by
   * the sender for the cooldown ({@link SocialGraph.setInvitationSettings}, 3 weeks by default).
   * Throws `INVITATION_NOT_FOUND`, `INVITATION_NOT_PENDING`, `INVALID_ID`.
   *
   * @remarks O(1). Emits `invitationWithdrawn`.
   * @example
   * ```ts
   * const { id } = graph.invite('ada', 'cy');
   * graph.withdraw(id).status; // 'withdrawn'
   * ```
   */
  withdraw(id: string): Invitation {
    return this.#run('withdraw', arguments, () => this.#invitations.withdraw('SocialGraph.withdraw', id));
  }

  /**
   * The invitation `id` as it stands now, or `undefined` if unknown. Throws `INVALID_ID` for a
   * non-string or empty id.
   *
   * @remarks O(1).
   * @example
   * ```ts
   * const { id } = graph.invite('ada', 'cy');
   * graph.invitation(id)?.status; // 'pending'
   * ```
   */
  invitation(id: string): Invitation | undefined {
    return this.#invitations.get('SocialGraph.invitation', id);
  }

  /**
   * A member's pending sent invitations, newest first.
   *
   * @remarks O(p log p) for p pending.
   * @example
   * ```ts
   * graph.invite('ada', 'cy');
   * graph.sentInvitations('ada').map((i) => i.to); // ['cy']
   * ```
   */
  sentInvitations(id: string): Invitation[] {
    return this.#invitations.list('SocialGraph.sentInvitations', id, true);
  }

  /**
   * A member's pending received invitations, newest first.
   *
   * @remarks O(p log p) for p pending.
   * @example
   * ```ts
   * graph.invite('ada', 'cy');
   * graph.receivedInvitations('cy').map((i) => i.from); // ['ada']
   * ```
   */
  receivedInvitations(id: string): Invitation[] {
    return this.#invitations.list('SocialGraph.receivedInvitations', id, false);
  }

  /**
   * Changes the invitation settings given (keys left out keep their value) and returns the
   * settings now in force. Throws `INVALID_OPTION` unless `settings` is an object of valid
   * values (changing nothing).
   *
   * @remarks O(1).
   * @example
   * ```ts
   * graph.setInvitationSettings({ reinviteCooldownMs: 7 * 24 * 3600_000 }).reinviteCooldownMs; // 604800000
   * ```
   */
  setInvitationSettings(settings: Partial<InvitationSettings>): InvitationSettings {
    return this.#run('setInvitationSettings', arguments, () => this.#invitations.setSettings('SocialGraph.setInvitationSettings', settings));
  }

  /**
   * The invitation settings in force (a fresh object; defaults until changed).
   *
   * @remarks O(1).
   * @example
   * ```ts
   * graph.invitationSettings().reinviteCooldownMs; // 1814400000 (3 weeks)
   * ```
   */
  invitationSettings(): InvitationSettings {
    return this.#invitations.settings();
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
    return this.#invitations.introductions('SocialGraph.introductions', from, to, options);
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
   * graph.suggestions('ada', { limit: 20 }); // [{ id: 'cy', mutualCount: 1, sharedGroupCount: 0 }]
   * ```
   */
  suggestions(id: string, options?: SuggestionOptions): Suggestion[] {
    return this.#invitations.suggestions('SocialGraph.suggestions', id, options);
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
    return this.#run('dismissSuggestion', arguments, () => this.#invitations.dismiss('SocialGraph.dismissSuggestion', id, other));
  }

  /**
   * Sets a member's profile (a deep copy is kept, deep-frozen; only what a snapshot round-trips
   * exactly is accepted: plain objects, arrays, strings, finite numbers, booleans, null). Attributes declared in
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
    this.#run('setProfile', arguments, () => this.#profiles.set('SocialGraph.setProfile', id, profile));
  }

  /**
   * A member's profile as set (frozen), or `undefined` when it has none.
   *
   * @remarks O(1).
   * @example
   * ```ts
   * graph.setProfile('ada', { company: 'Acme' });
   * graph.profile('ada')?.company; // 'Acme'
   * ```
   */
  profile(id: string): Readonly<Profile> | undefined {
    return this.#profiles.get('SocialGraph.profile', id) as Readonly<Profile> | undefined;
  }

  /**
   * Removes a member's profile. Returns whether it had one.
   *
   * @remarks O(a) for a indexed attributes.
   * @example
   * ```ts
   * graph.setProfile('ada', { company: 'Acme' });
   * graph.removeProfile('ada'); // true
   * ```
   */
  removeProfile(id: string): boolean {
    return this.#run('removeProfile', arguments, () => this.#profiles.remove('SocialGraph.removeProfile', id));
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
   * graph.connect('ada', 'cy', { at: Date.UTC(2026, 10, 27) });
   * graph.recentConnections('ada', { limit: 5 }); // [{ id: 'cy', at: 1795737600000 }, ...]
   * ```
   */
  recentConnections(id: string, options?: RecentConnectionsOptions): RecentConnection[] {
    const method = 'SocialGraph.recentConnections';
    return recentConnectionsOf(this.#core, method, this.#core.index(method, id), options);
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
    return this.#run('tag', arguments, () => this.#labels.tag(viewer, target, tag));
  }

  /**
   * Removes `viewer`'s tag on `target`. Returns whether it was there.
   *
   * @remarks O(1).
   * @example
   * ```ts
   * graph.tag('ada', 'bob', 'recruiter');
   * graph.untag('ada', 'bob', 'recruiter'); // true
   * ```
   */
  untag(viewer: string, target: string, tag: string): boolean {
    return this.#run('untag', arguments, () => this.#labels.untag(viewer, target, tag));
  }

  /**
   * The members `viewer` tagged with `tag`, in tagging order.
   *
   * @remarks O(k) for k members.
   * @example
   * ```ts
   * graph.tag('ada', 'bob', 'recruiter');
   * graph.tagged('ada', 'recruiter'); // ['bob']
   * ```
   */
  tagged(viewer: string, tag: string): string[] {
    return this.#labels.tagged(viewer, tag);
  }

  /**
   * The tags `viewer` put on `target`, sorted.
   *
   * @remarks O(t log t) for the viewer's t tags.
   * @example
   * ```ts
   * graph.tag('ada', 'bob', 'recruiter');
   * graph.tagsOf('ada', 'bob'); // ['recruiter']
   * ```
   */
  tagsOf(viewer: string, target: string): string[] {
    return this.#labels.tagsOf(viewer, target);
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
    this.#run('createList', arguments, () => this.#labels.createList(viewer, name));
  }

  /**
   * Renames one of `viewer`'s lists (its members and place are kept). Throws `LIST_NOT_FOUND`,
   * or `DUPLICATE_LIST` when `to` names another list.
   *
   * @remarks O(l) for the viewer's l lists.
   * @example
   * ```ts
   * graph.createList('ada', 'hiring');
   * graph.renameList('ada', 'hiring', 'hiring 2027');
   * graph.lists('ada'); // ['hiring 2027']
   * ```
   */
  renameList(viewer: string, from: string, to: string): void {
    this.#run('renameList', arguments, () => this.#labels.renameList(viewer, from, to));
  }

  /**
   * Deletes one of `viewer`'s lists. Throws `LIST_NOT_FOUND`.
   *
   * @remarks O(1).
   * @example
   * ```ts
   * graph.createList('ada', 'hiring');
   * graph.deleteList('ada', 'hiring');
   * graph.lists('ada'); // []
   * ```
   */
  deleteList(viewer: string, name: string): void {
    this.#run('deleteList', arguments, () => this.#labels.deleteList(viewer, name));
  }

  /**
   * Adds `target` to one of `viewer`'s lists. Returns `false` if it was in it (or the two are
   * blocked). Throws `LIST_NOT_FOUND`.
   *
   * @remarks O(1).
   * @example
   * ```ts
   * graph.createList('ada', 'hiring');
   * graph.addToList('ada', 'hiring', 'bob'); // true
   * ```
   */
  addToList(viewer: string, name: string, target: string): boolean {
    return this.#run('addToList', arguments, () => this.#labels.changeList(viewer, name, target, true));
  }

  /**
   * Removes `target` from one of `viewer`'s lists. Returns whether it was in it. Throws `LIST_NOT_FOUND`.
   *
   * @remarks O(1).
   * @example
   * ```ts
   * graph.createList('ada', 'hiring');
   * graph.addToList('ada', 'hiring', 'bob');
   * graph.removeFromList('ada', 'hiring', 'bob'); // true
   * ```
   */
  removeFromList(viewer: string, name: string, target: string): boolean {
    return this.#run('removeFromList', arguments, () => this.#labels.changeList(viewer, name, target, false));
  }

  /**
   * The members of one of `viewer`'s lists, in insertion order. Throws `LIST_NOT_FOUND`.
   *
   * @remarks O(k).
   * @example
   * ```ts
   * graph.createList('ada', 'hiring');
   * graph.addToList('ada', 'hiring', 'bob');
   * graph.list('ada', 'hiring'); // ['bob']
   * ```
   */
  list(viewer: string, name: string): string[] {
    return this.#labels.list(viewer, name);
  }

  /**
   * Names of `viewer`'s lists, in creation order.
   *
   * @remarks O(l).
   * @example
   * ```ts
   * graph.createList('ada', 'hiring');
   * graph.lists('ada'); // ['hiring']
   * ```
   */
  lists(viewer: string): string[] {
    return this.#labels.lists(viewer);
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
    return this.#run('favorite', arguments, () => this.#labels.mark('favorite', viewer, target, true));
  }

  /**
   * Removes a favorite. Returns whether it was one.
   *
   * @remarks O(1).
   * @example
   * ```ts
   * graph.favorite('ada', 'bob');
   * graph.unfavorite('ada', 'bob'); // true
   * ```
   */
  unfavorite(viewer: string, target: string): boolean {
    return this.#run('unfavorite', arguments, () => this.#labels.mark('favorite', viewer, target, false));
  }

  /**
   * `viewer`'s favorites, in the order marked.
   *
   * @remarks O(k).
   * @example
   * ```ts
   * graph.favorite('ada', 'bob');
   * graph.favorites('ada'); // ['bob']
   * ```
   */
  favorites(viewer: string): string[] {
    return this.#labels.marked('favorite', viewer);
  }

  /**
   * `viewer` hides `target` ("not relevant"): it no longer appears in `viewer`'s searches,
   * facets and suggestions unless asked (`includeHidden`). Degrees are unchanged. Returns `false`
   * if it was hidden (or the two are blocked).
   *
   * @remarks O(1).
   * @example
   * ```ts
   * graph.addMember('spammer');
   * graph.hide('ada', 'spammer'); // true
   * ```
   */
  hide(viewer: string, target: string): boolean {
    return this.#run('hide', arguments, () => this.#labels.mark('hidden', viewer, target, true));
  }

  /**
   * Shows a hidden member again. Returns whether it was hidden.
   *
   * @remarks O(1).
   * @example
   * ```ts
   * graph.addMember('spammer');
   * graph.hide('ada', 'spammer');
   * graph.unhide('ada', 'spammer'); // true
   * ```
   */
  unhide(viewer: string, target: string): boolean {
    return this.#run('unhide', arguments, () => this.#labels.mark('hidden', viewer, target, false));
  }

  /**
   * The members `viewer` hid, in the order hidden.
   *
   * @remarks O(k).
   * @example
   * ```ts
   * graph.addMember('spammer');
   * graph.hide('ada', 'spammer');
   * graph.hiddenMembers('ada'); // ['spammer']
   * ```
   */
  hiddenMembers(viewer: string): string[] {
    return this.#labels.marked('hidden', viewer);
  }

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
    checkEventType(method, type);
    checkCallback(method, listener);
    return this.#core.events.on(type, listener as (event: never) => void);
  }

  /**
   * Stops a listener registered with {@link SocialGraph.on}. Returns whether it was registered.
   *
   * @remarks O(1).
   * @example
   * ```ts
   * const listener = (): void => {};
   * graph.on('connected', listener);
   * graph.off('connected', listener); // true
   * ```
   */
  off<K extends keyof SocialGraphEvents>(type: K, listener: SocialGraphListener<K>): boolean {
    checkEventType('SocialGraph.off', type);
    return this.#core.events.off(type, listener as (event: never) => void);
  }

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
    return this.#core.store.stats();
  }
}

/** The `parallel` option of a bulk load (default true), or `INVALID_OPTION`. */
function readParallel(method: string, options: { parallel?: unknown } | undefined): boolean {
  checkOptionsObject(method, options);
  const parallel: unknown = options?.parallel === undefined ? true : options.parallel;
  if (typeof parallel !== 'boolean') {
    throw new SocialGraphError('INVALID_OPTION', `${method}: parallel must be a boolean, got ${describeValue(parallel)}`);
  }
  return parallel;
}

/**
 * Builds a graph from a dense-index edge list for another entry point (`importEdgeList`), its
 * errors naming `method`.
 *
 * @remarks As {@link SocialGraph.fromIndexedEdges}.
 * @example
 * ```ts
 * const edges = { memberCount: 2, ids: ['ada', 'bob'], sources: Int32Array.of(0), targets: Int32Array.of(1) };
 * graphFromIndexedEdges('importEdgeList', edges, undefined).connectionCount; // 1
 * ```
 * @internal
 */
export function graphFromIndexedEdges<P extends object>(method: string, edges: IndexedEdges, options: EdgeLoadOptions<P> | undefined): SocialGraph<P> {
  return fromIndexed<P>(method, edges, options);
}
