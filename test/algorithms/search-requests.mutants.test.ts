/**
 * The round trips of the pair search: what it asks a (remote) store for. Each yield is a round
 * trip, so the shortcuts that answer distances 0, 1 and 2 from the two ends' lists are part of the
 * contract, not only of the speed.
 */
import { describe, expect, it } from 'vitest';
import { batchDistances } from '../../src/algorithms/batch-distances.js';
import { bidirectionalDistance, EXCLUDED } from '../../src/algorithms/bidirectional-distance.js';
import { Scratch } from '../../src/algorithms/scratch.js';
import { PackedView, runRecorded } from './views.js';

// 0 - 1 - 2 - 3 - 4, and 5 - 1, 5 - 3 (two paths from 1 to 3), 6 isolated, 7 - 0 - 8 - 2.
const lists = [[1, 7, 8], [0, 2, 5], [1, 3, 8], [2, 4, 5], [3], [1, 3], [], [0], [0, 2]];
const view = new PackedView(lists);

function search(a: number, b: number, maxDepth: number, excluded: readonly number[] = []) {
  const scratch = new Scratch();
  scratch.ensure(lists.length);
  for (const x of excluded) scratch.markA[x] = scratch.markB[x] = EXCLUDED;
  return runRecorded(bidirectionalDistance(scratch, a, b, maxDepth, undefined, excluded.length > 0), view);
}

describe('bidirectionalDistance round trips', () => {
  it('answers 0 for one member, and null for two with maxDepth 0, without asking anything', () => {
    expect(search(3, 3, 0)).toEqual({ result: 0, requests: [] });
    expect(search(3, 3, 5)).toEqual({ result: 0, requests: [] });
    expect(search(3, 4, 0)).toEqual({ result: null, requests: [] });
  });

  it('answers 1 and 2 from the two ends alone: one round trip', () => {
    expect(search(1, 2, 1)).toEqual({ result: 1, requests: [[1, 2]] });
    expect(search(2, 1, 3)).toEqual({ result: 1, requests: [[2, 1]] });
    expect(search(0, 8, 3)).toEqual({ result: 1, requests: [[0, 8]] });
    expect(search(1, 3, 2)).toEqual({ result: 2, requests: [[1, 3]] });
    expect(search(7, 8, 3)).toEqual({ result: 2, requests: [[7, 8]] });
  });

  it('with excluded members, finds 2 through the levels, never through an excluded one', () => {
    const around = search(1, 3, 3, [2]);
    expect(around.result).toBe(2); // through 5
    expect(around.requests.length).toBeGreaterThan(1);
    expect(search(1, 3, 3, [2, 5]).result).toBe(null);
    expect(search(1, 3, 4, [2, 5]).result).toBe(null);
    expect(search(0, 3, 4, [2]).result).toBe(3);
    expect(search(0, 3, 4, [5, 8]).result).toBe(3);
    expect(search(0, 4, 4, [5, 8]).result).toBe(4);
  });

  it('stops at once when an end has no connections', () => {
    expect(search(6, 0, 5)).toEqual({ result: null, requests: [[6, 0]] });
    expect(search(0, 6, 5)).toEqual({ result: null, requests: [[0, 6]] });
    // And at the badge's depth, where distance 3 is looked for without levels.
    expect(search(6, 0, 3)).toEqual({ result: null, requests: [[6, 0]] });
    expect(search(0, 6, 3)).toEqual({ result: null, requests: [[0, 6]] });
  });

  it('answers 3 in two round trips: the connections of the end with fewer, with the other end', () => {
    const three = search(0, 3, 3);
    expect(three.result).toBe(3);
    expect(three.requests).toEqual([[0, 3], [1, 7, 8, 3]]); // a tie: the first end's
    expect(search(4, 0, 3)).toEqual({ result: null, requests: [[4, 0], [3, 0]] });
    // Excluding members, the search goes level by level; its last level against a side of depth 1
    // also fetches that side's end (3), whose list it intersects.
    const around = search(0, 3, 3, [6]);
    expect(around.result).toBe(3);
    expect(around.requests).toEqual([[0, 3], [0], [3], [1, 7, 8]]);
  });

  it('goes on level by level beyond 3, one round trip per level', () => {
    const four = search(7, 3, 4);
    expect(four.result).toBe(4);
    expect(four.requests.length).toBe(5);
    expect(search(7, 3, 3).result).toBe(null);
    expect(search(0, 3, 2).result).toBe(null);
  });
});

describe('batchDistances round trips', () => {
  // Path 0 - 1 - 2 - 3 - 4 - 5 - 6.
  const path = [[1], [0, 2], [1, 3], [2, 4], [3, 5], [4, 6], [5]];
  const pathView = new PackedView(path);
  const fresh = (): Scratch => {
    const scratch = new Scratch();
    scratch.ensure(path.length);
    return scratch;
  };

  it('runs a pair search only for the targets the ball and the step outside it leave open', () => {
    const out = new Int32Array(3);
    const { requests } = runRecorded(batchDistances(fresh(), 0, Int32Array.of(6, 1, 3), 6, out), pathView);
    expect(Array.from(out)).toEqual([6, 1, 3]);
    // The viewer, the ball's 2nd level, the open targets, then one pair search (for 6).
    expect(requests.slice(0, 3)).toEqual([[0], [1], [6, 3]]);
    const alone = runRecorded(bidirectionalDistance(fresh(), 0, 6, 6), pathView);
    expect(requests.length).toBe(3 + alone.requests.length);
  });

  it('leaves entries past the page alone, even ones that look like open targets', () => {
    const out = Int32Array.of(9, 9, -2, -2);
    runRecorded(batchDistances(fresh(), 0, Int32Array.of(5, 2), 6, out), pathView);
    expect(Array.from(out)).toEqual([5, 2, -2, -2]);
  });
});
