/**
 * hllDifference against the exact size of B \ A, for sketches built here from a hash of the
 * test's own (an oracle that does not call the estimator: exact set sizes).
 */
import { describe, expect, it } from 'vitest';
import { hllDifference } from '../../src/stats/hll-difference.js';

function hash(x: number, seed: number): number {
  let h = Math.imul(x ^ seed, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function sketch(members: Iterable<number>, precision: number, seed: number): Uint8Array {
  const size = 1 << precision;
  const maxRho = 33 - precision;
  const registers = new Uint8Array(size);
  for (const x of members) {
    const h = hash(x, seed);
    const r = h >>> (32 - precision);
    const rho = Math.min(Math.clz32(h << precision) + 1, maxRho);
    if (registers[r]! < rho) registers[r] = rho;
  }
  return registers;
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

describe('hllDifference', () => {
  it('is 0 for equal counters and exact-ish for tiny differences', () => {
    const a = sketch(range(0, 500), 10, 1);
    expect(hllDifference(a, a, 0, 1024, 23, new Float64Array(34))).toBe(0);
    const b = sketch(range(0, 501), 10, 1);
    const d = hllDifference(a, b, 0, 1024, 23, new Float64Array(34));
    expect(d === 0 || Math.abs(d - 1) < 0.6).toBe(true);
  });

  it('within a few relative standard errors of |B \\ A| over sizes from sparse to saturated, and unbiased on average', () => {
    const raised = new Float64Array(34);
    for (const precision of [8, 12]) {
      const size = 1 << precision;
      const sigma = 1.04 / Math.sqrt(size);
      for (const [base, added] of [[0, 50], [100, 100], [size, size], [4 * size, size], [20 * size, 10 * size], [100 * size, 50 * size]] as const) {
        let sum = 0;
        const seeds = 20;
        for (let seed = 1; seed <= seeds; seed++) {
          const a = sketch(range(0, base), precision, seed);
          const b = sketch(range(0, base + added), precision, seed);
          const d = hllDifference(a, b, 0, size, 33 - precision, raised);
          const error = d / added - 1;
          // The ring is a difference: its error relative to itself grows like (|B| / |B \ A|)·σ.
          expect(Math.abs(error)).toBeLessThanOrEqual(5 * sigma * Math.max(1, (base + added) / added));
          sum += error;
        }
        expect(Math.abs(sum / seeds)).toBeLessThanOrEqual(2 * sigma * Math.max(1, (base + added) / added));
      }
    }
  });

  it('reads the counters at their offset only', () => {
    const size = 256;
    const a = new Uint8Array(3 * size).fill(9);
    const b = new Uint8Array(3 * size).fill(9);
    a.set(sketch(range(0, 100), 8, 3), size);
    b.set(sketch(range(0, 300), 8, 3), size);
    const d = hllDifference(a, b, size, size, 25, new Float64Array(34));
    expect(Math.abs(d / 200 - 1)).toBeLessThan(0.3);
  });
});
