/**
 * The messages between {@link graphFromWorker} (page) and {@link serveGraphWorker} (worker), and
 * how an error crosses the thread boundary (structured clone keeps neither class nor `code`).
 *
 * @packageDocumentation
 */
import { EdgeListFormatError, SocialGraphError, type SocialGraphErrorCode } from '../index.js';

/** Tags every message, so that a worker may carry other traffic beside this protocol. */
export const PROTOCOL = 'social-graph/worker-v1';

/** Page → worker: build the graph `request` describes. */
export interface BuildMessage {
  readonly protocol: typeof PROTOCOL;
  readonly type: 'build';
  readonly id: number;
  readonly request: unknown;
}

/** A thrown value, flattened for `postMessage`. */
export interface ErrorRecord {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly line?: number;
  readonly text?: string;
}

/** Worker → page: progress, the snapshot (its buffer transferred), or the failure. */
export type ReplyMessage =
  | { readonly protocol: typeof PROTOCOL; readonly type: 'progress'; readonly id: number; readonly progress: unknown }
  | { readonly protocol: typeof PROTOCOL; readonly type: 'built'; readonly id: number; readonly bytes: ArrayBuffer }
  | { readonly protocol: typeof PROTOCOL; readonly type: 'failed'; readonly id: number; readonly error: ErrorRecord };

/**
 * Flattens a thrown value: name, message, and the `code` / `line` / `text` of the library's errors.
 * @internal
 */
export function errorRecord(error: unknown): ErrorRecord {
  if (error instanceof EdgeListFormatError) return { name: error.name, message: error.message, code: error.code, line: error.line, text: error.text };
  if (error instanceof SocialGraphError) return { name: error.name, message: error.message, code: error.code };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

/**
 * Rebuilds an error flattened by {@link errorRecord}: a `SocialGraphError` with the same code, an
 * `EdgeListFormatError` with the same line, anything else as `BACKEND_UNAVAILABLE` naming `method`.
 * @internal
 */
export function errorFromRecord(method: string, record: ErrorRecord): Error {
  if (record.name === 'SocialGraphError' && typeof record.code === 'string') {
    return new SocialGraphError(record.code as SocialGraphErrorCode, record.message);
  }
  if (record.name === 'EdgeListFormatError' && typeof record.line === 'number') {
    const error = new EdgeListFormatError(record.line, record.text ?? '', 'x');
    error.message = record.message;
    return error;
  }
  return new SocialGraphError('BACKEND_UNAVAILABLE', `${method}: the worker failed: ${record.name}: ${record.message}`);
}

/**
 * Whether `data` is a message of this protocol.
 * @internal
 */
export function isProtocolMessage(data: unknown): data is { protocol: typeof PROTOCOL; type: string; id: number } {
  return typeof data === 'object' && data !== null && (data as { protocol?: unknown }).protocol === PROTOCOL && typeof (data as { id?: unknown }).id === 'number';
}
