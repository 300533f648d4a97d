/**
 * Learning-curve and confusion-matrix figures as vega-lite specs. Small builders of their own so
 * the learning core needs nothing from the general plot builders.
 */
import type { TopLevelSpec } from "vega-lite";
import { Plot } from "../plot/plot.js";
import type { TrainLog } from "./train.js";

/** Options of `learningCurvePlot`. */
export interface LearningCurveOptions {
  readonly title?: string;
  /** Width of each panel in pixels (default 320). */
  readonly width?: number;
}

/**
 * Two panels: training loss against step (every logged step) and test accuracy against epoch
 * (when the log has evaluations). Several logs can be compared: pass `{ name: log }`.
 */
export function learningCurvePlot(logs: TrainLog | Readonly<Record<string, TrainLog>>, options: LearningCurveOptions = {}): Plot {
  const named: Record<string, TrainLog> = isTrainLog(logs) ? { run: logs } : { ...logs };
  const lossRows: { run: string; step: number; loss: number }[] = [];
  const accRows: { run: string; epoch: number; accuracy: number }[] = [];
  for (const [run, log] of Object.entries(named)) {
    log.steps.forEach((step, i) => lossRows.push({ run, step, loss: log.losses[i]! }));
    log.epochs.epoch.forEach((epoch, i) => {
      const a = log.epochs.testAccuracy[i]!;
      if (Number.isFinite(a)) accRows.push({ run, epoch, accuracy: a });
    });
  }
  const width = options.width ?? 320;
  const several = Object.keys(named).length > 1;
  const color = several ? { color: { field: "run", type: "nominal" as const, title: "run" } } : {};
  const lossPanel = {
    data: { values: lossRows },
    mark: { type: "line" as const, strokeWidth: 1 },
    encoding: {
      x: { field: "step", type: "quantitative" as const, title: "training step" },
      y: { field: "loss", type: "quantitative" as const, title: "training loss", scale: { zero: false } },
      ...color,
    },
    width,
    height: 220,
  };
  const accPanel = {
    data: { values: accRows },
    mark: { type: "line" as const, point: true },
    encoding: {
      x: { field: "epoch", type: "quantitative" as const, title: "epoch", axis: { tickMinStep: 1 } },
      y: { field: "accuracy", type: "quantitative" as const, title: "test accuracy", scale: { zero: false } },
      ...color,
    },
    width,
    height: 220,
  };
  const title = options.title ?? "Learning curves";
  const spec: TopLevelSpec = accRows.length > 0 ? { title, hconcat: [lossPanel, accPanel] } : { title, ...lossPanel };
  return new Plot(spec, title);
}

/** Options of `confusionMatrixPlot`. */
export interface ConfusionMatrixOptions {
  readonly title?: string;
  /** Class names (default "0" … "n−1"). */
  readonly classNames?: readonly string[];
  /** Show row-normalised rates instead of counts (default false). */
  readonly normalise?: boolean;
}

/** A heat map of counts[true][predicted] with the numbers printed in the cells. */
export function confusionMatrixPlot(matrix: readonly (readonly number[])[], options: ConfusionMatrixOptions = {}): Plot {
  const names = options.classNames ?? matrix.map((_, i) => String(i));
  const rows: { actual: string; predicted: string; value: number }[] = [];
  matrix.forEach((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    row.forEach((count, j) => rows.push({
      actual: names[i] ?? String(i),
      predicted: names[j] ?? String(j),
      value: options.normalise ? (total === 0 ? 0 : count / total) : count,
    }));
  });
  const max = Math.max(...rows.map((r) => r.value));
  const title = options.title ?? "Confusion matrix";
  const axis = { sort: [...names] };
  const spec: TopLevelSpec = {
    title,
    data: { values: rows },
    encoding: {
      x: { field: "predicted", type: "ordinal", title: "predicted class", ...axis },
      y: { field: "actual", type: "ordinal", title: "true class", ...axis },
    },
    layer: [
      { mark: "rect", encoding: { color: { field: "value", type: "quantitative", title: options.normalise ? "rate" : "count", scale: { scheme: "blues" } } } },
      {
        mark: { type: "text", fontSize: 9 },
        encoding: {
          text: { field: "value", type: "quantitative", format: options.normalise ? ".2f" : "d" },
          color: { condition: { test: `datum.value > ${max / 2}`, value: "white" }, value: "black" },
        },
      },
    ],
    width: 28 * names.length,
    height: 28 * names.length,
  };
  return new Plot(spec, title);
}

function isTrainLog(x: unknown): x is TrainLog {
  return typeof x === "object" && x !== null && Array.isArray((x as TrainLog).steps) && Array.isArray((x as TrainLog).losses);
}
