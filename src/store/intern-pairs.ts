/**
 * internPairs: turns a list of string id pairs into dense index pairs for a bulk load, fast.
 *
 * Looking ids up one by one in a table of a million ids costs a chain of cache misses per id
 * (string, then table slot, then the id stored there): about 400 ns on this class of machine. This
 * does the same work in passes that each touch memory in order or in a cache-sized region:
 *
 * 1. read a chunk of pairs in order (reading each block of pairs one block ahead, so that their
 *    cache misses overlap), validate them and hash every id, packing a short id (at most 8
 *    characters in U+0001–U+00FF) into two words that identify it exactly; a pair whose first id
 *    is its predecessor's (edge lists come grouped by source) is not looked up again;
 * 2. scatter the chunk's ids into 512 partitions by the top bits of their hash (a radix pass);
 * 3. look each partition up in a table addressed by the same top bits, so a partition only ever
 *    touches its own slice of the table (64 KiB at a million ids, streamed in before its
 *    lookups); a short id is matched by its packed words and reads no string, any other id is
 *    compared as a string; ids never seen before get a provisional number;
 * 4. renumber the new ids in order of first appearance (deterministic, whatever the hash seed);
 * 5. write the index pairs in input order.
 *
 * At the end the ids are bound in the interner in that order; a short id read from an array is
 * fetched from the input then (in input order), not when first seen.
 *
 * Answers are exactly those of interning the ids one at a time in input order: identity is decided
 * by string equality (of the packed words, for short ids), the hash only chooses where to look.
 * All memory comes from {@link bulkBuffer}, so the load does not make V8 rescan the caller's heap.
 *
 * @internal
 * @packageDocumentation
 */
import { bulkBuffer, bulkInt32 } from './bulk-buffer.js';
import { grown } from './grown.js';
import type { IdInterner } from './id-interner.js';

/** Dense index pairs of a bulk load, in input order, self-pairs dropped. @internal */
export interface InternedPairs {
  src: Int32Array;
  dst: Int32Array;
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
/** Int32 words per table slot: hash, provisional number, packed words. */
const SLOT = 4;
/** Pairs (or endpoints) whose strings are touched ahead of the loop that needs them. */
const BLOCK = 256;

/**
 * Interns every id of `pairs` into `ids` (which must be empty) and returns the index pairs.
 * Calls `reject` (which must throw) on the first pair that is not a `[string, string]` of
 * non-empty ids, before anything is bound. `chunkPairs` (pairs per pass) exists for tests.
 *
 * @remarks O(total id length + pairs) time; temporary memory 8 bytes per pair of the input (the
 * output), about 70 bytes per pair of a chunk (at most 2^20 pairs), 16 bytes per table slot
 * (2 to 4 per distinct id) and 24 bytes per distinct id.
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
  // Chunk buffers: endpoint e of the chunk is side e & 1 of its pair e >> 1. An id is known by
  // its hash and, when short, by its two packed words (IdInterner.hashPacked); comparing those
  // needs no string, so only ids that are not short are compared as strings.
  readonly #hashes: Int32Array;
  readonly #low: Int32Array;
  readonly #high: Int32Array;
  /**
   * The ids of the chunk's looked-up endpoints that may be needed as strings: all of them when the
   * input is not an array, only those that are not short otherwise (a short id is read again from
   * the array at the end). Entries not written in this chunk are stale and never read.
   */
  readonly #strings: string[];
  /** The input when it is an array, and where the current chunk starts in it. */
  #array: readonly unknown[] | null = null;
  #from = 0;
  /** The first id of the chunk's previous pair ('' at a chunk's start: no id is empty). */
  #previous = '';
  /** 1 where a pair's first id is its predecessor's (`===`): the endpoint is not looked up. */
  readonly #repeat: Uint8Array;
  // The chunk's endpoints in partition order (scattered), and the number each one looked up to.
  readonly #partHash: Int32Array;
  readonly #partLow: Int32Array;
  readonly #partHigh: Int32Array;
  readonly #partEnd: Int32Array;
  /** The number each scattered endpoint looked up to, in partition order. */
  readonly #provisional: Int32Array;
  /** Where each endpoint of the chunk went in partition order. */
  readonly #posOf: Int32Array;
  readonly #firstSeen: Int32Array;
  readonly #histogram = new Int32Array(PARTITIONS);
  // The table over the whole load, SLOT words per slot: hash, provisional number, packed words.
  // The slot is the top `#bits` bits of the hash, so partition p owns a contiguous slice.
  #bits = PARTITION_BITS + 2;
  #table: Int32Array = bulkInt32(SLOT << (PARTITION_BITS + 2)).fill(EMPTY);
  // Per provisional number: the id, its hash and packed words, its final number (order of first
  // appearance) and where the input first holds it (pair × 2 + side). A short id read from an
  // array is fetched from there at the end, in input order, rather than when first seen (a cache
  // miss in the middle of the lookups); its name stays undefined until then.
  #names: (string | undefined)[] = [];
  #namePosition = new Float64Array(bulkBuffer(8 * 1024));
  #nameWords = bulkInt32(3 * 1024);
  #finalOf = bulkInt32(1024);
  #distinct = 0;
  #numbered = 0;
  /**
   * Ids per partition. A chunk fills the table partition after partition, so the table must grow
   * when any one slice gets full, not only when the whole table is half full: keys inserted into a
   * crowded slice spill into the next ones and every later probe walks the whole run.
   */
  readonly #perPartition = new Int32Array(PARTITIONS);
  // Output.
  #src: Int32Array;
  #dst: Int32Array;
  #edges = 0;
  #selfPairs = 0;
  #read = 0;
  /** Keeps the prefetching reads observable (their sum is otherwise unused). */
  #touched = 0;

  constructor(ids: IdInterner, reject: (problem: InternProblem) => never, total: number, chunkPairs: number) {
    this.#ids = ids;
    this.#reject = reject;
    // Sized once when the input knows its length; everything from bulkBuffer, so that the load
    // makes V8 rescan nothing.
    const size = Math.max(16, total >= 0 ? total : 1024);
    this.#src = bulkInt32(size);
    this.#dst = bulkInt32(size);
    this.chunkPairs = Math.max(1, Math.min(chunkPairs, total >= 0 ? Math.max(16, total) : chunkPairs));
    const ends = 2 * this.chunkPairs;
    this.#hashes = bulkInt32(ends);
    this.#low = bulkInt32(ends);
    this.#high = bulkInt32(ends);
    this.#strings = new Array<string>(ends).fill('');
    this.#repeat = new Uint8Array(bulkBuffer(this.chunkPairs));
    this.#partHash = bulkInt32(ends);
    this.#partLow = bulkInt32(ends);
    this.#partHigh = bulkInt32(ends);
    this.#partEnd = bulkInt32(ends);
    this.#provisional = bulkInt32(ends);
    this.#posOf = bulkInt32(ends);
    this.#firstSeen = bulkInt32(ends).fill(EMPTY);
  }

  /** 1. Reads, validates and hashes up to a chunk of pairs from `array` at `from`. */
  readArray(array: readonly unknown[], from: number): number {
    const count = Math.min(this.chunkPairs, array.length - from);
    this.#histogram.fill(0);
    this.#array = array;
    this.#from = from;
    this.#previous = '';
    let touched = 0;
    // The pairs and ids of each block are read one block ahead of the block being hashed, so
    // that their cache misses are over by the time the hashing gets there.
    touched += touch(array, from, Math.min(count, BLOCK));
    for (let i = 0; i < count; i++) {
      if ((i & (BLOCK - 1)) === 0 && i + BLOCK < count) touched += touch(array, from + i + BLOCK, Math.min(count, i + 2 * BLOCK) - i - BLOCK);
      const pair: unknown = array[from + i];
      this.#take(pair, from + i, i);
    }
    this.#touched = (this.#touched + touched) | 0;
    return count;
  }

  /** 1. The same as {@link PairInterning.readArray} for any iterable. */
  readIterator(iterator: Iterator<unknown>): number {
    this.#histogram.fill(0);
    this.#previous = '';
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
    // Edge lists usually come grouped by their first id: a run of pairs from one member is
    // looked up once (`===` of the same string object compares no characters).
    if (first === this.#previous) {
      this.#repeat[i] = 1;
    } else {
      this.#previous = first;
      this.#repeat[i] = 0;
      this.#record(2 * i, first);
    }
    this.#record(2 * i + 1, second);
  }

  /**
   * Hashes endpoint `e`'s id, counts it in its partition, and keeps it as a string where a
   * lookup or the binding will need it (see `#strings`).
   */
  #record(e: number, id: string): void {
    const ids = this.#ids;
    const h = ids.hashPacked(id);
    const low = ids.packedLow;
    this.#hashes[e] = h;
    this.#low[e] = low;
    this.#high[e] = ids.packedHigh;
    this.#histogram[h >>> PARTITION_SHIFT]!++;
    if (low === 0 || this.#array === null) this.#strings[e] = id;
  }

  /** 2 to 5 for the chunk just read. */
  chunk(count: number): void {
    this.#lookUp(this.#scatter(count));
    this.#numberNew(2 * count);
    this.#writePairs(count);
    this.#read += count;
    if (this.#array === null) this.#strings.fill('', 0, 2 * count);
  }

  /**
   * 2. Endpoints into partitions by the top bits of their hash (stable: input order within);
   * returns how many were scattered (repeats are not).
   */
  #scatter(count: number): number {
    const cursor = this.#histogram; // turned into write positions
    let sum = 0;
    for (let p = 0; p < PARTITIONS; p++) {
      const size = cursor[p]!;
      cursor[p] = sum;
      sum += size;
    }
    const hashes = this.#hashes;
    const low = this.#low;
    const high = this.#high;
    const repeat = this.#repeat;
    const partHash = this.#partHash;
    const partLow = this.#partLow;
    const partHigh = this.#partHigh;
    const partEnd = this.#partEnd;
    const posOf = this.#posOf;
    for (let e = 0; e < 2 * count; e++) {
      if ((e & 1) === 0 && repeat[e >> 1] === 1) continue;
      const h = hashes[e]!;
      const pos = cursor[h >>> PARTITION_SHIFT]!++;
      partHash[pos] = h;
      partLow[pos] = low[e]!;
      partHigh[pos] = high[e]!;
      partEnd[pos] = e;
      posOf[e] = pos;
    }
    return sum;
  }

  /** 3. Looks every endpoint up, partition after partition; numbers unseen ids provisionally. */
  #lookUp(ends: number): void {
    const partHash = this.#partHash;
    const partLow = this.#partLow;
    const partHigh = this.#partHigh;
    const partEnd = this.#partEnd;
    const names = this.#names;
    const strings = this.#strings;
    const provisional = this.#provisional;
    const partitionEnds = this.#histogram; // after the scatter
    let table = this.#table;
    let shift = 32 - this.#bits;
    let mask = (1 << this.#bits) - 1;
    let partition = -1;
    let boundary = 0;
    let touched = 0;
    for (let pos = 0; pos < ends; pos++) {
      if (pos === boundary) {
        // The next partition: read its slice of the table in order first, which the processor
        // streams in, instead of taking a cache miss on each of its lines at random.
        do partition++;
        while (partitionEnds[partition] === pos);
        boundary = partitionEnds[partition]!;
        const words = SLOT << (this.#bits - PARTITION_BITS);
        const end = (partition + 1) * words;
        for (let at = partition * words; at < end; at += 16) touched += table[at]!;
      }
      const h = partHash[pos]!;
      const low = partLow[pos]!;
      const high = partHigh[pos]!;
      let slot = h >>> shift;
      let at = SLOT * slot;
      let n = table[at + 1]!;
      while (n !== EMPTY) {
        if (table[at] === h && table[at + 2] === low && table[at + 3] === high) {
          // A short id is its packed words; any other id is compared as a string.
          if (low !== 0 || names[n] === strings[partEnd[pos]!]) break;
        }
        slot = (slot + 1) & mask;
        at = SLOT * slot;
        n = table[at + 1]!;
      }
      if (n === EMPTY) {
        const partition = h >>> PARTITION_SHIFT;
        if ((this.#distinct + 1) * 2 > mask + 1 || (this.#perPartition[partition]! + 1) * 5 > ((mask + 1) >> PARTITION_BITS) * 4) {
          this.#grow();
          table = this.#table;
          shift = 32 - this.#bits;
          mask = (1 << this.#bits) - 1;
          slot = h >>> shift;
          while (table[SLOT * slot + 1] !== EMPTY) slot = (slot + 1) & mask;
          at = SLOT * slot;
        }
        this.#perPartition[partition]!++;
        n = this.#newName(h, low, high, partEnd[pos]!);
        table[at] = h;
        table[at + 1] = n;
        table[at + 2] = low;
        table[at + 3] = high;
      }
      provisional[pos] = n; // in partition order: written in sequence, read back through posOf
    }
    this.#touched = (this.#touched + touched) | 0;
  }

  #newName(h: number, low: number, high: number, end: number): number {
    const n = this.#distinct++;
    if (n === this.#finalOf.length) {
      this.#nameWords = grown(this.#nameWords, 0, bulkInt32);
      this.#finalOf = grown(this.#finalOf, 0, bulkInt32);
      const position = new Float64Array(bulkBuffer(16 * n));
      position.set(this.#namePosition);
      this.#namePosition = position;
    }
    this.#names.push(this.#array === null || low === 0 ? this.#strings[end]! : undefined);
    this.#namePosition[n] = (this.#from + (end >> 1)) * 2 + (end & 1);
    this.#nameWords[3 * n] = h;
    this.#nameWords[3 * n + 1] = low;
    this.#nameWords[3 * n + 2] = high;
    this.#firstSeen[end] = n;
    return n;
  }

  #grow(): void {
    const table = this.#table;
    const bits = ++this.#bits;
    const next = bulkInt32(SLOT << bits).fill(EMPTY);
    const shift = 32 - bits;
    const mask = (1 << bits) - 1;
    for (let at = 0; at < table.length; at += SLOT) {
      if (table[at + 1] === EMPTY) continue;
      let slot = table[at]! >>> shift;
      while (next[SLOT * slot + 1] !== EMPTY) slot = (slot + 1) & mask;
      next.set(table.subarray(at, at + SLOT), SLOT * slot);
    }
    this.#table = next;
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
      this.#src = grown(this.#src, this.#edges + count, bulkInt32);
      this.#dst = grown(this.#dst, this.#edges + count, bulkInt32);
    }
    const src = this.#src;
    const dst = this.#dst;
    const provisional = this.#provisional;
    const repeat = this.#repeat;
    const posOf = this.#posOf;
    const finalOf = this.#finalOf;
    let edges = this.#edges;
    let selfPairs = 0;
    let a = -1;
    for (let i = 0; i < count; i++) {
      if (repeat[i] === 0) a = finalOf[provisional[posOf[2 * i]!]!]!;
      const b = finalOf[provisional[posOf[2 * i + 1]!]!]!;
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
    this.#table = new Int32Array(0);
    const ids = this.#ids;
    const names = this.#names;
    const words = this.#nameWords;
    const array = this.#array;
    if (array !== null) {
      // The deferred names, in input order (final order is order of first appearance).
      for (let f = 0; f < distinct; f++) {
        const n = order[f]!;
        if (names[n] !== undefined) continue;
        const at = this.#namePosition[n]!;
        const pair = Math.floor(at / 2);
        const id: unknown = (array[pair] as unknown[])[at - 2 * pair];
        // Read once more: an input that changes while it is read is rejected, not half-loaded.
        if (typeof id !== 'string' || id.length === 0) this.#reject({ kind: 'id', at: pair, value: id });
        names[n] = id;
      }
    }
    ids.reserve(distinct);
    for (let f = 0; f < distinct; f++) {
      const n = order[f]!;
      ids.setPacked(names[n]!, f, words[3 * n]!, words[3 * n + 1]!, words[3 * n + 2]!);
    }
    this.#names = [];
    this.#strings.length = 0;
    return { src: this.#src, dst: this.#dst, edges: this.#edges, pairs: this.#read, selfPairs: this.#selfPairs, members: distinct };
  }
}

/**
 * Reads the lengths of the ids of `count` pairs from `from`: the loads are independent, so the
 * processor overlaps their cache misses, and the hashing loop that gets there a block later
 * (whose branches would stop it from running ahead) finds the strings in cache.
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
