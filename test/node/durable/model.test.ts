/**
 * Model-based test of durable graphs: random streams of every mutating call (failing ones
 * included), checkpoints and close/reopen at random points; after each reopen the graph equals
 * the model (toBytes and answers). The model is a plain graph given the same calls, reloaded from
 * its own snapshot at each checkpoint (what a checkpoint keeps is what a snapshot keeps: see
 * docs/durability.md).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { OPERATION_NAMES, SocialGraph } from '../../../src/index.js';
import { open, type DurableGraph, type SyncMode } from '../../../src/node/index.js';
import { fcParams } from '../../support/fc-config.js';
import { applyOp, canonicalBytes, opStream, prng, TestClock } from './op-stream.js';

const root = mkdtempSync(join(tmpdir(), 'sg-durable-model-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Everything the tests compare besides the bytes. */
function answers(graph: SocialGraph): unknown {
  return graph.members().map((id) => ({
    id,
    connections: graph.connections(id),
    privacy: graph.privacy(id),
    groups: graph.groupsOf(id),
    profile: graph.profile(id),
    sent: graph.sentInvitations(id),
  }));
}

function expectSame(durable: SocialGraph, model: SocialGraph): void {
  expect(canonicalBytes(durable).equals(canonicalBytes(model))).toBe(true);
  expect(answers(durable)).toEqual(answers(model));
  expect(durable.policy().name).toBe(model.policy().name);
}

let run = 0;
const succeeded = new Map<string, number>();

describe('durable graph against a model', () => {
  it('equals the model after random calls, checkpoints and reopens (every sync mode)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom<SyncMode>('always', 'batch', 'none'), async (seed, sync) => {
        const dir = join(root, `run-${run++}`);
        const clock = new TestClock();
        const ops = opStream(seed, 400, { reloadSensitive: true, checkpointEvery: 60 });
        const random = prng(seed ^ 0x5eed);
        let durable: DurableGraph = open(dir, { clock: clock.read, sync, batchMs: 1 });
        // `live` gets every call as the durable graph does (same member numbering); `model` is
        // what recovery rebuilds: the last checkpoint's snapshot of `live`, plus every call since.
        let live = new SocialGraph({ clock: clock.read });
        let model = live;
        let reopens = 0;
        try {
          for (const op of ops) {
            if (op.checkpoint) {
              await durable.checkpoint();
              expect(canonicalBytes(durable.graph).equals(canonicalBytes(live))).toBe(true);
              model = SocialGraph.fromBytes(live.toBytes(), { clock: clock.read });
            }
            const outcome = applyOp(durable.graph, clock, op);
            expect(applyOp(live, clock, op), `${op.name}(${JSON.stringify(op.args)})`).toBe(outcome);
            if (model !== live) {
              const onModel = applyOp(model, clock, op);
              // The one documented difference (docs/invitations.md): a snapshot keeps no closed
              // invitation, so the model, reloaded at the checkpoint, no longer finds one the live
              // graph reports as closed. Both calls fail and change nothing.
              const forgotten = outcome === 'error INVITATION_NOT_PENDING' && onModel === 'error INVITATION_NOT_FOUND';
              if (!forgotten) expect(onModel, `${op.name}(${JSON.stringify(op.args)}) on the model`).toBe(outcome);
            }
            if (outcome.startsWith('ok')) succeeded.set(op.name, (succeeded.get(op.name) ?? 0) + 1);
            if (random() < 1 / 40) {
              if (random() < 0.5) await durable.flush();
              await durable.close();
              durable = open(dir, { clock: clock.read, sync, batchMs: 1 });
              reopens++;
              expectSame(durable.graph, model);
              live = model;
            }
          }
          await durable.close();
          durable = open(dir, { clock: clock.read, sync });
          expectSame(durable.graph, model);
          expect(durable.recovery.bytesDropped).toBe(0);
          expect(reopens).toBeGreaterThanOrEqual(0);
        } finally {
          await durable.close();
        }
      }),
      { ...fcParams(16) },
    );
    // Every operation succeeded at least once over the runs (coverage of the record layouts).
    const missing = OPERATION_NAMES.filter((name) => (succeeded.get(name) ?? 0) === 0);
    expect(missing).toEqual([]);
  }, 120_000);
});
