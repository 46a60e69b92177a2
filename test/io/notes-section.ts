/**
 * An application's snapshot section, for the tests: per-member notes kept per graph in a WeakMap,
 * keyed by member id (as docs/snapshots.md shows), written through the snapshot's dense member
 * numbers. Removing a member drops its note (buildGraph does it, as an application would).
 */
import type { SnapshotSection } from '../../src/index.js';
import type { SocialGraph } from '../../src/social-graph.js';
/** The section's name. */
export const NOTES = 'test-notes';

/** Each graph's notes, by member id. */
export const notesOf = new WeakMap<SocialGraph, Map<string, string>>();

export const notesSection: SnapshotSection = {
  name: NOTES,
  required: true,
  write(graph, out, context): boolean {
    const notes = notesOf.get(graph);
    if (notes === undefined || notes.size === 0) return false;
    const live = [...notes].filter(([id]) => graph.hasMember(id));
    out.varint(live.length);
    for (const [id, text] of live) {
      out.varint(context.indexOf(id));
      out.string(text);
    }
    return true;
  },
  read(graph, input, context): void {
    const notes = new Map<string, string>();
    const count = input.varint();
    for (let i = 0; i < count; i++) {
      const v = input.varint();
      if (v >= context.memberCount) input.fail(`note of member ${v} outside 0..${context.memberCount - 1}`);
      const id = context.idAt(v);
      if (notes.has(id)) input.fail(`two notes for member ${v}`);
      notes.set(id, input.string());
    }
    if (notes.size === 0) input.fail('empty notes section');
    notesOf.set(graph, notes);
  },
};

/** Graph options that carry the notes section (to build a graph with notes, and to load one). */
export const NOTES_OPTIONS = { snapshotSections: [notesSection] } as const;

/** Runs `body` (the notes section is passed through {@link NOTES_OPTIONS}, nothing is registered). */
export function withNotesSection<T>(body: () => T): T {
  return body();
}
