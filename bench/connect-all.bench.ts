/**
 * `connectAll` on a live graph: a seeded Barabási–Albert graph (default 1M members, average
 * degree 40: 20M connections) with ids shuffled against degree and long
 * (`urn:li:member:NNNNNNNNN`, 23 characters). The first half of the connections is loaded by
 * `fromIndexedEdges`; the second half is then added to the live graph, alternately by
 * `connectAll` in batches and by one `connect` per pair on a copy, batch for batch, in the same
 * process (the machine drifts: alternating keeps the ratio honest). The pairs of the second half
 * arrive in generation order, or shuffled (`shuffled` argument). Both graphs must end equal.
 *
 * Run: `node --max-old-space-size=16000 --import tsx bench/connect-all.bench.ts [members] [avgDegree] [batch] [generation|shuffled]`
 */
import { barabasiAlbert } from '../src/generators/index.js';
import { SeededRandom } from '../src/generators/random.js';
import { SocialGraph } from '../src/index.js';

const args = process.argv.slice(2);
const members = Number(args[0] ?? 1_000_000);
const avgDegree = Number(args[1] ?? 40);
const batch = Number(args[2] ?? 1_000_000);
const order = args[3] ?? 'generation';
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
const rest: [string, string][] = [];
for (let e = half; e < edges; e++) rest.push([ids[sources[e]!]!, ids[targets[e]!]!]);
if (order === 'shuffled') {
  for (let i = rest.length - 1; i > 0; i--) {
    const j = random.nextInt(i + 1);
    [rest[i], rest[j]] = [rest[j]!, rest[i]!];
  }
}
console.log(`BA ${members} members, ${edges} connections; live graph of the first ${half}, then ${rest.length} pairs (${order} order) in batches of ${batch}; ids urn:li:member:…, shuffled against degree; node ${process.version}`);

const bulk = SocialGraph.fromIndexedEdges(first);
const loop = SocialGraph.fromIndexedEdges(first);
let bulkMs = 0;
let loopMs = 0;
let added = 0;
const batchMs: number[] = [];
for (let start = 0; start < rest.length; start += batch) {
  const pairs = rest.slice(start, start + batch);
  let t = performance.now();
  added += bulk.connectAll(pairs);
  const ms = performance.now() - t;
  bulkMs += ms;
  batchMs.push(ms);
  t = performance.now();
  for (let i = 0; i < pairs.length; i++) loop.connect(pairs[i]![0], pairs[i]![1]);
  loopMs += performance.now() - t;
}
batchMs.sort((a, b) => a - b);
const equal = bulk.connectionCount === loop.connectionCount && ids.every((id, i) => i % 997 !== 0 || bulk.connections(id).join() === loop.connections(id).join());
console.log(`connectAll: ${rate(rest.length, bulkMs)} pairs (${added} new connections), batch p50 ${batchMs[batchMs.length >> 1]!.toFixed(0)} ms`);
console.log(`connect loop: ${rate(rest.length, loopMs)} pairs; connectAll / loop ${(loopMs / bulkMs).toFixed(2)}×`);
console.log(`graphs equal: ${equal} (${bulk.connectionCount} connections)`);
if (!equal) process.exitCode = 1;
