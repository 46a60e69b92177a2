/**
 * What Node gives the core that a browser does not: a worker thread for bulk loads
 * ({@link startWorkerHelper}) and zlib's CRC-32 for snapshot and journal checksums. Each Node entry
 * calls {@link installNodeRuntime} when loaded (the main entry as Node loads it, and
 * `social-graph/node`, which an application may import alone).
 *
 * @packageDocumentation
 */
import * as zlib from 'node:zlib';
import { setNativeCrc32 } from '../encoding/crc32.js';
import { setHelperThreadStarter } from '../store/helper-thread.js';
import { startWorkerHelper } from './worker-helper.js';

/**
 * Gives the core its Node helpers (idempotent).
 *
 * @remarks O(1).
 * @example
 * ```ts
 * installNodeRuntime();
 * ```
 * @internal
 */
export function installNodeRuntime(): void {
  setHelperThreadStarter(startWorkerHelper);
  // zlib's CRC-32 where this Node has it (20.15 and later).
  const zlibCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
  if (typeof zlibCrc32 === 'function') setNativeCrc32((data, previous) => zlibCrc32(data, previous));
}
