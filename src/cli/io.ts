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
