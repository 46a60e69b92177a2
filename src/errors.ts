/**
 * Typed errors of social-graph.
 *
 * Every error the library throws on purpose is a {@link SocialGraphError} with a stable
 * {@link SocialGraphError.code | code}. Match on `code` (or `instanceof`), never on the message:
 * messages are for people and may be reworded.
 *
 * @packageDocumentation
 */

/**
 * The stable error codes.
 *
 * @public
 */
export type SocialGraphErrorCode =
  | 'MEMBER_NOT_FOUND'
  | 'DUPLICATE_MEMBER'
  | 'SELF_CONNECTION'
  | 'SELF_BLOCK'
  | 'CONNECTION_LIMIT'
  | 'INVALID_ID'
  | 'INVALID_OPTION'
  | 'CAPACITY_EXCEEDED'
  | 'SNAPSHOT_CORRUPT'
  | 'SNAPSHOT_VERSION'
  | 'BACKEND_UNAVAILABLE'
  | 'INVITATION_NOT_FOUND'
  | 'INVITATION_NOT_PENDING'
  | 'INVITATION_DENIED'
  | 'REINVITE_TOO_SOON'
  | 'UNKNOWN_ATTRIBUTE'
  | 'INVALID_CURSOR'
  | 'LIST_NOT_FOUND'
  | 'DUPLICATE_LIST'
  | 'JOURNAL_CORRUPT'
  | 'JOURNAL_FAILED'
  | 'JOURNAL_LOCKED';

/**
 * Base class of every error thrown on purpose by social-graph.
 *
 * @remarks
 * A failed call leaves the graph exactly as it was: every check runs before any state changes.
 * O(1) to construct.
 *
 * @example
 * ```ts
 * try {
 *   graph.connect('alice', 'nobody');
 * } catch (error) {
 *   if (error instanceof SocialGraphError && error.code === 'MEMBER_NOT_FOUND') {
 *     // handle
 *   }
 * }
 * ```
 * @public
 */
export class SocialGraphError extends Error {
  /** Stable machine-readable code: match on this, not on the message. */
  readonly code: SocialGraphErrorCode;

  constructor(code: SocialGraphErrorCode, message: string) {
    super(message);
    this.name = 'SocialGraphError';
    this.code = code;
  }
}

/**
 * Formats a value for an error message: strings quoted and cut at 60 characters, others through
 * `String` (what every error message of the library uses to name a value).
 *
 * @remarks O(1) for all but strings (O(60)).
 * @example
 * ```ts
 * describeValue('ada'); // '"ada"'
 * ```
 * @public
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol') return value.toString();
  if (Array.isArray(value)) return `array(${value.length})`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'object';
  return String(value);
}
