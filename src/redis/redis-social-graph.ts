/**
 * RedisSocialGraph: the {@link SocialGraph} operations over Redis Cluster, answering through the
 * core's own algorithms (driven asynchronously, one batched fetch per BFS level).
 *
 * @packageDocumentation
 */
import type { Cluster, Redis } from 'ioredis';
import {
  batchDistances,
  bidirectionalDistance,
  DEFAULT_MAX_CONNECTIONS,
  describeValue,
  intersectInto,
  intersectionSize,
  levelCounts,
  MAX_CONNECTIONS_LIMIT,
  MAX_SEARCH_DEPTH,
  ScratchPool,
  SocialGraph,
  SocialGraphError,
  type DegreeOptions,
  type IndexedEdges,
  type Reach,
  type Scratch,
  type Search,
} from './core.js';
import { FetchedAdjacency, runSearchAsync } from './async-driver.js';
import { decodeMember, decodeMemberId, decodeNeighbors, encodeMember, KeyLayout, LUA, slotOf } from './key-layout.js';
import { withRetry, type RetryPolicy } from './retry.js';

/** An ioredis client: a `Cluster`, or a single `Redis` (tests, small deployments). @public */
export type RedisClient = Cluster | Redis;

/**
 * Options of {@link RedisSocialGraph.open}.
 * @public
 */
export interface RedisSocialGraphOptions {
  /**
   * Key prefix: every key of the graph starts with it (no `{`, `}` or spaces).
   * @defaultValue 'sg'
   */
  prefix?: string;
  /**
   * Cap on connections per member, fixed when the graph is first created (later opens read it).
   * @defaultValue 30000
   */
  maxConnectionsPerMember?: number;
  /**
   * Dictionary buckets (id → integer hashes), fixed when the graph is first created. Aim for about
   * 100 members a bucket so that buckets stay compact listpacks.
   * @defaultValue 1024
   */
  dictionaryBuckets?: number;
  /** Retries of calls that meet a resharding or a failover. */
  retry?: RetryPolicy;
  /**
   * Cache of viewers' 2nd-degree networks for {@link RedisSocialGraph.degrees}: the neighbour lists
   * of a viewer and of its connections, kept `ttlMs` and dropped at once when this client changes
   * one of them (changes made by other clients show after at most `ttlMs`). Off by default.
   */
  viewerCache?: { ttlMs: number; maxViewers?: number };
  /**
   * `degree` fetches both ends' 1st-degree lists in one round trip when the two ends hold this many
   * connections or fewer between them (0: never; the search then fetches one side per level).
   * Saves a round trip on pairs 3 apart but reads lists the search may not need: on loopback
   * (bench/redis.bench.ts) 400 made the p50 slower, so it is off unless round trips are dear.
   * @defaultValue 0
   */
  degreePrefetch?: number;
}

/**
 * What {@link RedisSocialGraph.load} is given: an edge list of ids, a dense-index edge list (what
 * the generators emit), or a {@link SocialGraph} snapshot.
 * @public
 */
export type RedisLoadSource = SocialGraphSnapshot | IndexedEdges | Iterable<readonly [string, string]>;

/**
 * What {@link RedisSocialGraph.load} reads from a graph snapshot: a {@link SocialGraph} fits.
 * @public
 */
export interface SocialGraphSnapshot {
  members(): string[];
  connections(id: string): string[];
}

function isSnapshot(source: unknown): source is SocialGraphSnapshot {
  return (
    source !== null &&
    typeof source === 'object' &&
    typeof (source as SocialGraphSnapshot).members === 'function' &&
    typeof (source as SocialGraphSnapshot).connections === 'function'
  );
}

/**
 * Options of {@link RedisSocialGraph.load}.
 * @public
 */
export interface RedisLoadOptions {
  /** Called after each batch is acknowledged, with how many connections and members are written so far, of how many. */
  onProgress?: (progress: { connectionCount: number; memberCount: number; totalConnectionCount: number; totalMemberCount: number }) => void;
  /**
   * Member values per pipeline.
   * @defaultValue 512
   */
  batchSize?: number;
}

/**
 * What {@link RedisSocialGraph.verify} found (and {@link RedisSocialGraph.repair} fixed).
 * @public
 */
export interface RedisVerifyReport {
  /** Member keys that the dictionary does not point to (a crash while adding or removing a member). */
  orphanMembers: number;
  /** Dictionary entries whose member key is missing. */
  missingMembers: number;
  /** Neighbour entries naming a member that is gone. */
  danglingEntries: number;
  /** Connections recorded at one end only (a crash between the two writes of connect/disconnect). */
  halfConnections: number;
  /** Whether the member / connection counters disagree with the data. */
  countersOff: boolean;
  /** Live members and connections found. */
  memberCount: number;
  connectionCount: number;
}

interface ScriptClient {
  sgAdjAdd(key: string, member: number, cap: number): Promise<number>;
  sgAdjDel(key: string, member: number): Promise<number>;
  sgDictCompareDelete(key: string, id: string, member: string): Promise<number>;
  sgBlockAdd(key: string, member: number): Promise<number>;
  sgBlockDel(key: string, member: number): Promise<number>;
  sgGetManyBuffer(first: string, ...rest: string[]): Promise<(Uint8Array | null)[]>;
}

interface CacheEntry {
  expires: number;
  lists: Map<number, Int32Array>;
}

type PipelineLike = ReturnType<Redis['pipeline']>;

/** Retries inside a query when a member changed under it (re-resolution, index bound). */
const MAX_QUERY_RESTARTS = 4;

class Restart extends Error {}

/** Keys per read-only multi-key script ({@link LUA}.getMany): bounds how long one call blocks a node. */
const GET_MANY_CHUNK = 256;

/** Default of {@link RedisSocialGraphOptions.degreePrefetch}: off (measured slower on loopback). */
const PREFETCH_BOTH_SIDES = 0;

/**
 * The {@link SocialGraph} operations on a graph kept in Redis Cluster, returning promises with the
 * same answers.
 *
 * @remarks
 * Members are mapped to dense integers by a dictionary kept in Redis; each member's sorted
 * neighbour list is one packed int32 string under its own hash tag (about 8 bytes a connection
 * plus per-key overhead). Queries run the core's algorithms ({@link bidirectionalDistance},
 * {@link batchDistances}, {@link levelCounts}, intersections), fetching one BFS level per round
 * trip. Writes touch one key per Lua script, so they never cross slots; a connection is written to
 * both ends idempotently, and {@link RedisSocialGraph.repair} completes one a crash left half-written.
 * Reads and writes retry transient cluster errors (MOVED, ASK, CLUSTERDOWN, TRYAGAIN, a pipeline
 * spanning a slot in migration) with bounded backoff, then throw `BACKEND_UNAVAILABLE`.
 *
 * @example
 * ```ts
 * import { Cluster } from 'ioredis';
 * import { RedisSocialGraph } from 'social-graph/redis';
 *
 * const graph = await RedisSocialGraph.open(new Cluster([{ host: '127.0.0.1', port: 7000 }]));
 * await graph.addMember('ada');
 * await graph.addMember('bob');
 * await graph.connect('ada', 'bob');
 * await graph.degree('ada', 'bob'); // 1
 * ```
 * @public
 */
export class RedisSocialGraph {
  /** The client the graph talks through (not closed by the graph). */
  readonly client: RedisClient;
  /** Key names of this graph. */
  readonly layout: KeyLayout;
  /** The cap on connections per member (fixed when the graph is made). */
  readonly #cap: number;
  readonly #retry: RetryPolicy;
  readonly #scripts: ScriptClient;
  readonly #pool = new ScratchPool();
  /** id → integer (validated against the member key's header whenever it is used). */
  readonly #ints = new Map<string, number>();
  /** integer → id: immutable (integers are never reused). */
  readonly #names = new Map<number, string>();
  #bound = 0;
  readonly #cacheTtl: number;
  readonly #cacheMax: number;
  readonly #cache = new Map<number, CacheEntry>();
  readonly #prefetch: number;

  private constructor(client: RedisClient, layout: KeyLayout, cap: number, options: RedisSocialGraphOptions) {
    this.client = client;
    this.layout = layout;
    this.#cap = cap;
    this.#retry = options.retry ?? {};
    this.#scripts = client as unknown as ScriptClient;
    this.#cacheTtl = options.viewerCache?.ttlMs ?? 0;
    this.#cacheMax = options.viewerCache?.maxViewers ?? 1000;
    this.#prefetch = options.degreePrefetch ?? PREFETCH_BOTH_SIDES;
  }

  /**
   * Opens the graph stored under `options.prefix`, creating its settings on first use.
   *
   * @remarks One round trip (two on first use); registers three Lua scripts on the client.
   * @example
   * ```ts
   * const graph = await RedisSocialGraph.open(cluster, { prefix: 'people' });
   * ```
   */
  static async open(client: RedisClient, options?: RedisSocialGraphOptions): Promise<RedisSocialGraph> {
    const method = 'RedisSocialGraph.open';
    if (options !== undefined && (options === null || typeof options !== 'object')) {
      throw new SocialGraphError('INVALID_OPTION', `${method}: options must be an object, got ${describeValue(options)}`);
    }
    if (client === null || typeof client !== 'object' || typeof (client as Redis).pipeline !== 'function') {
      throw new SocialGraphError('INVALID_OPTION', `${method}: client must be an ioredis Cluster or Redis (ioredis is an optional peer dependency: npm install ioredis), got ${describeValue(client)}`);
    }
    const opts = options ?? {};
    const prefix = opts.prefix ?? 'sg';
    if (typeof prefix !== 'string' || prefix.length === 0 || /[{}\s]/.test(prefix)) {
      throw new SocialGraphError('INVALID_OPTION', `${method}: prefix must be a non-empty string without braces or spaces, got ${describeValue(prefix)}`);
    }
    const cap = opts.maxConnectionsPerMember ?? DEFAULT_MAX_CONNECTIONS;
    if (!Number.isInteger(cap) || cap < 1 || cap > MAX_CONNECTIONS_LIMIT) {
      throw new SocialGraphError('INVALID_OPTION', `${method}: maxConnectionsPerMember must be an integer from 1 to ${MAX_CONNECTIONS_LIMIT}, got ${describeValue(cap)}`);
    }
    const buckets = opts.dictionaryBuckets ?? 1024;
    if (!Number.isInteger(buckets) || buckets < 1 || buckets > 1 << 20) {
      throw new SocialGraphError('INVALID_OPTION', `${method}: dictionaryBuckets must be an integer from 1 to ${1 << 20}, got ${describeValue(buckets)}`);
    }
    const prefetch = opts.degreePrefetch ?? PREFETCH_BOTH_SIDES;
    if (!Number.isInteger(prefetch) || prefetch < 0) {
      throw new SocialGraphError('INVALID_OPTION', `${method}: degreePrefetch must be a non-negative integer, got ${describeValue(prefetch)}`);
    }
    const ttl = opts.viewerCache?.ttlMs ?? 0;
    if (opts.viewerCache !== undefined && (typeof ttl !== 'number' || !(ttl >= 0))) {
      throw new SocialGraphError('INVALID_OPTION', `${method}: viewerCache.ttlMs must be a number >= 0, got ${describeValue(ttl)}`);
    }
    for (const [name, lua] of [
      ['sgAdjAdd', LUA.adjAdd],
      ['sgAdjDel', LUA.adjDel],
      ['sgDictCompareDelete', LUA.dictCompareDelete],
      ['sgBlockAdd', LUA.blockAdd],
      ['sgBlockDel', LUA.blockDel],
      ['sgGetMany', LUA.getMany],
    ] as const) {
      if (typeof (client as unknown as Record<string, unknown>)[name] !== 'function') client.defineCommand(name, { numberOfKeys: 1, lua });
    }
    const metaKey = `${prefix}:meta`;
    const settings = await withRetry(method, async () => {
      const [[e1], [e2], [e3, values]] = (await client
        .pipeline()
        .hsetnx(metaKey, 'cap', cap)
        .hsetnx(metaKey, 'buckets', buckets)
        .hmget(metaKey, 'cap', 'buckets', 'next')
        .exec()) as [Error | null, unknown][] as [[Error | null], [Error | null], [Error | null, (string | null)[]]];
      const error = e1 ?? e2 ?? e3;
      if (error) throw error;
      return values;
    }, opts.retry ?? {});
    const layout = new KeyLayout(prefix, Number(settings[1]));
    const graph = new RedisSocialGraph(client, layout, Number(settings[0]), opts);
    graph.#bound = Number(settings[2] ?? 0);
    return graph;
  }

  // ------------------------------------------------------------------ low level

  #isCluster(): boolean {
    return (this.client as Cluster).isCluster === true;
  }

  /** Groups item indices by the cluster node serving their key (one group for a single Redis). */
  #groups(keys: readonly string[], items: readonly number[]): number[][] {
    if (!this.#isCluster()) return [items.slice()];
    const slots = (this.client as Cluster).slots;
    const groups = new Map<string, number[]>();
    for (const i of items) {
      const slot = slotOf(keys[i]!);
      const nodes = slots[slot];
      const group = nodes === undefined || nodes.length === 0 ? `slot${slot}` : nodes.join(';');
      let list = groups.get(group);
      if (list === undefined) groups.set(group, (list = []));
      list.push(i);
    }
    return [...groups.values()];
  }

  /**
   * Runs one command per key, pipelined per cluster node (all nodes at once); retries the entries
   * that failed with a transient error.
   */
  async #batch<T>(method: string, keys: readonly string[], add: (pipeline: PipelineLike, i: number) => unknown): Promise<T[]> {
    const out = new Array<T>(keys.length);
    let pending: number[] = keys.map((_, i) => i);
    if (pending.length === 0) return out;
    await withRetry(method, async () => {
      const failed: number[] = [];
      let lastError: unknown = null;
      await Promise.all(
        this.#groups(keys, pending).map(async (group) => {
          if (group.length === 1) {
            // One key for this node: a plain command (a pipeline costs the client several times more).
            const i = group[0]!;
            try {
              out[i] = await (add(this.client as unknown as PipelineLike, i) as Promise<T>);
            } catch (error) {
              failed.push(i);
              lastError = error;
            }
            return;
          }
          const pipeline = this.client.pipeline();
          for (const i of group) add(pipeline, i);
          try {
            const replies = (await pipeline.exec()) ?? [];
            for (let j = 0; j < group.length; j++) {
              const reply = replies[j];
              if (reply === undefined || reply[0]) {
                failed.push(group[j]!);
                lastError = reply?.[0] ?? new Error('Connection is closed (no reply)');
              } else out[group[j]!] = reply[1] as T;
            }
          } catch (error) {
            failed.push(...group);
            lastError = error;
          }
        }),
      );
      pending = failed;
      if (failed.length > 0) throw lastError;
    }, this.#retry);
    return out;
  }

  /**
   * Values of many keys: one read-only script per cluster node (chunks of {@link GET_MANY_CHUNK}
   * keys) instead of one GET each, which saves the client most of its per-command work (a degree
   * query allocates 80 KB instead of 168 KB). What the scripts could not answer (a script refused because the cluster changed under
   * it, or a key that read as missing, which may be mid-migration) is read again with pipelined
   * GETs, which follow MOVED and ASK.
   */
  async #getMany(method: string, keys: readonly string[]): Promise<(Uint8Array | null)[]> {
    const out = new Array<Uint8Array | null>(keys.length).fill(null);
    const again: number[] = [];
    const all = keys.map((_, i) => i);
    const calls: Promise<void>[] = [];
    for (const group of this.#groups(keys, all)) {
      for (let from = 0; from < group.length; from += GET_MANY_CHUNK) {
        const part = group.slice(from, from + GET_MANY_CHUNK);
        const names = part.map((i) => keys[i]!);
        const read = part.length === 1 ? this.client.getBuffer(names[0]!).then((value) => [value]) : this.#scripts.sgGetManyBuffer(names[0]!, ...names.slice(1));
        calls.push(
          read.then(
            (values) => {
              for (let j = 0; j < part.length; j++) {
                const value = values[j];
                if (value === null || value === undefined) again.push(part[j]!);
                else out[part[j]!] = value;
              }
            },
            () => {
              again.push(...part);
            },
          ),
        );
      }
    }
    await Promise.all(calls);
    if (again.length > 0) {
      const names = again.map((i) => keys[i]!);
      const values = await this.#batch<Uint8Array | null>(method, names, (p, k) => p.getBuffer(names[k]!));
      for (let k = 0; k < again.length; k++) out[again[k]!] = values[k] ?? null;
    }
    return out;
  }

  async #call<T>(method: string, op: () => Promise<T>): Promise<T> {
    return withRetry(method, op, this.#retry);
  }

  /**
   * Fetches member values into `view`. `ids`: 'read' returns the ids read from the keys (null for
   * a missing key: the query's endpoints, checked against what was asked); 'skip' reads no id (a
   * search's inner levels, whose members are only ever numbers: decoding and caching their ids
   * would make every query leave garbage that survives into the old generation).
   */
  async #fetchLists(method: string, nodes: ArrayLike<number>, count: number, view: FetchedAdjacency, ids: 'read' | 'skip'): Promise<(string | null)[]> {
    const keys: string[] = new Array(count);
    for (let i = 0; i < count; i++) keys[i] = this.layout.memberKey(nodes[i]!);
    const values = await this.#getMany(method, keys);
    const read: (string | null)[] = ids === 'read' ? new Array(count) : [];
    const bound = view.indexBound;
    for (let i = 0; i < count; i++) {
      const v = nodes[i]!;
      const bytes = values[i];
      if (bytes === null || bytes === undefined) {
        view.put(v, new Int32Array(0));
        if (ids === 'read') read[i] = null;
        continue;
      }
      const list = decodeNeighbors(bytes);
      if (list.length > 0 && list[list.length - 1]! >= bound) {
        this.#bound = Math.max(this.#bound, list[list.length - 1]! + 1);
        throw new Restart('index bound');
      }
      view.put(v, list);
      if (ids === 'read') {
        // Integers are never reused: an id read once stays right.
        const id = decodeMemberId(bytes)!;
        this.#names.set(v, id);
        read[i] = id;
      }
    }
    return read;
  }

  #checkId(method: string, id: unknown): asserts id is string {
    if (typeof id !== 'string' || id.length === 0) {
      throw new SocialGraphError('INVALID_ID', `${method}: member ids are non-empty strings, got ${describeValue(id)}`);
    }
    if (id.length > 16_000) throw new SocialGraphError('INVALID_ID', `${method}: member id ${describeValue(id)} is longer than 16000 characters`);
  }

  /** Resolves ids through the dictionary (authoritative); -1 for an unknown id. */
  async #lookup(method: string, ids: readonly string[]): Promise<number[]> {
    const keys = ids.map((id) => this.layout.dictKey(id));
    const values = await this.#batch<string | null>(method, keys, (p, i) => p.hget(keys[i]!, ids[i]!));
    return values.map((value, i) => {
      if (value === null || value === undefined) {
        this.#ints.delete(ids[i]!);
        return -1;
      }
      const n = Number(value);
      this.#ints.set(ids[i]!, n);
      this.#names.set(n, ids[i]!);
      if (n >= this.#bound) this.#bound = n + 1;
      return n;
    });
  }

  /** Integers of `ids` (cached or looked up); throws MEMBER_NOT_FOUND naming the first unknown. */
  async #resolve(method: string, ids: readonly string[], fresh: boolean): Promise<number[]> {
    const out: number[] = new Array(ids.length);
    const unknown: number[] = [];
    for (let i = 0; i < ids.length; i++) {
      const n = fresh ? undefined : this.#ints.get(ids[i]!);
      if (n === undefined) unknown.push(i);
      else out[i] = n;
    }
    if (unknown.length > 0) {
      const found = await this.#lookup(method, unknown.map((i) => ids[i]!));
      for (let k = 0; k < unknown.length; k++) out[unknown[k]!] = found[k]!;
    }
    for (let i = 0; i < ids.length; i++) {
      if (out[i]! < 0) throw new SocialGraphError('MEMBER_NOT_FOUND', `${method}: member ${describeValue(ids[i])} not found`);
    }
    return out;
  }

  /**
   * Runs a query over the members `ids`: resolves them, fetches their lists in one batch (checking
   * that each key still belongs to its id), then calls `body`. Restarts (bounded) when a cached
   * integer went stale or a list names a member newer than the scratch arrays.
   */
  async #query<R>(method: string, ids: readonly string[], body: (ints: number[], view: FetchedAdjacency, scratch: () => Scratch) => Promise<R>): Promise<R> {
    let fresh = false;
    for (let attempt = 0; ; attempt++) {
      const ints = await this.#resolve(method, ids, fresh);
      const view = new FetchedAdjacency(this.#bound);
      let scratch: Scratch | null = null;
      try {
        const distinct = [...new Set(ints)];
        const seen = await this.#fetchLists(method, distinct, distinct.length, view, 'read');
        let stale = false;
        for (let k = 0; k < distinct.length; k++) {
          const n = distinct[k]!;
          const expected = ids[ints.indexOf(n)]!;
          if (seen[k] !== expected) stale = true;
        }
        if (stale) {
          if (fresh) {
            // The dictionary itself points at a missing or foreign key: the member is being
            // removed (or a crash left it half-removed; see repair()).
            const k = seen.findIndex((id, j) => id !== ids[ints.indexOf(distinct[j]!)]);
            throw new SocialGraphError('MEMBER_NOT_FOUND', `${method}: member ${describeValue(ids[ints.indexOf(distinct[k]!)])} not found`);
          }
          throw new Restart('stale id');
        }
        return await body(ints, view, () => (scratch ??= this.#pool.acquire(view.indexBound)));
      } catch (error) {
        if (!(error instanceof Restart) || attempt >= MAX_QUERY_RESTARTS) {
          if (error instanceof Restart) {
            throw new SocialGraphError('BACKEND_UNAVAILABLE', `${method}: the graph kept changing under the query (${error.message})`);
          }
          throw error;
        }
        fresh = true;
        for (const id of ids) this.#ints.delete(id);
      } finally {
        if (scratch !== null) this.#pool.release(scratch);
      }
    }
  }

  #run<R>(method: string, search: Search<R>, view: FetchedAdjacency): Promise<R> {
    return runSearchAsync(search, view, async (nodes, count, v) => {
      await this.#fetchLists(method, nodes, count, v, 'skip');
    });
  }

  /** Ids of members `ints` (from the immutable name cache, else read from their key headers). */
  async #idsOf(method: string, ints: ArrayLike<number>, count: number): Promise<string[]> {
    const missing: number[] = [];
    for (let i = 0; i < count; i++) if (!this.#names.has(ints[i]!)) missing.push(ints[i]!);
    if (missing.length > 0) {
      const keys = missing.map((n) => this.layout.memberKey(n));
      const heads = await this.#batch<Uint8Array | null>(method, keys, (p, i) => p.getrangeBuffer(keys[i]!, 0, 257));
      const long: number[] = [];
      for (let k = 0; k < missing.length; k++) {
        const head = heads[k];
        if (head === null || head === undefined || head.length === 0) continue;
        const id = decodeMemberId(head);
        if (id === null) long.push(missing[k]!);
        else this.#names.set(missing[k]!, id);
      }
      if (long.length > 0) {
        const lkeys = long.map((n) => this.layout.memberKey(n));
        const full = await this.#batch<Uint8Array | null>(method, lkeys, (p, i) => p.getBuffer(lkeys[i]!));
        for (let k = 0; k < long.length; k++) {
          const bytes = full[k];
          const id = bytes ? decodeMemberId(bytes) : null;
          if (id !== null) this.#names.set(long[k]!, id);
        }
      }
      if (this.#names.size > 1_000_000) this.#names.clear();
    }
    const out: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = this.#names.get(ints[i]!);
      if (id !== undefined) out.push(id); // a member removed meanwhile is left out
    }
    return out;
  }

  /**
   * The cap on connections per member, as stored with the graph's keys (the first `open` stores
   * its `maxConnectionsPerMember` option). Read once by `open`: this does no I/O.
   *
   * @remarks O(1).
   * @example
   * ```ts
   * graph.maxConnectionsPerMember(); // 30000
   * ```
   */
  maxConnectionsPerMember(): number {
    return this.#cap;
  }

  // ------------------------------------------------------------------ members

  /**
   * Number of members (a counter kept with the data; {@link RedisSocialGraph.repair} recounts it).
   *
   * @remarks One round trip.
   * @example
   * ```ts
   * await graph.countMembers(); // 4: the quick start's ada, bob, cy and dee
   * ```
   */
  async countMembers(): Promise<number> {
    const value = await this.#call('RedisSocialGraph.countMembers', () => this.client.hget(this.layout.metaKey, 'members'));
    return Number(value ?? 0);
  }

  /**
   * Number of undirected connections (a counter, recounted by {@link RedisSocialGraph.repair}).
   *
   * @remarks One round trip.
   * @example
   * ```ts
   * await graph.countConnections(); // 3: ada — bob — cy — dee
   * ```
   */
  async countConnections(): Promise<number> {
    const value = await this.#call('RedisSocialGraph.countConnections', () => this.client.hget(this.layout.metaKey, 'connections'));
    return Number(value ?? 0);
  }

  /**
   * Adds a member. Throws `DUPLICATE_MEMBER` if present, `INVALID_ID` unless `id` is a non-empty string.
   *
   * @remarks Three round trips: allocate an integer, write the member key, claim the id in the
   * dictionary (HSETNX: two concurrent writers cannot both win).
   * @example
   * ```ts
   * await graph.addMember('eve');
   * ```
   */
  async addMember(id: string): Promise<void> {
    if (!(await this.#add('RedisSocialGraph.addMember', id))) {
      throw new SocialGraphError('DUPLICATE_MEMBER', `RedisSocialGraph.addMember: member ${describeValue(id)} already exists (use mergeMember to add only if absent)`);
    }
  }

  /**
   * Adds a member if absent. Returns whether it was added.
   *
   * @remarks As {@link RedisSocialGraph.addMember}.
   * @example
   * ```ts
   * await graph.mergeMember('eve'); // true
   * await graph.mergeMember('eve'); // false
   * ```
   */
  mergeMember(id: string): Promise<boolean> {
    return this.#add('RedisSocialGraph.mergeMember', id);
  }

  async #add(method: string, id: string): Promise<boolean> {
    this.#checkId(method, id);
    const dictKey = this.layout.dictKey(id);
    const existing = await this.#call(method, () => this.client.hget(dictKey, id));
    if (existing !== null) return false;
    const n = (await this.#call(method, () => this.client.hincrby(this.layout.metaKey, 'next', 1))) - 1;
    if (n + 1 > this.#bound) this.#bound = n + 1;
    const key = this.layout.memberKey(n);
    const value = encodeMember(id, new Int32Array(0), 0, 0);
    // The member key first: a crash before the dictionary write leaves an orphan key that no id
    // points to (invisible; repair() deletes it).
    await this.#call(method, () => this.client.set(key, Buffer.from(value.buffer, value.byteOffset, value.byteLength)));
    const won = await this.#call(method, () => this.client.hsetnx(dictKey, id, n));
    if (won !== 1) {
      await this.#call(method, () => this.client.del(key));
      return false;
    }
    await this.#call(method, () => this.client.hincrby(this.layout.metaKey, 'members', 1));
    this.#ints.set(id, n);
    this.#names.set(n, id);
    return true;
  }

  /**
   * Whether `id` is a member (asks the dictionary).
   *
   * @remarks One round trip.
   * @example
   * ```ts
   * await graph.hasMember('ada'); // true
   * ```
   */
  async hasMember(id: string): Promise<boolean> {
    if (typeof id !== 'string' || id.length === 0) return false;
    const [n] = await this.#lookup('RedisSocialGraph.hasMember', [id]);
    return n! >= 0;
  }

  /**
   * Removes a member and all its connections. Throws `MEMBER_NOT_FOUND` if absent.
   *
   * @remarks Three round trips plus one per cluster node for the d neighbours' lists. Order: the id
   * leaves the dictionary (the member is gone for every reader), then its integer leaves each
   * neighbour's list, then its key is deleted; repair() finishes a removal a crash interrupted.
   * @example
   * ```ts
   * await graph.removeMember('ada');
   * ```
   */
  async removeMember(id: string): Promise<void> {
    const method = 'RedisSocialGraph.removeMember';
    this.#checkId(method, id);
    const [n] = await this.#resolve(method, [id], true);
    const key = this.layout.memberKey(n!);
    const bytes = await this.#call(method, () => this.client.getBuffer(key));
    const removed = await this.#call(method, () => this.#scripts.sgDictCompareDelete(this.layout.dictKey(id), id, String(n)));
    this.#ints.delete(id);
    if (removed !== 1) throw new SocialGraphError('MEMBER_NOT_FOUND', `${method}: member ${describeValue(id)} not found`);
    await this.#call(method, () => this.client.hincrby(this.layout.metaKey, 'members', -1));
    const list = bytes ? decodeMember(bytes).neighbors : new Int32Array(0);
    this.#invalidate(n!, n!);
    if (list.length > 0) {
      const keys = Array.from(list, (w) => this.layout.memberKey(w));
      const results = await this.#batch<number>(method, keys, (p, i) => (p as unknown as { sgAdjDel: (k: string, m: number) => void }).sgAdjDel(keys[i]!, n!));
      let dropped = 0;
      for (const r of results) if (r === 1) dropped++;
      for (const w of list) this.#invalidate(w, w);
      if (dropped > 0) await this.#call(method, () => this.client.hincrby(this.layout.metaKey, 'connections', -dropped));
    }
    await this.#call(method, () => this.client.del(key));
    await this.#call(method, () => this.client.del(this.layout.blocksKey(n!)));
  }

  /**
   * Every member id (scans the dictionary buckets), in integer order.
   *
   * @remarks O(n), one round trip per cluster node.
   * @example
   * ```ts
   * await graph.members(); // ['ada', 'bob', 'cy', 'dee']
   * ```
   */
  async members(): Promise<string[]> {
    const method = 'RedisSocialGraph.members';
    const keys = Array.from({ length: this.layout.buckets }, (_, b) => this.layout.dictBucketKey(b));
    const buckets = await this.#batch<Record<string, string>>(method, keys, (p, i) => p.hgetall(keys[i]!));
    const pairs: [number, string][] = [];
    for (const bucket of buckets) for (const id in bucket) pairs.push([Number(bucket[id]), id]);
    pairs.sort((x, y) => x[0] - y[0]);
    return pairs.map((p) => p[1]);
  }

  // ------------------------------------------------------------------ connections

  /**
   * Connects two members. Returns `false` if they were already connected. Throws
   * `MEMBER_NOT_FOUND`, `SELF_CONNECTION`, `INVALID_ID` or `CONNECTION_LIMIT`.
   *
   * @remarks Two idempotent single-key scripts (binary search + insert, O(d) each): `a`'s list,
   * then `b`'s. A crash between them leaves a half-written connection that
   * {@link RedisSocialGraph.repair} completes (or that the same `connect` call, retried, completes).
   * @example
   * ```ts
   * await graph.connect('ada', 'cy'); // true
   * await graph.connect('cy', 'ada'); // false: already connected
   * ```
   */
  async connect(a: string, b: string): Promise<boolean> {
    const method = 'RedisSocialGraph.connect';
    this.#checkId(method, a);
    this.#checkId(method, b);
    const [u, v] = await this.#resolve(method, [a, b], true);
    if (u === v) throw new SocialGraphError('SELF_CONNECTION', `${method}: cannot connect member ${describeValue(a)} to itself`);
    const cap = this.#cap;
    const ku = this.layout.memberKey(u!);
    const kv = this.layout.memberKey(v!);
    const first = await this.#call(method, () => this.#scripts.sgAdjAdd(ku, v!, cap));
    if (first === -1) throw new SocialGraphError('MEMBER_NOT_FOUND', `${method}: member ${describeValue(a)} not found`);
    if (first === -2) this.#full(method, a);
    const second = await this.#call(method, () => this.#scripts.sgAdjAdd(kv, u!, cap));
    if (second < 0) {
      if (first === 1) await this.#call(method, () => this.#scripts.sgAdjDel(ku, v!));
      if (second === -1) throw new SocialGraphError('MEMBER_NOT_FOUND', `${method}: member ${describeValue(b)} not found`);
      this.#full(method, b);
    }
    this.#invalidate(u!, v!);
    if (second !== 1) return false;
    await this.#call(method, () => this.client.hincrby(this.layout.metaKey, 'connections', 1));
    return true;
  }

  #full(method: string, id: string): never {
    throw new SocialGraphError('CONNECTION_LIMIT', `${method}: member ${describeValue(id)} already has ${this.#cap} connections (maxConnectionsPerMember)`);
  }

  /**
   * Removes a connection. Returns whether it existed (at either end). Throws `MEMBER_NOT_FOUND` or
   * `INVALID_ID`; a self pair returns `false`.
   *
   * @remarks Two idempotent single-key scripts, O(d) each.
   * @example
   * ```ts
   * await graph.disconnect('ada', 'bob'); // true
   * ```
   */
  async disconnect(a: string, b: string): Promise<boolean> {
    const method = 'RedisSocialGraph.disconnect';
    this.#checkId(method, a);
    this.#checkId(method, b);
    const [u, v] = await this.#resolve(method, [a, b], true);
    if (u === v) return false;
    const first = await this.#call(method, () => this.#scripts.sgAdjDel(this.layout.memberKey(u!), v!));
    const second = await this.#call(method, () => this.#scripts.sgAdjDel(this.layout.memberKey(v!), u!));
    this.#invalidate(u!, v!);
    if (second === 1) await this.#call(method, () => this.client.hincrby(this.layout.metaKey, 'connections', -1));
    return first === 1 || second === 1;
  }

  /**
   * Whether two members are connected.
   *
   * @remarks One round trip (when the ids are cached), O(log d).
   * @example
   * ```ts
   * await graph.areConnected('ada', 'bob'); // true
   * ```
   */
  areConnected(a: string, b: string): Promise<boolean> {
    const method = 'RedisSocialGraph.areConnected';
    this.#checkId(method, a);
    this.#checkId(method, b);
    return this.#query(method, [a, b], async ([u, v], view) => {
      if (u === v) return false;
      const small = view.degreeOf(u!) <= view.degreeOf(v!) ? u! : v!;
      const other = small === u ? v! : u!;
      const list = view.slabOf(small);
      let lo = 0;
      let hi = list.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        if (list[mid]! < other) lo = mid + 1;
        else if (list[mid]! > other) hi = mid - 1;
        else return true;
      }
      return false;
    });
  }

  /**
   * The member's connections.
   *
   * @remarks One round trip, plus one for ids not seen before by this client.
   * @example
   * ```ts
   * await graph.connections('bob'); // ['ada', 'cy']
   * ```
   */
  connections(id: string): Promise<string[]> {
    const method = 'RedisSocialGraph.connections';
    this.#checkId(method, id);
    return this.#query(method, [id], async ([v], view) => {
      const list = view.slabOf(v!);
      return this.#idsOf(method, list, list.length);
    });
  }

  /**
   * How many connections the member has.
   *
   * @remarks One round trip.
   * @example
   * ```ts
   * await graph.connectionCountOf('bob'); // 2
   * ```
   */
  connectionCountOf(id: string): Promise<number> {
    const method = 'RedisSocialGraph.connectionCountOf';
    this.#checkId(method, id);
    return this.#query(method, [id], async ([v], view) => view.slabOf(v!).length);
  }

  // ------------------------------------------------------------------ blocks

  /**
   * `a` blocks `b`, as {@link SocialGraph.block}: records the block and removes their connection.
   * Returns `false` if `a` had already blocked `b`. Throws `MEMBER_NOT_FOUND`, `INVALID_ID`, or
   * `SELF_BLOCK`. Queries stay unfiltered (as in SocialGraph's raw API).
   *
   * @remarks One single-key script on `a`'s block list (O(b)), then {@link RedisSocialGraph.disconnect}.
   * @example
   * ```ts
   * await graph.block('ada', 'bob'); // true
   * ```
   */
  async block(a: string, b: string): Promise<boolean> {
    const method = 'RedisSocialGraph.block';
    this.#checkId(method, a);
    this.#checkId(method, b);
    const [u, v] = await this.#resolve(method, [a, b], true);
    if (u === v) throw new SocialGraphError('SELF_BLOCK', `${method}: member ${describeValue(a)} cannot block itself`);
    const fresh = await this.#call(method, () => this.#scripts.sgBlockAdd(this.layout.blocksKey(u!), v!));
    await this.disconnect(a, b);
    return fresh === 1;
  }

  /**
   * Lifts `a`'s block of `b`, as {@link SocialGraph.unblock}. Returns whether `a` had blocked `b`.
   *
   * @remarks Two round trips (ids, then one single-key script), O(b).
   * @example
   * ```ts
   * await graph.block('ada', 'bob');
   * await graph.unblock('ada', 'bob'); // true
   * ```
   */
  async unblock(a: string, b: string): Promise<boolean> {
    const method = 'RedisSocialGraph.unblock';
    this.#checkId(method, a);
    this.#checkId(method, b);
    const [u, v] = await this.#resolve(method, [a, b], true);
    return (await this.#call(method, () => this.#scripts.sgBlockDel(this.layout.blocksKey(u!), v!))) === 1;
  }

  /**
   * Whether either member blocked the other, as {@link SocialGraph.isBlocked}.
   *
   * @remarks Two round trips (ids, then both block lists at once), O(b).
   * @example
   * ```ts
   * await graph.isBlocked('bob', 'ada'); // true after block('ada', 'bob')
   * ```
   */
  async isBlocked(a: string, b: string): Promise<boolean> {
    const method = 'RedisSocialGraph.isBlocked';
    this.#checkId(method, a);
    this.#checkId(method, b);
    const [u, v] = await this.#resolve(method, [a, b], true);
    const keys = [this.layout.blocksKey(u!), this.layout.blocksKey(v!)];
    const [bu, bv] = await this.#batch<Uint8Array | null>(method, keys, (p, i) => p.getBuffer(keys[i]!));
    return packedHas(bu ?? null, v!) || packedHas(bv ?? null, u!);
  }

  /**
   * The members `id` blocked, in the order blocked (members removed since are left out), as
   * {@link SocialGraph.blockedMembers}.
   *
   * @remarks Three round trips at most (id, block list, liveness and ids of the blocked), O(b).
   * @example
   * ```ts
   * await graph.block('ada', 'bob');
   * await graph.blockedMembers('ada'); // ['bob']
   * ```
   */
  async blockedMembers(id: string): Promise<string[]> {
    const method = 'RedisSocialGraph.blockedMembers';
    this.#checkId(method, id);
    const [u] = await this.#resolve(method, [id], true);
    const bytes = await this.#call(method, () => this.client.getBuffer(this.layout.blocksKey(u!)));
    if (bytes === null || bytes.length < 4) return [];
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const ints = Array.from({ length: bytes.length >>> 2 }, (_, i) => dv.getInt32(i * 4, true));
    const keys = ints.map((n) => this.layout.memberKey(n));
    const alive = await this.#batch<number>(method, keys, (p, i) => p.exists(keys[i]!));
    const live = ints.filter((_, i) => alive[i] === 1);
    return this.#idsOf(method, live, live.length);
  }

  // ------------------------------------------------------------------ queries

  /**
   * Connection degree, as {@link SocialGraph.degree}: `0`..`maxDepth`, or `null`.
   *
   * @remarks The core's bidirectional BFS ({@link bidirectionalDistance}); one round trip for the two
   * ends, then one per level expanded (degree ≤ 3: at most three). With `degreePrefetch`, both
   * ends' 1st-degree lists come in one round trip when neither end is a hub.
   * @example
   * ```ts
   * await graph.degree('ada', 'dee'); // 3
   * ```
   */
  degree(a: string, b: string, options?: DegreeOptions): Promise<number | null> {
    const method = 'RedisSocialGraph.degree';
    this.#checkId(method, a);
    this.#checkId(method, b);
    const maxDepth = readMaxDepth(method, options);
    return this.#query(method, [a, b], async ([u, v], view, scratch) => {
      // Most pairs of a social network are 3 apart: then the search reads both ends' 1st-degree
      // lists, one level after the other. Fetch both in one round trip instead of two when both
      // ends are ordinary members (a hub's neighbourhood is left to the search's side choice).
      const lu = view.slabOf(u!);
      const lv = view.slabOf(v!);
      if (maxDepth >= 3 && u !== v && lu.length + lv.length <= this.#prefetch && lu.length > 0 && lv.length > 0 && !hasSorted(lu, v!)) {
        const both = new Int32Array(lu.length + lv.length);
        both.set(lu);
        both.set(lv, lu.length);
        const missing = [...new Set(both)].filter((w) => !view.has(w));
        await this.#fetchLists(method, missing, missing.length, view, 'skip');
      }
      return this.#run(method, bidirectionalDistance(scratch(), u!, v!, maxDepth), view);
    });
  }

  /**
   * Degrees from one viewer to many members, as {@link SocialGraph.degrees}.
   *
   * @remarks The core's {@link batchDistances}: one round trip for the viewer and the page, one for
   * the viewer's 2nd-degree ball (none with a warm viewer cache), then pair searches for the rest.
   * @example
   * ```ts
   * await graph.degrees('ada', ['bob', 'cy', 'dee']); // [1, 2, 3]
   * await graph.degrees('ada', ['bob', 'cy', 'dee'], { maxDepth: 2 }); // [1, 2, null]
   * ```
   */
  degrees(viewer: string, ids: readonly string[], options?: DegreeOptions): Promise<(number | null)[]> {
    const method = 'RedisSocialGraph.degrees';
    this.#checkId(method, viewer);
    if (!Array.isArray(ids)) {
      throw new SocialGraphError('INVALID_OPTION', `${method}: ids must be an array of member ids, got ${describeValue(ids)}`);
    }
    for (const id of ids) this.#checkId(method, id);
    const maxDepth = readMaxDepth(method, options);
    return this.#query(method, [viewer, ...ids], async (ints, view, scratch) => {
      const u = ints[0]!;
      const cached = this.#cacheTtl > 0 ? this.#cache.get(u) : undefined;
      const now = Date.now();
      if (cached !== undefined && cached.expires > now) {
        for (const [w, list] of cached.lists) if (!view.has(w) && w < view.indexBound) view.put(w, list);
      }
      const targets = Int32Array.from(ints.slice(1));
      const out = new Int32Array(targets.length);
      await this.#run(method, batchDistances(scratch(), u, targets, maxDepth, out), view);
      if (this.#cacheTtl > 0 && (cached === undefined || cached.expires <= now)) this.#remember(u, view, now);
      return Array.from(out, (d) => (d < 0 ? null : d));
    });
  }

  #remember(viewer: number, view: FetchedAdjacency, now: number): void {
    const own = view.lists.get(viewer);
    if (own === undefined) return;
    const lists = new Map<number, Int32Array>([[viewer, own]]);
    for (const w of own) {
      const list = view.lists.get(w);
      if (list !== undefined) lists.set(w, list);
    }
    this.#cache.delete(viewer);
    this.#cache.set(viewer, { expires: now + this.#cacheTtl, lists });
    if (this.#cache.size > this.#cacheMax) this.#cache.delete(this.#cache.keys().next().value!);
  }

  /** Drops cached viewers whose lists include `u`'s or `v`'s. */
  #invalidate(u: number, v: number): void {
    if (this.#cache.size === 0) return;
    for (const [viewer, entry] of this.#cache) if (entry.lists.has(u) || entry.lists.has(v)) this.#cache.delete(viewer);
  }

  /**
   * The connections two members share, as {@link SocialGraph.mutualConnections}.
   *
   * @remarks One round trip (both lists), plus one for ids this client has not seen; the core's
   * {@link intersectInto}.
   * @example
   * ```ts
   * await graph.mutualConnections('ada', 'cy'); // ['bob']
   * ```
   */
  mutualConnections(a: string, b: string): Promise<string[]> {
    const method = 'RedisSocialGraph.mutualConnections';
    this.#checkId(method, a);
    this.#checkId(method, b);
    return this.#query(method, [a, b], async ([u, v], view) => {
      const lu = view.slabOf(u!);
      const lv = view.slabOf(v!);
      const out = new Int32Array(Math.min(lu.length, lv.length));
      const k = intersectInto(lu, 0, lu.length, lv, 0, lv.length, out);
      return this.#idsOf(method, out, k);
    });
  }

  /**
   * How many connections two members share.
   *
   * @remarks One round trip; the core's {@link intersectionSize}.
   * @example
   * ```ts
   * await graph.mutualCount('ada', 'cy'); // 1
   * ```
   */
  mutualCount(a: string, b: string): Promise<number> {
    const method = 'RedisSocialGraph.mutualCount';
    this.#checkId(method, a);
    this.#checkId(method, b);
    return this.#query(method, [a, b], async ([u, v], view) => {
      const lu = view.slabOf(u!);
      const lv = view.slabOf(v!);
      return intersectionSize(lu, 0, lu.length, lv, 0, lv.length);
    });
  }

  /**
   * Exact number of members at distance 1, 2 and 3, as {@link SocialGraph.reach}.
   *
   * @remarks The core's {@link levelCounts}, top-down (bottom-up would read every list): one round
   * trip per level; reads every list within distance 2.
   * @example
   * ```ts
   * await graph.reach('ada'); // { first: 1, second: 1, third: 1 }
   * ```
   */
  reach(id: string): Promise<Reach> {
    const method = 'RedisSocialGraph.reach';
    this.#checkId(method, id);
    return this.#query(method, [id], async ([v], view, scratch) => {
      const counts = await this.#run(method, levelCounts(scratch(), v!, 3, 0), view);
      return { first: counts[0]!, second: counts[1]!, third: counts[2]! };
    });
  }

  // ------------------------------------------------------------------ bulk load

  /**
   * Loads a graph into an empty RedisSocialGraph: an id edge list, a dense-index edge list or a
   * {@link SocialGraph} snapshot. Duplicate and reciprocal pairs collapse, self-pairs are skipped
   * (through the core's builders). Throws `INVALID_OPTION` if the graph already has members.
   *
   * @remarks O(n + m): the lists are built locally, then written with pipelined SETs (one
   * pipeline of `batchSize` members per node at a time, every node at once); member keys first,
   * then the dictionary, then the counters. Memory: the local graph (about 12 bytes a connection).
   * @example
   * ```ts
   * const graph = await RedisSocialGraph.open(cluster, { prefix: 'people' }); // empty
   * await graph.load([['ada', 'bob'], ['bob', 'cy']], { onProgress: (p) => console.log(p.connectionCount) }); // { memberCount: 3, connectionCount: 2 }
   * ```
   */
  async load(source: RedisLoadSource, options?: RedisLoadOptions): Promise<{ memberCount: number; connectionCount: number }> {
    const method = 'RedisSocialGraph.load';
    if (options !== undefined && (options === null || typeof options !== 'object')) {
      throw new SocialGraphError('INVALID_OPTION', `${method}: options must be an object, got ${describeValue(options)}`);
    }
    const batchSize = options?.batchSize ?? 512;
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new SocialGraphError('INVALID_OPTION', `${method}: batchSize must be a positive integer, got ${describeValue(batchSize)}`);
    }
    const cap = { maxConnectionsPerMember: this.#cap };
    let local: SocialGraphSnapshot;
    if (isSnapshot(source)) local = source;
    else if (source !== null && typeof source === 'object' && 'sources' in source && 'targets' in source) local = SocialGraph.fromIndexedEdges(source, cap);
    else local = SocialGraph.fromEdges(source as Iterable<readonly [string, string]>, cap);
    const names = local.members();
    const position = new Map<string, number>();
    for (let i = 0; i < names.length; i++) position.set(names[i]!, i);
    const meta = await this.#call(method, () => this.client.hmget(this.layout.metaKey, 'members', 'connections'));
    if (Number(meta[0] ?? 0) !== 0 || Number(meta[1] ?? 0) !== 0) {
      throw new SocialGraphError('INVALID_OPTION', `${method}: the graph under prefix ${describeValue(this.layout.prefix)} is not empty (load writes into an empty graph)`);
    }
    const lists: Int32Array[] = new Array(names.length);
    let halfEdgesTotal = 0;
    for (let i = 0; i < names.length; i++) {
      const connections = local.connections(names[i]!);
      if (connections.length > this.#cap) {
        throw new SocialGraphError('CONNECTION_LIMIT', `${method}: member ${describeValue(names[i])} has ${connections.length} connections, above maxConnectionsPerMember ${this.#cap}`);
      }
      const list = new Int32Array(connections.length);
      for (let j = 0; j < list.length; j++) list[j] = position.get(connections[j]!)!;
      list.sort();
      lists[i] = list;
      halfEdgesTotal += list.length;
    }
    const bound = names.length;
    const base = (await this.#call(method, () => this.client.hincrby(this.layout.metaKey, 'next', bound))) - bound;
    this.#bound = Math.max(this.#bound, base + bound);
    const totalMembers = bound;
    const totalConnections = halfEdgesTotal / 2;
    // Member keys, shifted by base.
    let written = 0;
    let halfEdges = 0;
    const chunk = batchSize * 8;
    for (let at = 0; at < bound; at += chunk) {
      const end = Math.min(bound, at + chunk);
      const keys: string[] = [];
      const values: Buffer[] = [];
      for (let i = at; i < end; i++) {
        const list = lists[i]!;
        for (let j = 0; j < list.length; j++) list[j]! += base;
        const bytes = encodeMember(names[i]!, list, 0, list.length);
        keys.push(this.layout.memberKey(base + i));
        values.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
        halfEdges += list.length;
      }
      await this.#batch(method, keys, (p, i) => p.set(keys[i]!, values[i]!));
      written = end;
      options?.onProgress?.({ connectionCount: halfEdges / 2, memberCount: written, totalConnectionCount: totalConnections, totalMemberCount: totalMembers });
    }
    // Dictionary, one HSET per bucket.
    const byBucket = new Map<number, (string | number)[]>();
    for (let i = 0; i < bound; i++) {
      const id = names[i]!;
      const b = this.layout.bucketOf(id);
      let fields = byBucket.get(b);
      if (fields === undefined) byBucket.set(b, (fields = []));
      fields.push(id, base + i);
    }
    const buckets = [...byBucket.keys()];
    const bkeys = buckets.map((b) => this.layout.dictBucketKey(b));
    await this.#batch(method, bkeys, (p, i) => p.hset(bkeys[i]!, ...(byBucket.get(buckets[i]!)! as [string, number])));
    await this.#call(method, () => this.client.hincrby(this.layout.metaKey, 'members', totalMembers));
    await this.#call(method, () => this.client.hincrby(this.layout.metaKey, 'connections', totalConnections));
    return { memberCount: totalMembers, connectionCount: totalConnections };
  }

  // ------------------------------------------------------------------ consistency

  /**
   * Checks the stored graph: orphan member keys, dictionary entries without a key, entries naming
   * gone members, connections recorded at one end only, counters that disagree. Changes nothing.
   *
   * @remarks O(n + m) time and client memory: scans every master (SCAN) and reads every list.
   * @example
   * ```ts
   * const report = await graph.verify();
   * report.halfConnections; // 0
   * ```
   */
  verify(): Promise<RedisVerifyReport> {
    return this.#check('RedisSocialGraph.verify', false);
  }

  /**
   * Fixes what {@link RedisSocialGraph.verify} finds: deletes orphan member keys, recreates missing
   * member keys (empty), drops entries naming gone members, COMPLETES half-written connections
   * (adds the missing end: a crash between the two writes of `connect` or `disconnect` resolves
   * as connected; replay a `disconnect` after repair if that was the interrupted call) and resets
   * the counters. Returns what it found. Run it when writers are quiet.
   *
   * @remarks O(n + m), as verify, plus one idempotent write per fix.
   * @example
   * ```ts
   * await graph.repair();
   * (await graph.verify()).halfConnections; // 0
   * ```
   */
  repair(): Promise<RedisVerifyReport> {
    return this.#check('RedisSocialGraph.repair', true);
  }

  async #scanKeys(method: string, pattern: string): Promise<string[]> {
    const nodes = this.#isCluster() ? (this.client as Cluster).nodes('master') : [this.client as Redis];
    const found = new Set<string>();
    await Promise.all(
      nodes.map((node) =>
        withRetry(method, async () => {
          let cursor = '0';
          do {
            const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
            for (const k of keys) found.add(k);
            cursor = next;
          } while (cursor !== '0');
        }, this.#retry),
      ),
    );
    return [...found];
  }

  async #check(method: string, fix: boolean): Promise<RedisVerifyReport> {
    const L = this.layout;
    const dictKeys = Array.from({ length: L.buckets }, (_, b) => L.dictBucketKey(b));
    const buckets = await this.#batch<Record<string, string>>(method, dictKeys, (p, i) => p.hgetall(dictKeys[i]!));
    const dict = new Map<string, number>();
    for (const bucket of buckets) for (const id in bucket) dict.set(id, Number(bucket[id]));
    const memberKeys = (await this.#scanKeys(method, `${L.prefix}:{*}`)).filter((k) => L.memberOfKey(k) >= 0);
    const values = await this.#batch<Uint8Array | null>(method, memberKeys, (p, i) => p.getBuffer(memberKeys[i]!));
    const lists = new Map<number, Int32Array>();
    const live = new Set<number>();
    const report: RedisVerifyReport = { orphanMembers: 0, missingMembers: 0, danglingEntries: 0, halfConnections: 0, countersOff: false, memberCount: 0, connectionCount: 0 };
    const orphans: number[] = [];
    for (let i = 0; i < memberKeys.length; i++) {
      const bytes = values[i];
      if (!bytes) continue;
      const n = L.memberOfKey(memberKeys[i]!);
      const { id, neighbors } = decodeMember(bytes);
      if (dict.get(id) === n) {
        live.add(n);
        lists.set(n, neighbors.slice());
      } else orphans.push(n);
    }
    const missing: [string, number][] = [];
    for (const [id, n] of dict) {
      if (!live.has(n)) {
        missing.push([id, n]);
        live.add(n);
        lists.set(n, new Int32Array(0));
      }
    }
    report.orphanMembers = orphans.length;
    report.missingMembers = missing.length;
    const drops: [number, number][] = [];
    const adds: [number, number][] = [];
    for (const [n, list] of lists) {
      for (const w of list) {
        if (!live.has(w) || w === n) {
          drops.push([n, w]);
          continue;
        }
        if (!hasSorted(lists.get(w)!, n)) adds.push([w, n]);
      }
    }
    report.danglingEntries = drops.length;
    report.halfConnections = adds.length;
    let halfEdges = 0;
    for (const list of lists.values()) halfEdges += list.length;
    report.memberCount = live.size;
    report.connectionCount = (halfEdges - drops.length + adds.length) / 2;
    const meta = await this.#call(method, () => this.client.hmget(L.metaKey, 'members', 'connections', 'next'));
    report.countersOff = Number(meta[0] ?? 0) !== report.memberCount || Number(meta[1] ?? 0) !== report.connectionCount;
    if (!fix) return report;
    const cap = 0x7fffffff;
    for (const [id, n] of missing) {
      const value = encodeMember(id, new Int32Array(0), 0, 0);
      await this.#call(method, () => this.client.set(L.memberKey(n), Buffer.from(value.buffer, value.byteOffset, value.byteLength), 'NX'));
    }
    const delKeys = drops.map(([n]) => L.memberKey(n));
    await this.#batch(method, delKeys, (p, i) => (p as unknown as { sgAdjDel: (k: string, m: number) => void }).sgAdjDel(delKeys[i]!, drops[i]![1]));
    const addKeys = adds.map(([w]) => L.memberKey(w));
    await this.#batch(method, addKeys, (p, i) => (p as unknown as { sgAdjAdd: (k: string, m: number, c: number) => void }).sgAdjAdd(addKeys[i]!, adds[i]![1], cap));
    const orphanKeys = orphans.map((n) => L.memberKey(n));
    await this.#batch(method, orphanKeys, (p, i) => p.del(orphanKeys[i]!));
    let maxInt = Number(meta[2] ?? 0);
    for (const n of live) if (n + 1 > maxInt) maxInt = n + 1;
    await this.#call(method, () => this.client.hset(L.metaKey, 'members', report.memberCount, 'connections', report.connectionCount, 'next', Math.max(maxInt, Number(meta[2] ?? 0))));
    this.#cache.clear();
    this.#ints.clear();
    return report;
  }

  /**
   * Deletes every member, connection and block of this graph (its settings and integer allocator
   * stay, so integers are never reused).
   *
   * @remarks O(n) (SCAN on every master, then pipelined DEL).
   * @example
   * ```ts
   * await graph.clear();
   * ```
   */
  async clear(): Promise<void> {
    const method = 'RedisSocialGraph.clear';
    const next = await this.#call(method, () => this.client.hget(this.layout.metaKey, 'next'));
    const keys = (await this.#scanKeys(method, `${this.layout.prefix}:*`)).filter((k) => k.startsWith(`${this.layout.prefix}:`));
    await this.#batch(method, keys, (p, i) => p.del(keys[i]!));
    this.#ints.clear();
    this.#cache.clear();
    // Keep the settings (cap, buckets) so the graph stays usable, and the integer allocator so that
    // integers are never reused (clients cache integer → id for good).
    await this.#call(method, () =>
      this.client.hset(this.layout.metaKey, 'cap', this.#cap, 'buckets', this.layout.buckets, 'next', Number(next ?? 0)),
    );
  }
}

function packedHas(bytes: Uint8Array | null, x: number): boolean {
  if (bytes === null) return false;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i + 4 <= bytes.length; i += 4) if (dv.getInt32(i, true) === x) return true;
  return false;
}

function hasSorted(list: Int32Array, x: number): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < x) lo = mid + 1;
    else if (list[mid]! > x) hi = mid - 1;
    else return true;
  }
  return false;
}

function readMaxDepth(method: string, options: DegreeOptions | undefined): number {
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: options must be an object, got ${describeValue(options)}`);
  }
  const d = options?.maxDepth ?? 3;
  if (!Number.isInteger(d) || d < 0 || d > MAX_SEARCH_DEPTH) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: maxDepth must be an integer from 0 to ${MAX_SEARCH_DEPTH}, got ${describeValue(d)}`);
  }
  return d;
}
