import { describe, expect, it } from 'vitest';
import { SocialGraph, logOperations, replayOperation, type OperationRecord } from '../../src/index.js';

describe('operation log', () => {
  it('replaying the log rebuilds the same bytes, with times pinned per call', () => {
    let t = 1_700_000_000_000;
    const clock = () => (t += 7);
    const graph = new SocialGraph({ clock });
    const records: OperationRecord[] = [];
    logOperations(graph, { append: (r) => records.push({ ...r, args: structuredClone(r.args) }) });
    for (const id of ['a', 'b', 'c', 'd']) graph.addMember(id);
    graph.connect('a', 'b', { at: 1_600_000_000_000 });
    graph.connect('b', 'c');
    graph.setQuota('invite', { limit: 3, windowMs: 60_000 });
    graph.invite('a', 'c', { note: 'hi' });
    graph.accept(graph.sentInvitations('a')[0]?.id ?? 'inv-0');
    graph.attempt('a', 'message', 'c');
    graph.block('c', 'd');
    graph.tag('a', 'b', 'x');
    graph.setProfile('a', { name: 'A' });
    graph.removeMember('b');
    expect(() => graph.connect('a', 'a')).toThrow();
    const copy = new SocialGraph({ clock: () => 0 });
    for (const r of records) replayOperation(copy, r);
    expect(records.map((r) => r.name)).toEqual(['addMember', 'addMember', 'addMember', 'addMember', 'connect', 'connect', 'setQuota', 'invite', 'accept', 'attempt', 'block', 'tag', 'setProfile', 'removeMember']);
    expect(Buffer.from(copy.toBytes()).equals(Buffer.from(graph.toBytes()))).toBe(true);
  });
});
