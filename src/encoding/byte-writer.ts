/**
 * ByteWriter: a growable little-endian byte buffer with LEB128 varints, used to write snapshot
 * sections.
 *
 * @packageDocumentation
 */

const encoder = new TextEncoder();

/**
 * Appends bytes, unsigned 8/32-bit integers, unsigned LEB128 varints and length-prefixed UTF-8
 * strings to a buffer that doubles when full.
 *
 * @remarks
 * Every append is O(1) amortised (O(length) for byte arrays and strings). Varints hold integers
 * from 0 to 2^32 - 1 in 1 to 5 bytes (7 bits per byte, low bits first, high bit = "more").
 * Snapshot sections registered by features write their payload through this class.
 *
 * @example
 * ```ts
 * const out = new ByteWriter();
 * out.varint(300); // 0xac 0x02
 * out.string('ada');
 * const bytes = out.finish();
 * ```
 * @public
 */
export class ByteWriter {
  /** The buffer; bytes `[0, length)` are written. */
  buffer: Uint8Array;
  /** Number of bytes written. */
  length = 0;

  constructor(initialCapacity = 1024) {
    this.buffer = new Uint8Array(Math.max(16, initialCapacity));
  }

  /** Makes room for `bytes` more bytes. O(1) amortised. */
  ensure(bytes: number): void {
    const needed = this.length + bytes;
    if (needed <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < needed) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }

  /** Appends one byte (0..255). */
  u8(value: number): void {
    this.ensure(1);
    this.buffer[this.length++] = value;
  }

  /** Appends an unsigned 32-bit integer, little-endian. */
  u32(value: number): void {
    this.ensure(4);
    const b = this.buffer;
    const i = this.length;
    b[i] = value;
    b[i + 1] = value >>> 8;
    b[i + 2] = value >>> 16;
    b[i + 3] = value >>> 24;
    this.length = i + 4;
  }

  /** Appends an unsigned integer from 0 to 2^32 - 1 as a LEB128 varint (1 to 5 bytes). */
  varint(value: number): void {
    if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
      throw new RangeError(`ByteWriter.varint: expected an integer from 0 to 2^32 - 1, got ${value}`);
    }
    this.ensure(5);
    const b = this.buffer;
    let i = this.length;
    let v = value;
    while (v > 0x7f) {
      b[i++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    b[i++] = v;
    this.length = i;
  }

  /** Appends raw bytes. */
  bytes(data: Uint8Array): void {
    this.ensure(data.length);
    this.buffer.set(data, this.length);
    this.length += data.length;
  }

  /** Appends a float64, little-endian (8 bytes; every number exactly, NaN and -0 included). */
  f64(value: number): void {
    f64View.setFloat64(0, value, true);
    this.bytes(f64Bytes);
  }

  /** Appends a string as a varint byte length followed by its UTF-8 bytes. */
  string(value: string): void {
    const data = encoder.encode(value);
    this.varint(data.length);
    this.bytes(data);
  }

  /** A copy of the bytes written, sized exactly. */
  finish(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

const f64View = new DataView(new ArrayBuffer(8));
const f64Bytes = new Uint8Array(f64View.buffer);
