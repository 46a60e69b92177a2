/**
 * Permissions: the permission feature of a graph. It owns the policy state (blocks, privacy,
 * groups, quotas, the rule set in force) and its snapshot section, and decides who may do what
 * to whom. Other features hear of new blocks through {@link Permissions.observeBlocks}, in the
 * order they were built.
 *
 * @packageDocumentation
 */
import { describeValue, SocialGraphError } from '../../errors.js';
import type { GraphCore } from '../../graph/graph-core.js';
import type { BoundSection } from '../../graph/snapshot-section.js';
import { checkAction, decide } from './decide.js';
import { checkPolicy } from './define-policy.js';
import { DEFAULT_POLICY } from './default-policy.js';
import { MemberPolicyState } from './member-policy-state.js';
import type { Decision, Policy, PolicyAction } from './policy.js';
import { policySection } from './policy-section.js';
import { quotaSection } from './quota-section.js';
import { mergePrivacy, privacyCode, privacyOfCode, type PrivacySettings } from './privacy-settings.js';
import { chargeAttempt, readQuotaLimit, SlidingWindowQuota, type QuotaLimit, type QuotaUsage } from './sliding-window-quota.js';
import { isWellFormedText } from '../../encoding/text.js';
import { STRICT_POLICY } from './strict-policy.js';

/**
 * The permission feature of one graph (see the module notes).
 *
 * @remarks Decisions cost at most one capped degree lookup; every other method is O(1) or
 * O(groups) as documented on `SocialGraph`.
 * @example
 * ```ts
 * const permissions = new Permissions(core, undefined);
 * permissions.can('SocialGraph.can', 'ada', 'message', 'bob');
 * ```
 * @internal
 */
export class Permissions {
  readonly state: MemberPolicyState = new MemberPolicyState();
  /** The snapshot section of this state. */
  readonly section: BoundSection;
  /** The snapshot section of the quotas' uses (after {@link Permissions.section}). */
  readonly quotaSection: BoundSection;
  readonly #core: GraphCore;
  readonly #onBlocked: ((a: number, b: number) => void)[] = [];

  /**
   * @param core - the graph core.
   * @param customPolicy - the custom policy a snapshot being loaded may name (the `policy` option).
   */
  constructor(core: GraphCore, customPolicy: Policy | undefined) {
    this.#core = core;
    this.section = policySection(this.state, core, customPolicy);
    this.quotaSection = quotaSection(this.state);
    core.observe({ memberRemoving: (v) => this.state.forget(v) });
  }

  /** Registers an internal observer of new blocks (while the graph is built). */
  observeBlocks(hook: (a: number, b: number) => void): void {
    this.#onBlocked.push(hook);
  }

  block(method: string, a: string, b: string): boolean {
    const core = this.#core;
    const u = core.index(method, a);
    const v = core.index(method, b);
    if (u === v) throw new SocialGraphError('SELF_BLOCK', `${method}: member ${describeValue(a)} cannot block itself`);
    const fresh = this.state.block(u, v);
    core.disconnectIndices(u, v, a, b);
    if (!fresh) return false;
    for (const hook of this.#onBlocked) hook(u, v);
    if (core.events.has('blocked')) core.events.push({ type: 'blocked', a, b });
    return true;
  }

  unblock(method: string, a: string, b: string): boolean {
    const core = this.#core;
    const u = core.index(method, a);
    const v = core.index(method, b);
    if (!this.state.unblock(u, v)) return false;
    if (core.events.has('unblocked')) core.events.push({ type: 'unblocked', a, b });
    return true;
  }

  isBlocked(method: string, a: string, b: string): boolean {
    const u = this.#core.index(method, a);
    const v = this.#core.index(method, b);
    return this.state.blockedPair(u, v);
  }

  blockedMembers(method: string, id: string): string[] {
    const u = this.#core.index(method, id);
    return this.state.blockedBy(u).map((v) => this.#core.ids.idOf(v));
  }

  setPrivacy(method: string, id: string, settings: Partial<PrivacySettings>): PrivacySettings {
    const core = this.#core;
    const v = core.index(method, id);
    const next = mergePrivacy(method, privacyOfCode(this.state.privacyCode(v)), settings);
    this.state.setPrivacyCode(v, privacyCode(next));
    if (core.events.has('privacyChanged')) core.events.push({ type: 'privacyChanged', id, settings: { ...next } });
    return next;
  }

  privacy(method: string, id: string): PrivacySettings {
    const v = this.#core.index(method, id);
    return { ...privacyOfCode(this.state.privacyCode(v)) };
  }

  joinGroup(method: string, id: string, group: string): boolean {
    const core = this.#core;
    const v = core.index(method, id);
    checkGroup(method, group);
    if (!this.state.join(v, group)) return false;
    if (core.events.has('groupJoined')) core.events.push({ type: 'groupJoined', id, group });
    return true;
  }

  leaveGroup(method: string, id: string, group: string): boolean {
    const core = this.#core;
    const v = core.index(method, id);
    checkGroup(method, group);
    if (!this.state.leave(v, group)) return false;
    if (core.events.has('groupLeft')) core.events.push({ type: 'groupLeft', id, group });
    return true;
  }

  groupsOf(method: string, id: string): string[] {
    return this.state.groupsOf(this.#core.index(method, id));
  }

  sharedGroups(method: string, a: string, b: string): string[] {
    const u = this.#core.index(method, a);
    const v = this.#core.index(method, b);
    return this.state.sharedGroups(u, v);
  }

  get policy(): Policy {
    return this.state.policy;
  }

  setPolicy(method: string, policy: Policy | 'default' | 'strict'): void {
    this.state.policy = resolvePolicy(method, policy);
  }

  setQuota(method: string, action: PolicyAction, limit: QuotaLimit | null): void {
    checkAction(method, action);
    // Read once, validated and copied: a getter cannot change the limit after the check.
    const read = limit === null ? null : readQuotaLimit(method, limit);
    const quotas = this.state.quotas;
    const previous = quotas.get(action);
    if (read === null) {
      quotas.delete(action);
      return;
    }
    const quota = new SlidingWindowQuota(read);
    if (previous !== undefined) quota.carryFrom(previous, this.#core.now());
    quotas.set(action, quota);
  }

  quota(method: string, id: string, action: PolicyAction): QuotaUsage | null {
    const v = this.#core.index(method, id);
    checkAction(method, action);
    const quota = this.state.quotas.get(action);
    return quota === undefined ? null : quota.usage(v, this.#core.now());
  }

  can(method: string, viewer: string, action: PolicyAction, target: string): Decision {
    const core = this.#core;
    const u = core.index(method, viewer);
    checkAction(method, action);
    const v = core.index(method, target);
    return decide(core, this.state, action, u, v, viewer, target, core.now());
  }

  attempt(method: string, viewer: string, action: PolicyAction, target: string): Decision {
    const core = this.#core;
    const u = core.index(method, viewer);
    checkAction(method, action);
    const v = core.index(method, target);
    const now = core.now();
    const decision = decide(core, this.state, action, u, v, viewer, target, now);
    if (decision.allowed && decision.reason !== 'self') chargeAttempt(this.state.quotas.get(action), action, u, v, now);
    return decision;
  }
}

/**
 * A policy given by the caller (a preset name or a {@link Policy}), checked and frozen: a copy
 * when the caller's object is not frozen, so that later changes to it cannot bypass validation.
 * Throws `INVALID_OPTION` naming `method`.
 *
 * @remarks O(actions).
 * @example
 * ```ts
 * resolvePolicy('SocialGraph.setPolicy', 'strict').name; // 'strict'
 * ```
 * @internal
 */
export function resolvePolicy(method: string, value: unknown): Policy {
  const resolved = value === 'default' ? DEFAULT_POLICY : value === 'strict' ? STRICT_POLICY : value;
  checkPolicy(method, resolved);
  return Object.isFrozen(resolved) && Object.isFrozen(resolved.rules) ? resolved : Object.freeze({ name: resolved.name, rules: Object.freeze({ ...resolved.rules }) });
}

function checkGroup(method: string, group: unknown): asserts group is string {
  if (typeof group !== 'string' || group.length === 0 || !isWellFormedText(group)) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: group names are well-formed (no lone surrogate) non-empty strings, got ${describeValue(group)}`);
  }
}
