import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  batchDistances,
  bidirectionalDistance,
  intersectionSize,
  intersectInto,
  levelCounts,
  runSearch,
  Scratch,
  SocialGraph,
} from '../../src/index.js';
import { CompactAdjacencyStore } from '../../src/store/compact-adjacency-store.js';
import { smallGraph, type SmallGraph } from '../support/arbitraries.js';
import { fcParams } from '../support/fc-config.js';
import { naiveDistance, naiveFromEdges, naiveLevels, naiveMutual } from '../support/oracle.js';

function build(g: SmallGraph): SocialGraph {
  const graph = new SocialGraph();
  for (const m of g.members) graph.addMember(m);
  for (const [a, b] of g.edges) if (a !== b) graph.connect(a, b);
  return graph;
}

/** Same graph through the bulk path; isolated members added afterwards. */
function buildBulk(g: SmallGraph): SocialGraph {
  const graph = SocialGraph.fromEdges(g.edges);
  for (const m of g.members) graph.mergeMember(m);
  return graph;
}

/** The graph straight in a store (no facade), with its index map and a sized scratch. */
function storeOf(g: SmallGraph): { store: CompactAdjacencyStore; index: Map<string, number>; scratch: Scratch } {
  const store = new CompactAdjacencyStore(30_000);
  const index = new Map(g.members.map((m) => [m, store.allocateMember()]));
  for (const [a, b] of g.edges) {
    if (a === b) continue;
    store.insert(index.get(a)!, index.get(b)!);
    store.insert(index.get(b)!, index.get(a)!);
  }
  const scratch = new Scratch();
  scratch.ensure(store.indexBound);
  return { store, index, scratch };
}

describe('degree against BFS oracle', () => {
  it('every pair, every maxDepth 0..6, both build paths', () => {
    fc.assert(
      fc.property(smallGraph, (g) => {
        const naive = naiveFromEdges(g.members, g.edges);
        for (const graph of [build(g), buildBulk(g)]) {
          for (const a of g.members) {
            for (const b of g.members) {
              for (let d = 0; d <= 6; d++) {
                expect(graph.degree(a, b, { maxDepth: d })).toBe(naiveDistance(naive, a, b, d));
              }
            }
          }
        }
      }),
      fcParams(150),
    );
  });

  it('default maxDepth is 3', () => {
    fc.assert(
      fc.property(smallGraph, (g) => {
        const naive = naiveFromEdges(g.members, g.edges);
        const graph = build(g);
        for (const a of g.members) for (const b of g.members) expect(graph.degree(a, b)).toBe(naiveDistance(naive, a, b, 3));
      }),
      fcParams(100),
    );
  });
});

describe('degrees (batched) against the oracle', () => {
  it('any page (repeats, self, any order), maxDepth 0..6, with and without the depth-2 ball', () => {
    fc.assert(
      fc.property(smallGraph, fc.array(fc.nat(), { maxLength: 30 }), fc.nat(), (g, picks, v) => {
        const naive = naiveFromEdges(g.members, g.edges);
        const graph = build(g);
        const viewer = g.members[v % g.members.length]!;
        const page = picks.map((i) => g.members[i % g.members.length]!);
        for (let d = 0; d <= 6; d++) {
          const expected = page.map((t) => naiveDistance(naive, viewer, t, d));
          expect(graph.degrees(viewer, page, { maxDepth: d })).toEqual(expected);
        }
        // Force the small-ball path (depth 1 only) by giving the ball no budget.
        const { store, index, scratch } = storeOf(g);
        const targets = Int32Array.from(page, (t) => index.get(t)!);
        for (let d = 0; d <= 6; d++) {
          const out = new Int32Array(targets.length);
          runSearch(batchDistances(scratch, index.get(viewer)!, targets, d, out, 0), store);
          expect(Array.from(out, (x) => (x < 0 ? null : x))).toEqual(page.map((t) => naiveDistance(naive, viewer, t, d)));
        }
        expect(scratch.markA.every((x) => x === 0) && scratch.markB.every((x) => x === 0) && scratch.markC.every((x) => x === 0)).toBe(true);
      }),
      fcParams(150),
    );
  });
});

describe('mutual connections against the oracle', () => {
  it('list and count for every pair', () => {
    fc.assert(
      fc.property(smallGraph, (g) => {
        const naive = naiveFromEdges(g.members, g.edges);
        const graph = build(g);
        for (const a of g.members) {
          for (const b of g.members) {
            const expected = naiveMutual(naive, a, b);
            expect(graph.mutualConnections(a, b).sort()).toEqual(expected);
            expect(graph.mutualCount(a, b)).toBe(expected.length);
          }
        }
      }),
      fcParams(100),
    );
  });

  it('intersection (merge and galloping) equals a Set intersection', () => {
    const sortedSet = (max: number) => fc.uniqueArray(fc.integer({ min: 0, max }), { maxLength: 400 }).map((a) => Int32Array.from(a.sort((x, y) => x - y)));
    fc.assert(
      fc.property(sortedSet(2000), sortedSet(60), fc.nat(5), fc.nat(5), (big, small, padA, padB) => {
        // Embed each list in a larger array at an offset, as the store does.
        const a = new Int32Array(big.length + padA * 2).fill(-7);
        a.set(big, padA);
        const b = new Int32Array(small.length + padB * 2).fill(-7);
        b.set(small, padB);
        const expected = [...small].filter((x) => big.includes(x));
        expect(intersectionSize(a, padA, big.length, b, padB, small.length)).toBe(expected.length);
        expect(intersectionSize(b, padB, small.length, a, padA, big.length)).toBe(expected.length);
        const out = new Int32Array(Math.min(big.length, small.length));
        const k = intersectInto(a, padA, big.length, b, padB, small.length, out);
        expect(Array.from(out.subarray(0, k))).toEqual(expected);
      }),
      fcParams(300),
    );
  });
});

describe('reach against the oracle', () => {
  it('levels 1..3 for every member; top-down only and direction-optimizing agree', () => {
    fc.assert(
      fc.property(smallGraph, (g) => {
        const naive = naiveFromEdges(g.members, g.edges);
        const graph = buildBulk(g);
        for (const m of g.members) {
          const [first, second, third] = naiveLevels(naive, m, 3);
          expect(graph.reach(m)).toEqual({ first, second, third });
        }
        const { store, index, scratch } = storeOf(g);
        for (const m of g.members) {
          const expected = naiveLevels(naive, m, 6);
          expect(runSearch(levelCounts(scratch, index.get(m)!, 6, 0), store)).toEqual(expected);
          expect(runSearch(levelCounts(scratch, index.get(m)!, 6, store.connectionCount * 2), store)).toEqual(expected);
          // Always bottom-up from level 2 (alpha is irrelevant when totalSlots is huge).
          expect(runSearch(levelCounts(scratch, index.get(m)!, 6, 1), store)).toEqual(expected);
        }
        expect(scratch.markA.every((x) => x === 0)).toBe(true);
      }),
      fcParams(100),
    );
  });
});

describe('scratch stays clean', () => {
  it('after every kind of search, including early exits', () => {
    fc.assert(
      fc.property(smallGraph, (g) => {
        const { store, index, scratch } = storeOf(g);
        for (const a of index.values()) for (const b of index.values()) runSearch(bidirectionalDistance(scratch, a, b, 4), store);
        expect(scratch.markA.every((x) => x === 0) && scratch.markB.every((x) => x === 0)).toBe(true);
      }),
      fcParams(50),
    );
  });
});
