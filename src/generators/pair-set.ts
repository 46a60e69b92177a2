/**
 * An open-addressing hash set of unordered member pairs, held in one typed array.
 *
 * @packageDocumentation
 * @internal
 */

/** Mixes a canonical pair (u < v) into a 32-bit hash. */
function hashPair(u: number, v: number): number {
  let h = (Math.imul(u, 0x9e3779b1) + v) | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h;
}

/**
 * A growable set of unordered pairs of non-negative int32 member indices.
 *
 * @remarks
 * Linear probing over one `Int32Array` of interleaved `(u, v)` slots (`u < v`, `-1` marks an empty
 * slot), kept at most half full: 16 to 32 bytes per pair, no JS object per pair. `has` and `add` are
 * expected O(1); growth doubles the table (amortised O(1)). No deletion.
 *
 * @internal
 */
export class PairSet {
  private slots: Int32Array;
  private mask: number;
  private count = 0;

  constructor(expected = 16) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Int32Array(capacity * 2).fill(-1);
    this.mask = capacity - 1;
  }

  /** Number of pairs held. */
  get size(): number {
    return this.count;
  }

  /** Whether the unordered pair `{a, b}` is in the set. */
  has(a: number, b: number): boolean {
    const u = a < b ? a : b;
    const v = a < b ? b : a;
    const slots = this.slots;
    const mask = this.mask;
    let i = hashPair(u, v) & mask;
    for (;;) {
      const su = slots[2 * i]!;
      if (su === -1) return false;
      if (su === u && slots[2 * i + 1] === v) return true;
      i = (i + 1) & mask;
    }
  }

  /** Adds the unordered pair `{a, b}`; returns false when it was already there. */
  add(a: number, b: number): boolean {
    const u = a < b ? a : b;
    const v = a < b ? b : a;
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    const slots = this.slots;
    const mask = this.mask;
    let i = hashPair(u, v) & mask;
    for (;;) {
      const su = slots[2 * i]!;
      if (su === -1) {
        slots[2 * i] = u;
        slots[2 * i + 1] = v;
        this.count++;
        return true;
      }
      if (su === u && slots[2 * i + 1] === v) return false;
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    const capacity = (this.mask + 1) * 2;
    const slots = new Int32Array(capacity * 2).fill(-1);
    const mask = capacity - 1;
    for (let j = 0; j < old.length; j += 2) {
      const u = old[j]!;
      if (u === -1) continue;
      const v = old[j + 1]!;
      let i = hashPair(u, v) & mask;
      while (slots[2 * i] !== -1) i = (i + 1) & mask;
      slots[2 * i] = u;
      slots[2 * i + 1] = v;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
