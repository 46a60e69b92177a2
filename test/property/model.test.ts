/**
 * Model-based test of SocialGraph (fc.commands + fc.modelRun) against a naive model (a
 * Map<string, Set<string>> with connection times and directed blocks): every mutation, every
 * query, blocks, bulk loads, snapshots, connection times and the failing operations (wrong
 * member, self pairs, the cap, INVALID_ID / INVALID_OPTION, which must change nothing: the
 * snapshot bytes before and after are equal). The model never calls the library.
 *
 * Each run starts from a random graph built by a bulk load (so runs reach crowded states) and
 * runs up to 120 commands; the coverage counters at the end assert how many runs reached long
 * sequences, many connections, the cap and far queries.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SocialGraph, SocialGraphError, type SocialGraphErrorCode } from '../../src/index.js';
import { Coverage } from '../support/coverage.js';
import { fcParams } from '../support/fc-config.js';
import { naiveLevels, naiveMutual, type Naive } from '../support/oracle.js';
import { bfsAll } from '../support/graph-shape.js';

const CAP = 5;
const POOL = Array.from({ length: 26 }, (_, i) => `p${i}`);
const CLOCK_MS = 1_650_000_000_000;
const clock = (): number => CLOCK_MS;

interface Model {
  g: Naive;
  /** Seconds of each connection ("a b" with a < b); 0 when not recorded. */
  times: Map<string, number>;
  /** Whether the graph records times (once a connect passed `at`, or after a load that had them). */
  hasTimes: boolean;
  /** blocks.get(a): the members a blocked, in the order blocked. */
  blocks: Map<string, string[]>;
  stats: Stats;
}
interface Stats {
  commands: number;
  maxConnections: number;
  capHits: number;
  farQueries: number;
  distance3Queries: number;
  blocks: number;
  loads: number;
  snapshots: number;
  invalid: number;
  timesRead: number;
}
interface Real {
  graph: SocialGraph;
}
type Cmd = fc.Command<Model, Real>;

const key = (a: string, b: string): string => (a < b ? `${a} ${b}` : `${b} ${a}`);
const sorted = (xs: Iterable<string>): string[] => [...xs].sort();

/** Plain deep equality; expect() only on a mismatch (expect per call dominates the run time). */
function same(actual: unknown, expected: unknown, what: string): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual, what).toEqual(expected);
}

function codeOf(call: () => unknown): SocialGraphErrorCode | 'none' {
  try {
    call();
  } catch (error) {
    if (!(error instanceof SocialGraphError)) throw error;
    return error.code;
  }
  return 'none';
}

/** `call` throws `code` and leaves the graph byte for byte as it was. */
function failsCleanly(r: Real, call: () => unknown, code: SocialGraphErrorCode, what: string): void {
  const before = r.graph.toBytes();
  same(codeOf(call), code, what);
  same(r.graph.toBytes(), before, `${what} changed the graph`);
}

function ids(m: Model): string[] {
  return [...m.g.keys()];
}
function pick(m: Model, i: number): string | undefined {
  const all = ids(m);
  return all.length === 0 ? undefined : all[i % all.length];
}
function connectionsOf(m: Model): number {
  let edges = 0;
  for (const s of m.g.values()) edges += s.size;
  return edges / 2;
}
function counts(m: Model, r: Real): void {
  same([r.graph.memberCount, r.graph.connectionCount], [m.g.size, connectionsOf(m)], 'memberCount, connectionCount');
  m.stats.maxConnections = Math.max(m.stats.maxConnections, connectionsOf(m));
}
function isBlocked(m: Model, a: string, b: string): boolean {
  return (m.blocks.get(a)?.includes(b) ?? false) || (m.blocks.get(b)?.includes(a) ?? false);
}
function dropMember(m: Model, id: string): void {
  for (const w of m.g.get(id)!) {
    m.g.get(w)!.delete(id);
    m.times.delete(key(id, w));
  }
  m.g.delete(id);
  m.blocks.delete(id);
  for (const [a, list] of m.blocks) {
    const i = list.indexOf(id);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) m.blocks.delete(a);
  }
}
function dropConnection(m: Model, a: string, b: string): void {
  m.g.get(a)!.delete(b);
  m.g.get(b)!.delete(a);
  m.times.delete(key(a, b));
}
function connectedAt(m: Model, a: string, b: string): number | null {
  if (!m.g.get(a)!.has(b) || !m.hasTimes) return null;
  const s = m.times.get(key(a, b)) ?? 0;
  return s === 0 ? null : s * 1000;
}

/** Everything observable, member by member (members() order may differ after a load). */
function fullCheck(m: Model, r: Real): void {
  counts(m, r);
  same(sorted(r.graph.members()), sorted(m.g.keys()), 'members()');
  for (const id of POOL) same(r.graph.hasMember(id), m.g.has(id), `hasMember(${id})`);
  for (const [a, s] of m.g) {
    same(sorted(r.graph.connections(a)), sorted(s), `connections(${a})`);
    same(r.graph.blockedMembers(a), m.blocks.get(a) ?? [], `blockedMembers(${a})`);
    for (const b of s) same(r.graph.connectedAt(a, b), connectedAt(m, a, b), `connectedAt(${a}, ${b})`);
  }
}

class AddMember implements Cmd {
  constructor(readonly id: string, readonly merge: boolean) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const fresh = !m.g.has(this.id);
    if (this.merge) same(r.graph.mergeMember(this.id), fresh, `mergeMember(${this.id})`);
    else if (fresh) r.graph.addMember(this.id);
    else failsCleanly(r, () => r.graph.addMember(this.id), 'DUPLICATE_MEMBER', `addMember(${this.id})`);
    if (fresh) m.g.set(this.id, new Set());
    counts(m, r);
  }
  toString = () => `${this.merge ? 'mergeMember' : 'addMember'}(${this.id})`;
}

class RemoveMember implements Cmd {
  constructor(readonly id: string) {}
  check = () => true;
  run(m: Model, r: Real): void {
    if (!m.g.has(this.id)) {
      failsCleanly(r, () => r.graph.removeMember(this.id), 'MEMBER_NOT_FOUND', `removeMember(${this.id})`);
      return;
    }
    r.graph.removeMember(this.id);
    dropMember(m, this.id);
    same(r.graph.hasMember(this.id), false, `hasMember(${this.id}) after removal`);
    counts(m, r);
  }
  toString = () => `removeMember(${this.id})`;
}

class Connect implements Cmd {
  constructor(readonly i: number, readonly j: number, readonly stranger: boolean, readonly at: number | undefined) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const a = pick(m, this.i);
    const b = this.stranger ? 'nobody' : pick(m, this.j);
    if (a === undefined || b === undefined) return;
    const options = this.at === undefined ? undefined : { at: this.at };
    const call = () => r.graph.connect(a, b, options);
    if (!m.g.has(b)) failsCleanly(r, call, 'MEMBER_NOT_FOUND', `connect(${a}, ${b})`);
    // Second 0 means "unknown": a time below 1 s is refused, before any other check of the pair.
    else if (this.at !== undefined && this.at < 1000) failsCleanly(r, call, 'INVALID_OPTION', `connect(${a}, ${b}, at ${this.at})`);
    else if (a === b) failsCleanly(r, call, 'SELF_CONNECTION', `connect(${a}, ${a})`);
    else if (m.g.get(a)!.has(b)) same(call(), false, `connect(${a}, ${b}) again`);
    else if (m.g.get(a)!.size >= CAP || m.g.get(b)!.size >= CAP) {
      failsCleanly(r, call, 'CONNECTION_LIMIT', `connect(${a}, ${b}) over the cap`);
      m.stats.capHits++;
    } else {
      same(call(), true, `connect(${a}, ${b})`);
      m.g.get(a)!.add(b);
      m.g.get(b)!.add(a);
      if (this.at !== undefined) m.hasTimes = true;
      m.times.set(key(a, b), this.at !== undefined ? Math.floor(this.at / 1000) : m.hasTimes ? Math.floor(CLOCK_MS / 1000) : 0);
    }
    counts(m, r);
    if (m.g.has(b)) same(r.graph.areConnected(a, b), a !== b && m.g.get(a)!.has(b), `areConnected(${a}, ${b})`);
  }
  toString = () => `connect(#${this.i}, ${this.stranger ? 'stranger' : `#${this.j}`}${this.at === undefined ? '' : `, at ${this.at}`})`;
}

class Disconnect implements Cmd {
  constructor(readonly i: number, readonly j: number) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const a = pick(m, this.i);
    const b = pick(m, this.j);
    if (a === undefined || b === undefined) return;
    same(r.graph.disconnect(a, b), a !== b && m.g.get(a)!.has(b), `disconnect(${a}, ${b})`);
    if (a !== b) dropConnection(m, a, b);
    counts(m, r);
  }
  toString = () => `disconnect(#${this.i}, #${this.j})`;
}

class Block implements Cmd {
  constructor(readonly i: number, readonly j: number, readonly lift: boolean) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const a = pick(m, this.i);
    const b = pick(m, this.j);
    if (a === undefined || b === undefined) return;
    const mine = m.blocks.get(a) ?? [];
    if (this.lift) {
      same(r.graph.unblock(a, b), mine.includes(b), `unblock(${a}, ${b})`);
      if (mine.includes(b)) mine.splice(mine.indexOf(b), 1);
      if (mine.length === 0) m.blocks.delete(a);
    } else if (a === b) {
      failsCleanly(r, () => r.graph.block(a, a), 'SELF_BLOCK', `block(${a}, ${a})`);
    } else {
      same(r.graph.block(a, b), !mine.includes(b), `block(${a}, ${b})`);
      if (!mine.includes(b)) m.blocks.set(a, [...mine, b]);
      dropConnection(m, a, b);
      m.stats.blocks++;
    }
    same(r.graph.isBlocked(a, b), a !== b && isBlocked(m, a, b), `isBlocked(${a}, ${b})`);
    same(r.graph.isBlocked(b, a), a !== b && isBlocked(m, a, b), `isBlocked(${b}, ${a})`);
    counts(m, r);
  }
  toString = () => `${this.lift ? 'unblock' : 'block'}(#${this.i}, #${this.j})`;
}

class Query implements Cmd {
  constructor(readonly i: number, readonly j: number, readonly depth: number, readonly page: number[]) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const a = pick(m, this.i);
    const b = pick(m, this.j);
    if (a === undefined || b === undefined) return;
    const dist = bfsAll(m.g, a);
    const within = (t: string): number | null => {
      const d = dist.get(t);
      return d !== undefined && d <= this.depth ? d : null;
    };
    const d = dist.get(b);
    if (d !== undefined && d >= 2) m.stats.farQueries++;
    if (d !== undefined && d >= 3) m.stats.distance3Queries++;
    same(r.graph.degree(a, b, { maxDepth: this.depth }), within(b), `degree(${a}, ${b}, ${this.depth})`);
    same(r.graph.degree(a, b), d !== undefined && d <= 3 ? d : null, `degree(${a}, ${b})`);
    const mutual = naiveMutual(m.g, a, b);
    same(r.graph.mutualConnections(a, b).sort(), mutual, `mutualConnections(${a}, ${b})`);
    same(r.graph.mutualCount(a, b), mutual.length, `mutualCount(${a}, ${b})`);
    const [first, second, third] = naiveLevels(m.g, a, 3);
    same(r.graph.reach(a), { first, second, third }, `reach(${a})`);
    same(sorted(r.graph.connections(a)), sorted(m.g.get(a)!), `connections(${a})`);
    same(r.graph.connectionCountOf(a), m.g.get(a)!.size, `connectionCountOf(${a})`);
    const page = this.page.map((k) => pick(m, k)!);
    same(r.graph.degrees(a, page, { maxDepth: this.depth }), page.map(within), `degrees(${a}, page, ${this.depth})`);
    if (m.g.get(a)!.has(b)) {
      same(r.graph.connectedAt(a, b), connectedAt(m, a, b), `connectedAt(${a}, ${b})`);
      if (connectedAt(m, a, b) !== null) m.stats.timesRead++;
    }
  }
  toString = () => `query(#${this.i}, #${this.j}, depth ${this.depth}, page ${this.page.length})`;
}

/** Bad ids and bad options: each call throws its code and changes nothing. */
const INVALID: { name: string; code: SocialGraphErrorCode; call: (g: SocialGraph, a: string) => unknown }[] = [
  { name: "addMember('')", code: 'INVALID_ID', call: (g) => g.addMember('') },
  { name: 'addMember(42)', code: 'INVALID_ID', call: (g) => g.addMember(42 as unknown as string) },
  { name: "connect(a, '')", code: 'INVALID_ID', call: (g, a) => g.connect(a, '') },
  { name: 'connect(a, null)', code: 'INVALID_ID', call: (g, a) => g.connect(a, null as unknown as string) },
  { name: "disconnect('', a)", code: 'INVALID_ID', call: (g, a) => g.disconnect('', a) },
  { name: "removeMember('')", code: 'INVALID_ID', call: (g) => g.removeMember('') },
  { name: "block(a, '')", code: 'INVALID_ID', call: (g, a) => g.block(a, '') },
  { name: 'degree(a, a, maxDepth -1)', code: 'INVALID_OPTION', call: (g, a) => g.degree(a, a, { maxDepth: -1 }) },
  { name: 'degree(a, a, maxDepth 1.5)', code: 'INVALID_OPTION', call: (g, a) => g.degree(a, a, { maxDepth: 1.5 }) },
  { name: 'degree(a, a, maxDepth NaN)', code: 'INVALID_OPTION', call: (g, a) => g.degree(a, a, { maxDepth: Number.NaN }) },
  { name: 'degrees(a, [a], maxDepth 251)', code: 'INVALID_OPTION', call: (g, a) => g.degrees(a, [a], { maxDepth: 251 }) },
  { name: 'connect(a, b, at -1)', code: 'INVALID_OPTION', call: (g, a) => g.connect(a, g.members().find((x) => x !== a) ?? a, { at: -1 }) },
  { name: 'connect(a, b, at NaN)', code: 'INVALID_OPTION', call: (g, a) => g.connect(a, g.members().find((x) => x !== a) ?? a, { at: Number.NaN }) },
  { name: 'connect(a, b, at 2^32 s)', code: 'INVALID_OPTION', call: (g, a) => g.connect(a, g.members().find((x) => x !== a) ?? a, { at: 2 ** 32 * 1000 }) },
];

class Invalid implements Cmd {
  constructor(readonly i: number, readonly which: number) {}
  check = (m: Readonly<Model>) => m.g.size >= 2;
  run(m: Model, r: Real): void {
    const a = pick(m, this.i)!;
    const bad = INVALID[this.which % INVALID.length]!;
    failsCleanly(r, () => bad.call(r.graph, a), bad.code, bad.name);
    m.stats.invalid++;
  }
  toString = () => `invalid(${INVALID[this.which % INVALID.length]!.name}, #${this.i})`;
}

/** toBytes → fromBytes: the copy answers as the model, times and blocks included. */
class Snapshot implements Cmd {
  check = () => true;
  run(m: Model, r: Real): void {
    r.graph = SocialGraph.fromBytes(r.graph.toBytes(), { clock });
    same(r.graph.maxConnectionsPerMember(), CAP, 'maxConnectionsPerMember after fromBytes');
    fullCheck(m, r);
    m.stats.snapshots++;
  }
  toString = () => 'snapshot()';
}

/**
 * Replaces the graph by a bulk load of the model's connections plus extra pairs (repeats,
 * reversed and self pairs, new members): the model becomes that graph (no times, no blocks), or
 * the load fails with CONNECTION_LIMIT when a member would pass the cap.
 */
class BulkLoad implements Cmd {
  constructor(readonly extra: [number, number][], readonly keep: boolean) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const pairs: [string, string][] = [];
    if (this.keep) for (const [a, s] of m.g) for (const b of s) pairs.push([a, b]);
    if (this.keep) for (const a of m.g.keys()) pairs.push([a, a]);
    for (const [x, y] of this.extra) pairs.push([POOL[x % POOL.length]!, POOL[y % POOL.length]!]);
    const next = naiveGraph(pairs);
    let connections = 0;
    for (const s of next.values()) connections += s.size;
    const overflow = [...next.values()].some((s) => s.size > CAP);
    if (overflow) {
      same(codeOf(() => SocialGraph.loadEdges(pairs, { maxConnectionsPerMember: CAP, clock })), 'CONNECTION_LIMIT', 'loadEdges over the cap');
      return;
    }
    const { graph, report } = SocialGraph.loadEdges(pairs, { maxConnectionsPerMember: CAP, clock });
    const selfPairs = pairs.filter(([a, b]) => a === b).length;
    same(report.pairs, pairs.length, 'report.pairs');
    same(report.selfPairs, selfPairs, 'report.selfPairs');
    same(report.connectionCount, connections / 2, 'report.connectionCount');
    same(report.duplicates, pairs.length - selfPairs - connections / 2, 'report.duplicates');
    same(report.memberCount, next.size, 'report.memberCount');
    r.graph = graph;
    m.g = next;
    m.times = new Map();
    m.hasTimes = false;
    m.blocks = new Map();
    m.stats.loads++;
    fullCheck(m, r);
  }
  toString = () => `bulkLoad(${this.keep ? 'model + ' : ''}${this.extra.length} pairs)`;
}

/** Model graph of a pair list: members in order of first appearance, self pairs create members. */
function naiveGraph(pairs: readonly (readonly [string, string])[]): Naive {
  const g: Naive = new Map();
  for (const [a, b] of pairs) {
    if (!g.has(a)) g.set(a, new Set());
    if (!g.has(b)) g.set(b, new Set());
    if (a !== b) {
      g.get(a)!.add(b);
      g.get(b)!.add(a);
    }
  }
  return g;
}

class Check implements Cmd {
  check = () => true;
  run(m: Model, r: Real): void {
    fullCheck(m, r);
  }
  toString = () => 'check()';
}

/** Counts commands (fast-check runs only those whose check passes). */
function counted(arb: fc.Arbitrary<Cmd>): fc.Arbitrary<Cmd> {
  return arb.map((c) => {
    const run = c.run.bind(c);
    c.run = (m: Model, r: Real) => {
      m.stats.commands++;
      run(m, r);
    };
    return c;
  });
}

const pair = fc.tuple(fc.nat(POOL.length - 1), fc.nat(POOL.length - 1));
const at = fc.option(fc.oneof(fc.constantFrom(0, 999, 1000, 1_700_000_000_000, (2 ** 32 - 1) * 1000), fc.integer({ min: 0, max: 4_000_000_000 }).map((s) => s * 1000)), {
  freq: 4,
  nil: undefined,
});
const commands = [
  { arbitrary: fc.tuple(fc.constantFrom(...POOL), fc.boolean()).map(([id, merge]) => new AddMember(id, merge)), weight: 3 },
  { arbitrary: fc.constantFrom(...POOL).map((id) => new RemoveMember(id)), weight: 1 },
  { arbitrary: fc.tuple(fc.nat(), fc.nat(), at).map(([i, j, t]) => new Connect(i, j, false, t)), weight: 8 },
  { arbitrary: fc.tuple(fc.nat(), fc.nat()).map(([i, j]) => new Connect(i, j, true, undefined)), weight: 1 },
  { arbitrary: fc.tuple(fc.nat(), fc.nat()).map(([i, j]) => new Disconnect(i, j)), weight: 1 },
  { arbitrary: fc.tuple(fc.nat(), fc.nat(), fc.boolean()).map(([i, j, lift]) => new Block(i, j, lift)), weight: 1 },
  {
    arbitrary: fc
      .tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 6 }), fc.array(fc.nat(), { maxLength: 8 }))
      .map(([i, j, d, p]) => new Query(i, j, d, p)),
    weight: 4,
  },
  { arbitrary: fc.tuple(fc.nat(), fc.nat()).map(([i, w]) => new Invalid(i, w)), weight: 1 },
  { arbitrary: fc.constant(null).map(() => new Snapshot()), weight: 1 },
  { arbitrary: fc.tuple(fc.array(pair, { maxLength: 30 }), fc.boolean()).map(([p, keep]) => new BulkLoad(p, keep)), weight: 1 },
  { arbitrary: fc.constant(null).map(() => new Check()), weight: 1 },
].map(({ arbitrary, weight }) => Array.from({ length: weight }, () => counted(arbitrary))).flat();

describe('SocialGraph against a naive model', () => {
  it('random command sequences from a bulk-loaded start (500 runs of up to 120 commands)', () => {
    const cov = new Coverage('core model');
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 60 }), fc.commands(commands, { maxCommands: 120 }), (start, cmds) => {
        const stats: Stats = { commands: 0, maxConnections: 0, capHits: 0, farQueries: 0, distance3Queries: 0, blocks: 0, loads: 0, snapshots: 0, invalid: 0, timesRead: 0 };
        // The start: a bulk load of the pairs that keep every member under the cap.
        const pairs: [string, string][] = [];
        const degree = new Map<string, number>();
        const seen = new Set<string>();
        for (const [x, y] of start) {
          const a = POOL[x]!;
          const b = POOL[y]!;
          if (a !== b && !seen.has(key(a, b)) && ((degree.get(a) ?? 0) >= CAP || (degree.get(b) ?? 0) >= CAP)) continue;
          if (a !== b && !seen.has(key(a, b))) {
            seen.add(key(a, b));
            degree.set(a, (degree.get(a) ?? 0) + 1);
            degree.set(b, (degree.get(b) ?? 0) + 1);
          }
          pairs.push([a, b]);
        }
        const model: Model = { g: naiveGraph(pairs), times: new Map(), hasTimes: false, blocks: new Map(), stats };
        fc.modelRun(() => ({ model, real: { graph: SocialGraph.fromEdges(pairs, { maxConnectionsPerMember: CAP, clock }) } }), cmds);
        cov.hit({
          '>= 40 commands': stats.commands >= 40,
          '>= 100 commands': stats.commands >= 100,
          '>= 30 connections': stats.maxConnections >= 30,
          'CONNECTION_LIMIT hit': stats.capHits > 0,
          'query at distance >= 2': stats.farQueries > 0,
          'query at distance >= 3': stats.distance3Queries > 0,
          'block': stats.blocks > 0,
          'bulk load': stats.loads > 0,
          'snapshot': stats.snapshots > 0,
          'INVALID_* call': stats.invalid > 0,
          'recorded time read back': stats.timesRead > 0,
        });
        cov.max('commands', stats.commands);
        cov.max('connections', stats.maxConnections);
      }),
      fcParams(500),
    );
    cov.expect(
      {
        '>= 40 commands': 0.5,
        '>= 100 commands': 0.09,
        '>= 30 connections': 0.5,
        'CONNECTION_LIMIT hit': 0.5,
        'query at distance >= 2': 0.5,
        'query at distance >= 3': 0.3,
        'block': 0.5,
        'bulk load': 0.4,
        'snapshot': 0.4,
        'INVALID_* call': 0.4,
        'recorded time read back': 0.12,
      },
      { commands: 110, connections: 45 },
    );
  });
});
