/**
 * The policy's public types: a viewProfile rule must give a level, other rules must not need one,
 * reason codes are a closed set, and degreeRule is typed per action.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  DEFAULT_POLICY,
  definePolicy,
  degreeRule,
  type ActionRule,
  type Decision,
  type PairFacts,
  type PolicyAction,
  type ReasonCode,
  type Verdict,
} from '../../src/index.js';

describe('policy types', () => {
  it('Verdict<viewProfile> carries a level; other verdicts do not', () => {
    expectTypeOf<Verdict<'viewProfile'>>().toHaveProperty('level');
    expectTypeOf<Verdict<'message'>>().not.toHaveProperty('level');
    expectTypeOf<Decision['reason']>().toEqualTypeOf<ReasonCode>();
    expectTypeOf<PairFacts['degree']>().toEqualTypeOf<number | null>();
  });

  it('rules are checked at compile time', () => {
    const profile: ActionRule<'viewProfile'> = { maxDegree: 1, decide: () => ({ allowed: true, reason: 'custom', level: 'limited' }) };
    // @ts-expect-error a viewProfile verdict needs a level
    const noLevel: ActionRule<'viewProfile'> = { maxDegree: 1, decide: () => ({ allowed: true, reason: 'custom' }) };
    // @ts-expect-error reason codes are a closed set
    const badReason: ActionRule<'message'> = { maxDegree: 1, decide: () => ({ allowed: true, reason: 'because' }) };
    // @ts-expect-error only known actions (and it throws INVALID_OPTION at run time)
    expect(() => definePolicy('x', DEFAULT_POLICY, { poke: degreeRule({ upTo: 1 }) })).toThrow();
    const policy = definePolicy('x', DEFAULT_POLICY, { viewProfile: profile, message: degreeRule<'message'>({ upTo: 1 }) });
    expectTypeOf(policy.rules.viewProfile).toEqualTypeOf<ActionRule<'viewProfile'>>();
    expectTypeOf<keyof typeof policy.rules>().toEqualTypeOf<PolicyAction>();
    void noLevel;
    void badReason;
  });
});
