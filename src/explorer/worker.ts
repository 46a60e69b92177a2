/**
 * The explorer's Web Worker: reads or generates the network, keeps the graph, and answers the
 * page's questions (protocol.ts). Everything that costs more than a few milliseconds runs here, so
 * the page never waits on the graph.
 */
import { loadFromIndexedDB, saveToIndexedDB } from '../browser/index.js';
import { barabasiAlbert } from '../generators/index.js';
import { importEdgeList, POLICY_ACTIONS, SocialGraph, SocialGraphError, type ImportProgress } from '../index.js';
import { layoutEgo } from './ego-layout.js';
import {
  EGO_FIRST_CAP,
  EGO_LINK_CAP,
  EGO_SECOND_CAP,
  type EgoNode,
  type NetworkStats,
  type Reply,
  type Request,
  type SearchAnswer,
  type Source,
  type TargetAnswer,
  type ViewerAnswer,
} from './protocol.js';

interface Scope {
  postMessage(message: Reply): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<{ id: number; request: Request }>) => void): void;
}
const scope = globalThis as unknown as Scope;

let graph: SocialGraph | null = null;
let members: string[] = [];
let stats: NetworkStats | null = null;

scope.addEventListener('message', (event) => {
  const { id, request } = event.data;
  const progress = (phase: string, fraction: number | null) => scope.postMessage({ id, type: 'progress', phase, fraction });
  void (async () => {
    try {
      const answer = await handle(request, progress);
      scope.postMessage({ id, type: 'answer', answer });
    } catch (error) {
      const code = error instanceof SocialGraphError || typeof (error as { code?: unknown })?.code === 'string' ? String((error as { code: string }).code) : null;
      scope.postMessage({ id, type: 'error', message: (error as Error)?.message ?? String(error), code });
    }
  })();
});

async function handle(request: Request, progress: (phase: string, fraction: number | null) => void): Promise<unknown> {
  if (request.kind === 'load') return load(request.source, progress);
  const g = graph;
  if (g === null) throw new Error('no network is loaded');
  switch (request.kind) {
    case 'find':
      return find(request.prefix, request.limit);
    case 'viewer':
      return viewerAnswer(g, request.viewer);
    case 'target':
      return targetAnswer(g, request.viewer, request.target);
    case 'search':
      return searchAnswer(g, request.viewer, request.text, request.where);
    case 'save':
      return saveToIndexedDB(g, request.key);
  }
}

async function load(source: Source, progress: (phase: string, fraction: number | null) => void): Promise<NetworkStats> {
  const started = performance.now();
  let next: SocialGraph;
  let name: string;
  if (source.type === 'generate') {
    name = `Barabási–Albert, ${source.members.toLocaleString('en-US')} members, mean degree ${source.avgDegree}`;
    progress('generating', null);
    const g = barabasiAlbert({ members: source.members, avgDegree: source.avgDegree, seed: source.seed });
    progress('building', null);
    next = SocialGraph.fromIndexedEdges({ ids: (i) => `m${i}`, memberCount: g.memberCount, sources: g.sources, targets: g.targets, edges: g.edges }, { indexedAttributes: source.profiles ? ['company', 'city'] : [] });
    if (source.profiles) addSampleProfiles(next, g.memberCount);
  } else if (source.type === 'stored') {
    name = `saved in this browser as ${JSON.stringify(source.key)}`;
    progress('reading', null);
    const stored = await loadFromIndexedDB(source.key);
    if (stored === null) throw new Error(`nothing is saved in this browser under ${JSON.stringify(source.key)}`);
    next = stored;
  } else {
    let body: ReadableStream<Uint8Array>;
    let size: number | null;
    if (source.type === 'file') {
      name = source.file.name;
      size = source.file.size;
      body = source.file.stream() as ReadableStream<Uint8Array>;
    } else {
      name = source.name;
      const response = await fetch(source.url);
      if (!response.ok || response.body === null) throw new Error(`could not fetch ${source.url}: HTTP ${response.status}`);
      size = source.size ?? (Number(response.headers.get('content-length')) || null);
      body = response.body;
    }
    if (/\.sg$/i.test(name)) {
      progress('reading', 0);
      const bytes = await readAll(body, size, (f) => progress('reading', f));
      progress('building', null);
      next = SocialGraph.fromBytes(bytes);
    } else {
      const onProgress = (p: ImportProgress) => {
        if (p.phase === 'read') progress('reading', size ? Math.min(1, p.bytes / size) : null);
        else if (p.phase === 'build') progress('building', null);
      };
      next = (await importEdgeList(body, { onProgress })).graph;
    }
  }
  progress('counting', null);
  graph = next;
  members = next.members();
  stats = networkStats(next, name, performance.now() - started);
  return stats;
}

async function readAll(body: ReadableStream<Uint8Array>, size: number | null, progress: (fraction: number) => void): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
    if (size) progress(Math.min(1, total / size));
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** Deterministic sample profiles (company, city) for generated networks, so that facets have something to count. */
function addSampleProfiles(g: SocialGraph, count: number): void {
  const companies = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark', 'Wayne', 'Tyrell'];
  const cities = ['Paris', 'Lagos', 'Lima', 'Osaka', 'Oslo', 'Pune', 'Quito', 'Perth', 'Accra', 'Hanoi'];
  for (let i = 0; i < count; i++) {
    const h = Math.imul(i + 1, 0x9e3779b1) >>> 0;
    g.setProfile(`m${i}`, { company: companies[h % companies.length]!, city: cities[(h >>> 8) % cities.length]! });
  }
}

/** O(n log n) for the median; one pass over the members otherwise. */
function networkStats(g: SocialGraph, name: string, loadMs: number): NetworkStats {
  const degrees = new Int32Array(members.length);
  let maxDegree = 0;
  let maxDegreeMember: string | null = null;
  let isolated = 0;
  for (let i = 0; i < members.length; i++) {
    const d = g.connectionCountOf(members[i]!);
    degrees[i] = d;
    if (d === 0) isolated++;
    if (d > maxDegree) {
      maxDegree = d;
      maxDegreeMember = members[i]!;
    }
  }
  degrees.sort();
  const medianDegree = degrees.length === 0 ? 0 : degrees[degrees.length >> 1]!;
  return {
    name,
    memberCount: g.memberCount,
    connectionCount: g.connectionCount,
    meanDegree: g.memberCount === 0 ? 0 : (2 * g.connectionCount) / g.memberCount,
    medianDegree,
    maxDegree,
    maxDegreeMember,
    isolatedCount: isolated,
    attributes: indexedAttributes(g),
    // A typical member (degree from the median to 4× the median), not a hub whose 2nd degree is everyone.
    firstViewer: members.find((m) => { const d = g.connectionCountOf(m); return d >= Math.max(1, medianDegree) && d <= 4 * Math.max(1, medianDegree); }) ?? members.find((m) => g.connectionCountOf(m) > 0) ?? members[0] ?? null,
    loadMs,
  };
}

/** The attributes facets accept: keys of the first profiles found, kept when `facets` takes them. */
function indexedAttributes(g: SocialGraph): string[] {
  const keys = new Set<string>();
  for (let i = 0, seen = 0; i < members.length && seen < 50; i++) {
    const profile = g.profile(members[i]!);
    if (profile === undefined) continue;
    seen++;
    for (const key of Object.keys(profile)) keys.add(key);
  }
  const viewer = members[0];
  if (viewer === undefined) return [];
  const window = g.viewAs(viewer);
  return [...keys].filter((by) => {
    try {
      window.facets({ by, top: 1 });
      return true;
    } catch {
      return false;
    }
  });
}

/** Ids starting with `prefix` (members in load order), then ids containing it. */
function find(prefix: string, limit: number): string[] {
  const out: string[] = [];
  if (graph?.hasMember(prefix)) out.push(prefix);
  for (const m of members) {
    if (out.length >= limit) return out;
    if (m !== prefix && m.startsWith(prefix)) out.push(m);
  }
  for (const m of members) {
    if (out.length >= limit) break;
    if (!m.startsWith(prefix) && m.includes(prefix)) out.push(m);
  }
  return out;
}

/**
 * The viewer's reach and ego network: up to EGO_FIRST_CAP of the 1st degree and EGO_SECOND_CAP of
 * the 2nd (the most mutual connections first), with the connections among them.
 * O(Σ deg x over drawn x) plus one intersection per 1st-degree member.
 */
function viewerAnswer(g: SocialGraph, viewer: string): ViewerAnswer {
  const reach = g.reach(viewer);
  const first = g.connections(viewer).map((id) => ({ id, mutualCount: g.mutualCount(viewer, id) }));
  first.sort((a, b) => b.mutualCount - a.mutualCount || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const second = g.suggestions(viewer, { limit: EGO_SECOND_CAP });
  const nodes: EgoNode[] = [
    { id: viewer, ring: 0, mutualCount: first.length },
    ...first.slice(0, EGO_FIRST_CAP).map((x): EgoNode => ({ id: x.id, ring: 1, mutualCount: x.mutualCount })),
    ...second.map((s): EgoNode => ({ id: s.id, ring: 2, mutualCount: s.mutualCount })),
  ];
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const links: [number, number][] = [];
  for (let i = 1; i < nodes.length && links.length < EGO_LINK_CAP; i++) {
    g.forEachConnection(nodes[i]!.id, (other) => {
      const j = index.get(other);
      if (j !== undefined && (j === 0 || j > i) && links.length < EGO_LINK_CAP) links.push([i, j]);
    });
  }
  return { viewer, reach, nodes, links, positions: layoutEgo(nodes, links) };
}

function targetAnswer(g: SocialGraph, viewer: string, target: string): TargetAnswer {
  const degree = g.degree(viewer, target);
  const mutual = viewer === target ? [] : g.mutualConnections(viewer, target);
  return {
    viewer,
    target,
    degree,
    mutualCount: mutual.length,
    mutualSample: mutual.slice(0, 12),
    introductions: degree === 2 || degree === 3 ? g.introductions(viewer, target, { limit: 5 }) : [],
    decisions: POLICY_ACTIONS.map((action) => ({ action, ...g.can(viewer, action, target) })),
  };
}

function searchAnswer(g: SocialGraph, viewer: string, text: string, where: Readonly<Record<string, string>>): SearchAnswer {
  const window = g.viewAs(viewer);
  const filters = Object.entries(where).filter(([, v]) => v !== '');
  const needle = text.trim().toLowerCase();
  const matches = (profile: Readonly<Record<string, unknown>> | undefined, id: string): boolean =>
    (needle === '' || id.toLowerCase().includes(needle) || Object.values(profile ?? {}).some((v) => typeof v === 'string' && v.toLowerCase().includes(needle))) &&
    filters.every(([k, v]) => profile?.[k] === v);
  const page = window.search({ degree: 2, where: matches, sort: 'mutual', limit: 25 });
  const facets = (stats?.attributes ?? []).map((by) => ({ by, values: window.facets({ by, degree: 2, where: matches, top: 8 }).values.map((v) => ({ value: v.value, count: v.count })) }));
  return { total: page.total, hits: page.hits.map((h) => ({ id: h.id, mutualCount: h.mutualCount, profile: h.profile })), facets };
}
