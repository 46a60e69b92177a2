/**
 * hyperBallStep: one HyperBall iteration over a range of members.
 *
 * A pass over typed arrays only: Node's helper thread (src/node/helper-worker.ts, which imports
 * it) runs it on the same shared arrays while the calling thread runs another range.
 *
 * @packageDocumentation
 */

/**
 * For each member v in `from..to-1` with a connection whose counter changed in the last iteration
 * (`changedBefore[w] === 1`), writes `next[v]` = cur[v] ∪ ⋃ cur[w] over those connections w (the
 * connections whose counter did not change add nothing: their counter is already inside cur[v]),
 * and when it differs from `cur[v]`, sets `changedNow[v] = 1` and raises `estimates[v]` to the
 * counter's HyperLogLog estimate (estimates never go down). Members left alone get
 * `changedNow[v] = 0` and keep `next[v]` unwritten.
 *
 * Registers are bytes (values ≤ 29 < 128), four to an `Int32Array` word; the union is a
 * register-wise maximum taken four registers at a time with a broadword comparison.
 *
 * @returns `[sum of the estimate increases, members changed]`.
 * @remarks O(Σ over the range of (degree + 2^precision/4 × changed connections)). Reads `cur`
 * anywhere; writes `next`, `changedNow` and `estimates` in the range only.
 * @internal
 */
export function hyperBallStep(
  offsets: Int32Array,
  targets: Int32Array,
  cur: Int32Array,
  next: Int32Array,
  changedBefore: Uint8Array,
  changedNow: Uint8Array,
  estimates: Float64Array,
  precision: number,
  wasm: readonly number[] | null,
  memory: WebAssembly.Memory | null,
  scratch: number,
  scratchBytes: number,
  claim: Int32Array | null,
  from: number,
  to: number,
): number[] {
  const size = 1 << precision;
  const words = size >> 2;
  const high = 0x80808080 | 0;
  const alpha = size === 16 ? 0.673 : size === 32 ? 0.697 : size === 64 ? 0.709 : 0.7213 / (1 + 1.079 / size);
  const inverse = new Float64Array(64);
  for (let r = 0; r < 64; r++) inverse[r] = 2 ** -r;
  // With WebAssembly (`wasm` and `memory` given, `cur` a view of `memory`): the union runs there,
  // sixteen registers per instruction, over this thread's scratch area of `memory` (the
  // accumulator, then the gathered byte addresses). Else: the broadword JavaScript below.
  let union: ((acc: number, list: number, count: number, bytes: number) => void) | null = null;
  let acc = new Int32Array(words);
  let gather = new Int32Array(64);
  let unit = words;
  let origin = 0;
  if (wasm !== null && memory !== null) {
    const module = new WebAssembly.Module(new Uint8Array(wasm));
    union = new WebAssembly.Instance(module, { m: { mem: memory } }).exports.union as (acc: number, list: number, count: number, bytes: number) => void;
    acc = new Int32Array(memory.buffer, scratch, words);
    gather = new Int32Array(memory.buffer, scratch + size, (scratchBytes - size) >> 2);
    unit = size;
    origin = cur.byteOffset;
  }
  let increase = 0;
  let changed = 0;
  // With `claim` (a shared counter, another thread claiming from it too): batches of 1024
  // members claimed one at a time until `to`; else the range from..to.
  let lo = from;
  let hi = to;
  for (;;) {
    if (claim !== null) {
      lo = Atomics.add(claim, 0, 1024);
      if (lo >= to) break;
      hi = Math.min(to, lo + 1024);
    }
    for (let v = lo; v < hi; v++) {
      const end = offsets[v + 1]!;
      let k = offsets[v]!;
      while (k < end && changedBefore[targets[k]!] === 0) k++;
      if (k === end) {
        changedNow[v] = 0;
        continue;
      }
      const base = v * words;
      for (let j = 0; j < words; j++) acc[j] = cur[base + j]!;
      // Gather the changed connections' counter offsets, then union them eight (then four) at a time: eight
      // independent streams of loads keep more cache misses in flight than one.
      let count = 0;
      for (; k < end; k++) {
        const w = targets[k]!;
        if (changedBefore[w] !== 0) {
          if (count === gather.length && union === null) {
            const grown = new Int32Array(gather.length * 2);
            grown.set(gather);
            gather = grown;
          }
          gather[count++] = origin + w * unit;
        }
      }
      let i = 0;
      if (union !== null) {
        union(scratch, scratch + size, count, size);
        i = count;
      }
      for (; i + 8 <= count; i += 8) {
        const a = gather[i]!;
        const b = gather[i + 1]!;
        const c = gather[i + 2]!;
        const d = gather[i + 3]!;
        const e = gather[i + 4]!;
        const f = gather[i + 5]!;
        const g = gather[i + 6]!;
        const h = gather[i + 7]!;
        for (let j = 0; j < words; j++) {
          let x = acc[j]!;
          let y = 0;
          let ge = 0;
          let mask = 0;
          y = cur[a + j]!;
          ge = ((y | high) - x) & high;
          mask = (ge << 1) - (ge >>> 7);
          x = (y & mask) | (x & ~mask);
          y = cur[b + j]!;
          ge = ((y | high) - x) & high;
          mask = (ge << 1) - (ge >>> 7);
          x = (y & mask) | (x & ~mask);
          y = cur[c + j]!;
          ge = ((y | high) - x) & high;
          mask = (ge << 1) - (ge >>> 7);
          x = (y & mask) | (x & ~mask);
          y = cur[d + j]!;
          ge = ((y | high) - x) & high;
          mask = (ge << 1) - (ge >>> 7);
          x = (y & mask) | (x & ~mask);
          y = cur[e + j]!;
          ge = ((y | high) - x) & high;
          mask = (ge << 1) - (ge >>> 7);
          x = (y & mask) | (x & ~mask);
          y = cur[f + j]!;
          ge = ((y | high) - x) & high;
          mask = (ge << 1) - (ge >>> 7);
          x = (y & mask) | (x & ~mask);
          y = cur[g + j]!;
          ge = ((y | high) - x) & high;
          mask = (ge << 1) - (ge >>> 7);
          x = (y & mask) | (x & ~mask);
          y = cur[h + j]!;
          ge = ((y | high) - x) & high;
          mask = (ge << 1) - (ge >>> 7);
          x = (y & mask) | (x & ~mask);
          acc[j] = x;
        }
      }
      for (; i + 4 <= count; i += 4) {
        const a = gather[i]!;
        const b = gather[i + 1]!;
        const c = gather[i + 2]!;
        const d = gather[i + 3]!;
        for (let j = 0; j < words; j++) {
          let x = acc[j]!;
          let y = cur[a + j]!;
          let ge = ((y | high) - x) & high;
          let mask = (ge << 1) - (ge >>> 7);
          x = (y & mask) | (x & ~mask);
          y = cur[b + j]!;
          ge = ((y | high) - x) & high;
          mask = (ge << 1) - (ge >>> 7);
          x = (y & mask) | (x & ~mask);
          y = cur[c + j]!;
          ge = ((y | high) - x) & high;
          mask = (ge << 1) - (ge >>> 7);
          x = (y & mask) | (x & ~mask);
          y = cur[d + j]!;
          ge = ((y | high) - x) & high;
          mask = (ge << 1) - (ge >>> 7);
          acc[j] = (y & mask) | (x & ~mask);
        }
      }
      for (; i < count; i++) {
        const other = gather[i]!;
        for (let j = 0; j < words; j++) {
          const x = acc[j]!;
          const y = cur[other + j]!;
          // Per byte: high bit set iff y ≥ x (no borrow crosses bytes, every register < 128) …
          const ge = ((y | high) - x) & high;
          // … spread to 0xFF per byte where y ≥ x.
          const mask = (ge << 1) - (ge >>> 7);
          acc[j] = (y & mask) | (x & ~mask);
        }
      }
      let diff = 0;
      for (let j = 0; j < words; j++) diff |= acc[j]! ^ cur[base + j]!;
      if (diff === 0) {
        changedNow[v] = 0;
        continue;
      }
      for (let j = 0; j < words; j++) next[base + j] = acc[j]!;
      changedNow[v] = 1;
      changed++;
      // HyperLogLog estimate, with linear counting for small counts and the 32-bit hash's
      // large-range correction.
      let sum = 0;
      let zeros = 0;
      for (let j = 0; j < words; j++) {
        const word = acc[j]!;
        const r0 = word & 0xff;
        const r1 = (word >>> 8) & 0xff;
        const r2 = (word >>> 16) & 0xff;
        const r3 = word >>> 24;
        sum += inverse[r0]! + inverse[r1]! + inverse[r2]! + inverse[r3]!;
        zeros += (r0 === 0 ? 1 : 0) + (r1 === 0 ? 1 : 0) + (r2 === 0 ? 1 : 0) + (r3 === 0 ? 1 : 0);
      }
      let estimate = (alpha * size * size) / sum;
      if (estimate <= 2.5 * size && zeros > 0) estimate = size * Math.log(size / zeros);
      else if (estimate > 4294967296 / 30) estimate = -4294967296 * Math.log(1 - Math.min(estimate / 4294967296, 1 - 1e-12));
      const before = estimates[v]!;
      if (estimate > before) {
        estimates[v] = estimate;
        increase += estimate - before;
      }
    }
    if (claim === null) break;
  }
  return [increase, changed];
}
