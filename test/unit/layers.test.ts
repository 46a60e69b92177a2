/**
 * The dependency rule of src/: layers, one way. A file imports only from its own layer or below
 * (type imports included), and no import cycle exists anywhere, within a layer or across.
 *
 *   0 base        errors.ts, encoding/
 *   1 store       store/
 *   2 algorithms  algorithms/
 *   3 graph core  graph/
 *   4 features    features/
 *   5 window      window/
 *   6 facade      social-graph.ts, graph-options.ts, lean-graph.ts
 *   7 entries     index.ts, lean.ts and every entry point: io/, node/, redis/, graphology/, generators/,
 *                 cli/, stats/, browser/, explorer/
 *
 * There is no allow-list: a new file under src/ must fall in one of these places.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');

const LAYERS: readonly [string, readonly string[]][] = [
  ['base', ['errors.ts', 'encoding/']],
  ['store', ['store/']],
  ['algorithms', ['algorithms/']],
  ['graph core', ['graph/']],
  ['features', ['features/']],
  ['window', ['window/']],
  ['facade', ['social-graph.ts', 'graph-options.ts', 'lean-graph.ts']],
  ['entries', ['index.ts', 'lean.ts', 'io/', 'node/', 'redis/', 'graphology/', 'generators/', 'cli/', 'stats/', 'browser/', 'explorer/']],
];

/** The layer of a file (its path relative to src/), or -1 when it falls in none. */
export function layerOf(path: string): number {
  return LAYERS.findIndex(([, places]) => places.some((place) => (place.endsWith('/') ? path.startsWith(place) : path === place)));
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Relative specifiers a file imports or re-exports, `import type` and `import()` included. */
export function importsOf(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const out: string[] = [];
  const patterns = [/\b(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"](\.[^'"]+)['"]/g, /\bimport\s*\(\s*['"](\.[^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) out.push(match[1]!);
  return out;
}

function resolveImport(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier).replace(/\.(c|m)?js$/, '');
  for (const candidate of [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return null;
}

function graph(): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const targets: string[] = [];
    for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
      const target = resolveImport(file, specifier);
      if (target !== null && target.startsWith(SRC)) targets.push(target);
    }
    edges.set(file, targets);
  }
  return edges;
}

/** Strongly connected components of more than one file, or with a self-import (Tarjan). */
function cycles(edges: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (edges.get(v) ?? []).includes(v)) found.push(component.map((f) => relative(SRC, f)).sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('layers of src/', () => {
  const edges = graph();

  it('parses every kind of import (checked on a sample)', () => {
    const sample = [
      "import { a } from './a.js';",
      "import type { B } from '../b.js';",
      "export { c } from './c/index.js';",
      "export type { D } from './d.js';",
      "import './side-effect.js';",
      "const e = await import('./e.js');",
      "// import { no } from './comment.js';",
      "/* import { no } from './block.js'; */",
      "import {\n  f,\n  type G,\n} from './f.js';",
    ].join('\n');
    expect(importsOf(sample)).toEqual(['./a.js', '../b.js', './c/index.js', './d.js', './side-effect.js', './f.js', './e.js']);
  });

  it('puts every file of src/ in a layer', () => {
    const unplaced = [...edges.keys()].map((f) => relative(SRC, f)).filter((path) => layerOf(path) < 0);
    expect(unplaced).toEqual([]);
    expect(edges.size).toBeGreaterThan(50);
  });

  it('has no import against the layer order', () => {
    const violations: string[] = [];
    for (const [file, targets] of edges) {
      const from = relative(SRC, file);
      for (const target of targets) {
        const to = relative(SRC, target);
        if (layerOf(to) > layerOf(from)) violations.push(`${from} (${LAYERS[layerOf(from)]![0]}) imports ${to} (${LAYERS[layerOf(to)]![0]})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(cycles(edges)).toEqual([]);
  });

  it('finds a cycle and an upward import when there is one (the checks can fail)', () => {
    const a = join(SRC, 'store/a.ts');
    const b = join(SRC, 'store/b.ts');
    expect(cycles(new Map([[a, [b]], [b, [a]]]))).toEqual([['store/a.ts', 'store/b.ts']]);
    expect(layerOf('store/x.ts')).toBeLessThan(layerOf('social-graph.ts'));
    expect(layerOf('features/policy/decide.ts')).toBeGreaterThan(layerOf('graph/graph-core.ts'));
  });
});
