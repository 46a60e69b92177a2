import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SocialGraph } from '../../src/index.js';
import { CompactAdjacencyStore } from '../../src/store/compact-adjacency-store.js';
import { fcParams } from '../support/fc-config.js';

describe('connection times beside the adjacency', () => {
  it('store: times follow their neighbours through inserts, removes, block moves and compaction', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.nat(40), fc.nat(40), fc.integer({ min: 1, max: 2 ** 32 - 1 })), { maxLength: 600 }),
        (enableFirst, ops) => {
          const store = new CompactAdjacencyStore(1000);
          for (let i = 0; i < 41; i++) store.allocateMember();
          const model = Array.from({ length: 41 }, () => new Map<number, number>());
          if (enableFirst) store.enableTimes();
          for (const [kind, a, b, t] of ops) {
            if (!store.hasTimes && kind === 3) {
              store.enableTimes();
              for (const m of model) for (const k of m.keys()) m.set(k, 0);
            }
            if (kind === 0 || kind === 3) {
              if (store.insert(a, b, store.hasTimes ? t : 0)) model[a]!.set(b, store.hasTimes ? t : 0);
            } else if (kind === 1) {
              store.remove(a, b);
              model[a]!.delete(b);
            } else if (kind === 2 && ops.length % 7 === 0) {
              store.compact();
            }
          }
          if (!store.hasTimes) return;
          for (let v = 0; v < 41; v++) {
            const slab = store.slabOf(v);
            const times = store.timesOf(v);
            const start = store.offsetOf(v);
            const got = new Map<number, number>();
            for (let i = 0; i < store.degreeOf(v); i++) got.set(slab[start + i]!, times[start + i]!);
            expect(got).toEqual(model[v]);
          }
        },
      ),
      fcParams(300),
    );
  });

  it('graph: connectedAt, the clock default, lazy start and removal', () => {
    let now = 1_700_000_000_000;
    const graph = new SocialGraph({ clock: () => now });
    for (const id of ['a', 'b', 'c', 'd']) graph.addMember(id);
    graph.connect('a', 'b'); // before recording: unknown
    expect(graph.connectedAt('a', 'b')).toBeNull();
    graph.connect('a', 'c', { at: 1_600_000_000_500 });
    expect(graph.connectedAt('c', 'a')).toBe(1_600_000_000_000);
    now += 5_000;
    graph.connect('a', 'd'); // recording on: the clock's now
    expect(graph.connectedAt('a', 'd')).toBe(now);
    expect(graph.connectedAt('a', 'b')).toBeNull();
    expect(graph.connectedAt('b', 'c')).toBeNull();
    graph.removeMember('c');
    graph.addMember('c');
    expect(graph.connectedAt('a', 'c')).toBeNull();
  });

  it('the connectionTimes option records from the start', () => {
    const graph = new SocialGraph({ connectionTimes: true, clock: () => 42_000 });
    graph.addMember('a');
    graph.addMember('b');
    graph.connect('a', 'b');
    expect(graph.connectedAt('b', 'a')).toBe(42_000);
  });
});
