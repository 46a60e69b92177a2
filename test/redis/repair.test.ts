/**
 * verify()/repair() on a graph damaged the ways a crash between two writes damages it; the viewer
 * cache; retries. Runs on the cluster named by REDIS_CLUSTER_NODES (skipped when unset).
 */
import type { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { barabasiAlbert } from '../../src/generators/index.js';
import { SocialGraph, SocialGraphError } from '../../src/index.js';
import { RedisSocialGraph, withRetry, isTransientClusterError } from '../../src/redis/index.js';
import { clusterDescribe, connectCluster } from './cluster-env.js';

let cluster: Cluster;

clusterDescribe('RedisSocialGraph consistency (REDIS_CLUSTER_NODES)', () => {
  beforeAll(() => {
    cluster = connectCluster();
  });
  afterAll(async () => {
    await cluster?.quit();
  });

  async function fresh(name: string, options = {}): Promise<RedisSocialGraph> {
    const graph = await RedisSocialGraph.open(cluster, { prefix: `rp${process.pid}${name}`, dictionaryBuckets: 8, ...options });
    await graph.clear();
    return graph;
  }

  async function intOf(graph: RedisSocialGraph, id: string): Promise<number> {
    return Number(await cluster.hget(graph.layout.dictKey(id), id));
  }

  it('finds and fixes half-written connections, orphans, dangling entries and counters', async () => {
    const graph = await fresh('a');
    await graph.load([['a', 'b'], ['b', 'c'], ['c', 'd'], ['x', 'x']]);
    const [a, b, c, d, x] = await Promise.all(['a', 'b', 'c', 'd', 'x'].map((id) => intOf(graph, id)));
    const scripts = cluster as unknown as { sgAdjAdd(k: string, m: number, cap: number): Promise<number>; sgAdjDel(k: string, m: number): Promise<number> };
    // connect(a, d) crashed after its first write; disconnect(b, c) crashed after its first write.
    expect(await scripts.sgAdjAdd(graph.layout.memberKey(a!), d!, 100)).toBe(1);
    expect(await scripts.sgAdjDel(graph.layout.memberKey(b!), c!)).toBe(1);
    // addMember crashed before the dictionary write: an orphan key no id points to.
    await cluster.set(graph.layout.memberKey(9999), Buffer.from([1, 0, 122, 0]));
    // removeMember crashed after the dictionary delete: x's key is an orphan, and d lists x.
    expect(await scripts.sgAdjAdd(graph.layout.memberKey(x!), d!, 100)).toBe(1);
    expect(await scripts.sgAdjAdd(graph.layout.memberKey(d!), x!, 100)).toBe(1);
    await cluster.hdel(graph.layout.dictKey('x'), 'x');
    const found = await graph.verify();
    expect(found).toMatchObject({ orphanMembers: 2, missingMembers: 0, danglingEntries: 1, halfConnections: 2, countersOff: true });
    const fixed = await graph.repair();
    expect(fixed).toMatchObject({ orphanMembers: 2, danglingEntries: 1, halfConnections: 2 });
    expect(await graph.verify()).toEqual({ orphanMembers: 0, missingMembers: 0, danglingEntries: 0, halfConnections: 0, countersOff: false, memberCount: 4, connectionCount: 4 });
    // Half-written connections resolve as connected (replay an interrupted disconnect).
    expect(await graph.areConnected('a', 'd')).toBe(true);
    expect(await graph.areConnected('b', 'c')).toBe(true);
    expect(await graph.disconnect('b', 'c')).toBe(true);
    expect(await graph.hasMember('x')).toBe(false);
    expect(await graph.countMembers()).toBe(4);
    expect(await graph.countConnections()).toBe(3);
    expect(await graph.degree('a', 'c')).toBe(2);
    await graph.clear();
  });

  it('a retried connect completes a half-written connection and counts it once', async () => {
    const graph = await fresh('b');
    await graph.load([['a', 'b'], ['c', 'c']]);
    const [a, c] = await Promise.all(['a', 'c'].map((id) => intOf(graph, id)));
    await (cluster as unknown as { sgAdjAdd(k: string, m: number, cap: number): Promise<number> }).sgAdjAdd(graph.layout.memberKey(a!), c!, 100);
    expect(await graph.connect('a', 'c')).toBe(true);
    expect(await graph.countConnections()).toBe(2);
    expect((await graph.verify()).halfConnections).toBe(0);
    await graph.clear();
  });

  it('recreates a member key the dictionary points to', async () => {
    const graph = await fresh('c');
    await graph.load([['a', 'b']]);
    const b = await intOf(graph, 'b');
    await cluster.del(graph.layout.memberKey(b));
    await expect(graph.degree('a', 'b')).rejects.toMatchObject({ code: 'MEMBER_NOT_FOUND' });
    expect(await graph.verify()).toMatchObject({ missingMembers: 1, danglingEntries: 0, halfConnections: 1 });
    await graph.repair();
    expect(await graph.degree('a', 'b')).toBe(1);
    expect((await graph.verify()).countersOff).toBe(false);
    await graph.clear();
  });

  it('another client sees removals and re-additions (stale id cache)', async () => {
    const graph = await fresh('d');
    const other = await RedisSocialGraph.open(cluster, { prefix: graph.layout.prefix });
    await graph.load([['a', 'b'], ['b', 'c']]);
    expect(await other.degree('a', 'c')).toBe(2);
    await graph.removeMember('b');
    await graph.addMember('b');
    await graph.connect('b', 'a');
    expect(await other.degree('a', 'c')).toBe(null);
    expect(await other.degree('a', 'b')).toBe(1);
    expect(await other.mutualConnections('a', 'b')).toEqual([]);
    await graph.removeMember('c');
    await expect(other.reach('c')).rejects.toMatchObject({ code: 'MEMBER_NOT_FOUND' });
    await graph.clear();
  });

  it('the viewer cache answers from cached lists and drops them on this client\'s writes', async () => {
    const graph = await fresh('e', { viewerCache: { ttlMs: 60_000 } });
    await graph.load([['v', 'a'], ['a', 'b'], ['b', 'c'], ['c', 'd']]);
    expect(await graph.degrees('v', ['a', 'b', 'c', 'd'])).toEqual([1, 2, 3, null]);
    expect(await graph.degrees('v', ['a', 'b', 'c', 'd'])).toEqual([1, 2, 3, null]);
    await graph.connect('a', 'c'); // a is in v's ball: the entry goes
    expect(await graph.degrees('v', ['a', 'b', 'c', 'd'])).toEqual([1, 2, 2, 3]);
    await graph.disconnect('v', 'a');
    expect(await graph.degrees('v', ['a', 'b', 'c', 'd'])).toEqual([null, null, null, null]);
    await graph.clear();
  });

  it('degreePrefetch (both ends fetched at once) gives the same degrees', async () => {
    const graph = await fresh('g', { degreePrefetch: 400 });
    const generated = barabasiAlbert({ members: 400, avgDegree: 6, seed: 3 });
    const edges = { ids: (i: number) => `b${i}`, memberCount: 400, sources: generated.sources, targets: generated.targets, edges: generated.edges };
    await graph.load(edges);
    const local = SocialGraph.fromIndexedEdges(edges);
    for (let i = 0; i < 150; i++) {
      const a = `b${(i * 37) % 400}`;
      const b = `b${(i * 91 + 5) % 400}`;
      expect(await graph.degree(a, b)).toBe(local.degree(a, b));
      expect(await graph.degree(a, b, { maxDepth: 4 })).toBe(local.degree(a, b, { maxDepth: 4 }));
    }
    await expect(RedisSocialGraph.open(cluster, { degreePrefetch: -1 })).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    await graph.clear();
  });

  it('load refuses a graph that is not empty, and reports progress', async () => {
    const graph = await fresh('f');
    const seen: number[] = [];
    const pairs: [string, string][] = Array.from({ length: 300 }, (_, i) => [`m${i}`, `m${(i * 7 + 1) % 300}`]);
    await graph.load(pairs, { batchSize: 4, onProgress: (p) => seen.push(p.memberCount) });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen[seen.length - 1]).toBe(300);
    await expect(graph.load([['a', 'b']])).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    await graph.clear();
  });
});

describe('withRetry', () => {
  it('retries transient cluster errors, then fails with BACKEND_UNAVAILABLE', async () => {
    let calls = 0;
    const ok = await withRetry('t', async () => {
      if (++calls < 3) throw new Error('TRYAGAIN Multiple keys request during rehashing of slot');
      return 7;
    }, { baseDelayMs: 1 });
    expect(ok).toBe(7);
    expect(calls).toBe(3);
    calls = 0;
    const failure = await withRetry('t', async () => {
      calls++;
      throw new Error('All keys in the pipeline should belong to the same slots allocation group');
    }, { attempts: 3, baseDelayMs: 1 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SocialGraphError);
    expect((failure as SocialGraphError).code).toBe('BACKEND_UNAVAILABLE');
    expect(calls).toBe(3);
    const other = await withRetry('t', async () => {
      throw new Error('WRONGTYPE Operation against a key holding the wrong kind of value');
    }, { baseDelayMs: 1 }).catch((e: unknown) => e);
    expect((other as Error).message).toMatch(/WRONGTYPE/);
    for (const m of ['MOVED 3999 127.0.0.1:6381', 'ASK 3999 127.0.0.1:6381', 'CLUSTERDOWN The cluster is down']) expect(isTransientClusterError(new Error(m))).toBe(true);
  });
});
