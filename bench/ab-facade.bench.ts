/**
 * A/B of two source trees of the library in one process, alternating: connect rate on shuffled
 * long ids, addMember rate, and degree / mutualCount / mutualConnections / reach p50 on random pairs. For checking a
 * refactor against the code before it (the other tree: a git worktree of the older commit).
 *
 *   node --expose-gc --import tsx bench/ab-facade.bench.ts OTHER_TREE [--members 100000] [--runs 3] [--generation-short]
 */
import { parseArgs } from 'node:util';
import { barabasiAlbert } from '../src/generators/index.js';
import { SeededRandom } from '../src/generators/random.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    members: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '3' },
    pairs: { type: 'string', default: '20000' },
    // Short ids (`u<n>`) in generation order (hubs first), the shape of the earliest runs.
    'generation-short': { type: 'boolean', default: false },
  },
});
const other = positionals[0];
if (other === undefined) throw new Error('usage: ab-facade.bench.ts OTHER_TREE');
type Graph = {
  addMember(id: string): void;
  connect(a: string, b: string): boolean;
  degree(a: string, b: string): number | null;
  mutualCount(a: string, b: string): number;
  mutualConnections(a: string, b: string): readonly string[];
  reach(id: string): unknown;
};
const trees: [string, new () => Graph][] = [
  ['this', (await import('../src/index.js')).SocialGraph as unknown as new () => Graph],
  ['other', (await import(`${other}/src/index.ts`)).SocialGraph as new () => Graph],
];
const members = Number(values.members);
const g = barabasiAlbert({ members, avgDegree: 40, seed: 1 });
const random = new SeededRandom(7);
// Long ids, shuffled against degree.
const order = Array.from({ length: members }, (_, i) => i);
for (let i = members - 1; i > 0; i--) {
  const j = random.nextInt(i + 1);
  [order[i], order[j]] = [order[j]!, order[i]!];
}
// Parsed from JSON: flat strings, as ids read off the wire are (a template literal this long is a rope).
const short = values['generation-short'] === true;
const ids: string[] = short ? order.map((_, i) => `u${i}`) : JSON.parse(JSON.stringify(order.map((k) => `urn:li:member:${String(100_000_000 + k * 7919)}`)));
const pairs = Array.from({ length: Number(values.pairs) }, () => [ids[random.nextInt(members)]!, ids[random.nextInt(members)]!] as const);
const p50 = (times: number[]): number => times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
console.log(`Barabási–Albert ${members} members, ${g.edges} connections, ${short ? 'short ids in generation order' : 'shuffled 23-character ids'}; Node ${process.version}`);
for (let run = 1; run <= Number(values.runs); run++) {
  for (const [name, SocialGraph] of run % 2 === 1 ? trees : [...trees].reverse()) {
    (globalThis as { gc?: () => void }).gc?.();
    const graph = new SocialGraph();
    let t = performance.now();
    for (const id of ids) graph.addMember(id);
    const addRate = members / (performance.now() - t) / 1000;
    t = performance.now();
    for (let i = 0; i < g.edges; i++) graph.connect(ids[g.sources[i]!]!, ids[g.targets[i]!]!);
    const connectRate = g.edges / (performance.now() - t) / 1000;
    const degree: number[] = [];
    const mutual: number[] = [];
    for (const [a, b] of pairs) {
      const s = performance.now();
      graph.degree(a, b);
      degree.push(performance.now() - s);
    }
    for (const [a, b] of pairs) {
      const s = performance.now();
      graph.mutualCount(a, b);
      mutual.push(performance.now() - s);
    }
    // The list's ids are read (their lengths summed), as a caller would use them.
    const list: number[] = [];
    let chars = 0;
    for (const [a, b] of pairs) {
      const s = performance.now();
      for (const id of graph.mutualConnections(a, b)) chars += id.length;
      list.push(performance.now() - s);
    }
    if (chars < 0) console.log(chars);
    const reach: number[] = [];
    for (let i = 0; i < 20; i++) {
      const s = performance.now();
      graph.reach(pairs[i]![0]);
      reach.push(performance.now() - s);
    }
    console.log(
      `run ${run} ${name.padEnd(5)} addMember ${addRate.toFixed(2)}M/s  connect ${connectRate.toFixed(2)}M/s  degree p50 ${(p50(degree) * 1000).toFixed(1)} µs  mutualCount p50 ${(p50(mutual) * 1000).toFixed(2)} µs  mutualConnections p50 ${(p50(list) * 1000).toFixed(2)} µs  reach p50 ${p50(reach).toFixed(2)} ms`,
    );
  }
}
