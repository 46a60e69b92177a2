/**
 * The async interface every backend of the conformance suite implements: SocialGraph (wrapped so
 * that it answers with promises) and RedisSocialGraph.
 */
import { SocialGraph, type DegreeOptions, type Reach } from '../../src/index.js';

export interface AsyncGraph {
  addMember(id: string): Promise<void>;
  mergeMember(id: string): Promise<boolean>;
  hasMember(id: string): Promise<boolean>;
  removeMember(id: string): Promise<void>;
  members(): Promise<string[]>;
  countMembers(): Promise<number>;
  countConnections(): Promise<number>;
  connect(a: string, b: string): Promise<boolean>;
  disconnect(a: string, b: string): Promise<boolean>;
  areConnected(a: string, b: string): Promise<boolean>;
  connections(id: string): Promise<string[]>;
  connectionCountOf(id: string): Promise<number>;
  degree(a: string, b: string, options?: DegreeOptions): Promise<number | null>;
  degrees(viewer: string, ids: readonly string[], options?: DegreeOptions): Promise<(number | null)[]>;
  mutualConnections(a: string, b: string): Promise<string[]>;
  mutualCount(a: string, b: string): Promise<number>;
  reach(id: string): Promise<Reach>;
  block(a: string, b: string): Promise<boolean>;
  unblock(a: string, b: string): Promise<boolean>;
  isBlocked(a: string, b: string): Promise<boolean>;
  blockedMembers(id: string): Promise<string[]>;
  /** Bulk load into an empty graph: an id edge list or a SocialGraph snapshot. */
  load(source: Iterable<readonly [string, string]> | SocialGraph): Promise<void>;
}

export interface BackendOptions {
  maxConnectionsPerMember?: number;
}

export interface Backend {
  graph: AsyncGraph;
  /** Releases what the backend holds (deletes a Redis graph's keys). */
  close(): Promise<void>;
}

export type CreateBackend = (options?: BackendOptions) => Promise<Backend>;

/** SocialGraph behind the async interface (every call runs synchronously inside the promise). */
export class LocalAsyncGraph implements AsyncGraph {
  graph: SocialGraph;
  readonly #options: BackendOptions;

  constructor(options: BackendOptions = {}) {
    this.#options = options;
    this.graph = new SocialGraph(options);
  }

  #do<T>(fn: () => T): Promise<T> {
    try {
      return Promise.resolve(fn());
    } catch (error) {
      return Promise.reject(error);
    }
  }

  addMember = (id: string) => this.#do(() => this.graph.addMember(id));
  mergeMember = (id: string) => this.#do(() => this.graph.mergeMember(id));
  hasMember = (id: string) => this.#do(() => this.graph.hasMember(id));
  removeMember = (id: string) => this.#do(() => this.graph.removeMember(id));
  members = () => this.#do(() => this.graph.members());
  countMembers = () => this.#do(() => this.graph.memberCount);
  countConnections = () => this.#do(() => this.graph.connectionCount);
  connect = (a: string, b: string) => this.#do(() => this.graph.connect(a, b));
  disconnect = (a: string, b: string) => this.#do(() => this.graph.disconnect(a, b));
  areConnected = (a: string, b: string) => this.#do(() => this.graph.areConnected(a, b));
  connections = (id: string) => this.#do(() => this.graph.connections(id));
  connectionCountOf = (id: string) => this.#do(() => this.graph.connectionCountOf(id));
  degree = (a: string, b: string, o?: DegreeOptions) => this.#do(() => this.graph.degree(a, b, o));
  degrees = (v: string, ids: readonly string[], o?: DegreeOptions) => this.#do(() => this.graph.degrees(v, ids, o));
  mutualConnections = (a: string, b: string) => this.#do(() => this.graph.mutualConnections(a, b));
  mutualCount = (a: string, b: string) => this.#do(() => this.graph.mutualCount(a, b));
  reach = (id: string) => this.#do(() => this.graph.reach(id));
  block = (a: string, b: string) => this.#do(() => this.graph.block(a, b));
  unblock = (a: string, b: string) => this.#do(() => this.graph.unblock(a, b));
  isBlocked = (a: string, b: string) => this.#do(() => this.graph.isBlocked(a, b));
  blockedMembers = (id: string) => this.#do(() => this.graph.blockedMembers(id));
  load = (source: Iterable<readonly [string, string]> | SocialGraph) =>
    this.#do(() => {
      if (this.graph.memberCount !== 0) throw new Error('load needs an empty graph');
      if (source instanceof SocialGraph) {
        const copy = new SocialGraph(this.#options);
        for (const id of source.members()) copy.addMember(id);
        for (const id of source.members()) for (const w of source.connections(id)) if (id < w) copy.connect(id, w);
        this.graph = copy;
      } else this.graph = SocialGraph.fromEdges(source, this.#options);
    });
}

export const createLocalBackend: CreateBackend = async (options) => ({ graph: new LocalAsyncGraph(options), close: async () => {} });
