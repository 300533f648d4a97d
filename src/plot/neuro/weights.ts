/**
 * Synaptic weights: the pre × post matrix as a heatmap (diverging colours when both signs occur,
 * blank where there is no connection) and the distribution of weights as a histogram.
 */
import type { Numbers } from "../../core/stats.js";
import { Plot } from "../plot.js";
import { isArrayLike, toMatrix, type MatrixInput } from "../data.js";
import { buildHeatmap } from "../heatmap.js";
import { binSeries, buildHistogram } from "../histogram.js";
import type { FigureOptions } from "../options.js";

/** Options of `weightMatrix`. */
export interface WeightMatrixOptions extends FigureOptions {
  /** Unit of the weights: "nA" for current synapses, "µS" for conductance synapses; default "nA". */
  readonly unit?: string;
  /** Title of the rows (presynaptic side); default "presynaptic neuron". */
  readonly preTitle?: string;
  /** Title of the columns (postsynaptic side); default "postsynaptic neuron". */
  readonly postTitle?: string;
  /** Colour range [min, max] in the weight unit. */
  readonly domain?: readonly [number, number];
  /** Above this many entries, show block means (noted in the subtitle); default 10 000. */
  readonly maxCells?: number;
}

/**
 * Weight matrix, rows = presynaptic, columns = postsynaptic (PyNN's `getWeights(format="array")`
 * layout); NaN marks an absent connection and is drawn blank.
 *
 * @example
 * plot.weightMatrix(projection.weights(), { unit: "nA", title: "exc → exc after STDP" })
 */
export function weightMatrix(weights: MatrixInput, options: WeightMatrixOptions = {}): Plot {
  const m = toMatrix(weights, "plot.weightMatrix");
  return buildHeatmap(m, {
    title: options.title, subtitle: options.subtitle, width: options.width, height: options.height,
    xTitle: options.postTitle ?? "postsynaptic neuron", yTitle: options.preTitle ?? "presynaptic neuron",
    colorTitle: `weight (${options.unit ?? "nA"})`,
    ...(options.domain ? { domain: options.domain } : {}),
    ...(options.maxCells !== undefined ? { maxCells: options.maxCells } : {}),
  }, { defaultTitle: `Weights (${m.rows} × ${m.cols})`, missingNoun: "absent connections (NaN)" });
}

/** Options of `weightHistogram`. */
export interface WeightHistogramOptions extends FigureOptions {
  /** Unit of the weights; default "nA". */
  readonly unit?: string;
  /** Number of bins or their edges; default 40. */
  readonly bins?: number | Numbers;
  /** Range [low, high] in the weight unit. */
  readonly range?: readonly [number, number];
}

/**
 * Distribution of weights, from a flat array or a matrix. Absent connections (NaN) are not
 * counted, and the subtitle says how many there were.
 */
export function weightHistogram(weights: Numbers | MatrixInput, options: WeightHistogramOptions = {}): Plot {
  const flat = isArrayLike(weights) && (weights.length === 0 || typeof weights[0] === "number")
    ? (weights as Numbers)
    : toMatrix(weights as MatrixInput, "plot.weightHistogram").values;
  const histogramOptions = {
    title: options.title, subtitle: options.subtitle, width: options.width, height: options.height,
    bins: options.bins ?? 40, xTitle: `weight (${options.unit ?? "nA"})`, yTitle: "synapses",
    ...(options.range ? { range: options.range } : {}),
  };
  let absent = 0;
  for (let i = 0; i < flat.length; i++) if (Number.isNaN(flat[i]!)) absent++;
  const series = binSeries(flat, histogramOptions, "plot.weightHistogram");
  // NaN entries are absent connections, not bad values: say that instead of "NaN values not counted".
  const histogramsWithoutNaN = series.map((s) => ({ ...s, histogram: { ...s.histogram, invalid: 0 } }));
  return buildHistogram(histogramsWithoutNaN, histogramOptions, {
    defaultTitle: "Weight distribution",
    notes: [`${(flat.length - absent).toLocaleString("en-US")} synapses` + (absent > 0 ? ` (${absent.toLocaleString("en-US")} absent connections not counted)` : "")],
    outsideNoun: "weights",
  });
}
