/**
 * A small, fast, seeded pseudo-random number generator for the graph generators.
 *
 * @packageDocumentation
 */

const TWO_POW_32 = 4294967296;
/** Largest range drawn by multiplication: r · n stays below 2^53, exact in a double. */
const SMALL_RANGE = 2 ** 21;

/** splitmix32 step: returns the next state and an output word, used only to seed xoshiro128**. */
function splitmix32(state: number): [next: number, out: number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  z ^= z >>> 15;
  return [next, z >>> 0];
}

/**
 * Checks that `seed` is a safe integer and returns it; throws a `RangeError` naming `fn` otherwise.
 *
 * @internal
 */
export function checkSeed(fn: string, seed: unknown): number {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
    throw new RangeError(`${fn}: seed must be a safe integer, got ${String(seed)}`);
  }
  return seed;
}

/**
 * A seeded xoshiro128** generator: 128 bits of state, period 2^128 − 1, 32-bit outputs.
 *
 * @remarks
 * Model: xoshiro128** (Blackman and Vigna, 2018), its four 32-bit state words filled from the seed
 * by splitmix32, so that nearby seeds (0, 1, 2…) give unrelated streams. Every seed in the safe
 * integer range is accepted, negative ones included; both 32-bit halves of the seed are used.
 *
 * Complexity: every method is O(1) (`nextInt` is expected O(1): it rejects fewer than half of the
 * draws in the worst case). Memory: four numbers. Not cryptographically secure.
 *
 * The same seed always yields the same sequence, on every platform: the generator uses only
 * 32-bit integer arithmetic (`Math.imul`, shifts).
 *
 * @example
 * ```ts
 * const random = new SeededRandom(42);
 * const word = random.nextUint32(); // 0 ≤ word < 2^32
 * const unit = random.nextFloat(); // 0 ≤ unit < 1
 * const die = random.nextInt(6) + 1; // 1..6, unbiased
 * ```
 * @public
 */
export class SeededRandom {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /**
   * @param seed - any safe integer; the default is 1.
   * @throws RangeError when `seed` is not a safe integer.
   */
  constructor(seed = 1) {
    checkSeed('SeededRandom', seed);
    const lo = seed >>> 0;
    const hi = Math.floor(seed / TWO_POW_32) >>> 0;
    let state = (lo ^ Math.imul(hi, 0x85ebca6b)) | 0;
    let out: number;
    [state, out] = splitmix32(state);
    this.s0 = out;
    [state, out] = splitmix32(state ^ hi);
    this.s1 = out;
    [state, out] = splitmix32(state);
    this.s2 = out;
    [, out] = splitmix32(state);
    this.s3 = out;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // the all-zero state is a fixed point
  }

  /**
   * The next 32 uniformly random bits, as an integer in `[0, 2^32)`.
   *
   * @remarks O(1).
   * @example
   * ```ts
   * const bits = new SeededRandom(7).nextUint32();
   * ```
   */
  nextUint32(): number {
    const s1 = this.s1;
    const mul5 = Math.imul(s1, 5);
    const result = Math.imul((mul5 << 7) | (mul5 >>> 25), 9);
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 = s1 ^ this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result >>> 0;
  }

  /**
   * A uniformly random number in `[0, 1)` with 32 bits of resolution (a multiple of 2^−32).
   *
   * @remarks O(1).
   * @example
   * ```ts
   * if (new SeededRandom(3).nextFloat() < 0.25) {
   *   // taken with probability 1/4
   * }
   * ```
   */
  nextFloat(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /**
   * A uniformly random integer in `[0, n)`, without modulo bias.
   *
   * @remarks
   * Exact rejection sampling, so every value has exactly the same probability: for `n ≤ 2^21`,
   * Lemire's multiply-and-shift method (one draw almost always, no division on the common path);
   * above, a draw masked to the next power of two, rejected when `≥ n`. Expected O(1); fewer than
   * two draws on average, whatever `n`.
   *
   * @param n - an integer in `[1, 2^32]`.
   * @throws RangeError when `n` is not an integer in `[1, 2^32]`.
   * @example
   * ```ts
   * const items = ['ada', 'bob', 'cy'];
   * const random = new SeededRandom(11);
   * const index = random.nextInt(items.length); // 0, 1 or 2
   * ```
   */
  nextInt(n: number): number {
    if (!(n >= 1 && n <= TWO_POW_32 && Number.isInteger(n))) {
      throw new RangeError(`SeededRandom.nextInt: n must be an integer in [1, 2^32], got ${n}`);
    }
    if (n <= SMALL_RANGE) {
      // Lemire's multiply-and-shift: r·n < 2^53 is exact; its high 32 bits are uniform in [0, n)
      // once the low word is outside the 2^32 mod n values that would favour some results.
      for (;;) {
        const product = this.nextUint32() * n;
        const high = Math.floor(product / TWO_POW_32);
        const low = product - high * TWO_POW_32;
        if (low >= n || low >= TWO_POW_32 % n) return high;
      }
    }
    // Large ranges: mask to the next power of two and reject values >= n (under 2 draws on average).
    const mask = 0xffffffff >>> Math.clz32(n - 1);
    for (;;) {
      const r = (this.nextUint32() & mask) >>> 0;
      if (r < n) return r;
    }
  }
}
