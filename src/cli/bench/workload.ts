/**
 * What every benchmark process generates identically: the graph (from a seeded generator or a
 * SNAP edge list) and the query samples (from a seeded PRNG), so that peers answer the same
 * questions.
 */
import { createReadStream } from 'node:fs';
import { barabasiAlbert } from '../../generators/barabasi-albert.js';
import { buildCsr, type Csr, type GeneratedGraph } from '../../generators/edge-list.js';
import { erdosRenyi } from '../../generators/erdos-renyi.js';
import { SeededRandom } from '../../generators/random.js';
import { stochasticBlock } from '../../generators/stochastic-block.js';
import { wattsStrogatz } from '../../generators/watts-strogatz.js';
import { readEdgeList } from '../../io/edge-list-reader.js';

/** The generator models the bench knows, by their CLI names. */
export const MODELS = ['barabasi-albert', 'watts-strogatz', 'stochastic-block', 'erdos-renyi'] as const;
/** A generator model name. */
export type Model = (typeof MODELS)[number];
/** Short aliases accepted by `--model`. */
export const MODEL_ALIASES: Record<string, Model> = { ba: 'barabasi-albert', ws: 'watts-strogatz', sbm: 'stochastic-block', er: 'erdos-renyi' };

/** The graph of a run: a seeded generator, or an edge-list file. */
export type GraphSpec =
  | { model: Model; members: number; avgDegree: number; seed: number }
  | { model: 'dataset'; path: string };

/** A short human description of a spec. */
export function specLabel(spec: GraphSpec): string {
  if (spec.model === 'dataset') return `dataset ${spec.path}`;
  return `${spec.model}, ${spec.members.toLocaleString('en-US')} members, average degree ${spec.avgDegree}, seed ${spec.seed}`;
}

/** Communities of the stochastic block model: groups of about 1,000 members (at least 2). */
export function sbmCommunities(members: number): number {
  return Math.max(2, Math.round(members / 1000));
}

/** Builds (or reads) the graph of a spec: identical in every process. */
export async function makeGraph(spec: GraphSpec): Promise<GeneratedGraph> {
  switch (spec.model) {
    case 'barabasi-albert':
      return barabasiAlbert({ members: spec.members, avgDegree: spec.avgDegree, seed: spec.seed });
    case 'watts-strogatz':
      return wattsStrogatz({ members: spec.members, avgDegree: spec.avgDegree, seed: spec.seed });
    case 'stochastic-block':
      return stochasticBlock({ members: spec.members, avgDegree: spec.avgDegree, communities: sbmCommunities(spec.members), seed: spec.seed });
    case 'erdos-renyi':
      return erdosRenyi({ members: spec.members, avgDegree: spec.avgDegree, seed: spec.seed });
    case 'dataset':
      return readDataset(spec.path);
  }
}

/**
 * Reads a SNAP-style edge list (comments, tabs or spaces, CRLF, `.gz`) into a simple undirected
 * graph over dense indices: ids numbered in order of first appearance, self-pairs dropped,
 * repeated pairs (either direction) kept once, in order of first appearance.
 */
export async function readDataset(path: string): Promise<GeneratedGraph> {
  const index = new Map<string, number>();
  let src = new Int32Array(1 << 16);
  let dst = new Int32Array(1 << 16);
  let m = 0;
  const intern = (id: string): number => {
    let v = index.get(id);
    if (v === undefined) {
      v = index.size;
      index.set(id, v);
    }
    return v;
  };
  const stream = createReadStream(path);
  const source = path.endsWith('.gz') ? stream : stream.setEncoding('utf8');
  await readEdgeList(source, (a, b) => {
    const x = intern(a);
    const y = intern(b);
    if (x === y) return;
    if (m === src.length) {
      const grow = (arr: Int32Array) => {
        const next = new Int32Array(arr.length * 2);
        next.set(arr);
        return next;
      };
      src = grow(src);
      dst = grow(dst);
    }
    src[m] = x;
    dst[m++] = y;
  });
  const members = index.size;
  // Keep the first occurrence of every unordered pair.
  const keys = new Float64Array(m);
  for (let e = 0; e < m; e++) {
    const lo = Math.min(src[e]!, dst[e]!);
    const hi = Math.max(src[e]!, dst[e]!);
    keys[e] = lo * members + hi;
  }
  const order = new Int32Array(m);
  for (let e = 0; e < m; e++) order[e] = e;
  order.sort((p, q) => keys[p]! - keys[q]! || p - q);
  const keep = new Uint8Array(m);
  for (let i = 0; i < m; i++) if (i === 0 || keys[order[i]!] !== keys[order[i - 1]!]) keep[order[i]!] = 1;
  let edges = 0;
  for (let e = 0; e < m; e++) if (keep[e]) edges++;
  const sources = new Int32Array(edges);
  const targets = new Int32Array(edges);
  for (let e = 0, k = 0; e < m; e++) {
    if (!keep[e]) continue;
    sources[k] = src[e]!;
    targets[k++] = dst[e]!;
  }
  return { memberCount: members, sources, targets, edges, name: 'dataset', seed: 0, params: { pairsRead: m } };
}

/** How members are numbered: `shuffled` (a seeded permutation, independent of degree) or as the source numbers them. */
export const ORDERS = ['shuffled', 'generation'] as const;
/** A member numbering of {@link ORDERS}. */
export type Order = (typeof ORDERS)[number];
/** The id strings: `long` (`urn:li:member:100000042`, 23 characters) or `short` (`u42`). */
export const ID_FORMS = ['long', 'short'] as const;
/** An id form of {@link ID_FORMS}. */
export type IdForm = (typeof ID_FORMS)[number];
/** The shape of a run's members: their numbering and their id strings. */
export interface Naming {
  order: Order;
  ids: IdForm;
}

/** Prefix of a long id; the member's index follows, offset by {@link LONG_ID_BASE} (9 digits up to 900M members). */
export const LONG_ID_PREFIX = 'urn:li:member:';
/** Added to a member's index in its long id. */
export const LONG_ID_BASE = 100_000_000;
/** Long ids are built in chunks of this many (one JSON text each). */
const ID_CHUNK = 65_536;

/**
 * The id of every member, index `i` first. Long ids are parsed from JSON text, so that each is a
 * flat one-byte string, as ids read off the wire are (a template literal of 13 characters or more
 * makes a V8 rope instead, flattened and re-hashed on first use). Cost O(members), one pass.
 */
export function memberIds(members: number, form: IdForm): string[] {
  const out: string[] = new Array(members);
  if (form === 'short') {
    for (let i = 0; i < members; i++) out[i] = `u${i}`;
    return out;
  }
  for (let from = 0; from < members; from += ID_CHUNK) {
    const to = Math.min(members, from + ID_CHUNK);
    const parts: string[] = new Array(to - from);
    for (let i = from; i < to; i++) parts[i - from] = `"${LONG_ID_PREFIX}${LONG_ID_BASE + i}"`;
    const chunk = JSON.parse(`[${parts.join(',')}]`) as string[];
    for (let i = from; i < to; i++) out[i] = chunk[i - from]!;
  }
  return out;
}

/** The index of a member from its id (either form) or from the index itself. */
export function memberIndex(id: string | number): number {
  if (typeof id === 'number') return id;
  return id.startsWith(LONG_ID_PREFIX) ? Number(id.slice(LONG_ID_PREFIX.length)) - LONG_ID_BASE : Number(id.slice(1));
}

/** A short human description of a naming. */
export function namingLabel(naming: Naming): string {
  const ids = naming.ids === 'long' ? `ids like ${LONG_ID_PREFIX}${LONG_ID_BASE + 42} (23 characters)` : 'ids like u42';
  const order = naming.order === 'shuffled' ? 'members numbered by a seeded permutation (independent of degree)' : 'members numbered as generated (Barabási–Albert: the earliest are the hubs; a dataset: by first appearance)';
  return `${ids}; ${order}`;
}

/** Seed of the member permutation of a spec: derived from the graph seed (0 for a dataset). */
export function permutationSeed(spec: GraphSpec): number {
  return (spec.model === 'dataset' ? 0 : spec.seed) + 3000;
}

/**
 * Renumbers the members of `g` in place by a seeded uniform permutation (Fisher–Yates), so that a
 * member's index says nothing of its degree or of when it joined; the edge list keeps its order.
 * Identical in every process for the same seed. Cost O(members + edges).
 */
export function shuffleMembers(g: GeneratedGraph, seed: number): void {
  const n = g.memberCount;
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  const random = new SeededRandom(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = random.nextInt(i + 1);
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  const { sources, targets, edges } = g;
  for (let e = 0; e < edges; e++) {
    sources[e] = perm[sources[e]!]!;
    targets[e] = perm[targets[e]!]!;
  }
}

/** The graph of a spec, numbered as `order` asks: what every process of a run builds. */
export async function makeNamedGraph(spec: GraphSpec, order: Order): Promise<GeneratedGraph> {
  const g = await makeGraph(spec);
  if (order === 'shuffled') shuffleMembers(g, permutationSeed(spec));
  return g;
}

/** `count` uniformly random ordered pairs of members (distinct ends). */
export function samplePairs(members: number, count: number, seed: number): { a: Int32Array; b: Int32Array } {
  const random = new SeededRandom(seed);
  const a = new Int32Array(count);
  const b = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const x = random.nextInt(members);
    let y = random.nextInt(members);
    while (members > 1 && y === x) y = random.nextInt(members);
    a[i] = x;
    b[i] = y;
  }
  return { a, b };
}

/** One walk of 1–3 random hops from `a` (a member at distance 1, 2 or 3, or `a` itself). */
function walk(csr: Csr, a: number, random: SeededRandom): number {
  const hops = 1 + random.nextInt(3);
  let v = a;
  for (let h = 0; h < hops; h++) {
    const start = csr.offsets[v]!;
    const d = csr.offsets[v + 1]! - start;
    if (d === 0) break;
    v = csr.neighbors[start + random.nextInt(d)]!;
  }
  return v;
}

/** Every sample a benchmark run asks, identical in every process. */
export interface Queries {
  /** Uniformly random pairs. */
  random: { a: Int32Array; b: Int32Array };
  /** Pairs close by: `b` is the end of a 1–3 hop random walk from `a`. */
  near: { a: Int32Array; b: Int32Array };
  /** `a` is one of the top 0.1% members by connection count (at least 10), `b` uniformly random. */
  hub: { a: Int32Array; b: Int32Array };
  /** Pages of 100 degree badges: `viewers[p]`, and targets `pageTargets[100p … 100p+99]` (half near, half random). */
  pages: { viewers: Int32Array; targets: Int32Array; size: number };
  /** Members whose reach (1st/2nd/3rd) is counted. */
  reach: Int32Array;
  /** Indices into the edge list of connections to disconnect (then connect again). */
  churn: Int32Array;
}

/** How many queries of each kind {@link makeQueries} draws. */
export interface QueryCounts {
  pairs: number;
  pages: number;
  reach: number;
  churn: number;
}

/** Draws every query sample from `seed` over graph `g`. */
export function makeQueries(g: GeneratedGraph, counts: QueryCounts, seed: number): Queries {
  const n = g.memberCount;
  const random = samplePairs(n, counts.pairs, seed);
  const csr = buildCsr(g);
  const rng = new SeededRandom(seed + 1);
  const near = { a: new Int32Array(counts.pairs), b: new Int32Array(counts.pairs) };
  for (let i = 0; i < counts.pairs; i++) {
    let a = 0;
    let b = 0;
    for (let tries = 0; tries < 20 && a === b; tries++) {
      a = rng.nextInt(n);
      b = walk(csr, a, rng);
    }
    if (a === b) b = (a + 1) % n;
    near.a[i] = a;
    near.b[i] = b;
  }
  // Hubs: the top 0.1% by degree (at least 10 members).
  const k = Math.min(n, Math.max(10, Math.ceil(n / 1000)));
  const byDegree = new Int32Array(n);
  for (let v = 0; v < n; v++) byDegree[v] = v;
  const deg = (v: number) => csr.offsets[v + 1]! - csr.offsets[v]!;
  byDegree.sort((p, q) => deg(q) - deg(p) || p - q);
  const hub = { a: new Int32Array(counts.pairs), b: new Int32Array(counts.pairs) };
  for (let i = 0; i < counts.pairs; i++) {
    const a = byDegree[rng.nextInt(k)]!;
    let b = rng.nextInt(n);
    while (n > 1 && b === a) b = rng.nextInt(n);
    hub.a[i] = a;
    hub.b[i] = b;
  }
  const size = Math.min(100, Math.max(1, n - 1));
  const viewers = new Int32Array(counts.pages);
  const targets = new Int32Array(counts.pages * size);
  for (let p = 0; p < counts.pages; p++) {
    const viewer = rng.nextInt(n);
    viewers[p] = viewer;
    for (let j = 0; j < size; j++) {
      let t = j % 2 === 0 ? walk(csr, viewer, rng) : rng.nextInt(n);
      if (t === viewer) t = (viewer + 1 + rng.nextInt(n - 1)) % n;
      targets[p * size + j] = t;
    }
  }
  const reach = samplePairs(n, counts.reach, seed + 2).a;
  const churnCount = Math.min(counts.churn, g.edges);
  const churn = new Int32Array(churnCount);
  // Distinct edge indices: a stride walk through the edge list from a random start.
  if (churnCount > 0) {
    const stride = Math.max(1, Math.floor(g.edges / churnCount));
    const start = rng.nextInt(Math.max(1, g.edges - stride * (churnCount - 1)));
    for (let i = 0; i < churnCount; i++) churn[i] = start + i * stride;
  }
  return { random, near, hub, pages: { viewers, targets, size }, reach, churn };
}
