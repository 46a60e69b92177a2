// Runnable documentation: extraction of ```ts blocks (Markdown and TSDoc @example), the rule that
// tells a value comment from prose, and the instrumentation that asserts value comments.
// Used by test/docs/run-doc-blocks.mjs (README.md and docs/**/*.md, against the built package) and
// test/docs/tsdoc-examples.test.ts (src/**/*.ts @example blocks, against the sources).
//
// ## Which blocks run
// Every fenced block whose info string is `ts` or `typescript`. Nothing else is extracted (`sh`,
// plain ``` key layouts, `json`...). A block runs as an ES module with top-level await.
//
// ## Blocks that continue an earlier one
// A block whose FIRST line is a comment starting with `// continues` (e.g.
// `// continues the quick start above`) is appended to the previous ts block of the same file:
// the chain runs as one module, so it sees that block's imports and variables. Anything else is
// self-contained and must import what it uses. (Readers see the comment, so they know where
// `graph` comes from.)
//
// ## Blocks that cannot run in Node
// An HTML comment `<!-- no-run: reason -->` on a line of its own right before the fence. Such
// blocks are counted and printed with their reason, never skipped silently. Keep them to blocks
// that truly cannot run (none today).
//
// ## Value comments
// A `//` comment on the same line after a statement, or alone on the line right after it (when
// the statement has no comment of its own), is a VALUE comment when its text, or the part of it
// before a separator, is a literal:
//   - literal: numbers (also -n, NaN, Infinity), strings, true, false, null, undefined, and arrays
//     and objects of literals (plain keys, no computed keys, no spreads);
//   - separators: `: `, ` (`, ` — `, `; `, two spaces, or the end of a closing `]` `}` `)` before
//     a space. The longest literal prefix wins.
//   - `…` or `...` as the last element of an array means "and possibly more elements"; as the
//     last entry of an object, "and possibly more keys"; the string '…' matches any value.
// So `// 2`, `// ['bob']`, `// null: out of network`, `// 'Acme' (a frozen copy)` and
// `// [{ id: 'bob', at: 1793491200000 }, ...] newest first` are asserted, and `// records when`,
// `// pending, newest first` or `// 100 invitations a week` are prose.
// A value comment after an expression statement asserts the expression's value; after
// `const x = ...` (one plain name), the value of x. A value comment after any other statement is
// an error. Comparison is structural: arrays (and typed arrays) element by element, objects by
// their own enumerable keys (keys holding undefined are ignored; prototypes are not compared),
// primitives by Object.is except that 0 equals -0.
import ts from 'typescript';

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)[^\n]*$/;
const RUNNABLE = new Set(['ts', 'typescript']);

/**
 * The ```ts blocks of a Markdown text: { line (1-based line of the first code line), code,
 * continues, noRun (reason or null) }.
 */
export function markdownBlocks(text) {
  const lines = text.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]);
    if (open === null) continue;
    const fence = open[2];
    let j = i + 1;
    while (j < lines.length && !lines[j].trimStart().startsWith(fence)) j++;
    const lang = open[3].toLowerCase();
    if (RUNNABLE.has(lang)) {
      const code = lines.slice(i + 1, j).map((l) => l.slice(Math.min(open[1].length, l.length - l.trimStart().length))).join('\n');
      let k = i - 1;
      while (k >= 0 && lines[k].trim() === '') k--;
      const noRun = k >= 0 ? /^<!--\s*no-run:\s*(.*?)\s*-->$/.exec(lines[k].trim()) : null;
      blocks.push({ line: i + 2, code, continues: /^\s*\/\/\s*continues\b/i.test(code.split('\n')[0] ?? ''), noRun: noRun ? noRun[1] : null });
    }
    i = j;
  }
  return blocks;
}

/**
 * Chains blocks into programs: a block that continues is appended to the program before it.
 * Each program: { blocks: [block...], code, lineOf(programLine) → block line }.
 */
export function programs(blocks, file) {
  const out = [];
  for (const block of blocks) {
    if (block.continues) {
      const last = out.at(-1);
      if (last === undefined) throw new Error(`${file}:${block.line}: the first ts block of a file cannot continue another`);
      last.blocks.push(block);
    } else {
      out.push({ blocks: [block] });
    }
  }
  for (const program of out) {
    const lines = [];
    const origin = [];
    for (const block of program.blocks) {
      block.code.split('\n').forEach((l, i) => {
        lines.push(l);
        origin.push(block.line + i);
      });
    }
    program.code = lines.join('\n');
    program.origin = origin;
    program.noRun = program.blocks.map((b) => b.noRun).find((r) => r !== null) ?? null;
  }
  return out;
}

/** The value a comment shows, as an expected-value description, or null when it is prose. */
export function valueOfComment(comment) {
  const text = comment.replace(/^\/\/\s?/, '').trim();
  if (text === '') return null;
  const ends = new Set([text.length]);
  const separator = /:\s|\s\(|\s—|;\s|\s{2}/g;
  for (let m; (m = separator.exec(text)) !== null; ) ends.add(m.index);
  for (let i = 0; i < text.length - 1; i++) if (/[\]})]/.test(text[i]) && /\s/.test(text[i + 1])) ends.add(i + 1);
  for (const end of [...ends].sort((a, b) => b - a)) {
    const value = literal(text.slice(0, end).trim());
    if (value !== null) return { text: text.slice(0, end).trim(), value };
  }
  return null;
}

const MORE = '__sg_more__';

/** Parses a literal (see the header) into a description; null when it is not one. */
export function literal(source) {
  if (source === '') return null;
  // `…` and `...` outside strings become a marker identifier.
  const marked = source.replace(/('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")|…|\.\.\./g, (m, str) => (str ? str : MORE));
  const file = ts.createSourceFile('value.ts', `(\n${marked}\n);`, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  if (file.parseDiagnostics.length > 0 || file.statements.length !== 1) return null;
  const statement = file.statements[0];
  if (!ts.isExpressionStatement(statement)) return null;
  try {
    return describe(statement.expression);
  } catch {
    return null;
  }
}

function describe(node) {
  if (ts.isParenthesizedExpression(node)) return describe(node.expression);
  if (ts.isNumericLiteral(node)) return { num: Number(node.text) };
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text === '…' ? { any: true } : { str: node.text };
  if (node.kind === ts.SyntaxKind.TrueKeyword) return { bool: true };
  if (node.kind === ts.SyntaxKind.FalseKeyword) return { bool: false };
  if (node.kind === ts.SyntaxKind.NullKeyword) return { null: true };
  if (ts.isIdentifier(node)) {
    if (node.text === 'undefined') return { undefined: true };
    if (node.text === 'NaN') return { num: 'NaN' };
    if (node.text === 'Infinity') return { num: 'Infinity' };
    throw new Error('not a literal');
  }
  if (ts.isPrefixUnaryExpression(node) && (node.operator === ts.SyntaxKind.MinusToken || node.operator === ts.SyntaxKind.PlusToken)) {
    const inner = describe(node.operand);
    if (!('num' in inner)) throw new Error('not a literal');
    const n = inner.num === 'NaN' ? NaN : inner.num === 'Infinity' ? Infinity : inner.num;
    const v = node.operator === ts.SyntaxKind.MinusToken ? -n : n;
    return { num: Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : v };
  }
  if (ts.isArrayLiteralExpression(node)) {
    const items = [...node.elements];
    let more = false;
    if (items.length > 0 && ts.isIdentifier(items.at(-1)) && items.at(-1).text === MORE) {
      items.pop();
      more = true;
    }
    return { array: items.map(describe), more };
  }
  if (ts.isObjectLiteralExpression(node)) {
    const props = [...node.properties];
    let more = false;
    const last = props.at(-1);
    if (last !== undefined && ts.isShorthandPropertyAssignment(last) && last.name.text === MORE) {
      props.pop();
      more = true;
    }
    const entries = props.map((p) => {
      if (!ts.isPropertyAssignment(p)) throw new Error('not a literal');
      const name = p.name;
      if (!(ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name))) throw new Error('not a literal');
      return [name.text, describe(p.initializer)];
    });
    return { object: entries, more };
  }
  throw new Error('not a literal');
}

/** Whether `actual` matches the description `expected`; on a mismatch, the path where it differs. */
export function mismatch(actual, expected, path = '') {
  if (expected.any) return null;
  const here = path === '' ? 'value' : path;
  if ('num' in expected) {
    const want = expected.num === 'NaN' ? NaN : expected.num === 'Infinity' ? Infinity : expected.num === '-Infinity' ? -Infinity : expected.num;
    return typeof actual === 'number' && (actual === want || (Number.isNaN(want) && Number.isNaN(actual))) ? null : here;
  }
  if ('str' in expected) return actual === expected.str ? null : here;
  if ('bool' in expected) return actual === expected.bool ? null : here;
  if (expected.null) return actual === null ? null : here;
  if (expected.undefined) return actual === undefined ? null : here;
  if (expected.array) {
    if (!(Array.isArray(actual) || (ArrayBuffer.isView(actual) && !(actual instanceof DataView)))) return here;
    const n = expected.array.length;
    if (expected.more ? actual.length < n : actual.length !== n) return `${here}.length`;
    for (let i = 0; i < n; i++) {
      const m = mismatch(actual[i], expected.array[i], `${path}[${i}]`);
      if (m !== null) return m;
    }
    return null;
  }
  if (expected.object) {
    if (typeof actual !== 'object' || actual === null) return here;
    const keys = new Set(expected.object.map(([k]) => k));
    for (const [k, v] of expected.object) {
      const m = mismatch(actual[k], v, `${path}.${k}`);
      if (m !== null) return m;
    }
    if (!expected.more) for (const k of Object.keys(actual)) if (!keys.has(k) && actual[k] !== undefined) return `${path}.${k} (not in the comment)`;
    return null;
  }
  return here;
}

/**
 * Instruments a TypeScript program so that its value comments are asserted: returns
 * { code (TypeScript still), checks: number }. `check(actual, expected, where)` is the name the
 * instrumented code calls; `where(line0)` names a program line for messages.
 */
export function instrument(code, { check = '__sg_check', where = (line) => `line ${line + 1}` } = {}) {
  const file = ts.createSourceFile('block.ts', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const lines = code.split('\n');
  const edits = [];
  let checks = 0;
  const errors = [];
  for (const statement of file.statements) {
    const endLine = file.getLineAndCharacterOfPosition(statement.end).line;
    let comment = null;
    const trailing = ts.getTrailingCommentRanges(code, statement.end) ?? [];
    const own = trailing.find((c) => c.kind === ts.SyntaxKind.SingleLineCommentTrivia && file.getLineAndCharacterOfPosition(c.pos).line === endLine);
    let commentLine = endLine;
    if (own) comment = code.slice(own.pos, own.end);
    else if (/^\s*\/\//.test(lines[endLine + 1] ?? '')) {
      comment = lines[endLine + 1].trim();
      commentLine = endLine + 1;
    }
    if (comment === null) continue;
    const value = valueOfComment(comment);
    if (value === null) continue;
    const expected = JSON.stringify(JSON.stringify(value.value));
    const at = JSON.stringify(`${where(commentLine)}: // ${value.text}`);
    if (ts.isExpressionStatement(statement)) {
      const e = statement.expression;
      edits.push({ pos: e.getStart(file), end: e.end, text: `${check}((${code.slice(e.getStart(file), e.end)}), ${expected}, ${at})` });
      checks++;
    } else if (ts.isVariableStatement(statement) && statement.declarationList.declarations.length === 1 && ts.isIdentifier(statement.declarationList.declarations[0].name)) {
      const name = statement.declarationList.declarations[0].name.text;
      edits.push({ pos: statement.end, end: statement.end, text: ` ${check}(${name}, ${expected}, ${at});` });
      checks++;
    } else {
      errors.push(`${where(commentLine)}: a value comment (// ${value.text}) after a statement that has no value`);
    }
  }
  let out = code;
  for (const edit of edits.sort((a, b) => b.pos - a.pos)) out = out.slice(0, edit.pos) + edit.text + out.slice(edit.end);
  return { code: out, checks, errors };
}

/** TypeScript to JavaScript (an ES module), types erased, no type check. */
export function toJavaScript(code, fileName = 'block.ts') {
  return ts.transpileModule(code, {
    fileName,
    reportDiagnostics: false,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: false, isolatedModules: true },
  }).outputText;
}

/** The check function, as source, for the instrumented code (it needs `__sg_inspect`: node:util's inspect). */
export function checkSource(name = '__sg_check') {
  return `function ${name}(actual, expectedJson, where) {
  const expected = JSON.parse(expectedJson);
  const path = (${mismatch.toString()})(actual, expected);
  if (path !== null) {
    throw new Error(where + '\\n  differs at ' + path + '; the code gives ' + __sg_inspect(actual, { depth: 6, breakLength: 120 }));
  }
  return actual;
}`;
}
