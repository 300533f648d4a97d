/** The reference backend's kernel registry: every component it can run, by (kind, name). */
import { createKernelRegistry } from "../../model/backend.js";
import type { KernelFactory } from "../state.js";
import { adaptiveThresholdKernel } from "./adaptive.js";
import { adexKernel } from "./adex.js";
import { alphaKernel } from "./alpha.js";
import { conductanceKernel } from "./conductance.js";
import { currentKernel } from "./current.js";
import { cutoffThresholdKernel } from "./cutoff.js";
import { deltaKernel } from "./delta.js";
import { exponentialKernel } from "./exponential.js";
import { izhikevichKernel } from "./izhikevich.js";
import { lifKernel } from "./lif.js";
import { staticThresholdKernel } from "./static.js";

/** Kernels of the reference backend; sources and plasticity rules are registered with a null factory to answer "supported?". */
export const referenceKernels = createKernelRegistry<KernelFactory | null>("reference");
referenceKernels.register("neuron", "lif", lifKernel);
referenceKernels.register("neuron", "izhikevich", izhikevichKernel);
referenceKernels.register("neuron", "adex", adexKernel);
referenceKernels.register("synapse", "exponential", exponentialKernel);
referenceKernels.register("synapse", "alpha", alphaKernel);
referenceKernels.register("synapse", "delta", deltaKernel);
referenceKernels.register("input", "current", currentKernel);
referenceKernels.register("input", "conductance", conductanceKernel);
referenceKernels.register("threshold", "static", staticThresholdKernel);
referenceKernels.register("threshold", "adaptive", adaptiveThresholdKernel);
referenceKernels.register("threshold", "cutoff", cutoffThresholdKernel);
referenceKernels.register("source", "spikeSourceArray", null);
referenceKernels.register("source", "spikeSourcePoisson", null);
referenceKernels.register("plasticity", "stdp", null);
