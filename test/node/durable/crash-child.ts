/**
 * The child of the crash test (crash-harness.ts): opens a durable directory, applies the seeded
 * op stream and writes to stdout, synchronously, the number of ops acknowledged (durable): after
 * each op in sync 'always', after each flush otherwise. The parent SIGKILLs it at a random moment.
 *
 * Arguments: DIR SEED COUNT SYNC [STOP]. With STOP, the child stops after applying op STOP (without
 * flushing it), writes `stopped` and idles until killed: the kill then lands mid-stream however fast
 * the machine runs the stream (the group commit may or may not have written the ops since the
 * last acknowledgement).
 */
import { writeSync } from 'node:fs';
import { open, type SyncMode } from '../../../src/node/index.js';
import { applyOp, opStream, prng, TestClock } from './op-stream.js';
import { CRASH_STREAM } from './crash-harness.js';

const [dir, seedText, countText, sync, stopText] = process.argv.slice(2) as [string, string, string, SyncMode, string | undefined];
const stop = stopText === undefined ? Infinity : Number(stopText);
const seed = Number(seedText);
const ops = opStream(seed, Number(countText), CRASH_STREAM);
const random = prng(seed ^ 0xc4a5);
const pause = new Int32Array(new SharedArrayBuffer(4));
/** Writes a line to the parent; a full pipe (EAGAIN: the parent reads slowly) is waited out, not fatal. */
function say(line: string): void {
  for (;;) {
    try {
      writeSync(1, line);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}
const clock = new TestClock();
const durable = open(dir, { clock: clock.read, sync, batchMs: 2 });
say('ready\n');
for (let i = 0; i < ops.length; i++) {
  const op = ops[i]!;
  if (op.checkpoint) await durable.checkpoint();
  applyOp(durable.graph, clock, op);
  if (sync === 'always') say(`${i + 1}\n`);
  else if (random() < 0.05) {
    await durable.flush();
    say(`${i + 1}\n`);
  } else if (random() < 0.05) await new Promise((resolve) => setImmediate(resolve));
  if (i + 1 === stop) {
    say('stopped\n');
    await new Promise(() => setInterval(() => {}, 1000));
  }
}
await durable.flush();
say(`${ops.length}\ndone\n`);
await durable.close();
