/**
 * Progress of long phases: on a terminal a one-line bar on stderr, rewritten in place with `\r`;
 * otherwise (a pipe, a CI log) one plain line when a phase starts.
 */

export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** A progress reporter for one stream: a redrawn bar on a terminal, plain lines elsewhere. */
export class Progress {
  readonly #stream: ProgressStream;
  readonly #tty: boolean;
  #shown = false;
  #lastKey = '';
  #lastDraw = 0;
  #phaseStart = 0;
  #current: [string, number, number] | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;

  /** `tty` defaults to the stream's own `isTTY`. */
  constructor(stream: ProgressStream, tty: boolean = stream.isTTY === true) {
    this.#stream = stream;
    this.#tty = tty;
  }

  /** Reports `done` of `total` in phase `label`. */
  update(label: string, done: number, total: number): void {
    if (!this.#tty) {
      if (label !== this.#lastKey) {
        this.#lastKey = label;
        this.#stream.write(`  ${label}...\n`);
      }
      return;
    }
    const t = Date.now();
    if (label !== this.#lastKey) this.#phaseStart = t;
    this.#current = [label, done, total];
    if (label === this.#lastKey && t - this.#lastDraw < 100 && done < total) return;
    this.#lastKey = label;
    this.#draw();
    // Redraw every second, so that a long phase with no step of its own still shows time passing.
    this.#timer ??= setInterval(() => this.#draw(), 1000);
    this.#timer.unref?.();
  }

  #draw(): void {
    if (this.#current === null) return;
    const [label, done, total] = this.#current;
    const t = Date.now();
    this.#lastDraw = t;
    const width = 24;
    const fraction = total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(fraction * width);
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%`;
    const line = `  ${bar} ${label} (${((t - this.#phaseStart) / 1000).toFixed(0)} s)`;
    const columns = this.#stream.columns;
    const max = columns !== undefined && columns > 20 ? columns - 1 : 120;
    this.#stream.write(`\r${line.length > max ? line.slice(0, max) : line}\x1b[K`);
    this.#shown = true;
  }

  /** Prints a line of log, above the bar. */
  log(line: string): void {
    this.clear();
    this.#stream.write(`${line}\n`);
  }

  /** Removes the bar. */
  clear(): void {
    if (this.#timer !== null) {
      clearInterval(this.#timer);
      this.#timer = null;
    }
    this.#current = null;
    if (this.#shown) {
      this.#stream.write('\r\x1b[K');
      this.#shown = false;
    }
    this.#lastKey = '';
  }
}
