/**
 * The libraries raced against SocialGraph, each behind the same small adapter. Every adapter
 * builds the same graph through its library's natural API (string keys where the library is
 * keyed by strings) and answers the same questions with the library's own algorithms.
 *
 * Peers are optional: a peer whose packages are not installed is reported as such.
 */
import { createRequire } from 'node:module';
import { SocialGraph } from '../../social-graph.js';
import { CsrPeer } from './csr-peer.js';
import { memberIds, type IdForm } from './workload.js';

/**
 * The adapter every peer implements. Member `i` is named as {@link memberIds} names it (`u${i}`,
 * or a long id). Queries take member indices and name them through the query ids handed over by
 * {@link PeerGraph.useQueryIds}: the bench's own copy, kept apart from whatever ids the library
 * stores, so that the memory measured after `build` is the library's alone.
 */
export interface PeerGraph {
  /**
   * Builds from a dense edge list through the library's own insertion API; `onProgress(done, edges)`
   * now and then. Ids the build creates are kept only as far as the library (or the peer's own
   * index → id storage) keeps them.
   */
  build(members: number, sources: Int32Array, targets: Int32Array, edges: number, onProgress?: (done: number, total: number) => void): void;
  /** The ids queries name members by from now on (`ids[i]` names member `i`); a peer keyed by indices ignores them. */
  useQueryIds(ids: readonly string[]): void;
  connections(): number;
  /** Degree capped at 3 (`null` beyond). */
  degree(a: number, b: number): number | null;
  mutualCount(a: number, b: number): number;
  /** The mutual connections themselves, as the library returns them (ids or indices). */
  mutualList(a: number, b: number): readonly (string | number)[];
  /** A page of badges: the degree of each target from the viewer (capped at 3, `null` beyond). */
  degrees(viewer: number, targets: Int32Array, from: number, to: number): (number | null)[];
  /** Members at distance 1, 2, 3. */
  reach(a: number): [number, number, number];
  /** Removes a connection; whether it existed. */
  disconnect(a: number, b: number): boolean;
  /** Adds a connection; whether it is new. */
  connect(a: number, b: number): boolean;
}

/** Degree of each target, one `degree` call each (for libraries with no batch API). */
function degreesOneByOne(peer: PeerGraph, viewer: number, targets: Int32Array, from: number, to: number): (number | null)[] {
  const out: (number | null)[] = new Array(to - from);
  for (let i = from; i < to; i++) out[i - from] = peer.degree(viewer, targets[i]!);
  return out;
}

/** A library the bench races: its name, packages, size limit and adapter factory. */
export interface PeerInfo {
  name: string;
  label: string;
  /** npm packages the peer needs. */
  packages: string[];
  /** Why it cannot hold a graph of this size, if it cannot (decided without trying). */
  cannotHold(members: number, edges: number): string | null;
  /** A fresh adapter naming members in `ids` form; `'indexed'` asks SocialGraph to load by `fromIndexedEdges` (peers always use their insertion API). */
  create(build: BuildMode, ids: IdForm): PeerGraph;
}

/** How the graph under test is built: one `connect` per connection, or one bulk `fromIndexedEdges`. */
export type BuildMode = 'connect' | 'indexed';

/** V8 caps a Map (and a Set) at 2^24 entries. */
export const V8_MAP_LIMIT = 1 << 24;

const require = createRequire(import.meta.url);


// ------------------------------------------------------------------ social-graph

class SocialGraphPeer implements PeerGraph {
  graph = new SocialGraph();
  /** The bench's query-side ids (not the graph's): empty until {@link useQueryIds}. */
  ids: readonly string[] = [];
  constructor(readonly form: IdForm) {}
  useQueryIds(ids: readonly string[]): void {
    this.ids = ids;
  }
  build(members: number, sources: Int32Array, targets: Int32Array, edges: number, onProgress?: (done: number, total: number) => void): void {
    const ids = memberIds(members, this.form);
    const g = this.graph;
    for (let i = 0; i < members; i++) g.addMember(ids[i]!);
    for (let e = 0; e < edges; e++) {
      g.connect(ids[sources[e]!]!, ids[targets[e]!]!);
      if ((e & 0xfffff) === 0xfffff) onProgress?.(e + 1, edges);
    }
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
  mutualList(a: number, b: number): readonly string[] {
    return this.graph.mutualConnections(this.ids[a]!, this.ids[b]!);
  }
  degrees(viewer: number, targets: Int32Array, from: number, to: number): (number | null)[] {
    const ids = this.ids;
    const page: string[] = new Array(to - from);
    for (let i = from; i < to; i++) page[i - from] = ids[targets[i]!]!;
    return this.graph.degrees(ids[viewer]!, page);
  }
  reach(a: number): [number, number, number] {
    const r = this.graph.reach(this.ids[a]!);
    return [r.first, r.second, r.third];
  }
  disconnect(a: number, b: number): boolean {
    return this.graph.disconnect(this.ids[a]!, this.ids[b]!);
  }
  connect(a: number, b: number): boolean {
    return this.graph.connect(this.ids[a]!, this.ids[b]!);
  }
}

/** SocialGraph loaded in bulk by `fromIndexedEdges` (the sweep's build at large sizes). */
class SocialGraphIndexedPeer extends SocialGraphPeer {
  override build(members: number, sources: Int32Array, targets: Int32Array, edges: number): void {
    this.graph = SocialGraph.fromIndexedEdges({ ids: memberIds(members, this.form), memberCount: members, sources, targets, edges });
  }
}

// ------------------------------------------------------------------ graphology

interface GraphologyLike {
  addNode(key: string): unknown;
  addUndirectedEdge(a: string, b: string): unknown;
  hasEdge(a: string, b: string): boolean;
  dropEdge(a: string, b: string): void;
  degree(key: string): number;
  neighbors(key: string): string[];
  areNeighbors(a: string, b: string): boolean;
  size: number;
}

class GraphologyPeer implements PeerGraph {
  graph!: GraphologyLike;
  /** The bench's query-side ids (graphology keeps its own keys): empty until {@link useQueryIds}. */
  ids: readonly string[] = [];
  constructor(readonly form: IdForm) {}
  useQueryIds(ids: readonly string[]): void {
    this.ids = ids;
  }
  bidirectional!: (g: GraphologyLike, a: string, b: string) => string[] | null;
  bfsFromNode!: (g: GraphologyLike, node: string, cb: (key: string, attr: unknown, depth: number) => boolean | void) => void;
  build(members: number, sources: Int32Array, targets: Int32Array, edges: number, onProgress?: (done: number, total: number) => void): void {
    const Graph = require('graphology') as { UndirectedGraph: new () => GraphologyLike };
    this.bidirectional = (require('graphology-shortest-path/unweighted') as { bidirectional: GraphologyPeer['bidirectional'] }).bidirectional;
    this.bfsFromNode = (require('graphology-traversal') as { bfsFromNode: GraphologyPeer['bfsFromNode'] }).bfsFromNode;
    const g = (this.graph = new Graph.UndirectedGraph());
    const ids = memberIds(members, this.form);
    for (let i = 0; i < members; i++) g.addNode(ids[i]!);
    for (let e = 0; e < edges; e++) {
      g.addUndirectedEdge(ids[sources[e]!]!, ids[targets[e]!]!);
      if ((e & 0xfffff) === 0xfffff) onProgress?.(e + 1, edges);
    }
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
  mutualList(a: number, b: number): readonly string[] {
    const g = this.graph;
    let x = this.ids[a]!;
    let y = this.ids[b]!;
    if (g.degree(x) > g.degree(y)) [x, y] = [y, x];
    const out: string[] = [];
    for (const n of g.neighbors(x)) if (n !== y && g.areNeighbors(n, y)) out.push(n);
    return out;
  }
  degrees(viewer: number, targets: Int32Array, from: number, to: number): (number | null)[] {
    return degreesOneByOne(this, viewer, targets, from, to);
  }
  disconnect(a: number, b: number): boolean {
    const x = this.ids[a]!;
    const y = this.ids[b]!;
    if (!this.graph.hasEdge(x, y)) return false;
    this.graph.dropEdge(x, y);
    return true;
  }
  connect(a: number, b: number): boolean {
    const x = this.ids[a]!;
    const y = this.ids[b]!;
    if (this.graph.hasEdge(x, y)) return false;
    this.graph.addUndirectedEdge(x, y);
    return true;
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
  getLink(a: string, b: string): unknown;
  removeLink(link: unknown): boolean;
  getLinkCount(): number;
  getNode(id: string): { links: Set<{ fromId: string; toId: string }> | null } | undefined;
  forEachLinkedNode(id: string, cb: (node: { id: string }) => void): void;
}

class NgraphPeer implements PeerGraph {
  graph!: NgraphLike;
  /** The bench's query-side ids (ngraph keeps its own node ids): empty until {@link useQueryIds}. */
  ids: readonly string[] = [];
  constructor(readonly form: IdForm) {}
  useQueryIds(ids: readonly string[]): void {
    this.ids = ids;
  }
  finder!: { find(a: string, b: string): unknown[] };
  build(members: number, sources: Int32Array, targets: Int32Array, edges: number, onProgress?: (done: number, total: number) => void): void {
    const createGraph = require('ngraph.graph') as (options?: { multigraph?: boolean }) => NgraphLike;
    const path = require('ngraph.path') as { nba(g: NgraphLike, options?: object): { find(a: string, b: string): unknown[] } };
    const g = (this.graph = createGraph());
    const ids = memberIds(members, this.form);
    for (let i = 0; i < members; i++) g.addNode(ids[i]!);
    for (let e = 0; e < edges; e++) {
      g.addLink(ids[sources[e]!]!, ids[targets[e]!]!);
      if ((e & 0xfffff) === 0xfffff) onProgress?.(e + 1, edges);
    }
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
  mutualList(a: number, b: number): readonly string[] {
    const x = this.#neighborSet(this.ids[a]!);
    const out: string[] = [];
    this.graph.forEachLinkedNode(this.ids[b]!, (n) => {
      if (x.has(n.id)) out.push(n.id);
    });
    return out;
  }
  degrees(viewer: number, targets: Int32Array, from: number, to: number): (number | null)[] {
    return degreesOneByOne(this, viewer, targets, from, to);
  }
  disconnect(a: number, b: number): boolean {
    const x = this.ids[a]!;
    const y = this.ids[b]!;
    const link = this.graph.getLink(x, y) ?? this.graph.getLink(y, x);
    if (!link) return false;
    return this.graph.removeLink(link);
  }
  connect(a: number, b: number): boolean {
    const x = this.ids[a]!;
    const y = this.ids[b]!;
    if (this.graph.getLink(x, y) ?? this.graph.getLink(y, x)) return false;
    this.graph.addLink(x, y);
    return true;
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
  useQueryIds(): void {
    // Keyed by member indices: no ids at all.
  }
  build(members: number, sources: Int32Array, targets: Int32Array, edges: number, onProgress?: (done: number, total: number) => void): void {
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
      if ((e & 0xfffff) === 0xfffff) onProgress?.(e + 1, edges);
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
  mutualList(a: number, b: number): readonly number[] {
    let x = this.adj.get(a)!;
    let y = this.adj.get(b)!;
    if (x.size > y.size) [x, y] = [y, x];
    const out: number[] = [];
    for (const v of x) if (y.has(v)) out.push(v);
    return out;
  }
  degrees(viewer: number, targets: Int32Array, from: number, to: number): (number | null)[] {
    return degreesOneByOne(this, viewer, targets, from, to);
  }
  disconnect(a: number, b: number): boolean {
    const sa = this.adj.get(a)!;
    if (!sa.delete(b)) return false;
    this.adj.get(b)!.delete(a);
    this.count--;
    return true;
  }
  connect(a: number, b: number): boolean {
    const sa = this.adj.get(a)!;
    if (sa.has(b)) return false;
    sa.add(b);
    this.adj.get(b)!.add(a);
    this.count++;
    return true;
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
    create: (build, ids) => (build === 'indexed' ? new SocialGraphIndexedPeer(ids) : new SocialGraphPeer(ids)),
  },
  {
    name: 'csr',
    label: 'csr (static CSR floor)',
    packages: [],
    cannotHold: (members, edges) => CsrPeer.cannotHold(members, edges),
    create: (_build, ids) => new CsrPeer(ids),
  },

  {
    name: 'graphology',
    label: 'graphology + shortest-path',
    packages: ['graphology', 'graphology-shortest-path', 'graphology-traversal'],
    cannotHold: (members, edges) =>
      edges >= V8_MAP_LIMIT || members >= V8_MAP_LIMIT ? `stores edges in one Map: V8 caps a Map at 2^24 = 16,777,216 entries (needs ${edges.toLocaleString('en-US')})` : null,
    create: (_build, ids) => new GraphologyPeer(ids),
  },
  {
    name: 'ngraph',
    label: 'ngraph.graph + ngraph.path',
    packages: ['ngraph.graph', 'ngraph.path'],
    cannotHold: (members, edges) =>
      edges >= V8_MAP_LIMIT || members >= V8_MAP_LIMIT ? `stores links in one Map: V8 caps a Map at 2^24 = 16,777,216 entries (needs ${edges.toLocaleString('en-US')})` : null,
    create: (_build, ids) => new NgraphPeer(ids),
  },
  {
    name: 'naive',
    label: 'naive Map<number, Set<number>>',
    packages: [],
    cannotHold: (members) => (members >= V8_MAP_LIMIT ? 'more members than a Map holds (2^24)' : null),
    create: () => new NaivePeer(),
  },
];

/** The packages of a peer that cannot be loaded (all of them, in the peer's order). */
export function missingPackages(peer: PeerInfo): string[] {
  return peer.packages.filter((p) => {
    try {
      require.resolve(p);
      return false;
    } catch {
      return true;
    }
  });
}

/** Why a peer cannot run for want of packages (naming every missing one), or null. */
export function peerAvailable(peer: PeerInfo): string | null {
  const missing = missingPackages(peer);
  if (missing.length === 0) return null;
  return `${missing.length === 1 ? 'package' : 'packages'} ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not installed (npm install ${missing.join(' ')})`;
}
