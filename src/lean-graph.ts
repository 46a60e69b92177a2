/**
 * LeanGraph: the graph core alone, behind the same methods as `SocialGraph` for members,
 * connections and the graph queries (degree, degrees, mutual connections, reach), and snapshots
 * of the core sections. No feature (permissions, invitations, profiles, search, labels, viewer
 * cache, events) is built or bundled: for an application, or a browser page, that only asks how
 * people are connected. A snapshot holding any feature state is refused (`SNAPSHOT_VERSION`)
 * rather than loaded without it.
 *
 * @packageDocumentation
 */
import { loadIndexed, loadPairs, type IndexedEdges } from './graph/bulk-load.js';
import { checkOptionsObject } from './graph/checks.js';
import { readCoreOptions } from './graph/core-options.js';
import { DEFAULT_MAX_CONNECTIONS, GraphCore, MAX_CONNECTIONS_LIMIT, type ConnectOptions, type DegreeOptions, type Reach } from './graph/graph-core.js';
import { readSnapshot, writeSnapshot } from './graph/snapshot-format.js';
import { describeValue, SocialGraphError } from './errors.js';

/**
 * Options of {@link LeanGraph}: the core's subset of `SocialGraphOptions`.
 * @public
 */
export interface LeanGraphOptions {
  /** Most connections a member may hold. @defaultValue 30000 */
  maxConnectionsPerMember?: number;
  /** The clock of connection times, in milliseconds. @defaultValue `Date.now` */
  clock?: () => number;
  /** Record when each connection was made (8 bytes per connection). @defaultValue false */
  connectionTimes?: boolean;
}

function readLeanOptions(method: string, options: unknown): { cap: number | undefined; clock: () => number; times: boolean } {
  checkOptionsObject(method, options);
  const o = (options ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (key !== 'maxConnectionsPerMember' && key !== 'clock' && key !== 'connectionTimes') {
      throw new SocialGraphError('INVALID_OPTION', `${method}: unknown option ${describeValue(key)} (a LeanGraph takes maxConnectionsPerMember, clock, connectionTimes)`);
    }
  }
  const { cap, clock, connectionTimes } = readCoreOptions(method, o);
  return { cap, clock: clock ?? Date.now, times: connectionTimes === true };
}

/**
 * The graph queries of `SocialGraph` without its features (see the module notes): about a third
 * of the minified bundle.
 *
 * @remarks Same store, same algorithms, same costs as `SocialGraph`; its snapshots are
 * `SocialGraph` snapshots of a graph with no feature state, and load in either class.
 * @example
 * ```ts
 * const graph = LeanGraph.fromEdges([['ada', 'bob'], ['bob', 'cy']]);
 * graph.degree('ada', 'cy'); // 2
 * ```
 * @public
 */
export class LeanGraph {
  /** The cap on connections per member (fixed when the graph is made). */
  readonly #cap: number;
  readonly #core: GraphCore;

  constructor(options?: LeanGraphOptions) {
    const { cap, clock, times } = readLeanOptions('LeanGraph.constructor', options);
    this.#cap = cap ?? DEFAULT_MAX_CONNECTIONS;
    this.#core = new GraphCore(this.#cap, clock);
    if (times) this.#core.store.enableTimes();
  }

  /** As `SocialGraph.fromEdges`. O(m log d). */
  static fromEdges(pairs: Iterable<readonly [string, string]>, options?: LeanGraphOptions & { parallel?: boolean }): LeanGraph {
    const graph = new LeanGraph(strip(options));
    loadPairs(graph.#core, 'LeanGraph.fromEdges', pairs, options?.parallel !== false);
    return graph;
  }

  /** As `SocialGraph.fromIndexedEdges`. O(n + m log d). */
  static fromIndexedEdges(edges: IndexedEdges, options?: LeanGraphOptions & { parallel?: boolean }): LeanGraph {
    const graph = new LeanGraph(strip(options));
    loadIndexed(graph.#core, 'LeanGraph.fromIndexedEdges', edges, options?.parallel !== false);
    return graph;
  }

  /** As `SocialGraph.fromBytes`, for snapshots without feature state. O(bytes + n + m). */
  static fromBytes(bytes: Uint8Array, options?: LeanGraphOptions): LeanGraph {
    const { cap, clock, times } = readLeanOptions('LeanGraph.fromBytes', options);
    const graph = readSnapshot(
      bytes,
      (snapshotCap) => {
        const created = new LeanGraph({ maxConnectionsPerMember: cap ?? snapshotCap, clock });
        return { graph: created, core: created.#core, sections: [] };
      },
      MAX_CONNECTIONS_LIMIT,
      () => false,
    );
    if (times) graph.#core.store.enableTimes();
    return graph;
  }

  /** As `SocialGraph.toBytes`. O(n + m). */
  toBytes(): Uint8Array {
    return writeSnapshot(this.#core, []);
  }

  /** Number of members. O(1). */
  get memberCount(): number {
    return this.#core.memberCount;
  }

  /** Number of undirected connections. O(1). */
  get connectionCount(): number {
    return this.#core.connectionCount;
  }

  /** As `SocialGraph.maxConnectionsPerMember`: the cap, fixed when the graph is made. O(1). */
  maxConnectionsPerMember(): number {
    return this.#cap;
  }

  addMember(id: string): void {
    this.#core.addMember('LeanGraph.addMember', id, true);
  }

  mergeMember(id: string): boolean {
    return this.#core.addMember('LeanGraph.mergeMember', id, false);
  }

  hasMember(id: string): boolean {
    return this.#core.hasMember(id);
  }

  removeMember(id: string): void {
    this.#core.removeMember('LeanGraph.removeMember', id);
  }

  members(): string[] {
    return this.#core.members();
  }

  connect(a: string, b: string, options?: ConnectOptions): boolean {
    return this.#core.connect('LeanGraph.connect', a, b, options);
  }

  disconnect(a: string, b: string): boolean {
    return this.#core.disconnect('LeanGraph.disconnect', a, b);
  }

  areConnected(a: string, b: string): boolean {
    return this.#core.areConnected('LeanGraph.areConnected', a, b);
  }

  connectedAt(a: string, b: string): number | null {
    return this.#core.connectedAt('LeanGraph.connectedAt', a, b);
  }

  connections(id: string): string[] {
    return this.#core.connections('LeanGraph.connections', id);
  }

  connectionCountOf(id: string): number {
    return this.#core.connectionCountOf('LeanGraph.connectionCountOf', id);
  }

  degree(a: string, b: string, options?: DegreeOptions): number | null {
    return this.#core.degree('LeanGraph.degree', a, b, options);
  }

  degrees(viewer: string, ids: readonly string[], options?: DegreeOptions): (number | null)[] {
    return this.#core.degrees('LeanGraph.degrees', viewer, ids, options, null);
  }

  mutualConnections(a: string, b: string): string[] {
    return this.#core.mutualConnections('LeanGraph.mutualConnections', a, b);
  }

  mutualCount(a: string, b: string): number {
    return this.#core.mutualCount('LeanGraph.mutualCount', a, b);
  }

  reach(id: string): Reach {
    return this.#core.reach('LeanGraph.reach', id);
  }
}

function strip(options: (LeanGraphOptions & { parallel?: boolean }) | undefined): LeanGraphOptions | undefined {
  if (options === undefined || options === null || typeof options !== 'object') return options;
  const { parallel, ...rest } = options;
  if (parallel !== undefined && typeof parallel !== 'boolean') {
    throw new SocialGraphError('INVALID_OPTION', `LeanGraph: parallel must be a boolean, got ${describeValue(parallel)}`);
  }
  return rest;
}
