/**
 * Who can introduce one member to another: for a 2nd-degree target the mutual connections, for a
 * 3rd-degree target the chains `from → x → y → to`, scored by counting shortest paths per
 * intermediary with marks and counters, never enumerating the 2-hop ball path by path.
 *
 * Scores (higher first):
 * - 2nd degree, intermediary `x`: `(1 + |N(x) ∩ N(from)|) · (1 + |N(x) ∩ N(to)|)`, the product of
 *   the embeddedness of the ties `from–x` and `x–to` (how many connections each pair shares: a
 *   classic proxy for tie strength, so the introducer knows both ends well).
 * - 3rd degree, chain `(x, y)`: `p(x) · p(y)`, where `p(x)` is the number of shortest
 *   `from → to` paths through `x` (= |N(x) ∩ N(to)|) and `p(y)` the number through `y`
 *   (= |N(y) ∩ N(from)|, among usable `x`): chains whose intermediaries sit on many shortest
 *   paths are the best connected to both ends.
 * Ties are ordered by the intermediaries' ids (the caller's order).
 *
 * @packageDocumentation
 */
import type { CountingScratch } from './counting-scratch.js';
import type { FetchRequest, Search } from './search.js';
import { TopK, type TieOrder } from './top-k.js';

const FROM = 1;
const TO = 2;
const USABLE = 4;
const X_OK = 8;

/**
 * Parameters of {@link introductions}.
 * @public
 */
export interface IntroductionQuery {
  readonly from: number;
  readonly to: number;
  /** How many entries to return. */
  readonly limit: number;
  /** Whether a member may be an intermediary at all (not blocked with either end), or null for all. */
  readonly usable: ((x: number) => boolean) | null;
  /**
   * 3rd degree only: whether `from` may see the connections of its connection `x` (the
   * `viewConnections` policy), or null for all. Called only for `x` on some usable chain.
   */
  readonly seesConnectionsOf: ((x: number) => boolean) | null;
  /** Order of entries with equal scores (`second` is -1 for a 2nd-degree entry). */
  readonly order: TieOrder;
}

/**
 * Ranked introductions (dense indices), best first.
 * @public
 */
export interface RankedIntroductions {
  /** Degree between the two ends as far as it looked: 0, 1, 2, or 3 (meaning "3 or more"). */
  readonly degree: number;
  /** First intermediary of each entry. */
  readonly first: number[];
  /** Second intermediary (3rd degree) or -1 (2nd degree). */
  readonly second: number[];
  /** Shortest paths through `first[i]` (always 1 at 2nd degree). */
  readonly pathsFirst: number[];
  /** Shortest paths through `second[i]` (0 at 2nd degree). */
  readonly pathsSecond: number[];
  readonly scores: number[];
  /** Usable shortest paths from `from` to `to` in all (counted, not enumerated). */
  readonly totalPaths: number;
}

/**
 * Ranks who can introduce `query.from` to `query.to` (see the module's scoring).
 *
 * @remarks
 * With A = N(from) and B = N(to): B is marked, then each list of A is scanned once to count its
 * members in B (p(x)); usable x are scanned twice more to count p(y) and to offer each chain to a
 * bounded heap. The scan runs from whichever side has the smaller degree sum (from B's side the
 * roles swap), so the cost is O(|A| + |B| + min(Σ_{x∈A} deg x, Σ_{y∈B} deg y)) plus
 * O(k log k): shortest paths are counted per
 * intermediary with an `Int32Array`, never listed. At 2nd degree the cost is
 * O(|A| + |B| + Σ_{x∈A∩B} deg x). Yields for the two ends, then for the lists it scans. Uses
 * `scratch.marks/counts/touched` and leaves them clear.
 * @example
 * ```ts
 * const ranked = runSearch(introductions(countingScratch, { from, to, limit: 5, usable: null, seesConnectionsOf: null, order: (a, b, c, d) => a - c || b - d }), store);
 * ranked.first; // best intermediaries first
 * ```
 * @public
 */
export function* introductions(scratch: CountingScratch, query: IntroductionQuery): Search<RankedIntroductions> {
  const { from, to, limit, usable, seesConnectionsOf, order } = query;
  const marks = scratch.marks;
  const counts = scratch.counts;
  const touched = scratch.touched;
  let touchedCount = 0;
  let fromSlab: Int32Array | null = null;
  let fromStart = 0;
  let fromEnd = 0;
  let toSlab: Int32Array | null = null;
  let toStart = 0;
  let toEnd = 0;
  const empty = (degree: number): RankedIntroductions => ({ degree, first: [], second: [], pathsFirst: [], pathsSecond: [], scores: [], totalPaths: 0 });
  if (from === to) return empty(0);
  const request: FetchRequest = { nodes: Int32Array.of(from, to), start: 0, end: 2 };
  try {
    let view = yield request;
    const fs = view.slabOf(from);
    fromStart = view.offsetOf(from);
    fromEnd = fromStart + view.degreeOf(from);
    const ts = view.slabOf(to);
    toStart = view.offsetOf(to);
    toEnd = toStart + view.degreeOf(to);
    toSlab = ts;
    for (let i = toStart; i < toEnd; i++) {
      const y = ts[i]!;
      marks[y] = usable === null || usable(y) ? TO | USABLE : TO;
    }
    fromSlab = fs;
    let mutual = 0;
    for (let i = fromStart; i < fromEnd; i++) {
      const x = fs[i]!;
      if (x === to) return empty(1);
      const m = marks[x]!;
      if ((m & TO) !== 0) {
        if ((m & USABLE) !== 0) touched[touchedCount++] = x;
        mutual++;
      }
      marks[x] = m | FROM;
    }
    if (mutual > 0) {
      // 2nd degree: the usable mutual connections, by the embeddedness of both ties.
      const top = new TopK(limit, order);
      request.nodes = touched;
      request.start = 0;
      request.end = touchedCount;
      view = yield request;
      for (let k = 0; k < touchedCount; k++) {
        const x = touched[k]!;
        const s = view.slabOf(x);
        const o = view.offsetOf(x);
        const e = o + view.degreeOf(x);
        let withFrom = 0;
        let withTo = 0;
        for (let j = o; j < e; j++) {
          const m = marks[s[j]!]!;
          withFrom += m & FROM;
          withTo += (m & TO) >> 1;
        }
        top.offer((1 + withFrom) * (1 + withTo), x, -1);
      }
      const ranked = top.drain();
      return {
        degree: 2,
        first: ranked.a,
        second: ranked.b,
        pathsFirst: ranked.a.map(() => 1),
        pathsSecond: ranked.a.map(() => 0),
        scores: ranked.scores,
        totalPaths: touchedCount,
      };
    }
    // 3rd degree: scan from the side whose lists are shorter in all (the counts are symmetric).
    const both = new Int32Array(fromEnd - fromStart + toEnd - toStart);
    both.set(fs.subarray(fromStart, fromEnd));
    both.set(ts.subarray(toStart, toEnd), fromEnd - fromStart);
    request.nodes = both;
    request.start = 0;
    request.end = both.length;
    view = yield request;
    let sumA = 0;
    for (let i = fromStart; i < fromEnd; i++) sumA += view.degreeOf(fs[i]!);
    let sumB = 0;
    for (let i = toStart; i < toEnd; i++) sumB += view.degreeOf(ts[i]!);
    if (sumB < sumA) {
      // From B's side. Mark the x that may be used (usable, and whose connections from may see).
      for (let i = fromStart; i < fromEnd; i++) {
        const x = fs[i]!;
        if ((usable === null || usable(x)) && (seesConnectionsOf === null || seesConnectionsOf(x))) marks[x] = marks[x]! | X_OK;
      }
      // Pass 1: p(y) = usable x among y's connections, for usable y ∈ B.
      for (let i = toStart; i < toEnd; i++) {
        const y = ts[i]!;
        if ((marks[y]! & USABLE) === 0) continue;
        const s = view.slabOf(y);
        const o = view.offsetOf(y);
        const e = o + view.degreeOf(y);
        let p = 0;
        for (let j = o; j < e; j++) if ((marks[s[j]!]! & X_OK) !== 0) p++;
        if (p > 0) {
          counts[y] = p;
          touched[touchedCount++] = y;
        }
      }
      const ys = touchedCount;
      // Pass 2: p(x), and the total.
      let paths = 0;
      for (let k = 0; k < ys; k++) {
        const y = touched[k]!;
        paths += counts[y]!;
        const s = view.slabOf(y);
        const o = view.offsetOf(y);
        const e = o + view.degreeOf(y);
        for (let j = o; j < e; j++) {
          const x = s[j]!;
          if ((marks[x]! & X_OK) === 0) continue;
          const c = counts[x]!;
          counts[x] = c + 1;
          if (c === 0) touched[touchedCount++] = x;
        }
      }
      // Pass 3: every chain (x, y).
      const top = new TopK(limit, order);
      for (let k = 0; k < ys; k++) {
        const y = touched[k]!;
        const py = counts[y]!;
        const s = view.slabOf(y);
        const o = view.offsetOf(y);
        const e = o + view.degreeOf(y);
        for (let j = o; j < e; j++) {
          const x = s[j]!;
          if ((marks[x]! & X_OK) !== 0) top.offer(counts[x]! * py, x, y);
        }
      }
      const ranked = top.drain();
      return {
        degree: 3,
        first: ranked.a,
        second: ranked.b,
        pathsFirst: ranked.a.map((x) => counts[x]!),
        pathsSecond: ranked.b.map((y) => counts[y]!),
        scores: ranked.scores,
        totalPaths: paths,
      };
    }
    // From A's side. Pass 1: p(x) = usable members of B among x's connections, for usable x ∈ A.
    request.nodes = fs;
    request.start = fromStart;
    request.end = fromEnd;
    view = yield request;
    for (let i = fromStart; i < fromEnd; i++) {
      const x = fs[i]!;
      if (usable !== null && !usable(x)) continue;
      const s = view.slabOf(x);
      const o = view.offsetOf(x);
      const e = o + view.degreeOf(x);
      let p = 0;
      for (let j = o; j < e; j++) if ((marks[s[j]!]! & USABLE) !== 0) p++;
      if (p > 0) {
        counts[x] = p;
        touched[touchedCount++] = x;
      }
    }
    const firstCount = touchedCount;
    if (seesConnectionsOf !== null) {
      for (let k = 0; k < firstCount; k++) {
        const x = touched[k]!;
        if (!seesConnectionsOf(x)) counts[x] = 0;
      }
    }
    // Pass 2: p(y) = paths through y (A and B are disjoint here, so one counter serves both).
    let total = 0;
    for (let k = 0; k < firstCount; k++) {
      const x = touched[k]!;
      if (counts[x] === 0) continue;
      total += counts[x]!;
      const s = view.slabOf(x);
      const o = view.offsetOf(x);
      const e = o + view.degreeOf(x);
      for (let j = o; j < e; j++) {
        const y = s[j]!;
        if ((marks[y]! & USABLE) === 0) continue;
        const c = counts[y]!;
        counts[y] = c + 1;
        if (c === 0) touched[touchedCount++] = y;
      }
    }
    // Pass 3: offer every chain (x, y) with its score p(x) · p(y).
    const top = new TopK(limit, order);
    for (let k = 0; k < firstCount; k++) {
      const x = touched[k]!;
      const px = counts[x]!;
      if (px === 0) continue;
      const s = view.slabOf(x);
      const o = view.offsetOf(x);
      const e = o + view.degreeOf(x);
      for (let j = o; j < e; j++) {
        const y = s[j]!;
        if ((marks[y]! & USABLE) !== 0) top.offer(px * counts[y]!, x, y);
      }
    }
    const ranked = top.drain();
    return {
      degree: 3,
      first: ranked.a,
      second: ranked.b,
      pathsFirst: ranked.a.map((x) => counts[x]!),
      pathsSecond: ranked.b.map((y) => counts[y]!),
      scores: ranked.scores,
      totalPaths: total,
    };
  } finally {
    for (let k = 0; k < touchedCount; k++) counts[touched[k]!] = 0;
    if (toSlab !== null) for (let i = toStart; i < toEnd; i++) marks[toSlab[i]!] = 0;
    if (fromSlab !== null) for (let i = fromStart; i < fromEnd; i++) marks[fromSlab[i]!] = 0;
  }
}
