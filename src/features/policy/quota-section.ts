/**
 * The `quotas` snapshot section: the uses each quota keeps (times and invitation tags), so that a
 * reloaded graph counts exactly the uses the saved one counted (snapshot minor version 1; readers
 * of minor 0 skip it, as it is optional).
 *
 * @packageDocumentation
 */
import type { ByteReader } from '../../encoding/byte-reader.js';
import type { ByteWriter } from '../../encoding/byte-writer.js';
import type { BoundSection, SnapshotReadContext, SnapshotWriteContext } from '../../graph/snapshot-section.js';
import type { MemberPolicyState } from './member-policy-state.js';
import type { PolicyAction } from './policy.js';

function write(state: MemberPolicyState, out: ByteWriter, context: SnapshotWriteContext): boolean {
  const { denseIndex } = context;
  const entries: { action: PolicyAction; members: { member: number; times: Float64Array; tags: Int32Array | null }[] }[] = [];
  for (const [action, quota] of state.quotas) {
    const members: { member: number; times: Float64Array; tags: Int32Array | null }[] = [];
    quota.forEachMember((member, times, tags) => {
      if (denseIndex[member]! >= 0) members.push({ member: denseIndex[member]!, times, tags });
    });
    if (members.length > 0) entries.push({ action, members });
  }
  if (entries.length === 0) return false;
  out.varint(entries.length);
  for (const { action, members } of entries) {
    out.string(action);
    out.varint(members.length);
    for (const { member, times, tags } of members) {
      out.varint(member);
      out.varint(times.length);
      for (let i = 0; i < times.length; i++) out.f64(times[i]!);
      // Tags: (position, dense target) pairs of the tagged uses.
      const tagged: number[] = [];
      if (tags !== null) for (let i = 0; i < tags.length; i++) if (tags[i]! >= 0 && denseIndex[tags[i]!]! >= 0) tagged.push(i, denseIndex[tags[i]!]!);
      out.varint(tagged.length / 2);
      for (const x of tagged) out.varint(x);
    }
  }
  return true;
}

function read(state: MemberPolicyState, input: ByteReader, context: SnapshotReadContext): void {
  const { memberCount } = context;
  const actions = input.varint();
  const seen = new Set<string>();
  for (let a = 0; a < actions; a++) {
    const action = input.string() as PolicyAction;
    const quota = state.quotas.get(action);
    // The policy section (written before this one) set the quota limits.
    if (quota === undefined || seen.has(action)) input.fail(`uses of ${JSON.stringify(action)}, which has no quota (or twice)`);
    seen.add(action);
    const members = input.varint();
    let last = -1;
    for (let m = 0; m < members; m++) {
      const member = input.varint();
      if (member >= memberCount || member <= last) input.fail(`member ${member} out of order or outside 0..${memberCount - 1}`);
      last = member;
      const count = input.varint();
      if (count < 1 || count > quota.limit) input.fail(`${count} uses of ${action} kept for member ${member} (limit ${quota.limit})`);
      const times = new Float64Array(count);
      for (let i = 0; i < count; i++) {
        const t = input.f64();
        if (!Number.isFinite(t) || (i > 0 && t < times[i - 1]!)) input.fail(`use times of member ${member} not finite and ascending`);
        times[i] = t;
      }
      const tags = new Int32Array(count).fill(-1);
      const tagged = input.varint();
      if (tagged > count) input.fail(`${tagged} tagged uses of ${count}`);
      let lastAt = -1;
      for (let i = 0; i < tagged; i++) {
        const at = input.varint();
        const target = input.varint();
        if (at >= count || at <= lastAt || target >= memberCount) input.fail(`bad tag of member ${member}`);
        lastAt = at;
        tags[at] = target;
      }
      for (let i = 0; i < count; i++) quota.record(member, times[i]!, tags[i]!);
    }
  }
}

/**
 * The `quotas` snapshot section of a graph's policy state (see docs/snapshots.md): the uses each
 * quota keeps, written when any member has one. Optional: a reader that does not know it loads
 * the graph with empty windows.
 *
 * @remarks Write O(uses kept + n); read O(uses kept).
 * @example
 * ```ts
 * quotaSection(state).name; // 'quotas'
 * ```
 * @internal
 */
export function quotaSection(state: MemberPolicyState): BoundSection {
  return {
    name: 'quotas',
    required: false,
    write: (out, context) => write(state, out, context),
    read: (input, context) => read(state, input, context),
  };
}
