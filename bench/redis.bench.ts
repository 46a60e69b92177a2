/**
 * RedisSocialGraph on a local Redis Cluster: bulk load rate, bytes per connection (INFO memory,
 * used_memory delta summed over the masters), degree p50/p99, mutual connections p50, against
 * the in-memory SocialGraph on the same graph and pairs (answers compared).
 *
 * Run (cluster from scripts/redis-cluster.sh):
 *   scripts/redis-cluster.sh start /tmp/sg-cluster
 *   REDIS_CLUSTER_NODES=$(cat /tmp/sg-cluster/nodes) node --expose-gc --import tsx bench/redis.bench.ts [members] [avgDegree] [queries]
 * Defaults: 100,000 members, average degree 40 (Barabási–Albert, seed 42: 2M connections), 2,000 queries.
 */
import { Cluster } from 'ioredis';
import { barabasiAlbert } from '../src/generators/index.js';
import { SocialGraph } from '../src/index.js';
import { RedisSocialGraph } from '../src/redis/index.js';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const members = Number(args[0] ?? 100_000);
const avgDegree = Number(args[1] ?? 40);
const queries = Number(args[2] ?? 2000);
const WARM_UP = Number(process.env.WARM_UP ?? 1000);
const nodes = (process.env.REDIS_CLUSTER_NODES ?? '127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002').split(',');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
function fmt(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`;
}
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function usedMemory(cluster: Cluster): Promise<number> {
  let total = 0;
  for (const node of cluster.nodes('master')) {
    const info = await node.info('memory');
    total += Number(/used_memory:(\d+)/.exec(info)![1]);
  }
  return total;
}

async function timeAll<T>(label: string, pairs: [string, string][], remote: (a: string, b: string) => Promise<T>, local: (a: string, b: string) => T, same: (x: T, y: T) => boolean): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  const localTimes: number[] = [];
  let wrong = 0;
  for (const [a, b] of pairs) {
    const t0 = performance.now();
    const r = await remote(a, b);
    times.push(performance.now() - t0);
    const t1 = performance.now();
    const l = local(a, b);
    localTimes.push(performance.now() - t1);
    if (!same(r, l)) wrong++;
  }
  times.sort((x, y) => x - y);
  localTimes.sort((x, y) => x - y);
  const p50 = percentile(times, 50);
  const p99 = percentile(times, 99);
  console.log(
    `${label.padEnd(34)} p50 ${fmt(p50).padStart(9)}  p99 ${fmt(p99).padStart(9)}  | in-memory p50 ${fmt(percentile(localTimes, 50)).padStart(8)} p99 ${fmt(percentile(localTimes, 99)).padStart(8)} | ratio p50 ${(p50 / percentile(localTimes, 50)).toFixed(0)}x | wrong ${wrong}/${pairs.length}`,
  );
  return { p50, p99 };
}

async function main(): Promise<void> {
  const cluster = new Cluster(nodes.map((n) => ({ host: n.split(':')[0]!, port: Number(n.split(':')[1]) })));
  const generated = barabasiAlbert({ members, avgDegree, seed: 42 });
  const edges = { ids: (i: number) => `u${i}`, memberCount: members, sources: generated.sources, targets: generated.targets, edges: generated.edges };
  const local = SocialGraph.fromIndexedEdges(edges);
  console.log(`graph: Barabási–Albert seed 42, ${members.toLocaleString()} members, ${local.connectionCount.toLocaleString()} connections (avg degree ${avgDegree}); cluster ${nodes.join(',')} (${cluster.nodes('master').length || nodes.length} masters)`);
  const graph = await RedisSocialGraph.open(cluster, { prefix: 'bench', dictionaryBuckets: Math.max(64, Math.ceil(members / 100)) });
  await graph.clear();
  const before = await usedMemory(cluster);
  const t0 = performance.now();
  let lastReport = 0;
  const loaded = await graph.load(edges, {
    onProgress: (p) => {
      if (p.connectionCount - lastReport >= 500_000 || p.memberCount === p.totalMemberCount) {
        lastReport = p.connectionCount;
        process.stdout.write(`  loaded ${p.connectionCount.toLocaleString()} / ${p.totalConnectionCount.toLocaleString()} connections\r`);
      }
    },
  });
  const loadMs = performance.now() - t0;
  console.log('');
  const after = await usedMemory(cluster);
  console.log(`bulk load: ${loaded.connectionCount.toLocaleString()} connections in ${(loadMs / 1000).toFixed(2)} s = ${Math.round(loaded.connectionCount / (loadMs / 1000)).toLocaleString()} connections/s (edge list → local build → pipelined SETs)`);
  console.log(`memory: used_memory +${((after - before) / 2 ** 20).toFixed(1)} MiB over the masters = ${((after - before) / loaded.connectionCount).toFixed(2)} bytes per connection (members, dictionary and counters included)`);

  // Collect the load's garbage before timing queries (with node --expose-gc), so that the first
  // series does not pay for the bulk load's major GC.
  (globalThis as { gc?: () => void }).gc?.();
  const random = rng(7);
  const pick = () => `u${Math.floor(random() * members)}`;
  const pairs: [string, string][] = Array.from({ length: queries }, () => [pick(), pick()]);
  // Warm-up (connections, scripts, JIT) on other pairs.
  // 1,000 queries: until the JIT has compiled the query path (its compiler threads share the two
  // cores with the three servers, and their stalls otherwise land in the first measured series).
  for (let i = 0; i < WARM_UP; i++) await graph.degree(pick(), pick());
  const results: Record<string, { p50: number; p99: number }> = {};
  // Same pairs, same process, in alternating halves: without and with fetching both ends' lists at once.
  const prefetching = await RedisSocialGraph.open(cluster, { prefix: 'bench', degreePrefetch: 400 });
  const half = pairs.length >> 1;
  results.degree = await timeAll('degree (maxDepth 3)', pairs.slice(0, half), (a, b) => graph.degree(a, b), (a, b) => local.degree(a, b), (x, y) => x === y);
  results.degreePrefetch = await timeAll('degree, degreePrefetch 400', pairs.slice(0, half), (a, b) => prefetching.degree(a, b), (a, b) => local.degree(a, b), (x, y) => x === y);
  results.degree2 = await timeAll('degree (maxDepth 3), 2nd half', pairs.slice(half), (a, b) => graph.degree(a, b), (a, b) => local.degree(a, b), (x, y) => x === y);
  results.degreePrefetch2 = await timeAll('degree, degreePrefetch 400, 2nd half', pairs.slice(half), (a, b) => prefetching.degree(a, b), (a, b) => local.degree(a, b), (x, y) => x === y);
  results.mutualCount = await timeAll('mutualCount', pairs, (a, b) => graph.mutualCount(a, b), (a, b) => local.mutualCount(a, b), (x, y) => x === y);
  const sameSet = (x: string[], y: string[]) => x.length === y.length && [...x].sort().join() === [...y].sort().join();
  results.mutualCold = await timeAll('mutualConnections (ids cold)', pairs.map(([a, b]) => [b, a]), (a, b) => graph.mutualConnections(a, b), (a, b) => local.mutualConnections(a, b), sameSet);
  results.mutual = await timeAll('mutualConnections (ids warm)', pairs, (a, b) => graph.mutualConnections(a, b), (a, b) => local.mutualConnections(a, b), sameSet);
  const page = (a: string) => Array.from({ length: 20 }, (_, i) => `u${(a.length * 7919 + i * 4999) % members}`);
  const fewer = pairs.slice(0, Math.min(300, pairs.length));
  results.degrees = await timeAll('degrees (page of 20)', fewer, (a) => graph.degrees(a, page(a)), (a) => local.degrees(a, page(a)), (x, y) => x.join() === y.join());
  results.reach = await timeAll('reach', fewer.slice(0, 50), (a) => graph.reach(a), (a) => local.reach(a), (x, y) => JSON.stringify(x) === JSON.stringify(y));
  const v = await graph.verify();
  console.log(`verify: ${JSON.stringify(v)}`);
  if (!process.argv.includes('--keep')) await graph.clear();
  await cluster.quit();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
