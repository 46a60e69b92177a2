/**
 * Where a graph's bytes go: a seeded Barabási–Albert graph (1M members, 20M connections) with ids
 * `urn:li:member:<n>` (23 characters, flat strings as a JSON parser makes them), loaded by
 * `fromIndexedEdges`. Prints `storeStats()` split into neighbour ids, block slack, slab tails,
 * free blocks and member records, and the process's growth (heap and array buffers, after forced
 * collections) per connection, measured from before the ids were made to after the caller's
 * array of them was dropped: what the graph holds, ids included.
 *
 * With `--connect`, the graph is built by `addMember` + `connect` instead (members numbered by a
 * seeded shuffle, as the CLI benchmark does): its blocks then carry the slack of growing lists.
 *
 * Run: `node --expose-gc --max-old-space-size=16000 --import tsx bench/memory-account.bench.ts [members] [--short] [--connect]`
 */
import { barabasiAlbert } from '../src/generators/index.js';
import { SocialGraph } from '../src/index.js';
const gc = (): void => {
  for (let i = 0; i < 3; i++) (globalThis as { gc?: () => void }).gc?.();
};
const members = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const short = process.argv.includes('--short');
const byConnect = process.argv.includes('--connect');
const { sources, targets, edges } = barabasiAlbert({ members, avgDegree: 40, seed: 42 });
// A seeded shuffle of the members for --connect (so that hubs are not the first ids).
const perm = new Int32Array(members);
for (let i = 0; i < members; i++) perm[i] = i;
let x = 12_345;
for (let i = members - 1; i > 0; i--) {
  x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0;
  const j = x % (i + 1);
  const t = perm[i]!;
  perm[i] = perm[j]!;
  perm[j] = t;
}
gc();
const before = process.memoryUsage();
/** The ids, made and dropped inside a call: no register of this module's frame keeps them. */
function load(): SocialGraph {
  const ids: string[] = [];
  for (let from = 0; from < members; from += 65_536) {
    const parts: string[] = [];
    for (let i = from; i < Math.min(members, from + 65_536); i++) parts.push(short ? `"u${(i * 7919) % members}"` : `"urn:li:member:${100_000_000 + ((i * 7919) % members)}"`);
    ids.push(...(JSON.parse(`[${parts.join(',')}]`) as string[]));
  }
  if (!byConnect) return SocialGraph.fromIndexedEdges({ ids, memberCount: members, sources, targets });
  const g = new SocialGraph();
  for (let i = 0; i < members; i++) g.addMember(ids[i]!);
  for (let e = 0; e < edges; e++) g.connect(ids[perm[sources[e]!]!]!, ids[perm[targets[e]!]!]!);
  return g;
}
const g = load();
gc();
const after = process.memoryUsage();
const s = g.storeStats();
const c = g.connectionCount;
console.log(JSON.stringify(s));
const per = (b: number) => (b / c).toFixed(2);
console.log(`${members} members, ${c} connections, ids like ${g.members().slice(0, 1)[0]}, built by ${byConnect ? 'addMember + connect' : 'fromIndexedEdges'}`);
console.log('store bytes/conn', per(s.bytes), 'used slots', per(s.usedSlots * 4), 'block slack', per((s.blockSlots - s.usedSlots) * 4), 'slab tail', per((s.allocatedSlots - s.blockSlots - s.freeSlots) * 4), 'free', per(s.freeSlots * 4), 'member records', per(s.bytes - s.allocatedSlots * 4));
console.log('held by the graph, ids included, bytes/conn: heap', per(after.heapUsed - before.heapUsed), 'arrayBuffers', per(after.arrayBuffers - before.arrayBuffers), 'total', per(after.heapUsed - before.heapUsed + after.arrayBuffers - before.arrayBuffers));
