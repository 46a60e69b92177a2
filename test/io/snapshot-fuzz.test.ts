/**
 * Fuzz: 12,000 corruptions of snapshots (bit flips, byte overwrites, insertions, deletions,
 * truncations, appended bytes, swapped ranges), from a fixed seed. Every load must either throw a
 * SocialGraphError SNAPSHOT_CORRUPT / SNAPSHOT_VERSION or give exactly the original graph (members,
 * connections, cap and feature state): never another graph, never another error.
 */
import { describe, expect, it } from 'vitest';
import { SocialGraph, SocialGraphError } from '../../src/index.js';
import { SeededRandom } from '../../src/generators/index.js';
import { FC_SEED } from '../support/fc-config.js';
import { buildGraph, graphState as coreState, type Op } from './graph-state.js';

/** Core state plus the policy state. */
function graphState(graph: SocialGraph): unknown {
  return {
    ...coreState(graph),
    policy: graph.policy().name,
    perMember: graph.members().map((id) => [graph.blockedMembers(id), graph.groupsOf(id), graph.privacy(id)]),
  };
}
import { NOTES_OPTIONS, withNotesSection } from './notes-section.js';

const CORRUPTIONS = 12_000;

type Corruption = (bytes: Uint8Array, random: SeededRandom) => Uint8Array;

const at = (bytes: Uint8Array, random: SeededRandom): number => random.nextInt(bytes.length);

const CORRUPTIONS_BY_KIND: [string, Corruption][] = [
  [
    'flip one bit',
    (bytes, random) => {
      const copy = bytes.slice();
      copy[at(copy, random)]! ^= 1 << random.nextInt(8);
      return copy;
    },
  ],
  [
    'flip several bits',
    (bytes, random) => {
      const copy = bytes.slice();
      for (let k = 1 + random.nextInt(8); k > 0; k--) copy[at(copy, random)]! ^= 1 << random.nextInt(8);
      return copy;
    },
  ],
  [
    'overwrite a byte',
    (bytes, random) => {
      const copy = bytes.slice();
      const i = at(copy, random);
      copy[i] = (copy[i]! + 1 + random.nextInt(255)) & 0xff;
      return copy;
    },
  ],
  [
    'insert bytes',
    (bytes, random) => {
      const i = random.nextInt(bytes.length + 1);
      const extra = Uint8Array.from({ length: 1 + random.nextInt(4) }, () => random.nextInt(256));
      const out = new Uint8Array(bytes.length + extra.length);
      out.set(bytes.subarray(0, i));
      out.set(extra, i);
      out.set(bytes.subarray(i), i + extra.length);
      return out;
    },
  ],
  [
    'delete bytes',
    (bytes, random) => {
      const i = at(bytes, random);
      const n = 1 + random.nextInt(Math.min(8, bytes.length - i));
      const out = new Uint8Array(bytes.length - n);
      out.set(bytes.subarray(0, i));
      out.set(bytes.subarray(i + n), i);
      return out;
    },
  ],
  ['truncate', (bytes, random) => bytes.slice(0, random.nextInt(bytes.length))],
  [
    'append bytes',
    (bytes, random) => {
      const out = new Uint8Array(bytes.length + 1 + random.nextInt(6));
      out.set(bytes);
      for (let i = bytes.length; i < out.length; i++) out[i] = random.nextInt(256);
      return out;
    },
  ],
  [
    'swap two bytes',
    (bytes, random) => {
      const copy = bytes.slice();
      const i = at(copy, random);
      const j = at(copy, random);
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      return copy;
    },
  ],
];

/** Small graphs with removals, odd ids, and notes (a feature section). */
function sampleGraphs(random: SeededRandom): SocialGraph[] {
  const graphs: SocialGraph[] = [new SocialGraph(), SocialGraph.fromEdges([['a', 'b']])];
  const idPool = ['ada', 'bob', 'cy', 'dee', 'é', '😀', 'x\uD800', '007', 'a b', 'zz'];
  for (let g = 0; g < 6; g++) {
    const ops: Op[] = [];
    for (let i = 0; i < 60; i++) {
      const r = random.nextInt(10);
      if (r < 3) ops.push({ kind: 'add', id: `${idPool[random.nextInt(idPool.length)]}${random.nextInt(30)}` });
      else if (r < 8) {
        // Half the graphs record connection times (the `times` section).
        const at = g % 2 === 0 ? 1_600_000_000_000 + random.nextInt(1_000_000) * 1000 : undefined;
        ops.push({ kind: 'connect', x: random.nextInt(1000), y: random.nextInt(1000), at });
      }
      else if (r < 9) ops.push({ kind: 'remove', x: random.nextInt(1000) });
      else ops.push({ kind: 'note', x: random.nextInt(1000), text: `n${random.nextInt(100)}` });
    }
    const graph = buildGraph(ops, 6, true);
    // Policy state (the `policy` section) on some graphs.
    const members = graph.members();
    if (g % 3 !== 2 && members.length >= 3) {
      graph.block(members[0]!, members[1]!);
      graph.joinGroup(members[2]!, `group${g}`);
      graph.setPrivacy(members[1]!, { profileVisibility: 'public' });
      if (g % 3 === 1) graph.setPolicy('strict');
    }
    graphs.push(graph);
  }
  return graphs;
}

describe('snapshot fuzz', () => {
  it(`survives ${CORRUPTIONS.toLocaleString('en-US')} corruptions without yielding a wrong graph (seed ${FC_SEED})`, () => {
    withNotesSection(() => {
      const random = new SeededRandom(FC_SEED);
      const graphs = sampleGraphs(random);
      const originals = graphs.map((graph) => ({ bytes: graph.toBytes(), state: graphState(graph) }));
      const outcomes = new Map<string, number>();
      const count = (key: string): void => {
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      };
      for (let i = 0; i < CORRUPTIONS; i++) {
        const original = originals[i % originals.length]!;
        const [kind, corrupt] = CORRUPTIONS_BY_KIND[random.nextInt(CORRUPTIONS_BY_KIND.length)]!;
        const bytes = corrupt(original.bytes, random);
        // Some corruptions change nothing (a swap of two equal bytes): those must load.
        const unchanged = bytes.length === original.bytes.length && bytes.every((x, k) => x === original.bytes[k]);
        if (unchanged) count('unchanged');
        let loaded: SocialGraph;
        try {
          loaded = SocialGraph.fromBytes(bytes, NOTES_OPTIONS);
        } catch (error) {
          if (!(error instanceof SocialGraphError) || (error.code !== 'SNAPSHOT_CORRUPT' && error.code !== 'SNAPSHOT_VERSION')) {
            throw new Error(`corruption ${i} (${kind}) threw ${String(error)}`);
          }
          count(error.code);
          continue;
        }
        // Loaded: it must be exactly the original, every feature's state included (its bytes).
        expect(graphState(loaded), `corruption ${i} (${kind}) loaded another graph`).toEqual(original.state);
        expect(loaded.toBytes(), `corruption ${i} (${kind}) loaded another graph`).toEqual(original.bytes);
        count('loaded');
      }
      // Every corruption that changed a byte was rejected: only the unchanged ones loaded.
      expect(outcomes.get('loaded') ?? 0, JSON.stringify([...outcomes])).toBe(outcomes.get('unchanged') ?? 0);
      expect(outcomes.get('SNAPSHOT_CORRUPT') ?? 0).toBeGreaterThan(CORRUPTIONS * 0.9);
    });
  });
});
