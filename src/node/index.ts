/**
 * social-graph/node: file system helpers for Node: atomic snapshot save/load, and edge-list
 * files in and out.
 *
 * @packageDocumentation
 */
import { closeSync, createReadStream, createWriteStream, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { once } from 'node:events';
import { installNodeRuntime } from './node-runtime.js';
import { atomicTarget, atomicTargetSync, keepMode, keepModeSync, removeStaleTemporaries, removeStaleTemporariesSync, settled, syncDirectorySync } from './atomic-file.js';
// Everything from the package's main entry: the built `social-graph/node` imports it from
// `social-graph` itself (see tsup.config.ts), so classes and errors are the very ones users import.
import {
  SocialGraph,
  exportEdgeList,
  importEdgeList,
  readEdgeList,
  type EdgeListReadOptions,
  type EdgeListSummary,
  type ExportEdgeListOptions,
  type ImportEdgeListOptions,
  type ImportReport,
  type SocialGraphOptions,
} from '../index.js';

// An application may import this entry alone: bulk loads get their worker thread and checksums
// zlib's CRC-32 here too, as with the main entry.
installNodeRuntime();

/** fsync the directory so that the rename itself is durable (not possible on Windows: skipped). */
async function syncDirectory(path: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dirname(path), 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Saves a snapshot of the graph to `path`, atomically: the bytes go to a temporary file next to
 * it, which is fsynced, then renamed over `path` (and the directory fsynced). A crash at any point
 * leaves either the previous file or the new one, never a mix.
 *
 * A symbolic link is written through (the file it points to is replaced, the link stays), and
 * the replaced file's permission bits are kept (a new file gets 0666 less the umask).
 *
 * @remarks O(n + m); about 1 s for 1M members / 20M connections (see bench/snapshot.bench.ts). A
 * crash can leave a `.NAME.<pid>.<random>.tmp` file beside the target; it is never read, and the
 * next save of the same target removes it (once its process is gone, or after an hour). File
 * system errors (a missing directory, permissions) reject as Node errors; the temporary file is
 * removed.
 * @example
 * ```ts
 * import { save } from 'social-graph/node';
 * await save(graph, 'graph.sg');
 * ```
 * @public
 */
export async function save<P extends object>(graph: SocialGraph<P>, path: string): Promise<void> {
  const bytes = graph.toBytes();
  const file = await atomicTarget(path);
  const { target, temporary } = file;
  try {
    const handle = await open(temporary, 'wx', file.mode ?? 0o666);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await keepMode(file);
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  } finally {
    settled(file);
  }
  await syncDirectory(target);
  await removeStaleTemporaries(target);
}

/**
 * {@link save}, synchronously.
 *
 * @remarks O(n + m); blocks the event loop for the whole write.
 * @example
 * ```ts
 * saveSync(graph, 'graph.sg');
 * ```
 * @public
 */
export function saveSync<P extends object>(graph: SocialGraph<P>, path: string): void {
  const bytes = graph.toBytes();
  const file = atomicTargetSync(path);
  const { target, temporary } = file;
  try {
    const fd = openSync(temporary, 'wx', file.mode ?? 0o666);
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, Math.min(bytes.length - written, 1 << 26));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    keepModeSync(file);
    renameSync(temporary, target);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // already gone
    }
    throw error;
  } finally {
    settled(file);
  }
  syncDirectorySync(dirname(target));
  removeStaleTemporariesSync(target);
}

/**
 * Loads a snapshot written by {@link save} (or any `toBytes()` output stored in a file), with
 * the graph options of `SocialGraph.fromBytes` (a custom policy the snapshot names, the clock, ...).
 *
 * @remarks O(bytes + n + m): one read, then {@link SocialGraph.fromBytes}. Rejects with
 * `SocialGraphError` `SNAPSHOT_CORRUPT` / `SNAPSHOT_VERSION` for a damaged or newer file, and with
 * the Node error for a missing or unreadable one.
 * @example
 * ```ts
 * import { load } from 'social-graph/node';
 * const graph = await load('graph.sg');
 * ```
 * @public
 */
export async function load<P extends object = Record<string, unknown>>(path: string, options?: SocialGraphOptions<NoInfer<P>>): Promise<SocialGraph<P>> {
  return SocialGraph.fromBytes<P>(await readFile(path), options);
}

/**
 * {@link load}, synchronously.
 *
 * @remarks O(bytes + n + m).
 * @example
 * ```ts
 * const graph = loadSync('graph.sg');
 * ```
 * @public
 */
export function loadSync<P extends object = Record<string, unknown>>(path: string, options?: SocialGraphOptions<NoInfer<P>>): SocialGraph<P> {
  return SocialGraph.fromBytes<P>(readFileSync(path), options);
}

/**
 * Reads an edge-list file (plain or `.gz`, detected by its bytes) through a file stream, calling
 * `onEdge(a, b)` for each pair: `readEdgeList` over `fs.createReadStream(path)`.
 *
 * @remarks O(file) time, O(chunk) memory. Rejects with `EdgeListFormatError` naming the line.
 * @example
 * ```ts
 * await readEdgeListFile('ca-grqc.txt.gz', (a, b) => pairs.push([a, b]));
 * ```
 * @public
 */
export function readEdgeListFile(
  path: string,
  onEdge: (a: string, b: string) => void,
  options?: EdgeListReadOptions,
): Promise<EdgeListSummary> {
  return readEdgeList(createReadStream(path, { highWaterMark: 1 << 20 }), onEdge, options);
}

/**
 * Imports an edge-list file (plain or `.gz`) into a new graph: `importEdgeList` over a file
 * stream.
 *
 * @remarks O(file + m log d). See `importEdgeList` for the options and errors.
 * @example
 * ```ts
 * const { graph, report } = await importEdgeListFile('karate.txt', { onProgress: ({ bytes }) => console.log(`${bytes} bytes`) });
 * graph.connectionCount; // 78
 * ```
 * @public
 */
export function importEdgeListFile<P extends object = Record<string, unknown>>(
  path: string,
  options?: ImportEdgeListOptions<NoInfer<P>>,
): Promise<{ graph: SocialGraph<P>; report: ImportReport }> {
  return importEdgeList<P>(createReadStream(path, { highWaterMark: 1 << 20 }), options);
}

/**
 * Writes the graph as an edge list file (`exportEdgeList` lines), atomically like {@link save}.
 * Returns the number of lines written.
 *
 * @remarks O(n + m), streamed in 1 MiB pieces.
 * @example
 * ```ts
 * await writeEdgeListFile(graph, 'edges.tsv', { header: 'source\ttarget' });
 * ```
 * @public
 */
export async function writeEdgeListFile<P extends object>(graph: SocialGraph<P>, path: string, options?: ExportEdgeListOptions): Promise<number> {
  const file = await atomicTarget(path);
  const { target, temporary } = file;
  const stream = createWriteStream(temporary, { flags: 'wx', mode: file.mode ?? 0o666 });
  let lines = 0;
  try {
    await once(stream, 'open');
    let buffer: string[] = [];
    let size = 0;
    for (const line of exportEdgeList(graph, options)) {
      buffer.push(line);
      size += line.length;
      lines++;
      if (size >= 1 << 20) {
        if (!stream.write(buffer.join(''))) await once(stream, 'drain');
        buffer = [];
        size = 0;
      }
    }
    stream.end(buffer.join(''));
    await once(stream, 'finish');
    const handle = await open(temporary, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await keepMode(file);
    await rename(temporary, target);
  } catch (error) {
    stream.destroy();
    await unlink(temporary).catch(() => undefined);
    throw error;
  } finally {
    settled(file);
  }
  await syncDirectory(target);
  await removeStaleTemporaries(target);
  return lines;
}

export {
  open,
  readDurable,
  isDurableDirectory,
  DurableGraph,
  type DurableOptions,
  type DurableStats,
  type RecoveryReport,
} from './durable/durable-graph.js';
export { JournalCorruptError } from './durable/segment-format.js';
export type { SyncMode } from './durable/journal-writer.js';
