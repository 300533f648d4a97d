/**
 * One error type for every mistake a user can make with Cajal (a model, a notebook, a run), with
 * fields for programs and a message for people. A broken invariant inside Cajal is a plain `Error`.
 */

/** One problem with a model, a notebook or a run. */
export interface Problem {
  /** Stable id, used by tests and by the docs' index of errors: "param-out-of-range". */
  readonly ruleId: string;
  /** Where: a path into the model ("exc.cell.neuron.tauM") or "notebook 07, cell 12". */
  readonly place: string;
  /** What is wrong, one sentence that names the thing and quotes the value. */
  readonly reason: string;
  /** What would be accepted, in the user's units. */
  readonly expected?: string;
  /** What to do, addressed to the user. */
  readonly fix?: string;
}

/** Renders one problem as the lines a user reads. */
export function formatProblem(p: Problem): string {
  return [`${p.place}: ${p.reason}`, p.expected && `  expected: ${p.expected}`, p.fix && `  fix: ${p.fix}`, `  [${p.ruleId}]`]
    .filter(Boolean)
    .join("\n");
}

/**
 * The error Cajal throws for a user's mistake. It carries every problem found, so a user can fix
 * them in one pass; `problem` is the first of them.
 */
export class CajalError extends Error {
  override readonly name: string = "CajalError";
  readonly problems: readonly Problem[];
  constructor(problems: Problem | readonly Problem[], options?: { cause?: unknown }) {
    const list: readonly Problem[] = Array.isArray(problems) ? problems : [problems as Problem];
    if (list.length === 0) throw new Error("CajalError needs at least one problem"); // a Cajal bug
    super(
      list.length === 1
        ? formatProblem(list[0]!)
        : `${list.length} problems:\n\n${list.map(formatProblem).join("\n\n")}`,
      options,
    );
    this.problems = list;
  }
  /** The first problem (the only one, usually). */
  get problem(): Problem {
    return this.problems[0]!;
  }
}

/** Throws one CajalError listing every problem, when there is any. */
export function throwIfProblems(problems: readonly Problem[]): void {
  if (problems.length > 0) throw new CajalError(problems);
}
