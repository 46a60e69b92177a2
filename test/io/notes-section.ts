/**
 * A feature section for the tests: per-member notes kept in `features` under NOTES, keyed by
 * member index (as the policy keeps its state), written through the dense index. Removing a member
 * must drop its note: the section registers a `beforeRemoveMember` hook lazily.
 */
import { ByteReader } from '../../src/encoding/byte-reader.js';
import type { ByteWriter } from '../../src/encoding/byte-writer.js';
import { registerSnapshotSection, unregisterSnapshotSection, type SnapshotSection } from '../../src/graph/snapshot-section.js';
import type { GraphInternals } from '../../src/social-graph.js';
import { NOTES } from './graph-state.js';

export const notesSection: SnapshotSection = {
  name: NOTES,
  required: true,
  write(graph: GraphInternals, out: ByteWriter, context): boolean {
    const notes = graph.features.get(NOTES) as Map<number, string> | undefined;
    if (notes === undefined || notes.size === 0) return false;
    const live = [...notes].filter(([v]) => graph.store.isAlive(v));
    out.varint(live.length);
    for (const [v, text] of live) {
      out.varint(context.denseIndex[v]!);
      out.string(text);
    }
    return true;
  },
  read(graph: GraphInternals, input: ByteReader, context): void {
    const notes = new Map<number, string>();
    const count = input.varint();
    for (let i = 0; i < count; i++) {
      const v = input.varint();
      if (v >= context.members) input.fail(`note of member ${v} outside 0..${context.members - 1}`);
      if (notes.has(v)) input.fail(`two notes for member ${v}`);
      notes.set(v, input.string());
    }
    if (notes.size === 0) input.fail('empty notes section');
    graph.features.set(NOTES, notes);
  },
};

export function withNotesSection<T>(body: () => T): T {
  registerSnapshotSection(notesSection);
  try {
    return body();
  } finally {
    unregisterSnapshotSection(NOTES);
  }
}
