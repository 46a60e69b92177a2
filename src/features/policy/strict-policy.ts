/**
 * The strict policy preset, after LinkedIn's stricter real rules.
 *
 * @packageDocumentation
 */
import {
  connectionsVerdict,
  contactVerdict,
  introductionVerdict,
  inviteVerdict,
  messageVerdict,
  mutualVerdict,
  profileVerdict,
} from './default-policy.js';
import type { PairFacts, Policy } from './policy.js';

/**
 * The strict rule set: messages go to 1st-degree connections only (others need a shared group or
 * an open profile, as LinkedIn's InMail-free rules), full profiles to 1st degree only, and
 * introductions need a mutual connection (degree 2).
 *
 * | action | allowed |
 * | --- | --- |
 * | `viewProfile` | `full` at degree 1; `limited` at degree 2–3, with a shared group or a public profile |
 * | `viewConnections` | degree 1 unless the target's connections are private |
 * | `viewMutualConnections` | degree 1–2 |
 * | `viewContactInfo` | degree 1 |
 * | `message` | degree 1, a shared group, or an open profile |
 * | `invite` | degree 2–3, not pending; out of network if the target accepts anyone |
 * | `requestIntroduction` | degree 2 |
 *
 * @remarks Each decision costs one degree lookup capped at 1, 2 or 3.
 * @example
 * ```ts
 * graph.setPolicy(STRICT_POLICY);
 * graph.can('ada', 'message', 'cy'); // { allowed: false, reason: 'too-far', degree: null }
 * ```
 * @public
 */
export const STRICT_POLICY: Policy = Object.freeze({
  name: 'strict',
  rules: Object.freeze({
    viewProfile: { maxDegree: 3, decide: (f: PairFacts) => profileVerdict(f, 1) },
    viewConnections: { maxDegree: 1, decide: connectionsVerdict },
    viewMutualConnections: { maxDegree: 2, decide: mutualVerdict },
    viewContactInfo: { maxDegree: 1, decide: contactVerdict },
    message: { maxDegree: 1, decide: (f: PairFacts) => messageVerdict(f, 1) },
    invite: { maxDegree: 3, decide: inviteVerdict },
    requestIntroduction: { maxDegree: 2, decide: (f: PairFacts) => introductionVerdict(f, 2) },
  }),
});
