/**
 * The package's main entry as Node loads it (the `node` condition of `exports["."]`): the core,
 * with bulk loads given a worker thread ({@link startWorkerHelper}) and checksums zlib's CRC-32. Browsers and bundlers for
 * them get src/index.ts, which starts no thread.
 *
 * @packageDocumentation
 */
import * as zlib from 'node:zlib';
import { setNativeCrc32 } from '../encoding/crc32.js';
import { setHelperThreadStarter } from '../store/helper-thread.js';
import { startWorkerHelper } from './worker-helper.js';

setHelperThreadStarter(startWorkerHelper);
// Snapshot and journal checksums through zlib's CRC-32 where this Node has it (20.15 and later).
const zlibCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
if (typeof zlibCrc32 === 'function') setNativeCrc32((data, previous) => zlibCrc32(data, previous));

export * from '../index.js';
