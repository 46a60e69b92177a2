/**
 * internPairs: turns a list of string id pairs into dense index pairs for a bulk load, fast.
 *
 * Looking ids up one by one in a table of a million ids costs a chain of cache misses per id
 * (string, then table slot, then the id stored there): about 400 ns on this class of machine. This
 * does the same work in passes that each touch memory in order or in a cache-sized region:
 *
 * 1. read a chunk of pairs in order, validate them and hash every id (one pass over the input);
 * 2. scatter the chunk's ids into 512 partitions by the top bits of their hash (a radix pass);
 * 3. look each partition up in a table addressed by the same top bits, so a partition only ever
 *    touches its own slice of the table (about 64 KiB at a million ids, which stays in cache);
 *    ids never seen before get a provisional number;
 * 4. renumber the new ids in order of first appearance (deterministic, whatever the hash seed);
 * 5. write the index pairs in input order.
 *
 * Answers are exactly those of interning the ids one at a time in input order: identity is decided
 * by string equality, the hash only chooses where to look.
 *
 * @internal
 * @packageDocumentation
 */
import { grown } from './grown.js';
import type { IdInterner } from './id-interner.js';

/** Dense index pairs of a bulk load, in input order, self-pairs dropped. @internal */
export interface InternedPairs {
  src: Int32Array;
  dst: Int32Array;
  /**
   * Room for 2 × edges int32 allocated with the pairs (null when the input's length was not
   * known): the store's bulk load can lay both directions out there instead of allocating.
   */
  spare: Int32Array | null;
  /** Index pairs written (pairs read minus self-pairs). */
  edges: number;
  /** Pairs read. */
  pairs: number;
  selfPairs: number;
  /** Distinct ids, numbered 0.. in order of first appearance and bound in the interner. */
  members: number;
}

/** What was wrong with the input, for the caller's typed error. @internal */
export type InternProblem = { kind: 'pair' | 'id'; at: number; value: unknown };

const PARTITION_BITS = 9;
const PARTITIONS = 1 << PARTITION_BITS;
const PARTITION_SHIFT = 32 - PARTITION_BITS;
const CHUNK_PAIRS = 1 << 20;
const EMPTY = -1;
/** Pairs (or endpoints) whose strings are touched ahead of the loop that needs them. */
const BLOCK = 256;

/**
 * Interns every id of `pairs` into `ids` (which must be empty) and returns the index pairs.
 * Calls `reject` (which must throw) on the first pair that is not a `[string, string]` of
 * non-empty ids, before anything is bound. `chunkPairs` (pairs per pass) exists for tests.
 *
 * @remarks O(total id length + pairs) time; temporary memory about 60 bytes per pair of a chunk
 * (at most 2^20 pairs) plus 16 bytes per table slot.
 * @internal
 */
export function internPairs(
  pairs: Iterable<readonly [string, string]>,
  ids: IdInterner,
  reject: (problem: InternProblem) => never,
  chunkPairs: number = CHUNK_PAIRS,
): InternedPairs {
  const array = Array.isArray(pairs) ? (pairs as readonly unknown[]) : null;
  const total = array !== null ? array.length : -1;
  const run = new PairInterning(ids, reject, total, chunkPairs);
  if (array !== null) {
    for (let read = 0; read < total; ) {
      const count = run.readArray(array, read);
      run.chunk(count);
      read += count;
    }
  } else {
    const iterator = pairs[Symbol.iterator]();
    while (true) {
      const count = run.readIterator(iterator);
      if (count === 0) break;
      run.chunk(count);
      if (count < run.chunkPairs) break;
    }
  }
  return run.finish();
}

/** One bulk interning: the chunk buffers, the partitioned table and the output. */
class PairInterning {
  readonly chunkPairs: number;
  readonly #ids: IdInterner;
  readonly #reject: (problem: InternProblem) => never;
  // Chunk buffers: endpoint e of the chunk is side e & 1 of its pair e >> 1.
  readonly #hashes: Int32Array;
  readonly #strings: string[];
  readonly #partHash: Int32Array;
  readonly #partEnd: Int32Array;
  readonly #partString: string[];
  readonly #provisional: Int32Array;
  readonly #firstSeen: Int32Array;
  readonly #histogram = new Int32Array(PARTITIONS);
  // The table over the whole load: (hash, provisional number) per slot and the id beside it; the
  // slot is the top `#bits` bits of the hash, so partition p owns a contiguous slice.
  #bits = PARTITION_BITS + 2;
  #table = new Int32Array(2 << (PARTITION_BITS + 2)).fill(EMPTY);
  #tableIds: (string | undefined)[] = new Array<string | undefined>(1 << (PARTITION_BITS + 2)).fill(undefined);
  // Per provisional number: the id, its hash and its final number (order of first appearance).
  #names: string[] = [];
  #nameHashes = new Int32Array(1024);
  #finalOf = new Int32Array(1024);
  #distinct = 0;
  #numbered = 0;
  /**
   * Ids per partition. A chunk fills the table partition after partition, so the table must grow
   * when any one slice gets full, not only when the whole table is half full: keys inserted into a
   * crowded slice spill into the next ones and every later probe walks the whole run.
   */
  readonly #perPartition = new Int32Array(PARTITIONS);
  // Output.
  #src: Int32Array<ArrayBuffer>;
  #dst: Int32Array<ArrayBuffer>;
  #spare: Int32Array<ArrayBuffer> | null;
  #edges = 0;
  #selfPairs = 0;
  #read = 0;
  /** Keeps the prefetching reads observable (their sum is otherwise unused). */
  #touched = 0;

  constructor(ids: IdInterner, reject: (problem: InternProblem) => never, total: number, chunkPairs: number) {
    this.#ids = ids;
    this.#reject = reject;
    // Sized once when the input knows its length: growing big typed arrays makes V8 collect
    // garbage, which rescans the caller's whole pair list each time.
    // With a known length, one buffer holds the pairs and, after them, room for the store's bulk
    // load to lay both directions out (see `spare`): one big allocation, so one collection.
    const size = Math.max(16, total >= 0 ? total : 1024);
    const buffer = new ArrayBuffer((total >= 0 ? 4 : 2) * size * 4);
    this.#src = new Int32Array(buffer, 0, size);
    this.#dst = new Int32Array(buffer, size * 4, size);
    this.#spare = total >= 0 ? new Int32Array(buffer, 2 * size * 4, 2 * size) : null;
    this.chunkPairs = Math.max(1, Math.min(chunkPairs, total >= 0 ? Math.max(16, total) : chunkPairs));
    const ends = 2 * this.chunkPairs;
    this.#hashes = new Int32Array(ends);
    this.#strings = new Array<string>(ends).fill('');
    this.#partHash = new Int32Array(ends);
    this.#partEnd = new Int32Array(ends);
    this.#partString = new Array<string>(ends).fill('');
    this.#provisional = new Int32Array(ends);
    this.#firstSeen = new Int32Array(ends).fill(EMPTY);
  }

  /** 1. Reads, validates and hashes up to a chunk of pairs from `array` at `from`. */
  readArray(array: readonly unknown[], from: number): number {
    const count = Math.min(this.chunkPairs, array.length - from);
    this.#histogram.fill(0);
    let touched = 0;
    for (let i = 0; i < count; i++) {
      if ((i & (BLOCK - 1)) === 0) touched += touch(array, from + i, Math.min(count, i + BLOCK) - i);
      this.#take(array[from + i], from + i, i);
    }
    this.#touched = touched;
    return count;
  }

  /** 1. The same as {@link PairInterning.readArray} for any iterable. */
  readIterator(iterator: Iterator<unknown>): number {
    this.#histogram.fill(0);
    let count = 0;
    while (count < this.chunkPairs) {
      const step = iterator.next();
      if (step.done === true) break;
      this.#take(step.value, this.#read + count, count);
      count++;
    }
    return count;
  }

  /** Validates pair number `at` of the input and records it as pair `i` of the chunk. */
  #take(pair: unknown, at: number, i: number): void {
    if (!Array.isArray(pair) || pair.length < 2) this.#reject({ kind: 'pair', at, value: pair });
    const first: unknown = (pair as unknown[])[0];
    const second: unknown = (pair as unknown[])[1];
    if (typeof first !== 'string' || first.length === 0) this.#reject({ kind: 'id', at, value: first });
    if (typeof second !== 'string' || second.length === 0) this.#reject({ kind: 'id', at, value: second });
    const h1 = this.#ids.hashOf(first);
    const h2 = this.#ids.hashOf(second);
    this.#hashes[2 * i] = h1;
    this.#hashes[2 * i + 1] = h2;
    this.#strings[2 * i] = first;
    this.#strings[2 * i + 1] = second;
    this.#histogram[h1 >>> PARTITION_SHIFT]!++;
    this.#histogram[h2 >>> PARTITION_SHIFT]!++;
  }

  /** 2 to 5 for the chunk just read. */
  chunk(count: number): void {
    const ends = 2 * count;
    this.#scatter(ends);
    this.#lookUp(ends);
    this.#numberNew(ends);
    this.#writePairs(count);
    this.#read += count;
    this.#strings.fill('', 0, ends);
    this.#partString.fill('', 0, ends);
  }

  /** 2. Endpoints into partitions by the top bits of their hash (stable: input order within). */
  #scatter(ends: number): void {
    const cursor = this.#histogram; // turned into write positions
    let sum = 0;
    for (let p = 0; p < PARTITIONS; p++) {
      const size = cursor[p]!;
      cursor[p] = sum;
      sum += size;
    }
    const hashes = this.#hashes;
    const strings = this.#strings;
    const partHash = this.#partHash;
    const partEnd = this.#partEnd;
    const partString = this.#partString;
    for (let e = 0; e < ends; e++) {
      const h = hashes[e]!;
      const pos = cursor[h >>> PARTITION_SHIFT]!++;
      partHash[pos] = h;
      partEnd[pos] = e;
      partString[pos] = strings[e]!;
    }
  }

  /** 3. Looks every endpoint up, partition after partition; numbers unseen ids provisionally. */
  #lookUp(ends: number): void {
    const partHash = this.#partHash;
    const partEnd = this.#partEnd;
    const partString = this.#partString;
    const provisional = this.#provisional;
    let table = this.#table;
    let tableIds = this.#tableIds;
    let shift = 32 - this.#bits;
    let mask = (1 << this.#bits) - 1;
    let touched = 0;
    for (let pos = 0; pos < ends; pos++) {
      if ((pos & (BLOCK - 1)) === 0) {
        const end = Math.min(ends, pos + BLOCK);
        for (let q = pos; q < end; q++) touched += partString[q]!.length;
      }
      const h = partHash[pos]!;
      const id = partString[pos]!;
      let slot = h >>> shift;
      let n = table[2 * slot + 1]!;
      while (n !== EMPTY && (table[2 * slot] !== h || tableIds[slot] !== id)) {
        slot = (slot + 1) & mask;
        n = table[2 * slot + 1]!;
      }
      if (n === EMPTY) {
        const partition = h >>> PARTITION_SHIFT;
        if ((this.#distinct + 1) * 2 > mask + 1 || (this.#perPartition[partition]! + 1) * 5 > ((mask + 1) >> PARTITION_BITS) * 4) {
          this.#grow();
          table = this.#table;
          tableIds = this.#tableIds;
          shift = 32 - this.#bits;
          mask = (1 << this.#bits) - 1;
          slot = h >>> shift;
          while (table[2 * slot + 1] !== EMPTY) slot = (slot + 1) & mask;
        }
        this.#perPartition[partition]!++;
        n = this.#newName(id, h, partEnd[pos]!);
        table[2 * slot] = h;
        table[2 * slot + 1] = n;
        tableIds[slot] = id;
      }
      provisional[partEnd[pos]!] = n;
    }
    this.#touched += touched;
  }

  #newName(id: string, h: number, end: number): number {
    const n = this.#distinct++;
    if (n === this.#nameHashes.length) {
      this.#nameHashes = grown(this.#nameHashes);
      this.#finalOf = grown(this.#finalOf);
    }
    this.#names.push(id);
    this.#nameHashes[n] = h;
    this.#firstSeen[end] = n;
    return n;
  }

  #grow(): void {
    const table = this.#table;
    const tableIds = this.#tableIds;
    const bits = ++this.#bits;
    const next = new Int32Array(2 << bits).fill(EMPTY);
    const nextIds = new Array<string | undefined>(1 << bits).fill(undefined);
    const shift = 32 - bits;
    const mask = (1 << bits) - 1;
    for (let s = 0; s < table.length >> 1; s++) {
      const n = table[2 * s + 1]!;
      if (n === EMPTY) continue;
      const h = table[2 * s]!;
      let slot = h >>> shift;
      while (next[2 * slot + 1] !== EMPTY) slot = (slot + 1) & mask;
      next[2 * slot] = h;
      next[2 * slot + 1] = n;
      nextIds[slot] = tableIds[s];
    }
    this.#table = next;
    this.#tableIds = nextIds;
  }

  /** 4. Final numbers for the chunk's new ids, in order of first appearance. */
  #numberNew(ends: number): void {
    const firstSeen = this.#firstSeen;
    const finalOf = this.#finalOf;
    let numbered = this.#numbered;
    for (let e = 0; e < ends; e++) {
      const n = firstSeen[e]!;
      if (n !== EMPTY) {
        finalOf[n] = numbered++;
        firstSeen[e] = EMPTY;
      }
    }
    this.#numbered = numbered;
  }

  /** 5. Index pairs in input order, self-pairs dropped. */
  #writePairs(count: number): void {
    if (this.#edges + count > this.#src.length) {
      this.#src = grown(this.#src, this.#edges + count);
      this.#dst = grown(this.#dst, this.#edges + count);
    }
    const src = this.#src;
    const dst = this.#dst;
    const provisional = this.#provisional;
    const finalOf = this.#finalOf;
    let edges = this.#edges;
    let selfPairs = 0;
    for (let i = 0; i < count; i++) {
      const a = finalOf[provisional[2 * i]!]!;
      const b = finalOf[provisional[2 * i + 1]!]!;
      if (a === b) {
        selfPairs++;
        continue;
      }
      src[edges] = a;
      dst[edges++] = b;
    }
    this.#edges = edges;
    this.#selfPairs += selfPairs;
  }

  /** Binds the ids in the interner in final order (their hashes are known) and hands out the pairs. */
  finish(): InternedPairs {
    const distinct = this.#distinct;
    const order = new Int32Array(distinct);
    for (let n = 0; n < distinct; n++) order[this.#finalOf[n]!] = n;
    this.#tableIds = [];
    this.#table = new Int32Array(0);
    const ids = this.#ids;
    const names = this.#names;
    const nameHashes = this.#nameHashes;
    ids.reserve(distinct);
    for (let f = 0; f < distinct; f++) {
      const n = order[f]!;
      ids.setHashed(names[n]!, f, nameHashes[n]!);
    }
    this.#names = [];
    return { src: this.#src, dst: this.#dst, spare: this.#spare, edges: this.#edges, pairs: this.#read, selfPairs: this.#selfPairs, members: distinct };
  }
}

/**
 * Reads the lengths of the ids of `count` pairs from `from`: the loads are independent, so the
 * processor overlaps their cache misses, and the hashing loop that follows (whose branches would
 * stop it from running ahead) finds the strings in cache.
 */
function touch(array: readonly unknown[], from: number, count: number): number {
  let sum = 0;
  for (let i = from; i < from + count; i++) {
    const pair = array[i];
    if (Array.isArray(pair) && pair.length >= 2) {
      const a: unknown = pair[0];
      const b: unknown = pair[1];
      if (typeof a === 'string') sum += a.length;
      if (typeof b === 'string') sum += b.length;
    }
  }
  return sum;
}
