/**
 * `social-graph/browser`: the browser's home for a graph. Snapshots kept in IndexedDB, and graphs
 * built in a Web Worker and handed to the page as snapshot bytes (transferred, not copied).
 * Uses web-platform globals only (`indexedDB`, `postMessage`).
 *
 * @packageDocumentation
 */
export {
  saveToIndexedDB,
  loadFromIndexedDB,
  deleteFromIndexedDB,
  DEFAULT_INDEXED_DB_NAME,
  MAX_STORAGE_KEY_LENGTH,
  type IndexedDBOptions,
  type LoadFromIndexedDBOptions,
  type FromBytesOptions,
  type SavedSnapshot,
} from './indexed-db.js';
export { serveGraphWorker, type GraphBuilder, type WorkerScopeLike } from './serve-graph-worker.js';
export { bytesFromWorker, graphFromWorker, type WorkerLike, type WorkerBuildOptions, type GraphFromWorkerOptions } from './graph-from-worker.js';
