/**
 * Every export of the library carries TSDoc: a summary on all of them, and on functions and
 * classes also `@remarks` (the complexity) and an `@example`. Internal helpers marked
 * `@internal` need only the summary. The CLI (src/cli) is an application, not API.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'cli' ? [] : files(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

const EXPORT = /^export\s+(?:declare\s+)?(?:abstract\s+)?(async\s+)?(function\*?|class|interface|type|const|let|enum)\s+([A-Za-z0-9_$]+)/;

export function missingDocs(source: string): string[] {
  const lines = source.split('\n');
  const problems: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = EXPORT.exec(lines[i]!);
    if (m === null) continue;
    const kind = m[2]!;
    const name = m[3]!;
    // Walk back over decorators/blank lines to the closing of a doc comment.
    let j = i - 1;
    while (j >= 0 && lines[j]!.trim() === '') j--;
    if (j < 0 || !lines[j]!.trim().endsWith('*/')) {
      problems.push(`${name} (line ${i + 1}): no TSDoc`);
      continue;
    }
    let k = j;
    while (k >= 0 && !lines[k]!.includes('/**')) k--;
    const doc = lines.slice(k, j + 1).join('\n');
    if (doc.includes('@internal')) continue;
    if (kind.startsWith('function') || kind === 'class') {
      if (!doc.includes('@remarks')) problems.push(`${name} (line ${i + 1}): no @remarks`);
      if (!doc.includes('@example')) problems.push(`${name} (line ${i + 1}): no @example`);
    }
  }
  return problems;
}

describe('TSDoc on every export', () => {
  for (const file of files(join(root, 'src'))) {
    it(relative(root, file), () => {
      expect(missingDocs(readFileSync(file, 'utf8'))).toEqual([]);
    });
  }
});
