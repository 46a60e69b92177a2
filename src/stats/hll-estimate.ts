/**
 * hllEstimate: the HyperLogLog estimate of one counter of one-byte registers, the same formula as
 * hyperBallStep's (which keeps its own copy to stay self-contained; a test checks they agree).
 *
 * @packageDocumentation
 */

/**
 * Estimated distinct count of the counter `registers[offset .. offset + size)`: the harmonic mean
 * estimator α·m²/Σ2^-M, linear counting m·ln(m/V) below 2.5·m when V registers are zero, and the
 * large-range correction of a 32-bit hash.
 *
 * @remarks O(size).
 * @internal
 */
export function hllEstimate(registers: Uint8Array, offset: number, size: number): number {
  const alpha = size === 16 ? 0.673 : size === 32 ? 0.697 : size === 64 ? 0.709 : 0.7213 / (1 + 1.079 / size);
  let sum = 0;
  let zeros = 0;
  for (let j = 0; j < size; j++) {
    const r = registers[offset + j]!;
    sum += 2 ** -r;
    if (r === 0) zeros++;
  }
  let estimate = (alpha * size * size) / sum;
  if (estimate <= 2.5 * size && zeros > 0) estimate = size * Math.log(size / zeros);
  else if (estimate > 4294967296 / 30) estimate = -4294967296 * Math.log(1 - Math.min(estimate / 4294967296, 1 - 1e-12));
  return estimate;
}
