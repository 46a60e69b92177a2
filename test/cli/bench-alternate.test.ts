// The bench's alternating timing: the order of slices (peers in turn, order reversed each
// round), the slices' times and answers joined into one series per workload, a peer that fails
// half-way (a reply, or a process that dies) while the others complete; and builds that keep no
// query-side copy of the ids through the memory measurement.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PEERS, peerAvailable } from '../../src/cli/bench/peers.js';
import { sliceLength, summarize, WORKLOADS, type WorkerCommand, type WorkerReply, type WorkerResult, type Workload } from '../../src/cli/bench/protocol.js';
import { forkWorker, roundOrder, runBench, type BenchOptions, type PeerChannel, type Spawn } from '../../src/cli/bench/run-bench.js';
import { timingLine } from '../../src/cli/bench/format.js';

const dir = mkdtempSync(join(tmpdir(), 'social-graph-alt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const QUERIES = 25;

/**
 * A stand-in worker: every workload has {@link QUERIES} queries; query `i` of peer `p` takes
 * `time(p, i)` µs and answers `i`. Each slice command is logged as `peer:workload`; `failAt`
 * answers the given slice (counted from 1 within the workload) with a failure.
 */
function fakeSpawn(log: string[], options: { slices: number; budget?: Record<string, number>; failAt?: { peer: string; workload: Workload; slice: number } }): Spawn {
  return (peer) => {
    const next = {} as Record<Workload, number>;
    const sliceCount = {} as Record<Workload, number>;
    const spent = {} as Record<Workload, number>;
    const channel: PeerChannel = {
      ask(command: WorkerCommand): Promise<WorkerReply> {
        if (command.type === 'setup') {
          const queries = Object.fromEntries(WORKLOADS.map((w) => [w, QUERIES])) as Record<Workload, number>;
          return Promise.resolve({ type: 'ready', peer, members: 10, connections: 20, edges: 20, generateMs: 1, build: 'connect', buildMs: 2, bytes: 400, queries });
        }
        if (command.type === 'finish') return Promise.resolve({ type: 'finished', peer });
        const w = command.workload;
        log.push(`${peer}:${w}`);
        sliceCount[w] = (sliceCount[w] ?? 0) + 1;
        if (options.failAt?.peer === peer && options.failAt.workload === w && options.failAt.slice === sliceCount[w]) {
          return Promise.resolve({ type: 'result', peer, ok: false, phase: w, error: 'boom' });
        }
        const from = next[w] ?? 0;
        const to = Math.min(QUERIES, from + sliceLength(QUERIES, options.slices));
        const times: number[] = [];
        const answers: number[] = [];
        let i = from;
        let over = false;
        while (i < to) {
          times.push(time(peer, i));
          answers.push(i);
          spent[w] = (spent[w] ?? 0) + time(peer, i);
          i++;
          if (spent[w]! > (options.budget?.[peer] ?? Infinity)) {
            over = true;
            break;
          }
        }
        next[w] = i;
        return Promise.resolve({ type: 'slice', peer, workload: w, times: Float64Array.from(times), answers, done: i, total: QUERIES, finished: over || i >= QUERIES });
      },
    };
    return channel;
  };
}

const time = (peer: string, i: number) => (peer === 'csr' ? 2 : 1) * (1 + (i % 7));

function options(peers: string[], spawn: Spawn, extra: Partial<BenchOptions> = {}): BenchOptions {
  return {
    graph: { model: 'erdos-renyi', members: 10, avgDegree: 4, seed: 1 },
    naming: { order: 'shuffled', ids: 'long' },
    peers,
    counts: { pairs: QUERIES, pages: QUERIES, reach: QUERIES, churn: QUERIES },
    querySeed: 1,
    build: 'connect',
    bulk: false,
    budgetMs: 1000,
    heapMiB: 64,
    log: () => {},
    spawn,
    ...extra,
  };
}

describe('alternating timing', () => {
  it('roundOrder: peers as given in even rounds, reversed in odd ones', () => {
    expect([0, 1, 2, 3].map((r) => roundOrder(['a', 'b'], r).join(''))).toEqual(['ab', 'ba', 'ab', 'ba']);
    expect([0, 1, 2].map((r) => roundOrder(['a', 'b', 'c'], r).join(''))).toEqual(['abc', 'cba', 'abc']);
    expect(roundOrder([], 5)).toEqual([]);
  });

  it('slices: at least one query each, the last one shorter', () => {
    expect(sliceLength(10_000, 10)).toBe(1000);
    expect(sliceLength(25, 10)).toBe(3);
    expect(sliceLength(3, 10)).toBe(1);
    expect(sliceLength(0, 10)).toBe(1);
    expect(sliceLength(7, 0)).toBe(7);
  });

  it('two peers take turns at every slice, the first of each round swapped; slices join into one series per workload', async () => {
    const log: string[] = [];
    const report = await runBench(options(['social-graph', 'csr'], fakeSpawn(log, { slices: 10 })));
    // 25 queries in slices of 3: 9 slices per peer and workload.
    const degree = log.filter((l) => l.endsWith(':degreeRandom')).map((l) => (l.startsWith('csr') ? 'C' : 'S'));
    expect(degree.join('')).toBe('SC' + 'CS' + 'SC' + 'CS' + 'SC' + 'CS' + 'SC' + 'CS' + 'SC');
    // Workloads run in order, every peer finishing one before any starts the next.
    const workloads = log.map((l) => l.split(':')[1]);
    expect([...new Set(workloads)]).toEqual([...WORKLOADS]);
    expect(workloads.join(',')).toBe(WORKLOADS.flatMap((w) => new Array<string>(18).fill(w)).join(','));
    expect(report.timing).toEqual({ alternate: true, slices: 10 });
    for (const o of report.outcomes) {
      expect(o.ok).toBe(true);
      const r = o as WorkerResult;
      for (const w of WORKLOADS) {
        const all = Float64Array.from({ length: QUERIES }, (_, i) => time(r.peer, i));
        expect(r.workloads[w]).toEqual(summarize(all));
        expect(r.workloads[w].n).toBe(QUERIES);
        expect(r.answers[w]).toEqual(Array.from({ length: QUERIES }, (_, i) => i));
      }
      expect(r.bytesPerConnection).toBe(20);
      expect(r.connectPerSecond).toBe(10_000);
    }
    expect(report.disagreements).toEqual([]);
    expect(report.compared.csr!.degreeRandom).toBe(QUERIES);
    expect(report.versusCsr!.p50.degreeRandom).toBe(0.5);
    expect(Object.keys(report.wallMs).sort()).toEqual(['csr', 'social-graph']);
    expect(timingLine(report)).toMatch(/^timing: libraries alternate in slices of each workload, 10 per library \(3 calls of 25 pairs, .*order swapped each round/);
  });

  it('a peer out of budget gets no more slices; the others go on alone and answers compare over the common prefix', async () => {
    const log: string[] = [];
    // csr's queries cost 2–14 µs: 20 µs of budget ends its workload within its second slice.
    const report = await runBench(options(['social-graph', 'csr'], fakeSpawn(log, { slices: 10, budget: { csr: 20 } })));
    const degree = log.filter((l) => l.endsWith(':degreeRandom')).map((l) => (l.startsWith('csr') ? 'C' : 'S'));
    expect(degree.join('')).toBe('SCCSSSSSSSS');
    const csr = report.outcomes.find((o) => o.peer === 'csr') as WorkerResult;
    expect(csr.workloads.degreeRandom.n).toBe(5); // 2+4+6 | 8+10 > 20
    expect(report.compared.csr!.degreeRandom).toBe(5);
    expect(report.disagreements).toEqual([]);
  });

  it('with alternate: false each peer runs its whole session alone', async () => {
    const log: string[] = [];
    const report = await runBench(options(['social-graph', 'csr'], fakeSpawn(log, { slices: 10 }), { alternate: false }));
    const firstCsr = log.findIndex((l) => l.startsWith('csr'));
    expect(log.slice(firstCsr).every((l) => l.startsWith('csr'))).toBe(true);
    expect(firstCsr).toBe(9 * WORKLOADS.length);
    expect(timingLine(report)).toMatch(/one library after the other/);
  });

  it('a peer whose worker fails mid-way is a failure in that workload; the others complete', async () => {
    const log: string[] = [];
    const lines: string[] = [];
    const report = await runBench(options(['social-graph', 'csr', 'naive'], fakeSpawn(log, { slices: 10, failAt: { peer: 'csr', workload: 'mutualCount', slice: 3 } }), { log: (l) => lines.push(l) }));
    expect(report.outcomes.map((o) => o.peer)).toEqual(['social-graph', 'csr', 'naive']);
    const [ours, csr, naive] = report.outcomes;
    expect(csr).toMatchObject({ ok: false, phase: 'mutualCount', error: 'boom' });
    expect(lines.some((l) => /csr \(static CSR floor\): failed in mutualCount: boom/.test(l))).toBe(true);
    // No slice asked of csr after its failure.
    expect(log.filter((l) => l.startsWith('csr:mutualCount'))).toHaveLength(3);
    expect(log.some((l) => l.startsWith('csr:mutualList'))).toBe(false);
    for (const o of [ours, naive]) {
      expect(o!.ok).toBe(true);
      for (const w of WORKLOADS) expect((o as WorkerResult).workloads[w].n).toBe(QUERIES);
    }
    expect(report.compared.naive!.mutualList).toBe(QUERIES);
    expect(report.versusCsr).toBeNull();
  });

  it('a peer that fails its build is a failure in that phase and gets no slices; the others complete', async () => {
    const log: string[] = [];
    const fake = fakeSpawn(log, { slices: 10 });
    const spawn: Spawn = (peer, onProgress) =>
      peer === 'naive' ? { ask: () => Promise.resolve({ type: 'result', peer, ok: false, phase: 'build', error: 'out of memory' }) } : fake(peer, onProgress);
    const report = await runBench(options(['social-graph', 'naive', 'csr'], spawn));
    expect(report.outcomes.map((o) => [o.peer, o.ok])).toEqual([['social-graph', true], ['naive', false], ['csr', true]]);
    expect(report.outcomes[1]).toMatchObject({ phase: 'build', error: 'out of memory' });
    expect(log.some((l) => l.startsWith('naive'))).toBe(false);
    expect(report.shape).toEqual({ members: 10, connections: 20 });
  });

  it('a worker process that dies answers with a failure in the phase it was in; the other peer completes', async () => {
    const script = join(dir, 'dying-worker.mjs');
    writeFileSync(
      script,
      `process.on('message', (c) => {
  if (c.type === 'setup') {
    const queries = Object.fromEntries(${JSON.stringify([...WORKLOADS])}.map((w) => [w, ${QUERIES}]));
    process.send({ type: 'ready', peer: c.request.peer, members: 10, connections: 20, edges: 20, generateMs: 1, build: 'connect', buildMs: 2, bytes: 400, queries });
  } else process.kill(process.pid, 'SIGKILL');
});
`,
    );
    const log: string[] = [];
    const fake = fakeSpawn(log, { slices: 10 });
    const spawn: Spawn = (peer, onProgress) => (peer === 'csr' ? forkWorker(peer, 64, onProgress, script) : fake(peer, onProgress));
    const report = await runBench(options(['social-graph', 'csr'], spawn));
    expect(report.outcomes[1]).toMatchObject({ peer: 'csr', ok: false, phase: 'degreeRandom', error: 'worker exited with SIGKILL (out of memory?)' });
    expect(report.outcomes[0]!.ok).toBe(true);
    expect((report.outcomes[0] as WorkerResult).workloads.connect.n).toBe(QUERIES);
  });
});

describe('memory: builds keep no query-side copy of the ids', () => {
  it('a peer holds query ids only once handed them (after the memory figure)', () => {
    const sources = Int32Array.of(0, 1, 2);
    const targets = Int32Array.of(1, 2, 3);
    for (const info of PEERS) {
      if (peerAvailable(info) !== null) continue;
      for (const build of ['connect', 'indexed'] as const) {
        const peer = info.create(build, 'short');
        peer.build(4, sources, targets, 3);
        const held = (peer as unknown as { ids?: readonly string[] }).ids;
        if (held !== undefined) expect(held, `${info.name} (${build})`).toHaveLength(0);
        peer.useQueryIds(['u0', 'u1', 'u2', 'u3']);
        expect(peer.degree(0, 3), `${info.name} (${build})`).toBe(3);
        expect(peer.mutualCount(0, 2)).toBe(1);
      }
    }
  });
});
