/**
 * universeIndex and reachPosterior against exact ball sizes: the counters are built here from the
 * exact balls of a breadth-first search of the test's own (an oracle that does not call the
 * estimator), with the registers and ranks of universeIndex, which is checked first against the
 * hash HyperBall's counters are filled with (hyperBallFirst).
 */
import { describe, expect, it } from 'vitest';
import { barabasiAlbert } from '../../src/generators/index.js';
import { hyperBallFirst } from '../../src/stats/hyperball-first.js';
import { CANDIDATE_LIMIT, posteriorScratch, reachPosterior } from '../../src/stats/reach-posterior.js';
import { universeIndex, type UniverseIndex } from '../../src/stats/universe-index.js';

describe('universeIndex', () => {
  it('places every member where hyperBallFirst puts its hash, and counts each (register, rank)', () => {
    for (const [members, precision, seed] of [[300, 4, 0x5eed], [1000, 8, 1], [2000, 14, 2 ** 32 - 1]] as const) {
      const index = universeIndex(members, precision, seed);
      const size = 2 ** precision;
      // No connections: each member's counter of radius 1 holds its own hash only.
      const registers = new Int32Array((members * size) / 4);
      hyperBallFirst(new Int32Array(members + 1), new Int32Array(0), registers, precision, seed, null, 0, members);
      const bytes = new Uint8Array(registers.buffer);
      const width = index.maxRho + 1;
      const expected = new Int32Array(2 * size * width);
      let misplaced = 0;
      for (let u = 0; u < members; u++) {
        const j = index.register[u]!;
        const r = index.rank[u]!;
        let nonzero = 0;
        for (let x = u * size; x < (u + 1) * size; x++) if (bytes[x] !== 0) nonzero++;
        if (bytes[u * size + j] !== r || nonzero !== 1) misplaced++;
        expected[2 * (j * width + r)]!++;
        for (let below = 0; below < r; below++) expected[2 * (j * width + below) + 1]!++;
      }
      expect(misplaced).toBe(0);
      expect(index.counts).toEqual(expected);
      let largest = 0;
      for (let i = 0; i < expected.length; i += 2) largest = Math.max(largest, expected[i]!);
      let listed = 0;
      for (let j = 0; j < size; j++) for (let x = index.start[j]!; x < index.start[j + 1]!; x++) if (index.register[index.members[x]!] === j) listed++;
      expect(listed).toBe(members);
      expect(index.start[size]).toBe(members);
      expect(index.largestCell).toBe(largest);
    }
  });
});

/** Exact distances ≤ 3 from every member by breadth-first search (its own adjacency). */
function balls(members: number, sources: Int32Array, targets: Int32Array): { within2: number[][]; at3: number[][] } {
  const adjacency: number[][] = Array.from({ length: members }, () => []);
  for (let e = 0; e < sources.length; e++) {
    adjacency[sources[e]!]!.push(targets[e]!);
    adjacency[targets[e]!]!.push(sources[e]!);
  }
  const within2: number[][] = [];
  const at3: number[][] = [];
  for (let v = 0; v < members; v++) {
    const depth = new Map<number, number>([[v, 0]]);
    let frontier = [v];
    for (let d = 1; d <= 3; d++) {
      const next: number[] = [];
      for (const x of frontier) for (const y of adjacency[x]!) if (!depth.has(y)) depth.set(y, d), next.push(y);
      frontier = next;
    }
    within2.push([...depth].filter(([, d]) => d <= 2).map(([u]) => u));
    at3.push(frontier);
  }
  return { within2, at3 };
}

/** Every member's counters of radius 2 and 3, from the exact balls and the index's hashes. */
function counters(index: UniverseIndex, exact: { within2: number[][]; at3: number[][] }): { inner: Uint8Array; outer: Uint8Array } {
  const { size } = index;
  const n = exact.within2.length;
  const inner = new Uint8Array(n * size);
  const outer = new Uint8Array(n * size);
  for (let v = 0; v < n; v++) {
    const put = (target: Uint8Array, u: number): void => {
      const at = v * size + index.register[u]!;
      if (target[at]! < index.rank[u]!) target[at] = index.rank[u]!;
    };
    for (const u of exact.within2[v]!) put(inner, u), put(outer, u);
    for (const u of exact.at3[v]!) put(outer, u);
  }
  return { inner, outer };
}

const median = (x: number[]): number => x.slice().sort((p, q) => p - q)[Math.floor(x.length / 2)]!;

describe('reachPosterior', () => {
  const members = 1500;
  const graph = barabasiAlbert({ members, avgDegree: 6, seed: 11 });
  const exact = balls(members, graph.sources, graph.targets);

  /** Errors of |B(v, 2)| and of the ring at distance 3, relative to exact, for every member. */
  function errors(precision: number, seed: number, candidateLimit: number): { ball2: number[]; ring: number[]; signedRing: number[] } {
    const index = universeIndex(members, precision, seed);
    const { inner, outer } = counters(index, exact);
    const scratch = posteriorScratch(index);
    const out = new Float64Array(2);
    const result = { ball2: [] as number[], ring: [] as number[], signedRing: [] as number[] };
    const all = new Uint8Array(members).fill(1);
    for (let v = 0; v < members; v++) {
      reachPosterior(index, v, inner, outer, all, scratch, out, candidateLimit);
      expect(Number.isFinite(out[0]) && Number.isFinite(out[1])).toBe(true);
      const b2 = exact.within2[v]!.length;
      const ring = exact.at3[v]!.length;
      result.ball2.push(Math.abs(out[0]! / b2 - 1));
      if (ring > 0) {
        result.ring.push(Math.abs(out[1]! / ring - 1));
        result.signedRing.push(out[1]! / ring - 1);
      }
    }
    return result;
  }

  it('fewer members than registers: every hash alone or told apart by the candidates own counters, the median error is 0', () => {
    for (const seed of [1, 2, 3]) {
      const e = errors(13, seed, CANDIDATE_LIMIT);
      expect(median(e.ball2)).toBeLessThan(1e-9);
      expect(median(e.ring)).toBeLessThan(1e-9);
      // Without the candidates' counters (the model alone): still within the counters' error.
      const model = errors(13, seed, 0);
      const sigma = 1.04 / Math.sqrt(2 ** 13);
      expect(median(model.ball2)).toBeLessThanOrEqual(sigma);
      expect(median(model.ring)).toBeLessThanOrEqual(2 * sigma);
    }
  });

  it('many members per register: within the counters error and unbiased over seeds', () => {
    // Measured: median errors of |B(v, 2)| 0.6σ at p = 6, 0.2σ at p = 9; mean signed ring error over the seeds −0.2σ and −0.02σ.
    for (const precision of [6, 9]) {
      const sigma = 1.04 / Math.sqrt(2 ** precision);
      let bias = 0;
      const seeds = [1, 2, 3, 4, 5, 6];
      for (const seed of seeds) {
        const e = errors(precision, seed, CANDIDATE_LIMIT);
        expect(median(e.ball2)).toBeLessThanOrEqual(sigma);
        expect(median(e.ring)).toBeLessThanOrEqual(2 * sigma);
        // The tail too (a Newton step that overshot once left rings 40% short for a tenth of the members).
        expect(e.ring.reduce((x, y) => x + y, 0) / e.ring.length).toBeLessThanOrEqual(2 * sigma);
        bias += median(e.signedRing) / seeds.length;
      }
      expect(Math.abs(bias)).toBeLessThanOrEqual(sigma);
    }
  });

  it('a member whose counter did not grow has no ring unless its candidates counters show one; a whole universe is counted exactly', () => {
    // Two members connected: each one's ball of radius 2 is both, no ring.
    const index = universeIndex(2, 8, 5);
    const scratch = posteriorScratch(index);
    const out = new Float64Array(2);
    const inner = new Uint8Array(2 * 256);
    for (const v of [0, 1]) for (const u of [0, 1]) inner[v * 256 + index.register[u]!] = Math.max(inner[v * 256 + index.register[u]!]!, index.rank[u]!);
    reachPosterior(index, 0, inner, new Uint8Array(0), new Uint8Array(2), scratch, out);
    expect(out[0]).toBeCloseTo(2, 9);
    expect(out[1]).toBe(0);
  });
});
