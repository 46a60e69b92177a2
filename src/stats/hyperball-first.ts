/**
 * hyperBallFirst: the counters of the balls of radius 1 (a member and its connections), built by
 * adding hashes directly (O(degree) per member instead of a union of counters).
 *
 * A pass over typed arrays only: Node's helper thread (src/node/helper-worker.ts, which imports
 * it) runs it on the same shared arrays.
 *
 * @packageDocumentation
 */

/**
 * Sets the registers of members `from..to-1` (or of the batches claimed from `claim`) in `registers` (2^precision bytes per member,
 * zeroed before) to the HyperLogLog counter of {v} ∪ N(v). Every counter uses the same hash of
 * the member index (a HyperANF requirement: unions are then register-wise maxima).
 *
 * @returns the members done.
 * @remarks O(Σ degree) over the range. Writes only the range's registers.
 * @internal
 */
export function hyperBallFirst(offsets: Int32Array, targets: Int32Array, registers: Int32Array, precision: number, seed: number, claim: Int32Array | null, from: number, to: number): number {
  const bytes = new Uint8Array(registers.buffer, registers.byteOffset, registers.length * 4);
  const size = 1 << precision;
  const maxRho = 33 - precision;
  const add = (base: number, member: number): void => {
    // murmur3's 32-bit finalizer over a multiplicative mix of index and seed: a bijection of the
    // index, so distinct members never share a hash.
    let h = (Math.imul(member, 0x9e3779b1) + seed) | 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
    const register = h >>> (32 - precision);
    const rho = Math.min(Math.clz32(h << precision) + 1, maxRho);
    if (bytes[base + register]! < rho) bytes[base + register] = rho;
  };
  // With `claim` (a shared counter, another thread claiming from it too): batches of 1024
  // members claimed one at a time until `to`; else the range from..to.
  let lo = from;
  let hi = to;
  let done = 0;
  for (;;) {
    if (claim !== null) {
      lo = Atomics.add(claim, 0, 1024);
      if (lo >= to) break;
      hi = Math.min(to, lo + 1024);
    }
    for (let v = lo; v < hi; v++) {
      const base = v * size;
      add(base, v);
      const end = offsets[v + 1]!;
      for (let k = offsets[v]!; k < end; k++) add(base, targets[k]!);
    }
    done += hi - lo;
    if (claim === null) break;
  }
  return done;
}
