/**
 * A/B of two source trees on writes, in one process: two graphs, one from each tree's
 * `SocialGraph`, are built side by side by one `connect` per pair of the bench's graph (a seeded
 * Barabási–Albert graph, average degree 40), a twentieth of the pairs at a time (at most 500k),
 * the side that goes first swapped each time; then each takes the same churn (`disconnect` then
 * `connect` again of random existing connections, in ten slices, sides swapped likewise). Prints
 * each side's connect rate and B's time over A's for the build and for the churn.
 *
 * Run it both ways round (`A B`, then `B A`): a side's place in the process can favour it.
 *
 * Run: `node --expose-gc --max-old-space-size=16000 --import tsx bench/ab-build.bench.ts TREE_A TREE_B
 *   [--members 1000000] [--shape shuffled-long|generation-short]`
 */
import { parseArgs } from 'node:util';
import { makeNamedGraph, memberIds } from '../src/cli/bench/workload.js';
import type { SocialGraph } from '../src/index.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    members: { type: 'string', default: '1000000' },
    shape: { type: 'string', default: 'shuffled-long' },
  },
});
const [treeA, treeB] = positionals;
if (treeA === undefined || treeB === undefined) throw new Error('usage: ab-build.bench.ts TREE_A TREE_B');
const members = Number(values.members);
const order = values.shape.startsWith('generation') ? 'generation' : 'shuffled';
const idForm = values.shape.endsWith('short') ? 'short' : 'long';
type Graph = Pick<SocialGraph, 'addMember' | 'connect' | 'disconnect'>;
const load = async (tree: string): Promise<new () => Graph> => ((await import(`${tree}/src/index.js`)) as { SocialGraph: new () => Graph }).SocialGraph;
const [MadeA, MadeB] = [await load(treeA), await load(treeB)];
const g = await makeNamedGraph({ model: 'barabasi-albert', members, avgDegree: 40, seed: 1 }, order);
const ids = memberIds(members, idForm);
const { sources, targets, edges } = g;
const sides = [new MadeA(), new MadeB()] as const;
for (const graph of sides) for (let i = 0; i < members; i++) graph.addMember(ids[i]!);
console.log(`BA ${members.toLocaleString('en-US')} members, ${edges.toLocaleString('en-US')} connections, ${order} order, ids like ${ids[42]}; A ${treeA}, B ${treeB}; node ${process.version}`);

/** Runs `work(graph, from, to)` over `[0, total)` in `slices`, the sides in turn; returns each side's milliseconds. */
function alternate(total: number, slices: number, work: (graph: Graph, from: number, to: number) => void): [number, number] {
  const ms: [number, number] = [0, 0];
  const step = Math.ceil(total / slices);
  for (let k = 0, from = 0; from < total; k++, from += step) {
    const to = Math.min(total, from + step);
    for (const side of k % 2 === 0 ? ([0, 1] as const) : ([1, 0] as const)) {
      const t = performance.now();
      work(sides[side]!, from, to);
      ms[side] = ms[side]! + (performance.now() - t);
    }
  }
  return ms;
}

const build = alternate(edges, Math.max(20, Math.ceil(edges / 500_000)), (graph, from, to) => {
  for (let e = from; e < to; e++) graph.connect(ids[sources[e]!]!, ids[targets[e]!]!);
});
// Churn: random existing connections (a fixed LCG), disconnected then connected again.
const picks = new Int32Array(Math.min(1_000_000, members));
for (let i = 0, x = 12345; i < picks.length; i++) {
  x = (Math.imul(x, 1103515245) + 12345) >>> 0;
  picks[i] = x % edges;
}
const churn = alternate(picks.length, 10, (graph, from, to) => {
  for (let i = from; i < to; i++) {
    const e = picks[i]!;
    graph.disconnect(ids[sources[e]!]!, ids[targets[e]!]!);
    graph.connect(ids[sources[e]!]!, ids[targets[e]!]!);
  }
});
const rate = (ms: number): string => `${(edges / ms / 1000).toFixed(3)}M/s`;
console.log(`connect: A ${rate(build[0])}, B ${rate(build[1])}; B/A time ${(build[1] / build[0]).toFixed(3)}`);
console.log(`churn (${picks.length.toLocaleString('en-US')} disconnect + connect): B/A time ${(churn[1] / churn[0]).toFixed(3)}`);
