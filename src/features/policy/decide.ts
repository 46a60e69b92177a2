/**
 * The decision engine: blocks first, then self, then the action's rule over one capped degree
 * lookup, then the quota. Rules cannot see blocked pairs or self pairs, and cannot skip the quota.
 *
 * @packageDocumentation
 */
import { badgeDistanceAt, bidirectionalDistance, EXCLUDED } from '../../algorithms/bidirectional-distance.js';
import { runSearch } from '../../algorithms/search.js';
import { describeValue, SocialGraphError } from '../../errors.js';
import type { GraphCore } from '../../graph/graph-core.js';
import type { MemberPolicyState } from './member-policy-state.js';
import { POLICY_ACTIONS, REASON_CODES, type Decision, type PairFacts, type PolicyAction, type ProfileLevel, type ReasonCode } from './policy.js';
import { privacyOfCode, type PrivacySettings } from './privacy-settings.js';

const REASONS: ReadonlySet<string> = new Set(REASON_CODES);
const LEVELS: ReadonlySet<string> = new Set(['full', 'limited', 'none']);

const BLOCKED: Decision = Object.freeze({ allowed: false, reason: 'blocked', degree: null });
const BLOCKED_PROFILE: Decision = Object.freeze({ allowed: false, reason: 'blocked', degree: null, level: 'none' });
const SELF_ALLOWED: Decision = Object.freeze({ allowed: true, reason: 'self', degree: 0 });
const SELF_PROFILE: Decision = Object.freeze({ allowed: true, reason: 'self', degree: 0, level: 'full' });
const SELF_DENIED: Decision = Object.freeze({ allowed: false, reason: 'self', degree: 0 });

class Facts implements PairFacts {
  readonly #state: MemberPolicyState;
  readonly #u: number;
  readonly #v: number;

  constructor(
    readonly action: PolicyAction,
    readonly viewer: string,
    readonly target: string,
    readonly degree: number | null,
    readonly sharedGroup: boolean,
    readonly viewerPrivacy: Readonly<PrivacySettings>,
    readonly targetPrivacy: Readonly<PrivacySettings>,
    state: MemberPolicyState,
    u: number,
    v: number,
  ) {
    this.#state = state;
    this.#u = u;
    this.#v = v;
  }

  pendingInvitation(): boolean {
    const probe = this.#state.pendingInvitation;
    return probe !== null && probe(this.#u, this.#v);
  }
}

/**
 * Degree between `u` and `v` capped at `maxDepth`, in the graph seen by `u`: paths through a
 * member blocked with `u` do not count. @internal
 *
 * @remarks One bidirectional search; while `u` has no block it is exactly {@link SocialGraph.degree}'s search.
 * @example
 * ```ts
 * viewerDistance(internals, state, u, v, 3);
 * ```
 */
export function viewerDistance(internals: GraphCore, state: MemberPolicyState, u: number, v: number, maxDepth: number): number | null {
  const store = internals.store;
  const scratch = internals.scratch;
  scratch.ensure(store.indexBound);
  if (!state.hasBlocks(u)) return maxDepth === 3 ? badgeDistanceAt(scratch, store, u, v) : runSearch(bidirectionalDistance(scratch, u, v, maxDepth), store);
  const markA = scratch.markA;
  const markB = scratch.markB;
  state.forEachBlockedWith(u, (x) => (markA[x] = markB[x] = EXCLUDED));
  try {
    return runSearch(bidirectionalDistance(scratch, u, v, maxDepth, undefined, true), store);
  } finally {
    state.forEachBlockedWith(u, (x) => (markA[x] = markB[x] = 0));
  }
}

/**
 * Decides `action` of member `u` (id `viewer`) on member `v` (id `target`) at time `now`. Both
 * must be live members; `action` must be valid (the facade checks). @internal
 *
 * @remarks O(1) for blocked and self pairs; otherwise one degree lookup capped at the rule's
 * `maxDegree` plus O(g) for shared groups.
 * @example
 * ```ts
 * decide(internals, state, 'message', u, v, 'ada', 'bob', Date.now());
 * ```
 */
export function decide(
  internals: GraphCore,
  state: MemberPolicyState,
  action: PolicyAction,
  u: number,
  v: number,
  viewer: string,
  target: string,
  now: number,
): Decision {
  const profile = action === 'viewProfile';
  if (state.blockedPair(u, v)) return profile ? BLOCKED_PROFILE : BLOCKED;
  if (u === v) return action === 'invite' || action === 'message' ? SELF_DENIED : profile ? SELF_PROFILE : SELF_ALLOWED;
  const policy = state.policy;
  const rule = policy.rules[action];
  const degree = rule.maxDegree > 0 ? viewerDistance(internals, state, u, v, rule.maxDegree) : null;
  const facts = new Facts(
    action,
    viewer,
    target,
    degree,
    state.sharesGroup(u, v),
    privacyOfCode(state.privacyCode(u)),
    privacyOfCode(state.privacyCode(v)),
    state,
    u,
    v,
  );
  const verdict = (rule as { decide(facts: PairFacts): { allowed: unknown; reason: unknown; level?: unknown } }).decide(facts);
  if (verdict === null || typeof verdict !== 'object' || typeof verdict.allowed !== 'boolean' || !REASONS.has(verdict.reason as string)) {
    throw new SocialGraphError(
      'INVALID_OPTION',
      `SocialGraph.can: rule ${describeValue(action)} of policy ${describeValue(policy.name)} returned ${describeValue(verdict)}, not { allowed: boolean, reason: ReasonCode }`,
    );
  }
  let allowed = verdict.allowed;
  let reason = verdict.reason as ReasonCode;
  let level: ProfileLevel | undefined;
  if (profile) {
    level = verdict.level as ProfileLevel;
    if (!LEVELS.has(level) || (allowed && level === 'none')) {
      throw new SocialGraphError(
        'INVALID_OPTION',
        `SocialGraph.can: rule "viewProfile" of policy ${describeValue(policy.name)} returned level ${describeValue(level)} (allowed needs 'full' or 'limited')`,
      );
    }
  }
  if (allowed && state.quotas.size > 0) {
    const quota = state.quotas.get(action);
    // An invitation already paid for by an allowed attempt(u, 'invite', v) is not charged again.
    if (quota !== undefined && quota.exceeded(u, now) && !(action === 'invite' && quota.hasTag(u, v, now))) {
      allowed = false;
      reason = 'quota-exceeded';
    }
  }
  if (profile) return { allowed, reason, degree, level: allowed ? level : 'none' };
  return { allowed, reason, degree };
}

/**
 * Throws `INVALID_OPTION` naming `method` unless `action` is one of {@link POLICY_ACTIONS}. @internal
 *
 * @remarks O(1).
 * @example
 * ```ts
 * checkAction('SocialGraph.can', 'message');
 * ```
 */
export function checkAction(method: string, action: unknown): asserts action is PolicyAction {
  if (typeof action !== 'string' || !ACTIONS.has(action)) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: unknown action ${describeValue(action)} (known: ${POLICY_ACTIONS.join(', ')})`);
  }
}
const ACTIONS: ReadonlySet<string> = new Set(POLICY_ACTIONS);
