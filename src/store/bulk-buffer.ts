/**
 * bulkBuffer: memory for bulk loads that does not make V8 collect garbage.
 *
 * V8 schedules a full (mark-compact) collection whenever the array buffers allocated since the
 * last one exceed a few tens of megabytes. A bulk load of 20M connections allocates about 600 MB
 * of typed arrays while the caller still holds its input (20M `[id, id]` arrays: 40M objects,
 * 1.4 GB of heap), and every such collection marks all of it: about 1 s each, two or three per
 * load, which was a third of the load's time (measured with `--trace-gc`). V8 leaves shared
 * buffers out of that per-isolate accounting (a `SharedArrayBuffer` may belong to several
 * isolates), so bulk loads take their memory as `SharedArrayBuffer`s where the platform offers
 * them. Nothing is shared with anyone: the memory is private to the graph, still reported by
 * `process.memoryUsage().arrayBuffers`, and freed when its arrays are collected. Where
 * `SharedArrayBuffer` is absent (browsers without cross-origin isolation) this is a plain
 * `ArrayBuffer`.
 *
 * @internal
 * @packageDocumentation
 */

const Shared: typeof SharedArrayBuffer | undefined = typeof SharedArrayBuffer === 'function' ? SharedArrayBuffer : undefined;

/**
 * A zero-filled buffer of `bytes` bytes for a bulk load (see the module comment).
 *
 * @remarks O(bytes).
 * @internal
 */
export function bulkBuffer(bytes: number): ArrayBufferLike {
  if (Shared !== undefined) {
    try {
      return new Shared(bytes);
    } catch {
      // A browser page without cross-origin isolation: an ordinary buffer (one thread).
    }
  }
  return new ArrayBuffer(bytes);
}

/**
 * A zero-filled `Int32Array` of `length` entries over a {@link bulkBuffer}.
 *
 * @remarks O(length).
 * @internal
 */
export function bulkInt32(length: number): Int32Array {
  return new Int32Array(bulkBuffer(4 * length));
}

/**
 * Whether `array` is over shared memory, which a helper thread sees without a copy (a
 * {@link bulkBuffer} is, where the platform has `SharedArrayBuffer`).
 * @remarks O(1).
 * @example
 * ```ts
 * isShared(new Int32Array(4)); // false
 * ```
 * @internal
 */
export function isShared(array: { buffer: ArrayBufferLike }): boolean {
  return typeof SharedArrayBuffer === 'function' && array.buffer instanceof SharedArrayBuffer;
}
