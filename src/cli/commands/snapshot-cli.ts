/**
 * What the snapshot commands (`import`, `info`, `query`) share: argument parsing with positionals,
 * error translation, and the import progress bar.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EdgeListFormatError, SocialGraphError } from '../../index.js';
import { CliError, parseArgsError, type CliStream } from '../io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses flags and positionals strictly; bad flags throw a {@link UsageError}. */
export function parseCommandLine(
  command: string,
  args: string[],
  options: Options,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    throw parseArgsError(command, error, options);
  }
}

/** Turns the library's and the file system's errors into one-line CLI errors (exit code 1). */
export function cliErrorOf(error: unknown, file: string): unknown {
  if (error instanceof EdgeListFormatError) return new CliError(`${file}:${error.line}: ${error.message}`);
  if (error instanceof SocialGraphError) return new CliError(`${file}: ${error.code}: ${error.message}`);
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return new CliError(`${file}: not a whole gzip file (${(error as Error).message}): truncated or damaged; download or copy it again`);
  }
  if (code === 'ENOENT') return new CliError(`${file}: no such file`);
  if (code === 'EACCES' || code === 'EISDIR' || code === 'ENOTDIR') return new CliError(`${file}: cannot be read or written (${code})`);
  return error;
}

/** Human-readable byte count. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 2 ** 20) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 2 ** 30) return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  return `${(bytes / 2 ** 30).toFixed(2)} GiB`;
}

/**
 * Progress of a byte count towards a total: on a terminal a one-line bar rewritten with `\r`
 * (at most 10 times a second); elsewhere a plain line at every further 10%.
 */
export class ByteProgress {
  readonly #stream: CliStream;
  readonly #total: number;
  readonly #label: string;
  #lastDraw = 0;
  #lastDecile = -1;
  #shown = false;

  constructor(stream: CliStream, total: number, label: string) {
    this.#stream = stream;
    this.#total = total;
    this.#label = label;
  }

  update(done: number, detail: string, total = this.#total): void {
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    if (this.#stream.isTTY !== true) {
      const decile = Math.floor(fraction * 10);
      if (decile > this.#lastDecile) {
        this.#lastDecile = decile;
        this.#stream.write(`${this.#label}: ${(decile * 10).toString().padStart(3)}%  ${detail}\n`);
      }
      return;
    }
    const now = Date.now();
    if (now - this.#lastDraw < 100 && fraction < 1) return;
    this.#lastDraw = now;
    const width = 30;
    const filled = Math.round(fraction * width);
    const line = `${this.#label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${detail}`;
    const max = (this.#stream.columns ?? 100) - 1;
    this.#stream.write(`\r${line.length > max ? line.slice(0, max) : line}\x1b[K`);
    this.#shown = true;
  }

  /** Ends the bar's line (terminal) so that later output starts on a fresh line. */
  done(): void {
    if (this.#shown) this.#stream.write('\n');
    this.#shown = false;
  }
}
