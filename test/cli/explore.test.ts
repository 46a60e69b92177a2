// `social-graph explore`: flags, errors, and the loopback server's routes (no browser needed;
// test/browser/explorer.test.ts drives the page itself in Chromium).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli.js';
import { runExploreCommand, startExplorerServer } from '../../src/cli/commands/explore.js';
import type { CliIo } from '../../src/cli/io.js';

const KARATE = fileURLToPath(new URL('../fixtures/karate.txt', import.meta.url));
const pageDir = mkdtempSync(join(tmpdir(), 'sg-explore-page-'));
writeFileSync(join(pageDir, 'index.html'), '<!doctype html><title>explorer</title>');
writeFileSync(join(pageDir, 'explorer.js'), 'export {};');
writeFileSync(join(pageDir, 'notes.txt'), 'not served: unknown type');
afterAll(() => rmSync(pageDir, { recursive: true, force: true }));

/** A captured CLI io; `printed(text)` resolves once stdout holds `text` (no wall-clock wait). */
function io(): CliIo & { out: () => string; err: () => string; printed: (text: string) => Promise<void> } {
  let out = '';
  let err = '';
  const waiting: { text: string; resolve: () => void }[] = [];
  const write = (s: string): void => {
    out += s;
    for (const w of waiting.splice(0)) {
      if (out.includes(w.text)) w.resolve();
      else waiting.push(w);
    }
  };
  const printed = (text: string): Promise<void> => (out.includes(text) ? Promise.resolve() : new Promise((resolve) => waiting.push({ text, resolve })));
  return { stdout: { write }, stderr: { write: (s: string) => (err += s) }, out: () => out, err: () => err, printed };
}

describe('social-graph explore', () => {
  it('prints its help, and rejects bad flags (exit 2) and missing files (exit 1)', async () => {
    const help = io();
    expect(await runCli(['explore', '--help'], help)).toBe(0);
    expect(help.out()).toContain('Usage: social-graph explore [FILE]');
    for (const args of [['--port', 'x'], ['--port', '70000'], ['a', 'b'], ['--bogus']]) {
      const t = io();
      expect(await runCli(['explore', ...args], t)).toBe(2);
    }
    const missing = io();
    expect(await runExploreCommand(['/no/such/file.sg'], missing, { pageDir }).catch(() => 'threw')).toBe('threw');
    expect(await runCli(['explore', '/no/such/file.sg'], missing)).toBe(1);
    expect(missing.err()).toMatch(/no such file|not built/);
  });

  it('serves the page, the source description and FILE on 127.0.0.1, nothing else, until stopped', async () => {
    let stop!: () => void;
    const until = new Promise<void>((resolve) => (stop = resolve));
    const t = io();
    const running = runExploreCommand([KARATE], t, { until, pageDir });
    // The URL is printed once the server listens: wait for that (or for the command to end early).
    await Promise.race([t.printed('http://'), running]);
    const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(t.out())?.[0];
    expect(url).toBeDefined();
    const page = await fetch(url!);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<title>explorer</title>');
    expect((await fetch(`${url}explorer.js`)).headers.get('content-type')).toContain('text/javascript');
    const source = (await (await fetch(`${url}api/source`)).json()) as { url: string; name: string; size: number };
    expect(source).toEqual({ url: 'graph/karate.txt', name: 'karate.txt', size: readFileSync(KARATE).length });
    expect(Buffer.from(await (await fetch(`${url}${source.url}`)).arrayBuffer()).equals(readFileSync(KARATE))).toBe(true);
    for (const path of ['notes.txt', '..%2Fpackage.json', '%2e%2e/%2e%2e/package.json', 'graph/other.txt', 'etc/passwd', '%E0%A4%A']) {
      expect([400, 404]).toContain((await fetch(`${url}${path}`)).status);
    }
    expect((await fetch(url!, { method: 'POST' })).status).toBe(405);
    expect((await fetch(url!, { method: 'HEAD' })).status).toBe(200);
    stop();
    expect(await running).toBe(0);
    await expect(fetch(url!)).rejects.toThrow();
  });

  it('without FILE, api/source is 404; a port in use is a one-line error', async () => {
    const server = await startExplorerServer({ pageDir, port: 0 });
    try {
      expect((await fetch(`${server.url}api/source`)).status).toBe(404);
      const t = io();
      expect(await runCli(['explore', '--port', String(server.port)], t)).toBe(1);
    } finally {
      await server.close();
    }
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    await expect(startExplorerServer({ pageDir, port })).rejects.toThrow(/port \d+ is in use/);
    await new Promise<void>((r) => blocker.close(() => r()));
  });
});
