/**
 * Model-based test of blocks, privacy, groups, policies, quotas and viewer windows
 * (fc.commands + fc.modelRun) against a naive model; and the properties: no decision ever allows
 * what the plain rules deny, and a member blocked with the viewer never appears in any result of
 * the viewer's window.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SocialGraph, type PolicyAction, type PrivacySettings } from '../../src/index.js';
import { fcParams } from '../support/fc-config.js';
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
}
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

function expected(m: Model, viewer: string, action: PolicyAction, target: string) {
  return specDecision(m.preset, action, {
    degree: blockedPair(m, viewer, target) ? null : worldDistance(m, viewer, target),
    blocked: blockedPair(m, viewer, target),
    sharedGroup: shares(m, viewer, target),
    target: m.privacy.get(target) ?? DEFAULTS,
    pending: false,
    quotaExceeded: action === 'message' && m.quota !== null && usesInWindow(m, viewer) >= m.quota,
  });
}

function forget(m: Model, id: string): void {
  for (const w of m.g.get(id)!) m.g.get(w)!.delete(id);
  m.g.delete(id);
  for (const k of [...m.blocks]) if (k.split('\u0000').includes(id)) m.blocks.delete(k);
  m.privacy.delete(id);
  m.groups.delete(id);
  m.uses.delete(id);
}

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
  fc.tuple(fc.nat(), fc.nat()).map(
    ([i, j]): Cmd => ({
      check: (m) => m.g.size > 1,
      run(m, r) {
        const a = pick(m, i)!;
        const b = pick(m, j)!;
        if (a === b) return;
        r.graph.connect(a, b);
        m.g.get(a)!.add(b);
        m.g.get(b)!.add(a);
      },
      toString: () => `connect(#${i}, #${j})`,
    }),
  ),
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
  fc.tuple(fc.nat(), fc.nat()).map(
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
];

describe('policy model', () => {
  it('matches the naive model over random command sequences', () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 80, size: '+1' }), (cmds) => {
        const clock = { now: 0 };
        const real: Real = { graph: new SocialGraph({ maxConnectionsPerMember: 1000, clock: () => clock.now }), clock };
        const model: Model = { g: new Map(), blocks: new Set(), privacy: new Map(), groups: new Map(), preset: 'default', quota: null, uses: new Map(), now: 0 };
        for (const id of POOL.slice(0, 6)) {
          real.graph.addMember(id);
          model.g.set(id, new Set());
        }
        fc.modelRun(() => ({ model, real }), cmds);
      }),
      fcParams(300),
    );
  });
});
