/**
 * Connection degree by bidirectional breadth-first search capped at a depth.
 *
 * Both ends grow a ball level by level; each step expands the side whose frontier is cheaper
 * (the smaller sum of degrees, as graphology's `bidirectional` expands the smaller fringe). A
 * member reached from one side that the other side has already reached closes the search: with
 * the check made as each member is first reached, the first meeting gives the exact distance.
 * The last level only probes the other side's marks, without recording anything.
 *
 * @packageDocumentation
 */
import { intersectionSize } from './intersection.js';
import type { FetchRequest, Search } from './search.js';
import type { Scratch } from './scratch.js';

/** Largest `maxDepth` a search accepts (marks store depth + 1 in a byte). */
export const MAX_SEARCH_DEPTH = 250;

/**
 * The mark of a member a search must not enter, set by the caller in both `scratch.markA` and
 * `scratch.markB` before an `excluding` search (never a search level: levels are at most 251).
 */
export const EXCLUDED = 255;

/**
 * Distance between `a` and `b` if it is at most `maxDepth`, else `null`.
 *
 * @remarks
 * With `excluding`, members the caller marked {@link EXCLUDED} in both mark arrays are never
 * entered (paths through them do not count): an excluded member looks visited to both sides, so
 * skipping costs nothing; the caller clears those marks afterwards.
 *
 * Cost: the sum of degrees of the levels expanded, each level taken from the cheaper side; for
 * degree ≤ 3 that is at most the cheaper of the two 1st-degree neighbourhoods' degree sums.
 * Yields once per level expanded. Uses `scratch.markA/markB/queueA/queueB` (and `pair`) and leaves the marks clear.
 * @example
 * ```ts
 * runSearch(bidirectionalDistance(scratch, a, b, 3), store); // 2 (0 to 3, or null when further)
 * ```
 * @public
 */
export function* bidirectionalDistance(
  scratch: Scratch,
  a: number,
  b: number,
  maxDepth: number,
  // Stryker disable next-line ObjectLiteral: every yield goes through fill(), which sets all three fields first
  request: FetchRequest = { nodes: scratch.queueA, start: 0, end: 0 },
  excluding = false,
): Search<number | null> {
  if (a === b) return 0;
  if (maxDepth <= 0) return null;
  const markA = scratch.markA;
  const markB = scratch.markB;
  const qa = scratch.queueA;
  const qb = scratch.queueB;
  let na = 1;
  let nb = 1;
  try {
    markA[a] = 1;
    qa[0] = a;
    markB[b] = 1;
    qb[0] = b;
    const ends = scratch.pair;
    ends[0] = a;
    ends[1] = b;
    let view = yield fill(request, ends, 0, 2);
    let fa = 0; // frontier of A is qa[fa..na)
    let fb = 0;
    let depthA = 0;
    let depthB = 0;
    let costA = view.degreeOf(a);
    let costB = view.degreeOf(b);
    // Degree 1 is a binary search in the shorter list (an end without connections has an empty
    // list: both tests below then find nothing and the loop answers null).
    {
      // Stryker disable next-line ConditionalExpression,EqualityOperator: which end's list is searched for the other changes only the cost of the search
      const small = costA <= costB ? a : b;
      const other = small === a ? b : a;
      const slab = view.slabOf(small);
      let lo = view.offsetOf(small);
      let hi = lo + view.degreeOf(small) - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const x = slab[mid]!;
        if (x < other) lo = mid + 1;
        else if (x > other) hi = mid - 1;
        else return 1;
      }
      // Degree 2 is one intersection of the two lists (galloping when their sizes differ).
      if (maxDepth >= 2 && !excluding && intersectionSize(view.slabOf(a), view.offsetOf(a), costA, view.slabOf(b), view.offsetOf(b), costB) > 0) return 2;
    }
    while (depthA + depthB < maxDepth) {
      if (costA === 0 || costB === 0) return null;
      const last = depthA + depthB + 1 === maxDepth;
      const expandA = costA <= costB;
      const mark = expandA ? markA : markB;
      const other = expandA ? markB : markA;
      const q = expandA ? qa : qb;
      const from = expandA ? fa : fb;
      const to = expandA ? na : nb;
      const depth = expandA ? depthA : depthB;
      if (expandA) view = yield fill(request, qa, fa, na);
      else view = yield fill(request, qb, fb, nb);
      if (last) {
        // Final level: only probe the other side; nothing to record.
        for (let i = from; i < to; i++) {
          const u = q[i]!;
          const slab = view.slabOf(u);
          const s = view.offsetOf(u);
          const e = s + view.degreeOf(u);
          for (let j = s; j < e; j++) {
            const m = other[slab[j]!]!;
            if (m !== 0 && m !== EXCLUDED) return depth + m; // depth + 1 + (m - 1)
          }
        }
        return null;
      }
      let n = to;
      let cost = 0;
      const level = depth + 2;
      for (let i = from; i < to; i++) {
        const u = q[i]!;
        const slab = view.slabOf(u);
        const s = view.offsetOf(u);
        const e = s + view.degreeOf(u);
        for (let j = s; j < e; j++) {
          const w = slab[j]!;
          if (mark[w] !== 0) continue;
          const m = other[w]!;
          if (m !== 0) {
            if (expandA) na = n;
            else nb = n;
            return depth + m;
          }
          mark[w] = level;
          q[n++] = w;
          cost += view.degreeOf(w);
        }
      }
      if (expandA) {
        fa = to;
        na = n;
        depthA++;
        costA = cost;
      } else {
        fb = to;
        nb = n;
        depthB++;
        costB = cost;
      }
    }
    return null;
  } finally {
    for (let i = 0; i < na; i++) markA[qa[i]!] = 0;
    for (let i = 0; i < nb; i++) markB[qb[i]!] = 0;
  }
}

/** Points the reusable request at `nodes[start..end)`. @internal */
export function fill(request: FetchRequest, nodes: Int32Array, start: number, end: number): FetchRequest {
  request.nodes = nodes;
  request.start = start;
  request.end = end;
  return request;
}
