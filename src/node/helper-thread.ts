/**
 * Node's helper thread for bulk loads (see src/store/helper-thread.ts): a worker thread that runs
 * the tasks from their own source text on the same shared memory. The API stays synchronous: the
 * loading thread blocks in `Atomics.wait` (allowed on Node's main thread) and takes the answer
 * with `receiveMessageOnPort`, so no event-loop turn is needed.
 *
 * @packageDocumentation
 */
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { countSeconds, drainSeconds, scatterSeconds, sortLists, sortUnique } from '../store/bulk-lists.js';
import type { HelperTask, HelperThread } from '../store/helper-thread.js';
import { processChunk } from '../store/intern-chunk.js';

/** What a helper can run: self-contained functions, by name. */
const TASKS: Record<HelperTask, (...args: never[]) => unknown> = { processChunk, countSeconds, scatterSeconds, drainSeconds, sortLists };
/** Functions the tasks call by name. */
const SHARED = [sortUnique];

/** What the worker answers for one task. */
type Answer = { result: unknown } | { error: string };

/** How long the caller waits for one task before giving up on the worker (a task takes < 1 s). */
const PATIENCE_MS = 120_000;

/** The worker's program: the tasks from their own source, and the answering loop. */
function workerSource(): string {
  const shared = SHARED.map((fn) => fn.toString()).join('\n');
  const tasks = Object.entries(TASKS)
    .map(([name, fn]) => `  ${name}: (${fn.toString()}),`)
    .join('\n');
  return `'use strict';
const __name = (target) => target; // in case a build kept function names with a helper
const { parentPort, workerData } = require('node:worker_threads');
${shared}
const tasks = {
${tasks}
};
const { port, flag } = workerData;
parentPort.on('message', ({ task, args }) => {
  let answer;
  try {
    answer = { result: tasks[task](...args) };
  } catch (error) {
    answer = { error: String((error && error.stack) || error) };
  }
  port.postMessage(answer);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;
}

/**
 * Starts a worker thread for one bulk load, or returns `null` if that fails (the load then runs
 * on one thread).
 *
 * @remarks O(1) for the caller; the worker boots (about 30 ms) while the caller goes on.
 * @example
 * ```ts
 * setHelperThreadStarter(startWorkerHelper); // what the package's Node entry does
 * ```
 * @internal
 */
export function startWorkerHelper(): HelperThread | null {
  let worker: Worker;
  let port: MessageChannel['port1'];
  const flag = new Int32Array(new SharedArrayBuffer(4));
  try {
    const channel = new MessageChannel();
    worker = new Worker(workerSource(), { eval: true, workerData: { port: channel.port2, flag }, transferList: [channel.port2] });
    // Never keeps the process alive; close() ends it after the load.
    worker.unref();
    port = channel.port1;
  } catch {
    return null;
  }
  let busy = false;
  let closed = false;
  return {
    submit(task, args) {
      if (busy || closed) throw new Error(`helper thread: ${task} submitted while busy or closed`);
      busy = true;
      worker.postMessage({ task, args });
    },
    wait() {
      if (!busy) throw new Error('helper thread: nothing submitted');
      const start = Date.now();
      while (Atomics.wait(flag, 0, 0, 1000) === 'timed-out') {
        if (Date.now() - start > PATIENCE_MS) throw new Error(`helper thread: no answer in ${PATIENCE_MS / 1000} s`);
      }
      Atomics.store(flag, 0, 0);
      busy = false;
      const answer = receiveMessageOnPort(port)?.message as Answer | undefined;
      if (answer === undefined) throw new Error('helper thread: answered nothing');
      if ('error' in answer) throw new Error(`helper thread failed: ${answer.error}`);
      return answer.result;
    },
    close() {
      if (closed) return;
      closed = true;
      worker.terminate().catch(() => undefined);
    },
  };
}
