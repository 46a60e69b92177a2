/**
 * One peer, one process, one session of commands from the benchmark runner (see `protocol.ts`):
 * `setup` generates the seeded graph (or reads the dataset), builds it through the peer's API and
 * measures memory after GC, then holds the graph; each `slice` times the next slice of one
 * workload's queries call by call (each workload within a time budget) and sends the times and
 * answers back; `finish` runs SocialGraph's untimed description and bulk-load timings, replies and
 * exits. Progress messages go to the parent on the way. Run only through `fork` by the runner.
 */
import { describe } from '../../generators/edge-list.js';
import type { GeneratedGraph } from '../../generators/edge-list.js';
import { startWorkerHelper } from '../../node/worker-helper.js';
import { SocialGraph } from '../../social-graph.js';
import { setHelperThreadStarter } from '../../store/helper-thread.js';
import { PEERS, type PeerGraph } from './peers.js';
import {
  sliceLength,
  WORKLOADS,
  type WorkerCommand,
  type WorkerFailure,
  type WorkerFinished,
  type WorkerProgress,
  type WorkerReady,
  type WorkerReply,
  type WorkerRequest,
  type WorkerSlice,
  type Workload,
} from './protocol.js';
import { makeNamedGraph, makeQueries, memberIds, memberIndex, type Queries } from './workload.js';

// As the package's Node entry does: big bulk loads get a worker thread.
setHelperThreadStarter(startWorkerHelper);

function heap(): number {
  for (let i = 0; i < 3; i++) (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function now(): number {
  return Number(process.hrtime.bigint()) / 1e3; // µs
}

function send(message: WorkerProgress | WorkerReply): void {
  process.send?.(message);
}

/** Sum of (index + 1) over a mutual list: ids (either form) or indices. */
function checksum(list: readonly (string | number)[]): number {
  let sum = 0;
  for (const x of list) sum += memberIndex(x) + 1;
  return sum;
}

/** One workload of the session: its queries, its answers so far, where the next slice starts. */
interface Job {
  /** Queries in all (connect: the disconnects done, known once disconnect has finished). */
  count(): number;
  /** Runs query `i`, keeping its answer. */
  call(i: number): void;
  /** The answers kept since the last take (a mutual list as its checksum), and forgets them. */
  take(): number[];
  /** Read-only: warmed up (untimed) before its first slice; a mutating workload is not. */
  readOnly: boolean;
  started: boolean;
  /** The first query of the next slice. */
  next: number;
  /** Time spent in its timed loops so far, µs: past the budget, no slice is left. */
  spentUs: number;
}

/** What a worker holds between commands. */
interface Session {
  request: WorkerRequest;
  g: GeneratedGraph;
  /** The peer and its jobs (whose calls reach the peer): dropped before the bulk timings. */
  peer: PeerGraph | null;
  jobs: Record<Workload, Job> | null;
}

let session: Session | null = null;
let phase = 'setup';
let peerName = '?';

function progress(done: number, total: number): void {
  send({ type: 'progress', peer: peerName, phase, done, total });
}

/** The jobs of every workload, over the peer and the query samples. */
function makeJobs(p: PeerGraph, g: GeneratedGraph, q: Queries): Record<Workload, Job> {
  const job = (count: () => number, call: (i: number) => void, answers: number[], readOnly: boolean): Job => ({
    count,
    call,
    take: () => answers.splice(0),
    readOnly,
    started: false,
    next: 0,
    spentUs: 0,
  });
  const degreeOn = (pairs: { a: Int32Array; b: Int32Array }): Job => {
    const out: number[] = [];
    return job(
      () => pairs.a.length,
      (i) => {
        const d = p.degree(pairs.a[i]!, pairs.b[i]!);
        out.push(d === null ? -1 : d);
      },
      out,
      true,
    );
  };
  const pages = q.pages;
  const pageAnswers: number[] = [];
  const mutualCounts: number[] = [];
  const lists: (readonly (string | number)[])[] = [];
  const reachAnswers: number[] = [];
  const gone: number[] = [];
  const back: number[] = [];
  const disconnect = job(() => q.churn.length, (i) => gone.push(p.disconnect(g.sources[q.churn[i]!]!, g.targets[q.churn[i]!]!) ? 1 : 0), gone, false);
  return {
    degreeRandom: degreeOn(q.random),
    degreeNear: degreeOn(q.near),
    degreeHub: degreeOn(q.hub),
    degreesPage: job(
      () => pages.viewers.length,
      (i) => {
        const row = p.degrees(pages.viewers[i]!, pages.targets, i * pages.size, (i + 1) * pages.size);
        for (const d of row) pageAnswers.push(d === null ? -1 : d);
      },
      pageAnswers,
      true,
    ),
    mutualCount: job(() => q.near.a.length, (i) => mutualCounts.push(p.mutualCount(q.near.a[i]!, q.near.b[i]!)), mutualCounts, true),
    // The lists are kept as returned while timed; their checksums are taken after the slice.
    mutualList: {
      ...job(() => q.near.a.length, (i) => lists.push(p.mutualList(q.near.a[i]!, q.near.b[i]!)), [], true),
      take: () => lists.splice(0).map(checksum),
    },
    reach: job(
      () => q.reach.length,
      (i) => {
        const r = p.reach(q.reach[i]!);
        reachAnswers.push(r[0], r[1], r[2]);
      },
      reachAnswers,
      true,
    ),
    disconnect,
    // Reconnects exactly what this peer's disconnect slices removed, in the same order.
    connect: job(() => disconnect.next, (i) => back.push(p.connect(g.sources[q.churn[i]!]!, g.targets[q.churn[i]!]!) ? 1 : 0), back, false),
  };
}

async function setup(request: WorkerRequest): Promise<WorkerReady> {
  const info = PEERS.find((p) => p.name === request.peer);
  if (info === undefined) throw new Error(`unknown peer ${request.peer}`);
  phase = 'generate';
  progress(0, 1);
  const t0 = now();
  const g = await makeNamedGraph(request.graph, request.naming.order);
  const generateMs = (now() - t0) / 1e3;
  phase = 'sample queries';
  progress(0, 1);
  const q = makeQueries(g, request.counts, request.querySeed);

  phase = 'build';
  progress(0, 1);
  const before = heap();
  const peer = info.create(request.build, request.naming.ids);
  const t1 = now();
  peer.build(g.memberCount, g.sources, g.targets, g.edges, progress);
  const buildMs = (now() - t1) / 1e3;
  // Memory: what the library holds after its build, its id strings included (and a peer's own
  // index → id storage); not the bench's query-side copy of the ids, created only afterwards.
  const bytes = heap() - before;
  peer.useQueryIds(memberIds(g.memberCount, request.naming.ids));
  const jobs = makeJobs(peer, g, q);
  session = { request, g, peer, jobs };
  const queries = {} as Record<Workload, number>;
  for (const w of WORKLOADS) queries[w] = w === 'connect' ? q.churn.length : jobs[w].count();
  return {
    type: 'ready',
    peer: request.peer,
    members: g.memberCount,
    connections: peer.connections(),
    edges: g.edges,
    generateMs,
    build: info.name === 'social-graph' ? request.build : 'connect',
    buildMs,
    bytes,
    queries,
  };
}

/**
 * Times the next slice of `workload`: {@link sliceLength} queries, fewer at the end or once the
 * workload's timed total passes the budget (checked after every call; the call that passes it
 * counts). A read-only workload's first slice is preceded by up to 200 untimed calls (cycling
 * through the samples when there are fewer, within a tenth of the budget), so that a workload of
 * few samples (reach: 30) is timed on optimised code; their answers are dropped.
 */
function slice(s: Session, workload: Workload): WorkerSlice {
  if (s.jobs === null) throw new Error('slice after finish');
  const job = s.jobs[workload];
  const budgetUs = s.request.budgetMs * 1e3;
  phase = workload;
  const count = job.count();
  if (!job.started) {
    job.started = true;
    if (job.readOnly && count > 0) {
      const warmStart = now();
      for (let k = 0; k < 200 && now() - warmStart < budgetUs / 10; k++) job.call(k % count);
      job.take();
    }
  }
  const from = job.next;
  const to = Math.min(count, from + sliceLength(count, s.request.slices));
  const times = new Float64Array(Math.max(0, to - from));
  const start = now();
  let last = start;
  let end = start;
  let over = false;
  let i = from;
  while (i < to) {
    const t = now();
    job.call(i);
    end = now();
    times[i - from] = end - t;
    i++;
    if (job.spentUs + (end - start) > budgetUs) {
      over = true;
      break;
    }
    if (end - last > 250_000) {
      last = end;
      progress(i, count);
    }
  }
  job.spentUs += end - start;
  job.next = i;
  return {
    type: 'slice',
    peer: peerName,
    workload,
    times: i - from === times.length ? times : times.slice(0, i - from),
    answers: job.take(),
    done: i,
    total: count,
    finished: over || i >= count,
  };
}

/** SocialGraph's untimed description and bulk-load timings, after the graph under test is dropped. */
function finish(s: Session): WorkerFinished {
  const { request, g } = s;
  const out: WorkerFinished = { type: 'finished', peer: request.peer };
  s.peer = null;
  s.jobs = null;
  if (request.peer !== 'social-graph') return out;
  phase = 'describe graph';
  progress(0, 1);
  out.description = describe(g, { seed: request.querySeed });
  if (!request.bulk) return out;
  heap();
  const ids = memberIds(g.memberCount, request.naming.ids);
  if (request.build === 'connect') {
    phase = 'fromEdges';
    progress(0, 1);
    const list: [string, string][] = new Array(g.edges);
    for (let e = 0; e < g.edges; e++) list[e] = [ids[g.sources[e]!]!, ids[g.targets[e]!]!];
    heap();
    const t2 = now();
    const built = SocialGraph.fromEdges(list);
    out.fromEdgesPerSecond = built.connectionCount / ((now() - t2) / 1e6);
    heap();
    const t4 = now();
    const single = SocialGraph.fromEdges(list, { parallel: false });
    out.fromEdgesOneThreadPerSecond = single.connectionCount / ((now() - t4) / 1e6);
    list.length = 0;
    heap();
  }
  phase = 'fromIndexedEdges';
  progress(0, 1);
  const t3 = now();
  const indexed = SocialGraph.fromIndexedEdges({ ids, memberCount: g.memberCount, sources: g.sources, targets: g.targets, edges: g.edges });
  out.fromIndexedEdgesPerSecond = indexed.connectionCount / ((now() - t3) / 1e6);
  return out;
}

async function handle(command: WorkerCommand): Promise<WorkerReply> {
  if (command.type === 'setup') {
    peerName = command.request.peer;
    return setup(command.request);
  }
  if (session === null) throw new Error(`${command.type} before setup`);
  return command.type === 'slice' ? slice(session, command.workload) : finish(session);
}

// One command at a time: the runner waits for each reply before it sends the next.
process.on('message', (command: WorkerCommand) => {
  handle(command).then(
    (reply) => process.send?.(reply, () => reply.type === 'finished' && process.exit(0)),
    (error: unknown) => {
      const reply: WorkerFailure = { type: 'result', peer: peerName, ok: false, phase, error: String((error as Error)?.message ?? error) };
      process.send?.(reply, () => process.exit(0));
    },
  );
});
// The runner gone (it failed, or was interrupted): nothing left to answer.
process.on('disconnect', () => process.exit(0));
