/**
 * processChunk: steps 2 to 5 of {@link internPairs} for one chunk of hashed ids, over state that
 * is nothing but numbers and typed arrays, so that a worker thread can run it on the same memory
 * (see helper-thread.ts) while the caller's thread reads the next chunk.
 *
 * Node's worker program (src/node/helper-worker.ts, its own built entry) imports these functions:
 * they work on numbers and typed arrays only, so either thread can run them on the same memory.
 *
 * @internal
 * @packageDocumentation
 */

/** The partitioned table and the output of one bulk interning. Typed arrays only (shareable). @internal */
export interface InternState {
  /** log2 of the table's slot count; the slot of an id is the top `bits` bits of its hash. */
  bits: number;
  /** 4 words per slot: hash, provisional number (-1: empty), packed words. */
  table: Int32Array;
  /** Ids per partition (the table must grow when one slice gets crowded). */
  perPartition: Int32Array;
  /** Provisional numbers handed out (distinct ids so far). */
  distinct: number;
  /** Final numbers handed out (order of first appearance). */
  numbered: number;
  /** Per provisional number: its final number. */
  finalOf: Int32Array;
  /** Per provisional number: its hash and packed words. */
  nameWords: Int32Array;
  src: Int32Array;
  dst: Int32Array;
  edges: number;
  selfPairs: number;
  // Scratch of one chunk: its endpoints in partition order and what they looked up to.
  partHash: Int32Array;
  partLow: Int32Array;
  partHigh: Int32Array;
  partEnd: Int32Array;
  provisional: Int32Array;
  posOf: Int32Array;
  /** Per endpoint of the chunk: the provisional number it created, or -1. */
  firstSeen: Int32Array;
  /** Keeps the prefetching reads observable (their sum is otherwise unused). */
  touched: number;
}

/** One chunk of the input, read and hashed (step 1). @internal */
export interface ChunkInput {
  /** Per endpoint (pair × 2 + side): hash and packed words (both 0 for an id that is not short). */
  hashes: Int32Array;
  low: Int32Array;
  high: Int32Array;
  /** Per pair: 1 where its first id is its predecessor's (that endpoint is not looked up). */
  repeat: Uint8Array;
  /** Looked-up endpoints per partition (top 9 bits of the hash). */
  histogram: Int32Array;
  /** Pairs in the chunk. */
  count: number;
  /** Where the chunk starts in the input (pairs). */
  from: number;
  /** Whether every looked-up id of the chunk is packed (a worker can take the chunk). */
  short: boolean;
}

/**
 * A zeroed typed array of `length` entries over a `SharedArrayBuffer` where available, else an
 * `ArrayBuffer` (as bulkInt32 of bulk-buffer.ts).
 *
 * @remarks O(length).
 * @internal
 */
export function internArray<T>(Type: { new (buffer: ArrayBufferLike): T; readonly BYTES_PER_ELEMENT: number }, length: number): T {
  const bytes = Type.BYTES_PER_ELEMENT * length;
  return new Type(typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
}

/**
 * A fresh state for a load of up to `size` pairs read in chunks of `ends / 2` pairs, its arrays in
 * `SharedArrayBuffer`s where available (a helper thread allocates it while the loading thread
 * reads the first chunk).
 *
 * @remarks O(size + ends) (zeroed memory).
 * @internal
 */
export function newInternState(size: number, ends: number): InternState {
  const allocate = (length: number): Int32Array => internArray(Int32Array, length);
  const bits = 11; // 512 partitions of 4 slots to begin with
  return {
    bits,
    table: allocate(4 << bits).fill(-1),
    perPartition: allocate(512),
    distinct: 0,
    numbered: 0,
    finalOf: allocate(1024),
    nameWords: allocate(3 * 1024),
    src: allocate(size),
    dst: allocate(size),
    edges: 0,
    selfPairs: 0,
    partHash: allocate(ends),
    partLow: allocate(ends),
    partHigh: allocate(ends),
    partEnd: allocate(ends),
    provisional: allocate(ends),
    posOf: allocate(ends),
    firstSeen: allocate(ends).fill(-1),
    touched: 0,
  };
}

/**
 * Steps 2 to 5 for chunk `c`: scatter its endpoints into 512 partitions by hash, look each
 * partition up in its slice of the table (numbering unseen ids provisionally), renumber new ids in
 * order of first appearance, and append the chunk's index pairs (self-pairs dropped) to the
 * output; returns `s` (which a worker hands back). `names`/`strings` serve ids that are not short, which are compared as strings and named
 * when first seen; without them (in a worker) every id of the chunk must be packed. A new packed id
 * gets no name: it is bound by its words.
 *
 * @remarks O(chunk + 512 + table slices touched); grows the state's arrays (in
 * `SharedArrayBuffer`s where available) as needed.
 * @internal
 */
export function processChunk(s: InternState, c: ChunkInput, names: (string | undefined)[] | null, strings: readonly string[] | null): InternState {
  const PARTITION_BITS = 9;
  const PARTITIONS = 512;
  const PARTITION_SHIFT = 23;
  const SLOT = 4;
  const EMPTY = -1;
  const grow = (array: Int32Array, needed: number): Int32Array => {
    const next = internArray(Int32Array, Math.max(needed, array.length * 2));
    next.set(array);
    return next;
  };
  const count = c.count;

  // 2. Endpoints into partitions by the top bits of their hash (stable: input order within).
  const cursor = c.histogram; // turned into write positions, then partition ends
  let ends = 0;
  for (let p = 0; p < PARTITIONS; p++) {
    const size = cursor[p]!;
    cursor[p] = ends;
    ends += size;
  }
  {
    const hashes = c.hashes;
    const low = c.low;
    const high = c.high;
    const repeat = c.repeat;
    const partHash = s.partHash;
    const partLow = s.partLow;
    const partHigh = s.partHigh;
    const partEnd = s.partEnd;
    const posOf = s.posOf;
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
  }

  // 3. Look every endpoint up, partition after partition; number unseen ids provisionally.
  {
    const partHash = s.partHash;
    const partLow = s.partLow;
    const partHigh = s.partHigh;
    const partEnd = s.partEnd;
    const provisional = s.provisional;
    const partitionEnds = cursor;
    let table = s.table;
    let shift = 32 - s.bits;
    let mask = (1 << s.bits) - 1;
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
        const words = SLOT << (s.bits - PARTITION_BITS);
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
          if (low !== 0 || names![n] === strings![partEnd[pos]!]) break;
        }
        slot = (slot + 1) & mask;
        at = SLOT * slot;
        n = table[at + 1]!;
      }
      if (n === EMPTY) {
        const part = h >>> PARTITION_SHIFT;
        if ((s.distinct + 1) * 2 > mask + 1 || (s.perPartition[part]! + 1) * 5 > ((mask + 1) >> PARTITION_BITS) * 4) {
          // Grow the table (twice the slots, one more bit), then find the id's empty slot there.
          const bits = ++s.bits;
          const next = internArray(Int32Array, SLOT << bits).fill(EMPTY);
          shift = 32 - bits;
          mask = (1 << bits) - 1;
          for (let from = 0; from < table.length; from += SLOT) {
            if (table[from + 1] === EMPTY) continue;
            let to = table[from]! >>> shift;
            while (next[SLOT * to + 1] !== EMPTY) to = (to + 1) & mask;
            next.set(table.subarray(from, from + SLOT), SLOT * to);
          }
          s.table = table = next;
          slot = h >>> shift;
          while (table[SLOT * slot + 1] !== EMPTY) slot = (slot + 1) & mask;
          at = SLOT * slot;
        }
        s.perPartition[part]!++;
        // A new id: its provisional number and words.
        const end = partEnd[pos]!;
        n = s.distinct++;
        if (n === s.finalOf.length) {
          s.nameWords = grow(s.nameWords, 0);
          s.finalOf = grow(s.finalOf, 0);
        }
        if (names !== null) names.push(low !== 0 ? undefined : strings![end]!);
        s.nameWords[3 * n] = h;
        s.nameWords[3 * n + 1] = low;
        s.nameWords[3 * n + 2] = high;
        s.firstSeen[end] = n;
        table[at] = h;
        table[at + 1] = n;
        table[at + 2] = low;
        table[at + 3] = high;
      }
      provisional[pos] = n; // in partition order: written in sequence, read back through posOf
    }
    s.touched = (s.touched + touched) | 0;
  }

  // 4. Final numbers for the chunk's new ids, in order of first appearance.
  {
    const firstSeen = s.firstSeen;
    const finalOf = s.finalOf;
    let numbered = s.numbered;
    for (let e = 0; e < 2 * count; e++) {
      const n = firstSeen[e]!;
      if (n !== EMPTY) {
        finalOf[n] = numbered++;
        firstSeen[e] = EMPTY;
      }
    }
    s.numbered = numbered;
  }

  // 5. Index pairs in input order, self-pairs dropped.
  {
    if (s.edges + count > s.src.length) {
      s.src = grow(s.src, s.edges + count);
      s.dst = grow(s.dst, s.edges + count);
    }
    const src = s.src;
    const dst = s.dst;
    const provisional = s.provisional;
    const repeat = c.repeat;
    const posOf = s.posOf;
    const finalOf = s.finalOf;
    let edges = s.edges;
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
    s.edges = edges;
    s.selfPairs += selfPairs;
  }
  return s;
}
