/**
 * The writing end of a journal: encodes each operation record into a reusable buffer, frames
 * the buffer into checksummed blocks (segment-format.ts) and writes and fsyncs them according to
 * the sync mode.
 *
 * Invariants: blocks reach the file in order, each with one positional `writeSync` on this
 * thread, so the file is always a prefix of what was appended; `syncedEnd` only covers bytes
 * written before an fsync that succeeded; after any write, fsync or encoding error the writer is
 * failed for good (every later append and flush throws `JOURNAL_FAILED`).
 *
 * @packageDocumentation
 */
import { closeSync, fdatasync, fdatasyncSync, writeSync } from 'node:fs';
import { SocialGraphError } from '../core.js';
import { RecordEncoder } from './record-codec.js';
import { BLOCK_HEADER_BYTES, MAX_BLOCK_BYTES, sealBlock } from './segment-format.js';

/**
 * When a mutating call's record is on disk: `'always'` before the call returns (write +
 * fdatasync per call), `'batch'` within `batchMs` (group commit: one write + fdatasync for all
 * records of the interval, or sooner when `batchBytes` are buffered), `'none'` when the OS writes
 * it back (written every `batchMs`, never fsynced but by `flush`).
 * @public
 */
export type SyncMode = 'always' | 'batch' | 'none';

interface Waiter {
  readonly target: number;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * The error every call gets once the journal failed (`cause`: the first failure).
 * @internal
 */
export function journalFailed(message: string, cause?: unknown): SocialGraphError {
  const error = new SocialGraphError('JOURNAL_FAILED', message);
  if (cause !== undefined) Object.defineProperty(error, 'cause', { value: cause, configurable: true, writable: true });
  return error;
}

/**
 * Appends records to the open segment file `fd` (whose first `start` bytes are written).
 *
 * @remarks `append` costs the encoding (a few bytes per record, one Map lookup per string) plus,
 * in `'always'` mode, a write and an fdatasync; in `'batch'`/`'none'` mode a `writeSync` of the
 * buffer every `batchBytes` and a timer (unref'd) every `batchMs`.
 * @example
 * ```ts
 * import { openSync, writeSync } from 'node:fs';
 * import { segmentHeader } from './segment-format.js';
 * const fd = openSync('journal-00000001.log', 'w');
 * writeSync(fd, segmentHeader(1)); // 32 bytes
 * const writer = new JournalWriter(fd, 32, { sync: 'batch', batchMs: 2, batchBytes: 1 << 20 });
 * writer.append('addMember', ['ada'], Number.NaN);
 * await writer.flush();
 * await writer.close();
 * ```
 */
export class JournalWriter {
  readonly sync: SyncMode;
  readonly #batchMs: number;
  readonly #batchBytes: number;
  #fd: number;
  readonly #encoder: RecordEncoder;
  /** Bytes of the segment file written. */
  #fileEnd: number;
  /** Bytes of the segment file known to be on disk. */
  #syncedEnd: number;
  #failure: SocialGraphError | null = null;
  #closed = false;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #syncing = false;
  #syncAgain = false;
  #idle: (() => void)[] = [];
  #waiters: Waiter[] = [];
  /** Records appended to this segment. */
  records = 0;
  /** Time (ms since the epoch) of the last fsync that completed, or null. */
  lastSync: number | null = null;
  /** Called after each append with the segment's size (written + buffered). */
  onGrow: ((bytes: number) => void) | null = null;

  constructor(fd: number, start: number, options: { sync: SyncMode; batchMs: number; batchBytes: number }) {
    this.sync = options.sync;
    this.#batchMs = options.batchMs;
    this.#batchBytes = options.batchBytes;
    this.#fd = fd;
    this.#fileEnd = start;
    this.#syncedEnd = start;
    const size = options.sync === 'always' ? 4096 : Math.max(4096, options.batchBytes + 4096);
    this.#encoder = new RecordEncoder(new Uint8Array(size), BLOCK_HEADER_BYTES, (encoder, bytes) => this.#makeRoom(encoder, bytes));
  }

  /** Bytes of the segment: written plus buffered. */
  get size(): number {
    return this.#fileEnd + this.#encoder.pos - BLOCK_HEADER_BYTES;
  }

  /** Bytes buffered, not yet written. */
  get pending(): number {
    return this.#encoder.pos - BLOCK_HEADER_BYTES;
  }

  /** Bytes written but not known to be fsynced. */
  get unsynced(): number {
    return this.#fileEnd - this.#syncedEnd;
  }

  /** The failure, if the journal failed. */
  get failure(): SocialGraphError | null {
    return this.#failure;
  }

  /** Marks the writer failed (idempotent), rejecting every flush waiting. */
  fail(error: SocialGraphError): SocialGraphError {
    if (this.#failure === null) {
      this.#failure = error;
      for (const waiter of this.#waiters.splice(0)) waiter.reject(error);
    }
    return this.#failure;
  }

  /** Appends a record (see the class remarks). Throws `JOURNAL_FAILED` if it cannot. */
  append(name: string, args: readonly unknown[], time: number): void {
    if (this.#failure !== null) throw journalFailed(`${name}: the journal failed earlier (${this.#failure.message}); reopen the directory`, this.#failure);
    if (this.#closed) throw journalFailed(`${name}: the durable graph is closed`);
    const encoder = this.#encoder;
    try {
      encoder.encode(name, args, time);
    } catch (error) {
      encoder.pos = encoder.recordStart;
      throw this.fail(journalFailed(`${name}: cannot journal this call (${(error as Error).message}); the graph refuses changes until reopened`, error));
    }
    this.records++;
    if (this.sync === 'always') {
      this.#writeBlock();
      this.#syncNow();
    } else {
      if (encoder.pos - BLOCK_HEADER_BYTES >= this.#batchBytes) this.#writeBlock();
      if (this.#timer === null) {
        this.#timer = setTimeout(this.#tick, this.#batchMs);
        this.#timer.unref?.();
      }
    }
    this.onGrow?.(this.size);
  }

  /** Resolves when every record appended before the call is on disk (fsynced). */
  flush(): Promise<void> {
    if (this.#failure !== null) return Promise.reject(journalFailed(`flush: the journal failed earlier (${this.#failure.message})`, this.#failure));
    try {
      this.#writeBlock();
    } catch (error) {
      return Promise.reject(error);
    }
    const target = this.#fileEnd;
    if (this.#syncedEnd >= target) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.#waiters.push({ target, resolve, reject });
      this.#startSync();
    });
  }

  /**
   * Writes and fsyncs what is buffered, synchronously, ignoring errors (the failure is recorded):
   * for the process's `exit` event, when no promise can run any more.
   */
  flushSync(): void {
    if (this.#failure !== null || this.#closed) return;
    try {
      this.#writeBlock();
      this.#syncNow();
    } catch {
      // recorded in #failure
    }
  }

  /**
   * Writes and fsyncs everything, synchronously, then waits for no fsync in flight: the segment
   * is complete on disk. Used before a checkpoint switches segments and by close.
   */
  async settle(): Promise<void> {
    while (this.#syncing) await new Promise<void>((resolve) => this.#idle.push(resolve));
  }

  /**
   * Finishes this segment synchronously (write, fdatasync, close) and continues in `fd`, a new
   * segment whose first `start` bytes are written. Call after {@link JournalWriter.settle}
   * with no await in between.
   */
  switchTo(fd: number, start: number): void {
    if (this.#syncing) throw new Error('JournalWriter.switchTo: an fsync is in flight');
    this.#writeBlock();
    this.#syncNow();
    closeSync(this.#fd);
    this.#fd = fd;
    this.#fileEnd = start;
    this.#syncedEnd = start;
    this.#encoder.reset();
    this.records = 0;
  }

  /** Writes and fsyncs what is buffered, stops the timer and closes the file. */
  async close(): Promise<void> {
    if (this.#closed) return;
    try {
      if (this.#failure === null) {
        await this.flush();
        await this.settle();
      }
    } finally {
      this.#closed = true;
      if (this.#timer !== null) clearTimeout(this.#timer);
      this.#timer = null;
      await this.settle();
      closeSync(this.#fd);
    }
  }

  readonly #tick = (): void => {
    this.#timer = null;
    if (this.#failure !== null || this.#closed) return;
    try {
      this.#writeBlock();
    } catch {
      return; // failed: recorded by #writeBlock
    }
    if (this.sync === 'batch' || this.#waiters.length > 0) this.#startSync();
  };

  /** Writes the buffered records as one block. */
  #writeBlock(): void {
    const encoder = this.#encoder;
    const length = encoder.pos - BLOCK_HEADER_BYTES;
    if (length === 0) return;
    const buf = encoder.buf;
    sealBlock(buf, 0, length, this.#fileEnd);
    const total = BLOCK_HEADER_BYTES + length;
    try {
      let done = 0;
      while (done < total) done += writeSync(this.#fd, buf, done, total - done, this.#fileEnd + done);
    } catch (error) {
      throw this.fail(journalFailed(`journal write failed: ${(error as Error).message}; the graph refuses changes until reopened`, error));
    }
    this.#fileEnd += total;
    encoder.pos = BLOCK_HEADER_BYTES;
    encoder.recordStart = BLOCK_HEADER_BYTES;
  }

  #syncNow(): void {
    try {
      fdatasyncSync(this.#fd);
    } catch (error) {
      throw this.fail(journalFailed(`journal fsync failed: ${(error as Error).message}; the graph refuses changes until reopened`, error));
    }
    this.#syncedEnd = this.#fileEnd;
    this.lastSync = Date.now();
    this.#settleWaiters();
  }

  #startSync(): void {
    if (this.#syncing) {
      this.#syncAgain = true;
      return;
    }
    if (this.#syncedEnd >= this.#fileEnd) {
      this.#settleWaiters();
      return;
    }
    this.#syncing = true;
    const target = this.#fileEnd;
    fdatasync(this.#fd, (error) => {
      this.#syncing = false;
      if (error !== null) {
        this.fail(journalFailed(`journal fsync failed: ${error.message}; the graph refuses changes until reopened`, error));
      } else if (this.#failure === null) {
        this.#syncedEnd = Math.max(this.#syncedEnd, target);
        this.lastSync = Date.now();
        this.#settleWaiters();
        if (this.#syncAgain || this.#waiters.length > 0) {
          this.#syncAgain = false;
          if (!this.#closed || this.#waiters.length > 0) this.#startSync();
        }
      }
      if (!this.#syncing) for (const resolve of this.#idle.splice(0)) resolve();
    });
  }

  #settleWaiters(): void {
    if (this.#waiters.length === 0) return;
    const synced = this.#syncedEnd;
    const left: Waiter[] = [];
    for (const waiter of this.#waiters) {
      if (waiter.target <= synced) waiter.resolve();
      else left.push(waiter);
    }
    this.#waiters = left;
  }

  /** Room for `bytes` more: writes the whole records buffered, then grows the buffer if needed. */
  #makeRoom(encoder: RecordEncoder, bytes: number): void {
    const start = encoder.recordStart;
    if (start > BLOCK_HEADER_BYTES) {
      // Write the records before the one in progress, then move it to the front.
      const partial = encoder.pos - start;
      encoder.pos = start;
      this.#writeBlock();
      encoder.buf.copyWithin(BLOCK_HEADER_BYTES, start, start + partial);
      encoder.recordStart = BLOCK_HEADER_BYTES;
      encoder.pos = BLOCK_HEADER_BYTES + partial;
    }
    const needed = encoder.pos + bytes;
    if (needed > encoder.buf.length) {
      if (needed - BLOCK_HEADER_BYTES > MAX_BLOCK_BYTES) throw new RangeError('a record larger than a block (1 GiB)');
      const grown = new Uint8Array(Math.max(needed, encoder.buf.length * 2));
      grown.set(encoder.buf.subarray(0, encoder.pos));
      encoder.buf = grown;
    }
  }
}
