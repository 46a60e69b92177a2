/**
 * The page side of {@link serveGraphWorker}: asks a worker for a graph and receives its snapshot
 * (the buffer transferred, not copied).
 *
 * @packageDocumentation
 */
import { describeValue } from '../errors.js';
import { SocialGraph, SocialGraphError } from '../index.js';
import type { FromBytesOptions } from './indexed-db.js';
import { errorFromRecord, isProtocolMessage, PROTOCOL, type BuildMessage, type ReplyMessage } from './worker-protocol.js';

/** The part of a `Worker` (or `MessagePort`) this module uses. */
export interface WorkerLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: Event) => void): void;
  removeEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: Event) => void): void;
}

/** Options of {@link bytesFromWorker} and {@link graphFromWorker}. @public */
export interface WorkerBuildOptions {
  /** Receives each value the worker's builder passes to `progress`. */
  onProgress?: (progress: unknown) => void;
  /** Stops waiting (rejects with the signal's reason); the worker's build itself runs on unless you terminate it. */
  signal?: AbortSignal;
}

/** Options of {@link graphFromWorker}. @public */
export interface GraphFromWorkerOptions extends WorkerBuildOptions {
  /** Passed to `SocialGraph.fromBytes` on the page. */
  graphOptions?: FromBytesOptions;
}

let nextId = 1;

/**
 * Asks `worker` (running {@link serveGraphWorker}) to build the graph `request` describes and
 * resolves to its snapshot bytes, moved from the worker without a copy. Use it to keep the page
 * free while a graph is parsed or generated, then store the bytes or decode them.
 *
 * @remarks Rejects with the worker's error (a `SocialGraphError` keeps its `code`), with
 * `BACKEND_UNAVAILABLE` when the worker fails to run, with `INVALID_OPTION` for bad arguments or a
 * request that cannot be cloned, and with `signal.reason` when aborted.
 * @example
 * ```js
 * // on a page
 * const bytes = await bytesFromWorker(worker, '/network.txt.gz');
 * ```
 * @public
 */
export function bytesFromWorker(worker: WorkerLike, request: unknown, options?: WorkerBuildOptions): Promise<Uint8Array> {
  return run('bytesFromWorker', worker, request, options);
}

/**
 * {@link bytesFromWorker}, then `SocialGraph.fromBytes` on the calling thread: the graph the worker
 * built, as a `SocialGraph` of this page.
 *
 * @remarks Decoding costs O(bytes + n + m) on the page and cannot be split: measured in Chromium at
 * about 0.2 s per million connections. Past a few hundred thousand connections, keep the graph in
 * the worker and ask it questions by message instead, or accept the pause. Errors as
 * {@link bytesFromWorker}, plus `SNAPSHOT_CORRUPT` / `SNAPSHOT_VERSION` from decoding.
 * @example
 * ```js
 * // on a page
 * const worker = new Worker(new URL('./graph-worker.js', import.meta.url), { type: 'module' });
 * const graph = await graphFromWorker(worker, '/network.txt.gz', { onProgress: (p) => console.log(p) });
 * graph.degree('ada', 'dee'); // 3
 * ```
 * @public
 */
export async function graphFromWorker(worker: WorkerLike, request: unknown, options?: GraphFromWorkerOptions): Promise<SocialGraph> {
  const method = 'graphFromWorker';
  const graphOptions = options?.graphOptions;
  if (graphOptions !== undefined && (graphOptions === null || typeof graphOptions !== 'object')) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: graphOptions must be an object, got ${describeValue(graphOptions)}`);
  }
  const bytes = await run(method, worker, request, options);
  return SocialGraph.fromBytes(bytes, graphOptions);
}

function run(method: string, worker: WorkerLike, request: unknown, options: WorkerBuildOptions | undefined): Promise<Uint8Array> {
  if (worker === null || typeof worker !== 'object' || typeof worker.postMessage !== 'function' || typeof worker.addEventListener !== 'function') {
    return Promise.reject(new SocialGraphError('INVALID_OPTION', `${method}: worker must be a Worker (postMessage, addEventListener), got ${describeValue(worker)}`));
  }
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    return Promise.reject(new SocialGraphError('INVALID_OPTION', `${method}: options must be an object, got ${describeValue(options)}`));
  }
  const { onProgress, signal } = options ?? {};
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    return Promise.reject(new SocialGraphError('INVALID_OPTION', `${method}: options.onProgress must be a function, got ${describeValue(onProgress)}`));
  }
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || typeof signal.addEventListener !== 'function')) {
    return Promise.reject(new SocialGraphError('INVALID_OPTION', `${method}: options.signal must be an AbortSignal, got ${describeValue(signal)}`));
  }
  if (signal?.aborted === true) return Promise.reject(signal.reason);
  const id = nextId++;
  return new Promise<Uint8Array>((resolve, reject) => {
    const done = () => {
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
      worker.removeEventListener('messageerror', onError);
      signal?.removeEventListener('abort', onAbort);
    };
    const onMessage = (event: Event) => {
      const data: unknown = (event as MessageEvent).data;
      if (!isProtocolMessage(data) || data.id !== id) return;
      const reply = data as ReplyMessage;
      if (reply.type === 'progress') {
        try {
          onProgress?.(reply.progress);
        } catch (error) {
          done();
          reject(error);
        }
      } else if (reply.type === 'built') {
        done();
        resolve(new Uint8Array(reply.bytes));
      } else if (reply.type === 'failed') {
        done();
        reject(errorFromRecord(method, reply.error));
      }
    };
    const onError = (event: Event) => {
      done();
      const detail = (event as ErrorEvent).message;
      reject(new SocialGraphError('BACKEND_UNAVAILABLE', `${method}: the worker failed to run${detail ? `: ${detail}` : ''}`));
    };
    const onAbort = () => {
      done();
      reject(signal?.reason);
    };
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
    worker.addEventListener('messageerror', onError);
    signal?.addEventListener('abort', onAbort);
    const message: BuildMessage = { protocol: PROTOCOL, type: 'build', id, request };
    try {
      worker.postMessage(message);
    } catch (error) {
      done();
      reject(new SocialGraphError('INVALID_OPTION', `${method}: the request cannot be sent to the worker (${(error as Error)?.message ?? String(error)})`));
    }
  });
}
