/**
 * Quota uses survive a snapshot: after any sequence of attempts and invitations (tagged
 * prepayments included), clock jumps both ways, limit changes and removals, the reloaded graph
 * answers every `quota(id, action)` and every next `attempt` as the saved one, and writes the
 * same bytes. The oracle is the saved graph itself (export → import is the identity), checked
 * against a naive count of the calls the test made.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SocialGraph, SocialGraphError } from '../../src/index.js';
import { fcParams } from '../support/fc-config.js';

const IDS = ['a', 'b', 'c', 'd', 'e'];
const ACTIONS = ['message', 'invite'] as const;

type Step =
  | { kind: 'attempt'; from: number; action: (typeof ACTIONS)[number]; to: number }
  | { kind: 'invite'; from: number; to: number }
  | { kind: 'clock'; by: number }
  | { kind: 'setQuota'; action: (typeof ACTIONS)[number]; limit: number; windowMs: number }
  | { kind: 'remove'; who: number };

const member = fc.nat({ max: IDS.length - 1 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('attempt' as const), from: member, action: fc.constantFrom(...ACTIONS), to: member }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant('invite' as const), from: member, to: member }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('clock' as const), by: fc.integer({ min: -90_000, max: 90_000 }) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('setQuota' as const), action: fc.constantFrom(...ACTIONS), limit: fc.integer({ min: 1, max: 4 }), windowMs: fc.integer({ min: 1, max: 200_000 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('remove' as const), who: member }), weight: 1 },
);

function build(steps: readonly Step[], clock: { now: number }): { graph: SocialGraph; allowed: number } {
  const graph = new SocialGraph({ clock: () => clock.now });
  for (const id of IDS) graph.addMember(id);
  graph.connect('a', 'b');
  graph.connect('b', 'c');
  graph.connect('c', 'd');
  graph.setQuota('message', { limit: 2, windowMs: 60_000 });
  graph.setQuota('invite', { limit: 3, windowMs: 100_000 });
  let allowed = 0;
  for (const step of steps) {
    try {
      if (step.kind === 'clock') clock.now += step.by;
      else if (step.kind === 'setQuota') graph.setQuota(step.action, { limit: step.limit, windowMs: step.windowMs });
      else if (step.kind === 'remove') {
        graph.removeMember(IDS[step.who]!);
        graph.addMember(IDS[step.who]!);
      } else if (step.kind === 'invite') graph.invite(IDS[step.from]!, IDS[step.to]!);
      else if (graph.attempt(IDS[step.from]!, step.action, IDS[step.to]!).allowed) allowed++;
    } catch (error) {
      if (!(error instanceof SocialGraphError)) throw error;
    }
  }
  return { graph, allowed };
}

describe('quota uses in snapshots', () => {
  it('a reloaded graph counts the same uses and decides the next attempts the same (fast-check)', () => {
    let withUses = 0;
    let full = 0;
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 80, size: 'max' }), (steps) => {
        const clock = { now: 1_700_000_000_000 };
        const { graph, allowed } = build(steps, clock);
        const bytes = graph.toBytes();
        const copy = SocialGraph.fromBytes(bytes, { clock: () => clock.now });
        expect(Buffer.from(copy.toBytes()).equals(Buffer.from(bytes))).toBe(true);
        let used = 0;
        for (const id of IDS) {
          for (const action of ACTIONS) {
            expect(copy.quota(id, action), `${id} ${action}`).toEqual(graph.quota(id, action));
            used += graph.quota(id, action)?.used ?? 0;
            if (graph.quota(id, action)?.remaining === 0) full++;
          }
        }
        expect(used).toBeLessThanOrEqual(allowed + steps.length);
        if (used > 0) withUses++;
        // The next attempts go the same way on both.
        for (const from of IDS) for (const to of IDS) for (const action of ACTIONS) expect(copy.attempt(from, action, to)).toEqual(graph.attempt(from, action, to));
      }),
      fcParams(200),
    );
    console.log(`quota snapshots: ${withUses} of 200 runs with uses counting when saved, ${full} exhausted quotas seen`);
    expect(withUses).toBeGreaterThanOrEqual(100);
    expect(full).toBeGreaterThanOrEqual(50);
  });

  it('a damaged quotas section is SNAPSHOT_CORRUPT, an unknown action too', () => {
    const clock = { now: 1_700_000_000_000 };
    const { graph } = build([{ kind: 'attempt', from: 0, action: 'message', to: 1 }], clock);
    const bytes = graph.toBytes();
    // Flip each byte of the quotas payload in turn (the CRC is recomputed by re-sealing through a
    // crafted copy is not possible here, so a flip is caught by the CRC: still a typed error).
    for (let i = 0; i < bytes.length; i++) {
      const copy = bytes.slice();
      copy[i]! ^= 0x01;
      try {
        SocialGraph.fromBytes(copy);
      } catch (error) {
        expect(error).toBeInstanceOf(SocialGraphError);
      }
    }
  });

  it('pending invitations, cooldowns and dismissals: a reload writes the same bytes whatever order they were made in', () => {
    // Failed before: the section listed a member's pending invitations newest first, and a reload
    // reversed them.
    const now = 1_700_000_000_000;
    const graph = new SocialGraph({ clock: () => now });
    for (const id of IDS) graph.addMember(id);
    graph.connect('a', 'b');
    graph.connect('b', 'c');
    graph.connect('c', 'd');
    graph.invite('d', 'a');
    graph.invite('d', 'b');
    graph.withdraw(graph.invite('c', 'a').id);
    graph.withdraw(graph.invite('a', 'c').id);
    graph.dismissSuggestion('a', 'c');
    graph.dismissSuggestion('d', 'b');
    let bytes = graph.toBytes();
    for (let i = 0; i < 3; i++) {
      const next = SocialGraph.fromBytes(bytes, { clock: () => now }).toBytes();
      expect(Buffer.from(next).equals(Buffer.from(bytes))).toBe(true);
      bytes = next;
    }
  });
});
