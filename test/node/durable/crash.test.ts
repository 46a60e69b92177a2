/**
 * The crash test: 20 children SIGKILLed at random moments (seeded) while applying a random
 * stream to a durable directory, half in sync 'always', half in 'batch'; each reopened directory
 * equals the model after k ops with acknowledged ≤ k ≤ applied. bench/durable-crash.bench.ts
 * runs the same with 500 kills per mode.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crashOnce } from './crash-harness.js';
import { prng } from './op-stream.js';

const root = mkdtempSync(join(tmpdir(), 'sg-durable-crash-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('durable graph under SIGKILL', () => {
  for (const sync of ['always', 'batch'] as const) {
    it(`loses no acknowledged change and applies no half change (sync '${sync}', 10 kills)`, async () => {
      const random = prng(sync === 'always' ? 11 : 12);
      let killedMidway = 0;
      for (let run = 0; run < 10; run++) {
        const seed = 1 + Math.floor(random() * 1e9);
        // Killed a few milliseconds after a random acknowledged prefix, or once the child has
        // stopped (unflushed) a little after it: mid-stream whatever the machine's speed.
        const killAtAcked = 1 + Math.floor(random() * 3000);
        const stopAt = killAtAcked + Math.floor(random() * 900);
        const result = await crashOnce({ dir: join(root, `${sync}-${run}`), seed, count: 4000, sync, killAtAcked, stopAt, killAfterMs: Math.floor(random() * 4) });
        expect(result.k, `seed ${seed}: reopened graph matches no prefix from ${result.acked}`).toBeGreaterThanOrEqual(result.acked);
        if (!result.finished) killedMidway++;
      }
      // The kills land before the stream's end (the child stops short of it), or the test proves nothing.
      expect(killedMidway).toBe(10);
    }, 120_000);
  }
});
