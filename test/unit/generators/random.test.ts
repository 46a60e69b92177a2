import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../src/generators/index.js';

function take(random: SeededRandom, count: number): number[] {
  return Array.from({ length: count }, () => random.nextUint32());
}

describe('SeededRandom', () => {
  it('is deterministic per seed', () => {
    expect(take(new SeededRandom(42), 100)).toEqual(take(new SeededRandom(42), 100));
  });

  it('gives different streams for different seeds, including seeds differing only in high bits', () => {
    const seeds = [0, 1, 2, -1, 2 ** 32, 2 ** 32 + 1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER];
    const firsts = seeds.map((seed) => take(new SeededRandom(seed), 4).join(','));
    expect(new Set(firsts).size).toBe(seeds.length);
  });

  it('defaults to seed 1', () => {
    expect(take(new SeededRandom(), 10)).toEqual(take(new SeededRandom(1), 10));
  });

  it('returns 32-bit unsigned integers and floats in [0, 1)', () => {
    const random = new SeededRandom(7);
    let orAll = 0;
    for (let i = 0; i < 10_000; i++) {
      const x = random.nextUint32();
      expect(Number.isInteger(x) && x >= 0 && x < 2 ** 32).toBe(true);
      orAll |= x;
      const f = random.nextFloat();
      expect(f >= 0 && f < 1).toBe(true);
    }
    expect(orAll >>> 0).toBe(0xffffffff); // every bit is used
  });

  it('nextInt stays in range and is close to uniform', () => {
    const random = new SeededRandom(3);
    const n = 6;
    const counts = new Array<number>(n).fill(0);
    const draws = 60_000;
    for (let i = 0; i < draws; i++) {
      const x = random.nextInt(n);
      expect(Number.isInteger(x) && x >= 0 && x < n).toBe(true);
      counts[x]!++;
    }
    const expected = draws / n;
    const chiSquare = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    expect(chiSquare).toBeLessThan(25); // 5 degrees of freedom: p < 0.0002
    expect(random.nextInt(1)).toBe(0);
    const big = random.nextInt(2 ** 32);
    expect(big >= 0 && big < 2 ** 32).toBe(true);
  });

  it('nextInt has no modulo bias for a range near 2^32', () => {
    // n = 3·2^30: a biased `r % n` would return values below 2^30 twice as often as the others.
    const random = new SeededRandom(5);
    const n = 3 * 2 ** 30;
    let low = 0;
    const draws = 30_000;
    for (let i = 0; i < draws; i++) if (random.nextInt(n) < 2 ** 30) low++;
    expect(low / draws).toBeGreaterThan(0.3);
    expect(low / draws).toBeLessThan(0.37);
  });

  it('rejects bad seeds and ranges', () => {
    expect(() => new SeededRandom(1.5)).toThrow(RangeError);
    expect(() => new SeededRandom(Number.NaN)).toThrow(/seed must be a safe integer/);
    expect(() => new SeededRandom(2 ** 53)).toThrow(RangeError);
    const random = new SeededRandom(1);
    expect(() => random.nextInt(0)).toThrow(RangeError);
    expect(() => random.nextInt(2.5)).toThrow(RangeError);
    expect(() => random.nextInt(2 ** 32 + 1)).toThrow(RangeError);
  });
});
