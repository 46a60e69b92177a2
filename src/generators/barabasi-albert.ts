/**
 * Barabási–Albert preferential attachment graphs.
 *
 * @packageDocumentation
 */

import type { GeneratedGraph } from './edge-list.js';
import {
  MAX_MEMBERS,
  checkEdgeCount,
  checkEvenDegree,
  checkInteger,
  checkOptions,
} from './validate.js';
import { SeededRandom, checkSeed } from './random.js';

/**
 * Options of {@link barabasiAlbert}.
 *
 * @example
 * ```ts
 * const options: BarabasiAlbertOptions = { members: 100_000, avgDegree: 20, seed: 1 };
 * const g = barabasiAlbert(options);
 * ```
 * @public
 */
export interface BarabasiAlbertOptions {
  /** Number of members, an integer in `[3, 2^30]`. */
  members: number;
  /** Target average degree: an even integer `≥ 2` and `< members`; each new member brings `avgDegree / 2` edges. */
  avgDegree: number;
  /** Seed of the generator, any safe integer. Default 1. */
  seed?: number;
}

/**
 * Generates a Barabási–Albert scale-free graph by preferential attachment.
 *
 * @remarks
 * Model: with `m = avgDegree / 2`, members `0 … m` start as a clique; then each new member
 * `t = m + 1 … members − 1` joins `m` distinct earlier members, each chosen with probability
 * proportional to its current degree. The degree distribution has a power-law tail
 * P(k) ∝ k^−3: a few hubs with degrees far above the median, which stays close to `m`.
 *
 * Edge count (exact): `m(m + 1)/2 + (members − m − 1)·m`, that is `members·avgDegree/2 − m(m + 1)/2`;
 * the mean degree is therefore a little under `avgDegree` (by `m(m + 1)/members`).
 *
 * Algorithm: the "repeated nodes" method, without a separate list: the edges written so far, read
 * as a flat list of `2·edges` endpoints, hold every member once per unit of degree, so a uniform
 * endpoint is a degree-proportional member. Targets of one new member are made distinct with a
 * stamp array (`stamp[target] = t`) and rejection; the edges of `t` join the list only after all
 * `m` targets are chosen, as in the original model. Past the clique, edge `e`'s source is known
 * arithmetically (`m + 1 + ⌊(e − m(m+1)/2) / m⌋`), so only half of the draws read memory.
 *
 * Complexity: O(members·m) expected time. Memory: the output (8 bytes per edge) plus one
 * `Int32Array` of `members` for the stamps; 5M members at degree 40 (100M edges) take about 820 MB.
 * Edge `e` joins the newer member (`sources[e]`) to the older one (`targets[e]`), in order of
 * arrival.
 *
 * @param options - see {@link BarabasiAlbertOptions}.
 * @returns a simple undirected graph; the same options always give identical arrays.
 * @throws RangeError when an option is out of range.
 * @example
 * ```ts
 * const g = barabasiAlbert({ members: 1_000_000, avgDegree: 40, seed: 42 });
 * g.edges; // 19_999_790
 * degreeStats(g); // { min: 20, median: ~30, max: thousands, ... }
 * ```
 * @public
 */
export function barabasiAlbert(options: BarabasiAlbertOptions): GeneratedGraph {
  const fn = 'barabasiAlbert';
  checkOptions(fn, options);
  const n = checkInteger(fn, 'members', options.members, 3, MAX_MEMBERS);
  const avgDegree = checkEvenDegree(fn, options.avgDegree, n);
  const seed = checkSeed(fn, options.seed ?? 1);
  const m = avgDegree / 2;
  const edges = (m * (m + 1)) / 2 + (n - m - 1) * m;
  checkEdgeCount(fn, edges);

  const sources = new Int32Array(edges);
  const targets = new Int32Array(edges);
  const cliqueEdges = (m * (m + 1)) / 2;
  let e = 0;
  for (let b = 1; b <= m; b++) {
    for (let a = 0; a < b; a++) {
      sources[e] = b;
      targets[e] = a;
      e++;
    }
  }
  const random = new SeededRandom(seed);
  const stamp = new Int32Array(n); // stamp[v] === t: v already chosen by t (t >= 1, so 0 is free)
  for (let t = m + 1; t < n; t++) {
    const endpoints = 2 * e; // the list as it stood before t arrived
    for (let i = 0; i < m; i++) {
      let target: number;
      do {
        const r = random.nextInt(endpoints); // < 2^32: the unsigned shift is exact
        const edge = r >>> 1;
        // Sources need no memory read past the clique: edge e's source is the member that brought it.
        if ((r & 1) === 1) target = targets[edge]!;
        else target = edge < cliqueEdges ? sources[edge]! : m + 1 + Math.floor((edge - cliqueEdges) / m);
      } while (stamp[target] === t);
      stamp[target] = t;
      sources[e + i] = t;
      targets[e + i] = target;
    }
    e += m;
  }
  return {
    memberCount: n,
    sources,
    targets,
    edges,
    name: 'barabasi-albert',
    seed,
    params: { members: n, avgDegree, m, seed },
  };
}
