/**
 * The operation log: the stream of a graph's successful mutating calls, for durable storage
 * (a journal replayed over a snapshot) and replication.
 *
 * Invariants: a record is appended once per successful top-level mutating call (calls a method
 * makes on the graph itself are part of it, not records of their own), in call order, after the
 * call's changes are complete; replaying the records in order with {@link replayOperation} over
 * the state the log started from gives the same state, byte for byte (`toBytes`).
 *
 * @packageDocumentation
 */

/**
 * Names of the mutating methods of `SocialGraph`, in a fixed order (a journal may store the
 * position as the operation's code: new names are only ever appended).
 * @public
 */
export const OPERATION_NAMES = [
  'addMember',
  'mergeMember',
  'removeMember',
  'connect',
  'disconnect',
  'block',
  'unblock',
  'setPrivacy',
  'joinGroup',
  'leaveGroup',
  'setPolicy',
  'setQuota',
  'attempt',
  'invite',
  'accept',
  'ignore',
  'withdraw',
  'setInvitationSettings',
  'dismissSuggestion',
  'setProfile',
  'removeProfile',
  'tag',
  'untag',
  'createList',
  'renameList',
  'deleteList',
  'addToList',
  'removeFromList',
  'favorite',
  'unfavorite',
  'hide',
  'unhide',
  'connectAll',
] as const;

/**
 * A mutating method of `SocialGraph`.
 * @public
 */
export type OperationName = (typeof OPERATION_NAMES)[number];

/**
 * One successful mutating call.
 * @public
 */
export interface OperationRecord {
  /** The method called. */
  readonly name: OperationName;
  /**
   * The arguments as the caller passed them (the very values, not copies: a log must encode
   * them before `append` returns).
   */
  readonly args: readonly unknown[];
  /**
   * The graph's time for the call, in milliseconds: while a log is attached, a call reads the
   * graph's clock at most once and every time-based feature of the call sees that value. `NaN`
   * when the call did not read the clock.
   */
  readonly time: number;
}

/**
 * Where a graph's operations go (see `logOperations`).
 * @public
 */
export interface OperationLog {
  /**
   * Called once per successful top-level mutating call, after its changes are complete. A throw
   * is rethrown to the caller of the mutating call, whose change stays applied in memory but was
   * not logged: a durable log must then refuse every later call (see `social-graph/node`'s `open`).
   */
  append(record: OperationRecord): void;
}
