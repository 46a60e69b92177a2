/**
 * Resharding and failover while the graph is in use. Starts its own cluster (3 masters with one
 * replica each) with scripts/redis-cluster.sh on ports from REDIS_FAULT_PORT (default 7100), in
 * REDIS_FAULT_DIR (or a temporary folder), and stops it by PID. Runs only where the conformance
 * cluster is configured (REDIS_CLUSTER_NODES set: .ci/run), else skips.
 *
 * Every answer given while slots move or a master dies must be right (the same as the in-memory
 * SocialGraph on the same graph) or a typed SocialGraphError; after the failover, repair() must
 * leave nothing for verify() to find.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { barabasiAlbert } from '../../src/generators/index.js';
import { SocialGraph, SocialGraphError } from '../../src/index.js';
import { RedisSocialGraph } from '../../src/redis/index.js';
import { clusterDescribe } from './cluster-env.js';

const run = promisify(execFile);
const SCRIPT = join(process.cwd(), 'scripts/redis-cluster.sh');
/** Where to look for free ports; the suite takes the first free run of 12 when it starts. */
const FROM = Number(process.env.REDIS_FAULT_PORT ?? 7100);
let BASE = FROM;

let dir = '';
let cluster: Cluster;
const RETRY = { attempts: 24, baseDelayMs: 50, maxDelayMs: 1000 };
/** Generous: CI shares 2 cores with the rest of the suite, and a starved node must not look dead. */
const NODE_TIMEOUT = '3000';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function cli(...args: string[]): Promise<string> {
  const { stdout } = await run('redis-cli', args, { maxBuffer: 1 << 24 });
  return stdout;
}

/** Waits until `redis-cli --cluster check` passes (every node agrees, no open slot). */
async function waitConsistent(port: number, fix = false): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      await run('redis-cli', ['--cluster', 'check', `127.0.0.1:${port}`]);
      return;
    } catch {
      if (fix && i % 20 === 19) await run('redis-cli', ['--cluster', 'fix', `127.0.0.1:${port}`, '--cluster-yes']).catch(() => {});
      await sleep(100);
    }
  }
  throw new Error('cluster did not become consistent');
}

interface Tally {
  right: number;
  typed: number;
  wrong: string[];
}

/** Asks random queries of the static graph until `done()`; each answer checked against `local`. */
async function queryLoop(graph: RedisSocialGraph, local: SocialGraph, members: number, done: () => boolean): Promise<Tally> {
  const tally: Tally = { right: 0, typed: 0, wrong: [] };
  let s = 12345;
  const next = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) % members;
  const check = async <T>(label: string, remote: () => Promise<T>, expected: () => T, same: (x: T, y: T) => boolean = (x, y) => JSON.stringify(x) === JSON.stringify(y)) => {
    try {
      const answer = await remote();
      if (same(answer, expected())) tally.right++;
      else tally.wrong.push(`${label}: ${JSON.stringify(answer)} != ${JSON.stringify(expected())}`);
    } catch (error) {
      if (error instanceof SocialGraphError) tally.typed++;
      else tally.wrong.push(`${label}: untyped ${(error as Error).message}`);
    }
  };
  while (!done()) {
    const a = `f${next()}`;
    const b = `f${next()}`;
    const page = [b, `f${next()}`, `f${next()}`];
    await Promise.all([
      check(`degree(${a},${b})`, () => graph.degree(a, b), () => local.degree(a, b)),
      check(`mutual(${a},${b})`, async () => (await graph.mutualConnections(a, b)).sort(), () => local.mutualConnections(a, b).sort()),
      check(`degrees(${a})`, () => graph.degrees(a, page), () => local.degrees(a, page)),
      check(`reach(${a})`, () => graph.reach(a), () => local.reach(a)),
    ]);
  }
  return tally;
}

clusterDescribe('RedisSocialGraph under resharding and failover', () => {
  const members = 3000;
  let local: SocialGraph;
  let graph: RedisSocialGraph;

  beforeAll(async () => {
    dir = process.env.REDIS_FAULT_DIR ?? mkdtempSync(join(tmpdir(), 'sg-fault-'));
    // Ports are chosen now, not when CI started: something may have taken them since.
    BASE = Number((await run(SCRIPT, ['free-port', '12', String(FROM)])).stdout.trim());
    await run(SCRIPT, ['start', dir, '--masters', '3', '--replicas', '1', '--port', String(BASE), '--node-timeout', NODE_TIMEOUT]);
    cluster = new Cluster([{ host: '127.0.0.1', port: BASE }], {
      maxRedirections: 32,
      retryDelayOnMoved: 20,
      retryDelayOnClusterDown: 200,
      retryDelayOnTryAgain: 50,
      slotsRefreshTimeout: 1000,
      redisOptions: { maxRetriesPerRequest: 1, connectTimeout: 500, commandTimeout: 2000 },
    });
    const generated = barabasiAlbert({ members, avgDegree: 8, seed: 5 });
    const edges = { ids: (i: number) => `f${i}`, memberCount: members, sources: generated.sources, targets: generated.targets, edges: generated.edges };
    local = SocialGraph.fromIndexedEdges(edges);
    graph = await RedisSocialGraph.open(cluster, { prefix: 'static', retry: RETRY, dictionaryBuckets: 64 });
    await graph.load(edges);
    // Replication is asynchronous: make sure the replicas hold the static graph before any kill.
    for (const node of cluster.nodes('master')) await node.call('WAIT', '1', '1500');
  });

  afterAll(async () => {
    await cluster?.quit().catch(() => {});
    if (dir !== '') await run(SCRIPT, ['stop', dir]);
    if (dir !== '' && process.env.REDIS_FAULT_DIR === undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('adds a 4th master and reshards while queries run: no wrong answer', async () => {
    const port = BASE + 6;
    await run(SCRIPT, ['node', dir, String(port), NODE_TIMEOUT]);
    await cli('--cluster', 'add-node', `127.0.0.1:${port}`, `127.0.0.1:${BASE}`);
    // Rebalancing right after add-node can leave a slot open (or see no new master): wait until
    // every node has heard of the new one and `--cluster check` passes.
    for (let i = 0; i < 200; i++) {
      const views = await Promise.all([0, 1, 2, 3, 4, 5].map((k) => cli('-p', String(BASE + k), 'cluster', 'nodes').catch(() => '')));
      const state = await cli('-p', String(port), 'cluster', 'info').catch(() => '');
      if (views.every((v) => v.includes(`:${port}@`)) && state.includes('cluster_state:ok')) break;
      await sleep(100);
    }
    await waitConsistent(BASE);
    let finished = false;
    let rebalanceLog = '';
    const rebalanceOnce = () =>
      new Promise<number>((resolve) => {
        const child = spawn('redis-cli', ['--cluster', 'rebalance', `127.0.0.1:${BASE}`, '--cluster-use-empty-masters', '--cluster-pipeline', '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
        child.stdout.on('data', (chunk: Buffer) => (rebalanceLog += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (rebalanceLog += chunk.toString()));
        child.on('exit', (code) => resolve(code ?? -1));
      });
    // A starved node can make redis-cli give up midway (CLUSTERDOWN): fix the open slot and go on.
    const rebalance = (async () => {
      let code = -1;
      for (let attempt = 0; attempt < 4 && code !== 0; attempt++) {
        if (attempt > 0) await waitConsistent(BASE, true);
        code = await rebalanceOnce();
      }
      return code;
    })().finally(() => {
      finished = true;
    });
    const [code, tally] = await Promise.all([rebalance, queryLoop(graph, local, members, () => finished)]);
    await waitConsistent(BASE, true);
    const after = await queryLoop(graph, local, members, (() => {
      let n = 0;
      return () => n++ >= 20;
    })());
    expect(code, rebalanceLog.replace(/#+/g, '#').slice(-2000)).toBe(0);
    expect(tally.wrong).toEqual([]);
    expect(after.wrong).toEqual([]);
    expect(tally.right).toBeGreaterThan(0);
    const nodes = await cli('-p', String(port), 'cluster', 'nodes');
    expect(nodes).toMatch(/myself,master .* \d+-\d+/); // the new master serves slots
    console.log(`resharding: ${tally.right} right, ${tally.typed} typed errors, 0 wrong`);
  });

  it('kills a master during writes: answers right or typed, and repair() leaves verify() clean', async () => {
    const writer = await RedisSocialGraph.open(cluster, { prefix: 'writes', retry: RETRY, dictionaryBuckets: 16 });
    const ids = Array.from({ length: 200 }, (_, i) => `w${i}`);
    await writer.load(ids.map((id, i) => [id, ids[(i + 1) % ids.length]!] as [string, string]));
    // Pick a master that serves slots, and its PID.
    const lines = (await cli('-p', String(BASE), 'cluster', 'nodes')).split('\n');
    // A master that serves slots and has a replica (the 4th master has none), not the seed node.
    const replicated = new Set(lines.filter((l) => /slave [0-9a-f]{40}/.test(l)).map((l) => /slave ([0-9a-f]{40})/.exec(l)![1]));
    const victim = lines.find((l) => / master /.test(l) && !/fail/.test(l) && /\d+-\d+/.test(l) && !l.includes(`:${BASE}@`) && replicated.has(l.slice(0, 40)));
    expect(victim).toBeDefined();
    const victimPort = Number(/:(\d+)@/.exec(victim!)![1]);
    const pid = Number(readFileSync(join(dir, String(victimPort), 'redis.pid'), 'utf8'));
    let stop = false;
    const writes = { ok: 0, typed: 0, untyped: [] as string[] };
    const writing = (async () => {
      let s = 99;
      while (!stop) {
        s = (Math.imul(s, 1103515245) + 12345) >>> 0;
        const a = ids[s % ids.length]!;
        const b = ids[(s >>> 8) % ids.length]!;
        try {
          if (a !== b) await ((s & 3) === 0 ? writer.disconnect(a, b) : writer.connect(a, b));
          writes.ok++;
        } catch (error) {
          if (error instanceof SocialGraphError) writes.typed++;
          else writes.untyped.push((error as Error).message);
        }
      }
    })();
    await sleep(300);
    process.kill(pid, 'SIGKILL');
    let until = Date.now() + 10_000;
    const tally = await queryLoop(graph, local, members, () => Date.now() > until);
    stop = true;
    await writing;
    await waitConsistent(BASE, true);
    until = Date.now() + 1000;
    const after = await queryLoop(graph, local, members, () => Date.now() > until);
    expect(tally.wrong).toEqual([]);
    expect(after.wrong).toEqual([]);
    expect(after.typed).toBe(0);
    expect(writes.untyped).toEqual([]);
    const nodesAfter = await cli('-p', String(BASE), 'cluster', 'nodes');
    expect(nodesAfter).toMatch(new RegExp(`^${victim!.slice(0, 40)} \\S+ master,fail`, 'm')); // it did fail over
    await writer.repair();
    const report = await writer.verify();
    expect(report).toMatchObject({ orphanMembers: 0, missingMembers: 0, danglingEntries: 0, halfConnections: 0, countersOff: false });
    console.log(`failover: reads ${tally.right} right, ${tally.typed} typed errors, 0 wrong; writes ${writes.ok} done, ${writes.typed} typed errors`);
  });
});
