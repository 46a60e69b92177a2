/**
 * Atomic replacement of a file: write a temporary file beside the real target, fsync it, give it
 * the target's permission bits, rename it over the target, fsync the directory. Symbolic links
 * are written through (the file they point to is replaced, the link stays), and the temporary
 * files of saves that were killed are removed by the next save of the same target.
 *
 * @packageDocumentation
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, fsyncSync, closeSync, lstatSync, openSync, readdirSync, readlinkSync, realpathSync, statSync, unlinkSync } from 'node:fs';
import { chmod, lstat, readdir, readlink, realpath, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** Longest chain of symbolic links followed (as the kernel's ELOOP limit). */
const MAX_LINKS = 40;
/** A temporary file of a process that is gone, or older than this, is stale. */
const STALE_MS = 60 * 60 * 1000;

/** Temporary files being written by this process (never removed as stale). */
const inFlight = new Set<string>();

/**
 * Where to write and how: the real file behind `path` (symbolic links followed, a dangling one
 * included), its permission bits if it exists (`undefined`: a new file, the umask decides), and a
 * fresh temporary path beside it, named `.<name>.<pid>.<random>.tmp`.
 * @internal
 */
export interface AtomicTarget {
  readonly target: string;
  readonly mode: number | undefined;
  readonly temporary: string;
}

function isCode(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === code;
}

function temporaryFor(target: string): string {
  const path = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  inFlight.add(path);
  return path;
}

/** Resolves `path` through symbolic links, dangling ones too. */
async function realTarget(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (error) {
    if (!isCode(error, 'ENOENT')) throw error;
  }
  let current = resolve(path);
  for (let hops = 0; hops < MAX_LINKS; hops++) {
    let isLink: boolean;
    try {
      isLink = (await lstat(current)).isSymbolicLink();
    } catch (error) {
      if (isCode(error, 'ENOENT')) return join(await realpath(dirname(current)), basename(current));
      throw error;
    }
    if (!isLink) return current;
    current = resolve(dirname(current), await readlink(current));
  }
  throw Object.assign(new Error(`too many symbolic links: ${path}`), { code: 'ELOOP' });
}

function realTargetSync(path: string): string {
  try {
    return realpathSync(path);
  } catch (error) {
    if (!isCode(error, 'ENOENT')) throw error;
  }
  let current = resolve(path);
  for (let hops = 0; hops < MAX_LINKS; hops++) {
    let isLink: boolean;
    try {
      isLink = lstatSync(current).isSymbolicLink();
    } catch (error) {
      if (isCode(error, 'ENOENT')) return join(realpathSync(dirname(current)), basename(current));
      throw error;
    }
    if (!isLink) return current;
    current = resolve(dirname(current), readlinkSync(current));
  }
  throw Object.assign(new Error(`too many symbolic links: ${path}`), { code: 'ELOOP' });
}

/**
 * The target, mode and temporary path of a save to `path`.
 *
 * @remarks O(links followed) system calls.
 * @example
 * ```ts
 * const { target, temporary } = await atomicTarget('graph.sg');
 * ```
 * @internal
 */
export async function atomicTarget(path: string): Promise<AtomicTarget> {
  const target = await realTarget(path);
  let mode: number | undefined;
  try {
    mode = (await stat(target)).mode & 0o7777;
  } catch (error) {
    if (!isCode(error, 'ENOENT')) throw error;
  }
  return { target, mode, temporary: temporaryFor(target) };
}

/** {@link atomicTarget}, synchronously. @internal */
export function atomicTargetSync(path: string): AtomicTarget {
  const target = realTargetSync(path);
  let mode: number | undefined;
  try {
    mode = statSync(target).mode & 0o7777;
  } catch (error) {
    if (!isCode(error, 'ENOENT')) throw error;
  }
  return { target, mode, temporary: temporaryFor(target) };
}

/** Gives the written temporary file the target's permission bits (before the rename). @internal */
export async function keepMode(file: AtomicTarget): Promise<void> {
  if (file.mode !== undefined) await chmod(file.temporary, file.mode);
}

/** {@link keepMode}, synchronously. @internal */
export function keepModeSync(file: AtomicTarget): void {
  if (file.mode !== undefined) chmodSync(file.temporary, file.mode);
}

/** The temporary file is renamed or removed: it is no longer this process's. @internal */
export function settled(file: AtomicTarget): void {
  inFlight.delete(file.temporary);
}

const TEMPORARY = /^\.(.+)\.(\d+)\.[0-9a-f]{12}\.tmp$/;

function isStale(name: string, path: string, target: string, mtimeMs: () => number): boolean {
  const match = TEMPORARY.exec(name);
  if (match === null || match[1] !== basename(target) || inFlight.has(path)) return false;
  const pid = Number(match[2]);
  if (pid !== process.pid) {
    try {
      process.kill(pid, 0);
    } catch (error) {
      if (isCode(error, 'ESRCH')) return true; // its process is gone
    }
  }
  return Date.now() - mtimeMs() > STALE_MS;
}

/**
 * Removes the temporary files that killed saves of `target` left beside it: those of processes
 * that are gone, and any older than an hour, never one this process is writing. Best effort.
 *
 * @remarks O(directory entries).
 * @example
 * ```ts
 * await removeStaleTemporaries('/data/graph.sg');
 * ```
 * @internal
 */
export async function removeStaleTemporaries(target: string): Promise<void> {
  const directory = dirname(target);
  let names: string[];
  try {
    names = await readdir(directory);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(directory, name);
    let mtime = Infinity;
    try {
      mtime = (await lstat(path)).mtimeMs;
    } catch {
      continue;
    }
    if (isStale(name, path, target, () => mtime)) await unlink(path).catch(() => undefined);
  }
}

/** {@link removeStaleTemporaries}, synchronously. @internal */
export function removeStaleTemporariesSync(target: string): void {
  const directory = dirname(target);
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(directory, name);
    try {
      const { mtimeMs } = lstatSync(path);
      if (isStale(name, path, target, () => mtimeMs)) unlinkSync(path);
    } catch {
      // gone meanwhile, or not ours to remove
    }
  }
}

/** fsync a directory so that a rename in it is durable (not possible on Windows: skipped). @internal */
export function syncDirectorySync(directory: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(directory, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
