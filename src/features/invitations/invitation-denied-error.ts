/**
 * The error of an invitation the policy (or the invitation rules) refused.
 *
 * @packageDocumentation
 */
import { SocialGraphError } from '../../errors.js';
import type { Decision, ReasonCode } from '../policy/policy.js';

/**
 * Thrown by {@link SocialGraph.invite} when the invitation is not allowed: code
 * `INVITATION_DENIED`, with the policy's {@link Decision} and its stable reason code
 * (`blocked`, `self`, `connected`, `private`, `out-of-network`, `too-far`,
 * `invitation-pending`, `quota-exceeded`, ...).
 *
 * @remarks O(1) to construct. Nothing changed when it is thrown.
 * @example
 * ```ts
 * try {
 *   graph.invite('ada', 'bob');
 * } catch (error) {
 *   if (error instanceof InvitationDeniedError && error.reason === 'quota-exceeded') showLimit();
 * }
 * ```
 * @public
 */
export class InvitationDeniedError extends SocialGraphError {
  /** The decision that refused the invitation. */
  readonly decision: Decision;

  constructor(decision: Decision, message: string) {
    super('INVITATION_DENIED', message); // name stays 'SocialGraphError': one family, told apart by code
    this.decision = decision;
  }

  /** The decision's reason code. */
  get reason(): ReasonCode {
    return this.decision.reason;
  }
}
