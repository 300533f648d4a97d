import assert from "node:assert/strict";
import { test } from "node:test";
import { setKernelChannel } from "./channel.js";
import { display, mimeBundleOf } from "./display.js";
import { progress } from "./progress.js";
import type { MimeBundle } from "../plot/plot.js";

test("a value with toMimeBundle() gives its own bundle; plain values give none", async () => {
  assert.deepEqual(await mimeBundleOf({ toMimeBundle: () => ({ "text/plain": "x" }) }), { "text/plain": "x" });
  assert.deepEqual(await mimeBundleOf({ toMimeBundle: async () => ({ "text/html": "<i>y</i>" }) }), { "text/html": "<i>y</i>" });
  assert.equal(await mimeBundleOf(42), undefined);
  assert.equal(await mimeBundleOf({ a: 1 }), undefined);
  await assert.rejects(mimeBundleOf({ toMimeBundle: () => ({}) }), /no MIME types/);
});

test("a danfojs DataFrame renders as an HTML table with its shape, and a Series too", async () => {
  const dfd = require("danfojs-node") as typeof import("danfojs-node");
  const frame = new dfd.DataFrame({ rate: [1.5, 2.25], label: ["<exc>", "inh"] });
  const bundle = (await mimeBundleOf(frame))!;
  const html = String(bundle["text/html"]);
  assert.match(html, /<th>rate<\/th><th>label<\/th>/);
  assert.match(html, /<td>2\.25<\/td><td>inh<\/td>/);
  assert.match(html, /&#60;exc&#62;/, "cells are escaped");
  assert.match(html, /2 rows × 2 columns/);
  const series = (await mimeBundleOf(frame["rate"]))!;
  assert.match(String(series["text/html"]), /<th>rate<\/th>/);
  assert.match(String(series["text/plain"]), /2 values/);
});

test("a long DataFrame shows its first and last rows", async () => {
  const dfd = require("danfojs-node") as typeof import("danfojs-node");
  const n = 100;
  const frame = new dfd.DataFrame({ i: Array.from({ length: n }, (_, k) => k) });
  const html = String((await mimeBundleOf(frame))!["text/html"]);
  assert.match(html, /<td>0<\/td>/);
  assert.match(html, /<td>99<\/td>/);
  assert.ok(!html.includes("<td>50</td>"));
  assert.match(html, /100 rows × 1 columns/);
});

test("display() sends through the kernel channel and tracks its work", async () => {
  const shown: MimeBundle[] = [];
  const tracked: Promise<unknown>[] = [];
  setKernelChannel({ display: (b) => shown.push(b), track: (w) => tracked.push(w) });
  try {
    await display({ toMimeBundle: async () => ({ "text/plain": "chart" }) });
    await display("just text");
    assert.deepEqual(shown, [{ "text/plain": "chart" }, { "text/plain": "just text" }]);
    assert.equal(tracked.length, 2);
  } finally {
    setKernelChannel(undefined);
  }
});

test("progress() without a kernel prints a plain line at each tenth, not at every tick", () => {
  const lines: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string) => (lines.push(String(chunk)), true)) as typeof process.stdout.write;
  try {
    const bar = progress(1000, "steps");
    for (let i = 0; i < 1000; i++) bar.tick();
    bar.close();
  } finally {
    process.stdout.write = write;
  }
  assert.ok(lines.length >= 11 && lines.length <= 13, `got ${lines.length} lines`);
  assert.match(lines[0]!, /^steps: .* 0% \(0\/1000\)/);
  assert.match(lines.at(-1)!, /100% \(1000\/1000\).* done/);
});

test("progress() under a kernel opens one display and updates it by display id", async () => {
  const calls: { bundle: MimeBundle; options: { displayId?: string; update?: boolean } | undefined }[] = [];
  setKernelChannel({ display: (bundle, options) => calls.push({ bundle, options }) });
  try {
    const bar = progress(3, "epochs");
    bar.tick();
    bar.close("loss 0.1");
  } finally {
    setKernelChannel(undefined);
  }
  assert.equal(calls[0]!.options?.update, undefined);
  const id = calls[0]!.options?.displayId;
  assert.ok(id);
  assert.ok(calls.slice(1).every((c) => c.options?.update === true && c.options.displayId === id));
  assert.match(String(calls.at(-1)!.bundle["text/plain"]), /33% \(1\/3\).* done · loss 0\.1/);
});
