/**
 * Model-based test of SocialGraph (fc.commands + fc.modelRun) against a naive
 * Map<string, Set<string>>: every mutation, every query and the failing operations.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SocialGraph } from '../../src/index.js';
import { fcParams } from '../support/fc-config.js';
import { naiveDistance, naiveLevels, naiveMutual, type Naive } from '../support/oracle.js';
import { expectCode } from '../support/errors.js';

const CAP = 5;
const POOL = Array.from({ length: 14 }, (_, i) => `p${i}`);

interface Model {
  g: Naive;
}
type Cmd = fc.Command<Model, SocialGraph>;

function ids(m: Model): string[] {
  return [...m.g.keys()];
}
function pick(m: Model, i: number): string | undefined {
  const all = ids(m);
  return all.length === 0 ? undefined : all[i % all.length];
}
function sameGraph(m: Model, r: SocialGraph): void {
  expect(r.memberCount).toBe(m.g.size);
  let edges = 0;
  for (const s of m.g.values()) edges += s.size;
  expect(r.connectionCount).toBe(edges / 2);
}

class AddMember implements Cmd {
  constructor(readonly id: string) {}
  check = () => true;
  run(m: Model, r: SocialGraph): void {
    if (m.g.has(this.id)) {
      expectCode(() => r.addMember(this.id), 'DUPLICATE_MEMBER');
    } else {
      r.addMember(this.id);
      m.g.set(this.id, new Set());
    }
    sameGraph(m, r);
  }
  toString = () => `addMember(${this.id})`;
}

class MergeMember implements Cmd {
  constructor(readonly id: string) {}
  check = () => true;
  run(m: Model, r: SocialGraph): void {
    const added = !m.g.has(this.id);
    expect(r.mergeMember(this.id)).toBe(added);
    if (added) m.g.set(this.id, new Set());
    sameGraph(m, r);
  }
  toString = () => `mergeMember(${this.id})`;
}

class RemoveMember implements Cmd {
  constructor(readonly id: string) {}
  check = () => true;
  run(m: Model, r: SocialGraph): void {
    const s = m.g.get(this.id);
    if (s === undefined) {
      expectCode(() => r.removeMember(this.id), 'MEMBER_NOT_FOUND');
    } else {
      r.removeMember(this.id);
      for (const w of s) m.g.get(w)!.delete(this.id);
      m.g.delete(this.id);
      expect(r.hasMember(this.id)).toBe(false);
    }
    sameGraph(m, r);
  }
  toString = () => `removeMember(${this.id})`;
}

class Connect implements Cmd {
  constructor(readonly i: number, readonly j: number, readonly stranger: boolean) {}
  check = () => true;
  run(m: Model, r: SocialGraph): void {
    const a = pick(m, this.i);
    const b = this.stranger ? 'nobody' : pick(m, this.j);
    if (a === undefined || b === undefined) return;
    if (!m.g.has(b)) expectCode(() => r.connect(a, b), 'MEMBER_NOT_FOUND');
    else if (a === b) expectCode(() => r.connect(a, b), 'SELF_CONNECTION');
    else if (m.g.get(a)!.has(b)) expect(r.connect(a, b)).toBe(false);
    else if (m.g.get(a)!.size >= CAP || m.g.get(b)!.size >= CAP) expectCode(() => r.connect(a, b), 'CONNECTION_LIMIT');
    else {
      expect(r.connect(a, b)).toBe(true);
      m.g.get(a)!.add(b);
      m.g.get(b)!.add(a);
    }
    sameGraph(m, r);
    expect(r.areConnected(a, a === b || !m.g.has(b) ? a : b)).toBe(m.g.has(b) && a !== b && m.g.get(a)!.has(b));
  }
  toString = () => `connect(#${this.i}, ${this.stranger ? 'stranger' : `#${this.j}`})`;
}

class Disconnect implements Cmd {
  constructor(readonly i: number, readonly j: number) {}
  check = () => true;
  run(m: Model, r: SocialGraph): void {
    const a = pick(m, this.i);
    const b = pick(m, this.j);
    if (a === undefined || b === undefined) return;
    const existed = a !== b && m.g.get(a)!.has(b);
    expect(r.disconnect(a, b)).toBe(existed);
    m.g.get(a)!.delete(b);
    m.g.get(b)!.delete(a);
    sameGraph(m, r);
  }
  toString = () => `disconnect(#${this.i}, #${this.j})`;
}

class Query implements Cmd {
  constructor(readonly i: number, readonly j: number, readonly depth: number, readonly page: number[]) {}
  check = () => true;
  run(m: Model, r: SocialGraph): void {
    const a = pick(m, this.i);
    const b = pick(m, this.j);
    if (a === undefined || b === undefined) return;
    expect(r.degree(a, b, { maxDepth: this.depth })).toBe(naiveDistance(m.g, a, b, this.depth));
    const mutual = naiveMutual(m.g, a, b);
    expect(r.mutualConnections(a, b).sort()).toEqual(mutual);
    expect(r.mutualCount(a, b)).toBe(mutual.length);
    const [first, second, third] = naiveLevels(m.g, a, 3);
    expect(r.reach(a)).toEqual({ first, second, third });
    expect(r.connections(a).sort()).toEqual([...m.g.get(a)!].sort());
    expect(r.connectionCountOf(a)).toBe(m.g.get(a)!.size);
    const page = this.page.map((k) => pick(m, k)!);
    expect(r.degrees(a, page, { maxDepth: this.depth })).toEqual(page.map((t) => naiveDistance(m.g, a, t, this.depth)));
  }
  toString = () => `query(#${this.i}, #${this.j}, depth ${this.depth}, page ${this.page.length})`;
}

class Members implements Cmd {
  check = () => true;
  run(m: Model, r: SocialGraph): void {
    expect(r.members().sort()).toEqual(ids(m).sort());
    for (const id of POOL) expect(r.hasMember(id)).toBe(m.g.has(id));
  }
  toString = () => 'members()';
}

const commands = [
  fc.constantFrom(...POOL).map((id) => new AddMember(id)),
  fc.constantFrom(...POOL).map((id) => new MergeMember(id)),
  fc.constantFrom(...POOL).map((id) => new RemoveMember(id)),
  fc.tuple(fc.nat(), fc.nat(), fc.boolean()).map(([i, j, s]) => new Connect(i, j, s && i % 7 === 0)),
  fc.tuple(fc.nat(), fc.nat(), fc.boolean()).map(([i, j]) => new Connect(i, j, false)),
  fc.tuple(fc.nat(), fc.nat()).map(([i, j]) => new Disconnect(i, j)),
  fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 6 }), fc.array(fc.nat(), { maxLength: 8 })).map(
    ([i, j, d, p]) => new Query(i, j, d, p),
  ),
  fc.constant(new Members()),
];

describe('SocialGraph against a naive Map<string, Set<string>> model', () => {
  it('random command sequences (500 runs)', () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 120 }), (cmds) => {
        fc.modelRun(() => ({ model: { g: new Map() }, real: new SocialGraph({ maxConnectionsPerMember: CAP }) }), cmds);
      }),
      fcParams(500),
    );
  });
});
