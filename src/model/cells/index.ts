/**
 * The `cells` namespace: standard cell types and spike sources.
 *
 * @example
 * const exc = net.population("exc", 3200, cells.lifCurrExp({ tauM: 20, vThresh: -50 }));
 */
export {
  lifCurrExp, lifCondExp, lifCurrAlpha, lifCondAlpha, lifCurrDelta, lifCurrExpAdaptive,
  izhikevich, izhikevichCurrExp, adexCondExpIsfaIsta,
} from "./standard.js";
export { spikeSourceArray } from "./sources/spike-source-array.js";
export { spikeSourcePoisson } from "./sources/spike-source-poisson.js";
export { rateUnit, rateSource } from "./rate.js";
