/** The mapper: application graph → placements, keys, multicast trees and routing tables. */
export * from "./appGraph.js";
export * from "./atomsPerCore.js";
export * from "./splitter.js";
export * from "./placer.js";
export * from "./keys.js";
export * from "./router.js";
export * from "./tables.js";
export * from "./compress.js";
export * from "./orderedCovering.js";
export * from "./multicast.js";
export * from "./mapper.js";
export * from "./groupBy.js";
export * from "./report.js";
export * from "./messages.js";
