/**
 * reachEstimates: how many members every member reaches at distance 1, 2 and 3, all at once.
 *
 * @packageDocumentation
 */
import { SocialGraphError, type Reach, type SocialGraph } from '../index.js';
import { describeValue } from '../errors.js';
import { exactBalls } from './exact-balls.js';
import { graphAdjacency } from './graph-adjacency.js';
import { hyperBall } from './hyperball.js';
import { statsSettings, type StatsOptions } from './stats-options.js';

/**
 * Weight of the calibrated ball difference against hllDifference in the estimate at distance 3:
 * r^4 for a ball covering the share r of its component. Measured on ego-Facebook and
 * email-Eu-core (8 seeds, precision 14) against r^1, r^2, r^8 and either estimate alone; at
 * distance 2 hllDifference did not help (the ball difference is kept). See docs/stats.md.
 */
const RING_BLEND_POWER = 4;

/** Every member's reach, from one run. @public */
export interface ReachEstimates {
  /**
   * Members at distance exactly 1 (exact: the connection count), 2 and 3 (estimated unless
   * `exact`) from `id`, as the graph was when the run started. Members added or removed since
   * are not found.
   * @throws SocialGraphError `INVALID_ID` (not a string), `MEMBER_NOT_FOUND`.
   */
  of(id: string): Reach;
  /** Members covered. */
  readonly memberCount: number;
  /**
   * Relative standard error of the estimated counts of members within distance 2 and 3
   * (1.04/√(2^precision)); 0 when `exact`. `second` is the difference of two of those counts,
   * `third` is estimated from the counters of radius 2 and 3 at once (docs/stats.md).
   */
  readonly relativeStandardError: number;
  readonly exact: boolean;
  /** Threads that did the work: 2 when Node's helper thread took part. */
  readonly threads: number;
}

/**
 * Reach (members at distance 1, 2 and 3) of every member, from one HyperBall run of three
 * distances (or, with `exact: true`, a depth-3 breadth-first search from every member).
 *
 * @remarks HyperBall: O(m · 2^precision / 4 · 2) time, {@link statsMemory} bytes (with `reach`);
 * `of` is O(1) plus the id lookup. `maxDistance` is ignored (always 3).
 * @throws SocialGraphError `INVALID_OPTION` (bad option or graph), `CAPACITY_EXCEEDED` (over `memoryLimit`).
 * @example
 * ```ts
 * import { SocialGraph } from 'social-graph';
 * import { reachEstimates } from 'social-graph/stats';
 * const graph = new SocialGraph();
 * for (const id of ['ada', 'bob', 'cy', 'dee']) graph.addMember(id);
 * graph.connect('ada', 'bob');
 * graph.connect('bob', 'cy');
 * graph.connect('cy', 'dee');
 * const reach = await reachEstimates(graph);
 * reach.of('ada'); // { first: 1, second: 1, third: 1 }
 * ```
 * @public
 */
export async function reachEstimates(graph: SocialGraph, options?: StatsOptions): Promise<ReachEstimates> {
  const method = 'reachEstimates';
  const adjacency = graphAdjacency(graph, method);
  const settings = statsSettings(method, options, adjacency.memberCount);
  const counts = settings.exact ? await exactBalls(method, adjacency, settings, true) : await hyperBall(method, adjacency, settings, true);
  const ball2 = counts.ball2 ?? new Float64Array(adjacency.memberCount);
  const ball3 = counts.ball3 ?? new Float64Array(adjacency.memberCount);
  const { offsets } = adjacency;
  return {
    of(id: string): Reach {
      if (typeof id !== 'string') throw new SocialGraphError('INVALID_ID', `reachEstimates.of: id must be a string, got ${describeValue(id)}`);
      const v = adjacency.indexOf(id);
      if (v < 0) throw new SocialGraphError('MEMBER_NOT_FOUND', `reachEstimates.of: no member ${describeValue(id)}`);
      const first = offsets[v + 1]! - offsets[v]!;
      const within2 = Math.max(ball2[v]!, first + 1);
      const within3 = Math.max(ball3[v]!, within2);
      const second = Math.round(within2) - (first + 1);
      if (counts.exactly3 === null || counts.componentSize === null) return { first, second, third: Math.round(within3) - Math.round(within2) };
      // Two estimates of the ring at distance 3: hllDifference of the counters of radius 2 and 3
      // (the better one while the ball is a small part of its component) and the difference of
      // the calibrated ball estimates (exact once the ball is the whole component), blended by the
      // share r of the component the ball covers, with weight r^RING_BLEND_POWER on the second.
      const size = counts.componentSize[v]!;
      const w = (within3 / size) ** RING_BLEND_POWER;
      const third = Math.round((1 - w) * counts.exactly3[v]! + w * (within3 - within2));
      return { first, second, third: Math.max(0, Math.min(third, size - (first + 1) - second)) };
    },
    memberCount: adjacency.memberCount,
    relativeStandardError: settings.exact ? 0 : 1.04 / Math.sqrt(2 ** settings.precision),
    exact: settings.exact,
    threads: counts.threads,
  };
}
