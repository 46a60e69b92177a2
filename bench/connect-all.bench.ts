/**
 * `connectAll` on a live graph: a seeded Barabási–Albert graph (default 1M members, average
 * degree 40: 20M connections) with ids shuffled against degree and long
 * (`urn:li:member:NNNNNNNNN`, 23 characters). The first half of the connections is loaded by
 * `fromIndexedEdges`; the second half is then added to the live graph in batches, in generation
 * order or shuffled (`--order`), in each batch size of `--batches` and each form of `--forms`:
 *
 * - `pairs`: an array of `[id, id]` (every id read, validated and looked up per pair);
 * - `indexed`: `{ ids, memberCount, sources, targets }`, positions in an id list (each id looked
 *   up once per batch however many pairs name it; here the list is every member's id);
 * - `loop`: one `connect` per pair, the baseline.
 *
 * Each (batch size, form) starts from its own copy of the half-built graph; the forms of one batch
 * size take turns, batch for batch, in one process (the machine drifts: alternating keeps the
 * ratios honest). Every graph must end equal to the whole graph loaded at once. The graphs come
 * from the package's Node entry, so batches of 2^19 pairs or more use a helper thread.
 *
 * Run: `node --max-old-space-size=16000 --import tsx bench/connect-all.bench.ts [--members 1000000]
 *   [--avg-degree 40] [--batches 1000000,2000000,5000000] [--forms indexed,pairs,loop] [--order shuffled|generation]`
 */
import { parseArgs } from 'node:util';
import { barabasiAlbert } from '../src/generators/index.js';
import { SeededRandom } from '../src/generators/random.js';
// The package's entry in Node: batches of 2^19 pairs or more merge on a helper thread.
import { SocialGraph } from '../src/node/main.js';

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '1000000' },
    'avg-degree': { type: 'string', default: '40' },
    batches: { type: 'string', default: '1000000,2000000,5000000' },
    forms: { type: 'string', default: 'indexed,pairs,loop' },
    order: { type: 'string', default: 'shuffled' },
  },
});
const members = Number(values.members);
const avgDegree = Number(values['avg-degree']);
const batches = values.batches.split(',').map(Number);
const forms = values.forms.split(',') as ('indexed' | 'pairs' | 'loop')[];
const rate = (n: number, ms: number): string => `${((n / ms) * 1000 / 1e6).toFixed(2)}M/s`;

const { sources, targets } = barabasiAlbert({ members, avgDegree, seed: 42 });
const edges = sources.length;
const random = new SeededRandom(7);
// Member i gets a random 9-digit number: ids independent of degree, 23 characters long.
const perm = Array.from({ length: members }, (_, i) => i);
for (let i = members - 1; i > 0; i--) {
  const j = random.nextInt(i + 1);
  [perm[i], perm[j]] = [perm[j]!, perm[i]!];
}
// Parsed from JSON, so that each id is a flat string as ids read off the wire are (a template
// literal this long makes a V8 rope, which every hash of it must walk).
const ids: string[] = JSON.parse(JSON.stringify(perm.map((p) => `urn:li:member:${100_000_000 + p * 7}`)));
const half = edges >> 1;
const first = { ids, memberCount: members, sources: sources.subarray(0, half), targets: targets.subarray(0, half) };
// The second half's pairs, in the order they arrive: positions into the edge list.
const rest = new Int32Array(edges - half);
for (let i = 0; i < rest.length; i++) rest[i] = half + i;
if (values.order === 'shuffled') {
  for (let i = rest.length - 1; i > 0; i--) {
    const j = random.nextInt(i + 1);
    const t = rest[i]!;
    rest[i] = rest[j]!;
    rest[j] = t;
  }
}
console.log(
  `BA ${members.toLocaleString('en-US')} members, ${edges.toLocaleString('en-US')} connections; live graph of the first ${half.toLocaleString('en-US')} (fromIndexedEdges), ` +
    `then ${rest.length.toLocaleString('en-US')} pairs (${values.order} order); ids urn:li:member:…, shuffled against degree; node ${process.version}`,
);
const whole = SocialGraph.fromIndexedEdges({ ids, memberCount: members, sources, targets });
const withPairs = forms.includes('pairs') || forms.includes('loop');

for (const batch of batches) {
  const graphs = new Map(forms.map((form) => [form, SocialGraph.fromIndexedEdges(first)]));
  const ms = new Map(forms.map((form) => [form, 0]));
  const batchMs = new Map(forms.map((form) => [form, [] as number[]]));
  let round = 0;
  for (let start = 0; start < rest.length; start += batch) {
    const n = Math.min(batch, rest.length - start);
    // The [id, id] pairs only when a form takes them: a million small arrays kept alive would
    // give the garbage collector work inside the other forms' timed calls.
    const pairs: [string, string][] = withPairs ? new Array(n) : [];
    const s = new Int32Array(n);
    const t = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const e = rest[start + i]!;
      s[i] = sources[e]!;
      t[i] = targets[e]!;
      if (withPairs) pairs[i] = [ids[s[i]!]!, ids[t[i]!]!];
    }
    const order = round++ % 2 === 0 ? forms : [...forms].reverse();
    for (const form of order) {
      const graph = graphs.get(form)!;
      const t0 = performance.now();
      if (form === 'indexed') graph.connectAll({ ids, memberCount: members, sources: s, targets: t });
      else if (form === 'pairs') graph.connectAll(pairs);
      else for (let i = 0; i < n; i++) graph.connect(pairs[i]![0], pairs[i]![1]);
      const took = performance.now() - t0;
      ms.set(form, ms.get(form)! + took);
      batchMs.get(form)!.push(took);
    }
  }
  const line: string[] = [];
  for (const form of forms) {
    const graph = graphs.get(form)!;
    const equal = graph.connectionCount === whole.connectionCount && ids.every((id, i) => i % 997 !== 0 || graph.connections(id).join() === whole.connections(id).join());
    if (!equal) process.exitCode = 1;
    const sorted = batchMs.get(form)!.sort((a, b) => a - b);
    line.push(`${form} ${rate(rest.length, ms.get(form)!)} (batch p50 ${sorted[sorted.length >> 1]!.toFixed(0)} ms${equal ? '' : ', GRAPH DIFFERS'})`);
  }
  console.log(`batches of ${batch.toLocaleString('en-US')}: ${line.join('; ')}`);
  graphs.clear();
}
