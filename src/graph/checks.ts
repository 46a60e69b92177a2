/**
 * Argument checks shared by the graph core, the features and the viewer window.
 *
 * @packageDocumentation
 */
import { MAX_SEARCH_DEPTH } from '../algorithms/bidirectional-distance.js';
import { describeValue, SocialGraphError } from '../errors.js';

/** Throws `INVALID_OPTION` unless `options` is undefined or an object. @internal */
export function checkOptionsObject(method: string, options: unknown): void {
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: options must be an object, got ${describeValue(options)}`);
  }
}

/** The `maxDepth` of a degree option bag (default 3), or `INVALID_OPTION`. @internal */
export function readMaxDepth(method: string, options: { maxDepth?: number } | undefined): number {
  checkOptionsObject(method, options);
  const d = options?.maxDepth ?? 3;
  if (!Number.isInteger(d) || d < 0 || d > MAX_SEARCH_DEPTH) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: maxDepth must be an integer from 0 to ${MAX_SEARCH_DEPTH}, got ${describeValue(d)}`);
  }
  return d;
}

/** Throws `INVALID_ID` unless `id` is a non-empty string. @internal */
export function checkId(method: string, id: unknown): asserts id is string {
  if (typeof id !== 'string' || id.length === 0) {
    throw new SocialGraphError('INVALID_ID', `${method}: member ids are non-empty strings, got ${describeValue(id)}`);
  }
}
