/**
 * Opaque, validated page cursors of {@link ViewerWindow.search}: where the last page ended (its
 * last sort key and member id) and a fingerprint of the query it belongs to.
 *
 * @packageDocumentation
 */
import { describeValue, SocialGraphError } from '../../errors.js';

/**
 * The position a cursor holds.
 * @internal
 */
export interface CursorPosition {
  /** Fingerprint of the query (degrees, filters, sort). */
  readonly query: string;
  /** Sort key of the last hit returned. */
  readonly key: number;
  /** Id of the last hit returned. */
  readonly id: string;
  /** Attribute value of the last hit (attribute sorts only; `null` when it had none). */
  readonly value?: string | null;
}

const VERSION = 1;

/**
 * Encodes a position as base64url text (UTF-8 JSON inside; treat it as opaque).
 *
 * @remarks O(length of the id).
 * @example
 * ```ts
 * const cursor = encodeCursor({ query: 'a1b2', key: 3, id: 'bob' });
 * ```
 * @internal
 */
export function encodeCursor(position: CursorPosition): string {
  const json = JSON.stringify([VERSION, position.query, position.key, position.id, position.value]);
  const bytes = new TextEncoder().encode(json);
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 8192) parts.push(String.fromCharCode(...bytes.subarray(i, i + 8192)));
  return btoa(parts.join('')).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Decodes and validates a cursor for the query with fingerprint `query`. Throws `INVALID_CURSOR`
 * naming `method` for anything that is not a cursor of this query.
 *
 * @remarks O(length of the cursor).
 * @example
 * ```ts
 * const query = fingerprint('{"degree":[2]}');
 * const cursor = encodeCursor({ query, key: 3, id: 'bob' });
 * decodeCursor('ViewerWindow.search', cursor, query).id; // 'bob'
 * ```
 * @internal
 */
export function decodeCursor(method: string, cursor: unknown, query: string): CursorPosition {
  const bad = (why: string): never => {
    throw new SocialGraphError('INVALID_CURSOR', `${method}: cursor ${describeValue(cursor)} ${why}`);
  };
  // No length cap: a cursor carries the last hit's id and sort value, which may be as long as any
  // id or attribute value the graph accepts; decoding is O(length) whatever the input.
  if (typeof cursor !== 'string' || cursor.length === 0 || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    return bad('is not a cursor returned by search');
  }
  let parsed: unknown;
  try {
    const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return bad('is not a cursor returned by search');
  }
  if (!Array.isArray(parsed) || parsed.length < 4 || parsed.length > 5 || parsed[0] !== VERSION) return bad('is not a cursor returned by search');
  const [, fingerprint, key, id, value] = parsed as unknown[];
  if (typeof fingerprint !== 'string' || typeof key !== 'number' || !Number.isFinite(key) || typeof id !== 'string' || id.length === 0) {
    return bad('is not a cursor returned by search');
  }
  if (value !== undefined && value !== null && typeof value !== 'string') return bad('is not a cursor returned by search');
  if (fingerprint !== query) return bad('belongs to another query (degree, where or sort changed)');
  return value === undefined ? { query: fingerprint, key, id } : { query: fingerprint, key, id, value: value as string | null };
}

/**
 * A short fingerprint (FNV-1a, 32 bits, hex) of a canonical description of a query.
 *
 * @remarks O(length of the text).
 * @example
 * ```ts
 * fingerprint('{"degree":[2]}'); // '2f9889ef'
 * ```
 * @internal
 */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
