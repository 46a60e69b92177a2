/**
 * The library core runs anywhere (browsers, Deno, workers): no file under src/ may import a Node
 * built-in module or use Node's `Buffer` / `process` globals. Only src/node/** and src/cli/** may.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SRC = join(ROOT, 'src');
// src/redis/ is the Redis Cluster backend (social-graph/redis): Node-only like ioredis, it hands
// ioredis binary values as Buffers.
const ALLOWED_DIRS = ['src/node/', 'src/cli/', 'src/redis/'];

/** The names the rule spells out, plus every other built-in Node knows of. */
const BUILTINS = new Set([
  'fs',
  'path',
  'zlib',
  'os',
  'child_process',
  'worker_threads',
  'crypto',
  'stream',
  'util',
  'events',
  'url',
  'buffer',
  'process',
  ...builtinModules,
]);

function isNodeBuiltin(specifier: string): boolean {
  if (specifier.startsWith('node:')) return true;
  const top = specifier.split('/')[0]!; // 'fs/promises', 'stream/web', 'path/posix'
  return BUILTINS.has(specifier) || BUILTINS.has(top);
}

/**
 * Blanks comments (keeping line breaks); with `strings`, blanks the text of string and template
 * literals too (template `${...}` expressions are kept: they are code).
 */
function stripCode(source: string, strings: boolean): string {
  let out = '';
  let i = 0;
  const braces: number[] = []; // per open `${`: the brace depth at which it closes
  let depth = 0;
  const blank = (text: string) => text.replace(/[^\n]/g, ' ');
  const readQuoted = (quote: string): void => {
    let j = i + 1;
    while (j < source.length && source[j] !== quote && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
    const text = source.slice(i, j + 1);
    out += strings ? quote + blank(text.slice(1, -1)) + quote : text;
    i = j + 1;
  };
  const readTemplate = (): void => {
    // i is just after a backtick or a closing `}` of an expression
    let j = i;
    while (j < source.length && source[j] !== '`' && !(source[j] === '$' && source[j + 1] === '{')) j += source[j] === '\\' ? 2 : 1;
    out += strings ? blank(source.slice(i, j)) : source.slice(i, j);
    if (source[j] === '`') {
      out += '`';
      i = j + 1;
    } else {
      out += '${';
      braces.push(depth);
      i = j + 2;
    }
  };
  while (i < source.length) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end < 0 ? source.length : end;
      out += blank(source.slice(i, stop));
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end < 0 ? source.length : end + 2;
      out += blank(source.slice(i, stop));
      i = stop;
    } else if (c === "'" || c === '"') {
      readQuoted(c);
    } else if (c === '`') {
      out += '`';
      i++;
      readTemplate();
    } else if (c === '{') {
      depth++;
      out += c;
      i++;
    } else if (c === '}' && braces.length > 0 && braces[braces.length - 1] === depth) {
      braces.pop();
      out += '}';
      i++;
      readTemplate();
    } else {
      if (c === '}') depth--;
      out += c;
      i++;
    }
  }
  return out;
}

const IMPORT_PATTERNS = [
  /\bimport\s+(?:type\s+)?[^'";]*?\bfrom\s*(['"])([^'"]+)\1/g, // import x from 'm', import type { x } from 'm'
  /\bexport\s+(?:type\s+)?[^'";]*?\bfrom\s*(['"])([^'"]+)\1/g, // export { x } from 'm'
  /\bimport\s*(['"])([^'"]+)\1/g, // import 'm'
  /\bimport\s*\(\s*(['"`])([^'"`]+)\1\s*\)/g, // import('m')
  /\brequire\s*\(\s*(['"`])([^'"`]+)\1\s*\)/g, // require('m')
  /\bimport\s+\w+\s*=\s*require\s*\(\s*(['"])([^'"]+)\1\s*\)/g, // import x = require('m')
];
const GLOBAL_PATTERNS: [string, RegExp][] = [
  ['Buffer', /(?<![\w$.])Buffer\b/g],
  ['process.', /(?<![\w$.])process\s*(?:\?\.|\.|\[)/g],
];

interface Violation {
  line: number;
  what: string;
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** Node built-in imports and Node globals used by a TypeScript source text. */
function violations(source: string): Violation[] {
  const found: Violation[] = [];
  const code = stripCode(source, false);
  for (const pattern of IMPORT_PATTERNS) {
    for (const match of code.matchAll(pattern)) {
      const specifier = match[2]!;
      if (isNodeBuiltin(specifier)) found.push({ line: lineOf(code, match.index), what: `imports '${specifier}'` });
    }
  }
  const bare = stripCode(source, true);
  for (const [name, pattern] of GLOBAL_PATTERNS) {
    for (const match of bare.matchAll(pattern)) found.push({ line: lineOf(bare, match.index), what: `uses ${name}` });
  }
  return found.sort((x, y) => x.line - y.line);
}

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(path));
    else if (entry.isFile() && entry.name.endsWith('.ts')) files.push(path);
  }
  return files;
}

function repoPath(path: string): string {
  return relative(ROOT, path).split(sep).join('/');
}

describe('no Node built-ins in the library core', () => {
  const files = sourceFiles(SRC)
    .map(repoPath)
    .filter((path) => !ALLOWED_DIRS.some((dir) => path.startsWith(dir)))
    .sort();

  it('scans the core sources', () => {
    expect(files).toContain('src/index.ts');
    expect(files).toContain('src/social-graph.ts');
    expect(files.some((path) => path.startsWith('src/node/') || path.startsWith('src/cli/'))).toBe(false);
  });

  it('finds no Node built-in import and no Buffer / process global under src/ (outside src/node, src/cli)', () => {
    const report: string[] = [];
    for (const path of files) {
      for (const { line, what } of violations(readFileSync(join(ROOT, path), 'utf8'))) report.push(`${path}:${line} ${what}`);
    }
    expect(report).toEqual([]);
  });

  describe('the detector itself', () => {
    it.each([
      [`import { readFileSync } from 'node:fs';`, `imports 'node:fs'`],
      [`import fs from "fs";`, `imports 'fs'`],
      [`import * as path from 'path';`, `imports 'path'`],
      [`import type { Readable } from 'node:stream';`, `imports 'node:stream'`],
      [`import {\n  gzipSync,\n  gunzipSync,\n} from 'zlib';`, `imports 'zlib'`],
      [`import { readFile } from 'fs/promises';`, `imports 'fs/promises'`],
      [`import 'node:process';`, `imports 'node:process'`],
      [`export { inspect } from 'util';`, `imports 'util'`],
      [`export * from 'node:events';`, `imports 'node:events'`],
      [`const os = await import('os');`, `imports 'os'`],
      [`const cp = require('child_process');`, `imports 'child_process'`],
      [`import wt = require('worker_threads');`, `imports 'worker_threads'`],
      [`import { createHash } from 'crypto';`, `imports 'crypto'`],
      [`import { URL } from 'url';`, `imports 'url'`],
      [`import { Buffer as B } from 'buffer';`, `imports 'buffer'`],
      [`import { EventEmitter } from 'events';`, `imports 'events'`],
      [`import net from 'net';`, `imports 'net'`],
      [`const b = Buffer.from('x');`, 'uses Buffer'],
      [`function f(b: Buffer) {}`, 'uses Buffer'],
      [`if (process.env.DEBUG) {}`, 'uses process.'],
      [`const argv = process .argv;`, 'uses process.'],
      [`const x = \`\${process.pid}\`;`, 'uses process.'],
    ])('flags %j', (source, what) => {
      expect(violations(source).map((v) => v.what)).toContain(what);
    });

    it.each([
      [`// import fs from 'node:fs';\nconst a = 1;`],
      [`/**\n * @example\n * import { createReadStream } from 'node:fs';\n * process.stdout.write(Buffer.from('x'));\n */\nexport const a = 1;`],
      [`const message = 'process.exit and Buffer are not used here';`],
      [`const message = \`the process. of \${name} with a Buffer\`;`],
      [`const a = new ArrayBuffer(8); const s = new SharedArrayBuffer(8); let arrayBuffer: ArrayBuffer;`],
      [`import { SocialGraph } from './social-graph.js';`],
      [`import { x } from './fs.js'; import y from './path/to.js';`],
      [`import { defineConfig } from 'vitest/config';`],
      [`const processed = 1; const reprocess = () => processed; const obj = { process: 1 }; obj.process; const preBuffer = 2;`],
      [`function process(items: number[]) { return items; }`],
    ])('does not flag %j', (source) => {
      expect(violations(source)).toEqual([]);
    });
  });
});
