/**
 * The package's main entry as Node loads it (the `node` condition of `exports["."]`): the core,
 * with bulk loads given a worker thread ({@link startWorkerHelper}). Browsers and bundlers for
 * them get src/index.ts, which starts no thread.
 *
 * @packageDocumentation
 */
import { setHelperThreadStarter } from '../store/helper-thread.js';
import { startWorkerHelper } from './worker-helper.js';

setHelperThreadStarter(startWorkerHelper);

export * from '../index.js';
