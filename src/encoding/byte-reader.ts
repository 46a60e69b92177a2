/**
 * ByteReader: reads what {@link ByteWriter} wrote, bounds-checked, throwing `SNAPSHOT_CORRUPT`
 * on anything out of shape.
 *
 * @packageDocumentation
 */
import { SocialGraphError } from '../errors.js';

// ignoreBOM: a string that starts with U+FEFF keeps it (the default would strip it as a byte order mark).
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * A cursor over `bytes[start, end)` reading bytes, unsigned 8/32-bit integers, LEB128 varints and
 * length-prefixed UTF-8 strings; every read past `end`, overlong varint or invalid UTF-8 throws a
 * {@link SocialGraphError} with code `SNAPSHOT_CORRUPT` naming `where`.
 *
 * @remarks Every read is O(1) (O(length) for byte arrays and strings).
 * @example
 * ```ts
 * const out = new ByteWriter();
 * out.varint(2);
 * out.string('ada');
 * const bytes = out.finish();
 * const input = new ByteReader(bytes, 0, bytes.length, 'SocialGraph.fromBytes: section "policy"');
 * const count = input.varint(); // 2
 * const name = input.string(); // 'ada'
 * input.expectEnd();
 * ```
 * @public
 */
export class ByteReader {
  readonly bytes: Uint8Array;
  /** Position of the next byte to read. */
  pos: number;
  /** End of the readable range (exclusive). */
  readonly end: number;
  /** What is being read, for error messages (`'SocialGraph.fromBytes: section "ids"'`). */
  readonly where: string;

  constructor(bytes: Uint8Array, start: number, end: number, where: string) {
    this.bytes = bytes;
    this.pos = start;
    this.end = end;
    this.where = where;
  }

  /** Bytes left to read. */
  get remaining(): number {
    return this.end - this.pos;
  }

  /** Throws `SNAPSHOT_CORRUPT` with `problem`. */
  fail(problem: string): never {
    throw new SocialGraphError('SNAPSHOT_CORRUPT', `${this.where}: ${problem}`);
  }

  /** Reads one byte. */
  u8(): number {
    if (this.pos >= this.end) this.fail('unexpected end of data');
    return this.bytes[this.pos++]!;
  }

  /** Reads an unsigned 32-bit little-endian integer. */
  u32(): number {
    if (this.pos + 4 > this.end) this.fail('unexpected end of data');
    const b = this.bytes;
    const i = this.pos;
    this.pos = i + 4;
    return (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
  }

  /** Reads a LEB128 varint of at most 5 bytes holding a value below 2^32. */
  varint(): number {
    const b = this.bytes;
    let i = this.pos;
    let value = 0;
    let scale = 1;
    for (let k = 0; k < 5; k++) {
      if (i >= this.end) this.fail('unexpected end of data inside a varint');
      const byte = b[i++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) {
        if (k > 0 && byte === 0) this.fail('overlong varint');
        if (value > 0xffffffff) this.fail('varint above 2^32 - 1');
        this.pos = i;
        return value;
      }
      scale *= 128;
    }
    return this.fail('varint longer than 5 bytes');
  }

  /** Reads `length` raw bytes (a view, not a copy). */
  take(length: number): Uint8Array {
    if (length < 0 || this.pos + length > this.end) this.fail(`${length} bytes announced, ${this.end - this.pos} left`);
    const out = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  /** Reads a float64 written by `ByteWriter.f64` (little-endian). */
  f64(): number {
    const data = this.take(8);
    for (let i = 0; i < 8; i++) f64Bytes[i] = data[i]!;
    return f64View.getFloat64(0, true);
  }

  /** Reads a varint byte length and that many bytes of UTF-8. */
  string(): string {
    const data = this.take(this.varint());
    try {
      return decoder.decode(data);
    } catch {
      return this.fail('invalid UTF-8');
    }
  }

  /** Throws unless every byte of the range was read. */
  expectEnd(): void {
    if (this.pos !== this.end) this.fail(`${this.end - this.pos} unexpected bytes at the end`);
  }
}

const f64View = new DataView(new ArrayBuffer(8));
const f64Bytes = new Uint8Array(f64View.buffer);
