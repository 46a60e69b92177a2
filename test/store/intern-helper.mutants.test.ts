import { describe, expect, it } from 'vitest';
import type { HelperTask, HelperThread } from '../../src/store/helper-thread.js';
import { IdInterner } from '../../src/store/id-interner.js';
import { newInternState, processChunk } from '../../src/store/intern-chunk.js';
import { internPairs, type InternProblem } from '../../src/store/intern-pairs.js';

/** An in-thread helper that runs each task when it is waited for, counting submits and waits. */
function lazyHelper(): HelperThread & { tasks: HelperTask[]; waits: number } {
  let pending: (() => unknown) | null = null;
  const helper = {
    tasks: [] as HelperTask[],
    waits: 0,
    threaded: false,
    submit(task: HelperTask, args: unknown[]) {
      helper.tasks.push(task);
      pending = task === 'processChunk' ? () => processChunk(...(args as Parameters<typeof processChunk>)) : () => newInternState(...(args as Parameters<typeof newInternState>));
    },
    wait() {
      helper.waits++;
      const run = pending!;
      pending = null;
      return run();
    },
    close() {},
  };
  return helper;
}

const reject = (p: InternProblem): never => {
  throw new Error(`${p.kind} ${p.at}`);
};

describe('internPairs and its helper after a failure, and long iterables', () => {
  it('waits for the chunk the helper holds before it throws, so the helper is free again', () => {
    const pairs: unknown[] = [];
    for (let i = 0; i < 100; i++) pairs.push([`a${i}`, `b${i}`]);
    pairs[57] = ['a57', 7];
    for (const iterable of [false, true]) {
      const helper = lazyHelper();
      const ids = new IdInterner(3);
      const input = iterable ? (function* () { yield* pairs; })() : pairs;
      expect(() => internPairs(input as [string, string][], ids, reject, { chunkPairs: 10, helper: () => helper })).toThrow(/^id 57$/);
      expect(ids.size).toBe(0);
      expect(helper.waits).toBe(helper.tasks.length);
      expect(helper.tasks).toContain('processChunk');
    }
  });

  it('grows its output for an iterable of more pairs than it guessed (1,024)', () => {
    const pairs: [string, string][] = [];
    for (let i = 0; i < 3000; i++) pairs.push([`u${i % 700}`, `v${(i * 13) % 900}`]);
    for (const helper of [undefined, () => lazyHelper()]) {
      const ids = new IdInterner(5);
      const got = internPairs((function* () { yield* pairs; })(), ids, reject, { chunkPairs: 500, helper });
      got.bind();
      expect(got.edges).toBe(3000);
      expect(got.pairs).toBe(3000);
      for (let i = 0; i < 3000; i += 37) {
        expect(got.src[i]).toBe(ids.indexOf(`u${i % 700}`));
        expect(got.dst[i]).toBe(ids.indexOf(`v${(i * 13) % 900}`));
      }
    }
  });
});
