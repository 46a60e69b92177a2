/**
 * LeanGraph answers as SocialGraph does on a real network, shares its snapshot format for graphs
 * without feature state, and refuses a snapshot that holds feature state.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SocialGraph } from '../../src/index.js';
import { LeanGraph } from '../../src/lean.js';
import { codeOf } from '../support/errors.js';

const text = gunzipSync(readFileSync(new URL('../fixtures/email-eu-core.txt.gz', import.meta.url))).toString('utf8');
const pairs = text
  .split('\n')
  .filter((line) => line.length > 0 && !line.startsWith('#'))
  .map((line) => line.split(/\s+/) as [string, string]);

describe('LeanGraph', () => {
  const full = SocialGraph.fromEdges(pairs);
  const lean = LeanGraph.fromEdges(pairs);

  it('answers every query as SocialGraph does', () => {
    const ids = full.members();
    expect(lean.members()).toEqual(ids);
    expect(lean.connectionCount).toBe(full.connectionCount);
    for (let i = 0; i < 300; i++) {
      const a = ids[(i * 7919) % ids.length]!;
      const b = ids[(i * 104729) % ids.length]!;
      expect(lean.degree(a, b)).toBe(full.degree(a, b));
      expect(lean.mutualConnections(a, b)).toEqual(full.mutualConnections(a, b));
      expect(lean.mutualCount(a, b)).toBe(full.mutualCount(a, b));
    }
    for (const id of ids.slice(0, 20)) expect(lean.reach(id)).toEqual(full.reach(id));
    expect(lean.degrees(ids[0]!, ids.slice(0, 50))).toEqual(full.degrees(ids[0]!, ids.slice(0, 50)));
  });

  it('shares the snapshot format for graphs without feature state', () => {
    expect(lean.toBytes()).toEqual(full.toBytes());
    expect(LeanGraph.fromBytes(full.toBytes()).toBytes()).toEqual(full.toBytes());
    expect(SocialGraph.fromBytes(lean.toBytes()).toBytes()).toEqual(full.toBytes());
  });

  it('refuses a snapshot holding feature state rather than dropping it', () => {
    const graph = SocialGraph.fromEdges([['a', 'b']]);
    graph.block('a', 'b');
    expect(codeOf(() => LeanGraph.fromBytes(graph.toBytes()))).toBe('SNAPSHOT_VERSION');
  });

  it('checks its options like SocialGraph', () => {
    expect(codeOf(() => new LeanGraph({ maxConnectionsPerMember: 0 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => new LeanGraph({ indexedAttributes: ['x'] } as never))).toBe('INVALID_OPTION');
    const graph = new LeanGraph({ maxConnectionsPerMember: 1 });
    for (const id of ['a', 'b', 'c']) graph.addMember(id);
    graph.connect('a', 'b');
    expect(codeOf(() => graph.connect('a', 'c'))).toBe('CONNECTION_LIMIT');
  });
});
