/**
 * graphology interop: toGraphology (whole graph, induced subgraph, ego network) and
 * fromGraphology (directed, mixed, multi, self-loops), round trips both ways.
 */
import fc from 'fast-check';
import Graph, { DirectedGraph, MultiGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { SocialGraph } from '../../src/index.js';
import { fromGraphology, toGraphology } from '../../src/graphology/index.js';
import { fcParams } from '../support/fc-config.js';
import { buildGraph, graphState, opsArb } from './graph-state.js';
import { codeOf } from '../support/errors.js';

function edgesOf(g: Graph): string[] {
  const out: string[] = [];
  g.forEachEdge((_e, _a, s, t) => out.push(s < t ? `${s}|${t}` : `${t}|${s}`));
  return out.sort();
}

function connectionsOf(graph: SocialGraph, members?: Set<string>): string[] {
  const out: string[] = [];
  for (const a of graph.members()) {
    if (members && !members.has(a)) continue;
    for (const b of graph.connections(a)) if (a < b && (!members || members.has(b))) out.push(`${a}|${b}`);
  }
  return out.sort();
}

describe('graphology interop', () => {
  it('round-trips random graphs: SocialGraph → graphology → SocialGraph (property)', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        const graph = buildGraph(ops, 8);
        const g = toGraphology(graph);
        expect(g.type).toBe('undirected');
        expect(g.order).toBe(graph.memberCount);
        expect(g.size).toBe(graph.connectionCount);
        expect(g.nodes()).toEqual(graph.members());
        expect(edgesOf(g)).toEqual(connectionsOf(graph));
        const back = fromGraphology(g, { maxConnectionsPerMember: 8 });
        // Everything but connection times, which graphology carries as an edge attribute only.
        expect({ ...graphState(back), times: [] }).toEqual({ ...graphState(graph), times: [] });
        g.forEachEdge((_e, attributes, a, b) => expect(attributes['connectedAt'] ?? null).toBe(graph.connectedAt(a, b)));
      }),
      fcParams(200),
    );
  });

  it('exports the subgraph induced by some members, and ego networks', () => {
    // a - b - c - d - e, plus b - x
    const graph = SocialGraph.fromEdges([['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['b', 'x']]);
    const sub = toGraphology(graph, { members: ['c', 'b', 'x', 'e', 'b'] });
    expect(sub.nodes()).toEqual(['c', 'b', 'x', 'e']);
    expect(edgesOf(sub)).toEqual(['b|c', 'b|x']);
    const ego1 = toGraphology(graph, { ego: { id: 'c' } });
    expect(ego1.nodes().sort()).toEqual(['b', 'c', 'd']);
    expect(edgesOf(ego1)).toEqual(['b|c', 'c|d']);
    const ego2 = toGraphology(graph, { ego: { id: 'c', radius: 2 } });
    expect(ego2.nodes().sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'x']);
    expect(toGraphology(graph, { ego: { id: 'c', radius: 0 } }).nodes()).toEqual(['c']);
  });

  it('matches the induced subgraph of random member sets (property)', () => {
    fc.assert(
      fc.property(opsArb, fc.array(fc.nat()), (ops, picks) => {
        const graph = buildGraph(ops, 8);
        const all = graph.members();
        if (all.length === 0) return;
        const chosen = new Set(picks.map((i) => all[i % all.length]!));
        const g = toGraphology(graph, { members: chosen });
        expect(new Set(g.nodes())).toEqual(chosen);
        expect(edgesOf(g)).toEqual(connectionsOf(graph, chosen));
      }),
      fcParams(100),
    );
  });

  it('imports directed, multi and self-looped graphology graphs as undirected simple connections', () => {
    const directed = new DirectedGraph();
    directed.mergeEdge('a', 'b');
    directed.mergeEdge('b', 'a');
    directed.mergeEdge('b', 'c');
    directed.mergeEdge('c', 'c');
    directed.addNode('lonely');
    const fromDirected = fromGraphology(directed);
    expect(fromDirected.members()).toEqual(['a', 'b', 'c', 'lonely']);
    expect(connectionsOf(fromDirected)).toEqual(['a|b', 'b|c']);
    const multi = new MultiGraph();
    multi.mergeNode('p');
    multi.mergeNode('q');
    multi.addEdge('p', 'q');
    multi.addEdge('q', 'p');
    multi.addUndirectedEdge('p', 'q');
    expect(fromGraphology(multi).connectionCount).toBe(1);
  });

  it('throws typed errors for bad input, changing nothing', () => {
    const graph = SocialGraph.fromEdges([['a', 'b']]);
    expect(codeOf(() => toGraphology(graph, { members: ['a', 'nobody'] }))).toBe('MEMBER_NOT_FOUND');
    expect(codeOf(() => toGraphology(graph, { members: ['a', 42 as never] }))).toBe('INVALID_ID');
    expect(codeOf(() => toGraphology(graph, { members: 'ab' as never }))).toBe('INVALID_OPTION');
    expect(codeOf(() => toGraphology(graph, { ego: { id: 'nobody' } }))).toBe('MEMBER_NOT_FOUND');
    expect(codeOf(() => toGraphology(graph, { ego: { id: 'a', radius: 4 } }))).toBe('INVALID_OPTION');
    expect(codeOf(() => toGraphology(graph, { ego: { id: 'a' }, members: ['a'] }))).toBe('INVALID_OPTION');
    expect(codeOf(() => toGraphology({} as never))).toBe('INVALID_OPTION');
    expect(codeOf(() => toGraphology(graph, null as never))).toBe('INVALID_OPTION');
    expect(codeOf(() => fromGraphology({} as never))).toBe('INVALID_OPTION');
    expect(codeOf(() => fromGraphology(null as never))).toBe('INVALID_OPTION');
    const star = new Graph();
    for (const leaf of ['x', 'y', 'z']) star.mergeEdge('hub', leaf);
    expect(codeOf(() => fromGraphology(star, { maxConnectionsPerMember: 2 }))).toBe('CONNECTION_LIMIT');
    const empty = new Graph();
    empty.addNode('');
    expect(codeOf(() => fromGraphology(empty))).toBe('INVALID_ID');
  });
});
