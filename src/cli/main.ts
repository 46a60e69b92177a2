/**
 * Entry point of the `social-graph` command (the package's `bin`): runs {@link runCli} on the
 * process's arguments and streams and sets the exit code.
 */
import { createRequire } from 'node:module';
import { runCli } from './cli.js';

function version(): string {
  try {
    return (createRequire(import.meta.url)('../package.json') as { version: string }).version;
  } catch {
    try {
      return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
    } catch {
      return 'unknown';
    }
  }
}

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }, version()).then((code) => {
  process.exitCode = code;
});
