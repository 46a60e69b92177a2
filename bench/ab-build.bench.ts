/**
 * A/B of two source trees on writes, in one process: two graphs, one from each tree's
 * `SocialGraph`, are built side by side by one `connect` per pair of the bench's graph (a seeded
 * Barabási–Albert graph, average degree 40), a twentieth of the pairs at a time (at most 500k),
 * the side that goes first swapped each time; then each takes the same churn (`disconnect` then
 * `connect` again of random existing connections, in ten slices, sides swapped likewise). Prints
 * each side's connect rate and B's time over A's for the build and for the churn.
 *
 * With `--connect-all K`, both graphs instead start from the first half of the pairs
 * (`fromIndexedEdges`) and take the second half, shuffled, by `connectAll` in batches of K
 * positions in the id list (the shape of bench/connect-all.bench.ts), the sides in turn; it prints
 * each side's rate and B's time over A's.
 *
 * Run it both ways round (`A B`, then `B A`): a side's place in the process can favour it.
 *
 * Run: `node --expose-gc --max-old-space-size=16000 --import tsx bench/ab-build.bench.ts TREE_A TREE_B
 *   [--members 1000000] [--shape shuffled-long|generation-short] [--connect-all K] [--entries core,node]`
 *
 * `--entries` names each side's entry: `core` (src/index.ts, the default) or `node`
 * (src/node/main.ts, the package's entry in Node, which gives big batches a helper thread).
 */
import { parseArgs } from 'node:util';
import { makeNamedGraph, memberIds } from '../src/cli/bench/workload.js';
import type { SocialGraph } from '../src/index.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    members: { type: 'string', default: '1000000' },
    shape: { type: 'string', default: 'shuffled-long' },
    'connect-all': { type: 'string', default: '0' },
    entries: { type: 'string', default: 'core,core' },
  },
});
const [treeA, treeB] = positionals;
if (treeA === undefined || treeB === undefined) throw new Error('usage: ab-build.bench.ts TREE_A TREE_B');
const members = Number(values.members);
const order = values.shape.startsWith('generation') ? 'generation' : 'shuffled';
const idForm = values.shape.endsWith('short') ? 'short' : 'long';
type Graph = Pick<SocialGraph, 'addMember' | 'connect' | 'disconnect' | 'connectAll' | 'connectionCount'>;
type Made = { new (): Graph; fromIndexedEdges: (edges: { ids: readonly string[]; memberCount: number; sources: Int32Array; targets: Int32Array }) => Graph };
// Each side's entry: `core` (src/index.ts) or `node` (src/node/main.ts, the package's entry in
// Node, which gives the graph a helper thread).
const entries = values.entries.split(',').map((e) => (e === 'node' ? 'src/node/main.js' : 'src/index.js'));
const load = async (tree: string, entry: string): Promise<Made> => ((await import(`${tree}/${entry}`)) as { SocialGraph: Made }).SocialGraph;
const [MadeA, MadeB] = [await load(treeA, entries[0]!), await load(treeB, entries[1] ?? entries[0]!)];
const g = await makeNamedGraph({ model: 'barabasi-albert', members, avgDegree: 40, seed: 1 }, order);
const ids = memberIds(members, idForm);
const { sources, targets, edges } = g;
const batch = Number(values['connect-all']);
console.log(`BA ${members.toLocaleString('en-US')} members, ${edges.toLocaleString('en-US')} connections, ${order} order, ids like ${ids[42]}; A ${treeA}, B ${treeB}; node ${process.version}`);
if (batch > 0) {
  connectAllOnly();
  process.exit(0);
}
const sides = [new MadeA(), new MadeB()] as const;
for (const graph of sides) for (let i = 0; i < members; i++) graph.addMember(ids[i]!);

/** `--connect-all K`: both sides from the first half, then the second half (shuffled) by `connectAll` in batches of K. */
function connectAllOnly(): void {
  const half = edges >> 1;
  const first = { ids, memberCount: members, sources: sources.subarray(0, half), targets: targets.subarray(0, half) };
  const graphs = [MadeA.fromIndexedEdges(first), MadeB.fromIndexedEdges(first)] as const;
  const rest = Int32Array.from({ length: edges - half }, (_, i) => half + i);
  for (let i = rest.length - 1, x = 99; i > 0; i--) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const j = x % (i + 1);
    const t = rest[i]!;
    rest[i] = rest[j]!;
    rest[j] = t;
  }
  const ms = [0, 0];
  for (let k = 0, start = 0; start < rest.length; k++, start += batch) {
    const n = Math.min(batch, rest.length - start);
    const s = new Int32Array(n);
    const t = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = sources[rest[start + i]!]!;
      t[i] = targets[rest[start + i]!]!;
    }
    for (const side of k % 2 === 0 ? ([0, 1] as const) : ([1, 0] as const)) {
      const t0 = performance.now();
      graphs[side].connectAll({ ids, memberCount: members, sources: s, targets: t });
      ms[side]! += performance.now() - t0;
    }
  }
  if (graphs[0].connectionCount !== graphs[1].connectionCount) throw new Error('the two sides hold different connection counts');
  const rate = (x: number): string => `${(rest.length / x / 1000).toFixed(2)}M/s`;
  console.log(`connectAll, batches of ${batch.toLocaleString('en-US')}: A ${rate(ms[0]!)}, B ${rate(ms[1]!)}; B/A time ${(ms[1]! / ms[0]!).toFixed(3)}`);
}

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
