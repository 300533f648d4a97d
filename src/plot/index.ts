/**
 * Cajal's plots: builders that turn arrays, tables and spike trains into vega-lite figures. Each
 * returns a `Plot`, which a notebook cell renders as an interactive chart with an SVG fallback.
 *
 * Meant to be imported as a namespace: `import { plot } from "cajal"; plot.raster(spikes)`.
 */
export { Plot, VEGA_LITE_MIME, VEGA_LITE_SCHEMA, type MimeBundle } from "./plot.js";
export { compileSpec } from "./render.js";
export type { FigureOptions, AxesOptions, ScaleKind } from "./options.js";
export type { TableInput, ColumnTable, DataFrameLike, MatrixInput, Row } from "./data.js";
export { line, type LineOptions, type LineSeries, type ReferenceRules } from "./line.js";
export { scatter, type ScatterOptions } from "./scatter.js";
export { heatmap, type HeatmapOptions } from "./heatmap.js";
export { histogram, type HistogramInput, type HistogramOptions, type HistogramNormalize } from "./histogram.js";
export { bar, type BarOptions } from "./bar.js";
export { layer, hconcat, vconcat, type ComposeOptions } from "./compose.js";
export { raster, type RasterOptions } from "./neuro/raster.js";
export { membrane, type MembraneOptions, type MembraneTraces } from "./neuro/membrane.js";
export { rateHistogram, psth, type RateHistogramOptions, type PsthOptions } from "./neuro/rate.js";
export { isiDistribution, type IsiOptions } from "./neuro/isi.js";
export { weightMatrix, weightHistogram, type WeightMatrixOptions, type WeightHistogramOptions } from "./neuro/weights.js";
