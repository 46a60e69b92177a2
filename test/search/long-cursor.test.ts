/**
 * Issue 15 item 6: the library accepts every cursor it hands out, however long the last hit's id
 * or sort value (they used to be refused past ~3,000 characters).
 */
import { describe, expect, it } from 'vitest';
import { SocialGraph } from '../../src/index.js';

describe('search cursors with long ids and values', () => {
  for (const length of [2_000, 3_000, 10_000, 200_000]) {
    it(`pages through hits whose id and sort value hold ${length} characters`, () => {
      const graph = new SocialGraph({ indexedAttributes: ['title'] });
      graph.addMember('me');
      const ids = ['a', 'b', 'c', 'd'].map((c, i) => c.repeat(length) + (i % 2 === 0 ? '\uD83D\uDE00' : '\u00e9'));
      for (const [i, id] of ids.entries()) {
        graph.addMember(id);
        graph.connect('me', id);
        graph.setProfile(id, { title: String.fromCharCode(0x61 + i).repeat(length) + 'ü' });
      }
      for (const sort of ['degree', { attribute: 'title', order: 'desc' }] as const) {
        const me = graph.viewAs('me');
        const all = me.search({ degree: 1, sort, limit: 10 }).hits.map((h) => h.id);
        expect(all.length).toBe(4);
        const paged: string[] = [];
        let cursor: string | null | undefined;
        for (let pages = 0; pages < 10; pages++) {
          const page = me.search({ degree: 1, sort, limit: 1, ...(cursor ? { cursor } : {}) });
          paged.push(...page.hits.map((h) => h.id));
          cursor = page.nextCursor;
          if (cursor === null) break;
        }
        expect(paged).toEqual(all);
      }
    });
  }
});
