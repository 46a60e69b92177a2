/**
 * The framing of a journal segment (docs/durability.md): a 32-byte header, then blocks of whole
 * records, each checksummed, in the spirit of LevelDB's log format.
 *
 * header = "\x89SGJRNL\n" · u16 major (1) · u16 minor (0) · u32 flags (0) · u64 segment number ·
 *          u32 reserved (0) · u32 CRC32 of the 28 bytes before
 * block  = u32 payload length L (1 ≤ L ≤ 2^30) · u32 CRC32 of the payload ·
 *          u32 CRC32 of (u64 file offset of the block · L · payload CRC) · payload (records)
 * All integers little-endian.
 *
 * Invariants: a block is written by one positional write, after every block before it; the
 * header check binds a block to its offset, so a stray copy of a block elsewhere never validates.
 *
 * @packageDocumentation
 */
import { SocialGraphError, crc32 } from '../core.js';

/** Bytes of a segment header. */
export const SEGMENT_HEADER_BYTES = 32;
/** Bytes of a block header. */
export const BLOCK_HEADER_BYTES = 12;
/** Largest block payload. */
export const MAX_BLOCK_BYTES = 2 ** 30;
const MAGIC = [0x89, 0x53, 0x47, 0x4a, 0x52, 0x4e, 0x4c, 0x0a]; // \x89SGJRNL\n
const MAJOR = 1;

/**
 * A journal segment that is damaged before its tail (or a segment missing from the sequence):
 * recovery refuses to build a graph with a shorter history. `code` is `JOURNAL_CORRUPT`.
 *
 * @remarks O(1) to construct.
 * @example
 * ```ts
 * try {
 *   open('data/network');
 * } catch (error) {
 *   if (error instanceof JournalCorruptError) console.error(error.segment, error.offset);
 * }
 * ```
 * @public
 */
export class JournalCorruptError extends SocialGraphError {
  /** The file. */
  readonly segment: string;
  /** Byte offset in it of the first damaged block or record. */
  readonly offset: number;
  constructor(segment: string, offset: number, reason: string) {
    super('JOURNAL_CORRUPT', `open: journal segment ${segment} is damaged at byte ${offset}: ${reason}`);
    this.segment = segment;
    this.offset = offset;
  }
}

function u32(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

function putU32(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value & 0xff;
  bytes[at + 1] = (value >>> 8) & 0xff;
  bytes[at + 2] = (value >>> 16) & 0xff;
  bytes[at + 3] = (value >>> 24) & 0xff;
}

const check = new Uint8Array(16);

/** CRC32 of (u64 offset · u32 length · u32 payload CRC): the block header's own check. */
function headerCheck(offset: number, length: number, payloadCrc: number): number {
  putU32(check, 0, offset % 2 ** 32);
  putU32(check, 4, Math.floor(offset / 2 ** 32));
  putU32(check, 8, length);
  putU32(check, 12, payloadCrc);
  return crc32(check, 0, 16);
}

/**
 * The header of segment number `seq`.
 * @internal
 */
export function segmentHeader(seq: number): Uint8Array {
  const out = new Uint8Array(SEGMENT_HEADER_BYTES);
  out.set(MAGIC, 0);
  out[8] = MAJOR;
  putU32(out, 16, seq % 2 ** 32);
  putU32(out, 20, Math.floor(seq / 2 ** 32));
  putU32(out, 28, crc32(out, 0, 28));
  return out;
}

/**
 * Fills the 12 header bytes of a block whose payload is `buf[at + 12, at + 12 + length)`, to be
 * written at file offset `offset`. O(length).
 * @internal
 */
export function sealBlock(buf: Uint8Array, at: number, length: number, offset: number): void {
  const payloadCrc = crc32(buf, at + BLOCK_HEADER_BYTES, at + BLOCK_HEADER_BYTES + length);
  putU32(buf, at, length);
  putU32(buf, at + 4, payloadCrc);
  putU32(buf, at + 8, headerCheck(offset, length, payloadCrc));
}

/** Whether a whole valid block starts at `at` (within `bytes[0, end)`); its payload length if so, else -1. */
function validBlockAt(bytes: Uint8Array, at: number, end: number): number {
  if (end - at < BLOCK_HEADER_BYTES) return -1;
  const length = u32(bytes, at);
  if (length === 0 || length > MAX_BLOCK_BYTES || length > end - at - BLOCK_HEADER_BYTES) return -1;
  const payloadCrc = u32(bytes, at + 4);
  if (headerCheck(at, length, payloadCrc) !== u32(bytes, at + 8)) return -1;
  if (crc32(bytes, at + BLOCK_HEADER_BYTES, at + BLOCK_HEADER_BYTES + length) !== payloadCrc) return -1;
  return length;
}

/** What {@link scanSegment} found. */
export interface SegmentScan {
  /** Payloads of the valid blocks, in order: `[start, end)` pairs. */
  readonly blocks: number[];
  /** End of the last valid block (where the next block goes). */
  readonly validEnd: number;
  /** Bytes after `validEnd` (a torn or damaged tail, cut off). */
  readonly droppedBytes: number;
}

/**
 * Checks a segment's header and blocks. A damaged block with no valid block after it is the torn
 * tail of a crash: it and everything after it are dropped. A damaged block followed by a valid
 * one, a bad header (unless the file is shorter than a header and `last`: a crash while creating
 * it), a tail in a segment that is not the `last`, or a wrong segment number throw
 * {@link JournalCorruptError}.
 *
 * @remarks O(bytes) when intact; after a damaged block, the search for a later valid block tries
 * every offset (O(bytes) header checks, each 16 bytes of CRC).
 * @example
 * ```ts
 * const bytes = segmentHeader(3); // a segment with no block yet
 * const { blocks, droppedBytes } = scanSegment(bytes, 'journal-00000003.log', 3, true);
 * [blocks.length, droppedBytes]; // [0, 0]
 * ```
 */
export function scanSegment(bytes: Uint8Array, name: string, seq: number, last: boolean): SegmentScan {
  const end = bytes.length;
  if (end < SEGMENT_HEADER_BYTES) {
    if (last) return { blocks: [], validEnd: 0, droppedBytes: end };
    throw new JournalCorruptError(name, 0, `${end} bytes, shorter than a segment header`);
  }
  for (let i = 0; i < MAGIC.length; i++) {
    if (bytes[i] !== MAGIC[i]) throw new JournalCorruptError(name, 0, 'not a journal segment (bad magic)');
  }
  if (crc32(bytes, 0, 28) !== u32(bytes, 28)) throw new JournalCorruptError(name, 0, 'segment header checksum mismatch');
  const major = bytes[8]! | (bytes[9]! << 8);
  if (major !== MAJOR) {
    throw new SocialGraphError('SNAPSHOT_VERSION', `open: journal segment ${name} has format ${major}, this reader reads ${MAJOR}`);
  }
  const fileSeq = u32(bytes, 16) + u32(bytes, 20) * 2 ** 32;
  if (fileSeq !== seq) throw new JournalCorruptError(name, 16, `segment number ${fileSeq} in a file named for ${seq}`);
  const blocks: number[] = [];
  let at = SEGMENT_HEADER_BYTES;
  while (at < end) {
    const length = validBlockAt(bytes, at, end);
    if (length < 0) break;
    blocks.push(at + BLOCK_HEADER_BYTES, at + BLOCK_HEADER_BYTES + length);
    at += BLOCK_HEADER_BYTES + length;
  }
  if (at < end) {
    for (let later = at + 1; later + BLOCK_HEADER_BYTES < end; later++) {
      if (validBlockAt(bytes, later, end) > 0) {
        throw new JournalCorruptError(name, at, `damaged block followed by a valid block at byte ${later}`);
      }
    }
    if (!last) throw new JournalCorruptError(name, at, 'damaged tail in a segment that is not the last');
  }
  return { blocks, validEnd: at, droppedBytes: end - at };
}
