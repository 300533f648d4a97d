/** Graph utilities: an undirected weighted graph, Dijkstra shortest paths, random geometric graphs and graph tasks. */
export { type Edge, Graph } from "./graph.js";
export { type ShortestPathTree, dijkstra, pathTo, shortestPath } from "./shortest-paths.js";
export {
  type GeographicThresholdOptions, type GeometricGraph, type ShortestPathProblem, type ShortestPathProblemOptions, type SortProblem,
  distance2d, euclideanMst, geographicThresholdGraph, shortestPathProblem, sortProblem,
} from "./generators.js";
