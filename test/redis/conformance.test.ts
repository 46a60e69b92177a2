/**
 * The conformance suite against RedisSocialGraph on the cluster named by REDIS_CLUSTER_NODES
 * (skipped when unset; .ci/run starts a 3-master cluster and sets it).
 */
import type { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { conformanceSuite } from '../conformance/conformance-suite.js';
import { connectCluster, HAS_CLUSTER, redisBackend } from './cluster-env.js';

let cluster: Cluster | null = null;

if (HAS_CLUSTER) {
  beforeAll(() => {
    cluster = connectCluster();
  });
  afterAll(async () => {
    await cluster?.quit();
  });
  conformanceSuite('RedisSocialGraph', redisBackend(() => cluster!), { runs: 25 });
} else {
  describe.skip('conformance: RedisSocialGraph (set REDIS_CLUSTER_NODES to run)', () => {
    it('needs a Redis Cluster', () => {});
  });
}
