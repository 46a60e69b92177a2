/**
 * hllDifference: the maximum-likelihood estimate of |B \ A| from the HyperLogLog counters of two
 * nested sets A ⊆ B (the ball of radius t-1 and of radius t), read register by register.
 *
 * @packageDocumentation
 */

/**
 * Estimated |B \ A| for counters `a` and `b` of sets A ⊆ B (`b` register-wise ≥ `a`), each
 * `size` one-byte registers at `offset`, with register values 0..`maxRho` (`maxRho` meaning
 * "maxRho or more").
 *
 * Model (Poisson, as Ertl's maximum-likelihood HyperLogLog estimator, 2017): the registers of the
 * sketch D of B \ A are independent, P(D_i ≤ k) = exp(-λ·2^-k/size), and b_i = max(a_i, D_i). A
 * register left unchanged (b_i = a_i) says D_i ≤ a_i; a raised one says D_i = b_i exactly. The
 * log-likelihood −λ·Σ_{i: b_i < maxRho} x(b_i) + Σ_{i raised} log(1 − e^{−λ·x(b_i)}) (x(k) =
 * 2^-k/size; a raised register at maxRho contributes log(1 − e^{−λ·x(maxRho−1)}) alone) is
 * concave in λ; its root is found by safeguarded Newton steps on ln λ.
 *
 * Why not est(B) − est(A): the registers the new members share with A's raised ones are seen
 * (a larger rank raises them) instead of lost, so the difference of two balls has a smaller error
 * than the difference of two estimates (measured on the real networks; docs/stats.md).
 *
 * @remarks O(size) plus O(maxRho) per Newton step (at most 60).
 * @internal
 */
export function hllDifference(a: Uint8Array, b: Uint8Array, offset: number, size: number, maxRho: number, raised: Float64Array): number {
  raised.fill(0, 0, maxRho + 1);
  let unchangedWeight = 0; // Σ over registers below maxRho of 2^-b_i (x(b) = 2^-b/size)
  let count = 0;
  for (let j = offset; j < offset + size; j++) {
    const bj = b[j]!;
    if (bj < maxRho) unchangedWeight += POWERS[bj]!;
    if (bj !== a[j]!) {
      raised[bj]!++;
      count++;
    }
  }
  if (count === 0) return 0;
  if (unchangedWeight === 0) return Infinity;
  // Work in μ = λ / size: f(μ) = Σ_k raised[k]·y_k/(e^{μ·y_k} − 1) − unchangedWeight, y_k = 2^-k
  // (y_{maxRho−1} for k = maxRho); f is decreasing from +∞ to −unchangedWeight.
  let mu = count / unchangedWeight; // the root of the small-μ approximation Σ raised/μ = weight
  let low = 0;
  let high = Infinity;
  for (let step = 0; step < MAX_STEPS; step++) {
    let f = -unchangedWeight;
    let df = 0;
    for (let k = 1; k <= maxRho; k++) {
      const r = raised[k]!;
      if (r === 0) continue;
      const y = POWERS[k === maxRho ? k - 1 : k]!;
      const em1 = Math.expm1(mu * y);
      const ry = (r * y) / em1;
      f += ry;
      df -= (ry * y * (em1 + 1)) / em1;
    }
    if (f > 0) low = mu;
    else high = mu;
    // Newton on ln μ: g(s) = f(e^s), g' = μ·f'(μ).
    let next = mu * Math.exp(-f / (mu * df));
    if (!(next > low && next < high)) next = high === Infinity ? mu * 2 : (low + high) / 2;
    const converged = Math.abs(next - mu) <= 1e-10 * mu;
    mu = next;
    if (converged) break;
  }
  return mu * size;
}

/** 2^-k for every register value. */
const POWERS = Float64Array.from({ length: 66 }, (_, k) => 2 ** -k);
/** Newton steps at most (a handful suffice: the start is the small-μ root). */
const MAX_STEPS = 40;
