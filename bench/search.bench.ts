/**
 * The search figures of docs/search.md, in one process, on a seeded Barabási–Albert network
 * with 5 indexed profile attributes drawn from skewed (Zipf) distributions:
 *
 * 1. a filtered search of a viewer's 2nd degree (`company` = one of the 20 largest companies,
 *    sorted by mutual connections, a page of 20): p50 / p99, against the same search filtered by
 *    a predicate reading profile objects (the object-per-member baseline);
 * 2. a facet of the 2nd degree by company (top 10): p50 / p99;
 * 3. 100 degree badges for a cached viewer (`SocialGraph.degrees`): p50 / p99, against the
 *    uncached batch search (`batchDistances`) on the same pages;
 * 4. bytes per member per indexed attribute of the profile index (code columns + dictionaries),
 *    computed and measured on the heap.
 *
 *   node --expose-gc --import tsx bench/search.bench.ts [--members 1000000] [--avg-degree 40]
 *        [--viewers 300] [--seed 1]
 */
import { parseArgs } from 'node:util';
import { batchDistances } from '../src/algorithms/batch-distances.js';
import { runSearch } from '../src/algorithms/search.js';
import { barabasiAlbert } from '../src/generators/index.js';
import { SeededRandom } from '../src/generators/random.js';
import { SocialGraph } from '../src/index.js';
import { AttributeIndex } from '../src/features/profiles/attribute-index.js';
import { graphInternals, profileStore, viewerCache } from '../test/support/internals.js';

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '1000000' },
    'avg-degree': { type: 'string', default: '40' },
    viewers: { type: 'string', default: '300' },
    seed: { type: 'string', default: '1' },
  },
});
const members = Number(values.members);
const avgDegree = Number(values['avg-degree']);
const viewers = Number(values.viewers);
const seed = Number(values.seed);
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc --import tsx bench/search.bench.ts');
function heap(): number {
  for (let i = 0; i < 3; i++) gc!();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}
const nowUs = (): number => performance.now() * 1000;
function quantiles(times: number[]): { p50: number; p90: number; p99: number } {
  const s = Float64Array.from(times).sort();
  const at = (q: number): number => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99) };
}
const fmt = (us: number): string => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(1)} µs`);
/**
 * Wall time and CPU time (user + system of this process, which leaves out time spent preempted
 * on a loaded machine) of one call, in µs.
 */
function timed<T>(wall: number[], cpu: number[], fn: () => T): T {
  const c = process.cpuUsage();
  const s = nowUs();
  const result = fn();
  wall.push(nowUs() - s);
  const d = process.cpuUsage(c);
  cpu.push(d.user + d.system);
  return result;
}
const both = (wall: number[], cpu: number[]): string => {
  const w = quantiles(wall);
  const c = quantiles(cpu);
  return `wall p50 ${fmt(w.p50)} p99 ${fmt(w.p99)}; CPU p50 ${fmt(c.p50)} p90 ${fmt(c.p90)} p99 ${fmt(c.p99)}`;
};

// ---------------------------------------------------------------- the network and profiles
type Profile = { company: string; industry: string; location: string; school: string; title: string };
const ATTRIBUTES: { name: keyof Profile; values: number; exponent: number }[] = [
  { name: 'company', values: 5000, exponent: 1.0 },
  { name: 'industry', values: 150, exponent: 0.8 },
  { name: 'location', values: 1000, exponent: 1.0 },
  { name: 'school', values: 3000, exponent: 0.9 },
  { name: 'title', values: 500, exponent: 1.1 },
];
const random = new SeededRandom(seed + 1);
function zipf(n: number, exponent: number): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let r = 0; r < n; r++) cdf[r] = sum += 1 / (r + 1) ** exponent;
  return () => {
    const x = random.nextFloat() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

let t = nowUs();
const g = barabasiAlbert({ members, avgDegree, seed });
const id = (i: number): string => `u${i}`;
const graph = SocialGraph.fromIndexedEdges(
  { ids: id, memberCount: members, sources: g.sources, targets: g.targets },
  { indexedAttributes: ATTRIBUTES.map((a) => a.name) },
) as unknown as SocialGraph<Profile>;
console.log(
  `graph: Barabási–Albert, ${members.toLocaleString('en-US')} members, ${graph.connectionCount.toLocaleString('en-US')} connections, ` +
    `average degree ${avgDegree}, seed ${seed}; built in ${((nowUs() - t) / 1e6).toFixed(1)} s; Node ${process.version}`,
);
const valueNames = ATTRIBUTES.map((a) => Array.from({ length: a.values }, (_, r) => `${a.name} ${r + 1}`));
const draws = ATTRIBUTES.map((a) => zipf(a.values, a.exponent));
const codes = ATTRIBUTES.map(() => new Int32Array(members));
for (let i = 0; i < members; i++) for (let a = 0; a < ATTRIBUTES.length; a++) codes[a]![i] = draws[a]!();
const profileOf = (i: number): Profile => ({
  company: valueNames[0]![codes[0]![i]!]!,
  industry: valueNames[1]![codes[1]![i]!]!,
  location: valueNames[2]![codes[2]![i]!]!,
  school: valueNames[3]![codes[3]![i]!]!,
  title: valueNames[4]![codes[4]![i]!]!,
});
t = nowUs();
profileStore(graphInternals(graph)).reserve(members);
for (let i = 0; i < members; i++) graph.setProfile(id(i), profileOf(i));
console.log(
  `profiles: ${ATTRIBUTES.map((a) => `${a.name} (${a.values} values, Zipf s=${a.exponent})`).join(', ')}; set in ${((nowUs() - t) / 1e6).toFixed(1)} s`,
);

// ---------------------------------------------------------------- 4. memory of the index
{
  const store = profileStore(graphInternals(graph));
  let codeBytes = 0;
  let dictBytes = 0;
  for (const index of store.indexes) {
    codeBytes += index.codes.byteLength;
    // Dictionary: each value as a string (~ 16 + 2 per character), a Map entry (~ 40), a slot in
    // the value array (8) and a count (4).
    for (let c = 1; c < index.codeBound; c++) dictBytes += 16 + 2 * (index.valueOf(c)?.length ?? 0) + 40 + 8 + 4;
  }
  const per = (bytes: number): string => (bytes / members / ATTRIBUTES.length).toFixed(2);
  // Measured: the same 5 columns built again on their own, heap before and after.
  const before = heap();
  const columns = ATTRIBUTES.map((a) => new AttributeIndex(a.name));
  columns.forEach((c) => c.reserve(members));
  for (let a = 0; a < ATTRIBUTES.length; a++) for (let i = 0; i < members; i++) columns[a]!.set(i, valueNames[a]![codes[a]![i]!]!);
  const measured = heap() - before;
  console.log(
    `4. profile index: ${per(codeBytes + dictBytes)} bytes per member per indexed attribute (codes ${per(codeBytes)}, dictionaries ${per(dictBytes)}); ` +
      `measured on the heap: ${per(measured)} (budget 16)`,
  );
  columns.length = 0;
}

// ---------------------------------------------------------------- viewers and queries
const internals = graphInternals(graph);
const pickViewers = new SeededRandom(seed + 2);
const viewerIds: string[] = [];
for (let k = 0; k < viewers; k++) viewerIds.push(id(pickViewers.nextInt(members)));
const companyOf = (k: number): string => valueNames[0]![k % 20]!;

// Warm up the code paths.
for (let k = 0; k < 20; k++) {
  const me = graph.viewAs(viewerIds[k]!);
  me.search({ degree: 2, where: { company: companyOf(k) }, sort: 'mutual' });
  me.facets({ degree: 2, by: 'company' });
}

// Size of the 2nd degree of the viewers.
const seconds: number[] = viewerIds.map((v) => graph.viewAs(v).facets({ degree: 2, by: 'company', top: 1 }).total);
const sq = quantiles(seconds);
console.log(`viewers: ${viewers} random members; 2nd-degree network p50 ${sq.p50.toFixed(0)} members, p99 ${sq.p99.toFixed(0)}`);

// ---------------------------------------------------------------- 1. filtered search
{
  const times: number[] = [];
  const cpu: number[] = [];
  const base: number[] = [];
  const baseCpu: number[] = [];
  let hits = 0;
  for (let k = 0; k < viewers; k++) {
    const me = graph.viewAs(viewerIds[k]!);
    const company = companyOf(k);
    const page = timed(times, cpu, () => me.search({ degree: 2, where: { company }, sort: 'mutual', limit: 20 }));
    hits += page.total;
    const naive = timed(base, baseCpu, () => me.search({ degree: 2, where: (p) => p?.company === company, sort: 'mutual', limit: 20 }));
    if (naive.total !== page.total) throw new Error('baseline disagrees');
  }
  console.log(
    `1. filtered 2nd-degree search (company = one of the 20 largest, sort mutual, 20 per page; ${(hits / viewers).toFixed(0)} matches on average): ` +
      `${both(times, cpu)} (budget p50 5 ms); predicate over profile objects: ${both(base, baseCpu)} (x${(quantiles(base).p50 / quantiles(times).p50).toFixed(2)} at p50)`,
  );
}

// ---------------------------------------------------------------- 2. facets
{
  const times: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < viewers; k++) {
    const me = graph.viewAs(viewerIds[k]!);
    timed(times, cpu, () => me.facets({ degree: 2, by: 'company', top: 10 }));
  }
  console.log(`2. facet of the 2nd degree by company (top 10): ${both(times, cpu)} (budget p50 5 ms)`);
}

// ---------------------------------------------------------------- 3. badges for cached viewers
{
  const cache = viewerCache(internals);
  const cachedViewers = viewerIds.slice(0, Math.min(cache.capacity, viewers));
  const pages = new SeededRandom(seed + 3);
  const pageOf = (): string[] => Array.from({ length: 100 }, () => id(pages.nextInt(members)));
  for (const v of cachedViewers) {
    graph.degrees(v, pageOf());
    graph.degrees(v, pageOf());
  }
  const times: number[] = [];
  const cpu: number[] = [];
  const raw: number[] = [];
  const rawCpu: number[] = [];
  const { scratch, store } = internals;
  const out = new Int32Array(100);
  const targets = new Int32Array(100);
  // The cached pages, then the baseline on other pages drawn the same way (running both on the
  // same page would warm the CPU caches for whichever runs second).
  // Pages are drawn before timing, so that their garbage is not collected inside a timed call.
  const asked: string[][] = Array.from({ length: 20 * cachedViewers.length }, pageOf);
  const other: string[][] = Array.from({ length: 20 * cachedViewers.length }, pageOf);
  // Warm-up (JIT tiers) on the baseline's pages, untimed.
  for (let i = 0; i < other.length; i++) graph.degrees(cachedViewers[i % cachedViewers.length]!, other[i]!);
  const answers: (number | null)[][] = [];
  let n = 0;
  for (let round = 0; round < 20; round++) {
    for (const v of cachedViewers) {
      const page = asked[n++]!;
      answers.push(timed(times, cpu, () => graph.degrees(v, page)));
    }
  }
  n = 0;
  for (let round = 0; round < 20; round++) {
    for (const v of cachedViewers) {
      const page = other[n++]!;
      timed(raw, rawCpu, () => {
        const u = internals.index('bench', v);
        for (let i = 0; i < 100; i++) targets[i] = internals.index('bench', page[i]!);
        scratch.ensure(store.indexBound);
        runSearch(batchDistances(scratch, u, targets, 3, out), store);
      });
    }
  }
  // The cached answers are those of the uncached search.
  let k = 0;
  for (let round = 0; round < 20; round++) {
    for (const v of cachedViewers) {
      const page = asked[k]!;
      const u = internals.index('bench', v);
      for (let i = 0; i < 100; i++) targets[i] = internals.index('bench', page[i]!);
      runSearch(batchDistances(scratch, u, targets, 3, out), store);
      for (let i = 0; i < 100; i++) if ((out[i]! < 0 ? null : out[i]) !== answers[k]![i]) throw new Error('cache disagrees');
      k++;
    }
  }
  console.log(
    `3. 100 degree badges, cached viewer (${cachedViewers.length} viewers x 20 pages, cache hits ${cache.hits}): ${both(times, cpu)} (budget p99 100 µs); ` +
      `uncached batchDistances: ${both(raw, rawCpu)} (x${(quantiles(raw).p50 / quantiles(times).p50).toFixed(2)} at p50)`,
  );
}
