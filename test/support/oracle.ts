/**
 * Brute-force twins of the algorithms, over a plain Map<string, Set<string>>.
 */
export type Naive = Map<string, Set<string>>;

export function naiveFromEdges(members: readonly string[], edges: readonly (readonly [string, string])[]): Naive {
  const g: Naive = new Map();
  for (const m of members) g.set(m, new Set());
  for (const [a, b] of edges) {
    if (a === b) continue;
    g.get(a)!.add(b);
    g.get(b)!.add(a);
  }
  return g;
}

/** Plain BFS distance, or null when unreachable or further than maxDepth. */
export function naiveDistance(g: Naive, a: string, b: string, maxDepth: number): number | null {
  if (a === b) return 0;
  const seen = new Set([a]);
  let frontier = [a];
  for (let d = 1; d <= maxDepth && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const u of frontier) {
      for (const w of g.get(u)!) {
        if (seen.has(w)) continue;
        if (w === b) return d;
        seen.add(w);
        next.push(w);
      }
    }
    frontier = next;
  }
  return null;
}

export function naiveMutual(g: Naive, a: string, b: string): string[] {
  const nb = g.get(b)!;
  return [...g.get(a)!].filter((x) => nb.has(x)).sort();
}

export function naiveLevels(g: Naive, a: string, depth: number): number[] {
  const seen = new Set([a]);
  let frontier = [a];
  const counts: number[] = [];
  for (let d = 1; d <= depth; d++) {
    const next: string[] = [];
    for (const u of frontier) {
      for (const w of g.get(u)!) {
        if (!seen.has(w)) {
          seen.add(w);
          next.push(w);
        }
      }
    }
    counts.push(next.length);
    frontier = next;
  }
  return counts;
}
