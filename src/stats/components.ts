/**
 * connectedComponents: the connected components of a CSR snapshot.
 *
 * @packageDocumentation
 */

/** Components: members listed component by component. @internal */
export interface Components {
  /** Component of each member (0..count-1). */
  readonly of: Int32Array;
  /** Members of component c: `order[start[c] .. start[c + 1])`. */
  readonly order: Int32Array;
  readonly start: Int32Array;
  readonly count: number;
}

/**
 * Connected components by breadth-first search.
 *
 * @remarks O(n + m) time, 12·n bytes.
 * @internal
 */
export function connectedComponents(offsets: Int32Array, targets: Int32Array, members: number): Components {
  const of = new Int32Array(members).fill(-1);
  const order = new Int32Array(members);
  const starts: number[] = [];
  let tail = 0;
  for (let root = 0; root < members; root++) {
    if (of[root] !== -1) continue;
    const c = starts.length;
    starts.push(tail);
    of[root] = c;
    let head = tail;
    order[tail++] = root;
    while (head < tail) {
      const v = order[head++]!;
      const end = offsets[v + 1]!;
      for (let k = offsets[v]!; k < end; k++) {
        const w = targets[k]!;
        if (of[w] === -1) {
          of[w] = c;
          order[tail++] = w;
        }
      }
    }
  }
  starts.push(tail);
  return { of, order, start: Int32Array.from(starts), count: starts.length - 1 };
}
