/**
 * The cycle-cost model of a neuron core (spinnaker.md §6.2): estimated busy cycles per timestep
 * and the slack left in the real-time budget. All results are ESTIMATES: the per-neuron figures are
 * sPyNNaker 6.0.1's own resource guesses, the synaptic ones are set from the stack's design target
 * (≈ 20 cycles per synaptic event, measured within 2×) and are placeholders to be calibrated.
 */
import { CLOCK_HZ } from "../machine/spin1.js";

/** Cost coefficients (cycles). `source` says where each number comes from. */
export const CYCLE_COEFFICIENTS = {
  neuronModel: { lif: 100, izhikevich: 150, source: "sPyNNaker 6.0.1 get_n_cpu_cycles" },
  synapseShapeExp: { value: 100, source: "sPyNNaker 6.0.1 synapse_type_exponential.py" },
  inputType: { current: 0, conductance: 10, source: "sPyNNaker 6.0.1 input types" },
  thresholdStatic: { value: 2, source: "sPyNNaker 6.0.1 threshold_type_static.py" },
  updateBase: { value: 10, perNeuron: 22, source: "sPyNNaker 6.0.1 abstract_population_vertex.py" },
  staticSynapse: { value: 30, source: "design target 20 cycles/event, measured within 2× (estimate)" },
  plasticSynapse: { value: 120, source: "4 × static (unverified)" },
  row: { value: 200, source: "order-of-magnitude placeholder (unverified)" },
  lookupPerLevel: { value: 10, source: "order-of-magnitude placeholder (unverified)" },
  packet: { value: 50, source: "order-of-magnitude placeholder (unverified)" },
} as const;

/** What one core did in one timestep. */
export interface CoreTickLoad {
  readonly nNeurons: number;
  readonly neuronModel: "lif" | "izhikevich";
  readonly inputType: "current" | "conductance";
  /** Spikes whose rows the core processed this tick. */
  readonly spikesReceived: number;
  /** Static and plastic synapses in those rows. */
  readonly staticSynapses: number;
  readonly plasticSynapses: number;
  /** Population-table entries searched by binary search. */
  readonly popTableEntries: number;
}

/** A core's estimated busy cycles in one tick and its slack against the budget. */
export interface TickCycleEstimate {
  readonly kind: "estimate";
  readonly busyCycles: number;
  readonly budgetCycles: number;
  /** `budget − busy`; negative predicts a timer overrun. */
  readonly slackCycles: number;
  readonly predictedOverrun: boolean;
}

/** Cycles available per tick: `f_cpu · dt · time_scale_factor` (200,000 at 1 ms, factor 1). */
export function cyclesPerTick(dtMs: number, timeScaleFactor = 1, clockHz = CLOCK_HZ): number {
  return Math.round((clockHz * dtMs * timeScaleFactor) / 1000);
}

/** The part of a core's tick cost fixed by its neurons and population table, and the price of each event (cycles). */
export interface CoreCycleCoefficients {
  readonly fixedCycles: number;
  readonly perSpike: number;
  readonly perStaticSynapse: number;
  readonly perPlasticSynapse: number;
  readonly budgetCycles: number;
}

/**
 * The coefficients of `estimateTickCycles` for one core, so a run loop can estimate every tick as
 * `fixed + spikes·perSpike + static·perStaticSynapse + plastic·perPlasticSynapse` without allocating.
 */
export function coreCycleCoefficients(
  core: Pick<CoreTickLoad, "nNeurons" | "neuronModel" | "inputType" | "popTableEntries">, dtMs: number, timeScaleFactor = 1,
): CoreCycleCoefficients {
  const k = CYCLE_COEFFICIENTS;
  const perNeuron = k.neuronModel[core.neuronModel] + k.synapseShapeExp.value + k.inputType[core.inputType] +
    k.thresholdStatic.value + k.updateBase.perNeuron;
  const lookup = k.lookupPerLevel.value * Math.ceil(Math.log2(Math.max(2, core.popTableEntries)));
  return {
    fixedCycles: k.updateBase.value + core.nNeurons * perNeuron,
    perSpike: k.packet.value + lookup + k.row.value,
    perStaticSynapse: k.staticSynapse.value,
    perPlasticSynapse: k.plasticSynapse.value,
    budgetCycles: cyclesPerTick(dtMs, timeScaleFactor),
  };
}

/** Busy cycles of one tick from a core's coefficients (all terms are whole numbers, so the sum is exact). */
export function busyCycles(c: CoreCycleCoefficients, spikes: number, staticSynapses: number, plasticSynapses: number): number {
  return c.fixedCycles + spikes * c.perSpike + staticSynapses * c.perStaticSynapse + plasticSynapses * c.perPlasticSynapse;
}

/** Estimated busy cycles of one core in one tick: `C_neurons + C_synaptic` (spinnaker.md §6.2). */
export function estimateTickCycles(load: CoreTickLoad, dtMs: number, timeScaleFactor = 1): TickCycleEstimate {
  const c = coreCycleCoefficients(load, dtMs, timeScaleFactor);
  const busy = busyCycles(c, load.spikesReceived, load.staticSynapses, load.plasticSynapses);
  return { kind: "estimate", busyCycles: busy, budgetCycles: c.budgetCycles, slackCycles: c.budgetCycles - busy, predictedOverrun: busy > c.budgetCycles };
}
