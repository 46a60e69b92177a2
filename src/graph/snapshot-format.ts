/**
 * Binary snapshots of a {@link SocialGraph}: a versioned container of named, CRC32-checked
 * sections (specified byte by byte in docs/snapshots.md).
 *
 * ```
 * header   magic "\x89SGRAPH\n" · u16 major · u16 minor · u32 section count · u32 CRC32 of the 16 bytes before
 * section  u8 name length · name · u8 flags (bit 0: required) · u64 payload length · payload · u32 CRC32
 * ```
 * Core sections, always first: `meta` (cap, members, connections), `ids` (the member ids, UTF-8,
 * length-prefixed), `adjacency` (degrees, then each member's sorted list as delta varints),
 * `times` (connection times, when recorded);
 * then the sections of the graph's features and the application's (see `snapshot-section.ts`).
 *
 * Universal: no Node built-ins (the Node entry `social-graph/node` adds atomic file save/load).
 *
 * @packageDocumentation
 */
import { SocialGraphError } from '../errors.js';
import { ByteReader } from '../encoding/byte-reader.js';
import { ByteWriter } from '../encoding/byte-writer.js';
import { crc32 } from '../encoding/crc32.js';
import type { GraphCore } from './graph-core.js';
import { CORE_SECTIONS, FEATURE_SECTIONS, TIMES_SECTION, type BoundSection, type SnapshotReadContext } from './snapshot-section.js';

/** The 8 magic bytes that open every snapshot: `\x89SGRAPH\n`. @public */
export const SNAPSHOT_MAGIC: Uint8Array = Uint8Array.of(0x89, 0x53, 0x47, 0x52, 0x41, 0x50, 0x48, 0x0a);
/** Major version written and read: files of another major version are refused. @public */
export const SNAPSHOT_MAJOR_VERSION = 1;
/** Minor version written: readers accept any minor of their major (skipping unknown optional sections). @public */
export const SNAPSHOT_MINOR_VERSION = 1;

const HEADER_BYTES = 20;
/** Smallest section: name length, a 1-byte name, flags, u64 length, CRC. */
const MIN_SECTION_BYTES = 1 + 1 + 1 + 8 + 4;
const FLAG_REQUIRED = 1;
const UTF8 = 0;
const UTF16LE = 1;

const encoder = new TextEncoder();
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * One section of a snapshot, as {@link inspectSnapshot} lists it.
 * @public
 */
export interface SnapshotSectionInfo {
  name: string;
  /** Whether readers that do not know it must refuse the file. */
  required: boolean;
  /** Offset of the payload in the file. */
  offset: number;
  /** Payload bytes. */
  bytes: number;
  /** Whether this reader knows the section (core or registered). */
  known: boolean;
}

/**
 * What a snapshot holds, read from its header and `meta` section (see {@link inspectSnapshot}).
 * @public
 */
export interface SnapshotInfo {
  majorVersion: number;
  minorVersion: number;
  /** Size of the whole snapshot. */
  bytes: number;
  memberCount: number;
  connectionCount: number;
  maxConnectionsPerMember: number;
  sections: SnapshotSectionInfo[];
}

interface RawSection {
  name: string;
  required: boolean;
  start: number;
  end: number;
}

interface Container {
  major: number;
  minor: number;
  sections: RawSection[];
}

function corrupt(method: string, problem: string): never {
  throw new SocialGraphError('SNAPSHOT_CORRUPT', `${method}: ${problem}`);
}

function u32At(bytes: Uint8Array, i: number): number {
  return (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)) >>> 0;
}

/** Checks the header and every section's CRC, and lists the sections. */
function parseContainer(method: string, bytes: unknown, knows: (name: string) => boolean): Container {
  if (!(bytes instanceof Uint8Array)) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: bytes must be a Uint8Array, got ${bytes === null ? 'null' : typeof bytes}`);
  }
  if (bytes.length < HEADER_BYTES) corrupt(method, `${bytes.length} bytes, too short for a snapshot header`);
  for (let i = 0; i < SNAPSHOT_MAGIC.length; i++) {
    if (bytes[i] !== SNAPSHOT_MAGIC[i]) corrupt(method, 'not a social-graph snapshot (bad magic bytes)');
  }
  if (crc32(bytes, 0, 16) !== u32At(bytes, 16)) corrupt(method, 'header checksum mismatch');
  const major = bytes[8]! | (bytes[9]! << 8);
  const minor = bytes[10]! | (bytes[11]! << 8);
  if (major > SNAPSHOT_MAJOR_VERSION) {
    throw new SocialGraphError(
      'SNAPSHOT_VERSION',
      `${method}: snapshot format version ${major}.${minor} is newer than this reader (${SNAPSHOT_MAJOR_VERSION}.${SNAPSHOT_MINOR_VERSION}); upgrade social-graph`,
    );
  }
  if (major < SNAPSHOT_MAJOR_VERSION) corrupt(method, `unknown format version ${major}.${minor}`);
  const count = u32At(bytes, 12);
  if (count * MIN_SECTION_BYTES > bytes.length - HEADER_BYTES) corrupt(method, `${count} sections announced in ${bytes.length} bytes`);
  const sections: RawSection[] = [];
  const seen = new Set<string>();
  let pos = HEADER_BYTES;
  for (let s = 0; s < count; s++) {
    const start = pos;
    if (bytes.length - pos < MIN_SECTION_BYTES) corrupt(method, `truncated in section ${s}`);
    const nameLength = bytes[pos++]!;
    if (nameLength === 0 || nameLength > 64 || bytes.length - pos < nameLength + 13) corrupt(method, `section ${s} has a bad name length ${nameLength}`);
    let name = '';
    for (let i = 0; i < nameLength; i++) {
      const c = bytes[pos++]!;
      // [a-z0-9._-]
      if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x5f || c === 0x2d)) {
        corrupt(method, `section ${s} has a bad name`);
      }
      name += String.fromCharCode(c);
    }
    const flags = bytes[pos++]!;
    const lengthLow = u32At(bytes, pos);
    const lengthHigh = u32At(bytes, pos + 4);
    pos += 8;
    const length = lengthHigh * 2 ** 32 + lengthLow;
    if (length > bytes.length - pos - 4) corrupt(method, `section "${name}" announces ${length} bytes, ${bytes.length - pos - 4} left`);
    const end = pos + length;
    if (crc32(bytes, start, end) !== u32At(bytes, end)) corrupt(method, `section "${name}" checksum mismatch`);
    if (seen.has(name)) corrupt(method, `section "${name}" appears twice`);
    seen.add(name);
    sections.push({ name, required: (flags & FLAG_REQUIRED) !== 0, start: pos, end });
    pos = end + 4;
  }
  if (pos !== bytes.length) corrupt(method, `${bytes.length - pos} bytes after the last section`);
  for (let i = 0; i < CORE_SECTIONS.length; i++) {
    const section = sections[i];
    if (section === undefined || section.name !== CORE_SECTIONS[i] || !section.required) {
      corrupt(method, `section ${i} must be the required section "${CORE_SECTIONS[i]}"`);
    }
  }
  for (let i = CORE_SECTIONS.length; i < sections.length; i++) {
    const section = sections[i]!;
    if (section.name === TIMES_SECTION) {
      if (i !== CORE_SECTIONS.length || !section.required) corrupt(method, `section "${TIMES_SECTION}" must be required and come right after "adjacency"`);
      continue;
    }
    if (CORE_SECTIONS.includes(section.name)) corrupt(method, `core section "${section.name}" out of place`);
    if (section.required && !knows(section.name)) {
      throw new SocialGraphError(
        'SNAPSHOT_VERSION',
        `${method}: snapshot needs section "${section.name}", which this reader does not know (pass the application's section in the snapshotSections option, or upgrade social-graph)`,
      );
    }
  }
  return { major, minor, sections };
}

interface Meta {
  cap: number;
  members: number;
  connections: number;
}

function readMeta(method: string, bytes: Uint8Array, container: Container, maxCap: number): Meta {
  const [meta, ids, adjacency] = container.sections as [RawSection, RawSection, RawSection];
  const input = new ByteReader(bytes, meta.start, meta.end, `${method}: section "meta"`);
  const cap = input.varint();
  const members = input.varint();
  const connections = input.varint();
  input.expectEnd();
  if (cap < 1 || cap > maxCap) input.fail(`maxConnectionsPerMember ${cap} outside 1..${maxCap}`);
  // Every id takes at least one length byte and one text byte; every connection one varint.
  if (members > ids.end - ids.start || members > 0x7fffffff) input.fail(`${members} members cannot fit the ids section`);
  if (connections > adjacency.end - adjacency.start || connections >= 2 ** 30) input.fail(`${connections} connections cannot fit the adjacency section`);
  return { cap, members, connections };
}

// ------------------------------------------------------------------------------------ writing

/**
 * Serialises a graph: what {@link SocialGraph.toBytes} returns.
 *
 * @remarks
 * O(n + m): ids are written once as UTF-8, each member's sorted neighbour list as delta-encoded
 * varints (about 5 bytes per connection), then the feature sections.
 * Members are renumbered densely in index order (holes left by removed members disappear).
 * @param core - the graph core.
 * @param sections - the feature and application sections, in the order they are written.
 * @returns the snapshot bytes.
 * @example
 * ```ts
 * const bytes = graph.toBytes(); // calls writeSnapshot(core, sections)
 * ```
 * @internal
 */
export function writeSnapshot(core: GraphCore, sections: readonly BoundSection[]): Uint8Array {
  const { store, ids } = core;
  const bound = store.indexBound;
  const members = store.memberCount;
  const connections = store.connectionCount;
  const denseIndex = new Int32Array(bound).fill(-1);
  const parts: string[] = new Array(members);
  let next = 0;
  for (let v = 0; v < bound; v++) {
    if (!store.isAlive(v)) continue;
    parts[next] = ids.idOf(v);
    denseIndex[v] = next++;
  }
  const written: { name: string; required: boolean; payload: Uint8Array }[] = [];

  const meta = new ByteWriter(16);
  meta.varint(core.cap);
  meta.varint(members);
  meta.varint(connections);
  written.push({ name: 'meta', required: true, payload: meta.finish() });

  // ids: encoding byte, the UTF-16 length of each id, then the text of all ids.
  const joined = parts.join('');
  const wellFormed = isWellFormed(joined);
  const idWriter = new ByteWriter(members * 2 + 16);
  idWriter.u8(wellFormed ? UTF8 : UTF16LE);
  for (let i = 0; i < members; i++) idWriter.varint(parts[i]!.length);
  if (wellFormed) idWriter.bytes(encoder.encode(joined));
  else {
    idWriter.ensure(joined.length * 2);
    const buffer = idWriter.buffer;
    let at = idWriter.length;
    for (let i = 0; i < joined.length; i++) {
      const c = joined.charCodeAt(i);
      buffer[at++] = c & 0xff;
      buffer[at++] = c >>> 8;
    }
    idWriter.length = at;
  }
  written.push({ name: 'ids', required: true, payload: idWriter.finish() });

  const { adjacency, times } = encodeAdjacency(core, denseIndex, members, connections);
  written.push({ name: 'adjacency', required: true, payload: adjacency });
  if (times !== null) written.push({ name: TIMES_SECTION, required: true, payload: times });

  const context = { memberCount: members, denseIndex };
  for (const section of sections) {
    const out = new ByteWriter();
    if (section.write(out, context)) written.push({ name: section.name, required: section.required, payload: out.finish() });
  }
  return assemble(written);
}

function isWellFormed(text: string): boolean {
  const native = (text as { isWellFormed?: () => boolean }).isWellFormed;
  if (typeof native === 'function') return native.call(text);
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/**
 * The adjacency payload: every member's degree (n varints), then each member's whole sorted list
 * (dense indices) as gaps, all varints. Both directions are stored so that loading is a sequential
 * decode straight into the final layout (no scatter, no sort); symmetry is verified on load.
 * Connection times go to their own payload, once per connection, in the order of the pairs
 * `v < w` met in this walk.
 */
function encodeAdjacency(
  internals: GraphCore,
  denseIndex: Int32Array,
  members: number,
  connections: number,
): { adjacency: Uint8Array; times: Uint8Array | null } {
  const { store } = internals;
  const bound = store.indexBound;
  const out = new ByteWriter(members * 2 + connections * 6 + 16);
  // Connection times: a count, then zigzag deltas mod 2^32.
  const timeOut = store.hasTimes ? new ByteWriter(connections * 2 + 16) : null;
  timeOut?.varint(connections);
  let previousTime = 0;
  for (let v = 0; v < bound; v++) if (denseIndex[v]! >= 0) out.varint(store.degreeOf(v));
  for (let v = 0; v < bound; v++) {
    if (denseIndex[v]! < 0) continue;
    const d = store.degreeOf(v);
    const slab = store.slabOf(v);
    const start = store.offsetOf(v);
    const end = start + d;
    out.ensure(5 * d);
    const buffer = out.buffer;
    let at = out.length;
    let previous = -1;
    for (let i = start; i < end; i++) {
      const w = denseIndex[slab[i]!]!;
      let gap = w - previous - 1;
      previous = w;
      while (gap > 0x7f) {
        buffer[at++] = (gap & 0x7f) | 0x80;
        gap >>>= 7;
      }
      buffer[at++] = gap;
    }
    out.length = at;
    if (timeOut !== null) {
      const times = store.timesOf(v);
      for (let i = start; i < end; i++) {
        if (slab[i]! < v) continue;
        const t = times[i]!;
        const delta = (t - previousTime) | 0;
        previousTime = t;
        timeOut.varint(((delta << 1) ^ (delta >> 31)) >>> 0);
      }
    }
  }
  return { adjacency: out.finish(), times: timeOut === null ? null : timeOut.finish() };
}

function assemble(sections: { name: string; required: boolean; payload: Uint8Array }[]): Uint8Array {
  let total = HEADER_BYTES;
  for (const s of sections) total += 1 + s.name.length + 1 + 8 + s.payload.length + 4;
  const bytes = new Uint8Array(total);
  bytes.set(SNAPSHOT_MAGIC, 0);
  const put32 = (i: number, value: number): void => {
    bytes[i] = value;
    bytes[i + 1] = value >>> 8;
    bytes[i + 2] = value >>> 16;
    bytes[i + 3] = value >>> 24;
  };
  bytes[8] = SNAPSHOT_MAJOR_VERSION & 0xff;
  bytes[9] = SNAPSHOT_MAJOR_VERSION >>> 8;
  bytes[10] = SNAPSHOT_MINOR_VERSION & 0xff;
  bytes[11] = SNAPSHOT_MINOR_VERSION >>> 8;
  put32(12, sections.length);
  put32(16, crc32(bytes, 0, 16));
  let pos = HEADER_BYTES;
  for (const s of sections) {
    const start = pos;
    bytes[pos++] = s.name.length;
    for (let i = 0; i < s.name.length; i++) bytes[pos++] = s.name.charCodeAt(i);
    bytes[pos++] = s.required ? FLAG_REQUIRED : 0;
    const length = s.payload.length;
    put32(pos, length % 2 ** 32);
    put32(pos + 4, Math.floor(length / 2 ** 32));
    pos += 8;
    bytes.set(s.payload, pos);
    pos += length;
    put32(pos, crc32(bytes, start, pos));
    pos += 4;
  }
  return bytes;
}

// ------------------------------------------------------------------------------------ reading

/**
 * Rebuilds a graph from snapshot bytes: what {@link SocialGraph.fromBytes} does.
 *
 * @remarks
 * O(bytes + n + m). Every checksum is verified before anything is decoded, and everything decoded
 * is validated (ranges, counts, duplicate ids, the degree cap): bytes that are not exactly a
 * snapshot throw `SNAPSHOT_CORRUPT`, a newer major version or an unknown required section
 * `SNAPSHOT_VERSION`. The store is built from the decoded lists directly (no sort, no per-edge
 * insertion).
 * @param bytes - the snapshot.
 * @param create - makes an empty graph with the given cap, and returns it with its core and
 *   its sections (the feature sections and those the application passed).
 * @param maxCap - the largest cap a graph accepts.
 * @param knows - whether the graph being built reads the section of this name (its features' and
 *   the application's); an unknown required section is `SNAPSHOT_VERSION`, an unknown optional one is skipped.
 * @example
 * ```ts
 * const graph = SocialGraph.fromBytes(bytes); // calls readSnapshot(bytes, create, MAX_CONNECTIONS_LIMIT, knows)
 * ```
 * @internal
 */
export function readSnapshot<G>(
  bytes: Uint8Array,
  create: (maxConnectionsPerMember: number) => { graph: G; core: GraphCore; sections: readonly BoundSection[] },
  maxCap: number,
  knows: (name: string) => boolean,
): G {
  const method = 'SocialGraph.fromBytes';
  const container = parseContainer(method, bytes, knows);
  const meta = readMeta(method, bytes, container, maxCap);
  const [, idSection, adjacencySection] = container.sections as [RawSection, RawSection, RawSection];
  const names = decodeIds(method, bytes, idSection, meta.members);
  const timesSection = container.sections[CORE_SECTIONS.length]?.name === TIMES_SECTION ? container.sections[CORE_SECTIONS.length]! : null;
  const pairTimes = timesSection === null ? null : decodeTimes(method, bytes, timesSection, meta.connections);
  const { degrees, flat, times } = decodeAdjacency(method, bytes, adjacencySection, meta, pairTimes);
  const { graph, core, sections } = create(meta.cap);
  const ids = core.ids;
  for (let v = 0; v < names.length; v++) {
    const id = names[v]!;
    if (ids.indexOf(id) >= 0) corrupt(method, `section "ids": id ${JSON.stringify(id.slice(0, 60))} appears twice`);
    ids.set(id, v);
  }
  core.store.loadSortedLists(meta.members, degrees, flat, times);
  const context: SnapshotReadContext = { memberCount: meta.members, minorVersion: container.minor };
  for (let i = CORE_SECTIONS.length; i < container.sections.length; i++) {
    const raw = container.sections[i]!;
    if (raw.name === TIMES_SECTION) continue;
    const section = sections.find((s) => s.name === raw.name);
    if (section === undefined) continue; // unknown and optional: skipped
    const input = new ByteReader(bytes, raw.start, raw.end, `${method}: section "${raw.name}"`);
    try {
      section.read(input, context);
    } catch (error) {
      if (error instanceof SocialGraphError && (error.code === 'SNAPSHOT_CORRUPT' || error.code === 'SNAPSHOT_VERSION' || error.code === 'INVALID_OPTION')) throw error;
      corrupt(method, `section "${raw.name}" is invalid (${error instanceof Error ? error.message : String(error)})`);
    }
    input.expectEnd();
  }
  return graph;
}

function decodeIds(method: string, bytes: Uint8Array, section: RawSection, members: number): string[] {
  const input = new ByteReader(bytes, section.start, section.end, `${method}: section "ids"`);
  const encoding = input.u8();
  const lengths = new Int32Array(members);
  let total = 0;
  for (let v = 0; v < members; v++) {
    const length = input.varint();
    if (length === 0) input.fail(`member ${v} has an empty id`);
    lengths[v] = length;
    total += length;
  }
  const data = input.take(input.remaining);
  let text: string;
  if (encoding === UTF8) {
    try {
      text = utf8.decode(data);
    } catch {
      return input.fail('invalid UTF-8');
    }
  } else if (encoding === UTF16LE) {
    if (data.length % 2 !== 0) input.fail('odd number of UTF-16 bytes');
    const parts: string[] = [];
    const units = new Uint16Array(Math.min(data.length / 2, 8192));
    for (let i = 0; i < data.length; i += units.length * 2) {
      const n = Math.min(units.length, (data.length - i) / 2);
      for (let k = 0; k < n; k++) units[k] = data[i + 2 * k]! | (data[i + 2 * k + 1]! << 8);
      parts.push(String.fromCharCode(...units.subarray(0, n)));
    }
    text = parts.join('');
  } else {
    return input.fail(`unknown id encoding ${encoding}`);
  }
  if (text.length !== total) input.fail(`ids hold ${text.length} characters, lengths say ${total}`);
  const names: string[] = new Array(members);
  let at = 0;
  for (let v = 0; v < members; v++) {
    const next = at + lengths[v]!;
    names[v] = text.slice(at, next);
    at = next;
  }
  return names;
}

/** Position after the varint read by {@link varint31} (module state: no allocation per read). */
let cursor = 0;

/** Reads a canonical varint below 2^31 at `cursor`, or returns -1 (bad or past `end`). */
function varint31(bytes: Uint8Array, end: number): number {
  let pos = cursor;
  if (pos >= end) return -1;
  let b = bytes[pos++]!;
  if (b < 0x80) {
    cursor = pos;
    return b;
  }
  let value = b & 0x7f;
  for (let shift = 7; shift <= 28; shift += 7) {
    if (pos >= end) return -1;
    b = bytes[pos++]!;
    if (b < 0x80) {
      if (b === 0 || (shift === 28 && b > 7)) return -1; // overlong, or above 2^31 - 1
      cursor = pos;
      return value | (b << shift);
    }
    value |= (b & 0x7f) << shift;
  }
  return -1;
}

/** The time of each pair, in the order of the adjacency section's pairs. */
function decodeTimes(method: string, bytes: Uint8Array, section: RawSection, connections: number): Uint32Array {
  const input = new ByteReader(bytes, section.start, section.end, `${method}: section "${TIMES_SECTION}"`);
  const count = input.varint();
  if (count !== connections) input.fail(`${count} times for ${connections} connections`);
  if (count > input.remaining) input.fail(`${count} times cannot fit ${input.remaining} bytes`);
  const times = new Uint32Array(count);
  let previous = 0;
  for (let k = 0; k < count; k++) {
    const z = input.varint();
    previous = (previous + ((z >>> 1) ^ -(z & 1))) >>> 0;
    times[k] = previous;
  }
  input.expectEnd();
  return times;
}

/** Per-process keys of the symmetry check's pair hash (so a crafted file cannot aim at it). */
const KEY1 = (Math.random() * 2 ** 32) | 1;
const KEY2 = (Math.random() * 2 ** 32) | 1;

function decodeAdjacency(
  method: string,
  bytes: Uint8Array,
  section: RawSection,
  meta: Meta,
  pairTimes: Uint32Array | null,
): { degrees: Int32Array; flat: Int32Array; times: Uint32Array | null } {
  const { members: n, connections: m, cap } = meta;
  const where = `${method}: section "adjacency"`;
  const end = section.end;
  const degrees = new Int32Array(n);
  cursor = section.start;
  let total = 0;
  for (let v = 0; v < n; v++) {
    const d = varint31(bytes, end);
    if (d < 0 || d > cap || d > n - 1) corrupt(where, `member ${v} has a bad degree`);
    degrees[v] = d;
    total += d;
  }
  if (total !== 2 * m) corrupt(where, `degrees sum to ${total}, meta says ${m} connections`);
  const flat = new Int32Array(total);
  // Sequential decode. Symmetry (w in v's list iff v in w's) is verified without random access:
  // every entry v → w adds a keyed hash of the unordered pair to the sum of its direction
  // (upward when v < w); the lists are symmetric iff both directions hold the same multiset of
  // pairs, i.e. (with overwhelming probability) the same count and the same two 32-bit sums.
  let up = 0;
  let upSum1 = 0;
  let upSum2 = 0;
  let downSum1 = 0;
  let downSum2 = 0;
  let at = 0;
  let pos = cursor;
  // Stop the inline fast path 5 bytes early so that it needs no bounds check per byte.
  const fastEnd = end - 5;
  for (let v = 0; v < n; v++) {
    const stop = at + degrees[v]!;
    let previous = -1;
    while (at < stop) {
      let gap: number;
      const b0 = pos < fastEnd ? bytes[pos]! : 0x100;
      if (b0 < 0x80) {
        gap = b0;
        pos++;
      } else if (b0 < 0x100 && bytes[pos + 1]! < 0x80 && bytes[pos + 1]! !== 0) {
        gap = (b0 & 0x7f) | (bytes[pos + 1]! << 7);
        pos += 2;
      } else if (b0 < 0x100 && bytes[pos + 1]! >= 0x80 && bytes[pos + 2]! < 0x80 && bytes[pos + 2]! !== 0) {
        gap = (b0 & 0x7f) | ((bytes[pos + 1]! & 0x7f) << 7) | (bytes[pos + 2]! << 14);
        pos += 3;
      } else {
        cursor = pos;
        gap = varint31(bytes, end);
        pos = cursor;
      }
      const w = previous + 1 + gap;
      if (gap < 0 || w >= n || w === v) corrupt(where, `member ${v}: bad neighbour`);
      flat[at++] = w;
      previous = w;
      const lo = v < w ? v : w;
      const hi = v < w ? w : v;
      let h1 = Math.imul(lo ^ KEY1, 0x9e3779b1) ^ Math.imul(hi + KEY2, 0x85ebca77);
      h1 ^= h1 >>> 15;
      h1 = Math.imul(h1, 0x2c1b3c6d);
      h1 ^= h1 >>> 13;
      let h2 = Math.imul(hi ^ KEY2, 0xc2b2ae3d) ^ Math.imul(lo + KEY1, 0x27d4eb2f);
      h2 ^= h2 >>> 16;
      h2 = Math.imul(h2, 0x165667b1);
      h2 ^= h2 >>> 13;
      if (v < w) {
        up++;
        upSum1 = (upSum1 + h1) | 0;
        upSum2 = (upSum2 + h2) | 0;
      } else {
        downSum1 = (downSum1 + h1) | 0;
        downSum2 = (downSum2 + h2) | 0;
      }
    }
  }
  if (pos !== end) corrupt(where, `${end - pos} unexpected bytes at the end`);
  if (up !== m || upSum1 !== downSum1 || upSum2 !== downSum2) corrupt(where, 'neighbour lists are not symmetric');
  let times: Uint32Array | null = null;
  if (pairTimes !== null) {
    // Each pair's time goes to both its entries: v's own (in order) and v's slot in w's list,
    // the next free one among w's neighbours below w (they come in increasing order).
    times = new Uint32Array(total);
    const fill = new Int32Array(n);
    let offset = 0;
    for (let v = 0; v < n; v++) {
      fill[v] = offset;
      offset += degrees[v]!;
    }
    let pair = 0;
    at = 0;
    for (let v = 0; v < n; v++) {
      const stop = at + degrees[v]!;
      for (; at < stop; at++) {
        const w = flat[at]!;
        if (w < v) continue;
        const t = pairTimes[pair++]!;
        times[at] = t;
        times[fill[w]!++] = t;
      }
    }
  }
  return { degrees, flat, times };
}

/**
 * Reads a snapshot's header, sections and `meta` without building the graph (checksums are
 * verified).
 *
 * @remarks O(bytes) for the checksums; nothing is decoded beyond `meta`.
 * @param bytes - the snapshot.
 * @throws {@link SocialGraphError} `SNAPSHOT_CORRUPT` / `SNAPSHOT_VERSION`, as {@link SocialGraph.fromBytes}.
 * @example
 * ```ts
 * const info = inspectSnapshot(bytes);
 * console.log(info.memberCount, info.connectionCount, info.sections.map((s) => `${s.name} ${s.bytes}`));
 * ```
 * @public
 */
export function inspectSnapshot(bytes: Uint8Array): SnapshotInfo {
  const method = 'inspectSnapshot';
  const container = parseContainer(method, bytes, () => true);
  const meta = readMeta(method, bytes, container, 2 ** 31);
  return {
    majorVersion: container.major,
    minorVersion: container.minor,
    bytes: bytes.length,
    memberCount: meta.members,
    connectionCount: meta.connections,
    maxConnectionsPerMember: meta.cap,
    sections: container.sections.map((s) => ({
      name: s.name,
      required: s.required,
      offset: s.start,
      bytes: s.end - s.start,
      known: CORE_SECTIONS.includes(s.name) || s.name === TIMES_SECTION || FEATURE_SECTIONS.includes(s.name),
    })),
  };
}
