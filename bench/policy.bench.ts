/**
 * The cost of a policy decision against the degree lookup it rests on, on the same random pairs
 * of a seeded Barabási–Albert network, in one process: `can(viewer, action, target)` vs
 * `degree(viewer, target)` (maxDepth 3), per-call p50/p99 and the ratio of p50s. Both calls run on
 * the same chunks of pairs, in alternating order, so that drift hits both alike.
 * Then the same with blocks in force (viewers with blocks take the avoiding search) and with quotas.
 *
 *   npx tsx bench/policy.bench.ts [--members 1000000] [--avg-degree 40] [--pairs 20000] [--seed 1]
 */
import { parseArgs } from 'node:util';
import { barabasiAlbert, degreeStats } from '../src/generators/index.js';
import { SeededRandom } from '../src/generators/random.js';
import { SocialGraph, type PolicyAction } from '../src/index.js';

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '1000000' },
    'avg-degree': { type: 'string', default: '40' },
    pairs: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '1' },
  },
});
const members = Number(values.members);
const avgDegree = Number(values['avg-degree']);
const pairs = Number(values.pairs);
const seed = Number(values.seed);

const nowUs = () => Number(process.hrtime.bigint()) / 1e3;
function quantile(times: Float64Array, q: number): number {
  const s = Float64Array.from(times).sort();
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

let start = performance.now();
const generated = barabasiAlbert({ members, avgDegree, seed });
const generateMs = performance.now() - start;
start = performance.now();
const graph = SocialGraph.fromIndexedEdges({
  memberCount: members,
  ids: (i) => `u${i}`,
  sources: generated.sources,
  targets: generated.targets,
});
const buildMs = performance.now() - start;
const shape = degreeStats(generated);
console.log(
  `graph: Barabási–Albert, ${members.toLocaleString('en-US')} members, ${graph.connectionCount.toLocaleString('en-US')} connections, ` +
    `avgDegree ${avgDegree}, seed ${seed}; degree median ${shape.median}, p99 ${shape.p99}, max ${shape.max}; ` +
    `generate ${(generateMs / 1000).toFixed(1)} s, build ${(buildMs / 1000).toFixed(1)} s; Node ${process.version}`,
);

const random = new SeededRandom(seed + 7);
const viewers: string[] = new Array(pairs);
const targets: string[] = new Array(pairs);
for (let i = 0; i < pairs; i++) {
  viewers[i] = `u${random.nextInt(members)}`;
  targets[i] = `u${random.nextInt(members)}`;
}

let sink = 0;
const CHUNK = 250;
/**
 * Times `degree` and `can` (or `attempt`) on the same pairs, in chunks of CHUNK pairs: one call
 * kind over a chunk, then the other over the same chunk, the order alternating from chunk to
 * chunk. Running a whole chunk between the two calls of a pair keeps one call from warming the
 * caches for the other (each search touches far more memory than the caches hold).
 */
function race(label: string, action: PolicyAction, method: 'can' | 'attempt' = 'can', only?: (i: number) => boolean): void {
  const chosen: number[] = [];
  for (let i = 0; i < pairs; i++) if (only === undefined || only(i)) chosen.push(i);
  const tDegree = new Float64Array(chosen.length);
  const tCan = new Float64Array(chosen.length);
  const histogram = new Map<string, number>();
  const runDegree = (from: number, to: number) => {
    for (let k = from; k < to; k++) {
      const i = chosen[k]!;
      const t0 = nowUs();
      sink += graph.degree(viewers[i]!, targets[i]!) ?? -1;
      tDegree[k] = nowUs() - t0;
    }
  };
  const runCan = (from: number, to: number) => {
    for (let k = from; k < to; k++) {
      const i = chosen[k]!;
      const t0 = nowUs();
      const d = graph[method](viewers[i]!, action, targets[i]!);
      tCan[k] = nowUs() - t0;
      histogram.set(d.reason, (histogram.get(d.reason) ?? 0) + 1);
    }
  };
  for (let from = 0, c = 0; from < chosen.length; from += CHUNK, c++) {
    const to = Math.min(chosen.length, from + CHUNK);
    if (c % 2 === 0) {
      runDegree(from, to);
      runCan(from, to);
    } else {
      runCan(from, to);
      runDegree(from, to);
    }
  }
  const dp50 = quantile(tDegree, 0.5);
  const cp50 = quantile(tCan, 0.5);
  console.log(
    `${label.padEnd(46)} ${String(chosen.length).padStart(6)} pairs | degree p50 ${dp50.toFixed(2)} µs p99 ${quantile(tDegree, 0.99).toFixed(1)} µs | ` +
      `${method}(${action}) p50 ${cp50.toFixed(2)} µs p99 ${quantile(tCan, 0.99).toFixed(1)} µs | ratio p50 ${(cp50 / dp50).toFixed(3)}`,
  );
  console.log(`${''.padEnd(46)} reasons ${JSON.stringify(Object.fromEntries(histogram))}`);
}

// Warm up both paths on other pairs.
for (let i = 0; i < 3000; i++) {
  const a = `u${random.nextInt(members)}`;
  const b = `u${random.nextInt(members)}`;
  graph.degree(a, b);
  graph.can(a, 'viewProfile', b);
  graph.can(a, 'message', b);
}

console.log(`\n${pairs.toLocaleString('en-US')} random pairs (times per call, µs)`);
race('no blocks, default policy', 'viewProfile');
race('no blocks, default policy', 'invite');
race('no blocks, default policy', 'message');
race('no blocks, default policy', 'viewContactInfo');
graph.setPolicy('strict');
race('no blocks, strict policy', 'viewProfile');
graph.setPolicy('default');

// 1% of members block one random member each; the viewers of half the pairs are among them.
const blockers = Math.floor(members / 100);
for (let i = 0; i < blockers; i++) {
  const a = i < pairs / 2 ? viewers[i * 2]! : `u${random.nextInt(members)}`;
  const b = `u${random.nextInt(members)}`;
  if (a !== b) graph.block(a, b);
}
race(`${blockers.toLocaleString('en-US')} blocks, all pairs`, 'viewProfile');
race('  pairs whose viewer blocks someone', 'viewProfile', 'can', (i) => i % 2 === 0 && i / 2 < blockers);

graph.setQuota('invite', { limit: 100, windowMs: 7 * 24 * 3600_000 });
race('quota on invite, attempt()', 'invite', 'attempt');
if (sink === 0.5) console.log(sink);
