/**
 * Where a {@link RedisSocialGraph} keeps its data in Redis Cluster, and how its values are encoded.
 *
 * ```
 * {prefix}:{<n>}          member n (dense integer): header (u16 LE byte length of the member's id,
 *                          the id in UTF-8, zero padding to a multiple of 4) then its neighbours as
 *                          sorted little-endian int32. The key exists exactly while n is a member;
 *                          everything else about member n goes under the same hash tag `{<n>}`.
 * {prefix}:{<n>}:b        the members n blocked: packed int32, in the order blocked.
 * {prefix}:dict:{<b>}     hash, bucket b of the dictionary: member id → n (buckets are small
 *                          listpacks: about 12 bytes a member).
 * {prefix}:meta           hash: next (integer allocator), members, connections, buckets.
 * ```
 *
 * @packageDocumentation
 */

/** Bytes before the neighbour list of a member value whose id takes `idBytes` UTF-8 bytes. @internal */
export function headerBytes(idBytes: number): number {
  return (2 + idBytes + 3) & ~3;
}

const encoder = new TextEncoder();
// ignoreBOM: an id that starts with U+FEFF keeps it (the default would strip it as a byte order mark).
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Key names and value codecs of one graph (one prefix) in Redis Cluster.
 *
 * @remarks Every method is O(1) except the codecs, O(length).
 * @example
 * ```ts
 * const layout = new KeyLayout('sg', 1024);
 * layout.memberKey(42); // 'sg:{42}'
 * layout.dictKey('ada'); // 'sg:dict:{443}'
 * ```
 * @public
 */
export class KeyLayout {
  /** Key prefix (no braces or spaces). */
  readonly prefix: string;
  /** Number of dictionary buckets (fixed when the graph is created). */
  readonly buckets: number;
  /** The meta hash. */
  readonly metaKey: string;

  constructor(prefix: string, buckets: number) {
    this.prefix = prefix;
    this.buckets = buckets;
    this.metaKey = `${prefix}:meta`;
  }

  /** Key of member `n`. */
  memberKey(n: number): string {
    return `${this.prefix}:{${n}}`;
  }

  /** Key of the members that member `n` blocked (packed int32, in the order blocked). */
  blocksKey(n: number): string {
    return `${this.prefix}:{${n}}:b`;
  }

  /** Parses a member key back to its integer, or -1 when `key` is not one. */
  memberOfKey(key: string): number {
    const p = this.prefix.length;
    if (!key.startsWith(this.prefix) || key.charCodeAt(p) !== 58 || key.charCodeAt(p + 1) !== 123 || !key.endsWith('}')) return -1;
    const digits = key.slice(p + 2, -1);
    return /^(0|[1-9][0-9]{0,9})$/.test(digits) ? Number(digits) : -1;
  }

  /** Dictionary bucket of a member id (FNV-1a over UTF-16 code units). */
  bucketOf(id: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < id.length; i++) {
      h ^= id.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    return (h >>> 0) % this.buckets;
  }

  /** Key of the dictionary bucket holding `id`. */
  dictKey(id: string): string {
    return this.dictBucketKey(this.bucketOf(id));
  }

  /** Key of dictionary bucket `b`. */
  dictBucketKey(b: number): string {
    return `${this.prefix}:dict:{${b}}`;
  }
}

/**
 * Encodes a member value: the header with `id`, then `neighbors[start..end)` (sorted) as int32 LE.
 * @internal
 */
export function encodeMember(id: string, neighbors: Int32Array, start: number, end: number): Uint8Array {
  const name = encoder.encode(id);
  const h = headerBytes(name.length);
  const out = new Uint8Array(h + (end - start) * 4);
  out[0] = name.length & 0xff;
  out[1] = name.length >>> 8;
  out.set(name, 2);
  const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
  for (let i = start, at = h; i < end; i++, at += 4) dv.setInt32(at, neighbors[i]!, true);
  return out;
}

/** Byte length of a UTF-8 encoded id. @internal */
export function idByteLength(id: string): number {
  return encoder.encode(id).length;
}

/**
 * A decoded member value: its id and its sorted neighbour list.
 * @internal
 */
export interface MemberValue {
  id: string;
  neighbors: Int32Array;
}

/** Decodes a member value: its id and its list (see {@link decodeNeighbors}). @internal */
export function decodeMember(bytes: Uint8Array): MemberValue {
  const length = bytes[0]! | (bytes[1]! << 8);
  return { id: decoder.decode(bytes.subarray(2, 2 + length)), neighbors: decodeNeighbors(bytes) };
}

/** Decodes only the neighbour list of a member value (copies it unless 4-byte aligned). @internal */
export function decodeNeighbors(bytes: Uint8Array): Int32Array {
  const length = bytes[0]! | (bytes[1]! << 8);
  const h = headerBytes(length);
  const count = (bytes.length - h) >>> 2;
  const at = bytes.byteOffset + h;
  let neighbors: Int32Array;
  if ((at & 3) === 0 && littleEndian) neighbors = new Int32Array(bytes.buffer, at, count);
  else if (littleEndian) {
    // Unaligned (a slice of a socket buffer): one memcpy into a fresh, aligned buffer.
    const copy = new Uint8Array(count * 4);
    copy.set(bytes.subarray(h, h + count * 4));
    neighbors = new Int32Array(copy.buffer);
  } else {
    neighbors = new Int32Array(count);
    const dv = new DataView(bytes.buffer, at, count * 4);
    for (let i = 0; i < count; i++) neighbors[i] = dv.getInt32(i * 4, true);
  }
  return neighbors;
}

/** Decodes only the id of a member value (or a prefix of it holding the header). @internal */
export function decodeMemberId(bytes: Uint8Array): string | null {
  if (bytes.length < 2) return null;
  const length = bytes[0]! | (bytes[1]! << 8);
  if (bytes.length < 2 + length) return null;
  return decoder.decode(bytes.subarray(2, 2 + length));
}

const littleEndian = new Uint8Array(Int32Array.of(1).buffer)[0] === 1;

/**
 * Redis Cluster hash slot of a key (CRC16/XMODEM of the hash tag, mod 16384).
 *
 * @remarks O(key length).
 * @example
 * ```ts
 * slotOf('sg:{42}') === slotOf('{42}'); // true
 * ```
 * @public
 */
export function slotOf(key: string): number {
  let s = 0;
  let e = key.length;
  const open = key.indexOf('{');
  if (open >= 0) {
    const close = key.indexOf('}', open + 1);
    if (close > open + 1) {
      s = open + 1;
      e = close;
    }
  }
  let crc = 0;
  let ascii = true;
  for (let i = s; i < e; i++) {
    const c = key.charCodeAt(i);
    if (c > 127) {
      ascii = false;
      break;
    }
    crc = ((crc << 8) & 0xffff) ^ CRC16_TABLE[((crc >>> 8) ^ c) & 0xff]!;
  }
  if (!ascii) {
    const bytes = encoder.encode(key.slice(s, e));
    crc = 0;
    for (let i = 0; i < bytes.length; i++) crc = ((crc << 8) & 0xffff) ^ CRC16_TABLE[((crc >>> 8) ^ bytes[i]!) & 0xff]!;
  }
  return crc & 16383;
}

/** CRC16/XMODEM (polynomial 0x1021), a byte at a time. */
const CRC16_TABLE = (() => {
  const table = new Uint16Array(256);
  for (let b = 0; b < 256; b++) {
    let crc = b << 8;
    for (let k = 0; k < 8; k++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    table[b] = crc;
  }
  return table;
})();

/**
 * Lua scripts, each writing the keys of one slot only (one member key, or one dictionary bucket).
 * Replies: ADJ_ADD 1 added, 0 already there, -1 no such member key, -2 list full;
 * ADJ_DEL 1 removed, 0 absent, -1 no such member key.
 * @internal
 */
export const LUA = {
  adjAdd: `
local s = redis.call('GET', KEYS[1])
if not s then return -1 end
local L = struct.unpack('<I2', s)
local h = bit.band(L + 5, -4)
local n = (#s - h) / 4
local x = tonumber(ARGV[1])
local lo, hi = 0, n - 1
while lo <= hi do
  local mid = math.floor((lo + hi) / 2)
  local v = struct.unpack('<i4', s, h + mid * 4 + 1)
  if v < x then lo = mid + 1 elseif v > x then hi = mid - 1 else return 0 end
end
if n >= tonumber(ARGV[2]) then return -2 end
local p = h + lo * 4
redis.call('SET', KEYS[1], string.sub(s, 1, p) .. struct.pack('<i4', x) .. string.sub(s, p + 1))
return 1`,
  adjDel: `
local s = redis.call('GET', KEYS[1])
if not s then return -1 end
local L = struct.unpack('<I2', s)
local h = bit.band(L + 5, -4)
local n = (#s - h) / 4
local x = tonumber(ARGV[1])
local lo, hi = 0, n - 1
while lo <= hi do
  local mid = math.floor((lo + hi) / 2)
  local v = struct.unpack('<i4', s, h + mid * 4 + 1)
  if v < x then lo = mid + 1 elseif v > x then hi = mid - 1 else
    local p = h + mid * 4
    redis.call('SET', KEYS[1], string.sub(s, 1, p) .. string.sub(s, p + 5))
    return 1
  end
end
return 0`,
  /** Appends ARGV[1] to a packed int32 list unless present: 1 added, 0 present. */
  blockAdd: `
local s = redis.call('GET', KEYS[1]) or ''
local x = tonumber(ARGV[1])
for i = 1, #s, 4 do
  if struct.unpack('<i4', s, i) == x then return 0 end
end
redis.call('SET', KEYS[1], s .. struct.pack('<i4', x))
return 1`,
  /** Removes ARGV[1] from a packed int32 list: 1 removed, 0 absent. */
  blockDel: `
local s = redis.call('GET', KEYS[1])
if not s then return 0 end
local x = tonumber(ARGV[1])
for i = 1, #s, 4 do
  if struct.unpack('<i4', s, i) == x then
    local rest = string.sub(s, 1, i - 1) .. string.sub(s, i + 4)
    if #rest == 0 then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], rest) end
    return 1
  end
end
return 0`,
  /**
   * Reads many member keys served by one node in one command: KEYS[1] and every ARGV (the one
   * exception to "one slot per script": it only reads, and only keys of the node it runs on,
   * since Redis refuses a script access to a key of another node; KEYS[1] routes it to its
   * master). A missing key reads as nil: the caller reads those again with plain GETs, which
   * follow a slot being migrated.
   */
  getMany: `#!lua flags=no-writes,allow-cross-slot-keys
local out = {redis.call('GET', KEYS[1]) or false}
for i = 1, #ARGV do out[i + 1] = redis.call('GET', ARGV[i]) or false end
return out`,
  /** Deletes dictionary field ARGV[1] only if it still maps to ARGV[2]. */
  dictCompareDelete: `
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('HDEL', KEYS[1], ARGV[1]) end
return 0`,
} as const;
