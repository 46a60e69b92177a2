/**
 * One crash of the crash test and bench: a child (crash-child.ts) applies a seeded op stream to a
 * durable directory and reports what is acknowledged; it is SIGKILLed after a random delay; the
 * directory is reopened here and must equal the model after k ops for some k with
 * acknowledged ≤ k ≤ applied (nothing acknowledged lost, nothing half-applied).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SocialGraph } from '../../../src/index.js';
import { open, type SyncMode } from '../../../src/node/index.js';
import { applyOp, canonicalBytes, opStream, TestClock, type StreamOptions } from './op-stream.js';

/** The crash streams: every operation, a checkpoint every 400 ops on average. */
export const CRASH_STREAM: StreamOptions = { reloadSensitive: true, checkpointEvery: 400 };

/** The child's source (run with tsx, or bundled by the bench). */
export const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

export interface CrashResult {
  /** Ops acknowledged before the kill. */
  readonly acked: number;
  /** The prefix the reopened graph equals (-1: none: a failure). */
  readonly k: number;
  /** Whether the child finished before the kill. */
  readonly finished: boolean;
  /** Bytes recovery cut off. */
  readonly bytesDropped: number;
  readonly recordsReplayed: number;
}

/** Runs one child, kills it `killAfterMs` after it is ready, and checks the reopened directory. */
export async function crashOnce(options: {
  dir: string;
  seed: number;
  count: number;
  sync: SyncMode;
  killAfterMs: number;
  /**
   * Kill `killAfterMs` after this many ops are acknowledged instead of after the child is ready:
   * the kill then lands mid-stream however fast the machine runs the stream.
   */
  killAtAcked?: number;
  /** The child stops after op `stopAt` (unflushed) and waits to be killed (see crash-child.ts). */
  stopAt?: number;
  /** The child as one bundled .mjs file run by plain node (the bench: no tsx start per kill). */
  bundledChild?: string;
}): Promise<CrashResult> {
  const { dir, seed, count, sync, killAfterMs, killAtAcked, stopAt, bundledChild } = options;
  const script = bundledChild === undefined ? ['--import', 'tsx', CHILD] : [bundledChild];
  const child = spawn(process.execPath, [...script, dir, String(seed), String(count), sync, ...(stopAt === undefined ? [] : [String(stopAt)])], { stdio: ['ignore', 'pipe', 'inherit'] });
  let acked = 0;
  let finished = false;
  let buffered = '';
  let timer: ReturnType<typeof setTimeout> | null = null;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (line === 'ready') {
        if (killAtAcked === undefined) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      } else if (line === 'done') finished = true;
      else if (line === 'stopped') {
        if (timer === null) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
      else if (line !== '') {
        acked = Math.max(acked, Number(line));
        if (killAtAcked !== undefined && timer === null && acked >= killAtAcked) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    }
  });
  await new Promise<void>((resolve) => child.on('exit', () => resolve()));
  if (timer !== null) clearTimeout(timer);
  const clock = new TestClock();
  const durable = open(dir, { clock: clock.read });
  try {
    const recoveredGraph = durable.graph;
    const recovered = canonicalBytes(recoveredGraph);
    // Cheap tests first: the canonical bytes (a reload of each side) only when the counts agree.
    const same = (graph: SocialGraph): boolean =>
      graph.memberCount === recoveredGraph.memberCount && graph.connectionCount === recoveredGraph.connectionCount && canonicalBytes(graph).equals(recovered);
    const ops = opStream(seed, count, CRASH_STREAM);
    // `live` is the child's graph (never reloaded); recovery starts from the snapshot of `live`
    // at the child's last completed checkpoint: `model` if the last checkpoint passed completed,
    // `beforeLast` if the child died while writing it.
    const live = new SocialGraph({ clock: clock.read });
    let model = live;
    let beforeLast = live;
    let k = -1;
    for (let i = 0; i <= ops.length; i++) {
      const op = ops[i];
      if (op?.checkpoint === true) {
        // The child checkpoints before op i: it may have died before, during or after.
        beforeLast = model;
        model = SocialGraph.fromBytes(live.toBytes(), { clock: clock.read });
      }
      if (i >= acked && (same(model) || (beforeLast !== model && same(beforeLast)))) {
        k = i;
        break;
      }
      if (op === undefined) break;
      // The journal holds the calls that succeeded on the child's graph (`live`), and recovery
      // replays them over the snapshot: the reloaded models take exactly those. (A snapshot does
      // not keep quota uses or closed invitations, so a call refused by `live` for a quota could
      // succeed on a reloaded copy; the journal never holds it.)
      const outcome = applyOp(live, clock, op);
      if (outcome.startsWith('ok')) for (const graph of new Set([model, beforeLast])) if (graph !== live) applyOp(graph, clock, op);
    }
    return { acked, k, finished, bytesDropped: durable.recovery.bytesDropped, recordsReplayed: durable.recovery.recordsReplayed };
  } finally {
    await durable.close();
  }
}
