import { afterEach, describe, expect, it, vi } from 'vitest';
import { countSeconds, listInt32, scatterSeconds } from '../../src/store/bulk-lists.js';
import { internArray, newInternState } from '../../src/store/intern-chunk.js';

/** The passes' arrays must be shareable with a helper thread wherever the platform can share. */
describe('memory of the bulk-load passes', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('is shared memory where SharedArrayBuffer exists', () => {
    expect(listInt32(4).buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(listInt32(4).length).toBe(4);
    expect(internArray(Float64Array, 3).buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(internArray(Float64Array, 3).length).toBe(3);
    const { seconds } = countSeconds(Int32Array.of(1), 1, 2, 0, 2);
    expect(seconds.buffer).toBeInstanceOf(SharedArrayBuffer);
    const { pending, bounds } = scatterSeconds(Int32Array.of(0), Int32Array.of(1), 1, 0, Int32Array.of(0, 0, 1));
    expect(pending.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(bounds.buffer).toBeInstanceOf(SharedArrayBuffer);
    const state = newInternState(8, 4);
    for (const array of [state.table, state.src, state.dst, state.finalOf, state.nameWords, state.firstSeen]) expect(array.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(state.firstSeen)).toEqual([-1, -1, -1, -1]);
    expect(state.table.length).toBe(4 << 11);
    expect(state.table.every((x) => x === -1)).toBe(true);
  });

  it('is a plain ArrayBuffer, zero-filled, where it does not', () => {
    vi.stubGlobal('SharedArrayBuffer', undefined);
    const list = listInt32(5);
    expect(list.buffer).toBeInstanceOf(ArrayBuffer);
    expect(Array.from(list)).toEqual([0, 0, 0, 0, 0]);
    const floats = internArray(Float64Array, 2);
    expect(floats.buffer).toBeInstanceOf(ArrayBuffer);
    expect(floats.length).toBe(2);
  });
});
