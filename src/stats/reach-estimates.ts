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
   * Relative standard error of a HyperLogLog counter (1.04/√(2^precision)); 0 when `exact`.
   * `second` and `third` are read from each member's counters of radius 2 and 3 together against
   * every member's hash, much more precise than that while members are fewer than registers
   * (docs/stats.md).
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
      // With HyperBall: |B(v, 2)| and the ring at distance 3 read from the counters of radius 2
      // and 3 together (reachPosterior), within the component's exact size. Else (exact, or no
      // member reached beyond distance 2) the ball counts.
      const size = counts.componentSize === null ? Infinity : counts.componentSize[v]!;
      const within2 = Math.min(size, Math.max(counts.within2 === null ? ball2[v]! : counts.within2[v]!, first + 1));
      const second = Math.round(within2) - (first + 1);
      if (counts.exactly3 === null) return { first, second, third: Math.round(Math.max(ball3[v]!, within2)) - Math.round(within2) };
      return { first, second, third: Math.max(0, Math.min(Math.round(counts.exactly3[v]!), size - (first + 1) - second)) };
    },
    memberCount: adjacency.memberCount,
    relativeStandardError: settings.exact ? 0 : 1.04 / Math.sqrt(2 ** settings.precision),
    exact: settings.exact,
    threads: counts.threads,
  };
}
