/**
 * Shape of a naive graph for coverage counters: which pair distances occur, hubs, isolated
 * members, components. Plain BFS over the model, never the library.
 */
import type { Naive } from './oracle.js';

export interface GraphShape {
  members: number;
  connections: number;
  /** distances[d] is true when some pair is exactly d apart (index 7 stands for 7 and beyond). */
  distances: boolean[];
  unreachablePair: boolean;
  maxDegree: number;
  isolated: number;
  /** Components with at least one connection. */
  components: number;
}

/** All distances from `a` (unreachable members absent). */
export function bfsAll(g: Naive, a: string): Map<string, number> {
  const dist = new Map([[a, 0]]);
  let frontier = [a];
  for (let d = 1; frontier.length > 0; d++) {
    const next: string[] = [];
    for (const u of frontier) for (const w of g.get(u)!) if (!dist.has(w)) (dist.set(w, d), next.push(w));
    frontier = next;
  }
  return dist;
}

export function graphShape(g: Naive): GraphShape {
  const distances = new Array<boolean>(8).fill(false);
  let unreachablePair = false;
  let connections = 0;
  let maxDegree = 0;
  let isolated = 0;
  let components = 0;
  const seen = new Set<string>();
  for (const [a, s] of g) {
    connections += s.size;
    maxDegree = Math.max(maxDegree, s.size);
    if (s.size === 0) isolated++;
    const dist = bfsAll(g, a);
    if (dist.size < g.size) unreachablePair = true;
    for (const d of dist.values()) distances[Math.min(d, 7)] = true;
    if (s.size > 0 && !seen.has(a)) {
      components++;
      for (const m of dist.keys()) seen.add(m);
    }
  }
  return { members: g.size, connections: connections / 2, distances, unreachablePair, maxDegree, isolated, components };
}

/** Coverage labels of a shape: distances 1..6 and 7+, hub, isolated member, 2+ components. */
export function shapeLabels(s: GraphShape): Record<string, boolean> {
  const labels: Record<string, boolean> = {};
  for (let d = 1; d <= 6; d++) labels[`pair at distance ${d}`] = s.distances[d]!;
  labels['pair at distance 7+'] = s.distances[7]!;
  labels['unreachable pair'] = s.unreachablePair;
  labels['hub (>= 8 connections)'] = s.maxDegree >= 8;
  labels['isolated member'] = s.isolated > 0;
  labels['2+ components with connections'] = s.components >= 2;
  labels['>= 20 connections'] = s.connections >= 20;
  return labels;
}
