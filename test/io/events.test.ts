/**
 * Change events: order and payloads, nothing emitted by failed or no-op calls or by bulk loads,
 * listeners added and removed, zero cost with no listener (emit is never even called), and a
 * replica kept in sync from the event stream alone (property).
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SocialGraph, SocialGraphError, type SocialGraphEvent } from '../../src/index.js';
import { EventQueue } from '../../src/graph/event-queue.js';
import { Coverage } from '../support/coverage.js';
import { fcParams } from '../support/fc-config.js';
import { graphState, opsArb, type Op } from './graph-state.js';

const TYPES = ['memberAdded', 'memberRemoved', 'connected', 'disconnected'] as const;

function record(graph: SocialGraph): SocialGraphEvent[] {
  const log: SocialGraphEvent[] = [];
  for (const type of TYPES) graph.on(type, (event) => log.push(event));
  return log;
}

/** Applies the operations (invalid ones are tried too: they must emit nothing). */
function apply(graph: SocialGraph, ops: readonly Op[]): void {
  for (const op of ops) {
    const members = graph.members();
    try {
      if (op.kind === 'add') {
        graph.addMember(op.id);
      } else if (members.length > 0) {
        const a = members[op.x % members.length]!;
        if (op.kind === 'remove') graph.removeMember(a);
        else if (op.kind === 'connect') graph.connect(a, members[op.y % members.length]!);
        else if (op.kind === 'disconnect') graph.disconnect(a, members[op.y % members.length]!);
        else graph.mergeMember(op.text.length > 0 ? op.text : a);
      } else if (op.kind === 'connect') graph.connect('nobody', 'none');
    } catch (error) {
      // Failed calls (duplicates, self connections, the cap, unknown ids): no event expected.
      // Anything else (a listener's failed assertion) is the test failing.
      if (!(error instanceof SocialGraphError)) throw error;
    }
  }
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('change events', () => {
  it('emits typed events with their payloads, in order', () => {
    const graph = new SocialGraph();
    const log = record(graph);
    graph.addMember('ada');
    graph.mergeMember('bob');
    graph.mergeMember('bob'); // no-op: no event
    graph.addMember('cy');
    graph.connect('ada', 'bob');
    graph.connect('bob', 'ada'); // already connected: no event
    graph.connect('cy', 'bob');
    graph.disconnect('bob', 'ada');
    graph.disconnect('bob', 'ada'); // not connected: no event
    graph.disconnect('cy', 'cy'); // self pair: no event
    graph.removeMember('bob'); // its connection goes without a disconnected event
    expect(log).toEqual([
      { type: 'memberAdded', id: 'ada' },
      { type: 'memberAdded', id: 'bob' },
      { type: 'memberAdded', id: 'cy' },
      { type: 'connected', a: 'ada', b: 'bob' },
      { type: 'connected', a: 'cy', b: 'bob' },
      { type: 'disconnected', a: 'bob', b: 'ada' },
      { type: 'memberRemoved', id: 'bob' },
    ]);
  });

  it('emits nothing for failed calls', () => {
    const graph = new SocialGraph({ maxConnectionsPerMember: 1 });
    graph.addMember('a');
    graph.addMember('b');
    graph.addMember('c');
    graph.connect('a', 'b');
    const log = record(graph);
    const attempts = [
      () => graph.addMember('a'),
      () => graph.addMember(''),
      () => graph.mergeMember(42 as never),
      () => graph.connect('a', 'a'),
      () => graph.connect('a', 'c'), // cap
      () => graph.connect('a', 'nobody'),
      () => graph.disconnect('nobody', 'a'),
      () => graph.removeMember('nobody'),
    ];
    for (const attempt of attempts) expect(attempt).toThrow();
    expect(log).toEqual([]);
  });

  it('emits nothing from bulk loads and snapshots', () => {
    const spy = vi.spyOn(EventQueue.prototype, 'push');
    const graph = SocialGraph.fromEdges([['a', 'b'], ['b', 'c']]);
    SocialGraph.fromBytes(graph.toBytes());
    SocialGraph.fromIndexedEdges({ memberCount: 2, ids: ['x', 'y'], sources: Int32Array.of(0), targets: Int32Array.of(1) });
    expect(spy).not.toHaveBeenCalled();
  });

  it('costs nothing without listeners: emit is never called, and stops after off / unsubscribe', () => {
    const spy = vi.spyOn(EventQueue.prototype, 'push');
    const graph = new SocialGraph();
    graph.addMember('a');
    graph.addMember('b');
    graph.connect('a', 'b');
    graph.disconnect('a', 'b');
    graph.removeMember('b');
    expect(spy).not.toHaveBeenCalled();
    // Only the listened type is emitted.
    const seen: string[] = [];
    const listener = (e: { id: string }) => seen.push(e.id);
    const stop = graph.on('memberAdded', listener);
    graph.addMember('c');
    graph.connect('a', 'c');
    expect(spy).toHaveBeenCalledTimes(1);
    stop();
    graph.addMember('d');
    expect(graph.off('memberAdded', listener)).toBe(false);
    graph.on('memberAdded', listener);
    expect(graph.off('memberAdded', listener)).toBe(true);
    graph.addMember('e');
    expect(seen).toEqual(['c']);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('calls several listeners in registration order, each once per change', () => {
    const graph = new SocialGraph();
    const calls: string[] = [];
    graph.on('memberAdded', (e) => calls.push(`first ${e.id}`));
    graph.on('memberAdded', (e) => calls.push(`second ${e.id}`));
    graph.addMember('a');
    expect(calls).toEqual(['first a', 'second a']);
  });

  it('streams every change: a replica fed only the events ends equal (property)', () => {
    const cov = new Coverage('event replica');
    fc.assert(
      fc.property(opsArb, fc.integer({ min: 1, max: 6 }), (ops, cap) => {
        const graph = new SocialGraph({ maxConnectionsPerMember: cap });
        const replica = new SocialGraph({ maxConnectionsPerMember: cap });
        // Each listener records what went wrong: a throw would land in the caller's graph call.
        const wrong: string[] = [];
        const seen = { connected: 0, disconnected: 0, removed: 0 };
        const check = (what: string, call: () => unknown, expected: unknown) => {
          try {
            const got = call();
            if (got !== expected) wrong.push(`${what}: ${String(got)}, expected ${String(expected)}`);
          } catch (error) {
            wrong.push(`${what}: threw ${String(error)}`);
          }
        };
        graph.on('memberAdded', (e) => check(`addMember(${e.id})`, () => replica.addMember(e.id), undefined));
        graph.on('memberRemoved', (e) => (seen.removed++, check(`removeMember(${e.id})`, () => replica.removeMember(e.id), undefined)));
        graph.on('connected', (e) => (seen.connected++, check(`connect(${e.a}, ${e.b})`, () => replica.connect(e.a, e.b), true)));
        graph.on('disconnected', (e) => (seen.disconnected++, check(`disconnect(${e.a}, ${e.b})`, () => replica.disconnect(e.a, e.b), true)));
        apply(graph, ops);
        expect(wrong).toEqual([]);
        // Same members and connections (index order may differ: compare as sets).
        const canon = (g: SocialGraph) => {
          const s = graphState(g);
          return { members: [...s.members].sort(), lists: s.members.map((id, i) => `${id}:${[...s.lists[i]!].sort().join(',')}`).sort() };
        };
        expect(canon(replica)).toEqual(canon(graph));
        cov.hit({
          '>= 5 connected events': seen.connected >= 5,
          'disconnected event': seen.disconnected > 0,
          'memberRemoved event': seen.removed > 0,
          'a member at the cap': graph.members().some((m) => graph.connectionCountOf(m) >= cap),
        });
      }),
      fcParams(200),
    );
    cov.expect({ '>= 5 connected events': 0.4, 'disconnected event': 0.25, 'memberRemoved event': 0.4, 'a member at the cap': 0.45 });
  });
});
