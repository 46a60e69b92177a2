import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdInterner } from '../../src/store/id-interner.js';
import { fcParams } from '../support/fc-config.js';

describe('IdInterner', () => {
  it('matches a Map under random set/delete (small seeds force collisions)', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.array(fc.tuple(fc.boolean(), fc.string({ minLength: 1, maxLength: 4 })), { maxLength: 400 }),
        (seed, ops) => {
          const interner = new IdInterner(seed);
          const model = new Map<string, number>();
          const free: number[] = [];
          let next = 0;
          for (const [add, id] of ops) {
            if (add && !model.has(id)) {
              const index = free.pop() ?? next++;
              interner.set(id, index);
              model.set(id, index);
            } else if (!add && model.has(id)) {
              interner.delete(id, model.get(id)!);
              free.push(model.get(id)!);
              model.delete(id);
            }
            expect(interner.size).toBe(model.size);
          }
          for (const [id, index] of model) {
            expect(interner.indexOf(id)).toBe(index);
            expect(interner.idOf(index)).toBe(id);
          }
          for (const [, id] of ops) if (!model.has(id)) expect(interner.indexOf(id)).toBe(-1);
          const seen: string[] = [];
          interner.forEach((id) => seen.push(id));
          expect(seen.sort()).toEqual([...model.keys()].sort());
        },
      ),
      fcParams(300),
    );
  });

  it('tells apart ids that pack alike or almost (short and long, NUL, beyond U+00FF, prefixes)', () => {
    const tricky = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 10 }),
      fc.string({ unit: fc.constantFrom('a', '\u0000', '\u00ff', '\u0100', 'b'), maxLength: 10 }),
      fc.constantFrom('abcdefgh', 'abcdefghi', 'abcdefg', 'abcdefgh\u0000', '\u00ffabc', 'ab', 'ab\u0000'),
    );
    fc.assert(
      fc.property(fc.integer(), fc.uniqueArray(tricky.filter((id) => id.length > 0), { maxLength: 200 }), fc.array(tricky, { maxLength: 200 }), (seed, bound, probes) => {
        const interner = new IdInterner(seed);
        bound.forEach((id, i) => interner.set(id, i));
        bound.forEach((id, i) => {
          // Equal content, another string object.
          expect(interner.indexOf(id.split('').join(''))).toBe(i);
        });
        for (const id of probes) expect(interner.indexOf(id)).toBe(bound.indexOf(id));
        if (bound.length > 1) {
          interner.delete(bound[0]!, 0);
          expect(interner.indexOf(bound[0]!)).toBe(-1);
          for (let i = 1; i < bound.length; i++) expect(interner.indexOf(bound[i]!)).toBe(i);
        }
      }),
      fcParams(300),
    );
  });

  it('finds equal strings that are different objects', () => {
    const interner = new IdInterner(1);
    interner.set(['u', '42'].join(''), 0);
    expect(interner.indexOf(`u${40 + 2}`)).toBe(0);
  });
});
