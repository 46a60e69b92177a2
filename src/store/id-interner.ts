/**
 * IdInterner: maps string member ids to dense integer indices and back, in one place
 * (Cassovary's `NodeNumberer`).
 *
 * @packageDocumentation
 */

/** V8 caps a Map at 2^24 entries; past that the interner chains a second Map. */
const MAP_LIMIT = (1 << 24) - 1;

/**
 * Two-way dictionary between string ids and dense indices chosen by the caller (the store).
 *
 * @remarks
 * `indexOf` is one `Map` lookup (two past 16.7M members); `idOf` is an array read. Memory is the
 * Map entry plus one array slot per id, on top of the strings themselves.
 *
 * @example
 * ```ts
 * const ids = new IdInterner();
 * ids.set('alice', 0);
 * ids.indexOf('alice'); // 0
 * ids.idOf(0); // 'alice'
 * ```
 * @public
 */
export class IdInterner {
  #maps: Map<string, number>[] = [new Map()];
  #ids: (string | undefined)[] = [];

  /** Number of ids held. */
  get size(): number {
    let n = 0;
    for (const m of this.#maps) n += m.size;
    return n;
  }

  /** Index of `id`, or -1. O(1). */
  indexOf(id: string): number {
    const first = this.#maps[0]!.get(id);
    if (first !== undefined) return first;
    for (let i = 1; i < this.#maps.length; i++) {
      const v = this.#maps[i]!.get(id);
      if (v !== undefined) return v;
    }
    return -1;
  }

  /** Id at `index`; the caller guarantees the index is live. O(1). */
  idOf(index: number): string {
    return this.#ids[index]!;
  }

  /** Binds `id` (not yet present) to `index`. O(1) amortised. */
  set(id: string, index: number): void {
    let last = this.#maps[this.#maps.length - 1]!;
    if (last.size >= MAP_LIMIT) {
      last = new Map();
      this.#maps.push(last);
    }
    last.set(id, index);
    while (this.#ids.length < index) this.#ids.push(undefined);
    this.#ids[index] = id;
  }

  /** Unbinds `id` (present) at `index`. O(1). */
  delete(id: string, index: number): void {
    for (const m of this.#maps) if (m.delete(id)) break;
    this.#ids[index] = undefined;
  }

  /** Calls `fn` for each bound id in index order. O(bound). */
  forEach(fn: (id: string, index: number) => void): void {
    const ids = this.#ids;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (id !== undefined) fn(id, i);
    }
  }
}
