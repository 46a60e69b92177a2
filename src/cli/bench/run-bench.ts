/**
 * The benchmark runner: one child process per peer on the same seeded graph and queries,
 * answers compared against SocialGraph's, figures tabulated with ratios.
 */
import { fork } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { PEERS, peerAvailable } from './peers.js';
import type { GraphSpec } from './workload.js';
import type { WorkerFailure, WorkerRequest, WorkerResult } from './worker.js';

export interface BenchOptions {
  graph: GraphSpec;
  peers: string[];
  pairs: number;
  reachSamples: number;
  querySeed: number;
  bulk: boolean;
  /** Heap limit of each child, MiB. */
  heapMiB: number;
  log: (line: string) => void;
}

export type PeerOutcome =
  | WorkerResult
  | WorkerFailure
  | { peer: string; ok: false; phase: 'skipped'; error: string };

export interface BenchReport {
  graph: GraphSpec;
  machine: { cpu: string; cores: number; memoryGiB: number; node: string; platform: string };
  pairs: number;
  reachSamples: number;
  querySeed: number;
  outcomes: PeerOutcome[];
  disagreements: string[];
}

function workerPath(): { path: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  const ts = here.endsWith('.ts');
  const path = fileURLToPath(new URL(ts ? './worker.ts' : './bench-worker.js', import.meta.url));
  return { path, execArgv: process.execArgv };
}

export function runWorker(request: WorkerRequest, heapMiB: number): Promise<WorkerResult | WorkerFailure> {
  const { path, execArgv } = workerPath();
  return new Promise((resolve) => {
    const child = fork(path, [], {
      execArgv: [...execArgv, '--expose-gc', `--max-old-space-size=${heapMiB}`],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let settled = false;
    child.on('message', (message: WorkerResult | WorkerFailure) => {
      settled = true;
      resolve(message);
    });
    child.on('exit', (code, signal) => {
      if (!settled) resolve({ peer: request.peer, ok: false, phase: 'process', error: `worker exited with ${signal ?? `code ${code}`} (out of memory?)` });
    });
    child.send(request);
  });
}

export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const { graph, log } = options;
  const outcomes: PeerOutcome[] = [];
  const edges = Math.round((graph.members * graph.avgDegree) / 2);
  for (const name of options.peers) {
    const info = PEERS.find((p) => p.name === name);
    if (info === undefined) throw new Error(`unknown peer ${name}`);
    const missing = peerAvailable(info);
    const cannot = info.cannotHold(graph.members, edges);
    if (missing !== null || cannot !== null) {
      const why = (missing ?? cannot)!;
      log(`  ${info.label}: skipped, ${why}`);
      outcomes.push({ peer: name, ok: false, phase: 'skipped', error: why });
      continue;
    }
    log(`  ${info.label}: building ${graph.members.toLocaleString('en-US')} members / ${edges.toLocaleString('en-US')} connections and querying...`);
    const started = Date.now();
    const outcome = await runWorker(
      { peer: name, graph, pairs: options.pairs, reachSamples: options.reachSamples, querySeed: options.querySeed, bulk: options.bulk },
      options.heapMiB,
    );
    log(`  ${info.label}: ${outcome.ok ? 'done' : `failed in ${outcome.phase}: ${outcome.error}`} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    outcomes.push(outcome);
  }
  const disagreements = compareAnswers(outcomes);
  return {
    graph,
    machine: machine(),
    pairs: options.pairs,
    reachSamples: options.reachSamples,
    querySeed: options.querySeed,
    outcomes,
    disagreements,
  };
}

export function machine(): BenchReport['machine'] {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

/** Every answer of every peer against SocialGraph's; one line per kind of disagreement. */
export function compareAnswers(outcomes: PeerOutcome[]): string[] {
  const ours = outcomes.find((o): o is WorkerResult => o.ok && o.peer === 'social-graph');
  const lines: string[] = [];
  if (ours === undefined) return lines;
  for (const o of outcomes) {
    if (!o.ok || o === ours) continue;
    for (const kind of ['degree', 'mutual', 'reach'] as const) {
      const a = ours.answers[kind];
      const b = o.answers[kind];
      let diff = 0;
      let first = -1;
      for (let i = 0; i < a.length; i++) {
        if (a[i] !== b[i]) {
          diff++;
          if (first < 0) first = i;
        }
      }
      if (diff > 0) lines.push(`${o.peer} disagrees on ${diff} of ${a.length} ${kind} answers (first at #${first}: ${a[first]} vs ${b[first]})`);
    }
  }
  return lines;
}
