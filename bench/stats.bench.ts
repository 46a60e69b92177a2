/**
 * social-graph/stats: HyperBall against exact on the real networks, and the 1M-member /
 * 20M-connection Barabási–Albert run on two threads and on one.
 *
 * Run: `npx tsx bench/stats.bench.ts real [precision]` (accuracy on test/fixtures, default precision)
 *      `node --max-old-space-size=16000 --import tsx bench/stats.bench.ts big [members] [avgDegree] [precision]`
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { importEdgeList, SocialGraph } from '../src/index.js';
import { barabasiAlbert } from '../src/generators/index.js';
import { distanceDistribution, reachEstimates, statsMemory, defaultPrecision, type StatsOptions } from '../src/stats/node.js';

const [mode = 'real', ...rest] = process.argv.slice(2);
const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;
const median = (x: number[]): number => x.sort((a, b) => a - b)[Math.floor(x.length / 2)]!;

async function real(): Promise<void> {
  const precision = rest[0] === undefined ? undefined : Number(rest[0]);
  for (const name of ['email-eu-core', 'ego-facebook', 'ca-grqc']) {
    const bytes = gunzipSync(readFileSync(new URL(`../test/fixtures/${name}.txt.gz`, import.meta.url)));
    const { graph } = await importEdgeList(bytes.toString('utf8'));
    const options: StatsOptions = precision === undefined ? {} : { precision };
    let started = performance.now();
    const exact = await distanceDistribution(graph, { exact: true });
    const exactMs = performance.now() - started;
    started = performance.now();
    const estimate = await distanceDistribution(graph, options);
    const estimateMs = performance.now() - started;
    console.log(`${name}: ${graph.memberCount} members, precision ${estimate.precision} (σ = ${pct(estimate.relativeStandardError)}), exact ${exactMs.toFixed(0)} ms, HyperBall ${estimateMs.toFixed(0)} ms (${estimate.threads} threads)`);
    console.log(`  average distance ${exact.averageDistance.toFixed(4)} exact, ${estimate.averageDistance.toFixed(4)} estimated (${pct(estimate.averageDistance / exact.averageDistance - 1)}); reachable pairs ${pct(estimate.reachablePairs / exact.reachablePairs - 1)}; effective diameter ${exact.effectiveDiameter} / ${estimate.effectiveDiameter}`);
    const rows: string[] = [];
    let worst = 0;
    for (let t = 1; t < exact.orderedPairs.length; t++) {
      const a = exact.orderedPairs[t]!;
      const b = estimate.orderedPairs[t] ?? 0;
      const share = a / exact.reachablePairs;
      if (share >= 0.01) worst = Math.max(worst, Math.abs(b / a - 1));
      rows.push(`t=${t} ${pct(share)} of pairs: ${pct(b / a - 1)}`);
    }
    console.log(`  orderedPairs errors: ${rows.join(', ')}`);
    console.log(`  worst error over distances holding ≥ 1% of pairs: ${pct(worst)}`);
    const exactReach = await reachEstimates(graph, { exact: true });
    const reach = await reachEstimates(graph, options);
    const e2: number[] = [];
    const e3: number[] = [];
    const w2: number[] = [];
    const w3: number[] = [];
    for (const id of graph.members()) {
      const a = exactReach.of(id);
      const b = reach.of(id);
      if (a.second > 0) e2.push(Math.abs(b.second / a.second - 1));
      if (a.third > 0) e3.push(Math.abs(b.third / a.third - 1));
      const x2 = 1 + a.first + a.second;
      const x3 = x2 + a.third;
      w2.push(Math.abs((1 + b.first + b.second) / x2 - 1));
      w3.push(Math.abs((1 + b.first + b.second + b.third) / x3 - 1));
    }
    console.log(`  reach median relative error: within 2 ${pct(median(w2))}, within 3 ${pct(median(w3))}; at exactly 2 ${pct(median(e2))}, exactly 3 ${pct(median(e3))} (σ = ${pct(reach.relativeStandardError)})`);
    const mean = (x: number[]): number => x.reduce((a, b) => a + b, 0) / x.length;
    const p90 = (x: number[]): number => x.sort((a, b) => a - b)[Math.floor(x.length * 0.9)]!;
    console.log(`  reach at exactly 2 / 3: mean relative error ${pct(mean(e2))} / ${pct(mean(e3))}, 90th percentile ${pct(p90(e2))} / ${pct(p90(e3))}, exact for ${pct(e2.filter((e) => e === 0).length / e2.length)} / ${pct(e3.filter((e) => e === 0).length / e3.length)} of members`);
  }
}

async function big(): Promise<void> {
  const members = Number(rest[0] ?? 1_000_000);
  const avgDegree = Number(rest[1] ?? 40);
  const precision = Number(rest[2] ?? defaultPrecision(members));
  let started = performance.now();
  const edges = barabasiAlbert({ members, avgDegree, seed: 42 });
  const graph = SocialGraph.fromIndexedEdges({ ...edges, ids: (i: number) => `m${i}` });
  console.log(`load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} cores`);
  console.log(`Barabási–Albert: ${graph.memberCount} members, ${graph.connectionCount} connections, built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const bytes = statsMemory({ memberCount: graph.memberCount, connectionCount: graph.connectionCount, precision });
  const reachBytes = statsMemory({ memberCount: graph.memberCount, connectionCount: graph.connectionCount, precision, reach: true });
  console.log(`precision ${precision}: memory stated before the runs: distance distribution ${(bytes / 2 ** 20).toFixed(0)} MiB, reach ${(reachBytes / 2 ** 20).toFixed(0)} MiB`);
  const cpu = (since: NodeJS.CpuUsage): string => {
    const used = process.cpuUsage(since);
    return `${((used.user + used.system) / 1e6).toFixed(1)} s CPU`;
  };
  for (const parallel of [true, false]) {
    started = performance.now();
    let cpuStart = process.cpuUsage();
    const stats = await distanceDistribution(graph, {
      precision,
      parallel,
      onProgress: (p) => console.log(`  t=${p.distance} changed ${p.changed} at ${((performance.now() - started) / 1000).toFixed(1)} s, ${cpu(cpuStart)}`),
    });
    const seconds = (performance.now() - started) / 1000;
    console.log(`distanceDistribution, ${stats.threads} thread(s): ${seconds.toFixed(1)} s wall, ${cpu(cpuStart)} (all threads); average distance ${stats.averageDistance.toFixed(3)}, effective diameter ${stats.effectiveDiameter}, orderedPairs ${JSON.stringify(stats.orderedPairs)}`);
    started = performance.now();
    cpuStart = process.cpuUsage();
    const reach = await reachEstimates(graph, { precision, parallel });
    console.log(`reachEstimates, ${reach.threads} thread(s): ${((performance.now() - started) / 1000).toFixed(1)} s wall, ${cpu(cpuStart)}; m0 ${JSON.stringify(reach.of('m0'))}, m999999 ${JSON.stringify(reach.of(`m${members - 1}`))}`);
    console.log(`  rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
  }
}

await (mode === 'big' ? big() : real());
