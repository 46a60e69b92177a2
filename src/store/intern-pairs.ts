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
 * Steps 2 to 5 are {@link processChunk}, over typed arrays only. Given a helper thread (Node), a
 * chunk whose ids are all short goes to the helper while this thread reads the next chunk (only
 * this thread can read the strings); a chunk holding another id is processed here, since it
 * compares strings. The two never work on the state at once, so the result is the same.
 *
 * At the end (`bind`, when the caller likes) the ids are bound in the interner in that order. A
 * packed id (short or numbered) is bound by its words alone: the interner keeps no string for it,
 * so it is never named here; only the other ids are kept as strings, from where they first appear.
 *
 * Answers are exactly those of interning the ids one at a time in input order: identity is decided
 * by string equality (of the packed words, for short ids), the hash only chooses where to look.
 * All memory comes from {@link bulkBuffer} (`SharedArrayBuffer`s where available), so the load
 * does not make V8 rescan the caller's heap, and a helper thread can work on it.
 *
 * @internal
 * @packageDocumentation
 */
import { bulkBuffer, bulkInt32 } from './bulk-buffer.js';
import type { HelperThread } from './helper-thread.js';
import type { IdInterner } from './id-interner.js';
import { type ChunkInput, type InternState, newInternState, processChunk } from './intern-chunk.js';

/** Dense index pairs of a bulk load, in input order, self-pairs dropped. @internal */
export interface InternedPairs {
  src: Int32Array;
  dst: Int32Array;
  /** Index pairs written (pairs read minus self-pairs). */
  edges: number;
  /** Pairs read. */
  pairs: number;
  selfPairs: number;
  /** Distinct ids, numbered 0.. in order of first appearance. */
  members: number;
  /**
   * Binds the ids in the interner under those numbers; call it once. Until then the interner is
   * empty: the caller may overlap this with work on the pairs. Calls `reject` if the input
   * changed while it was read.
   */
  bind(): void;
}

/** What was wrong with the input, for the caller's typed error. @internal */
export type InternProblem = { kind: 'pair' | 'id'; at: number; value: unknown };

const PARTITION_BITS = 9;
const PARTITIONS = 1 << PARTITION_BITS;
const PARTITION_SHIFT = 32 - PARTITION_BITS;
const CHUNK_PAIRS = 1 << 20;
/** Pairs (or endpoints) whose strings are touched ahead of the loop that needs them. */
const BLOCK = 256;

/** Options of {@link internPairs}. @internal */
export interface InternPairsOptions {
  /** Pairs per pass (default 2^20; smaller in tests). */
  chunkPairs?: number;
  /**
   * Gives a helper thread (or null), to take steps 2–5 of each chunk of short ids while this
   * thread reads the next chunk. Asked at most once, when the input proves to hold more than one
   * chunk and at least `helperMinPairs` pairs; the caller closes the helper.
   */
  helper?: () => HelperThread | null;
  /** Inputs below this many pairs never ask for a helper (default 0: the caller's threshold). */
  helperMinPairs?: number;
}

/**
 * Numbers every id of `pairs` for `ids` (which must be empty) and returns the index pairs, with
 * the binding of the ids in `ids` still to run (`bind`). Calls `reject` (which must throw) on the
 * first pair that is not a `[string, string]` of non-empty ids, before anything is bound.
 *
 * @remarks O(total id length + pairs) time; temporary memory 8 bytes per pair of the input (the
 * output), about 70 bytes per pair of a chunk (at most 2^20 pairs; twice that with a worker),
 * 16 bytes per table slot (2 to 4 per distinct id) and 24 bytes per distinct id.
 * @internal
 */
export function internPairs(
  pairs: Iterable<readonly [string, string]>,
  ids: IdInterner,
  reject: (problem: InternProblem) => never,
  options: InternPairsOptions = {},
): InternedPairs {
  const array = Array.isArray(pairs) ? (pairs as readonly unknown[]) : null;
  const total = array !== null ? array.length : -1;
  const chunkPairs = options.chunkPairs ?? CHUNK_PAIRS;
  const minPairs = options.helperMinPairs ?? 0;
  const startHelper = options.helper ?? null;
  const run = new PairInterning(ids, reject, total, chunkPairs);
  try {
    if (array !== null) {
      if (startHelper !== null && total > run.chunkPairs && total >= minPairs) run.attach(startHelper());
      const helper = run.helper;
      // With a helper, the first and the last chunk are a 64th of the others: the helper idles
      // while the first is read, and this thread while the helper finishes the last.
      const edge = helper !== null ? Math.max(1, run.chunkPairs >> 6) : run.chunkPairs;
      const size = (from: number): number => {
        const left = total - from;
        if (from === 0) return Math.min(left, edge);
        return left > run.chunkPairs + edge ? run.chunkPairs : left > edge ? Math.min(run.chunkPairs, left - edge) : left;
      };
      let read = 0;
      let count = run.readArray(array, 0, size(0));
      while (count > 0) {
        read += count;
        const from = read;
        count = run.chunk(count, () => (from < total ? run.readArray(array, from, size(from)) : 0));
      }
    } else {
      const iterator = pairs[Symbol.iterator]();
      let read = 0;
      let count = run.readIterator(iterator);
      while (count > 0) {
        read += count;
        const more = count === run.chunkPairs;
        // An input of unknown length asks for a helper once it has shown enough pairs.
        if (more && startHelper !== null && !run.attached && read >= minPairs) run.attach(startHelper());
        count = run.chunk(count, () => (more ? run.readIterator(iterator) : 0));
      }
    }
    return run.finish();
  } finally {
    run.settle();
  }
}

/** A chunk's buffers on the reading side: what step 1 fills, and the ids kept as strings. */
interface ChunkBuffers {
  input: ChunkInput;
  /**
   * The chunk's looked-up endpoints that are not packed, as strings (a packed id is compared and
   * bound by its words). Entries not written in this chunk are stale and never read. Made at the
   * first such id (2^21 entries: 16 MB).
   */
  strings: string[] | null;
}

/** One bulk interning: the chunk buffers, the partitioned table and the output. */
class PairInterning {
  readonly chunkPairs: number;
  readonly #ids: IdInterner;
  readonly #reject: (problem: InternProblem) => never;
  /** Two sets of chunk buffers when a helper runs steps 2–5 of one chunk while the next is read. */
  readonly #buffers: ChunkBuffers[];
  /** The set being read into. */
  #reading: ChunkBuffers;
  /** The helper thread that takes chunks of short ids, if any (see attach). */
  #helper: HelperThread | null = null;
  #attached = false;
  /** Whether the helper holds a chunk. */
  #pending = false;
  /** The first id of the chunk's previous pair ('' at a chunk's start: no id is empty). */
  #previous = '';
  /** Null until made: by this thread at the first chunk, or by the helper (see #ready). */
  #state: InternState | null = null;
  /** Pairs the state's output is sized for. */
  #size = 0;
  /** Keeps the prefetching reads observable (their sum is otherwise unused). */
  #touched = 0;
  /** Per provisional number: the id when it is not packed, else undefined (bound by its words). */
  #names: (string | undefined)[] = [];
  #read = 0;

  constructor(ids: IdInterner, reject: (problem: InternProblem) => never, total: number, chunkPairs: number) {
    this.#ids = ids;
    this.#reject = reject;
    // Sized once when the input knows its length; everything from bulkBuffer, so that the load
    // makes V8 rescan nothing (and a helper thread can work on the same memory).
    const size = Math.max(16, total >= 0 ? total : 1024);
    this.chunkPairs = Math.max(1, Math.min(chunkPairs, total >= 0 ? Math.max(16, total) : chunkPairs));
    this.#size = size;
    this.#buffers = [this.#newBuffers()];
    this.#reading = this.#buffers[0]!;
  }

  /** Chunk buffers for reading into. */
  #newBuffers(): ChunkBuffers {
    const ends = 2 * this.chunkPairs;
    return {
      input: {
        hashes: bulkInt32(ends),
        low: bulkInt32(ends),
        high: bulkInt32(ends),
        repeat: new Uint8Array(bulkBuffer(this.chunkPairs)),
        histogram: bulkInt32(PARTITIONS),
        count: 0,
        from: 0,
        short: true,
      },
      strings: null,
    };
  }

  /** The helper thread, if one is attached. */
  get helper(): HelperThread | null {
    return this.#helper;
  }

  /** Whether a helper was asked for already (the answer may have been none). */
  get attached(): boolean {
    return this.#attached;
  }

  /**
   * Takes `helper` (once; null: none) for the chunks to come: a second set of chunk buffers, and
   * the state, if not made yet, made by the helper while this thread reads.
   */
  attach(helper: HelperThread | null): void {
    if (this.#attached) return;
    this.#attached = true;
    if (helper === null) return;
    this.#helper = helper;
    this.#buffers.push(this.#newBuffers());
    if (this.#state === null) {
      helper.submit('newInternState', [this.#size, 2 * this.chunkPairs]);
      this.#pending = true;
    }
  }

  /** The state: made here, or waited for if the helper is making it. */
  #ready(): InternState {
    if (this.#state === null) {
      if (this.#pending) {
        this.#pending = false;
        this.#state = this.#helper!.wait() as InternState;
      } else {
        this.#state = newInternState(this.#size, 2 * this.chunkPairs);
      }
    }
    return this.#state;
  }

  /** Starts reading into a chunk's buffers (the other set, when there are two). */
  #begin(from: number): ChunkInput {
    const buffers = this.#buffers.length === 2 && this.#reading === this.#buffers[0] ? this.#buffers[1]! : this.#buffers[0]!;
    this.#reading = buffers;
    const input = buffers.input;
    input.histogram.fill(0);
    input.from = from;
    input.short = true;
    this.#previous = '';
    return input;
  }

  /** 1. Reads, validates and hashes `count` pairs (at most a chunk) from `array` at `from`. */
  readArray(array: readonly unknown[], from: number, count: number): number {
    const input = this.#begin(from);
    input.count = count;
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
    const input = this.#begin(this.#read);
    let count = 0;
    while (count < this.chunkPairs) {
      const step = iterator.next();
      if (step.done === true) break;
      this.#take(step.value, this.#read + count, count);
      count++;
    }
    input.count = count;
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
    const input = this.#reading.input;
    if (first === this.#previous) {
      input.repeat[i] = 1;
    } else {
      this.#previous = first;
      input.repeat[i] = 0;
      this.#record(input, 2 * i, first);
    }
    this.#record(input, 2 * i + 1, second);
  }

  /**
   * Hashes endpoint `e`'s id, counts it in its partition, and keeps it as a string where a
   * lookup or the binding will need it (see `ChunkBuffers.strings`).
   */
  #record(input: ChunkInput, e: number, id: string): void {
    const ids = this.#ids;
    const h = ids.hashPacked(id);
    const low = ids.packedLow;
    input.hashes[e] = h;
    input.low[e] = low;
    input.high[e] = ids.packedHigh;
    input.histogram[h >>> PARTITION_SHIFT]!++;
    if (low === 0) input.short = false;
    if (low === 0) (this.#reading.strings ??= new Array<string>(2 * this.chunkPairs).fill(''))[e] = id;
  }

  /**
   * 2 to 5 for the chunk just read. With a helper and a chunk of short ids, the helper takes it
   * and `next` (which reads the next chunk, if any) runs meanwhile; otherwise this thread does it.
   */
  chunk(count: number, next: () => number): number {
    const buffers = this.#reading;
    const helper = this.#helper;
    this.#read += count;
    let following: number;
    if (helper !== null && buffers.input.short) {
      const input = buffers.input;
      helper.submit('processChunk', [this.#ready(), input, null, null]);
      this.#pending = true;
      following = next();
      this.#pending = false;
      const state = (this.#state = helper.wait() as InternState);
      // The helper takes only chunks of packed ids, which need no name.
      const names = this.#names;
      while (names.length < state.distinct) names.push(undefined);
    } else {
      processChunk(this.#ready(), buffers.input, this.#names, buffers.strings);
      buffers.strings?.fill('', 0, 2 * count);
      following = next();
    }
    return following;
  }

  /** Hands out the pairs, and the binding of their ids in the interner to run when the caller likes. */
  finish(): InternedPairs {
    const state = this.#ready();
    state.table = new Int32Array(0);
    return { src: state.src, dst: state.dst, edges: state.edges, pairs: this.#read, selfPairs: state.selfPairs, members: state.distinct, bind: () => this.#bind(state) };
  }

  /** Binds the ids in the interner in final order (their hashes are known). */
  #bind(state: InternState): void {
    const distinct = state.distinct;
    const order = new Int32Array(distinct);
    for (let n = 0; n < distinct; n++) order[state.finalOf[n]!] = n;
    const ids = this.#ids;
    const names = this.#names;
    const words = state.nameWords;
    ids.reserve(distinct);
    for (let f = 0; f < distinct; f++) {
      const n = order[f]!;
      // A packed id (its first word not 0) has no name and needs none.
      ids.setPacked(names[n] ?? '', f, words[3 * n]!, words[3 * n + 1]!, words[3 * n + 2]!);
    }
    this.#names = [];
    for (const buffers of this.#buffers) buffers.strings = null;
  }

  /** Waits for the helper if it still holds a chunk (after a failure): the caller may reuse it. */
  settle(): void {
    if (this.#pending) {
      this.#pending = false;
      this.#helper!.wait();
    }
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
