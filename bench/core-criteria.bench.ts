/**
 * The core library's acceptance figures, in one process, on a seeded Barabási–Albert network:
 * build through addMember + connect with string ids, bytes per connection after GC, degree,
 * mutualCount and reach latency on random pairs, bulk-load rates, and (with --churn N) memory after
 * N random connect/disconnect operations at a steady size against a fresh build of the final graph.
 *
 *   node --expose-gc --import tsx bench/core-criteria.bench.ts [--members 1000000] [--avg-degree 40]
 *        [--pairs 20000] [--reach 30] [--churn 10000000] [--seed 1] [--skip-bulk | --only-bulk] [--fresh-ids] [--long-ids]
 */
import { parseArgs } from 'node:util';
import { barabasiAlbert } from '../src/generators/index.js';
import { SeededRandom } from '../src/generators/random.js';
// As Node users get it (the package's `node` condition): bulk loads may use a worker thread.
import { SocialGraph } from '../src/node/main.js';

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '1000000' },
    'avg-degree': { type: 'string', default: '40' },
    pairs: { type: 'string', default: '20000' },
    reach: { type: 'string', default: '30' },
    churn: { type: 'string', default: '0' },
    seed: { type: 'string', default: '1' },
    'skip-bulk': { type: 'boolean', default: false },
    'only-bulk': { type: 'boolean', default: false },
    'fresh-ids': { type: 'boolean', default: false },
    'long-ids': { type: 'boolean', default: false },
    'bulk-runs': { type: 'string', default: '3' },
  },
});
const members = Number(values.members);
const avgDegree = Number(values['avg-degree']);
const seed = Number(values.seed);
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');

function heap(): number {
  for (let i = 0; i < 3; i++) gc!();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}
const nowUs = () => Number(process.hrtime.bigint()) / 1e3;
function pct(times: Float64Array): string {
  const s = Float64Array.from(times).sort();
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
  return `p50 ${at(0.5).toFixed(2)}  p99 ${at(0.99).toFixed(2)}  max ${s[s.length - 1]!.toFixed(1)}`;
}

const g = barabasiAlbert({ members, avgDegree, seed });
console.log(`graph: Barabási–Albert, ${members.toLocaleString('en-US')} members, ${g.edges.toLocaleString('en-US')} connections, average degree ${avgDegree}, seed ${seed}; Node ${process.version}`);

// ---- build through addMember + connect, string ids
const base = heap();
// --long-ids: `urn:li:member:<9 digits>` numbered by a seeded permutation (independent of degree),
// parsed from JSON so that each is a flat string as ids off the wire are; else `u<index>`.
let ids: string[] = new Array(members);
for (let i = 0; i < members; i++) ids[i] = `u${i}`;
if (values['long-ids']) {
  const perm = Array.from({ length: members }, (_, i) => i);
  const shuffle = new SeededRandom(3001);
  for (let i = members - 1; i > 0; i--) {
    const j = shuffle.nextInt(i + 1);
    [perm[i], perm[j]] = [perm[j]!, perm[i]!];
  }
  ids = JSON.parse(JSON.stringify(perm.map((p) => `urn:li:member:${100_000_000 + p}`))) as string[];
}
let graph: SocialGraph | null = new SocialGraph();
let t = 0;
if (!values['only-bulk']) {
  t = nowUs();
  for (let i = 0; i < members; i++) graph.addMember(ids[i]!);
  const addUs = nowUs() - t;
  t = nowUs();
  if (values['fresh-ids']) {
    // Each call gets new id strings, as a service parsing requests would (their creation is timed).
    for (let e = 0; e < g.edges; e++) graph.connect(`u${g.sources[e]!}`, `u${g.targets[e]!}`);
  } else {
    // The members' own id strings, picked from an array of a million.
    for (let e = 0; e < g.edges; e++) graph.connect(ids[g.sources[e]!]!, ids[g.targets[e]!]!);
  }
  const connectUs = nowUs() - t;
  const bytes = heap() - base;
  console.log(`addMember: ${(members / addUs).toFixed(2)}M/s; connect (${values['fresh-ids'] ? 'fresh id strings per call' : "the members' own id strings"}): ${(g.edges / connectUs).toFixed(2)}M/s (${(connectUs / 1e6).toFixed(1)} s)`);
  console.log(`memory: ${(bytes / 2 ** 20).toFixed(0)} MiB for the whole graph incl. id strings = ${(bytes / graph.connectionCount).toFixed(2)} bytes/connection; store ${JSON.stringify(graph.storeStats())}`);

  // ---- queries on random pairs
  const random = new SeededRandom(seed + 1000);
  const k = Number(values.pairs);
  const a = Array.from({ length: k }, () => ids[random.nextInt(members)]!);
  const b = Array.from({ length: k }, () => ids[random.nextInt(members)]!);
  for (let i = 0; i < Math.min(k, 2000); i++) graph.degree(a[i]!, b[i]!);
  const dt = new Float64Array(k);
  const hist = [0, 0, 0, 0, 0];
  for (let i = 0; i < k; i++) {
    const s = nowUs();
    const d = graph.degree(a[i]!, b[i]!);
    dt[i] = nowUs() - s;
    hist[d === null ? 4 : d]!++;
  }
  console.log(`degree (maxDepth 3), µs: ${pct(dt)}   answers 0/1/2/3/null: ${hist.join('/')}`);
  for (let i = 0; i < Math.min(k, 2000); i++) graph.mutualCount(a[i]!, b[i]!);
  const mt = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const s = nowUs();
    graph.mutualCount(a[i]!, b[i]!);
    mt[i] = nowUs() - s;
  }
  console.log(`mutualCount, µs: ${pct(mt)}`);
  const page = Array.from({ length: 100 }, () => ids[random.nextInt(members)]!);
  const bt = new Float64Array(200);
  for (let i = 0; i < 200; i++) {
    const s = nowUs();
    graph.degrees(ids[random.nextInt(members)]!, page);
    bt[i] = nowUs() - s;
  }
  console.log(`degrees (page of 100), µs: ${pct(bt)}`);
  const r = Number(values.reach);
  const rt = new Float64Array(r);
  for (let i = 0; i < r; i++) {
    const s = nowUs();
    graph.reach(ids[random.nextInt(members)]!);
    rt[i] = (nowUs() - s) / 1e3;
  }
  console.log(`reach, ms: ${pct(rt)}`);

  // ---- churn at a steady size
  const churn = Number(values.churn);
  if (churn > 0) {
    const live: number[] = [];
    // Track live edges as packed numbers so we can remove random existing ones.
    for (let e = 0; e < g.edges; e++) live.push(g.sources[e]! * members + g.targets[e]!);
    const rnd = new SeededRandom(seed + 2);
    t = nowUs();
    for (let op = 0; op < churn; op++) {
      if (op % 2 === 0) {
        const i = rnd.nextInt(live.length);
        const key = live[i]!;
        live[i] = live[live.length - 1]!;
        live.pop();
        graph.disconnect(ids[Math.floor(key / members)]!, ids[key % members]!);
      } else {
        let x = rnd.nextInt(members);
        let y = rnd.nextInt(members);
        while (x === y || graph.areConnected(ids[x]!, ids[y]!)) {
          x = rnd.nextInt(members);
          y = rnd.nextInt(members);
        }
        graph.connect(ids[x]!, ids[y]!);
        live.push(x * members + y);
      }
    }
    const churnUs = nowUs() - t;
    const stats = graph.storeStats();
    console.log(`churn: ${churn.toLocaleString('en-US')} ops in ${(churnUs / 1e6).toFixed(1)} s (${(churn / churnUs).toFixed(2)}M ops/s); store ${JSON.stringify(stats)}`);
    // The graph's own footprint: heap with it minus heap without it, everything else unchanged.
    const withChurned = heap();
    const storeAfter = stats.bytes;
    graph = null;
    const churnedBytes = withChurned - heap();
    // Fresh build of the final graph, through addMember + connect, measured the same way.
    const [withFresh, freshStore] = ((): [number, number] => {
      const fresh = new SocialGraph();
      for (let i = 0; i < members; i++) fresh.addMember(ids[i]!);
      for (const key of live) fresh.connect(ids[Math.floor(key / members)]!, ids[key % members]!);
      return [heap(), fresh.storeStats().bytes];
    })();
    const freshBytes = withFresh - heap();
    console.log(
      `graph memory after churn ${(churnedBytes / 2 ** 20).toFixed(0)} MiB (store ${(storeAfter / 2 ** 20).toFixed(0)} MiB) vs fresh build of the final graph ${(freshBytes / 2 ** 20).toFixed(0)} MiB (store ${(freshStore / 2 ** 20).toFixed(0)} MiB): ratio ${(churnedBytes / freshBytes).toFixed(3)} (store only ${(storeAfter / freshStore).toFixed(3)})`,
    );
    live.length = 0;
  }


} // build, queries and churn

// ---- bulk loads
if (!values['skip-bulk']) {
  graph = null;
  heap();
  const list: [string, string][] = new Array(g.edges);
  for (let e = 0; e < g.edges; e++) list[e] = [ids[g.sources[e]!]!, ids[g.targets[e]!]!];
  heap();
  // Alternating runs with and without the worker thread, so both see the same machine.
  const rates: Record<'worker' | 'one thread', number[]> = { worker: [], 'one thread': [] };
  for (let run = 0; run < Number(values['bulk-runs']); run++) {
    for (const parallel of [true, false]) {
      heap();
      t = nowUs();
      const built = SocialGraph.fromEdges(list, { parallel });
      const fromEdgesUs = nowUs() - t;
      const label = parallel ? 'worker' : 'one thread';
      rates[label].push(built.connectionCount / fromEdgesUs);
      console.log(
        `fromEdges (array of [string, string], source-grouped as generated; ${parallel ? 'default: worker thread where available' : 'parallel: false'}): ${(built.connectionCount / fromEdgesUs).toFixed(2)}M connections/s (${(fromEdgesUs / 1e6).toFixed(2)} s)`,
      );
    }
  }
  for (const [label, series] of Object.entries(rates)) {
    const sorted = series.slice().sort((x, y) => x - y);
    console.log(`fromEdges ${label}: median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(2)}M/s over ${sorted.length} runs (min ${sorted[0]!.toFixed(2)}, max ${sorted[sorted.length - 1]!.toFixed(2)})`);
  }
  list.length = 0;
  heap();
  t = nowUs();
  const indexed = SocialGraph.fromIndexedEdges({ ids, memberCount: members, sources: g.sources, targets: g.targets });
  const indexedUs = nowUs() - t;
  console.log(`fromIndexedEdges: ${(indexed.connectionCount / indexedUs).toFixed(2)}M connections/s (${(indexedUs / 1e6).toFixed(2)} s)`);
}
