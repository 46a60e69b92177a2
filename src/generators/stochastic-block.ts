/**
 * Stochastic block model (planted partition) graphs.
 *
 * @packageDocumentation
 */

import type { GeneratedGraph } from './edge-list.js';
import {
  MAX_MEMBERS,
  checkEdgeCount,
  checkInteger,
  checkNumber,
  checkOptions,
} from './validate.js';
import { sampleDistinctPairs } from './distinct-pairs.js';
import { SeededRandom, checkSeed } from './random.js';

/**
 * Options of {@link stochasticBlock}.
 *
 * @example
 * ```ts
 * const options: StochasticBlockOptions = { members: 100_000, avgDegree: 20, communities: 50, mixing: 0.2 };
 * const g = stochasticBlock(options);
 * ```
 * @public
 */
export interface StochasticBlockOptions {
  /** Number of members, an integer in `[1, 2^30]`. */
  members: number;
  /** Target average degree, a number in `[0, members − 1]`; the graph has `round(members·avgDegree/2)` edges. */
  avgDegree: number;
  /** Number of communities, an integer in `[1, members]`. */
  communities: number;
  /** Fraction, in `[0, 1]`, of the edges that join two different communities. Default 0.1. */
  mixing?: number;
  /** Seed of the generator, any safe integer. Default 1. */
  seed?: number;
}

/**
 * The community of `member` in a {@link stochasticBlock} graph of `members` members and
 * `communities` communities.
 *
 * @remarks
 * Communities are contiguous blocks of member indices, as equal as possible: with
 * `q = ⌊members / communities⌋` and `r = members mod communities`, the first `r` communities hold
 * `q + 1` members and the others `q`. O(1), exact integer arithmetic.
 *
 * @param member - a member index in `[0, members)`.
 * @param members - the graph's member count.
 * @param communities - the graph's community count.
 * @returns the community index in `[0, communities)`.
 * @throws RangeError when an argument is out of range.
 * @example
 * ```ts
 * const g = stochasticBlock({ members: 1000, avgDegree: 10, communities: 4, seed: 1 });
 * stochasticBlockCommunity(g.sources[0]!, g.memberCount, 4); // 0, 1, 2 or 3
 * ```
 * @public
 */
export function stochasticBlockCommunity(member: number, members: number, communities: number): number {
  const fn = 'stochasticBlockCommunity';
  checkInteger(fn, 'members', members, 1, MAX_MEMBERS);
  checkInteger(fn, 'communities', communities, 1, members);
  checkInteger(fn, 'member', member, 0, members - 1);
  return communityOf(member, members, communities);
}

function communityOf(member: number, members: number, communities: number): number {
  const q = Math.floor(members / communities);
  const r = members - q * communities;
  const big = r * (q + 1); // members in the first r communities, of q + 1 members each
  return member < big ? Math.floor(member / (q + 1)) : r + Math.floor((member - big) / q);
}

/**
 * Generates a stochastic block model graph (planted partition) with communities of equal size.
 *
 * @remarks
 * Model: members are split into `communities` contiguous blocks of (almost) equal size (see
 * {@link stochasticBlockCommunity}). The graph has exactly `E = round(members·avgDegree/2)` edges,
 * of which exactly `round(E·mixing)` join two different communities and the rest lie inside one.
 * Inside edges are shared between communities in proportion to their sizes (so every member has
 * the same expected inside degree `avgDegree·(1 − mixing)`), and each is a uniform pair of its
 * community. Each between edge joins a uniform member `u` to a uniform member outside `u`'s
 * community. So in expectation a fraction `mixing` of each member's edges leave its community.
 *
 * Algorithm: edges are sampled, never all pairs: every edge is drawn once, duplicates are removed
 * by a counting sort on the smaller endpoint and a sort of each (short) bucket, and each removed
 * duplicate is redrawn from the same class (same community, or between communities) until it is
 * new. Pairs are therefore distinct and never self-pairs.
 *
 * Complexity: O(members + E·log(E/members)) expected time, plus O(E·fill) redraws where fill is the
 * fraction of a class's possible pairs that are used (negligible for sparse graphs; a class filled
 * completely costs O(pairs·log pairs) draws). Memory: the output (8 bytes per edge) plus 4 bytes
 * per edge and 4 per member while deduplicating.
 *
 * @param options - see {@link StochasticBlockOptions}.
 * @returns a simple undirected graph with `sources[e] < targets[e]`; identical for identical options.
 * @throws RangeError when an option is out of range, or when a community (or the space between
 * communities) is too small to hold its share of edges.
 * @example
 * ```ts
 * const g = stochasticBlock({ members: 100_000, avgDegree: 20, communities: 100, mixing: 0.1, seed: 5 });
 * g.edges; // 1_000_000, of which 100_000 between communities
 * ```
 * @public
 */
export function stochasticBlock(options: StochasticBlockOptions): GeneratedGraph {
  const fn = 'stochasticBlock';
  checkOptions(fn, options);
  const n = checkInteger(fn, 'members', options.members, 1, MAX_MEMBERS);
  const avgDegree = checkNumber(fn, 'avgDegree', options.avgDegree, 0, n - 1);
  const communities = checkInteger(fn, 'communities', options.communities, 1, n);
  const mixing = checkNumber(fn, 'mixing', options.mixing ?? 0.1, 0, 1);
  const seed = checkSeed(fn, options.seed ?? 1);
  const edges = Math.round((n * avgDegree) / 2);
  checkEdgeCount(fn, edges);
  const between = Math.round(edges * mixing);
  const inside = edges - between;

  const q = Math.floor(n / communities);
  const r = n - q * communities;
  const start = (c: number): number => c * q + Math.min(c, r);
  // Inside edges per community, proportional to size: counts[c] = cum(c + 1) − cum(c).
  const counts = new Float64Array(communities + 1);
  let previous = 0;
  for (let c = 0; c < communities; c++) {
    const next = c + 1 === communities ? inside : Math.min(inside, Math.floor((start(c + 1) / n) * inside));
    const size = start(c + 1) - start(c);
    const capacity = (size * (size - 1)) / 2;
    const count = next - previous;
    if (count > capacity) {
      throw new RangeError(
        `${fn}: avgDegree ${avgDegree} with mixing ${mixing} needs ${count} edges inside community ${c} ` +
          `of ${size} members, which holds at most ${capacity}; lower avgDegree or communities, or raise mixing`,
      );
    }
    counts[c] = count;
    previous = next;
  }
  const sizeSmall = q;
  const sumSquares = r * (q + 1) * (q + 1) + (communities - r) * sizeSmall * sizeSmall;
  const betweenCapacity = (n * n - sumSquares) / 2;
  if (between > betweenCapacity) {
    throw new RangeError(
      `${fn}: avgDegree ${avgDegree} with mixing ${mixing} needs ${between} edges between communities, ` +
        `but ${communities} communities of ${n} members allow at most ${betweenCapacity}`,
    );
  }
  counts[communities] = between;

  const random = new SeededRandom(seed);
  const draw = (cls: number, out: Int32Array): void => {
    if (cls < communities) {
      const lo = start(cls);
      const size = start(cls + 1) - lo;
      const a = random.nextInt(size);
      let b = random.nextInt(size - 1);
      if (b >= a) b++;
      out[0] = lo + a;
      out[1] = lo + b;
    } else {
      const u = random.nextInt(n);
      const c = communityOf(u, n, communities);
      const lo = start(c);
      const size = start(c + 1) - lo;
      let v = random.nextInt(n - size);
      if (v >= lo) v += size;
      out[0] = u;
      out[1] = v;
    }
  };
  const classOf = (u: number, v: number): number => {
    const cu = communityOf(u, n, communities);
    return cu === communityOf(v, n, communities) ? cu : communities;
  };
  const { sources, targets } = sampleDistinctPairs(n, counts, draw, classOf);
  return {
    memberCount: n,
    sources,
    targets,
    edges,
    name: 'stochastic-block',
    seed,
    params: { members: n, avgDegree, communities, mixing, seed, between },
  };
}
