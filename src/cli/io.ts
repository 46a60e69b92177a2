/**
 * What a CLI command writes to: the process's streams in production, buffers in tests.
 */

/** An output stream: `process.stdout`, `process.stderr`, or a test buffer. */
export interface CliStream {
  write(chunk: string): unknown;
  /** Whether it is a terminal (progress bars are drawn only there). */
  isTTY?: boolean;
  /** Terminal width, when a terminal. */
  columns?: number;
}

/** The streams of a command: results on `stdout`, logs, progress and errors on `stderr`. */
export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
}

/** A subcommand: `run(args, io)` resolves to the exit code (0 ok, 1 failure, 2 usage). */
export interface CliCommand {
  /** One line for the command list of `social-graph --help`. */
  summary: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** A bad command line: reported with the usage hint, exit code 2. */
export class UsageError extends Error {}

/** A failure to report in one line (no stack), exit code 1: a malformed input file, a missing package. */
export class CliError extends Error {}

/**
 * A usage error from a `node:util` `parseArgs` failure, in the CLI's words: `unknown option
 * --foo`, `option --out needs a value`..., followed by the options the command takes (each with
 * its one-letter alias when it has one).
 */
export function parseArgsError(command: string, error: unknown, options: Record<string, { type: string; short?: string }>): UsageError {
  const allowed = Object.entries(options)
    .map(([name, o]) => `${o.short !== undefined ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ' VALUE' : ''}`)
    .join('; ');
  const code = (error as { code?: unknown })?.code;
  const message = String((error as Error)?.message ?? error);
  const option = /'(?:-\w, )?(--?[\w-]+)/.exec(message)?.[1];
  let what: string;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option !== undefined) what = `unknown option ${option}`;
  else if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option !== undefined) what = `option ${option} ${/argument missing/.test(message) ? 'needs a value' : 'takes no value'}`;
  else if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') what = `unexpected argument ${/'([^']*)'/.exec(message)?.[1] ?? ''}`.trim();
  else what = message.split('\n')[0]!.replace(/\.\s.*$/, '');
  return new UsageError(`${command}: ${what} (options: ${allowed})`);
}
