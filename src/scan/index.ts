/** Subgroup scans: the MDSS bias scan and SliceLine-style slice discovery. */
export type {
  BiasScanCells,
  BiasScanInput,
  BiasScanOptions,
  BiasScanResult,
  ScanStep,
  ScanSubgroup,
} from "./biasScan.js";
export { biasScan, biasScanOfCells } from "./biasScan.js";
export type { DescribeOptions } from "./describe.js";
export { describeSubgroup } from "./describe.js";
export type { QuantileBuckets, ScanFeatures, ScanLevel } from "./features.js";
export { quantileBuckets } from "./features.js";
export type { RowLoss } from "./rowLosses.js";
export { rowLosses } from "./rowLosses.js";
export type { ScanDirection, ScanScoring } from "./scoring.js";
export type {
  Slice,
  SliceFinderInput,
  SliceFinderOptions,
  SliceFinderResult,
} from "./sliceFinder.js";
export { sliceFinder } from "./sliceFinder.js";
