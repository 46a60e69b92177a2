/**
 * The crash bench: N children per sync mode ('always' and 'batch') apply a seeded random stream
 * of every mutating call (checkpoints included) to a durable directory and are SIGKILLed at a
 * random moment (0–600 ms after start; a child that reaches its random stop op first idles there,
 * unflushed, so every kill lands mid-stream); each reopened directory must equal the model after k ops with
 * acknowledged ≤ k ≤ applied (test/node/durable/crash-harness.ts). Prints the counts of kills,
 * kills that landed mid-stream, acknowledged changes lost (0 expected), wrong or half-applied
 * graphs (0 expected), torn tails cut, and the p50/p99 of acknowledged and recovered prefixes.
 *
 * The child is bundled once with esbuild (a dependency of tsx and tsup) and run by plain node.
 *
 * Run: `npx tsx bench/durable-crash.bench.ts [killsPerMode=500] [seed=1] [modes=always,batch]`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { CHILD, crashOnce } from '../test/node/durable/crash-harness.js';
import { prng } from '../test/node/durable/op-stream.js';

const kills = Number(process.argv[2] ?? 500);
const seed = Number(process.argv[3] ?? 1);
const modes = (process.argv[4] ?? 'always,batch').split(',') as ('always' | 'batch')[];
const root = mkdtempSync(join(tmpdir(), 'sg-durable-crash-bench-'));

function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

try {
  // One bundle of the child (esbuild, which tsx and tsup run on), so each kill starts plain node.
  const bundledChild = join(root, 'crash-child.mjs');
  await build({ entryPoints: [CHILD], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: bundledChild, logLevel: 'error' });
  for (const sync of modes) {
    const random = prng(seed * 7919 + (sync === 'always' ? 1 : 2));
    let midway = 0;
    let lost = 0;
    let wrong = 0;
    let torn = 0;
    const acked: number[] = [];
    const beyond: number[] = [];
    const started = performance.now();
    for (let run = 0; run < kills; run++) {
      const streamSeed = 1 + Math.floor(random() * 1e9);
      const dir = join(root, `${sync}-${run}`);
      // The child stops (unflushed) at a random op short of the end and idles, so a kill that comes
      // after it got there still lands mid-stream, however fast the machine runs the stream.
      const stopAt = 1 + Math.floor(random() * 3998);
      const result = await crashOnce({ dir, seed: streamSeed, count: 4000, sync, killAfterMs: Math.floor(random() * 600), stopAt, bundledChild });
      rmSync(dir, { recursive: true, force: true });
      if (!result.finished) midway++;
      if (result.k < 0) {
        // No prefix from `acked` on matches: either acknowledged changes were lost or the graph is wrong.
        wrong++;
        console.log(`  FAIL sync ${sync} seed ${streamSeed}: no prefix >= ${result.acked} matches`);
      } else if (result.k < result.acked) lost++;
      if (result.bytesDropped > 0) torn++;
      acked.push(result.acked);
      if (result.k >= 0) beyond.push(result.k - result.acked);
      if ((run + 1) % 25 === 0) console.log(`  ${sync}: ${run + 1}/${kills} kills, ${wrong} wrong so far`);
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `sync ${sync}: ${kills} kills (${midway} mid-stream) in ${seconds.toFixed(0)} s: ` +
        `acknowledged changes lost ${lost}, wrong or half-applied graphs ${wrong}, torn tails cut ${torn}; ` +
        `acknowledged ops p50 ${percentile(acked, 0.5)} p99 ${percentile(acked, 0.99)}; ` +
        `recovered beyond acknowledged p50 ${percentile(beyond, 0.5)} p99 ${percentile(beyond, 0.99)}`,
    );
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
