/**
 * Every public method of SocialGraph, tried with every kind of bad input: each throws a
 * SocialGraphError with the right code, names the method in its message, and leaves the graph
 * exactly as it was.
 *
 * Messages are for people: only the method name is asserted, never any other text.
 */
import { describe, expect, it } from 'vitest';
import { fullState } from '../support/full-state.js';
import {
  SocialGraph,
  SocialGraphError,
  type IndexedEdges,
  type SocialGraphErrorCode,
  type SocialGraphOptions,
} from '../../src/index.js';

// ---------------------------------------------------------------------------------- helpers

/** Passes any value where the type wants something else (the point of these tests). */
function as<T>(value: unknown): T {
  return value as T;
}

/** Everything observable about a graph, every feature's state and its snapshot bytes. */
const snapshot = fullState;

/**
 * Members a..e; a-b, b-c, c-d; e has no connection. Every feature holds some state (so that "changes
 * nothing" covers it): a profile, privacy, a group, labels and a block (e-d); the invitation rows
 * use their own graph with invitations.
 */
function smallGraph(): SocialGraph {
  const graph = new SocialGraph();
  for (const id of ['a', 'b', 'c', 'd', 'e']) graph.addMember(id);
  graph.connect('a', 'b');
  graph.connect('b', 'c');
  graph.connect('c', 'd');
  graph.setProfile('a', { name: 'Ada' });
  graph.setPrivacy('b', { openProfile: true });
  graph.joinGroup('c', 'g');
  graph.tag('a', 'c', 'friend');
  graph.createList('a', 'l');
  graph.addToList('a', 'l', 'd');
  graph.favorite('b', 'd');
  graph.hide('c', 'a');
  graph.block('e', 'd');
  return graph;
}

/** maxConnectionsPerMember 2: hub-x, hub-y (hub is full), z and w free. */
function cappedGraph(): SocialGraph {
  const graph = new SocialGraph({ maxConnectionsPerMember: 2 });
  for (const id of ['hub', 'x', 'y', 'z', 'w']) graph.addMember(id);
  graph.connect('hub', 'x');
  graph.connect('hub', 'y');
  return graph;
}

function caught(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  return undefined;
}

interface Row {
  /** Public method under test, as it appears in messages (`SocialGraph.NAME`). */
  method: string;
  /** What is wrong with the call. */
  what: string;
  code: SocialGraphErrorCode;
  call: (graph: SocialGraph) => unknown;
  /** The graph the call runs against (default {@link smallGraph}). */
  graph?: () => SocialGraph;
}

// ---------------------------------------------------------------------------------- the table

const INVALID_IDS: [string, unknown][] = [
  ['a number id', 42],
  ['an undefined id', undefined],
  ['a null id', null],
  ['an object id', { id: 'a' }],
  ['an empty string id', ''],
];
const UNKNOWN_ID = 'nobody';

/** Instance methods taking member ids, with good arguments `a`, `c` (not connected to each other). */
const ID_METHODS: { method: string; arity: 1 | 2; call: (graph: SocialGraph, x: unknown, y: unknown) => unknown }[] = [
  { method: 'removeMember', arity: 1, call: (g, x) => g.removeMember(as(x)) },
  { method: 'invite', arity: 2, call: (g, x, y) => g.invite(as(x), as(y)) },
  { method: 'sentInvitations', arity: 1, call: (g, x) => g.sentInvitations(as(x)) },
  { method: 'receivedInvitations', arity: 1, call: (g, x) => g.receivedInvitations(as(x)) },
  { method: 'introductions', arity: 2, call: (g, x, y) => g.introductions(as(x), as(y)) },
  { method: 'suggestions', arity: 1, call: (g, x) => g.suggestions(as(x)) },
  { method: 'dismissSuggestion', arity: 2, call: (g, x, y) => g.dismissSuggestion(as(x), as(y)) },
  { method: 'connections', arity: 1, call: (g, x) => g.connections(as(x)) },
  { method: 'forEachConnection', arity: 1, call: (g, x) => g.forEachConnection(as(x), () => undefined) },
  { method: 'connectionCountOf', arity: 1, call: (g, x) => g.connectionCountOf(as(x)) },
  { method: 'reach', arity: 1, call: (g, x) => g.reach(as(x)) },
  { method: 'connect', arity: 2, call: (g, x, y) => g.connect(as(x), as(y)) },
  { method: 'connectAll', arity: 2, call: (g, x, y) => g.connectAll([['a', 'e'], [as(x), as(y)]]) },
  { method: 'disconnect', arity: 2, call: (g, x, y) => g.disconnect(as(x), as(y)) },
  { method: 'areConnected', arity: 2, call: (g, x, y) => g.areConnected(as(x), as(y)) },
  { method: 'degree', arity: 2, call: (g, x, y) => g.degree(as(x), as(y)) },
  { method: 'degrees', arity: 2, call: (g, x, y) => g.degrees(as(x), [as(y)]) },
  { method: 'mutualConnections', arity: 2, call: (g, x, y) => g.mutualConnections(as(x), as(y)) },
  { method: 'mutualCount', arity: 2, call: (g, x, y) => g.mutualCount(as(x), as(y)) },
  { method: 'block', arity: 2, call: (g, x, y) => g.block(as(x), as(y)) },
  { method: 'unblock', arity: 2, call: (g, x, y) => g.unblock(as(x), as(y)) },
  { method: 'isBlocked', arity: 2, call: (g, x, y) => g.isBlocked(as(x), as(y)) },
  { method: 'blockedMembers', arity: 1, call: (g, x) => g.blockedMembers(as(x)) },
  { method: 'setPrivacy', arity: 1, call: (g, x) => g.setPrivacy(as(x), { openProfile: true }) },
  { method: 'privacy', arity: 1, call: (g, x) => g.privacy(as(x)) },
  { method: 'joinGroup', arity: 1, call: (g, x) => g.joinGroup(as(x), 'g') },
  { method: 'leaveGroup', arity: 1, call: (g, x) => g.leaveGroup(as(x), 'g') },
  { method: 'groupsOf', arity: 1, call: (g, x) => g.groupsOf(as(x)) },
  { method: 'sharedGroups', arity: 2, call: (g, x, y) => g.sharedGroups(as(x), as(y)) },
  { method: 'quota', arity: 1, call: (g, x) => g.quota(as(x), 'message') },
  { method: 'can', arity: 2, call: (g, x, y) => g.can(as(x), 'message', as(y)) },
  { method: 'attempt', arity: 2, call: (g, x, y) => g.attempt(as(x), 'message', as(y)) },
  { method: 'viewAs', arity: 1, call: (g, x) => g.viewAs(as(x)) },
  { method: 'setProfile', arity: 1, call: (g, x) => g.setProfile(as(x), { name: 'x' }) },
  { method: 'profile', arity: 1, call: (g, x) => g.profile(as(x)) },
  { method: 'removeProfile', arity: 1, call: (g, x) => g.removeProfile(as(x)) },
  { method: 'recentConnections', arity: 1, call: (g, x) => g.recentConnections(as(x)) },
  { method: 'tag', arity: 2, call: (g, x, y) => g.tag(as(x), as(y), 't') },
  { method: 'untag', arity: 2, call: (g, x, y) => g.untag(as(x), as(y), 't') },
  { method: 'tagged', arity: 1, call: (g, x) => g.tagged(as(x), 't') },
  { method: 'tagsOf', arity: 2, call: (g, x, y) => g.tagsOf(as(x), as(y)) },
  { method: 'createList', arity: 1, call: (g, x) => g.createList(as(x), 'L') },
  { method: 'renameList', arity: 1, call: (g, x) => g.renameList(as(x), 'L', 'M') },
  { method: 'deleteList', arity: 1, call: (g, x) => g.deleteList(as(x), 'L') },
  { method: 'addToList', arity: 2, call: (g, x, y) => g.addToList(as(x), 'L', as(y)) },
  { method: 'removeFromList', arity: 2, call: (g, x, y) => g.removeFromList(as(x), 'L', as(y)) },
  { method: 'list', arity: 1, call: (g, x) => g.list(as(x), 'L') },
  { method: 'lists', arity: 1, call: (g, x) => g.lists(as(x)) },
  { method: 'favorite', arity: 2, call: (g, x, y) => g.favorite(as(x), as(y)) },
  { method: 'unfavorite', arity: 2, call: (g, x, y) => g.unfavorite(as(x), as(y)) },
  { method: 'favorites', arity: 1, call: (g, x) => g.favorites(as(x)) },
  { method: 'hide', arity: 2, call: (g, x, y) => g.hide(as(x), as(y)) },
  { method: 'unhide', arity: 2, call: (g, x, y) => g.unhide(as(x), as(y)) },
  { method: 'hiddenMembers', arity: 1, call: (g, x) => g.hiddenMembers(as(x)) },
];

const BAD_MAX_DEPTHS: [string, unknown][] = [
  ['NaN', NaN],
  ['-1', -1],
  ['1.5', 1.5],
  ['1e9', 1e9],
  ['Infinity', Infinity],
  ['the string "3"', '3'],
  ['251 (above 250)', 251],
];
const BAD_CAPS: [string, unknown][] = [
  ['0', 0],
  ['-1', -1],
  ['1.5', 1.5],
  ['NaN', NaN],
  ['2**40', 2 ** 40],
  ['Infinity', Infinity],
  ['the string "2"', '2'],
  ['2**22 + 1 (above MAX_CONNECTIONS_LIMIT)', 2 ** 22 + 1],
];
const NOT_OBJECTS: [string, unknown][] = [
  ['null', null],
  ['a number', 3],
  ['a string', 'deep'],
  ['a boolean', true],
];

function indexed(ids: unknown, sources: number[] = [0], targets: number[] = [1], members = 2): IndexedEdges {
  return { memberCount: members, ids: as(ids), sources: Int32Array.from(sources), targets: Int32Array.from(targets) };
}

/** The three static builders, each given pairs over ids (with `star` a member of 3 connections). */
const BUILDERS: {
  method: string;
  build: (pairs: readonly (readonly [unknown, unknown])[], options?: unknown) => unknown;
}[] = [
  {
    method: 'fromEdges',
    build: (pairs, options) => SocialGraph.fromEdges(as(pairs), as<SocialGraphOptions>(options)),
  },
  {
    method: 'loadEdges',
    build: (pairs, options) => SocialGraph.loadEdges(as(pairs), as<SocialGraphOptions>(options)),
  },
  {
    method: 'fromIndexedEdges',
    build: (pairs, options) => {
      const ids: unknown[] = [];
      const index = (id: unknown): number => {
        const at = ids.indexOf(id);
        if (at >= 0) return at;
        ids.push(id);
        return ids.length - 1;
      };
      const sources = pairs.map(([x]) => index(x));
      const targets = pairs.map(([, y]) => index(y));
      return SocialGraph.fromIndexedEdges(indexed(ids, sources, targets, ids.length), as<SocialGraphOptions>(options));
    },
  },
];


function buildRows(): Row[] {
  const rows: Row[] = [];

  // Unknown and invalid ids, in every id position of every instance method.
  for (const { method, arity, call } of ID_METHODS) {
    for (let position = 0; position < arity; position++) {
      const where = arity === 1 ? '' : position === 0 ? ' (first id)' : ' (second id)';
      const args = (bad: unknown): [unknown, unknown] => (position === 0 ? [bad, 'c'] : ['a', bad]);
      rows.push({
        method,
        what: `an unknown id${where}`,
        code: 'MEMBER_NOT_FOUND',
        call: (g) => call(g, ...args(UNKNOWN_ID)),
      });
      for (const [what, bad] of INVALID_IDS) {
        rows.push({ method, what: `${what}${where}`, code: 'INVALID_ID', call: (g) => call(g, ...args(bad)) });
      }
    }
  }

  // degrees: every bad id anywhere in the page.
  rows.push(
    { method: 'degrees', what: 'ids [good, unknown]', code: 'MEMBER_NOT_FOUND', call: (g) => g.degrees('a', ['b', UNKNOWN_ID]) },
    { method: 'degrees', what: 'ids [unknown, good]', code: 'MEMBER_NOT_FOUND', call: (g) => g.degrees('a', [UNKNOWN_ID, 'b']) },
    { method: 'degrees', what: 'ids [good, good, 42]', code: 'INVALID_ID', call: (g) => g.degrees('a', ['b', 'c', as(42)]) },
    { method: 'degrees', what: 'ids [good, ""]', code: 'INVALID_ID', call: (g) => g.degrees('a', ['b', '']) },
    { method: 'degrees', what: 'an unknown viewer and no ids', code: 'MEMBER_NOT_FOUND', call: (g) => g.degrees(UNKNOWN_ID, []) },
  );
  for (const [what, bad] of [['a string', 'bc'], ['null', null], ['a Set', new Set(['b'])], ['a number', 3]] as [string, unknown][]) {
    rows.push({ method: 'degrees', what: `ids as ${what}`, code: 'INVALID_OPTION', call: (g) => g.degrees('a', as(bad)) });
  }

  // addMember / mergeMember: invalid ids; addMember: duplicates.
  for (const [what, bad] of INVALID_IDS) {
    rows.push({ method: 'addMember', what, code: 'INVALID_ID', call: (g) => g.addMember(as(bad)) });
    rows.push({ method: 'mergeMember', what, code: 'INVALID_ID', call: (g) => g.mergeMember(as(bad)) });
  }
  rows.push(
    { method: 'addMember', what: 'a duplicate (connected member)', code: 'DUPLICATE_MEMBER', call: (g) => g.addMember('b') },
    { method: 'addMember', what: 'a duplicate (member without connections)', code: 'DUPLICATE_MEMBER', call: (g) => g.addMember('e') },
  );

  // Self pair.
  rows.push(
    { method: 'connect', what: 'a self pair', code: 'SELF_CONNECTION', call: (g) => g.connect('a', 'a') },
    { method: 'connect', what: 'a self pair (member without connections)', code: 'SELF_CONNECTION', call: (g) => g.connect('e', 'e') },
    { method: 'connect', what: 'a self pair of a full member', code: 'SELF_CONNECTION', call: (g) => g.connect('hub', 'hub'), graph: cappedGraph },
  );

  // connectAll: a batch is all or nothing, whatever pair is bad and wherever it is.
  rows.push(
    { method: 'connectAll', what: 'a self pair after a good one', code: 'SELF_CONNECTION', call: (g) => g.connectAll([['a', 'e'], ['e', 'e']]) },
    { method: 'connectAll', what: 'pairs that together break the cap', code: 'CONNECTION_LIMIT', call: (g) => g.connectAll([['z', 'w'], ['hub', 'z']]), graph: cappedGraph },
    { method: 'connectAll', what: 'a batch giving one member a third connection twice over', code: 'CONNECTION_LIMIT', call: (g) => g.connectAll([['x', 'y'], ['x', 'z'], ['x', 'w']]), graph: cappedGraph },
    { method: 'connectAll', what: 'a number', code: 'INVALID_OPTION', call: (g) => g.connectAll(as(42)) },
    { method: 'connectAll', what: 'null', code: 'INVALID_OPTION', call: (g) => g.connectAll(as(null)) },
    { method: 'connectAll', what: 'a pair of one id', code: 'INVALID_OPTION', call: (g) => g.connectAll([['a', 'e'], as(['a'])]) },
    { method: 'connectAll', what: 'a string as a pair', code: 'INVALID_OPTION', call: (g) => g.connectAll([as('ae')]) },
    { method: 'connectAll', what: 'at = NaN', code: 'INVALID_OPTION', call: (g) => g.connectAll([['a', 'e']], { at: NaN }) },
    { method: 'connectAll', what: 'at = 2^53', code: 'INVALID_OPTION', call: (g) => g.connectAll([['a', 'e']], { at: 2 ** 53 }) },
    { method: 'connectAll', what: 'options as a string', code: 'INVALID_OPTION', call: (g) => g.connectAll([['a', 'e']], as('soon')) },
  );

  // The cap, on either side.
  rows.push(
    { method: 'connect', what: 'a third connection (full member first)', code: 'CONNECTION_LIMIT', call: (g) => g.connect('hub', 'z'), graph: cappedGraph },
    { method: 'connect', what: 'a third connection (full member second)', code: 'CONNECTION_LIMIT', call: (g) => g.connect('z', 'hub'), graph: cappedGraph },
    {
      method: 'connect',
      what: 'a third connection of both members',
      code: 'CONNECTION_LIMIT',
      call: (g) => g.connect('z', 'hub'),
      graph: () => {
        const g = cappedGraph();
        g.connect('z', 'x');
        g.connect('z', 'w');
        return g;
      },
    },
  );

  // maxDepth.
  for (const [what, bad] of BAD_MAX_DEPTHS) {
    rows.push(
      { method: 'degree', what: `maxDepth ${what}`, code: 'INVALID_OPTION', call: (g) => g.degree('a', 'c', { maxDepth: as(bad) }) },
      { method: 'degrees', what: `maxDepth ${what}`, code: 'INVALID_OPTION', call: (g) => g.degrees('a', ['b', 'c'], { maxDepth: as(bad) }) },
    );
  }
  for (const [what, bad] of NOT_OBJECTS) {
    rows.push(
      { method: 'degree', what: `options as ${what}`, code: 'INVALID_OPTION', call: (g) => g.degree('a', 'c', as(bad)) },
      { method: 'degrees', what: `options as ${what}`, code: 'INVALID_OPTION', call: (g) => g.degrees('a', ['c'], as(bad)) },
    );
  }

  // maxConnectionsPerMember and options: constructor and the static builders.
  for (const [what, bad] of BAD_CAPS) {
    rows.push({
      method: 'constructor',
      what: `maxConnectionsPerMember ${what}`,
      code: 'INVALID_OPTION',
      call: () => new SocialGraph({ maxConnectionsPerMember: as(bad) }),
    });
    for (const { method, build } of BUILDERS) {
      rows.push({
        method,
        what: `maxConnectionsPerMember ${what}`,
        code: 'INVALID_OPTION',
        call: () => build([['p', 'q']], { maxConnectionsPerMember: bad }),
      });
    }
  }
  for (const [what, bad] of NOT_OBJECTS) {
    rows.push({ method: 'constructor', what: `options as ${what}`, code: 'INVALID_OPTION', call: () => new SocialGraph(as<SocialGraphOptions>(bad)) });
    for (const { method, build } of BUILDERS) {
      rows.push({ method, what: `options as ${what}`, code: 'INVALID_OPTION', call: () => build([['p', 'q']], bad) });
    }
  }

  // The static builders: invalid ids, the cap (either side of the pair).
  for (const { method, build } of BUILDERS) {
    for (const [what, bad] of INVALID_IDS) {
      if (method === 'fromIndexedEdges' && bad === undefined) continue; // covered below (ids too short)
      rows.push(
        { method, what: `${what} (first of a pair)`, code: 'INVALID_ID', call: () => build([['p', 'q'], [bad, 'q']]) },
        { method, what: `${what} (second of a pair)`, code: 'INVALID_ID', call: () => build([['p', 'q'], ['p', bad]]) },
      );
    }
    const star: [string, string][] = [['s', 'p'], ['s', 'q'], ['s', 'r']];
    rows.push(
      {
        method,
        what: 'a member over the cap (first of its pairs)',
        code: 'CONNECTION_LIMIT',
        call: () => build(star, { maxConnectionsPerMember: 2 }),
      },
      {
        method,
        what: 'a member over the cap (second of its pairs)',
        code: 'CONNECTION_LIMIT',
        call: () => build(star.map(([x, y]) => [y, x] as const), { maxConnectionsPerMember: 2 }),
      },
    );
  }

  // fromEdges / loadEdges: the input itself.
  for (const { method, build } of BUILDERS.slice(0, 2)) {
    for (const [what, bad] of [['null', null], ['undefined', undefined], ['a number', 42], ['a plain object', { 0: ['a', 'b'] }]] as [string, unknown][]) {
      rows.push({ method, what: `pairs as ${what}`, code: 'INVALID_OPTION', call: () => build(as(bad)) });
    }
    for (const [what, bad] of [['a one-id pair', ['p']], ['a string pair', 'pq'], ['a null pair', null]] as [string, unknown][]) {
      rows.push({ method, what, code: 'INVALID_OPTION', call: () => build(as([['p', 'q'], bad])) });
    }
  }

  // fromIndexedEdges: the input itself.
  const fromIndexed = (edges: unknown) => () => SocialGraph.fromIndexedEdges(as(edges));
  rows.push(
    { method: 'fromIndexedEdges', what: 'edges as null', code: 'INVALID_OPTION', call: fromIndexed(null) },
    { method: 'fromIndexedEdges', what: 'edges as undefined', code: 'INVALID_OPTION', call: fromIndexed(undefined) },
    { method: 'fromIndexedEdges', what: 'a duplicate id', code: 'DUPLICATE_MEMBER', call: fromIndexed(indexed(['p', 'p'])) },
    { method: 'fromIndexedEdges', what: 'fewer ids than members', code: 'INVALID_ID', call: fromIndexed(indexed(['p'])) },
    { method: 'fromIndexedEdges', what: 'an ids function giving a number', code: 'INVALID_ID', call: fromIndexed(indexed((i: number) => i)) },
    { method: 'fromIndexedEdges', what: 'an ids function giving ""', code: 'INVALID_ID', call: fromIndexed(indexed(() => '')) },
    { method: 'fromIndexedEdges', what: 'a pair outside 0..members-1', code: 'INVALID_OPTION', call: fromIndexed(indexed(['p', 'q'], [0], [2])) },
    { method: 'fromIndexedEdges', what: 'a negative index', code: 'INVALID_OPTION', call: fromIndexed(indexed(['p', 'q'], [-1], [0])) },
    { method: 'fromIndexedEdges', what: 'members -1', code: 'INVALID_OPTION', call: fromIndexed(indexed([], [], [], -1)) },
    { method: 'fromIndexedEdges', what: 'members 1.5', code: 'INVALID_OPTION', call: fromIndexed(indexed(['p'], [], [], 1.5)) },
    {
      method: 'fromIndexedEdges',
      what: 'sources as a plain array',
      code: 'INVALID_OPTION',
      call: fromIndexed({ memberCount: 2, ids: ['p', 'q'], sources: [0], targets: Int32Array.of(1) }),
    },
    {
      method: 'fromIndexedEdges',
      what: 'edges beyond the arrays',
      code: 'INVALID_OPTION',
      call: fromIndexed({ ...indexed(['p', 'q']), edges: 2 }),
    },
    {
      method: 'fromIndexedEdges',
      what: 'edges 0.5',
      code: 'INVALID_OPTION',
      call: fromIndexed({ ...indexed(['p', 'q']), edges: 0.5 }),
    },
  );
  rows.push(
    { method: 'connectedAt', what: 'an unknown member', code: 'MEMBER_NOT_FOUND', call: (g) => g.connectedAt('nobody', 'nobody2') },
    { method: 'connectedAt', what: 'an empty id', code: 'INVALID_ID', call: (g) => g.connectedAt('', 'x') },
    { method: 'connect', what: 'at = -1', code: 'INVALID_OPTION', call: (g) => g.connect(g.members()[0]!, g.members()[1]!, { at: -1 }) },
    { method: 'connect', what: 'at = NaN', code: 'INVALID_OPTION', call: (g) => g.connect(g.members()[0]!, g.members()[1]!, { at: NaN }) },
    { method: 'connect', what: 'at as a string', code: 'INVALID_OPTION', call: (g) => g.connect(g.members()[0]!, g.members()[1]!, { at: '1' as never }) },
    { method: 'connect', what: 'options not an object', code: 'INVALID_OPTION', call: (g) => g.connect(g.members()[0]!, g.members()[1]!, 5 as never) },
    { method: 'constructor', what: 'connectionTimes as a string', code: 'INVALID_OPTION', call: () => new SocialGraph({ connectionTimes: 'yes' as never }) },
    { method: 'on', what: 'a listener that is not a function', code: 'INVALID_OPTION', call: (g) => g.on('connected', 3 as never) },
    { method: 'on', what: 'an event type that is not a string', code: 'INVALID_OPTION', call: (g) => g.on(7 as never, () => undefined) },
  );
  // Policy: blocks, privacy, groups, policies, quotas, decisions.
  rows.push(
    { method: 'block', what: 'a self pair', code: 'SELF_BLOCK', call: (g) => g.block('a', 'a') },
    { method: 'setPrivacy', what: 'an unknown setting', code: 'INVALID_OPTION', call: (g) => g.setPrivacy('a', as({ shy: true })) },
    { method: 'setPrivacy', what: 'a value outside the documented ones', code: 'INVALID_OPTION', call: (g) => g.setPrivacy('a', as({ profileVisibility: 'friends' })) },
    { method: 'setPrivacy', what: 'settings as null', code: 'INVALID_OPTION', call: (g) => g.setPrivacy('a', as(null)) },
    { method: 'joinGroup', what: 'an empty group name', code: 'INVALID_OPTION', call: (g) => g.joinGroup('a', '') },
    { method: 'leaveGroup', what: 'a group name that is not a string', code: 'INVALID_OPTION', call: (g) => g.leaveGroup('a', as(3)) },
    { method: 'setPolicy', what: 'an unknown preset name', code: 'INVALID_OPTION', call: (g) => g.setPolicy(as('lenient')) },
    { method: 'setPolicy', what: 'a policy without rules', code: 'INVALID_OPTION', call: (g) => g.setPolicy(as({ name: 'x' })) },
    { method: 'setQuota', what: 'an unknown action', code: 'INVALID_OPTION', call: (g) => g.setQuota(as('poke'), { limit: 1, windowMs: 1 }) },
    { method: 'setQuota', what: 'limit 0', code: 'INVALID_OPTION', call: (g) => g.setQuota('invite', { limit: 0, windowMs: 1 }) },
    { method: 'setQuota', what: 'windowMs NaN', code: 'INVALID_OPTION', call: (g) => g.setQuota('invite', { limit: 1, windowMs: NaN }) },
    { method: 'quota', what: 'an unknown action', code: 'INVALID_OPTION', call: (g) => g.quota('a', as('poke')) },
    { method: 'can', what: 'an unknown action', code: 'INVALID_OPTION', call: (g) => g.can('a', as('poke'), 'c') },
    { method: 'attempt', what: 'an unknown action', code: 'INVALID_OPTION', call: (g) => g.attempt('a', as('poke'), 'c') },
    { method: 'constructor', what: 'a clock that is not a function', code: 'INVALID_OPTION', call: () => new SocialGraph(as<SocialGraphOptions>({ clock: 5 })) },
  );
  // Snapshots: fromBytes takes a Uint8Array holding exactly a snapshot.
  for (const [what, bad] of [['null', null], ['a string', 'SGRAPH'], ['a number array', [0x89, 0x53]], ['an ArrayBuffer', new ArrayBuffer(24)]] as [string, unknown][]) {
    rows.push({ method: 'fromBytes', what: `bytes as ${what}`, code: 'INVALID_OPTION', call: () => SocialGraph.fromBytes(as(bad)) });
  }
  rows.push(
    { method: 'fromBytes', what: 'empty bytes', code: 'SNAPSHOT_CORRUPT', call: () => SocialGraph.fromBytes(new Uint8Array(0)) },
    { method: 'fromBytes', what: 'an edge list', code: 'SNAPSHOT_CORRUPT', call: () => SocialGraph.fromBytes(new TextEncoder().encode('a b\n')) },
    {
      method: 'fromBytes',
      what: 'a snapshot with its last byte flipped',
      code: 'SNAPSHOT_CORRUPT',
      call: (g) => {
        const bytes = g.toBytes();
        bytes[bytes.length - 1]! ^= 1;
        return SocialGraph.fromBytes(bytes);
      },
    },
    { method: 'fromBytes', what: 'options as a number', code: 'INVALID_OPTION', call: (g) => SocialGraph.fromBytes(g.toBytes(), as<SocialGraphOptions>(3)) },
    { method: 'fromBytes', what: 'a clock that is not a function', code: 'INVALID_OPTION', call: (g) => SocialGraph.fromBytes(g.toBytes(), as<SocialGraphOptions>({ clock: 5 })) },
  );
  rows.push(...searchRows());
  rows.push(...invitationRows());
  return rows;
}

/** Invitations, introductions and suggestions (src/invitations). */
function invitationRows(): Row[] {
  // inv-0: a → c pending; inv-1: a → d withdrawn (cooldown running).
  const invited = (): SocialGraph => {
    const g = smallGraph();
    g.invite('a', 'c');
    g.withdraw(g.invite('a', 'd').id);
    return g;
  };
  const rows: Row[] = [];
  for (const verb of ['accept', 'ignore', 'withdraw', 'invitation'] as const) {
    for (const [what, bad] of INVALID_IDS) rows.push({ method: verb, what: `${what} as invitation id`, code: 'INVALID_ID', call: (g) => g[verb](as(bad)), graph: invited });
    if (verb === 'invitation') continue;
    rows.push(
      { method: verb, what: 'an unknown invitation', code: 'INVITATION_NOT_FOUND', call: (g) => g[verb]('inv-9'), graph: invited },
      { method: verb, what: 'a malformed invitation id', code: 'INVITATION_NOT_FOUND', call: (g) => g[verb]('inv-01'), graph: invited },
      { method: verb, what: 'a withdrawn invitation', code: 'INVITATION_NOT_PENDING', call: (g) => g[verb]('inv-1'), graph: invited },
    );
  }
  rows.push(
    { method: 'invite', what: 'a 301-character note', code: 'INVALID_OPTION', call: (g) => g.invite('a', 'c', { note: 'x'.repeat(301) }) },
    { method: 'invite', what: 'a number note', code: 'INVALID_OPTION', call: (g) => g.invite('a', 'c', { note: as(5) }) },
    { method: 'invite', what: 'options as a number', code: 'INVALID_OPTION', call: (g) => g.invite('a', 'c', as(5)) },
    { method: 'invite', what: 'a second pending invitation', code: 'INVITATION_DENIED', call: (g) => g.invite('a', 'c'), graph: invited },
    { method: 'invite', what: 'a connection', code: 'INVITATION_DENIED', call: (g) => g.invite('a', 'b'), graph: invited },
    { method: 'invite', what: 'itself', code: 'INVITATION_DENIED', call: (g) => g.invite('a', 'a'), graph: invited },
    { method: 'invite', what: 'a member out of network', code: 'INVITATION_DENIED', call: (g) => g.invite('a', 'e'), graph: invited },
    { method: 'invite', what: 'a member withdrawn from just now', code: 'REINVITE_TOO_SOON', call: (g) => g.invite('a', 'd'), graph: invited },
  );
  for (const [what, bad] of [['-1', -1], ['NaN', NaN], ['Infinity', Infinity], ['a string', '5']] as [string, unknown][]) {
    rows.push({ method: 'setInvitationSettings', what: `reinviteCooldownMs ${what}`, code: 'INVALID_OPTION', call: (g) => g.setInvitationSettings({ reinviteCooldownMs: as(bad) }), graph: invited });
  }
  rows.push({ method: 'setInvitationSettings', what: 'settings as a number', code: 'INVALID_OPTION', call: (g) => g.setInvitationSettings(as(3)), graph: invited });
  rows.push({ method: 'setInvitationSettings', what: 'no settings', code: 'INVALID_OPTION', call: (g) => g.setInvitationSettings(as(undefined)), graph: invited });
  for (const [what, bad] of [['-1', -1], ['1.5', 1.5], ['10001', 10_001], ['a string', '3']] as [string, unknown][]) {
    rows.push(
      { method: 'introductions', what: `limit ${what}`, code: 'INVALID_OPTION', call: (g) => g.introductions('a', 'd', { limit: as(bad) }) },
      { method: 'suggestions', what: `limit ${what}`, code: 'INVALID_OPTION', call: (g) => g.suggestions('a', { limit: as(bad) }), graph: invited },
    );
  }
  rows.push(
    { method: 'introductions', what: 'options as a number', code: 'INVALID_OPTION', call: (g) => g.introductions('a', 'd', as(3)) },
    { method: 'suggestions', what: 'options as a string', code: 'INVALID_OPTION', call: (g) => g.suggestions('a', as('x')) },
    { method: 'suggestions', what: 'exclude as a string', code: 'INVALID_OPTION', call: (g) => g.suggestions('a', { exclude: as('c') }) },
    { method: 'suggestions', what: 'exclude holding a number', code: 'INVALID_ID', call: (g) => g.suggestions('a', { exclude: ['b', as(4)] }), graph: invited },
  );
  return rows;
}

/** Profiles and labels (src/profiles, src/labels): bad profiles, names, lists and self-labels. */
function searchRows(): Row[] {
  const profiled = (): SocialGraph => {
    const g = new SocialGraph({ indexedAttributes: ['company'] });
    for (const id of ['a', 'b']) g.addMember(id);
    g.connect('a', 'b');
    g.setProfile('a', { company: 'Acme' });
    return g;
  };
  const withLists = (): SocialGraph => {
    const g = smallGraph();
    g.createList('a', 'L');
    g.createList('a', 'M');
    g.addToList('a', 'L', 'b');
    return g;
  };
  const rows: Row[] = [];
  for (const [what, bad] of [['null', null], ['an array', []], ['a string', 'x'], ['a number', 3]] as [string, unknown][]) {
    rows.push({ method: 'setProfile', what: `a profile as ${what}`, code: 'INVALID_OPTION', call: (g) => g.setProfile('a', as(bad)), graph: profiled });
  }
  rows.push(
    { method: 'setProfile', what: 'an indexed attribute that is a number', code: 'INVALID_OPTION', call: (g) => g.setProfile('a', { company: 3 }), graph: profiled },
    { method: 'setProfile', what: 'an indexed attribute that is an array', code: 'INVALID_OPTION', call: (g) => g.setProfile('b', { company: ['x'] }), graph: profiled },
    { method: 'recentConnections', what: 'limit 0', code: 'INVALID_OPTION', call: (g) => g.recentConnections('a', { limit: 0 }) },
    { method: 'recentConnections', what: 'since NaN', code: 'INVALID_OPTION', call: (g) => g.recentConnections('a', { since: NaN }) },
    { method: 'recentConnections', what: 'options as a number', code: 'INVALID_OPTION', call: (g) => g.recentConnections('a', as(3)) },
  );
  for (const [what, bad] of [['an empty tag', ''], ['a number tag', 3], ['a 201-character tag', 'x'.repeat(201)]] as [string, unknown][]) {
    rows.push(
      { method: 'tag', what, code: 'INVALID_OPTION', call: (g) => g.tag('a', 'b', as(bad)) },
      { method: 'untag', what, code: 'INVALID_OPTION', call: (g) => g.untag('a', 'b', as(bad)) },
      { method: 'tagged', what, code: 'INVALID_OPTION', call: (g) => g.tagged('a', as(bad)) },
      { method: 'createList', what: `${what} as list name`, code: 'INVALID_OPTION', call: (g) => g.createList('a', as(bad)) },
      { method: 'renameList', what: `${what} as new name`, code: 'INVALID_OPTION', call: (g) => g.renameList('a', 'L', as(bad)), graph: withLists },
    );
  }
  for (const method of ['tag', 'untag', 'tagsOf', 'favorite', 'unfavorite', 'hide', 'unhide', 'addToList', 'removeFromList'] as const) {
    const call = (g: SocialGraph): unknown =>
      method === 'tag' || method === 'untag'
        ? g[method]('a', 'a', 't')
        : method === 'addToList' || method === 'removeFromList'
          ? g[method]('a', 'L', 'a')
          : g[method]('a', 'a');
    rows.push({ method, what: 'the viewer itself as target', code: 'INVALID_OPTION', call, graph: withLists });
  }
  rows.push(
    { method: 'createList', what: 'a name already taken', code: 'DUPLICATE_LIST', call: (g) => g.createList('a', 'L'), graph: withLists },
    { method: 'renameList', what: 'an unknown list', code: 'LIST_NOT_FOUND', call: (g) => g.renameList('a', 'nope', 'X'), graph: withLists },
    { method: 'renameList', what: 'a new name taken by another list', code: 'DUPLICATE_LIST', call: (g) => g.renameList('a', 'L', 'M'), graph: withLists },
    { method: 'deleteList', what: 'an unknown list', code: 'LIST_NOT_FOUND', call: (g) => g.deleteList('a', 'nope'), graph: withLists },
    { method: 'deleteList', what: "another member's list", code: 'LIST_NOT_FOUND', call: (g) => g.deleteList('b', 'L'), graph: withLists },
    { method: 'addToList', what: 'an unknown list', code: 'LIST_NOT_FOUND', call: (g) => g.addToList('a', 'nope', 'c'), graph: withLists },
    { method: 'removeFromList', what: 'an unknown list', code: 'LIST_NOT_FOUND', call: (g) => g.removeFromList('a', 'nope', 'b'), graph: withLists },
    { method: 'list', what: 'an unknown list', code: 'LIST_NOT_FOUND', call: (g) => g.list('a', 'nope'), graph: withLists },
    { method: 'list', what: 'an empty list name', code: 'INVALID_OPTION', call: (g) => g.list('a', ''), graph: withLists },
  );
  for (const [what, options] of [
    ['indexedAttributes as a string', { indexedAttributes: 'company' }],
    ['indexedAttributes with a duplicate', { indexedAttributes: ['a', 'a'] }],
    ['indexedAttributes with an empty name', { indexedAttributes: [''] }],
    ['limitedProfileFields with a number', { limitedProfileFields: [3] }],
    ['viewerCache -1', { viewerCache: -1 }],
    ['viewerCache 1.5', { viewerCache: 1.5 }],
  ] as [string, unknown][]) {
    rows.push({ method: 'constructor', what, code: 'INVALID_OPTION', call: () => new SocialGraph(as<SocialGraphOptions>(options)) });
    for (const { method, build } of BUILDERS) rows.push({ method, what, code: 'INVALID_OPTION', call: () => build([['p', 'q']], options) });
  }
  return rows;
}

const ROWS = buildRows();

/** Every public method of SocialGraph (static ones included). */
const PUBLIC_METHODS = [
  'constructor',
  'fromEdges',
  'isSocialGraph',
  'loadEdges',
  'fromIndexedEdges',
  'addMember',
  'mergeMember',
  'hasMember',
  'removeMember',
  'members',
  'forEachMember',
  'connect',
  'connectAll',
  'disconnect',
  'areConnected',
  'connections',
  'forEachConnection',
  'connectionCountOf',
  'memberCount',
  'connectionCount',
  'maxConnectionsPerMember',
  'degree',
  'degrees',
  'mutualConnections',
  'mutualCount',
  'reach',
  'storeStats',
  'on',
  'off',
  'now',
  'block',
  'unblock',
  'isBlocked',
  'blockedMembers',
  'setPrivacy',
  'privacy',
  'joinGroup',
  'leaveGroup',
  'groupsOf',
  'sharedGroups',
  'policy',
  'setPolicy',
  'setQuota',
  'quota',
  'can',
  'attempt',
  'viewAs',
  'connectedAt',
  'fromBytes',
  'toBytes',
  'setProfile',
  'profile',
  'removeProfile',
  'recentConnections',
  'tag',
  'untag',
  'tagged',
  'tagsOf',
  'createList',
  'renameList',
  'deleteList',
  'addToList',
  'removeFromList',
  'list',
  'lists',
  'favorite',
  'unfavorite',
  'favorites',
  'hide',
  'unhide',
  'hiddenMembers',
  'invite',
  'accept',
  'ignore',
  'withdraw',
  'invitation',
  'sentInvitations',
  'receivedInvitations',
  'invitationSettings',
  'setInvitationSettings',
  'introductions',
  'suggestions',
  'dismissSuggestion',
];
/** The methods that accept anything (or take nothing) and never throw: see "never throw" below. */
const NEVER_THROW = ['hasMember', 'members', 'forEachMember', 'memberCount', 'connectionCount', 'storeStats', 'off', 'now', 'policy', 'invitationSettings', 'maxConnectionsPerMember', 'toBytes', 'isSocialGraph'];

// ---------------------------------------------------------------------------------- tests

describe('SocialGraph errors', () => {
  it('covers every public method', () => {
    const instance = Object.getOwnPropertyNames(SocialGraph.prototype);
    const statics = Object.getOwnPropertyNames(SocialGraph).filter(
      (name) => typeof (SocialGraph as unknown as Record<string, unknown>)[name] === 'function',
    );
    expect([...instance, ...statics].sort()).toEqual([...PUBLIC_METHODS].sort());
    const tried = new Set([...ROWS.map((row) => row.method), ...NEVER_THROW]);
    expect([...tried].sort()).toEqual([...PUBLIC_METHODS].sort());
  });

  const titled = (rows: Row[]): [string, Row][] => rows.map((row) => [`SocialGraph.${row.method} with ${row.what}`, row]);

  describe.each(titled(ROWS))('%s', (_, row) => {
    it(`throws ${row.code} and changes nothing`, () => {
      const graph = (row.graph ?? smallGraph)();
      const before = snapshot(graph);
      const error = caught(() => row.call(graph));
      expect(error).toBeInstanceOf(SocialGraphError);
      expect(error).toBeInstanceOf(Error);
      const e = error as SocialGraphError;
      expect(e.name).toBe('SocialGraphError');
      expect(e.code).toBe(row.code);
      expect(e.message).toContain(`SocialGraph.${row.method}`);
      expect(snapshot(graph)).toEqual(before);
    });

  });

  it('never calls back forEachConnection for a bad id', () => {
    const graph = smallGraph();
    const seen: string[] = [];
    for (const bad of [UNKNOWN_ID, 42, undefined, null, {}, '']) {
      expect(() => graph.forEachConnection(as(bad), (id) => seen.push(id))).toThrow(SocialGraphError);
    }
    expect(seen).toEqual([]);
  });

  it('throws MEMBER_NOT_FOUND for degrees(viewer, [good, unknown]) and answers once the member exists', () => {
    const graph = smallGraph();
    const error = caught(() => graph.degrees('a', ['c', 'zed']));
    expect(error).toBeInstanceOf(SocialGraphError);
    expect((error as SocialGraphError).code).toBe('MEMBER_NOT_FOUND');
    graph.addMember('zed');
    expect(graph.degrees('a', ['c', 'zed'])).toEqual([2, null]);
  });

  it('accepts the edges of each range', () => {
    const graph = smallGraph();
    expect(graph.degree('a', 'd', { maxDepth: 0 })).toBeNull();
    expect(graph.degree('a', 'a', { maxDepth: 0 })).toBe(0);
    expect(graph.degree('a', 'd', { maxDepth: 250 })).toBe(3);
    expect(graph.degrees('a', ['d'], { maxDepth: 250 })).toEqual([3]);
    expect(graph.degree('a', 'd', {})).toBe(3);
    expect(graph.degree('a', 'd', undefined)).toBe(3);
    expect(new SocialGraph({ maxConnectionsPerMember: 1 }).maxConnectionsPerMember()).toBe(1);
    expect(new SocialGraph({ maxConnectionsPerMember: 2 ** 22 }).maxConnectionsPerMember()).toBe(2 ** 22);
    expect(new SocialGraph({}).maxConnectionsPerMember()).toBe(30_000);
  });

  describe('calls that are not errors change nothing they should not', () => {
    const cases: [string, (g: SocialGraph) => unknown, unknown][] = [
      ['hasMember(unknown)', (g) => g.hasMember(UNKNOWN_ID), false],
      ...INVALID_IDS.map(([what, bad]): [string, (g: SocialGraph) => unknown, unknown] => [`hasMember(${what})`, (g) => g.hasMember(as(bad)), false]),
      ['mergeMember(existing)', (g) => g.mergeMember('a'), false],
      ['disconnect(a, a)', (g) => g.disconnect('a', 'a'), false],
      ['disconnect of an unconnected pair', (g) => g.disconnect('a', 'c'), false],
      ['connect of a connected pair', (g) => g.connect('b', 'a'), false],
      ['degree(a, a)', (g) => g.degree('a', 'a'), 0],
      ['members()', (g) => g.members().length, 5],
      ['forEachMember', (g) => g.forEachMember(() => undefined), undefined],
      ['memberCount', (g) => g.memberCount, 5],
      ['connectionCount', (g) => g.connectionCount, 3],
      ['storeStats()', (g) => g.storeStats().connectionCount, 3],
    ];
    it.each(cases)('%s', (_, call, expected) => {
      const graph = smallGraph();
      const before = snapshot(graph);
      expect(call(graph)).toEqual(expected);
      expect(snapshot(graph)).toEqual(before);
    });

    it('connect of a connected pair returns false even when both are full', () => {
      const graph = cappedGraph();
      const before = snapshot(graph);
      expect(graph.connect('x', 'hub')).toBe(false);
      expect(snapshot(graph)).toEqual(before);
    });
  });
});

describe('results are copies', () => {
  it('members() does not follow later changes, and changing it does not change the graph', () => {
    const graph = smallGraph();
    const members = graph.members();
    const copy = [...members];
    graph.addMember('f');
    graph.removeMember('a');
    expect(members).toEqual(copy);
    members.push('ghost');
    members.length = 0;
    expect(graph.hasMember('ghost')).toBe(false);
    expect(graph.members().sort()).toEqual(['b', 'c', 'd', 'e', 'f']);
  });

  it('connections() does not follow later changes, and changing it does not change the graph', () => {
    const graph = smallGraph();
    const connections = graph.connections('b');
    expect([...connections].sort()).toEqual(['a', 'c']);
    graph.connect('b', 'e');
    graph.disconnect('b', 'a');
    graph.removeMember('c');
    expect([...connections].sort()).toEqual(['a', 'c']);
    connections.length = 0;
    expect(graph.connections('b')).toEqual(['e']);
  });

  it('mutualConnections() does not follow later changes, and changing it does not change the graph', () => {
    const graph = smallGraph();
    const mutual = graph.mutualConnections('a', 'c');
    expect(mutual).toEqual(['b']);
    graph.connect('a', 'd');
    graph.disconnect('a', 'b');
    graph.removeMember('b');
    graph.addMember('b');
    expect(mutual).toEqual(['b']);
    mutual.push('x');
    expect(graph.mutualConnections('a', 'c')).toEqual(['d']);
  });

  it('reach() and storeStats() are plain objects owned by the caller', () => {
    const graph = smallGraph();
    const reach = graph.reach('a');
    const stats = graph.storeStats();
    const statsCopy = { ...stats };
    graph.connect('a', 'e');
    expect(reach).toEqual({ first: 1, second: 1, third: 1 });
    expect(stats).toEqual(statsCopy);
    reach.first = 99;
    expect(graph.reach('a')).toEqual({ first: 2, second: 1, third: 1 });
  });
});
