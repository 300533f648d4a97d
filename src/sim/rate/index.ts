/** Rate populations on the reference backend. */
export { isRateNetwork, RateSession } from "./engine.js";
export { rateNetworkProblems } from "./check.js";
