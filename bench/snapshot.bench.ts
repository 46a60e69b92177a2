/**
 * Snapshot size and speed: builds a seeded Barabási–Albert graph (default 1M members, average
 * degree 40, i.e. 20M connections), then times `toBytes`, `save` (atomic file write with fsync),
 * `load` and `fromBytes`, and prints bytes per connection. Each timing is repeated; p50 and max
 * are reported (wall time, and the process's CPU time, which a busy machine inflates less), with
 * the time of `fromIndexedEdges` on the same edges as the in-process baseline.
 *
 * Run: `npx tsx bench/snapshot.bench.ts [members] [avgDegree] [repeats]`
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { barabasiAlbert } from '../src/generators/index.js';
import { load, save } from '../src/node/index.js';
import { SocialGraph } from '../src/social-graph.js';

const args = process.argv.slice(2);
const members = Number(args[0] ?? 1_000_000);
const avgDegree = Number(args[1] ?? 40);
const repeats = Number(args[2] ?? 3);
const seed = 42;

function stats(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const p50 = sorted[Math.floor((sorted.length - 1) / 2)]!;
  return `min ${(sorted[0]! / 1000).toFixed(2)} s, p50 ${(p50 / 1000).toFixed(2)} s, max ${(sorted[sorted.length - 1]! / 1000).toFixed(2)} s (${samples.length} runs)`;
}

/** CPU time (user + system, all threads of the process) of each timed call, by label. */
const cpu = new Map<string, number[]>();

/** Wall time of `fn`; its CPU time goes to `cpu` under `label` (a busy machine inflates wall time). */
async function time(fn: () => unknown | Promise<unknown>, label = ''): Promise<number> {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  await fn();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpuStart);
  if (!cpu.has(label)) cpu.set(label, []);
  cpu.get(label)!.push((used.user + used.system) / 1000);
  return wall;
}

function cpuStats(label: string): string {
  const sorted = [...(cpu.get(label) ?? [])].sort((a, b) => a - b);
  return `cpu min ${(sorted[0]! / 1000).toFixed(2)} s, p50 ${(sorted[Math.floor((sorted.length - 1) / 2)]! / 1000).toFixed(2)} s`;
}

const generated = barabasiAlbert({ members, avgDegree, seed });
const ids = (i: number): string => `u${i}`;
let graph!: SocialGraph;
const build: number[] = [];
for (let r = 0; r < repeats; r++) {
  build.push(await time(() => (graph = SocialGraph.fromIndexedEdges({ ids, memberCount: members, sources: generated.sources, targets: generated.targets })), 'build'));
}
console.log(`node ${process.version}; barabasi-albert members=${members} avgDegree=${avgDegree} seed=${seed}: ` +
  `${graph.memberCount.toLocaleString('en-US')} members, ${graph.connectionCount.toLocaleString('en-US')} connections, ids "u0".."u${members - 1}"`);
console.log(`baseline fromIndexedEdges:  ${stats(build)}; ${cpuStats('build')}`);

const dir = mkdtempSync(join(tmpdir(), 'sg-bench-'));
const path = join(dir, 'graph.sg');
try {
  let bytes!: Uint8Array;
  const toBytes: number[] = [];
  const fromBytes: number[] = [];
  const saves: number[] = [];
  const loads: number[] = [];
  for (let r = 0; r < repeats; r++) {
    toBytes.push(await time(() => (bytes = graph.toBytes()), 'toBytes'));
    fromBytes.push(await time(() => SocialGraph.fromBytes(bytes), 'fromBytes'));
    saves.push(await time(() => save(graph, path), 'save'));
    loads.push(await time(() => load(path), 'load'));
  }
  const size = statSync(path).size;
  const loaded = await load(path);
  const ok = loaded.memberCount === graph.memberCount && loaded.connectionCount === graph.connectionCount &&
    loaded.degree('u0', `u${members - 1}`) === graph.degree('u0', `u${members - 1}`);
  console.log(`snapshot: ${size.toLocaleString('en-US')} bytes = ${(size / graph.connectionCount).toFixed(2)} bytes/connection ` +
    `(${(size / 2 ** 20).toFixed(1)} MiB)${ok ? '' : '  MISMATCH after load!'}`);
  console.log(`toBytes:    ${stats(toBytes)}; ${cpuStats('toBytes')}`);
  console.log(`save:       ${stats(saves)}; ${cpuStats('save')}  (toBytes + write + fsync + rename)`);
  console.log(`fromBytes:  ${stats(fromBytes)}; ${cpuStats('fromBytes')}`);
  console.log(`load:       ${stats(loads)}; ${cpuStats('load')}  (read + fromBytes)`);
  console.log(`ratio load / fromIndexedEdges baseline: ${(loads.sort((a, b) => a - b)[Math.floor((loads.length - 1) / 2)]! / build.sort((a, b) => a - b)[Math.floor((build.length - 1) / 2)]!).toFixed(2)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
