/**
 * Opens a durable directory in this (fresh) process and prints the time `open` took, as a service
 * restarting would see it: `node --import tsx bench/durable-reopen.bench.ts DIR [times]`. Used by
 * bench/durable-build.bench.ts for its "reopen right after the checkpoint" figure.
 */
import '../src/node/main.js';
import { open } from '../src/node/index.js';

const dir = process.argv[2]!;
const times = Number(process.argv[3] ?? 1);
for (let i = 0; i < times; i++) {
  const started = performance.now();
  const durable = open(dir);
  const ms = performance.now() - started;
  console.log(`open ${(ms / 1000).toFixed(2)} s (snapshot load ${durable.recovery.snapshotSeconds.toFixed(2)} s, ${durable.recovery.recordsReplayed} records)`);
  await durable.close();
}
