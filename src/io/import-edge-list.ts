/**
 * Streaming import of SNAP / CSV edge lists into a {@link SocialGraph}, through the bulk path.
 *
 * @packageDocumentation
 */
import { describeValue, SocialGraphError } from '../errors.js';
import { readGraphOptions } from '../graph-options.js';
import { graphFromIndexedEdges, type SocialGraph, type SocialGraphOptions } from '../social-graph.js';
import { IdInterner } from '../store/id-interner.js';
import { readEdgeList, type EdgeListDelimiter, type EdgeListSource } from './edge-list-reader.js';

/**
 * Progress of {@link importEdgeList}, passed to its `onProgress` callback.
 * @public
 */
export interface ImportProgress {
  /** `'read'` while parsing (once per chunk), `'build'` once before the graph is built, `'done'` at the end. */
  phase: 'read' | 'build' | 'done';
  /** Source bytes consumed (compressed bytes for gzip input). */
  bytes: number;
  /** Lines read. */
  lines: number;
  /** Pairs read (self-pairs included). */
  pairs: number;
}

/**
 * Options of {@link importEdgeList}.
 * @public
 */
export interface ImportEdgeListOptions<Profile extends object = Record<string, unknown>> extends SocialGraphOptions<Profile> {
  /** Header line handling, as in `readEdgeList` (default `'auto'`). */
  header?: boolean | 'auto';
  /** Field delimiter, as in `readEdgeList` (default `'auto'`). */
  delimiter?: EdgeListDelimiter;
  /** Lines with more than two fields, as in `readEdgeList`: `'error'` (default) or `'ignore'`. */
  extraColumns?: 'error' | 'ignore';
  /** Called after each chunk, before building, and at the end. */
  onProgress?: (progress: ImportProgress) => void;
}

/**
 * What {@link importEdgeList} read and built.
 * @public
 */
export interface ImportReport {
  /** Lines read, of every kind. */
  lines: number;
  /** Pairs read (self-pairs and repeats included). */
  pairs: number;
  /** Distinct connections in the graph. */
  connectionCount: number;
  /** Pairs that repeated a connection (either direction). */
  duplicates: number;
  /** Pairs `a a`: skipped, but their member exists. */
  selfPairs: number;
  /** Members created. */
  memberCount: number;
  /** Comment lines. */
  comments: number;
  /** Whether a header line was skipped. */
  headerSkipped: boolean;
  /** Source bytes consumed. */
  bytes: number;
}

/**
 * Reads an edge list (SNAP or CSV: comments, tabs or spaces or commas, CRLF, an optional header
 * line, gzip detected by its magic bytes) from any source, streaming, and builds a graph from it.
 *
 * @remarks
 * O(input + m log d): ids are interned as they stream in and pairs are kept as two `Int32Array`s
 * (8 bytes per pair), then the graph is built in one bulk pass ({@link SocialGraph.fromIndexedEdges}),
 * with no per-pair `connect`. Members appear in order of first appearance; self-pairs create their
 * member only; repeated and reversed pairs collapse (counted in `duplicates`).
 * A malformed line rejects with `EdgeListFormatError` (its `line` is the 1-based line number); a
 * member over the cap rejects with `SocialGraphError` `CONNECTION_LIMIT`; bad options with
 * `INVALID_OPTION`.
 * @param source - text, bytes, an (async) iterable of chunks or a `ReadableStream`
 *   (in Node, `readEdgeListFile` of `social-graph/node` opens a file).
 * @param options - graph options, header, delimiter, progress callback.
 * @example
 * ```ts
 * const response = new Response('ada bob\nbob cy\n'); // in a browser: await fetch(url)
 * const { graph, report } = await importEdgeList(response.body!, {
 *   onProgress: ({ bytes }) => console.log(`${bytes} bytes`),
 * });
 * graph.connectionCount; // 2
 * ```
 * @public
 */
export async function importEdgeList<P extends object = Record<string, unknown>>(
  source: EdgeListSource,
  options: ImportEdgeListOptions<NoInfer<P>> = {},
): Promise<{ graph: SocialGraph<P>; report: ImportReport }> {
  const method = 'importEdgeList';
  if (options === null || typeof options !== 'object') {
    throw new SocialGraphError('INVALID_OPTION', `${method}: options must be an object, got ${describeValue(options)}`);
  }
  const { onProgress, header, delimiter, extraColumns, ...graphOptions } = options;
  // The graph options, validated up front (the graph is built from them once the file is read).
  readGraphOptions(method, graphOptions);
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new SocialGraphError('INVALID_OPTION', `${method}: onProgress must be a function, got ${describeValue(onProgress)}`);
  }
  if (header !== undefined && header !== true && header !== false && header !== 'auto') {
    throw new SocialGraphError('INVALID_OPTION', `${method}: header must be true, false or 'auto', got ${describeValue(header)}`);
  }
  if (delimiter !== undefined && delimiter !== 'auto' && delimiter !== ',' && delimiter !== '\t' && delimiter !== ' ') {
    throw new SocialGraphError('INVALID_OPTION', `${method}: delimiter must be 'auto', ',', '\\t' or ' ', got ${describeValue(delimiter)}`);
  }
  if (extraColumns !== undefined && extraColumns !== 'error' && extraColumns !== 'ignore') {
    throw new SocialGraphError('INVALID_OPTION', `${method}: extraColumns must be 'error' or 'ignore', got ${describeValue(extraColumns)}`);
  }

  const interner = new IdInterner();
  const names: string[] = [];
  let sources = new Int32Array(1 << 16);
  let targets = new Int32Array(1 << 16);
  let m = 0;
  let pairs = 0;
  let lastId = '';
  let lastIndex = -1;
  const intern = (id: string): number => {
    let v = interner.indexOf(id);
    if (v < 0) {
      v = names.length;
      names.push(id);
      interner.set(id, v);
    }
    return v;
  };
  const summary = await readEdgeList(
    source,
    (a, b) => {
      pairs++;
      // Edge lists are usually grouped by their first id.
      let u: number;
      if (a === lastId) u = lastIndex;
      else {
        u = intern(a);
        lastId = a;
        lastIndex = u;
      }
      const v = intern(b);
      if (u === v) return;
      if (m === sources.length) {
        const grownSources = new Int32Array(m * 2);
        grownSources.set(sources);
        sources = grownSources;
        const grownTargets = new Int32Array(m * 2);
        grownTargets.set(targets);
        targets = grownTargets;
      }
      sources[m] = u;
      targets[m++] = v;
    },
    {
      header: header ?? 'auto',
      delimiter: delimiter ?? 'auto',
      extraColumns: extraColumns ?? 'error',
      onProgress: onProgress === undefined ? undefined : (bytes, lines) => onProgress({ phase: 'read', bytes, lines, pairs }),
    },
  );
  onProgress?.({ phase: 'build', bytes: summary.bytes, lines: summary.lines, pairs });
  const graph = graphFromIndexedEdges<P>(method, { ids: names, memberCount: names.length, sources, targets, edges: m }, graphOptions as SocialGraphOptions<P>);
  onProgress?.({ phase: 'done', bytes: summary.bytes, lines: summary.lines, pairs });
  return {
    graph,
    report: {
      lines: summary.lines,
      pairs,
      connectionCount: graph.connectionCount,
      duplicates: m - graph.connectionCount,
      selfPairs: pairs - m,
      memberCount: names.length,
      comments: summary.comments,
      headerSkipped: summary.headerSkipped,
      bytes: summary.bytes,
    },
  };
}
