/**
 * The rules of runnable documentation (test/docs/code-blocks.mjs): which comments are asserted
 * values, how they match, how blocks chain. The blocks themselves run in `npm run test:package`
 * (test/docs/run-doc-blocks.mjs, against the built package) and in tsdoc-examples.test.ts.
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs helper shared with the Node script, without types
import { instrument, markdownBlocks, mismatch, programs, valueOfComment } from './code-blocks.mjs';

const value = (comment: string): unknown => (valueOfComment(comment) as { text: string } | null)?.text ?? null;

describe('value comments', () => {
  it('asserts literals, with prose after a separator', () => {
    expect(value('// 2')).toBe('2');
    expect(value("// ['bob']")).toBe("['bob']");
    expect(value('// 2  (2nd degree)')).toBe('2');
    expect(value('// null: out of network')).toBe('null');
    expect(value("// 'Acme' (a frozen copy)")).toBe("'Acme'");
    expect(value('// [1, 2, 3]: a page of badges, viewer expanded once')).toBe('[1, 2, 3]');
    expect(value('// { first: 1, second: 1, third: 1 }')).toBe('{ first: 1, second: 1, third: 1 }');
    expect(value("// [{ id: 'bob', at: 1793491200000 }, ...] newest first")).toBe("[{ id: 'bob', at: 1793491200000 }, ...]");
    expect(value('// true; symmetric in effect')).toBe('true');
    expect(value('// undefined')).toBe('undefined');
    expect(value('// -1')).toBe('-1');
  });

  it('leaves prose alone', () => {
    for (const prose of [
      '// records when',
      '// as in graph',
      '// pending, newest first',
      '// 100 invitations a week',
      '// maxConnectionsPerMember: 30,000 by default',
      '// Uint8Array, anywhere (browsers included)',
      '// default: 3 weeks',
      '// { limit, windowMs, used, remaining, resetAt }',
      '// [{ id, degree, mutualCount }]',
      '// f(x)',
      '//',
    ]) {
      expect(value(prose), prose).toBeNull();
    }
  });

  it('matches structurally, with … for more', () => {
    const expected = (c: string): unknown => (valueOfComment(c) as { value: unknown }).value;
    expect(mismatch([1, 2, 3], expected('// [1, 2, 3]'))).toBeNull();
    expect(mismatch([1, 2, 3], expected('// [1, 2]'))).toBe('value.length');
    expect(mismatch([1, 2, 3], expected('// [1, 2, …]'))).toBeNull();
    expect(mismatch({ a: 1, b: 2 }, expected('// { a: 1 }'))).toBe('.b (not in the comment)');
    expect(mismatch({ a: 1, b: 2 }, expected('// { a: 1, ... }'))).toBeNull();
    expect(mismatch({ a: 1, b: undefined }, expected('// { a: 1 }'))).toBeNull();
    expect(mismatch({ note: 'anything' }, expected("// { note: '…' }"))).toBeNull();
    expect(mismatch(new Int32Array([4, 5]), expected('// [4, 5]'))).toBeNull();
    expect(mismatch(NaN, expected('// NaN'))).toBeNull();
    expect(mismatch('2', expected('// 2'))).toBe('value');
  });
});

describe('blocks', () => {
  const md = [
    '# t',
    '```ts',
    "const a = 1; // 1",
    '```',
    '```sh',
    'npm test',
    '```',
    '<!-- no-run: needs a browser -->',
    '```ts',
    '// continues the block above',
    'a + 1; // 2',
    '```',
    '```typescript',
    'let b = 2;',
    '```',
  ].join('\n');

  it('extracts ts and typescript fences, chains continuations, keeps no-run reasons', () => {
    const blocks = markdownBlocks(md);
    expect(blocks.map((b: { line: number }) => b.line)).toEqual([3, 10, 14]);
    const list = programs(blocks, 't.md');
    expect(list).toHaveLength(2);
    expect(list[0].blocks).toHaveLength(2);
    expect(list[0].noRun).toBe('needs a browser');
    expect(list[0].origin).toEqual([3, 10, 11]);
  });

  it('instruments expression statements and single declarations; rejects others', () => {
    const out = instrument('const a = 1; // 1\na + 1; // 2\nfor (;;) break; // 3\n');
    expect(out.checks).toBe(2);
    expect(out.errors).toHaveLength(1);
    expect(out.code).toContain('__sg_check((a + 1)');
  });
});
