/**
 * Issue 15 item 3: edge-list import loses nothing and invents nothing. export → import is the
 * identity for every graph (ids with white space, quotes, lone surrogates, ids that look like
 * comments or column names included); a header is dropped only when the format says so; what the
 * reader does not understand is an EdgeListFormatError naming the line.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EdgeListFormatError, exportEdgeList, graphEdgePairs, importEdgeList, parseEdgeListText, readEdgeList, SocialGraph } from '../../src/index.js';
import { fcParams } from '../support/fc-config.js';

/** Ids a hostile graph holds. */
const id = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom('a', ' ', '\t', '\r', '\n', '"', '\\', ',', '#', '%', '\uFEFF', '\uD800', '\uDC00', '\u2028', '\u00a0'), minLength: 1, maxLength: 6 }) },
  { weight: 2, arbitrary: fc.constantFrom('u', 'v', 'from', 'to', 'user', 'id', 'node1', 'node2', 'source', 'target', 'Source', '#', '%x', '"', '""', '1', '-0', '\uFEFF1', '__proto__') },
);

function shape(graph: SocialGraph): { members: string[]; edges: string[] } {
  const edges: string[] = [];
  for (const [a, b] of graphEdgePairs(graph, { isolated: 'skip' })) edges.push(a < b ? JSON.stringify([a, b]) : JSON.stringify([b, a]));
  return { members: [...graph.members()].sort(), edges: edges.sort() };
}

async function roundTrip(graph: SocialGraph, delimiter: '\t' | ',' | ' ', asBytes: boolean): Promise<SocialGraph> {
  const text = [...exportEdgeList(graph, { delimiter })].join('');
  const { graph: copy } = await importEdgeList(asBytes ? new TextEncoder().encode(text) : text);
  return copy;
}

describe('export → import is the identity', () => {
  it('for arbitrary ids and graphs, every delimiter, as text or UTF-8 bytes', async () => {
    let quotedIds = 0;
    let isolated = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(id, { minLength: 1, maxLength: 12, size: 'max' }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 30, size: 'max' }),
        fc.constantFrom('\t' as const, ',' as const, ' ' as const),
        fc.boolean(),
        async (ids, pairs, delimiter, asBytes) => {
          const graph = new SocialGraph();
          for (const x of ids) graph.addMember(x);
          for (const [i, j] of pairs) if (i % ids.length !== j % ids.length) graph.connect(ids[i % ids.length]!, ids[j % ids.length]!);
          const text = [...exportEdgeList(graph, { delimiter })].join('');
          if (text.includes('"')) quotedIds++;
          if (ids.some((x) => graph.connectionCountOf(x) === 0)) isolated++;
          expect(shape(await roundTrip(graph, delimiter, asBytes))).toEqual(shape(graph));
        },
      ),
      fcParams(400),
    );
    expect(quotedIds).toBeGreaterThan(100);
    expect(isolated).toBeGreaterThan(50);
  });

  it('the graphs of the issue: one u–v connection, header-like and numeric ids', async () => {
    for (const [a, b] of [['u', 'v'], ['from', 'to'], ['user', 'id'], ['node1', 'node2'], ['Source', 'Target'], ['alice', 'bob']]) {
      const graph = SocialGraph.fromEdges([[a!, b!], ['1', '2']]);
      for (const delimiter of ['\t', ',', ' '] as const) {
        expect(shape(await roundTrip(graph, delimiter, true)), `${a} ${b}`).toEqual(shape(graph));
      }
    }
  });
});

describe('the reader drops nothing silently', () => {
  it('keeps a non-numeric first line followed by numeric ones', async () => {
    const { graph, report } = await importEdgeList('alice bob\n1 2\n3 4\n');
    expect(graph.areConnected('alice', 'bob')).toBe(true);
    expect(report.headerSkipped).toBe(false);
  });

  it('reads CR-only line endings, and CRLF split across chunks, as line breaks', async () => {
    const pairs: [string, string][] = [];
    const summary = await readEdgeList('1 2\r3 4\r\r5 6\r', (a, b) => pairs.push([a, b]));
    expect(pairs).toEqual([['1', '2'], ['3', '4'], ['5', '6']]);
    expect(summary).toMatchObject({ lines: 4, blankLines: 1 });
    const split: [string, string][] = [];
    const chunked = await readEdgeList(['1 2\r', '\n3 4\r', '\r\n', '5 6'], (a, b) => split.push([a, b]));
    expect(split).toEqual([['1', '2'], ['3', '4'], ['5', '6']]);
    expect(chunked).toMatchObject({ lines: 4, blankLines: 1 });
  });

  it('rejects invalid UTF-8 with the line number instead of merging ids', async () => {
    const bytes = (...parts: (string | number[])[]): Uint8Array =>
      new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));
    for (const [source, line] of [
      [bytes('a b\n', 'x', [0xff], ' y\n'), 2],
      [bytes('a b\r\nc d\n\n', 'x', [0xc3], ' y\n'), 4],
      [bytes('a b\rc d\r', 'x', [0xed, 0xa0, 0x80], ' y\n'), 3], // an encoded lone surrogate
      [bytes('a b\nx ', [0xe2, 0x82]), 2], // cut at the end
    ] as const) {
      const error = await importEdgeList(source).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EdgeListFormatError);
      expect((error as EdgeListFormatError).line).toBe(line);
    }
    // One byte at a time: the same line.
    const one = bytes('a b\n\n', 'x', [0xfe], ' y\n');
    const error = await readEdgeList((function* () { for (const b of one) yield Uint8Array.of(b); })(), () => {}).catch((e: unknown) => e);
    expect((error as EdgeListFormatError).line).toBe(3);
  });

  it('rejects extra columns, unterminated or malformed quotes, naming the line', () => {
    for (const [text, line] of [
      ['1 2\n3 4 5\n', 2],
      ['1,2\n3,4,\n', 2],
      ['1 2\n\n"a b 3\n', 3],
      ['"a\\x" b\n', 1],
      ['"a"b c\n', 1],
      ['1\t2\n3\t4\t0.5\n', 2],
    ] as const) {
      let caught: unknown;
      try {
        parseEdgeListText(text, () => {});
      } catch (error) {
        caught = error;
      }
      expect(caught, text).toBeInstanceOf(EdgeListFormatError);
      expect((caught as EdgeListFormatError).line, text).toBe(line);
    }
    const pairs: string[][] = [];
    parseEdgeListText('1 2 0.5\n', (a, b) => pairs.push([a, b]), { extraColumns: 'ignore' });
    expect(pairs).toEqual([['1', '2']]);
  });

  it('reads a line spanning many chunks whole', async () => {
    const long = 'x'.repeat(1 << 20);
    const chunks = [...`${long} ${long}y\n1 2`].join('').match(/[\s\S]{1,4096}/g)!;
    const pairs: [string, string][] = [];
    await readEdgeList(chunks, (a, b) => pairs.push([a, b]));
    expect(pairs.length).toBe(2);
    expect(pairs[0]![0]).toBe(long);
    expect(pairs[0]![1]).toBe(`${long}y`);
  });
});
