/**
 * Messages between the explorer page (src/explorer/main.ts) and its worker (src/explorer/worker.ts).
 * The graph lives in the worker; the page asks questions by message and receives small answers.
 *
 * @packageDocumentation
 */
import type { Decision, Introduction, PolicyAction, Reach } from '../index.js';

/** Members drawn at most, of the viewer's 1st degree (the most mutual connections first). */
export const EGO_FIRST_CAP = 200;
/** Members drawn at most, of the viewer's 2nd degree (the most mutual connections first). */
export const EGO_SECOND_CAP = 100;
/** Connections drawn at most, between drawn members. */
export const EGO_LINK_CAP = 3000;

/** Where a network comes from. */
export type Source =
  | { readonly type: 'url'; readonly url: string; readonly name: string; readonly size: number | null }
  | { readonly type: 'file'; readonly file: File }
  | { readonly type: 'generate'; readonly members: number; readonly avgDegree: number; readonly seed: number; readonly profiles: boolean }
  | { readonly type: 'stored'; readonly key: string };

/** Page → worker. */
export type Request =
  | { readonly kind: 'load'; readonly source: Source }
  | { readonly kind: 'find'; readonly prefix: string; readonly limit: number }
  | { readonly kind: 'viewer'; readonly viewer: string }
  | { readonly kind: 'target'; readonly viewer: string; readonly target: string }
  | { readonly kind: 'search'; readonly viewer: string; readonly text: string; readonly where: Readonly<Record<string, string>> }
  | { readonly kind: 'save'; readonly key: string };

/** Network statistics, sent once a network is loaded. */
export interface NetworkStats {
  readonly name: string;
  readonly memberCount: number;
  readonly connectionCount: number;
  readonly meanDegree: number;
  readonly medianDegree: number;
  readonly maxDegree: number;
  readonly maxDegreeMember: string | null;
  readonly isolatedCount: number;
  /** Indexed profile attributes that facets count (empty when members have no profiles). */
  readonly attributes: readonly string[];
  /** The viewer shown first. */
  readonly firstViewer: string | null;
  /** Milliseconds the worker spent reading and building. */
  readonly loadMs: number;
}

/** One drawn member of an ego network: ring 0 is the viewer, 1 and 2 the degrees. */
export interface EgoNode {
  readonly id: string;
  readonly ring: 0 | 1 | 2;
  /** How many connections the member shares with the viewer (the viewer's own connection count for ring 0). */
  readonly mutualCount: number;
}

/** The viewer's panel. */
export interface ViewerAnswer {
  readonly viewer: string;
  readonly reach: Reach;
  readonly nodes: readonly EgoNode[];
  /** Pairs of indices into `nodes`. */
  readonly links: readonly (readonly [number, number])[];
  /** The layout (ego-layout.ts): x, y of `nodes[i]` at `2i`, `2i + 1`. */
  readonly positions: readonly number[];
}

/** The target's panel. */
export interface TargetAnswer {
  readonly viewer: string;
  readonly target: string;
  readonly degree: number | null;
  readonly mutualCount: number;
  readonly mutualSample: readonly string[];
  readonly introductions: readonly Introduction[];
  readonly decisions: readonly (Decision & { readonly action: PolicyAction })[];
}

/** One 2nd-degree search hit. */
export interface SearchRow {
  readonly id: string;
  readonly mutualCount: number;
  readonly profile: Readonly<Record<string, unknown>> | undefined;
}

/** The search panel. */
export interface SearchAnswer {
  readonly total: number;
  readonly hits: readonly SearchRow[];
  readonly facets: readonly { readonly by: string; readonly values: readonly { readonly value: string; readonly count: number }[] }[];
}

/** Worker → page: a progress report of request `id`, its answer, or its failure. */
export type Reply =
  | { readonly id: number; readonly type: 'progress'; readonly phase: string; readonly fraction: number | null }
  | { readonly id: number; readonly type: 'answer'; readonly answer: unknown }
  | { readonly id: number; readonly type: 'error'; readonly message: string; readonly code: string | null };
