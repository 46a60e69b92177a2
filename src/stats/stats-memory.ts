/**
 * statsMemory: the bytes a statistics run allocates, known before it starts.
 *
 * @packageDocumentation
 */

/** The sizes {@link statsMemory} needs. @public */
export interface StatsMemoryQuery {
  memberCount: number;
  connectionCount: number;
  /** log2 of the registers per counter (ignored when `exact`). */
  precision: number;
  /** All-pairs BFS instead of counters. */
  exact?: boolean;
  /** Per-member estimates kept for {@link reachEstimates} (49 bytes a member and the hash table more with HyperBall, 16 with `exact`). */
  reach?: boolean;
}

/**
 * Bytes a run allocates besides the graph itself, at most: the adjacency copy (4·(n+1) + 8·m),
 * and for HyperBall two register arrays of n·2^precision bytes (one-byte registers), 8·n for the
 * raw estimates, 2·n for the changed flags and 36·n for the calibration (components and the
 * calibrated estimates), plus for reach estimates 49·n (the calibrated balls of radius 2 and 3,
 * reachPosterior's ball of radius 2 and ring at distance 3, each member's component size, every
 * member's hash register and rank, the members listed by register) and 4·(2^precision + 1) + 8·2^precision·(34 − precision) for the table of hashes per
 * register and rank; for `exact`, 8·n of breadth-first search state (plus 16·n for exact reach).
 * The scratch of each thread (2^precision + 4 × the largest degree bytes, and for reach about
 * 57 bytes per member of the fullest register) is left out.
 *
 * @remarks O(1).
 * @example
 * ```ts
 * import { statsMemory } from 'social-graph/stats';
 * statsMemory({ memberCount: 1_000_000, connectionCount: 20_000_000, precision: 7 }); // 466000004
 * ```
 * @public
 */
export function statsMemory(query: StatsMemoryQuery): number {
  const n = query.memberCount;
  const adjacency = 4 * (n + 1) + 8 * query.connectionCount;
  if (query.exact === true) return adjacency + 8 * n + (query.reach === true ? 16 * n : 0);
  const size = 2 ** query.precision;
  const reach = query.reach === true ? 49 * n + 4 * (size + 1) + 8 * size * (34 - query.precision) : 0;
  return adjacency + 2 * n * size + 46 * n + reach;
}
