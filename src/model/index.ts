/**
 * The modelling DSL: networks, populations, projections, connectors, cell types and plasticity,
 * as validated, serialisable descriptions.
 */
import * as cells from "./cells/index.js";
import * as connect from "./connectors.js";
import * as currents from "./currents.js";
import * as plasticity from "./plasticity.js";
import * as structure from "./structure.js";

export { cells, connect, currents, plasticity, structure };
export { network, Network, Population, PopulationView, Projection } from "./network.js";
export type { NetworkOptions, PopulationOptions, SynapseOptions, ProjectOptions, NetworkRunOptions } from "./network.js";
export type { NetworkSpec, PopulationSpec, ProjectionSpec, RecordingSpec, Selection, Injection, Receptor, InitialValue, SourceType, PopulationType } from "./spec.js";
export type { CellType, Component, ComponentDef, ComponentKind } from "./cells/compose.js";
export type { RateUnit, RateSource, RateType, Activation } from "./cells/rate.js";
export type { Connector } from "./connectors.js";
export type { CurrentSource, DcSource, StepSource, AcSource } from "./currents.js";
export type { Plasticity, Stdp, SpikePair, Triplet, Additive, Multiplicative, Hebbian, Oja, Bcm } from "./plasticity.js";
export type { Distribution, IndexFunction, ValueSpec } from "./values.js";
export type { ParamSpec, ParamTable, Unit } from "./params.js";
export { registerBackend, findBackend, backendNames, createKernelRegistry, replayingSession, perNeuronSupportProblems } from "./backend.js";
export type { Backend, Session, AdvanceOptions, OneShotOptions } from "./backend.js";
export { cellParameters, expandProjection, initialValues, type Connections } from "./expand.js";
export type { Run, Trace, Weights } from "../results/run.js";
