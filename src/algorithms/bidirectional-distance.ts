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
import { setSlabOf, type AdjacencyView } from '../store/adjacency-view.js';
import { readLinesAhead } from '../store/read-lines-ahead.js';
import type { FetchRequest, Search } from './search.js';
import { FILTER_WORDS, type Scratch } from './scratch.js';

/**
 * Index bound above which searches read lists ahead of their use (the depth-3 search: the lists
 * it will check, their heads or all of them, see readListsAhead; reach: see level-counts.ts's
 * topDownCount). Below it (100k members and 2M connections: 16 MB of lists) they are mostly in
 * cache and the extra pass only delays an early answer (at 100k, reading whole lists ahead made
 * random pairs 1.1× slower at p50).
 */
export const READ_AHEAD_MIN_MEMBERS = 1 << 18;

/** Words of {@link Scratch.filter} less one: the filter maps an index's low 16 bits to one bit. */
const FILTER_MASK = FILTER_WORDS - 1;
/** The filter serves a scan of at least this many entries per entry of the root list ... */
const FILTER_RATIO = 16;
/** ... and a root list of at most this many entries. */
const FILTER_MAX_ROOT = 4096;

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
    // At the badge's depth 3: the steps of badgeDistanceAt, with one round trip between them that
    // fetches the lists of small's connections and other's.
    // Stryker disable next-line ConditionalExpression,EqualityOperator: which end's list is searched for the other changes only the cost of the search
    const small = costA <= costB ? a : b;
    const other = small === a ? b : a;
    if (maxDepth === 3 && !excluding) {
      const near = badgeNear(view, scratch, small, other);
      if (near !== MARKED) return near;
      const markedSlab = view.slabOf(other);
      const markedStart = view.offsetOf(other);
      const markedLength = view.degreeOf(other);
      const count = view.degreeOf(small);
      try {
        qa[count + 1] = other; // qa[1..count] holds small's connections
        view = yield fill(request, qa, 1, count + 2);
        return badgeFar(view, scratch, count, other) ? 3 : null;
      } finally {
        unmark(markB, markedSlab, markedStart, markedLength);
      }
    }
    // Degree 1 is a binary search in the shorter list (an end without connections has an empty
    // list: both tests below then find nothing and the loop answers null); degree 2, one
    // intersection of the two lists (galloping when their sizes differ).
    if (listHas(view.slabOf(small), view.offsetOf(small), view.degreeOf(small), other)) return 1;
    if (maxDepth >= 2 && !excluding && intersects(view.slabOf(a), view.offsetOf(a), costA, view.slabOf(b), view.offsetOf(b), costB)) return 2;
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
        const rootLength = view.degreeOf(root);
        return meetsMarkedList(view, q, from, from, to, other, filterFor(scratch, rootLength, expandA ? costA : costB), view.slabOf(root), view.offsetOf(root), rootLength) ? depth + 2 : null;
      }
      if (expandA) view = yield fill(request, qa, fa, na);
      else view = yield fill(request, qb, fb, nb);
      if (last) {
        // Final level: only probe the other side; nothing to record.
        for (let i = from; i < to; i++) {
          const u = q[i]!;
          const slab = setSlabOf(view, u);
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
        const slab = setSlabOf(view, u);
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

/** {@link badgeNear}'s answer when neither 1 nor 2 holds and the search goes on to depth 3. */
const MARKED = -1;

/**
 * The badge's search (`maxDepth` 3, nothing excluded) on a view that holds every list, as a
 * plain call: the same steps and answers as {@link bidirectionalDistance}`(scratch, a, b, 3)`
 * without a generator and its driver (V8 runs a generator's own loops markedly slower; at 1M
 * members this saves about 0.2 µs a call, bench/degree-by-answer.bench.ts).
 *
 * @remarks Same cost as {@link bidirectionalDistance} at depth 3; uses `scratch.markB/queueA`
 * and leaves the marks clear.
 * @example
 * ```ts
 * badgeDistanceAt(scratch, store, a, b); // 2 (0 to 3, or null when further)
 * ```
 * @public
 */
export function badgeDistanceAt(scratch: Scratch, view: AdjacencyView, a: number, b: number): number | null {
  if (a === b) return 0;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: which end is small changes only the cost of the search
  const small = view.degreeOf(a) <= view.degreeOf(b) ? a : b;
  const other = small === a ? b : a;
  const near = badgeNear(view, scratch, small, other);
  if (near !== MARKED) return near;
  try {
    return badgeFar(view, scratch, view.degreeOf(small), other) ? 3 : null;
  } finally {
    unmark(scratch.markB, view.slabOf(other), view.offsetOf(other), view.degreeOf(other));
  }
}

/**
 * The badge's first steps, `small` (the end with fewer connections) and `other` apart: 1 when
 * other is in small's list (a binary search); `null` when small has no connections; 2 when their
 * lists meet (a gallop when other's is over {@link GALLOP_RATIO} times longer, else a mark read
 * per connection of small's once other's connections are marked, which a merge of two lists of
 * similar length costs more than); else {@link MARKED}, leaving other's connections marked 2 in
 * `scratch.markB` (where at most the two ends are marked, 1: the caller clears them with {@link unmark})
 * and small's connections in `scratch.queueA[1..count]` (at most indexBound - 2 of them, as
 * neither end is among them). O(log d + the two lists).
 */
function badgeNear(view: AdjacencyView, scratch: Scratch, small: number, other: number): number | null {
  const slab = view.slabOf(small);
  const smallStart = view.offsetOf(small);
  const count = view.degreeOf(small);
  if (listHas(slab, smallStart, count, other)) return 1;
  if (count === 0) return null; // an end without connections
  const markB = scratch.markB;
  const markedSlab = view.slabOf(other);
  const markedStart = view.offsetOf(other);
  const markedLength = view.degreeOf(other);
  const lopsided = markedLength > GALLOP_RATIO * count;
  if (lopsided && intersects(slab, smallStart, count, markedSlab, markedStart, markedLength)) return 2;
  const markedEnd = markedStart + markedLength;
  for (let j = markedStart; j < markedEnd; j++) markB[markedSlab[j]!] = 2;
  if (!lopsided) {
    for (let j = smallStart; j < smallStart + count; j++) {
      if (markB[slab[j]!] === 2) {
        unmark(markB, markedSlab, markedStart, markedLength);
        return 2;
      }
    }
  }
  scratch.queueA.set(slab.subarray(smallStart, smallStart + count), 1);
  return MARKED;
}

/**
 * The badge's depth 3 after {@link badgeNear} answered {@link MARKED}: whether the list of some
 * connection of small's (`scratch.queueA[1..count]`, whose lists `view` holds, and other's) meets
 * other's list, a path small - u - w - other. Each list costs one scan against the marks (or a
 * gallop into a hub's list), not a level of a search: no member's degree is read to cost one.
 * O(the lists scanned + the galloped ones' intersections).
 */
function badgeFar(view: AdjacencyView, scratch: Scratch, count: number, other: number): boolean {
  const qa = scratch.queueA;
  const otherSlab = view.slabOf(other);
  const otherStart = view.offsetOf(other);
  const otherLength = view.degreeOf(other);
  // Two passes of independent reads first (each member's record, then its list), so that
  // the processor overlaps their cache misses instead of taking them one list at a time;
  // the first pass also finds the best-connected member, tried first: on a positive answer
  // it is the likeliest to meet other's list.
  let best = 1;
  let bestDegree = -1;
  let entries = 0;
  for (let i = 1; i <= count; i++) {
    const d = view.degreeOf(qa[i]!);
    entries += d;
    if (d > bestDegree) {
      bestDegree = d;
      best = i;
    }
  }
  // Stryker disable next-line ConditionalExpression,EqualityOperator: reading ahead changes only the speed
  if (view.indexBound > READ_AHEAD_MIN_MEMBERS) {
    // The heads of the lists; when the answer is most likely "farther" (see
    // readListsAhead), the whole lists.
    let touched = 0;
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: reading ahead changes only the speed
    if (4 * entries * otherLength < view.indexBound) touched = readListsAhead(view, qa, 1, count + 1, otherLength * GALLOP_RATIO);
    else {
      for (let i = 1; i <= count; i++) {
        const u = qa[i]!;
        touched += setSlabOf(view, u)[view.offsetOf(u)]!;
      }
    }
    scratch.touched = (scratch.touched + touched) | 0;
  }
  return meetsMarkedList(view, qa, best, 1, count + 1, scratch.markB, filterFor(scratch, otherLength, entries), otherSlab, otherStart, otherLength);
}

/** Whether the sorted list `slab[start, start + length)` holds `x`: a binary search. O(log length). */
function listHas(slab: Int32Array, start: number, length: number, x: number): boolean {
  let lo = start;
  let hi = start + length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const y = slab[mid]!;
    if (y < x) lo = mid + 1;
    else if (y > x) hi = mid - 1;
    else return true;
  }
  return false;
}

/** Clears the marks of `slab[start, start + length)` in `mark`. O(length). */
function unmark(mark: Uint8Array, slab: Int32Array, start: number, length: number): void {
  for (let j = start, end = start + length; j < end; j++) mark[slab[j]!] = 0;
}

/**
 * Reads one entry in 16 (a cache line) of the list of each member of `q[from..to)`, its head
 * and its last entry included, skipping lists longer than `longList` (galloped through, not
 * scanned), so that the processor overlaps all their cache misses; returns the sum of what it
 * read (kept so that the reads are not dropped).
 *
 * The depth-3 search reads the lists it will scan so when fewer than a quarter of an entry of
 * them is expected to meet the other end's list (were members drawn at random:
 * 4 · entries · otherLength < indexBound): the answer is then most likely "farther", which scans
 * every list to its end. Otherwise it reads only their heads: a hit is likely early. On a
 * 1M-member BA graph, with {@link filterFor} (bench/degree-by-answer.bench.ts): random pairs
 * answered "farther" 0.75× the time, p50 0.76×; pairs at distance 3 and hub pairs unchanged.
 */
function readListsAhead(view: AdjacencyView, q: Int32Array, from: number, to: number, longList: number): number {
  let touched = 0;
  for (let i = from; i < to; i++) {
    const u = q[i]!;
    const slab = setSlabOf(view, u);
    const start = view.offsetOf(u);
    const length = view.degreeOf(u);
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: reading ahead changes only the speed
    touched += readLinesAhead(slab, start, length <= longList ? start + length : start + 1);
  }
  return touched;
}

/**
 * The scratch's filter when a scan of `entries` entries against a root list of `rootLength` is
 * worth setting and clearing the root's bits for: a root at most a sixteenth of the scan, and at
 * most 4,096 long, so that under one entry in 16 passes the filter by chance; else `null`. (Both
 * bounds are chosen, not tuned: pairs with a hub, whose long list must not be set bit by bit, and
 * random pairs, whose short lists gain, were measured with them.)
 */
function filterFor(scratch: Scratch, rootLength: number, entries: number): Int32Array | null {
  // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator,LogicalOperator: using the filter or not changes only the speed
  return rootLength * FILTER_RATIO <= entries && rootLength <= FILTER_MAX_ROOT ? scratch.filter : null;
}

/**
 * Whether the list of some member of `q[from..to)` (`q[first]` tried first) holds a member of the
 * list `rootSlab[rootStart..rootStart+rootLength)`, whose members, and only they, are marked 2
 * in `mark`. A list not much longer than the root's is scanned (one predictable branch per
 * entry, where a merge mispredicts about every other step); a longer one (a hub's) is galloped
 * through. Given a `filter` (all zero on entry and on return; see {@link filterFor}), the scan
 * tests each entry against it first: one bit per value of an index's low 16 bits, set for the
 * root's members, 8 KiB that stay in L1 where the marks (a byte per member: 1 MB at a million)
 * do not; only a set bit reads the mark, which decides. O(the lists scanned + the galloped ones'
 * intersections, + the root with a filter).
 */
function meetsMarkedList(
  view: AdjacencyView,
  q: Int32Array,
  first: number,
  from: number,
  to: number,
  mark: Uint8Array,
  filter: Int32Array | null,
  rootSlab: Int32Array,
  rootStart: number,
  rootLength: number,
): boolean {
  const rootEnd = rootStart + rootLength;
  if (filter !== null) {
    for (let j = rootStart; j < rootEnd; j++) {
      const w = rootSlab[j]!;
      const at = (w >>> 5) & FILTER_MASK;
      filter[at] = filter[at]! | (1 << (w & 31));
    }
  }
  try {
    const longList = rootLength * GALLOP_RATIO;
    for (let k = from - 1; k < to; k++) {
      // k = from - 1: q[first]; then the rest in queue order.
      const i = k < from ? first : k;
      if (k >= from && i === first) continue;
      const u = q[i]!;
      const length = view.degreeOf(u);
      const start = view.offsetOf(u);
      // A long list is galloped through, which needs it sorted; a scan takes it in any order.
      const slab = length > longList ? view.slabOf(u) : setSlabOf(view, u);
      if (length > longList) {
        if (intersects(slab, start, length, rootSlab, rootStart, rootLength)) return true;
      } else if (filter !== null) {
        for (let j = start, e = start + length; j < e; j++) {
          const w = slab[j]!;
          // (x >>> w) shifts by w's low 5 bits.
          // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator: the filter only spares mark reads; the mark decides
          if (((filter[(w >>> 5) & FILTER_MASK]! >>> w) & 1) !== 0 && mark[w] === 2) return true;
        }
      } else {
        for (let j = start, e = start + length; j < e; j++) if (mark[slab[j]!] === 2) return true;
      }
    }
    return false;
  } finally {
    if (filter !== null) for (let j = rootStart; j < rootEnd; j++) filter[(rootSlab[j]! >>> 5) & FILTER_MASK] = 0;
  }
}

/** Points the reusable request at `nodes[start..end)`. @internal */
export function fill(request: FetchRequest, nodes: Int32Array, start: number, end: number): FetchRequest {
  request.nodes = nodes;
  request.start = start;
  request.end = end;
  return request;
}
