/**
 * The worker side of {@link graphFromWorker}: builds graphs on request and sends their snapshots
 * to the page, the buffer transferred (moved, not copied).
 *
 * @packageDocumentation
 */
import { describeValue } from '../errors.js';
import { SocialGraph, SocialGraphError } from '../index.js';
import { errorRecord, isProtocolMessage, PROTOCOL, type BuildMessage, type ReplyMessage } from './worker-protocol.js';

/**
 * Builds the graph a request describes (fetch and import an edge list, generate one, load one
 * from IndexedDB, ...). `progress` sends any structured-cloneable value to the page's `onProgress`.
 * @public
 */
export type GraphBuilder = (request: unknown, progress: (value: unknown) => void) => SocialGraph<object> | Promise<SocialGraph<object>>;

/** The part of a worker's global scope this module uses. */
export interface WorkerScopeLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/**
 * Call once in a Web Worker's script: answers every build request of {@link graphFromWorker}
 * with `build(request)`'s snapshot (`toBytes()`, its buffer transferred), or its error (a
 * `SocialGraphError` keeps its `code` on the page). Returns a function that stops serving.
 *
 * @remarks The snapshot costs O(n + m) here (about 5 bytes per connection) and nothing to send:
 * the buffer moves to the page. Throws `INVALID_OPTION` when `build` is not a function or when
 * not called in a worker (no `postMessage`).
 * @example
 * ```js
 * // graph-worker.js, started by the page with new Worker(url, { type: 'module' })
 * import { importEdgeList } from 'social-graph';
 * import { serveGraphWorker } from 'social-graph/browser';
 * serveGraphWorker(async (url) => (await importEdgeList((await fetch(url)).body)).graph);
 * ```
 * @public
 */
export function serveGraphWorker(build: GraphBuilder, scope: WorkerScopeLike = globalThis as unknown as WorkerScopeLike): () => void {
  const method = 'serveGraphWorker';
  if (typeof build !== 'function') throw new SocialGraphError('INVALID_OPTION', `${method}: build must be a function, got ${describeValue(build)}`);
  if (scope === null || typeof scope !== 'object' || typeof scope.postMessage !== 'function' || typeof scope.addEventListener !== 'function') {
    throw new SocialGraphError('INVALID_OPTION', `${method}: call it in a Web Worker (the scope has no postMessage/addEventListener)`);
  }
  const reply = (message: ReplyMessage, transfer: Transferable[] = []) => scope.postMessage(message, transfer);
  const listener = (event: MessageEvent) => {
    const data: unknown = event.data;
    if (!isProtocolMessage(data) || data.type !== 'build') return;
    const { id, request } = data as BuildMessage;
    void (async () => {
      try {
        const graph = await build(request, (progress) => reply({ protocol: PROTOCOL, type: 'progress', id, progress }));
        if (!(graph instanceof SocialGraph)) throw new SocialGraphError('INVALID_OPTION', `${method}: build must return a SocialGraph, got ${describeValue(graph)}`);
        const bytes = ownBuffer(graph.toBytes());
        reply({ protocol: PROTOCOL, type: 'built', id, bytes }, [bytes]);
      } catch (error) {
        reply({ protocol: PROTOCOL, type: 'failed', id, error: errorRecord(error) });
      }
    })();
  };
  scope.addEventListener('message', listener);
  return () => scope.removeEventListener('message', listener);
}

/**
 * The bytes as a whole ArrayBuffer of their own (copied only when they are a view into a larger or shared one).
 * @internal
 */
export function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  const buffer = bytes.buffer;
  if (buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength) return buffer;
  return bytes.slice().buffer as ArrayBuffer;
}
