/**
 * The naming rules of the public API (docs/api-conventions.md), checked mechanically so that they
 * keep holding as the API grows:
 *
 * 1. A field that holds a number is never named like a list of the API: `mutualCount`, not
 *    `mutual` (the list is `mutualConnections`); `memberCount`, not `members` (the list is
 *    `members()`). Checked over every type the package entries export or return, walked with the
 *    TypeScript checker (options types, which are inputs, are left out).
 * 2. A setting is read with a method named after it and written with `set<Setting>`: every
 *    `setX` method of a public class has a method `x` beside it (not a getter or a field), and no
 *    method is named `configure*`.
 * 3. Properties (getters and public fields) of the graphs and the viewer window are free
 *    synchronous reads of graph-wide counts, named `…Count` (besides the window's `viewer` and the
 *    Redis graph's `client` and `layout`, which are what the object was made with); anything that
 *    does I/O is a method. A name means one kind across the classes: never a property on one and
 *    a method on another.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { LeanGraph } from '../../src/lean.js';
import { SocialGraph, ViewerWindow } from '../../src/index.js';
import { RedisSocialGraph } from '../../src/redis/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The package's entries (the `exports` map of package.json, by source file). */
const ENTRIES = ['index', 'lean', 'generators/index', 'redis/index', 'node/index', 'graphology/index', 'stats/index', 'browser/index'].map((name) => resolve(root, 'src', `${name}.ts`));

interface Member {
  /** The type (or class) it belongs to. */
  readonly owner: string;
  readonly name: string;
  readonly kind: 'method' | 'accessor' | 'field';
  /** Whether its value (a method's resolved return value) is a list of named things (see isList). */
  readonly list: boolean;
  /** Whether its value is a number (a field or accessor, `null`/`undefined` aside). */
  readonly number: boolean;
}

/** Every member of every type reachable from the entries' exports through results (not options). */
function publicMembers(): Member[] {
  const config = ts.parseJsonConfigFileContent(JSON.parse(readFileSync(resolve(root, 'tsconfig.json'), 'utf8')), ts.sys, root);
  const program = ts.createProgram(ENTRIES, { ...config.options, noEmit: true });
  const checker = program.getTypeChecker();
  const members: Member[] = [];
  const seen = new Set<ts.Type>();

  const strip = (type: ts.Type): ts.Type[] => (type.isUnion() ? type.types : [type]).filter((t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
  const unwrapPromise = (type: ts.Type): ts.Type => {
    const symbol = type.getSymbol();
    if (symbol?.getName() === 'Promise') return checker.getTypeArguments(type as ts.TypeReference)[0] ?? type;
    return type;
  };
  // A list of things the API names: an array of ids or objects. Arrays of numbers (the dense
  // indices and per-degree vectors of the low-level algorithms) are not lists of named things.
  const isList = (type: ts.Type): boolean => {
    const parts = strip(unwrapPromise(type));
    return (
      parts.length > 0 &&
      parts.every((t) => (checker.isArrayType(t) || checker.isTupleType(t)) && !checker.getTypeArguments(t as ts.TypeReference).every((e) => (e.flags & ts.TypeFlags.NumberLike) !== 0))
    );
  };
  const isNumber = (type: ts.Type): boolean => {
    const parts = strip(type);
    return parts.length > 0 && parts.every((t) => (t.flags & ts.TypeFlags.NumberLike) !== 0);
  };
  const isPrivate = (symbol: ts.Symbol): boolean =>
    symbol.getName().startsWith('#') ||
    (symbol.declarations ?? []).some((d) => (ts.getCombinedModifierFlags(d) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) !== 0 || ts.getJSDocTags(d).some((t) => t.tagName.text === 'internal'));
  const fromLib = (symbol: ts.Symbol | undefined): boolean => (symbol?.declarations ?? []).some((d) => d.getSourceFile().fileName.includes('node_modules'));

  const walk = (type: ts.Type, owner: string): void => {
    for (const part of strip(unwrapPromise(type))) {
      if (checker.isArrayType(part) || checker.isTupleType(part)) {
        for (const element of checker.getTypeArguments(part as ts.TypeReference)) walk(element, owner);
        continue;
      }
      if (seen.has(part) || !(part.flags & ts.TypeFlags.Object) || fromLib(part.getSymbol())) continue;
      seen.add(part);
      const name = part.getSymbol()?.getName() ?? owner;
      const typeName = name.startsWith('__') ? owner : name;
      if (/Options$/.test(typeName)) continue;
      for (const property of checker.getPropertiesOfType(part)) {
        if (isPrivate(property) || fromLib(property)) continue;
        const declaration = property.valueDeclaration ?? property.declarations?.[0];
        if (declaration === undefined) continue;
        const propertyType = checker.getTypeOfSymbolAtLocation(property, declaration);
        const signatures = propertyType.getCallSignatures();
        const method = ts.isMethodDeclaration(declaration) || ts.isMethodSignature(declaration) || (signatures.length > 0 && !ts.isPropertySignature(declaration) && !ts.isPropertyDeclaration(declaration));
        const accessor = ts.isGetAccessorDeclaration(declaration) || ts.isSetAccessorDeclaration(declaration);
        if (method) {
          const returns = signatures.map((s) => s.getReturnType());
          members.push({ owner: typeName, name: property.getName(), kind: 'method', list: returns.some(isList), number: false });
          for (const r of returns) walk(r, `${typeName}.${property.getName()}()`);
        } else {
          members.push({ owner: typeName, name: property.getName(), kind: accessor ? 'accessor' : 'field', list: isList(propertyType), number: isNumber(propertyType) });
          walk(propertyType, `${typeName}.${property.getName()}`);
        }
      }
      for (const signature of part.getCallSignatures()) walk(signature.getReturnType(), owner);
    }
  };

  for (const file of ENTRIES) {
    const source = program.getSourceFile(file);
    const moduleSymbol = source === undefined ? undefined : checker.getSymbolAtLocation(source);
    if (moduleSymbol === undefined) throw new Error(`no module symbol for ${file}`);
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const name = symbol.getName();
      if (/Options$/.test(name) || isPrivate(symbol)) continue;
      if (symbol.flags & ts.SymbolFlags.Class) {
        walk(checker.getDeclaredTypeOfSymbol(symbol), name);
        const declaration = symbol.valueDeclaration;
        if (declaration !== undefined) {
          for (const signature of checker.getTypeOfSymbolAtLocation(symbol, declaration).getProperties()) {
            const d = signature.valueDeclaration;
            if (d === undefined || isPrivate(signature)) continue;
            for (const s of checker.getTypeOfSymbolAtLocation(signature, d).getCallSignatures()) walk(s.getReturnType(), `${name}.${signature.getName()}()`);
          }
        }
      } else if (symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) {
        walk(checker.getDeclaredTypeOfSymbol(symbol), name);
      } else if (symbol.flags & ts.SymbolFlags.Function && symbol.valueDeclaration !== undefined) {
        for (const s of checker.getTypeOfSymbolAtLocation(symbol, symbol.valueDeclaration).getCallSignatures()) walk(s.getReturnType(), `${name}()`);
      }
    }
  }
  return members;
}

const members = publicMembers();

describe('naming rules of the public API (docs/api-conventions.md)', () => {
  it('walks the public surface', () => {
    // Sanity: the walk reaches the classes and the result types it should.
    const owners = new Set(members.map((m) => m.owner));
    for (const owner of ['SocialGraph', 'LeanGraph', 'RedisSocialGraph', 'ViewerWindow', 'Suggestion', 'SearchHit', 'Reach', 'StoreStats', 'EdgeLoadReport', 'ImportReport', 'SnapshotInfo']) {
      expect(owners, owner).toContain(owner);
    }
    expect(members.length).toBeGreaterThan(300);
  });

  it('rule 1: a field holding a number is not named like a list (counts end in Count)', () => {
    const lists = new Map(members.filter((m) => m.list).map((m) => [m.name, `${m.owner}.${m.name}`]));
    // `members` names `members()`; `mutual` names `mutualConnections` (a list of connections or
    // members may be named by its first word).
    const listNamed = (name: string): string | undefined => lists.get(name) ?? lists.get(`${name}Connections`) ?? lists.get(`${name}Members`);
    const offenders = members.filter((m) => m.kind !== 'method' && m.number && listNamed(m.name) !== undefined).map((m) => `${m.owner}.${m.name} (a number named like the list ${listNamed(m.name)})`);
    expect([...new Set(offenders)].sort()).toEqual([]);
    // The rule has teeth: the lists it compares with include the usual ones.
    for (const list of ['members', 'connections', 'mutualConnections', 'sharedGroups', 'hits']) expect([...lists.keys()], list).toContain(list);
  });

  it('rule 2: each set<Setting> method has a read method named after the setting; nothing is configure*', () => {
    const byOwner = new Map<string, Map<string, Member['kind']>>();
    for (const m of members) {
      const own = byOwner.get(m.owner) ?? new Map<string, Member['kind']>();
      own.set(m.name, m.kind);
      byOwner.set(m.owner, own);
    }
    const problems: string[] = [];
    let setters = 0;
    for (const [owner, own] of byOwner) {
      for (const [name, kind] of own) {
        if (kind === 'method' && /^configure[A-Z]/.test(name)) problems.push(`${owner}.${name}: use set<Setting> and <setting>()`);
        if (kind !== 'method' || !/^set[A-Z]/.test(name)) continue;
        setters++;
        const setting = name[3]!.toLowerCase() + name.slice(4);
        if (own.get(setting) !== 'method') problems.push(`${owner}.${name} has no method ${setting}() (found: ${own.get(setting) ?? 'nothing'})`);
      }
    }
    expect(problems).toEqual([]);
    expect(setters).toBeGreaterThanOrEqual(5); // setPrivacy, setPolicy, setQuota, setProfile, setInvitationSettings
  });

  it('rule 3: the properties of the graphs and the window are synchronous graph-wide counts, and a name means one kind', () => {
    const IDENTITY = new Set(['ViewerWindow.viewer', 'RedisSocialGraph.client', 'RedisSocialGraph.layout']);
    const classes = ['SocialGraph', 'LeanGraph', 'RedisSocialGraph', 'ViewerWindow'];
    const problems: string[] = [];
    const kinds = new Map<string, Set<string>>();
    for (const m of members.filter((x) => classes.includes(x.owner))) {
      const kind = m.kind === 'method' ? 'method' : 'property';
      kinds.set(m.name, (kinds.get(m.name) ?? new Set()).add(kind));
      if (kind === 'property' && !IDENTITY.has(`${m.owner}.${m.name}`) && !(m.number && /Count$/.test(m.name))) problems.push(`${m.owner}.${m.name} is a property but not a count`);
    }
    for (const [name, set] of kinds) if (set.size > 1) problems.push(`${name} is a property on one class and a method on another`);
    expect([...new Set(problems)]).toEqual([]);
    // The same at run time, on the classes themselves: getters only for counts, and no async getter.
    const instances: [string, object, Record<string, unknown>][] = [
      ['SocialGraph', SocialGraph.prototype, { ...new SocialGraph() }],
      ['LeanGraph', LeanGraph.prototype, { ...new LeanGraph() }],
      ['RedisSocialGraph', RedisSocialGraph.prototype, {}],
      ['ViewerWindow', ViewerWindow.prototype, {}],
    ];
    for (const [name, prototype, own] of instances) {
      for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(prototype))) {
        if (descriptor.get !== undefined) expect(`${name}.${key}`).toMatch(/Count$/);
      }
      expect(Object.keys(own), `${name}: public fields of an instance`).toEqual([]);
    }
    expect(Object.getOwnPropertyDescriptor(RedisSocialGraph.prototype, 'countMembers')?.value).toBeTypeOf('function');
    const graph = SocialGraph.fromEdges([['ada', 'bob']]);
    expect([graph.memberCount, graph.connectionCount, graph.maxConnectionsPerMember()]).toEqual([2, 1, 30_000]);
  });
});
