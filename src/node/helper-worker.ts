/**
 * The program of Node's bulk-load helper thread (built as its own entry, dist/helper-worker.js and
 * .cjs): it imports the very passes the loading thread runs (src/store) and answers one task at a
 * time on the shared memory it is handed. See src/node/worker-helper.ts for the other side.
 *
 * Protocol: `workerData` holds a `MessagePort` for answers and a 2-slot `Int32Array` flag over
 * shared memory. For each `{ task, args }` message the worker claims the task (slot 1: 0 → 1; the
 * caller may have taken it back, 0 → 2, after waiting too long for a first answer), runs it, posts
 * `{ result }` or `{ error }` on the port, then sets slot 0 to 1 and notifies the caller blocked in
 * `Atomics.wait`.
 *
 * @packageDocumentation
 */
import { parentPort, workerData } from 'node:worker_threads';
import { HELPER_TASKS } from './helper-tasks.js';

const { port, flag } = workerData as { port: import('node:worker_threads').MessagePort; flag: Int32Array };

parentPort?.on('message', ({ task, args }: { task: keyof typeof HELPER_TASKS; args: never[] }) => {
  if (Atomics.compareExchange(flag, 1, 0, 1) !== 0) return;
  let answer: { result: unknown } | { error: string };
  try {
    answer = { result: (HELPER_TASKS[task] as (...args: never[]) => unknown)(...args) };
  } catch (error) {
    answer = { error: String((error instanceof Error && error.stack) || error) };
  }
  port.postMessage(answer);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
