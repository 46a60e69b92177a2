/**
 * The benchmark runner: one child process per peer on the same graph and queries, the peers timed
 * in turn, slice by slice of every workload; answers compared against SocialGraph's, figures
 * tabulated with ratios; and the scaling sweep.
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { PEERS, peerAvailable, type BuildMode, type PeerInfo } from './peers.js';
import type { GraphDescription } from '../../generators/edge-list.js';
import type { GraphSpec, Naming, QueryCounts } from './workload.js';
import {
  SLICES,
  summarize,
  WORKLOADS,
  type Timing,
  type WorkerCommand,
  type WorkerFailure,
  type WorkerFinished,
  type WorkerProgress,
  type WorkerReady,
  type WorkerReply,
  type WorkerRequest,
  type WorkerResult,
  type Workload,
} from './protocol.js';

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
  /**
   * Peers take turns at slices of each workload, all their graphs held at once (default); false:
   * each peer runs alone, one after the other (less memory, ratios exposed to the machine's drift).
   */
  alternate?: boolean;
  /** Slices per workload (default {@link SLICES}). */
  slices?: number;
  /** Starts a peer's worker (default: {@link forkWorker}; tests give stand-ins). */
  spawn?: Spawn;
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
  /** How the peers were timed: in turn (`alternate`), each workload in `slices` slices per peer. */
  timing: { alternate: boolean; slices: number };
  outcomes: PeerOutcome[];
  /** Busy time of each peer's process, ms: from each command sent to its reply (idle waits excluded), so about its time alone. */
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

/** A worker process as the runner sees it: one command in flight at a time. */
export interface PeerChannel {
  /** Sends `command`; resolves to the worker's reply, or to a failure once the process has died. */
  ask(command: WorkerCommand): Promise<WorkerReply>;
}

/** Starts the worker of one peer; its progress messages go to `onProgress`. */
export type Spawn = (peer: string, onProgress: (message: WorkerProgress) => void) => PeerChannel;

/**
 * Forks the worker process of `peer` (`script`: the bench's worker unless a test gives another).
 * A process that dies (out of memory, killed) answers the command in flight, and every later one,
 * with a failure in the phase it was in.
 */
export function forkWorker(peer: string, heapMiB: number, onProgress: (message: WorkerProgress) => void, script = workerPath()): PeerChannel {
  const child = fork(script, [], {
    execArgv: [...process.execArgv, '--expose-gc', `--max-old-space-size=${heapMiB}`],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  let pending: ((reply: WorkerReply) => void) | null = null;
  let dead: string | null = null;
  let phase = 'setup';
  const failure = (): WorkerFailure => ({ type: 'result', peer, ok: false, phase, error: `${dead} (out of memory?)` });
  const die = (why: string) => {
    dead ??= why;
    const answer = pending;
    pending = null;
    answer?.(failure());
  };
  child.on('message', (message: WorkerReply | WorkerProgress) => {
    if (message.type === 'progress') {
      phase = message.phase;
      onProgress(message);
      return;
    }
    const answer = pending;
    pending = null;
    answer?.(message);
  });
  child.on('exit', (code, signal) => die(`worker exited with ${signal ?? `code ${code}`}`));
  child.on('error', (error) => die(`worker failed: ${error.message}`));
  return {
    ask(command) {
      phase = command.type === 'slice' ? command.workload : command.type;
      if (dead !== null) return Promise.resolve(failure());
      return new Promise((resolve) => {
        pending = resolve;
        child.send(command, (error) => {
          if (error) die(`worker unreachable: ${error.message}`);
        });
      });
    },
  };
}

/**
 * The order in which peers take their slices in round `round` (from 0): as given in even rounds,
 * reversed in odd ones. Two peers go A B, B A, A B, …: each peer goes first as often as the other,
 * and each pair of rounds cancels a drift of the machine's speed that is linear over it.
 */
export function roundOrder<T>(peers: readonly T[], round: number): T[] {
  return round % 2 === 0 ? [...peers] : [...peers].reverse();
}

const millions = (n: number) => n.toLocaleString('en-US');

/** A peer whose worker is built and holding its graph, with what its slices returned so far. */
interface Live {
  info: PeerInfo;
  channel: PeerChannel;
  ready: WorkerReady;
  times: Record<Workload, Float64Array[]>;
  answers: Record<Workload, number[]>;
  /** Queries timed so far per workload. */
  done: Record<Workload, number>;
  /** Workloads with no slice left (every query timed, or the budget spent). */
  finished: Set<Workload>;
  failure: WorkerFailure | null;
}

/** Concatenates the slices' times, in order. */
function concat(parts: Float64Array[]): Float64Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Float64Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A peer's figures from its worker's replies: the slices' times summarized as one series per workload. */
function assemble(live: Live, extras: WorkerFinished): WorkerResult {
  const { ready } = live;
  const workloads = {} as Record<Workload, Timing>;
  for (const w of WORKLOADS) workloads[w] = summarize(concat(live.times[w]));
  // `indexed` builds SocialGraph in bulk: its connect rate is that of reconnecting the churn sample.
  const connectPerSecond = ready.build === 'indexed' ? 1e6 / workloads.connect.mean : ready.edges / (ready.buildMs / 1e3);
  const result: WorkerResult = {
    type: 'result',
    peer: ready.peer,
    ok: true,
    members: ready.members,
    connections: ready.connections,
    generateMs: ready.generateMs,
    build: ready.build,
    buildMs: ready.buildMs,
    connectPerSecond,
    bytes: ready.bytes,
    bytesPerConnection: ready.bytes / ready.connections,
    workloads,
    answers: live.answers,
  };
  if (extras.fromEdgesPerSecond !== undefined) result.fromEdgesPerSecond = extras.fromEdgesPerSecond;
  if (extras.fromEdgesOneThreadPerSecond !== undefined) result.fromEdgesOneThreadPerSecond = extras.fromEdgesOneThreadPerSecond;
  if (extras.fromIndexedEdgesPerSecond !== undefined) result.fromIndexedEdgesPerSecond = extras.fromIndexedEdgesPerSecond;
  if (extras.description !== undefined) result.description = extras.description;
  return result;
}

/** A reply of the expected type, or the failure it stands for (an unexpected type is a protocol failure). */
function asReply<T extends WorkerReply['type']>(reply: WorkerReply, type: T, peer: string, phase: string): Extract<WorkerReply, { type: T }> | WorkerFailure {
  if (reply.type === type || (reply.type === 'result' && !reply.ok)) return reply as Extract<WorkerReply, { type: T }> | WorkerFailure;
  return { type: 'result', peer, ok: false, phase, error: `worker answered ${reply.type} to ${phase}` };
}

/**
 * Runs every peer and compares their answers. By default (`alternate`) every runnable peer's worker
 * builds its graph, one after the other (each build and memory figure taken alone), and holds it;
 * then, workload by workload, the peers take turns at slices of the queries ({@link roundOrder}),
 * until each has timed them all or spent the workload's budget; then each worker finishes
 * (SocialGraph last, so that its bulk-load timings run with the other graphs freed) and exits.
 * With `alternate: false` each peer runs its whole session alone, one after the other.
 */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const { graph, log } = options;
  const slices = options.slices ?? SLICES;
  const alternate = options.alternate ?? true;
  const outcomes = new Map<string, PeerOutcome>();
  const wallMs: Record<string, number> = {};
  const members = graph.model === 'dataset' ? 0 : graph.members;
  const edges = graph.model === 'dataset' ? 0 : Math.round((graph.members * graph.avgDegree) / 2);
  const runnable: PeerInfo[] = [];
  for (const name of options.peers) {
    const info = PEERS.find((p) => p.name === name);
    if (info === undefined) throw new Error(`unknown peer ${name}`);
    const why = peerAvailable(info) ?? info.cannotHold(members, edges) ?? options.skip?.(name, members, edges) ?? null;
    if (why !== null) {
      log(`  ${info.label}: skipped, ${why}`);
      outcomes.set(name, { type: 'result', peer: name, ok: false, phase: 'skipped', error: why });
    } else runnable.push(info);
  }
  const spawn: Spawn = options.spawn ?? ((peer, onProgress) => forkWorker(peer, options.heapMiB, onProgress));
  const request = (peer: string): WorkerRequest => ({
    peer,
    graph,
    naming: options.naming,
    counts: options.counts,
    querySeed: options.querySeed,
    build: options.build,
    bulk: options.bulk,
    budgetMs: options.budgetMs,
    slices,
  });
  const seconds = (name: string) => `${((wallMs[name] ?? 0) / 1000).toFixed(1)} s`;
  /** Sends `command` to a peer's worker, adding the wait to the peer's busy time. */
  const ask = async (name: string, channel: PeerChannel, command: WorkerCommand): Promise<WorkerReply> => {
    const started = performance.now();
    const reply = await channel.ask(command);
    wallMs[name] = (wallMs[name] ?? 0) + (performance.now() - started);
    return reply;
  };
  const fail = (info: PeerInfo, failure: WorkerFailure, live?: Live) => {
    if (live !== undefined) live.failure = failure;
    outcomes.set(info.name, failure);
    log(`  ${info.label}: failed in ${failure.phase}: ${failure.error} (${seconds(info.name)})`);
  };

  /** One group of peers alive together: builds one by one, slices in turn, finishes. */
  const session = async (group: PeerInfo[]) => {
    const lives: Live[] = [];
    /** Progress of a workload over every peer of the group (a peer with no slice left counts as done). */
    const workloadProgress = (w: Workload) => {
      let done = 0;
      let total = 0;
      for (const l of lives) {
        if (l.failure !== null) continue;
        const all = l.ready.queries[w];
        total += all;
        done += l.finished.has(w) ? all : Math.min(all, l.done[w]);
      }
      options.progress?.(lives.length === 1 ? `${lives[0]!.info.label}: ${w}` : `${w} (${lives.length} libraries in turn)`, done, total);
    };
    for (const info of group) {
      log(graph.model === 'dataset' ? `  ${info.label}: reading ${graph.path}, building` : `  ${info.label}: ${millions(members)} members / ${millions(edges)} connections`);
      const channel = spawn(info.name, (m) => {
        const live = lives.find((l) => l.info === info);
        if (live !== undefined && (WORKLOADS as readonly string[]).includes(m.phase)) {
          live.done[m.phase as Workload] = m.done;
          workloadProgress(m.phase as Workload);
        } else options.progress?.(`${info.label}: ${m.phase}`, m.done, m.total);
      });
      const reply = asReply(await ask(info.name, channel, { type: 'setup', request: request(info.name) }), 'ready', info.name, 'setup');
      if (reply.type !== 'ready') {
        fail(info, reply);
        continue;
      }
      const empty = <T>(make: () => T) => Object.fromEntries(WORKLOADS.map((w) => [w, make()])) as Record<Workload, T>;
      lives.push({ info, channel, ready: reply, times: empty(() => []), answers: empty(() => []), done: empty(() => 0), finished: new Set(), failure: null });
    }
    if (lives.length > 1) log(`  timing: ${lives.map((l) => l.info.label).join(', ')} take turns, each workload in ${slices} slices per library, order swapped each round`);
    for (const w of WORKLOADS) {
      let active = lives.filter((l) => l.failure === null);
      for (let round = 0; active.length > 0; round++) {
        for (const live of roundOrder(active, round)) {
          const reply = asReply(await ask(live.info.name, live.channel, { type: 'slice', workload: w }), 'slice', live.info.name, w);
          if (reply.type !== 'slice') {
            fail(live.info, reply, live);
            continue;
          }
          live.times[w].push(reply.times);
          const answers = live.answers[w];
          for (const a of reply.answers) answers.push(a);
          live.done[w] = reply.done;
          if (reply.finished) live.finished.add(w);
          workloadProgress(w);
        }
        active = active.filter((l) => l.failure === null && !l.finished.has(w));
      }
    }
    const ending = lives.filter((l) => l.failure === null);
    ending.sort((a, b) => Number(a.info.name === 'social-graph') - Number(b.info.name === 'social-graph'));
    for (const live of ending) {
      const reply = asReply(await ask(live.info.name, live.channel, { type: 'finish' }), 'finished', live.info.name, 'finish');
      if (reply.type !== 'finished') {
        fail(live.info, reply, live);
        continue;
      }
      outcomes.set(live.info.name, assemble(live, reply));
      log(`  ${live.info.label}: done (${seconds(live.info.name)} busy)`);
    }
  };
  if (alternate) await session(runnable);
  else for (const info of runnable) await session([info]);

  const ordered = options.peers.flatMap((name) => outcomes.get(name) ?? []);
  const first = ordered.find((o): o is WorkerResult => o.ok);
  const { lines, compared } = compareAnswers(ordered);
  return {
    graph,
    naming: options.naming,
    shape: first === undefined ? null : { members: first.members, connections: first.connections },
    description: ordered.find((o): o is WorkerResult => o.ok && o.description !== undefined)?.description ?? null,
    machine: machine(),
    counts: options.counts,
    querySeed: options.querySeed,
    build: options.build,
    budgetMs: options.budgetMs,
    timing: { alternate, slices },
    outcomes: ordered,
    wallMs,
    disagreements: lines,
    compared,
    versusCsr: versusCsr(ordered),
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
  /** A peer is skipped at a size when its process's busy time is predicted (from the previous size) to be longer, ms. */
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
