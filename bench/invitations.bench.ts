/**
 * The invitations issue's acceptance figures, in one process, on a seeded Barabási–Albert network
 * built with fromIndexedEdges:
 *
 * - introductions to a 3rd-degree target (p50/p99), against a degree lookup of the same pairs;
 * - suggestions, top 20 (p50/p99), against a naive Map count + full sort of the 2nd degree;
 * - invite + accept of 2nd-degree pairs (pairs per second), against degree + connect alone.
 *
 *   npx tsx bench/invitations.bench.ts [--members 1000000] [--avg-degree 40] [--queries 2000]
 *        [--pairs 200000] [--seed 1]
 */
import { parseArgs } from 'node:util';
import { barabasiAlbert } from '../src/generators/index.js';
import { SeededRandom } from '../src/generators/random.js';
import { SocialGraph } from '../src/index.js';

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '1000000' },
    'avg-degree': { type: 'string', default: '40' },
    queries: { type: 'string', default: '2000' },
    pairs: { type: 'string', default: '200000' },
    seed: { type: 'string', default: '1' },
  },
});
const members = Number(values.members);
const avgDegree = Number(values['avg-degree']);
const queries = Number(values.queries);
const pairCount = Number(values.pairs);
const seed = Number(values.seed);

const nowUs = (): number => Number(process.hrtime.bigint()) / 1e3;
function quantiles(times: Float64Array): { p50: number; p99: number; max: number } {
  const s = Float64Array.from(times).sort();
  const at = (q: number): number => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
  return { p50: at(0.5), p99: at(0.99), max: s[s.length - 1]! };
}
const fmt = (us: number): string => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(1)} µs`);
function line(name: string, times: Float64Array, base?: Float64Array): void {
  const q = quantiles(times);
  let ratio = '';
  if (base !== undefined) {
    const b = quantiles(base);
    ratio = `   (${(q.p50 / b.p50).toFixed(1)}× the baseline's p50, ${(q.p99 / b.p99).toFixed(1)}× its p99)`;
  }
  console.log(`${name.padEnd(44)} n=${times.length}  p50 ${fmt(q.p50)}  p99 ${fmt(q.p99)}  max ${fmt(q.max)}${ratio}`);
}

let t = nowUs();
const gen = barabasiAlbert({ members, avgDegree, seed });
const ids: string[] = Array.from({ length: members }, (_, i) => `u${i}`);
const graph = SocialGraph.fromIndexedEdges({ ids, memberCount: members, sources: gen.sources, targets: gen.targets, edges: gen.edges });
console.log(
  `graph: Barabási–Albert, ${members.toLocaleString('en-US')} members, ${graph.connectionCount.toLocaleString('en-US')} connections, ` +
    `average degree ${avgDegree}, seed ${seed}; built in ${((nowUs() - t) / 1e6).toFixed(1)} s; Node ${process.version}`,
);

const random = new SeededRandom(seed + 4242);
const pick = (list: readonly string[]): string => list[random.nextInt(list.length)]!;
const randomMember = (): string => ids[random.nextInt(members)]!;

// ---------------------------------------------------------------- introductions, 3rd degree
const from: string[] = [];
const to: string[] = [];
while (from.length < queries) {
  const a = randomMember();
  // A 3-hop walk, kept when it lands at degree exactly 3.
  const b = pick(graph.connections(pick(graph.connections(pick(graph.connections(a))))));
  if (graph.degree(a, b) === 3) {
    from.push(a);
    to.push(b);
  }
}
for (let i = 0; i < Math.min(200, queries); i++) graph.introductions(from[i]!, to[i]!, { limit: 10 });
const degreeTimes = new Float64Array(queries);
for (let i = 0; i < queries; i++) {
  const s = nowUs();
  graph.degree(from[i]!, to[i]!);
  degreeTimes[i] = nowUs() - s;
}
const introTimes = new Float64Array(queries);
let chains = 0;
for (let i = 0; i < queries; i++) {
  const s = nowUs();
  const found = graph.introductions(from[i]!, to[i]!, { limit: 10 });
  introTimes[i] = nowUs() - s;
  chains += found.length;
}
console.log(`\n3rd-degree targets: ${queries} pairs (3-hop random walks at degree exactly 3); ${(chains / queries).toFixed(1)} chains returned on average (limit 10)`);
line('baseline: degree(from, to)', degreeTimes);
line('introductions(from, to, { limit: 10 })', introTimes, degreeTimes);

// ---------------------------------------------------------------- suggestions, top 20
const viewers = Array.from({ length: queries }, randomMember);
for (let i = 0; i < Math.min(200, queries); i++) graph.suggestions(viewers[i]!, { limit: 20 });
const suggestTimes = new Float64Array(queries);
for (let i = 0; i < queries; i++) {
  const s = nowUs();
  graph.suggestions(viewers[i]!, { limit: 20 });
  suggestTimes[i] = nowUs() - s;
}
// Baseline: a Map counter over the same lists, then a sort of the whole 2nd degree (a fifth of the queries).
const naiveCount = Math.max(1, Math.floor(queries / 5));
const naiveTimes = new Float64Array(naiveCount);
for (let i = 0; i < naiveCount; i++) {
  const s = nowUs();
  const v = viewers[i]!;
  const mine = new Set(graph.connections(v));
  const counts = new Map<string, number>();
  for (const x of mine) {
    graph.forEachConnection(x, (w) => {
      if (w !== v && !mine.has(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
    });
  }
  [...counts].sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : 1)).slice(0, 20);
  naiveTimes[i] = nowUs() - s;
}
console.log(`\nsuggestions: ${queries} random members`);
line('baseline: Map count + full sort (naive)', naiveTimes);
line('suggestions(id, { limit: 20 })', suggestTimes, naiveTimes);

// ---------------------------------------------------------------- invite + accept
// Distinct 2nd-degree pairs (a, friend of a friend), sender ≠ recipient, never the same pair twice.
function secondDegreePairs(count: number, seen: Set<number>): [string[], string[]] {
  const a: string[] = [];
  const b: string[] = [];
  while (a.length < count) {
    const u = random.nextInt(members);
    const x = pick(graph.connections(ids[u]!));
    const w = pick(graph.connections(x));
    const v = Number(w.slice(1));
    if (u === v) continue;
    const key = Math.min(u, v) * members + Math.max(u, v);
    if (seen.has(key) || graph.areConnected(ids[u]!, w)) continue;
    seen.add(key);
    a.push(ids[u]!);
    b.push(w);
  }
  return [a, b];
}
const seen = new Set<number>();
const [ba, bb] = secondDegreePairs(pairCount, seen);
const [ia, ib] = secondDegreePairs(pairCount, seen);
t = nowUs();
let baseConnected = 0;
for (let i = 0; i < pairCount; i++) {
  if (graph.degree(ba[i]!, bb[i]!) !== 1 && graph.connect(ba[i]!, bb[i]!)) baseConnected++;
}
const baseUs = nowUs() - t;
t = nowUs();
let accepted = 0;
let denied = 0;
for (let i = 0; i < pairCount; i++) {
  try {
    const invitation = graph.invite(ia[i]!, ib[i]!);
    graph.accept(invitation.id);
    accepted++;
  } catch {
    denied++; // connected meanwhile by an earlier pair: counted, not retried
  }
}
const inviteUs = nowUs() - t;
console.log(`\ninvite + accept: ${pairCount.toLocaleString('en-US')} distinct 2nd-degree pairs (random member, friend of a friend), default policy, no quota`);
console.log(`baseline: degree + connect                   ${((baseConnected / baseUs) * 1e6).toFixed(0).padStart(9)} pairs/s (${baseConnected} connected)`);
console.log(
  `invite + accept                              ${((accepted / inviteUs) * 1e6).toFixed(0).padStart(9)} pairs/s (${accepted} accepted, ${denied} denied; ` +
    `${((baseConnected / baseUs / (accepted / inviteUs))).toFixed(2)}× the baseline's time per pair)`,
);
console.log(`graph after: ${graph.connectionCount.toLocaleString('en-US')} connections`);
