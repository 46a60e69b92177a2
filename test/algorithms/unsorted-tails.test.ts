/**
 * The searches read a list through `unorderedSlabOf` where they need it only as a set (a BFS
 * marking it, a scan against marks), and through `slabOf` where they need it sorted (a binary
 * search, an intersection, a gallop through a hub's list). A graph built by `connect` and queried
 * at once holds lists with unsorted tails, hubs' above all: `degree`, `degrees` and `reach` must
 * still give a BFS oracle's answers. fast-check builds such graphs (a few hubs take connections
 * from many members, in random order, so that their lists end unsorted: more than the 128
 * entries below which an append goes in place) and asks every kind of
 * question of them; coverage shares prove that questions meet hubs with a tail, and that depth-3
 * answers come through hubs long enough to be galloped through.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GALLOP_RATIO } from '../../src/algorithms/intersection.js';
import { graphParts, SocialGraph } from '../../src/index.js';
import { Coverage } from '../support/coverage.js';
import { fcParams } from '../support/fc-config.js';

/** Distances from `a` by BFS over plain sets, up to `maxDepth`: the oracle. */
function bfs(lists: Set<number>[], a: number, maxDepth: number): Map<number, number> {
  const dist = new Map([[a, 0]]);
  let frontier = [a];
  for (let d = 1; d <= maxDepth && frontier.length > 0; d++) {
    const next: number[] = [];
    for (const u of frontier) {
      for (const w of lists[u]!) {
        if (dist.has(w)) continue;
        dist.set(w, d);
        next.push(w);
      }
    }
    frontier = next;
  }
  return dist;
}

const graphArb = fc
  .record({
    members: fc.integer({ min: 350, max: 600 }),
    hubs: fc.integer({ min: 1, max: 3 }),
    // Each hub takes a connection from this share of the members, in random order.
    hubShare: fc.double({ min: 0.5, max: 0.9, noNaN: true }),
    extra: fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 0, maxLength: 200, size: 'max' }),
    order: fc.array(fc.nat(), { minLength: 400, maxLength: 400 }),
    queries: fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 30, maxLength: 30 }),
  })
  .map(({ members, hubs, hubShare, extra, order, queries }) => {
    const pairs: [number, number][] = [];
    for (let h = 0; h < hubs; h++) {
      for (let x = hubs; x < members; x++) if ((x * 7919 + h * 104729) % 1000 < hubShare * 1000) pairs.push([x, h]);
    }
    for (const [a, b] of extra) pairs.push([hubs + (a % (members - hubs)), hubs + (b % (members - hubs))]);
    // A seeded shuffle: the hubs take their connections out of order, as the second member.
    for (let i = pairs.length - 1; i > 0; i--) {
      const j = order[i % order.length]! % (i + 1);
      [pairs[i], pairs[j]] = [pairs[j]!, pairs[i]!];
    }
    return { members, hubs, pairs, queries: queries.map(([a, b]): [number, number] => [a % members, b % members]) };
  });

describe('searches over lists with unsorted tails', () => {
  it('degree, degrees and reach give the BFS answers right after a build by connect (fast-check)', () => {
    const cov = new Coverage('unsorted tails');
    fc.assert(
      fc.property(graphArb, ({ members, hubs, pairs, queries }) => {
        const graph = new SocialGraph();
        const id = (v: number): string => `m${v}`;
        for (let v = 0; v < members; v++) graph.addMember(id(v));
        const lists = Array.from({ length: members }, () => new Set<number>());
        for (const [a, b] of pairs) {
          if (a === b || lists[a]!.has(b)) continue;
          graph.connect(id(a), id(b));
          lists[a]!.add(b);
          lists[b]!.add(a);
        }
        const store = graphParts(graph).core.store;
        let hubTails = 0;
        for (let h = 0; h < hubs; h++) if (store.deferredWork(h).tail > 0) hubTails++;
        let galloped3 = 0;
        let answers3 = 0;
        for (const [a, b] of queries) {
          if (a === b) continue;
          const want = bfs(lists, a, 3).get(b) ?? null;
          expect(graph.degree(id(a), id(b)), `degree(${a}, ${b})`).toBe(want);
          if (want === 3) {
            answers3++;
            // A middle member whose list is long enough to be galloped through against b's.
            for (const u of lists[a]!) if (lists[u]!.size > GALLOP_RATIO * lists[b]!.size && [...lists[u]!].some((w) => lists[b]!.has(w))) galloped3++;
          }
        }
        // A page of badges from one viewer, and reach, on what is left unsorted.
        const viewer = queries[0]![0];
        const far = bfs(lists, viewer, 3);
        const page = Array.from({ length: members }, (_, v) => v).filter((v) => v !== viewer);
        expect(graph.degrees(id(viewer), page.map(id))).toEqual(page.map((v) => far.get(v) ?? null));
        const reach = graph.reach(id(viewer));
        const levels = [1, 2, 3].map((d) => [...far.values()].filter((x) => x === d).length);
        expect([reach.first, reach.second, reach.third]).toEqual(levels);
        cov.hit({
          'a hub with an unsorted tail when queried': hubTails > 0,
          'a depth-3 answer': answers3 > 0,
          'a depth-3 answer through a galloped hub': galloped3 > 0,
        });
      }),
      fcParams(300),
    );
    // Each share about 4.5 standard deviations under its mean over five seeds (FC_MARGINS=1).
    cov.expect({
      'a hub with an unsorted tail when queried': 0.88,
      'a depth-3 answer': 0.55,
      'a depth-3 answer through a galloped hub': 0.39,
    });
  });
});
