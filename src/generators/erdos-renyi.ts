/**
 * Erdős–Rényi G(n, m) random graphs.
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
 * Options of {@link erdosRenyi}.
 *
 * @example
 * ```ts
 * const options: ErdosRenyiOptions = { members: 100_000, avgDegree: 12.5, seed: 9 };
 * const g = erdosRenyi(options);
 * ```
 * @public
 */
export interface ErdosRenyiOptions {
  /** Number of members, an integer in `[1, 2^30]`. */
  members: number;
  /** Average degree, a number in `[0, members − 1]`; the graph has `round(members·avgDegree/2)` edges. */
  avgDegree: number;
  /** Seed of the generator, any safe integer. Default 1. */
  seed?: number;
}

/**
 * Generates an Erdős–Rényi G(n, m) graph: exactly `m` edges chosen uniformly among all pairs.
 *
 * @remarks
 * Model: G(n, m) with `n = members` and `m = round(members·avgDegree/2)`: every set of `m` distinct
 * pairs is equally likely. Degrees are Binomial(n − 1, avgDegree/(n − 1)), close to Poisson(avgDegree)
 * for sparse graphs: no hubs, and a clustering coefficient of about `avgDegree / members`.
 *
 * Algorithm (sparse, `m ≤ pairs/2`): draws `m` uniform pairs, removes duplicates with a counting
 * sort on the smaller endpoint and a sort of each bucket, then tops up with fresh pairs checked by
 * binary search in the sorted buckets (about `m²/(2·pairs)` of them). Dense (`m > pairs/2`): samples
 * the `pairs − m` missing pairs the same way, then lists every other pair.
 *
 * Complexity: O(n + m·log(m/n)) expected time. Memory: the output (8 bytes per edge) plus 4 bytes per
 * edge and 4 per member while deduplicating (dense case: 8 bytes per missing pair more).
 *
 * @param options - see {@link ErdosRenyiOptions}.
 * @returns a simple undirected graph with `sources[e] < targets[e]`; identical for identical options.
 * @throws RangeError when an option is out of range.
 * @example
 * ```ts
 * const g = erdosRenyi({ members: 10_000, avgDegree: 8, seed: 3 });
 * g.edges; // 40_000
 * ```
 * @public
 */
export function erdosRenyi(options: ErdosRenyiOptions): GeneratedGraph {
  const fn = 'erdosRenyi';
  checkOptions(fn, options);
  const n = checkInteger(fn, 'members', options.members, 1, MAX_MEMBERS);
  const avgDegree = checkNumber(fn, 'avgDegree', options.avgDegree, 0, n - 1);
  const seed = checkSeed(fn, options.seed ?? 1);
  const edges = Math.round((n * avgDegree) / 2);
  checkEdgeCount(fn, edges);
  const pairs = (n * (n - 1)) / 2;

  const random = new SeededRandom(seed);
  const draw = (_cls: number, out: Int32Array): void => {
    const a = random.nextInt(n);
    let b = random.nextInt(n - 1);
    if (b >= a) b++;
    out[0] = a;
    out[1] = b;
  };
  const oneClass = (): number => 0;
  let sources: Int32Array;
  let targets: Int32Array;
  if (edges <= pairs / 2) {
    ({ sources, targets } = sampleDistinctPairs(n, [edges], draw, oneClass));
  } else {
    // Dense: pairs < 2^32 here (edges ≤ 2^31 − 1), so u·n + v is an exact key.
    const excluded = sampleDistinctPairs(n, [pairs - edges], draw, oneClass);
    const keys = new Float64Array(pairs - edges);
    for (let i = 0; i < keys.length; i++) keys[i] = excluded.sources[i]! * n + excluded.targets[i]!;
    keys.sort();
    sources = new Int32Array(edges);
    targets = new Int32Array(edges);
    let next = 0;
    let e = 0;
    for (let u = 0; u < n; u++) {
      for (let v = u + 1; v < n; v++) {
        if (next < keys.length && keys[next] === u * n + v) {
          next++;
          continue;
        }
        sources[e] = u;
        targets[e] = v;
        e++;
      }
    }
  }
  return {
    memberCount: n,
    sources,
    targets,
    edges,
    name: 'erdos-renyi',
    seed,
    params: { members: n, avgDegree, seed },
  };
}
