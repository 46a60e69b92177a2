/**
 * Building and validating rule sets: {@link definePolicy} derives a policy from a preset,
 * {@link degreeRule} writes the common "degree up to N, or a shared group, or an open profile"
 * rule from data.
 *
 * @packageDocumentation
 */
import { MAX_SEARCH_DEPTH } from '../../algorithms/bidirectional-distance.js';
import { describeValue, SocialGraphError } from '../../errors.js';
import { isWellFormedText } from '../../encoding/text.js';
import { POLICY_ACTIONS, type ActionRule, type PairFacts, type Policy, type PolicyAction, type ReasonCode, type Verdict } from './policy.js';

/**
 * Rules to replace in a base policy, by action.
 * @public
 */
export type PolicyOverrides = { readonly [A in PolicyAction]?: ActionRule<A> };

/**
 * Derives a policy from `base` (a preset or another derived policy), replacing the rules given.
 * Throws `INVALID_OPTION` for an unknown action, a rule without `decide`, or a `maxDegree`
 * outside 0..250.
 *
 * @remarks O(actions). The result is frozen; swap it in with {@link SocialGraph.setPolicy}.
 * @example
 * ```ts
 * const recruiters = definePolicy('recruiters', DEFAULT_POLICY, {
 *   message: { maxDegree: 3, decide: (f) => ({ allowed: f.degree !== null, reason: f.degree === null ? 'too-far' : 'custom' }) },
 * });
 * graph.setPolicy(recruiters);
 * ```
 * @public
 */
export function definePolicy(name: string, base: Policy, overrides: PolicyOverrides = {}): Policy {
  const method = 'definePolicy';
  checkPolicy(method, base);
  if (overrides === null || typeof overrides !== 'object') {
    throw new SocialGraphError('INVALID_OPTION', `${method}: overrides must be an object of rules by action, got ${describeValue(overrides)}`);
  }
  const rules: Record<string, ActionRule> = { ...base.rules };
  for (const key of Object.keys(overrides)) {
    const rule: unknown = (overrides as Record<string, unknown>)[key];
    if (rule === undefined) continue;
    rules[key] = rule as ActionRule;
  }
  const policy = { name, rules: Object.freeze(rules) } as unknown as Policy;
  checkPolicy(method, policy);
  return Object.freeze(policy);
}

/**
 * Throws `INVALID_OPTION` naming `method` unless `value` is a complete, well-formed policy. @internal
 *
 * @remarks O(actions).
 * @example
 * ```ts
 * checkPolicy('SocialGraph.setPolicy', DEFAULT_POLICY);
 * ```
 */
export function checkPolicy(method: string, value: unknown): asserts value is Policy {
  if (value === null || typeof value !== 'object') {
    throw new SocialGraphError('INVALID_OPTION', `${method}: policy must be an object { name, rules } or 'default' / 'strict', got ${describeValue(value)}`);
  }
  const { name, rules } = value as { name?: unknown; rules?: unknown };
  if (typeof name !== 'string' || name.length === 0 || !isWellFormedText(name)) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: policy name must be a well-formed (no lone surrogate) non-empty string, got ${describeValue(name)}`);
  }
  if (rules === null || typeof rules !== 'object') {
    throw new SocialGraphError('INVALID_OPTION', `${method}: policy ${describeValue(name)} has no rules object, got ${describeValue(rules)}`);
  }
  for (const key of Object.keys(rules)) {
    if (!(POLICY_ACTIONS as readonly string[]).includes(key)) {
      throw new SocialGraphError('INVALID_OPTION', `${method}: policy ${describeValue(name)} has a rule for unknown action ${describeValue(key)}`);
    }
  }
  for (const action of POLICY_ACTIONS) {
    const rule: unknown = (rules as Record<string, unknown>)[action];
    if (rule === null || typeof rule !== 'object') {
      throw new SocialGraphError('INVALID_OPTION', `${method}: policy ${describeValue(name)} has no rule for ${describeValue(action)}`);
    }
    const { maxDegree, decide } = rule as { maxDegree?: unknown; decide?: unknown };
    if (typeof maxDegree !== 'number' || !Number.isInteger(maxDegree) || maxDegree < 0 || maxDegree > MAX_SEARCH_DEPTH) {
      throw new SocialGraphError(
        'INVALID_OPTION',
        `${method}: rule ${describeValue(action)} of policy ${describeValue(name)} needs maxDegree, an integer from 0 to ${MAX_SEARCH_DEPTH}, got ${describeValue(maxDegree)}`,
      );
    }
    if (typeof decide !== 'function') {
      throw new SocialGraphError('INVALID_OPTION', `${method}: rule ${describeValue(action)} of policy ${describeValue(name)} needs a decide function, got ${describeValue(decide)}`);
    }
  }
}

/** The actions whose rules {@link degreeRule} can write (all but `viewProfile`, which needs levels). @public */
export type SimpleAction = Exclude<PolicyAction, 'viewProfile'>;

/**
 * A rule given as data: see {@link degreeRule}.
 * @public
 */
export interface DegreeRuleOptions {
  /** Allowed at degree 1 up to this degree (0 to 3; 0: never by degree). */
  upTo: 0 | 1 | 2 | 3;
  /** Also allowed when the two members share a group (reason `shared-group`). @defaultValue false */
  sharedGroup?: boolean;
  /** Also allowed when the target has an open profile (reason `open-profile`). @defaultValue false */
  openProfile?: boolean;
  /**
   * A custom predicate, asked first: return a verdict to decide, or `undefined` to fall through
   * to the thresholds. It sees the degree up to `maxDegree`.
   */
  when?: (facts: PairFacts) => Verdict<SimpleAction> | undefined;
  /** How far `when` needs to see (at least `upTo`). @defaultValue upTo */
  maxDegree?: number;
}

const DEGREE_REASONS: readonly ReasonCode[] = ['self', 'connected', 'second-degree', 'third-degree'];

/**
 * Writes a rule from thresholds: allowed at degree 1..`upTo` (reasons `connected`,
 * `second-degree`, `third-degree`), else with a shared group or an open profile when enabled,
 * else denied `too-far`. A `when` predicate decides first when it returns a verdict.
 *
 * @remarks The rule costs one degree lookup capped at `maxDegree` (default `upTo`).
 * @example
 * ```ts
 * const policy = definePolicy('groups-only', DEFAULT_POLICY, {
 *   message: degreeRule<'message'>({ upTo: 1, sharedGroup: true }),
 * });
 * ```
 * @public
 */
export function degreeRule<A extends SimpleAction>(options: DegreeRuleOptions): ActionRule<A> {
  const method = 'degreeRule';
  if (options === null || typeof options !== 'object') {
    throw new SocialGraphError('INVALID_OPTION', `${method}: options must be an object, got ${describeValue(options)}`);
  }
  const { upTo, sharedGroup = false, openProfile = false, when } = options;
  if (upTo !== 0 && upTo !== 1 && upTo !== 2 && upTo !== 3) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: upTo must be 0, 1, 2 or 3, got ${describeValue(upTo)}`);
  }
  const maxDegree = options.maxDegree ?? upTo;
  if (!Number.isInteger(maxDegree) || maxDegree < upTo || maxDegree > MAX_SEARCH_DEPTH) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: maxDegree must be an integer from upTo (${upTo}) to ${MAX_SEARCH_DEPTH}, got ${describeValue(maxDegree)}`);
  }
  if (typeof sharedGroup !== 'boolean' || typeof openProfile !== 'boolean') {
    throw new SocialGraphError('INVALID_OPTION', `${method}: sharedGroup and openProfile must be booleans`);
  }
  if (when !== undefined && typeof when !== 'function') {
    throw new SocialGraphError('INVALID_OPTION', `${method}: when must be a function, got ${describeValue(when)}`);
  }
  const decide = (f: PairFacts): Verdict<SimpleAction> => {
    if (when !== undefined) {
      const verdict = when(f);
      if (verdict !== undefined) return verdict;
    }
    const d = f.degree;
    if (d !== null && d >= 1 && d <= upTo) return { allowed: true, reason: DEGREE_REASONS[d]! };
    if (sharedGroup && f.sharedGroup) return { allowed: true, reason: 'shared-group' };
    if (openProfile && f.targetPrivacy.openProfile) return { allowed: true, reason: 'open-profile' };
    return { allowed: false, reason: 'too-far' };
  };
  return Object.freeze({ maxDegree, decide }) as unknown as ActionRule<A>;
}
