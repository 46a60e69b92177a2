/**
 * UNION_WASM: a WebAssembly module (SIMD) that unions HyperLogLog counters of one-byte registers,
 * sixteen registers per instruction (`i8x16.max_u`). Hand-assembled; its text form:
 *
 * ```wat
 * (module
 *   (import "m" "mem" (memory 1 65536 shared))
 *   ;; union(acc, list, count, bytes): for i < count, acc[0..bytes) = max(acc, memory[list[i] ..+bytes))
 *   (func (export "union") (param $acc i32) (param $list i32) (param $count i32) (param $bytes i32)
 *     (local $i i32) (local $src i32) (local $j i32)
 *     (block $done
 *       (loop $next
 *         (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
 *         (local.set $src (i32.load (i32.add (local.get $list) (i32.shl (local.get $i) (i32.const 2)))))
 *         (local.set $j (i32.const 0))
 *         (loop $word  ;; bytes is a multiple of 16, at least 16
 *           (v128.store (i32.add (local.get $acc) (local.get $j))
 *             (i8x16.max_u (v128.load (i32.add (local.get $acc) (local.get $j)))
 *                          (v128.load (i32.add (local.get $src) (local.get $j)))))
 *           (br_if $word (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 16))) (local.get $bytes))))
 *         (local.set $i (i32.add (local.get $i) (i32.const 1)))
 *         (br $next))))
 * ```
 *
 * @packageDocumentation
 */

/** The module's bytes (87-byte function body). @internal */
export const UNION_WASM: readonly number[] = [
  0, 97, 115, 109, 1, 0, 0, 0, 1, 8, 1, 96, 4, 127, 127, 127, 127, 0, 2, 13, 1, 1, 109, 3, 109, 101, 109, 2, 3, 1, 128, 128, 4, 3, 2, 1, 0, 7, 9, 1, 5, 117,
  110, 105, 111, 110, 0, 0, 10, 89, 1, 87, 1, 3, 127, 2, 64, 3, 64, 32, 4, 32, 2, 79, 13, 1, 32, 1, 32, 4, 65, 2, 116, 106, 40, 2, 0, 33, 5, 65, 0, 33, 6, 3,
  64, 32, 0, 32, 6, 106, 32, 0, 32, 6, 106, 253, 0, 0, 0, 32, 5, 32, 6, 106, 253, 0, 0, 0, 253, 121, 253, 11, 0, 0, 32, 6, 65, 16, 106, 34, 6, 32, 3, 73, 13,
  0, 11, 32, 4, 65, 1, 106, 33, 4, 12, 0, 11, 11, 11,
];

/**
 * A shared WebAssembly memory of `bytes` (rounded up to 64 KiB pages) that {@link UNION_WASM} can
 * run on, or `null` where WebAssembly SIMD or shared memory is missing or `bytes` is over 4 GiB.
 *
 * @remarks O(bytes) (the memory is zeroed).
 * @internal
 */
export function unionMemory(bytes: number): WebAssembly.Memory | null {
  const pages = Math.ceil(bytes / 65536);
  if (typeof WebAssembly !== 'object' || pages > 65536) return null;
  try {
    if (!WebAssembly.validate(new Uint8Array(UNION_WASM))) return null;
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
    return typeof SharedArrayBuffer === 'function' && memory.buffer instanceof SharedArrayBuffer ? memory : null;
  } catch {
    return null;
  }
}
