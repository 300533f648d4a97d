/**
 * The two-branch fusion network of the IEMF notebook: a visual encoder MLP, an audio encoder MLP,
 * concatenation fusion [audio, visual] → `fcOut`, and a unimodal linear head on each encoder (the
 * released code's `audio_fc`, `visual_fc`).
 */
import type { Rng } from "../../core/rng.js";
import { dense } from "../layers/dense.js";
import { type Layer, type Tensors, collectParams, scope } from "../params.js";
import { tf } from "../tf.js";

/** Sizes of `avFusionModel`; defaults are the notebook's (≈ 45 k parameters). */
export interface AvFusionOptions {
  /** Visual input size; default 196 (14 × 14). */
  readonly visualDim?: number;
  /** Audio input size; default 64. */
  readonly audioDim?: number;
  /** Hidden and feature widths of the visual encoder; default [128, 64]. */
  readonly visualHidden?: readonly [number, number];
  /** Hidden and feature widths of the audio encoder; default [64, 64]. */
  readonly audioHidden?: readonly [number, number];
  readonly classes?: number;
  readonly rng: Rng;
}

/** Outputs of one forward pass. */
export interface AvFusionOutputs {
  /** fcOut logits of the fused features. */
  readonly fused: tf.Tensor2D;
  /** Unimodal head logits. */
  readonly audioHead: tf.Tensor2D;
  readonly visualHead: tf.Tensor2D;
  /** Encoder features. */
  readonly audioFeatures: tf.Tensor2D;
  readonly visualFeatures: tf.Tensor2D;
}

/** The model: params under "visual/…", "audio/…", "fcOut/…", "audioHead/…", "visualHead/…". */
export interface AvFusionModel {
  readonly params: Record<string, tf.Variable>;
  /** Width of the audio features: fcOut's kernel rows 0 … audioFeatures−1 see audio, the rest visual. */
  readonly audioFeatures: number;
  readonly classes: number;
  forward(visual: tf.Tensor2D, audio: tf.Tensor2D, params?: Tensors): AvFusionOutputs;
}

/** Builds the two-branch concat-fusion model with unimodal heads. */
export function avFusionModel(options: AvFusionOptions): AvFusionModel {
  const vDim = options.visualDim ?? 196, aDim = options.audioDim ?? 64, classes = options.classes ?? 10;
  const [vh, vf] = options.visualHidden ?? [128, 64];
  const [ah, af] = options.audioHidden ?? [64, 64];
  const r = options.rng;
  const layers: Record<string, Layer> = {
    "visual/h1": dense({ inputs: vDim, units: vh, activation: "relu", rng: r.stream("visual/h1") }),
    "visual/h2": dense({ inputs: vh, units: vf, activation: "relu", rng: r.stream("visual/h2") }),
    "audio/h1": dense({ inputs: aDim, units: ah, activation: "relu", rng: r.stream("audio/h1") }),
    "audio/h2": dense({ inputs: ah, units: af, activation: "relu", rng: r.stream("audio/h2") }),
    fcOut: dense({ inputs: af + vf, units: classes, rng: r.stream("fcOut") }),
    audioHead: dense({ inputs: af, units: classes, rng: r.stream("audioHead") }),
    visualHead: dense({ inputs: vf, units: classes, rng: r.stream("visualHead") }),
  };
  const call = (name: string, x: tf.Tensor, p?: Tensors) => layers[name]!.apply(x, scope(p, name)) as tf.Tensor2D;
  return {
    params: collectParams(layers),
    audioFeatures: af,
    classes,
    forward(visual, audio, p) {
      const visualFeatures = call("visual/h2", call("visual/h1", visual, p), p);
      const audioFeatures = call("audio/h2", call("audio/h1", audio, p), p);
      return {
        fused: call("fcOut", tf.concat([audioFeatures, visualFeatures], 1), p),
        audioHead: call("audioHead", audioFeatures, p),
        visualHead: call("visualHead", visualFeatures, p),
        audioFeatures,
        visualFeatures,
      };
    },
  };
}
