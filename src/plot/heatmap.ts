/**
 * Heatmaps of a matrix: one rect per cell, row 0 at the top, a colour legend, optional labels and
 * cell annotations. A matrix larger than `maxCells` is shown as means over square blocks and the
 * subtitle says so; axes stay in the original row and column indices.
 */
import { extent } from "../core/stats.js";
import { Plot } from "./plot.js";
import { toMatrix, type Matrix, type MatrixInput } from "./data.js";
import { layeredSpec, type ExtraLayer } from "./spec.js";
import { badOption } from "./messages.js";
import { defined, formatCount, titleBlock, type FigureOptions } from "./options.js";

/** Options of `heatmap`. */
export interface HeatmapOptions extends FigureOptions {
  /** Title of the x axis (columns). Default "column". */
  readonly xTitle?: string;
  /** Title of the y axis (rows). Default "row". */
  readonly yTitle?: string;
  /** Title of the colour legend, with units. Default "value". */
  readonly colorTitle?: string;
  /** Labels of the rows, top to bottom (categorical axis). */
  readonly rowLabels?: readonly string[];
  /** Labels of the columns, left to right. */
  readonly colLabels?: readonly string[];
  /** vega colour scheme; default "viridis", or "redblue" (centred on 0) when `diverging`. */
  readonly scheme?: string;
  /** Centre the colours on 0 with a diverging scheme; default: when the values have both signs. */
  readonly diverging?: boolean;
  /** Colour range [min, max]; default the data's (symmetric about 0 when diverging). */
  readonly domain?: readonly [number, number];
  /** Write each cell's value in it (sensible up to a few hundred cells); `format` is a d3 format, default ".2~f". */
  readonly annotate?: boolean | { readonly format?: string };
  /** Above this many cells, show block means (noted in the subtitle); default 10 000 (100 × 100 cells, ~4 px each). */
  readonly maxCells?: number;
}

/**
 * Heatmap of a matrix given as rows (`number[][]`) or `{ values, rows, cols }` in row-major order.
 *
 * @example
 * plot.heatmap(confusion, { rowLabels: classes, colLabels: classes, yTitle: "true class", xTitle: "predicted class", annotate: true })
 */
export function heatmap(matrix: MatrixInput, options: HeatmapOptions = {}): Plot {
  return buildHeatmap(toMatrix(matrix, "plot.heatmap"), options, {});
}

/** Builds the heatmap spec of a dense matrix; `notes` join the subtitle. */
export function buildHeatmap(m: Matrix, options: HeatmapOptions, extra: { notes?: readonly string[]; defaultTitle?: string; label?: string; missingNoun?: string }): Plot {
  const place = "plot.heatmap";
  const maxCells = options.maxCells ?? 10_000;
  if (!(Number.isInteger(maxCells) && maxCells >= 1)) throw badOption(place, "maxCells", maxCells, "an integer ≥ 1");
  if (options.rowLabels && options.rowLabels.length !== m.rows) throw badOption(place, "rowLabels", `${options.rowLabels.length} labels`, `${m.rows} labels, one per row`);
  if (options.colLabels && options.colLabels.length !== m.cols) throw badOption(place, "colLabels", `${options.colLabels.length} labels`, `${m.cols} labels, one per column`);
  const notes = [...(extra.notes ?? [])];
  const block = m.rows * m.cols > maxCells ? Math.ceil(Math.sqrt((m.rows * m.cols) / maxCells)) : 1;
  const [lo, hi] = extent(m.values);
  let missing = 0;
  for (let i = 0; i < m.values.length; i++) if (Number.isNaN(m.values[i]!)) missing++;
  const diverging = options.diverging ?? (lo < 0 && hi > 0);
  const bound = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
  const domain = options.domain ?? (diverging ? [-bound, bound] : Number.isNaN(lo) ? [0, 1] : [lo, hi]);
  const categorical = block === 1 && (options.rowLabels !== undefined || options.colLabels !== undefined || (m.rows <= 40 && m.cols <= 40));
  const rows: Record<string, unknown>[] = [];
  if (block === 1) {
    for (let r = 0; r < m.rows; r++) {
      for (let c = 0; c < m.cols; c++) {
        const value = m.values[r * m.cols + c]!;
        rows.push(categorical
          ? { row: options.rowLabels?.[r] ?? r, col: options.colLabels?.[c] ?? c, value }
          : { row: r, row2: r + 1, col: c, col2: c + 1, value });
      }
    }
  } else {
    for (let r0 = 0; r0 < m.rows; r0 += block) {
      const r1 = Math.min(m.rows, r0 + block);
      for (let c0 = 0; c0 < m.cols; c0 += block) {
        const c1 = Math.min(m.cols, c0 + block);
        let s = 0, n = 0;
        for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) {
          const v = m.values[r * m.cols + c]!;
          if (!Number.isNaN(v)) { s += v; n++; }
        }
        rows.push({ row: r0, row2: r1, col: c0, col2: c1, value: n > 0 ? s / n : NaN });
      }
    }
    notes.push(`${m.rows} × ${m.cols} matrix shown as means over ${block} × ${block} blocks (${formatCount(rows.length)} cells)` +
      (options.rowLabels || options.colLabels ? "; labels omitted" : ""));
  }
  if (!categorical) addDrawnExtents(rows, Math.ceil(m.rows / block), Math.ceil(m.cols / block), block);
  if (missing > 0) notes.push(`blank: ${formatCount(missing)} ${extra.missingNoun ?? "missing (NaN) entries"}${block > 1 ? ", left out of block means" : ""}`);
  const color = {
    field: "value", type: "quantitative", title: options.colorTitle ?? "value",
    scale: defined({ scheme: options.scheme ?? (diverging ? "redblue" : "viridis"), domain: [domain[0], domain[1]], domainMid: diverging ? 0 : undefined, reverse: diverging && options.scheme === undefined ? true : undefined }),
  };
  const encoding = categorical
    ? {
        x: { field: "col", type: "ordinal", title: options.xTitle ?? "column", sort: options.colLabels ?? null, axis: { labelAngle: 0 } },
        y: { field: "row", type: "ordinal", title: options.yTitle ?? "row", sort: options.rowLabels ?? null },
      }
    : {
        x: { field: "col", type: "quantitative", title: options.xTitle ?? "column", scale: { domain: [0, m.cols], nice: false, zero: false } },
        x2: { field: "col2" },
        y: { field: "row", type: "quantitative", title: options.yTitle ?? "row", scale: { domain: [0, m.rows], nice: false, zero: false, reverse: true } },
        y2: { field: "row2" },
      };
  const cellEncoding = categorical ? encoding : { ...encoding, x2: { field: "col2Drawn" }, y2: { field: "row2Drawn" } };
  const layers: ExtraLayer[] = [{ mark: { type: "rect" }, encoding: { ...cellEncoding, color } }];
  if (options.annotate) {
    const format = typeof options.annotate === "object" ? options.annotate.format ?? ".2~f" : ".2~f";
    const [d0, d1] = domain as readonly [number, number];
    // White text where the cell colour is dark: low end of viridis, both ends of a diverging scheme.
    const darkTest = diverging
      ? `abs(datum.value) > ${0.6 * Math.max(Math.abs(d0), Math.abs(d1))}`
      : `datum.value < ${d0 + 0.5 * (d1 - d0)}`;
    layers.push({
      mark: { type: "text", fontSize: 10 },
      encoding: {
        ...(categorical ? { x: encoding.x, y: encoding.y } : {
          x: { field: "colMid", type: "quantitative" }, y: { field: "rowMid", type: "quantitative" },
        }),
        text: { field: "value", type: "quantitative", format },
        color: { condition: { test: darkTest, value: "white" }, value: "black" },
      },
      ...(categorical ? {} : { transform: [{ calculate: "(datum.col + datum.col2) / 2", as: "colMid" }, { calculate: "(datum.row + datum.row2) / 2", as: "rowMid" }] }),
    });
  }
  const cellPx = categorical ? Math.max(14, Math.min(40, Math.floor(480 / Math.max(m.rows, m.cols, 1)))) : 0;
  const size = categorical
    ? { width: Math.max(120, cellPx * m.cols), height: Math.max(120, cellPx * m.rows) }
    : { width: 420, height: Math.round(Math.max(120, Math.min(560, (420 * m.rows) / Math.max(1, m.cols)))) };
  return new Plot(
    layeredSpec(rows, layers, { options, title: titleBlock(options, extra.defaultTitle, notes), size }),
    extra.label ?? options.title ?? `heatmap ${m.rows} × ${m.cols}`,
  );
}

/**
 * Adjacent rects on a continuous axis leave hairline anti-aliasing seams. Each cell is drawn a
 * third of a cell into its right and lower neighbours, which are drawn later and cover the
 * overlap — only where those neighbours are drawn, so a blank (NaN) cell never shows a bleed.
 * `col2`/`row2` keep the true extents; `col2Drawn`/`row2Drawn` are what is drawn.
 */
function addDrawnExtents(rows: Record<string, unknown>[], gridRows: number, gridCols: number, block: number): void {
  const drawn = (i: number, j: number) => i < gridRows && j < gridCols && !Number.isNaN(rows[i * gridCols + j]!.value as number);
  const pad = block / 3;
  for (let i = 0; i < gridRows; i++) {
    for (let j = 0; j < gridCols; j++) {
      const cell = rows[i * gridCols + j]!;
      const right = drawn(i, j + 1);
      const down = drawn(i + 1, j) && (!right || drawn(i + 1, j + 1));
      cell.col2Drawn = (cell.col2 as number) + (right ? pad : 0);
      cell.row2Drawn = (cell.row2 as number) + (down ? pad : 0);
    }
  }
}
