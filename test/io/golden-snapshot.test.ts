/**
 * Snapshots are a stable format: a file written by an earlier build (committed in
 * test/fixtures/golden, format 1.0) still loads, and the same state written today gives the same
 * bytes section for section; format 1.1 adds only the optional `quotas` section (the uses each
 * quota keeps), which a 1.0 reader skips.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SocialGraph } from '../../src/index.js';
import { inspectSnapshot } from '../../src/graph/snapshot-format.js';
import { goldenGraph } from './golden-graph.js';

const GOLDEN = new URL('../fixtures/golden/all-sections-v1.0.sg', import.meta.url);

describe('golden snapshot', () => {
  it('a snapshot written by an earlier build loads with the same answers', () => {
    const graph = SocialGraph.fromBytes(readFileSync(GOLDEN), { clock: () => 1_767_225_700_000 });
    expect(graph.memberCount).toBe(8);
    expect(graph.connectionCount).toBe(5);
    expect(graph.degree('ada', 'urn:li:member:123456789')).toBe(null);
    expect(graph.degree('zoë', 'dee')).toBe(null);
    expect(graph.degree('zoë', 'cy')).toBe(3);
    expect(graph.connectedAt('bob', 'cy')).toBe(1_700_000_000_000);
    expect(graph.profile('ada')).toEqual({ name: 'Ada', company: 'Acme' });
    expect(graph.privacy('cy').openProfile).toBe(true);
    expect(graph.sharedGroups('ada', 'cy')).toEqual(['rust-paris']);
    expect(graph.policy().name).toBe('strict');
    expect(graph.isBlocked('fay', 'eve')).toBe(true);
    expect(graph.sentInvitations('ada').map((i) => i.to)).toEqual(['cy']);
    expect(graph.tagsOf('ada', 'bob')).toEqual(['mentor']);
    expect(graph.list('ada', 'hiring')).toEqual(['cy']);
    expect(graph.favorites('ada')).toEqual(['zoë']);
    expect(graph.hiddenMembers('bob')).toEqual(['urn:li:member:123456789']);
    expect(graph.quota('bob', 'invite')?.limit).toBe(5);
  });

  it('the same state written today gives the same bytes, section for section, plus the quotas section of 1.1', () => {
    const today = goldenGraph().toBytes();
    const golden = new Uint8Array(readFileSync(GOLDEN));
    const payloads = (bytes: Uint8Array): Map<string, string> =>
      new Map(inspectSnapshot(bytes).sections.map((s) => [s.name, Buffer.from(bytes.subarray(s.offset, s.offset + s.bytes)).toString('hex')]));
    const old = payloads(golden);
    const now = payloads(today);
    expect(inspectSnapshot(golden).minorVersion).toBe(0);
    expect(inspectSnapshot(today).minorVersion).toBe(1);
    expect([...now.keys()]).toEqual([...old.keys()].flatMap((name) => (name === 'policy' ? ['policy', 'quotas'] : [name])));
    for (const [name, payload] of old) expect(now.get(name), name).toBe(payload);
    // The golden file's quota uses (bob's attempt and ada's invitations) were lost on load; today's keep them.
    const reloaded = SocialGraph.fromBytes(today, { clock: () => 1_767_225_700_000 });
    expect(reloaded.quota('bob', 'invite')?.used).toBe(goldenGraph().quota('bob', 'invite')?.used);
    expect(reloaded.quota('ada', 'invite')?.used).toBe(goldenGraph().quota('ada', 'invite')?.used);
    expect(Buffer.from(reloaded.toBytes()).equals(Buffer.from(today))).toBe(true);
  });
});
