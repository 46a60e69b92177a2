/**
 * The graph core's options (`maxConnectionsPerMember`, `clock`, `connectionTimes`), read and
 * checked once: the part of the options pipeline that every graph class shares.
 *
 * @packageDocumentation
 */
import { describeValue, SocialGraphError } from '../errors.js';
import { MAX_CONNECTIONS_LIMIT } from './graph-core.js';

/**
 * The core's options, checked; `undefined` where left out (a snapshot may then decide).
 * @internal
 */
export interface CoreOptions {
  readonly cap: number | undefined;
  readonly clock: (() => number) | undefined;
  readonly connectionTimes: boolean | undefined;
}

/**
 * Reads the core's options from an options object (already known to be an object), or throws
 * `INVALID_OPTION` naming `method` and the value.
 *
 * @remarks O(1). Each option is read once.
 * @example
 * ```ts
 * readCoreOptions('SocialGraph.constructor', { maxConnectionsPerMember: 500 }).cap; // 500
 * ```
 * @internal
 */
export function readCoreOptions(method: string, o: Readonly<Record<string, unknown>>): CoreOptions {
  const cap = o['maxConnectionsPerMember'];
  if (cap !== undefined && (!Number.isInteger(cap) || (cap as number) < 1 || (cap as number) > MAX_CONNECTIONS_LIMIT)) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: maxConnectionsPerMember must be an integer from 1 to ${MAX_CONNECTIONS_LIMIT}, got ${describeValue(cap)}`);
  }
  const clock = o['clock'];
  if (clock !== undefined && typeof clock !== 'function') {
    throw new SocialGraphError('INVALID_OPTION', `${method}: clock must be a function returning milliseconds, got ${describeValue(clock)}`);
  }
  const times = o['connectionTimes'];
  if (times !== undefined && typeof times !== 'boolean') {
    throw new SocialGraphError('INVALID_OPTION', `${method}: connectionTimes must be a boolean, got ${describeValue(times)}`);
  }
  return { cap: cap as number | undefined, clock: clock as (() => number) | undefined, connectionTimes: times as boolean | undefined };
}
