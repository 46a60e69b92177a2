/**
 * `social-graph explore [FILE]`: serves the explorer page (built into the package at
 * dist/explorer) on loopback, with FILE (a `.sg` snapshot or an edge list, gzip or not) for the
 * page to load in its Web Worker. Runs until interrupted (Ctrl-C).
 */
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError, UsageError, type CliCommand, type CliIo } from '../io.js';
import { parseCommandLine } from './snapshot-cli.js';

export const EXPLORE_USAGE = `Usage: social-graph explore [FILE] [options]

Serves the network explorer on http://127.0.0.1 (a free port unless --port) and prints its URL.
The page loads FILE in a Web Worker: a .sg snapshot or an edge list (SNAP/CSV, .gz or plain).
Without FILE it generates a network; any file can also be dropped onto the page.
Stop it with Ctrl-C.

Options:
  --port N      listen on port N (default: a free port)
  --open        open the page in the default browser, where one exists
  -h, --help    this help
`;

export const EXPLORE_SUMMARY = 'explore a network in the browser (serves a local page)';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.map': 'application/json',
};

/** A running explorer server. */
export interface ExplorerServer {
  /** The page's address, `http://127.0.0.1:PORT/`. */
  readonly url: string;
  readonly port: number;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/** Options of {@link startExplorerServer}. */
export interface ExplorerServerOptions {
  /** The built page (index.html, explorer.js, worker.js, explorer.css). @defaultValue {@link explorerPageDir} */
  pageDir?: string;
  /** The network file the page loads first, if any. */
  file?: string | null;
  /** 0 picks a free port. @defaultValue 0 */
  port?: number;
}

/**
 * The built page: dist/explorer next to the built CLI (dist/cli.js), or the repository's
 * dist/explorer when run from source. Throws a CliError when neither exists.
 */
export function explorerPageDir(): string {
  const candidates = [new URL('./explorer/', import.meta.url), new URL('../../../dist/explorer/', import.meta.url)].map((u) => fileURLToPath(u));
  const found = candidates.find((dir) => existsSync(join(dir, 'index.html')));
  if (found === undefined) throw new CliError(`explore: the explorer page is not built (looked in ${candidates.join(', ')}); run npm run build`);
  return found;
}

/**
 * Serves the page and FILE on 127.0.0.1. Routes: the page's files by name, `api/source` (JSON:
 * the file's url, name and size; 404 without FILE) and `graph/NAME` (the file, streamed). Nothing
 * else is readable: names are matched against the page folder's listing, never joined from the URL.
 */
export async function startExplorerServer(options: ExplorerServerOptions = {}): Promise<ExplorerServer> {
  const pageDir = options.pageDir ?? explorerPageDir();
  const pageFiles = new Set(readdirSync(pageDir).filter((name) => statSync(join(pageDir, name)).isFile()));
  const file = options.file ?? null;
  let source: { url: string; name: string; size: number } | null = null;
  if (file !== null) {
    let size: number;
    try {
      const stat = statSync(file);
      if (!stat.isFile()) throw new CliError(`explore: ${file} is not a file`);
      size = stat.size;
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(`explore: ${file}: ${(error as { code?: string }).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    }
    const name = basename(file);
    source = { url: `graph/${encodeURIComponent(name)}`, name, size };
  }
  const send = (res: ServerResponse, status: number, type: string, body: string) => {
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    res.end(body);
  };
  const sendFile = (req: IncomingMessage, res: ServerResponse, path: string, type: string, size: number) => {
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': String(size), 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(path);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  };
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed\n');
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      return send(res, 400, 'text/plain', 'bad request\n');
    }
    if (path === '/api/source') {
      return source === null ? send(res, 404, 'application/json', 'null') : send(res, 200, 'application/json', JSON.stringify(source));
    }
    if (source !== null && file !== null && path === `/graph/${source.name}`) {
      return sendFile(req, res, file, 'application/octet-stream', source.size);
    }
    const name = path === '/' ? 'index.html' : path.slice(1);
    const ext = /\.[a-z]+$/.exec(name)?.[0] ?? '';
    if (!pageFiles.has(name) || TYPES[ext] === undefined) return send(res, 404, 'text/plain', 'not found\n');
    const full = join(pageDir, name);
    return sendFile(req, res, full, TYPES[ext], statSync(full).size);
  });
  const port = options.port ?? 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new CliError(`explore: port ${port} is in use; choose another with --port, or leave it out for a free one`) : error),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}/`,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Opens `url` with the platform's opener (`open`, `xdg-open`, `start`); false when there is none. */
function openBrowser(url: string): Promise<boolean> {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  return new Promise((resolve) => {
    const child = spawn(command as string, args as string[], { stdio: 'ignore', detached: true });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}

/** Resolves on the first SIGINT or SIGTERM. */
function interrupted(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * Runs `social-graph explore`: serves until `options.until` resolves (default: Ctrl-C or SIGTERM),
 * the page from `options.pageDir` (default {@link explorerPageDir}).
 * Resolves to 0, 1 (missing file, port in use, page not built) or 2 (usage).
 */
export async function runExploreCommand(args: string[], io: CliIo, options: { until?: Promise<void>; pageDir?: string } = {}): Promise<number> {
  const { values, positionals } = parseCommandLine('explore', args, {
    port: { type: 'string' },
    open: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help === true) {
    io.stdout.write(EXPLORE_USAGE);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`explore: expected at most one FILE, got ${positionals.length}`);
  let port = 0;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d+$/.test(String(values.port)) || port > 65_535) throw new UsageError(`explore: --port must be an integer from 0 to 65535, got ${JSON.stringify(values.port)}`);
  }
  const server = await startExplorerServer({ file: positionals[0] ?? null, port, ...(options.pageDir === undefined ? {} : { pageDir: options.pageDir }) });
  io.stdout.write(`social-graph explorer: ${server.url}\n`);
  io.stderr.write(`${positionals[0] !== undefined ? `serving ${positionals[0]}; ` : ''}press Ctrl-C to stop\n`);
  if (values.open === true && !(await openBrowser(server.url))) io.stderr.write('explore: no browser opener found; open the URL above yourself\n');
  try {
    await (options.until ?? interrupted());
  } finally {
    await server.close();
  }
  return 0;
}

/** The `explore` subcommand, for the command table of src/cli/cli.ts. */
export const exploreCommand: CliCommand = { summary: EXPLORE_SUMMARY, run: (args, io) => runExploreCommand(args, io) };
