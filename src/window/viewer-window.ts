/**
 * A viewer's window on the graph: every query applies the policy and the blocks, so that a
 * service handing a member's requests to it cannot forget to filter.
 *
 * @packageDocumentation
 */
import { EXCLUDED } from '../algorithms/bidirectional-distance.js';
import { batchDistances } from '../algorithms/batch-distances.js';
import { levelCounts } from '../algorithms/level-counts.js';
import { runSearch } from '../algorithms/search.js';
import { describeValue, SocialGraphError } from '../errors.js';
import { readMaxDepth } from '../graph/checks.js';
import type { GraphCore, Reach } from '../graph/graph-core.js';
import { checkAction, decide, viewerDistance } from '../features/policy/decide.js';
import type { MemberPolicyState } from '../features/policy/member-policy-state.js';
import type { Decision, PolicyAction } from '../features/policy/policy.js';
import { facetNetwork, type FacetOptions, type Facets } from '../features/search/network-facets.js';
import { searchNetwork, type SearchOptions, type SearchPage } from '../features/search/network-search.js';
import type { SearchParts } from '../features/search/search-parts.js';

/**
 * A query answer gated by the policy: the decision, plus `value` when it allows.
 * @public
 */
export type Gated<T> = (Decision & { readonly allowed: true; readonly value: T }) | (Decision & { readonly allowed: false; readonly value?: undefined });

/**
 * Options of {@link ViewerWindow.degree} and {@link ViewerWindow.degrees}.
 * @public
 */
export interface WindowDegreeOptions {
  /** Furthest degree reported (0 to 250). @defaultValue 3 */
  maxDepth?: number;
}


/**
 * The graph as one member is allowed to see it ({@link SocialGraph.viewAs}).
 *
 * @remarks
 * The viewer's world is the graph without the members blocked with the viewer (either
 * direction): they never appear in any result, their degree is `null`, paths through them do not
 * count for degrees (a member reachable only through a blocked member is further away, or out of
 * network) and they are not counted in {@link ViewerWindow.reach}.
 *
 * What a method returns follows one rule: it returns a {@link Gated} answer exactly when a policy
 * action governs it, and a bare value otherwise.
 *
 * | method | governed by | returns |
 * | --- | --- | --- |
 * | `connections(member)` | `viewConnections` | `Gated<string[]>` |
 * | `mutualConnections(target)` | `viewMutualConnections` | `Gated<string[]>` |
 * | `degree`, `degrees`, `reach` | no action (the viewer's own distances) | `number \| null`, `(number \| null)[]`, `Reach`; blocked members are `null` or left out |
 * | `search`, `facets` | no action for the page; `viewProfile` per hit | `SearchPage` (each hit's `level` and `profile` are what `viewProfile` grants), `Facets` |
 * | `can(action, target)` | the action asked | the `Decision` itself |
 *
 * So `if (answer.allowed)` is needed exactly where an action could refuse, and never elsewhere.
 * The window holds the viewer's id, not a snapshot: it follows later changes, and throws
 * `MEMBER_NOT_FOUND` once the viewer is removed. Costs are those of the raw queries plus O(b)
 * for the viewer's b blocks.
 * @example
 * ```ts
 * const me = graph.viewAs('ada');
 * me.degree('cy'); // 2 (null once either has blocked the other)
 * const mutual = me.mutualConnections('cy');
 * mutual.allowed ? mutual.value : []; // ['bob']
 * ```
 * @public
 */
export class ViewerWindow<Profile extends object = Record<string, unknown>> {
  /** The member whose window this is. */
  readonly viewer: string;
  readonly #parts: SearchParts;
  readonly #internals: GraphCore;
  readonly #state: MemberPolicyState;

  /** @internal Use {@link SocialGraph.viewAs}. */
  constructor(parts: SearchParts, viewer: string) {
    this.#parts = parts;
    this.#internals = parts.core;
    this.#state = parts.permissions.state;
    this.viewer = viewer;
  }

  /**
   * The decision of the policy on `action` by the viewer on `target` (as {@link SocialGraph.can}).
   *
   * @remarks One degree lookup capped by the rule.
   * @example
   * ```ts
   * graph.viewAs('ada').can('message', 'cy').allowed;
   * ```
   */
  can(action: PolicyAction, target: string): Decision {
    const method = 'ViewerWindow.can';
    const u = this.#viewerIndex(method);
    checkAction(method, action);
    const v = this.#internals.index(method, target);
    return decide(this.#internals, this.#state, action, u, v, this.viewer, target, this.#internals.now());
  }

  /**
   * Degree from the viewer to `target` in the viewer's world: `null` when blocked, further than
   * `maxDepth` or not connected.
   *
   * @remarks One bidirectional search (avoiding blocked members when the viewer has blocks).
   * @example
   * ```ts
   * graph.viewAs('ada').degree('dee'); // 3
   * ```
   */
  degree(target: string, options?: WindowDegreeOptions): number | null {
    const method = 'ViewerWindow.degree';
    const u = this.#viewerIndex(method);
    const v = this.#internals.index(method, target);
    const maxDepth = readMaxDepth(method, options);
    if (this.#state.blockedPair(u, v)) return null;
    return viewerDistance(this.#internals, this.#state, u, v, maxDepth);
  }

  /**
   * Degrees to many members (a page of badges), `null` for blocked ones.
   *
   * @remarks As {@link SocialGraph.degrees} while the viewer has no block; with blocks, one
   * avoiding search per target.
   * @example
   * ```ts
   * graph.viewAs('ada').degrees(['bob', 'cy']); // [1, 2]
   * ```
   */
  degrees(targets: readonly string[], options?: WindowDegreeOptions): (number | null)[] {
    const method = 'ViewerWindow.degrees';
    const u = this.#viewerIndex(method);
    if (!Array.isArray(targets)) {
      throw new SocialGraphError('INVALID_OPTION', `${method}: ids must be an array of member ids, got ${describeValue(targets)}`);
    }
    const internals = this.#internals;
    const indices = new Int32Array(targets.length);
    for (let i = 0; i < targets.length; i++) indices[i] = internals.index(method, targets[i]!);
    const maxDepth = readMaxDepth(method, options);
    const state = this.#state;
    const result: (number | null)[] = new Array(targets.length);
    if (!state.hasBlocks(u)) {
      const scratch = internals.scratch;
      scratch.ensure(internals.store.indexBound);
      const out = new Int32Array(targets.length);
      runSearch(batchDistances(scratch, u, indices, maxDepth, out), internals.store);
      for (let i = 0; i < out.length; i++) result[i] = out[i]! < 0 ? null : out[i]!;
      return result;
    }
    for (let i = 0; i < indices.length; i++) {
      const v = indices[i]!;
      result[i] = state.blockedPair(u, v) ? null : viewerDistance(internals, state, u, v, maxDepth);
    }
    return result;
  }

  /**
   * The connections the viewer shares with `target`, when `viewMutualConnections` allows it,
   * without any member blocked with the viewer.
   *
   * @remarks One capped degree lookup plus the intersection (see {@link SocialGraph.mutualConnections}).
   * @example
   * ```ts
   * const mutual = graph.viewAs('ada').mutualConnections('cy');
   * mutual.allowed ? mutual.value : []; // ['bob']
   * ```
   */
  mutualConnections(target: string): Gated<string[]> {
    const method = 'ViewerWindow.mutualConnections';
    const u = this.#viewerIndex(method);
    const v = this.#internals.index(method, target);
    const decision = decide(this.#internals, this.#state, 'viewMutualConnections', u, v, this.viewer, target, this.#internals.now());
    if (!decision.allowed) return decision as Gated<string[]>;
    const { out, count } = this.#internals.mutualIndices(u, v);
    return { ...decision, allowed: true, value: this.#visibleIds(u, out, 0, count) };
  }

  /**
   * The connections of `member` (default: the viewer), when `viewConnections` allows it, without
   * any member blocked with the viewer.
   *
   * @remarks One degree-1 lookup plus O(d).
   * @example
   * ```ts
   * graph.viewAs('ada').connections('bob'); // { allowed: true, reason: 'connected', degree: 1, value: ['ada', 'cy'] }
   * ```
   */
  connections(member: string = this.viewer): Gated<string[]> {
    const method = 'ViewerWindow.connections';
    const u = this.#viewerIndex(method);
    const v = this.#internals.index(method, member);
    const decision = decide(this.#internals, this.#state, 'viewConnections', u, v, this.viewer, member, this.#internals.now());
    if (!decision.allowed) return decision as Gated<string[]>;
    const store = this.#internals.store;
    return { ...decision, allowed: true, value: this.#visibleIds(u, store.slabOf(v), store.offsetOf(v), store.degreeOf(v)) };
  }

  /**
   * Members at distance exactly 1, 2 and 3 in the viewer's world: members blocked with the viewer
   * are neither counted nor passed through.
   *
   * @remarks As {@link SocialGraph.reach} (worst case O(n + m)), plus O(b).
   * @example
   * ```ts
   * graph.viewAs('ada').reach(); // { first: 1, second: 1, third: 1 }
   * ```
   */
  reach(): Reach {
    const u = this.#viewerIndex('ViewerWindow.reach');
    const { store, scratch } = this.#internals;
    scratch.ensure(store.indexBound);
    const state = this.#state;
    // levelCounts treats any non-zero mark as visited (never entered, never a frontier member):
    // pre-marking the blocked members removes them from the search. The test suite checks this
    // against a naive BFS (test/policy/properties.test.ts, model.test.ts).
    const mark = scratch.markA;
    state.forEachBlockedWith(u, (x) => (mark[x] = EXCLUDED));
    try {
      const counts = runSearch(levelCounts(scratch, u, 3, store.connectionCount * 2), store);
      return { first: counts[0]!, second: counts[1]!, third: counts[2]! };
    } finally {
      state.forEachBlockedWith(u, (x) => (mark[x] = 0));
    }
  }

  /**
   * Searches the viewer's network: members at the degrees asked (default 1st and 2nd), filtered
   * by indexed profile attributes or a predicate, sorted (`'degree'`, `'mutual'`, `'recent'`, or
   * by an attribute), one page at a time (`limit`, `cursor`). Each hit carries its degree, its
   * mutual connection count and the profile at the level `viewProfile` grants (`limited` at 3rd
   * degree under the presets). Members blocked with the viewer never appear (nor count as
   * paths); hidden members only with `includeHidden`. See docs/search.md.
   * Throws `UNKNOWN_ATTRIBUTE`, `INVALID_CURSOR` or `INVALID_OPTION`.
   *
   * @remarks One walk of the network: O(Σ degrees of the 1st degree) for the 2nd degree, most of
   * the graph for the 3rd; one integer test per member per filtered attribute; a bounded heap of
   * the page; one `viewProfile` decision per hit.
   * @example
   * ```ts
   * const graph = SocialGraph.fromEdges<{ company: string; location: string }>([['ada', 'bob'], ['bob', 'cy'], ['bob', 'dee']], { indexedAttributes: ['company', 'location'] });
   * graph.setProfile('cy', { company: 'Acme', location: 'Paris' });
   * graph.setProfile('dee', { company: 'Acme', location: 'Paris' });
   * const query = { degree: 2, where: { company: 'Acme', location: 'Paris' }, sort: 'mutual', limit: 1 } as const;
   * const page = graph.viewAs('ada').search(query);
   * page.hits.map((hit) => hit.id); // ['cy']
   * const next = graph.viewAs('ada').search({ ...query, cursor: page.nextCursor! });
   * next.hits.map((hit) => hit.id); // ['dee']
   * ```
   */
  search(options?: SearchOptions<Profile>): SearchPage<Profile> {
    const method = 'ViewerWindow.search';
    return searchNetwork(this.#parts, method, this.#viewerIndex(method), this.viewer, options);
  }

  /**
   * Counts the viewer's network (default: the 2nd degree) by an indexed attribute: the most
   * frequent values first, with totals. Blocked members are left out, hidden ones unless
   * `includeHidden`. Throws `UNKNOWN_ATTRIBUTE` or `INVALID_OPTION`.
   *
   * @remarks One walk of the network (as {@link ViewerWindow.search}) and one integer increment
   * per member; then a sort of the distinct values found.
   * @example
   * ```ts
   * const graph = SocialGraph.fromEdges<{ company: string }>([['ada', 'bob'], ['bob', 'cy'], ['bob', 'dee']], { indexedAttributes: ['company'] });
   * graph.setProfile('cy', { company: 'Acme' });
   * graph.setProfile('dee', { company: 'Acme' });
   * graph.viewAs('ada').facets({ by: 'company', top: 5 }).values; // [{ value: 'Acme', count: 2 }]
   * ```
   */
  facets(options: FacetOptions<Profile>): Facets {
    const method = 'ViewerWindow.facets';
    return facetNetwork(this.#parts, method, this.#viewerIndex(method), options);
  }

  #viewerIndex(method: string): number {
    return this.#internals.index(method, this.viewer);
  }

  #visibleIds(u: number, list: Int32Array, start: number, count: number): string[] {
    const ids = this.#internals.ids;
    const state = this.#state;
    const filter = state.hasBlocks(u);
    const out: string[] = [];
    for (let i = start; i < start + count; i++) {
      const w = list[i]!;
      if (filter && state.blockedPair(u, w)) continue;
      out.push(ids.idOf(w));
    }
    return out;
  }
}

