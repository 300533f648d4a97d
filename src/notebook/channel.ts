/**
 * The only door between the library and the Jupyter kernel's display channel. The Cajal kernel
 * installs a channel on `globalThis` under a registered symbol before any cell runs; outside a
 * kernel (plain Node, tests, scripts) there is none and output falls back to text on stdout.
 */
import type { MimeBundle } from "../plot/plot.js";

/** What the kernel offers: send a display, or update one in place by its display id. */
export interface DisplayChannel {
  display(bundle: MimeBundle, options?: { displayId?: string; update?: boolean; metadata?: Record<string, unknown> }): void;
  /** Work whose output belongs to the running cell: the kernel waits for it before the cell ends. */
  track?(work: Promise<unknown>): void;
}

const CHANNEL_KEY = Symbol.for("cajal.kernel.display");

/** The kernel's display channel, or undefined when not running under the Cajal kernel. */
export function kernelChannel(): DisplayChannel | undefined {
  return (globalThis as Record<symbol, DisplayChannel | undefined>)[CHANNEL_KEY];
}

/** Installs (or, with undefined, removes) the display channel; the kernel and tests call this. */
export function setKernelChannel(channel: DisplayChannel | undefined): void {
  (globalThis as Record<symbol, DisplayChannel | undefined>)[CHANNEL_KEY] = channel;
}
