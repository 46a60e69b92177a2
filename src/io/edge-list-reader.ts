/**
 * Reading and writing SNAP-style edge lists: one connection per line, two member ids per line.
 *
 * Universal: only web-platform globals (`TextDecoder`, `DecompressionStream`), no Node built-ins,
 * so it runs in Node 20+, Deno, Bun and browsers.
 *
 * @packageDocumentation
 */
import { isWellFormedText } from '../encoding/text.js';

/**
 * Where an edge list comes from: a whole text or byte array, or a (possibly async) sequence of
 * text or byte chunks, such as a Node `fs.createReadStream`, a `fetch` response body or
 * `blob.stream()`.
 *
 * @example
 * ```ts
 * import { createReadStream } from 'node:fs';
 * const fromFile: EdgeListSource = createReadStream('ca-grqc.txt.gz'); // Node
 * const fromFetch: EdgeListSource = new Response('1 2\n').body!; // browser: (await fetch(url)).body!
 * const inline: EdgeListSource = '1 2\n2 3\n';
 * ```
 * @public
 */
export type EdgeListSource =
  | string
  | Uint8Array
  | Iterable<Uint8Array | string>
  | AsyncIterable<Uint8Array | string>
  | ByteStreamLike;

/**
 * What the edge-list readers use of a web `ReadableStream<Uint8Array>` (a `fetch` body,
 * `blob.stream()`, Node's `stream/web`): `getReader()`, whose reader reads chunks and can be
 * cancelled. Written out structurally so that the package's types name no DOM or Node global: a
 * project compiled with `lib: ["es2022"]` alone type-checks.
 *
 * @example
 * ```ts
 * const chunks = [new TextEncoder().encode('ada bob\n')];
 * const stream: ByteStreamLike = {
 *   getReader: () => ({
 *     read: async () => (chunks.length > 0 ? { done: false, value: chunks.shift()! } : { done: true, value: undefined }),
 *     cancel: async () => {},
 *   }),
 * };
 * (await importEdgeList(stream)).graph.connectionCount; // 1
 * ```
 * @public
 */
export interface ByteStreamLike {
  getReader(): {
    read(): Promise<{ done: boolean; value?: Uint8Array | undefined }>;
    cancel(reason?: unknown): Promise<void>;
  };
}

/**
 * The delimiters an edge list may use: `'auto'` (the default) picks `','` when the first data line
 * holds a comma, and otherwise any run of spaces and tabs.
 *
 * @example
 * ```ts
 * const pairs: [string, string][] = [];
 * await readEdgeList('Ada Lovelace\tBob\n', (a, b) => pairs.push([a, b]), { delimiter: '\t' });
 * pairs; // [['Ada Lovelace', 'Bob']]: ids may then hold spaces
 * ```
 * @public
 */
export type EdgeListDelimiter = 'auto' | ',' | '\t' | ' ';

/**
 * Options of {@link readEdgeList}, {@link parseEdgeList} and {@link parseEdgeListText}.
 *
 * @example
 * ```ts
 * const options: EdgeListReadOptions = {
 *   header: true,
 *   delimiter: ',',
 *   onProgress: (bytes, lines) => console.log(`${lines} lines, ${bytes} bytes`),
 * };
 * ```
 * @public
 */
export interface EdgeListReadOptions {
  /**
   * Called after each chunk is parsed, and once at the end, with the source bytes consumed so far
   * (compressed bytes for gzip input; UTF-16 code units for string chunks) and the lines read.
   */
  onProgress?(bytes: number, lines: number): void;
  /**
   * Header line handling: `true` skips the first line that is neither blank nor a comment; `false`
   * treats it as data; `'auto'` (default) skips it only when both its fields are unquoted column
   * names (`source`/`target`, `from`/`to`, `u`/`v`, `FromNodeId`/`ToNodeId`, `node1`/`node2`,
   * `user`/`id`, ...): the writers quote ids that are column names, so what they write reads back
   * whole. Nothing else is ever taken for a header.
   */
  header?: boolean | 'auto';
  /**
   * A data line with more than two fields: `'error'` (default) rejects it with an
   * {@link EdgeListFormatError} naming the line; `'ignore'` reads the first two (a weight or a
   * timestamp column).
   */
  extraColumns?: 'error' | 'ignore';
  /**
   * Field delimiter. `'auto'` (default): `','` if the first data line holds a comma, otherwise runs
   * of spaces and tabs. `','`: commas, with spaces and tabs around fields trimmed. `'\t'`: single
   * tabs, spaces around fields trimmed. `' '`: runs of spaces.
   */
  delimiter?: EdgeListDelimiter;
}

/**
 * What reading an edge list found.
 *
 * @example
 * ```ts
 * const { edges, selfPairs, comments }: EdgeListSummary = await readEdgeList('# a comment\n1 2\n3 3\n', () => {});
 * [edges, selfPairs, comments]; // [2, 1, 1]
 * ```
 * @public
 */
export interface EdgeListSummary {
  /** Lines read, of every kind (a final line without a newline counts; a final newline adds none). */
  lines: number;
  /** Pairs passed to `onEdge` (or yielded), self-pairs included. */
  edges: number;
  /** Comment lines (first non-blank character `#` or `%`). */
  comments: number;
  /** Lines holding nothing but spaces and tabs. */
  blankLines: number;
  /** Pairs whose two ids are equal (`a a`); they are among `edges`. */
  selfPairs: number;
  /** Whether a header line was skipped. */
  headerSkipped: boolean;
  /** Source bytes consumed (compressed bytes for gzip input; UTF-16 code units for string chunks). */
  bytes: number;
}

/**
 * Thrown when a line of an edge list is not a pair of ids.
 *
 * @remarks
 * Raised for a data line with a single field, more than two fields (unless `extraColumns:
 * 'ignore'`), an empty id (`a,,b` or `,b` with a comma delimiter), a malformed quoted id, or bytes
 * that are not UTF-8. `line` is the 1-based physical line number, counting comment, blank and header lines.
 * Reading stops at the first malformed line; pairs before it were already delivered. O(1).
 *
 * @example
 * ```ts
 * try {
 *   parseEdgeListText('1 2\n3\n', () => {});
 * } catch (error) {
 *   if (error instanceof EdgeListFormatError) console.log(error.code, error.line); // EDGE_LIST_FORMAT 2
 * }
 * ```
 * @public
 */
export class EdgeListFormatError extends Error {
  /** Stable machine-readable code. */
  readonly code = 'EDGE_LIST_FORMAT' as const;
  /** 1-based line number of the offending line. */
  readonly line: number;
  /** The offending line (without its line break), truncated to 80 characters. */
  readonly text: string;

  constructor(line: number, text: string, problem: string) {
    const shown = text.length > 80 ? `${text.slice(0, 80)}…` : text;
    super(`Edge list line ${line}: ${problem}: ${JSON.stringify(shown)}`);
    this.name = 'EdgeListFormatError';
    this.line = line;
    this.text = shown;
  }
}

// ----------------------------------------------------------------------------------------------
// The line parser.

const enum Mode {
  Unresolved,
  Comma,
  Tab,
  Space,
  Whitespace,
}

const SPACE = 32;
const TAB = 9;
const CR = 13;
const LF = 10;
const COMMA = 44;
const HASH = 35;
const PERCENT = 37;
const QUOTE = 34;
const BACKSLASH = 92;

/** Column names that `header: 'auto'` takes for a header when a first data line holds two of them, unquoted. */
const COLUMN_NAME =
  /^(?:source|target|src|dst|dest|destination|from|to|u|v|head|tail|(?:from|to|source|target|src|dst)[_ ]?(?:node)?[_ ]?id|(?:node|vertex|member|user|id)[_ ]?[12]?)$/i;

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === CR;
}

/** Throws a RangeError unless the options are well formed. */
function checkReadOptions(fn: string, options: EdgeListReadOptions): void {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${fn}: expected an options object, got ${String(options)}`);
  }
  const { header, delimiter, onProgress, extraColumns } = options;
  if (header !== undefined && header !== true && header !== false && header !== 'auto') {
    throw new RangeError(`${fn}: header must be true, false or 'auto', got ${JSON.stringify(header)}`);
  }
  if (delimiter !== undefined && delimiter !== 'auto' && delimiter !== ',' && delimiter !== '\t' && delimiter !== ' ') {
    throw new RangeError(`${fn}: delimiter must be 'auto', ',', '\\t' or ' ', got ${JSON.stringify(delimiter)}`);
  }
  if (extraColumns !== undefined && extraColumns !== 'error' && extraColumns !== 'ignore') {
    throw new RangeError(`${fn}: extraColumns must be 'error' or 'ignore', got ${JSON.stringify(extraColumns)}`);
  }
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new TypeError(`${fn}: onProgress must be a function`);
  }
}

/**
 * Thrown inside the byte sources when the input is not UTF-8 (or not valid gzip); the reader turns it into an
 * {@link EdgeListFormatError} with the line number, once the text before it was parsed.
 */
class InvalidUtf8 extends Error {
  constructor(
    /** Line breaks (LF, CR, CRLF counted once) in the piece before the invalid byte. */
    readonly breaks: number,
    /** Whether the piece starts with the LF of a CRLF whose CR ended the previous piece. */
    readonly leadingLF: boolean,
    /** What is wrong, for the error message. */
    readonly problem = 'the input is not valid UTF-8',
  ) {
    super(problem);
  }
}

/** Index of the first byte of `bytes` that is not part of valid UTF-8 (-1 when valid up to a possibly cut last sequence). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < 3 && i < bytes.length && (bytes[i]! & 0xc0) === 0x80) i++; // the end of a sequence begun before
  while (i < bytes.length) {
    const b = bytes[i]!;
    let n: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) (n = 1), (min = 0x80);
    else if (b >= 0xe0 && b <= 0xef) (n = 2), (min = 0x800);
    else if (b >= 0xf0 && b <= 0xf4) (n = 3), (min = 0x10000);
    else return i;
    let cp = b & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      if (i + k >= bytes.length) return -1;
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

/** The {@link InvalidUtf8} for a piece that failed to decode. */
function invalidUtf8(piece: Uint8Array): InvalidUtf8 {
  let bad = firstInvalidUtf8(piece);
  if (bad < 0) bad = piece.length;
  let breaks = 0;
  for (let i = 0; i < bad; i++) {
    const b = piece[i]!;
    if (b === LF) breaks++;
    else if (b === CR) {
      breaks++;
      if (i + 1 < bad && piece[i + 1] === LF) i++;
    }
  }
  return new InvalidUtf8(breaks, piece.length > 0 && piece[0] === LF);
}

/** Decodes `piece` with a fatal decoder, throwing {@link InvalidUtf8} for bytes that are not UTF-8. */
function decodeUtf8(decoder: TextDecoder, piece: Uint8Array | undefined): string {
  try {
    return piece === undefined ? decoder.decode() : decoder.decode(piece as Uint8Array<ArrayBuffer>, { stream: true });
  } catch {
    throw piece === undefined ? new InvalidUtf8(0, false) : invalidUtf8(piece);
  }
}

/**
 * A push parser: feed it text in pieces of any size, then call `end()`.
 *
 * Linear: each piece is scanned once for line breaks, and a line spanning pieces is kept as a
 * list of parts joined once, at its end.
 */
class LineParser {
  lines = 0;
  edges = 0;
  comments = 0;
  blankLines = 0;
  selfPairs = 0;
  headerSkipped = false;

  /** Parts of the line begun in earlier pieces. */
  private carry: string[] = [];
  /** The previous piece ended with CR: a LF starting the next piece belongs to it. */
  private skipLF = false;
  private started = false;
  private seenData = false;
  private mode: Mode;
  private readonly header: boolean | 'auto';
  private readonly extraColumns: 'error' | 'ignore';
  private first = '';
  private second = '';
  /** Whether the first / second field of the last split line was quoted. */
  private quoted = false;

  constructor(
    private readonly onEdge: (a: string, b: string) => void,
    options: EdgeListReadOptions,
  ) {
    this.header = options.header ?? 'auto';
    this.extraColumns = options.extraColumns ?? 'error';
    const delimiter = options.delimiter ?? 'auto';
    this.mode =
      delimiter === ',' ? Mode.Comma : delimiter === '\t' ? Mode.Tab : delimiter === ' ' ? Mode.Space : Mode.Unresolved;
  }

  push(text: string): void {
    if (text.length === 0) return;
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let start = 0;
    if (this.skipLF) {
      this.skipLF = false;
      if (text.charCodeAt(0) === LF) start = 1;
    }
    const length = text.length;
    let lf = text.indexOf('\n', start);
    let cr = text.indexOf('\r', start);
    while (start < length) {
      if (lf !== -1 && lf < start) lf = text.indexOf('\n', start);
      if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
      if (lf === -1 && cr === -1) break;
      const end = cr === -1 || (lf !== -1 && lf < cr) ? lf : cr;
      let next = end + 1;
      if (end === cr) {
        if (next < length) {
          if (text.charCodeAt(next) === LF) next++;
        } else this.skipLF = true;
      }
      if (this.carry.length === 0) this.line(text, start, end);
      else {
        this.carry.push(text.slice(start, end));
        const whole = this.carry.join('');
        this.carry = [];
        this.line(whole, 0, whole.length);
      }
      start = next;
    }
    if (start < length) this.carry.push(start === 0 ? text : text.slice(start));
  }

  end(): void {
    this.skipLF = false;
    if (this.carry.length > 0) {
      const last = this.carry.join('');
      this.carry = [];
      this.line(last, 0, last.length);
    }
  }

  /** The error for bytes that are not UTF-8, on the line after those parsed plus the breaks before them. */
  invalidUtf8(error: InvalidUtf8): EdgeListFormatError {
    const breaks = error.breaks - (this.skipLF && error.leadingLF ? 1 : 0);
    return new EdgeListFormatError(this.lines + 1 + Math.max(0, breaks), '', error.problem);
  }

  summary(bytes: number): EdgeListSummary {
    return {
      lines: this.lines,
      edges: this.edges,
      comments: this.comments,
      blankLines: this.blankLines,
      selfPairs: this.selfPairs,
      headerSkipped: this.headerSkipped,
      bytes,
    };
  }

  private emit(a: string, b: string): void {
    this.edges++;
    if (a === b) this.selfPairs++;
    this.onEdge(a, b);
  }

  /** Handles `buffer[start, end)`, one line without its line break. */
  private line(buffer: string, start: number, end: number): void {
    const lineNumber = ++this.lines;
    let i = start;
    while (i < end && isBlank(buffer.charCodeAt(i))) i++;
    if (i === end) {
      this.blankLines++;
      return;
    }
    const c = buffer.charCodeAt(i);
    if (c === HASH || c === PERCENT) {
      this.comments++;
      return;
    }
    if (!this.seenData) {
      this.seenData = true;
      if (this.mode === Mode.Unresolved) this.mode = hasCommaOutsideQuotes(buffer, i, end) ? Mode.Comma : Mode.Whitespace;
      if (this.header === true) {
        this.headerSkipped = true;
        return;
      }
      this.split(buffer, i, end, start, lineNumber);
      if (this.header === 'auto' && !this.quoted && COLUMN_NAME.test(this.first) && COLUMN_NAME.test(this.second)) {
        this.headerSkipped = true;
        return;
      }
      this.emit(this.first, this.second);
      return;
    }
    this.split(buffer, i, end, start, lineNumber);
    this.emit(this.first, this.second);
  }

  /**
   * Reads the two fields of the data line starting (after blanks) at `i` into first/second; a
   * field may be a JSON string literal (`"a b"`, `"\ud800"`). A third field is an error unless
   * `extraColumns` is `'ignore'`.
   */
  private split(buffer: string, i: number, end: number, lineStart: number, lineNumber: number): void {
    const mode = this.mode;
    const fail = (problem: string): never => this.fail(buffer, lineStart, end, lineNumber, problem);
    const separated = mode === Mode.Comma || mode === Mode.Tab;
    const delimiter = mode === Mode.Comma ? COMMA : TAB;
    const spacesOnly = mode === Mode.Space;
    const isGap = (c: number): boolean => c === SPACE || c === CR || (!spacesOnly && c === TAB);
    this.quoted = false;
    const fields: string[] = [];
    let j = i;
    for (;;) {
      // One field from j (blanks before it already skipped).
      let value: string;
      if (buffer.charCodeAt(j) === QUOTE) {
        let k = j + 1;
        while (k < end) {
          const c = buffer.charCodeAt(k);
          if (c === BACKSLASH) k += 2;
          else if (c === QUOTE) break;
          else k++;
        }
        if (k >= end) fail('unterminated quoted id');
        try {
          value = JSON.parse(buffer.slice(j, k + 1)) as string;
        } catch {
          return fail('malformed quoted id (a JSON string is expected)');
        }
        this.quoted = true;
        j = k + 1;
        if (separated) while (j < end && isBlank(buffer.charCodeAt(j)) && buffer.charCodeAt(j) !== delimiter) j++;
        if (j < end && (separated ? buffer.charCodeAt(j) !== delimiter : !isGap(buffer.charCodeAt(j)))) fail('text after a quoted id');
      } else if (separated) {
        let k = j;
        while (k < end && buffer.charCodeAt(k) !== delimiter) k++;
        let stop = k;
        while (stop > j && isBlank(buffer.charCodeAt(stop - 1))) stop--;
        value = buffer.slice(j, stop);
        j = k;
      } else {
        let k = j;
        while (k < end && !isGap(buffer.charCodeAt(k))) k++;
        value = buffer.slice(j, k);
        j = k;
      }
      if (value.length === 0) fail('empty member id');
      fields.push(value);
      // To the next field, or the end of the line.
      if (separated) {
        if (j >= end) break;
        j++; // the delimiter
        while (j < end && isBlank(buffer.charCodeAt(j)) && buffer.charCodeAt(j) !== delimiter) j++;
        if (j >= end) fail('empty member id');
      } else {
        while (j < end && isGap(buffer.charCodeAt(j))) j++;
        if (j >= end) break;
      }
      if (fields.length === 2) {
        if (this.extraColumns === 'ignore') break;
        fail('more than two columns (pass extraColumns: \'ignore\' to read the first two)');
      }
    }
    if (fields.length < 2) fail('expected two member ids, found one');
    this.first = fields[0]!;
    this.second = fields[1]!;
  }

  private fail(buffer: string, start: number, end: number, lineNumber: number, problem: string): never {
    throw new EdgeListFormatError(lineNumber, buffer.slice(start, Math.min(end, start + 81)), problem);
  }
}

/** Whether `buffer[i, end)` holds a comma outside JSON-quoted fields. */
function hasCommaOutsideQuotes(buffer: string, i: number, end: number): boolean {
  let inQuotes = false;
  for (let j = i; j < end; j++) {
    const c = buffer.charCodeAt(j);
    if (inQuotes) {
      if (c === BACKSLASH) j++;
      else if (c === QUOTE) inQuotes = false;
    } else if (c === QUOTE) inQuotes = true;
    else if (c === COMMA) return true;
  }
  return false;
}

// ----------------------------------------------------------------------------------------------
// Sources: bytes or text, plain or gzip, in chunks.

/** Largest piece handed to the parser at once, in bytes or code units. */
const PIECE = 1 << 20;

type Chunk = Uint8Array | string;

interface ChunkIterator {
  next(): Promise<IteratorResult<Chunk>> | IteratorResult<Chunk>;
  return?(): unknown;
}

function openSource(fn: string, source: EdgeListSource): ChunkIterator {
  if (typeof source === 'string' || source instanceof Uint8Array) {
    return [source][Symbol.iterator]();
  }
  if (source !== null && typeof source === 'object') {
    const candidate = source as Partial<AsyncIterable<Chunk> & Iterable<Chunk> & ByteStreamLike>;
    const asyncIterator = candidate[Symbol.asyncIterator];
    if (typeof asyncIterator === 'function') return asyncIterator.call(candidate);
    const getReader = candidate.getReader;
    if (typeof getReader === 'function') {
      const reader = getReader.call(candidate);
      return {
        next: () => reader.read() as Promise<IteratorResult<Chunk>>,
        return: () => reader.cancel(),
      };
    }
    const syncIterator = candidate[Symbol.iterator];
    if (typeof syncIterator === 'function') return syncIterator.call(candidate);
  }
  throw new TypeError(`${fn}: expected a string, a Uint8Array, or an iterable, async iterable or ReadableStream of them`);
}

function checkChunk(fn: string, chunk: unknown): Chunk {
  if (typeof chunk === 'string' || chunk instanceof Uint8Array) return chunk;
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError(`${fn}: chunks must be strings or Uint8Arrays, got ${Object.prototype.toString.call(chunk)}`);
}

/**
 * Yields the text of `source`, decoded as UTF-8 (across chunk boundaries) and gunzipped when its
 * first bytes are the gzip magic number; `counter.bytes` tracks the source bytes consumed.
 */
async function* textOf(fn: string, source: EdgeListSource, counter: { bytes: number }): AsyncGenerator<string> {
  const iterator = openSource(fn, source);
  let exhausted = false;
  try {
    // Peek at the first two bytes (or the first string chunk).
    const head: Chunk[] = [];
    let headBytes = 0;
    for (;;) {
      const result = await iterator.next();
      if (result.done) {
        exhausted = true;
        break;
      }
      const chunk = checkChunk(fn, result.value);
      head.push(chunk);
      if (typeof chunk === 'string') break;
      headBytes += chunk.length;
      if (headBytes >= 2) break;
    }
    const magic: number[] = [];
    for (const chunk of head) {
      if (typeof chunk === 'string') break;
      for (let i = 0; i < chunk.length && magic.length < 2; i++) magic.push(chunk[i]!);
    }
    const next = async (): Promise<Chunk | undefined> => {
      if (head.length > 0) return head.shift();
      if (exhausted) return undefined;
      const result = await iterator.next();
      if (result.done) {
        exhausted = true;
        return undefined;
      }
      return checkChunk(fn, result.value);
    };

    if (magic[0] === 0x1f && magic[1] === 0x8b) {
      yield* gunzipText(fn, next, counter);
      return;
    }
    const decoder = new TextDecoder('utf-8', { fatal: true });
    for (;;) {
      const chunk = await next();
      if (chunk === undefined) break;
      if (typeof chunk === 'string') {
        const pendingText = decodeUtf8(decoder, undefined);
        if (pendingText.length > 0) yield pendingText;
        for (let offset = 0; offset < chunk.length; offset += PIECE) {
          const piece = chunk.slice(offset, offset + PIECE);
          counter.bytes += piece.length;
          yield piece;
        }
      } else {
        for (let offset = 0; offset < chunk.length; offset += PIECE) {
          const piece = chunk.subarray(offset, offset + PIECE);
          counter.bytes += piece.length;
          yield decodeUtf8(decoder, piece);
        }
      }
    }
    const tail = decodeUtf8(decoder, undefined);
    if (tail.length > 0) yield tail;
  } finally {
    if (!exhausted) {
      try {
        await iterator.return?.();
      } catch {
        // the source's own cleanup failed: the error that stopped us matters more
      }
    }
  }
}

/** Pipes byte chunks through `DecompressionStream('gzip')` and yields the decoded text. */
async function* gunzipText(
  fn: string,
  next: () => Promise<Chunk | undefined>,
  counter: { bytes: number },
): AsyncGenerator<string> {
  if (typeof DecompressionStream !== 'function') {
    throw new TypeError(`${fn}: the input is gzip-compressed but this platform has no DecompressionStream`);
  }
  const stream = new DecompressionStream('gzip');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  let stopped = false;
  let sourceFailed: { error: unknown } | undefined;
  // Feed the decompressor while the loop below drains it (both sides must run, or it stalls).
  const pump = (async (): Promise<void> => {
    try {
      for (;;) {
        if (stopped) return;
        const chunk = await next();
        if (chunk === undefined) break;
        if (typeof chunk === 'string') {
          throw new TypeError(`${fn}: a gzip-compressed source cannot hold string chunks`);
        }
        counter.bytes += chunk.length;
        if (chunk.length > 0) await writer.write(chunk as Uint8Array<ArrayBuffer>);
      }
      await writer.close();
    } catch (error) {
      sourceFailed = { error };
      await writer.abort(error).catch(() => undefined);
    }
  })();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for (;;) {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await reader.read();
      } catch (error) {
        if (sourceFailed !== undefined) throw sourceFailed.error; // the source's error, not the data's
        // The decompressor's own errors (Z_BUF_ERROR, Z_DATA_ERROR): a typed error on the next line.
        const code = (error as { code?: unknown } | null)?.code;
        const why = error instanceof Error ? error.message : String(error);
        throw new InvalidUtf8(0, false, `the gzip data is corrupt or truncated (${typeof code === 'string' ? `${code}: ` : ''}${why})`);
      }
      if (result.done) break;
      yield decodeUtf8(decoder, result.value);
    }
    const tail = decodeUtf8(decoder, undefined);
    if (tail.length > 0) yield tail;
    await pump;
  } finally {
    stopped = true;
    reader.cancel().catch(() => undefined);
    pump.catch(() => undefined);
  }
}

// ----------------------------------------------------------------------------------------------
// Public readers.

/**
 * Reads an edge list, calling `onEdge(a, b)` for each pair of ids, and resolves with a summary.
 *
 * @remarks
 * Format: one pair per line, two ids separated by tabs, spaces (one or more) or a comma (see
 * {@link EdgeListReadOptions.delimiter}); a further field is an error unless
 * {@link EdgeListReadOptions.extraColumns} is `'ignore'`. A field may be a JSON string literal
 * (`"a b"`), as the writers quote ids. Lines end with LF, CRLF or CR. Bytes that are not UTF-8
 * are an {@link EdgeListFormatError} naming the line. Lines whose first non-blank character is `#` or `%` are comments; blank
 * lines are skipped; an optional header line is skipped (see {@link EdgeListReadOptions.header}).
 * Ids are returned as written (`'007'` stays `'007'`). `onEdge` is called for every pair,
 * self-pairs (`a a`) included — the summary counts them — and for repeated or reversed pairs: the
 * caller decides what a pair means.
 *
 * Input: text or bytes in chunks of any size; UTF-8 is decoded across chunk boundaries (a leading
 * BOM is dropped), and a line may span any number of chunks. Bytes starting with the gzip magic
 * number `1f 8b` are decompressed with the platform's `DecompressionStream('gzip')`. Works without
 * Node built-ins: pass `fs.createReadStream(path)` in Node, `response.body` or `file.stream()` in
 * a browser.
 *
 * Complexity: O(input) time, one pass; memory O(largest chunk + longest line), independent of the
 * file size. An error (malformed line, `onEdge` throwing, a failing source) rejects the promise and
 * releases the source.
 *
 * @param source - the edge list (see {@link EdgeListSource}).
 * @param onEdge - called with the two ids of each pair, in file order.
 * @param options - header, delimiter and progress options.
 * @returns the summary: lines, edges (pairs delivered), comments, self-pairs, ...
 * @throws {@link EdgeListFormatError} (as a rejection) on a line with one field or an empty id.
 * @example
 * ```ts
 * import { createReadStream } from 'node:fs';
 * const pairs: [string, string][] = [];
 * const summary = await readEdgeList(createReadStream('ca-grqc.txt.gz'), (a, b) => pairs.push([a, b]));
 * [summary.edges, summary.selfPairs]; // [28980, 12]
 * SocialGraph.fromEdges(pairs).connectionCount; // 14484
 * ```
 * @public
 */
export async function readEdgeList(
  source: EdgeListSource,
  onEdge: (a: string, b: string) => void,
  options: EdgeListReadOptions = {},
): Promise<EdgeListSummary> {
  const fn = 'readEdgeList';
  checkReadOptions(fn, options);
  if (typeof onEdge !== 'function') throw new TypeError(`${fn}: onEdge must be a function`);
  const parser = new LineParser(onEdge, options);
  const counter = { bytes: 0 };
  const { onProgress } = options;
  try {
    for await (const text of textOf(fn, source, counter)) {
      parser.push(text);
      onProgress?.(counter.bytes, parser.lines);
    }
  } catch (error) {
    throw error instanceof InvalidUtf8 ? parser.invalidUtf8(error) : error;
  }
  parser.end();
  onProgress?.(counter.bytes, parser.lines);
  return parser.summary(counter.bytes);
}

/**
 * Reads an edge list as an async iterator of `[a, b]` id pairs; the iterator's return value is the
 * summary.
 *
 * @remarks
 * Same format, input kinds and errors as {@link readEdgeList}, which it wraps: pairs are parsed a
 * chunk at a time (at most 1 MiB of text) and yielded from a batch, so memory stays bounded by the
 * chunk size. Prefer {@link readEdgeList} for speed: an async iterator costs a promise per pair.
 * Breaking out of the loop releases the source.
 *
 * @param source - the edge list (see {@link EdgeListSource}).
 * @param options - header, delimiter and progress options.
 * @example
 * ```ts
 * const graph = new SocialGraph();
 * for await (const [a, b] of parseEdgeList('ada bob\nbob cy\n')) { // or a file stream, a response body...
 *   graph.mergeMember(a);
 *   graph.mergeMember(b);
 *   if (a !== b) graph.connect(a, b);
 * }
 * graph.connectionCount; // 2
 * ```
 * @public
 */
export async function* parseEdgeList(
  source: EdgeListSource,
  options: EdgeListReadOptions = {},
): AsyncGenerator<[string, string], EdgeListSummary, undefined> {
  const fn = 'parseEdgeList';
  checkReadOptions(fn, options);
  const batch: [string, string][] = [];
  const parser = new LineParser((a, b) => batch.push([a, b]), options);
  const counter = { bytes: 0 };
  const { onProgress } = options;
  const texts = textOf(fn, source, counter);
  try {
    for (;;) {
      let result: IteratorResult<string>;
      try {
        result = await texts.next();
      } catch (error) {
        throw error instanceof InvalidUtf8 ? parser.invalidUtf8(error) : error;
      }
      if (result.done === true) break;
      parser.push(result.value);
      onProgress?.(counter.bytes, parser.lines);
      for (let i = 0; i < batch.length; i++) yield batch[i]!;
      batch.length = 0;
    }
  } finally {
    await texts.return(undefined); // releases the source when the loop was left early
  }
  parser.end();
  onProgress?.(counter.bytes, parser.lines);
  for (let i = 0; i < batch.length; i++) yield batch[i]!;
  return parser.summary(counter.bytes);
}

/**
 * Parses an edge list held in a string, synchronously, calling `onEdge(a, b)` for each pair.
 *
 * @remarks
 * Same format, options and errors as {@link readEdgeList}, for text already in memory (no gzip:
 * decompress first). `onProgress`, if given, is called once at the end. O(text length) time;
 * no memory beyond the ids handed to `onEdge`.
 *
 * @param text - the whole edge list.
 * @param onEdge - called with the two ids of each pair, in order.
 * @param options - header and delimiter options.
 * @returns the summary.
 * @throws {@link EdgeListFormatError} on a line with one field or an empty id.
 * @example
 * ```ts
 * const pairs: [string, string][] = [];
 * const summary = parseEdgeListText('# demo\nsource,target\nalice,bob\n', (a, b) => pairs.push([a, b]));
 * // pairs = [['alice', 'bob']], summary.headerSkipped = true
 * ```
 * @public
 */
export function parseEdgeListText(
  text: string,
  onEdge: (a: string, b: string) => void,
  options: EdgeListReadOptions = {},
): EdgeListSummary {
  const fn = 'parseEdgeListText';
  checkReadOptions(fn, options);
  if (typeof text !== 'string') throw new TypeError(`${fn}: text must be a string`);
  if (typeof onEdge !== 'function') throw new TypeError(`${fn}: onEdge must be a function`);
  const parser = new LineParser(onEdge, options);
  parser.push(text);
  parser.end();
  options.onProgress?.(text.length, parser.lines);
  return parser.summary(text.length);
}

// ----------------------------------------------------------------------------------------------
// Writing.

/**
 * Options of {@link formatEdgeList} and {@link edgeListLines}.
 *
 * @example
 * ```ts
 * formatEdgeList(pairs, { header: 'source,target', delimiter: ',' });
 * ```
 * @public
 */
export interface EdgeListWriteOptions {
  /** A first line to write, such as `'source\ttarget'` or `'# my graph'` (no line break inside). */
  header?: string;
  /** Field delimiter: `'\t'` (default), `','` or `' '`. */
  delimiter?: '\t' | ',' | ' ';
}

/** Ids the reader would not read back as themselves unquoted (or that need escaping to survive UTF-8). */
const NEEDS_QUOTES = /[\s,"]|^[#%]|^\uFEFF/;

/**
 * An id as a field: as is, or as a JSON string literal when reading it back unquoted would change
 * it — white space, a comma or a quote inside, a leading `#` or `%`, a column name (which
 * `header: 'auto'` would take for a header), or a lone surrogate (escaped `\uD800`, so the line
 * stays valid UTF-8). O(length).
 */
function fieldOf(id: string): string {
  return NEEDS_QUOTES.test(id) || COLUMN_NAME.test(id) || !isWellFormedText(id) ? JSON.stringify(id) : id;
}

function* linesOf(
  fn: string,
  pairs: Iterable<readonly [string, string]>,
  options: EdgeListWriteOptions,
): Generator<string, void, undefined> {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${fn}: expected an options object, got ${String(options)}`);
  }
  const delimiter = options.delimiter ?? '\t';
  if (delimiter !== '\t' && delimiter !== ',' && delimiter !== ' ') {
    throw new RangeError(`${fn}: delimiter must be '\\t', ',' or ' ', got ${JSON.stringify(delimiter)}`);
  }
  const { header } = options;
  if (header !== undefined) {
    if (typeof header !== 'string' || /[\r\n]/.test(header)) {
      throw new RangeError(`${fn}: header must be a string without line breaks, got ${JSON.stringify(header)}`);
    }
    yield `${header}\n`;
  }
  let index = 0;
  for (const [a, b] of pairs) {
    for (const id of [a, b]) {
      if (typeof id !== 'string' || id.length === 0) {
        throw new RangeError(`${fn}: pair ${index} holds id ${JSON.stringify(id)}: ids are non-empty strings`);
      }
    }
    yield fieldOf(a) + delimiter + fieldOf(b) + '\n';
    index++;
  }
}

/**
 * Formats pairs of ids as an edge list, one `a<delimiter>b\n` line per pair, optionally after a
 * header line.
 *
 * @remarks
 * The output reads back through {@link readEdgeList} / {@link parseEdgeListText} as the same pairs:
 * ids that would not read back as themselves unquoted (white space, a comma or quote, a leading
 * `#` or `%`, a column name such as `u`, a lone surrogate) are written as JSON string literals;
 * empty ids are rejected.
 * Builds the whole string: O(total length) time and memory; use {@link edgeListLines} to stream.
 *
 * @param pairs - the pairs, in output order.
 * @param options - `header` line and `delimiter` (default tab).
 * @returns the edge list text, ending with a newline when not empty.
 * @throws RangeError on an empty id or a header with a line break.
 * @example
 * ```ts
 * formatEdgeList([['alice', 'bob'], ['bob', 'carol']], { header: 'source\ttarget' });
 * // 'source\ttarget\nalice\tbob\nbob\tcarol\n'
 * ```
 * @public
 */
export function formatEdgeList(
  pairs: Iterable<readonly [string, string]>,
  options: EdgeListWriteOptions = {},
): string {
  const parts: string[] = [];
  for (const line of linesOf('formatEdgeList', pairs, options)) parts.push(line);
  return parts.join('');
}

/**
 * Streams an edge list line by line: yields the header line (if any), then `a<delimiter>b\n` per
 * pair, each string ending with `\n`.
 *
 * @remarks
 * Same rules as {@link formatEdgeList}, lazily: O(1) memory per line, so it can feed a file or a
 * network stream of any size (for example through `ReadableStream.from` or Node's
 * `Readable.from`). Errors surface when the offending pair is reached.
 *
 * @param pairs - the pairs, in output order.
 * @param options - `header` line and `delimiter` (default tab).
 * @throws RangeError on an empty id or a header with a line break.
 * @example
 * ```ts
 * import { createWriteStream } from 'node:fs';
 * import { Readable } from 'node:stream';
 * import { finished } from 'node:stream/promises';
 * const lines = edgeListLines([['ada', 'bob'], ['bob', 'cy']], { header: '# exported' });
 * await finished(Readable.from(lines).pipe(createWriteStream('out.tsv')));
 * [...edgeListLines([['ada', 'bob']])]; // ['ada\tbob\n']
 * ```
 * @public
 */
export function edgeListLines(
  pairs: Iterable<readonly [string, string]>,
  options: EdgeListWriteOptions = {},
): Generator<string, void, undefined> {
  return linesOf('edgeListLines', pairs, options);
}
