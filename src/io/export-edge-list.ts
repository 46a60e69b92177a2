/**
 * Exporting a {@link SocialGraph} as an edge list, in the format {@link importEdgeList} reads.
 *
 * @packageDocumentation
 */
import { SocialGraphError } from '../errors.js';
import { graphParts, type SocialGraph } from '../social-graph.js';
import { edgeListLines, type EdgeListWriteOptions } from './edge-list-reader.js';

/**
 * Options of {@link exportEdgeList} and {@link graphEdgePairs}.
 * @public
 */
export interface ExportEdgeListOptions extends EdgeListWriteOptions {
  /**
   * Members without connections: `'self-pair'` (default) writes them as a line `a<delimiter>a`,
   * which {@link importEdgeList} reads back as a member without connections, so the round trip
   * keeps every member; `'skip'` leaves them out (a pure edge list).
   */
  isolated?: 'self-pair' | 'skip';
}

/**
 * Each connection of the graph once, as `[a, b]` with `a` the member of lower internal index,
 * grouped by `a` (then the isolated members as `[a, a]` unless `isolated` is `'skip'`).
 *
 * @remarks O(n + m), lazily: O(1) memory besides the pair yielded. The graph must not change
 * while iterating.
 * @example
 * ```ts
 * for (const [a, b] of graphEdgePairs(graph, { isolated: 'skip' })) console.log(a, b);
 * ```
 * @public
 */
export function* graphEdgePairs(
  graph: SocialGraph<object>,
  options: Pick<ExportEdgeListOptions, 'isolated'> = {},
): Generator<[string, string], void, undefined> {
  const isolated = options.isolated ?? 'self-pair';
  if (isolated !== 'self-pair' && isolated !== 'skip') {
    throw new SocialGraphError('INVALID_OPTION', `graphEdgePairs: isolated must be 'self-pair' or 'skip', got ${JSON.stringify(isolated)}`);
  }
  const { store, ids } = graphParts(graph).core;
  const bound = store.indexBound;
  for (let v = 0; v < bound; v++) {
    if (!store.isAlive(v)) continue;
    const d = store.degreeOf(v);
    if (d === 0) {
      if (isolated === 'self-pair') {
        const id = ids.idOf(v);
        yield [id, id];
      }
      continue;
    }
    const slab = store.slabOf(v);
    const start = store.offsetOf(v);
    const a = ids.idOf(v);
    for (let i = start; i < start + d; i++) {
      const w = slab[i]!;
      if (w > v) yield [a, ids.idOf(w)];
    }
  }
}

/**
 * Streams the graph as an edge list, line by line (header first if given): each connection once,
 * `a<delimiter>b\n`, and by default each member without connections as `a<delimiter>a\n`.
 *
 * @remarks O(n + m) lazily. Ids that would not read back as themselves (white space, a comma
 * or quote, a leading `#` or `%`, a column name such as `u`, a lone surrogate) are written as JSON
 * string literals, so {@link importEdgeList} with its default options gives back the same graph. Feed the lines to a file (`writeEdgeListFile` in
 * `social-graph/node`) or any stream.
 * @example
 * ```ts
 * const text = [...exportEdgeList(graph, { header: 'source\ttarget' })].join('');
 * const { graph: copy } = await importEdgeList(text);
 * ```
 * @public
 */
export function exportEdgeList<P extends object>(graph: SocialGraph<P>, options: ExportEdgeListOptions = {}): Generator<string, void, undefined> {
  if (options === null || typeof options !== 'object') {
    throw new SocialGraphError('INVALID_OPTION', `exportEdgeList: options must be an object, got ${String(options)}`);
  }
  const { isolated, ...write } = options;
  return edgeListLines(graphEdgePairs(graph, { isolated }), write);
}
