/**
 * graphology interop (entry `social-graph/graphology`): hand a graph or an ego network to
 * graphology's ecosystem (layouts, metrics, sigma.js), and build a SocialGraph from any graphology
 * graph. `graphology` is an optional peer dependency: only this entry imports it.
 *
 * @packageDocumentation
 */
import Graph from 'graphology';
import type { AbstractGraph } from 'graphology-types';
// The core through the package's main entry: the built `social-graph/graphology` imports it from
// `social-graph` itself (see tsup.config.ts), so classes and errors are the very ones users import.
import { describeValue, SocialGraph, SocialGraphError, type SocialGraphOptions } from '../index.js';

/** The member `id`, or MEMBER_NOT_FOUND / INVALID_ID naming the method. */
function checkMember(method: string, graph: SocialGraph<object>, id: unknown): string {
  if (typeof id !== 'string' || id.length === 0) {
    throw new SocialGraphError('INVALID_ID', `${method}: member ids are non-empty strings, got ${describeValue(id)}`);
  }
  if (!graph.hasMember(id)) throw new SocialGraphError('MEMBER_NOT_FOUND', `${method}: member ${describeValue(id)} not found`);
  return id;
}

/**
 * Options of {@link toGraphology}: at most one of `members` and `ego`.
 * @public
 */
export interface ToGraphologyOptions {
  /** Export only the subgraph induced by these members (every connection between two of them). */
  members?: Iterable<string>;
  /** Export the ego network of `id`: the members within `radius` (1 to 3, default 1) and their connections. */
  ego?: { id: string; radius?: number };
}

/**
 * Copies a graph (or the subgraph induced by some members, or an ego network) into a new
 * graphology `Graph` of type `'undirected'` (simple, no self-loops): one node per member (key =
 * id, no attributes), one undirected edge per connection, with attribute `connectedAt`
 * (milliseconds) when connection times are recorded.
 *
 * @remarks O(n + m) for the whole graph (one Map entry per member), O(k + Σ degrees of the k
 * members) for a subset, through the public API only. Nodes are
 * added in internal index order (the order of `graph.members()`), or in the order given.
 * Unknown ids throw `MEMBER_NOT_FOUND`, bad options `INVALID_OPTION`.
 * @example
 * ```ts
 * import { toGraphology } from 'social-graph/graphology';
 * const whole = toGraphology(graph);
 * const ego = toGraphology(graph, { ego: { id: 'ada', radius: 2 } });
 * whole.order === graph.memberCount; // true
 * ```
 * @public
 */
export function toGraphology<P extends object>(graph: SocialGraph<P>, options: ToGraphologyOptions = {}): Graph {
  const method = 'toGraphology';
  if (!(graph instanceof SocialGraph)) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: graph must be a SocialGraph, got ${describeValue(graph)}`);
  }
  if (options === null || typeof options !== 'object') {
    throw new SocialGraphError('INVALID_OPTION', `${method}: options must be an object, got ${describeValue(options)}`);
  }
  let chosen: string[] | null = null;
  if (options.members !== undefined && options.ego !== undefined) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: give members or ego, not both`);
  }
  if (options.members !== undefined) {
    const { members } = options;
    if (members === null || typeof members === 'string' || typeof (members as Iterable<string>)[Symbol.iterator] !== 'function') {
      throw new SocialGraphError('INVALID_OPTION', `${method}: members must be an iterable of ids, got ${describeValue(members)}`);
    }
    const seen = new Set<string>();
    for (const id of members) seen.add(checkMember(method, graph, id));
    chosen = [...seen];
  } else if (options.ego !== undefined) {
    const { ego } = options;
    if (ego === null || typeof ego !== 'object') {
      throw new SocialGraphError('INVALID_OPTION', `${method}: ego must be { id, radius? }, got ${describeValue(ego)}`);
    }
    const radius = ego.radius ?? 1;
    if (!Number.isInteger(radius) || radius < 0 || radius > 3) {
      throw new SocialGraphError('INVALID_OPTION', `${method}: ego.radius must be an integer from 0 to 3, got ${describeValue(radius)}`);
    }
    chosen = egoMembers(graph, checkMember(method, graph, ego.id), radius);
  }
  const out = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  const members = chosen ?? graph.members();
  for (const id of members) out.addNode(id);
  // Each connection once: from the member added first to the one added later.
  const rank = new Map<string, number>();
  for (let i = 0; i < members.length; i++) rank.set(members[i]!, i);
  for (let i = 0; i < members.length; i++) {
    const a = members[i]!;
    graph.forEachConnection(a, (b) => {
      const j = rank.get(b);
      if (j === undefined || j <= i) return;
      const at = graph.connectedAt(a, b);
      if (at === null) out.addEdge(a, b);
      else out.addEdge(a, b, { connectedAt: at });
    });
  }
  return out;
}

/** Members within `radius` of `center` (BFS), center first, then by distance. */
function egoMembers(graph: SocialGraph<object>, center: string, radius: number): string[] {
  const seen = new Set<string>([center]);
  let frontier = [center];
  for (let depth = 0; depth < radius && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const v of frontier) {
      graph.forEachConnection(v, (w) => {
        if (!seen.has(w)) {
          seen.add(w);
          next.push(w);
        }
      });
    }
    frontier = next;
  }
  return [...seen];
}

/**
 * Builds a SocialGraph from any graphology graph: one member per node (its key), one connection
 * per pair of nodes joined by at least one edge, whatever its direction (directed, undirected,
 * mixed and multi graphs are all accepted). Self-loops are dropped (their node stays a member);
 * attributes (`connectedAt` included) are ignored.
 *
 * @remarks O(n + m log d), through the bulk path ({@link SocialGraph.fromIndexedEdges}).
 * Throws `INVALID_OPTION` unless `source` is a graphology graph, `INVALID_ID` for an empty key,
 * `CONNECTION_LIMIT` when a node has more neighbours than `maxConnectionsPerMember`.
 * @example
 * ```ts
 * import Graph from 'graphology';
 * import { fromGraphology } from 'social-graph/graphology';
 * const g = new Graph();
 * g.mergeEdge('ada', 'bob');
 * fromGraphology(g).areConnected('ada', 'bob'); // true
 * ```
 * @public
 */
export function fromGraphology<P extends object = Record<string, unknown>>(source: AbstractGraph, options?: SocialGraphOptions<NoInfer<P>>): SocialGraph<P> {
  const method = 'fromGraphology';
  if (source === null || typeof source !== 'object' || typeof source.forEachNode !== 'function' || typeof source.forEachEdge !== 'function') {
    throw new SocialGraphError('INVALID_OPTION', `${method}: source must be a graphology graph, got ${describeValue(source)}`);
  }
  const index = new Map<string, number>();
  const names: string[] = [];
  source.forEachNode((key) => {
    index.set(key, names.length);
    names.push(key);
  });
  const sources = new Int32Array(source.size);
  const targets = new Int32Array(source.size);
  let m = 0;
  source.forEachEdge((_edge, _attributes, a, b) => {
    sources[m] = index.get(a)!;
    targets[m++] = index.get(b)!;
  });
  try {
    return SocialGraph.fromIndexedEdges<P>({ ids: names, memberCount: names.length, sources, targets, edges: m }, options);
  } catch (error) {
    if (error instanceof SocialGraphError) throw new SocialGraphError(error.code, error.message.replace('SocialGraph.fromIndexedEdges', method));
    throw error;
  }
}
