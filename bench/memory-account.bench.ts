/**
 * Where a graph's bytes go: a seeded Barabási–Albert graph (1M members, 20M connections) with ids
 * `urn:li:member:<n>` (23 characters), loaded by `fromIndexedEdges`; prints `storeStats()` split
 * into neighbour ids, block slack, slab tails, free blocks and member records, and the process's
 * heap and array-buffer growth (after forced collections) per connection. The id strings existed
 * before the load, so they are not in the growth: V8 keeps a 23-character string in 40 bytes.
 *
 * Run: `node --expose-gc --max-old-space-size=16000 --import tsx bench/memory-account.bench.ts`
 */
import { barabasiAlbert } from '../src/generators/index.js';
import { SocialGraph } from '../src/index.js';
const members = 1_000_000;
const { sources, targets } = barabasiAlbert({ members, avgDegree: 40, seed: 42 });
const ids = Array.from({ length: members }, (_, i) => `urn:li:member:${100_000_000 + ((i * 7919) % members)}`);
(globalThis as { gc?: () => void }).gc?.();
const before = process.memoryUsage();
const g = SocialGraph.fromIndexedEdges({ ids, memberCount: members, sources, targets });
(globalThis as { gc?: () => void }).gc?.();
const after = process.memoryUsage();
const s = g.storeStats();
const c = g.connectionCount;
console.log(JSON.stringify(s));
const per = (b: number) => (b / c).toFixed(2);
console.log('connections', c, 'store bytes/conn', per(s.bytes), 'used slots', per(s.usedSlots * 4), 'block slack', per((s.blockSlots - s.usedSlots) * 4), 'slab tail', per((s.allocatedSlots - s.blockSlots - s.freeSlots) * 4), 'free', per(s.freeSlots * 4), 'member records', per(s.bytes - s.allocatedSlots * 4));
console.log('process delta bytes/conn: heap', per(after.heapUsed - before.heapUsed), 'arrayBuffers', per(after.arrayBuffers - before.arrayBuffers), 'total', per(after.heapUsed - before.heapUsed + after.arrayBuffers - before.arrayBuffers));
