/**
 * The cells users type: one line of composition each, with PyNN's names, defaults and units
 * (ms, mV, nA, nF, µS).
 */
import type { Problem } from "../../core/errors.js";
import * as msg from "../messages.js";
import { compose, resetBelowThreshold, type CellCheck } from "./compose.js";
import { adex } from "./neuron/adex.js";
import { izhikevich as izhikevichModel } from "./neuron/izhikevich.js";
import { lif } from "./neuron/lif.js";
import { alpha } from "./synapse/alpha.js";
import { delta } from "./synapse/delta.js";
import { exponential } from "./synapse/exponential.js";
import { conductance } from "./input/conductance.js";
import { current } from "./input/current.js";
import { adaptiveThreshold } from "./threshold/adaptive.js";
import { cutoffThreshold } from "./threshold/cutoff.js";
import { staticThreshold } from "./threshold/static.js";

type Flat<D> = D extends { params: infer T } ? { -readonly [K in keyof T]: number } : never;
type Lif = Flat<typeof lif>;
type ExpSyn = Flat<typeof exponential>;
type AlphaSyn = Flat<typeof alpha>;
type Cond = Flat<typeof conductance>;
type Static = Flat<typeof staticThreshold>;
type Adaptive = Flat<typeof adaptiveThreshold>;

const resetBelowSpike: CellCheck = (p, place): Problem | undefined =>
  p.vReset! < p.vSpike! ? undefined : msg.resetNotBelowThreshold(place, p.vReset!, p.vSpike!);

/** IF_curr_exp: LIF, exponential current synapses, static threshold. Integrated with the exact propagator. */
export const lifCurrExp = compose<Lif & ExpSyn & Static>("IF_curr_exp",
  { neuron: lif, synapse: exponential, input: current, threshold: staticThreshold }, { checks: [resetBelowThreshold] });

/** IF_cond_exp: LIF, exponential conductance synapses (µS), static threshold. */
export const lifCondExp = compose<Lif & ExpSyn & Cond & Static>("IF_cond_exp",
  { neuron: lif, synapse: exponential, input: conductance, threshold: staticThreshold }, { checks: [resetBelowThreshold] });

/** IF_curr_alpha: LIF, alpha-shaped current synapses, static threshold. */
export const lifCurrAlpha = compose<Lif & AlphaSyn & Static>("IF_curr_alpha",
  { neuron: lif, synapse: alpha, input: current, threshold: staticThreshold }, { checks: [resetBelowThreshold] });

/** IF_cond_alpha: LIF, alpha-shaped conductance synapses, static threshold. */
export const lifCondAlpha = compose<Lif & AlphaSyn & Cond & Static>("IF_cond_alpha",
  { neuron: lif, synapse: alpha, input: conductance, threshold: staticThreshold }, { checks: [resetBelowThreshold] });

/** LIF with delta current synapses (a weight is a current for one timestep), static threshold. */
export const lifCurrDelta = compose<Lif & Static>("IF_curr_delta",
  { neuron: lif, synapse: delta, input: current, threshold: staticThreshold }, { checks: [resetBelowThreshold] });

/** LIF with exponential current synapses and an adaptive threshold (no PyNN standard cell). */
export const lifCurrExpAdaptive = compose<Lif & ExpSyn & Adaptive>("IF_curr_exp_adaptive",
  { neuron: lif, synapse: exponential, input: current, threshold: adaptiveThreshold }, { checks: [resetBelowThreshold] });

/** PyNN's Izhikevich: delta current synapses, spike at v ≥ 30 mV (vThresh, not a PyNN parameter). */
export const izhikevich = compose<Flat<typeof izhikevichModel> & Static>("Izhikevich",
  { neuron: izhikevichModel, synapse: delta, input: current, threshold: staticThreshold },
  { defaults: { vThresh: 30 }, notInPyNN: ["vThresh"] });

/** Izhikevich with exponential current synapses (sPyNNaker's Izhikevich build). */
export const izhikevichCurrExp = compose<Flat<typeof izhikevichModel> & ExpSyn & Static>("Izhikevich_curr_exp",
  { neuron: izhikevichModel, synapse: exponential, input: current, threshold: staticThreshold },
  { defaults: { vThresh: 30 }, notInPyNN: ["vThresh"] });

/** EIF_cond_exp_isfa_ista: AdEx with exponential conductance synapses (PyNN's defaults, eRevI −80 mV). */
export const adexCondExpIsfaIsta = compose<Flat<typeof adex> & ExpSyn & Cond & Flat<typeof cutoffThreshold>>(
  "EIF_cond_exp_isfa_ista",
  { neuron: adex, synapse: exponential, input: conductance, threshold: cutoffThreshold },
  { defaults: { eRevI: -80 }, checks: [resetBelowSpike] });
