/**
 * A lower bound for one `connect` per pair on a growing graph, beside SocialGraph on the same
 * input: the Barabási–Albert graph of `social-graph bench` (seed 1, average degree 40), its
 * members numbered by the bench's seeded permutation (`shuffled`, default) or as generated, with
 * its long ids (`urn:li:member:NNNNNNNNN`), pairs in generation order, one call per pair.
 *
 * The floor does the least any mutable graph keyed by string ids must do per pair: look up both
 * ids, check the pair against the first member's list, append each member to the other's list.
 * It cheats where it can: every list is preallocated at its final length (no growth, no moves),
 * lists are not sorted, nothing is validated, no event or option is looked at. Two id maps are
 * tried: a V8 `Map<string, number>` and the library's own `IdInterner`. Sides alternate in one
 * process, `--rounds` times (the machine drifts: compare within a round).
 *
 * What it shows: on a shuffled 1M-member graph every side pays a few cache and TLB misses per pair
 * that depend on each other (the caller's id array, the id string, the hash slot, the member's
 * record or list): the floor itself runs near 1M/s there, so a `connect` loop cannot pass it.
 *
 * Run: `node --max-old-space-size=16000 --import tsx bench/connect-floor.bench.ts [--members N] [--order shuffled|generation] [--rounds R]`
 */
import { parseArgs } from 'node:util';
import { makeNamedGraph, memberIds } from '../src/cli/bench/workload.js';
import { SocialGraph } from '../src/index.js';
import { IdInterner } from '../src/store/id-interner.js';

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '1000000' },
    order: { type: 'string', default: 'shuffled' },
    rounds: { type: 'string', default: '2' },
  },
});
const members = Number(values.members);
const order = values.order as 'shuffled' | 'generation';
const rounds = Number(values.rounds);

const g = await makeNamedGraph({ model: 'barabasi-albert', members, avgDegree: 40, seed: 1 }, order);
const ids = memberIds(members, 'long');
const { sources, targets, edges } = g;
const degree = new Int32Array(members);
for (let e = 0; e < edges; e++) {
  degree[sources[e]!]!++;
  degree[targets[e]!]!++;
}
console.log(`BA ${members.toLocaleString('en-US')} members, ${edges.toLocaleString('en-US')} connections, members ${order}, ids like ${ids[42]}; node ${process.version}`);

interface FloorLists {
  offset: Int32Array;
  length: Int32Array;
  adj: Int32Array;
}

/** Lists preallocated at their final lengths: the floor never grows or moves one. */
function floorLists(): FloorLists {
  const offset = new Int32Array(members + 1);
  for (let i = 0; i < members; i++) offset[i + 1] = offset[i]! + degree[i]!;
  return { offset, length: new Int32Array(members), adj: new Int32Array(offset[members]!) };
}

/** The floor's connect once both ids are looked up: a scan of `u`'s list for `v`, then two appends. */
function floorConnect(lists: FloorLists, u: number, v: number): void {
  const { offset, length, adj } = lists;
  const ou = offset[u]!;
  const lu = length[u]!;
  for (let k = 0; k < lu; k++) if (adj[ou + k] === v) return;
  adj[ou + lu] = v;
  length[u] = lu + 1;
  adj[offset[v]! + length[v]!] = u;
  length[v]!++;
}

function floorMap(): number {
  const map = new Map<string, number>();
  for (let i = 0; i < members; i++) map.set(ids[i]!, i);
  const lists = floorLists();
  const t = performance.now();
  for (let e = 0; e < edges; e++) floorConnect(lists, map.get(ids[sources[e]!]!)!, map.get(ids[targets[e]!]!)!);
  return performance.now() - t;
}

function floorInterner(): number {
  const interner = new IdInterner(1);
  interner.reserve(members);
  for (let i = 0; i < members; i++) interner.set(ids[i]!, i);
  const lists = floorLists();
  const pair = new Int32Array(2);
  const t = performance.now();
  for (let e = 0; e < edges; e++) {
    interner.indexOfPair(ids[sources[e]!]!, ids[targets[e]!]!, pair);
    floorConnect(lists, pair[0]!, pair[1]!);
  }
  return performance.now() - t;
}

function socialGraph(): number {
  const graph = new SocialGraph();
  for (let i = 0; i < members; i++) graph.addMember(ids[i]!);
  const t = performance.now();
  for (let e = 0; e < edges; e++) graph.connect(ids[sources[e]!]!, ids[targets[e]!]!);
  const ms = performance.now() - t;
  if (graph.connectionCount !== edges) throw new Error(`SocialGraph holds ${graph.connectionCount} connections, not ${edges}`);
  return ms;
}

const sides: [string, () => number][] = [
  ['floor, V8 Map', floorMap],
  ['floor, IdInterner', floorInterner],
  ['SocialGraph.connect', socialGraph],
];
const rate = (ms: number): string => `${(edges / ms / 1000).toFixed(2)}M/s`;
for (let round = 0; round < rounds; round++) {
  const run = round % 2 === 0 ? sides : [...sides].reverse();
  const line: string[] = [];
  for (const [name, side] of run) {
    globalThis.gc?.();
    line.push(`${name} ${rate(side())}`);
  }
  console.log(`round ${round + 1}: ${line.join('; ')}`);
}
