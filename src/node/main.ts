/**
 * The package's main entry as Node loads it (the `node` condition of `exports["."]`): the core,
 * with bulk loads given a worker thread ({@link startWorkerHelper}) and checksums zlib's CRC-32. Browsers and bundlers for
 * them get src/index.ts, which starts no thread.
 *
 * @packageDocumentation
 */
import { installNodeRuntime } from './node-runtime.js';

installNodeRuntime();

export * from '../index.js';
