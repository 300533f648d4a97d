export { mode, seed, byMode, DEFAULT_SEED, type Mode } from "./env.js";
export { claims, notChecked, contradicted, between, verdictOf, ClaimError, ClaimTable, CLAIMS_MIME, type Claim, type ClaimVerdict } from "./claims.js";
export { display, mimeBundleOf, isDisplayable, type Displayable } from "./display.js";
export { progress, type Progress } from "./progress.js";
export { kernelChannel, setKernelChannel, type DisplayChannel } from "./channel.js";
