/**
 * Edge lists in and out: importEdgeList (streaming, bulk build, progress, errors naming the line)
 * and exportEdgeList / graphEdgePairs, plus the file helpers of social-graph/node.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { EdgeListFormatError, SocialGraph, SocialGraphError, type ImportProgress } from '../../src/index.js';
import { exportEdgeList, graphEdgePairs } from '../../src/io/export-edge-list.js';
import { importEdgeList } from '../../src/io/import-edge-list.js';
import { importEdgeListFile, readEdgeListFile, writeEdgeListFile } from '../../src/node/index.js';
import { fcParams } from '../support/fc-config.js';
import { buildGraph, graphState, opsArb } from './graph-state.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sg-edges-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Members and connections as sorted sets (edge lists do not keep index order). */
function shape(graph: SocialGraph): { members: string[]; edges: string[] } {
  const members = graph.members().sort();
  const edges: string[] = [];
  for (const a of members) for (const b of graph.connections(a)) if (a < b) edges.push(`${a}\u0000${b}`);
  return { members, edges: edges.sort() };
}

async function codeOf(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('importEdgeList', () => {
  it('reads SNAP text: comments, tabs and spaces, CRLF, blank lines, self-pairs, repeats', async () => {
    const text = '# comment\r\n% other comment\r\n1\t2\r\n2  3\r\n\r\n3 1 0.5 extra\r\n2\t1\r\n4 4\r\n';
    const { graph, report } = await importEdgeList(text, { extraColumns: 'ignore' });
    expect(shape(graph)).toEqual({ members: ['1', '2', '3', '4'], edges: ['1\u00002', '1\u00003', '2\u00003'] });
    expect(report).toEqual({
      lines: 8,
      pairs: 5,
      connectionCount: 3,
      duplicates: 1,
      selfPairs: 1,
      memberCount: 4,
      comments: 2,
      headerSkipped: false,
      bytes: text.length,
    });
    expect(graph.members()).toEqual(['1', '2', '3', '4']); // order of first appearance
  });

  it('reads CSV with a header line, and gzip, and byte chunks split anywhere', async () => {
    const csv = 'source,target\nalice,bob\nbob,carol\n';
    const plain = await importEdgeList(csv);
    expect(plain.report.headerSkipped).toBe(true);
    expect(shape(plain.graph).edges).toEqual(['alice\u0000bob', 'bob\u0000carol']);
    const gz = gzipSync(Buffer.from(csv));
    const chunks = [gz.subarray(0, 5), gz.subarray(5, 7), gz.subarray(7)];
    const zipped = await importEdgeList(chunks);
    expect(shape(zipped.graph)).toEqual(shape(plain.graph));
    expect(zipped.report.bytes).toBe(gz.length);
    const header = await importEdgeList('from\tto\nx\ty\n', { header: true, delimiter: '\t' });
    expect(header.graph.areConnected('x', 'y')).toBe(true);
  });

  it('reports progress: read chunks with growing bytes, then build, then done', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `${i}\t${i + 1}\n`).join('');
    const chunks = Array.from({ length: 10 }, (_, k) => lines.slice((k * lines.length) / 10, ((k + 1) * lines.length) / 10));
    const seen: ImportProgress[] = [];
    await importEdgeList(chunks, { onProgress: (p) => seen.push({ ...p }) });
    const phases = seen.map((p) => p.phase);
    expect(phases.filter((p) => p === 'read').length).toBeGreaterThanOrEqual(10);
    expect(phases.slice(-2)).toEqual(['build', 'done']);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.bytes).toBeGreaterThanOrEqual(seen[i - 1]!.bytes);
    expect(seen.at(-1)).toEqual({ phase: 'done', bytes: lines.length, lines: 5000, pairs: 5000 });
  });

  it('rejects a malformed line with EdgeListFormatError naming the line', async () => {
    const error = await codeOf(() => importEdgeList('# c\n1 2\n\n3\n4 5\n'));
    expect(error).toBeInstanceOf(EdgeListFormatError);
    expect((error as EdgeListFormatError).line).toBe(4);
    const csv = await codeOf(() => importEdgeList('a,b\nc,,d\n', { header: false }));
    expect((csv as EdgeListFormatError).line).toBe(2);
  });

  it('throws CONNECTION_LIMIT for a member over the cap, INVALID_OPTION for bad options', async () => {
    const over = await codeOf(() => importEdgeList('h a\nh b\nh c\n', { maxConnectionsPerMember: 2 }));
    expect(over).toBeInstanceOf(SocialGraphError);
    expect((over as SocialGraphError).code).toBe('CONNECTION_LIMIT');
    expect((over as SocialGraphError).message).toContain('importEdgeList');
    for (const bad of [null, 3, { onProgress: 1 }, { header: 'yes' }, { delimiter: ';' }, { maxConnectionsPerMember: 0 }]) {
      const error = await codeOf(() => importEdgeList('a b\n', bad as never));
      expect((error as SocialGraphError).code).toBe('INVALID_OPTION');
    }
  });

  it('builds the same graph as SocialGraph.fromEdges on the karate club', async () => {
    const text = readFileSync(join(FIXTURES, 'karate.txt'), 'utf8');
    const pairs: [string, string][] = [];
    for (const line of text.split('\n')) {
      const fields = line.trim().split(/\s+/);
      if (line.startsWith('#') || fields.length < 2) continue;
      pairs.push([fields[0]!, fields[1]!]);
    }
    const { graph } = await importEdgeList(text);
    expect(shape(graph)).toEqual(shape(SocialGraph.fromEdges(pairs)));
    expect(graph.connectionCount).toBe(78);
  });
});

describe('exportEdgeList', () => {
  it('round-trips random graphs through text, isolated members included (property)', async () => {
    await fc.assert(
      fc.asyncProperty(opsArb, async (ops) => {
        // Ids an edge list can carry: no white space, no leading # or %.
        const graph = buildGraph(
          ops.map((op) => (op.kind === 'add' ? { ...op, id: `m${op.id.replace(/[\s]/g, '_')}` } : op)),
          8,
        );
        const text = [...exportEdgeList(graph)].join('');
        const { graph: copy, report } = await importEdgeList(text, { header: false, delimiter: '\t' });
        expect(shape(copy)).toEqual(shape(graph));
        expect(report.duplicates).toBe(0);
        // Without isolated members: only the members that have connections.
        const bare = [...exportEdgeList(graph, { isolated: 'skip' })].join('');
        const { graph: connected } = await importEdgeList(bare, { header: false, delimiter: '\t' });
        expect(connected.memberCount).toBe(graph.members().filter((id) => graph.connectionCountOf(id) > 0).length);
      }),
      fcParams(100),
    );
  });

  it('writes each connection once, lower index first, with a header and a delimiter', () => {
    const graph = SocialGraph.fromEdges([['a', 'b'], ['c', 'a'], ['d', 'd']]);
    expect([...graphEdgePairs(graph)]).toEqual([['a', 'b'], ['a', 'c'], ['d', 'd']]);
    expect([...exportEdgeList(graph, { header: 'source,target', delimiter: ',', isolated: 'skip' })].join('')).toBe('source,target\na,b\na,c\n');
    expect([...exportEdgeList(SocialGraph.fromEdges([['a b', 'c']]))].join('')).toBe('"a b"\tc\n'); // quoted, reads back
    expect(() => [...graphEdgePairs(graph, { isolated: 'no' as never })]).toThrow(SocialGraphError);
  });
});

describe('edge-list files (social-graph/node)', () => {
  it('writes, reads and imports plain and gzipped files', async () => {
    const graph = SocialGraph.fromEdges([['a', 'b'], ['b', 'c'], ['e', 'e']]);
    const path = join(dir, 'edges.tsv');
    expect(await writeEdgeListFile(graph, path, { header: '# exported' })).toBe(4);
    expect(readFileSync(path, 'utf8')).toBe('# exported\na\tb\nb\tc\ne\te\n');
    const pairs: [string, string][] = [];
    const summary = await readEdgeListFile(path, (a, b) => pairs.push([a, b]));
    expect(summary.comments).toBe(1);
    expect(pairs).toEqual([['a', 'b'], ['b', 'c'], ['e', 'e']]);
    const gz = join(dir, 'edges.tsv.gz');
    writeFileSync(gz, gzipSync(readFileSync(path)));
    const { graph: copy } = await importEdgeListFile(gz);
    expect(shape(copy)).toEqual(shape(graph));
    expect(graphState(copy).members).toEqual(['a', 'b', 'c', 'e']);
  });

  it('imports the gzipped SNAP fixtures', async () => {
    const { graph, report } = await importEdgeListFile(join(FIXTURES, 'email-eu-core.txt.gz'));
    const facts = JSON.parse(readFileSync(join(FIXTURES, 'email-eu-core.facts.json'), 'utf8')) as { nodes: number; edges_undirected_simple: number };
    expect(graph.memberCount).toBe(facts.nodes);
    expect(graph.connectionCount).toBe(facts.edges_undirected_simple);
    expect(report.memberCount).toBe(facts.nodes);
  });
});
