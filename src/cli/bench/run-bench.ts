/**
 * The benchmark runner: one child process per peer on the same graph and queries, answers
 * compared against SocialGraph's, figures tabulated with ratios; and the scaling sweep.
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { PEERS, peerAvailable, type BuildMode } from './peers.js';
import type { GraphDescription } from '../../generators/edge-list.js';
import type { GraphSpec, Naming, QueryCounts } from './workload.js';
import { WORKLOADS, type WorkerFailure, type WorkerProgress, type WorkerRequest, type WorkerResult, type Workload } from './protocol.js';

/** Options of {@link runBench}. */
export interface BenchOptions {
  graph: GraphSpec;
  /** How members are numbered and named, in every peer. */
  naming: Naming;
  peers: string[];
  counts: QueryCounts;
  querySeed: number;
  build: BuildMode;
  bulk: boolean;
  /** Time budget of each workload in each peer, ms. */
  budgetMs: number;
  /** Heap limit of each child, MiB. */
  heapMiB: number;
  log: (line: string) => void;
  progress?: (label: string, done: number, total: number) => void;
  /** Why a peer is skipped here even though it could hold the graph (the sweep's time predictions). */
  skip?: (peer: string, members: number, edges: number) => string | null;
}

/** What became of one peer: figures, a failure, or a skip with its reason. */
export type PeerOutcome =
  | WorkerResult
  | WorkerFailure
  | { type: 'result'; peer: string; ok: false; phase: 'skipped'; error: string };

/** The machine the figures were taken on. */
export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
  /** 1-minute load average when the figures were taken: above the core count, other work competed for the CPU. */
  loadAverage: number;
}

/** One benchmark run: the graph, the machine, every peer's outcome and the comparison. */
export interface BenchReport {
  graph: GraphSpec;
  naming: Naming;
  /** The graph actually built (members and distinct connections). */
  shape: { members: number; connections: number } | null;
  /** Its degree distribution (min, median, p99, max) and clustering estimate, from SocialGraph's process. */
  description: GraphDescription | null;
  machine: Machine;
  counts: QueryCounts;
  querySeed: number;
  build: BuildMode;
  budgetMs: number;
  outcomes: PeerOutcome[];
  /** Wall time of each peer's process, ms. */
  wallMs: Record<string, number>;
  disagreements: string[];
  /** Answers compared per peer and workload (the shorter of the two when a budget cut a run short). */
  compared: Record<string, Record<string, number>>;
  /** SocialGraph's figures over csr's, when both ran. */
  versusCsr: VersusCsr | null;
}

/**
 * SocialGraph's figures divided by those of the csr peer (the floor: a static CSR with textbook
 * algorithms), measured in the same run. Latency and bytes: above 1 is slower or bigger. Rates:
 * below 1 is slower; every rate is divided by csr's build rate (connections per second of its
 * bulk build from the edge arrays).
 */
export interface VersusCsr {
  p50: Record<Workload, number>;
  p99: Record<Workload, number>;
  connectPerSecond: number;
  bytesPerConnection: number;
  fromEdgesPerSecond?: number;
  fromEdgesOneThreadPerSecond?: number;
  fromIndexedEdgesPerSecond?: number;
}

/** SocialGraph against csr, or null unless both ran. */
export function versusCsr(outcomes: PeerOutcome[]): VersusCsr | null {
  const ours = outcomes.find((o): o is WorkerResult => o.ok && o.peer === 'social-graph');
  const csr = outcomes.find((o): o is WorkerResult => o.ok && o.peer === 'csr');
  if (ours === undefined || csr === undefined) return null;
  const p50 = {} as Record<Workload, number>;
  const p99 = {} as Record<Workload, number>;
  for (const w of WORKLOADS) {
    p50[w] = ours.workloads[w].p50 / csr.workloads[w].p50;
    p99[w] = ours.workloads[w].p99 / csr.workloads[w].p99;
  }
  const out: VersusCsr = { p50, p99, connectPerSecond: ours.connectPerSecond / csr.connectPerSecond, bytesPerConnection: ours.bytesPerConnection / csr.bytesPerConnection };
  if (ours.fromEdgesPerSecond !== undefined) out.fromEdgesPerSecond = ours.fromEdgesPerSecond / csr.connectPerSecond;
  if (ours.fromEdgesOneThreadPerSecond !== undefined) out.fromEdgesOneThreadPerSecond = ours.fromEdgesOneThreadPerSecond / csr.connectPerSecond;
  if (ours.fromIndexedEdgesPerSecond !== undefined) out.fromIndexedEdgesPerSecond = ours.fromIndexedEdgesPerSecond / csr.connectPerSecond;
  return out;
}

/** The worker script next to this module: `worker.ts` under tsx, `bench-worker.js` in dist. */
export function workerPath(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) return fileURLToPath(new URL('./worker.ts', import.meta.url));
  const built = fileURLToPath(new URL('./bench-worker.js', import.meta.url));
  return existsSync(built) ? built : fileURLToPath(new URL('./worker.js', import.meta.url));
}

/** Forks one worker process for `request` and resolves to its result (or to a failure if it dies). */
export function runWorker(
  request: WorkerRequest,
  heapMiB: number,
  onProgress?: (message: WorkerProgress) => void,
): Promise<WorkerResult | WorkerFailure> {
  const path = workerPath();
  return new Promise((resolve) => {
    const child = fork(path, [], {
      execArgv: [...process.execArgv, '--expose-gc', `--max-old-space-size=${heapMiB}`],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    let settled = false;
    child.on('message', (message: WorkerResult | WorkerFailure | WorkerProgress) => {
      if (message.type === 'progress') {
        onProgress?.(message);
        return;
      }
      settled = true;
      resolve(message);
    });
    child.on('exit', (code, signal) => {
      if (!settled) {
        resolve({ type: 'result', peer: request.peer, ok: false, phase: 'process', error: `worker exited with ${signal ?? `code ${code}`} (out of memory?)` });
      }
    });
    child.send(request);
  });
}

const millions = (n: number) => n.toLocaleString('en-US');

/** Runs every peer, one process after the other, and compares their answers. */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const { graph, log } = options;
  const outcomes: PeerOutcome[] = [];
  const wallMs: Record<string, number> = {};
  const members = graph.model === 'dataset' ? 0 : graph.members;
  const edges = graph.model === 'dataset' ? 0 : Math.round((graph.members * graph.avgDegree) / 2);
  let shape: BenchReport['shape'] = null;
  for (const name of options.peers) {
    const info = PEERS.find((p) => p.name === name);
    if (info === undefined) throw new Error(`unknown peer ${name}`);
    const why = peerAvailable(info) ?? info.cannotHold(members, edges) ?? options.skip?.(name, members, edges) ?? null;
    if (why !== null) {
      log(`  ${info.label}: skipped, ${why}`);
      outcomes.push({ type: 'result', peer: name, ok: false, phase: 'skipped', error: why });
      continue;
    }
    log(graph.model === 'dataset' ? `  ${info.label}: reading ${graph.path}, building and querying` : `  ${info.label}: ${millions(members)} members / ${millions(edges)} connections`);
    const started = Date.now();
    const outcome = await runWorker(
      { peer: name, graph, naming: options.naming, counts: options.counts, querySeed: options.querySeed, build: options.build, bulk: options.bulk, budgetMs: options.budgetMs },
      options.heapMiB,
      (m) => options.progress?.(`${info.label}: ${m.phase}`, m.done, m.total),
    );
    wallMs[name] = Date.now() - started;
    if (outcome.ok && shape === null) shape = { members: outcome.members, connections: outcome.connections };
    log(`  ${info.label}: ${outcome.ok ? 'done' : `failed in ${outcome.phase}: ${outcome.error}`} (${(wallMs[name] / 1000).toFixed(1)} s)`);
    outcomes.push(outcome);
  }
  const { lines, compared } = compareAnswers(outcomes);
  return {
    graph,
    naming: options.naming,
    shape,
    description: outcomes.find((o): o is WorkerResult => o.ok && o.description !== undefined)?.description ?? null,
    machine: machine(),
    counts: options.counts,
    querySeed: options.querySeed,
    build: options.build,
    budgetMs: options.budgetMs,
    outcomes,
    wallMs,
    disagreements: lines,
    compared,
    versusCsr: versusCsr(outcomes),
  };
}

/** CPU, cores, memory, Node version and load average of this machine. */
export function machine(): Machine {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAverage: Math.round(loadavg()[0]! * 100) / 100,
  };
}

/** Answers per query of each workload (reach: 3 numbers; a page: 100). */
function stride(workload: Workload, outcome: WorkerResult): number {
  if (workload === 'reach') return 3;
  if (workload === 'degreesPage') {
    const n = outcome.workloads.degreesPage.n;
    return n > 0 ? outcome.answers.degreesPage.length / n : 1;
  }
  return 1;
}

/**
 * Every answer of every peer against SocialGraph's, over the queries both answered; one line per
 * workload with a disagreement.
 */
export function compareAnswers(outcomes: PeerOutcome[]): { lines: string[]; compared: Record<string, Record<string, number>> } {
  const ours = outcomes.find((o): o is WorkerResult => o.ok && o.peer === 'social-graph');
  const lines: string[] = [];
  const compared: Record<string, Record<string, number>> = {};
  if (ours === undefined) return { lines, compared };
  for (const o of outcomes) {
    if (!o.ok || o === ours) continue;
    compared[o.peer] = {};
    if (o.members !== ours.members || o.connections !== ours.connections) {
      lines.push(`${o.peer} built ${o.members} members / ${o.connections} connections, SocialGraph ${ours.members} / ${ours.connections}`);
    }
    for (const kind of WORKLOADS) {
      const a = ours.answers[kind];
      const b = o.answers[kind];
      const len = Math.min(a.length, b.length);
      let diff = 0;
      let first = -1;
      for (let i = 0; i < len; i++) {
        if (a[i] !== b[i]) {
          diff++;
          if (first < 0) first = i;
        }
      }
      const per = stride(kind, ours);
      compared[o.peer]![kind] = Math.floor(len / per);
      if (diff > 0) {
        const q = Math.floor(first / per);
        lines.push(`${o.peer} disagrees with SocialGraph on ${diff} of ${len} ${kind} answers (first at query #${q}: ${a[first]} vs ${b[first]})`);
      }
    }
  }
  return { lines, compared };
}

// ------------------------------------------------------------------ sweep

/** One size of the sweep. */
export interface SweepPoint {
  members: number;
  report: BenchReport;
}

/** Options of {@link runSweep}. */
export interface SweepOptions extends Omit<BenchOptions, 'graph' | 'skip'> {
  sizes: number[];
  avgDegree: number;
  seed: number;
  model: Exclude<GraphSpec['model'], 'dataset'>;
  /** A peer is skipped at a size when its process is predicted (from the previous size) to take longer, ms. */
  peerBudgetMs: number;
}

/** The scaling sweep: one benchmark per size; a peer stops where it cannot hold the graph or would blow the time budget. */
export async function runSweep(options: SweepOptions): Promise<SweepPoint[]> {
  const points: SweepPoint[] = [];
  const last = new Map<string, { edges: number; wallMs: number; ok: boolean; why: string }>();
  for (const members of options.sizes) {
    const graph: GraphSpec = { model: options.model, members, avgDegree: options.avgDegree, seed: options.seed };
    options.log(`sweep: ${millions(members)} members`);
    const report = await runBench({
      ...options,
      graph,
      skip: (peer, _members, edges) => {
        const prev = last.get(peer);
        if (prev === undefined) return null;
        if (!prev.ok) return `${prev.why} at a smaller size`;
        const predicted = (prev.wallMs * edges) / prev.edges;
        if (peer !== 'social-graph' && predicted > options.peerBudgetMs) {
          return `predicted ${Math.round(predicted / 1000)} s for this size (from ${Math.round(prev.wallMs / 1000)} s at ${millions(prev.edges)} connections), over the sweep's ${Math.round(options.peerBudgetMs / 1000)} s budget per peer`;
        }
        return null;
      },
    });
    const edges = Math.round((members * options.avgDegree) / 2);
    for (const o of report.outcomes) {
      if (o.ok) last.set(o.peer, { edges, wallMs: report.wallMs[o.peer] ?? 0, ok: true, why: '' });
      else if (o.phase !== 'skipped' || !last.has(o.peer) || last.get(o.peer)!.ok) last.set(o.peer, { edges, wallMs: 0, ok: false, why: o.phase === 'skipped' ? 'skipped' : `failed (${o.error})` });
    }
    points.push({ members, report });
  }
  return points;
}
