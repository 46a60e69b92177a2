/**
 * Degree in the graph seen by a viewer: the graph without the members blocked with the viewer.
 * A bidirectional breadth-first search that never enters an excluded member.
 *
 * @packageDocumentation
 */
import type { Scratch } from '../algorithms/scratch.js';
import type { AdjacencyView } from '../store/adjacency-view.js';

/**
 * The mark of an excluded member in both `scratch.markA` and `scratch.markB` (never a search
 * level: levels are at most 251).
 */
export const EXCLUDED = 255;

/**
 * Distance between `a` and `b` (at most `maxDepth`, else `null`) over paths that avoid every
 * member the caller marked {@link EXCLUDED} in both `scratch.markA` and `scratch.markB`. `a` and
 * `b` themselves must not be excluded; the caller clears the exclusion marks afterwards.
 *
 * @remarks
 * The cost of the plain bidirectional search (each step expands the side with the smaller
 * frontier degree sum; the last level only probes): an excluded member looks already visited to
 * both sides, so skipping it costs nothing extra. Uses `scratch.markA/markB/queueA/queueB` and
 * clears every mark it set itself.
 * @example
 * ```ts
 * scratch.markA[x] = scratch.markB[x] = EXCLUDED;
 * avoidingDistance(store, scratch, a, b, 3); // ignores paths through x
 * scratch.markA[x] = scratch.markB[x] = 0;
 * ```
 * @internal
 */
export function avoidingDistance(view: AdjacencyView, scratch: Scratch, a: number, b: number, maxDepth: number): number | null {
  if (a === b) return 0;
  if (maxDepth <= 0) return null;
  const markA = scratch.markA;
  const markB = scratch.markB;
  const qa = scratch.queueA;
  const qb = scratch.queueB;
  let na = 1;
  let nb = 1;
  markA[a] = 1;
  markB[b] = 1;
  qa[0] = a;
  qb[0] = b;
  try {
    let fa = 0;
    let fb = 0;
    let depthA = 0;
    let depthB = 0;
    let costA = view.degreeOf(a);
    let costB = view.degreeOf(b);
    while (depthA + depthB < maxDepth) {
      if (costA === 0 || costB === 0) return null;
      const expandA = costA <= costB;
      const mark = expandA ? markA : markB;
      const other = expandA ? markB : markA;
      const q = expandA ? qa : qb;
      const from = expandA ? fa : fb;
      const to = expandA ? na : nb;
      const depth = expandA ? depthA : depthB;
      if (depthA + depthB + 1 === maxDepth) {
        // Final level: only probe the other side's marks; nothing to record.
        for (let i = from; i < to; i++) {
          const u = q[i]!;
          const slab = view.slabOf(u);
          const s = view.offsetOf(u);
          const e = s + view.degreeOf(u);
          for (let j = s; j < e; j++) {
            const m = other[slab[j]!]!;
            if (m !== 0 && m !== EXCLUDED) return depth + m;
          }
        }
        return null;
      }
      let n = to;
      let cost = 0;
      try {
        for (let i = from; i < to; i++) {
          const u = q[i]!;
          const slab = view.slabOf(u);
          const s = view.offsetOf(u);
          const e = s + view.degreeOf(u);
          for (let j = s; j < e; j++) {
            const w = slab[j]!;
            if (mark[w] !== 0) continue; // visited by this side, or excluded
            const m = other[w]!;
            if (m !== 0) return depth + m;
            mark[w] = depth + 2;
            q[n++] = w;
            cost += view.degreeOf(w);
          }
        }
      } finally {
        if (expandA) na = n;
        else nb = n;
      }
      if (expandA) {
        fa = to;
        depthA++;
        costA = cost;
      } else {
        fb = to;
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
