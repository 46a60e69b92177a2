/**
 * `social-graph/stats` as Node loads it (the `node` condition of `exports["./stats"]`): the same
 * functions, with HyperBall's iterations split with a worker thread (the helper thread of bulk
 * loads, src/node/worker-helper.ts). Elsewhere they run on one thread.
 *
 * @packageDocumentation
 */
import { setHelperThreadStarter } from '../store/helper-thread.js';
import { startWorkerHelper } from '../node/worker-helper.js';

setHelperThreadStarter(startWorkerHelper);

export {
  distanceDistribution,
  reachEstimates,
  statsMemory,
  defaultPrecision,
  DEFAULT_MAX_PRECISION,
  DEFAULT_REGISTER_BUDGET,
  MIN_PRECISION,
  MAX_PRECISION,
  DEFAULT_MEMORY_LIMIT,
  MAX_DISTANCE_LIMIT,
  type DistanceDistribution,
  type ReachEstimates,
  type StatsMemoryQuery,
  type StatsOptions,
  type StatsProgress,
  type GraphAdjacency,
} from './index.js';
