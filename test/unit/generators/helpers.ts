import { expect } from 'vitest';
import type { GeneratedGraph } from '../../../src/generators/index.js';

/** Packs an unordered pair into one number (exact while members² < 2^53). */
export function pairKey(a: number, b: number, members: number): number {
  return a < b ? a * members + b : b * members + a;
}

/**
 * Asserts that `g` is an undirected simple graph over 0..members-1: consistent lengths, integer
 * indices in range, no self-pair, no duplicate in either direction. Returns the degree array.
 */
export function expectSimpleGraph(g: GeneratedGraph): Int32Array {
  expect(g.sources).toBeInstanceOf(Int32Array);
  expect(g.targets).toBeInstanceOf(Int32Array);
  expect(g.sources.length).toBe(g.edges);
  expect(g.targets.length).toBe(g.edges);
  const seen = new Set<number>();
  const degree = new Int32Array(g.memberCount);
  for (let e = 0; e < g.edges; e++) {
    const a = g.sources[e]!;
    const b = g.targets[e]!;
    if (!(a >= 0 && a < g.memberCount && b >= 0 && b < g.memberCount)) {
      throw new Error(`edge ${e} (${a}, ${b}) out of range [0, ${g.memberCount})`);
    }
    if (a === b) throw new Error(`edge ${e} is a self-pair (${a}, ${a})`);
    const key = pairKey(a, b, g.memberCount);
    if (seen.has(key)) throw new Error(`edge ${e} (${a}, ${b}) is a duplicate`);
    seen.add(key);
    degree[a]!++;
    degree[b]!++;
  }
  return degree;
}

/** Whether two generated graphs hold byte-identical edge arrays. */
export function sameArrays(a: GeneratedGraph, b: GeneratedGraph): boolean {
  if (a.edges !== b.edges) return false;
  for (let e = 0; e < a.edges; e++) {
    if (a.sources[e] !== b.sources[e] || a.targets[e] !== b.targets[e]) return false;
  }
  return true;
}
