/**
 * The records of a journal segment: one operation-log record (`{ name, args, time }`) as a few
 * bytes, specified in docs/durability.md.
 *
 * record = u8 head · [time] · args
 *   head bits 0–5: the operation's index in OPERATION_NAMES; bit 6: a time follows; bit 7: the
 *   optional trailing argument of the operation (connect's and invite's options,
 *   setInvitationSettings' settings) is present.
 *   time: varint v; v even: the time is the previous record's time (0 at a segment's start) plus
 *   unzigzag(v / 2); v = 1: a float64 follows (little-endian).
 * A string argument (member ids, groups, tags, list names, invitation ids, actions) is a
 * reference: varint 0 = the string follows; 1 = not a string, a tagged value follows; 2 / 3 = the
 * same string as the first / second string argument of the last record that had one (a member
 * making many calls in a row, as when a new member connects to its first contacts).
 *
 * Why not a table of every id seen (a varint per reference): measured at 100k ids, the Map lookup
 * per reference (a cache miss each) cost more than the whole `connect` it journals; copying the
 * few bytes of a short id costs a tenth of that.
 *
 * Invariants: the encoder and the decoder of one segment see the same records in the same order,
 * so their last-strings agree; an encoder never leaves part of a record in its buffer when it
 * throws (the caller rewinds to {@link RecordEncoder.recordStart}).
 *
 * @packageDocumentation
 */
import { bulkInt32 } from '../../store/bulk-buffer.js';
import { DEFAULT_POLICY, MAX_CONNECT_ALL, OPERATION_NAMES, STRICT_POLICY, SocialGraph, SocialGraphError, replayOperation, type OperationName, type Policy } from '../core.js';

/** Slot kinds of an argument. */
const REF = 0; // a string: literal or a repeat of the last record's
const VALUE = 1; // a tagged value (settings and options objects)
const JSON_TEXT = 2; // JSON text (profiles: what a snapshot keeps of them)
const POLICY = 3; // setPolicy's argument: a preset or a custom policy's name
const PAIRS = 4; // connectAll's pairs: varint count · (string, string) per pair

interface Schema {
  /** Kinds of the required arguments. */
  readonly slots: readonly number[];
  /** Whether one optional trailing tagged value may follow (head bit 7). */
  readonly optional: boolean;
}

const R1: Schema = { slots: [REF], optional: false };
const R2: Schema = { slots: [REF, REF], optional: false };
const R3: Schema = { slots: [REF, REF, REF], optional: false };
const R2_OPT: Schema = { slots: [REF, REF], optional: true };

/** The argument layout of each operation, by name (checked against OPERATION_NAMES below). */
const SCHEMAS: Readonly<Record<OperationName, Schema>> = {
  addMember: R1,
  mergeMember: R1,
  removeMember: R1,
  connect: R2_OPT,
  disconnect: R2,
  block: R2,
  unblock: R2,
  setPrivacy: { slots: [REF, VALUE], optional: false },
  joinGroup: R2,
  leaveGroup: R2,
  setPolicy: { slots: [POLICY], optional: false },
  setQuota: { slots: [REF, VALUE], optional: false },
  attempt: R3,
  invite: R2_OPT,
  accept: R1,
  ignore: R1,
  withdraw: R1,
  setInvitationSettings: { slots: [], optional: true },
  dismissSuggestion: R2,
  setProfile: { slots: [REF, JSON_TEXT], optional: false },
  removeProfile: R1,
  tag: R3,
  untag: R3,
  createList: R2,
  renameList: R3,
  deleteList: R2,
  addToList: R3,
  removeFromList: R3,
  favorite: R2,
  unfavorite: R2,
  hide: R2,
  unhide: R2,
  connectAll: { slots: [PAIRS], optional: true },
};

/** Schemas by op code; an operation this build has no schema for is refused at module load. */
const BY_CODE: readonly Schema[] = OPERATION_NAMES.map((name) => {
  const schema = (SCHEMAS as Record<string, Schema | undefined>)[name];
  if (schema === undefined) throw new Error(`durable journal: no record layout for operation ${name}`);
  return schema;
});
if (OPERATION_NAMES.length > 63) throw new Error('durable journal: more than 63 operations do not fit the record head');
const CODE_OF: ReadonlyMap<string, number> = new Map(OPERATION_NAMES.map((name, i) => [name, i]));
const CONNECT = CODE_OF.get('connect')!;

/** Longest run of connect records replayed as one `connectAll`. */
const RUN_MAX = 1 << 18;
/** Shortest run worth a `connectAll` (below, call by call). */
const RUN_MIN = 64;

const HAS_TIME = 0x40;
const HAS_OPTIONAL = 0x80;
/** Largest time delta stored as a varint (beyond: a float64). */
const MAX_DELTA = 2 ** 50;
/** Deepest nesting of a tagged value. */
const MAX_DEPTH = 64;

// Tags of tagged values.
const T_UNDEFINED = 0;
const T_NULL = 1;
const T_FALSE = 2;
const T_TRUE = 3;
const T_INT = 4;
const T_FLOAT = 5;
const T_STRING = 6;
const T_ARRAY = 7;
const T_OBJECT = 8;
const T_JSON = 9; // profiles only: JSON text

/** A profile that is not plain data (stored as JSON text instead). */
class NotPlain extends Error {}

// Policy argument kinds.
const P_DEFAULT_NAME = 0;
const P_STRICT_NAME = 1;
const P_DEFAULT = 2;
const P_STRICT = 3;
const P_CUSTOM = 4;

const f64 = new Float64Array(1);
const f64Bytes = new Uint8Array(f64.buffer);
const utf8 = new TextEncoder();
// ignoreBOM: a string that starts with U+FEFF keeps it (the default would strip it as a byte order mark).
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Whether a string has no lone surrogate (UTF-8 holds it exactly). */
function isWellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c >= 0xdc00) return false;
    const d = s.charCodeAt(i + 1);
    if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
    i++;
  }
  return true;
}

/**
 * A value the journal cannot store: the durable graph fails (see JournalWriter).
 * @internal
 */
export class JournalEncodeError extends Error {}

/**
 * Encodes records into a byte buffer that its owner ({@link JournalWriter}) frames into blocks.
 *
 * @remarks A record costs one Map lookup per string argument plus its bytes; the buffer is
 * reused (no allocation per record but for new strings in the table).
 * @example
 * ```ts
 * const grow = (e: RecordEncoder, bytes: number): void => {
 *   const buf = new Uint8Array(2 * e.buf.length + bytes);
 *   buf.set(e.buf);
 *   e.buf = buf;
 * };
 * const encoder = new RecordEncoder(new Uint8Array(16), 0, grow);
 * encoder.encode('connect', ['a', 'b'], Number.NaN);
 * encoder.pos > 0; // true
 * ```
 */
export class RecordEncoder {
  /** The buffer (replaced by {@link RecordEncoder.makeRoom} when it grows). */
  buf: Uint8Array;
  /** Next byte to write. */
  pos: number;
  /** Where the record being encoded starts. */
  recordStart: number;
  /** First and second string arguments of the last record that had them. */
  #last0: unknown = undefined;
  #last1: unknown = undefined;
  #now0: unknown = undefined;
  #now1: unknown = undefined;
  #previousTime = 0;
  readonly #makeRoom: (encoder: RecordEncoder, bytes: number) => void;

  /**
   * @param buf - the initial buffer.
   * @param pos - where records start in it.
   * @param makeRoom - called when `bytes` more bytes do not fit: must leave room for them after
   *   `pos` (moving the record in progress, `[recordStart, pos)`, along).
   */
  constructor(buf: Uint8Array, pos: number, makeRoom: (encoder: RecordEncoder, bytes: number) => void) {
    this.buf = buf;
    this.pos = pos;
    this.recordStart = pos;
    this.#makeRoom = makeRoom;
  }

  /** Forgets the last strings and the time base (a new segment starts). */
  reset(): void {
    this.#last0 = this.#last1 = this.#now0 = this.#now1 = undefined;
    this.#previousTime = 0;
  }

  /**
   * Appends one record. Throws {@link JournalEncodeError} for an argument it cannot store (the
   * bytes written since `recordStart` must then be discarded and the encoder not used again).
   */
  encode(name: string, args: readonly unknown[], time: number): void {
    if (this.pos + 32 > this.buf.length) this.#makeRoom(this, 32);
    this.recordStart = this.pos;
    if (name === 'connect' && time !== time && args.length <= 2) {
      // The hot path: connect(a, b), clock unread.
      this.buf[this.pos++] = CONNECT;
      this.#now0 = this.#last0;
      this.#now1 = this.#last1;
      this.#ref(args[0], 0);
      this.#ref(args[1], 1);
      this.#last0 = this.#now0;
      this.#last1 = this.#now1;
      return;
    }
    const code = CODE_OF.get(name);
    if (code === undefined) throw new JournalEncodeError(`unknown operation ${String(name)}`);
    const timed = time === time; // not NaN
    this.#now0 = this.#last0;
    this.#now1 = this.#last1;
    let refs = 0;
    const schema = BY_CODE[code]!;
    const slots = schema.slots;
    const optional = schema.optional && args.length > slots.length && args[slots.length] !== undefined;
    this.buf[this.pos++] = code | (timed ? HAS_TIME : 0) | (optional ? HAS_OPTIONAL : 0);
    if (timed) this.#time(time);
    for (let i = 0; i < slots.length; i++) {
      const value = args[i];
      switch (slots[i]) {
        case REF:
          this.#ref(value, refs++);
          break;
        case VALUE:
          this.#value(value, 0);
          break;
        case JSON_TEXT: {
          // Plain data exactly (-0, NaN, undefined kept); anything else as JSON text, which is
          // what a snapshot keeps of a profile.
          const at = this.pos;
          try {
            this.#value(value, 0, true);
          } catch (error) {
            if (!(error instanceof NotPlain)) throw error;
            this.pos = at;
            let text: string | undefined;
            try {
              text = JSON.stringify(value);
            } catch (cause) {
              throw new JournalEncodeError(`profile is not JSON: ${(cause as Error).message}`);
            }
            if (text === undefined) this.#value(undefined, 0);
            else {
              this.#byte(T_JSON);
              this.#string(text);
            }
          }
          break;
        }
        case PAIRS:
          this.#pairs(value);
          break;
        default:
          this.#policy(value);
      }
    }
    if (optional) this.#value(args[slots.length], 0);
    this.#last0 = this.#now0;
    this.#last1 = this.#now1;
  }

  #time(time: number): void {
    const delta = time - this.#previousTime;
    if (Number.isInteger(delta) && Math.abs(delta) <= MAX_DELTA && Object.is(this.#previousTime + delta, time)) {
      this.#varint((delta >= 0 ? delta * 2 : -delta * 2 - 1) * 2);
    } else {
      this.#varint(1);
      this.#float(time);
    }
    this.#previousTime = time;
  }

  #byte(b: number): void {
    if (this.pos >= this.buf.length) this.#makeRoom(this, 1);
    this.buf[this.pos++] = b;
  }

  #varint(n: number): void {
    if (this.pos + 10 > this.buf.length) this.#makeRoom(this, 10);
    const buf = this.buf;
    let pos = this.pos;
    if (n < 0x80) buf[pos++] = n;
    else if (n < 0x4000) {
      buf[pos++] = (n & 0x7f) | 0x80;
      buf[pos++] = n >>> 7;
    } else {
      while (n >= 0x80) {
        buf[pos++] = (n % 0x80) | 0x80;
        n = Math.floor(n / 0x80);
      }
      buf[pos++] = n;
    }
    this.pos = pos;
  }

  #float(x: number): void {
    if (this.pos + 8 > this.buf.length) this.#makeRoom(this, 8);
    f64[0] = x;
    this.buf.set(f64Bytes, this.pos);
    this.pos += 8;
  }

  /** A string: varint (byte length × 2 + 1 if UTF-16LE code units, + 0 if UTF-8) · bytes. */
  #string(s: string): void {
    const n = s.length;
    if (this.pos + 10 + 3 * n > this.buf.length) this.#makeRoom(this, 10 + 3 * n);
    const buf = this.buf;
    // ASCII: one byte per unit, length known up front.
    let ascii = n < 0x2000; // header below 2^14: at most 2 varint bytes
    if (ascii) {
      let pos = this.pos + (n < 0x40 ? 1 : 2);
      for (let i = 0; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) {
          ascii = false;
          break;
        }
        buf[pos++] = c;
      }
      if (ascii) {
        const header = n * 2;
        if (n < 0x40) buf[this.pos] = header;
        else {
          buf[this.pos] = (header & 0x7f) | 0x80;
          buf[this.pos + 1] = header >>> 7;
        }
        this.pos = pos;
        return;
      }
    }
    if (isWellFormed(s)) {
      const bytes = utf8.encode(s);
      this.#varint(bytes.length * 2);
      this.buf.set(bytes, this.pos);
      this.pos += bytes.length;
    } else {
      this.#varint(n * 4 + 1);
      let pos = this.pos;
      for (let i = 0; i < n; i++) {
        const c = s.charCodeAt(i);
        this.buf[pos++] = c & 0xff;
        this.buf[pos++] = c >>> 8;
      }
      this.pos = pos;
    }
  }

  /** String argument number `k` of its record. */
  #ref(value: unknown, k: number): void {
    if (typeof value !== 'string') {
      this.#varint(1);
      this.#value(value, 0);
      return;
    }
    if (this.pos + 1 > this.buf.length) this.#makeRoom(this, 1);
    if (value === this.#last0) this.buf[this.pos++] = 2;
    else if (value === this.#last1) this.buf[this.pos++] = 3;
    else {
      this.buf[this.pos++] = 0;
      this.#string(value);
    }
    if (k === 0) this.#now0 = value;
    else if (k === 1) this.#now1 = value;
  }

  /**
   * connectAll's pairs (what the graph applied: an array of string pairs): a varint count, then
   * each pair's two ids as references, each pair's repeats relative to the pair before it (a
   * member connecting to many repeats its id in one byte).
   */
  #pairs(value: unknown): void {
    if (!Array.isArray(value)) throw new JournalEncodeError('connectAll pairs are not an array');
    this.#varint(value.length);
    for (let i = 0; i < value.length; i++) {
      const pair: unknown = value[i];
      if (!Array.isArray(pair) || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') throw new JournalEncodeError(`connectAll pair ${i} is not two ids`);
      this.#ref(pair[0], 0);
      this.#ref(pair[1], 1);
      this.#last0 = this.#now0;
      this.#last1 = this.#now1;
    }
  }

  /** A tagged value; `plain`: throw {@link NotPlain} for anything but plain data. */
  #value(value: unknown, depth: number, plain = false): void {
    if (depth > MAX_DEPTH) throw plain ? new NotPlain() : new JournalEncodeError(`a value nested deeper than ${MAX_DEPTH}`);
    switch (typeof value) {
      case 'undefined':
        return this.#byte(T_UNDEFINED);
      case 'boolean':
        return this.#byte(value ? T_TRUE : T_FALSE);
      case 'number':
        if (Number.isInteger(value) && Math.abs(value) <= MAX_DELTA && !Object.is(value, -0)) {
          this.#byte(T_INT);
          return this.#varint(value >= 0 ? value * 2 : -value * 2 - 1);
        }
        this.#byte(T_FLOAT);
        return this.#float(value);
      case 'string':
        this.#byte(T_STRING);
        return this.#string(value);
      case 'object': {
        if (value === null) return this.#byte(T_NULL);
        if (Array.isArray(value)) {
          this.#byte(T_ARRAY);
          this.#varint(value.length);
          for (let i = 0; i < value.length; i++) this.#value(value[i], depth + 1, plain);
          return;
        }
        if (plain) {
          const proto: unknown = Object.getPrototypeOf(value);
          if (proto !== Object.prototype && proto !== null) throw new NotPlain();
        }
        const keys = Object.keys(value);
        this.#byte(T_OBJECT);
        this.#varint(keys.length);
        for (const key of keys) {
          this.#string(key);
          this.#value((value as Record<string, unknown>)[key], depth + 1, plain);
        }
        return;
      }
      default:
        if (plain) throw new NotPlain();
        throw new JournalEncodeError(`cannot store a ${typeof value} argument`);
    }
  }

  #policy(value: unknown): void {
    if (value === 'default') return this.#byte(P_DEFAULT_NAME);
    if (value === 'strict') return this.#byte(P_STRICT_NAME);
    if (value !== null && typeof value === 'object') {
      const policy = value as Policy;
      if (policy.name === DEFAULT_POLICY.name && policy.rules === DEFAULT_POLICY.rules) return this.#byte(P_DEFAULT);
      if (policy.name === STRICT_POLICY.name && policy.rules === STRICT_POLICY.rules) return this.#byte(P_STRICT);
      if (typeof policy.name === 'string') {
        this.#byte(P_CUSTOM);
        return this.#string(policy.name);
      }
    }
    throw new JournalEncodeError('setPolicy argument is neither a preset nor a named policy');
  }
}

/** A record decoded (the arguments array is reused: copy it to keep it). */
export interface DecodedRecord {
  name: OperationName;
  args: unknown[];
  time: number;
}

/**
 * A record that cannot be decoded: the caller reports where.
 * @internal
 */
export class RecordFormatError extends Error {}

/**
 * Decodes and applies the records of one segment, in order.
 *
 * @remarks O(bytes); each record is applied as it is decoded. Records without a time call the
 * graph's method directly (a call that did not read the clock does not read it on replay
 * either); timed ones go through `replayOperation`, the clock pinned to their time.
 * @example
 * ```ts
 * const encoder = new RecordEncoder(new Uint8Array(64), 0, () => {});
 * encoder.encode('addMember', ['eve'], Number.NaN);
 * const decoder = new RecordDecoder(graph, { policy: undefined });
 * decoder.apply(encoder.buf, 0, encoder.pos);
 * graph.hasMember('eve'); // true
 * ```
 */
export class RecordDecoder {
  #last0: unknown = undefined;
  #last1: unknown = undefined;
  #now0: unknown = undefined;
  #now1: unknown = undefined;
  #previousTime = 0;
  #buf: Uint8Array = new Uint8Array(0);
  #pos = 0;
  #end = 0;
  readonly #graph: SocialGraph;
  readonly #policy: Policy | undefined;
  /** Records applied so far. */
  records = 0;
  /** The run of `connect(a, b)` records not yet applied (see #flush), and their offsets. */
  readonly #runPairs: [string, string][] = [];
  readonly #runOffsets: Float64Array = new Float64Array(RUN_MAX);
  #runLength = 0;

  constructor(graph: SocialGraph, options: { policy?: Policy | undefined }) {
    this.#graph = graph;
    this.#policy = options.policy;
  }

  /** Forgets the last strings and the time base (a new segment starts). */
  reset(): void {
    this.#last0 = this.#last1 = this.#now0 = this.#now1 = undefined;
    this.#previousTime = 0;
  }

  /** Continues after records read elsewhere ({@link PairPrefix}: no time read, these last strings). */
  resume(last: readonly [unknown, unknown]): void {
    this.#last0 = last[0];
    this.#last1 = last[1];
  }

  /**
   * Decodes the records of `bytes[start, end)` (whole records: a block) and calls `each` for
   * each, or applies it to the graph when `each` is left out. Throws {@link RecordFormatError}
   * for bytes that are not records, with the offset of the record.
   */
  apply(bytes: Uint8Array, start: number, end: number, each?: (record: DecodedRecord, offset: number) => void): void {
    this.#buf = bytes;
    this.#pos = start;
    this.#end = end;
    const graph = this.#graph;
    const record: DecodedRecord = { name: 'addMember', args: [], time: Number.NaN };
    while (this.#pos < end) {
      const offset = this.#pos;
      try {
        const head = bytes[this.#pos++]!;
        const code = head & 0x3f;
        const schema = BY_CODE[code];
        if (schema === undefined) throw new RecordFormatError(`unknown operation code ${code}`);
        const name = OPERATION_NAMES[code]!;
        if (code === CONNECT && head === CONNECT) {
          this.#now0 = this.#last0;
          this.#now1 = this.#last1;
          const a = this.#ref(0);
          const b = this.#ref(1);
          this.#last0 = this.#now0;
          this.#last1 = this.#now1;
          if (each === undefined) {
            // Runs of connects go to the graph in batches (see #flush).
            const n = this.#runLength++;
            const pair = (this.#runPairs[n] ??= ['', '']);
            pair[0] = a as string;
            pair[1] = b as string;
            this.#runOffsets[n] = offset;
            if (this.#runLength === RUN_MAX) this.#flush();
            continue;
          }
          record.name = name;
          record.args = [a, b];
          record.time = Number.NaN;
          each(record, offset);
          this.records++;
          continue;
        }
        if ((head & HAS_OPTIONAL) !== 0 && !schema.optional) throw new RecordFormatError(`operation ${name} has no optional argument`);
        if (this.#runLength > 0) this.#flush();
        const time = (head & HAS_TIME) !== 0 ? this.#time() : Number.NaN;
        const args: unknown[] = [];
        this.#now0 = this.#last0;
        this.#now1 = this.#last1;
        let refs = 0;
        for (const slot of schema.slots) args.push(slot === REF ? this.#ref(refs++) : this.#slot(slot));
        if ((head & HAS_OPTIONAL) !== 0) args.push(this.#value(0));
        this.#last0 = this.#now0;
        this.#last1 = this.#now1;
        record.name = name;
        record.args = args;
        record.time = time;
        if (each !== undefined) each(record, offset);
        else if (time === time) replayOperation(graph, { name, args, time });
        else (graph[name] as (...a: unknown[]) => unknown)(...args);
        this.records++;
      } catch (error) {
        if (error instanceof RecordFormatError) throw new RecordFormatError(`record at offset ${offset}: ${error.message}`);
        if (error instanceof MissingPolicyError || error instanceof ReplayError) throw error;
        throw new ReplayError(offset, error);
      }
    }
    this.#flush();
  }

  /**
   * Applies the pending run of `connect(a, b)` records: one `connectAll` for a long run, which
   * leaves the graph as the calls one by one would (same lists, same observers in the same
   * order: every call of the run succeeded, so the batch does too) at several times their
   * speed; a short run call by call, cheaper than a batch's setup. Should the batch throw (a
   * damaged journal), it changed nothing, and the run is replayed call by call to name the
   * record that fails.
   */
  #flush(): void {
    const n = this.#runLength;
    if (n === 0) return;
    this.#runLength = 0;
    const pairs = this.#runPairs;
    const graph = this.#graph;
    if (n >= RUN_MIN) {
      try {
        graph.connectAll(n === pairs.length ? pairs : pairs.slice(0, n));
        this.records += n;
        return;
      } catch {
        // Found below, record by record.
      }
    }
    for (let i = 0; i < n; i++) {
      try {
        graph.connect(pairs[i]![0], pairs[i]![1]);
      } catch (error) {
        throw new ReplayError(this.#runOffsets[i]!, error);
      }
      this.records++;
    }
  }

  #need(n: number): void {
    if (this.#pos + n > this.#end) throw new RecordFormatError('truncated record');
  }

  #byte(): number {
    this.#need(1);
    return this.#buf[this.#pos++]!;
  }

  #varint(): number {
    const buf = this.#buf;
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      if (this.#pos >= this.#end) throw new RecordFormatError('truncated varint');
      const b = buf[this.#pos++]!;
      result += (b & 0x7f) * scale;
      if (b < 0x80) {
        if (result > Number.MAX_SAFE_INTEGER) break;
        return result;
      }
      scale *= 0x80;
    }
    throw new RecordFormatError('bad varint');
  }

  #float(): number {
    this.#need(8);
    f64Bytes.set(this.#buf.subarray(this.#pos, this.#pos + 8));
    this.#pos += 8;
    return f64[0]!;
  }

  #time(): number {
    const v = this.#varint();
    let time: number;
    if (v === 1) time = this.#float();
    else if (v % 2 === 0) {
      const z = v / 2;
      time = this.#previousTime + (z % 2 === 0 ? z / 2 : -(z + 1) / 2);
    } else throw new RecordFormatError(`bad time tag ${v}`);
    this.#previousTime = time;
    return time;
  }

  #string(): string {
    const header = this.#varint();
    const length = Math.floor(header / 2);
    this.#need(length);
    const buf = this.#buf;
    const start = this.#pos;
    this.#pos += length;
    if (header % 2 === 0) {
      if (length < 64) {
        // ASCII: one flat string made at once (a string built by `+=` per character is a chain
        // of cons strings, which every later hash or comparison has to flatten first).
        let i = start;
        while (i < start + length && buf[i]! < 0x80) i++;
        if (i === start + length) return String.fromCharCode.apply(null, buf.subarray(start, i) as unknown as number[]);
      }
      try {
        return utf8Decoder.decode(buf.subarray(start, start + length));
      } catch {
        throw new RecordFormatError('bad UTF-8');
      }
    }
    if (length % 2 !== 0) throw new RecordFormatError('odd UTF-16 length');
    let s = '';
    for (let i = start; i < start + length; i += 2) s += String.fromCharCode(buf[i]! | (buf[i + 1]! << 8));
    return s;
  }

  /** String argument number `k` of its record. */
  #ref(k: number): unknown {
    const n = this.#byte();
    let value: unknown;
    if (n === 0) value = this.#string();
    else if (n === 1) return this.#value(0);
    else if (n === 2) value = this.#last0;
    else if (n === 3) value = this.#last1;
    else throw new RecordFormatError(`bad string reference ${n}`);
    if (typeof value !== 'string') throw new RecordFormatError('repeat of a string never seen');
    if (k === 0) this.#now0 = value;
    else if (k === 1) this.#now1 = value;
    return value;
  }

  #slot(kind: number): unknown {
    switch (kind) {
      case PAIRS: {
        const count = this.#varint();
        // Each id takes at least one byte: a count beyond the bytes left is damage, not a batch.
        if (count > MAX_CONNECT_ALL || 2 * count > this.#end - this.#pos) throw new RecordFormatError(`connectAll of ${count} pairs`);
        const pairs: [string, string][] = new Array(count);
        for (let i = 0; i < count; i++) {
          const a = this.#ref(0);
          const b = this.#ref(1);
          if (typeof a !== 'string' || typeof b !== 'string') throw new RecordFormatError('connectAll pair is not two ids');
          pairs[i] = [a, b];
          this.#last0 = this.#now0;
          this.#last1 = this.#now1;
        }
        return pairs;
      }
      case VALUE:
        return this.#value(0);
      case JSON_TEXT: {
        if (this.#pos < this.#end && this.#buf[this.#pos] === T_JSON) {
          this.#pos++;
          try {
            return JSON.parse(this.#string()) as unknown;
          } catch (error) {
            if (error instanceof RecordFormatError) throw error;
            throw new RecordFormatError('profile is not JSON');
          }
        }
        return this.#value(0);
      }
      default:
        return this.#policyArg();
    }
  }

  #value(depth: number): unknown {
    if (depth > MAX_DEPTH) throw new RecordFormatError('value nested too deep');
    const tag = this.#byte();
    switch (tag) {
      case T_UNDEFINED:
        return undefined;
      case T_NULL:
        return null;
      case T_FALSE:
        return false;
      case T_TRUE:
        return true;
      case T_INT: {
        const z = this.#varint();
        return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
      }
      case T_FLOAT:
        return this.#float();
      case T_STRING:
        return this.#string();
      case T_ARRAY: {
        const n = this.#varint();
        if (n > this.#end - this.#pos) throw new RecordFormatError(`array of ${n} items in ${this.#end - this.#pos} bytes`);
        const out: unknown[] = [];
        for (let i = 0; i < n; i++) out.push(this.#value(depth + 1));
        return out;
      }
      case T_OBJECT: {
        const n = this.#varint();
        if (n > this.#end - this.#pos) throw new RecordFormatError(`object of ${n} keys in ${this.#end - this.#pos} bytes`);
        const out: Record<string, unknown> = {};
        for (let i = 0; i < n; i++) {
          const key = this.#string();
          Object.defineProperty(out, key, { value: this.#value(depth + 1), enumerable: true, writable: true, configurable: true });
        }
        return out;
      }
      default:
        throw new RecordFormatError(`bad value tag ${tag}`);
    }
  }

  #policyArg(): unknown {
    const kind = this.#byte();
    switch (kind) {
      case P_DEFAULT_NAME:
        return 'default';
      case P_STRICT_NAME:
        return 'strict';
      case P_DEFAULT:
        return DEFAULT_POLICY;
      case P_STRICT:
        return STRICT_POLICY;
      case P_CUSTOM: {
        const name = this.#string();
        const given = this.#policy;
        if (given === undefined || given.name !== name) {
          throw new MissingPolicyError(
            'INVALID_OPTION',
            `open: the journal sets the custom policy ${JSON.stringify(name)}, which a journal cannot hold: pass it as options.policy`,
          );
        }
        return given;
      }
      default:
        throw new RecordFormatError(`bad policy kind ${kind}`);
    }
  }
}

/** The journal names a custom policy the caller did not pass. */
class MissingPolicyError extends SocialGraphError {}

/**
 * A record that decoded but failed to apply: the journal does not match the snapshot.
 * @internal
 */
export class ReplayError extends Error {
  readonly offset: number;
  constructor(offset: number, cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.offset = offset;
  }
}

const ADD_MEMBER = CODE_OF.get('addMember')!;
const MERGE_MEMBER = CODE_OF.get('mergeMember')!;

/**
 * The leading run of a segment's records that a bulk load can rebuild: `addMember` /
 * `mergeMember` and `connect(a, b)` without a time or options, read straight into dense member
 * indices and two index arrays for `SocialGraph.fromIndexedEdges`. Ids are interned on their
 * bytes (a hash table of member numbers keyed by the id's bytes in the segment), so a JS string
 * is made once per member, not once per reference. Members are numbered in the order of their
 * `addMember` records, as call-by-call replay numbers them.
 *
 * It stops before the first record it does not take, leaving it to the ordinary replay with the
 * state that replay would have: any other operation; a string it does not read here (UTF-16, or
 * 2^13 bytes and more); an `addMember` of a member that exists; a `connect` naming an unknown
 * member or one member twice (call-by-call replay reports those as not applying).
 * {@link BulkPrefix.block} and {@link BulkPrefix.offset} say where, {@link BulkPrefix.last} is
 * the decoder's last-strings state.
 *
 * @remarks O(bytes of the run) with one hash probe per id reference; memory: 8 bytes per
 * connection (the index arrays, grown by doubling) and 32 to 64 bytes per member (the table).
 * @example
 * ```ts
 * const encoder = new RecordEncoder(new Uint8Array(64), 0, () => {});
 * encoder.encode('addMember', ['ada'], Number.NaN);
 * encoder.encode('addMember', ['bob'], Number.NaN);
 * encoder.encode('connect', ['ada', 'bob'], Number.NaN);
 * const prefix = new BulkPrefix(encoder.buf, [0, encoder.pos]);
 * const graph = SocialGraph.fromIndexedEdges(prefix.edges());
 * graph.connectionCount; // 1
 * ```
 */
export class BulkPrefix {
  readonly #bytes: Uint8Array;
  readonly #blocks: readonly number[];
  /** Index in `blocks` (a multiple of 2) of the block where the run stopped. */
  block = 0;
  /** Offset of the first record not in the run (`blocks` exhausted: the end of the last block). */
  offset: number;
  /** Records in the run. */
  records = 0;
  /** Connections read (`sources[0, connections)`, `targets[0, connections)`). */
  connections = 0;
  /** Members read, numbered `0..members-1` in order of first appearance. */
  members = 0;
  /** The id of each member, by number. */
  readonly ids: string[] = [];
  sources: Int32Array;
  targets: Int32Array;
  /** Member numbers of the last record's first and second string (-1: none). */
  #last0 = -1;
  #last1 = -1;
  /**
   * Open addressing on the id's bytes, 4 int32 per slot so that a probe touches one cache line:
   * [member number + 1 (0: empty), length, w0, w1]. An id of at most 8 bytes is its own key: w0
   * and w1 hold its bytes (little-endian, zero-padded). A longer id keeps its hash in w0 and its
   * offset in the segment in w1, compared there on a hash match. Load factor at most 1/2.
   */
  #slots = new Int32Array(4 << 16);
  /** Sink of the slot touches (kept so the loads are not optimised away). */
  #touched = 0;
  // One chunk of parsed records (pass 1), resolved in order by pass 2. Per record: its offset
  // and head; per reference: kind (0 literal, 2 / 3 repeat of the last record's first / second
  // string), and for a literal its length, hash and key words.
  readonly #recStart = new Int32Array(CHUNK);
  readonly #recHead = new Uint8Array(CHUNK);
  readonly #refKind = new Uint8Array(2 * CHUNK);
  readonly #refLength = new Int32Array(2 * CHUNK);
  readonly #refHash = new Int32Array(2 * CHUNK);
  readonly #refW0 = new Int32Array(2 * CHUNK);
  readonly #refW1 = new Int32Array(2 * CHUNK);

  /** The seed ids' UTF-8 bytes (a long seed id's slot points here, as -(offset + 1)). */
  #seedBytes: Uint8Array = new Uint8Array(0);

  /**
   * @param seed - members that exist before the run (a journal over a non-empty snapshot),
   *   numbered `0..seed.length - 1` in this order; members the run adds come after them. An id
   *   that UTF-8 cannot hold (a lone surrogate) is left out of the table: the journal names it
   *   in UTF-16, which ends the run anyway.
   */
  constructor(bytes: Uint8Array, blocks: readonly number[], seed: readonly string[] = []) {
    // A plain Uint8Array view (not a Buffer): the byte compares read it and the seed bytes
    // through one array type.
    this.#bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    this.#blocks = blocks;
    this.offset = blocks[0] ?? 0;
    if (seed.length > 0) this.#seed(seed);
    // At most one connection per 5 bytes (the shortest connect record); the arrays are shared
    // memory where the platform has it (the bulk load's worker reads them without a copy), and
    // pages never written cost no memory.
    let payload = 0;
    for (let b = 0; b < blocks.length; b += 2) payload += blocks[b + 1]! - blocks[b]!;
    const capacity = Math.max(16, Math.ceil(payload / 5));
    this.sources = bulkInt32(capacity);
    this.targets = bulkInt32(capacity);
    this.#run();
  }

  /** Numbers `seed` as members 0, 1, … and puts their bytes in the table. O(total id length). */
  #seed(seed: readonly string[]): void {
    let total = 0;
    for (const id of seed) total += id.length;
    const buf = new Uint8Array(3 * total + 16);
    let pos = 0;
    let slots = 4 << 16;
    while (slots < 4 * 2 * seed.length) slots *= 2;
    this.#slots = new Int32Array(slots);
    for (let m = 0; m < seed.length; m++) {
      const id = seed[m]!;
      this.ids.push(id);
      if (!isWellFormed(id)) continue;
      const start = pos;
      pos += utf8.encodeInto(id, buf.subarray(pos)).written;
      const length = pos - start;
      if (length <= 8) {
        let w0 = 0;
        let w1 = 0;
        for (let i = 0; i < length; i++) {
          if (i < 4) w0 |= buf[start + i]! << (8 * i);
          else w1 |= buf[start + i]! << (8 * (i - 4));
        }
        this.#place(this.#slots, shortHash(w0, w1, length), m + 1, length, w0, w1);
        pos = start; // the key words hold the bytes
      } else {
        const h = longHash(buf, start, length);
        this.#place(this.#slots, h, m + 1, length, h, -(start + 1));
      }
    }
    this.#seedBytes = buf;
    this.members = seed.length;
  }

  /** The decoder's last-strings state after the run. */
  get last(): [unknown, unknown] {
    return [this.#last0 < 0 ? undefined : this.ids[this.#last0], this.#last1 < 0 ? undefined : this.ids[this.#last1]];
  }

  /** The run as indexed edges (members with no connection included). */
  edges(): { ids: readonly string[]; memberCount: number; sources: Int32Array; targets: Int32Array; edges: number } {
    return { ids: this.ids, memberCount: this.members, sources: this.sources, targets: this.targets, edges: this.connections };
  }

  #run(): void {
    const blocks = this.#blocks;
    for (let b = 0; b < blocks.length; b += 2) {
      let pos = blocks[b]!;
      const end = blocks[b + 1]!;
      while (pos < end) {
        // Pass 1: parse up to CHUNK records (no table access); a record it cannot read ends the chunk.
        const parsed = this.#parse(pos, end);
        // Pass 2: resolve them in order; a record that does not apply ends the run.
        const done = this.#resolve(parsed);
        if (done < parsed.count) return this.#stop(b, this.#recStart[done]!);
        this.records += parsed.count;
        if (parsed.stopped) return this.#stop(b, parsed.next);
        pos = parsed.next;
      }
    }
    this.block = Math.max(0, blocks.length - 2);
    this.offset = blocks[blocks.length - 1] ?? this.offset;
  }

  #stop(block: number, offset: number): void {
    this.block = block;
    this.offset = offset;
  }

  /**
   * Pass 1: parses the records at `pos` (up to CHUNK, within `end`) into the chunk arrays.
   * `stopped`: the record at `next` is not one this run reads (another operation, or a string
   * it does not read here).
   */
  #parse(pos: number, end: number): { count: number; next: number; stopped: boolean } {
    const bytes = this.#bytes;
    let count = 0;
    while (pos < end && count < CHUNK) {
      const start = pos;
      const head = bytes[pos++]!;
      let refs: number;
      if (head === ADD_MEMBER || head === MERGE_MEMBER) refs = 1;
      else if (head === CONNECT) refs = 2;
      else return { count, next: start, stopped: true };
      for (let k = 0; k < refs; k++) {
        pos = this.#parseRef(pos, end, 2 * count + k);
        if (pos < 0) return { count, next: start, stopped: true };
      }
      this.#recStart[count] = start;
      this.#recHead[count] = head;
      count++;
    }
    return { count, next: pos, stopped: false };
  }

  /** Parses one string reference at `pos` into reference slot `r`; the position after it, or -1. */
  #parseRef(pos: number, end: number, r: number): number {
    if (pos >= end) return -1;
    const bytes = this.#bytes;
    const n = bytes[pos++]!;
    if (n === 2 || n === 3) {
      this.#refKind[r] = n;
      return pos;
    }
    if (n !== 0 || pos >= end) return -1;
    let header = bytes[pos++]!;
    if (header >= 0x80) {
      if (pos >= end) return -1;
      header = (header & 0x7f) | (bytes[pos++]! << 7);
      if (header >= 0x4000) return -1;
    }
    const length = header >>> 1;
    if ((header & 1) !== 0 || length === 0 || length > end - pos) return -1;
    let w0 = 0;
    let w1 = 0;
    let h: number;
    if (length <= 8) {
      for (let i = 0; i < length; i++) {
        if (i < 4) w0 |= bytes[pos + i]! << (8 * i);
        else w1 |= bytes[pos + i]! << (8 * (i - 4));
      }
      h = shortHash(w0, w1, length);
    } else {
      h = longHash(bytes, pos, length);
      w0 = h;
      w1 = pos;
    }
    this.#refKind[r] = 0;
    this.#refLength[r] = length;
    this.#refHash[r] = h;
    this.#refW0[r] = w0;
    this.#refW1[r] = w1;
    return pos + length;
  }

  /** Pass 2: applies the chunk's records in order; returns how many applied (the rest do not). */
  #resolve(parsed: { count: number }): number {
    const heads = this.#recHead;
    // Touch the table slot of every literal first: these loads do not depend on each other, so
    // the processor overlaps their cache misses (about 25 ns each instead of one full memory
    // latency each, measured 196 ns, when a lookup waits for the one before it).
    {
      const slots = this.#slots;
      const mask = (slots.length >>> 2) - 1;
      const kinds = this.#refKind;
      const hashes = this.#refHash;
      let touched = 0;
      for (let r = 0; r < 2 * parsed.count; r++) if (kinds[r] === 0) touched ^= slots[(hashes[r]! & mask) << 2]!;
      // Then, for a long id, the bytes its home slot's id is compared with (the slots are in
      // cache now): a second round of misses, overlapped the same way.
      const lengths = this.#refLength;
      const seedBytes = this.#seedBytes;
      const bytes = this.#bytes;
      for (let r = 0; r < 2 * parsed.count; r++) {
        if (kinds[r] !== 0 || lengths[r]! <= 8) continue;
        const k = (hashes[r]! & mask) << 2;
        const other = slots[k + 3]!;
        if (slots[k] !== 0 && slots[k + 1] === lengths[r]) touched ^= other < 0 ? seedBytes[-other - 1]! : bytes[other]!;
      }
      this.#touched ^= touched;
    }
    for (let i = 0; i < parsed.count; i++) {
      const head = heads[i]!;
      if (head === CONNECT) {
        const a = this.#member(2 * i);
        if (a < 0) return i;
        const c = this.#member(2 * i + 1);
        if (c < 0 || c === a) return i;
        const n = this.connections++;
        this.sources[n] = a;
        this.targets[n] = c;
        this.#last0 = a;
        this.#last1 = c;
      } else {
        let a = this.#member(2 * i);
        if (a >= 0) {
          if (head === ADD_MEMBER) return i; // adding a member that exists does not apply
        } else {
          if (this.#refKind[2 * i] !== 0) return i; // a repeat of no string
          a = this.#add(2 * i);
          if (a < 0) return i;
        }
        this.#last0 = a;
      }
    }
    return parsed.count;
  }

  /** The member reference slot `r` names, -1 if none yet. */
  #member(r: number): number {
    const kind = this.#refKind[r]!;
    if (kind === 2) return this.#last0;
    if (kind === 3) return this.#last1;
    const length = this.#refLength[r]!;
    const w0 = this.#refW0[r]!;
    const w1 = this.#refW1[r]!;
    const slots = this.#slots;
    const mask = (slots.length >>> 2) - 1;
    let s = this.#refHash[r]! & mask;
    if (length <= 8) {
      for (;;) {
        const k = s << 2;
        const m = slots[k]! - 1;
        if (m < 0) return -1;
        if (slots[k + 1] === length && slots[k + 2] === w0 && slots[k + 3] === w1) return m;
        s = (s + 1) & mask;
      }
    }
    const bytes = this.#bytes;
    for (;;) {
      const k = s << 2;
      const m = slots[k]! - 1;
      if (m < 0) return -1;
      if (slots[k + 1] === length && slots[k + 2] === w0) {
        let other = slots[k + 3]!;
        const source = other < 0 ? this.#seedBytes : bytes;
        if (other < 0) other = -other - 1;
        let i = 0;
        while (i < length && source[other + i] === bytes[w1 + i]) i++;
        if (i === length) return m;
      }
      s = (s + 1) & mask;
    }
  }

  /** Numbers the literal of reference slot `r` as a new member; -1 if its bytes are not UTF-8. */
  #add(r: number): number {
    const length = this.#refLength[r]!;
    const w0 = this.#refW0[r]!;
    const w1 = this.#refW1[r]!;
    const bytes = this.#bytes;
    let id = '';
    if (length <= 8) {
      // The key words are the id's bytes.
      let ascii = true;
      for (let i = 0; i < length; i++) {
        const c = (i < 4 ? w0 >>> (8 * i) : w1 >>> (8 * (i - 4))) & 0xff;
        if (c >= 0x80) {
          ascii = false;
          break;
        }
        id += String.fromCharCode(c);
      }
      if (!ascii) {
        const raw = new Uint8Array(length);
        for (let i = 0; i < length; i++) raw[i] = (i < 4 ? w0 >>> (8 * i) : w1 >>> (8 * (i - 4))) & 0xff;
        try {
          id = utf8Decoder.decode(raw);
        } catch {
          return -1;
        }
      }
    } else {
      try {
        id = utf8Decoder.decode(bytes.subarray(w1, w1 + length));
      } catch {
        return -1;
      }
    }
    const m = this.members++;
    this.ids.push(id);
    if (this.members * 2 > this.#slots.length >>> 2) this.#rehash();
    this.#place(this.#slots, this.#refHash[r]!, m + 1, length, w0, w1);
    return m;
  }

  #place(slots: Int32Array, hash: number, entry: number, length: number, w0: number, w1: number): void {
    const mask = (slots.length >>> 2) - 1;
    let s = hash & mask;
    while (slots[s << 2] !== 0) s = (s + 1) & mask;
    const k = s << 2;
    slots[k] = entry;
    slots[k + 1] = length;
    slots[k + 2] = w0;
    slots[k + 3] = w1;
  }

  #rehash(): void {
    const old = this.#slots;
    const slots = new Int32Array(old.length * 2);
    for (let k = 0; k < old.length; k += 4) {
      const entry = old[k]!;
      if (entry === 0) continue;
      const length = old[k + 1]!;
      const w0 = old[k + 2]!;
      const w1 = old[k + 3]!;
      this.#place(slots, length <= 8 ? shortHash(w0, w1, length) : w0, entry, length, w0, w1);
    }
    this.#slots = slots;
  }
}

/** Records parsed per chunk by {@link BulkPrefix} before they are resolved (its arrays stay in cache). */
const CHUNK = 4096;

/** Hash of an id of at most 8 bytes (murmur3's finalizer over both words and the length). */
/**
 * Hash of an id of more than 8 bytes: four bytes per multiplication (a quarter of the dependent
 * multiplications of FNV-1a), murmur3's finaliser at the end.
 */
function longHash(bytes: Uint8Array, start: number, length: number): number {
  let h = 0x811c9dc5 ^ length;
  let i = start;
  const end = start + length;
  for (; i + 4 <= end; i += 4) {
    const w = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    h = Math.imul(h ^ w, 0x01000193);
    h ^= h >>> 15;
  }
  for (; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function shortHash(w0: number, w1: number, length: number): number {
  let h = w0 ^ Math.imul(w1 ^ (length << 24), 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
