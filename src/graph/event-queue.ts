/**
 * EventQueue: the listeners of a graph's change events, and the events of the operation in
 * progress. Parts queue events while an operation runs; the events go out when it is complete
 * and consistent (`deliver`), or are dropped when it failed (`discard`).
 *
 * Invariants: listeners never run while an operation is in progress; every listener of an event
 * is called even if an earlier one throws; a listener that changes the graph starts an operation
 * of its own, whose events are delivered after those already queued, in order.
 *
 * @packageDocumentation
 */

/** An event: a `type` and its payload. */
export interface QueuedEvent {
  readonly type: string;
}

type Listener = (event: never) => void;

/**
 * The graph's listeners and pending events.
 *
 * @remarks `has` is O(1) (a mutation with nobody listening pays one check); `deliver` is
 * O(events × listeners of their types). No Node `events`: the core runs in browsers.
 * @example
 * ```ts
 * const queue = new EventQueue();
 * queue.on('connected', (e) => console.log(e));
 * queue.push({ type: 'connected', a: 'ada', b: 'bob' });
 * queue.deliver();
 * ```
 * @internal
 */
export class EventQueue {
  #listeners: Map<string, Set<Listener>> | null = null;
  readonly #pending: QueuedEvent[] = [];
  #delivering = false;
  readonly #onError: (error: unknown, event: QueuedEvent) => void;

  /**
   * @param onError - receives what a listener threw (the operation and the other listeners are
   * not affected). Default: rethrown in a microtask, as an uncaught error (as a DOM `EventTarget`
   * reports a throwing listener).
   */
  constructor(onError?: (error: unknown, event: QueuedEvent) => void) {
    this.#onError =
      onError ??
      ((error) =>
        queueMicrotask(() => {
          throw error;
        }));
  }

  /** Whether anyone listens to `type`. O(1). */
  has(type: string): boolean {
    return this.#listeners !== null && (this.#listeners.get(type)?.size ?? 0) > 0;
  }

  /** Adds a listener; returns a function that removes it. */
  on(type: string, listener: Listener): () => void {
    this.#listeners ??= new Map();
    let set = this.#listeners.get(type);
    if (set === undefined) {
      set = new Set();
      this.#listeners.set(type, set);
    }
    set.add(listener);
    return () => {
      this.off(type, listener);
    };
  }

  /** Removes a listener. Returns whether it was registered. */
  off(type: string, listener: Listener): boolean {
    return this.#listeners?.get(type)?.delete(listener) ?? false;
  }

  /** Queues an event of the operation in progress. */
  push(event: QueuedEvent & Readonly<Record<string, unknown>>): void {
    this.#pending.push(event);
  }

  /** Number of events queued (not yet delivered). */
  get size(): number {
    return this.#pending.length;
  }

  /** Drops the events queued after the first `size` (those of a failed operation). */
  truncate(size: number): void {
    if (size < this.#pending.length) this.#pending.length = size;
  }

  /** Delivers the queued events, in order, to the listeners registered when each goes out. */
  deliver(): void {
    if (this.#delivering) return; // the outer delivery loop takes the new events
    const pending = this.#pending;
    if (pending.length === 0) return;
    this.#delivering = true;
    try {
      for (let i = 0; i < pending.length; i++) {
        const event = pending[i]!;
        const set = this.#listeners?.get(event.type);
        if (set === undefined || set.size === 0) continue;
        for (const listener of [...set]) {
          try {
            (listener as (event: QueuedEvent) => void)(event);
          } catch (error) {
            this.#onError(error, event);
          }
        }
      }
    } finally {
      pending.length = 0;
      this.#delivering = false;
    }
  }
}
