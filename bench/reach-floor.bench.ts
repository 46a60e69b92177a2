/**
 * SocialGraph.reach against its floor: a plain level-by-level BFS over a static CSR, on the same
 * sources, in one process.
 *
 * Graphs: seeded Barabási–Albert networks (average degree 40: each new member brings 20
 * connections, as `social-graph bench` builds them), member numbering shuffled against degree
 * with a seeded permutation (the generator numbers members by arrival, so hubs would otherwise
 * have the smallest indices), built with `SocialGraph.fromIndexedEdges` under long ids
 * `urn:li:member:NNNNNNNNN`; and the real networks of test/fixtures under their own ids.
 *
 * The floor: CSR offsets + sorted `Int32Array` lists, a `Uint8Array` of visited stamps with a
 * generation counter (a byte per member, as small as SocialGraph's marks; the array is zeroed once
 * every 255 calls, nothing per call), a `Map<string, number>` id lookup per call, top-down levels.
 *
 * Each size: one sample of source ids (seeded), a warm-up of both (2,000 calls each, or 2 s), then `--rounds` rounds that
 * time every source once with each, the two taking turns to go first; every answer of one is
 * compared with the other's (and, on fixtures, with the reference `.reach.tsv`).
 * Prints p50/p99 (ms) of each and the p50 and p99 ratios SocialGraph / floor.
 *
 *   node --expose-gc --import tsx bench/reach-floor.bench.ts [--sizes 10000,100000,1000000,5000000]
 *        [--networks ego-facebook,email-eu-core,ca-grqc,karate] [--avg-degree 40] [--seed 1]
 *        [--sources N] [--rounds 5] [--only ba|fixtures] [--ids urn|index] [--detail] [--data DIR]
 *        [--timing call|loop] [--floor stamp|clear]
 *
 * --data reads the networks from DIR instead of test/fixtures (e.g. `--data ../shared/data
 * --networks soc-slashdot0902`, a network too big to keep a copy of in the repository).
 * --detail also prints the sources where SocialGraph's median is furthest above the floor's.
 * --timing loop times each round's sources as one loop per side (the per-call figure is the
 * loop's time over the sources; percentiles are then over rounds), which keeps the clock's own
 * cost (about 0.1 µs a reading) out of calls that take about 1 µs (karate, ca-grqc).
 * --floor clear makes the floor clear its marks member by member before it returns, as
 * SocialGraph's `reach` does, instead of stamping a generation number.
 */
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { barabasiAlbert } from '../src/generators/index.js';
import { SeededRandom } from '../src/generators/random.js';
// As Node users get it (the package's `node` condition).
import { SocialGraph } from '../src/node/main.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000,5000000' },
    networks: { type: 'string', default: 'ego-facebook,email-eu-core,ca-grqc,karate' },
    'avg-degree': { type: 'string', default: '40' },
    seed: { type: 'string', default: '1' },
    sources: { type: 'string', default: '' },
    rounds: { type: 'string', default: '5' },
    only: { type: 'string', default: '' },
    ids: { type: 'string', default: 'urn' },
    detail: { type: 'boolean', default: false },
    data: { type: 'string', default: '' },
    timing: { type: 'string', default: 'call' },
    floor: { type: 'string', default: 'stamp' },
  },
});
const avgDegree = Number(values['avg-degree']);
const seed = Number(values.seed);
const rounds = Number(values.rounds);
if (values.timing !== 'call' && values.timing !== 'loop') throw new Error(`--timing call|loop, got ${values.timing}`);
if (values.floor !== 'stamp' && values.floor !== 'clear') throw new Error(`--floor stamp|clear, got ${values.floor}`);
const clearMarks = values.floor === 'clear';
if (values.detail && values.timing === 'loop') throw new Error('--detail needs --timing call (per-source times)');
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');

/** A graph over dense indices 0..n-1, each connection once. */
interface Edges {
  name: string;
  n: number;
  sources: Int32Array;
  targets: Int32Array;
  ids: string[];
  /** Reference answers (fixtures): id → [d1, d2, d3]. */
  reference: Map<string, [number, number, number]> | null;
}

/** The floor: static CSR, sorted lists, stamp array, Map id lookup. */
class Floor {
  readonly offsets: Int32Array;
  readonly neighbors: Int32Array;
  readonly stamp: Uint8Array;
  readonly queue: Int32Array;
  readonly lookup = new Map<string, number>();
  generation = 0;

  constructor(g: Edges) {
    const n = g.n;
    const m = g.sources.length;
    const offsets = new Int32Array(n + 1);
    for (let e = 0; e < m; e++) {
      offsets[g.sources[e]! + 1]!++;
      offsets[g.targets[e]! + 1]!++;
    }
    for (let v = 0; v < n; v++) offsets[v + 1]! += offsets[v]!;
    const cursor = offsets.slice(0, n);
    const neighbors = new Int32Array(2 * m);
    for (let e = 0; e < m; e++) {
      const a = g.sources[e]!;
      const b = g.targets[e]!;
      neighbors[cursor[a]!++] = b;
      neighbors[cursor[b]!++] = a;
    }
    for (let v = 0; v < n; v++) neighbors.subarray(offsets[v]!, offsets[v + 1]!).sort();
    this.offsets = offsets;
    this.neighbors = neighbors;
    this.stamp = new Uint8Array(n);
    this.queue = new Int32Array(n);
    for (let v = 0; v < n; v++) this.lookup.set(g.ids[v]!, v);
  }

  reach(id: string): { first: number; second: number; third: number } {
    const s = this.lookup.get(id);
    if (s === undefined) throw new Error(`unknown ${id}`);
    const { offsets, neighbors, stamp, queue } = this;
    if (this.generation === 255) {
      stamp.fill(0);
      this.generation = 0;
    }
    const gen = clearMarks ? 1 : ++this.generation;
    stamp[s] = gen;
    queue[0] = s;
    let from = 0;
    let n = 1;
    const counts = [0, 0, 0];
    for (let level = 0; level < 3; level++) {
      const to = n;
      for (let i = from; i < to; i++) {
        const u = queue[i]!;
        for (let j = offsets[u]!, e = offsets[u + 1]!; j < e; j++) {
          const w = neighbors[j]!;
          if (stamp[w] === gen) continue;
          stamp[w] = gen;
          queue[n++] = w;
        }
      }
      counts[level] = n - to;
      from = to;
    }
    if (clearMarks) for (let i = 0; i < n; i++) stamp[queue[i]!] = 0;
    return { first: counts[0]!, second: counts[1]!, third: counts[2]! };
  }
}

/** Barabási–Albert, numbering shuffled by a seeded permutation. */
function baEdges(members: number): Edges {
  const g = barabasiAlbert({ members, avgDegree, seed });
  const perm = new Int32Array(members);
  for (let i = 0; i < members; i++) perm[i] = i;
  const random = new SeededRandom(seed + 7);
  for (let i = members - 1; i > 0; i--) {
    const j = random.nextInt(i + 1);
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  const sources = new Int32Array(g.edges);
  const targets = new Int32Array(g.edges);
  for (let e = 0; e < g.edges; e++) {
    sources[e] = perm[g.sources[e]!]!;
    targets[e] = perm[g.targets[e]!]!;
  }
  const ids: string[] = new Array(members);
  for (let i = 0; i < members; i++) ids[i] = values.ids === 'index' ? String(i) : `urn:li:member:${String(100_000_000 + i)}`;
  return { name: `BA ${members.toLocaleString('en-US')}`, n: members, sources, targets, ids, reference: null };
}

/** A fixture network: ids in order of first appearance, self-pairs dropped (their members kept), each pair once. */
function fixtureEdges(name: string): Edges {
  const dir = values.data !== '' ? pathToFileURL(`${values.data.replace(/\/$/, '')}/`) : new URL('../test/fixtures/', import.meta.url);
  // Compressed (`.txt.gz`) or, for a network small enough to keep as text (karate), `.txt`.
  const gz = new URL(`${name}.txt.gz`, dir);
  const text = existsSync(gz) ? gunzipSync(readFileSync(gz)).toString('utf8') : readFileSync(new URL(`${name}.txt`, dir), 'utf8');
  const index = new Map<string, number>();
  const ids: string[] = [];
  const intern = (id: string): number => {
    let v = index.get(id);
    if (v === undefined) {
      v = ids.length;
      index.set(id, v);
      ids.push(id);
    }
    return v;
  };
  const seen = new Set<number>();
  const src: number[] = [];
  const dst: number[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [a, b] = line.trim().split(/\s+/) as [string, string];
    const x = intern(a);
    const y = intern(b);
    if (x === y) continue;
    const key = Math.min(x, y) * 2 ** 26 + Math.max(x, y);
    if (seen.has(key)) continue;
    seen.add(key);
    src.push(x);
    dst.push(y);
  }
  const reference = new Map<string, [number, number, number]>();
  const [, ...rows] = readFileSync(new URL(`${name}.reach.tsv`, dir), 'utf8').split(/\r?\n/).filter((l) => l !== '');
  for (const row of rows) {
    const [node, d1, d2, d3] = row.split('\t');
    reference.set(node!, [Number(d1), Number(d2), Number(d3)]);
  }
  return { name, n: ids.length, sources: Int32Array.from(src), targets: Int32Array.from(dst), ids, reference };
}

function percentile(times: Float64Array, q: number): number {
  const s = Float64Array.from(times).sort();
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;
/** Three significant digits. */
const ms = (x: number): string => x.toPrecision(3);

function run(g: Edges): void {
  let t = nowMs();
  const graph = SocialGraph.fromIndexedEdges({ memberCount: g.n, ids: g.ids, sources: g.sources, targets: g.targets });
  const buildGraph = nowMs() - t;
  t = nowMs();
  const floor = new Floor(g);
  const buildFloor = nowMs() - t;
  // Sources: 200 up to 100k members, 40 above (a call takes 2-15 ms there). The reach of a source,
  // and so its time, varies by 10x between sources: with 16 sources the p50 ratio at 5M moved
  // between 0.76x and 0.99x in four runs; with 40, two runs gave 0.70x both.
  const count = values.sources !== '' ? Number(values.sources) : g.n <= 100_000 ? 200 : 40;
  const random = new SeededRandom(seed + 1000);
  const sample: string[] = [];
  // Fixtures: the reference members first (random and hubs), then random members.
  if (g.reference !== null) for (const id of g.reference.keys()) if (sample.length < count) sample.push(id);
  while (sample.length < count) sample.push(g.ids[random.nextInt(g.n)]!);
  for (const id of g.reference?.keys() ?? []) {
    const want = g.reference!.get(id)!;
    const got = graph.reach(id);
    if (got.first !== want[0] || got.second !== want[1] || got.third !== want[2]) throw new Error(`${g.name}: reach(${id}) ${JSON.stringify(got)}, reference ${want.join('/')}`);
  }
  gc!();
  // Warm-up: 2,000 calls of each, cycling through the sources (within 2 s), so that both are
  // timed on optimised code. SocialGraph's call goes through more functions (facade, id lookup,
  // level loop) than the floor's one loop, and takes more calls to be optimised: with 50 calls of
  // warm-up, its first timed calls on a small network ran 5x slower than optimised.
  const warmStart = nowMs();
  for (let i = 0; i < 2000 && nowMs() - warmStart < 2000; i++) {
    graph.reach(sample[i % sample.length]!);
    floor.reach(sample[i % sample.length]!);
  }
  const k = sample.length;
  const loop = values.timing === 'loop';
  const a = new Float64Array(loop ? rounds : k * rounds);
  const b = new Float64Array(loop ? rounds : k * rounds);
  let checked = 0;
  let reached = 0;
  type Triple = { first: number; second: number; third: number };
  /** Both answers for `id` must be equal; counts the answer and its reach. */
  const agree = (id: string, x: Triple, y: Triple): void => {
    if (x.first !== y.first || x.second !== y.second || x.third !== y.third) {
      throw new Error(`${g.name}: reach(${id}) differs: SocialGraph ${JSON.stringify(x)}, floor ${JSON.stringify(y)}`);
    }
    checked++;
    reached += x.first + x.second + x.third;
  };
  const xs: Triple[] = new Array(k);
  const ys: Triple[] = new Array(k);
  // One loop over every source: the time per call.
  const timeLoop = (reach: (id: string) => Triple, out: Triple[]): number => {
    const s = nowMs();
    for (let i = 0; i < k; i++) out[i] = reach(sample[i]!);
    return (nowMs() - s) / k;
  };
  const sg = (id: string): Triple => graph.reach(id);
  const fl = (id: string): Triple => floor.reach(id);
  // Loop timing: 100 more untimed loops of each first (20,000 calls: on karate and ca-grqc, calls
  // kept getting faster past the 2,000 of the warm-up above).
  for (let r = 0; loop && r < 100; r++) {
    timeLoop(sg, xs);
    timeLoop(fl, ys);
  }
  for (let r = 0; loop && r < rounds; r++) {
    if (r % 2 === 0) {
      a[r] = timeLoop(sg, xs);
      b[r] = timeLoop(fl, ys);
    } else {
      b[r] = timeLoop(fl, ys);
      a[r] = timeLoop(sg, xs);
    }
    for (let i = 0; i < k; i++) agree(sample[i]!, xs[i]!, ys[i]!);
  }
  for (let r = 0; !loop && r < rounds; r++) {
    for (let i = 0; i < k; i++) {
      const id = sample[i]!;
      const order = (r + i) % 2;
      let x: Triple;
      let y: Triple;
      if (order === 0) {
        let s = nowMs();
        x = graph.reach(id);
        a[r * k + i] = nowMs() - s;
        s = nowMs();
        y = floor.reach(id);
        b[r * k + i] = nowMs() - s;
      } else {
        let s = nowMs();
        y = floor.reach(id);
        b[r * k + i] = nowMs() - s;
        s = nowMs();
        x = graph.reach(id);
        a[r * k + i] = nowMs() - s;
      }
      agree(id, x, y);
    }
  }
  if (values.detail) {
    const rows: { id: string; ratio: number; a: number; b: number; reach: string }[] = [];
    for (let i = 0; i < k; i++) {
      const ai = new Float64Array(rounds);
      const bi = new Float64Array(rounds);
      for (let r = 0; r < rounds; r++) {
        ai[r] = a[r * k + i]!;
        bi[r] = b[r * k + i]!;
      }
      const am = percentile(ai, 0.5);
      const bm = percentile(bi, 0.5);
      const x = graph.reach(sample[i]!);
      rows.push({ id: sample[i]!, ratio: am / bm, a: am, b: bm, reach: `${x.first}/${x.second}/${x.third}` });
    }
    rows.sort((p, q) => q.ratio - p.ratio);
    for (const row of rows.slice(0, 8)) console.log(`  ${row.id}: ${row.ratio.toFixed(2)} (${ms(row.a)} vs ${ms(row.b)} ms; reach ${row.reach})`);
  }
  const a50 = percentile(a, 0.5);
  const a99 = percentile(a, 0.99);
  const b50 = percentile(b, 0.5);
  const b99 = percentile(b, 0.99);
  console.log(
    `${g.name.padEnd(14)} members ${g.n.toLocaleString('en-US').padStart(9)}  connections ${graph.connectionCount.toLocaleString('en-US').padStart(11)}  ` +
      `SocialGraph p50 ${ms(a50)} p99 ${ms(a99)}  floor p50 ${ms(b50)} p99 ${ms(b99)} ms  ` +
      `ratio p50 ${(a50 / b50).toFixed(2)} p99 ${(a99 / b99).toFixed(2)}  ` +
      `(${k} sources × ${rounds} rounds${loop ? ', timed per loop' : ''}${clearMarks ? ', floor clearing its marks' : ''}, ${checked} answers equal, mean reach ${Math.round(reached / checked).toLocaleString('en-US')}; build ${(buildGraph / 1e3).toFixed(1)} s / floor ${(buildFloor / 1e3).toFixed(1)} s)`,
  );
}

console.log(`reach vs plain BFS floor; Node ${process.version}; BA average degree ${avgDegree}, seed ${seed}, ids ${values.ids}`);
if (values.only !== 'fixtures') {
  for (const size of values.sizes.split(',').filter((s) => s !== '').map(Number)) {
    run(baEdges(size));
    gc!();
  }
}
if (values.only !== 'ba') {
  for (const name of values.networks.split(',').filter((s) => s !== '')) run(fixtureEdges(name));
}
