/** Case kinds the runner understands, by the fixture's `kind` field. */
import type { KindHandler } from "../runner.js";
import { calibration } from "./calibration.js";
import { calibrationRegression } from "./calibration_regression.js";
import { metricsControlKind, metricsErrorKind, metricsKind } from "./metrics.js";
import { reductions } from "./reductions.js";
import { stats } from "./stats.js";

export const KINDS: Record<string, KindHandler> = {
  calibration,
  calibration_regression: calibrationRegression,
  metrics: metricsKind,
  metrics_control: metricsControlKind,
  metrics_error: metricsErrorKind,
  reductions,
  stats,
};
