/**
 * Types that carry through: every factory is generic in the profile type and returns
 * `SocialGraph<Profile>`; `indexedAttributes` is checked against the profile's keys; the io
 * functions accept a graph whose profile type is an interface. Checked by `tsc` (npm test runs
 * the type check over test/ first); the runtime assertions are no-ops.
 */
import Graph from 'graphology';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { exportEdgeList, importEdgeList, SocialGraph, type SocialGraphOptions } from '../../src/index.js';
import { importEdgeListFile, load, loadSync, save, saveSync, writeEdgeListFile } from '../../src/node/index.js';
import { fromGraphology, toGraphology } from '../../src/graphology/index.js';

/** Registers a type-only check: `body` is compiled by tsc and never called. */
function check(name: string, body: () => void): void {
  it(name, () => expect(typeof body).toBe('function'));
}

interface Profile {
  name: string;
  company?: string;
}

describe('public types', () => {
  // The bodies are type-checked, never run (they would call the API with dummy arguments).
  check('every factory returns SocialGraph<Profile>', () => {
    expectTypeOf(new SocialGraph<Profile>()).toEqualTypeOf<SocialGraph<Profile>>();
    expectTypeOf(SocialGraph.fromEdges<Profile>([])).toEqualTypeOf<SocialGraph<Profile>>();
    expectTypeOf(SocialGraph.loadEdges<Profile>([]).graph).toEqualTypeOf<SocialGraph<Profile>>();
    expectTypeOf(SocialGraph.fromIndexedEdges<Profile>({ memberCount: 0, ids: [], sources: new Int32Array(0), targets: new Int32Array(0) })).toEqualTypeOf<SocialGraph<Profile>>();
    expectTypeOf(SocialGraph.fromBytes<Profile>(new Uint8Array())).toEqualTypeOf<SocialGraph<Profile>>();
    expectTypeOf(importEdgeList<Profile>('')).resolves.toHaveProperty('graph').toEqualTypeOf<SocialGraph<Profile>>();
    expectTypeOf(importEdgeListFile<Profile>('x')).resolves.toHaveProperty('graph').toEqualTypeOf<SocialGraph<Profile>>();
    expectTypeOf(load<Profile>('x')).resolves.toEqualTypeOf<SocialGraph<Profile>>();
    expectTypeOf(loadSync<Profile>('x')).toEqualTypeOf<SocialGraph<Profile>>();
    expectTypeOf(fromGraphology<Profile>(new Graph())).toEqualTypeOf<SocialGraph<Profile>>();
    // Without a type argument: the default profile type.
    expectTypeOf(SocialGraph.fromEdges([])).toEqualTypeOf<SocialGraph<Record<string, unknown>>>();
  });

  check('the profile type reaches profiles, and indexedAttributes is checked against its keys', () => {
    const graph = new SocialGraph<Profile>({ indexedAttributes: ['company'] });
    expectTypeOf(graph.profile('ada')).toEqualTypeOf<Readonly<Profile> | undefined>();
    expectTypeOf(graph.setProfile).parameter(1).toEqualTypeOf<Profile>();
    // @ts-expect-error a misspelt attribute does not compile
    new SocialGraph<Profile>({ indexedAttributes: ['compnay'] });
    // @ts-expect-error nor in a factory
    SocialGraph.fromEdges<Profile>([], { indexedAttributes: ['compnay'] });
    // @ts-expect-error nor when loading
    SocialGraph.fromBytes<Profile>(new Uint8Array(), { limitedProfileFields: ['nmae'] });
    expectTypeOf<SocialGraphOptions<Profile>['indexedAttributes']>().toEqualTypeOf<readonly ('name' | 'company')[] | undefined>();
  });

  check('io functions accept a graph whose profile type is an interface', () => {
    const graph = new SocialGraph<Profile>();
    expectTypeOf(save).toBeCallableWith(graph, 'x.sg');
    expectTypeOf(saveSync).toBeCallableWith(graph, 'x.sg');
    expectTypeOf(writeEdgeListFile).toBeCallableWith(graph, 'x.txt');
    expectTypeOf(exportEdgeList).toBeCallableWith(graph);
    expectTypeOf(toGraphology).toBeCallableWith(graph);
  });
});
