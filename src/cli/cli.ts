/**
 * The `social-graph` command line: a table of subcommands, each `run(args, io)` → exit code
 * (0 ok, 1 failure, 2 usage).
 */
import { benchCommand } from './bench/command.js';
import { checkpointCommand } from './commands/checkpoint.js';
import { exploreCommand } from './commands/explore.js';
import { importCommand } from './commands/import.js';
import { infoCommand } from './commands/info.js';
import { queryCommand } from './commands/query.js';
import { statsCommand } from './commands/stats.js';
import { demoCommand } from './demo.js';
import { SocialGraphError } from '../errors.js';
import { CliError, UsageError, type CliCommand, type CliIo } from './io.js';

/**
 * Every subcommand, in the order `--help` lists them. To add one, import its {@link CliCommand}
 * above and add a line here.
 */
export const COMMANDS: Record<string, CliCommand> = {
  demo: demoCommand,
  bench: benchCommand,
  import: importCommand,
  info: infoCommand,
  query: queryCommand,
  stats: statsCommand,
  explore: exploreCommand,
  checkpoint: checkpointCommand,
};

/** The top-level help: every command with its summary. */
export function usage(): string {
  const names = Object.keys(COMMANDS);
  const width = Math.max(...names.map((n) => n.length));
  return `Usage: social-graph <command> [options]

Commands:
${names.map((n) => `  ${n.padEnd(width)}  ${COMMANDS[n]!.summary}`).join('\n')}

Run 'social-graph <command> --help' for a command's options.
  -h, --help       this help
  -v, --version    the version

Exit codes:
  0  success
  1  failure: an input file missing, unreadable or malformed, a failed write, a missing optional
     package, a disagreement between bench peers (one line on stderr: 'social-graph: ...')
  2  usage: an unknown command or option, a missing or bad value (the line and a hint to --help)
`;
}

/** Runs the command line `argv` (without `node` and the script); resolves to the exit code. */
export async function runCli(argv: string[], io: CliIo, version = '0.0.0'): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined) {
      io.stderr.write(usage());
      return 2;
    }
    if (name === '--help' || name === '-h' || name === 'help') {
      io.stdout.write(usage());
      return 0;
    }
    if (name === '--version' || name === '-v') {
      io.stdout.write(`${version}\n`);
      return 0;
    }
    const command = COMMANDS[name];
    if (command === undefined) throw new UsageError(`unknown command ${JSON.stringify(name)} (allowed: ${Object.keys(COMMANDS).join(', ')})`);
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`social-graph: ${error.message}\nRun 'social-graph ${name !== undefined && COMMANDS[name] ? `${name} ` : ''}--help' for usage.\n`);
      return 2;
    }
    // One voice: every expected failure is one line, 'social-graph: ...', and exit code 1.
    if (error instanceof CliError) {
      io.stderr.write(`social-graph: ${error.message}\n`);
      return 1;
    }
    if (error instanceof SocialGraphError) {
      io.stderr.write(`social-graph: ${error.code}: ${error.message}\n`);
      return 1;
    }
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code) && error instanceof Error) {
      io.stderr.write(`social-graph: ${error.message}\n`); // a system error (ENOENT, EACCES, ENOSPC...): its message names the path
      return 1;
    }
    // Anything else is a bug of the command: its stack helps to report it.
    io.stderr.write(`social-graph: internal error, please report it with this trace:\n${(error as Error)?.stack ?? String(error)}\n`);
    return 1;
  }
}

