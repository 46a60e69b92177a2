/**
 * One peer, one process: generates the seeded graph, builds it through the peer's API, measures
 * memory after GC, times every workload query by query, and sends figures and answers back to the
 * parent over IPC. Run only through `fork` by the benchmark runner.
 */
import { SocialGraph } from '../../social-graph.js';
import { PEERS, type PeerGraph } from './peers.js';
import { makeGraph, samplePairs, type GraphSpec } from './workload.js';

export interface WorkerRequest {
  peer: string;
  graph: GraphSpec;
  pairs: number;
  reachSamples: number;
  querySeed: number;
  /** Also time fromEdges / fromIndexedEdges (SocialGraph only). */
  bulk: boolean;
}

export interface Timing {
  p50: number;
  p99: number;
  max: number;
  mean: number;
  n: number;
}

export interface WorkerResult {
  peer: string;
  ok: true;
  members: number;
  connections: number;
  generateMs: number;
  buildMs: number;
  connectPerSecond: number;
  bytes: number;
  bytesPerConnection: number;
  degree: Timing;
  mutual: Timing;
  reach: Timing;
  fromEdgesPerSecond?: number;
  fromIndexedEdgesPerSecond?: number;
  answers: { degree: number[]; mutual: number[]; reach: number[] };
}

export interface WorkerFailure {
  peer: string;
  ok: false;
  phase: string;
  error: string;
}


function heap(): number {
  for (let i = 0; i < 3; i++) (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Percentiles of per-call times (µs for queries, ms for reach): nearest rank. */
export function summarize(times: Float64Array): Timing {
  const sorted = Float64Array.from(times).sort();
  const n = sorted.length;
  if (n === 0) return { p50: NaN, p99: NaN, max: NaN, mean: NaN, n };
  const at = (q: number) => sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))]!;
  let sum = 0;
  for (const t of sorted) sum += t;
  return { p50: at(0.5), p99: at(0.99), max: sorted[n - 1]!, mean: sum / n, n };
}

function now(): number {
  return Number(process.hrtime.bigint()) / 1e3; // µs
}

function run(request: WorkerRequest): WorkerResult {
  const info = PEERS.find((p) => p.name === request.peer);
  if (info === undefined) throw new Error(`unknown peer ${request.peer}`);
  let phase = 'generate';
  const t0 = now();
  const g = makeGraph(request.graph);
  const generateMs = (now() - t0) / 1e3;
  const pairs = samplePairs(g.members, request.pairs, request.querySeed);
  const reachSources = samplePairs(g.members, request.reachSamples, request.querySeed + 1).a;
  try {
    phase = 'build';
    const before = heap();
    let peer: PeerGraph | null = info.create();
    const t1 = now();
    peer.build(g.members, g.sources, g.targets, g.edges);
    const buildMs = (now() - t1) / 1e3;
    const bytes = heap() - before;
    const connections = peer.connections();

    phase = 'degree';
    const k = pairs.a.length;
    const degreeAnswers: number[] = new Array(k);
    for (let i = 0; i < Math.min(k, 200); i++) peer.degree(pairs.a[i]!, pairs.b[i]!); // warm up
    const degreeTimes = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      const s = now();
      const d = peer.degree(pairs.a[i]!, pairs.b[i]!);
      degreeTimes[i] = now() - s;
      degreeAnswers[i] = d === null ? -1 : d;
    }

    phase = 'mutual';
    const mutualAnswers: number[] = new Array(k);
    for (let i = 0; i < Math.min(k, 200); i++) peer.mutualCount(pairs.a[i]!, pairs.b[i]!);
    const mutualTimes = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      const s = now();
      mutualAnswers[i] = peer.mutualCount(pairs.a[i]!, pairs.b[i]!);
      mutualTimes[i] = now() - s;
    }

    phase = 'reach';
    const reachAnswers: number[] = [];
    const reachTimes = new Float64Array(reachSources.length);
    for (let i = 0; i < reachSources.length; i++) {
      const s = now();
      const r = peer.reach(reachSources[i]!);
      reachTimes[i] = (now() - s) / 1e3; // ms
      reachAnswers.push(...r);
    }

    const result: WorkerResult = {
      peer: request.peer,
      ok: true,
      members: g.members,
      connections,
      generateMs,
      buildMs,
      connectPerSecond: g.edges / (buildMs / 1e3),
      bytes,
      bytesPerConnection: bytes / connections,
      degree: summarize(degreeTimes),
      mutual: summarize(mutualTimes),
      reach: summarize(reachTimes),
      answers: { degree: degreeAnswers, mutual: mutualAnswers, reach: reachAnswers },
    };

    if (request.bulk && request.peer === 'social-graph') {
      phase = 'fromEdges';
      peer = null;
      heap();
      const ids: string[] = new Array(g.members);
      for (let i = 0; i < g.members; i++) ids[i] = `u${i}`;
      const list: [string, string][] = new Array(g.edges);
      for (let e = 0; e < g.edges; e++) list[e] = [ids[g.sources[e]!]!, ids[g.targets[e]!]!];
      heap();
      const t2 = now();
      const built = SocialGraph.fromEdges(list);
      result.fromEdgesPerSecond = built.connectionCount / ((now() - t2) / 1e6);
      list.length = 0;
      heap();
      const t3 = now();
      const indexed = SocialGraph.fromIndexedEdges({ ids, members: g.members, sources: g.sources, targets: g.targets, edges: g.edges });
      result.fromIndexedEdgesPerSecond = indexed.connectionCount / ((now() - t3) / 1e6);
    }
    return result;
  } catch (error) {
    throw Object.assign(new Error(String((error as Error)?.message ?? error)), { phase });
  }
}

process.on('message', (request: WorkerRequest) => {
  let reply: WorkerResult | WorkerFailure;
  try {
    reply = run(request);
  } catch (error) {
    reply = { peer: request.peer, ok: false, phase: (error as { phase?: string }).phase ?? 'setup', error: String((error as Error).message) };
  }
  process.send?.(reply, () => process.exit(0));
});
