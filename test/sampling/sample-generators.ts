/**
 * Samples the suite's shared generators with the suite seed and prints what they produce
 * (sizes, connections, distance spread). Not a test: run it to see the shapes a property gets.
 *   npx tsx test/sampling/sample-generators.ts          (with the suite's global fast-check settings)
 *   npx tsx test/sampling/sample-generators.ts --fc-defaults   (fast-check 4 defaults: size 'small')
 */
import fc from 'fast-check';
import { FC_SEED } from '../support/fc-config.js';

const defaults = process.argv.includes('--fc-defaults');
if (!defaults) (await import('../support/fc-global.js')).configureFastCheck();

const { smallGraph } = await import('../support/arbitraries.js');
const { opsArb, buildGraph } = await import('../io/graph-state.js');
const { naiveFromEdges, naiveDistance } = await import('../support/oracle.js');

const pct = (k: number, n: number): string => `${((100 * k) / n).toFixed(0)}%`;

{
  const N = 150;
  const graphs = fc.sample(smallGraph, { seed: FC_SEED, numRuns: N });
  let members = 0;
  let conns = 0;
  let pairs = 0;
  let unconnectedPairs = 0;
  let empty = 0;
  let far = 0;
  let hub8 = 0;
  let isolated = 0;
  let multiComp = 0;
  const atDist = new Array<number>(8).fill(0);
  for (const g of graphs) {
    const naive = naiveFromEdges(g.members, g.edges);
    members += g.members.length;
    let e = 0;
    for (const s of naive.values()) e += s.size;
    conns += e / 2;
    if (e === 0) empty++;
    if ([...naive.values()].some((s) => s.size >= 8)) hub8++;
    if ([...naive.values()].some((s) => s.size === 0)) isolated++;
    const seen = new Array<boolean>(8).fill(false);
    let unreachable = false;
    for (const a of g.members) {
      for (const b of g.members) {
        if (a >= b) continue;
        pairs++;
        const d = naiveDistance(naive, a, b, 99);
        if (d === null) {
          unconnectedPairs++;
          const sa = naive.get(a)!.size;
          const sb = naive.get(b)!.size;
          if (sa > 0 && sb > 0) unreachable = true;
        }
        seen[d === null ? 0 : Math.min(d, 7)] = true;
      }
    }
    if (unreachable) multiComp++;
    if (seen.slice(4).some(Boolean)) far++;
    seen.forEach((s, d) => s && atDist[d]!++);
  }
  console.log(`smallGraph (${N} graphs): avg ${(members / N).toFixed(1)} members, ${(conns / N).toFixed(1)} connections; ` +
    `${pct(unconnectedPairs, pairs)} of pairs unconnected; ${empty} graphs without a connection; ${far} with a pair > 3 apart; ` +
    `${hub8} with a hub (>= 8); ${isolated} with an isolated member; ${multiComp} with 2+ non-trivial components`);
  console.log(`  graphs with a pair at distance 1..6, 7+: ${atDist.slice(1).map((k, i) => `${i + 1}:${k}`).join(' ')}`);
}
{
  const N = 300;
  const all = fc.sample(opsArb, { seed: FC_SEED, numRuns: N });
  const graphs = all.map((ops) => buildGraph(ops));
  const none = graphs.filter((g) => g.connectionCount === 0).length;
  const avg = graphs.reduce((s, g) => s + g.connectionCount, 0) / N;
  const capped = graphs.filter((g) => g.members().some((m) => g.connectionCountOf(m) >= g.maxConnectionsPerMember())).length;
  console.log(`opsArb (io graph-state, ${N} graphs): ${none} without a connection, avg ${avg.toFixed(1)} connections, avg ${(all.reduce((s, o) => s + o.length, 0) / N).toFixed(1)} ops; ${capped} with a member at the cap`);
}
{
  const lens = fc.sample(fc.commands([fc.constant({ check: () => true, run: () => {}, toString: () => 'x' })], { maxCommands: 120 }), { seed: FC_SEED, numRuns: 500 }).map((c) => [...c].length);
  console.log(`fc.commands({ maxCommands: 120 }) x500: max ${Math.max(...lens)}, >= 40 in ${pct(lens.filter((l) => l >= 40).length, 500)}`);
  const arr = fc.sample(fc.array(fc.nat(), { maxLength: 120 }), { seed: FC_SEED, numRuns: 500 }).map((a) => a.length);
  console.log(`fc.array({ maxLength: 120 }) x500: max ${Math.max(...arr)}`);
  const sets = fc.sample(fc.uniqueArray(fc.integer({ min: 0, max: 2000 }), { maxLength: 400 }), { seed: FC_SEED, numRuns: 300 }).map((a) => a.length);
  console.log(`intersection big list (maxLength 400) x300: max ${Math.max(...sets)}, >= 25 in ${pct(sets.filter((l) => l >= 25).length, 300)}`);
}
