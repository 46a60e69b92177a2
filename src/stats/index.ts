/**
 * social-graph/stats: network statistics over a whole graph at once: the distance distribution
 * (average distance, effective diameter, share of pairs within t) and every member's reach at
 * distance 2 and 3, estimated with HyperBall or computed exactly.
 *
 * @packageDocumentation
 */
export { distanceDistribution, type DistanceDistribution } from './distance-distribution.js';
export { reachEstimates, type ReachEstimates } from './reach-estimates.js';
export { statsMemory, type StatsMemoryQuery } from './stats-memory.js';
export {
  defaultPrecision,
  DEFAULT_MAX_PRECISION,
  DEFAULT_REGISTER_BUDGET,
  MIN_PRECISION,
  MAX_PRECISION,
  DEFAULT_MEMORY_LIMIT,
  MAX_DISTANCE_LIMIT,
  type StatsOptions,
  type StatsProgress,
} from './stats-options.js';
export type { GraphAdjacency } from './graph-adjacency.js';
