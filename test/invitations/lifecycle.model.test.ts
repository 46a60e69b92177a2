/**
 * Model-based test of the invitation lifecycle (fc.commands + fc.modelRun) with a fake clock:
 * send, accept, ignore, withdraw, re-invite too early, quota, block during pending, direct
 * connections, member removal with index reuse, and notes over the limit. The model is a plain
 * list of invitations over a naive adjacency map; its `invite` decision restates the default
 * policy's rule (blocks, self, degree 1 / 2–3 / further, pending, quota).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvitationDeniedError, SocialGraph, SocialGraphError, type Invitation, type SocialGraphErrorCode } from '../../src/index.js';
import { fcParams } from '../support/fc-config.js';

const COOLDOWN = 10_000;
const QUOTA = { limit: 2, windowMs: 30_000 };

interface ModelInvitation {
  id: string;
  seq: number;
  from: string;
  to: string;
  note: string | null;
  sentAt: number;
  status: Invitation['status'];
  closedAt: number | null;
}

interface Model {
  now: number;
  members: string[];
  adj: Map<string, Set<string>>;
  /** Directed blocks "a b". */
  blocks: Set<string>;
  invitations: ModelInvitation[];
  /** "from to" → withdrawal time. */
  cooldowns: Map<string, number>;
  /** Quota uses per member (times). */
  uses: Map<string, number[]>;
  nextSeq: number;
  nextMember: number;
}

interface Real {
  graph: SocialGraph;
  clock: { now: number };
}

type Cmd = fc.Command<Model, Real>;

const pick = (m: Model, i: number): string => m.members[i % m.members.length]!;
const blocked = (m: Model, a: string, b: string): boolean => m.blocks.has(`${a} ${b}`) || m.blocks.has(`${b} ${a}`);
const pending = (m: Model): ModelInvitation[] => m.invitations.filter((i) => i.status === 'pending');
const pendingOf = (m: Model, from: string, to: string): ModelInvitation | undefined =>
  m.invitations.find((i) => i.status === 'pending' && i.from === from && i.to === to);

/** Degree from `a` to `b` capped at 3, avoiding members blocked with `a` (as the policy's viewer distance). */
function degree(m: Model, a: string, b: string): number | null {
  if (a === b) return 0;
  const avoid = (x: string): boolean => blocked(m, a, x);
  const seen = new Set([a]);
  let frontier = [a];
  for (let d = 1; d <= 3; d++) {
    const next: string[] = [];
    for (const u of frontier) {
      for (const w of m.adj.get(u)!) {
        if (seen.has(w) || (w !== b && avoid(w))) continue;
        if (w === b) return d;
        seen.add(w);
        next.push(w);
      }
    }
    frontier = next;
  }
  return null;
}

function usesInWindow(m: Model, a: string): number {
  return (m.uses.get(a) ?? []).filter((t) => t > m.now - QUOTA.windowMs).length;
}

function close(m: Model, inv: ModelInvitation, status: Invitation['status']): void {
  inv.status = status;
  inv.closedAt = m.now;
}

function connectModel(m: Model, a: string, b: string): void {
  m.adj.get(a)!.add(b);
  m.adj.get(b)!.add(a);
  const inv = pendingOf(m, a, b) ?? pendingOf(m, b, a);
  if (inv !== undefined) close(m, inv, 'accepted');
}

function view(inv: ModelInvitation): Invitation {
  return { id: inv.id, from: inv.from, to: inv.to, note: inv.note, sentAt: inv.sentAt, status: inv.status, closedAt: inv.closedAt };
}

function failure(fn: () => unknown): { code: SocialGraphErrorCode; reason?: string } | null {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof SocialGraphError)) throw error;
    return error instanceof InvitationDeniedError ? { code: error.code, reason: error.reason } : { code: error.code };
  }
  return null;
}

/** Everything observable about invitations matches the model. */
function same(m: Model, r: Real): void {
  const g = r.graph;
  for (const id of m.members) {
    const sent = pending(m)
      .filter((i) => i.from === id)
      .sort((x, y) => y.sentAt - x.sentAt || y.seq - x.seq)
      .map(view);
    const received = pending(m)
      .filter((i) => i.to === id)
      .sort((x, y) => y.sentAt - x.sentAt || y.seq - x.seq)
      .map(view);
    expect(g.sentInvitations(id)).toEqual(sent);
    expect(g.receivedInvitations(id)).toEqual(received);
    expect(new Set(g.connections(id))).toEqual(m.adj.get(id));
  }
  for (const inv of m.invitations) expect(g.invitation(inv.id)).toEqual(view(inv));
}

class Invite implements Cmd {
  constructor(
    readonly i: number,
    readonly j: number,
    readonly noteLength: number,
  ) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    runInvite(m, r, pick(m, this.i), pick(m, this.j), this.noteLength === 0 ? undefined : 'n'.repeat(this.noteLength));
  }
  toString = (): string => `invite(${this.i}, ${this.j}, note ${this.noteLength})`;
}

/** Invites again the recipient of the k-th withdrawn invitation (re-invite, maybe too early). */
class Reinvite implements Cmd {
  constructor(readonly k: number) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const withdrawn = m.invitations.filter((i) => i.status === 'withdrawn' && m.members.includes(i.from) && m.members.includes(i.to));
    if (withdrawn.length === 0) return;
    const inv = withdrawn[this.k % withdrawn.length]!;
    runInvite(m, r, inv.from, inv.to, undefined);
  }
  toString = (): string => `reinvite(#${this.k})`;
}

function runInvite(m: Model, r: Real, from: string, to: string, note: string | undefined): void {
  {
    const expected = ((): { code: SocialGraphErrorCode; reason?: string } | ModelInvitation => {
      if (note !== undefined && note.length > 300) return { code: 'INVALID_OPTION' };
      const theirs = pendingOf(m, to, from);
      if (theirs !== undefined) return theirs;
      if (pendingOf(m, from, to) !== undefined) return { code: 'INVITATION_DENIED', reason: 'invitation-pending' };
      if (blocked(m, from, to)) return { code: 'INVITATION_DENIED', reason: 'blocked' };
      if (from === to) return { code: 'INVITATION_DENIED', reason: 'self' };
      const d = degree(m, from, to);
      if (d === 1) return { code: 'INVITATION_DENIED', reason: 'connected' };
      if (d === null) return { code: 'INVITATION_DENIED', reason: 'out-of-network' };
      if (usesInWindow(m, from) >= QUOTA.limit) return { code: 'INVITATION_DENIED', reason: 'quota-exceeded' };
      const withdrawn = m.cooldowns.get(`${from} ${to}`);
      if (withdrawn !== undefined && m.now < withdrawn + COOLDOWN) return { code: 'REINVITE_TOO_SOON' };
      const inv: ModelInvitation = { id: `inv-${m.nextSeq}`, seq: m.nextSeq, from, to, note: note ?? null, sentAt: m.now, status: 'pending', closedAt: null };
      return inv;
    })();
    let result: Invitation | undefined;
    const failed = failure(() => (result = r.graph.invite(from, to, note === undefined ? undefined : { note })));
    if ('code' in expected) {
      expect(failed).toEqual(expected);
    } else {
      expect(failed).toBeNull();
      if (expected.status === 'pending' && expected.from === to) {
        connectModel(m, to, from); // their invitation, accepted
      } else {
        m.invitations.push(expected);
        m.nextSeq++;
        m.cooldowns.delete(`${from} ${to}`);
        m.uses.set(from, [...(m.uses.get(from) ?? []), m.now]);
      }
      expect(result).toEqual(view(expected));
    }
    same(m, r);
  }
}

/** accept / ignore / withdraw the k-th invitation ever made (or an unknown id). */
class Close implements Cmd {
  constructor(
    readonly verb: 'accept' | 'ignore' | 'withdraw',
    readonly k: number,
  ) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    // Mostly a pending invitation (when there is one), else any invitation ever made, or an unknown id.
    const open = pending(m);
    const inv =
      this.k % 7 === 6 || m.invitations.length === 0
        ? undefined
        : this.k % 3 !== 0 && open.length > 0
          ? open[this.k % open.length]!
          : m.invitations[this.k % m.invitations.length]!;
    const id = inv?.id ?? `inv-${m.nextSeq + 5}`;
    let result: Invitation | undefined;
    const failed = failure(() => (result = r.graph[this.verb](id)));
    if (inv === undefined) expect(failed).toEqual({ code: 'INVITATION_NOT_FOUND' });
    else if (inv.status !== 'pending') expect(failed).toEqual({ code: 'INVITATION_NOT_PENDING' });
    else {
      expect(failed).toBeNull();
      if (this.verb === 'accept') connectModel(m, inv.from, inv.to);
      else close(m, inv, this.verb === 'ignore' ? 'ignored' : 'withdrawn');
      if (this.verb === 'withdraw') m.cooldowns.set(`${inv.from} ${inv.to}`, m.now);
      expect(result).toEqual(view(inv));
    }
    same(m, r);
  }
  toString = (): string => `${this.verb}(#${this.k})`;
}

class Advance implements Cmd {
  constructor(readonly ms: number) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    m.now += this.ms;
    r.clock.now += this.ms;
  }
  toString = (): string => `advance(${this.ms})`;
}

class Block implements Cmd {
  constructor(
    readonly i: number,
    readonly j: number,
  ) {}
  check = (m: Readonly<Model>): boolean => m.members.length > 1;
  run(m: Model, r: Real): void {
    const a = pick(m, this.i);
    let b = pick(m, this.j);
    if (a === b) b = pick(m, this.j + 1);
    r.graph.block(a, b);
    m.blocks.add(`${a} ${b}`);
    m.adj.get(a)!.delete(b);
    m.adj.get(b)!.delete(a);
    for (const inv of pending(m)) if ((inv.from === a && inv.to === b) || (inv.from === b && inv.to === a)) close(m, inv, 'cancelled');
    same(m, r);
  }
  toString = (): string => `block(${this.i}, ${this.j})`;
}

class Connect implements Cmd {
  constructor(
    readonly i: number,
    readonly j: number,
  ) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const a = pick(m, this.i);
    const b = pick(m, this.j);
    if (a === b || m.adj.get(a)!.has(b)) return;
    r.graph.connect(a, b);
    connectModel(m, a, b);
    same(m, r);
  }
  toString = (): string => `connect(${this.i}, ${this.j})`;
}

/** Removes a member and adds a new one (which reuses its index: no state may leak to it). */
class Replace implements Cmd {
  constructor(readonly i: number) {}
  check = (m: Readonly<Model>): boolean => m.members.length > 2;
  run(m: Model, r: Real): void {
    const gone = pick(m, this.i);
    const fresh = `n${m.nextMember++}`;
    r.graph.removeMember(gone);
    r.graph.addMember(fresh);
    for (const inv of pending(m)) if (inv.from === gone || inv.to === gone) close(m, inv, 'cancelled');
    for (const key of [...m.cooldowns.keys()]) if (key.split(' ').includes(gone)) m.cooldowns.delete(key);
    for (const key of [...m.blocks]) if (key.split(' ').includes(gone)) m.blocks.delete(key);
    for (const other of m.adj.get(gone)!) m.adj.get(other)!.delete(gone);
    m.adj.delete(gone);
    m.uses.delete(gone);
    m.members = m.members.map((x) => (x === gone ? fresh : x));
    m.adj.set(fresh, new Set());
    same(m, r);
  }
  toString = (): string => `replace(${this.i})`;
}

const member = fc.nat({ max: 20 });
const commands = [
  fc.tuple(member, member, fc.constantFrom(0, 0, 12, 300, 301)).map(([i, j, n]) => new Invite(i, j, n)),
  fc.tuple(member, member).map(([i, j]) => new Invite(i, j, 0)),
  fc.tuple(member, member).map(([i, j]) => new Invite(i, j, 0)),
  fc.tuple(member, member).map(([i, j]) => new Invite(i, j, 0)),
  fc.tuple(member, member).map(([i, j]) => new Invite(i, j, 0)),
  fc.tuple(fc.constantFrom('accept', 'ignore', 'withdraw') as fc.Arbitrary<'accept' | 'ignore' | 'withdraw'>, fc.nat({ max: 50 })).map(([v, k]) => new Close(v, k)),
  fc.constantFrom(1, 1_000, 4_000, 5_000, 9_999, 10_000).map((ms) => new Advance(ms)),
  fc.tuple(member, member).map(([i, j]) => new Block(i, j)),
  fc.tuple(member, member).map(([i, j]) => new Connect(i, j)),
  member.map((i) => new Replace(i)),
  fc.nat({ max: 20 }).map((k) => new Reinvite(k)),
];

describe('invitation lifecycle (model-based)', () => {
  it('matches the model over random command sequences', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 6 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 3, maxLength: 12 }),
        fc.commands(commands, { maxCommands: 80, size: 'large' }),
        (n, edges, cmds) => {
          const clock = { now: 1_000_000 };
          const graph = new SocialGraph({ clock: () => clock.now });
          const members = Array.from({ length: n }, (_, i) => `m${i}`);
          const adj = new Map(members.map((id) => [id, new Set<string>()]));
          for (const id of members) graph.addMember(id);
          // A hub (m0) keeps most pairs within reach; random edges on top.
          const hub: [number, number][] = [];
          for (let i = 1; i < n; i += 2) hub.push([0, i]);
          for (const [x, y] of [...hub, ...edges]) {
            const a = members[x % n]!;
            const b = members[y % n]!;
            if (a === b) continue;
            graph.connect(a, b);
            adj.get(a)!.add(b);
            adj.get(b)!.add(a);
          }
          graph.setInvitationSettings({ reinviteCooldownMs: COOLDOWN });
          graph.setQuota('invite', QUOTA);
          const model: Model = {
            now: clock.now,
            members,
            adj,
            blocks: new Set(),
            invitations: [],
            cooldowns: new Map(),
            uses: new Map(),
            nextSeq: 0,
            nextMember: 0,
          };
          fc.modelRun(() => ({ model, real: { graph, clock } }), cmds);
        },
      ),
      fcParams(200),
    );
  });
});
