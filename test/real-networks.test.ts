/**
 * Real social networks (test/fixtures, see its README.md): counts, degrees, mutual connections
 * and reach checked against reference answers computed with networkx and igraph.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { SocialGraph } from '../src/index.js';

const FIXTURES = new URL('./fixtures/', import.meta.url);

interface Facts {
  sha256: string;
  file_info: { edge_lines: number; self_loop_lines?: number };
  nodes: number;
  edges_undirected_simple: number;
  max_degree: number;
  isolated_nodes: number;
  connected_components: number;
  pair_distance_histogram: Record<string, number>;
}

interface Network {
  name: string;
  file: string;
}

const NETWORKS: Network[] = [
  { name: 'karate', file: 'karate.txt' },
  { name: 'email-eu-core', file: 'email-eu-core.txt.gz' },
  { name: 'ca-grqc', file: 'ca-grqc.txt.gz' },
  { name: 'ego-facebook', file: 'ego-facebook.txt.gz' },
];

type Pair = [string, string];

function readFixture(file: string): Buffer {
  return readFileSync(new URL(file, FIXTURES));
}

/** The file's bytes as published (gunzipped when it ends in `.gz`). */
function rawEdgeList(file: string): Buffer {
  const bytes = readFixture(file);
  return file.endsWith('.gz') ? gunzipSync(bytes) : bytes;
}

/** Pairs of an edge list: `#` comments and blank lines skipped, any whitespace, LF or CRLF. */
function parseEdgeList(text: string): Pair[] {
  const pairs: Pair[] = [];
  for (const rawLine of text.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const fields = trimmed.split(/\s+/);
    const [a, b] = fields;
    if (fields.length !== 2 || a === undefined || b === undefined) {
      throw new Error(`bad edge line ${JSON.stringify(rawLine)}`);
    }
    pairs.push([a, b]);
  }
  return pairs;
}

/** Rows of a tab-separated reference file, header checked and dropped. */
function readTsv(file: string, header: string[]): string[][] {
  const lines = readFixture(file).toString('utf8').split(/\r?\n/).filter((line) => line !== '');
  const [head, ...rows] = lines;
  expect(head?.split('\t')).toEqual(header);
  return rows.map((row) => {
    const fields = row.split('\t');
    if (fields.length !== header.length) throw new Error(`${file}: bad row ${JSON.stringify(row)}`);
    return fields;
  });
}

interface PairRow {
  u: string;
  v: string;
  /** Exact distance, null when unconnected (`inf`). */
  distance: number | null;
}

interface MutualRow {
  u: string;
  v: string;
  common: number;
  kind: string;
}

interface ReachRow {
  node: string;
  d1: number;
  d2: number;
  d3: number;
  kind: string;
}

function count(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`not a count: ${text}`);
  return n;
}

function readPairs(name: string): PairRow[] {
  return readTsv(`${name}.pairs.tsv`, ['u', 'v', 'distance']).map(([u, v, d]) => ({
    u: u!,
    v: v!,
    distance: d === 'inf' ? null : count(d!),
  }));
}

function readMutual(name: string): MutualRow[] {
  return readTsv(`${name}.mutual.tsv`, ['u', 'v', 'common', 'kind']).map(([u, v, c, kind]) => ({
    u: u!,
    v: v!,
    common: count(c!),
    kind: kind!,
  }));
}

function readReach(name: string): ReachRow[] {
  return readTsv(`${name}.reach.tsv`, ['node', 'd1', 'd2', 'd3', 'kind']).map(([node, d1, d2, d3, kind]) => ({
    node: node!,
    d1: count(d1!),
    d2: count(d2!),
    d3: count(d3!),
    kind: kind!,
  }));
}

/** Builds the graph one call at a time: addMember for each new id, connect for each pair. */
function buildIncrementally(pairs: readonly Pair[]): SocialGraph {
  const graph = new SocialGraph();
  // Reverse order and swapped ends, so lists grow in a different order from the bulk load.
  for (let i = pairs.length - 1; i >= 0; i--) {
    const [a, b] = pairs[i]!;
    if (!graph.hasMember(b)) graph.addMember(b);
    if (!graph.hasMember(a)) graph.addMember(a);
    if (a !== b) graph.connect(b, a);
  }
  return graph;
}

/** Every `step`-th element, starting at 0. */
function sample<T>(items: readonly T[], step: number): T[] {
  return items.filter((_, i) => i % step === 0);
}

describe.each(NETWORKS)('real network $name', ({ name, file }) => {
  let facts: Facts;
  let pairs: Pair[];
  let graph: SocialGraph;
  let pairRows: PairRow[];
  let mutualRows: MutualRow[];
  let reachRows: ReachRow[];

  beforeAll(() => {
    facts = JSON.parse(readFixture(`${name}.facts.json`).toString('utf8')) as Facts;
    const raw = rawEdgeList(file);
    expect(createHash('sha256').update(raw).digest('hex'), 'edge list differs from the published file').toBe(facts.sha256);
    pairs = parseEdgeList(raw.toString('utf8'));
    graph = SocialGraph.loadEdges(pairs).graph;
    pairRows = readPairs(name);
    mutualRows = readMutual(name);
    reachRows = readReach(name);
  });

  it('reads every edge line', () => {
    expect(pairs.length).toBe(facts.file_info.edge_lines);
    const report = SocialGraph.loadEdges(pairs).report;
    expect(report.pairs).toBe(facts.file_info.edge_lines);
    expect(report.selfPairs).toBe(facts.file_info.self_loop_lines ?? 0);
    expect(report.connectionCount).toBe(facts.edges_undirected_simple);
    expect(report.memberCount).toBe(facts.nodes);
  });

  it('keeps members that appear only in self-pairs, with no connections', () => {
    const inSelfPair = new Set<string>();
    const inPair = new Set<string>();
    for (const [a, b] of pairs) {
      if (a === b) inSelfPair.add(a);
      else inPair.add(a).add(b);
    }
    const selfOnly = [...inSelfPair].filter((id) => !inPair.has(id));
    // In an edge list, the only way to be an isolated member is a lone self-pair.
    expect(selfOnly).toHaveLength(facts.isolated_nodes);
    for (const id of selfOnly) {
      expect(graph.hasMember(id)).toBe(true);
      expect(graph.connectionCountOf(id)).toBe(0);
      expect(graph.reach(id)).toEqual({ first: 0, second: 0, third: 0 });
    }
    for (const id of inSelfPair) expect(graph.areConnected(id, id)).toBe(false);
  });

  it('has the reference member and connection counts', () => {
    expect(graph.memberCount).toBe(facts.nodes);
    expect(graph.connectionCount).toBe(facts.edges_undirected_simple);
    expect(graph.members()).toHaveLength(facts.nodes);
  });

  it('has the reference max degree, isolated members and degree sum', () => {
    let max = 0;
    let isolated = 0;
    let sum = 0;
    graph.forEachMember((id) => {
      const d = graph.connectionCountOf(id);
      max = Math.max(max, d);
      if (d === 0) isolated++;
      sum += d;
    });
    expect(max).toBe(facts.max_degree);
    expect(isolated).toBe(facts.isolated_nodes);
    expect(sum).toBe(2 * facts.edges_undirected_simple);
  });

  it('has the reference number of connected components', () => {
    const seen = new Set<string>();
    let components = 0;
    graph.forEachMember((start) => {
      if (seen.has(start)) return;
      components++;
      seen.add(start);
      const queue = [start];
      for (let head = 0; head < queue.length; head++) {
        graph.forEachConnection(queue[head]!, (next) => {
          if (!seen.has(next)) {
            seen.add(next);
            queue.push(next);
          }
        });
      }
    });
    expect(components).toBe(facts.connected_components);
  });

  it('answers every reference pair distance (maxDepth 250, both directions)', () => {
    expect(pairRows).toHaveLength(1000);
    const mismatches: string[] = [];
    const histogram: Record<string, number> = {};
    for (const { u, v, distance } of pairRows) {
      const forward = graph.degree(u, v, { maxDepth: 250 });
      const backward = graph.degree(v, u, { maxDepth: 250 });
      if (forward !== distance || backward !== distance) {
        mismatches.push(`${u} ${v}: expected ${distance}, got ${forward} / ${backward}`);
      }
      const key = distance === null ? 'inf' : String(distance);
      histogram[key] = (histogram[key] ?? 0) + 1;
    }
    expect(mismatches).toEqual([]);
    expect(histogram).toEqual(facts.pair_distance_histogram);
  });

  it('cuts distances off at maxDepth 3 (and at the default, which is 3)', () => {
    const mismatches: string[] = [];
    for (const { u, v, distance } of pairRows) {
      const expected = distance !== null && distance <= 3 ? distance : null;
      const capped = graph.degree(u, v, { maxDepth: 3 });
      const byDefault = graph.degree(u, v);
      if (capped !== expected || byDefault !== expected) {
        mismatches.push(`${u} ${v}: expected ${expected}, got ${capped} / default ${byDefault}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('answers the reference pairs in batches: degrees(u, [every v of u])', () => {
    const byViewer = new Map<string, PairRow[]>();
    for (const row of pairRows) {
      const rows = byViewer.get(row.u) ?? [];
      rows.push(row);
      byViewer.set(row.u, rows);
    }
    const mismatches: string[] = [];
    for (const [viewer, rows] of byViewer) {
      const ids = rows.map((row) => row.v);
      const exact = graph.degrees(viewer, ids, { maxDepth: 250 });
      const capped = graph.degrees(viewer, ids, { maxDepth: 3 });
      const byDefault = graph.degrees(viewer, ids);
      rows.forEach(({ v, distance }, i) => {
        const cut = distance !== null && distance <= 3 ? distance : null;
        if (exact[i] !== distance || capped[i] !== cut || byDefault[i] !== cut) {
          mismatches.push(`${viewer} ${v}: expected ${distance}/${cut}, got ${exact[i]}/${capped[i]}/${byDefault[i]}`);
        }
      });
      expect(exact).toHaveLength(ids.length);
    }
    expect(mismatches).toEqual([]);
  });

  it('answers the reference pairs as one batch per viewer over every target', () => {
    // Every v of the file asked from a few viewers: the batch must agree with degree() one by one.
    const targets = [...new Set(pairRows.map((row) => row.v))];
    const mismatches: string[] = [];
    for (const viewer of sample([...new Set(pairRows.map((row) => row.u))], 100)) {
      const batch = graph.degrees(viewer, targets, { maxDepth: 250 });
      targets.forEach((target, i) => {
        const single = graph.degree(viewer, target, { maxDepth: 250 });
        if (batch[i] !== single) mismatches.push(`${viewer} ${target}: batch ${batch[i]}, single ${single}`);
      });
    }
    expect(mismatches).toEqual([]);
  });

  it('answers every reference mutual count', () => {
    expect(mutualRows).toHaveLength(500);
    const mismatches: string[] = [];
    for (const { u, v, common, kind } of mutualRows) {
      const shared = graph.mutualConnections(u, v);
      const n = graph.mutualCount(u, v);
      const reverse = graph.mutualCount(v, u);
      if (n !== common || reverse !== common || shared.length !== common) {
        mismatches.push(`${u} ${v}: expected ${common}, got ${n} / ${reverse} / ${shared.length} ids`);
      }
      if (new Set(shared).size !== shared.length) mismatches.push(`${u} ${v}: repeated ids ${shared.join(',')}`);
      for (const w of shared) {
        if (!graph.areConnected(w, u) || !graph.areConnected(w, v)) {
          mismatches.push(`${u} ${v}: ${w} is not connected to both`);
        }
      }
      if (kind === 'edge' && !graph.areConnected(u, v)) mismatches.push(`${u} ${v}: edge pair not connected`);
      // `2hop` pairs are joined by a two-step path (they share a connection); some are also
      // directly connected, so their degree is 1 or 2.
      if (kind === '2hop') {
        const d = graph.degree(u, v);
        if (common < 1 || (d !== 1 && d !== 2)) mismatches.push(`${u} ${v}: 2hop pair at degree ${d}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('answers every reference reach', () => {
    expect(reachRows.length).toBeGreaterThan(0);
    expect(reachRows.filter((row) => row.kind === 'hub')).toHaveLength(3);
    const mismatches: string[] = [];
    for (const { node, d1, d2, d3, kind } of reachRows) {
      const reach = graph.reach(node);
      if (reach.first !== d1 || reach.second !== d2 || reach.third !== d3) {
        mismatches.push(`${node}: expected ${d1}/${d2}/${d3}, got ${reach.first}/${reach.second}/${reach.third}`);
      }
      if (graph.connectionCountOf(node) !== d1) mismatches.push(`${node}: connectionCountOf is not d1`);
      if (kind === 'hub' && d1 < facts.max_degree / 2) mismatches.push(`${node}: hub with low degree ${d1}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('gives the same answers when built one addMember/connect at a time', () => {
    const built = buildIncrementally(pairs);
    expect(built.memberCount).toBe(facts.nodes);
    expect(built.connectionCount).toBe(facts.edges_undirected_simple);
    expect([...built.members()].sort()).toEqual([...graph.members()].sort());
    const mismatches: string[] = [];
    for (const id of sample(graph.members(), 7)) {
      const bulk = [...graph.connections(id)].sort();
      const incremental = [...built.connections(id)].sort();
      if (bulk.join(',') !== incremental.join(',')) mismatches.push(`${id}: connections differ`);
    }
    for (const { u, v, distance } of sample(pairRows, 5)) {
      const got = built.degree(u, v, { maxDepth: 250 });
      if (got !== distance) mismatches.push(`degree ${u} ${v}: expected ${distance}, got ${got}`);
    }
    for (const { u, v, common } of sample(mutualRows, 5)) {
      const got = built.mutualCount(u, v);
      const ids = [...built.mutualConnections(u, v)].sort();
      const bulkIds = [...graph.mutualConnections(u, v)].sort();
      if (got !== common || ids.join(',') !== bulkIds.join(',')) mismatches.push(`mutual ${u} ${v}: expected ${common}, got ${got}`);
    }
    for (const { node, d1, d2, d3 } of reachRows) {
      const r = built.reach(node);
      if (r.first !== d1 || r.second !== d2 || r.third !== d3) mismatches.push(`reach ${node}: got ${r.first}/${r.second}/${r.third}`);
    }
    const viewer = pairRows[0]!.u;
    const ids = pairRows.map((row) => row.v);
    expect(built.degrees(viewer, ids, { maxDepth: 250 })).toEqual(graph.degrees(viewer, ids, { maxDepth: 250 }));
    expect(mismatches).toEqual([]);
  });
});
