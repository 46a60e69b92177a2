/**
 * One searched profile attribute, dictionary-encoded: each distinct value gets a small integer
 * code, and each member index holds the code of its value in a typed array. Filtering a network
 * by `company = "Acme"` is then a comparison of integers per member.
 *
 * @packageDocumentation
 */

/** Code of "no value". */
export const NO_VALUE = 0;

/** Largest code a `Uint16Array` column holds; past it the column widens to `Int32Array`. */
const NARROW_MAX = 0xffff;

/**
 * A dictionary-encoded column of one attribute over member indices.
 *
 * @remarks
 * Memory: 2 bytes per member index while the attribute has at most 65,535 distinct values
 * (`Uint16Array`), 4 bytes beyond (`Int32Array`), plus the dictionary (one string and one count
 * per distinct value). Codes of values nobody holds any more are recycled. `codeOf`, `lookup`
 * and `set` are O(1) amortised; `ranks` is O(k log k) for k distinct values, cached until the
 * dictionary changes.
 * @example
 * ```ts
 * const company = new AttributeIndex('company');
 * company.set(0, 'Acme');
 * company.codeOf(0) === company.lookup('Acme'); // true
 * ```
 * @public
 */
export class AttributeIndex {
  /** The attribute's name. */
  readonly name: string;
  #codes: Uint16Array | Int32Array = new Uint16Array(0);
  readonly #dict: Map<string, number> = new Map();
  /** Value of each code (`undefined` at 0 and for free codes). */
  readonly #values: (string | undefined)[] = [undefined];
  /** Members holding each code. */
  #counts: Int32Array = new Int32Array(16);
  readonly #free: number[] = [];
  #ranks: Int32Array | null = null;
  #sorted: string[] = [];

  constructor(name: string) {
    this.name = name;
  }

  /** The code column, indexed by member index (entries past its length are {@link NO_VALUE}). */
  get codes(): Uint16Array | Int32Array {
    return this.#codes;
  }

  /** Bytes per member index of the code column (2 or 4). */
  get bytesPerMember(): number {
    return this.#codes.BYTES_PER_ELEMENT;
  }

  /** One more than the largest code in use (the size of a per-code counting array). */
  get codeBound(): number {
    return this.#values.length;
  }

  /** Number of distinct values held by at least one member. */
  get distinctValues(): number {
    return this.#dict.size;
  }

  /** Code of member `v`'s value, {@link NO_VALUE} when it has none. */
  codeOf(v: number): number {
    return v < this.#codes.length ? this.#codes[v]! : NO_VALUE;
  }

  /** Code of `value`, {@link NO_VALUE} when no member holds it. */
  lookup(value: string): number {
    return this.#dict.get(value) ?? NO_VALUE;
  }

  /** Value of `code` (`undefined` for {@link NO_VALUE} or a free code). */
  valueOf(code: number): string | undefined {
    return this.#values[code];
  }

  /** Members holding `code`. */
  countOf(code: number): number {
    return code > 0 && code < this.#counts.length ? this.#counts[code]! : 0;
  }

  /** Makes room for member indices below `bound` (one allocation for a bulk load). */
  reserve(bound: number): void {
    if (this.#codes.length >= bound) return;
    const grown = this.#codes instanceof Uint16Array ? new Uint16Array(bound) : new Int32Array(bound);
    grown.set(this.#codes);
    this.#codes = grown;
  }

  /** Sets member `v`'s value (`undefined` clears it). */
  set(v: number, value: string | undefined): void {
    const old = this.codeOf(v);
    const code = value === undefined ? NO_VALUE : this.#intern(value);
    if (code === old) {
      if (code !== NO_VALUE) this.#release(code); // #intern counted it once more
      return;
    }
    if (code !== NO_VALUE && v >= this.#codes.length) this.reserve(Math.max(v + 1, Math.ceil(this.#codes.length * 1.5), 64));
    if (v < this.#codes.length) this.#codes[v] = code;
    if (old !== NO_VALUE) this.#release(old);
  }

  /**
   * Rank of each code in the ascending order of the values (code units, as `<` compares
   * strings): `ranks()[code]`. {@link NO_VALUE} and free codes rank after every value.
   */
  ranks(): Int32Array {
    if (this.#ranks !== null) return this.#ranks;
    const bound = this.#values.length;
    const order: number[] = [];
    for (let c = 1; c < bound; c++) if (this.#values[c] !== undefined) order.push(c);
    const values = this.#values as string[];
    order.sort((x, y) => (values[x]! < values[y]! ? -1 : 1));
    const ranks = new Int32Array(bound).fill(order.length);
    for (let r = 0; r < order.length; r++) ranks[order[r]!] = r;
    this.#ranks = ranks;
    this.#sorted = order.map((c) => values[c]!);
    return ranks;
  }

  /** The distinct values in ascending order (`sortedValues()[ranks()[code]]` is the value of `code`). */
  sortedValues(): readonly string[] {
    this.ranks();
    return this.#sorted;
  }

  #intern(value: string): number {
    let code = this.#dict.get(value);
    if (code === undefined) {
      code = this.#free.pop() ?? this.#values.length;
      if (code === this.#values.length) this.#values.push(value);
      else this.#values[code] = value;
      this.#dict.set(value, code);
      if (code >= this.#counts.length) {
        const grown = new Int32Array(this.#counts.length * 2);
        grown.set(this.#counts);
        this.#counts = grown;
      }
      if (code > NARROW_MAX && this.#codes instanceof Uint16Array) this.#codes = Int32Array.from(this.#codes);
      this.#ranks = null;
    }
    this.#counts[code]!++;
    return code;
  }

  #release(code: number): void {
    if (--this.#counts[code]! > 0) return;
    this.#dict.delete(this.#values[code]!);
    this.#values[code] = undefined;
    this.#free.push(code);
    this.#ranks = null;
  }
}
