/**
 * Replay after a non-empty checkpoint: a durable graph gets 1M members (ids shuffled against
 * degree, `urn:li:member:…`) and a checkpoint, so that the journal no longer starts from an
 * empty graph (the bulk path of an empty base does not apply); then the connections of a seeded
 * Barabási–Albert graph (20M at average degree 40) are logged through `connect`, one call each,
 * and the directory is reopened: recovery loads the snapshot and replays the 20M records (runs
 * of connect records go to the graph as `connectAll` batches). Prints the replay rate, and checks
 * the reopened graph against the live one (connection count and a sample of lists).
 *
 * Run: `node --max-old-space-size=16000 --import tsx bench/durable-replay.bench.ts [members] [avgDegree] [short]`
 * (`short`: ids `u<n>` instead of `urn:li:member:<n>`)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '../src/node/main.js';
import { barabasiAlbert } from '../src/generators/index.js';
import { SeededRandom } from '../src/generators/random.js';
import { open } from '../src/node/index.js';

const args = process.argv.slice(2);
const members = Number(args[0] ?? 1_000_000);
const avgDegree = Number(args[1] ?? 40);
const root = mkdtempSync(join(tmpdir(), 'sg-durable-replay-'));
try {
  const { sources, targets } = barabasiAlbert({ members, avgDegree, seed: 42 });
  const random = new SeededRandom(7);
  const perm = Array.from({ length: members }, (_, i) => i);
  for (let i = members - 1; i > 0; i--) {
    const j = random.nextInt(i + 1);
    [perm[i], perm[j]] = [perm[j]!, perm[i]!];
  }
  const ids = perm.map((p) => (args[2] === 'short' ? `u${p}` : `urn:li:member:${100_000_000 + p}`));
  const dir = join(root, 'g');
  const durable = open(dir, { sync: 'none', checkpointBytes: 0 });
  for (const id of ids) durable.graph.addMember(id);
  await durable.checkpoint();
  let t = performance.now();
  for (let e = 0; e < sources.length; e++) durable.graph.connect(ids[sources[e]!]!, ids[targets[e]!]!);
  await durable.flush();
  const logMs = performance.now() - t;
  const stats = durable.stats();
  const sample = ids.filter((_, i) => i % 9973 === 0).map((id) => durable.graph.connections(id).join());
  const connections = durable.graph.connectionCount;
  await durable.close();
  console.log(`${members} members checkpointed, then ${sources.length} connect records logged (${(sources.length / logMs / 1e3).toFixed(2)}M/s), journal ${(stats.journalBytes / 2 ** 20).toFixed(0)} MiB; node ${process.version}`);
  t = performance.now();
  const reopened = open(dir);
  const ms = performance.now() - t;
  const r = reopened.recovery;
  const equal = reopened.graph.connectionCount === connections && ids.filter((_, i) => i % 9973 === 0).every((id, k) => reopened.graph.connections(id).join() === sample[k]);
  console.log(`reopen: ${(ms / 1000).toFixed(2)} s (snapshot ${r.snapshotSeconds.toFixed(2)} s), ${r.recordsReplayed} records replayed: ${(r.recordsReplayed / (ms / 1000 - r.snapshotSeconds) / 1e6).toFixed(2)}M records/s; equal: ${equal}`);
  await reopened.close();
  if (!equal) process.exitCode = 1;
} finally {
  rmSync(root, { recursive: true, force: true });
}
