/**
 * Connection to the test cluster named by REDIS_CLUSTER_NODES ("127.0.0.1:7000,127.0.0.1:7001,...").
 * Unset: the Redis suites skip (test/support/skip-reporter.ts names them at the end of the run),
 * except with CI set, where each suite fails instead (.ci/run starts the cluster).
 */
import { Cluster } from 'ioredis';
import { describe, it } from 'vitest';
import { RedisSocialGraph } from '../../src/redis/index.js';
import type { AsyncGraph, BackendOptions, CreateBackend } from '../conformance/backend.js';

export const CLUSTER_NODES = process.env.REDIS_CLUSTER_NODES ?? '';
export const HAS_CLUSTER = CLUSTER_NODES.trim().length > 0;
/** CI runs every test: a missing cluster fails the run there. */
export const IN_CI = (process.env.CI ?? '') !== '' && process.env.CI !== 'false' && process.env.CI !== '0';

/**
 * `describe` for a suite that needs the cluster: runs when REDIS_CLUSTER_NODES is set; with CI
 * set and no cluster, one failing test in its place; otherwise skipped (every test of the suite
 * counted as skipped, so the skip reporter's count is the real one).
 */
export function clusterDescribe(name: string, body: () => void): void {
  if (HAS_CLUSTER) describe(name, body);
  else if (IN_CI) {
    describe(name, () => {
      it('needs a Redis Cluster: REDIS_CLUSTER_NODES is not set (CI must run every Redis test; see .ci/run)', () => {
        throw new Error('REDIS_CLUSTER_NODES is not set while CI is: start the cluster as .ci/run does');
      });
    });
  } else describe.skip(name, body);
}

export function startupNodes(list: string = CLUSTER_NODES): { host: string; port: number }[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [host, port] = s.split(':');
      return { host: host!, port: Number(port) };
    });
}

export function connectCluster(list?: string): Cluster {
  return new Cluster(startupNodes(list), {
    maxRedirections: 32,
    retryDelayOnMoved: 20,
    retryDelayOnClusterDown: 100,
    retryDelayOnTryAgain: 50,
    redisOptions: { maxRetriesPerRequest: 2 },
  });
}

let counter = 0;
/** A fresh graph under a unique prefix; close() deletes its keys. */
export function redisBackend(cluster: () => Cluster): CreateBackend {
  return async (options?: BackendOptions) => {
    const prefix = `t${process.pid}x${Date.now().toString(36)}x${counter++}`;
    const graph = await RedisSocialGraph.open(cluster(), { prefix, dictionaryBuckets: 16, ...options });
    const adapter: AsyncGraph = {
      addMember: (id) => graph.addMember(id),
      mergeMember: (id) => graph.mergeMember(id),
      hasMember: (id) => graph.hasMember(id),
      removeMember: (id) => graph.removeMember(id),
      members: () => graph.members(),
      countMembers: () => graph.countMembers(),
      countConnections: () => graph.countConnections(),
      connect: (a, b) => graph.connect(a, b),
      disconnect: (a, b) => graph.disconnect(a, b),
      areConnected: (a, b) => graph.areConnected(a, b),
      connections: (id) => graph.connections(id),
      connectionCountOf: (id) => graph.connectionCountOf(id),
      degree: (a, b, o) => graph.degree(a, b, o),
      degrees: (v, ids, o) => graph.degrees(v, ids, o),
      mutualConnections: (a, b) => graph.mutualConnections(a, b),
      mutualCount: (a, b) => graph.mutualCount(a, b),
      reach: (id) => graph.reach(id),
      block: (a, b) => graph.block(a, b),
      unblock: (a, b) => graph.unblock(a, b),
      isBlocked: (a, b) => graph.isBlocked(a, b),
      blockedMembers: (id) => graph.blockedMembers(id),
      load: async (source) => {
        await graph.load(source);
      },
    };
    return {
      graph: adapter,
      close: async () => {
        const report = await graph.verify();
        await graph.clear();
        await graph.client.del(graph.layout.metaKey);
        if (report.halfConnections + report.danglingEntries + report.orphanMembers + report.missingMembers > 0 || report.countersOff) {
          throw new Error(`verify() found problems after the test: ${JSON.stringify(report)}`);
        }
      },
    };
  };
}
