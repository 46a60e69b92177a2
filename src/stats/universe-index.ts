/**
 * universeIndex: where every member's hash lands in a HyperLogLog counter (register and rank),
 * and how many members land on each (register, rank): the "known universe" that
 * {@link reachPosterior} reads a counter against.
 *
 * @packageDocumentation
 */

/** The register and rank of every member's hash, and their counts. @internal */
export interface UniverseIndex {
  /** Registers per counter (2^precision). */
  readonly size: number;
  /** Highest rank (33 − precision: "that or more"). */
  readonly maxRho: number;
  /** Register of member u. */
  readonly register: Int32Array;
  /** Rank (1..maxRho) of member u. */
  readonly rank: Uint8Array;
  /**
   * For register j and rank r (0..maxRho), at 2·(j·(maxRho + 1) + r): the members of rank exactly r
   * in register j, then (at +1) the members of rank above r in register j.
   */
  readonly counts: Int32Array;
  /** Members of register j: `members[start[j] .. start[j + 1])`. */
  readonly start: Int32Array;
  readonly members: Int32Array;
  /** The most members on one (register, rank). */
  readonly largestCell: number;
}

/**
 * The hash of {@link hyperBallFirst} (which keeps its own copy to stay self-contained; a test
 * checks they agree) for members 0..memberCount-1.
 *
 * @remarks O(n + 2^precision · (34 − precision)) time; 9·n + 4·2^precision + 8·2^precision·(34 − precision) bytes.
 * @internal
 */
export function universeIndex(memberCount: number, precision: number, seed: number): UniverseIndex {
  const size = 2 ** precision;
  const maxRho = 33 - precision;
  const width = maxRho + 1;
  const register = new Int32Array(memberCount);
  const rank = new Uint8Array(memberCount);
  const counts = new Int32Array(2 * size * width);
  const start = new Int32Array(size + 1);
  for (let u = 0; u < memberCount; u++) {
    let h = (Math.imul(u, 0x9e3779b1) + seed) | 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
    const j = h >>> (32 - precision);
    const r = Math.min(Math.clz32(h << precision) + 1, maxRho);
    register[u] = j;
    rank[u] = r;
    counts[2 * (j * width + r)]!++;
    start[j + 1]!++;
  }
  for (let j = 0; j < size; j++) {
    let above = 0;
    for (let r = maxRho; r >= 0; r--) {
      counts[2 * (j * width + r) + 1] = above;
      above += counts[2 * (j * width + r)]!;
    }
    start[j + 1]! += start[j]!;
  }
  let largestCell = 0;
  for (let i = 0; i < counts.length; i += 2) largestCell = Math.max(largestCell, counts[i]!);
  const members = new Int32Array(memberCount);
  const fill = start.slice(0, size);
  for (let u = 0; u < memberCount; u++) members[fill[register[u]!]!++] = u;
  return { size, maxRho, register, rank, counts, start, members, largestCell };
}
