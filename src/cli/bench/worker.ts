/**
 * One peer, one process: generates the seeded graph (or reads the dataset), builds it through the
 * peer's API, measures memory after GC, times every workload query by query (each workload within
 * a time budget), and sends figures and answers back to the parent over IPC, with progress
 * messages on the way. Run only through `fork` by the benchmark runner.
 */
import { describe } from '../../generators/edge-list.js';
import { startWorkerHelper } from '../../node/worker-helper.js';
import { SocialGraph } from '../../social-graph.js';
import { setHelperThreadStarter } from '../../store/helper-thread.js';
import { PEERS, type PeerGraph } from './peers.js';
import { summarize, type Timing, type WorkerFailure, type WorkerProgress, type WorkerRequest, type WorkerResult, type Workload } from './protocol.js';
import { makeNamedGraph, makeQueries, memberIds, memberIndex } from './workload.js';

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

function send(message: WorkerProgress | WorkerResult | WorkerFailure): void {
  process.send?.(message);
}

/** Sum of (index + 1) over a mutual list: ids (either form) or indices. */
function checksum(list: readonly (string | number)[]): number {
  let sum = 0;
  for (const x of list) sum += memberIndex(x) + 1;
  return sum;
}

async function run(request: WorkerRequest): Promise<WorkerResult> {
  const info = PEERS.find((p) => p.name === request.peer);
  if (info === undefined) throw new Error(`unknown peer ${request.peer}`);
  const peerName = request.peer;
  let phase = 'generate';
  const progress = (done: number, total: number) => send({ type: 'progress', peer: peerName, phase, done, total });
  try {
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
    let peer: PeerGraph | null = info.create(request.build, request.naming.ids);
    const t1 = now();
    peer.build(g.memberCount, g.sources, g.targets, g.edges, progress);
    const buildMs = (now() - t1) / 1e3;
    // Memory: what the library holds after its build, its id strings included (and a peer's own
    // index → id storage); not the bench's query-side copy of the ids, created only afterwards.
    const bytes = heap() - before;
    peer.useQueryIds(memberIds(g.memberCount, request.naming.ids));
    const connections = peer.connections();
    const p = peer;

    const workloads = {} as Record<Workload, Timing>;
    const answers = {} as Record<Workload, number[]>;
    /**
     * Times `fn(i)` for i < count, within the budget. Unless `warm` is null (a workload that
     * mutates), 200 untimed calls come first (cycling through the samples when there are fewer,
     * within a tenth of the budget), so that a workload of few samples (reach: 30) is timed on
     * optimised code; `warm` then drops their answers.
     */
    const timed = (name: Workload, count: number, fn: (i: number) => void, out: number[], warm: (() => void) | null) => {
      phase = name;
      progress(0, count);
      if (warm !== null && count > 0) {
        const warmStart = now();
        for (let k = 0; k < 200 && now() - warmStart < request.budgetMs * 100; k++) fn(k % count);
        warm();
      }
      const times = new Float64Array(count);
      const start = now();
      let last = start;
      let i = 0;
      for (; i < count; i++) {
        const s = now();
        fn(i);
        const e = now();
        times[i] = e - s;
        if (e - last > 250_000) {
          last = e;
          progress(i + 1, count);
          if (e - start > request.budgetMs * 1e3) {
            i++;
            break;
          }
        }
      }
      progress(i, count);
      workloads[name] = summarize(times.subarray(0, i));
      answers[name] = out;
    };

    const degreeOn = (name: Workload, pairs: { a: Int32Array; b: Int32Array }) => {
      const out: number[] = [];
      const fn = (i: number) => {
        const d = p.degree(pairs.a[i]!, pairs.b[i]!);
        out.push(d === null ? -1 : d);
      };
      timed(name, pairs.a.length, fn, out, () => (out.length = 0));
    };
    degreeOn('degreeRandom', q.random);
    degreeOn('degreeNear', q.near);
    degreeOn('degreeHub', q.hub);
    const pages = q.pages;
    const pageAnswers: number[] = [];
    timed(
      'degreesPage',
      pages.viewers.length,
      (i) => {
        const row = p.degrees(pages.viewers[i]!, pages.targets, i * pages.size, (i + 1) * pages.size);
        for (const d of row) pageAnswers.push(d === null ? -1 : d);
      },
      pageAnswers,
      () => (pageAnswers.length = 0),
    );
    const mutualCounts: number[] = [];
    timed('mutualCount', q.near.a.length, (i) => mutualCounts.push(p.mutualCount(q.near.a[i]!, q.near.b[i]!)), mutualCounts, () => (mutualCounts.length = 0));
    const lists: (readonly (string | number)[])[] = [];
    const listSums: number[] = [];
    timed('mutualList', q.near.a.length, (i) => lists.push(p.mutualList(q.near.a[i]!, q.near.b[i]!)), listSums, () => (lists.length = 0));
    for (const l of lists) listSums.push(checksum(l));
    lists.length = 0;
    const reachAnswers: number[] = [];
    timed(
      'reach',
      q.reach.length,
      (i) => {
        const r = p.reach(q.reach[i]!);
        reachAnswers.push(r[0], r[1], r[2]);
      },
      reachAnswers,
      () => (reachAnswers.length = 0),
    );
    const gone: number[] = [];
    timed('disconnect', q.churn.length, (i) => gone.push(p.disconnect(g.sources[q.churn[i]!]!, g.targets[q.churn[i]!]!) ? 1 : 0), gone, null);
    const back: number[] = [];
    timed('connect', gone.length, (i) => back.push(p.connect(g.sources[q.churn[i]!]!, g.targets[q.churn[i]!]!) ? 1 : 0), back, null);
    const reconnect = workloads.connect;
    const connectPerSecond = request.build === 'connect' || info.name !== 'social-graph' ? g.edges / (buildMs / 1e3) : 1e6 / reconnect.mean;

    const result: WorkerResult = {
      type: 'result',
      peer: peerName,
      ok: true,
      members: g.memberCount,
      connections,
      generateMs,
      build: info.name === 'social-graph' ? request.build : 'connect',
      buildMs,
      connectPerSecond,
      bytes,
      bytesPerConnection: bytes / connections,
      workloads,
      answers,
    };

    if (peerName === 'social-graph') {
      phase = 'describe graph';
      progress(0, 1);
      result.description = describe(g, { seed: request.querySeed });
    }
    if (request.bulk && peerName === 'social-graph') {
      peer = null;
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
        result.fromEdgesPerSecond = built.connectionCount / ((now() - t2) / 1e6);
        heap();
        const t4 = now();
        const single = SocialGraph.fromEdges(list, { parallel: false });
        result.fromEdgesOneThreadPerSecond = single.connectionCount / ((now() - t4) / 1e6);
        list.length = 0;
        heap();
      }
      phase = 'fromIndexedEdges';
      progress(0, 1);
      const t3 = now();
      const indexed = SocialGraph.fromIndexedEdges({ ids, memberCount: g.memberCount, sources: g.sources, targets: g.targets, edges: g.edges });
      result.fromIndexedEdgesPerSecond = indexed.connectionCount / ((now() - t3) / 1e6);
    }
    return result;
  } catch (error) {
    throw Object.assign(new Error(String((error as Error)?.message ?? error)), { phase });
  }
}

process.on('message', (request: WorkerRequest) => {
  run(request).then(
    (reply) => process.send?.(reply, () => process.exit(0)),
    (error: unknown) => {
      const reply: WorkerFailure = {
        type: 'result',
        peer: request.peer,
        ok: false,
        phase: (error as { phase?: string }).phase ?? 'setup',
        error: String((error as Error).message),
      };
      process.send?.(reply, () => process.exit(0));
    },
  );
});
