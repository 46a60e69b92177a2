/**
 * One options pipeline: every way to get a graph accepts the same graph options and applies them
 * the same way. The table runs every path × every option and checks the option took effect on
 * the graph it returned.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Graph from 'graphology';
import { afterAll, describe, expect, it } from 'vitest';
import { importEdgeList, inspectSnapshot, SocialGraph, type SnapshotSection, type SocialGraphOptions } from '../../src/index.js';
import { importEdgeListFile, load, loadSync } from '../../src/node/index.js';
import { fromGraphology } from '../../src/graphology/index.js';
import { graphParts } from '../../src/social-graph.js';
import { codeOf } from '../support/errors.js';

type Profile = { name?: string; company?: string };
type Path = (options: SocialGraphOptions<Profile>) => SocialGraph<Profile> | Promise<SocialGraph<Profile>>;

const dir = mkdtempSync(join(tmpdir(), 'social-graph-options-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A plain graph a-b-c (what every path builds), and its snapshot and edge list on disk. */
const plain = SocialGraph.fromEdges([
  ['a', 'b'],
  ['b', 'c'],
]);
const bytes = plain.toBytes();
const snapshotFile = join(dir, 'plain.sg');
writeFileSync(snapshotFile, bytes);
const edgeFile = join(dir, 'plain.txt');
writeFileSync(edgeFile, 'a\tb\nb\tc\n');

const PATHS: Record<string, Path> = {
  constructor: (options: SocialGraphOptions<Profile>) => {
    const graph = new SocialGraph<Profile>(options);
    for (const id of ['a', 'b', 'c']) graph.addMember(id);
    graph.connect('a', 'b');
    graph.connect('b', 'c');
    return graph;
  },
  fromEdges: (options) => SocialGraph.fromEdges<Profile>([['a', 'b'], ['b', 'c']], options),
  loadEdges: (options) => SocialGraph.loadEdges<Profile>([['a', 'b'], ['b', 'c']], options).graph,
  fromIndexedEdges: (options) => SocialGraph.fromIndexedEdges<Profile>({ memberCount: 3, ids: ['a', 'b', 'c'], sources: Int32Array.of(0, 1), targets: Int32Array.of(1, 2) }, options),
  fromBytes: (options) => SocialGraph.fromBytes<Profile>(bytes, options),
  importEdgeList: async (options) => (await importEdgeList<Profile>('a b\nb c\n', options)).graph,
  importEdgeListFile: async (options) => (await importEdgeListFile<Profile>(edgeFile, options)).graph,
  load: (options) => load<Profile>(snapshotFile, options),
  loadSync: (options) => loadSync<Profile>(snapshotFile, options),
  fromGraphology: (options) => {
    const g = new Graph();
    g.mergeEdge('a', 'b');
    g.mergeEdge('b', 'c');
    return fromGraphology<Profile>(g, options);
  },
};

const notes: SnapshotSection<Profile> = {
  name: 'app-notes',
  required: false,
  write: (_graph, out) => {
    out.u8(7);
    return true;
  },
  read: (_graph, input) => {
    input.u8();
  },
};

/** What the onListenerError handler of the graph being checked received. */
const listenerErrors: unknown[] = [];

/** Each option, a value, and a check that it took effect on a graph a-b-c built with it. */
const OPTIONS: Record<string, { options: () => SocialGraphOptions<Profile>; took: (graph: SocialGraph<Profile>) => void }> = {
  maxConnectionsPerMember: {
    options: () => ({ maxConnectionsPerMember: 7 }),
    took: (graph) => expect(graph.maxConnectionsPerMember()).toBe(7),
  },
  clock: {
    options: () => ({ clock: () => 1_234_000 }),
    took: (graph) => expect(graph.now()).toBe(1_234_000),
  },
  connectionTimes: {
    options: () => ({ connectionTimes: true, clock: () => 1_700_000_000_000 }),
    took: (graph) => {
      graph.connect('a', 'c');
      expect(graph.connectedAt('a', 'c')).toBe(1_700_000_000_000);
    },
  },
  indexedAttributes: {
    options: () => ({ indexedAttributes: ['company'] }),
    took: (graph) => {
      graph.setProfile('c', { company: 'Acme' });
      expect(graph.viewAs('a').search({ where: { company: 'Acme' } }).hits.map((hit) => hit.id)).toEqual(['c']);
    },
  },
  limitedProfileFields: {
    options: () => ({ limitedProfileFields: ['name'] }),
    took: (graph) => expect(graphParts(graph).profiles.store.limitedFields).toEqual(['name']),
  },
  viewerCache: {
    options: () => ({ viewerCache: 0 }),
    took: (graph) => expect(graphParts(graph).cache.capacity).toBe(0),
  },
  policy: {
    options: () => ({ policy: 'strict' }),
    took: (graph) => {
      expect(graph.policy().name).toBe('strict');
      expect(graph.can('a', 'message', 'c').allowed).toBe(false); // 2nd degree: strict says no
    },
  },
  snapshotSections: {
    options: () => ({ snapshotSections: [notes] }),
    took: (graph) => expect(inspectSnapshot(graph.toBytes()).sections.map((s) => s.name)).toContain('app-notes'),
  },
  onListenerError: {
    options: () => {
      listenerErrors.length = 0;
      return { onListenerError: (error) => listenerErrors.push(error) };
    },
    took: () => undefined, // checked in the loop: the handler given is the one called
  },
};

describe('one options pipeline', () => {
  for (const [path, build] of Object.entries(PATHS)) {
    for (const [option, { options, took }] of Object.entries(OPTIONS)) {
      it(`${path} applies ${option}`, async () => {
        const given = options();
        const graph = await build(given);
        expect(graph.connectionCount).toBe(2);
        if (option === 'onListenerError') {
          const seen = listenerErrors;
          graph.on('connected', () => {
            throw new Error('listener');
          });
          graph.connect('a', 'c');
          expect(seen.map((e) => (e as Error).message)).toEqual(['listener']);
          return;
        }
        took(graph);
      });
    }
    it(`${path} rejects a bad option with INVALID_OPTION`, async () => {
      let code: string | undefined;
      try {
        await build({ maxConnectionsPerMember: -1 });
      } catch (error) {
        code = (error as { code?: string }).code;
      }
      expect(code).toBe('INVALID_OPTION');
    });
  }

  it('a snapshot keeps what it records unless an option says otherwise', () => {
    const graph = new SocialGraph<Profile>({ indexedAttributes: ['company'], maxConnectionsPerMember: 9, policy: 'strict' });
    graph.addMember('x');
    graph.setProfile('x', { company: 'Acme' });
    const copy = SocialGraph.fromBytes<Profile>(graph.toBytes());
    expect(copy.maxConnectionsPerMember()).toBe(9);
    expect(copy.policy().name).toBe('strict');
    expect(copy.viewAs('x').facets({ by: 'company', degree: [1] }).total).toBe(0);
    // The graph's own valid snapshot, loaded with options that name its attributes again.
    const again = SocialGraph.fromBytes<Profile>(graph.toBytes(), { indexedAttributes: ['company'] });
    expect(again.profile('x')).toEqual({ company: 'Acme' });
    // A cap below a member's connection count cannot hold the graph.
    expect(codeOf(() => SocialGraph.fromBytes(plain.toBytes(), { maxConnectionsPerMember: 1 }))).toBe('CONNECTION_LIMIT');
  });

  it('rejects an unknown option (a misspelt one never passes silently)', () => {
    expect(codeOf(() => new SocialGraph({ indexedAtributes: ['company'] } as SocialGraphOptions))).toBe('INVALID_OPTION');
  });
});
