/**
 * Helpers of the io tests: everything observable about a graph, and random graphs built through
 * the public API (adds, connects, removals, disconnects), with odd ids.
 */
import fc from 'fast-check';
import { SocialGraph } from '../../src/index.js';
import { NOTES_OPTIONS, notesOf } from './notes-section.js';

export interface GraphState {
  cap: number;
  members: string[];
  /** connections(id) of each member, in members() order (both in internal index order). */
  lists: string[][];
  /** connectedAt of each connection in `lists` (null when not recorded). */
  times: (number | null)[][];
  memberCount: number;
  connectionCount: number;
  /** Feature state of the test section, if any. */
  notes: [string, string][] | undefined;
}

/** Everything observable about a graph, in its own order (snapshots keep member order). */
export function graphState(graph: SocialGraph): GraphState {
  const members = graph.members();
  const notes = notesOf.get(graph);
  return {
    cap: graph.maxConnectionsPerMember(),
    members,
    lists: members.map((id) => graph.connections(id)),
    times: members.map((id) => graph.connections(id).map((other) => graph.connectedAt(id, other))),
    memberCount: graph.memberCount,
    connectionCount: graph.connectionCount,
    notes:
      notes === undefined || notes.size === 0
        ? undefined
        : [...notes].filter(([id]) => graph.hasMember(id)).map(([id, text]) => [id, text] as [string, string]).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)),
  };
}

/** Feature name of the per-member notes used by the test section. */
export { NOTES } from './notes-section.js';

export type Op =
  | { kind: 'add'; id: string }
  | { kind: 'connect'; x: number; y: number; at?: number | undefined }
  | { kind: 'disconnect'; x: number; y: number }
  | { kind: 'remove'; x: number }
  | { kind: 'note'; x: number; text: string };

/** Ids: short ASCII, unicode, astral, lone surrogates, separators, long. */
export const idArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'u1', 'u10', '007', 'é', '日本', '😀', '\uD800', '\uDC00', 'x\uD800', '\uDFFFy', 'a\tb', 'a,b', ' ', '\u0000', 'x'.repeat(300)),
  fc.string({ minLength: 1, maxLength: 6, unit: 'grapheme' }),
  fc.string({ minLength: 1, maxLength: 4, unit: 'binary' }),
);

export const opsArb: fc.Arbitrary<Op[]> = fc.array(
  fc.oneof(
    { weight: 3, arbitrary: idArb.map((id) => ({ kind: 'add' as const, id })) },
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('connect' as const), x: fc.nat(), y: fc.nat() }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('connect' as const),
        x: fc.nat(),
        y: fc.nat(),
        at: fc.oneof(fc.constantFrom(1000, 1999, 1_700_000_000_000, (2 ** 32 - 1) * 1000), fc.integer({ min: 1, max: 4_000_000_000 }).map((s) => s * 1000)), // second 0 means unknown
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('disconnect' as const), x: fc.nat(), y: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), x: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('note' as const), x: fc.nat(), text: fc.string({ maxLength: 5 }) }) },
  ),
  { maxLength: 160 },
);

/** Applies the operations that are valid (others are skipped), through the public API. */
export function buildGraph(ops: readonly Op[], cap = 8, withNotes = false): SocialGraph {
  // A fixed clock: connections made while times are recorded get a reproducible time.
  const graph = new SocialGraph({ maxConnectionsPerMember: cap, clock: () => 1_650_000_000_000, ...(withNotes ? NOTES_OPTIONS : {}) });
  for (const op of ops) {
    const members = graph.members();
    if (op.kind === 'add') {
      graph.mergeMember(op.id);
      continue;
    }
    if (members.length === 0) continue;
    const a = members[op.x % members.length]!;
    if (op.kind === 'remove') {
      notesOf.get(graph)?.delete(a);
      graph.removeMember(a);
      continue;
    }
    if (op.kind === 'note') {
      if (!withNotes) continue;
      let notes = notesOf.get(graph);
      if (notes === undefined) {
        notes = new Map();
        notesOf.set(graph, notes);
      }
      notes.set(a, op.text);
      continue;
    }
    const b = members[op.y % members.length]!;
    if (a === b) continue;
    if (op.kind === 'disconnect') graph.disconnect(a, b);
    else if (graph.connectionCountOf(a) < cap && graph.connectionCountOf(b) < cap) {
      graph.connect(a, b, op.at === undefined ? undefined : { at: op.at });
    }
  }
  return graph;
}
