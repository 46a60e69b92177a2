/**
 * What the benchmark runner and its worker processes say to each other, and the workloads
 * measured. Importing this module has no side effect (the worker entry, `worker.ts`, listens on
 * the IPC channel).
 *
 * A session, one command at a time, each answered by one reply (progress messages may come in
 * between): `setup` (generate, build, measure memory) → `ready`; then any number of `slice` (time
 * the next slice of one workload's queries) → `slice`, the workloads in {@link WORKLOADS} order;
 * then `finish` (SocialGraph's untimed description and bulk-load timings) → `finished`, after
 * which the worker exits. A command that fails is answered by a {@link WorkerFailure}, after
 * which the worker exits too.
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
  /** Each workload's queries are timed in this many slices (the last may be shorter): see {@link sliceLength}. */
  slices: number;
}

/**
 * Slices per workload, by default. Peers take turns at slices, so that every ratio between two
 * peers compares calls timed seconds apart rather than minutes (this machine's speed drifts by
 * ±30% within minutes). Ten: a peer spending its whole budget (10 s by default) on a workload runs
 * at most ~1 s before the other takes over, and the rounds pair up in swapped order (A B, B A) five
 * times over, which cancels a linear drift within each pair; while a slice of the default counts
 * (1,000 of 10,000 pairs, 20 of 200 pages, 3 of 30 reach sources) keeps the parent's round trip
 * (a fraction of a millisecond, outside the timed calls) negligible, and keeps the calls that follow a
 * switch of process, on caches the other process filled, to about 10 in 10,000 (under p99's 1%).
 */
export const SLICES = 10;

/** Queries in each slice of a workload of `count` queries cut in `slices`: at least 1. */
export function sliceLength(count: number, slices: number): number {
  return Math.max(1, Math.ceil(count / Math.max(1, slices)));
}

/** What the runner asks of a worker: one command at a time. */
export type WorkerCommand =
  | { type: 'setup'; request: WorkerRequest }
  /** Time the next slice of `workload` (warming it up first if it is read-only and not yet started). */
  | { type: 'slice'; workload: Workload }
  /** Run the untimed extra phases, reply and exit. */
  | { type: 'finish' };

/** The reply to `setup`: the graph is built and held, memory measured. */
export interface WorkerReady {
  type: 'ready';
  peer: string;
  members: number;
  connections: number;
  /** Connections in the edge list the build was given (repeats included). */
  edges: number;
  generateMs: number;
  build: BuildMode;
  buildMs: number;
  bytes: number;
  /** Queries of each workload (connect: an upper bound; it reconnects what disconnect removed). */
  queries: Record<Workload, number>;
}

/** The reply to `slice`: per-call times (µs) and answers, in query order, continuing the previous slice. */
export interface WorkerSlice {
  type: 'slice';
  peer: string;
  workload: Workload;
  times: Float64Array;
  answers: number[];
  /** Queries of the workload timed so far, this slice included. */
  done: number;
  /** Queries of the workload in all. */
  total: number;
  /** No slice of this workload is left: every query timed, or the time budget spent. */
  finished: boolean;
}

/** The reply to `finish`: SocialGraph's extra figures (none for the other peers). */
export interface WorkerFinished {
  type: 'finished';
  peer: string;
  fromEdgesPerSecond?: number;
  fromEdgesOneThreadPerSecond?: number;
  fromIndexedEdgesPerSecond?: number;
  description?: GraphDescription;
}

/** Any reply of a worker to a command. */
export type WorkerReply = WorkerReady | WorkerSlice | WorkerFinished | WorkerFailure;

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

/** A peer's figures and answers, assembled by the runner from its worker's replies. */
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

