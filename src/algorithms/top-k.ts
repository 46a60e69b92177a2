/**
 * A bounded heap keeping the `k` best of a stream of scored integer pairs, in typed arrays.
 *
 * @packageDocumentation
 */

/**
 * Orders two entries with equal scores: negative when `(a1, b1)` ranks ahead of `(a2, b2)`.
 * @public
 */
export type TieOrder = (a1: number, b1: number, a2: number, b2: number) => number;

/**
 * The `k` highest-scored entries `(score, a, b)` of a stream, ties ordered by a caller's
 * {@link TieOrder}.
 *
 * @remarks
 * A binary min-heap of at most `k` slots (the worst kept entry at the root) over a
 * `Float64Array` and two `Int32Array`s. {@link TopK.offer} is O(1) for an entry that does not
 * beat the root (the common case when k ≪ n) and O(log k) otherwise; {@link TopK.drain} is
 * O(k log k). So ranking n candidates costs O(n + k' log k) where k' ≤ n is the number of
 * entries that entered the heap: the whole candidate list is never sorted.
 * @example
 * ```ts
 * const top = new TopK(2, (a1, _b1, a2) => a1 - a2);
 * top.offer(5, 10, 0);
 * top.offer(9, 11, 0);
 * top.offer(1, 12, 0);
 * top.drain(); // { scores: [9, 5], a: [11, 10], b: [0, 0] }
 * ```
 * @public
 */
export class TopK {
  readonly capacity: number;
  #size = 0;
  readonly #score: Float64Array;
  readonly #a: Int32Array;
  readonly #b: Int32Array;
  readonly #tie: TieOrder;

  constructor(capacity: number, tie: TieOrder) {
    this.capacity = capacity;
    this.#score = new Float64Array(capacity);
    this.#a = new Int32Array(capacity);
    this.#b = new Int32Array(capacity);
    this.#tie = tie;
  }

  /** Entries kept. */
  get size(): number {
    return this.#size;
  }

  /** Offers an entry; keeps it if it is among the best `capacity` seen. */
  offer(score: number, a: number, b: number): void {
    const k = this.capacity;
    if (k === 0) return;
    if (this.#size < k) {
      let i = this.#size++;
      // Sift up: move worse parents down.
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!this.#worse(score, a, b, p)) break;
        this.#move(p, i);
        i = p;
      }
      this.#put(i, score, a, b);
      return;
    }
    // Full: replace the root only when the entry ranks ahead of it.
    if (!this.#ahead(score, a, b, 0)) return;
    const n = this.#size;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && this.#slotWorse(r, l)) c = r;
      if (!this.#ahead(score, a, b, c)) break;
      this.#move(c, i);
      i = c;
    }
    this.#put(i, score, a, b);
  }

  /** The kept entries, best first; empties the heap. */
  drain(): { scores: number[]; a: number[]; b: number[] } {
    const n = this.#size;
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((i, j) => (this.#slotWorse(i, j) ? 1 : this.#slotWorse(j, i) ? -1 : 0));
    const out = { scores: order.map((i) => this.#score[i]!), a: order.map((i) => this.#a[i]!), b: order.map((i) => this.#b[i]!) };
    this.#size = 0;
    return out;
  }

  /** Whether `(score, a, b)` ranks behind slot `j`. */
  #worse(score: number, a: number, b: number, j: number): boolean {
    const s = this.#score[j]!;
    if (score !== s) return score < s;
    return this.#tie(a, b, this.#a[j]!, this.#b[j]!) > 0;
  }

  /** Whether `(score, a, b)` ranks ahead of slot `j`. */
  #ahead(score: number, a: number, b: number, j: number): boolean {
    const s = this.#score[j]!;
    if (score !== s) return score > s;
    return this.#tie(a, b, this.#a[j]!, this.#b[j]!) < 0;
  }

  #slotWorse(i: number, j: number): boolean {
    return this.#worse(this.#score[i]!, this.#a[i]!, this.#b[i]!, j);
  }

  #move(from: number, to: number): void {
    this.#score[to] = this.#score[from]!;
    this.#a[to] = this.#a[from]!;
    this.#b[to] = this.#b[from]!;
  }

  #put(i: number, score: number, a: number, b: number): void {
    this.#score[i] = score;
    this.#a[i] = a;
    this.#b[i] = b;
  }
}
