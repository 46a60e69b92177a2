/**
 * The conformance suite against RedisSocialGraph on the cluster named by REDIS_CLUSTER_NODES
 * (skipped when unset, failing with CI set; .ci/run starts a 3-master cluster and sets it).
 */
import type { Cluster } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { conformanceSuite } from '../conformance/conformance-suite.js';
import { clusterDescribe, connectCluster, redisBackend } from './cluster-env.js';

let cluster: Cluster | null = null;

clusterDescribe('RedisSocialGraph on a Redis Cluster (REDIS_CLUSTER_NODES)', () => {
  beforeAll(() => {
    cluster = connectCluster();
  });
  afterAll(async () => {
    await cluster?.quit();
  });
  conformanceSuite('RedisSocialGraph', redisBackend(() => cluster!), { runs: 25 });
});
