/**
 * `degree` by kind of pair and by answer, on the graph of `social-graph bench` (a seeded
 * Barabási–Albert graph, average degree 40, members numbered by the bench's seeded permutation,
 * 23-character ids; `--shape generation-short`: in generation order with short ids), loaded by
 * `fromIndexedEdges`. The pairs are the bench's samples (seed 1001):
 * random pairs, near pairs (a 1–3 hop walk) and hub-to-random pairs. For each kind: p50 and mean
 * per call, and the mean per answer (1, 2, 3, farther), since a change that helps one answer can
 * cost another (a search that ends early against one that reads every list).
 *
 * The first pass over the pairs counts the answers and warms up; each later pass is timed, call
 * by call, for `--seconds` per kind. `--tree DIR` measures the `SocialGraph` of another checkout
 * on the same graph and pairs: run this tree and the other in alternating processes (the machine
 * drifts; one process per side keeps each side's code and memory layout its own).
 *
 * Run: `node --max-old-space-size=16000 --import tsx bench/degree-by-answer.bench.ts
 *   [--members 1000000] [--kinds random,near,hub] [--seconds 6] [--tree DIR] [--shape shuffled-long|generation-short]`
 */
import { parseArgs } from 'node:util';
import { makeNamedGraph, makeQueries, memberIds } from '../src/cli/bench/workload.js';
import { SocialGraph as Here } from '../src/index.js';

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '1000000' },
    kinds: { type: 'string', default: 'random,near,hub' },
    seconds: { type: 'string', default: '6' },
    tree: { type: 'string' },
    shape: { type: 'string', default: 'shuffled-long' },
  },
});
const members = Number(values.members);
const seconds = Number(values.seconds);
const kinds = values.kinds.split(',') as ('random' | 'near' | 'hub')[];
const SocialGraph: typeof Here = values.tree === undefined ? Here : ((await import(`${values.tree}/src/index.js`)) as { SocialGraph: typeof Here }).SocialGraph;

const order = values.shape.startsWith('generation') ? 'generation' : 'shuffled';
const g = await makeNamedGraph({ model: 'barabasi-albert', members, avgDegree: 40, seed: 1 }, order);
const ids = memberIds(members, values.shape.endsWith('short') ? 'short' : 'long');
const q = makeQueries(g, { pairs: 10_000, pages: 1, reach: 1, churn: 1 }, 1001);
const graph = SocialGraph.fromIndexedEdges({ ids, memberCount: members, sources: g.sources.subarray(0, g.edges), targets: g.targets.subarray(0, g.edges) });
// The queries name members by strings of their own, as a caller's would be (equal, not the same objects).
const queryIds: string[] = JSON.parse(JSON.stringify(ids));
console.log(
  `BA ${members.toLocaleString('en-US')} members, ${g.edges.toLocaleString('en-US')} connections, ${order} order, ids like ${ids[42]}; ` +
    `SocialGraph from ${values.tree ?? 'this tree'}; node ${process.version}`,
);

const us = (ms: number): string => `${(ms * 1000).toFixed(2)} µs`;
for (const kind of kinds) {
  const { a, b } = q[kind];
  const n = a.length;
  const answer = new Int8Array(n); // 1, 2, 3, or 4 for farther
  const count = [0, 0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    const d = graph.degree(queryIds[a[i]!]!, queryIds[b[i]!]!) ?? 4;
    answer[i] = d;
    count[d]!++;
  }
  const times: number[] = [];
  const sum = [0, 0, 0, 0, 0];
  let passes = 0;
  const stop = performance.now() + seconds * 1000;
  while (performance.now() < stop) {
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      graph.degree(queryIds[a[i]!]!, queryIds[b[i]!]!);
      const dt = performance.now() - t;
      times.push(dt);
      sum[answer[i]!]! += dt;
    }
    passes++;
  }
  times.sort((x, y) => x - y);
  const mean = times.reduce((x, y) => x + y, 0) / times.length;
  const byAnswer = [1, 2, 3, 4]
    .filter((d) => count[d]! > 0)
    .map((d) => `${d === 4 ? 'farther' : d} (${count[d]}) ${us(sum[d]! / (count[d]! * passes))}`)
    .join(', ');
  console.log(`${kind} pairs: p50 ${us(times[times.length >> 1]!)}, mean ${us(mean)} over ${times.length.toLocaleString('en-US')} calls; mean by answer: ${byAnswer}`);
}
