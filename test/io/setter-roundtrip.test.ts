/**
 * Issue 15 item 1: whatever a setter accepts, the snapshot round-trips exactly; what it cannot
 * round-trip, the setter rejects at the call with a typed error (and the graph's own snapshot
 * always loads).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { definePolicy, DEFAULT_POLICY, SocialGraph, SocialGraphError } from '../../src/index.js';
import { fcParams } from '../support/fc-config.js';

/** Strings a hostile caller sends: lone surrogates, NUL, __proto__, astral, long. */
const hostileString = fc.oneof(
  fc.string({ unit: 'binary', size: 'max', maxLength: 30 }),
  fc.string({ unit: 'grapheme', size: 'max', maxLength: 30 }),
  fc.constantFrom('\uD800', '\uDC00', 'a\uD800', '\uDC00\uD800', '\uD83D\uDE00', '\u0000', '__proto__', 'constructor', 'toString', ' ', '\n', '\uFFFD', 'x'.repeat(201)),
);

/** Calls `set`; true when accepted, false when it threw a SocialGraphError (anything else fails). */
function accepted(set: () => unknown): boolean {
  try {
    set();
    return true;
  } catch (error) {
    expect(error).toBeInstanceOf(SocialGraphError);
    return false;
  }
}

/** Exact equality: Object.is on leaves, same keys and prototypes. */
function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Reflect.ownKeys(a);
  const kb = Reflect.ownKeys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && same((a as Record<PropertyKey, unknown>)[k], (b as Record<PropertyKey, unknown>)[k]));
}

function reload(graph: SocialGraph, options: Parameters<typeof SocialGraph.fromBytes>[1] = {}): SocialGraph {
  return SocialGraph.fromBytes(graph.toBytes(), options);
}

function pair(): SocialGraph {
  const graph = new SocialGraph({ indexedAttributes: ['constructor', 'company'], clock: () => 5_000 });
  graph.addMember('ada');
  graph.addMember('bob');
  graph.addMember('cy');
  graph.connect('ada', 'bob');
  graph.connect('bob', 'cy');
  return graph;
}

describe('every value a setter accepts round-trips through a snapshot', () => {
  it('member ids', () => {
    fc.assert(
      fc.property(fc.uniqueArray(hostileString, { size: 'max', maxLength: 8 }), (ids) => {
        const graph = new SocialGraph();
        const kept = ids.filter((id) => accepted(() => graph.addMember(id)));
        const copy = reload(graph);
        expect(copy.members()).toEqual(kept);
      }),
      fcParams(200),
    );
  });

  it('group names, tags, list names, invitation notes, policy names', () => {
    let accepts = 0;
    let rejects = 0;
    fc.assert(
      fc.property(hostileString, hostileString, (a, b) => {
        const graph = pair();
        const ok = [
          accepted(() => graph.joinGroup('ada', a)),
          accepted(() => graph.joinGroup('ada', b)),
          accepted(() => graph.tag('ada', 'bob', a)),
          accepted(() => graph.tag('ada', 'bob', b)),
          accepted(() => graph.createList('ada', a)),
          accepted(() => graph.createList('bob', a)) && accepted(() => graph.renameList('bob', a, b)),
          accepted(() => graph.invite('ada', 'cy', { note: a })),
        ];
        for (const o of ok) o ? accepts++ : rejects++;
        let policy = DEFAULT_POLICY;
        const custom = accepted(() => {
          policy = definePolicy(a, DEFAULT_POLICY, {});
          graph.setPolicy(policy);
        });
        const copy = reload(graph, custom ? { policy } : {});
        expect(copy.groupsOf('ada')).toEqual(graph.groupsOf('ada'));
        expect(copy.tagsOf('ada', 'bob')).toEqual(graph.tagsOf('ada', 'bob'));
        expect(copy.lists('ada')).toEqual(graph.lists('ada'));
        expect(copy.lists('bob')).toEqual(graph.lists('bob'));
        expect(copy.sentInvitations('ada')).toEqual(graph.sentInvitations('ada'));
        expect(reload(copy, custom ? { policy } : {}).toBytes()).toEqual(copy.toBytes());
      }),
      fcParams(300),
    );
    expect(accepts).toBeGreaterThan(100);
    expect(rejects).toBeGreaterThan(50);
  });

  it('the names of the issue: lone surrogates are rejected at the call, never merged', () => {
    const graph = pair();
    for (const set of [
      () => graph.joinGroup('ada', 'g\uD800'),
      () => graph.tag('ada', 'bob', 't\uDC00'),
      () => graph.createList('ada', '\uD800'),
      () => graph.invite('ada', 'cy', { note: 'hi \uD83D' }),
      () => graph.setPolicy(definePolicy('p\uD800', DEFAULT_POLICY, {})),
      () => new SocialGraph({ indexedAttributes: ['a\uD800'] }),
    ]) {
      expect(accepted(set)).toBe(false);
    }
    expect(() => reload(graph)).not.toThrow();
  });

  it('profiles: exactly what JSON round-trips, deep-frozen, read once', () => {
    let accepts = 0;
    let rejects = 0;
    const value = fc.anything({
      maxDepth: 3,
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withNullPrototype: true,
      withObjectString: true,
      withSet: true,
      withSparseArray: true,
      withTypedArray: true,
      key: hostileString,
      values: [fc.double(), hostileString, fc.constantFrom(undefined, NaN, -0, Infinity, () => 1, Symbol('s'), 2n ** 70n)],
    });
    fc.assert(
      fc.property(fc.dictionary(hostileString, value, { size: 'max', maxKeys: 6 }), fc.option(hostileString), (profile, company) => {
        const graph = pair();
        const given = company === null ? profile : { ...profile, company };
        if (accepted(() => graph.setProfile('ada', given))) {
          accepts++;
          const stored = graph.profile('ada')!;
          expect(Object.isFrozen(stored)).toBe(true);
          expect(same(reload(graph).profile('ada'), stored)).toBe(true);
        } else rejects++;
        expect(() => reload(graph)).not.toThrow();
      }),
      fcParams(500),
    );
    expect(accepts).toBeGreaterThan(50);
    expect(rejects).toBeGreaterThan(50);
  });

  it('profiles: the values of the issue', () => {
    const graph = pair();
    const circular: Record<string, unknown> = { a: 1 };
    circular['self'] = circular;
    const rejected: unknown[] = [
      { n: 1n },
      circular,
      { toJSON: () => 'x' },
      {
        get x(): never {
          throw new Error('boom');
        },
      },
      { n: NaN },
      { n: Infinity },
      { a: [undefined] },
      { f: () => 1 },
      { d: new Date(0) },
      { [Symbol('s')]: 1 },
      { a: [1, , 3] },
      new (class Person {
        name = 'x';
      })(),
      new Proxy({}, { ownKeys: () => { throw new Error('trap'); } }),
      JSON.parse('{"a":'.repeat(40) + '1' + '}'.repeat(40)),
    ];
    for (const profile of rejected) expect(accepted(() => graph.setProfile('ada', profile as never))).toBe(false);
    expect(graph.profile('ada')).toBeUndefined();
    expect(() => graph.toBytes()).not.toThrow();

    graph.setProfile('cy', { name: 'Cy', company: undefined }); // an undefined field is an absent one
    expect(Object.keys(graph.profile('cy')!)).toEqual(['name']);
    const nested = { name: 'Ada', skills: ['ts', { years: 3 }], __proto__x: 1 };
    const withProto = JSON.parse('{"__proto__": {"admin": true}, "constructor": "Acme"}') as Record<string, unknown>;
    graph.setProfile('ada', nested);
    graph.setProfile('bob', withProto);
    (nested.skills[1] as { years: number }).years = 99;
    nested.skills.push('rust');
    expect(graph.profile('ada')).toEqual({ name: 'Ada', skills: ['ts', { years: 3 }], __proto__x: 1 });
    expect(() => ((graph.profile('ada')!['skills'] as unknown[]).push('x'))).toThrow(TypeError);
    expect(Object.hasOwn(graph.profile('bob')!, '__proto__')).toBe(true);
    const copy = reload(graph);
    expect(same(copy.profile('ada'), graph.profile('ada'))).toBe(true);
    expect(same(copy.profile('bob'), graph.profile('bob'))).toBe(true);
    expect(copy.viewAs('cy').search({ degree: 1, where: { constructor: 'Acme' } }).hits.map((h) => h.id)).toEqual(['bob']);
  });
});
