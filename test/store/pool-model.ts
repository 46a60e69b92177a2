/**
 * A model of CompactAdjacencyStore's pool, written from its documented layout (module comment of
 * src/store/compact-adjacency-store.ts) and never calling it: size classes 1, 2, 4, 8, 12, 16,
 * then four per doubling, capped at maxDegree; a list moves to a fresh block of the class for
 * n + 1 when its block is full and, past the first four classes, to the class for 2(n - 1) when a
 * removal leaves it under a quarter full; freed blocks go on a stack per class and are reused
 * last-in first-out before the bump pointer advances; the pool is compacted when free slots
 * exceed both 65,536 and a third of the reserved slots. It predicts every address, so tests can
 * compare `offsetOf` and `stats()` exactly. One slab only (tests stay far below 2^22 slots).
 */
export interface ModelStats {
  memberCount: number;
  connectionCount: number;
  usedSlots: number;
  blockSlots: number;
  freeSlots: number;
  reservedSlots: number;
  allocatedSlots: number;
  bytes: number;
  compactions: number;
}

/** Block capacities for lists of up to `maxDegree` entries. */
export function modelCaps(maxDegree: number): number[] {
  const caps: number[] = [];
  for (const c of [1, 2, 4, 8, 12, 16]) if (c < maxDegree) caps.push(c);
  for (let power = 16; ; power *= 2) {
    // Quarters of the doubling up to 32, eighths from 32 to 512, quarters beyond.
    const part = power >= 32 && power < 512 ? power / 8 : power / 4;
    for (let c = power + part; c <= 2 * power; c += part) {
      if (c >= maxDegree) {
        caps.push(maxDegree);
        return caps;
      }
      caps.push(c);
    }
  }
}

/** Entries per slab. */
export const SLAB = 2 ** 22;
/**
 * The store's arrays for work left for later, at their first sizes (nothing here defers any):
 * the queue of lists with a tail (64 int32), the tail scratch (32) and `link`'s buffer (2 × 64).
 * The bit per member that marks a waiting append is counted with the records.
 */
const DEFERRED_BYTES = 4 * (64 + 32 + 2 * 64);

/** First position in the ascending `list` holding a value >= `w` (a plain binary search). */
function lowerBound(list: readonly number[], w: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < w) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class PoolModel {
  readonly caps: number[];
  bound = 0;
  alive: boolean[] = [];
  lists: number[][] = [];
  cls: number[] = [];
  addr: number[] = [];
  freeMembers: number[] = [];
  freeMembersCapacity = 16;
  metaCapacity: number;
  stacks: number[][];
  stackCapacity: number[];
  bump = 0;
  /** Length of each slab (2^22 entries at most; a block never straddles two). */
  slabLengths: number[] = [1024];
  used = 0;
  blockSlots = 0;
  freeSlots = 0;
  compactions = 0;
  times = false;

  constructor(readonly maxDegree: number, initialMembers = 16) {
    this.caps = modelCaps(maxDegree);
    this.stacks = this.caps.map(() => []);
    this.stackCapacity = this.caps.map(() => 16);
    this.metaCapacity = Math.max(16, initialMembers);
  }

  /** What `loadSortedLists` makes of an empty store: each list in a block of its class, in order. */
  loadSorted(lists: number[][]): void {
    let bump = 0;
    for (let v = 0; v < lists.length; v++) {
      this.lists[v] = [...lists[v]!];
      this.alive[v] = true;
      this.cls[v] = -1;
      this.addr[v] = 0;
      const d = lists[v]!.length;
      this.used += d;
      if (d === 0) continue;
      const c = this.classFor(d);
      const size = this.caps[c]!;
      if ((bump % SLAB) + size > SLAB) bump = (Math.floor(bump / SLAB) + 1) * SLAB;
      this.addr[v] = bump;
      this.cls[v] = c;
      bump += size;
      this.blockSlots += size;
    }
    this.bound = lists.length;
    this.metaCapacity = Math.max(16, lists.length);
    this.bump = bump;
    const count = Math.max(1, Math.ceil(bump / SLAB));
    this.slabLengths = Array.from({ length: count }, (_, i) => Math.max(1024, Math.min(SLAB, bump - i * SLAB)));
  }

  classFor(n: number): number {
    return this.caps.findIndex((c) => c >= n);
  }

  allocateMember(): number {
    let v: number;
    if (this.freeMembers.length > 0) v = this.freeMembers.pop()!;
    else {
      v = this.bound++;
      if (v === this.metaCapacity) this.metaCapacity = Math.max(v + 1, Math.ceil(this.metaCapacity * 1.25));
      this.lists[v] = [];
      this.cls[v] = -1;
      this.addr[v] = 0;
    }
    this.alive[v] = true;
    return v;
  }

  releaseMember(v: number): void {
    this.#freeBlock(v);
    this.alive[v] = false;
    if (this.freeMembers.length === this.freeMembersCapacity) this.freeMembersCapacity *= 2;
    this.freeMembers.push(v);
  }

  #freeBlock(v: number): void {
    const c = this.cls[v]!;
    if (c < 0) return;
    const stack = this.stacks[c]!;
    if (stack.length === this.stackCapacity[c]) this.stackCapacity[c]! *= 2;
    stack.push(this.addr[v]!);
    this.freeSlots += this.caps[c]!;
    this.blockSlots -= this.caps[c]!;
    this.cls[v] = -1;
    this.addr[v] = 0;
  }

  #allocate(c: number): number {
    const size = this.caps[c]!;
    const stack = this.stacks[c]!;
    if (stack.length > 0) {
      this.freeSlots -= size;
      return stack.pop()!;
    }
    let at = this.bump;
    if ((at % SLAB) + size > SLAB) at = (Math.floor(at / SLAB) + 1) * SLAB;
    const s = Math.floor(at / SLAB);
    const end = (at % SLAB) + size;
    const length = this.slabLengths[s];
    if (length === undefined) this.slabLengths[s] = Math.max(1024, end);
    else if (length < end) this.slabLengths[s] = Math.min(SLAB, Math.max(end, Math.ceil(length * 1.25)));
    this.bump = at + size;
    return at;
  }

  #move(v: number, c: number): void {
    const at = this.#allocate(c);
    this.#freeBlock(v);
    this.addr[v] = at;
    this.cls[v] = c;
    this.blockSlots += this.caps[c]!;
  }

  insert(v: number, w: number): boolean {
    const list = this.lists[v]!;
    const at = lowerBound(list, w);
    if (list[at] === w) return false;
    const n = list.length;
    const c = this.cls[v]!;
    if (c < 0 || n === this.caps[c]) this.#move(v, this.classFor(n + 1));
    list.splice(at, 0, w);
    this.used++;
    return true;
  }

  remove(v: number, w: number): boolean {
    const list = this.lists[v]!;
    const at = lowerBound(list, w);
    if (list[at] !== w) return false;
    list.splice(at, 1);
    this.used--;
    const n = list.length;
    if (n === 0) this.#freeBlock(v);
    else {
      const c = this.cls[v]!;
      if (c > 3 && n * 4 < this.caps[c]!) this.#move(v, this.classFor(2 * n));
    }
    this.#maybeCompact();
    return true;
  }

  clear(v: number): number[] {
    const removed = this.lists[v]!;
    this.lists[v] = [];
    this.used -= removed.length;
    this.#freeBlock(v);
    this.#maybeCompact();
    return removed;
  }

  #maybeCompact(): void {
    if (this.freeSlots > 65_536 && this.freeSlots * 3 > this.bump) this.compact();
  }

  compact(): void {
    this.slabLengths = [1024];
    this.bump = 0;
    this.stacks = this.caps.map(() => []);
    this.stackCapacity = this.caps.map(() => 16);
    this.freeSlots = 0;
    this.blockSlots = 0;
    for (let v = 0; v < this.bound; v++) {
      const n = this.lists[v]!.length;
      if (n === 0) continue;
      let c = this.cls[v]!;
      if (c > 3 && 2 * n <= this.caps[c]!) c = this.classFor(n);
      this.addr[v] = this.#allocate(c);
      this.cls[v] = c;
      this.blockSlots += this.caps[c]!;
    }
    this.compactions++;
  }

  /** What `indexOfNeighbor` answers: the position, or -(insertion point) - 1. */
  indexOf(v: number, w: number): number {
    const list = this.lists[v]!;
    const at = list.indexOf(w);
    if (at >= 0) return at;
    const insertion = list.filter((x) => x < w).length;
    return -insertion - 1;
  }

  stats(): ModelStats {
    const stackBytes = this.stackCapacity.reduce((t, c) => t + 4 * c, 0);
    return {
      memberCount: this.alive.filter(Boolean).length,
      connectionCount: this.used / 2,
      usedSlots: this.used,
      blockSlots: this.blockSlots,
      freeSlots: this.freeSlots,
      reservedSlots: this.bump,
      allocatedSlots: this.slabLengths.reduce((t, l) => t + l, 0),
      bytes: this.slabLengths.reduce((t, l) => t + l, 0) * (this.times ? 8 : 4) + this.metaCapacity * 17 + stackBytes + this.freeMembersCapacity * 4 + DEFERRED_BYTES + 4 * Math.ceil(this.metaCapacity / 32),
      compactions: this.compactions,
    };
  }
}
