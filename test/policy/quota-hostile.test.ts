/**
 * Issue 15 items 7 and 11: quotas under hostile clocks and options, their memory, and one unit per
 * invitation sent.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SlidingWindowQuota, SocialGraph } from '../../src/index.js';
import { expectCode } from '../support/errors.js';
import { fcParams } from '../support/fc-config.js';

const MINUTE = 60_000;

/** ada – bob – cy – dee, on a clock the test moves. */
function graphAt(clock: { now: number }): SocialGraph {
  const graph = new SocialGraph({ clock: () => clock.now });
  for (const id of ['ada', 'bob', 'cy', 'dee', 'eve']) graph.addMember(id);
  graph.connect('ada', 'bob');
  graph.connect('bob', 'cy');
  graph.connect('ada', 'eve');
  graph.connect('eve', 'dee');
  return graph;
}

describe('quota clocks', () => {
  it('a clock that jumps forward past the window and back frees no slot', () => {
    const clock = { now: 0 };
    const graph = graphAt(clock);
    graph.setQuota('message', { limit: 3, windowMs: MINUTE });
    for (let i = 0; i < 3; i++) expect(graph.attempt('ada', 'message', 'cy').allowed).toBe(true);
    clock.now = 10 * MINUTE; // a glitch: every use looks old
    expect(graph.quota('ada', 'message')).toMatchObject({ used: 0 });
    expect(graph.attempt('ada', 'message', 'cy').allowed).toBe(true); // a use at the glitch's time
    clock.now = 1_000; // back: the three uses of t = 0 and the one of the glitch count
    expect(graph.can('ada', 'message', 'cy').reason).toBe('quota-exceeded');
    expect(graph.attempt('ada', 'message', 'cy').reason).toBe('quota-exceeded');
    expect(graph.quota('ada', 'message')).toMatchObject({ used: 3, remaining: 0 }); // at most limit uses are kept
  });

  it('a clock returning Infinity, NaN or a string is a typed error that changes nothing', () => {
    for (const bad of [Infinity, -Infinity, NaN, '5' as unknown as number, undefined as unknown as number]) {
      const clock = { now: 0 };
      const graph = graphAt(clock);
      graph.setQuota('message', { limit: 1, windowMs: MINUTE });
      expect(graph.attempt('ada', 'message', 'cy').allowed).toBe(true);
      clock.now = bad;
      expectCode(() => graph.attempt('ada', 'message', 'cy'), 'INVALID_OPTION');
      expectCode(() => graph.can('ada', 'message', 'cy'), 'INVALID_OPTION');
      expectCode(() => graph.invite('ada', 'cy'), 'INVALID_OPTION');
      expectCode(() => graph.now(), 'INVALID_OPTION');
      clock.now = 1;
      expect(graph.attempt('ada', 'message', 'cy').reason).toBe('quota-exceeded');
      expect(graph.sentInvitations('ada')).toEqual([]);
    }
  });

  it('matches an oracle keeping every use for any clock walk, forwards and back', () => {
    const step = fc.record({ dt: fc.integer({ min: -200, max: 200 }), jump: fc.boolean(), act: fc.boolean() });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 100 }), fc.array(step, { size: 'max', maxLength: 200 }), (limit, windowMs, steps) => {
        const quota = new SlidingWindowQuota({ limit, windowMs });
        const uses: number[] = [];
        let now = 1_000;
        for (const { dt, jump, act } of steps) {
          now += jump ? dt * 50 : dt;
          const counted = uses.filter((t) => t > now - windowMs).length;
          expect(quota.used(0, now)).toBe(Math.min(counted, limit));
          expect(quota.exceeded(0, now)).toBe(counted >= limit);
          if (act && counted < limit) {
            quota.record(0, now);
            uses.push(now);
          }
        }
      }),
      fcParams(300),
    );
  });
});

describe('quota options', () => {
  it('rejects windows a snapshot cannot hold exactly, at the call', () => {
    const graph = graphAt({ now: 0 });
    for (const windowMs of [2 ** 53, 1e300, 5e-324, 1.5, 0, -1, NaN, Infinity, 2 ** 42 + 1, '60000']) {
      expectCode(() => graph.setQuota('message', { limit: 3, windowMs: windowMs as number }), 'INVALID_OPTION');
    }
    expect(graph.quota('ada', 'message')).toBeNull();
    for (const windowMs of [1, 2 ** 32 + 7, 2 ** 42]) {
      graph.setQuota('invite', { limit: 7, windowMs });
      const copy = SocialGraph.fromBytes(graph.toBytes(), { clock: () => 0 });
      expect(copy.quota('ada', 'invite')).toMatchObject({ limit: 7, windowMs });
    }
  });

  it('reads the options once: a getter cannot change the quota after the check', () => {
    const clock = { now: 0 };
    const graph = graphAt(clock);
    let reads = 0;
    const limit = {
      get limit() {
        return reads++ === 0 ? 2 : NaN;
      },
      windowMs: MINUTE,
    };
    graph.setQuota('message', limit);
    expect(graph.quota('ada', 'message')).toMatchObject({ limit: 2 });
    expect(graph.attempt('ada', 'message', 'cy').allowed).toBe(true);
    expect(graph.attempt('ada', 'message', 'cy').allowed).toBe(true);
    expect(graph.attempt('ada', 'message', 'cy').reason).toBe('quota-exceeded');
    expect(SocialGraph.fromBytes(graph.toBytes()).quota('ada', 'message')).toMatchObject({ limit: 2 });
    const throwing = {
      get limit(): number {
        throw new Error('boom');
      },
      windowMs: MINUTE,
    };
    expectCode(() => graph.setQuota('message', throwing), 'INVALID_OPTION');
  });

  it('memory grows with the uses, not with the limit', () => {
    const members = 200;
    const quota = new SlidingWindowQuota({ limit: 1_000_000, windowMs: MINUTE });
    const before = process.memoryUsage().arrayBuffers;
    for (let v = 0; v < members; v++) quota.record(v, 0);
    const grown = process.memoryUsage().arrayBuffers - before;
    // 8 MB a member when the log was sized by the limit: 1.6 GB here.
    expect(grown).toBeLessThan(16 << 20);
    for (let i = 1; i < 1_000; i++) quota.record(0, i);
    expect(quota.used(0, 999)).toBe(1_000);
  });
});

describe('quota charged once per invitation (item 11)', () => {
  it('attempt then invite uses one unit', () => {
    const clock = { now: 0 };
    const graph = graphAt(clock);
    graph.setQuota('invite', { limit: 2, windowMs: MINUTE });
    expect(graph.attempt('ada', 'invite', 'cy').allowed).toBe(true);
    expect(graph.quota('ada', 'invite')).toMatchObject({ used: 1 });
    expect(graph.attempt('ada', 'invite', 'cy').allowed).toBe(true); // the same invitation, not charged again
    expect(graph.quota('ada', 'invite')).toMatchObject({ used: 1 });
    graph.invite('ada', 'cy');
    expect(graph.quota('ada', 'invite')).toMatchObject({ used: 1 });
    graph.invite('ada', 'dee'); // no attempt: charged by invite
    expect(graph.quota('ada', 'invite')).toMatchObject({ used: 2, remaining: 0 });
  });

  it('an attempt that took the last unit lets its own invitation through, and no other', () => {
    const clock = { now: 0 };
    const graph = graphAt(clock);
    graph.setQuota('invite', { limit: 1, windowMs: MINUTE });
    expect(graph.attempt('ada', 'invite', 'cy').allowed).toBe(true);
    expect(graph.can('ada', 'invite', 'dee').reason).toBe('quota-exceeded');
    expect(graph.can('ada', 'invite', 'cy').allowed).toBe(true);
    expect(graph.invite('ada', 'cy').status).toBe('pending');
    expect(graph.quota('ada', 'invite')).toMatchObject({ used: 1 });
    expectCode(() => graph.invite('ada', 'dee'), 'INVITATION_DENIED');
    clock.now = MINUTE; // the use left the window
    expect(graph.invite('ada', 'dee').status).toBe('pending');
    expect(graph.quota('ada', 'invite')).toMatchObject({ used: 1 });
  });

  it('an attempt whose use left the window pays for nothing', () => {
    const clock = { now: 0 };
    const graph = graphAt(clock);
    graph.setQuota('invite', { limit: 5, windowMs: MINUTE });
    graph.attempt('ada', 'invite', 'cy');
    clock.now = 2 * MINUTE;
    graph.invite('ada', 'cy');
    expect(graph.quota('ada', 'invite')).toMatchObject({ used: 1 });
  });
});

describe('a prepaid invitation and a reused member index', () => {
  it('the unit an attempt prepaid for a removed member does not pay for the member that reuses its index', () => {
    const graph = new SocialGraph({ clock: () => 1_700_000_000_000 });
    for (const id of ['a', 'b', 'c']) graph.addMember(id);
    graph.connect('a', 'b');
    graph.connect('b', 'c');
    graph.setQuota('invite', { limit: 5, windowMs: 60_000 });
    expect(graph.attempt('a', 'invite', 'c').allowed).toBe(true); // one unit, prepaid for c
    graph.removeMember('c');
    graph.addMember('d'); // takes c's index
    graph.connect('b', 'd');
    graph.invite('a', 'd');
    // The unit prepaid for c still counts (an attempt is a use), and d's invitation is a new one.
    expect(graph.quota('a', 'invite')?.used).toBe(2);
  });
});
