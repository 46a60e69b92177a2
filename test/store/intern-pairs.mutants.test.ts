import { describe, expect, it } from 'vitest';
import type { HelperTask, HelperThread } from '../../src/store/helper-thread.js';
import { IdInterner } from '../../src/store/id-interner.js';
import { newInternState, processChunk, type ChunkInput } from '../../src/store/intern-chunk.js';
import { internPairs, type InternProblem } from '../../src/store/intern-pairs.js';

/** An in-thread helper that records each task and the pair count of each chunk it is handed. */
function recordingHelper(): HelperThread & { tasks: HelperTask[]; chunks: number[] } {
  let pending: (() => unknown) | null = null;
  const tasks: HelperTask[] = [];
  const chunks: number[] = [];
  return {
    tasks,
    chunks,
    threaded: false,
    submit(task, args) {
      tasks.push(task);
      if (task === 'processChunk') {
        chunks.push((args[1] as ChunkInput).count);
        pending = () => processChunk(...(args as Parameters<typeof processChunk>));
      } else pending = () => newInternState(...(args as Parameters<typeof newInternState>));
    },
    wait() {
      const run = pending!;
      pending = null;
      return run();
    },
    close() {},
  };
}

const reject = (p: InternProblem): never => {
  throw new Error(`${p.kind} ${p.at} ${String(p.value)}`);
};

/** `n` pairs of short ids, grouped by first id. */
function shortPairs(n: number): [string, string][] {
  return Array.from({ length: n }, (_, i) => [`s${i >> 2}`, `t${(i * 37) % 101}`]);
}

function naive(pairs: readonly (readonly [string, string])[]): { src: number[]; dst: number[]; ids: string[] } {
  const index = new Map<string, number>();
  const number = (id: string): number => {
    if (!index.has(id)) index.set(id, index.size);
    return index.get(id)!;
  };
  const src: number[] = [];
  const dst: number[] = [];
  for (const [a, b] of pairs) {
    const u = number(a);
    const v = number(b);
    if (u !== v) {
      src.push(u);
      dst.push(v);
    }
  }
  return { src, dst, ids: [...index.keys()] };
}

describe('internPairs hands chunks to a helper', () => {
  it('with a helper, the first and last chunks of an array are a 64th of the others', () => {
    for (const [total, chunk] of [
      [1000, 128],
      [1000, 64],
      [130, 128],
      [129, 128],
      [300, 100],
    ] as const) {
      const pairs = shortPairs(total);
      const helper = recordingHelper();
      const ids = new IdInterner(4);
      const got = internPairs(pairs, ids, reject, { chunkPairs: chunk, helper: () => helper });
      got.bind();
      const edge = Math.max(1, chunk >> 6);
      // The expected sizes: `edge` first; whole chunks while more than a chunk and an edge are
      // left; then what leaves exactly `edge` for the last.
      const sizes = [Math.min(total, edge)];
      let left = total - sizes[0]!;
      while (left > 0) {
        const size = left > chunk + edge ? chunk : left > edge ? Math.min(chunk, left - edge) : left;
        sizes.push(size);
        left -= size;
      }
      expect(helper.chunks).toEqual(sizes);
      expect(helper.tasks[0]).toBe('newInternState');
      expect(helper.tasks.filter((t) => t === 'processChunk').length).toBe(sizes.length);
      const want = naive(pairs);
      expect(Array.from(got.src.subarray(0, got.edges))).toEqual(want.src);
      expect(Array.from(got.dst.subarray(0, got.edges))).toEqual(want.dst);
      want.ids.forEach((id, i) => expect(ids.idOf(i)).toBe(id));
    }
  });

  it('asks for a helper only for an input of more than one chunk and at least helperMinPairs pairs', () => {
    const cases: [number, number, number, boolean, boolean][] = [
      // total, chunkPairs, helperMinPairs, iterable, asks
      [40, 16, 0, false, true],
      [40, 16, 40, false, true],
      [40, 16, 41, false, false],
      [16, 16, 0, false, false],
      [17, 16, 0, false, true],
      [10, 4, 0, false, true],
      [10, 16, 0, false, false], // 10 pairs fit one chunk
      [20, 4, 0, false, true],
      [40, 16, 0, true, true],
      [16, 16, 0, true, true], // a full first chunk: the iterator may hold more
      [15, 16, 0, true, false],
      [40, 16, 33, true, false], // asked after 32 pairs only when 32 >= helperMinPairs
      [40, 16, 32, true, true],
    ];
    for (const [total, chunkPairs, helperMinPairs, iterable, asks] of cases) {
      const pairs = shortPairs(total);
      let asked = 0;
      const helper = recordingHelper();
      const input = iterable ? (function* () { yield* pairs; })() : pairs;
      const got = internPairs(input, new IdInterner(1), reject, { chunkPairs, helperMinPairs, helper: () => (asked++, helper) });
      got.bind();
      expect([total, chunkPairs, helperMinPairs, iterable, asked]).toEqual([total, chunkPairs, helperMinPairs, iterable, asks ? 1 : 0]);
      expect(got.edges).toBe(naive(pairs).src.length);
    }
  });

  it('works on when the platform gives no helper, and asks once only', () => {
    const pairs = shortPairs(100);
    for (const iterable of [false, true]) {
      let asked = 0;
      const input = iterable ? (function* () { yield* pairs; })() : pairs;
      const ids = new IdInterner(2);
      const got = internPairs(input, ids, reject, { chunkPairs: 10, helper: () => (asked++, null) });
      got.bind();
      expect(asked).toBe(1);
      expect(Array.from(got.src.subarray(0, got.edges))).toEqual(naive(pairs).src);
      expect(ids.size).toBe(naive(pairs).ids.length);
    }
  });

  it('names the ids of an iterable from the chunk where each first appeared, with or without a helper', () => {
    // Long ids (not packed) and short ones, repeated across chunks.
    const pairs: [string, string][] = [];
    for (let i = 0; i < 90; i++) pairs.push([i % 3 === 0 ? `a-long-id-number-${i % 7}` : `x${i % 11}`, `y${(i * 5) % 13}`]);
    for (const withHelper of [false, true]) {
      const ids = new IdInterner(8);
      const got = internPairs((function* () { yield* pairs; })(), ids, reject, { chunkPairs: 8, helper: withHelper ? () => recordingHelper() : undefined });
      got.bind();
      const want = naive(pairs);
      want.ids.forEach((id, i) => {
        expect(ids.idOf(i)).toBe(id);
        expect(ids.indexOf(id)).toBe(i);
      });
    }
  });

  it('reports the position and value of the first bad pair or id, for arrays and iterables', () => {
    const bad: [unknown, string][] = [
      [null, 'pair 2 null'],
      [['x'], 'pair 2 x'],
      ['xy', 'pair 2 xy'],
      [[7, 'b'], 'id 2 7'],
      [['', 'b'], 'id 2 '],
      [['a', ''], 'id 2 '],
      [['a', null], 'id 2 null'],
    ];
    for (const [pair, message] of bad) {
      for (const iterable of [false, true]) {
        const pairs: unknown[] = [['a', 'b'], ['b', 'c'], pair, ['c', 'd']];
        const input = iterable ? (function* () { yield* pairs; })() : pairs;
        const ids = new IdInterner(1);
        expect(() => internPairs(input as [string, string][], ids, reject, { chunkPairs: 2 })).toThrow(message);
        expect(ids.size).toBe(0);
      }
    }
    // Pairs with extra entries are fine: only the first two are read.
    const got = internPairs([['a', 'b', 'c'] as unknown as [string, string]], new IdInterner(1), reject);
    got.bind();
    expect(got.members).toBe(2);
  });

  it('counts self-pairs and pairs read, and leaves the interner empty until bind', () => {
    const pairs: [string, string][] = [['a', 'a'], ['a', 'b'], ['b', 'b'], ['c', 'a'], ['c', 'c']];
    const ids = new IdInterner(1);
    const got = internPairs(pairs, ids, reject, { chunkPairs: 2 });
    expect(ids.size).toBe(0);
    expect(got.pairs).toBe(5);
    expect(got.selfPairs).toBe(3);
    expect(got.edges).toBe(2);
    expect(got.members).toBe(3);
    expect(Array.from(got.src.subarray(0, 2))).toEqual([0, 2]);
    expect(Array.from(got.dst.subarray(0, 2))).toEqual([1, 0]);
    got.bind();
    expect(ids.size).toBe(3);
    expect([ids.idOf(0), ids.idOf(1), ids.idOf(2)]).toEqual(['a', 'b', 'c']);
    const empty = internPairs([], new IdInterner(1), reject);
    empty.bind();
    expect([empty.pairs, empty.edges, empty.members, empty.selfPairs]).toEqual([0, 0, 0, 0]);
  });
});
