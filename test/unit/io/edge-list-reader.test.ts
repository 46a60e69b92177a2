import { createReadStream, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EdgeListFormatError,
  edgeListLines,
  formatEdgeList,
  parseEdgeList,
  parseEdgeListText,
  readEdgeList,
  type EdgeListReadOptions,
  type EdgeListSource,
} from '../../../src/io/edge-list-reader.js';

type Pair = [string, string];

function parseText(text: string, options?: EdgeListReadOptions): { pairs: Pair[]; summary: ReturnType<typeof parseEdgeListText> } {
  const pairs: Pair[] = [];
  const summary = parseEdgeListText(text, (a, b) => pairs.push([a, b]), options);
  return { pairs, summary };
}

async function read(source: EdgeListSource, options?: EdgeListReadOptions) {
  const pairs: Pair[] = [];
  const summary = await readEdgeList(source, (a, b) => pairs.push([a, b]), options);
  return { pairs, summary };
}

async function gzip(data: string | Uint8Array): Promise<Uint8Array> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Splits `data` at the given cut points (sorted, deduplicated, clamped). */
function cut<T extends string | Uint8Array>(data: T, points: number[]): T[] {
  const sorted = [...new Set(points.map((p) => Math.min(p, data.length)))].sort((a, b) => a - b);
  const pieces: T[] = [];
  let from = 0;
  for (const p of [...sorted, data.length]) {
    pieces.push(data.slice(from, p) as T);
    from = p;
  }
  return pieces;
}

async function* slowly<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) {
    await Promise.resolve();
    yield item;
  }
}

/** The committed copies of the real networks (test/fixtures, see its README). */
const dataFile = (name: string): string => resolve(process.cwd(), 'test/fixtures', name);

describe('parseEdgeListText: format', () => {
  it('reads tabs, runs of spaces, CRLF and LF, comments, blank lines and a third column', () => {
    const text = '# a comment\r\n% another\r\n\r\n1\t2\r\n3   4\n  5 \t 6  \n\t\n7\t8\t1.5\n9 10 1234567890\r\n11 12';
    const { pairs, summary } = parseText(text, { extraColumns: 'ignore' });
    expect(pairs).toEqual([
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
      ['7', '8'],
      ['9', '10'],
      ['11', '12'],
    ]);
    expect(summary).toEqual({
      lines: 10,
      edges: 6,
      comments: 2,
      blankLines: 2,
      selfPairs: 0,
      headerSkipped: false,
      bytes: text.length,
    });
  });

  it('reads comma-separated lines, trimming blanks around fields; ids may hold spaces', () => {
    const { pairs } = parseText('alice smith, bob\r\n carol ,dave,2021-01-01\n', { extraColumns: 'ignore' });
    expect(pairs).toEqual([
      ['alice smith', 'bob'],
      ['carol', 'dave'],
    ]);
  });

  it('keeps ids as written and delivers self-pairs, counting them', () => {
    const { pairs, summary } = parseText('007 7\n7 7\nx x\n-3 +3\n');
    expect(pairs).toEqual([
      ['007', '7'],
      ['7', '7'],
      ['x', 'x'],
      ['-3', '+3'],
    ]);
    expect(summary.selfPairs).toBe(2);
    expect(summary.edges).toBe(4);
  });

  it('does not count a final newline as a line, and reads a last line without one', () => {
    expect(parseText('1 2\n').summary.lines).toBe(1);
    expect(parseText('1 2\n\n').summary).toMatchObject({ lines: 2, blankLines: 1 });
    expect(parseText('1 2').pairs).toEqual([['1', '2']]);
    expect(parseText('').summary).toMatchObject({ lines: 0, edges: 0 });
  });

  it('drops a leading byte order mark', () => {
    expect(parseText('\uFEFF1 2\n').pairs).toEqual([['1', '2']]);
  });

  it('honours an explicit delimiter', () => {
    expect(parseText('a b\tc d\te\n', { delimiter: '\t', extraColumns: 'ignore' }).pairs).toEqual([['a b', 'c d']]);
    expect(parseText('a b,c\n', { delimiter: ',' }).pairs).toEqual([['a b', 'c']]);
    expect(parseText('a  b c\n', { delimiter: ' ', extraColumns: 'ignore' }).pairs).toEqual([['a', 'b']]);
    expect(() => parseText('a  b c\n', { delimiter: ' ' })).toThrow(EdgeListFormatError);
    expect(() => parseText('a\tb\n', { delimiter: ' ' })).toThrow(EdgeListFormatError);
    expect(() => parseText('1 2\n', { delimiter: ';' as never })).toThrow(RangeError);
    expect(() => parseText('1 2\n', { header: 'yes' as never })).toThrow(RangeError);
  });
});

describe('parseEdgeListText: header', () => {
  it("'auto' skips column names", () => {
    for (const header of ['source,target', 'FromNodeId\tToNodeId', 'u v', 'Source Target', 'from_node_id,to_node_id', 'node1 node2', 'src dst']) {
      const { pairs, summary } = parseText(`# c\n${header}\n1${header.includes(',') ? ',' : ' '}2\n`);
      expect(pairs, header).toEqual([['1', '2']]);
      expect(summary.headerSkipped, header).toBe(true);
      expect(summary.lines).toBe(3);
    }
  });

  it("'auto' never takes a first line of ids for a header, whatever follows", () => {
    expect(parseText('person friend\n1 2\n3 4\n').pairs).toEqual([
      ['person', 'friend'],
      ['1', '2'],
      ['3', '4'],
    ]);
    const names = parseText('alice bob\ncarol dave\n');
    expect(names.pairs).toEqual([
      ['alice', 'bob'],
      ['carol', 'dave'],
    ]);
    expect(names.summary.headerSkipped).toBe(false);
    expect(parseText('alice bob\n').pairs).toEqual([['alice', 'bob']]);
    expect(parseText('alice 1\n# c\n\n2 3\n').pairs).toEqual([['alice', '1'], ['2', '3']]);
    expect(parseText('"u" "v"\n1 2\n').pairs).toEqual([['u', 'v'], ['1', '2']]); // quoted: ids
    expect(parseText('1 2\n3 4\n').summary.headerSkipped).toBe(false);
  });

  it('true always skips the first data line; false never does', () => {
    expect(parseText('% c\n1 2\n3 4\n', { header: true }).pairs).toEqual([['3', '4']]);
    expect(parseText('edges\n3 4\n', { header: true }).pairs).toEqual([['3', '4']]);
    expect(parseText('source target\n3 4\n', { header: false }).pairs).toEqual([
      ['source', 'target'],
      ['3', '4'],
    ]);
  });
});

describe('parseEdgeListText: malformed lines', () => {
  it('throws EdgeListFormatError with the 1-based line number on a single field', () => {
    let caught: unknown;
    try {
      parseText('# header\n1 2\r\n\r\n3\r\n4 5\n');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EdgeListFormatError);
    expect(caught).toBeInstanceOf(Error);
    const error = caught as EdgeListFormatError;
    expect(error.code).toBe('EDGE_LIST_FORMAT');
    expect(error.line).toBe(4);
    expect(error.name).toBe('EdgeListFormatError');
    expect(error.message).toBe('Edge list line 4: expected two member ids, found one: "3"');
  });

  it('throws on an empty id with a comma delimiter', () => {
    expect(() => parseText('a,b\n,c\n')).toThrow(/line 2: empty member id/);
    expect(() => parseText('a,b\nc,\n')).toThrow(/line 2: empty member id/);
    expect(() => parseText('a,b\nc, ,d\n')).toThrow(/line 2: empty member id/);
    expect(() => parseText('a\t\tb\n', { delimiter: '\t' })).toThrow(/line 1: empty member id/);
  });

  it('shows the offending line truncated to 80 characters', () => {
    const long = 'x'.repeat(200);
    try {
      parseText(`1 2\n${long}\n`);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EdgeListFormatError);
      const e = error as EdgeListFormatError;
      expect(e.line).toBe(2);
      expect(e.text).toBe(`${'x'.repeat(80)}…`);
      expect(e.message).toContain(`"${'x'.repeat(80)}…"`);
      expect(e.message).not.toContain('x'.repeat(81));
    }
  });

  it('reports pairs before the malformed line', async () => {
    const pairs: Pair[] = [];
    await expect(readEdgeList(['1 2\n3 4\n', '5\n6 7\n'], (a, b) => pairs.push([a, b]))).rejects.toMatchObject({
      code: 'EDGE_LIST_FORMAT',
      line: 3,
    });
    expect(pairs).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });
});

const SAMPLE = [
  '# SNAP style ünïcödé comment: 日本語 🙂\r\n',
  'FromNodeId\tToNodeId\r\n',
  '1\t2\r\n',
  'élodie\tзоя\r\n',
  '\r\n',
  '% matrix-market style comment\n',
  '🙂 😀\n',
  '7    7\n',
  '10\t11\n',
  '  12 13  \n',
  '日本 中国',
].join('');

describe('readEdgeList: sources and chunking', () => {
  const expected = parseText(SAMPLE);

  it('reads strings, bytes, sync and async iterables and ReadableStreams alike', async () => {
    const bytes = new TextEncoder().encode(SAMPLE);
    const sources: EdgeListSource[] = [
      SAMPLE,
      bytes,
      [SAMPLE],
      [bytes],
      slowly([bytes.slice(0, 10), bytes.slice(10)]),
      new Blob([bytes]).stream(),
    ];
    for (const source of sources) {
      const { pairs, summary } = await read(source);
      expect(pairs).toEqual(expected.pairs);
      expect({ ...summary, bytes: 0 }).toEqual({ ...expected.summary, bytes: 0 });
    }
    expect(expected.pairs).toContainEqual(['élodie', 'зоя']);
    expect(expected.pairs).toContainEqual(['🙂', '😀']);
    expect(expected.summary).toMatchObject({ headerSkipped: true, selfPairs: 1, comments: 2, blankLines: 1 });
  });

  it('gives identical output for any chunking of the text, as strings or UTF-8 bytes', async () => {
    const bytes = new TextEncoder().encode(SAMPLE);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: bytes.length }), { maxLength: 40 }), fc.boolean(), async (points, asBytes) => {
        const chunks = asBytes ? cut(bytes, points) : cut(SAMPLE, points);
        const { pairs, summary } = await read(slowly<string | Uint8Array>(chunks));
        expect(pairs).toEqual(expected.pairs);
        expect(summary.lines).toBe(expected.summary.lines);
        expect(summary.bytes).toBe(asBytes ? bytes.length : SAMPLE.length);
      }),
      { numRuns: 300 },
    );
  });

  it('reads gzip bytes (made with CompressionStream), in any chunking', async () => {
    const compressed = await gzip(SAMPLE);
    expect(compressed[0]).toBe(0x1f);
    expect(compressed[1]).toBe(0x8b);
    const whole = await read(compressed);
    expect(whole.pairs).toEqual(expected.pairs);
    expect(whole.summary.bytes).toBe(compressed.length);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: compressed.length }), { maxLength: 20 }), async (points) => {
        const { pairs } = await read(slowly(cut(compressed, points)));
        expect(pairs).toEqual(expected.pairs);
      }),
      { numRuns: 50 },
    );
    // magic number split over the first two chunks
    expect((await read([compressed.slice(0, 1), compressed.slice(1)])).pairs).toEqual(expected.pairs);
  });

  it('rejects corrupt or truncated gzip, and string chunks inside gzip', async () => {
    const compressed = await gzip(SAMPLE.repeat(50));
    await expect(read([compressed.slice(0, compressed.length - 20)])).rejects.toThrow();
    await expect(read([compressed.slice(0, 20), 'text'])).rejects.toThrow(/cannot hold string chunks/);
  });

  it('reports progress after each chunk, ending at the total', async () => {
    const calls: [number, number][] = [];
    const bytes = new TextEncoder().encode('1 2\n3 4\n5 6\n');
    const summary = await readEdgeList([bytes.slice(0, 5), bytes.slice(5)], () => {}, {
      onProgress: (b, l) => calls.push([b, l]),
    });
    expect(calls).toEqual([
      [5, 1],
      [12, 3],
      [12, 3],
    ]);
    expect(summary.bytes).toBe(12);
  });

  it('propagates an error thrown by onEdge and releases the source', async () => {
    let released = false;
    async function* source() {
      try {
        yield '1 2\n';
        yield '3 4\n';
        yield '5 6\n';
      } finally {
        released = true;
      }
    }
    const boom = new Error('boom');
    await expect(
      readEdgeList(source(), (a) => {
        if (a === '3') throw boom;
      }),
    ).rejects.toBe(boom);
    expect(released).toBe(true);
  });

  it('propagates an error thrown by the source, gzip or not', async () => {
    const failing = (first: Uint8Array) =>
      (async function* () {
        yield first;
        throw new Error('disk on fire');
      })();
    await expect(read(failing(new TextEncoder().encode('1 2\n')))).rejects.toThrow('disk on fire');
    await expect(read(failing((await gzip('1 2\n'.repeat(1000))).slice(0, 100)))).rejects.toThrow('disk on fire');
  });

  it('rejects sources and chunks of the wrong type', async () => {
    await expect(read(42 as never)).rejects.toThrow(TypeError);
    await expect(read([{}] as never)).rejects.toThrow(/chunks must be strings or Uint8Arrays/);
  });
});

describe('parseEdgeList (async iterator)', () => {
  it('yields the same pairs and returns the summary', async () => {
    const compressed = await gzip(SAMPLE);
    const iterator = parseEdgeList(slowly(cut(compressed, [7, 30])));
    const pairs: Pair[] = [];
    let result = await iterator.next();
    while (!result.done) {
      pairs.push(result.value);
      result = await iterator.next();
    }
    const expected = parseText(SAMPLE);
    expect(pairs).toEqual(expected.pairs);
    expect(result.value).toMatchObject({ edges: expected.summary.edges, headerSkipped: true });
  });

  it('releases the source when the loop breaks early', async () => {
    let released = false;
    async function* source() {
      try {
        for (let i = 0; i < 100; i++) yield `${i} ${i + 1}\n`;
      } finally {
        released = true;
      }
    }
    let seen = 0;
    for await (const pair of parseEdgeList(source())) {
      expect(pair).toEqual([String(seen), String(seen + 1)]);
      if (++seen === 3) break;
    }
    expect(released).toBe(true);
  });
});

describe('parseEdgeList: early exit from gzip', () => {
  it('releases a gzip source when the loop breaks early', async () => {
    const compressed = await gzip(Array.from({ length: 20_000 }, (_, i) => `${i}\t${i + 1}\n`).join(''));
    let released = false;
    async function* source() {
      try {
        for (let i = 0; i < compressed.length; i += 1000) yield compressed.slice(i, i + 1000);
      } finally {
        released = true;
      }
    }
    let seen = 0;
    for await (const _pair of parseEdgeList(source())) if (++seen === 10) break;
    expect(seen).toBe(10);
    expect(released).toBe(true);
  });
});

describe('formatEdgeList and edgeListLines', () => {
  const pairs: Pair[] = [
    ['alice', 'bob'],
    ['bob', 'carol'],
    ['7', '7'],
  ];

  it('writes one line per pair, with an optional header, and reads back identically', () => {
    const text = formatEdgeList(pairs, { header: 'source\ttarget' });
    expect(text).toBe('source\ttarget\nalice\tbob\nbob\tcarol\n7\t7\n');
    expect(parseText(text).pairs).toEqual(pairs);
    for (const delimiter of [',', ' ', '\t'] as const) {
      expect(parseText(formatEdgeList(pairs, { delimiter })).pairs).toEqual(pairs);
    }
    expect(formatEdgeList([])).toBe('');
    const spaced: Pair[] = [['alice smith', 'bob jones']];
    expect(parseText(formatEdgeList(spaced, { delimiter: ',' })).pairs).toEqual(spaced);
  });

  it('streams lines lazily', () => {
    function* many(): Generator<Pair> {
      for (let i = 0; ; i++) yield [`m${i}`, `m${i + 1}`];
    }
    const lines = edgeListLines(many(), { header: '# infinite', delimiter: ' ' });
    expect(lines.next().value).toBe('# infinite\n');
    expect(lines.next().value).toBe('m0 m1\n');
    expect(lines.next().value).toBe('m1 m2\n');
  });

  it('quotes ids that would not read back as themselves, and rejects empty ids and bad headers', () => {
    expect(formatEdgeList([['a b', 'c']])).toBe('"a b"\tc\n');
    expect(() => formatEdgeList([['a', '']])).toThrow(/pair 0 holds id ""/);
    expect(formatEdgeList([['a', 'b'], ['c\nd', 'e']])).toBe('a\tb\n"c\\nd"\te\n');
    expect(formatEdgeList([['a,b', 'c']], { delimiter: ',' })).toBe('"a,b",c\n');
    expect(formatEdgeList([[' a', 'c']], { delimiter: ',' })).toBe('" a",c\n');
    expect(formatEdgeList([['#a', 'c']])).toBe('"#a"\tc\n');
    expect(formatEdgeList([['u', 'v']])).toBe('"u"\t"v"\n');
    expect(formatEdgeList([['\uD800', '"q"']])).toBe('"\\ud800"\t"\\"q\\""\n');
    expect(() => formatEdgeList([['a', 'c']], { header: 'x\ny' })).toThrow(/header/);
    expect(() => formatEdgeList([['a', 'c']], { delimiter: ';' as never })).toThrow(/delimiter/);
    expect(formatEdgeList([['a', '#c']])).toBe('a\t"#c"\n');
  });
});

describe('real SNAP files', () => {
  const karate = dataFile('karate.txt');
  it('reads karate.txt: 78 connections among 34 members', async () => {
    const members = new Set<string>();
    const edges = new Set<string>();
    const summary = await readEdgeList(createReadStream(karate), (a, b) => {
      members.add(a);
      members.add(b);
      edges.add(a < b ? `${a} ${b}` : `${b} ${a}`);
    });
    expect(summary).toMatchObject({ edges: 78, comments: 5, selfPairs: 0, headerSkipped: false });
    expect(members.size).toBe(34);
    expect(edges.size).toBe(78);
  });

  const grqc = dataFile('ca-grqc.txt.gz');
  it('reads ca-grqc.txt.gz: tabs, CRLF, comments, 28980 directed lines', async () => {
    const members = new Set<string>();
    const edges = new Set<string>();
    const progress: number[] = [];
    const summary = await readEdgeList(
      createReadStream(grqc, { highWaterMark: 4096 }),
      (a, b) => {
        members.add(a);
        members.add(b);
        if (a !== b) edges.add(a < b ? `${a} ${b}` : `${b} ${a}`);
      },
      { onProgress: (bytes) => progress.push(bytes) },
    );
    const size = readFileSync(grqc).length;
    expect(summary).toEqual({
      lines: 28984,
      edges: 28980,
      comments: 4,
      blankLines: 0,
      selfPairs: 12,
      headerSkipped: false,
      bytes: size,
    });
    expect(members.size).toBe(5242);
    expect(edges.size).toBe(14484);
    expect(progress.at(-1)).toBe(size);
    expect(progress.every((b, i) => i === 0 || b >= progress[i - 1]!)).toBe(true);
  });
});
