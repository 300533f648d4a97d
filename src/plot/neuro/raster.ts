/**
 * Spike raster: one mark per spike, time on x, neuron on y, populations stacked and coloured.
 * Above `maxSpikes` (default 10 000) a seeded uniform sample is drawn and the subtitle says how
 * many of how many spikes are shown, so a dense raster never silently looks sparse.
 */
import { createRng } from "../../core/rng.js";
import type { SpikeTrains } from "../../core/spikes.js";
import { analysisRange, spikeIndexRange, type RangeMs } from "../../core/spike-stats.js";
import { Plot } from "../plot.js";
import { roundTo } from "../data.js";
import { layeredSpec, type ExtraLayer } from "../spec.js";
import { badOption } from "../messages.js";
import { defined, formatCount, sizeOf, titleBlock, type FigureOptions } from "../options.js";
import { sampleIndices } from "../sample.js";

/** Options of `raster`. */
export interface RasterOptions extends FigureOptions {
  /** Show spikes in [from, to) ms; default: the recording window (of the first population). */
  readonly timeRangeMs?: RangeMs;
  /** Above this many spikes in range, draw a uniform sample of this size; default 10 000. */
  readonly maxSpikes?: number;
  /** Seed of the sample; default 0. */
  readonly seed?: number;
  /** Dashed vertical rules at these times in ms (stimulus onsets, phase starts). */
  readonly markersMs?: readonly number[];
  /** y-axis title; default "neuron". */
  readonly neuronTitle?: string;
}

/**
 * Raster of one population or several (stacked bottom-up in the given order, one colour each).
 *
 * @example
 * plot.raster([run.spikes("exc"), run.spikes("inh")], { title: "CUBA network", timeRangeMs: [0, 200] })
 */
export function raster(trains: SpikeTrains | readonly SpikeTrains[], options: RasterOptions = {}): Plot {
  const place = "plot.raster";
  const populations: readonly SpikeTrains[] = Array.isArray(trains) ? trains : [trains as SpikeTrains];
  if (populations.length === 0) throw badOption(place, "trains", [], "at least one population's spike trains");
  const maxSpikes = options.maxSpikes ?? 10_000;
  if (!(Number.isInteger(maxSpikes) && maxSpikes >= 1)) throw badOption(place, "maxSpikes", maxSpikes, "an integer ≥ 1");
  const [from, to] = options.timeRangeMs ?? populations[0]!.window;
  const ranges = populations.map((p) => {
    analysisRange(p, [Math.max(from, p.window[0]), Math.min(to, p.window[1])], place);
    return spikeIndexRange(p.times, from, to);
  });
  const total = ranges.reduce((n, [a, b]) => n + (b - a), 0);
  const seed = options.seed ?? 0;
  // Sampled indices run over the populations' in-range spikes laid end to end.
  const chosen = total > maxSpikes ? sampleIndices(total, maxSpikes, createRng(seed).stream("plot.raster")) : undefined;
  const rows: Record<string, unknown>[] = [];
  const offsets: number[] = [];
  let offset = 0, base = 0, pick = 0;
  populations.forEach((p, k) => {
    offsets.push(offset);
    const [a, b] = ranges[k]!;
    const push = (i: number) => {
      // Times are rounded to 0.1 µs: far below any time step, and it keeps float noise out of the spec.
      const row: Record<string, unknown> = { t: roundTo(p.times[i]!, 4), neuron: offset + p.neurons[i]! };
      if (populations.length > 1) row.population = p.label;
      rows.push(row);
    };
    if (chosen === undefined) {
      for (let i = a; i < b; i++) push(i);
    } else {
      while (pick < chosen.length && chosen[pick]! < base + (b - a)) push(a + chosen[pick++]! - base);
    }
    base += b - a;
    offset += p.size;
  });
  const notes: string[] = [];
  notes.push(chosen === undefined
    ? `${formatCount(total)} spikes`
    : `${formatCount(chosen.length)} of ${formatCount(total)} spikes shown (uniform random sample, seed ${seed})`);
  const { height } = sizeOf(options, { height: 300 });
  const neurons = Math.max(1, offset);
  // A mark about as tall as one neuron's row, between 1 and 4 px.
  const side = Math.max(1, Math.min(4, height / neurons));
  const layers: ExtraLayer[] = [{
    mark: { type: "square", size: side * side * 1.5, opacity: 0.8, aria: false, clip: true },
    encoding: defined({
      x: { field: "t", type: "quantitative", title: "time (ms)", scale: { domain: [from, to], nice: false } },
      y: { field: "neuron", type: "quantitative", title: options.neuronTitle ?? "neuron", scale: { domain: [0, neurons], nice: false },
        // Few neurons: at most one tick per neuron, so ticks never fall between neurons.
        ...(neurons < Math.ceil(height / 40) ? { axis: { tickCount: neurons } } : {}) },
      color: populations.length > 1
        ? { field: "population", type: "nominal", sort: populations.map((p) => p.label), title: "population", legend: { symbolOpacity: 1 } }
        : undefined,
    }),
  }];
  if (populations.length > 1) {
    layers.push({
      data: { values: offsets.slice(1).map((o) => ({ boundary: o })) },
      mark: { type: "rule", color: "#999", strokeWidth: 0.75 },
      encoding: { y: { field: "boundary", type: "quantitative" } },
    });
  }
  if (options.markersMs?.length) {
    layers.push({
      data: { values: options.markersMs.map((m) => ({ marker: m })) },
      mark: { type: "rule", strokeDash: [4, 4], color: "#555" },
      encoding: { x: { field: "marker", type: "quantitative" } },
    });
  }
  const defaultTitle = `Spike raster: ${populations.map((p) => p.label).join(", ")}`;
  return new Plot(
    layeredSpec(rows, layers, { options, title: titleBlock(options, defaultTitle, notes), size: { height: 300 } }),
    `${options.title ?? defaultTitle}, ${rows.length} spikes shown`,
  );
}
