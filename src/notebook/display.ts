/**
 * Explicit output from a cell, and the rule that turns any value into a MIME bundle. The kernel
 * uses `mimeBundleOf` for the last value of a cell; `display` sends one now.
 */
import { inspect } from "node:util";
import type { MimeBundle } from "../plot/plot.js";
import { kernelChannel } from "./channel.js";
import { dataFrameBundle, isDataFrameLike } from "./dataframe.js";

/** Anything that knows how to show itself in a notebook. */
export interface Displayable {
  toMimeBundle(): MimeBundle | Promise<MimeBundle>;
}

/** True for values with a `toMimeBundle()` method. */
export function isDisplayable(value: unknown): value is Displayable {
  return typeof value === "object" && value !== null && typeof (value as Displayable).toMimeBundle === "function";
}

/**
 * The rich bundle for a value, or undefined when it has none (then it prints as text).
 * Displayables give their own bundle; danfojs DataFrames and Series give an HTML table.
 */
export async function mimeBundleOf(value: unknown): Promise<MimeBundle | undefined> {
  if (isDisplayable(value)) {
    const bundle = await value.toMimeBundle();
    if (typeof bundle !== "object" || bundle === null || Object.keys(bundle).length === 0) {
      throw new TypeError("toMimeBundle() returned no MIME types; return e.g. { \"text/plain\": \"…\" }");
    }
    return bundle;
  }
  if (isDataFrameLike(value)) return dataFrameBundle(value);
  return undefined;
}

/**
 * Shows a value in the notebook now: plots as charts, DataFrames as tables, anything else as text.
 * Outside a kernel it prints the text form. Await it when the order of outputs matters.
 */
export async function display(value: unknown): Promise<void> {
  const channel = kernelChannel();
  const work = (async () => {
    const bundle = (await mimeBundleOf(value)) ?? { "text/plain": typeof value === "string" ? value : inspect(value, { depth: 4, colors: false }) };
    if (channel) channel.display(bundle);
    else process.stdout.write(String(bundle["text/plain"] ?? inspect(value)) + "\n");
  })();
  channel?.track?.(work);
  return work;
}
