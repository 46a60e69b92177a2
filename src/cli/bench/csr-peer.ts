/**
 * The floor the bench measures SocialGraph against: a static CSR (compressed sparse rows) built
 * once from the generated edges, running the textbook algorithms, behind the same adapter as the
 * other peers. It holds string ids as any service must: every call looks its ids up in a
 * `Map<string, number>` first.
 *
 * Layout: row `v` is `neighbors[offsets[v] … ends[v])`, sorted ascending, no repeats, no self-pair;
 * `offsets[v + 1]` is the row's capacity end (`ends[v] === offsets[v + 1]` after the build). `ends`
 * exists only so that the churn workload (disconnect, then connect the same pairs again) can run
 * in place: a removal leaves one free slot at the row's end, a connect fills it.
 *
 * Memory: 4 bytes per member for `offsets`, 4 for `ends`, 8 per connection for `neighbors` (both
 * directions), 1 byte per member × 2 of BFS marks, 4 × 2 of queues, plus the id strings, the
 * `ids` array (index → id, for the mutual lists it returns) and the `Map`: all of them its own
 * storage, charged to it. The ids its queries arrive with are the bench's separate copy
 * ({@link CsrPeer.useQueryIds}), as a service's arrive off the wire.
 */
import { memberIds, type IdForm } from './workload.js';

/** The largest `neighbors` length an Int32 offset can index. */
const MAX_SLOTS = 2 ** 31 - 1;

/**
 * Static CSR peer: bidirectional BFS for `degree` (expanding the cheaper frontier, up to depth 3),
 * a merge of two sorted rows for `mutualCount`, a top-down level-by-level BFS for `reach`, and
 * for a page of badges one ball of radius 2 around the viewer that every target meets.
 * Member `i` is named as {@link memberIds} names it.
 */
export class CsrPeer {
  readonly #form: IdForm;
  /** Index → id: its own storage (the strings are the Map's keys). */
  #ids: string[] = [];
  /** The bench's query-side ids: empty until {@link useQueryIds}. */
  #query: readonly string[] = [];
  #index = new Map<string, number>();
  #offsets = new Int32Array(1);
  #ends = new Int32Array(0);
  #neighbors = new Int32Array(0);
  #count = 0;
  /** Marks of the two BFS sides, one byte per member: 0 = not reached, else depth + 1; all 0 between calls (each call clears what it marked, through its queue). */
  #markA = new Uint8Array(0);
  #markB = new Uint8Array(0);
  /** Members reached, in order: the BFS queues, and the lists the marks are cleared from. */
  #queueA = new Int32Array(0);
  #queueB = new Int32Array(0);

  constructor(form: IdForm) {
    this.#form = form;
  }

  /** Why a graph of this size cannot be held (decided without trying), or null. */
  static cannotHold(members: number, edges: number): string | null {
    if (members >= 2 ** 24) return 'more members than its id Map holds (2^24)';
    if (2 * edges > MAX_SLOTS) return `${(2 * edges).toLocaleString('en-US')} neighbour slots are more than Int32 offsets index`;
    return null;
  }

  /**
   * Builds in O(members + edges), no comparison sort: an unsorted CSR by source, then its
   * transpose, filled by scanning members in ascending order, so every row comes out sorted (the
   * graph is undirected: the transpose is the same graph). Repeated pairs are then dropped.
   */
  build(members: number, sources: Int32Array, targets: Int32Array, edges: number, onProgress?: (done: number, total: number) => void): void {
    const ids = (this.#ids = memberIds(members, this.#form));
    const index = this.#index;
    for (let i = 0; i < members; i++) index.set(ids[i]!, i);
    const n = members;
    const offsets = new Int32Array(n + 1);
    for (let e = 0; e < edges; e++) {
      const a = sources[e]!;
      const b = targets[e]!;
      if (a === b) continue;
      offsets[a + 1]!++;
      offsets[b + 1]!++;
    }
    for (let v = 0; v < n; v++) offsets[v + 1]! += offsets[v]!;
    const slots = offsets[n]!;
    const unsorted = new Int32Array(slots);
    const cursor = offsets.slice(0, n);
    for (let e = 0; e < edges; e++) {
      const a = sources[e]!;
      const b = targets[e]!;
      if (a === b) continue;
      unsorted[cursor[a]!++] = b;
      unsorted[cursor[b]!++] = a;
    }
    onProgress?.(edges >> 1, edges);
    cursor.set(offsets.subarray(0, n));
    let neighbors = new Int32Array(slots);
    for (let u = 0; u < n; u++) {
      for (let k = offsets[u]!, end = offsets[u + 1]!; k < end; k++) neighbors[cursor[unsorted[k]!]!++] = u;
    }
    // Repeated pairs sit side by side in sorted rows: compact them away (rare: generators emit none).
    let repeats = false;
    for (let v = 0; v < n && !repeats; v++) {
      for (let k = offsets[v]! + 1, end = offsets[v + 1]!; k < end; k++) {
        if (neighbors[k] === neighbors[k - 1]) {
          repeats = true;
          break;
        }
      }
    }
    if (repeats) {
      let w = 0;
      let from = 0;
      for (let v = 0; v < n; v++) {
        const end = offsets[v + 1]!;
        offsets[v] = w;
        for (let k = from; k < end; k++) if (k === from || neighbors[k] !== neighbors[k - 1]) neighbors[w++] = neighbors[k]!;
        from = end;
      }
      offsets[n] = w;
      neighbors = neighbors.slice(0, w);
    }
    this.#offsets = offsets;
    this.#ends = offsets.slice(1);
    this.#neighbors = neighbors;
    this.#count = offsets[n]! / 2;
    this.#markA = new Uint8Array(n);
    this.#markB = new Uint8Array(n);
    this.#queueA = new Int32Array(n);
    this.#queueB = new Int32Array(n);
    onProgress?.(edges, edges);
  }

  connections(): number {
    return this.#count;
  }

  /** The ids queries name members by (`ids[i]` names member `i`): equal to its own, not the same strings. */
  useQueryIds(ids: readonly string[]): void {
    this.#query = ids;
  }

  /** The member index of id `i`'s string, through the Map: what a service holding string ids pays per id. */
  #at(i: number): number {
    const v = this.#index.get(this.#query[i]!);
    if (v === undefined) throw new Error(`csr: unknown member ${i}`);
    return v;
  }

  /** Degree capped at 3 (`null` beyond). */
  degree(a: number, b: number): number | null {
    return this.#distance(this.#at(a), this.#at(b));
  }

  /**
   * Bidirectional BFS, a whole level at a time, expanding the side whose frontier is smaller by
   * the sum of its members' degrees (the lists it would scan: a hub alone is a big frontier),
   * until the depths sum to 3. The first member found on the other side gives the distance: both
   * sides are complete to their depths, so no shorter path exists. The last level is only checked,
   * not marked. Marks hold depth + 1 and are cleared through the queues afterwards. Cost O(sum of
   * the degrees of the expanded frontiers).
   */
  #distance(x: number, y: number): number | null {
    if (x === y) return 0;
    const offsets = this.#offsets;
    const ends = this.#ends;
    const neighbors = this.#neighbors;
    const markA = this.#markA;
    const markB = this.#markB;
    const queueA = this.#queueA;
    const queueB = this.#queueB;
    markA[x] = 1;
    queueA[0] = x;
    markB[y] = 1;
    queueB[0] = y;
    let aFrom = 0;
    let aTo = 1;
    let da = 0;
    let costA = ends[x]! - offsets[x]!;
    let bFrom = 0;
    let bTo = 1;
    let db = 0;
    let costB = ends[y]! - offsets[y]!;
    let result: number | null = null;
    search: while (da + db < 3 && costA > 0 && costB > 0) {
      const last = da + db === 2;
      if (costA <= costB) {
        let tail = aTo;
        let cost = 0;
        const level = da + 2;
        for (let i = aFrom; i < aTo; i++) {
          const u = queueA[i]!;
          for (let k = offsets[u]!, end = ends[u]!; k < end; k++) {
            const w = neighbors[k]!;
            const m = markB[w]!;
            if (m !== 0) {
              result = da + m; // da + 1 + (m - 1)
              aTo = tail;
              break search;
            }
            if (last || markA[w] !== 0) continue;
            markA[w] = level;
            queueA[tail++] = w;
            cost += ends[w]! - offsets[w]!;
          }
        }
        aFrom = aTo;
        aTo = tail;
        costA = cost;
        da++;
      } else {
        let tail = bTo;
        let cost = 0;
        const level = db + 2;
        for (let i = bFrom; i < bTo; i++) {
          const u = queueB[i]!;
          for (let k = offsets[u]!, end = ends[u]!; k < end; k++) {
            const w = neighbors[k]!;
            const m = markA[w]!;
            if (m !== 0) {
              result = db + m;
              bTo = tail;
              break search;
            }
            if (last || markB[w] !== 0) continue;
            markB[w] = level;
            queueB[tail++] = w;
            cost += ends[w]! - offsets[w]!;
          }
        }
        bFrom = bTo;
        bTo = tail;
        costB = cost;
        db++;
      }
    }
    for (let i = 0; i < aTo; i++) markA[queueA[i]!] = 0;
    for (let i = 0; i < bTo; i++) markB[queueB[i]!] = 0;
    return result;
  }

  /** Merge of the two sorted rows: O(deg a + deg b). */
  mutualCount(a: number, b: number): number {
    const x = this.#at(a);
    const y = this.#at(b);
    const neighbors = this.#neighbors;
    let i = this.#offsets[x]!;
    const ie = this.#ends[x]!;
    let j = this.#offsets[y]!;
    const je = this.#ends[y]!;
    let count = 0;
    while (i < ie && j < je) {
      const p = neighbors[i]!;
      const q = neighbors[j]!;
      if (p < q) i++;
      else if (p > q) j++;
      else {
        count++;
        i++;
        j++;
      }
    }
    return count;
  }

  /** The same merge, collecting the ids. */
  mutualList(a: number, b: number): readonly string[] {
    const x = this.#at(a);
    const y = this.#at(b);
    const neighbors = this.#neighbors;
    const ids = this.#ids;
    let i = this.#offsets[x]!;
    const ie = this.#ends[x]!;
    let j = this.#offsets[y]!;
    const je = this.#ends[y]!;
    const out: string[] = [];
    while (i < ie && j < je) {
      const p = neighbors[i]!;
      const q = neighbors[j]!;
      if (p < q) i++;
      else if (p > q) j++;
      else {
        out.push(ids[p]!);
        i++;
        j++;
      }
    }
    return out;
  }

  /**
   * A page of badges by meeting in the middle once: mark the viewer's ball of radius 2 (one BFS),
   * then each target is at its mark's distance, or at 3 if one of its neighbours is marked (only
   * members at distance 2 can be: nearer ones would have marked it), or beyond. Cost O(degree sum
   * of the viewer's 1-ball + the targets' degrees).
   */
  degrees(viewer: number, targets: Int32Array, from: number, to: number): (number | null)[] {
    const v = this.#at(viewer);
    const offsets = this.#offsets;
    const ends = this.#ends;
    const neighbors = this.#neighbors;
    const mark = this.#markA;
    const queue = this.#queueA;
    mark[v] = 1;
    queue[0] = v;
    let tail = 1;
    for (let k = offsets[v]!, end = ends[v]!; k < end; k++) {
      const w = neighbors[k]!;
      mark[w] = 2;
      queue[tail++] = w;
    }
    const first = tail;
    for (let i = 1; i < first; i++) {
      const u = queue[i]!;
      for (let j = offsets[u]!, e = ends[u]!; j < e; j++) {
        const w = neighbors[j]!;
        if (mark[w] !== 0) continue;
        mark[w] = 3;
        queue[tail++] = w;
      }
    }
    const out: (number | null)[] = new Array(to - from);
    for (let i = from; i < to; i++) {
      const t = this.#at(targets[i]!);
      let d: number | null = null;
      if (mark[t] !== 0) d = mark[t]! - 1;
      else {
        for (let k = offsets[t]!, end = ends[t]!; k < end; k++) {
          if (mark[neighbors[k]!] !== 0) {
            d = 3;
            break;
          }
        }
      }
      out[i - from] = d;
    }
    for (let i = 0; i < tail; i++) mark[queue[i]!] = 0;
    return out;
  }

  /** Top-down BFS, level by level, to depth 3, marks cleared through the queue: O(edges within distance 2 of `a`). */
  reach(a: number): [number, number, number] {
    const x = this.#at(a);
    const offsets = this.#offsets;
    const ends = this.#ends;
    const neighbors = this.#neighbors;
    const mark = this.#markA;
    const queue = this.#queueA;
    mark[x] = 1;
    queue[0] = x;
    let from = 0;
    let to = 1;
    const counts: [number, number, number] = [0, 0, 0];
    for (let d = 0; d < 3; d++) {
      let tail = to;
      for (let i = from; i < to; i++) {
        const u = queue[i]!;
        for (let k = offsets[u]!, end = ends[u]!; k < end; k++) {
          const w = neighbors[k]!;
          if (mark[w] !== 0) continue;
          mark[w] = 1;
          queue[tail++] = w;
        }
      }
      counts[d] = tail - to;
      from = to;
      to = tail;
    }
    for (let i = 0; i < to; i++) mark[queue[i]!] = 0;
    return counts;
  }

  /** Position of `w` in row `v` if present, else `-(insertion point) - 1`: binary search, O(log deg). */
  #find(v: number, w: number): number {
    const neighbors = this.#neighbors;
    let lo = this.#offsets[v]!;
    let hi = this.#ends[v]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const x = neighbors[mid]!;
      if (x < w) lo = mid + 1;
      else if (x > w) hi = mid - 1;
      else return mid;
    }
    return -lo - 1;
  }

  /** Removes a connection, shifting the rest of each row left: O(deg a + deg b); whether it existed. */
  disconnect(a: number, b: number): boolean {
    const x = this.#at(a);
    const y = this.#at(b);
    const i = this.#find(x, y);
    if (i < 0) return false;
    const j = this.#find(y, x);
    const neighbors = this.#neighbors;
    neighbors.copyWithin(i, i + 1, this.#ends[x]!);
    this.#ends[x]!--;
    neighbors.copyWithin(j, j + 1, this.#ends[y]!);
    this.#ends[y]!--;
    this.#count--;
    return true;
  }

  /**
   * Adds a connection into the free slots of both rows, shifting right: O(deg a + deg b). A full
   * row (never in the bench: it connects again only what it disconnected) costs a rebuild with
   * slack, O(members + connections). Whether it is new.
   */
  connect(a: number, b: number): boolean {
    const x = this.#at(a);
    const y = this.#at(b);
    if (x === y) throw new Error('csr: a member cannot connect to itself');
    if (this.#find(x, y) >= 0) return false;
    if (this.#ends[x] === this.#offsets[x + 1] || this.#ends[y] === this.#offsets[y + 1]) this.#grow();
    this.#insert(x, y);
    this.#insert(y, x);
    this.#count++;
    return true;
  }

  #insert(v: number, w: number): void {
    const at = -this.#find(v, w) - 1;
    const end = this.#ends[v]!;
    this.#neighbors.copyWithin(at + 1, at, end);
    this.#neighbors[at] = w;
    this.#ends[v] = end + 1;
  }

  /** Copies every row into fresh arrays with room for an eighth more (at least 2 slots). */
  #grow(): void {
    const n = this.#ends.length;
    const offsets = new Int32Array(n + 1);
    for (let v = 0; v < n; v++) {
      const len = this.#ends[v]! - this.#offsets[v]!;
      offsets[v + 1] = offsets[v]! + len + Math.max(2, len >> 3);
    }
    if (offsets[n]! > MAX_SLOTS) throw new Error('csr: too many neighbour slots for Int32 offsets');
    const neighbors = new Int32Array(offsets[n]!);
    const ends = new Int32Array(n);
    for (let v = 0; v < n; v++) {
      const start = this.#offsets[v]!;
      const end = this.#ends[v]!;
      neighbors.set(this.#neighbors.subarray(start, end), offsets[v]!);
      ends[v] = offsets[v]! + end - start;
    }
    this.#offsets = offsets;
    this.#ends = ends;
    this.#neighbors = neighbors;
  }
}
