/**
 * "Recently added": newest first against a sort of the recorded times, `limit` and `since`, and
 * connections made before times were recorded.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SocialGraph, SocialGraphError } from '../../src/index.js';
import { fcParams } from '../support/fc-config.js';

describe('recentConnections', () => {
  it('lists connections newest first, within limit and since', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(12), fc.integer({ min: 1, max: 40 })), { maxLength: 30 }),
        fc.integer({ min: 1, max: 6 }),
        fc.option(fc.integer({ min: 0, max: 45_000 }), { nil: undefined }),
        (pairs, limit, since) => {
          const graph = new SocialGraph({ connectionTimes: true });
          graph.addMember('me');
          const at = new Map<string, number>();
          for (const [x, s] of pairs) {
            const id = `f${x}`;
            graph.mergeMember(id);
            if (graph.connect('me', id, { at: s * 1000 + 999 })) at.set(id, s * 1000);
          }
          const expected = [...at]
            .filter(([, t]) => since === undefined || t >= since)
            .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
            .slice(0, limit)
            .map(([id, t]) => ({ id, at: t }));
          const options = since === undefined ? { limit } : { limit, since };
          expect(graph.recentConnections('me', options)).toEqual(expected);
        },
      ),
      fcParams(200),
    );
  });

  it('uses the clock by default and leaves out connections without a time', () => {
    let now = 10_000;
    const graph = new SocialGraph({ clock: () => now });
    for (const id of ['a', 'b', 'c', 'd']) graph.addMember(id);
    graph.connect('a', 'b'); // before recording: no time
    expect(graph.recentConnections('a')).toEqual([]);
    graph.connect('a', 'c', { at: 5_000 }); // starts recording
    now = 20_000;
    graph.connect('a', 'd');
    expect(graph.recentConnections('a')).toEqual([
      { id: 'd', at: 20_000 },
      { id: 'c', at: 5_000 },
    ]);
    expect(graph.viewAs('a').search({ degree: 1, sort: 'recent' }).hits.map((h) => [h.id, h.connectedAt])).toEqual([
      ['d', 20_000],
      ['c', 5_000],
      ['b', undefined],
    ]);
  });

  it('rejects bad options', () => {
    const graph = SocialGraph.fromEdges([['a', 'b']]);
    for (const bad of [{ limit: 0 }, { limit: 1.5 }, { since: Number.NaN }, { since: '1' }, null, 3]) {
      expect(() => graph.recentConnections('a', bad as never)).toThrow(SocialGraphError);
    }
  });
});
