/**
 * distanceDistribution: how far apart the members of a network are, for every pair at once.
 *
 * @packageDocumentation
 */
import { SocialGraphError, type SocialGraph } from '../index.js';
import { describeValue } from '../errors.js';
import { exactBalls } from './exact-balls.js';
import { graphAdjacency } from './graph-adjacency.js';
import { hyperBall } from './hyperball.js';
import { statsSettings, type StatsOptions } from './stats-options.js';

/** The distance distribution of a network. @public */
export interface DistanceDistribution {
  /** Members of the graph. */
  readonly memberCount: number;
  /**
   * `orderedPairs[t]`: ordered pairs (u, v) of distinct members at distance exactly t
   * (estimated unless `exact`; index 0 unused and 0). Its last index is the largest distance found.
   */
  readonly orderedPairs: readonly number[];
  /** Ordered pairs of distinct members connected by some path: the sum of `orderedPairs`. */
  readonly reachablePairs: number;
  /** Mean distance over reachable pairs (0 when there are none). */
  readonly averageDistance: number;
  /** The smallest t within which at least 90% of reachable pairs lie (0 when there are none). */
  readonly effectiveDiameter: number;
  /** Share of reachable pairs within distance `t` (0..1; 1 from the largest distance on). */
  shareWithin(t: number): number;
  /** Relative standard error of each member's counter, 1.04/√(2^precision); 0 when `exact`. */
  readonly relativeStandardError: number;
  /** Whether the counts are exact (all-pairs BFS). */
  readonly exact: boolean;
  /** Registers per counter as log2 (`null` when `exact`). */
  readonly precision: number | null;
  /** Threads that did the work: 2 when Node's helper thread took part. */
  readonly threads: number;
}

/**
 * The distance distribution of `graph`: for each t, the ordered pairs of members at distance
 * exactly t, with the average distance, the effective diameter and the share within t.
 *
 * By default it runs HyperBall: one HyperLogLog counter of 2^precision one-byte registers per
 * member, unioned along every connection once per distance, so each member's count of members
 * within t is estimated with relative standard error ≈ 1.04/√(2^precision). In Node the work is
 * split with the package's helper thread. `exact: true` runs a breadth-first search from every
 * member instead (O(n·m) time: small graphs).
 *
 * @remarks HyperBall: O(D · m · 2^precision / 4) time at worst for D distances (later
 * distances only touch counters that changed), {@link statsMemory} bytes. The graph must not
 * change until the promise settles.
 * @throws SocialGraphError `INVALID_OPTION` (bad option or graph), `CAPACITY_EXCEEDED` (over `memoryLimit`).
 * @example
 * ```ts
 * import { SocialGraph } from 'social-graph';
 * import { distanceDistribution } from 'social-graph/stats';
 * const graph = new SocialGraph();
 * for (const id of ['ada', 'bob', 'cy', 'dee']) graph.addMember(id);
 * graph.connect('ada', 'bob');
 * graph.connect('bob', 'cy');
 * graph.connect('cy', 'dee');
 * const stats = await distanceDistribution(graph, { exact: true });
 * stats.orderedPairs; // [0, 6, 4, 2]
 * stats.averageDistance; // 1.6666666666666667
 * stats.effectiveDiameter; // 3
 * stats.shareWithin(2); // 0.8333333333333334
 * ```
 * @public
 */
export async function distanceDistribution(graph: SocialGraph, options?: StatsOptions): Promise<DistanceDistribution> {
  const method = 'distanceDistribution';
  const adjacency = graphAdjacency(graph, method);
  const settings = statsSettings(method, options, adjacency.memberCount);
  const counts = settings.exact ? await exactBalls(method, adjacency, settings, false) : await hyperBall(method, adjacency, settings, false);
  // Rounded cumulative counts, so that every orderedPairs[t] is a whole number and never negative.
  const within = counts.within.map((x) => Math.round(x));
  const orderedPairs = [0];
  for (let t = 1; t < within.length; t++) orderedPairs.push(Math.max(0, within[t]! - within[t - 1]!));
  while (orderedPairs.length > 1 && orderedPairs[orderedPairs.length - 1] === 0) orderedPairs.pop();
  let reachablePairs = 0;
  let weighted = 0;
  for (let t = 1; t < orderedPairs.length; t++) {
    reachablePairs += orderedPairs[t]!;
    weighted += t * orderedPairs[t]!;
  }
  const cumulative = [0];
  for (let t = 1; t < orderedPairs.length; t++) cumulative.push(cumulative[t - 1]! + orderedPairs[t]!);
  let effectiveDiameter = 0;
  if (reachablePairs > 0) {
    while (cumulative[effectiveDiameter]! < 0.9 * reachablePairs) effectiveDiameter++;
  }
  const last = orderedPairs.length - 1;
  return {
    memberCount: adjacency.memberCount,
    orderedPairs,
    reachablePairs,
    averageDistance: reachablePairs > 0 ? weighted / reachablePairs : 0,
    effectiveDiameter,
    shareWithin(t: number): number {
      if (typeof t !== 'number' || Number.isNaN(t) || t < 0) {
        throw new SocialGraphError('INVALID_OPTION', `shareWithin: t must be a number ≥ 0, got ${describeValue(t)}`);
      }
      if (reachablePairs === 0) return 0;
      return cumulative[Math.min(last, Math.floor(t))]! / reachablePairs;
    },
    relativeStandardError: settings.exact ? 0 : 1.04 / Math.sqrt(2 ** settings.precision),
    exact: settings.exact,
    precision: settings.exact ? null : settings.precision,
    threads: counts.threads,
  };
}
