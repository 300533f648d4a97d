/**
 * A progress bar for long work (simulation runs, training loops). Under the kernel it is one
 * display that updates in place (Jupyter `update_display_data` with a `display_id`); elsewhere it
 * prints a plain line at every tenth of the way, so logs of headless runs stay short.
 */
import { kernelChannel } from "./channel.js";
import { escapeHtml } from "../core/html.js";

/** A running progress bar. */
export interface Progress {
  /** Advances by `steps` (default 1). */
  tick(steps?: number): void;
  /** Sets how much is done, out of `total`. */
  update(done: number, note?: string): void;
  /** Marks the work finished (idempotent); shows the elapsed time. */
  close(note?: string): void;
  readonly total: number;
  readonly done: number;
}

let nextId = 0;
const MIN_UPDATE_INTERVAL_MS = 100; // repaint at most ten times a second: updates cost a message each

/**
 * Starts a progress bar for `total` steps of work called `label`.
 *
 * @example
 * const bar = progress(epochs, "training");
 * for (let e = 0; e < epochs; e++) { trainEpoch(); bar.tick(); }
 * bar.close();
 */
export function progress(total: number, label: string): Progress {
  if (!(total >= 0) || !Number.isFinite(total)) throw new RangeError(`progress: total must be a finite number ≥ 0, got ${total}`);
  const channel = kernelChannel();
  const displayId = `cajal-progress-${process.pid}-${++nextId}`;
  const started = Date.now();
  let done = 0;
  let closed = false;
  let lastPaint = 0;
  let lastTenth = -1;
  let note = "";

  const render = (final: boolean) => {
    const fraction = total === 0 ? 1 : Math.min(1, done / total);
    const seconds = (Date.now() - started) / 1000;
    const text = `${label}: ${bar(fraction)} ${Math.round(fraction * 100)}% (${formatCount(done)}/${formatCount(total)}) ${seconds.toFixed(1)} s${final ? " done" : ""}${note ? ` · ${note}` : ""}`;
    const html =
      `<div class="cajal-progress"><span>${escapeHtml(label)}</span> ` +
      `<progress value="${done}" max="${total}" style="width:240px;vertical-align:middle"></progress> ` +
      `<span>${Math.round(fraction * 100)}% · ${seconds.toFixed(1)} s${final ? " · done" : ""}${note ? ` · ${escapeHtml(note)}` : ""}</span></div>`;
    return { "text/plain": text, "text/html": html };
  };

  const paint = (force: boolean) => {
    const now = Date.now();
    if (channel) {
      if (!force && now - lastPaint < MIN_UPDATE_INTERVAL_MS) return;
      lastPaint = now;
      channel.display(render(closed), { displayId, update: true });
    } else {
      const tenth = total === 0 ? 10 : Math.floor((10 * done) / total);
      if (!force && tenth === lastTenth) return;
      lastTenth = tenth;
      process.stdout.write(render(closed)["text/plain"] + "\n");
    }
  };

  if (channel) {
    channel.display(render(false), { displayId });
    lastPaint = Date.now();
  } else {
    paint(true);
  }

  return {
    get total() { return total; },
    get done() { return done; },
    tick(steps = 1) {
      if (closed) return;
      done += steps;
      paint(false);
    },
    update(value: number, newNote?: string) {
      if (closed) return;
      done = value;
      if (newNote !== undefined) note = newNote;
      paint(false);
    },
    close(finalNote?: string) {
      if (closed) return;
      closed = true;
      if (finalNote !== undefined) note = finalNote;
      paint(true);
    },
  };
}

function bar(fraction: number): string {
  const width = 20;
  const full = Math.round(fraction * width);
  return "█".repeat(full) + "░".repeat(width - full);
}

function formatCount(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
