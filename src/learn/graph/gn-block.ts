/**
 * The graph network (GN) block of Battaglia et al. (2018, §3.2, Algorithm 1), configurable so that
 * its special cases (paper Fig. 4) come from one function by switching parts off:
 *   1. edge update   e'_k = φᵉ(e_k, v_{r_k}, v_{s_k}, u)
 *   2. ē'_i = ρ^{e→v}(edges received by node i)
 *   3. node update   v'_i = φᵛ(ē'_i, v_i, u)
 *   4. ē' = ρ^{e→u}(all edges), v̄' = ρ^{v→u}(all nodes) of each graph
 *   5. global update u' = φᵘ(ē', v̄', u)
 * Each φ is an MLP (see `mlp`); which inputs each takes, and whether it runs at all, is the config.
 * Concatenation orders follow graph_nets (`blocks.py`): edges [e, v_r, v_s, u], nodes [ē, v, u],
 * globals [ē, v̄, u].
 */
import type { Rng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { badOption } from "../messages.js";
import { type Layer, type Tensors, collectParams, scope } from "../params.js";
import { tf } from "../tf.js";
import type { GraphTensors } from "./graphs-tuple.js";
import { type Aggregation, aggregate } from "./segments.js";

/** Node, edge and global tensors of a batch of graphs (structure lives in `GraphTensors`). */
export interface GraphState {
  readonly nodes: tf.Tensor2D;
  readonly edges: tf.Tensor2D;
  readonly globals: tf.Tensor2D;
}

/** Which inputs each update function takes; `false` switches the update off (the values pass through). */
export interface GnBlockConfig {
  /** φᵉ: its own edge features plus the listed ones. */
  readonly edge: false | { readonly receivers: boolean; readonly senders: boolean; readonly globals: boolean };
  /** φᵛ: its own node features plus the listed ones (received edges pooled by ρ^{e→v}). */
  readonly node: false | { readonly receivedEdges: boolean; readonly sentEdges?: boolean; readonly globals: boolean };
  /** φᵘ: its own global features plus the listed pools over the graph. */
  readonly global: false | { readonly edges: boolean; readonly nodes: boolean };
  /** ρ for every pooling; default "sum" (the demos'). */
  readonly aggregation?: Aggregation;
}

/** Named special cases of the GN block (paper Fig. 4). */
export type GnVariant = "full" | "messagePassing" | "interaction" | "deepSets" | "relation";

/**
 * The config of a named variant:
 * - full: every update with every input (Fig. 4a);
 * - messagePassing: edge messages from both end nodes, node update from received messages, no globals (MPNN, Fig. 4c without readout);
 * - interaction: interaction network — edge and node updates also see the globals, no global update (Fig. 4b);
 * - deepSets: no edge update; nodes see the globals, the global update pools the nodes (Fig. 4e);
 * - relation: relation network — edges from both end nodes only, pooled straight into the global (Fig. 4d).
 */
export function gnVariant(variant: GnVariant, aggregation: Aggregation = "sum"): GnBlockConfig {
  switch (variant) {
    case "full":
      return { edge: { receivers: true, senders: true, globals: true }, node: { receivedEdges: true, globals: true }, global: { edges: true, nodes: true }, aggregation };
    case "messagePassing":
      return { edge: { receivers: true, senders: true, globals: false }, node: { receivedEdges: true, globals: false }, global: false, aggregation };
    case "interaction":
      return { edge: { receivers: true, senders: true, globals: true }, node: { receivedEdges: true, globals: true }, global: false, aggregation };
    case "deepSets":
      return { edge: false, node: { receivedEdges: false, globals: true }, global: { edges: false, nodes: true }, aggregation };
    case "relation":
      return { edge: { receivers: true, senders: true, globals: false }, node: false, global: { edges: true, nodes: false }, aggregation };
    default:
      throw new CajalError(badOption("gnVariant", "variant", variant, "full, messagePassing, interaction, deepSets or relation"));
  }
}

/** Widths of node, edge and global features. */
export interface GraphWidths {
  readonly node: number;
  readonly edge: number;
  readonly global: number;
}

/** A GN block: params under "edge/…", "node/…", "global/…". */
export interface GnBlock {
  readonly params: Record<string, tf.Variable>;
  readonly config: GnBlockConfig;
  /** Widths of its outputs (an update that is off keeps its input width). */
  readonly outputs: GraphWidths;
  /** Which update functions run, for tables: e.g. ["φᵉ", "φᵛ"]. */
  readonly functions: readonly string[];
  apply(state: GraphState, structure: GraphTensors, params?: Tensors): GraphState;
}

/** Options of `gnBlock`. */
export interface GnBlockOptions {
  readonly inputs: GraphWidths;
  readonly config: GnBlockConfig;
  /** Builds the MLP of one function from its input width ("edge", "node" or "global" names it). */
  readonly makeModel: (inputs: number, name: "edge" | "node" | "global", rng: Rng) => Layer & { readonly outputs: number };
  readonly rng: Rng;
}

/** Builds a GN block (paper Algorithm 1) from a config and an MLP factory. */
export function gnBlock(options: GnBlockOptions): GnBlock {
  const { inputs, config, rng } = options;
  const agg = config.aggregation ?? "sum";
  const models: Record<string, Layer & { readonly outputs: number }> = {};
  let edgeOut = inputs.edge;
  if (config.edge) {
    const c = config.edge;
    const width = inputs.edge + (c.receivers ? inputs.node : 0) + (c.senders ? inputs.node : 0) + (c.globals ? inputs.global : 0);
    models.edge = options.makeModel(width, "edge", rng.stream("edge"));
    edgeOut = models.edge.outputs;
  }
  let nodeOut = inputs.node;
  if (config.node) {
    const c = config.node;
    const width = inputs.node + (c.receivedEdges ? edgeOut : 0) + (c.sentEdges ? edgeOut : 0) + (c.globals ? inputs.global : 0);
    models.node = options.makeModel(width, "node", rng.stream("node"));
    nodeOut = models.node.outputs;
  }
  let globalOut = inputs.global;
  if (config.global) {
    const c = config.global;
    const width = inputs.global + (c.edges ? edgeOut : 0) + (c.nodes ? nodeOut : 0);
    models.global = options.makeModel(width, "global", rng.stream("global"));
    globalOut = models.global.outputs;
  }
  const functions = [config.edge && "φᵉ", config.node && "φᵛ", config.global && "φᵘ"].filter((f): f is string => typeof f === "string");
  return {
    params: collectParams(models),
    config,
    outputs: { node: nodeOut, edge: edgeOut, global: globalOut },
    functions,
    apply(state: GraphState, g: GraphTensors, override?: Tensors): GraphState {
      let edges = state.edges;
      if (config.edge) {
        const parts: tf.Tensor[] = [state.edges];
        if (config.edge.receivers) parts.push(tf.gather(state.nodes, g.receivers));
        if (config.edge.senders) parts.push(tf.gather(state.nodes, g.senders));
        if (config.edge.globals) parts.push(tf.gather(state.globals, g.edgeGraph));
        edges = models.edge!.apply(tf.concat(parts, 1), scope(override, "edge")) as tf.Tensor2D;
      }
      let nodes = state.nodes;
      if (config.node) {
        const parts: tf.Tensor[] = [];
        if (config.node.receivedEdges) parts.push(aggregate(agg, edges, g.receivers, g.numNodes));
        if (config.node.sentEdges) parts.push(aggregate(agg, edges, g.senders, g.numNodes));
        parts.push(state.nodes);
        if (config.node.globals) parts.push(tf.gather(state.globals, g.nodeGraph));
        nodes = models.node!.apply(tf.concat(parts, 1), scope(override, "node")) as tf.Tensor2D;
      }
      let globals = state.globals;
      if (config.global) {
        const parts: tf.Tensor[] = [];
        if (config.global.edges) parts.push(aggregate(agg, edges, g.edgeGraph, g.numGraphs));
        if (config.global.nodes) parts.push(aggregate(agg, nodes, g.nodeGraph, g.numGraphs));
        parts.push(state.globals);
        globals = models.global!.apply(tf.concat(parts, 1), scope(override, "global")) as tf.Tensor2D;
      }
      return { nodes, edges, globals };
    },
  };
}
