/** Case kinds the runner understands, by the fixture's `kind` field. */
import type { KindHandler } from "../runner.js";
import { aif360 } from "./aif360.js";
import { aif360Postprocessing } from "./aif360_postprocessing.js";
import { calibration } from "./calibration.js";
import { calibrationFlexible } from "./calibration_flexible.js";
import { calibrationRegression } from "./calibration_regression.js";
import { metricsControlKind, metricsErrorKind, metricsKind } from "./metrics.js";
import { multiclass } from "./multiclass.js";
import { netBenefit } from "./net_benefit.js";
import { reductions } from "./reductions.js";
import { regression } from "./regression.js";
import { stats } from "./stats.js";
import { thresholdOptimizer, thresholdOptimizerError } from "./threshold_optimizer.js";

export const KINDS: Record<string, KindHandler> = {
  aif360,
  aif360_postprocessing: aif360Postprocessing,
  calibration,
  calibration_flexible: calibrationFlexible,
  calibration_regression: calibrationRegression,
  metrics: metricsKind,
  metrics_control: metricsControlKind,
  metrics_error: metricsErrorKind,
  net_benefit: netBenefit,
  multiclass,
  reductions,
  regression,
  stats,
  threshold_optimizer: thresholdOptimizer,
  threshold_optimizer_error: thresholdOptimizerError,
};
