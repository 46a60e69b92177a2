/**
 * Labels (tags, lists, favorites, hidden) against a naive model, under member removals, blocks
 * and re-additions (indices are reused): model-based runs, then error codes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SocialGraph, SocialGraphError } from '../../src/index.js';
import { Coverage } from '../support/coverage.js';
import { fcParams } from '../support/fc-config.js';
import { graphInternals, hiddenBy } from '../support/internals.js';

const N = 6;
const name = (i: number): string => `u${i}`;
const TAGS = ['a', 'b'];
const LISTS = ['L1', 'L2', 'L3'];

interface ViewerModel {
  tags: Map<string, string[]>;
  lists: Map<string, string[]>;
  favorites: string[];
  hidden: string[];
}
interface Model {
  members: Set<string>;
  blocks: Set<string>;
  labels: Map<string, ViewerModel>;
}
type Real = SocialGraph;

const labelsOf = (m: Model, v: string): ViewerModel => {
  let l = m.labels.get(v);
  if (l === undefined) m.labels.set(v, (l = { tags: new Map(), lists: new Map(), favorites: [], hidden: [] }));
  return l;
};
const blocked = (m: Model, a: string, b: string): boolean => m.blocks.has(`${a} ${b}`) || m.blocks.has(`${b} ${a}`);
const without = (list: string[], x: string): string[] => list.filter((y) => y !== x);
function drop(m: Model, viewer: string, target: string): void {
  const l = m.labels.get(viewer);
  if (l === undefined) return;
  for (const [t, members] of [...l.tags]) {
    const next = without(members, target);
    if (next.length === 0) l.tags.delete(t);
    else l.tags.set(t, next);
  }
  for (const [n, members] of l.lists) l.lists.set(n, without(members, target));
  l.favorites = without(l.favorites, target);
  l.hidden = without(l.hidden, target);
}

/** Everything observable through the API equals the model. */
function compare(m: Model, r: Real): void {
  for (const v of m.members) {
    const l = m.labels.get(v);
    for (const t of TAGS) expect(r.tagged(v, t)).toEqual(l?.tags.get(t) ?? []);
    expect(r.lists(v)).toEqual([...(l?.lists.keys() ?? [])]);
    for (const [n, members] of l?.lists ?? []) expect(r.list(v, n)).toEqual(members);
    expect(r.favorites(v)).toEqual(l?.favorites ?? []);
    expect(r.hiddenMembers(v)).toEqual(l?.hidden ?? []);
    const isHidden = hiddenBy(graphInternals(r), graphInternals(r).index('test', v));
    for (const w of m.members) {
      if (w === v) continue;
      expect(r.tagsOf(v, w)).toEqual(TAGS.filter((t) => l?.tags.get(t)?.includes(w)));
      expect(isHidden(graphInternals(r).index('test', w))).toBe(l?.hidden.includes(w) ?? false);
    }
  }
}

type Op = { kind: string; a: number; b: number; x: number; y: number };

class Step implements fc.Command<Model, Real> {
  constructor(readonly op: Op) {}
  check(): boolean {
    return true;
  }
  run(m: Model, r: Real): void {
    const { kind } = this.op;
    const a = name(this.op.a);
    const tag = TAGS[this.op.x % TAGS.length]!;
    // Half the untags aim at a member `a` tagged (picked from the model), so removals happen.
    const taggedByA = kind === 'untag' && this.op.y % 2 === 0 ? m.labels.get(a)?.tags.get(tag) : undefined;
    const b = taggedByA !== undefined && taggedByA.length > 0 ? taggedByA[this.op.b % taggedByA.length]! : name(this.op.b);
    const list = LISTS[this.op.x % LISTS.length]!;
    const other = LISTS[this.op.y % LISTS.length]!;
    const both = m.members.has(a) && m.members.has(b);
    const code = (call: () => unknown): string | null => {
      try {
        call();
        return null;
      } catch (error) {
        expect(error).toBeInstanceOf(SocialGraphError);
        return (error as SocialGraphError).code;
      }
    };
    switch (kind) {
      case 'add':
        if (!m.members.has(a)) {
          r.addMember(a);
          m.members.add(a);
        }
        break;
      case 'remove':
        if (m.members.has(a)) {
          r.removeMember(a);
          m.members.delete(a);
          m.labels.delete(a);
          for (const v of m.labels.keys()) drop(m, v, a);
          for (const k of [...m.blocks]) if (k.split(' ').includes(a)) m.blocks.delete(k);
        }
        break;
      case 'block':
        if (both && a !== b) {
          r.block(a, b);
          if (!m.blocks.has(`${a} ${b}`)) {
            m.blocks.add(`${a} ${b}`);
            drop(m, a, b);
            drop(m, b, a);
          }
        }
        break;
      case 'unblock':
        if (both) {
          r.unblock(a, b);
          m.blocks.delete(`${a} ${b}`);
        }
        break;
      case 'tag':
      case 'untag': {
        if (!both) return void expect(code(() => (kind === 'tag' ? r.tag(a, b, tag) : r.untag(a, b, tag)))).toBe('MEMBER_NOT_FOUND');
        if (a === b) return void expect(code(() => (kind === 'tag' ? r.tag(a, b, tag) : r.untag(a, b, tag))), `${kind} on self`).toBe('INVALID_OPTION');
        const l = labelsOf(m, a);
        const has = l.tags.get(tag)?.includes(b) ?? false;
        if (kind === 'tag') {
          const ok = !has && !blocked(m, a, b);
          if (ok) stats.tagged++;
          expect(r.tag(a, b, tag)).toBe(ok);
          if (ok) l.tags.set(tag, [...(l.tags.get(tag) ?? []), b]);
        } else {
          expect(r.untag(a, b, tag)).toBe(has);
          if (has) {
            stats.untagged++;
            const next = without(l.tags.get(tag)!, b);
            if (next.length === 0) l.tags.delete(tag);
            else l.tags.set(tag, next);
          }
        }
        break;
      }
      case 'create': {
        if (!m.members.has(a)) return;
        const l = labelsOf(m, a);
        if (l.lists.has(list)) return void expect(code(() => r.createList(a, list))).toBe('DUPLICATE_LIST');
        r.createList(a, list);
        l.lists.set(list, []);
        break;
      }
      case 'rename': {
        if (!m.members.has(a)) return;
        const l = labelsOf(m, a);
        if (!l.lists.has(list)) return void expect(code(() => r.renameList(a, list, other))).toBe('LIST_NOT_FOUND');
        if (list !== other && l.lists.has(other)) return void expect(code(() => r.renameList(a, list, other))).toBe('DUPLICATE_LIST');
        r.renameList(a, list, other);
        const entries = [...l.lists].map(([n, members]) => [n === list ? other : n, members] as [string, string[]]);
        l.lists = new Map(entries);
        break;
      }
      case 'delete': {
        if (!m.members.has(a)) return;
        const l = labelsOf(m, a);
        if (!l.lists.has(list)) return void expect(code(() => r.deleteList(a, list))).toBe('LIST_NOT_FOUND');
        r.deleteList(a, list);
        l.lists.delete(list);
        break;
      }
      case 'addToList':
      case 'removeFromList': {
        if (!both || a === b) return;
        const l = labelsOf(m, a);
        const members = l.lists.get(list);
        if (members === undefined) return void expect(code(() => r.addToList(a, list, b))).toBe('LIST_NOT_FOUND');
        const has = members.includes(b);
        if (kind === 'addToList') {
          const ok = !has && !blocked(m, a, b);
          expect(r.addToList(a, list, b)).toBe(ok);
          if (ok) members.push(b);
        } else {
          expect(r.removeFromList(a, list, b)).toBe(has);
          l.lists.set(list, without(members, b));
        }
        break;
      }
      case 'favorite':
      case 'hide': {
        if (!both || a === b) return;
        const l = labelsOf(m, a);
        const key = kind === 'favorite' ? 'favorites' : 'hidden';
        const has = l[key].includes(b);
        if (this.op.y % 2 === 0) {
          const ok = !has && !blocked(m, a, b);
          expect(kind === 'favorite' ? r.favorite(a, b) : r.hide(a, b)).toBe(ok);
          if (ok) l[key].push(b);
        } else {
          expect(kind === 'favorite' ? r.unfavorite(a, b) : r.unhide(a, b)).toBe(has);
          l[key] = without(l[key], b);
        }
        break;
      }
    }
    compare(m, r);
  }
  toString(): string {
    return JSON.stringify(this.op);
  }
}

const KINDS = ['add', 'remove', 'block', 'unblock', 'tag', 'untag', 'create', 'rename', 'delete', 'addToList', 'removeFromList', 'favorite', 'hide'];
const KIND_WEIGHTS = [1, 1, 1, 1, 4, 2, 3, 1, 1, 4, 2, 3, 3];
const op = fc.record({
  kind: fc.oneof(...KINDS.map((k, i) => ({ arbitrary: fc.constant(k), weight: KIND_WEIGHTS[i]! }))),
  a: fc.nat(N - 1),
  b: fc.nat(N - 1),
  x: fc.nat(5),
  y: fc.nat(5),
});

/** Per-run counters for the coverage table (reset at the start of each run). */
const stats = { steps: 0, tagged: 0, untagged: 0 };

describe('labels', () => {
  it('match the model under tags, lists, favorites, hides, blocks and removals', () => {
    const cov = new Coverage('labels model');
    fc.assert(
      fc.property(fc.commands([op.map((o) => new Step(o))], { maxCommands: 120, size: 'max' }), (cmds) => {
        Object.assign(stats, { steps: 0, tagged: 0, untagged: 0 });
        const graph = new SocialGraph();
        const members = new Set<string>();
        for (let i = 0; i < N - 1; i++) {
          graph.addMember(name(i));
          members.add(name(i));
        }
        fc.modelRun(() => ({ model: { members, blocks: new Set<string>(), labels: new Map() }, real: graph }), cmds);
        stats.steps = [...cmds].length;
        cov.hit({ '>= 40 steps': stats.steps >= 40, '>= 3 tags set': stats.tagged >= 3, 'a tag removed': stats.untagged > 0 });
      }),
      fcParams(500),
    );
    cov.expect({ '>= 40 steps': 0.42, '>= 3 tags set': 0.3, 'a tag removed': 0.1 });
  });
});
