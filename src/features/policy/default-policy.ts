/**
 * The default policy preset: the rules of the README's table "The default preset (`DEFAULT_POLICY`)".
 *
 * @packageDocumentation
 */
import type { PairFacts, Policy, Verdict } from './policy.js';

const ALLOW_1: Verdict<'message'> = Object.freeze({ allowed: true, reason: 'connected' });
const ALLOW_2: Verdict<'message'> = Object.freeze({ allowed: true, reason: 'second-degree' });
const ALLOW_3: Verdict<'message'> = Object.freeze({ allowed: true, reason: 'third-degree' });
const ALLOW_GROUP: Verdict<'message'> = Object.freeze({ allowed: true, reason: 'shared-group' });
const ALLOW_OPEN: Verdict<'message'> = Object.freeze({ allowed: true, reason: 'open-profile' });
const ALLOW_OUT: Verdict<'message'> = Object.freeze({ allowed: true, reason: 'out-of-network' });
const DENY_CONNECTED: Verdict<'message'> = Object.freeze({ allowed: false, reason: 'connected' });
const DENY_PENDING: Verdict<'message'> = Object.freeze({ allowed: false, reason: 'invitation-pending' });
const DENY_PRIVATE: Verdict<'message'> = Object.freeze({ allowed: false, reason: 'private' });
const DENY_FAR: Verdict<'message'> = Object.freeze({ allowed: false, reason: 'too-far' });
const DENY_OUT: Verdict<'message'> = Object.freeze({ allowed: false, reason: 'out-of-network' });

const PROFILE_1: Verdict<'viewProfile'> = Object.freeze({ allowed: true, reason: 'connected', level: 'full' });
const PROFILE_2_FULL: Verdict<'viewProfile'> = Object.freeze({ allowed: true, reason: 'second-degree', level: 'full' });
const PROFILE_2_LIMITED: Verdict<'viewProfile'> = Object.freeze({ allowed: true, reason: 'second-degree', level: 'limited' });
const PROFILE_3: Verdict<'viewProfile'> = Object.freeze({ allowed: true, reason: 'third-degree', level: 'limited' });
const PROFILE_GROUP: Verdict<'viewProfile'> = Object.freeze({ allowed: true, reason: 'shared-group', level: 'limited' });
const PROFILE_PUBLIC: Verdict<'viewProfile'> = Object.freeze({ allowed: true, reason: 'public-profile', level: 'limited' });
const PROFILE_NONE: Verdict<'viewProfile'> = Object.freeze({ allowed: false, reason: 'out-of-network', level: 'none' });

/**
 * `viewProfile` with `full` at degree 1 and up to `fullUpTo` (1 or 2), `limited` up to degree 3,
 * with a shared group or a public profile. Shared by both presets. @internal
 */
export function profileVerdict(f: PairFacts, fullUpTo: 1 | 2): Verdict<'viewProfile'> {
  const d = f.degree;
  if (d === 1) return PROFILE_1;
  if (d === 2) return fullUpTo === 2 ? PROFILE_2_FULL : PROFILE_2_LIMITED;
  if (d === 3) return PROFILE_3;
  if (f.sharedGroup) return PROFILE_GROUP;
  if (f.targetPrivacy.profileVisibility === 'public') return PROFILE_PUBLIC;
  return PROFILE_NONE;
}

/** `viewConnections`: degree 1 unless the target's connections are private. @internal */
export function connectionsVerdict(f: PairFacts): Verdict<'viewConnections'> {
  if (f.targetPrivacy.connectionsVisibility === 'private') return DENY_PRIVATE;
  return f.degree === 1 ? ALLOW_1 : DENY_FAR;
}

/** `viewMutualConnections`: degree 1 and 2, whatever the privacy settings. @internal */
export function mutualVerdict(f: PairFacts): Verdict<'viewMutualConnections'> {
  return f.degree === 1 ? ALLOW_1 : f.degree === 2 ? ALLOW_2 : DENY_FAR;
}

/** `viewContactInfo`: degree 1 only. @internal */
export function contactVerdict(f: PairFacts): Verdict<'viewContactInfo'> {
  return f.degree === 1 ? ALLOW_1 : DENY_FAR;
}

/** `message`: degree 1 (and 2 when `upTo` is 2), else a shared group or an open profile. @internal */
export function messageVerdict(f: PairFacts, upTo: 1 | 2): Verdict<'message'> {
  const d = f.degree;
  if (d === 1) return ALLOW_1;
  if (d === 2 && upTo === 2) return ALLOW_2;
  if (f.sharedGroup) return ALLOW_GROUP;
  if (f.targetPrivacy.openProfile) return ALLOW_OPEN;
  return DENY_FAR;
}

/**
 * `invite`: not connected, nothing pending, degree 2 or 3; out of network only when the target
 * accepts invitations from anyone. @internal
 */
export function inviteVerdict(f: PairFacts): Verdict<'invite'> {
  const d = f.degree;
  if (d === 1) return DENY_CONNECTED;
  if (f.pendingInvitation()) return DENY_PENDING;
  if (d === 2) return ALLOW_2;
  if (d === 3) return ALLOW_3;
  return f.targetPrivacy.invitations === 'anyone' ? ALLOW_OUT : DENY_OUT;
}

/** `requestIntroduction`: degree 2 (and 3 when `upTo` is 3): there is someone to ask. @internal */
export function introductionVerdict(f: PairFacts, upTo: 2 | 3): Verdict<'requestIntroduction'> {
  const d = f.degree;
  if (d === 1) return DENY_CONNECTED;
  if (d === 2) return ALLOW_2;
  if (d === 3 && upTo === 3) return ALLOW_3;
  return upTo === 3 ? DENY_OUT : DENY_FAR;
}

/**
 * The default rule set.
 *
 * | action | allowed |
 * | --- | --- |
 * | `viewProfile` | `full` at degree 1–2; `limited` at degree 3, with a shared group or a public profile |
 * | `viewConnections` | degree 1 unless the target's connections are private |
 * | `viewMutualConnections` | degree 1–2 |
 * | `viewContactInfo` | degree 1 |
 * | `message` | degree 1–2, a shared group, or an open profile |
 * | `invite` | degree 2–3, not pending; out of network if the target accepts anyone |
 * | `requestIntroduction` | degree 2–3 |
 *
 * @remarks Each decision costs one degree lookup capped at 1, 2 or 3 (see each rule's `maxDegree`).
 * @example
 * ```ts
 * graph.setPolicy(DEFAULT_POLICY);
 * graph.can('ada', 'message', 'cy'); // { allowed: true, reason: 'second-degree', degree: 2 }
 * ```
 * @public
 */
export const DEFAULT_POLICY: Policy = Object.freeze({
  name: 'default',
  rules: Object.freeze({
    viewProfile: { maxDegree: 3, decide: (f: PairFacts) => profileVerdict(f, 2) },
    viewConnections: { maxDegree: 1, decide: connectionsVerdict },
    viewMutualConnections: { maxDegree: 2, decide: mutualVerdict },
    viewContactInfo: { maxDegree: 1, decide: contactVerdict },
    message: { maxDegree: 2, decide: (f: PairFacts) => messageVerdict(f, 2) },
    invite: { maxDegree: 3, decide: inviteVerdict },
    requestIntroduction: { maxDegree: 3, decide: (f: PairFacts) => introductionVerdict(f, 3) },
  }),
});
