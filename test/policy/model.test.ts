/**
 * Model-based test of blocks, privacy, groups, policies, quotas, pending invitations and viewer
 * windows (fc.commands + fc.modelRun) against a naive model; and the properties: no decision ever
 * allows what the plain rules deny, and a member blocked with the viewer never appears in any
 * result of the viewer's window. Invitations follow docs/invitations.md: a crossing invitation is
 * accepted, a duplicate is denied `invitation-pending`, then the policy decides (a pending
 * invitation either way makes `can(…, 'invite', …)` answer `invitation-pending`), then the
 * re-invitation cooldown; block cancels, connect accepts, removal cancels.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvitationDeniedError, SocialGraph, SocialGraphError, type PolicyAction, type PrivacySettings } from '../../src/index.js';
import { fcParams, FC_SEED } from '../support/fc-config.js';
import { Coverage } from '../support/coverage.js';
import { ACTIONS, specDecision, type Preset } from './spec.js';
import { expectCode } from '../support/errors.js';

const POOL = Array.from({ length: 9 }, (_, i) => `p${i}`);
const GROUPS = ['g1', 'g2', 'g3'];
const WINDOW = 100;
const DEFAULTS: PrivacySettings = { connectionsVisibility: 'connections', profileVisibility: 'network', openProfile: false, invitations: 'network' };

interface Model {
  g: Map<string, Set<string>>;
  blocks: Set<string>;
  privacy: Map<string, PrivacySettings>;
  groups: Map<string, Set<string>>;
  preset: Preset;
  quota: number | null; // limit of 'message' per WINDOW
  uses: Map<string, number[]>;
  now: number;
  /** Pending invitations "from\0to" → invitation id. */
  pending: Map<string, string>;
  /** Withdrawals "from\0to" → time (the default 3-week cooldown outlasts every run). */
  cooldowns: Map<string, number>;
  nextInvitation: number;
  /** What the run met (coverage). */
  seen: Record<Seen, number>;
}
type Seen =
  | 'pendingVerdict'
  | 'pendingDuplicate'
  | 'crossingAccepted'
  | 'invited'
  | 'reinviteTooSoon'
  | 'cancelledByBlock'
  | 'acceptedByConnect'
  | 'cancelledByRemoval'
  | 'closed'
  | 'quotaExceeded'
  | 'degree3Verdict';
const NO_SEEN: Record<Seen, number> = {
  pendingVerdict: 0,
  pendingDuplicate: 0,
  crossingAccepted: 0,
  invited: 0,
  reinviteTooSoon: 0,
  cancelledByBlock: 0,
  acceptedByConnect: 0,
  cancelledByRemoval: 0,
  closed: 0,
  quotaExceeded: 0,
  degree3Verdict: 0,
};
interface Real {
  graph: SocialGraph;
  clock: { now: number };
}
type Cmd = fc.Command<Model, Real>;

const key = (a: string, b: string) => `${a}\u0000${b}`;
const ids = (m: Model) => [...m.g.keys()];
const pick = (m: Model, i: number): string | undefined => {
  const all = ids(m);
  return all.length === 0 ? undefined : all[i % all.length];
};
const blockedPair = (m: Model, a: string, b: string) => m.blocks.has(key(a, b)) || m.blocks.has(key(b, a));
const shares = (m: Model, a: string, b: string) => {
  const x = m.groups.get(a);
  const y = m.groups.get(b);
  return x !== undefined && y !== undefined && [...x].some((g) => y.has(g));
};

/** BFS distance avoiding members blocked with the viewer; null when not connected. */
function worldDistance(m: Model, viewer: string, target: string): number | null {
  if (viewer === target) return 0;
  const seen = new Set([viewer]);
  let frontier = [viewer];
  for (let d = 1; frontier.length > 0; d++) {
    const next: string[] = [];
    for (const u of frontier) {
      for (const w of m.g.get(u)!) {
        if (seen.has(w) || blockedPair(m, viewer, w)) continue;
        if (w === target) return d;
        seen.add(w);
        next.push(w);
      }
    }
    frontier = next;
  }
  return null;
}

function usesInWindow(m: Model, id: string): number {
  return (m.uses.get(id) ?? []).filter((t) => t > m.now - WINDOW).length;
}

const pendingEither = (m: Model, a: string, b: string) => m.pending.has(key(a, b)) || m.pending.has(key(b, a));

function expected(m: Model, viewer: string, action: PolicyAction, target: string) {
  const decision = specDecision(m.preset, action, {
    degree: blockedPair(m, viewer, target) ? null : worldDistance(m, viewer, target),
    blocked: blockedPair(m, viewer, target),
    sharedGroup: shares(m, viewer, target),
    target: m.privacy.get(target) ?? DEFAULTS,
    pending: pendingEither(m, viewer, target),
    quotaExceeded: action === 'message' && m.quota !== null && usesInWindow(m, viewer) >= m.quota,
  });
  if (decision.reason === 'invitation-pending') m.seen.pendingVerdict++;
  if (decision.reason === 'third-degree') m.seen.degree3Verdict++;
  if (decision.reason === 'quota-exceeded') m.seen.quotaExceeded++;
  return decision;
}

/** Drops the pending invitations between a and b (either way); returns how many. */
function closeBetween(m: Model, a: string, b: string): number {
  return (m.pending.delete(key(a, b)) ? 1 : 0) + (m.pending.delete(key(b, a)) ? 1 : 0);
}

function forget(m: Model, id: string): void {
  for (const w of m.g.get(id)!) m.g.get(w)!.delete(id);
  m.g.delete(id);
  for (const k of [...m.blocks]) if (k.split('\u0000').includes(id)) m.blocks.delete(k);
  for (const k of [...m.pending.keys()]) if (k.split('\u0000').includes(id) && m.pending.delete(k)) m.seen.cancelledByRemoval++;
  for (const k of [...m.cooldowns.keys()]) if (k.split('\u0000').includes(id)) m.cooldowns.delete(k);
  m.privacy.delete(id);
  m.groups.delete(id);
  m.uses.delete(id);
}

/** The pending invitations, each real one matching the model's (sent lists of every member). */
function samePending(m: Model, r: Real): void {
  for (const id of m.g.keys()) {
    const sent = r.graph.sentInvitations(id).map((i) => `${i.id} ${i.to}`).sort();
    const want = [...m.pending].filter(([k]) => k.startsWith(`${id}\u0000`)).map(([k, inv]) => `${inv} ${k.split('\u0000')[1]}`).sort();
    expect(sent).toEqual(want);
  }
}

/** invite(a, b) in the real graph and in the model, in the order docs/invitations.md gives. */
function runInvite(m: Model, r: Real, a: string, b: string): void {
  const theirs = m.pending.get(key(b, a));
  let denied: string | null = null;
  if (theirs === undefined) {
    if (m.pending.has(key(a, b))) denied = 'invitation-pending';
    else {
      const decision = expected(m, a, 'invite', b);
      if (!decision.allowed) denied = decision.reason;
      else if (m.cooldowns.has(key(a, b))) denied = 'REINVITE_TOO_SOON';
    }
  }
  let result: unknown;
  let thrown: unknown = null;
  try {
    result = r.graph.invite(a, b);
  } catch (error) {
    thrown = error;
  }
  if (theirs !== undefined) {
    expect(thrown).toBeNull();
    expect(result).toMatchObject({ id: theirs, from: b, to: a, status: 'accepted' });
    m.pending.delete(key(b, a));
    m.g.get(a)!.add(b);
    m.g.get(b)!.add(a);
    m.seen.crossingAccepted++;
  } else if (denied === 'REINVITE_TOO_SOON') {
    expect(thrown).toBeInstanceOf(SocialGraphError);
    expect((thrown as SocialGraphError).code).toBe('REINVITE_TOO_SOON');
    m.seen.reinviteTooSoon++;
  } else if (denied !== null) {
    expect(thrown).toBeInstanceOf(InvitationDeniedError);
    expect((thrown as InvitationDeniedError).reason).toBe(denied);
    if (m.pending.has(key(a, b))) m.seen.pendingDuplicate++;
  } else {
    expect(thrown).toBeNull();
    const id = `inv-${m.nextInvitation++}`;
    expect(result).toMatchObject({ id, from: a, to: b, status: 'pending', sentAt: m.now });
    m.pending.set(key(a, b), id);
    m.seen.invited++;
  }
  samePending(m, r);
}

const connectCmd = fc.tuple(fc.nat(), fc.nat()).map(
  ([i, j]): Cmd => ({
    check: (m) => m.g.size > 1,
    run(m, r) {
      const a = pick(m, i)!;
      const b = pick(m, j)!;
      if (a === b) return;
      r.graph.connect(a, b);
      m.g.get(a)!.add(b);
      m.g.get(b)!.add(a);
      m.seen.acceptedByConnect += closeBetween(m, a, b);
    },
    toString: () => `connect(#${i}, #${j})`,
  }),
);

const attemptCmd = fc.tuple(fc.nat(), fc.nat()).map(
  ([i, j]): Cmd => ({
    check: (m) => m.g.size > 0,
    run(m, r) {
      const a = pick(m, i)!;
      const b = pick(m, j)!;
      const want = expected(m, a, 'message', b);
      expect(r.graph.attempt(a, 'message', b)).toEqual(want);
      if (want.allowed && want.reason !== 'self' && m.quota !== null) {
        const list = m.uses.get(a) ?? [];
        list.push(m.now);
        m.uses.set(a, list);
      }
      if (m.quota !== null) expect(r.graph.quota(a, 'message')?.used).toBe(usesInWindow(m, a));
    },
    toString: () => `attempt(#${i}, message, #${j})`,
  }),
);

const inviteCmd = fc.tuple(fc.nat(), fc.nat()).map(
  ([i, j]): Cmd => ({
    check: (m) => m.g.size > 0,
    run(m, r) {
      runInvite(m, r, pick(m, i)!, pick(m, j)!);
    },
    toString: () => `invite(#${i}, #${j})`,
  }),
);

const commands = [
  fc.integer({ min: 0, max: POOL.length - 1 }).map(
    (i): Cmd => ({
      check: () => true,
      run(m, r) {
        const id = POOL[i]!;
        if (m.g.has(id)) return;
        r.graph.addMember(id);
        m.g.set(id, new Set());
      },
      toString: () => `addMember(${POOL[i]})`,
    }),
  ),
  fc.nat().map(
    (i): Cmd => ({
      check: (m) => m.g.size > 0,
      run(m, r) {
        const id = pick(m, i)!;
        r.graph.removeMember(id);
        forget(m, id);
      },
      toString: () => `removeMember(#${i})`,
    }),
  ),
  connectCmd,
  fc.tuple(fc.nat(), fc.nat()).map(
    ([i, j]): Cmd => ({
      check: (m) => m.g.size > 0,
      run(m, r) {
        const a = pick(m, i)!;
        const b = pick(m, j)!;
        if (a === b) {
          expectCode(() => r.graph.block(a, b), 'SELF_BLOCK');
          return;
        }
        const fresh = !m.blocks.has(key(a, b));
        expect(r.graph.block(a, b)).toBe(fresh);
        m.blocks.add(key(a, b));
        m.g.get(a)!.delete(b);
        m.g.get(b)!.delete(a);
        m.seen.cancelledByBlock += closeBetween(m, a, b);
        expect(r.graph.isBlocked(b, a)).toBe(true);
        expect(r.graph.areConnected(a, b)).toBe(false);
      },
      toString: () => `block(#${i}, #${j})`,
    }),
  ),
  fc.tuple(fc.nat(), fc.nat()).map(
    ([i, j]): Cmd => ({
      check: (m) => m.g.size > 0,
      run(m, r) {
        const a = pick(m, i)!;
        const b = pick(m, j)!;
        expect(r.graph.unblock(a, b)).toBe(m.blocks.delete(key(a, b)));
        expect(r.graph.isBlocked(a, b)).toBe(blockedPair(m, a, b));
        expect(r.graph.blockedMembers(a).sort()).toEqual([...m.blocks].map((k) => k.split('\u0000')).filter(([x]) => x === a).map(([, y]) => y).sort());
      },
      toString: () => `unblock(#${i}, #${j})`,
    }),
  ),
  fc.tuple(fc.nat(), fc.record({ connectionsVisibility: fc.constantFrom('connections', 'private'), profileVisibility: fc.constantFrom('network', 'public'), openProfile: fc.boolean(), invitations: fc.constantFrom('network', 'anyone') }, { requiredKeys: [] })).map(
    ([i, settings]): Cmd => ({
      check: (m) => m.g.size > 0,
      run(m, r) {
        const id = pick(m, i)!;
        const next = { ...(m.privacy.get(id) ?? DEFAULTS), ...settings } as PrivacySettings;
        expect(r.graph.setPrivacy(id, settings as Partial<PrivacySettings>)).toEqual(next);
        m.privacy.set(id, next);
        expect(r.graph.privacy(id)).toEqual(next);
      },
      toString: () => `setPrivacy(#${i}, ${JSON.stringify(settings)})`,
    }),
  ),
  fc.tuple(fc.nat(), fc.constantFrom(...GROUPS), fc.boolean()).map(
    ([i, group, join]): Cmd => ({
      check: (m) => m.g.size > 0,
      run(m, r) {
        const id = pick(m, i)!;
        let set = m.groups.get(id);
        if (set === undefined) m.groups.set(id, (set = new Set()));
        if (join) {
          expect(r.graph.joinGroup(id, group)).toBe(!set.has(group));
          set.add(group);
        } else {
          expect(r.graph.leaveGroup(id, group)).toBe(set.has(group));
          set.delete(group);
        }
        expect(r.graph.groupsOf(id)).toEqual([...set].sort());
      },
      toString: () => `${join ? 'join' : 'leave'}Group(#${i}, ${group})`,
    }),
  ),
  fc.constantFrom<Preset>('default', 'strict').map(
    (preset): Cmd => ({
      check: () => true,
      run(m, r) {
        r.graph.setPolicy(preset);
        m.preset = preset;
        expect(r.graph.policy().name).toBe(preset);
      },
      toString: () => `setPolicy(${preset})`,
    }),
  ),
  fc.option(fc.integer({ min: 1, max: 3 })).map(
    (limit): Cmd => ({
      check: () => true,
      run(m, r) {
        r.graph.setQuota('message', limit === null ? null : { limit, windowMs: WINDOW });
        if (limit !== null && m.quota !== null) {
          // carried over: the newest `limit` uses inside the window
          for (const [id, list] of m.uses) m.uses.set(id, list.filter((t) => t > m.now - WINDOW).slice(-limit));
        } else m.uses.clear();
        m.quota = limit;
      },
      toString: () => `setQuota(message, ${limit})`,
    }),
  ),
  fc.integer({ min: 1, max: 60 }).map(
    (dt): Cmd => ({
      check: () => true,
      run(m, r) {
        m.now += dt;
        r.clock.now += dt;
      },
      toString: () => `tick(${dt})`,
    }),
  ),
  attemptCmd,
  inviteCmd,
  // The recipient of a pending invitation invites back (accepts it), or its sender invites again (denied).
  fc.tuple(fc.nat(), fc.boolean()).map(
    ([k, back]): Cmd => ({
      check: (m) => m.pending.size > 0,
      run(m, r) {
        const [from, to] = [...m.pending.keys()][k % m.pending.size]!.split('\u0000') as [string, string];
        if (back) runInvite(m, r, to, from);
        else runInvite(m, r, from, to);
      },
      toString: () => `${back ? 'inviteBack' : 'inviteAgain'}(#${k})`,
    }),
  ),
  fc.tuple(fc.nat(), fc.constantFrom('accept', 'ignore', 'withdraw') as fc.Arbitrary<'accept' | 'ignore' | 'withdraw'>).map(
    ([k, verb]): Cmd => ({
      check: (m) => m.pending.size > 0,
      run(m, r) {
        const [pair, id] = [...m.pending][k % m.pending.size]!;
        const [from, to] = pair.split('\u0000') as [string, string];
        expect(r.graph[verb](id)).toMatchObject({ id, from, to, status: verb === 'accept' ? 'accepted' : verb === 'ignore' ? 'ignored' : 'withdrawn' });
        m.pending.delete(pair);
        m.seen.closed++;
        if (verb === 'accept') {
          m.g.get(from)!.add(to);
          m.g.get(to)!.add(from);
        }
        if (verb === 'withdraw') m.cooldowns.set(pair, m.now);
        samePending(m, r);
      },
      toString: () => `${verb}(#${k})`,
    }),
  ),
  fc.tuple(fc.nat(), fc.nat()).map(
    ([i, j]): Cmd => ({
      check: (m) => m.g.size > 0,
      run(m, r) {
        const a = pick(m, i)!;
        const b = pick(m, j)!;
        for (const action of ACTIONS) expect(r.graph.can(a, action, b), `${action}`).toEqual(expected(m, a, action, b));
        expect(r.graph.sharedGroups(a, b)).toEqual([...(m.groups.get(a) ?? [])].filter((g) => m.groups.get(b)?.has(g)).sort());
      },
      toString: () => `can(#${i}, *, #${j})`,
    }),
  ),
  fc.tuple(fc.nat(), fc.nat()).map(
    ([i, j]): Cmd => ({
      check: (m) => m.g.size > 0,
      run(m, r) {
        const viewer = pick(m, i)!;
        const other = pick(m, j)!;
        const me = r.graph.viewAs(viewer);
        const hidden = (x: string) => blockedPair(m, viewer, x);
        const all = ids(m);
        const capped = (x: string) => {
          const d = hidden(x) ? null : worldDistance(m, viewer, x);
          return d !== null && d <= 3 ? d : null;
        };
        expect(me.degree(other)).toBe(capped(other));
        expect(me.degrees(all)).toEqual(all.map(capped));
        const mutual = me.mutualConnections(other);
        expect(mutual.allowed).toBe(expected(m, viewer, 'viewMutualConnections', other).allowed);
        if (mutual.allowed) {
          const want = [...m.g.get(viewer)!].filter((x) => m.g.get(other)!.has(x) && !hidden(x)).sort();
          expect([...mutual.value].sort()).toEqual(want);
          expect(mutual.value.some(hidden)).toBe(false);
        }
        const list = me.connections(other);
        expect(list.allowed).toBe(expected(m, viewer, 'viewConnections', other).allowed);
        if (list.allowed) {
          expect([...list.value].sort()).toEqual([...m.g.get(other)!].filter((x) => !hidden(x)).sort());
          expect(list.value.some(hidden)).toBe(false);
        }
        const levels = [0, 0, 0];
        for (const x of all) {
          const d = hidden(x) ? null : worldDistance(m, viewer, x);
          if (d !== null && d >= 1 && d <= 3) levels[d - 1]!++;
        }
        expect(me.reach()).toEqual({ first: levels[0], second: levels[1], third: levels[2] });
      },
      toString: () => `window(#${i}, #${j})`,
    }),
  ),
  // The sender of a withdrawn invitation invites again (within the cooldown, unless the policy denies first).
  fc.nat().map(
    (k): Cmd => ({
      check: (m) => m.cooldowns.size > 0,
      run(m, r) {
        const [from, to] = [...m.cooldowns.keys()][k % m.cooldowns.size]!.split('\u0000') as [string, string];
        runInvite(m, r, from, to);
      },
      toString: () => `reinvite(#${k})`,
    }),
  ),
];

/** Every action on a pair with an invitation pending (either direction, either way round). */
const canPendingCmd = fc.tuple(fc.nat(), fc.boolean()).map(
  ([k, back]): Cmd => ({
    check: (m) => m.pending.size > 0,
    run(m, r) {
      const [from, to] = [...m.pending.keys()][k % m.pending.size]!.split('\u0000') as [string, string];
      const [a, b] = back ? [to, from] : [from, to];
      for (const action of ACTIONS) expect(r.graph.can(a, action, b), `${action}`).toEqual(expected(m, a, action, b));
    },
    toString: () => `canPending(#${k}, ${back ? 'recipient' : 'sender'})`,
  }),
);

/** Connections, invitations and attempts weigh more, so that runs reach 3rd degrees, pending invitations and the quota. */
const weighted = [...commands, connectCmd, connectCmd, inviteCmd, inviteCmd, attemptCmd, attemptCmd, canPendingCmd, canPendingCmd, canPendingCmd];

describe('policy model', () => {
  it('matches the naive model over random command sequences', () => {
    const cov = new Coverage(`policy model (seed ${FC_SEED})`);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(5), fc.nat(5)), { maxLength: 8 }), fc.commands(weighted, { maxCommands: 120, size: 'max' }), (edges, cmds) => {
        const clock = { now: 0 };
        const real: Real = { graph: new SocialGraph({ maxConnectionsPerMember: 1000, clock: () => clock.now }), clock };
        const model: Model = {
          g: new Map(),
          blocks: new Set(),
          privacy: new Map(),
          groups: new Map(),
          preset: 'default',
          quota: null,
          uses: new Map(),
          now: 0,
          pending: new Map(),
          cooldowns: new Map(),
          nextInvitation: 0,
          seen: { ...NO_SEEN },
        };
        for (const id of POOL.slice(0, 6)) {
          real.graph.addMember(id);
          model.g.set(id, new Set());
        }
        // A starting graph: the path p0 p1 p2 p3 (a 3rd degree from the start), then random edges among p0 … p5.
        for (const [x, y] of [[0, 1], [1, 2], [2, 3], ...edges] as [number, number][]) {
          const [a, b] = [POOL[x]!, POOL[x === y ? (x + 1) % 6 : y]!];
          real.graph.connect(a, b);
          model.g.get(a)!.add(b);
          model.g.get(b)!.add(a);
        }
        fc.modelRun(() => ({ model, real }), cmds);
        const commandsRun = [...cmds].length;
        const s = model.seen;
        cov.hit({
          '>= 60 commands': commandsRun >= 60,
          'a pending invitation decided a verdict (invitation-pending)': s.pendingVerdict > 0,
          'an invitation sent': s.invited > 0,
          'a duplicate invitation denied': s.pendingDuplicate > 0,
          'a crossing invitation accepted by inviting back': s.crossingAccepted > 0,
          'a re-invitation too soon after a withdrawal': s.reinviteTooSoon > 0,
          'a pending invitation cancelled by a block': s.cancelledByBlock > 0,
          'a pending invitation accepted by connect': s.acceptedByConnect > 0,
          'a pending invitation cancelled by a removal': s.cancelledByRemoval > 0,
          'an invitation accepted, ignored or withdrawn': s.closed > 0,
          'a message over the quota': s.quotaExceeded > 0,
          'a third-degree verdict': s.degree3Verdict > 0,
        });
        cov.max('commands in a run', commandsRun);
        cov.max('invitation-pending verdicts in a run', s.pendingVerdict);
      }),
      fcParams(500),
    );
    console.log(cov.table());
    cov.expect(
      {
        '>= 60 commands': 0.35,
        'a pending invitation decided a verdict (invitation-pending)': 0.3,
        'an invitation sent': 0.5,
        'a duplicate invitation denied': 0.1,
        'a crossing invitation accepted by inviting back': 0.15,
        'a re-invitation too soon after a withdrawal': 0.02,
        'a pending invitation cancelled by a block': 0.005,
        'a pending invitation accepted by connect': 0.04,
        'a pending invitation cancelled by a removal': 0.08,
        'an invitation accepted, ignored or withdrawn': 0.2,
        'a message over the quota': 0.06,
        'a third-degree verdict': 0.15,
      },
      { 'commands in a run': 110, 'invitation-pending verdicts in a run': 5 },
    );
  });
});
