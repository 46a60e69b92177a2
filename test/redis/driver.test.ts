/**
 * The Redis backend's pieces that need no server (always run): hash slots as Redis computes them,
 * the member value codec, and the async driver, which must give the core's searches the same
 * answers over fetched lists as the synchronous driver over the store.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchDistances, bidirectionalDistance, levelCounts, runSearch, Scratch, SocialGraph } from '../../src/index.js';
import { FetchedAdjacency, KeyLayout, runSearchAsync, slotOf } from '../../src/redis/index.js';
import { decodeMember, decodeMemberId, encodeMember } from '../../src/redis/key-layout.js';
import { smallGraph } from '../support/arbitraries.js';
import { fcParams } from '../support/fc-config.js';
import { graphInternals } from '../support/internals.js';

describe('key layout', () => {
  it('computes the slots Redis computes (CLUSTER KEYSLOT)', () => {
    expect(slotOf('42')).toBe(8000);
    expect(slotOf('sg:{42}')).toBe(8000);
    expect(slotOf('sg:{ünï}')).toBe(9441);
    expect(slotOf('{}x')).toBe(10595);
    expect(slotOf('foo{}{bar}')).toBe(8363);
  });

  it('names keys and parses member keys back', () => {
    const layout = new KeyLayout('sg', 16);
    expect(layout.memberKey(7)).toBe('sg:{7}');
    expect(layout.memberOfKey('sg:{7}')).toBe(7);
    expect(layout.memberOfKey('sg:{7}:b')).toBe(-1);
    expect(layout.memberOfKey('sg:dict:{3}')).toBe(-1);
    expect(layout.memberOfKey('sgx:{7}')).toBe(-1);
    expect(layout.bucketOf('ada')).toBe(layout.bucketOf('ada'));
    expect(layout.bucketOf('ada')).toBeLessThan(16);
  });

  it('keeps an id that starts with U+FEFF (not stripped as a byte order mark)', () => {
    for (const id of ['\uFEFF', '\uFEFFada', '\uFEFF\uFEFF']) {
      const bytes = encodeMember(id, Int32Array.of(1, 5), 0, 2);
      expect(decodeMember(bytes).id).toBe(id);
      expect(decodeMemberId(bytes)).toBe(id);
    }
  });

  it('round-trips member values, ids of any length and lists at any alignment', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 300, unit: 'grapheme' }), fc.array(fc.integer({ min: 0, max: 2 ** 31 - 1 }), { maxLength: 50 }), fc.nat(7), (id, raw, shift) => {
        const list = Int32Array.from([...new Set(raw)].sort((a, b) => a - b));
        const bytes = encodeMember(id, list, 0, list.length);
        expect(bytes.length % 4).toBe(0);
        const shifted = new Uint8Array(bytes.length + shift);
        shifted.set(bytes, shift);
        const view = shifted.subarray(shift);
        const decoded = decodeMember(view);
        expect(decoded.id).toBe(id);
        expect(Array.from(decoded.neighbors)).toEqual(Array.from(list));
        expect(decodeMemberId(view.subarray(0, Math.min(view.length, 258)))).toBe(new TextEncoder().encode(id).length <= 256 ? id : null);
      }),
      fcParams(200),
    );
  });
});

describe('runSearchAsync', () => {
  it('gives the same answers as runSearch, fetching each list once', async () => {
    await fc.assert(
      fc.asyncProperty(smallGraph, fc.nat(), fc.nat(), async ({ members, edges }, i, j) => {
        const graph = SocialGraph.fromEdges(edges.concat(members.map((m) => [m, m] as [string, string])));
        const { store } = graphInternals(graph);
        const n = store.indexBound;
        const a = i % n;
        const b = j % n;
        const sync = new Scratch();
        sync.ensure(n);
        const scratch = new Scratch();
        scratch.ensure(n);
        let fetched = 0;
        const fetch = async (nodes: Int32Array, count: number, view: FetchedAdjacency) => {
          await Promise.resolve();
          for (let k = 0; k < count; k++) {
            const v = nodes[k]!;
            expect(view.has(v)).toBe(false);
            fetched++;
            const s = store.offsetOf(v);
            view.put(v, store.slabOf(v).slice(s, s + store.degreeOf(v)));
          }
        };
        for (const depth of [1, 3, 6]) {
          const expected = runSearch(bidirectionalDistance(sync, a, b, depth), store);
          expect(await runSearchAsync(bidirectionalDistance(scratch, a, b, depth), new FetchedAdjacency(n), fetch)).toBe(expected);
        }
        expect(await runSearchAsync(levelCounts(scratch, a, 3, 0), new FetchedAdjacency(n), fetch)).toEqual(runSearch(levelCounts(sync, a, 3, 0), store));
        const targets = Int32Array.from({ length: Math.min(n, 9) }, (_, k) => (k * 7 + b) % n);
        const out1 = new Int32Array(targets.length);
        const out2 = new Int32Array(targets.length);
        runSearch(batchDistances(sync, a, targets, 3, out1), store);
        await runSearchAsync(batchDistances(scratch, a, targets, 3, out2), new FetchedAdjacency(n), fetch);
        expect(Array.from(out2)).toEqual(Array.from(out1));
        expect(fetched).toBeGreaterThan(0);
        // Marks are left clear.
        expect(scratch.markA.every((x) => x === 0) && scratch.markB.every((x) => x === 0) && scratch.markC.every((x) => x === 0)).toBe(true);
      }),
      fcParams(150),
    );
  });

  it('closes the search (clearing its marks) when a fetch fails', async () => {
    const graph = SocialGraph.fromEdges([['a', 'b'], ['b', 'c'], ['c', 'd']]);
    const { store } = graphInternals(graph);
    const scratch = new Scratch();
    scratch.ensure(store.indexBound);
    let calls = 0;
    const failing = async (nodes: Int32Array, count: number, view: FetchedAdjacency) => {
      if (++calls === 2) throw new Error('TRYAGAIN');
      for (let k = 0; k < count; k++) {
        const v = nodes[k]!;
        const s = store.offsetOf(v);
        view.put(v, store.slabOf(v).slice(s, s + store.degreeOf(v)));
      }
    };
    await expect(runSearchAsync(bidirectionalDistance(scratch, 0, 3, 3), new FetchedAdjacency(store.indexBound), failing)).rejects.toThrow('TRYAGAIN');
    expect(scratch.markA.every((x) => x === 0) && scratch.markB.every((x) => x === 0)).toBe(true);
  });
});
