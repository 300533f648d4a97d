/**
 * The predictive-coding graph: nodes (Gaussian beliefs), edges of two kinds (value coupling,
 * volatility coupling) and an update sequence of local functions, all plain data that can change
 * between steps: nodes can be added or removed during a run (structure learning), attributes edited.
 *
 * One step: `predict()` runs the prediction functions top-down, `observe(id, value)` gives inputs
 * their values, `updatePosterior()` applies the observations and runs the posterior functions
 * bottom-up. `update(timeStep)` does predict + posterior for observations given beforehand.
 */
import { CajalError, type Problem } from "../../../core/errors.js";
import * as msg from "./messages.js";
import { createNode, isInput, type NodeAttributes, type NodeKind, type NodeSpec } from "./node.js";
import { UPDATE_FUNCTIONS, observeBinaryInput, observeContinuousInput, type NodeLookup, type UpdateName } from "./updates.js";

/** One entry of an update sequence: apply the named function to a node. */
export interface UpdateStep {
  readonly node: number;
  readonly update: UpdateName;
}

/** The two phases of a step: predictions (top-down), then posteriors (bottom-up). */
export interface UpdateSequence {
  readonly predictions: readonly UpdateStep[];
  readonly posteriors: readonly UpdateStep[];
}

/** The two kinds of edge. */
export type CouplingKind = "value" | "volatility";

/** Parents to attach when a node is added: ids, or [id, κ] pairs (κ defaults to 1). */
export interface NodeParents {
  readonly valueParents?: readonly (number | readonly [number, number])[];
  readonly volatilityParents?: readonly (number | readonly [number, number])[];
}

const PREDICTION_OF: Readonly<Record<NodeKind, UpdateName>> = {
  "continuous-state": "continuousPrediction",
  "continuous-input": "continuousInputPrediction",
  "binary-input": "binaryInputPrediction",
};

/**
 * A mutable predictive-coding network (pyhgf's `Network`, re-designed for Cajal).
 *
 * @example
 * const g = new PredictiveGraph();
 * const x2 = g.addNode({ kind: "continuous-state", tonicVolatility: -4 });
 * const u = g.addNode({ kind: "binary-input" }, { valueParents: [x2] });
 * g.observe(u, 1); g.update();
 * g.nodeAt(x2).mean // > 0
 */
export class PredictiveGraph implements NodeLookup {
  private readonly slots: (NodeAttributes | undefined)[] = [];
  private readonly pendingValue: number[] = [];
  private readonly hasPending: boolean[] = [];
  private sequence: UpdateSequence | undefined;
  private customSequence = false;
  private predicted = false;
  private stepTimeStep = 1;
  /** Number of completed steps. */
  steps = 0;
  /** The first step (0-based) after which some belief had a non-positive or non-finite precision or mean; −1 if none. */
  brokeDownAt = -1;

  /** Adds a node and its parent edges; returns its id. The update sequence follows the new structure. */
  addNode(spec: NodeSpec, parents: NodeParents = {}): number {
    const id = this.slots.length;
    const place = `graph.addNode(${spec.name ?? spec.kind})`;
    const problems: Problem[] = [];
    if (spec.kind !== "continuous-state" && spec.kind !== "continuous-input" && spec.kind !== "binary-input") {
      problems.push(msg.badAttribute(place, "kind", NaN, "`continuous-state`, `continuous-input` or `binary-input`"));
    }
    for (const name of ["mean", "tonicVolatility", "tonicDrift", "autoconnection"] as const) {
      const v = spec[name];
      if (v !== undefined && !Number.isFinite(v)) problems.push(msg.badAttribute(place, name, v, "a finite number"));
    }
    for (const name of ["precision", "inputPrecision"] as const) {
      const v = spec[name];
      if (v !== undefined && !(v > 0 && Number.isFinite(v))) problems.push(msg.badAttribute(place, name, v, "a finite number > 0"));
    }
    throwIf(problems);
    // Validate parents before touching the graph, so a failed call leaves it unchanged.
    const edges: [number, CouplingKind, number][] = [];
    for (const [kind, list] of [["value", parents.valueParents], ["volatility", parents.volatilityParents]] as const) {
      for (const p of list ?? []) {
        const [parent, strength] = typeof p === "number" ? [p, 1] : [p[0], p[1]];
        problems.push(...this.edgeProblems(parent, spec.kind, kind, strength, place));
        edges.push([parent, kind, strength]);
      }
    }
    throwIf(problems);
    this.slots.push(createNode(id, spec));
    this.pendingValue.push(NaN);
    this.hasPending.push(false);
    for (const [parent, kind, strength] of edges) this.link(parent, id, kind, strength);
    this.structureChanged();
    return id;
  }

  /** Adds an edge parent → child of the given kind with coupling strength κ (default 1). */
  connect(parent: number, child: number, kind: CouplingKind, strength = 1): void {
    const place = `graph.connect(${parent} → ${child})`;
    const c = this.nodeAtChecked(child, place);
    const problems = this.edgeProblems(parent, c.kind, kind, strength, place);
    const list = kind === "value" ? c.valueParents : c.volatilityParents;
    if (list.some((e) => e.node === parent)) {
      problems.push(msg.badEdge(place, `node ${parent} is already a ${kind} parent of node ${child}.`, "at most one edge of each kind per pair"));
    }
    throwIf(problems);
    this.link(parent, child, kind, strength);
    try {
      this.defaultSequence();
    } catch (e) {
      // Undo the edge: a failed call leaves the graph as it was.
      dropEdge(kind === "value" ? c.valueParents : c.volatilityParents, parent);
      const p = this.nodeAt(parent);
      dropEdge(kind === "value" ? p.valueChildren : p.volatilityChildren, child);
      throw e;
    }
    this.structureChanged();
  }

  /** Removes the edge parent → child of the given kind. */
  disconnect(parent: number, child: number, kind: CouplingKind): void {
    const place = `graph.disconnect(${parent} → ${child})`;
    const c = this.nodeAtChecked(child, place);
    const p = this.nodeAtChecked(parent, place);
    const up = kind === "value" ? c.valueParents : c.volatilityParents;
    const down = kind === "value" ? p.valueChildren : p.volatilityChildren;
    const i = up.findIndex((e) => e.node === parent);
    if (i < 0) throw new CajalError(msg.badEdge(place, `node ${parent} is not a ${kind} parent of node ${child}.`, "an existing edge"));
    up.splice(i, 1);
    down.splice(down.findIndex((e) => e.node === child), 1);
    this.structureChanged();
  }

  /** Removes a node and every edge touching it. Its id is not reused. */
  removeNode(id: number): void {
    const node = this.nodeAtChecked(id, `graph.removeNode(${id})`);
    for (const e of node.valueParents) dropEdge(this.nodeAt(e.node).valueChildren, id);
    for (const e of node.volatilityParents) dropEdge(this.nodeAt(e.node).volatilityChildren, id);
    for (const e of node.valueChildren) dropEdge(this.nodeAt(e.node).valueParents, id);
    for (const e of node.volatilityChildren) dropEdge(this.nodeAt(e.node).volatilityParents, id);
    this.slots[id] = undefined;
    this.hasPending[id] = false;
    this.structureChanged();
  }

  /** The node with this id; throws a CajalError if there is none. */
  nodeAt(id: number): NodeAttributes {
    const node = this.slots[id];
    if (node === undefined) throw new CajalError(msg.unknownNode("graph.nodeAt", id, this.ids));
    return node;
  }

  /** Whether a node with this id exists. */
  has(id: number): boolean {
    return this.slots[id] !== undefined;
  }

  /** Ids of the nodes in the graph, ascending. */
  get ids(): number[] {
    const out: number[] = [];
    for (const n of this.slots) if (n) out.push(n.id);
    return out;
  }

  /** The nodes in the graph, by ascending id. */
  get nodes(): NodeAttributes[] {
    return this.slots.filter((n): n is NodeAttributes => n !== undefined);
  }

  /** The update sequence in use: the default one derived from the structure, unless set. */
  get updateSequence(): UpdateSequence {
    if (!this.sequence) this.sequence = this.defaultSequence();
    return this.sequence;
  }

  /**
   * Replaces the update sequence (e.g. to skip a node or reorder updates). It is checked against
   * the current structure; a later structure change returns to the default sequence.
   */
  setUpdateSequence(sequence: UpdateSequence): void {
    const problems: Problem[] = [];
    const check = (steps: readonly UpdateStep[], phase: "predictions" | "posteriors") =>
      steps.forEach((s, i) => {
        const place = `updateSequence.${phase}[${i}]`;
        const node = this.slots[s.node];
        if (!node) { problems.push(msg.unknownNode(place, s.node, this.ids)); return; }
        const fits = phase === "predictions" ? PREDICTION_OF[node.kind] === s.update : s.update === "continuousPosterior" && node.kind === "continuous-state";
        if (!fits) {
          problems.push(msg.badSequence(place, `\`${s.update}\` does not apply to node ${s.node} (${node.kind}) in the ${phase} phase.`,
            phase === "predictions" ? `\`${PREDICTION_OF[node.kind]}\` for this node` : "`continuousPosterior` on a continuous-state node"));
        }
      });
    check(sequence.predictions, "predictions");
    check(sequence.posteriors, "posteriors");
    throwIf(problems);
    this.sequence = { predictions: [...sequence.predictions], posteriors: [...sequence.posteriors] };
    this.customSequence = true;
  }

  /** Whether the sequence in use was set with `setUpdateSequence`. */
  get hasCustomSequence(): boolean {
    return this.customSequence;
  }

  /** Returns to the update sequence derived from the structure. */
  useDefaultSequence(): void {
    this.customSequence = false;
    this.sequence = undefined;
  }

  /** Gives an input node its value for the current step (0 or 1 for a binary input). */
  observe(id: number, value: number): void {
    const place = `graph.observe(${id})`;
    const node = this.nodeAtChecked(id, place);
    if (!isInput(node)) throw new CajalError(msg.badObservation(place, `node ${id} is a ${node.kind}, not an input.`, "an input node's id"));
    if (node.kind === "binary-input" ? value !== 0 && value !== 1 : !Number.isFinite(value)) {
      throw new CajalError(msg.badObservation(place, `${value} is not a valid observation for a ${node.kind}.`, node.kind === "binary-input" ? "0 or 1" : "a finite number"));
    }
    this.pendingValue[id] = value;
    this.hasPending[id] = true;
  }

  /** Runs the prediction phase (top-down) for a step of length `timeStep` (default 1). */
  predict(timeStep = 1): void {
    if (!(timeStep > 0 && Number.isFinite(timeStep))) {
      throw new CajalError(msg.badParameter("graph.predict", "timeStep", timeStep, "a finite time > 0"));
    }
    const steps = this.updateSequence.predictions;
    for (let i = 0; i < steps.length; i++) {
      const s = steps[i]!;
      UPDATE_FUNCTIONS[s.update](this, s.node, timeStep);
    }
    this.stepTimeStep = timeStep;
    this.predicted = true;
  }

  /**
   * Applies this step's observations and runs the posterior phase (bottom-up). Inputs without an
   * observation stay uninformed: their parents keep their predictions.
   */
  updatePosterior(): void {
    if (!this.predicted) {
      throw new CajalError({
        ruleId: "hgf-no-prediction", place: "graph.updatePosterior", reason: "the step has no prediction yet.",
        expected: "predict() before updatePosterior()", fix: "call update(), or predict() then updatePosterior().",
      });
    }
    for (let id = 0; id < this.slots.length; id++) {
      if (!this.hasPending[id]) continue;
      const node = this.slots[id];
      this.hasPending[id] = false;
      if (!node) continue;
      if (node.kind === "binary-input") observeBinaryInput(this, id, this.pendingValue[id]!);
      else observeContinuousInput(this, id, this.pendingValue[id]!);
    }
    const steps = this.updateSequence.posteriors;
    for (let i = 0; i < steps.length; i++) {
      const s = steps[i]!;
      UPDATE_FUNCTIONS[s.update](this, s.node, this.stepTimeStep);
    }
    if (this.brokeDownAt < 0) {
      for (const n of this.slots) {
        if (n && n.kind === "continuous-state" && !(n.precision > 0 && Number.isFinite(n.precision) && Number.isFinite(n.mean))) {
          this.brokeDownAt = this.steps;
          break;
        }
      }
    }
    this.predicted = false;
    this.steps++;
  }

  /** One whole step: prediction, the observations given with `observe()`, posterior. */
  update(timeStep = 1): void {
    this.predict(timeStep);
    this.updatePosterior();
  }

  /** A text summary of the structure, for notebooks. */
  toMimeBundle(): Record<string, string> {
    const lines = this.nodes.map((n) => {
      const parents = [
        ...n.valueParents.map((e) => `value←${e.node} (κ=${e.strength})`),
        ...n.volatilityParents.map((e) => `volatility←${e.node} (κ=${e.strength})`),
      ];
      return `  ${n.id} ${n.name} [${n.kind}] μ=${n.mean.toPrecision(4)} π=${n.precision.toPrecision(4)}${parents.length ? "  " + parents.join(", ") : ""}`;
    });
    return { "text/plain": [`PredictiveGraph: ${lines.length} nodes, ${this.steps} steps`, ...lines].join("\n") };
  }

  private nodeAtChecked(id: number, place: string): NodeAttributes {
    const node = Number.isInteger(id) ? this.slots[id] : undefined;
    if (!node) throw new CajalError(msg.unknownNode(place, id, this.ids));
    return node;
  }

  private edgeProblems(parent: number, childKind: NodeKind, kind: CouplingKind, strength: number, place: string): Problem[] {
    const problems: Problem[] = [];
    const p = Number.isInteger(parent) ? this.slots[parent] : undefined;
    if (!p) problems.push(msg.unknownNode(place, parent, this.ids));
    else if (p.kind !== "continuous-state") {
      problems.push(msg.badEdge(place, `node ${parent} is a ${p.kind}; inputs cannot be parents.`, "a continuous-state parent"));
    }
    if (kind === "volatility" && childKind !== "continuous-state") {
      problems.push(msg.badEdge(place, `a ${childKind} has no volatility to predict.`, "volatility parents on continuous-state nodes only"));
    }
    if (!Number.isFinite(strength)) problems.push(msg.badAttribute(place, "strength", strength, "a finite coupling strength κ"));
    return problems;
  }

  private link(parent: number, child: number, kind: CouplingKind, strength: number): void {
    const p = this.nodeAt(parent);
    const c = this.nodeAt(child);
    (kind === "value" ? c.valueParents : c.volatilityParents).push({ node: parent, strength });
    (kind === "value" ? p.valueChildren : p.volatilityChildren).push({ node: child, strength });
  }

  private structureChanged(): void {
    // A structure change invalidates a custom sequence: it may name removed nodes or miss new ones.
    this.customSequence = false;
    this.sequence = undefined;
  }

  /** Kahn's topological order (parents first) over both edge kinds. */
  private defaultSequence(): UpdateSequence {
    const nodes = this.nodes;
    const indegree = new Map<number, number>();
    for (const n of nodes) indegree.set(n.id, n.valueParents.length + n.volatilityParents.length);
    const ready = nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
    const order: number[] = [];
    while (ready.length) {
      const id = ready.shift()!;
      order.push(id);
      const n = this.nodeAt(id);
      for (const e of [...n.valueChildren, ...n.volatilityChildren]) {
        const d = indegree.get(e.node)! - 1;
        indegree.set(e.node, d);
        if (d === 0) ready.push(e.node);
      }
    }
    if (order.length < nodes.length) {
      throw new CajalError(msg.couplingCycle("graph", nodes.filter((n) => !order.includes(n.id)).map((n) => n.id)));
    }
    const predictions = order.map((id) => ({ node: id, update: PREDICTION_OF[this.nodeAt(id).kind] }));
    const posteriors = order
      .slice()
      .reverse()
      .filter((id) => this.nodeAt(id).kind === "continuous-state")
      .map((id) => ({ node: id, update: "continuousPosterior" as const }));
    return { predictions, posteriors };
  }
}

function dropEdge(list: { node: number }[], id: number): void {
  for (let i = list.length - 1; i >= 0; i--) if (list[i]!.node === id) list.splice(i, 1);
}

function throwIf(problems: Problem[]): void {
  if (problems.length) throw new CajalError(problems);
}
