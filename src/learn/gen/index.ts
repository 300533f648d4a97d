/** Score-based generative sampling with geometric Brownian motion: log-normal mixtures, GBM SDE steps, M-DSM, sample metrics. */
export {
  type LogNormalMixture, gbmMarginal, hyvarinenScore, logDensityY, logNormalMixture, logNormalMixtureCdf, normalCdf, sampleLogNormalMixture,
} from "./log-normal-mixture.js";
export { type GbmSampler, type ReverseSamplingOptions, eulerMaruyamaStep, gbmPerturb, nonPositiveFraction, reverseGbmStep, sampleReverseGbm } from "./sde.js";
export { frechetDistance, ksStatistic, meanAndCovariance, slicedWasserstein, symmetricEigen, wasserstein1d } from "./metrics.js";
export { type MdsmWeighting, type ScoreNetSpec, applyScoreNet, conditionalScore, initScoreNet, mdsmLoss, timeEmbedding } from "./score-net.js";
export { type TrainScoreOptions, networkScore, trainScoreNet } from "./train-score.js";
