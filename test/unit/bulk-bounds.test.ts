/**
 * Issue 15 items 4 and 12: every size fromIndexedEdges accepts is bounded and checked before any
 * work; malformed input is a typed error, never a raw TypeError or a call that never returns.
 */
import { describe, expect, it } from 'vitest';
import { SocialGraph, SocialGraphError } from '../../src/index.js';
import { expectCode } from '../support/errors.js';

const empty = new Int32Array(0);

describe('fromIndexedEdges bounds', () => {
  it('rejects members above 2^30 up front (it used to loop forever at 2^30 + 1)', () => {
    // Up front: not one id is asked for. (A load that loops instead fails at the test timeout;
    // no wall-clock bound here, so a slow machine cannot fail it.)
    for (const members of [2 ** 30 + 1, 2 ** 31, 2 ** 32 + 5, 2 ** 53, Number.MAX_VALUE]) {
      let asked = 0;
      const ids = (i: number): string => (asked++, `m${i}`);
      expectCode(() => SocialGraph.fromIndexedEdges({ ids, memberCount: members, sources: empty, targets: empty }), 'INVALID_OPTION');
      expect(asked).toBe(0);
    }
    // The same loader asks for every id of a valid size.
    let asked = 0;
    SocialGraph.fromIndexedEdges({ ids: (i: number) => (asked++, `m${i}`), memberCount: 5, sources: empty, targets: empty });
    expect(asked).toBe(5);
  });

  it('gives a typed error, not a TypeError, for missing or wrong fields', () => {
    const cases: unknown[] = [
      {},
      { memberCount: 1 },
      { memberCount: 1, ids: ['a'] },
      { memberCount: 1, ids: ['a'], sources: empty },
      { memberCount: 1, ids: ['a'], sources: [0], targets: [0] },
      { memberCount: 1, ids: 'a', sources: empty, targets: empty },
      { memberCount: 1, ids: null, sources: empty, targets: empty },
      { memberCount: '1', ids: ['a'], sources: empty, targets: empty },
      { memberCount: 1, ids: ['a'], sources: empty, targets: empty, edges: 1 },
      { memberCount: 1, ids: ['a'], sources: empty, targets: empty, edges: -1 },
      { memberCount: 1, ids: ['a'], sources: empty, targets: empty, edges: '0' },
      { memberCount: NaN, ids: ['a'], sources: empty, targets: empty },
    ];
    for (const edges of cases) {
      let caught: unknown;
      try {
        SocialGraph.fromIndexedEdges(edges as never);
      } catch (error) {
        caught = error;
      }
      expect(caught, JSON.stringify(edges)).toBeInstanceOf(SocialGraphError);
      expect((caught as SocialGraphError).code).toBe('INVALID_OPTION');
    }
  });

  it('still loads a valid input', () => {
    const graph = SocialGraph.fromIndexedEdges({ ids: ['a', 'b', 'c'], memberCount: 3, sources: Int32Array.of(0, 1), targets: Int32Array.of(1, 2) });
    expect(graph.degree('a', 'c')).toBe(2);
  });
});
