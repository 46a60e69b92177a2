/**
 * Durable graph speed: builds a seeded Barabási–Albert graph (default 1M members, average degree
 * 40: 20M connections) through `connect`, one call at a time, on a plain SocialGraph and on a
 * durable one (sync 'batch', no automatic checkpoint) in the same process, alternating chunks of
 * 1M calls (the event loop turns between chunks, so the group commit runs); then a sample of
 * calls in sync 'always'; then reopens the durable directory (replaying the whole journal: 1M
 * addMember + 20M connect records), checkpoints it, and reopens it right after the checkpoint.
 * Prints rates, the durable/plain ratio, journal bytes per connect record, replay rate,
 * checkpoint and reopen times (the reopen after the checkpoint also in a fresh process, as a
 * restart: bench/durable-reopen.bench.ts).
 *
 * Run: `node --max-old-space-size=16000 --import tsx bench/durable-build.bench.ts [members] [avgDegree] [alwaysSample]`
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// The main entry as Node loads it from the package: bulk loads (the replay of a journal that
// starts from an empty graph) get their worker thread.
import '../src/node/main.js';
import { barabasiAlbert } from '../src/generators/index.js';
import { SocialGraph } from '../src/index.js';
import { open } from '../src/node/index.js';

const args = process.argv.slice(2);
const members = Number(args[0] ?? 1_000_000);
const avgDegree = Number(args[1] ?? 40);
const alwaysSample = Number(args[2] ?? 5000);
const CHUNK = 1_000_000;
const root = mkdtempSync(join(tmpdir(), 'sg-durable-build-'));
const yieldToLoop = () => new Promise((resolve) => setImmediate(resolve));
const rate = (n: number, ms: number) => `${((n / ms) * 1000 / 1e6).toFixed(2)}M/s`;

try {
  const generated = barabasiAlbert({ members, avgDegree, seed: 42 });
  const { sources, targets } = generated;
  const edges = sources.length;
  const ids = Array.from({ length: members }, (_, i) => `u${i}`);
  console.log(`BA graph: ${members} members, ${edges} connections; ids u0..u${members - 1}; node ${process.version}`);

  const plain = new SocialGraph();
  const durable = open(join(root, 'batch'), { sync: 'batch', checkpointBytes: 0 });
  const graph = durable.graph;
  for (const id of ids) plain.addMember(id);
  for (const id of ids) graph.addMember(id);
  await durable.flush();
  const bytesAfterMembers = durable.stats().journalBytes;

  let plainMs = 0;
  let durableMs = 0;
  for (let start = 0; start < edges; start += CHUNK) {
    const end = Math.min(edges, start + CHUNK);
    let t = performance.now();
    for (let e = start; e < end; e++) plain.connect(ids[sources[e]!]!, ids[targets[e]!]!);
    plainMs += performance.now() - t;
    await yieldToLoop();
    t = performance.now();
    for (let e = start; e < end; e++) graph.connect(ids[sources[e]!]!, ids[targets[e]!]!);
    durableMs += performance.now() - t;
    await yieldToLoop();
  }
  let t = performance.now();
  await durable.flush();
  const flushMs = performance.now() - t;
  const stats = durable.stats();
  console.log(`connect, plain:            ${rate(edges, plainMs)} (${(plainMs / 1000).toFixed(1)} s)`);
  console.log(`connect, durable 'batch':  ${rate(edges, durableMs)} (${(durableMs / 1000).toFixed(1)} s; final flush ${flushMs.toFixed(0)} ms) = ${((plainMs / durableMs) * 100).toFixed(0)}% of plain`);
  console.log(`journal: ${stats.journalBytes} bytes, ${((stats.journalBytes - bytesAfterMembers) / edges).toFixed(2)} bytes per connect record (with block framing)`);
  const expected = plain.toBytes();
  const expectedBytes = Buffer.from(expected);
  plain.removeMember(ids[0]!); // let the plain graph's memory go
  await durable.close();

  // sync 'always': one write + fdatasync per call.
  {
    const always = open(join(root, 'always'), { sync: 'always' });
    for (let i = 0; i < 1000; i++) always.graph.addMember(ids[i]!);
    const samples: number[] = [];
    for (let e = 0; e < alwaysSample; e++) {
      const s = performance.now();
      always.graph.connect(ids[sources[e]! % 1000]!, ids[targets[e]! % 1000]!);
      samples.push(performance.now() - s);
    }
    samples.sort((a, b) => a - b);
    const total = samples.reduce((a, b) => a + b, 0);
    console.log(
      `connect, durable 'always': ${(alwaysSample / total * 1000).toFixed(0)} calls/s over ${alwaysSample} calls; ` +
        `p50 ${samples[Math.floor(samples.length / 2)]!.toFixed(2)} ms, p99 ${samples[Math.floor(samples.length * 0.99)]!.toFixed(2)} ms per call`,
    );
    await always.close();
  }

  t = performance.now();
  const reopened = open(join(root, 'batch'), { checkpointBytes: 0 });
  const reopenMs = performance.now() - t;
  const r = reopened.recovery;
  const replaySeconds = r.seconds - r.snapshotSeconds;
  console.log(`reopen with the whole journal: ${(reopenMs / 1000).toFixed(2)} s; ${r.recordsReplayed} records replayed in ${replaySeconds.toFixed(2)} s = ${(r.recordsReplayed / replaySeconds / 1e6).toFixed(2)}M records/s`);
  console.log(`  same graph as the plain build: ${Buffer.from(reopened.graph.toBytes()).equals(expectedBytes)}`);
  t = performance.now();
  await reopened.checkpoint();
  console.log(`checkpoint: ${((performance.now() - t) / 1000).toFixed(2)} s`);
  await reopened.close();
  t = performance.now();
  const afterCheckpoint = open(join(root, 'batch'));
  console.log(`reopen right after the checkpoint, in this process: ${((performance.now() - t) / 1000).toFixed(2)} s (snapshot load ${afterCheckpoint.recovery.snapshotSeconds.toFixed(2)} s, ${afterCheckpoint.recovery.recordsReplayed} records)`);
  await afterCheckpoint.close();
  // As a restart sees it: a fresh process (this one holds the heap of the builds above), 3 times.
  const child = spawnSync(process.execPath, ['--max-old-space-size=16000', '--import', 'tsx', fileURLToPath(new URL('./durable-reopen.bench.ts', import.meta.url)), join(root, 'batch'), '3'], { encoding: 'utf8' });
  console.log(`reopen right after the checkpoint, in a fresh process:\n${child.stdout.trim().replace(/^/gm, '  ')}`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
