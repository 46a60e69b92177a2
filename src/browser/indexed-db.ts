/**
 * Snapshots of a {@link SocialGraph} kept in the browser's IndexedDB: one object store of
 * `toBytes()` output under string keys. Works on a page and in a Web Worker (both have
 * `indexedDB`); nothing here runs in Node unless an IndexedDB implementation is installed globally.
 *
 * @packageDocumentation
 */
import { describeValue } from '../errors.js';
import { SocialGraph, SocialGraphError } from '../index.js';

/** The database the helpers use unless told otherwise. */
export const DEFAULT_INDEXED_DB_NAME = 'social-graph';

/** The longest key accepted, in UTF-16 code units. */
export const MAX_STORAGE_KEY_LENGTH = 1024;

/** The object store, created at version 1 of the database. */
const STORE = 'snapshots';

/** Options of {@link saveToIndexedDB}. @public */
export interface IndexedDBOptions {
  /** Database name (a non-empty string of at most 1024 code units). @defaultValue `'social-graph'` */
  database?: string;
}

/** The run-time options {@link SocialGraph.fromBytes} accepts. @public */
export type FromBytesOptions = NonNullable<Parameters<typeof SocialGraph.fromBytes>[1]>;

/** Options of {@link loadFromIndexedDB}: where to read, and the options of `SocialGraph.fromBytes`. @public */
export interface LoadFromIndexedDBOptions extends IndexedDBOptions {
  /** Passed to `SocialGraph.fromBytes` (clock, custom policy, ...). */
  graphOptions?: FromBytesOptions;
}

/** What {@link saveToIndexedDB} stored. @public */
export interface SavedSnapshot {
  readonly key: string;
  /** Size of the snapshot in bytes. */
  readonly bytes: number;
  readonly memberCount: number;
  readonly connectionCount: number;
  /** `Date.now()` when it was written. */
  readonly savedAt: number;
}

/** The record kept per key. */
interface StoredSnapshot extends SavedSnapshot {
  readonly snapshot: Uint8Array;
}

/**
 * Writes `graph.toBytes()` under `key` (replacing what was there) in one transaction.
 *
 * @remarks O(n + m) for the snapshot, then the browser's write; about 5 bytes per connection.
 * Rejects with `SocialGraphError` `INVALID_OPTION` for a bad key or options, `BACKEND_UNAVAILABLE`
 * when there is no IndexedDB or the browser refuses (quota, private mode).
 * @example
 * ```js
 * // in a browser (page or worker)
 * await saveToIndexedDB(graph, 'my-network'); // { key: 'my-network', bytes: 1234, ... }
 * ```
 * @public
 */
export async function saveToIndexedDB(graph: SocialGraph<object>, key: string, options?: IndexedDBOptions): Promise<SavedSnapshot> {
  const method = 'saveToIndexedDB';
  if (!(graph instanceof SocialGraph)) throw new SocialGraphError('INVALID_OPTION', `${method}: graph must be a SocialGraph, got ${describeValue(graph)}`);
  checkKey(method, key);
  const database = databaseName(method, options);
  const snapshot = graph.toBytes();
  const record: StoredSnapshot = {
    key,
    bytes: snapshot.byteLength,
    memberCount: graph.memberCount,
    connectionCount: graph.connectionCount,
    savedAt: Date.now(),
    snapshot,
  };
  const db = await openDatabase(method, database);
  try {
    await requestResult(method, db, 'readwrite', (store) => store.put(record, key));
  } finally {
    db.close();
  }
  return { key, bytes: record.bytes, memberCount: record.memberCount, connectionCount: record.connectionCount, savedAt: record.savedAt };
}

/**
 * Reads the snapshot saved under `key` and rebuilds the graph with `SocialGraph.fromBytes`;
 * resolves to `null` when nothing is saved under `key`.
 *
 * @remarks O(bytes + n + m), on the calling thread: about 0.2 s per million connections, so call
 * it in a Web Worker for big graphs (see `graphFromWorker`). Rejects with `SNAPSHOT_CORRUPT` or
 * `SNAPSHOT_VERSION` as `fromBytes` does, `INVALID_OPTION` for a bad key or options,
 * `BACKEND_UNAVAILABLE` when there is no IndexedDB or the browser refuses.
 * @example
 * ```js
 * // in a browser (page or worker)
 * const graph = await loadFromIndexedDB('my-network'); // SocialGraph, or null
 * ```
 * @public
 */
export async function loadFromIndexedDB(key: string, options?: LoadFromIndexedDBOptions): Promise<SocialGraph | null> {
  const method = 'loadFromIndexedDB';
  checkKey(method, key);
  const database = databaseName(method, options);
  const graphOptions = options?.graphOptions;
  if (graphOptions !== undefined && (graphOptions === null || typeof graphOptions !== 'object')) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: graphOptions must be an object, got ${describeValue(graphOptions)}`);
  }
  const db = await openDatabase(method, database);
  let record: unknown;
  try {
    record = await requestResult(method, db, 'readonly', (store) => store.get(key));
  } finally {
    db.close();
  }
  if (record === undefined) return null;
  const snapshot = (record as Partial<StoredSnapshot> | null)?.snapshot;
  if (!(snapshot instanceof Uint8Array)) {
    throw new SocialGraphError('SNAPSHOT_CORRUPT', `${method}: the record under ${describeValue(key)} in ${describeValue(database)} holds no snapshot bytes`);
  }
  return SocialGraph.fromBytes(snapshot, graphOptions);
}

/**
 * Deletes the snapshot saved under `key`; resolves to whether there was one.
 * @remarks Two requests (a count, then the delete). Rejects as {@link saveToIndexedDB} does.
 * @example
 * ```js
 * await deleteFromIndexedDB('my-network'); // true
 * ```
 * @public
 */
export async function deleteFromIndexedDB(key: string, options?: IndexedDBOptions): Promise<boolean> {
  const method = 'deleteFromIndexedDB';
  checkKey(method, key);
  const database = databaseName(method, options);
  const db = await openDatabase(method, database);
  try {
    const count = await requestResult(method, db, 'readonly', (store) => store.count(key));
    if (count === 0) return false;
    await requestResult(method, db, 'readwrite', (store) => store.delete(key));
    return true;
  } finally {
    db.close();
  }
}

function checkKey(method: string, key: unknown): asserts key is string {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_STORAGE_KEY_LENGTH) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: key must be a non-empty string of at most ${MAX_STORAGE_KEY_LENGTH} characters, got ${describeValue(key)}`);
  }
}

function databaseName(method: string, options: IndexedDBOptions | undefined): string {
  if (options === undefined) return DEFAULT_INDEXED_DB_NAME;
  if (options === null || typeof options !== 'object') throw new SocialGraphError('INVALID_OPTION', `${method}: options must be an object, got ${describeValue(options)}`);
  const name = options.database ?? DEFAULT_INDEXED_DB_NAME;
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_STORAGE_KEY_LENGTH) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: options.database must be a non-empty string of at most ${MAX_STORAGE_KEY_LENGTH} characters, got ${describeValue(name)}`);
  }
  return name;
}

function unavailable(method: string, what: string, error: unknown): SocialGraphError {
  const detail = error instanceof Error || (typeof DOMException === 'function' && error instanceof DOMException) ? `${(error as Error).name}: ${(error as Error).message}` : describeValue(error);
  return new SocialGraphError('BACKEND_UNAVAILABLE', `${method}: IndexedDB ${what} (${detail})`);
}

function openDatabase(method: string, name: string): Promise<IDBDatabase> {
  const factory = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (factory === undefined) return Promise.reject(new SocialGraphError('BACKEND_UNAVAILABLE', `${method}: this platform has no IndexedDB (indexedDB is undefined)`));
  return new Promise((resolve, reject) => {
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name, 1);
    } catch (error) {
      reject(unavailable(method, `refused to open ${describeValue(name)}`, error));
      return;
    }
    // A blocked open may still succeed later: the database is then closed, the promise already rejected.
    let settled = false;
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE);
    };
    request.onsuccess = () => {
      if (settled) request.result.close();
      else resolve(request.result);
      settled = true;
    };
    request.onerror = () => {
      settled = true;
      reject(unavailable(method, `could not open ${describeValue(name)}`, request.error));
    };
    request.onblocked = () => {
      settled = true;
      reject(new SocialGraphError('BACKEND_UNAVAILABLE', `${method}: IndexedDB ${describeValue(name)} is blocked by another open version`));
    };
  });
}

/** Runs one request in its own transaction; resolves when the transaction commits. */
function requestResult<T>(method: string, db: IDBDatabase, mode: IDBTransactionMode, make: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    let transaction: IDBTransaction;
    let request: IDBRequest<T>;
    try {
      transaction = db.transaction(STORE, mode);
      request = make(transaction.objectStore(STORE));
    } catch (error) {
      reject(unavailable(method, 'refused the request', error));
      return;
    }
    transaction.oncomplete = () => resolve(request.result);
    transaction.onabort = () => reject(unavailable(method, 'aborted the transaction', transaction.error ?? request.error));
  });
}
