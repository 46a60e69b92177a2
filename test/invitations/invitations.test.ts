/**
 * The invitation rules one by one, with a fake clock: lifecycle and events, crossing
 * invitations, notes, the re-invitation cooldown (exact boundary), quotas, blocks and removals
 * during pending (with index reuse), direct connections, privacy, the policy's pending probe and
 * snapshots.
 */
import { describe, expect, it } from 'vitest';
import { InvitationDeniedError, SocialGraph, type SocialGraphErrorCode } from '../../src/index.js';
import { ByteReader } from '../../src/encoding/byte-reader.js';
import { ByteWriter } from '../../src/encoding/byte-writer.js';
import { codeOf } from '../support/errors.js';
import { graphInternals, invitationBook } from '../support/internals.js';

function setup(): { graph: SocialGraph; clock: { now: number } } {
  const clock = { now: 1_000 };
  const graph = new SocialGraph({ clock: () => clock.now });
  for (const id of ['ada', 'bob', 'cy', 'dee', 'eve', 'fay']) graph.addMember(id);
  graph.connect('ada', 'bob');
  graph.connect('bob', 'cy');
  graph.connect('cy', 'dee');
  graph.connect('bob', 'eve');
  return { graph, clock };
}

function reasonOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvitationDeniedError) return error.reason;
    throw error;
  }
  return undefined;
}

describe('invitations', () => {
  it('runs send → accept with events, and connects the pair', () => {
    const { graph, clock } = setup();
    const events: string[] = [];
    for (const type of ['invitationSent', 'invitationAccepted', 'connected'] as const) graph.on(type, (e) => events.push(e.type));
    const invitation = graph.invite('ada', 'cy', { note: 'Hi Cy' });
    expect(invitation).toEqual({ id: 'inv-0', from: 'ada', to: 'cy', note: 'Hi Cy', sentAt: 1_000, status: 'pending', closedAt: null });
    expect(graph.sentInvitations('ada').map((i) => i.id)).toEqual(['inv-0']);
    expect(graph.receivedInvitations('cy').map((i) => i.id)).toEqual(['inv-0']);
    expect(graph.can('cy', 'invite', 'ada').reason).toBe('invitation-pending');
    clock.now = 2_000;
    const accepted = graph.accept('inv-0');
    expect(accepted.status).toBe('accepted');
    expect(accepted.closedAt).toBe(2_000);
    expect(graph.degree('ada', 'cy')).toBe(1);
    expect(graph.sentInvitations('ada')).toEqual([]);
    expect(events).toEqual(['invitationSent', 'invitationAccepted', 'connected']);
    expect(codeOf(() => graph.accept('inv-0'))).toBe('INVITATION_NOT_PENDING');
    expect(codeOf(() => graph.ignore('inv-0'))).toBe('INVITATION_NOT_PENDING');
    expect(codeOf(() => graph.accept('inv-9'))).toBe('INVITATION_NOT_FOUND');
    expect(codeOf(() => graph.accept('nonsense'))).toBe('INVITATION_NOT_FOUND');
    expect(graph.invitation('inv-0')?.status).toBe('accepted');
    expect(graph.invitation('inv-77')).toBeUndefined();
  });

  it('lists pending invitations newest first', () => {
    const { graph, clock } = setup();
    graph.invite('ada', 'cy');
    clock.now = 5_000;
    graph.invite('ada', 'eve');
    clock.now = 3_000; // a clock going back: still by time
    graph.invite('dee', 'bob');
    graph.invite('eve', 'cy');
    expect(graph.sentInvitations('ada').map((i) => i.to)).toEqual(['eve', 'cy']);
    expect(graph.receivedInvitations('cy').map((i) => i.from)).toEqual(['eve', 'ada']);
  });

  it('accepts their invitation when inviting someone who invited you', () => {
    const { graph } = setup();
    const theirs = graph.invite('cy', 'ada');
    const result = graph.invite('ada', 'cy', { note: 'ignored note' });
    expect(result.id).toBe(theirs.id);
    expect(result.status).toBe('accepted');
    expect(graph.areConnected('ada', 'cy')).toBe(true);
  });

  it('refuses a duplicate pending invitation, and invitations the policy denies', () => {
    const { graph } = setup();
    graph.invite('ada', 'cy');
    expect(reasonOf(() => graph.invite('ada', 'cy'))).toBe('invitation-pending');
    expect(reasonOf(() => graph.invite('ada', 'bob'))).toBe('connected');
    expect(reasonOf(() => graph.invite('ada', 'ada'))).toBe('self');
    expect(reasonOf(() => graph.invite('ada', 'fay'))).toBe('out-of-network');
    graph.setPrivacy('fay', { invitations: 'anyone' });
    expect(graph.invite('ada', 'fay').status).toBe('pending');
    expect(codeOf(() => graph.invite('ada', 'dee'))).toBeUndefined(); // degree 3
    graph.block('eve', 'ada');
    expect(reasonOf(() => graph.invite('ada', 'eve'))).toBe('blocked');
    expect(graph.sentInvitations('ada').length).toBe(3);
  });

  it('limits notes to 300 characters, changing nothing', () => {
    const { graph } = setup();
    expect(codeOf(() => graph.invite('ada', 'cy', { note: 'x'.repeat(301) }))).toBe('INVALID_OPTION');
    expect(codeOf(() => graph.invite('ada', 'cy', { note: 42 as never }))).toBe('INVALID_OPTION');
    expect(graph.sentInvitations('ada')).toEqual([]);
    expect(graph.invite('ada', 'cy', { note: 'x'.repeat(300) }).note).toHaveLength(300);
  });

  it('enforces the re-invitation cooldown after a withdrawal, to the millisecond', () => {
    const { graph, clock } = setup();
    graph.setInvitationSettings({ reinviteCooldownMs: 10_000 });
    const first = graph.invite('ada', 'cy');
    clock.now = 4_000;
    expect(graph.withdraw(first.id).status).toBe('withdrawn');
    clock.now = 13_999;
    expect(codeOf(() => graph.invite('ada', 'cy'))).toBe('REINVITE_TOO_SOON');
    expect(graph.invite('cy', 'ada').status).toBe('pending'); // the other way is free
    graph.withdraw(graph.sentInvitations('cy')[0]!.id);
    clock.now = 14_000;
    expect(graph.invite('ada', 'cy').status).toBe('pending');
    expect(graph.invitationSettings()).toEqual({ reinviteCooldownMs: 10_000 });
  });

  it('uses three weeks by default, and ignoring has no cooldown', () => {
    const { graph, clock } = setup();
    const events: string[] = [];
    graph.on('invitationWithdrawn', (e) => events.push(`${e.type} ${e.id} ${e.from} ${e.to}`));
    graph.on('invitationIgnored', (e) => events.push(`${e.type} ${e.id} ${e.from} ${e.to}`));
    graph.withdraw(graph.invite('ada', 'cy').id);
    clock.now += 21 * 24 * 3600_000 - 1;
    expect(codeOf(() => graph.invite('ada', 'cy'))).toBe('REINVITE_TOO_SOON');
    clock.now += 1;
    graph.ignore(graph.invite('ada', 'cy').id);
    expect(graph.invite('ada', 'cy').status).toBe('pending');
    expect(events).toEqual(['invitationWithdrawn inv-0 ada cy', 'invitationIgnored inv-1 ada cy']);
  });

  it("applies the policy's invite quota", () => {
    const { graph, clock } = setup();
    graph.setQuota('invite', { limit: 2, windowMs: 1_000 });
    graph.invite('ada', 'cy');
    graph.invite('ada', 'eve');
    expect(reasonOf(() => graph.invite('ada', 'dee'))).toBe('quota-exceeded');
    expect(graph.quota('ada', 'invite')?.used).toBe(2);
    clock.now += 1_000;
    expect(graph.invite('ada', 'dee').status).toBe('pending');
    // A denied invitation counts no use.
    expect(reasonOf(() => graph.invite('ada', 'bob'))).toBe('connected');
    expect(graph.quota('ada', 'invite')?.used).toBe(1);
  });

  it('cancels pending invitations when one blocks the other (either way)', () => {
    const { graph } = setup();
    const cancelled: string[] = [];
    graph.on('invitationCancelled', (e) => cancelled.push(e.id));
    const a = graph.invite('ada', 'cy');
    const b = graph.invite('eve', 'ada');
    graph.invite('ada', 'dee');
    graph.block('cy', 'ada');
    graph.block('ada', 'eve');
    expect(graph.invitation(a.id)?.status).toBe('cancelled');
    expect(graph.invitation(b.id)?.status).toBe('cancelled');
    expect(cancelled).toEqual([a.id, b.id]);
    expect(graph.sentInvitations('ada').map((i) => i.to)).toEqual(['dee']);
    expect(codeOf(() => graph.accept(a.id))).toBe('INVITATION_NOT_PENDING');
  });

  it('cancels a removed member’s invitations and leaks nothing to the member reusing its index', () => {
    const { graph } = setup();
    const internals = graphInternals(graph);
    graph.setInvitationSettings({ reinviteCooldownMs: 1_000_000 });
    const out = graph.invite('cy', 'ada');
    graph.withdraw(graph.invite('ada', 'eve').id);
    graph.dismissSuggestion('ada', 'cy');
    const cyIndex = internals.ids.indexOf('cy');
    const eveIndex = internals.ids.indexOf('eve');
    graph.removeMember('cy');
    graph.removeMember('eve');
    expect(graph.invitation(out.id)?.status).toBe('cancelled');
    expect(graph.receivedInvitations('ada')).toEqual([]);
    graph.addMember('eve2');
    graph.addMember('cy2');
    expect([internals.ids.indexOf('cy2'), internals.ids.indexOf('eve2')].sort()).toEqual([cyIndex, eveIndex].sort());
    graph.connect('bob', 'cy2');
    graph.connect('bob', 'eve2');
    // No cooldown, dismissal or pending state carried over to the new members.
    expect(graph.receivedInvitations('ada')).toEqual([]);
    expect(graph.suggestions('ada').map((s) => s.id).sort()).toEqual(['cy2', 'eve2']);
    expect(graph.invite('ada', 'eve2').status).toBe('pending');
    expect(graph.invite('ada', 'cy2').status).toBe('pending');
  });

  it('closes a pending invitation as accepted when the two connect directly', () => {
    const { graph } = setup();
    const invitation = graph.invite('ada', 'cy');
    graph.connect('cy', 'ada');
    expect(graph.invitation(invitation.id)?.status).toBe('accepted');
    expect(graph.receivedInvitations('cy')).toEqual([]);
  });

  it('fails accept with CONNECTION_LIMIT and keeps the invitation pending', () => {
    const graph = new SocialGraph({ maxConnectionsPerMember: 1, clock: () => 5 });
    for (const id of ['a', 'b', 'c', 'd']) graph.addMember(id);
    graph.connect('a', 'b');
    graph.connect('c', 'd');
    graph.setPrivacy('c', { invitations: 'anyone' });
    const invitation = graph.invite('a', 'c');
    expect(codeOf(() => graph.accept(invitation.id))).toBe('CONNECTION_LIMIT');
    expect(graph.invitation(invitation.id)?.status).toBe('pending');
    expect(graph.areConnected('a', 'c')).toBe(false);
  });

  it('keeps pending invitations, cooldowns and dismissals in snapshots', () => {
    const { graph, clock } = setup();
    clock.now = Date.now(); // the copy runs on the real clock (fromBytes takes no options)
    graph.setInvitationSettings({ reinviteCooldownMs: 3_600_000 });
    graph.invite('ada', 'cy', { note: 'hello' });
    graph.invite('dee', 'bob');
    graph.withdraw(graph.invite('ada', 'eve').id);
    graph.dismissSuggestion('eve', 'ada');
    graph.removeMember('fay'); // a hole in the indices
    const copy = SocialGraph.fromBytes(graph.toBytes());
    expect(copy.sentInvitations('ada')).toEqual(graph.sentInvitations('ada'));
    expect(copy.receivedInvitations('bob')).toEqual(graph.receivedInvitations('bob'));
    expect(copy.invitationSettings()).toEqual({ reinviteCooldownMs: 3_600_000 });
    expect(codeOf(() => copy.invite('ada', 'eve'))).toBe('REINVITE_TOO_SOON');
    expect(copy.invite('eve', 'cy').id).toBe('inv-3');
    expect(copy.can('cy', 'invite', 'ada').reason).toBe('invitation-pending');
    expect(copy.accept('inv-0').status).toBe('accepted');
    expect(copy.suggestions('eve').map((s) => s.id)).not.toContain('ada');
  });

  it('rejects invitation sections that do not hold what a writer writes', () => {
    const f64 = (out: ByteWriter, x: number): void => {
      const view = new DataView(new ArrayBuffer(8));
      view.setFloat64(0, x, true);
      out.bytes(new Uint8Array(view.buffer));
    };
    /** A section of one pending invitation `seq: a → b`, with a cooldown setting and counter. */
    const section = (o: { cooldown?: number; next?: number; seq?: number; a?: number; b?: number; note?: string }): Uint8Array => {
      const out = new ByteWriter();
      f64(out, o.cooldown ?? 1000);
      f64(out, o.next ?? 1);
      out.varint(1);
      f64(out, o.seq ?? 0);
      out.varint(o.a ?? 0);
      out.varint(o.b ?? 1);
      f64(out, 5);
      out.u8(o.note === undefined ? 0 : 1);
      if (o.note !== undefined) out.string(o.note);
      out.varint(0);
      out.varint(0);
      return out.finish();
    };
    const read = (bytes: Uint8Array): SocialGraphErrorCode | undefined => {
      const graph = new SocialGraph();
      graph.addMember('p');
      graph.addMember('q');
      return codeOf(() => invitationBook(graphInternals(graph)).section.read(new ByteReader(bytes, 0, bytes.length, 'invitations'), { memberCount: 2, minorVersion: 0 }));
    };
    expect(read(section({}))).toBeUndefined();
    expect(read(section({ note: 'hi' }))).toBeUndefined();
    expect(read(section({ b: 2 }))).toBe('SNAPSHOT_CORRUPT');
    expect(read(section({ b: 0 }))).toBe('SNAPSHOT_CORRUPT');
    expect(read(section({ seq: 1 }))).toBe('SNAPSHOT_CORRUPT');
    expect(read(section({ cooldown: -1 }))).toBe('SNAPSHOT_CORRUPT');
    expect(read(section({ next: 0.5 }))).toBe('SNAPSHOT_CORRUPT');
    expect(read(section({ note: 'x'.repeat(301) }))).toBe('SNAPSHOT_CORRUPT');
    expect(read(section({}).subarray(0, 20))).toBe('SNAPSHOT_CORRUPT');
  });
});
