/**
 * Node's helper thread for bulk loads (see src/store/helper-thread.ts): a worker thread, built
 * from its own entry (src/node/helper-worker.ts), that runs the tasks on the same shared memory. The API stays synchronous: the
 * loading thread blocks in `Atomics.wait` (allowed on Node's main thread) and takes the answer
 * with `receiveMessageOnPort`, so no event-loop turn is needed.
 *
 * @packageDocumentation
 */
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { HelperTask, HelperThread } from '../store/helper-thread.js';
import { HELPER_TASKS as TASKS } from './helper-tasks.js';

/** What the worker answers for one task. */
type Answer = { result: unknown } | { error: string };

/** How long the caller waits for one task before giving up on the worker (a task takes < 1 s). */
const PATIENCE_MS = 120_000;
/**
 * How long the caller waits for a first answer before running the tasks itself (a worker starts in
 * ~30 ms): 5 s, or the milliseconds in the environment variable SOCIAL_GRAPH_WORKER_STARTUP_MS
 * (read at each start; tests of the packed package set it high, so a slow machine cannot turn
 * their two-thread load into a one-thread one).
 */
function startupMsDefault(): number {
  const raw = Number(process.env['SOCIAL_GRAPH_WORKER_STARTUP_MS']);
  return Number.isFinite(raw) && raw > 0 ? raw : 5_000;
}

/**
 * The worker's program: the built `helper-worker` entry beside this module (`.js` for ESM, `.cjs`
 * for CJS), or, when this module runs from source (tests), src/node/helper-worker.ts required
 * through tsx's CommonJS hook in the worker.
 */
function workerProgram(): { file: string | URL; eval: boolean } {
  const here = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
  const ext = extname(here);
  if (ext === '.ts') {
    return { file: `require('tsx/cjs/api').register(); require(${JSON.stringify(join(dirname(here), 'helper-worker.ts'))});`, eval: true };
  }
  return { file: join(dirname(here), `helper-worker${ext}`), eval: false };
}

/**
 * Starts a worker thread for one bulk load, or returns `null` if that fails (the load then runs
 * on one thread). A worker that has not answered its first task within `startupMs` (default 5 s, or
 * SOCIAL_GRAPH_WORKER_STARTUP_MS)
 * is given up: that task and all later ones run on the calling thread. `source` replaces the
 * worker's program by a script evaluated as is (tests).
 *
 * @remarks O(1) for the caller; the worker boots (about 30 ms) while the caller goes on.
 * @example
 * ```ts
 * import { setHelperThreadStarter } from '../store/helper-thread.js';
 * setHelperThreadStarter(startWorkerHelper); // what the package's Node entry does
 * ```
 * @internal
 */
export function startWorkerHelper(options: { source?: string; startupMs?: number } = {}): HelperThread | null {
  const startupMs = options.startupMs ?? startupMsDefault();
  let worker: Worker;
  let port: MessageChannel['port1'];
  // [0]: 1 when an answer is posted; [1]: who runs the submitted task (0 nobody yet, 1 the
  // worker, 2 this thread, after a worker that never started).
  const flag = new Int32Array(new SharedArrayBuffer(8));
  try {
    const channel = new MessageChannel();
    const workerData = { port: channel.port2, flag };
    if (options.source !== undefined) {
      worker = new Worker(options.source, { eval: true, workerData, transferList: [channel.port2] });
    } else {
      const program = workerProgram();
      worker = new Worker(program.file, { eval: program.eval, workerData, transferList: [channel.port2] });
    }
    // Never keeps the process alive; close() ends it after the load.
    worker.unref();
    port = channel.port1;
  } catch {
    return null;
  }
  let pending: { task: HelperTask; args: unknown[] } | null = null;
  let answered = false;
  let local = false;
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    worker.terminate().catch(() => undefined);
  };
  return {
    submit(task, args) {
      if (pending !== null || (closed && !local)) throw new Error(`helper thread: ${task} submitted while busy or closed`);
      pending = { task, args };
      if (local) return;
      Atomics.store(flag, 1, 0);
      worker.postMessage({ task, args });
    },
    wait() {
      if (pending === null) throw new Error('helper thread: nothing submitted');
      const { task, args } = pending;
      pending = null;
      if (local) return TASKS[task](...(args as never[]));
      const start = Date.now();
      while (Atomics.wait(flag, 0, 0, 250) === 'timed-out') {
        const waited = Date.now() - start;
        // A worker that never answered may never start (a platform without eval workers, a
        // permission model): take the task back, unless it has begun, and run every task here.
        if (!answered && waited > startupMs && Atomics.compareExchange(flag, 1, 0, 2) === 0) {
          local = true;
          close();
          return TASKS[task](...(args as never[]));
        }
        if (waited > PATIENCE_MS) throw new Error(`helper thread: no answer to ${task} in ${PATIENCE_MS / 1000} s`);
      }
      Atomics.store(flag, 0, 0);
      answered = true;
      const answer = receiveMessageOnPort(port)?.message as Answer | undefined;
      if (answer === undefined) throw new Error(`helper thread: ${task} answered nothing`);
      if ('error' in answer) throw new Error(`helper thread: ${task} failed: ${answer.error}`);
      return answer.result;
    },
    close,
    get threaded() {
      return answered && !local;
    },
  };
}
