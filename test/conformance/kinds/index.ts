/** Case kinds the runner understands, by the fixture's `kind` field. */
import type { KindHandler } from "../runner.js";
import { calibration } from "./calibration.js";
import { calibrationRegression } from "./calibration_regression.js";

export const KINDS: Record<string, KindHandler> = {
  calibration,
  calibration_regression: calibrationRegression,
};
