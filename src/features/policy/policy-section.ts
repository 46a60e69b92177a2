/**
 * The `policy` snapshot section: the permission policy's state of a graph (blocks, privacy
 * settings, groups, quota limits and the rule set in force), keyed by dense snapshot index.
 *
 * @packageDocumentation
 */
import { SocialGraphError } from '../../errors.js';
import type { MemberPolicyState } from './member-policy-state.js';
import { DEFAULT_POLICY } from './default-policy.js';
import { STRICT_POLICY } from './strict-policy.js';
import { POLICY_ACTIONS, type Policy, type PolicyAction } from './policy.js';
import { PRIVACY_CODES } from './privacy-settings.js';
import { MAX_QUOTA_LIMIT, MAX_QUOTA_WINDOW_MS, SlidingWindowQuota } from './sliding-window-quota.js';
import type { GraphCore } from '../../graph/graph-core.js';
import type { ByteReader } from '../../encoding/byte-reader.js';
import type { ByteWriter } from '../../encoding/byte-writer.js';
import type { BoundSection, SnapshotReadContext, SnapshotWriteContext } from '../../graph/snapshot-section.js';

const PRESET_DEFAULT = 0;
const PRESET_STRICT = 1;
const CUSTOM = 2;

function write(state: MemberPolicyState, core: GraphCore, out: ByteWriter, context: SnapshotWriteContext): boolean {
  if (state.isEmpty) return false;
  const { denseIndex } = context;
  const { store } = core;
  const bound = store.indexBound;
  // The rule set: a preset, or a custom policy by name (its code cannot be stored).
  const { policy } = state;
  if (policy.name === DEFAULT_POLICY.name && policy.rules === DEFAULT_POLICY.rules) out.u8(PRESET_DEFAULT);
  else if (policy.name === STRICT_POLICY.name && policy.rules === STRICT_POLICY.rules) out.u8(PRESET_STRICT);
  else {
    out.u8(CUSTOM);
    out.string(policy.name);
  }
  // Quota limits (their uses are in the quotas section, quota-section.ts).
  out.varint(state.quotas.size);
  for (const [action, quota] of state.quotas) {
    out.string(action);
    out.varint(quota.limit);
    out.u32(quota.windowMs % 2 ** 32);
    out.u32(Math.floor(quota.windowMs / 2 ** 32));
  }
  // Privacy codes, blocks and groups of live members.
  const privacy: number[] = [];
  const blocks: number[] = [];
  const groups: [number, string][] = [];
  for (let v = 0; v < bound; v++) {
    const dv = denseIndex[v]!;
    if (dv < 0) continue;
    const code = state.privacyCode(v);
    if (code !== 0) privacy.push(dv, code);
    for (const b of state.blockedBy(v)) if (denseIndex[b]! >= 0) blocks.push(dv, denseIndex[b]!);
    for (const name of state.groupsOf(v)) groups.push([dv, name]);
  }
  out.varint(privacy.length / 2);
  for (let i = 0; i < privacy.length; i += 2) {
    out.varint(privacy[i]!);
    out.u8(privacy[i + 1]!);
  }
  out.varint(blocks.length / 2);
  for (const x of blocks) out.varint(x);
  out.varint(groups.length);
  for (const [v, name] of groups) {
    out.varint(v);
    out.string(name);
  }
  return true;
}

function read(state: MemberPolicyState, given: Policy | undefined, input: ByteReader, context: SnapshotReadContext): void {
  const { memberCount: members } = context;
  const member = (): number => {
    const v = input.varint();
    if (v >= members) input.fail(`member ${v} outside 0..${members - 1}`);
    return v;
  };
  const kind = input.u8();
  if (kind === PRESET_DEFAULT) state.policy = DEFAULT_POLICY;
  else if (kind === PRESET_STRICT) state.policy = STRICT_POLICY;
  else if (kind === CUSTOM) {
    const name = input.string();
    if (given === undefined || given === null || typeof given !== 'object' || given.name !== name) {
      throw new SocialGraphError(
        'INVALID_OPTION',
        `SocialGraph.fromBytes: the snapshot uses the custom policy ${JSON.stringify(name)}, which a snapshot cannot hold: pass it as options.policy`,
      );
    }
    state.policy = given; // checked and frozen by the options pipeline (resolvePolicy)
  } else input.fail(`unknown policy kind ${kind}`);
  const quotas = input.varint();
  for (let i = 0; i < quotas; i++) {
    const action = input.string() as PolicyAction;
    if (!POLICY_ACTIONS.includes(action) || state.quotas.has(action)) input.fail(`bad quota action ${JSON.stringify(action)}`);
    const limit = input.varint();
    const windowMs = input.u32() + input.u32() * 2 ** 32;
    if (limit < 1 || limit > MAX_QUOTA_LIMIT || windowMs < 1 || windowMs > MAX_QUOTA_WINDOW_MS) input.fail(`bad quota for ${action}`);
    state.quotas.set(action, new SlidingWindowQuota({ limit, windowMs }));
  }
  const privacy = input.varint();
  let last = -1;
  for (let i = 0; i < privacy; i++) {
    const v = member();
    const code = input.u8();
    if (v <= last || code === 0 || code >= PRIVACY_CODES) input.fail(`bad privacy entry for member ${v}`);
    last = v;
    state.setPrivacyCode(v, code);
  }
  const blocks = input.varint();
  for (let i = 0; i < blocks; i++) {
    const a = member();
    const b = member();
    if (a === b || !state.block(a, b)) input.fail(`bad block ${a} → ${b}`);
  }
  const memberships = input.varint();
  for (let i = 0; i < memberships; i++) {
    const v = member();
    const name = input.string();
    if (name.length === 0 || !state.join(v, name)) input.fail(`bad group membership of member ${v}`);
  }
}

/**
 * The `policy` snapshot section of a graph's policy state (see docs/snapshots.md): written when
 * anything differs from a fresh graph. Custom policies are stored by name and must be given again
 * (the `policy` option) to load the snapshot; quota limits are stored here, their uses in the
 * `quotas` section (quota-section.ts).
 *
 * @remarks Write O(n + blocks + memberships); read the same.
 * @example
 * ```ts
 * policySection(state, core, undefined).name; // 'policy'
 * ```
 * @internal
 */
export function policySection(state: MemberPolicyState, core: GraphCore, given: Policy | undefined): BoundSection {
  return {
    name: 'policy',
    required: true,
    write: (out, context) => write(state, core, out, context),
    read: (input, context) => read(state, given, input, context),
  };
}
