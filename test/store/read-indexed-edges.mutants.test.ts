import { describe, expect, it } from 'vitest';
import { SocialGraphError } from '../../src/errors.js';
import { MAX_BULK_MEMBERS, readIndexedEdges } from '../../src/store/read-indexed-edges.js';

const METHOD = 'SocialGraph.fromIndexedEdges';
const s2 = Int32Array.of(0, 1);
const t2 = Int32Array.of(1, 0);

/** The error code `readIndexedEdges` throws for `edges`, or 'ok'. */
function codeOf(edges: unknown): string {
  try {
    readIndexedEdges(METHOD, edges);
    return 'ok';
  } catch (error) {
    expect(error).toBeInstanceOf(SocialGraphError);
    expect((error as SocialGraphError).message.startsWith(`${METHOD}: `)).toBe(true);
    return (error as SocialGraphError).code;
  }
}

describe('readIndexedEdges checks every field before any work', () => {
  it('accepts members from 0 to 2^30 and nothing else', () => {
    expect(MAX_BULK_MEMBERS).toBe(2 ** 30);
    const base = { ids: () => 'x', sources: s2, targets: t2 };
    for (const members of [0, 1, 2, MAX_BULK_MEMBERS]) expect(codeOf({ ...base, memberCount: members })).toBe('ok');
    for (const members of [-1, MAX_BULK_MEMBERS + 1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '2', null, undefined, 2n]) {
      expect(codeOf({ ...base, memberCount: members })).toBe('INVALID_OPTION');
    }
  });

  it('rejects an edges argument that is not an object', () => {
    for (const edges of [null, undefined, 3, 'edges', true]) expect(codeOf(edges)).toBe('INVALID_OPTION');
  });

  it('wants Int32Array sources and targets', () => {
    const base = { ids: ['a', 'b'], memberCount: 2 };
    expect(codeOf({ ...base, sources: s2, targets: t2 })).toBe('ok');
    expect(codeOf({ ...base, sources: [0, 1], targets: t2 })).toBe('INVALID_OPTION');
    expect(codeOf({ ...base, sources: s2, targets: [1, 0] })).toBe('INVALID_OPTION');
    expect(codeOf({ ...base, sources: Uint32Array.of(0, 1), targets: t2 })).toBe('INVALID_OPTION');
    expect(codeOf({ ...base, sources: s2, targets: Uint32Array.of(1, 0) })).toBe('INVALID_OPTION');
  });

  it('reads edges as the length of sources by default, else an integer within both arrays', () => {
    const base = { ids: ['a', 'b', 'c'], memberCount: 3 };
    expect(readIndexedEdges(METHOD, { ...base, sources: Int32Array.of(0, 1, 2), targets: Int32Array.of(1, 2, 0, 0) }).m).toBe(3);
    const sources = Int32Array.of(0, 1, 2);
    const targets = Int32Array.of(1, 2);
    for (const edges of [0, 1, 2]) expect(readIndexedEdges(METHOD, { ...base, sources, targets, edges }).m).toBe(edges);
    // 3 fits sources but not targets; 4 fits neither.
    for (const edges of [3, 4, -1, 1.5, Number.NaN, '1', null]) expect(codeOf({ ...base, sources, targets, edges })).toBe('INVALID_OPTION');
    expect(codeOf({ ...base, sources: targets, targets: sources, edges: 3 })).toBe('INVALID_OPTION');
    expect(readIndexedEdges(METHOD, { ...base, sources: targets, targets: sources, edges: 2 }).m).toBe(2);
  });

  it('takes ids as an array of at least one id per member, or a function', () => {
    const arrays = { sources: s2, targets: t2 };
    const fromArray = readIndexedEdges(METHOD, { ...arrays, ids: ['a', 'b', 'c'], memberCount: 2 });
    expect([fromArray.idOf(0), fromArray.idOf(1), fromArray.idOf(2)]).toEqual(['a', 'b', 'c']);
    expect(readIndexedEdges(METHOD, { ...arrays, ids: ['a', 'b'], memberCount: 2 }).idOf(1)).toBe('b');
    expect(codeOf({ ...arrays, ids: ['a'], memberCount: 2 })).toBe('INVALID_ID');
    expect(codeOf({ ...arrays, ids: [], memberCount: 0 })).toBe('ok');
    const fn = (i: number): string => `m${i}`;
    const fromFunction = readIndexedEdges(METHOD, { ...arrays, ids: fn, memberCount: 2 });
    expect(fromFunction.idOf).toBe(fn);
    for (const ids of [undefined, null, 'ab', { 0: 'a', 1: 'b', length: 2 }]) expect(codeOf({ ...arrays, ids, memberCount: 2 })).toBe('INVALID_OPTION');
  });

  it('hands back the arrays and the member count it was given', () => {
    const got = readIndexedEdges(METHOD, { ids: ['a', 'b'], memberCount: 2, sources: s2, targets: t2 });
    expect(got.members).toBe(2);
    expect(got.sources).toBe(s2);
    expect(got.targets).toBe(t2);
    expect(got.m).toBe(2);
  });

  it('names the method and the bad value in its message', () => {
    expect(() => readIndexedEdges('Caller.method', { ids: ['a'], memberCount: -3, sources: s2, targets: t2 })).toThrow(/^Caller\.method: .*-3/);
    expect(() => readIndexedEdges('Caller.method', { ids: ['a'], memberCount: 2, sources: s2, targets: t2 })).toThrow(/^Caller\.method: .*\(2\)/);
  });
});
