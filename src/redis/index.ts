/**
 * social-graph/redis: the graph on Redis Cluster (needs the optional peer dependency `ioredis`).
 *
 * @packageDocumentation
 */
export {
  RedisSocialGraph,
  type RedisClient,
  type RedisSocialGraphOptions,
  type RedisLoadSource,
  type RedisLoadOptions,
  type RedisVerifyReport,
  type SocialGraphSnapshot,
} from './redis-social-graph.js';
export { KeyLayout, slotOf } from './key-layout.js';
export { withRetry, isTransientClusterError, type RetryPolicy } from './retry.js';
export { FetchedAdjacency, runSearchAsync, type BatchFetcher } from './async-driver.js';
