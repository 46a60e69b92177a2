/**
 * A SocialGraph that survives a crash: a directory holding the last checkpoint (a snapshot) and
 * the journal of every change since (docs/durability.md).
 *
 * Directory: `snapshot-<n>.sg` (a `toBytes` snapshot, written atomically) covers every change
 * journaled in segments numbered below n; `journal-<n>.log` segments hold the changes after it,
 * in order; `LOCK` holds the pid of the one process that writes.
 *
 * Invariants: a change is appended to the journal inside the mutating call (through
 * `logOperations`), before the call returns; the open segment is the one with the highest
 * number; a snapshot is renamed into place only complete and fsynced, and segments it covers are
 * deleted only after that; recovery replays, over the newest snapshot, every segment from its
 * number on, and refuses (JOURNAL_CORRUPT) any gap or damage before the tail of the last one.
 *
 * @packageDocumentation
 */
import { closeSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { open as openFile, rename, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { MAX_CONNECT_ALL, SocialGraph, SocialGraphError, logOperations, type Policy, type SocialGraphOptions } from '../core.js';
import { BulkPrefix, RecordDecoder, RecordFormatError, ReplayError } from './record-codec.js';
import { JournalCorruptError, SEGMENT_HEADER_BYTES, scanSegment, segmentHeader } from './segment-format.js';
import { JournalWriter, journalFailed, type SyncMode } from './journal-writer.js';

/**
 * A segment over a graph with members is read by a seeded {@link BulkPrefix} from this size on
 * (seeding costs a pass over every member's id: below, call-by-call replay is cheaper).
 */
const SEEDED_RUN_MIN_BYTES = 1 << 20;

/**
 * Options of {@link open}: the graph's own options (as for `new SocialGraph`, used when the
 * directory is new; a checkpoint's `maxConnectionsPerMember` and `connectionTimes` win after),
 * `policy` (the custom policy in force, which neither snapshots nor journals can hold), and the
 * journal's.
 * @public
 */
export interface DurableOptions extends SocialGraphOptions {
  /** The custom policy the graph uses, if any (see `SocialGraph.fromBytes`). */
  policy?: Policy;
  /**
   * When a change is on disk (see {@link SyncMode}).
   * @defaultValue 'batch'
   */
  sync?: SyncMode;
  /**
   * Group commit interval of `'batch'` (and write-back interval of `'none'`), 1 to 10,000 ms.
   * @defaultValue 2
   */
  batchMs?: number;
  /**
   * Buffered bytes that make `'batch'`/`'none'` write a block at once (4 KiB to 64 MiB).
   * @defaultValue 1 MiB
   */
  batchBytes?: number;
  /**
   * Journal bytes since the last checkpoint that start a checkpoint by themselves (0: never).
   * @defaultValue 256 MiB
   */
  checkpointBytes?: number;
}

/**
 * What recovery found when the directory was opened.
 * @public
 */
export interface RecoveryReport {
  /** Whether the directory was created by this open. */
  readonly created: boolean;
  /** Number of the snapshot loaded. */
  readonly snapshot: number;
  /** Journal segments replayed. */
  readonly segments: number;
  /** Records replayed. */
  readonly recordsReplayed: number;
  /** Bytes of a torn or damaged tail cut off the last segment (a crash before they were acknowledged). */
  readonly bytesDropped: number;
  /** Seconds recovery took (snapshot load plus replay). */
  readonly seconds: number;
  /** Seconds spent loading the snapshot. */
  readonly snapshotSeconds: number;
}

/**
 * What {@link DurableGraph.stats} reports.
 * @public
 */
export interface DurableStats {
  readonly sync: SyncMode;
  /** Number of the open journal segment. */
  readonly segment: number;
  /** Bytes of journal since the last checkpoint (all segments after it, buffered bytes included). */
  readonly journalBytes: number;
  /** Records journaled since the last checkpoint (replayed at open plus appended since). */
  readonly recordsSinceCheckpoint: number;
  /** Bytes buffered, not yet written to the file. */
  readonly pendingBytes: number;
  /** Bytes written, not yet known to be fsynced. */
  readonly unsyncedBytes: number;
  /** When the last fsync completed (ms since the epoch), or null. */
  readonly lastSync: number | null;
  /** Checkpoints completed by this process. */
  readonly checkpoints: number;
  /** The failure that stopped the journal, or null. */
  readonly failure: SocialGraphError | null;
}

const SNAPSHOT = /^snapshot-(\d{8,16})\.sg$/;
const SEGMENT = /^journal-(\d{8,16})\.log$/;
const LOCK = 'LOCK';
const DEFAULT_BATCH_MS = 2;
const DEFAULT_BATCH_BYTES = 1 << 20;
const DEFAULT_CHECKPOINT_BYTES = 256 * 2 ** 20;
/** Directories opened by this process (a second open in it is refused like another process's). */
const openHere = new Set<string>();

function name(kind: 'snapshot' | 'journal', seq: number): string {
  return kind === 'snapshot' ? `snapshot-${String(seq).padStart(8, '0')}.sg` : `journal-${String(seq).padStart(8, '0')}.log`;
}

function syncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return false; // not in openHere: an earlier open of this process that never closed
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the directory's lock file (O_EXCL), replacing a stale one whose process is gone. */
function lock(dir: string): void {
  const path = join(dir, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o644);
      try {
        writeSync(fd, `${process.pid}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let pid = Number.NaN;
    try {
      pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    } catch {
      // removed meanwhile: try again
    }
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
      throw new SocialGraphError('JOURNAL_LOCKED', `open: ${dir} is in use by process ${pid} (${path}); one process writes a durable graph at a time`);
    }
    try {
      unlinkSync(path); // stale: its process is gone
    } catch {
      // already gone
    }
  }
  throw new SocialGraphError('JOURNAL_LOCKED', `open: cannot take the lock ${path}`);
}

function checkInteger(label: string, value: unknown, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new SocialGraphError('INVALID_OPTION', `open: ${label} must be an integer from ${min} to ${max}, got ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`);
  }
  return value;
}

interface Listing {
  snapshots: number[];
  segments: number[];
}

function list(dir: string): Listing {
  const snapshots: number[] = [];
  const segments: number[] = [];
  for (const file of readdirSync(dir)) {
    const s = SNAPSHOT.exec(file);
    if (s !== null) snapshots.push(Number(s[1]));
    const j = SEGMENT.exec(file);
    if (j !== null) segments.push(Number(j[1]));
  }
  snapshots.sort((a, b) => a - b);
  segments.sort((a, b) => a - b);
  return { snapshots, segments };
}

function createSegment(dir: string, seq: number): number {
  const fd = openSync(join(dir, name('journal', seq)), 'wx', 0o644);
  try {
    writeSync(fd, segmentHeader(seq), 0, SEGMENT_HEADER_BYTES, 0);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  syncDir(dir);
  return fd;
}

/**
 * A graph kept in a directory: {@link DurableGraph.graph} is an ordinary `SocialGraph` whose every
 * successful mutating call is journaled before it returns. Get one with {@link open}.
 *
 * @remarks Each mutating call costs its own work plus the journal's: encoding a few bytes, and in
 * sync `'always'` a write and an fdatasync (see docs/durability.md).
 * @example
 * ```ts
 * const durable = open('data/network');
 * durable.graph.mergeMember('ada');
 * durable.graph.mergeMember('bob');
 * durable.graph.connect('ada', 'bob');
 * await durable.close();
 * ```
 * @public
 */
export class DurableGraph {
  /** The live graph: use it as any SocialGraph. */
  readonly graph: SocialGraph;
  /** The directory (absolute). */
  readonly dir: string;
  /** What recovery found on open. */
  readonly recovery: RecoveryReport;
  readonly #writer: JournalWriter;
  readonly #checkpointBytes: number;
  #segment: number;
  /** Journal bytes in segments after the last checkpoint, before the open one. */
  #olderBytes: number;
  #recordsBefore = 0;
  #checkpoints = 0;
  #checkpointing: Promise<void> | null = null;
  #autoScheduled = false;
  #closed: Promise<void> | null = null;
  /** Writes what is buffered when the process exits without close (a script that just ends). */
  readonly #onExit = (): void => this.#writer.flushSync();

  /** @internal */
  constructor(init: { graph: SocialGraph; dir: string; recovery: RecoveryReport; writer: JournalWriter; segment: number; olderBytes: number; checkpointBytes: number }) {
    this.graph = init.graph;
    this.dir = init.dir;
    this.recovery = init.recovery;
    this.#writer = init.writer;
    this.#segment = init.segment;
    this.#olderBytes = init.olderBytes;
    this.#checkpointBytes = init.checkpointBytes;
    this.#recordsBefore = init.recovery.recordsReplayed;
    if (this.#checkpointBytes > 0) this.#writer.onGrow = (bytes) => this.#maybeCheckpoint(bytes);
    process.on('exit', this.#onExit);
  }

  /**
   * Resolves when every change made before the call is on disk (fsynced), whatever the sync
   * mode. Rejects with `JOURNAL_FAILED` if the journal failed.
   * @remarks One fdatasync (shared with other flushes and the batch timer).
   * @example
   * ```ts
   * durable.graph.connect('ada', 'bob');
   * await durable.flush(); // ada–bob survives a crash from now on
   * ```
   */
  flush(): Promise<void> {
    return this.#writer.flush();
  }

  /**
   * Writes a new snapshot (atomically) and starts a new journal segment; segments and snapshots
   * it covers are deleted once it is on disk. Concurrent calls share one checkpoint.
   * @remarks `toBytes` (synchronous, about 1 s at 1M members / 20M connections) plus writing and
   * fsyncing the snapshot (asynchronous: changes go on meanwhile, into the new segment).
   * @example
   * ```ts
   * await durable.checkpoint();
   * ```
   */
  checkpoint(): Promise<void> {
    this.#checkpointing ??= this.#checkpoint().finally(() => {
      this.#checkpointing = null;
    });
    return this.#checkpointing;
  }

  async #checkpoint(): Promise<void> {
    const writer = this.#writer;
    if (writer.failure !== null) throw journalFailed(`checkpoint: the journal failed earlier (${writer.failure.message})`, writer.failure);
    if (this.#closed !== null) throw journalFailed('checkpoint: the durable graph is closed');
    await writer.settle();
    // From here to the switch, no await: the snapshot covers exactly the records before it.
    const bytes = this.graph.toBytes();
    const next = this.#segment + 1;
    try {
      const fd = createSegment(this.dir, next);
      writer.switchTo(fd, SEGMENT_HEADER_BYTES);
    } catch (error) {
      throw writer.fail(error instanceof SocialGraphError ? error : journalFailed(`checkpoint: cannot start segment ${next}: ${(error as Error).message}`, error));
    }
    this.#recordsBefore = 0;
    this.#olderBytes = 0;
    this.#segment = next;
    await writeSnapshot(this.dir, next, bytes);
    const { snapshots, segments } = list(this.dir);
    for (const s of snapshots) if (s < next) unlinkSync(join(this.dir, name('snapshot', s)));
    for (const s of segments) if (s < next) unlinkSync(join(this.dir, name('journal', s)));
    syncDir(this.dir);
    this.#checkpoints++;
  }

  #maybeCheckpoint(bytes: number): void {
    if (this.#autoScheduled || this.#checkpointing !== null || this.#olderBytes + bytes < this.#checkpointBytes) return;
    this.#autoScheduled = true;
    const timer = setTimeout(() => {
      this.#autoScheduled = false;
      if (this.#closed !== null || this.#writer.failure !== null) return;
      this.checkpoint().catch((error: unknown) => {
        this.#writer.fail(error instanceof SocialGraphError ? error : journalFailed(`automatic checkpoint failed: ${(error as Error).message}`, error));
      });
    }, 0);
    timer.unref?.();
  }

  /**
   * Flushes, waits for a checkpoint in progress, closes the journal and releases the directory.
   * The graph then refuses changes (`JOURNAL_FAILED`); queries still work.
   * @example
   * ```ts
   * await durable.close();
   * ```
   */
  close(): Promise<void> {
    this.#closed ??= (async () => {
      try {
        if (this.#checkpointing !== null) await this.#checkpointing.catch(() => undefined);
        await this.#writer.close();
      } finally {
        process.off('exit', this.#onExit);
        openHere.delete(this.dir);
        try {
          unlinkSync(join(this.dir, LOCK));
        } catch {
          // gone
        }
      }
    })();
    return this.#closed;
  }

  /**
   * Journal figures (see {@link DurableStats}). O(1).
   * @example
   * ```ts
   * durable.stats().journalBytes;
   * ```
   */
  stats(): DurableStats {
    const w = this.#writer;
    return {
      sync: w.sync,
      segment: this.#segment,
      journalBytes: this.#olderBytes + w.size,
      recordsSinceCheckpoint: this.#recordsBefore + w.records,
      pendingBytes: w.pending,
      unsyncedBytes: w.unsynced,
      lastSync: w.lastSync,
      checkpoints: this.#checkpoints,
      failure: w.failure,
    };
  }
}

/** Writes snapshot `seq` atomically: temporary file, fsync, rename, fsync of the directory. */
async function writeSnapshot(dir: string, seq: number, bytes: Uint8Array): Promise<void> {
  const path = join(dir, name('snapshot', seq));
  const temporary = `${path}.${process.pid}.tmp`;
  const handle = await openFile(temporary, 'w', 0o644);
  try {
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  syncDir(dir);
}

/** {@link writeSnapshot}, synchronously (the first snapshot of a new directory). */
function writeSnapshotSync(dir: string, seq: number, bytes: Uint8Array): void {
  const path = join(dir, name('snapshot', seq));
  const temporary = `${path}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w', 0o644);
  try {
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
  syncDir(dir);
}

/**
 * Opens (or creates) the durable graph kept in directory `dir`: loads the newest snapshot,
 * replays the journal after it (cutting off a torn tail left by a crash), and returns a
 * {@link DurableGraph} whose `graph` journals every change from now on.
 *
 * Throws `JOURNAL_LOCKED` when another process (or another open in this one) holds the
 * directory, `JOURNAL_CORRUPT` ({@link JournalCorruptError}, naming the segment and offset) for a
 * damaged journal before its tail or a missing segment, `SNAPSHOT_CORRUPT` / `SNAPSHOT_VERSION`
 * for a damaged snapshot, `INVALID_OPTION` for bad options or a custom policy the journal names
 * but `options.policy` does not give.
 *
 * @remarks Synchronous. O(snapshot + journal): the snapshot load (about 1.5 s for 1M members /
 * 20M connections) plus the replay: members and connections at the start of a journal over an
 * empty snapshot in one bulk load (several million records a second), every other record call by
 * call. Each open starts a new journal segment (or goes on in the last one if it has no record).
 * @example
 * ```ts
 * import { open } from 'social-graph/node';
 * const durable = open('data/network', { sync: 'batch' });
 * durable.graph.addMember('eve');
 * await durable.flush();
 * await durable.close();
 * ```
 * @public
 */
export function open(dir: string, options?: DurableOptions): DurableGraph {
  const started = performance.now();
  if (typeof dir !== 'string' || dir.length === 0) {
    throw new SocialGraphError('INVALID_ID', `open: dir must be a non-empty path, got ${typeof dir === 'string' ? '""' : typeof dir}`);
  }
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw new SocialGraphError('INVALID_OPTION', `open: options must be an object, got ${options === null ? 'null' : typeof options}`);
  }
  const { sync = 'batch', batchMs, batchBytes, checkpointBytes, policy, ...graphOptions } = options ?? {};
  if (sync !== 'always' && sync !== 'batch' && sync !== 'none') {
    throw new SocialGraphError('INVALID_OPTION', `open: sync must be 'always', 'batch' or 'none', got ${JSON.stringify(sync)}`);
  }
  const interval = checkInteger('batchMs', batchMs, 1, 10_000, DEFAULT_BATCH_MS);
  const bufferBytes = checkInteger('batchBytes', batchBytes, 4096, 64 * 2 ** 20, DEFAULT_BATCH_BYTES);
  const threshold = checkInteger('checkpointBytes', checkpointBytes, 0, Number.MAX_SAFE_INTEGER, DEFAULT_CHECKPOINT_BYTES);
  const root = resolve(dir);
  if (openHere.has(root)) throw new SocialGraphError('JOURNAL_LOCKED', `open: ${root} is already open in this process`);
  mkdirSync(root, { recursive: true });
  lock(root);
  openHere.add(root);
  try {
    return recover(root, started, { sync, batchMs: interval, batchBytes: bufferBytes }, threshold, policy, graphOptions);
  } catch (error) {
    openHere.delete(root);
    try {
      unlinkSync(join(root, LOCK));
    } catch {
      // gone
    }
    throw error;
  }
}

/** Whether a loaded snapshot is an empty graph that `new SocialGraph(options)` (with its cap) would give. */
function isEmptyBase(graph: SocialGraph, snapshotBytes: Uint8Array, graphOptions: SocialGraphOptions): boolean {
  if (graph.memberCount !== 0) return false;
  let fresh: Uint8Array;
  try {
    fresh = new SocialGraph({ ...graphOptions, maxConnectionsPerMember: graph.maxConnectionsPerMember() }).toBytes();
  } catch {
    return false;
  }
  return Buffer.from(fresh).equals(snapshotBytes);
}

function recover(
  dir: string,
  started: number,
  writerOptions: { sync: SyncMode; batchMs: number; batchBytes: number },
  checkpointBytes: number,
  policy: Policy | undefined,
  graphOptions: SocialGraphOptions,
): DurableGraph {
  let { snapshots, segments } = list(dir);
  let created = false;
  if (snapshots.length === 0) {
    if (segments.length > 0) throw new JournalCorruptError(name('journal', segments[0]!), 0, 'journal segments without any snapshot');
    // A new directory: the first snapshot holds the graph's settings (cap, connection times).
    writeSnapshotSync(dir, 0, new SocialGraph(graphOptions).toBytes());
    snapshots = [0];
    created = true;
  }
  const base = snapshots[snapshots.length - 1]!;
  const loadStarted = performance.now();
  const snapshotBytes = readFileSync(join(dir, name('snapshot', base)));
  let graph = SocialGraph.fromBytes(snapshotBytes, { ...graphOptions, policy });
  const snapshotSeconds = (performance.now() - loadStarted) / 1000;
  // Leftovers of a checkpoint that crashed before deleting what it covers.
  for (const s of snapshots) if (s < base) unlinkSync(join(dir, name('snapshot', s)));
  for (const s of segments) if (s < base) unlinkSync(join(dir, name('journal', s)));
  segments = segments.filter((s) => s >= base);
  for (let i = 0; i < segments.length; i++) {
    if (segments[i] !== base + i) throw new JournalCorruptError(name('journal', base + i), 0, `segment missing (found ${name('journal', segments[i]!)} instead)`);
  }
  let decoder = new RecordDecoder(graph, { policy });
  let bulkRecords = 0;
  let bytesDropped = 0;
  let olderBytes = 0;
  let lastEmpty = false;
  for (let i = 0; i < segments.length; i++) {
    const seq = segments[i]!;
    const file = name('journal', seq);
    const path = join(dir, file);
    const bytes = readFileSync(path);
    const last = i === segments.length - 1;
    const scan = scanSegment(bytes, file, seq, last);
    decoder.reset();
    const blocks = scan.blocks;
    let firstBlock = 0;
    let firstOffset = blocks[0] ?? 0;
    if (i === 0 && blocks.length > 0 && isEmptyBase(graph, snapshotBytes, graphOptions)) {
      // A journal that starts from an empty graph with members and connections: one bulk load
      // builds what replaying them call by call would (same numbering: members in order of
      // their addMember records; same lists), then the replay goes on from the first other record.
      const prefix = new BulkPrefix(bytes, blocks);
      try {
        graph = SocialGraph.fromIndexedEdges(prefix.edges(), { ...graphOptions, maxConnectionsPerMember: graph.maxConnectionsPerMember() });
      } catch (error) {
        // Only a journal whose connections break the cap gets here: not records of calls that succeeded.
        if (error instanceof SocialGraphError) throw new JournalCorruptError(file, blocks[0]!, `its leading members and connections do not load (${error.message})`);
        throw error;
      }
      bulkRecords = prefix.records;
      decoder = new RecordDecoder(graph, { policy });
      decoder.resume(prefix.last);
      firstBlock = prefix.block;
      firstOffset = prefix.offset;
    } else if (blocks.length > 0 && payloadBytes(blocks) >= SEEDED_RUN_MIN_BYTES) {
      // A journal over a graph that has members (after a checkpoint, or a segment after
      // another): its leading members and connections are read the same way, ids interned on
      // their bytes in a table seeded with the members there are, and added as the calls would
      // (new members in order, then the connections in batches of connectAll: the same graph).
      const seed = graph.members();
      const prefix = new BulkPrefix(bytes, blocks, seed);
      try {
        for (let m = seed.length; m < prefix.members; m++) graph.mergeMember(prefix.ids[m]!);
        for (let at = 0; at < prefix.connections; at += MAX_CONNECT_ALL) {
          const end = Math.min(prefix.connections, at + MAX_CONNECT_ALL);
          graph.connectAll({ ids: prefix.ids, memberCount: prefix.members, sources: prefix.sources.subarray(at, end), targets: prefix.targets.subarray(at, end) });
        }
      } catch (error) {
        // Only a journal whose connections break the cap gets here: not records of calls that succeeded.
        if (error instanceof SocialGraphError) throw new JournalCorruptError(file, blocks[0]!, `its leading members and connections do not apply (${error.message})`);
        throw error;
      }
      bulkRecords += prefix.records;
      decoder.resume(prefix.last);
      firstBlock = prefix.block;
      firstOffset = prefix.offset;
    }
    for (let b = firstBlock; b < blocks.length; b += 2) {
      const start = b === firstBlock ? firstOffset : blocks[b]!;
      try {
        decoder.apply(bytes, start, blocks[b + 1]!);
      } catch (error) {
        if (error instanceof RecordFormatError) throw new JournalCorruptError(file, blocks[b]!, error.message);
        if (error instanceof ReplayError) {
          throw new JournalCorruptError(file, error.offset, `a record does not apply to the state before it (${error.message})`);
        }
        throw error;
      }
    }
    if (scan.droppedBytes > 0) {
      // Cut the torn tail so that this segment is whole before the next one starts.
      bytesDropped = scan.droppedBytes;
      const fd = openSync(path, 'r+');
      try {
        ftruncateSync(fd, scan.validEnd);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    if (last && scan.validEnd === SEGMENT_HEADER_BYTES) lastEmpty = true;
    else olderBytes += scan.validEnd;
  }
  // The journal goes on in a new segment, or in the last one when it holds no record (a graph
  // opened and closed without changes leaves no file behind per open).
  let seq: number;
  let fd: number;
  if (lastEmpty) {
    seq = segments[segments.length - 1]!;
    fd = openSync(join(dir, name('journal', seq)), 'r+');
  } else {
    seq = segments.length === 0 ? base : segments[segments.length - 1]! + 1;
    fd = createSegment(dir, seq);
  }
  const writer = new JournalWriter(fd, SEGMENT_HEADER_BYTES, writerOptions);
  logOperations(graph, { append: (record) => writer.append(record.name, record.args, record.time) });
  const seconds = (performance.now() - started) / 1000;
  return new DurableGraph({
    graph,
    dir,
    recovery: { created, snapshot: base, segments: segments.length, recordsReplayed: bulkRecords + decoder.records, bytesDropped, seconds, snapshotSeconds },
    writer,
    segment: seq,
    olderBytes,
    checkpointBytes,
  });
}

/**
 * Reads a durable directory without opening it for writing (no lock, nothing changed): the
 * graph as recovery would rebuild it, for tools (`social-graph info DIR`).
 *
 * @remarks O(snapshot + journal). A torn tail is skipped, not cut.
 * @example
 * ```ts
 * const { graph } = readDurable('data/network');
 * ```
 * @public
 */
export function readDurable(dir: string, options?: { policy?: Policy }): { graph: SocialGraph; snapshot: number; segments: number; records: number; bytesDropped: number; journalBytes: number } {
  const root = resolve(dir);
  const { snapshots, segments } = list(root);
  if (snapshots.length === 0) throw new SocialGraphError('SNAPSHOT_CORRUPT', `readDurable: ${root} holds no snapshot-*.sg`);
  const base = snapshots[snapshots.length - 1]!;
  const graph = SocialGraph.fromBytes(readFileSync(join(root, name('snapshot', base))), { policy: options?.policy });
  const after = segments.filter((s) => s >= base);
  const decoder = new RecordDecoder(graph, { policy: options?.policy });
  let bytesDropped = 0;
  let journalBytes = 0;
  for (let i = 0; i < after.length; i++) {
    const seq = after[i]!;
    if (seq !== base + i) throw new JournalCorruptError(name('journal', base + i), 0, 'segment missing');
    const file = name('journal', seq);
    const bytes = readFileSync(join(root, file));
    const scan = scanSegment(bytes, file, seq, i === after.length - 1);
    decoder.reset();
    for (let b = 0; b < scan.blocks.length; b += 2) {
      try {
        decoder.apply(bytes, scan.blocks[b]!, scan.blocks[b + 1]!);
      } catch (error) {
        if (error instanceof RecordFormatError) throw new JournalCorruptError(file, scan.blocks[b]!, error.message);
        if (error instanceof ReplayError) throw new JournalCorruptError(file, error.offset, error.message);
        throw error;
      }
    }
    bytesDropped += scan.droppedBytes;
    journalBytes += bytes.length;
  }
  return { graph, snapshot: base, segments: after.length, records: decoder.records, bytesDropped, journalBytes };
}

/**
 * Whether `path` is a durable directory (holds a snapshot-*.sg or journal-*.log).
 *
 * @remarks One directory listing.
 * @example
 * ```ts
 * isDurableDirectory('graph.sg'); // false
 * ```
 * @public
 */
export function isDurableDirectory(path: string): boolean {
  try {
    const { snapshots, segments } = list(path);
    return snapshots.length + segments.length > 0;
  } catch {
    return false;
  }
}

/** Payload bytes of a segment's blocks (`[start, end)` pairs). */
function payloadBytes(blocks: readonly number[]): number {
  let total = 0;
  for (let b = 0; b < blocks.length; b += 2) total += blocks[b + 1]! - blocks[b]!;
  return total;
}
