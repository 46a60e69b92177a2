/**
 * What the benchmark runner and its worker processes say to each other: the request, progress
 * messages and the result, and the workloads measured. Importing this module has no side effect
 * (the worker entry, `worker.ts`, listens on the IPC channel).
 */
import type { GraphDescription } from '../../generators/edge-list.js';
import type { BuildMode } from './peers.js';
import type { GraphSpec, Naming, QueryCounts } from './workload.js';

/** What the runner asks a worker process to do. */
export interface WorkerRequest {
  peer: string;
  graph: GraphSpec;
  /** How members are numbered and named. */
  naming: Naming;
  counts: QueryCounts;
  querySeed: number;
  /** How SocialGraph is built (peers always use their own insertion API). */
  build: BuildMode;
  /** Also time fromEdges / fromIndexedEdges (SocialGraph only). */
  bulk: boolean;
  /** Time budget of each workload, ms: a workload stops early (n < asked) once spent. */
  budgetMs: number;
}

/** Per-call latency summary, µs, nearest-rank percentiles. */
export interface Timing {
  p50: number;
  p99: number;
  max: number;
  mean: number;
  /** Calls timed (fewer than asked when the time budget ran out). */
  n: number;
}

/** The workloads, in the order they run. */
export const WORKLOADS = [
  'degreeRandom',
  'degreeNear',
  'degreeHub',
  'degreesPage',
  'mutualCount',
  'mutualList',
  'reach',
  'disconnect',
  'connect',
] as const;
/** One of {@link WORKLOADS}. */
export type Workload = (typeof WORKLOADS)[number];

/** A worker's figures and answers. */
export interface WorkerResult {
  type: 'result';
  peer: string;
  ok: true;
  members: number;
  connections: number;
  generateMs: number;
  build: BuildMode;
  buildMs: number;
  /** Connections per second of the build (`connect` mode), or of reconnecting the churn sample (`indexed` mode). */
  connectPerSecond: number;
  bytes: number;
  bytesPerConnection: number;
  workloads: Record<Workload, Timing>;
  fromEdgesPerSecond?: number;
  /** fromEdges with `parallel: false`. */
  fromEdgesOneThreadPerSecond?: number;
  fromIndexedEdgesPerSecond?: number;
  /** Degree distribution and clustering estimate of the graph (SocialGraph's worker only, untimed). */
  description?: GraphDescription;
  answers: Record<Workload, number[]>;
}

/** A worker that failed, and in which phase. */
export interface WorkerFailure {
  type: 'result';
  peer: string;
  ok: false;
  phase: string;
  error: string;
}

/** A progress message from a worker: `done` of `total` in `phase`. */
export interface WorkerProgress {
  type: 'progress';
  peer: string;
  phase: string;
  done: number;
  total: number;
}

/** Percentiles of per-call times: nearest rank. */
export function summarize(times: Float64Array): Timing {
  const sorted = Float64Array.from(times).sort();
  const n = sorted.length;
  if (n === 0) return { p50: NaN, p99: NaN, max: NaN, mean: NaN, n };
  const at = (q: number) => sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))]!;
  let sum = 0;
  for (const t of sorted) sum += t;
  return { p50: at(0.5), p99: at(0.99), max: sorted[n - 1]!, mean: sum / n, n };
}

