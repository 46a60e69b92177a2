/**
 * Connection degree by bidirectional breadth-first search capped at a depth.
 *
 * Distances 1 and 2 come from the two ends' lists; with `maxDepth` 3, distance 3 from one
 * intersection per connection of one end. Beyond that, both ends grow a ball level by level; each
 * step expands the side whose frontier is cheaper
 * (the smaller sum of degrees, as graphology's `bidirectional` expands the smaller fringe). A
 * member reached from one side that the other side has already reached closes the search: with
 * the check made as each member is first reached, the first meeting gives the exact distance.
 * The last level only probes the other side's marks, without recording anything.
 *
 * @packageDocumentation
 */
import { GALLOP_RATIO, intersects } from './intersection.js';
import type { AdjacencyView } from '../store/adjacency-view.js';
import type { FetchRequest, Search } from './search.js';
import type { Scratch } from './scratch.js';

/**
 * Index bound above which the depth-3 search reads the heads of the lists it will check before
 * checking any: below it (100k members and 2M connections: 16 MB of lists) they are mostly in
 * cache and the extra pass only delays an early answer.
 */
const READ_AHEAD_MIN_MEMBERS = 1 << 18;

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
 * Cost: with `maxDepth` 3 (and no exclusion), one intersection of the other end's list with the
 * list of each connection of the end with fewer (galloping into hubs' lists), and two yields: the
 * ends, then those lists. Otherwise the sum of degrees of the levels expanded, each level taken
 * from the cheaper side, and one yield per level expanded. Uses `scratch.markA/markB/queueA/queueB` (and `pair`) and leaves the marks clear.
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
      if (maxDepth >= 2 && !excluding && intersects(view.slabOf(a), view.offsetOf(a), costA, view.slabOf(b), view.offsetOf(b), costB)) return 2;
      // Degree 3, the badge's depth, without marks: a path small - u - w - other exists iff the
      // list of some u among small's connections meets other's list. One round trip fetches
      // those lists and other's; each costs one intersection (galloping into a hub's list), not
      // a scan of it with a mark read per entry, and no member's degree is read to cost a level.
      // qa[1..] holds small's connections (qa[0] is a, cleared on the way out), then other: at
      // most indexBound entries, as other is not among small's connections.
      if (maxDepth === 3 && !excluding) {
        const count = view.degreeOf(small);
        if (count === 0) return null; // an end without connections
        qa.set(slab.subarray(view.offsetOf(small), view.offsetOf(small) + count), 1);
        qa[count + 1] = other;
        view = yield fill(request, qa, 1, count + 2);
        const otherSlab = view.slabOf(other);
        const otherStart = view.offsetOf(other);
        const otherLength = view.degreeOf(other);
        // Two passes of independent reads first (each member's record, then the head of its
        // list), so that the processor overlaps their cache misses instead of taking them one
        // intersection at a time; the first pass also finds the best-connected member, tried
        // first: on a positive answer it is the likeliest to meet other's list.
        let touched = 0;
        let best = 1;
        let bestDegree = -1;
        for (let i = 1; i <= count; i++) {
          const d = view.degreeOf(qa[i]!);
          if (d > bestDegree) {
            bestDegree = d;
            best = i;
          }
        }
        // Stryker disable next-line ConditionalExpression,EqualityOperator: reading ahead changes only the speed
        if (view.indexBound > READ_AHEAD_MIN_MEMBERS) {
          for (let i = 1; i <= count; i++) {
            const u = qa[i]!;
            touched += view.slabOf(u)[view.offsetOf(u)]!;
          }
        }
        scratch.touched = (scratch.touched + touched) | 0;
        // other's connections marked 2 in markB (where only b is marked, 1, and b is not among
        // them: distance 1 is ruled out), cleared on the way out.
        const otherEnd = otherStart + otherLength;
        for (let j = otherStart; j < otherEnd; j++) markB[otherSlab[j]!] = 2;
        try {
          return meetsMarkedList(view, qa, best, 1, count + 1, markB, otherSlab, otherStart, otherLength) ? 3 : null;
        } finally {
          for (let j = otherStart; j < otherEnd; j++) markB[otherSlab[j]!] = 0;
        }
      }
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
      if (last && !excluding && (expandA ? depthB : depthA) === 1) {
        // Final level against a side of depth 1: its marks 2 are exactly its root's list, so a
        // frontier member meets it iff its list holds a mark 2, or (a hub's list) meets the
        // root's. The root's list is fetched with the frontier, in q[to] (free: nothing is queued
        // at the last level, and the root is not on this side's queue, or the sides would have met).
        const root = expandA ? b : a;
        q[to] = root;
        view = yield fill(request, q, from, to + 1);
        return meetsMarkedList(view, q, from, from, to, other, view.slabOf(root), view.offsetOf(root), view.degreeOf(root)) ? depth + 2 : null;
      }
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

/**
 * Whether the list of some member of `q[from..to)` (`q[first]` tried first) holds a member of the
 * list `rootSlab[rootStart..rootStart+rootLength)`, whose members, and only they, are marked 2
 * in `mark`. A list not much longer than the root's is scanned for a mark (one predictable branch
 * per entry, where a merge mispredicts about every other step); a longer one (a hub's) is
 * galloped through. O(the lists scanned + the galloped ones' intersections).
 */
function meetsMarkedList(
  view: AdjacencyView,
  q: Int32Array,
  first: number,
  from: number,
  to: number,
  mark: Uint8Array,
  rootSlab: Int32Array,
  rootStart: number,
  rootLength: number,
): boolean {
  const longList = rootLength * GALLOP_RATIO;
  for (let k = from - 1; k < to; k++) {
    // k = from - 1: q[first]; then the rest in queue order.
    const i = k < from ? first : k;
    if (k >= from && i === first) continue;
    const u = q[i]!;
    const slab = view.slabOf(u);
    const start = view.offsetOf(u);
    const length = view.degreeOf(u);
    if (length > longList) {
      if (intersects(slab, start, length, rootSlab, rootStart, rootLength)) return true;
    } else {
      for (let j = start, e = start + length; j < e; j++) if (mark[slab[j]!] === 2) return true;
    }
  }
  return false;
}

/** Points the reusable request at `nodes[start..end)`. @internal */
export function fill(request: FetchRequest, nodes: Int32Array, start: number, end: number): FetchRequest {
  request.nodes = nodes;
  request.start = start;
  request.end = end;
  return request;
}
