/**
 * RedisSocialGraph behind the benchmark's peer adapter, with every method returning a promise
 * (the CLI's `--backend redis`: same workloads, same tables; the worker awaits each call and times
 * it end to end, round trips included). Member `i` is named `u${i}`, as in the other peers.
 *
 * @packageDocumentation
 */
import { Cluster } from 'ioredis';
import { RedisSocialGraph } from './redis-social-graph.js';

/**
 * The benchmark peer adapter (`PeerGraph` of src/cli/bench/peers.ts) with promises.
 * @public
 */
export interface AsyncPeerGraph {
  /** Bulk loads the dense edge list (`'indexed'`), or connects pair by pair (`'connect'`: slow, one write pair each). */
  build(members: number, sources: Int32Array, targets: Int32Array, edges: number, progress?: (done: number, total: number) => void): Promise<void>;
  /** `used_memory` summed over the masters (INFO memory): take it before and after `build`. */
  usedMemory(): Promise<number>;
  connections(): Promise<number>;
  degree(a: number, b: number): Promise<number | null>;
  mutualCount(a: number, b: number): Promise<number>;
  mutualList(a: number, b: number): Promise<readonly string[]>;
  degrees(viewer: number, targets: Int32Array, from: number, to: number): Promise<(number | null)[]>;
  reach(a: number): Promise<[number, number, number]>;
  disconnect(a: number, b: number): Promise<boolean>;
  connect(a: number, b: number): Promise<boolean>;
  /** Deletes the graph's keys and closes the client. */
  close(): Promise<void>;
}

/**
 * Options of {@link createRedisPeer}.
 * @public
 */
export interface RedisPeerOptions {
  /** Cluster nodes, `host:port` comma separated (e.g. `process.env.REDIS_CLUSTER_NODES`). */
  nodes: string;
  /** How the graph is built. @defaultValue 'indexed' */
  build?: 'connect' | 'indexed';
  /** Key prefix of the benchmark graph (cleared first). @defaultValue 'sg-bench' */
  prefix?: string;
}

/**
 * A RedisSocialGraph benchmark peer on the given cluster.
 *
 * @remarks Opens one ioredis Cluster client; `build` clears the prefix first.
 * @example
 * ```ts
 * const peer = createRedisPeer({ nodes: '127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002' });
 * await peer.build(members, sources, targets, edges);
 * await peer.degree(0, 42);
 * await peer.close();
 * ```
 * @public
 */
export function createRedisPeer(options: RedisPeerOptions): AsyncPeerGraph {
  const startup = options.nodes
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => ({ host: s.slice(0, s.lastIndexOf(':')), port: Number(s.slice(s.lastIndexOf(':') + 1)) }));
  const cluster = new Cluster(startup);
  const mode = options.build ?? 'indexed';
  let graph: RedisSocialGraph | null = null;
  let ids: string[] = [];
  const g = (): RedisSocialGraph => {
    if (graph === null) throw new Error('createRedisPeer: build() first');
    return graph;
  };
  return {
    async build(members, sources, targets, edges, progress) {
      ids = Array.from({ length: members }, (_, i) => `u${i}`);
      graph = await RedisSocialGraph.open(cluster, { prefix: options.prefix ?? 'sg-bench', dictionaryBuckets: Math.max(64, Math.ceil(members / 100)) });
      await graph.clear();
      if (mode === 'indexed') {
        await graph.load({ ids, members, sources, targets, edges }, { onProgress: (p) => progress?.(p.connections, p.totalConnections) });
        return;
      }
      for (const id of ids) await graph.addMember(id);
      for (let e = 0; e < edges; e++) {
        if (sources[e] !== targets[e]) await graph.connect(ids[sources[e]!]!, ids[targets[e]!]!);
        if ((e & 1023) === 0) progress?.(e, edges);
      }
    },
    async usedMemory() {
      let total = 0;
      for (const node of cluster.nodes('master')) total += Number(/used_memory:(\d+)/.exec(await node.info('memory'))?.[1] ?? 0);
      return total;
    },
    connections: () => g().connectionCount(),
    degree: (a, b) => g().degree(ids[a]!, ids[b]!),
    mutualCount: (a, b) => g().mutualCount(ids[a]!, ids[b]!),
    mutualList: (a, b) => g().mutualConnections(ids[a]!, ids[b]!),
    degrees: (viewer, targets, from, to) => g().degrees(ids[viewer]!, Array.from(targets.subarray(from, to), (t) => ids[t]!)),
    reach: async (a) => {
      const r = await g().reach(ids[a]!);
      return [r.first, r.second, r.third];
    },
    disconnect: (a, b) => g().disconnect(ids[a]!, ids[b]!),
    connect: (a, b) => g().connect(ids[a]!, ids[b]!),
    async close() {
      if (graph !== null) await graph.clear();
      await cluster.quit();
    },
  };
}
