/**
 * Parameter tables: the single source for a component's names, units, defaults, ranges and PyNN
 * names. Validation, messages, docs and `toPyNN()` all read these tables.
 */
import type { Problem } from "../core/errors.js";
import * as msg from "./messages.js";

/** PyNN's units. "uS" is µS, "nS" is nS (AdEx's `a`), "1" is dimensionless, "1/ms" a rate constant. */
export type Unit = "ms" | "mV" | "nA" | "nF" | "uS" | "nS" | "Hz" | "1" | "1/ms" | "mV/ms";

/** One row of a parameter table. The unit is part of the contract, not a comment. */
export interface ParamSpec {
  readonly unit: Unit;
  readonly default: number;
  /** Allowed range; bounds are inclusive unless named in `open`. */
  readonly min?: number;
  readonly max?: number;
  readonly open?: "min" | "max" | "both";
  /** PyNN's name, for toPyNN() and for readers who know PyNN; empty when PyNN has no such parameter. */
  readonly pynn: string;
  /** Noun phrase used in messages and generated docs. */
  readonly doc: string;
  /** Advice shown with a range error. */
  readonly hint?: string;
}
/** A component's parameters, by Cajal (camelCase) name. */
export type ParamTable = Readonly<Record<string, ParamSpec>>;
/** The resolved values of a table: one number per parameter. */
export type ParamsOf<T extends ParamTable> = { readonly [K in keyof T]: number };

/** Whether `value` lies in the spec's range (NaN never does). */
export function inRange(value: number, spec: ParamSpec): boolean {
  if (!Number.isFinite(value)) return false;
  const openMin = spec.open === "min" || spec.open === "both";
  const openMax = spec.open === "max" || spec.open === "both";
  if (spec.min !== undefined && (openMin ? value <= spec.min : value < spec.min)) return false;
  if (spec.max !== undefined && (openMax ? value >= spec.max : value > spec.max)) return false;
  return true;
}

/** The range of a spec as a user reads it: "tauM > 0 ms". */
export function describeRange(name: string, spec: ParamSpec): string {
  const unit = spec.unit === "1" ? "" : ` ${spec.unit === "uS" ? "µS" : spec.unit}`;
  const openMin = spec.open === "min" || spec.open === "both";
  const openMax = spec.open === "max" || spec.open === "both";
  if (spec.min !== undefined && spec.max !== undefined) {
    return `${spec.min}${unit} ${openMin ? "<" : "≤"} ${name} ${openMax ? "<" : "≤"} ${spec.max}${unit}`;
  }
  if (spec.min !== undefined) return `${name} ${openMin ? ">" : "≥"} ${spec.min}${unit}`;
  if (spec.max !== undefined) return `${name} ${openMax ? "<" : "≤"} ${spec.max}${unit}`;
  return `a finite number${unit ? ` (${unit.trim()})` : ""}`;
}

/**
 * Fills in defaults and validates every parameter of `table`; returns the values and every problem
 * found (a value that is not a number, NaN or infinite, or outside its range). Never throws.
 */
export function resolveParams<T extends ParamTable>(
  place: string, table: T, given: Readonly<Record<string, unknown>>, defaults: Readonly<Record<string, number>> = {},
): { values: ParamsOf<T>; problems: Problem[] } {
  const values: Record<string, number> = {};
  const problems: Problem[] = [];
  for (const [name, spec] of Object.entries(table)) {
    const raw = given[name] ?? defaults[name] ?? spec.default;
    if (typeof raw !== "number") {
      problems.push(msg.notANumber(`${place}.${name}`, name, raw, spec));
      continue;
    }
    if (Number.isNaN(raw)) problems.push(msg.notANumber(`${place}.${name}`, name, raw, spec));
    else if (!inRange(raw, spec)) problems.push(msg.outOfRange(`${place}.${name}`, name, raw, spec));
    values[name] = raw;
  }
  return { values: values as ParamsOf<T>, problems };
}
