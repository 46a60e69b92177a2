/**
 * Edge cases of the counting searches: filters on the scanning side of a 3rd-degree
 * introduction, a bipartite block of chains larger than the scratch's touched list would hold if
 * it were filled twice, and the exact switch point of the direction-optimizing reach.
 */
import { describe, expect, it } from 'vitest';
import { CountingScratch } from '../../src/algorithms/counting-scratch.js';
import { introductions } from '../../src/algorithms/introductions.js';
import { levelCounts } from '../../src/algorithms/level-counts.js';
import { Scratch } from '../../src/algorithms/scratch.js';
import { bfs, bottomUpLevels, BoundCountingView, PackedView, runRecorded } from './views.js';

const order = (a1: number, b1: number, a2: number, b2: number): number => a1 - a2 || b1 - b2;

function listsOf(n: number, pairs: readonly (readonly [number, number])[]): number[][] {
  const lists: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of pairs) {
    lists[a]!.push(b);
    lists[b]!.push(a);
  }
  return lists.map((l) => [...new Set(l)].sort((p, q) => p - q));
}

function expectClean(scratch: CountingScratch): void {
  for (let v = 0; v < scratch.counts.length; v++) if (scratch.counts[v] !== 0 || scratch.marks[v] !== 0) expect.fail(`scratch left at ${v}`);
}

describe('3rd-degree introductions scanned from from\'s side', () => {
  // from 0: A = {1, 2}; to 6: B = {3, 4, 5}; chains 1-3, 1-4, 1-5, 2-4, 2-5. B's lists are the
  // heavier ones (leaves 7..12 on 3, 4, 5), so the scan runs from A's side.
  const pairs: [number, number][] = [[0, 1], [0, 2], [6, 3], [6, 4], [6, 5], [1, 3], [1, 4], [1, 5], [2, 4], [2, 5], [3, 7], [3, 8], [4, 9], [4, 10], [5, 11], [5, 12]];
  const lists = listsOf(13, pairs);
  const run = (usable: ((x: number) => boolean) | null, sees: ((x: number) => boolean) | null, calls: number[] = []) => {
    const scratch = new CountingScratch();
    scratch.ensure(13);
    const seen = sees === null ? null : (x: number): boolean => (calls.push(x), sees(x));
    const got = runRecorded(introductions(scratch, { from: 0, to: 6, limit: 10, usable, seesConnectionsOf: seen, order }), new PackedView(lists));
    expectClean(scratch);
    expect(got.requests.length).toBe(3);
    return got.result;
  };

  it('ranks all chains when everyone is usable and visible', () => {
    expect(run(null, () => true)).toEqual({
      degree: 3,
      first: [1, 1, 2, 2, 1],
      second: [4, 5, 4, 5, 3],
      pathsFirst: [3, 3, 2, 2, 3],
      pathsSecond: [2, 2, 2, 2, 1],
      scores: [6, 6, 4, 4, 3],
      totalPaths: 5,
    });
  });

  it('drops chains through an unusable first intermediary', () => {
    expect(run((x) => x !== 1, null)).toEqual({ degree: 3, first: [2, 2], second: [4, 5], pathsFirst: [2, 2], pathsSecond: [1, 1], scores: [2, 2], totalPaths: 2 });
  });

  it('drops chains through an unusable second intermediary', () => {
    expect(run((x) => x !== 4, null)).toEqual({ degree: 3, first: [1, 1, 2], second: [5, 3, 5], pathsFirst: [2, 2, 1], pathsSecond: [2, 1, 2], scores: [4, 2, 2], totalPaths: 3 });
  });

  it('drops chains through a connection whose connections from may not see, asking only about members on a chain', () => {
    const calls: number[] = [];
    expect(run(null, (x) => x !== 1, calls)).toEqual({ degree: 3, first: [2, 2], second: [4, 5], pathsFirst: [2, 2], pathsSecond: [1, 1], scores: [2, 2], totalPaths: 2 });
    expect(calls.sort()).toEqual([1, 2]);
    const none: number[] = [];
    expect(run((x) => x !== 2, (x) => x !== 1, none)).toEqual({ degree: 3, first: [], second: [], pathsFirst: [], pathsSecond: [], scores: [], totalPaths: 0 });
    expect(none).toEqual([1]);
  });
});

describe('introductions over a dense block of chains', () => {
  it('counts 100 chains between 10 and 10 intermediaries with a scratch of 64, from either side, leaving it clean', () => {
    // from 0, to 1; A = 2..11, B = 12..21, every A-B pair connected; extra leaves weigh one side.
    for (const heavy of ['A', 'B'] as const) {
      const pairs: [number, number][] = [];
      for (let i = 0; i < 10; i++) pairs.push([0, 2 + i], [1, 12 + i]);
      for (let i = 0; i < 10; i++) for (let j = 0; j < 10; j++) pairs.push([2 + i, 12 + j]);
      for (let k = 0; k < 20; k++) pairs.push([heavy === 'A' ? 2 + (k % 10) : 12 + (k % 10), 22 + k]);
      const lists = listsOf(42, pairs);
      const scratch = new CountingScratch();
      scratch.ensure(42);
      expect(scratch.touched.length).toBe(64);
      const got = runRecorded(introductions(scratch, { from: 0, to: 1, limit: 3, usable: null, seesConnectionsOf: null, order }), new PackedView(lists));
      expect(got.requests.length).toBe(heavy === 'A' ? 2 : 3);
      expect(got.result).toEqual({ degree: 3, first: [2, 2, 2], second: [12, 13, 14], pathsFirst: [10, 10, 10], pathsSecond: [10, 10, 10], scores: [100, 100, 100], totalPaths: 100 });
      expectClean(scratch);
    }
  });
});

describe('levelCounts switch point', () => {
  it('stays top-down when bottom-up is estimated to cost exactly what top-down reads, and goes bottom-up below it', () => {
    // Source 0; level 1 is a clique A = 1..a (a = 5), each also joined to 0; every member of
    // R = a+1..a+r hangs off one member of A. At level 2 the frontier A reads fc = a^2 + r entries
    // top-down; bottom-up costs bound/8 (rounded down) + 4 per unvisited member + 1 read each
    // (the first neighbour of each member of R is in A): 12/8 + 4*6 + 6 = 31 = fc with r = 6.
    const graph = (r: number): number[][] => {
      const a = 5;
      const pairs: [number, number][] = [];
      for (let i = 1; i <= a; i++) {
        pairs.push([0, i]);
        for (let j = i + 1; j <= a; j++) pairs.push([i, j]);
      }
      for (let k = 0; k < r; k++) pairs.push([a + 1 + k, 1 + (k % a)]);
      return listsOf(1 + a + r, pairs);
    };
    const bottomUpFor = (lists: number[][]) => {
      const view = new BoundCountingView(new PackedView(lists));
      const scratch = new Scratch();
      scratch.ensure(lists.length);
      const got = runRecorded(levelCounts(scratch, 0, 2, view.inner.totalSlots), view);
      return { result: got.result, bottomUp: bottomUpLevels(view, bfs(lists, 0), 2), requests: got.requests };
    };
    const equal = bottomUpFor(graph(6));
    expect(equal.result).toEqual([5, 6]);
    expect(equal.bottomUp).toBe(0);
    expect(equal.requests).toEqual([[0]]);
    // One member less in R: 11/8 + 4*5 + 5 = 26 < fc = 30: bottom-up.
    const below = bottomUpFor(graph(5));
    expect(below.result).toEqual([5, 5]);
    expect(below.bottomUp).toBe(1);
  });
});
