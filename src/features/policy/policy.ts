/**
 * The types of the degree-aware permission policy: actions, reason codes, decisions, the facts a
 * rule sees and the shape of a rule set.
 *
 * A policy is data plus code: one {@link ActionRule} per {@link PolicyAction}. A rule declares how
 * far it looks (`maxDegree`, the cap of the one degree lookup a decision makes) and decides from
 * the {@link PairFacts} of the pair. Blocks, self-actions and quotas are applied by the engine
 * around the rules and cannot be bypassed by a custom rule.
 *
 * @packageDocumentation
 */
import type { PrivacySettings } from './privacy-settings.js';

/**
 * Every action the policy decides.
 * @public
 */
export type PolicyAction =
  | 'viewProfile'
  | 'viewConnections'
  | 'viewMutualConnections'
  | 'viewContactInfo'
  | 'message'
  | 'invite'
  | 'requestIntroduction';

/**
 * The actions, in a fixed order (tables, tests and validation iterate this).
 *
 * @remarks O(1) to read.
 * @example
 * ```ts
 * for (const action of POLICY_ACTIONS) console.log(action, graph.can('ada', action, 'bob').allowed);
 * ```
 * @public
 */
export const POLICY_ACTIONS: readonly PolicyAction[] = Object.freeze([
  'viewProfile',
  'viewConnections',
  'viewMutualConnections',
  'viewContactInfo',
  'message',
  'invite',
  'requestIntroduction',
]);

/**
 * How much of a profile a viewer may see (`viewProfile` only).
 * @public
 */
export type ProfileLevel = 'full' | 'limited' | 'none';

/**
 * Stable reason codes of decisions. Match on these; they never change meaning.
 *
 * - `blocked`: one of the two members blocked the other (always denies; checked first).
 * - `self`: viewer and target are the same member (allows, except `invite` and `message`).
 * - `connected`: degree 1 (allows), or, for `invite` / `requestIntroduction`, denies as
 *   already connected.
 * - `second-degree`, `third-degree`: the degree that allowed (or, for `viewProfile` degree 3, limited) the action.
 * - `shared-group`: the two members share a group.
 * - `open-profile`: the target has an open profile (`message`).
 * - `public-profile`: the target's profile is public (`viewProfile`, limited).
 * - `private`: the target's settings forbid it (private connections, invitations from network only).
 * - `too-far`: the degree is beyond what the action allows, and no exception applies.
 * - `out-of-network`: beyond degree 3 (or not connected at all); allows `invite` when the target
 *   accepts invitations from anyone, else denies.
 * - `invitation-pending`: an invitation between the two is already pending (`invite`).
 * - `quota-exceeded`: the rules allow it but the viewer used up the action's quota in the window.
 * - `custom`: reserved for application rules that want a catch-all code.
 * @public
 */
export type ReasonCode =
  | 'blocked'
  | 'self'
  | 'connected'
  | 'second-degree'
  | 'third-degree'
  | 'shared-group'
  | 'open-profile'
  | 'public-profile'
  | 'private'
  | 'too-far'
  | 'out-of-network'
  | 'invitation-pending'
  | 'quota-exceeded'
  | 'custom';

/**
 * Every reason code, in a fixed order.
 *
 * @remarks O(1) to read.
 * @example
 * ```ts
 * const decision = graph.can('ada', 'message', 'cy');
 * REASON_CODES.includes(decision.reason); // true
 * ```
 * @public
 */
export const REASON_CODES: readonly ReasonCode[] = Object.freeze([
  'blocked',
  'self',
  'connected',
  'second-degree',
  'third-degree',
  'shared-group',
  'open-profile',
  'public-profile',
  'private',
  'too-far',
  'out-of-network',
  'invitation-pending',
  'quota-exceeded',
  'custom',
]);

/**
 * What a rule returns: allowed or not, and why. `viewProfile` rules also give the level.
 * @public
 */
export type Verdict<A extends PolicyAction = PolicyAction> = A extends 'viewProfile'
  ? { readonly allowed: boolean; readonly reason: ReasonCode; readonly level: ProfileLevel }
  : { readonly allowed: boolean; readonly reason: ReasonCode };

/**
 * The answer of {@link SocialGraph.can}.
 *
 * `degree` is the degree between the two members as far as the decision looked: `0` for the
 * same member, `1`..`maxDegree` of the action's rule, `null` when further than that (or not
 * connected, or blocked). `level` is present for `viewProfile` (`'none'` whenever not allowed).
 * @public
 */
export interface Decision {
  readonly allowed: boolean;
  readonly reason: ReasonCode;
  readonly degree: number | null;
  readonly level?: ProfileLevel;
}

/**
 * What a rule knows about a pair when it decides. Blocks and self-pairs never reach a rule.
 * @public
 */
export interface PairFacts {
  /** The action being decided. */
  readonly action: PolicyAction;
  readonly viewer: string;
  readonly target: string;
  /** Degree `1..maxDegree` of the rule, or `null` when further (never 0: self is decided before). */
  readonly degree: number | null;
  /** Whether the two members share at least one group. */
  readonly sharedGroup: boolean;
  readonly viewerPrivacy: Readonly<PrivacySettings>;
  readonly targetPrivacy: Readonly<PrivacySettings>;
  /** Whether an invitation between the two is pending (provided by the invitations feature; `false` without it). */
  pendingInvitation(): boolean;
}

/**
 * The rule of one action.
 * @public
 */
export interface ActionRule<A extends PolicyAction = PolicyAction> {
  /**
   * Furthest degree the rule needs to tell apart (an integer from 0 to 250; the presets use 1 to
   * 3): the one degree lookup of a decision is capped there. `0` skips the lookup (`degree` is
   * then `null`).
   */
  readonly maxDegree: number;
  /** Decides from the facts of the pair. Must not change the graph. */
  decide(facts: PairFacts): Verdict<A>;
}

/**
 * A complete rule set: a name and one rule per action.
 * @public
 */
export interface Policy {
  readonly name: string;
  readonly rules: { readonly [A in PolicyAction]: ActionRule<A> };
}
