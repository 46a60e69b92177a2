/**
 * `SocialGraph.connectAll` against two references: a naive model (a set of pair keys, which
 * knows nothing of the store) for what is connected and how many connections are new, and a copy
 * of the graph given the same pairs by one `connect` each, for everything a batch must leave as
 * the calls would: the snapshot bytes (lists, connection times, invitations accepted), and the
 * events, in order. Batches are big enough to reach the store's paths on purpose (repeats in
 * either direction, pairs already connected, a member gaining more than 32 at once, lists that
 * outgrow their block), which `fc.statistics`-style counters prove; failing batches must change
 * nothing, bytes included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SocialGraph, SocialGraphError } from '../../src/index.js';
import { fcParams } from '../support/fc-config.js';

const key = (a: number, b: number): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

interface Case {
  members: number;
  initial: [number, number][];
  batch: [number, number][];
  times: boolean;
  at: boolean;
  invites: [number, number][];
}

const caseArb: fc.Arbitrary<Case> = fc.integer({ min: 2, max: 60 }).chain((members) => {
  const pair = fc.tuple(fc.nat(members - 1), fc.nat(members - 1)).filter(([a, b]) => a !== b);
  // A hub (member 0) takes part in many pairs: its group is sorted by the built-in sort.
  const hubPair = fc.nat(members - 1).filter((b) => b !== 0).map((b): [number, number] => (b % 2 === 0 ? [0, b] : [b, 0]));
  return fc.record({
    members: fc.constant(members),
    initial: fc.array(pair, { maxLength: 120, size: 'max' }),
    batch: fc.array(fc.oneof({ weight: 3, arbitrary: pair }, { weight: 1, arbitrary: hubPair }), { maxLength: 300, size: 'max' }),
    times: fc.boolean(),
    at: fc.boolean(),
    invites: fc.array(pair, { maxLength: 6 }),
  });
});

const id = (i: number): string => (i % 3 === 0 ? `urn:li:member:${100_000_000 + i}` : i % 3 === 1 ? `u${i}` : `ü${i}`);

function build(c: Case, maxConnectionsPerMember = 1000): SocialGraph {
  let t = 1_700_000_000_000;
  const graph = new SocialGraph({ clock: () => t, connectionTimes: c.times, maxConnectionsPerMember });
  for (let i = 0; i < c.members; i++) graph.addMember(id(i));
  for (const [a, b] of c.initial) graph.connect(id(a), id(b));
  for (const [a, b] of c.invites) {
    try {
      graph.invite(id(a), id(b));
    } catch {
      // Connected already, or pending the other way: not every pair can be invited.
    }
  }
  t += 5000;
  return graph;
}

describe('connectAll', () => {
  it('leaves what one connect per pair leaves (bytes, events, counts) and agrees with a naive model (fast-check)', () => {
    const reached = { repeats: 0, alreadyConnected: 0, bigGroup: 0, accepted: 0, timed: 0, empty: 0 };
    fc.assert(
      fc.property(caseArb, (c) => {
        const batched = build(c);
        const looped = build(c);
        // What build connected (its connects, and invitations it made mutual), read back.
        const model = new Set<string>();
        for (let a = 0; a < c.members; a++) for (let b = a + 1; b < c.members; b++) if (batched.areConnected(id(a), id(b))) model.add(key(a, b));
        const before = new Set(model);
        const options = c.at ? { at: 1_600_000_000_000 } : undefined;
        const seen: string[][] = [[], []];
        for (const [k, g] of [batched, looped].entries()) {
          g.on('connected', (e) => seen[k]!.push(`connected ${e.a} ${e.b}`));
          g.on('invitationAccepted', (e) => seen[k]!.push(`accepted ${e.id}`));
        }
        const added = batched.connectAll(c.batch.map(([a, b]) => [id(a), id(b)]), options);
        // The same batch as positions in an id list (each id looked up once).
        const indexed = build(c);
        const list = [...Array(c.members).keys()].map(id);
        expect(indexed.connectAll({ ids: list, memberCount: c.members, sources: Int32Array.from(c.batch, ([a]) => a), targets: Int32Array.from(c.batch, ([, b]) => b) }, options)).toBe(added);
        expect(Buffer.from(indexed.toBytes()).equals(Buffer.from(batched.toBytes()))).toBe(true);
        let calls = 0;
        for (const [a, b] of c.batch) if (looped.connect(id(a), id(b), options)) calls++;
        let expected = 0;
        for (const [a, b] of c.batch) {
          if (model.has(key(a, b))) continue;
          model.add(key(a, b));
          expected++;
        }
        expect(added).toBe(expected);
        expect(calls).toBe(expected);
        expect(batched.connectionCount).toBe(model.size);
        for (let a = 0; a < c.members; a++) {
          const expectedList = [...Array(c.members).keys()].filter((b) => model.has(key(a, b))).map(id).sort();
          expect([...batched.connections(id(a))].sort()).toEqual(expectedList);
        }
        expect(Buffer.from(batched.toBytes()).equals(Buffer.from(looped.toBytes()))).toBe(true);
        expect(seen[0]).toEqual(seen[1]);
        const keys = c.batch.map(([a, b]) => key(a, b));
        if (new Set(keys).size < keys.length) reached.repeats++;
        if (keys.some((k) => before.has(k))) reached.alreadyConnected++;
        if (c.batch.filter(([a, b]) => a === 0 || b === 0).length > 32) reached.bigGroup++;
        if (seen[0]!.some((e) => e.startsWith('accepted'))) reached.accepted++;
        if (c.times || c.at) reached.timed++;
        if (c.batch.length === 0) reached.empty++;
      }),
      fcParams(200),
    );
    // The runs reach every path that matters.
    expect(reached.repeats).toBeGreaterThan(50);
    expect(reached.alreadyConnected).toBeGreaterThan(50);
    expect(reached.bigGroup).toBeGreaterThan(20);
    expect(reached.accepted).toBeGreaterThan(5);
    expect(reached.timed).toBeGreaterThan(50);
  });

  it('merges into a long list: runs of more and of fewer than 32 entries move up, in a list that keeps its block and in one that moves', () => {
    // m0 holds the 100 even members; the batch gives it odd ones spread through its list.
    const make = (): SocialGraph => {
      const graph = new SocialGraph();
      for (let i = 0; i <= 200; i++) graph.addMember(`m${i}`);
      for (let i = 2; i <= 200; i += 2) graph.connect('m0', `m${i}`);
      return graph;
    };
    for (const extra of [1, 3, 7, 40, 100]) {
      const pairs: [string, string][] = [];
      for (let k = 0; k < extra; k++) pairs.push(k % 2 === 0 ? ['m0', `m${1 + 2 * ((k * 37) % 100)}`] : [`m${1 + 2 * ((k * 37) % 100)}`, 'm0']);
      const batched = make();
      const looped = make();
      const before = batched.storeStats().blockSlots;
      expect(batched.connectAll(pairs)).toBe(extra);
      for (const [a, b] of pairs) looped.connect(a, b);
      const expected = new Set([...Array(100).keys()].map((i) => 2 * i + 2));
      for (const [a, b] of pairs) expected.add(Number((a === 'm0' ? b : a).slice(1)));
      expect(batched.connections('m0')).toEqual([...expected].sort((x, y) => x - y).map((i) => `m${i}`));
      expect(Buffer.from(batched.toBytes()).equals(Buffer.from(looped.toBytes()))).toBe(true);
      // Each new odd member takes a block of one entry; m0's list of 100 stays in its block
      // (room for 104) while 1 or 3 join it, and moves to a bigger one when 40 or 100 do.
      const grown = batched.storeStats().blockSlots - before;
      if (extra <= 3) expect(grown).toBe(extra);
      if (extra >= 40) expect(grown).toBeGreaterThan(extra);
    }
  });

  it('merges into a list that moves: runs longer than 64 entries are copied in bulk, with and without connection times', () => {
    // m0 holds the 100 even members in a block of 104; six odd members join at both ends, so the
    // list moves and the run between them (m6..m194, 95 entries) is copied in one piece.
    for (const times of [false, true]) {
      const make = (): SocialGraph => {
        const graph = new SocialGraph({ connectionTimes: times, clock: () => 1_700_000_000_000 });
        for (let i = 0; i <= 200; i++) graph.addMember(`m${i}`);
        for (let i = 2; i <= 200; i += 2) graph.connect('m0', `m${i}`);
        return graph;
      };
      const pairs: [string, string][] = [['m1', 'm0'], ['m0', 'm3'], ['m5', 'm0'], ['m0', 'm195'], ['m197', 'm0'], ['m0', 'm199']];
      const batched = make();
      const looped = make();
      const before = batched.storeStats().blockSlots;
      expect(batched.connectAll(pairs)).toBe(6);
      for (const [a, b] of pairs) looped.connect(a, b);
      const expected = [1, 3, 5, ...Array.from({ length: 100 }, (_, i) => 2 * i + 2), 195, 197, 199].sort((x, y) => x - y);
      expect(batched.connections('m0')).toEqual(expected.map((i) => `m${i}`));
      expect(Buffer.from(batched.toBytes()).equals(Buffer.from(looped.toBytes()))).toBe(true);
      expect(batched.storeStats().blockSlots - before).toBeGreaterThan(6); // m0's list moved
    }
  });

  it('changes nothing, bytes included, when any pair of the batch is bad (fast-check)', () => {
    let overCap = 0;
    fc.assert(
      fc.property(caseArb, fc.nat(), fc.constantFrom('unknown', 'self', 'not a pair', 'not a string', 'cap'), (c, where, kind) => {
        const graph = build(c);
        const bytes = Buffer.from(graph.toBytes());
        const events: string[] = [];
        graph.on('connected', (e) => events.push(e.a));
        const pairs: unknown[] = c.batch.map(([a, b]) => [id(a), id(b)]);
        const bad = kind === 'unknown' ? [id(0), 'nobody'] : kind === 'self' ? [id(1), id(1)] : kind === 'not a pair' ? [id(0)] : [id(0), 7];
        if (kind === 'cap') {
          // A cap one above the busiest member's count: a batch giving member 0 everyone breaks it.
          let busiest = 0;
          for (let a = 0; a < c.members; a++) busiest = Math.max(busiest, graph.connectionCountOf(id(a)));
          const capped = build(c, busiest + 1);
          const all = [...Array(c.members).keys()].filter((b) => b !== 0).map((b) => [id(0), id(b)] as [string, string]);
          const fresh = all.filter(([, b]) => !capped.areConnected(id(0), b)).length;
          if (capped.connectionCountOf(id(0)) + fresh <= capped.maxConnectionsPerMember()) return;
          const capBytes = Buffer.from(capped.toBytes());
          expect(() => capped.connectAll(all)).toThrow(expect.objectContaining({ code: 'CONNECTION_LIMIT' }));
          expect(Buffer.from(capped.toBytes()).equals(capBytes)).toBe(true);
          overCap++;
          return;
        }
        pairs.splice(where % (pairs.length + 1), 0, bad);
        let error: unknown;
        try {
          graph.connectAll(pairs as [string, string][]);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(SocialGraphError);
        expect((error as SocialGraphError).message).toContain('SocialGraph.connectAll');
        expect(Buffer.from(graph.toBytes()).equals(bytes)).toBe(true);
        expect(events).toEqual([]);
      }),
      fcParams(150),
    );
    expect(overCap).toBeGreaterThan(5);
  });

  it('a member near its cap takes a batch whose repeats and known neighbours bring it just to the cap', () => {
    // m0 holds m1..m8 under a cap of 10; the batch names m0 22 times (over the cap counted raw)
    // but only m9 and m10 are new to it: the batch fits exactly, and so does a second member's.
    for (const times of [false, true]) {
      const make = (): SocialGraph => {
        const graph = new SocialGraph({ maxConnectionsPerMember: 10, connectionTimes: times, clock: () => 1_700_000_000_000 });
        for (let i = 0; i <= 12; i++) graph.addMember(`m${i}`);
        for (let i = 1; i <= 8; i++) graph.connect('m0', `m${i}`);
        for (let i = 3; i <= 10; i++) graph.connect('m12', `m${i}`);
        return graph;
      };
      const pairs: [string, string][] = [];
      for (let round = 0; round < 2; round++) {
        for (let i = 1; i <= 10; i++) pairs.push(round === 0 ? ['m0', `m${i}`] : [`m${i}`, 'm0']);
        pairs.push(['m12', 'm1'], ['m2', 'm12']);
      }
      pairs.push(['m0', 'm9'], ['m10', 'm0']);
      const batched = make();
      const looped = make();
      expect(batched.connectAll(pairs)).toBe(4);
      for (const [a, b] of pairs) looped.connect(a, b);
      expect(batched.connectionCountOf('m0')).toBe(10);
      expect(batched.connectionCountOf('m12')).toBe(10);
      expect(Buffer.from(batched.toBytes()).equals(Buffer.from(looped.toBytes()))).toBe(true);
      // One more new neighbour for m0 is over the cap: nothing changes.
      const bytes = Buffer.from(batched.toBytes());
      expect(() => batched.connectAll([...pairs, ['m0', 'm11']])).toThrow(expect.objectContaining({ code: 'CONNECTION_LIMIT' }));
      expect(Buffer.from(batched.toBytes()).equals(bytes)).toBe(true);
    }
  });

  it('takes any iterable, reads each pair once, and lets a throwing getter through with nothing changed', () => {
    const graph = new SocialGraph();
    for (const m of ['a', 'b', 'c', 'd']) graph.addMember(m);
    function* pairs(): Generator<[string, string]> {
      yield ['a', 'b'];
      yield ['c', 'd'];
    }
    expect(graph.connectAll(pairs())).toBe(2);
    expect(graph.connectAll(new Set<[string, string]>([['a', 'c']]))).toBe(1);
    // A pair whose reads change: the ids read once are the ids applied.
    let reads = 0;
    const shifty = new Proxy(['b', 'c'], {
      get(target, k, receiver) {
        if (k === '1') return reads++ === 0 ? 'c' : 'd';
        return Reflect.get(target, k, receiver) as unknown;
      },
    });
    expect(graph.connectAll([shifty as unknown as [string, string]])).toBe(1);
    expect(graph.areConnected('b', 'c')).toBe(true);
    expect(graph.areConnected('b', 'd')).toBe(false);
    const bytes = Buffer.from(graph.toBytes());
    const hostile = new Proxy(['a', 'd'], {
      get(target, k, receiver) {
        if (k === '1') throw new Error('hostile getter');
        return Reflect.get(target, k, receiver) as unknown;
      },
    });
    expect(() => graph.connectAll([['b', 'd'], hostile as unknown as [string, string]])).toThrow('hostile getter');
    expect(Buffer.from(graph.toBytes()).equals(bytes)).toBe(true);
    function* failing(): Generator<[string, string]> {
      yield ['b', 'd'];
      throw new Error('source failed');
    }
    expect(() => graph.connectAll(failing())).toThrow('source failed');
    expect(Buffer.from(graph.toBytes()).equals(bytes)).toBe(true);
  });

  it('applies exactly the pairs it read when the array grows or shrinks while it is read (ids are looked up block by block as they are read)', () => {
    const members = 400;
    const make = (): SocialGraph => {
      const graph = new SocialGraph();
      for (let i = 0; i < members; i++) graph.addMember(`m${i}`);
      return graph;
    };
    const base = (n: number): [string, string][] => Array.from({ length: n }, (_, i): [string, string] => [`m${i}`, `m${(i * 7 + 1) % members}`]);
    for (const [start, change] of [
      [10, 300], // grows past several lookup blocks
      [300, 5], // grows by a few at the end of a block
      [300, -150], // shrinks
    ] as const) {
      const pairs = base(start);
      const seen: [string, string][] = [];
      let changed = false;
      // A pair's getter changes the array's length the first time it is read.
      const proxy = new Proxy(pairs, {
        get(target, k, receiver) {
          const value = Reflect.get(target, k, receiver) as unknown;
          if (k === '3' && !changed) {
            changed = true;
            if (change > 0) for (let i = 0; i < change; i++) target.push([`m${(start + i) % members}`, `m${(start + i + 13) % members}`]);
            else target.length += change;
          }
          if (typeof k === 'string' && /^\d+$/.test(k) && Array.isArray(value)) seen.push(value as [string, string]);
          return value;
        },
      });
      const graph = make();
      const added = graph.connectAll(proxy);
      const reference = make();
      let expected = 0;
      for (const [a, b] of seen) if (a !== b && reference.connect(a, b)) expected++;
      expect(added).toBe(expected);
      expect(Buffer.from(graph.toBytes()).equals(Buffer.from(reference.toBytes()))).toBe(true);
    }
  });

  it('delivers events once the batch is in: a listener that throws or calls back sees the whole batch', () => {
    const graph = new SocialGraph({ onListenerError: () => undefined });
    for (const m of ['a', 'b', 'c', 'd', 'e']) graph.addMember(m);
    const counts: number[] = [];
    graph.on('connected', (e) => {
      counts.push(graph.connectionCount);
      if (e.a === 'a') graph.connectAll([['d', 'e']]); // re-entrant: its own event follows
      throw new Error('listener failed');
    });
    expect(graph.connectAll([['a', 'b'], ['b', 'c']])).toBe(2);
    expect(counts).toEqual([2, 3, 3]);
    expect(graph.connectionCount).toBe(3);
  });

  it('indexed form: positions are checked, every id must be a member', () => {
    const graph = new SocialGraph();
    for (const m of ['a', 'b', 'c']) graph.addMember(m);
    const bytes = Buffer.from(graph.toBytes());
    const code = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (error) {
        return (error as SocialGraphError).code;
      }
      return undefined;
    };
    expect(code(() => graph.connectAll({ ids: ['a', 'b'], memberCount: 2, sources: Int32Array.of(0), targets: Int32Array.of(2) }))).toBe('INVALID_OPTION');
    expect(code(() => graph.connectAll({ ids: ['a', 'zed'], memberCount: 2, sources: Int32Array.of(0), targets: Int32Array.of(1) }))).toBe('MEMBER_NOT_FOUND');
    expect(code(() => graph.connectAll({ ids: ['a', 'a'], memberCount: 2, sources: Int32Array.of(0), targets: Int32Array.of(1) }))).toBe('SELF_CONNECTION');
    expect(code(() => graph.connectAll({ ids: ['a', ''], memberCount: 2, sources: Int32Array.of(0), targets: Int32Array.of(0) }))).toBe('INVALID_ID');
    expect(code(() => graph.connectAll({ ids: ['a', 'b'], memberCount: 2, sources: Int32Array.of(0), targets: Int32Array.of(1), edges: 2 }))).toBe('INVALID_OPTION');
    expect(Buffer.from(graph.toBytes()).equals(bytes)).toBe(true);
    expect(graph.connectAll({ ids: (i) => ['c', 'a', 'b'][i]!, memberCount: 3, sources: Int32Array.of(0, 0, 1), targets: Int32Array.of(1, 2, 0) })).toBe(2);
  });

  it('an empty batch is a no-op; a batch of repeats counts once', () => {
    const graph = new SocialGraph();
    graph.addMember('a');
    graph.addMember('b');
    expect(graph.connectAll([])).toBe(0);
    expect(graph.connectAll([['a', 'b'], ['b', 'a'], ['a', 'b']])).toBe(1);
    expect(graph.connectAll([['a', 'b']])).toBe(0);
  });
});
