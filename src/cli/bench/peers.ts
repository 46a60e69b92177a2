/**
 * The libraries raced against SocialGraph, each behind the same small adapter. Every adapter
 * builds the same graph through its library's natural API (string keys where the library is
 * keyed by strings) and answers the same questions with the library's own algorithms.
 *
 * Peers are optional: a peer whose packages are not installed is reported as such.
 */
import { createRequire } from 'node:module';
import { SocialGraph } from '../../social-graph.js';

/** The adapter every peer implements. Member `i` is named `u${i}`. */
export interface PeerGraph {
  /** Builds from a dense edge list through the library's own insertion API. */
  build(members: number, sources: Int32Array, targets: Int32Array, edges: number): void;
  connections(): number;
  /** Degree capped at 3 (`null` beyond). */
  degree(a: number, b: number): number | null;
  mutualCount(a: number, b: number): number;
  /** Members at distance 1, 2, 3. */
  reach(a: number): [number, number, number];
}

export interface PeerInfo {
  name: string;
  label: string;
  /** npm packages the peer needs. */
  packages: string[];
  /** Why it cannot hold a graph of this size, if it cannot (decided without trying). */
  cannotHold(members: number, edges: number): string | null;
  create(): PeerGraph;
}

/** V8 caps a Map (and a Set) at 2^24 entries. */
export const V8_MAP_LIMIT = 1 << 24;

const require = createRequire(import.meta.url);

function names(members: number): string[] {
  const out: string[] = new Array(members);
  for (let i = 0; i < members; i++) out[i] = `u${i}`;
  return out;
}

// ------------------------------------------------------------------ social-graph

class SocialGraphPeer implements PeerGraph {
  graph = new SocialGraph();
  ids: string[] = [];
  build(members: number, sources: Int32Array, targets: Int32Array, edges: number): void {
    const ids = (this.ids = names(members));
    const g = this.graph;
    for (let i = 0; i < members; i++) g.addMember(ids[i]!);
    for (let e = 0; e < edges; e++) g.connect(ids[sources[e]!]!, ids[targets[e]!]!);
  }
  connections(): number {
    return this.graph.connectionCount;
  }
  degree(a: number, b: number): number | null {
    return this.graph.degree(this.ids[a]!, this.ids[b]!);
  }
  mutualCount(a: number, b: number): number {
    return this.graph.mutualCount(this.ids[a]!, this.ids[b]!);
  }
  reach(a: number): [number, number, number] {
    const r = this.graph.reach(this.ids[a]!);
    return [r.first, r.second, r.third];
  }
}

// ------------------------------------------------------------------ graphology

interface GraphologyLike {
  addNode(key: string): unknown;
  addUndirectedEdge(a: string, b: string): unknown;
  hasEdge(a: string, b: string): boolean;
  degree(key: string): number;
  neighbors(key: string): string[];
  areNeighbors(a: string, b: string): boolean;
  size: number;
}

class GraphologyPeer implements PeerGraph {
  graph!: GraphologyLike;
  ids: string[] = [];
  bidirectional!: (g: GraphologyLike, a: string, b: string) => string[] | null;
  bfsFromNode!: (g: GraphologyLike, node: string, cb: (key: string, attr: unknown, depth: number) => boolean | void) => void;
  build(members: number, sources: Int32Array, targets: Int32Array, edges: number): void {
    const Graph = require('graphology') as { UndirectedGraph: new () => GraphologyLike };
    this.bidirectional = (require('graphology-shortest-path/unweighted') as { bidirectional: GraphologyPeer['bidirectional'] }).bidirectional;
    this.bfsFromNode = (require('graphology-traversal') as { bfsFromNode: GraphologyPeer['bfsFromNode'] }).bfsFromNode;
    const g = (this.graph = new Graph.UndirectedGraph());
    const ids = (this.ids = names(members));
    for (let i = 0; i < members; i++) g.addNode(ids[i]!);
    for (let e = 0; e < edges; e++) g.addUndirectedEdge(ids[sources[e]!]!, ids[targets[e]!]!);
  }
  connections(): number {
    return this.graph.size;
  }
  degree(a: number, b: number): number | null {
    if (a === b) return 0;
    const path = this.bidirectional(this.graph, this.ids[a]!, this.ids[b]!);
    if (path === null) return null;
    const d = path.length - 1;
    return d <= 3 ? d : null;
  }
  mutualCount(a: number, b: number): number {
    const g = this.graph;
    let x = this.ids[a]!;
    let y = this.ids[b]!;
    if (g.degree(x) > g.degree(y)) [x, y] = [y, x];
    let count = 0;
    for (const n of g.neighbors(x)) if (n !== y && g.areNeighbors(n, y)) count++;
    return count;
  }
  reach(a: number): [number, number, number] {
    const counts: [number, number, number] = [0, 0, 0];
    this.bfsFromNode(this.graph, this.ids[a]!, (_key, _attr, depth) => {
      if (depth > 3) return true;
      if (depth >= 1) counts[depth - 1]!++;
      return depth >= 3; // do not expand past depth 3
    });
    return counts;
  }
}

// ------------------------------------------------------------------ ngraph

interface NgraphLike {
  addNode(id: string): unknown;
  addLink(a: string, b: string): unknown;
  hasLink(a: string, b: string): unknown;
  getLinkCount(): number;
  getNode(id: string): { links: Set<{ fromId: string; toId: string }> | null } | undefined;
  forEachLinkedNode(id: string, cb: (node: { id: string }) => void): void;
}

class NgraphPeer implements PeerGraph {
  graph!: NgraphLike;
  ids: string[] = [];
  finder!: { find(a: string, b: string): unknown[] };
  build(members: number, sources: Int32Array, targets: Int32Array, edges: number): void {
    const createGraph = require('ngraph.graph') as (options?: { multigraph?: boolean }) => NgraphLike;
    const path = require('ngraph.path') as { nba(g: NgraphLike, options?: object): { find(a: string, b: string): unknown[] } };
    const g = (this.graph = createGraph());
    const ids = (this.ids = names(members));
    for (let i = 0; i < members; i++) g.addNode(ids[i]!);
    for (let e = 0; e < edges; e++) g.addLink(ids[sources[e]!]!, ids[targets[e]!]!);
    this.finder = path.nba(g, { oriented: false });
  }
  connections(): number {
    return this.graph.getLinkCount();
  }
  degree(a: number, b: number): number | null {
    if (a === b) return 0;
    const path = this.finder.find(this.ids[a]!, this.ids[b]!);
    if (path.length === 0) return null;
    const d = path.length - 1;
    return d <= 3 ? d : null;
  }
  #neighborSet(id: string): Set<string> {
    const out = new Set<string>();
    this.graph.forEachLinkedNode(id, (n) => {
      out.add(n.id);
    });
    return out;
  }
  mutualCount(a: number, b: number): number {
    const x = this.#neighborSet(this.ids[a]!);
    let count = 0;
    this.graph.forEachLinkedNode(this.ids[b]!, (n) => {
      if (x.has(n.id)) count++;
    });
    return count;
  }
  reach(a: number): [number, number, number] {
    const seen = new Set<string>([this.ids[a]!]);
    let frontier = [this.ids[a]!];
    const counts: [number, number, number] = [0, 0, 0];
    for (let d = 0; d < 3; d++) {
      const next: string[] = [];
      for (const u of frontier) {
        this.graph.forEachLinkedNode(u, (n) => {
          if (!seen.has(n.id)) {
            seen.add(n.id);
            next.push(n.id);
          }
        });
      }
      counts[d] = next.length;
      frontier = next;
    }
    return counts;
  }
}

// ------------------------------------------------------------------ naive Map<number, Set<number>>

class NaivePeer implements PeerGraph {
  adj = new Map<number, Set<number>>();
  count = 0;
  build(members: number, sources: Int32Array, targets: Int32Array, edges: number): void {
    const adj = this.adj;
    for (let i = 0; i < members; i++) adj.set(i, new Set());
    for (let e = 0; e < edges; e++) {
      const a = sources[e]!;
      const b = targets[e]!;
      const sa = adj.get(a)!;
      if (sa.has(b)) continue;
      sa.add(b);
      adj.get(b)!.add(a);
      this.count++;
    }
  }
  connections(): number {
    return this.count;
  }
  /** Bidirectional BFS over Sets, expanding the smaller frontier, capped at 3. */
  degree(a: number, b: number): number | null {
    if (a === b) return 0;
    const adj = this.adj;
    const distA = new Map<number, number>([[a, 0]]);
    const distB = new Map<number, number>([[b, 0]]);
    let fa = [a];
    let fb = [b];
    let da = 0;
    let db = 0;
    while (da + db < 3 && fa.length > 0 && fb.length > 0) {
      const expandA = fa.length <= fb.length;
      const frontier = expandA ? fa : fb;
      const mine = expandA ? distA : distB;
      const theirs = expandA ? distB : distA;
      const depth = expandA ? da : db;
      const next: number[] = [];
      for (const u of frontier) {
        for (const w of adj.get(u)!) {
          if (mine.has(w)) continue;
          const t = theirs.get(w);
          if (t !== undefined) return depth + 1 + t;
          mine.set(w, depth + 1);
          next.push(w);
        }
      }
      if (expandA) {
        fa = next;
        da++;
      } else {
        fb = next;
        db++;
      }
    }
    return null;
  }
  mutualCount(a: number, b: number): number {
    let x = this.adj.get(a)!;
    let y = this.adj.get(b)!;
    if (x.size > y.size) [x, y] = [y, x];
    let count = 0;
    for (const v of x) if (y.has(v)) count++;
    return count;
  }
  reach(a: number): [number, number, number] {
    const seen = new Set<number>([a]);
    let frontier = [a];
    const counts: [number, number, number] = [0, 0, 0];
    for (let d = 0; d < 3; d++) {
      const next: number[] = [];
      for (const u of frontier) {
        for (const w of this.adj.get(u)!) {
          if (!seen.has(w)) {
            seen.add(w);
            next.push(w);
          }
        }
      }
      counts[d] = next.length;
      frontier = next;
    }
    return counts;
  }
}

/** Every peer, SocialGraph first. */
export const PEERS: readonly PeerInfo[] = [
  {
    name: 'social-graph',
    label: 'SocialGraph',
    packages: [],
    cannotHold: (members) => (members >= V8_MAP_LIMIT * 2 ? 'more members than two chained Maps hold' : null),
    create: () => new SocialGraphPeer(),
  },
  {
    name: 'graphology',
    label: 'graphology + shortest-path',
    packages: ['graphology', 'graphology-shortest-path', 'graphology-traversal'],
    cannotHold: (members, edges) =>
      edges >= V8_MAP_LIMIT || members >= V8_MAP_LIMIT ? `stores edges in one Map: V8 caps a Map at 2^24 = 16,777,216 entries (needs ${edges.toLocaleString('en-US')})` : null,
    create: () => new GraphologyPeer(),
  },
  {
    name: 'ngraph',
    label: 'ngraph.graph + ngraph.path',
    packages: ['ngraph.graph', 'ngraph.path'],
    cannotHold: (members, edges) =>
      edges >= V8_MAP_LIMIT || members >= V8_MAP_LIMIT ? `stores links in one Map: V8 caps a Map at 2^24 = 16,777,216 entries (needs ${edges.toLocaleString('en-US')})` : null,
    create: () => new NgraphPeer(),
  },
  {
    name: 'naive',
    label: 'naive Map<number, Set<number>>',
    packages: [],
    cannotHold: (members) => (members >= V8_MAP_LIMIT ? 'more members than a Map holds (2^24)' : null),
    create: () => new NaivePeer(),
  },
];

/** Whether every package of a peer can be loaded. */
export function peerAvailable(peer: PeerInfo): string | null {
  for (const p of peer.packages) {
    try {
      require.resolve(p);
    } catch {
      return `package ${p} is not installed (npm install ${p})`;
    }
  }
  return null;
}
