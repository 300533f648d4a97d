/**
 * The encode–process–decode graph network of the graph_nets demos (`demos/models.py`): an encoder
 * (an independent MLP per edge, node and global), a shared core GN block applied `steps` times to
 * the concatenation [encoded input, current latent], a decoder (independent MLPs) and a linear
 * output transform, with an output after every processing step. With `steps = 0` it is the
 * GraphIndependent baseline: encoder → decoder → output, no message passing.
 */
import type { Rng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { dense } from "../layers/dense.js";
import { badOption } from "../messages.js";
import { type Layer, type Tensors, collectParams, scope } from "../params.js";
import { tf } from "../tf.js";
import { type GnBlock, type GnBlockConfig, type GraphState, type GraphWidths, gnBlock } from "./gn-block.js";
import type { GraphTensors } from "./graphs-tuple.js";
import { mlp } from "./mlp.js";

/** What the output transform produces; a missing size leaves that part out (undefined in outputs). */
export interface OutputSizes {
  readonly node?: number;
  readonly edge?: number;
  readonly global?: number;
}

/** Outputs of one processing step. */
export interface GraphOutput {
  readonly nodes?: tf.Tensor2D;
  readonly edges?: tf.Tensor2D;
  readonly globals?: tf.Tensor2D;
}

/** Options of `encodeProcessDecode`. */
export interface EncodeProcessDecodeOptions {
  readonly inputs: GraphWidths;
  readonly outputs: OutputSizes;
  /** The core block's config (see `gnVariant`). */
  readonly core: GnBlockConfig;
  /** Latent width (default 16, the demos' LATENT_SIZE). */
  readonly latent?: number;
  /** MLP depth (default 2, the demos' NUM_LAYERS). */
  readonly layers?: number;
  readonly rng: Rng;
}

/** An encode–process–decode model. */
export interface EncodeProcessDecode {
  readonly params: Record<string, tf.Variable>;
  readonly core: GnBlock;
  /** Output after each of `steps` processing steps (one output, of the encoder–decoder path, when steps = 0). */
  apply(graph: GraphTensors, steps: number, params?: Tensors): GraphOutput[];
}

type Model = Layer & { readonly outputs: number };

/** Builds the demos' EncodeProcessDecode model. */
export function encodeProcessDecode(options: EncodeProcessDecodeOptions): EncodeProcessDecode {
  const latent = options.latent ?? 16;
  const hidden = Array.from({ length: options.layers ?? 2 }, () => latent);
  const rng = options.rng;
  const make = (inputs: number, r: Rng): Model => mlp({ inputs, hidden, rng: r });
  const parts = ["edge", "node", "global"] as const;
  const widthOf = (w: GraphWidths, p: (typeof parts)[number]) => w[p];
  const encoder: Record<string, Model> = {};
  const decoder: Record<string, Model> = {};
  const head: Record<string, Layer> = {};
  for (const p of parts) {
    encoder[p] = make(widthOf(options.inputs, p), rng.stream(`encoder/${p}`));
    decoder[p] = make(latent, rng.stream(`decoder/${p}`));
    const size = options.outputs[p];
    if (size !== undefined) head[p] = dense({ inputs: latent, units: size, rng: rng.stream(`output/${p}`) });
  }
  const core = gnBlock({
    inputs: { node: 2 * latent, edge: 2 * latent, global: 2 * latent },
    config: options.core,
    makeModel: (inputs, _name, r) => make(inputs, r),
    rng: rng.stream("core"),
  });
  // An update that is switched off passes its input through; the latent keeps width `latent` by
  // keeping the current latent part for it (see apply).
  const params = {
    ...prefixed("encoder", collectParams(encoder)),
    ...prefixed("core", core.params),
    ...prefixed("decoder", collectParams(decoder)),
    ...prefixed("output", collectParams(head)),
  };
  const decode = (s: GraphState, override?: Tensors): GraphOutput => {
    const out: { nodes?: tf.Tensor2D; edges?: tf.Tensor2D; globals?: tf.Tensor2D } = {};
    const d = (p: (typeof parts)[number], x: tf.Tensor2D) =>
      head[p]!.apply(decoder[p]!.apply(x, scope(override, `decoder/${p}`)), scope(override, `output/${p}`)) as tf.Tensor2D;
    if (head.node) out.nodes = d("node", s.nodes);
    if (head.edge) out.edges = d("edge", s.edges);
    if (head.global) out.globals = d("global", s.globals);
    return out;
  };
  return {
    params,
    core,
    apply(graph: GraphTensors, steps: number, override?: Tensors): GraphOutput[] {
      if (!(Number.isInteger(steps) && steps >= 0)) throw new CajalError(badOption("encodeProcessDecode.apply", "steps", steps, "an integer ≥ 0"));
      const enc = (p: (typeof parts)[number], x: tf.Tensor2D) => encoder[p]!.apply(x, scope(override, `encoder/${p}`)) as tf.Tensor2D;
      const latent0: GraphState = { nodes: enc("node", graph.nodes), edges: enc("edge", graph.edges), globals: enc("global", graph.globals) };
      if (steps === 0) return [decode(latent0, override)];
      const coreParams = scope(override, "core");
      let current = latent0;
      const outputs: GraphOutput[] = [];
      for (let s = 0; s < steps; s++) {
        const input: GraphState = {
          nodes: tf.concat([latent0.nodes, current.nodes], 1),
          edges: tf.concat([latent0.edges, current.edges], 1),
          globals: tf.concat([latent0.globals, current.globals], 1),
        };
        const next = core.apply(input, graph, coreParams);
        current = {
          nodes: options.core.node ? next.nodes : current.nodes,
          edges: options.core.edge ? next.edges : current.edges,
          globals: options.core.global ? next.globals : current.globals,
        };
        outputs.push(decode(current, override));
      }
      return outputs;
    },
  };
}

function prefixed(prefix: string, params: Record<string, tf.Variable>): Record<string, tf.Variable> {
  const out: Record<string, tf.Variable> = {};
  for (const [name, v] of Object.entries(params)) out[`${prefix}/${name}`] = v;
  return out;
}
